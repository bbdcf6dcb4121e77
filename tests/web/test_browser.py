"""Browser tests: Playwright drives Debian's Chromium against a live uvicorn server on 127.0.0.1.

Skipped only when /usr/bin/chromium is absent and CIVCAS_REQUIRE_BROWSER is not set (.ci/run sets it).
Screenshots go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HAJIN = "inc-3ff8fc5a06"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    if os.environ.get("CIVCAS_REQUIRE_BROWSER"):
        raise RuntimeError(
            "CIVCAS_REQUIRE_BROWSER is set but /usr/bin/chromium is missing (apt-get install chromium)"
        )
    pytest.skip(
        "no /usr/bin/chromium (apt-get install chromium); set CIVCAS_REQUIRE_BROWSER to fail instead",
        allow_module_level=True,
    )

import uvicorn  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from civcas.api import Settings, create_app  # noqa: E402
from civcas.store import Store  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(app):
    """Runs the app under uvicorn on a free loopback port in a thread; yields the base URL."""
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def server(seeded_db, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("browser") / "b.db")
    shutil.copy(seeded_db, path)
    with Store(path) as store:
        token = store.add_user("carol")
    for base in _serve(create_app(path)):
        yield base, token


@pytest.fixture(scope="module")
def page(server):
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.set_default_timeout(15_000)
        yield pg
        context.close()
        browser.close()


def test_list_filter_and_open_an_incident(server, page):
    base, _ = server
    page.goto(base + "/")
    expect(page.locator("h1")).to_contain_text("Incidents")
    page.screenshot(path=str(ARTIFACTS / "01_list.png"), full_page=True)
    page.select_option("select[name=governorate]", "Deir ez-Zor")  # app.js submits on change
    page.wait_for_url("**governorate=Deir+ez-Zor**")
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("found")
    rows = page.locator("table.incidents tbody tr")
    assert rows.count() >= 3
    for text in rows.locator("td:nth-child(4)").all_inner_texts():
        assert text == "Deir ez-Zor"
    page.fill("input[name=q]", "Hejjin")
    page.click("#apply")
    page.wait_for_url("**q=Hejjin**")
    page.wait_for_load_state()
    page.screenshot(path=str(ARTIFACTS / "02_filtered.png"), full_page=True)
    page.click(f"text={HAJIN}")
    page.wait_for_url(f"**/incidents/{HAJIN}")
    expect(page.locator("h1")).to_contain_text(HAJIN)
    expect(page.locator("table.claims tbody tr")).to_have_count(5)
    assert page.locator(".ev.sent").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "03_incident.png"), full_page=True)


def test_check_an_article_before_any_review(server, page):
    base, _ = server
    page.goto(base + "/check")
    page.fill("input[name=title]", "Strike on Hajin")
    page.fill("input[name=published]", "2018-11-22")
    page.fill(
        "textarea[name=text]",
        "Coalition warplanes struck the town of Hajin in Deir ez-Zor province on Wednesday, killing 28 "
        "civilians including children, local activists said. <img src=x onerror=alert(1)>",
    )
    page.on("dialog", lambda d: pytest.fail(f"a script ran: {d.message}"))
    page.click("#check-button")
    page.wait_for_load_state()
    expect(page.locator("h2").first).to_contain_text("Verdict")
    expect(page.locator("#verdict .verdict")).to_have_text("credible")
    assert page.locator("ul.reasons li").count() >= 2  # agreement with the other outlets, attribution
    expect(page.locator("ul.reasons")).to_contain_text("agrees")
    expect(page.locator("body")).to_contain_text(HAJIN)
    assert page.locator(".ev.field").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "05_check.png"), full_page=True)


def test_log_in_edit_a_field_and_see_the_audit_entry(server, page):
    base, token = server
    page.goto(base + "/login")
    page.fill("input[name=token]", token)
    page.click("#login-button")
    page.wait_for_url(base + "/")
    expect(page.locator(".who")).to_contain_text("carol")
    page.goto(f"{base}/incidents/{HAJIN}")
    form = page.locator("#edit-form")
    form.locator("select[name=claim_id]").select_option("d02_hajeen_bosphorus#0")
    form.locator("select[name=field]").select_option("killed.civilians")
    form.locator("input[name=value]").fill("26")
    form.locator("button").click()
    page.wait_for_load_state()
    audit = page.locator("table.audit")
    expect(audit).to_contain_text("carol")
    expect(audit).to_contain_text("edit_claim")
    expect(audit).to_contain_text('{"killed.civilians": 26}')
    expect(page.locator(".badge.reviewed")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "04_audit.png"), full_page=True)


def test_hostile_article_runs_no_script_and_map_timeline_render(server, page):
    base, _ = server
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "/articles/zz_hostile")
    expect(page.locator(".article-text")).to_contain_text("<script>alert('xss')</script>")
    assert page.locator(".article-text img, .article-text a, .article-text b").count() == 0
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base + "/map")
    assert page.locator("svg.map circle.dot").count() >= 10
    expect(page.locator("svg.map path.governorate")).to_have_count(14)
    assert page.locator("svg.map path.governorate").first.bounding_box()["width"] > 20
    assert requested and all(url.startswith(base) for url in requested)  # nothing from the network
    page.screenshot(path=str(ARTIFACTS / "06_map.png"), full_page=True)
    page.goto(base + "/timeline")
    assert page.locator("svg.timeline rect.bar").count() >= 5
    page.screenshot(path=str(ARTIFACTS / "07_timeline.png"), full_page=True)
    assert dialogs == []


# ---------------------------------------------------------------- tiles under the outlines


class _Tiles(BaseHTTPRequestHandler):
    """A tile server on loopback: every tile is one grey 256x256 PNG; it counts what it served."""

    served: list[str] = []

    def do_GET(self):  # noqa: N802 (the http.server API)
        _Tiles.served.append(self.path)
        body = _grey_png()
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _grey_png(size: int = 256) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xc8" * size for _ in range(size))  # filter byte + grey pixels
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def tiles():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Tiles)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Tiles.served.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_tile_url_draws_tiles_under_the_governorates(server, tiles, seeded_db, page):
    app = create_app(seeded_db, Settings(tile_url=tiles + "/{z}/{x}/{y}.png"))
    for base in _serve(app):
        page.goto(base + "/map")
        expect(page.locator("#tile-map .leaflet-tile-loaded").first).to_be_visible()
        expect(page.locator("#tile-map .leaflet-overlay-pane path.dot")).not_to_have_count(0)
        page.wait_for_function(
            "document.querySelectorAll('#tile-map .leaflet-overlay-pane path').length >= 15 + 10"
        )  # 15 outlines (14 governorates + UNDOF) and the incidents
        assert _Tiles.served and all(path.endswith(".png") for path in _Tiles.served)
        page.screenshot(path=str(ARTIFACTS / "08_map_tiles.png"), full_page=True)
