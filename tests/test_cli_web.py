"""CLI commands of the web app: user add, bench api (output shape only; speed is never asserted)."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys

import httpx
from typer.testing import CliRunner

from civcas import bench_api
from civcas.cli import app
from civcas.store import Store

HAJIN = "inc-3ff8fc5a06"


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


def test_serve_with_two_workers_shows_a_write_through_either(seeded_db, tmp_path):
    path = str(tmp_path / "s.db")
    shutil.copy(seeded_db, path)
    with Store(path) as store:
        token = store.add_user("erin")
    port = bench_api._free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "civcas", "--db", path, "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        bench_api._wait_ready(base, server)
        pages = [httpx.get(f"{base}/incidents/{HAJIN}").text for _ in range(6)]  # cached in each worker
        assert all("edit_claim" not in p for p in pages)
        edit = {"field": "killed.civilians", "value": "29"}
        headers = {"Authorization": f"Bearer {token}"}
        assert httpx.post(
            f"{base}/api/claims/d01_hajin_levantnews%230", json=edit, headers=headers
        ).is_success
        for _ in range(6):  # new connections: both workers answer, neither serves its stale copy
            assert '{"killed.civilians": 29}' in httpx.get(f"{base}/incidents/{HAJIN}").text
    finally:
        server.terminate()
        server.wait(10)
