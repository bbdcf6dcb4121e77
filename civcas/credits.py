"""Credits: which outlet a plain-text report names as its own.

A report saved as a .txt file carries no metadata; its outlet is written in it, in one of a few
shapes, tried in this order (the first that names an outlet wins):

1. the header (the short lines round the headline): a line ``Source: X``, a dateline
   ``22 November 2018 — X``, ``Monday, March 4, 2019 | X``, ``X — HASAKAH``,
   ``Idlib, LSN – 14 May 2019``, ``Damascus, Tuesday 6 February 2018 (LSN)``, a byline
   ``By Jane Doe, X``, or X alone on its line;
2. the wire dateline opening the first paragraph: ``DAMASCUS, Dec 5 (Reuters) -``;
3. an explicit credit further down: a line ``Source: X`` or ``(Source: X)``;
4. a sign-off closing the text: ``— SANA``, ``(SANA)``;
5. the report speaking of itself: ``sources told X``, ``X's reporter``, ``a X correspondent``,
   ``X could not independently verify``; the outlet named most often this way.

The header comes before a ``Source:`` line further down because such a line in the body often
credits a quoted piece or a picture, while the header names the publisher. A ``Source:`` credit
and a dateline that starts with a date (``12 February 2019 — X``) accept any name: the report
says outright who it is. Every other shape accepts only names the outlet registry knows,
because the words it picks out are otherwise places, people or dates. A known outlet is returned
by its registry name, so "LSN" and "Levant State News" come out as one outlet.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from civcas.outlets import OutletRegistry

HEADER_LINES = 6  # short lines looked at under (and above) the headline
SHORT_LINE = 100  # longer lines are paragraphs: the header ends at the first one

SOURCE_LINE = re.compile(r"^\s*source\s*:\s*(?P<v>.+?)\s*$", re.I | re.M)
_SOURCE_PAREN = re.compile(r"\(\s*source\s*:\s*(?P<v>[^()\n]{2,80})\)", re.I)
_MD_LINK = re.compile(r"^\[(?P<name>[^\]]+)\]\([^)]*\)$")
_DATE_THEN_NAME = re.compile(r"^(?P<date>[^\n]{6,40}?)\s+[—–|/-]\s+(?P<v>[^\n]{2,60})$")
_SEPARATORS = re.compile(r"\s[—–-]+\s|[—–|/()\[\],;:]|\s-\s|\bby\b", re.I)
_LEAD_DATELINE = re.compile(r"^(?P<lead>[^\n]{2,60}?)\s+[—–-]{1,2}\s+\S")
_SIGN_OFF = re.compile(
    r"(?:^|[\s.])(?:[—–-]+\s*(?P<dash>[^—–\n-]{2,50})|\((?P<paren>[^()\n]{2,50})\))\.?\s*$"
)

_NAME = r"(?P<x>[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|of|for|al|the|\([A-Z][\w.]*\)))*)"
_SELF_REFERENCES = [
    re.compile(rf"\btold\s+{_NAME}"),
    re.compile(rf"{_NAME}['’]s\s+(?:reporter|correspondent|journalist|sources?)\b"),
    re.compile(rf"\b(?:[Aa]n?|[Tt]he)\s+{_NAME}\s+(?:reporter|correspondent|journalist|crew)\b"),
    re.compile(
        rf"{_NAME}\s+(?:was|is|has been)\s+(?:not|un)able\s+to\s+(?:independently\s+)?(?:verify|confirm)"
    ),
    re.compile(rf"{_NAME}\s+(?:could|can)\s*not\s+(?:independently\s+)?(?:verify|confirm)"),
    re.compile(rf"\b(?:statement|speaking|spoke)\s+to\s+{_NAME}"),
]


def find_outlet(text: str, title: str, registry: OutletRegistry | None = None) -> str | None:
    """The outlet a plain-text report credits itself to (registry name when known), or None."""
    registry = registry or OutletRegistry.default()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    header = list(_header(lines, title))
    finders: list[Callable[[], str | None]] = [
        lambda: _explicit_credit("\n".join(header), registry),
        lambda: _header_credit(header, registry),
        lambda: _lead_dateline(lines, registry),
        lambda: _explicit_credit(text, registry),
        lambda: _sign_off(lines, registry),
        lambda: _self_reference(text, registry),
    ]
    return next((found for finder in finders if (found := finder())), None)


def _canonical(name: str, registry: OutletRegistry) -> str | None:
    outlet = registry.lookup(name)
    return outlet.name if outlet else None


def _explicit_credit(text: str, registry: OutletRegistry) -> str | None:
    m = SOURCE_LINE.search(text) or _SOURCE_PAREN.search(text)
    if not m:
        return None
    value = m.group("v").strip()
    link = _MD_LINK.match(value)
    value = (link.group("name") if link else value).strip()
    return (_canonical(value, registry) or value) if value else None


def _header(lines: list[str], title: str) -> Iterator[str]:
    """The short lines round the headline (the headline itself left out, however long)."""
    for line in lines[: HEADER_LINES + 1]:
        if line == title.strip():
            continue
        if len(line) > SHORT_LINE:
            return
        yield line


def _header_credit(header: list[str], registry: OutletRegistry) -> str | None:
    from civcas.ingest import find_publication_date  # ingest imports this module

    for line in header:
        if found := _known_segment(line, registry):
            return found
        m = _DATE_THEN_NAME.match(line)
        if m and find_publication_date(m.group("date")):
            return m.group("v").strip()
    return None


def _known_segment(line: str, registry: OutletRegistry) -> str | None:
    """The first piece of a credit line (split at dashes, bars, commas, brackets, 'by') that is a known outlet."""
    for segment in _SEPARATORS.split(line):
        if segment and segment.strip() and (found := _canonical(segment.strip(" .'\""), registry)):
            return found
    return None


def _lead_dateline(lines: list[str], registry: OutletRegistry) -> str | None:
    paragraph = next((line for line in lines if len(line) > SHORT_LINE), "")
    m = _LEAD_DATELINE.match(paragraph)
    return _known_segment(m.group("lead"), registry) if m else None


def _sign_off(lines: list[str], registry: OutletRegistry) -> str | None:
    m = _SIGN_OFF.search(lines[-1]) if lines else None
    if not m:
        return None
    return _canonical((m.group("dash") or m.group("paren")).strip(), registry)


def _self_reference(text: str, registry: OutletRegistry) -> str | None:
    """The known outlet the text most often names as the one it speaks for."""
    counts: Counter[str] = Counter()
    for pattern in _SELF_REFERENCES:
        for m in pattern.finditer(text):
            if found := _longest_known_prefix(m.group("x"), registry):
                counts[found] += 1
    return counts.most_common(1)[0][0] if counts else None


def _longest_known_prefix(name: str, registry: OutletRegistry) -> str | None:
    """'Anadolu Agency (AA) yesterday' -> Anadolu Agency; tries shorter prefixes until one is known."""
    words = name.split()
    for end in range(len(words), 0, -1):
        if found := _canonical(" ".join(words[:end]), registry):
            return found
    return None
