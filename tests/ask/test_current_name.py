"""An athlete who changed family name is shown by the name of her latest results (finding B3: the 2023 world
pole vault champion is Katie Moon, not Katie Nageotte). Expected names are read from the raw toplists."""
from __future__ import annotations

import pytest
from anyascii import anyascii

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()
PV = "fallback_raw/female/jumps_pole-vault_senior.csv.gz"


def _latest_name(path: str, given: str, dob: str) -> str:
    rows = [r for r in raw.toplist(path) if r["competitor"].startswith(given + " ") and r["dob"].strip()
            and raw.iso(r["dob"]) == dob]
    return max(rows, key=lambda r: r["iso"])["competitor"]


def _same(shown: str, written: str) -> bool:
    return anyascii(shown).lower() == anyascii(written).lower()


@pytest.mark.parametrize("question, path, given, family_then", [
    ("katie nageotte pole vault pb", PV, "Katie", "NAGEOTTE"),
    ("sandra perkovic discus pb", "female/discus-throw.csv.gz", "Sandra", "PERKOVIĆ"),
    ("josette norris 1500 pb", "female/1500-metres.csv.gz", "Josette", "NORRIS"),
    ("desiree davila marathon pb", "female/marathon.csv.gz", "Desiree", "DAVILA"),
])
def test_an_athlete_asked_by_a_former_name_is_shown_by_her_latest(engine, question, path, given, family_then):
    dob = raw.iso(next(r["dob"] for r in raw.toplist(path) if r["competitor"] == f"{given} {family_then}"))
    latest = _latest_name(path, given, dob)
    assert latest != f"{given} {family_then}", "the source no longer shows a change of name"
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED, answer.headline
    assert _same(answer.rows[0].athlete, latest), (answer.rows[0].athlete, latest)


def test_the_2023_world_pole_vault_champion_has_the_name_on_that_result(engine):
    row = next(r for r in raw.toplist(PV) if r["iso"] == "2023-08-23" and r["position"] == "1"
               and r["competitor"].startswith("Katie"))
    answer = engine.answer_now("who won womens pole vault at the 2023 wc")
    assert answer.status == ANSWERED and answer.intent == "winner", answer.headline
    assert any(_same(r.athlete, row["competitor"]) for r in answer.rows if r.place == 1)
    assert answer.headline.lower().startswith(row["competitor"].lower() + " won"), answer.headline
