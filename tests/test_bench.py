"""Benchmark helpers (the figures themselves are printed by `civcas bench`, never asserted)."""

import os
import platform
import sys

from civcas.bench import ExtractBench, interpreter, median_run


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


def test_the_interpreter_line_tells_a_shared_libpython_from_a_static_build(tmp_path):
    shared = tmp_path / "shared_maps"
    shared.write_text(
        "7f1c2a000000-7f1c2a100000 r-xp 00000000 08:01 131 /opt/pyenv/lib/libpython3.11.so.1.0\n"
        "7f1c2b000000-7f1c2b021000 r-xp 00000000 08:01 132 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
    )
    static = tmp_path / "static_maps"
    static.write_text("55d0c1a00000-55d0c1c00000 r-xp 00000000 08:01 130 /usr/bin/python3.11\n")
    assert interpreter(shared).endswith(", shared libpython)")
    assert interpreter(static).endswith(", statically linked)")
    assert interpreter(tmp_path / "absent").endswith(f"{os.path.realpath(sys.executable)})")
    assert platform.python_version() in interpreter(static)
