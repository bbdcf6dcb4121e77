"""The prepared text behind the gazetteer scan: its faster paths give what the general ones give."""

from pathlib import Path

import pytest

from civcas import geo

DEMO = Path(__file__).resolve().parents[1] / "demo"
TEXTS = [
    "Jets struck Hajin and al-Bab on Monday; 12 people were killed in Deir ez-Zor province.",
    "Hajeen's market, the Khalidiya district's school and Ma'arrat al-Numan",  # apostrophes
    "snake_case words and `quoted` ones near Raqqa",
    "Ma‘arrat an-Nu‘mān, al-Mayādīn and حلب",  # marks, combining accents, Arabic
    "İdlib and Aleppo",  # non-ASCII letter at a word start
]


@pytest.mark.parametrize("text", TEXTS + [p.read_text() for p in sorted(DEMO.glob("*.txt"))])
def test_the_word_split_agrees_with_the_token_pattern(text):
    assert geo._split_words(text) == geo._SPLIT_RE.split(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Raids on the Idlib countryside.", [("Idlib countryside", "Idlib")]),
        ("Raids on the Idlib Countryside.", [("Idlib Countryside", "Idlib")]),
        ("Raids on the idlib countryside.", []),  # a lower-case word starts no name
        ("Raids on rural Damascus.", [("rural Damascus", "Rif Dimashq")]),  # a generic lead may
        ("Raids on Deir ez-Zor province.", [("Deir ez-Zor province", "Deir ez-Zor")]),
    ],
)
def test_names_with_lower_case_words_after_the_first_are_found(text, expected):
    assert [(text[s:e], g) for s, e, g in geo.governorate_mentions(text)] == expected


def test_remembered_verdicts_give_what_a_fresh_matcher_gives():
    gaz = geo.Gazetteer.default()
    texts = [*TEXTS, *(p.read_text() for p in sorted(DEMO.glob("*.txt"))), "Bab was quiet near al-Bab."]
    warm = [gaz.find_mentions(text) for text in texts for _ in range(2)][1::2]
    cold = []
    for text in texts:
        gaz._matcher._verified.clear()
        cold.append(gaz.find_mentions(text))
    assert warm == cold
    assert sum(map(len, cold)) > 50
