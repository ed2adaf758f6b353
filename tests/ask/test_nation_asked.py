"""Issue 15 (blind test: "which nation does warholm represent" declined on "represent"). Asking an athlete's
nation, however it is said, answers it first; the nation is read from the database."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED
from bot.common.countries import country_name


@pytest.mark.parametrize("question,name", [
    ("which nation does warholm represent", "Karsten Warholm"),
    ("what country does kipyegon represent", "Faith Kipyegon"),
    ("who does duplantis compete for", "Armand Duplantis"),
    ("which country did bolt represent", "Usain Bolt"),
    ("what country is jakob ingebrigtsen from", "Jakob Ingebrigtsen"),
    ("femke bol nationality", "Femke Bol"),
])
def test_the_nation_asked_is_answered_first(engine, db, question, name):
    (nat,) = db.execute("SELECT nationality FROM athletes WHERE name = ? ORDER BY id LIMIT 1", (name,)).fetchone()
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "profile", answer.headline
    assert answer.headline.startswith(f"{name} represents {country_name(nat)} ({nat}).")


def test_a_profile_not_asking_the_nation_reads_as_before(engine):
    assert " represents " not in engine.answer_now("who is kipyegon").headline
