"""/anniversaries: each server's daily record-anniversary post (issue 6), and the one scheduler that sends them.

Translation only: what to post (bot/ask/day_stories.py), its words (story.py), the settings, their
validation and the preview's day (config.py), what the bot needs in the channel (channel.py), what the options
suggest (complete.py) and when and how often to post (scheduler.py: a persisted ledger makes it exactly once
per server per local day) are bot/anniversaries'. This cog turns slash commands into config calls, pokes the
scheduler when settings change, and gives the scheduler its `post` callback: the stories as embeds with
progression charts (bot/render/anniversary.py: draw), sent to the server's channel.

Every command needs Manage Server, declared once for the group: default_permissions hides it from other members,
and as server admins can override that in Integrations, the cog's interaction_check requires it too; the
client's error handler gives the group's REFUSAL (bot/ui/permissions.py). Each command first shows the problems
the scheduler recorded since an admin last looked (a deleted channel, a missing permission).

One Scheduler per process, run as an asyncio task from cog_load (cancelled in cog_unload) with the bot's
injected state store and clock; it is named after the shard ids the process runs, which the ledger records, and
plans only the servers on those shards (several shard processes share one PostgreSQL: the ledger's unique
claim keeps each server's day exactly once whichever process gets there).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.anniversaries import channel as needs
from bot.anniversaries import complete
from bot.anniversaries import config as cf
from bot.anniversaries.scheduler import (
    ChannelMissing,
    Forbidden,
    Scheduler,
    StoriesFn,
    next_post,
    reference_stories,
    scheduler_name,
)
from bot.anniversaries.story import render
from bot.ask.day_stories import Story, known_nations_in
from bot.common import days
from bot.render import anniversary as ra
from bot.render import daily as rd
from bot.render.text import clean, truncate
from bot.ui import NO_PINGS
from bot.ui.permissions import REFUSAL as REFUSAL_KEY
from bot.ui.permissions import require

if TYPE_CHECKING:
    from bot.app.client import BellLap

log = logging.getLogger(__name__)

REFUSAL = "Sorry, the anniversary posts are set up by people with the Manage Server permission."
RESTART_DELAY = 60.0        # seconds before a crashed scheduler is started again (it should never crash)


def _discord_files(files: list[tuple[str, bytes]]) -> list[discord.File]:
    return [discord.File(io.BytesIO(data), filename=name) for name, data in files]


def _granted(perms: discord.Permissions) -> set[str]:
    """The flags the bot has, aliases included (iterating Permissions gives read_messages, never view_channel)."""
    return {flag for flag in discord.Permissions.VALID_FLAGS if getattr(perms, flag)}


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Anniversaries(commands.GroupCog, group_name="anniversaries",
                    group_description="A daily post of the records set on this day (Manage Server)",
                    group_extras={REFUSAL_KEY: REFUSAL}):
    def __init__(self, bot: BellLap) -> None:
        self.bot = bot
        # made in cog_load, which discord.py runs before it registers the cog's commands
        self._stories: StoriesFn | None = None
        self.known: set[str] = set()
        self.scheduler: Scheduler | None = None
        self.task: asyncio.Task | None = None

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Every command of the group: Manage Server (MissingPermissions ends in the client's error handler)."""
        return require(interaction, manage_guild=True)

    # -- lifecycle

    async def cog_load(self) -> None:
        path = self.bot.reference_db_path()
        self._stories = await asyncio.to_thread(reference_stories, path)
        self.known = await asyncio.to_thread(known_nations_in, path)
        self.scheduler = Scheduler(self.bot.store, self.bot.clock, self.post, self._stories,
                                   name=self.scheduler_name(), owns=self.bot.owns_guild)
        self.task = asyncio.create_task(self._run(self.scheduler), name="anniversaries scheduler")

    async def cog_unload(self) -> None:
        if self.task is not None:
            self.task.cancel()
            try:
                await self.task
            except asyncio.CancelledError:
                pass
            except Exception:
                log.exception("the anniversary scheduler ended with an error")
            self.task = None

    @property
    def stories(self) -> StoriesFn:
        if self._stories is None:
            raise RuntimeError("the anniversaries cog is not loaded")
        return self._stories

    def scheduler_name(self) -> str:
        return scheduler_name(self.bot.shard_ids, self.bot.shard_count)

    async def _run(self, scheduler: Scheduler) -> None:
        """The scheduler, for ever: it catches its own errors; this catches anything that escapes anyway."""
        await self.bot.wait_until_ready()
        scheduler.name = self.scheduler_name()
        while True:
            try:
                await scheduler.run()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("the anniversary scheduler stopped; starting it again in %ss", RESTART_DELAY)
                await self.bot.clock.sleep(RESTART_DELAY)

    def poke(self) -> None:
        if self.scheduler is not None:
            self.scheduler.poke()

    # -- the scheduler's post callback

    async def post(self, guild_id: int, channel_id: int, stories: list[Story], quiz_day: dt.date | None = None
                   ) -> None:
        """Send one day's stories to the channel as one message, with the day's quiz challenge announced under
        them (and its Play button, which the quiz cog answers) when the server opted in (`quiz_day`).
        discord.NotFound -> ChannelMissing, discord.Forbidden -> Forbidden (the scheduler records them for the
        admins); anything else propagates (the scheduler logs it)."""
        channel = self.bot.get_channel(channel_id)
        with_charts = True
        if isinstance(channel, (discord.abc.GuildChannel, discord.Thread)):      # a server's channel
            guild = channel.guild
            if guild.id != guild_id:
                raise ChannelMissing(f"channel {channel_id} is not in server {guild_id}")
            if guild.me is not None:
                granted = _granted(channel.permissions_for(guild.me))
                missing = needs.missing(granted)
                if missing:
                    raise Forbidden(f"missing {', '.join(missing)} in channel {channel_id}")
                with_charts = needs.with_charts(granted)      # no Attach Files: the post without its chart
        embeds, files = await asyncio.to_thread(ra.draw, [render(s) for s in stories], with_charts)
        extra: dict[str, Any] = {}
        if quiz_day is not None:
            embeds = [*embeds, rd.post_embed(quiz_day)]
            view = discord.ui.View(timeout=None)
            view.add_item(discord.ui.Button(label=rd.PLAY_LABEL, style=discord.ButtonStyle.success,
                                            custom_id=rd.PLAY_ID))
            view.stop()      # the quiz cog's dynamic item answers the clicks: nothing to keep in the view store
            extra["view"] = view
        target = (channel if isinstance(channel, discord.abc.Messageable)
                  else self.bot.get_partial_messageable(channel_id, guild_id=guild_id))
        try:
            await target.send(embeds=[discord.Embed.from_dict(e) for e in embeds], files=_discord_files(files),
                              allowed_mentions=NO_PINGS, **extra)
        except discord.NotFound as exc:
            raise ChannelMissing(str(exc)) from exc
        except discord.Forbidden as exc:
            raise Forbidden(str(exc)) from exc

    # -- shared by the commands

    async def _notes(self, interaction: discord.Interaction) -> tuple[int, list[dict[str, Any]]]:
        """The server's id and the embeds to show first: the problems the scheduler recorded since an admin last
        looked (now marked told)."""
        assert interaction.guild_id is not None, "a guild_only command"
        guild_id = interaction.guild_id
        problems = await cf.take_problems(self.bot.store, guild_id, now=self.bot.clock.now())
        return guild_id, ([ra.problems_embed([p.message() for p in problems])] if problems else [])

    async def _reply(self, interaction: discord.Interaction, embeds: list[dict[str, Any]]) -> None:
        await interaction.response.send_message(embeds=[discord.Embed.from_dict(e) for e in embeds],
                                                ephemeral=True, allowed_mentions=NO_PINGS)

    async def _next_post(self, cfg: cf.AnniversaryConfig) -> dt.datetime | None:
        grace = self.scheduler.grace if self.scheduler else dt.timedelta(hours=6)
        return await next_post(self.bot.store, cfg, self.bot.clock.now(), grace)

    def _channel_warning(self, guild: discord.Guild | None, channel_id: int | None) -> str | None:
        if guild is None or channel_id is None or guild.me is None:
            return None
        channel = guild.get_channel(channel_id)
        return needs.warning(channel_id, None if channel is None else _granted(channel.permissions_for(guild.me)))

    async def _status(self, interaction: discord.Interaction, cfg: cf.AnniversaryConfig,
                      headline: str | None) -> dict[str, Any]:
        warning = self._channel_warning(interaction.guild, cfg.channel_id) if cfg.enabled or headline else None
        return ra.status_embed(cfg, headline=headline, due=await self._next_post(cfg), warning=warning)

    async def _change(self, interaction: discord.Interaction, headline: str, **changes: Any) -> None:
        guild_id, notes = await self._notes(interaction)
        try:
            cfg = await cf.update(self.bot.store, guild_id, now=self.bot.clock.now(),
                                  known_countries=self.known or None, **changes)
        except cf.ConfigError as bad:
            await self._reply(interaction, notes + [ra.settings_embed("Not changed", [clean(str(bad))],
                                                                      colour=ra.WARN)])
            return
        self.poke()
        await self._reply(interaction, notes + [await self._status(interaction, cfg, headline)])

    # -- commands

    @app_commands.command(description="Show this server's anniversary settings")
    async def status(self, interaction: discord.Interaction) -> None:
        guild_id, notes = await self._notes(interaction)
        cfg = await cf.get_config(self.bot.store, guild_id)
        await self._reply(interaction, notes + [await self._status(interaction, cfg, None)])

    @app_commands.command(description="The channel to post in")
    @app_commands.describe(channel="A text channel I can post in")
    async def channel(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        await self._change(interaction, f"Posts go to {channel.mention}.", channel_id=channel.id)

    @app_commands.command(description="The time of day to post, HH:MM on the 24-hour clock (server timezone)")
    @app_commands.describe(time="For example 09:00 or 18:30")
    async def time(self, interaction: discord.Interaction, time: app_commands.Range[str, 1, 10]) -> None:
        await self._change(interaction, f"Posts at {clean(time.strip())}.", time=time)

    @app_commands.command(description="The server's timezone (an IANA name such as Europe/London)")
    @app_commands.describe(name="Start typing a city: Europe/London, America/New_York, Australia/Sydney…")
    async def timezone(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 64]) -> None:
        await self._change(interaction, f"Timezone: {clean(name.strip())}.", timezone=name)

    @app_commands.command(description="Countries whose national records count too (three-letter codes)")
    @app_commands.describe(codes="For example GBR, IRL (“none” for world records and championships only)")
    async def countries(self, interaction: discord.Interaction, codes: app_commands.Range[str, 1, 100]) -> None:
        shown = "none" if cf.clears_countries(codes) else clean(codes.strip())
        await self._change(interaction, f"Countries: {shown}.", countries=codes)

    @app_commands.command(name="max", description="How many stories a day at most")
    @app_commands.describe(n=f"1 to {cf.MAX_POSTS}")
    async def max_(self, interaction: discord.Interaction, n: app_commands.Range[int, 1, cf.MAX_POSTS]) -> None:
        await self._change(interaction, f"Up to {n} {'story' if n == 1 else 'stories'} a day.", max_posts=n)

    @app_commands.command(description="What to post on a day with no record anniversary")
    @app_commands.describe(when_quiet="A champion's final, race or birthday on that day, or nothing")
    @app_commands.choices(when_quiet=[app_commands.Choice(name="a champion's final, race or birthday", value="final"),
                                      app_commands.Choice(name="nothing", value="none")])
    async def fallback(self, interaction: discord.Interaction, when_quiet: app_commands.Choice[str]) -> None:
        await self._change(interaction, f"On a day with no record anniversary: {when_quiet.name}.",
                           fallback=when_quiet.value)

    @app_commands.command(description="Turn the daily post on")
    async def enable(self, interaction: discord.Interaction) -> None:
        await self._change(interaction, "Anniversary posts are on.", enabled=True)

    @app_commands.command(description="Turn the daily post off")
    async def disable(self, interaction: discord.Interaction) -> None:
        await self._change(interaction, "Anniversary posts are off.", enabled=False)

    @app_commands.command(description="Also announce the day's quiz challenge (/quiz daily) with the post")
    @app_commands.describe(on="Announce the challenge under the post (on a day with no story, alone)")
    async def quiz(self, interaction: discord.Interaction, on: bool) -> None:
        await self._change(interaction, "The post announces the day's quiz challenge." if on
                           else "The post no longer announces the quiz challenge.", daily_quiz=on)

    @app_commands.command(description="See the post for a day without posting it (default: today)")
    @app_commands.describe(date="A day such as “7 July” or “07-07” (default: today in the server's timezone)")
    async def preview(self, interaction: discord.Interaction, date: app_commands.Range[str, 1, 30] | None = None
                      ) -> None:
        guild_id, notes = await self._notes(interaction)
        cfg = await cf.get_config(self.bot.store, guild_id)
        try:
            on = cf.day_this_year(date, cf.local_today(cfg, self.bot.clock.now()))
        except days.BadDate as bad:
            await self._reply(interaction, notes + [ra.settings_embed("Preview", [clean(str(bad))], colour=ra.NOTE)])
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        stories = await self.stories(cfg, on)
        if not stories:
            notes.append(ra.nothing_to_preview(on))
            await interaction.followup.send(embeds=[discord.Embed.from_dict(e) for e in notes], ephemeral=True,
                                            allowed_mentions=NO_PINGS)
            return
        embeds, files = await asyncio.to_thread(ra.draw, [render(s) for s in stories], True)
        await interaction.followup.send(content=ra.preview_text(cfg, on),
                                        embeds=[discord.Embed.from_dict(e) for e in ra.fit_after(notes, embeds)],
                                        files=_discord_files(files), ephemeral=True, allowed_mentions=NO_PINGS)

    # -- autocomplete

    @timezone.autocomplete("name")
    async def _timezones(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in complete.timezones(current)]

    @countries.autocomplete("codes")
    async def _countries(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=truncate(label, 100), value=value[:100])
                for label, value in complete.countries(current, self.known)]


async def setup(bot: BellLap) -> None:
    await bot.add_cog(Anniversaries(bot))
