"""civcas fetch / watch against a local web site (127.0.0.1 only): pages, feeds, failures, encodings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civcas.cli import app
from civcas.fetch import Feed, Fetcher, FetchError, FetchPolicy, Watcher, decode_html, load_feeds
from civcas.outlets import ENV_VAR
from civcas.store import Store

runner = CliRunner()
FETCH_FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
FAST = ["--timeout", "0.5", "--retries", "0"]


@pytest.fixture(autouse=True)
def local_outlet(tmp_path, monkeypatch):
    """The local site is an outlet of the registry, known by its domain 127.0.0.1."""
    extra = tmp_path / "outlets.csv"
    extra.write_text(
        "name,aliases,domains,country,ownership,camp\nLocal Test Wire,,127.0.0.1,-,test fixture,western_wire\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(ENV_VAR, str(extra))


def civcas(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)


def article_page(site, killed: int, town: str = "Hajin"):
    html = (FETCH_FIXTURES / "article.html").read_text(encoding="utf-8")
    return site.Page(html.replace("12 civilians", f"{killed} civilians").replace("Hajin", town).encode())


def fast_fetcher(**policy) -> Fetcher:
    return Fetcher(FetchPolicy(**{"timeout": 0.5, "retries": 0, **policy}), sleep=lambda _s: None)


def test_fetch_stores_the_article_with_outlet_date_and_claims(site, tmp_path):
    site.routes["/news/hajin"] = site.fixture("article.html")
    db = tmp_path / "c.db"
    result = civcas(db, "fetch", site.url("/news/hajin"))
    assert result.exit_code == 0, result.output
    article_id = result.stdout.strip()
    assert article_id.startswith("127-0-0-1-")
    with Store(str(db)) as store:
        article = store.get_article(article_id)
        claims = store.claims(article_id=article_id)
    assert article.title == "Coalition air strikes kill 12 civilians in Hajin, monitor says"
    assert article.outlet == "Local Test Wire"  # from the URL's domain, through the registry
    assert article.url == site.url("/news/hajin") and str(article.published) == "2018-11-22"
    assert claims and claims[0].figure("killed.civilians") == 12
    assert claims[0].governorate == "Deir ez-Zor"
    user_agent = site.requests[-1][1]["User-Agent"]
    assert user_agent.startswith("civcas/") and "+http" in user_agent
    again = civcas(db, "fetch", site.url("/news/hajin"))
    assert again.exit_code == 0 and again.stdout == "" and "1 already stored" in again.output


def test_a_404_is_an_error_and_the_other_urls_go_on(site, tmp_path):
    site.routes["/ok"] = site.fixture("article.html")
    result = civcas(tmp_path / "c.db", "fetch", *FAST, site.url("/gone"), site.url("/ok"))
    assert result.exit_code == 1
    assert "HTTP 404" in result.output and "1 article(s) added" in result.output


def test_a_slow_page_times_out_quickly_after_its_retries(site):
    site.routes["/slow"] = site.Page(b"<p>late</p>", delay=1.5)
    started = time.monotonic()
    with fast_fetcher(timeout=0.2, retries=1) as fetcher, pytest.raises(FetchError, match="timed out"):
        fetcher.get(site.url("/slow"))
    assert time.monotonic() - started < 1.2
    assert site.hits("/slow") == 2  # the first try and one retry


def test_a_server_error_is_retried_with_back_off(site):
    site.routes["/flaky"] = [site.Page(b"busy", status=503), site.fixture("article.html")]
    waits: list[float] = []
    with Fetcher(FetchPolicy(retries=2, backoff=0.25), sleep=waits.append) as fetcher:
        response = fetcher.get(site.url("/flaky"))
    assert response.status == 200 and waits == [0.25]


def test_a_redirect_loop_stops(site):
    site.routes["/a"] = site.Page(b"", status=302, headers={"Location": "/b"})
    site.routes["/b"] = site.Page(b"", status=302, headers={"Location": "/a"})
    with fast_fetcher(max_redirects=4) as fetcher, pytest.raises(FetchError, match="more than 4 redirects"):
        fetcher.get(site.url("/a"))
    assert site.hits("/a") + site.hits("/b") == 5
    site.routes["/moved"] = site.Page(b"", status=301, headers={"Location": "/ok"})
    site.routes["/ok"] = site.fixture("article.html")
    with fast_fetcher() as fetcher:
        assert fetcher.get(site.url("/moved")).url == site.url("/ok")


def test_oversized_pages_are_refused_with_or_without_content_length(site):
    big = b"<p>" + b"x" * 50_000 + b"</p>"
    site.routes["/big"] = site.Page(big)
    site.routes["/big-stream"] = site.Page(big, send_length=False)
    with fast_fetcher(max_bytes=20_000) as fetcher:
        with pytest.raises(FetchError, match=r"too large \(50007 bytes"):
            fetcher.get(site.url("/big"))
        with pytest.raises(FetchError, match="more than 20000 bytes"):
            fetcher.get(site.url("/big-stream"))


def test_robots_txt_is_respected_unless_told_otherwise(site, tmp_path):
    site.routes["/robots.txt"] = site.Page(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/report"] = site.fixture("article.html")
    db = tmp_path / "c.db"
    refused = civcas(db, "fetch", *FAST, site.url("/private/report"))
    assert refused.exit_code == 1 and "robots.txt" in refused.output
    assert site.hits("/private/report") == 0
    allowed = civcas(db, "fetch", *FAST, "--ignore-robots", site.url("/private/report"))
    assert allowed.exit_code == 0 and site.hits("/private/report") == 1


def test_non_utf8_pages_are_decoded_by_their_declared_charset(site, tmp_path):
    site.routes["/ar"] = site.fixture("arabic_windows1256.html")  # charset in <meta> only
    site.routes["/fr"] = site.fixture("french_latin1.html", content_type="text/html; charset=ISO-8859-1")
    db = tmp_path / "c.db"
    result = civcas(db, "fetch", site.url("/ar"), site.url("/fr"))
    assert result.exit_code == 0, result.output
    ar_id, fr_id = result.stdout.split()
    with Store(str(db)) as store:
        arabic, french = store.get_article(ar_id), store.get_article(fr_id)
    assert arabic.title == "مقتل ثمانية مدنيين في قصف على بلدة هجين"
    assert "ريف دير الزور الشرقي" in arabic.text
    assert french.title == "Frappes aériennes à Hajin : douze civils tués, selon un observatoire"
    assert "menée par les États-Unis" in french.text


def test_decode_html_prefers_header_then_meta_then_utf8():
    arabic = "غارات".encode("cp1256")
    assert decode_html(b'<meta charset="windows-1256">' + arabic).endswith("غارات")
    assert decode_html("é".encode("latin-1"), "text/html; charset=iso-8859-1") == "é"
    assert decode_html("é".encode(), "text/html") == "é"
    assert decode_html(b"caf\xe9") == "café"  # neither declared nor UTF-8: cp1252


def test_watch_fetches_only_new_items_and_honours_etag(site, tmp_path):
    for n, killed in enumerate((7, 9, 11)):
        site.routes[f"/story/{n}"] = article_page(site, killed, ["Hajin", "Susah", "Baghuz"][n])
    site.routes["/feed.xml"] = site.Page(site.rss([("/story/1", "b"), ("/story/0", "a")]), etag='"v1"')
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(f"interval: 60\nfeeds:\n  - url: {site.url('/feed.xml')}\n    name: test\n")
    db = tmp_path / "c.db"
    first = civcas(db, "watch", "--once", str(feeds))
    assert first.exit_code == 0, first.output
    assert len(first.stdout.split()) == 2 and "2 new item(s)" in first.output
    site.routes["/feed.xml"] = site.Page(
        site.rss([("/story/2", "c"), ("/story/1", "b"), ("/story/0", "a")]), etag='"v2"'
    )
    second = civcas(db, "watch", "--once", str(feeds))
    assert "1 new item(s), 1 article(s) stored" in second.output
    assert [site.hits(f"/story/{n}") for n in range(3)] == [1, 1, 1]
    third = civcas(db, "watch", "--once", str(feeds))
    assert "1 not modified" in third.output and "0 new item(s)" in third.output
    assert site.requests[-1][1].get("If-None-Match") == '"v2"'
    with Store(str(db)) as store:
        assert store.count_articles() == 3


def test_watch_keeps_going_past_failures_and_retries_them(site, tmp_path):
    site.routes["/story/0"] = article_page(site, 7)
    site.routes["/feed.xml"] = site.Page(site.rss([("/story/late", "late"), ("/story/0", "ok")]))
    feeds = [Feed(site.url("/missing.xml")), Feed(site.url("/feed.xml"))]
    with Store(str(tmp_path / "c.db")) as store, fast_fetcher() as fetcher:
        watcher = Watcher(store, fetcher, feeds)
        first = watcher.poll_round()
        assert first.feeds_failed == [site.url("/missing.xml")]
        assert first.items_failed == [site.url("/story/late")] and len(first.articles) == 1
        assert store.feed_state(site.url("/missing.xml")).failures == 1
        site.routes["/story/late"] = article_page(site, 5, "Susah")  # the page appears
        second = watcher.poll_round()
        assert len(second.articles) == 1 and second.items_failed == []
        assert store.feed_items_pending(site.url("/feed.xml")) == []


def test_a_stopped_watch_resumes_where_it_stopped(site, tmp_path):
    stories = [(f"/story/{n}", str(n)) for n in range(3)]
    for n, (path, _) in enumerate(stories):
        site.routes[path] = article_page(site, 5 + n, ["Hajin", "Susah", "Baghuz"][n])
    site.routes["/feed.xml"] = site.Page(site.rss(stories), etag='"v1"')
    feed = Feed(site.url("/feed.xml"))
    with Store(str(tmp_path / "c.db")) as store, fast_fetcher() as fetcher:
        interrupted = Watcher(store, fetcher, [feed], stop=lambda: store.count_articles() >= 1)
        assert len(interrupted.poll_round().articles) == 1  # Ctrl-C after the first item
        assert store.feed_state(feed.url).etag is None  # the feed is read again next time
        resumed = Watcher(store, fetcher, [feed]).poll_round()
        assert len(resumed.articles) == 2 and resumed.items_new == 2
        assert store.count_articles() == 3
        assert [site.hits(path) for path, _ in stories] == [1, 1, 1]


def test_feeds_file_shapes(tmp_path):
    listed = tmp_path / "list.yaml"
    listed.write_text("- http://127.0.0.1:9/a.xml\n- url: http://127.0.0.1:9/b.xml\n  outlet: SANA\n")
    feeds, interval = load_feeds(listed)
    assert [f.url for f in feeds] == ["http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml"]
    assert feeds[1].outlet == "SANA" and interval is None
    bad = tmp_path / "bad.yaml"
    bad.write_text("feeds:\n  - name: no url\n")
    with pytest.raises(ValueError, match="feed 1 has no url"):
        load_feeds(bad)
    assert runner.invoke(app, ["watch", "--once", str(bad)]).exit_code == 2
