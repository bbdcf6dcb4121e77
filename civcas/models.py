"""The data classes every pipeline stage shares: Article, Claim, Incident, Assessment.

Stages exchange only these objects; none reaches into another stage's internals.
Every value a Claim carries keeps the character span of the article text behind it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

# Controlled vocabularies (../shared/eval/GOLD_FORMAT.md).
GOVERNORATES = (
    "Damascus",
    "Rif Dimashq",
    "Aleppo",
    "Idlib",
    "Hama",
    "Homs",
    "Latakia",
    "Tartus",
    "Deir ez-Zor",
    "Raqqa",
    "Hasakah",
    "Daraa",
    "Suwayda",
    "Quneitra",
    "outside_syria",
)
ACTORS = (
    "us_led_coalition",
    "russia",
    "syrian_government",
    "isis",
    "sdf_ypg",
    "turkey",
    "opposition",
    "hts_nusra",
    "israel",
    "iran_militias",
    "other",
    "unknown",
)
WEAPONS = (
    "airstrike",
    "barrel_bomb",
    "shelling",
    "missile",
    "chemical",
    "bombing",
    "suicide_attack",
    "clashes",
    "execution",
    "landmine",
    "siege",
    "other",
    "unknown",
)
TARGETS = (
    "hospital",
    "school",
    "market",
    "mosque",
    "camp",
    "prison",
    "bakery",
    "residential",
    "convoy",
    "military",
    "other",
)
ROLES = ("main", "related", "background")
RESPONSES = ("admitted", "denied", "investigating")
DATE_PRECISIONS = ("day", "month", "year")

# Casualty figure paths, as in the gold format: outcome.category.
FIGURE_PATHS = (
    "killed.total",
    "killed.civilians",
    "killed.children",
    "killed.women",
    "killed.combatants",
    "injured.total",
    "killed_or_injured.total",
    "killed_or_injured.civilians",
)


def content_hash(title: str, text: str) -> str:
    """Stable identity of an article's content (whitespace-insensitive)."""
    norm = " ".join(f"{title}\n{text}".split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) into Article.text, with the covered text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Span | None:
        return cls(d["start"], d["end"], d["text"]) if d else None


@dataclass
class Article:
    id: str
    title: str
    text: str
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str = "en"
    source: str | None = None  # where it was read from: path, path:row, URL
    source_format: str | None = None  # fakes-csv, txt, jsonl, html
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. FA-KES label and location

    @property
    def content_hash(self) -> str:
        return content_hash(self.title, self.text)


@dataclass
class Figure:
    """One casualty number as the article states it."""

    value: int
    approx: bool = False  # "at least", "more than", "dozens" ...
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "approx": self.approx,
            "span": self.span.to_dict() if self.span else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        return cls(d["value"], d.get("approx", False), Span.from_dict(d.get("span")))


@dataclass
class Place:
    """A place as mentioned and, once geocoded, as resolved in the gazetteer."""

    name: str  # as written in the article
    span: Span | None = None
    gazetteer_id: str | None = None
    canonical: str | None = None
    alt_names: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    governorate: str | None = None
    precision: int | None = None  # 1 named place, 2 near it / district, 3 governorate only

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = self.span.to_dict() if self.span else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Place | None:
        if not d:
            return None
        d = dict(d)
        d["span"] = Span.from_dict(d.get("span"))
        return cls(**d)


@dataclass
class Claim:
    """One incident as one article reports it."""

    article_id: str
    index: int  # order of the claim within its article
    role: str = "main"
    date: date | None = None
    date_precision: str | None = None
    place: Place | None = None
    governorate: str | None = None
    actor: str | None = None
    weapon: str | None = None
    target: str | None = None
    figures: dict[str, Figure] = field(default_factory=dict)  # FIGURE_PATHS -> Figure
    claimed_by: str | None = None
    belligerent_response: str | None = None
    evidence: dict[str, Span] = field(default_factory=dict)  # field name -> span behind it
    sentence: Span | None = None  # the sentence carrying the main figure
    incident_id: str | None = None
    reported: dt.date | None = None  # the article's publication date: a bound on an undated incident

    @property
    def id(self) -> str:
        return f"{self.article_id}#{self.index}"

    def figure(self, path: str) -> int | None:
        fig = self.figures.get(path)
        return fig.value if fig else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "index": self.index,
            "role": self.role,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "place": self.place.to_dict() if self.place else None,
            "governorate": self.governorate,
            "actor": self.actor,
            "weapon": self.weapon,
            "target": self.target,
            "figures": {k: v.to_dict() for k, v in self.figures.items()},
            "claimed_by": self.claimed_by,
            "belligerent_response": self.belligerent_response,
            "evidence": {k: v.to_dict() for k, v in self.evidence.items()},
            "sentence": self.sentence.to_dict() if self.sentence else None,
            "incident_id": self.incident_id,
            "reported": self.reported.isoformat() if self.reported else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            article_id=d["article_id"],
            index=d["index"],
            role=d.get("role", "main"),
            date=date.fromisoformat(d["date"]) if d.get("date") else None,
            date_precision=d.get("date_precision"),
            place=Place.from_dict(d.get("place")),
            governorate=d.get("governorate"),
            actor=d.get("actor"),
            weapon=d.get("weapon"),
            target=d.get("target"),
            figures={k: Figure.from_dict(v) for k, v in (d.get("figures") or {}).items()},
            claimed_by=d.get("claimed_by"),
            belligerent_response=d.get("belligerent_response"),
            evidence={k: Span(v["start"], v["end"], v["text"]) for k, v in (d.get("evidence") or {}).items()},
            sentence=Span.from_dict(d.get("sentence")),
            incident_id=d.get("incident_id"),
            reported=date.fromisoformat(d["reported"]) if d.get("reported") else None,
        )


@dataclass
class Link:
    """Why a claim was put in an incident: the score against the claim it matched, and reasons."""

    claim_id: str
    matched_claim_id: str | None
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class Incident:
    """The claims that describe one real-world event, and what they add up to."""

    id: str
    claim_ids: list[str] = field(default_factory=list)
    date_min: date | None = None
    date_max: date | None = None
    place: Place | None = None
    governorate: str | None = None
    actors: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    casualties: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (min, max)
    n_articles: int = 0
    n_outlets: int = 0
    outlets: list[str] = field(default_factory=list)
    camps: list[str] = field(default_factory=list)  # distinct media camps of the known outlets
    belligerent_response: str | None = None
    contradictions: list[str] = field(default_factory=list)
    grade: str | None = None
    grade_reason: str | None = None
    links: list[Link] = field(default_factory=list)

    def range(self, path: str) -> tuple[int, int] | None:
        return self.casualties.get(path)

    @property
    def n_camps(self) -> int:
        return len(self.camps)


@dataclass
class Assessment:
    """How one article's claims compare with the incident consensus, and a verdict."""

    article_id: str
    verdict: str  # credible / doubtful / insufficient_evidence
    score: float
    reasons: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class ReferenceRecord:
    """A casualty record a user imported (VDC, ACLED, UCDP, Airwars or any mapped CSV).

    `figures` maps a FIGURE_PATHS path to its (min, max), as Incident.casualties does.
    """

    source: str  # the dataset it came from: a preset name or what the user called it
    external_id: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    place: str | None = None
    governorate: str | None = None
    lat: float | None = None
    lon: float | None = None
    figures: dict[str, tuple[int, int]] = field(default_factory=dict)
    notes: str | None = None
    id: int | None = None  # the store's row id

    @property
    def label(self) -> str:
        """Short human name: source, id or date and place."""
        when = self.date_start.isoformat() if self.date_start else "undated"
        if self.date_end and self.date_end != self.date_start:
            when += f"..{self.date_end.isoformat()}"
        return f"{self.source}:{self.external_id or when} ({when}, {self.place or self.governorate or '?'})"


@dataclass
class CredibilityVerdict:
    """Whether an article is consistent with the evidence, why, and the features behind it."""

    article_id: str
    verdict: str  # credible / doubtful / insufficient_evidence
    score: float  # 0 (surely not credible) .. 1 (surely credible)
    reasons: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)  # labels of matching reference records
    scorer: str = "rules"  # "rules" or the trained model that produced the score

    def to_assessment(self) -> Assessment:
        return Assessment(self.article_id, self.verdict, self.score, list(self.reasons), dict(self.features))


@dataclass
class Capture:
    """One archived read of a page or file: the exact bytes (by sha256) and how they were obtained."""

    id: int
    sha256: str
    location: str  # URL, or absolute path of an input file
    kind: str  # "http" or "file"
    fetched_at: datetime
    status: int | None = None  # HTTP status; None for files
    headers: dict[str, str] = field(default_factory=dict)  # HTTP response headers; file size/mtime


@dataclass
class FeedState:
    """Where polling of one feed stands: validators for conditional requests, failures so far."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: datetime | None = None
    failures: int = 0
    last_error: str | None = None


@dataclass
class AuditEntry:
    """One analyst change: who, when, what, and the value before and after."""

    id: int
    at: datetime
    user: str
    action: str  # edit_claim, merge, split, mark_reviewed
    target_type: str  # claim or incident
    target_id: str
    before: Any = None
    after: Any = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["at"] = self.at.isoformat(timespec="seconds") + "Z"
        return d


@dataclass
class OutletSummary:
    """What the store holds for one outlet: its articles, claims and incidents."""

    name: str
    n_articles: int
    n_claims: int
    n_incidents: int
    first_published: date | None = None
    last_published: date | None = None
