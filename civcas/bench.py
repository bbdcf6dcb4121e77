"""Benchmarks that print figures (speed is measured here, never in timed tests)."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from civcas import geo, ingest
from civcas.extract import extract_claims
from civcas.models import Article


@dataclass
class ExtractBench:
    articles: int
    megabytes: float
    seconds: float
    claims: int
    gazetteer_seconds: float
    peak_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0

    def result_line(self) -> str:
        return (
            f"RESULT articles_per_s={self.articles_per_s:.1f} mb_per_s={self.mb_per_s:.3f} "
            f"peak_mb={self.peak_mb:.1f}"
        )


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_extract(
    paths: list[Path], repeat: int = 1, progress: Callable[[int], None] | None = None
) -> ExtractBench:
    """Extract claims from every article of `paths` in this process (one core); ingest is not timed."""
    articles = [a for a in ingest.iter_articles(paths) if isinstance(a, Article)]
    start = time.perf_counter()
    geo.Gazetteer.default()
    gazetteer_seconds = time.perf_counter() - start
    claims = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for article in articles:
            claims += len(extract_claims(article))
            if progress:
                progress(1)
    seconds = time.perf_counter() - start
    size = sum(len(a.text.encode("utf-8")) for a in articles) * repeat / 1e6
    return ExtractBench(len(articles) * repeat, size, seconds, claims, gazetteer_seconds, peak_rss_mb())
