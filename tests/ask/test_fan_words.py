"""Issue 15, second blind test: words fans use that the engine misread or declined though the data answers
them. Each test asks the mechanism with athletes, events and years the blind test never named; expected
answers come from the engine on the long form of the same question (itself checked against the database in
the gold set) or from the database directly."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED
from bot.ask.understand import event_alias_table, understand
from tests.ask.conftest import TODAY


def names(answer) -> list[str]:
    return [a["name"] for a in answer.entities.get("athletes", [])]


# --- 1. event abbreviations --------------------------------------------------------------------------------

@pytest.mark.parametrize("short, long", [
    ("ashton eaton dec pb", "ashton eaton decathlon pb"),
    ("who won the dec at the 2023 worlds", "who won the decathlon at the 2023 worlds"),
    ("katarina johnson-thompson hept pb", "katarina johnson-thompson heptathlon pb"),
    ("thiam hepta pb", "thiam heptathlon pb"),
    ("kipchoge mara pb", "kipchoge marathon pb"),
    ("kiplimo hm pb", "kiplimo half marathon pb"),
    ("mykolas alekna disc pb", "mykolas alekna discus pb"),
    ("womens 20km rw wr", "womens 20km race walk wr"),
    ("who won the 35k racewalk at worlds 2023", "who won the 35km race walk at worlds 2023"),
    ("rw world record", "race walk world record"),
])
def test_an_event_abbreviation_is_the_event(engine, short, long):
    got, want = engine.answer_now(short), engine.answer_now(long)
    assert want.status == ANSWERED, want.headline
    assert (got.status, got.headline) == (want.status, want.headline)


def test_no_one_word_event_abbreviation_becomes_an_athlete(engine):
    """Every one-word way of writing an event, with a pb or a record question round it, is read as the event
    and never as a person's name (some are surnames too: Mara, Hammer)."""
    for key, codes in event_alias_table().items():
        if len(key) > 1 or key[0].isdigit():   # "2000 pb": a bare number is read by its context (a year here)
            continue
        word = key[0]
        for question in (f"{word} pb", f"who won {word} at worlds 2025"):
            p = understand(question, engine.vocab, TODAY)
            assert not p.names and not p.name_hits, (question, p.names)
            assert set(p.events) | {c for ch in p.event_choices for c in ch} >= {codes[0]} or len(codes) > 1, \
                (question, p.events, codes)


@pytest.mark.parametrize("question, date", [
    ("what happened on 12 dec", (12, 12)),
    ("world records set on dec 10", (12, 10)),
    ("what happened on 3 mar 1968", (3, 3)),
])
def test_a_month_that_is_also_an_event_is_a_month_beside_a_day(engine, question, date):
    p = understand(question, engine.vocab, TODAY)
    assert p.date == date and not p.events and not p.names, (p.date, p.events, p.names)


@pytest.mark.parametrize("question", ["who won the mile in dec 2024", "races since mar", "best 800 of dec 2023"])
def test_a_month_said_with_a_year_is_no_event(engine, question):
    p = understand(question, engine.vocab, TODAY)
    assert "DEC" not in p.events and "MAR" not in p.events and not p.names, (p.events, p.names)
