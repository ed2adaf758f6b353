"""Buttons under answers: paging and "did you mean". Only the person who asked can use them; both time out
and disable themselves by editing their message.

Discord-light: the views hold embeds and a `respond(request) -> Reply` coroutine; they know nothing of the
engine, so the console and tests can drive them with any responder. A choice carries the request it runs
(a typed Query, or a Question with its unclear words pinned to an athlete), never a rewritten sentence.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.render.text import clean
from bot.ui.private import tell_privately

log = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 180.0    # well inside the 15 minutes an interaction token can edit its message

Respond = Callable[[Any], Awaitable[Any]]   # a request (bot/ask/query.Request) -> its Reply
# puts a Reply in place of the message a choice was clicked on (bot/ui/send.py passes its edit_reply)
Show = Callable[[discord.Interaction, Any], Awaitable[Any]]


class OwnedView(discord.ui.View):
    """A view only its owner may press; disables itself when it times out."""

    def __init__(self, owner: discord.abc.User, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner.id
        self.owner_name = getattr(owner, "display_name", None) or owner.name
        self.message: discord.Message | discord.InteractionMessage | discord.WebhookMessage | None = None
        self.refusal = "page this"

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(f"Only {clean(self.owner_name)} can {self.refusal}.",
                                                ephemeral=True)
        return False

    def disable(self) -> None:
        for item in self.children:
            if hasattr(item, "disabled"):
                item.disabled = True

    async def on_timeout(self) -> None:
        self.disable()
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException:   # deleted, or the token expired: nothing left to disable
                log.debug("could not disable view on message %s", getattr(self.message, "id", None))

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item) -> None:
        log.error("button %r failed", getattr(item, "label", item), exc_info=error)
        await tell_privately(interaction, "Sorry, something went wrong with that button. Please try again.")


class PagedView(OwnedView):
    """Previous / Next; with choices (an answer's other athletes), their buttons on the row below."""

    def __init__(self, pages: list[discord.Embed], owner: discord.abc.User, *,
                 timeout: float | None = DEFAULT_TIMEOUT, choices: list[tuple[str, Any]] | None = None,
                 respond: Respond | None = None, show: Show | None = None) -> None:
        super().__init__(owner, timeout=timeout)
        self.pages = pages
        self.page = 0
        self.respond = respond
        self.show = show
        for label, request in (choices or [])[:5]:
            self.add_item(_ChoiceButton(label, request, row=1))
        self._sync()

    async def pick(self, interaction: discord.Interaction, request: Any) -> None:
        assert self.respond is not None and self.show is not None   # given with the choices
        await interaction.response.defer()
        self.stop()
        await self.show(interaction, await self.respond(request))

    def _sync(self) -> None:
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= len(self.pages) - 1

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.page = max(0, min(page, len(self.pages) - 1))
        self._sync()
        await interaction.response.edit_message(embed=self.pages[self.page], view=self)

    @discord.ui.button(label="Previous", emoji="◀️", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="Next", emoji="▶️", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page + 1)


class DidYouMeanView(OwnedView):
    """One button per choice (at most 5); a click runs that choice's request and replaces the reply."""

    def __init__(self, choices: list[tuple[str, Any]], owner: discord.abc.User, respond: Respond, show: Show, *,
                 timeout: float | None = DEFAULT_TIMEOUT) -> None:
        super().__init__(owner, timeout=timeout)
        self.refusal = "choose here"
        self.respond = respond
        self.show = show
        for n, (label, request) in enumerate(choices[:5]):
            self.add_item(_ChoiceButton(label, request, row=n // 5))

    async def pick(self, interaction: discord.Interaction, request: Any) -> None:
        await interaction.response.defer()
        self.stop()
        await self.show(interaction, await self.respond(request))


class _ChoiceButton(discord.ui.Button[DidYouMeanView | PagedView]):
    """One "did you mean" choice: a click runs its request."""

    def __init__(self, label: str, request: Any, *, row: int) -> None:
        super().__init__(label=label[:80] or "…", style=discord.ButtonStyle.primary, row=row)
        self.request = request

    async def callback(self, interaction: discord.Interaction) -> None:
        assert self.view is not None        # discord.py only calls back the buttons of a view
        await self.view.pick(interaction, self.request)
