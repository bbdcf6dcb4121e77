"""Numbers as reports write them: digits, number words, vague amounts and hedges."""

from __future__ import annotations

import re
from typing import NamedTuple, cast

from text_to_num import text2num

from civcas.extract.literals import ascii_twin, fold

# Vague amounts (../shared/eval/GOLD_FORMAT.md conventions).
VAGUE = {
    "hundreds of thousands": 200_000,  # "hundreds" times "thousands", as GOLD_FORMAT counts each
    "tens of thousands": 24_000,
    "several dozen": 24,  # as "dozens" (GOLD_FORMAT's conventions); likewise hundreds and thousands
    "several hundred": 200,
    "several thousand": 2000,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "several": 3,
    "a few": 3,
    "a number": 3,
    "a dozen": 12,
    "tens": 24,
    "dozen": 12,
}
# Words that count exactly one person when a casualty noun follows ("a child", "one woman"; "Another
# woman was killed" where it opens a sentence).
ONE_WORDS = {"a", "an", "one", "another"}

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
]
_WORD = rf"(?:{'|'.join(_UNITS)})"
NUMBER_WORD = _WORD  # a spelled number's first word
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_VAGUE = (
    r"(?:hundreds|tens) of thousands|several (?:dozen|hundred|thousand)|dozens|scores|hundreds|thousands|"
    r"several|a few|a number|a dozen|tens|dozen"
)


# A number; the words of a spelled one parted by spaces, hyphens or "and".
_SPELLED = rf"{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*"
_NUMBER = (
    rf"(?:(?P<digits>{_DIGITS})|(?P<vague>{_VAGUE})|(?P<words>{_SPELLED})|(?P<one>a|an|one|another))"
    r"(?![\w:/]|[.,-]\d)"
)
_IN_A_WORD = r"\w.,:/-"  # a number does not start after these: "1.5", "3,000", "2/3", "F-16"
NUMBER_RE = re.compile(rf"(?<![{_IN_A_WORD}]){_NUMBER}", re.I)


def _number_heads() -> str:
    """A look-ahead that the start of every number passes: a digit, or the first three letters of a
    spelled number ("a" and "an" then a break): most breaks fail it at once, before the long
    alternation of _NUMBER is tried. The heads are grouped by their first letter, so that a break
    tries one letter against each group rather than against every head."""
    spellings = [*_UNITS, *VAGUE, *ONE_WORDS]
    short_words = {first + r"(?!\w)" for s in spellings if len(first := s.split()[0]) < 3}
    heads = {s[:3] for s in spellings if len(s.split()[0]) >= 3}
    rests: dict[str, list[str]] = {}
    for head in sorted(short_words | heads):
        rests.setdefault(head[0], []).append(head[1:])
    groups = [
        first + (f"(?:{'|'.join(rest)})" if len(rest) > 1 else rest[0]) for first, rest in rests.items()
    ]
    return rf"(?=\d|{'|'.join(groups)})"


# How find_numbers scans: over the folded text (fold keeps offsets), case-sensitively, and matching
# the break before a number (a space put before the text stands for its start) rather than trying
# NUMBER_RE's look-behind at every position: the scan then stops only at breaks. An ASCII text is
# scanned by the ASCII twin.
_BREAK_THEN_NUMBER = re.compile(rf"[^{_IN_A_WORD}]{_number_heads()}{_NUMBER}")
_BREAK_THEN_NUMBER_ASCII = ascii_twin(_BREAK_THEN_NUMBER)
# Hedges that make a figure a lower bound or an estimate.
HEDGES_BEFORE = (
    "at least",
    "more than",
    "well over",
    "over",
    "no fewer than",
    "no less than",
    "not less than",
    "upwards of",
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "up to",
    "approximately",
    "roughly",
    "as many as",
    "an estimated",
    "estimated",
    "a further",
    "close to",
    "in excess of",
    "between",
    "at least another",
)
APPROX_BEFORE = re.compile(rf"\b(?:{'|'.join(HEDGES_BEFORE)})\s*$")
APPROX_AFTER = re.compile(r"^\s*(?:or more|plus|\+)\b")
_HEDGES_AFTER = ("or more", "plus", "+")


class Number(NamedTuple):  # a tuple: built for every "a" and "an" too, it costs a third of a frozen dataclass
    value: int
    approx: bool
    start: int  # offsets into the string searched
    end: int
    kind: str  # digits, words, vague, one


def find_numbers(text: str) -> list[Number]:
    found = []
    folded = fold(text)
    scan = _BREAK_THEN_NUMBER_ASCII if folded.isascii() else _BREAK_THEN_NUMBER
    for m in scan.finditer(" " + folded):
        kind = cast(str, m.lastgroup)  # every alternative is a named group
        value = _value(m.group(kind), kind)
        if value is None:
            continue
        start, end = m.start(kind) - 1, m.end() - 1  # offsets in the text, without the space
        if kind == "one" and m.group(kind) == "another" and folded[:start].strip(_OPENING):
            continue  # "... as well as another child": one more of a count the sentence adds up
        approx = (
            kind == "vague"
            or _hedged_before(folded[max(0, start - 25) : start])
            or _hedged_after(folded[end : end + 10])
        )
        found.append(Number(value, approx, start, end, kind))
    return found


# What may stand before the first word of a sentence.
_OPENING = " \"'“‘(-"


def _hedged_before(before: str) -> bool:
    """`before` (folded) ends with a hedge. A cheap literal check first: most numbers follow none."""
    return before.rstrip().endswith(HEDGES_BEFORE) and bool(APPROX_BEFORE.search(before))


def _hedged_after(after: str) -> bool:
    """`after` (folded) starts with "or more", "plus" or "+". A cheap literal check first: most
    numbers have none after them."""
    return after.lstrip().startswith(_HEDGES_AFTER) and bool(APPROX_AFTER.match(after))


def _value(token: str, kind: str) -> int | None:
    """`token` folded."""
    if kind == "digits":
        return int(token.replace(",", ""))
    if kind == "vague":
        return VAGUE[" ".join(token.split())]
    if kind == "one":
        return 1
    try:
        return int(text2num(token.replace("-", " ").replace(" and ", " "), "en"))
    except ValueError:
        return None
