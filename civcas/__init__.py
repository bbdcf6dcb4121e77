"""civcas: war-news reports -> a verified, deduplicated, geocoded record of civilian-harm incidents.

Pipeline (one module per stage, data flows one way):
ingest -> extract -> geo -> link -> assess -> store / export / cli

The extraction hot path (civcas.geo, civcas.extract) is compiled with mypyc when installed
(setup.py); the compiled modules sit beside their sources and give the same results.
"""

import os
import warnings

__version__ = "0.1.0"


def stale_compiled_modules() -> list[str]:
    """Compiled modules older than their source: Python would load them and ignore the edit.
    Only a source checkout can have any (an editable install builds them beside the sources)."""
    stale: list[str] = []
    package = os.path.dirname(__file__)
    if not os.path.exists(os.path.join(os.path.dirname(package), "pyproject.toml")):
        return stale  # an installed copy: its files' times say when they were unpacked, not edited
    for folder in (package, os.path.join(package, "extract")):
        for entry in os.scandir(folder):
            if not entry.name.endswith(".so"):
                continue
            source = os.path.join(folder, entry.name.split(".", 1)[0] + ".py")
            if os.path.exists(source) and os.path.getmtime(source) > entry.stat().st_mtime:
                stale.append(os.path.relpath(source, os.path.dirname(package)))
    return stale


if _stale := stale_compiled_modules():
    warnings.warn(
        f"compiled modules older than their sources ({', '.join(_stale)}): the edits are not in effect; "
        "run `make` to rebuild them, or `make pure` to run the plain sources",
        RuntimeWarning,
        stacklevel=2,
    )
