"""Athletes and lists: personal and season bests, world leads, profiles, counts, all-time lists, head-to-head.

A best is a legal mark: finished, not annulled, not wind-aided (flag "w" or over +2.0 m/s). Outdoors unless
the question says indoor (or the event is only held indoors); the other one is mentioned when it is better.
"""
from __future__ import annotations

import datetime as dt
import sqlite3

from bot.ask.answer import Answer, Row
from bot.ask.catalogue import (
    ROUND_WORDS,
    EventRow,
    Person,
    Query,
    and_list,
    competition_words,
    event_words,
    fmt_date,
    fmt_value,
    parse_threshold,
    place_in,
    place_words,
    round_words,
    with_nation,
    years_between,
)
from bot.ask.results import (
    DL_MEETING,
    LEGAL,
    MARK_NATION,
    ROUND_SQL,
    VALID,
    athlete_medals,
    competitions_for,
    threshold_in_races,
)
from bot.ask.understand import GLOBAL_CHAMPIONSHIPS
from bot.common import countries, places
from bot.common import events as ev
from bot.common.days import duration
from bot.pipeline.db import LEGAL_RESULT

_SELECT = (f"SELECT res.mark, res.mark_value, res.wind, a.name, {MARK_NATION}, a.id, r.date, r.venue, c.name, "
           f"res.source_id, r.indoor, res.place, {ROUND_SQL}, r.heat "
           "FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
           "LEFT JOIN competitions c ON c.id = r.competition_id ")


def nation_bests(event_id: int, nation: str | None, per_season: bool) -> tuple[str, list]:
    """The bests table (season_bests when per_season) to read a list from, and its arguments. With a nation,
    the same columns worked out from the marks set for that nation (MARK_NATION): an athlete's best may have
    been set for another nation and must not count for this one."""
    if not nation:
        return ("season_bests" if per_season else "bests"), []
    year = "CAST(substr(r.date, 1, 4) AS INTEGER)"
    return (f"(SELECT r.event_id, {year} AS year, res.athlete_id, r.indoor, min(CASE e.lower_is_better WHEN 1 "
            f"THEN res.mark_value ELSE -res.mark_value END) AS rank_value, res.id AS result_id, count(*) AS marks "
            f"FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id "
            f"JOIN athletes a ON a.id = res.athlete_id WHERE {LEGAL_RESULT} AND r.date IS NOT NULL "
            f"AND r.event_id = ? AND {MARK_NATION} = ? "
            f"GROUP BY res.athlete_id, r.indoor{', 2' if per_season else ''})"), [event_id, nation]


def _row(t, note: str | None = None) -> Row:
    """A Row from a _SELECT tuple; the mark stays canonical and an indoor mark says so in the note."""
    mark, _value, wind, name, nat, aid, date, venue, comp, src, indoor, place, rnd, heat = t
    if indoor:
        note = f"{note} indoor" if note else "indoor"
    return Row(athlete=name, mark=mark, nationality=nat, date=date, venue=venue, wind=wind,
               competition=comp, athlete_id=aid, source=src, note=note, place=place,
               round=round_words(rnd, heat) if place is not None else None)


def _i(t) -> str:
    """The mark as lists print it: 3:29.63i for an indoor mark."""
    return t[0] + ("i" if t[10] else "")


def _order(q: Query, event_id: int) -> str:
    return "ASC" if q.cat.events_by_id[event_id].lower_is_better else "DESC"


def _indoor_default(q: Query, code: str) -> bool:
    if q.parsed.indoor is not None:
        return q.parsed.indoor
    return ev.get(code).held == "indoor"


def best_of(q: Query, athlete_id: int, event_id: int, indoor: bool | None, year: int | None = None):
    where = "res.athlete_id = ? AND r.event_id = ? AND " + LEGAL
    args: list = [athlete_id, event_id]
    if indoor is not None:
        where += " AND r.indoor = ?"
        args.append(int(indoor))
    if year:
        where += " AND substr(r.date, 1, 4) = ?"
        args.append(str(year))
    return q.conn.execute(_SELECT + f"WHERE {where} ORDER BY res.mark_value {_order(q, event_id)}, r.date LIMIT 1",
                          args).fetchone()


def personal_best(q: Query) -> Answer:
    person = q.people[0]
    if len(q.people) >= 2 and q.event is not None:
        return _bests_compared(q)
    if q.event is None:
        return _all_bests(q)
    if len(set(q.parsed.events)) > 1:
        return _all_bests(q, tuple(dict.fromkeys(q.parsed.events)))
    e = q.cat.event(q.event, person.sex)
    if e is None:
        return q.unknown("pb", f"I don't know the {q.event} for {person.name}.")
    q.sex = person.sex
    indoor = _indoor_default(q, q.event)
    best = best_of(q, person.id, e.id, indoor)
    other = best_of(q, person.id, e.id, not indoor) if ev.get(q.event).held == "both" else None
    where = "indoors" if indoor else "outdoors"
    if best is None:
        if other is not None:
            indoor = not indoor
            best, other = other, None
            where = "indoors" if indoor else "outdoors"
            q.assumptions.append(f"Only {where} marks on file for this event.")
        else:
            return q.unknown("pb", f"I have no {event_words(q.event, person.sex)} marks for {person.name}.")
    notes = []
    low = e.lower_is_better
    if other is not None and ((other[1] < best[1]) if low else (other[1] > best[1])):
        notes.append(f"{'Indoors' if not indoor else 'Outdoors'} the best is better: {_i(other)} "
                     f"({fmt_date(other[6])}, {other[7] or other[8] or ''}).")
    row = _row(best, "PB")
    headline = (f"{person.name}'s {event_words(q.event, person.sex).split(' ', 1)[1]} personal best"
                f"{' indoors' if indoor else ''} is {best[0]}, set {_at(best)} on {fmt_date(best[6])}.")
    return q.answered("pb", headline, [row], notes=notes, entities={"indoor": indoor if q.parsed.indoor is not None else None})


def _bests_compared(q: Query) -> Answer:
    """"lyles or tebogo, whos got the faster 200 pb": each athlete's best (indoors and out, the better one), the
    better first, and by how much."""
    assert q.event is not None
    found = []
    for person in q.people:
        e = q.cat.event(q.event, person.sex)
        marks_ = [b for b in (best_of(q, person.id, e.id, False), best_of(q, person.id, e.id, True)) if b] if e else []
        if e is None or not marks_:
            return q.unknown("pb", f"I have no {event_words(q.event, person.sex)} marks for {person.name}.", [])
        found.append((person, e, min(marks_, key=lambda b: b[1] if e.lower_is_better else -b[1])))
    if len({e.sex for _p, e, _b in found}) > 1:
        q.assumptions.append("A man's and a woman's bests: different events, compared only side by side.")
    low = found[0][1].lower_is_better
    found.sort(key=lambda f: f[2][1] if low else -f[2][1])
    what = event_words(q.event, found[0][1].sex).split(" ", 1)[1]
    said = "; ".join(f"{p.name} {_i(b)}, set {_at(b)} on {fmt_date(b[6])}" for p, _e, b in found)
    (first, _e1, b1), (second, _e2, b2) = found[0], found[1]
    gap = abs(b1[1] - b2[1])
    verdict = (f"{first.name} and {second.name} share the same best" if gap < 0.005 else
               f"{first.name}'s is {'faster' if low else 'better'} by {fmt_value(gap, q.event)}")
    rows = [_row(b, "PB") for _p, _e, b in found]
    return q.answered("pb", f"{what.capitalize()} personal bests: {said}. {verdict}.", rows)


def _at(t) -> str:
    """Where a _SELECT mark was set; set in a heat or qualifying group, its place there first ("1st in qualifying
    group 2 at the World Championships 2025"), so a round's place never reads as the meet's."""
    comp, venue, place, race = t[8], places.place(t[7]), t[11], round_words(t[12], t[13])
    where = f"{place_in(place, race)} " if race and place is not None else ""
    if comp and venue:
        return f"{where}at the {comp} ({venue})"
    if comp:
        return f"{where}at the {comp}"
    return f"{where}in {venue}" if venue else f"{where}at an unknown venue"


def _all_bests(q: Query, only: tuple[str, ...] = ()) -> Answer:
    """Every event's best (indoors and out apart), most run first; `only`: those events ("mile pb n 1500 pb")."""
    person = q.people[0]
    rows = q.conn.execute(
        f"SELECT e.code, e.lower_is_better, res.mark, res.mark_value, r.date, r.venue, r.indoor, res.source_id, "
        f"       count(*) OVER (PARTITION BY e.code) AS n "
        f"FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id "
        f"WHERE res.athlete_id = ? AND {LEGAL}", (person.id,)).fetchall()
    best: dict[tuple[str, int], tuple] = {}
    counts: dict[str, int] = {}
    for code, low, mark, value, date, venue, indoor, src, n in rows:
        if only and code not in only:
            continue
        counts[code] = n
        k = (code, indoor)
        cur = best.get(k)
        if cur is None or (value < cur[3] if low else value > cur[3]):
            best[k] = (code, low, mark, value, date, venue, indoor, src)
    if not best:
        return q.unknown("pb", f"I have no marks for {person.name}.")
    ranked = sorted(best.items(), key=lambda kv: (-counts[kv[0][0]], kv[0][1]))
    out = [Row(athlete=person.name, mark=t[2], nationality=person.nationality, date=t[4], venue=t[5],
               event=code, athlete_id=person.id, source=t[7], note="PB indoor" if indoor else "PB")
           for (code, indoor), t in ranked]
    main = out[0]
    headline = (f"{person.name}'s personal bests: " +
                ", ".join(f"{ev.get(code).name} {t[2]}{'i' if indoor else ''}"
                          for (code, indoor), t in ranked[:6]) + ".")
    return q.answered("pb", headline, out[:25], entities={"event": main.event})


def season_best(q: Query) -> Answer:
    person = q.people[0]
    if q.event is None:
        return q.unknown("sb", f"Which event for {person.name}?")
    e = q.cat.event(q.event, person.sex)
    if e is None:
        return q.unknown("sb", f"I don't know the {q.event} for {person.name}.")
    q.sex = person.sex
    indoor = _indoor_default(q, q.event)
    year = q.parsed.year
    if year is None and "everyseason" in q.parsed.cues:
        return _every_season_best(q, person, e, indoor)
    if year is None:
        got = q.conn.execute("SELECT max(substr(r.date, 1, 4)) FROM results res JOIN races r ON r.id = res.race_id "
                             "WHERE res.athlete_id = ? AND r.event_id = ? AND r.indoor = ?",
                             (person.id, e.id, int(indoor))).fetchone()
        if not got or not got[0]:
            return q.unknown("sb", f"I have no {event_words(q.event, person.sex)} marks for {person.name}.")
        year = int(got[0])
        q.assumptions.append(f"No year given: {year}, the latest season I have for {person.name}.")
    best = best_of(q, person.id, e.id, indoor, year)
    if best is None:
        return q.unknown("sb", f"I have no {event_words(q.event, person.sex)} marks for {person.name} in {year}.")
    headline = (f"{person.name}'s {year} {event_words(q.event, person.sex).split(' ', 1)[1]} season best"
                f"{' indoors' if indoor else ''} is {best[0]}, {_at(best)} on {fmt_date(best[6])}.")
    return q.answered("sb", headline, [_row(best, "SB")], entities={"year": year})


def _every_season_best(q: Query, person, e: EventRow, indoor: bool) -> Answer:
    """"ingebrigtsen 1500 season bests by year": the season best of each season with a legal mark, newest first."""
    years = [int(y) for (y,) in q.conn.execute(
        "SELECT DISTINCT substr(r.date, 1, 4) FROM results res JOIN races r ON r.id = res.race_id WHERE "
        f"res.athlete_id = ? AND r.event_id = ? AND r.indoor = ? AND r.date IS NOT NULL AND {LEGAL} ORDER BY 1 DESC",
        (person.id, e.id, int(indoor)))]
    bests = [(y, b) for y in years if (b := best_of(q, person.id, e.id, indoor, y)) is not None]
    what = event_words(e.code, e.sex).split(" ", 1)[1]
    if not bests:
        return q.unknown("sb", f"I have no {what} marks for {person.name}{' indoors' if indoor else ''}.")
    rows = [_row(b, f"SB {y}") for y, b in bests]
    shown = "; ".join(f"{y} {b[0]}" for y, b in bests[:8])
    more = f" and {len(bests) - 8} earlier" if len(bests) > 8 else ""
    headline = (f"{person.name}'s {what} season bests{' indoors' if indoor else ''}, by year: {shown}{more}.")
    return q.answered("sb", headline, rows, entities={"years": [y for y, _ in bests]})


def world_lead(q: Query) -> Answer:
    e = q.require_event("world_lead", "mile world lead 2024")
    if isinstance(e, Answer):
        return e
    indoor = q.parsed.indoor
    year = q.parsed.year
    ends = q.cat.coverage.newest(q.conn)   # a season list comes from the toplists: none after they end
    if year is None:
        got = q.conn.execute("SELECT max(year) FROM season_bests WHERE event_id = ?", (e.id,)).fetchone()
        year = int(got[0]) if got and got[0] else q.today.year
        if ends:
            year = min(year, int(ends[:4]))
        if year != q.today.year:
            q.assumptions.append(f"My latest season for this event is {year}.")
    elif ends and year > int(ends[:4]) and q.parsed.this_year:
        # "this year" before the lists reach it: their latest season stands for it, said
        year = int(ends[:4])
        q.assumptions.append(f"My season lists end on {fmt_date(ends)}: the {year} season, the latest I have.")
    elif ends and year > int(ends[:4]):
        # the marks I have of a later season are records and a few results, no season's list to lead
        return q.unknown("world_lead", f"My season lists (World Athletics' toplists) end on {fmt_date(ends)}: I "
                                       f"have no {year} {event_words(e.code, e.sex)} world lead.", [])
    nth = _nth_asked(q)   # "3rd furthest javelin throw of 2024": that place on the season's list
    limit = max(10, nth or 0)
    sb_where = "" if indoor is None else f"AND sb.indoor = {int(indoor)} "
    best = (f"SELECT sb.athlete_id, min(sb.rank_value), sb.result_id FROM season_bests sb WHERE sb.event_id = ? "
            f"AND sb.year = ? {sb_where}GROUP BY sb.athlete_id ORDER BY 2 LIMIT {limit + (20 if nth else 0)}")
    rows = q.conn.execute(
        f"SELECT res.mark, res.mark_value, res.wind, a.name, {MARK_NATION}, a.id, r.date, r.venue, c.name, "
        f"res.source_id, r.indoor, res.place, {ROUND_SQL}, r.heat FROM ({best}) b JOIN results res "
        f"ON res.id = b.result_id "
        f"JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = b.athlete_id "
        f"LEFT JOIN competitions c ON c.id = r.competition_id ORDER BY res.mark_value {_order(q, e.id)}",
        (e.id, year)).fetchall()
    rows = _to_nth(rows, nth, limit)
    if not rows:
        return q.unknown("world_lead", f"I have no {event_words(e.code, e.sex)} marks in {year}.")
    top = rows[0]
    gap = _gap(q, e, rows[-1][1] if len(rows) >= 10 else None, year)
    if gap is None:
        q.assumptions.append(f"From World Athletics' senior all-time list, which has every mark down to "
                             f"{fmt_value(_toplist(q, e).cutoff, e.code)}, and championship and meeting results.")
    uncertain = gap is not None and bool(_gap(q, e, top[1], year))
    if uncertain:
        q.assumptions.append(f"{gap}, so this may not be the season's best mark.")
    elif gap is not None:
        q.assumptions.append(f"{gap}, so the list may miss athletes below that.")
    what = f"The {year} {event_words(e.code, e.sex)}{' indoor' if indoor else ''} world lead"
    if uncertain:
        # the season is past the end of the list: the best mark I have is no world lead I can vouch for
        what = f"The best {year} {event_words(e.code, e.sex)}{' indoor' if indoor else ''} mark I have " \
               f"(not necessarily the world lead)"
    out = _ranked(rows)
    level = [t for t in rows if t[1] == top[1]]
    if len(level) > 1:
        # a shared lead names everyone on it ("fastest 100 of 2023": three men ran 9.83)
        headline = f"{what} is {_i(top)}, shared by {and_list([with_nation(t[3], t[4]) for t in level])}."
    else:
        headline = f"{what} is {_i(top)} by {with_nation(top[3], top[4])}, {_at(top)} on {fmt_date(top[6])}."
    if nth:
        listed = f"{year} {event_words(e.code, e.sex)}{' indoor' if indoor else ''}"
        headline = _nth_headline(nth, out, rows, listed) or \
            f"My {listed} list has only {len(rows)} athletes: no {place_words(nth)}. {headline}"
    return q.answered("world_lead", headline, out, entities={"year": year})


def _ranked(rows: list[tuple]) -> list[Row]:
    """Rows of a list in order, each placed by its rank in the list (equal marks share one), not by its
    place in the race it came from."""
    out: list[Row] = []
    for k, t in enumerate(rows):
        r = _row(t)
        # a rank in the list: no race's place, so no race's round
        r.place, r.round = (out[-1].place if out and t[1] == rows[k - 1][1] else k + 1), None
        out.append(r)
    return out


def profile(q: Query) -> Answer:
    if len(q.people) > 1:
        return _profiles(q)
    person = q.people[0]
    a = q.conn.execute("SELECT name, sex, nationality, birth_date, birth_year FROM athletes WHERE id = ?",
                       (person.id,)).fetchone()
    name, sex, nat, bd, by = a
    bits = []
    if nat:
        bits.append(nat)
    if bd:
        # An age says the athlete is alive, which no source tells: given only for those competing in the last
        # ten years (Prefontaine, born 1951, is not "age 75")
        last = q.conn.execute("SELECT max(r.date) FROM results x JOIN races r ON r.id = x.race_id "
                              "WHERE x.athlete_id = ?", (person.id,)).fetchone()[0]
        since = years_between(last, q.today)
        recent = since is not None and since < 10
        bits.append(f"born {fmt_date(bd)}" + (f" (age {years_between(bd, q.today)})" if recent else ""))
    elif by:
        bits.append(f"born {by}")
    pbs = _all_bests(q)
    medals = athlete_medals(q, person.id, GLOBAL_CHAMPIONSHIPS)
    golds = sum(1 for m in medals if m[4] == 1)
    # read along records_lookup (kind, region, event), the order the headline names them in: `+` keeps SQLite
    # off records_athlete, which would order them by event
    recs = q.conn.execute("SELECT DISTINCT rec.kind, rec.region, e.code FROM records rec JOIN events e ON "
                          "e.id = rec.event_id WHERE +rec.athlete_id = ? AND rec.current = 1 AND rec.kind IN "
                          "('world', 'olympic', 'area', 'national')", (person.id,)).fetchall()
    medal_text = f"; {len(medals)} Olympic/World medals ({golds} gold)" if medals else ""
    rec_text = ""
    if recs:
        from bot.ask.catalogue import record_words
        rec_text = "; holds the " + ", ".join(f"{ev.get(c).name} {record_words(k, r)}" for k, r, c in recs[:4])
    pb_text = ""
    if pbs.rows:
        pb_text = "; best marks: " + ", ".join(  # every best names its event (_all_bests)
            f"{ev.get(r.event).name} {r.mark}{'i' if 'indoor' in (r.note or '') else ''}" for r in pbs.rows[:4]
            if r.event)
    q.sex = sex
    headline = f"{name}: {', '.join(bits)}{pb_text}{medal_text}{rec_text}."
    if "nation" in q.parsed.cues and nat:   # "which nation does warholm represent": the answer first
        headline = f"{name} represents {countries.country_name(nat) or nat} ({nat}). {headline}"
    return q.answered("profile", headline, pbs.rows, entities={"event": None})


def _profiles(q: Query) -> Answer:
    """Two athletes or more named ("when were de grasse and duplantis born"): each one's profile, never the
    first alone; asked about birthdays, their birth dates side by side, and whether the day of the year is one."""
    people = list(q.people)
    answers = []
    for person in people:
        q.people = [person]
        answers.append(profile(q))
    q.people = people
    rows = [r for a in answers for r in a.rows]
    if "born" in q.parsed.cues:
        born = [(p.name, q.conn.execute("SELECT birth_date FROM athletes WHERE id = ?", (p.id,)).fetchone()[0])
                for p in people]
        said = [f"{name} on {fmt_date(bd)}" if bd and len(bd) >= 10 else f"{name}: no birth date on file"
                for name, bd in born]
        days = {bd[5:10] for _, bd in born if bd and len(bd) >= 10}
        same = ""
        if all(bd and len(bd) >= 10 for _, bd in born):
            same = " The same day of the year." if len(days) == 1 else " Not the same day of the year."
            if len(born) == 2 and born[0][1] != born[1][1] and {"older", "younger"} & q.parsed.cues:
                # "whos older kerr or ingebrigtsen": the elder (or the younger, as asked), and by how much
                (old, first), (young, second) = sorted(born, key=lambda b: b[1])
                gap = (dt.date.fromisoformat(second[:10]) - dt.date.fromisoformat(first[:10])).days
                who = f"{young} is younger" if "younger" in q.parsed.cues else f"{old} is older"
                same = f" {who}, by {duration(gap)}."
        return q.answered("profile", f"Born: {and_list(said)}.{same}", rows, entities={"event": None})
    return q.answered("profile", " ".join(a.headline for a in answers), rows, entities={"event": None})


def _threshold_value(q: Query, e: EventRow) -> float | None:
    p = q.parsed
    if p.threshold is None:  # the count and threshold intents come with one (understand._intent)
        return None
    wr = q.conn.execute("SELECT min(mark_value), max(mark_value) FROM records WHERE kind = 'world' AND event_id = ? "
                        "AND current = 1", (e.id,)).fetchone()
    ref = (wr[0] if e.lower_is_better else wr[1]) if wr else None
    return parse_threshold(p.threshold, e.code, ref)


def count(q: Query) -> Answer:
    """How many legal marks an athlete has at least as good as a barrier: under a time ("sub 4", "broken 13
    seconds"), or at or beyond a distance or height ("cleared 6 metres": a clearance of 6.00 counts). One per
    day and mark (two sources of one race are one mark); indoors and out unless the question says which; in one
    season when it names a year."""
    person = q.people[0]
    if q.event is None:
        return q.unknown("count", "Which event?")
    e = q.cat.event(q.event, person.sex)
    q.sex = person.sex
    value = _threshold_value(q, e) if e else None
    if e is None or value is None:
        return q.unknown("count", f"I could not read “{q.parsed.threshold}” as a mark in that event.")
    if q.parsed.meet is not None or q.parsed.meet_by_city is not None:
        return _count_at_meet(q, person, e, value)
    cmp = "<" if e.lower_is_better else ">="
    where = f"res.athlete_id = ? AND r.event_id = ? AND res.mark_value {cmp} ? AND {VALID} "
    args: list = [person.id, e.id, value]
    if q.parsed.indoor is not None:
        where += "AND r.indoor = ? "
        args.append(int(q.parsed.indoor))
    seasons, year = _seasons(q)
    if seasons:
        where += f"AND {seasons[0]} "
        args += seasons[1]
    if seasons and not q.conn.execute(
            "SELECT 1 FROM results res JOIN races r ON r.id = res.race_id WHERE res.athlete_id = ? AND r.event_id = ? "
            f"AND {seasons[0]} LIMIT 1", (person.id, e.id, *seasons[1])).fetchone():
        # a season with no result of theirs is no season of theirs: said, not counted as none
        return q.unknown("count", f"I have no {event_words(q.event, person.sex)} results by {person.name}"
                                  f"{q.when()}.", [])
    legal = _one_a_day(q.conn.execute(_SELECT + f"WHERE {where} AND {LEGAL} ORDER BY r.date", args).fetchall())
    out = [_row(t) for t in legal.values()]
    aided = _one_a_day(q.conn.execute(_SELECT + f"WHERE {where} AND res.mark_value IS NOT NULL AND NOT ({LEGAL}) "
                                                f"ORDER BY r.date", args).fetchall())
    aided = {k: t for k, t in aided.items() if k not in legal}
    limit = fmt_value(value, e.code)
    barrier = f"under {limit}" if e.lower_is_better else f"of {limit} or better"
    gap = _gap(q, e, value, year)
    said = {True: "indoors", False: "outdoors", None: "indoors and out"}[q.parsed.indoor]
    q.assumptions.append(f"{gap}, so the true number may be higher." if gap else _complete(q, e, said))
    if not e.lower_is_better:
        q.assumptions.append("One mark per competition: the other throws or jumps of a series are not results of "
                             "their own (data/SOURCES.md).")
    if aided:
        q.assumptions.append(f"Not counted: {len(aided)} wind-aided mark{'s' if len(aided) != 1 else ''} "
                             f"(wind over +2.0 m/s).")
    kind = {True: "indoor ", False: "outdoor ", None: ""}[q.parsed.indoor]
    indoors = sum(1 for r in out if r.note and "indoor" in r.note)
    split = f" ({indoors} indoors)" if q.parsed.indoor is None and indoors else ""
    when = q.when()
    headline = (f"{person.name} has {'at least ' if gap and out else ''}{len(out)} legal {kind}"
                f"{event_words(q.event, person.sex).split(' ', 1)[1]} mark{'s' if len(out) != 1 else ''} {barrier}"
                f"{when} in my data{split}.")
    dated = [r for r in out if r.date]
    if "when" in q.parsed.cues and dated:
        # "when did bannister break 4 minutes": the first time, then how often
        first = min(dated, key=lambda r: r.date or "")
        where = f" in {first.venue}" if first.venue else ""
        headline = (f"{person.name} first went {barrier} in the {event_words(q.event, person.sex).split(' ', 1)[1]}"
                    f" on {fmt_date(first.date)}{where}: {first.mark}. " + headline)
    return q.answered("count", headline, out, entities={"mark": limit, "count": len(out)})


def _seasons(q: Query) -> tuple[tuple[str, list[str]] | None, int | None]:
    """The years asked as a condition on a race's date and its arguments, and the last of them (whether World
    Athletics' list reaches it: _gap); (None, None) for every year."""
    got = q.seasons()
    if got is None:
        return None, None
    return ("substr(r.date, 1, 4) BETWEEN ? AND ?", [str(got[0]), str(got[1])]), got[1]


def _count_at_meet(q: Query, person: Person, e: EventRow, value: float) -> Answer:
    """"did lavillenie clear 6.03 in rio", "how many times did duplantis clear 6m at pre": that meeting's marks,
    not the career's (every edition when the meeting is named without a year, not by its city): yes or no with
    the marks past the barrier (each with its round), or how many; with no mark past it, their best there."""
    p = q.parsed
    if p.year is None and p.meet_by_city is None and p.meet is not None:
        comps = sorted((c for (sid, _y), cs in q.cat.competitions.items() if sid == p.meet for c in cs),
                       key=lambda c: c.year)
        at = f"the {q.cat.series_name(p.meet)}"
    else:
        comps, problem = competitions_for(q)
        if problem:
            return problem
        at = competition_words(comps[0], q.cat) if comps else "that meeting"
    what = event_words(e.code, e.sex).split(" ", 1)[1]
    marks = ",".join("?" * len(comps))
    rows = q.conn.execute(_SELECT + f"WHERE res.athlete_id = ? AND r.event_id = ? AND r.competition_id IN ({marks}) "
                          f"AND res.mark_value IS NOT NULL ORDER BY r.date", (person.id, e.id, *[c.id for c in comps])
                          ).fetchall() if comps else []
    if not rows:
        return q.unknown("count", f"I have no {what} mark by {person.name} at {at}.", [])
    past = [t for t in rows if (t[1] < value if e.lower_is_better else t[1] >= value)]
    limit = fmt_value(value, e.code)
    barrier = f"under {limit}" if e.lower_is_better else f"{limit} or better"
    out = [_row(t) for t in (past or rows)]
    yes_no = "yesno" in p.cues
    if past:
        said = and_list([f"{r.mark} ({r.round or 'final'}{', ' + fmt_date(r.date) if len(comps) > 1 else ''})"
                         for r in out[:8]]) + (" …" if len(out) > 8 else "")
        times = f"{len(past)} time{'s' if len(past) != 1 else ''}"
        headline = (f"Yes: {person.name} went {barrier} in the {what} at {at}: {said}." if yes_no else
                    f"{person.name} went {barrier} in the {what} at {at} {times}: {said}.")
    else:
        best = min(rows, key=lambda t: t[1] if e.lower_is_better else -t[1])
        row = _row(best)
        place = f", {place_words(row.place)}{' in ' + row.round if row.round else ''}" if row.place else ""
        when = f" (in {row.date[:4]})" if len(comps) > 1 and row.date else ""
        headline = (f"{'No: ' if yes_no else f'Never at {at}: '}{person.name}'s best {what} at {at} was "
                    f"{row.mark}{when}{place}, not {barrier}.")
    return q.answered("count", headline, out, entities={"mark": limit, "count": len(past)})


def _one_a_day(rows: list[tuple]) -> dict[tuple, tuple]:
    """A mark once per day (the same race from two sources), in date order."""
    out: dict[tuple, tuple] = {}
    for t in rows:
        out.setdefault((t[6], round(t[1], 2)), t)
    return out


def threshold(q: Query) -> Answer:
    e = q.require_event("threshold", "how many men have broken 3:30 in the 1500")
    if isinstance(e, Answer):
        return e
    value = _threshold_value(q, e)
    if value is None:
        return q.unknown("threshold", f"I could not read “{q.parsed.threshold}” as a mark in that event.")
    got = q.seasons()
    year = got[1] if got else None
    if got is not None and not q.conn.execute("SELECT 1 FROM season_bests WHERE event_id = ? AND year BETWEEN ? AND ? "
                                              "LIMIT 1", (e.id, *got)).fetchone():
        # a season with no marks of that event ("... in 1700", a season to come) is said, not counted as none
        return q.unknown("threshold", f"I have no {event_words(e.code, e.sex)} marks{q.when()}.", [])
    if q.parsed.meet:
        # "... in the paris 1500 final": counted within that race, not all time
        return threshold_in_races(q, e, value, lambda year: _gap(q, e, value, year))
    if "times" in q.parsed.cues:
        return _times_beyond(q, e, value)
    if q.parsed.indoor is not None:
        return _athletes_beyond_in(q, e, value, q.parsed.indoor)
    key = value if e.lower_is_better else -value
    beats = "<" if e.lower_is_better else "<="   # a clearance of 6.00 has gone 6 metres; a 10.00 is not sub-10
    nation = q.parsed.nation
    # "how many men broke 13 in the 5000 in 2024": that season's bests, else the career bests
    table, table_args = nation_bests(e.id, nation, got is not None)
    people = ("AND b.year BETWEEN ? AND ? " if got is not None else "") + "AND p.is_team = 0"
    args = (*table_args, e.id, key, *(got or ()))
    total = q.conn.execute(f"SELECT count(DISTINCT b.athlete_id) FROM {table} b JOIN athletes p ON p.id = b.athlete_id "
                           f"WHERE b.event_id = ? AND b.rank_value {beats} ? {people}", args).fetchone()[0]
    best = (f"SELECT b.athlete_id, min(b.rank_value), b.result_id FROM {table} b JOIN athletes p ON p.id = b.athlete_id "
            f"WHERE b.event_id = ? AND b.rank_value {beats} ? {people} GROUP BY b.athlete_id ORDER BY 2 LIMIT 25")
    rows = q.conn.execute(
        f"SELECT a.name, {MARK_NATION}, a.id, res.mark_value, res.mark, r.date, r.venue, r.indoor, res.source_id "
        f"FROM ({best}) b JOIN results res ON res.id = b.result_id JOIN races r ON r.id = res.race_id "
        f"JOIN athletes a ON a.id = b.athlete_id ORDER BY 4 {_order(q, e.id)}", args).fetchall()
    first = _first_beyond(q, e, key, nation, beats) if got is None else None
    limit = fmt_value(value, e.code)
    word = "under" if e.lower_is_better else "to or beyond"
    out = [Row(athlete=n, mark=m, nationality=nat, date=d, venue=v, athlete_id=aid, source=s, place=k + 1,
               note="indoor" if i else None) for k, (n, nat, aid, _v, m, d, v, i, s) in enumerate(rows)]
    first_txt = f" The first was {first.athlete}, {first.mark} on {fmt_date(first.date)}." if first else ""
    if not total:   # "has anyone long jumped 9m": no one, and how near anyone came
        top = q.conn.execute(
            f"SELECT a.name, res.mark, r.date FROM {table} b JOIN athletes p ON p.id = b.athlete_id JOIN results res "
            f"ON res.id = b.result_id JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = b.athlete_id "
            f"WHERE b.event_id = ? {people} ORDER BY b.rank_value LIMIT 1",
            (*table_args, e.id, *(got or ()))).fetchone()
        if top:
            first_txt = f" The best is {top[1]} by {top[0]}" + (f" ({top[2][:4]})." if top[2] else ".")
    gap = _gap(q, e, value, year)
    q.assumptions.append(f"{gap}, so the true number may be higher." if gap else _complete(q, e))
    headline = (f"{'At least ' if gap and total else ''}{total} {_who(e.sex, total)}{_of(nation)} "
                f"{'has' if total == 1 else 'have'} {'run' if e.lower_is_better else 'gone'} {word} {limit} in the "
                f"{event_words(e.code, e.sex).split(' ', 1)[1]}{q.when()} in my data.{first_txt}")
    return q.answered("threshold", headline, out, entities={"mark": limit, "count": total})


def _beyond_where(q: Query, e: EventRow, value: float, indoor: bool | None) -> tuple[str, list]:
    """The legal marks of the event beyond a barrier, of the question's season, nation and (when said) indoors
    or out: a WHERE clause over _SELECT and its arguments."""
    where = f"r.event_id = ? AND res.mark_value {'<' if e.lower_is_better else '>='} ? AND a.is_team = 0 AND {LEGAL}"
    args: list = [e.id, value]
    seasons, _ = _seasons(q)
    if seasons:
        where += f" AND {seasons[0]}"
        args += seasons[1]
    if q.parsed.nation:
        where += f" AND {MARK_NATION} = ?"
        args.append(q.parsed.nation)
    if indoor is not None:
        where += " AND r.indoor = ?"
        args.append(int(indoor))
    return where, args


def _athletes_beyond_in(q: Query, e: EventRow, value: float, indoor: bool) -> Answer:
    """How many athletes have gone beyond a barrier indoors, or outdoors ("... in the 1500 outdoors"): from
    their legal marks of that kind (the bests tables keep one best an athlete wherever it was set)."""
    (_, year), nation = _seasons(q), q.parsed.nation
    where, args = _beyond_where(q, e, value, indoor)
    best: dict[int, tuple] = {}
    first = None
    for t in q.conn.execute(_SELECT + f"WHERE {where} ORDER BY r.date", args):
        first = first or t
        if t[5] not in best or (t[1] < best[t[5]][1] if e.lower_is_better else t[1] > best[t[5]][1]):
            best[t[5]] = t
    rows = sorted(best.values(), key=lambda t: t[1] if e.lower_is_better else -t[1])
    total = len(rows)
    where_words = "indoors" if indoor else "outdoors"
    gap = _gap(q, e, value, year)
    q.assumptions.append(f"{gap}, so the true number may be higher." if gap else
                         _complete(q, e, f"{where_words} only"))
    first_txt = f" The first was {first[3]}, {first[0]} on {fmt_date(first[6])}." if first and year is None else ""
    headline = (f"{'At least ' if gap and total else ''}{total} {_who(e.sex, total)}{_of(nation)} "
                f"{'has' if total == 1 else 'have'} {'run' if e.lower_is_better else 'gone'} "
                f"{'under' if e.lower_is_better else 'to or beyond'} {fmt_value(value, e.code)} {where_words} in the "
                f"{event_words(e.code, e.sex).split(' ', 1)[1]}{q.when()} in my data.{first_txt}")
    out = [_row(t) for t in rows[:25]]
    for k, r in enumerate(out):
        r.place, r.round = k + 1, None   # a rank in the list, not a race's place
    return q.answered("threshold", headline, out, entities={"mark": fmt_value(value, e.code), "count": total,
                                                            "indoor": indoor})


def _who(sex: str, n: int) -> str:
    return {"M": ("man", "men"), "W": ("woman", "women")}[sex][n != 1]


def _of(nation: str | None) -> str:
    """" of Kenya (KEN)" for a count of one nation's athletes."""
    return f" of {countries.country_name(nation) or nation} ({nation})" if nation else ""


def _times_beyond(q: Query, e: EventRow, value: float) -> Answer:
    """How many times anyone has gone beyond a barrier ("how many times has a woman broken 3:50"): every legal
    mark, one per athlete a day (two sources of one race are one mark), the best first, with who ran them."""
    (_, year), nation = _seasons(q), q.parsed.nation
    where, args = _beyond_where(q, e, value, q.parsed.indoor)
    rows: dict[tuple, tuple] = {}
    for t in q.conn.execute(_SELECT + f"WHERE {where} ORDER BY r.date", args).fetchall():
        rows.setdefault((t[5], t[6], round(t[1], 2)), t)
    marks_ = sorted(rows.values(), key=lambda t: t[1] if e.lower_is_better else -t[1])
    by: dict[str, int] = {}
    for t in marks_:
        by[t[3]] = by.get(t[3], 0) + 1
    limit = fmt_value(value, e.code)
    gap = _gap(q, e, value, year)
    q.assumptions.append(f"{gap}, so the true number may be higher." if gap else _complete(q, e))
    n = len(marks_)
    people = _who(e.sex, len(by))
    if len(by) == 1:
        who = f", all by {next(iter(by))}" if n > 1 else f", by {next(iter(by))}"
    elif by:
        top, most = max(by.items(), key=lambda kv: kv[1])
        who = f", by {len(by)} {people} (most: {top}, {most})"
    else:
        who = ""
    verb = "run" if e.lower_is_better else "gone"
    word = "under" if e.lower_is_better else "to or beyond"
    if "most" in q.parsed.cues and by:
        # "who has run the most sub-10s": the athletes by their number of such marks
        ranked = sorted(by.items(), key=lambda kv: -kv[1])
        top_n = ranked[0][1]
        leaders = [name for name, k in ranked if k == top_n]
        first_mark = {t[3]: t for t in sorted(rows.values(), key=lambda t: t[6] or "")}
        out: list[Row] = []
        for k, (name, count) in enumerate(ranked[:15]):
            t = first_mark[name]
            place = k + 1 if not out or count != ranked[k - 1][1] else out[-1].place
            out.append(Row(athlete=name, mark=None, nationality=t[4], athlete_id=t[5], place=place,
                           note=f"{count} time{'s' if count != 1 else ''}"))
        headline = (f"The most marks {word} {limit} in the {event_words(e.code, e.sex).split(' ', 1)[1]}"
                    f"{q.when()} in my data: {and_list(leaders)}, "
                    f"{'at least ' if gap else ''}{top_n}{' each' if len(leaders) > 1 else ''}.")
        return q.answered("threshold", headline, out, entities={"mark": limit, "count": top_n})
    headline = (f"{_who(e.sex, 2).capitalize()}{_of(nation)} have {verb} {word} {limit} in the "
                f"{event_words(e.code, e.sex).split(' ', 1)[1]}{q.when()} "
                f"{'at least ' if gap and n else ''}{n} time{'s' if n != 1 else ''} in my data{who}.")
    return q.answered("threshold", headline, [_row(t) for t in marks_[:25]], entities={"mark": limit, "count": n})


def _toplist(q: Query, e: EventRow):
    return q.cat.coverage.toplist(q.conn, e.id, e.lower_is_better)


def _gap(q: Query, e: EventRow, value: float | None, year: int | None = None) -> str | None:
    """Why marks of this event as good as value (in that year) may be missing from my data; None when World
    Athletics' senior all-time list has them all (coverage.py)."""
    tl = _toplist(q, e)
    name = event_words(e.code, e.sex)
    if tl is None:
        return f"My sources have no all-time list of the {name}: only championship, meeting and record marks"
    if not tl.covers_year(year if year is not None else q.today.year):
        return (f"World Athletics' all-time list of the {name} in my sources ends on {fmt_date(tl.latest)}: later "
                f"marks are only those from championships and meetings")
    if value is None or not tl.covers(value, e.lower_is_better):
        return (f"World Athletics' all-time list of the {name} goes down to {fmt_value(tl.cutoff, e.code)}: marks "
                f"beyond it are only those from championships and meetings")
    return None


def _complete(q: Query, e: EventRow, said: str = "indoors and out") -> str:
    tl = _toplist(q, e)
    assert tl is not None   # _gap said the list has every such mark
    return (f"Counted from every legal mark, {said}: World Athletics' senior all-time list of the "
            f"{event_words(e.code, e.sex)} has every mark down to {fmt_value(tl.cutoff, e.code)}.")


def _first_beyond(q: Query, e, key: float, nation: str | None, beats: str = "<") -> Row | None:
    """The earliest mark beyond the threshold: found in the first season anyone got there."""
    table, table_args = nation_bests(e.id, nation, True)
    got = q.conn.execute(f"SELECT min(sb.year) FROM {table} sb WHERE sb.event_id = ? AND sb.rank_value {beats} ?",
                         (*table_args, e.id, key)).fetchone()
    if not got or got[0] is None:
        return None
    value_sql = "res.mark_value" if e.lower_is_better else "-res.mark_value"
    row = q.conn.execute(
        f"SELECT a.name, {MARK_NATION}, a.id, res.mark, r.date, r.venue, res.source_id FROM races r "
        f"JOIN results res ON res.race_id = r.id JOIN athletes a ON a.id = res.athlete_id "
        f"WHERE r.event_id = ? AND r.date >= ? AND r.date < ? AND {value_sql} {beats} ? AND {LEGAL} "
        f"{f'AND {MARK_NATION} = ?' if nation else ''} ORDER BY r.date LIMIT 1",
        (e.id, f"{got[0]}", f"{got[0] + 1}", key, *([nation] if nation else []))).fetchone()
    if row is None:
        return None
    return Row(athlete=row[0], mark=row[3], nationality=row[1], date=row[4], venue=row[5], athlete_id=row[2],
               source=row[6])


def all_time(q: Query) -> Answer:
    e = q.require_event("all_time", "fastest women's 800 ever")
    if isinstance(e, Answer):
        return e
    age = next((int(c[5:]) for c in q.parsed.cues if c.startswith("aged:")), None)
    if age is not None:
        return _best_at_age(q, e, age)
    # Indoor and outdoor marks together, as the all-time lists have them, unless the question says which
    indoor = q.parsed.indoor
    nth = _nth_asked(q)   # "2nd fastest woman ever"
    limit = max(q.parsed.limit or 10, nth or 0)
    nation = q.parsed.nation
    # "3rd fastest 200 time ever": the list of every performance; "3rd fastest man ever": one per athlete
    every = "performances" in q.parsed.cues
    listed = _performances if every else _one_per_athlete
    rows = _to_nth(listed(q, e, indoor, nation, None, limit + (20 if nth else 0)), nth, limit)
    if not rows:
        return q.unknown("all_time", f"I have no {event_words(e.code, e.sex)} marks.")
    out = _ranked(rows)
    top = out[0]
    adj = f"{nation} " if nation else ""
    which = {None: "", True: " indoor", False: " outdoor"}[indoor]
    kind = "every performance" if every else f"one mark per {'team' if _teams(e) else 'athlete'}"
    level = [r for r, t in zip(out, rows, strict=True) if t[1] == rows[0][1]]
    leaders = and_list([f"{with_nation(r.athlete, r.nationality)} ({fmt_date(r.date)})" for r in level])
    headline = (f"All-time {adj}{event_words(e.code, e.sex)}{which} list ({kind}): "
                f"1. {leaders if len(level) > 1 else with_nation(top.athlete, top.nationality)} {_i(rows[0])}"
                f"{'' if len(level) > 1 else f' ({fmt_date(top.date)})'}.")
    if nth:
        headline = _nth_headline(nth, out, rows, f"all-time {adj}{event_words(e.code, e.sex)}{which}",
                                 kind) or headline
    return q.answered("all_time", headline, out, entities={"limit": limit})


# Age in whole years on the race's day, from the birth date on file
_AGE_SQL = ("(CAST(substr(r.date, 1, 4) AS INTEGER) - CAST(substr(a.birth_date, 1, 4) AS INTEGER) "
            "- (substr(r.date, 6, 5) < substr(a.birth_date, 6, 5)))")


def _best_at_age(q: Query, e: EventRow, age: int) -> Answer:
    """"best 1500 by a 17 year old": each athlete's best mark set at that age (whole years on the day, from the
    birth date on file), best first; athletes with no birth date on file cannot count, and the answer says so."""
    sign = "" if e.lower_is_better else "-"
    io = "" if q.parsed.indoor is None else f"AND r.indoor = {int(q.parsed.indoor)} "
    rows = q.conn.execute(
        f"SELECT res.mark, res.mark_value, res.wind, a.name, {MARK_NATION}, a.id, r.date, r.venue, c.name, "
        f"res.source_id, r.indoor, NULL, NULL, NULL FROM results res JOIN races r ON r.id = res.race_id "
        f"JOIN athletes a ON a.id = res.athlete_id LEFT JOIN competitions c ON c.id = r.competition_id "
        f"WHERE {LEGAL_RESULT} AND a.is_team = 0 AND r.event_id = ? AND r.date IS NOT NULL "
        f"AND length(a.birth_date) = 10 AND {_AGE_SQL} = ? {io}"
        f"ORDER BY {sign}res.mark_value, r.date", (e.id, age)).fetchall()
    best: dict[int, tuple] = {}
    for t in rows:
        best.setdefault(t[5], t)   # one mark per athlete, their best at that age
    top = list(best.values())[:q.parsed.limit or 10]
    article = "an" if str(age).startswith("8") or age in (11, 18) else "a"
    what = f"{event_words(e.code, e.sex)} by {article} {age}-year-old"
    if not top:
        return q.unknown("all_time", f"I have no {what} on file (an age needs a birth date on file).", [])
    q.assumptions.append(f"Age on the day of the race, from the birth dates on file: athletes with no birth date "
                         f"are left out, and my marks stop at the toplists' cut-off, so this is the best {what} "
                         f"on file, not an official age best.")
    out = _ranked(top)
    lead = out[0]
    headline = (f"The best {what} on file is {_i(top[0])} by {with_nation(lead.athlete, lead.nationality)} "
                f"({fmt_date(lead.date)}{', ' + lead.competition if lead.competition else ''}).")
    return q.answered("all_time", headline, out, entities={"age": age})


def _nth_asked(q: Query) -> int | None:
    """The place asked on a list ("3rd furthest", "second fastest"); the first is the list's top, not an Nth."""
    return q.parsed.place if q.parsed.place and q.parsed.place > 1 else None


def _to_nth(rows: list[tuple], nth: int | None, limit: int) -> list[tuple]:
    """A list's first `limit` rows, read with some to spare when a place is asked: when the rank asked ends in
    a tie, everyone level with the last row asked for is there too."""
    if nth and len(rows) > limit:
        return [t for k, t in enumerate(rows) if k < limit or t[1] == rows[limit - 1][1]]
    return rows


def _list_where(event_id: int, indoor: bool | None, nation: str | None, year: int | None) -> tuple[str, str, list]:
    """The table, WHERE clause and arguments (the table's first) of a list with one mark per athlete: all time,
    or a season's."""
    table, args = nation_bests(event_id, nation, year is not None)
    where = "" if indoor is None else f"AND b.indoor = {int(indoor)} "
    if year is not None:
        where += "AND b.year = ? "
        args.append(year)
    return table, where, args


def _teams(e: EventRow) -> int:
    """The is_team a list's rows must have: a relay's list is of teams, every other list of athletes."""
    return int(ev.get(e.code).kind == ev.RELAY)


def _one_per_athlete(q: Query, e: EventRow, indoor: bool | None, nation: str | None, year: int | None,
                     limit: int, offset: int = 0) -> list[tuple]:
    """Each athlete's (a relay's: each team's) best mark of the event (all time, or in a season), best first:
    the rows of a list."""
    table, where, args = _list_where(e.id, indoor, nation, year)
    best = (f"SELECT b.athlete_id, min(b.rank_value) AS rank_value, b.result_id FROM {table} b "
            f"JOIN athletes p ON p.id = b.athlete_id WHERE p.is_team = {_teams(e)} AND b.event_id = {e.id} {where}"
            f"GROUP BY b.athlete_id ORDER BY 2 LIMIT ? OFFSET ?")
    return q.conn.execute(
        f"SELECT res.mark, res.mark_value, res.wind, a.name, {MARK_NATION}, a.id, r.date, r.venue, c.name, "
        f"res.source_id, r.indoor, NULL, NULL, NULL FROM ({best}) b JOIN results res ON res.id = b.result_id "
        f"JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = b.athlete_id "
        f"LEFT JOIN competitions c ON c.id = r.competition_id ORDER BY b.rank_value",
        (*args, limit, offset)).fetchall()


def _performances(q: Query, e: EventRow, indoor: bool | None, nation: str | None, year: int | None,
                  limit: int) -> list[tuple]:
    """Every legal mark of the event, best first (an athlete may appear many times): the performance list.
    A race two sources hold is one performance."""
    where = f"r.event_id = ? AND a.is_team = {_teams(e)} AND r.date IS NOT NULL AND {LEGAL_RESULT} "
    args: list = [e.id]
    if indoor is not None:
        where += "AND r.indoor = ? "
        args.append(int(indoor))
    if nation:
        where += f"AND {MARK_NATION} = ? "
        args.append(nation)
    if year is not None:
        where += "AND substr(r.date, 1, 4) = ? "
        args.append(str(year))
    rows = q.conn.execute(_SELECT + f"WHERE {where} ORDER BY res.mark_value {_order(q, e.id)}, r.date "
                                    f"LIMIT {limit * 4}", args).fetchall()
    seen: dict[tuple, tuple] = {}
    for t in rows:
        seen.setdefault((t[5], t[6], round(t[1], 2)), t)
    return list(seen.values())[:limit]


def list_rank(q: Query) -> Answer:
    """Where an athlete stands on the all-time list of an event (or a season's list, with a year): their best
    mark, how many athletes are ahead, and the list around them. "World ranking" (ranking points) is not in my
    data: the list by best mark is what is answered, and said so."""
    person = q.people[0]
    if q.event is None:
        return q.unknown("rank", f"Which event for {person.name}? For example “{person.name.split()[-1].lower()} "
                                 f"rank all time 1500”.")
    e = q.cat.event(q.event, person.sex)
    if e is None:
        return q.unknown("rank", f"I don't know the {q.event} for {person.name}.")
    q.sex = person.sex
    year, indoor = q.parsed.year, q.parsed.indoor
    if "wrank" in q.parsed.cues:
        q.assumptions.append("World Athletics' ranking points are not in my data: this is the place on the list "
                             "by best mark.")
    table, where, args = _list_where(e.id, indoor, None, year)
    mine = q.conn.execute(f"SELECT min(b.rank_value) FROM {table} b JOIN athletes p ON p.id = b.athlete_id "
                          f"WHERE b.event_id = ? AND b.athlete_id = ? {where}", (e.id, person.id, *args)).fetchone()
    what = f"{year} " if year else "all-time "
    what += event_words(e.code, e.sex) + {None: "", True: " indoor", False: " outdoor"}[indoor]
    if not mine or mine[0] is None:
        return q.unknown("rank", f"I have no {event_words(e.code, e.sex)} marks for {person.name}"
                                 f"{f' in {year}' if year else ''}{' indoors' if indoor else ''}.")
    value = mine[0]
    ahead, level = q.conn.execute(
        f"SELECT sum(v < ?), sum(v = ?) - 1 FROM (SELECT min(b.rank_value) AS v FROM {table} b "
        f"JOIN athletes p ON p.id = b.athlete_id WHERE b.event_id = ? AND p.is_team = 0 {where}"
        f"GROUP BY b.athlete_id)", (value, value, e.id, *args)).fetchone()
    rank = (ahead or 0) + 1
    start = max(rank - 3, 0)
    rows = _one_per_athlete(q, e, indoor, None, year, rank + 2 + (level or 0) - start, start)
    out = _ranked(rows)
    for r in out:   # places in the window, counted from the top of the list
        r.place = (r.place or 0) + start
    first = out[0] if start == 0 else _ranked(_one_per_athlete(q, e, indoor, None, year, 1))[0]
    gap = _gap(q, e, -value if not e.lower_is_better else value, year)
    at_least = gap is not None and "goes down to" in gap
    mark = next((t for t in rows if t[5] == person.id), None)
    said = _i(mark) if mark else fmt_value(abs(value), e.code)
    place = f"{'at least ' if at_least else ''}{place_words(rank)}{' (shared)' if level else ''}"
    head = (f"{person.name} is {place} on the {what} list (one mark per athlete) with {said}"
            + (f" ({fmt_date(mark[6])})" if mark else "") + ".")
    if rank > 1:
        head += f" 1. {with_nation(first.athlete, first.nationality)} {first.mark}."
    if gap:
        q.assumptions.append(f"{gap}.")
    return q.answered("rank", head, out, entities={"rank": rank, "shared": bool(level), "at_least": at_least,
                                                     "year": year})


def _nth_headline(nth: int, out: list[Row], rows: list[tuple], what: str,
                  kind: str = "one mark per athlete") -> str | None:
    """The athlete at that rank of a list (all-time, or a season's), said first; a rank two athletes share is said so, and
    a rank no one holds alone (a tie just above it) names who is there."""
    if len(out) < nth:
        return None
    # no one at that rank alone (a tie just above it): everyone at the rank the nth row holds
    place = nth if any(r.place == nth for r in out) else out[nth - 1].place
    at = [(r, t) for r, t in zip(out, rows, strict=True) if r.place == place] or [(out[nth - 1], rows[nth - 1])]
    shared = len([r for r in out if r.place == at[0][0].place]) > 1
    who = and_list([f"{with_nation(r.athlete, r.nationality)} {_i(t)} ({fmt_date(r.date)})" for r, t in at])
    rank = place_words(at[0][0].place or nth)
    return (f"{rank}{' (shared)' if shared else ''} on the {what} list ({kind}): {who}; "
            f"1. {with_nation(out[0].athlete, out[0].nationality)} {_i(rows[0])}.")


def _meetings(q: Query, a, b) -> tuple[list[Row], int, int, int, str]:
    """The races both finished, each as a row of whoever was ahead (or of a, for a tie): (rows, a's wins, b's
    wins, ties, what was asked)."""
    ev_filter = ""
    args: list = [a.id, b.id]
    codes = list(dict.fromkeys(q.parsed.events)) or ([q.event] if q.event else [])
    if codes:
        ev_filter = f" AND e.code IN ({','.join('?' * len(codes))})"
        args += codes
    meets = list(dict.fromkeys(q.parsed.meets)) or ([q.parsed.meet] if q.parsed.meet else [])
    if not meets and "globalchamps" in q.parsed.cues and "dl" not in q.parsed.cues:
        meets = list(GLOBAL_CHAMPIONSHIPS)   # "kerr vs jakob at championships": the global ones, not every race
    if meets:   # "did hocker beat nuguse at pre 2025": the races at that meet ("olympic/world finals": both)
        ev_filter += f" AND c.series_id IN ({','.join('?' * len(meets))})"
        args += meets
    series_dl = "dl" in q.parsed.cues and not meets
    if series_dl:   # "kerr vs ingebrigtsen in the diamond league": its meetings (the same rule as DL wins)
        ev_filter += f" AND {DL_MEETING}"
    years = sorted(set(q.parsed.years))
    city = sorted(y for y, sid in q.parsed.city_years.items() if sid == q.parsed.meet)
    if not years and city:   # "in the budapest final": the editions held in that city
        years = city
    if years:   # "kerr vs jakob 2024": the races of that year
        ev_filter += f" AND substr(r.date, 1, 4) IN ({','.join('?' * len(years))})"
        args += [str(y) for y in years]
    if q.parsed.round:   # "in the final": that round only (a race with no round is a final)
        ev_filter += f" AND {ROUND_SQL} = ?"
        args.append(q.parsed.round)
    rows = q.conn.execute(
        f"SELECT r.id, r.date, e.code, e.sex, c.name, r.venue, ra.place, ra.mark, rb.place, rb.mark, ra.source_id, "
        f"{ROUND_SQL}, r.heat "
        f"FROM results ra JOIN results rb ON rb.race_id = ra.race_id JOIN races r ON r.id = ra.race_id "
        f"JOIN events e ON e.id = r.event_id LEFT JOIN competitions c ON c.id = r.competition_id "
        f"WHERE ra.athlete_id = ? AND rb.athlete_id = ? AND ra.status = 'OK' AND rb.status = 'OK' "
        f"AND ra.place IS NOT NULL AND rb.place IS NOT NULL AND instr(ra.flags, 'DOP') = 0 "
        # a race without a date (the 1980 Olympic 1500 m final) is placed by its meeting's last day, never first
        f"AND instr(rb.flags, 'DOP') = 0{ev_filter} ORDER BY coalesce(r.date, c.end_date, c.year || '-12-31'), "
        f"r.date IS NULL", args).fetchall()
    out, wins_a, wins_b, ties, seen = [], 0, 0, 0, set()
    for _rid, date, code, _sex, comp, venue, pa, ma, pb, mb, src, rnd, heat in rows:
        key = (date, code, rnd, heat)   # a semi-final and the final of one day are two races
        if key in seen:
            continue
        seen.add(key)
        if pa == pb:   # the same place (a shared 4th at 5.72): a tie, a win for neither
            ties += 1
            out.append(Row(athlete=a.name, mark=ma, place=pa, date=date, competition=comp, venue=venue, event=code,
                           athlete_id=a.id, source=src, round=round_words(rnd, heat),
                           note=f"tied with {b.name} (both {place_words(pa)}, {mb or 'no mark'})"))
            continue
        a_first = pa < pb
        if a_first:
            wins_a += 1
        else:
            wins_b += 1
        ahead, behind = (a, b) if a_first else (b, a)
        ahead_mark, behind_mark = (ma, mb) if a_first else (mb, ma)
        out.append(Row(athlete=ahead.name, mark=ahead_mark, place=min(pa, pb), date=date, competition=comp,
                       venue=venue, event=code, athlete_id=ahead.id, source=src, round=round_words(rnd, heat),
                       note=f"ahead of {behind.name} ({place_words(max(pa, pb))}, {behind_mark or 'no mark'})"))
    what = f" in the {and_list([ev.get(c).name for c in codes])}" if codes else ""
    if meets:
        what += " at the " + and_list([q.cat.series_name(m) for m in meets])
    if series_dl:
        what += " at Diamond League meetings"
    if years and not q.parsed.years:
        # the city's editions: the ones they met in ("in the tokyo final": 2021, not 1964 too)
        years = sorted({int(r.date[:4]) for r in out if r.date}) or years
    if years:
        what += q.when() if q.parsed.span else " in " + " and ".join(str(y) for y in years)
    if q.parsed.round:
        what += f" ({ROUND_WORDS.get(q.parsed.round, q.parsed.round)} only)"
    return out, wins_a, wins_b, ties, what


def head_to_head(q: Query) -> Answer:
    if len(q.people) > 2:
        return _against_one(q)
    a, b = q.people[0], q.people[1]
    out, wins_a, wins_b, ties, what = _meetings(q, a, b)
    if not out:
        return q.unknown("h2h", f"I have no race where both {a.name} and {b.name} finished{what}.")
    last = out[-1]
    races = f"{len(out)} race{'s' if len(out) != 1 else ''}"
    when = fmt_date(last.date) if last.date else f"the {ev.get(last.event or '').name} at the {last.competition}"
    tied = f" with {ties} tie{'s' if ties != 1 else ''}" if ties else ""
    latest = "tied" if last.note and last.note.startswith("tied") else f"{last.athlete} ahead"
    headline = (f"{a.name} vs {b.name}{what}: {a.name} {wins_a}–{wins_b} {b.name}{tied} in {races} both finished "
                f"in my data. Latest: {when}, {latest}.")
    if wins_a == wins_b:
        headline = headline.replace(f"{a.name} {wins_a}–{wins_b} {b.name}", f"level at {wins_a}–{wins_b}")
    return q.answered("h2h", headline, out, entities={"wins": {a.name: wins_a, b.name: wins_b}, "ties": ties})




def _against_one(q: Query) -> Answer:
    """Three athletes named: "who beat kerr more, ingebrigtsen or nuguse" asks each of the two joined by
    "or"/"and" against the one named apart, and is answered as that; any other three or more names are declined,
    never cut down to a pair the question did not ask about."""
    anchor = next((int(c.split(":")[1]) for c in q.parsed.cues if c.startswith("apart:")), None)
    if anchor is None or len(q.people) != 3:
        return q.unknown("h2h", f"A head-to-head compares two athletes, and you named {len(q.people)} "
                                f"({and_list([p.name for p in q.people])}): name two, or one against two others "
                                f"(“who beat kerr more, ingebrigtsen or nuguse”).", [])
    one = q.people[anchor]
    rows: list[Row] = []
    parts, wins = [], {}
    for other in [p for k, p in enumerate(q.people) if k != anchor]:
        out, w_other, w_one, ties, what = _meetings(q, other, one)
        rows += out
        wins[other.name] = {other.name: w_other, one.name: w_one}
        races = f"{len(out)} race{'s' if len(out) != 1 else ''}"
        tied = f" with {ties} tie{'s' if ties != 1 else ''}" if ties else ""
        parts.append(f"{other.name} {w_other}–{w_one} {one.name}{tied} in {races} both finished" if out
                     else f"{other.name} and {one.name} never both finished a race")
    if not rows:
        return q.unknown("h2h", f"I have no race{what} where {one.name} and any of the others both finished.")
    rows.sort(key=lambda r: r.date or "")
    headline = f"Against {one.name}{what}: " + "; ".join(parts) + " in my data."
    return q.answered("h2h", headline, rows, entities={"wins": wins, "against": one.name})


def recent_results(conn: sqlite3.Connection, athlete_id: int, limit: int = 5) -> list[tuple]:
    """An athlete's latest results, newest first (shown under a profile): date, event, mark, place, round,
    meet or venue, indoor."""
    return conn.execute(
        "SELECT r.date, e.code, res.mark, res.place, r.round, coalesce(c.name, r.venue), r.indoor "
        "FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id "
        "LEFT JOIN competitions c ON c.id = r.competition_id "
        "WHERE res.athlete_id = ? AND r.date IS NOT NULL ORDER BY r.date DESC, res.id DESC LIMIT ?",
        (athlete_id, limit)).fetchall()
