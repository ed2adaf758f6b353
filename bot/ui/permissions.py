"""Who may use a command: declared once, on the command or on its cog, the way discord.py means it, and refused
in one place.

- `app_commands.default_permissions` on a top-level command or group hides it from members without the
  permission (Discord has no such setting for one subcommand). A server's admins can override that in
  Integrations, so the commands check as well:
- `app_commands.checks.has_permissions` on a command; `require()` in a cog's `interaction_check` for every
  command of a GroupCog; `changes_need()` on a command anyone may run bare (to look) but only some may run
  with options (to change).

Each raises `app_commands.MissingPermissions`; the client's one tree error handler (bot/app/client.py) answers
it privately with `refusal()`: the words the command, or its group, declares in its extras under REFUSAL.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import discord
from discord import app_commands

REFUSAL = "refusal"     # the extras key of a command's (or group's) polite "no"
T = TypeVar("T")


def require(interaction: discord.Interaction, **perms: bool) -> bool:
    """True when the member has every one of `perms` here, else MissingPermissions naming the missing ones."""
    missing = [name for name, wanted in perms.items() if getattr(interaction.permissions, name) != wanted]
    if missing:
        raise app_commands.MissingPermissions(missing)
    return True


def changes_need(**perms: bool) -> Callable[[T], T]:
    """A check for a command that shows something when run with no options and changes it when given some: only
    the changes need `perms` (the namespace holds just the options the member filled in)."""
    unknown = perms.keys() - discord.Permissions.VALID_FLAGS.keys()
    if unknown:
        raise TypeError(f"unknown permission(s): {', '.join(sorted(unknown))}")

    def predicate(interaction: discord.Interaction) -> bool:
        if not any(True for _ in interaction.namespace):
            return True
        return require(interaction, **perms)
    return app_commands.check(predicate)


def refusal(interaction: discord.Interaction, error: app_commands.MissingPermissions) -> str:
    """What to tell a member a permission check refused: the command's REFUSAL, else its group's, else a
    plain sentence naming the permission (as Discord's client names it: manage_guild is Manage Server)."""
    command: object = interaction.command
    while command is not None:
        text = getattr(command, "extras", {}).get(REFUSAL)
        if text:
            return text
        command = getattr(command, "parent", None)
    names = " and ".join(p.replace("_", " ").replace("guild", "server").title() for p in error.missing_permissions)
    return f"Sorry, that needs the {names} permission."
