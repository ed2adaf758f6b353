"""Issue 15, shape 9: "on this day" tells the story fans would pick first. The day's rows are ranked by the
anniversaries' fame score (bot/ask/day_stories.py), standing world records first: not the newest record.

The records expected to lead are read from the raw files (tests/ask/raw.py): the first mile record under
4:00 from the men's progression (dungates), today's world records from the national records (the best
national record of the discipline is the world record).
"""
from __future__ import annotations

import datetime as dt

import pytest

from bot.ask.answer import ANSWERED
from bot.ask.catalogue import MONTH_NAMES
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def _ask_day(engine, iso: str):
    d = dt.date.fromisoformat(iso)
    return engine.answer_now(f"what happened on {d.day} {MONTH_NAMES[d.month - 1].lower()}")


def test_the_first_mile_under_four_minutes_leads_its_day(engine):
    miles = sorted((r for r in raw.dungates() if r["Distance"] == "One Mile"), key=lambda r: r["Date"])
    first = next(r for r in miles if float(r["Time"]) < 240)
    answer = _ask_day(engine, first["Date"])
    assert answer.status == ANSWERED and answer.intent == "on_this_day"
    top = answer.rows[0]
    assert (top.date, top.athlete.split()[-1]) == (first["Date"], first["Athlete"].split()[-1]), answer.headline
    assert "first world record under 4:00" in answer.headline
    # newer records of that day come after it: the order is the story's fame, not its year
    assert any((r.date or "") > first["Date"] for r in answer.rows[1:])


def _world_record(first: str, last: str, code: str) -> dict:
    """The athlete's national record in the discipline, checked to be the best of every nation's (a time)."""
    rows = [r for r in raw.national() if r["Discipline"] == code and r["Sex"] == "Male"
            and r["Environment"] == "Outdoor" and r["Result"]]
    mine = next(r for r in rows if (r["Firstname"], r["Lastname"]) == (first, last))
    assert raw.seconds(mine["Result"]) == min(raw.seconds(r["Result"]) for r in rows)
    return mine


@pytest.mark.parametrize("first, last, code", [
    ("Usain", "Bolt", "100"), ("Hicham", "El Guerrouj", "1K5"), ("David", "Rudisha", "800"),
])
def test_a_standing_world_record_leads_its_day(engine, first, last, code):
    wr = _world_record(first, last, code)
    answer = _ask_day(engine, wr["Date"])
    top = answer.rows[0]
    assert (top.athlete, top.mark, top.date) == (f"{first} {last}", wr["Result"], wr["Date"]), answer.headline
    assert "still stands" in (top.note or "")
    assert "current world record" in answer.headline


def test_the_lead_says_why(engine):
    """The headline gives the reasons the story ranks first (the anniversaries' words)."""
    wr = _world_record("Usain", "Bolt", "100")
    answer = _ask_day(engine, wr["Date"])
    assert "has stood" in answer.headline and "championship titles" in answer.headline, answer.headline


@pytest.mark.parametrize("phrasing", ["what happened on {day} {month} {year}", "on this day in {year}"])
def test_a_year_keeps_that_day_of_that_year(db_path, phrasing):
    # "on this day in 1954" asked on the day of Bannister's mile: only that year's rows, never the day's others
    miles = sorted((r for r in raw.dungates() if r["Distance"] == "One Mile"), key=lambda r: r["Date"])
    first = next(r for r in miles if float(r["Time"]) < 240)
    d = dt.date.fromisoformat(first["Date"])
    from bot.ask.engine import Engine
    engine = Engine.open(db_path, today=lambda: d)
    try:
        answer = engine.answer_now(phrasing.format(day=d.day, month=MONTH_NAMES[d.month - 1].lower(), year=d.year))
    finally:
        engine.close()
    assert answer.status == ANSWERED and answer.intent == "on_this_day", answer.headline
    assert answer.headline.startswith(f"On {d.day} {MONTH_NAMES[d.month - 1]} {d.year}:"), answer.headline
    assert all((r.date or "").startswith(first["Date"]) for r in answer.rows), [r.date for r in answer.rows]
    assert answer.rows[0].athlete.split()[-1] == first["Athlete"].split()[-1]


def test_a_year_with_nothing_that_day_says_so_and_offers_the_day(engine):
    # the day after the first sub-4:00 mile: no mile record, and the question is not answered with other years
    miles = sorted((r for r in raw.dungates() if r["Distance"] == "One Mile"), key=lambda r: r["Date"])
    d = dt.date.fromisoformat(next(r for r in miles if float(r["Time"]) < 240)["Date"]) + dt.timedelta(days=1)
    answer = engine.answer_now(f"what happened on {d.day} {MONTH_NAMES[d.month - 1].lower()} {d.year}")
    assert answer.rows == [] or all((r.date or "").startswith(d.isoformat()) for r in answer.rows)
    if not answer.rows:
        assert f"{d.year}" in answer.headline and answer.suggestions == [f"what happened on {d.day} "
                                                                        f"{MONTH_NAMES[d.month - 1]}"]
