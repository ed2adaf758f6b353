"""Issue 15 (blind test: "who beat kerr more, ingebrigtsen or nuguse" dropped the third name). Three names in a
head-to-head are answered as asked, each of the two joined by "or"/"and" against the one apart, or declined;
never cut down to a pair. The expected tallies are the two-athlete head-to-heads, asked on their own."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED, UNKNOWN


@pytest.mark.parametrize("question,one,others", [
    ("who beat kerr more, ingebrigtsen or nuguse", "kerr", ["ingebrigtsen", "nuguse"]),
    ("who has beaten warholm more, benjamin or dos santos", "warholm", ["benjamin", "dos santos"]),
    ("did hocker and nuguse beat kerr more often", "kerr", ["hocker", "nuguse"]),
])
def test_each_of_two_against_the_one_apart(engine, question, one, others):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "h2h", answer.headline
    rows = []
    for other in others:
        pair = engine.answer_now(f"{other} vs {one}")
        assert pair.status == ANSWERED, pair.headline
        (a, wins_a), (b, wins_b) = pair.entities["wins"].items()
        assert f"{a} {wins_a}–{wins_b} {b}" in answer.headline, (answer.headline, pair.headline)
        rows += [(r.date, r.athlete, r.mark) for r in pair.rows]
    assert answer.headline.startswith(f"Against {b}")
    assert sorted(rows, key=lambda r: r[0] or "") == [(r.date, r.athlete, r.mark) for r in answer.rows]


@pytest.mark.parametrize("question", ["kerr vs ingebrigtsen vs nuguse", "kerr v hocker v nuguse h2h"])
def test_three_names_with_no_side_apart_are_declined(engine, question):
    answer = engine.answer_now(question)
    assert answer.status == UNKNOWN, answer.headline
    assert "compares two athletes" in answer.headline and "named 3" in answer.headline
