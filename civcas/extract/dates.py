"""Incident dates: relative expressions resolved against the publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from civcas.extract.literals import SENTENCE_PASS, LiteralIndex, ascii_twin, fold, folded_twin

_MONTH_SPELLINGS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTHS = {m: i + 1 for i, names in enumerate(_MONTH_SPELLINGS) for m in names}
MONTH_NAMES = tuple(names[0] for names in _MONTH_SPELLINGS)
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_WD = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY_MONTH = re.compile(
    rf"\b{_WD}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    re.I,
)
_MONTH_DAY = re.compile(
    rf"\b{_WD}(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?",
    re.I,
)
_MONTH_YEAR = re.compile(
    rf"\b(?:in|since|during|of|early|late|mid-?)\s+(?P<month>{_MONTH})(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I
)
_YEAR = re.compile(
    r"\b(?:in|since|during|of)\s+(?P<year>(?:19|20)\d\d)\b|\b(?P<year2>(?:19|20)\d\d)(?= (?:attack|assault|massacre|strike|offensive|bombing|chemical|sarin|siege|battle))",
    re.I,
)
_WEEKDAY = re.compile(
    r"\b(?:(?:early|late|on|last|this|since|from)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]?s)?"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|today|tonight|overnight|last night|this morning|earlier today|the day before yesterday|"
    r"last week|earlier this week|this week|last month|earlier this month|this month|(?P<n>two|three|four|\d) days ago)\b",
    re.I,
)
_SMALL = {"two": 2, "three": 3, "four": 4}
# Most sentences name no month, weekday or year: the pass over each sentence rules those patterns out.
_GATE = LiteralIndex([_DAY_MONTH, _MONTH_DAY, _MONTH_YEAR, _YEAR, _WEEKDAY, _RELATIVE], shared=SENTENCE_PASS)


@dataclass(unsafe_hash=True)  # never changed once built
class DateMention:
    value: date | None  # None when it cannot be resolved (no publication date)
    precision: str | None  # day, month, year
    start: int
    end: int
    text: str
    relative: bool  # resolved against the publication date
    weak: bool = False  # the day a statement was made ("a monitor said Thursday"), not clearly the event's

    # Written out: a dataclass's generated __init__ runs in the interpreter even in the compiled
    # module (setup.py), at ten times the cost; the class stays a dataclass for eq, hash, repr, replace.
    def __init__(
        self,
        value: date | None,
        precision: str | None,
        start: int,
        end: int,
        text: str,
        relative: bool,
        weak: bool = False,
    ) -> None:
        self.value, self.precision, self.start, self.end = value, precision, start, end
        self.text, self.relative, self.weak = text, relative, weak


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """All date expressions in a sentence, in text order, resolved where possible. (The patterns
    run over the folded text: their groups are read lower-cased, the text of a date is sliced.)"""
    readers = _GATE.candidates(_READERS, text)
    if not readers:
        return []  # most sentences name no date: one pass over the text tells
    folded = fold(text)
    ascii_text = folded.isascii()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, (twin, twin_for_ascii, read, needed) in readers:
        if needed and not needed.search(folded):
            continue
        for m in (twin_for_ascii if ascii_text else twin).finditer(folded, _GATE.scan_start(pattern, text)):
            mention = read(m, text, published)
            if mention and not any(s < mention.end and mention.start < e for s, e in taken):
                found.append(mention)
                taken.append((mention.start, mention.end))
    return sorted(found, key=lambda m: m.start)


# "April 7th Street", "6th of October Bridge": a name that holds a date.
_NAMED_AFTER_A_DATE = re.compile(r"\s+(?:Street|Square|Avenue|Road|Bridge|Stadium|School|Hospital|Park)\b")


# "between 21 and 26 of September", "from March 3 to March 9": the days of a span. What happened over
# it is dated by the day it began (as "since Wednesday" is), which the date closing the span does not
# give: its month does, with the opening day, when the span opens with a bare day.
_SPAN_OPENED_BEFORE = re.compile(
    rf"\b(?:between|from)\s+(?P<month>{_MONTH}\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+"
    r"(?:and|to|until|through)\s+(?:the\s+)?$",
    re.I,
)


def _explicit(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    if _NAMED_AFTER_A_DATE.match(text, m.end()):
        return None
    month = MONTHS[m.group("month").rstrip(".")]
    day = int(m.group("day"))
    start = m.start()
    opened, lo = _span_opened_before(text, start)
    if opened is not None:
        if opened.group("month"):
            return None  # "from March 3 to March 9": the opening date is read on its own
        day, start = int(opened.group("day")), lo + opened.start("day")
    year = int(m.group("year")) if m.group("year") else _infer_year(month, day, published)
    return DateMention(_safe_date(year, month, day), "day", start, m.end(), text[start : m.end()], False)


def _span_opened_before(text: str, start: int) -> tuple[re.Match[str] | None, int]:
    """The opening of a span that the date at `start` closes, and where the text it was sought in starts."""
    lo = max(0, start - 30)
    before = text[lo:start].lower()
    if "between" not in before and "from" not in before:
        return None, lo
    return _SPAN_OPENED_BEFORE.search(before), lo


def _month_year(m: re.Match[str], text: str, published: date | None) -> DateMention:
    month = MONTHS[m.group("month").rstrip(".")]
    if m.group("year"):
        year = int(m.group("year"))
    elif published:
        year = published.year if month <= published.month else published.year - 1
    else:
        year = None
    value = _safe_date(year, month, 1)
    return DateMention(value, "month", m.start(), m.end(), text[m.start() : m.end()], not m.group("year"))


def _year(m: re.Match[str], text: str, published: date | None) -> DateMention:
    year = int(m.group("year") or m.group("year2"))
    return DateMention(date(year, 1, 1), "year", m.start(), m.end(), text[m.start() : m.end()], False)


def _weekday(m: re.Match[str], text: str, published: date | None) -> DateMention:
    value = None
    if published:
        back = (published.weekday() - WEEKDAYS[m.group("wd")]) % 7
        value = published - timedelta(days=back)
    return DateMention(value, "day", m.start(), m.end(), text[m.start() : m.end()], True)


def _relative(m: re.Match[str], text: str, published: date | None) -> DateMention:
    value, precision = _resolve_relative(m.group("rel"), m.group("n"), published)
    return DateMention(value, precision, m.start(), m.end(), text[m.start() : m.end()], True)


# What a day beside a month needs ("5th of May", "March 12"; a month's name begins with its
# stem), as patterns that open with a digit or a stem: re skips to those at C speed, while the
# full patterns open with \b and are tried at every position. Most sentences that hold a month's
# letters ("may", "market") give no day beside them.
_MONTH_STEM = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_DAY_THEN_MONTH_STEM = re.compile(rf"\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_STEM}")
_MONTH_STEM_THEN_DAY = re.compile(rf"{_MONTH_STEM}[a-z]*\.?\s+\d")


# Pattern, what reads its matches, and what a text needs for the pattern to match (None: its
# literals suffice), in order of precedence: a later match that overlaps an earlier one is dropped.
# Each runs through its lower-case twin over the folded text (an ASCII text through the twin's
# ASCII twin).
def _lower_case_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    twin = folded_twin(pattern)
    if twin is None:
        raise ValueError(f"a date pattern must be written in lower-case ASCII: {pattern.pattern!r}")
    return twin


_READERS = [
    (pattern, (twin := _lower_case_twin(pattern), ascii_twin(twin), read, needed))
    for pattern, read, needed in [
        (_DAY_MONTH, _explicit, _DAY_THEN_MONTH_STEM),
        (_MONTH_DAY, _explicit, _MONTH_STEM_THEN_DAY),
        (_MONTH_YEAR, _month_year, None),
        (_YEAR, _year, None),
        (_WEEKDAY, _weekday, None),
        (_RELATIVE, _relative, None),
    ]
]


def _resolve_relative(rel: str, n: str | None, published: date | None) -> tuple[date | None, str | None]:
    if rel in (
        "last week",
        "earlier this week",
        "this week",
        "last month",
        "earlier this month",
        "this month",
    ):
        return None, None  # too vague to pin to a day
    if published is None:
        return None, "day"
    if rel == "yesterday":
        return published - timedelta(days=1), "day"
    if rel == "the day before yesterday":
        return published - timedelta(days=2), "day"
    if n:
        return published - timedelta(days=int(n) if n.isdigit() else _SMALL[n.lower()]), "day"
    return published, "day"  # today, overnight, last night, this morning


def _infer_year(month: int, day: int, published: date | None) -> int | None:
    if published is None:
        return None
    candidate = _safe_date(published.year, month, day)
    if candidate and candidate > published + timedelta(days=2):
        return published.year - 1
    return published.year


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
