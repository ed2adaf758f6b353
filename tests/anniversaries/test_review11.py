"""Issue 18, the eleventh blind review (notes/annrev11): its one wrong post gave Sigrun Siegl's main event as the
200 m, from the 200 m of her 1976 Olympic pentathlon, which the toplists list as a first place ("1ce3"). A
combined event's sub-event is no event an athlete is known for. Expected values from the raw files."""
from __future__ import annotations

import csv
import datetime as dt
import sqlite3

from bot.anniversaries.story import render
from bot.ask.day_stories import BIRTHDAY
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def test_a_birthdays_main_event_is_not_a_combined_events_part(selector):
    with open(raw.SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv", encoding="utf-8") as f:
        [gold] = [r for r in csv.DictReader(f) if r["athletes"] == "Siegrun SIEGL" and r["sport"] == "Athletics"]
    assert (gold["medal"], gold["event_name"]) == ("Gold", "pentathlon")
    split = [r for r in raw.toplist("fallback_raw/female/sprints_200-metres_senior.csv.gz")
             if r["competitor"].upper().endswith("SIEGL")]
    assert split and all("ce" in r["position"] for r in split)   # the 200 m of her pentathlon
    [s] = [s for s in selector._birthdays(dt.date(2026, 10, 29)) if s.athlete == "Sigrun Siegl"]
    assert s.event != "200m"
    assert "Her main event in my data: the pentathlon." in " ".join(render(s).lines)


def test_no_birthday_is_known_for_a_sub_event_alone(selector, db_path):
    """Every birthday of the year: the athlete has a result of the event named outside a combined event."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    selector._until = 2026
    checked = 0
    for k in range(366):
        for s in selector._birthdays(dt.date(2024, 1, 1) + dt.timedelta(days=k)):
            assert s.category == BIRTHDAY
            (n,) = conn.execute(
                "SELECT count(*) FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON "
                "e.id = r.event_id WHERE res.athlete_id = ? AND e.code = ? AND coalesce(r.round, '') != 'CE'",
                (s.athlete_id, s.event)).fetchone()
            assert n, (s.athlete, s.event)
            checked += 1
    conn.close()
    assert checked > 300
