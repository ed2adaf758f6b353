"""Issue 18, the tenth blind review (notes/annrev10): its one wrong post called Genzebe Dibaba's 5000 m indoor
record of 2015 "the last" of her world records; the lists hold her indoor mile of 2016 (the WA records page)
and her 1500 m of July 2015 (the progressions). A winner's records are in date order, and the last named is
the latest. Expected values from the raw files (tests/ask/raw.py)."""
from __future__ import annotations

import csv
import datetime as dt

from bot.anniversaries.story import render
from bot.ask.day_stories import RACE_WIN, Preferences
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def test_the_last_world_record_named_is_the_latest(selector):
    with open(raw.SHARED / "wa-records-2024" / "women_world_records.csv", encoding="utf-8") as f:
        dibaba = [r for r in csv.DictReader(f) if r["COMPETITOR"] == "Genzebe DIBABA"]
    latest = max(dibaba, key=lambda r: raw.iso(r["DATE"].strip()))
    on = dt.date(2026, 3, 29)   # her Carlsbad 5 km of 2015, the review's post
    wins = selector._race_wins(on, Preferences(), famous_only=False)
    [s] = [selector._with_who(w) for w in wins if w.category == RACE_WIN and w.athlete == "Genzebe Dibaba"]
    dates = [(p.date or "")[:10] for _, p in s.world_records]
    assert dates == sorted(dates) and dates[-1] == raw.iso(latest["DATE"].strip())
    day = dt.date.fromisoformat(dates[-1])
    assert f"{latest['PERF']}, on {day.day} {day:%B %Y}" in " ".join(render(s).lines)
