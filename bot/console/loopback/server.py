"""LoopbackDiscord: the world (world.py) and its record (journal.py), served on 127.0.0.1 through the gateway
(gateway.py) and the REST API (rest.py and its api_*.py routes), and the user's side of Discord: slash
commands, autocomplete, clicks and messages.

See bot/console/loopback/__init__.py.
"""
from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from aiohttp import web

from bot.console.loopback.api_application import ApplicationRoutes
from bot.console.loopback.api_channels import ChannelRoutes
from bot.console.loopback.api_interactions import InteractionRoutes
from bot.console.loopback.bot_messages import BotMessages
from bot.console.loopback.gateway import Gateway, GatewaySession
from bot.console.loopback.journal import Journal
from bot.console.loopback.options import build_options
from bot.console.loopback.payloads import (
    API_PREFIX,
    GATEWAY_PATH,
    RESUME_PATH,
    Entity,
    id_of,
    make_autocomplete_interaction,
    make_component_interaction,
    make_message,
    make_slash_interaction,
)
from bot.console.loopback.records import Address, FakeInteraction, WorldIds
from bot.console.loopback.rest import RestApi
from bot.console.loopback.routes import Validator
from bot.console.loopback.world import World, find_component

SELECT_MENUS = (3, 5, 6, 7, 8)       # component types that are picked from rather than clicked


class LoopbackDiscord(World, Journal):
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
        World.__init__(self, guild_name=guild_name, channel_name=channel_name, username=username,
                       world_ids=world_ids)
        Journal.__init__(self, wait_timeout=wait_timeout)
        self.validator = validator
        self.shard_count = shard_count
        self.token = f"fake.{secrets.token_urlsafe(16)}"
        self.address = Address()
        self.gateway = Gateway(self, self, self.address, token=self.token)
        bot_messages = BotMessages(self, self.address)
        handlers = {**ApplicationRoutes(self, self, self.address, shard_count=shard_count).handlers(),
                    **ChannelRoutes(self, bot_messages, self.gateway).handlers(),
                    **InteractionRoutes(self, self, bot_messages, self.gateway).handlers()}
        self.rest = RestApi(self, handlers, token=self.token, validator=validator)
        self._runner: web.AppRunner | None = None

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get(GATEWAY_PATH, self.gateway.handle)
        app.router.add_get(RESUME_PATH, self.gateway.handle)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self._serve_attachment)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self.rest.handle)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _serve_attachment(self, request: web.Request) -> web.Response:
        data = self.attachments.get(int(request.match_info["attachment_id"]))
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data)

    @property
    def port(self) -> int | None:
        return self.address.port

    @port.setter
    def port(self, port: int | None) -> None:
        self.address.port = port

    @property
    def base_url(self) -> str:
        return self.address.base_url

    @property
    def api_base(self) -> str:
        """What discord.http.Route.BASE must be set to."""
        return self.address.api_base

    @property
    def gateway_url(self) -> str:
        """What GET /gateway/bot returns and DiscordWebSocket.DEFAULT_GATEWAY must be."""
        return self.address.gateway_url

    # ---------------------------------------------------------------- the gateway, as tests look at it

    @property
    def sessions(self) -> dict[str, GatewaySession]:
        return self.gateway.sessions

    @property
    def gateway_connections(self) -> list[str]:
        return self.gateway.gateway_connections

    @property
    def heartbeats(self) -> int:
        return self.gateway.heartbeats

    @property
    def resumes(self) -> int:
        return self.gateway.resumes

    async def dispatch(self, event: str, data: dict[str, Any], *, guild: Entity | None = None) -> None:
        """Send any gateway event to the shard that owns `guild` (shard 0 for DMs).
        If the bot is between connections it gets the event on RESUME."""
        await self.gateway.dispatch(event, data, guild=guild)

    async def reconnect(self, *, guild: Entity | None = None) -> None:
        """Ask the bot to reconnect (op 7 RECONNECT) and wait until it has RESUMEd."""
        await self.gateway.reconnect(guild=guild)

    # ---------------------------------------------------------------- the user's side

    async def _send_interaction(self, inter: FakeInteraction) -> FakeInteraction:
        await self.gateway.send_event(self.gateway.session_for(inter.guild_id), "INTERACTION_CREATE", inter.payload)
        return inter

    async def slash(self, name: str, options: dict[str, Any] | None = None, *, user: Entity | None = None,
                    channel: Entity | None = None, dm: bool = False, locale: str = "en-GB") -> FakeInteraction:
        """Run `/name` (e.g. "ask" or "results season") with option values by name.

        Values are typed from the synced command definition: users/members, channels,
        roles and attachments may be given as payload dicts or ids and are put in
        `resolved` as Discord does. Missing required options or unknown names raise,
        because the Discord client would not let a user send them."""
        actor = self.actor(user, channel, dm)
        gid = int(actor["guild"]["id"]) if actor["guild"] else None
        command = self.command(name, gid)
        resolved: dict[str, Any] = {}
        opts = build_options(self, command, name.split()[1:], options or {}, resolved, actor["guild"], focused=None)
        return await self._send_interaction(self.new_interaction(
            make_slash_interaction, actor, command=command, options=opts, resolved=resolved, locale=locale))

    async def autocomplete(self, name: str, option: str, typed: str, *, options: dict[str, Any] | None = None,
                           user: Entity | None = None, channel: Entity | None = None) -> list[dict[str, Any]]:
        """Type `typed` into `option` of `/name` and return the choices the bot offers."""
        actor = self.actor(user, channel, False)
        command = self.command(name, int(actor["guild"]["id"]))
        others = {k: v for k, v in (options or {}).items() if k != option}
        opts = build_options(self, command, name.split()[1:], {**others, option: typed}, {}, actor["guild"],
                             focused=option)
        inter = await self._send_interaction(self.new_interaction(
            make_autocomplete_interaction, actor, command=command, options=opts))
        body = await self.wait_response(inter)
        return body["data"]["choices"]

    async def click(self, message: Entity, custom_id: str, *, user: Entity | None = None,
                    values: list[str] | None = None) -> FakeInteraction:
        """Click the button (or pick `values` in the select) `custom_id` on a message
        the fake holds. Raises if the message has no such enabled component."""
        msg = self.messages[id_of(message)]
        component = find_component(msg.get("components") or [], custom_id)
        if component is None:
            raise LookupError(f"message {msg['id']} has no component {custom_id!r}")
        if component.get("disabled"):
            raise LookupError(f"component {custom_id!r} is disabled; Discord would not send the click")
        is_select = component["type"] in SELECT_MENUS
        if is_select and values is None:
            raise ValueError(f"{custom_id!r} is a select menu: pass values=[...]")
        actor = self.actor(user, int(msg["channel_id"]), dm=self.channels[int(msg["channel_id"])]["type"] == 1)
        return await self._send_interaction(self.new_interaction(
            make_component_interaction, actor, message=msg, custom_id=custom_id,
            component_type=component["type"], values=values if is_select else None))

    async def send_message(self, content: str, *, author: Entity | None = None, channel: Entity | None = None,
                           mentions: Iterable[Entity] = (), dm: bool = False) -> dict[str, Any]:
        """A user posts a message; dispatches MESSAGE_CREATE (subject to the bot's intents)."""
        user = self.users[id_of(author or self.user)]
        chan = self.dm_channel(user) if dm else self.channels[id_of(channel or self.channel)]
        gid = int(chan["guild_id"]) if chan.get("guild_id") else None
        mentioned = [self.users[id_of(m)] for m in mentions]
        msg = make_message(self.snowflake(), int(chan["id"]), user, content, mentions=mentioned)
        self.messages[int(msg["id"])] = msg
        event = dict(msg)
        if gid is not None:
            event["guild_id"] = str(gid)
            member = self.member(user, gid)
            event["member"] = {k: v for k, v in (member or {}).items() if k != "user"}
            event["mentions"] = [{**u, "member": {k: v for k, v in (self.member(u, gid) or {}).items()
                                                   if k != "user"}} for u in mentioned]
        await self.gateway.message_created(event, gid)
        return msg

    async def mention(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """A user posts "@Bell Lap <text>" in a channel."""
        return await self.send_message(f"<@{self.app_id}> {text}", mentions=[self.bot_user], **kwargs)

    def attachment(self, filename: str, data: bytes, *, content_type: str = "application/octet-stream") -> dict[str, Any]:
        """An attachment payload for an ATTACHMENT option (the file is served by the fake)."""
        aid = self.store_attachment(data)
        url = f"{self.base_url}/attachments/0/{aid}/{filename}"
        return {"id": str(aid), "filename": filename, "size": len(data), "url": url, "proxy_url": url,
                "content_type": content_type}
