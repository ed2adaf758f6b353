"""The loopback server: REST and gateway, world state, recorded requests, and the user's side of Discord.

See bot/console/loopback/__init__.py.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import secrets
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, WSMsgType, web

from bot.console.loopback.payloads import (
    ALLOWED_CALLBACKS,
    API_PREFIX,
    APPLICATION_COMMAND,
    CALLBACK,
    CB_AUTOCOMPLETE,
    CB_DEFERRED_MESSAGE,
    CB_DEFERRED_UPDATE,
    CB_MESSAGE,
    CB_UPDATE,
    CHANNEL_MESSAGE,
    CHANNEL_MESSAGES,
    EDITABLE_FLAGS,
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    FOLLOWUP,
    GATEWAY_PATH,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MESSAGES,
    INTENT_GUILDS,
    INTENT_MESSAGE_CONTENT,
    MEMBER_PERMISSIONS,
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
    ORIGINAL,
    RESUME_PATH,
    WEBHOOK_MESSAGE,
    Entity,
    Snowflakes,
    _id,
    iso_now,
    make_autocomplete_interaction,
    make_component_interaction,
    make_dm_channel,
    make_guild,
    make_member,
    make_message,
    make_role,
    make_slash_interaction,
    make_text_channel,
    make_user,
)
from bot.console.loopback.routes import JSON, MULTIPART, Problem, Validator, match_operation


class BotError(AssertionError):
    """The bot logged an error (e.g. an exception in a command) while a test waited."""


# --------------------------------------------------------------------------- records


@dataclass
class UploadedFile:
    field: str  # the multipart field name, e.g. "files[0]"
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    method: str
    path: str  # relative to /api/v10, percent-decoded
    query: dict[str, str]
    headers: dict[str, str]
    content_type: str | None
    json: Any = None  # the JSON body, or the payload_json part of a multipart body
    files: list[UploadedFile] = field(default_factory=list)
    template: str | None = None  # the spec path template, None for unknown routes
    params: dict[str, str] = field(default_factory=dict)
    status: int | None = None
    response: Any = None  # what the fake answered
    claimed: bool = False  # returned by a wait_* helper already

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} -> {self.status}>"


@dataclass
class FakeInteraction:
    """An interaction the fake sent; tokens tie callbacks, followups and edits to it."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    channel_id: int
    guild_id: int | None
    message_id: int | None = None  # the message a component sat on
    callback_type: int | None = None
    original_message_id: int | None = None  # @original once responded
    followup_ids: list[int] = field(default_factory=list)


class _Connection:
    """One gateway WebSocket; serialises sends so the zlib stream stays in order."""

    def __init__(self, ws: web.WebSocketResponse, compress: bool):
        self.ws = ws
        self.lock = asyncio.Lock()
        self._zlib = zlib.compressobj() if compress else None

    async def send(self, payload: dict[str, Any]) -> None:
        async with self.lock:
            await self._send(payload)

    async def _send(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload)
        if self._zlib is None:
            await self.ws.send_str(text)
        else:
            await self.ws.send_bytes(self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH))


@dataclass
class GatewaySession:
    session_id: str
    shard_id: int
    shard_count: int
    intents: int
    identify: dict[str, Any]
    seq: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)  # kept for RESUME replay
    conn: _Connection | None = None


@dataclass(frozen=True)
class WorldIds:
    """Fixed ids for the default world, instead of fresh snowflakes: the console's server, channel and user must
    be the same at every start, since the state store keys settings, games and leaderboards by them."""

    app: int
    owner: int
    guild: int
    channel: int
    user: int


# --------------------------------------------------------------------------- the server


class LoopbackDiscord:
    """Discord on 127.0.0.1: point discord.py at it (redirect()), then play the user's side.

    `validator` checks every REST request body (None: bodies are not checked against the spec; the
    loopback's own checks, such as uploads matching their attachments entries, always run). The default
    world is one guild (`guild_name`, one #`channel_name`) with one ordinary member (`username`), the
    user every action is taken as unless told otherwise. `world_ids` fixes that world's ids (WorldIds); the
    ids of everything made later (messages, interactions, added members) are fresh snowflakes either way.

    The wait_* helpers take no timeout of their own: each wait is bounded by `wait_timeout` seconds (None:
    unbounded), and a caller that wants a shorter bound wraps the call in `async with asyncio.timeout(...)`."""

    def __init__(self, *, shard_count: int = 1, validator: Validator | None = None,
                 wait_timeout: float | None = 5.0, guild_name: str = "Bell Lap", channel_name: str = "general",
                 username: str = "you", world_ids: WorldIds | None = None) -> None:
        self.validator = validator
        self.shard_count = shard_count
        self.wait_timeout = wait_timeout
        self.snowflake = Snowflakes()
        self.token = f"fake.{secrets.token_urlsafe(16)}"

        ids = world_ids
        self.app_id = ids.app if ids else self.snowflake()
        self.bot_user = make_user(self.app_id, "Bell Lap", bot=True)
        self.owner = make_user(ids.owner if ids else self.snowflake(), "organiser")
        self.users: dict[int, dict[str, Any]] = {}
        self.guilds: dict[int, dict[str, Any]] = {}
        self.channels: dict[int, dict[str, Any]] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.attachments: dict[int, bytes] = {}
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}
        self.interactions: dict[str, FakeInteraction] = {}  # by token

        self.requests: list[RecordedRequest] = []
        self.violations: list[str] = []
        self.bot_errors: list[str] = []
        self._claimed_errors = 0
        self.sessions: dict[str, GatewaySession] = {}
        self.gateway_connections: list[str] = []  # path each WebSocket connected to
        self.heartbeats = 0
        self.resumes = 0
        self._waiters: list[asyncio.Future[None]] = []
        self._runner: web.AppRunner | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self.port: int | None = None
        # Called as listener("create" | "edit", message) whenever the bot creates or edits a message,
        # on the server's event loop (the console shows the bot's channel posts as they arrive).
        self.message_listeners: list[Callable[[str, dict[str, Any]], None]] = []

        self._remember_user(self.bot_user)
        self._remember_user(self.owner)
        # A default world so most uses need no setup: one guild, one channel, one member.
        self.guild = self.add_guild(guild_name, channels=(channel_name,), guild_id=ids.guild if ids else None,
                                    channel_ids=(ids.channel,) if ids else ())
        self.channel = self.channels[int(self.guild["channels"][0]["id"])]
        self.user = self.add_member(username, user_id=ids.user if ids else None)

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get(GATEWAY_PATH, self._gateway)
        app.router.add_get(RESUME_PATH, self._gateway)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self._serve_attachment)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """What discord.http.Route.BASE must be set to."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """What GET /gateway/bot returns and DiscordWebSocket.DEFAULT_GATEWAY must be."""
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    # ---------------------------------------------------------------- world building

    def _remember_user(self, user: dict[str, Any]) -> dict[str, Any]:
        self.users[int(user["id"])] = user
        return user

    def add_guild(self, name: str, *, channels: Iterable[str] = ("general",), guild_id: int | None = None,
                  channel_ids: Sequence[int] = ()) -> dict[str, Any]:
        """A guild with text channels, the owner and the bot as members; ids are fresh snowflakes unless given
        (`channel_ids` in the order of `channels`)."""
        guild_id = guild_id if guild_id is not None else self.snowflake()
        names = list(channels)
        given = list(channel_ids) + [self.snowflake() for _ in names[len(channel_ids):]]
        chans = [make_text_channel(given[i], guild_id, n, position=i) for i, n in enumerate(names)]
        members = [make_member(self.owner), make_member(self.bot_user)]
        guild = make_guild(guild_id, name, owner_id=int(self.owner["id"]), channels=chans, members=members)
        self.guilds[guild_id] = guild
        for chan in chans:
            self.channels[int(chan["id"])] = chan
        return guild

    def add_channel(self, name: str, *, guild: Entity | None = None) -> dict[str, Any]:
        """Add a text channel (before the bot starts, or it will not hear of it)."""
        g = self.guilds[_id(guild or self.guild)]
        chan = make_text_channel(self.snowflake(), int(g["id"]), name, position=len(g["channels"]))
        g["channels"].append(chan)
        self.channels[int(chan["id"])] = chan
        return chan

    def add_role(self, name: str, *, guild: Entity | None = None, permissions: int = MEMBER_PERMISSIONS) -> dict[str, Any]:
        g = self.guilds[_id(guild or self.guild)]
        role = make_role(self.snowflake(), name, permissions=permissions, position=len(g["roles"]))
        g["roles"].append(role)
        return role

    def add_member(self, username: str, *, guild: Entity | None = None, roles: Iterable[Entity] = (),
                   nick: str | None = None, user_id: int | None = None) -> dict[str, Any]:
        """A new user who is a member of `guild` (default guild); returns the user payload."""
        user = self._remember_user(make_user(user_id if user_id is not None else self.snowflake(), username))
        g = self.guilds[_id(guild or self.guild)]
        g["members"].append(make_member(user, roles=roles, nick=nick))
        g["member_count"] = len(g["members"])
        return user

    def member(self, user: Entity, guild: Entity | None = None) -> dict[str, Any] | None:
        g = self.guilds[_id(guild or self.guild)]
        uid = str(_id(user))
        return next((m for m in g["members"] if m["user"]["id"] == uid), None)

    def dm_channel(self, user: Entity) -> dict[str, Any]:
        uid = _id(user)
        for chan in self.channels.values():
            if chan["type"] == 1 and chan["recipients"][0]["id"] == str(uid):
                return chan
        chan = make_dm_channel(self.snowflake(), self.users[uid])
        self.channels[int(chan["id"])] = chan
        return chan

    def permissions(self, user: Entity, guild: Entity) -> int:
        g = self.guilds[_id(guild)]
        if g["owner_id"] == str(_id(user)):
            return (1 << 51) - 1
        member = self.member(user, g)
        role_ids = {g["id"], *(member["roles"] if member else [])}
        perms = 0
        for role in g["roles"]:
            if role["id"] in role_ids:
                perms |= int(role["permissions"])
        return perms

    # ---------------------------------------------------------------- gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        self._sockets.add(ws)
        self.gateway_connections.append(request.path)
        conn = _Connection(ws, compress=request.query.get("compress") == "zlib-stream")
        session: GatewaySession | None = None
        if request.query.get("v") != "10" or request.query.get("encoding") != "json":
            self.violations.append(f"gateway connected with unexpected query {dict(request.query)}")
        try:
            await conn.send({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                op, d = frame.get("op"), frame.get("d")
                if op == 1:  # HEARTBEAT
                    self.heartbeats += 1
                    await conn.send({"op": 11, "d": None, "s": None, "t": None})
                elif op == 2:  # IDENTIFY
                    session = await self._identify(conn, d)
                    if session is None:
                        break
                elif op == 6:  # RESUME
                    session = await self._resume(conn, d)
                elif op == 8:  # REQUEST_GUILD_MEMBERS (discord.py chunks when it has the members intent)
                    if session is not None:
                        await self._send_chunk(session, d)
                elif op in (3, 4):  # presence / voice state updates: accepted, nothing to do
                    pass
                else:
                    self.violations.append(f"gateway op {op} not understood: {frame}")
        finally:
            if session is not None and session.conn is conn:
                session.conn = None
            self._sockets.discard(ws)
        return ws

    async def _identify(self, conn: _Connection, d: dict[str, Any]) -> GatewaySession | None:
        if d.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return None
        shard_id, shard_count = d.get("shard", [0, 1])
        session = GatewaySession(session_id=secrets.token_hex(16), shard_id=shard_id, shard_count=shard_count,
                                 intents=d.get("intents", 0), identify=d)
        self.sessions[session.session_id] = session
        session.conn = conn
        ready: dict[str, Any] = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": g["id"], "unavailable": True} for g in self._shard_guilds(session)],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": f"ws://127.0.0.1:{self.port}{RESUME_PATH}",
            "application": {"id": str(self.app_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "user_settings": {},
            "geo_ordered_rtc_regions": ["rotterdam"],
            "auth_session_id_hash": secrets.token_hex(8),
        }
        if "shard" in d:
            ready["shard"] = [shard_id, shard_count]
        await self._dispatch(session, "READY", ready)
        if session.intents & INTENT_GUILDS:
            for guild in self._shard_guilds(session):
                await self._dispatch(session, "GUILD_CREATE", guild)
        return session

    async def _resume(self, conn: _Connection, d: dict[str, Any]) -> GatewaySession | None:
        session = self.sessions.get(d.get("session_id", ""))
        if session is None or d.get("token") != self.token:
            await conn.send({"op": 9, "d": False, "s": None, "t": None})
            return None
        async with conn.lock:
            # Replay what the bot missed, then go live; holding the lock keeps
            # new events from overtaking the replay.
            for frame in session.history:
                if frame["s"] > (d.get("seq") or 0):
                    await conn._send(frame)
            session.seq += 1
            await conn._send({"op": 0, "t": "RESUMED", "s": session.seq, "d": {}})
            session.conn = conn
        self.resumes += 1
        self._poke()
        return session

    async def _send_chunk(self, session: GatewaySession, d: dict[str, Any]) -> None:
        ids = d["guild_id"] if isinstance(d["guild_id"], list) else [d["guild_id"]]
        for gid in ids:
            guild = self.guilds[int(gid)]
            members = guild["members"]
            if d.get("query"):
                members = [m for m in members if m["user"]["username"].startswith(d["query"])]
            if d.get("user_ids"):
                wanted = {str(u) for u in d["user_ids"]}
                members = [m for m in members if m["user"]["id"] in wanted]
            chunk = {"guild_id": guild["id"], "members": members, "chunk_index": 0, "chunk_count": 1,
                     "not_found": []}
            if d.get("nonce"):
                chunk["nonce"] = d["nonce"]
            if d.get("presences"):
                chunk["presences"] = []
            await self._dispatch(session, "GUILD_MEMBERS_CHUNK", chunk)

    def _shard_guilds(self, session: GatewaySession) -> list[dict[str, Any]]:
        return [g for gid, g in self.guilds.items() if (gid >> 22) % session.shard_count == session.shard_id]

    def _session_for(self, guild_id: int | None) -> GatewaySession:
        for session in reversed(list(self.sessions.values())):  # newest first
            shard = 0 if guild_id is None else (guild_id >> 22) % session.shard_count
            if session.shard_id == shard:
                return session
        raise RuntimeError("no gateway session: is the bot running (start_bot fixture)?")

    async def _dispatch(self, session: GatewaySession, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.history.append(frame)
        conn = session.conn
        if conn is not None and not conn.ws.closed:
            await conn.send(frame)

    async def dispatch(self, event: str, data: dict[str, Any], *, guild: Entity | None = None) -> None:
        """Send any gateway event to the shard that owns `guild` (shard 0 for DMs).
        If the bot is between connections it gets the event on RESUME."""
        await self._dispatch(self._session_for(None if guild is None else _id(guild)), event, data)

    async def reconnect(self, *, guild: Entity | None = None) -> None:
        """Ask the bot to reconnect (op 7 RECONNECT) and wait until it has RESUMEd."""
        session = self._session_for(None if guild is None else _id(guild))
        before = self.resumes
        assert session.conn is not None, "the bot is not connected"
        await session.conn.send({"op": 7, "d": None, "s": None, "t": None})
        await self._wait_until(lambda: True if self.resumes > before else None, "the bot to RESUME")

    # ---------------------------------------------------------------- user actions

    def _command(self, name: str, guild_id: int | None) -> dict[str, Any]:
        top = name.split()[0]
        for cmd in self.guild_commands.get(guild_id, []) if guild_id else []:
            if cmd["name"] == top and cmd.get("type", 1) == 1:
                return cmd
        for cmd in self.global_commands:
            if cmd["name"] == top and cmd.get("type", 1) == 1:
                return cmd
        registered = sorted({c["name"] for c in self.global_commands}
                            | {c["name"] for c in self.guild_commands.get(guild_id or 0, [])})
        raise LookupError(f"/{top} is not registered with the fake (registered: {registered}); "
                          "Discord only sends commands that were synced - start_bot(sync=True) or tree.sync()")

    def _base(self, user: Entity | None, channel: Entity | None, dm: bool) -> dict[str, Any]:
        user_payload = self.users[_id(user or self.user)]
        if dm:
            chan = self.dm_channel(user_payload)
            guild = member = None
            member_perms = MEMBER_PERMISSIONS
            app_perms = MEMBER_PERMISSIONS
        else:
            chan = self.channels[_id(channel or self.channel)]
            guild = self.guilds[int(chan["guild_id"])]
            member = self.member(user_payload, guild)
            if member is None:
                raise LookupError(f"{user_payload['username']} is not a member of {guild['name']}")
            member_perms = self.permissions(user_payload, guild)
            app_perms = self.permissions(self.bot_user, guild)
        return dict(user=user_payload, channel=chan, guild=guild, member=member,
                    member_permissions=member_perms, app_permissions=app_perms)

    def _new_interaction(self, payload_factory: Callable[..., dict[str, Any]], base: dict[str, Any],
                         **kwargs: Any) -> FakeInteraction:
        iid, token = self.snowflake(), f"aW50ZXJhY3Rpb24{secrets.token_urlsafe(48)}"
        payload = payload_factory(interaction_id=iid, application_id=self.app_id, token=token, **base, **kwargs)
        inter = FakeInteraction(id=iid, token=token, type=payload["type"], payload=payload,
                                channel_id=int(payload["channel_id"]),
                                guild_id=int(payload["guild_id"]) if "guild_id" in payload else None)
        if "message" in payload:
            inter.message_id = int(payload["message"]["id"])
        self.interactions[token] = inter
        return inter

    async def _send_interaction(self, inter: FakeInteraction) -> FakeInteraction:
        await self._dispatch(self._session_for(inter.guild_id), "INTERACTION_CREATE", inter.payload)
        return inter

    async def slash(self, name: str, options: dict[str, Any] | None = None, *, user: Entity | None = None,
                    channel: Entity | None = None, dm: bool = False, locale: str = "en-GB") -> FakeInteraction:
        """Run `/name` (e.g. "ask" or "results season") with option values by name.

        Values are typed from the synced command definition: users/members, channels,
        roles and attachments may be given as payload dicts or ids and are put in
        `resolved` as Discord does. Missing required options or unknown names raise,
        because the Discord client would not let a user send them."""
        base = self._base(user, channel, dm)
        gid = int(base["guild"]["id"]) if base["guild"] else None
        command = self._command(name, gid)
        resolved: dict[str, Any] = {}
        opts = self._build_options(command, name.split()[1:], options or {}, resolved, base["guild"], focused=None)
        return await self._send_interaction(self._new_interaction(
            make_slash_interaction, base, command=command, options=opts, resolved=resolved, locale=locale))

    async def autocomplete(self, name: str, option: str, typed: str, *, options: dict[str, Any] | None = None,
                           user: Entity | None = None, channel: Entity | None = None) -> list[dict[str, Any]]:
        """Type `typed` into `option` of `/name` and return the choices the bot offers."""
        base = self._base(user, channel, False)
        command = self._command(name, int(base["guild"]["id"]))
        others = {k: v for k, v in (options or {}).items() if k != option}
        opts = self._build_options(command, name.split()[1:], {**others, option: typed}, {}, base["guild"],
                                   focused=option)
        inter = await self._send_interaction(self._new_interaction(
            make_autocomplete_interaction, base, command=command, options=opts))
        body = await self.wait_response(inter)
        return body["data"]["choices"]

    async def click(self, message: Entity, custom_id: str, *, user: Entity | None = None,
                    values: list[str] | None = None) -> FakeInteraction:
        """Click the button (or pick `values` in the select) `custom_id` on a message
        the fake holds. Raises if the message has no such enabled component."""
        msg = self.messages[_id(message)]
        component = self._find_component(msg.get("components") or [], custom_id)
        if component is None:
            raise LookupError(f"message {msg['id']} has no component {custom_id!r}")
        if component.get("disabled"):
            raise LookupError(f"component {custom_id!r} is disabled; Discord would not send the click")
        is_select = component["type"] in (3, 5, 6, 7, 8)
        if is_select and values is None:
            raise ValueError(f"{custom_id!r} is a select menu: pass values=[...]")
        base = self._base(user, int(msg["channel_id"]),
                          dm=self.channels[int(msg["channel_id"])]["type"] == 1)
        return await self._send_interaction(self._new_interaction(
            make_component_interaction, base, message=msg, custom_id=custom_id,
            component_type=component["type"], values=values if is_select else None))

    async def send_message(self, content: str, *, author: Entity | None = None, channel: Entity | None = None,
                           mentions: Iterable[Entity] = (), dm: bool = False) -> dict[str, Any]:
        """A user posts a message; dispatches MESSAGE_CREATE (subject to the bot's intents)."""
        user = self.users[_id(author or self.user)]
        chan = self.dm_channel(user) if dm else self.channels[_id(channel or self.channel)]
        gid = int(chan["guild_id"]) if chan.get("guild_id") else None
        mentioned = [self.users[_id(m)] for m in mentions]
        msg = make_message(self.snowflake(), int(chan["id"]), user, content, mentions=mentioned)
        self.messages[int(msg["id"])] = msg
        event = dict(msg)
        if gid is not None:
            event["guild_id"] = str(gid)
            member = self.member(user, gid)
            event["member"] = {k: v for k, v in (member or {}).items() if k != "user"}
            event["mentions"] = [{**u, "member": {k: v for k, v in (self.member(u, gid) or {}).items()
                                                   if k != "user"}} for u in mentioned]
        session = self._session_for(gid)
        needed = INTENT_DIRECT_MESSAGES if gid is None else INTENT_GUILD_MESSAGES
        if session.intents & needed:
            await self._dispatch(session, "MESSAGE_CREATE", self._content_gate(event, session))
        return msg

    async def mention(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """A user posts "@Bell Lap <text>" in a channel."""
        return await self.send_message(f"<@{self.app_id}> {text}", mentions=[self.bot_user], **kwargs)

    def _content_gate(self, event: dict[str, Any], session: GatewaySession) -> dict[str, Any]:
        """Without the MESSAGE_CONTENT intent Discord blanks content, except in DMs
        and messages that mention the bot."""
        if session.intents & INTENT_MESSAGE_CONTENT or "guild_id" not in event:
            return event
        if any(u["id"] == str(self.app_id) for u in event["mentions"]):
            return event
        return {**event, "content": "", "embeds": [], "attachments": [], "components": []}

    def component(self, message: Entity, custom_id: str) -> dict[str, Any] | None:
        """The component `custom_id` of a message the loopback holds, as it is now (None: no such message or
        component)."""
        msg = self.messages.get(_id(message))
        return None if msg is None else self._find_component(msg.get("components") or [], custom_id)

    @staticmethod
    def _find_component(components: list[dict[str, Any]], custom_id: str) -> dict[str, Any] | None:
        for comp in components:
            if comp.get("custom_id") == custom_id:
                return comp
            for key in ("components", "accessory"):
                inner = comp.get(key)
                found = LoopbackDiscord._find_component(inner if isinstance(inner, list) else [inner] if inner else [],
                                                    custom_id)
                if found is not None:
                    return found
        return None

    def _build_options(self, command: dict[str, Any], path: list[str], values: dict[str, Any],
                       resolved: dict[str, Any], guild: dict[str, Any] | None,
                       focused: str | None) -> list[dict[str, Any]]:
        defs = command.get("options") or []
        if path:
            sub = next((o for o in defs if o["name"] == path[0] and o["type"] in (OPTION_SUBCOMMAND, OPTION_GROUP)),
                       None)
            if sub is None:
                raise LookupError(f"/{command['name']} has no subcommand {path[0]!r}")
            return [{"type": sub["type"], "name": sub["name"],
                     "options": self._build_options(sub, path[1:], values, resolved, guild, focused)}]
        if any(o["type"] in (OPTION_SUBCOMMAND, OPTION_GROUP) for o in defs):
            raise LookupError(f"/{command['name']} needs a subcommand: one of {[o['name'] for o in defs]}")
        by_name = {o["name"]: o for o in defs}
        unknown = set(values) - set(by_name)
        if unknown:
            raise LookupError(f"/{command['name']} has no option(s) {sorted(unknown)}; it has {sorted(by_name)}")
        if focused is None:
            missing = [o["name"] for o in defs if o.get("required") and o["name"] not in values]
            if missing:
                raise LookupError(f"/{command['name']} requires {missing}")
        out = []
        for name, value in values.items():
            spec = by_name[name]
            if name == focused:
                out.append({"type": spec["type"], "name": name, "value": str(value), "focused": True})
            else:
                out.append({"type": spec["type"], "name": name,
                            "value": self._option_value(spec, value, resolved, guild)})
        return out

    def _option_value(self, spec: dict[str, Any], value: Any, resolved: dict[str, Any],
                      guild: dict[str, Any] | None) -> Any:
        kind = spec["type"]
        if spec.get("choices") and value not in [c["value"] for c in spec["choices"]]:
            raise ValueError(f"{value!r} is not one of the choices for {spec['name']}")
        if kind == OPTION_STRING:
            return str(value)
        if kind == OPTION_INTEGER:
            return int(value)
        if kind == OPTION_NUMBER:
            return float(value)
        if kind == OPTION_BOOLEAN:
            return bool(value)
        if kind == OPTION_ATTACHMENT:
            resolved.setdefault("attachments", {})[value["id"]] = value
            return value["id"]
        vid = _id(value)
        if kind in (OPTION_USER, OPTION_MENTIONABLE) and vid in self.users:
            resolved.setdefault("users", {})[str(vid)] = self.users[vid]
            member = self.member(vid, guild) if guild else None
            if guild and member is not None:
                resolved.setdefault("members", {})[str(vid)] = {
                    **{k: v for k, v in member.items() if k != "user"},
                    "permissions": str(self.permissions(vid, guild))}
            return str(vid)
        if kind in (OPTION_ROLE, OPTION_MENTIONABLE) and guild:
            role = next((r for r in guild["roles"] if r["id"] == str(vid)), None)
            if role is not None:
                resolved.setdefault("roles", {})[str(vid)] = role
                return str(vid)
        if kind == OPTION_CHANNEL and vid in self.channels:
            chan = self.channels[vid]
            resolved.setdefault("channels", {})[str(vid)] = {
                k: chan[k] for k in ("id", "type", "name", "parent_id", "flags") if k in chan} | {
                "permissions": str(MEMBER_PERMISSIONS)}
            return str(vid)
        raise LookupError(f"cannot resolve {value!r} for option {spec['name']} (type {kind})")

    def attachment(self, filename: str, data: bytes, *, content_type: str = "application/octet-stream") -> dict[str, Any]:
        """An attachment payload for an ATTACHMENT option (the file is served by the fake)."""
        aid = self.snowflake()
        self.attachments[aid] = data
        url = f"{self.base_url}/attachments/0/{aid}/{filename}"
        return {"id": str(aid), "filename": filename, "size": len(data), "url": url, "proxy_url": url,
                "content_type": content_type}

    # ---------------------------------------------------------------- waiting

    def _poke(self) -> None:
        waiters, self._waiters = self._waiters, []
        for fut in waiters:
            if not fut.done():
                fut.set_result(None)

    def record_bot_error(self, text: str) -> None:
        """Called by the log handler the start_bot fixture installs."""
        self.bot_errors.append(text)
        self._poke()

    def _raise_bot_errors(self) -> None:
        if len(self.bot_errors) > self._claimed_errors:
            raise BotError("the bot logged an error while the test waited:\n"
                           + "\n".join(self.bot_errors[self._claimed_errors:]))

    async def _wait_until(self, find: Callable[[], Any], what: str, *, check_errors: bool = True) -> Any:
        """find()'s first non-None result, looked for again whenever the fake is poked. Bounded by
        `wait_timeout` (None: only by the caller, e.g. `async with asyncio.timeout(...)` around the call);
        when that bound runs out, TimeoutError says what was awaited and what the bot did instead."""
        loop = asyncio.get_running_loop()
        scope = asyncio.timeout(self.wait_timeout)
        try:
            async with scope:
                while True:
                    found = find()
                    if found is not None:
                        return found
                    if check_errors:
                        self._raise_bot_errors()
                    fut = loop.create_future()
                    self._waiters.append(fut)
                    await fut
                    # One more turn of the loop before looking again (as the asyncio.wait_for this replaced
                    # took): the bot, on this loop, reads the answer that woke us and acts on it (say, registers
                    # the view of the message it just sent) before the caller's next move (a click) can reach it.
                    await asyncio.sleep(0)
        except TimeoutError:
            if not scope.expired():
                raise
        # One last look (a request answered as the time ran out still counts), then the explanation.
        found = find()
        if found is not None:
            return found
        if check_errors:
            self._raise_bot_errors()
        pending = [r for r in self.requests if not r.claimed]
        raise TimeoutError(f"timed out after {self.wait_timeout}s waiting for {what}; "
                           f"unclaimed requests: {pending}; violations: {self.violations}")

    async def wait_request(self, method: str | None = None, path: str | None = None, *,
                           where: Callable[[RecordedRequest], bool] | None = None) -> RecordedRequest:
        """The oldest answered request not yet returned by a wait_* call that matches:
        `method`, `path` (a spec template such as "/channels/{channel_id}/messages", or
        a literal path) and `where`. Requests made before the test started waiting count."""

        def find() -> RecordedRequest | None:
            for req in self.requests:
                if req.claimed or req.status is None:
                    continue
                if method is not None and req.method != method.upper():
                    continue
                if path is not None and path not in (req.template, req.path):
                    continue
                if where is not None and not where(req):
                    continue
                req.claimed = True
                return req
            return None

        return await self._wait_until(find, f"{method or '*'} {path or '*'}")

    def claim_all(self) -> None:
        """Mark every request so far as seen (start_bot does this after startup)."""
        for req in self.requests:
            req.claimed = True

    async def wait_response(self, interaction: FakeInteraction) -> dict[str, Any]:
        """The bot's interaction callback body (payload_json for multipart)."""
        req = await self.wait_request("POST", CALLBACK,
                                      where=lambda r: r.params["interaction_token"] == interaction.token)
        return req.json

    async def wait_followup(self, interaction: FakeInteraction) -> dict[str, Any]:
        """The body of the next followup message (POST /webhooks/{app}/{token})."""
        req = await self.wait_request("POST", FOLLOWUP,
                                      where=lambda r: r.params["webhook_token"] == interaction.token)
        return req.json

    async def wait_edit(self, interaction: FakeInteraction) -> dict[str, Any]:
        """The body of the next edit of the interaction's original response."""
        req = await self.wait_request("PATCH", ORIGINAL,
                                      where=lambda r: r.params["webhook_token"] == interaction.token)
        return req.json

    async def wait_message(self, channel: Entity | None = None) -> dict[str, Any]:
        """The body of the next message the bot posts with POST /channels/{id}/messages."""
        cid = None if channel is None else str(_id(channel))
        req = await self.wait_request("POST", CHANNEL_MESSAGES,
                                      where=lambda r: cid is None or r.params["channel_id"] == cid)
        return req.json

    async def wait_bot_error(self) -> str:
        """Claim the next error the bot logs (for tests that expect one)."""

        def find() -> str | None:
            if len(self.bot_errors) > self._claimed_errors:
                self._claimed_errors += 1
                return self.bot_errors[self._claimed_errors - 1]
            return None

        return await self._wait_until(find, "the bot to log an error", check_errors=False)

    def original(self, interaction: FakeInteraction) -> dict[str, Any]:
        """The current state of the interaction's original response message."""
        assert interaction.original_message_id is not None, "the interaction has no response message yet"
        return self.messages[interaction.original_message_id]

    @contextlib.contextmanager
    def expect_violations(self) -> Iterator[list[str]]:
        """For tests of the validator itself: violations raised inside the block are
        moved into the yielded list (so the fixture does not fail the test), and the
        block must produce at least one."""
        start = len(self.violations)
        caught: list[str] = []
        yield caught
        caught.extend(self.violations[start:])
        del self.violations[start:]
        assert caught, "expected the fake Discord to reject a request, but every body validated"

    # ---------------------------------------------------------------- REST

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = request.path[len(API_PREFIX):]
        req = RecordedRequest(method=request.method, path=path, query=dict(request.query),
                              headers=dict(request.headers), content_type=request.content_type)
        self.requests.append(req)
        try:
            status, body = await self._answer(request, req)
        except Exception as exc:  # a bug in the fake must fail the test, not hang it
            self.violations.append(f"fake Discord crashed on {req.method} {req.path}: {exc!r}")
            status, body = 500, {"message": "500: Internal Server Error", "code": 0}
        req.status, req.response = status, body
        self._poke()
        if status == 204 or body is None:
            return web.Response(status=204)
        # discord.py only parses JSON when content-type is exactly application/json
        # (no charset), so build the response by hand.
        return web.Response(status=status, body=json.dumps(body).encode(),
                            headers={"Content-Type": "application/json", **self._ratelimit_headers(req)})

    @staticmethod
    def _ratelimit_headers(req: RecordedRequest) -> dict[str, str]:
        # Generous, never-exhausted buckets: realistic headers without real waiting.
        return {"X-RateLimit-Limit": "50", "X-RateLimit-Remaining": "49", "X-RateLimit-Reset-After": "1.0",
                "X-RateLimit-Reset": f"{time.time() + 1:.3f}", "X-RateLimit-Bucket": f"fake:{req.template}"}

    async def _read_body(self, request: web.Request, req: RecordedRequest) -> str | None:
        """Fill req.json/req.files; return the media type the spec is checked against."""
        if request.content_type == JSON:
            req.json = json.loads(await request.text())
            return JSON
        if request.content_type == MULTIPART:
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, BodyPartReader):    # discord.py never nests a multipart body
                    raise ValueError(f"nested multipart part in {req.method} {req.path}")
                if part.name == "payload_json":
                    req.json = json.loads(await part.text())
                else:
                    req.files.append(UploadedFile(part.name or "", part.filename,
                                                  part.headers.get("Content-Type"), bytes(await part.read())))
            return MULTIPART
        raw = await request.read()
        if raw:
            self.violations.append(f"{req.method} {req.path}: unexpected body of type {request.content_type}")
        return None

    async def _answer(self, request: web.Request, req: RecordedRequest) -> tuple[int, Any]:
        media = await self._read_body(request, req)
        matched = match_operation(req.method, req.path)
        if matched is None:
            self.violations.append(f"{req.method} {req.path}: route not served by the fake Discord "
                                   "(add it to SERVED_OPERATIONS and a handler)")
            return 404, {"message": "404: Not Found", "code": 0}
        op, req.params = matched
        req.template = op.template

        bot_route = not op.template.startswith(("/webhooks/", "/interactions/"))
        if bot_route and request.headers.get("Authorization") != f"Bot {self.token}":
            self.violations.append(f"{req.method} {req.path}: missing or wrong bot token")
            return 401, {"message": "401: Unauthorized", "code": 0}

        problems = [] if self.validator is None else self.validator.check(
            req.method, op.template, media or JSON, req.json)
        if media == MULTIPART:
            problems += self._check_uploads(req)
        if problems:
            self.violations.extend(f"{req.method} {req.path}: {p}" for p in problems)
            return 400, {"message": "Invalid Form Body", "code": 50035, "errors": _error_tree(problems)}

        handler = self._handlers().get((req.method, op.template))
        assert handler is not None, f"no handler for {req.method} {op.template}"
        return await handler(req)

    @staticmethod
    def _check_uploads(req: RecordedRequest) -> list[Problem]:
        """Discord pairs attachments[].id with a files[id] part; a mismatch loses the file."""
        parts = {f.field for f in req.files}
        body = req.json or {}
        if req.template == CALLBACK:
            body = body.get("data") or {}
        wanted = {f"files[{a['id']}]" for a in body.get("attachments") or []
                  if isinstance(a, dict) and "filename" in a}
        op = f"{req.method} {req.template}"
        problems = [Problem(op, ("attachments",), f"{w} has no matching multipart part")
                    for w in sorted(wanted - parts)]
        problems += [Problem(op, ("attachments",), f"multipart part {p} is not listed in attachments")
                     for p in sorted(parts - wanted)]
        return problems

    def _handlers(self) -> dict[tuple[str, str], Callable[[RecordedRequest], Any]]:
        return {
            ("GET", "/users/@me"): self._get_me,
            ("GET", "/oauth2/applications/@me"): self._get_application,
            ("GET", "/gateway/bot"): self._get_gateway_bot,
            ("GET", "/applications/{application_id}/commands"): self._get_commands,
            ("PUT", "/applications/{application_id}/commands"): self._put_commands,
            ("GET", "/applications/{application_id}/guilds/{guild_id}/commands"): self._get_commands,
            ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"): self._put_commands,
            ("POST", CALLBACK): self._callback,
            ("POST", FOLLOWUP): self._followup,
            ("GET", ORIGINAL): self._webhook_message,
            ("PATCH", ORIGINAL): self._webhook_message,
            ("DELETE", ORIGINAL): self._webhook_message,
            ("GET", WEBHOOK_MESSAGE): self._webhook_message,
            ("PATCH", WEBHOOK_MESSAGE): self._webhook_message,
            ("DELETE", WEBHOOK_MESSAGE): self._webhook_message,
            ("POST", CHANNEL_MESSAGES): self._create_channel_message,
            ("GET", CHANNEL_MESSAGE): self._channel_message,
            ("PATCH", CHANNEL_MESSAGE): self._channel_message,
            ("DELETE", CHANNEL_MESSAGE): self._channel_message,
            ("POST", "/channels/{channel_id}/typing"): self._typing,
            ("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me"): self._react,
        }

    async def _get_me(self, req: RecordedRequest) -> tuple[int, Any]:
        return 200, {**self.bot_user, "verified": True, "mfa_enabled": False, "locale": "en-GB", "email": None}

    async def _get_application(self, req: RecordedRequest) -> tuple[int, Any]:
        return 200, {
            "id": str(self.app_id), "name": "Bell Lap", "icon": None, "description": "Athletics facts and results",
            "summary": "", "type": None, "bot_public": True, "bot_require_code_grant": False,
            "owner": self.owner, "team": None, "verify_key": "0" * 64, "flags": 0, "bot": self.bot_user,
            "rpc_origins": [], "redirect_uris": [], "tags": [], "interactions_endpoint_url": None,
            "role_connections_verification_url": None, "approximate_guild_count": len(self.guilds),
            "integration_types_config": {"0": {}}, "hook": True, "is_monetized": False,
            "is_verified": False, "is_discoverable": False, "storefront_available": False,
        }

    async def _get_gateway_bot(self, req: RecordedRequest) -> tuple[int, Any]:
        return 200, {"url": self.gateway_url, "shards": self.shard_count,
                     "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0,
                                             "max_concurrency": 1}}

    def _check_app(self, req: RecordedRequest) -> tuple[int, Any] | None:
        if req.params["application_id"] != str(self.app_id):
            self.violations.append(f"{req.method} {req.path}: wrong application id")
            return 404, {"message": "Unknown Application", "code": 10002}
        return None

    async def _get_commands(self, req: RecordedRequest) -> tuple[int, Any]:
        if (bad := self._check_app(req)) is not None:
            return bad
        gid = req.params.get("guild_id")
        return 200, self.guild_commands.get(int(gid), []) if gid else self.global_commands

    async def _put_commands(self, req: RecordedRequest) -> tuple[int, Any]:
        """Bulk overwrite. Like Discord, a command keeps its id while name and type match."""
        if (bad := self._check_app(req)) is not None:
            return bad
        gid = req.params.get("guild_id")
        if gid is not None and int(gid) not in self.guilds:
            return 404, {"message": "Unknown Guild", "code": 10004}
        old = {(c["name"], c.get("type", 1)): c for c in
               (self.guild_commands.get(int(gid), []) if gid else self.global_commands)}
        registered = []
        for cmd in req.json or []:
            prev = old.get((cmd["name"], cmd.get("type", 1)))
            full = {
                "type": 1, "description": "", "options": [], "default_member_permissions": None, "nsfw": False,
                "contexts": None, "integration_types": [0], "name_localizations": None,
                "description_localizations": None, **cmd,
                "id": prev["id"] if prev else str(self.snowflake()), "application_id": str(self.app_id),
                "version": str(self.snowflake()),
            }
            if gid is not None:
                full["guild_id"] = gid
            registered.append(full)
        if gid is not None:
            self.guild_commands[int(gid)] = registered
        else:
            self.global_commands = registered
        return 200, registered

    # -- messages

    def _attachments_from(self, body: dict[str, Any], files: list[UploadedFile], channel_id: int,
                          existing: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Kept attachments (listed by id) plus uploads (listed with a files[n] part)."""
        uploads = {f.field: f for f in files}
        kept = {a["id"]: a for a in existing or []}
        out = []
        for entry in body.get("attachments") or []:
            upload = uploads.get(f"files[{entry['id']}]")
            if upload is None:
                if str(entry["id"]) in kept:
                    out.append(kept[str(entry["id"])])
                continue
            aid = self.snowflake()
            self.attachments[aid] = upload.data
            url = f"{self.base_url}/attachments/{channel_id}/{aid}/{upload.filename}"
            att = {"id": str(aid), "filename": upload.filename, "size": len(upload.data), "url": url,
                   "proxy_url": url, "content_type": upload.content_type}
            if entry.get("description"):
                att["description"] = entry["description"]
            out.append(att)
        return out

    def _mentions(self, body: dict[str, Any], default_allowed: bool = True) -> list[dict[str, Any]]:
        """Who a message pings: users named in the content, filtered by allowed_mentions."""
        content = body.get("content") or ""
        named = [int(m) for m in re.findall(r"<@!?(\d+)>", content)]
        allowed = body.get("allowed_mentions")
        if allowed is not None:
            listed = {int(u) for u in allowed.get("users") or []}
            parse_users = "users" in (allowed.get("parse") or [])
            named = [u for u in named if parse_users or u in listed]
        elif not default_allowed:
            named = []
        return [self.users[u] for u in dict.fromkeys(named) if u in self.users]

    def _create_message(self, body: dict[str, Any], files: list[UploadedFile], channel_id: int, *,
                        flags: int = 0, type: int = 0, **extra: Any) -> dict[str, Any]:
        chan = self.channels[channel_id]
        embeds = [{"type": "rich", **e} for e in body.get("embeds") or []]
        msg = make_message(self.snowflake(), channel_id, self.bot_user, body.get("content") or "",
                           embeds=embeds, components=body.get("components") or [],
                           attachments=self._attachments_from(body, files, channel_id),
                           mentions=self._mentions(body), flags=flags | (body.get("flags") or 0),
                           type=type, **extra)
        if chan.get("guild_id"):
            msg["guild_id"] = chan["guild_id"]
        self.messages[int(msg["id"])] = msg
        self._notify("create", msg)
        return msg

    def _notify(self, kind: str, msg: dict[str, Any]) -> None:
        for listener in self.message_listeners:
            listener(kind, msg)

    def _edit_message(self, msg: dict[str, Any], body: dict[str, Any], files: list[UploadedFile]) -> dict[str, Any]:
        for key in ("content", "components"):
            if key in body:
                msg[key] = body[key] if body[key] is not None else ("" if key == "content" else [])
        if "embeds" in body:
            msg["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "attachments" in body or files:
            msg["attachments"] = self._attachments_from(body, files, int(msg["channel_id"]), msg["attachments"])
        if "content" in body:
            msg["mentions"] = self._mentions(body)
        if body.get("flags") is not None:
            msg["flags"] = (msg["flags"] & ~EDITABLE_FLAGS) | (body["flags"] & EDITABLE_FLAGS)
        msg["flags"] &= ~FLAG_LOADING
        msg["edited_timestamp"] = iso_now()
        self._notify("edit", msg)
        return msg

    async def _echo(self, msg: dict[str, Any]) -> None:
        """Discord also sends the bot its own non-ephemeral messages as MESSAGE_CREATE."""
        if msg["flags"] & FLAG_EPHEMERAL or not self.sessions:
            return
        gid = int(msg["guild_id"]) if "guild_id" in msg else None
        session = self._session_for(gid)
        needed = INTENT_DIRECT_MESSAGES if gid is None else INTENT_GUILD_MESSAGES
        if session.intents & needed:
            event = dict(msg)
            if gid is not None:
                event["member"] = {k: v for k, v in (self.member(self.bot_user, gid) or {}).items() if k != "user"}
            await self._dispatch(session, "MESSAGE_CREATE", self._content_gate(event, session))

    async def _create_channel_message(self, req: RecordedRequest) -> tuple[int, Any]:
        cid = int(req.params["channel_id"])
        if cid not in self.channels:
            return 404, {"message": "Unknown Channel", "code": 10003}
        extra: dict[str, Any] = {}
        ref = (req.json or {}).get("message_reference")
        if ref:
            referenced = self.messages.get(int(ref["message_id"]))
            if referenced is None:
                return 400, {"message": "Invalid Form Body", "code": 50035,
                             "errors": {"message_reference": "Unknown message"}}
            extra = {"message_reference": {"type": 0, "channel_id": str(cid), "message_id": referenced["id"],
                                           **({"guild_id": referenced["guild_id"]} if "guild_id" in referenced else {})},
                     "referenced_message": referenced}
        msg = self._create_message(req.json or {}, req.files, cid, type=19 if ref else 0, **extra)
        await self._echo(msg)
        return 200, msg

    async def _channel_message(self, req: RecordedRequest) -> tuple[int, Any]:
        msg = self.messages.get(int(req.params["message_id"]))
        if msg is None or msg["channel_id"] != req.params["channel_id"] or msg["flags"] & FLAG_EPHEMERAL:
            return 404, {"message": "Unknown Message", "code": 10008}
        if req.method == "GET":
            return 200, msg
        if msg["author"]["id"] != str(self.app_id):
            return 403, {"message": "Cannot edit a message authored by another user", "code": 50005}
        if req.method == "DELETE":
            del self.messages[int(msg["id"])]
            return 204, None
        return 200, self._edit_message(msg, req.json or {}, req.files)

    async def _typing(self, req: RecordedRequest) -> tuple[int, Any]:
        return 204, None

    async def _react(self, req: RecordedRequest) -> tuple[int, Any]:
        msg = self.messages.get(int(req.params["message_id"]))
        if msg is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        name = req.params["emoji_name"]
        custom = re.fullmatch(r"(\w+):(\d+)", name)
        emoji = {"id": custom.group(2), "name": custom.group(1)} if custom else {"id": None, "name": name}
        for reaction in msg["reactions"]:
            if reaction["emoji"] == emoji:
                if not reaction["me"]:
                    reaction["me"], reaction["count"] = True, reaction["count"] + 1
                break
        else:
            msg["reactions"].append({"emoji": emoji, "count": 1, "me": True, "me_burst": False, "burst_count": 0,
                                     "count_details": {"burst": 0, "normal": 1}, "burst_colors": []})
        return 204, None

    # -- interactions

    def _interaction_message(self, inter: FakeInteraction, req: RecordedRequest, *, flags: int) -> dict[str, Any]:
        user = inter.payload.get("member", {}).get("user") or inter.payload["user"]
        metadata = {"id": str(inter.id), "type": inter.type, "user": user,
                    "authorizing_integration_owners": inter.payload["authorizing_integration_owners"]}
        if inter.message_id is not None:
            metadata["interacted_message_id"] = str(inter.message_id)
        msg_type = 20 if inter.type == APPLICATION_COMMAND else 0
        body = (req.json or {}).get("data") or {} if req.template == CALLBACK else req.json or {}
        return self._create_message(body, req.files, inter.channel_id, flags=flags, type=msg_type,
                                    webhook_id=str(self.app_id), application_id=str(self.app_id),
                                    interaction_metadata=metadata)

    async def _callback(self, req: RecordedRequest) -> tuple[int, Any]:
        inter = self.interactions.get(req.params["interaction_token"])
        if inter is None or str(inter.id) != req.params["interaction_id"]:
            self.violations.append(f"callback for an unknown interaction: {req.path}")
            return 404, {"message": "Unknown interaction", "code": 10062}
        if inter.callback_type is not None:
            self.violations.append(f"interaction {inter.id} acknowledged twice")
            return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
        body = req.json
        cb = body["type"]
        if cb not in ALLOWED_CALLBACKS.get(inter.type, set()):
            self.violations.append(f"callback type {cb} is not valid for interaction type {inter.type}")
            return 400, {"message": "Invalid interaction response type", "code": 50035}
        inter.callback_type = cb
        data = body.get("data") or {}
        message = None
        if cb == CB_MESSAGE:
            message = self._interaction_message(inter, req, flags=0)
        elif cb == CB_DEFERRED_MESSAGE:
            message = self._interaction_message(inter, req, flags=FLAG_LOADING | (data.get("flags") or 0))
        elif cb in (CB_DEFERRED_UPDATE, CB_UPDATE):
            message = self.messages[inter.message_id]  # type: ignore[index]
            if cb == CB_UPDATE:
                self._edit_message(message, data, req.files)
        if message is not None:
            inter.original_message_id = int(message["id"])
        if cb in (CB_MESSAGE, CB_DEFERRED_MESSAGE) and message is not None:
            await self._echo(message)
        if req.query.get("with_response") not in ("1", "true", "True"):
            return 204, None
        result: dict[str, Any] = {"interaction": {
            "id": str(inter.id), "type": inter.type,
            "response_message_loading": cb == CB_DEFERRED_MESSAGE,
            "response_message_ephemeral": bool(message and message["flags"] & FLAG_EPHEMERAL)}}
        if message is not None:
            result["interaction"]["response_message_id"] = message["id"]
            result["resource"] = {"type": cb, "message": message}
        elif cb != CB_AUTOCOMPLETE:
            result["resource"] = {"type": cb}
        return 200, result

    def _webhook_interaction(self, req: RecordedRequest) -> FakeInteraction | None:
        inter = self.interactions.get(req.params["webhook_token"])
        if req.params["webhook_id"] != str(self.app_id) or inter is None:
            self.violations.append(f"{req.method} {req.path}: unknown webhook")
            return None
        if inter.callback_type is None:
            self.violations.append(f"{req.method} {req.path}: used before the interaction was acknowledged")
            return None
        return inter

    async def _followup(self, req: RecordedRequest) -> tuple[int, Any]:
        inter = self._webhook_interaction(req)
        if inter is None:
            return 404, {"message": "Unknown Webhook", "code": 10015}
        original = self.messages.get(inter.original_message_id or 0)
        if original is not None and original["flags"] & FLAG_LOADING:
            # Discord turns the first followup after a "thinking" defer into the
            # edit of the loading message rather than a new message.
            msg = self._edit_message(original, req.json or {}, req.files)
        else:
            msg = self._interaction_message(inter, req, flags=0)
            inter.followup_ids.append(int(msg["id"]))
            await self._echo(msg)
        return (200, msg) if req.query.get("wait") in ("1", "true", "True") else (204, None)

    async def _webhook_message(self, req: RecordedRequest) -> tuple[int, Any]:
        inter = self._webhook_interaction(req)
        if inter is None:
            return 404, {"message": "Unknown Webhook", "code": 10015}
        if "message_id" in req.params:
            mid = int(req.params["message_id"])
            if mid != inter.original_message_id and mid not in inter.followup_ids:
                return 404, {"message": "Unknown Message", "code": 10008}
        elif inter.original_message_id is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        else:
            mid = inter.original_message_id
        msg = self.messages.get(mid)
        if msg is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        if req.method == "GET":
            return 200, msg
        if req.method == "DELETE":
            del self.messages[mid]
            return 204, None
        return 200, self._edit_message(msg, req.json or {}, req.files)

    async def _serve_attachment(self, request: web.Request) -> web.Response:
        data = self.attachments.get(int(request.match_info["attachment_id"]))
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data)


def _error_tree(problems: list[Problem]) -> dict[str, Any]:
    """Discord's nested 400 error format, which discord.py flattens into
    "In data.embeds.0.title: ..." lines of the HTTPException message."""
    tree: dict[str, Any] = {}
    for problem in problems:
        node = tree
        for key in problem.path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": "SPEC_VALIDATION", "message": problem.message})
    return tree


class BotErrorLog(logging.Handler):
    """Routes ERROR records from discord.py's loggers (exceptions in commands, views
    and events) to the fake, so a waiting test fails at once instead of timing out."""

    def __init__(self, fake: LoopbackDiscord, loop: asyncio.AbstractEventLoop):
        super().__init__(level=logging.ERROR)
        self.fake, self.loop = fake, loop

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.loop.call_soon_threadsafe(self.fake.record_bot_error, text)
