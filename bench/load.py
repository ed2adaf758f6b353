"""Load: 1,000 concurrent quiz games in 1,000 channels with 20,000 answers, plus 5,000 /ask questions, all on
one event loop at once; then an exact audit of the state database.

    .venv/bin/python bench/load.py [--games 1000] [--rounds 4] [--per-round 5] [--asks 5000] [--db PATH]
                                   [--ask-workers N] [--ask-cache N]

Quiz: QuizEngine on one StateStore (a file on disk, WAL, group commit) with the real clock; pause 0, so a
won round is saved and the next question asked at once. Each round gets `per-round` answers sent together from
different users, 3 of them correct (a photo finish), the rest wrong: 1,000 x 4 x 5 = 20,000 answers.
Latencies: the answer() call (what a user's message costs), and from a round's first correct answer to the
round saved in the database (the RoundWon event is emitted after the commit).
/ask: every gold question, cycled to 5,000, sent together through Engine.answer (ASK_WORKERS engine processes
and the ASK_CACHE answer cache, bot/app/settings.py's defaults unless --ask-workers / --ask-cache say otherwise;
--ask-workers 0 --ask-cache 0 is the engine as it was: one thread, no cache): latency includes the time queued
behind the others. The engine processes start before the clock does (as at the bot's start).
Audit: every won round has exactly one winner row and every other round none; each round had exactly one
CORRECT result handed out; per game and user, points recomputed from round wins equal quiz_scores and the
points the engine told the winners; global leaderboard totals equal the sum of the wins; PRAGMA integrity_check.
Errors counted: any exception, any logged error, any "database is locked".
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app.settings import Settings  # noqa: E402
from bot.ask.engine import Engine  # noqa: E402
from bot.common.clock import SystemClock  # noqa: E402
from bot.pipeline import db as dbmod  # noqa: E402
from bot.quiz import engine as qe  # noqa: E402
from bot.quiz.answers import NAME, AnswerSpec  # noqa: E402
from bot.quiz.leaderboard import leaderboard  # noqa: E402
from bot.quiz.model import ListSource, make  # noqa: E402
from bot.state.store import StateStore  # noqa: E402
from tests.ask import gold  # noqa: E402

RIGHT, WRONG = ["Josh Kerr", "josh kerr", "Kerr", "J Kerr"], ["Jakob Ingebrigtsen", "Yared Nuguse", "no idea"]


class Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(record.getMessage() + (f" {record.exc_info[1]!r}" if record.exc_info else ""))


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def question(n: int):
    spec = AnswerSpec(NAME, "Josh Kerr", family="Kerr", others=("Jakob Ingebrigtsen", "Yared Nuguse"))
    return make("winner", f"Who won race {n}?", spec, ["Jakob Ingebrigtsen", "Yared Nuguse", "Cole Hocker"])


async def quiz_load(store: StateStore, games: int, rounds: int, per_round: int, errors: list[str]) -> dict:
    started: dict[int, dict[int, asyncio.Event]] = collections.defaultdict(lambda: collections.defaultdict(asyncio.Event))
    won_at: dict[tuple[int, int], float] = {}
    saved_lat: list[float] = []
    events: collections.Counter[str] = collections.Counter()

    def emit(ev):
        events[type(ev).__name__] += 1
        if isinstance(ev, qe.RoundStarted):
            started[ev.channel_id][ev.number].set()
        elif isinstance(ev, qe.RoundWon):
            saved_lat.append(time.perf_counter() - won_at[(ev.channel_id, ev.number)])

    eng = qe.QuizEngine(store, SystemClock(), emit)
    cfg = qe.GameConfig(timer=60.0, pause=0.0, hints=0, target_score=10_000, max_questions=rounds, idle_limit=600)
    answer_lat: list[float] = []
    correct: dict[tuple[int, int], list[tuple[int, int]]] = collections.defaultdict(list)   # (chan, round) -> (user, pts)
    outcomes: collections.Counter[str] = collections.Counter()

    async def one(chan: int, rnd: int, user: int, text: str):
        t = time.perf_counter()
        if "kerr" in text.lower():
            won_at.setdefault((chan, rnd), t)
        try:
            res = await eng.answer(chan, user, text)
        except Exception as exc:   # noqa: BLE001
            errors.append(f"answer: {exc!r}")
            return
        answer_lat.append(time.perf_counter() - t)
        outcomes[res.status] += 1
        if res.status == qe.CORRECT:
            assert res.round is not None            # a CORRECT result names its round
            correct[(chan, res.round)].append((user, res.points))

    async def player(chan: int):
        for rnd in range(1, rounds + 1):
            await asyncio.wait_for(started[chan][rnd].wait(), 60)
            texts = [RIGHT[i % len(RIGHT)] if i < 3 else WRONG[i % len(WRONG)] for i in range(per_round)]
            users = [chan * 100 + (rnd * 7 + i) % 9 for i in range(per_round)]     # a few regulars per channel
            order = list(zip(users, texts, strict=True))
            order = order[3:] + order[:3]                    # wrong answers arrive first, then three right at once
            await asyncio.gather(*(one(chan, rnd, u, t) for u, t in order))

    t0 = time.perf_counter()
    results = await asyncio.gather(*(eng.start(1_000_000 + c, c, ListSource(question(i) for i in range(rounds)),
                                               cfg, guild_id=1 + c % 50) for c in range(games)))
    t_started = time.perf_counter()
    players = await asyncio.gather(*(player(1_000_000 + c) for c in range(games)), return_exceptions=True)
    errors += [f"player: {p!r}" for p in players if isinstance(p, BaseException)]
    for game, _ in results:
        await game.done.wait()
    t1 = time.perf_counter()
    return dict(engine=eng, games=[g for g, _ in results], t_start=t_started - t0, wall=t1 - t0,
                answer_phase=t1 - t_started, answers=len(answer_lat), answer_lat=answer_lat, saved_lat=saved_lat,
                correct=correct, outcomes=outcomes, events=events)


async def ask_load(engine: Engine, n: int, errors: list[str]) -> dict:
    qs = [e["q"] for e in gold.load()]
    questions = [qs[i % len(qs)] for i in range(n)]
    lat: list[float] = []
    statuses: collections.Counter[str] = collections.Counter()

    async def one(q: str):
        t = time.perf_counter()
        try:
            a = await engine.answer(q)
        except Exception as exc:   # noqa: BLE001
            errors.append(f"ask: {exc!r}")
            return
        lat.append(time.perf_counter() - t)
        statuses[a.status] += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(one(q) for q in questions))
    return dict(wall=time.perf_counter() - t0, lat=lat, statuses=statuses)


async def audit(store: StateStore, quiz: dict, games: int, rounds: int) -> list[str]:
    problems = []
    ids = [g.id for g in quiz["games"]]
    rows = await store.fetchall(
        "SELECT r.id, r.game_id, r.number, r.outcome, count(w.round_id) FROM quiz_rounds r "
        "LEFT JOIN quiz_round_wins w ON w.round_id = r.id GROUP BY r.id")
    if len(rows) != games * rounds:
        problems.append(f"{len(rows)} rounds saved, expected {games * rounds}")
    for rid, _gid, _num, outcome, wins in rows:
        if wins != (1 if outcome == "won" else 0):
            problems.append(f"round {rid} ({outcome}) has {wins} winners")
    by_game_chan = {g.id: g.channel_id for g in quiz["games"]}
    handed = quiz["correct"]
    for key, got in handed.items():
        if len(got) != 1:
            problems.append(f"round {key}: {len(got)} CORRECT results")
    # recompute points per (game, user) from the wins; compare with quiz_scores and with what the engine said
    from_wins: collections.Counter[tuple[int, int]] = collections.Counter()
    for gid, uid, pts in await store.fetchall(
            "SELECT r.game_id, w.user_id, w.points FROM quiz_round_wins w JOIN quiz_rounds r ON r.id = w.round_id"):
        from_wins[(gid, uid)] += pts
    stored = {(g, u): p for g, u, p in await store.fetchall("SELECT game_id, user_id, points FROM quiz_scores")}
    told: collections.Counter[tuple[int, int]] = collections.Counter()
    chan_game = {c: g for g, c in by_game_chan.items()}
    for (chan, _rnd), got in handed.items():
        for uid, pts in got:
            told[(chan_game[chan], uid)] += pts
    for key in set(from_wins) | {k for k, v in stored.items() if v}:
        if from_wins[key] != stored.get(key, 0):
            problems.append(f"game/user {key}: wins say {from_wins[key]}, quiz_scores says {stored.get(key)}")
    if dict(told) != {k: v for k, v in from_wins.items() if v}:
        problems.append("points told to the winners differ from the points stored")
    total_wins = sum(from_wins.values())
    board = await leaderboard(store, scope="global", metric="points", limit=10**9)
    if sum(r.value for r in board) != total_wins:
        problems.append(f"global leaderboard totals {sum(r.value for r in board)} != {total_wins} points won")
    unfinished = await store.fetchall("SELECT count(*) FROM quiz_games WHERE ended_at IS NULL OR end_reason = 'error'")
    if unfinished[0][0]:
        problems.append(f"{unfinished[0][0]} games unfinished or ended in error")
    ok = (await store.fetchone("PRAGMA integrity_check"))[0]
    if ok != "ok":
        problems.append(f"integrity_check: {ok}")
    return problems + [f"(ids {len(ids)})"][:0]


async def main(args) -> int:
    errors: list[str] = []
    handler = Errors()
    logging.getLogger().addHandler(handler)
    with tempfile.TemporaryDirectory() as d:
        state_file = Path(d) / "state.sqlite3"
        store = await StateStore.open(state_file)
        engine = Engine.open(args.db, workers=args.ask_workers, cache=args.ask_cache)
        if engine.workers is not None:
            await engine.workers.ready()
        t0 = time.perf_counter()
        quiz, ask = await asyncio.gather(quiz_load(store, args.games, args.rounds, args.per_round, errors),
                                         ask_load(engine, args.asks, errors))
        wall = time.perf_counter() - t0
        problems = await audit(store, quiz, args.games, args.rounds)
        journal = (await store.fetchone("PRAGMA journal_mode"))[0]
        writes, commits = store.writes, store.commits
        await store.close()
        engine.close()
    errors += handler.records
    locked = sum("locked" in e for e in errors)
    al, sl, kl = quiz["answer_lat"], quiz["saved_lat"], ask["lat"]
    ms = 1000
    print("== Bell Lap load (bench/load.py) ==")
    print(f"state store: one file, journal_mode={journal}; {writes} writes in {commits} commits; "
          f"reference db: {args.db}")
    print(f"/ask engine: {args.ask_workers or 'no'} worker processes ({'one thread' if not args.ask_workers else 'spawned'}), "
          f"answer cache {args.ask_cache}")
    print(f"quiz:  {args.games} games in {args.games} channels, {quiz['answers']} answers "
          f"({dict(quiz['outcomes'])}), {quiz['events']['RoundWon']} rounds won")
    print(f"       answers/s {quiz['answers'] / quiz['answer_phase']:.0f} over {quiz['answer_phase']:.2f} s "
          f"(all games started in {quiz['t_start']:.2f} s)")
    print(f"       answer() p50 {statistics.median(al) * ms:.3f} ms  p99 {pct(al, 99) * ms:.3f} ms")
    print(f"       first correct answer -> round saved: p50 {statistics.median(sl) * ms:.1f} ms  "
          f"p99 {pct(sl, 99) * ms:.1f} ms  max {max(sl) * ms:.1f} ms")
    print(f"/ask:  {len(kl)} questions ({dict(ask['statuses'])}) in {ask['wall']:.2f} s: "
          f"{len(kl) / ask['wall']:.0f} q/s; latency (queued together) p50 {statistics.median(kl) * ms:.0f} ms  "
          f"p99 {pct(kl, 99) * ms:.0f} ms")
    print(f"total wall {wall:.2f} s (quiz and /ask at the same time on one event loop)")
    print(f"audit: {'OK' if not problems else 'FAILED'}: one winner per won round, every point once "
          f"(wins = quiz_scores = what winners were told = leaderboard), integrity_check ok")
    for p in problems[:20]:
        print("   ", p)
    print(f"errors: {len(errors)}; 'database is locked': {locked}")
    for e in errors[:10]:
        print("   ", e)
    return 1 if problems or errors else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--per-round", type=int, default=5)
    ap.add_argument("--asks", type=int, default=5000)
    ap.add_argument("--ask-workers", type=int, default=Settings.ask_workers)
    ap.add_argument("--ask-cache", type=int, default=Settings.ask_cache)
    ap.add_argument("--db", default=str(dbmod.db_path()) if hasattr(dbmod, "db_path") else "var/bell_lap.sqlite3")
    sys.exit(asyncio.run(main(ap.parse_args())))
