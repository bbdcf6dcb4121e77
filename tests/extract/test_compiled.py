"""The compiled extraction modules (setup.py builds them with mypyc) must find exactly the claims that
the plain sources find: mypyc checks types at run time and treats some idioms differently (an `is`
test on an unboxed tuple, a frozen class rebuilt by pickle), so equal output is not a given."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import civcas
from civcas.bench import extraction_is_compiled

SHARED = Path(__file__).resolve().parents[3] / "shared"
INPUTS = [
    SHARED / "data" / "FA-KES-Dataset.csv",
    SHARED / "eval" / "dev_articles.csv",
    SHARED / "data" / "seeds",
]

pytestmark = [
    pytest.mark.skipif(not extraction_is_compiled(), reason="the extraction modules are not compiled here"),
    pytest.mark.skipif(not all(p.exists() for p in INPUTS), reason="../shared data not present"),
]

DUMP_CLAIMS = """
import json, sys
from pathlib import Path
from civcas import ingest
from civcas.extract import engine
from civcas.models import Article
print(engine.__file__)
for article in ingest.iter_articles([Path(p) for p in sys.argv[1:]]):
    if isinstance(article, Article):
        for claim in engine.extract_claims(article):
            print(json.dumps(claim.to_dict(), sort_keys=True, default=str))
"""


def _claims(folder: Path) -> tuple[str, list[str]]:
    """The engine's file and the claims, run in `folder`: a civcas package there comes first."""
    out = subprocess.run(
        [sys.executable, "-c", DUMP_CLAIMS, *map(str, INPUTS)],
        cwd=folder,
        env=dict(os.environ, PYTHONPATH=str(folder)),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return out[0], out[1:]


def test_compiled_and_plain_modules_find_the_same_claims_in_every_shared_article(tmp_path):
    package = Path(civcas.__file__).parent
    shutil.copytree(package, tmp_path / "civcas", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    compiled_engine, compiled = _claims(package.parent)
    plain_engine, plain = _claims(tmp_path)

    assert not compiled_engine.endswith(".py")
    assert plain_engine == str(tmp_path / "civcas" / "extract" / "engine.py")
    assert len(compiled) > 1000
    assert compiled == plain
