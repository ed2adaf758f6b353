"""Records asked about by the athlete who set them: "when did coe set the 800 record", "when did Cram set the
British mile record", "kipyegon 1500 record progression".

A named athlete's record is read from the progression (world, national or area), never from today's
record: the answer gives their mark, date and place, and how long it stood (until a better mark, not an
equal one). A progression asked for with an athlete named shows that athlete's records; one who never held
the record gets their own progression of bests. Everything else goes to bot/ask/records.py.
"""
from __future__ import annotations

from bot.ask import records
from bot.ask.answer import Answer, Row
from bot.ask.catalogue import (
    EventRow,
    Query,
    event_words,
    fmt_date,
    record_words,
    round_words,
    with_nation,
    years_between,
)
from bot.ask.people import Person
from bot.ask.results import LEGAL, ROUND_SQL, VALID
from bot.common import events as ev
from bot.common.days import duration

AREAS = ("EUR", "AFR", "ASI", "NAC", "SAM", "OCE")


def record(q: Query) -> Answer:
    p = q.parsed
    if q.people and "before" not in p.cues:
        if p.years:
            q.assumptions.append(f"Ignored “{p.years[0]}”: the records {q.people[0].name} set, whenever they were.")
            p.year, p.years = None, []
        return _by_athlete(q, "record")
    if q.event is None and (p.meet is not None or p.meet_by_city is not None):
        return records.records_at_meet(q)   # "any wrs at pre 2025": every event's, set there
    if p.year is not None:
        return _as_of(q, p.year)
    return records.record(q)


def progression(q: Query) -> Answer:
    if len(q.people) == 2 and "ends" in q.parsed.cues:
        return _between_athletes(q)
    if q.people and "before" not in q.parsed.cues:
        return _by_athlete(q, "progression")
    return records.progression(q)


def _between_athletes(q: Query) -> Answer:
    """The progression from one athlete's records to the other's, both ends included: the first record of
    the earlier to the last record of the later."""
    what_record = records._what_record(q, "progression", "lj world record progression from boston to powell")
    if isinstance(what_record, Answer):
        return what_record
    e, kind, region, indoor = what_record
    rows = _progression(q, e, kind, region, indoor)
    what = ("indoor " if indoor else "") + record_words(kind, region)
    name = f"{event_words(e.code, e.sex)} {what}"
    ends: list[int] = []
    for person in q.people:
        mine = [i for i, r in enumerate(rows) if r.athlete_id == person.id]
        if not mine:
            return q.unknown("progression", f"{person.name} is not in the {name} progression I have.",
                             [f"{event_words(e.code, e.sex)} {what} progression"])
        ends += [mine[0], mine[-1]]
    inside = rows[min(ends):max(ends) + 1]
    first, last = inside[0], inside[-1]
    headline = (f"The {name} progression from {q.people[0].name} to {q.people[1].name}: {len(inside)} records, "
                f"from {first.mark} ({first.athlete}, {(first.date or '')[:4]}) to {last.mark} ({last.athlete}, "
                f"{(last.date or '')[:4]}).")
    chart = {"event": q.event, "sex": q.sex, "points": [(r.date, r.mark) for r in inside]}
    return q.answered("progression", headline, inside, chart=chart,
                      entities={"scope": kind, "region": region if kind == "national" else None})


def _by_athlete(q: Query, intent: str) -> Answer:
    person = q.people[0]
    if q.event is None and intent == "record" and "howmany" in q.parsed.cues:
        return _every_event(q, person)
    if q.event is None:
        _their_event(q, person)
    e = q.require_event(intent, "when did coe set the 800 record")
    if isinstance(e, Answer):
        return e
    indoor = records._indoor(q)
    tried: list[str] = []
    listed = False
    for kind, region, said in _scopes(q, person):
        rows = _progression(q, e, kind, region, indoor)
        listed = listed or (bool(rows) and not tried)   # the scope asked (or first tried) has a list
        mine = [i for i, r in enumerate(rows) if r.athlete_id == person.id]
        what = record_words(kind, region)
        tried.append(what)
        if mine:
            if not said and len(tried) > 1:
                q.assumptions.append(f"{person.name} never held the {tried[0]} in my data: the {what} they set.")
            return _their_records(q, intent, person, e, kind, region, rows, mine, indoor)
        if said:
            break
    what = " or the ".join(dict.fromkeys(tried)) or "record"
    if indoor and not listed:
        # no indoor list of those records at all: never "has not held" for want of a list
        if ev.get(e.code).kind == ev.FIELD and q.parsed.indoor:
            # a field record counts wherever it was set ("mondo indoor wr": his records set indoors are there)
            q.parsed.indoor = False
            q.assumptions.append(f"I have no separate indoor {what} list for the {event_words(e.code, e.sex)}: a "
                                 "field record counts wherever it was set, so these are the records, indoors and out.")
            return _by_athlete(q, intent)
        return q.unknown(intent, f"I have no indoor {what} list for the {event_words(e.code, e.sex)}, so I can't say "
                                 f"whether {person.name} held it.",
                         [f"{person.name} {event_words(e.code, e.sex)} world record"])
    io = "indoor " if indoor else ""
    if intent == "progression":
        return _own_bests(q, person, e, indoor, what)
    return q.unknown("record", f"{person.name} has not held the {event_words(e.code, e.sex)} {io}{what} in my data.",
                     [f"{event_words(e.code, e.sex)} {what}", f"{person.name} {event_words(e.code, e.sex)} pb"])


def _their_event(q: Query, person: Person) -> None:
    """No event said ("duplantis world record progression"): the one event of their records, else the event of
    twice as many of their results as any other, said aloud; neither: the question asks which."""
    held = q.conn.execute("SELECT DISTINCT e.code FROM records rec JOIN events e ON e.id = rec.event_id "
                          "WHERE rec.athlete_id = ?", (person.id,)).fetchall()
    ran = q.conn.execute("SELECT e.code, count(*) FROM results res JOIN races r ON r.id = res.race_id JOIN events e "
                         "ON e.id = r.event_id WHERE res.athlete_id = ? GROUP BY e.code ORDER BY 2 DESC LIMIT 2",
                         (person.id,)).fetchall()
    if len(held) == 1:
        code, why = held[0][0], "the one event of their records"
    elif ran and (len(ran) == 1 or ran[0][1] >= 2 * ran[1][1]):
        code, why = ran[0][0], "the event of most of their results"
    else:
        return
    q.event, q.sex = code, person.sex
    q.assumptions.append(f"No event given: the {event_words(code, person.sex)}, {why}.")


def _every_event(q: Query, person: Person) -> Answer:
    """"how many world records has kipyegon set": their records in every event of the scope asked (world unless
    said), each counted on that event's progression, outdoors and in."""
    kind, region, _said = _scopes(q, person)[0]
    codes = [c for (c,) in q.conn.execute(
        "SELECT DISTINCT e.code FROM records rec JOIN events e ON e.id = rec.event_id WHERE rec.athlete_id = ? "
        "AND rec.kind = ? ORDER BY e.code", (person.id, kind))]
    out: list[Row] = []
    per_event: list[str] = []
    for code in codes:
        e = q.cat.event(code, person.sex)
        if e is None:
            continue
        for indoor in (False, True):
            rows = _progression(q, e, kind, region, indoor)
            mine = [r for r in rows if r.athlete_id == person.id]
            if not mine:
                continue
            name = event_words(code, person.sex).split(" ", 1)[1] + (" indoors" if indoor else "")
            per_event.append(f"{name} {len(mine)}")
            out += [Row(athlete=r.athlete, mark=r.mark, nationality=r.nationality, date=r.date, venue=r.venue,
                        event=code, athlete_id=r.athlete_id, source=r.source, note=name) for r in mine]
    what = record_words(kind, region)
    if not out:
        return q.unknown("record", f"{person.name} has not set a {what} in my data.", [])
    out.sort(key=lambda r: r.date or "", reverse=True)
    n = len(out)
    headline = (f"{person.name} set {n} {what}{'s' if n != 1 else ''} in my data ({', '.join(per_event)}), the "
                f"latest {out[0].mark} in the {out[0].note} on {fmt_date(out[0].date)}.")
    if kind == "national":
        q.assumptions.append(f"No source has {record_words(kind, region)} progressions: worked out from the marks I "
                             f"have by {region} athletes, so early records may be missing.")
    return q.answered("record", headline, out, entities={"scope": kind, "count": n})


def _as_of(q: Query, year: int) -> Answer:
    """"mile world record 1990": the record as it stood at the end of that year, from the progression."""
    e = q.require_event("record", "mile world record 1990")
    if isinstance(e, Answer):
        return e
    scope = records._scope(q)
    if isinstance(scope, Answer):
        return scope
    kind, region = scope
    indoor = records._indoor(q)
    rows = _progression(q, e, kind, region, indoor) if kind in ("world", "national", "area") else []
    what = f"{event_words(e.code, e.sex)} {record_words(kind, region)}"
    standing = [i for i, r in enumerate(rows) if r.date and r.date[:4] <= str(year)]
    if not rows:
        return q.unknown("record", f"I have no {what} progression to tell the record of {year}.", [])
    if not standing:
        first = rows[0]
        return q.unknown("record", f"I have no {what} in {year}: the first in my data is {first.mark} by "
                                   f"{with_nation(first.athlete, first.nationality)} ({fmt_date(first.date)}).", [])
    i = standing[-1]
    if i == len(rows) - 1:
        return records.record(q)     # the record of that year still stands: today's answer is that year's
    r = rows[i]
    after = _beaten_by(e, rows, i)
    until = f"; it stood until {with_nation(after.athlete, after.nationality)} {ev.verb(e.code)} {after.mark} on " \
            f"{fmt_date(after.date)}" if after else ""
    where = f" in {r.venue}" if r.venue else ""
    if kind == "national":
        q.assumptions.append(f"No source has the {record_words(kind, region)} progression: worked out from the "
                             f"marks I have by {region} athletes, so early records may be missing.")
    return q.answered("record", f"At the end of {year}, the {what} was {r.mark} by "
                                f"{with_nation(r.athlete, r.nationality)}, set{where} on {fmt_date(r.date)}{until}.",
                      [r], entities={"scope": kind, "region": region if kind in ("national", "area") else None})


def _scopes(q: Query, person: Person) -> list[tuple[str, str, bool]]:
    """(kind, region, whether the question said it) to look in: the scope asked, else world then the athlete's
    national record."""
    p = q.parsed
    scope = p.scope or ("national" if p.region else None)
    if scope == "national":
        return [("national", p.region or p.nation or person.nationality or "", True)]
    if scope == "area":
        region = p.region if p.region in AREAS else _area_of(q, person)
        return [("area", region, True)] if region else []
    if scope in ("world", "olympic"):
        return [(scope, "WORLD", True)]
    out = [("world", "WORLD", False)]
    if person.nationality:
        out.append(("national", person.nationality, False))
    return out


def _area_of(q: Query, person: Person) -> str | None:
    """The area of an athlete's nation, from the area records its athletes hold."""
    got = q.conn.execute(
        "SELECT rec.region FROM records rec JOIN athletes a ON a.id = rec.athlete_id WHERE rec.kind = 'area' "
        "AND a.nationality = ? GROUP BY rec.region ORDER BY count(*) DESC LIMIT 1", (person.nationality,)).fetchone()
    return got[0] if got else None


def _progression(q: Query, e: EventRow, kind: str, region: str, indoor: bool) -> list[Row]:
    """The record's progression, oldest first: world records as the sources list them; a national record's
    worked out from the nation's marks and its athletes' world records; an area record's from the record
    rows on file."""
    if kind == "world":
        return records.world_progression(q, e.id, indoor)
    if kind == "national":
        world = [r for r in records.world_progression(q, e.id, indoor) if r.nationality == region]
        listed = _listed(q, e, kind, region, indoor)
        return _improving(e, records.national_progression(q, e.id, region, indoor) + world + listed)
    return _improving(e, _listed(q, e, kind, region, indoor))


def _listed(q: Query, e: EventRow, kind: str, region: str, indoor: bool) -> list[Row]:
    rows = q.conn.execute(
        "SELECT rec.mark, a.name, coalesce(rec.nation, a.nationality), a.id, rec.date, rec.venue, rec.source_id, "
        "rec.current "
        "FROM records rec JOIN athletes a ON a.id = rec.athlete_id WHERE rec.kind = ? AND rec.region = ? "
        "AND rec.event_id = ? AND rec.indoor = ? AND rec.date IS NOT NULL ORDER BY rec.date",
        (kind, region, e.id, int(indoor))).fetchall()
    return [Row(athlete=name, mark=mark, nationality=nat, date=date, venue=venue, athlete_id=aid, source=src,
                note="current" if current else None) for mark, name, nat, aid, date, venue, src, current in rows]


def _improving(e: EventRow, rows: list[Row]) -> list[Row]:
    """Rows by date that each beat every earlier one (one row per mark: the first to set it)."""
    from bot.common import marks as mk
    sign = 1 if e.lower_is_better else -1
    out: list[Row] = []
    best = None
    for r in sorted(rows, key=lambda r: (r.date or "", r.note != "current")):
        try:
            value = mk.parse_mark(r.mark or "", e.code).value
        except mk.MarkError:
            continue
        if value is None:
            continue
        if best is None or sign * value < sign * best - 1e-9:
            best = value
            out.append(r)
    return out


def _value(e: EventRow, row: Row) -> float | None:
    from bot.common import marks as mk
    try:
        return mk.parse_mark(row.mark or "", e.code).value
    except mk.MarkError:
        return None


def _beaten_by(e: EventRow, rows: list[Row], i: int) -> Row | None:
    """The first later row with a better mark than row i: an equal mark does not end a record."""
    sign = 1 if e.lower_is_better else -1
    mine = _value(e, rows[i])
    for r in rows[i + 1:]:
        v = _value(e, r)
        if mine is not None and v is not None and sign * v < sign * mine - 1e-9:
            return r
    return None


def _their_records(q: Query, intent: str, person: Person, e: EventRow, kind: str, region: str, rows: list[Row],
                   mine: list[int], indoor: bool = False) -> Answer:
    # "jakobs indoor 1500 wr": the indoor list's records are said to be indoor ones (the outdoor one is another)
    what = f"{event_words(e.code, e.sex)} {'indoor ' if indoor else ''}{record_words(kind, region)}"
    out: list[Row] = []
    spans = []
    for i in mine:
        r = rows[i]
        after = _beaten_by(e, rows, i)
        if after is not None:
            stood = years_between(r.date, records._date(after.date)) if r.date and after.date else None
            by = "they improved it to" if after.athlete_id == person.id else \
                f"{with_nation(after.athlete, after.nationality)} {ev.verb(e.code)}"
            # "46 days" for Bannister's mile, years for a record that lasted
            length = duration((records._date(after.date) - records._date(r.date)).days) \
                if r.date and after.date else _years(stood)
            span = f"stood {length}, until {by} {after.mark} on {fmt_date(after.date)}"
        elif r.note == "current" or i == len(rows) - 1:
            stood = years_between(r.date, q.today)
            span = f"still stands ({_years(stood)})" if stood else "still stands"
        else:
            span = "since beaten"
        spans.append(span)
        out.append(Row(athlete=r.athlete, mark=r.mark, nationality=r.nationality, date=r.date, venue=r.venue,
                       athlete_id=r.athlete_id, source=r.source, note=span))
    if kind == "national":
        q.assumptions.append(f"No source has the {record_words(kind, region)} progression: worked out from the "
                             f"marks I have by {region} athletes, so early records may be missing.")
    chart = {"event": e.code, "sex": e.sex, "points": [(r.date, r.mark) for r in out]}
    entities = {"scope": kind, "region": region if kind in ("national", "area") else None}
    last = out[-1]
    where = f" in {last.venue}" if last.venue else ""
    if len(out) == 1:
        rnd = _record_race(q, person, e, last)
        where += f", in {rnd}" if rnd else ""   # "amusan's 12.12": set in semi-final 1, not the final
        headline = (f"{person.name} set the {what} of {last.mark}{where} on {fmt_date(last.date)}; "
                    f"it {spans[-1]}.")
        before = _broke(e, rows, mine[0])
        if before:   # "whose record did kerr break": the record it replaced and how long that had stood
            headline = headline[:-1] + f". It broke {before}."
    else:
        marks = ", ".join(f"{r.mark} ({fmt_date(r.date)})" for r in out[:-1])
        headline = (f"{person.name} set the {what} {_times(len(out))}: {marks}, then {last.mark}{where} on "
                    f"{fmt_date(last.date)}, which {spans[-1]}.")
    now = _record_now(e, rows, mine[-1])
    if now:   # "kipyegon's 5000 wr, still the wr?": whose it is today, when it is no longer theirs
        headline += f" The record now: {now}."
    if intent == "record":
        out = out[::-1]    # their best record first; a progression reads oldest first
    return q.answered(intent, headline, out, chart=chart, entities=entities)


def _record_now(e: EventRow, rows: list[Row], i: int) -> str | None:
    """Today's record, when the i-th of the progression was beaten by a record that was beaten in turn (the
    headline names the one that beat it already)."""
    after = _beaten_by(e, rows, i)
    now = rows[-1]
    if after is None or now is after or not now.date:
        return None
    nation = f"{now.nationality}, " if now.nationality else ""
    return f"{now.athlete}'s {now.mark} ({nation}{fmt_date(now.date)})"


def _record_race(q: Query, person: Person, e: EventRow, rec: Row) -> str | None:
    """The race of a record when it was no final ("semi-final 2", "heat 3"): the athlete's result with the
    record's mark on its day; None for a final, or when no such result is on file."""
    if not rec.date or not rec.mark:
        return None
    row = q.conn.execute(
        f"SELECT {ROUND_SQL}, r.heat FROM results res JOIN races r ON r.id = res.race_id WHERE res.athlete_id = ? "
        f"AND r.event_id = ? AND r.date = ? AND res.mark = ? AND {VALID} ORDER BY r.id LIMIT 1",
        (person.id, e.id, rec.date, rec.mark)).fetchone()
    return round_words(row[0], row[1]) if row else None


def _broke(e: EventRow, rows: list[Row], i: int) -> str | None:
    """The record the i-th of the progression replaced: its holder, mark, date and how long it had stood."""
    if i == 0 or not rows[i].date:
        return None
    prev = rows[i - 1]
    if prev.athlete_id == rows[i].athlete_id:
        return f"their own {prev.mark} ({fmt_date(prev.date)})"
    stood = ""
    if prev.date and rows[i].date:
        stood = f", which had stood {duration((records._date(rows[i].date or '') - records._date(prev.date)).days)}"
    nation = f"{prev.nationality}, " if prev.nationality else ""
    return f"{prev.athlete}'s {prev.mark} ({nation}{fmt_date(prev.date)}){stood}"


def _own_bests(q: Query, person: Person, e: EventRow, indoor: bool, what: str) -> Answer:
    """An athlete who set no record: how their own best improved, from the marks on file."""
    rows = q.conn.execute(
        f"SELECT res.mark, res.mark_value, r.date, r.venue, res.source_id FROM results res "
        f"JOIN races r ON r.id = res.race_id WHERE res.athlete_id = ? AND r.event_id = ? AND r.indoor = ? "
        f"AND r.date IS NOT NULL AND {LEGAL} ORDER BY r.date, res.mark_value {'ASC' if e.lower_is_better else 'DESC'}",
        (person.id, e.id, int(indoor))).fetchall()
    sign = 1 if e.lower_is_better else -1
    out: list[Row] = []
    best = None
    for mark, value, date, venue, src in rows:
        if best is None or sign * value < sign * best - 1e-9:
            best = value
            out.append(Row(athlete=person.name, mark=mark, nationality=person.nationality, date=date, venue=venue,
                           athlete_id=person.id, source=src, note="PB"))
    io = " indoors" if indoor else ""
    if not out:
        return q.unknown("progression", f"{person.name} has not held the {event_words(e.code, e.sex)} {what}, and I "
                                        f"have no {event_words(e.code, e.sex)} marks{io} by them.", [])
    q.assumptions.append(f"{person.name} has not held the {what} in my data: their own best instead, from the "
                         f"marks on file.")
    first, last = out[0], out[-1]
    chart = {"event": e.code, "sex": e.sex, "points": [(r.date, r.mark) for r in out]}
    headline = (f"{person.name}'s {event_words(e.code, e.sex).split(' ', 1)[1]} best{io} went from {first.mark} "
                f"({(first.date or '')[:4]}) to {last.mark} ({fmt_date(last.date)}): {len(out)} best"
                f"{'s' if len(out) != 1 else ''} on file.")
    return q.answered("progression", headline, out, chart=chart, entities={"scope": "personal"})


def _years(n: int | None) -> str:
    if n is None:
        return "an unknown time"
    if n < 1:
        return "less than a year"
    return f"{n} year{'s' if n != 1 else ''}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
