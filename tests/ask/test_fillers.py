"""The filler words are learned from the corpus (bot/ask/fillers.py), not written one by one: the committed
list is exactly what the corpus teaches, and the corpus's own questions are understood."""
from __future__ import annotations

from bot.ask import fillers
from bot.ask.answer import UNKNOWN
from bot.ask.understand import tokenize


def test_the_fillers_are_what_the_corpus_teaches(engine):
    learned = fillers.learn(engine.vocab, fillers.corpus_questions(), name_word=engine.people.by_token.__contains__)
    assert fillers.load() == learned, "the corpus changed: run `python -m bot.ask.learn` and commit fillers.txt"


def test_a_filler_is_never_a_name_the_corpus_means(engine):
    for text, names in fillers.corpus_questions():
        assert not (set(tokenize(text)) & names & fillers.load()), text


def test_the_fan_phrasings_are_understood(engine):
    """Every question of the fan corpus gets an answer or a "which one?" (never "I don't understand")."""
    declined = []
    for path in sorted(fillers.CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = fillers._BRACKETS.sub(r"\1", line.split(" #", 1)[0]).strip()
            if not text or text.startswith("#") or path.name == "issue15.txt":
                continue
            answer = engine.answer_now(text)
            if answer.status == UNKNOWN:
                declined.append(f"{text} -> {answer.headline}")
    assert not declined, "\n".join(declined)
