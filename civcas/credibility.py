"""Credibility: is an article consistent with the evidence, and why.

For each claim of an article we gather the evidence (``Evidence``): the other claims of its
incident (what the other reports of the same event say) and the reference records that match
it (same governorate, same place when both name one, date inside a window set by the claim's
date precision). From them come features (``claim_features``) and a verdict:

- ``doubtful``   a casualty figure is more than DOUBTFUL_RATIO times away from the reference
  records, or from the median of at least one other outlet reporting the incident.
- ``credible``   its figures agree with matching reference records or with at least one other
  outlet (within DOUBTFUL_RATIO), and nothing is doubtful.
- ``insufficient_evidence`` neither a reference record nor another outlet reports its incidents.

The score (0..1) is a documented rule (``rule_score``) unless a trained model (``train``) is
given. Outlet-blind mode (``blind``) computes every feature with the outlets withheld: the
article's outlet and camp are never read, and every other report counts as its own source.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from statistics import median
from typing import TYPE_CHECKING

from civcas import geo, link, pipeline
from civcas.models import Article, Claim, CredibilityVerdict, ReferenceRecord

if TYPE_CHECKING:
    from civcas.store import Store

DOUBTFUL_RATIO = 2.0
CATEGORIES = ("killed.total", "killed.civilians", "killed.children", "killed.women", "injured.total")
OUTLET_PREFIXES = ("outlet=", "camp=", "other_camps")  # the features outlet-blind mode never has

HEDGES = re.compile(
    r"\b(reportedly|allegedly|alleged|unconfirmed|unverified|purportedly|could not be (?:independently )?"
    r"verified|it is claimed|rumou?red|claimed)\b",
    re.I,
)
_MONITORS = (
    r"syrian observatory|observatory for human rights|sohr|syrian network for human rights|snhr|"
    r"violations documentation cent(?:er|re)|white helmets|civil defen[cs]e|united nations|\bun\b|"
    r"unicef|world health organi[sz]ation|\bwho\b|amnesty|human rights watch|airwars|msf|"
    r"doctors without borders|red crescent|red cross|icrc"
)
_OFFICIALS = (
    r"ministry|minister|officials?|spokes(?:man|woman|person)|governor|police|army|military source|"
    r"command|pentagon|state news agency|authorities"
)
_VAGUE = r"activists?|local sources|sources|residents|witnesses|media reports|medics|monitors?"
ATTRIBUTION = (
    (3, re.compile(_MONITORS, re.I)),
    (2, re.compile(_OFFICIALS, re.I)),
    (1, re.compile(_VAGUE, re.I)),
)


def _camp(outlet: str | None) -> str | None:
    """The media camp of an outlet, from the outlet registry when it is installed."""
    if not outlet:
        return None
    try:
        from civcas.outlets import OutletRegistry  # type: ignore[import-not-found]
    except ImportError:
        return None
    found = OutletRegistry.default().lookup(outlet)
    return getattr(found, "camp", None) if found else None


# ---------------------------------------------------------------- evidence


@dataclass
class Evidence:
    """What an article is compared with. `incident_claims` holds every claim of the article's
    incidents (its own included); `outlets` maps article id -> outlet."""

    incident_claims: dict[str, list[Claim]] = field(default_factory=dict)
    outlets: dict[str, str | None] = field(default_factory=dict)
    references: list[ReferenceRecord] = field(default_factory=list)


def blind(article: Article, evidence: Evidence) -> tuple[Article, Evidence]:
    """The article and evidence with every outlet withheld: each article is its own source."""
    ids = {c.article_id for cs in evidence.incident_claims.values() for c in cs} | {article.id}
    return replace(article, outlet=None), replace(evidence, outlets={a: a for a in ids})


def date_window(claim: Claim) -> tuple[date, date] | None:
    """Dates a matching record may cover: ±1 day, the month, or the year, by date precision."""
    if claim.date is None:
        return None
    d = claim.date
    if claim.date_precision == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if claim.date_precision == "month":
        nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
        return date(d.year, d.month, 1), nxt - timedelta(days=1)
    return d - timedelta(days=1), d + timedelta(days=1)


def matching_references(claim: Claim, records: Iterable[ReferenceRecord]) -> list[ReferenceRecord]:
    window = date_window(claim)
    if window is None or claim.governorate is None:
        return []
    return [r for r in records if _overlaps(r, window) and _same_place(claim, r)]


def _overlaps(record: ReferenceRecord, window: tuple[date, date]) -> bool:
    if record.date_start is None:
        return False
    return record.date_start <= window[1] and (record.date_end or record.date_start) >= window[0]


def _same_place(claim: Claim, record: ReferenceRecord) -> bool:
    if record.governorate and record.governorate != claim.governorate:
        return False
    place = claim.place
    if place is None or place.precision == 3 or not record.place:
        return True  # one side names only the governorate
    names = {geo.normalize_name(n) for n in [place.name, place.canonical or "", *place.alt_names] if n}
    if geo.normalize_name(record.place) in names:
        return True
    return _near(place.lat, place.lon, record.lat, record.lon)


def _near(lat1, lon1, lat2, lon2, km: float = 10.0) -> bool:
    if None in (lat1, lon1, lat2, lon2):
        return False
    dy = (lat1 - lat2) * 111.0
    dx = (lon1 - lon2) * 111.0 * math.cos(math.radians(lat1))
    return math.hypot(dx, dy) <= km


# ---------------------------------------------------------------- features


def log_ratio(own: int, low: float, high: float | None = None) -> float:
    """Signed log((own+1)/(bound+1)) to the nearest bound of [low, high]; 0 inside the range."""
    high = low if high is None else high
    if low <= own <= high:
        return 0.0
    bound = high if own > high else low
    return math.log((own + 1) / (bound + 1))


def other_claims(claim: Claim, article: Article, evidence: Evidence) -> list[Claim]:
    """Claims of the same incident made by other outlets (other articles when outlets are unknown)."""
    own = evidence.outlets.get(article.id, article.outlet)
    found = []
    for other in evidence.incident_claims.get(claim.incident_id or "", []):
        outlet = evidence.outlets.get(other.article_id)
        if other.article_id != article.id and (own is None or outlet is None or outlet != own):
            found.append(other)
    return found


def claim_features(claim: Claim, article: Article, evidence: Evidence) -> dict[str, float]:
    others = other_claims(claim, article, evidence)
    refs = matching_references(claim, evidence.references)
    features = {
        "dated": float(claim.date is not None),
        "day_precision": float(claim.date_precision == "day"),
        "has_place": float(claim.place is not None and claim.place.precision in (1, 2)),
        "has_actor": float(claim.actor not in (None, "unknown")),
        "n_figures": float(len(claim.figures)),
        "approx_figure": float(any(f.approx for f in claim.figures.values())),
        "log_killed": math.log1p(claim.figure("killed.total") or 0),
        "other_reports": float(len({c.article_id for c in others})),
        "other_outlets": float(len({evidence.outlets.get(c.article_id) or c.article_id for c in others})),
        "only_source": float(not others),
        "references": float(len(refs)),
        **_agreement(claim, others),
        **_deviations(claim, others, refs),
    }
    camps = {_camp(evidence.outlets.get(c.article_id)) for c in others} - {None}
    if camps:
        features["other_camps"] = float(len(camps))
    return features


def _agreement(claim: Claim, others: list[Claim]) -> dict[str, float]:
    def share(values: list[bool]) -> float:
        return sum(values) / len(values) if values else 0.5  # 0.5: nothing to compare with

    dated = [o for o in others if o.date and claim.date]
    actors = [o for o in others if o.actor not in (None, "unknown") and claim.actor not in (None, "unknown")]
    return {
        "date_agrees": share([abs((o.date - claim.date).days) <= 1 for o in dated]),
        "place_agrees": share(
            [_place_key(o) == _place_key(claim) for o in others if o.place and claim.place]
        ),
        "actor_agrees": share([o.actor == claim.actor for o in actors]),
    }


def _place_key(claim: Claim) -> str:
    place = claim.place
    return (place.gazetteer_id or geo.normalize_name(place.name)) if place else ""


def _deviations(claim: Claim, others: list[Claim], refs: list[ReferenceRecord]) -> dict[str, float]:
    out = {
        "max_dev_consensus": 0.0,
        "max_dev_reference": 0.0,
        "compared_consensus": 0.0,
        "compared_reference": 0.0,
    }
    for path in CATEGORIES:
        own = claim.figure(path)
        if own is None:
            continue
        cons = _consensus(others, path)
        if cons is not None:
            dev = log_ratio(own, cons)
            out[f"dev_consensus.{path}"] = dev
            out["max_dev_consensus"] = max(out["max_dev_consensus"], abs(dev))
            out["compared_consensus"] += 1
        rng = _reference_range(refs, path)
        if rng is not None:
            dev = log_ratio(own, *rng)
            out[f"dev_reference.{path}"] = dev
            out["max_dev_reference"] = max(out["max_dev_reference"], abs(dev))
            out["compared_reference"] += 1
    return out


def _consensus(others: list[Claim], path: str) -> float | None:
    values = [o.figure(path) for o in others if o.figure(path) is not None]
    return median(values) if values else None


def _reference_range(refs: list[ReferenceRecord], path: str) -> tuple[int, int] | None:
    ranges = [r.figures[path] for r in refs if path in r.figures]
    if not ranges:
        return None
    return min(lo for lo, _ in ranges), max(hi for _, hi in ranges)


def text_features(article: Article) -> dict[str, float]:
    """Hedging and how strongly the figures are attributed (3 named monitor .. 0 none)."""
    text = article.text  # the title is usually repeated in it
    strength = next((level for level, pattern in ATTRIBUTION if pattern.search(text)), 0)
    return {"hedges": float(len(HEDGES.findall(text))), "attribution": float(strength)}


def main_claim(claims: list[Claim], governorate: str | None = None) -> Claim | None:
    """The claim the article is about: a main one, in `governorate` when given, with most figures."""
    if not claims:
        return None
    gov = geo.canonical_governorate(governorate)
    return min(
        claims,
        key=lambda c: (c.role != "main", gov is not None and c.governorate != gov, -len(c.figures), c.index),
    )


def article_features(
    article: Article, claims: list[Claim], evidence: Evidence, outlet_blind: bool = False
) -> dict[str, float]:
    """Features of an article: its main claim's, the worst deviation over all its claims, its text,
    and (unless outlet-blind) its outlet and camp. Blind mode withholds outlets by construction."""
    if outlet_blind:
        article, evidence = blind(article, evidence)
    hint = article.meta.get("fakes_location")
    main = main_claim(claims, hint)
    features = {"n_claims": float(len(claims)), **text_features(article)}
    if main is not None:
        features.update(claim_features(main, article, evidence))
        worst = [claim_features(c, article, evidence) for c in claims if c is not main]
        for name in ("max_dev_consensus", "max_dev_reference"):
            features[f"any_{name}"] = max([features[name], *(w[name] for w in worst)])
    if not outlet_blind:
        features.update(outlet_features(article.outlet))
    return features


def outlet_features(outlet: str | None) -> dict[str, float]:
    camp = _camp(outlet)
    found = {f"outlet={outlet.strip().lower()}": 1.0} if outlet else {}
    return found | ({f"camp={camp}": 1.0} if camp else {})


def without_outlet(features: dict[str, float]) -> dict[str, float]:
    """The features outlet-blind mode may see (a guard for features computed with outlets)."""
    return {k: v for k, v in features.items() if not k.startswith(OUTLET_PREFIXES)}


# ---------------------------------------------------------------- verdicts


def rule_score(features: dict[str, float]) -> float:
    """Documented rule: agreement raises the score, deviation and hedging lower it (0..1)."""
    z = (
        0.6 * min(features.get("other_outlets", 0.0), 3.0)
        + 1.5 * min(features.get("compared_reference", 0.0), 1.0)
        - 3.0 * max(0.0, features.get("any_max_dev_consensus", 0.0) - math.log(1.5))
        - 3.0 * max(0.0, features.get("any_max_dev_reference", 0.0) - math.log(1.5))
        - 0.3 * min(features.get("hedges", 0.0), 3.0)
        + 0.2 * (features.get("attribution", 0.0) - 1.0)
    )
    return round(1 / (1 + math.exp(-z)), 3)


def assess(
    article: Article,
    claims: list[Claim],
    evidence: Evidence,
    model: dict | None = None,
) -> CredibilityVerdict:
    """The verdict, score and plain-language reasons for one article."""
    outlet_blind = bool(model and model.get("outlet_blind"))
    features = article_features(article, claims, evidence, outlet_blind)
    doubts, support, refs = _explain(article, claims, evidence)
    if doubts:
        verdict, reasons = "doubtful", doubts + support
    elif support:
        verdict, reasons = "credible", support
    else:
        verdict, reasons = (
            "insufficient_evidence",
            ["no reference record and no other outlet reports its incidents"],
        )
    score, scorer = rule_score(features), "rules"
    if model is not None:
        score, scorer = predict_proba(model, [features])[0], model.get("name", "model")
    reasons += _text_reasons(features)
    return CredibilityVerdict(article.id, verdict, round(score, 3), reasons, features, refs, scorer)


def _explain(
    article: Article, claims: list[Claim], evidence: Evidence
) -> tuple[list[str], list[str], list[str]]:
    doubts, support, refs = [], [], []
    for claim in claims:
        others = other_claims(claim, article, evidence)
        matched = matching_references(claim, evidence.references)
        refs += [r.label for r in matched]
        for path in CATEGORIES:
            own = claim.figure(path)
            if own is None:
                continue
            _compare_reference(claim, path, own, matched, doubts, support)
            _compare_consensus(claim, path, own, others, evidence, doubts, support)
        if others and not any(c.figures for c in others):
            support.append(f"claim {claim.index}: {_n_outlets(others, evidence)} also report(s) the incident")
    return doubts, support, list(dict.fromkeys(refs))


def _compare_reference(claim, path, own, matched, doubts, support) -> None:
    rng = _reference_range(matched, path)
    if rng is None:
        return
    names = ", ".join(r.label for r in matched if path in r.figures)
    ratio = math.exp(abs(log_ratio(own, *rng)))
    text = f"claim {claim.index} {path}: this article says {own}, reference records say {_fmt(rng)} ({names})"
    if ratio > DOUBTFUL_RATIO:
        doubts.append(f"{text}: {ratio:.1f} times {'more' if own > rng[1] else 'fewer'}")
    else:
        support.append(f"{text}: agrees")


def _compare_consensus(claim, path, own, others, evidence, doubts, support) -> None:
    values = sorted(o.figure(path) for o in others if o.figure(path) is not None)
    if not values:
        return
    mid = median(values)
    ratio = math.exp(abs(log_ratio(own, mid)))
    text = (
        f"claim {claim.index} {path}: this article says {own}, {_n_outlets(others, evidence)} reporting the "
        f"incident say {_fmt((values[0], values[-1]))} (median {mid:g})"
    )
    if ratio > DOUBTFUL_RATIO:
        doubts.append(f"{text}: {ratio:.1f} times {'more' if own > mid else 'fewer'}")
    else:
        support.append(f"{text}: agrees")


def _n_outlets(others: list[Claim], evidence: Evidence) -> str:
    n = len({evidence.outlets.get(c.article_id) or c.article_id for c in others})
    return f"{n} other outlet{'s' if n != 1 else ''}"


def _fmt(rng: tuple[float, float]) -> str:
    return f"{rng[0]:g}" if rng[0] == rng[1] else f"{rng[0]:g}–{rng[1]:g}"


def _text_reasons(features: dict[str, float]) -> list[str]:
    reasons = []
    if features.get("hedges"):
        reasons.append(f"hedged wording ({features['hedges']:g}: reportedly, allegedly, unconfirmed ...)")
    names = {3: "a named monitor", 2: "officials", 1: "unnamed activists or sources", 0: "nobody"}
    reasons.append(f"figures attributed to {names[int(features.get('attribution', 0))]}")
    return reasons


# ---------------------------------------------------------------- one article against the database


def check_article(
    article: Article, store: Store, model: dict | None = None, keep: bool = False
) -> CredibilityVerdict:
    """Extract, link and assess one article against the stored incidents and reference records.
    Nothing is written unless `keep` (then the article joins the database as `civcas run` would)."""
    if keep:
        pipeline.revise_if_changed(store, article)
    claims = pipeline.process_article(article)
    if keep and store.add_article(article, claims):
        pipeline.link_and_assess(store, claims, [article.id])
        claims = store.claims(article_id=article.id)
    else:
        link.link_claims(claims, _stored_candidates(store, claims))
    return assess(article, claims, evidence_from_store(store, article, claims), model)


def _stored_candidates(store: Store, claims: list[Claim]) -> list[Claim]:
    found = pipeline.stored_claims_in_reach(store, claims)
    return [c for c in found if c.incident_id and c.article_id != claims[0].article_id] if claims else []


def evidence_from_store(store: Store, article: Article, claims: list[Claim]) -> Evidence:
    by_incident: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.incident_id and claim.incident_id not in by_incident:
            stored = [c for c in store.claims(incident_id=claim.incident_id) if c.article_id != article.id]
            by_incident[claim.incident_id] = stored + [
                c for c in claims if c.incident_id == claim.incident_id
            ]
    outlets = {**store.outlet_names(), article.id: article.outlet}
    references: list[ReferenceRecord] = []
    for claim in claims:
        window = date_window(claim)
        if window and claim.governorate:
            references += store.references(window[0], window[1], claim.governorate)
    unique = list({(r.source, r.external_id): r for r in references}.values())
    return Evidence(by_incident, outlets, unique)


def assess_stored(
    store: Store, article_ids: Iterable[str], model: dict | None = None
) -> list[CredibilityVerdict]:
    """Verdicts of stored articles against everything stored, read in a few batched queries
    (what `civcas run` keeps for every article whose incidents changed)."""
    articles = store.articles_with_ids(set(article_ids))
    claims_by_article = _grouped(store.claims_of(article_ids=[a.id for a in articles]), "article_id")
    incident_ids = {c.incident_id for cs in claims_by_article.values() for c in cs if c.incident_id}
    by_incident = _grouped(store.claims_of(incident_ids=incident_ids), "incident_id")
    outlets = store.outlet_names()
    references = _references_by_governorate(store, [c for cs in claims_by_article.values() for c in cs])
    verdicts = []
    for article in articles:
        claims = claims_by_article.get(article.id, [])
        evidence = Evidence(
            {c.incident_id: by_incident[c.incident_id] for c in claims if c.incident_id},
            outlets,
            [
                r
                for gov in sorted({c.governorate for c in claims if c.governorate})
                for r in references.get(gov, [])
            ],
        )
        verdicts.append(assess(article, claims, evidence, model))
    return verdicts


def _grouped(claims: list[Claim], attribute: str) -> dict[str, list[Claim]]:
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(getattr(claim, attribute), []).append(claim)
    return groups


def _references_by_governorate(store: Store, claims: list[Claim]) -> dict[str, list[ReferenceRecord]]:
    """Reference records that may match these claims (their governorates, their date windows' span)."""
    windows = [w for c in claims if c.governorate and (w := date_window(c))]
    if not windows or store.count_references() == 0:
        return {}
    start, end = min(w[0] for w in windows), max(w[1] for w in windows)
    governorates = sorted({c.governorate for c in claims if c.governorate})
    return {gov: store.references(start, end, gov) for gov in governorates}


# ---------------------------------------------------------------- learned combiner


def make_model(outlet_blind: bool):
    """Standardised features -> logistic regression (class-balanced)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(
        DictVectorizer(sparse=False),
        StandardScaler(),
        LogisticRegression(C=0.1, class_weight="balanced", max_iter=2000),
    )


def fit(rows: list[dict[str, float]], labels: list[int], outlet_blind: bool, name: str = "model") -> dict:
    rows = [without_outlet(r) for r in rows] if outlet_blind else rows
    pipeline = make_model(outlet_blind).fit(rows, labels)
    return {"pipeline": pipeline, "outlet_blind": outlet_blind, "name": name}


def predict_proba(model: dict, rows: list[dict[str, float]]) -> list[float]:
    rows = [without_outlet(r) for r in rows] if model["outlet_blind"] else rows
    return [float(p) for p in model["pipeline"].predict_proba(rows)[:, 1]]


def top_features(model: dict, n: int = 10) -> list[tuple[str, float]]:
    """The features with the largest standardised coefficients (positive: credible)."""
    vec, _, lr = (step for _, step in model["pipeline"].steps)
    pairs = zip(vec.get_feature_names_out(), lr.coef_[0], strict=True)
    return sorted(((str(k), float(v)) for k, v in pairs), key=lambda kv: -abs(kv[1]))[:n]
