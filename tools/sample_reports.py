"""Print random FA-KES reports outside the dev set beside what civcas extracts from them.

Quality rules are checked on reports the dev gold does not hold (the held-out gold is drawn from the
same corpus): read a few, note the errors, fix the mechanism, then check the dev gold and the
FA-KES-wide change (`civcas predict` before and after). Run from the repository root:

    .venv/bin/civcas predict ../shared/data/FA-KES-Dataset.csv --out /tmp/fakes.jsonl
    .venv/bin/python tools/sample_reports.py /tmp/fakes.jsonl --seed 7 --count 6 --chars 1200
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", type=Path, help="JSON Lines written by `civcas predict`")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--chars", type=int, default=1500, help="how much of each report to print")
    args = parser.parse_args(argv)
    csv.field_size_limit(10**8)
    predicted = {
        record["article_id"]: record
        for record in map(json.loads, args.predictions.read_text(encoding="utf-8").splitlines())
    }
    with (SHARED / "eval" / "dev_articles.csv").open(encoding="utf-8") as f:
        dev = {row["unit_id"] for row in csv.DictReader(f)}
    with (SHARED / "data" / "FA-KES-Dataset.csv").open(encoding="utf-8", errors="replace") as f:
        rows = [row for row in csv.DictReader(f) if row["unit_id"] not in dev]
    for row in random.Random(args.seed).sample(rows, args.count):
        print(f"===== {row['unit_id']} {row['date']} {row['location']}")
        print(row["article_content"][: args.chars])
        for incident in predicted.get(f"fakes-{row['unit_id']}", {}).get("incidents", []):
            print("  >>", _summary(incident))


def _summary(incident: dict) -> str:
    fields = [incident.get(k) for k in ("role", "date", "place", "governorate", "actor", "weapon", "target")]
    counts = {
        f"{outcome}.{kind}": value
        for outcome in ("killed", "injured", "killed_or_injured")
        for kind, value in (incident.get(outcome) or {}).items()
        if value is not None
    }
    return " ".join(str(f) for f in fields) + f" {counts}"


if __name__ == "__main__":
    main(sys.argv[1:])
