"""Analyst review: edit a claim, merge or split incidents, mark one reviewed; every change audited.

Reviewed decisions are final for the pipeline: an incident an analyst touched (or that holds a claim an
analyst edited) is left out of re-linking, so later runs never rebuild it (see pipeline._linking_candidates).
An edited field loses its evidence span, since the value no longer comes from the article's words; the
audit log says who set it.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from civcas import assess
from civcas.models import (
    ACTORS,
    FIGURE_PATHS,
    GOVERNORATES,
    RESPONSES,
    ROLES,
    TARGETS,
    WEAPONS,
    Claim,
    Figure,
)
from civcas.store import Store

EDITABLE = (
    "date",
    "governorate",
    "actor",
    "weapon",
    "target",
    "role",
    "belligerent_response",
    "claimed_by",
    *FIGURE_PATHS,
)
_CHOICES = {
    "governorate": GOVERNORATES,
    "actor": ACTORS,
    "weapon": WEAPONS,
    "target": TARGETS,
    "role": ROLES,
    "belligerent_response": RESPONSES,
}


class ReviewError(ValueError):
    """The change asked for is not valid (unknown field, bad value, unknown incident...)."""


class NotFound(ReviewError):
    pass


def parse_value(field: str, raw: str | None) -> Any:
    """The typed value of a form or JSON field; empty means "none"."""
    value = (raw or "").strip()
    if field not in EDITABLE:
        raise ReviewError(f"field {field!r} cannot be edited; editable: {', '.join(EDITABLE)}")
    if not value:
        if field == "role":
            raise ReviewError("role cannot be empty")
        return None
    if field == "date":
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError as e:
            raise ReviewError(f"not a date (YYYY-MM-DD): {value!r}") from e
    if field in FIGURE_PATHS:
        if not value.isdigit() or len(value) > 7:
            raise ReviewError(f"{field} must be a whole number, got {value!r}")
        return int(value)
    if field in _CHOICES and value not in _CHOICES[field]:
        raise ReviewError(f"{field} must be one of {', '.join(_CHOICES[field])}")
    if len(value) > 200:
        raise ReviewError(f"{field} is longer than 200 characters")
    return value


def _current(claim: Claim, field: str) -> Any:
    if field in FIGURE_PATHS:
        return claim.figure(field)
    value = getattr(claim, field)
    return value.isoformat() if isinstance(value, date) else value


def edit_claim(store: Store, claim_id: str, field: str, raw: str | None, user: str) -> Claim:
    claim = store.get_claim(claim_id)
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    value = parse_value(field, raw)
    before = _current(claim, field)
    if field in FIGURE_PATHS:
        if value is None:
            claim.figures.pop(field, None)
        else:
            claim.figures[field] = Figure(value, approx=False, span=None)
    elif field == "date":
        claim.date = date.fromisoformat(value) if value else None
        claim.date_precision = "day" if value else None
    else:
        setattr(claim, field, value)
    claim.evidence.pop(field, None)
    store.update_claim(
        claim, user=user, action="edit_claim", before={field: before}, after={field: _current(claim, field)}
    )
    if claim.incident_id:
        _rebuild(store, claim.incident_id)
    return claim


def _rebuild(store: Store, incident_id: str) -> None:
    incident = store.get_incident(incident_id)
    claims = store.claims(incident_id=incident_id)
    if incident is None or not claims:
        return
    store.save_incidents([assess.build_incident(incident_id, claims, store.outlet_names(), incident.links)])


def merge(store: Store, keep_id: str, other_id: str, user: str) -> str:
    if keep_id == other_id:
        raise ReviewError("cannot merge an incident with itself")
    keep, other = store.get_incident(keep_id), store.get_incident(other_id)
    if keep is None or other is None:
        raise NotFound(f"no incident {keep_id if keep is None else other_id}")
    claims = store.claims(incident_id=keep_id) + store.claims(incident_id=other_id)
    merged = assess.build_incident(keep_id, claims, store.outlet_names(), keep.links + other.links)
    store.review_incidents(
        [merged],
        user=user,
        action="merge",
        target_id=keep_id,
        before={keep_id: keep.claim_ids, other_id: other.claim_ids},
        after={keep_id: merged.claim_ids},
    )
    return keep_id


def split(store: Store, incident_id: str, claim_ids: list[str], user: str) -> str:
    """Move ``claim_ids`` out of the incident into a new one; returns the new incident's id."""
    incident = store.get_incident(incident_id)
    if incident is None:
        raise NotFound(f"no incident {incident_id}")
    moving = set(claim_ids)
    if not moving or not moving < set(incident.claim_ids):
        raise ReviewError("choose some, but not all, of the incident's claims to split off")
    claims = store.claims(incident_id=incident_id)
    new_id = "inc-" + hashlib.sha1(("split:" + ",".join(sorted(moving))).encode()).hexdigest()[:10]
    outlets = store.outlet_names()
    stay = [c for c in claims if c.id not in moving]
    move = [c for c in claims if c.id in moving]
    kept = assess.build_incident(
        incident_id, stay, outlets, [lk for lk in incident.links if lk.claim_id not in moving]
    )
    new = assess.build_incident(new_id, move, outlets, [lk for lk in incident.links if lk.claim_id in moving])
    store.review_incidents(
        [kept, new],
        user=user,
        action="split",
        target_id=incident_id,
        before={incident_id: incident.claim_ids},
        after={incident_id: kept.claim_ids, new_id: new.claim_ids},
    )
    return new_id


def mark_reviewed(store: Store, incident_id: str, user: str, reviewed: bool = True) -> None:
    if not store.set_incident_reviewed(incident_id, reviewed, user=user):
        raise NotFound(f"no incident {incident_id}")
