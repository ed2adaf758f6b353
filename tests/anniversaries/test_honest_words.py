"""Words of a post that must not overstate: a birthday's honours count individual events (the fame model leaves
relays to the team), and a record of an event World Athletics keeps no world record of is a world best (the
2 miles, as the question engine says it). Expectations from the raw files."""
from __future__ import annotations

import csv
import datetime as dt

from bot.anniversaries.story import render
from bot.ask.day_stories import BIRTHDAY, WORLD_RECORD, Preferences
from tests.conftest import SHARED


def test_a_birthdays_honours_say_they_count_individual_events(selector):
    told = 0
    for month, day in ((12, 24), (12, 21), (12, 30), (11, 13)):
        for s in selector.select(dt.date(2024, month, day), Preferences(max_stories=5)):
            if s.category == BIRTHDAY and s.athlete_fame is not None:
                line = render(s).lines[1:]
                assert line and line[0].startswith("In individual events: "), line
                told += 1
    assert told >= 2


def test_the_two_miles_is_a_world_best():
    with open(SHARED / "wa-records-2024" / "men_world_records.csv", encoding="utf-8") as f:
        listed = {r["DISCIPLINE"].strip().lower() for r in csv.DictReader(f)}
    assert not any("2 miles" in d or "two miles" in d for d in listed), listed


def test_a_record_of_an_event_wa_keeps_none_of_is_called_a_world_best(selector):
    stories = [s for s in selector.candidates(dt.date(2024, 7, 19)) if s.category == WORLD_RECORD]
    two_miles = [s for s in stories if s.event == "2miles"]
    assert two_miles, sorted({s.event for s in stories})
    for s in two_miles:
        post = render(s)
        assert s.record_words == "world best" and "world record" not in " ".join([post.title, *post.lines]), post
    others = [s for s in stories if s.event != "2miles"]
    assert others and all(s.record_words == "world record" for s in others)
