"""The Discord client: BellLap, built with its dependencies (engine, state store, settings, clock) passed in,
so tests and the console construct it with their own.

setup_hook loads every module in cogs/ as an extension and syncs the slash commands (to DEV_GUILD_ID at once
when set; globally otherwise, which Discord may take a while to show). tree.on_error is the one place
command errors end: the user gets a short polite note, the log gets the traceback.
"""
from __future__ import annotations

import asyncio
import logging
import pkgutil
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import respond
from bot.clock import Clock, SystemClock
from bot.settings import Settings
from bot.state import sharding
from bot.ui.views import DEFAULT_TIMEOUT

log = logging.getLogger("bot.client")
COGS = Path(__file__).resolve().parents[1] / "cogs"
SORRY = "Sorry, something went wrong while answering that. It has been logged; please try again later."


def intents(typed_answers: bool = False) -> discord.Intents:
    """Only what the features use: guilds (slash commands, channels), guild messages (answering @mentions:
    Discord sends a mention's text without the privileged message-content intent), DMs (questions in DMs).
    typed_answers (QUIZ_TYPED_ANSWERS) adds the privileged message-content intent, which typed quiz answers
    need: they are plain messages that do not mention the bot."""
    out = discord.Intents.none()
    out.guilds = True
    out.guild_messages = True
    out.dm_messages = True
    out.message_content = typed_answers
    return out


def extensions() -> list[str]:
    return sorted(f"cogs.{m.name}" for m in pkgutil.iter_modules([str(COGS)]) if not m.name.startswith("_"))


class BellLap(commands.AutoShardedBot):
    def __init__(self, *, engine, store, settings: Settings, clock: Clock | None = None,
                 view_timeout: float | None = DEFAULT_TIMEOUT, sync_commands: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("intents", intents(settings.quiz_typed_answers))
        kwargs.setdefault("allowed_mentions", discord.AllowedMentions.none())
        kwargs.setdefault("help_command", None)
        if settings.shard_count is not None:        # SHARD_COUNT / SHARD_IDS: this process's slice
            kwargs.setdefault("shard_count", settings.shard_count)
            if settings.shard_ids is not None:
                kwargs.setdefault("shard_ids", list(settings.shard_ids))
        super().__init__(command_prefix=commands.when_mentioned, **kwargs)
        self.engine = engine
        self.store = store
        self.settings = settings
        self.clock = clock or SystemClock()
        self.view_timeout = view_timeout
        self.sync_commands = sync_commands
        self.tree.error(self.on_app_command_error)   # the one place command errors end

    def owns_guild(self, guild_id: int | None) -> bool:
        """Is this server on one of this process's shards? (Its quiz games and anniversary posts are ours.)"""
        return sharding.owner(self.shard_ids, self.shard_count)(guild_id)

    async def respond(self, question: str, **kwargs: Any) -> respond.Reply:
        """The one path from a question to what is shown (bot/respond.py)."""
        return await respond.ask(self.engine, question, **kwargs)

    def reference_db_path(self) -> Path:
        """The reference database file (for features that open their own read-only connection, such as the
        quiz's question bank): BELL_LAP_DB when set, else the file the ask engine has open."""
        if self.settings.db_path:
            return Path(self.settings.db_path)
        conn = getattr(self.engine, "conn", None)
        if conn is not None:
            for _, name, file in conn.execute("PRAGMA database_list").fetchall():
                if name == "main" and file:
                    return Path(file)
        from bot import db as dbmod
        return dbmod.db_path()

    async def setup_hook(self) -> None:
        for name in extensions():
            await self.load_extension(name)
            log.info("loaded extension %s", name)
        # build the autocomplete index now, so the first keystroke is fast
        from bot.ask.complete import completer
        await asyncio.to_thread(completer, self.engine)
        if self.sync_commands:
            await self.sync_app_commands()

    async def sync_app_commands(self) -> list[app_commands.AppCommand]:
        if self.settings.dev_guild_id:
            guild = discord.Object(self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild.id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands", len(synced))
        return synced

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: mentions are answered by the ask cog's listener."""

    async def on_ready(self) -> None:
        log.info("ready as %s in %d servers", self.user, len(self.guilds))

    async def on_app_command_error(self, interaction: discord.Interaction,
                                   error: app_commands.AppCommandError) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        if isinstance(error, app_commands.CheckFailure):
            text = "You can't use that command here."
        elif isinstance(error, app_commands.CommandOnCooldown):
            text = f"Easy there — try again in {error.retry_after:.0f} s."
        else:
            text = SORRY
            log.error("/%s failed", command, exc_info=error)
        await tell_privately(interaction, text)


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


class StartupError(Exception):
    """Something the bot needs before it connects could not be had; the message is one line for the user
    and never holds a secret."""


def use_api_base(base: str) -> None:
    """Send discord.py's REST calls to `base` (DISCORD_API_BASE). Every REST URL, webhooks and interaction
    callbacks included, is built from Route.BASE; AutoShardedBot asks that API for the gateway's URL."""
    discord.http.Route.BASE = base.rstrip("/")


async def open_state(settings: Settings):
    """The state store (DATABASE_URL: PostgreSQL, else the SQLite file), or StartupError naming it."""
    from bot.health import scrub
    from bot.settings import describe_database_url
    from bot.state.store import StateStore

    target = settings.state_target()
    try:
        return await StateStore.open(target)
    except Exception as exc:   # refused, bad password, no such database, timeout: all end the start here
        if not isinstance(target, str):
            raise StartupError(f"Could not open the state file {target}: {exc}") from None
        reason = scrub(f"{exc.__class__.__name__}: {exc}", target)
        raise StartupError(f"Could not connect to {describe_database_url(target)}: {reason}") from None


async def run(settings: Settings) -> int:
    """`python -m bot run`: open the database and state, connect, run until stopped."""
    from bot import dataset
    from bot import db as dbmod
    from bot.ask.engine import Engine

    discord.utils.setup_logging(level=settings.log_level_number, root=True)
    if settings.api_base:
        use_api_base(settings.api_base)
    db_path = settings.db_path or dbmod.db_path()
    dataset.ensure_db(db_path)
    store = await open_state(settings)
    engine = Engine.open(db_path)
    try:
        async with BellLap(engine=engine, store=store, settings=settings) as bot:
            await bot.start(settings.token.reveal())
    finally:
        await store.close()
        engine.close()
    return 0
