"""Reference records: import casualty records a user has (CSV), through a column mapping or a preset.

A mapping sends CSV columns to ReferenceRecord fields:

- ``date`` (or ``date_start``), ``date_end``, ``place``, ``governorate``, ``lat``, ``lon``,
  ``notes`` (several columns mapped to notes are joined), ``external_id``;
- a figure path of ``civcas.models.FIGURE_PATHS`` (``killed.civilians``) for a single number,
  or the path with ``.min`` / ``.max`` for a range (UCDP low/high, Airwars min/max).

Presets (header names are matched case-insensitively, spaces and dashes as underscores):

- ``acled``   ACLED export: event_id_cnty, event_date, admin1, location, latitude, longitude,
  fatalities (-> killed.total), notes.
- ``ucdp``    UCDP GED: id, date_start, date_end, adm_1, where_coordinates, latitude, longitude,
  deaths_civilians (-> killed.civilians), low / high (-> killed.total range; best when absent).
- ``airwars`` Airwars-style incident list: code, date, location, governorate, latitude,
  longitude, civilians_killed_min / _max, children_killed_min / _max, women_killed_min / _max,
  grading (-> notes).
- ``vdc``     VDC-style victim list, one row per victim: name, date, place, governorate (or a
  place written "Governorate: Place"), cause, status (civilian / non-civilian), sex, age_group.
  Victims are counted per day and place into killed.total / civilians / children / women /
  combatants.

A row that cannot be read becomes a RowError naming the row (1 = the first data row); the other
rows are imported.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import dateparser

from civcas import geo
from civcas.models import FIGURE_PATHS, ReferenceRecord

PLAIN_FIELDS = (
    "date",
    "date_start",
    "date_end",
    "place",
    "governorate",
    "lat",
    "lon",
    "notes",
    "external_id",
)

PRESETS: dict[str, dict[str, str]] = {
    "acled": {
        "event_id_cnty": "external_id",
        "event_date": "date",
        "admin1": "governorate",
        "location": "place",
        "latitude": "lat",
        "longitude": "lon",
        "fatalities": "killed.total",
        "notes": "notes",
    },
    "ucdp": {
        "id": "external_id",
        "date_start": "date",
        "date_end": "date_end",
        "adm_1": "governorate",
        "where_coordinates": "place",
        "latitude": "lat",
        "longitude": "lon",
        "deaths_civilians": "killed.civilians",
        "best": "killed.total",
        "low": "killed.total.min",
        "high": "killed.total.max",
    },
    "airwars": {
        "code": "external_id",
        "date": "date",
        "location": "place",
        "governorate": "governorate",
        "latitude": "lat",
        "longitude": "lon",
        "civilians_killed_min": "killed.civilians.min",
        "civilians_killed_max": "killed.civilians.max",
        "children_killed_min": "killed.children.min",
        "children_killed_max": "killed.children.max",
        "women_killed_min": "killed.women.min",
        "women_killed_max": "killed.women.max",
        "grading": "notes",
    },
}
# The vdc preset counts victims, so its --map renames CSV columns to these.
VDC_COLUMNS = ("name", "date", "place", "governorate", "province", "cause", "status", "sex", "age_group")


@dataclass
class RowError:
    row: int  # 1-based data row (the header is row 0)
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


@dataclass
class ImportReport:
    records: list[ReferenceRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def check_mapping(mapping: dict[str, str]) -> None:
    """Raise ValueError for a target that is not a ReferenceRecord field or a figure path."""
    for column, target in mapping.items():
        if not _valid_target(target):
            raise ValueError(
                f"column {column!r}: unknown field {target!r} (fields: {', '.join(PLAIN_FIELDS)}, "
                f"or a figure path such as killed.civilians, killed.total.min)"
            )


def _valid_target(target: str) -> bool:
    path = re.sub(r"\.(min|max)$", "", target)
    return target in PLAIN_FIELDS or path in FIGURE_PATHS


def read_file(
    path: str | Path,
    preset: str | None = None,
    mapping: dict[str, str] | None = None,
    source: str | None = None,
) -> ImportReport:
    """Read a CSV of reference records with a preset and/or an explicit mapping (which wins)."""
    if preset is not None and preset not in (*PRESETS, "vdc"):
        raise ValueError(f"unknown preset {preset!r}: choose {', '.join([*PRESETS, 'vdc'])}")
    given = {header_key(k): v for k, v in (mapping or {}).items()}
    rows = _read_csv(path)
    name = source or preset or Path(path).stem
    if preset == "vdc":
        return aggregate_victims(_renamed(rows, given), name)
    full = {**PRESETS.get(preset or "", {}), **given}
    if not full:
        raise ValueError("give a preset or a mapping (--map column=field)")
    check_mapping(full)
    return read_rows(rows, full, name)


def _read_csv(path: str | Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [
            {header_key(k or ""): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)
        ]


def _renamed(rows: list[dict[str, str]], columns: dict[str, str]) -> list[dict[str, str]]:
    bad = [v for v in columns.values() if v not in VDC_COLUMNS]
    if bad:
        raise ValueError(f"vdc columns are {', '.join(VDC_COLUMNS)}; not {', '.join(bad)}")
    return [{columns.get(k, k): v for k, v in row.items()} for row in rows]


def read_rows(rows: Iterable[dict[str, str]], mapping: dict[str, str], source: str) -> ImportReport:
    report = ImportReport()
    for number, row in enumerate(rows, start=1):
        report.rows += 1
        try:
            report.records.append(record_from_row(row, mapping, source))
        except ValueError as e:
            report.errors.append(RowError(number, str(e)))
    return report


def record_from_row(row: dict[str, str], mapping: dict[str, str], source: str) -> ReferenceRecord:
    values: dict[str, list[str]] = {}
    for column, target in mapping.items():
        if row.get(column):
            values.setdefault(target, []).append(row[column])
    first = {k: v[0] for k, v in values.items()}
    start = parse_date(first.get("date") or first.get("date_start"))
    record = ReferenceRecord(
        source=source,
        external_id=first.get("external_id"),
        date_start=start,
        date_end=parse_date(first.get("date_end")) or start,
        place=clean_place(first.get("place")),
        governorate=normalise_governorate(first.get("governorate")),
        lat=_float(first.get("lat"), "lat"),
        lon=_float(first.get("lon"), "lon"),
        figures=_figures(first),
        notes="; ".join(values["notes"]) if "notes" in values else None,
    )
    if record.date_start is None and record.place is None and record.governorate is None:
        raise ValueError("neither a date nor a place")
    if record.date_end and record.date_start and record.date_end < record.date_start:
        raise ValueError(f"date_end {record.date_end} is before date {record.date_start}")
    return record


def _figures(first: dict[str, str]) -> dict[str, tuple[int, int]]:
    figures: dict[str, tuple[int, int]] = {}
    for path in FIGURE_PATHS:
        single = _int(first.get(path), path)
        low = _int(first.get(f"{path}.min"), f"{path}.min")
        high = _int(first.get(f"{path}.max"), f"{path}.max")
        low = low if low is not None else (single if single is not None else high)
        high = high if high is not None else (single if single is not None else low)
        if low is None or high is None:
            continue
        if low > high:
            raise ValueError(f"{path}: min {low} is above max {high}")
        figures[path] = (low, high)
    return figures


def _int(value: str | None, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        raise ValueError(f"{name}: not a number: {value!r}") from None
    if number < 0 or number != int(number):
        raise ValueError(f"{name}: not a count: {value!r}")
    return int(number)


def _float(value: str | None, name: str) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{name}: not a number: {value!r}") from None


_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%Y/%m/%d")


def parse_date(value: str | None) -> date | None:
    """ISO dates and day-month-name forms ("15 March 2019"); others through dateparser."""
    if not value:
        return None
    text = value.strip()[:10] if re.match(r"\d{4}-\d\d-\d\d[ T]", value.strip()) else value.strip()
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise ValueError(f"not a date: {value!r}")
    return parsed.date()


def clean_place(name: str | None) -> str | None:
    """UCDP writes "Hajin town", "Khan Shaykhun village": keep the name."""
    if not name:
        return None
    return re.sub(
        r"\s+(town|village|city|district|neighbourhood|neighborhood)$", "", name.strip(), flags=re.I
    )


def normalise_governorate(name: str | None) -> str | None:
    """Any spelling of a governorate ("Dayr Az Zawr", "Aleppo governorate") -> the vocabulary."""
    if not name:
        return None
    core = re.sub(r"\b(governorate|province|muhafazat)\b", " ", name, flags=re.I).strip(" ,")
    return geo.canonical_governorate(core) or geo.canonical_governorate(name)


# ---------------------------------------------------------------- VDC victim lists


def aggregate_victims(rows: Iterable[dict[str, str]], source: str) -> ImportReport:
    """Count victims per (day, governorate, place) into one record each."""
    report = ImportReport()
    groups: dict[tuple[date, str | None, str], list[dict[str, str]]] = {}
    for number, row in enumerate(rows, start=1):
        report.rows += 1
        try:
            groups.setdefault(_victim_key(row), []).append(row)
        except ValueError as e:
            report.errors.append(RowError(number, str(e)))
    for (day, governorate, place), victims in groups.items():
        report.records.append(
            ReferenceRecord(
                source=source,
                external_id=f"{day.isoformat()}|{governorate or ''}|{place}",
                date_start=day,
                date_end=day,
                place=place or None,
                governorate=governorate,
                figures=_victim_counts(victims),
                notes=_causes(victims),
            )
        )
    return report


def _victim_key(row: dict[str, str]) -> tuple[date, str | None, str]:
    day = parse_date(row.get("date"))
    if day is None:
        raise ValueError("victim without a date")
    place = row.get("place", "")
    governorate = row.get("governorate") or row.get("province") or ""
    if ":" in place and not governorate:  # "Deir Ezzor: Hajin"
        governorate, place = (part.strip() for part in place.split(":", 1))
    gov = normalise_governorate(governorate) or normalise_governorate(place)
    if gov is None and not place:
        raise ValueError("victim without a place")
    status = _status(row.get("status", ""))
    if status is None:
        raise ValueError(f"status must be civilian or non-civilian, not {row.get('status')!r}")
    return day, gov, place


def _status(value: str) -> str | None:
    key = re.sub(r"[\s\-_]+", "", value.lower())
    if key in ("civilian", "civ"):
        return "civilian"
    if key in ("noncivilian", "combatant", "military", "armed"):
        return "combatant"
    return None


def _victim_counts(victims: list[dict[str, str]]) -> dict[str, tuple[int, int]]:
    civilians = [v for v in victims if _status(v.get("status", "")) == "civilian"]
    children = [v for v in civilians if _is_child(v)]
    women = [v for v in civilians if _is_female(v) and not _is_child(v)]
    counts = {
        "killed.total": len(victims),
        "killed.civilians": len(civilians),
        "killed.children": len(children),
        "killed.women": len(women),
        "killed.combatants": len(victims) - len(civilians),
    }
    return {path: (n, n) for path, n in counts.items()}


def _is_child(victim: dict[str, str]) -> bool:
    text = f"{victim.get('age_group', '')} {victim.get('sex', '')}".lower()
    return bool(re.search(r"\b(child|minor|boy|girl)", text))


def _is_female(victim: dict[str, str]) -> bool:
    return bool(re.search(r"\b(female|woman|women|girl)\b", victim.get("sex", "").lower()))


def _causes(victims: list[dict[str, str]]) -> str | None:
    causes = sorted({v.get("cause", "") for v in victims} - {""})
    return "cause: " + ", ".join(causes) if causes else None
