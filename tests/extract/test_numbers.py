"""Numbers as reports write them (sentences written for these tests, and the demo reports)."""

from pathlib import Path

import pytest

from civcas import ingest
from civcas.extract.literals import fold
from civcas.extract.numbers import _BREAK_THEN_NUMBER, _BREAK_THEN_NUMBER_ASCII, NUMBER_RE, find_numbers
from civcas.extract.text import split_sentences
from civcas.models import Article

DEMO = Path(__file__).resolve().parents[2] / "demo"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 civilians were killed", [(12, False, "digits")]),
        ("At least 3,000 people fled", [(3000, True, "digits")]),
        ("Twenty-five were hurt, among them a child", [(25, False, "words"), (1, False, "one")]),
        ("Dozens of people, some 40 or more", [(24, True, "vague"), (40, True, "digits")]),
        ("The F-16 fired 2.5 tonnes at 10:30 on 1/2", []),
        ("(7 dead)", [(7, False, "digits")]),
    ],
)
def test_numbers_in_a_text(text, expected):
    assert [(n.value, n.approx, n.kind) for n in find_numbers(text)] == expected


def test_offsets_are_those_of_the_text():
    text = "SEVERAL hundred fled; 45 died"
    assert [text[n.start : n.end] for n in find_numbers(text)] == ["SEVERAL hundred", "45"]


def test_the_scan_finds_what_the_number_pattern_finds_in_the_demo_reports():
    sentences = [s.text for path in sorted(DEMO.glob("*.txt")) for s in split_sentences(path.read_text())]
    found = [(i, n.start, n.end) for i, s in enumerate(sentences) for n in find_numbers(s)]
    matches = [(i, m) for i, s in enumerate(sentences) for m in NUMBER_RE.finditer(s)]
    assert len(found) > 50
    # number words that do not make a number ("six and twelve") are dropped
    assert found == [(i, *m.span()) for i, m in matches if (i, *m.span()) in found]
    assert {m.lastgroup for i, m in matches if (i, *m.span()) not in found} <= {"words"}


def test_a_text_with_non_ascii_letters_is_scanned_as_an_ascii_one():
    def numbers(text):
        return [(n.value, n.approx, n.start, n.end, n.kind) for n in find_numbers(text)]

    ascii_text = "In Hama about twenty-one died, an infant among them; dozens and 3 more were hurt"
    assert numbers(ascii_text.replace("Hama", "Ḥamā")) == numbers(ascii_text)
    # a separator that Unicode counts as a space (and ASCII does not) reads as it does in Unicode text
    assert numbers("Ḥ twenty\x1cfive") == numbers("H twenty\x1cfive")
    assert [n[-1] for n in numbers(ascii_text)] == ["words", "one", "vague", "digits"]


FAKES = Path(__file__).resolve().parents[3] / "shared" / "data" / "FA-KES-Dataset.csv"


@pytest.mark.skipif(not FAKES.exists(), reason="../shared/data/FA-KES-Dataset.csv not present")
def test_the_scan_and_its_ascii_twin_find_what_the_number_pattern_finds_in_fakes():
    """The heads' look-ahead lets every number through, and the ASCII twin (its classes spelled as
    ranges) finds what the Unicode scan finds, on the 804 FA-KES articles."""
    texts = [fold(a.text) for a in ingest.iter_articles([FAKES]) if isinstance(a, Article)]
    ascii_texts = [t for t in texts if t.isascii()]
    assert len(ascii_texts) > 700
    for text in ascii_texts:
        unicode_scan = [(m.span(), m.lastgroup) for m in _BREAK_THEN_NUMBER.finditer(" " + text)]
        assert [
            (m.span(), m.lastgroup) for m in _BREAK_THEN_NUMBER_ASCII.finditer(" " + text)
        ] == unicode_scan
    for text in texts:
        scanned = [(m.start(m.lastgroup) - 1, m.end() - 1) for m in _BREAK_THEN_NUMBER.finditer(" " + text)]
        assert scanned == [m.span() for m in NUMBER_RE.finditer(text)]


def test_hundreds_and_tens_of_thousands_are_one_vague_amount():
    assert [(n.value, n.approx, n.kind) for n in find_numbers("hundreds of thousands have died")] == [
        (200_000, True, "vague")
    ]
    assert [n.value for n in find_numbers("Tens of thousands fled")] == [24_000]
    assert [n.value for n in find_numbers("Hundreds of people")] == [200]
