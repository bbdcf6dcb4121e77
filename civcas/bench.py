"""Benchmarks that print figures (speed is measured here, never in timed tests)."""

from __future__ import annotations

import dataclasses
import os
import platform
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from civcas import geo, ingest
from civcas.extract import extract_claims
from civcas.models import Article


@dataclass
class ExtractBench:
    articles: int
    megabytes: float
    seconds: float
    claims: int
    gazetteer_seconds: float
    peak_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0

    def result_line(self) -> str:
        return (
            f"RESULT articles_per_s={self.articles_per_s:.1f} mb_per_s={self.mb_per_s:.3f} "
            f"peak_mb={self.peak_mb:.1f}"
        )


def extraction_is_compiled() -> bool:
    """Whether the extraction modules run compiled (setup.py builds them with mypyc) or as plain Python."""
    from civcas.extract import engine

    return not engine.__file__.endswith(".py")


def interpreter(maps: Path = Path("/proc/self/maps")) -> str:
    """The interpreter running this process and, where the process map tells (Linux), how it holds
    CPython: a build that loads it as a shared libpython (pyenv's, for one) runs the compiled
    extractor about 14 % more instructions than a statically linked one (README, "Speed")."""
    try:
        shared = "libpython" in maps.read_text()
    except OSError:
        linking = ""
    else:
        linking = ", shared libpython" if shared else ", statically linked"
    name = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{name} ({os.path.realpath(sys.executable)}{linking})"


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_extract(
    paths: list[Path], repeat: int = 1, progress: Callable[[int], None] | None = None
) -> ExtractBench:
    """Extract claims from every article of `paths` in this process (one core); ingest is not timed."""
    articles = [a for a in ingest.iter_articles(paths) if isinstance(a, Article)]
    start = time.perf_counter()
    geo.Gazetteer.default()
    gazetteer_seconds = time.perf_counter() - start
    claims = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for article in articles:
            claims += len(extract_claims(article))
            if progress:
                progress(1)
    seconds = time.perf_counter() - start
    size = sum(len(a.text.encode("utf-8")) for a in articles) * repeat / 1e6
    return ExtractBench(len(articles) * repeat, size, seconds, claims, gazetteer_seconds, peak_rss_mb())


def bench_extract_isolated(paths: list[Path], repeat: int = 1) -> ExtractBench:
    """One cold pass of bench_extract in a fresh process: no word, verdict or pattern remembered
    from an earlier pass, and a peak memory of its own."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(bench_extract, (paths, repeat))


def median_run(runs: list[ExtractBench]) -> ExtractBench:
    """The run of median speed (the lower middle one for an even count), with the highest peak
    memory of all runs: a busy host slows some runs, and the median is the steadiest figure."""
    middle = sorted(runs, key=lambda r: r.articles_per_s)[(len(runs) - 1) // 2]
    return dataclasses.replace(middle, peak_mb=max(r.peak_mb for r in runs))


# ---------------------------------------------------------------- linking

_GOVERNORATE_WEIGHTS = {
    "Aleppo": 28,
    "Idlib": 16,
    "Rif Dimashq": 12,
    "Damascus": 6,
    "Deir ez-Zor": 10,
    "Homs": 6,
    "Hama": 6,
    "Raqqa": 5,
    "Hasakah": 4,
    "Daraa": 4,
    "Latakia": 1,
    "Quneitra": 1,
    "Suwayda": 0.5,
    "Tartus": 0.5,
}
_WEAPONS = {
    "airstrike": 45,
    "shelling": 20,
    "barrel_bomb": 8,
    "missile": 8,
    "bombing": 7,
    "clashes": 7,
    "suicide_attack": 2,
    "chemical": 1,
    "landmine": 1,
    "execution": 1,
}
_ACTORS = {
    "syrian_government": 40,
    "russia": 20,
    "us_led_coalition": 12,
    "opposition": 12,
    "isis": 8,
    "unknown": 5,
    "turkey": 2,
    "sdf_ypg": 1,
}
_TARGETS = {
    None: 60,
    "residential": 20,
    "market": 5,
    "hospital": 4,
    "school": 3,
    "camp": 3,
    "convoy": 3,
    "bakery": 1,
    "mosque": 1,
}
_SYLLABLES = [
    "ka",
    "fa",
    "ra",
    "ba",
    "ta",
    "ma",
    "na",
    "sa",
    "ha",
    "ja",
    "da",
    "za",
    "la",
    "ya",
    "qa",
    "sha",
    "kha",
]
_VOWEL_VARIANTS = (("a", "e"), ("i", "ee"), ("u", "ou"), ("q", "k"))


_ACTOR_WORDS = {
    "syrian_government": "Syrian government",
    "russia": "Russian",
    "us_led_coalition": "U.S.-led coalition",
    "opposition": "rebel",
    "isis": "Islamic State",
    "unknown": "unidentified",
    "turkey": "Turkish",
    "sdf_ypg": "Kurdish-led",
}
_WEAPON_WORDS = {
    "airstrike": "air strikes",
    "shelling": "shelling",
    "barrel_bomb": "barrel bombs",
    "missile": "missiles",
    "bombing": "a bomb",
    "clashes": "fighting",
    "suicide_attack": "a suicide bomber",
    "chemical": "a gas attack",
    "landmine": "a landmine",
    "execution": "executions",
}
# The sentence carrying the figure: wire copy that outlets reuse, or their own wording.
_WIRE = "{actor} {weapon} killed {n} people in {place} on {weekday}, {source} said."
_OWN = (
    "At least {n} civilians died when {weapon} hit {place}, according to {source}.",
    "{source} reported {n} dead in {place} after {weapon} blamed on {actor} forces.",
    "{n} people, including children, were killed in {place}, residents told reporters.",
    "Rescuers pulled bodies from the rubble in {place}, where {weapon} killed {n}.",
)
_SOURCES = ("a war monitor", "the civil defence", "state media", "activists", "local officials")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_KM_PER_DEGREE = 111.0
_KM2_PER_PLACE = 10  # about a gazetteer's density of localities


def _place_name(rng) -> str:
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3))))
    prefix = rng.choice(("", "", "", "Kafr ", "Tal ", "Deir ", "Ain ", "al-"))
    return (prefix + stem).strip().title() if not prefix.startswith("al-") else "al-" + stem.title()


def _spelling_variant(name: str, rng) -> str:
    """The kind of variation reports show (Hajin / Hajeen / Hejjin): same skeleton, other vowels."""
    a, b = rng.choice(_VOWEL_VARIANTS)
    return name.replace(a, b, 1) if rng.random() < 0.5 else name


def _synthetic_places(n_places: int, rng) -> dict[str, list[tuple[str, float, float]]]:
    """Named places with coordinates, each governorate a square of its own side by side."""
    places, west = {}, 30.0
    for gov, weight in _GOVERNORATE_WEIGHTS.items():
        count = max(20, int(n_places * weight / 100))
        side = (count * _KM2_PER_PLACE) ** 0.5 / _KM_PER_DEGREE
        places[gov] = [
            (_place_name(rng), 33 + rng.random() * side, west + rng.random() * side) for _ in range(count)
        ]
        west += side + 0.1
    return places


def _reported_place(place: tuple[str, float, float], rng):
    """Mostly the place under a spelling variant; sometimes a second gazetteer entry of the same town,
    under another name a few hundred metres off."""
    from civcas.models import Place

    name, lat, lon = place
    if rng.random() < 0.04:
        return Place(name=_place_name(rng), lat=lat + rng.uniform(-0.004, 0.004), lon=lon, precision=1)
    return Place(name=_spelling_variant(name, rng), lat=lat, lon=lon, precision=1)


def _sentence(wire: str, words: dict, figure: int, rng):
    from civcas.models import Span

    roll = rng.random()
    if roll < 0.3:
        text = wire  # the wire story as is
    elif roll < 0.4:
        text = wire.replace(" said.", " told the agency.")
    else:
        text = rng.choice(_OWN).format(**{**words, "n": figure})
    return Span(0, len(text), text)


def _imprecise_date(day, rng):
    """About 1 report in 100 gives only the month or the year (dated to its first day)."""
    roll = rng.random()
    if roll < 0.008:
        return day.replace(day=1), "month"
    if roll < 0.01:
        return day.replace(month=1, day=1), "year"
    return day, "day"


def synthetic_claims(n: int, seed: int = 7) -> tuple[list, dict[str, int]]:
    """`n` claims about ~n/2.2 events (1-6 reports each), with realistic noise: dates missing, a day
    off or only a month or year, spelling variants, a town under two gazetteer entries, vague places,
    figures that disagree, wire copy reused. Returns (claims, claim id -> event)."""
    import random
    from datetime import date, timedelta

    from civcas.models import Claim, Figure

    rng = random.Random(seed)
    govs, gov_w = zip(*_GOVERNORATE_WEIGHTS.items(), strict=True)
    # A bigger corpus covers more villages (Syria's gazetteer lists ~30,000 localities), so that
    # the number of events per place and day stays realistic as n grows.
    places = _synthetic_places(min(40_000, max(4000, n // 25)), rng)
    # ~35 events a day, about ACLED's rate for Syria at the height of the war: a larger corpus spans
    # more days (as an archive of several conflicts would), not more events per day.
    start, span = date(1990, 1, 1), max(365 * 8, int(n / 2.2 / 35))
    claims, truth, event = [], {}, 0
    while len(claims) < n:
        gov = rng.choices(govs, gov_w)[0]
        day = start + timedelta(days=rng.randrange(span))
        place = rng.choice(places[gov])
        weapon = rng.choices(list(_WEAPONS), list(_WEAPONS.values()))[0]
        actor = rng.choices(list(_ACTORS), list(_ACTORS.values()))[0]
        target = rng.choices(list(_TARGETS), list(_TARGETS.values()))[0]
        killed = max(1, int(rng.lognormvariate(1.8, 1.0)))
        words = {
            "actor": _ACTOR_WORDS[actor],
            "weapon": _WEAPON_WORDS[weapon],
            "n": killed,
            "place": place[0],
            "weekday": _WEEKDAYS[day.weekday()],
            "source": rng.choice(_SOURCES),
        }
        wire = _WIRE.format(**words)
        for _ in range(min(6, 1 + int(rng.expovariate(0.8)))):
            if len(claims) >= n:
                break
            c = Claim(
                article_id=f"syn-{len(claims)}",
                index=0,
                governorate=gov,
                actor=actor,
                weapon=weapon,
                target=target,
            )
            roll = rng.random()
            if roll >= 0.12:
                c.date, c.date_precision = _imprecise_date(day + timedelta(days=1 if roll < 0.2 else 0), rng)
            c.reported = day + timedelta(days=rng.choice((0, 1, 1, 2)))
            if rng.random() > 0.08:
                c.place = _reported_place(place, rng)
            figure = max(1, round(killed * rng.uniform(0.7, 1.4)))
            c.figures["killed.total"] = Figure(figure)
            c.sentence = _sentence(wire, words, figure, rng)
            truth[c.id] = event
            claims.append(c)
        event += 1
    return claims, truth


@dataclass
class LinkBench:
    claims: int
    incidents: int
    seconds: float
    peak_mb: float
    precision: float
    recall: float

    def result_line(self) -> str:
        return f"RESULT claims={self.claims} seconds={self.seconds:.2f} peak_mb={self.peak_mb:.1f}"


def bench_link(n: int, seed: int = 7) -> LinkBench:
    from civcas.link import link_claims

    claims, truth = synthetic_claims(n, seed)
    start = time.perf_counter()
    clusters = link_claims(claims)
    seconds = time.perf_counter() - start
    precision, recall = _pairwise(clusters, truth)
    return LinkBench(n, len(clusters), seconds, peak_rss_mb(), precision, recall)


def bench_link_isolated(n: int, seed: int = 7) -> LinkBench:
    """bench_link in a fresh process, so that its peak memory is its own."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(bench_link, (n, seed))


def _pairwise(clusters, truth: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall of the clusters against the generator's events."""
    from collections import Counter

    def pairs(sizes) -> int:
        return sum(k * (k - 1) // 2 for k in sizes)

    predicted = pairs(len(c.claims) for c in clusters)
    true_pos = pairs(n for c in clusters for n in Counter(truth[x.id] for x in c.claims).values())
    gold = pairs(Counter(truth.values()).values())
    return (true_pos / predicted if predicted else 1.0), (true_pos / gold if gold else 1.0)
