"""/quote: ingest (find quotes in a pasted article, confirm, save), add, random and search.

Translation only: finding quotes, checking and saving them is bot/quiz/quote_pool.py (QuotePool). Nothing from
an article is saved until its invoker presses Confirm. Quote text is user text: it is escaped in the embeds
(bot/render/quiz.py) and nothing is ever sent with pings allowed. Adding quotes needs Manage Messages: checked
by discord.py's has_permissions, refused by the client's error handler with ADDING_REFUSAL. When the state
database is unavailable (StoreUnavailable, after the store's retries) nothing is saved and the user is asked to
try again; a save slower than Discord's 3 s defers the interaction first (bot.ui.in_time).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.quiz.quote_pool import Candidate, QuoteError, QuotePool
from bot.render import quiz as rq
from bot.state.store import StoreUnavailable
from bot.ui import NO_PINGS, in_time, tell_privately
from bot.ui.permissions import REFUSAL
from bot.ui.views import OwnedView

if TYPE_CHECKING:
    from bot.app.client import BellLap

log = logging.getLogger(__name__)

ADDING_REFUSAL = "Sorry, adding quotes needs the Manage Messages permission."
MAX_ARTICLE = 6000          # Discord's longest text option
MAX_SHOWN = 20              # candidates shown (and saved on confirm) from one article
NOT_SAVED = ("Sorry, I could not save {what} just now: my database is not answering. Nothing was saved; "
             "{again} in a minute.")


class ConfirmQuotes(OwnedView):
    """Confirm / Cancel under the quotes found in an article: only the invoker may press them."""

    def __init__(self, pool: QuotePool, guild_id: int | None, candidates: list[Candidate], source: str,
                 owner: discord.abc.User, *, timeout: float | None) -> None:
        super().__init__(owner, timeout=timeout)
        self.refusal = "confirm these quotes"
        self.pool, self.guild_id, self.candidates, self.source = pool, guild_id, candidates, source
        self.saving = False

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.success)
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        if self.saving:         # a second press while the first save waits on the database
            await interaction.response.send_message("Saving them already…", ephemeral=True)
            return
        self.saving = True
        try:
            saved = await in_time(interaction, self.pool.save(self.guild_id, self.candidates, self.source,
                                                              interaction.user.id), thinking=False)
        except QuoteError as bad:
            self.stop()
            await self._show(interaction, rq.cancelled_embed())
            await interaction.followup.send(f"Sorry, nothing was saved: {bad}", ephemeral=True)
            return
        except StoreUnavailable:
            # nothing was saved, and the buttons stay: Confirm can be pressed again
            await tell_privately(interaction, NOT_SAVED.format(what="the quotes", again="press Confirm again"))
            return
        finally:
            self.saving = False
        self.stop()
        await self._show(interaction, rq.saved_embed(len(saved), len(self.candidates) - len(saved),
                                                     source=self.source))

    @staticmethod
    async def _show(interaction: discord.Interaction, data: dict) -> None:
        """The message becomes `data`, without buttons (an edit of the deferred message after a slow save)."""
        if interaction.response.is_done():
            await interaction.edit_original_response(embed=discord.Embed.from_dict(data), view=None)
        else:
            await interaction.response.edit_message(embed=discord.Embed.from_dict(data), view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.edit_message(embed=discord.Embed.from_dict(rq.cancelled_embed()), view=None)


class Quotes(commands.GroupCog, group_name="quote", group_description="Athletes' quotes"):
    def __init__(self, bot: BellLap) -> None:
        self.bot = bot
        # made in cog_load, which discord.py runs before it registers the cog's commands
        self._pool: QuotePool | None = None

    async def cog_load(self) -> None:
        self._pool = QuotePool.open(self.bot.store, self.bot.clock, self.bot.reference_db_path())

    async def cog_unload(self) -> None:
        if self._pool is not None and self._pool.ref is not None:
            self._pool.ref.close()

    @property
    def pool(self) -> QuotePool:
        if self._pool is None:
            raise RuntimeError("the quotes cog is not loaded")
        return self._pool

    @app_commands.command(description="Find the quotes in a pasted article and save them (Manage Messages)",
                          extras={REFUSAL: ADDING_REFUSAL})
    @app_commands.checks.has_permissions(manage_messages=True)
    @app_commands.describe(text="The article's text", source="Where it is from: a link or the publication")
    @app_commands.guild_only()
    async def ingest(self, interaction: discord.Interaction, text: app_commands.Range[str, 1, MAX_ARTICLE],
                     source: app_commands.Range[str, 1, 300]) -> None:
        found = self.pool.ingest(text)
        if not found:
            await tell_privately(interaction, "I found no quotes with a speaker in that text. Quotes need quote "
                                              "marks and someone who said them (“…,” Kerr said).")
            return
        shown = found[:MAX_SHOWN]
        view = ConfirmQuotes(self.pool, interaction.guild_id, shown, source, interaction.user,
                             timeout=self.bot.view_timeout)
        await interaction.response.send_message(
            embed=discord.Embed.from_dict(rq.candidates_embed(shown, source=source, total=len(found))),
            view=view, allowed_mentions=NO_PINGS)
        view.message = await interaction.original_response()

    @app_commands.command(description="Add a quote to this server's pool (Manage Messages)",
                          extras={REFUSAL: ADDING_REFUSAL})
    @app_commands.checks.has_permissions(manage_messages=True)
    @app_commands.describe(text="What was said", speaker="Who said it",
                           source="Where it is from: a link or the publication")
    @app_commands.guild_only()
    async def add(self, interaction: discord.Interaction, text: app_commands.Range[str, 1, 1000],
                  speaker: app_commands.Range[str, 1, 100], source: app_commands.Range[str, 1, 300]) -> None:
        try:
            quote = await in_time(interaction, self.pool.add(interaction.guild_id, text, speaker, source,
                                                             interaction.user.id))
        except QuoteError as bad:
            await tell_privately(interaction, f"Sorry, that quote was not added: {bad}")
            return
        except StoreUnavailable:
            await tell_privately(interaction, NOT_SAVED.format(what="that quote", again="please try again"))
            return
        added = discord.Embed.from_dict(rq.quote_embed(quote, title="Quote added"))
        if interaction.response.is_done():      # deferred: the save was slow
            await interaction.followup.send(embed=added, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(embed=added, allowed_mentions=NO_PINGS)

    @app_commands.command(description="A random quote")
    @app_commands.describe(speaker="Only quotes by this person")
    @app_commands.guild_only()
    async def random(self, interaction: discord.Interaction,
                     speaker: app_commands.Range[str, 1, 100] | None = None) -> None:
        quote = await self.pool.random(interaction.guild_id, speaker=speaker)
        if quote is None:
            await tell_privately(interaction, "No quotes found" + (" by that speaker." if speaker else "."))
            return
        await interaction.response.send_message(embed=discord.Embed.from_dict(rq.quote_embed(quote)),
                                                allowed_mentions=NO_PINGS)

    @app_commands.command(description="Quotes with all these words (in the text or the speaker's name)")
    @app_commands.describe(words="Words to look for")
    @app_commands.guild_only()
    async def search(self, interaction: discord.Interaction, words: app_commands.Range[str, 1, 100]) -> None:
        found = await self.pool.search(interaction.guild_id, words)
        await interaction.response.send_message(embed=discord.Embed.from_dict(rq.quotes_embed(words, found)),
                                                allowed_mentions=NO_PINGS)


async def setup(bot: BellLap) -> None:
    await bot.add_cog(Quotes(bot))
