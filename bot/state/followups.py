"""Each member's previous question per channel (or DM), for a follow-up to build on (bot/ask/followup.py).

Stored as the JSON the ask layer writes (this layer does not read it), keyed by (channel id, user id): another
member's question in the same channel never replaces it. Kept `minutes`: an older row is never returned, and
every save deletes the expired rows.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.state.store import StateStore


async def load(store: StateStore, channel_id: int, user_id: int, now: float, minutes: float) -> tuple[str, str] | None:
    """(query JSON, subjects JSON) of the member's last question in the channel, if asked within `minutes`."""
    row = await store.fetchone("SELECT query, subjects FROM ask_followups WHERE channel_id = ? AND user_id = ? "
                               "AND asked_at >= ?", (channel_id, user_id, now - minutes * 60))
    return (row[0], row[1]) if row else None


async def save(store: StateStore, channel_id: int, user_id: int, query: str, subjects: str, now: float,
               minutes: float) -> None:
    async with store.write() as db:
        await db.execute(
            "INSERT INTO ask_followups (channel_id, user_id, query, subjects, asked_at) VALUES (?,?,?,?,?) "
            "ON CONFLICT (channel_id, user_id) DO UPDATE SET query = excluded.query, subjects = excluded.subjects, "
            "asked_at = excluded.asked_at", (channel_id, user_id, query, subjects, now))
        await db.execute("DELETE FROM ask_followups WHERE asked_at < ?", (now - minutes * 60,))

