"""The extraction engine: sentences -> event mentions -> incidents -> Claims."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TypeGuard

from civcas.extract import lexicon as lx
from civcas.extract.dates import DateMention, find_dates
from civcas.extract.figures import FigureMention, find_figures
from civcas.extract.literals import SENTENCE_PASS, LiteralIndex, search_folded
from civcas.extract.numbers import VAGUE
from civcas.extract.places import KIND_RANK, PlaceMention, find_places, governorates_in
from civcas.extract.text import Sentence, body_end, split_sentences, tag_list
from civcas.models import Article, Claim, Figure, Place, Span

_NUMBER_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Past-tense strike verbs: a sentence without figures that uses one can still tell us the
# place, date, weapon or target of an incident found elsewhere.
_STRIKE_VERB = re.compile(
    r"\b(?:struck|targeted|bombed|shelled|hit|attacked|raided|pounded|exploded|(?<!army )(?<!forces )(?<!troops )detonated|went off|fired (?:on|at)|"
    r"dropped|used (?:on|against)|launched (?:an? )?(?:air ?strikes?|attack|raids?))\b",
    re.I,
)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|reported|announced|added|stated|published|updated)\s*(?:on\s+)?$", re.I
)
_VICTIM_CONTEXT_BEFORE = re.compile(
    r"(?:against|targeting|targeted|targets of|positions of|held by|controlled by|used by|run by|"
    r"prison by|occupied by|fighting|battling|battle with|clashes with|areas of|control of|from|besieged by|"
    r"under|attack on|attacks on|fight against|war on|to|(?:air ?)?(?:strikes?|raids?) on|elimination of)\s+(?:the\s+)?"
    r"(?:both\s+)?(?:(?:president\s+)?bashar\s+)?(?:[\w-]+\s+)?$|"
    r"\b(?:attacked|attacking|stormed|storming|ambushed|ambushing)\s+(?:the|an?)\s+(?:[\w-]+\s+)?$|"
    # "Hasakeh, which is mostly controlled by the PKK's Syrian affiliate YPG": who holds the place
    r"\b(?:held|controlled|run)\s+by\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$|"
    r"\b(?:rockets?|shells?|missiles?|gas|bombs?|mortars?|projectiles)\s+(?:at|on)\s+(?:the\s+)?(?:[\w-]+\s+)?$|"
    r"\b(?:including|among them)\s+(?:[\w-]+\s+)?(?:civilians|children|women|people)\s+and\s+$",
    re.I,
)
_KILLED_IN_CLASHES_WITH = re.compile(
    r"\bkilled\s+(?:[\w-]+\s+){0,3}?in\s+(?:[\w-]+\s+)?(?:clashes|fighting|battles?)\s+with\s+"
    r"(?:the\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
_VICTIM_CONTEXT_AFTER = re.compile(
    r"^[\s-]*(?:held|controlled|run|positions|targets|hideouts|strongholds?|bastions?|enclaves?|pockets?|"
    r"territor(?:y|ies)|areas?|towns?|villages?|districts?|neighbou?rhoods?|suburbs?|militants were|fighters were|"
    r"members were|terrorists were|-held|-controlled|(?:had been|have been|were|was) (?:killed|wounded|injured))",
    re.I,
)
_MEMBER_OF = re.compile(
    r"\b(?:bombers?|attackers?|gunm[ae]n|fighters|militants|members|assailants?|planes|jets|aircraft|warplanes|"
    r"drones?) (?:from|of|belonging to|belong to) (?:the\s+|an?\s+)?$",
    re.I,
)
# Counts of people, and the hedges before them, in the victim cues below.
_NUMBER_WORDS = "|".join(_NUMBER_UNITS)
_MANY = "dozens of|scores of|hundreds of"
_HEDGE = "at least |more than |some |about |over |nearly |around |almost |up to "
# "American among 18 jihadists killed in Syria raid": a counted party that is killed
_COUNT_BEFORE = re.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}|{_MANY}|{_NUMBER_WORDS})\s+(?!the\s|\d)(?:[\w-]+\s+)?$",
    re.I,
)
# passive only: "18 jihadists killed in a raid", "left 28 militants dead a monitor said", not "the army
# killed 175 militants"
_KILLED_AFTER = re.compile(
    rf"^\s+(?:(?:dead|died|slain)\b|killed\b(?!\s+(?:{_HEDGE})?(?:\d|dozens|scores|hundreds|the\b|an?\b|{_NUMBER_WORDS})))",
    re.I,
)
# "killing at least 25 Syrian Army soldiers": the party named is the victim.
_VICTIM_COUNT_BEFORE = re.compile(
    rf"\b(?:kill|wound|injur|execut|behead|decapitat|eliminat)\w*\s+(?:{_HEDGE})?"
    rf"(?:\d+|{_MANY}|a number of|several|a few|{_NUMBER_WORDS})\s+"
    rf"(?:(?:members|fighters|militants|soldiers|troops) (?:of|from|belonging to) (?:the )?)?(?:[\w-]+\s+)?$",
    re.I,
)
# "Senior ISIS Commander, 34 Terrorists Killed", "a Nusra Front leader was killed": the party's man died.
# Not "a Nusra commander said 20 soldiers were killed", where the party speaks (and acted).
_LEADER_KILLED_AFTER = re.compile(
    r"[\s-]*(?:(?:senior|top|local|field|military|prominent|key)\s+)?(?:commanders?|leaders?|emirs?|chiefs?|officials?)\b"
    r"(?:(?!\b(?:said|says|told|claimed|reported|announced|accused)\b)[^.;]){0,40}?"
    rf"\b(?:killed|dead|died|slain|eliminated)\b(?!\s+(?:{_HEDGE})?(?:\d|dozens|scores|hundreds|the\b|an?\b|{_NUMBER_WORDS}))",
    re.I,
)
_CALL_FOR = re.compile(
    r"\b(?:call(?:ed|s)? (?:for|on)|urged?|demand(?:ed|s)?|need for|should|must|prompt(?:ing)?|aimed at|"
    r"pressure|asked)\b",
    re.I,
)
_EVENT_NOUN = re.compile(
    r"\b(?:air ?strikes?|strikes?|raids?|attacks?|bombing|bomb(?:er)?s?|explosion|blast|massacre|shelling|"
    r"executed|executions?|beheaded|beheadings?)\b",
    re.I,
)
# "the attack had been carried out by suicide bombers": a later sentence about the event just reported
_RECALLED_EVENT = re.compile(
    r"\bthe (?:terrorist |suicide |deadly )?(?:attack|blast|explosion|bombing)\b", re.I
)
_DETONATION = re.compile(r"\b(?:detonated|blew (?:himself|herself|themselves) up)\b", re.I)
_UNDECIDED = re.compile(r"\b(?:whether|unclear|not (?:yet )?(?:known|clear|specify|say))\b", re.I)
_OLDER = re.compile(r"\b(?:last (?:week|month|year)|ago|previously|in (?:19|20)\d\d|earlier this)\b", re.I)
# "Meanwhile ... 9 persons were injured": the same day as the incident before, unless it says
# "days after a bombing".
_SAME_DAY = re.compile(
    r"\b(?:earlier in the day|later in the day|the same day|hours (?:after|before|earlier)|"
    r"meanwhile(?!.*\b(?:days|weeks) (?:after|before|ago|earlier)\b))\b",
    re.I,
)


_ACTOR, _TARGET, _SOURCE = 1, 2, 4  # what a mention has looked for (Mention.looked_for)


@dataclass
class Mention:
    """What one sentence says about one incident."""

    sentence: Sentence
    figures: list[FigureMention]
    date: DateMention | None
    place: PlaceMention | None
    governorate: tuple[int, int, str] | None
    weapon: tuple[str, Span] | None
    separate: bool
    same_day: bool
    site_only: bool  # no figure nor strike: it can only tell where the last incident was
    text: str  # the article's text, which the sentence is part of
    anchor: int  # where in the text the figure or the strike is

    # The party, target and source are only read when the mention fills an incident that lacks them:
    # most mentions join an incident that has them already, so they are found on demand.
    found_actor: tuple[str, Span] | None = None
    found_target: tuple[str, Span] | None = None
    found_source: tuple[str, Span] | None = None
    looked_for: int = 0  # which of them were looked for: bits _ACTOR, _TARGET, _SOURCE

    @property
    def actor(self) -> tuple[str, Span] | None:
        if not self.looked_for & _ACTOR:
            self.found_actor = _actor(self.text, self.sentence, self.anchor)
            self.looked_for |= _ACTOR
        return self.found_actor

    @property
    def target(self) -> tuple[str, Span] | None:
        if not self.looked_for & _TARGET:
            self.found_target = _first_match(self.text, self.sentence, lx.TARGET_PATTERNS, by_order=True)
            self.looked_for |= _TARGET
        return self.found_target

    @property
    def source(self) -> tuple[str, Span] | None:
        if not self.looked_for & _SOURCE:
            self.found_source = _source(self.text, self.sentence, self.anchor)
            self.looked_for |= _SOURCE
        return self.found_source


@dataclass
class Draft:
    """An incident as it is being assembled from mentions."""

    mentions: list[Mention] = field(default_factory=list)
    figures: dict[str, tuple[FigureMention, Sentence]] = field(default_factory=dict)
    date: DateMention | None = None
    date_sentence: Sentence | None = None
    place: PlaceMention | None = None
    governorate: tuple[int, int, str] | None = None
    actor: tuple[str, Span] | None = None
    weapon: tuple[str, Span] | None = None
    target: tuple[str, Span] | None = None
    source: tuple[str, Span] | None = None
    response: tuple[str, Span] | None = None
    first_sentence: int = 0
    claimed: bool = False  # the actor is the group that claimed the attack


def extract_claims(article: Article) -> list[Claim]:
    text = article.text[: body_end(article.text)]  # a prefix: offsets into it are offsets into the article
    sentences = split_sentences(text)
    places = find_places(text)
    governorates = governorates_in(text)
    dateline_end = _dateline_end(text, article.published)
    drafts: list[Draft] = []
    pending: list[Mention] = []
    aggregates: set[int] = set()
    strikes: list[Mention] = []  # sentences reporting a strike without a figure
    for sentence in sentences:
        mention = _mention(text, sentence, article.published, places, governorates, dateline_end)
        if mention is None:
            continue
        for part in _split_breakdown(mention, places, aggregates):
            if part.figures:
                _attach(drafts, part, pending)
            else:
                _support(drafts, part, pending)
                strikes.append(part)
    drafts = _without_round_ups([d for d in drafts if not _only_an_aggregate(d, aggregates)])
    _inherit_from_previous(drafts)
    _place_from_anaphora(drafts)
    _place_from_strike_of_the_day(drafts, strikes)
    _date_main_from_lead(drafts, sentences, article.published, dateline_end)
    _assign_responses(text, sentences, drafts)
    _actor_from_claim_of_responsibility(text, sentences, drafts)
    default_gov = _article_governorate(governorates, places, article)
    return [
        _claim(article, i, d, _role(d, i, article.published), default_gov, text) for i, d in enumerate(drafts)
    ]


# ---------------------------------------------------------------- mentions


def _mention(text, sentence, published, places, governorates, dateline_end) -> Mention | None:
    s, e = sentence.start, sentence.end
    sent_places = _outside_tag_list(sentence, _places_within(places, s, e), governorates)
    figures = find_figures(sentence.text) if _contains(lx.CASUALTY_WORD, sentence.text) else []
    if figures and (
        _contains(lx.AGGREGATE_CUE, sentence.text)
        or _contains(lx.SPAN_OF_DAYS, sentence.text)
        or _contains(lx.TOLL_SINCE_A_MONTH, sentence.text)
    ):
        figures = [f for f in figures if not _aggregate_cue_around(sentence.text, f.start)]
    figures = _without_countrywide_tolls(figures, sent_places)
    if figures and _contains(lx.PAST_DAY, sentence.text) and not _names_a_town(sent_places):
        figures = []  # "120 fighters killed in a series of strikes in Syria over the past 24 hours"
    if (
        figures
        and _contains(lx.SUPERSEDED_TOLL, sentence.text)
        and (superseded := lx.SUPERSEDED_TOLL.search(sentence.text))
    ):
        figures = [f for f in figures if f.start < superseded.start()]  # the old toll, replaced by the new
    named_governorates = _governorates_named(sentence, governorates)
    if figures and _round_up(figures, named_governorates):
        figures = []
    site_only = (
        not figures and not _reports_strike(sentence.text, sent_places) and not _tells_how(text, sentence)
    )
    if site_only and not any(p.introduced and not p.origin for p in sent_places):
        return None
    site_target = _first_match(text, sentence, lx.TARGET_PATTERNS, by_order=True) if site_only else None
    if (
        site_only
        and site_target is None
        and not _contains(_RESCUE_AT_SITE, sentence.text)
        and not _contains(_THE_FIGHTING, sentence.text)
    ):
        return None
    weapon = _first_match(text, sentence, lx.WEAPON_PATTERNS, by_order=True)
    anchor = s + (figures[0].start if figures else 0)
    mention = Mention(
        sentence=sentence,
        figures=figures,
        date=_date(sentence, published, dateline_end, anchor),
        place=_best_place([p for p in sent_places if not p.origin], anchor)
        or _named_city(text, sentence, places)
        or _named_area(sentence, places),
        governorate=next(
            (gov for gov in named_governorates if not _bearing_from_damascus(text, gov[0], gov[2])), None
        ),
        weapon=weapon,
        separate=_contains(lx.SEPARATE_CUE, sentence.text),
        same_day=_contains(_SAME_DAY, sentence.text),
        site_only=site_only,
        text=text,
        anchor=anchor,
    )
    if site_target is not None:
        mention.found_target = site_target  # found already: the on-demand search need not run again
        mention.looked_for |= _TARGET
    return mention


def _outside_tag_list(
    sentence: Sentence, sent_places: list[PlaceMention], governorates
) -> list[PlaceMention]:
    """A page's keyword list names the topics of the page: its places say where the sentence's incident
    happened only when the sentence names no other place or governorate."""
    tags = tag_list(sentence.text)
    if tags is None:
        return sent_places
    start, end = sentence.start + tags[0], sentence.start + tags[1]
    named = [p for p in sent_places if not start <= p.start < end]
    other_governorate = any(
        end <= a < sentence.end or sentence.start <= a < start for a, _, _ in governorates
    )
    return named if named or other_governorate else sent_places


_QUOTE = re.compile(r"[\"“”]")


def _aggregate_cue_around(sentence: str, pos: int) -> bool:
    """Whether the quotation holding pos, else the whole sentence (which has a cue), has an aggregate
    cue: in '"40 were killed in X" Reports also said ... during the last five days', the round-up after
    the quotation does not make its toll one."""
    quotation = _quotation_around(sentence, pos)
    return quotation is None or any(
        cue.search(quotation) for cue in (lx.AGGREGATE_CUE, lx.SPAN_OF_DAYS, lx.TOLL_SINCE_A_MONTH)
    )


def _quotation_around(text: str, pos: int) -> str | None:
    starts = [m.end() for m in _QUOTE.finditer(text, 0, pos)]
    end = _QUOTE.search(text, pos)
    if len(starts) % 2 == 0 or end is None:
        return None
    return text[starts[-1] : end.start()]


def _names_a_town(places: list[PlaceMention]) -> bool:
    return any(p.rank <= KIND_RANK["capital"] and not p.origin for p in places)


def _places_within(places: list[PlaceMention], start: int, end: int) -> list[PlaceMention]:
    """The places (sorted by start) that lie between start and end, found by bisection."""
    within = []
    for p in itertools.islice(places, bisect.bisect_left(places, start, key=_START), None):
        if p.start > end:
            break
        if p.end <= end:
            within.append(p)
    return within


_START = operator.attrgetter("start")


# "54 civilians were killed ... including 9 in the neighborhood Alsaliheen 8 in Ansari and 1 in each of
# Marjah and Alizaa": a toll broken down by place. Each item is its own incident; the sum is not.
_BREAKDOWN_START = re.compile(r"\b(?:including|of whom|among them)\s+(?=\S+ (?:\w+ )?(?:in|and)\b)", re.I)
_BREAKDOWN_ITEM = re.compile(
    rf"(?<![\w,])(?P<n>\d+|{_NUMBER_WORDS})\s+(?:(?:people|civilians|persons|killed|dead)\s+)?"
    r"(?:in|and)\b",
    re.I,
)
_EACH_OF = re.compile(r"\beach of\b", re.I)


def _split_breakdown(mention: Mention, places: list[PlaceMention], aggregates: set[int]) -> list[Mention]:
    """One mention per place of a toll broken down by place; the mention itself when it is not one."""
    head = _headline_figure(mention)
    if head is None:
        return [mention]
    start = _SENTENCE_GATE.search(_BREAKDOWN_START, mention.sentence.text)
    if start is None or head.end > start.start():
        return _split_by_place(mention, places)
    items = _breakdown_items(mention, places, start.end())
    if len(items) < 2 or sum(value for value, _, _ in items) > head.value:
        return [mention]
    aggregates.add(head.value)
    return [_item_mention(mention, head, value, number, place) for value, number, place in items]


def _split_by_place(mention: Mention, places: list[PlaceMention]) -> list[Mention]:
    """ "killed 19 people outside the town of Saraqeb and another 23 people in the town of Ehsim": two
    tolls, each followed by its own town, village or neighbourhood, are two incidents (a toll in a city
    or province may hold the next one). The mention itself otherwise."""
    heads = [i for i, f in enumerate(mention.figures) if not f.subordinate and f.path.startswith("killed.")]
    if len(heads) < 2:
        return [mention]
    s = mention.sentence
    parts = []
    for k, i in enumerate(heads):
        end = mention.figures[heads[k + 1]].start if k + 1 < len(heads) else len(s.text)
        start = mention.figures[i].end
        named = [p for p in places if s.start + start <= p.start and p.end <= s.start + end and not p.origin]
        if not named or named[0].rank > _TOWN_RANK:
            return [mention]
        parts.append((mention.figures[i : heads[k + 1] if k + 1 < len(heads) else None], named[0]))
    if len({part[1].name for part in parts}) < len(parts):
        return [mention]
    return [replace(mention, figures=figures, place=place) for figures, place in parts]


_TOWN_RANK = KIND_RANK["town"]


def _headline_figure(mention: Mention) -> FigureMention | None:
    heads = [f for f in mention.figures if not f.subordinate and f.path.startswith("killed.") and f.value > 1]
    return heads[0] if heads else None


def _breakdown_items(mention: Mention, places: list[PlaceMention], offset: int):
    """(value, number span, place) for each "N in PLACE" of the list after "including"."""
    s = mention.sentence
    numbers = list(_BREAKDOWN_ITEM.finditer(s.text, offset))
    items = []
    for i, m in enumerate(numbers):
        end = numbers[i + 1].start() if i + 1 < len(numbers) else len(s.text)
        named = [
            p for p in places if s.start + m.end() <= p.start and p.end <= s.start + end and not p.origin
        ]
        if not named:
            return []  # a breakdown by something other than place ("9 children and 4 women")
        value = _number_value(m.group("n"))
        for place in named if _EACH_OF.search(s.text, m.end(), end) else named[:1]:
            items.append((value, m.span("n"), place))
    return items


def _item_mention(mention: Mention, head: FigureMention, value: int, number, place: PlaceMention) -> Mention:
    figure = FigureMention(head.path, value, False, number[0], number[1], number[0], False)
    return replace(mention, figures=[figure], place=place)


def _only_an_aggregate(d: Draft, aggregates: set[int]) -> bool:
    """A draft that only repeats the sum of a breakdown ("54 killed in Aleppo") is no incident."""
    values = {f.value for f, _ in d.figures.values()}
    return bool(values) and values <= aggregates and (d.place is None or d.place.rank >= 2)


def _without_countrywide_tolls(figures: list[FigureMention], sent_places: list) -> list[FigureMention]:
    """A toll of thousands with no place is a tally over time, not an incident; so are its parts
    ("killed 1102 people ..., adding that 234 of them were children")."""
    if sent_places or all(f.value < 1000 for f in figures):
        return figures
    first = min(f.start for f in figures if f.value >= 1000)
    return [f for f in figures if f.value < 1000 and not (f.subordinate and f.start > first)]


def _without_round_ups(drafts: list[Draft]) -> list[Draft]:
    """ "12 civilians were killed in two villages", then seven in Hass and five in Kafr Nabl: a toll
    without a place of its own that the incidents reported right after it add up to is their sum, not
    an incident; they take its date, perpetrator, weapon and source where they give none."""
    kept = []
    for i, d in enumerate(drafts):
        parts = _parts_adding_up_to(d, drafts[i + 1 :])
        if not parts:
            kept.append(d)
            continue
        for part in parts:
            if part.date is None:
                part.date, part.date_sentence = d.date, d.date_sentence
            for attr in ("actor", "weapon", "source"):
                if getattr(part, attr) is None:
                    setattr(part, attr, getattr(d, attr))
    return kept


def _parts_adding_up_to(d: Draft, after: list[Draft]) -> list[Draft]:
    total = _headline({path: f for path, (f, _) in d.figures.items()})
    if not total or (d.place is not None and d.place.rank < 2):
        return []
    running = 0
    for n, part in enumerate(after, start=1):
        value = _dead_counted({path: f for path, (f, _) in part.figures.items()})
        if value is None or part.place is None or part.place.rank >= 2:
            return []
        running += value
        if running >= total:
            return after[:n] if running == total and n >= 2 else []
    return []


def _number_value(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_UNITS[token.lower()]


def _governorates_named(sentence: Sentence, governorates) -> list[tuple[int, int, str]]:
    """The governorates the sentence names as places: not the ends of a road ("a highway that connects
    Aleppo to Latakia")."""
    inside = [(a, b, g) for a, b, g in governorates if sentence.start <= a and b <= sentence.end]
    if not inside:
        return inside
    routes = _route_spans(sentence)
    return [gov for gov in inside if not _within(routes, gov[0])] if routes else inside


def _round_up(figures: list[FigureMention], named_governorates: list[tuple[int, int, str]]) -> bool:
    """ "6 killed in terrorist attacks in Damascus, Aleppo and Idleb": one toll over several governorates
    sums several incidents; it is not one."""
    killed = [f for f in figures if f.path.startswith("killed.") and not f.subordinate]
    return len(killed) == 1 and len({g for _, _, g in named_governorates}) >= 2


def _route_spans(sentence: Sentence) -> list[tuple[int, int]]:
    if not _contains(_ROUTE, sentence.text):
        return []
    return [(sentence.start + m.start(), sentence.start + m.end()) for m in _ROUTE.finditer(sentence.text)]


_ROUTE = re.compile(
    r"\b(?:highway|road|motorway|route)\s+(?:that\s+)?(?:connect\w*|link\w*|between|from)\s+(?:[\w'-]+\s+){1,4}?"
    r"(?:to|and|with)\s+[\w'-]+|\b[\w'-]+\s*-\s*[\w'-]+\s+(?:highway|road|motorway)\b",
    re.I,
)


def _within(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _tells_how(text: str, sentence: Sentence) -> bool:
    """ "The attack had been carried out by four suicide bombers", "a suicide attacker detonated a car bomb":
    how the event just reported was done."""
    if not (_contains(_RECALLED_EVENT, sentence.text) or _contains(_DETONATION, sentence.text)):
        return False
    if _contains(_UNDECIDED, sentence.text):
        return False
    weapon = _first_match(text, sentence, lx.WEAPON_PATTERNS, by_order=True)
    return weapon is not None and weapon[0] in _REFINED_WEAPONS


def _reports_strike(sentence: str, places: list[PlaceMention]) -> bool:
    return _contains(_STRIKE_VERB, sentence) or bool(places and _contains(_EVENT_NOUN, sentence))


def _inherit_from_previous(drafts: list[Draft]) -> None:
    """Reports name the perpetrator, weapon and governorate once: later incidents without them
    take the previous incident's."""
    for before, d in itertools.pairwise(drafts):
        weapon, before_weapon = (d.weapon or ("",))[0], (before.weapon or ("",))[0]
        if d.actor is None and weapon in ("", before_weapon):
            d.actor = before.actor
        if d.weapon is None and (d.actor is None or before.actor is None or d.actor[0] == before.actor[0]):
            d.weapon = before.weapon
        if d.governorate is None and (d.place is None or d.place.governorate is None):
            d.governorate = before.governorate or _place_governorate(before)


_SAME_PLACE = re.compile(
    r"\b(?:the same|that) (?:neighbou?rhood|district|town|village|area|city|camp)\b", re.I
)


def _place_from_anaphora(drafts: list[Draft]) -> None:
    """ "... attacks on the same neighbourhood killed 8": the place of the incident before."""
    for before, d in itertools.pairwise(drafts):
        if d.place is None and before.place and any(_SAME_PLACE.search(m.sentence.text) for m in d.mentions):
            d.place = before.place


def _place_from_strike_of_the_day(drafts: list[Draft], strikes: list[Mention]) -> None:
    """ "a bomb blast on a bus convoy outside Aleppo on Saturday ... Saturday's convoy attack killed 126":
    a toll with no place takes the place of the one strike reported, apart from any toll, on its day."""
    used = {id(m) for d in drafts for m in d.mentions}
    for d in drafts:
        if d.place is not None or not _exact_day(d.date):
            continue
        places = [
            m.place
            for m in strikes
            if id(m) not in used
            and m.place
            and _exact_day(m.date)
            and m.date.value == d.date.value
            and _weapons_agree(d, m)
        ]
        if places and all(_same_place(p, places[0]) for p in places):
            d.place = places[0]


def _exact_day(d: DateMention | None) -> TypeGuard[DateMention]:
    return d is not None and d.value is not None and d.precision == "day" and not d.weak


def _date_main_from_lead(
    drafts: list[Draft], sentences: list[Sentence], published, dateline_end: int
) -> None:
    """A lead that dates the story ("on Friday, terrorists targeted ...") dates its undated first incident;
    when that day is the publication day, it dates every undated incident of the day's round-up too."""
    if not drafts:
        return
    lead = None
    for sentence in sentences[:3]:
        found = _date(sentence, published, dateline_end, sentence.start)
        if found and found.value and found.precision == "day":
            lead = (found, sentence)
            break
    if lead is None:
        return
    for i, d in enumerate(drafts):
        if d.date is not None or (i > 0 and (lead[0].value != published or _looks_older(d))):
            continue
        d.date, d.date_sentence = lead


def _looks_older(d: Draft) -> bool:
    return any(m.separate or _contains(_OLDER, m.sentence.text) for m in d.mentions)


# "the city located 162 kilometers (101 miles) north of the capital Damascus": a bearing, not where. (A
# bearing from another city, "al-Ghabra village 130 km southeast of Deir Ezzor city", mostly stays in
# its governorate; the Damascus governorate is the city alone.)
_DISTANCE_BEFORE = re.compile(
    r"\b(?:km|kilomet(?:er|re)s?|miles?)\b[^.]{0,30}?\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? "
    r"of (?:the )?(?:capital |city of |province of )?$",
    re.I,
)


def _bearing_from_damascus(text: str, start: int, governorate: str) -> bool:
    return (
        governorate == "Damascus"
        and " of " in text[max(0, start - 30) : start]
        and bool(_DISTANCE_BEFORE.search(text, max(0, start - 80), start))
    )


def _place_governorate(d: Draft) -> tuple[int, int, str] | None:
    if d.place and d.place.governorate:
        return d.place.start, d.place.end, d.place.governorate
    return None


def _dateline_end(text: str, published: date | None) -> int:
    """Offset before which an explicit date equal to the publication date is the dateline."""
    return min(len(text), 260) if published else 0


_LATER_EVENT = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|several|few|\d+) )?(?:days?|weeks?|months?|hours?) (?:after|since)\b|"
    r"\bshortly after\b",
    re.I,
)


# The lead's sentences are read twice: as mentions, and for the date of the whole story.
_dates_in = functools.lru_cache(maxsize=32)(find_dates)


def _date(sentence: Sentence, published, dateline_end: int, anchor: int) -> DateMention | None:
    """The date nearest the figure; the day a statement was made only when nothing else is given."""
    candidates: list[tuple[int, DateMention]] = []  # (distance to the anchor, date)
    statement_days: list[tuple[int, DateMention]] = []
    for d in _dates_in(sentence.text, published):
        absolute_start = sentence.start + d.start
        if not d.relative and d.value == published and absolute_start < dateline_end:
            continue  # the dateline, not the incident date
        if d.precision is None and d.value is None and not d.relative:
            continue
        if _LATER_EVENT.search(sentence.text[d.end : anchor - sentence.start]):
            continue  # "resumed Wednesday, days after a bombing killed 120": the figure is older
        if d.precision != "day" and _since(sentence.text, d):
            continue  # "divided since July 2012", "since the start of the uprising in March 2011": no incident's month
        if _APPOINTMENT_AFTER.match(sentence.text, d.end):
            continue  # "a rally for the June 3 poll": the day of a vote or a meeting, not of the attack
        speech = _SPEECH_BEFORE.search(sentence.text[max(0, d.start - 20) : d.start])
        distance = abs(absolute_start - anchor)
        if not d.relative and d.precision == "day" and _FOUR_DIGITS.search(d.text):
            distance += 80  # "August 1 2016 (Reuters Photo)": captions and datelines carry full dates
        (statement_days if speech else candidates).append((distance, d))
    if candidates:
        return min(candidates, key=lambda c: c[0])[1]
    if statement_days and sentence.index <= 3:
        return replace(min(statement_days, key=lambda c: c[0])[1], weak=True)
    return None


_APPOINTMENT_AFTER = re.compile(
    r"\s+(?:presidential |parliamentary )?(?:polls?|elections?|votes?|talks|conference|summit|meeting|deadline|"
    r"ceasefire|truce)\b",
    re.I,
)
_SINCE_BEFORE = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak|onset|eruption) of\b[^,;.]*|(?:early |late |mid-?)?)$", re.I
)


def _since(text: str, d: DateMention) -> bool:
    """Whether the month or year is where a span starts ("since July 2012"), but not the date of an
    event the span is counted from ("the deadliest since the August 2013 attack on Ghouta")."""
    return (
        d.text[:6].lower() == "since "
        or _SINCE_BEFORE.search(text, max(0, d.start - 70), d.start) is not None
    )


# "in the city" after "according to an activist contacted" is where the source is, not the incident
_THE_CITY = re.compile(r"(?<!contacted )(?<!based )\b(?:in|on) the (?P<kind>city|town)\b(?! of)", re.I)


def _named_city(text: str, sentence: Sentence, places: list[PlaceMention]) -> PlaceMention | None:
    """ "killed 28 militants in the city": the city or town last named before this sentence (not a
    seat named for its province: "al-Bab, which lies in the northern province of Aleppo")."""
    m = _SENTENCE_GATE.search(_THE_CITY, sentence.text)
    if not m:
        return None
    kinds = ("city",) if m.group("kind").lower() == "city" else ("city", "town")
    earlier = [
        p
        for p in places
        if p.end <= sentence.start
        and p.kind in kinds
        and not p.origin
        and not _PROVINCE_OF_BEFORE.search(text, max(0, p.start - 30), p.start)
    ]
    return earlier[-1] if earlier else None


_PROVINCE_OF_BEFORE = re.compile(r"\b(?:province|governorate|countryside)\s+of\s+(?:the\s+)?$", re.I)


# "13 people were killed in the Kurdish-run area": the neighbourhood or village the sentence before named
_THE_AREA = re.compile(r"\bin the [\w-]+ (?:area|neighbou?rhood|district|village)\b(?! of)", re.I)
_AREA_REACH = 250  # characters before the sentence


def _named_area(sentence: Sentence, places: list[PlaceMention]) -> PlaceMention | None:
    if not _contains(_THE_AREA, sentence.text):
        return None
    before = [
        p
        for p in places
        if sentence.start - _AREA_REACH <= p.start
        and p.end <= sentence.start
        and not p.origin
        and p.rank <= 1
    ]
    return _best_place(before, sentence.start)


def _best_place(places: list[PlaceMention], anchor: int) -> PlaceMention | None:
    """The most specific place; between equals, the one nearest the figure. A figure for several
    places named together ("the towns of X, Y and Z in rural Aleppo") belongs to the wider place."""
    if not places:
        return None
    best = min(places, key=lambda p: (p.rank - (1 if p.introduced else 0), p.start))
    wider = [p for p in places if p.rank >= 2 and not p.listed]
    return min(wider, key=lambda p: (p.rank, p.start)) if best.listed and wider else best


def _actor(text: str, sentence: Sentence, anchor: int) -> tuple[str, Span] | None:
    found: list[tuple[int, int, int, str]] = []  # (score, start, end, party)
    for pattern, value in _candidates(lx.ACTOR_PATTERNS, sentence.text):
        for m in _SENTENCE_GATE.finditer_folded(pattern, sentence.text):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            if text[start - 1 : start] == "(" and any(f[3] == value and start - 3 <= f[2] for f in found):
                continue  # "the Islamic State (IS) group": the name just before says who, and in what context
            score = _actor_score(sentence.text, m, value)
            found.append((score, start, end, value))
    if not found:
        return None
    found = _drop_nested(found, text)
    # Between equally strong candidates, the party named nearest the figure or strike acted.
    score, start, end, value = max(found, key=lambda f: (f[0], -abs(f[1] - anchor)))
    if score < 0:
        return None
    return value, Span(start, end, text[start:end])


_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?(?:[\w-]+\s+)?$")
_HELD_BY_BEFORE = re.compile(
    r"(?:used|held|run|controlled|occupied|prison)\s+(?:as a \w+\s+)?by\s+(?:the\s+)?(?:[\w-]+\s+)?$"
)


# The context cues searched in the few words before a party's name: one pass over them tells which
# of the cues can be there at all.
_in_window = LiteralIndex([_BY_BEFORE, _MEMBER_OF, _VICTIM_CONTEXT_BEFORE, _VICTIM_COUNT_BEFORE]).contains


def _actor_score(s: str, m: re.Match[str], value: str) -> int:
    before, after = s[max(0, m.start() - 40) : m.start()], s[m.end() : m.end() + 25]
    score = 0
    if len(m.group(0).split()) > 1:
        score += 2  # "coalition warplanes", "regime forces": the party acting
    if _in_window(_BY_BEFORE, before) and not _HELD_BY_BEFORE.search(before):
        score += 2
    if _in_window(_MEMBER_OF, before) and not _in_window(_VICTIM_COUNT_BEFORE, before):
        return (
            score + 2
        )  # "a suicide bomber from the Nusra Front", not "killing 30 members of the regime troops"
    if "with" in before and _KILLED_IN_CLASHES_WITH.search(before):
        return score + 2  # "ten soldiers were killed in clashes with IS": the dead fell to the other side
    if ("accus" in before or "blam" in before) and _ACCUSED_BEFORE.search(before):
        return (
            score + 2
        )  # "opposition groups have accused Assad's forces of ...": the accused is the claimed actor
    if ("accus" in after or "blam" in after) and _ACCUSES_AFTER.match(after):
        return score - 4  # the accuser
    written = s[m.start() : m.end()]  # (m may be a match in the folded text)
    if written.isupper() and written.lower() in _CAPITALS and _AGENCY_AFTER.match(s, m.end()):
        return score - 4  # "MOSCOW (Sputnik)": the dateline says where the report was filed
    if (
        _in_window(_VICTIM_CONTEXT_BEFORE, before)
        or _VICTIM_CONTEXT_AFTER.match(after)
        or _in_window(_VICTIM_COUNT_BEFORE, before)
        or (_KILLED_AFTER.match(after) and _COUNT_BEFORE.search(before))
        or _LEADER_KILLED_AFTER.match(s, m.end())
    ):
        score -= 4
    return score


_CAPITALS = frozenset(("moscow", "ankara", "washington", "tehran", "damascus", "beirut"))
_AGENCY_AFTER = re.compile(r"\s*\((?:[A-Z][\w.-]*\s?){1,3}\)")
_ACCUSED_BEFORE = re.compile(r"\b(?:accus(?:ed|es|ing)|blam(?:ed|es|ing))\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_ACCUSES_AFTER = re.compile(
    r"\s+(?:\w+\s+)?(?:(?:has|have|had)\s+)?(?:accus(?:ed|es|ing)|blam(?:ed|es|ing))\b", re.I
)


def _drop_nested(found: list[tuple[int, int, int, str]], text: str) -> list[tuple[int, int, int, str]]:
    """Keep the more specific of overlapping matches ("Daesh terrorists" is ISIS, not rebels), also
    where the generic word names its group after "of" ("terrorists of Jabhat al-Nusra")."""
    kept = []
    for f in found:
        overlapped = f[3] == "opposition" and any(
            o is not f and o[3] != f[3] and (_adjacent(o, f) or _NAMED_AFTER_OF.fullmatch(text, f[2], o[1]))
            for o in found
        )
        if not overlapped:
            kept.append(f)
    return kept or found


def _adjacent(a: tuple[int, int, int, str], b: tuple[int, int, int, str]) -> bool:
    return a[1] <= b[2] + 2 and b[1] <= a[2] + 2


_NAMED_AFTER_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def _first_match(text, sentence, patterns, by_order: bool) -> tuple[str, Span] | None:
    for pattern, value in _candidates(patterns, sentence.text):
        m = _SENTENCE_GATE.search_folded(pattern, sentence.text)
        if m:
            start, end = sentence.start + m.start(), sentence.start + m.end()
            return value, Span(start, end, text[start:end])
    return None


def _source(text: str, sentence: Sentence, anchor: int) -> tuple[str, Span] | None:
    best = None
    if _SENTENCE_GATE.rules_out(lx.ATTRIBUTION_CUE, sentence.text):
        return None  # the attribution window is a part of the sentence
    for pattern, label in _candidates(lx.SOURCE_PATTERNS, sentence.text):
        for m in _SENTENCE_GATE.finditer_folded(pattern, sentence.text):
            window = sentence.text[max(0, m.start() - 40) : m.end() + 40]
            if not search_folded(lx.ATTRIBUTION_CUE, window):
                continue
            start = sentence.start + m.start()
            distance = abs(start - anchor)
            if best is None or distance < best[0]:
                best = (
                    distance,
                    label,
                    Span(start, sentence.start + m.end(), sentence.text[m.start() : m.end()]),
                )
    return (best[1], best[2]) if best else None


# ---------------------------------------------------------------- grouping


def _attach(drafts: list[Draft], mention: Mention, pending: list[Mention]) -> None:
    continues = _continues_pending_event(drafts, mention, pending)
    target = None if continues else _matching_draft(drafts, mention)
    if target is None:
        seeds = pending if continues or not drafts else []
        target = Draft(first_sentence=mention.sentence.index)
        drafts.append(target)
        for earlier in seeds:
            if _compatible(target, earlier) and not _other_days(mention, earlier):
                _merge(target, earlier, fill_only=True)
        if continues and target.date is None:
            _date_from_interval(target, pending[-1].sentence, drafts[-2])
        if mention.same_day and len(drafts) > 1 and mention.date is None:
            target.date, target.date_sentence = drafts[-2].date, drafts[-2].date_sentence
    pending.clear()
    _merge(target, mention, fill_only=False)


def _other_days(a: Mention, b: Mention) -> bool:
    """A strike on Saturday, then a toll of Wednesday: two events."""
    return _exact_day(a.date) and _exact_day(b.date) and a.date.value != b.date.value


_INTERVAL_BEFORE = re.compile(r"\b(?P<n>a|one|two|three|four|five|six|\d) (?:days?) (?:after|since)\b", re.I)
_SMALL_NUMBERS = {"a": 1, **_NUMBER_UNITS}


def _date_from_interval(target: Draft, sentence: Sentence, previous: Draft) -> None:
    """ "The attack on the hospital comes two days after jets hit a convoy near X": X's strike
    happened two days before the incident just reported."""
    m = _INTERVAL_BEFORE.search(sentence.text)
    if not m or previous.date is None or previous.date.value is None or previous.date.precision != "day":
        return
    n = m.group("n").lower()
    days = int(n) if n.isdigit() else _SMALL_NUMBERS[n]
    value = previous.date.value - timedelta(days=days)
    target.date = DateMention(value, "day", m.start(), m.end(), m.group(0), True)
    target.date_sentence = sentence


def _continues_pending_event(drafts: list[Draft], mention: Mention, pending: list[Mention]) -> bool:
    """ "... two days after jets hit a convoy near Urum al-Kubra. The attack left 12 people killed":
    a figure with no place or date of its own, right after a strike on another place, counts that strike."""
    if not drafts or not pending or mention.place is not None or mention.date is not None:
        return False
    return mention.sentence.index - pending[-1].sentence.index == 1 and bool(
        _BACK_REFERENCE.match(mention.sentence.text) or all(f.value == 0 for f in mention.figures)
    )  # "An explosive device went off near the hospital. No casualties were reported."


# "The attack", "this air strike": a sentence that opens on the event just told.
_THE_EVENT = (
    r"\s*(?:the|that|this) (?:\w+ )?(?:attack|strike|air ?strike|raid|bombing|blast|explosion|shelling|assault|"
    r"massacre)s?"
)
_BACK_REFERENCE = re.compile(rf"{_THE_EVENT} (?:left|killed|claimed|caused)\b", re.I)


def _support(drafts: list[Draft], mention: Mention, pending: list[Mention]) -> None:
    if mention.site_only:
        if drafts and _names_site_of(drafts[-1], mention):
            _take_site(drafts[-1], mention)
        return
    if not drafts:
        pending.append(mention)
        return
    last = drafts[-1]
    near = mention.sentence.index - last.mentions[-1].sentence.index <= 2
    candidates = [last] if near else drafts
    target = next((d for d in candidates if _compatible(d, mention)), None)
    if target is not None:
        _merge(target, mention, fill_only=True)
    elif near and _names_site_of(last, mention):
        _take_site(last, mention)
    elif mention.place is not None:
        pending[:] = [mention]  # a strike somewhere else: a figure may follow


def _take_site(d: Draft, m: Mention) -> None:
    """The mention names where the draft's incident happened, and when, if the draft has no day yet:
    "the health centre in al-Sakhoor went out of service as a result of the bombing on Saturday"."""
    d.place = m.place
    if d.date is None and _exact_day(m.date) and not m.date.weak:
        d.date, d.date_sentence = m.date, m.sentence


# "The blast hit the southwestern neighbourhood of X which was on the front line ... in December":
# the sentence names where the incident just reported happened, whatever else it mentions.
_SITE_OF_LAST = re.compile(
    r"\W*(?:[\w-]+ ){0,6}?(?:the|that|this) (?:\w+ )?(?:attack|strike|air ?strike|raid|bombing|blast|explosion|"
    r"shelling|bomb|shells?|rockets?)s? (?:hit|struck|targeted|took place|happened|occurred|landed|fell)\b",
    re.I,
)


def _names_site_of(d: Draft, m: Mention) -> bool:
    return (
        m.place is not None
        and (bool(_SITE_OF_LAST.match(m.sentence.text)) or _same_target_nearby(d, m) or _rescue_nearby(d, m))
        and _places_agree(d.place, m.place)
        and (d.place is None or _more_specific(m.place, d.place))
    )


def _same_target_nearby(d: Draft, m: Mention) -> bool:
    """ "an airstrike hit a clinic ... The clinic in the village of X was levelled": the target just
    reported, named again within a few sentences with a place of its own."""
    near = m.sentence.index - d.mentions[-1].sentence.index <= _SAME_TARGET_REACH
    same_target = d.target is not None and m.target is not None and d.target[0] == m.target[0]
    return near and same_target and m.place is not None and m.place.introduced


_SAME_TARGET_REACH = 3  # sentences

# "The bodies of children were pulled from the rubble in the town of X": where the victims just
# counted were found is where it happened.
_RESCUE_AT_SITE = re.compile(
    r"\b(?:from (?:the |under the )?(?:rubble|debris)|(?:bodies|victims|survivors)\b[^.]{0,60}?\b"
    r"(?:pulled|recovered|retrieved|dug out|rescued))\b",
    re.I,
)


def _rescue_nearby(d: Draft, m: Mention) -> bool:
    near = m.sentence.index - d.mentions[-1].sentence.index <= _SAME_TARGET_REACH
    if not (near and m.place is not None and m.place.introduced):
        return False
    if _RESCUE_AT_SITE.search(m.sentence.text):
        return True
    # "30 militants were killed in clashes ... The fighting pitted X against Y in the village of Z"
    return d.weapon is not None and d.weapon[0] == "clashes" and bool(_THE_FIGHTING.search(m.sentence.text))


_THE_FIGHTING = re.compile(r"\bthe (?:fighting|clashes|battle)\b", re.I)


def _matching_draft(drafts: list[Draft], mention: Mention, allow_new_place: bool = True) -> Draft | None:
    if not drafts:
        return None
    last = drafts[-1]
    if _contains(lx.TOLL_UPDATE_CUE, mention.sentence.text) and _places_agree(last.place, mention.place):
        return last
    same_figure = _has_equal_figure(drafts, mention)
    if same_figure:
        return same_figure
    if mention.separate:
        return None
    if _same_place_same_day(last, mention):
        return last
    if mention.place is not None:
        for d in reversed(drafts):
            if (
                _named_before(d, mention.place)
                and _dates_agree(d.date, mention.date)
                and not _dated_apart(d, mention)
            ):
                return d
    for d in reversed(drafts):
        if _compatible(d, mention):
            return d
        if mention.place is not None or mention.date is not None:
            continue
        return None
    return None


def _same_place_same_day(d: Draft, mention: Mention) -> bool:
    """ "Earlier on Wednesday a source said that seven civilians were killed ... on the same
    neighborhood": another account of the incident just told, when both name the same day."""
    return (
        mention.place is None
        and d.place is not None
        and _exact_day(mention.date)
        and _exact_day(d.date)
        and mention.date.value == d.date.value
        and bool(_SAME_PLACE.search(mention.sentence.text))
    )


def _dated_apart(d: Draft, mention: Mention) -> bool:
    """ "A woman and child were killed in Damascus ... In March two blasts in Damascus killed 40": other
    counts, dated by a month or a year while the incident just told has no date, are another event at
    the same place. (A day, "on Saturday", mostly dates the undated headline's own event.)"""
    return (
        d.date is None
        and mention.date is not None
        and mention.date.precision in ("month", "year")
        and _conflicting_figures(d, mention)
    )


def _named_before(d: Draft, place: PlaceMention) -> bool:
    """The draft's place, or a wider one it was first reported at ("near Aleppo", then "in Rashidin")."""
    return any(p is not None and _same_place(p, place) for p in (d.place, *(m.place for m in d.mentions)))


def _has_equal_figure(drafts: list[Draft], mention: Mention) -> Draft | None:
    """The incident that already holds one of this mention's counts ("kills 9" ... "nine civilians")."""
    text = mention.sentence.text
    new_headline = _headline({f.path: f for f in reversed(mention.figures) if not f.subordinate})
    for d in drafts:
        if not _places_agree(d.place, mention.place):
            continue
        held_headline = _headline({path: f for path, (f, _) in d.figures.items()})
        if new_headline is not None and new_headline >= 5 and held_headline == new_headline:
            return d
        for f in mention.figures:
            held = d.figures.get(f.path)
            if (
                held
                and held[0].value == f.value
                and f.value >= 5
                and _identifies_incident(f, text, held, d, mention)
            ):
                return d
    return None


def _identifies_incident(
    f: FigureMention, text: str, held: tuple[FigureMention, Sentence], d: Draft, mention: Mention
) -> bool:
    """An equal count names the same incident, but a vague one ("dozens injured") does so only when no
    other count of the mention contradicts the draft and the mention names no other place or day."""
    if not (_vague(f, text) or _vague(*held)):
        return True
    if _contradicts(d, mention) or _precise_tolls_differ(d, mention):
        return False
    return not _elsewhere_or_another_day(d, mention)


def _precise_tolls_differ(d: Draft, mention: Mention) -> bool:
    """ "20 civilians were killed and scores were injured" held, then "five people were killed and 40
    others were injured": the injured match only by the vague "scores"; the exact death tolls say that
    these are two events."""
    held = _headline_held(d)
    new = next(
        (f for path in _HEADLINE_PATHS for f in mention.figures if f.path == path and not f.subordinate), None
    )
    if held is None or new is None or _vague(*held) or _vague(new, mention.sentence):
        return False
    return held[0].value != new.value and not _close(held[0].value, new.value)


def _elsewhere_or_another_day(d: Draft, mention: Mention) -> bool:
    """ "35 killed and dozens injured in Idlib city late on Monday ... two children killed and dozens
    injured on Tuesday morning in rural Idlib": the countryside around the draft's city, or a day of
    its own that is not the draft's."""
    if _city_and_its_countryside(d.place, mention.place):
        return True  # (a place that does not agree with the draft's never comes this far)
    return _exact_day(mention.date) and _exact_day(d.date) and mention.date.value != d.date.value


def _vague(f: FigureMention, sentence: Sentence | str) -> bool:
    text = sentence if isinstance(sentence, str) else sentence.text
    return bool(_VAGUE_AMOUNT.match(text, f.number_start))


def _contradicts(d: Draft, mention: Mention) -> bool:
    """Whether the mention gives another value for a count the draft holds ("21 civilians killed" held,
    "five civilians killed" new): "dozens injured" in both then says nothing (it is 24 in every report)."""
    return any(
        not f.subordinate and f.path in d.figures and d.figures[f.path][0].value != f.value
        for f in mention.figures
    )


# The vague amounts of the number reader ("dozens", "several hundred"), but "a dozen", which is twelve.
_VAGUE_AMOUNT = re.compile(
    "(?:" + "|".join(sorted((k for k, n in VAGUE.items() if n != 12), key=len, reverse=True)) + r")\b",
    re.I,
)


_WEAPON_FAMILY = {
    "airstrike": "bombardment",
    "barrel_bomb": "bombardment",
    "missile": "bombardment",
    "chemical": "bombardment",
    "shelling": "bombardment",
    "bombing": "blast",
    "suicide_attack": "blast",
    "landmine": "blast",
    "clashes": "ground",
    "execution": "ground",
    "siege": "siege",
}


def _weapons_agree(d: Draft, m: Mention) -> bool:
    if d.weapon is None or m.weapon is None:
        return True
    return _WEAPON_FAMILY.get(d.weapon[0]) == _WEAPON_FAMILY.get(m.weapon[0])


def _compatible(d: Draft, m: Mention) -> bool:
    if not (_places_agree(d.place, m.place) and _dates_agree(d.date, m.date) and _weapons_agree(d, m)):
        return False
    # A different figure for the same count, with its own place or date, is a different event.
    if _conflicting_figures(d, m) and (m.place is not None or m.date is not None):
        return False
    if m.figures and _city_and_its_countryside(d.place, m.place):
        return False
    # Figures for a newly named place on its own date, after an incident with no place: a new event.
    return not (d.figures and m.figures and d.place is None and m.place is not None and m.date is not None)


def _conflicting_figures(d: Draft, m: Mention) -> bool:
    if d.figures and all(f.value == 0 for f, _ in d.figures.values()) and any(f.value for f in m.figures):
        return True  # "no casualties were reported", then a toll: another event
    sums: dict[str, int] = {}
    for f in m.figures:
        if not f.subordinate:
            sums[f.path] = sums.get(f.path, 0) + f.value
    for path, total in sums.items():
        held = d.figures.get(path)
        # "30 soldiers and 39 rebels" after "70 fighters" is a breakdown, not another event
        same_count = [f for f in m.figures if f.path == path]
        breakdown = held and (held[0].value == total or (_summed(m, path) and _close(held[0].value, total)))
        if (
            held
            and not breakdown
            and all(f.value != held[0].value for f in same_count)
            and not _vague_lead_fits(d, m, held, same_count)
        ):
            return True
    held_total = _headline({path: f for path, (f, _) in d.figures.items()})
    new_total = _headline({f.path: f for f in m.figures if not f.subordinate})
    if held_total is None or new_total is None or held_total == new_total:
        return False
    if _vague_lead_fits(d, m, _headline_held(d), [f for f in m.figures if f.value == new_total]):
        return False
    return not _close(held_total, sums.get("killed.combatants", sums.get("killed.civilians", new_total)))


_HEADLINE_PATHS = ("killed.total", "killed.civilians", "killed.combatants")


def _summed(m: Mention, path: str) -> bool:
    """Whether the mention gives its count for `path` in parts ("30 soldiers and 39 rebels"), whose sum
    may round the whole ("70 killed") by a little; a single "27 injured" is not 25."""
    kind = path.split(".", 1)[0]
    return sum(1 for f in m.figures if f.path.split(".", 1)[0] == kind) > 1


def _headline_held(d: Draft) -> tuple[FigureMention, Sentence] | None:
    for path in _HEADLINE_PATHS:
        if path in d.figures:
            return d.figures[path]
    return None


def _vague_lead_fits(
    d: Draft, m: Mention, held: tuple[FigureMention, Sentence] | None, new: list[FigureMention]
) -> bool:
    """ "Dozens of civilians killed after airstrikes targeted a market in Idlib" (the headline), then
    "airstrikes killed at least 12 people in Idlib": a vague count in the lead does not contradict a
    precise one of the same order (its half to four times) for the same place, or for a place inside the
    wider one the lead named ("Dozens of insurgents killed ... in Aleppo countryside", then "at least 40
    ... in Tal Rifaat in Aleppo countryside"), or for the lead's event named again ("The attack on the
    town of X killed 58")."""
    if held is None or not new or held[1].index > _LEAD_SENTENCES or not _vague(*held):
        return False
    if m.place is not None and d.place is None and not _THE_EVENT_AS_SUBJECT.match(m.sentence.text):
        return False
    if m.place is not None and d.place is not None and not _same_or_inside(d, m.place):
        return False
    value = held[0].value
    # "dozens" (24 by the gold convention) stands for anything up to a hundred, "hundreds" up to a thousand
    return any(value / 2 <= f.value <= 4 * value and not _vague(f, m.sentence) for f in new)


# "A chemical attack in northwestern Syria killed dozens ... The attack on the town of Khan Sheikhun
# killed at least 58": the lead's event, named again, and where it happened.
_THE_EVENT_AS_SUBJECT = re.compile(rf"{_THE_EVENT}\b(?! (?:was|is) (?:the|one|also))", re.I)


def _same_or_inside(d: Draft, new: PlaceMention) -> bool:
    """The draft's place, or one inside it when the lead gave no part of its count ("dozens killed in
    Aleppo, including 29 in a single neighbourhood": the neighbourhood's count is a part, not the toll)."""
    held = d.place
    if held is None or _same_place(held, new):
        return held is not None
    lead = [x.sentence.text for x in d.mentions if x.sentence.index <= _LEAD_SENTENCES]
    parts = any(_PART_OF_THE_COUNT.search(text) for text in lead)
    return not parts and held.rank > new.rank and _places_agree(held, new)


_PART_OF_THE_COUNT = re.compile(
    r"\b(?:including|among them|of whom)\s+(?:at least\s+|more than\s+|some\s+)?\d", re.I
)


_LEAD_SENTENCES = 2  # the headline and the first sentences of the report


def _close(a: int, b: int) -> bool:
    return a > 0 and abs(a - b) <= 0.1 * a


def _headline(figures: dict[str, FigureMention]) -> int | None:
    """The overall death count a set of figures gives, if any."""
    for path in ("killed.total", "killed.civilians", "killed.combatants"):
        if path in figures:
            return figures[path].value
    return None


def _dead_counted(figures: dict[str, FigureMention]) -> int | None:
    """_headline, or the children and women counted where no overall count is given yet ("killing 2
    children": two dead)."""
    overall = _headline(figures)
    if overall is not None:
        return overall
    kinds = [figures[path].value for path in ("killed.children", "killed.women") if path in figures]
    return sum(kinds) if kinds else None


def _places_agree(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None or _same_place(a, b):
        return True
    # A governorate or region contains the villages named inside it.
    wider, narrower = (a, b) if a.rank > b.rank else (b, a)
    return (
        wider.rank >= 2
        and wider.rank > narrower.rank
        and (wider.governorate is None or narrower.governorate in (None, wider.governorate))
    )


def _city_and_its_countryside(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    """ "35 killed in Idlib city ... two children killed in the towns of X and Y in rural Idlib": the
    countryside of a governorate is the land around its capital, not the capital."""
    if a is None or b is None:
        return False
    wider, narrower = (a, b) if a.rank > b.rank else (b, a)
    return (
        _countryside(wider)
        and narrower.rank == KIND_RANK["capital"]
        and narrower.governorate == wider.governorate
    )


def _countryside(place: PlaceMention) -> bool:
    words = place.name.lower().split()
    return place.kind == "governorate" and ("rural" in words or "countryside" in words)


def _same_place(a: PlaceMention, b: PlaceMention) -> bool:
    return a is b or not a.keys.isdisjoint(b.keys)


def _dates_agree(a: DateMention | None, b: DateMention | None) -> bool:
    """Unknown, unresolved ("last week" without a publication date) or weak dates never disagree."""
    if a is None or b is None or a.value is None or b.value is None or a.weak or b.weak:
        return True
    if a.precision != "day" or b.precision != "day":
        same_month = a.value.month == b.value.month
        return a.value.year == b.value.year and (a.precision == "year" or b.precision == "year" or same_month)
    if a.value == b.value:
        return True  # within one article, "on Tuesday" and "on Wednesday" are different days ...
    earlier, later = (a, b) if a.value < b.value else (b, a)
    return abs((a.value - b.value).days) == 1 and _one_night(earlier.text, later.text)


# ... but a night is two: "rocket fire overnight" (reported Saturday) and "on Friday night", "late on
# Friday" and "early on Saturday". (A day named in full, "September 21", is not the night after it.)
_NIGHT_OR_LATE = re.compile(r"\b(?:night|late)\b", re.I)
_OVERNIGHT_OR_EARLY = re.compile(r"\b(?:overnight|last night|early|dawn)\b", re.I)


def _one_night(earlier: str, later: str) -> bool:
    return bool(_NIGHT_OR_LATE.search(earlier) and _OVERNIGHT_OR_EARLY.search(later))


def _merge(d: Draft, m: Mention, fill_only: bool) -> None:
    d.mentions.append(m)
    if not fill_only:
        for f in m.figures:
            if f.subordinate and f.path.endswith(".total"):
                continue
            if (
                f.path == "killed.total"
                and _has_headline_elsewhere(d, m.sentence)
                and not _includes_held(d, m)
            ):
                continue  # a second source's toll; the lead's civilian or fighter count already gives the total
            if _exceeds_the_total_held(d, f, m.sentence):
                continue  # "bombardments killed at least 24 ... missiles killing scores of civilians": not its part
            d.figures.setdefault(f.path, (f, m.sentence))
    if (
        m.date
        and (not fill_only or _dates_what_it_supports(d, m))
        and (
            d.date is None
            or (d.date.weak and not m.date.weak)
            or (d.date.precision != "day" and m.date.precision == "day")
        )
    ):
        d.date, d.date_sentence = m.date, m.sentence
    if m.place and (d.place is None or _more_specific(m.place, d.place)):
        d.place = m.place
        if m.governorate is not None:
            # "Attacks in Damascus, Homs and Aleppo", then "shells on X village in the countryside of
            # Homs": the governorate named with the place, not the headline's first
            d.governorate = m.governorate
    for attr in ("governorate", "actor", "weapon", "target", "source"):
        if getattr(d, attr) is None and getattr(m, attr) is not None:
            setattr(d, attr, getattr(m, attr))
    if d.weapon and m.weapon and m.weapon[0] in _WEAPON_REFINES.get(d.weapon[0], ()):
        d.weapon = m.weapon  # "an explosion" ... "a suicide bomber": the more specific account


def _exceeds_the_total_held(d: Draft, f: FigureMention, sentence: Sentence) -> bool:
    """A count of some of the dead (civilians, children, ...) from another sentence that is larger than
    the dead the incident already counts in all."""
    outcome, _, kind = f.path.partition(".")
    held = d.figures.get(f"{outcome}.total")
    return kind != "total" and held is not None and held[1] is not sentence and f.value > held[0].value


def _dates_what_it_supports(d: Draft, m: Mention) -> bool:
    """A sentence that only supports an incident (no figure of its own) dates it with a day, or from
    close by: "the coalition attacks on Manbij intensified in late June", paragraphs after a toll of
    Monday, tells of the campaign, not of the day."""
    told = [x.sentence.index for x in d.mentions if x is not m]
    return _exact_day(m.date) or not told or m.sentence.index - max(told) <= 2


def _includes_held(d: Draft, m: Mention) -> bool:
    """ "kill dozens of civilians" held, then "killing scores of people, including dozens of civilians":
    the new total is the whole of which the held count is a part, not another source's toll."""
    return any(
        f.subordinate and f.path in d.figures and d.figures[f.path][0].value == f.value
        for f in m.figures
        if f.path in ("killed.civilians", "killed.combatants")
    )


def _has_headline_elsewhere(d: Draft, sentence: Sentence) -> bool:
    return any(
        path in d.figures and d.figures[path][1].index != sentence.index
        for path in ("killed.civilians", "killed.combatants")
    )


_WEAPON_REFINES = {
    "bombing": {"suicide_attack", "landmine"},
    "airstrike": {"barrel_bomb", "chemical"},
    "shelling": {"chemical", "barrel_bomb"},
    "missile": {"chemical"},
}
_REFINED_WEAPONS = set().union(*_WEAPON_REFINES.values())


def _more_specific(new: PlaceMention, held: PlaceMention) -> bool:
    if new.listed and held.rank >= 2:
        return False  # one of several places hit: the incident stays at the wider place
    if _city_and_its_countryside(new, held):
        return False
    return new.rank < held.rank or (new.rank == held.rank and new.introduced and not held.introduced)


# ---------------------------------------------------------------- responses, roles, claims


def _assign_responses(text: str, sentences: list[Sentence], drafts: list[Draft]) -> None:
    if not drafts:
        return
    for sentence in sentences:
        for pattern, value in _candidates(lx.RESPONSE_PATTERNS, sentence.text):
            m = pattern.search(sentence.text)
            if not m or _CALL_FOR.search(sentence.text[: m.start()]):
                continue
            draft = _draft_for_response(drafts, sentence)
            if draft is not None and draft.response is None:
                start, end = sentence.start + m.start(), sentence.start + m.end()
                draft.response = (value, Span(start, end, text[start:end]))
            break


_CLAIM_OF_RESPONSIBILITY = re.compile(
    r"\b(?:claimed responsibi?li?ty|claims? of responsibility|took responsibility|"
    r"claim(?:s|ed)? (?:the |an? )?(?:[\w-]+ ){0,3}(?:attacks?|bombings?|blasts?|explosions?)\b(?! (?:was|were|is|had|has)\b)|"
    r"said (?:\w+ of )?its (?:fighters|militants|members|bombers?|suicide bombers?) (?:had )?carried out)\b",
    re.I,
)
_NO_ONE = re.compile(r"\b(?:no|not|nobody|none|neither)\b", re.I)


def _actor_from_claim_of_responsibility(text: str, sentences: list[Sentence], drafts: list[Draft]) -> None:
    """ "Daesh said three of its fighters carried out the attack": the group that claimed a blast is its
    perpetrator, wherever the article says so, and admitted it; the first blast of the report takes it."""
    blast = next((d for d in drafts if d.weapon and d.weapon[0] in _BLASTS), None)
    if blast is None:
        return
    others = {m.sentence.index for d in drafts if d is not blast for m in d.mentions}
    for sentence in sentences:
        if sentence.index in others:
            continue  # "Daesh claimed a mid-August attack there that killed 32": a claim for another incident
        may_claim = "claim" in sentence.text or " its " in sentence.text  # a cheap literal test first
        claim = _CLAIM_OF_RESPONSIBILITY.search(sentence.text) if may_claim else None
        if claim is None:
            _actor_believed_behind(text, sentence, blast)
            continue
        if _NO_ONE.search(sentence.text, 0, claim.start()):
            continue
        actor = _actor(text, sentence, sentence.start + claim.start())
        if actor is None or actor[0] == "unknown":
            continue
        if not _names_a_group(blast):
            blast.actor, blast.claimed = actor, True
        if (
            blast.actor is not None and blast.actor[0] == actor[0] and blast.response is None
        ):  # the perpetrator said it did it
            start, end = sentence.start + claim.start(), sentence.start + claim.end()
            blast.response = ("admitted", Span(start, end, text[start:end]))
        return


def _actor_believed_behind(text: str, sentence: Sentence, blast: Draft) -> None:
    """ "The Islamic State group is believed to be behind the suicide attack": the group the article says
    is behind a blast nobody claimed is its perpetrator (not an admission)."""
    if "behind" not in sentence.text or _names_a_group(blast):
        return
    behind = _BELIEVED_BEHIND.search(sentence.text)
    if behind is None or _NO_ONE.search(sentence.text, 0, behind.start()):
        return
    actor = _actor(text, sentence, sentence.start + behind.start())
    if actor is not None and actor[0] != "unknown":
        blast.actor = actor


_BELIEVED_BEHIND = re.compile(
    r"\b(?:is|are|was|were)\s+(?:widely\s+|largely\s+|also\s+)?(?:believed|thought|suspected|understood)\s+"
    r"to\s+(?:be|have\s+been)\s+behind\b",
    re.I,
)
_BLASTS = ("bombing", "suicide_attack")
_GROUPS_NAMED_FOR_BLASTS = ("isis", "hts_nusra", "sdf_ypg")


def _names_a_group(d: Draft) -> bool:
    return d.actor is not None and d.actor[0] in _GROUPS_NAMED_FOR_BLASTS


def _draft_for_response(drafts: list[Draft], sentence: Sentence) -> Draft | None:
    for d in drafts:
        if any(m.sentence.index == sentence.index for m in d.mentions):
            return d
    actors = {
        value
        for pattern, value in _candidates(lx.ACTOR_PATTERNS, sentence.text)
        if pattern.search(sentence.text)
    }
    for d in drafts:
        if d.actor and d.actor[0] in actors:
            return d
    return None


def _role(d: Draft, index: int, published: date | None) -> str:
    if d.date and d.date.value and published:
        if d.date.precision == "year" or published - d.date.value > timedelta(days=45):
            return "background"
    elif d.date and d.date.precision == "year":
        return "background"
    if index == 0 or d.first_sentence <= 1:
        return "main"
    return "related"


_FOUR_DIGITS = re.compile(r"\d{4}")


def _article_governorate(governorates, places: list[PlaceMention], article: Article) -> str | None:
    counts: dict[str, int] = {}  # a plain dict: collections.Counter runs in the interpreter
    for g in itertools.chain((g for _, _, g in governorates), (p.governorate for p in places if p.rank <= 2)):
        if g:
            counts[g] = counts.get(g, 0) + 1
    if counts:
        return max(counts, key=counts.__getitem__)  # the first named of the most named, as Counter gives
    from civcas.geo import canonical_governorate

    location = article.meta.get("fakes_location")
    return canonical_governorate(location) if location else None


def _claim(article: Article, index: int, d: Draft, role: str, default_gov: str | None, text: str) -> Claim:
    evidence: dict[str, Span] = {}
    figures = _figures(d, evidence)
    place = None
    if d.place:
        p = d.place
        evidence["place"] = Span(p.start, p.end, text[p.start : p.end])
        place = Place(
            name=p.name, span=evidence["place"], alt_names=list(p.alt_names), governorate=p.governorate
        )
    governorate = (d.place.governorate if d.place else None) or (d.governorate[2] if d.governorate else None)
    if d.governorate and not governorate:
        evidence["governorate"] = Span(
            d.governorate[0], d.governorate[1], text[d.governorate[0] : d.governorate[1]]
        )
    governorate = governorate or default_gov
    actor = d.actor[0] if d.actor else _implied_actor(d)
    if (
        d.weapon
        and d.weapon[0] in _BLASTS
        and actor not in _GROUPS_NAMED_FOR_BLASTS
        and not d.claimed
        and not _accused(text, d)
    ):
        actor = "unknown"  # blasts are "unknown" unless a group is named (GOLD_FORMAT conventions)
    claim = Claim(
        article_id=article.id,
        index=index,
        role=role,
        date=d.date.value if d.date else None,
        date_precision=(d.date.precision if d.date and d.date.value else None),
        place=place,
        governorate=governorate,
        actor=actor,
        weapon=d.weapon[0] if d.weapon else _implied_weapon(actor),
        target=d.target[0] if d.target else None,
        figures=figures,
        claimed_by=d.source[0] if d.source else None,
        belligerent_response=d.response[0] if d.response else None,
        evidence=evidence,
        reported=article.published,
    )
    for name in ("actor", "weapon", "target", "source", "response"):
        value = getattr(d, name)
        if value:
            evidence[
                "claimed_by" if name == "source" else ("belligerent_response" if name == "response" else name)
            ] = value[1]
    if d.date and d.date_sentence:
        ds = d.date_sentence.start + d.date.start
        evidence["date"] = Span(ds, ds + len(d.date.text), text[ds : ds + len(d.date.text)])
    first = next(iter(d.figures.values()), None)
    sentence = first[1] if first else d.mentions[0].sentence
    claim.sentence = Span(sentence.start, sentence.end, sentence.text)
    return claim


def _figures(d: Draft, evidence: dict[str, Span]) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for path, (f, sentence) in d.figures.items():
        span = Span(sentence.start + f.start, sentence.start + f.end, sentence.text[f.start : f.end])
        out[path] = Figure(f.value, f.approx, span)
    _derive_totals(out)
    for path, fig in out.items():
        if fig.span:
            evidence[path] = fig.span
    return out


def _derive_totals(out: dict[str, Figure]) -> None:
    """The overall dead: a stated total, else civilians and combatants, or children and women, added up."""
    sides = [out[p] for p in ("killed.civilians", "killed.combatants") if p in out]
    if "killed.total" not in out and len(sides) == 2:  # "killing six civilians and five militiamen"
        out["killed.total"] = Figure(sum(f.value for f in sides), any(f.approx for f in sides), sides[0].span)
    if "killed.total" not in out:
        for path in ("killed.civilians", "killed.combatants"):
            if path in out:
                out["killed.total"] = out[path]
                break
        else:
            parts = [out[p] for p in ("killed.children", "killed.women") if p in out]
            if parts:
                out["killed.total"] = Figure(
                    sum(p.value for p in parts), any(p.approx for p in parts), parts[0].span
                )
                if "killed.combatants" not in out:
                    out["killed.civilians"] = out["killed.total"]
    if "killed_or_injured.civilians" in out and "killed_or_injured.total" not in out:
        out["killed_or_injured.total"] = out["killed_or_injured.civilians"]
    lumped = out.get("killed_or_injured.total")
    if lumped and "killed.total" in out and out["killed.total"].value == lumped.value:
        out.pop("killed_or_injured.total", None)
        out.pop("killed_or_injured.civilians", None)
    elif lumped and lumped.approx and "killed.total" in out and "injured.total" in out:
        # "Tens of civilians were killed and injured ... 45 were killed and 30 wounded": the vague
        # lumped figure says less than the dead and the wounded counted apart.
        out.pop("killed_or_injured.total", None)
        out.pop("killed_or_injured.civilians", None)


def _accused(text: str, d: Draft) -> bool:
    """ "the attack in Al-Horra, which was blamed on rebels": the text accuses the actor of the attack
    (a blast's perpetrator as claimed, though no group claimed it)."""
    if d.actor is None or d.actor[1].text.lower() == "terrorists":
        return False  # "an attack SANA blamed on terrorists": a blast only called terrorist (GOLD_FORMAT)
    start = d.actor[1].start
    before = text[max(0, start - 60) : start]
    return ("accus" in before or "blam" in before) and _ACCUSED_BEFORE.search(before) is not None


def _implied_actor(d: Draft) -> str | None:
    weapon = d.weapon[0] if d.weapon else None
    if weapon == "barrel_bomb":
        return "syrian_government"
    if weapon in ("bombing", "suicide_attack", "landmine"):
        return "unknown"
    if weapon in _FIRE_ON_AN_AREA and any(_TERRORIST_FIRE.search(m.sentence.text) for m in d.mentions):
        return "opposition"  # "terrorist rocket attacks on Daraa": rebels firing on an area
    return None


_FIRE_ON_AN_AREA = ("missile", "shelling", "clashes")
_TERRORIST_FIRE = re.compile(
    r"\bterrorist\s+(?:(?:rocket|mortar|missile|sniper|artillery)\s+)?"
    r"(?:attacks?|shells?|shelling|rockets?|fire|missiles?|mortars?|snipers?|bombardment)\b",
    re.I,
)


def _implied_weapon(actor: str | None) -> str | None:
    return "airstrike" if actor in ("us_led_coalition", "russia", "israel") else None


# The patterns scanned in every sentence (or every mention): one pass tells which of them can match
# at all. Built last, as it indexes patterns defined throughout the module.
_SENTENCE_GATE = LiteralIndex(
    [
        *(p for group in (lx.ACTOR_PATTERNS, lx.WEAPON_PATTERNS, lx.TARGET_PATTERNS) for p, _ in group),
        *(p for group in (lx.SOURCE_PATTERNS, lx.RESPONSE_PATTERNS) for p, _ in group),
        lx.CASUALTY_WORD,
        lx.AGGREGATE_CUE,
        lx.PAST_DAY,
        lx.SPAN_OF_DAYS,
        lx.TOLL_SINCE_A_MONTH,
        lx.SEPARATE_CUE,
        lx.ATTRIBUTION_CUE,
        _SAME_DAY,
        _STRIKE_VERB,
        _EVENT_NOUN,
        _RECALLED_EVENT,
        _DETONATION,
        _UNDECIDED,
        _BREAKDOWN_START,
        _THE_CITY,
        _THE_AREA,
        lx.TOLL_UPDATE_CUE,
        lx.SUPERSEDED_TOLL,
        _RESCUE_AT_SITE,
        _THE_FIGHTING,
        _OLDER,
        _ROUTE,
    ],
    shared=SENTENCE_PASS,
)
_candidates = _SENTENCE_GATE.candidates
_contains = _SENTENCE_GATE.contains
