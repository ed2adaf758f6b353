"""Answering an interaction in time and privately: a private (ephemeral) note to the person who used a
command or a button, whatever state the interaction is in (the central error handler, refusals and views all
end here), and in_time(), which defers first when the work is slower than Discord's window."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import TypeVar

import discord

log = logging.getLogger(__name__)
SLOW = 2.0               # Discord wants an interaction's first answer within 3 s: slower work defers first
T = TypeVar("T")


async def tell_privately(interaction: discord.Interaction, text: str) -> None:
    """An ephemeral note, even after a public "thinking…" defer: Discord would turn the first followup into
    that public message, so it is deleted first and the note sent on its own."""
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True)
            return
        if interaction.response.type == discord.InteractionResponseType.deferred_channel_message:
            try:
                original = await interaction.original_response()
                if not original.embeds and not original.content:   # still only "thinking…"
                    await original.delete()
            except discord.HTTPException:
                pass
        await interaction.followup.send(text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not send a private note for interaction %s", interaction.id)


async def in_time(interaction: discord.Interaction, work: Awaitable[T], *, thinking: bool = True,
                  ephemeral: bool = False) -> T:
    """Await `work`; when it takes longer than SLOW (a write waiting out a busy database: the store retries for
    up to 12 s), defer the interaction first, so whatever comes of it can still be sent."""
    task = asyncio.ensure_future(work)
    try:
        if not interaction.response.is_done():
            done, _ = await asyncio.wait({task}, timeout=SLOW)
            if not done:
                await interaction.response.defer(thinking=thinking, ephemeral=ephemeral)
        return await task
    except asyncio.CancelledError:
        task.cancel()
        raise
