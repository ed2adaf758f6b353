"""Text from users or data made safe for Discord: markdown escaped, mentions neutralised.

allowed_mentions=none already stops pings; escaping also keeps "<@123>" or "@everyone" from *looking* like a
mention and stops a name such as "__init__" turning into underlined text.
"""
from __future__ import annotations

import re

# @everyone, @here and any <@digits>, <@&digits>, <@!digits>: a zero-width space after the @ breaks them.
_ANY_MENTION = re.compile(r"@(everyone|here|[!&]?[0-9]+)")
# Markdown Discord reads anywhere in a line, and at the start of one (quotes, headings, subtext, lists).
# A backslash before any of them shows the character as it is. URLs stay as written, so links still work.
_INLINE = re.compile(r"[_\\~|*`]")
_LINE_START = re.compile(r"^(?:>>>(?=\s)|>(?=\s)|#{1,3}(?=\s)|-#)", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)([-+])(?=\s)", re.MULTILINE)     # "*" bullets are escaped as inline markdown
_URL = re.compile(r"https?://[^\s<>\\]+")
# A channel link in user text: does not ping, but renders as a link (clean() only: the bot's own notices use them)
_CHANNEL = re.compile(r"<#([0-9]+)>")
ELLIPSIS = "…"


def neutralise(text: str) -> str:
    return _ANY_MENTION.sub("@\u200b\\1", text)


def _escape_plain(text: str) -> str:
    text = _INLINE.sub(lambda m: "\\" + m.group(), text)
    text = _LINE_START.sub(lambda m: "\\" + m.group(), text)
    return _BULLET.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def escape_markdown(text: str) -> str:
    """Every markdown character shown as written, URLs left as they are (Discord links them)."""
    out, last = [], 0
    for m in _URL.finditer(text):
        out += [_escape_plain(text[last:m.start()]), m.group()]
        last = m.end()
    out.append(_escape_plain(text[last:]))
    return "".join(out)


def clean(text: object) -> str:
    """Escape markdown, then neutralise mentions: for every string that came from a user or the data."""
    # escape_markdown reads "[a](b) **x** [c](d)" as one masked link from the first "[" to the last ")" and
    # escapes only that "[", leaving **x** live: escape the text between brackets on its own, and every "["
    escaped = "\\[".join(escape_markdown(part) for part in str(text if text is not None else "").split("["))
    return _CHANNEL.sub("<\u200b#\\1>", neutralise(escaped))


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, ending with … when cut; never ends on a lone escaping backslash."""
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    cut = text[: limit - 1]
    # an odd run of trailing backslashes would escape the ellipsis or the next markdown
    trailing = len(cut) - len(cut.rstrip("\\"))
    if trailing % 2:
        cut = cut[:-1]
    return cut + ELLIPSIS
