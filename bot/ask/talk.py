"""Conversions between the mile and 1500 m, and quotes.

The mile/1500 m factor is not typed in from anywhere: it is measured in the database as the median ratio of
mile to 1500 m personal bests among athletes who have both (outdoors, within 10% of the world record), and
the answer says so. World Athletics scoring points are not offered: their coefficients are not in any of
our sources.
"""
from __future__ import annotations

import statistics

from bot import marks as mk
from bot.ask.answer import Answer, Row
from bot.ask.athletes import LEGAL
from bot.ask.catalogue import Query, event_words, fmt_date, parse_threshold

PAIRS = {("1500m", "mile"), ("mile", "1500m")}
_factor_cache: dict[tuple[int, str], tuple[float, int]] = {}


def mile_factor(q: Query, sex: str) -> tuple[float, int] | None:
    """Median mile/1500 m ratio of personal bests, and how many athletes it comes from."""
    key = (id(q.conn), sex)
    if key in _factor_cache:
        return _factor_cache[key]
    e1500, emile = q.cat.event("1500m", sex), q.cat.event("mile", sex)
    rows = q.conn.execute(
        f"SELECT a.athlete_id, a.best, b.best FROM "
        f"(SELECT res.athlete_id, min(res.mark_value) best FROM results res JOIN races r ON r.id = res.race_id "
        f" WHERE r.event_id = ? AND r.indoor = 0 AND {LEGAL} GROUP BY res.athlete_id) a JOIN "
        f"(SELECT res.athlete_id, min(res.mark_value) best FROM results res JOIN races r ON r.id = res.race_id "
        f" WHERE r.event_id = ? AND r.indoor = 0 AND {LEGAL} GROUP BY res.athlete_id) b "
        f"ON a.athlete_id = b.athlete_id", (e1500.id, emile.id)).fetchall()
    if not rows:
        return None
    fastest = min(r[1] for r in rows)
    ratios = [r[2] / r[1] for r in rows if r[1] <= fastest * 1.10 and 1.0 < r[2] / r[1] < 1.2]
    if len(ratios) < 10:
        return None
    out = (statistics.median(ratios), len(ratios))
    _factor_cache[key] = out
    return out


def convert(q: Query) -> Answer:
    p = q.parsed
    events = p.events
    if not p.marks:
        return q.unknown("convert", "Which mark? For example “3:30 1500 in mile”.")
    src = events[0] if events else None
    dst = events[1] if len(events) > 1 else None
    if src and dst is None:
        dst = "mile" if src == "1500m" else "1500m" if src == "mile" else None
    if (src, dst) not in PAIRS:
        return q.unknown("convert", "I convert between the mile and the 1500 m only. World Athletics scoring "
                                    "points are not offered: their tables are not in my sources.",
                         ["3:30 1500 in mile", "3:50 mile to 1500"])
    sex = q.sex or (q.people[0].sex if q.people else None)
    if sex is None:
        sex = "M"
        q.assumptions.append("No sex given: the factor measured on men's marks.")
    q.sex = sex
    q.event = src
    try:
        value = parse_threshold(p.marks[0], src, None)
    except mk.MarkError:
        value = None
    if value is None:
        return q.unknown("convert", f"I could not read “{p.marks[0]}” as a {src} time.")
    f = mile_factor(q, sex)
    if f is None:
        return q.unknown("convert", "I don't have enough athletes with both marks to measure the conversion.")
    factor, n = f
    out = value * factor if src == "1500m" else value / factor
    text_in, text_out = mk.format_mark(value, src), mk.format_mark(out, dst)
    q.assumptions.append(f"Factor {factor:.4f}: the median mile/1500 m ratio of {n} {event_words('mile', sex).split(' ')[0]}"
                         f" athletes with both personal bests in my data.")
    headline = f"{text_in} for the {_name(src)} is worth about {text_out} for the {_name(dst)}."
    return q.answered("convert", headline, [Row(athlete="", mark=text_out, event=dst, note=f"from {text_in} {src}")],
                      entities={"to_event": dst, "mark": text_in})


def _name(code: str) -> str:
    return "mile" if code == "mile" else "1500 m"


def quote(q: Query) -> Answer:
    speaker = q.people[0]
    about = q.people[1] if len(q.people) > 1 else None
    args: list = [speaker.id]
    extra = ""
    if about:
        extra = " AND (q.about_id = ? OR q.text LIKE ? OR q.context LIKE ?)"
        surname = about.name.split()[-1]
        args += [about.id, f"%{surname}%", f"%{surname}%"]
    rows = q.conn.execute(
        f"SELECT q.text, q.speaker_name, q.date, q.context, q.source_id FROM quotes q WHERE q.speaker_id = ?{extra} "
        f"ORDER BY q.date DESC, q.id", args).fetchall()
    if not rows:
        who = f" about {about.name}" if about else ""
        return q.unknown("quote", f"I have no quotes from {speaker.name}{who}.", [])
    out = [Row(athlete=s, mark=None, date=d, note=t, source=src, athlete_id=speaker.id, competition=ctx or None)
           for t, s, d, ctx, src in rows]
    who = f" about {about.name}" if about else ""
    first = rows[0]
    return q.answered("quote", f"{speaker.name}{who}: “{first[0]}”" + (f" ({fmt_date(first[2])})" if first[2] else ""),
                      out)
