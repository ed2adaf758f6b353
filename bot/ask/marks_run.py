"""Who ran (jumped, threw) a mark: "who ran 9.58", "who jumped 8.95", "3:26.00 1500".

The events the mark can be a senior performance in (bot/ask/thresholds.events_for: plausible next to the world
record) are searched for that exact mark; every performance found is listed, the event with the most notable
one (a record, then the best placed) first. A mark run by many (10.00 in the 100 m) is counted, not guessed.
"""
from __future__ import annotations

import sqlite3

from bot.ask import thresholds
from bot.ask.answer import Answer, Row
from bot.ask.catalogue import (
    Query,
    and_list,
    event_words,
    fmt_date,
    parse_threshold,
    round_words,
    with_nation,
    years_between,
)
from bot.ask.per_file import kept
from bot.ask.results import MARK_NATION, ROUND_SQL, VALID

SHOWN = 15


def mark_lookup(q: Query) -> Answer:
    p = q.parsed
    text = p.marks[0]
    codes = [q.event] if q.event else None
    person = q.people[0] if q.people else None   # "when did kipchoge run 2:01:09": that athlete's marks only
    who = "AND res.athlete_id = ? " if person else ""
    found: list[tuple[str, str, list[tuple]]] = []   # (event code, sex, rows)
    for sex in ([person.sex] if person else [q.sex] if q.sex else ["M", "W"]):
        events = codes or [c for _, c in thresholds.events_for(q.cat, q.conn, text, sex, None)]
        for code in events:
            e = q.cat.event(code, sex)
            if e is None:
                continue
            low, high = (thresholds.world_record(q.conn, e.id, lower) for lower in (True, False))
            value = parse_threshold(text, code, (low if e.lower_is_better else high) if low else None)
            if value is None:
                continue
            rows = [(*t[:9], *_records_set(q.conn, t[2], e.id, t[4], t[9]), (t[10], t[11])) for t in q.conn.execute(
                f"SELECT a.name, {MARK_NATION}, a.id, res.mark, r.date, r.venue, c.name, res.place, res.source_id, "
                f"res.mark_value, {ROUND_SQL}, r.heat "
                # the results near the mark first (results_mark, migration 006; CROSS JOIN keeps that order), not
                # every mark of the event: 30-50 ms for the 100 m; ties by race and row, as that plan read them
                "FROM results res CROSS JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
                "LEFT JOIN competitions c ON c.id = r.competition_id "
                "WHERE res.mark_value BETWEEN ? - 0.001 AND ? + 0.001 AND abs(res.mark_value - ?) < 0.0005 "
                f"AND r.event_id = ? AND {VALID} {who}ORDER BY r.date IS NULL, r.date, r.id, res.id",
                (value, value, value, e.id, *([person.id] if person else [])))]
            seen: set[tuple] = set()
            unique = []
            for t in rows:   # one performance a day, whichever source holds it
                if (t[2], t[4]) not in seen:
                    seen.add((t[2], t[4]))
                    unique.append(t)
            if unique:
                found.append((code, sex, unique))
    if not found:
        by = f" by {person.name}" if person else ""
        return q.unknown("mark_lookup", f"I have no performance of exactly {text}{by} in my data.", [])

    def notable(item: tuple[str, str, list[tuple]]) -> tuple:
        rows = item[2]
        # a record that still stands first, then any record (by kind), then the best placed
        return (min(_record_rank(t[9]) - 0.5 * bool(t[10]) for t in rows), min((t[7] or 99) for t in rows),
                -len(rows))
    found.sort(key=notable)
    code, sex, rows = found[0]
    what = event_words(code, sex)
    out = [Row(athlete=t[0], mark=t[3], nationality=t[1], athlete_id=t[2], date=t[4], venue=t[5], competition=t[6],
               place=t[7], source=t[8], event=code, note=_record_note(t[9]),
               round=round_words(*t[11]) if t[7] is not None else None)
           for t in rows[:SHOWN]]
    others = [f"the {event_words(c, s)} ({len(r)})" for c, s, r in found[1:]]
    if others:
        q.assumptions.append(f"{text} also appears in {and_list(others)}: name the event to see them.")
    if person is not None:
        # the athlete's own marks of that time: when and where, and how old they were ("how old was bolt when...")
        bits = []
        for r in out:
            age = years_between(person.birth_date, _day(r.date)) if person.birth_date and r.date else None
            bits.append(f"{fmt_date(r.date)}, {r.competition or r.venue or 'an unknown meet'}"
                        + (f", aged {age}" if age is not None else "") + (f" ({r.note})" if r.note else ""))
        headline = (f"{person.name} ran {text} in the {what.split(' ', 1)[1]} "
                    if code not in _NOT_RUN else f"{person.name}'s {text} in the {what.split(' ', 1)[1]}: ")
        headline = headline.rstrip(": ") + (" on " if code not in _NOT_RUN else ": ") + "; ".join(bits[:3]) + "."
    elif len(rows) == 1:
        r = out[0]
        where = r.competition or r.venue or "an unknown meet"
        rec = f" ({r.note})" if r.note else ""
        headline = f"{text} in the {what}: {with_nation(r.athlete, r.nationality)}, {fmt_date(r.date)}, {where}{rec}."
    else:
        people = {t[2] for t in rows}
        headline = (f"{len(rows)} performances of {text} in the {what} in my data, by {len(people)} athlete"
                    f"{'s' if len(people) != 1 else ''}; the first: {with_nation(out[0].athlete, out[0].nationality)}"
                    f", {fmt_date(out[0].date)}.")
    return q.answered("mark_lookup", headline, out, entities={"event": code, "sex": sex})


_KINDS = ("world", "olympic", "area", "national")
_NOT_RUN = frozenset({"HJ", "PV", "LJ", "TJ", "SP", "DT", "HT", "JT", "DEC", "HEP"})   # jumped, thrown, scored


def _day(iso: str):
    import datetime as dt
    return dt.date.fromisoformat(iso[:10])


QUERIED_FIRST = 60   # marks whose records are queried before the records are read into memory


def _records_set(conn: sqlite3.Connection, athlete_id: int, event_id: int, date: str | None,
                 value: float) -> tuple[str | None, int | None]:
    """The kinds of record (comma-separated, None for none) a mark set, and whether one of them still stands
    (None for none): from every record read once per database file, not two scans of the records per mark."""
    state = kept(conn, "records_by_day")
    if "by_day" not in state:
        # the first marks looked up ask the database (reading every record costs the first question 40 ms)
        state["asked"] = state.get("asked", 0) + 1
        if state["asked"] <= QUERIED_FIRST:
            return conn.execute(
                "SELECT (SELECT group_concat(DISTINCT rec.kind) FROM records rec WHERE rec.athlete_id = ? AND "
                " rec.event_id = ? AND rec.date = ? AND abs(rec.mark_value - ?) < 0.001), "
                "(SELECT max(rec.current) FROM records rec WHERE rec.athlete_id = ? AND rec.event_id = ? "
                " AND rec.date = ? AND abs(rec.mark_value - ?) < 0.001)",
                (athlete_id, event_id, date, value) * 2).fetchone()
        by_day: dict[tuple, list[tuple]] = {}
        for aid, eid, day, kind, v, current in conn.execute(
                "SELECT athlete_id, event_id, date, kind, mark_value, current FROM records"):
            by_day.setdefault((aid, eid, day), []).append((kind, v, current))
        state["by_day"] = by_day
    by_day = state["by_day"]
    if athlete_id is None or date is None:
        return None, None
    same = [(kind, current) for kind, v, current in by_day.get((athlete_id, event_id, date), ())
            if v is not None and abs(v - value) < 0.001]
    kinds = {kind for kind, _ in same if kind is not None}
    currents = [c for _, c in same if c is not None]
    return (",".join(sorted(kinds)) if kinds else None), (max(currents) if currents else None)


def _record_rank(kinds: str | None) -> int:
    """0 for a world record, then Olympic, area, national; 4 for no record."""
    have = set((kinds or "").split(","))
    return next((i for i, k in enumerate(_KINDS) if k in have), len(_KINDS))


def _record_note(kinds: str | None) -> str | None:
    rank = _record_rank(kinds)
    return f"{_KINDS[rank]} record" if rank < len(_KINDS) else None
