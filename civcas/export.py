"""Export: incidents as CSV / GeoJSON / JSONL, and claims in the gold-annotation shape."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from civcas.models import FIGURE_PATHS, Article, Claim, Incident

CSV_COLUMNS = [
    "incident_id",
    "date_min",
    "date_max",
    "place",
    "gazetteer_id",
    "geo_precision",
    "latitude",
    "longitude",
    "governorate",
    "actors",
    "weapons",
    "targets",
    *[f"{p}_min" for p in FIGURE_PATHS],
    *[f"{p}_max" for p in FIGURE_PATHS],
    "n_articles",
    "n_outlets",
    "outlets",
    "camps",
    "belligerent_response",
    "grade",
    "grade_reason",
    "contradictions",
]


def incident_row(incident: Incident) -> dict[str, Any]:
    place = incident.place
    row: dict[str, Any] = {
        "incident_id": incident.id,
        "date_min": incident.date_min.isoformat() if incident.date_min else "",
        "date_max": incident.date_max.isoformat() if incident.date_max else "",
        "place": (place.canonical or place.name) if place else "",
        "gazetteer_id": place.gazetteer_id if place and place.gazetteer_id else "",
        "geo_precision": place.precision if place and place.precision else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "governorate": incident.governorate or "",
        "actors": ";".join(incident.actors),
        "weapons": ";".join(incident.weapons),
        "targets": ";".join(incident.targets),
        "n_articles": incident.n_articles,
        "n_outlets": incident.n_outlets,
        "outlets": ";".join(incident.outlets),
        "camps": ";".join(incident.camps),
        "belligerent_response": incident.belligerent_response or "",
        "grade": incident.grade or "",
        "grade_reason": incident.grade_reason or "",
        "contradictions": ";".join(incident.contradictions),
    }
    for path in FIGURE_PATHS:
        low_high = incident.casualties.get(path)
        row[f"{path}_min"] = low_high[0] if low_high else ""
        row[f"{path}_max"] = low_high[1] if low_high else ""
    return row


def to_csv(incidents: Iterable[Incident]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for incident in incidents:
        writer.writerow(incident_row(incident))
    return out.getvalue()


def to_geojson(incidents: Iterable[Incident]) -> str:
    features = []
    for incident in incidents:
        place = incident.place
        has_point = place is not None and place.lat is not None and place.lon is not None
        features.append(
            {
                "type": "Feature",
                "id": incident.id,
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]} if has_point else None,
                "properties": {
                    k: v for k, v in incident_row(incident).items() if k not in ("latitude", "longitude")
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)


def to_jsonl(incidents: Iterable[Incident]) -> str:
    return "".join(json.dumps(incident_row(i), ensure_ascii=False) + "\n" for i in incidents)


def claim_to_gold(claim: Claim) -> dict[str, Any]:
    """One claim in the shape of ../shared/eval/GOLD_FORMAT.md (event_key = our incident id)."""
    place = claim.place
    figures = {path: claim.figure(path) for path in FIGURE_PATHS}
    return {
        "role": claim.role,
        "event_key": claim.incident_id,
        "date": claim.date.isoformat() if claim.date else None,
        "date_precision": claim.date_precision,
        "date_text": claim.evidence["date"].text if "date" in claim.evidence else None,
        "place": place.name if place else None,
        "place_alt": _place_alt(claim),
        "governorate": claim.governorate,
        "geo_precision": place.precision if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "actor": claim.actor,
        "weapon": claim.weapon,
        "target": claim.target,
        "killed": {k.split(".")[1]: v for k, v in figures.items() if k.startswith("killed.")},
        "injured": {"total": figures["injured.total"]},
        "killed_or_injured": {
            "total": figures["killed_or_injured.total"],
            "civilians": figures["killed_or_injured.civilians"],
        },
        "approx": [path for path, fig in claim.figures.items() if fig.approx],
        "claimed_by": claim.claimed_by,
        "belligerent_response": claim.belligerent_response,
        "evidence": claim.sentence.text if claim.sentence else None,
        "spans": {name: [s.start, s.end] for name, s in claim.evidence.items()},
    }


def _place_alt(claim: Claim) -> list[str]:
    if claim.place is None:
        return []
    names = [claim.place.canonical or "", *claim.place.alt_names]
    return [n for n in dict.fromkeys(names) if n and n != claim.place.name]


def article_to_gold(article: Article, claims: list[Claim]) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "incidents": [claim_to_gold(c) for c in claims],
    }


# ACLED-like incident columns (one row per incident; fatalities as the min–max across sources).
ACLED_COLUMNS = [
    "event_id",
    "event_date",
    "event_date_max",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "actor",
    "weapon",
    "target",
    "fatalities_min",
    "fatalities_max",
    "civilians_min",
    "civilians_max",
    "sources",
    "n_sources",
    "grade",
]


def acled_row(incident: Incident) -> dict[str, Any]:
    row = incident_row(incident)
    killed = incident.casualties.get("killed.total")
    civilians = incident.casualties.get("killed.civilians")
    return {
        "event_id": incident.id,
        "event_date": row["date_min"],
        "event_date_max": row["date_max"],
        "admin1": row["governorate"],
        "location": row["place"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geo_precision": row["geo_precision"],
        "actor": row["actors"],
        "weapon": row["weapons"],
        "target": row["targets"],
        "fatalities_min": killed[0] if killed else "",
        "fatalities_max": killed[1] if killed else "",
        "civilians_min": civilians[0] if civilians else "",
        "civilians_max": civilians[1] if civilians else "",
        "sources": row["outlets"],
        "n_sources": incident.n_articles,
        "grade": row["grade"],
    }


def to_acled_csv(incidents: Iterable[Incident]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(acled_row(i) for i in incidents)
    return out.getvalue()
