"""A quiz question as the engine plays it, whatever made it (the reference database, the quote pool, a
trivia list). Discord-free: the UI layer renders `text`, `choices` and `hints`."""
from __future__ import annotations

import dataclasses
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
    hints: tuple[str, ...] = ()      # typed answers: context a fan can use, never the answer
    facts: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)  # ids, for checking
    choice_hints: tuple[str, ...] = ()   # multiple choice: each rules out one wrong choice, or gives context
    eliminated: tuple[str, ...] = ()     # the choice each choice hint rules out ("" for a context hint)
    fact: str = ""                       # the whole fact, said at the reveal: the mark, the race, the date

    def hints_for(self, mode: str) -> tuple[str, ...]:
        """The hints a round shows: in a multiple-choice round, the ones that narrow the buttons."""
        return self.choice_hints if mode == "choice" and self.choices else self.hints

    @property
    def correct_index(self) -> int | None:
        for i, c in enumerate(self.choices):
            if c == self.answer.display:
                return i
        return None

    @property
    def distractors(self) -> tuple[str, ...]:
        return tuple(c for c in self.choices if c != self.answer.display)


HINTS = 2      # hints a question carries (GameConfig.hints shows up to this many)


def choice_hints(choices: tuple[str, ...], answer: str, context: tuple[str, ...] | list[str] = (),
                 rng: random.Random | None = None, count: int = HINTS) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Hints for buttons: each rules out one wrong choice, as long as two choices stay in play (a hint that
    left one would be the answer); then context hints, which rule out nothing. Returns (texts, ruled out)."""
    wrong = [c for c in choices if c != answer]
    (rng or random).shuffle(wrong)
    texts: list[str] = []
    out: list[str] = []
    for w in wrong[:max(0, min(count, len(choices) - 2))]:
        texts.append(f"It is not {w}.")
        out.append(w)
    for c in context:
        if len(texts) >= count:
            break
        texts.append(c)
        out.append("")
    return tuple(texts), tuple(out)


def make(kind: str, text: str, answer: AnswerSpec, distractors: list[str] | tuple[str, ...] = (), *,
         difficulty: str = MEDIUM, source: str = "", facts: dict | None = None,
         rng: random.Random | None = None, n_choices: int = 4, ordered: bool = False,
         hints: list[str] | tuple[str, ...] | None = None, context: list[str] | tuple[str, ...] = (),
         fact: str = "") -> Question:
    """A question with its hints and its choices (the answer plus up to n-1 distinct distractors, shuffled).
    hints: the typed-answer hints (default: from the answer itself, bot.quiz.answers.hints); context: hints
    that narrow without ruling out a choice, for buttons once no choice can be ruled out."""
    seen = {answer.display.casefold()}
    picked: list[str] = []
    for d in distractors:
        if d and d.casefold() not in seen and len(picked) < n_choices - 1:
            seen.add(d.casefold())
            picked.append(d)
    # buttons need two wrong choices (or a fixed pair such as higher / lower): one would leave nothing for a
    # hint to rule out
    choices = [answer.display, *picked] if len(picked) >= 2 or (ordered and picked) else []
    if choices and not ordered:
        (rng or random).shuffle(choices)
    typed = tuple(hints) if hints is not None else tuple(make_hints(answer, rng=rng))
    texts, ruled_out = choice_hints(tuple(choices), answer.display, context, rng) if choices else ((), ())
    return Question(kind, text, answer, tuple(choices), difficulty, source, typed[:HINTS], facts or {},
                    texts, ruled_out, fact)


def with_choices(q: Question, choices: tuple[str, ...], rng: random.Random | None = None,
                 context: tuple[str, ...] = ()) -> Question:
    """The question with these choices (in this order), its choice hints made for them."""
    texts, ruled_out = choice_hints(choices, q.answer.display, context, rng)
    return dataclasses.replace(q, choices=choices, choice_hints=texts, eliminated=ruled_out)


class QuestionSource(Protocol):
    """What a game draws questions from. next() returns None when it has nothing left."""
    async def next(self) -> Question | None: ...


class ListSource:
    """Questions from a list, in order (tests, trivia lists already shuffled)."""

    def __init__(self, questions):
        self._it = iter(list(questions))

    async def next(self) -> Question | None:
        return next(self._it, None)
