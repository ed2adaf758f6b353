"""The gold set: every question with its expected intent, entities and answer (tests/ask/README.md).

Entries tagged data_bug state the truth where the database is known to be wrong: strict xfails, so
fixing the data turns them into failures until the marker is removed.
"""
from __future__ import annotations

import pytest

from tests.ask import gold

ENTRIES = gold.load()


def _param(entry):
    marks = []
    if "data_bug" in entry.get("tags", []):
        marks.append(pytest.mark.xfail(strict=True, reason="known data bug (tests/ask/README.md)"))
    return pytest.param(entry, id=entry["q"][:60], marks=marks)


def test_gold_set_is_large_and_varied():
    assert len(ENTRIES) >= 300
    intents = {e.get("intent") for e in ENTRIES if e.get("status", "answered") == "answered"}
    from bot.ask.answer import INTENTS
    assert intents == set(INTENTS), set(INTENTS) - intents
    assert sum("misspelling" in e.get("tags", []) for e in ENTRIES) >= 20


@pytest.mark.parametrize("entry", [_param(e) for e in ENTRIES])
def test_gold(engine, entry):
    answer = engine.answer_now(entry["q"]).to_json()
    problems = gold.parse_problems(entry, answer) + gold.answer_problems(entry, answer)
    assert not problems, "\n".join(problems)
