"""`python -m bot data check`: every invariant the bot relies on, with table/row messages."""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable

from bot.common import events as ev
from bot.common import marks, plausible

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


# Adds a message to the list of its kind, up to the limit (then one line says more were left out).
Add = Callable[[list[str], str], None]


def check(conn: sqlite3.Connection, limit: int = 50) -> list[str]:
    """Return a list of problems (empty when the database is clean). At most `limit` per kind."""
    add = _adder(limit)
    today = dt.date.today().isoformat()
    problems: list[str] = []
    for invariant in CHECKS:
        problems += invariant(conn, add, today)
    return problems


def _adder(limit: int) -> Add:
    def add(kind: list[str], msg: str) -> None:
        if len(kind) < limit:
            kind.append(msg)
        elif len(kind) == limit:
            kind.append("... (more of the same left out)")
    return add


def marks_match_values(conn: sqlite3.Connection, add: Add, _today: str) -> list[str]:
    """Every mark parses and agrees with its stored value. (The same few marks recur thousands of times: each
    distinct one is parsed once.)"""
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
    return bad


def dates_are_real(conn: sqlite3.Connection, add: Add, today: str) -> list[str]:
    """Dates are real dates, not in the future."""
    bad: list[str] = []
    for table, col in (("races", "date"), ("records", "date"), ("athletes", "birth_date"),
                       ("competitions", "start_date"), ("competitions", "end_date"), ("quotes", "date")):
        for rid, d in conn.execute(f"SELECT id, {col} FROM {table} WHERE {col} IS NOT NULL"):
            if not _valid_date(d, today):
                add(bad, f"{table} id {rid}: {col} {d!r} is not a valid past date")
    return bad


def world_records_are_best(conn: sqlite3.Connection, add: Add, _today: str) -> list[str]:
    """Each current world record is the best mark on the record lists for its event. (The toplists also hold
    marks never ratified as records, so results are not the yardstick; nor are area lists, which keep marks a
    world list may not, e.g. from oversized indoor tracks.)"""
    bad: list[str] = []
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
    return bad


def _one_per_row(conn: sqlite3.Connection, add: Add, sql: str, say: Callable[..., str]) -> list[str]:
    """A problem for each row the query finds, in the words say(*row) gives it."""
    bad: list[str] = []
    for row in conn.execute(sql):
        add(bad, say(*row))
    return bad


def no_duplicate_athletes(conn: sqlite3.Connection, add: Add, _today: str) -> list[str]:
    """No duplicate athletes: one person, one row."""
    return _one_per_row(
        conn, add, "SELECT name, birth_date, nationality, COUNT(*) FROM athletes WHERE is_team = 0 AND birth_date IS NOT "
                   "NULL GROUP BY lower(name), birth_date, nationality HAVING COUNT(*) > 1",
        lambda name, dob, nat, n: f"athletes: {n} rows for {name} ({nat}, born {dob})")


def sources_exist(conn: sqlite3.Connection, add: Add, _today: str) -> list[str]:
    """Every row names a source that exists."""
    bad: list[str] = []
    for table in ("athletes", "competitions", "races", "results", "records", "quotes", "athlete_aliases",
                  "result_details"):
        n = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE source_id IS NULL OR source_id NOT IN "
                         f"(SELECT id FROM sources)").fetchone()[0]
        if n:
            add(bad, f"{table}: {n} rows without a known source")
    return bad


def references_hold(conn: sqlite3.Connection, _add: Add, _today: str) -> list[str]:
    """References hold (the loader inserts without foreign-key checks for speed)."""
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    return [f"{len(fk)} foreign key violation(s), first: {fk[0]}"] if fk else []


def one_athlete_once_per_race(conn: sqlite3.Connection, add: Add, _today: str) -> list[str]:
    """Never one athlete twice in a race (relay teams aside: a nation may field two teams in a heat)."""
    return _one_per_row(
        conn, add, "SELECT res.race_id, res.athlete_id, a.name, COUNT(*) FROM results res JOIN athletes a "
                   "ON a.id = res.athlete_id WHERE a.is_team = 0 GROUP BY res.race_id, res.athlete_id HAVING COUNT(*) > 1",
        lambda race, aid, name, n: f"races id {race}: {n} results for {name} (athletes id {aid}): one athlete twice "
                                   f"in a race")


def one_race_once(conn: sqlite3.Connection, add: Add, _today: str) -> list[str]:
    """Never one race twice: two races of one event on one day at one competition (or, outside one, one
    venue), in rounds and heats that may be one, that hold two or more of the same results (the same place
    and mark by athletes of the same nation, whatever athlete entry each names). Two finals of one meeting
    whose athletes have other marks in each (an A and a B race) are two races."""
    races: dict[int, tuple] = {}
    slots: dict[tuple, dict[tuple, list[int]]] = {}
    for rid, event, date, indoor, comp, venue, rnd, heat, place, mark, nat in conn.execute(
            "SELECT r.id, r.event_id, r.date, r.indoor, r.competition_id, r.venue, r.round, r.heat, res.place, "
            "res.mark, a.nationality FROM races r JOIN results res ON res.race_id = r.id "
            "JOIN athletes a ON a.id = res.athlete_id WHERE r.date IS NOT NULL AND res.place IS NOT NULL "
            "AND res.mark IS NOT NULL"):
        races[rid] = (rnd, heat)
        day = (event, date, indoor, comp if comp is not None else venue)
        slots.setdefault(day, {}).setdefault((place, mark, nat), []).append(rid)
    bad: list[str] = []
    for day, by_slot in slots.items():
        shared: dict[tuple[int, int], int] = {}
        for rids in by_slot.values():
            ids = sorted(set(rids))
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    shared[(a, b)] = shared.get((a, b), 0) + 1
        for (a, b), n in sorted(shared.items()):
            (ra, ha), (rb, hb) = races[a], races[b]
            if n >= 2 and (ra is None or rb is None or ra == rb) and (ha is None or hb is None or ha == hb):
                add(bad, f"races id {a} and {b}: one race stored twice ({n} of the same results, {day[1]})")
    return bad


def rows_are_plausible(conn: sqlite3.Connection, add: Add, today: str) -> list[str]:
    """Every row is plausible by the rules a user import must pass (bot/common/plausible.py)."""
    return implausible(conn, add, today)


# The invariants, in the order their problems are reported.
def details_match_results(conn: sqlite3.Connection, add: Add, _today: str) -> list[str]:
    """A result's details agree with it: the best fair attempt of a series is its mark, a height sheet's last
    cleared height is its mark, a relay has at most one runner per leg and a result at most one reaction time."""
    bad: list[str] = []
    rows = conn.execute("SELECT d.result_id, d.kind, d.seq, d.mark, d.outcome, r.mark, r.status, e.code "
                        "FROM result_details d JOIN results r ON r.id = d.result_id JOIN races ra ON ra.id = r.race_id "
                        "JOIN events e ON e.id = ra.event_id ORDER BY d.result_id, d.kind, d.seq")
    best: dict[tuple[int, str], tuple[float, str, str, str]] = {}
    seen: set[tuple[int, str, int | None]] = set()
    for rid, kind, seq, mark, outcome, rmark, status, code in rows:
        if (rid, kind, seq) in seen and kind in ("leg", "reaction"):
            add(bad, f"results id {rid}: {kind} {seq or ''} twice")
        seen.add((rid, kind, seq))
        fair = kind == "attempt" and mark not in ("X", "P") or kind == "height" and "O" in (outcome or "")
        if fair and status == "OK" and rmark is not None:
            v = float(mark)
            if (rid, kind) not in best or v > best[(rid, kind)][0]:
                best[(rid, kind)] = (v, mark, rmark, code)
    for (rid, kind), (v, mark, rmark, code) in best.items():
        if abs(marks.mark_value(rmark, code) - v) > 0.005:
            add(bad, f"results id {rid}: mark {rmark}, but the best {'attempt' if kind == 'attempt' else 'height cleared'}"
                     f" of its {'series' if kind == 'attempt' else 'sheet'} is {mark}")
    return bad


CHECKS: list[Callable[[sqlite3.Connection, Add, str], list[str]]] = [
    marks_match_values, dates_are_real, world_records_are_best, no_duplicate_athletes, sources_exist,
    references_hold, one_athlete_once_per_race, one_race_once, rows_are_plausible, details_match_results,
]


def implausible(conn: sqlite3.Connection, add: Add, today: str,
                known: dict[tuple[str, str], tuple[str, str]] = plausible.KNOWN_BAD) -> list[str]:
    """Rows no human could have produced: marks, ages, winds, places and dates out of the bounds the data sets
    (bot/common/plausible.py), and the same result stored twice. Reference rows whose sources are wrong (`known`,
    each with the rule it breaks) are left out, so the check stays strict for every other row."""
    b = plausible.Bounds(conn)

    def excused(src: str, ref: str, rule: str) -> bool:
        return known.get((src, ref), ("", ""))[0] == rule

    out: list[str] = []
    out += _implausible_marks(conn, add, b, excused)
    clashes, ages = _scan_results(conn, today)
    out += _results_twice(conn, add, clashes, excused)
    out += _implausible_ages(conn, add, ages, excused)
    out += _implausible_winds(conn, add, b, excused)
    out += _implausible_places_and_dates(conn, add, b, excused)
    return out


# Whether a reference row is a known wrong one for a rule: (source, ref, rule) -> left out.
Excused = Callable[[str, str, str], bool]


def _implausible_marks(conn: sqlite3.Connection, add: Add, b: plausible.Bounds, excused: Excused) -> list[str]:
    """Marks: each event's accepted range goes to SQL (an event at a time, on its index), so only the rows
    outside it come back; so do the rows of events with nothing on file to bound them. A reference row is
    judged without itself when it is the mark the bound comes from (so the range here is the strict one)."""
    all_marks = b.all_marks()
    events = {e_id: (code, sex, all_marks.get((code, sex))) for e_id, code, sex in conn.execute(
        "SELECT id, code, sex FROM events")}
    ranges = {e_id: mb.strict_range() for e_id, (_c, _s, mb) in events.items() if mb is not None}
    bad: list[str] = []
    for table, select in (
            ("results", "SELECT res.id, res.source_ref, res.source_id, res.mark, res.mark_value, r.event_id "
                        "FROM races r JOIN results res ON res.race_id = r.id WHERE res.mark_value IS NOT NULL "
                        "AND res.status = 'OK' AND r.event_id"),
            ("records", "SELECT rec.id, rec.source_ref, rec.source_id, rec.mark, rec.mark_value, rec.event_id "
                        "FROM records rec WHERE rec.mark_value IS NOT NULL AND rec.event_id")):
        value_col = "res.mark_value" if table == "results" else "rec.mark_value"
        queries = [(f"{select} = ? AND {value_col} NOT BETWEEN ? AND ?", (e_id, lo - 1e-9, hi + 1e-9))
                   for e_id, (lo, hi) in ranges.items()]
        queries.append((f"{select} NOT IN ({', '.join('?' * len(ranges))})", tuple(ranges)))
        for sql, args in queries:
            for rid, ref, src, mark, value, e_id in conn.execute(sql, args):
                code, sex, mb = events[e_id]
                if mb is None:
                    why: str | None = plausible.no_bounds(code, sex)
                else:
                    judge = mb if src.startswith("user:") else mb.without(conn, value)
                    why = judge.problem(value) if judge else None
                if why and not excused(src, ref, "mark"):
                    add(bad, f"{table} id {rid} ({src} {ref}): mark {mark!r} is not plausible for the "
                             f"{plausible.event_words(code, sex)}: {why}")
    return bad


def _scan_results(conn: sqlite3.Connection, today: str) -> tuple[list[tuple[int, int]], list[tuple[float, int, bool]]]:
    """One pass over the results for the rest. The same result twice: the same athlete, event, day and mark (or
    the same DNF...), in rounds that may be one (the same round, or one not given); the first id of each key
    is kept, only clashes are looked at closely. Ages: only real ISO dates, a birth date not after today (a
    bad one is reported above already); the bounds come from the reference rows' ages, as for an import."""
    first: dict[tuple, int] = {}
    clashes: list[tuple[int, int]] = []
    ages: list[tuple[float, int, bool]] = []   # (age, result id, a reference row)
    for rid, src, athlete, event, date, mark, age in conn.execute(
            "SELECT res.id, res.source_id, res.athlete_id, r.event_id, r.date, "
            "CASE WHEN res.mark IS NOT NULL OR res.status != 'OK' THEN coalesce(res.mark, res.status) END, "
            f"CASE WHEN date(r.date) = r.date AND date(a.birth_date) = a.birth_date AND a.birth_date <= ? "
            f"THEN {plausible.AGE_SQL} END FROM results res JOIN races r ON r.id = res.race_id "
            "LEFT JOIN athletes a ON a.id = res.athlete_id", (today,)):
        if date is not None and mark is not None:
            key = (athlete, event, date, mark)
            if key in first:
                clashes.append((first[key], rid))
            else:
                first[key] = rid
        if age is not None:
            ages.append((age, rid, not src.startswith("user:")))
    return clashes, ages


def _results_twice(conn: sqlite3.Connection, add: Add, clashes: list[tuple[int, int]],
                   excused: Excused) -> list[str]:
    bad: list[str] = []
    detail = ("SELECT res.id, res.source_id, res.source_ref, r.round, e.code, e.sex, r.date, "
              "coalesce(res.mark, res.status), r.heat, r.wind FROM results res JOIN races r ON r.id = res.race_id "
              "JOIN events e ON e.id = r.event_id WHERE res.id = ?")
    for a_id, b_id in clashes:
        one, two = conn.execute(detail, (a_id,)).fetchone(), conn.execute(detail, (b_id,)).fetchone()
        if any(x is not None and y is not None and x != y for x, y in ((one[3], two[3]), (one[8], two[8]),
                                                                          (one[9], two[9]))):
            continue        # a heat and a final, or two races with their own wind readings, on one day
        if excused(one[1], one[2], "duplicate") or excused(two[1], two[2], "duplicate"):
            continue
        add(bad, f"results id {one[0]} ({one[1]} {one[2]}) and id {two[0]} ({two[1]} {two[2]}): the same result "
                 f"twice ({plausible.event_words(one[4], one[5])}, {one[6]}, {one[7]})")
    return bad


def _implausible_ages(conn: sqlite3.Connection, add: Add, ages: list[tuple[float, int, bool]],
                      excused: Excused) -> list[str]:
    bad: list[str] = []
    age_bounds = plausible.age_range([age for age, _rid, ref in ages if ref])
    if age_bounds is not None:
        lo_age, hi_age = age_bounds.lo, age_bounds.hi
        for rid, age in sorted((rid, age) for age, rid, _ref in ages if not lo_age <= age <= hi_age):
            why = age_bounds.problem(age)
            if not why:
                continue
            res_id, src, ref, aid, name, born, date = conn.execute(
                "SELECT res.id, res.source_id, res.source_ref, a.id, a.name, a.birth_date, r.date FROM results res "
                "JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id WHERE res.id = ?",
                (rid,)).fetchone()
            if not excused(src, ref, "age"):
                add(bad, f"results id {res_id} ({src} {ref}): {name} (athletes id {aid}, born {born}) on {date}: "
                         f"{why}")
    return bad


def _implausible_winds(conn: sqlite3.Connection, add: Add, b: plausible.Bounds, excused: Excused) -> list[str]:
    """Wind where none is read, indoors, or beyond the bounds (a reference reading judged without itself): the
    rows SQL finds, then the reason."""
    bad: list[str] = []
    wind_events = ", ".join(f"'{c}'" for c in sorted(ev.WIND_EVENTS))
    wb = b.wind
    lo, hi = (wb.without(wb.head).lo, wb.without(wb.tail).hi) if wb else (-1e9, 1e9)
    outside = f"(e.code NOT IN ({wind_events}) OR r.indoor = 1 OR {{col}} NOT BETWEEN ? AND ?)"
    for rid, ref, src, wind, code, sex, indoor in conn.execute(
            "SELECT res.id, res.source_ref, res.source_id, res.wind, e.code, e.sex, r.indoor FROM results res "
            "JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id WHERE res.wind IS NOT NULL "
            f"AND {outside.format(col='res.wind')}", (lo, hi)):
        wind_judge = wb if wb is None or src.startswith("user:") else wb.without(wind)
        why = plausible.wind_problem(wind, code, sex, bool(indoor), wind_judge)
        if why and not excused(src, ref, "wind"):
            add(bad, f"results id {rid} ({src} {ref}): wind {marks.format_wind(wind)}: {why}")
    for rid, src, wind, code, sex, indoor in conn.execute(
            "SELECT r.id, r.source_id, r.wind, e.code, e.sex, r.indoor FROM races r JOIN events e "
            f"ON e.id = r.event_id WHERE r.wind IS NOT NULL AND {outside.format(col='r.wind')}", (lo, hi)):
        wind_judge = wb if wb is None or src.startswith("user:") else wb.without(wind)
        why = plausible.wind_problem(wind, code, sex, bool(indoor), wind_judge)
        if why:
            add(bad, f"races id {rid}: wind {marks.format_wind(wind)}: {why}")
    return bad


def _implausible_places_and_dates(conn: sqlite3.Connection, add: Add, b: plausible.Bounds,
                                  excused: Excused) -> list[str]:
    bad: list[str] = []
    pb = b.places
    if pb is not None:
        for rid, ref, src, place in conn.execute(
                "SELECT id, source_ref, source_id, place FROM results WHERE place > ? OR place < 1",
                (pb.without(pb.largest).limit,)):
            place_judge = pb if src.startswith("user:") else pb.without(place)
            why = place_judge.problem(place) if place >= 1 else f"place {place} is not a place (places start at 1)"
            if why and not excused(src, ref, "place"):
                add(bad, f"results id {rid} ({src} {ref}): {why}")
    if b.earliest is not None:
        for rid, date in conn.execute("SELECT id, date FROM races WHERE date < ?", (b.earliest,)):
            add(bad, f"races id {rid}: date {plausible.date_problem(date, b.earliest)}")
    return bad
