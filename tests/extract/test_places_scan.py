from pathlib import Path

import pytest

from civcas import ingest
from civcas.extract import places
from civcas.models import Article

DEMO = Path(__file__).resolve().parents[2] / "demo"


def _plain(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), i.kind) for i in places._INTRODUCED for m in i.pattern.finditer(text)]


def _scanned(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), kind) for m, kind in places._introduced(text, places.fold(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Jets struck the town of Hajin, the al-Shaar neighbourhood and Kafr Nabl village.",
        "Shells fell near al-Bab (the town of al-Rai) and on the Euphrates River.",
        "Xtown Hajintown: near El-Mayadin; the outskirts of the Yarmouk camp.",
        "the village of Ain Issa's market and the Khalidiya district's school",
        "İnside the town of Hajin, near al-Bab",  # fold lengthens "İ": runs are folded one by one
        "the town. of Hajin, the Jazeera river: villages of Kafr Nabl, on al-Rai",  # literals across runs
        "the al-Foo Bar-Baz Qux town, Ma'arrat al-Numan district; the Great Zab River, Tigris River",
        "One Two Three Four Five village\tSix Seven town and\nEight neighbourhood of Nine",
        "(Hajin town; Foo\nBar village, 12 camp, x-Bab district, \u1e24ama quarter, the town, al-Rai Town",
        "skin al-Bab, into al-Rai, from al-Foo-in al-Bar, near Al-Tanf near el-Bab town of town of Hajin",
    ],
)
def test_scanning_runs_finds_what_scanning_the_whole_text_finds(text):
    assert _scanned(text) == _plain(text) != []


def test_scanning_runs_agrees_on_the_demo_reports():
    texts = [path.read_text() for path in sorted(DEMO.glob("*.txt"))]
    found = 0
    for text in texts:
        assert _scanned(text) == _plain(text)
        found += len(_plain(text))
    assert found > 20


FAKES = Path(__file__).resolve().parents[3] / "shared" / "data" / "FA-KES-Dataset.csv"


@pytest.mark.skipif(not FAKES.exists(), reason="../shared/data/FA-KES-Dataset.csv not present")
def test_scanning_runs_agrees_on_the_fakes_reports():
    texts = [a.text for a in ingest.iter_articles([FAKES]) if isinstance(a, Article)]
    assert [_scanned(text) for text in texts] == [_plain(text) for text in texts]


@pytest.mark.parametrize(
    "text",
    ["the town of of Hajin, subarea of X, city of city of town of ", "area of", "of the town", ""],
)
def test_literals_sharing_a_suffix_are_found_where_each_literal_is_found(text):
    literals = ("town of ", "area of ", "subarea of ", "city of ")
    each = sorted(i for literal in literals for i in range(len(text)) if text.startswith(literal, i))
    assert places._common_suffix(literals) == " of "
    assert sorted(places._literal_starts(text, literals)) == each


def _windows_before_capitals(width: int) -> list[str]:
    texts = [path.read_text() for path in sorted(DEMO.glob("*.txt"))]
    texts.append("the Town Of The \nHajin; residents of Foua and\nKafraya; the villages of\nZ")
    texts.append("in the neighbourhoods of Bustan al-Qasr, Salaheddine and Mashhad")
    return [text[max(0, i - width) : i] for text in texts for i, c in enumerate(text) if c.isupper()]


@pytest.mark.parametrize(
    "pattern,gate,width",
    [
        (places._ORIGIN_BEFORE, places._ORIGIN_GATE, 80),
        (places._ITEMS_BEFORE, places._ITEMS_BEFORE_GATE, 160),
    ],
)
def test_the_literal_test_passes_every_window_the_pattern_matches(pattern, gate, width):
    windows = [w for w in _windows_before_capitals(width) if pattern.search(w)]
    assert len(windows) >= 3
    assert all(gate.may_match(w) for w in windows)
    assert not all(gate.may_match(w) for w in _windows_before_capitals(width))


def test_the_introducer_test_passes_every_window_the_pattern_matches():
    windows = [w for w in _windows_before_capitals(80) if places._INTRODUCER_BEFORE.search(w)]
    assert len(windows) >= 3
    assert any(w.endswith("\n") for w in windows)
    assert all(places._may_end_with_introducer(places.fold(w)) for w in windows)


@pytest.mark.parametrize(
    "pattern,gate",
    [
        (places._ORIGIN_BEFORE, places._ORIGIN_GATE),
        (places._ITEMS_BEFORE, places._ITEMS_BEFORE_GATE),
        (places._PART_OF_THE_CITY, places._PART_OF_THE_CITY_GATE),
    ],
)
def test_a_gate_passes_exactly_the_texts_holding_one_of_its_literals(pattern, gate):
    literals = places.required_literals(pattern)
    texts = [*_windows_before_capitals(160), "shelling of the eastern part of the city", "east of the City"]
    holding = [any(literal in places.fold(t) for literal in literals) for t in texts]
    assert [gate.may_match(t) for t in texts] == holding
    assert any(holding) and not all(holding)


def test_the_introducer_at_the_end_is_found_by_trying_only_the_last_positions():
    texts = [path.read_text() for path in sorted(DEMO.glob("*.txt"))]
    if FAKES.exists():
        texts += [a.text for a in ingest.iter_articles([FAKES]) if isinstance(a, Article)][:300]
    texts.append("the Neighbourhood Of The \n in the neighbourhood of the \n")
    windows = [text[max(0, i - 80) : i] for text in texts for i, c in enumerate(text) if c.isupper()]
    windows += ["in the neighbourhood of the \n", "town of ", "xtown of "]
    found = [bool(places._INTRODUCER_BEFORE.search(w)) for w in windows]
    assert [places._ends_with_introducer(w) for w in windows] == found
    assert sum(found) > 20


def test_a_direction_is_sought_only_where_the_window_ends_with_one():
    texts = [path.read_text() for path in sorted(DEMO.glob("*.txt"))]
    texts.append("eastern Aleppo, WESTERN  Homs, ſouth\nDaraa, Northeast Hama, northern-Idlib, İn east Raqqa")
    found = [
        [bool(places._direction_before(text, places.fold(text), i)) for i in range(len(text))]
        for text in texts
    ]
    searched = [
        [bool(places._DIRECTION_BEFORE.search(text[max(0, i - 12) : i])) for i in range(len(text))]
        for text in texts
    ]
    assert found == searched
    assert sum(found[-1]) >= 4


@pytest.mark.parametrize("text", ["the town of Hajin", "İnside the town of Hajin", "Straße of ΣΑ Hajin"])
def test_a_window_of_the_folded_text_is_the_window_folded(text):
    folded = places.fold(text)
    windows = [(i, j) for i in range(len(text)) for j in range(i, len(text) + 1)]
    assert all(places._fold_of(text, folded, i, j) == places.fold(text[i:j]) for i, j in windows)


def test_a_mention_and_its_flagged_copy_are_ranked_by_kind_and_governorate_seat():
    text = "Jets struck Aleppo and the village of Kafr Nabl, in the towns of Hajin, Susah and Baghuz."
    found = {m.name: m for m in places.find_places(text)}
    assert found["Aleppo"].rank == places.KIND_RANK["capital"]
    assert found["Kafr Nabl"].rank == places.KIND_RANK["town"]
    listed = [m for m in found.values() if m.listed]
    assert listed and all(m.rank == places._rank(m.kind, m.name) for m in listed)


@pytest.mark.skipif(not FAKES.exists(), reason="../shared/data/FA-KES-Dataset.csv not present")
def test_outlet_noun_check_equals_its_regex_at_every_capital_in_fakes():
    import re

    from civcas.extract.places import _outlet_before

    plain = re.compile(r"\b(?:channel|broadcaster|newspaper|station|news agency|network)\s+$", re.I)
    texts = [a.text for a in ingest.iter_articles([FAKES]) if isinstance(a, Article)]
    texts.append("the TV channel Al-Mayadin, a subnetwork Aleppo, the station  Homs, CHANNEL Idlib")
    checked = 0
    for text in texts:
        for m in re.finditer(r"[A-Z]", text):
            i = m.start()
            assert _outlet_before(text, i) == bool(plain.search(text, max(0, i - 30), i)), text[
                max(0, i - 30) : i + 10
            ]
            checked += 1
    assert checked > 50_000


def test_the_org_word_prefilter_agrees_with_the_pattern_after_every_word(agreement_after_every_word):
    """_org_after reads the next word's first letters before running its pattern: after every word of
    these reports it must answer as the pattern alone does."""
    hand_text = (
        "Aleppo Media Center; Idlib Operations Room said; Homs - TV; Hama airport authority; Raqqa's ally; "
        "Daraa\u00a0Police; Deir ez-Zor province council; Homs city; Tartus-based"
    )

    def pattern_alone(text: str, end: int) -> bool:
        return places._ORG_AFTER.match(text[end : end + 30]) is not None

    assert agreement_after_every_word(hand_text, places._org_after, pattern_alone) > 8
