"""Issue 15 (blind test #6 miss): a head-to-head "in the diamond league" counts the races at Diamond League
meetings only, never the championships in between. The races up to June 2023 are counted from the raw
Diamond League archive (every finisher of every race), never from our database."""
from __future__ import annotations

import json

import pytest

from bot.ask.answer import ANSWERED
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def _raw_races_together(a: str, b: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(date, title) of every archive race both finished with a place (split-time rows are not races), and
    (date, event) of every race the archive has ("1500m", "400mH": as its titles and our codes write them)."""
    out, dates = set(), set()
    for path in sorted((SHARED / "diamond-league-2010-2023" / "data").glob("*.json")):
        for category, races in json.loads(path.read_text(encoding="utf-8")).items():
            if category == "Split times":
                continue
            for race in races:
                placed = {x.get("athlete", "").upper() for x in race["data"]
                          if x.get("place", "").rstrip(".").isdigit()}
                day, month, year = race["title"].rsplit(" - ", 1)[1].split(".")
                dates.add((f"{year}-{month}-{day}", race["title"].split(" - ")[0].split(" ", 1)[1].lower()))
                if a in placed and b in placed:
                    out.add((f"{year}-{month}-{day}", race["title"]))
    return out, dates


@pytest.mark.parametrize("question,a,b", [
    ("warholm v benjamin in the diamond league", "KARSTEN WARHOLM", "RAI BENJAMIN"),
    ("kerr vs ingebrigtsen dl", "JOSH KERR", "JAKOB INGEBRIGTSEN"),
])
def test_a_head_to_head_in_the_diamond_league_is_its_meetings_only(engine, question, a, b):
    expected, archive_dates = _raw_races_together(a, b)
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "h2h", answer.headline
    assert "at Diamond League meetings" in answer.headline
    # the meetings the archive holds: exactly its races; others (toplists since 2023) are at DL meetings too
    in_archive = [r for r in answer.rows if (r.date, (r.event or "").lower()) in archive_dates]
    assert sorted(r.date for r in in_archive) == sorted(d for d, _ in expected), answer.rows
    assert not any("Olympic" in (r.competition or "") or "World Championships" in (r.competition or "")
                   for r in answer.rows)
