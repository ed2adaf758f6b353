"""A nation's medal count ("how many medals did kenya win at rio") is that nation's, counted from the medallist
file as it is read here: one row per medal, a relay team's one row (olympic-medallists-1896-2024)."""
from __future__ import annotations

import csv

import pytest

from bot.ask.answer import ANSWERED
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()
MEDALLISTS = SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv"


def raw_count(code: str, year: int | None, medal: str | None, event: str | None, men: bool | None) -> int:
    with open(MEDALLISTS, encoding="utf-8") as f:
        return sum(1 for r in csv.DictReader(f) if r["sport"] == "Athletics" and r["country_code"] == code
                   and (year is None or r["year"] == str(year)) and (medal is None or r["medal"] == medal)
                   and (event is None or event in r["event_name"])
                   and (men is None or r["event_gender"].startswith("Men") == men))


@pytest.mark.parametrize("question, code, year, medal, event, men", [
    ("how many medals did kenya win at rio", "KEN", 2016, None, None, None),
    ("how many athletics medals did gb win at paris 2024", "GBR", 2024, None, None, None),
    ("how many olympic golds has kenya won in the mens steeple", "KEN", None, "Gold", "steeplechase", True),
    ("how many golds did ethiopia win at the 2008 olympics", "ETH", 2008, "Gold", None, None),
])
def test_a_nations_olympic_medals(engine, question, code, year, medal, event, men):
    expected = raw_count(code, year, medal, event, men)
    answer = engine.answer_now(question)
    assert answer.intent == "medal_count" and answer.headline.startswith(f"{code} has {expected} "), \
        (expected, answer.headline)


def test_a_nation_without_how_many_is_not_a_count(engine):
    # "kenya steeple olympic champions" is a different question: not turned into a count
    assert engine.answer_now("kenya olympic steeplechase champions").intent != "medal_count"


@pytest.mark.parametrize("question, code, year", [
    ("how many medals did gb get in athletics in paris", "GBR", 2024),   # Paris: also WIC 1997, WCh 2003
    ("kenya medals at the london olympics", "KEN", 2012),                # London: also the 2017 World Championships
])
def test_a_nations_medals_in_a_city_are_one_edition(engine, question, code, year):
    """A nation's medals "in paris" are the latest championship held there (said, the others named), never a
    century of championships summed; "the london olympics" is the Games held there, not its World Championships."""
    expected = raw_count(code, year, None, None, None)
    answer = engine.answer_now(question)
    # the headline names the championship the city named (issue 15): "at the 2024 Olympic Games in Paris"
    assert answer.intent == "medal_count" and answer.headline.startswith(f"{code} has {expected} medals "), \
        (expected, answer.headline)
    assert f" at the {year} Olympic Games in " in answer.headline


def raw_table(year: int) -> dict[str, list[int]]:
    """Each nation's (gold, silver, bronze) in the athletics of one Games, from the medallist file."""
    table: dict[str, list[int]] = {}
    with open(MEDALLISTS, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["sport"] == "Athletics" and r["year"] == str(year):
                table.setdefault(r["country_code"], [0, 0, 0])[["Gold", "Silver", "Bronze"].index(r["medal"])] += 1
    return table


def _counts(note: str) -> list[int]:
    return [int(note.split(f" {m}")[0].split()[-1]) for m in ("gold", "silver", "bronze")]


@pytest.mark.parametrize("question,year", [
    ("medal table 1996 olympics", 1996), ("2008 olympic medal table", 2008), ("medals table rio 2016", 2016),
    ("athletics medal tally at the 2024 olympics", 2024),
])
def test_a_games_medal_table_is_the_nations_by_golds(engine, question, year):
    # ranked as medal tables are, by golds, then silvers, then bronzes; each nation's medals as the file has them
    # (Kumbernuss's 1996 gold is Germany's, not the GDR of her earlier career)
    table = raw_table(year)
    ranked = sorted(table, key=lambda n: [-x for x in table[n]])
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "nation_table", answer.headline
    assert [r.athlete for r in answer.rows[:3]] == ranked[:3]
    for r in answer.rows[:3]:
        assert _counts(r.note or "") == table[r.athlete], r
    assert answer.headline.startswith(f"Top of the medal table at the {year} Olympic Games")


@pytest.mark.parametrize("question,year,medal", [
    ("which country won the most medals at the 2024 olympics", 2024, None),
    ("which nation won the most golds at rio", 2016, 0),
    ("what country got the most silver medals at the 2008 olympics", 2008, 1),
])
def test_which_country_won_the_most_is_the_nation_with_the_most(engine, question, year, medal):
    table = raw_table(year)
    count = {n: sum(c) if medal is None else c[medal] for n, c in table.items()}
    best = max(count.values())
    leaders = sorted(n for n, c in count.items() if c == best)
    answer = engine.answer_now(question)
    assert answer.intent == "nation_table" and sorted(r.athlete for r in answer.rows if r.place == 1) == leaders
    assert f", {best} " in answer.headline, (best, answer.headline)


def test_a_nation_named_is_that_nations_count_not_the_table(engine):
    assert engine.answer_now("how many medals did kenya win at the 2016 olympics").intent == "medal_count"
