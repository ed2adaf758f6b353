"""Discord's wire payloads as the loopback server builds them: ids, constants and the builders for users,
guilds, channels, members, messages and interactions (Discord's JSON shapes, API v10)."""
from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Iterable
from typing import Any, TypeAlias

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
RESUME_PATH = "/gateway-resume"  # a distinct URL proves discord.py resumes via resume_gateway_url
DISCORD_EPOCH_MS = 1420070400000

CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"
FOLLOWUP = "/webhooks/{webhook_id}/{webhook_token}"
ORIGINAL = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
WEBHOOK_MESSAGE = "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"
CHANNEL_MESSAGES = "/channels/{channel_id}/messages"
CHANNEL_MESSAGE = "/channels/{channel_id}/messages/{message_id}"

# Gateway intents the fake honours when deciding what to dispatch.
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15

# Interaction types and callback types (Discord docs, "Receiving and Responding").
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5
CB_MESSAGE, CB_DEFERRED_MESSAGE, CB_DEFERRED_UPDATE, CB_UPDATE, CB_AUTOCOMPLETE, CB_MODAL = 4, 5, 6, 7, 8, 9
ALLOWED_CALLBACKS = {
    APPLICATION_COMMAND: {CB_MESSAGE, CB_DEFERRED_MESSAGE, CB_MODAL},
    MESSAGE_COMPONENT: {CB_MESSAGE, CB_DEFERRED_MESSAGE, CB_DEFERRED_UPDATE, CB_UPDATE, CB_MODAL},
    AUTOCOMPLETE: {CB_AUTOCOMPLETE},
    MODAL_SUBMIT: {CB_MESSAGE, CB_DEFERRED_MESSAGE, CB_DEFERRED_UPDATE, CB_UPDATE},
}

FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
EDITABLE_FLAGS = 1 << 2 | 1 << 12  # SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS

# What an ordinary member may do: view, send, embed, attach, history, react,
# external emojis, use application commands.
MEMBER_PERMISSIONS = (1 << 10 | 1 << 11 | 1 << 14 | 1 << 15 | 1 << 16 | 1 << 6 | 1 << 18 | 1 << 31)

OPTION_SUBCOMMAND, OPTION_GROUP = 1, 2
OPTION_STRING, OPTION_INTEGER, OPTION_BOOLEAN, OPTION_USER = 3, 4, 5, 6
OPTION_CHANNEL, OPTION_ROLE, OPTION_MENTIONABLE, OPTION_NUMBER, OPTION_ATTACHMENT = 7, 8, 9, 10, 11

# A user, guild, channel, role or message: its payload, or its id (an int or a snowflake string).
Entity: TypeAlias = "dict[str, Any] | int | str"


# --------------------------------------------------------------------------- ids


class Snowflakes:
    """Real-looking, increasing snowflakes so discord.py's created_at values are sane."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def __call__(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (next(self._counter) & 0x3FFFFF)


def id_of(entity: Any) -> int:
    """The id of a payload dict (or an id given directly)."""
    if isinstance(entity, dict):
        if "id" in entity:
            return int(entity["id"])
        return int(entity["user"]["id"])  # a member payload
    return int(entity)


def iso_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


# --------------------------------------------------------------------------- payload builders


def make_user(user_id: int, username: str, *, bot: bool = False, global_name: str | None = None) -> dict[str, Any]:
    user = {
        "id": str(user_id),
        "username": username,
        "global_name": global_name if global_name is not None else (None if bot else username.title()),
        "discriminator": "0",
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "primary_guild": None,
    }
    if bot:
        user["bot"] = True
    return user


def make_role(role_id: int, name: str, *, permissions: int = MEMBER_PERMISSIONS, position: int = 0,
              color: int = 0) -> dict[str, Any]:
    return {
        "id": str(role_id),
        "name": name,
        "color": color,
        "colors": {"primary_color": color, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def make_thread(thread_id: int, parent: dict[str, Any], name: str, owner_id: int) -> dict[str, Any]:
    """A public thread under a text channel, as GUILD_CREATE's `threads` and interactions carry it."""
    return {
        "id": str(thread_id),
        "type": 11,
        "guild_id": parent["guild_id"],
        "parent_id": parent["id"],
        "owner_id": str(owner_id),
        "name": name,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
        "message_count": 0,
        "member_count": 1,
        "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "archive_timestamp": iso_now(),
                            "locked": False},
    }


def make_text_channel(channel_id: int, guild_id: int, name: str, *, position: int = 0,
                      topic: str | None = None) -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": topic,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def make_dm_channel(channel_id: int, recipient: dict[str, Any]) -> dict[str, Any]:
    return {"id": str(channel_id), "type": 1, "last_message_id": None, "flags": 0, "recipients": [recipient]}


def make_member(user: dict[str, Any], *, roles: Iterable[Entity] = (), nick: str | None = None,
                joined_at: str | None = None) -> dict[str, Any]:
    return {
        "user": user,
        "nick": nick,
        "avatar": None,
        "banner": None,
        "roles": [str(id_of(r)) for r in roles],
        "joined_at": joined_at or iso_now(),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
    }


def make_guild(guild_id: int, name: str, *, owner_id: int, channels: list[dict[str, Any]],
               members: list[dict[str, Any]], roles: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A GUILD_CREATE payload. The @everyone role shares the guild's id, as on Discord."""
    roles = roles if roles is not None else [make_role(guild_id, "@everyone")]
    return {
        "id": str(guild_id),
        "name": name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": "en-GB",
        "system_channel_id": channels[0]["id"] if channels else None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "features": [],
        "max_members": 500000,
        "max_video_channel_users": 25,
        "application_id": None,
        "roles": roles,
        "emojis": [],
        "stickers": [],
        "soundboard_sounds": [],
        "channels": channels,
        "threads": [],
        "members": members,
        "member_count": len(members),
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "large": False,
        "unavailable": False,
        "lazy": True,
        "joined_at": iso_now(),
        "incidents_data": None,
    }


def make_message(message_id: int, channel_id: int, author: dict[str, Any], content: str = "", *,
                 guild_id: int | None = None, member: dict[str, Any] | None = None,
                 mentions: Iterable[dict[str, Any]] = (), embeds: Iterable[dict[str, Any]] = (),
                 components: Iterable[dict[str, Any]] = (), attachments: Iterable[dict[str, Any]] = (),
                 flags: int = 0, type: int = 0, **extra: Any) -> dict[str, Any]:
    """A message object as REST returns it; MESSAGE_CREATE adds guild_id/member."""
    message = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": list(mentions),
        "mention_roles": [],
        "mention_channels": [],
        "attachments": list(attachments),
        "embeds": list(embeds),
        "reactions": [],
        "pinned": False,
        "type": type,
        "flags": flags,
        "components": list(components),
    }
    if guild_id is not None:
        message["guild_id"] = str(guild_id)
    if member is not None:
        message["member"] = {k: v for k, v in member.items() if k != "user"}
    message.update(extra)
    return message


def _interaction_payload(*, interaction_id: int, application_id: int, type: int, token: str, user: dict[str, Any],
                         channel: dict[str, Any], guild: dict[str, Any] | None, member: dict[str, Any] | None,
                         member_permissions: int, app_permissions: int, data: dict[str, Any] | None,
                         locale: str = "en-GB", message: dict[str, Any] | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(application_id),
        "type": type,
        "token": token,
        "version": 1,
        "locale": locale,
        "app_permissions": str(app_permissions),
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": 10 * 1024 * 1024,
        "channel": {**channel, "permissions": str(member_permissions)},
        "channel_id": channel["id"],
    }
    if data is not None:
        payload["data"] = data
    if message is not None:
        payload["message"] = message
    if guild is not None:
        payload["guild_id"] = guild["id"]
        payload["guild"] = {"id": guild["id"], "locale": guild["preferred_locale"], "features": guild["features"]}
        payload["guild_locale"] = guild["preferred_locale"]
        payload["member"] = {**(member or make_member(user)), "user": user, "permissions": str(member_permissions)}
        payload["context"] = 0
        payload["authorizing_integration_owners"] = {"0": guild["id"]}
    else:
        payload["user"] = user
        payload["context"] = 1
        payload["authorizing_integration_owners"] = {"0": "0"}
    return payload


def make_slash_interaction(*, command: dict[str, Any], options: list[dict[str, Any]],
                           resolved: dict[str, Any] | None = None, **base: Any) -> dict[str, Any]:
    """An APPLICATION_COMMAND interaction for a registered (synced) command."""
    data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": command.get("type", 1),
                            "options": options}
    if resolved:
        data["resolved"] = resolved
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    return _interaction_payload(type=APPLICATION_COMMAND, data=data, **base)


def make_autocomplete_interaction(*, command: dict[str, Any], options: list[dict[str, Any]],
                                  **base: Any) -> dict[str, Any]:
    """An APPLICATION_COMMAND_AUTOCOMPLETE interaction; one option carries focused=True."""
    data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": command.get("type", 1),
                            "options": options}
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    return _interaction_payload(type=AUTOCOMPLETE, data=data, **base)


def make_component_interaction(*, message: dict[str, Any], custom_id: str, component_type: int,
                               values: list[str] | None = None, **base: Any) -> dict[str, Any]:
    """A MESSAGE_COMPONENT interaction: a click on `custom_id` in `message`."""
    data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
    if values is not None:
        data["values"] = values
    return _interaction_payload(type=MESSAGE_COMPONENT, data=data, message=message, **base)
