"""The records that stand now, as a list: "oldest world record still standing", "world records set in the 80s",
"women's world records", "british records".

One row per event (the most authoritative source's row; a shared record's first holder). "Current" is the
build's word (bot/pipeline/build: a toplist mark that beat a record list's mark after the list was taken is
the record now); a better mark that was never ratified (a doping case) leaves the record standing.
"""
from __future__ import annotations

from typing import NamedTuple

from bot.ask.answer import Answer, Row
from bot.ask.catalogue import EventRow, Query, fmt_date, record_words, with_nation, years_between
from bot.common import events as ev
from bot.common import places

# Cues that put the list in date order, oldest first
_BY_AGE = frozenset({"oldest", "standing"})
_SEX_WORDS = {"M": "men's ", "W": "women's ", "X": "mixed "}


def _scope(q: Query) -> tuple[str, str] | Answer:
    p = q.parsed
    if p.scope == "area":
        if p.region not in ("EUR", "AFR", "ASI", "NAC", "SAM", "OCE"):
            return q.unknown("record_list", "Which area? European, African, Asian, North American, South American "
                                            "or Oceanian.")
        return "area", str(p.region)
    if p.scope == "national" or p.region or p.nation:
        return "national", str(p.region or p.nation)
    if p.scope in ("olympic", "championship"):
        return p.scope, "WORLD"
    return "world", "WORLD"


class _Rec(NamedTuple):
    event: EventRow
    mark: str
    value: float
    wind: float | None
    athlete: str
    nationality: str | None
    athlete_id: int
    date: str | None
    venue: str | None
    country: str | None
    source: str


def record_list(q: Query) -> Answer:
    p = q.parsed
    scope = _scope(q)
    if isinstance(scope, Answer):
        return scope
    kind, region = scope
    indoor = bool(p.indoor)
    args: list = [kind, region, int(indoor)]
    where = "rec.kind = ? AND rec.region = ? AND rec.indoor = ? AND rec.current = 1"
    if q.sex:
        where += " AND e.sex = ?"
        args.append(q.sex)
    first: dict[int, _Rec] = {}
    for r in q.conn.execute(
            "SELECT e.id, e.code, e.sex, e.name, e.lower_is_better, e.kind, e.held, rec.mark, rec.mark_value, "
            "       rec.wind, a.name, a.nationality, a.id, rec.date, rec.venue, rec.country, rec.source_id "
            "FROM records rec JOIN events e ON e.id = rec.event_id JOIN athletes a ON a.id = rec.athlete_id "
            f"JOIN sources s ON s.id = rec.source_id WHERE {where} "
            "ORDER BY e.id, s.authority DESC, rec.date", args):
        # per event: the most authoritative source's row (a shared record: its first holder)
        first.setdefault(r[0], _Rec(EventRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6]), *r[7:]))
    what = record_words(kind, region)
    io = " indoor" if indoor else ""
    sex_words = _SEX_WORDS.get(q.sex or "", "")
    if not first:
        return q.unknown("record_list", f"I have no current {sex_words}{what}s{io}.")
    standing = list(first.values())
    by_age = bool(_BY_AGE & p.cues) or p.decade is not None
    if p.decade is not None:
        standing = [r for r in standing if r.date and p.decade <= int(r.date[:4]) < p.decade + 10]
    if p.year is not None:
        standing = [r for r in standing if r.date and int(r.date[:4]) == p.year]
    if by_age:
        standing.sort(key=lambda r: r.date or "9999")
    else:
        order = {code: i for i, code in enumerate(ev.EVENTS)}
        standing.sort(key=lambda r: (r.event.sex, order.get(r.event.code, 999)))

    def label(r: _Rec) -> str:   # "women's 800 m", or "800 m" when the question named the sex
        return ("" if sex_words else _SEX_WORDS.get(r.event.sex, "")) + ev.get(r.event.code).name

    out = [Row(athlete=r.athlete, mark=r.mark, nationality=r.nationality, date=r.date, venue=r.venue, wind=r.wind,
               athlete_id=r.athlete_id, source=r.source, note=label(r)) for r in standing]
    decade = f" set in the {p.decade}s" if p.decade is not None else f" set in {p.year}" if p.year else ""
    notes = []
    if (p.decade is not None or p.year) and not _BY_AGE & p.cues:
        notes.append("Only the records that still stand: those set then and since broken are in each event's "
                     "progression (“mile world record progression”).")
    entities = {"scope": kind, "region": region if kind in ("national", "area") else None, "indoor": indoor}
    if not standing:
        return q.unknown("record_list", f"I have no current {sex_words}{what}{io}{decade}.", [])
    plural = "s" if len(standing) != 1 else ""
    if by_age:
        r = standing[0]
        years = years_between(r.date, q.today)
        headline = (f"{len(standing)} {sex_words}{what}{plural}{io}{decade} still stand in my data; the oldest is "
                    f"the {sex_words}{label(r)} record, {r.mark} by {with_nation(r.athlete, r.nationality)}, set in "
                    f"{places.where(r.venue, r.country) or 'an unknown venue'} on {fmt_date(r.date)}"
                    + (f" ({years} years ago)." if years else "."))
    else:
        headline = f"The {len(standing)} current {sex_words}{what}{plural}{io}{decade} in my data:"
    return q.answered("record_list", headline, out, notes=notes, entities=entities)
