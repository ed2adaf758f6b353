"""Quiz fixtures: a fresh state store (SQLite and PostgreSQL, tests/pg.py), a manual clock, an event queue and a tiny question list."""
from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.common.clock import ManualClock
from bot.quiz.answers import NAME, YEAR, AnswerSpec
from bot.quiz.engine import QuizEngine
from bot.quiz.model import ListSource, make

# `store` (with `backend` and `state_target`) is tests/pg.py's, a plugin of every test (tests/conftest.py):
# every test that uses it runs on SQLite and on PostgreSQL.


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


EVENT_WAIT = 5.0       # seconds for each event to arrive


async def next_event(eng, cls):
    """The next event of a type (earlier ones of other types are skipped); each event must arrive within
    EVENT_WAIT seconds."""
    while True:
        async with asyncio.timeout(EVENT_WAIT):
            ev = await eng.events.get()
        if isinstance(ev, cls):
            return ev


@pytest.fixture(scope="module")
def ref(db_path):
    """A read-only connection to the reference database, for checking what a question says."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    yield conn
    conn.close()
