"""What the bot needs in a server's anniversary channel: the one list of permissions, read by the post (which
does not send without them), the settings replies (which warn about them) and the problem the admins are told.

Discord-free: permissions are discord.py's flag names ("send_messages"); the caller passes the set of the
flags the bot has in the channel.
"""
from __future__ import annotations

from collections.abc import Collection

NEEDED = {"view_channel": "View Channel", "send_messages": "Send Messages", "embed_links": "Embed Links"}
CHARTS = ("attach_files", "Attach Files")       # without it the posts go out without their charts


def missing(granted: Collection[str]) -> list[str]:
    """The needed flags the bot lacks, in NEEDED's order."""
    return [flag for flag in NEEDED if flag not in granted]


def with_charts(granted: Collection[str]) -> bool:
    return CHARTS[0] in granted


def all_words() -> str:
    """'View Channel, Send Messages, Embed Links and Attach Files': everything the posts use."""
    names = [*NEEDED.values(), CHARTS[1]]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def warning(channel_id: int, granted: Collection[str] | None) -> str | None:
    """The note under the settings when the posts cannot go out as they should; `granted` None: the bot cannot
    see the channel at all."""
    if granted is None:
        return f"⚠️ I cannot see <#{channel_id}>: choose another channel with `/anniversaries channel`."
    lacking = [NEEDED[flag] for flag in missing(granted)]
    if lacking:
        return f"⚠️ I need {', '.join(lacking)} in <#{channel_id}> to post there."
    if not with_charts(granted):
        return f"ℹ️ Without {CHARTS[1]} in <#{channel_id}> the posts come without their charts."
    return None
