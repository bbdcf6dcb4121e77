"""Assessment: what the claims of an incident add up to, its grade, and a verdict per article.

Incident grades (in the spirit of Airwars' grading; the first rule that applies wins):

- ``confirmed``  the accused party admitted the incident.
- ``contested``  the sources conflict: the accused denied it, the claims name different
  perpetrators, or death tolls differ by more than a factor of CONTESTED_RATIO.
- ``fair``       two or more distinct outlets report it and their figures agree.
- ``weak``       a single outlet reports it.
- ``discounted`` only background mentions (an older event recalled in passing) support it.

Each incident also lists the distinct media camps of its outlets (``Incident.camps``, from the
outlet registry in ``civcas.outlets``); outlets the registry does not know add no camp.

Article verdicts (first version; the credibility issue deepens this):

- ``doubtful``   the article's death toll is more than DOUBTFUL_RATIO times away from the
  median of the other outlets reporting the same incident.
- ``credible``   at least one other outlet reports the same incident and the toll agrees.
- ``insufficient_evidence`` no other outlet reports any incident of the article.
"""

from __future__ import annotations

from collections import Counter
from statistics import median

from civcas.models import FIGURE_PATHS, Article, Assessment, Claim, Incident, Link
from civcas.outlets import OutletRegistry

CONTESTED_RATIO = 2.0
DOUBTFUL_RATIO = 2.0


def build_incident(
    incident_id: str, claims: list[Claim], outlets: dict[str, str | None], links: list[Link] | None = None
) -> Incident:
    """Summarise the claims of one incident. `outlets` maps article id -> outlet name."""
    dates = sorted(c.date for c in claims if c.date)
    article_ids = sorted({c.article_id for c in claims})
    outlet_names = sorted({outlets.get(a) or f"unknown:{a}" for a in article_ids})
    incident = Incident(
        id=incident_id,
        claim_ids=[c.id for c in claims],
        date_min=dates[0] if dates else None,
        date_max=dates[-1] if dates else None,
        place=_most_precise_place(claims),
        governorate=_most_common(c.governorate for c in claims),
        actors=_ranked(c.actor for c in claims),
        weapons=_ranked(c.weapon for c in claims),
        targets=_ranked(c.target for c in claims),
        casualties=_ranges(claims),
        n_articles=len(article_ids),
        n_outlets=len(outlet_names),
        outlets=[o for o in outlet_names if not o.startswith("unknown:")],
        camps=media_camps(outlet_names),
        belligerent_response=_response(claims),
        links=list(links or []),
    )
    incident.contradictions = _contradictions(claims, incident)
    incident.grade, incident.grade_reason = grade(incident, claims)
    return incident


def media_camps(outlet_names) -> list[str]:
    """The distinct media camps of these outlets (outlets the registry does not know count for none)."""
    registry = OutletRegistry.default()
    return sorted({camp for name in outlet_names if (camp := registry.camp_of(name))})


def _most_precise_place(claims: list[Claim]):
    places = [c.place for c in claims if c.place]
    if not places:
        return None
    counts = Counter((p.gazetteer_id or p.name) for p in places)
    return min(places, key=lambda p: (p.precision or 9, -counts[p.gazetteer_id or p.name], p.name))


def _most_common(values) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _ranked(values) -> list[str]:
    counts = Counter(v for v in values if v)
    return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _ranges(claims: list[Claim]) -> dict[str, tuple[int, int]]:
    ranges = {}
    for path in FIGURE_PATHS:
        values = [c.figure(path) for c in claims if c.figure(path) is not None]
        if values:
            ranges[path] = (min(values), max(values))
    return ranges


def _response(claims: list[Claim]) -> str | None:
    responses = {c.belligerent_response for c in claims if c.belligerent_response}
    for value in ("denied", "investigating", "admitted"):
        if value in responses:
            return value
    return None


def _contradictions(claims: list[Claim], incident: Incident) -> list[str]:
    found = []
    actors = [a for a in incident.actors if a != "unknown"]
    if len(actors) > 1:
        found.append(f"perpetrator differs: {', '.join(actors)}")
    low_high = incident.casualties.get("killed.total")
    if low_high and low_high[0] > 0 and low_high[1] > CONTESTED_RATIO * low_high[0]:
        found.append(f"death toll differs: {low_high[0]}–{low_high[1]}")
    if incident.belligerent_response == "denied":
        found.append("the accused party denied it")
    return found


def grade(incident: Incident, claims: list[Claim]) -> tuple[str, str]:
    if incident.belligerent_response == "admitted":
        return "confirmed", "the accused party admitted the incident"
    if incident.contradictions:
        return "contested", "; ".join(incident.contradictions)
    if claims and all(c.role == "background" for c in claims):
        return "discounted", "only recalled in passing as background"
    if incident.n_outlets >= 2:
        return "fair", f"{incident.n_outlets} outlets report it and agree"
    return "weak", "a single source"


def assess_article(
    article: Article,
    claims: list[Claim],
    incidents: dict[str, Incident],
    claims_by_incident: dict[str, list[Claim]],
    outlets: dict[str, str | None],
) -> Assessment:
    """Compare an article's figures with what other outlets say about the same incidents."""
    reasons, deviations, corroborated = [], [], 0
    for claim in claims:
        incident = incidents.get(claim.incident_id or "")
        if incident is None:
            continue
        others = [c for c in claims_by_incident.get(incident.id, []) if _other_outlet(c, article, outlets)]
        if not others:
            continue
        corroborated += 1
        own = claim.figure("killed.total")
        other_tolls = [c.figure("killed.total") for c in others if c.figure("killed.total") is not None]
        if own is not None and other_tolls:
            ratio = _ratio(own, median(other_tolls))
            deviations.append(ratio)
            reasons.append(
                f"{incident.id}: death toll {own} vs median {median(other_tolls):g} of {len(other_tolls)} "
                f"other report(s) (x{ratio:.2f})"
            )
        else:
            reasons.append(f"{incident.id}: reported by {len(others)} other article(s)")
    return _verdict(article.id, corroborated, deviations, reasons)


def _other_outlet(claim: Claim, article: Article, outlets: dict[str, str | None]) -> bool:
    if claim.article_id == article.id:
        return False
    other = outlets.get(claim.article_id)
    return other is None or article.outlet is None or other != article.outlet


def _ratio(a: float, b: float) -> float:
    if a == b:
        return 1.0
    if min(a, b) <= 0:
        return float("inf")
    return max(a, b) / min(a, b)


def _verdict(article_id: str, corroborated: int, deviations: list[float], reasons: list[str]) -> Assessment:
    features = {
        "corroborated_incidents": float(corroborated),
        "max_toll_deviation": max(deviations) if deviations else 1.0,
    }
    if corroborated == 0:
        return Assessment(
            article_id,
            "insufficient_evidence",
            0.5,
            ["no other outlet reports the incidents of this article"],
            features,
        )
    worst = max(deviations) if deviations else 1.0
    if worst > DOUBTFUL_RATIO:
        return Assessment(
            article_id,
            "doubtful",
            round(1 / worst, 3),
            [f"death toll deviates x{worst:.2f} from other reports", *reasons],
            features,
        )
    return Assessment(
        article_id,
        "credible",
        round(min(1.0, 0.6 + 0.1 * corroborated), 3),
        ["figures agree with other reports of the same incident", *reasons],
        features,
    )
