"""Which process owns a server: Discord's shard formula, (guild_id >> 22) % shard_count. Direct messages
(no guild) go to shard 0, as Discord sends them there.

A process running shards `shard_ids` of `shard_count` owns the servers on those shards: it starts their quiz
games, recovers their games after a restart and schedules their anniversary posts. Ownership decides who does
the work; exactly-once is still held by the database (unique constraints), so an overlap (two processes that
both think they own a server while the shards move) costs a lost claim, never a duplicate.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

Owns = Callable[[int | None], bool]


def shard_for(guild_id: int | None, shard_count: int) -> int:
    if guild_id is None or shard_count <= 1:
        return 0
    return (int(guild_id) >> 22) % shard_count


def owner(shard_ids: Iterable[int] | None, shard_count: int | None) -> Owns:
    """A predicate: does this process own the server? Without shard ids (one process runs every shard, or the
    gateway decides the count) it owns everything."""
    if shard_ids is None or not shard_count:
        return lambda guild_id: True
    mine = frozenset(int(i) for i in shard_ids)
    if mine >= set(range(shard_count)):
        return lambda guild_id: True
    return lambda guild_id: shard_for(guild_id, shard_count) in mine


def everyone(guild_id: int | None) -> bool:
    return True
