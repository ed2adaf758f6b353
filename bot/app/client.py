"""The Discord client: BellLap, built with its dependencies (engine, state store, settings, clock) passed in,
so tests and the console construct it with their own.

setup_hook loads every module in cogs/ as an extension and syncs the slash commands (to DEV_GUILD_ID at once
when set; globally otherwise, which Discord may take a while to show). tree.on_error is the one place
command errors end: the user gets a short polite note (a refused permission check: the command's own refusal,
bot/ui/permissions.py), the log gets the traceback.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import pkgutil
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import respond
from bot.app.respond import Reply
from bot.app.settings import Settings
from bot.common.clock import Clock, SystemClock
from bot.state import sharding
from bot.ui import permissions
from bot.ui.private import tell_privately
from bot.ui.send import NO_PINGS
from bot.ui.views import DEFAULT_TIMEOUT

if TYPE_CHECKING:       # the engine and the store are imported when the bot runs (_run), not with this module
    from bot.ask.engine import Engine
    from bot.ask.options import Options
    from bot.state.store import StateStore

log = logging.getLogger(__name__)
COGS = Path(__file__).resolve().parents[2] / "cogs"
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
    engine: Engine
    store: StateStore
    clock: Clock

    def __init__(self, *, engine: Engine, store: StateStore, settings: Settings, clock: Clock | None = None,
                 view_timeout: float | None = DEFAULT_TIMEOUT, sync_commands: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("intents", intents(settings.quiz_typed_answers))
        kwargs.setdefault("allowed_mentions", NO_PINGS)
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

    async def respond(self, request: Any, **kwargs: Any) -> respond.Reply:
        """The one path from a request (typed text, a Question or a Query) to what is shown (bot/app/respond.py)."""
        return await respond.ask(self.engine, request, **kwargs)

    def respond_for(self, channel_id: int, user_id: int) -> Callable[..., Awaitable[Reply]]:
        """respond() for one member in one channel: a typed question builds on their previous one there
        (FOLLOWUP_MINUTES), the "did you mean" and next-question buttons under its answer too."""
        asker = respond.Asker(channel_id, user_id)

        async def answer(request: Any, **kwargs: Any) -> Reply:
            return await respond.ask_as(self.engine, self.store, asker, request, now=self.clock.now().timestamp(),
                                        minutes=self.settings.followup_minutes, **kwargs)
        return answer

    @property
    def options(self) -> Options:
        """The slash-command front end over this bot's engine (bot/ask/options.py), built once."""
        found: Options | None = getattr(self, "_options", None)
        if found is None or found.engine is not self.engine:
            from bot.ask.options import Options
            found = self._options = Options(self.engine)
        return found

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
        from bot.pipeline import db as dbmod
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
        if isinstance(error, app_commands.MissingPermissions):     # the commands' permission checks end here
            text = permissions.refusal(interaction, error)
        elif isinstance(error, app_commands.CheckFailure):
            text = "You can't use that command here."
        elif isinstance(error, app_commands.CommandOnCooldown):
            text = f"Easy there — try again in {error.retry_after:.0f} s."
        else:
            text = SORRY
            log.error("/%s failed", command, exc_info=error)
        await tell_privately(interaction, text)


class StartupError(Exception):
    """Something the bot needs before it connects could not be had; the message is one line for the user
    and never holds a secret."""


def use_api_base(base: str) -> None:
    """Send discord.py's REST calls to `base` (DISCORD_API_BASE). Every REST URL, webhooks and interaction
    callbacks included, is built from Route.BASE; AutoShardedBot asks that API for the gateway's URL."""
    discord.http.Route.BASE = base.rstrip("/")


async def open_state(settings: Settings):
    """The state store (DATABASE_URL: PostgreSQL, else the SQLite file), or StartupError naming it."""
    from bot.app.settings import describe_database_url, scrub
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
    """`python -m bot run`: open the state, lease this process's shards (PostgreSQL), open the database, connect,
    run until stopped (SIGINT, as docker's STOPSIGNAL, or SIGTERM). 0 when stopped; 1 when the lease was lost
    while running (the bot stops at once, so that two processes never run the same shards)."""
    loop = asyncio.get_running_loop()
    main = asyncio.current_task()
    terminated: list[bool] = []

    def terminate() -> None:
        terminated.append(True)
        if main is not None:
            main.cancel()

    # SIGTERM (systemd, kill) stops as cleanly as SIGINT: above all, the shard lease is released rather than
    # left to run out, which would keep a replacement process waiting
    # SIGINT too when the launcher left it ignored (a script's `bot run &`, nohup): Python keeps an inherited
    # SIG_IGN, and the bot would never hear docker's STOPSIGNAL; otherwise asyncio's own handler stops it
    stops = [signal.SIGTERM] + ([signal.SIGINT] if signal.getsignal(signal.SIGINT) == signal.SIG_IGN else [])
    try:
        for sig in stops:
            loop.add_signal_handler(sig, terminate)
    except (NotImplementedError, RuntimeError):      # no signals here (Windows, not the main thread)
        pass
    try:
        return await _run(settings)
    except asyncio.CancelledError:
        if terminated:
            return 0
        raise
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            for sig in stops:
                loop.remove_signal_handler(sig)


async def _run(settings: Settings) -> int:
    from bot.ask.engine import Engine
    from bot.pipeline import dataset
    from bot.pipeline import db as dbmod
    from bot.state import leases

    discord.utils.setup_logging(level=settings.log_level_number, root=True)
    if settings.api_base:
        use_api_base(settings.api_base)
    db_path = settings.db_path or dbmod.db_path()
    store = await open_state(settings)
    lease: leases.Lease | None = None
    keeper: asyncio.Task[str] | None = None
    lost: list[str] = []
    try:
        # SQLite: no lease, the state file is one process's (bot/state/leases.py says why)
        if store.backend == "postgres":
            try:
                lease = await leases.acquire(store, settings.shard_count, settings.shard_ids,
                                             seconds=settings.shard_lease_seconds)
            except leases.LeaseHeld as held:
                raise StartupError(str(held)) from None
            keeper = asyncio.create_task(lease.keep(), name="bell-lap.shard-lease")
        # in threads, so the heartbeat beats while the database is built (first start) and opened
        await asyncio.to_thread(dataset.ensure_db, db_path)
        engine = await asyncio.to_thread(Engine.open, db_path, workers=settings.ask_workers,
                                         cache=settings.ask_cache)
        try:
            async with BellLap(engine=engine, store=store, settings=settings) as bot:
                # The bot runs until stopped, or until the lease is lost: then it is cancelled, as SIGINT
                # cancels it (wherever it is: logging in, syncing commands, connected).
                starter = asyncio.create_task(bot.start(settings.token.reveal()), name="bell-lap.start")
                try:
                    await asyncio.wait({starter} if keeper is None else {starter, keeper},
                                       return_when=asyncio.FIRST_COMPLETED)
                finally:
                    if not starter.done():
                        starter.cancel()
                        await asyncio.gather(starter, return_exceptions=True)
                if keeper is None or not keeper.done():    # not stopped for a lost lease: say how it ended
                    starter.result()           # (LoginFailure, a connection error: bot/__main__.py)
        finally:
            engine.close()
    finally:
        if keeper is not None:
            keeper.cancel()
            results = await asyncio.gather(keeper, return_exceptions=True)
            if isinstance(results[0], str):       # it ended on its own: the lease was lost
                lost.append(results[0])
        if lease is not None:     # deletes only this process's rows, if any are left
            try:
                await lease.release()
            except Exception as exc:   # it runs out on its own; the exit must not end in a traceback
                log.warning("could not release the shard lease: %s", type(exc).__name__)
        await store.close()
    if lost:
        log.error("stopped: %s; so that two processes never run the same shards, this one does not go on", lost[0])
        return 1
    return 0
