"""Fuzzing the parsers that read untrusted text: the question engine, the mark parser and the quiz answer checker.

Contracts under test: the engine answers any question of up to 500 characters without raising and without an
internal exception swallowed by its safety net (answer_now logs those as "question failed"), within a generous
1 s per question (catches a catastrophic regex, not a speed test: bench/ask_bench.py measures speed);
parse_mark returns a Mark or raises MarkError, nothing else; answers.check returns a bool for any input.
"""
from __future__ import annotations

import logging
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.ask.answer import AMBIGUOUS, ANSWERED, UNKNOWN
from bot.common import events as ev
from bot.common.marks import Mark, MarkError, parse_mark, parse_time, parse_wind
from bot.quiz import answers as ans

BOUND = 1.0   # seconds per question: generous, only a backtracking regex or a runaway loop goes over it

# Pieces that stress the tokenizer, the lexicon and every regex: long runs of digits and separators (backtracking),
# marks, mentions, markdown, control characters, scripts, emoji.
PIECES = st.sampled_from([
    "who", "won", "the", "pre", "2024", "'24", "mile", "1500", "100m", "100mh", "kerr", "ingebrigtsen", "bol", "el",
    "guerrouj", "vs", "v", "record", "world", "olympic", "british", "european", "indoor", "pb", "sb", "how", "many",
    "sub", "3:30", "3:43.13", "3.43.13", "9.58", "2:00:35", "8.95m", "6.30", "women's", "men's", "fastest", "ever",
    "on", "this", "day", "july", "7", "1999", "before", "progression", "convert", "to", "quote", "said",
    "@everyone", "@here", "<@123>", "<@&456>", "<#789>", "**", "__", "```", "||", "\\", "\x00", "\u200b", "\u202e",
    "ß", "İ", "日本", "🏃", "🥇", "é", "-", "–", ":", ".", ",", "'", '"', "?", "!", "/", "(", ")", "%", "#",
    "1" * 60, "9:" * 40, "." * 80, "a" * 120, "1.1." * 30, "x" * 40, " " * 30,
])
QUESTIONS = st.one_of(
    st.text(max_size=500),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=500),
    st.lists(PIECES, max_size=60).map(" ".join).map(lambda s: s[:500]),
    st.lists(PIECES, max_size=80).map("".join).map(lambda s: s[:500]),
    st.builds(lambda a, n: (a * n)[:500], st.sampled_from(["1", "1:", "1.", "a ", "kerr ", "'", "3:30 ", "@"]),
              st.integers(1, 500)),
)


class _Failures(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(question=QUESTIONS)
@example("9:" * 250)
@example("1" * 500)
@example("who won " + "the " * 123)
def test_question_engine_never_raises_and_is_bounded(engine, question):
    failures = _Failures()
    logger = logging.getLogger("bot.ask.engine")
    logger.addHandler(failures)
    try:
        start = time.perf_counter()
        answer = engine.answer_now(question)
        elapsed = time.perf_counter() - start
    finally:
        logger.removeHandler(failures)
    assert answer.status in (ANSWERED, AMBIGUOUS, UNKNOWN)
    assert answer.headline
    assert not failures.records, f"internal error swallowed for {question!r}: {failures.records[0].exc_info}"
    assert elapsed < BOUND, f"{elapsed:.2f}s for {question!r}"


# -- marks

MARKISH = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="0123456789:.,+-*#()' AaiwhDNFSQMRET\u2212", max_size=40),
    st.from_regex(r"\A(\d{1,3}:){0,3}\d{1,400}([.,]\d{1,400})?[Aaiwh*#+ ]{0,3}\Z"),
    st.builds(lambda d, n: d * n, st.sampled_from(["9", "1:", "0", "9.", "٣", "²"]), st.integers(1, 6000)),
)
EVENTS = st.sampled_from(sorted(ev.EVENTS))


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(text=MARKISH, event=EVENTS)
@example("9" * 5000, "1500m")      # int() of more than 4300 digits: ValueError, was not a MarkError
@example("9" * 400, "1500m")       # an int too large for a float: OverflowError
@example("9" * 400, "LJ")          # Decimal quantize past its precision: InvalidOperation
@example("9" * 400, "DEC")         # float infinity to int: OverflowError
def test_parse_mark_returns_a_mark_or_raises_mark_error(text, event):
    try:
        mark = parse_mark(text, event)
    except MarkError:
        return
    assert isinstance(mark, Mark)
    assert mark.status in ("OK", "DNF", "DNS", "DQ", "NM")
    assert mark.ok == (mark.value is not None)
    if mark.ok:
        assert mark.value > 0 and mark.text


@settings(max_examples=500, deadline=None)
@given(text=MARKISH)
def test_parse_time_and_wind_raise_only_mark_error(text):
    for fn in (parse_time, parse_wind):
        try:
            fn(text)
        except MarkError:
            pass


# -- the quiz answer checker

SPECS = st.one_of(
    st.builds(ans.AnswerSpec, kind=st.just(ans.NAME), display=st.sampled_from(
        ["Josh Kerr", "Jakob Ingebrigtsen", "Femke Bol", "Hicham El Guerrouj", "Zoë Ångström-Quickstep", "Bo", ""]),
        accepted=st.lists(st.text(max_size=30), max_size=3).map(tuple), family=st.text(max_size=20),
        others=st.lists(st.sampled_from(["Henrik Ingebrigtsen", "Filip Ingebrigtsen", "Yared Nuguse", "Josh Kerr",
                                         ""]), max_size=3).map(tuple)),
    st.builds(ans.AnswerSpec, kind=st.just(ans.MARK), display=st.sampled_from(["3:43.13", "9.58", "8.95", "9126",
                                                                                 "2:00:35", "DNF", ""]),
              event_code=st.one_of(st.none(), EVENTS)),
    st.builds(ans.AnswerSpec, kind=st.sampled_from([ans.NUMBER, ans.YEAR]),
              display=st.sampled_from(["2024", "1969", "3", "9.80", "1,5", ""])),
    st.builds(ans.AnswerSpec, kind=st.sampled_from([ans.TEXT, "bogus"]), display=st.text(max_size=40),
              accepted=st.lists(st.text(max_size=40), max_size=4).map(tuple),
              threshold=st.one_of(st.none(), st.floats(allow_nan=True))),
)
GUESSES = st.one_of(st.text(max_size=250), MARKISH, st.none(), st.integers(), st.binary(max_size=20),
                    st.lists(st.text(max_size=5), max_size=3))


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(spec=SPECS, guess=GUESSES)
def test_answer_checker_always_answers_a_bool(spec, guess):
    start = time.perf_counter()
    result = ans.check(spec, guess)
    assert result is True or result is False
    assert time.perf_counter() - start < BOUND


@settings(max_examples=300, deadline=None)
@given(spec=SPECS, count=st.integers(-2, 5))
def test_hints_never_raise_and_never_give_the_whole_answer(spec, count):
    out = ans.hints(spec, count)
    assert isinstance(out, list)
    numeric = spec.kind in (ans.MARK, ans.NUMBER, ans.YEAR)
    if spec.kind == ans.YEAR and not (spec.display.isdigit() and len(spec.display) == 4):
        return      # the engine only makes YEAR questions of four-digit years
    if sum((c.isdigit() if numeric else c.isalnum()) for c in spec.display) > 1:
        assert spec.display not in out
