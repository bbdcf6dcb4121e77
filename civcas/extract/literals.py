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
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

import ahocorasick

try:  # the parser behind `re`; an unknown layout only turns the prefilter off
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sre = _sre_parse = None

# Characters that IGNORECASE matching equates with an ASCII letter but str.lower() does not map
# to that letter ("İ" lower-cases to "i" plus a combining dot).
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def fold(text: str) -> str:
    """Lower-cased, with IGNORECASE's odd equivalents mapped to ASCII: a pattern's (lower-cased)
    literal matches somewhere in `text` only if it stands in `fold(text)`."""
    global _last_fold
    last = _last_fold  # the stages of one sentence fold it in turn: the last fold is kept
    if last[0] is text:
        return last[1]
    odd = not text.isascii() and ("İ" in text or "ı" in text or "ſ" in text)
    folded = (text.translate(_FOLD) if odd else text).lower()  # a dict translate is slow: only if needed
    _last_fold = (text, folded)  # one assignment of a pair: a thread never sees half of it
    return folded


_last_fold = ("", "")


R = TypeVar("R")


def _per_pattern(function: Callable[[re.Pattern[str]], R]) -> Callable[[re.Pattern[str]], R]:
    """`functools.cache` keyed by the pattern's identity: hashing a compiled pattern hashes its whole
    program, which costs more than the regex search a prefilter saves. The cache keeps its patterns
    alive, so their ids stay theirs."""
    results: dict[int, tuple[re.Pattern[str], R]] = {}

    @functools.wraps(function)
    def cached(pattern: re.Pattern[str]) -> R:
        found = results.get(id(pattern))
        if found is None:
            found = results[id(pattern)] = (pattern, function(pattern))
        return found[1]

    return cached


@_per_pattern
def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased strings, one of which every match contains; None when no such set is known."""
    literals = cased_literals(pattern)
    return _minimal({literal.lower() for literal in literals}) if literals else None


@_per_pattern
def cased_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """`required_literals`, except that a literal from a case-sensitive part keeps its case ("IS" of
    `(?-i:\bIS\b)`): one with an upper-case letter must stand as written in the text, the others
    in the folded text."""
    literals = _read_literals(pattern, bounded=False)
    return _minimal(literals) if literals else None


@_per_pattern
def bounded_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """`cased_literals` that also spell the word boundaries around them as a space, to be looked
    for in `bounded_text`: `\bUN\b` needs " un " there, which "until" and "found" do not hold.
    Every character a literal spells that is not an ASCII word character is a space too."""
    literals = _read_literals(pattern, bounded=True)
    return _minimal({_bounded_spelling(literal) for literal in literals}) if literals else None


def _read_literals(pattern: re.Pattern[str], bounded: bool) -> set[str] | None:
    if _sre_parse is None:
        return None
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
        return _sequence(tree.data, bool(pattern.flags & re.IGNORECASE), bounded)
    except Exception:  # noqa: BLE001 - a parser layout we do not know: no prefilter
        return None


# Where a text is not an ASCII word character (a space, a mark, anything beyond ASCII), its bounded
# form has a space; it has one before and after the text too.
_WORD_BYTES = frozenset(c for c in range(128) if chr(c).isalnum() or chr(c) == "_")
_SPACE_FOR_NON_WORD = bytes(c if c in _WORD_BYTES else 32 for c in range(256))


def bounded_text(text: str) -> str:
    """The text as `bounded_literals` are looked for in it."""
    return (b" " + text.encode("ascii", "replace").translate(_SPACE_FOR_NON_WORD) + b" ").decode("ascii")


def _bounded_spelling(literal: str) -> str:
    return literal.encode("ascii").translate(_SPACE_FOR_NON_WORD).decode("ascii")


# Zero-width items that say what stands beside a literal: a word boundary, and a look-around that
# no word character may fill, before or after. They are spelled as these marks while a stretch is
# spelled out, then as a space where they tell of a non-word character next to the literal.
_BOUNDARY, _NON_WORD_BEFORE, _NON_WORD_AFTER = _MARKERS = "\x00\x01\x02"


def _bound_marker(op, av) -> str | None:
    if op is _sre.AT:
        return _BOUNDARY if av is _sre.AT_BOUNDARY else None
    if op is not _sre.ASSERT_NOT:
        return None
    direction, body = av
    if len(body.data) != 1 or body.data[0][0] is not _sre.IN:
        return None
    chars = body.data[0][1]
    if (_sre.CATEGORY, _sre.CATEGORY_WORD) not in chars or (_sre.NEGATE, None) in chars:
        return None
    return _NON_WORD_BEFORE if direction < 0 else _NON_WORD_AFTER


def _resolve_bounds(spelling: str) -> str:
    """The spelling with each run of marks made a space where it tells of a non-word character
    just before or after the spelled text, and dropped elsewhere (what stands there is spelled)."""
    parts = _MARK_RUNS.split(spelling)  # text, marks, text, ..., text
    if len(parts) == 1:
        return spelling
    before = parts[1] if not parts[0] else ""
    after = parts[-2] if not parts[-1] else ""
    text = "".join(parts[::2])
    if not text:
        return ""
    before_space = _NON_WORD_BEFORE in before or (_BOUNDARY in before and _is_word(text[0]))
    after_space = _NON_WORD_AFTER in after or (_BOUNDARY in after and _is_word(text[-1]))
    return " " * before_space + text + " " * after_space


_MARK_RUNS = re.compile(f"([{_MARKERS}]+)")


def _is_word(char: str) -> bool:
    return bool(char) and ord(char) in _WORD_BYTES


def _minimal(literals: set[str]) -> tuple[str, ...]:
    """Drop literals that contain another one: finding the shorter is enough."""
    return tuple(sorted(a for a in literals if not any(b != a and b in a for b in literals)))


# Spelling out a stretch of a pattern ("syrian? (?:army|troops)": "syria army", "syrian army", ...)
# gives longer, rarer literals than its longest plain run ("syria"), up to this many spellings.
_MAX_SPELLINGS = 128


def _sequence(items, ignore_case: bool, bounded: bool = False) -> set[str] | None:
    """The most selective literal set among the stretches every match of the sequence passes through:
    the spellings of a stretch that can be spelled out, the literals of an item that cannot."""
    best: set[str] | None = None
    run = {""}  # the spellings of the stretch just passed

    def consider(literals: set[str] | None) -> None:
        nonlocal best
        if literals and bounded:
            literals = {_resolve_bounds(spelling) for spelling in literals}
        if (
            literals
            and "" not in literals
            and (best is None or _selectivity(literals, bounded) > _selectivity(best, bounded))
        ):
            best = literals

    for op, av in items:
        spellings = _spellings(op, av, ignore_case, bounded)
        if spellings is not None and len(run) * len(spellings) <= _MAX_SPELLINGS:
            run = {a + b for a in run for b in spellings}
            continue
        consider(run)
        run = spellings or {""}
        if spellings is None:
            consider(_item(op, av, ignore_case, bounded))
    consider(run)
    return best


def _item(op, av, ignore_case: bool, bounded: bool) -> set[str] | None:
    if op is _sre.SUBPATTERN:
        return _sequence(av[-1].data, _group_ignores_case(av, ignore_case), bounded)
    if op is _sre.ATOMIC_GROUP:
        return _sequence(av.data, ignore_case, bounded)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(body.data, ignore_case, bounded) if low >= 1 else None
    if op is _sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            literals = _sequence(branch.data, ignore_case, bounded)
            if not literals:
                return None  # a branch that needs nothing: the alternation needs nothing
            union |= literals
        return union
    return None


def _spellings(op, av, ignore_case: bool, bounded: bool) -> set[str] | None:
    """Every string the item can match, when they are few and ASCII; None otherwise."""
    if op is _sre.LITERAL:
        return {_char(av, ignore_case)} if 128 > av >= len(_MARKERS) else None
    if bounded and (marker := _bound_marker(op, av)):
        return {marker}
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return {""}  # zero-width: it adds nothing to the matched text
    if op is _sre.IN:
        chars = [_char(c, ignore_case) for kind, c in av if kind is _sre.LITERAL and len(_MARKERS) <= c < 128]
        return set(chars) if len(chars) == len(av) else None
    if op is _sre.SUBPATTERN:
        return _sequence_spellings(av[-1].data, _group_ignores_case(av, ignore_case), bounded)
    if op is _sre.ATOMIC_GROUP:
        return _sequence_spellings(av.data, ignore_case, bounded)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[:2] == (0, 1):
        body = _sequence_spellings(av[2].data, ignore_case, bounded)
        return None if body is None else body | {""}
    if op is _sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            spellings = _sequence_spellings(branch.data, ignore_case, bounded)
            if spellings is None:
                return None
            union |= spellings
        return union if len(union) <= _MAX_SPELLINGS else None
    return None


def _sequence_spellings(items, ignore_case: bool, bounded: bool) -> set[str] | None:
    run = {""}
    for op, av in items:
        spellings = _spellings(op, av, ignore_case, bounded)
        if spellings is None or len(run) * len(spellings) > _MAX_SPELLINGS:
            return None
        run = {a + b for a in run for b in spellings}
    return run


def _decided_by_literals(pattern: re.Pattern[str]) -> bool:
    """Whether a text holds a match of `pattern` exactly when its folded form holds one of the
    pattern's literals: an IGNORECASE pattern with nothing zero-width that spells out to a few
    strings of ASCII word characters ("kill|dead|die[ds]")."""
    if folded_twin(pattern) is None or _ZERO_WIDTH.search(pattern.pattern) or _sre_parse is None:
        return False  # the source tells first: parsing every pattern would slow the import
    spellings = _sequence_spellings(
        _sre_parse.parse(pattern.pattern, pattern.flags).data, True, bounded=False
    )
    if not spellings:
        return False
    return all(map(_WORD_SPELLING.fullmatch, spellings))


# What a pattern source spells a zero-width item with (or a class, "[^", that may hold no such item).
_ZERO_WIDTH = re.compile(r"\\[bBAZ]|\(\?[=!<]|[$^]")
_WORD_SPELLING = re.compile(r"[a-z0-9_]+")


def _char(code: int, ignore_case: bool) -> str:
    return chr(code).lower() if ignore_case else chr(code)


def _group_ignores_case(av, ignore_case: bool) -> bool:
    """Whether a group (`(?-i:...)`, `(?i:...)` or plain) matches ignoring case."""
    _, add_flags, del_flags, _ = av
    return not del_flags & re.IGNORECASE and (ignore_case or bool(add_flags & re.IGNORECASE))


def _selectivity(literals: set[str], bounded: bool) -> tuple[int, int]:
    """Longer shortest literal first (rarer in text), then fewer literals. Bounded, the spaces at the
    ends (mostly word boundaries) do not count: " in" is no rarer than "apr"."""
    return min(len(literal.strip(" ") if bounded else literal) for literal in literals), -len(literals)


# What a pattern source spells besides its own letters: escapes, group names, inline flags.
_NOT_LETTERS = re.compile(r"\\N\{[^}]*\}|\\.|\(\?P<\w+>|\(\?P=\w+\)")
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")


@_per_pattern
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


# Unicode classes as re.ASCII spells them over ASCII text: as ranges, which join a class's bitmap
# (\w and \d are category look-ups, tried one after the other at every character a scan passes).
# ASCII's \s lacks the separators \x1c-\x1f that Unicode's \s holds: they are spelled out too.
_ASCII_CLASSES = {r"\w": "0-9A-Za-z_", r"\d": "0-9", r"\s": r" \t\n\r\x0b\x0c\x1c-\x1f"}
_CLASS_OR_ESCAPE = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]|\\.")
_ESCAPE = re.compile(r"\\.")


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` compiled with re.ASCII and its \\w, \\d and \\s spelled as ranges: over an ASCII
    text it matches exactly where `pattern` does, and runs faster."""

    def spell(token: re.Match[str]) -> str:
        if token.group().startswith("["):
            return _ESCAPE.sub(lambda e: _ASCII_CLASSES.get(e.group(), e.group()), token.group())
        inside = _ASCII_CLASSES.get(token.group())
        return f"[{inside}]" if inside else token.group()

    source = _CLASS_OR_ESCAPE.sub(spell, pattern.pattern)
    return re.compile(source, (pattern.flags & ~re.UNICODE) | re.ASCII)


def _folded_searcher(
    pattern: re.Pattern[str],
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], bool]:
    """(pattern, the pattern to run, its ASCII twin for an ASCII text, whether to run it over the folded
    text), kept by the pattern's id: the searches of a sentence go through here tens of thousands of
    times."""
    found = _searchers.get(id(pattern))
    if found is None:
        run = folded_twin(pattern) or pattern
        found = _searchers[id(pattern)] = (pattern, run, ascii_twin(run), run is not pattern)
    return found


_searchers: dict[int, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], bool]] = {}


def search_folded(pattern: re.Pattern[str], text: str, pos: int = 0) -> re.Match[str] | None:
    """`pattern.search(text, pos)`, through the folded twin where there is one (and its ASCII twin over
    an ASCII text): the offsets and group names are the same, the matched strings lower-cased."""
    _, run, ascii_run, folded = _searchers.get(id(pattern)) or _folded_searcher(pattern)
    target = fold(text) if folded else text
    return (ascii_run if target.isascii() else run).search(target, pos)


def finditer_folded(pattern: re.Pattern[str], text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos)`, as `search_folded`."""
    _, run, ascii_run, folded = _searchers.get(id(pattern)) or _folded_searcher(pattern)
    target = fold(text) if folded else text
    return (ascii_run if target.isascii() else run).finditer(target, pos)


@_per_pattern
def _widest_match(pattern: re.Pattern[str]) -> int | None:
    """The most characters one match can span; None when unbounded or unknown."""
    if _sre_parse is None:
        return None
    try:
        widest = _sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[1]
    except Exception:  # noqa: BLE001 - a parser layout we do not know: no bound
        return None
    return widest if widest <= 500 else None  # unbounded reads as MAXREPEAT (or one less)


def _automaton(bits_by_literal: dict[str, int]) -> ahocorasick.Automaton | None:
    """An Aho-Corasick automaton whose words are the literals, each valued with its owners' bits."""
    if not bits_by_literal:
        return None
    automaton = ahocorasick.Automaton()
    for literal, bits in bits_by_literal.items():
        automaton.add_word(literal, bits)
    automaton.make_automaton()
    return automaton


T = TypeVar("T")


class SharedPass:
    """One Aho-Corasick pass over a text for every LiteralIndex that joins it: indexes asked about
    the same texts (the stages of one sentence) then walk each text once, not once each. An index's
    bits stand in the pass's mask shifted past those of the indexes that joined before it."""

    def __init__(self) -> None:
        self._by_literal: dict[str, int] = {}
        self._width = 0
        self._automaton: ahocorasick.Automaton | None = None
        self.hits = functools.lru_cache(maxsize=16)(self._find_hits)

    def join(self, by_literal: dict[str, int], width: int) -> int:
        """Adds an index's folded literals, valued with its `width` bits; returns the bits' shift."""
        shift, self._width = self._width, self._width + width
        for literal, bits in by_literal.items():
            self._by_literal[literal] = self._by_literal.get(literal, 0) | bits << shift
        self._automaton = _automaton(self._by_literal)
        self.hits.cache_clear()
        return shift

    def mask(self, text: str) -> int:
        return self.hits(text)[0]

    def _find_hits(self, text: str) -> tuple[int, list[tuple[int, int]]]:
        """(the mask, and each literal found: where it ends in the bounded text, and its bits)."""
        mask = 0
        hits = []
        if self._automaton:
            for hit in self._automaton.iter(bounded_text(fold(text))):
                mask |= hit[1]
                hits.append(hit)
        return mask, hits


# The pass shared by the indexes of the patterns scanned in every sentence.
SENTENCE_PASS = SharedPass()


class LiteralIndex:
    """Which of many patterns may match a text, from one Aho-Corasick pass over it (remembered for
    the last few texts: the stages of one sentence ask in turn).

    Each pattern owns one bit; a pass over a text gives the mask of the patterns that may match, so
    each later question is one AND. Patterns are keyed by id(): hashing a compiled pattern hashes
    its whole program, which costs more than the regex search it is meant to save. The index keeps
    its patterns alive, so their ids stay theirs."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], shared: SharedPass | None = None) -> None:
        self._patterns = list(patterns)
        self._bits = {id(p): 1 << i for i, p in enumerate(self._patterns)}
        # The bit of every pattern the index does not know (or cannot prefilter): always set.
        self._always = 1 << len(self._patterns)
        by_literal: dict[str, int] = {}
        for pattern in self._patterns:
            literals = bounded_literals(pattern)
            if literals is None:
                self._always |= self._bits[id(pattern)]
            for literal in literals or ():
                by_literal[literal] = by_literal.get(literal, 0) | self._bits[id(pattern)]
        in_folded = {k: v for k, v in by_literal.items() if k == k.lower()}
        self._shared = shared
        if shared is None:
            self._in_folded = _automaton(in_folded)
        else:
            self._in_folded, self._shift = None, shared.join(in_folded, len(self._patterns))
            self._own_bits = (1 << len(self._patterns)) - 1
        # A literal with an upper-case letter comes from a case-sensitive part ("IS" of ISIS's
        # pattern): looked for as written, it does not let through every "this" and "is". Such
        # literals are few: str's own search finds them faster than a second automaton pass.
        self._as_written = [(k.strip(" "), k, v) for k, v in by_literal.items() if k != k.lower()]
        self._possible_mask = functools.lru_cache(maxsize=256)(self._find_possible_mask)
        # id(pattern) -> (bit, the pattern to run, its ASCII twin, whether over the folded text)
        self._searchers = {id(p): (self._bits[id(p)], *_folded_searcher(p)[1:]) for p in self._patterns}
        self._groups: dict[int, tuple[Sequence, list[int], int, dict[int, list]]] = {}
        # The patterns whose literals tell all: found in the pass, they match; no regex scan is needed.
        decided = [self._bits[id(p)] for p in self._patterns if _decided_by_literals(p)]
        self._decided = functools.reduce(operator.or_, decided, 0)
        # id(pattern) -> (its bit in the shared pass, its widest match) where the pass can tell where
        # a scan may start: every match holds one of the pattern's folded literals, so no match
        # starts more than the widest match before the end of the first one found.
        self._reach: dict[int, tuple[int, int]] = {}
        if shared is not None:
            for p in self._patterns:
                width = _widest_match(p)
                literals = bounded_literals(p)
                if width is not None and literals and all(k == k.lower() for k in literals):
                    self._reach[id(p)] = (self._bits[id(p)] << self._shift, width)

    def _find_possible_mask(self, text: str) -> int:
        """The bits of the patterns that may match (a pattern not indexed may always match)."""
        mask = self._always
        if self._shared:
            mask |= (self._shared.mask(text) >> self._shift) & self._own_bits
        elif self._in_folded:
            for _, bits in self._in_folded.iter(bounded_text(fold(text))):
                mask |= bits
        for bare, literal, bits in self._as_written:
            if bare in text and literal in bounded_text(text):  # mostly absent: test it bare
                mask |= bits
        return mask

    def possible(self, text: str) -> set[re.Pattern[str]]:
        """The patterns that may match `text` or any part of it; the others certainly do not."""
        mask = self._possible_mask(text)
        return {p for p in self._patterns if mask & self._bits[id(p)]}

    def rules_out(self, pattern: re.Pattern[str], text: str) -> bool:
        """True when `pattern` certainly does not match `text` (never for a pattern not indexed)."""
        bit = self._bits.get(id(pattern))
        return bit is not None and not self._possible_mask(text) & bit

    def candidates(
        self, items: Sequence[tuple[re.Pattern[str], T]], text: str
    ) -> list[tuple[re.Pattern[str], T]]:
        """The (pattern, value) items, in order, whose pattern may match `text`: one look-up for a
        whole lexicon group instead of one per pattern (kept by the group's bits that are set)."""
        group = self._groups.get(id(items))
        if group is None or group[0] is not items:  # the group is kept: its id stays its own
            group = self._group(items)
        _, bits, group_mask, chosen_by_mask = group
        mask = self._possible_mask(text) & group_mask
        chosen = chosen_by_mask.get(mask)
        if chosen is None:
            chosen = chosen_by_mask[mask] = [
                item for item, bit in zip(items, bits, strict=True) if mask & bit
            ]
        return list(chosen)

    def _group(self, items: Sequence[tuple[re.Pattern[str], T]]) -> tuple:
        if len(self._groups) >= 64:
            self._groups.clear()  # a caller passing a fresh list each time
        bits = [self._bits.get(id(p), self._always) for p, _ in items]
        group = self._groups[id(items)] = (items, bits, functools.reduce(operator.or_, bits, 0), {})
        return group

    def scan_start(self, pattern: re.Pattern[str], text: str) -> int:
        """Where a scan of `text` for `pattern` may start: no match starts before (0 when the pass
        cannot tell). A regex scan tries every position; the literals are found in one pass anyway."""
        reach = self._reach.get(id(pattern))
        if reach is None or self._shared is None:
            return 0
        bit, width = reach
        for end, bits in self._shared.hits(text)[1]:
            if bits & bit:
                # `end` is the literal's last character in the bounded text (one longer in front)
                return max(0, end - 1 - width)
        return 0

    def contains(self, pattern: re.Pattern[str], text: str) -> bool:
        """Whether `pattern` matches somewhere in `text`."""
        searcher = self._searchers.get(id(pattern))
        if searcher is None:
            return bool(search_folded(pattern, text))
        bit, run, ascii_run, folded = searcher
        if not self._possible_mask(text) & bit:
            return False  # a cheap literal check first: most texts hold none of a pattern's literals
        if self._decided & bit:
            return True
        target = fold(text) if folded else text
        return (ascii_run if target.isascii() else run).search(
            target, self.scan_start(pattern, text)
        ) is not None

    def decides(self, pattern: re.Pattern[str]) -> bool:
        """Whether the literal pass alone tells if `pattern` matches a text."""
        return bool(self._decided & self._bits.get(id(pattern), 0))

    def search(self, pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
        if self.rules_out(pattern, text):
            return None
        return pattern.search(text, self.scan_start(pattern, text))

    def finditer(self, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        if self.rules_out(pattern, text):
            return iter(())
        return pattern.finditer(text, self.scan_start(pattern, text))

    def search_folded(self, pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
        """`search`, through the folded twin: matched strings are lower-cased."""
        if self.rules_out(pattern, text):
            return None
        return search_folded(pattern, text, self.scan_start(pattern, text))

    def finditer_folded(self, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """`finditer`, through the folded twin: matched strings are lower-cased."""
        if self.rules_out(pattern, text):
            return iter(())
        return finditer_folded(pattern, text, self.scan_start(pattern, text))
