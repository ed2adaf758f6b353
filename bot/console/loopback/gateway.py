"""The loopback's gateway: the WebSocket discord.py connects to (HELLO, IDENTIFY, RESUME, heartbeats, member
chunks), one session per shard, and the events sent down it."""
from __future__ import annotations

import asyncio
import json
import secrets
import zlib
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from bot.console.loopback.journal import Journal
from bot.console.loopback.payloads import (
    FLAG_EPHEMERAL,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MESSAGES,
    INTENT_GUILDS,
    INTENT_MESSAGE_CONTENT,
    Entity,
    id_of,
)
from bot.console.loopback.records import Address
from bot.console.loopback.world import World

HEARTBEAT_INTERVAL_MS = 41250


class Connection:
    """One gateway WebSocket; serialises sends so the zlib stream stays in order."""

    def __init__(self, ws: web.WebSocketResponse, compress: bool):
        self.ws = ws
        self.lock = asyncio.Lock()
        self._zlib = zlib.compressobj() if compress else None

    async def send(self, payload: dict[str, Any]) -> None:
        async with self.lock:
            await self.send_locked(payload)

    async def send_locked(self, payload: dict[str, Any]) -> None:
        """send() for a caller that holds `lock` already (a RESUME's replay)."""
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
    conn: Connection | None = None


class Gateway:
    """Sessions by id, what each shard is sent, and the counts tests look at (heartbeats, resumes, the path
    each WebSocket connected to)."""

    def __init__(self, world: World, journal: Journal, address: Address, *, token: str) -> None:
        self.world = world
        self.journal = journal
        self.address = address
        self.token = token
        self.sessions: dict[str, GatewaySession] = {}
        self.gateway_connections: list[str] = []  # path each WebSocket connected to
        self.heartbeats = 0
        self.resumes = 0
        self._sockets: set[web.WebSocketResponse] = set()

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close(code=1001)

    # ---------------------------------------------------------------- the socket

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """One WebSocket, from HELLO until the bot (or the server) closes it."""
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        self._sockets.add(ws)
        self.gateway_connections.append(request.path)
        conn = Connection(ws, compress=request.query.get("compress") == "zlib-stream")
        session: GatewaySession | None = None
        if request.query.get("v") != "10" or request.query.get("encoding") != "json":
            self.journal.violations.append(f"gateway connected with unexpected query {dict(request.query)}")
        try:
            await conn.send({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": None, "t": None})
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
                    self.journal.violations.append(f"gateway op {op} not understood: {frame}")
        finally:
            if session is not None and session.conn is conn:
                session.conn = None
            self._sockets.discard(ws)
        return ws

    async def _identify(self, conn: Connection, d: dict[str, Any]) -> GatewaySession | None:
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
            "user": self.world.bot_user,
            "guilds": [{"id": g["id"], "unavailable": True} for g in self._shard_guilds(session)],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.address.resume_url,
            "application": {"id": str(self.world.app_id), "flags": 0},
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
        await self.send_event(session, "READY", ready)
        if session.intents & INTENT_GUILDS:
            for guild in self._shard_guilds(session):
                await self.send_event(session, "GUILD_CREATE", guild)
        return session

    async def _resume(self, conn: Connection, d: dict[str, Any]) -> GatewaySession | None:
        session = self.sessions.get(d.get("session_id", ""))
        if session is None or d.get("token") != self.token:
            await conn.send({"op": 9, "d": False, "s": None, "t": None})
            return None
        async with conn.lock:
            # Replay what the bot missed, then go live; holding the lock keeps
            # new events from overtaking the replay.
            for frame in session.history:
                if frame["s"] > (d.get("seq") or 0):
                    await conn.send_locked(frame)
            session.seq += 1
            await conn.send_locked({"op": 0, "t": "RESUMED", "s": session.seq, "d": {}})
            session.conn = conn
        self.resumes += 1
        self.journal.poke()
        return session

    async def _send_chunk(self, session: GatewaySession, d: dict[str, Any]) -> None:
        ids = d["guild_id"] if isinstance(d["guild_id"], list) else [d["guild_id"]]
        for gid in ids:
            guild = self.world.guilds[int(gid)]
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
            await self.send_event(session, "GUILD_MEMBERS_CHUNK", chunk)

    # ---------------------------------------------------------------- events

    def _shard_guilds(self, session: GatewaySession) -> list[dict[str, Any]]:
        return [g for gid, g in self.world.guilds.items() if (gid >> 22) % session.shard_count == session.shard_id]

    def session_for(self, guild_id: int | None) -> GatewaySession:
        """The newest session of the shard that owns `guild_id` (shard 0 for DMs)."""
        for session in reversed(list(self.sessions.values())):  # newest first
            shard = 0 if guild_id is None else (guild_id >> 22) % session.shard_count
            if session.shard_id == shard:
                return session
        raise RuntimeError("no gateway session: is the bot running (start_bot fixture)?")

    async def send_event(self, session: GatewaySession, event: str, data: dict[str, Any]) -> None:
        """A DISPATCH frame, numbered and kept for a RESUME's replay; sent now if the shard is connected."""
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.history.append(frame)
        conn = session.conn
        if conn is not None and not conn.ws.closed:
            await conn.send(frame)

    async def dispatch(self, event: str, data: dict[str, Any], *, guild: Entity | None = None) -> None:
        """Send any gateway event to the shard that owns `guild` (shard 0 for DMs).
        If the bot is between connections it gets the event on RESUME."""
        await self.send_event(self.session_for(None if guild is None else id_of(guild)), event, data)

    async def reconnect(self, *, guild: Entity | None = None) -> None:
        """Ask the bot to reconnect (op 7 RECONNECT) and wait until it has RESUMEd."""
        session = self.session_for(None if guild is None else id_of(guild))
        before = self.resumes
        assert session.conn is not None, "the bot is not connected"
        await session.conn.send({"op": 7, "d": None, "s": None, "t": None})
        await self.journal.wait_until(lambda: True if self.resumes > before else None, "the bot to RESUME")

    # ---------------------------------------------------------------- messages

    async def message_created(self, event: dict[str, Any], guild_id: int | None) -> None:
        """MESSAGE_CREATE for a message in `guild_id` (None: a DM), if the bot's intents ask for it, with
        the content blanked as Discord blanks it without the MESSAGE_CONTENT intent."""
        session = self.session_for(guild_id)
        needed = INTENT_DIRECT_MESSAGES if guild_id is None else INTENT_GUILD_MESSAGES
        if session.intents & needed:
            await self.send_event(session, "MESSAGE_CREATE", self._content_gate(event, session))

    async def echo(self, msg: dict[str, Any]) -> None:
        """Discord also sends the bot its own non-ephemeral messages as MESSAGE_CREATE."""
        if msg["flags"] & FLAG_EPHEMERAL or not self.sessions:
            return
        gid = int(msg["guild_id"]) if "guild_id" in msg else None
        event = dict(msg)
        if gid is not None:
            member = self.world.member(self.world.bot_user, gid) or {}
            event["member"] = {k: v for k, v in member.items() if k != "user"}
        await self.message_created(event, gid)

    def _content_gate(self, event: dict[str, Any], session: GatewaySession) -> dict[str, Any]:
        """Without the MESSAGE_CONTENT intent Discord blanks content, except in DMs
        and messages that mention the bot."""
        if session.intents & INTENT_MESSAGE_CONTENT or "guild_id" not in event:
            return event
        if any(u["id"] == str(self.world.app_id) for u in event["mentions"]):
            return event
        return {**event, "content": "", "embeds": [], "attachments": [], "components": []}
