"""The quiz engine, played with a manual clock: timers, hints, idle end, stop rights, one game per channel,
scores saved as each round ends, and the first correct answer winning exactly once."""
from __future__ import annotations

import asyncio

import pytest

from bot.quiz import engine as qe
from bot.quiz.engine import GameConfig, GameOver, HintShown, Revealed, RoundStarted, RoundWon
from bot.state.store import IntegrityError
from tests.quiz.conftest import kerr_question, next_event, source

CH, GUILD = 100, 7


async def start(engine, config=None, starter=1, n=50, kind=kerr_question):
    game, created = await engine.start(CH, starter, source(n, kind), config or GameConfig(), guild_id=GUILD)
    assert created
    return game


async def test_second_start_returns_the_running_game(engine):
    game = await start(engine)
    again, created = await engine.start(CH, 2, source())
    assert not created and again is game
    other, created = await engine.start(CH + 1, 2, source())      # another channel has its own
    assert created and other is not game


async def test_concurrent_starts_make_one_game(engine):
    results = await asyncio.gather(*(engine.start(CH, u, source()) for u in range(20)))
    assert sum(created for _, created in results) == 1
    assert len({id(g) for g, _ in results}) == 1
    assert (await engine.store.fetchone("SELECT count(*) FROM quiz_games"))[0] == 1


async def test_typed_answers_win_the_round_and_scores_are_saved_at_once(engine, clock):
    await start(engine)
    rs = await next_event(engine, RoundStarted)
    assert rs.number == 1 and rs.choices == () and rs.ends_at == 20.0
    assert (await engine.answer(CH, 5, "Jakob Ingebrigtsen")).status == qe.WRONG
    await clock.advance(4.2)
    res = await engine.answer(CH, 6, "kerr")
    assert res.status == qe.CORRECT and res.points == 1
    won = await next_event(engine, RoundWon)
    assert (won.user_id, won.points, won.answer, won.elapsed) == (6, 1, "Josh Kerr", 4.2)
    # saved before the game goes on, not at its end
    row = await engine.store.fetchone(
        "SELECT r.outcome, w.user_id, w.points, s.points, s.answers FROM quiz_rounds r "
        "JOIN quiz_round_wins w ON w.round_id = r.id JOIN quiz_scores s ON s.game_id = r.game_id AND s.user_id = 6")
    assert tuple(row) == ("won", 6, 1, 1, 1)
    wrong = await engine.store.fetchone("SELECT points, answers FROM quiz_scores WHERE user_id = 5")
    assert tuple(wrong) == (0, 1)
    assert (await engine.answer(CH, 7, "Josh Kerr")).status == qe.LATE     # between rounds


async def test_hints_then_reveal_on_the_timer(engine, clock):
    await start(engine, GameConfig(timer=30, hints=2))
    await next_event(engine, RoundStarted)
    await clock.advance(9.9)
    assert engine.events.empty()
    await clock.advance(0.2)
    h1 = await next_event(engine, HintShown)
    assert h1.hint == "J___ K___"
    await clock.advance(10)
    assert (await next_event(engine, HintShown)).hint == "Jo__ Ke__"
    await clock.advance(9.8)                      # 29.9 s: a 20-second default would be long gone
    await settle(engine, clock)                   # asleep on the clock again: anything due would be out
    assert engine.events.empty()
    await clock.advance(0.2)
    rev = await next_event(engine, Revealed)
    assert (rev.answer, rev.reason) == ("Josh Kerr", "timeout")
    row = await engine.store.fetchone("SELECT outcome FROM quiz_rounds")
    assert row[0] == "revealed"


async def test_reveal_can_be_hidden(engine, clock):
    await start(engine, GameConfig(reveal_answers=False, spoilers=True))
    await next_event(engine, RoundStarted)
    await clock.advance(20)
    rev = await next_event(engine, Revealed)
    assert rev.answer is None and rev.spoiler


async def settle(engine, clock):
    """Until the game waits on the clock again (or is over): its saves run in a worker thread, in real time."""
    for _ in range(2000):
        if engine.game(CH) is None or any(not fut.done() for *_, fut in clock._sleepers):
            return
        await asyncio.sleep(0.001)
    raise AssertionError("the game never settled")


async def _silent_rounds_until_over(engine, clock, answer_at: float | None = None):
    """Nobody answers (except once, if asked): the clock moves a second at a time until the game ends.
    Returns the GameOver and the clock when it came."""
    await next_event(engine, RoundStarted)
    for _ in range(1000):
        await clock.advance(1)
        if answer_at is not None and clock.monotonic() >= answer_at:
            assert (await engine.answer(CH, 9, "no idea")).status in (qe.WRONG, qe.LATE)
            answer_at = None
        await settle(engine, clock)
        while not engine.events.empty():
            ev = engine.events.get_nowait()
            if isinstance(ev, GameOver):
                return ev, clock.monotonic()
    raise AssertionError("the game never ended")


async def test_two_minutes_without_an_answer_ends_the_game(engine, clock):
    await start(engine, GameConfig(timer=20, pause=3))
    over, when = await _silent_rounds_until_over(engine, clock)
    assert over.reason == qe.IDLE and when == 120
    assert over.winner_id is None and over.rounds == 6
    row = await engine.store.fetchone("SELECT end_reason, rounds_played, ended_at FROM quiz_games")
    assert row[0] == "idle" and row[1] == 6 and row[2] is not None
    assert engine.game(CH) is None


async def test_an_answer_keeps_the_game_alive(engine, clock):
    await start(engine, GameConfig(timer=20, pause=3))
    over, when = await _silent_rounds_until_over(engine, clock, answer_at=100)
    assert over.reason == qe.IDLE and when == 220


async def test_stop_rights(engine, clock):
    await start(engine, starter=1)
    await next_event(engine, RoundStarted)
    assert (await engine.stop(CH, 2, can_manage=False)).reason == "forbidden"
    assert engine.game(CH) is not None
    res = await engine.stop(CH, 2, can_manage=True)          # Manage Messages
    assert res.ok and res.game_over.reason == qe.STOPPED
    assert (await engine.stop(CH, 1, can_manage=False)).reason == "no_game"


async def test_the_starter_may_stop_and_a_stopped_game_keeps_its_winner(engine, clock):
    await start(engine, starter=1)
    await next_event(engine, RoundStarted)
    assert (await engine.answer(CH, 42, "Josh Kerr")).status == qe.CORRECT
    await next_event(engine, RoundWon)
    await clock.advance(3)
    await next_event(engine, RoundStarted)
    res = await engine.stop(CH, 1, can_manage=False)
    assert res.ok and res.game_over.winner_id == 42 and res.game_over.reason == "stopped"
    row = await engine.store.fetchone("SELECT end_reason, winner_id, rounds_played FROM quiz_games")
    assert tuple(row) == ("stopped", 42, 2)
    outcomes = [r[0] for r in await engine.store.fetchall("SELECT outcome FROM quiz_rounds ORDER BY number")]
    assert outcomes == ["won", "stopped"]
    assert engine.game(CH) is None
    _, created = await engine.start(CH, 3, source())            # the channel is free again
    assert created


async def _win_round(engine, clock, user, text="Josh Kerr"):
    await next_event(engine, RoundStarted)
    res = await engine.answer(CH, user, text)
    assert res.status == qe.CORRECT
    await next_event(engine, RoundWon)
    await clock.advance(3)
    return res


async def test_streak_bonus_and_target_score(engine, clock):
    await start(engine, GameConfig(target_score=5))
    pts = [(await _win_round(engine, clock, 8)).points for _ in range(3)]
    assert pts == [1, 1, 2]                               # the third win in a row earns the bonus
    other = await _win_round(engine, clock, 9)              # a new winner starts from 1
    assert other.points == 1
    over = await next_event(engine, (GameOver, RoundStarted))
    assert isinstance(over, RoundStarted)
    assert (await engine.answer(CH, 8, "josh kerr")).points == 1   # 8's streak was broken
    over = await next_event(engine, GameOver)
    assert over.reason == qe.TARGET and over.winner_id == 8 and over.standings == ((8, 5), (9, 1))
    best = await engine.store.fetchone("SELECT best_streak, points, correct FROM quiz_scores WHERE user_id = 8")
    assert tuple(best) == (3, 5, 4)


async def test_ends_after_max_questions(engine, clock):
    await start(engine, GameConfig(max_questions=2))
    await _win_round(engine, clock, 1)
    await _win_round(engine, clock, 2)
    over = await next_event(engine, GameOver)
    assert over.reason == qe.QUESTIONS and over.rounds == 2
    assert over.winner_id == 1      # tied on points: first to get there wins


async def test_ends_when_questions_run_out(engine, clock):
    await start(engine, n=1)
    await _win_round(engine, clock, 1)
    assert (await next_event(engine, GameOver)).reason == qe.EXHAUSTED


async def test_200_simultaneous_correct_answers_score_exactly_one_point(engine, clock):
    await start(engine)
    await next_event(engine, RoundStarted)
    results = await asyncio.gather(*(engine.answer(CH, 1000 + u, "Josh Kerr") for u in range(200)))
    statuses = [r.status for r in results]
    assert statuses.count(qe.CORRECT) == 1 and statuses.count(qe.LATE) == 199
    won = await next_event(engine, RoundWon)
    assert won.user_id == 1000 + statuses.index(qe.CORRECT)
    await engine.stop(CH, 1, can_manage=False)
    assert (await engine.store.fetchone("SELECT sum(points) FROM quiz_scores"))[0] == 1
    assert (await engine.store.fetchone("SELECT count(*) FROM quiz_round_wins"))[0] == 1
    assert (await engine.store.fetchone("SELECT count(*) FROM quiz_scores"))[0] == 200


async def test_200_simultaneous_correct_clicks_score_exactly_one_point(engine, clock):
    await start(engine, GameConfig(mode=qe.CHOICE))
    rs = await next_event(engine, RoundStarted)
    right = rs.choices.index("Josh Kerr")
    results = await asyncio.gather(*(engine.choose(CH, 1000 + u, rs.number, right) for u in range(200)))
    assert [r.status for r in results].count(qe.CORRECT) == 1
    await next_event(engine, RoundWon)
    await engine.stop(CH, 1, can_manage=False)
    assert (await engine.store.fetchone("SELECT sum(points) FROM quiz_scores"))[0] == 1


async def test_multiple_choice_one_answer_each_and_late_clicks(engine, clock):
    await start(engine, GameConfig(mode=qe.CHOICE))
    rs = await next_event(engine, RoundStarted)
    assert len(rs.choices) == 4 and "Josh Kerr" in rs.choices
    right, wrong = rs.choices.index("Josh Kerr"), rs.choices.index("Yared Nuguse")
    assert (await engine.answer(CH, 1, "Josh Kerr")).status == qe.IGNORED    # typing is not clicking
    assert (await engine.choose(CH, 1, rs.number, wrong)).status == qe.WRONG
    assert (await engine.choose(CH, 1, rs.number, right)).status == qe.ALREADY_ANSWERED
    assert (await engine.choose(CH, 2, rs.number + 1, right)).status == qe.LATE   # an old message's button
    assert (await engine.choose(CH, 2, rs.number, right)).status == qe.CORRECT
    assert (await engine.choose(CH, 3, rs.number, right)).status == qe.LATE
    await next_event(engine, RoundWon)
    assert (await engine.choose(CH, 4, rs.number, right)).status == qe.LATE    # after the round
    assert (await engine.choose(CH + 5, 4, 1, 0)).status == qe.NO_GAME


async def test_a_failing_question_source_ends_the_game_cleanly(engine):
    class Broken:
        async def next(self):
            raise RuntimeError("db gone")
    await engine.start(CH, 1, Broken())
    over = await next_event(engine, GameOver)
    assert over.reason == qe.ERROR and engine.game(CH) is None


async def test_the_database_refuses_a_second_winner_or_a_second_running_game(engine, store):
    game = await start(engine)
    await next_event(engine, RoundStarted)
    await engine.answer(CH, 1, "Josh Kerr")
    await next_event(engine, RoundWon)
    rid = (await store.fetchone("SELECT id FROM quiz_rounds"))[0]
    with pytest.raises(IntegrityError):
        async with store.write() as db:
            await db.execute("INSERT INTO quiz_round_wins (round_id, user_id, points, streak, elapsed) "
                             "VALUES (?, 2, 1, 1, 0)", (rid,))
    with pytest.raises(IntegrityError):
        async with store.write() as db:
            await db.execute("INSERT INTO quiz_games (channel_id, started_by, mode, target_score, max_questions, "
                             "started_at) VALUES (?, 1, 'typed', 10, 20, 'now')", (CH,))
    assert game.id is not None


async def test_recover_closes_games_left_open_by_a_restart(store, clock):
    eng = qe.QuizEngine(store, clock)
    await eng.start(CH, 1, source(), GameConfig())
    await settle(eng, clock)                      # round 1 is out, its timer running on the clock
    game = eng.game(CH)
    await eng.answer(CH, 5, "Josh Kerr")
    for _ in range(2000):                         # the won round is saved in a worker thread, in real time
        if (await store.fetchone("SELECT count(*) FROM quiz_round_wins"))[0]:
            break
        await asyncio.sleep(0.001)
    game.task.cancel()          # the process dies mid-game: pretend its end was never written
    await game.done.wait()
    async with store.write() as db:
        await db.execute("UPDATE quiz_games SET ended_at = NULL, end_reason = NULL, winner_id = NULL")
    fresh = qe.QuizEngine(store, clock)
    assert await fresh.recover() == 1
    row = await store.fetchone("SELECT end_reason, winner_id FROM quiz_games")
    assert tuple(row) == ("interrupted", 5)


def test_config_is_checked():
    with pytest.raises(ValueError):
        GameConfig(mode="buttons")
    with pytest.raises(ValueError):
        GameConfig(timer=0)


async def test_a_channel_running_a_game_in_another_process_gets_no_second_game(store, state_target, clock):
    """Two processes (two engines, each with its own store on the same state): the database's one-running-
    game-per-channel index makes the second start report the first one's game, and recover() closes only the
    games of servers this process owns."""
    from bot.state.store import StateStore
    other_store = await StateStore.open(state_target)
    try:
        a = qe.QuizEngine(store, clock)
        b = qe.QuizEngine(other_store, clock, owns=lambda guild_id: guild_id == 2)
        game, new = await a.start(CH, 1, source(), GameConfig(), guild_id=1)
        assert new
        theirs, new = await b.start(CH, 7, source(), GameConfig(), guild_id=1)
        assert not new and theirs.id == game.id and theirs.started_by == 1 and b.game(CH) is None
        assert (await store.fetchone("SELECT count(*) FROM quiz_games"))[0] == 1
        mine, new = await b.start(CH + 1, 7, source(), GameConfig(), guild_id=2)
        assert new
        # b restarts: its own open game (server 2) is closed, a's running game (server 1) is left alone
        assert await qe.QuizEngine(other_store, clock, owns=lambda guild_id: guild_id == 2).recover() == 1
        rows = {r[0]: r[1] for r in await store.fetchall("SELECT guild_id, end_reason FROM quiz_games")}
        assert rows == {1: None, 2: "interrupted"}
        await a.close()
        b.games.clear()
        mine.task.cancel()
        await mine.done.wait()
    finally:
        await other_store.close()
