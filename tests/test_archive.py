"""The archive: exact bytes of every input file and fetched page, content-addressed, versions kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

from typer.testing import CliRunner

from civcas.cli import app
from civcas.store import Store

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "demo"
FETCH_FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
runner = CliRunner()


def civcas(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)


def test_run_archives_every_input_file_and_show_gives_its_bytes(tmp_path):
    txt = DEMO / "d01_hajin_levantnews.txt"
    cp1252 = tmp_path / "inputs" / "cp1252_report.txt"
    cp1252.parent.mkdir()
    cp1252.write_bytes(
        b"Caf\xe9 owner among 3 civilians killed in Idlib strike\n\n"
        b"Idlib, 14 May 2019 \x96 Three civilians, among them the owner of a caf\xe9, were killed when "
        b"Russian warplanes struck the town of Kafranbel on Tuesday, local rescuers said.\n"
    )
    db = tmp_path / "c.db"
    result = civcas(db, "run", str(txt), str(DEMO / "feed.jsonl"), str(cp1252))
    assert result.exit_code == 0, result.output
    for article_id, path in [
        ("d01_hajin_levantnews", txt),
        ("d05_hajin_northernwire", DEMO / "feed.jsonl"),  # a line of it: the whole file is the original
        ("d19_shaddadi_northernwire", DEMO / "feed.jsonl"),
        ("cp1252_report", cp1252),
    ]:
        shown = civcas(db, "archive", "show", article_id)
        assert shown.exit_code == 0
        assert shown.stdout_bytes == path.read_bytes(), article_id
    with Store(str(db)) as store:
        capture = store.article_capture("cp1252_report")
        assert capture.kind == "file" and capture.location == str(cp1252.resolve())
        assert capture.sha256 == hashlib.sha256(cp1252.read_bytes()).hexdigest()
        assert store.count_blobs() == 3
    rerun = civcas(db, "run", str(txt))
    assert rerun.exit_code == 0
    with Store(str(db)) as store:
        assert store.count_blobs() == 3 and len(store.captures(str(txt.resolve()))) == 1


def test_unknown_article_has_no_archive(tmp_path):
    result = civcas(tmp_path / "c.db", "archive", "show", "nope")
    assert result.exit_code == 1 and "no archived original" in result.output


def test_refetching_stores_nothing_new_and_a_changed_page_keeps_both(site, tmp_path):
    v1, v2 = (FETCH_FIXTURES / "article.html").read_bytes(), (FETCH_FIXTURES / "article_v2.html").read_bytes()
    site.routes["/news/hajin"] = site.Page(v1, headers={"X-Version": "1"})
    db, url = tmp_path / "c.db", site.url("/news/hajin")
    first_id = civcas(db, "fetch", url).stdout.strip()
    assert civcas(db, "fetch", url).stdout == ""  # unchanged: no new article
    with Store(str(db)) as store:
        assert store.count_blobs() == 1 and len(store.captures(url)) == 1
        capture = store.captures(url)[0]
        assert capture.status == 200 and capture.headers["x-version"] == "1"
    site.routes["/news/hajin"] = site.Page(v2, headers={"X-Version": "2"})
    second_id = civcas(db, "fetch", url).stdout.strip()
    assert second_id == first_id + "-2"
    assert civcas(db, "archive", "show", first_id).stdout_bytes == v1
    assert civcas(db, "archive", "show", second_id).stdout_bytes == v2
    history = civcas(db, "archive", "history", url)
    assert history.exit_code == 0 and "2 version(s)" in history.output
    assert (
        hashlib.sha256(v1).hexdigest() in history.output and hashlib.sha256(v2).hexdigest() in history.output
    )


def test_failed_pages_are_archived_with_their_status(site, tmp_path):
    site.routes["/gone"] = site.Page(b"<h1>Gone</h1>", status=410)
    db = tmp_path / "c.db"
    assert civcas(db, "fetch", "--retries", "0", site.url("/gone")).exit_code == 1
    with Store(str(db)) as store:
        [capture] = store.captures(site.url("/gone"))
        assert capture.status == 410 and store.blob(capture.sha256) == b"<h1>Gone</h1>"


def test_identical_bytes_from_two_places_are_stored_once(tmp_path):
    with Store(str(tmp_path / "c.db")) as store:
        a, new_a = store.archive(b"\x00\xffsame", "http://127.0.0.1:9/a", "http", 200, {})
        b, new_b = store.archive(b"\x00\xffsame", "http://127.0.0.1:9/b", "http", 200, {})
        assert new_a and new_b and a.sha256 == b.sha256 and a.id != b.id
        assert store.count_blobs() == 1 and store.blob(a.sha256) == b"\x00\xffsame"
        back, new = store.archive(b"\x00\xffsame", "http://127.0.0.1:9/a", "http", 200, {})
        assert not new and back.id == a.id
