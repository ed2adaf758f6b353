"""/factcheck: an article (pasted text, or a .txt attachment) checked against the database.

Translation only: the claims are found and checked by bot/factcheck on the engine's database thread, and
bot/render/factcheck.py draws the pages (one per claim group, with Previous / Next). The article is user
text: escaped by the renderer, sent with no pings.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import ui
from bot.app.respond import Reply
from bot.ask.answer import ANSWERED, Answer
from bot.factcheck.checks import check_article_on
from bot.render import factcheck as rf

if TYPE_CHECKING:
    from bot.app.client import BellLap

MAX_ARTICLE = 6000             # Discord's longest text option
MAX_FILE_BYTES = 100_000       # an article, not a book: the check reads every sentence
NEED_ONE = "Paste the article as `text`, or attach it as a `.txt` `file` (one of the two)."
NOT_TEXT = "Sorry, I can only read plain-text `.txt` files. Paste the article as `text`, or save it as a .txt file."
TOO_BIG = f"Sorry, that file is larger than {MAX_FILE_BYTES // 1000} kB: paste the part you want checked."
NOT_UTF8 = "Sorry, I could not read that file as text (it is not UTF-8)."
NO_DOWNLOAD = "Sorry, I could not download that file; please try again."


class FactCheck(commands.Cog):
    def __init__(self, bot: BellLap) -> None:
        self.bot = bot

    @app_commands.command(description="Check an article's claims (results, records, titles, ages) against my data")
    @app_commands.describe(text="The article's text", file="The article as a .txt file")
    async def factcheck(self, interaction: discord.Interaction,
                        text: app_commands.Range[str, 1, MAX_ARTICLE] | None = None,
                        file: discord.Attachment | None = None) -> None:
        if (text is None) == (file is None):
            await ui.tell_privately(interaction, NEED_ONE)
            return
        if file is not None:
            if Path(file.filename).suffix.lower() != ".txt" or not (file.content_type or "text/plain").startswith(
                    "text/plain"):
                await ui.tell_privately(interaction, NOT_TEXT)
                return
            if file.size > MAX_FILE_BYTES:
                await ui.tell_privately(interaction, TOO_BIG)
                return
        await interaction.response.defer(thinking=True)
        if file is not None:
            try:
                text = (await file.read()).decode("utf-8-sig")
            except UnicodeDecodeError:
                await ui.tell_privately(interaction, NOT_UTF8)
                return
            except discord.HTTPException:
                await ui.tell_privately(interaction, NO_DOWNLOAD)
                return
        report = await check_article_on(self.bot.engine, text or "")
        pages = rf.pages(report)
        reply = Reply(Answer("factcheck", ANSWERED, None, rf.summary(report)), pages)
        await ui.send_followup(interaction, reply, self.bot.respond, view_timeout=self.bot.view_timeout)


async def setup(bot: BellLap) -> None:
    await bot.add_cog(FactCheck(bot))
