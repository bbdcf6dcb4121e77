"""Linking: group claims from different articles into incidents, one per real-world event.

Blocking keeps it cheap: a claim is only compared with incidents in the same governorate whose
dates fall within a window around its own. The pairwise score adds evidence for "same event":

    same place (gazetteer id or spelling skeleton)   +3      other named place, same governorate  -2
    same governorate, no place on one side           +0.5
    one place is the governorate or its capital      +1
    same day                                         +2      one day apart (relative dates)       +1
    a date missing on either side                    -1
    same actor                                       +0.5
    same weapon                                      +1      incompatible weapons                 -1
    same target (homes +0.5)                         +1      different specific targets           -1
    same death toll                                  +1      tolls within a factor of 2           +0.5

A claim joins the best-scoring incident when the score reaches LINK_THRESHOLD (4.5); the
threshold is met by "same place, same day", or by "same place, undated, same toll", but not by
"same governorate, same day" alone. Claims of the same article never share an incident (the
article itself says they are different events). Processing order is sorted, so the result does
not depend on input order.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from civcas.geo import canonical_governorate, skeleton
from civcas.models import Claim, Link

LINK_THRESHOLD = 4.5
DATE_WINDOW_DAYS = 1
_COMPATIBLE_WEAPONS = {
    frozenset({"airstrike", "missile"}),
    frozenset({"airstrike", "barrel_bomb"}),
    frozenset({"shelling", "missile"}),
    frozenset({"bombing", "suicide_attack"}),
}


@dataclass
class Cluster:
    id: str
    claims: list[Claim] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @property
    def article_ids(self) -> set[str]:
        return {c.article_id for c in self.claims}


def incident_id_for(claim: Claim) -> str:
    digest = hashlib.sha1(claim.id.encode("utf-8")).hexdigest()[:10]
    return f"inc-{digest}"


def link_claims(new_claims: Iterable[Claim], existing: Iterable[Claim] = ()) -> list[Cluster]:
    """Assign every new claim to an incident, joining existing incidents where the evidence says so.

    `existing` are stored claims that already carry an incident_id. Returns the clusters that
    gained claims (with all their members), so that only those incidents need re-assessing.
    """
    clusters: dict[str, Cluster] = {}
    for claim in sorted(existing, key=_order):
        if claim.incident_id:
            clusters.setdefault(claim.incident_id, Cluster(claim.incident_id)).claims.append(claim)
    index = _BlockIndex()
    for cluster in clusters.values():
        for claim in cluster.claims:
            index.add(claim, cluster)
    touched: dict[str, Cluster] = {}
    for claim in sorted(new_claims, key=_order):
        cluster, link = _best_cluster(claim, index)
        if cluster is None:
            cluster = Cluster(incident_id_for(claim))
            clusters[cluster.id] = cluster
            link = Link(claim.id, None, 0.0, ["first report of this incident"])
        cluster.claims.append(claim)
        cluster.links.append(link)
        claim.incident_id = cluster.id
        index.add(claim, cluster)
        touched[cluster.id] = cluster
    return list(touched.values())


def _order(claim: Claim) -> tuple:
    return (claim.date or date.max, claim.article_id, claim.index)


class _BlockIndex:
    """Claims by governorate, for blocking."""

    def __init__(self) -> None:
        self._by_gov: dict[str | None, list[tuple[Claim, Cluster]]] = defaultdict(list)

    def add(self, claim: Claim, cluster: Cluster) -> None:
        self._by_gov[claim.governorate].append((claim, cluster))

    def candidates(self, claim: Claim) -> Iterable[tuple[Claim, Cluster]]:
        for other, cluster in self._by_gov.get(claim.governorate, ()):
            if claim.date and other.date and abs((claim.date - other.date).days) > DATE_WINDOW_DAYS:
                continue
            yield other, cluster


def _best_cluster(claim: Claim, index: _BlockIndex) -> tuple[Cluster | None, Link | None]:
    best: tuple[float, Cluster, Claim, list[str]] | None = None
    for other, cluster in index.candidates(claim):
        if claim.article_id in cluster.article_ids:
            continue
        score, reasons = pair_score(claim, other)
        if score >= LINK_THRESHOLD and (best is None or score > best[0]):
            best = (score, cluster, other, reasons)
    if best is None:
        return None, None
    score, cluster, other, reasons = best
    return cluster, Link(claim.id, other.id, score, reasons)


def pair_score(a: Claim, b: Claim) -> tuple[float, list[str]]:
    """How strongly two claims look like the same event, with the reasons."""
    score, reasons = 0.0, []
    for part in (_place_score, _date_score, _actor_score, _weapon_score, _target_score, _toll_score):
        s, reason = part(a, b)
        if reason:
            score += s
            reasons.append(f"{reason} ({s:+g})")
    return score, reasons


def _place_keys(c: Claim) -> set[str]:
    if c.place is None:
        return set()
    keys = {skeleton(c.place.name)}
    if c.place.gazetteer_id and c.place.precision in (1, 2):
        keys.add(c.place.gazetteer_id)
    return keys


def _place_score(a: Claim, b: Claim) -> tuple[float, str | None]:
    ka, kb = _place_keys(a), _place_keys(b)
    if ka and kb:
        if ka & kb:
            return 3.0, f"same place: {a.place.name} / {b.place.name}"
        if _is_governorate_level(a) or _is_governorate_level(b):
            return 1.0, "same governorate; one place is the governorate or its capital"
        return -2.0, f"different places: {a.place.name} / {b.place.name}"
    if a.governorate and a.governorate == b.governorate:
        return 0.5, f"same governorate: {a.governorate}"
    return 0.0, None


def _is_governorate_level(c: Claim) -> bool:
    """A place that is the governorate itself, or the city that shares its name ("Aleppo")."""
    if c.place is None:
        return False
    return c.place.precision == 3 or canonical_governorate(c.place.canonical or c.place.name) is not None


def _date_score(a: Claim, b: Claim) -> tuple[float, str | None]:
    if a.date is None or b.date is None:
        return -1.0, "date unknown on one side"
    days = abs((a.date - b.date).days)
    if days == 0:
        return 2.0, f"same date: {a.date.isoformat()}"
    if days == 1:
        return 1.0, "dates one day apart"
    return -3.0, f"dates {days} days apart"


def _actor_score(a: Claim, b: Claim) -> tuple[float, str | None]:
    if a.actor and a.actor == b.actor and a.actor != "unknown":
        return 0.5, f"same actor: {a.actor}"
    return 0.0, None


def _weapon_score(a: Claim, b: Claim) -> tuple[float, str | None]:
    if not a.weapon or not b.weapon:
        return 0.0, None
    if a.weapon == b.weapon:
        return 1.0, f"same weapon: {a.weapon}"
    if frozenset({a.weapon, b.weapon}) in _COMPATIBLE_WEAPONS:
        return 0.0, None
    return -1.0, f"different weapons: {a.weapon} / {b.weapon}"


def _target_score(a: Claim, b: Claim) -> tuple[float, str | None]:
    if not a.target or not b.target:
        return 0.0, None
    if a.target == b.target:
        return (0.5 if a.target == "residential" else 1.0), f"same target: {a.target}"
    if "residential" in (a.target, b.target):
        return 0.0, None
    return -1.0, f"different targets: {a.target} / {b.target}"


def _toll_score(a: Claim, b: Claim) -> tuple[float, str | None]:
    ta, tb = a.figure("killed.total"), b.figure("killed.total")
    if ta is None or tb is None:
        return 0.0, None
    if ta == tb:
        return 1.0, f"same death toll: {ta}"
    if min(ta, tb) > 0 and max(ta, tb) <= 2 * min(ta, tb):
        return 0.5, f"death tolls close: {ta} / {tb}"
    return 0.0, None
