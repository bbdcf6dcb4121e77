"""The response cache: pages are served again only while the database's data revision is unchanged."""

from __future__ import annotations

import re
import shutil

import pytest
from fastapi.testclient import TestClient

from civcas import pipeline
from civcas.api import Settings, app_from_env, create_app, settings_to_env
from civcas.store import Store
from civcas.web.cache import ResponseCache

HAJIN = "inc-3ff8fc5a06"


@pytest.fixture
def copy(seeded_db, tmp_path):
    path = str(tmp_path / "c.db")
    shutil.copy(seeded_db, path)
    return path


def _cache(app) -> ResponseCache:
    layer = app.middleware_stack
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    return layer


def test_a_page_is_rendered_once_per_revision(copy):
    app = create_app(copy)
    with TestClient(app) as c:
        first = c.get(f"/incidents/{HAJIN}").text
        cache = _cache(app)
        hits = cache.hits
        assert c.get(f"/incidents/{HAJIN}").text == first and cache.hits == hits + 1
        assert c.get(f"/incidents/{HAJIN}?x=1").status_code == 200 and cache.hits == hits + 1  # another key


def test_a_write_by_another_process_shows_at_once(copy, tmp_path):
    app = create_app(copy)
    late = tmp_path / "late_hajin.txt"
    late.write_text(
        "Another strike report on Hajin\n\n22 November 2018 - Coalition warplanes struck the town of Hajin in "
        "Deir ez-Zor province yesterday, killing 31 civilians, local sources said.\n",
        encoding="utf-8",
    )
    with TestClient(app) as c:
        before = c.get(f"/api/incidents/{HAJIN}").json()
        with Store(copy) as other:  # as `civcas run` would, through its own connection
            revision = other.data_revision()
            pipeline.run([late], other)
            assert other.data_revision() > revision
        after = c.get(f"/api/incidents/{HAJIN}").json()
    assert len(after["claims"]) == len(before["claims"]) + 1


def test_an_analyst_edit_shows_at_once_and_signed_in_pages_are_not_cached(copy):
    with Store(copy) as store:
        token = store.add_user("carol")
    app = create_app(copy)
    with TestClient(app) as c:
        assert '"actor": "russia"' not in c.get(f"/incidents/{HAJIN}").text
        assert "russia" not in _list_row(c.get("/", params={"limit": 500}).text, HAJIN)
        edit = {"field": "actor", "value": "russia"}
        headers = {"Authorization": f"Bearer {token}"}
        assert c.post("/api/claims/d01_hajin_levantnews%230", json=edit, headers=headers).status_code == 200
        assert "russia" in c.get(f"/api/incidents/{HAJIN}").json()["actors"]
        assert '{"actor": "russia"}' in c.get(f"/incidents/{HAJIN}").text  # the audit entry
        assert "russia" in _list_row(c.get("/", params={"limit": 500}).text, HAJIN)  # rows cached too
        c.cookies.set("civcas_session", token)  # signed in
        entries = len(_cache(app).entries)
        assert "signed in as <b>carol</b>" in c.get(f"/incidents/{HAJIN}").text
        assert len(_cache(app).entries) == entries


def _list_row(page: str, incident_id: str) -> str:
    return re.search(rf'<tr>\s*<td><a href="/incidents/{incident_id}">.*?</tr>', page, re.S).group(0)


def test_list_rows_are_rendered_once_per_revision(copy):
    app = create_app(copy)
    with TestClient(app) as c:
        everything = c.get("/", params={"limit": 500}).text
        cache = app.state.row_cache
        assert len(cache.html) >= 19
        page = c.get("/", params={"limit": 3, "offset": 2, "sort": "killed"}).text  # rows from the cache
        ids = re.findall(r'<td><a href="/incidents/(inc-[0-9a-f]+)">', page)
        api = c.get("/api/incidents", params={"limit": 3, "offset": 2, "sort": "killed"}).json()["items"]
        assert ids == [i["id"] for i in api] and all(
            _list_row(page, i) == _list_row(everything, i) for i in ids
        )


def test_a_private_server_caches_nothing(copy):
    app = create_app(copy, Settings(read_requires_token=True))
    with TestClient(app) as c:
        assert c.get("/").status_code == 401
    layer, found = app.middleware_stack, False
    while hasattr(layer, "app"):
        found |= isinstance(layer, ResponseCache)
        layer = layer.app
    assert not found


def test_workers_build_the_same_app_from_the_environment(copy, monkeypatch):
    settings = Settings(tile_url="http://127.0.0.1:9/{z}/{x}/{y}.png", max_body_bytes=1234)
    for name, value in settings_to_env(settings, copy).items():
        monkeypatch.setenv(name, value)
    app = app_from_env()
    built = app.state.settings
    assert (built.secret, built.tile_url, built.max_body_bytes) == (settings.secret, settings.tile_url, 1234)
    assert app.state.store.url.endswith("c.db")
    app.state.store.close()


def test_the_cache_keeps_at_most_its_byte_budget(copy):
    app = create_app(copy)
    with TestClient(app) as c:
        c.get("/")
        cache = _cache(app)
        cache.max_bytes = 3 * len(next(iter(cache.entries.values()))[2])
        for offset in range(1, 8):
            assert c.get("/", params={"offset": offset}).status_code == 200
        assert cache.bytes == sum(len(body) for _, _, body in cache.entries.values()) <= cache.max_bytes
        assert b"/?offset=7" in cache.entries and b"/?" not in cache.entries  # the oldest went first
