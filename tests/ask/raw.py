"""The raw reference files (../shared), read the plain way, for expectations that must not come from our
database: World Athletics toplists, record progressions, national records, the Rio 2016 results, the quotes'
article."""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
from functools import cache

from tests.conftest import SHARED

TOPLISTS = SHARED / "wa-toplists"
PROGRESSIONS = SHARED / "wr-progressions"
NATIONAL = SHARED / "nimarion-records" / "national.csv"
RIO = SHARED / "rio2016-complete-tilastopaja" / "rio_athletics_results.json"
ARTICLE = SHARED.parent / "seed-article.txt"
MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}


def iso(date: str) -> str:
    """'16 AUG 2009' or '2009-08-16' -> '2009-08-16'."""
    if "-" in date:
        return date[:10]
    d, m, y = date.split()
    return dt.date(int(y), MONTHS[m.upper()], int(d)).isoformat()


def seconds(mark: str) -> float:
    """'3:45.34' -> 225.34; '1:02:03' -> 3723."""
    value = 0.0
    for part in mark.rstrip("hA ").split(":"):   # "49.7h": hand timed; "A": at altitude
        value = value * 60 + float(part)
    return value


def toplist(path: str) -> list[dict]:
    """Senior rows of one toplist file (relative to wa-toplists/), each with iso date, value and indoor."""
    out = []
    with gzip.open(TOPLISTS / path, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("age_cat", "senior") != "senior" or not row["mark"]:
                continue
            row["iso"] = iso(row["date"])
            row["value"] = seconds(row["mark"])
            row["indoor"] = row["venue"].rstrip().endswith("(i)")
            out.append(row)
    return out


def named(rows: list[dict], given: str, family: str) -> list[dict]:
    """Rows of one athlete, as the toplists write them ("Josh KERR")."""
    want = f"{given} {family.upper()}"
    return [r for r in rows if r["competitor"] == want]


def dungates() -> list[dict]:
    """Men's world record progressions (wr-progressions/dungates_running_records_over_time.csv)."""
    with open(PROGRESSIONS / "dungates_running_records_over_time.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def tsoleary() -> list[dict]:
    with open(PROGRESSIONS / "tsoleary_desc_records_to2020.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def hindustantimes() -> list[dict]:
    """World record progressions of 47 Olympic events (wr-progressions/hindustantimes_wr_progression_to2016.csv:
    Latin-1, CR line ends), each row with its iso date (None when not a real date) and, for times, its value
    in seconds."""
    text = (PROGRESSIONS / "hindustantimes_wr_progression_to2016.csv").read_bytes().decode("latin-1")
    out = []
    for row in csv.DictReader(text.replace("\r", "\n").splitlines()):
        try:
            row["iso"] = dt.date(int(row["year"]), int(row["month"]), int(row["day"])).isoformat()
        except ValueError:      # one row is dated 14/14/2002
            row["iso"] = None
        parts = [row[k] for k in ("hours", "min", "sec", "shundreds")]
        if row["type"] == "speed" and "null" not in parts:
            h, m, sec, hundredths = map(int, parts)
            row["value"] = h * 3600 + m * 60 + sec + hundredths / 100
        out.append(row)
    return out


def national() -> list[dict]:
    with open(NATIONAL, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def improving(rows: list[dict], lower_is_better: bool = True) -> list[dict]:
    """The rows, by date, that each beat every earlier one: a progression of bests."""
    sign = 1 if lower_is_better else -1
    out, best = [], None
    for r in sorted(rows, key=lambda r: (r["iso"], sign * r["value"])):
        if best is None or sign * r["value"] < sign * best - 1e-9:
            best = r["value"]
            out.append(r)
    return out


def years_between(a: str, b: str) -> int:
    da, db = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    return db.year - da.year - ((db.month, db.day) < (da.month, da.day))


@cache
def rio_events() -> tuple[dict, ...]:
    """Every block (one round's race of one event) of the complete Rio 2016 results, read once."""
    return tuple(json.loads(RIO.read_text("utf-8"))["events"])


def rio(name: str, round_: str) -> list[dict]:
    """The Rio 2016 blocks of an event ("200 m Men") and round ("FINAL", "SEMI", "HEAT")."""
    return [e for e in rio_events() if e["name"] == name and e["round"] == round_]
