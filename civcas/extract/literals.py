"""Cheap literal prefilters for regular expressions: skip a regex scan when the text lacks every
string the pattern needs.

`required_literals` reads the pattern's parse tree and returns strings such that any match
contains at least one of them (lower-cased); `LiteralIndex` looks for the strings of many
patterns in one Aho-Corasick pass over the folded text, which is far cheaper than running each
pattern (most start with a look-behind, tried at every position of a sentence). The test is
conservative: a pattern whose needs cannot be read has no prefilter, so gating a scan never
changes its result.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter
from typing import TypeVar

import ahocorasick

try:  # the parser behind `re`; an unknown layout only turns the prefilter off
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    _sre = _sre_parse = None

# Characters that IGNORECASE matching equates with an ASCII letter but str.lower() does not map
# to that letter ("İ" lower-cases to "i" plus a combining dot).
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def fold(text: str) -> str:
    """Lower-cased, with IGNORECASE's odd equivalents mapped to ASCII: a pattern's (lower-cased)
    literal matches somewhere in `text` only if it stands in `fold(text)`."""
    return text.translate(_FOLD).lower() if not text.isascii() else text.lower()


@functools.cache
def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased strings, one of which every match contains; None when no such set is known."""
    if _sre_parse is None:
        return None
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
        literals = _sequence(tree.data)
    except Exception:  # noqa: BLE001 - a parser layout we do not know: no prefilter
        return None
    return _minimal(literals) if literals else None


def _minimal(literals: set[str]) -> tuple[str, ...]:
    """Drop literals that contain another one: finding the shorter is enough."""
    return tuple(sorted(a for a in literals if not any(b != a and b in a for b in literals)))


def _sequence(items) -> set[str] | None:
    """The most selective literal set among the items every match of the sequence passes through."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(literals: set[str] | None) -> None:
        nonlocal best
        if literals and (best is None or _selectivity(literals) > _selectivity(best)):
            best = literals

    for op, av in items:
        if op is _sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        consider({"".join(run)} if run else None)
        run = []
        consider(_item(op, av))
    consider({"".join(run)} if run else None)
    return best


def _item(op, av) -> set[str] | None:
    if op is _sre.SUBPATTERN:
        return _sequence(av[-1].data)
    if op is _sre.ATOMIC_GROUP:
        return _sequence(av.data)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(body.data) if low >= 1 else None
    if op is _sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            literals = _sequence(branch.data)
            if not literals:
                return None  # a branch that needs nothing: the alternation needs nothing
            union |= literals
        return union
    return None


def _selectivity(literals: set[str]) -> tuple[int, int]:
    """Longer shortest literal first (rarer in text), then fewer literals."""
    return min(map(len, literals)), -len(literals)


# What a pattern source spells besides its own letters: escapes, group names, inline flags.
_NOT_LETTERS = re.compile(r"\\N\{[^}]*\}|\\.|\(\?P<\w+>|\(\?P=\w+\)")
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")


@functools.cache
def folded_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """For an IGNORECASE pattern written in lower-case ASCII letters, the same pattern without
    IGNORECASE: it matches `fold(text)` exactly where the pattern matches `text`, at the same
    offsets (fold keeps lengths), and runs several times faster, since case-sensitive matching
    skips to the letters a match can start with. None for any other pattern."""
    if not pattern.flags & re.IGNORECASE:
        return None
    letters = _NOT_LETTERS.sub("", pattern.pattern)
    if _INLINE_FLAGS.search(letters) or not all(c.isascii() and c.islower() for c in letters if c.isalpha()):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def search_folded(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, through the folded twin where there is one: the offsets and group
    names are the same, the matched strings lower-cased."""
    twin = folded_twin(pattern)
    return twin.search(fold(text)) if twin else pattern.search(text)


def finditer_folded(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, as `search_folded`."""
    twin = folded_twin(pattern)
    return twin.finditer(fold(text)) if twin else pattern.finditer(text)


T = TypeVar("T")
_UNKNOWN = 0  # stands for a pattern the index does not know (no object has id 0)


class LiteralIndex:
    """Which of many patterns may match a text, from one Aho-Corasick pass over it (remembered for
    the last few texts: the stages of one sentence ask in turn).

    Patterns are keyed by id(): hashing a compiled pattern hashes its whole program, which costs
    more than the regex search it is meant to save. The index keeps its patterns alive, so their
    ids stay theirs."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self._patterns = list(patterns)
        self._known = frozenset(map(id, self._patterns))
        self._always: frozenset[int] = frozenset()
        by_literal: dict[str, set[int]] = {}
        for pattern in self._patterns:
            literals = required_literals(pattern)
            if literals is None:
                self._always |= {id(pattern)}
            for literal in literals or ():
                by_literal.setdefault(literal, set()).add(id(pattern))
        self._automaton = ahocorasick.Automaton()
        for literal, owners in by_literal.items():
            self._automaton.add_word(literal, frozenset(owners))
        if by_literal:
            self._automaton.make_automaton()
        self._possible_ids = functools.lru_cache(maxsize=256)(self._find_possible_ids)
        self._groups: dict[int, tuple[Sequence, list[int]]] = {}

    def _find_possible_ids(self, text: str) -> set[int]:
        """Ids of the patterns that may match, and _UNKNOWN (a pattern not indexed may always match)."""
        found = {*self._always, _UNKNOWN}
        if self._automaton.kind == ahocorasick.AHOCORASICK:
            found.update(*map(itemgetter(1), self._automaton.iter(fold(text))))
        return found

    def possible(self, text: str) -> set[re.Pattern[str]]:
        """The patterns that may match `text` or any part of it; the others certainly do not."""
        ids = self._possible_ids(text)
        return {p for p in self._patterns if id(p) in ids}

    def rules_out(self, pattern: re.Pattern[str], text: str) -> bool:
        """True when `pattern` certainly does not match `text` (never for a pattern not indexed)."""
        key = id(pattern)
        return key in self._known and key not in self._possible_ids(text)

    def candidates(
        self, items: Sequence[tuple[re.Pattern[str], T]], text: str
    ) -> list[tuple[re.Pattern[str], T]]:
        """The (pattern, value) items, in order, whose pattern may match `text`: one look-up for a
        whole lexicon group instead of one per pattern."""
        group = self._groups.get(id(items))
        if group is None or group[0] is not items:  # the group is kept: its id stays its own
            if len(self._groups) >= 64:
                self._groups.clear()  # a caller passing a fresh list each time
            keys = [id(p) if id(p) in self._known else _UNKNOWN for p, _ in items]
            group = self._groups[id(items)] = (items, keys)
        return list(itertools.compress(items, map(self._possible_ids(text).__contains__, group[1])))

    def contains(self, pattern: re.Pattern[str], text: str) -> bool:
        """Whether `pattern` matches somewhere in `text`."""
        if self.rules_out(pattern, text):
            return False
        return bool(search_folded(pattern, text))

    def search(self, pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
        return None if self.rules_out(pattern, text) else pattern.search(text)

    def finditer(self, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        return iter(()) if self.rules_out(pattern, text) else pattern.finditer(text)

    def finditer_folded(self, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """`finditer`, through the folded twin: matched strings are lower-cased."""
        return iter(()) if self.rules_out(pattern, text) else finditer_folded(pattern, text)
