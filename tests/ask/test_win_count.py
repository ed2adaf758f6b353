"""An athlete's wins at Diamond League meetings or at one meeting (win_count), counted against the raw Diamond
League archive (diamond-league-2010-2023), never our database."""
from __future__ import annotations

import json

import pytest

from bot.ask.answer import ANSWERED
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def archive_wins(surname: str, year: int) -> int:
    n = 0
    for path in sorted((SHARED / "diamond-league-2010-2023" / "data").glob(f"{year}_*.json")):
        for category, races in json.loads(path.read_text(encoding="utf-8")).items():
            if category == "Split times":
                continue
            for race in races:
                if not race["detail"].startswith("Final"):
                    continue
                n += sum(1 for r in race["data"] if r.get("place", "").strip() == "1."
                         and r["athlete"].split()[-1].lower() == surname)
    return n


@pytest.mark.parametrize("question", ["how many diamond league meetings has warholm won in 2019",
                                      "warholm dl wins 2019", "how many diamond league wins did warholm have in 2019"])
def test_a_seasons_diamond_league_wins_are_the_archives(engine, question):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "win_count", answer.headline
    n = archive_wins("warholm", 2019)
    assert n and f"won {n} times" in answer.headline and len(answer.rows) == n
    assert not any("may be missing" in note for note in answer.notes), "a complete season says no caveat"


def test_a_career_count_says_it_may_miss_wins_outside_the_archive(engine):
    answer = engine.answer_now("duplantis dl wins")
    assert answer.status == ANSWERED and answer.intent == "win_count"
    assert "at least" in answer.headline and any("may be missing" in n for n in answer.notes)
    assert "diamond" not in " ".join(a["name"].lower() for a in answer.entities.get("athletes", []))


def test_wins_at_one_meeting(engine):
    answer = engine.answer_now("how many times has kipyegon won at pre")
    assert answer.status == ANSWERED and answer.intent == "win_count"
    assert all(r.competition and r.competition.startswith("Prefontaine Classic") for r in answer.rows)


def test_no_win_is_said_not_counted_as_a_number(engine):
    answer = engine.answer_now("how many diamond league wins did warholm have in 2010")
    assert answer.status == ANSWERED and answer.headline.startswith("I have no win")
