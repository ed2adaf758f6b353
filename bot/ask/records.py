"""Records: who holds one and since when, and progressions (what happened on a day: bot/ask/this_day.py).

Several sources list the same record; the answer takes the row of the most authoritative source and names
every source that agrees. A better legal mark on file that is not the record (the build logs why: a record
list shows it was not ratified, bot/pipeline/build/toplist_records.py) is noted under the answer. National progressions are not in any source, so "before X" for a national record
is worked out from the marks on file and says so.
"""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Protocol

from bot.ask.answer import ANSWERED, Answer, Row
from bot.ask.catalogue import (
    Catalogue,
    EventRow,
    Query,
    competition_words,
    event_words,
    fmt_date,
    record_words,
    with_nation,
    years_between,
)
from bot.ask.per_file import kept
from bot.ask.results import LEGAL, MARK_NATION, VALID, competitions_for
from bot.common import events as ev
from bot.common import marks, names, places
from bot.common.areas import AREAS

SCOPE_KIND = {"world": "world", "olympic": "olympic", "national": "national", "area": "area",
              "championship": "championship"}


def _scope(q: Query) -> tuple[str, str] | Answer:
    p = q.parsed
    scope = p.scope or ("national" if p.region else "world")
    if scope == "national":
        region = p.region or p.nation
        if not region:
            return q.unknown("record", "Which country's record? For example “british mile record”.")
        return "national", region
    if scope == "area":
        if not p.region or len(p.region) != 3 or p.region not in ("EUR", "AFR", "ASI", "NAC", "SAM", "OCE"):
            return q.unknown("record", "Which area? European, African, Asian, North American, South American or "
                                       "Oceanian.")
        return "area", p.region
    if scope == "olympic":
        return "olympic", "WORLD"
    if scope == "championship":
        return "championship", "WORLD"
    if scope == "world_u20":
        return "world_u20", "WORLD"
    return "world", "WORLD"


def _indoor(q: Query) -> bool:
    p = q.parsed
    if p.indoor is not None:
        return p.indoor
    e = q.event_row()
    return bool(e and e.held == "indoor")


def current_records(q: Query, kind: str, region: str, event_id: int, indoor: bool) -> list[tuple]:
    """Rows of the current record, most authoritative source first."""
    return q.conn.execute(
        "SELECT rec.mark, rec.mark_value, rec.wind, a.name, coalesce(rec.nation, a.nationality), a.id, rec.date, "
        "       rec.venue, rec.country, "
        "       rec.source_id, s.authority "
        "FROM records rec JOIN athletes a ON a.id = rec.athlete_id JOIN sources s ON s.id = rec.source_id "
        "WHERE rec.kind = ? AND rec.region = ? AND rec.event_id = ? AND rec.indoor = ? AND rec.current = 1 "
        "ORDER BY s.authority DESC, rec.date DESC", (kind, region, event_id, int(indoor))).fetchall()


def _where(venue: str | None, country: str | None) -> str:
    return places.where(venue, country) or "an unknown venue"


def _what_record(q: Query, intent: str, example: str) -> tuple[EventRow, str, str, bool] | Answer:
    """(event, kind, region, indoor) of a record question, or the Answer asking for what is missing."""
    e = q.require_event(intent, example)
    if isinstance(e, Answer):
        return e
    scope = _scope(q)
    if isinstance(scope, Answer):
        return scope
    return (e, *scope, _indoor(q))


# World Athletics' own record lists: an event with no world record on them has no official one (the 2 miles)
_WA_LISTS = ("wa-records-2024", "nimarion-world-2024-06")


def wa_keeps_world_record(conn: sqlite3.Connection, event_id: int, indoor: bool) -> bool:
    """Whether World Athletics' own record lists have a world record of the event (the 2 miles: no, a world best)."""
    return conn.execute(
        f"SELECT 1 FROM records WHERE kind = 'world' AND event_id = ? AND indoor = ? AND source_id IN "
        f"({','.join('?' * len(_WA_LISTS))}) LIMIT 1", (event_id, int(indoor), *_WA_LISTS)).fetchone() is not None


def _record_name(q: Query, kind: str, region: str, e: EventRow, indoor: bool) -> str:
    """"world record", or "world best" for an event World Athletics keeps no world record of (said why)."""
    what = record_words(kind, region)
    if kind != "world" or wa_keeps_world_record(q.conn, e.id, indoor):
        return what
    q.assumptions.append(f"A world best, not a world record: World Athletics' record lists have no "
                         f"{'indoor ' if indoor else ''}{event_words(e.code, e.sex)}.")
    return "world best"


def record(q: Query) -> Answer:
    if "bothio" in q.parsed.cues and q.parsed.indoor is None:
        return _indoor_and_outdoor(q)
    if "bothsexes" in q.parsed.cues and not q.people and q.event:
        return _both_sexes(q)
    what_record = _what_record(q, "record", "mile world record")
    if isinstance(what_record, Answer):
        return what_record
    e, kind, region, indoor = what_record
    rows = current_records(q, kind, region, e.id, indoor)
    what = record_words(kind, region)
    if not rows and not indoor and q.parsed.indoor is None and kind == "world":
        # "men's heptathlon world record": an event with only an indoor record answers with it, and says so
        rows = current_records(q, kind, region, e.id, True)
        if rows:
            indoor = True
            q.assumptions.append(f"Indoors: I have no outdoor {what} for the {event_words(e.code, e.sex)}.")
    # a field record counts wherever it was set: indoor and outdoor lists and marks are read together
    anywhere = kind == "national" and not indoor and q.parsed.indoor is None and ev.get(e.code).kind == ev.FIELD
    if anywhere:
        rows, indoor = _field_national(q, e, region, rows, what)
    io = " indoor" if indoor else ""
    if rows:
        what = _record_name(q, kind, region, e, indoor)
    if not rows and kind == "national":
        unlisted = _unlisted_national(q, e, region, indoor, what, io, anywhere)
        if unlisted:
            return unlisted
    if not rows:
        hint = {"championship": " My sources have no championship records yet.",
                "world_u20": " My world U20 record list has women's records only."}.get(kind, "")
        if kind == "world_u20" and e.sex == "W":
            hint = ""
        return q.unknown("record", f"I have no{io} {what} for the {event_words(e.code, e.sex)}.{hint}")
    best = rows[0]
    mark, value, wind, name, nat, aid, date, venue, country, src, _ = best
    if not venue:
        venue, country = venue_of_mark(q.conn, aid, e.id, value, date) or (None, country)
    agree = [r for r in rows if r[5] == aid and abs(r[1] - value) < 1e-6]
    q.sources.extend(dict.fromkeys(r[9] for r in agree))
    notes = []
    disagree = [r for r in rows if abs(r[1] - value) >= 1e-6]   # the same mark by another athlete: shared
    for r in disagree[:2]:
        notes.append(f"{q.cat.sources.get(r[9], r[9])} lists {r[0]} by {r[3]} ({fmt_date(r[6])}).")
    # a shared record names everyone who holds it, each with their day (and a row of their own)
    ties = q.conn.execute(
        "SELECT a.name, min(rec.date), coalesce(rec.nation, a.nationality), a.id, rec.mark, rec.venue, rec.source_id, "
        "rec.wind "
        "FROM records rec JOIN athletes a ON a.id = rec.athlete_id WHERE rec.kind = ? "
        "AND rec.region = ? AND rec.event_id = ? AND rec.indoor = ? AND rec.current = 1 AND rec.athlete_id != ? "
        "AND abs(rec.mark_value - ?) < 1e-6 GROUP BY a.id ORDER BY 2", (kind, region, e.id, int(indoor), aid,
                                                                      value)).fetchall()
    years = years_between(min([date, *(t[1] for t in ties if t[1])]) if date else None, q.today)
    stood = ""
    if years is not None:
        stood = f"; it has stood for {years} year{'s' if years != 1 else ''}" if years >= 1 else "; it was set this year"
    shared = f" (shared with {', '.join(f'{t[0]}, {fmt_date(t[1])}' for t in ties)})" if ties else ""
    headline = (f"The {event_words(e.code, e.sex)}{io} {what} is {mark} by {with_nation(name, nat)}{shared}, "
                f"set in {_where(venue, country)} on {fmt_date(date)}{stood}.")
    row = Row(athlete=name, mark=mark, nationality=nat, date=date, venue=venue, wind=wind, athlete_id=aid,
              source=src, note=what)
    better = better_mark(q, kind, region, e, indoor, value, anywhere=anywhere)
    if better and kind == "national":
        return _beaten_national(q, e, what, "" if anywhere else io, better, row)
    if better:
        notes.append(_better_note(q, kind, region, e, indoor, better))
    shared_rows = [Row(athlete=t[0], mark=t[4], nationality=t[2], date=t[1], venue=t[5], wind=t[7], athlete_id=t[3],
                       source=t[6], note=f"{what}, shared") for t in ties]
    return q.answered("record", headline, [row, *shared_rows], notes=notes,
                      entities={"scope": kind, "region": region if kind in ("national", "area") else None,
                                "indoor": indoor})


def _both_sexes(q: Query) -> Answer:
    """"nz shot put records men n women": the men's record, then the women's."""
    q.parsed.cues.discard("bothsexes")
    parts = [record(replace(q, sex=sex, assumptions=list(q.assumptions), sources=list(q.sources)))
             for sex in ("M", "W")]
    found = [a for a in parts if a.rows]
    if not found:
        return parts[0]
    return replace(found[0], headline=" ".join(a.headline for a in parts),
                   rows=[r for a in found for r in a.rows],
                   notes=list(dict.fromkeys(n for a in parts for n in a.notes
                                            if not n.startswith("No sex given"))),
                   sources=list(dict.fromkeys(s for a in found for s in a.sources)))


def records_at_meet(q: Query) -> Answer:
    """"any wrs at pre on july 5 2025": the records set at a meeting (on that day, when one is named), every
    event: the record rows whose athlete, mark and date are a result of that meeting."""
    p = q.parsed
    if p.year is None and p.date_year is not None:
        p.year = p.date_year
    scope = _scope(q)
    if isinstance(scope, Answer):
        return scope
    kind, region = scope
    comps, problem = competitions_for(q)
    if problem:
        return problem
    if not comps:
        return q.unknown("record", "Which meeting?")
    day = f"-{p.date[0]:02d}-{p.date[1]:02d}" if p.date else ""
    marks = ",".join("?" * len(comps))
    found = q.conn.execute(
        f"SELECT DISTINCT e.code, e.sex, rec.mark, a.name, {MARK_NATION.replace('res.', 'rec.')}, rec.date, "
        f"rec.indoor, rec.current, a.id FROM records rec JOIN events e ON e.id = rec.event_id "
        f"JOIN athletes a ON a.id = rec.athlete_id WHERE rec.kind = ? AND rec.region = ? AND EXISTS (SELECT 1 "
        f"FROM results res JOIN races r ON r.id = res.race_id WHERE res.athlete_id = rec.athlete_id AND "
        f"abs(res.mark_value - rec.mark_value) < 0.005 AND r.date = rec.date AND r.competition_id IN ({marks}))"
        f" AND rec.date LIKE ? ORDER BY rec.date, e.id", (kind, region, *[c.id for c in comps], f"%{day}")
    ).fetchall()
    at = competition_words(comps[0], q.cat) + (f" on {fmt_date(f'{comps[0].year}{day}')}" if day else "")
    what = record_words(kind, region)
    seen: dict[tuple, Row] = {}
    for code, sex, mark, name, nat, date, indoor, current, aid in found:
        seen.setdefault((code, sex, mark, date), Row(
            athlete=name, mark=mark, nationality=nat, date=date, event=code, athlete_id=aid,
            note=f"{event_words(code, sex)}{' (indoor)' if indoor else ''}{'' if current else ', since broken'}"))
    rows = list(seen.values())
    if not rows:
        return q.answered("record", f"No {what} was set at {at} in my data.", [])
    said = "; ".join(f"{r.athlete} {r.mark} in the {r.note}" for r in rows)
    count = f"{len(rows)} {what}{'s' if len(rows) != 1 else ''}"
    yes = "Yes: " if "yesno" in p.cues else ""
    return q.answered("record", f"{yes}{count} set at {at}: {said}.", rows)


def _indoor_and_outdoor(q: Query) -> Answer:
    """"womens tj wr indoor vs outdoor": the record outdoors and the record indoors, each said and labelled."""
    e = q.event_row()
    field = e is not None and ev.get(e.code).kind == ev.FIELD
    said: list[tuple[str, Answer]] = []
    # a field record stands wherever it was set (Rojas's 15.74 was jumped indoors): never called "outdoors"
    for label, indoor in (("Indoors or out" if field else "Outdoors", False), ("Indoors", True)):
        q.parsed.indoor = indoor
        said.append((label, record(q)))
    q.parsed.indoor = None
    answered = [a for _, a in said if a.status == ANSWERED]
    if not answered:
        return said[0][1]
    notes: list[str] = []
    for label, a in said:
        for r in a.rows:
            r.note = f"{label.lower()}: {r.note}" if r.note else label.lower()
        notes += [n for n in a.notes if n not in notes]
        if a.status != ANSWERED and field and label == "Indoors":
            notes.append("A field event's record counts wherever it was set, indoors or out; I have no separate "
                         "list of indoor records for it.")
    if field and said[1][1].status != ANSWERED:
        # no indoor list: the record said once, and the best mark jumped or thrown outdoors beside it when the
        # record was set indoors ("womens tj wr indoor vs outdoor": 15.74 indoors, 15.67 the best outdoors)
        said = said[:1]
        outside = _best_outdoors(q, e) if e is not None else None
        rec = said[0][1].rows[0] if said[0][1].rows else None
        best = ""
        if outside is not None and rec is not None and outside.mark != rec.mark:
            best = (f" Best outdoors: {outside.mark} by {with_nation(outside.athlete, outside.nationality)}, "
                    f"{outside.venue}, {fmt_date(outside.date)}.")
            answered[0].rows.append(outside)
        said = [(said[0][0], said[0][1])]
        said[0][1].headline += best
    headline = " ".join(f"{label}: {a.headline}" for label, a in said)
    out = answered[0]
    out.headline, out.rows, out.notes = headline, [r for _, a in said for r in a.rows], notes
    out.sources = list(dict.fromkeys(s for a in answered for s in a.sources))
    out.entities = {**out.entities, "indoor": None}
    return out


def _best_outdoors(q: Query, e: EventRow) -> Row | None:
    """The best legal mark of a field event made outdoors (the record list does not part indoors and out)."""
    order = "ASC" if e.lower_is_better else "DESC"
    row = q.conn.execute(
        f"SELECT res.mark, a.name, {MARK_NATION}, r.date, r.venue, a.id, res.source_id FROM results res "
        f"JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
        f"WHERE r.event_id = ? AND r.indoor = 0 AND {LEGAL} ORDER BY res.mark_value {order}, r.date LIMIT 1",
        (e.id,)).fetchone()
    if row is None:
        return None
    mark, name, nat, date, venue, aid, src = row
    return Row(athlete=name, mark=mark, nationality=nat, date=date, venue=venue, athlete_id=aid, source=src,
               note="best outdoors")


def _field_national(q: Query, e: EventRow, region: str, outdoor: list[tuple], what: str) -> tuple[list[tuple], bool]:
    """A national list keeps a field event's indoor and outdoor records apart, but a field record counts wherever
    it was set (as the world record does: the men's pole vault world record is an indoor mark), so "swedish pole
    vault record" is the better of the two, indoors said, and the outdoor one named beside it."""
    inside = current_records(q, "national", region, e.id, True)
    if not inside:
        return outdoor, False
    better = (lambda a, b: a < b - 1e-6) if e.lower_is_better else (lambda a, b: a > b + 1e-6)
    if outdoor and not better(inside[0][1], outdoor[0][1]):
        return outdoor, False
    words = event_words(e.code, e.sex)
    if outdoor:
        o = outdoor[0]
        q.assumptions.append(f"Indoors: a field record counts wherever it was set; the outdoor list gives the {words} "
                             f"{o[0]} by {with_nation(o[3], o[4])} ({fmt_date(o[6])}).")
    else:
        q.assumptions.append(f"Indoors: my national record list has no outdoor {what} for the {words}.")
    return inside, True


# What the build's log says after a better mark's record label (toplist_records.NOT_A_RECORD).
_NOT_A_RECORD = "is not a record: "


def _beaten_national(q: Query, e: EventRow, what: str, io: str, better: tuple, listed: Row) -> Answer:
    """A national list's record that a legal mark on file by that nation beats is out of date or wrong (the
    USA 1500 m row of 3:52.85, 25 s behind Hocker): the headline is the best mark on file, with its source,
    and the list's row is named as beaten, never stated as the record."""
    mark, name, nat, date, venue, src, _ref, aid, wind = better
    source = q.cat.sources.get(src, src)
    where = f", {venue}" if venue else ""
    headline = (f"The best {event_words(e.code, e.sex)}{io} mark by an athlete of {nat} in my data is {mark} by "
                f"{with_nation(name, nat)} ({fmt_date(date)}{where}; from {source}). The {what} list I have "
                f"gives {listed.mark} by {with_nation(listed.athlete, listed.nationality)} "
                f"({fmt_date(listed.date)}), which that mark beats: the list is out of date or wrong, or the mark was "
                f"not ratified.")
    q.sources.append(src)
    best = Row(athlete=name, mark=mark, nationality=nat, date=date, venue=venue, wind=wind, athlete_id=aid,
               source=src, note=f"best mark on file for {nat}")
    listed.note = f"{what} as listed, beaten"
    return q.answered("record", headline, [best, listed],
                      entities={"scope": "national", "region": nat, "indoor": bool(io), "listed_beaten": True})


def _unlisted_national(q: Query, e: EventRow, region: str, indoor: bool, what: str, io: str,
                       anywhere: bool = False) -> Answer | None:
    """No usable national-list row (JAM men's 200 m is listed as 10.88, which the build drops): the best
    legal mark on file by that nation, said to be that and not a listed record."""
    found = better_mark(q, "national", region, e, indoor, float("inf") if e.lower_is_better else float("-inf"),
                        anywhere=anywhere)
    if found is None:
        return None
    mark, name, nat, date, venue, src, _ref, aid, wind = found
    where = f", {venue}" if venue else ""
    headline = (f"The national record list I have has no usable {event_words(e.code, e.sex)}{io} {what}; the best "
                f"mark by an athlete of {nat} in my data is {mark} by {with_nation(name, nat)} ({fmt_date(date)}"
                f"{where}; from {q.cat.sources.get(src, src)}).")
    q.sources.append(src)
    row = Row(athlete=name, mark=mark, nationality=nat, date=date, venue=venue, wind=wind, athlete_id=aid,
              source=src, note=f"best mark on file for {nat}")
    return q.answered("record", headline, [row], entities={"scope": "national", "region": nat,
                                                           "indoor": indoor, "listed_beaten": True})


def better_mark(q: Query, kind: str, region: str, e: EventRow, indoor: bool, value: float, *,
                anywhere: bool = False) -> tuple | None:
    """The best legal mark on file that beats a world, area or national record without being it. Legal as for a record: finished, not annulled, not hand-timed, a wind reading of
    at most +2.0 m/s where wind counts; indoors and out for a field event (one record wherever set), and for a
    national one when `anywhere` (the question did not say indoors or out)."""
    if kind not in ("world", "area", "national"):
        return None
    # the same record asked again: its search over every mark in the event (40 ms for the 100 m) is not redone
    memo = kept(q.conn, "better_mark")
    key = (kind, region, e.id, bool(indoor), value, anywhere)
    if key not in memo:
        memo[key] = _better_mark(q, kind, region, e, indoor, value, anywhere)
    return memo[key]


def _better_mark(q: Query, kind: str, region: str, e: EventRow, indoor: bool, value: float,
                 anywhere: bool = False) -> tuple | None:
    event = ev.get(e.code)
    where = ["r.event_id = ?", VALID, "res.mark_value IS NOT NULL", "instr(res.flags, 'h') = 0",
             "instr(res.flags, 'w') = 0", f"res.mark_value {'<' if e.lower_is_better else '>'} ?"]
    args: list = [e.id, value - 1e-6 if e.lower_is_better else value + 1e-6]
    if anywhere:
        # indoor and outdoor marks together; an outdoor one needs a legal wind (or none read, as below)
        if event.wind_matters:
            where.append("(r.indoor = 1 OR res.wind IS NULL OR res.wind <= 2.0)")
    else:
        if event.wind_matters and not indoor:   # indoors no wind is read, and none is needed
            # a national list we cannot check is not headlined over a mark on file without a reading
            where.append("res.wind <= 2.0" if kind != "national" else "(res.wind IS NULL OR res.wind <= 2.0)")
        if event.kind != ev.FIELD or kind == "national":  # national lists keep indoor field records apart
            where.append("r.indoor = ?")
            args.append(int(indoor))
    if kind == "area":
        nations = sorted(n for n, a in AREAS.items() if a == region)
        where.append(f"{MARK_NATION} IN ({','.join('?' * len(nations))})")
        args += nations
    elif kind == "national":
        # a mark on another nation's record list was set for that nation (Lagat's Kenyan 3:26.34). The
        # subquery names a.id, not res.athlete_id (the same athlete), so SQLite runs it only for the nation's
        # athletes, after the join: on res it ran for every mark in the event (27 s for "kenyan 110h record")
        where.append(f"{MARK_NATION} = ? AND a.is_team = 0 AND NOT EXISTS (SELECT 1 FROM records x WHERE "
                     "x.kind = 'national' AND x.region != ? AND x.event_id = r.event_id AND x.athlete_id = "
                     "a.id AND abs(x.mark_value - res.mark_value) < 0.001)")
        args += [region, region]
    return q.conn.execute(
        f"SELECT res.mark, a.name, {MARK_NATION}, r.date, r.venue, res.source_id, res.source_ref, a.id, res.wind "
        "FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
        f"WHERE {' AND '.join(where)} ORDER BY res.mark_value {'ASC' if e.lower_is_better else 'DESC'}, r.date "
        "LIMIT 1", args).fetchone()


def _better_note(q: Query, kind: str, region: str, e: EventRow, indoor: bool, found: tuple) -> str:
    """The note under a world or area record on a better mark that is not the record, with the build's reason."""
    mark, name, nat, date, venue, src, ref, _aid, _wind = found
    at = f", {venue}" if venue else ""
    label = f"{'world' if kind == 'world' else region + ' area'} record {e.sex} {e.code}{' indoor' if indoor else ''}:"
    logged = q.conn.execute("SELECT reason FROM import_issues WHERE source_id = ? AND ref = ? AND reason LIKE ? "
                            "AND instr(reason, ?) > 0", (src, ref, label + "%", _NOT_A_RECORD)).fetchone()
    why = logged[0].split(_NOT_A_RECORD, 1)[1] if logged else "no record list I have holds it"
    return f"A better mark is on file: {mark} by {with_nation(name, nat)} ({fmt_date(date)}{at}); it is not the record: {why}."


class Reads(Protocol):
    """What the progression functions read of a Query (bot.anniversaries passes its own)."""
    @property
    def conn(self) -> sqlite3.Connection: ...

    @property
    def cat(self) -> Catalogue: ...


PROGRESSION_SOURCE = "wrp-"    # the sources of world record progressions (the others list records as they stood)


def timed_apart(code: str) -> bool:
    """Whether the event's hand and electric times are two record lists: the sprints and sprint relays, whose
    records have been electric only since 1977. A hand 9.9 of 1968 and Hines's electric 9.95 of that year
    were both records, and Smith's 9.93 of 1983 broke the 9.95, not the 9.9."""
    event = ev.get(code)
    if event.mark_format != ev.TIME:
        return False
    if event.kind == ev.RELAY:
        return code in ("4x100", "4x200", "4x400")
    return event.kind == ev.TRACK and event.distance_m is not None and event.distance_m <= 400


def hand_time(mark: str | None, code: str) -> bool:
    """Whether a mark is a hand time, as bot/common/marks reads it (one decimal on the track, or an 'h')."""
    if not mark:
        return False
    try:
        return marks.parse_mark(mark, code).hand
    except marks.MarkError:
        return False


def world_progression(q: Reads, event_id: int, indoor: bool, by_timing: bool = False) -> list[Row]:
    """The world-record progression, oldest first, one row per record (sources merged, never worsening).

    by_timing: in a sprint (timed_apart), hand and electric records are two lists, each never worsening, and
    the rows are both lists' (the anniversary posts, which say which record a record broke)."""
    rows = q.conn.execute(
        "SELECT rec.mark, rec.mark_value, a.name, coalesce(rec.nation, a.nationality), a.id, rec.date, rec.venue, "
        "       rec.source_id, s.authority, rec.current, a.nationality, a.is_team "
        "FROM records rec JOIN athletes a ON a.id = rec.athlete_id JOIN sources s ON s.id = rec.source_id "
        "WHERE rec.kind = 'world' AND rec.region = 'WORLD' AND rec.event_id = ? AND rec.indoor = ? "
        "ORDER BY rec.date, ? * rec.mark_value DESC, s.authority DESC",
        (event_id, int(indoor), 1 if q.cat.events_by_id[event_id].lower_is_better else -1)).fetchall()
    # one day's records, the lesser first: each improved on the one before (Lisovskaya's 22.60, then 22.63)
    e = q.cat.events_by_id[event_id]
    sign = 1 if e.lower_is_better else -1
    out: list[Row] = []
    seen: set[tuple] = set()
    same_day: dict[tuple, list[str]] = {}
    best: dict[bool, float] = {}
    apart = by_timing and timed_apart(e.code)
    for mark, value, name, nat, aid, date, venue, src, _auth, current, athlete_nat, team in rows:
        chain = apart and hand_time(mark, e.code)
        # One row per athlete and mark, and per performance: sources may name one athlete as two ('Patrick
        # Makau Musyoki' and 'Patrick Makau': same mark, same day, same nation), and a nation's relay team
        # by two names. Two athletes who shared the mark that day are two records (Tolan and Metcalfe, 10.3
        # in the 1932 Olympic final). The nation shown is the row's (URS in 1986), the one compared the
        # athlete's (sources differ: URS, RUS).
        key = (aid, round(value, 2), chain)
        same = (date, round(value, 2), athlete_nat)
        if key in seen or (date and any(team or _one_person(name, other) for other in same_day.get(same, ()))):
            continue
        # an electric record improves on the electric ones; a hand one on every record before it
        mark_best = best.get(chain) if not chain else min(best.values(), key=lambda v: sign * v, default=None)
        if mark_best is not None and sign * value > sign * mark_best + 1e-9:
            continue  # a source's row that does not improve on the record: not part of the progression
        seen.add(key)
        same_day.setdefault(same, []).append(name)
        best[chain] = value if chain not in best else (value if sign * value < sign * best[chain] else best[chain])
        if not venue:
            venue = (venue_of_mark(q.conn, aid, event_id, value, date) or (None, None))[0]
        out.append(Row(athlete=name, mark=mark, nationality=nat, date=date, venue=venue, athlete_id=aid, source=src,
                       note="current" if current else None))
    return out


def _one_person(a: str, b: str) -> bool:
    """Whether two sources' names of one day's mark are one athlete: one name holds the other ('Patrick Makau',
    'Willie Williams I') or they share the surname ('Charley' and 'Charlie Paddock', 'Bud' and 'Emerson
    Spencer'). Salsola and Salonen, who shared 3:40.2 in 1957, are two."""
    ta, tb = names.tokens(a), names.tokens(b)
    return set(ta) <= set(tb) or set(tb) <= set(ta) or ta[-1:] == tb[-1:]


def venue_of_mark(conn: sqlite3.Connection, athlete_id: int, event_id: int, value: float,
                  date: str | None) -> tuple[str, str | None] | None:
    """(venue, country) of the athlete's result with that mark within a day of the date: a record list
    without venues (the progressions) names the same performance a results list places (Young's 46.78), or
    its meeting does (a Diamond League race row has no venue of its own)."""
    if not date:
        return None
    return conn.execute(
        "SELECT coalesce(r.venue, c.venue), coalesce(r.country, c.country) FROM results res JOIN races r ON "
        "r.id = res.race_id LEFT JOIN competitions c ON c.id = r.competition_id WHERE res.athlete_id = ? "
        "AND r.event_id = ? AND abs(res.mark_value - ?) < 0.005 AND coalesce(r.venue, c.venue) IS NOT NULL AND r.date "
        "BETWEEN date(?, '-1 day') AND date(?, '+1 day') ORDER BY abs(julianday(r.date) - julianday(?)) LIMIT 1",
        (athlete_id, event_id, value, date, date, date)).fetchone()


def national_progression(q: Reads, event_id: int, nation: str, indoor: bool) -> list[Row]:
    """Successive national bests worked out from every mark on file by that nation's athletes."""
    e = q.cat.events_by_id[event_id]
    order = "ASC" if e.lower_is_better else "DESC"
    rows = q.conn.execute(
        f"SELECT res.mark, res.mark_value, a.name, {MARK_NATION}, a.id, r.date, r.venue, res.source_id "
        f"FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
        f"WHERE r.event_id = ? AND {MARK_NATION} = ? AND r.indoor = ? AND {VALID} AND res.mark_value IS NOT NULL "
        f"AND instr(res.flags, 'w') = 0 AND (res.wind IS NULL OR res.wind <= 2.0) AND r.date IS NOT NULL "
        f"ORDER BY r.date, res.mark_value {order}", (event_id, nation, int(indoor))).fetchall()
    sign = 1 if e.lower_is_better else -1
    out, best = [], None
    for mark, value, name, nat, aid, date, venue, src in rows:
        if best is None or sign * value < sign * best - 1e-9:
            best = value
            out.append(Row(athlete=name, mark=mark, nationality=nat, date=date, venue=venue, athlete_id=aid,
                           source=src))
    return out


def progression(q: Query) -> Answer:
    what_record = _what_record(q, "progression", "mile world record progression")
    if isinstance(what_record, Answer):
        return what_record
    e, kind, region, indoor = what_record
    what = ("indoor " if indoor else "") + record_words(kind, region)
    if kind == "world":
        rows = world_progression(q, e.id, indoor)
        what = ("indoor " if indoor else "") + (_record_name(q, kind, region, e, indoor) if rows else "world record")
    elif kind == "national":
        rows = national_progression(q, e.id, region, indoor)
        q.assumptions.append(f"No source has the {what} progression: worked out from the marks I have by "
                             f"{region} athletes, so early records may be missing.")
    else:
        return q.unknown("progression", f"I have no {what} progression: only world records and national bests.")
    if not rows:
        return q.unknown("progression", f"I have no {what} progression for the {event_words(e.code, e.sex)}.")
    chart = {"event": q.event, "sex": q.sex, "points": [(r.date, r.mark) for r in rows]}
    if "before" in q.parsed.cues and q.people:
        return _before(q, e, rows, kind, what, chart)
    if "before" in q.parsed.cues and "progression" not in q.parsed.cues and len(rows) >= 2 and not q.people:
        return _previous(q, e, rows, kind, what, chart)   # "previous world record in the 800"
    span = q.seasons() if q.parsed.span is not None else None
    if span is not None:
        return _progression_in_span(q, e, rows, what, span, chart)
    first, last = rows[0], rows[-1]
    if len(rows) == 1:     # a progression of one is a source without the earlier records, not "1 records"
        headline = (f"I have only the current {event_words(e.code, e.sex)} {what}, not the records before it: "
                    f"{last.mark} ({last.athlete}, {(last.date or '')[:4]}).")
    elif kind == "world" and not any((r.source or "").startswith(PROGRESSION_SOURCE) for r in rows):
        # no progression source covers it: the records the record pages list, not the whole progression
        headline = (f"I have no full {event_words(e.code, e.sex)} {what} progression, only the {len(rows)} "
                    f"records my sources list, from {first.mark} ({first.athlete}, {(first.date or '')[:4]}) to "
                    f"{last.mark} ({last.athlete}, {(last.date or '')[:4]}).")
    else:
        headline = (f"The {event_words(e.code, e.sex)} {what} progression: {len(rows)} records from "
                    f"{first.mark} ({first.athlete}, {(first.date or '')[:4]}) to {last.mark} ({last.athlete}, "
                    f"{(last.date or '')[:4]}).")
    return q.answered("progression", headline, rows, chart=chart,
                      entities={"scope": kind, "region": region if kind == "national" else None})


def _progression_in_span(q: Query, e: EventRow, rows: list[Row], what: str, span: tuple[int, int],
                         chart: dict) -> Answer:
    """"wr progression since 1984", "from 1968 to 1991": the records set in those years, both ends included;
    none set then: the record that stood through them."""
    first_year, last_year = span
    inside = [r for r in rows if r.date and first_year <= int(r.date[:4]) <= last_year]
    name = f"{event_words(e.code, e.sex)} {what}"
    if not inside:
        before = [r for r in rows if r.date and int(r.date[:4]) < first_year]
        if not before:
            return q.unknown("progression", f"I have no {name} set{q.when()}.")
        stood = before[-1]
        return q.answered("progression", f"No {name} was set{q.when()}: {stood.mark} by {stood.athlete} "
                                         f"({fmt_date(stood.date)}) stood through those years.", [stood], chart=chart)
    count = f"{len(inside)} record{'s' if len(inside) != 1 else ''}"
    headline = (f"The {name} progression{q.when()}: {count}, from {inside[0].mark} ({inside[0].athlete}, "
                f"{(inside[0].date or '')[:4]}) to {inside[-1].mark} ({inside[-1].athlete}, "
                f"{(inside[-1].date or '')[:4]}).")
    return q.answered("progression", headline, inside, chart=chart)


def _before(q: Query, e: EventRow, rows: list[Row], kind: str, what: str, chart: dict) -> Answer:
    person = q.people[0]
    idx = next((i for i, r in enumerate(rows) if r.athlete_id == person.id), None)
    if idx is None:
        return q.unknown("progression", f"{person.name} is not in the {event_words(e.code, e.sex)} {what} "
                                        f"progression I have.")
    if idx == 0:
        return q.unknown("progression", f"{person.name} holds the first {what} I have; nothing before it.")
    prev = rows[idx - 1]
    mine = rows[idx]
    held = years_between(prev.date, _date(mine.date)) if mine.date else None
    span = f", which stood for {held} years" if held else ""
    headline = (f"Before {person.name} ({mine.mark}, {fmt_date(mine.date)}), the {event_words(e.code, e.sex)} "
                f"{what} was held by {with_nation(prev.athlete, prev.nationality)}: {prev.mark}, set in "
                f"{prev.venue or 'an unknown venue'} on {fmt_date(prev.date)}{span}.")
    return q.answered("progression", headline, [prev, mine], chart=chart,
                      entities={"before": person.name, "scope": kind})


def _previous(q: Query, e: EventRow, rows: list[Row], kind: str, what: str, chart: dict) -> Answer:
    """The record before the current one (or `back:<n>` records back, asked in turn: "and the one before
    that"): its holder, mark, date and place, and how long it stood."""
    back = next((int(c[5:]) for c in q.parsed.cues if c.startswith("back:")), 1)
    if back >= len(rows):
        return q.unknown("progression", f"{rows[0].mark} by {rows[0].athlete} ({fmt_date(rows[0].date)}) is the "
                                        f"first {event_words(e.code, e.sex)} {what} I have; nothing before it.", [])
    prev, now = rows[-1 - back], rows[-back]
    held = years_between(prev.date, _date(now.date)) if prev.date and now.date else None
    span = "" if held is None else (f"; it stood for {held} year{'s' if held != 1 else ''}" if held else
                                    "; it stood for less than a year")
    which = "the current one" if back == 1 else f"{now.mark} by {now.athlete}"
    headline = (f"The {event_words(e.code, e.sex)} {what} before {which} was {prev.mark} by "
                f"{with_nation(prev.athlete, prev.nationality)}, set in "
                f"{prev.venue or 'an unknown venue'} on {fmt_date(prev.date)}{span}, until {now.athlete} ran "
                f"{now.mark} on {fmt_date(now.date)}.")
    if not e.lower_is_better:
        headline = headline.replace(f"{now.athlete} ran", f"{now.athlete} set")
    return q.answered("progression", headline, [prev, now], chart=chart,
                      entities={"before": now.athlete, "scope": kind})


def _date(iso: str):
    import datetime as dt
    return dt.date.fromisoformat(iso[:10])
