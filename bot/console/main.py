"""`python -m bot console`: the real bot, answering slash commands typed in a terminal.

Nothing here answers a question. The console starts the loopback Discord (bot/console/loopback/) in-process, points
discord.py at it, and runs the real BellLap with its real cogs on the local database, exactly as
`python -m bot run` builds it (the token is the loopback's). A typed `/results meet:pre year:2024
event:mile` becomes a slash-command interaction that the loopback sends over its gateway; the cog answers
through discord.py's HTTP code as it would on Discord, and the console draws the messages the loopback
received: embeds as panels, buttons as numbered choices. Typing a number clicks that button (a component
interaction, the same round trip), and the edited message is drawn again. While a quiz with typed answers runs
in the console's channel, text without a slash is a message in that channel (MESSAGE_CREATE), as on Discord.

The console's world (server, channel, user) has the same ids at every start, and the state store is the one
`python -m bot run` would open, so settings, stats and leaderboards are still there after a restart.

Threads: the bot and the loopback run in an asyncio loop on a background thread; the terminal (input(),
with line editing when readline is available, and rich output) stays on the main thread, so Ctrl-C and
Ctrl-D behave as in any prompt and leave the terminal as it was.
"""
from __future__ import annotations

import asyncio
import contextlib
import copy
import dataclasses
import datetime as dt
import io
import logging
import mimetypes
import queue
import re
import signal
import sys
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from bot.console.loopback import (
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    FOLLOWUP,
    ORIGINAL,
    WEBHOOK_MESSAGE,
    FakeInteraction,
    LoopbackDiscord,
    WorldIds,
    redirect,
)
from bot.console.loopback.payloads import (
    CB_DEFERRED_MESSAGE,
    CB_DEFERRED_UPDATE,
    CB_MODAL,
    DISCORD_EPOCH_MS,
    OPTION_ATTACHMENT,
    OPTION_BOOLEAN,
    OPTION_CHANNEL,
    OPTION_GROUP,
    OPTION_INTEGER,
    OPTION_MENTIONABLE,
    OPTION_NUMBER,
    OPTION_ROLE,
    OPTION_STRING,
    OPTION_SUBCOMMAND,
    OPTION_USER,
)

if TYPE_CHECKING:
    from bot.app.client import BellLap

log = logging.getLogger("bot.console.main")

PROMPT = "bell-lap> "
ANSWER_TIMEOUT = 30.0      # seconds to wait for the bot to finish answering one command or click
QUIET = 0.15               # after the answer, how long nothing more must arrive before it is drawn
SAY_QUIET = 0.5            # after a message (a typed answer), the same: the bot saves the round before it posts
START_TIMEOUT = 60.0
QUIT_WORDS = {"quit", "exit", "/quit", "/exit"}
HELP_WORDS = {"help", "?", "/help"}
PLAIN_WIDTH = 100          # columns when the output is not a terminal (rich's default would be 80)
MAX_FILE_BYTES = 10 * 1024 * 1024     # Discord's upload limit for a file option (without Nitro)


def _console_id(n: int) -> int:
    """The n-th id of the console's world: a snowflake of a fixed instant (25 May 2024, Kerr's Prefontaine
    mile), so the same at every start."""
    instant = int(dt.datetime(2024, 5, 25, tzinfo=dt.UTC).timestamp() * 1000)
    return ((instant - DISCORD_EPOCH_MS) << 22) | n


# The console's server, channel and user keep their ids across restarts: the state store keys the server's
# settings, its quiz games, stats and leaderboards, quotes and anniversary settings by them.
CONSOLE_IDS = WorldIds(app=_console_id(1), owner=_console_id(2), guild=_console_id(3), channel=_console_id(4),
                       user=_console_id(5))


# ---------------------------------------------------------------------------------------------- parsing


class ParseError(ValueError):
    """A line that cannot be sent as a slash command; the message says why, politely."""


@dataclasses.dataclass(frozen=True)
class Invocation:
    name: str                    # as LoopbackDiscord.slash takes it: "ask", or "quiz start" for a subcommand
    options: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class LocalFile:
    """A file option given as a local path (`/quiz import file:my-list.yaml`), read when the line is parsed;
    the session uploads it to the loopback as the command's attachment."""
    filename: str
    data: bytes = dataclasses.field(repr=False)
    content_type: str = "application/octet-stream"


class World(Protocol):
    """Who and what user, channel and role options can name: the console's server (Session)."""

    def find(self, kind: int, text: str) -> int | None: ...    # the id named by "#console", "@you", "<@123>", …
    def known(self, kind: int) -> list[str]: ...               # what could be named, for the message when not


_KEY = re.compile(r"(?:(?<=\s)|^)([A-Za-z][\w-]*):")
_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}
_SUBS = (OPTION_SUBCOMMAND, OPTION_GROUP)


def slash_commands(commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chat-input commands (type 1) of a synced command list, by name."""
    return sorted((c for c in commands if c.get("type", 1) == 1), key=lambda c: c["name"])


def _subcommands(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for o in node.get("options") or [] if o["type"] in _SUBS]


def free_text_option(defs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The option that takes the rest of the line: the single required option (`/ask who won …`, `/record
    mile`, `/quiz import my-list.yaml`, `/anniversaries channel #console`, `/anniversaries max 2`), or the only
    option when there is just one string option (`/onthisday 7 July`)."""
    required = [o for o in defs if o.get("required")]
    if len(required) == 1:
        return required[0]
    if not required and len(defs) == 1 and defs[0]["type"] == OPTION_STRING:
        return defs[0]
    return None


def parse(line: str, commands: list[dict[str, Any]], world: World | None = None) -> Invocation:
    """`/command [subcommand] [free text] [name:value …]` -> Invocation, checked against the synced command
    definitions the way Discord's client checks what a user types. Values may be quoted (meet:"pre
    classic") or not (meet:pre classic: a value runs until the next name:). A file option takes a local path
    (read now: LocalFile); user, channel and role options a name in `world` (#console, @you), else refused."""
    text = line.strip()
    m = re.match(r"/(\S*)\s*(.*)\Z", text, re.S)
    if m is None:
        raise ParseError("Commands start with a slash, e.g. /ask who won pre 2024 mile.")
    name, rest = m.group(1).lower(), m.group(2).strip()
    if not name:
        raise ParseError("Type a command name after the slash.")
    cmd = next((c for c in slash_commands(commands) if c["name"] == name), None)
    if cmd is None:
        raise ParseError(f"There is no /{name} command.")
    path, node = [cmd["name"]], cmd
    while subs := _subcommands(node):
        word, _, after = rest.partition(" ")
        sub = next((s for s in subs if s["name"] == word.lower()), None)
        if sub is None:
            names = ", ".join(s["name"] for s in subs)
            raise ParseError(f"/{' '.join(path)} needs one of: {names}" + (f" (not {word!r})." if word else "."))
        path.append(sub["name"])
        node, rest = sub, after.strip()
    where = "/" + " ".join(path)
    return Invocation(" ".join(path), _options(where, rest, node.get("options") or [], world))


def _options(where: str, rest: str, defs: list[dict[str, Any]], world: World | None = None) -> dict[str, Any]:
    by_name = {o["name"].lower(): o for o in defs}
    free = free_text_option(defs)
    # With a free-text option only known names start a name:value pair ("kerr vs jakob: who won?" stays
    # text); otherwise any word: does, so a misspelt option name is reported rather than swallowed.
    strict = free is None

    def next_key(start: int) -> re.Match[str] | None:
        for found in _KEY.finditer(rest, start):
            if strict or found.group(1).lower() in by_name:
                return found
        return None

    found = next_key(0)
    positional = (rest[:found.start()] if found else rest).strip()
    pairs: list[tuple[str, str]] = []
    while found is not None:
        key, start = found.group(1), found.end()
        if start < len(rest) and rest[start] in "\"'" and (close := rest.find(rest[start], start + 1)) != -1:
            value, after = rest[start + 1:close], close + 1
            found = next_key(after)
            extra = rest[after:found.start() if found else len(rest)].strip()
            if extra:
                raise ParseError(f"{where}: unexpected text after {key}:{rest[start:close + 1]}: {extra!r}.")
        else:
            found_next = next_key(start)
            value = rest[start:found_next.start() if found_next else len(rest)].strip()
            found = found_next
        pairs.append((key, value))

    options: dict[str, Any] = {}
    if positional:
        if free is None:
            raise ParseError(f"{where} takes name:value options, e.g. {usage(where, defs)}.")
        options[free["name"]] = convert(where, free, _unquote(positional), world)
    for key, raw in pairs:
        spec = by_name.get(key.lower())
        if spec is None:
            known = ", ".join(o["name"] for o in defs) or "none"
            raise ParseError(f"{where} has no option {key!r} (its options: {known}).")
        if spec["name"] in options:
            raise ParseError(f"{where}: {spec['name']} is given twice.")
        options[spec["name"]] = convert(where, spec, raw, world)
    missing = [o["name"] for o in defs if o.get("required") and o["name"] not in options]
    if missing:
        raise ParseError(f"{where} needs {', '.join(missing)}: {usage(where, defs)}.")
    return options


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def convert(where: str, spec: dict[str, Any], raw: str, world: World | None = None) -> Any:
    """A typed value for one option, with Discord's checks: choices, lengths and ranges; a file's contents; the
    id of the user, channel or role `world` knows by that name."""
    name, kind = spec["name"], spec["type"]
    if raw == "":
        raise ParseError(f"{where}: {name} needs a value.")
    choices = spec.get("choices") or []
    if choices:
        wanted = raw.lower()
        for choice in choices:
            if str(choice["value"]).lower() == wanted or choice["name"].lower() == wanted:
                return choice["value"]
        allowed = ", ".join(f"{c['value']} ({c['name']})" if str(c["value"]) != c["name"] else str(c["value"])
                            for c in choices)
        raise ParseError(f"{where}: {name} must be one of {allowed}; not {raw!r}.")
    if kind == OPTION_STRING:
        if len(raw) < spec.get("min_length", 0):
            raise ParseError(f"{where}: {name} must be at least {spec['min_length']} characters.")
        if "max_length" in spec and len(raw) > spec["max_length"]:
            raise ParseError(f"{where}: {name} must be at most {spec['max_length']} characters.")
        return raw
    if kind in (OPTION_INTEGER, OPTION_NUMBER):
        try:
            value: int | float = int(raw) if kind == OPTION_INTEGER else float(raw)
        except ValueError:
            raise ParseError(f"{where}: {name} must be a {'whole ' if kind == OPTION_INTEGER else ''}number, "
                             f"not {raw!r}.") from None
        low, high = spec.get("min_value"), spec.get("max_value")
        if (low is not None and value < low) or (high is not None and value > high):
            raise ParseError(f"{where}: {name} must be between {low} and {high}.")
        return value
    if kind == OPTION_BOOLEAN:
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise ParseError(f"{where}: {name} must be true or false, not {raw!r}.")
    if kind == OPTION_ATTACHMENT:
        return local_file(where, name, raw)
    what = {OPTION_USER: "user", OPTION_CHANNEL: "channel", OPTION_ROLE: "role",
            OPTION_MENTIONABLE: "user or role"}.get(kind)
    if what is None or world is None:
        raise ParseError(f"{where}: {name} takes a kind of value the console cannot give.")
    found = world.find(kind, raw)
    if found is None:
        known = ", ".join(world.known(kind)) or "none"
        raise ParseError(f"{where}: {name} must be a {what} of this server ({known}); not {raw!r}.")
    return found


def local_file(where: str, name: str, raw: str) -> LocalFile:
    """A file option's value: the file at path `raw` (~ expanded, relative to the current folder)."""
    path = Path(raw).expanduser()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ParseError(f"{where}: {name}: {raw} is larger than Discord's {MAX_FILE_BYTES // 2**20} MB.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError(f"{where}: {name}: there is no file {raw!r} (give its path, e.g. {name}:my-list.yaml)."
                         ) from None
    except IsADirectoryError:
        raise ParseError(f"{where}: {name}: {raw} is a folder, not a file.") from None
    except OSError as err:
        raise ParseError(f"{where}: {name}: cannot read {raw}: {err.strerror or err}.") from None
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return LocalFile(path.name, data, kind)


def usage(where: str, defs: list[dict[str, Any]]) -> str:
    """`/results meet:… year:… event:… [sex:M|W] [round:F|SF|H]`; a free-text option reads `<question>`."""
    free = free_text_option(defs)
    bits = [where]
    for o in defs:
        if o is free:
            bits.append(f"<{o['name']}>" if o.get("required") else f"[{o['name']}]")
            continue
        if o.get("choices"):
            value = "|".join(str(c["value"]) for c in o["choices"])
        elif o["type"] == OPTION_BOOLEAN:
            value = "true|false"
        elif o["type"] == OPTION_ATTACHMENT:
            value = "<path>"
        elif o["type"] == OPTION_CHANNEL:
            value = "#channel"
        elif o["type"] in (OPTION_USER, OPTION_MENTIONABLE):
            value = "@user"
        else:
            value = "…"
        bits.append(f"{o['name']}:{value}" if o.get("required") else f"[{o['name']}:{value}]")
    return " ".join(bits)


def listing(commands: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(usage, description) for every command and subcommand of the synced command list."""
    out: list[tuple[str, str]] = []

    def walk(node: dict[str, Any], path: list[str]) -> None:
        subs = _subcommands(node)
        if not subs:
            out.append((usage("/" + " ".join(path), node.get("options") or []), node.get("description") or ""))
        for sub in subs:
            walk(sub, [*path, sub["name"]])

    for cmd in slash_commands(commands):
        walk(cmd, [cmd["name"]])
    return out


# ---------------------------------------------------------------------------------------------- the bot side


@dataclasses.dataclass
class Outcome:
    """What one command or click produced: message snapshots to draw, and a note when something is off (or,
    `aside`, a dim remark: where a message went)."""
    messages: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    note: str | None = None
    aside: str | None = None


def _console_bot(base: Any) -> Any:
    """BellLap owning only the console's own server. The state store may be the one `python -m bot run` uses
    (DATABASE_URL), whose other servers are the shard processes': the console must not close their quiz games
    (recovery at start) nor claim and post their anniversaries (the scheduler)."""

    class ConsoleBellLap(base):      # made here: BellLap (discord.py) is imported only when the console starts
        def owns_guild(self, guild_id: int | None) -> bool:
            return guild_id == CONSOLE_IDS.guild

    return ConsoleBellLap


class Session:
    """The loopback and the real bot, in one event loop. Every method runs on that loop."""

    def __init__(self, settings, db_path: Path, *, answer_timeout: float = ANSWER_TIMEOUT) -> None:
        self.settings = settings
        self.db_path = Path(db_path)
        self.answer_timeout = answer_timeout
        # wait_timeout=None: the loopback's waits are bounded here, by answer_timeout (_outcome)
        self.server = LoopbackDiscord(guild_name="Bell Lap console", channel_name="console", username="you",
                                      wait_timeout=None, world_ids=CONSOLE_IDS)
        # The console's user owns its server, so every command (the admin ones too) can be tried here.
        self.server.guild["owner_id"] = self.server.user["id"]
        self.bot: BellLap | None = None
        # the bot's own channel posts (a quiz round); None tells the printer thread to stop
        self.posts: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._connection: asyncio.Task | None = None
        self._stack = contextlib.AsyncExitStack()

    async def start(self) -> None:
        """Open the database and state, start the loopback, and bring the bot up as `python -m bot run`
        does: BellLap with its cogs (setup_hook loads them and syncs the commands through the loopback), on
        the state store `bot run` would use (open_state: DATABASE_URL, else the SQLite file)."""
        from bot.app.client import BellLap, open_state
        from bot.app.settings import Secret
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
        # The loopback's token; no DEV_GUILD_ID: its guild is the loopback's, so commands sync globally. Typed
        # quiz answers on: the loopback grants the message-content intent, so the console plays what Discord
        # can. No SHARD_COUNT/SHARD_IDS: the loopback has one shard, which the console runs (and takes no shard
        # lease: it never connects to Discord).
        settings = dataclasses.replace(self.settings, token=Secret(self.server.token), dev_guild_id=None,
                                       quiz_typed_answers=True, shard_count=None, shard_ids=None)
        # guild_ready_timeout: the loopback sends every guild at once, so there is nothing to wait for.
        bot: BellLap = await stack.enter_async_context(
            _console_bot(BellLap)(engine=engine, store=store, settings=settings, guild_ready_timeout=0.1))
        self.bot = bot
        stack.push_async_callback(self._disconnect)
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

    def names(self) -> dict[int, str]:
        """Who and what mentions point at: users by display name, channels by name."""
        out = {uid: u.get("global_name") or u["username"] for uid, u in list(self.server.users.items())}
        out.update({cid: c.get("name") or "dm" for cid, c in list(self.server.channels.items())})
        return out

    def commands(self) -> list[dict[str, Any]]:
        guild_id = int(self.server.guild["id"])
        return list(self.server.global_commands) + list(self.server.guild_commands.get(guild_id, []))

    def _check_connected(self) -> None:
        if self._connection is not None and self._connection.done():
            error = None if self._connection.cancelled() else self._connection.exception()
            raise ConnectionError(f"the bot is no longer connected ({error!r})")

    async def slash(self, invocation: Invocation) -> Outcome:
        self._check_connected()
        self.server.requests.clear()
        options = {k: self.server.attachment(v.filename, v.data, content_type=v.content_type)
                   if isinstance(v, LocalFile) else v for k, v in invocation.options.items()}
        inter = await self.server.slash(invocation.name, options)
        return await self._outcome(inter)

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
        await self._settle(SAY_QUIET)
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

    # -- the World that user, channel and role options name (read from the terminal's thread: lookups only)

    def find(self, kind: int, text: str) -> int | None:
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

    async def click(self, message_id: int, custom_id: str, values: list[str] | None = None) -> Outcome:
        self._check_connected()
        self.server.requests.clear()
        inter = await self.server.click(message_id, custom_id, values=values)
        return await self._outcome(inter)

    async def _outcome(self, inter: FakeInteraction) -> Outcome:
        try:
            async with asyncio.timeout(self.answer_timeout):
                await self.server._wait_until(lambda: True if self._answered(inter) else None, "the bot to answer",
                                              check_errors=False)
        except TimeoutError:
            return Outcome(self._messages(inter), f"(no answer from the bot within {self.answer_timeout:.0f} s)")
        await self._quiet(inter)
        outcome = Outcome(self._messages(inter))
        if inter.callback_type == CB_MODAL:
            outcome.note = "(the bot opened a form, which the console cannot show yet)"
        elif not outcome.messages:
            outcome.note = "(the bot answered with nothing to show)"
        return outcome

    def _mine(self, inter: FakeInteraction) -> list:
        """The requests that belong to this interaction (its callback and its webhook)."""
        return [r for r in self.server.requests
                if inter.token in (r.params.get("interaction_token"), r.params.get("webhook_token"))]

    def _answered(self, inter: FakeInteraction) -> bool:
        """The bot has finished answering, as a user would see it: the callback came; "thinking…" was filled
        in (or deleted and followed up); a deferred click edited its message or followed up."""
        cb = inter.callback_type
        if cb is None:
            return False
        done = [r for r in self._mine(inter) if r.status is not None and r.status < 400]
        followed_up = any(r.method == "POST" and r.template == FOLLOWUP for r in done)
        if cb == CB_DEFERRED_MESSAGE:
            original = self.server.messages.get(inter.original_message_id or 0)
            if original is None:                 # "thinking…" deleted: a private note follows
                return followed_up
            return not original["flags"] & FLAG_LOADING
        if cb == CB_DEFERRED_UPDATE:
            return followed_up or any(r.method == "PATCH" and r.template in (ORIGINAL, WEBHOOK_MESSAGE)
                                      for r in done)
        return True

    async def _settle(self, quiet: float) -> None:
        """Until no request has arrived, and none is open, for `quiet` seconds."""
        seen = len(self.server.requests)
        while True:
            await asyncio.sleep(quiet)
            now = len(self.server.requests)
            if now == seen and not any(r.status is None for r in self.server.requests):
                return
            seen = now

    async def _quiet(self, inter: FakeInteraction) -> None:
        """Wait until nothing more arrives for the interaction (a second followup, an edit after a note)."""
        seen = len(self._mine(inter))
        while True:
            await asyncio.sleep(QUIET)
            now = len(self._mine(inter))
            pending = any(r.status is None for r in self.server.requests)
            if now == seen and not pending:
                return
            seen = now

    def _messages(self, inter: FakeInteraction) -> list[dict[str, Any]]:
        ids = [inter.original_message_id, *inter.followup_ids]
        out, seen = [], set()
        for mid in ids:
            if mid is None or mid in seen or mid not in self.server.messages:
                continue
            seen.add(mid)
            out.append(copy.deepcopy(self.server.messages[mid]))
        return out


# ---------------------------------------------------------------------------------------------- drawing


_MARKDOWN = re.compile(
    r"\\(?P<escaped>[^A-Za-z0-9\s])"
    r"|(?P<toggle>\*\*|__|~~|\*|_)"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<label>[^\]]+)\]\(<?(?P<url>https?://[^)\s>]+)>?\)"
    r"|<t:(?P<stamp>-?\d+)(?::(?P<stamp_style>[tTdDfFR]))?>"
    r"|<a?:(?P<emoji>\w+):\d+>"
    r"|<(?P<mention>@!?|@&|#)(?P<mention_id>\d+)>"
    r"|\u200b")
_STYLES = {"**": "bold", "__": "underline", "~~": "strike", "*": "italic", "_": "italic"}


def discord_text(text: str, names: dict[int, str] | None = None):
    """Discord markdown as a rich Text: what a reader sees on Discord, not the escaping backslashes. Inline:
    bold, italics, underline, strikethrough, code, links, escapes, timestamps; per line: -# small print
    (dim), # headings (bold), > quotes. Mentions read as @name / #channel from `names` (id -> name)."""
    from rich.text import Text

    out = Text()
    for n, line in enumerate(text.split("\n")):
        if n:
            out.append("\n")
        style = ""
        if line.startswith("-# "):
            line, style = line[3:], "dim"
        elif m := re.match(r"#{1,3} ", line):
            line, style = line[m.end():], "bold"
        elif line.startswith("> "):
            out.append("│ ", style="dim")
            line = line[2:]
        _inline(out, line, style, names or {})
    return out


def _inline(out, text: str, base: str, names: dict[int, str]) -> None:
    active: list[str] = [base] if base else []
    pos = 0

    def add(piece: str, extra: str = "") -> None:
        if piece:
            out.append(piece, style=" ".join([*active, extra]).strip() or None)

    for m in _MARKDOWN.finditer(text):
        add(text[pos:m.start()])
        pos = m.end()
        if m.group("escaped") is not None:
            add(m.group("escaped"))
        elif m.group("toggle") is not None:
            style = _STYLES[m.group("toggle")]
            if style in active[1 if base else 0:]:
                active.reverse()
                active.remove(style)          # the innermost one
                active.reverse()
            else:
                active.append(style)
        elif m.group("code") is not None:
            add(m.group("code"), "reverse")
        elif m.group("label") is not None:
            add(f"{m.group('label')} ({m.group('url')})", "underline")
        elif m.group("stamp") is not None:
            when = dt.datetime.fromtimestamp(int(m.group("stamp")), dt.UTC)
            add(when.strftime("%-d %b %Y %H:%M UTC" if m.group("stamp_style") in ("f", "F", "t", "T")
                              else "%-d %b %Y"))
        elif m.group("emoji") is not None:
            add(f":{m.group('emoji')}:")
        elif m.group("mention") is not None:
            sigil = "#" if m.group("mention") == "#" else "@"
            add(sigil + names.get(int(m.group("mention_id")), m.group("mention_id")), "bold")
    add(text[pos:])


def _colour(value: int | None) -> str:
    return f"#{value:06x}" if value else "grey50"


def draw_embed(embed: dict[str, Any], names: dict[int, str] | None = None):
    """An embed as a rich Panel: title, description, fields, image, footer, in the embed's colour."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    parts: list[Any] = []
    if embed.get("author", {}).get("name"):
        parts.append(Text(embed["author"]["name"], style="dim"))
    if embed.get("title"):
        title = discord_text(embed["title"], names)
        title.stylize("bold")
        parts.append(title)
    if embed.get("description"):
        if parts:
            parts.append(Text(""))
        parts.append(discord_text(embed["description"], names))
    for f in embed.get("fields") or []:
        parts.append(Text(""))
        name = discord_text(f.get("name") or "", names)
        name.stylize("bold")
        parts.append(name)
        parts.append(discord_text(f.get("value") or "", names))
    for key, what in (("image", "chart"), ("thumbnail", "picture")):
        url = (embed.get(key) or {}).get("url") or ""
        if url.startswith("attachment://"):
            parts += [Text(""), Text(f"[{what}: {url.removeprefix('attachment://')}]", style="cyan")]
        elif url:
            parts += [Text(""), Text(f"[{what}: {url}]", style="cyan")]
    if embed.get("footer", {}).get("text"):
        parts += [Text(""), Text(embed["footer"]["text"], style="dim")]
    return Panel(Group(*parts) if parts else Text(""), border_style=_colour(embed.get("color")),
                 expand=False, padding=(0, 1))


class Choices:
    """The numbered buttons currently on screen: number -> (message id, custom id, select values).

    Buttons on the bot's own channel posts (a quiz question's) are `live`: they keep their numbers while
    commands are answered in between (the answer's buttons number on after them), until newer posts with
    buttons arrive or the post's buttons are disabled (prune)."""

    def __init__(self) -> None:
        self.by_number: dict[int, tuple[int, str, list[str] | None]] = {}
        self.live: set[int] = set()

    def clear(self) -> None:
        self.by_number.clear()
        self.live.clear()

    def clear_answers(self) -> None:
        """Forget the numbers of an earlier command's answer; a live post's stay."""
        for number in set(self.by_number) - self.live:
            del self.by_number[number]

    def prune(self, enabled: set[tuple[int, str]]) -> None:
        """Forget live buttons that can no longer be pressed (`enabled`: the (message, custom id) pairs that can)."""
        for number in sorted(self.live):
            message_id, custom_id, _ = self.by_number[number]
            if (message_id, custom_id) not in enabled:
                del self.by_number[number]
                self.live.discard(number)

    def add(self, message_id: int, custom_id: str, values: list[str] | None = None, *, live: bool = False) -> int:
        number = max(self.by_number, default=0) + 1
        self.by_number[number] = (message_id, custom_id, values)
        if live:
            self.live.add(number)
        return number


def draw_components(message: dict[str, Any], choices: Choices, live: bool = False):
    """Buttons as numbered choices ("[1] Josh Kerr (GBR, 1997)  [2] …"); disabled ones are shown without a
    number; select menus list their options, each with a number. `live`: a channel post's (Choices)."""
    from rich.text import Text

    lines = []
    for row in message.get("components") or []:
        items = row.get("components") or [] if row.get("type") == 1 else [row]
        line = Text()
        for comp in items:
            if line:
                line.append("  ")
            if comp.get("type") == 2:
                emoji = (comp.get("emoji") or {}).get("name") or ""
                label = " ".join(x for x in (emoji, comp.get("label") or "") if x)
                if comp.get("style") == 5 or "url" in comp:
                    line.append(f"[link: {label} {comp.get('url', '')}]", style="cyan")
                elif comp.get("disabled"):
                    line.append(f"[-] {label}", style="dim")
                else:
                    number = choices.add(int(message["id"]), comp["custom_id"], live=live)
                    line.append(f"[{number}] ", style="bold cyan")
                    line.append(label)
            elif comp.get("type") == 3:
                line.append((comp.get("placeholder") or "Choose:") + " ", style="dim")
                for opt in comp.get("options") or []:
                    if comp.get("disabled"):
                        line.append(f"[-] {opt['label']}  ", style="dim")
                        continue
                    number = choices.add(int(message["id"]), comp["custom_id"], [opt["value"]], live=live)
                    line.append(f"[{number}] ", style="bold cyan")
                    line.append(f"{opt['label']}  ")
        if line:
            lines.append(line)
    return lines


def _enabled_components(message: dict[str, Any]) -> bool:
    def walk(items: list[dict[str, Any]]) -> bool:
        return any((c.get("custom_id") and not c.get("disabled")) or walk(c.get("components") or [])
                   for c in items)
    return walk(message.get("components") or [])


def draw_message(message: dict[str, Any], choices: Choices, names: dict[int, str] | None = None, *,
                 live: bool = False) -> list[Any]:
    from rich.text import Text

    out: list[Any] = []
    if message["flags"] & FLAG_EPHEMERAL:
        out.append(Text("(only you can see this)", style="dim italic"))
    if message.get("content"):
        out.append(discord_text(message["content"], names))
    attachments = message.get("attachments") or []
    for embed in message.get("embeds") or []:
        out.append(draw_embed(embed, names))
    shown = {(e.get("image") or {}).get("url", "").removeprefix("attachment://") for e in message.get("embeds") or []}
    for att in attachments:
        if att.get("filename") not in shown:
            out.append(Text(f"[file: {att.get('filename')}]", style="cyan"))
    out += draw_components(message, choices, live)
    return out


# ---------------------------------------------------------------------------------------------- the REPL


class Console:
    """The prompt: reads lines, sends them through the Session, draws what comes back."""

    def __init__(self, call: Callable[[Coroutine], Any], session: Session, *, stdin: TextIO, out,
                 interactive: bool) -> None:
        self.call = call              # runs a coroutine on the bot's loop and returns its result
        self.session = session
        self.stdin = stdin
        self.out = out
        self.interactive = interactive
        self.choices = Choices()
        self.screen = threading.RLock()      # one writer at a time: the prompt's answers or a live post
        self._printer: threading.Thread | None = None
        self.at_prompt = False

    # -- input

    def read(self) -> str:
        """The next line; EOFError at the end of input (Ctrl-D)."""
        if self.interactive:
            with self.screen:
                self.at_prompt = True
            try:
                return input(PROMPT)
            finally:
                with self.screen:
                    self.at_prompt = False
        line = self.stdin.readline()
        if not line:
            raise EOFError
        line = line.rstrip("\r\n")
        self.out.print(f"{PROMPT}{line}", markup=False, highlight=False)   # a readable transcript
        return line

    def loop(self) -> None:
        if self.interactive:
            self._printer = threading.Thread(target=self._print_posts, name="bell-lap-posts", daemon=True)
            self._printer.start()
        try:
            while True:
                if not self.interactive:
                    self.drain()
                try:
                    line = self.read()
                except EOFError:
                    break
                if not self.handle(line):
                    break
            if not self.interactive:
                self.drain()
        finally:
            if self._printer is not None:
                self.session.posts.put(None)      # stops the printer
                self._printer.join(timeout=2)

    def drain(self) -> None:
        """Show the bot's channel posts that have arrived (piped input: between lines, in order)."""
        arrived: list[dict[str, Any] | None] = []
        while True:
            try:
                arrived.append(self.session.posts.get_nowait())
            except queue.Empty:
                break
        posts = [p for p in arrived if p is not None]
        if posts:
            with self.screen:
                self.show_posts(posts)

    def _print_posts(self) -> None:
        """At a terminal: a post that arrives while the prompt waits is printed above it at once (a quiz
        question will not wait for Enter), and the prompt is drawn again with what was typed so far."""
        _block_sigint()
        while True:
            post = self.session.posts.get()
            if post is None:
                return
            posts = [post]
            while True:
                try:
                    more = self.session.posts.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self.session.posts.put(None)    # for the printer's next get()
                    break
                posts.append(more)
            with self.screen:
                if self.at_prompt:
                    self.out.file.write("\r\x1b[K")
                self.show_posts(posts)
                if self.at_prompt:
                    typed = ""
                    with contextlib.suppress(ImportError, AttributeError):
                        import readline
                        typed = readline.get_line_buffer()
                    self.out.file.write(PROMPT + typed)
                    self.out.file.flush()

    def show_posts(self, posts: list[dict[str, Any]]) -> None:
        if any(_enabled_components(p) for p in posts):
            self.choices.clear()           # the newest buttons get the numbers
        for post in posts:
            for part in draw_message(post, self.choices, self.session.names(), live=True):
                self.out.print(part)

    # -- one line

    def handle(self, line: str) -> bool:
        """Act on one line; False to stop."""
        text = line.strip()
        if not text:
            return True
        if text.lower() in QUIT_WORDS:
            return False
        commands = self.session.commands()
        names = {c["name"] for c in slash_commands(commands)}
        if text.lower() in HELP_WORDS and not (text.startswith("/") and "help" in names):
            self.help(commands)
            return True
        typed_game = not text.startswith("/") and self.call(self.session.typed_game())
        # a number presses a button; while a typed quiz runs, only one on screen (else it is an answer: "1999")
        if text.isdigit() and not (typed_game and int(text) not in self.choices.by_number):
            self.click(int(text))
            return True
        if typed_game:
            self.run(lambda: self.session.say(text))      # an answer, in the channel, as on Discord
            return True
        if not text.startswith("/"):
            text = f"/ask {text}"
        try:
            invocation = parse(text, commands, self.session)
        except ParseError as bad:
            self.sorry(str(bad), commands)
            return True
        self.run(lambda: self.session.slash(invocation))
        return True

    def click(self, number: int) -> None:
        self.prune()
        target = self.choices.by_number.get(number)
        if target is None:
            if self.choices.by_number:
                self.note(f"There is no button [{number}] on screen; the choices are "
                          f"{', '.join(str(n) for n in self.choices.by_number)}.")
            else:
                self.note(f"There are no buttons on screen to press. To ask about {number}, type /ask {number}.")
            return
        message_id, custom_id, values = target
        self.run(lambda: self.session.click(message_id, custom_id, values))

    def run(self, action: Callable[[], Coroutine]) -> None:
        with self.screen:
            try:
                if self.interactive:
                    with self.out.status("Bell Lap is thinking…", spinner="dots"):
                        outcome = self.call(action())
                else:
                    outcome = self.call(action())
            except LookupError as gone:                # e.g. a button that timed out and was disabled
                self.note(f"That did not work: {gone}")
                return
            self.show(outcome)
            self.drain()        # what the bot posted meanwhile (a quiz's first question), before the prompt

    # -- output

    def show(self, outcome: Outcome) -> None:
        from rich.text import Text
        if outcome.messages:
            self.prune()
            self.choices.clear_answers()
        for message in outcome.messages:
            for part in draw_message(message, self.choices, self.session.names()):
                self.out.print(part)
        if outcome.aside:
            self.out.print(Text(outcome.aside, style="dim"))
        if outcome.note:
            self.note(outcome.note)

    def prune(self) -> None:
        """Drop the numbers of channel-post buttons that were disabled meanwhile (a quiz round that ended)."""
        with self.screen:              # the printer thread numbers new posts' buttons
            if self.choices.live:
                targets = [self.choices.by_number[n][:2] for n in sorted(self.choices.live)]
                self.choices.prune(self.call(self.session.enabled(targets)))

    def note(self, text: str) -> None:
        from rich.text import Text
        self.out.print(Text(text, style="yellow"))

    def sorry(self, problem: str, commands: list[dict[str, Any]]) -> None:
        from rich.text import Text
        self.out.print(Text(f"Sorry: {problem}", style="yellow"))
        self.commands(commands)

    def commands(self, commands: list[dict[str, Any]]) -> None:
        from rich.text import Text
        self.out.print(Text("Commands:", style="bold"))
        for use, description in listing(commands):
            self.out.print(Text.assemble("  ", (use, "bold"), (f"\n      {description}" if description else "",
                                                               "dim")))

    def help(self, commands: list[dict[str, Any]]) -> None:
        from rich.text import Text
        self.out.print(Text(
            "Type a slash command as on Discord: /ask who won pre 2024 mile, /record mile,\n"
            "/results meet:pre year:2024 event:mile, /h2h athlete1:kerr athlete2:jakob.\n"
            "Text without a slash is a question for /ask, or your answer while a typed quiz runs here.\n"
            "Values may be quoted: meet:\"pre classic\"; a file is a path (/quiz import my-list.yaml), a channel\n"
            "#console, a member @you. Buttons show as [1] [2] …: type the number to press one.\n"
            "quit (or Ctrl-D) leaves."))
        self.commands(commands)

    def banner(self, commands: list[dict[str, Any]]) -> None:
        from rich.text import Text
        self.out.print(Text.assemble(
            ("Bell Lap", "bold"),
            f" on {self.session.db_path.name}: {len(slash_commands(commands))} commands. "
            "Type help for the list, quit to leave."))


# ---------------------------------------------------------------------------------------------- running


class _ConsoleLog(logging.Handler):
    """Warnings and errors on stderr, one line each (the traceback too with LOG_LEVEL=DEBUG): a command that
    fails already tells the user so, politely, in its answer."""

    def __init__(self, debug: bool) -> None:
        super().__init__(logging.DEBUG if debug else logging.WARNING)
        self.debug = debug

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = f"[{record.levelname.lower()}] {record.name}: {record.getMessage()}"
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
                text += f" ({type(error).__name__}: {error})"
                if self.debug:
                    text += "\n" + logging.Formatter().formatException(record.exc_info)
            print(text, file=sys.stderr)
        except Exception:
            self.handleError(record)


def _block_sigint() -> None:
    """Ctrl-C belongs to the prompt: with SIGINT blocked in this thread (and so in every thread started from
    it), the kernel delivers it to the main thread, interrupting input() or the wait for an answer."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _setup_logging(settings) -> None:
    debug = settings.log_level == "DEBUG"
    root = logging.getLogger()
    root.handlers[:] = [_ConsoleLog(debug)]
    root.setLevel(logging.DEBUG if debug else logging.WARNING)
    if not debug:
        # discord.py warns about voice support (PyNaCl, davey) that a text bot never needs
        logging.getLogger("discord").setLevel(logging.ERROR)


def _rich_console(interactive_out: bool):
    from rich.console import Console as RichConsole
    if interactive_out:
        return RichConsole(highlight=False, emoji=False)
    # piped or redirected: plain text, no ANSI codes, wide enough that answers are not wrapped mid-name
    return RichConsole(force_terminal=False, no_color=True, highlight=False, emoji=False, width=PLAIN_WIDTH,
                       legacy_windows=False)


def main(settings, db_path: Path, *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the console until quit, end of input or Ctrl-C; 0 unless the bot could not start."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    tty_in = stdin.isatty()
    tty_out = stdout.isatty()
    if not tty_out and isinstance(stdout, io.TextIOWrapper):     # e.g. not a StringIO
        with contextlib.suppress(ValueError):
            stdout.reconfigure(errors="replace")
    if tty_in:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
    _setup_logging(settings)
    out = _rich_console(tty_out)
    if stdout is not sys.stdout:
        out.file = stdout

    loop = asyncio.new_event_loop()

    def run_loop() -> None:
        _block_sigint()
        loop.run_forever()

    thread = threading.Thread(target=run_loop, name="bell-lap-bot", daemon=True)
    thread.start()

    def call(coro: Coroutine, timeout: float | None = None) -> Any:
        future = asyncio.run_coroutine_threadsafe(coro, loop)
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            # short waits, so a Ctrl-C that lands on another thread (rich's spinner) is acted on at once
            try:
                return future.result(0.1)
            except TimeoutError:
                if deadline is not None and loop.time() > deadline:
                    raise
            except KeyboardInterrupt:
                future.cancel()
                raise

    session = Session(settings, db_path)
    code = 0
    try:
        try:
            if tty_out:
                with out.status("Starting Bell Lap…", spinner="dots"):
                    call(session.start())
            else:
                call(session.start())
        except KeyboardInterrupt:
            raise
        except Exception as err:
            from bot.app.client import StartupError
            why = str(err) if isinstance(err, StartupError) else f"{type(err).__name__}: {err}"
            print(f"The bot could not start: {why}", file=sys.stderr)
            code = 1
        else:
            console = Console(call, session, stdin=stdin, out=out, interactive=tty_in)
            console.banner(session.commands())
            try:
                console.loop()
            except ConnectionError as gone:
                print(f"Stopped: {gone}", file=sys.stderr)
                code = 1
    except KeyboardInterrupt:
        out.print()
    finally:
        try:
            call(session.stop(), timeout=15)
        except KeyboardInterrupt:
            pass
        except Exception as err:          # closing must not end in a traceback
            log.debug("closing the console: %r", err)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        if not loop.is_running():
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
    return code
