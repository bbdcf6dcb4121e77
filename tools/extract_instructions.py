"""CPU instructions of one cold extraction pass, counted by callgrind (needs valgrind).

Wall-clock figures on a shared machine move by 10-20 % from run to run; instruction counts do not,
so they decide whether a speed change is worth keeping. Run from the repository root:

    .venv/bin/python tools/extract_instructions.py [INPUT]   # default: the FA-KES CSV

It runs this file under callgrind twice, once extracting every article and once stopping after the
gazetteer has loaded, and prints `INSTR extraction=<n>G (total <n>G, load <n>G)`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

DEFAULT_INPUT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "FA-KES-Dataset.csv"


def extract_all(path: Path, load_only: bool) -> None:
    from civcas import geo, ingest
    from civcas.extract import extract_claims
    from civcas.models import Article

    articles = [a for a in ingest.iter_articles([path]) if isinstance(a, Article)]
    geo.Gazetteer.default()
    if not load_only:
        for article in articles:
            extract_claims(article)


def count(path: Path, load_only: bool) -> int:
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__]
    command += ["--run", str(path), *(["--load-only"] if load_only else [])]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str]) -> None:
    if argv[:1] == ["--run"]:
        extract_all(Path(argv[1]), load_only="--load-only" in argv)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian package: valgrind)")
    path = Path(argv[0]) if argv else DEFAULT_INPUT
    if not path.exists():
        raise SystemExit(f"missing {path}")
    total, load = count(path, load_only=False), count(path, load_only=True)
    print(f"INSTR extraction={(total - load) / 1e9:.3f}G (total {total / 1e9:.3f}G, load {load / 1e9:.3f}G)")


if __name__ == "__main__":
    main(sys.argv[1:])
