"""Sentence splitting with character offsets into the article text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote, at a line break,
# or at a tab (scraped pages keep paragraph breaks as tabs: "... The Syria Campaign\t \t On Tuesday").
# A photo credit ends a caption that has no full stop: "... near the border (File photo) A bomb killed".
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z0-9\"“‘(])|\n\s*|\t\s*|(?:(?<=[Pp]hoto\))|(?<=Agencies\)))\s+(?=[A-Z0-9\"“(])"
)
# The characters a boundary starts at or right after. Trying _BOUNDARY only there finds its matches
# several times faster than a scan with it: its look-behinds make the engine try every position.
_BOUNDARY_CHAR = re.compile(r"[.!?)\n\t]")
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


@dataclass(frozen=True)
class Sentence:
    index: int
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


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for m in _boundaries(text):
        if _after_abbreviation(text, m):
            continue
        if text[m.start() - 1] == ")" and text[start] == "(":
            continue  # a credit that opens its sentence ("(AFP Photo) At least 18 ..."): not a sentence of its own
        _append(sentences, text, start, m.start())
        start = m.end()
    _append(sentences, text, start, len(text))
    return sentences


def _boundaries(text: str) -> Iterator[re.Match[str]]:
    """The matches of `_BOUNDARY.finditer(text)`."""
    end = 0
    for c in _BOUNDARY_CHAR.finditer(text):
        at = c.start() if c.group() in "\n\t" else c.end()
        if at < end:
            continue  # within the boundary just found ("...attack.) The")
        m = _BOUNDARY.match(text, at)
        if m:
            yield m
            end = m.end()


def _after_abbreviation(text: str, boundary: re.Match[str]) -> bool:
    """A break after "Mr." or "U.S." within a line ends no sentence (_ABBREV ends in a period)."""
    start = boundary.start()
    if text[start - 1] != "." or "\n" in boundary.group(0) or "\t" in boundary.group(0):
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
