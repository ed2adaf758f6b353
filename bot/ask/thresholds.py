"""Which event a bare threshold belongs to ("sub 4", "cleared 6m", "over 90m"), when the question names none.

A number reads as a mark of an event when, in that event's unit, it is a plausible barrier: a little slower
than the world record for a time, a little short of it for a distance or height. With an athlete named, their
own best is the reference and their events are tried, most results first. The direction words say which kind
of event: "sub", "under", "broken" are times; "cleared", "over", "thrown" are distances and heights.
"""
from __future__ import annotations

import sqlite3

from bot.ask.catalogue import Catalogue, parse_threshold
from bot.ask.per_file import kept

# v / reference for a plausible barrier: times from the world record to 20 % slower, distances and heights
# from 20 % short of it up to it; against an athlete's own best a little either side (a barrier they never beat)
_WORLD = {True: (1.0, 1.2), False: (0.8, 1.0)}
_OWN = {True: (0.97, 1.3), False: (0.7, 1.03)}
_TIE = 0.04   # two events' barriers this close (in distance from a typical barrier) are equally likely


def direction(cues: set[str]) -> bool | None:
    """True when the question asks under a time, False beyond a distance, None when it does not say."""
    below = bool({"sub", "broken"} & cues)
    above = "over" in cues
    return below if below != above else None


def fits(value: float, ref: float, lower_is_better: bool, own: bool = False) -> bool:
    lo, hi = (_OWN if own else _WORLD)[lower_is_better]
    return ref > 0 and lo <= value / ref <= hi


def world_record(conn: sqlite3.Connection, event_id: int, lower_is_better: bool) -> float | None:
    """The event's current world record as min (lower is better) or max of the marks listed; None without one."""
    return _world_record(conn, kept(conn, "world_record"), event_id, lower_is_better)


def _world_record(conn: sqlite3.Connection, memo: dict, event_id: int, lower_is_better: bool) -> float | None:
    """memo: kept(conn, "world_record"), read once per database file: a threshold is tried against every
    event's record. None for an event without a current world record (the min of no rows)."""
    if not memo:
        # every event's at once: one read of the world records instead of one (8 ms, no index on kind and
        # event without the region) per event tried
        for eid, low, high in conn.execute("SELECT event_id, min(mark_value), max(mark_value) FROM records "
                                           "WHERE kind = 'world' AND current = 1 GROUP BY event_id"):
            memo[(eid, True)], memo[(eid, False)] = low, high
    return memo.get((event_id, lower_is_better))


def events_for(cat: Catalogue, conn: sqlite3.Connection, text: str, sex: str | None,
               lower: bool | None) -> list[tuple[float, str]]:
    """(how far from a typical barrier, event code) for every track, road or field event (of that sex, when
    known) in which the threshold is a plausible mark, closest first."""
    out: dict[str, float] = {}
    memo = kept(conn, "world_record")
    for (code, e_sex), e in cat.events.items():
        if (sex and e_sex != sex) or (lower is not None and e.lower_is_better != lower) \
                or e.kind not in ("track", "road", "field", "combined"):
            continue
        wr = _world_record(conn, memo, e.id, e.lower_is_better)
        v = parse_threshold(text, code, wr) if wr else None
        if v and wr and fits(v, wr, e.lower_is_better):
            miss = abs(v / wr - (1.05 if e.lower_is_better else 0.95))
            out[code] = min(miss, out.get(code, miss))
    return sorted((m, c) for c, m in out.items())


def barriers(cat: Catalogue, conn: sqlite3.Connection, text: str, codes: list[str],
             sex: str | None) -> tuple[tuple[str, str, float, bool], ...]:
    """(code, sex, value, lower is better) of the threshold in each event (of each sex, when not known) where it
    is a plausible barrier."""
    out = []
    memo = kept(conn, "world_record")
    for (code, e_sex), e in cat.events.items():
        if code not in codes or (sex and e_sex != sex):
            continue
        wr = _world_record(conn, memo, e.id, e.lower_is_better)
        v = parse_threshold(text, code, wr) if wr else None
        if v and wr and fits(v, wr, e.lower_is_better):
            out.append((code, e_sex, v, e.lower_is_better))
    return tuple(dict.fromkeys(out))


def athlete_event(cat: Catalogue, conn: sqlite3.Connection, athlete_id: int, sex: str, text: str,
                  lower: bool | None) -> str | None:
    """The athlete's event in which the threshold is a plausible mark next to their best: of those, the one
    where it is the likeliest barrier ("sub 4" for a miler who also runs the 1500 is the mile), else the one
    with most results."""
    rows = conn.execute(
        "SELECT e.code, e.lower_is_better, min(res.mark_value), max(res.mark_value), count(*) FROM results res "
        "JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id WHERE res.athlete_id = ? "
        "AND res.mark_value IS NOT NULL AND res.status = 'OK' GROUP BY e.code ORDER BY 5 DESC",
        (athlete_id,)).fetchall()
    own = []
    for code, lib, low, high, _n in rows:
        if lower is not None and bool(lib) != lower:
            continue
        best = low if lib else high
        v = parse_threshold(text, code, best)
        if v and fits(v, best, bool(lib), own=True):
            own.append(str(code))
    barrier = [(miss, c) for miss, c in events_for(cat, conn, text, sex, lower) if c in own]
    if barrier:
        # Barriers about as likely as the likeliest are a tie the athlete's own events settle: "warholm under
        # 46" is his 400 m hurdles (the event he runs most), though 46 is nearer a typical 400 m barrier.
        close = {c for miss, c in barrier if miss - barrier[0][0] <= _TIE}
        return next(c for c in own if c in close)
    return own[0] if own else None
