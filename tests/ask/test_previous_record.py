"""Issue 15 (blind test: "the old one", "the one before", "previous world record in the 800" were declined or
answered with the whole progression). The record before the current one is answered with its holder, mark,
date and how long it stood; asked again ("and the one before that?"), one record further back. Expected
records are read from the raw progression files (dungates: men's running events to 2020; the June 2024 world
record list for the women's 5000 m, since beaten)."""
from __future__ import annotations

import csv

import pytest

from bot.ask.answer import ANSWERED
from bot.ask.query import Previous, Question
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def _dungates(distance: str) -> list[dict[str, str]]:
    """The men's progression of one distance, oldest first, one row per record (the raw file repeats none)."""
    path = SHARED / "wr-progressions" / "dungates_running_records_over_time.csv"
    with path.open(encoding="utf-8") as f:
        return sorted((r for r in csv.DictReader(f) if r["Distance"] == distance), key=lambda r: r["Date"])


def _follow(engine, first: str, *then: str):
    answer = engine.answer_now(first)
    out = [answer]
    for text in then:
        answer = engine.answer_now(Question(text, after=Previous(answer.asked, answer.subjects)))
        out.append(answer)
    return out


@pytest.mark.parametrize("question,distance", [
    ("previous world record in the 800", "800 Meters"),
    ("what was the old mile world record", "One Mile"),
    ("the one before the current 5000m world record", "5000 Meters"),
    ("former world record in the men's 10000", "10000 Meters"),
])
def test_the_record_before_the_current_one(engine, question, distance):
    raw = _dungates(distance)
    prev, now = raw[-2], raw[-1]
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "progression", answer.headline
    assert [r.date for r in answer.rows] == [prev["Date"], now["Date"]]
    assert answer.rows[0].athlete == prev["Athlete"], answer.rows
    assert "before the current one" in answer.headline and "it stood for" in answer.headline
    assert len(answer.rows) == 2   # not the whole progression


def test_the_women_5000_record_before_chebet(engine):
    path = SHARED / "nimarion-records" / "world_2024-06-26_both-sexes.csv"
    with path.open(encoding="utf-8") as f:
        then = next(r for r in csv.DictReader(f, delimiter=";")
                    if r["Discipline"] == "5K0" and r["Class"] == "W" and r["Environment"] == "Outdoor")
    answer = engine.answer_now("previous women's 5000m world record")
    assert answer.status == ANSWERED, answer.headline
    assert (answer.rows[0].mark, answer.rows[0].date) == (then["Result"], then["Date"])
    assert then["Lastname"].lower() in answer.rows[0].athlete.lower()


@pytest.mark.parametrize("first,then", [
    ("800m world record", ("what was the record before that", "and the one before that", "the one before")),
    ("mile world record", ("the old one", "and before that?")),
])
def test_each_one_before_goes_one_record_further_back(engine, first, then):
    distance = "800 Meters" if "800" in first else "One Mile"
    raw = _dungates(distance)
    answers = _follow(engine, first, *then)
    assert answers[0].intent == "record"
    for back, answer in enumerate(answers[1:], start=1):
        assert answer.status == ANSWERED and answer.intent == "progression", (then[back - 1], answer.headline)
        assert answer.rows[0].date == raw[-1 - back]["Date"], (then[back - 1], answer.rows)
        assert answer.rows[1].date == raw[-back]["Date"]


def test_an_athletes_record_before_is_unchanged(engine):
    """"before X" with an athlete named still answers who held it before them."""
    answer = engine.answer_now("who held the mile world record before el guerrouj")
    assert answer.headline.startswith("Before Hicham El Guerrouj"), answer.headline
