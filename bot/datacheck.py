"""`python -m bot data check`: every invariant the bot relies on, with table/row messages."""
from __future__ import annotations

import datetime as dt
import re
import sqlite3

from bot import marks

TODAY = dt.date.today().isoformat()
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _valid_date(d: str | None, today: str | None = None) -> bool:
    """A real calendar date written YYYY-MM-DD (what every query relies on), not after today. (Python 3.11's
    fromisoformat alone also takes '20230102' and '2023-W01-1'.)"""
    if d is None:
        return True
    if not isinstance(d, str) or not _ISO_DATE.fullmatch(d):
        return False
    try:
        dt.date.fromisoformat(d)
    except ValueError:
        return False
    return d <= (today or dt.date.today().isoformat())


def check(conn: sqlite3.Connection, limit: int = 50) -> list[str]:
    """Return a list of problems (empty when the database is clean). At most `limit` per kind."""
    problems: list[str] = []

    def add(kind: list[str], msg: str) -> None:
        if len(kind) < limit:
            kind.append(msg)
        elif len(kind) == limit:
            kind.append("... (more of the same left out)")

    # 1. Every mark parses and agrees with its stored value. (The same few marks recur thousands of times:
    # each distinct one is parsed once.)
    parsed: dict[tuple[str, str], marks.Mark | str] = {}

    def parse(mark: str, code: str) -> marks.Mark:
        key = (mark, code)
        if key not in parsed:
            try:
                parsed[key] = marks.parse_mark(mark, code)
            except marks.MarkError as exc:
                parsed[key] = str(exc)
        hit = parsed[key]
        if isinstance(hit, str):
            raise marks.MarkError(hit)
        return hit

    bad: list[str] = []
    for rid, ref, src, mark, value, code in conn.execute(
            "SELECT res.id, res.source_ref, res.source_id, res.mark, res.mark_value, e.code FROM results res "
            "JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id WHERE res.mark IS NOT NULL"):
        try:
            m = parse(mark, code)
        except marks.MarkError as exc:
            add(bad, f"results id {rid} ({src} {ref}): mark {mark!r}: {exc}")
            continue
        if m.value is None or value is None or abs(m.value - value) > 1e-6:
            add(bad, f"results id {rid} ({src} {ref}): mark {mark!r} does not match value {value}")
    for rid, ref, src, mark, value, code in conn.execute(
            "SELECT rec.id, rec.source_ref, rec.source_id, rec.mark, rec.mark_value, e.code FROM records rec "
            "JOIN events e ON e.id = rec.event_id"):
        try:
            m = parse(mark, code)
            if abs(m.value - value) > 1e-6:
                add(bad, f"records id {rid} ({src} {ref}): mark {mark!r} does not match value {value}")
        except (marks.MarkError, TypeError) as exc:
            add(bad, f"records id {rid} ({src} {ref}): mark {mark!r}: {exc}")
    problems += bad

    # 2. Dates are real dates, not in the future.
    bad = []
    today = dt.date.today().isoformat()
    for table, col in (("races", "date"), ("records", "date"), ("athletes", "birth_date"),
                       ("competitions", "start_date"), ("competitions", "end_date"), ("quotes", "date")):
        for rid, d in conn.execute(f"SELECT id, {col} FROM {table} WHERE {col} IS NOT NULL"):
            if not _valid_date(d, today):
                add(bad, f"{table} id {rid}: {col} {d!r} is not a valid past date")
    problems += bad

    # 3. Each current world record is the best mark on the record lists for its event. (The toplists also
    # hold marks never ratified as records, so results are not the yardstick; nor are area lists, which keep
    # marks a world list may not, e.g. from oversized indoor tracks.)
    bad = []
    for rid, ev_id, code, sex, indoor, mark, value, lower in conn.execute(
            "SELECT rec.id, rec.event_id, e.code, e.sex, rec.indoor, rec.mark, rec.mark_value, e.lower_is_better "
            "FROM records rec JOIN events e ON e.id = rec.event_id WHERE rec.kind = 'world' AND rec.current = 1"):
        op = "<" if lower else ">"
        row = conn.execute(
            f"SELECT rec.mark, a.name, rec.date, rec.kind, rec.source_id, rec.source_ref FROM records rec "
            f"JOIN athletes a ON a.id = rec.athlete_id WHERE rec.event_id = ? AND rec.indoor = ? "
            f"AND rec.mark_value {op} ? AND rec.kind IN ('world', 'olympic') "
            f"ORDER BY rec.mark_value {'ASC' if lower else 'DESC'} LIMIT 1", (ev_id, indoor, value)).fetchone()
        if row:
            add(bad, f"records id {rid}: current {sex} {code}{' indoor' if indoor else ''} world record {mark} "
                     f"is beaten on the record lists by {row[0]} ({row[1]}, {row[2]}, {row[3]} record, {row[4]} {row[5]})")
    problems += bad

    # 4. No duplicate athletes: one person, one row.
    bad = []
    for name, dob, nat, n in conn.execute(
            "SELECT name, birth_date, nationality, COUNT(*) FROM athletes WHERE is_team = 0 AND birth_date IS NOT NULL "
            "GROUP BY lower(name), birth_date, nationality HAVING COUNT(*) > 1"):
        add(bad, f"athletes: {n} rows for {name} ({nat}, born {dob})")
    problems += bad

    # 5. Every row names a source that exists.
    bad = []
    for table in ("athletes", "competitions", "races", "results", "records", "quotes", "athlete_aliases"):
        n = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE source_id IS NULL OR source_id NOT IN "
                         f"(SELECT id FROM sources)").fetchone()[0]
        if n:
            add(bad, f"{table}: {n} rows without a known source")
    problems += bad

    # 6. References hold (the loader inserts without foreign-key checks for speed).
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        problems.append(f"{len(fk)} foreign key violation(s), first: {fk[0]}")
    return problems

