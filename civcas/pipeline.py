"""The pipeline, end to end: ingest -> extract -> geocode -> link -> assess -> store.

Each article is written in its own transaction together with its claims, so an interrupted run
never leaves half an article. Linking and assessment then touch only the incidents that gained
claims, which makes runs incremental: new articles attach to incidents already stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

# credibility also imports this module (to check one article); both only use each other at call time
from civcas import assess, credibility, geo, ingest, link
from civcas.extract import extract_claims
from civcas.models import Article, Assessment, Claim

if TYPE_CHECKING:
    from civcas.store import Store

Progress = Callable[[int], None]


@dataclass
class RunReport:
    added: list[str] = field(default_factory=list)  # article ids stored by this run
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (new id, id already stored)
    revisions: list[tuple[str, str]] = field(default_factory=list)  # (id stored, id of the older version)
    stored_as: dict[str, str] = field(
        default_factory=dict
    )  # each input article id -> the stored article with its text
    errors: list[ingest.IngestError] = field(default_factory=list)
    claims: int = 0
    incidents_touched: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def process_article(article: Article) -> list[Claim]:
    """Extract and geocode the claims of one article (no storage)."""
    claims = extract_claims(article)
    for claim in claims:
        geocode_claim(claim, article.text)
    return claims


def geocode_claim(claim: Claim, text: str) -> None:
    """Resolve the claim's place in the gazetteer; a claim without a named place keeps none."""
    place = claim.place
    if place is None:
        return
    # The whole report is the context: the words around this mention, and where it names the place again.
    resolved = geo.geocode(place.name, place.span, claim.governorate, text)
    if resolved is None:
        return
    resolved.alt_names = list(dict.fromkeys([*resolved.alt_names, *place.alt_names]))
    claim.place = resolved
    claim.governorate = resolved.governorate or claim.governorate


def run(paths: Iterable[str | Path], store: Store, progress: Progress | None = None) -> RunReport:
    """Archive every input file's bytes, then process its articles (see run_articles)."""
    paths = list(paths)
    captures = archive_inputs(paths, store)
    return run_articles(
        ingest.iter_articles(paths), store, progress, capture_of=lambda a: captures.get(ingest.source_file(a))
    )


def archive_inputs(paths: list[str | Path], store: Store) -> dict[str | None, int]:
    """Keep the exact bytes of every input file in the archive; file path (as ingest names it) -> capture id."""
    captures: dict[str | None, int] = {}
    for path in ingest.input_files(paths):
        try:
            content, stat = path.read_bytes(), path.stat()
        except OSError:
            continue  # ingest reports the unreadable file
        headers = {"size": str(stat.st_size), "mtime": datetime.fromtimestamp(stat.st_mtime, UTC).isoformat()}
        capture, _new = store.archive(content, str(path.resolve()), "file", headers=headers)
        captures[str(path)] = capture.id
    return captures


def run_articles(
    items: Iterable[Article | ingest.IngestError],
    store: Store,
    progress: Progress | None = None,
    capture_of: Callable[[Article], int | None] | None = None,
) -> RunReport:
    """Store new articles with their claims, then link and assess them.

    ``capture_of`` names the archived original of an article, which the store links it to.
    """
    report = RunReport()
    new_claims: list[Claim] = []
    seen_in_run: dict[str, str] = {}
    for item in items:
        if progress:
            progress(1)
        if isinstance(item, ingest.IngestError):
            report.errors.append(item)
            store.log_error(item.source, item.message)
            continue
        input_id = item.id
        known = seen_in_run.get(item.content_hash) or store.has_content(item.content_hash)
        if known:
            report.duplicates.append((item.id, known))
        else:
            known, claims = _add_new(store, item, report, capture_of)
            seen_in_run[item.content_hash] = known
            new_claims += claims
        report.stored_as.setdefault(input_id, known)
    report.incidents_touched = link_and_assess(store, new_claims, report.added)
    return report


def _add_new(
    store: Store, item: Article, report: RunReport, capture_of: Callable[[Article], int | None] | None
) -> tuple[str, list[Claim]]:
    """Extract and store an article not stored yet (a changed one as a revision): the id that
    holds its text, and its new claims."""
    if older := revise_if_changed(store, item):
        report.revisions.append((item.id, older))
    claims = process_article(item)
    if not store.add_article(item, claims):  # another writer stored the same content meanwhile
        stored = store.has_content(item.content_hash) or item.id
        report.duplicates.append((item.id, stored))
        return stored, []
    report.added.append(item.id)
    report.claims += len(claims)
    if capture_of and (capture_id := capture_of(item)) is not None:
        store.link_capture(item.id, capture_id)
    return item.id, claims


def revise_if_changed(store: Store, article: Article) -> str | None:
    """An article whose id is stored with other content is a new version: it gets a revision id
    ('x-2' ...) and meta['revision_of'], and both versions are kept. Returns the older version's id."""
    stored_hash = store.content_hash_of(article.id)
    if stored_hash is None or stored_hash == article.content_hash:
        return None
    older = article.id
    article.id = store.revision_id(older)
    article.meta["revision_of"] = older
    return older


def link_and_assess(store: Store, new_claims: list[Claim], new_article_ids: Iterable[str] = ()) -> list[str]:
    """Link new claims to stored incidents, rebuild the incidents they touched, and store a credibility
    verdict for every new article and every article whose incidents changed."""
    if not new_claims:
        _reassess(store, set(new_article_ids))
        return []
    existing = _linking_candidates(store, new_claims)
    clusters = link.link_claims(new_claims, existing)
    outlets = store.outlet_names()
    incidents = [assess.build_incident(c.id, c.claims, outlets, _all_links(store, c)) for c in clusters]
    store.save_incidents(incidents)
    _reassess(store, {*new_article_ids, *(c.article_id for cl in clusters for c in cl.claims)})
    return [i.id for i in incidents]


def stored_claims_in_reach(store: Store, new_claims: list[Claim]) -> list[Claim]:
    """The stored claims that can bear on where new claims go (link.stored_reach), with every report
    of the incidents of month- or year-precision claims among them, and the undated claims."""
    found = {c.id: c for c in store.undated_claims()}
    for first, last in link.stored_reach(new_claims):
        found.update((c.id, c) for c in store.claims_between(first, last))
    wide = {c.incident_id for c in found.values() if c.incident_id and link.is_imprecise(c)}
    for incident_id in sorted(wide):
        found.update((c.id, c) for c in store.claims(incident_id=incident_id))
    return list(found.values())


def _linking_candidates(store: Store, new_claims: list[Claim]) -> list[Claim]:
    new_ids = {c.id for c in new_claims}
    stored = stored_claims_in_reach(store, new_claims)
    frozen = store.reviewed_incident_ids()  # an analyst's decision is never re-linked or rebuilt
    return [c for c in stored if c.id not in new_ids and c.incident_id and c.incident_id not in frozen]


def _all_links(store: Store, cluster: link.Cluster):
    previous = store.get_incident(cluster.id)
    kept = [
        lk
        for lk in (previous.links if previous else [])
        if lk.claim_id not in {x.claim_id for x in cluster.links}
    ]
    return kept + cluster.links


def _reassess(store: Store, article_ids: set[str]) -> None:
    """Store a credibility verdict for every article whose incidents changed."""
    if not article_ids:
        return
    verdicts = credibility.assess_stored(store, article_ids)
    store.save_assessments([v.to_assessment() for v in verdicts])


@dataclass
class CheckResult:
    """An article checked against the store without storing it: its claims, their matches, a verdict."""

    article: Article
    claims: list[Claim]
    matches: dict[str, link.Cluster]  # claim id -> the stored incident it joins (cluster id = incident id)
    assessment: Assessment


def check_article(store: Store, article: Article) -> CheckResult:
    """Extract, geocode and link one article against the stored incidents; nothing is written."""
    claims = process_article(article)
    existing = _linking_candidates(store, claims) if claims else []
    stored_ids = {c.incident_id for c in existing}
    matches: dict[str, link.Cluster] = {}
    for cluster in link.link_claims(claims, existing):
        if cluster.id in stored_ids:
            for claim in cluster.claims:
                if claim.article_id == article.id:
                    matches[claim.id] = cluster
    for claim in claims:
        claim.incident_id = matches[claim.id].id if claim.id in matches else None
    evidence = credibility.evidence_from_store(store, article, claims)
    assessment = credibility.assess(article, claims, evidence).to_assessment()
    return CheckResult(article, claims, matches, assessment)
