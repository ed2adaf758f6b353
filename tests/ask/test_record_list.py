"""The records that stand now, as a list ("oldest world record still standing", "world records of the 80s",
"british records"), and the words that used to become athletes there ("still" was Larry Still).

Expectations come from World Athletics' record list (wa-records-2024) and the toplists, read raw."""
from __future__ import annotations

import csv

import pytest
from anyascii import anyascii

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()

RECORDS = SHARED / "wa-records-2024"
# Events the record list does not mark "Short Track" though they are only run indoors
_INDOOR_ONLY = ("50 Metres", "60 Metres")


def world_records() -> list[dict]:
    """Outdoor rows of WA's men's and women's world record lists, with an ISO date."""
    out = []
    for sex in ("men", "women"):
        with open(RECORDS / f"{sex}_world_records.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if "Short Track" in r["DISCIPLINE"] or r["DISCIPLINE"].startswith(_INDOOR_ONLY):
                    continue
                r["iso"] = raw.iso(r["DATE"].title())
                r["sex"] = sex
                out.append(r)
    return out


def family(name: str) -> str:
    return anyascii(name.split()[-1]).lower()


def test_the_oldest_world_record_still_standing_is_the_oldest_on_the_list(engine):
    oldest = min(world_records(), key=lambda r: r["iso"])
    for question in ("oldest world record still standing", "what's the oldest wr",
                     "which world record has stood the longest"):
        answer = engine.answer_now(question)
        assert answer.status == ANSWERED and answer.intent == "record_list", (question, answer.headline)
        assert answer.rows[0].mark == oldest["PERF"] and answer.rows[0].date == oldest["iso"], question
        assert family(oldest["COMPETITOR"]) in anyascii(answer.headline).lower()
        assert not answer.entities.get("athletes"), "no word of the question is an athlete"


def test_records_of_a_decade_still_standing_are_on_the_record_list(engine):
    """Every 1980s record the bot says still stands is on WA's list with that mark and day; one on the list it
    leaves out was beaten since by a mark in the toplists (the women's high jump: 2.10 in 2024)."""
    answer = engine.answer_now("which world records are still standing from the 80s")
    assert answer.status == ANSWERED and answer.intent == "record_list"
    listed = {(r["PERF"], r["iso"]) for r in world_records() if r["iso"].startswith("198")}
    said = {(r.mark, r.date) for r in answer.rows}
    assert said and said <= listed
    missing = listed - said
    assert ("2.09", "1987-08-30") in missing
    hj = [r for r in raw.toplist("female/high-jump.csv.gz") if not r["indoor"]]
    assert max(float(r["mark"]) for r in hj) > 2.09
    assert len(missing) == 1
    assert [r.date for r in answer.rows] == sorted(r.date for r in answer.rows), "oldest first"


@pytest.mark.parametrize("question,decade", [("world records set in the 1990s", 1990),
                                             ("wrs from the '90s", 1990), ("world records of the 2010s", 2010)])
def test_a_decade_is_read_and_filters(engine, question, decade):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "record_list", answer.headline
    assert answer.rows and all(decade <= int(r.date[:4]) < decade + 10 for r in answer.rows)
    assert any("since broken" in n for n in answer.notes), "says that broken records are not listed"


def test_sixties_without_the_is_the_60_metres(engine):
    """"fastest 60s ever" is the 60 m; "the 60s" a decade."""
    answer = engine.answer_now("fastest 60s ever")
    assert answer.intent == "all_time" and answer.entities.get("event") == "60m"


def test_womens_world_records_are_one_a_event_and_womens_only(engine):
    answer = engine.answer_now("womens world records")
    assert answer.status == ANSWERED and answer.intent == "record_list"
    notes = [r.note for r in answer.rows]
    assert len(notes) == len(set(notes)), "one row per event"
    women = {(r["PERF"]) for r in world_records() if r["sex"] == "women"}
    assert answer.rows[:5] and all(r.mark in women or r.date >= "2024-08" for r in answer.rows[:5])
    assert "women's" in answer.headline


def test_a_nations_records(engine):
    answer = engine.answer_now("british records")
    assert answer.status == ANSWERED and answer.intent == "record_list"
    assert answer.entities.get("region") == "GBR"
    mile = [r for r in answer.rows if r.note == "men's Mile"]
    kerr = [r for r in raw.named(raw.toplist("male/one-mile.csv.gz"), "Josh", "Kerr") if not r["indoor"]]
    assert mile and mile[0].mark == min(kerr, key=lambda r: r["value"])["mark"]


def test_a_single_record_is_still_one_event(engine):
    """"world record" of one event stays that event's record; the list needs a plural, an age or a decade."""
    assert engine.answer_now("mile world record").intent == "record"
    assert engine.answer_now("world record").intent == "record"
