""""world junior record 100m" read "junior" as the athlete Aldemir Gomes Júnior and "world u20 record" as the
World U20 Championships (blind test #16): the words say the world U20 record. Expected records are read from
the raw nimarion world U20 list (women's events only, as the source has them)."""
from __future__ import annotations

import csv

import pytest

from bot.ask.answer import ANSWERED, UNKNOWN
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def _raw_u20(discipline: str) -> dict:
    with open(SHARED / "nimarion-records" / "world-u20.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter=";") if r["Discipline"] == discipline
                and r["Environment"] == "Outdoor"]
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("question, discipline", [
    ("womens world u20 record 800m", "800"),
    ("u20 world record 200m women", "200"),
    ("who holds the world junior record in the women's 400m", "400"),
    ("women's 1500 junior wr", "1K5"),
    ("world under 20 record women 100m", "100"),
])
def test_the_world_u20_record_is_answered(engine, question, discipline):
    row = _raw_u20(discipline)
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "record", answer.headline
    assert "world U20 record" in answer.headline and row["Result"] in answer.headline, answer.headline
    # the athlete, by either name (the list's Oelsner of 1977 is the database's Marlies Göhr, one athlete)
    assert row["Firstname"] in answer.headline or row["Lastname"].split()[-1] in answer.headline
    assert not any(" read as " in n for n in answer.notes), answer.notes


@pytest.mark.parametrize("question", ["world junior record 100m", "u20 world record 100m men"])
def test_a_mens_u20_record_is_declined_with_what_the_list_holds(engine, question):
    with open(SHARED / "nimarion-records" / "world-u20.csv", encoding="utf-8") as f:
        assert {r["Sex"] for r in csv.DictReader(f, delimiter=";")} == {"Female"}
    answer = engine.answer_now(question)
    assert answer.status == UNKNOWN and "women's records only" in answer.headline, answer.headline
    assert not any(" read as " in n for n in answer.notes), answer.notes
