"""The bot's synced slash commands as the console reads them: which can be typed, which option takes the rest of
the line, and how each is typed (the usage lines of help and of a refused line)."""
from __future__ import annotations

from typing import Any

from bot.console.loopback.payloads import (
    OPTION_ATTACHMENT,
    OPTION_BOOLEAN,
    OPTION_CHANNEL,
    OPTION_GROUP,
    OPTION_MENTIONABLE,
    OPTION_STRING,
    OPTION_SUBCOMMAND,
    OPTION_USER,
)

_SUBS = (OPTION_SUBCOMMAND, OPTION_GROUP)


def slash_commands(commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chat-input commands (type 1) of a synced command list, by name."""
    return sorted((c for c in commands if c.get("type", 1) == 1), key=lambda c: c["name"])


def subcommands(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The subcommands (or groups) of a command or group; none for a command that takes options."""
    return [o for o in node.get("options") or [] if o["type"] in _SUBS]


def free_text_option(defs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The option that takes the rest of the line: the single required option (`/ask who won …`, `/record
    mile`, `/quiz import my-list.yaml`, `/anniversaries channel #console`, `/anniversaries max 2`), or the only
    option when there is just one string option (`/onthisday 7 July`), or the one file option of a command
    with none required (`/factcheck article.txt`)."""
    required = [o for o in defs if o.get("required")]
    if len(required) == 1:
        return required[0]
    if not required and len(defs) == 1 and defs[0]["type"] == OPTION_STRING:
        return defs[0]
    files = [o for o in defs if o["type"] == OPTION_ATTACHMENT]
    if not required and len(files) == 1:
        return files[0]     # `/factcheck article.txt`: a file path is what the console types most
    return None


def _placeholder(option: dict[str, Any]) -> str:
    """What an option's value looks like in a usage line."""
    if option.get("choices"):
        return "|".join(str(c["value"]) for c in option["choices"])
    return {OPTION_BOOLEAN: "true|false", OPTION_ATTACHMENT: "<path>", OPTION_CHANNEL: "#channel",
            OPTION_USER: "@user", OPTION_MENTIONABLE: "@user"}.get(option["type"], "…")


def usage(where: str, defs: list[dict[str, Any]]) -> str:
    """`/results meet:… year:… event:… [sex:M|W] [round:F|SF|H]`; a free-text option reads `<question>`."""
    free = free_text_option(defs)
    bits = [where]
    for o in defs:
        if o is free:
            bits.append(f"<{o['name']}>" if o.get("required") else f"[{o['name']}]")
        else:
            pair = f"{o['name']}:{_placeholder(o)}"
            bits.append(pair if o.get("required") else f"[{pair}]")
    return " ".join(bits)


def listing(commands: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(usage, description) for every command and subcommand of the synced command list."""
    out: list[tuple[str, str]] = []

    def walk(node: dict[str, Any], path: list[str]) -> None:
        subs = subcommands(node)
        if not subs:
            out.append((usage("/" + " ".join(path), node.get("options") or []), node.get("description") or ""))
        for sub in subs:
            walk(sub, [*path, sub["name"]])

    for cmd in slash_commands(commands):
        walk(cmd, [cmd["name"]])
    return out
