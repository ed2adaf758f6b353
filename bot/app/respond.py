"""Request -> Reply: the one path every command and mention takes (engine -> renderer), Discord-free.

A request is a typed question (bot/ask/query.Question) or a typed Query (a slash command's options, a
"did you mean" choice); the engine's one executor answers both. A Reply is what any front end shows: embed
pages, an optional chart PNG, and "did you mean" choices, each with the request to run when it is picked.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from bot.ask import athletes
from bot.ask.answer import AMBIGUOUS, ANSWERED, UNKNOWN, Answer
from bot.ask.catalogue import fmt_date
from bot.ask.query import Previous, Question, Request
from bot.render import CHART_FILE, answer_pages, charts
from bot.render.text import clean, truncate
from bot.state import followups
from bot.state.store import StoreUnavailable

if TYPE_CHECKING:
    from bot.ask.engine import Engine
    from bot.state.store import StateStore

log = logging.getLogger(__name__)

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
    # an answer offers its namesakes ("hassan 5000 pb" assumed Sifan Hassan: the others), else the natural next
    # questions of a race (the next place, the other sex, the previous edition)
    if answer.status == ANSWERED and not answer.choices:
        return [(truncate(label, LABEL), query) for label, query in answer.next[:MAX_CHOICES]]
    if answer.status not in (AMBIGUOUS, UNKNOWN) and not (answer.status == ANSWERED and answer.choices):
        return []
    return [(truncate(label, LABEL), request) for label, request in answer.picks()[:MAX_CHOICES]]


# -- follow-up questions: the asker's previous question in the channel, from the state store

@dataclass(frozen=True)
class Asker:
    """Who asks where: a follow-up builds on this member's previous question in this channel (or DM)."""
    channel_id: int
    user_id: int


async def ask_as(engine: Engine, store: StateStore, asker: Asker, request: Request | str, *, now: float,
                 minutes: float, **kwargs: Any) -> Reply:
    """ask(), with the asker's previous question (kept `minutes`) for a typed question to build on, and this
    one kept for the next. The store out of reach: the question is answered on its own."""
    if isinstance(request, str):
        request = Question(request)
    if isinstance(request, Question) and minutes > 0:
        previous = await _previous(store, asker, now, minutes)
        if previous is not None:
            request = replace(request, after=previous)
    reply = await ask(engine, request, **kwargs)
    asked = reply.answer.asked
    if reply.answer.status == ANSWERED and asked is not None and minutes > 0:
        kept = Previous(asked, reply.answer.subjects)
        try:
            await followups.save(store, asker.channel_id, asker.user_id, asked.to_json(), kept.subjects_json(), now,
                                 minutes)
        except StoreUnavailable:
            log.warning("the state store is unavailable: this question is not kept for a follow-up")
    return reply


async def _previous(store: StateStore, asker: Asker, now: float, minutes: float) -> Previous | None:
    try:
        row = await followups.load(store, asker.channel_id, asker.user_id, now, minutes)
    except StoreUnavailable:
        log.warning("the state store is unavailable: the question is answered without its context")
        return None
    if row is None:
        return None
    try:
        return Previous.from_json(*row)
    except (ValueError, TypeError, KeyError):    # a row this version cannot read: the question stands alone
        log.warning("an unreadable follow-up context was ignored")
        return None



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
