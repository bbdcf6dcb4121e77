"""End to end on the five real seed reports: what a casualty recorder would check."""

from pathlib import Path

import pytest

from civcas import pipeline
from civcas.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/data/seeds not present")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(str(tmp_path_factory.mktemp("seeds") / "civcas.db")) as s:
        report = pipeline.run([SEEDS], s)
        assert report.ok and len(report.added) == 5
        yield s


def claims_of(store, stem):
    return store.claims(article_id=next(a.id for a in store.articles() if a.id.startswith(stem)))


def test_hajin_spellings_end_up_in_the_right_incidents(store):
    etilaf_main = claims_of(store, "001")[0]  # Hajeen, Wednesday 2018-12-05
    etilaf_tuesday = claims_of(store, "001")[1]  # Hajeen, Tuesday
    presstv_main = claims_of(store, "003")[0]  # Hajin, undated Saturday market strike
    assert etilaf_main.place.gazetteer_id == presstv_main.place.gazetteer_id  # one town, three spellings
    assert etilaf_main.place.precision == 1 and etilaf_main.place.lat is not None
    # Different days and tolls: three different events, as the gold annotators recorded them.
    assert len({etilaf_main.incident_id, etilaf_tuesday.incident_id, presstv_main.incident_id}) == 3
    anadolu = claims_of(store, "000")[0]
    assert anadolu.place.name == "Siife" and anadolu.incident_id not in {etilaf_main.incident_id}


def test_etilaf_25_civilians(store):
    main = claims_of(store, "001")[0]
    assert main.role == "main"
    assert main.figure("killed.civilians") == 25 and not main.figures["killed.civilians"].approx
    assert main.figure("killed.total") == 25
    assert main.figure("injured.total") == 24 and main.figures["injured.total"].approx  # "dozens"
    assert main.date.isoformat() == "2018-12-05"  # "on Wednesday", published Thursday 6 December


def test_baghouz_70_killed_and_injured_is_a_lumped_figure(store):
    main = claims_of(store, "002")[0]
    assert main.place.name == "al-Baghouz"
    assert main.figure("killed_or_injured.civilians") == 70
    assert main.figure("killed.civilians") == 40  # "scores of civilians" killed, kept apart from the 70
    assert main.target == "camp"


def test_coalition_statement_is_recorded_as_its_response(store):
    rt = claims_of(store, "004")[0]
    assert rt.actor == "us_led_coalition"
    assert rt.belligerent_response == "investigating"
    assert "investigat" in rt.evidence["belligerent_response"].text
    incident = store.get_incident(rt.incident_id)
    assert incident.belligerent_response == "investigating"


def test_every_incident_has_a_casualty_range_and_grade(store):
    incidents = store.incidents()
    assert incidents
    for incident in incidents:
        assert incident.grade in {"confirmed", "fair", "weak", "contested", "discounted"}
        for low, high in incident.casualties.values():
            assert low <= high


def test_running_the_same_inputs_again_adds_nothing(store):
    before = len(store.articles()), len(store.incidents())
    report = pipeline.run([SEEDS], store)
    assert report.added == [] and len(report.duplicates) == 5
    assert (len(store.articles()), len(store.incidents())) == before


def test_every_seed_report_has_a_stored_credibility_verdict(store):
    verdicts = {a.article_id[:3]: a for a in store.assessments()}
    assert sorted(verdicts) == ["000", "001", "002", "003", "004"]
    for verdict in verdicts.values():
        assert verdict.verdict in {"credible", "doubtful", "insufficient_evidence"}
        assert verdict.reasons and 0 <= verdict.score <= 1
    # Each seed reports its own strike: nothing corroborates it, so nothing can be judged.
    assert {v.verdict for v in verdicts.values()} == {"insufficient_evidence"}
