"""The question engine on the session database, with a fixed today so "last year" and ages are stable."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.ask.engine import Engine

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="session")
def engine(db_path):
    e = Engine.open(db_path, today=lambda: TODAY)
    yield e
    e.close()
