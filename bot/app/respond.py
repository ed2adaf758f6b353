"""Request -> Reply: the one path every command and mention takes (engine -> renderer), Discord-free.

A request is a typed question (bot/ask/query.Question) or a typed Query (a slash command's options, a
"did you mean" choice); the engine's one executor answers both. A Reply is what any front end shows: embed
pages, an optional chart PNG, and "did you mean" choices, each with the request to run when it is picked.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.ask import athletes
from bot.ask.answer import AMBIGUOUS, ANSWERED, UNKNOWN, Answer
from bot.ask.catalogue import fmt_date
from bot.ask.query import Question, Request
from bot.render import CHART_FILE, answer_pages, charts
from bot.render.text import clean, truncate

if TYPE_CHECKING:
    from bot.ask.engine import Engine

MAX_CHOICES = 5
LABEL = 80          # Discord's button label limit


@dataclass
class Reply:
    answer: Answer
    pages: list[dict[str, Any]]
    chart: bytes | None = None                              # PNG, attached as CHART_FILE
    choices: list[tuple[str, Request]] = field(default_factory=list)   # (button label, request to run)

    @property
    def chart_name(self) -> str:
        return CHART_FILE


async def ask(engine: Engine, request: Request | str, *, title: str | None = None, chart: bool = False) -> Reply:
    """Answer `request` (text is a typed question); `title` restates a slash command; `chart` draws the
    progression chart when the answer has one."""
    answer = await engine.answer(Question(request) if isinstance(request, str) else request)
    return await reply_for(engine, answer, title=title, chart=chart)


async def reply_for(engine: Engine, answer: Answer, *, title: str | None = None, chart: bool = False) -> Reply:
    """What is shown for an Answer (also one that never reached the engine: a bad slash option)."""
    png = None
    if chart and answer.status == ANSWERED and answer.chart:
        label = answer.headline.split(":")[0]
        png = await asyncio.to_thread(charts.progression_png, answer.chart, label, engine.today())
    pages = answer_pages(answer, title=title, image=CHART_FILE if png else None)
    if answer.status == ANSWERED and answer.intent == "profile":
        await _add_recent(engine, answer, pages)
    return Reply(answer, pages, png, choices_for(answer))


def choices_for(answer: Answer) -> list[tuple[str, Request]]:
    # an answer offers buttons only for its namesakes ("hassan 5000 pb" assumed Sifan Hassan: the others)
    if answer.status not in (AMBIGUOUS, UNKNOWN) and not (answer.status == ANSWERED and answer.choices):
        return []
    return [(truncate(label, LABEL), request) for label, request in answer.picks()[:MAX_CHOICES]]


# -- /athlete: recent results under the profile

async def _add_recent(engine: Engine, answer: Answer, pages: list[dict[str, Any]]) -> None:
    people = answer.entities.get("athletes") or []
    if not people:
        return
    rows = await engine.run(athletes.recent_results, people[0]["id"])
    if not rows:
        return
    from bot.common import events as ev
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
