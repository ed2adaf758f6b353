"""A slash command's option values as the interaction carries them: typed from the synced command definition,
checked as Discord's client checks them, and users, members, roles, channels and attachments put in
`resolved` as Discord does."""
from __future__ import annotations

from typing import Any

from bot.console.loopback.payloads import (
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
    id_of,
)
from bot.console.loopback.world import World

SUBCOMMANDS = (OPTION_SUBCOMMAND, OPTION_GROUP)


def build_options(world: World, command: dict[str, Any], path: list[str], values: dict[str, Any],
                  resolved: dict[str, Any], guild: dict[str, Any] | None,
                  focused: str | None) -> list[dict[str, Any]]:
    """The interaction's `options` for `values` (by option name) of the subcommand `path` of `command`.
    `focused`: the option being typed into (autocomplete), sent as the raw text; otherwise missing required
    options, unknown names and values outside the choices raise, as the client would not send them."""
    defs = command.get("options") or []
    if path:
        sub = next((o for o in defs if o["name"] == path[0] and o["type"] in SUBCOMMANDS), None)
        if sub is None:
            raise LookupError(f"/{command['name']} has no subcommand {path[0]!r}")
        return [{"type": sub["type"], "name": sub["name"],
                 "options": build_options(world, sub, path[1:], values, resolved, guild, focused)}]
    if any(o["type"] in SUBCOMMANDS for o in defs):
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
            out.append({"type": spec["type"], "name": name, "value": option_value(world, spec, value, resolved, guild)})
    return out


def option_value(world: World, spec: dict[str, Any], value: Any, resolved: dict[str, Any],
                 guild: dict[str, Any] | None) -> Any:
    """One option's value as sent: typed, or for an entity its id (the entity itself added to `resolved`)."""
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
    vid = id_of(value)
    if kind in (OPTION_USER, OPTION_MENTIONABLE) and vid in world.users:
        resolved.setdefault("users", {})[str(vid)] = world.users[vid]
        member = world.member(vid, guild) if guild else None
        if guild and member is not None:
            resolved.setdefault("members", {})[str(vid)] = {
                **{k: v for k, v in member.items() if k != "user"},
                "permissions": str(world.permissions(vid, guild))}
        return str(vid)
    if kind in (OPTION_ROLE, OPTION_MENTIONABLE) and guild:
        role = next((r for r in guild["roles"] if r["id"] == str(vid)), None)
        if role is not None:
            resolved.setdefault("roles", {})[str(vid)] = role
            return str(vid)
    if kind == OPTION_CHANNEL and vid in world.channels:
        chan = world.channels[vid]
        resolved.setdefault("channels", {})[str(vid)] = {
            k: chan[k] for k in ("id", "type", "name", "parent_id", "flags") if k in chan} | {
            "permissions": str(MEMBER_PERMISSIONS)}
        return str(vid)
    raise LookupError(f"cannot resolve {value!r} for option {spec['name']} (type {kind})")
