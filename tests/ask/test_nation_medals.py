"""A nation's medal count ("how many medals did kenya win at rio") is that nation's, counted from the medallist
file as it is read here: one row per medal, a relay team's one row (olympic-medallists-1896-2024)."""
from __future__ import annotations

import csv

import pytest

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
    assert answer.intent == "medal_count" and answer.headline.startswith(f"{code} has {expected} Olympic "), \
        (expected, answer.headline)
    assert f" in {year} " in answer.headline
