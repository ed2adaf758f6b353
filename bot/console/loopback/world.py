"""The loopback's Discord as data: users, guilds, channels, roles, members, messages, attachments, synced commands
and the interactions sent, with the lookups Discord makes on them (membership, permissions, components)."""
from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from bot.console.loopback.payloads import (
    MEMBER_PERMISSIONS,
    Entity,
    Snowflakes,
    id_of,
    make_dm_channel,
    make_guild,
    make_member,
    make_role,
    make_text_channel,
    make_thread,
    make_user,
)
from bot.console.loopback.records import FakeInteraction, WorldIds

ALL_PERMISSIONS = (1 << 51) - 1     # a guild's owner may do everything


class World:
    """Everything the loopback knows, as Discord's payloads. The default world is one guild (`guild_name`, one
    #`channel_name`) with one ordinary member (`username`), the user every action is taken as unless told
    otherwise; `world_ids` fixes that world's ids (WorldIds), else they are fresh snowflakes, as are the ids of
    everything made later (messages, interactions, added members)."""

    def __init__(self, *, guild_name: str = "Bell Lap", channel_name: str = "general", username: str = "you",
                 world_ids: WorldIds | None = None) -> None:
        self.snowflake = Snowflakes()
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
        # Called as listener("create" | "edit", message) whenever the bot creates or edits a message,
        # on the server's event loop (the console shows the bot's channel posts as they arrive).
        self.message_listeners: list[Callable[[str, dict[str, Any]], None]] = []

        self._remember_user(self.bot_user)
        self._remember_user(self.owner)
        self.guild = self.add_guild(guild_name, channels=(channel_name,), guild_id=ids.guild if ids else None,
                                    channel_ids=(ids.channel,) if ids else ())
        self.channel = self.channels[int(self.guild["channels"][0]["id"])]
        self.user = self.add_member(username, user_id=ids.user if ids else None)

    # ---------------------------------------------------------------- building

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
        g = self.guilds[id_of(guild or self.guild)]
        chan = make_text_channel(self.snowflake(), int(g["id"]), name, position=len(g["channels"]))
        g["channels"].append(chan)
        self.channels[int(chan["id"])] = chan
        return chan

    def add_thread(self, name: str, *, parent: Entity | None = None) -> dict[str, Any]:
        """Add a public thread under a text channel (before the bot starts, or it will not hear of it)."""
        chan = self.channels[id_of(parent or self.channel)]
        thread = make_thread(self.snowflake(), chan, name, int(self.owner["id"]))
        self.guilds[int(chan["guild_id"])]["threads"].append(thread)
        self.channels[int(thread["id"])] = thread
        return thread

    def add_role(self, name: str, *, guild: Entity | None = None, permissions: int = MEMBER_PERMISSIONS) -> dict[str, Any]:
        g = self.guilds[id_of(guild or self.guild)]
        role = make_role(self.snowflake(), name, permissions=permissions, position=len(g["roles"]))
        g["roles"].append(role)
        return role

    def add_member(self, username: str, *, guild: Entity | None = None, roles: Iterable[Entity] = (),
                   nick: str | None = None, user_id: int | None = None) -> dict[str, Any]:
        """A new user who is a member of `guild` (default guild); returns the user payload."""
        user = self._remember_user(make_user(user_id if user_id is not None else self.snowflake(), username))
        g = self.guilds[id_of(guild or self.guild)]
        g["members"].append(make_member(user, roles=roles, nick=nick))
        g["member_count"] = len(g["members"])
        return user

    def dm_channel(self, user: Entity) -> dict[str, Any]:
        uid = id_of(user)
        for chan in self.channels.values():
            if chan["type"] == 1 and chan["recipients"][0]["id"] == str(uid):
                return chan
        chan = make_dm_channel(self.snowflake(), self.users[uid])
        self.channels[int(chan["id"])] = chan
        return chan

    def store_attachment(self, data: bytes) -> int:
        """Keep a file's bytes for the server to serve; its new attachment id."""
        aid = self.snowflake()
        self.attachments[aid] = data
        return aid

    # ---------------------------------------------------------------- lookups

    def member(self, user: Entity, guild: Entity | None = None) -> dict[str, Any] | None:
        g = self.guilds[id_of(guild or self.guild)]
        uid = str(id_of(user))
        return next((m for m in g["members"] if m["user"]["id"] == uid), None)

    def permissions(self, user: Entity, guild: Entity) -> int:
        g = self.guilds[id_of(guild)]
        if g["owner_id"] == str(id_of(user)):
            return ALL_PERMISSIONS
        member = self.member(user, g)
        role_ids = {g["id"], *(member["roles"] if member else [])}
        perms = 0
        for role in g["roles"]:
            if role["id"] in role_ids:
                perms |= int(role["permissions"])
        return perms

    def component(self, message: Entity, custom_id: str) -> dict[str, Any] | None:
        """The component `custom_id` of a message the loopback holds, as it is now (None: no such message or
        component)."""
        msg = self.messages.get(id_of(message))
        return None if msg is None else find_component(msg.get("components") or [], custom_id)

    def original(self, interaction: FakeInteraction) -> dict[str, Any]:
        """The current state of the interaction's original response message."""
        assert interaction.original_message_id is not None, "the interaction has no response message yet"
        return self.messages[interaction.original_message_id]

    def command(self, name: str, guild_id: int | None) -> dict[str, Any]:
        """The synced chat-input command `name` ("quiz start": its top-level command), the guild's before the
        global ones, as Discord offers them; LookupError if it was never synced."""
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

    # ---------------------------------------------------------------- interactions

    def actor(self, user: Entity | None, channel: Entity | None, dm: bool) -> dict[str, Any]:
        """Who acts where, as an interaction payload needs it: user, channel, guild, member and both sides'
        permissions (in a DM: the user's DM channel and an ordinary member's permissions)."""
        user_payload = self.users[id_of(user or self.user)]
        if dm:
            chan = self.dm_channel(user_payload)
            guild = member = None
            member_perms = MEMBER_PERMISSIONS
            app_perms = MEMBER_PERMISSIONS
        else:
            chan = self.channels[id_of(channel or self.channel)]
            guild = self.guilds[int(chan["guild_id"])]
            member = self.member(user_payload, guild)
            if member is None:
                raise LookupError(f"{user_payload['username']} is not a member of {guild['name']}")
            member_perms = self.permissions(user_payload, guild)
            app_perms = self.permissions(self.bot_user, guild)
        return dict(user=user_payload, channel=chan, guild=guild, member=member,
                    member_permissions=member_perms, app_permissions=app_perms)

    def new_interaction(self, payload_factory: Callable[..., dict[str, Any]], actor: dict[str, Any],
                        **kwargs: Any) -> FakeInteraction:
        """An interaction from `actor` (see actor()), built by one of payloads' make_*_interaction and
        remembered by its token (its callback, followups and edits name it by that)."""
        iid, token = self.snowflake(), f"aW50ZXJhY3Rpb24{secrets.token_urlsafe(48)}"
        payload = payload_factory(interaction_id=iid, application_id=self.app_id, token=token, **actor, **kwargs)
        inter = FakeInteraction(id=iid, token=token, type=payload["type"], payload=payload,
                                channel_id=int(payload["channel_id"]),
                                guild_id=int(payload["guild_id"]) if "guild_id" in payload else None)
        if "message" in payload:
            inter.message_id = int(payload["message"]["id"])
        self.interactions[token] = inter
        return inter


def find_component(components: list[dict[str, Any]], custom_id: str) -> dict[str, Any] | None:
    """The component `custom_id` anywhere in a message's component tree (rows, sections' accessories)."""
    for comp in components:
        if comp.get("custom_id") == custom_id:
            return comp
        for key in ("components", "accessory"):
            inner = comp.get(key)
            found = find_component(inner if isinstance(inner, list) else [inner] if inner else [], custom_id)
            if found is not None:
                return found
    return None
