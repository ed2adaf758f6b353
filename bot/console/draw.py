"""The bot's messages drawn in the terminal with rich: Discord markdown as styled text, embeds as panels in
their colour, buttons and select menus as numbered choices (choices.py), files as [file: name]."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.console.choices import Choices
from bot.console.loopback.payloads import FLAG_EPHEMERAL

_MARKDOWN = re.compile(
    r"\\(?P<escaped>[^A-Za-z0-9\s])"
    r"|(?P<toggle>\*\*|__|~~|\*|_)"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<label>[^\]]+)\]\(<?(?P<url>https?://[^)\s>]+)>?\)"
    r"|<t:(?P<stamp>-?\d+)(?::(?P<stamp_style>[tTdDfFR]))?>"
    r"|<a?:(?P<emoji>\w+):\d+>"
    r"|<(?P<mention>@!?|@&|#)(?P<mention_id>\d+)>"
    r"|\u200b")
_STYLES = {"**": "bold", "__": "underline", "~~": "strike", "*": "italic", "_": "italic"}


def discord_text(text: str, names: dict[int, str] | None = None):
    """Discord markdown as a rich Text: what a reader sees on Discord, not the escaping backslashes. Inline:
    bold, italics, underline, strikethrough, code, links, escapes, timestamps; per line: -# small print
    (dim), # headings (bold), > quotes. Mentions read as @name / #channel from `names` (id -> name)."""
    from rich.text import Text

    out = Text()
    for n, line in enumerate(text.split("\n")):
        if n:
            out.append("\n")
        style = ""
        if line.startswith("-# "):
            line, style = line[3:], "dim"
        elif m := re.match(r"#{1,3} ", line):
            line, style = line[m.end():], "bold"
        elif line.startswith("> "):
            out.append("│ ", style="dim")
            line = line[2:]
        _inline(out, line, style, names or {})
    return out


def _inline(out, text: str, base: str, names: dict[int, str]) -> None:
    active: list[str] = [base] if base else []
    pos = 0

    def add(piece: str, extra: str = "") -> None:
        if piece:
            out.append(piece, style=" ".join([*active, extra]).strip() or None)

    for m in _MARKDOWN.finditer(text):
        add(text[pos:m.start()])
        pos = m.end()
        if m.group("escaped") is not None:
            add(m.group("escaped"))
        elif m.group("toggle") is not None:
            style = _STYLES[m.group("toggle")]
            if style in active[1 if base else 0:]:
                active.reverse()
                active.remove(style)          # the innermost one
                active.reverse()
            else:
                active.append(style)
        elif m.group("code") is not None:
            add(m.group("code"), "reverse")
        elif m.group("label") is not None:
            add(f"{m.group('label')} ({m.group('url')})", "underline")
        elif m.group("stamp") is not None:
            when = dt.datetime.fromtimestamp(int(m.group("stamp")), dt.UTC)
            add(when.strftime("%-d %b %Y %H:%M UTC" if m.group("stamp_style") in ("f", "F", "t", "T")
                              else "%-d %b %Y"))
        elif m.group("emoji") is not None:
            add(f":{m.group('emoji')}:")
        elif m.group("mention") is not None:
            sigil = "#" if m.group("mention") == "#" else "@"
            add(sigil + names.get(int(m.group("mention_id")), m.group("mention_id")), "bold")
    add(text[pos:])


def _colour(value: int | None) -> str:
    return f"#{value:06x}" if value else "grey50"


def draw_embed(embed: dict[str, Any], names: dict[int, str] | None = None):
    """An embed as a rich Panel: title, description, fields, image, footer, in the embed's colour."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    parts: list[Any] = []
    if embed.get("author", {}).get("name"):
        parts.append(Text(embed["author"]["name"], style="dim"))
    if embed.get("title"):
        title = discord_text(embed["title"], names)
        title.stylize("bold")
        parts.append(title)
    if embed.get("description"):
        if parts:
            parts.append(Text(""))
        parts.append(discord_text(embed["description"], names))
    for f in embed.get("fields") or []:
        parts.append(Text(""))
        name = discord_text(f.get("name") or "", names)
        name.stylize("bold")
        parts.append(name)
        parts.append(discord_text(f.get("value") or "", names))
    for key, what in (("image", "chart"), ("thumbnail", "picture")):
        url = (embed.get(key) or {}).get("url") or ""
        if url.startswith("attachment://"):
            parts += [Text(""), Text(f"[{what}: {url.removeprefix('attachment://')}]", style="cyan")]
        elif url:
            parts += [Text(""), Text(f"[{what}: {url}]", style="cyan")]
    if embed.get("footer", {}).get("text"):
        parts += [Text(""), Text(embed["footer"]["text"], style="dim")]
    return Panel(Group(*parts) if parts else Text(""), border_style=_colour(embed.get("color")),
                 expand=False, padding=(0, 1))


def draw_components(message: dict[str, Any], choices: Choices, live: bool = False):
    """Buttons as numbered choices ("[1] Josh Kerr (GBR, 1997)  [2] …"); disabled ones are shown without a
    number; select menus list their options, each with a number. `live`: a channel post's (Choices)."""
    from rich.text import Text

    lines = []
    for row in message.get("components") or []:
        items = row.get("components") or [] if row.get("type") == 1 else [row]
        line = Text()
        for comp in items:
            if line:
                line.append("  ")
            if comp.get("type") == 2:
                emoji = (comp.get("emoji") or {}).get("name") or ""
                label = " ".join(x for x in (emoji, comp.get("label") or "") if x)
                if comp.get("style") == 5 or "url" in comp:
                    line.append(f"[link: {label} {comp.get('url', '')}]", style="cyan")
                elif comp.get("disabled"):
                    line.append(f"[-] {label}", style="dim")
                else:
                    number = choices.add(int(message["id"]), comp["custom_id"], live=live)
                    line.append(f"[{number}] ", style="bold cyan")
                    line.append(label)
            elif comp.get("type") == 3:
                line.append((comp.get("placeholder") or "Choose:") + " ", style="dim")
                for opt in comp.get("options") or []:
                    if comp.get("disabled"):
                        line.append(f"[-] {opt['label']}  ", style="dim")
                        continue
                    number = choices.add(int(message["id"]), comp["custom_id"], [opt["value"]], live=live)
                    line.append(f"[{number}] ", style="bold cyan")
                    line.append(f"{opt['label']}  ")
        if line:
            lines.append(line)
    return lines


def enabled_components(message: dict[str, Any]) -> bool:
    """Has the message a button or menu that can still be pressed?"""

    def walk(items: list[dict[str, Any]]) -> bool:
        return any((c.get("custom_id") and not c.get("disabled")) or walk(c.get("components") or [])
                   for c in items)
    return walk(message.get("components") or [])


def draw_message(message: dict[str, Any], choices: Choices, names: dict[int, str] | None = None, *,
                 live: bool = False) -> list[Any]:
    """A message as rich renderables, top to bottom; its buttons are numbered in `choices`."""
    from rich.text import Text

    out: list[Any] = []
    if message["flags"] & FLAG_EPHEMERAL:
        out.append(Text("(only you can see this)", style="dim italic"))
    if message.get("content"):
        out.append(discord_text(message["content"], names))
    attachments = message.get("attachments") or []
    for embed in message.get("embeds") or []:
        out.append(draw_embed(embed, names))
    shown = {(e.get("image") or {}).get("url", "").removeprefix("attachment://") for e in message.get("embeds") or []}
    for att in attachments:
        if att.get("filename") not in shown:
            out.append(Text(f"[file: {att.get('filename')}]", style="cyan"))
    out += draw_components(message, choices, live)
    return out
