"""JSON-ready views of the stored data, shared by the API and the pages (no SQL here: Store only)."""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import lru_cache
from typing import Any

from civcas import assess
from civcas.models import FIGURE_PATHS, Article, Assessment, Claim, CredibilityVerdict, Incident, Link, Span
from civcas.outlets import OutletRegistry
from civcas.store import IncidentBundle, Store

GRADE_RULES = {
    "confirmed": "the accused party admitted the incident",
    "contested": "the sources conflict: the accused denied it, the claims name different perpetrators, "
    f"or death tolls differ by more than a factor of {assess.CONTESTED_RATIO:g}",
    "discounted": "only background mentions (an older event recalled in passing) support it",
    "fair": "outlets of two or more independent media camps report it and their figures agree",
    "weak": "a single source: one outlet, several outlets of one media camp, or outlets the registry "
    "does not know",
}


@lru_cache(maxsize=4096)
def outlet_camp(name: str | None) -> str | None:
    """The media camp of an outlet (state media, opposition, wire, monitor...) if the registry knows it."""
    return OutletRegistry.default().camp_of(name) if name else None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def date_range(i: Incident) -> str:
    if not i.date_min:
        return "undated"
    if i.date_max and i.date_max != i.date_min:
        return f"{i.date_min.isoformat()}..{i.date_max.isoformat()}"
    return i.date_min.isoformat()


def incident_summary(i: Incident) -> dict[str, Any]:
    place = i.place
    return {
        "id": i.id,
        "date_min": _iso(i.date_min),
        "date_max": _iso(i.date_max),
        "date": date_range(i),
        "place": (place.canonical or place.name) if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "governorate": i.governorate,
        "actors": i.actors,
        "weapons": i.weapons,
        "targets": i.targets,
        "casualties": {path: {"min": lo, "max": hi} for path, (lo, hi) in i.casualties.items()},
        "n_articles": i.n_articles,
        "n_outlets": i.n_outlets,
        "outlets": i.outlets,
        "grade": i.grade,
    }


def link_json(lk: Link) -> dict[str, Any]:
    return {
        "claim_id": lk.claim_id,
        "matched_claim_id": lk.matched_claim_id,
        "score": lk.score,
        "reasons": lk.reasons,
    }


def claim_json(c: Claim, article: Article | None = None) -> dict[str, Any]:
    d = c.to_dict()
    d["id"] = c.id
    if article is not None:
        d["outlet"] = article.outlet
        d["camp"] = outlet_camp(article.outlet)
        d["published"] = _iso(article.published)
        d["article_title"] = article.title
    return d


def assessment_json(a: Assessment | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"verdict": a.verdict, "score": a.score, "reasons": a.reasons, "features": a.features}


def verdict_json(v: CredibilityVerdict) -> dict[str, Any]:
    """verdict, score, reasons, features, references, scorer."""
    d = dataclasses.asdict(v)
    del d["article_id"]
    return d


def incident_detail(bundle: IncidentBundle) -> dict[str, Any]:
    i, articles = bundle.incident, bundle.articles
    d = incident_summary(i)
    d.update(
        {
            "place_detail": i.place.to_dict() if i.place else None,
            "belligerent_response": i.belligerent_response,
            "contradictions": i.contradictions,
            "grade_reason": i.grade_reason,
            "grade_rule": GRADE_RULES.get(i.grade or ""),
            "reviewed": bundle.reviewed,
            "claims": [
                {
                    **claim_json(c, articles.get(c.article_id)),
                    "verdict": assessment_json(bundle.assessments.get(c.article_id)),
                }
                for c in bundle.claims
            ],
            "links": [link_json(lk) for lk in i.links],
            "audit": [e.to_dict() for e in bundle.audit],
        }
    )
    return d


def article_json(store: Store, a: Article) -> dict[str, Any]:
    claims = store.claims(article_id=a.id)
    return {
        "id": a.id,
        "title": a.title,
        "text": a.text,
        "outlet": a.outlet,
        "camp": outlet_camp(a.outlet),
        "url": a.url,
        "published": _iso(a.published),
        "language": a.language,
        "source_format": a.source_format,
        "claims": [claim_json(c) for c in claims],
        "assessment": assessment_json(store.assessment(a.id)),
    }


def highlight(text: str, spans: list[tuple[Span, str]]) -> list[tuple[str, list[str]]]:
    """The text cut at every span boundary: (piece, labels of the spans covering it). Escaping is the
    template's job; this only splits."""
    valid = [(s, label) for s, label in spans if s and 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *[s.start for s, _ in valid], *[s.end for s, _ in valid]})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        labels = [label for s, label in valid if s.start <= a and b <= s.end]
        pieces.append((text[a:b], labels))
    return pieces


def claim_spans(c: Claim) -> list[tuple[Span, str]]:
    spans: list[tuple[Span, str]] = [(c.sentence, "sentence")] if c.sentence else []
    spans += [(span, name) for name, span in sorted(c.evidence.items())]
    return spans


def figure_text(c: Claim, path: str) -> str:
    fig = c.figures.get(path)
    if fig is None:
        return "–"
    return f"≥{fig.value}" if fig.approx else str(fig.value)


def range_text(low_high: tuple[int, int] | None) -> str:
    if not low_high:
        return "–"
    return str(low_high[0]) if low_high[0] == low_high[1] else f"{low_high[0]}–{low_high[1]}"


FIGURES = FIGURE_PATHS
