"""Two athletes named with nothing else asked, or run together with nothing between them, are a head-to-head
of the two (issue 15, shapes 2 and 3): never the first one's profile with the second dropped, never "I don't
understand" when a cut of the words gives two athletes who raced each other. Namesakes are settled by who
raced whom and by fame, and the assumption is said."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED


def names(answer) -> list[str]:
    return [a["name"] for a in answer.entities.get("athletes", [])]


@pytest.mark.parametrize("question, pair", [
    ("kipyegon or hassan", ["Faith Kipyegon", "Sifan Hassan"]),
    ("who won more races kipyegon or hassan", ["Faith Kipyegon", "Sifan Hassan"]),
    ("did warholm finish ahead of benjamin", ["Karsten Warholm", "Rai Benjamin"]),
    ("bol mclaughlin", ["Femke Bol", "Sydney McLaughlin-Levrone"]),
    ("lyles kerley", ["Noah Lyles", "Fred Kerley"]),
    ("who has more wins lyles or kerley", ["Noah Lyles", "Fred Kerley"]),
    ("h2h ferguson rotich emmanuel korir", ["Ferguson Cheruiyot Rotich", "Emmanuel Kipkurui Korir"]),
    ("h2h mary moraa keely hodgkinson", ["Mary Moraa", "Keely Hodgkinson"]),
])
def test_two_names_are_their_head_to_head(engine, question, pair):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "h2h", answer.headline
    assert names(answer) == pair, (names(answer), answer.headline)


def test_an_assumed_namesake_is_said_and_the_other_offered(engine):
    answer = engine.answer_now("who has more wins lyles or kerley")
    assert any("read as Noah Lyles" in a and "Josephus Lyles" in a for a in answer.notes), answer.notes


@pytest.mark.parametrize("question, who", [
    ("noah lyles", "Noah Lyles"), ("usain bolt", "Usain Bolt"), ("mo farah", "Mo Farah"),
])
def test_one_full_name_is_still_one_athlete(engine, question, who):
    answer = engine.answer_now(question)
    assert answer.intent == "profile" and names(answer) == [who], (answer.intent, answer.headline)


def test_a_short_given_name_is_the_whole_one(engine):
    """"seb coe" is Sebastian Coe, not Seb Sutch with "coe" left over."""
    answer = engine.answer_now("seb coe pb")
    assert answer.status == ANSWERED and names(answer) == ["Sebastian Coe"], answer.headline


@pytest.mark.parametrize("question", ["kerr v ingebrigtsen 1500/mile", "kerr vs ingebrigtsen in the 1500 and mile"])
def test_a_head_to_head_over_two_events_counts_both(engine, question):
    """Two events named in a head-to-head are both asked for, never "which event?": the races of each add up."""
    both = engine.answer_now(question)
    assert both.status == ANSWERED and both.intent == "h2h", both.headline
    each = [engine.answer_now(f"kerr vs ingebrigtsen {e}") for e in ("1500", "mile")]
    assert all(a.status == ANSWERED for a in each)
    assert len(both.rows) == sum(len(a.rows) for a in each)
    assert "1500 m" in both.headline and "ile" in both.headline
