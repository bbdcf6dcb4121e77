from datetime import date

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

import civcas.store as store_module
from civcas.models import Article, Assessment, Claim, Figure, Incident, Link, Place, Span
from civcas.store import ArticleConflict, Base, Store, alembic_config

INJECTION = "Idlib'; DROP TABLE incidents;--"


def article(n: int = 1, text_: str = "Jets struck Hajin, killing 25 civilians.") -> Article:
    return Article(
        id=f"a{n}",
        title=f"Title {n}",
        text=f"{text_} ({n})",
        outlet="Wire",
        url="https://example.org/x",
        published=date(2018, 12, 6),
        language="en",
        source="x.txt",
        source_format="txt",
        meta={"label": 1, "location": "Hajin", "nested": {"k": [1, 2]}},
    )


def claim(article_id: str = "a1", index: int = 0, day: date | None = date(2018, 12, 5), **kw) -> Claim:
    fields = dict(
        article_id=article_id,
        index=index,
        role="main",
        date=day,
        date_precision="day" if day else None,
        place=Place(
            name="Hajeen",
            span=Span(12, 18, "Hajeen"),
            gazetteer_id="geonames:174506",
            canonical="Hajin",
            alt_names=["Hajeen", "Hejjin"],
            lat=34.6956,
            lon=40.8314,
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
        evidence={"actor": Span(0, 4, "Jets"), "date": Span(40, 48, "Tuesday")},
        sentence=Span(0, 40, "Jets struck Hajin, killing 25 civilians."),
    )
    return Claim(**(fields | kw))


def incident(id_: str = "inc-1", claim_ids: tuple[str, ...] = ("a1#0", "a2#0"), **kw) -> Incident:
    fields = dict(
        id=id_,
        claim_ids=list(claim_ids),
        date_min=date(2018, 12, 5),
        date_max=date(2018, 12, 6),
        place=claim().place,
        governorate="Deir ez-Zor",
        actors=["us_led_coalition"],
        weapons=["airstrike"],
        targets=["hospital"],
        casualties={"killed.civilians": (20, 25), "injured.total": (24, 24)},
        n_articles=2,
        n_outlets=1,
        outlets=["Wire"],
        belligerent_response="denied",
        contradictions=["figures differ: 20 vs 25"],
        grade="fair",
        grade_reason="two sources, one camp",
        links=[Link(claim_ids[-1], claim_ids[0], 6.5, ["same place: Hajin / Hajeen (+3)"])],
    )
    return Incident(**(fields | kw))


def dump(s: Store) -> dict[str, list]:
    with s.engine.connect() as conn:
        tables = ("articles", "claims", "incidents", "links", "assessments")
        return {t: conn.execute(text(f"SELECT * FROM {t} ORDER BY 1")).all() for t in tables}


@pytest.fixture(params=["file", "memory"])
def store(request, tmp_path):
    with Store(str(tmp_path / "t.db") if request.param == "file" else "sqlite://") as s:
        yield s


@pytest.fixture
def linked(store):
    store.add_article(article(1), [claim("a1")])
    store.add_article(article(2, "Hajeen struck"), [claim("a2")])
    store.save_incidents([incident()])
    return store


# ---------------------------------------------------------------- articles and claims


def test_article_and_claims_round_trip_every_field(store):
    a, dated, undated = article(), claim(), claim(index=1, day=None, place=None, figures={}, evidence={})
    assert store.add_article(a, [dated, undated])
    assert store.get_article("a1") == a
    assert store.articles() == [a] and store.count_articles() == 1
    assert store.claims(article_id="a1") == [dated, undated]
    assert store.claims(article_id="nope") == []
    assert store.claims_between(date(2018, 12, 5), date(2018, 12, 5)) == [dated]
    assert store.claims_between(date(2018, 12, 6), date(2018, 12, 31)) == []
    assert store.undated_claims() == [undated]
    assert store.has_content(a.content_hash) == "a1" and store.has_content("0" * 64) is None
    assert store.get_article("nope") is None


def test_articles_and_claims_come_back_in_order(store):
    for n in (3, 1, 2):
        store.add_article(article(n), [claim(f"a{n}", i) for i in (10, 2)])
    assert [a.id for a in store.articles()] == ["a1", "a2", "a3"]
    assert [c.id for c in store.claims(article_id="a1")] == ["a1#2", "a1#10"]


def test_duplicate_content_or_id_is_refused_and_changes_nothing(store):
    assert store.add_article(article(), [claim()])
    before = dump(store)
    same_text = article()
    same_text.id, same_text.outlet = "other", "Other outlet"
    assert not store.add_article(same_text, [claim("other")])
    assert dump(store) == before
    assert store.has_content(article().content_hash) == "a1"


def test_a_stored_id_with_changed_content_is_refused_loudly_and_gets_a_revision_id(store):
    assert store.add_article(article(), [claim()])
    before = dump(store)
    changed = article(1, "Jets struck Hajin, killing 30 civilians.")
    with pytest.raises(ArticleConflict, match="'a1' is already stored with other content"):
        store.add_article(changed, [claim()])
    assert dump(store) == before
    assert store.content_hash_of("a1") == article().content_hash != changed.content_hash
    assert store.revision_id("a1") == "a1-2"
    changed.id = "a1-2"
    assert store.add_article(changed, [])
    assert store.revision_id("a1") == "a1-3"


def test_a_claim_that_fails_in_the_database_leaves_nothing_of_its_article(store):
    with pytest.raises(IntegrityError):  # two claims with one primary key
        store.add_article(article(), [claim(index=0), claim(index=0)])
    assert store.count_articles() == 0 and store.claims() == []
    assert store.add_article(article(), [claim()])  # the store is still usable


def test_a_failure_midway_leaves_nothing_of_its_article(store, monkeypatch):
    real = store_module._claim_to_row

    def fail_on_second(c: Claim) -> dict:
        if c.index == 1:
            raise RuntimeError("boom")
        return real(c)

    monkeypatch.setattr(store_module, "_claim_to_row", fail_on_second)
    with pytest.raises(RuntimeError):
        store.add_article(article(), [claim(index=0), claim(index=1)])
    assert (
        store.count_articles() == 0
        and store.claims() == []
        and store.has_content(article().content_hash) is None
    )


def test_claims_of_another_article_are_refused(store):
    with pytest.raises(ValueError, match="do not belong"):
        store.add_article(article(1), [claim("a2")])
    assert store.count_articles() == 0


# ---------------------------------------------------------------- incidents


def test_incident_round_trip_with_casualty_tuples_and_links(linked):
    saved = linked.get_incident("inc-1")
    assert saved == incident()
    assert all(type(r) is tuple for r in saved.casualties.values())
    assert {c.incident_id for c in linked.claims()} == {"inc-1"}
    assert [c.id for c in linked.claims(incident_id="inc-1")] == ["a1#0", "a2#0"]
    assert linked.get_incident("nope") is None


def test_resaving_an_incident_replaces_its_claims_and_links(linked):
    linked.save_incidents([incident(claim_ids=("a1#0",), links=[], n_articles=1)])
    assert linked.get_incident("inc-1").links == []
    assert [c.id for c in linked.claims(incident_id="inc-1")] == ["a1#0"]
    assert linked.claims(article_id="a2")[0].incident_id is None


def test_a_claim_taken_by_another_incident_leaves_the_old_one(linked):
    linked.save_incidents([incident("inc-2", ("a2#0",), links=[])])
    assert linked.get_incident("inc-1").claim_ids == ["a1#0"]
    assert linked.get_incident("inc-2").claim_ids == ["a2#0"]
    linked.save_incidents([incident("inc-2", ("a1#0", "a2#0"), links=[])])
    assert linked.get_incident("inc-1") is None  # left with no claim: deleted
    with linked.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM links")).scalar() == 0


def test_delete_incidents_releases_claims_and_drops_links(linked):
    linked.delete_incidents(["inc-1", "unknown"])
    assert linked.incidents() == []
    assert {c.incident_id for c in linked.claims()} == {None}
    assert dump(linked)["links"] == []


def test_incident_filters(linked):
    linked.add_article(article(3, "Idlib shelling"), [claim("a3", governorate="Idlib", actor="russia")])
    linked.add_article(article(4, "undated"), [claim("a4", day=None)])
    day = date(2017, 4, 4)
    casualties = {"killed.total": (70, 90)}
    idlib = incident(
        "inc-0", ("a3#0",), date_min=day, date_max=day, governorate="Idlib", casualties=casualties, links=[]
    )
    undated = incident("inc-9", ("a4#0",), date_min=None, date_max=None, grade=None, casualties={}, links=[])
    linked.save_incidents([undated, idlib])
    ids = lambda **kw: [i.id for i in linked.incidents(**kw)]  # noqa: E731
    assert ids() == ["inc-0", "inc-1", "inc-9"]  # by date_min, undated last
    assert ids(governorate="Deir ez-Zor") == ["inc-1", "inc-9"]
    assert ids(date_from=date(2018, 12, 6)) == ["inc-1"]  # ranges that overlap
    assert ids(date_to=date(2018, 12, 5)) == ["inc-0", "inc-1"]
    assert ids(date_from=date(2018, 1, 1), date_to=date(2018, 12, 4)) == []
    assert ids(actor="russia") == ["inc-0"] and ids(actor="us_led_coalition") == ["inc-1", "inc-9"]
    assert ids(grade="fair") == ["inc-0", "inc-1"] and ids(grade="weak") == []
    assert ids(min_killed=25) == ["inc-0", "inc-1"]  # killed.civilians counts, injured does not
    assert ids(min_killed=26) == ["inc-0"]
    assert ids(limit=2) == ["inc-0", "inc-1"]
    assert ids(
        governorate="Deir ez-Zor", actor="us_led_coalition", min_killed=20, date_to=date(2019, 1, 1)
    ) == ["inc-1"]


def test_filter_values_are_parameters_not_sql(linked):
    linked.add_article(article(3, "quoted"), [claim("a3")])
    linked.save_incidents([incident("inc-q", ("a3#0",), governorate=INJECTION, links=[])])
    for field in ("governorate", "actor", "grade"):
        assert linked.incidents(**{field: "x' OR '1'='1"}) == []
    assert [i.id for i in linked.incidents(governorate=INJECTION)] == ["inc-q"]  # stored and matched verbatim
    assert linked.incidents(governorate="Idlib'; DROP TABLE incidents;--x") == []
    assert "incidents" in inspect(linked.engine).get_table_names()
    assert len(linked.incidents()) == 2


# ---------------------------------------------------------------- assessments, errors


def test_assessments_upsert_by_article(store):
    store.add_article(article(1), [])
    store.add_article(article(2, "other"), [])
    store.save_assessments([Assessment("a1", "credible", 0.7, ["agrees"], {"x": 1.0})])
    store.save_assessments(
        [
            Assessment("a2", "insufficient_evidence", 0.5),
            Assessment("a1", "doubtful", 0.2, ["inflated"], {"x": 3.0}),
        ]
    )
    assert store.assessment("a1") == Assessment("a1", "doubtful", 0.2, ["inflated"], {"x": 3.0})
    assert [a.article_id for a in store.assessments()] == ["a1", "a2"]
    assert store.assessment("nope") is None


def test_errors_are_logged(store):
    store.log_error("bad.pdf", "binary file")
    assert store.errors() == [("bad.pdf", "binary file")]


# ---------------------------------------------------------------- engine, schema, migrations


def test_sqlite_file_runs_in_wal_mode_with_foreign_keys(tmp_path):
    with Store(str(tmp_path / "t.db")) as s, s.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_foreign_keys_are_enforced(store):
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(text("INSERT INTO assessments VALUES ('ghost', 'credible', 1.0, '[]', '{}')"))
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


# SQLite cannot reflect the expression indexes of 0006_web, so the comparison skips them (and says so).
@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning", "ignore:.*expression-based index")
def test_migrated_schema_matches_the_orm(store):
    with store.engine.connect() as conn:
        # The FTS5 index (0005_review) and its shadow tables are SQLite's, outside the ORM.
        skip_fts = {"include_name": lambda name, type_, _parent: not (name or "").startswith("articles_fts")}
        assert compare_metadata(MigrationContext.configure(conn, opts=skip_fts), Base.metadata) == []
        heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
        assert set(MigrationContext.configure(conn).get_current_heads()) == heads


def test_reopening_keeps_data_and_schema(tmp_path):
    path = str(tmp_path / "t.db")
    with Store(path) as s:
        s.add_article(article(), [claim()])
        s.save_incidents([incident(claim_ids=("a1#0",), links=[])])
        before, schema = dump(s), _schema(s)
    with Store(path) as again:
        assert dump(again) == before and _schema(again) == schema
        assert again.get_incident("inc-1").claim_ids == ["a1#0"]


def _schema(s: Store) -> list:
    with s.engine.connect() as conn:
        return conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY name")).all()


def test_upgrading_a_0001_database_keeps_and_backfills_its_data(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        old = MetaData()
        old.reflect(conn)
        c = claim(target="school")
        conn.execute(old.tables["articles"].insert(), [store_module._article_to_row(article())])
        row = store_module._claim_to_row(c)
        conn.execute(
            old.tables["claims"].insert(), [{col.name: row[col.name] for col in old.tables["claims"].c}]
        )
    engine.dispose()
    with Store(str(path)) as s, s.engine.connect() as conn:
        assert s.claims() == [c]
        assert conn.execute(text("SELECT target, date_precision, lat FROM claims")).one() == (
            "school",
            "day",
            34.6956,
        )


def test_open_honours_civcas_db(monkeypatch, tmp_path):
    monkeypatch.setenv("CIVCAS_DB", str(tmp_path / "env.db"))
    with Store.open() as s:
        assert s.url == f"sqlite:///{tmp_path / 'env.db'}"
        s.add_article(article(), [])
    assert (tmp_path / "env.db").exists()
    with Store.open(str(tmp_path / "explicit.db")) as s:
        assert s.url.endswith("explicit.db") and s.count_articles() == 0
    monkeypatch.delenv("CIVCAS_DB")
    monkeypatch.chdir(tmp_path)
    with Store.open() as s:
        assert s.url == "sqlite:///civcas.db"


def test_urls_and_new_directories_are_accepted(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'deep' / 'er' / 'u.db'}") as s:
        s.add_article(article(), [])
    with Store(str(tmp_path / "deep" / "er" / "u.db")) as s:
        assert s.count_articles() == 1
