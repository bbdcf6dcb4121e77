"""Which outlet a plain-text report credits itself to: one test per credit shape (texts written for these tests)."""

import pytest

from civcas.credits import find_outlet

TITLE = "Air strikes kill seven civilians in a village near Maarat al-Numan"
BODY = (
    "Seven civilians, among them two children, were killed on Monday when warplanes struck the "
    "village market, a local civil defence team said, adding that the toll could rise."
)


def report(*header: str, body: str = BODY, tail: str = "") -> str:
    return "\n\n".join([TITLE, *header, body, *([tail] if tail else [])]) + "\n"


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (report("Source: Syrian Arab News Agency"), "SANA"),
        (report("Source: [Enab Baladi](https://example.org/x)"), "Enab Baladi"),
        (report("4 March 2019 — Hama Evening Courier"), "Hama Evening Courier"),  # date first: any name
        (report("Monday, March 4, 2019 | Step News"), "Step News Agency"),
        (report("Aleppo, SMART – 4 March 2019"), "SMART News Agency"),
        (report("Hama, Monday 4 March 2019 (SANA)"), "SANA"),
        (report("Monday 4 March 2019", "North Press — RAQQA"), "North Press Agency"),
        (report("By Jane Example, Middle East Eye", "4 March 2019"), "Middle East Eye"),
        (
            report("4 March 2019", "Syrian Observatory for Human Rights"),
            "Syrian Observatory for Human Rights",
        ),
        (report(body="BEIRUT, March 4 (Reuters) - " + BODY), "Reuters"),
        (report("4 March 2019", tail="The ministry did not comment. — SANA"), "SANA"),
        (report("4 March 2019", tail="The ministry did not comment. (AFP)"), "Agence France-Presse"),
        (
            report("4 March 2019", tail="More strikes were reported later. (Source: Enab Baladi)"),
            "Enab Baladi",
        ),
        (
            report(body=BODY + " Local sources told Anadolu Agency (AA) that the jets were Russian."),
            "Anadolu Agency",
        ),
        (report(body=BODY + " A Hawar News correspondent saw the ruins."), "Hawar News Agency"),
        (report(body=BODY + " Al-Monitor could not independently verify the figures."), "Al-Monitor"),
    ],
)
def test_credit_shapes(text: str, outlet: str) -> None:
    assert find_outlet(text, TITLE) == outlet


def test_a_long_headline_does_not_hide_the_header_under_it() -> None:
    title = "Massacre in a village near Maarat al-Numan: seven civilians, two of them children, killed by warplanes"
    assert len(title) > 100
    text = f"{title}\n\n4 March 2019\nZozan Post\n\n{BODY}\n"
    assert find_outlet(text, title) == "Zozan Post"


def test_the_header_wins_over_a_source_line_in_the_body_crediting_a_quoted_piece() -> None:
    text = report("4 March 2019 — Hama Evening Courier", tail="Source: Ahmad Example for a local TV channel")
    assert find_outlet(text, TITLE) == "Hama Evening Courier"


def test_a_source_line_further_down_counts_when_the_header_names_nobody() -> None:
    text = report("Monday, 4 March 2019 10:12", tail="Source: Hama Evening Courier")
    assert find_outlet(text, TITLE) == "Hama Evening Courier"


@pytest.mark.parametrize(
    "text",
    [
        report("Monday, 4 March 2019 10:12"),  # a dateline with no outlet
        report(body="ALEPPO, Syria - " + BODY),  # a place dateline, not an outlet
        report(
            "Monday 4 March 2019", "Ahmad Example — IDLIB"
        ),  # an unknown name outside a date-first dateline
        report(
            body=BODY + " A resident told Ahmad Example that the jets came twice."
        ),  # a person, not an outlet
    ],
)
def test_no_credit_no_outlet(text: str) -> None:
    assert find_outlet(text, TITLE) is None


def test_aliases_come_out_as_the_registry_name() -> None:
    by_alias = report("Idlib, LSN – 4 March 2019")
    by_name = report(tail="The army said the operation continues. (Levant State News)")
    assert find_outlet(by_alias, TITLE) == find_outlet(by_name, TITLE) == "Levant State News"


def test_the_outlet_named_most_often_as_the_reporter_wins() -> None:
    body = (
        BODY
        + " A witness told Orient News the jets struck twice. Sources told Orient News the market was full."
        " An official told AFP the strike hit a weapons depot."
    )
    assert find_outlet(report(body=body), TITLE) == "Orient News"
