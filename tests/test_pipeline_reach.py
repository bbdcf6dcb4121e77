"""Which stored claims a new report is linked against: a month-precision report's whole incident comes
along, so adding reports one at a time links them as one run over all of them would."""

from datetime import date

from civcas import pipeline
from civcas.models import Article, Claim, Figure, Incident, Place
from civcas.store import Store


def claim(article_id: str, day: date, precision: str, incident: str, place: str = "Kafr Nabl") -> Claim:
    return Claim(
        article_id=article_id,
        index=0,
        date=day,
        date_precision=precision,
        place=Place(name=place, precision=1, lat=35.61, lon=36.56, governorate="Idlib"),
        governorate="Idlib",
        figures={"killed.total": Figure(7, False, None)},
        incident_id=incident,
    )


def stored(store: Store, c: Claim) -> None:
    store.add_article(Article(id=c.article_id, title=c.article_id, text=f"text of {c.article_id}"), [c])
    held = [x.id for x in store.claims(incident_id=c.incident_id)]
    store.save_incidents([Incident(id=c.incident_id, claim_ids=[*held, c.id])])


def test_the_incident_of_a_stored_month_precision_claim_is_loaded_whole():
    with Store("sqlite://") as store:
        stored(store, claim("month", date(2016, 3, 1), "month", "inc-a"))
        stored(store, claim("late-in-month", date(2016, 3, 28), "day", "inc-a"))
        stored(store, claim("elsewhere", date(2016, 7, 9), "day", "inc-b"))
        new = claim("new", date(2016, 3, 14), "day", None)
        reach = {c.article_id for c in pipeline.stored_claims_in_reach(store, [new])}
    assert reach == {"month", "late-in-month"}


def test_a_day_claim_far_from_any_stored_claim_loads_nothing_dated():
    with Store("sqlite://") as store:
        stored(store, claim("elsewhere", date(2016, 7, 9), "day", "inc-b"))
        new = claim("new", date(2016, 3, 14), "day", None)
        assert pipeline.stored_claims_in_reach(store, [new]) == []
