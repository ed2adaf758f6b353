"""A small bot process for the crash tests (tests/reliability/test_crash.py): the real QuizEngine, StateStore and
anniversary Scheduler on a state file, with progress written to files the test watches before it SIGKILLs us.

    python -m tests.reliability.driver quiz STATE WORKDIR      # wins WON rounds, then waits mid-round forever
    python -m tests.reliability.driver recover STATE WORKDIR   # a restart: QuizEngine.recover(), then exit
    python -m tests.reliability.driver anniv STATE WORKDIR [SECONDS]   # posts for guilds 1-3; guild 2's post
                                                               # hangs (the kill lands mid-post); SECONDS: exit after
Every progress line is flushed and fsynced before the next step, so what the test reads happened.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
from pathlib import Path

from bot.anniversaries import config as cf
from bot.anniversaries.scheduler import Scheduler
from bot.common.clock import SystemClock
from bot.quiz import engine as qe
from bot.quiz.answers import NAME, AnswerSpec
from bot.quiz.model import ListSource, make
from bot.state.store import StateStore
from tests.anniversaries.stories import fake_story

WON = 3                 # rounds won before the kill
CHANNEL, GUILDS, HANG = 4242, (1, 2, 3), 2
UTC = dt.UTC


def log(path: Path, line: str) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())


def question(n: int):
    return make("winner", f"Who won race {n}?", AnswerSpec(NAME, "Josh Kerr", family="Kerr"), [])


async def quiz(store: StateStore, work: Path) -> None:
    progress = work / "quiz.log"
    eng = qe.QuizEngine(store, SystemClock())
    tasks = []

    async def emit(ev):
        if isinstance(ev, qe.RoundStarted):
            if ev.number <= WON:
                user = 100 + ev.number % 2          # two players, alternating
                tasks.append(asyncio.create_task(eng.answer(ev.channel_id, user, "josh kerr")))
            else:
                log(progress, f"midgame {ev.game_id} {ev.number}")
        elif isinstance(ev, qe.RoundWon):          # emitted after the round's transaction committed
            log(progress, f"won {ev.game_id} {ev.number} {ev.user_id} {ev.points}")

    eng._emit_to = emit
    cfg = qe.GameConfig(timer=3600, pause=0, hints=0, target_score=100, max_questions=50, idle_limit=7200)
    await eng.start(CHANNEL, 1, ListSource(question(i) for i in range(50)), cfg, guild_id=7)
    await asyncio.Event().wait()       # until killed


async def recover(store: StateStore, work: Path) -> None:
    n = await qe.QuizEngine(store, SystemClock()).recover()
    log(work / "quiz.log", f"recovered {n}")


async def anniv(store: StateStore, work: Path, seconds: float | None) -> None:
    posts = work / "posts.log"
    now = dt.datetime.now(UTC)
    due = (now - dt.timedelta(minutes=1)).strftime("%H:%M")
    for gid in GUILDS:
        if (await cf.get_config(store, gid)).enabled:
            continue        # a restart: the settings are there already
        await cf.update(store, gid, now=dt.datetime(2000, 1, 1, tzinfo=UTC), channel_id=gid * 10, time=due,
                        timezone="UTC", enabled=True)

    async def post(guild_id: int, channel_id: int, stories) -> None:
        day = dt.datetime.now(UTC).date().isoformat()
        log(posts, f"posting {guild_id} {day}")
        if guild_id == HANG and seconds is None:
            await asyncio.Event().wait()        # the post in flight when the process is killed
        log(posts, f"posted {guild_id} {day}")

    async def stories(cfg, day):
        return [fake_story()]

    sched = Scheduler(store, SystemClock(), post, stories, name="driver")
    task = asyncio.create_task(sched.run())
    log(posts, "started")
    if seconds is None:
        await asyncio.Event().wait()
    await asyncio.sleep(seconds)
    task.cancel()
    log(posts, f"stopped {sched.stats}")


async def main(argv: list[str]) -> None:
    mode, state, work = argv[0], Path(argv[1]), Path(argv[2])
    store = await StateStore.open(state)
    try:
        if mode == "quiz":
            await quiz(store, work)
        elif mode == "recover":
            await recover(store, work)
        elif mode == "anniv":
            await anniv(store, work, float(argv[3]) if len(argv) > 3 else None)
        else:
            raise SystemExit(f"unknown mode {mode}")
    finally:
        await store.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
