"""Any text at all gets an Answer: never an exception, always one of the three statuses, JSON-serialisable.

Time per question is measured in bench/ask_bench.py (figures in the note); here a generous bound only
catches a catastrophic case such as a regex that backtracks for seconds.
"""
from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.ask.answer import AMBIGUOUS, ANSWERED, INTENTS, UNKNOWN
from tests.ask.conftest import TODAY  # noqa: F401  (the engine fixture's clock)

WORDS = st.sampled_from([
    "who", "won", "pre", "2024", "mile", "kerr", "ingebrigtsen", "vs", "record", "world", "british", "1500",
    "women's", "fastest", "ever", "sub", "4", "3:30", "olympics", "tokyo", "2020", "progression", "before",
    "pb", "sb", "how", "many", "golds", "july", "7", "'24", "100mh", "el", "guerouj", "mondo", "indoor", "the",
    "@everyone", "<@123>", "```", "\u0000", "ß", "日本", "🏃", "-", ":", ".", "''", "x" * 40,
])
QUESTIONS = st.one_of(
    st.text(max_size=500),
    st.lists(WORDS, max_size=40).map(" ".join).map(lambda s: s[:500]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=QUESTIONS)
def test_any_question_gets_an_answer(engine, question):
    start = time.perf_counter()
    answer = engine.answer_now(question)
    elapsed = time.perf_counter() - start
    assert answer.status in (ANSWERED, AMBIGUOUS, UNKNOWN)
    assert answer.intent is None or answer.intent in INTENTS
    assert answer.headline
    if answer.status == ANSWERED:
        # a count can be zero and a profile can have no marks on file; everything else shows its rows
        assert answer.rows or answer.intent in ("medal_count", "count", "threshold", "profile")
    if answer.status == AMBIGUOUS:
        assert 1 <= len(answer.suggestions) <= 5
    json.dumps(answer.to_json())
    assert elapsed < 2.0, f"{elapsed:.2f}s for {question!r}"


def test_engine_failure_is_an_answer_too(engine, monkeypatch):
    """A bug inside a handler still gives the user a polite answer, not a crash."""
    from bot.ask import engine as engine_mod

    def broken(q):
        raise RuntimeError("boom")
    monkeypatch.setitem(engine_mod.HANDLERS, "winner", broken)
    answer = engine.answer_now("who won pre 2024 mile")
    assert answer.status == UNKNOWN and "boom" not in answer.headline


async def test_async_answer(engine):
    answer = await engine.answer("who won pre 2024 mile")
    assert answer.rows[0].athlete == "Josh Kerr"


# -- issue 15: an extra word never turns an answer into the answer to another question --------------------

def _answered_gold() -> list[str]:
    from tests.ask import gold
    entries = [e for e in gold.load() if e.get("status", "answered") == "answered" and "data_bug" not in
               e.get("tags", [])]
    return [e["q"] for e in entries[::7]]


NONSENSE = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=5, max_size=9)    # no vowel: no one's name
EMOJI = st.sampled_from(["🔥", "💯", "🏃‍♀️", "🇬🇧", "😂", "✅", "🐐", "❤️", "👀"])
NO_SUCH_YEAR = st.one_of(st.integers(2031, 2999), st.integers(1001, 1799)).map(str)


def _what(answer) -> tuple:
    """What an answer is about and says first: intent, athletes, event, sex, meet, year, first row."""
    e = answer.entities
    first = (answer.rows[0].athlete, answer.rows[0].mark, answer.rows[0].date) if answer.rows else None
    return (answer.intent, tuple(a["id"] for a in e.get("athletes") or []), e.get("event"), e.get("sex"),
            e.get("meet"), e.get("year"), first)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=st.sampled_from(_answered_gold()), extra=st.one_of(NONSENSE, EMOJI, NO_SUCH_YEAR),
       where=st.floats(0, 1))
def test_an_extra_word_gives_the_same_answer_or_a_refusal(engine, base, extra, where):
    """Any answered question with a random extra word, an emoji or a year that never was: the same answer, or
    declined; never another athlete, meet or year."""
    assume((extra,) not in engine.vocab.event_aliases)     # "1500" is an event, not a year that never was
    before = engine.answer_now(base)
    assume(before.status == ANSWERED)
    words = base.split()
    k = int(where * len(words))
    after = engine.answer_now(" ".join(words[:k] + [extra] + words[k:]))
    if after.status == ANSWERED:
        assert _what(after) == _what(before), (base, extra, after.headline)
