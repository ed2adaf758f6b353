"""A relay's lists are of teams: "fastest 4x100 ever" was "I have no men's 4 × 100 m relay marks" (the lists
kept athletes only). The list's leader is the current world record's team, read from the records table."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED


@pytest.mark.parametrize("question, code, sex", [
    ("fastest 4x100 ever", "4x100", "M"), ("fastest womens 4x100 ever", "4x100", "W"),
    ("all time 4x400 list men", "4x400", "M"), ("best women's 4x400 of all time", "4x400", "W"),
])
def test_a_relays_all_time_list_is_of_teams_led_by_the_world_record(engine, question, code, sex):
    wr = engine.conn.execute(
        "SELECT rec.mark, a.name FROM records rec JOIN events e ON e.id = rec.event_id JOIN athletes a "
        "ON a.id = rec.athlete_id WHERE rec.kind = 'world' AND rec.current = 1 AND rec.indoor = 0 AND e.code = ? "
        "AND e.sex = ? ORDER BY rec.mark_value LIMIT 1", (code, sex)).fetchone()
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "all_time", answer.headline
    assert "one mark per team" in answer.headline
    assert (answer.rows[0].mark, answer.rows[0].athlete) == tuple(wr), answer.headline
    teams = [r.athlete for r in answer.rows]
    assert len(teams) == len(set(teams)) >= 3          # one row per team


def test_a_relays_season_list_and_every_performance_list(engine):
    season = engine.answer_now("fastest 4x100 of 2024")
    assert season.status == ANSWERED and season.rows and all(r.date.startswith("2024") for r in season.rows)
    every = engine.answer_now("3rd fastest 4x100 time ever")
    assert every.status == ANSWERED and "every performance" in every.headline
    marks = [r.mark for r in every.rows[:3]]
    assert marks == sorted(marks)
