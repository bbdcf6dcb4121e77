"""Place mentions in a report: gazetteer matches plus names introduced by phrases like "the town of X".

Finding *which words name the place of an incident* is extraction's job; resolving the name to
coordinates is geocoding's (civcas.geo), which runs after extraction.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from re import _parser as _sre_parse  # type: ignore[attr-defined]

import ahocorasick

from civcas import geo
from civcas.extract.dates import MONTH_NAMES, WEEKDAYS
from civcas.extract.literals import fold, required_literals

# Specificity of a place kind: smaller is more specific.
KIND_RANK = {
    "neighbourhood": 0.0,
    "camp": 0.0,
    "village": 1.0,
    "town": 1.0,
    "city_part": 2.0,  # "eastern Aleppo": a part of a city, wider than its neighbourhoods
    "city": 2.0,
    "region": 3.0,
    "capital": 3.5,  # a city or town that names its governorate: "Aleppo", "Idlib", "Quneitra"
    "governorate": 4.0,
    "country": 5.0,
}
_NAME = r"(?:(?:al|el|Al|El|as|As|ash|Ash|ad|Ad|ar|Ar|az|Az|at|At|an|An)[- ])?[A-Z][\w'’`-]+(?:[ -](?:al-|el-)?[A-Z][\w'’`-]+){0,2}"
# Alternatives spell out their literal neighbours ("town of ", "al-"): _introduced then only
# tries the positions next to such a string, not those next to any " of " or "al".
_KIND_OF = "|".join(
    f"{kind} of "
    for kind in [
        "town",
        "village",
        "city",
        "neighbou?rhood",
        "district",
        "suburb",
        "camp",
        "hamlet",
        "area",
        "quarter",
        "countryside",
        "outskirts",
        "vicinity",
    ]
)
_PREPOSITIONS = ("in", "near", "at", "on", "into", "from", "around")


@dataclass(frozen=True)
class _Introducer:
    """A pattern whose every match holds one of its literals, and starts either a fixed number of
    characters before it (`leads`: "town of X" at its literal "town of ", "near al-X" 5 before its
    "al-") or at a word start with at most `spaces` spaces between it and the literal, after a
    name whose last word is capitalised ("Kafr Nabl town"): only those positions are tried."""

    pattern: re.Pattern[str]
    kind: str
    leads: tuple[int, ...] = ()
    spaces: int = 0


_INTRODUCED = [
    _Introducer(re.compile(rf"\b(?:{_KIND_OF})(?:the )?({_NAME})"), "village", leads=(0,)),
    _Introducer(
        re.compile(rf"\b(({_NAME}) (?:town|village|neighbou?rhood|district|suburb|camp|quarter))\b"),
        "village",
        spaces=3,  # the name's: after an article and between its three words
    ),
    _Introducer(re.compile(rf"\b(?:the )?(({_NAME}) River)\b"), "region", spaces=4),
    _Introducer(
        re.compile(
            rf"\b(?:{'|'.join(_PREPOSITIONS)}) ((?:al-|Al-|el-|El-)[A-Z][\w'’`-]+(?:[ -][A-Z][\w'’`-]+)?)"
        ),
        "village",
        leads=tuple({len(f"{preposition} ") for preposition in _PREPOSITIONS}),
    ),
]
# Capitalised words that the patterns above would take for place names.
_NOT_PLACES = {
    "the",
    "syria",
    "syrian",
    "daesh",
    "isis",
    "isil",
    "coalition",
    "regime",
    "us",
    "u.s",
    "russian",
    "turkish",
    "kurdish",
    "islamic",
    "state",
    "free",
    "army",
    "government",
    "observatory",
    "civil",
    "defense",
    "defence",
    "the coalition",
    "sana",
    "nusra",
    "al-nusra",
    "al-qaeda",
    "al-assad",
    "al-sham",
    "ahrar",
    "jaish",
    "hezbollah",
    "amnesty",
    "human",
    "white",
    "red",
    "crescent",
    "press",
    "media",
    "news",
    "agency",
    "this",
    "that",
    "its",
    "their",
    "his",
    "her",
    "which",
    "where",
    "local",
    "al-jazeera",
    "al-arabiya",
    "al-masdar",
    "al-watan",
    "al-manar",
    "al-mayadeen",
    "al-alam",
    "al-hayat",
    "al-akhbar",
}
# Words that start or end a capitalised run without being part of a place name.
_EDGE_WORDS = {
    *WEEKDAYS,
    *MONTH_NAMES,
    "on",
    "in",
    "the",
    "at",
    "near",
    "from",
    "late",
    "early",
    "syrias",
    "syria's",
    "syrian",
    "north",
    "south",
    "east",
    "west",
    "northwest",
    "northeast",
    "southwest",
    "southeast",
}
_ADJECTIVES = re.compile(
    r"^(?:kurdish|christian|alawite|druze|sunni|shiite|shia|turkmen|arab|assyrian|rebel|regime|government|"
    r"opposition|islamist|old|new|eastern|western|northern|southern|central)$|-(?:run|held|controlled|"
    r"populated|majority|dominated|besieged)$",
    re.I,
)
_OUTLET_NOUNS = ("channel", "broadcaster", "newspaper", "station", "news agency", "network")


def _outlet_before(text: str, start: int) -> bool:
    """The name follows an outlet noun ("TV channel Al-Mayadin"): str tests, not a regex search."""
    before = text[max(0, start - 30) : start]
    if not before[-1:].isspace():
        return False
    before = before.rstrip().lower()
    noun = next((n for n in _OUTLET_NOUNS if before.endswith(n)), None)
    return noun is not None and not before[: -len(noun)][-1:].isalnum()


# Words after a name that make it an organisation ("Aleppo Media Center", "Idlib Operations Room").
_ORG_WORDS = (
    *("government", "regime", "media", "center", "centre", "council", "agency", "office", "police"),
    *("command", "based", "health", "directorate", "authorities", "university", "airport authority"),
    *("governor", "television", "tv", "radio", "news", "times", "post", "daily", "province council"),
    *("coordination", "network", "brigade", "front", "operations room", "ally", "allies"),
)
_ORG_AFTER = re.compile(rf"^[\s-]*(?:{'|'.join(_ORG_WORDS)})\b", re.I)
_ORG_HEADS = geo.word_heads(_ORG_WORDS)


def _org_after(text: str, end: int) -> bool:
    """Whether an organisation word follows the name ending at `end` (the pattern only where the
    next word's first letters allow it: it costs thousands of instructions a try)."""
    return geo.may_follow(text, end, _ORG_HEADS) and _ORG_AFTER.match(text[end : end + 30]) is not None


_KUNYA_BEFORE = re.compile(r"\bAbu\s+[A-Z][\w'-]+\s+(?:al-)?$")


# "Baghdad Station", "Damascus Street": str.startswith over the few spellings, not a regex per place
def _landmark_after(text: str, end: int) -> bool:
    """ "Baghdad Station", "Sayyeda Zainab (AS) Highway" (the honorific after a saint's name skipped)."""
    if text.startswith(_HONORIFIC_AFTER, end):
        end = text.index(")", end) + 1
    # one letter first: most names are followed by none of the seventy-five spellings
    return text[end + 1 : end + 2] in _LANDMARK_INITIALS and text.startswith(_LANDMARK_AFTER, end)


_HONORIFIC_AFTER = (" (AS)", " (as)", " (a.s.)", " (A.S.)")
_LANDMARKS = ("street", "station", "square", "roundabout", "highway")
_LANDMARK_AFTER = tuple(
    f" {w}{end}"
    for word in _LANDMARKS
    for w in (word, word.capitalize(), word.upper())
    for end in (" ", ".", ",", ";", ")")
)
_LANDMARK_INITIALS = frozenset(c for word in _LANDMARKS for c in (word[0], word[0].upper()))


@dataclass(unsafe_hash=True)  # never changed once built
class PlaceMention:
    start: int
    end: int
    name: str
    kind: str
    governorate: str | None
    alt_names: tuple[str, ...] = ()
    introduced: bool = False  # named by a phrase like "the town of X"
    origin: bool = False  # where people came from ("evacuated from the towns of X"): not where it happened
    listed: bool = False  # one of several places named together ("the towns of X, Y and Z")
    rank: float = field(init=False, repr=False, compare=False)  # read for every mention: set once

    # Written out: a dataclass's generated __init__ runs in the interpreter even in the compiled
    # module (setup.py), at ten times the cost; the class stays a dataclass for eq, hash, repr, replace.
    def __init__(
        self,
        start: int,
        end: int,
        name: str,
        kind: str,
        governorate: str | None,
        alt_names: tuple[str, ...] = (),
        introduced: bool = False,
        origin: bool = False,
        listed: bool = False,
    ) -> None:
        self.start, self.end, self.name, self.kind, self.governorate = start, end, name, kind, governorate
        self.alt_names, self.introduced, self.origin, self.listed = alt_names, introduced, origin, listed
        self.rank = _rank(kind, name)

    @property
    def keys(self) -> frozenset[str]:
        """Spelling-tolerant keys of every name of this place, to tell whether two mentions are one place
        (remembered by name: a plain property keeps the class compilable to a native one)."""
        return _keys(self.name, self.alt_names)


# The same places and their alternative names come up in report after report (and a mention's
# copies, made by dataclasses.replace, start without the cached properties of the original).
@functools.lru_cache(maxsize=16_384)
def _rank(kind: str, name: str) -> float:
    if kind in ("city", "town") and geo.canonical_governorate(name):
        return KIND_RANK["capital"]
    return KIND_RANK.get(kind, 2.0)


@functools.lru_cache(maxsize=16_384)
def _keys(name: str, alt_names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(map(_skeleton, (name, *alt_names)))


_skeleton = functools.lru_cache(maxsize=65_536)(geo.skeleton)


def find_places(text: str) -> list[PlaceMention]:
    gazetteer = geo.Gazetteer.default()
    found = [m for m in gazetteer.find_mentions(text) if _is_place_use(text, m)]
    anchors = _governorate_anchors(text, found)
    folded = fold(text)  # once: the windows' tests read slices of it
    entries = [_nearest_entry(m, anchors) for m in found]
    # "the Sulaymaniyah neighborhood of Aleppo ... the Sulaymaniyah area": once a name is called a part
    # of a city, it is that part wherever the report names it again.
    parts = {
        m.text.lower(): gov
        for m, e in zip(found, entries, strict=True)
        if (gov := _city_part_governorate(text, m, e))
    }
    anchors_by_governorate: dict[str, list[int]] = {}
    for pos, gov in anchors:
        anchors_by_governorate.setdefault(gov, []).append(pos)
    mentions = [
        _namesake_elsewhere(text, m, e, anchors_by_governorate)
        or _from_gazetteer(text, folded, m, e, parts.get(m.text.lower()))
        for m, e in zip(found, entries, strict=True)
    ]
    introduced = []
    for match, kind in _introduced(text, folded):
        mention = _from_pattern(text, match, kind, mentions)
        if mention:
            mentions.append(mention)
            introduced.append(mention)
    mentions.extend(_named_again(text, introduced, mentions))
    mentions = _origins_chained(
        text, sorted((_with_context(text, folded, m) for m in mentions), key=lambda m: (m.start, -m.end))
    )
    mentions = sorted(
        [*mentions, *_parts_of_the_city(text, folded, mentions)], key=lambda m: (m.start, -m.end)
    )
    return _mark_listed(text, folded, mentions)


_IN_BETWEEN = re.compile(r"\s*,?\s*(?:in|of|near)\s+(?:the\s+)?")

# The words before a bare name that make it a place: "killed in Qaterji".
_PLACE_PREPOSITIONS = ("in", "at", "near", "on", "of", "from", "into", "around", "outside", "inside")


def _named_again(text: str, introduced: list[PlaceMention], known: list[PlaceMention]) -> list[PlaceMention]:
    """ "the Qaterji neighbourhood ... nine civilians were killed in Qaterji": a name the report has
    introduced as a place (no gazetteer knows it) is that place where the report names it again after
    a preposition."""
    found: list[PlaceMention] = []
    taken = [(m.start, m.end) for m in known]
    for m in introduced:
        name = _without_generic_word(m.name)
        if m.kind == "governorate" or not name[:1].isupper():
            continue
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (
                _bare_word_at(text, at, end)
                and _preposition_before(text, at)
                and not any(s < end and at < e for s, e in taken)
            ):
                found.append(PlaceMention(at, end, name, m.kind, m.governorate, (m.name, *m.alt_names)))
                taken.append((at, end))
            at = text.find(name, end)
    return found


_GENERIC_WORDS = (
    "neighbourhood",
    "neighborhood",
    "district",
    "village",
    "town",
    "area",
    "camp",
    "suburb",
    "quarter",
)


def _without_generic_word(name: str) -> str:
    """ "Qaterji neighbourhood" -> "Qaterji": how the report names the place again."""
    head, _, last = name.rpartition(" ")
    return head if head and last.lower() in _GENERIC_WORDS else name


def _bare_word_at(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return not (before.isalnum() or before in "-'’") and not (after.isalnum() or after in "-'’")


def _preposition_before(text: str, start: int) -> bool:
    words = text[max(0, start - 12) : start].split()
    return bool(words) and words[-1].lower() in _PLACE_PREPOSITIONS and text[start - 1 : start] == " "


def _origins_chained(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """ "terrorists positioned in Douma in Eastern Ghouta fired shells on Damascus": the wider place named
    right after where the fire came from is part of where it came from."""
    out = list(mentions)
    for i in range(1, len(out)):
        before, m = out[i - 1], out[i]
        if before.origin and not m.origin and _IN_BETWEEN.fullmatch(text, before.end, m.start):
            out[i] = _with_flags(m, origin=True)
    return out


def _fold_of(text: str, folded: str, start: int, end: int) -> str:
    """fold(text[start:end]), as a slice of the text's fold `folded` where fold kept every
    character's length (nearly always): no window is folded anew. (A Greek capital sigma may
    lower-case otherwise at a window's edge; no literal tested holds one.)"""
    if len(folded) == len(text):
        return folded[start:end]
    return fold(text[start:end])


# "rebel fire on the government-held west of the city": a part of the city named before.
_PART_OF_THE_CITY = re.compile(
    r"\bthe (?:[\w-]+ )?(?P<dir>east|west|north|south)(?:ern)?(?: part| side)? of the city\b(?! of)", re.I
)


def _parts_of_the_city(text: str, folded: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    if not _PART_OF_THE_CITY_GATE.may_match_folded(folded):
        return []  # most reports name no part of "the city"
    parts = []
    for m in _PART_OF_THE_CITY.finditer(text):
        cities = [p for p in mentions if p.end <= m.start() and p.kind == "city" and not p.origin]
        if cities:
            city = cities[-1]
            name = f"{m.group('dir').lower()} {city.name}"
            parts.append(PlaceMention(m.start(), m.end(), name, "city_part", city.governorate))
    return parts


class _LiteralGate:
    """A cheap test before a regex search: whether the folded text holds one of the strings that
    every match of the pattern holds, all looked for in one Aho-Corasick pass."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        literals = required_literals(pattern)
        self._automaton = _automaton_of(literals) if literals else None
        # A string all the literals hold (" of the city"): one str search rules most texts out,
        # far cheaper than the automaton's walk over every character.
        self._core = _common_core(literals) if literals else ""

    def may_match(self, text: str) -> bool:
        return self.may_match_folded(fold(text))

    def may_match_folded(self, folded: str) -> bool:
        if self._automaton is None:
            return True
        if self._core not in folded:
            return False
        return next(self._automaton.iter(folded), None) is not None


def _common_core(literals: tuple[str, ...]) -> str:
    """The longest string that every literal holds ("" when there is none)."""
    shortest = min(literals, key=len)
    for size in range(len(shortest), 0, -1):
        for start in range(len(shortest) - size + 1):
            core = shortest[start : start + size]
            if all(core in literal for literal in literals):
                return core
    return ""


def _automaton_of(literals: tuple[str, ...]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, literal)
    automaton.make_automaton()
    return automaton


_PART_OF_THE_CITY_GATE = _LiteralGate(_PART_OF_THE_CITY)


def _introduced(text: str, folded: str):
    """(match, kind) of each _INTRODUCED pattern in turn, as its finditer over the text would give;
    `folded` is fold(text)."""
    for introducer in _INTRODUCED:
        for match in _matches(text, folded, introducer):
            yield match, introducer.kind


def _matches(text: str, folded: str, introducer: _Introducer):
    pattern = introducer.pattern
    literals = required_literals(pattern)
    # Where fold changed a length (rare), its offsets are not the text's.
    if not literals or len(folded) != len(text):
        return pattern.finditer(text)
    starts: set[int] = set()
    for literal_start in _literal_starts(folded, literals):
        starts.update(literal_start - lead for lead in introducer.leads)
        if introducer.spaces and _capital_before(text, literal_start):
            starts.update(_word_starts_before(text, literal_start, introducer.spaces))
    return _matches_at(text, sorted(start for start in starts if start >= 0), pattern)


def _literal_starts(folded: str, literals: tuple[str, ...]) -> list[int]:
    """Where the literals stand in the text (str.find: far cheaper per character than a regex or
    an automaton)."""
    suffix = _common_suffix(literals)
    if len(literals) > 1 and len(suffix) >= 3:  # a shorter suffix (" ") stands everywhere
        return _starts_by_suffix(folded, literals, suffix)
    starts = []
    for literal in literals:
        start = folded.find(literal)
        while start >= 0:
            starts.append(start)
            start = folded.find(literal, start + 1)
    return starts


def _starts_by_suffix(folded: str, literals: tuple[str, ...], suffix: str) -> list[int]:
    """_literal_starts for literals that all end with `suffix` ("town of ", "city of "): one pass
    for the suffix, and one endswith test of the words before each, instead of a pass for each
    literal."""
    longest = max(map(len, literals))
    starts: list[int] = []
    end = folded.find(suffix)
    while end >= 0:
        end += len(suffix)
        before = folded[max(0, end - longest) : end]
        if before.endswith(literals):
            starts.extend(end - len(literal) for literal in literals if before.endswith(literal))
        end = folded.find(suffix, end - len(suffix) + 1)
    return starts


@functools.lru_cache(maxsize=64)
def _common_suffix(literals: tuple[str, ...]) -> str:
    first = literals[0]
    size = len(first)
    while size and not all(literal.endswith(first[len(first) - size :]) for literal in literals):
        size -= 1
    return first[len(first) - size :] if size else ""


_WORD_START = re.compile(r"\b\w")


def _capital_before(text: str, end: int) -> bool:
    """Whether the text from the last space before `end` holds a capital letter (or no cased
    letter): a name that ends at `end` ends with a capitalised word, and most words before a
    literal ("the town", "a camp") are lower-case."""
    return not text[text.rfind(" ", 0, end) + 1 : end].islower()


def _word_starts_before(text: str, end: int, spaces: int) -> list[int]:
    """The word starts before `end` with at most `spaces` spaces between them and it."""
    start = end
    for _ in range(spaces + 1):
        start = text.rfind(" ", 0, start)
        if start < 0:
            break
    return [m.start() for m in _WORD_START.finditer(text, start + 1, end)]


def _matches_at(text: str, starts: list[int], pattern: re.Pattern[str]):
    """pattern.finditer(text) when every match starts at one of `starts` (in increasing order)."""
    next_try = 0
    for start in starts:
        if start >= next_try and (match := pattern.match(text, start)):
            yield match
            next_try = match.end()


def _governorate_anchors(text: str, found) -> list[tuple[int, str]]:
    """Where the text names a governorate unambiguously: governorate phrases and places whose
    every candidate lies in one governorate."""
    anchors = [(start, gov) for start, _, gov in governorates_in(text)]
    for m in found:
        govs = {e.governorate for e in m.entries}
        if len(govs) == 1 and None not in govs:
            anchors.append((m.start, govs.pop()))
    return anchors


def _namesake_elsewhere(text: str, m, entry, anchors: dict[str, list[int]]) -> PlaceMention | None:
    """ "the region of Al-Quriyah southeast of Deir ez-Zor city": a village the gazetteer knows only by a
    near spelling (Al Qurayya), in a governorate the report never names, beside another governorate it
    does name, is a place the gazetteer lacks, in the governorate named. `anchors`: where the report
    names each governorate (_governorate_anchors); Damascus names Rif Dimashq too (geo.same_region)."""
    if entry.kind not in _SMALL_PLACES or any(
        pos != m.start
        for gov, positions in anchors.items()
        if geo.same_region(gov, entry.governorate)
        for pos in positions
    ):
        return None
    named = [
        (abs(pos - m.start), gov) for gov, positions in anchors.items() for pos in positions if pos != m.start
    ]
    if not named:
        return None
    distance, gov = min(named)
    if distance > _NAMESAKE_REACH or geo.Gazetteer.default().names_exactly(m.text, entry):
        return None
    return PlaceMention(m.start, m.end, text[m.start : m.end], "village", gov)


_SMALL_PLACES = ("village", "town")
_NAMESAKE_REACH = 200  # characters


def _nearest_entry(m, anchors: list[tuple[int, str]]):
    """An ambiguous name ("Salihiyah": Damascus or Hasakah) is the candidate whose governorate the
    text names nearest to it; the gazetteer's own order otherwise."""
    if len({e.governorate for e in m.entries}) < 2:
        return m.entries[0]
    far = 10**9
    distance: dict[str, int] = {}
    for pos, gov in anchors:
        if pos != m.start:
            distance[gov] = min(distance.get(gov, far), abs(pos - m.start))
    return min(m.entries, key=lambda e: distance.get(e.governorate, far))


# "the towns of X, Y and Z", "X, Y and Z neighbourhoods": one figure for several places. Two
# places ("X and Y neighbourhoods") still name the first; three or more name an area.
_ITEM = r"(?:(?:al|el|as|ash|ad|ar|az|at|an)[- ])?[A-Z][\w'’-]*"
_ITEM_RE = re.compile(_ITEM)
_ITEMS_AFTER = re.compile(rf"(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*&\s*|\s+){_ITEM})*")
_ITEMS_BEFORE = re.compile(
    rf"\b(?:towns|villages|neighbou?rhoods|districts|areas|cities|camps|suburbs|quarters) of (?:the )?"
    rf"((?:{_ITEM}(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s+))*)$"
)
_ITEMS_BEFORE_GATE = _LiteralGate(_ITEMS_BEFORE)
_MIN_LISTED = 3


def _mark_listed(text: str, folded: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    return [
        _with_flags(m, listed=True) if _list_size(text, folded, m) >= _MIN_LISTED else m for m in mentions
    ]


def _list_size(text: str, folded: str, m: PlaceMention) -> int:
    if m.rank >= KIND_RANK["city"]:
        return 1
    items = _ITEMS_AFTER.match(text, m.end)
    after = items.group(0) if items else ""
    size = 1 + len(_ITEM_RE.findall(after))
    lo = max(0, m.start - 160)
    window = text[lo : m.start]
    before = _ITEMS_BEFORE_GATE.may_match_folded(
        _fold_of(text, folded, lo, m.start)
    ) and _ITEMS_BEFORE.search(window)
    return size + (len(_ITEM_RE.findall(before.group(1))) if before else 0)


def _is_place_use(text: str, m) -> bool:
    if getattr(m, "org_like", False) or _org_after(text, m.end) or not m.entries:
        return False
    if _outlet_before(text, m.start):
        return False  # "Lebanese TV channel Al-Mayadin reported": an outlet named after a town
    if "Abu " in text[max(0, m.start - 30) : m.start] and _KUNYA_BEFORE.search(
        text, max(0, m.start - 30), m.start
    ):
        return False  # "Abu Abdelrahman Salqeen": a man named after his town
    if _landmark_after(text, m.end) and all(e.kind in ("city", "town") for e in m.entries):
        return False  # "Baghdad Station", "Damascus Street": a landmark named after a city, not the city
    return not (
        m.text.isupper() and len(m.text) > 3
    )  # a dateline ("BEIRUT", "AMMAN"): where the report was filed


def _with_context(text: str, folded: str, m: PlaceMention) -> PlaceMention:
    # A cheap literal test before each search: most windows cannot match.
    lo = max(0, m.start - 80)
    before, folded_before = text[lo : m.start], _fold_of(text, folded, lo, m.start)
    if _ORIGIN_GATE.may_match_folded(folded_before) and _ORIGIN_BEFORE.search(before):
        return _with_flags(m, origin=True)
    if not m.introduced and _may_end_with_introducer(folded_before) and _ends_with_introducer(before):
        return _with_flags(m, introduced=True)
    return m


def _with_flags(m: PlaceMention, *, introduced=False, origin=False, listed=False) -> PlaceMention:
    """The mention with these flags turned on too: built directly, as dataclasses.replace reads
    every field's definition on each call."""
    return PlaceMention(
        m.start,
        m.end,
        m.name,
        m.kind,
        m.governorate,
        m.alt_names,
        m.introduced or introduced,
        m.origin or origin,
        m.listed or listed,
    )


_INTRODUCER_BEFORE = re.compile(
    r"\b(?:town|village|city|neighbou?rhood|district|suburb|camp|hamlet|quarter) of (?:the )?$", re.I
)
# "evacuated from the besieged towns of Fuaa and Kafraya", "residents of two pro-regime villages
# Foua and": the places people came from; "terrorists positioned in X fired shells on Y": where the
# attackers were; "told reporters during a visit to the West Bank city of Ramallah": where a speaker
# was. A list is followed back to its first name.
_ORIGIN_BEFORE = re.compile(
    r"\b(?:(?:\d+|a few|several|some) (?:km|kilomet(?:er|re)s?|miles?) (?:away|\w+ of|from)(?: in)?|from|residents of|evacuees of|natives of|displaced of|"
    r"(?:located|positioned|stationed|entrenched|deployed|holed up) in|after leaving|"
    r"(?:during|on) (?:a|an|his|her) (?:\w+ )?visit to|speaking (?:in|from|at)|(?:news|press) conference in|"
    r"told reporters in)"
    r"(?:\s+(?:the|two|three|four|both|besieged|northern|southern|eastern|western|(?:north|south)-?(?:east|west)ern|"
    r"in|province|pro-regime|pro-government|"
    r"[\w]+-held|[\w]+-populated|shia|shiite|mainly|towns?|villages?|areas?|cit(?:y|ies)|capital|of|and|&|"
    r"(?:(?:al|el|as|ash|ad|ar|az|at|an)-)?[A-Z][\w'’-]*,?))*\s*$"
)
_ORIGIN_GATE = _LiteralGate(_ORIGIN_BEFORE)


# The longest match of _INTRODUCER_BEFORE ("neighbourhood of the "), and the newline "$" may stand before.
_INTRODUCER_BEFORE_WIDTH = (
    _sre_parse.parse(_INTRODUCER_BEFORE.pattern, _INTRODUCER_BEFORE.flags).getwidth()[1] + 1
)


def _ends_with_introducer(before: str) -> bool:
    """_INTRODUCER_BEFORE.search(before): its matches end the text, so only the positions that
    leave room for one are tried, not every position of the window."""
    return _INTRODUCER_BEFORE.search(before, max(0, len(before) - _INTRODUCER_BEFORE_WIDTH)) is not None


def _may_end_with_introducer(folded_before: str) -> bool:
    """A match of _INTRODUCER_BEFORE ends the text ($: or a final newline) with " of " or " of the "
    (`folded_before` is the text folded)."""
    return " of " in folded_before[-len(" of the \n") :]


# "eastern Aleppo": a part of a city, named as written and resolved to the city.
_DIRECTIONS = ("eastern", "western", "northern", "southern", "east", "west", "north", "south")
_DIRECTION_BEFORE = re.compile(rf"\b(?:{'|'.join(_DIRECTIONS)})\s+$", re.I)
_GOVERNORATE_AFTER = re.compile(r"^(?:\s*['’]s)?[\s-]+(?:province|governorate|countryside|rural)\b", re.I)


def _city_part_governorate(text: str, m, entry) -> str | None:
    """ "the Shahba neighbourhood of Aleppo": the governorate of the city the name is a part of, where
    that is not the entry's (the entry is a namesake, the town of another governorate)."""
    city = geo.city_of_the_part(text[m.end : m.end + 60])
    return city[1] if city and city[1] != entry.governorate else None


def _from_gazetteer(text: str, folded: str, m, entry, part_of: str | None = None) -> PlaceMention:
    if part_of:
        return PlaceMention(m.start, m.end, text[m.start : m.end], "neighbourhood", part_of)
    start, kind = m.start, entry.kind
    direction = kind == "city" and _direction_before(text, folded, m.start)
    if direction and not _GOVERNORATE_AFTER.match(text[m.end : m.end + 20]):
        start, kind = m.start - len(direction.group(0)), "city_part"
    return PlaceMention(
        start, m.end, text[start : m.end], kind, entry.governorate, (entry.name, *entry.alt_names[:20])
    )


def _direction_before(text: str, folded: str, end: int) -> re.Match[str] | None:
    """_DIRECTION_BEFORE in the 12 characters before `end`, searched only where they end with a
    direction word and spaces: the search tries each of their positions."""
    lo = max(0, end - 12)
    if not _fold_of(text, folded, lo, end).rstrip().endswith(_DIRECTIONS):
        return None
    return _DIRECTION_BEFORE.search(text[lo:end])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop weekdays, months, prepositions and possessives ("Syrias", "Aleppos") at the edges."""
    words = list(_WORD.finditer(text, start, end))
    # A last word stays: asked first, the gazetteer is not asked whether it is a possessive.
    while len(words) > 1 and (words[0].group(0).lower() in _EDGE_WORDS or _possessive(words[0].group(0))):
        words.pop(0)
    while len(words) > 1 and words[-1].group(0).lower() in _EDGE_WORDS:
        words.pop()
    if len(words) > 1 and _SPEECH_AFTER.match(text, words[-1].end()):
        words.pop()  # "the city of Khan-Shaikhoun Rudskoi said": the comma before the speaker was lost
    return words[0].start(), words[-1].end()


_WORD = re.compile(r"\S+")


_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|added|stated|noted|explained|stressed)\b")


@functools.lru_cache(maxsize=4096)
def _possessive(word: str) -> bool:
    """FA-KES drops apostrophes: "Syrias Aleppo", "Aleppos Salaheddin"."""
    return word.endswith("s") and len(word) > 4 and bool(geo.Gazetteer.default().lookup(word[:-1]))


def _from_pattern(
    text: str, match: re.Match[str], kind: str, known: list[PlaceMention]
) -> PlaceMention | None:
    """A name introduced by a phrase. "X district" / "X River" (a second group): the name as
    written is the whole phrase, and X alone an alternate, unless the gazetteer knows X."""
    whole = match.re.groups == 2
    start, end = _trim(text, *match.span(2 if whole else 1))
    name = text[start:end]
    if any(_ADJECTIVES.search(w) for w in name.split()) or name.lower() in _EDGE_WORDS:
        return None
    if name.lower() in _NOT_PLACES or name.split()[0].lower() in _NOT_PLACES:
        return None
    if _org_after(text, end):
        return None
    for other in known:
        if other.start <= start and end <= other.end:
            return None  # already found by the gazetteer
    overlapping = [o for o in known if o.start < end and start < o.end]
    governorate = overlapping[0].governorate if overlapping else geo.canonical_governorate(name)
    if governorate and geo.canonical_governorate(name) == governorate:
        kind = "governorate"
    if whole and not overlapping:
        return PlaceMention(start, match.end(1), text[start : match.end(1)], kind, governorate, (name,), True)
    return PlaceMention(start, end, name, kind, governorate, introduced=True)


@functools.lru_cache(maxsize=8)  # asked by find_places and by the engine for the same text
def governorates_in(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((s, e, g) for s, e, g in geo.governorate_mentions(text) if not _org_after(text, e))
