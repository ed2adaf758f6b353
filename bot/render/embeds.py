"""Answer -> embed dicts (Discord's JSON shape), one consistent look for every command.

Discord-free on purpose: the cogs turn the dicts into discord.Embed, the console can print them, and tests
read them directly. Every embed leaves through fit_embed, so no data can break Discord's limits.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from bot.ask.answer import AMBIGUOUS, ANSWERED, Answer, Row
from bot.ask.catalogue import place_in, place_words
from bot.common import events as ev
from bot.common import places
from bot.common.countries import flag
from bot.render.limits import FOOTER, fit_embed
from bot.render.text import clean, neutralise, truncate

PAGE_SIZE = 10
COLOURS = {ANSWERED: 0x1F8B4C, AMBIGUOUS: 0xE8A317}
GREY = 0x95A5A6
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}
# Intents whose row places are places in one race, so the top three earn medals
RACE_INTENTS = ("winner", "podium", "place", "results")
# Intents whose row place is where the athlete finished in that row's race, not a rank in the list: written
# as a finishing place ("1st"), so it never reads like a ranking
FINISH_INTENTS = ("h2h",)
ONE_ATHLETE = ("profile", "pb", "sb")   # rows are one athlete's marks, one per event
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
CHART_FILE = "progression.png"


def answer_pages(answer: Answer, *, title: str | None = None, image: str | None = None,
                 page_size: int = PAGE_SIZE) -> list[dict[str, Any]]:
    """One embed per page of rows (at least one). `title` overrides the restated question; `image` is an
    attachment name (e.g. progression.png) shown on every page."""
    rows = answer.rows if _shows_rows(answer) else []
    chunks = [rows[i:i + page_size] for i in range(0, len(rows), page_size)] or [[]]
    pages = []
    for n, chunk in enumerate(chunks, 1):
        embed: dict[str, Any] = {
            "type": "rich",
            "title": truncate(clean(title if title is not None else _restate(answer.query)), 256),
            "description": _description(answer),
            "color": COLOURS.get(answer.status, GREY),
            "fields": [_field(answer, row) for row in chunk],
        }
        footer = _footer(answer.sources, n, len(chunks))
        if footer:
            embed["footer"] = {"text": footer}
        if image:
            embed["image"] = {"url": f"attachment://{image}"}
        pages.append(fit_embed(embed))
    return pages


def _shows_rows(answer: Answer) -> bool:
    # A one-row answer repeats its headline; quotes and lists always show their rows.
    return answer.status == ANSWERED and bool(answer.rows) and (len(answer.rows) > 1 or answer.intent in (
        "quote", "h2h", "progression", "on_this_day", "all_time", "results", "podium"))


def _restate(query: str) -> str:
    query = " ".join((query or "").split())
    return query[:1].upper() + query[1:] if query else "Bell Lap"


def _description(answer: Answer) -> str:
    parts = [clean(answer.headline)]
    if answer.notes:
        parts.append("\n".join(f"-# ℹ️ {clean(n)}" for n in answer.notes))
    if answer.suggestions:
        intro = {AMBIGUOUS: "**Did you mean:**", ANSWERED: "**Or did you mean:**"}.get(answer.status, "**Try:**")
        parts.append(intro + "\n" + "\n".join(f"• {clean(s)}" for s in answer.suggestions))
    return "\n\n".join(p for p in parts if p)


def _footer(sources: list[str], page: int, pages: int) -> str:
    """'Source: … · Page 2/5': long source lists are cut, the page number always stays."""
    paging = f" · Page {page}/{pages}" if pages > 1 else ""
    if not sources:
        return paging.removeprefix(" · ")
    text = ("Source: " if len(sources) == 1 else "Sources: ") + "; ".join(sources)
    # footers show no markdown, so only mentions are neutralised
    return truncate(neutralise(text), FOOTER - len(paging)) + paging


def _field(answer: Answer, row: Row) -> dict[str, Any]:
    if answer.intent == "quote":   # the venue of a quote is the article it came from: the footer names it
        when = _short_date(row.date)
        return {"name": _who(row), "value": f"“{clean(row.note or '')}”" + (f" · {when}" if when else "")}
    if answer.intent == "convert":
        name = ev.get(row.event).name if row.event in ev.EVENTS else clean(row.event or "≈")
        return {"name": f"≈ {name}", "value": f"**{clean(row.mark or '')}**" + (
            f"\n-# {clean(row.note)}" if row.note else "")}
    rank = ""
    if row.place is not None:
        medal = MEDALS.get(row.place) if answer.intent in RACE_INTENTS else None
        rank = f"{medal} " if medal else f"{row.place}. "
        if answer.intent in FINISH_INTENTS:
            rank = f"{place_words(row.place)} · "
        if row.round:   # a place in a heat or qualifying group: said with its race, no medal
            rank = f"{place_in(row.place, row.round)} · "
    value = f"**{clean(row.mark)}**" if row.mark else "—"
    if row.wind is not None:
        value += f" ({row.wind:+.1f})"
    if row.event and answer.intent in ("on_this_day", "h2h"):
        value += f" · {clean(ev.get(row.event).name if row.event in ev.EVENTS else row.event)}"
    value += _when_where(row)
    if row.note:
        value += f"\n-# {clean(row.note)}"
    if answer.intent in ONE_ATHLETE and row.event in ev.EVENTS:
        return {"name": rank + ev.get(row.event).name, "value": value}   # the athlete is in the headline
    return {"name": rank + _who(row), "value": value}


def _who(row: Row) -> str:
    mark = flag(row.nationality)
    name = clean(row.athlete) if row.athlete else "—"
    if row.nationality and not mark:
        name += f" ({clean(row.nationality)})"
    return f"{mark} {name}" if mark else name


def _when_where(row: Row) -> str:
    bits = [b for b in (_short_date(row.date), clean(row.competition or places.place(row.venue) or "")) if b]
    return (" · " + " · ".join(bits)) if bits else ""


def _short_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return clean(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def message_embed(title: str, text: str, *, colour: int = GREY) -> dict[str, Any]:
    """A plain notice (errors, 'nothing found') in the same look."""
    return fit_embed({"type": "rich", "title": clean(title), "description": clean(text), "color": colour})
