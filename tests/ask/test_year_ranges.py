"""A range of years ("between 1983 and 2013", "from 2010 to 2020", "2010-2020", "since 2015", "before 1980", "in
the 2010s") is counted over, and said, wherever a question counts over years (medals and titles, marks beyond a
barrier, athletes who went beyond it, an athlete's own marks); an answer that cannot take a range declines it
rather than answering one of its years. Expected numbers are read from the raw files: the Worlds finals
1983-2013, the Olympic medallists and the toplists."""
from __future__ import annotations

import csv

import pytest

from bot.ask.answer import ANSWERED, UNKNOWN
from tests.ask import raw
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def _worlds_year(n: int) -> int:
    """The finals file numbers the championships: 1983, 1987, then every two years from 1991."""
    return 1983 if n == 1 else 1987 if n == 2 else 1991 + 2 * (n - 3)


def worlds(country: str, distance: str, men: bool | None, places: set[str], first: int, last: int) -> int:
    with open(SHARED / "wc-track-finals-1983-2013" / "IAAF_Results.csv", encoding="utf-8") as f:
        return sum(1 for r in csv.DictReader(f) if r["country"] == country and r["distance"] == distance
                   and (men is None or (r["gender"] == "men") == men) and r["place"] in places
                   and first <= _worlds_year(int(r["championship_number"])) <= last)


def olympics(code: str, medal: str | None, first: int, last: int) -> int:
    with open(SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv", encoding="utf-8") as f:
        return sum(1 for r in csv.DictReader(f) if r["sport"] == "Athletics" and r["country_code"] == code
                   and (medal is None or r["medal"] == medal) and first <= int(r["year"]) <= last)


@pytest.mark.parametrize("question, expected, said", [
    # the blind test's question: one range, not the years 1983 and 2013
    ("how many 800m world titles did kenyan men win between 1983 and 2013",
     lambda: worlds("KEN", "800", True, {"1"}, 1983, 2013), "from 1983 to 2013"),
    ("how many world titles did kenyan men win in the 800 from 1991 to 2005",
     lambda: worlds("KEN", "800", True, {"1"}, 1991, 2005), "from 1991 to 2005"),
    ("how many world championship 5000m medals did ethiopia win 1995-2005",
     lambda: worlds("ETH", "5000", None, {"1", "2", "3"}, 1995, 2005), "from 1995 to 2005"),
    ("how many world championship 10000m medals did kenya win 1987\u20131999",
     lambda: worlds("KEN", "10000", None, {"1", "2", "3"}, 1987, 1999), "from 1987 to 1999"),
    ("how many olympic golds did ethiopia win between 2004 and 2016",
     lambda: olympics("ETH", "Gold", 2004, 2016), "from 2004 to 2016"),
    ("how many olympic medals did jamaica win before 1980", lambda: olympics("JAM", None, 1800, 1979),
     "before 1980"),
])
def test_medals_over_a_range_of_years(engine, question, expected, said):
    answer = engine.answer_now(question)
    n = expected()
    assert answer.status == ANSWERED and answer.intent == "medal_count", answer.headline
    assert f" has {n} " in answer.headline and said in answer.headline, (n, answer.headline)


def _legal(r: dict) -> bool:
    wind = r["wind"].strip()
    return not (wind and float(wind) > 2.0)


def _between(path: str, barrier: float, first: int, last: int, competitor: str | None = None) -> list[dict]:
    return [r for r in raw.toplist(path) if r["value"] < barrier and _legal(r) and first <= int(r["iso"][:4]) <= last
            and (competitor is None or r["competitor"] == competitor)]


def _people(rows: list[dict]) -> set:
    """One athlete however the lists spell them (Elle St. Pierre, Ellinor Purrier): by birth date and nation."""
    return {(r["dob"], r["nationality"]) if r["dob"].strip() else r["competitor"] for r in rows}


M100 = "fallback_raw/male/sprints_100-metres_senior.csv.gz"


@pytest.mark.parametrize("question, path, barrier, first, last, said", [
    ("how many sub 13 5000s were run from 2010 to 2020 (men)", "male/5000-metres.csv.gz", 780.0, 2010, 2020,
     "from 2010 to 2020"),
    ("how many times did men break 10 seconds in the 100 between 2015 and 2019", M100, 10.0, 2015, 2019,
     "from 2015 to 2019"),
    ("how many sub 3:30 1500s have been run since 2023", "male/1500-metres.csv.gz", 210.0, 2023, 2026,
     "since 2023"),
])
def test_marks_over_a_range_of_years(engine, question, path, barrier, first, last, said):
    rows = _between(path, barrier, first, last)
    marks = {(r["competitor"], r["iso"], round(r["value"], 2)) for r in rows}
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "threshold", answer.headline
    assert f" {len(marks)} times" in answer.headline and said in answer.headline, (len(marks), answer.headline)
    assert f"by {len(_people(rows))} " in answer.headline, answer.headline


@pytest.mark.parametrize("question, path, barrier, first, last, said", [
    ("how many men ran sub 10 in the 100 between 2010 and 2015", M100, 10.0, 2010, 2015, "from 2010 to 2015"),
    ("how many men broke 13 in the 5000 in the 2010s", "male/5000-metres.csv.gz", 780.0, 2010, 2019,
     "from 2010 to 2019"),
    ("how many women ran under 4 minutes in the 1500 from 2019 to 2022", "female/1500-metres.csv.gz", 240.0, 2019,
     2022, "from 2019 to 2022"),
])
def test_athletes_over_a_range_of_years(engine, question, path, barrier, first, last, said):
    people = _people(_between(path, barrier, first, last))
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "threshold", answer.headline
    assert answer.headline.startswith(f"{len(people)} ") and said in answer.headline, (len(people), answer.headline)


def test_an_athletes_marks_over_a_range_of_years(engine):
    rows = _between(M100, 10.0, 2022, 2026, "Noah LYLES")
    marks = {(r["iso"], round(r["value"], 2)) for r in rows}
    answer = engine.answer_now("how many sub 10s has lyles run since 2022")
    assert answer.status == ANSWERED and answer.intent == "count", answer.headline
    assert f" has {len(marks)} legal " in answer.headline and "since 2022" in answer.headline, \
        (len(marks), answer.headline)


@pytest.mark.parametrize("question", [
    "who won the olympic 1500 between 2000 and 2016",
    "fastest 100m between 2010 and 2020",
    "kipyegon 1500 pb before 2020",      # was answered as her 2020 season best
    "who won the 1500 at pre from 2015 to 2019",
])
def test_a_range_an_answer_cannot_take_is_declined(engine, question):
    answer = engine.answer_now(question)
    assert answer.status == UNKNOWN and "range of years" in answer.headline, answer.headline


def test_a_range_still_to_come_is_said(engine):
    answer = engine.answer_now("how many world titles did kenyan men win in the 800 between 2030 and 2040")
    assert answer.status == UNKNOWN and "2030 to 2040" in answer.headline, answer.headline


def test_a_record_before_or_since_a_year_is_not_a_range(engine):
    """"mile world record before 1999" keeps the record-before shape (the progression); "broken the 1500 world
    record since 1998" asks about the record as it stands."""
    assert engine.answer_now("mile world record before 1999").intent == "progression"
    answer = engine.answer_now("has anyone ever broken the 1500 world record since 1998")
    assert answer.status == ANSWERED and answer.intent == "record", answer.headline
