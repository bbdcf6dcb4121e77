"""Casualty figures in single sentences (each a real sentence shape, written for these tests)."""

from pathlib import Path

import pytest

from civcas import ingest
from civcas.extract import lexicon as lx
from civcas.extract.figures import (
    _INCLUDING,
    _INJURED_BEFORE,
    _KILLED_BEFORE,
    _LUMPED_BEFORE,
    _OUTCOME_BEFORE_LAST_WORDS,
    _TOLL_BEFORE,
    _follows_including,
    _may_give_a_toll,
    _strip_approx,
    find_figures,
    may_name_injuries,
)
from civcas.extract.literals import fold, required_literals
from civcas.extract.numbers import find_numbers


def figures(sentence: str) -> dict[str, tuple[int, bool]]:
    found: dict[str, tuple[int, bool]] = {}
    for f in find_figures(sentence):
        found.setdefault(f.path, (f.value, f.approx))
    return found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Warplanes struck the town, killing 14 civilians and injuring dozens.",
            {"killed.civilians": (14, False), "injured.total": (24, True)},
        ),
        (
            "Nine people were killed and another 31 wounded in the blast.",
            {"killed.total": (9, False), "injured.total": (31, False)},
        ),
        (
            "The shelling killed three children and four women in the village.",
            {"killed.children": (3, False), "killed.women": (4, False)},
        ),
        ("At least 30 government soldiers were killed in the assault.", {"killed.combatants": (30, True)}),
        ("No fewer than 12 civilians died when the market was hit.", {"killed.civilians": (12, True)}),
        (
            "More than 50 civilians were killed or injured in the raids.",
            {"killed_or_injured.civilians": (50, True)},
        ),
        (
            "The strike left scores of people dead, including dozens of civilians.",
            {"killed.total": (40, True), "killed.civilians": (24, True)},
        ),
        (
            "Twenty-five civilians, among them eight children, were killed.",
            {"killed.civilians": (25, False), "killed.children": (8, False)},
        ),
        ("The attack on the camp caused 45 casualties.", {"killed_or_injured.total": (45, False)}),
        (
            "A child was killed and two women were wounded.",
            {"killed.children": (1, False), "injured.total": (2, False)},
        ),
        (
            "A mother and her child died when an aerial bomb hit their home.",
            {"killed.civilians": (2, False), "killed.women": (1, False), "killed.children": (1, False)},
        ),
        (
            "The raid killed a woman and her three children and wounded five others.",
            {
                "killed.civilians": (4, False),
                "injured.total": (5, False),
                "killed.women": (1, False),
                "killed.children": (3, False),
            },
        ),
        ("A man and his two sons were shot dead at the checkpoint.", {"killed.civilians": (3, False)}),
        (
            "At least 287 IS fighters, among them 26 minors, had been killed in the fight for the city.",
            {"killed.combatants": (287, True), "killed.children": (26, False)},
        ),
        (
            "Another 120 soldiers and pro-regime militiamen and several dozen civilians were also killed.",
            {"killed.combatants": (120, False), "killed.civilians": (24, True)},
        ),
        (
            "The group took the gas fields after killing at least 30 members of the regime troops.",
            {"killed.combatants": (30, True)},
        ),
        ("Five members of the same family were killed in the raid.", {"killed.total": (5, False)}),
        ("The blast left 25 people wounded.", {"injured.total": (25, False)}),
        (
            "40 Civilians Killed 100 Injured in New Rocket Attacks in Aleppo",
            {"killed.civilians": (40, False), "injured.total": (100, False)},
        ),
        (
            "In the attack 18 of the 31 lorries were destroyed and 20 civilians were killed.",
            {"killed.civilians": (20, False)},
        ),
        (
            "An attack on a clinic has killed two patients injured eight others and damaged the building.",
            {"killed.total": (2, False), "injured.total": (8, False)},
        ),
        # "and N others" are others than the kind counted: the total is both counts
        (
            "Five civilians and four others were killed.",
            {"killed.civilians": (5, False), "killed.total": (9, False)},
        ),
        # a headline's "Killed, Injured" with its comma lost lumps both; a count after the second word is its own
        (
            "175 Nusra Terrorists Killed Injured in Castello Road",
            {"killed_or_injured.combatants": (175, False)},
        ),
        (
            "Dozens Killed Injured in Terrorist Missile Attack on Aleppo Hospital",
            {"killed_or_injured.total": (24, True)},
        ),
        ("20 people killed, injured in blast", {"killed_or_injured.total": (20, False)}),
        (
            "The raid left 12 dead, wounded dozens.",
            {"killed.total": (12, False), "injured.total": (24, True)},
        ),
        # a toll raised by a monitor, the verb far before its number
        (
            "A monitoring group on Tuesday raised the death toll from airstrikes on a market in a northern "
            "town the previous day to 61 as rescue workers searched the rubble.",
            {"killed.total": (61, False)},
        ),
        # parts of the dead named after them
        (
            "Those killed included six women, five children and three police officers.",
            {"killed.women": (6, False), "killed.children": (5, False), "killed.total": (3, False)},
        ),
        ("Among the dead were two children.", {"killed.children": (2, False)}),
        # a count of another fate after a toll
        (
            "The attack killed 58 civilians and saw dozens suffering respiratory problems.",
            {"killed.civilians": (58, False)},
        ),
        ("The wounded included 12 children.", {"injured.total": (12, False)}),
        # the count of the bombs or bombers is not a toll
        ("Two car bombs killed at least 25 people in Homs.", {"killed.total": (25, True)}),
        (
            "Three suicide bombers killed at least two people near the police headquarters.",
            {"killed.total": (2, True)},
        ),
        # an article after a preposition is not the next count: the outcome lies past it
        (
            "A woman was killed and 25 others on a bus were wounded in a town south of the city.",
            {"killed.women": (1, False), "injured.total": (25, False)},
        ),
        (
            "Four medical staff from a dispensary in Maarzaf in southern Hama province were also killed in "
            "what were likely Russian strikes.",
            {"killed.total": (4, False)},
        ),
    ],
)
def test_casualty_figures(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Monitors counted no fewer than 40 airstrikes on the town on Monday.",
        "An estimated 6,000 fighters took part in the offensive.",
        "The group controls some 28 percent of the country.",
        "The bombing destroyed more than 10,000 buildings in the city.",
        "The offensive began on 12 March 2018 and lasted 40 days.",
        "... 016 Tags civilian deaths anti-Daesh coalition airstrikes Deir ez-Zor Syria",
        # after a verb, the article's phrase holds an outcome of its own: the man is not hurt
        "A man carries an injured girl after an airstrike on the town.",
        # "terrorist" describes the explosions: no terrorists counted, however far on "deaths" comes
        "Two terrorist explosions near the Akrameh school and the Zaim hospital caused deaths and injuries.",
    ],
)
def test_numbers_that_are_not_casualties(sentence):
    assert figures(sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Six civilians who hid in a basement were killed in Douma on Monday, activists said.",
            {"killed.civilians": (6, False)},
        ),
        (
            "Four children who were playing in the street were killed in an airstrike.",
            {"killed.children": (4, False)},
        ),
        (
            "Twelve people who were wounded in the shelling were taken to hospital.",
            {"injured.total": (12, False)},
        ),
        (
            "Nine fighters who were guarding the checkpoint were also killed.",
            {"killed.combatants": (9, False)},
        ),
        ("Six civilians, who had fled the fighting, died in the camp.", {"killed.civilians": (6, False)}),
    ],
)
def test_outcome_after_a_relative_clause_on_the_counted_people(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Three gunmen who stormed the village were arrested by the police.",  # an active verb: what they did
        "Three buses carried people who were injured in the convoy attack.",  # others' relative clause
        "A boy who was injured in the blast sits in a tent near the border.",  # a photo caption
    ],
)
def test_relative_clause_that_says_nothing_of_the_counted_people(sentence):
    assert figures(sentence) == {}


def test_citizens_are_civilians_but_a_citizen_journalist_is_a_journalist():
    assert figures("Terrorists fired a rocket shell on the street, killing 3 citizens.") == {
        "killed.civilians": (3, False)
    }
    assert figures("The group says 58 citizen journalists have been killed.") == {"killed.total": (58, False)}


def test_a_count_with_a_verb_of_its_own_does_not_share_the_previous_outcome():
    sentence = "Six people died and over 10 people have been hospitalized, the hospital staff said."
    assert [(f.path, f.value) for f in find_figures(sentence)] == [("killed.total", 6)]
    sentence = "More than 30 people were injured, at least three killed and dozens were unaccounted for."
    assert [(f.path, f.value) for f in find_figures(sentence)] == [("injured.total", 30), ("killed.total", 3)]


def test_a_single_nurse_or_journalist_is_counted():
    sentence = "Four medics were killed and a nurse critically wounded when an air strike hit the clinic."
    assert figures(sentence) == {"killed.total": (4, False), "injured.total": (1, False)}
    assert figures("A journalist was killed by a sniper in the old city.") == {"killed.total": (1, False)}


def test_a_bare_number_before_a_toll_shares_nothing_with_it():
    sentence = "Get short URL 4016 At least 12 civilians were reportedly killed in coalition airstrikes."
    assert [(f.path, f.value) for f in find_figures(sentence)] == [("killed.civilians", 12)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Twin blasts near Damascus claiming 4 martyrs and 13 injured.",
            [("killed.total", 4), ("injured.total", 13)],
        ),
        (
            "Activists say at least 65 bodies of civilians have been found in the town.",
            [("killed.total", 65)],
        ),
        ("A video showed a room filled with more than 90 bodies.", [("killed.total", 90)]),
    ],
)
def test_martyrs_and_bodies_are_the_dead(sentence, expected):
    assert [(f.path, f.value) for f in find_figures(sentence)][: len(expected)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Air strikes hit a school, killing 22 children and six teachers.",
            [("killed.children", 22), ("killed.total", 28)],
        ),
        (
            "Raids killed nine children and 14 others, activists said.",
            [("killed.children", 9), ("killed.total", 23)],
        ),
        ("Airstrikes killed three children and four women.", [("killed.children", 3), ("killed.women", 4)]),
        (
            "The attack on the convoy killed a staff member and around 20 civilians.",
            [("killed.total", 21), ("killed.civilians", 20)],
        ),
    ],
)
def test_the_dead_of_another_kind_beside_a_category_add_up_to_the_total(sentence, expected):
    assert [(f.path, f.value) for f in find_figures(sentence)] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "At Least 48 Killed and Injured in Mortar Attacks on Aleppo",
        "Aleppo's Civilian Massacre Continues: 88 Killed & Injured",
        "The strike left dozens of dead and injured among the troops.",
    ],
)
def test_a_count_of_killed_and_injured_is_lumped(sentence):
    assert [f.path for f in find_figures(sentence)] == ["killed_or_injured.total"]


def test_twelve_year_old_is_one_child_not_twelve_dead():
    assert figures("A 12-year-old boy was killed by a sniper.") == {"killed.children": (1, False)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a day after a short month with a full stop is a date, the count after it is not
        ("On Jan. 15 a strike killed 8 civilians.", {"killed.civilians": (8, False)}),
        # a day after "Sept" is a date; a year-like number before "people" is a count
        ("Shelling on Sept 3 left 1990 people wounded.", {"injured.total": (1990, False)}),
        ("The strike caused no casualties.", {"killed.total": (0, False), "injured.total": (0, False)}),
        (
            "A mother and her two daughters were killed.",
            {"killed.civilians": (3, False), "killed.women": (1, False)},
        ),
    ],
)
def test_dates_units_and_families_beside_counts(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Five civilians of one family including a child were killed in the strike on the market.",
            {"killed.civilians": (5, False), "killed.children": (1, False)},
        ),
        (
            "Six civilians from the same family were killed when the shell hit their home.",
            {"killed.civilians": (6, False)},
        ),
        ("The strike killed six families who had sheltered in the school.", {}),
        ("One family was killed when the building collapsed.", {}),
        ("Four family members were killed in the raid.", {"killed.total": (4, False)}),
    ],
)
def test_a_family_is_not_a_count_of_people(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence, injured",
    [
        ("Nine people including two children were killed and dozens injured in the shelling.", 24),
        ("Seven civilians, among them a woman, were killed and 13 others were wounded.", 13),
    ],
)
def test_an_including_clause_ends_at_its_verb(sentence, injured):
    found = {f.path: f for f in find_figures(sentence)}
    assert found["injured.total"].value == injured
    assert not found["injured.total"].subordinate  # the wounded are not a part of the dead
    assert found["killed.children" if "children" in sentence else "killed.women"].subordinate


@pytest.mark.parametrize(
    "sentence, part, injured",
    [
        ("Five people were killed including two children and 12 were wounded.", "killed.children", 12),
        (
            "On Monday 10 civilians were killed including a child and 37 others were injured in the shelling.",
            "killed.children",
            37,
        ),
        ("The raid killed eight fighters, including a commander, and wounded 15 others.", None, 15),
        (
            "A source said that seven civilians were killed among them a child and two women and nine "
            "others were injured due to a rocket attack.",
            "killed.women",
            9,
        ),
        (
            "The shelling killed 12 people including four children and wounded 30 others.",
            "killed.children",
            30,
        ),
    ],
)
def test_a_part_named_after_its_verb_keeps_that_verb_and_the_next_count_is_its_own(sentence, part, injured):
    found = {f.path: f for f in find_figures(sentence)}
    if part:
        assert found[part].subordinate  # a part of the dead, not of the wounded
    assert found["injured.total"].value == injured
    assert not found["injured.total"].subordinate  # a count of its own, with a verb of its own


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Three civilians were killed and more than twenty others suffered from suffocation on Sunday.",
            {"killed.civilians": (3, False), "injured.total": (20, True)},
        ),
        ("More than 35 people suffered suffocation after the gas attack.", {"injured.total": (35, True)}),
        (
            "The governor put the death toll at six and the number of injured at 28.",
            {"killed.total": (6, False), "injured.total": (28, False)},
        ),
        (
            "The rocket led to the killing of one person and the injury of 40 others.",
            {"killed.total": (1, False), "injured.total": (40, False)},
        ),
        (
            "The shelling led to the death of eight and the injuries of 89, state TV said.",
            {"killed.total": (8, False), "injured.total": (89, False)},
        ),
        (
            "The jets struck their positions, which ended in the killing or wounding of several terrorists.",
            {"killed_or_injured.combatants": (3, True)},
        ),
    ],
)
def test_the_injury_of_a_number_is_injured(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "At least 12 Islamist fighters were killed in clashes in the city.",
            {"killed.combatants": (12, True)},
        ),
        ("Five rescue workers were killed when the second strike hit.", {"killed.total": (5, False)}),
        (
            "At least 40 Takfiri insurgents were killed as the forces advanced.",
            {"killed.combatants": (40, True)},
        ),
        ("The shell killed two teachers at the school.", {"killed.total": (2, False)}),
        ("A jihadist group has publicly executed and crucified nine men.", {"killed.total": (9, False)}),
        ("Two rebel groups said 12 fighters were killed in the assault.", {"killed.combatants": (12, False)}),
        (
            "A terrorist car bomb attack killed four people and wounded six others.",
            {"killed.total": (4, False), "injured.total": (6, False)},
        ),
        (
            "A Russian air strike killed 49 Nusra Front militants in Idlib.",
            {"killed.combatants": (49, False)},
        ),
        (
            "The army killed 28 and wounded 30 Daesh terror group militants in the city.",
            {"killed.combatants": (28, False), "injured.total": (30, False)},
        ),
        (
            "The opposition accused government forces of killing well over 1000 civilians with gas.",
            {"killed.civilians": (1000, True)},
        ),
    ],
)
def test_words_beside_the_counted_people_and_hedges(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Six civilians including a child were among at least 22 people killed in the raids.",
            [("killed.civilians", 6, False), ("killed.children", 1, True), ("killed.total", 22, False)],
        ),
        (
            "Seven children were among 71 civilians killed in the strikes.",
            [("killed.children", 7, False), ("killed.civilians", 71, False)],
        ),
        (
            "Two medics were among at least 31 people killed on Saturday.",
            [("killed.total", 2, True), ("killed.total", 31, False)],
        ),
        ("The source said three students were among the injured.", [("injured.total", 3, True)]),
    ],
)
def test_a_count_among_a_toll_shares_its_outcome(sentence, expected):
    assert [(f.path, f.value, f.subordinate) for f in find_figures(sentence)] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # a flattened report lost the comma: the second count has a verb of its own
            "At least 14 people were killed 25 were wounded in a suicide attack on a wedding.",
            [("killed.total", 14), ("injured.total", 25)],
        ),
        (
            "The strike killed 12 and 30 were seriously injured.",
            [("killed.total", 12), ("injured.total", 30)],
        ),
        ("The shelling killed 12 who were wounded earlier.", [("killed.total", 12)]),
        # the outcome word after a count is the next count's verb when a verb precedes the first
        (
            "A suicide bomber killed 30 people injured 90 on Monday.",
            [("killed.total", 30), ("injured.total", 90)],
        ),
        (
            "Rocket Attacks Kill 10 Civilians Injured Dozens in Daraa",
            [("killed.civilians", 10), ("injured.total", 24)],
        ),
        ("40 Civilians Killed 100 Injured in Aleppo", [("killed.civilians", 40), ("injured.total", 100)]),
    ],
)
def test_a_count_with_its_own_outcome_verb_is_not_the_object_of_the_verb_before(sentence, expected):
    assert [(f.path, f.value) for f in find_figures(sentence)] == expected


FAKES = Path(__file__).resolve().parents[3] / "shared" / "data" / "FA-KES-Dataset.csv"


@pytest.mark.skipif(not FAKES.exists(), reason="../shared/data/FA-KES-Dataset.csv not present")
def test_last_word_check_passes_every_window_an_outcome_pattern_matches():
    """The endswith check that spares the outcome searches before a number lets through every window
    they match, on the 804 FA-KES articles."""
    patterns = (_LUMPED_BEFORE, _INJURED_BEFORE, _KILLED_BEFORE)
    matched = 0
    for article in ingest.iter_articles([FAKES]):
        folded = fold(article.text)
        for n in find_numbers(article.text):
            before = _strip_approx(folded[max(0, n.start - 40) : n.start])
            if any(p.search(before) for p in patterns):
                matched += 1
                assert before.rstrip().endswith(_OUTCOME_BEFORE_LAST_WORDS), before
    assert matched > 100


@pytest.mark.skipif(not FAKES.exists(), reason="../shared/data/FA-KES-Dataset.csv not present")
def test_toll_check_passes_every_window_the_toll_pattern_matches():
    """Every window before a number that TOLL_BEFORE matches holds "toll", the one word the check
    before it looks for, on the 804 FA-KES articles."""
    matched = 0
    for article in ingest.iter_articles([FAKES]):
        folded = fold(article.text)
        for n in find_numbers(article.text):
            window = _strip_approx(folded[max(0, n.start - 200) : n.start])
            if _TOLL_BEFORE.search(window):
                matched += 1
                assert _may_give_a_toll(window), window
    assert matched > 20


@pytest.mark.parametrize("pattern", [lx.LUMPED, lx.INJURED_RE])
def test_injury_check_passes_every_literal_an_injury_pattern_needs(pattern):
    assert all(may_name_injuries(literal) for literal in required_literals(pattern))


def test_including_check_passes_every_literal_the_including_pattern_needs():
    assert all(_follows_including(literal + " 5") for literal in required_literals(_INCLUDING))


def test_others_in_a_clause_of_their_own_are_more_of_the_kind_counted_before():
    sentence = "At least 15 civilians were killed in Manbij while six others were killed in a village nearby."
    assert [(f.path, f.value) for f in find_figures(sentence)] == [
        ("killed.civilians", 15),
        ("killed.civilians", 6),
    ]


def test_two_joined_counts_of_one_kind_are_one_count_of_both():
    sentence = "It said 30 regime soldiers and 39 rebel fighters had been killed in battles around Al Maleh."
    assert [(f.path, f.value, f.subordinate) for f in find_figures(sentence)] == [
        ("killed.combatants", 69, False),
        ("killed.combatants", 39, True),
    ]
    # a range is no sum: its low end is the count
    assert figures("Between 500 and 1300 people died on Wednesday.")["killed.total"] == (500, True)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The death toll from Tuesday's rocket attacks on the same neighbourhood was put at 8 civilians "
            "in addition to 12 injured.",
            {"killed.civilians": 8, "injured.total": 12},
        ),
        ("The death toll from the bombing has been estimated at 30.", {"killed.total": 30}),
        ("The death toll has risen to 45, the monitor said.", {"killed.total": 45}),
    ],
)
def test_a_toll_put_or_estimated_at_a_count_is_the_dead(sentence, expected):
    assert {f.path: f.value for f in find_figures(sentence)} == expected


@pytest.mark.parametrize(
    "sentence, whole, part",
    [
        (
            "The death toll from the attack on the town has risen to 86 30 of them children, a monitor said.",
            ("killed.total", 86),
            ("killed.children", 30),
        ),
        (
            "Air strikes killed 25 civilians, six of them children.",
            ("killed.civilians", 25),
            ("killed.children", 6),
        ),
        (
            "Ten people were killed, five of them were civilians.",
            ("killed.total", 10),
            ("killed.civilians", 5),
        ),
        ("The toll rose to 86, including 30 children.", ("killed.total", 86), ("killed.children", 30)),
        (
            "The gunmen executed nine men, eight of them rebels.",
            ("killed.total", 9),
            ("killed.combatants", 8),
        ),
    ],
)
def test_a_part_named_after_its_count_is_a_part_of_it(sentence, whole, part):
    found = {f.path: f for f in find_figures(sentence)}
    assert (found[whole[0]].value, found[whole[0]].subordinate) == (whole[1], False)
    assert (found[part[0]].value, found[part[0]].subordinate) == (part[1], True)


def test_a_part_of_two_kinds_names_neither():
    found = {
        f.path for f in find_figures("The monitor says 34 people were killed, 6 of them women or children.")
    }
    assert "killed.women" not in found and "killed.children" not in found


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Army units eliminated a number of terrorists near the village.", {"killed.combatants": 3}),
        ("The strike eliminated 49 other militants, the ministry said.", {"killed.combatants": 49}),
        ("The ministry reported the elimination of 34 militants in the area.", {"killed.combatants": 34}),
        ("Some 20 militants were eliminated in the raid.", {"killed.combatants": 20}),
        # what is eliminated and counted is no one: gatherings, positions
        ("An army unit eliminated a number of gatherings of terrorists near the village.", {}),
        ("The unit eliminated 12 in the village, a source said.", {}),
    ],
)
def test_eliminated_fighters_are_killed_but_a_count_without_people_is_not(sentence, expected):
    assert {f.path: f.value for f in find_figures(sentence)} == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Another woman was killed by sniper fire in the town.", {"killed.women": 1}),
        ('"Another child died of his wounds in hospital," the doctor said.', {"killed.children": 1}),
        ("Another seven people were killed in raids further north.", {"killed.total": 7}),
        ("The strikes killed another 12 people in the village.", {"killed.total": 12}),
    ],
)
def test_another_victim_opening_a_sentence_is_one_more_dead(sentence, expected):
    assert {f.path: f.value for f in find_figures(sentence)} == expected


def test_a_woman_and_child_are_two_dead_one_of_them_a_child():
    found = {
        f.path: f.value
        for f in find_figures("A woman and child were killed after terrorists shelled the square.")
    }
    assert found == {"killed.civilians": 2, "killed.women": 1, "killed.children": 1}
    # plural children with no count say not how many: only the man is counted
    assert {f.path: f.value for f in find_figures("A man and children were killed.")} == {"killed.total": 1}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The commander and nine of his comrades were killed in a battle near the town.",
            {"killed.combatants": 9},
        ),
        ("Five of their children were killed when the shell hit the house.", {"killed.children": 5}),
        # "of the" takes a part of a count given before: no toll of its own
        ("Fifteen of the wounded were taken to Turkey.", {}),
    ],
)
def test_a_count_of_someones_people_counts_them(sentence, expected):
    assert {f.path: f.value for f in find_figures(sentence)} == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a count after "and" with a verb of its own does not share the first count's outcome
        (
            "A month of fighting in the province has killed nearly 300 fighters and displaced 100000 civilians.",
            {"killed.combatants": 300},
        ),
        (
            "The army shelled the neighbourhood, killing 8 gunmen and destroying two cannons.",
            {"killed.combatants": 8},
        ),
        # but a plain coordinated count does
        ("The raid killed three children and four women.", {"killed.children": 3, "killed.women": 4}),
    ],
)
def test_a_count_with_a_verb_of_its_own_after_and_is_not_a_casualty(sentence, expected):
    assert {f.path: f.value for f in find_figures(sentence)} == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Local media said 12 Daesh members were killed by the SDF.", {"killed.combatants": 12}),
        ("Five army members were killed at the checkpoint.", {"killed.combatants": 5}),
        # members of a family are people, not fighters
        ("Five family members were killed in the strike.", {"killed.total": 5}),
    ],
)
def test_members_of_an_armed_group_named_before_them_are_combatants(sentence, expected):
    assert {f.path: f.value for f in find_figures(sentence)} == expected


def test_counts_of_two_sides_share_the_noun_after_the_second():
    found = find_figures("The monitor said 30 regime and 39 rebel fighters were killed.")
    # the two counts add up to the toll; the second is also a part of it
    assert [(f.path, f.value, f.subordinate) for f in found] == [
        ("killed.combatants", 69, False),
        ("killed.combatants", 39, True),
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # women and children counted together are neither a count of women nor one of children
        (
            "The strike killed at least 70 people including dozens of women and children.",
            {"killed.total": 70},
        ),
        ("The raid killed eight women and children in the village.", {"killed.total": 8}),
        # counted apart, each is its own count
        ("The raid killed three women and two children.", {"killed.women": 3, "killed.children": 2}),
    ],
)
def test_women_and_children_counted_together_are_no_count_of_either(sentence, expected):
    found: dict[str, int] = {}
    for f in find_figures(sentence):
        found.setdefault(f.path, f.value)
    assert found == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The army killed a confirmed 33 militants on Sunday.", {"killed.combatants": 33}),
        ("The strikes killed an additional 12 civilians.", {"killed.civilians": 12}),
    ],
)
def test_a_word_between_the_verb_and_its_count_does_not_hide_the_outcome(sentence, expected):
    assert {f.path: f.value for f in find_figures(sentence)} == expected
