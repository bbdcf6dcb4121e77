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


def test_a_changed_report_under_a_stored_id_is_kept_as_a_revision(tmp_path):
    report_file = tmp_path / "hajin.txt"
    original = (DEMO / "d01_hajin_levantnews.txt").read_text(encoding="utf-8")
    report_file.write_text(original, encoding="utf-8")
    with Store(str(tmp_path / "civcas.db")) as store:
        pipeline.run([report_file], store)
        report_file.write_text(original.replace("Thirty civilians", "Thirty-two civilians"), encoding="utf-8")
        second = pipeline.run([report_file], store)
        assert (second.added, second.revisions) == (["hajin-2"], [("hajin-2", "hajin")])
        assert "Thirty civilians" in store.get_article("hajin").text
        revision = store.get_article("hajin-2")
        assert "Thirty-two civilians" in revision.text and revision.meta["revision_of"] == "hajin"
        assert store.claims(article_id="hajin-2")[0].figure("killed.total") == 32
        third = pipeline.run(
            [report_file], store
        )  # the same new version again: a duplicate, not a third version
        assert (third.added, third.duplicates) == ([], [("hajin", "hajin-2")])
