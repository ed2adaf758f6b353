"""A stand-in story for scheduler tests and drivers that test when and how often posts go out, not what
they say (what they say is tested on the real database in test_select.py)."""
from __future__ import annotations

import datetime as dt

from bot.ask.day_stories import Preferences, Selector, Source, Story


def fake_story(key: str = "world_record:mile:M:0:1999-07-07:1") -> Story:
    return Story(key=key, category="world_record", athlete="Test Athlete", athlete_id=1, nationality="MAR",
                 event="mile", sex="M", event_words="men's mile", indoor=False, mark="3:43.13", value=223.13,
                 wind=None, date="1999-07-07", years_ago=27, round_anniversary=False, venue="Roma", country="ITA",
                 record_kind="world", region="WORLD", record_words="world record", current=True,
                 sources=(Source("test", "Test source"),))


def later_day(iso: str) -> dt.date:
    """The month-day of an ISO date in 2026: a later year's anniversary of it, the day its post goes out."""
    d = dt.date.fromisoformat(iso)
    return dt.date(2026, d.month, d.day)


def every_story(selector: Selector, iso: str) -> list[Story]:
    """Every story a later year's post could tell on the month-day of `iso`: the fallback's minor ones too."""
    return selector.candidates(later_day(iso), Preferences(), famous_only=False)
