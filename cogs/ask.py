"""/ask and @mentions: a question in, the engine's answer out."""
from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import ui
from bot.app.client import SORRY

if TYPE_CHECKING:
    from bot.app.client import BellLap

log = logging.getLogger(__name__)

MAX_QUESTION = 300


class Ask(commands.Cog):
    def __init__(self, bot: BellLap) -> None:
        self.bot = bot

    @app_commands.command(description="Ask about results, records and athletes, e.g. who won pre 2024 mile")
    @app_commands.describe(question="Your question, e.g. “ingebrigtsen vs kerr” or “fastest women's 800 ever”")
    async def ask(self, interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, MAX_QUESTION]) -> None:
        await interaction.response.defer(thinking=True)
        respond = self.bot.respond_for(interaction.channel_id or interaction.user.id, interaction.user.id)
        reply = await respond(question)
        await ui.send_followup(interaction, reply, respond, view_timeout=self.bot.view_timeout)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A mention of the bot (or any DM) is a question."""
        if message.author.bot or self.bot.user is None:
            return
        in_dm = message.guild is None
        if not in_dm and self.bot.user not in message.mentions:
            return
        question = re.sub(rf"<@!?{self.bot.user.id}>", " ", message.content)[:MAX_QUESTION].strip()
        respond = self.bot.respond_for(message.channel.id, message.author.id)
        try:
            async with message.channel.typing():
                reply = await respond(question)
            await ui.reply_to(message, reply, respond, view_timeout=self.bot.view_timeout)
        except Exception:   # the same promise as tree.on_error: a polite note here, the traceback in the log
            log.exception("answering a mention failed")
            await message.reply(SORRY, mention_author=False, allowed_mentions=ui.NO_PINGS)


async def setup(bot: BellLap) -> None:
    await bot.add_cog(Ask(bot))
