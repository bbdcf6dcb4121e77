"""Linking: group claims from different articles into incidents, one per real-world event.

Blocking keeps it cheap: a claim is only compared with incidents in the same governorate whose
dates fall within a window around its own (widened to the whole month or year of a claim that gives
only that), or at a point within NEAR_KM of its own. The score adds evidence for "same event":

    same place (gazetteer id or spelling skeleton)   +3      other named place, same governorate  -2
    places resolved within NEAR_KM (1 km) of each other, as one town under two entries: same place
    same governorate, no place on one side           +0.5
    one place is the governorate or its capital      +1
    same day                                         +2      one day apart (relative dates)       +1
    a date missing on either side                    -1      dates further apart                  -3
    a month or year holding the other's day          +0.5    a month or year not holding it       -3
    same actor                                       +0.5
    same weapon (chemical +2)                        +1      incompatible weapons                 -1
    undated, published that day or the next          +0.5    both undated, published within a day  0
    same target (homes +0.5)                         +1      different specific targets           -1
    same death toll                                  +1      tolls within a factor of 2           +0.5
    tolls of 50 or more within 30%                   +1.5
    evidence sentences alike (wire copy reused)      +1      only where the rest scores within 1 of
        the threshold and has no place or date contradiction; alike = token_sort_ratio >= 0.8 and
        the names and numbers of the shorter sentence all in the other (a formula is not a copy)

A claim is scored against an incident as a whole, not against one of its reports (so two reports
that each say half of what the claim says add up, and an incident does not drift by chaining):

- place and date must fit every report (complete link). Once a report names a specific place (a
  village, even one the gazetteer knows without coordinates), the incident is there: another
  specific place scores -2, and a governorate-level one ("Aleppo", "Aleppo province") only +1 even
  when another report also said just "Aleppo". A date more than DATE_WINDOW_DAYS from any dated
  report scores -3, so an incident's reports span at most that window;
- actor, weapon, target and toll count their best agreement with any report.

Against a single report this is the pairwise score (pair_score). A claim joins the best-scoring
incident when the score reaches LINK_THRESHOLD (4.5); the threshold is met by "same place, same
day", or by "same place, undated, same toll", but not by "same governorate, same day" alone.
Claims of the same article never share an incident (the article itself says they are different
events). Processing order is sorted, so the result does not depend on input order.
"""

from __future__ import annotations

import calendar
import contextlib
import functools
import gc
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from civcas.geo import canonical_governorate, distance_km, skeleton
from civcas.models import Claim, Link

LINK_THRESHOLD = 4.5
DATE_WINDOW_DAYS = 1
# Stored claims this many days from a new claim can bear on where it goes: it is weighed against every
# report of an incident, and an incident's reports span up to DATE_WINDOW_DAYS.
STORED_REACH_DAYS = 2 * DATE_WINDOW_DAYS
UNDATED_CANDIDATES = 200  # most recent same-place claims an undated claim is compared with
WIDE_CANDIDATES = 64  # most recent same-day claims of a governorate a claim without a named place meets
NEAR_KM = 1.0  # two points this close are one place under two gazetteer entries or spellings
# Grid cells for finding such pairs: at least 2 * NEAR_KM on each side (longitude up to 53 degrees
# north), so a point within NEAR_KM of another lies in its cell or in one of the three cells of
# the nearest corner.
_CELL_LAT, _CELL_LON = 0.02, 0.03
_IMPRECISE = ("month", "year")  # date precisions whose date stands for a whole interval
TEXT_BONUS = 1.0  # evidence sentences alike (wire copy reused by several outlets)
TEXT_MIN_SIMILARITY = 0.8
_NAME_OR_NUMBER = re.compile(r"\b(?:[A-Z][\w'-]*|\d[\d,.]*\d|\d)")
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
    features: list[_Features] = field(default_factory=list)  # of each claim, in the same order

    def add(self, claim: Claim, features: _Features | None = None) -> None:
        self.claims.append(claim)
        self.article_ids.add(claim.article_id)
        self.features.append(features or _features(claim))


def incident_id_for(claim: Claim) -> str:
    digest = hashlib.sha1(claim.id.encode("utf-8")).hexdigest()[:10]
    return f"inc-{digest}"


def link_claims(new_claims: Iterable[Claim], existing: Iterable[Claim] = ()) -> list[Cluster]:
    """Assign every new claim to an incident, joining existing incidents where the evidence says so.

    `existing` are stored claims that already carry an incident_id. Returns the clusters that
    gained claims (with all their members), so that only those incidents need re-assessing.
    """
    with _without_cycle_collection():
        return _link(new_claims, existing)


@contextlib.contextmanager
def _without_cycle_collection():
    """Linking builds no reference cycles, but it allocates millions of containers, and each full pass
    of the cycle collector walks every live claim: at 1M claims that doubled the time. Garbage is still
    freed by reference counting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _link(new_claims: Iterable[Claim], existing: Iterable[Claim]) -> list[Cluster]:
    clusters: dict[str, Cluster] = {}
    index = _BlockIndex()
    # indexed in processing order, as if they had just been linked: ties then break the same way
    for claim in sorted(existing, key=_order):
        if claim.incident_id:
            features = _features(claim)
            cluster = clusters.setdefault(claim.incident_id, Cluster(claim.incident_id))
            cluster.add(claim, features)
            index.add(claim, cluster, features)
    touched: dict[str, Cluster] = {}
    for claim in sorted(new_claims, key=_order):
        features = _features(claim)
        cluster, link = _best_cluster(claim, features, index)
        if cluster is None:
            cluster = Cluster(incident_id_for(claim))
            clusters[cluster.id] = cluster
            link = Link(claim.id, None, 0.0, ["first report of this incident"])
        cluster.add(claim, features)
        cluster.links.append(link)
        claim.incident_id = cluster.id
        index.add(claim, cluster, features)
        touched[cluster.id] = cluster
    return list(touched.values())


def stored_reach(claims: Iterable[Claim]) -> list[tuple[date, date]]:
    """The dates of the stored claims that can bear on where these claims go, as merged intervals:
    STORED_REACH_DAYS around each day, or around a month or year a claim gives only; and the first
    day of each date's month and year, where extraction dates a month- or year-precision claim.
    (The incidents of those imprecise claims may hold reports anywhere in their interval: the caller
    loads them whole, as it loads the undated claims.)"""
    reach, intervals = timedelta(days=STORED_REACH_DAYS), []
    for claim in claims:
        if claim.date is None:
            continue
        first, last = _date_span(claim) or (claim.date, claim.date)
        intervals.append((first - reach, last + reach))
        for day in {first.replace(day=1), first.replace(month=1, day=1)}:
            intervals.append((day, day))
    merged: list[tuple[date, date]] = []
    for first, last in sorted(intervals):
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return merged


def is_imprecise(claim: Claim) -> bool:
    """A month- or year-precision claim: its incident may hold reports anywhere in that interval."""
    return _date_span(claim) is not None


def _order(claim: Claim) -> tuple:
    return (claim.date or date.max, claim.article_id, claim.index)


class _BlockIndex:
    """Blocking, exact with respect to the score: two different named places score -2, so they can never
    reach the threshold and are never compared.

    - a dated claim with a named place meets, within DATE_WINDOW_DAYS, claims of the same governorate
      and place, and claims with no place or a governorate-level one;
    - a dated claim with no specific place meets the claims of its governorate in the window (the
      WIDE_CANDIDATES most recent per day: an approximation that keeps dense days linear);
    - undated claims meet claims of the same place (the UNDATED_CANDIDATES most recent ones);
    - a dated claim at a precision-1 point meets, in the window, the claims at points in its grid cell
      and the three cells of the nearest corner (all points within NEAR_KM are there);
    - a month- or year-precision claim meets the claims of the same place dated inside its interval,
      and dated claims meet the imprecise claims of their place whose interval holds them.
    """

    def __init__(self) -> None:
        self._day_place: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._day_cell: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._place_imprecise: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._day_wide: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._day_all: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._place_all: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._place_undated: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)
        self._undated_reported: dict[tuple, list[tuple[Claim, Cluster]]] = defaultdict(list)

    def add(self, claim: Claim, cluster: Cluster, features: _Features) -> None:
        entry, gov, keys = (claim, cluster, features), claim.governorate, _specific_keys(claim)
        if features.span:
            for key in features.keys:
                self._place_imprecise[(gov, key)].append(entry)
        elif claim.date:
            if features.point:
                self._day_cell[(claim.date, *_cell(features.point))].append(entry)
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

    def candidates(self, claim: Claim, features: _Features) -> Iterable[tuple[Claim, Cluster, _Features]]:
        seen: set[int] = set()
        gov, keys = claim.governorate, _specific_keys(claim)
        if features.span:
            yield from self._within_span(claim, features, seen)
            return
        if claim.date:
            cells = _cells(features.point) if features.point else ()
            for offset in range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1):
                day = claim.date + timedelta(days=offset)
                if not keys:
                    yield from _unseen(self._day_all.get((gov, day), ())[-WIDE_CANDIDATES:], seen)
                    continue
                yield from _unseen(self._day_wide.get((gov, day), ())[-WIDE_CANDIDATES:], seen)
                for key in sorted(keys):  # a set: its order changes with the hash seed
                    yield from _unseen(self._day_place.get((gov, day, key), ()), seen)
                for cell in cells:
                    yield from _unseen(self._day_cell.get((day, *cell), ()), seen)
            if self._place_imprecise:
                yield from self._imprecise_around(claim, features, seen)
        yield from self._by_publication_date(claim, seen)
        for key in sorted(_place_keys(claim)):
            same_place = self._place_all if claim.date is None else self._place_undated
            yield from _unseen(same_place.get((gov, key), ())[-UNDATED_CANDIDATES:], seen)

    def _within_span(self, claim: Claim, features: _Features, seen: set[int]):
        """Claims of the same place whose date (or interval) meets the claim's month or year, and the
        undated ones (imprecise claims are rare, so the place's whole list is read)."""
        first, last = features.span
        for key in sorted(features.keys):
            entries = self._place_all.get((claim.governorate, key), ())
            yield from _unseen((e for e in entries if _meets(e[2], first, last)), seen)

    def _imprecise_around(self, claim: Claim, features: _Features, seen: set[int]):
        for key in sorted(features.keys):
            entries = self._place_imprecise.get((claim.governorate, key), ())
            yield from _unseen((e for e in entries if _meets(e[2], features.day, features.day)), seen)

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


def _meets(f: _Features, first: int, last: int) -> bool:
    """Whether a claim may fall within the days first..last (undated ones may)."""
    if f.day is not None:
        return first <= f.day <= last
    return f.span is None or (f.span[0] <= last and first <= f.span[1])


def _specific_keys(c: Claim) -> set[str]:
    return set() if _is_governorate_level(c) else _place_keys(c)


def _best_cluster(
    claim: Claim, features: _Features, index: _BlockIndex
) -> tuple[Cluster | None, Link | None]:
    best: tuple[float, Cluster] | None = None
    seen: set[str] = set()
    for _, cluster, _ in index.candidates(claim, features):
        if cluster.id in seen or claim.article_id in cluster.article_ids:
            continue
        seen.add(cluster.id)
        score = incident_score(features, cluster.features)
        if score >= LINK_THRESHOLD and (best is None or score > best[0]):
            best = (score, cluster)
    if best is None:
        return None, None
    score, cluster = best
    matched, reasons = _explain(claim, features, cluster.claims, cluster.features)
    return cluster, Link(claim.id, matched.id, score, reasons)


@dataclass(slots=True)
class _Features:
    """What the score needs of a claim, computed once per claim (the hot loop runs on these)."""

    day: int | None  # only for a claim dated to the day
    span: tuple[int, int] | None  # first and last day of a month- or year-precision date
    reported: int | None
    keys: frozenset[str]
    wide: bool
    point: tuple[float, float] | None  # lat, lon of a specific place resolved at precision 1
    governorate: str | None
    actor: str | None
    weapon: str | None
    target: str | None
    toll: int | None
    sentence: str | None
    names: frozenset[str] | None = None  # of the sentence, see _names_and_numbers


def _features(c: Claim) -> _Features:
    span = _date_span(c)
    wide = _is_governorate_level(c)
    return _Features(
        c.date.toordinal() if c.date and span is None else None,
        (span[0].toordinal(), span[1].toordinal()) if span else None,
        c.reported.toordinal() if c.reported else None,
        frozenset(_place_keys(c)),
        wide,
        None if wide else _point(c),
        c.governorate,
        c.actor,
        c.weapon,
        c.target,
        c.figure("killed.total"),
        c.sentence.text if c.sentence else None,
    )


def _date_span(c: Claim) -> tuple[date, date] | None:
    """The interval a month- or year-precision date stands for (its date is a representative day)."""
    if c.date is None or c.date_precision not in _IMPRECISE:
        return None
    if c.date_precision == "year":
        return date(c.date.year, 1, 1), date(c.date.year, 12, 31)
    last = calendar.monthrange(c.date.year, c.date.month)[1]
    return c.date.replace(day=1), c.date.replace(day=last)


def _point(c: Claim) -> tuple[float, float] | None:
    p = c.place
    return (p.lat, p.lon) if p and p.precision == 1 and p.lat is not None and p.lon is not None else None


def _near(a: _Features, b: _Features) -> bool:
    return a.point is not None and b.point is not None and distance_km(a.point, b.point) <= NEAR_KM


def _cells(point: tuple[float, float]) -> list[tuple[int, int]]:
    """The point's grid cell and the three others around its nearest cell corner."""
    y, x = point[0] / _CELL_LAT, point[1] / _CELL_LON
    cy, cx = math.floor(y), math.floor(x)
    ny, nx = cy + (1 if y - cy >= 0.5 else -1), cx + (1 if x - cx >= 0.5 else -1)
    return [(cy, cx), (ny, cx), (cy, nx), (ny, nx)]


def _cell(point: tuple[float, float]) -> tuple[int, int]:
    return math.floor(point[0] / _CELL_LAT), math.floor(point[1] / _CELL_LON)


def incident_score(a: _Features, members: list[_Features]) -> float:
    """How strongly a claim looks like the incident these claims make up: place and date must fit
    every report (complete link); the other fields count their best agreement with any report."""
    place = _place_points(a, members)
    if len(members) == 1:  # most incidents have one report: the pairwise score, without loops
        m = members[0]
        when = _date_points(a, m)
        score = place + when + _actor_points(a, m) + _weapon_points(a, m)
        score += _target_points(a, m) + _toll_points(a, m)
    else:
        when = _incident_date_points(a, members)
        score = place + when
        for points in _BEST_OF:
            best = points(a, members[0])
            for m in members:
                p = points(a, m)
                if p > best:
                    best = p
            score += best
    if _text_can_decide(score, place, when):
        score += _text_points(a, members)
    return score


def _text_can_decide(score: float, place: float, when: float) -> bool:
    """The sentence comparison is the costly part: made only where its bonus can carry the claim over
    the threshold, and never against a place or date contradiction."""
    return LINK_THRESHOLD - TEXT_BONUS <= score < LINK_THRESHOLD and place >= 0 and when > -3


def _text_points(a: _Features, members: list[_Features]) -> float:
    return TEXT_BONUS if any(_sentences_alike(a, m) for m in members) else 0.0


def _sentences_alike(a: _Features, b: _Features) -> bool:
    """Copy of one story: nearly the same words, and the names and numbers of the shorter sentence all
    in the other. Reports of different events often share a formula ("air strikes killed 5 people in
    X on Tuesday, a monitor said") and differ only in those."""
    if not a.sentence or not b.sentence or _text_similarity(a.sentence, b.sentence) < TEXT_MIN_SIMILARITY:
        return False
    short, long = sorted((a, b), key=lambda f: len(f.sentence))
    return _names_and_numbers(short) <= _names_and_numbers(long)


def _text_similarity(a: str | None, b: str | None) -> float:
    """Word-order-insensitive similarity of two evidence sentences, 0 to 1."""
    if not a or not b:
        return 0.0
    return fuzz.token_sort_ratio(a, b, processor=default_process) / 100


def _names_and_numbers(f: _Features) -> frozenset[str]:
    if f.names is None:  # found once per claim, and only for the few whose sentence is compared
        f.names = frozenset(_NAME_OR_NUMBER.findall(f.sentence))
    return f.names


def pair_score(a: Claim, b: Claim) -> tuple[float, list[str]]:
    """How strongly two claims look like the same event, with the reasons."""
    fa, fb = _features(a), _features(b)
    return incident_score(fa, [fb]), _explain(a, fa, [b], [fb])[1]


def _explain(
    claim: Claim, a: _Features, members: list[Claim], feats: list[_Features]
) -> tuple[Claim, list[str]]:
    """The reasons behind incident_score, each from the report that earned it, and the report the claim
    matches best (the one its link names)."""
    matched = max(range(len(members)), key=lambda i: incident_score(a, [feats[i]])) if len(feats) > 1 else 0
    parts = [
        (_place_points(a, feats), lambda f: _place_points(a, [f]), _place_reason),
        (_incident_date_points(a, feats), lambda f: _date_points(a, f), _date_reason),
    ]
    for points, reason in zip(_BEST_OF, _BEST_OF_REASONS, strict=True):
        parts.append((max(points(a, f) for f in feats), functools.partial(points, a), reason))
    reasons = []
    if _text_can_decide(sum(p[0] for p in parts), parts[0][0], parts[1][0]) and _text_points(a, feats):
        parts.append((TEXT_BONUS, lambda f: _text_points(a, [f]), _text_reason))
    for score, pair_points, reason in parts:
        witness = matched
        if len(feats) > 1 and pair_points(feats[matched]) != score:
            witness = next(i for i, f in enumerate(feats) if pair_points(f) == score)
        text = reason(score, claim, members[witness])
        if text:
            source = "" if witness == matched else f", as {members[witness].id} says"
            reasons.append(f"{text} ({score:+g}{source})")
    return members[matched], reasons


_skeleton = functools.lru_cache(maxsize=200_000)(skeleton)
_governorate_named = functools.lru_cache(maxsize=200_000)(canonical_governorate)


def _place_keys(c: Claim) -> set[str]:
    if c.place is None:
        return set()
    keys = {_skeleton(c.place.name)}
    if c.place.gazetteer_id and (c.place.precision in (1, 2) or not _is_governorate_level(c)):
        keys.add(c.place.gazetteer_id)
    return keys


def _is_governorate_level(c: Claim) -> bool:
    """A place that is the governorate itself, or the city that shares its name ("Aleppo"), or a name
    resolved to no more than its governorate. A village the gazetteer knows without coordinates is
    still a named place."""
    if c.place is None:
        return False
    if _governorate_named(c.place.canonical or c.place.name) is not None:
        return True
    return c.place.precision == 3 and not c.place.gazetteer_id


def _place_points(a: _Features, members: list[_Features]) -> float:
    """Once a report of the incident names a specific place, the incident is there: another specific
    place contradicts it, and a governorate-level one ("Aleppo") is only compatible with it."""
    named = specific = same = False
    for m in members if a.keys else ():
        if m.keys:
            named, specific = True, specific or not m.wide
            same = same or not a.keys.isdisjoint(m.keys) or _near(a, m)
    if not named:
        return 0.5 if a.governorate and any(a.governorate == m.governorate for m in members) else 0.0
    if same and not (a.wide and specific):
        return 3.0
    return 1.0 if a.wide or not specific else -2.0


def _place_reason(points: float, a: Claim, b: Claim) -> str | None:
    if points == 3:
        pa, pb = _point(a), _point(b)
        if pa and pb and pa != pb and _place_keys(a).isdisjoint(_place_keys(b)):
            km = distance_km(pa, pb)
            return f"same place: {a.place.name} / {b.place.name}, {km:.1f} km apart"
        return f"same place: {a.place.name} / {b.place.name}"
    if points == 1:
        return "same governorate; one place is the governorate or its capital"
    if points == -2:
        return f"different places: {a.place.name} / {b.place.name}"
    return f"same governorate: {a.governorate}" if points else None


def _incident_date_points(a: _Features, members: list[_Features]) -> float:
    """Reports of one incident all fall within DATE_WINDOW_DAYS of each other: a claim dated further
    from any of them (-3, the only way to score that) does not chain the incident along the calendar."""
    best = _date_points(a, members[0])
    for m in members:
        p = _date_points(a, m)
        if p == -3.0:
            return p
        if p > best:
            best = p
    return best


def _date_points(a: _Features, b: _Features) -> float:
    """Dates agree; an undated claim is bounded by its article's publication date: it happened on
    that day or the day before (annotators key undated incidents by that date too)."""
    if a.day is not None and b.day is not None:
        days = abs(a.day - b.day)
        return 2.0 if days == 0 else (1.0 if days == 1 else -3.0)
    if a.span is not None or b.span is not None:
        return _span_points(a, b)
    if a.day is None and b.day is None:
        close = a.reported is not None and b.reported is not None and abs(a.reported - b.reported) <= 1
        return 0.0 if close else -1.0
    day, reported = (a.day, b.reported) if a.day is not None else (b.day, a.reported)
    return 0.5 if reported is not None and 0 <= reported - day <= 1 else -1.0


def _span_points(a: _Features, b: _Features) -> float:
    """A month or year is compatible with the days inside it (weakly: it pins down little) and
    contradicts the days outside; an undated claim is treated as on its publication day or the
    day before."""
    ra, rb = _interval(a), _interval(b)
    if ra is None or rb is None:
        return -1.0
    overlap = ra[0] <= rb[1] and rb[0] <= ra[1]
    if a.day is None and a.span is None or b.day is None and b.span is None:
        return 0.0 if overlap else -1.0
    return 0.5 if overlap else -3.0


def _interval(f: _Features) -> tuple[int, int] | None:
    if f.day is not None:
        return f.day, f.day
    if f.span is not None:
        return f.span
    return (f.reported - 1, f.reported) if f.reported is not None else None


def _date_reason(points: float, a: Claim, b: Claim) -> str:
    imprecise = next((c for c in (a, b) if _date_span(c)), None)
    if imprecise is not None:
        other = b if imprecise is a else a
        period = imprecise.date.strftime("%B %Y" if imprecise.date_precision == "month" else "%Y")
        when = other.date.isoformat() if other.date else "undated"
        return f"{imprecise.date_precision} {period} {'fits' if points >= 0 else 'excludes'} {when}"
    if a.date is not None and b.date is not None:
        days = abs((a.date - b.date).days)
        if days == 0:
            return f"same date: {a.date.isoformat()}"
        return "dates one day apart" if days == 1 else f"dates {days} days apart"
    if points >= 0:
        return "undated, but reported on the day of the other or the day after"
    return "date unknown on one side"


def _actor_points(a: _Features, b: _Features) -> float:
    return 0.5 if a.actor and a.actor == b.actor and a.actor != "unknown" else 0.0


def _actor_reason(points: float, a: Claim, b: Claim) -> str | None:
    return f"same actor: {a.actor}" if points else None


def _weapon_points(a: _Features, b: _Features) -> float:
    if not a.weapon or not b.weapon:
        return 0.0
    if a.weapon == b.weapon:
        return 2.0 if a.weapon in _RARE_WEAPONS else 1.0
    return 0.0 if frozenset((a.weapon, b.weapon)) in _COMPATIBLE_WEAPONS else -1.0


def _weapon_reason(points: float, a: Claim, b: Claim) -> str | None:
    if points > 0:
        return f"same weapon: {a.weapon}"
    return f"different weapons: {a.weapon} / {b.weapon}" if points else None


def _target_points(a: _Features, b: _Features) -> float:
    if not a.target or not b.target:
        return 0.0
    if a.target == b.target:
        return 0.5 if a.target == "residential" else 1.0
    return 0.0 if "residential" in (a.target, b.target) else -1.0


def _target_reason(points: float, a: Claim, b: Claim) -> str | None:
    if points > 0:
        return f"same target: {a.target}"
    return f"different targets: {a.target} / {b.target}" if points else None


def _toll_points(a: _Features, b: _Features) -> float:
    """Agreeing tolls; a large one is rare, so two reports of about 100 dead say more than two of 3."""
    if a.toll is None or b.toll is None:
        return 0.0
    low, high = min(a.toll, b.toll), max(a.toll, b.toll)
    if low <= 0 or high > 2 * low:
        return 0.0
    if low >= 50 and high <= 1.3 * low:
        return 1.5
    return 1.0 if low == high else 0.5


def _toll_reason(points: float, a: Claim, b: Claim) -> str | None:
    if not points:
        return None
    ta, tb = a.figure("killed.total"), b.figure("killed.total")
    return f"same death toll: {ta}" if ta == tb else f"death tolls close: {ta} / {tb}"


def _text_reason(points: float, a: Claim, b: Claim) -> str:
    similarity = _text_similarity(a.sentence and a.sentence.text, b.sentence and b.sentence.text)
    return f"evidence sentences alike: {similarity:.2f}, with the same names and numbers"


# fields that count their best agreement with any report of the incident
_BEST_OF = (_actor_points, _weapon_points, _target_points, _toll_points)
_BEST_OF_REASONS = (_actor_reason, _weapon_reason, _target_reason, _toll_reason)
