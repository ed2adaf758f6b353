"""Anniversary posts (bot/anniversaries/story.Post) as embed dicts, and the anniversary settings and problems
notes, in the same look as every other embed.

Discord-free like the rest of bot/render: the cog turns the dicts into discord.Embed and draws the charts.
Every string from the data is escaped, and every embed leaves through fit_embed; a post of several stories is
one message of several embeds, kept under Discord's 6000 characters per message by dropping stories from the
end (the first always stays).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.anniversaries.story import Post
from bot.render.limits import FOOTER, TOTAL, embed_length, fit_embed
from bot.render.text import clean, neutralise, truncate

COLOUR = 0xC9A227          # gold: the day's anniversary, apart from answers (green) and notes (grey)
NOTE = 0x95A5A6
WARN = 0xE8A317
MAX_EMBEDS = 10             # per message


def chart_file(index: int) -> str:
    """The attachment name of a post's chart: one file per story of the message."""
    return f"anniversary-{index + 1}.png"


def chart_series(post: Post) -> dict[str, Any] | None:
    """The post's chart in the shape bot/charts.progression_png reads ((date, mark) points); None when the
    story has no progression to draw."""
    chart = post.chart
    if not chart or len(chart.get("points") or []) < 2:
        return None
    return {"event": chart.get("event"), "sex": chart.get("sex"),
            "points": [(p["date"], p["mark"]) for p in chart["points"] if p.get("date") and p.get("mark")]}


def chart_title(post: Post) -> str:
    return str((post.chart or {}).get("title") or "Record progression")


def sources_footer(sources: Sequence[str]) -> str | None:
    if not sources:
        return None
    text = ("Source: " if len(sources) == 1 else "Sources: ") + "; ".join(sources)
    return truncate(neutralise(text), FOOTER)


def post_embed(post: Post, *, image: str | None = None) -> dict[str, Any]:
    """One story: the title, the headline, then the other lines (what it broke, who was second, how long it
    stood); the sources in the footer; the chart (an attachment name) as the image."""
    lines = [clean(line) for line in post.lines]
    description = lines[0] if lines else ""
    if len(lines) > 1:
        description += "\n\n" + "\n".join(lines[1:])
    embed: dict[str, Any] = {"type": "rich", "title": clean(post.title), "description": description,
                             "color": COLOUR}
    footer = sources_footer(post.sources)
    if footer:
        embed["footer"] = {"text": footer}
    if image:
        embed["image"] = {"url": f"attachment://{image}"}
    return fit_embed(embed)


def post_embeds(posts: Sequence[Post], images: Sequence[str | None] = ()) -> list[dict[str, Any]]:
    """One embed per story (images[i] is story i's chart attachment, or None), within one message's limits."""
    images = list(images) + [None] * (len(posts) - len(images))
    out: list[dict[str, Any]] = []
    total = 0
    for post, image in zip(posts[:MAX_EMBEDS], images, strict=False):  # at most MAX_EMBEDS of the posts
        embed = post_embed(post, image=image)
        size = embed_length(embed)
        if out and total + size > TOTAL:
            break
        out.append(embed)
        total += size
    return out


# -- the settings and problem notes the cog shows its admins --------------------------------------------------

def settings_embed(title: str, lines: Sequence[str], *, colour: int = COLOUR) -> dict[str, Any]:
    """A settings reply. `lines` are already safe (the cog escapes what came from users)."""
    return fit_embed({"type": "rich", "title": clean(title), "description": "\n".join(lines), "color": colour})


def problems_embed(messages: Sequence[str]) -> dict[str, Any]:
    """What went wrong since an admin last looked: one bullet per problem."""
    return fit_embed({"type": "rich", "title": "⚠️ Anniversary posts: something went wrong",
                      "description": "\n".join(f"• {neutralise(m)}" for m in messages), "color": WARN})

