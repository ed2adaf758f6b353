"""Blind test #18's misses, fixed at the mechanism (expected marks, places and gaps read from the raw toplists):

- a championship said in words picks among the city's editions of that championship only ("warholm tokyo
  olympics" was answered with the 2025 World Championships held there too);
- a gap asked with no year ("by how much did hocker beat kerr in the oly 1500 final") is the latest edition in
  which the two raced each other, said aloud; never their head-to-head record;
- a second question asking a gap ("… and how far back was hassan") is about the first question's race, and the
  gap is in the headline;
- "nyc" is New York, and a road race named by a Diamond League city is the city's race (the New York
  marathon, not the New York Grand Prix).
"""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def _final(path: str, iso: str, venue: str) -> dict[str, dict]:
    """A race's rows by competitor ("Karsten WARHOLM"), from one toplist file."""
    return {r["competitor"]: r for r in raw.toplist(path) if r["iso"] == iso and venue in r["venue"]}


def _gap(a: dict, b: dict) -> str:
    return f"{abs(raw.seconds(a['mark']) - raw.seconds(b['mark'])):.2f}s"


@pytest.mark.parametrize("question, path, iso, who", [
    ("warholm tokyo olympics", "male/400-metres-hurdles.csv.gz", "2021-08-03", "Karsten WARHOLM"),
    ("tokyo olympics 400h final - warholm's time", "male/400-metres-hurdles.csv.gz", "2021-08-03",
     "Karsten WARHOLM"),
    # not in the blind test: the same rule for another athlete and event (Lyles also ran in Tokyo in 2025)
    ("lyles tokyo olympics", "male/200-metres.csv.gz", "2021-08-04", "Noah LYLES"),
])
def test_the_championship_said_picks_its_edition_in_the_city(engine, question, path, iso, who):
    race = _final(path, iso, "Tokyo")
    assert who in race, sorted(race)
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED, answer.headline
    assert "2021 Olympic Games" in answer.headline and "World Championships" not in answer.headline
    assert race[who]["mark"] in answer.headline


def test_a_gap_with_no_year_is_the_latest_race_they_ran_together(engine):
    race = _final("male/1500-metres.csv.gz", "2024-08-06", "Paris")
    hocker, kerr = race["Cole HOCKER"], race["Josh KERR"]
    assert (hocker["position"], kerr["position"]) == ("1", "2")
    for question in ("by how much did hocker beat kerr in the oly 1500 final",
                     "how much did hocker beat kerr by at the olympics"):
        answer = engine.answer_now(question)
        assert answer.status == ANSWERED and answer.intent == "place", (question, answer.headline)
        assert _gap(hocker, kerr) in answer.headline and "2024 Olympic Games" in answer.headline
        assert any("No year given" in n for n in answer.notes), answer.notes


def test_the_edition_of_a_gap_is_one_where_both_ran(engine):
    """Kerr and Ingebrigtsen at the World Championships: the latest edition with a race of both (the toplists'
    1500 m finals of each edition are read to find it)."""
    finals = {}
    for r in raw.toplist("male/1500-metres.csv.gz"):
        if r["competitor"] in ("Josh KERR", "Jakob INGEBRIGTSEN") and ("Budapest" in r["venue"]
                                                                      or "Eugene" in r["venue"]):
            finals.setdefault(r["iso"], {})[r["competitor"]] = r
    together = {d: rs for d, rs in finals.items() if len(rs) == 2 and d.startswith("2023-08-23")}
    assert together, sorted(finals)
    [(_day, rows)] = together.items()
    answer = engine.answer_now("how far behind kerr was ingebrigtsen at worlds")
    assert answer.status == ANSWERED, answer.headline
    assert "2023 World Championships" in answer.headline
    assert _gap(rows["Josh KERR"], rows["Jakob INGEBRIGTSEN"]) in answer.headline
    assert any("raced each other" in n for n in answer.notes), answer.notes


@pytest.mark.parametrize("question, path, iso, venue, first, second", [
    ("monaco 2015 genzebe 1500 time and how far back was hassan", "female/1500-metres.csv.gz", "2015-07-17",
     "Monaco", "Genzebe DIBABA", "Sifan HASSAN"),
    ("tokyo olympics 400h final - warholm's time and how far ahead of rai benjamin",
     "male/400-metres-hurdles.csv.gz", "2021-08-03", "Tokyo", "Karsten WARHOLM", "Rai BENJAMIN"),
    # after "who won": the athlete named, with the gap to the winner, not the winner again
    ("who won the 1500 at paris 2024 and how far behind was kerr", "male/1500-metres.csv.gz", "2024-08-06", "Paris",
     "Cole HOCKER", "Josh KERR"),
])
def test_a_second_question_asking_a_gap_is_about_the_first_ones_race(engine, question, path, iso, venue, first,
                                                                      second):
    race = _final(path, iso, venue)
    a, b = race[first], race[second]
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED, answer.headline
    assert a["mark"] in answer.headline and b["mark"] in answer.headline
    assert _gap(a, b) in answer.headline and "born" not in answer.headline, answer.headline


def test_a_tied_gap_opens_with_a_capital(engine):
    answer = engine.answer_now("how close were lyles and thompson in the olympic 100 final")
    assert answer.status == ANSWERED and answer.headline[:1].isupper(), answer.headline


@pytest.mark.parametrize("question, sexes", [("nyc marathon 2024 mens winner", ("male",)),
                                             ("new york marathon 2024", ("male", "female")),
                                             ("nyc 2024 marathon women", ("female",))])
def test_the_new_york_marathon_by_its_letters_and_its_name(engine, question, sexes):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED, answer.headline
    assert "Grand Prix" not in answer.headline
    for sex in sexes:
        [won] = [r for r in raw.toplist(f"{sex}/marathon.csv.gz")
                 if r["iso"].startswith("2024-11") and "New York" in r["venue"] and r["position"] == "1"]
        given, family = won["competitor"].rsplit(" ", 1)
        assert f"{given} {family.title()}" in answer.headline and won["mark"] in answer.headline


@pytest.mark.parametrize("question, path, iso, winner, second", [
    ("how much did hocker win by in paris", "male/1500-metres.csv.gz", "2024-08-06", "Cole HOCKER", "Josh KERR"),
    # she ran the 5000 m there too: the race she won is the one meant, said
    ("how much did kipyegon win by in paris", "female/1500-metres.csv.gz", "2024-08-10", "Faith KIPYEGON",
     "Jessica HULL"),
])
def test_how_much_an_athlete_won_by_at_a_meet(engine, question, path, iso, winner, second):
    race = _final(path, iso, "Paris")
    assert (race[winner]["position"], race[second]["position"]) == ("1", "2")
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED, answer.headline
    assert race[winner]["mark"] in answer.headline and _gap(race[winner], race[second]) in answer.headline
