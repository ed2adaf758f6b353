"""Two bot processes, one PostgreSQL, 1,000 servers (issue 8, part 5).

Two real subprocesses (tests/scale/driver.py: the real store, Scheduler and QuizEngine), sharded two ways,
share one throwaway PostgreSQL database for three simulated days, meeting at a barrier in the database every
simulated hour. On the middle day both processes plan every server (a botched re-shard), so they race for the
same ledger rows. Meanwhile each plays quiz games in its own servers, with three right answers arriving at
once in every round.

Checked: exactly one anniversary post per server per local day across both processes (and every local day
wholly inside the window got its post); every round has exactly one winner, the database's wins are the
rounds the engines reported, and the leaderboards (global and per server, points and wins) agree exactly with
the boards recomputed from the round winners.

Skipped without PostgreSQL (tests/pg.py), failed when BELL_LAP_REQUIRE_POSTGRES=1 (CI).
"""
from __future__ import annotations

import asyncio
import collections
import datetime as dt
import json
import random
import subprocess
import sys
import time
import zoneinfo
from pathlib import Path

import pytest

from bot.quiz import leaderboard as lb
from bot.state import sharding
from bot.state.store import StateStore
from tests import pg

ROOT = Path(__file__).resolve().parents[2]
SERVERS = 1000
SHARDS = 2
DAYS = 3
START = dt.datetime(2026, 3, 27, tzinfo=dt.UTC)     # through Europe's spring-forward weekend
GAMES = 40                                                   # per process
ROUNDS = 8
TIMEOUT = 600


def zones() -> list[str]:
    return sorted(z for z in zoneinfo.available_timezones()
                  if "/" in z and not z.startswith(("Etc/", "posix/", "right/", "SystemV/")))


async def seed(url: str) -> dict[int, str]:
    rnd = random.Random(8)
    tzs = zones()
    ids: set[int] = set()
    while len(ids) < SERVERS:                       # snowflake-like ids: the shard is in bits 22 and up
        ids.add((rnd.randrange(1 << 40) << 22) | rnd.randrange(1 << 22))
    chosen = {}
    store = await StateStore.open(url)
    try:
        async with store.write() as tx:
            await tx.execute("CREATE TABLE scale_barrier (step INTEGER NOT NULL, process INTEGER NOT NULL, "
                             "PRIMARY KEY (step, process))")
            rows_settings, rows_config = [], []
            for gid in sorted(ids):
                tz = rnd.choice(tzs)
                at = f"{rnd.randrange(24):02d}:{rnd.choice([0, 15, 30, 45]):02d}"
                chosen[gid] = tz
                rows_settings.append((gid, tz))
                rows_config.append((gid, gid % 10_000_000, at))
            await tx.executemany("INSERT INTO guild_settings (guild_id, timezone) VALUES (?, ?)", rows_settings)
            await tx.executemany("INSERT INTO anniversary_config (guild_id, channel_id, post_time, enabled, "
                                 "active_since, updated_at) VALUES (?, ?, ?, 1, '2000-01-01T00:00:00+00:00', '')",
                                 rows_config)
    finally:
        await store.close()
    return chosen


def run_processes(url: str, work: Path) -> list[dict]:
    procs, outs = [], []
    for shard in range(SHARDS):
        out = work / f"shard-{shard}.json"
        outs.append(out)
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "tests.scale.driver", url, str(shard), str(SHARDS), str(out),
             "--days", str(DAYS), "--games", str(GAMES), "--rounds", str(ROUNDS), "--steal-day", "1",
             "--start", START.isoformat()],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    logs = []
    try:
        for p in procs:
            logs.append(p.communicate(timeout=TIMEOUT)[0])
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    for p, log in zip(procs, logs, strict=True):
        assert p.returncode == 0, f"a bot process failed ({p.returncode}):\n{log[-4000:]}"
    return [json.loads(o.read_text()) for o in outs]


@pytest.mark.postgres
@pytest.mark.slow
async def test_two_processes_serve_a_thousand_servers_exactly_once(tmp_path):
    srv = pg.server()
    url = await srv.create_database()
    try:
        chosen = await seed(url)
        t0 = time.monotonic()
        results = await asyncio.to_thread(run_processes, url, tmp_path)
        wall = time.monotonic() - t0
        store = await StateStore.open(url)
        try:
            figures = await check(store, chosen, results)
        finally:
            await store.close()
    finally:
        await srv.drop_database(url)
    figures["wall_seconds"] = round(wall, 1)
    print("\nscale:", json.dumps(figures))


async def check(store: StateStore, chosen: dict[int, str], results: list[dict]) -> dict:
    owner = {gid: sharding.shard_for(gid, SHARDS) for gid in chosen}
    assert set(owner.values()) == set(range(SHARDS))

    # -- anniversaries: one post per server per local day, across both processes
    per_day: collections.Counter = collections.Counter()
    by_proc: collections.Counter = collections.Counter()
    for res in results:
        for gid, when, shard in res["posts"]:
            day = dt.datetime.fromisoformat(when).astimezone(zoneinfo.ZoneInfo(chosen[gid])).date()
            per_day[(gid, day)] += 1
            by_proc[(shard, owner[gid] == shard)] += 1
    dupes = {k: n for k, n in per_day.items() if n > 1}
    assert not dupes, f"{len(dupes)} server-days posted more than once, e.g. {list(dupes.items())[:5]}"
    end = START + dt.timedelta(days=DAYS)
    missing = []
    for gid, tz in chosen.items():
        z = zoneinfo.ZoneInfo(tz)
        day = (START.astimezone(z) + dt.timedelta(days=1)).date()
        while dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), z) <= end:
            if (gid, day) not in per_day:
                missing.append((gid, tz, day))
            day += dt.timedelta(days=1)
    assert not missing, f"{len(missing)} server-days never posted, e.g. {missing[:5]}"
    ledger = dict((r[0], r[1]) for r in await store.fetchall(
        "SELECT status, count(*) FROM anniversary_posts GROUP BY status"))
    assert ledger == {"done": sum(per_day.values())}
    stats = [r["anniversary_stats"] for r in results]
    lost = sum(s["lost_claims"] for s in stats)
    assert lost > 0, "on the shared day the processes never raced: the test did not test the ledger"
    assert all(s["step_errors"] == 0 for s in stats), stats
    # outside the shared day every post came from the server's own shard (the barrier keeps the two clocks
    # within an hour of each other)
    foreign = by_proc[(0, False)] + by_proc[(1, False)]
    shared = (START + dt.timedelta(days=1), START + dt.timedelta(days=2, hours=1))
    stray = [(gid, when, shard) for res in results for gid, when, shard in res["posts"]
             if owner[gid] != shard and not shared[0] <= dt.datetime.fromisoformat(when) <= shared[1]]
    assert not stray, stray[:5]

    # -- quiz: one winner per round, the database holds exactly the rounds the engines reported
    reported = [tuple(w) for r in results for w in r["round_wins"]]
    assert all(n == 1 for r in results for n in r["correct_per_round"])
    assert len(reported) == SHARDS * GAMES * ROUNDS
    db_wins = {(r[0], r[1], r[2], r[3]) for r in await store.fetchall(
        "SELECT r.game_id, r.number, w.user_id, w.points FROM quiz_round_wins w JOIN quiz_rounds r ON r.id = w.round_id")}
    assert db_wins == set(reported) and len(db_wins) == len(reported)
    assert (await store.fetchone("SELECT count(*) FROM quiz_rounds WHERE outcome <> 'won'"))[0] == 0
    games = await store.fetchall("SELECT id, guild_id, winner_id, end_reason, ended_at FROM quiz_games")
    assert len(games) == SHARDS * GAMES
    game_shard = {g[0]: owner[g[1]] for g in games}
    for res in results:                                  # each game was played by its server's shard
        assert {gid for gid, *_ in res["round_wins"]} <= {g for g, s in game_shard.items() if s == res["shard_id"]}
    assert all(g[3] == "questions" and g[4] is not None for g in games)

    # recompute every game from its round winners: scores, winner (most points, first to reach it)
    points: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
    last: dict[tuple[int, int], int] = {}
    for game_id, number, user, pts in sorted(reported):
        points[game_id][user] += pts
        last[(game_id, user)] = number
    winners = {gid: min(c, key=lambda u: (-c[u], last[(gid, u)], u)) for gid, c in points.items()}
    guild_of = {g[0]: g[1] for g in games}
    assert {g[0]: g[2] for g in games} == winners
    told = {g[0]: g[2] for r in results for g in r["games"]}
    assert told == winners
    stored = {(r[0], r[1]): r[2] for r in await store.fetchall(
        "SELECT game_id, user_id, points FROM quiz_scores WHERE points > 0")}
    assert stored == {(g, u): p for g, c in points.items() for u, p in c.items()}

    # the boards, recomputed
    total: collections.Counter = collections.Counter()
    wins: collections.Counter = collections.Counter()
    for gid, c in points.items():
        total.update(c)
        wins[winners[gid]] += 1
    board = await lb.leaderboard(store, "global", "points", limit=10**6)
    assert {r.user_id: r.value for r in board if r.value} == dict(total)     # players who never won: 0
    board = await lb.leaderboard(store, "global", "wins", limit=10**6)
    assert {r.user_id: r.value for r in board} == dict(wins)
    for guild in sorted(set(guild_of.values()))[:10]:
        want: collections.Counter = collections.Counter()
        for gid, c in points.items():
            if guild_of[gid] == guild:
                want.update(c)
        board = await lb.leaderboard(store, "server", "points", guild, limit=10**6)
        assert {r.user_id: r.value for r in board if r.value} == dict(want)
    for user in list(total)[:10]:
        s = await lb.member_stats(store, user)
        assert (s.points, s.wins) == (total[user], wins[user])

    return {"servers": len(chosen), "days": DAYS, "posts": sum(per_day.values()),
            "posts_by_process": [sum(n for (s, _), n in by_proc.items() if s == i) for i in range(SHARDS)],
            "posts_for_other_shard_on_shared_day": foreign, "lost_claims": lost,
            "quiz_games": len(games), "quiz_rounds": len(reported), "players": len(total),
            "process_seconds": [r["seconds"] for r in results]}
