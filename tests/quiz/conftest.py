"""Quiz fixtures: a fresh state store (SQLite and PostgreSQL, tests/pg.py), a manual clock, an event queue and a tiny question list."""
from __future__ import annotations

import asyncio

import pytest

from bot.clock import ManualClock
from bot.quiz.answers import NAME, YEAR, AnswerSpec
from bot.quiz.engine import QuizEngine
from bot.quiz.model import ListSource, make


# `store` (with `backend` and `state_target`): every test that uses it runs on SQLite and on PostgreSQL
from tests.pg import backend, state_target, store  # noqa: E402,F401  (fixtures)


@pytest.fixture()
def clock():
    return ManualClock()


@pytest.fixture()
async def engine(store, clock):
    events: asyncio.Queue = asyncio.Queue()
    eng = QuizEngine(store, clock, events)
    eng.events = events     # tests read what the UI would render
    yield eng
    await eng.close()


def kerr_question(n: int = 0):
    spec = AnswerSpec(NAME, "Josh Kerr", family="Kerr", others=("Jakob Ingebrigtsen", "Yared Nuguse", "Cole Hocker"))
    return make("winner", f"Who won race {n}?", spec, ["Jakob Ingebrigtsen", "Yared Nuguse", "Cole Hocker"])


def year_question(n: int = 0):
    return make("year", f"Which year, {n}?", AnswerSpec(YEAR, "2024"), ["2023", "2022", "2021"])


def source(n: int = 50, kind=kerr_question):
    return ListSource(kind(i) for i in range(n))


async def next_event(eng, cls, timeout: float = 5.0):
    """The next event of a type (earlier ones of other types are skipped)."""
    while True:
        ev = await asyncio.wait_for(eng.events.get(), timeout)
        if isinstance(ev, cls):
            return ev
