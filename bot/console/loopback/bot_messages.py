"""The bot's messages as Discord keeps them: made from a request body (content, embeds, components, uploads,
who it pings), edited by a later body, and announced to the world's message listeners."""
from __future__ import annotations

import re
from typing import Any

from bot.console.loopback.payloads import EDITABLE_FLAGS, FLAG_LOADING, iso_now, make_message
from bot.console.loopback.records import Address, UploadedFile
from bot.console.loopback.world import World


class BotMessages:
    def __init__(self, world: World, address: Address) -> None:
        self.world = world
        self.address = address

    def create(self, body: dict[str, Any], files: list[UploadedFile], channel_id: int, *,
               flags: int = 0, type: int = 0, **extra: Any) -> dict[str, Any]:
        """A new message of the bot's in `channel_id`, from a message body (a channel post, an interaction's
        response or followup); `extra` fields go into the message as they are."""
        chan = self.world.channels[channel_id]
        embeds = [{"type": "rich", **e} for e in body.get("embeds") or []]
        msg = make_message(self.world.snowflake(), channel_id, self.world.bot_user, body.get("content") or "",
                           embeds=embeds, components=body.get("components") or [],
                           attachments=self._attachments(body, files, channel_id),
                           mentions=self._mentions(body), flags=flags | (body.get("flags") or 0),
                           type=type, **extra)
        if chan.get("guild_id"):
            msg["guild_id"] = chan["guild_id"]
        self.world.messages[int(msg["id"])] = msg
        self._notify("create", msg)
        return msg

    def edit(self, msg: dict[str, Any], body: dict[str, Any], files: list[UploadedFile]) -> dict[str, Any]:
        """`msg` changed by an edit body: only the fields the body names; an edit ends "thinking…"."""
        for key in ("content", "components"):
            if key in body:
                msg[key] = body[key] if body[key] is not None else ("" if key == "content" else [])
        if "embeds" in body:
            msg["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "attachments" in body or files:
            msg["attachments"] = self._attachments(body, files, int(msg["channel_id"]), msg["attachments"])
        if "content" in body:
            msg["mentions"] = self._mentions(body)
        if body.get("flags") is not None:
            msg["flags"] = (msg["flags"] & ~EDITABLE_FLAGS) | (body["flags"] & EDITABLE_FLAGS)
        msg["flags"] &= ~FLAG_LOADING
        msg["edited_timestamp"] = iso_now()
        self._notify("edit", msg)
        return msg

    def _notify(self, kind: str, msg: dict[str, Any]) -> None:
        for listener in self.world.message_listeners:
            listener(kind, msg)

    def _attachments(self, body: dict[str, Any], files: list[UploadedFile], channel_id: int,
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
            aid = self.world.store_attachment(upload.data)
            url = f"{self.address.base_url}/attachments/{channel_id}/{aid}/{upload.filename}"
            att = {"id": str(aid), "filename": upload.filename, "size": len(upload.data), "url": url,
                   "proxy_url": url, "content_type": upload.content_type}
            if entry.get("description"):
                att["description"] = entry["description"]
            out.append(att)
        return out

    def _mentions(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """Who a message pings: users named in the content, filtered by allowed_mentions."""
        content = body.get("content") or ""
        named = [int(m) for m in re.findall(r"<@!?(\d+)>", content)]
        allowed = body.get("allowed_mentions")
        if allowed is not None:
            listed = {int(u) for u in allowed.get("users") or []}
            parse_users = "users" in (allowed.get("parse") or [])
            named = [u for u in named if parse_users or u in listed]
        return [self.world.users[u] for u in dict.fromkeys(named) if u in self.world.users]
