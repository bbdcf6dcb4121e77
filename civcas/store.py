"""Storage: SQLAlchemy 2 over SQLite by default (WAL, foreign keys on), any SQLAlchemy URL accepted.

The schema is created and upgraded only by the Alembic migrations in ``civcas/migrations``.
Every article is written together with its claims in one transaction.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool

from civcas.models import Article, Assessment, Claim, Incident, Link, Place

DEFAULT_DB = "civcas.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8))
    source: Mapped[str | None] = mapped_column(Text)
    source_format: Mapped[str | None] = mapped_column(String(20))
    meta: Mapped[dict[str, Any]] = mapped_column(JSON)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class IncidentRow(Base):
    __tablename__ = "incidents"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    date_min: Mapped[date | None] = mapped_column(Date, index=True)
    date_max: Mapped[date | None] = mapped_column(Date)
    governorate: Mapped[str | None] = mapped_column(String(40), index=True)
    place_name: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    killed_max: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str | None] = mapped_column(String(20))
    n_articles: Mapped[int] = mapped_column(Integer)
    n_outlets: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ClaimRow(Base):
    __tablename__ = "claims"
    id: Mapped[str] = mapped_column(String(220), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    date: Mapped[date | None] = mapped_column(Date, index=True)
    governorate: Mapped[str | None] = mapped_column(String(40), index=True)
    place_name: Mapped[str | None] = mapped_column(String(200))
    actor: Mapped[str | None] = mapped_column(String(40))
    weapon: Mapped[str | None] = mapped_column(String(40))
    incident_id: Mapped[str | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class LinkRow(Base):
    __tablename__ = "links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(String(220))
    matched_claim_id: Mapped[str | None] = mapped_column(String(220))
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON)


class AssessmentRow(Base):
    __tablename__ = "assessments"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(30))
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    features: Mapped[dict[str, float]] = mapped_column(JSON)


class IngestErrorRow(Base):
    __tablename__ = "ingest_errors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)


def database_url(url_or_path: str) -> str:
    """A bare path means a SQLite file; anything with '://' is taken as an SQLAlchemy URL."""
    return url_or_path if "://" in url_or_path else f"sqlite:///{url_or_path}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        engine = create_engine(
            url, poolclass=StaticPool if memory else None, connect_args={"check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (a no-op when it is already there)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    def __init__(self, url_or_path: str):
        self.url = database_url(url_or_path)
        self.engine = make_engine(self.url)
        migrate(self.engine)

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        return cls(db or os.environ.get("CIVCAS_DB") or DEFAULT_DB)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # ------------------------------------------------------------ articles and claims

    def has_content(self, content_hash: str) -> str | None:
        with self._session() as s:
            return s.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == content_hash))

    def add_article(self, article: Article, claims: list[Claim]) -> bool:
        """Store an article with its claims in one transaction; False if it is already stored."""
        with self._session() as s, s.begin():
            exists = s.scalar(
                select(func.count())
                .select_from(ArticleRow)
                .where((ArticleRow.id == article.id) | (ArticleRow.content_hash == article.content_hash))
            )
            if exists:
                return False
            s.add(_article_row(article))
            s.flush()
            s.add_all(_claim_row(c) for c in claims)
        return True

    def get_article(self, article_id: str) -> Article | None:
        with self._session() as s:
            row = s.get(ArticleRow, article_id)
            return _article(row) if row else None

    def articles(self) -> list[Article]:
        with self._session() as s:
            return [_article(r) for r in s.scalars(select(ArticleRow).order_by(ArticleRow.id))]

    def count_articles(self) -> int:
        with self._session() as s:
            return s.scalar(select(func.count()).select_from(ArticleRow)) or 0

    def claims(self, article_id: str | None = None, incident_id: str | None = None) -> list[Claim]:
        query = select(ClaimRow).order_by(ClaimRow.article_id, ClaimRow.idx)
        if article_id is not None:
            query = query.where(ClaimRow.article_id == article_id)
        if incident_id is not None:
            query = query.where(ClaimRow.incident_id == incident_id)
        return self._claims(query)

    def claims_between(self, start: date, end: date) -> list[Claim]:
        return self._claims(select(ClaimRow).where(ClaimRow.date >= start, ClaimRow.date <= end))

    def undated_claims(self) -> list[Claim]:
        return self._claims(select(ClaimRow).where(ClaimRow.date.is_(None)))

    def _claims(self, query) -> list[Claim]:
        with self._session() as s:
            return [_claim(r) for r in s.scalars(query)]

    # ------------------------------------------------------------ incidents

    def save_incidents(self, incidents: list[Incident]) -> None:
        """Upsert incidents, point their claims at them, replace their links; drop emptied incidents."""
        with self._session() as s, s.begin():
            for incident in incidents:
                s.merge(_incident_row(incident))
            s.flush()
            for incident in incidents:
                self._assign_claims(s, incident)
            s.flush()
            orphans = select(IncidentRow.id).where(
                ~IncidentRow.id.in_(select(ClaimRow.incident_id).where(ClaimRow.incident_id.is_not(None)))
            )
            s.execute(delete(IncidentRow).where(IncidentRow.id.in_(orphans)))

    @staticmethod
    def _assign_claims(s: Session, incident: Incident) -> None:
        for claim_id in incident.claim_ids:
            row = s.get(ClaimRow, claim_id)
            if row is not None:
                row.incident_id = incident.id
                row.data = {**row.data, "incident_id": incident.id}
        s.execute(delete(LinkRow).where(LinkRow.incident_id == incident.id))
        s.add_all(
            LinkRow(
                incident_id=incident.id,
                claim_id=lk.claim_id,
                matched_claim_id=lk.matched_claim_id,
                score=lk.score,
                reasons=list(lk.reasons),
            )
            for lk in incident.links
        )

    def delete_incidents(self, ids: list[str]) -> None:
        with self._session() as s, s.begin():
            s.execute(delete(IncidentRow).where(IncidentRow.id.in_(ids)))

    def incidents(
        self,
        *,
        governorate: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        actor: str | None = None,
        grade: str | None = None,
        min_killed: int | None = None,
        limit: int | None = None,
    ) -> list[Incident]:
        query = select(IncidentRow).order_by(
            IncidentRow.date_min.is_(None), IncidentRow.date_min, IncidentRow.id
        )
        if governorate is not None:
            query = query.where(IncidentRow.governorate == governorate)
        if date_from is not None:
            query = query.where(IncidentRow.date_max >= date_from)
        if date_to is not None:
            query = query.where(IncidentRow.date_min <= date_to)
        if grade is not None:
            query = query.where(IncidentRow.grade == grade)
        if min_killed is not None:
            query = query.where(IncidentRow.killed_max >= min_killed)
        if actor is not None:
            query = query.where(
                IncidentRow.id.in_(select(ClaimRow.incident_id).where(ClaimRow.actor == actor))
            )
        if limit is not None:
            query = query.limit(limit)
        with self._session() as s:
            return [_incident(r, self._links(s, r.id)) for r in s.scalars(query)]

    def get_incident(self, incident_id: str) -> Incident | None:
        with self._session() as s:
            row = s.get(IncidentRow, incident_id)
            return _incident(row, self._links(s, incident_id)) if row else None

    @staticmethod
    def _links(s: Session, incident_id: str) -> list[Link]:
        rows = s.scalars(select(LinkRow).where(LinkRow.incident_id == incident_id).order_by(LinkRow.id))
        return [Link(r.claim_id, r.matched_claim_id, r.score, list(r.reasons)) for r in rows]

    # ------------------------------------------------------------ assessments, errors

    def save_assessments(self, assessments: list[Assessment]) -> None:
        with self._session() as s, s.begin():
            for a in assessments:
                s.merge(
                    AssessmentRow(
                        article_id=a.article_id,
                        verdict=a.verdict,
                        score=a.score,
                        reasons=list(a.reasons),
                        features=dict(a.features),
                    )
                )

    def assessment(self, article_id: str) -> Assessment | None:
        with self._session() as s:
            row = s.get(AssessmentRow, article_id)
            return _assessment(row) if row else None

    def assessments(self) -> list[Assessment]:
        with self._session() as s:
            return [
                _assessment(r) for r in s.scalars(select(AssessmentRow).order_by(AssessmentRow.article_id))
            ]

    def log_error(self, source: str, message: str) -> None:
        with self._session() as s, s.begin():
            s.add(IngestErrorRow(source=source, message=message, at=_now()))

    def errors(self) -> list[tuple[str, str]]:
        with self._session() as s:
            return [
                (r.source, r.message) for r in s.scalars(select(IngestErrorRow).order_by(IngestErrorRow.id))
            ]


# ---------------------------------------------------------------- row <-> data class


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _article_row(a: Article) -> ArticleRow:
    return ArticleRow(
        id=a.id,
        content_hash=a.content_hash,
        title=a.title,
        text=a.text,
        outlet=a.outlet,
        url=a.url,
        published=a.published,
        language=a.language,
        source=a.source,
        source_format=a.source_format,
        meta=dict(a.meta),
        ingested_at=_now(),
    )


def _article(r: ArticleRow) -> Article:
    return Article(
        id=r.id,
        title=r.title,
        text=r.text,
        outlet=r.outlet,
        url=r.url,
        published=r.published,
        language=r.language,
        source=r.source,
        source_format=r.source_format,
        meta=dict(r.meta or {}),
    )


def _claim_row(c: Claim) -> ClaimRow:
    return ClaimRow(
        id=c.id,
        article_id=c.article_id,
        idx=c.index,
        role=c.role,
        date=c.date,
        governorate=c.governorate,
        place_name=c.place.name if c.place else None,
        actor=c.actor,
        weapon=c.weapon,
        incident_id=None,
        data=c.to_dict(),
    )


def _claim(r: ClaimRow) -> Claim:
    claim = Claim.from_dict(r.data)
    claim.incident_id = r.incident_id
    return claim


def _incident_row(i: Incident) -> IncidentRow:
    killed = i.casualties.get("killed.total")
    return IncidentRow(
        id=i.id,
        date_min=i.date_min,
        date_max=i.date_max,
        governorate=i.governorate,
        place_name=(i.place.canonical or i.place.name) if i.place else None,
        lat=i.place.lat if i.place else None,
        lon=i.place.lon if i.place else None,
        killed_max=killed[1] if killed else None,
        grade=i.grade,
        n_articles=i.n_articles,
        n_outlets=i.n_outlets,
        data=_incident_data(i),
    )


def _incident_data(i: Incident) -> dict[str, Any]:
    return {
        "claim_ids": list(i.claim_ids),
        "place": i.place.to_dict() if i.place else None,
        "actors": list(i.actors),
        "weapons": list(i.weapons),
        "targets": list(i.targets),
        "casualties": {k: list(v) for k, v in i.casualties.items()},
        "outlets": list(i.outlets),
        "belligerent_response": i.belligerent_response,
        "contradictions": list(i.contradictions),
        "grade_reason": i.grade_reason,
    }


def _incident(r: IncidentRow, links: list[Link]) -> Incident:
    d = r.data
    return Incident(
        id=r.id,
        claim_ids=list(d.get("claim_ids", [])),
        date_min=r.date_min,
        date_max=r.date_max,
        place=Place.from_dict(d.get("place")),
        governorate=r.governorate,
        actors=list(d.get("actors", [])),
        weapons=list(d.get("weapons", [])),
        targets=list(d.get("targets", [])),
        casualties={k: (v[0], v[1]) for k, v in d.get("casualties", {}).items()},
        n_articles=r.n_articles,
        n_outlets=r.n_outlets,
        outlets=list(d.get("outlets", [])),
        belligerent_response=d.get("belligerent_response"),
        contradictions=list(d.get("contradictions", [])),
        grade=r.grade,
        grade_reason=d.get("grade_reason"),
        links=links,
    )


def _assessment(r: AssessmentRow) -> Assessment:
    return Assessment(r.article_id, r.verdict, r.score, list(r.reasons), dict(r.features))
