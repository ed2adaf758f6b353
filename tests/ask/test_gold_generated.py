"""The generated gold set (tests/ask/gold_generated.yaml): questions written from the raw reference files by
tests/ask/generate_gold.py, every one run through the engine.

The entries the engine gets wrong today are strict xfails with their reason (gold_generated_xfail.yaml), so a
fix turns into a failure until the list is re-measured: `bench/gold_report.py --set generated --write-xfail`.
"""
from __future__ import annotations

from collections import Counter

import pytest

from tests.ask import gold, xfail_reasons
from tests.conftest import needs_shared

ENTRIES = gold.load_generated()
XFAIL = gold.load_xfail()


def _param(entry):
    marks = []
    if entry["q"] in XFAIL:
        marks.append(pytest.mark.xfail(strict=True, reason=XFAIL[entry["q"]]["reason"]))
    return pytest.param(entry, id=entry["q"][:60], marks=marks)


def test_generated_set_is_large_and_covers_every_intent():
    from bot.ask.answer import INTENTS
    assert len(ENTRIES) >= 400
    assert sum(e.get("status") == "unknown" for e in ENTRIES) >= 60
    intents = {e.get("intent") for e in ENTRIES if e.get("status", "answered") == "answered"}
    # quotes: no source has any by these athletes, so their entries are understood and declined; the youngest
    # and oldest champions: the generator rebuilds only some Olympic finals (finals.py), so it cannot say who is
    # youngest of all (tests/ask/test_age_record.py derives them from the raw toplist instead); a Games' medal
    # table by nation is derived from the raw medallist file in tests/ask/test_nation_medals.py
    assert intents | {"quote", "age_record", "nation_table"} == set(INTENTS), set(INTENTS) - intents
    assert {e.get("intent") for e in ENTRIES if e.get("status") == "unknown"} >= {"quote"}
    assert sum("misspelling" in e.get("tags", []) for e in ENTRIES) >= 20
    assert sum("abbreviation" in e.get("tags", []) for e in ENTRIES) >= 40
    assert len({e["q"].lower() for e in ENTRIES}) == len(ENTRIES)
    assert not {e["q"].lower() for e in ENTRIES} & {e["q"].lower() for e in gold.load()}
    assert all(e.get("from") for e in ENTRIES), "every entry says where its answer was read"


def test_xfail_list_is_honest():
    """Every xfail names a generated question and a known reason category; none is kept for a question that
    is gone."""
    questions = {e["q"] for e in ENTRIES}
    assert set(XFAIL) <= questions, set(XFAIL) - questions
    reasons = Counter(x["reason"] for x in XFAIL.values())
    assert set(reasons) <= set(xfail_reasons.CATEGORIES), set(reasons) - set(xfail_reasons.CATEGORIES)


@pytest.mark.parametrize("entry", [_param(e) for e in ENTRIES])
def test_gold_generated(engine, entry):
    answer = engine.answer_now(entry["q"]).to_json()
    kind, problems = gold.outcome(entry, answer)
    assert kind == gold.RIGHT, f"{kind}: " + "\n".join(problems)


@needs_shared()
def test_generator_reproduces_the_committed_set(tmp_path, monkeypatch):
    """The committed YAML is what the generator writes from ../shared/datasets: nothing typed in by hand."""
    from tests.ask import generate_gold
    monkeypatch.setattr(generate_gold, "OUT", tmp_path / "gold_generated.yaml")
    assert generate_gold.main() == 0
    assert (tmp_path / "gold_generated.yaml").read_text(encoding="utf-8") == \
        gold.GENERATED.read_text(encoding="utf-8")
