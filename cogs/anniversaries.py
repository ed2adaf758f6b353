"""/anniversaries: each server's daily record-anniversary post (issue 6), and the one scheduler that sends them.

Translation only: what to post (bot/anniversaries/select.py), its words (story.py), the settings and their
validation (config.py) and when and how often to post (scheduler.py: a persisted ledger makes it exactly once
per server per local day) are bot/anniversaries'. This cog turns slash commands into config calls, pokes the
scheduler when settings change, and gives the scheduler its `post` callback: the stories as embeds
(bot/render/anniversary.py) with progression charts, sent to the server's channel.

Every command needs Manage Server. default_permissions hides the group from other members, but server admins
can override that in Integrations, so each command also checks and politely refuses. Each command first shows
the problems the scheduler recorded since an admin last looked (a deleted channel, a missing permission).

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
import zoneinfo
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.anniversaries import config as cf
from bot.anniversaries.scheduler import (
    ChannelMissing,
    Forbidden,
    Scheduler,
    StoriesFn,
    next_post,
    reference_stories,
    zone,
)
from bot.anniversaries.select import Story, known_nations_in
from bot.anniversaries.story import Post, render
from bot.common import days
from bot.common.countries import COUNTRIES
from bot.render import anniversary as ra
from bot.render import charts
from bot.render.limits import TOTAL, embed_length
from bot.render.text import clean, truncate
from bot.ui import NO_PINGS, tell_privately

if TYPE_CHECKING:
    from bot.app.client import BellLap

log = logging.getLogger(__name__)

REFUSAL = "Sorry, the anniversary posts are set up by people with the Manage Server permission."
MAX_CHOICES = 25
RESTART_DELAY = 60.0        # seconds before a crashed scheduler is started again (it should never crash)
NEEDED = ("view_channel", "send_messages", "embed_links")


def _draw(posts: list[Post], with_charts: bool) -> tuple[list[dict[str, Any]], list[tuple[str, bytes]]]:
    """Embeds and chart PNGs for a message of stories (blocking: matplotlib; run in a thread)."""
    images: list[str | None] = []
    files: list[tuple[str, bytes]] = []
    for i, post in enumerate(posts):
        series = ra.chart_series(post) if with_charts else None
        png = None
        if series is not None:
            try:
                png = charts.progression_png(series, ra.chart_title(post))
            except Exception:       # a chart is a nice-to-have: never lose the post for it
                log.exception("chart for %s failed", post.story_key)
        if png:
            name = ra.chart_file(i)
            files.append((name, png))
            images.append(name)
        else:
            images.append(None)
    embeds = ra.post_embeds(posts, images)
    shown = {e["image"]["url"].removeprefix("attachment://") for e in embeds if e.get("image")}
    return embeds, [f for f in files if f[0] in shown]


def _discord_files(files: list[tuple[str, bytes]]) -> list[discord.File]:
    return [discord.File(io.BytesIO(data), filename=name) for name, data in files]


def _day_in_year(year: int, month: int, day: int) -> dt.date:
    """29 February in a common year is 28 February, which also takes 29 February's records (select.day_keys)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, 2, 28)


def _day_words(day: dt.date) -> str:
    return f"{day.day} {day:%B}"


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Anniversaries(commands.GroupCog, group_name="anniversaries",
                    group_description="A daily post of the records set on this day (Manage Server)"):
    def __init__(self, bot: BellLap) -> None:
        self.bot = bot
        # made in cog_load, which discord.py runs before it registers the cog's commands
        self._stories: StoriesFn | None = None
        self.known: set[str] = set()
        self.scheduler: Scheduler | None = None
        self.task: asyncio.Task | None = None
        self._zones: list[str] | None = None

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
        """'anniversaries:shards=0,1': which scheduler claimed a day in the ledger (and whose leftover claims a
        restart may close). Before the gateway says how many shards there are: 'shards=auto'."""
        ids: Sequence[int] | None = self.bot.shard_ids
        if ids is None and self.bot.shard_count:
            ids = range(self.bot.shard_count)
        return "anniversaries:shards=" + (",".join(str(i) for i in sorted(ids)) if ids else "auto")

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

    async def post(self, guild_id: int, channel_id: int, stories: list[Story]) -> None:
        """Send one day's stories to the channel as one message. discord.NotFound -> ChannelMissing,
        discord.Forbidden -> Forbidden (the scheduler records them for the admins); anything else propagates
        (the scheduler logs it)."""
        channel = self.bot.get_channel(channel_id)
        with_charts = True
        if isinstance(channel, (discord.abc.GuildChannel, discord.Thread)):      # a server's channel
            guild = channel.guild
            if guild.id != guild_id:
                raise ChannelMissing(f"channel {channel_id} is not in server {guild_id}")
            if guild.me is not None:
                perms = channel.permissions_for(guild.me)
                missing = [p for p in NEEDED if not getattr(perms, p)]
                if missing:
                    raise Forbidden(f"missing {', '.join(missing)} in channel {channel_id}")
                with_charts = perms.attach_files      # no Attach Files: the post without its chart
        embeds, files = await asyncio.to_thread(_draw, [render(s) for s in stories], with_charts)
        target = (channel if isinstance(channel, discord.abc.Messageable)
                  else self.bot.get_partial_messageable(channel_id, guild_id=guild_id))
        try:
            await target.send(embeds=[discord.Embed.from_dict(e) for e in embeds], files=_discord_files(files),
                              allowed_mentions=NO_PINGS)
        except discord.NotFound as exc:
            raise ChannelMissing(str(exc)) from exc
        except discord.Forbidden as exc:
            raise Forbidden(str(exc)) from exc

    # -- shared by the commands

    async def _admin(self, interaction: discord.Interaction) -> tuple[int, list[dict[str, Any]]] | None:
        """None after a polite refusal unless the member has Manage Server in a server; otherwise the server's id
        and the embeds to show first: the problems the scheduler recorded since an admin last looked (now marked
        told)."""
        guild_id = interaction.guild_id
        if guild_id is None or not interaction.permissions.manage_guild:
            await tell_privately(interaction, REFUSAL)
            return None
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
        if channel is None:
            return f"⚠️ I cannot see <#{channel_id}>: choose another channel with `/anniversaries channel`."
        perms = channel.permissions_for(guild.me)
        missing = [name for name, ok in (("View Channel", perms.view_channel), ("Send Messages", perms.send_messages),
                                         ("Embed Links", perms.embed_links)) if not ok]
        if missing:
            return f"⚠️ I need {', '.join(missing)} in <#{channel_id}> to post there."
        if not perms.attach_files:
            return f"ℹ️ Without Attach Files in <#{channel_id}> the posts come without their charts."
        return None

    async def _status(self, interaction: discord.Interaction, cfg: cf.AnniversaryConfig,
                      headline: str | None) -> dict[str, Any]:
        lines = [headline] if headline else []
        where = f"<#{cfg.channel_id}>" if cfg.channel_id else "no channel yet"
        state = "**On**" if cfg.enabled else "**Off**"
        lines.append(f"{state}: {where}, every day at **{cfg.time_text}** ({clean(cfg.timezone)})")
        countries = ", ".join(cfg.countries) if cfg.countries else "none (world records and championships)"
        lines.append(f"Stories a day: **{cfg.max_posts}** · National records of: {countries}")
        due = await self._next_post(cfg)
        if due is not None:
            stamp = int(due.timestamp())
            lines.append(f"Next post: <t:{stamp}:F> (<t:{stamp}:R>)")
        elif cfg.channel_id is None:
            lines.append("Next: choose a channel with `/anniversaries channel`, then `/anniversaries enable`.")
        elif not cfg.enabled:
            lines.append("Turn the posts on with `/anniversaries enable`.")
        warning = self._channel_warning(interaction.guild, cfg.channel_id) if cfg.enabled or headline else None
        if warning:
            lines.append(warning)
        return ra.settings_embed("Anniversary posts", lines)

    async def _change(self, interaction: discord.Interaction, headline: str, **changes: Any) -> None:
        admin = await self._admin(interaction)
        if admin is None:
            return
        guild_id, notes = admin
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
        admin = await self._admin(interaction)
        if admin is None:
            return
        guild_id, notes = admin
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
        value: Any = () if codes.strip().lower() in ("none", "-", "clear", "no") else codes
        shown = "none" if value == () else clean(codes.strip())
        await self._change(interaction, f"Countries: {shown}.", countries=value)

    @app_commands.command(name="max", description="How many stories a day at most")
    @app_commands.describe(n=f"1 to {cf.MAX_POSTS}")
    async def max_(self, interaction: discord.Interaction, n: app_commands.Range[int, 1, cf.MAX_POSTS]) -> None:
        await self._change(interaction, f"Up to {n} {'story' if n == 1 else 'stories'} a day.", max_posts=n)

    @app_commands.command(description="What to post on a day with no record anniversary")
    @app_commands.describe(when_quiet="A championship final won on that day, or nothing")
    @app_commands.choices(when_quiet=[app_commands.Choice(name="a championship final from that day", value="final"),
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

    @app_commands.command(description="See the post for a day without posting it (default: today)")
    @app_commands.describe(date="A day such as “7 July” or “07-07” (default: today in the server's timezone)")
    async def preview(self, interaction: discord.Interaction, date: app_commands.Range[str, 1, 30] | None = None
                      ) -> None:
        admin = await self._admin(interaction)
        if admin is None:
            return
        guild_id, notes = admin
        cfg = await cf.get_config(self.bot.store, guild_id)
        try:
            tz: dt.tzinfo = zone(cfg.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            tz = dt.UTC
        today = self.bot.clock.now().astimezone(tz).date()
        try:
            month, day = days.parse_day(date, today)
        except days.BadDate as bad:
            await self._reply(interaction, notes + [ra.settings_embed("Preview", [clean(str(bad))], colour=ra.NOTE)])
            return
        on = _day_in_year(today.year, month, day)
        await interaction.response.defer(ephemeral=True, thinking=True)
        stories = await self.stories(cfg, on)
        where = f"<#{cfg.channel_id}>" if cfg.channel_id else "the channel you choose"
        if not stories:
            notes.append(ra.settings_embed("Preview", [f"Nothing to post on {_day_words(on)} with these settings."],
                                           colour=ra.NOTE))
            await interaction.followup.send(embeds=[discord.Embed.from_dict(e) for e in notes], ephemeral=True,
                                            allowed_mentions=NO_PINGS)
            return
        embeds, files = await asyncio.to_thread(_draw, [render(s) for s in stories], True)
        budget = sum(embed_length(e) for e in notes)
        while len(embeds) > 1 and budget + sum(embed_length(e) for e in embeds) > TOTAL:
            embeds.pop()
        content = (f"Preview of the post for {_day_words(on)} (not posted): what {where} gets at {cfg.time_text} "
                   f"{'' if cfg.enabled else 'once the posts are on'}").rstrip() + "."
        await interaction.followup.send(content=content,
                                        embeds=[discord.Embed.from_dict(e) for e in notes + embeds][:10],
                                        files=_discord_files(files), ephemeral=True, allowed_mentions=NO_PINGS)

    # -- autocomplete

    def zone_names(self) -> list[str]:
        if self._zones is None:
            self._zones = sorted(z for z in zoneinfo.available_timezones()
                                 if "/" in z and not z.startswith(("Etc/", "SystemV/", "posix", "right/")))
            self._zones.append("UTC")
        return self._zones

    @timezone.autocomplete("name")
    async def _timezones(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        text = current.strip().lower().replace(" ", "_")
        zones = self.zone_names()
        picks: list[str]
        if not text:
            picks = [z for z in ("Europe/London", "America/New_York", "America/Los_Angeles", "Europe/Paris",
                                 "Africa/Nairobi", "Asia/Tokyo", "Australia/Sydney", "UTC") if z in zones]
        else:
            first = [z for z in zones if z.lower().startswith(text) or z.lower().rsplit("/", 1)[-1].startswith(text)]
            then = [z for z in zones if text in z.lower() and z not in first]
            picks = first + then
        return [app_commands.Choice(name=z, value=z) for z in picks[:MAX_CHOICES]]

    @countries.autocomplete("codes")
    async def _countries(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        parts = [p.strip() for p in current.split(",")]
        done = [p.upper() for p in parts[:-1] if p]
        text = parts[-1].lower() if parts else ""
        out: list[tuple[int, str, str]] = []
        for code in sorted(self.known):
            if code in done:
                continue
            name = COUNTRIES.get(code, ("", code))[1]
            low = name.lower()
            if not text or code.lower().startswith(text) or low.startswith(text):
                out.append((0, name, code))
            elif len(text) >= 3 and text in low:
                out.append((1, name, code))
        out.sort()
        choices = []
        for _, name, code in out[:MAX_CHOICES]:
            value = ", ".join([*done, code])
            label = (", ".join(done) + ", " if done else "") + f"{name} ({code})"
            choices.append(app_commands.Choice(name=truncate(label, 100), value=value[:100]))
        return choices


async def setup(bot: BellLap) -> None:
    await bot.add_cog(Anniversaries(bot))
