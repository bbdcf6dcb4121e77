import csv
from pathlib import Path

import pytest

from civcas.extract.text import (
    _ABBREV,
    _BOUNDARY,
    _after_abbreviation,
    _boundaries,
    split_sentences,
    tag_list,
)

DEMO = Path(__file__).resolve().parents[2] / "demo"
FAKES = Path(__file__).resolve().parents[3] / "shared" / "data" / "FA-KES-Dataset.csv"

TRICKY = [
    "",
    ".",
    "\n\tStart.",
    "Ends with a stop.",
    "The U.S. said so. Mr. Smith agreed.\nNew line.\t\tTabbed. (AFP Photo) A bomb killed 3.",
    'He said "stop." Then left.) Next one! Why? 12 died.\n. Odd',
    'A caption (File photo)\nLine two (Agencies)   "Quoted" and (Reuters Photo) lower then Upper.',
    "Attack.) (Photo) ((Photo)) One.\u2019 Two.\u201d \u201cThree.",
]


def _texts() -> list[str]:
    texts = TRICKY + [p.read_text() for p in sorted(DEMO.glob("*.txt"))]
    if FAKES.exists():
        with FAKES.open(newline="", encoding="utf-8") as f:
            texts += [row["article_content"] for row in csv.DictReader(f)]
    return texts


def test_boundaries_are_those_of_a_full_scan():
    for text in _texts():
        expected = [m.span() for m in _BOUNDARY.finditer(text)]
        assert list(_boundaries(text)) == expected, text[:80]


def test_sentences_end_at_stops_breaks_and_credits_but_not_abbreviations():
    text = "The U.S. said 5 died. Mr. Lee agreed!\nThen (AFP Photo) Jets struck.\tA (Photo) Caption."
    assert [s.text for s in split_sentences(text)] == [
        "The U.S. said 5 died.",
        "Mr. Lee agreed!",
        "Then (AFP Photo)",
        "Jets struck.",
        "A (Photo)",
        "Caption.",
    ]


def test_abbreviation_check_agrees_with_the_regex_at_every_stop():
    texts = _texts() + ["Sept. 3", "on 5 Sept. The", "xSept. Then", "Col. Then U.N. Then ABCDE. Then"]
    for text in texts:
        for m in _BOUNDARY.finditer(text):
            start = m.start()
            plain = text[start - 1] == "." and "\n" not in m.group(0) and "\t" not in m.group(0)
            expected = plain and bool(_ABBREV.search(text[max(0, start - 6) : start]))
            assert _after_abbreviation(text, *m.span()) == expected, text[max(0, start - 20) : start + 5]


@pytest.mark.parametrize(
    "sentence, listed",
    [
        # the list runs to the body's first function word, or to a full stop
        (
            "Tags Syria Aleppo al-Maleh Russia Rebels At least 70 fighters were killed in Aleppo province",
            "Tags Syria Aleppo al-Maleh Russia Rebels At least 70 fighters ",
        ),
        (
            "Tags Syria SOHR al-Asharah civilians Ramadan. Seventeen civilians",
            "Tags Syria SOHR al-Asharah civilians Ramadan",
        ),
        ("Ten people were killed in Aleppo.", None),
    ],
)
def test_a_keyword_list_runs_from_tags_to_the_first_function_word(sentence, listed):
    span = tag_list(sentence)
    assert (sentence[span[0] : span[1]] if span else None) == listed
