"""Credibility verdicts on hand-written reports (invented events at real places), the outlet-blind
guard, the feature helpers, and the CLI `check`."""

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civcas import credibility, pipeline, reference
from civcas.cli import app
from civcas.models import Article, Claim, Figure
from civcas.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reference"
runner = CliRunner()

HAJIN = [
    (
        "agency-a",
        "Warplanes of the US-led coalition struck the town of Hajin in Deir ez-Zor province on Wednesday, "
        "killing 20 civilians, the Syrian Observatory for Human Rights said.",
    ),
    (
        "agency-b",
        "At least 21 civilians were killed on Wednesday when coalition airstrikes hit Hajin in the eastern "
        "Deir ez-Zor countryside, according to the Syrian Observatory for Human Rights.",
    ),
    (
        "agency-c",
        "Coalition aircraft bombed Hajin, Deir ez-Zor, on Wednesday, killing 19 civilians, local officials said.",
    ),
]
INFLATED = "Coalition warplanes reportedly killed 90 civilians in Hajin in Deir ez-Zor province on Wednesday, activists said."


def article(article_id: str, outlet: str | None, text: str, published: date = date(2018, 11, 22)) -> Article:
    return Article(id=article_id, title=text.split(",")[0], text=text, outlet=outlet, published=published)


@pytest.fixture
def store(tmp_path: Path):
    with Store(str(tmp_path / "cred.db")) as s:
        for n, (outlet, text) in enumerate(HAJIN):
            a = article(f"hajin-{n}", outlet, text)
            claims = pipeline.process_article(a)
            assert s.add_article(a, claims)
            pipeline.link_and_assess(s, claims)
        yield s


def test_the_three_agreeing_reports_form_one_incident(store: Store) -> None:
    assert len({c.incident_id for c in store.claims()}) == 1


def test_inflated_figure_is_doubtful_and_the_reason_names_the_figure(store: Store) -> None:
    verdict = credibility.check_article(article("inflated", "agency-d", INFLATED), store)
    assert verdict.verdict == "doubtful"
    assert any(
        "killed.civilians: this article says 90, 3 other outlets reporting the incident say 19–21 (median 20)"
        in r
        and "4.3 times more" in r
        for r in verdict.reasons
    ), verdict.reasons
    assert verdict.score < 0.3
    assert verdict.features["other_outlets"] == 3 and verdict.features["hedges"] >= 1
    assert store.get_article("inflated") is None  # check does not store


def test_agreeing_report_is_credible(store: Store) -> None:
    text = "Coalition airstrikes on Hajin in Deir ez-Zor province killed 22 civilians on Wednesday, the Syrian Observatory said."
    verdict = credibility.check_article(article("agrees", "agency-e", text), store)
    assert verdict.verdict == "credible", verdict.reasons
    assert verdict.score > 0.7
    assert "figures attributed to a named monitor" in verdict.reasons


def test_report_matching_reference_records_is_credible(tmp_path: Path) -> None:
    with Store(str(tmp_path / "ref.db")) as s:
        s.add_references(reference.read_file(FIXTURES / "acled.csv", "acled").records)
        text = (
            "Barrel bombs dropped by government helicopters killed 9 civilians in Khan Shaykhun in Idlib province "
            "on Tuesday, the Syrian Civil Defence said."
        )
        verdict = credibility.check_article(article("ks", "agency-f", text, date(2019, 5, 15)), s)
    assert verdict.verdict == "credible", verdict.reasons
    assert verdict.references == ["acled:SYR1002 (2019-05-14, Khan Shaykhun)"]
    assert any("killed.total: this article says 9, reference records say 9" in r for r in verdict.reasons)


def test_report_far_from_reference_records_is_doubtful(tmp_path: Path) -> None:
    with Store(str(tmp_path / "ref.db")) as s:
        s.add_references(reference.read_file(FIXTURES / "acled.csv", "acled").records)
        text = (
            "Barrel bombs killed 60 civilians in Khan Shaykhun in Idlib province on Tuesday, activists said."
        )
        verdict = credibility.check_article(article("ks", None, text, date(2019, 5, 15)), s)
    assert verdict.verdict == "doubtful"
    assert any("killed.total: this article says 60, reference records say 9" in r for r in verdict.reasons)


def test_uncorroborated_report_has_insufficient_evidence(store: Store) -> None:
    text = "Shelling killed 4 people in Kafr Zita in Hama province on Monday, a local source said."
    verdict = credibility.check_article(article("kz", "agency-g", text, date(2017, 3, 7)), store)
    assert verdict.verdict == "insufficient_evidence"
    assert verdict.reasons[0] == "no reference record and no other outlet reports its incidents"
    assert verdict.features["only_source"] == 1.0


def test_outlet_blind_features_never_see_the_outlet(store: Store) -> None:
    claims = pipeline.process_article(article("inflated", "agency-d", INFLATED))
    credibility.link.link_claims(claims, [c for c in store.claims() if c.incident_id])
    evidence = credibility.evidence_from_store(store, article("inflated", "agency-d", INFLATED), claims)
    renamed = credibility.Evidence(
        evidence.incident_claims,
        {k: f"renamed-{v}" for k, v in evidence.outlets.items()},
        evidence.references,
    )
    merged = credibility.Evidence(evidence.incident_claims, dict.fromkeys(evidence.outlets, "same"), [])
    base = credibility.article_features(
        article("inflated", "agency-d", INFLATED), claims, evidence, outlet_blind=True
    )
    other = credibility.article_features(
        article("inflated", "sana", INFLATED), claims, renamed, outlet_blind=True
    )
    same = credibility.article_features(
        article("inflated", "same", INFLATED), claims, merged, outlet_blind=True
    )
    assert base == other == same
    assert not [k for k in base if k.startswith(credibility.OUTLET_PREFIXES)]
    full = credibility.article_features(article("inflated", "agency-d", INFLATED), claims, evidence)
    assert full["outlet=agency-d"] == 1.0 and "outlet=agency-d" not in credibility.without_outlet(full)


def test_date_window_follows_precision() -> None:
    day = Claim("a", 0, date=date(2019, 2, 28), date_precision="day")
    month = Claim("a", 0, date=date(2019, 2, 10), date_precision="month")
    year = Claim("a", 0, date=date(2019, 6, 1), date_precision="year")
    assert credibility.date_window(day) == (date(2019, 2, 27), date(2019, 3, 1))
    assert credibility.date_window(month) == (date(2019, 2, 1), date(2019, 2, 28))
    assert credibility.date_window(year) == (date(2019, 1, 1), date(2019, 12, 31))
    assert credibility.date_window(Claim("a", 0)) is None


def test_log_ratio_is_zero_inside_the_range_and_signed_outside() -> None:
    assert credibility.log_ratio(25, 20, 30) == 0.0
    assert credibility.log_ratio(89, 20, 29) == pytest.approx(1.0986, abs=1e-3)  # 90/30
    assert credibility.log_ratio(9, 19) < 0


def test_hedging_and_attribution() -> None:
    monitor = credibility.text_features(
        article("m", None, "Five died, the Syrian Network for Human Rights said.")
    )
    vague = credibility.text_features(
        article("v", None, "Five reportedly died, allegedly in shelling, activists said.")
    )
    none = credibility.text_features(article("n", None, "Five died in shelling."))
    assert (monitor["attribution"], vague["attribution"], none["attribution"]) == (3.0, 1.0, 0.0)
    assert vague["hedges"] == 2.0 and none["hedges"] == 0.0


def test_main_claim_prefers_the_given_governorate() -> None:
    a = Claim("a", 0, governorate="Aleppo", figures={"killed.total": Figure(3)})
    b = Claim("a", 1, governorate="Homs", figures={"killed.total": Figure(3)})
    assert credibility.main_claim([a, b]) is a
    assert credibility.main_claim([a, b], "homs") is b


def test_cli_check_reads_stdin_and_does_not_store(store: Store) -> None:
    result = runner.invoke(
        app,
        ["--db", store.url.removeprefix("sqlite:///"), "check", "-"],
        input=f"Strike on Hajin\nThu 22 Nov 2018 {INFLATED}\n",
    )
    assert result.exit_code == 0, result.output
    assert "doubtful" in result.output and "killed.civilians" in result.output
    assert store.count_articles() == 3
