"""Casualty figures in a sentence: which number counts whom, and whether dead or wounded."""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from civcas.extract import lexicon as lx
from civcas.extract.dates import MONTH_NAMES, MONTHS
from civcas.extract.literals import fold, folded_twin, required_literals
from civcas.extract.numbers import HEDGES_BEFORE, Number, find_numbers


def _lower_case(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The case-sensitive twin of a lexicon pattern, to run on the folded sentence."""
    twin = folded_twin(pattern)
    if twin is None:
        raise ValueError(f"no lower-case twin for {pattern.pattern[:60]!r}")
    return twin


# The sentence is folded once (fold keeps offsets) and the patterns below run on the folded copy:
# written in lower case, or the lexicon's IGNORECASE patterns through their lower-case twins, which
# run several times faster.
_KILLED_BEFORE = _lower_case(lx.KILLED_BEFORE)
_TOLL_BEFORE = _lower_case(lx.TOLL_BEFORE)
_INJURED_BEFORE = _lower_case(lx.INJURED_BEFORE)
_LUMPED_BEFORE = _lower_case(lx.LUMPED_BEFORE)
_LUMPED = _lower_case(lx.LUMPED)
_KILLED = _lower_case(lx.KILLED_RE)
_INJURED = _lower_case(lx.INJURED_RE)

# Units and dates after a number, and parts of a count already given ("15 of the wounded"): one
# pattern, one match per number.
_NON_CASUALTY_AFTER = re.compile(
    r"\s*(?:-year|-month|-day|-km|%|percent|per cent|km|kilomet|miles?|metres?|meters?|years?|year-old|months?|weeks?|days?|hours?|"
    r"minutes?|times|o'clock|am\b|pm\b|air ?strikes|raids|rockets|shells|missiles|barrels?|buildings|"
    r"houses|homes|villages|towns|tons|tonnes|dollars|million|billion|kg|sorties|strikes|attacks|"
    r"vehicles|trucks|car[- ]bombs?|cars|bombs|blasts|explosions|mortars|(?:suicide )?bombers|warplanes|jets|"
    r"helicopters|famil(?:y|ies)\b(?!\s+members)|(?:of|out of) (?:the|those|them|whom)\b)"
)
# Months before a day ("Jan. 5", "March 12") are written in full or short; after one ("5 March"), in full.
_MONTHS = MONTH_NAMES
_MONTHS_FULL_OR_SHORT = tuple(MONTHS)
_INCLUDING = re.compile(
    r"\b(?:including|includ(?:ed|es)|among them|among whom|of whom|of them|most of them)\b[^.]*$"
)


# "Get short URL 4016 At least 12 civilians were killed": a bare number right before another, with
# no "and" or comma between them, shares nothing with it.
_JUXTAPOSED = re.compile(r"\s*(?:(?:another|at least)\s+)?", re.I)
_COORDINATED = re.compile(
    r"(?:\s+(?:of|from)\s+(?:the\s+same|one|a\s+single|a)\s+family)?"  # "Five civilians of one family including"
    r"[\s,(]*(?:and|including|among them|of whom|among whom|among|with)?[\s,]*(?:another\s+|at least\s+)?",
    re.I,
)
# "120 soldiers and pro-regime militiamen and several dozen Kurdish fighters were killed": more people
# of the same count, then another number sharing the verb.
_NOUN_THEN_AND = re.compile(r"(?:\s+and)?(?:\s+[\w'-]+){1,3}\s+and\s+", re.I)


def _more_people_then_and(between: str) -> bool:
    words = [w for w in between.lower().split() if w != "and"]
    return bool(_NOUN_THEN_AND.fullmatch(between)) and all(
        w in lx.PERSON_NOUNS or w in lx.NOUN_MODIFIERS for w in words
    )


# "30 members of the regime troops": fighters, not people in general
_MEMBERS_OF_ARMED = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?(?:troops|forces|army|militias?|armed groups?|security forces)\b",
    re.I,
)
_NEXT_OUTCOME_WORD = re.compile(
    rf"\s+(?:(?P<injured>injured|wounded|hurt)|killed|dead)\b(?!\s+(?:and|or|&)\s|,?\s+(?:injured|wounded)\b(?!{lx.COUNT_AFTER}))"
)
# "14 people were killed 25 were wounded" (its comma lost): a count with a verb of its own is not
# the object of the verb before it.
_OWN_OUTCOME_NEXT = re.compile(
    r"\s+(?:were|was|have been|had been)\s+(?:(?:also|reportedly|seriously|critically|lightly)\s+)?"
    r"(?:(?P<injured>injured|wounded|hurt)|killed)\b(?!\s+(?:and|or|&)\s)"
)
# "175 Nusra Terrorists Killed Injured" (a headline, its comma lost): one count of both
_LUMPED_NEXT = re.compile(
    rf"\s+(?:killed|dead)(?:\s+(?:and|or|&)|,)?\s+(?:injured|wounded)\b(?!{lx.COUNT_AFTER})"
)
_THE_DEAD = ("dead", "killed", "martyrs", "bodies")  # "6 Lebanese martyrs": the count names the dead
# "88 killed & injured", "175 killed, injured"
_AND_INJURED_NEXT = re.compile(rf"(?:\s+(?:and|or|&)|,)?\s+(?:injured|wounded|hurt)\b(?!{lx.COUNT_AFTER})")
_AGE = re.compile(r"\d+-(?:years?|months?)-old", re.I)
# "a woman and her three children", "a man and his young daughter": one group of civilians, counted whole.
_FAMILY = re.compile(
    r"\b(?:an?|one)\s+(?P<adult>woman|mother|man|father)\s+and\s+(?:(?:her|his|their)\s+"
    r"(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+)?(?P<young>young\s+|little\s+|infant\s+)?"
    r"(?P<kin>children|child|kids|babies|baby|sons|son|daughters|daughter)|"
    # "a woman and child": one, with no possessive
    r"(?P<one_kin>child|baby|infant|son|daughter))\b",
    re.I,
)
_FAMILY_FOLDED = _lower_case(_FAMILY)
# What the family pattern needs besides "and", which nearly every sentence holds: a parent word and
# a possessive or a lone child ("woman" holds "man").
_FAMILY_WORDS = (
    ("man", "mother", "father"),
    ("her", "his", "their", "and child", "and baby", "and infant", "and son", "and daughter"),
)


def _may_name_a_family(folded: str) -> bool:
    return all(any(word in folded for word in words) for words in _FAMILY_WORDS)


def _may_match(pattern: re.Pattern[str]):
    """A cheap literal check for `pattern` on the folded sentence: most sentences hold none of its
    few literals, and str's own search finds those faster than a regex scan or an Aho-Corasick pass."""
    literals = required_literals(pattern)
    if literals is None:
        return lambda folded: True
    return lambda folded: any(literal in folded for literal in literals)


_MAY_SAY_NONE = _may_match(lx.NO_CASUALTIES)


def _may_give_a_toll(folded: str) -> bool:
    """Every match of TOLL_BEFORE holds "toll" (its literals, fifty spellings of "raised the", do not
    share it, so _may_match would test each)."""
    return "toll" in folded


class FigureMention(NamedTuple):  # a tuple: built by the thousand, a third of a frozen dataclass's cost
    path: str  # e.g. killed.civilians
    value: int
    approx: bool
    start: int  # offsets into the sentence
    end: int
    number_start: int
    subordinate: bool  # a breakdown of a preceding figure ("including 9 children")


def find_figures(sentence: str) -> list[FigureMention]:
    folded = fold(sentence)
    none = lx.NO_CASUALTIES.search(sentence) if _MAY_SAY_NONE(folded) else None
    if none:
        s, e = none.span()
        return [FigureMention(path, 0, False, s, e, s, False) for path in ("killed.total", "injured.total")]
    families = list(_FAMILY_FOLDED.finditer(folded)) if _may_name_a_family(folded) else []
    numbers = [n for n in find_numbers(sentence) if not _is_date_or_unit(sentence, folded, n)]
    if families:  # most sentences name none: their numbers stand in text order already
        numbers = sorted(
            [n for n in numbers if not any(f.start() <= n.start < f.end() for f in families)]
            + [_family_count(f) for f in families],
            key=lambda n: n.start,
        )
    nouns = [("civilians", n.end) if n.kind == "family" else _noun_after(sentence, n) for n in numbers]
    _share_right_noun(sentence, numbers, nouns)
    outcomes: list[str | None] = [None] * len(numbers)
    for i, n in enumerate(numbers):
        if n.kind == "one" and (nouns[i] is None or _OF_BEFORE.search(folded[max(0, n.start - 6) : n.start])):
            continue  # "the death toll of a terrorist attack": an article, not a count
        outcomes[i] = _outcome(sentence, folded, numbers, i, nouns, outcomes)
    found = [
        _mention(folded, n, nouns[i], outcome)
        for i, n in enumerate(numbers)
        if (outcome := outcomes[i]) and (nouns[i] is not None or n.kind not in ("one",))
    ]
    found = _others_added(
        sentence, _more_of_the_same_kind(sentence, _parts_among(sentence, _parts_of_a_whole(found)))
    )
    found = _counts_of_one_kind_added(sentence, found)
    return found + [
        part for f in found for m in families if f.start == m.start() for part in _family_parts(f, m)
    ]


_AND_BETWEEN = re.compile(rf"\s*,?\s*and\s+(?:(?:another|{'|'.join(HEDGES_BEFORE)})\s+)?", re.I)


def _parts_of_a_whole(found: list[FigureMention]) -> list[FigureMention]:
    """A count after "including" is a part of the last count before it that is none, if it shares that
    count's outcome: "five were killed, including two children, and 12 were wounded" (the wounded
    are a count of their own)."""
    out = []
    whole = None
    for f in found:
        if f.subordinate and whole is not None and whole.path.split(".")[0] != f.path.split(".")[0]:
            f = f._replace(subordinate=False)
        if not f.subordinate:
            whole = f
        out.append(f)
    return out


def _parts_among(sentence: str, found: list[FigureMention]) -> list[FigureMention]:
    """ "Two medics were among at least 31 people killed": a count of the same kind as the one it is
    among is a part of it, not the toll."""
    out = list(found)
    for i, (a, b) in enumerate(itertools.pairwise(found)):
        if a.path == b.path and _AMONG_THE_NEXT.fullmatch(sentence, a.end, b.number_start):
            out[i] = a._replace(subordinate=True)
    for i, f in enumerate(out):
        if " among " in sentence[f.end : f.end + 25] and _AMONG_THE_COUNTED.match(sentence, f.end):
            out[i] = f._replace(subordinate=True)  # "three students were among the injured": a part of a toll
    return out


def _others_added(sentence: str, found: list[FigureMention]) -> list[FigureMention]:
    """ "Five children and four medical staff were killed": the dead of another kind, counted beside a
    category, are the rest of the dead; the total is both counts."""
    out = list(found)
    for i, (a, b) in enumerate(itertools.pairwise(found)):
        both_killed = a.path.startswith("killed.") and b.path.startswith("killed.") and a.path != b.path
        if a.subordinate or b.subordinate or not both_killed or "killed.total" not in (a.path, b.path):
            continue
        if _AND_BETWEEN.fullmatch(sentence, a.end, b.number_start):
            j = i if a.path == "killed.total" else i + 1
            out[j] = out[j]._replace(value=a.value + b.value, approx=a.approx or b.approx)
    return out


def _counts_of_one_kind_added(sentence: str, found: list[FigureMention]) -> list[FigureMention]:
    """ "at least 45 Islamic State militants and 20 Kurdish militia fighters had been killed": two counts
    of one kind, joined, are one count of both (the second then stands as a part of it)."""
    out = list(found)
    for i, (a, b) in enumerate(itertools.pairwise(found)):
        if (
            a.path == b.path
            and a.path.startswith("killed.")
            and not (a.subordinate or b.subordinate or out[i].subordinate)
            and _AND_BETWEEN.fullmatch(sentence, a.end, b.number_start)
            and not sentence[max(0, a.number_start - 8) : a.number_start].lower().endswith("between ")
        ):  # "between 500 and 1300 people died": a range, whose low end is the count (GOLD_FORMAT)
            out[i] = a._replace(value=a.value + b.value, approx=a.approx or b.approx)
            out[i + 1] = b._replace(subordinate=True)
    return out


def _more_of_the_same_kind(sentence: str, found: list[FigureMention]) -> list[FigureMention]:
    """ "15 civilians were killed in Manbij while six others were killed in a village near the city": the
    others killed after a count of civilians, in a clause of their own, are more civilians ("five
    civilians and four others", one count, is _others_added's)."""
    out = list(found)
    for i, (a, b) in enumerate(itertools.pairwise(found)):
        if (
            a.path == "killed.civilians"
            and b.path == "killed.total"
            and not (a.subordinate or b.subordinate)
            and sentence[b.number_start : b.end].lower().endswith(" others")
            and not _AND_BETWEEN.fullmatch(sentence, a.end, b.number_start)
        ):
            out[i + 1] = b._replace(path="killed.civilians")
    return out


def _family_count(m: re.Match[str]) -> Number:
    kin = find_numbers(m.group("n"))[0].value if m.group("n") else 1
    return Number(1 + kin, False, m.start(), m.end(), "family")


def _family_parts(whole: FigureMention, m: re.Match[str]) -> list[FigureMention]:
    outcome = whole.path.split(".")[0]
    kin = whole.value - 1
    parts = []
    if m.group("adult").lower() in ("woman", "mother"):
        parts.append(FigureMention(f"{outcome}.women", 1, False, m.start(), m.end(), m.start(), True))
    kin_word = (m.group("kin") or m.group("one_kin")).lower()
    if m.group("young") or kin_word in ("children", "child", "kids", "babies", "baby", "infant"):
        parts.append(FigureMention(f"{outcome}.children", kin, False, m.start(), m.end(), m.start(), True))
    return parts


_AND_A_FEW_WORDS = re.compile(r"\s*(?:and|,|or)\s+(?:[\w-]+\s+){0,2}")
_MODIFIERS_THEN_AND = re.compile(
    r"\s+(?P<modifiers>[\w-]+(?:\s+[\w-]+)?)\s*(?:and|,|or)\s+(?:[\w-]+\s+){0,2}"
)
_A_PART_NEXT = re.compile(r"\b(?:including|among|of whom|of them)\b", re.I)
# "86 dead, 30 of them children": a part of the count before, named after it.
_OF_THEM_AFTER = re.compile(r"\s+(?:of them|of whom)\b", re.I)
# The people a part names ("30 of them children"), not its outcome ("scores of them were killed").
_PART_NOUNS = [w for w in lx.PERSON_NOUNS if w not in ("dead", "killed", "casualties", "wounded", "injured")]
_MIXED_NEXT = re.compile(r"\s+(?:or|and)\s", re.I)  # "6 of them women or children": no one category
_PART_NAMED_AFTER = re.compile(
    rf"\s+(?:of them|of whom)\s+(?:were\s+|are\s+)?(?P<noun>{'|'.join(sorted(_PART_NOUNS, key=len, reverse=True))})\b",
    re.I,
)


def _share_right_noun(sentence: str, numbers: list[Number], nouns: list) -> None:
    """ "killed 28 and wounded 30 militants": the first number counts militants too (not "rose to 86,
    including 30 children": the children are a part of the 86)."""
    for i in range(len(numbers) - 2, -1, -1):
        if nouns[i] is None and nouns[i + 1] is not None:
            between = sentence[numbers[i].end : numbers[i + 1].start]
            if _A_PART_NEXT.search(between):
                continue
            if _AND_A_FEW_WORDS.fullmatch(between):
                nouns[i] = (nouns[i + 1][0], numbers[i].end)
            elif (m := _MODIFIERS_THEN_AND.fullmatch(between)) and all(
                w.lower() in lx.NOUN_MODIFIERS for w in m["modifiers"].split()
            ):
                nouns[i] = (
                    nouns[i + 1][0],
                    numbers[i].end + m.end("modifiers"),
                )  # "30 regime and 39 rebel fighters"


def _mention(folded: str, n: Number, noun: tuple[str, int] | None, outcome: str) -> FigureMention:
    category = noun[0] if noun else "total"
    if outcome == "injured" or (outcome == "killed_or_injured" and category not in ("total", "civilians")):
        category = "total" if outcome == "injured" else category
    end = noun[1] if noun else n.end
    subordinate = _follows_including(folded[max(0, n.start - 60) : n.start]) or bool(
        _OF_THEM_AFTER.match(folded, n.end)
    )
    return FigureMention(f"{outcome}.{category}", n.value, n.approx, n.start, end, n.start, subordinate)


def _follows_including(before: str) -> bool:
    """`before` (folded) holds "including", "among them", "of whom" ... (a cheap literal check first:
    most numbers follow none of them, and the regex is tried at every position of the window)."""
    may = "includ" in before or "among " in before or "of whom" in before or "of them" in before
    including = _INCLUDING.search(before) if may else None
    # "Five civilians including a child were killed and dozens injured": the clause ended at its verb
    return including is not None and not _OUTCOME_VERB.search(before, including.start())


_OUTCOME_VERB = re.compile(
    rf"\b(?:were|was|are|is|have been|has been|had been)\s+(?:(?:also\s+)?among|{lx.KILLED}|{lx.INJURED})\b"
)
_AMONG_THE_COUNTED = re.compile(
    r"\s+(?:were|was)\s+(?:also\s+)?among\s+the\s+(?:dead|killed|victims|injured|wounded|casualties)\b", re.I
)
_AMONG_THE_NEXT = re.compile(
    rf"(?:\s+including\s+(?:an?|one|two|three|four|five|\d+)\s+\w+)?\s+(?:were|was)\s+(?:also\s+)?among\s+"
    rf"(?:the\s+)?(?:(?:{'|'.join(HEDGES_BEFORE)})\s+)?",
    re.I,
)


_OF_BEFORE = re.compile(r"\bof\s+$")
# "Those killed included six women", "among the dead were two children": parts of the dead (or the
# wounded) just counted, named after them.
_THE_COUNTED_BEFORE = re.compile(
    r"\b(?:those|the|among the) (?:killed|dead|deceased|fatalities|slain|(?P<injured>injured|wounded)) "
    r"(?:were|are|included|include|includes)\s*$"
)
_COUNTED_BEFORE_LAST_WORDS = ("were", "are", "included", "include", "includes")


def _is_date_or_unit(sentence: str, folded: str, n: Number) -> bool:
    if _NON_CASUALTY_AFTER.match(folded, n.end) and not _PART_NAMED_AFTER.match(folded, n.end):
        return True
    if n.kind != "digits":
        return False
    if folded[n.start] == "0" and n.end - n.start > 1:
        return True  # "016", "07": a code, a clipped year or an hour, never a count
    if _ends_with_month(folded[max(0, n.start - 12) : n.start]):
        return True
    if folded[n.end : n.end + 12].lstrip().startswith(_MONTHS):
        return True
    return 1900 <= n.value <= 2099 and not sentence[n.end : n.end + 12].lstrip().startswith(
        ("people", "civilians")
    )


def _ends_with_month(before: str) -> bool:
    """`before` ends with a month name, a full stop perhaps, and spaces ("Jan. ")."""
    before = before.rstrip()
    return (before[:-1] if before.endswith(".") else before).endswith(_MONTHS_FULL_OR_SHORT)


_NEXT_WORD = re.compile(r"\s*(?:of\s+)?([\w'’-]+)")
_POSSESSIVES = frozenset(("his", "their", "its", "her", "our"))
_MEMBER_AFTER = re.compile(r"\s+members?\b", re.I)
# "12 Daesh members", "five army members": fighters, not people in general
_ARMED_MODIFIERS = frozenset(
    (
        "isis",
        "isil",
        "daesh",
        "nusra",
        "al-nusra",
        "sdf",
        "ypg",
        "fsa",
        "hezbollah",
        "militia",
        "jihadist",
        "army",
    )
)
_WOMEN_OR_CHILDREN = frozenset(("women", "children"))
_AND_THE_OTHER = re.compile(r"\s+(?:and|or|&)\s+(?:women|children)\b", re.I)
_BODY_AFTER = re.compile(
    r"\s+(?:groups?|organi[sz]ations?|factions?|movements?|alliances?|brigades?|positions?|strongholds?|bastions?|"
    r"attacks?|car|bombs?|bombings?|rockets?|shells?|shelling|mortars?|offensive|assault|fire|ambush|cells?|"
    r"explosions?|blasts?|vehicles?|tanks?|hideouts?|dens|headquarters|bases?|gatherings?|fortifications?|"
    r"checkpoints?|tunnels?)\b",
    re.I,
)  # "a jihadist group", "a terrorist car bomb attack", "two terrorist explosions": a body, an attack or a site


def _noun_after(sentence: str, n: Number) -> tuple[str, int] | None:
    """The casualty noun the number counts, allowing a few modifiers in between ("30 of them children":
    the noun after "of them")."""
    pos = n.end
    armed_modifier = False
    if n.kind != "one" and (part := _PART_NAMED_AFTER.match(sentence, pos)):  # "five of them were civilians"
        return (
            None
            if _MIXED_NEXT.match(sentence, part.end())
            else (lx.PERSON_NOUNS[part["noun"].lower()], part.end())
        )
    for _ in range(4):
        m = _NEXT_WORD.match(sentence, pos)
        if not m:
            return None
        word = m.group(1).lower()
        if word in lx.PERSON_NOUNS and not (n.kind == "one" and word in ("dead", "killed", "casualties")):
            armed = _MEMBERS_OF_ARMED.match(sentence, m.end()) if word == "members" else None
            if armed:
                return "combatants", armed.end()
            if armed_modifier and word == "members":
                return "combatants", m.end()  # "12 Daesh members"
            if word in _WOMEN_OR_CHILDREN and (pair := _AND_THE_OTHER.match(sentence, m.end())):
                return "total", pair.end()  # "eight women and children": neither count alone
            member = _MEMBER_AFTER.match(sentence, m.end())  # "a staff member", "two crew members"
            if member is None and _BODY_AFTER.match(sentence, m.end()):
                return None  # "a jihadist group", "two rebel factions": the word names a body, not people
            return lx.PERSON_NOUNS[word], member.end() if member else m.end()
        # "34 of his comrades", "five of their children": the people counted follow the possessive ("15 of
        # the wounded" is a part of a count given before: _NON_CASUALTY_AFTER)
        possessive = word in _POSSESSIVES and m.group(0).lstrip().lower().startswith("of")
        if (word not in lx.NOUN_MODIFIERS and not _AGE.fullmatch(word) and not possessive) or (
            n.kind == "one" and _ > 0
        ):
            return None
        armed_modifier = armed_modifier or word in _ARMED_MODIFIERS
        pos = m.end()
    return None


def _outcome(sentence: str, folded: str, numbers: list[Number], i: int, nouns, outcomes) -> str | None:
    n = numbers[i]
    noun = nouns[i]
    head_end = noun[1] if noun else n.end
    words_after = sentence[n.end : head_end].lower().split() if noun else None
    word_after = words_after[-1] if words_after else None
    if word_after in _THE_DEAD:
        return "killed_or_injured" if _AND_INJURED_NEXT.match(folded, head_end) else "killed"
    if word_after == "casualties":
        return "killed_or_injured"
    # "left 25 people wounded", "40 Civilians Killed 100 Injured": the word right after the count decides
    next_word = _NEXT_OUTCOME_WORD.match(folded, head_end)
    if (
        next_word
        and not _LUMPED_NEXT.match(folded, head_end)
        and not _verb_of_the_next_count(folded, n, next_word)
    ):
        return "injured" if next_word.group("injured") else "killed"
    if not noun and (own := _OWN_OUTCOME_NEXT.match(folded, head_end)):
        return "injured" if own.group("injured") else "killed"
    before = _strip_approx(folded[max(0, n.start - 40) : n.start])
    verb_before = before.rstrip().endswith(_OUTCOME_BEFORE_LAST_WORDS)
    if verb_before and _LUMPED_BEFORE.search(before):
        return "killed_or_injured"
    if verb_before and _INJURED_BEFORE.search(before):
        return "injured"
    killed_before = _KILLED_BEFORE.search(before) if verb_before else None
    if killed_before and not noun and "elimin" in killed_before.group():
        return None  # "eliminated a number of gatherings", "eliminated five positions": no one counted
    if killed_before or (
        _may_give_a_toll(folded)
        and _TOLL_BEFORE.search(_strip_approx(folded[max(0, n.start - 200) : n.start]))
    ):
        return "killed"
    if before.rstrip().endswith(_COUNTED_BEFORE_LAST_WORDS) and (
        counted := _THE_COUNTED_BEFORE.search(before)
    ):
        return "injured" if counted.group("injured") else "killed"  # "those killed included six women"
    if i and outcomes[i - 1] and _OF_THEM_AFTER.match(folded, n.end):
        return outcomes[i - 1]  # "risen to 86, 30 of them children"
    if _part_right_after_its_whole(folded, numbers, i, outcomes) and not _outcome_ahead(
        sentence, numbers, i, head_end
    ):
        return outcomes[i - 1]  # "five were killed including two children and 12 were wounded": dead children
    forward = _forward_outcome(sentence, numbers, i, head_end, max_words=12 if noun else 3, people=bool(noun))
    if forward:
        return forward
    if _OWN_PREDICATE.match(folded, head_end):
        return None  # "six people died and over 10 people have been hospitalized": a verb of their own
    return _inherited(sentence, numbers, i, outcomes)


def _outcome_ahead(sentence: str, numbers: list[Number], i: int, head_end: int) -> bool:
    """Whether an outcome word follows the count before the next number ("nine others were injured")."""
    stop = numbers[i + 1].start if i + 1 < len(numbers) else len(sentence)
    window = sentence[head_end : min(stop, head_end + 90)]
    if stop <= head_end + 90 and _VERB_OF_THE_NEXT.search(_strip_approx(fold(window))):
        return False  # "... and wounded 30 others": the verb of the count after it
    return _outcome_in(_first_words(window, 9)) is not None


_VERB_OF_THE_NEXT = re.compile(
    rf"\b(?:{lx.KILLED}|{lx.INJURED}|kill(?:s|ing)?|wound(?:s|ing)?|injur(?:es?|ing)|leaving|left)\s+$"
)


_NEXT_IN_A_LIST = re.compile(r"(?:\s+[\w'-]+){0,2}(?:\s*,)?\s+and\s+|(?:\s+[\w'-]+){0,2}\s*,\s*")
# Between a count and a part of it named right after it: the count's noun and verb, then "including".
_THEN_INCLUDING = re.compile(r"(?:[\s,]+[\w'-]+){0,5}[\s,(-]*(?:including|among them|of whom|among whom)\s+")


def _part_right_after_its_whole(folded: str, numbers: list[Number], i: int, outcomes) -> bool:
    """ "Five people were killed including two children": the part shares the outcome of the count it
    is a part of, whatever a count after it underwent ("... and 12 were wounded")."""
    if i == 0 or outcomes[i - 1] is None:
        return False
    between = folded[numbers[i - 1].end : numbers[i].start]
    may = "includ" in between or " of whom" in between or " among " in between  # a cheap check first
    if may and _THEN_INCLUDING.fullmatch(_strip_approx(between)):
        return True
    # "among them a child and two women": the next part of the same list
    return bool(_NEXT_IN_A_LIST.fullmatch(between)) and _part_right_after_its_whole(
        folded, numbers, i - 1, outcomes
    )


def _verb_of_the_next_count(folded: str, n: Number, next_word: re.Match[str]) -> bool:
    """ "Attacks Kill 10 Civilians Injured Dozens": the outcome word after the count is the verb of
    the count after it, when a verb stands before the count too ("40 Civilians Killed 100 Injured"
    has none: there the word after each count is its own)."""
    if not _COUNT_NEXT.match(folded, next_word.end()):
        return False
    before = _strip_approx(folded[max(0, n.start - 40) : n.start])
    return before.rstrip().endswith(_OUTCOME_BEFORE_LAST_WORDS) or before.rstrip().endswith(("kill", "kills"))


_COUNT_NEXT = re.compile(lx.COUNT_AFTER)
# "... and saw dozens suffering respiratory problems", "hundreds missing": counts of another fate
_OWN_PREDICATE = re.compile(
    r"\s+(?:were|was|are|is|have been|has been|had been|suffering|suffered|affected|missing|trapped|displaced|"
    r"arrested|detained|abducted|kidnapped)\s"
)


# The words that end a match of the outcome patterns before a number (each ends in \s*$): most
# numbers follow none, and one endswith test rules out all three regex searches, each of which is
# tried at every position of the window.
_OUTCOME_BEFORE_LAST_WORDS = (
    *("kill", "kills", "killed", "killing", "left", "leaving", "hit", "was", "is", "of", "to", "at"),
    *("surpasses", "surpassed", "reaches", "reached", "exceeds", "exceeded", "executed", "executing"),
    *(
        "beheaded",
        "beheading",
        "decapitated",
        "massacred",
        "slaughtered",
        "slaughter",
        "martyring",
        "crucified",
        "eliminated",
        "eliminating",
    ),
    *("wound", "wounding", "wounded", "injure", "injuring", "injured", "hurting"),
)

# "killing another 12", "killed a confirmed 33 militants": words between the verb and its count
_HEDGES = (*HEDGES_BEFORE, "another", "a confirmed", "a reported", "an additional", "a staggering")
_HEDGE_AT_END = re.compile(rf"(?:{'|'.join(_HEDGES)})$")


def _strip_approx(before: str) -> str:
    """`before` (folded) without the hedge that ends it."""
    before = before.rstrip()
    if before.endswith(_HEDGES):  # a cheap literal check first: most numbers follow no hedge
        before = _HEDGE_AT_END.sub("", before).rstrip()
    return before + " "


_CLAUSE_END = re.compile(r"[;:]|\bwhile\b|\bwhen\b|\bafter\b|\bbut\b|\bwho\b|\bwhich\b")
_CLAUSE_END_LITERALS = (";", ":", "while", "when", "after", "but", "who", "which")


def _forward_outcome(
    sentence: str, numbers: list[Number], i: int, head_end: int, max_words: int = 9, people: bool = False
) -> str | None:
    """Outcome verb after the counted noun, before the next number: "12 civilians were killed".
    With `people` (the count names whom it counts), "who ..." right after them may say it too."""
    j = _next_count(sentence, numbers, i)
    stop = numbers[j].start if j < len(numbers) else len(sentence)
    window = sentence[head_end : min(stop, head_end + 90)]
    who = None
    if any(literal in window for literal in _CLAUSE_END_LITERALS):  # a cheap literal check first
        end = _CLAUSE_END.search(window)
        if end:
            window, who = window[: end.start()], head_end + end.end() if end.group() == "who" else None
    outcome = _outcome_in(_first_words(window, max_words))
    if (
        outcome is None
        and who is not None
        and people
        and numbers[i].kind != "one"
        and not _names_people(window)
    ):
        outcome = _outcome_after_relative_clause(sentence[who : _next_count_start(sentence, numbers, i)])
    if outcome is not None:
        return outcome
    between = sentence[head_end:stop]
    if j < len(numbers) and _AMONG_THE_NEXT.fullmatch(between):
        # "Six civilians were among at least 22 people killed": the part shares the whole's outcome
        return _forward_outcome(sentence, numbers, j, _head_end(sentence, numbers[j]))
    bare = head_end == numbers[i].end  # no noun counted
    coordinated = _COORDINATED.fullmatch(between) and not (bare and _JUXTAPOSED.fullmatch(between))
    if j < len(numbers) and (coordinated or _more_people_then_and(between)):
        return _forward_outcome(sentence, numbers, j, _head_end(sentence, numbers[j]))
    return None


def _next_count(sentence: str, numbers: list[Number], i: int) -> int:
    """The index of the next number after numbers[i] that may count people: "four people from a
    dispensary were killed" reads on past the article before "dispensary"."""
    j = i + 1
    while (
        j < len(numbers)
        and numbers[j].kind == "one"
        and _PREPOSITION_BEFORE.search(sentence, max(0, numbers[j].start - 8), numbers[j].start)
        and _noun_after(sentence, numbers[j]) is None
    ):
        j += 1
    return j


# "from a dispensary", "on a bus", "of a local armed group": an article after a preposition (after a
# verb, "carries an injured girl", the phrase may hold an outcome of its own).
_PREPOSITION_BEFORE = re.compile(r"\b(?:from|in|on|at|near|of|inside|outside|aboard)\s+$", re.I)


# What the people of "who ..." underwent: a passive or intransitive outcome, in the relative clause
# ("six civilians who were killed") or in the main clause after it ("six civilians who hid in a
# basement were killed"); an active verb ("three gunmen who killed five civilians") is what they did.
_UNDERWENT = re.compile(
    rf"\b(?:(?:were|was|are|is|have been|has been|had been|got)\s+(?:[a-z]+ly\s+|also\s+)?"
    rf"(?:{lx.KILLED}|{lx.INJURED})|died|perished|lost their lives)\b"
)


def _names_people(text: str) -> bool:
    """Whether people other than the counted ones stand before "who" ("... carried people who ...")."""
    return any(word in lx.PERSON_NOUNS for word in fold(text).split())


def _next_count_start(sentence: str, numbers: list[Number], i: int) -> int:
    """Where the next number after numbers[i] stands, an article ("hid in a basement") aside."""
    return next((n.start for n in numbers[i + 1 :] if n.kind != "one"), len(sentence))


def _outcome_after_relative_clause(clause: str) -> str | None:
    clause = fold(_first_words(clause.split(";")[0].split(":")[0], 14))
    underwent = _UNDERWENT.search(clause)
    return _outcome_in(clause[underwent.start() :]) if underwent else None


def _first_words(text: str, max_words: int) -> str:
    words = text.split()
    return " ".join(words[:max_words]) if len(words) > max_words else text


def _outcome_in(window: str) -> str | None:
    """killed / injured / killed_or_injured, by the first outcome word of `window`."""
    window = fold(window)
    lumped = injured = None
    if may_name_injuries(window):
        lumped, injured = _LUMPED.search(window), _INJURED.search(window)
    killed = _KILLED.search(window)
    if lumped and (not killed or lumped.start() <= killed.start()):
        return "killed_or_injured"
    if killed and (not injured or killed.start() < injured.start()):
        return "killed"
    if injured:
        return "injured"
    return None


def may_name_injuries(folded: str) -> bool:
    """A cheap literal check before the searches for injuries ("wounded", "killed and injured",
    "casualties"): every match holds one of these words, and most windows after a number hold none."""
    return (
        "injur" in folded
        or "wound" in folded
        or "hurt" in folded
        or "casualties" in folded
        or "suffocat" in folded
    )


def _head_end(sentence: str, n: Number) -> int:
    noun = _noun_after(sentence, n)
    return noun[1] if noun else n.end


# "and the 12", "and also 12"; not "killed 300 fighters and displaced 100000 civilians", whose
# last count has a verb of its own.
_AND_BEFORE = re.compile(r"\b(?:and|including|among them|of whom|,)\s*(?:(?!\w+(?:ed|ing)\s)\w+\s+)?$")


def _inherited(sentence: str, numbers: list[Number], i: int, outcomes) -> str | None:
    """A number coordinated with or subordinate to the previous one shares its outcome
    ("killed three children and four women", "killing 40 people, including 24 civilians")."""
    if i == 0 or outcomes[i - 1] is None:
        return None
    between = sentence[numbers[i - 1].end : numbers[i].start]
    if len(between) < 60 and _AND_BEFORE.search(_strip_approx(between.lower())):  # "including more than 60"
        return outcomes[i - 1]
    return None
