"""Shared fixtures: the real database, built once per test session from the committed data/ folder."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (a seed per test): CI on a fresh clone then tests exactly
# what passed here, and a failure found is reproduced, not met once at random.
settings.register_profile("bell-lap", derandomize=True)
settings.load_profile("bell-lap")

from bot.pipeline import dataset

# The state-store fixtures (backend, state_target, store: each test that uses them runs on SQLite and on
# PostgreSQL). pytest takes pytest_plugins only from the top-level conftest, so here, for every directory.
pytest_plugins = ["tests.pg"]

SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets"


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    """A SQLite file built from data/ exactly as the bot builds it on first use."""
    path = tmp_path_factory.mktemp("db") / "bell_lap.sqlite3"
    dataset.build_from_data(path)
    return path


@pytest.fixture()
def db(db_path) -> sqlite3.Connection:
    """A read-only connection to the session database."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    yield conn
    conn.close()


@pytest.fixture()
def writable_db(tmp_path, db_path) -> Path:
    """A private copy of the database that a test may change."""
    copy = tmp_path / "copy.sqlite3"
    src = sqlite3.connect(db_path)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    return copy


TODAY = dt.date(2026, 11, 24)   # a fixed today, so "last year", ages and "years ago" are stable


@pytest.fixture(scope="session")
def engine(db_path):
    """The question engine on the session database (its indexes take a moment to build: once per session)."""
    from bot.ask.engine import Engine
    eng = Engine.open(db_path, today=lambda: TODAY)
    yield eng
    eng.close()


def needs_shared():
    return pytest.mark.skipif(not SHARED.exists(), reason="../shared/datasets is not present")
