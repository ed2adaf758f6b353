"""The youngest and oldest champions and medallists: "youngest olympic 1500 champion", "oldest world
champion", "youngest woman to win a world indoor medal".

Individual finals at the championships asked (results.levels_asked), their winners (or medallists, when a medal
or podium is asked), each athlete's age on the day of the final from the birth date on file. Only finals a source
with birth dates holds count (the toplists, Rio 2016): a medal list's name alone may be linked to a namesake.
"""
from __future__ import annotations

import datetime as dt

from bot.ask.answer import Answer, Row
from bot.ask.catalogue import Query, and_list, event_words, fmt_date, place_words, with_nation
from bot.ask.results import _LEVEL_WORDS, MARK_NATION, VALID, event_filter, levels_asked

SHOWN = 10
# Sources whose rows carry the athlete's birth date, so the athlete of the row is the one the date is of
_WITH_BIRTH_DATES = "('wa-toplists', 'rio2016-complete-tilastopaja')"


def age_record(q: Query) -> Answer:
    p = q.parsed
    if p.meet is not None and (p.year or p.meet_by_city) and q.event and not ({"win", "podium", "medals", "gold"}
                                                                              & p.cues):
        return _in_final(q)
    youngest = "youngest" in p.cues
    levels = levels_asked(p)
    medallists = bool({"podium", "medals"} & p.cues) and "win" not in p.cues
    where = [f"c.level IN ({','.join('?' * len(levels))})", "a.is_team = 0", "(r.round = 'F' OR r.round IS NULL)",
             VALID, "res.place BETWEEN 1 AND ?" if medallists else "res.place = ?",
             # the final as a source with birth dates has it: a medal list's name linked to a namesake (the 2000
             # Olympic marathon champion to a later Gezahegne Abera) is no age
             f"EXISTS (SELECT 1 FROM results own WHERE own.race_id = res.race_id AND own.athlete_id = res.athlete_id "
             f"AND own.source_id IN {_WITH_BIRTH_DATES})"]
    args: list = [*levels, 3 if medallists else 1]
    event_filter(q, where, args)
    if p.years:   # "youngest champion at the 2024 olympics": those editions
        where.append(f"c.year IN ({','.join('?' * len(p.years))})")
        args += list(p.years)
    if p.nation:
        where.append(f"{MARK_NATION} = ?")
        args.append(p.nation)
    rows = q.conn.execute(
        f"SELECT a.id, a.name, {MARK_NATION}, a.birth_date, r.date, c.name, e.code, e.sex, res.mark, res.place, "
        "res.source_id FROM results res JOIN races r ON r.id = res.race_id JOIN competitions c ON "
        "c.id = r.competition_id JOIN events e ON e.id = r.event_id JOIN athletes a ON a.id = res.athlete_id "
        f"WHERE {' AND '.join(where)} ORDER BY r.date", args).fetchall()
    seen: set[tuple] = set()
    placed, unknown = [], 0
    for aid, name, nat, born, date, comp, code, sex, mark, place, src in rows:
        if (aid, comp, code) in seen:   # one final, whichever source holds it
            continue
        seen.add((aid, comp, code))
        days = _days(born, date)
        if days is None:
            unknown += 1
            continue
        placed.append((days, aid, name, nat, date, comp, code, sex, mark, place, src, born))
    who = "medallist" if medallists else "champion"
    at = and_list([_LEVEL_WORDS[lv] for lv in levels])
    what = f" {event_words(q.event, q.sex or 'M').split(' ', 1)[1]}" if q.event else ""
    if not placed:
        return q.unknown("age_record", f"I have no {at}{what} {who} whose birth date I know.", [])
    placed.sort(key=lambda t: (t[0] if youngest else -t[0], t[4]))
    out = [Row(athlete=name, mark=mark, nationality=nat, date=date, competition=comp, event=code, place=place,
               athlete_id=aid, source=src, note=f"aged {_age(born, date)}, {event_words(code, sex)}")
           for _days_old, aid, name, nat, date, comp, code, sex, mark, place, src, born in placed[:SHOWN]]
    top = placed[0]
    sex = {"M": "men's ", "W": "women's "}.get(q.sex or "", "")
    when = f" of {and_list([str(y) for y in p.years])}" if p.years else ""
    headline = (f"The {'youngest' if youngest else 'oldest'} {at} {sex}{what.strip() + ' ' if what else ''}{who}{when} "
                f"in my data: {with_nation(top[2], top[3])}, aged {_age(top[11], top[4])}, {event_words(top[6], top[7])} "
                f"at the {top[5]} ({fmt_date(top[4])}, {top[8]}).")
    headline = " ".join(headline.split())
    if unknown:
        q.assumptions.append(f"{unknown} of the {len(placed) + unknown} {who}s' finals are of athletes with no birth "
                             f"date on file: they could not be placed.")
    q.assumptions.append("From the finals World Athletics' lists or the Rio 2016 results hold, with the athlete's "
                         "birth date: older finals, which only the medal lists have, are not counted.")
    return q.answered("age_record", headline, out, entities={"youngest": youngest})


def _days(born: str | None, on: str | None) -> int | None:
    if not born or not on or len(born) < 10:
        return None
    try:
        return (dt.date.fromisoformat(on[:10]) - dt.date.fromisoformat(born[:10])).days
    except ValueError:
        return None


def _age(born: str, on: str) -> str:
    """Years and days, as age records are told: "19 years 50 days", the days counted from the last birthday
    on the calendar (a mean year of 365.2425 days put Kiprop's 2008 final a day late). Born on 29 February,
    the birthday in other years is 28 February."""
    b, d = dt.date.fromisoformat(born[:10]), dt.date.fromisoformat(on[:10])
    years = d.year - b.year - ((d.month, d.day) < (b.month, b.day))
    last = b.year + years
    birthday = dt.date(last, b.month, min(b.day, 28) if (b.month, b.day) == (2, 29) and last % 4 else b.day)
    rest = (d - birthday).days
    return f"{years} years {rest} day{'s' if rest != 1 else ''}"


def _in_final(q: Query) -> Answer:
    """"youngest n oldest in the paris 1500 final": the finalists of that race by age, from their birth dates."""
    from bot.ask.results import competitions_for  # the meet and year as the race questions read them
    p = q.parsed
    comps, problem = competitions_for(q)
    if problem is not None:
        return problem
    sex = q.sex or "M"
    if q.sex is None:
        q.assumptions.append(f"No sex given: the {event_words(q.event or '', sex)} (say “women's” for the other).")
    e = q.cat.event(q.event or "", sex)
    if e is None or not comps:
        return q.unknown("age_record", "I have no such final.", [])
    ids = [c.id for c in comps]
    rows = q.conn.execute(
        f"SELECT a.id, a.name, {MARK_NATION}, a.birth_date, r.date, res.mark, res.place, res.source_id, c.name "
        "FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
        "JOIN competitions c ON c.id = r.competition_id "
        f"WHERE r.competition_id IN ({','.join('?' * len(ids))}) AND r.event_id = ? AND "
        f"(r.round = 'F' OR r.round IS NULL) AND a.is_team = 0 ORDER BY res.place", (*ids, e.id)).fetchall()
    seen: set[int] = set()
    aged: list[tuple] = []
    unknown: list[tuple] = []
    for aid, name, nat, born, date, mark, place, src, comp in rows:
        if aid in seen:
            continue
        seen.add(aid)
        days = _days(born, date)
        (aged if days is not None else unknown).append((days or 0, aid, name, nat, date, mark, place, src, comp, born))
    if not aged:
        return q.unknown("age_record", f"I have no birth dates of the {event_words(e.code, sex)} finalists there.", [])
    aged.sort()
    asked = [w for w in ("youngest", "oldest") if w in p.cues]
    picks = {"youngest": aged[0], "oldest": aged[-1]}
    said = "; ".join(f"the {w} {with_nation(picks[w][2], picks[w][3])}, aged {_age(picks[w][9], picks[w][4])} "
                     f"({place_words(picks[w][6]) if picks[w][6] else 'no place'})" for w in asked)
    comp = aged[0][8]
    out = [Row(athlete=name, mark=mark, nationality=nat, date=date, competition=comp_name, event=e.code, place=place,
               athlete_id=aid, source=src, note=f"aged {_age(born, date)}")
           for _days_old, aid, name, nat, date, mark, place, src, comp_name, born in aged]
    if unknown:
        q.assumptions.append(f"No birth date on file for {and_list([t[2] for t in unknown])}.")
    headline = f"In the {event_words(e.code, sex)} final at the {comp}: {said}."
    return q.answered("age_record", headline, out, entities={"youngest": "youngest" in asked})
