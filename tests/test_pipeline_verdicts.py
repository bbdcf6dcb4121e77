"""`civcas run` stores a credibility verdict for every article it adds and re-assesses the articles
whose incidents change (demo reports: synthetic, written for this project)."""

from pathlib import Path

from civcas import pipeline
from civcas.store import Store

DEMO = Path(__file__).resolve().parents[1] / "demo"


def test_a_report_is_reassessed_when_another_outlet_joins_its_incident(tmp_path):
    with Store(str(tmp_path / "civcas.db")) as store:
        pipeline.run([DEMO / "d01_hajin_levantnews.txt"], store)
        alone = store.assessment("d01_hajin_levantnews")
        assert alone.verdict == "insufficient_evidence"
        assert alone.reasons[0] == "no reference record and no other outlet reports its incidents"

        pipeline.run([DEMO / "d03_hejjin_freesyriacouncil.txt"], store)
        corroborated = store.assessment("d01_hajin_levantnews")
        assert corroborated.verdict == "credible"
        assert any(
            "this article says 30, 1 other outlet reporting the incident say 36" in r
            for r in corroborated.reasons
        )
        assert corroborated.features["other_outlets"] == 1.0
        assert store.assessment("d03_hejjin_freesyriacouncil").verdict == "credible"


def test_every_article_added_gets_a_verdict_even_without_claims(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "Weekly briefing\n\nThe committee met on Tuesday to discuss the budget.\n", encoding="utf-8"
    )
    with Store(str(tmp_path / "civcas.db")) as store:
        report = pipeline.run([notes, DEMO / "d20_ratla_landmine_zozanpost.txt"], store)
        assert sorted(report.added) == ["d20_ratla_landmine_zozanpost", "notes"]
        assert store.claims(article_id="notes") == []
        assert {a.article_id: a.verdict for a in store.assessments()} == {
            "d20_ratla_landmine_zozanpost": "insufficient_evidence",
            "notes": "insufficient_evidence",
        }
