"""A quiz question as the engine plays it, whatever made it (the reference database, the quote pool, a
trivia list). Discord-free: the UI layer renders `text`, `choices` and `hints`."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.quiz.answers import AnswerSpec
from bot.quiz.answers import hints as make_hints

EASY, MEDIUM, HARD = "easy", "medium", "hard"
DIFFICULTIES = (EASY, MEDIUM, HARD)


@dataclass(frozen=True)
class Question:
    kind: str                        # winner, record, year, mark_at_meet, record_holder, higher_lower,
                                     # odd_one_out, quote, trivia
    text: str
    answer: AnswerSpec
    choices: tuple[str, ...] = ()    # for multiple choice: the answer and its distractors, shuffled
    difficulty: str = MEDIUM
    source: str = ""                 # where the fact comes from, shown at the reveal
    hints: tuple[str, ...] = ()
    facts: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)  # ids, for checking

    @property
    def correct_index(self) -> int | None:
        for i, c in enumerate(self.choices):
            if c == self.answer.display:
                return i
        return None

    @property
    def distractors(self) -> tuple[str, ...]:
        return tuple(c for c in self.choices if c != self.answer.display)


def make(kind: str, text: str, answer: AnswerSpec, distractors: list[str] | tuple[str, ...] = (), *,
         difficulty: str = MEDIUM, source: str = "", facts: dict | None = None,
         rng: random.Random | None = None, n_choices: int = 4, ordered: bool = False) -> Question:
    """A question with its hints and its choices (the answer plus up to n-1 distinct distractors, shuffled)."""
    seen = {answer.display.casefold()}
    picked: list[str] = []
    for d in distractors:
        if d and d.casefold() not in seen and len(picked) < n_choices - 1:
            seen.add(d.casefold())
            picked.append(d)
    choices = [answer.display, *picked] if picked else []
    if choices and not ordered:
        (rng or random).shuffle(choices)
    return Question(kind, text, answer, tuple(choices), difficulty, source,
                    tuple(make_hints(answer)), facts or {})


class QuestionSource(Protocol):
    """What a game draws questions from. next() returns None when it has nothing left."""
    async def next(self) -> Question | None: ...


class ListSource:
    """Questions from a list, in order (tests, trivia lists already shuffled)."""

    def __init__(self, questions):
        self._it = iter(list(questions))

    async def next(self) -> Question | None:
        return next(self._it, None)
