"""Sharding settings and ownership: SHARD_COUNT / SHARD_IDS / DATABASE_URL parsed and checked, handed to
AutoShardedBot, and Discord's shard formula deciding which process owns a server."""
from __future__ import annotations

import pytest

from bot.app.settings import Settings
from bot.state import sharding


def load(**env):
    from pathlib import Path
    return Settings.load(env, env_file=Path("/nonexistent/.env"))


def test_shard_formula_and_ownership():
    gid = (123456789 << 22) | 77
    assert sharding.shard_for(gid, 2) == 123456789 % 2
    assert sharding.shard_for(gid, 16) == 123456789 % 16
    assert sharding.shard_for(None, 4) == 0                  # direct messages: shard 0
    assert sharding.shard_for(gid, 1) == 0
    mine = sharding.owner([1], 2)
    assert mine(1 << 22) and not mine(2 << 22) and not mine(None)
    assert sharding.owner(None, None)(gid) and sharding.owner(None, 4)(gid)   # one process runs them all
    assert sharding.owner([0, 1], 2)(gid)


def test_settings_read_shards_and_database_url():
    s = load(SHARD_COUNT="4", SHARD_IDS="3, 1", DATABASE_URL="postgresql://bell:pw@db:5432/bell")
    assert s.shard_count == 4 and s.shard_ids == (1, 3)
    assert s.database_url.reveal() == "postgresql://bell:pw@db:5432/bell"
    assert "pw" not in repr(s) and "pw" not in str(s)                      # a password in the URL stays hidden
    assert s.state_target() == "postgresql://bell:pw@db:5432/bell"
    plain = load(BELL_LAP_STATE="/tmp/x.sqlite3")
    assert (plain.shard_count, plain.shard_ids, plain.database_url.reveal()) == (None, None, "")
    assert str(plain.state_target()) == "/tmp/x.sqlite3"


@pytest.mark.parametrize("env, words", [
    ({"SHARD_COUNT": "0"}, "SHARD_COUNT"),
    ({"SHARD_COUNT": "two"}, "SHARD_COUNT"),
    ({"SHARD_IDS": "0"}, "needs SHARD_COUNT"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "2"}, "0 to 1"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "0;1"}, "SHARD_IDS"),
    ({"DATABASE_URL": "mysql://x@y/z"}, "postgresql://"),
])
def test_bad_settings_are_refused_with_a_reason(env, words):
    with pytest.raises(ValueError) as err:
        load(**env)
    assert words in str(err.value)


async def test_the_client_runs_its_slice():
    from bot.app.client import BellLap
    bot = BellLap(engine=None, store=None, settings=load(SHARD_COUNT="2", SHARD_IDS="1"), sync_commands=False)
    assert bot.shard_count == 2 and bot.shard_ids == [1]
    assert bot.owns_guild(1 << 22) and not bot.owns_guild(2 << 22)
    solo = BellLap(engine=None, store=None, settings=load(), sync_commands=False)
    assert solo.shard_ids is None and solo.owns_guild(2 << 22) and solo.owns_guild(None)
