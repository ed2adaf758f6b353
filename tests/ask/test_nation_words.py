"""A nation's medals however fans put it ("team usa golds", "kenya 1500 medals"), an athlete named like a
meeting ("pre's best 5k"), and a host city's every championship ("bolt medals in beijing").

Counts are read from the raw Olympic medal list (olympic-medallists-1896-2024), never from our database."""
from __future__ import annotations

import csv

import pytest

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def olympic_medals(code: str, year: int | None = None, event: str | None = None) -> list[dict]:
    with open(SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["sport"] == "Athletics" and r["country_code"] == code
                and (year is None or r["year"] == str(year)) and (event is None or r["event_name"] == event)]


def test_a_host_city_is_that_games_only_not_other_championships_that_year(engine):
    """Rio 2016: the Olympic Games; the World Indoors of 2016 (Portland) are not "at rio"."""
    answer = engine.answer_now("kenya medals at rio")
    assert answer.status == ANSWERED and answer.intent == "medal_count"
    assert f"has {len(olympic_medals('KEN', 2016))} " in answer.headline
    assert all("Olympic" in (r.competition or "") for r in answer.rows)


@pytest.mark.parametrize("question", ["team usa golds", "usa golds", "how many olympic golds has team usa won"])
def test_team_and_a_nation_is_the_nation(engine, question):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "medal_count", answer.headline
    assert answer.entities.get("nation") == "USA" and not answer.entities.get("athletes")


def test_a_nations_medals_in_an_event_are_a_count_not_the_record(engine):
    answer = engine.answer_now("jamaica medals 100m olympics")
    assert answer.status == ANSWERED and answer.intent == "medal_count"
    men = olympic_medals("JAM", event="100m")
    assert "men's and women's" in answer.headline or "men's" in answer.headline
    assert answer.intent != "record" and len(men) > 0
    kenya = engine.answer_now("kenya 1500 medals")
    assert kenya.intent == "medal_count" and kenya.entities.get("nation") == "KEN"


def test_both_sexes_are_said_when_no_sex_is_asked(engine):
    answer = engine.answer_now("usa medals 4x400 worlds")
    sexes = {r.mark[0] for r in answer.rows}   # men's 4x400 marks start 2:, women's 3:
    assert sexes == {"2", "3"} and "men's and women's" in answer.headline


def test_a_host_city_alone_is_every_championship_held_there(engine):
    """Beijing held the 2008 Games and the 2015 World Championships: both count."""
    answer = engine.answer_now("bolt medals in beijing")
    assert answer.status == ANSWERED
    years = {r.date[:4] for r in answer.rows}
    assert "2008" in years and "2015" in years
    olympic = [r for r in olympic_medals("JAM", 2008) if "BOLT" in r["athletes"] and r["event_name"] in
               ("100m", "200m")]
    assert sum(1 for r in answer.rows if r.date.startswith("2008")) >= len(olympic) > 0


@pytest.mark.parametrize("question", ["what was pre's best 5k", "prefontaine 5000 pb", "pre bio"])
def test_an_athlete_a_meeting_is_named_after_is_the_athlete_when_asked_of_him(engine, question):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and [a["name"] for a in answer.entities.get("athletes", [])] == \
        ["Steve Prefontaine"], answer.headline
    if "5" in question:
        rows = raw.named(raw.toplist("male/5000-metres.csv.gz"), "Steve", "Prefontaine")
        assert answer.rows[0].mark == min(rows, key=lambda r: r["value"])["mark"]


@pytest.mark.parametrize("question", ["pre 2024 mile", "who won the mile at pre", "best 5k at pre",
                                      "prefontaine classic 5000 results"])
def test_the_meeting_stays_the_meeting(engine, question):
    answer = engine.answer_now(question)
    assert answer.entities.get("meet") == "DL-EUGENE", (question, answer.headline)


def test_no_age_for_an_athlete_not_seen_competing_for_ten_years(engine):
    """The data says when he was born, not that he is alive."""
    from bot.ask.catalogue import fmt_date
    dob = raw.named(raw.toplist("male/5000-metres.csv.gz"), "Steve", "Prefontaine")[0]["dob"]
    answer = engine.answer_now("steve prefontaine")
    assert f"born {fmt_date(dob)}" in answer.headline and "age" not in answer.headline
    assert "(age " in engine.answer_now("who is josh kerr").headline


def test_an_athlete_in_a_city_with_no_championship_that_year(engine):
    """"how fast did kipchoge run in berlin 2022": no championship in Berlin that year, so his races there (the
    toplists' venue)."""
    rows = [r for r in raw.named(raw.toplist("male/marathon.csv.gz"), "Eliud", "Kipchoge")
            if r["iso"].startswith("2022") and "Berlin" in r["venue"]]
    answer = engine.answer_now("how fast did kipchoge run in berlin 2022")
    assert answer.status == ANSWERED and rows
    assert rows[0]["mark"] in answer.headline and "Berlin" in answer.headline


def test_a_place_asked_is_answered_the_athlete_named_is_context(engine):
    """"who came 3rd in the 100 at berlin 09 worlds when bolt ran 9.58": the 3rd (read from the raw toplist's
    final, position 3 that day), with the named athlete's place said, never the named athlete as the answer."""
    rows = [r for r in raw.toplist("fallback_raw/male/sprints_100-metres_senior.csv.gz")
            if r["iso"] == "2009-08-16" and "Berlin" in r["venue"] and r["position"].strip() in ("3", "3f1")]
    answer = engine.answer_now("who came 3rd in the 100 at berlin 09 worlds when bolt ran 9.58")
    assert rows and answer.status == ANSWERED
    assert rows[0]["competitor"].split()[-1].title() in answer.headline and "3rd" in answer.headline
    assert any(n.startswith("Usain Bolt was 1st") for n in answer.notes)
