"""Benchmark helpers (the figures themselves are printed by `civcas bench`, never asserted)."""

from civcas.bench import ExtractBench, median_run


def run(seconds: float, peak_mb: float) -> ExtractBench:
    return ExtractBench(
        articles=800, megabytes=1.5, seconds=seconds, claims=1500, gazetteer_seconds=0.3, peak_mb=peak_mb
    )


def test_median_run_is_the_middle_speed_with_the_highest_peak_memory():
    runs = [run(1.0, 90.0), run(4.0, 95.0), run(0.8, 91.0)]
    median = median_run(runs)
    assert median.articles_per_s == 800.0
    assert median.peak_mb == 95.0


def test_median_of_an_even_count_is_the_slower_middle_run():
    assert median_run([run(1.0, 90.0), run(2.0, 90.0)]).articles_per_s == 400.0
