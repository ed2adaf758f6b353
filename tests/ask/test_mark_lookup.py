"""Who ran (jumped, threw) a mark: the world record lists, read raw, say who holds each record mark; a mark two
events share leads with the standing world record and names the other event."""
from __future__ import annotations

import csv

import pytest

from bot.ask.answer import ANSWERED
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def record(sex: str, discipline: str) -> dict:
    with open(SHARED / "wa-records-2024" / f"{sex}_world_records.csv", encoding="utf-8") as f:
        return next(r for r in csv.DictReader(f) if r["DISCIPLINE"] == discipline)


@pytest.mark.parametrize("question,sex,discipline", [
    ("who jumped {}", "men", "Long Jump"), ("who threw {}", "men", "Javelin Throw"),
    ("who ran {}", "women", "400 Metres"), ("{} who ran that", "men", "100 Metres"),
])
def test_a_world_record_mark_is_its_holder(engine, question, sex, discipline):
    r = record(sex, discipline)
    answer = engine.answer_now(question.format(r["PERF"]))
    assert answer.status == ANSWERED and answer.intent == "mark_lookup", answer.headline
    assert answer.rows[0].athlete.split()[-1].lower() == r["COMPETITOR"].split()[-1].lower()
    assert answer.rows[0].note == "world record"


def test_a_mark_other_events_share_names_them(engine):
    answer = engine.answer_now("who ran 47.60")
    assert any("also appears in" in n for n in answer.notes)


def test_a_mark_many_ran_is_counted_not_guessed(engine):
    answer = engine.answer_now("who ran 10.00")
    assert answer.status == ANSWERED and "performances of 10.00" in answer.headline


def test_a_mark_with_a_barrier_word_stays_a_threshold(engine):
    assert engine.answer_now("how many men have run under 10.00").intent == "threshold"
    assert engine.answer_now("who jumped over 8.95").intent != "mark_lookup"
