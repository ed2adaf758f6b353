""""first" / "last" before a win or a medal ("her first olympic gold", "his last olympic medal") picks that
edition, not the latest one the athlete ran, nor a place in a race (A8). Expected editions are read from the raw
Olympic medallists file, the age from the toplists' date of birth (raw.py), never from our database."""
from __future__ import annotations

import csv
import datetime as dt

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def _medal_years(family: str, given: str, medals: tuple[str, ...]) -> list[int]:
    with open(SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv", encoding="utf-8") as f:
        return sorted(int(r["year"]) for r in csv.DictReader(f)
                      if r["sport"] == "Athletics" and r["medal"] in medals
                      and "," not in r["athletes"] and {family, given} <= set(r["athletes"].split()))


def test_first_olympic_gold_is_the_first(engine):
    years = _medal_years("KIPYEGON", "Faith", ("Gold",))
    assert len(years) >= 2
    final = [r for r in raw.toplist("female/1500-metres.csv.gz")
             if r["competitor"] == "Faith KIPYEGON" and r["iso"].startswith(f"{years[0]}-08")
             and r["position"].strip() == "1"]
    assert len(final) == 1
    born, day = dt.date.fromisoformat(raw.iso(final[0]["dob"])), dt.date.fromisoformat(final[0]["iso"])
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    answer = engine.answer_now("how old was kipyegon when she won her first olympic gold")
    assert answer.status == ANSWERED
    assert f"at the {years[0]} Olympic Games" in answer.headline and final[0]["mark"] in answer.headline, \
        answer.headline
    assert any(f"was {age} on" in n for n in answer.notes), answer.notes


def test_first_and_last_of_others(engine):
    """Cases the findings never named: Bolt's first and last Olympic golds, Kipyegon's last Olympic medal."""
    bolt = _medal_years("BOLT", "Usain", ("Gold",))
    kip = _medal_years("KIPYEGON", "Faith", ("Gold", "Silver", "Bronze"))
    assert bolt and kip
    for q, year in (("when did bolt win his first olympic gold", bolt[0]),
                    ("bolt last olympic gold", bolt[-1]),
                    ("kipyegon last olympic medal", kip[-1])):
        answer = engine.answer_now(q)
        assert answer.status == ANSWERED and f"at the {year} Olympic Games" in answer.headline, (q, answer.headline)


def test_first_place_is_still_a_place(engine):
    """"who came first": a place, as before."""
    final = [r for r in raw.toplist("male/1500-metres.csv.gz")
             if r["iso"] == "2024-08-06" and r["position"].strip() == "1"]
    # without "the" before it, "first" next to the meet is still the place ("who came first olympics 1500")
    for q in ("who came first in the 1500 at paris 2024", "who came first olympics 1500"):
        answer = engine.answer_now(q)
        assert final[0]["mark"] in answer.headline, (q, answer.headline)


def _wc_winner(distance: str, gender: str) -> dict:
    """The winner of the first World Championships that held the race (wc-track-finals-1983-2013)."""
    with open(SHARED / "wc-track-finals-1983-2013" / "IAAF_Results.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["distance"] == distance and r["gender"] == gender
                and r["place"] == "1"]
    return min(rows, key=lambda r: int(r["championship_number"]))


def _clock(seconds: str) -> str:
    m, s = divmod(float(seconds), 60)
    return f"{int(m)}:{s:05.2f}"


def test_first_edition_is_the_first(engine):
    """"the first world championships 1500", "the first olympic 1500 final": the earliest edition, not the latest;
    an event the first edition did not hold says so and answers the first that did."""
    cram = _wc_winner("1500", "men")
    answer = engine.answer_now("who won the first world championships 1500")
    assert cram["athlete_last_name"] in answer.headline and _clock(cram["mark_time"]) in answer.headline, \
        answer.headline
    with open(SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv", encoding="utf-8") as f:
        golds = [r for r in csv.DictReader(f) if r["sport"] == "Athletics" and r["medal"] == "Gold"
                 and r["event_gender"] == "Men's" and r["event_name"] == "1500m"]
    first = min(golds, key=lambda r: int(r["year"]))
    answer = engine.answer_now("who won the first olympic 1500 final")
    assert f"at the {first['year']} Olympic Games" in answer.headline, answer.headline
    assert first["athletes"].split()[-1].title() in answer.headline
    women = _wc_winner("10000", "women")
    assert women["championship_number"] != "1"
    answer = engine.answer_now("who won the womens 10000 at the first world championships")
    assert women["athlete_last_name"] in answer.headline, answer.headline
    assert any("I have no women's 10,000 m at the first World Championships" in n for n in answer.notes)


def test_an_athletes_first_edition(engine):
    """"at her first olympics": the earliest Games she ran (London 2012 in the toplists: out in the heats)."""
    rows = [r for r in raw.toplist("female/1500-metres.csv.gz")
            if r["competitor"] == "Faith KIPYEGON" and r["iso"].startswith("2012-08") and "London" in r["venue"]]
    assert len(rows) == 1
    place, heat = rows[0]["position"].split("h")
    answer = engine.answer_now("what did kipyegon run at her first olympics")
    assert "2012 Olympic Games" in answer.headline, answer.headline
    assert f"in heat {heat} in {rows[0]['mark']}" in answer.headline and answer.headline.count(place) >= 1
