from datetime import date

from civcas.assess import build_incident
from civcas.models import Claim, Figure, Place


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


OUTLETS = {
    "a": "SANA",
    "b": "Orient News",
    "c": "Reuters",
    "d": "Syrian Observatory for Human Rights",
}  # four camps


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


def test_incidents_count_distinct_media_camps():
    real = {"a": "SANA", "b": "Syrian Arab News Agency", "c": "Reuters", "d": "Daily Planet"}
    incident = build_incident("inc-1", [claim(x, 20) for x in "abcd"], real)
    assert incident.camps == ["syrian_state", "western_wire"]  # the unknown outlet adds none
    assert incident.n_camps == 2
    assert incident.outlets == ["Daily Planet", "Reuters", "SANA"]  # an alias is the same outlet
    assert incident.n_outlets == 3


def test_fair_needs_two_independent_camps():
    two_camps = build_incident("inc-1", [claim("a", 20), claim("c", 22)], {"a": "SANA", "c": "Reuters"})
    assert two_camps.grade == "fair"
    assert two_camps.grade_reason.startswith("2 independent media camps")
    one_camp = {"a": "SANA", "b": "Al-Ikhbariya", "c": "Al-Watan (Syria)"}
    state_only = build_incident("inc-1", [claim(x, 20) for x in "abc"], one_camp)
    assert (state_only.n_outlets, state_only.grade) == (3, "weak")
    assert "3 outlets all of one media camp (syrian_state)" in state_only.grade_reason


def test_unknown_outlets_are_not_independent_camps():
    unknown = {"a": "SANA", "b": "Daily Planet", "c": "Evening Bugle"}
    incident = build_incident("inc-1", [claim(x, 20) for x in "abc"], unknown)
    assert (incident.n_outlets, incident.grade) == (3, "weak")
    assert "not in the registry: Daily Planet, Evening Bugle" in incident.grade_reason
    unnamed = build_incident("inc-1", [claim(x, 20) for x in "abcd"], {"a": "SANA"})
    assert (unnamed.n_outlets, unnamed.grade) == (1, "weak")
    assert "3 article(s) naming no outlet" in unnamed.grade_reason
    nobody = build_incident("inc-1", [claim(x, 20) for x in "ab"], {})
    assert (nobody.n_outlets, nobody.grade) == (1, "weak")


def test_outlets_of_no_common_line_each_count_as_a_camp():
    others = {"a": "Xinhua", "b": "21st Century Wire"}  # both filed under camp 'other'
    assert build_incident("inc-1", [claim(x, 20) for x in "ab"], others).grade == "fair"
