"""A private (ephemeral) note to the person who used a command or a button, whatever state the
interaction is in: the central error handler, refusals and views all end here."""
from __future__ import annotations

import logging

import discord

log = logging.getLogger(__name__)


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
