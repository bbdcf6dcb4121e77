"""The JSON API on a database seeded by the real pipeline (demo/ + one hostile article)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date

import pytest
from fastapi.testclient import TestClient

from civcas import credibility
from civcas.api import Settings, create_app
from civcas.models import Article
from civcas.store import Store, fts_query

HAJIN = "inc-3ff8fc5a06"  # the five reports of the Hajin strike (README)


@pytest.fixture(scope="module")
def client(seeded_db):
    with TestClient(create_app(seeded_db)) as c:
        yield c


@pytest.fixture
def writable(seeded_db, tmp_path):
    """A private copy of the seeded database, a client on it and a writer's token."""
    path = str(tmp_path / "w.db")
    shutil.copy(seeded_db, path)
    with Store(path) as store:
        token = store.add_user("alice")
    with TestClient(create_app(path)) as c:
        yield c, {"Authorization": f"Bearer {token}"}, path


def test_incident_list_is_paginated_with_a_total(client):
    first = client.get("/api/incidents", params={"limit": 5}).json()
    second = client.get("/api/incidents", params={"limit": 5, "offset": 5}).json()
    everything = client.get("/api/incidents", params={"limit": 500}).json()
    assert first["total"] == second["total"] == everything["total"] == len(everything["items"]) >= 19
    ids = [i["id"] for i in everything["items"]]
    assert [i["id"] for i in first["items"]] == ids[:5] and [i["id"] for i in second["items"]] == ids[5:10]


def test_filters_narrow_the_list(client):
    deir = client.get("/api/incidents", params={"governorate": "Deir ez-Zor", "limit": 500}).json()
    assert deir["total"] >= 3 and all(i["governorate"] == "Deir ez-Zor" for i in deir["items"])
    # aliases are canonicalised like the CLI does
    assert client.get("/api/incidents", params={"governorate": "Deir Ezzor"}).json()["total"] == deir["total"]
    russia = client.get("/api/incidents", params={"actor": "russia", "weapon": "barrel_bomb"}).json()
    assert russia["total"] >= 1
    assert all("barrel_bomb" in i["weapons"] and "russia" in i["actors"] for i in russia["items"])
    dated = client.get("/api/incidents", params={"date_from": "2019-01-01", "date_to": "2019-03-31"}).json()
    assert dated["total"] >= 2
    assert all("2019-01-01" <= i["date_min"] <= "2019-03-31" for i in dated["items"])
    contested = client.get("/api/incidents", params={"grade": "contested"}).json()
    assert HAJIN in [i["id"] for i in contested["items"]]


def test_full_text_search_finds_incidents_by_the_words_of_their_articles(client):
    hits = client.get("/api/incidents", params={"q": "Hejjin"}).json()  # one outlet's spelling only
    spelt = client.get("/api/articles/d03_hejjin_freesyriacouncil").json()
    assert HAJIN in [i["id"] for i in hits["items"]]
    assert {i["id"] for i in hits["items"]} == {c["incident_id"] for c in spelt["claims"]}
    assert client.get("/api/incidents", params={"q": "Hajin zzzunknownword"}).json()["total"] == 0
    both = client.get("/api/incidents", params={"q": "Hajin", "grade": "contested"}).json()
    assert HAJIN in [i["id"] for i in both["items"]]


def test_sorting(client):
    killed = client.get("/api/incidents", params={"sort": "killed", "order": "desc", "limit": 500}).json()
    highs = [
        max((v["max"] for k, v in i["casualties"].items() if k.startswith("killed.")), default=None)
        for i in killed["items"]
    ]
    numbers = [h for h in highs if h is not None]
    assert numbers == sorted(numbers, reverse=True) and highs[: len(numbers)] == numbers  # unknown last
    dates = client.get("/api/incidents", params={"sort": "date", "limit": 500}).json()["items"]
    known = [i["date_min"] for i in dates if i["date_min"]]
    assert known == sorted(known)


def test_incident_detail_has_claims_ranges_grade_rule_and_links(client):
    d = client.get(f"/api/incidents/{HAJIN}").json()
    assert d["grade"] == "contested" and "denied" in d["grade_reason"]
    assert d["grade_rule"].startswith("the sources conflict")
    tolls = [c["figures"]["killed.total"]["value"] for c in d["claims"] if "killed.total" in c["figures"]]
    assert d["casualties"]["killed.total"] == {"min": min(tolls), "max": max(tolls)} and len(set(tolls)) > 2
    assert len(d["claims"]) == 5 and {c["outlet"] for c in d["claims"]} - {None} == set(d["outlets"])
    assert all(c["sentence"] and c["evidence"] for c in d["claims"] if c["role"] == "main")
    assert len(d["links"]) == 5 and any(lk["score"] >= 4.5 and lk["reasons"] for lk in d["links"])
    assert d["contradictions"] and d["audit"] == [] and d["reviewed"] is False


def test_articles_claims_outlets(client, seeded_db):
    seeded = seeded_db
    article = client.get("/api/articles/d01_hajin_levantnews").json()
    assert article["outlet"] and article["claims"][0]["incident_id"] == HAJIN
    assert article["assessment"]["verdict"] in ("credible", "doubtful", "insufficient_evidence")
    claims = client.get("/api/claims", params={"incident_id": HAJIN}).json()
    assert claims["total"] == 5
    outlets = client.get("/api/outlets").json()
    with Store(seeded) as store:
        named = [a.outlet for a in store.articles() if a.outlet]
    assert sum(o["n_articles"] for o in outlets) == len(named) and {o["name"] for o in outlets} == set(named)
    name = article["outlet"]
    one = client.get(f"/api/outlets/{name}").json()
    assert one["name"] == name and any(
        r["incident_id"] == HAJIN and r["consensus_max"] == 36 for r in one["claims"]
    )


def test_missing_things_are_404_json(client):
    for url in ("/api/incidents/inc-nope", "/api/articles/nope", "/api/outlets/Nobody"):
        r = client.get(url)
        assert r.status_code == 404 and "detail" in r.json()


def test_check_links_an_article_to_stored_incidents_without_storing_it(client):
    before = client.get("/api/incidents").json()["total"]
    text = (
        "Coalition warplanes struck the town of Hajin in Deir ez-Zor province on Wednesday, killing "
        "28 civilians including children, local activists said."
    )
    r = client.post(
        "/api/check",
        json={"text": text, "title": "Strike on Hajin", "published": "2018-11-22", "outlet": "Test Wire"},
    )
    assert r.status_code == 200
    body = r.json()
    assert body["claims"] and body["claims"][0]["figures"]["killed.civilians"]["value"] == 28
    assert body["matches"][0]["incident"]["id"] == HAJIN and body["matches"][0]["link"]["reasons"]
    assert body["credibility"]["verdict"] == "credible"
    assert client.get("/api/incidents").json()["total"] == before


def test_check_gives_the_credibility_verdict_of_civcas_credibility(client, seeded_db):
    text = (
        "Coalition warplanes struck the town of Hajin in Deir ez-Zor province on Wednesday, killing "
        "90 civilians, activists reportedly said."
    )
    body = client.post("/api/check", json={"text": text, "published": "2018-11-22"}).json()["credibility"]
    assert body["verdict"] == "doubtful" and body["scorer"] == "rules" and 0 <= body["score"] < 0.5
    assert any("this article says 90" in r and "times more" in r for r in body["reasons"])
    article = Article(
        id="unsaved-check", title="", text=text, published=date(2018, 11, 22), source_format="check"
    )
    with Store(seeded_db) as store:
        expected = credibility.check_article(article, store)  # what `civcas check` prints
    assert (body["verdict"], body["score"], body["reasons"]) == (
        expected.verdict,
        expected.score,
        expected.reasons,
    )


def test_incident_claims_carry_their_articles_stored_verdicts(client):
    claims = client.get(f"/api/incidents/{HAJIN}").json()["claims"]
    for claim in claims:
        stored = client.get(f"/api/articles/{claim['article_id']}").json()["assessment"]
        assert claim["verdict"] == stored and stored["verdict"] in (
            "credible",
            "doubtful",
            "insufficient_evidence",
        )


def test_exports(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export.csv").text)))
    assert {
        "event_date",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "actor",
        "weapon",
        "fatalities_min",
        "fatalities_max",
        "civilians_min",
        "civilians_max",
        "sources",
    } <= set(rows[0])
    hajin = next(r for r in rows if r["event_id"] == HAJIN)
    killed = client.get(f"/api/incidents/{HAJIN}").json()["casualties"]["killed.total"]
    assert (hajin["fatalities_min"], hajin["fatalities_max"]) == (str(killed["min"]), str(killed["max"]))
    assert hajin["admin1"] == "Deir ez-Zor" and hajin["location"] == "Hajin" and float(hajin["latitude"]) > 34
    geo = client.get("/api/export.geojson", params={"governorate": "Idlib"}).json()
    assert geo["type"] == "FeatureCollection" and all(
        f["properties"]["governorate"] == "Idlib" for f in geo["features"]
    )
    lines = client.get("/api/export.jsonl").text.splitlines()
    assert len(lines) == len(rows) and json.loads(lines[0])["incident_id"]


def test_openapi_and_docs_are_served_locally(client):
    spec = client.get("/openapi.json").json()
    assert "/api/incidents" in spec["paths"] and "/api/check" in spec["paths"]
    docs = client.get("/docs").text
    assert "/docs/assets/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


# ---------------------------------------------------------------- bad requests


def test_bad_parameters_are_422_with_the_reason(client):
    for params in (
        {"limit": 0},
        {"limit": 100000},
        {"offset": -1},
        {"date_from": "yesterday"},
        {"sort": "password"},
        {"order": "sideways"},
        {"min_killed": "many"},
        {"q": "x" * 500},
    ):
        r = client.get("/api/incidents", params=params)
        assert r.status_code == 422, params
        assert r.json()["detail"][0]["loc"][0] == "query"
    assert client.post("/api/check", json={"title": "no text"}).status_code == 422
    assert (
        client.post(
            "/api/check", content=b"{not json", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )


def test_oversize_request_is_413(client):
    r = client.post("/api/check", json={"text": "a" * 1_100_000})
    assert r.status_code == 413 and "larger than" in r.json()["detail"]

    def chunks():  # no Content-Length: counted while streaming
        for _ in range(30):
            yield b"x" * 50_000

    assert (
        client.post("/api/check", content=chunks(), headers={"content-type": "application/json"}).status_code
        == 413
    )


SQL_PROBES = [
    "' OR 1=1 --",
    '"; DROP TABLE incidents; --',
    "%",
    "_",
    "\\",
    "Hajin' UNION SELECT * FROM users --",
    'NEAR(" *',
    "title:*",
    "a AND OR NOT b",
    "\x00",
]


@pytest.mark.parametrize("probe", SQL_PROBES)
def test_sql_metacharacters_in_every_filter_are_harmless(client, probe):
    total = client.get("/api/incidents").json()["total"]
    for name in ("governorate", "actor", "weapon", "grade", "q"):
        r = client.get("/api/incidents", params={name: probe})
        assert r.status_code == 200, (name, r.text)
        assert r.json()["total"] == 0 or name == "q"  # no incident has such a value; search may match words
    for name in ("article_id", "incident_id", "governorate", "actor", "weapon"):
        assert client.get("/api/claims", params={name: probe}).json()["total"] == 0
    assert client.get("/api/audit", params={"target_id": probe}).json() == []
    assert client.get("/api/incidents").json()["total"] == total  # nothing was dropped


def test_fts_query_quotes_every_word():
    assert fts_query('Hajin" OR title:*') == '"Hajin" "OR" "title"'
    assert fts_query("  ") == '""'


# ---------------------------------------------------------------- writing


def test_writing_needs_a_valid_token(writable):
    c, auth, _ = writable
    body = {"field": "actor", "value": "russia"}
    assert c.post(f"/api/claims/{HAJIN}", json=body).status_code == 401
    r = c.post("/api/claims/d01_hajin_levantnews%230", json=body, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_edit_a_claim_is_audited_and_rebuilds_the_incident(writable):
    c, auth, _ = writable
    r = c.post(
        "/api/claims/d01_hajin_levantnews%230", json={"field": "killed.total", "value": "90"}, headers=auth
    )
    assert r.status_code == 200 and r.json()["figures"]["killed.total"] == {
        "value": 90,
        "approx": False,
        "span": None,
    }
    d = c.get(f"/api/incidents/{HAJIN}").json()
    assert d["casualties"]["killed.total"]["max"] == 90 and d["reviewed"] is True
    entry = d["audit"][0]
    assert (entry["user"], entry["action"], entry["target_id"]) == (
        "alice",
        "edit_claim",
        "d01_hajin_levantnews#0",
    )
    assert entry["before"] == {"killed.total": 30} and entry["after"] == {"killed.total": 90}
    assert c.get("/api/audit", params={"target_type": "claim"}).json()[0]["id"] == entry["id"]
    bad = c.post(
        "/api/claims/d01_hajin_levantnews%230", json={"field": "actor", "value": "aliens"}, headers=auth
    )
    assert bad.status_code == 400 and "actor must be one of" in bad.json()["detail"]
    assert (
        c.post("/api/claims/nope%230", json={"field": "actor", "value": "russia"}, headers=auth).status_code
        == 404
    )


def test_split_then_merge_back(writable):
    c, auth, _ = writable
    d = c.get(f"/api/incidents/{HAJIN}").json()
    moving = [d["claims"][0]["id"]]
    r = c.post(f"/api/incidents/{HAJIN}/split", json={"claim_ids": moving}, headers=auth)
    new_id = r.json()["new_incident_id"]
    assert c.get(f"/api/incidents/{new_id}").json()["claims"][0]["id"] == moving[0]
    assert len(c.get(f"/api/incidents/{HAJIN}").json()["claims"]) == 4
    merged = c.post(f"/api/incidents/{HAJIN}/merge", json={"other": new_id}, headers=auth).json()
    assert len(merged["claims"]) == 5 and [e["action"] for e in merged["audit"]][:2] == ["merge", "split"]
    assert c.get(f"/api/incidents/{new_id}").status_code == 404
    everything = [d["claims"][i]["id"] for i in range(5)]
    assert (
        c.post(f"/api/incidents/{HAJIN}/split", json={"claim_ids": everything}, headers=auth).status_code
        == 400
    )


def test_closed_reading(seeded_db):
    with TestClient(create_app(seeded_db, Settings(read_requires_token=True))) as c:
        assert c.get("/api/incidents").status_code == 401
        assert c.get("/").status_code == 401


def test_incident_bundle_reads_what_the_single_getters_read(writable):
    c, headers, path = writable
    c.post(
        "/api/claims/d02_hajeen_bosphorus%230", json={"field": "killed.total", "value": "27"}, headers=headers
    )
    with Store(path) as store:
        bundle = store.incident_bundle(HAJIN)
        claims = store.claims(incident_id=HAJIN)
        assert bundle.incident == store.get_incident(HAJIN) and bundle.claims == claims
        assert bundle.articles == {x.article_id: store.get_article(x.article_id) for x in claims}
        assert bundle.assessments == {x.article_id: store.assessment(x.article_id) for x in claims}
        assert bundle.audit == store.audit_log(target_ids=[HAJIN, *[x.id for x in claims]])
        assert bundle.reviewed is store.is_reviewed(HAJIN) is True and len(bundle.audit) == 1
        assert store.incident_bundle("inc-none") is None
