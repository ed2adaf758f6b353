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
    asked = _occasion(q)
    if asked:
        fitting = [r for r in rows if _fits(q, r)]
        if not fitting:
            # "what did kerr say after beating jakob at pre": a quote from another time is not the answer
            who = f" about {about.name}" if about else ""
            t, _s, d, ctx, _src = rows[0]
            said = f" ({fmt_date(d)})" if d else (f" ({ctx.rstrip('. ')})" if _context_note(t, ctx) else "")
            end = "" if not said and t.rstrip()[-1:] in ".!?…" else "."
            return q.unknown("quote", f"I have no quote from {speaker.name}{asked}. The one I have{who}: “{t}”{said}{end}",
                             [])
        rows = fitting
    terms = [t for t in q.parsed.quote_terms if len(t) >= 4]
    if terms:
        # "blindfolded", "podcast": quotes with those words first; the rest still follow
        rows.sort(key=lambda r: -sum(t in (r[0] + " " + r[3]).lower() for t in terms))
    out = [Row(athlete=s, mark=None, date=d, note=t, source=src, athlete_id=speaker.id, competition=ctx or None)
           for t, s, d, ctx, src in rows]
    who = f" about {about.name}" if about else ""
    first = rows[0]
    notes = [f"Said: {first[3]}"] if not first[2] and _context_note(first[0], first[3]) else []
    return q.answered("quote", f"{speaker.name}{who}: “{first[0]}”" + (f" ({fmt_date(first[2])})" if first[2] else ""),
                      out, notes=notes)


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _occasion(q: Query) -> str:
    """The time or meeting the question puts the quote at (" at the Prefontaine Classic in 2024"), or ""."""
    p = q.parsed
    where = f" at the {q.cat.series_name(p.meet)}" if p.meet else ""
    if p.meet_by_city:
        where = f" in {p.meet_by_city.title()}"
    when = f" in {' and '.join(str(y) for y in dict.fromkeys(p.years))}" if p.years else ""
    return where + when


def _fits(q: Query, row: tuple) -> bool:
    """Whether a quote was said at the occasion asked: its date's year or a year its context names, and the
    meeting (its name, aliases or city) in its context."""
    text, _speaker, date, ctx, _src = row
    said = f"{text} {ctx}".lower()
    p = q.parsed
    if p.years:
        years = {int(y) for y in _YEAR.findall(said)} | ({int(date[:4])} if date else set())
        if not years & set(p.years):
            return False
    if p.meet or p.meet_by_city:
        names = [p.meet_by_city or ""]
        if p.meet:
            names.append(q.cat.series_name(p.meet).lower())
            alias = q.conn.execute("SELECT aliases FROM series WHERE id = ?", (p.meet,)).fetchone()
            names += (alias[0] if alias else "").split("|")
        if not any(n and re.search(rf"\b{re.escape(n)}\b", said) for n in names):
            return False
    return True


def _context_note(text: str, ctx: str) -> bool:
    """A context worth saying: not empty, and not the quote itself again."""
    quoted = " “”\"'"
    return bool(ctx) and ctx.strip(quoted) != text.strip(quoted)


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
