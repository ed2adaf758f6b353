""""Who beat X" in a race is the athletes who finished ahead of X there (a blind test's miss: it answered X's own
place and never named the winner). The race's own results, asked in full, say who was ahead."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED


@pytest.mark.parametrize("question,race,who", [
    ("who beat kerr at the 2024 olympics 1500", "results of the men's 1500 at the 2024 olympics", "Josh Kerr"),
    ("who was ingebrigtsen beaten by at the 2024 olympic 1500", "results of the men's 1500 at the 2024 olympics",
     "Jakob Ingebrigtsen"),
    ("who finished ahead of nuguse at pre 2024 mile", "results pre 2024 mile", "Yared Nuguse"),
    ("oslo 2018 400h who beat warholm", "results of the men's 400mh at the 2018 bislett games", "Karsten Warholm"),
])
def test_who_beat_an_athlete_names_everyone_ahead(engine, question, race, who):
    rows = engine.answer_now(race).rows
    mine = next(r for r in rows if r.athlete == who)
    ahead = [r.athlete for r in rows if r.place is not None and r.place < (mine.place or 0)]
    assert ahead
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED, answer.headline
    assert [r.athlete for r in answer.rows[:-1]] == ahead and answer.rows[-1].athlete == who
    assert all(name in answer.headline for name in ahead), answer.headline


def test_who_beat_the_winner_is_nobody(engine):
    answer = engine.answer_now("who beat hocker in the paris 1500 final")
    assert answer.headline.startswith("Nobody: Cole Hocker won the men's 1500 m at the 2024 Olympic Games")
