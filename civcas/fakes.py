"""The FA-KES credibility benchmark: the full pipeline over the labelled articles, features per
article, cross-validation grouped by incident, and training the learned combiner.

Group = the incident of the article's main claim (the article itself when it has none), so that
no linked event has articles in both the training and the test folds; rows repeating the same
article share its group. Three models are compared on the same folds: (a) TF-IDF + logistic
regression on the text, (b) civcas features with outlet features, (c) civcas outlet-blind.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from civcas import credibility, ingest, pipeline
from civcas.models import Article, Claim
from civcas.store import Store

Progress = Callable[[int], None]


@dataclass
class Sample:
    article_id: str
    label: int
    group: str
    text: str
    features: dict[str, float]  # with outlet features
    blind_features: dict[str, float]  # computed with the outlets withheld


@dataclass
class Scores:
    accuracy: float
    macro_f1: float
    roc_auc: float


def subset_csv(path: Path, limit: int, out: Path) -> Path:
    """The first `limit` data rows of a FA-KES CSV, for quick runs."""
    with open(path, encoding="utf-8", errors="replace", newline="") as src, open(out, "w", newline="") as dst:
        reader, writer = csv.reader(src), csv.writer(dst)
        for n, row in enumerate(reader):
            if n > limit:
                break
            writer.writerow(row)
    return out


def build_samples(path: Path, store: Store, progress: Progress | None = None) -> list[Sample]:
    """Run the pipeline over the CSV into `store`, then one Sample per labelled row."""
    pipeline.run([path], store, progress)
    by_article: dict[str, list[Claim]] = defaultdict(list)
    by_incident: dict[str, list[Claim]] = defaultdict(list)
    for claim in store.claims():
        by_article[claim.article_id].append(claim)
        if claim.incident_id:
            by_incident[claim.incident_id].append(claim)
    outlets = store.outlet_names()
    references = store.references()
    samples = []
    for item in ingest.iter_articles([path]):
        if not isinstance(item, Article) or item.meta.get("label") not in (0, 1):
            continue
        stored = store.has_content(item.content_hash)
        if stored is None:
            continue
        article = replace(item, id=stored)
        claims = by_article.get(stored, [])
        evidence = credibility.Evidence(
            {c.incident_id: by_incident[c.incident_id] for c in claims if c.incident_id}, outlets, references
        )
        samples.append(_sample(article, claims, evidence))
    return samples


def _sample(article: Article, claims: list[Claim], evidence: credibility.Evidence) -> Sample:
    main = credibility.main_claim(claims, article.meta.get("fakes_location"))
    return Sample(
        article_id=article.id,
        label=int(article.meta["label"]),
        group=(main.incident_id if main and main.incident_id else article.id),
        text=f"{article.title}\n{article.text}",
        features=credibility.article_features(article, claims, evidence),
        blind_features=credibility.article_features(article, claims, evidence, outlet_blind=True),
    )


def folds(samples: list[Sample], n_splits: int, seed: int = 0) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedGroupKFold

    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    labels = [s.label for s in samples]
    groups = [s.group for s in samples]
    return [(list(tr), list(te)) for tr, te in splitter.split(samples, labels, groups)]


def _text_model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 2)),
        LogisticRegression(class_weight="balanced", max_iter=2000),
    )


def cross_validate(samples: list[Sample], splits, kind: str) -> Scores:
    """Out-of-fold probabilities for `kind` (baseline, outlets, blind), pooled over the folds."""
    probs = [0.0] * len(samples)
    for train, test in splits:
        labels = [samples[i].label for i in train]
        if kind == "baseline":
            model = _text_model().fit([samples[i].text for i in train], labels)
            fold_probs = model.predict_proba([samples[i].text for i in test])[:, 1]
        else:
            blind = kind == "blind"
            model = credibility.fit([_rows(samples[i], blind) for i in train], labels, blind)
            fold_probs = credibility.predict_proba(model, [_rows(samples[i], blind) for i in test])
        for i, p in zip(test, fold_probs, strict=True):
            probs[i] = float(p)
    return score([s.label for s in samples], probs)


def _rows(sample: Sample, blind: bool) -> dict[str, float]:
    return sample.blind_features if blind else sample.features


def score(labels: list[int], probs: list[float]) -> Scores:
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    predicted = [int(p >= 0.5) for p in probs]
    auc = roc_auc_score(labels, probs) if len(set(labels)) == 2 else float("nan")
    return Scores(accuracy_score(labels, predicted), f1_score(labels, predicted, average="macro"), auc)


def train(samples: list[Sample], outlet_blind: bool = True) -> dict:
    rows = [_rows(s, outlet_blind) for s in samples]
    name = "fakes-logreg-" + ("blind" if outlet_blind else "outlets")
    return credibility.fit(rows, [s.label for s in samples], outlet_blind, name)


def result_line(results: dict[str, Scores]) -> str:
    return (
        f"RESULT baseline_macro_f1={results['baseline'].macro_f1:.3f} "
        f"macro_f1={results['outlets'].macro_f1:.3f} blind_macro_f1={results['blind'].macro_f1:.3f}"
    )
