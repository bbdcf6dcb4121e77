from datetime import date

import pytest

from civcas.extract.dates import find_dates

THURSDAY = date(2018, 12, 6)


def resolved(text: str, published: date | None = THURSDAY) -> list[tuple[date | None, str | None]]:
    return [(d.value, d.precision) for d in find_dates(text, published)]


def test_weekday_resolves_to_the_most_recent_such_day():
    assert resolved("Jets struck the town early Wednesday.") == [(date(2018, 12, 5), "day")]
    assert resolved("The raid happened on Thursday.") == [(THURSDAY, "day")]
    assert resolved("The raid happened on Saturday.") == [(date(2018, 12, 1), "day")]


def test_yesterday_and_overnight():
    assert resolved("Sources said yesterday that ...") == [(date(2018, 12, 5), "day")]
    assert resolved("Shelling continued overnight.") == [(THURSDAY, "day")]


def test_month_day_without_year_takes_the_publication_year_or_the_one_before():
    assert resolved("On November 15, warplanes struck.") == [(date(2018, 11, 15), "day")]
    assert resolved("On December 20, warplanes struck.") == [(date(2017, 12, 20), "day")]


def test_explicit_dates_and_years():
    assert resolved("the attack of 21 August 2013") == [(date(2013, 8, 21), "day")]
    assert resolved("the assault on Raqqa in 2017") == [(date(2017, 1, 1), "year")]
    assert resolved("In late November, the project began") == [(date(2018, 11, 1), "month")]


def test_a_street_named_after_a_date_is_not_a_date():
    assert resolved("Shells landed near the bakery and April 7th Street.") == []
    assert resolved("Shells landed on 7 April, near the bakery.") == [(date(2018, 4, 7), "day")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between 21 and 26 of November the hospitals received 270 dead.", [(date(2018, 11, 21), "day")]),
        ("The raids from 3 to 5 November killed 40.", [(date(2018, 11, 3), "day")]),
        ("The casualties occurred between Nov. 14 to Nov. 17 in clashes.", [(date(2018, 11, 14), "day")]),
        ("From November 3 to November 9, jets struck the town.", [(date(2018, 11, 3), "day")]),
    ],
)
def test_a_span_of_days_is_dated_by_the_day_it_began(text, expected):
    assert resolved(text) == expected


def test_a_span_of_days_keeps_its_words_as_evidence():
    (found,) = find_dates("Between 21 and 26 of November the hospitals received 270 dead.", THURSDAY)
    assert found.text == "21 and 26 of November"


def test_vague_relative_dates_are_not_pinned():
    assert resolved("Last week, the coalition killed at least 40 people.") == [(None, None)]


def test_without_publication_date_relative_dates_stay_unresolved():
    assert resolved("early Wednesday", None) == [(None, "day")]


def test_a_date_keeps_its_text_as_written():
    text = "Jets struck EARLY Wednesday, on 21 August 2013, In March and YESTERDAY."
    assert [d.text for d in find_dates(text, THURSDAY)] == [
        "EARLY Wednesday",
        "21 August 2013",
        "In March",
        "YESTERDAY",
    ]


@pytest.mark.parametrize("space", [" ", "\t", "\n", "\x1c", "\x1f", "\x0b"])
def test_an_ascii_text_reads_as_a_unicode_one(space):
    def dates(text):
        return [(d.value, d.precision, d.start, d.end) for d in find_dates(text, date(2016, 5, 20))]

    text = f"X: on{space}Monday,{space}5th{space}of{space}May,{space}2016 and since{space}April{space}2015, last{space}Friday"
    assert dates("Ḥ" + text[1:]) == dates(text)
    assert len(dates(text)) == 3  # every one of these is a space to Unicode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The raid on the 5th of\nMay killed 4.", [(date(2018, 5, 5), "day")]),
        ("On Sept.  3 a strike hit the market.", [(date(2018, 9, 3), "day")]),
        ("Residents may return to the market in March, officials said.", [(date(2018, 3, 1), "month")]),
        ("Residents may return to the market, officials said.", []),
    ],
)
def test_a_day_beside_a_month_however_spaced(text, expected):
    assert resolved(text) == expected
