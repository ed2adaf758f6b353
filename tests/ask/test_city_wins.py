""""How many times has kipchoge won berlin": a city alone, with wins asked, is every race won there (its city
marathon has no meeting name), never the championship it held once (the 2009 World Championships, where
Kipchoge won nothing: blind test #16). A championship or medals named keep the championship; a meeting's
editions no source gives a venue for are said, not counted. Expected wins are read from the raw toplists."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED
from bot.common import names
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def _raw_wins(path: str, competitor: str, city: str) -> list[dict]:
    """The athlete's first places in the toplist file at venues in the city (one a day)."""
    rows = {r["iso"]: r for r in raw.toplist(path) if r["competitor"] == competitor and r["position"] == "1"
            and f" {city} " in f" {names.fold(r['venue'])} "}
    return [rows[d] for d in sorted(rows)]


@pytest.mark.parametrize("question", ["how many times has kipchoge won berlin",
                                      "how many times did kipchoge win in berlin",
                                      "how many times has kipchoge won the berlin marathon"])
def test_wins_in_a_city_are_the_races_won_there(engine, question):
    wins = _raw_wins("male/marathon.csv.gz", "Eliud KIPCHOGE", "berlin")
    assert len(wins) >= 4
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "win_count", answer.headline
    assert "World Championships" not in answer.headline and f"at least {len(wins)} times" in answer.headline
    assert [r.date for r in answer.rows][::-1] == [w["iso"] for w in wins]
    assert [r.mark for r in answer.rows][::-1] == [w["mark"] for w in wins]
    assert any("Berlin" in n and "every race" in n for n in answer.notes), answer.notes


def test_the_namesake_who_won_in_the_city_is_meant(engine):
    """"bekele" alone is several athletes; the one with wins in Paris is meant (Helen Bekele ran the 2024
    Olympic marathon there and won nothing)."""
    answer = engine.answer_now("how many times did bekele win in paris")
    assert answer.status == ANSWERED and answer.intent == "win_count", answer.headline
    assert {r.athlete for r in answer.rows} == {"Kenenisa Bekele"}
    for r in answer.rows:
        if r.venue:   # every race with a venue is in Paris, and a win there
            assert " paris " in f" {names.fold(r.venue)} ", r
        assert r.place == 1


@pytest.mark.parametrize("question, intent", [
    ("how many medals did bolt win in berlin", "medal_count"),
    ("how many times has kipchoge won the berlin worlds", "medal_count"),
    ("how many times did farah win the london diamond league", "win_count"),
])
def test_a_championship_medals_or_meeting_named_keep_their_reading(engine, question, intent):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == intent, answer.headline
    assert not any("every race" in n for n in answer.notes), answer.notes


def test_a_city_with_its_meeting_counts_every_race_won_there(engine):
    """"how many times did farah win london": the London meeting's editions held there, the 2012 Games and the
    2017 World Championships, his road races; a meeting edition with no venue is named, not counted."""
    answer = engine.answer_now("how many times did farah win london")
    assert answer.intent == "win_count", answer.headline
    comps = {r.competition or "" for r in answer.rows}
    assert {"Olympic Games 2012", "World Championships 2017"} <= comps
    assert sum(c.startswith("London Athletics Meet") for c in comps) >= 3
    road = _raw_wins("male/10-kilometres.csv.gz", "Mo FARAH", "london")
    assert road and {w["iso"] for w in road} <= {r.date for r in answer.rows}
    no_venue = [y for (y,) in engine.conn.execute(
        "SELECT c.year FROM competitions c WHERE c.series_id = 'DL-LONDON' AND NOT EXISTS (SELECT 1 FROM races r "
        "WHERE r.competition_id = c.id AND r.venue IS NOT NULL) AND EXISTS (SELECT 1 FROM results res JOIN races r "
        "ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id WHERE r.competition_id = c.id "
        "AND a.name = 'Mo Farah' AND res.place = 1)")]
    assert no_venue
    assert all(str(y) in answer.headline.split("not counted", 1)[1] for y in no_venue), answer.headline
    assert not any((r.competition or "").endswith(tuple(str(y) for y in no_venue)) and "London Athletics" in
                   (r.competition or "") for r in answer.rows)
