"""Issue 15: a named athlete and a mark ask for that performance ("when did kipchoge run 2:01:09", "how old was
bolt when he ran 9.58"): its date and meet, and their age that day, never their profile. Dates and birth dates
are read from the raw toplists."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.ask.answer import ANSWERED, UNKNOWN
from bot.ask.catalogue import fmt_date
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


@pytest.mark.parametrize("question,path,competitor,mark", [
    ("when did kipchoge run 2:01:09", "male/marathon.csv.gz", "Eliud KIPCHOGE", "2:01:09"),
    ("how old was bolt when he ran 9.58", "fallback_raw/male/sprints_100-metres_senior.csv.gz", "Usain BOLT", "9.58"),
    ("when did kerr run 3:45.34", "male/one-mile.csv.gz", "Josh KERR", "3:45.34"),
])
def test_the_athletes_performance_of_that_mark(engine, question, path, competitor, mark):
    rows = [r for r in raw.toplist(path) if r["competitor"] == competitor and r["mark"] == mark]
    assert len(rows) == 1, rows
    day = dt.date.fromisoformat(rows[0]["iso"])
    born = dt.datetime.strptime(rows[0]["dob"].title(), "%d %b %Y").date() if " " in rows[0]["dob"] \
        else dt.date.fromisoformat(rows[0]["dob"])
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "mark_lookup", answer.headline
    assert fmt_date(day.isoformat()) in answer.headline and f"aged {age}" in answer.headline, answer.headline


def test_a_mark_the_athlete_never_ran_is_said(engine):
    rows = [r for r in raw.toplist("male/1500-metres.csv.gz") if r["competitor"] == "Josh KERR" and r["mark"] == "3:40.00"]
    assert not rows
    answer = engine.answer_now("when did kerr run 3:40.00")
    assert answer.status == UNKNOWN and "Josh Kerr" in answer.headline, answer.headline


@pytest.mark.parametrize("question,discipline,competitor", [
    ("how old was kratochvilova when she set the 800 wr", "800 Metres", "Jarmila KRATOCHVÍLOVÁ"),
    ("how old was flojo when she set the 100m world record", "100 Metres", "Florence GRIFFITH-JOYNER"),
])
def test_how_old_when_they_set_a_record(engine, question, discipline, competitor):
    """"how old was X when she set the wr": the record answered, with her age that day, from the raw WA record
    page (date of the record, birth date)."""
    import csv

    from tests.conftest import SHARED
    with open(SHARED / "wa-records-2024" / "women_world_records.csv", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["DISCIPLINE"] == discipline and r["COMPETITOR"] == competitor)
    day = dt.datetime.strptime(row["DATE"].strip().title(), "%d %b %Y").date()
    born = dt.datetime.strptime(row["DOB"].strip().title(), "%d %b %Y").date()
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "record", answer.headline
    assert any(f" was {age} on {fmt_date(day.isoformat())}" in n for n in answer.notes), (age, answer.notes)
