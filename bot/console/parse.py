"""A typed line -> the slash command to send: `/command [subcommand] [free text] [name:value …]`, checked against
the synced command definitions the way Discord's client checks what a user types."""
from __future__ import annotations

import dataclasses
import mimetypes
import re
from pathlib import Path
from typing import Any, Protocol

from bot.console.commands import free_text_option, slash_commands, subcommands, usage
from bot.console.loopback.payloads import (
    OPTION_ATTACHMENT,
    OPTION_BOOLEAN,
    OPTION_CHANNEL,
    OPTION_INTEGER,
    OPTION_MENTIONABLE,
    OPTION_NUMBER,
    OPTION_ROLE,
    OPTION_STRING,
    OPTION_USER,
)

MAX_FILE_BYTES = 10 * 1024 * 1024     # Discord's upload limit for a file option (without Nitro)


class ParseError(ValueError):
    """A line that cannot be sent as a slash command; the message says why, politely."""


@dataclasses.dataclass(frozen=True)
class Invocation:
    name: str                    # as LoopbackDiscord.slash takes it: "ask", or "quiz start" for a subcommand
    options: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class LocalFile:
    """A file option given as a local path (`/quiz import file:my-list.yaml`), read when the line is parsed;
    the session uploads it to the loopback as the command's attachment."""
    filename: str
    data: bytes = dataclasses.field(repr=False)
    content_type: str = "application/octet-stream"


class World(Protocol):
    """Who and what user, channel and role options can name: the console's server (Session)."""

    def find(self, kind: int, text: str) -> int | None: ...    # the id named by "#console", "@you", "<@123>", …
    def known(self, kind: int) -> list[str]: ...               # what could be named, for the message when not


_KEY = re.compile(r"(?:(?<=\s)|^)([A-Za-z][\w-]*):")
_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


def parse(line: str, commands: list[dict[str, Any]], world: World | None = None) -> Invocation:
    """`/command [subcommand] [free text] [name:value …]` -> Invocation. Values may be quoted (meet:"pre
    classic") or not (meet:pre classic: a value runs until the next name:). A file option takes a local path
    (read now: LocalFile); user, channel and role options a name in `world` (#console, @you), else refused."""
    text = line.strip()
    m = re.match(r"/(\S*)\s*(.*)\Z", text, re.S)
    if m is None:
        raise ParseError("Commands start with a slash, e.g. /ask who won pre 2024 mile.")
    name, rest = m.group(1).lower(), m.group(2).strip()
    if not name:
        raise ParseError("Type a command name after the slash.")
    cmd = next((c for c in slash_commands(commands) if c["name"] == name), None)
    if cmd is None:
        raise ParseError(f"There is no /{name} command.")
    path, node = [cmd["name"]], cmd
    while subs := subcommands(node):
        word, _, after = rest.partition(" ")
        sub = next((s for s in subs if s["name"] == word.lower()), None)
        if sub is None:
            names = ", ".join(s["name"] for s in subs)
            raise ParseError(f"/{' '.join(path)} needs one of: {names}" + (f" (not {word!r})." if word else "."))
        path.append(sub["name"])
        node, rest = sub, after.strip()
    where = "/" + " ".join(path)
    return Invocation(" ".join(path), _options(where, rest, node.get("options") or [], world))


def _options(where: str, rest: str, defs: list[dict[str, Any]], world: World | None = None) -> dict[str, Any]:
    """The typed values of the options in `rest` (after the command's name), by option name."""
    by_name = {o["name"].lower(): o for o in defs}
    free = free_text_option(defs)
    positional, pairs = _split(where, rest, by_name, strict=free is None)
    options: dict[str, Any] = {}
    if positional:
        if free is None:
            raise ParseError(f"{where} takes name:value options, e.g. {usage(where, defs)}.")
        options[free["name"]] = convert(where, free, _unquote(positional), world)
    for key, raw in pairs:
        spec = by_name.get(key.lower())
        if spec is None:
            known = ", ".join(o["name"] for o in defs) or "none"
            raise ParseError(f"{where} has no option {key!r} (its options: {known}).")
        if spec["name"] in options:
            raise ParseError(f"{where}: {spec['name']} is given twice.")
        options[spec["name"]] = convert(where, spec, raw, world)
    missing = [o["name"] for o in defs if o.get("required") and o["name"] not in options]
    if missing:
        raise ParseError(f"{where} needs {', '.join(missing)}: {usage(where, defs)}.")
    return options


def _split(where: str, rest: str, by_name: dict[str, Any], *, strict: bool) -> tuple[str, list[tuple[str, str]]]:
    """`rest` as (the free text before the first name:, [(name, raw value) …]). Not `strict` (a command with a
    free-text option): only known names start a pair, so "kerr vs jakob: who won?" stays text; `strict`: any
    word: does, so a misspelt option name is reported rather than swallowed."""

    def next_key(start: int) -> re.Match[str] | None:
        for found in _KEY.finditer(rest, start):
            if strict or found.group(1).lower() in by_name:
                return found
        return None

    found = next_key(0)
    positional = (rest[:found.start()] if found else rest).strip()
    pairs: list[tuple[str, str]] = []
    while found is not None:
        key, start = found.group(1), found.end()
        if start < len(rest) and rest[start] in "\"'" and (close := rest.find(rest[start], start + 1)) != -1:
            value, after = rest[start + 1:close], close + 1
            found = next_key(after)
            extra = rest[after:found.start() if found else len(rest)].strip()
            if extra:
                raise ParseError(f"{where}: unexpected text after {key}:{rest[start:close + 1]}: {extra!r}.")
        else:
            found_next = next_key(start)
            value = rest[start:found_next.start() if found_next else len(rest)].strip()
            found = found_next
        pairs.append((key, value))
    return positional, pairs


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


# ---------------------------------------------------------------------------------------------- values


def convert(where: str, spec: dict[str, Any], raw: str, world: World | None = None) -> Any:
    """A typed value for one option, with Discord's checks: choices, lengths and ranges; a file's contents; the
    id of the user, channel or role `world` knows by that name."""
    name, kind = spec["name"], spec["type"]
    if raw == "":
        raise ParseError(f"{where}: {name} needs a value.")
    if spec.get("choices"):
        return _choice(where, spec, raw)
    if kind == OPTION_STRING:
        return _string(where, spec, raw)
    if kind in (OPTION_INTEGER, OPTION_NUMBER):
        return _number(where, spec, raw)
    if kind == OPTION_BOOLEAN:
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise ParseError(f"{where}: {name} must be true or false, not {raw!r}.")
    if kind == OPTION_ATTACHMENT:
        return local_file(where, name, raw)
    return _named(where, spec, raw, world)


def _choice(where: str, spec: dict[str, Any], raw: str) -> Any:
    wanted = raw.lower()
    for choice in spec["choices"]:
        if str(choice["value"]).lower() == wanted or choice["name"].lower() == wanted:
            return choice["value"]
    allowed = ", ".join(f"{c['value']} ({c['name']})" if str(c["value"]) != c["name"] else str(c["value"])
                        for c in spec["choices"])
    raise ParseError(f"{where}: {spec['name']} must be one of {allowed}; not {raw!r}.")


def _string(where: str, spec: dict[str, Any], raw: str) -> str:
    if len(raw) < spec.get("min_length", 0):
        raise ParseError(f"{where}: {spec['name']} must be at least {spec['min_length']} characters.")
    if "max_length" in spec and len(raw) > spec["max_length"]:
        raise ParseError(f"{where}: {spec['name']} must be at most {spec['max_length']} characters.")
    return raw


def _number(where: str, spec: dict[str, Any], raw: str) -> int | float:
    whole = spec["type"] == OPTION_INTEGER
    try:
        value: int | float = int(raw) if whole else float(raw)
    except ValueError:
        raise ParseError(f"{where}: {spec['name']} must be a {'whole ' if whole else ''}number, not {raw!r}."
                         ) from None
    low, high = spec.get("min_value"), spec.get("max_value")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ParseError(f"{where}: {spec['name']} must be between {low} and {high}.")
    return value


def _named(where: str, spec: dict[str, Any], raw: str, world: World | None) -> int:
    """The id of the user, channel or role of the console's server named `raw`."""
    what = {OPTION_USER: "user", OPTION_CHANNEL: "channel", OPTION_ROLE: "role",
            OPTION_MENTIONABLE: "user or role"}.get(spec["type"])
    if what is None or world is None:
        raise ParseError(f"{where}: {spec['name']} takes a kind of value the console cannot give.")
    found = world.find(spec["type"], raw)
    if found is None:
        known = ", ".join(world.known(spec["type"])) or "none"
        raise ParseError(f"{where}: {spec['name']} must be a {what} of this server ({known}); not {raw!r}.")
    return found


def local_file(where: str, name: str, raw: str) -> LocalFile:
    """A file option's value: the file at path `raw` (~ expanded, relative to the current folder)."""
    path = Path(raw).expanduser()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ParseError(f"{where}: {name}: {raw} is larger than Discord's {MAX_FILE_BYTES // 2**20} MB.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError(f"{where}: {name}: there is no file {raw!r} (give its path, e.g. {name}:my-list.yaml)."
                         ) from None
    except IsADirectoryError:
        raise ParseError(f"{where}: {name}: {raw} is a folder, not a file.") from None
    except OSError as err:
        raise ParseError(f"{where}: {name}: cannot read {raw}: {err.strerror or err}.") from None
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return LocalFile(path.name, data, kind)
