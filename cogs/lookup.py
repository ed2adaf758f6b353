"""The lookup commands: each hands its options to the slash front end (bot/ask/options.py), which resolves
every option on its own into a typed Query (or the answer about a bad option), and shows the Reply.
Autocomplete comes from bot/ask/complete.py; its values are the codes and ids the options read back."""
from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import ui
from bot.anniversaries import config as anniversary_config
from bot.app import respond
from bot.ask.complete import completer
from bot.ask.options import SCOPES as SCOPE_NAMES
from bot.ask.options import Built
from bot.common import days
from bot.render import message_embed

if TYPE_CHECKING:
    from bot.app.client import BellLap

Sex = Literal["M", "W"]
log = logging.getLogger(__name__)

SEXES = [app_commands.Choice(name="Men", value="M"), app_commands.Choice(name="Women", value="W")]
ROUNDS = [app_commands.Choice(name="Final", value="F"), app_commands.Choice(name="Semi-finals", value="SF"),
          app_commands.Choice(name="Heats", value="H"), app_commands.Choice(name="Repechage", value="RR")]
SCOPES = [app_commands.Choice(name=s.capitalize(), value=s) for s in SCOPE_NAMES]


def _choices(pairs: list[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=name, value=value) for name, value in pairs]


class Lookup(commands.Cog):
    def __init__(self, bot: BellLap) -> None:
        self.bot = bot

    @property
    def complete(self):
        return completer(self.bot.engine)

    async def _show(self, interaction: discord.Interaction, built: Built, *, title: str | None = None,
                    chart: bool = False) -> None:
        await interaction.response.defer(thinking=True)
        # the member's conversation in this channel: "/record mile", then "/ask the women's?" builds on it
        answer = self.bot.respond_for(interaction.channel_id or interaction.user.id, interaction.user.id)
        if built.query is not None:
            text = built.query.text
            reply = await answer(built.query, title=title or text[:1].upper() + text[1:], chart=chart)
        else:
            assert built.problem is not None    # a Built holds one or the other
            reply = await respond.reply_for(self.bot.engine, built.problem, title=title)
        await ui.send_followup(interaction, reply, answer, view_timeout=self.bot.view_timeout)

    async def _today(self, guild_id: int | None) -> dt.date:
        """Today in the server's timezone (set by /anniversaries timezone); UTC in DMs and in servers that never
        set one."""
        now = self.bot.clock.now()
        if guild_id is None:
            return now.date()
        try:
            cfg = await anniversary_config.get_config(self.bot.store, guild_id)
        except Exception:       # no state store: today in UTC is still an answer
            log.warning("could not read the timezone of guild %s", guild_id, exc_info=True)
            return now.date()
        return anniversary_config.local_today(cfg, now)

    # -- commands
    @app_commands.command(description="Results of one event at a meet")
    @app_commands.describe(meet="Meet, e.g. Prefontaine Classic", year="Year", event="Event, e.g. 1500 m",
                           sex="Men or women", round="Round (default: the final)")
    @app_commands.choices(sex=SEXES, round=ROUNDS)
    async def results(self, interaction: discord.Interaction, meet: str, year: app_commands.Range[int, 1896, 2100],
                      event: str, sex: str | None = None, round: str | None = None) -> None:
        built = self.bot.options.results(meet, year, event, sex, round)
        title = f"Results: {built.query.text.removeprefix('results ')}" if built.query else "Results"
        await self._show(interaction, built, title=title)

    @app_commands.command(description="Who holds a record")
    @app_commands.describe(event="Event", sex="Men or women", scope="World, area, national or Olympic",
                           country="Country (national records) or area (area records)", indoor="Indoor record")
    @app_commands.choices(sex=SEXES, scope=SCOPES)
    async def record(self, interaction: discord.Interaction, event: str, sex: str | None = None,
                     scope: str | None = None, country: str | None = None, indoor: bool = False) -> None:
        await self._show(interaction, self.bot.options.record(event, sex, scope, country, indoor))

    @app_commands.command(description="An athlete: nationality, age, PBs, medals, recent results")
    @app_commands.describe(name="Athlete name")
    async def athlete(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]) -> None:
        built = self.bot.options.profile(name)
        await self._show(interaction, built, title=built.query.text.removeprefix("who is ") if built.query else name)

    @app_commands.command(description="Head to head: two athletes' races against each other")
    @app_commands.describe(athlete1="First athlete", athlete2="Second athlete")
    async def h2h(self, interaction: discord.Interaction, athlete1: app_commands.Range[str, 1, 100],
                  athlete2: app_commands.Range[str, 1, 100]) -> None:
        await self._show(interaction, self.bot.options.h2h(athlete1, athlete2))

    @app_commands.command(description="How a record improved over the years, with a chart")
    @app_commands.describe(event="Event", sex="Men or women", scope="World (default) or national",
                           country="Country, for a national record progression")
    @app_commands.choices(sex=SEXES, scope=SCOPES)
    async def progression(self, interaction: discord.Interaction, event: str, sex: str | None = None,
                          scope: str | None = None, country: str | None = None) -> None:
        await self._show(interaction, self.bot.options.progression(event, sex, scope, country), chart=True)

    @app_commands.command(description="Records and championship wins on a day of the year")
    @app_commands.describe(date="A day such as “7 July” or “07-07” (default: today)")
    async def onthisday(self, interaction: discord.Interaction, date: str | None = None) -> None:
        try:
            month, day = days.parse_day(date, await self._today(interaction.guild_id))
        except days.BadDate as bad:
            await interaction.response.send_message(embed=discord.Embed.from_dict(
                message_embed("On this day", str(bad))), ephemeral=True)
            return
        text = f"on this day {days.day_words(month, day)}"
        await self._show(interaction, Built(self.bot.options.on_this_day(month, day, text)))

    @app_commands.command(description="Convert a running time to another event (measured on athletes' PBs)")
    @app_commands.describe(mark="A time, e.g. 3:30", event="The event it was run in", to="Event to convert to")
    async def convert(self, interaction: discord.Interaction, mark: app_commands.Range[str, 1, 20], event: str,
                      to: str | None = None) -> None:
        await self._show(interaction, self.bot.options.convert(mark, event, to))

    # -- autocomplete
    @athlete.autocomplete("name")
    @h2h.autocomplete("athlete1")
    @h2h.autocomplete("athlete2")
    async def _athletes(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return _choices(self.complete.athletes_for(current))

    @results.autocomplete("event")
    @record.autocomplete("event")
    @progression.autocomplete("event")
    @convert.autocomplete("event")
    @convert.autocomplete("to")
    async def _events(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return _choices(self.complete.events_for(current))

    @results.autocomplete("meet")
    async def _meets(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return _choices(self.complete.meets_for(current))

    @record.autocomplete("country")
    @progression.autocomplete("country")
    async def _countries(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        areas = getattr(interaction.namespace, "scope", None) == "area"
        return _choices(self.complete.countries_for(current, areas=areas))


async def setup(bot: BellLap) -> None:
    await bot.add_cog(Lookup(bot))
