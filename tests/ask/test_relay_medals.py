"""An athlete's Olympic medal count holds their relay medals where a source names the team's runners: the
medal list (olympic-medallists-1896-2024), and for Rio 2016, whose medal rows name only the nation, the complete
results (rio2016-complete-tilastopaja: each final team's runners by leg). Read here from the raw files, not from
our database."""
from __future__ import annotations

import csv
import re

import pytest

from tests.ask import raw
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()
MEDALLISTS = SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv"
_RIO_MEDALS = {"1": "Gold", "2": "Silver", "3": "Bronze"}


def rio_relays(given: str, family: str, medal: str | None = None) -> set[tuple[int, str]]:
    """(2016, relay) of every Rio relay final whose medal-winning team this runner ran in."""
    return {(2016, block["eventCode"]) for block in raw.rio_events()
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


def test_relay_alone_is_the_relay_the_athlete_ran(engine):
    """"bolt 2016 relay gold": "relay" is the relay Bolt ran (the Rio results name him in the 4x100 final),
    and the count is that event's golds of that year."""
    expected = {r for r in rio_relays("Usain", "Bolt", "Gold") if r[0] == 2016}
    assert expected == {(2016, "4x100")}, expected   # the raw file's own answer, checked before the engine's
    answer = engine.answer_now("bolt 2016 relay gold")
    assert answer.intent == "medal_count", answer.headline
    assert {(int(r.competition[-4:]), r.event) for r in answer.rows} == expected, answer.rows
    assert "4 × 100 m relay" in answer.headline and " 1 " in answer.headline, answer.headline


def test_relay_with_no_athlete_asks_which(engine):
    answer = engine.answer_now("who won the relay at the 2012 olympics")
    assert answer.status == "ambiguous" and any("4 × 100" in s for s in answer.suggestions) \
        and any("4 × 400" in s for s in answer.suggestions), answer.suggestions


@pytest.mark.parametrize("question,written,event", [
    ("bolt olympic 100m medals", "Usain BOLT", "100m"),
    ("how many olympic 200m medals does usain bolt have", "Usain BOLT", "200m"),
])
def test_an_event_named_counts_that_events_medals(engine, question, written, event):
    with open(MEDALLISTS, encoding="utf-8") as f:
        expected = [r for r in csv.DictReader(f) if r["sport"] == "Athletics" and r["athletes"].strip() in
                    (written, " ".join(reversed(written.split(" ", 1))))
                    and r["event_name"] == event]
    assert expected, written
    answer = engine.answer_now(question)
    assert answer.intent == "medal_count" and f" has {len(expected)} Olympic" in answer.headline, (
        len(expected), answer.headline)
    assert {r.event for r in answer.rows} == {event}


def test_relay_golds_of_a_runner_of_both_relays_count_every_relay(engine):
    """"felix relay golds": she ran both relays, so the count is of every relay, never a pick of one."""
    expected = raw_relays("Allyson FELIX", "Gold") | rio_relays("Allyson", "Felix", "Gold")
    assert {e for _, e in expected} >= {"4x100", "4x400"}, expected
    answer = engine.answer_now("felix olympic relay golds")
    assert answer.intent == "medal_count" and "in relays" in answer.headline, answer.headline
    assert {(int(r.competition[-4:]), r.event) for r in answer.rows} == expected, answer.rows
