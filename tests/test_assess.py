from datetime import date

from civcas.assess import assess_article, build_incident
from civcas.models import Article, Claim, Figure, Place


def claim(
    article: str,
    killed: int,
    civilians: int | None = None,
    response: str | None = None,
    actor: str = "us_led_coalition",
    day: date = date(2019, 2, 12),
) -> Claim:
    c = Claim(
        article_id=article,
        index=0,
        date=day,
        governorate="Deir ez-Zor",
        actor=actor,
        weapon="airstrike",
        place=Place(name="al-Baghouz", precision=1),
        belligerent_response=response,
        incident_id="inc-1",
    )
    c.figures["killed.total"] = Figure(killed)
    if civilians is not None:
        c.figures["killed.civilians"] = Figure(civilians, approx=True)
    return c


OUTLETS = {"a": "State News", "b": "Opposition Council", "c": "Wire", "d": "Monitor"}


def test_casualty_ranges_and_counts():
    claims = [claim("a", 24, 24), claim("b", 40, 30), claim("c", 30)]
    incident = build_incident("inc-1", claims, OUTLETS)
    assert incident.casualties["killed.total"] == (24, 40)
    assert incident.casualties["killed.civilians"] == (24, 30)
    assert (incident.n_articles, incident.n_outlets) == (3, 3)
    assert incident.grade == "fair"


def test_single_source_is_weak():
    incident = build_incident("inc-1", [claim("a", 12)], OUTLETS)
    assert incident.grade == "weak"


def test_denial_makes_it_contested_and_admission_confirmed():
    contested = build_incident("inc-1", [claim("a", 12), claim("b", 12, response="denied")], OUTLETS)
    assert contested.grade == "contested"
    assert "the accused party denied it" in contested.contradictions
    confirmed = build_incident("inc-1", [claim("a", 12), claim("b", 12, response="admitted")], OUTLETS)
    assert confirmed.grade == "confirmed"


def test_tolls_far_apart_are_a_contradiction():
    incident = build_incident("inc-1", [claim("a", 5), claim("b", 40)], OUTLETS)
    assert incident.grade == "contested"
    assert incident.contradictions == ["death toll differs: 5–40"]


def test_inflated_article_is_doubtful_and_agreeing_one_credible():
    claims = [claim("a", 20), claim("b", 22), claim("c", 21), claim("d", 150)]
    incident = build_incident("inc-1", claims, OUTLETS)
    by_incident = {"inc-1": claims}
    inflated = assess_article(
        Article("d", "t", "x", outlet="Monitor"), [claims[3]], {"inc-1": incident}, by_incident, OUTLETS
    )
    assert inflated.verdict == "doubtful"
    assert "deviates" in inflated.reasons[0]
    agreeing = assess_article(
        Article("a", "t", "x", outlet="State News"), [claims[0]], {"inc-1": incident}, by_incident, OUTLETS
    )
    assert agreeing.verdict == "credible"


def test_uncorroborated_article_has_insufficient_evidence():
    only = claim("a", 20)
    incident = build_incident("inc-1", [only], OUTLETS)
    verdict = assess_article(
        Article("a", "t", "x", outlet="State News"), [only], {"inc-1": incident}, {"inc-1": [only]}, OUTLETS
    )
    assert verdict.verdict == "insufficient_evidence"


def test_incidents_count_distinct_media_camps():
    real = {"a": "SANA", "b": "Syrian Arab News Agency", "c": "Reuters", "d": "Daily Planet"}
    incident = build_incident("inc-1", [claim(x, 20) for x in "abcd"], real)
    assert incident.camps == ["syrian_state", "western_wire"]  # the unknown outlet adds none
    assert incident.n_camps == 2
