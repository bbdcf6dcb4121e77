"""Assessment: what the claims of an incident add up to, its grade, and a verdict per article.

Incident grades (in the spirit of Airwars' grading; the first rule that applies wins):

- ``confirmed``  the accused party admitted the incident.
- ``contested``  the sources conflict: the accused denied it, the claims name different
  perpetrators, or death tolls differ by more than a factor of CONTESTED_RATIO.
- ``fair``       outlets of two or more independent media camps report it and their figures agree.
- ``weak``       a single source: one outlet, or several outlets all of one media camp (two Syrian
  state outlets are one voice), or outlets the registry does not know.
- ``discounted`` only background mentions (an older event recalled in passing) support it.

Independent camps are counted with the outlet registry (``civcas.outlets``): each distinct camp
counts once, except ``other`` and ``belligerent``, which group outlets of no common line, so each
such outlet counts on its own. **An unknown outlet is not an independent camp**: a report whose
outlet is not named, or is named but not in the registry, may well come from a camp already
counted, so it never lifts an incident to ``fair`` (add the outlet to the registry to count it).

``Incident.n_outlets`` is a lower bound: the distinct named outlets, or 1 when no article names
its outlet (reports without a name may all come from one outlet). ``Incident.camps`` lists the
distinct media camps of the known outlets.

Article verdicts (credible / doubtful / insufficient evidence) are made by ``civcas.credibility``.
"""

from __future__ import annotations

from collections import Counter

from civcas.models import FIGURE_PATHS, Claim, Incident, Link
from civcas.outlets import OutletRegistry

CONTESTED_RATIO = 2.0
CAMPS_OF_ONE = ("other", "belligerent")  # outlets filed under these share no line: each is its own camp


def build_incident(
    incident_id: str, claims: list[Claim], outlets: dict[str, str | None], links: list[Link] | None = None
) -> Incident:
    """Summarise the claims of one incident. `outlets` maps article id -> outlet name."""
    dates = sorted(c.date for c in claims if c.date)
    article_ids = sorted({c.article_id for c in claims})
    named = _distinct_outlets(outlets.get(a) for a in article_ids)
    unnamed = sum(1 for a in article_ids if not outlets.get(a))
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
        n_outlets=max(len(named), min(unnamed, 1)),
        outlets=named,
        camps=media_camps(named),
        belligerent_response=_response(claims),
        links=list(links or []),
    )
    incident.contradictions = _contradictions(claims, incident)
    incident.grade, incident.grade_reason = grade(incident, claims, unnamed)
    return incident


def media_camps(outlet_names) -> list[str]:
    """The distinct media camps of these outlets (outlets the registry does not know count for none)."""
    registry = OutletRegistry.default()
    return sorted({camp for name in outlet_names if (camp := registry.camp_of(name))})


def _distinct_outlets(names) -> list[str]:
    """Distinct outlet names, aliases the registry knows ('SANA', 'Syrian Arab News Agency') as one."""
    registry = OutletRegistry.default()
    return sorted({outlet.name if (outlet := registry.lookup(n)) else n for n in names if n})


def independent_camps(outlet_names) -> tuple[int, list[str]]:
    """How many independent media camps these outlets speak for, and the outlets the registry does not know."""
    registry = OutletRegistry.default()
    voices, unknown = set(), []
    for name in outlet_names:
        outlet = registry.lookup(name)
        if outlet is None:
            unknown.append(name)
        else:
            voices.add(outlet.name if outlet.camp in CAMPS_OF_ONE else outlet.camp)
    return len(voices), unknown


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


def grade(incident: Incident, claims: list[Claim], unnamed: int = 0) -> tuple[str, str]:
    """The first grade rule (module docstring) that applies, and why; `unnamed` = articles naming no outlet."""
    if incident.belligerent_response == "admitted":
        return "confirmed", "the accused party admitted the incident"
    if incident.contradictions:
        return "contested", "; ".join(incident.contradictions)
    if claims and all(c.role == "background" for c in claims):
        return "discounted", "only recalled in passing as background"
    camps, unknown = independent_camps(incident.outlets)
    if camps >= 2:
        return (
            "fair",
            f"{camps} independent media camps ({len(incident.outlets)} outlets) report it and agree",
        )
    return "weak", _single_source_reason(incident, camps, unknown, unnamed)


def _single_source_reason(incident: Incident, camps: int, unknown: list[str], unnamed: int) -> str:
    if incident.n_articles == 1:
        return "a single source"
    parts = []
    if camps == 1 and len(incident.outlets) - len(unknown) > 1:
        parts.append(
            f"{len(incident.outlets) - len(unknown)} outlets all of one media camp ({incident.camps[0]})"
        )
    if unknown:
        parts.append(f"outlet(s) not in the registry: {', '.join(unknown)}")
    if unnamed:
        parts.append(f"{unnamed} article(s) naming no outlet")
    return "a single source: " + "; ".join(parts) + " (unknown outlets are not independent camps)"
