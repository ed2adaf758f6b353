"""Hand times and lost zeros over the whole database, checked against the raw source rows (data/SOURCES.md,
"Hand times").

A result is hand-timed only where its source says so: WA's toplists and the Diamond League archive write an
'h' ('13:01.6h'); the Olympic marks file's times to the tenth up to 1968 are hand times by the documented rule;
so are the record lists' by theirs (a progression's time with a zero hundredth before 1981 unless its timing
column says automatic; a national record's time to the tenth before 1977). No other source has one. WA's split
files stored sub-minute times as numbers, so '51.7' there is 51.70.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections import defaultdict
from functools import cache

from tests.conftest import SHARED, needs_shared

ONE_DECIMAL_NUMBER = re.compile(r"^\d+\.\d$")  # '51.7': a time stored as a number
TENTH = re.compile(r"\.\d$")  # a time written to the tenth


@cache
def toplist_marks(path: str) -> dict[int, str]:
    """{row number as the importer counts it (header = 1): mark as written} of one wa-toplists file."""
    with gzip.open(SHARED / "wa-toplists" / path, "rt", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        col = [h.strip().lower() for h in next(reader)].index("mark")
        return {line: row[col].strip() for line, row in enumerate(reader, start=2) if row}


@cache
def dl_file(name: str) -> dict:
    return json.loads((SHARED / "diamond-league-2010-2023" / name).read_text(encoding="utf-8"))


def dl_mark(ref: str) -> str:
    """'data/2016_24.json:Diamond Discipline/3/5' -> that result's mark as written."""
    name, where = ref.split(":", 1)
    category, race, row = where.rsplit("/", 2)
    return dl_file(name)[category][int(race)]["data"][int(row)]["mark"]


@cache
def olympic_marks() -> dict[int, list[str]]:
    text = (SHARED / "olympic-medallists-marks-1896-2016" / "results.csv").read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text))
    rows = {}
    for row in reader:
        rows[reader.line_num] = row  # the line number the importer cites
    return rows


@cache
def csv_rows(folder: str, name: str, delimiter: str = ",") -> dict[int, dict[str, str]]:
    """{CSV line number as the importers cite it: row} of a reference file (CR-only line ends read too)."""
    raw = (SHARED / folder / name).read_bytes().decode("utf-8" if folder == "nimarion-records" else "latin-1")
    reader = csv.DictReader(io.StringIO(raw.replace("\r\n", "\n").replace("\r", "\n")), delimiter=delimiter)
    rows = {}
    for row in reader:
        rows[reader.line_num] = row  # the line the reader is on after the row: the one the importers cite
    return rows


PROGRESSION_HAND_UNTIL = "1981"  # bot/pipeline/importers/progressions.py, data/SOURCES.md
NATIONAL_HAND_UNTIL = "1977"


def progression_says_hand(ref: str) -> tuple[bool, str]:
    """A world-record progression row: its timing column where it has one, else a zero hundredth before 1981."""
    name, line = ref.rsplit(":", 1)
    row = csv_rows("wr-progressions", name)[int(line)]
    if name.startswith("hindustantimes"):
        num = lambda k: 0 if row[k] in ("null", "") else int(row[k])  # noqa: E731 - 'null': an unused part
        seconds = num("hours") * 3600 + num("min") * 60 + num("sec") + num("shundreds") / 100
        date, note = f"{int(row['year']):04d}", row["notes"]
        if note in ("Hand timing", "Automatic timing") and {"Hand timing", "Automatic timing"} <= ht_notes(
                row["event"], row["gender"]):
            return note == "Hand timing", f"{seconds:.2f}"
    elif name.startswith("dungates"):
        seconds, date = float(row["Time"]), row["Date"]
    else:
        h, m, sec = row["Time"].split(":")
        seconds, date = int(h) * 3600 + int(m) * 60 + float(sec), row["Date"]
    return round(seconds * 100) % 10 == 0 and date[:4] < PROGRESSION_HAND_UNTIL, f"{seconds:.2f}"


@cache
def ht_notes(event: str, gender: str) -> frozenset[str]:
    """The timing notes one hindustantimes event carries (trusted only where it has both kinds)."""
    rows = csv_rows("wr-progressions", "hindustantimes_wr_progression_to2016.csv").values()
    return frozenset(r["notes"] for r in rows if r["event"] == event and r["gender"] == gender)


def raw_says_hand(source: str, ref: str, kind: str) -> tuple[bool, str]:
    """(whether the source row says the time is a hand time, the mark as the row writes it)."""
    if source == "wa-toplists":
        path, line = ref.rsplit(":", 1)
        mark = toplist_marks(path)[int(line)]
        return mark.endswith("h"), mark
    if source == "diamond-league-2010-2023":
        mark = dl_mark(ref)
        return mark.endswith("h"), mark
    if source == "olympic-medallists-marks-1896-2016":
        row = olympic_marks()[int(ref.rsplit(":", 1)[1])]
        year, mark = int(row[3]), row[7]
        # the documented rule: a time to the tenth on the track, at the Games up to 1968
        return year < 1972 and kind in ("track", "relay") and bool(TENTH.search(mark)), mark
    if source.startswith("wrp-"):
        hand, raw = progression_says_hand(ref)
        return hand and kind in ("track", "relay"), raw
    if source.startswith("nimarion-"):
        name, line = ref.rsplit(":", 1)
        row = csv_rows("nimarion-records", name, ";")[int(line)]
        mark = row["Result"]
        return (name == "national.csv" and kind in ("track", "relay") and row["Date"][:4] < NATIONAL_HAND_UNTIL
                and bool(TENTH.search(mark)) and not mark.endswith("h")), mark
    return False, ""  # Rio (every time to the hundredth), the WCh finals file (seconds): never a hand time


def all_results(db):
    return db.execute(
        "SELECT res.id, res.source_id, res.source_ref, res.mark, res.flags, e.code, e.kind, e.mark_format "
        "FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id "
        "WHERE res.mark IS NOT NULL").fetchall()


@needs_shared()
def test_every_hand_time_is_one_its_source_says_is_hand(db):
    """Both ways, over every result with a mark: flagged 'h' exactly where the raw source row says hand."""
    wrong = []
    counts: dict[str, int] = defaultdict(int)
    for rid, source, ref, mark, flags, code, kind, fmt in all_results(db):
        if fmt != "time":
            assert "h" not in (flags or "").split(), (rid, source, ref, mark)
            continue
        says, raw = raw_says_hand(source, ref, kind)
        flagged = "h" in (flags or "").split()
        counts[f"{source} {'hand' if flagged else 'electronic'}"] += 1
        if says != flagged:
            wrong.append(f"results id {rid} {code} {mark!r} flags {flags!r}: {source} {ref} writes {raw!r}")
    assert not wrong, f"{len(wrong)} results:\n" + "\n".join(wrong[:30])
    assert counts["wa-toplists hand"] > 1000  # the check saw the toplists' hand times, not nothing


@needs_shared()
def test_no_time_lost_its_trailing_zero(db):
    """A toplist time written as a number with one decimal is stored with hundredths ('51.7' -> '51.70'), and a
    result shown to the tenth is a hand time or a time its source writes as text to the tenth."""
    wrong = []
    restored = 0
    for rid, source, ref, mark, _flags, code, kind, fmt in all_results(db):
        if fmt != "time":
            continue
        says, raw = raw_says_hand(source, ref, kind)
        if source == "wa-toplists" and ONE_DECIMAL_NUMBER.match(raw):
            restored += 1
            if mark != raw + "0":
                wrong.append(f"results id {rid} {code}: {ref} writes {raw!r}, stored {mark!r}")
        elif TENTH.search(mark) and not says and kind in ("track", "relay"):
            # The only electronic tenths: text a source writes that way (WA's '13:22.8'; the Olympic marks file
            # from 1972, whose tenths may be rounded, so no digit is added to them).
            # National records from 1977 on written to the tenth, and kept so (a longer race's time).
            as_text = (source == "wa-toplists" and ":" in raw or source.startswith("nimarion-")) and raw == mark
            if not (as_text or source == "olympic-medallists-marks-1896-2016"):
                wrong.append(f"results id {rid} {code}: {mark!r} to the tenth, {source} {ref} writes {raw!r}")
    assert not wrong, f"{len(wrong)} results:\n" + "\n".join(wrong[:30])
    assert restored > 4000  # the split files' sprints, hurdles and 400 m


def test_field_marks_have_their_centimetres(db):
    """Field marks lost their zero in the toplists and national.csv too ('6.3'): every one is stored as 6.30."""
    bad = db.execute(
        "SELECT 'results', res.mark, res.source_ref FROM results res JOIN races r ON r.id = res.race_id "
        "JOIN events e ON e.id = r.event_id WHERE e.mark_format = 'distance' AND res.mark NOT GLOB '*.[0-9][0-9]' "
        "UNION ALL SELECT 'records', rec.mark, rec.source_ref FROM records rec JOIN events e ON e.id = rec.event_id "
        "WHERE e.mark_format = 'distance' AND rec.mark NOT GLOB '*.[0-9][0-9]'").fetchall()
    assert not bad, bad[:20]
