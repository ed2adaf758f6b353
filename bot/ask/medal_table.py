"""Who has the most medals: "who has the most olympic golds in athletics", "most world titles", "most olympic
medals by a woman", "most medals in the 1500".

Counted as an athlete's own medal list is (results.athlete_medals): a final's place 1-3 in an individual event
at the championships asked, once per final, and a relay medal for each runner the medal list names
(relay_members). Ranked by the medals asked for, then golds, silvers; a tie at the top names everyone.
"""
from __future__ import annotations

from collections import defaultdict

from bot.ask.answer import Answer, Row
from bot.ask.catalogue import Query, and_list, event_words, with_nation
from bot.ask.results import (
    _LEVEL_WORDS,
    MARK_NATION,
    MEDAL_PLACES,
    VALID,
    event_filter,
    levels_asked,
    most_wins,
    podium_medals,
)
from bot.common import events as ev

SHOWN = 10
_CHAMPIONSHIPS = {"OG": "Olympic Games", "WCH": "World Championships", "WIC": "World Indoor Championships"}


def medal_table(q: Query) -> Answer:
    p = q.parsed
    if p.meet and p.meet not in ("OG", "WCH", "WIC"):
        return most_wins(q)   # a one-day meeting has no medals: its wins ("who has won the bowerman mile the most")
    levels = levels_asked(p)
    where, args = [f"c.level IN ({','.join('?' * len(levels))})"], list(levels)
    event_filter(q, where, args)
    if p.nation:
        where.append(f"{MARK_NATION} = ?")
        args.append(p.nation)
    cond = " AND ".join(where)
    relay_cond = cond.replace(MARK_NATION, "coalesce(m.nation, a.nationality)")
    medals: dict[int, dict[tuple, int]] = defaultdict(dict)   # athlete -> (competition, event) -> place
    for aid, cid, code, place in q.conn.execute(
            "SELECT res.athlete_id, c.id, e.code, min(res.place) FROM results res JOIN races r ON r.id = res.race_id "
            "JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id JOIN athletes a "
            f"ON a.id = res.athlete_id WHERE {cond} AND a.is_team = 0 AND (r.round = 'F' OR r.round IS NULL) "
            f"AND res.place BETWEEN 1 AND 3 AND {VALID} GROUP BY res.athlete_id, c.id, e.code", args):
        medals[aid][(cid, code)] = place
    for aid, cid, code, place in q.conn.execute(
            "SELECT m.athlete_id, c.id, e.code, min(m.place) FROM relay_members m JOIN competitions c "
            "ON c.id = m.competition_id JOIN events e ON e.id = m.event_id JOIN athletes a ON a.id = m.athlete_id "
            f"WHERE {relay_cond} AND m.place BETWEEN 1 AND 3 GROUP BY m.athlete_id, c.id, e.code", args):
        medals[aid].setdefault((cid, code), place)
    medal = p.medal or "any"
    want = MEDAL_PLACES[medal]
    tallies = []
    for aid, won in medals.items():
        counts = [sum(1 for x in won.values() if x == k) for k in (1, 2, 3)]
        n = sum(counts[k - 1] for k in want)
        if n:
            tallies.append((n, counts, aid))
    kind = "medals" if medal == "any" else f"{medal} medals"
    at = and_list([_LEVEL_WORDS[level] for level in levels])
    what = (f" in the {event_words(q.event, q.sex)}" if q.sex else f" in the {ev.get(q.event).name}") if q.event else ""
    if not tallies:
        return q.unknown("medal_table", f"I have no {at} {kind}{what} for that.", [])
    tallies.sort(key=lambda t: (-t[0], -t[1][0], -t[1][1], -t[1][2]))
    names = {aid: (name, nat) for aid, name, nat in q.conn.execute(
        f"SELECT id, name, nationality FROM athletes WHERE id IN ({','.join('?' * len(tallies[:SHOWN * 3]))})",
        [t[2] for t in tallies[:SHOWN * 3]])}
    rows, rank = [], 0
    for k, (n, counts, aid) in enumerate(tallies):
        if k >= SHOWN and n < tallies[SHOWN - 1][0]:
            break
        # level on the count asked is a tie (4 titles each, whatever their silvers): the headline names them all
        rank = rank if k and n == tallies[k - 1][0] else k + 1
        name, nat = names.get(aid, ("?", None))
        rows.append(Row(athlete=name, mark=None, place=rank, nationality=nat, athlete_id=aid,
                        note=f"{n} {kind}: {counts[0]} gold, {counts[1]} silver, {counts[2]} bronze"))
    top = [r for r in rows if r.place == 1]
    who = and_list([with_nation(r.athlete, r.nationality) for r in top])
    sex = {"M": "man", "W": "woman"}.get(q.sex or "", "athlete")
    nation = f" of {p.nation}" if p.nation else ""
    headline = (f"The most {at} {kind}{what} by a{'n' if sex == 'athlete' else ''} {sex}{nation} in my data: "
                f"{who}, {tallies[0][0]}{' each' if len(top) > 1 else ''}.")
    q.assumptions.append("Relay medals count where a source names the team's runners (the Olympic medal list; "
                         "for 2016, the Rio results); World Championships relays are recorded for teams only.")
    left_out = _not_held(q, levels)
    if left_out:
        headline = "In the events I hold: " + headline[0].lower() + headline[1:]
        q.assumptions.append(f"Not counted: {left_out} Olympic medals of events my data does not hold (discontinued "
                             "ones such as the standing jumps, the 80 m hurdles, cross-country and team races), so "
                             "early champions may rank higher in the full record.")
    return q.answered("medal_table", headline, rows, entities={"medal": medal})


def _not_held(q: Query, levels: tuple[str, ...]) -> int:
    """Olympic medals the build left out because their event is not in the catalogue (logged as import issues),
    when the table counts every Olympic event: the table must not read as the all-time one then."""
    if "OG" not in levels or q.event:
        return 0
    sex = {"M": "Men's", "W": "Women's"}.get(q.sex or "")
    return q.conn.execute(
        "SELECT count(*) FROM import_issues WHERE source_id = 'olympic-medallists-1896-2024' AND (reason LIKE "
        "'no event code for %' OR reason LIKE 'the Olympic pentathlon%')" + (" AND instr(reason, ?) > 0" if sex else ""),
        (sex,) if sex else ()).fetchone()[0]


def nation_table(q: Query) -> Answer:
    """The medal table by nation: "medal table 2023 world championships", "which country won the most medals at
    the 2024 olympics". Ranked as medal tables are (golds, then silvers, then bronzes), or by the medals asked for
    ("the most medals": all of them); a tie at the top names every nation in it."""
    p = q.parsed
    levels = levels_asked(p)
    medals, years = podium_medals(q, levels)
    medal = p.medal or "any"
    by_total = medal == "any" and "most" in p.cues and "nationtable" not in p.cues
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in medals:
        if row[11]:
            tally[row[11]][row[4] - 1] += 1
    at = and_list([_CHAMPIONSHIPS[level] for level in levels])
    when = " " + and_list([str(y) for y in years]) if years else ""
    what = (f" {event_words(q.event, q.sex)}" if q.sex else f" {ev.get(q.event).name}") if q.event else ""
    if q.sex and not q.event:
        what = f" ({'women' if q.sex == 'W' else 'men'}'s events)"
    if not tally:
        return q.unknown("nation_table", f"I have no {at}{when}{what} medals.", [])

    def counted(c: list[int]) -> int:
        return sum(c[k - 1] for k in MEDAL_PLACES[medal])

    def key(c: list[int]) -> tuple:
        # a medal table ranks by golds, then silvers, then bronzes; "the most medals" by all of them; "the most
        # silvers" by silvers
        if by_total:
            return (-sum(c), -c[0], -c[1])
        return (-c[0], -c[1], -c[2]) if medal == "any" else (-counted(c), -c[0], -c[1], -c[2])
    order = sorted((n for n in tally if counted(tally[n])), key=lambda n: (key(tally[n]), n))
    if not order:
        return q.unknown("nation_table", f"No {medal} medals at the {at}{when}{what} in my data.", [])
    rows, rank = [], 0
    for k, nat in enumerate(order[:SHOWN * 3]):
        c = tally[nat]
        rank = rank if k and key(c) == key(tally[order[k - 1]]) else k + 1
        if rank > SHOWN:
            break
        rows.append(Row(athlete=nat, mark=None, place=rank, nationality=nat,
                        note=f"{c[0]} gold, {c[1]} silver, {c[2]} bronze ({sum(c)} in all)"))
    top = [r.athlete for r in rows if r.place == 1]
    c = tally[order[0]]
    each = " each" if len(top) > 1 else ""
    split = f"{c[0]} gold, {c[1]} silver, {c[2]} bronze"
    n = sum(c) if by_total else counted(c)
    kind = ("medal" if medal == "any" else f"{medal} medal") + ("s" if n != 1 or medal == "any" and not by_total
                                                                 else "")
    if by_total or medal != "any":
        lead = f"{and_list(top)}, {n} {kind}{each}" + (f" ({split})" if by_total else "")
    else:
        lead = f"{and_list(top)}: {split}{each} ({n} in all)"
    title = f"The most {kind}" if by_total or medal != "any" else "Top of the medal table"
    headline = f"{title} at the{when} {at}{what} in my data: {lead}."
    q.assumptions.append("By the nation the result was won for where the source gives it, else the athlete's "
                         "nation on file; one medal per athlete on a final's podium and one per relay team; events "
                         "in my data only.")
    return q.answered("nation_table", headline, rows, entities={"medal": medal})
