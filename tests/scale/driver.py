"""One bot process for the scale test (tests/scale/test_two_processes.py): the real PostgreSQL store, the real
anniversary Scheduler and the real QuizEngine, for the shards this process runs; no Discord.

    python -m tests.scale.driver URL SHARD_ID SHARD_COUNT OUT.json [--days N] [--games N] [--rounds N]
                                 [--steal-day N] [--start ISO]

Anniversaries: a ManualClock (advanced in steps of an hour) drives the Scheduler, which plans only the servers
on this process's shards. Both processes meet at a barrier in the database (scale_barrier) after every hour,
so their simulated clocks stay within an hour of each other. On --steal-day every process plans every server
(as during a botched re-shard), so the two race for the same ledger rows all day. Every post() call is written
to OUT.json, which the test checks: one post per server per local day across both processes.

Quiz: --games games (one per channel, in servers this process owns), --rounds questions each, played with the
system clock and no pause. Every round several players answer at once (a few right, a few wrong), so exactly one
of them must win it; every RoundWon and GameOver the engine emitted goes to OUT.json for the test to compare
with the leaderboards.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.anniversaries.scheduler import Scheduler  # noqa: E402
from bot.common.clock import SettlingClock, SystemClock  # noqa: E402
from bot.quiz import engine as qe  # noqa: E402
from bot.quiz.answers import NAME, AnswerSpec  # noqa: E402
from bot.quiz.model import ListSource, make  # noqa: E402
from bot.state import sharding  # noqa: E402
from bot.state.store import StateStore  # noqa: E402
from tests.anniversaries.stories import fake_story  # noqa: E402

UTC = dt.UTC
PLAYERS = 40                 # users 1..40 play in both processes: the global board sums them across processes
BARRIER_TIMEOUT = 120.0


async def barrier(store: StateStore, step: int, me: int, count: int) -> None:
    async with store.write() as tx:
        await tx.execute("INSERT INTO scale_barrier (step, process) VALUES (?, ?) ON CONFLICT DO NOTHING", (step, me))
    deadline = time.monotonic() + BARRIER_TIMEOUT
    while (await store.fetchone("SELECT count(*) FROM scale_barrier WHERE step = ?", (step,)))[0] < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"barrier {step}: the other process did not arrive")
        await asyncio.sleep(0.002)


async def anniversaries(store: StateStore, args, out: dict) -> None:
    start = dt.datetime.fromisoformat(args.start)
    clock = SettlingClock(start)
    mine = sharding.owner([args.shard_id], args.shard_count)
    posts: list[list] = out["posts"]

    async def post(guild_id: int, channel_id: int, stories) -> None:
        posts.append([guild_id, clock.now().isoformat(), args.shard_id])
        await asyncio.sleep(0)

    async def stories(cfg, day):
        return [fake_story()]

    sched = Scheduler(store, clock, post, stories, name=f"scale:shard={args.shard_id}", owns=mine,
                      refresh=dt.timedelta(hours=2))
    task = asyncio.create_task(sched.run())
    try:
        await clock.settle()
        hours = args.days * 24
        for step in range(hours):
            day = step // 24
            stealing = args.steal_day is not None and day == args.steal_day
            want = sharding.everyone if stealing else mine
            if sched.owns is not want:
                sched.owns = want
                sched.poke()
                await asyncio.sleep(0)
                await clock.settle()
            await clock.advance(3600)
            await barrier(store, step, args.shard_id, args.shard_count)
    finally:
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
    out["anniversary_stats"] = sched.stats


def question(i: int, rnd: random.Random):
    names = ["Josh Kerr", "Jakob Ingebrigtsen", "Yared Nuguse", "Cole Hocker", "Faith Kipyegon", "Sifan Hassan"]
    right = rnd.choice(names)
    others = [n for n in names if n != right]
    return make("winner", f"Who won race {i}?", AnswerSpec(NAME, right), others[:3])


async def quiz(store: StateStore, args, out: dict) -> None:
    rnd = random.Random(1000 + args.shard_id)
    mine = sharding.owner([args.shard_id], args.shard_count)
    guilds = [g for g in args.guild_ids if mine(g)][:args.games]
    won: list[list] = out["round_wins"]
    over: list[list] = out["games"]
    rounds: asyncio.Queue = asyncio.Queue()

    def on_event(ev) -> None:
        if isinstance(ev, qe.RoundStarted):
            rounds.put_nowait(ev)
        elif isinstance(ev, qe.RoundWon):
            won.append([ev.game_id, ev.number, ev.user_id, ev.points])
        elif isinstance(ev, qe.GameOver):
            over.append([ev.game_id, ev.reason, ev.winner_id, ev.rounds])

    eng = qe.QuizEngine(store, SystemClock(), on_event, owns=mine)
    config = qe.GameConfig(mode=qe.TYPED, timer=30.0, pause=0.0, target_score=1000, max_questions=args.rounds)
    players: dict[int, list[int]] = {}
    games: list[qe.Game] = []
    for gid in guilds:
        channel = gid + 1
        players[channel] = rnd.sample(range(1, PLAYERS + 1), 5)
        src = ListSource(question(i, rnd) for i in range(args.rounds))
        game, new = await eng.start(channel, players[channel][0], src, config, guild_id=gid)
        assert new, f"channel {channel} already has a game"
        games.append(game)
    answered = 0
    games_left = len(guilds)
    expected_rounds = games_left * args.rounds
    while answered < expected_rounds:
        ev = await asyncio.wait_for(rounds.get(), 60)
        who = players[ev.channel_id]
        right = ev.question.answer.display
        # two wrong answers, then three right ones at once: exactly one wins, the others are late
        answers = [(who[3], "Nobody"), (who[4], "Someone Else")] + [(u, right) for u in rnd.sample(who[:3], 3)]
        results = await asyncio.gather(*(eng.answer(ev.channel_id, u, text) for u, text in answers))
        statuses = [r.status for r in results]
        out["correct_per_round"].append(statuses.count(qe.CORRECT))
        answered += 1
    with contextlib.suppress(TimeoutError):        # every game over and saved, or a minute gone: close anyway
        async with asyncio.timeout(60):
            await asyncio.gather(*(g.done.wait() for g in games))
    await eng.close()


async def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("shard_id", type=int)
    ap.add_argument("shard_count", type=int)
    ap.add_argument("out")
    ap.add_argument("--days", type=int, default=3)
    ap.add_argument("--games", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--steal-day", type=int, default=None)
    ap.add_argument("--start", default="2026-03-27T00:00:00+00:00")
    args = ap.parse_args(argv)
    store = await StateStore.open(args.url, max_size=5)
    out: dict = {"posts": [], "round_wins": [], "games": [], "correct_per_round": [], "shard_id": args.shard_id}
    t0 = time.monotonic()
    try:
        args.guild_ids = [r[0] for r in await store.fetchall("SELECT guild_id FROM anniversary_config "
                                                             "ORDER BY guild_id")]
        await asyncio.gather(anniversaries(store, args, out), quiz(store, args, out))
    finally:
        await store.close()
    out["seconds"] = round(time.monotonic() - t0, 2)
    await asyncio.to_thread(Path(args.out).write_text, json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
