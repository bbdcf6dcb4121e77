"""The command line on the bundled demo corpus and on bad input."""

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civcas.cli import app

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "demo"
runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    from rich.console import Console

    monkeypatch.setattr("civcas.cli.console", Console(width=250))


def civcas(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "civcas.db"
    result = civcas(db, "run", str(DEMO))
    assert result.exit_code == 0, result.output
    return db


def test_run_reports_what_it_did(demo_db):
    result = civcas(demo_db, "run", str(DEMO))
    assert result.exit_code == 0
    assert "0 article(s) added, 22 already stored" in result.output


def test_incidents_table_links_outlets(demo_db):
    result = civcas(demo_db, "incidents")
    assert result.exit_code == 0
    assert "incident(s)" in result.output and "Deir ez-Zor" in result.output
    rows = list(csv.DictReader(io.StringIO(civcas(demo_db, "export", "--format", "csv").stdout)))
    multi = [r for r in rows if int(r["n_outlets"]) >= 2]
    assert multi, "the demo corpus reports several events through several outlets"
    for r in multi:
        assert int(r["killed.total_min"] or 0) <= int(r["killed.total_max"] or 0)


def test_filters_and_show(demo_db):
    result = civcas(demo_db, "incidents", "--governorate", "Deir Ezzor", "--actor", "us_led_coalition")
    assert result.exit_code == 0 and "us_led_coalition" in result.output
    rows = list(csv.DictReader(io.StringIO(civcas(demo_db, "export").stdout)))
    shown = civcas(demo_db, "show", rows[0]["incident_id"])
    assert shown.exit_code == 0
    assert "evidence" in shown.output and "grade" in shown.output
    assert civcas(demo_db, "show", "inc-nope").exit_code == 1


def test_export_formats(demo_db, tmp_path):
    out = tmp_path / "out" / "incidents.geojson"
    assert civcas(demo_db, "export", "--format", "geojson", "--out", str(out)).exit_code == 0
    features = json.loads(out.read_text())["features"]
    located = [f for f in features if f["geometry"]]
    assert located and all(30 < f["geometry"]["coordinates"][1] < 40 for f in located)
    lines = civcas(demo_db, "export", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == len(features)
    assert civcas(demo_db, "export", "--format", "xml").exit_code != 0


def test_predict_writes_gold_shaped_lines(tmp_path):
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(
        app,
        [
            "predict",
            str(DEMO / "d01_hajin_levantnews.txt"),
            str(DEMO / "d02_hajeen_bosphorus.txt"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["article_id"] for x in lines] == ["d01_hajin_levantnews", "d02_hajeen_bosphorus"]
    mains = [next(i for i in x["incidents"] if i["role"] == "main") for x in lines]
    assert mains[0]["event_key"] == mains[1]["event_key"]  # two outlets, one strike


def test_bad_input_is_reported_and_loses_nothing(tmp_path):
    db = tmp_path / "civcas.db"
    assert civcas(db, "run", str(DEMO / "d01_hajin_levantnews.txt")).exit_code == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("   \n")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (bad / "good.txt").write_text((DEMO / "d02_hajeen_bosphorus.txt").read_text())
    result = civcas(db, "run", str(bad))
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "binary.txt" in result.output
    assert "1 article(s) added" in result.output and "2 error(s)" in result.output
    listed = civcas(db, "export", "--format", "jsonl").stdout
    assert listed.count("\n") >= 1


def test_python_dash_m_works(tmp_path):
    result = subprocess.run([sys.executable, "-m", "civcas", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "predict" in result.stdout


def test_bench_extract_prints_a_result_line():
    result = runner.invoke(app, ["bench", "extract", str(DEMO)])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"RESULT articles_per_s=[\d.]+ mb_per_s=[\d.]+ peak_mb=[\d.]+", last)
    assert "22 articles" in result.output


def test_bench_extract_runs_cold_passes_in_fresh_processes_and_reports_their_median():
    result = runner.invoke(app, ["bench", "extract", str(DEMO), "--runs", "2"])
    assert result.exit_code == 0, result.output
    speeds = [float(s) for s in re.findall(r"^run \d/2: ([\d.]+) articles/s", result.output, re.M)]
    assert len(speeds) == 2
    last = result.output.strip().splitlines()[-1]
    assert last.startswith(f"RESULT articles_per_s={min(speeds):.1f} ")


def test_bench_extract_refuses_zero_runs():
    result = runner.invoke(app, ["bench", "extract", str(DEMO), "--runs", "0"])
    assert result.exit_code == 2


def test_bench_link_prints_sizes_and_a_result_line_for_the_largest():
    result = runner.invoke(app, ["bench", "link", "--claims", "2000", "--claims", "500"])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"RESULT claims=2000 seconds=[\d.]+ peak_mb=[\d.]+", last)
    assert "500" in result.output and "as fast as the claim count" in result.output


def test_show_names_the_media_camps(demo_db):
    rows = list(csv.DictReader(io.StringIO(civcas(demo_db, "export").stdout)))
    hajin = next(r for r in rows if r["place"] == "Hajin")
    assert "syrian_state" in hajin["camps"].split(";")
    shown = civcas(demo_db, "show", hajin["incident_id"]).output
    assert re.search(r"media camps \(\d\): .*syrian_state", shown)
    assert "Levant State News (syrian_state)" in shown


def test_show_prints_each_reports_stored_verdict_with_reasons(demo_db):
    rows = list(csv.DictReader(io.StringIO(civcas(demo_db, "export").stdout)))
    hajin = next(r for r in rows if r["place"] == "Hajin")
    shown = civcas(demo_db, "show", hajin["incident_id"]).output
    verdicts = re.findall(
        r"^(d\d\d_\w+): (credible|doubtful|insufficient_evidence) \(score ([\d.]+)\)$", shown, re.M
    )
    assert len(verdicts) == int(hajin["n_articles"]) == 5
    assert re.search(r"this article says 30, 4 other outlets reporting the incident say \d+–\d+", shown)


def test_run_says_when_a_stored_report_changed(tmp_path):
    db, report = tmp_path / "civcas.db", tmp_path / "hajin.txt"
    text = (DEMO / "d01_hajin_levantnews.txt").read_text(encoding="utf-8")
    report.write_text(text, encoding="utf-8")
    assert civcas(db, "run", str(report)).exit_code == 0
    report.write_text(text.replace("Thirty civilians", "Thirty-two civilians"), encoding="utf-8")
    result = civcas(db, "run", str(report))
    assert result.exit_code == 0
    assert "revised hajin: its content changed; new version stored as hajin-2, both kept" in result.output
    assert "1 article(s) added" in result.output


def test_predict_writes_every_input_article_even_when_texts_repeat(tmp_path):
    # FA-KES-shaped rows written for this test: row 2 repeats row 1's text under another id,
    # row 3 repeats row 1's id and text (a second annotation of the same article).
    text = "Warplanes struck the town of Hajin in Deir Ezzor on Monday, killing 12 civilians, activists said."
    rows = [
        ["unit_id", "article_title", "article_content", "source", "date", "location", "labels"],
        ["101", "Strike on Hajin", text, "sana", "12/4/2018", "deir ezzor", "1"],
        ["102", "Strike on Hajin", text, "sana", "12/4/2018", "deir ezzor", "0"],
        ["101", "Strike on Hajin", text, "sana", "12/4/2018", "aleppo", "0"],
        [
            "103",
            "Shelling in Idlib",
            text.replace("Hajin in Deir Ezzor", "Saraqib in Idlib"),
            "smart",
            "12/5/2018",
            "idlib",
            "1",
        ],
    ]
    fakes = tmp_path / "fakes.csv"
    with fakes.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["predict", str(fakes), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["article_id"] for x in lines] == ["fakes-101", "fakes-102", "fakes-103"]
    assert lines[0]["incidents"] == lines[1]["incidents"] and lines[0]["incidents"][0]["place"] == "Hajin"
