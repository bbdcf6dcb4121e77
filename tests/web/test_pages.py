"""Server-rendered pages: content, escaping of hostile article text, CSRF-protected review forms."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from fastapi.testclient import TestClient

from civcas import pipeline
from civcas.api import Settings, create_app
from civcas.models import GOVERNORATES, Article
from civcas.store import Store

HAJIN = "inc-3ff8fc5a06"
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def client(seeded_db):
    with TestClient(create_app(seeded_db)) as c:
        yield c


@pytest.fixture(scope="module")
def hostile_incident(client):
    return client.get("/api/articles/zz_hostile").json()["claims"][0]["incident_id"]


def test_list_page_filters_sorts_and_paginates(client):
    page = client.get("/", params={"governorate": "Idlib", "sort": "killed", "order": "desc"}).text
    rows = re.findall(r'<td><a href="/incidents/(inc-[0-9a-f]+)">', page)
    api = client.get(
        "/api/incidents", params={"governorate": "Idlib", "sort": "killed", "order": "desc"}
    ).json()
    assert rows == [i["id"] for i in api["items"]] and rows
    assert "killed ▼" in page and 'value="Idlib"' not in page and "<option selected>Idlib</option>" in page
    empty_form = {"date_from": "", "date_to": "", "governorate": "", "min_killed": "", "q": ""}
    assert client.get("/", params=empty_form).status_code == 200  # a submitted blank form means "any"
    two = client.get("/", params={"limit": 2}).text
    assert "showing 1–2 of" in two and 'rel="next"' in two and "offset=2" in two


def test_incident_page_shows_claims_evidence_grade_links_and_map(client):
    page = client.get(f"/incidents/{HAJIN}").text
    for text in (
        "Levant State News",
        "contested",
        "Rule for <i>contested</i>",
        "Contradictions",
        "Links and their reasons",
        "Audit log",
        'class="ev sent',
        '<svg class="map"',
        'class="dot g-contested"',
    ):
        assert text in page, text
    assert page.count('<section class="evidence"') == 5


def test_other_pages_render(client, hostile_incident):
    assert "Raid on" in client.get("/articles/zz_hostile").text
    outlet = client.get("/api/articles/d01_hajin_levantnews").json()["outlet"]
    assert HAJIN in client.get(f"/outlets/{outlet}").text
    map_page = client.get("/map").text
    assert map_page.count('class="dot ') >= 10 and "Aleppo" in map_page
    timeline = client.get("/timeline").text
    assert '<polygon class="band"' in timeline and "2018-11" in timeline
    check = client.post(
        "/check",
        data={
            "text": "Russian warplanes killed 9 civilians in Khan Shaykhun, Idlib, on 14 May 2019.",
            "published": "2019-05-15",
        },
    )
    assert check.status_code == 200 and "Verdict:" in check.text and "claim(s) extracted" in check.text


def test_the_map_draws_the_14_governorates_from_the_package_with_no_network(client):
    page = client.get("/map").text
    drawn = re.findall(r'<path class="governorate" data-governorate="([^"]+)" d="M[\d.]+,[\d.]+ L', page)
    assert sorted(drawn) == sorted(GOVERNORATES[:-1]) and len(drawn) == 14
    assert page.count('<path class="undof"') == 1
    assert not re.search(r'(src|href)="(https?:)?//', page)  # every asset is served from here
    assert "leaflet" not in page  # no tile URL set: no tiles, no tile script
    incident = client.get(f"/incidents/{HAJIN}").text  # its small map draws the outlines as an image
    image = re.search(r'<image href="(/map/outlines-\d+\.svg)"', incident).group(1)
    svg = client.get(image)
    assert (
        svg.headers["content-type"] == "image/svg+xml" and svg.text.count('<path class="governorate"') == 14
    )
    outlines = client.get("/map/governorates.geojson").json()
    names = {f["properties"]["governorate"] for f in outlines["features"]}
    assert names == {*GOVERNORATES[:-1], None}


def test_a_dot_lies_inside_its_governorate_outline(client):
    """The outlines and the dots share one projection: Hajin's dot falls inside Deir ez-Zor's path."""
    page = client.get("/map").text
    path = re.search(r'data-governorate="Deir ez-Zor" d="([^"]+)"', page).group(1)
    dot = re.search(rf'href="/incidents/{HAJIN}"><circle class="dot [^"]+" cx="([\d.]+)" cy="([\d.]+)"', page)
    ring = [tuple(map(float, p.lstrip("ML").split(","))) for p in path.split(" Z")[0].split()]
    assert _inside((float(dot.group(1)), float(dot.group(2))), ring)


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    crossings = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def test_a_tile_url_draws_tiles_under_the_outlines(seeded_db):
    tiles = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    with TestClient(create_app(seeded_db, Settings(tile_url=tiles))) as c:
        page = c.get("/map").text
        assert f'data-tiles="{tiles}"' in page and "/static/vendor/leaflet/leaflet.js" in page
        points = json.loads(re.search(r'id="map-points">(.*?)</script>', page).group(1))
        assert HAJIN in {p["id"] for p in points}
        assert c.get("/static/vendor/leaflet/leaflet.js").status_code == 200


def test_the_timeline_shows_every_month_and_the_civilian_deaths_band(client):
    incidents = client.get("/api/incidents", params={"limit": 500}).json()["items"]
    expected: dict[str, list[int]] = {}
    for i in incidents:
        if i["date_min"]:
            civilians = i["casualties"].get("killed.civilians", {"min": 0, "max": 0})
            month = expected.setdefault(i["date_min"][:7], [0, 0, 0])
            month[0] += 1
            month[1] += civilians["min"]
            month[2] += civilians["max"]
    page = client.get("/timeline").text
    rows = re.findall(
        r'<tr><td>(\d{4}-\d\d)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>'
        r'<td class="num">(\d+)</td></tr>',
        page,
    )
    shown = {month: [int(n) for n in values] for month, *values in rows}
    assert {m: v for m, v in shown.items() if v[0]} == expected
    first, last = min(expected), max(expected)
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
    assert [row[0] for row in rows] == sorted(shown) and len(rows) == span  # no month left out
    assert shown["2018-12"] == [0, 0, 0]  # between the Hajin strike (Nov 2018) and Shaddadi (Jan 2019)
    assert page.count('<rect class="bar"') == span


def test_check_page_shows_the_credibility_verdict_and_incident_pages_the_stored_ones(client):
    text = "Coalition warplanes struck Hajin in Deir ez-Zor province on Wednesday, killing 90 civilians."
    page = client.post("/check", data={"text": text, "published": "2018-11-22"}).text
    verdict = re.search(r'<h2 id="verdict">Verdict: <span class="verdict v-(\w+)"', page).group(1)
    assert verdict == "doubtful" and "this article says 90" in page and "times more" in page
    incident = client.get(f"/incidents/{HAJIN}").text
    for claim in client.get(f"/api/incidents/{HAJIN}").json()["claims"]:
        shown = claim["verdict"]["verdict"].replace("_", " ")
        assert f'<span class="verdict v-{claim["verdict"]["verdict"]}"' in incident and shown in incident


def test_unknown_pages_are_html_404(client):
    r = client.get("/incidents/inc-nope", headers=HTML)
    assert r.status_code == 404 and "<h1>404</h1>" in r.text and "no incident inc-nope" in r.text


def test_hostile_article_is_escaped_on_every_page(client, hostile_incident):
    pages = [
        "/articles/zz_hostile",
        f"/incidents/{hostile_incident}",
        "/",
        "/?q=script",
        "/map",
        "/timeline",
    ]
    check = client.post(
        "/check",
        data={
            "text": '<script>alert(9)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(3)">x</a>'
        },
    )
    bodies = [client.get(p).text for p in pages] + [check.text]
    for body in bodies:
        assert "<script>alert" not in body and "<img src=x" not in body and 'href="javascript:' not in body
        assert "<b onmouseover" not in body and not re.search(r"<[^>]+\sonerror=", body)
    article = bodies[0]
    assert (
        "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in article and "onerror=alert(1)&gt;" in article
    )
    assert "&lt;a href=&#34;javascript:alert(3)&#34;&gt;" in article
    assert client.get(f"/api/incidents/{hostile_incident}").json()["claims"][0]["article_id"] == "zz_hostile"


def test_page_filters_with_sql_metacharacters(client):
    for value in ("' OR 1=1 --", '"; DROP TABLE claims; --', "%", 'NEAR("*'):
        for name in ("governorate", "actor", "weapon", "grade", "q"):
            r = client.get("/", params={name: value})
            assert r.status_code == 200 and "No incident matches" in r.text or name == "q"


def test_bad_page_params_are_422(client):
    assert client.get("/", params={"limit": "lots"}).status_code == 422
    assert client.get("/", params={"sort": "secret"}).status_code == 422
    assert client.post("/check", data={"text": "x", "published": "soon"}, headers=HTML).status_code == 400


# ---------------------------------------------------------------- login, CSRF, review forms


@pytest.fixture
def analyst(seeded_db, tmp_path):
    path = str(tmp_path / "w.db")
    shutil.copy(seeded_db, path)
    with Store(path) as store:
        token = store.add_user("bob")
    with TestClient(create_app(path)) as c:
        yield c, token, path


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def _log_in(c: TestClient, token: str):
    return c.post(
        "/login", data={"token": token, "csrf": _csrf(c.get("/login").text)}, follow_redirects=False
    )


def test_the_login_form_is_csrf_protected(analyst, seeded_db):
    c, token, _ = analyst
    assert c.post("/login", data={"token": token}).status_code == 403  # no token, no pre-login cookie
    form_csrf = _csrf(c.get("/login").text)
    assert c.post("/login", data={"token": token, "csrf": "0" * 64}).status_code == 403  # forged
    with TestClient(c.app) as other:  # a token read by another visitor does not match this one's cookie
        assert other.post("/login", data={"token": token, "csrf": form_csrf}).status_code == 403
        assert "civcas_session" not in other.cookies
    assert c.post("/login", data={"token": "wrong", "csrf": form_csrf}).status_code == 401
    signed_in = c.post("/login", data={"token": token, "csrf": form_csrf}, follow_redirects=False)
    assert signed_in.status_code == 303 and c.cookies.get("civcas_session") == token


def test_forms_need_login_and_a_matching_csrf_token(analyst):
    c, token, _ = analyst
    form = {"claim_id": "d01_hajin_levantnews#0", "field": "actor", "value": "russia", "csrf": "x"}
    assert c.post(f"/incidents/{HAJIN}/edit", data=form).status_code == 401
    assert _log_in(c, token).status_code == 303
    assert c.post(f"/incidents/{HAJIN}/edit", data=form).status_code == 403  # forged form
    page = c.get(f"/incidents/{HAJIN}").text
    assert "signed in as <b>bob</b>" in page
    r = c.post(f"/incidents/{HAJIN}/edit", data={**form, "csrf": _csrf(page)}, follow_redirects=False)
    assert r.status_code == 303
    after = c.get(f"/incidents/{HAJIN}").text
    assert "edit_claim" in after and "bob" in after and '{"actor": "russia"}' in after
    assert 'class="badge reviewed"' in after


def test_mark_reviewed_split_and_merge_forms(analyst):
    c, token, _ = analyst
    _log_in(c, token)
    csrf = _csrf(c.get(f"/incidents/{HAJIN}").text)
    r = c.post(
        f"/incidents/{HAJIN}/split",
        data={"csrf": csrf, "claim_ids": ["d02_hajeen_bosphorus#0"]},
        follow_redirects=False,
    )
    new_id = r.headers["location"].rsplit("/", 1)[1]
    assert new_id != HAJIN and "d02_hajeen_bosphorus#0" in c.get(f"/incidents/{new_id}").text
    c.post(f"/incidents/{HAJIN}/merge", data={"csrf": csrf, "other": new_id})
    assert c.get(f"/incidents/{new_id}", headers=HTML).status_code == 404
    c.post(f"/incidents/{HAJIN}/reviewed", data={"csrf": csrf, "reviewed": "1"})
    audit = c.get("/api/audit", params={"target_id": HAJIN}).json()
    assert [e["action"] for e in audit] == ["mark_reviewed", "merge", "split"]


def test_rerunning_the_pipeline_never_overwrites_a_reviewed_incident(analyst, tmp_path):
    c, token, path = analyst
    headers = {"Authorization": f"Bearer {token}"}
    late = tmp_path / "late_hajin.txt"
    late.write_text(
        "Another strike report on Hajin\n\n22 November 2018 - Coalition warplanes struck the town of Hajin in "
        "Deir ez-Zor province yesterday, killing 31 civilians, local sources said.\n",
        encoding="utf-8",
    )
    unreviewed = c.post("/api/check", json={"text": late.read_text(), "published": "2018-11-22"}).json()
    assert unreviewed["matches"][0]["incident"]["id"] == HAJIN  # it would join the incident...
    c.post(f"/api/incidents/{HAJIN}/reviewed", json={"reviewed": True}, headers=headers)
    before = c.get(f"/api/incidents/{HAJIN}").json()
    with Store(path) as store:
        report = pipeline.run([late], store)
        claim = store.claims(article_id="late_hajin")[0]
        # the same article would have joined the incident had it not been reviewed
        twin = pipeline.check_article(store, Article(id="x", title="t", text=late.read_text()))
    assert report.added == ["late_hajin"] and claim.incident_id != HAJIN  # ...but not once it is reviewed
    assert twin.matches == {}  # reviewed incidents are not candidates for checks either
    after = c.get(f"/api/incidents/{HAJIN}").json()
    assert after["claims"] == before["claims"] and after["casualties"] == before["casualties"]
