"""Quotes asked for by speaker ("what did Kerr say about Ingebrigtsen"): the reference database's quotes."""
from __future__ import annotations

from bot.ask.answer import Answer, Row
from bot.ask.catalogue import Query, fmt_date


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
    terms = [t for t in q.parsed.quote_terms if len(t) >= 4]
    if terms:
        # "blindfolded", "podcast": quotes with those words first; the rest still follow
        rows.sort(key=lambda r: -sum(t in (r[0] + " " + r[3]).lower() for t in terms))
    out = [Row(athlete=s, mark=None, date=d, note=t, source=src, athlete_id=speaker.id, competition=ctx or None)
           for t, s, d, ctx, src in rows]
    who = f" about {about.name}" if about else ""
    first = rows[0]
    return q.answered("quote", f"{speaker.name}{who}: “{first[0]}”" + (f" ({fmt_date(first[2])})" if first[2] else ""),
                      out)
