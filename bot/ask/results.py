"""Results at a meet: winner, podium, a given place, full results; championship medal counts.

A meet can hold several races of one event (the Bowerman Mile and a second mile, A and B races, rounds):
the main final is the final whose winner ran the best mark, and the answer names the others.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from bot.ask import lexicon as lx
from bot.ask.answer import Answer, Row
from bot.ask.catalogue import (
    RACE_WORDS,
    Competition,
    EventRow,
    Query,
    and_list,
    competition_words,
    event_words,
    fmt_date,
    fmt_value,
    place_words,
    record_words,
    venue_city,
    with_nation,
)
from bot.ask.fame import CHAMPIONSHIP_RESULTS
from bot.ask.per_file import kept
from bot.common import countries, marks, places
from bot.common import events as ev

MEDAL_EMOJI = {1: "gold", 2: "silver", 3: "bronze"}
# Results the sources mark as annulled for doping stay in the database (traceable) but are never an answer.
VALID = "res.status = 'OK' AND instr(res.flags, 'DOP') = 0"
# a legal mark: valid, with a value, not wind-assisted
LEGAL = f"{VALID} AND res.mark_value IS NOT NULL AND instr(res.flags, 'w') = 0 AND (res.wind IS NULL OR res.wind <= 2.0)"
# The nation a mark was set for: the row's own where it differs from the athlete's latest (Lagat ran 3:26.34
# for KEN in 2001, then for USA), so nation filters and labels follow the mark, not the athlete's later nation
MARK_NATION = "coalesce(res.nation, a.nationality)"
# A Diamond League meeting: where the archive lists it (2010-22), or a meeting of the series since 2023 (the
# level is 'DL' only in a meeting's Diamond League seasons: bot/pipeline/competitions.py level_in)
DL_MEETING = "c.level = 'DL' AND (c.source_id = 'diamond-league-2010-2023' OR c.year >= 2023)"


@dataclass
class Race:
    id: int
    round: str | None
    heat: int | None
    label: str | None
    date: str | None
    venue: str | None
    wind: float | None
    competition: Competition
    rows: list[Row]

    @property
    def winner(self) -> Row | None:
        return next((r for r in self.rows if r.place == 1), None)


def races_at(q: Query, comps: list[Competition], event_id: int) -> list[Race]:
    out = []
    for comp in comps:
        for rid, rnd, heat, label, date, venue, wind, codes in q.conn.execute(
                "SELECT id, round, heat, label, date, venue, wind, (SELECT group_concat(DISTINCT lower(position)) "
                "FROM results WHERE race_id = races.id) FROM races WHERE competition_id = ? AND event_id = ?",
                (comp.id, event_id)):
            out.append(Race(rid, _round_of(rnd, codes), heat, label, date, venue, wind, comp,
                            race_rows(q, rid, comp)))
    return out


_POSITION_CODE = re.compile(r"^\d*([a-z]+)\d*$")
# The toplists' position codes of races the import files as heats ("1rr2": 1st in repechage 2)
_HEAT_LIKE = {"rr": "RR", "pr": "PR"}


# The same in SQL, over races `r` (a race with no round is a final): for queries that filter or label by round
ROUND_SQL = ("CASE WHEN r.round = 'H' AND EXISTS (SELECT 1 FROM results x WHERE x.race_id = r.id AND "
             "lower(x.position) GLOB '[0-9]*rr[0-9]*') THEN 'RR' WHEN r.round = 'H' AND EXISTS (SELECT 1 FROM results x "
             "WHERE x.race_id = r.id AND lower(x.position) GLOB '[0-9]*pr[0-9]*') THEN 'PR' ELSE coalesce(r.round, 'F') END")


def _round_of(stored: str | None, positions: str | None) -> str | None:
    """The round of a race: the stored one, except that a repechage or a preliminary round, which the import counts
    as heats, is told apart by its results' position codes (all of one race carry the same code)."""
    if stored != "H" or not positions:
        return stored
    codes = {m.group(1) for p in positions.split(",") if (m := _POSITION_CODE.match(p.strip()))}
    return _HEAT_LIKE.get(codes.pop(), stored) if len(codes) == 1 else stored


def race_rows(q: Query, race_id: int, comp: Competition | None = None) -> list[Row]:
    rows = []
    for place, status, mark, wind, flags, name, nat, aid, src, date, venue in q.conn.execute(
            f"SELECT res.place, res.status, res.mark, res.wind, res.flags, a.name, {MARK_NATION}, a.id, res.source_id,"
            "       r.date, r.venue "
            "FROM results res JOIN athletes a ON a.id = res.athlete_id JOIN races r ON r.id = res.race_id "
            "WHERE res.race_id = ? AND instr(res.flags, 'DOP') = 0 "
            "ORDER BY res.place IS NULL, res.place, res.mark_value", (race_id,)):
        rows.append(Row(athlete=name, mark=mark if status == "OK" else status, place=place, nationality=nat,
                        date=date, competition=comp.name if comp else None, venue=venue, wind=wind,
                        athlete_id=aid, source=src, note=_tags(flags)))
    return rows


def _tags(flags: str) -> str | None:
    tags = [t for t in (flags or "").split() if t in ("WR", "AR", "NR", "OR", "CR", "WL", "MR")]
    return " ".join(tags) or None


_ROUND_WORDS = {"H": "heats", "SF": "semi-finals", "Q": "qualification", "R1": "preliminary round",
                "PR": "preliminary round", "RR": "repechage", "QF": "quarter-finals",
                "CE": "combined events' races"}


def _is_final(r: Race) -> bool:
    return r.round in ("F", None)


def _best_first(q: Query, races: list[Race]) -> list[Race]:
    e = q.event_row()
    low = e.lower_is_better if e else True

    def key(r: Race):
        w = r.winner
        value = _value(q, r, w)
        return (w is None, value is None, (value if low else -value) if value is not None else 0, -len(r.rows))
    return sorted(races, key=key)


def _value(q: Query, race: Race, row: Row | None) -> float | None:
    if row is None:
        return None
    got = q.conn.execute("SELECT mark_value FROM results WHERE race_id = ? AND athlete_id = ?",
                         (race.id, row.athlete_id)).fetchone()
    return got[0] if got else None


def _same_final(a: Race, b: Race) -> bool:
    """Two sources' copies of one final: same day, same winner."""
    wa, wb = a.winner, b.winner
    return bool(wa and wb and wa.athlete_id == wb.athlete_id and a.date == b.date)


def competitions_for(q: Query) -> tuple[list[Competition], Answer | None]:
    p = q.parsed
    if p.this_year:
        _this_year(q)
    if p.meet and p.year is None and q.people:
        _edition_they_ran(q)
    if p.meet and p.year is None and not q.people and p.nation and q.event and p.intent == "winner" \
            and p.meet not in p.city_years.values():   # "usa 4x4 in tokyo olympics": the city says which
        _edition_nation_won(q)
    sid = p.meet
    if sid is None and p.meet_by_city and q.people:
        # "how fast did kipchoge run in berlin 2022": no championship there that year, but the city's races
        return [], _athlete_in_city(q, p.meet_by_city)
    road = bool(q.event and ev.get(q.event).kind == ev.ROAD)
    by_city = p.meet_by_city or (_dl_city(q, sid) if road and sid and sid.startswith("DL-") else None)
    if (sid is None or (road and sid.startswith("DL-"))) and by_city and p.year and q.event and p.intent in ("winner", "results", "podium"):
        # "who won the berlin marathon 2023": no championship there that year (a Diamond League meeting holds
        # no road race: "london marathon"), but the city's race
        return [], _race_in_city(q, by_city)
    if sid is None:
        return [], q.unknown(q.parsed.intent, "Which meet? For example “who won pre 2024 mile”.")
    years = q.cat.years_of(sid)
    name = q.cat.series_name(sid)
    if not years:
        return [], q.unknown(q.parsed.intent, f"I have no results for the {name}.")
    year = p.year
    city = [y for y, s in p.city_years.items() if s == sid and y in years]
    if year is None and "edition:first" in p.cues and not city:
        # "who won the first world championships 1500": the earliest edition (holding the event asked)
        year = p.year = _first_edition(q, sid, years)
        if year == years[0]:
            q.assumptions.append(f"The first {name} in my data: {year}.")
        else:   # the first edition had no such race: the first that did is answered, and said
            race = event_words(q.event or "", q.sex) if q.sex else event_words(q.event or "", "M").split(" ", 1)[1]
            q.assumptions.append(f"I have no {race} at the first {name} in my data ({years[0]}): the first with one "
                                 f"is {year}.")
    if year is None and city:
        # "tokyo olympics": the latest edition held in that city
        year = p.year = max(city)
        others = [f"{q.cat.series_name(s)} {y}" for y, s in sorted(p.city_years.items()) if (y, s) != (year, sid)]
        if others:
            # every championship held there, so "tokyo" meant as the 2021 Games is one word away
            assert p.meet_by_city is not None, "city_years come with the city that named the meet"
            q.assumptions.append(f"{p.meet_by_city.title()}: the {year} {q.cat.series_name(sid)}, the latest held "
                                 f"there (also held there: {', '.join(others)}; add the year).")
    if year is None:
        year = max(years)
        q.assumptions.append(f"No year given: the latest {name} I have, {year}.")
        p.year = year
    if sid == "OG" and year == 2020 and (sid, 2020) not in q.cat.competitions and 2021 in years:
        q.assumptions.append("The Tokyo 2020 Olympic Games were held in 2021.")
        year = p.year = 2021
    comps = q.cat.competitions.get((sid, year), [])
    if not comps:
        return [], _no_edition(q, name, year, years)
    return comps, None


def _this_year(q: Query) -> None:
    """"who won the men's 100m this year (tokyo)": "this year" is the data's latest season of meets when this
    year has none of the meet asked (the meet, or the championship held in the city named) and that season
    has its edition, said aloud; otherwise the year stays, and is said to have no edition."""
    p = q.parsed
    latest = max((y for _, y in q.cat.competitions), default=None)
    if latest is None or p.year is None or p.year <= latest:
        return
    sid = p.meet or p.city_years.get(latest)
    if sid is None or (sid, latest) not in q.cat.competitions or (p.meet and p.year in q.cat.years_of(p.meet)):
        return
    if p.meet_by_city and p.city_years.get(latest) != sid:
        return   # the city held no edition of it that season
    p.meet, p.year, p.years = sid, latest, [latest]
    where = f" in {p.meet_by_city.title()}" if p.meet_by_city else ""
    q.assumptions.append(f"“This year”: my data's latest season of meets is {latest}, so the {latest} "
                         f"{q.cat.series_name(sid)}{where}.")


def _first_edition(q: Query, sid: str, years: list[int]) -> int:
    """The earliest edition of a series, with a race of the event asked (of the sex asked, when said)."""
    if q.event:
        for year in years:
            for c in q.cat.competitions.get((sid, year), []):
                if q.conn.execute("SELECT 1 FROM races r JOIN events e ON e.id = r.event_id WHERE r.competition_id = ? "
                                  "AND e.code = ? AND (? IS NULL OR e.sex = ?) LIMIT 1",
                                  (c.id, q.event, q.sex, q.sex)).fetchone():
                    return year
    return years[0]


def _edition_nation_won(q: Query) -> None:
    """"when was the last time an american won the olympic 1500": the latest edition whose final an athlete
    of that nation won, said aloud; none: the question is answered for the latest edition, which says who won."""
    p = q.parsed
    assert p.meet is not None and q.event is not None
    e = q.event_row(q.event, q.sex or "M")
    if e is None:
        return
    for year in sorted(q.cat.years_of(p.meet), reverse=True):
        comps = q.cat.competitions.get((p.meet, year), [])
        finals = [r for r in races_at(q, comps, e.id) if _is_final(r) and r.winner]
        if finals and _best_first(q, finals)[0].winner.nationality == p.nation:   # type: ignore[union-attr]
            p.year, p.years = year, [year]
            q.assumptions.append(f"The latest {q.cat.series_name(p.meet)} won by an athlete of {p.nation}: {year}.")
            return


def _theirs(q: Query, where: list[str], args: list) -> tuple[list[str], list]:
    """The WHERE terms and arguments of the first athlete's results, those given and the event asked."""
    where, args = ["res.athlete_id = ?", *where], [q.people[0].id, *args]
    if q.event:
        where.append("e.code = ?")
        args.append(q.event)
    return where, args


def _athlete_in_city(q: Query, city: str) -> Answer:
    """An athlete's results in a city (a year, an event narrowing them) where no championship named the meet:
    read from the venue the sources give ("Berlin", "Olympiastadion, Berlin")."""
    p = q.parsed
    person = q.people[0]
    years = [f"substr(r.date, 1, 4) IN ({','.join('?' * len(p.years))})"] if p.years else []
    where, args = _theirs(q, [VALID, "(' ' || lower(r.venue) || ' ') GLOB ?", *years],
                          [f"*[^a-z]{city.lower()}[^a-z]*", *(str(y) for y in p.years)])
    rows = q.conn.execute(
        "SELECT res.place, res.mark, r.date, r.venue, e.code, c.name, res.source_id, res.nation FROM results res "
        "JOIN races r "
        "ON r.id = res.race_id JOIN events e ON e.id = r.event_id LEFT JOIN competitions c ON c.id = "
        f"r.competition_id WHERE {' AND '.join(where)} ORDER BY r.date", args).fetchall()
    when = f" in {and_list([str(y) for y in p.years])}" if p.years else ""
    if not rows:
        return q.unknown(p.intent, f"I have no result of {person.name} in {city.title()}{when}.", [])
    out = [Row(athlete=person.name, mark=mark, place=place, nationality=nation or person.nationality, date=date,
               venue=venue, competition=comp, event=code, athlete_id=person.id, source=src,
               note=event_words(code, person.sex).split(" ", 1)[1])
           for place, mark, date, venue, code, comp, src, nation in rows]
    bits = [f"{r.note} {r.mark}" + (f" ({place_words(r.place)})" if r.place else "") + f" on {fmt_date(r.date)}"
            for r in out[-5:]]
    return q.answered("place", f"{person.name} in {city.title()}{when}: {'; '.join(bits)}.", out[::-1])


# The Diamond League meetings' aliases that are city names (not "pre", "bislett"...)
_DL_CITIES = frozenset({"london", "paris", "rome", "roma", "oslo", "stockholm", "doha", "shanghai", "monaco",
                        "rabat", "zurich", "lausanne", "brussels", "bruxelles", "eugene", "birmingham", "new york"})


def _dl_city(q: Query, sid: str) -> str | None:
    """The city a Diamond League meeting was named by in the question ("london"), if it was."""
    words = q.parsed.text.lower().split()
    said = f" {' '.join(x for w in words for x in lx.CITY_LETTERS.get(w, (w,)))} "   # "nyc": "new york"
    aliases = q.cat.series[sid][2] if sid in q.cat.series else []
    return next((a for a in (*aliases, *_DL_CITIES) if a in _DL_CITIES and f" {a} " in said
                 and _meeting_city(q, sid, a)), None)


def _meeting_city(q: Query, sid: str, city: str) -> bool:
    """Whether a meeting was held in the city (its venues name it): "new york" for the New York Grand Prix."""
    return any(city in c.lower() for c in q.cat.venue_cities(sid))


def _race_in_city(q: Query, city: str) -> Answer:
    """The race of an event in a city in a year where no championship or meeting we know names it (the city
    marathons): read from the venue the sources give, one race a day; several days are all said. No sex asked
    (and no athlete): the men's and the women's races, both winners said."""
    p = q.parsed
    e = q.require_event(p.intent or "winner", "who won the berlin marathon 2023")
    if isinstance(e, Answer):
        return e
    sexes = [e] if p.sex or q.people else [x for x in (q.cat.event(e.code, "M"), q.cat.event(e.code, "W")) if x]
    out: list[Row] = []
    said = []
    for race in sexes:
        rows, won, days = _city_race(q, race.id, city)
        if not days:
            continue
        what = event_words(race.code, race.sex)
        said.append(f"the {what} in {city.title()} on {fmt_date(days[0])} was won by {won[0]}" if len(days) == 1
                    else f"the {what} in {city.title()} in {p.year} was won by {and_list(won)}")
        out += rows
    if not out:
        what = event_words(e.code, e.sex) if p.sex or q.people else event_words(e.code, e.sex).split(" ", 1)[1]
        return q.unknown(p.intent, f"I have no {what} in {city.title()} in {p.year}.", [])
    q.assumptions.append(f"From the marks World Athletics' lists give for {city.title()} (no meeting name in the "
                         f"source): places are as listed, down to the list's cut-off.")
    headline = "; ".join(said) + "."
    return q.answered("winner", headline[0].upper() + headline[1:], out, entities={"city": city})


def _away_from_home(q: Query, comp: Competition) -> str | None:
    """A meeting's edition held away from its usual city ("the 2019 Bowerman Mile": Palo Alto, not Eugene), said;
    None for a championship (held somewhere new each time) or an edition at home."""
    if not comp.series_id or comp.level in ("OG", "WCH", "WIC") or not comp.venue:
        return None
    counted, here = q.cat.venue_cities(comp.series_id), venue_city(comp.venue)
    if not counted or here is None:
        return None
    home, n = counted.most_common(1)[0]
    if here == home or n < 2 * counted[here]:
        return None
    return f"Held at {places.place(comp.venue)} that year (the meeting's usual home: {home})."


def _city_race(q: Query, event_id: int, city: str) -> tuple[list[Row], list[str], list[str]]:
    """One event's races in a city in the year asked: their rows, each winner said, their days."""
    where = "r.event_id = ? AND substr(r.date, 1, 4) = ? AND (' ' || lower(r.venue) || ' ') GLOB ?"
    args = (event_id, str(q.parsed.year), f"*[^a-z]{city.lower()}[^a-z]*")
    days = [d for (d,) in q.conn.execute(
        f"SELECT DISTINCT r.date FROM races r JOIN results res ON res.race_id = r.id WHERE {where} AND res.place = 1 "
        f"AND {VALID} ORDER BY r.date", args)]
    out: list[Row] = []
    won = []
    for day in days:
        rows = [Row(athlete=name, mark=mark, place=place, nationality=nat, date=date, venue=venue, athlete_id=aid,
                    source=src) for place, mark, name, nat, aid, date, venue, src in q.conn.execute(
            f"SELECT res.place, res.mark, a.name, {MARK_NATION}, a.id, r.date, r.venue, res.source_id FROM results "
            f"res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id WHERE {where} "
            f"AND r.date = ? AND res.place IS NOT NULL AND {VALID} ORDER BY res.place, res.mark_value", (*args, day))]
        won.append(f"{with_nation(rows[0].athlete, rows[0].nationality)} in {rows[0].mark}"
                   + (f" on {fmt_date(day)}" if len(days) > 1 else ""))
        out += rows
    return out, won, days


def _edition_of_mark(q: Query, candidates: set[tuple[int, str]]) -> bool:
    """"merritts 12.80 in brussels, who was second": the edition where the athlete made the mark asked (the 2012
    Memorial Van Damme), not their latest there; said. False when no edition holds it."""
    p = q.parsed
    person = q.people[0]
    values = []
    for m in p.marks:
        try:
            values.append(marks.parse_time(m)[0])
        except ValueError:
            continue
    for year, sid in sorted(candidates, reverse=True):
        comps = q.cat.competitions.get((sid, year), [])
        if not comps or not values:
            continue
        near = " OR ".join("abs(res.mark_value - ?) < 0.005" for _ in values)
        if q.conn.execute(f"SELECT 1 FROM results res JOIN races r ON r.id = res.race_id WHERE res.athlete_id = ? "
                          f"AND r.competition_id IN ({','.join('?' * len(comps))}) AND ({near}) LIMIT 1",
                          (person.id, *(c.id for c in comps), *values)).fetchone():
            p.meet, p.year, p.years = sid, year, [year]
            q.assumptions.append(f"No year given: the {year} {q.cat.series_name(sid)}, where {person.name} made "
                                 f"{p.marks[0]}.")
            return True
    return False


def _edition_they_ran(q: Query) -> None:
    """An athlete at a meet or city with no year ("what did hassan run in the tokyo 10000", "bolt 100 in
    london", "kerr at pre"): the latest edition, of that meet or of a championship held in that city, in which
    the athlete has a result (in the event asked), said aloud. None found: the meet's latest, as for anyone."""
    p = q.parsed
    person = q.people[0]
    assert p.meet is not None
    candidates = {(y, s) for y, s in p.city_years.items() if s == p.meet or "meet:named" not in p.cues}
    if not p.meet_by_city:   # a meet by its name ("pre", "london"): its editions too, not only the city's
        candidates |= {(y, p.meet) for y in q.cat.years_of(p.meet)}
    which = _which_win(p.cues)
    places = ""
    if which:   # "her first olympic gold": the editions they won (a medal: the top three) in a final
        places = (f" AND res.place BETWEEN 1 AND {_WIN_PLACES[which[1]]} AND res.place >= "
                  f"{1 if which[1] in ('win', 'medal') else _WIN_PLACES[which[1]]} AND "
                  f"(r.round = 'F' OR r.round IS NULL) AND {VALID}")
    earliest = (which[0] == "first") if which else "edition:first" in p.cues
    if p.marks and _edition_of_mark(q, candidates):
        return
    if p.round == "F" and not which:
        # "kerr and ingebrigtsen in the tokyo 1500 final": an edition whose final they ran (Kerr ran the 2025
        # heats and semi-finals there, the 2021 Olympic final)
        places = " AND (r.round = 'F' OR r.round IS NULL)"
    # "how far behind kerr was ingebrigtsen at worlds": the gap is between two athletes of one race, so the
    # edition is one where both ran a race together
    together = "margin" in p.cues and len(q.people) >= 2 and not which
    for year, sid in sorted(candidates, reverse=not earliest):
        comps = q.cat.competitions.get((sid, year), [])
        if not comps:
            continue
        found = None
        for who in q.people[:2] if p.round == "F" and not which else q.people[:1]:
            args: list = [who.id, *(c.id for c in comps)]
            event = ""
            if q.event:
                event = " AND e.code = ?"
                args.append(q.event)
            both = ""
            if together:
                both = " AND EXISTS (SELECT 1 FROM results o WHERE o.race_id = r.id AND o.athlete_id = ?)"
                args.append(q.people[1].id if who.id == q.people[0].id else q.people[0].id)
            found = q.conn.execute(f"SELECT e.code FROM results res JOIN races r ON r.id = res.race_id JOIN events e "
                                   f"ON e.id = r.event_id WHERE res.athlete_id = ? AND r.competition_id IN "
                                   f"({','.join('?' * len(comps))}){event}{places}{both} ORDER BY r.date "
                                   f"{'DESC' if which and which[0] == 'last' else ''} LIMIT 1",
                                   args).fetchone()
            if not found:
                break
        if found:
            break
    else:
        if which:
            q.assumptions.append(f"I have no {_WIN_WORDS[which[1]]} of {person.name} at the "
                                 f"{q.cat.series_name(p.meet)}: the latest edition they competed in instead.")
            p.cues.discard(f"{which[0]}:{which[1]}")
            _edition_they_ran(q)
        return
    p.meet, p.year, p.years = sid, year, [year]
    where = f" in {p.meet_by_city.title()}" if p.meet_by_city else ""
    if which:
        if not q.event:   # the event of that win, not every event run there
            q.event = found[0]
            p.events = [found[0]]
        q.assumptions.append(f"{person.name}'s {which[0]} {q.cat.series_name(sid)} {_WIN_WORDS[which[1]]} in my "
                             f"data: the {year} {q.cat.series_name(sid)}{where}, {event_words(found[0], person.sex)}.")
        return
    ran = f"{person.name} and {q.people[1].name} raced each other" if together else f"{person.name} competed"
    q.assumptions.append(f"No year given: the {year} {q.cat.series_name(sid)}{where}, the "
                         f"{'first' if earliest else 'latest'} where {ran}.")


_WIN_PLACES = {"win": 1, "medal": 3, "silver": 2, "bronze": 3}
_WIN_WORDS = {"win": "win", "medal": "medal", "silver": "silver medal", "bronze": "bronze medal"}


def _which_win(cues: set[str]) -> tuple[str, str] | None:
    """("first", "win") for "her first olympic gold", ("last", "medal") for "his last world medal"."""
    for c in cues:
        order, _, kind = c.partition(":")
        if order in ("first", "last") and kind in _WIN_PLACES:
            return order, kind
    return None


def _no_edition(q: Query, name: str, year: int, years: list[int]) -> Answer:
    """A year the series has no edition in (in my data): said with what the data holds, never answered with
    another edition; the editions nearest are offered as the same question."""
    first, last = years[0], years[-1]
    if year > last:
        where = f"the last {name} in my data is {last}"
    elif year < first:
        where = f"the first {name} in my data is {first}"
    else:
        before = max(y for y in years if y < year)
        after = min(y for y in years if y > year)
        where = f"the editions either side in my data are {before} and {after}"
    answer = q.unknown(q.parsed.intent, f"I have no {name} in {year}: {where}.", [])
    near = sorted(sorted(years, key=lambda y: abs(y - year))[:3])
    text = q.parsed.text
    if re.search(rf"\b{year}\b", text):
        from bot.ask.query import Question
        retries = [re.sub(rf"\b{year}\b", str(y), text, count=1) for y in near]
        answer.suggestions, answer.choices = retries, [Question(r) for r in retries]
    else:
        answer.suggestions = [f"{name} {y}" for y in near]
    return answer


def race_answer(q: Query) -> Answer:
    p = q.parsed
    intent = p.intent
    comps, problem = competitions_for(q)
    if problem:
        return problem
    if q.event is None and q.people:
        ran = _events_ran(q, comps, q.people[0].id)
        if len(q.people) > 1:
            # "how close were kerr and ingebrigtsen at pre 2024": the race they both ran there
            shared = [code for (code,) in q.conn.execute(
                f"SELECT DISTINCT e.code FROM results a JOIN results b ON b.race_id = a.race_id JOIN races r "
                f"ON r.id = a.race_id JOIN events e ON e.id = r.event_id WHERE a.athlete_id = ? AND b.athlete_id = ? "
                f"AND a.place IS NOT NULL AND b.place IS NOT NULL "
                f"AND r.competition_id IN ({','.join('?' * len(comps))})",
                (q.people[0].id, q.people[1].id, *(c.id for c in comps)))]
            if len(shared) == 1:
                ran = shared
                q.assumptions.append(f"The race both ran there: the {event_words(shared[0], q.people[0].sex)}.")
        if "margin" in p.cues and "win" in p.cues and len(ran) > 1 and len(q.people) == 1:
            # "how much did kipyegon win by in paris": the one race she won there (she ran the 5000 m too)
            won = _events_won(q, comps, q.people[0].id)
            if len(won) == 1:
                ran = won
                q.assumptions.append(f"The race {q.people[0].name} won there: the "
                                     f"{event_words(won[0], q.people[0].sex)}.")
        if len(ran) > 1 or ("win" in p.cues and ran and not ("margin" in p.cues and len(ran) == 1)):
            # "when she won in paris": the races the athlete won there, which may be none, never another's win
            # ("how much did hocker win by in paris", one race there: that race, and its margin)
            return _athlete_at(q, comps, ran)
        if not ran:
            return q.unknown(intent, f"{q.people[0].name} is not in my results of "
                                     f"{competition_words(comps[0], q.cat)}.", [])
        # "what did kerr run at pre in 2024": the one event they ran there
        q.event = ran[0]
        q.parsed.events = [ran[0]]
    if q.event is None:
        return _meeting(q, comps[0])
    sexes = [q.sex] if q.sex and "bothsexes" not in p.cues else ["M", "W"]
    found: dict[str, list[Race]] = {}
    for sex in sexes:
        e = q.cat.event(q.event, sex)
        if e:
            races = races_at(q, comps, e.id)
            if races:
                found[sex] = races
    if not found:
        # the sex said when it was asked ("the women's?" after a men's race: no women's mile there)
        what = event_words(q.event, q.sex or "M")
        what = what if q.sex and "bothsexes" not in p.cues else what.split(" ", 1)[1]
        return q.unknown(intent, f"I have no {what} results for {competition_words(comps[0], q.cat)}.")
    notes = []
    both = "bothsexes" in p.cues
    if q.sex is None or both:
        q.sex = "M" if "M" in found else next(iter(found))
        other = "W" if q.sex == "M" else "M"
        if len(found) == 1 and not both and q.cat.event(q.event, other):
            # one sex's race missing (a men's final under the toplists' cut-off): the other is said, never silent
            q.assumptions.append(f"No sex given: the {event_words(q.event, q.sex)}; I have no "
                                 f"{event_words(q.event, other)} at {competition_words(comps[0], q.cat)} in my data.")
        if len(found) > 1:
            other = "W" if q.sex == "M" else "M"
            if not both:
                q.assumptions.append(f"No sex given: the {event_words(q.event, q.sex)}.")
            finals = _best_first(q, [r for r in found[other] if _is_final(r)])
            if finals and finals[0].winner:
                w = finals[0].winner
                notes.append(f"In the {event_words(q.event, other)}: {w.athlete} won{_in_mark(w)}.")
    races = found[q.sex]
    what = event_words(q.event, q.sex)
    away = _away_from_home(q, comps[0])
    if away:
        notes.append(away)
    if p.round and p.round != "F":
        chosen = [r for r in races if r.round == p.round]
        if p.heat is not None and chosen:
            # "who won heat 1", "the second semi": that race of the round
            one = [r for r in chosen if r.heat == p.heat]
            if not one:
                return q.unknown(intent, f"I have no {RACE_WORDS.get(p.round, p.round)} {p.heat} of the {what} at "
                                         f"{competition_words(comps[0], q.cat)} in my data ({len(chosen)} "
                                         f"{_ROUND_WORDS.get(p.round, p.round)} on file).", [])
            chosen = one
        if q.people:
            # "what did jakob run in the heats": that athlete's race, not the round's winners
            return _athlete_in_rounds(q, what, races, chosen, notes)
        if not chosen:
            held = _rounds_held(races)
            return q.unknown(intent, f"I have no {_ROUND_WORDS.get(p.round, p.round)} of the {what} at "
                                     f"{competition_words(comps[0], q.cat)} in my data"
                                     + (f" (I have: {held})." if held else "."))
        return _round_answer(q, what, chosen, notes, races)
    finals = _best_first(q, [r for r in races if _is_final(r)])
    if q.people and not any(row.athlete_id == q.people[0].id for r in finals for row in r.rows) and any(
            row.athlete_id == q.people[0].id for r in races for row in r.rows):
        # named in an earlier round only ("what did jakob run in the final at tokyo 2025"): where they went out
        return _athlete_in_rounds(q, what, races, finals, notes)
    if not finals:
        # Only earlier rounds on file (a slow final under the toplists' cut-off): a heat's winner is no
        # champion, so say what is held instead of answering with it
        held = ", ".join(sorted({_ROUND_WORDS.get(r.round or "", r.round or "") for r in races}))
        return q.unknown(intent, f"I have no final of the {what} at {competition_words(comps[0], q.cat)} in my "
                                 f"data, only earlier rounds ({held}): ask for them by name (e.g. “… heats”).",
                         [])
    main = finals[0]
    duplicates = [r for r in finals[1:] if _same_final(main, r)]
    for d in duplicates:
        # Another source's copy of the same final: use whichever has more of the field
        if len(d.rows) > len(main.rows):
            main = d
    others = [r for r in finals[1:] if not any(r is d for d in duplicates) and r is not main]
    for r in others:
        winner = r.winner
        label = r.label or ("a second final" if len(others) == 1 else "another final")
        if winner:
            notes.append(f"Also held: {label}, won by {with_nation(winner.athlete, winner.nationality)} in "
                         f"{winner.mark}.")
    heats = [r for r in races if not _is_final(r) and r.round != "CE"]
    if heats:
        notes.append(f"Earlier rounds: {_rounds_held(heats)} (ask e.g. “… semi”).")
    return _final_answer(q, what, main, notes)


_ROUND_ORDER = {"PR": 0, "R1": 0, "Q": 1, "H": 1, "RR": 2, "QF": 3, "SF": 4, "CE": 6}


def _in_order(races: list[Race]) -> list[Race]:
    """Races as they were run: by day, then round (a final last), then heat."""
    return sorted(races, key=lambda r: (r.date or "", _ROUND_ORDER.get(r.round or "F", 5), r.heat or 0, r.id))


def _rounds_held(races: list[Race]) -> str:
    """'heats, repechage, semi-finals', in the order run."""
    words: list[str] = []
    for r in _in_order(races):
        if r.round == "CE":
            continue   # a decathlon's or heptathlon's 100 m is no round of the event
        word = _ROUND_WORDS.get(r.round or "F", "final") if not _is_final(r) else "final"
        if word not in words:
            words.append(word)
    return ", ".join(words)


def _race_name(race: Race) -> str:
    """'heat 3', 'semi-final 1', 'repechage 2', 'the final'."""
    if _is_final(race):
        return "the final"
    if race.round == "CE":
        return "the combined event"   # a heptathlon's high jump, filed with the open event's races
    word = RACE_WORDS.get(race.round or "", race.round or "race")
    return f"{word} {race.heat}" if race.heat else word


def _ran_in(row: Row, race: Race) -> str:
    """'3rd in heat 3 in 3:37.04'."""
    place = f"{place_words(row.place)} " if row.place else ""
    return f"{place}in {_race_name(race)}{_in_mark(row)}"


def _athlete_in_rounds(q: Query, what: str, races: list[Race], asked: list[Race], notes: list[str]) -> Answer:
    """A named athlete in one round of an event at a meet: their place and mark in the race of that round they ran
    (which heat), and their other races there; not in that round: the races they did run, the last one named as
    where my data last has them."""
    person = q.people[0]
    where = competition_words((asked or races)[0].competition, q.cat)
    mine = [(race, row) for race in _in_order(races) for row in race.rows if row.athlete_id == person.id]
    asked_ids = {r.id for r in asked}
    in_asked = [(race, row) for race, row in mine if race.id in asked_ids]
    rnd = q.parsed.round or "F"
    round_name = "final" if rnd == "F" else _ROUND_WORDS.get(rnd, rnd)
    for race, row in mine:
        row.note = _race_name(race) + (f" {row.note}" if row.note else "")
    # the race asked first
    rows = [row for race, row in mine if race.id in asked_ids] + [row for race, row in mine
                                                                   if race.id not in asked_ids]
    if in_asked:
        said = "; ".join(_ran_in(row, race) for race, row in in_asked)
        others = [(race, row) for race, row in mine if race.id not in asked_ids]
        if others:
            notes = [*notes, "Their other races there: " + "; ".join(_ran_in(row, race) for race, row in others)
                     + "."]
        return q.answered("place", f"{person.name} at {where}, {what}: {said}.", rows, notes=notes)
    if not mine:
        return q.unknown("place", f"{person.name} is not in my results of the {what} at {where}.", [])
    last_race, _last_row = mine[-1]
    ran = "; ".join(_ran_in(row, race) for race, row in mine)
    cut = _cut_off_words(q, asked)
    if any(race.round == "CE" for race, _row in mine) and all(
            race.round == "CE" or row.mark in (None, "DNS", "DNF", "DQ", "NM") for race, row in mine):
        # "what did thiam clear in the rio hj": she jumped it within the heptathlon, not in the event itself
        went = f"{person.name}'s {what} at {where} was within the combined event: {ran}."
    elif asked and _round_rank(last_race) < _round_rank(asked[0]) and cut is None:
        went = f"{person.name} did not reach the {round_name} of the {what} at {where}: {ran}."
    elif q.parsed.round is None:   # no round asked ("what did she run at her first olympics"): what they ran
        went = f"{person.name} at {where}, {what}: {ran} (not in my results of the {round_name})."
    else:
        went = f"{person.name} is not in my results of the {round_name} of the {what} at {where}; their races there: {ran}."
    if cut and asked:
        # the toplists leave out slow marks and non-finishers: an athlete's absence from the round proves nothing
        notes = [*notes, f"My results of the {round_name} come from World Athletics' all-time lists, which stop at "
                         f"{cut} and leave out non-finishers, so I can't tell whether {person.name} ran it."]
    return q.answered("place", went, rows, notes=notes)


# Sources that hold every finisher of the races they list (the toplists stop at a cut-off mark)
_COMPLETE = frozenset({"wc-track-finals-1983-2013", "rio2016-complete-tilastopaja", "diamond-league-2010-2023"})


def _cut_off_words(q: Query, races: list[Race]) -> str | None:
    """The mark below which these races' results may be missing ("3:38.00"), or None when a complete source holds
    each of them (or there is no race: the round was not run, as far as the sources tell)."""
    if not races or all(any(row.source in _COMPLETE for row in r.rows) for r in races):
        return None
    e = q.event_row()
    tl = q.cat.coverage.toplist(q.conn, e.id, e.lower_is_better) if e else None
    return fmt_value(tl.cutoff, e.code) if tl and e else "a cut-off mark"


def _round_rank(race: Race) -> int:
    return _ROUND_ORDER.get(race.round or "F", 5) if not _is_final(race) else 5


def _meeting(q: Query, comp: Competition) -> Answer:
    """A meeting with no event named ("pre classic 2025 results"): the winner of every event's final there (the
    final with the best winning mark where an event had several), men's events first."""
    where = competition_words(comp, q.cat)
    best: dict[int, tuple] = {}
    for t in q.conn.execute(
            f"SELECT e.id, e.code, e.sex, e.lower_is_better, res.mark_value, res.mark, a.name, {MARK_NATION}, a.id, "
            "r.date, r.venue, res.source_id FROM races r JOIN events e ON e.id = r.event_id JOIN results res "
            f"ON res.race_id = r.id JOIN athletes a ON a.id = res.athlete_id WHERE r.competition_id = ? AND "
            f"(r.round = 'F' OR r.round IS NULL) AND res.place = 1 AND {VALID}", (comp.id,)):
        if q.sex and t[2] != q.sex:
            continue
        old = best.get(t[0])
        if old is None or (t[4] is not None and (old[4] is None or (t[4] < old[4] if t[3] else t[4] > old[4]))):
            best[t[0]] = t
    if not best:
        return q.unknown(q.parsed.intent, f"I have no winners at {where}: which event?")
    order = {code: i for i, code in enumerate(ev.EVENTS)}
    wins = sorted(best.values(), key=lambda t: (t[2], order.get(t[1], 999)))
    nation = q.parsed.nation
    if nation:
        # "which americans won gold at the 2024 olympics": that nation's winners (after each event's final is chosen)
        wins = [t for t in wins if t[7] == nation]
        if not wins:
            return q.answered("results", f"No athlete of {_nation_words(nation)} won an event at {where} in my data.",
                              [])
    rows, world = [], []
    for eid, code, sex, _low, value, mark, name, nat, aid, date, venue, src in wins:
        # a winning mark that is a record says so: the day's news ("two world records at Pre")
        kinds = {k for (k,) in q.conn.execute(
            "SELECT DISTINCT kind FROM records WHERE athlete_id = ? AND event_id = ? AND date = ? AND "
            "abs(mark_value - ?) < 0.001", (aid, eid, date, value if value is not None else -1))}
        top = next((k for k in ("world", "olympic", "area", "national") if k in kinds), None)
        if top == "world":
            world.append(f"{with_nation(name, nat)} in the {event_words(code, sex)} ({mark})")
        rows.append(Row(athlete=name, mark=mark, place=1, nationality=nat, date=date, venue=venue, event=code,
                        note=event_words(code, sex) + (f", {top} record" if top else ""), athlete_id=aid,
                        source=src))
    news = f" {len(world)} world record{'s' if len(world) != 1 else ''}: {and_list(world)}." if world else ""
    if nation:
        listing = "; ".join(f"{r.athlete} ({r.note}, {r.mark})" for r in rows)
        return q.answered("results", f"Winners of {_nation_words(nation)} at {where}: {len(rows)} event"
                                     f"{'s' if len(rows) != 1 else ''} in my data: {listing}.{news}", rows)
    held = _held_where(q, comp) if "where" in q.parsed.cues else ""
    return q.answered("results", f"{held}Winners at {where} ({len(rows)} event{'s' if len(rows) != 1 else ''} in "
                                 f"my data; ask for one event for its full results).{news}", rows)


def _held_where(q: Query, comp: Competition) -> str:
    """"where were the 2017 worlds held": 'The 2017 World Championships were held at Olympic Stadium, London
    (GBR), 4 to 13 August 2017. ', from the competition's venue and its races' days; with no year asked, the
    other places the meet was held in my data are said too."""
    first, last = q.conn.execute("SELECT min(date), max(date) FROM races WHERE competition_id = ? AND "
                                 "length(date) >= 10", (comp.id,)).fetchone()
    place = places.where(comp.venue, comp.country)
    name = competition_words(comp, q.cat)
    if not place:
        return f"My sources give no venue for {name}. "
    days = ""
    if first and last:
        a, b = fmt_date(first).split(" "), fmt_date(last).split(" ")
        span = " ".join(a[:1] if a[1:] == b[1:] else a[:2] if a[2:] == b[2:] else a)
        days = f" on {fmt_date(first)}" if first == last else f", {span} to {fmt_date(last)}"
    said = f"{name[0].upper()}{name[1:]} {'was' if first == last else 'were'} held at {place}{days}. "
    if not q.parsed.years and comp.series_id:   # no year asked: where else it has been held
        others: dict[str, list[int]] = {}
        for year, venue, country in q.conn.execute(
                "SELECT year, venue, country FROM competitions WHERE series_id = ? AND venue IS NOT NULL "
                "ORDER BY year", (comp.series_id,)):
            shown = places.where(venue, country)
            # the same city written another way ('Eugene' beside 'Hayward Field, Eugene') is no other place
            if shown and shown.split(",")[-1].strip() != place.split(",")[-1].strip():
                others.setdefault(shown, []).append(year)
        if others:
            listed = sorted(others.items(), key=lambda kv: -kv[1][-1])[:5]
            said += "Also held at " + and_list([f"{p} ({_years_said(ys)})" for p, ys in listed]) + ". "
    return said


def _years_said(years: list[int]) -> str:
    """[1990, 1991, 1992, 1995] -> '1990-1992, 1995'."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _nation_words(code: str) -> str:
    """'the United States (USA)'."""
    name = countries.country_name(code)
    return f"{name} ({code})" if name else code


def _events_ran(q: Query, comps: list[Competition], athlete_id: int) -> list[str]:
    """The events an athlete has results in at those competitions: placed ones first, then the most results."""
    return [code for code, *_ in q.conn.execute(
        f"SELECT e.code, max(res.place IS NOT NULL), count(*) FROM results res JOIN races r ON r.id = res.race_id "
        f"JOIN events e ON e.id = r.event_id WHERE res.athlete_id = ? "
        f"AND r.competition_id IN ({','.join('?' * len(comps))}) "
        f"GROUP BY e.code ORDER BY 2 DESC, 3 DESC, e.code", (athlete_id, *(c.id for c in comps))).fetchall()]


def _events_won(q: Query, comps: list[Competition], athlete_id: int) -> list[str]:
    """The events whose final (or only race) the athlete won at those competitions."""
    return [code for (code,) in q.conn.execute(
        f"SELECT DISTINCT e.code FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = "
        f"r.event_id WHERE res.athlete_id = ? AND res.place = 1 AND (r.round = 'F' OR r.round IS NULL) AND {VALID} "
        f"AND r.competition_id IN ({','.join('?' * len(comps))})", (athlete_id, *(c.id for c in comps)))]


def _athlete_at(q: Query, comps: list[Competition], codes: list[str]) -> Answer:
    """An athlete at a meet, no event named, who ran several there: each event's main result."""
    person = q.people[0]
    where = competition_words(comps[0], q.cat)
    rows, bits, finals, winners = [], [], [], []
    for code in codes:
        e = q.cat.event(code, person.sex)
        if e is None:
            continue
        races = sorted(races_at(q, comps, e.id), key=lambda r: (not _is_final(r), r.date or ""))
        mine = [(race, row) for race in races for row in race.rows if row.athlete_id == person.id]
        if not mine:
            continue
        race, row = mine[0]
        if row.place is None and _run_within(q, race) is not None:
            continue   # the 1500 m time run on the way in the mile is not a race of its own
        row.event = code
        rows.append(row)
        place = f"{place_words(row.place)} " if row.place else ""
        rnd = "" if _is_final(race) else f" ({race.round})"
        bits.append(f"{place}in the {event_words(code, person.sex).split(' ', 1)[1]}{rnd}{_in_mark(row)}")
        finals.append(_is_final(race))
        winners.append(race.winner)
    if not rows:
        return q.unknown("place", f"{person.name} is not in my results of {where}.")
    if "win" in q.parsed.cues:
        return _races_won(q, where, rows, bits, finals, winners)
    return q.answered("place", f"{person.name} at {where}: " + "; ".join(bits) + ".", rows)


def _races_won(q: Query, where: str, rows: list[Row], bits: list[str], finals: list[bool],
               winners: list[Row | None]) -> Answer:
    """"how fast did kipyegon run when she won in paris": the races the athlete won there, not every race; when
    they won none, said so with what they did and who won ("did neeraj win doha 2025": no, and who did)."""
    person = q.people[0]
    won = [k for k, row in enumerate(rows) if row.place == 1 and finals[k]]
    if not won:
        told = [bit + (f", won by {with_nation(w.athlete, w.nationality)}{_in_mark(w)}"
                       if w is not None and w.athlete_id != person.id and finals[k] else "")
                for k, (bit, w) in enumerate(zip(bits, winners, strict=True))]
        said = f"{person.name} won no final at {where} in my data: " + "; ".join(told) + "."
        if "yesno" in q.parsed.cues:   # "did neeraj win doha 2025": answered, no
            return q.answered("place", f"No: {said}", rows)
        return q.unknown("place", said, [])   # "how fast did X run when he won there": no such race
    others = [bits[k] for k in range(len(rows)) if k not in won]
    notes = [f"Only the race{'s' if len(won) > 1 else ''} won (“when … won”); also there: " + "; ".join(others)
             + "."] if others else []
    yes = "Yes: " if "yesno" in q.parsed.cues else ""
    return q.answered("place", f"{yes}{person.name} at {where}: " + "; ".join(bits[k] for k in won) + ".",
                      [rows[k] for k in won], notes=notes)


def _in_mark(row: Row) -> str:
    """" in 3:45.34", " with 8893 points" (a combined event's score, the one mark written in whole numbers), or
    what stands for a mark the sources do not give (old Olympic medallists)."""
    if row.mark and row.mark.isdigit():
        return f" with {row.mark} points"
    return f" in {row.mark}" if row.mark else " (no mark on file)"


def _run_within(q: Query, race: Race) -> tuple[str, Row] | None:
    """A race with no places whose athletes ran, that day at that meet, a longer placed race (the 1500 m times of
    a mile): (that event's code, its winner). The toplists list such split times like races."""
    ids = {r.athlete_id for r in race.rows if r.athlete_id is not None}
    if not ids or race.date is None:
        return None
    found = q.conn.execute(
        "SELECT e.code, r.id, count(DISTINCT res.athlete_id) FROM races r JOIN events e ON e.id = r.event_id "
        "JOIN results res ON res.race_id = r.id WHERE r.competition_id = ? AND r.date = ? AND r.id != ? "
        "AND res.place IS NOT NULL AND e.distance_m > (SELECT distance_m FROM events WHERE id = "
        "(SELECT event_id FROM races WHERE id = ?)) AND e.sex = (SELECT sex FROM events WHERE id = "
        f"(SELECT event_id FROM races WHERE id = ?)) AND res.athlete_id IN ({','.join('?' * len(ids))}) "
        "GROUP BY r.id ORDER BY 3 DESC LIMIT 1",
        (race.competition.id, race.date, race.id, race.id, race.id, *ids)).fetchone()
    if found is None or found[2] * 2 < len(ids):
        return None
    winner = q.conn.execute(
        f"SELECT a.name, {MARK_NATION}, a.id, res.mark, res.source_id FROM results res JOIN athletes a "
        "ON a.id = res.athlete_id WHERE res.race_id = ? AND res.place = 1", (found[1],)).fetchone()
    if winner is None:
        return None
    name, nat, aid, mark, src = winner
    return found[0], Row(athlete=name, mark=mark, place=1, nationality=nat, athlete_id=aid, source=src)


def _margin(q: Query, rows: list[Row], subject: Row, versus: Row | None = None) -> str | None:
    """"by how much", "how close": the gap from the subject to the next finisher (a winner) or to the winner,
    or to the other athlete named."""
    placed = sorted((r for r in rows if r.place and r.mark), key=lambda r: r.place or 0)
    code = q.event or ""
    if subject.place is None or not subject.mark or not placed or not code:
        return None
    other = versus or (next((r for r in placed if r.place and r.place > 1), None) if subject.place == 1
                       else placed[0])
    if other is None or other is subject or not other.mark:
        return None
    try:
        a, b = marks.mark_value(subject.mark, code), marks.mark_value(other.mark, code)
    except (ValueError, marks.MarkError):
        return None
    gap = abs(a - b)
    unit = "s" if ev.get(code).lower_is_better else "m" if ev.get(code).kind == ev.FIELD else " points"
    amount = f"{gap:.2f}{unit}" if unit != " points" else f"{gap:.0f}{unit}"
    if gap < 1e-9:   # 9.79 and 9.79: the hundredths do not part them
        return f"Margin: the marks on file do not part them, {subject.athlete} and {other.athlete} both {subject.mark}."
    if versus is not None:
        first, second = (subject, other) if (subject.place or 99) < (other.place or 99) else (other, subject)
        return (f"Margin: {first.athlete} ({place_words(first.place or 0)}, {first.mark}) finished {amount} ahead "
                f"of {second.athlete} ({place_words(second.place or 0)}, {second.mark}).")
    if subject.place == 1:
        return f"Margin: {subject.athlete} won by {amount} from {other.athlete} ({other.mark})."
    return f"Margin: {subject.athlete} was {amount} behind the winner, {other.athlete} ({other.mark})."


def _final_answer(q: Query, what: str, race: Race, notes: list[str]) -> Answer:
    """what: the event in words ("men's mile")."""
    p = q.parsed
    intent = p.intent
    comp = race.competition
    where = competition_words(comp, q.cat)
    rows = race.rows
    between: tuple[str, list[Row]] | None = None   # the gap between two athletes named, the answer asked
    margin_said = ""   # the winning margin, asked of the race ("how close was the final"): the headline says it
    if "margin" in p.cues and rows:
        named = [r for person in q.people for r in rows if r.athlete_id == person.id]
        subject = named[0] if named else next((r for r in rows if r.place == (p.place or 1)), rows[0])
        # two athletes named: the gap between them ("wanyonyi vs arop ... how close")
        gap = _margin(q, rows, subject, named[1] if len(named) > 1 else None)
        if gap and len(named) > 1:
            between = (gap.removeprefix("Margin: "), sorted(named[:2], key=lambda r: r.place or 99))
        elif gap:
            notes = [*notes, gap]
            margin_said = gap.removeprefix("Margin: ")
    label = f" ({race.label})" if race.label else ""
    if not rows:
        return q.unknown(intent, f"I have no results for the {what} at {where}.")
    named = [r for r in rows if q.people and r.athlete_id == q.people[0].id]
    if p.places and intent != "podium" and (not q.people or (named and named[0].place not in (None, *p.places))):
        if named and named[0].place is not None:
            # "who finished second and third behind hocker": the places asked, the athlete named is context
            notes = [*notes, f"{named[0].athlete} was {place_words(named[0].place)}{_in_mark(named[0])}."]
        return _places_answer(q, what, where + label, rows, notes)
    if intent == "place" or (intent == "winner" and p.place not in (None, 1)):
        intent = "place"
        named = [r for r in rows if q.people and r.athlete_id == q.people[0].id]
        if q.people and p.place not in (None, -1) and named and named[0].place not in (None, p.place):
            # "who came 3rd ... when bolt ran 9.58": the place asked, the athlete named is context
            notes = [*notes, f"{named[0].athlete} was {place_words(named[0].place)}{_in_mark(named[0])}."]
        elif q.people:
            target = [r for r in rows if r.athlete_id == q.people[0].id]
            if not target:
                return q.unknown(intent, f"{q.people[0].name} is not in my results of the {what} at {where}.")
            r = target[0]
            if r.place is None:
                return q.answered(intent, f"{r.athlete} in the {what} at {where}{label}: {r.mark}.", [r],
                                  notes=notes)
            if "whobeat" in p.cues:
                # "who beat warholm in oslo": the athletes who finished ahead of him, not his own place
                ahead = [x for x in rows if x.place is not None and x.place < r.place]
                if not ahead:
                    return q.answered(intent, f"Nobody: {r.athlete} won the {what} at {where}{label}"
                                              f"{_in_mark(r)}.", [r], notes=notes)
                said = "; ".join(f"{place_words(x.place or 0)} {with_nation(x.athlete, x.nationality)}{_in_mark(x)}"
                                 for x in ahead)
                by = f"beaten only by {said}" if len(ahead) == 1 else f"beaten by {len(ahead)}: {said}"
                return q.answered(intent, f"{r.athlete} was {place_words(r.place)} in the {what} at {where}{label}"
                                          f"{_in_mark(r)}, {by}.", [*ahead, r], notes=notes)
            said = (f"{r.athlete} was {place_words(r.place)} in the {what} at {where}{label}{_in_mark(r)}"
                    f"{_record_note(q, r)}")
            if "yesno" in p.cues and "win" in p.cues:
                # "did de grasse win the 200 at rio 2016": yes, or no and who won
                w = race.winner
                if r.place == 1:
                    return q.answered(intent, f"Yes: {said}.", [r], notes=notes)
                if w is not None:
                    return q.answered(intent, f"No: {said}, won by {with_nation(w.athlete, w.nationality)}"
                                              f"{_in_mark(w)}.", [w, r], notes=notes)
            with_them = [x for person in q.people[1:] for x in rows if x.athlete_id == person.id and x.place]
            if with_them and not between and not ("yesno" in p.cues and "win" in p.cues):
                # "kerr and ingebrigtsen at pre 2024": each athlete named, in the one race
                said += "; " + "; ".join(f"{x.athlete} {place_words(x.place or 0)}{_in_mark(x)}" for x in with_them)
                return q.answered(intent, f"{said}.", [r, *with_them], notes=notes)
            if margin_said and not between:
                # "how far back was hassan": the gap to the winner (or the winner's margin), in the headline
                gap = margin_said.removeprefix(f"{r.athlete} ").removeprefix("was ").removeprefix("won ")
                return q.answered(intent, f"{said}, {gap.rstrip('.')}.", rows[:1] if r.place == 1 else
                                  [x for x in rows if x.place == 1][:1] + [r],
                                  notes=[n for n in notes if not n.startswith("Margin: ")])
            if between:   # "by how much did kerr beat ingebrigtsen": the gap, who was ahead said by it
                gap = between[0][:1].upper() + between[0][1:].rstrip(".")   # a tie's "the marks on file ..."
                return q.answered(intent, f"{gap} in the {what} at {where}{label}.", between[1],
                                  notes=notes)
            return q.answered(intent, f"{said}.", [r], notes=notes)
        place = p.place or 1
        if place == -1:
            places = [r.place for r in rows if r.place]
            place = places[-1] if places else 1
        target = [r for r in rows if r.place == place]
        if not target:
            return q.unknown(intent, f"I have no {place_words(place)} place in the {what} at {where}.")
        r = target[0]
        also = f" (tied with {', '.join(x.athlete for x in target[1:])})" if len(target) > 1 else ""
        won = [x for x in rows if x.place == 1]
        if place != 1 and won and not any(x.place == 1 for x in named):
            # "who won ... and who was 5th": the winner is said beside any other place
            notes = [*notes, f"Won by {with_nation(won[0].athlete, won[0].nationality)}{_in_mark(won[0])}."]
        return q.answered(intent, f"{with_nation(r.athlete, r.nationality)} was {place_words(place)} in the "
                                  f"{what} at {where}{label}{_in_mark(r)}{_record_note(q, r)}{also}.", target,
                          notes=notes)
    winners = [r for r in rows if r.place == 1]
    if not winners:
        longer = _run_within(q, race)
        if longer is not None:
            code, winner = longer
            longer_what = event_words(code, q.sex or "M").split(" ", 1)[1]
            return q.answered("results", f"I have no {what} race at {where}: these {what.split(' ', 1)[1]} times "
                                         f"were run on the way in the {longer_what}, won by "
                                         f"{with_nation(winner.athlete, winner.nationality)}{_in_mark(winner)}.",
                              rows, notes=notes)
        return q.answered("results", f"Results of the {what} at {where}{label} (no places recorded):", rows,
                          notes=notes)
    w = winners[0]
    if intent == "podium":
        podium = [r for r in rows if r.place in (1, 2, 3)]
        medal = "medallists" if comp.level in ("OG", "WCH", "WIC") else "podium"
        listing = "; ".join(f"{place_words(r.place)} {r.athlete}" + (f" {r.mark}" if r.mark else "")
                            for r in podium if r.place is not None)  # all of them
        return q.answered(intent, f"The {what} {medal} at {where}: {listing}.", podium, notes=notes)
    if intent == "results":
        return q.answered(intent, f"Results of the {what} at {where}{label}: {w.athlete} won{_in_mark(w)}.",
                          rows, notes=notes)
    if "shared" in q.parsed.cues:
        return _shared_place(q, what, f"{where}{label}", rows, notes)
    tie = f" (tied with {', '.join(x.athlete for x in winners[1:])})" if len(winners) > 1 else ""
    if margin_said and (not q.people or q.people[0].id == w.athlete_id):   # "by how much did hocker win"
        said = f"{w.athlete} won the {what} at {where}{label}{_in_mark(w)}{_record_note(q, w)}{tie}"
        lead = f"{w.athlete} won by "
        said = (f"{said}, by {margin_said[len(lead):]}" if margin_said.startswith(lead)
                else f"{said}; {margin_said}")
        return q.answered("winner", said, rows, notes=[n for n in notes if not n.startswith("Margin: ")])
    return q.answered("winner", f"{w.athlete} won the {what} at {where}{label}{_in_mark(w)}"
                                f"{_record_note(q, w)}{tie}.", rows, notes=notes)


_MEDAL_PLACE = {"silver": 2, "bronze": 3}


def _shared_place(q: Query, what: str, where: str, rows: list[Row], notes: list[str]) -> Answer:
    """"was the gold shared? who got it", "a dead heat for bronze?": yes or no, and everyone on that place."""
    place = next((_MEDAL_PLACE[w] for w in q.parsed.tokens if w in _MEDAL_PLACE), 1)
    at = [r for r in rows if r.place == place]
    if not at:
        return q.unknown("winner", f"I have no {place_words(place)} place in the {what} at {where}.")
    if len(at) > 1:
        who = and_list([with_nation(x.athlete, x.nationality) for x in at])
        return q.answered("winner", f"Yes: {place_words(place)} place in the {what} at {where} was shared by {who}"
                                    f"{_in_mark(at[0])}.", at, notes=notes)
    one = at[0]
    did = "won" if place == 1 else f"was {place_words(place)} in"
    return q.answered("winner", f"No: {with_nation(one.athlete, one.nationality)} {did} the {what} at {where} "
                                f"alone{_in_mark(one)}.", rows, notes=notes)


def _places_answer(q: Query, what: str, where: str, rows: list[Row], notes: list[str]) -> Answer:
    """Exactly the places asked ("who finished 1st and 2nd", "top two"), everyone sharing one of them; a place
    no one has in my results is said."""
    places = q.parsed.places
    got = [r for r in rows if r.place in places]
    if not got:
        return q.unknown("place", f"I have no {and_list([place_words(k) for k in places])} places in the {what} at "
                                  f"{where}.")
    said = "; ".join(f"{place_words(r.place or 0)} {with_nation(r.athlete, r.nationality)}{_in_mark(r)}"
                     f"{' (tied)' if sum(x.place == r.place for x in got) > 1 else ''}" for r in got)
    missing = [k for k in places if not any(r.place == k for r in got)]
    if missing:
        notes = [*notes, f"No {and_list([place_words(k) for k in missing])} place in my results of this race."]
    return q.answered("podium" if places == [1, 2, 3] else "place", f"The {what} at {where}: {said}.", got,
                      notes=notes)


def _round_answer(q: Query, what: str, races: list[Race], notes: list[str], held: list[Race]) -> Answer:
    """One round (every race of it, in order) of an event at a meet; what: the event in words ("men's mile");
    held: every race of the event there, for the other rounds' note."""
    rows: list[Row] = []
    races = _in_order(races)
    for r in races:
        for row in r.rows:
            row.note = f"{r.round}{r.heat or ''}" + (f" {row.note}" if row.note else "")
            rows.append(row)
    comp = races[0].competition
    winners = ", ".join(f"{r.winner.athlete} {r.winner.mark} ({_race_name(r)})" for r in races if r.winner)
    rnd = races[0].round or ""
    name = _ROUND_WORDS.get(rnd, f"{rnd} round")
    count = f"{len(races)} race{'s' if len(races) != 1 else ''}"
    others = [r for r in held if r.round not in (rnd, "CE") and not _is_final(r)]
    if others:
        notes = [*notes, f"Other rounds on file: {_rounds_held(others)} (ask for one by name)."]
    if q.parsed.heat is not None and len(races) == 1:
        race = _race_name(races[0])
        w = races[0].winner
        won = f" won by {with_nation(w.athlete, w.nationality)}{_in_mark(w)}" if w else " (no places on file)"
        return q.answered("results", f"{race[0].upper()}{race[1:]} of the {what} at "
                                     f"{competition_words(comp, q.cat)}:{won}.", rows, notes=notes)
    # "fastest", "best throw", "fastest time" (read as a best when no athlete is named)
    asked = "best" in q.parsed.cues or ("pb" in q.parsed.cues and not q.people)
    best = _best_of_round(q, races) if asked and len(races) > 1 else None
    if best is not None:   # "fastest time in the rio 100 heats": the round's best mark leads
        in_race, row = best
        adjective = "fastest" if ev.get(q.event or "").lower_is_better else "best"
        lead = (f"The {adjective} in the {name} of the {what} at {competition_words(comp, q.cat)}: "
                f"{with_nation(row.athlete, row.nationality)}{_in_mark(row)} ({_race_name(in_race)}).")
        return q.answered("results", f"{lead} {count[0].upper()}{count[1:]}, won by {winners}.", rows, notes=notes)
    return q.answered("results", f"{name[0].upper()}{name[1:]} of the {what} at {competition_words(comp, q.cat)}: "
                                 f"{count}, won by {winners}.", rows, notes=notes)


def _best_of_round(q: Query, races: list[Race]) -> tuple[Race, Row] | None:
    """The round's best legal mark and its race (a tie: the first race run); None when no mark reads."""
    code = q.event or ""
    sign = 1 if ev.get(code).lower_is_better else -1
    found: list[tuple[float, int, Race, Row]] = []
    for k, race in enumerate(races):
        for row in race.rows:
            try:
                value = marks.parse_mark(row.mark or "", code).value
            except marks.MarkError:
                continue
            if value is not None:
                found.append((sign * value, k, race, row))
    if not found:
        return None
    _, _, race, row = min(found, key=lambda f: (f[0], f[1]))
    return race, row


def threshold_in_races(q: Query, e: EventRow, value: float, gap: Callable[[int | None], str | None]) -> Answer:
    """"how many broke 3:30 in the paris 1500 final": the count within that race (the main final, or every race
    of the round named) of the edition named; a championship with no edition named: every edition's race.
    gap(year): why such marks of that year may be missing from my data (athletes._gap), said with the count."""
    p = q.parsed
    editions = p.year is not None or any(s == p.meet for s in p.city_years.values())
    if editions:
        comps, problem = competitions_for(q)
        if problem:
            return problem
        groups = [comps]
    else:
        assert p.meet is not None
        groups = [q.cat.competitions.get((p.meet, y), []) for y in sorted(q.cat.years_of(p.meet))]
    rnd = p.round if p.round and p.round != "F" else None
    chosen: list[Race] = []
    for comps in groups:
        races = races_at(q, comps, e.id) if comps else []
        if rnd:
            chosen += [r for r in races if r.round == rnd]
        else:
            chosen += _best_first(q, [r for r in races if _is_final(r)])[:1]
    what = event_words(e.code, e.sex)
    race_words = _ROUND_WORDS.get(rnd, rnd) if rnd else "final"
    where = competition_words(chosen[0].competition, q.cat) if editions and chosen else \
        f"the {q.cat.series_name(p.meet or '')}, every edition in my data"
    if not chosen:
        held = competition_words(groups[0][0], q.cat) if editions and groups[0] else q.cat.series_name(p.meet or "")
        return q.unknown("threshold", f"I have no {race_words} of the {what} at {held} in my data.", [])
    beats = "<" if e.lower_is_better else ">="
    ids = [r.id for r in chosen]
    found = q.conn.execute(
        f"SELECT a.name, {MARK_NATION}, a.id, res.mark, res.place, r.date, r.venue, res.source_id, r.id "
        "FROM results res JOIN athletes a ON a.id = res.athlete_id JOIN races r ON r.id = res.race_id "
        f"WHERE res.race_id IN ({','.join('?' * len(ids))}) AND res.mark_value {beats} ? AND {VALID} "
        f"ORDER BY res.mark_value {'ASC' if e.lower_is_better else 'DESC'}", (*ids, value)).fetchall()
    by_race = {r.id: r for r in chosen}
    rows = [Row(athlete=n, mark=m, place=pl, nationality=nat, date=d, venue=v, athlete_id=aid, source=src,
                competition=by_race[rid].competition.name, note=_race_name(by_race[rid]))
            for n, nat, aid, m, pl, d, v, src, rid in found]
    people = {r.athlete_id for r in rows}
    n = len(people)
    who = {"M": ("man", "men"), "W": ("woman", "women")}[e.sex][n != 1]
    limit = fmt_value(value, e.code)
    word = "under" if e.lower_is_better else "to or beyond"
    times = f" ({len(rows)} times)" if len(rows) != n else ""
    listing = ", ".join(f"{r.athlete} {r.mark}" for r in rows[:12])
    missing = gap(p.year if editions else None)
    if missing:
        q.assumptions.append(f"{missing}, so the true number may be higher.")
    return q.answered("threshold", f"{n} {who} {'was' if n == 1 else 'were'} {word} {limit}{times} in the "
                                   f"{race_words} of the {what} at {where}" + (f": {listing}." if rows else "."),
                      rows, entities={"mark": limit, "count": n})


def most_wins(q: Query) -> Answer:
    """"who has won the bowerman mile the most": the athletes with the most wins of that meeting's event, counted
    in the main final of each edition (the Bowerman Mile, not a second mile), a tie naming everyone."""
    p = q.parsed
    e = q.require_event("medal_table", "who has won the mile at pre the most")
    if isinstance(e, Answer):
        return e
    assert p.meet is not None
    name = q.cat.series_name(p.meet)
    wins: dict[int, list[Row]] = {}
    years = []
    for year in q.cat.years_of(p.meet):
        finals = _best_first(q, [r for r in races_at(q, q.cat.competitions[(p.meet, year)], e.id) if _is_final(r)])
        winner = finals[0].winner if finals else None
        if winner is None or winner.athlete_id is None:
            continue
        years.append(year)
        winner.competition, winner.note = finals[0].competition.name, str(year)
        wins.setdefault(winner.athlete_id, []).append(winner)
    what = event_words(e.code, e.sex)
    if not wins:
        return q.unknown("medal_table", f"I have no winners of the {what} at the {name} in my data.", [])
    most = max(len(w) for w in wins.values())
    ranked = sorted(wins.values(), key=lambda w: (-len(w), w[0].date or ""))
    top = [w for w in ranked if len(w) == most]
    rows = []
    for won in ranked[:10]:
        first = won[0]
        rows.append(Row(athlete=first.athlete, mark=None, place=1 + sum(1 for w in ranked if len(w) > len(won)),
                        nationality=first.nationality, athlete_id=first.athlete_id,
                        note=f"{len(won)} win{'s' if len(won) != 1 else ''}: {', '.join(w.note or '' for w in won)}"))
    who = and_list([f"{with_nation(w[0].athlete, w[0].nationality)} ({', '.join(x.note or '' for x in w)})"
                    for w in top])
    q.assumptions.append(f"Counted over the editions of the {name} in my data with a {what} final ({len(years)}: "
                         f"{years[0]}–{years[-1]}), the main race of each.")
    times = f"{most} time{'s' if most != 1 else ''}"
    return q.answered("medal_table", f"The most wins of the {what} at the {name} in my data: {who}, {times}"
                                     f"{' each' if len(top) > 1 else ''}.", rows, entities={"wins": most})


QUERIED_FIRST = 30   # record notes read with a query before the records are read into memory


def record_kinds(conn: sqlite3.Connection, athlete_id: int, event_id: int, date: str,
                 mark: str | None) -> list[tuple[str, str]]:
    """The distinct (kind, region) of the records an athlete set with a mark on a day, ordered by kind then
    region (NULL first), as `SELECT DISTINCT kind, region FROM records WHERE athlete_id = ? AND event_id = ?
    AND date = ? AND mark = ?` reads them along the records' (kind, region, ...) index: from every record read
    once per database file, not a scan of the records per row."""
    state = kept(conn, "record_kinds")
    if "by_day" not in state:
        # a few questions ask the query (a fresh `bot ask` answers one: reading every record would cost it 40 ms)
        state["asked"] = state.get("asked", 0) + 1
        if state["asked"] <= QUERIED_FIRST:
            return conn.execute("SELECT DISTINCT kind, region FROM records WHERE athlete_id = ? AND event_id = ? "
                                "AND date = ? AND mark = ? ORDER BY kind, region",   # the index no longer orders
                                (athlete_id, event_id, date, mark)).fetchall()
        by_day: dict[tuple, list[tuple]] = {}
        for aid, eid, day, m, kind, region in conn.execute(
                "SELECT athlete_id, event_id, date, mark, kind, region FROM records"):
            by_day.setdefault((aid, eid, day), []).append((m, kind, region))
        state["by_day"] = by_day
    by_day = state["by_day"]
    if athlete_id is None or event_id is None or date is None or mark is None:     # `= NULL` matches nothing
        return []
    found = {(kind, region) for m, kind, region in by_day.get((athlete_id, event_id, date), ()) if m == mark}
    return sorted(found, key=lambda k: (k[0] is not None, k[0] or "", k[1] is not None, k[1] or ""))


def _record_note(q: Query, row: Row) -> str:
    """' (British record)' when the mark is a record the database lists for that athlete on that day."""
    if row.athlete_id is None or row.date is None:
        return ""
    e = q.event_row()
    if e is None:
        return ""
    order = {"world": 0, "olympic": 1, "area": 2, "national": 3}
    kinds = sorted((k for k in record_kinds(q.conn, row.athlete_id, e.id, row.date, row.mark) if k[0] in order),
                   key=lambda k: order[k[0]])
    if not kinds:
        return ""
    return " (" + ", ".join(record_words(k, r) for k, r in kinds[:2]) + ")"


def levels_asked(p) -> tuple[str, ...]:
    """The championships a medal question counts: those it names ("olympic and world"), the one it names, or
    all three (Olympic, World, World Indoor: what an athlete's profile counts)."""
    if p.meets:
        return tuple(dict.fromkeys(p.meets))
    return (p.meet,) if p.meet in ("OG", "WCH", "WIC") else ("OG", "WCH", "WIC")


def event_filter(q: Query, where: list[str], args: list) -> None:
    """Narrow a query over events `e` to the event and sex asked."""
    if q.event:
        where.append("e.code = ?")
        args.append(q.event)
    if q.sex:
        where.append("e.sex = ?")
        args.append(q.sex)


def _editions(p, levels: tuple[str, ...]) -> set[tuple[str, int]]:
    """The championships a medal count is narrowed to, as (series, year): the years asked at every level, or
    the editions held in the city named ("at rio": the 2016 Games, not that year's World Indoors elsewhere)."""
    if p.years:
        return {(level, y) for level in levels for y in p.years}
    return {(sid, y) for y, sid in p.city_years.items() if sid in levels}


def medal_count(q: Query) -> Answer:
    p = q.parsed
    levels: tuple[str, ...] = ("WIC",) if p.indoor else ("OG", "WCH", "WIC")   # what an athlete's profile counts
    if p.meet in ("OG", "WCH", "WIC") and ("titled" in p.cues or not (p.meet_by_city and p.year is None)):
        # a city alone ("bolt medals in beijing") is every championship held there, not only the latest
        levels = levels_asked(p)
    if not q.people and p.city_years and p.year is None:
        # "gb medals in paris": a nation's at the latest championship held there (an athlete's career picks
        # out their own editions, a nation's would mix a century of them), the others named
        held = sorted((y, sid) for y, sid in p.city_years.items() if sid in levels)
        if held:   # one championship held there ("at rio": the 2016 Games) is the scope, and the headline's
            year, sid = held[-1]
            if len(held) > 1:
                q.assumptions.append(
                    f"Read as the {q.cat.series_name(sid)} {year}, the latest championship held in that city (also: "
                    f"{and_list([f'{q.cat.series_name(s)} {y}' for y, s in held[:-1]])}); add the year for another.")
            p.city_years, levels = {year: sid}, (sid,)
    if not q.people:
        return _nation_medals(q, levels)
    person = q.people[0]
    rows = athlete_medals(q, person.id, levels)
    if "individual" in p.cues:   # "individual world titles": relays aside
        rows = [r for r in rows if not ev.is_team(r[3])]
    what = ""
    named = list(dict.fromkeys(p.events))
    if len(named) > 1:   # "world titles over 5k and 10k": those events' medals, together
        rows = [r for r in rows if r[3] in named]
        what = f" in the {and_list([event_words(c, person.sex).split(' ', 1)[1] for c in named])}"
    elif q.event:   # "bolt 100m medals", "bolt relay golds": that event's medals only
        rows = [r for r in rows if r[3] == q.event]
        what = f" in the {event_words(q.event, person.sex).split(' ', 1)[1]}"
    elif "relays" in p.cues:   # "felix relay golds": every relay she ran
        rows = [r for r in rows if ev.get(r[3]).kind == ev.RELAY]
        what = " in relays"
    # a year, or the editions of the host city named ("sifan hassan medals in paris": 2024 and 2003)
    editions = _editions(p, levels)
    years = {y for _, y in editions}
    if editions:   # "how many golds did bolt win in 2009": that year's championships
        rows = [r for r in rows if (r[1], r[2]) in editions]
        if not any(e in q.cat.competitions for e in editions):
            names = ", ".join(q.cat.series_name(level) for level in levels)
            when = q.when() if p.span else f" in {' or '.join(str(y) for y in sorted(years))}"
            return q.unknown("medal_count", f"I have no {names}{when}.", [])
    medal = p.medal or "any"
    want = MEDAL_PLACES[medal]
    out = []
    tally = {1: 0, 2: 0, 3: 0}
    for _cid, _sid, _year, code, place, mark, date, cname, src, nation in rows:
        tally[place] += 1
        if place in want:
            out.append(Row(athlete=person.name, mark=mark, place=place, nationality=nation or person.nationality,
                           date=date,
                           competition=cname, event=code, note=MEDAL_EMOJI[place], athlete_id=person.id,
                           source=src))
    if q.event is None or ev.get(q.event).kind == ev.RELAY:   # an individual event asked: no relay to explain
        q.assumptions.append(_RELAY_NOTE if "OG" in levels else "Individual events only: relay medals at these "
                                                                   "championships are recorded for teams.")
    headline = _medal_headline(person.name, tally, medal, levels, sorted(years), what, q.when() if p.span else None)
    gone = sorted({ev.get(r.event).name for r in out if r.event in ev.DISCONTINUED})
    if gone:   # Nurmi's cross-country and team golds: events no longer held, named so
        q.assumptions.append(f"Includes events no longer held at the Olympics: {and_list(gone)}.")
    return q.answered("medal_count", headline, out, entities={"medal": medal})


_RELAY_NOTE = ("Relay medals count where a source names the team's runners (the Olympic medal list; for 2016, the "
               "Rio results); World Championships relays are recorded for teams only.")


def athlete_medals(q: Query, athlete_id: int, levels: tuple[str, ...]) -> list[tuple]:
    """An athlete's medals at those championship levels, theirs in individual events and as a relay team's
    runner, by date: (competition id, series, year, event, place, mark, date, competition name, source, the
    nation of the result row or the team)."""
    marks = ",".join("?" * len(levels))
    rows = q.conn.execute(
        f"SELECT c.id, c.series_id, c.year, e.code, min(res.place), res.mark, r.date, c.name, res.source_id, "
        f"res.nation FROM results res JOIN races r ON r.id = res.race_id JOIN competitions c ON c.id = r.competition_id "
        f"JOIN events e ON e.id = r.event_id "
        f"WHERE res.athlete_id = ? AND c.level IN ({marks}) AND (r.round = 'F' OR r.round IS NULL) "
        f"AND res.place BETWEEN 1 AND 3 AND {VALID} "
        f"GROUP BY c.id, e.code ORDER BY c.year, e.code", (athlete_id, *levels)).fetchall()
    rows += _relay_medals(q, athlete_id, levels)
    rows.sort(key=lambda r: (r[2], r[6] or "", r[3]))
    return rows


def _relay_medals(q: Query, athlete_id: int, levels: tuple[str, ...]) -> list[tuple]:
    """An athlete's relay medals as a runner of the team (relay_members), in medal_count's row shape, with the
    team's mark in that final when a result has it."""
    marks = ",".join("?" * len(levels))
    return q.conn.execute(
        f"SELECT c.id, c.series_id, c.year, e.code, m.place, "
        f"(SELECT res.mark FROM results res JOIN races r ON r.id = res.race_id JOIN athletes t ON t.id = res.athlete_id "
        f" WHERE r.competition_id = c.id AND r.event_id = e.id AND t.is_team = 1 AND t.nationality = m.nation "
        f" AND res.place = m.place AND res.mark IS NOT NULL LIMIT 1), "
        f"(SELECT min(r.date) FROM races r WHERE r.competition_id = c.id AND r.event_id = e.id), c.name, m.source_id, "
        f"m.nation FROM relay_members m JOIN competitions c ON c.id = m.competition_id JOIN events e ON e.id = m.event_id "
        f"WHERE m.athlete_id = ? AND c.level IN ({marks}) AND m.place BETWEEN 1 AND 3 "
        f"GROUP BY c.id, e.code", (athlete_id, *levels)).fetchall()


MEDAL_PLACES = {"gold": (1,), "silver": (2,), "bronze": (3,), "any": (1, 2, 3)}
_LEVEL_WORDS = {"OG": "Olympic", "WCH": "World Championships", "WIC": "World Indoor"}


def _medal_headline(who: str, tally: dict[int, int], medal: str, levels: tuple[str, ...], years: list[int],
                    what: str, span: str | None = None) -> str:
    """'Carl Lewis has 7 Olympic gold medals in my data.', 'KEN has 13 Olympic medals in 2016 in my data (6
    gold, 6 silver, 1 bronze).'"""
    n = sum(tally[x] for x in MEDAL_PLACES[medal])
    kind = "medal" if medal == "any" else f"{medal} medal"
    words = [_LEVEL_WORDS[lv] for lv in levels]
    where = and_list(words) + " " if words else ""
    when = span if span is not None else (" in " + and_list([str(y) for y in years])) if years else ""
    detail = f" ({tally[1]} gold, {tally[2]} silver, {tally[3]} bronze)" if medal == "any" else ""
    return f"{who} has {n} {where}{kind}{'s' if n != 1 else ''}{what}{when} in my data{detail}."


def podium_medals(q: Query, levels: tuple[str, ...], nation: str | None = None) -> tuple[list[tuple], list[int]]:
    """The medals of the championships asked (a year or the host city's editions, an event, a sex and a nation
    narrow them), one per athlete on a final's podium and one per relay team, as (competition id, name, event,
    sex, place, athlete id, name, is team, mark, date, source, nation) in date order; and the years asked."""
    p = q.parsed
    where = [f"c.level IN ({','.join('?' * len(levels))})"]
    args: list = [*levels]
    # a year, or the editions of the host city named ("at rio": 2016)
    editions = sorted(_editions(p, levels))
    years = sorted({y for _, y in editions})
    if editions:
        where.append("(" + " OR ".join(["(c.level = ? AND c.year = ?)"] * len(editions)) + ")")
        args += [x for e in editions for x in e]
    event_filter(q, where, args)
    # the championships' results read meet by meet (CHAMPIONSHIP_RESULTS), not every result walked (0.6 s);
    # res.id last keeps ties in the order the walk gave them
    rows = q.conn.execute(
        "SELECT DISTINCT c.id, c.name, e.code, e.sex, res.place, a.id, a.name, a.is_team, res.mark, r.date, "
        f"res.source_id, {MARK_NATION} FROM {CHAMPIONSHIP_RESULTS} JOIN events e ON e.id = r.event_id "
        f"JOIN athletes a ON a.id = res.athlete_id WHERE {' AND '.join(where)} AND (r.round = 'F' OR r.round IS NULL) "
        f"AND res.place BETWEEN 1 AND 3 AND {VALID} ORDER BY r.date, e.code, res.nation IS NULL, res.id",
        args).fetchall()
    # an athlete's medal once per final, whichever copy holds it: the copy with the nation the result was won
    # for first (Kumbernuss's 1996 gold is Germany's, though her file's nation is GDR)
    seen: set[tuple] = set()
    medals = []
    for row in rows:
        if (row[0], row[2], row[3], row[5]) not in seen:
            seen.add((row[0], row[2], row[3], row[5]))
            medals.append(row)
    if nation:
        medals = [m for m in medals if m[11] == nation]
    return medals, years


def _nation_medals(q: Query, levels: tuple[str, ...]) -> Answer:
    """A nation's medals at the championships asked (a year, an event, a sex narrow it): one per athlete on a
    podium, one per relay team."""
    p = q.parsed
    nation = p.nation
    assert nation is not None   # the engine sends only a nation's count here
    medals, years = podium_medals(q, levels, nation)
    medal = p.medal or "any"
    want = MEDAL_PLACES[medal]
    tally = {k: sum(1 for m in medals if m[4] == k) for k in (1, 2, 3)}
    out = [Row(athlete=name, mark=mark, place=place, nationality=nation, date=date, competition=cname, event=code,
               note=MEDAL_EMOJI[place], athlete_id=None if team else aid, source=src)
           for _cid, cname, code, _sex, place, aid, name, team, mark, date, src, _nat in medals if place in want]
    what = ""
    if q.event:
        sexes = {m[3] for m in medals}
        # no sex asked: both sexes' races count, and the words say so
        what = f" in the {event_words(q.event, q.sex or 'M')}" if q.sex or len(sexes) < 2 else \
            f" in the men's and women's {ev.get(q.event).name}"

    q.assumptions.append("By the nation the result was won for where the source gives it, else the athlete's "
                         "nation on file; a relay medal counts once, for the team; events in my data only.")
    headline = _medal_headline(nation, tally, medal, levels, years, what, q.when() if p.span else None)
    if p.meet_by_city and len(levels) == 1 and len(years) == 1 and not p.span:
        # "kenya medals at rio": the championship asked, named as such, not a year's championships
        at = f" at the {years[0]} {q.cat.series_name(levels[0])} in {p.meet_by_city.title()}"
        headline = _medal_headline(nation, tally, medal, (), [], f"{what}{at}")
    if _asks_who(p):
        headline = _medallists(headline, out, [m[3] for m in medals if m[4] in want])
    return q.answered("medal_count", headline, out, entities={"medal": medal, "nation": nation})


def _asks_who(p) -> bool:
    """"which americans won medals at the 2024 olympics": the medallists asked for, not how many."""
    return "askwho" in p.cues and "howmany" not in p.cues


def _medallists(headline: str, rows: list[Row], sexes: list[str]) -> str:
    """The count's headline followed by every medal: athlete, event, medal and mark (each row says it too)."""
    items = []
    for r, sex in zip(rows, sexes, strict=True):
        event = event_words(r.event, sex) if r.event else "?"
        r.note = f"{MEDAL_EMOJI.get(r.place or 0, '')}, {event}"
        items.append(f"{r.athlete} ({event}, {MEDAL_EMOJI.get(r.place or 0, '')}{', ' + r.mark if r.mark else ''})")
    return f"{headline.rstrip('.')}: " + "; ".join(items) + "." if items else headline


def win_count(q: Query) -> Answer:
    """An athlete's wins at Diamond League meetings ("duplantis dl wins") or at one meeting ("how many times has
    kipyegon won at pre"): first places in finals, one a race, an event and a year narrowing them."""
    p = q.parsed
    person = q.people[0]
    if p.meet_by_city and not (p.meet or "").startswith("DL-"):
        return _wins_in_city(q, p.meet_by_city)
    series = p.meet if (p.meet or "").startswith("DL-") else None
    if series and p.city_years and "dl_named" not in p.cues and (city := _dl_city(q, series)):
        # "how many times did farah win london": a city that held championships too is every race won there
        # (the 2012 Games with its meeting); "london dl" is the meeting's
        return _wins_in_city(q, city)
    where = ["res.athlete_id = ?", "res.place = 1", "(r.round = 'F' OR r.round IS NULL)", VALID]
    args: list = [person.id]
    if series:
        where.append("c.series_id = ?")
        args.append(series)
    else:
        where.append(DL_MEETING)
    if q.event:
        where.append("e.code = ?")
        args.append(q.event)
    if p.years:
        where.append(f"c.year IN ({','.join('?' * len(p.years))})")
        args += list(p.years)
    rows = q.conn.execute(
        "SELECT r.id, r.date, e.code, res.mark, c.name, r.venue, res.source_id, res.nation FROM results res JOIN "
        "races r ON "
        "r.id = res.race_id JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
        f"WHERE {' AND '.join(where)} ORDER BY r.date", args).fetchall()
    seen: set[tuple] = set()
    out = []
    for _rid, date, code, mark, comp, venue, src, nation in rows:
        if (date, code) in seen:   # two sources of one race
            continue
        seen.add((date, code))
        out.append(Row(athlete=person.name, mark=mark, place=1, nationality=nation or person.nationality, date=date,
                       competition=comp, venue=venue, event=code, athlete_id=person.id, source=src,
                       note=event_words(code, person.sex).split(" ", 1)[1]))
    where_words = f"the {q.cat.series_name(series)}" if series else "Diamond League meetings"
    what = f" in the {event_words(q.event, person.sex).split(' ', 1)[1]}" if q.event else ""
    when = q.when() if p.span else f" in {and_list([str(y) for y in p.years])}" if p.years else ""
    n = len(out)
    # complete only inside the archive's years; elsewhere a win in a slow race may be missing
    partial = not p.years or any(not 2010 <= y <= 2022 for y in p.years)
    q.assumptions.append("Every race won at those meetings counts, Diamond League discipline or not."
                         if not series else "Finals only; one win a race.")
    if partial:
        q.assumptions.append("Complete results only for 2010 to June 2023 (the Diamond League archive); other "
                             "years come from World Athletics' all-time lists, whose marks stop at a cut-off, so "
                             "wins in slower races may be missing.")
    at_least = "at least " if partial and n else ""
    if not n:
        headline = f"I have no win by {person.name} at {where_words}{what}{when} in my data."
    else:
        headline = (f"{person.name} has won {at_least}{n} time{'s' if n != 1 else ''} at {where_words}{what}{when} "
                    f"in my data, the latest on {fmt_date(out[-1].date)}.")
    if not series:
        headline = headline.replace("Diamond League meetings", "Diamond League meetings (2010 on)")
    return q.answered("win_count", headline, out[::-1], entities={"wins": n})


def _wins_in_city(q: Query, city: str) -> Answer:
    """"how many times has kipchoge won berlin": an athlete's first places in finals held in a city (its city
    marathon has no meeting name), the championships held there among them; an event narrowing them. A race
    is in the city by its venue, or, with none given, by its competition's other races' venues (the Olympic
    medal list has no venue). Lists cut off below their best marks, so the count is a floor."""
    p = q.parsed
    person = q.people[0]
    where, args = _theirs(q, ["res.place = 1", "(r.round = 'F' OR r.round IS NULL)", VALID], [])
    rows = q.conn.execute(
        "SELECT r.date, c.year, e.code, res.mark, c.name, r.venue, res.source_id, res.nation, c.series_id, "
        "(SELECT group_concat(DISTINCT o.venue) FROM races o WHERE o.competition_id = r.competition_id) "
        "FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id "
        f"LEFT JOIN competitions c ON c.id = r.competition_id WHERE {' AND '.join(where)} "
        "ORDER BY coalesce(r.date, c.year || '-12-31')", args).fetchall()
    named = lx.city_names(city)
    # the city's own meetings ("rome": the Golden Gala), for their editions no source gives a venue for
    meetings = {sid for sid, (_n, _l, aliases) in q.cat.series.items() if set(aliases) & set(named)}
    out: list[Row] = []
    unplaced: list[tuple[str, int]] = []   # wins at those meetings in editions with no venue: (meeting, year)
    seen: set[tuple] = set()
    for date, year, code, mark, comp, venue, src, nation, sid, venues in rows:
        key = (comp or date, code)
        if key in seen or (date, code) in seen:   # two sources of one race
            continue
        if not (venue or venues) and sid in meetings:
            seen.add(key)
            unplaced.append((q.cat.series_name(sid), year))
            continue
        if not (places.in_city(venue, named) if venue else places.in_city(venues, named)):
            continue
        seen |= {key, (date, code)} if date else {key}
        out.append(Row(athlete=person.name, mark=mark, place=1, nationality=nation or person.nationality, date=date,
                       competition=comp, venue=venue, event=code, athlete_id=person.id, source=src,
                       note=event_words(code, person.sex).split(" ", 1)[1] + f" {(date or '')[:4] or year}"))
    place = city.title()
    held = [f"{q.cat.series_name(sid)} {y}" for y, sid in sorted(p.city_years.items())]
    q.assumptions.append(f"“{place}” read as every race I have held in {place}"
                         + (f" (the {and_list(held)} among them)" if held else "")
                         + "; ask for the championship or meeting by name for its own.")
    q.assumptions.append("From the venues the sources give; World Athletics' lists stop at a cut-off, so wins in "
                         "slower races may be missing.")
    what = f" in the {event_words(q.event, person.sex).split(' ', 1)[1]}" if q.event else ""
    aside = ""
    if unplaced:
        # said apart, not counted: a meeting is held elsewhere some years (the London meeting in Glasgow, 2014)
        by_meeting: dict[str, list[int]] = {}
        for meeting, y in unplaced:
            by_meeting.setdefault(meeting, []).append(y)
        aside = ("; not counted, as my sources give no venue for those editions: wins at " + and_list(
            [f"the {m} {and_list([str(y) for y in sorted(ys)])}" for m, ys in by_meeting.items()]))
    if not out:
        headline = f"I have no win by {person.name} with a venue in {place}{what} in my data{aside}."
        return q.answered("win_count", headline, [], entities={"wins": 0, "city": city})
    n = len(out)
    if q.event:   # "kipchoge berlin marathon wins": the years
        races = and_list([(r.note or "").rsplit(" ", 1)[-1] for r in out])
        headline = (f"{person.name} has won the {what[8:]} in {place} at least {n} time{'s' if n != 1 else ''} in my "
                    f"data: {races}{aside}.")
        return q.answered("win_count", headline, out[::-1], entities={"wins": n, "city": city})
    if n <= 8:
        races = and_list([r.note or "" for r in out])
    else:   # where, most first: "6 at the London Athletics Meet, 2 at the Olympic Games 2012..."
        held_at: dict[str, int] = {}
        for r in out:
            at = re.sub(r" \d{4}$", "", r.competition) if r.competition and not r.competition.startswith(
                ("Olympic", "World")) else r.competition or "other races"
            held_at[at] = held_at.get(at, 0) + 1
        races = and_list([f"{v} {'at the ' + k if k != 'other races' else k}" if k != "other races" or v != 1
                          else "1 other race" for k, v in sorted(held_at.items(), key=lambda kv: -kv[1])])
    headline = (f"{person.name} has won at least {n} time{'s' if n != 1 else ''} in {place}{what} in my data: "
                f"{races}{aside}.")
    return q.answered("win_count", headline, out[::-1], entities={"wins": n, "city": city})
