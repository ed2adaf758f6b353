"""Leaderboards (server/global x wins/points/games/average), member stats and per-server settings."""
from __future__ import annotations

import pytest

from bot.quiz import leaderboard as lb


async def seed(store):
    # game 1 in server 1: user 10 wins 5-2; game 2 in server 1: user 20 wins 3-1; game 3 in server 2: 10 wins;
    # game 4 is still running and must not count.
    games = [(1, 1, 10, [(10, 5, 5, 6, 3), (20, 2, 2, 4, 1)]),
             (2, 1, 20, [(10, 1, 1, 3, 1), (20, 3, 3, 3, 2)]),
             (3, 2, 10, [(10, 4, 4, 4, 4)]),
             (4, 1, None, [(30, 50, 50, 50, 50)])]
    async with store.write() as db:
        for gid, guild, winner, scores in games:
            ended = None if gid == 4 else "2026-01-01T00:10:00Z"
            await db.execute("INSERT INTO quiz_games (id, guild_id, channel_id, started_by, mode, target_score, "
                             "max_questions, started_at, ended_at, end_reason, winner_id) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                             (gid, guild, 100 + gid, 1, "typed", 10, 20, "2026-01-01T00:00:00Z", ended,
                              None if ended is None else "target", winner))
            for uid, pts, correct, answers, streak in scores:
                await db.execute("INSERT INTO quiz_scores (game_id, user_id, points, correct, answers, best_streak) "
                                 "VALUES (?,?,?,?,?,?)", (gid, uid, pts, correct, answers, streak))


async def test_leaderboards(store):
    await seed(store)
    def rows(r):
        return [(x.rank, x.user_id, x.value) for x in r]
    assert rows(await lb.leaderboard(store, "server", "points", 1)) == [(1, 10, 6), (2, 20, 5)]
    assert rows(await lb.leaderboard(store, "global", "points")) == [(1, 10, 10), (2, 20, 5)]
    assert rows(await lb.leaderboard(store, "server", "wins", 1)) == [(1, 10, 1), (1, 20, 1)]
    assert rows(await lb.leaderboard(store, "global", "wins")) == [(1, 10, 2), (2, 20, 1)]
    assert rows(await lb.leaderboard(store, "global", "games")) == [(1, 10, 3), (2, 20, 2)]
    assert rows(await lb.leaderboard(store, "server", "average", 1)) == [(1, 10, 3.0), (2, 20, 2.5)]
    assert rows(await lb.leaderboard(store, "server", "average", 1, min_games=3)) == []
    assert rows(await lb.leaderboard(store, "server", "points", 2)) == [(1, 10, 4)]
    with pytest.raises(ValueError):
        await lb.leaderboard(store, "server", "points")          # which server?
    with pytest.raises(ValueError):
        await lb.leaderboard(store, "galaxy", "points", 1)


async def test_member_stats(store):
    await seed(store)
    s = await lb.member_stats(store, 10)
    assert (s.games, s.wins, s.points, s.correct, s.answers, s.best_streak) == (3, 2, 10, 10, 13, 4)
    assert round(s.average, 2) == 3.33
    s1 = await lb.member_stats(store, 10, guild_id=1)
    assert (s1.games, s1.wins, s1.points) == (2, 1, 6)
    nobody = await lb.member_stats(store, 999)
    assert (nobody.games, nobody.average, nobody.accuracy, nobody.fastest) == (0, 0.0, 0.0, None)


async def test_settings(store):
    assert await lb.get_settings(store, 1) == lb.QuizSettings()
    s = await lb.update_settings(store, 1, "2026-01-01T00:00:00Z", delay=30, target_score=5, spoilers=True,
                                 difficulty="Hard", sources="reference, list:world-record-holders")
    assert s.delay == 30 and s.target_score == 5 and s.spoilers and s.difficulty == "hard"
    assert s.sources == ("reference", "list:world-record-holders")
    again = await lb.get_settings(store, 1)
    assert again == s
    s2 = await lb.update_settings(store, 1, "2026-01-02T00:00:00Z", reveal_answers=False)
    assert s2.delay == 30 and not s2.reveal_answers                      # the rest kept
    assert await lb.get_settings(store, 2) == lb.QuizSettings()         # per server
    cfg = s2.game_config("choice")
    assert (cfg.timer, cfg.target_score, cfg.difficulty, cfg.reveal_answers, cfg.mode) == (30, 5, "hard", False, "choice")
    for bad in ({"delay": 1}, {"target_score": 0}, {"difficulty": "brutal"}, {"sources": "web"},
                {"spoilers": "yes"}, {"colour": 1}, {"sources": ""}):
        with pytest.raises(ValueError):
            await lb.update_settings(store, 1, "now", **bad)
    assert (await lb.get_settings(store, 1)) == s2                       # nothing half-written


async def test_a_real_game_feeds_the_leaderboard(store, db_path):
    """Questions from the reference database through the engine to the board."""
    import asyncio
    import random

    from bot.common.clock import ManualClock
    from bot.quiz.engine import GameConfig, GameOver, QuizEngine, RoundStarted, RoundWon
    from bot.quiz.questions import GameSource, QuestionBank
    from tests.quiz.conftest import next_event

    bank = QuestionBank.open(db_path, random.Random(7))
    clock, events = ManualClock(), asyncio.Queue()
    eng = QuizEngine(store, clock, events)
    eng.events = events
    await eng.start(1, 10, GameSource(bank, rng=random.Random(7)), GameConfig(target_score=3), guild_id=5)
    for _ in range(3):
        rs = await next_event(eng, RoundStarted)
        assert (await eng.answer(1, 10, rs.question.answer.display)).status == "correct"
        await next_event(eng, RoundWon)
        await clock.advance(3)
    assert (await next_event(eng, GameOver)).winner_id == 10
    board = await lb.leaderboard(store, "server", "wins", 5)
    assert [(r.user_id, r.value) for r in board] == [(10, 1)]
    assert (await lb.member_stats(store, 10, 5)).points == 4          # 1 + 1 + 2 (streak bonus)
    await eng.close()
    bank.conn.close()
