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
    answer = engine.answer_now("who came first in the 1500 at paris 2024")
    final = [r for r in raw.toplist("male/1500-metres.csv.gz")
             if r["iso"] == "2024-08-06" and r["position"].strip() == "1"]
    assert final[0]["mark"] in answer.headline
