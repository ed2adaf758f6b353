""""What height did X win with" asks the bar, a mark: never declined as a body height the data lacks ("how tall
is X" is that, and is declined by name)."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED, UNKNOWN


@pytest.mark.parametrize("year, event", [(2023, "high jump"), (2019, "pole vault"), (2022, "women's high jump")])
def test_what_height_did_the_winner_win_with(engine, year, event):
    winner = engine.answer_now(f"who won the {event} at the {year} worlds")
    assert winner.status == ANSWERED and winner.rows, winner.headline
    first = winner.rows[0]
    family = first.athlete.split()[-1].lower()
    answer = engine.answer_now(f"what height did {family} win the {year} worlds with")
    assert answer.status == ANSWERED and first.mark in answer.headline, answer.headline


def test_how_tall_is_still_declined_by_name(engine):
    answer = engine.answer_now("how tall is warholm")
    assert answer.status == UNKNOWN and "no heights" in answer.headline
