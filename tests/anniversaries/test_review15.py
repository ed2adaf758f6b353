"""Issue 18, the fifteenth blind review (notes/annrev15: 0 wrong, 47 good of 60). Its weak list had
Gebrselassie's 10 km in Doha in 2002 told as "the world's best mark of 2002" only, where the toplists hold no
better 10 km on the roads before it (27:11 was the best). A road race's win better than every earlier mark of its
event on file is now said as a world best on the roads, as an indoor one is. Expected values from the raw files."""
from __future__ import annotations

import datetime as dt

from bot.anniversaries.story import render
from bot.ask.day_stories import RACE_WIN, Preferences
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()

# the road events' toplist files (wa-toplists/<sex>/<file>)
_ROAD = {"road5k": "5-kilometres", "road10k": "10-kilometres", "road15k": "15-kilometres",
         "road20k": "20-kilometres", "HM": "half-marathon", "MAR": "marathon"}


def _fmt(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def test_gebrselassies_doha_10_km_is_a_world_best_on_the_roads(selector):
    rows = raw.toplist("male/10-kilometres.csv.gz")
    [win] = [r for r in rows if r["iso"] == "2002-12-13" and r["competitor"] == "Haile GEBRSELASSIE"]
    before = sorted((r for r in rows if r["iso"] < win["iso"]), key=lambda r: (r["value"], r["iso"]))
    assert before[0]["value"] > win["value"]
    [s] = [s for s in selector.select(dt.date(2026, 12, 13), Preferences(max_stories=5))
           if s.athlete == "Haile Gebrselassie" and s.date == "2002-12-13"]
    best = before[0]
    given, family = best["competitor"].rsplit(" ", 1)
    assert (f"It was a world best on the roads: no mark on file before it was better (the best, "
            f"{given} {family.title()}'s {best['mark']} on {_fmt(best['iso'])}).") in render(s).lines


def test_every_world_best_on_the_roads_of_the_year_holds_in_the_toplists(selector):
    """Every road win of the year said to be a world best: the raw toplist of its event has no earlier mark as
    good, and the best before it is the one named."""
    checked = 0
    for k in range(0, 366, 2):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=k)
        on = dt.date(2026, day.month, day.day) if k != 59 else dt.date(2028, 2, 29)
        for s in selector._race_wins(on, Preferences(), famous_only=False):
            if s.category != RACE_WIN or s.indoor or s.indoor_best is None or s.event not in _ROAD:
                continue
            sex = "female" if s.sex == "W" else "male"
            rows = raw.toplist(f"{sex}/{_ROAD[s.event]}.csv.gz")
            before = [r for r in rows if r["iso"] < s.date[:10]]
            assert s.value is not None and all(r["value"] > s.value - 1e-9 for r in before), s.key
            best = min(r["value"] for r in before)
            assert abs(best - s.indoor_best.value) < 1e-6, (s.key, s.indoor_best)
            checked += 1
    assert checked >= 5
