"""The word keys behind matching: their fast formulations give what the plain ones give, on every
word of the FA-KES reports and every name of the gazetteer."""

import functools
import unicodedata
from pathlib import Path

from civcas import geo, ingest
from civcas.models import Article

FAKES = Path(__file__).resolve().parents[2] / "shared" / "data" / "FA-KES-Dataset.csv"


def _reference_norm_token(tok: str) -> str:
    """_norm_token without its ASCII shortcut."""
    t = unicodedata.normalize("NFKD", tok)
    t = "".join(c for c in t if not unicodedata.combining(c) and c not in geo._MARKS)
    t = t.lower().translate(geo._LATIN_EXTRA)
    return t.translate(geo._ARABIC_FOLD) if geo._ARABIC_RE.search(t) else t


def _reference_latin_skeleton(t: str) -> str:
    """_latin_skeleton as a character loop: vowel runs (with a y or w after a vowel and before
    none) become one "a", a letter repeated stands once, the spellings of Kafr are one, a final "ah"
    loses its h."""
    if (
        len(t) > 4
        and t[0] in "aeiu"
        and t[1] == t[2]
        and t[1] in geo._SUN_LETTERS
        or t.startswith("al")
        and len(t) >= 5
    ):
        t = t[2:]
    for a, b in geo._DIGRAPHS:
        t = t.replace(a, b)
    if len(t) > 4 and t.endswith("e") and t[-2] not in geo._VOWELS:
        t = t[:-1]
    out: list[str] = []
    for i, c in enumerate(t):
        nxt = t[i + 1] if i + 1 < len(t) else ""
        prev_vowel = bool(out) and out[-1] == "a"
        if c in geo._VOWELS or (c in "yw" and prev_vowel and nxt not in geo._VOWELS):
            if not prev_vowel:
                out.append("a")
        elif not out or out[-1] != c:
            out.append(c)
    if "".join(out) in ("kfar", "kafar", "kfr"):
        return "kafr"  # Kafr, Kfar, Kafar, Kfr: one word
    if len(out) > 2 and out[-1] == "h" and out[-2] == "a":
        out.pop()
    return "".join(out)


@functools.cache
def _words() -> list[str]:
    names = [n for e in geo.Gazetteer.default().entries.values() for n in e.names]
    texts = (
        [a.text for a in ingest.iter_articles([FAKES]) if isinstance(a, Article)] if FAKES.exists() else []
    )
    hard = ["Sweyda", "Hawa", "ayyub", "Qaryatayn", "aywb", "wayw", "Ezzor", "Salaheddine", "Hajjah"]
    return sorted({w for s in [*names, *texts, *hard] for a, b in geo._tokens(s) if (w := s[a:b])})


def test_the_words_cover_reports_and_gazetteer():
    assert len(_words()) > (12_000 if FAKES.exists() else 4_000)


def test_ascii_words_normalise_as_through_unicode_normalisation():
    words = _words()
    assert any(w.isascii() and "'" in w for w in words)
    assert [geo._norm_token(w) for w in words] == [_reference_norm_token(w) for w in words]


def test_the_skeleton_patterns_give_the_character_loop_skeleton():
    norms = sorted({n for w in _words() if (n := _reference_norm_token(w)) and not geo._is_arabic(n)})
    assert [geo._latin_skeleton(n) for n in norms] == [_reference_latin_skeleton(n) for n in norms]


def test_vowel_runs_without_a_y_or_w_become_a_as_the_pattern_makes_them():
    norms = sorted({n for w in _words() if (n := geo._norm_token(w))} | {"aaaa", "eeiou", "uoa", ""})
    assert [geo._vowel_runs_as_a(n) for n in norms] == [geo._VOWEL_RUN.sub("a", n) for n in norms]
