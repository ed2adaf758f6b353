"""The console's session: the loopback Discord and the real bot in one event loop, and what the terminal asks of
them (run a command, click a button, say something in the channel, name the server's users and channels).

The console's world (server, channel, user) has the same ids at every start (CONSOLE_IDS), and the state store
is the one `python -m bot run` would open, so settings, stats and leaderboards are still there after a restart.
"""
from __future__ import annotations

import asyncio
import contextlib
import copy
import dataclasses
import datetime as dt
import queue
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.console.loopback import LoopbackDiscord, WorldIds, redirect
from bot.console.loopback.payloads import DISCORD_EPOCH_MS, OPTION_CHANNEL, OPTION_MENTIONABLE, OPTION_ROLE, OPTION_USER
from bot.console.parse import Invocation, LocalFile
from bot.console.replies import Outcome, reply, settle

if TYPE_CHECKING:
    from bot.app.client import BellLap
    from bot.app.settings import Settings

ANSWER_TIMEOUT = 30.0      # seconds to wait for the bot to finish answering one command or click
SAY_QUIET = 0.5            # after a message (a typed answer), how long nothing more must arrive: the bot saves
                           # the round before it posts
START_TIMEOUT = 60.0


def _console_id(n: int) -> int:
    """The n-th id of the console's world: a snowflake of a fixed instant (25 May 2024, Kerr's Prefontaine
    mile), so the same at every start."""
    instant = int(dt.datetime(2024, 5, 25, tzinfo=dt.UTC).timestamp() * 1000)
    return ((instant - DISCORD_EPOCH_MS) << 22) | n


# The console's server, channel and user keep their ids across restarts: the state store keys the server's
# settings, its quiz games, stats and leaderboards, quotes and anniversary settings by them.
CONSOLE_IDS = WorldIds(app=_console_id(1), owner=_console_id(2), guild=_console_id(3), channel=_console_id(4),
                       user=_console_id(5))


def _console_bot(base: Any) -> Any:
    """BellLap owning only the console's own server. The state store may be the one `python -m bot run` uses
    (DATABASE_URL), whose other servers are the shard processes': the console must not close their quiz games
    (recovery at start) nor claim and post their anniversaries (the scheduler)."""

    class ConsoleBellLap(base):      # made here: BellLap (discord.py) is imported only when the console starts
        def owns_guild(self, guild_id: int | None) -> bool:
            return guild_id == CONSOLE_IDS.guild

    return ConsoleBellLap


class Session:
    """The loopback and the real bot, in one event loop. Every method runs on that loop, except the World
    lookups (find, known, names, commands), which the terminal's thread reads."""

    def __init__(self, settings: Settings, db_path: Path, *, answer_timeout: float = ANSWER_TIMEOUT) -> None:
        self.settings = settings
        self.db_path = Path(db_path)
        self.answer_timeout = answer_timeout
        # wait_timeout=None: the loopback's waits are bounded here, by answer_timeout (replies.reply)
        self.server = LoopbackDiscord(guild_name="Bell Lap console", channel_name="console", username="you",
                                      wait_timeout=None, world_ids=CONSOLE_IDS)
        # The console's user owns its server, so every command (the admin ones too) can be tried here.
        self.server.guild["owner_id"] = self.server.user["id"]
        self.bot: BellLap | None = None
        # the bot's own channel posts (a quiz round); None tells the printer thread to stop
        self.posts: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._connection: asyncio.Task | None = None
        self._stack = contextlib.AsyncExitStack()

    # ---------------------------------------------------------------- starting and stopping

    async def start(self) -> None:
        """Open the database and state, start the loopback, and bring the bot up as `python -m bot run`
        does: BellLap with its cogs (setup_hook loads them and syncs the commands through the loopback), on
        the state store `bot run` would use (open_state: DATABASE_URL, else the SQLite file)."""
        from bot.app.client import BellLap, open_state
        from bot.ask.engine import Engine
        from bot.pipeline import dataset

        stack = self._stack
        await asyncio.to_thread(dataset.ensure_db, self.db_path)
        engine = await asyncio.to_thread(Engine.open, self.db_path)
        stack.callback(engine.close)
        store = await open_state(self.settings)
        stack.push_async_callback(store.close)
        await self.server.start()
        stack.push_async_callback(self.server.close)
        self.server.message_listeners.append(self._on_message)
        stack.enter_context(redirect(self.server))
        # guild_ready_timeout: the loopback sends every guild at once, so there is nothing to wait for.
        bot: BellLap = await stack.enter_async_context(
            _console_bot(BellLap)(engine=engine, store=store, settings=self._bot_settings(), guild_ready_timeout=0.1))
        self.bot = bot
        stack.push_async_callback(self._disconnect)
        await self._connect(bot)

    def _bot_settings(self) -> Settings:
        """The loopback's token; no DEV_GUILD_ID: its guild is the loopback's, so commands sync globally. Typed
        quiz answers on: the loopback grants the message-content intent, so the console plays what Discord can.
        No SHARD_COUNT/SHARD_IDS: the loopback has one shard, which the console runs (and takes no shard lease:
        it never connects to Discord)."""
        from bot.app.settings import Secret
        return dataclasses.replace(self.settings, token=Secret(self.server.token), dev_guild_id=None,
                                   quiz_typed_answers=True, shard_count=None, shard_ids=None)

    async def _connect(self, bot: BellLap) -> None:
        """Log in and connect to the loopback's gateway; back once the bot is ready."""
        await bot.login(self.server.token)
        self._connection = asyncio.create_task(bot.connect(reconnect=False), name="bell-lap.connect")
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({self._connection, ready}, timeout=START_TIMEOUT,
                                     return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if self._connection in done:
                self._connection.result()       # why the connection ended
            raise TimeoutError(f"the bot was not ready after {START_TIMEOUT:.0f} s")

    def _on_message(self, kind: str, message: dict[str, Any]) -> None:
        """Messages the bot posts in a channel on its own (not answering an interaction: those come with the
        command's outcome), e.g. the quiz's rounds, are queued for the terminal as they arrive."""
        if kind == "create" and "interaction_metadata" not in message:
            self.posts.put(copy.deepcopy(message))

    async def _disconnect(self) -> None:
        if self.bot is not None:
            await self.bot.close()
        if self._connection is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._connection, 5)

    async def stop(self) -> None:
        """Close the bot, the loopback, the state store and the engine, then whatever tasks are left (views
        waiting for their timeout), so the loop closes without warnings."""
        try:
            await self._stack.aclose()
        finally:
            me = asyncio.current_task()
            rest = [t for t in asyncio.all_tasks() if t is not me]
            for task in rest:
                task.cancel()
            await asyncio.gather(*rest, return_exceptions=True)

    def _check_connected(self) -> None:
        if self._connection is not None and self._connection.done():
            error = None if self._connection.cancelled() else self._connection.exception()
            raise ConnectionError(f"the bot is no longer connected ({error!r})")

    # ---------------------------------------------------------------- what the user does

    async def slash(self, invocation: Invocation) -> Outcome:
        self._check_connected()
        self.server.requests.clear()
        options = {k: self.server.attachment(v.filename, v.data, content_type=v.content_type)
                   if isinstance(v, LocalFile) else v for k, v in invocation.options.items()}
        inter = await self.server.slash(invocation.name, options)
        return await reply(self.server, inter, self.answer_timeout)

    async def click(self, message_id: int, custom_id: str, values: list[str] | None = None) -> Outcome:
        self._check_connected()
        self.server.requests.clear()
        inter = await self.server.click(message_id, custom_id, values=values)
        return await reply(self.server, inter, self.answer_timeout)

    async def say(self, text: str) -> Outcome:
        """`text` posted in the console's channel as a message, as a typed quiz answer is on Discord: the bot
        gets MESSAGE_CREATE with its content. What it does about it (a round won) comes as its own channel
        posts, so this waits until the bot has the message and has been quiet for a moment."""
        self._check_connected()
        assert self.bot is not None, "start() first"
        user, channel = int(self.server.user["id"]), int(self.server.channel["id"])
        heard = asyncio.ensure_future(self.bot.wait_for(
            "message", check=lambda m: m.author.id == user and m.channel.id == channel and m.content == text))
        await asyncio.sleep(0)          # wait_for is listening before the message goes out
        self.server.requests.clear()
        try:
            await self.server.send_message(text)
            async with asyncio.timeout(self.answer_timeout):
                await heard
        except TimeoutError:
            return Outcome(note=f"(the bot did not get the message within {self.answer_timeout:.0f} s)")
        finally:
            heard.cancel()
        await settle(self.server, SAY_QUIET)
        return Outcome(aside=f"(said in #{self.server.channel['name']})")

    async def typed_game(self) -> bool:
        """Does a quiz with typed answers run in the console's channel? Then text without a slash is an answer,
        a message in the channel, not a question for /ask."""
        from bot.quiz.engine import TYPED
        if self.bot is None:
            return False
        row = await self.bot.store.fetchone("SELECT mode FROM quiz_games WHERE channel_id = ? AND ended_at IS NULL",
                                            (int(self.server.channel["id"]),))
        return row is not None and row[0] == TYPED

    async def enabled(self, targets: list[tuple[int, str]]) -> set[tuple[int, str]]:
        """Which of these (message id, custom id) buttons can still be pressed (a quiz round's are disabled when
        it ends)."""
        out = set()
        for message_id, custom_id in targets:
            comp = self.server.component(message_id, custom_id)
            if comp is not None and not comp.get("disabled"):
                out.add((message_id, custom_id))
        return out

    # ---------------------------------------------------------------- the server, as the terminal names it

    def commands(self) -> list[dict[str, Any]]:
        guild_id = int(self.server.guild["id"])
        return list(self.server.global_commands) + list(self.server.guild_commands.get(guild_id, []))

    def names(self) -> dict[int, str]:
        """Who and what mentions point at: users by display name, channels by name."""
        out = {uid: u.get("global_name") or u["username"] for uid, u in list(self.server.users.items())}
        out.update({cid: c.get("name") or "dm" for cid, c in list(self.server.channels.items())})
        return out

    def find(self, kind: int, text: str) -> int | None:
        """The World of parse: the id of the user, channel or role `text` names ("#console", "@you", "<@123>")."""
        raw = text.strip()
        mention = re.fullmatch(r"<(?:@!?|@&|#)(\d+)>", raw)
        wanted = mention.group(1) if mention else raw.lstrip("@#").strip().lower()
        for entity_id, names in self._named(kind):
            if wanted == str(entity_id) or wanted in (n.lower().lstrip("@") for n in names):
                return entity_id
        return None

    def known(self, kind: int) -> list[str]:
        sigil = "#" if kind == OPTION_CHANNEL else "@"
        return [sigil + names[0].lstrip("@") for _, names in self._named(kind)]

    def _named(self, kind: int) -> list[tuple[int, list[str]]]:
        """(id, its names, the one to show first) of each thing an option of this kind can name."""
        guild = self.server.guild
        out: list[tuple[int, list[str]]] = []
        if kind == OPTION_CHANNEL:
            out += [(int(c["id"]), [c["name"]]) for c in list(guild["channels"])]
        if kind in (OPTION_USER, OPTION_MENTIONABLE):
            for member in list(guild["members"]):
                user = member["user"]
                names = [user["username"], user.get("global_name"), member.get("nick")]
                out.append((int(user["id"]), [n for n in names if n]))
        if kind in (OPTION_ROLE, OPTION_MENTIONABLE):
            out += [(int(r["id"]), [r["name"]]) for r in list(guild["roles"])]
        return out
