"""A championship race whose final is not in the data (a slow final above the toplists' cut-off) is never
answered with a heat's winner: the bot says it has only the earlier rounds. The raw toplist is read to show
the premise: only heat positions ('1h2') for the men's 5000 m at London 2017."""
from __future__ import annotations

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def test_a_heat_winner_is_no_champion(engine):
    rows = [r for r in raw.toplist("male/5000-metres.csv.gz")
            if r["iso"].startswith("2017-08") and "London" in r["venue"]]
    assert rows and all("h" in r["position"] for r in rows), {r["position"] for r in rows}
    answer = engine.answer_now("who won the 5000 at worlds 2017")
    assert answer.status != ANSWERED and "no final" in answer.headline, answer.headline
    assert "Barega" not in answer.headline
    heats = engine.answer_now("worlds 2017 5000 heats")
    assert heats.status == ANSWERED and "Barega" in heats.headline, heats.headline


def test_split_times_of_a_longer_race_are_not_a_race(engine):
    """The toplists list the 1500 m times run on the way in Pre 2024's mile, without places: "who won the 1500"
    there says there was no 1500 m race and names the mile's winner (both read from the raw toplists)."""
    from tests.ask import raw
    day = "2024-05-25"
    splits = [r for r in raw.toplist("male/1500-metres.csv.gz") if r["iso"] == day and "Eugene" in r["venue"]]
    assert splits and not any(r["position"].strip() for r in splits)
    mile = [r for r in raw.toplist("male/one-mile.csv.gz") if r["iso"] == day and r["position"].strip() == "1"]
    answer = engine.answer_now("who won the 1500 at pre 2024")
    assert "no men's 1500 m race" in answer.headline and "mile" in answer.headline
    assert mile[0]["mark"] in answer.headline and mile[0]["competitor"].split()[-1].title() in answer.headline
