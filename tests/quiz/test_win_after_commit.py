"""A quiz win is announced only after the COMMIT that holds it (group commit, bot/state/store.py): at the moment
RoundWon is emitted, another connection to the state database (another process) already sees the win, its
points and the round, for every one of many games won at the same moment."""
from __future__ import annotations

import asyncio

from bot.common.clock import ManualClock
from bot.quiz import engine as qe
from bot.quiz.engine import GameConfig, RoundStarted, RoundWon
from bot.state.store import StateStore
from tests.quiz.conftest import source

GAMES = 12


async def test_each_win_is_committed_before_it_is_announced(store, state_target):
    other = await StateStore.open(state_target)
    started: dict[int, asyncio.Event] = {c: asyncio.Event() for c in range(GAMES)}
    seen_at_announce: dict[int, tuple | None] = {}

    async def on_event(ev):
        if isinstance(ev, RoundStarted) and ev.number == 1:
            started[ev.channel_id].set()
        elif isinstance(ev, RoundWon):
            # what another process reads while the winner is being told
            row = await other.fetchone(
                "SELECT w.user_id, w.points, s.points FROM quiz_rounds r JOIN quiz_round_wins w ON w.round_id = r.id "
                "JOIN quiz_scores s ON s.game_id = r.game_id AND s.user_id = w.user_id "
                "WHERE r.game_id = ? AND r.number = ?", (ev.game_id, ev.number))
            seen_at_announce[ev.channel_id] = tuple(row) if row else None

    engine = qe.QuizEngine(store, ManualClock(), on_event)
    try:
        await asyncio.gather(*(engine.start(c, 1, source(3), GameConfig(pause=60), guild_id=1) for c in range(GAMES)))
        await asyncio.gather(*(e.wait() for e in started.values()))
        results = await asyncio.gather(*(engine.answer(c, 1000 + c, "Josh Kerr") for c in range(GAMES)))
        assert all(r.status == qe.CORRECT for r in results)
        for _ in range(200):
            if len(seen_at_announce) == GAMES:
                break
            await asyncio.sleep(0.01)
        assert seen_at_announce == {c: (1000 + c, 1, 1) for c in range(GAMES)}
    finally:
        await engine.close()
        await other.close()
