"""What happened on a day of the year: its world and Olympic records and championship wins, ranked by the
daily anniversaries' fame score (bot/ask/day_stories.py), records that still stand first as in the daily
post (a round anniversary, which only a post on the day itself celebrates, does not count): the day's most celebrated record or race leads (Bolt's 9.58 on 16 August, Bannister's first
sub-4:00 mile on 6 May), not whichever record is newest.
"""
from __future__ import annotations

import datetime as dt

from bot.ask.answer import Answer, Row
from bot.ask.catalogue import MONTH_NAMES, Query, event_words, record_words
from bot.ask.day_stories import Selector
from bot.ask.per_file import kept
from bot.ask.results import VALID


def on_this_day(q: Query) -> Answer:
    """The day's world and Olympic records and championship wins, the most celebrated first."""
    p = q.parsed
    month, day = p.date or (q.today.month, q.today.day)
    mmdd = f"{month:02d}-{day:02d}"
    label = f"{day} {MONTH_NAMES[month - 1]}"
    recs = q.conn.execute(
        "SELECT rec.kind, rec.region, rec.mark, rec.mark_value, a.name, coalesce(rec.nation, a.nationality), a.id, "
        "       rec.date, rec.venue, "
        "       rec.current, e.code, e.sex, rec.indoor, rec.source_id, s.authority "
        "FROM records rec JOIN athletes a ON a.id = rec.athlete_id JOIN events e ON e.id = rec.event_id "
        "JOIN sources s ON s.id = rec.source_id "
        "WHERE substr(rec.date, 6, 5) = ? AND rec.kind IN ('world', 'olympic') "
        "ORDER BY rec.current DESC, s.authority DESC", (mmdd,)).fetchall()
    rows: list[Row] = []
    seen = set()
    for kind, region, mark, value, name, nat, aid, date, venue, current, code, sex, indoor, src, _ in recs:
        key = (kind, aid, code, round(value, 2), date)
        if key in seen:
            continue
        seen.add(key)
        status = "still stands" if current else "since broken"
        io = "indoor " if indoor else ""
        rows.append(Row(athlete=name, mark=mark, nationality=nat, date=date, venue=venue, event=code, athlete_id=aid,
                        source=src, note=f"{event_words(code, sex)} {io}{record_words(kind, region)}, {status}"))
    rows.sort(key=lambda r: (0 if "still stands" in (r.note or "") else 1, "world" not in (r.note or ""),
                             -(int((r.date or '0')[:4]))))
    golds = q.conn.execute(
        f"SELECT a.name, coalesce(res.nation, a.nationality), a.id, res.mark, r.date, c.name, e.code, e.sex, "
        f"       res.source_id "
        f"FROM results res JOIN races r ON r.id = res.race_id JOIN competitions c ON c.id = r.competition_id "
        f"JOIN athletes a ON a.id = res.athlete_id JOIN events e ON e.id = r.event_id "
        f"WHERE substr(r.date, 6, 5) = ? AND c.level IN ('OG', 'WCH') AND (r.round = 'F' OR r.round IS NULL) "
        f"AND res.place = 1 AND {VALID} ORDER BY r.date DESC", (mmdd,)).fetchall()
    seen_gold = set()
    for name, nat, aid, mark, date, cname, code, sex, src in golds:
        gold_key = (aid, code, date)
        if gold_key in seen_gold:
            continue
        seen_gold.add(gold_key)
        rows.append(Row(athlete=name, mark=mark, nationality=nat, date=date, competition=cname, event=code,
                        athlete_id=aid, source=src, note=f"won the {event_words(code, sex)} at {cname}"))
    if "standing" in p.cues:
        return _standing(q, rows, label)
    year = p.year or p.date_year
    if year is not None:
        # "on this day in 1981", "what happened on 7 july 1999": that day of that year only
        every_year = len(rows)
        rows = [r for r in rows if (r.date or "").startswith(f"{year}-")]
        if not rows:
            answer = q.unknown("on_this_day", f"I have no records or championship wins on {label} {year}"
                                              f"{_met(q, f'{year}-{mmdd}')}.", [])
            if every_year:
                answer.suggestions = [f"what happened on {label}"]
            return answer
        label = f"{label} {year}"
    if not rows:
        return q.unknown("on_this_day", f"I have no records or championship wins on {label}.")
    ranked = _ranked(q, month, day)
    order = {id(r): k for k, r in enumerate(rows)}
    # the story fans would pick first leads; rows no story holds (Olympic records) keep their order
    rows.sort(key=lambda r: (ranked.get((r.athlete_id, r.event, r.date), (len(ranked), ()))[0], order[id(r)]))
    top = rows[0]
    why = ranked.get((top.athlete_id, top.event, top.date), (0, ()))[1]
    wins = sum(1 for r in rows if (r.note or "").startswith("won "))
    counted = " and ".join(f"{n} {what}{'s' if n != 1 else ''}" for n, what in
                           ((len(rows) - wins, "record"), (wins, "championship win")) if n)
    headline = (f"On {label}: {counted} in my data. Top: {top.athlete}, {top.mark} "
                f"({top.note}), {(top.date or '')[:4]}{': ' + ', '.join(why) if why else ''}.")
    return q.answered("on_this_day", headline, rows[:25], entities={"date": mmdd},
                      notes=[f"{len(rows) - 25} more not shown."] if len(rows) > 25 else [])


def _standing(q: Query, rows: list[Row], label: str) -> Answer:
    """"any world records set on 30 august still standing": only the day's records that still stand (world
    ones when the question says world), not the day's other stories."""
    word = "world record" if q.parsed.scope == "world" else "record"
    asked = [r for r in rows if word in (r.note or "") and not (r.note or "").startswith("won ")]
    standing = [r for r in asked if (r.note or "").endswith("still stands")]
    what = word
    if not standing:
        broken = f" ({len(asked)} set that day, all since broken)" if asked else ""
        return q.answered("on_this_day", f"No {what} set on {label} still stands in my data{broken}.", [],
                          entities={"date": label})
    ranked = _ranked(q, *(q.parsed.date or (q.today.month, q.today.day)))
    standing.sort(key=lambda r: ranked.get((r.athlete_id, r.event, r.date), (len(ranked), ()))[0])
    listed = "; ".join(f"{r.athlete} {r.mark} ({r.note.rsplit(',', 1)[0]}, {(r.date or '')[:4]})"
                       for r in standing[:5] if r.note)
    n = len(standing)
    headline = f"{n} {what}{'s' if n != 1 else ''} set on {label} still stand{'s' if n == 1 else ''}: {listed}."
    return q.answered("on_this_day", headline, standing, entities={"date": label})


def _met(q: Query, date: str) -> str:
    """The meetings my data has races of on that date, said where a day has no record or title to tell."""
    names = [n for (n,) in q.conn.execute(
        "SELECT DISTINCT c.name FROM races r JOIN competitions c ON c.id = r.competition_id WHERE r.date = ? "
        "ORDER BY c.name LIMIT 6", (date,))]
    return f" (my data has races that day at {', '.join(names)})" if names else ""


def _ranked(q: Query, month: int, day: int) -> dict[tuple, tuple[int, tuple[str, ...]]]:
    """(athlete id, event code, date) -> (rank, why it ranks there) of every story of the day, this year's
    included."""
    year = q.today.year
    while True:
        try:
            on = dt.date(year, month, day)
            break
        except ValueError:
            year -= 1   # 29 February: the last leap year
    # a day asked again (today's, most often) is not worked out again: the stories depend on the file and the day
    memo = kept(q.conn, "day_ranks")
    if on not in memo:
        memo[on] = _rank_stories(q, on)
    return memo[on]


def _rank_stories(q: Query, on: dt.date) -> dict[tuple, tuple[int, tuple[str, ...]]]:
    out: dict[tuple, tuple[int, tuple[str, ...]]] = {}
    stories = Selector(q.conn, q.cat).candidates(on, this_year=True, famous_only=False)
    stories.sort(key=lambda s: (not s.current, -s.fame))
    for rank, s in enumerate(stories):
        out.setdefault((s.athlete_id, s.event, s.date), (rank, s.reasons))
    return out
