"""Head-to-head counts every race both athletes finished, a semi-final and the final of one day apart, and
keeps to the city and round the question names. Expectations from the raw toplists (tests/ask/raw.py)."""
from __future__ import annotations

import re

from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()
FILE = "fallback_raw/female/sprints_100-metres_senior.csv.gz"
# The World Championships' stadiums in these two editions, as the toplists write them.
WORLDS = {"2023": "Budapest", "2025": "National Stadium, Tokyo"}


def _shared_races(final_only: bool = False, year: str | None = None) -> list[tuple[str, str]]:
    """(date, race) of the Worlds races both ran: the race from the position ('1sf2' semi-final 2, '2h3' heat
    3, a plain number the final)."""
    rows = raw.toplist(FILE)
    seen: dict[str, set[tuple[str, str]]] = {}
    for who in (("Shericka", "Jackson"), ("Sha'Carri", "Richardson")):
        races = set()
        for r in raw.named(rows, *who):
            y = r["iso"][:4]
            if y in WORLDS and WORLDS[y] in r["venue"] and (year is None or y == year):
                rnd = re.sub(r"^\d+", "", r["position"]) or "f"   # '1sf2' -> 'sf2' (semi 2), '3' -> final
                races.add((r["iso"], rnd))
        seen[who[1]] = races
    both = sorted(seen["Jackson"] & seen["Richardson"])
    return [b for b in both if b[1] == "f"] if final_only else both


def test_semi_final_and_final_of_one_day_are_two_races(engine):
    expected = _shared_races()
    assert len({d for d, _ in expected}) < len(expected)   # a day with two of their races in it
    answer = engine.answer_now("shericka jackson vs sha'carri richardson 100m at worlds 2023 2025")
    assert f"in {len(expected)} races" in answer.headline, (expected, answer.headline)


def test_the_city_and_round_asked_are_kept(engine):
    expected = _shared_races(final_only=True, year="2023")
    assert len(expected) == 1
    answer = engine.answer_now("shericka jackson vs shacarri in the budapest 100 final")
    assert "in 2023 (final only)" in answer.headline and "in 1 race " in answer.headline, answer.headline
