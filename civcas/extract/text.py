"""Sentence splitting with character offsets into the article text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote, at a line break,
# or at a tab (scraped pages keep paragraph breaks as tabs: "... The Syria Campaign\t \t On Tuesday").
# A photo credit ends a caption that has no full stop: "... near the border (File photo) A bomb killed".
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z0-9\"“‘(])|\n\s*|\t\s*|(?:(?<=[Pp]hoto\))|(?<=Agencies\)))\s+(?=[A-Z0-9\"“(])"
)
# _BOUNDARY with each of its ways led by the character it starts at or right after, the boundary itself
# in the way's one group (the whole match for a break): the engine skips from one such character to
# the next, where a scan with _BOUNDARY's look-behinds tries every position, and no Python loop
# visits them.
_AFTER_STOP = r"([\"'”’)]?\s+(?=[A-Z0-9\"“‘(]))"
_BOUNDARY_LED = re.compile(
    rf"\.{_AFTER_STOP}|!{_AFTER_STOP}|\?{_AFTER_STOP}|\n\s*|\t\s*|"
    r"\)(?:(?<=[Pp]hoto\))|(?<=Agencies\)))(\s+(?=[A-Z0-9\"“(]))"
)
# Abbreviations after which a period does not end a sentence.
_ABBREV = re.compile(
    r"\b(?:U\.S|U\.N|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$"
)
_LONGEST_ABBREV = 4  # letters ("Sept")
# Scraped pages end with a list of links to other stories ("Source AA Related News Death toll rises to
# 70 as ..."): headlines of other incidents, not part of the report.
_RELATED_LINKS = re.compile(
    r"(?:(?<=\s)|^)(?:\d+ )?Related(?: News| Articles| Stories| Posts| Content)?\s+(?=[A-Z0-9\"“])"
)


# Some outlets print their keyword list between the lead and the body ("Tags Syria Aleppo al-Nusra Front
# al-Maleh Russia Rebels At least 70 ... fighters have been killed in ... northern Aleppo province"): the
# list runs to the body's first function word or full stop.
_TAG_LIST = re.compile(r"(?:(?<=\s)|^)Tags\s+")
_LIST_END = re.compile(
    r"\b(?:in|on|of|at|to|by|from|for|with|near|has|have|had|was|were|is|are|the|a|an)\b|\."
)


# A tuple: one is built for every sentence of every article, at a third of a frozen dataclass's cost.
class Sentence(NamedTuple):
    index: int  # type: ignore[assignment]  # shadows tuple.index, which no caller uses
    start: int
    end: int
    text: str


def body_end(text: str) -> int:
    """Where the report ends: before a trailing list of related stories, if the page kept one.
    Only the second half of the text is searched: a list near the top is followed by the report itself."""
    if text.find("Related", len(text) // 2) < 0:
        return len(text)  # every match holds the word: most texts need no regex scan
    m = _RELATED_LINKS.search(text, len(text) // 2)
    return m.start() if m else len(text)


def tag_list(sentence: str) -> tuple[int, int] | None:
    """The span of a keyword list in the sentence, if it holds one."""
    if "Tags" not in sentence:
        return None  # most sentences: no regex scan
    m = _TAG_LIST.search(sentence)
    if m is None:
        return None
    end = _LIST_END.search(sentence, m.end())
    return m.start(), end.start() if end else len(sentence)


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for boundary_start, boundary_end in _boundaries(text):
        if _after_abbreviation(text, boundary_start, boundary_end):
            continue
        if text[boundary_start - 1] == ")" and text[start] == "(":
            continue  # a credit that opens its sentence ("(AFP Photo) At least 18 ..."): not a sentence of its own
        _append(sentences, text, start, boundary_start)
        start = boundary_end
    _append(sentences, text, start, len(text))
    return sentences


def _boundaries(text: str) -> Iterator[tuple[int, int]]:
    """The spans of `_BOUNDARY.finditer(text)`."""
    for m in _BOUNDARY_LED.finditer(text):
        yield m.span(m.lastindex or 0)


def _after_abbreviation(text: str, start: int, end: int) -> bool:
    """A break after "Mr." or "U.S." within a line ends no sentence (_ABBREV ends in a period)."""
    if text[start - 1] != "." or "\n" in text[start:end] or "\t" in text[start:end]:
        return False
    if start > _LONGEST_ABBREV + 1 and text[start - _LONGEST_ABBREV - 2 : start - 1].isalnum():
        return False  # a word longer than any abbreviation ends here: most stops need no regex search
    return bool(_ABBREV.search(text[max(0, start - 6) : start]))


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))
