"""Reference records: each preset on its fixture file, the generic mapping, bad rows, the store, the CLI."""

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civcas import reference
from civcas.cli import app
from civcas.models import ReferenceRecord
from civcas.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reference"
runner = CliRunner()


def by_id(report: reference.ImportReport) -> dict[str, ReferenceRecord]:
    return {r.external_id: r for r in report.records}


def test_vdc_victims_are_counted_per_day_and_place() -> None:
    report = reference.read_file(FIXTURES / "vdc.csv", "vdc")
    assert report.rows == 8 and not report.errors
    records = by_id(report)
    hajin = records["2018-11-21|Deir ez-Zor|Hajin"]
    assert hajin.governorate == "Deir ez-Zor" and hajin.place == "Hajin"
    assert hajin.date_start == hajin.date_end == date(2018, 11, 21)
    assert hajin.figures == {
        "killed.total": (5, 5),
        "killed.civilians": (4, 4),
        "killed.children": (2, 2),
        "killed.women": (1, 1),  # the adult woman; the girl counts as a child
        "killed.combatants": (1, 1),
    }
    assert records["2018-11-22|Deir ez-Zor|Hajin"].figures["killed.total"] == (1, 1)
    assert records["2019-05-14|Idlib|Khan Shaykhun"].figures["killed.civilians"] == (2, 2)
    assert "Warplane shelling" in hajin.notes


def test_acled_preset() -> None:
    records = by_id(reference.read_file(FIXTURES / "acled.csv", "acled"))
    assert set(records) == {"SYR1001", "SYR1002", "SYR1003"}
    hajin = records["SYR1001"]
    assert (hajin.date_start, hajin.place, hajin.governorate) == (date(2018, 11, 21), "Hajin", "Deir ez-Zor")
    assert hajin.figures == {"killed.total": (28, 28)}
    assert (hajin.lat, hajin.lon) == (34.6947, 40.8306)
    assert records["SYR1002"].governorate == "Idlib"  # ACLED spells it Idleb
    assert records["SYR1003"].figures == {"killed.total": (0, 0)} and records["SYR1003"].notes is None


def test_ucdp_preset_takes_low_high_as_the_range_and_a_date_range() -> None:
    records = by_id(reference.read_file(FIXTURES / "ucdp.csv", "ucdp"))
    hajin = records["300001"]
    assert (hajin.date_start, hajin.date_end) == (date(2018, 11, 21), date(2018, 11, 22))
    assert hajin.governorate == "Deir ez-Zor"  # "Dayr Az Zawr governorate"
    assert hajin.place == "Hajin"  # "Hajin town"
    assert hajin.figures == {"killed.total": (24, 36), "killed.civilians": (26, 26)}
    assert records["300002"].figures["killed.total"] == (16, 18)


def test_airwars_preset() -> None:
    records = by_id(reference.read_file(FIXTURES / "airwars.csv", "airwars"))
    hajin = records["CS2001"]
    assert hajin.figures == {"killed.civilians": (20, 30), "killed.children": (9, 9), "killed.women": (6, 8)}
    assert hajin.notes == "Fair" and hajin.governorate == "Deir ez-Zor"
    assert records["CS2002"].figures == {"killed.civilians": (16, 21)}


def test_generic_mapping() -> None:
    mapping = {
        "ref": "external_id",
        "when": "date",
        "town": "place",
        "province": "governorate",
        "dead_min": "killed.total.min",
        "dead_max": "killed.total.max",
        "comment": "notes",
    }
    report = reference.read_file(FIXTURES / "generic.csv", mapping=mapping, source="mine")
    records = by_id(report)
    assert records["G-1"].figures == {"killed.total": (24, 36)} and records["G-1"].source == "mine"
    assert records["G-2"].governorate == "Idlib" and records["G-2"].notes is None


def test_unknown_field_and_unknown_preset_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown field 'deaths'"):
        reference.read_file(FIXTURES / "generic.csv", mapping={"dead_min": "deaths"})
    with pytest.raises(ValueError, match="unknown preset"):
        reference.read_file(FIXTURES / "generic.csv", preset="ibc")


def test_bad_rows_are_named_and_the_rest_is_read() -> None:
    report = reference.read_file(FIXTURES / "bad_rows.csv", "acled")
    assert [str(e) for e in report.errors] == [
        "row 2: not a date: 'not a date'",
        "row 3: killed.total: not a number: 'many'",
        "row 4: lat: not a number: 'north'",
    ]
    assert [r.external_id for r in report.records] == ["SYR2001", "SYR2005"]


def test_store_keeps_records_once_and_filters_by_overlap(tmp_path: Path) -> None:
    with Store(str(tmp_path / "ref.db")) as store:
        ucdp = reference.read_file(FIXTURES / "ucdp.csv", "ucdp").records
        assert store.add_references(ucdp) == 2
        assert store.add_references(ucdp) == 0  # same source and id: skipped
        found = store.references(date(2018, 11, 22), date(2018, 11, 22), "Deir ez-Zor")
        assert [r.external_id for r in found] == ["300001"]  # its range 21..22 overlaps the 22nd
        assert found[0].figures == {"killed.total": (24, 36), "killed.civilians": (26, 26)}
        assert store.references(date(2018, 11, 23), date(2018, 12, 1)) == []


def test_cli_import_reports_bad_rows_and_exits_non_zero(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    result = runner.invoke(
        app, ["--db", db, "reference", "import", str(FIXTURES / "bad_rows.csv"), "--preset", "acled"]
    )
    assert result.exit_code == 1
    assert "row 3: killed.total: not a number: 'many'" in result.output
    assert "5 row(s) read, 2 record(s), 2 added, 0 already stored, 3 bad row(s)" in result.output
    ok = runner.invoke(
        app,
        ["--db", db, "reference", "import", str(FIXTURES / "generic.csv"), "--map", "ref=external_id"]
        + ["--map", "when=date", "--map", "town=place", "--map", "dead_max=killed.total"],
    )
    assert ok.exit_code == 0, ok.output
    listed = runner.invoke(app, ["--db", db, "reference", "list", "--from", "2019-05-01"])
    assert "G-2" in listed.output and "SYR2001" not in listed.output
