"""CLI commands of the web app: user add, bench api (output shape only; speed is never asserted)."""

from __future__ import annotations

import random
import re

from typer.testing import CliRunner

from civcas import bench_api
from civcas.cli import app
from civcas.store import Store


def test_user_add_prints_a_token_that_authenticates(tmp_path):
    db = str(tmp_path / "u.db")
    result = CliRunner().invoke(app, ["--db", db, "user", "add", "dana"])
    assert result.exit_code == 0
    token = result.stdout.strip()
    with Store(db) as store:
        assert store.user_for_token(token) == "dana" and store.user_for_token(token + "x") is None
        again = store.add_user("dana")  # a new token replaces the old one
        assert store.user_for_token(again) == "dana" and store.user_for_token(token) is None


def test_bench_seed_bulk_inserts_whole_incidents(tmp_path):
    with Store(str(tmp_path / "b.db")) as store:
        ids = bench_api.seed(store, 300, random.Random(1))
        items, total = store.incident_page(limit=5, sort="killed", descending=True)
        assert total == 300 == len(set(ids)) and store.count_articles() >= 300
        incident = store.get_incident(items[0].id)
        assert incident.claim_ids and incident.links and incident.casualties["killed.total"][1] >= 1


def test_bench_api_ends_with_a_result_line(tmp_path):
    result = CliRunner().invoke(
        app, ["bench", "api", "--incidents", "200", "--clients", "3", "--seconds", "0.5"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert re.fullmatch(r"RESULT p50_ms=[\d.]+ p99_ms=[\d.]+ errors=0", lines[-1])
    assert any(line.startswith("list /") for line in lines) and any("incident" in line for line in lines)
