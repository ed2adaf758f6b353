"""Conversions between running events.

A conversion factor is not typed in from anywhere: it is measured in the database as the median ratio of the
two events' personal bests among athletes who have both (outdoors, within 10% of the fastest such athlete),
and the answer says how many athletes it rests on. World Athletics scoring points are not offered: their
coefficients are not in any of our sources.
"""
from __future__ import annotations

import re
import statistics

from anyascii import anyascii

from bot.ask.answer import Answer, Row
from bot.ask.catalogue import Query, event_words, fmt_value, parse_threshold
from bot.common import events as ev
from bot.common import marks as mk
from bot.common import plausible

MIN_ATHLETES = 10          # fewer athletes with both marks than this: no conversion
_factor_cache: dict[tuple[int, str, str, str], tuple[float, int] | None] = {}
_bounds_cache: dict[tuple[int, str, str], plausible.MarkBounds | None] = {}


def pb_ratio(q: Query, src: str, dst: str, sex: str) -> tuple[float, int] | None:
    """Median dst/src ratio of personal bests, and how many athletes it comes from."""
    key = (id(q.conn), src, dst, sex)
    if key in _factor_cache:
        return _factor_cache[key]
    e1, e2 = q.cat.event(src, sex), q.cat.event(dst, sex)
    if e1 is None or e2 is None:  # no such event for that sex (a mixed team's): nothing to measure
        _factor_cache[key] = None
        return None
    rows = q.conn.execute("SELECT a.rank_value, b.rank_value FROM bests a JOIN bests b ON b.athlete_id = a.athlete_id "
                          "AND b.event_id = ? AND b.indoor = 0 WHERE a.event_id = ? AND a.indoor = 0",
                          (e2.id, e1.id)).fetchall()
    out = None
    if rows:
        fastest = min(r[0] for r in rows)
        expected = (ev.get(dst).distance_m or 1) / (ev.get(src).distance_m or 1)
        # ratios far from the distance ratio are misfiled marks, not athletes
        ratios = [b / a for a, b in rows if a <= fastest * 1.10 and 0.5 * expected < b / a < 2 * expected]
        if len(ratios) >= MIN_ATHLETES:
            out = (statistics.median(ratios), len(ratios))
    _factor_cache[key] = out
    return out


def _convertible(code: str) -> bool:
    e = ev.get(code)
    return e.kind in (ev.TRACK, ev.ROAD) and e.mark_format == ev.TIME and "H" not in code and "SC" not in code


def convert(q: Query) -> Answer:
    p = q.parsed
    if p.units:
        return in_units(q)
    events = p.events
    if not p.marks:
        return q.unknown("convert", "Which mark? For example “3:30 1500 in mile”.")
    src = events[0] if events else None
    dst = events[1] if len(events) > 1 else None
    if src and dst is None:
        dst = "mile" if src == "1500m" else "1500m" if src == "mile" else None
        if dst:
            q.assumptions.append(f"No event to convert to given: the {_name(dst)}.")
    if not src or not dst or not (_convertible(src) and _convertible(dst)):
        return q.unknown("convert", "I convert flat running times between events (e.g. 1500 m and mile). World "
                                    "Athletics scoring points are not offered: their tables are not in my sources.",
                         ["3:30 1500 in mile", "13:00 5000 to 3000"])
    sex = q.sex or (q.people[0].sex if q.people else None)
    if sex is None:
        sex = "M"
        q.assumptions.append("No sex given: measured on men's marks.")
    q.sex = sex
    q.event = src
    typed = p.marks[0].strip()
    if _negative(p.text, typed):
        signed = typed if anyascii(typed).startswith("-") else f"-{typed}"
        return q.unknown("convert", f"“{signed}” is a negative time: no {_name(src)} takes less than no time. "
                                    f"Give the time as run, e.g. “3:45.34 mile to 1500”.", [])
    value = parse_threshold(typed, src, None)
    if value is None:
        if _zero(typed):
            return q.unknown("convert", f"“{typed}” is a time of zero: no {_name(src)} takes no time. Give the "
                                        f"time as run, e.g. “3:45.34 mile to 1500”.", [])
        return q.unknown("convert", f"I could not read “{typed}” as a {_name(src)} time.")
    text_in = fmt_value(value, src)
    bounds = _bounds(q, src, sex)
    if bounds is None:
        return q.unknown("convert", f"I have no record or mark on file for the {event_words(src, sex)}, so I "
                                    f"cannot tell whether {text_in} is a time anyone runs.", [])
    side = bounds.side(value)
    if side:
        # outside what humans run: refused, with the limits and where they come from (the database)
        beyond = (f"far faster than anyone has run the {event_words(src, sex)}" if side == "best" else
                  f"far slower than any {event_words(src, sex)} on file")
        return q.unknown("convert", f"Sorry, {text_in} is {beyond}, so I can't convert it. I convert "
                                    f"{event_words(src, sex)} times {bounds.accepted()}: limits from the records "
                                    f"and results in my database.", [])
    if src == dst:
        return q.answered("convert", f"{text_in} in the {_name(src)} is {text_in} in the {_name(src)}: the same "
                                     f"event, so there is nothing to convert.",
                          [Row(athlete="", mark=text_in, event=dst, note="the same event")],
                          entities={"to_event": dst, "mark": text_in})
    f = pb_ratio(q, src, dst, sex)
    if f is None:
        return q.unknown("convert", f"Too few athletes in my data have both a {_name(src)} and a {_name(dst)} mark "
                                    f"to measure the conversion.")
    factor, n = f
    text_out = fmt_value(value * factor, dst)
    who = event_words(src, sex).split(" ")[0]
    q.assumptions.append(f"Factor {factor:.4f}: the median {_name(dst)}/{_name(src)} ratio of personal bests of "
                         f"{n} {who} athletes with both in my data.")
    headline = f"{text_in} for the {_name(src)} is worth about {text_out} for the {_name(dst)}."
    return q.answered("convert", headline, [Row(athlete="", mark=text_out, event=dst, note=f"from {text_in} {src}")],
                      entities={"to_event": dst, "mark": text_in})


METRES_PER_MILE = 1609.344   # the international mile (exact by definition)
METRES_PER_INCH = 0.0254     # the international inch (exact by definition)


def in_units(q: Query) -> Answer:
    """A mark in other units: a time as a pace per km and per mile (over its event's distance), a field mark in
    feet and inches. Arithmetic on the mark alone: no data is read but the event's distance and, when the event
    is not named, the one event the mark is a plausible result of."""
    p = q.parsed
    if not p.marks:
        return q.unknown("convert", "Which mark? For example “2:00:35 marathon per km” or “18.29 m in feet”.", [])
    typed = p.marks[0]
    feet = "feet" in p.units
    code = p.events[0] if p.events else _event_of_mark(q, typed, field=feet)
    if code is None:
        if feet and ":" not in typed:
            return _feet(q, typed, None)
        return q.unknown("convert", f"Which event is {typed}? Name it for its pace, e.g. “{typed} marathon per km”.",
                         [])
    e = ev.get(code)
    if feet:
        if e.kind != ev.FIELD or e.mark_format != ev.DISTANCE:
            return q.unknown("convert", f"The {_name(code)} is not measured in metres: only jumps and throws "
                                        f"convert to feet.", [])
        return _feet(q, typed, code)
    return _pace(q, typed, code)


def _event_of_mark(q: Query, typed: str, field: bool) -> str | None:
    """The one event the mark fits (plausible next to its world record), said as assumed; None when none or
    several fit."""
    from bot.ask.thresholds import events_for
    sex = q.sex or (q.people[0].sex if q.people else None)
    codes = list(dict.fromkeys(c for _, c in events_for(q.cat, q.conn, typed, sex, None)
                               if (ev.get(c).kind == ev.FIELD) == field and ev.get(c).mark_format != ev.POINTS))
    if q.people:
        # the athlete's own: the events of those in which they have that very mark
        theirs = [c for c in codes if (e := q.cat.event(c, q.people[0].sex)) and q.conn.execute(
            "SELECT 1 FROM results res JOIN races r ON r.id = res.race_id WHERE res.athlete_id = ? AND "
            "r.event_id = ? AND res.mark = ? LIMIT 1", (q.people[0].id, e.id, typed)).fetchone()]
        if len(theirs) == 1:
            q.assumptions.append(f"{typed} read as {q.people[0].name}'s {_lower(theirs[0])} mark.")
            return theirs[0]
    if len(codes) != 1:
        return None
    q.assumptions.append(f"{typed} read as a {_lower(codes[0])} mark: the one event it is a plausible mark in.")
    return codes[0]


def _pace(q: Query, typed: str, code: str) -> Answer:
    e = ev.get(code)
    if e.mark_format != ev.TIME or not e.distance_m:
        return q.unknown("convert", f"The {_name(code)} has no distance to take a pace over.", [])
    seconds = parse_threshold(typed, code, None)
    if not seconds:
        return q.unknown("convert", f"I could not read “{typed}” as a {_name(code)} time.", [])
    q.event = code
    per = {"km": 1000.0, "mile": METRES_PER_MILE, "lap": LAP_METRES}
    asked = [u for u in q.parsed.units if u in per] or ["km", "mile"]
    paces = [(u, seconds * per[u] / e.distance_m) for u in asked]
    said = " and ".join(f"{_clock(v)} per {u}" for u, v in paces)
    speed = e.distance_m / seconds * 3.6
    q.assumptions.append(f"The {_lower(code)} taken as {e.distance_m:g} m, run at an even pace.")
    rows = [Row(athlete="", mark=_clock(v), event=code, note=f"per {u}") for u, v in paces]
    return q.answered("convert", f"{fmt_value(seconds, code)} for the {_lower(code)} is {said} "
                                 f"({speed:.2f} km/h).", rows, entities={"mark": fmt_value(seconds, code)})


LAP_METRES = 400.0   # a lap of a standard outdoor track


def in_units_of(mark: str, code: str, units: list[str]) -> str | None:
    """An answer's mark in the units asked: "3:43.13 is 2:18.6 per km (26.00 km/h)" for a time over a
    distance, "8.95 m is 29 ft 4 1/4 in" for a jump or throw; None when it has no such reading."""
    e = ev.get(code)
    if "feet" in units and e.kind == ev.FIELD and e.mark_format == ev.DISTANCE:
        try:
            inches = float(mark) / METRES_PER_INCH
            ft, rest = divmod(inches, 12)
            return f"{mark} m is {int(ft)} ft {rest:.2f} in"
        except ValueError:
            return None
    if e.mark_format != ev.TIME or not e.distance_m:
        return None
    seconds = parse_threshold(mark, code, None)
    if not seconds:
        return None
    per = {"km": 1000.0, "mile": METRES_PER_MILE, "lap": LAP_METRES}
    asked = [u for u in units if u in per] or ["km", "mile"]
    said = " and ".join(f"{_clock(seconds * per[u] / e.distance_m)} per {u}" for u in asked)
    return f"{mark} is {said} ({e.distance_m / seconds * 3.6:.2f} km/h, at an even pace over {e.distance_m:g} m)"


def _clock(seconds: float) -> str:
    """171.47 -> '2:51.5': minutes and seconds to the tenth."""
    tenths = round(seconds * 10)
    minutes, rest = divmod(tenths, 600)
    return f"{minutes}:{rest // 10:02d}.{rest % 10}" if minutes else f"{rest // 10}.{rest % 10}"


def _feet(q: Query, typed: str, code: str | None) -> Answer:
    try:
        metres = float(typed)
    except ValueError:
        return q.unknown("convert", f"I could not read “{typed}” as metres.", [])
    if metres <= 0:
        return q.unknown("convert", f"“{typed}” is no distance: give the mark in metres, e.g. “18.29 m in feet”.",
                         [])
    q.event = code
    inches = metres / METRES_PER_INCH
    ft, rest = divmod(inches, 12)
    what = f" ({_lower(code)})" if code else ""
    return q.answered("convert", f"{metres:.2f} m{what} is {int(ft)} ft {rest:.2f} in ({inches / 12:.2f} ft).",
                      [Row(athlete="", mark=f"{int(ft)} ft {rest:.2f} in", event=code, note=f"from {metres:.2f} m")],
                      entities={"mark": f"{metres:.2f}"})


def _negative(text: str, typed: str) -> bool:
    """Whether the mark was written with a minus sign. The question's tokens have lost it ("-3:45" reads as
    "3:45"), so the text is looked at: a sign right before the mark, not a dash between words ("mile-3:45").
    anyascii makes every dash (minus sign, en dash...) a hyphen, as the tokens were made."""
    mark = anyascii(typed).lower()
    if mark.startswith("-"):
        return True
    return re.search(rf"(?<![\w.:])-{re.escape(mark)}(?![\d:.,])", anyascii(text).lower()) is not None


def _zero(typed: str) -> bool:
    try:
        return mk.parse_time(typed)[0] == 0
    except mk.MarkError:
        return False


def _bounds(q: Query, code: str, sex: str) -> plausible.MarkBounds | None:
    key = (id(q.conn), code, sex)
    if key not in _bounds_cache:
        _bounds_cache[key] = plausible.one_event(q.conn, code, sex)
    return _bounds_cache[key]


def _name(code: str) -> str:
    return "mile" if code == "mile" else ev.get(code).name


def _lower(code: str) -> str:
    """"marathon", "long jump", "1500 m": the event's name in the middle of a sentence."""
    name = _name(code)
    return name[0].lower() + name[1:]
