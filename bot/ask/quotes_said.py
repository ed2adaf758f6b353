"""Quotes asked for by speaker ("what did Kerr say about Ingebrigtsen") or by their words ("who said I would
have beaten him blindfolded"): the reference database's quotes."""
from __future__ import annotations

import re

from bot.ask.answer import Answer, Row
from bot.ask.catalogue import Query, fmt_date
from bot.ask.understand import tokenize

MATCH = 0.75      # the share of the question's words a quote must have: a word misremembered is fine
PREFILTER = 2     # the longest words of the question, one of which a quote must contain


def quote(q: Query) -> Answer:
    q.event = None    # an event named is the quote's topic ("about the two mile record"), not a filter
    if not q.people:
        return by_words(q)
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


def by_words(q: Query) -> Answer:
    """Who said it: the quotes holding (nearly) all the question's words, the closest first (the fewest
    other words). The words are the quote's, so they never name the speaker."""
    terms = list(dict.fromkeys(q.parsed.quote_terms))
    if len(terms) < 2:
        return q.unknown("quote", "Which words? For example “who said I would have beaten him blindfolded”.", [])
    longest = sorted(terms, key=len, reverse=True)[:PREFILTER]
    rows = q.conn.execute(
        "SELECT q.text, q.speaker_name, q.speaker_id, q.date, q.context, q.source_id FROM quotes q WHERE "
        + " OR ".join("lower(q.text) LIKE ?" for _ in longest) + " ORDER BY q.date DESC, q.id",
        [f"%{t}%" for t in longest]).fetchall()
    found = []
    for text, name, sid, date, ctx, src in rows:
        words = tokenize(text)
        have = set(words)
        share = sum(t in have for t in terms) / len(terms)
        if share >= MATCH:
            found.append((-share, len(words) - len(terms), text, name, sid, date, ctx, src))
    if not found:
        return q.unknown("quote", f"I have no quote with the words “{' '.join(terms)}”.", [])
    found.sort(key=lambda f: (f[0], f[1]))
    out = [Row(athlete=name, mark=None, date=date, note=text, source=src, athlete_id=sid, competition=ctx or None)
           for _s, _extra, text, name, sid, date, ctx, src in found]
    best = out[0]
    when = f" ({fmt_date(best.date)})" if best.date else ""
    others = sorted({r.athlete for r in out[1:]} - {best.athlete})
    headline = f"{best.athlete} said it: “{_excerpt(best.note or '', terms)}”{when}."
    notes = [f"Also close: {', '.join(others)}."] if others else []
    return q.answered("quote", headline, out, notes=notes,
                      entities={"speaker": best.athlete, "athletes": None})


_SENTENCE_END = re.compile(r"(?<=[.!?;…])\s+")


def _excerpt(text: str, terms: list[str]) -> str:
    """The sentence of a long quote that holds the question's words (the whole quote stays in the rows)."""
    sentences = [x for x in _SENTENCE_END.split(text) if x.strip()]
    if len(sentences) < 2:
        return text
    best = max(sentences, key=lambda x: sum(t in set(tokenize(x)) for t in terms))
    if sum(t in set(tokenize(best)) for t in terms) < len(terms) * MATCH:
        return text
    return best.rstrip(" .;…")
