"""Shared fixtures: a local web site for the fetch and archive tests (a threading HTTP server on
127.0.0.1 only), and a database seeded by running the real pipeline on demo/ plus one hostile article."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import civcas
from civcas import pipeline
from civcas.store import Store

FETCH_FIXTURES = Path(__file__).parent / "fixtures" / "fetch"


@pytest.fixture(scope="session")
def fakes_sample() -> str:
    """The first 400 kB of the FA-KES CSV (real report text, page furniture included), or "" without ../shared."""
    fakes = Path(__file__).resolve().parents[2] / "shared" / "data" / "FA-KES-Dataset.csv"
    return fakes.read_text(encoding="utf-8", errors="replace")[:400_000] if fakes.exists() else ""


@pytest.fixture(scope="session")
def agreement_after_every_word(fakes_sample):
    """A checker for a prefiltered test: `fast(text, end)` must answer as `slow(text, end)` after every word
    of `hand_text` and of the FA-KES sample; it returns how many word ends `slow` accepted."""
    import re

    def check(hand_text: str, fast, slow) -> int:
        accepted = 0
        for text in (hand_text, fakes_sample):
            for word in re.finditer(r"\w+", text):
                expected = slow(text, word.end())
                assert fast(text, word.end()) == expected, text[word.start() : word.end() + 30]
                accepted += expected
        return accepted

    return check


def pytest_configure(config: pytest.Config) -> None:
    if stale := civcas.stale_compiled_modules():
        raise pytest.UsageError(
            f"compiled modules are older than {', '.join(stale)}: the tests would run the old code. "
            "Run `make` (rebuilds them) or `make pure` (drops them)."
        )


@dataclass
class Page:
    body: bytes
    status: int = 200
    content_type: str = "text/html"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    etag: str | None = None  # answer 304 to a matching If-None-Match
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes


class Site:
    """Routes (path -> Page) that tests change while the server runs, and a log of requests."""

    Page = Page  # tests build answers as site.Page(...) (conftest is not importable in importlib mode)

    def __init__(self) -> None:
        self.routes: dict[str, Page | list[Page]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def fixture(self, name: str, **kwargs) -> Page:
        """A page whose body is the fixture file tests/fixtures/fetch/<name>."""
        return Page((FETCH_FIXTURES / name).read_bytes(), **kwargs)

    def rss(self, items: list[tuple[str, str]]) -> bytes:
        """An RSS 2.0 feed of (path, title) items, newest first, linking to pages of this site."""
        entries = "".join(
            f"<item><title>{title}</title><link>{self.url(path)}</link><guid>{self.url(path)}</guid>"
            f"<pubDate>{formatdate(1542880000 + 3600 * n, usegmt=True)}</pubDate></item>"
            for n, (path, title) in enumerate(items)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>{self.url('/')}</link><description>test feed</description>{entries}</channel></rss>"
        ).encode()

    def page_for(self, path: str) -> Page:
        route = self.routes.get(path)
        if isinstance(route, list):  # a sequence of answers, the last one repeated
            return route.pop(0) if len(route) > 1 else route[0]
        return route or Page(b"not found", status=404, content_type="text/plain")


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            site.requests.append((self.path, dict(self.headers)))
            page = site.page_for(self.path)
            if page.delay:
                time.sleep(page.delay)
            if page.etag and self.headers.get("If-None-Match") == page.etag:
                self.send_response(304)
                self.send_header("ETag", page.etag)
                self.end_headers()
                return
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            if page.send_length:
                self.send_header("Content-Length", str(len(page.body)))
            if page.etag:
                self.send_header("ETag", page.etag)
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (timeout, size limit) closes the connection: expected here


@pytest.fixture
def site():
    site = Site()
    server = _QuietServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


ROOT = Path(__file__).resolve().parents[1]
HOSTILE_ID = "zz_hostile"
HOSTILE = """Raid on <script>alert('xss')</script> Hajin <img src=x onerror=alert(1)>

Hajin, 2 March 2019 - Twelve civilians were killed when warplanes of the <b onmouseover=alert(2)>coalition</b> struck the town of Hajin in Deir ez-Zor, <a href="javascript:alert(3)">local sources</a> said. "); DROP TABLE incidents; --
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
