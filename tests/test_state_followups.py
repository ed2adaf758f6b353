"""The follow-up context in the state store (bot/state/followups.py), on SQLite and PostgreSQL: one row per
member per channel, never read once expired, expired rows deleted by the next save."""
from __future__ import annotations

from bot.state import followups

MINUTES = 5


async def test_each_member_has_their_own_context_per_channel(store):
    await followups.save(store, 1, 10, '{"intent": "pb"}', "[]", 1000.0, MINUTES)
    await followups.save(store, 1, 11, '{"intent": "h2h"}', "[[7, \"A\", \"W\"]]", 1001.0, MINUTES)
    await followups.save(store, 2, 10, '{"intent": "record"}', "[]", 1002.0, MINUTES)
    assert await followups.load(store, 1, 10, 1010.0, MINUTES) == ('{"intent": "pb"}', "[]")
    assert await followups.load(store, 1, 11, 1010.0, MINUTES) == ('{"intent": "h2h"}', "[[7, \"A\", \"W\"]]")
    assert await followups.load(store, 2, 10, 1010.0, MINUTES) == ('{"intent": "record"}', "[]")
    assert await followups.load(store, 2, 11, 1010.0, MINUTES) is None
    # a member's next question replaces their own only
    await followups.save(store, 1, 10, '{"intent": "sb"}', "[]", 1020.0, MINUTES)
    assert await followups.load(store, 1, 10, 1030.0, MINUTES) == ('{"intent": "sb"}', "[]")
    assert await followups.load(store, 1, 11, 1030.0, MINUTES) is not None


async def test_expired_context_is_never_read_and_is_deleted_by_a_save(store):
    await followups.save(store, 1, 10, "{}", "[]", 1000.0, MINUTES)
    await followups.save(store, 1, 11, "{}", "[]", 1100.0, MINUTES)
    assert await followups.load(store, 1, 10, 1000.0 + MINUTES * 60, MINUTES) is not None   # to the second
    assert await followups.load(store, 1, 10, 1000.0 + MINUTES * 60 + 1, MINUTES) is None
    assert len(await store.fetchall("SELECT user_id FROM ask_followups")) == 2            # not read, still there
    await followups.save(store, 2, 12, "{}", "[]", 1000.0 + MINUTES * 60 + 50, MINUTES)
    left = sorted(int(r[0]) for r in await store.fetchall("SELECT user_id FROM ask_followups"))
    assert left == [11, 12]
