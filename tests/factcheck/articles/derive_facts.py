"""Where the true facts of the test articles come from: this script reads the reference datasets
(/work/shared/datasets, never the bot's database) and prints the results, records and birth dates the
articles in this folder are written from. Run: python tests/factcheck/articles/derive_facts.py
Nothing here is typed from memory: a fact in an article is a line this prints (or follows from two)."""
from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

DATA = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets")

# (sex, toplist file, venue words, first day, last day): championship finals the articles report
RACES = [
    ("female", "1500-metres", "Budapest", "2023-08-19", "2023-08-27"),
    ("female", "1500-metres", "Tokyo", "2021-07-30", "2021-08-08"),
    ("female", "1500-metres", "Eugene", "2022-07-15", "2022-07-24"),
    ("male", "800-metres", "Budapest", "2023-08-19", "2023-08-27"),
    ("male", "800-metres", "Eugene", "2022-07-15", "2022-07-24"),
    ("male", "800-metres", "Doha", "2019-09-27", "2019-10-06"),
    ("female", "5000-metres", "Paris", "2024-08-01", "2024-08-11"),
    ("female", "5000-metres", "Budapest", "2023-08-19", "2023-08-27"),
    ("female", "10000-metres", "Paris", "2024-08-01", "2024-08-11"),
    ("male", "400-metres-hurdles", "Eugene", "2022-07-15", "2022-07-24"),
    ("male", "400-metres-hurdles", "Budapest", "2023-08-19", "2023-08-27"),
    ("male", "400-metres-hurdles", "Tokyo", "2021-07-30", "2021-08-08"),
    ("male", "5000-metres", "Eugene", "2022-07-15", "2022-07-24"),
    ("male", "5000-metres", "Budapest", "2023-08-19", "2023-08-27"),
    ("male", "1500-metres", "Doha", "2019-09-27", "2019-10-06"),
]
# (sex, file): the fastest marks of all time with their dates, to tell who held the best mark on a day
BESTS = [("female", "5000-metres"), ("female", "1500-metres"), ("male", "400-metres-hurdles"), ("male", "800-metres")]


def rows(sex: str, name: str):
    with gzip.open(DATA / "wa-toplists" / sex / f"{name}.csv.gz", "rt", encoding="utf-8") as f:
        yield from (r for r in csv.DictReader(f) if r["age_cat"] == "senior")


def main() -> None:
    for sex, name, venue, lo, hi in RACES:
        final = [r for r in rows(sex, name) if venue in r["venue"] and lo <= r["date"] <= hi
                 and r["position"].strip().isdigit()]
        # the final: the latest day's race with plain places
        day = max((r["date"] for r in final), default=None)
        top = sorted((r for r in final if r["date"] == day), key=lambda r: int(r["position"]))[:4]
        print(f"\n{sex} {name} at {venue} {day}:")
        for r in top:
            print(f"  {r['position']}. {r['competitor']} ({r['nationality']}, born {r['dob']}) {r['mark']}"
                  f"  age {r['age_at_event']}")
    for sex, name in BESTS:
        best = sorted(rows(sex, name), key=lambda r: float(r["mark_numeric"]))
        print(f"\n{sex} {name}: best marks ever and their days")
        record = None
        for r in sorted(best[:300], key=lambda r: r["date"]):
            if record is None or float(r["mark_numeric"]) < record:
                record = float(r["mark_numeric"])
                print(f"  {r['date']} {r['competitor']} {r['mark']} {r['venue']}")

if __name__ == "__main__":
    main()
