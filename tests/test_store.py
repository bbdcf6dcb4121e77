from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from civcas.models import Article, Assessment, Claim, Figure, Incident, Link, Place, Span
from civcas.store import Base, Store


def article(n: int = 1, text_: str = "Jets struck Hajin, killing 25 civilians.") -> Article:
    return Article(
        id=f"a{n}",
        title=f"Title {n}",
        text=f"{text_} ({n})",
        outlet="Wire",
        url="https://example.org/x",
        published=date(2018, 12, 6),
        source="x.txt",
        source_format="txt",
        meta={"label": 1},
    )


def claim(article_id: str = "a1", index: int = 0) -> Claim:
    return Claim(
        article_id=article_id,
        index=index,
        role="main",
        date=date(2018, 12, 5),
        date_precision="day",
        place=Place(
            name="Hajin",
            span=Span(12, 17, "Hajin"),
            gazetteer_id="geonames:174506",
            canonical="Hajin",
            alt_names=["Hajeen"],
            lat=34.69,
            lon=40.83,
            governorate="Deir ez-Zor",
            precision=1,
        ),
        governorate="Deir ez-Zor",
        actor="us_led_coalition",
        weapon="airstrike",
        target="hospital",
        figures={
            "killed.civilians": Figure(25, False, Span(27, 39, "25 civilians")),
            "injured.total": Figure(24, True, None),
        },
        claimed_by="local sources",
        belligerent_response="denied",
        evidence={"actor": Span(0, 4, "Jets")},
        sentence=Span(0, 40, "Jets struck Hajin, killing 25 civilians."),
    )


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "t.db")) as s:
        yield s


def test_article_and_claims_round_trip(store):
    a, c = article(), claim()
    assert store.add_article(a, [c])
    assert store.get_article("a1") == a
    assert store.claims(article_id="a1") == [c]
    assert store.claims_between(date(2018, 12, 1), date(2018, 12, 31)) == [c]
    assert store.undated_claims() == []


def test_duplicate_content_or_id_is_refused(store):
    assert store.add_article(article(), [claim()])
    same_text = article()
    same_text.id = "other"
    assert not store.add_article(same_text, [])
    assert store.has_content(article().content_hash) == "a1"
    assert store.count_articles() == 1


def test_a_failed_article_leaves_nothing(store):
    bad = claim("a1", 0)
    duplicate_claim = claim("a1", 0)  # same primary key: the insert fails midway
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        store.add_article(article(), [bad, duplicate_claim])
    assert store.count_articles() == 0 and store.claims() == []


def test_incidents_round_trip_and_filters(store):
    store.add_article(article(1), [claim("a1")])
    store.add_article(article(2, "Other text"), [claim("a2")])
    incident = Incident(
        id="inc-1",
        claim_ids=["a1#0", "a2#0"],
        date_min=date(2018, 12, 5),
        date_max=date(2018, 12, 5),
        place=claim().place,
        governorate="Deir ez-Zor",
        actors=["us_led_coalition"],
        weapons=["airstrike"],
        casualties={"killed.total": (20, 25)},
        n_articles=2,
        n_outlets=1,
        outlets=["Wire"],
        grade="fair",
        links=[Link("a2#0", "a1#0", 6.5, ["same place: Hajin / Hajin (+3)"])],
    )
    store.save_incidents([incident])
    assert store.get_incident("inc-1") == incident
    assert {c.incident_id for c in store.claims()} == {"inc-1"}
    assert store.incidents(governorate="Deir ez-Zor", actor="us_led_coalition", min_killed=25) == [incident]
    assert store.incidents(date_from=date(2019, 1, 1)) == []
    assert store.incidents(grade="weak") == []


def test_filter_values_are_parameters_not_sql(store):
    store.add_article(article(), [claim()])
    store.save_incidents(
        [Incident(id="inc-1", claim_ids=["a1#0"], governorate="Idlib", n_articles=1, n_outlets=1)]
    )
    assert store.incidents(governorate="Idlib'; DROP TABLE incidents;--") == []
    assert store.incidents(actor="x' OR '1'='1") == []
    assert len(store.incidents()) == 1


def test_assessments_upsert(store):
    store.add_article(article(), [])
    store.save_assessments([Assessment("a1", "credible", 0.7, ["agrees"], {"x": 1.0})])
    store.save_assessments([Assessment("a1", "doubtful", 0.2, ["inflated"], {"x": 3.0})])
    assert store.assessments() == [Assessment("a1", "doubtful", 0.2, ["inflated"], {"x": 3.0})]


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_migrations_match_the_orm_and_reopening_keeps_data(tmp_path):
    path = str(tmp_path / "t.db")
    with Store(path) as s:
        s.add_article(article(), [claim()])
        with s.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert "alembic_version" in inspect(conn).get_table_names()
    with Store(path) as again:
        assert again.count_articles() == 1


def test_open_honours_civcas_db(monkeypatch, tmp_path):
    monkeypatch.setenv("CIVCAS_DB", str(tmp_path / "env.db"))
    with Store.open() as s:
        assert s.url.endswith("env.db")
    with Store.open("sqlite://") as memory:
        memory.add_article(article(), [])
        assert memory.count_articles() == 1
