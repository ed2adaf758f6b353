"""The quiz engine when the state database goes away for real (tests/pg.py's `outage`: a held SQLite write lock,
a stopped PostgreSQL server), on both backends: the game ends politely, its row is closed once the database is
back (before the next start, on the retry timer, at close), stop() always has an answer, and the game task
never dies with an exception."""
from __future__ import annotations

import asyncio
import time

import pytest

from bot.common.clock import ManualClock
from bot.quiz import engine as qe
from bot.quiz.engine import GameConfig, GameOver, RoundStarted, RoundWon
from bot.state.store import StateStore, StoreUnavailable
from tests.quiz.conftest import next_event, source

CH = 100
RETRY = 1.0          # the store's write bound in these tests (the real one is 12 s: tests/test_state_store.py)


async def game_row(store, game_id: int):
    return await store.fetchone("SELECT ended_at, end_reason, winner_id, rounds_played FROM quiz_games WHERE id = ?",
                                (game_id,))


async def until(check, limit: float = 10.0):
    """Poll an async check (real I/O in the background) until it is true."""
    deadline = time.monotonic() + limit
    while not await check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def finished_cleanly(game: qe.Game) -> bool:
    """The game task ended without an exception (which nobody would retrieve)."""
    assert game.task is not None
    await asyncio.wait([game.task], timeout=5)
    return game.task.done() and not game.task.cancelled() and game.task.exception() is None


async def test_a_round_that_cannot_be_saved_ends_the_game_and_the_channel_works_again(outage):
    store = await StateStore.open(outage.target, write_retry=RETRY)
    clock = ManualClock()
    events: asyncio.Queue = asyncio.Queue()
    eng = qe.QuizEngine(store, clock, events)
    eng.events = events         # type: ignore[attr-defined]  # read by next_event
    try:
        game, new = await eng.start(CH, 1, source(), GameConfig(), guild_id=1)
        assert new
        await next_event(eng, RoundStarted)
        await outage.begin()
        assert (await eng.answer(CH, 5, "Josh Kerr")).status == qe.CORRECT     # claimed in memory at once
        over = await next_event(eng, GameOver)                                  # the save gave up after RETRY
        assert over.reason == qe.SAVE_FAILED and over.winner_id == 5 and over.rounds == 1
        assert eng.game(CH) is None and CH in eng.pending
        await game.done.wait()
        assert await finished_cleanly(game)
        assert events.empty()                            # no RoundWon for a round that was not saved

        # while the database is away: stop has an answer (never "no quiz"), a new start says why it cannot
        assert (await eng.stop(CH, 99, False)).reason == "forbidden"
        stopped = await eng.stop(CH, 1, False)
        assert (stopped.ok, stopped.reason) == (False, qe.UNSAVED)
        with pytest.raises(StoreUnavailable):
            await eng.start(CH, 1, source(), GameConfig(), guild_id=1)
        assert eng.game(CH) is None

        await outage.end()
        assert (await game_row(store, game.db_id))["ended_at"] is None        # still open, still pending
        again, new = await eng.start(CH, 1, source(), GameConfig(), guild_id=1)
        assert new and again.id != game.id and not eng.pending
        row = await game_row(store, game.db_id)
        # closed with what was saved: round 1 and its point were lost with the database
        assert row["ended_at"] and (row["end_reason"], row["winner_id"], row["rounds_played"]) == (qe.ERROR, None, 0)
        await next_event(eng, RoundStarted)
        assert (await eng.answer(CH, 5, "Josh Kerr")).status == qe.CORRECT
        assert (await next_event(eng, RoundWon)).user_id == 5                  # saved, played on
    finally:
        await outage.end()
        await eng.close()
        await store.close()


async def test_a_game_stopped_during_the_outage_is_told_and_closed_on_the_timer_or_at_close(outage):
    store = await StateStore.open(outage.target, write_retry=RETRY)
    clock = ManualClock()
    events: asyncio.Queue = asyncio.Queue()
    cut_after_win = {CH}

    async def emit(ev):
        events.put_nowait(ev)
        if isinstance(ev, RoundWon) and ev.channel_id in cut_after_win:
            await outage.begin()        # round saved, and the database goes before the game's end is written

    eng = qe.QuizEngine(store, clock, emit)
    eng.events = events         # type: ignore[attr-defined]
    try:
        # a game whose rounds are saved but whose end is not: told as usual, closed on the retry timer
        won, _ = await eng.start(CH, 1, source(), GameConfig(target_score=1), guild_id=1)
        await next_event(eng, RoundStarted)
        await eng.answer(CH, 5, "Josh Kerr")
        await next_event(eng, RoundWon)
        over = await next_event(eng, GameOver)
        assert over.reason == qe.TARGET and over.winner_id == 5
        await outage.end()
        assert (await game_row(store, won.db_id))["ended_at"] is None        # the timer has not fired yet
        await clock.advance(qe.PENDING_RETRY - 1)
        assert CH in eng.pending
        await clock.advance(1)
        await until(lambda: _closed(store, won.db_id))
        row = await game_row(store, won.db_id)
        assert (row["end_reason"], row["winner_id"], row["rounds_played"]) == (qe.TARGET, 5, 1)
        assert not eng.pending and await finished_cleanly(won)

        # stopped by its starter while the database is away: the stop waits for the save, then says so
        game, _ = await eng.start(CH + 1, 1, source(), GameConfig(), guild_id=1)
        await next_event(eng, RoundStarted)
        await eng.answer(CH + 1, 7, "Josh Kerr")
        await next_event(eng, RoundWon)
        await clock.advance(3)                           # the pause between rounds
        await next_event(eng, RoundStarted)
        await outage.begin()
        stopped = await eng.stop(CH + 1, 1, False)
        assert stopped.ok and stopped.game_over is not None and stopped.game_over.reason == qe.SAVE_FAILED
        assert (await next_event(eng, GameOver)).reason == qe.SAVE_FAILED
        await outage.end()
        await eng.close()                                # the last attempt at shutdown closes it
        row = await game_row(store, game.db_id)
        assert (row["end_reason"], row["winner_id"], row["rounds_played"]) == (qe.ERROR, 7, 1)
        assert not eng.pending and await finished_cleanly(game)
    finally:
        await outage.end()
        await eng.close()
        await store.close()


async def _closed(store, game_id: int) -> bool:
    return (await game_row(store, game_id))["ended_at"] is not None


async def test_stop_closes_an_open_row_nobody_plays_and_start_works_after(store, clock):
    """A row left open with no game behind it (a crash, a COMMIT whose answer was lost): stop() closes it
    (its starter or a moderator), so the channel is not stuck until a restart; another process's server is
    left alone."""
    async with store.write() as db:
        for channel, guild in ((CH, 1), (CH + 1, 2)):
            await db.execute("INSERT INTO quiz_games (guild_id, channel_id, started_by, mode, target_score, "
                             "max_questions, started_at) VALUES (?, ?, 4, 'typed', 10, 20, 'then')", (guild, channel))
    eng = qe.QuizEngine(store, clock, owns=lambda guild_id: guild_id == 1)
    theirs, new = await eng.start(CH, 1, source(), GameConfig(), guild_id=1)
    assert not new and theirs.started_by == 4                # reported as running, as before
    assert (await eng.stop(CH, 1, False)).reason == "forbidden"
    closed = await eng.stop(CH, 1, True)
    assert (closed.ok, closed.reason, closed.started_by) == (True, qe.CLOSED, 4)
    assert (await eng.stop(CH, 1, True)).reason == "no_game"
    elsewhere = await eng.stop(CH + 1, 1, True)
    assert (elsewhere.ok, elsewhere.reason) == (False, qe.ELSEWHERE)
    rows = {r[0]: (r[1], r[2] is None) for r in await store.fetchall(
        "SELECT channel_id, end_reason, ended_at FROM quiz_games")}
    assert rows == {CH: (qe.INTERRUPTED, False), CH + 1: (None, True)}
    game, new = await eng.start(CH, 1, source(), GameConfig(), guild_id=1)
    assert new
    await eng.close()
