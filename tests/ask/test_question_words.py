"""Blind test #10: an ordinary English word is not an athlete because some athlete has it as a name ("what
date did ..." read "date" as Hideaki Date). Its place in the sentence says it is grammar: the noun a question
word asks with, a modal verb opening the question or after a question word, a month with no day. Full names
("will claye") and a lone name word that nothing else could mean ("date 100m pb") still name the athlete.
Expected marks and dates are read from the database."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED


def names(answer) -> list[str]:
    return [a["name"] for a in answer.entities.get("athletes", [])]


def _date_of(db, name: str, mark: str) -> str:
    """The day the athlete set the mark (their first legal result with it), from the database."""
    row = db.execute("SELECT min(r.date) FROM results res JOIN races r ON r.id = res.race_id "
                     "JOIN athletes a ON a.id = res.athlete_id WHERE a.name = ? AND res.mark = ?",
                     (name, mark)).fetchone()
    assert row and row[0], (name, mark)
    return row[0]


@pytest.mark.parametrize("question, who, mark", [
    ("what date did jakob ingebrigtsen run 3:26.73", "Jakob Ingebrigtsen", "3:26.73"),   # the blind test's
    ("what date did bolt run 9.58", "Usain Bolt", "9.58"),
    ("which day did kipchoge run 2:01:09", "Eliud Kipchoge", "2:01:09"),
])
def test_a_question_noun_is_no_athlete(engine, db, question, who, mark):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and names(answer) == [who], (names(answer), answer.headline)
    assert answer.rows and answer.rows[0].date == _date_of(db, who, mark), answer.headline


@pytest.mark.parametrize("question, word", [
    ("when will jakob race the 5000", "will"),
    ("will kerr race at pre", "will"),
    ("who won the 1500 in may 2024", "may"),
    ("who won the 800 at the olympics in august 2024", "august"),
    ("what shoe did bolt wear", "shoe"),
])
def test_a_word_the_grammar_places_never_becomes_an_athlete(engine, question, word):
    """A modal, a month without its day, a question's noun: not read as Will Leer, Kimberley May, ... (what
    the bot does not know it says it does not know, never answered as someone else)."""
    answer = engine.answer_now(question)
    assert not any(word in n.lower().split() for n in names(answer)), (names(answer), answer.headline)
    assert not any(f"“{word}” read as" in a for a in answer.notes), answer.notes


@pytest.mark.parametrize("question, who", [
    ("will claye triple jump pb", "Will Claye"),   # a full name is read before the grammar
    ("date 100m pb", "Hideaki Date"),              # the only word that can be the athlete asked about
    ("what kerr ran at pre 2024", "Josh Kerr"),    # no subject after: "kerr" is the subject, not a noun
    ("what duplantis has done since 2023", "Armand Duplantis"),  # no name or pronoun after the verb
])
def test_a_name_still_names_the_athlete(engine, question, who):
    answer = engine.answer_now(question)
    assert who in names(answer) or any(f"read as {who}" in a for a in answer.notes), (names(answer), answer.headline)
