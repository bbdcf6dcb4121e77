import re
from pathlib import Path

import pytest

from civcas import ingest
from civcas.extract import dates, engine, figures, lexicon, numbers
from civcas.extract.literals import (
    LiteralIndex,
    SharedPass,
    ascii_twin,
    bounded_literals,
    bounded_text,
    cased_literals,
    fold,
    folded_twin,
    required_literals,
)
from civcas.extract.text import split_sentences
from civcas.models import Article

DEMO = Path(__file__).resolve().parents[2] / "demo"


def _lexicon_patterns() -> list[re.Pattern[str]]:
    groups = (
        lexicon.ACTOR_PATTERNS,
        lexicon.WEAPON_PATTERNS,
        lexicon.TARGET_PATTERNS,
        lexicon.SOURCE_PATTERNS,
    )
    cues = [v for v in vars(lexicon).values() if isinstance(v, re.Pattern)]
    date_patterns = [v for v in vars(dates).values() if isinstance(v, re.Pattern)]
    return [p for group in groups for p, _ in group] + cues + date_patterns


def test_literals_of_an_alternation_are_those_of_every_branch():
    pattern = re.compile(r"\b(?:syrian )?regime(?: forces)?|government (?:forces|troops)\b", re.I)
    assert required_literals(pattern) == ("government forces", "government troops", "regime")


def test_a_sequence_needs_its_most_selective_part():
    pattern = re.compile(r"(?:u\.?s\.?|\w+)\W+led coalition", re.I)
    assert required_literals(pattern) == ("led coalition",)


def test_a_stretch_of_few_spellings_is_spelled_out():
    pattern = re.compile(r"\b(?<!the )syrian? (?:army|[Tt]roops)\b|assad", re.I)
    expected = ("assad", "syria army", "syria troops", "syrian army", "syrian troops")
    assert required_literals(pattern) == expected
    many = re.compile("".join(f"[{c}{c.upper()}]?" for c in "abcdefgh") + "x", re.I)  # 2**8 spellings
    assert required_literals(many) == ("x",)


def test_a_pattern_that_can_match_without_a_literal_has_no_prefilter():
    assert required_literals(re.compile(r"\d+|killed", re.I)) is None
    assert required_literals(re.compile(r"(?:at least )?\d+", re.I)) is None


def test_case_sensitive_parts_and_optional_repeats():
    assert required_literals(re.compile(r"(?-i:\bSAA\b)|isis", re.I)) == ("isis", "saa")
    assert required_literals(re.compile(r"(?:very )*bad|(?:raid)+", re.I)) == ("bad", "raid")


def test_case_sensitive_literals_are_looked_for_as_written():
    pattern = re.compile(r"(?<![\w-])(?:isis|(?-i:\bIS\b))(?![\w])", re.I)
    assert cased_literals(pattern) == ("IS", "isis")
    index = LiteralIndex([pattern])
    assert index.rules_out(pattern, "This is where it was.")
    assert not index.rules_out(pattern, "IS fighters attacked.")
    assert not index.rules_out(pattern, "Isis fighters attacked.")


@pytest.mark.parametrize(
    "text",
    ["DAEſH fighters", "İSIS attack", "the ıSIS group", "KILLED", "Syrian REGIME forces"],
)
def test_ignorecase_equivalents_that_lower_does_not_map_still_pass(text):
    pattern = re.compile(r"(?<![\w-])(?:daesh|isis|killed|regime)(?![\w])", re.I)
    assert pattern.search(text)
    assert not LiteralIndex([pattern]).rules_out(pattern, text)


def test_absent_literals_rule_the_pattern_out():
    pattern = lexicon.ACTOR_PATTERNS[1][0]  # russia
    index = LiteralIndex([pattern])
    assert index.rules_out(pattern, "Coalition jets struck Hajin on Sunday.")
    assert not index.rules_out(pattern, "Russian jets struck Hajin on Sunday.")
    assert index.search(pattern, "Coalition jets struck Hajin on Sunday.") is None
    assert index.search(pattern, "Russian jets struck Hajin on Sunday.").group(0) == "Russian jets"


def test_a_pattern_the_index_does_not_know_is_never_ruled_out():
    known, other = re.compile(r"\bkilled\b"), re.compile(r"\bwounded\b")
    index = LiteralIndex([known])
    assert not index.rules_out(other, "Two were wounded.")
    assert index.search(other, "Two were wounded.")


def test_index_tells_which_patterns_may_match():
    killed, wounded, number = (re.compile(p, re.I) for p in (r"\bkilled\b", r"\bwounded\b", r"\d+"))
    index = LiteralIndex([killed, wounded, number])
    assert index.possible("Five people were KILLED.") == {killed, number}
    assert index.possible("No one was hurt.") == {number}


def test_prefilter_never_rules_out_a_match_in_the_demo_reports():
    sentences = [s.text for path in sorted(DEMO.glob("*.txt")) for s in split_sentences(path.read_text())]
    assert len(sentences) > 100
    patterns = _lexicon_patterns()
    index = LiteralIndex(patterns)
    ruled_out = 0
    for sentence in sentences:
        possible = index.possible(sentence)
        for pattern in patterns:
            if pattern not in possible:
                ruled_out += 1
                assert not pattern.search(sentence), (pattern.pattern[:60], sentence)
    assert ruled_out > len(sentences) * len(patterns) // 2  # the prefilter does rule most scans out


def test_candidates_keep_the_lexicon_order_and_unknown_patterns():
    killed, wounded, shelled = (re.compile(p, re.I) for p in (r"\bkilled\b", r"\bwounded\b", r"\bshelled\b"))
    index = LiteralIndex([killed, wounded])
    items = [(wounded, "injured"), (shelled, "shelling"), (killed, "killed")]
    assert index.candidates(items, "Two were killed and three wounded.") == items
    assert index.candidates(items, "Two were killed.") == [(shelled, "shelling"), (killed, "killed")]


def test_a_lower_case_ignorecase_pattern_has_a_case_sensitive_twin_over_folded_text():
    pattern = re.compile(r"(?<![\w-])(?P<who>daesh|isis)\W+fighters?", re.I)
    twin = folded_twin(pattern)
    for text in ["DAEſH fighters", "İSIS fighter", "the ıSIS Fighters", "Isis-fighters", "isisfighters"]:
        expected = pattern.search(text)
        found = twin.search(fold(text))
        assert (found and found.span()) == (expected and expected.span()), text


def test_no_twin_where_case_matters_in_the_pattern():
    assert folded_twin(re.compile(r"\bUN\b|united nations", re.I)) is None
    assert folded_twin(re.compile(r"(?-i:campaign)|toll", re.I)) is None
    assert folded_twin(re.compile(r"[A-Z]\w+ town", re.I)) is None
    assert folded_twin(re.compile(r"killed")) is None  # not IGNORECASE: nothing to gain


def test_twins_find_the_same_spans_in_the_demo_reports():
    sentences = [s.text for path in sorted(DEMO.glob("*.txt")) for s in split_sentences(path.read_text())]
    twins = [(p, folded_twin(p)) for p in [*_lexicon_patterns(), numbers.NUMBER_RE] if folded_twin(p)]
    assert len(twins) > 40
    for pattern, twin in twins:
        for sentence in sentences:
            expected = [m.span() for m in pattern.finditer(sentence)]
            assert [m.span() for m in twin.finditer(fold(sentence))] == expected, (
                pattern.pattern[:60],
                sentence,
            )


def test_contains_agrees_with_search():
    killed, hurt = re.compile(r"\bkill(?:ed|ing)\b", re.I), re.compile(r"(?-i:HURT)", re.I)
    index = LiteralIndex([killed, hurt])
    assert index.contains(killed, "Two were KILLED.") and not index.contains(killed, "Two were hurt.")
    assert index.contains(hurt, "HURT") and not index.contains(hurt, "hurt")


def test_bounded_literals_spell_word_boundaries_as_spaces():
    pattern = re.compile(r"(?<![\w-])(?:united nations|\bUN\b|al-qaeda)(?![\w])", re.I)
    assert bounded_literals(pattern) == (" al qaeda ", " un ", " united nations ")
    assert bounded_literals(re.compile(r"\bby\s+\w+", re.I)) == (" by",)  # the end is not bounded
    assert bounded_literals(re.compile(r"\bx\b-", re.I)) == (" x ",)  # "-" is a non-word character
    assert bounded_text("UN, al-Qaeda") == " UN  al Qaeda "


@pytest.mark.parametrize("text", ["UN", "the UN.", "(UN)", "“UN” said", "UN-backed", "al-Qaeda", "İSIS"])
def test_bounded_literals_never_rule_out_a_match(text):
    pattern = re.compile(r"(?<![\w])(?:\bUN\b|al-qaeda|isis)", re.I)
    assert pattern.search(text)
    assert not LiteralIndex([pattern]).rules_out(pattern, text)


def test_a_weak_literal_inside_a_word_rules_its_pattern_out():
    pattern = re.compile(r"(?<![\w-])(?:\bUN\b|\bWHO\b)(?![\w])", re.I)
    index = LiteralIndex([pattern])
    assert index.rules_out(pattern, "Until then, those who fled were found under the rubble.") is False
    assert index.rules_out(pattern, "Until then, the unknown wounded were found under the rubble.")


@pytest.mark.parametrize(
    "text", ["Two were KILLED.", "ſlain", "the dies", "the idea", "dead-end", "kil led", "İnjured", ""]
)
def test_contains_of_a_pattern_its_literals_decide_agrees_with_search(text):
    spelled = re.compile(r"kill|dead|die[ds]|slain|injur", re.I)
    bounded = re.compile(r"\bkill|dead\b", re.I)
    index = LiteralIndex([spelled, bounded])
    assert index.decides(spelled) and not index.decides(bounded)
    for pattern in (spelled, bounded):
        assert index.contains(pattern, text) == bool(pattern.search(text)), (pattern.pattern, text)


def test_contains_agrees_with_search_in_the_demo_reports():
    sentences = [s.text for path in sorted(DEMO.glob("*.txt")) for s in split_sentences(path.read_text())]
    patterns = _lexicon_patterns()
    index = LiteralIndex(patterns)
    assert any(index.decides(p) for p in patterns)  # the casualty words, at least
    for pattern in patterns:
        for sentence in sentences:
            assert index.contains(pattern, sentence) == bool(pattern.search(sentence)), pattern.pattern[:60]


def test_indexes_sharing_a_pass_answer_as_they_would_alone():
    sentences = [s.text for path in sorted(DEMO.glob("*.txt")) for s in split_sentences(path.read_text())]
    groups = [lexicon.ACTOR_PATTERNS, lexicon.WEAPON_PATTERNS]
    shared = SharedPass()
    together = [LiteralIndex([p for p, _ in group], shared=shared) for group in groups]
    alone = [LiteralIndex([p for p, _ in group]) for group in groups]
    for sentence in sentences:
        for index, its_own in zip(together, alone, strict=True):
            assert index.possible(sentence) == its_own.possible(sentence), sentence


FAKES = Path(__file__).resolve().parents[3] / "shared" / "data" / "FA-KES-Dataset.csv"


@pytest.mark.skipif(not FAKES.exists(), reason="../shared/data/FA-KES-Dataset.csv not present")
def test_ascii_twins_find_the_same_matches_in_fakes():
    """Over an ASCII text, a pattern's ASCII twin (\\w, \\d, \\s spelled as ranges) matches where the
    pattern does, with the same groups: every pattern the sentence stages search (through its folded
    twin over the folded text, where it has one), on the 804 FA-KES articles."""
    texts = [a.text for a in ingest.iter_articles([FAKES]) if isinstance(a, Article) and a.text.isascii()]
    assert len(texts) > 700
    patterns = [*_lexicon_patterns(), *vars(engine).values(), *vars(figures).values()]
    patterns = list({id(p): p for p in patterns if isinstance(p, re.Pattern)}.values())
    assert len(patterns) > 100
    folded = [fold(text) for text in texts]
    for pattern in patterns:
        run = folded_twin(pattern) or pattern
        ascii_run = ascii_twin(run)
        for text in folded if run is not pattern else texts:
            expected = [m.regs for m in run.finditer(text)]
            assert [m.regs for m in ascii_run.finditer(text)] == expected, run.pattern[:60]


def test_ascii_twins_spell_classes_as_ranges():
    pattern = re.compile(r"\b[\w'-]+\s(?:\d+|[^\s\d])\\w", re.I)
    assert (
        ascii_twin(pattern).pattern
        == r"\b[0-9A-Za-z_'-]+[ \t\n\r\x0b\x0c\x1c-\x1f](?:[0-9]+|[^ \t\n\r\x0b\x0c\x1c-\x1f0-9])\\w"
    )
    assert ascii_twin(pattern).flags & re.ASCII and ascii_twin(pattern).flags & re.IGNORECASE
    for text in ["a1 9w", "don't x\\w", "A-b\x1c7\\w", "x\x0bz\\w"]:
        assert [m.span() for m in ascii_twin(pattern).finditer(text)] == [
            m.span() for m in pattern.finditer(text)
        ]


@pytest.mark.skipif(not FAKES.exists(), reason="../shared/data/FA-KES-Dataset.csv not present")
def test_fold_maps_ignorecase_odd_letters_only_where_they_stand_and_equals_the_plain_fold():
    odd = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
    texts = [a.text for a in ingest.iter_articles([FAKES]) if isinstance(a, Article)]
    texts += ["İdlib and Kırıkhan: the ſhelling", "Ḥamāh, Dayr az-Zawr", "ASCII only"]
    assert any(not t.isascii() for t in texts)
    for text in texts:
        assert fold(text) == text.translate(odd).lower()
    assert fold("İdlib") == "idlib"


def test_a_scan_starts_no_further_back_than_the_widest_match_before_the_first_literal():
    killed = re.compile(r"(?<![\w-])(?:killed|died)(?![\w])", re.I)
    unbounded = re.compile(r"\bkilled\s+in\b", re.I)
    index = LiteralIndex([killed, unbounded], shared=SharedPass())
    text = "The monitor said on Tuesday that three people were killed in Idlib."
    start = index.scan_start(killed, text)
    assert 0 < start <= text.index("killed")
    assert index.search_folded(killed, text).span() == re.search("killed", text).span()
    assert index.scan_start(unbounded, text) == 0  # no widest match: the scan starts at the beginning
    assert index.scan_start(killed, "Nobody was hurt.") == 0


@pytest.mark.skipif(not FAKES.exists(), reason="../shared/data/FA-KES-Dataset.csv not present")
def test_a_scan_from_its_start_finds_every_match_in_fakes():
    """The engine's sentence gate and the date gate start their scans late where the pass saw a
    pattern's first literal late: every match of every pattern they index, in the sentences of the
    804 FA-KES articles, is found all the same, with the same groups."""
    articles = [a for a in ingest.iter_articles([FAKES]) if isinstance(a, Article)]
    sentences = [s.text for a in articles for s in split_sentences(a.text)]
    assert len(sentences) > 9000
    late = 0
    for gate in (engine._SENTENCE_GATE, dates._GATE):
        for pattern in gate._patterns:
            for sentence in sentences:
                expected = (
                    [m.regs for m in pattern.finditer(sentence)]
                    if not gate.rules_out(pattern, sentence)
                    else []
                )
                assert [m.regs for m in gate.finditer(pattern, sentence)] == expected, pattern.pattern[:60]
                late += gate.scan_start(pattern, sentence) > 0
    assert late > 10_000  # the scans it shortens
