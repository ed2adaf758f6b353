"""REST routes on channels: the bot posts (a reply too), reads, edits and deletes its messages, types, and
reacts."""
from __future__ import annotations

import re
from typing import Any

from bot.console.loopback.bot_messages import BotMessages
from bot.console.loopback.gateway import Gateway
from bot.console.loopback.payloads import CHANNEL_MESSAGE, CHANNEL_MESSAGES, FLAG_EPHEMERAL
from bot.console.loopback.records import RecordedRequest
from bot.console.loopback.routes import Handler
from bot.console.loopback.world import World

REPLY = 19                    # the message type of a reply


class ChannelRoutes:
    def __init__(self, world: World, messages: BotMessages, gateway: Gateway) -> None:
        self.world = world
        self.messages = messages
        self.gateway = gateway

    def handlers(self) -> dict[tuple[str, str], Handler]:
        return {
            ("POST", CHANNEL_MESSAGES): self._create_message,
            ("GET", CHANNEL_MESSAGE): self._message,
            ("PATCH", CHANNEL_MESSAGE): self._message,
            ("DELETE", CHANNEL_MESSAGE): self._message,
            ("POST", "/channels/{channel_id}/typing"): self._typing,
            ("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me"): self._react,
        }

    async def _create_message(self, req: RecordedRequest) -> tuple[int, Any]:
        cid = int(req.params["channel_id"])
        if cid not in self.world.channels:
            return 404, {"message": "Unknown Channel", "code": 10003}
        extra: dict[str, Any] = {}
        ref = (req.json or {}).get("message_reference")
        if ref:
            referenced = self.world.messages.get(int(ref["message_id"]))
            if referenced is None:
                return 400, {"message": "Invalid Form Body", "code": 50035,
                             "errors": {"message_reference": "Unknown message"}}
            extra = {"message_reference": {"type": 0, "channel_id": str(cid), "message_id": referenced["id"],
                                           **({"guild_id": referenced["guild_id"]} if "guild_id" in referenced else {})},
                     "referenced_message": referenced}
        msg = self.messages.create(req.json or {}, req.files, cid, type=REPLY if ref else 0, **extra)
        await self.gateway.echo(msg)
        return 200, msg

    async def _message(self, req: RecordedRequest) -> tuple[int, Any]:
        msg = self.world.messages.get(int(req.params["message_id"]))
        if msg is None or msg["channel_id"] != req.params["channel_id"] or msg["flags"] & FLAG_EPHEMERAL:
            return 404, {"message": "Unknown Message", "code": 10008}
        if req.method == "GET":
            return 200, msg
        if msg["author"]["id"] != str(self.world.app_id):
            return 403, {"message": "Cannot edit a message authored by another user", "code": 50005}
        if req.method == "DELETE":
            del self.world.messages[int(msg["id"])]
            return 204, None
        return 200, self.messages.edit(msg, req.json or {}, req.files)

    async def _typing(self, req: RecordedRequest) -> tuple[int, Any]:
        return 204, None

    async def _react(self, req: RecordedRequest) -> tuple[int, Any]:
        msg = self.world.messages.get(int(req.params["message_id"]))
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
