"""Question -> Reply: the one path every command and mention takes (engine -> renderer), Discord-free.

A Reply is what any front end shows: embed pages, an optional chart PNG, and "did you mean" choices, each
with the question to run when it is picked.
"""
from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from bot import charts, lookup
from bot.ask.answer import AMBIGUOUS, ANSWERED, UNKNOWN, Answer
from bot.ask.catalogue import fmt_date
from bot.render import CHART_FILE, answer_pages
from bot.render.text import clean, truncate

MAX_CHOICES = 5
LABEL = 80          # Discord's button label limit
RECENT = 5


@dataclass
class Reply:
    answer: Answer
    pages: list[dict[str, Any]]
    chart: bytes | None = None                              # PNG, attached as CHART_FILE
    choices: list[tuple[str, str]] = field(default_factory=list)   # (button label, question to run)

    @property
    def chart_name(self) -> str:
        return CHART_FILE


async def ask(engine, question: str, *, title: str | None = None, chart: bool = False) -> Reply:
    """Answer `question`; `title` restates a slash command instead of the built question; `chart` draws the
    progression chart when the answer has one."""
    answer = await engine.answer(question)
    png = None
    if chart and answer.status == ANSWERED and answer.chart:
        label = answer.headline.split(":")[0]
        png = await asyncio.to_thread(charts.progression_png, answer.chart, label)
    pages = answer_pages(answer, title=title, image=CHART_FILE if png else None)
    if answer.status == ANSWERED and answer.intent == "profile":
        await _add_recent(engine, answer, pages)
    return Reply(answer, pages, png, choices_for(answer))


def choices_for(answer: Answer) -> list[tuple[str, str]]:
    if answer.status not in (AMBIGUOUS, UNKNOWN):
        return []
    return [(truncate(s, LABEL), lookup.rerun_question(answer.query, answer.entities.get("unclear"), s))
            for s in answer.suggestions[:MAX_CHOICES]]


# -- /athlete: recent results under the profile

def recent_results(conn: sqlite3.Connection, athlete_id: int, limit: int = RECENT) -> list[tuple]:
    return conn.execute(
        "SELECT r.date, e.code, res.mark, res.place, r.round, coalesce(c.name, r.venue), r.indoor "
        "FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id "
        "LEFT JOIN competitions c ON c.id = r.competition_id "
        "WHERE res.athlete_id = ? AND r.date IS NOT NULL ORDER BY r.date DESC, res.id DESC LIMIT ?",
        (athlete_id, limit)).fetchall()


async def _add_recent(engine, answer: Answer, pages: list[dict[str, Any]]) -> None:
    people = answer.entities.get("athletes") or []
    if not people:
        return
    rows = await engine.run(recent_results, people[0]["id"])
    if not rows:
        return
    from bot import events as ev
    from bot.render.limits import fit_embed
    lines = []
    for date, code, mark, place, rnd, where, indoor in rows:
        name = ev.get(code).name if code in ev.EVENTS else code
        bits = [fmt_date(date), name, f"**{clean(mark or '—')}{'i' if indoor and mark else ''}**"]
        if place:
            bits.append(f"{place}{'' if not rnd or rnd == 'F' else ' ' + rnd}")
        if where:
            bits.append(clean(where))
        lines.append(" · ".join(bits))
    first = pages[0]
    first.setdefault("fields", []).append({"name": "Recent results", "value": "\n".join(lines)})
    pages[0] = fit_embed(first)
