"""Putting a Reply on Discord: embeds, the chart file and the right view, for slash commands (followups),
button clicks (edits) and mentions (message replies). Always with no pings."""
from __future__ import annotations

import io
from typing import Any

import discord

from bot.ui.views import DEFAULT_TIMEOUT, DidYouMeanView, OwnedView, PagedView, Respond

NO_PINGS = discord.AllowedMentions.none()     # the one definition: everything the bot sends pings no one


def embeds(reply) -> list[discord.Embed]:
    return [discord.Embed.from_dict(page) for page in reply.pages]


def view_for(reply, owner: discord.abc.User, respond: Respond, *,
             timeout: float | None = DEFAULT_TIMEOUT) -> OwnedView | None:
    if reply.choices:
        async def show(interaction: discord.Interaction, new_reply) -> None:
            await edit_reply(interaction, new_reply, respond, view_timeout=timeout)
        if len(reply.pages) > 1:   # an answer with pages and other athletes to offer: both
            return PagedView(embeds(reply), owner, timeout=timeout, choices=reply.choices, respond=respond,
                             show=show)
        return DidYouMeanView(reply.choices, owner, respond, show, timeout=timeout)
    if len(reply.pages) > 1:
        return PagedView(embeds(reply), owner, timeout=timeout)
    return None


def _kwargs(reply, view: OwnedView | None) -> dict[str, Any]:
    out: dict[str, Any] = {"embed": discord.Embed.from_dict(reply.pages[0]), "allowed_mentions": NO_PINGS}
    if view is not None:
        out["view"] = view
    if reply.chart:
        out["file"] = discord.File(io.BytesIO(reply.chart), filename=reply.chart_name)
    return out


async def send_followup(interaction: discord.Interaction, reply, respond: Respond, *,
                        view_timeout: float | None = DEFAULT_TIMEOUT) -> discord.WebhookMessage:
    """After a defer: the reply as the followup that fills in "thinking…"."""
    view = view_for(reply, interaction.user, respond, timeout=view_timeout)
    message = await interaction.followup.send(wait=True, **_kwargs(reply, view))
    if view is not None:
        view.message = message
    return message


async def edit_reply(interaction: discord.Interaction, reply, respond: Respond, *,
                     view_timeout: float | None = DEFAULT_TIMEOUT) -> discord.InteractionMessage:
    """After a deferred button click: replace the message the button was on."""
    view = view_for(reply, interaction.user, respond, timeout=view_timeout)
    kwargs = _kwargs(reply, view)
    file = kwargs.pop("file", None)
    kwargs["attachments"] = [file] if file else []
    kwargs.setdefault("view", None)
    message = await interaction.edit_original_response(**kwargs)
    if view is not None:
        view.message = message
    return message


async def reply_to(message: discord.Message, reply, respond: Respond, *,
                   view_timeout: float | None = DEFAULT_TIMEOUT) -> discord.Message:
    """A mention: the reply as a message reply that pings no one, the author included."""
    view = view_for(reply, message.author, respond, timeout=view_timeout)
    sent = await message.reply(mention_author=False, **_kwargs(reply, view))
    if view is not None:
        view.message = sent
    return sent
