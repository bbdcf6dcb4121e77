"""Shared fixtures: a database seeded by running the real pipeline on demo/ plus one hostile article."""

from __future__ import annotations

from pathlib import Path

import pytest

from civcas import pipeline
from civcas.store import Store

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_ID = "zz_hostile"
HOSTILE = """Raid on <script>alert('xss')</script> Hajin <img src=x onerror=alert(1)>

Hajin, 22 November 2018 - Twelve civilians were killed when warplanes of the <b onmouseover=alert(2)>coalition</b> struck the town of Hajin in Deir ez-Zor, <a href="javascript:alert(3)">local sources</a> said. "); DROP TABLE incidents; --
"""


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> str:
    """Path of a SQLite database holding demo/ and the hostile article, through the whole pipeline."""
    base = tmp_path_factory.mktemp("seeded")
    hostile = base / "inputs" / f"{HOSTILE_ID}.txt"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE, encoding="utf-8")
    path = str(base / "seeded.db")
    with Store(path) as store:
        report = pipeline.run([ROOT / "demo", hostile], store)
        assert report.ok and len(report.added) == 23
    return path
