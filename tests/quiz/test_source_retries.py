"""A game's source draws again when the bank finds no question of the kind it drew (the year kind at easy
finds none about one draw in seven): the game goes on, never "No more questions" after a miss (CI once ended
a quiz at its first question so)."""
from __future__ import annotations

import asyncio
import random

from bot.quiz.questions import GameSource, QuestionBank


def test_a_miss_of_the_bank_is_drawn_again(db_path):
    bank = QuestionBank.open(db_path, random.Random(3))
    try:
        misses = sum(bank.generate("year", "easy") is None for _ in range(40))
        assert misses, "the kind must miss sometimes for this test to mean anything"
        source = GameSource(bank, kinds=("year",), difficulty="easy", rng=random.Random(5))

        async def draw(n: int) -> list:
            return [await source.next() for _ in range(n)]

        got = asyncio.run(draw(25))
        assert all(q is not None for q in got)
    finally:
        bank.conn.close()
