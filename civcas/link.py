"""Linking: group claims from different articles into incidents, one per real-world event.

Blocking keeps it cheap: a claim is only compared with incidents in the same governorate whose
dates fall within a window around its own. The pairwise score adds evidence for "same event":

    same place (gazetteer id or spelling skeleton)   +3      other named place, same governorate  -2
    same governorate, no place on one side           +0.5
    one place is the governorate or its capital      +1
    same day                                         +2      one day apart (relative dates)       +1
    a date missing on either side                    -1
    same actor                                       +0.5
    same weapon (chemical +2)                        +1      incompatible weapons                 -1
    undated, published that day or the next          +0.5    both undated, published within a day  0
    same target (homes +0.5)                         +1      different specific targets           -1
    same death toll                                  +1      tolls within a factor of 2           +0.5
    tolls of 50 or more within 30%                   +1.5

A claim joins the best-scoring incident when the score reaches LINK_THRESHOLD (4.5); the
threshold is met by "same place, same day", or by "same place, undated, same toll", but not by
"same governorate, same day" alone. Claims of the same article never share an incident (the
article itself says they are different events). Processing order is sorted, so the result does
not depend on input order.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from civcas.geo import canonical_governorate, skeleton
from civcas.models import Claim, Link

LINK_THRESHOLD = 4.5
DATE_WINDOW_DAYS = 1
UNDATED_CANDIDATES = 200  # most recent same-place claims an undated claim is compared with
WIDE_CANDIDATES = 64  # most recent same-day claims of a governorate a claim without a named place meets
_RARE_WEAPONS = {"chemical"}  # few events use them, so sharing one says more
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
    article_ids: set[str] = field(default_factory=set)

    def add(self, claim: Claim) -> None:
        self.claims.append(claim)
        self.article_ids.add(claim.article_id)


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
            clusters.setdefault(claim.incident_id, Cluster(claim.incident_id)).add(claim)
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
        cluster.add(claim)
        cluster.links.append(link)
        claim.incident_id = cluster.id
        index.add(claim, cluster)
        touched[cluster.id] = cluster
    return list(touched.values())


def _order(claim: Claim) -> tuple:
    return (claim.date or date.max, claim.article_id, claim.index)


class _BlockIndex:
    """Blocking, exact with respect to the score: two different named places score -2, so they can never
    reach the threshold and are never compared.

    - a dated claim with a named place meets, within DATE_WINDOW_DAYS, claims of the same governorate
      and place, and claims with no place or a governorate-level one;
    - a dated claim with no specific place meets the claims of its governorate in the window (the
      WIDE_CANDIDATES most recent per day: an approximation that keeps dense days linear);
    - undated claims meet claims of the same place (the UNDATED_CANDIDATES most recent ones).
    """

    def __init__(self) -> None:
        self._day_place: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._day_wide: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._day_all: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._place_all: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._place_undated: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._undated_reported: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)

    def add(self, claim: Claim, cluster: Cluster) -> None:
        features = _features(claim)
        entry, gov, keys = (claim, cluster, features), claim.governorate, _specific_keys(claim)
        if claim.date:
            self._day_all[(gov, claim.date)].append(entry)
            if not keys:
                self._day_wide[(gov, claim.date)].append(entry)
            for key in keys:
                self._day_place[(gov, claim.date, key)].append(entry)
        elif claim.reported:
            self._undated_reported[(gov, claim.reported)].append(entry)
        for key in features.keys:
            self._place_all[(gov, key)].append(entry)
            if claim.date is None:
                self._place_undated[(gov, key)].append(entry)

    def candidates(self, claim: Claim) -> Iterable[tuple[Claim, Cluster, _Features]]:
        seen: set[int] = set()
        gov, keys = claim.governorate, _specific_keys(claim)
        if claim.date:
            for offset in range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1):
                day = claim.date + timedelta(days=offset)
                if not keys:
                    yield from _unseen(self._day_all.get((gov, day), ())[-WIDE_CANDIDATES:], seen)
                    continue
                yield from _unseen(self._day_wide.get((gov, day), ())[-WIDE_CANDIDATES:], seen)
                for key in keys:
                    yield from _unseen(self._day_place.get((gov, day, key), ()), seen)
        yield from self._by_publication_date(claim, seen)
        for key in _place_keys(claim):
            same_place = self._place_all if claim.date is None else self._place_undated
            yield from _unseen(same_place.get((gov, key), ())[-UNDATED_CANDIDATES:], seen)

    def _by_publication_date(self, claim: Claim, seen: set[int]):
        """Undated claims meet what happened on their publication day or the day before, and the
        undated claims published within a day of them."""
        gov = claim.governorate
        if claim.date:
            for day in (claim.date, claim.date + timedelta(days=1)):
                yield from _unseen(self._undated_reported.get((gov, day), ())[-WIDE_CANDIDATES:], seen)
        elif claim.reported:
            for offset in (-1, 0, 1):
                day = claim.reported + timedelta(days=offset)
                yield from _unseen(self._undated_reported.get((gov, day), ())[-WIDE_CANDIDATES:], seen)
                if offset <= 0:
                    yield from _unseen(self._day_all.get((gov, day), ())[-WIDE_CANDIDATES:], seen)


def _unseen(entries, seen: set[int]):
    for entry in entries:
        if id(entry[0]) not in seen:
            seen.add(id(entry[0]))
            yield entry


def _specific_keys(c: Claim) -> set[str]:
    return set() if _is_governorate_level(c) else _place_keys(c)


def _best_cluster(claim: Claim, index: _BlockIndex) -> tuple[Cluster | None, Link | None]:
    features = _features(claim)
    best: tuple[float, Cluster, Claim] | None = None
    for other, cluster, other_features in index.candidates(claim):
        if claim.article_id in cluster.article_ids:
            continue
        score = fast_score(features, other_features)
        if score >= LINK_THRESHOLD and (best is None or score > best[0]):
            best = (score, cluster, other)
    if best is None:
        return None, None
    score, cluster, other = best
    return cluster, Link(claim.id, other.id, score, pair_score(claim, other)[1])


@dataclass(slots=True)
class _Features:
    """What the score needs of a claim, computed once per claim (the hot loop runs on these)."""

    day: int | None
    reported: int | None
    keys: frozenset[str]
    wide: bool
    governorate: str | None
    actor: str | None
    weapon: str | None
    target: str | None
    toll: int | None


def _features(c: Claim) -> _Features:
    return _Features(
        c.date.toordinal() if c.date else None,
        c.reported.toordinal() if c.reported else None,
        frozenset(_place_keys(c)),
        _is_governorate_level(c),
        c.governorate,
        c.actor,
        c.weapon,
        c.target,
        c.figure("killed.total"),
    )


def fast_score(a: _Features, b: _Features) -> float:
    """The same number as pair_score, without the reasons: keep the two in step (tests compare them)."""
    if a.keys and b.keys:
        s = 3.0 if not a.keys.isdisjoint(b.keys) else (1.0 if a.wide or b.wide else -2.0)
    else:
        s = 0.5 if a.governorate and a.governorate == b.governorate else 0.0
    s += _date_points(a.day, a.reported, b.day, b.reported)
    if a.actor and a.actor == b.actor and a.actor != "unknown":
        s += 0.5
    if a.weapon and b.weapon:
        if a.weapon == b.weapon:
            s += 2.0 if a.weapon in _RARE_WEAPONS else 1.0
        elif frozenset((a.weapon, b.weapon)) not in _COMPATIBLE_WEAPONS:
            s -= 1.0
    if a.target and b.target:
        if a.target == b.target:
            s += 0.5 if a.target == "residential" else 1.0
        elif "residential" not in (a.target, b.target):
            s -= 1.0
    if a.toll is not None and b.toll is not None:
        s += _toll_points(a.toll, b.toll)
    return s


def pair_score(a: Claim, b: Claim) -> tuple[float, list[str]]:
    """How strongly two claims look like the same event, with the reasons."""
    score, reasons = 0.0, []
    for part in (_place_score, _date_score, _actor_score, _weapon_score, _target_score, _toll_score):
        s, reason = part(a, b)
        if reason:
            score += s
            reasons.append(f"{reason} ({s:+g})")
    return score, reasons


_skeleton = functools.lru_cache(maxsize=200_000)(skeleton)
_governorate_named = functools.lru_cache(maxsize=200_000)(canonical_governorate)


def _place_keys(c: Claim) -> set[str]:
    if c.place is None:
        return set()
    keys = {_skeleton(c.place.name)}
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
    return c.place.precision == 3 or _governorate_named(c.place.canonical or c.place.name) is not None


def _date_points(
    day_a: int | None, reported_a: int | None, day_b: int | None, reported_b: int | None
) -> float:
    """Dates agree; an undated claim is bounded by its article's publication date: it happened on
    that day or the day before (annotators key undated incidents by that date too)."""
    if day_a is not None and day_b is not None:
        days = abs(day_a - day_b)
        return 2.0 if days == 0 else (1.0 if days == 1 else -3.0)
    if day_a is None and day_b is None:
        close = reported_a is not None and reported_b is not None and abs(reported_a - reported_b) <= 1
        return 0.0 if close else -1.0
    day, reported = (day_a, reported_b) if day_a is not None else (day_b, reported_a)
    return 0.5 if reported is not None and 0 <= reported - day <= 1 else -1.0


def _date_score(a: Claim, b: Claim) -> tuple[float, str | None]:
    ordinal = lambda d: d.toordinal() if d else None  # noqa: E731
    points = _date_points(ordinal(a.date), ordinal(a.reported), ordinal(b.date), ordinal(b.reported))
    if a.date is not None and b.date is not None:
        days = abs((a.date - b.date).days)
        if days == 0:
            return points, f"same date: {a.date.isoformat()}"
        return points, ("dates one day apart" if days == 1 else f"dates {days} days apart")
    if points >= 0:
        return points, "undated, but reported on the day of the other or the day after"
    return points, "date unknown on one side"


def _actor_score(a: Claim, b: Claim) -> tuple[float, str | None]:
    if a.actor and a.actor == b.actor and a.actor != "unknown":
        return 0.5, f"same actor: {a.actor}"
    return 0.0, None


def _weapon_score(a: Claim, b: Claim) -> tuple[float, str | None]:
    if not a.weapon or not b.weapon:
        return 0.0, None
    if a.weapon == b.weapon:
        return (2.0 if a.weapon in _RARE_WEAPONS else 1.0), f"same weapon: {a.weapon}"
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


def _toll_points(ta: int, tb: int) -> float:
    """Agreeing tolls; a large one is rare, so two reports of about 100 dead say more than two of 3."""
    low, high = min(ta, tb), max(ta, tb)
    if low <= 0 or high > 2 * low:
        return 0.0
    if low >= 50 and high <= 1.3 * low:
        return 1.5
    return 1.0 if low == high else 0.5


def _toll_score(a: Claim, b: Claim) -> tuple[float, str | None]:
    ta, tb = a.figure("killed.total"), b.figure("killed.total")
    if ta is None or tb is None:
        return 0.0, None
    points = _toll_points(ta, tb)
    if points == 0:
        return 0.0, None
    return points, (f"same death toll: {ta}" if ta == tb else f"death tolls close: {ta} / {tb}")
