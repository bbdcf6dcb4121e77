"""Storage: SQLAlchemy 2 over SQLite by default (WAL, foreign keys on), any SQLAlchemy URL accepted.

The schema is created and upgraded only by the Alembic migrations in ``civcas/migrations``, run to
head every time a Store opens (a no-op when the database is already there).

Every article is written together with its claims in one transaction. Rows keep the full data class
as JSON (``data``, ``meta``); the plain columns beside it exist to be filtered and indexed, plus two
facts that live only in their own columns: which incident a claim belongs to (``claims.incident_id``)
and why (the ``links`` table).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import secrets
from collections.abc import Collection, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Select,
    String,
    Text,
    UniqueConstraint,
    bindparam,
    column,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    literal_column,
    make_url,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool

from civcas.models import (
    Article,
    Assessment,
    AuditEntry,
    Capture,
    Claim,
    FeedState,
    Incident,
    Link,
    OutletSummary,
    Place,
    ReferenceRecord,
)

DEFAULT_DB = "civcas.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
POOL_SIZE = 40  # connections kept per SQLite file: anyio's thread pool runs 40 requests at once
CHUNK = 500  # ids per IN (...) list: far below every backend's bound-parameter limit

T = TypeVar("T")


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
    killed_max: Mapped[int | None] = mapped_column(Integer, index=True)  # highest upper bound of killed.*
    grade: Mapped[str | None] = mapped_column(String(20))
    n_articles: Mapped[int] = mapped_column(Integer)
    n_outlets: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the Incident, less its links
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")  # 0005_review


class ClaimRow(Base):
    __tablename__ = "claims"
    id: Mapped[str] = mapped_column(String(220), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    date: Mapped[date | None] = mapped_column(Date, index=True)
    governorate: Mapped[str | None] = mapped_column(String(40), index=True)
    place_name: Mapped[str | None] = mapped_column(String(200))
    actor: Mapped[str | None] = mapped_column(String(40), index=True)
    weapon: Mapped[str | None] = mapped_column(String(40))
    incident_id: Mapped[str | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # Claim.to_dict(); incident_id is the column's
    date_precision: Mapped[str | None] = mapped_column(String(10))
    target: Mapped[str | None] = mapped_column(String(40))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")  # 0005_review


class LinkRow(Base):
    __tablename__ = "links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[str] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE", name="fk_links_claim_id"), index=True
    )
    matched_claim_id: Mapped[str | None] = mapped_column(
        ForeignKey("claims.id", ondelete="SET NULL", name="fk_links_matched_claim_id")
    )
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


class ReferenceRow(Base):
    """An imported casualty record (migration 0004_reference); figures and notes live in ``data``."""

    __tablename__ = "reference_records"
    __table_args__ = (UniqueConstraint("source", "external_id", name="uq_reference_source_external_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str] = mapped_column(String(200))
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    governorate: Mapped[str | None] = mapped_column(String(40), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    imported_at: Mapped[datetime] = mapped_column(DateTime)


# Archive and live sources (migration 0003_archive): raw bytes by sha256, one capture per read that
# brought new bytes, the capture each article was read from, and feed polling state.


class BlobRow(Base):
    __tablename__ = "archive_blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class CaptureRow(Base):
    __tablename__ = "archive_captures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("archive_blobs.sha256"))
    location: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str] = mapped_column(String(10))
    fetched_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[int | None] = mapped_column(Integer)
    headers: Mapped[dict[str, str]] = mapped_column(JSON)


class ArticleCaptureRow(Base):
    __tablename__ = "article_captures"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    capture_id: Mapped[int] = mapped_column(ForeignKey("archive_captures.id"))


class FeedRow(Base):
    __tablename__ = "feeds"
    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)


class FeedItemRow(Base):
    __tablename__ = "feed_items"
    feed_url: Mapped[str] = mapped_column(Text, primary_key=True)
    item_key: Mapped[str] = mapped_column(Text, primary_key=True)
    link: Mapped[str | None] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean)
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[str | None] = mapped_column(String(200))
    seen_at: Mapped[datetime] = mapped_column(DateTime)


class UserRow(Base):  # 0005_review
    __tablename__ = "users"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditRow(Base):  # 0005_review
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_target", "target_type", "target_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[str] = mapped_column(String(220))
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)


# The list's default order, undated last (0006_web); one index per direction.
Index("ix_incidents_date_order", IncidentRow.date_min.is_(None), IncidentRow.date_min, IncidentRow.id)
Index(
    "ix_incidents_date_order_desc",
    IncidentRow.date_min.is_(None),
    IncidentRow.date_min.desc(),
    IncidentRow.id,
)


class DataRevisionRow(Base):  # 0006_web: one row, raised by triggers on every write the pages show
    __tablename__ = "data_revision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


FTS_TABLE = "articles_fts"  # SQLite only (0005_review): external-content FTS5 over articles.title, text


# ---------------------------------------------------------------- engine and migrations


def database_url(url_or_path: str) -> str:
    """A bare path means a SQLite file; anything with '://' is taken as an SQLAlchemy URL."""
    return url_or_path if "://" in url_or_path else f"sqlite:///{url_or_path}"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    in_memory = parsed.database in (None, "", ":memory:")
    if not in_memory:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # One in-memory database exists per connection: StaticPool makes every checkout share it. A file
    # keeps as many connections as a web server has threads: an overflow connection is closed on
    # return, and reopening one (with its pragmas) costs more than the query it served.
    pool = {"poolclass": StaticPool} if in_memory else {"pool_size": POOL_SIZE, "max_overflow": 0}
    engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; one fsync per checkpoint, not per commit
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (a no-op when it is already there)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")  # parallel migration branches are allowed


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------- the store


class ArticleConflict(ValueError):
    """An article whose id is stored with other content."""

    def __init__(self, article_id: str):
        super().__init__(
            f"article {article_id!r} is already stored with other content; "
            "store the new version under a revision id (Store.revision_id) instead"
        )
        self.article_id = article_id


class Store:
    def __init__(self, url_or_path: str):
        self.url = database_url(url_or_path)
        self.engine = make_engine(self.url)
        try:
            migrate(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        """``db``, else the CIVCAS_DB environment variable, else ./civcas.db."""
        return cls(db or os.environ.get("CIVCAS_DB") or DEFAULT_DB)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({make_url(self.url).render_as_string(hide_password=True)!r})"

    # ------------------------------------------------------------ articles and claims

    def add_articles_bulk(self, items: list[tuple[Article, list[Claim]]]) -> None:
        """Insert many new articles with their claims in one transaction (benchmarks, imports); no dedup."""
        with self._session.begin() as s:
            for chunk in _chunks(items):
                s.execute(insert(ArticleRow), [_article_to_row(a) for a, _ in chunk])
                rows = [_claim_to_row(c) for _, claims in chunk for c in claims]
                if rows:
                    s.execute(insert(ClaimRow), rows)

    def has_content(self, content_hash: str) -> str | None:
        """The id of the stored article with this content hash, if any."""
        with self._session() as s:
            return s.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == content_hash))

    def add_article(self, article: Article, claims: list[Claim]) -> bool:
        """Store an article with its claims in one transaction; False (nothing written) if it is already
        stored (same content, under any id). Raises ArticleConflict, writing nothing, if its id is
        stored with other content: a changed article is never dropped silently (see revision_id)."""
        strays = [c.id for c in claims if c.article_id != article.id]
        if strays:
            raise ValueError(f"claims {strays} do not belong to article {article.id!r}")
        try:
            with self._session.begin() as s:
                if self._stored(s, article):
                    return False
                s.execute(insert(ArticleRow), [_article_to_row(article)])
                if claims:
                    s.execute(insert(ClaimRow), [_claim_to_row(c) for c in claims])
        except IntegrityError:
            with self._session() as s:  # another writer stored it between our check and our insert
                if self._stored(s, article):
                    return False
            raise
        return True

    @staticmethod
    def _stored(s: Session, article: Article) -> bool:
        query = select(ArticleRow.id, ArticleRow.content_hash).where(
            or_(ArticleRow.id == article.id, ArticleRow.content_hash == article.content_hash)
        )
        found = dict(s.execute(query).all())
        if article.content_hash in found.values():
            return True
        if article.id in found:
            raise ArticleConflict(article.id)
        return False

    def content_hash_of(self, article_id: str) -> str | None:
        with self._session() as s:
            return s.scalar(select(ArticleRow.content_hash).where(ArticleRow.id == article_id))

    def revision_id(self, article_id: str) -> str:
        """A free id for a new version of a stored article: 'x-2', 'x-3' ... (as ingest names them)."""
        n = 2
        with self._session() as s:
            while s.scalar(select(ArticleRow.id).where(ArticleRow.id == f"{article_id}-{n}")) is not None:
                n += 1
        return f"{article_id}-{n}"

    def get_article(self, article_id: str) -> Article | None:
        with self._session() as s:
            row = s.get(ArticleRow, article_id)
            return _article_from_row(row) if row else None

    def articles(self) -> list[Article]:
        with self._session() as s:
            return [_article_from_row(r) for r in s.scalars(select(ArticleRow).order_by(ArticleRow.id))]

    def articles_with_ids(self, ids: Collection[str]) -> list[Article]:
        """The stored articles among these ids, by id."""
        with self._session() as s:
            rows = [
                r
                for chunk in _chunks(sorted(ids))
                for r in s.scalars(select(ArticleRow).where(ArticleRow.id.in_(chunk)))
            ]
        return sorted((_article_from_row(r) for r in rows), key=lambda a: a.id)

    def count_articles(self) -> int:
        with self._session() as s:
            return s.scalar(select(func.count()).select_from(ArticleRow)) or 0

    def claims(self, article_id: str | None = None, incident_id: str | None = None) -> list[Claim]:
        """Claims in article order, optionally of one article and/or one incident."""
        query = _claim_select().order_by(ClaimRow.article_id, ClaimRow.idx)
        if article_id is not None:
            query = query.where(ClaimRow.article_id == article_id)
        if incident_id is not None:
            query = query.where(ClaimRow.incident_id == incident_id)
        return self._claims(query)

    def claims_of(
        self, *, article_ids: Collection[str] = (), incident_ids: Collection[str] = ()
    ) -> list[Claim]:
        """Claims of any of these articles or incidents (each once), in article order; a few queries for many ids."""
        found: dict[str, Claim] = {}
        for key, ids in ((ClaimRow.article_id, article_ids), (ClaimRow.incident_id, incident_ids)):
            for chunk in _chunks(sorted(ids)):
                found.update((c.id, c) for c in self._claims(_claim_select().where(key.in_(chunk))))
        return sorted(found.values(), key=lambda c: (c.article_id, c.index))

    def claims_between(self, start: date, end: date) -> list[Claim]:
        """Claims dated in [start, end], by date then article order."""
        query = _claim_select().where(ClaimRow.date >= start, ClaimRow.date <= end)
        return self._claims(query.order_by(ClaimRow.date, ClaimRow.article_id, ClaimRow.idx))

    def undated_claims(self) -> list[Claim]:
        query = _claim_select().where(ClaimRow.date.is_(None))
        return self._claims(query.order_by(ClaimRow.article_id, ClaimRow.idx))

    def _claims(self, query: Select[Any]) -> list[Claim]:
        with self._session() as s:
            return [_claim_from_row(data, incident_id) for data, incident_id in s.execute(query)]

    # ------------------------------------------------------------ incidents

    def save_incidents(self, incidents: list[Incident]) -> None:
        """Upsert incidents by id in one transaction.

        Each incident gets exactly the stored claims named in its ``claim_ids`` (claims it held before
        and no longer lists are released; unknown claim ids are ignored; a claim named by two incidents
        of the batch goes to the later one) and its ``links`` replace its previous ones. Incidents left
        without any claim, these or older ones, are deleted.
        """
        with self._session.begin() as s:
            _save_incidents(s, incidents)

    def delete_incidents(self, ids: list[str]) -> None:
        """Delete incidents and their links; their claims stay, without an incident."""
        with self._session.begin() as s:
            for chunk in _chunks(list(ids)):
                s.execute(delete(LinkRow).where(LinkRow.incident_id.in_(chunk)))
                s.execute(_release_claims(chunk))
                s.execute(delete(IncidentRow).where(IncidentRow.id.in_(chunk)))

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
        """Incidents by date_min (undated last) then id.

        ``date_from``/``date_to`` keep incidents whose date range overlaps them (undated ones never match);
        ``actor`` matches any claim of the incident; ``min_killed`` compares with the highest upper bound
        of any ``killed.*`` range.
        """
        query = select(IncidentRow).order_by(
            IncidentRow.date_min.is_(None), IncidentRow.date_min, IncidentRow.id
        )
        for condition in _incident_filters(governorate, date_from, date_to, actor, grade, min_killed):
            query = query.where(condition)
        if limit is not None:
            query = query.limit(limit)
        with self._session() as s:
            return _load_incidents(s, list(s.scalars(query)))

    def get_incident(self, incident_id: str) -> Incident | None:
        with self._session() as s:
            row = s.get(IncidentRow, incident_id)
            return _load_incidents(s, [row])[0] if row else None

    # ------------------------------------------------------------ reference records

    def add_references(self, records: list[ReferenceRecord]) -> int:
        """Store records in one transaction; a (source, external_id) already stored is skipped.
        Returns how many were added."""
        rows = {(r.source, _reference_key(r)): _reference_to_row(r) for r in records}
        with self._session.begin() as s:
            known = {
                (src, ext)
                for chunk in _chunks(sorted({k[0] for k in rows}))
                for src, ext in s.execute(
                    select(ReferenceRow.source, ReferenceRow.external_id).where(
                        ReferenceRow.source.in_(chunk)
                    )
                )
            }
            new = [row for key, row in rows.items() if key not in known]
            if new:
                s.execute(insert(ReferenceRow), new)
        return len(new)

    def references(
        self,
        date_from: date | None = None,
        date_to: date | None = None,
        governorate: str | None = None,
        limit: int | None = None,
    ) -> list[ReferenceRecord]:
        """Records whose date range overlaps [date_from, date_to], optionally in one governorate."""
        query = select(ReferenceRow).order_by(ReferenceRow.date_start, ReferenceRow.id)
        if date_to is not None:
            query = query.where(ReferenceRow.date_start <= date_to)
        if date_from is not None:
            query = query.where(func.coalesce(ReferenceRow.date_end, ReferenceRow.date_start) >= date_from)
        if governorate is not None:
            query = query.where(ReferenceRow.governorate == governorate)
        with self._session() as s:
            return [_reference_from_row(r) for r in s.scalars(query.limit(limit))]

    def count_references(self) -> int:
        with self._session() as s:
            return s.scalar(select(func.count()).select_from(ReferenceRow)) or 0

    # ------------------------------------------------------------ assessments, errors

    def save_assessments(self, assessments: list[Assessment]) -> None:
        """Upsert by article_id in one transaction."""
        rows = list({a.article_id: _assessment_to_row(a) for a in assessments}.values())
        with self._session.begin() as s:
            known = _existing(s, AssessmentRow.article_id, [r["article_id"] for r in rows])
            _bulk_upsert(s, AssessmentRow, rows, lambda r: r["article_id"] in known)

    def assessment(self, article_id: str) -> Assessment | None:
        with self._session() as s:
            row = s.get(AssessmentRow, article_id)
            return _assessment_from_row(row) if row else None

    def assessments(self) -> list[Assessment]:
        with self._session() as s:
            rows = s.scalars(select(AssessmentRow).order_by(AssessmentRow.article_id))
            return [_assessment_from_row(r) for r in rows]

    def log_error(self, source: str, message: str) -> None:
        with self._session.begin() as s:
            s.add(IngestErrorRow(source=source, message=message, at=_now()))

    def errors(self) -> list[tuple[str, str]]:
        """(source, message) of every logged ingest error, oldest first."""
        with self._session() as s:
            rows = s.execute(
                select(IngestErrorRow.source, IngestErrorRow.message).order_by(IngestErrorRow.id)
            )
            return [(source, message) for source, message in rows]

    # ------------------------------------------------------------ archive (raw bytes, content-addressed)

    def archive(
        self,
        content: bytes,
        location: str,
        kind: str,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        fetched_at: datetime | None = None,
    ) -> tuple[Capture, bool]:
        """Keep these exact bytes read from location; (capture, True) when anything new was stored.

        Bytes are stored once per sha256. A read whose bytes equal the latest capture of the same
        location stores nothing and returns that capture; changed bytes add a capture beside the old.
        """
        digest = hashlib.sha256(content).hexdigest()
        with self._session.begin() as s:
            latest = s.scalar(
                select(CaptureRow)
                .where(CaptureRow.location == location)
                .order_by(CaptureRow.id.desc())
                .limit(1)
            )
            if latest is not None and latest.sha256 == digest:
                return _capture_from_row(latest), False
            if s.get(BlobRow, digest) is None:
                s.add(BlobRow(sha256=digest, size=len(content), data=content))
            row = CaptureRow(
                sha256=digest,
                location=location,
                kind=kind,
                fetched_at=fetched_at or _now(),
                status=status,
                headers=dict(headers or {}),
            )
            s.add(row)
            s.flush()
            return _capture_from_row(row), True

    def link_capture(self, article_id: str, capture_id: int) -> None:
        """Record the archived original an article was read from (the first one is kept)."""
        with self._session.begin() as s:
            if s.get(ArticleCaptureRow, article_id) is None:
                s.add(ArticleCaptureRow(article_id=article_id, capture_id=capture_id))

    def article_capture(self, article_id: str) -> Capture | None:
        with self._session() as s:
            link = s.get(ArticleCaptureRow, article_id)
            row = s.get(CaptureRow, link.capture_id) if link else None
            return _capture_from_row(row) if row else None

    def captures(self, location: str) -> list[Capture]:
        """Every capture of a URL or file path, oldest first."""
        with self._session() as s:
            rows = s.scalars(
                select(CaptureRow).where(CaptureRow.location == location).order_by(CaptureRow.id)
            )
            return [_capture_from_row(r) for r in rows]

    def blob(self, sha256: str) -> bytes | None:
        with self._session() as s:
            return s.scalar(select(BlobRow.data).where(BlobRow.sha256 == sha256))

    def count_blobs(self) -> int:
        with self._session() as s:
            return s.scalar(select(func.count()).select_from(BlobRow)) or 0

    # ------------------------------------------------------------ feeds being watched

    def feed_state(self, url: str) -> FeedState:
        with self._session() as s:
            row = s.get(FeedRow, url)
            if row is None:
                return FeedState(url)
            return FeedState(
                row.url, row.etag, row.last_modified, row.last_polled_at, row.failures, row.last_error
            )

    def save_feed_state(self, state: FeedState) -> None:
        values = dataclasses.asdict(state)
        with self._session.begin() as s:
            row = s.get(FeedRow, state.url)
            if row is None:
                s.add(FeedRow(**values))
            else:
                for key, value in values.items():
                    setattr(row, key, value)

    def feed_items_done(self, feed_url: str) -> set[str]:
        """Keys of the items of a feed that were fetched and processed (or given up on)."""
        with self._session() as s:
            query = select(FeedItemRow.item_key).where(FeedItemRow.feed_url == feed_url, FeedItemRow.done)
            return set(s.scalars(query))

    def feed_items_pending(self, feed_url: str) -> list[tuple[str, str | None]]:
        """(key, link) of the items of a feed that failed and are to be retried, first seen first."""
        with self._session() as s:
            query = (
                select(FeedItemRow.item_key, FeedItemRow.link)
                .where(FeedItemRow.feed_url == feed_url, ~FeedItemRow.done)
                .order_by(FeedItemRow.seen_at)
            )
            return [(key, link) for key, link in s.execute(query)]

    def feed_item_attempts(self, feed_url: str, item_key: str) -> int:
        with self._session() as s:
            row = s.get(FeedItemRow, (feed_url, item_key))
            return row.attempts if row else 0

    def record_feed_item(
        self,
        feed_url: str,
        item_key: str,
        link: str | None,
        *,
        done: bool,
        error: str | None = None,
        article_id: str | None = None,
    ) -> None:
        """One attempt at an item: done (processed, or given up) or failed (to retry next round)."""
        with self._session.begin() as s:
            row = s.get(FeedItemRow, (feed_url, item_key))
            if row is None:
                row = FeedItemRow(feed_url=feed_url, item_key=item_key, attempts=0, seen_at=_now())
                s.add(row)
            row.link, row.done, row.last_error, row.article_id = link, done, error, article_id
            row.attempts += 1

    # ------------------------------------------------------------ web and API reads (issue 7)

    def incident_page(
        self, *, limit: int = 50, offset: int = 0, with_links: bool = True, **query: Any
    ) -> tuple[list[Incident], int]:
        """One page of incidents (``query``: the filters and sort of ``incident_page_ids``) and the
        number matching in all.

        ``with_links=False`` skips reading links and live claim membership (lists need neither): the
        incidents then carry no links and the claim ids stored with them.
        """
        ids, total = self.incident_page_ids(limit=limit, offset=offset, **query)
        found = self.incidents_by_id(ids, with_links=with_links)
        return [found[i] for i in ids if i in found], total

    def incident_page_ids(
        self,
        *,
        governorate: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        actor: str | None = None,
        weapon: str | None = None,
        grade: str | None = None,
        min_killed: int | None = None,
        q: str | None = None,
        sort: str = "date",
        descending: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[str], int]:
        """The ids of one page of incidents, in order, and the number matching in all; ``q`` searches
        article titles and texts.

        ``sort`` is one of INCIDENT_SORTS (unknown keys raise ValueError); ties and undated incidents
        come last, then by id, so pages are stable.
        """
        if sort not in INCIDENT_SORTS:
            raise ValueError(f"unknown sort key {sort!r}")
        conditions = list(_incident_filters(governorate, date_from, date_to, actor, grade, min_killed))
        if weapon is not None:
            conditions.append(
                exists().where(ClaimRow.incident_id == IncidentRow.id, ClaimRow.weapon == weapon)
            )
        if q is not None and q.strip():
            conditions.append(IncidentRow.id.in_(self._text_match_incidents(q)))
        key = INCIDENT_SORTS[sort]
        order = [key.is_(None), key.desc() if descending else key, IncidentRow.id]
        with self.engine.connect() as s:  # plain rows: an ORM session's bookkeeping costs more here
            total = s.scalar(select(func.count()).select_from(IncidentRow).where(*conditions)) or 0
            # Sort and skip over the narrow id column only (10x faster deep down than whole rows).
            query = select(IncidentRow.id).where(*conditions).order_by(*order).limit(limit).offset(offset)
            return list(s.scalars(query)), total

    def incidents_by_id(self, ids: Sequence[str], *, with_links: bool = True) -> dict[str, Incident]:
        """The incidents with these ids (unknown ids are left out); plain rows, not ORM objects, whose
        hydration cost most of a list request. ``with_links`` as for ``incident_page``."""
        table = IncidentRow.__table__
        with self.engine.connect() as s:
            rows = [
                r for chunk in _chunks(ids) for r in s.execute(table.select().where(table.c.id.in_(chunk)))
            ]
            if not with_links:
                return {r.id: _incident_from_row(r, set(r.data.get("claim_ids") or []), []) for r in rows}
            return {i.id: i for i in _load_incidents(s, rows)}

    def _text_match_incidents(self, q: str) -> Select[Any]:
        """Incident ids whose articles match ``q``: FTS5 on SQLite (every word, any order), LIKE elsewhere."""
        matching = select(ClaimRow.incident_id).join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
        if self.engine.dialect.name == "sqlite":
            rowids = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_q").bindparams(
                fts_q=fts_query(q)
            )
            return matching.where(literal_column("articles.rowid").in_(rowids.columns(column("rowid"))))
        like = f"%{q.strip()}%"
        return matching.where(or_(ArticleRow.title.ilike(like), ArticleRow.text.ilike(like)))

    def get_claim(self, claim_id: str) -> Claim | None:
        with self._session() as s:
            row = s.execute(_claim_select().where(ClaimRow.id == claim_id)).first()
            return _claim_from_row(*row) if row else None

    def claim_page(
        self,
        *,
        article_id: str | None = None,
        incident_id: str | None = None,
        governorate: str | None = None,
        actor: str | None = None,
        weapon: str | None = None,
        role: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Claim], int]:
        conditions = [
            column_ == value
            for column_, value in (
                (ClaimRow.article_id, article_id),
                (ClaimRow.incident_id, incident_id),
                (ClaimRow.governorate, governorate),
                (ClaimRow.actor, actor),
                (ClaimRow.weapon, weapon),
                (ClaimRow.role, role),
            )
            if value is not None
        ]
        with self._session() as s:
            total = s.scalar(select(func.count()).select_from(ClaimRow).where(*conditions)) or 0
            query = (
                _claim_select()
                .where(*conditions)
                .order_by(ClaimRow.article_id, ClaimRow.idx)
                .limit(limit)
                .offset(offset)
            )
            return [_claim_from_row(d, i) for d, i in s.execute(query)], total

    def outlets(self) -> list[OutletSummary]:
        """Every outlet with stored articles, by name."""
        query = (
            select(
                ArticleRow.outlet,
                func.count(func.distinct(ArticleRow.id)),
                func.count(ClaimRow.id),
                func.count(func.distinct(ClaimRow.incident_id)),
                func.min(ArticleRow.published),
                func.max(ArticleRow.published),
            )
            .outerjoin(ClaimRow, ClaimRow.article_id == ArticleRow.id)
            .where(ArticleRow.outlet.is_not(None))
            .group_by(ArticleRow.outlet)
            .order_by(ArticleRow.outlet)
        )
        with self._session() as s:
            return [OutletSummary(*row) for row in s.execute(query)]

    def articles_by_outlet(self, outlet: str) -> list[Article]:
        query = select(ArticleRow).where(ArticleRow.outlet == outlet)
        with self._session() as s:
            rows = s.scalars(
                query.order_by(ArticleRow.published.is_(None), ArticleRow.published, ArticleRow.id)
            )
            return [_article_from_row(r) for r in rows]

    def outlet_names(self) -> dict[str, str | None]:
        """article id -> outlet, for every stored article."""
        with self._session() as s:
            return dict(s.execute(select(ArticleRow.id, ArticleRow.outlet)).all())

    def incident_months(self) -> list[tuple[str, int, int, int]]:
        """(YYYY-MM, incidents, civilians killed min sum, max sum) per month of date_min, oldest first."""
        with self._session() as s:
            rows = s.execute(
                select(IncidentRow.date_min, IncidentRow.data).where(IncidentRow.date_min.is_not(None))
            )
            months: dict[str, list[int]] = {}
            for day, data in rows:
                low_high = (data.get("casualties") or {}).get("killed.civilians") or [0, 0]
                entry = months.setdefault(day.strftime("%Y-%m"), [0, 0, 0])
                entry[0] += 1
                entry[1] += int(low_high[0])
                entry[2] += int(low_high[1])
        return [(month, *values) for month, values in sorted(months.items())]

    def data_revision(self) -> int | None:
        """A counter every write to what the pages show raises (0006_web triggers); None off SQLite."""
        if self.engine.dialect.name != "sqlite":
            return None
        with self.engine.connect() as connection:
            return connection.scalar(text("SELECT n FROM data_revision WHERE id = 1"))

    # ------------------------------------------------------------ analyst review (issue 7)

    def add_user(self, name: str) -> str:
        """Create a user (or give an existing one a new token); returns the token, stored only hashed."""
        token = secrets.token_urlsafe(32)
        with self._session.begin() as s:
            row = s.get(UserRow, name)
            if row is None:
                s.add(UserRow(name=name, token_hash=_token_hash(token), created_at=_now()))
            else:
                row.token_hash = _token_hash(token)
        return token

    def user_for_token(self, token: str) -> str | None:
        if not token:
            return None
        with self._session() as s:
            return s.scalar(select(UserRow.name).where(UserRow.token_hash == _token_hash(token)))

    def update_claim(self, claim: Claim, *, user: str, action: str, before: Any, after: Any) -> None:
        """Store an analyst's version of a claim, mark it reviewed and audit the change, in one transaction."""
        row = _claim_to_row(claim)
        del row["incident_id"]
        with self._session.begin() as s:
            s.execute(update(ClaimRow).where(ClaimRow.id == claim.id).values(**row, reviewed=True))
            _audit(s, user, action, "claim", claim.id, before, after)

    def review_incidents(
        self, incidents: list[Incident], *, user: str, action: str, target_id: str, before: Any, after: Any
    ) -> None:
        """``save_incidents`` for an analyst's decision: the incidents are marked reviewed, the change audited."""
        with self._session.begin() as s:
            ids = _save_incidents(s, incidents)
            s.execute(update(IncidentRow).where(IncidentRow.id.in_(ids)).values(reviewed=True))
            _audit(s, user, action, "incident", target_id, before, after)

    def set_incident_reviewed(self, incident_id: str, reviewed: bool, *, user: str) -> bool:
        with self._session.begin() as s:
            row = s.get(IncidentRow, incident_id)
            if row is None:
                return False
            before, row.reviewed = bool(row.reviewed), reviewed
            _audit(s, user, "mark_reviewed", "incident", incident_id, before, reviewed)
        return True

    def reviewed_incident_ids(self) -> set[str]:
        """Incidents an analyst reviewed, or that hold a claim an analyst edited: the pipeline leaves them be."""
        with self._session() as s:
            marked = set(s.scalars(select(IncidentRow.id).where(IncidentRow.reviewed.is_(True))))
            edited = s.scalars(
                select(ClaimRow.incident_id).where(
                    ClaimRow.reviewed.is_(True), ClaimRow.incident_id.is_not(None)
                )
            )
            return marked.union(edited)

    def is_reviewed(self, incident_id: str) -> bool:
        edited = exists().where(ClaimRow.incident_id == incident_id, ClaimRow.reviewed.is_(True))
        with self._session() as s:
            row = s.execute(select(IncidentRow.reviewed, edited).where(IncidentRow.id == incident_id)).first()
            return bool(row and (row[0] or row[1]))

    def audit_log(
        self, *, target_type: str | None = None, target_ids: Sequence[str] | None = None, limit: int = 200
    ) -> list[AuditEntry]:
        """Newest first."""
        with self._session() as s:
            return _audit_entries(s, target_type, target_ids, limit)

    def incident_bundle(self, incident_id: str, audit_limit: int = 100) -> IncidentBundle | None:
        """An incident with everything its page shows, read on one connection as plain rows (no ORM
        session: its bookkeeping cost more than these small queries)."""
        table = IncidentRow.__table__
        with self.engine.connect() as s:
            row = s.execute(table.select().where(table.c.id == incident_id)).first()
            if row is None:
                return None
            incident = _load_incidents(s, [row])[0]
            claim_rows = s.execute(
                select(ClaimRow.data, ClaimRow.incident_id, ClaimRow.reviewed)
                .where(ClaimRow.incident_id == incident_id)
                .order_by(ClaimRow.article_id, ClaimRow.idx)
            ).all()
            claims = [_claim_from_row(data, owner) for data, owner, _ in claim_rows]
            article_ids = sorted({c.article_id for c in claims})
            articles = ArticleRow.__table__
            found = s.execute(articles.select().where(articles.c.id.in_(article_ids))) if article_ids else []
            assessed = s.execute(
                select(AssessmentRow.__table__).where(AssessmentRow.article_id.in_(article_ids))
            )
            return IncidentBundle(
                incident=incident,
                claims=claims,
                articles={r.id: _article_from_row(r) for r in found},
                assessments={r.article_id: _assessment_from_row(r) for r in assessed},
                audit=_audit_entries(s, None, [incident_id, *[c.id for c in claims]], audit_limit),
                reviewed=bool(row.reviewed) or any(reviewed for _, _, reviewed in claim_rows),
            )


# ---------------------------------------------------------------- search, users, audit

# Sort keys of incident_page -> column; None sorts last whichever the direction.
INCIDENT_SORTS: dict[str, Any] = {
    "date": IncidentRow.date_min,
    "governorate": IncidentRow.governorate,
    "place": IncidentRow.place_name,
    "killed": IncidentRow.killed_max,
    "grade": IncidentRow.grade,
    "sources": IncidentRow.n_articles,
    "outlets": IncidentRow.n_outlets,
    "id": IncidentRow.id,
}


def fts_query(q: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: each word quoted, all required."""
    words = re.findall(r"\w+", q)
    return " ".join(f'"{w}"' for w in words) if words else '""'


def _audit_entries(
    s: Session | Connection, target_type: str | None, target_ids: Sequence[str] | None, limit: int
) -> list[AuditEntry]:
    query = select(AuditRow.__table__).order_by(AuditRow.id.desc()).limit(limit)
    if target_type is not None:
        query = query.where(AuditRow.target_type == target_type)
    if target_ids is not None:
        query = query.where(AuditRow.target_id.in_(list(target_ids)))
    return [
        AuditEntry(r.id, r.at, r.user, r.action, r.target_type, r.target_id, r.before, r.after)
        for r in s.execute(query)
    ]


@dataclasses.dataclass
class IncidentBundle:
    """What an incident page shows, read together (Store.incident_bundle)."""

    incident: Incident
    claims: list[Claim]
    articles: dict[str, Article]  # by id
    assessments: dict[str, Assessment]  # stored verdicts, by article id
    audit: list[AuditEntry]  # newest first, the incident's and its claims'
    reviewed: bool


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _audit(
    s: Session, user: str, action: str, target_type: str, target_id: str, before: Any, after: Any
) -> None:
    s.add(
        AuditRow(
            at=_now(),
            user=user,
            action=action,
            target_type=target_type,
            target_id=target_id,
            before=before,
            after=after,
        )
    )


# ---------------------------------------------------------------- incident writing and reading


def _existing(s: Session, column: Any, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(s.scalars(select(column).where(column.in_(chunk))))
    return found


def _bulk_upsert(s: Session, model: type[Base], rows: list[dict[str, Any]], exists_: Any) -> None:
    """Bulk INSERT the new rows, bulk UPDATE (by primary key) the others: portable, no dialect upsert."""
    old = [r for r in rows if exists_(r)]
    new = [r for r in rows if not exists_(r)]
    if new:
        s.execute(insert(model), new)
    if old:
        s.execute(update(model), old)


def _save_incidents(s: Session, incidents: list[Incident]) -> list[str]:
    batch = list({i.id: i for i in incidents}.values())
    _upsert_incidents(s, batch)
    _assign_claims(s, batch)
    _replace_links(s, batch)
    s.execute(delete(IncidentRow).where(~exists().where(ClaimRow.incident_id == IncidentRow.id)))
    return [i.id for i in batch]


def _upsert_incidents(s: Session, batch: list[Incident]) -> None:
    known = _existing(s, IncidentRow.id, [i.id for i in batch])
    _bulk_upsert(s, IncidentRow, [_incident_to_row(i) for i in batch], lambda r: r["id"] in known)


def _release_claims(incident_ids: Sequence[str]) -> Any:
    return (
        update(ClaimRow)
        .where(ClaimRow.incident_id.in_(incident_ids))
        .values(incident_id=None)
        .execution_options(synchronize_session=False)
    )


def _assign_claims(s: Session, batch: list[Incident]) -> None:
    for chunk in _chunks([i.id for i in batch]):
        s.execute(_release_claims(chunk))
    owner = {claim_id: i.id for i in batch for claim_id in i.claim_ids}
    if owner:
        table = ClaimRow.__table__
        statement = (
            table.update().where(table.c.id == bindparam("b_id")).values(incident_id=bindparam("b_inc"))
        )
        s.execute(statement, [{"b_id": c, "b_inc": i} for c, i in owner.items()])


def _replace_links(s: Session, batch: list[Incident]) -> None:
    for chunk in _chunks([i.id for i in batch]):
        s.execute(delete(LinkRow).where(LinkRow.incident_id.in_(chunk)))
    rows = [_link_to_row(i.id, link) for i in batch for link in i.links]
    if rows:
        s.execute(insert(LinkRow), rows)


def _incident_filters(
    governorate: str | None,
    date_from: date | None,
    date_to: date | None,
    actor: str | None,
    grade: str | None,
    min_killed: int | None,
) -> Iterator[Any]:
    if governorate is not None:
        yield IncidentRow.governorate == governorate
    if date_from is not None:
        yield func.coalesce(IncidentRow.date_max, IncidentRow.date_min) >= date_from
    if date_to is not None:
        yield func.coalesce(IncidentRow.date_min, IncidentRow.date_max) <= date_to
    if actor is not None:
        yield exists().where(ClaimRow.incident_id == IncidentRow.id, ClaimRow.actor == actor)
    if grade is not None:
        yield IncidentRow.grade == grade
    if min_killed is not None:
        yield IncidentRow.killed_max >= min_killed


def _load_incidents(s: Session | Connection, rows: list[IncidentRow]) -> list[Incident]:
    """Incidents for these rows, with their live claim ids and their links (two queries per 500)."""
    links_table = LinkRow.__table__
    ids = [r.id for r in rows]
    members: dict[str, set[str]] = {i: set() for i in ids}
    links: dict[str, list[Link]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        for claim_id, incident_id in s.execute(
            select(ClaimRow.id, ClaimRow.incident_id).where(ClaimRow.incident_id.in_(chunk))
        ):
            members[incident_id].add(claim_id)
        query = links_table.select().where(links_table.c.incident_id.in_(chunk)).order_by(links_table.c.id)
        for row in s.execute(query):
            links[row.incident_id].append(_link_from_row(row))
    return [_incident_from_row(r, members[r.id], links[r.id]) for r in rows]


# ---------------------------------------------------------------- row <-> data class


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _from_iso(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _article_to_row(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "content_hash": a.content_hash,
        "title": a.title,
        "text": a.text,
        "outlet": a.outlet,
        "url": a.url,
        "published": a.published,
        "language": a.language,
        "source": a.source,
        "source_format": a.source_format,
        "meta": dict(a.meta),
        "ingested_at": _now(),
    }


def _article_from_row(r: ArticleRow) -> Article:
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


def _claim_select() -> Select[Any]:
    return select(ClaimRow.data, ClaimRow.incident_id)


def _claim_to_row(c: Claim) -> dict[str, Any]:
    place = c.place
    return {
        "id": c.id,
        "article_id": c.article_id,
        "idx": c.index,
        "role": c.role,
        "date": c.date,
        "date_precision": c.date_precision,
        "governorate": c.governorate,
        "place_name": (place.canonical or place.name) if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "actor": c.actor,
        "weapon": c.weapon,
        "target": c.target,
        "incident_id": None,  # set by save_incidents, so that it always names a stored incident
        "data": c.to_dict(),
    }


def _claim_from_row(data: dict[str, Any], incident_id: str | None) -> Claim:
    claim = Claim.from_dict(data)
    claim.incident_id = incident_id
    return claim


def _killed_max(casualties: dict[str, tuple[int, int]]) -> int | None:
    highs = [high for path, (_low, high) in casualties.items() if path.startswith("killed.")]
    return max(highs) if highs else None


def _incident_to_dict(i: Incident) -> dict[str, Any]:
    """The whole Incident as JSON-ready data (dates ISO, casualty ranges as [min, max])."""
    return {
        "id": i.id,
        "claim_ids": list(i.claim_ids),
        "date_min": _iso(i.date_min),
        "date_max": _iso(i.date_max),
        "place": i.place.to_dict() if i.place else None,
        "governorate": i.governorate,
        "actors": list(i.actors),
        "weapons": list(i.weapons),
        "targets": list(i.targets),
        "casualties": {path: [low, high] for path, (low, high) in i.casualties.items()},
        "n_articles": i.n_articles,
        "n_outlets": i.n_outlets,
        "outlets": list(i.outlets),
        "camps": list(i.camps),
        "belligerent_response": i.belligerent_response,
        "contradictions": list(i.contradictions),
        "grade": i.grade,
        "grade_reason": i.grade_reason,
        "links": [_link_to_dict(link) for link in i.links],
    }


def _incident_from_dict(d: dict[str, Any]) -> Incident:
    return Incident(
        id=d.get("id", ""),
        claim_ids=list(d.get("claim_ids") or []),
        date_min=_from_iso(d.get("date_min")),
        date_max=_from_iso(d.get("date_max")),
        place=Place.from_dict(d.get("place")),
        governorate=d.get("governorate"),
        actors=list(d.get("actors") or []),
        weapons=list(d.get("weapons") or []),
        targets=list(d.get("targets") or []),
        casualties={path: (int(v[0]), int(v[1])) for path, v in (d.get("casualties") or {}).items()},
        n_articles=d.get("n_articles", 0),
        n_outlets=d.get("n_outlets", 0),
        outlets=list(d.get("outlets") or []),
        camps=list(d.get("camps") or []),
        belligerent_response=d.get("belligerent_response"),
        contradictions=list(d.get("contradictions") or []),
        grade=d.get("grade"),
        grade_reason=d.get("grade_reason"),
        links=[_link_from_dict(x) for x in d.get("links") or []],
    )


def _incident_to_row(i: Incident) -> dict[str, Any]:
    data = _incident_to_dict(i)
    del data["links"]  # the links table holds them
    place = i.place
    return {
        "id": i.id,
        "date_min": i.date_min,
        "date_max": i.date_max,
        "governorate": i.governorate,
        "place_name": (place.canonical or place.name) if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "killed_max": _killed_max(i.casualties),
        "grade": i.grade,
        "n_articles": i.n_articles,
        "n_outlets": i.n_outlets,
        "data": data,
    }


def _incident_from_row(r: IncidentRow, claim_ids: set[str], links: list[Link]) -> Incident:
    """The Incident from its JSON; claim membership and links come from their own tables."""
    incident = _incident_from_dict(r.data)
    listed = [c for c in incident.claim_ids if c in claim_ids]
    return dataclasses.replace(
        incident,
        id=r.id,
        claim_ids=listed + sorted(claim_ids.difference(listed)),
        date_min=r.date_min,
        date_max=r.date_max,
        governorate=r.governorate,
        grade=r.grade,
        n_articles=r.n_articles,
        n_outlets=r.n_outlets,
        links=links,
    )


def _link_to_dict(link: Link) -> dict[str, Any]:
    return {
        "claim_id": link.claim_id,
        "matched_claim_id": link.matched_claim_id,
        "score": link.score,
        "reasons": list(link.reasons),
    }


def _link_from_dict(d: dict[str, Any]) -> Link:
    return Link(d["claim_id"], d.get("matched_claim_id"), float(d["score"]), list(d.get("reasons") or []))


def _link_to_row(incident_id: str, link: Link) -> dict[str, Any]:
    return {"incident_id": incident_id, **_link_to_dict(link)}


def _link_from_row(r: LinkRow) -> Link:
    return Link(r.claim_id, r.matched_claim_id, r.score, list(r.reasons or []))


def _assessment_to_row(a: Assessment) -> dict[str, Any]:
    return {
        "article_id": a.article_id,
        "verdict": a.verdict,
        "score": a.score,
        "reasons": list(a.reasons),
        "features": dict(a.features),
    }


def _capture_from_row(r: CaptureRow) -> Capture:
    return Capture(r.id, r.sha256, r.location, r.kind, r.fetched_at, r.status, dict(r.headers or {}))


def _assessment_from_row(r: AssessmentRow) -> Assessment:
    return Assessment(r.article_id, r.verdict, r.score, list(r.reasons or []), dict(r.features or {}))


def _reference_key(r: ReferenceRecord) -> str:
    """The record's external id, else one made of its date range and place."""
    if r.external_id:
        return r.external_id
    return f"{_iso(r.date_start)}..{_iso(r.date_end)}|{r.place or ''}|{r.governorate or ''}"


def _reference_to_row(r: ReferenceRecord) -> dict[str, Any]:
    return {
        "source": r.source,
        "external_id": _reference_key(r),
        "date_start": r.date_start,
        "date_end": r.date_end or r.date_start,
        "place": r.place,
        "governorate": r.governorate,
        "lat": r.lat,
        "lon": r.lon,
        "data": {"figures": {k: list(v) for k, v in r.figures.items()}, "notes": r.notes},
        "imported_at": _now(),
    }


def _reference_from_row(r: ReferenceRow) -> ReferenceRecord:
    data = r.data or {}
    return ReferenceRecord(
        source=r.source,
        external_id=r.external_id,
        date_start=r.date_start,
        date_end=r.date_end,
        place=r.place,
        governorate=r.governorate,
        lat=r.lat,
        lon=r.lon,
        figures={k: (int(v[0]), int(v[1])) for k, v in (data.get("figures") or {}).items()},
        notes=data.get("notes"),
        id=r.id,
    )
