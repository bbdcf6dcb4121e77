"""The prepared text behind the gazetteer scan: its faster paths give what the general ones give."""

from pathlib import Path

import ahocorasick
import pytest

from civcas import geo, ingest
from civcas.models import Article

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


FAKES = Path(__file__).resolve().parents[2] / "shared" / "data" / "FA-KES-Dataset.csv"


def _report_texts() -> list[str]:
    demo = [p.read_text() for p in sorted(DEMO.glob("*.txt"))]
    if not FAKES.exists():
        return [*TEXTS, *demo]
    reports = [a.text for a in ingest.iter_articles([FAKES]) if isinstance(a, Article)]
    return [*TEXTS, *demo, *reports]


def test_governorates_found_in_the_gazetteer_walk_are_those_of_their_own_walk():
    gazetteer = geo.Gazetteer.default()
    assert gazetteer._side_matcher is not None  # the default gazetteer holds every governorate name
    shared, own = [], []
    for text in _report_texts():
        geo._prepare.cache_clear()
        gazetteer.find_mentions(text)  # its walk also collects the governorate names
        shared.append(geo.governorate_mentions(text))
        geo._prepare.cache_clear()
        own.append(geo.governorate_mentions(text))  # no walk before: the governorate matcher's own
    assert shared == own
    assert sum(map(len, own)) > (1_000 if FAKES.exists() else 5)


def test_a_gazetteer_without_the_governorate_names_leaves_them_to_their_own_walk():
    small = geo.Gazetteer(
        [geo.GazetteerEntry("supp:hajin", "Hajin", (), 34.69, 40.83, "Deir ez-Zor", "town")]
    )
    assert small._side_matcher is None
    text = "Jets struck Hajin in Deir ez-Zor province."
    assert [m.text for m in small.find_mentions(text)] == ["Hajin"]
    assert [(text[s:e], g) for s, e, g in geo.governorate_mentions(text)] == [
        ("Deir ez-Zor province", "Deir ez-Zor")
    ]


def test_word_spans_asked_in_any_order_are_the_words_offsets():
    for text in _report_texts()[:200]:
        prep = geo._Prepared(text)
        parts = geo._SPLIT_RE.split(text)
        assert prep.words == parts[1::2]
        n_words = len(prep.words)
        order = [*range(0, n_words, 7), *range(n_words - 1, -1, -5)]  # forwards, then backwards
        spans = [prep.span(i, i) for i in order]
        assert [text[a:b] for a, b in spans] == [parts[2 * i + 1] for i in order]
        assert [a for a, _ in spans] == [len("".join(parts[: 2 * i + 1])) for i in order]
        assert [prep.gap(i) for i in order] == [parts[2 * i] for i in order]
        runs = [prep.span(i, i + 2) for i in order if i + 2 < n_words]
        assert [text[a:b] for a, b in runs] == [
            "".join(parts[2 * i + 1 : 2 * i + 6]) for i in order if i + 2 < n_words
        ]


def test_the_bounds_of_a_run_of_words_are_its_word_offsets():
    for text in _report_texts():
        prep = geo._Prepared(text)
        n_words = len(prep.words)
        runs = [(t0, t1) for t0 in range(n_words) for t1 in (t0, t0 + 1, t0 + 3) if t1 < n_words]
        order = runs[::3] + runs[::-5]  # forwards, then backwards
        bounds = [prep.bounds(t0, t1) for t0, t1 in order]
        plain = geo._Prepared(text)
        assert bounds == [
            (plain.start(t0 - 1) if t0 else 0, plain.start(t0), plain.end(t1)) for t0, t1 in order
        ]


def test_the_placeholder_added_first_to_the_automaton_changes_no_match():
    matcher = geo.Gazetteer.default()._matcher
    plain = ahocorasick.Automaton()
    for key in matcher.by_key:
        plain.add_word(f" {key} ", (key, key.count(" ") + 1))
    plain.make_automaton()
    skel_texts = [geo._Prepared(text).skel_text for text in _report_texts()]
    found = [list(matcher.automaton().iter(skel_text)) for skel_text in skel_texts]
    assert found == [list(plain.iter(skel_text)) for skel_text in skel_texts]
    assert sum(map(len, found)) > (10_000 if FAKES.exists() else 50)


def test_words_in_no_key_stand_as_placeholders_until_a_gazetteer_has_them():
    geo.Gazetteer.default()
    text = "Shelling hit Zorbelatt Qubbani and Hajin on Monday."
    before = geo._prepare(text).skel_text
    assert before.split().count(geo._NO_KEY_WORD) >= 3  # Shelling, Zorbelatt, Qubbani, ...
    entry = geo.GazetteerEntry("supp:zq", "Zorbelatt Qubbani", (), 35.0, 38.0, "Raqqa", "village")
    small = geo.Gazetteer([entry])
    assert [m.text for m in small.find_mentions(text)] == ["Zorbelatt Qubbani"]
    assert geo._prepare(text).skel_text != before


def test_a_lower_case_word_keeps_its_skeleton_only_where_a_name_spells_it_so():
    geo.Gazetteer.default()
    skeletons = geo._prepare("a strike near the camp in Khan sheikhoun killed nine").skel_text.split()
    assert skeletons.count(geo._NO_KEY_WORD) == 6  # a, strike, near, in, killed, nine: in no name
    assert "kamp" in skeletons  # "Yarmouk camp", "Rukban camp" ...
    found = geo.Gazetteer.default().find_mentions
    assert [m.text for m in found("Jets hit Khan sheikhoun.")] == ["Khan sheikhoun"]  # a name's spelling
    assert found("Jets hit Khan sheikhuon.") == []  # but a new spelling is only read capitalised
    assert [m.text for m in found("Jets hit Khan Sheikhuon.")] == ["Khan Sheikhuon"]


@pytest.mark.parametrize(
    "found,kept",
    [
        ([(6, 9, "b"), (0, 5, "a")], [(0, 5, "a"), (6, 9, "b")]),  # none overlap: all, by start
        ([(0, 5, "a"), (3, 12, "b"), (12, 14, "c")], [(3, 12, "b"), (12, 14, "c")]),  # the longer wins
        ([(4, 8, "b"), (0, 4, "a"), (2, 6, "c")], [(0, 4, "a"), (4, 8, "b")]),  # a tie: the earlier
        ([], []),
    ],
)
def test_the_longest_matches_are_kept_and_those_they_overlap_dropped(found, kept):
    assert geo._longest_non_overlapping(found) == kept
