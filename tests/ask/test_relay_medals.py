"""An athlete's Olympic medal count holds their relay medals where a source names the team's runners: the
medal list (olympic-medallists-1896-2024), and for Rio 2016, whose medal rows name only the nation, the complete
results (rio2016-complete-tilastopaja: each final team's runners by leg). Read here from the raw files, not from
our database."""
from __future__ import annotations

import csv
import json
import re

import pytest

from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()
MEDALLISTS = SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv"
RIO = SHARED / "rio2016-complete-tilastopaja" / "rio_athletics_results.json"
_RIO_MEDALS = {"1": "Gold", "2": "Silver", "3": "Bronze"}


def rio_relays(given: str, family: str, medal: str | None = None) -> set[tuple[int, str]]:
    """(2016, relay) of every Rio relay final whose medal-winning team this runner ran in."""
    games = json.loads(RIO.read_text(encoding="utf-8"))
    return {(2016, block["eventCode"]) for block in games["events"]
            if block["eventCode"].startswith("4x") and block.get("roundName") is None
            for team in block["result"] if team.get("rank") in _RIO_MEDALS
            and medal in (None, _RIO_MEDALS[team["rank"]])
            and any((leg.get("givenName"), leg.get("familyName")) == (given, family) for leg in team.get("runners", []))}


def raw_relays(written: str, medal: str | None = None) -> set[tuple[int, str]]:
    """(year, relay) of every Olympic relay row that names this runner, as the file writes them."""
    with open(MEDALLISTS, encoding="utf-8") as f:
        return {(int(r["year"]), re.match(r"4x\d+", r["event_name"])[0])   # type: ignore[index]
                for r in csv.DictReader(f)
                if r["sport"] == "Athletics" and re.match(r"4x\d+m relay", r["event_name"])
                and written in [n.strip() for n in r["athletes"].split(",")] and medal in (None, r["medal"])}


@pytest.mark.parametrize("question, written, rio, medal", [
    ("carl lewis olympic gold medals", "Carl LEWIS", ("Carl", "Lewis"), "Gold"),
    ("how many olympic medals has allyson felix won", "Allyson FELIX", ("Allyson", "Felix"), None),
    ("bolt olympic golds", "Usain BOLT", ("Usain", "Bolt"), "Gold"),
    ("how many olympic medals does shelly-ann fraser-pryce have", "Shelly-Ann FRASER-PRYCE",
     ("Shelly-Ann", "Fraser-Pryce"), None),
])
def test_relay_medals_count_for_their_runners(engine, question, written, rio, medal):
    expected = raw_relays(written, medal) | rio_relays(*rio, medal)
    assert expected, written   # the file names this runner in a relay: else the test proves nothing
    answer = engine.answer_now(question)
    assert answer.intent == "medal_count", answer.headline
    relays = {(int(r.competition[-4:]), r.event) for r in answer.rows if r.event and r.event.startswith("4x")}
    assert relays == expected, (relays, expected)
    n = int(re.search(r" has (\d+) Olympic", answer.headline)[1])   # type: ignore[index]
    assert n == len(answer.rows), answer.headline
    assert any("Relay medals count" in a for a in answer.notes), answer.notes


def test_an_athletes_medals_at_a_host_city_are_that_editions(engine):
    """"sifan hassan medals in paris": her medals of the Paris Games (the medal file's rows), not her career."""
    with open(MEDALLISTS, encoding="utf-8") as f:
        paris = [r for r in csv.DictReader(f) if r["sport"] == "Athletics" and r["athletes"] == "HASSAN Sifan"
                 and r["games"] == "2024 Paris"]
    answer = engine.answer_now("sifan hassan medals in paris?")
    assert answer.intent == "medal_count" and f" has {len(paris)} " in answer.headline, answer.headline
    assert {r.competition for r in answer.rows} == {"Olympic Games 2024"}
