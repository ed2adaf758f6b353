"""Anniversary posts (bot/anniversaries/story.Post) as embed dicts, and the anniversary settings and problems
notes, in the same look as every other embed.

Discord-free like the rest of bot/render: draw() makes a message's embeds and chart PNGs, the cog turns them
into discord.Embed and discord.File.
Every string from the data is escaped, and every embed leaves through fit_embed; a post of several stories is
one message of several embeds, kept under Discord's 6000 characters per message by dropping stories from the
end (the first always stays).
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from bot.anniversaries.config import AnniversaryConfig
from bot.anniversaries.story import Post
from bot.render import charts
from bot.render.limits import FOOTER, TOTAL, embed_length, fit_embed
from bot.render.text import clean, neutralise, truncate

COLOUR = 0xC9A227          # gold: the day's anniversary, apart from answers (green) and notes (grey)
NOTE = 0x95A5A6
WARN = 0xE8A317
MAX_EMBEDS = 10             # per message

log = logging.getLogger(__name__)


def chart_file(index: int) -> str:
    """The attachment name of a post's chart: one file per story of the message."""
    return f"anniversary-{index + 1}.png"


def chart_series(post: Post) -> dict[str, Any] | None:
    """The post's chart in the shape bot/charts.progression_png reads ((date, mark) points); None when the
    story has no progression to draw."""
    chart = post.chart
    if not chart or len(chart.get("points") or []) < 2:
        return None
    hl = chart.get("highlight")
    day = chart["points"][hl] if isinstance(hl, int) and 0 <= hl < len(chart["points"]) else None
    return {"event": chart.get("event"), "sex": chart.get("sex"),
            "points": [(p["date"], p["mark"]) for p in chart["points"] if p.get("date") and p.get("mark")],
            "highlight": (day["date"], day["mark"]) if day else None}


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


def draw(posts: Sequence[Post], with_charts: bool) -> tuple[list[dict[str, Any]], list[tuple[str, bytes]]]:
    """A message of stories: its embeds and the (file name, PNG) of the charts they show (blocking: matplotlib;
    run it in a thread)."""
    images: list[str | None] = []
    files: list[tuple[str, bytes]] = []
    for i, post in enumerate(posts):
        series = chart_series(post) if with_charts else None
        png = None
        if series is not None:
            try:
                png = charts.progression_png(series, chart_title(post))
            except Exception:       # a chart is a nice-to-have: never lose the post for it
                log.exception("chart for %s failed", post.story_key)
        if png:
            name = chart_file(i)
            files.append((name, png))
            images.append(name)
        else:
            images.append(None)
    embeds = post_embeds(posts, images)
    shown = {e["image"]["url"].removeprefix("attachment://") for e in embeds if e.get("image")}
    return embeds, [f for f in files if f[0] in shown]


# -- the settings and problem notes the cog shows its admins --------------------------------------------------

def settings_embed(title: str, lines: Sequence[str], *, colour: int = COLOUR) -> dict[str, Any]:
    """A settings reply. `lines` are already safe (the cog escapes what came from users)."""
    return fit_embed({"type": "rich", "title": clean(title), "description": "\n".join(lines), "color": colour})


def problems_embed(messages: Sequence[str]) -> dict[str, Any]:
    """What went wrong since an admin last looked: one bullet per problem."""
    return fit_embed({"type": "rich", "title": "⚠️ Anniversary posts: something went wrong",
                      "description": "\n".join(f"• {neutralise(m)}" for m in messages), "color": WARN})


def day_words(day: dt.date) -> str:
    return f"{day.day} {day:%B}"


def status_embed(cfg: AnniversaryConfig, *, headline: str | None, due: dt.datetime | None,
                 warning: str | None) -> dict[str, Any]:
    """The settings as the admins see them after every command: on or off, where and when, what counts, when
    the next post is due (or what is missing for one), and the channel's `warning` (bot/anniversaries/channel)."""
    lines = [headline] if headline else []
    where = f"<#{cfg.channel_id}>" if cfg.channel_id else "no channel yet"
    state = "**On**" if cfg.enabled else "**Off**"
    lines.append(f"{state}: {where}, every day at **{cfg.time_text}** ({clean(cfg.timezone)})")
    countries = ", ".join(cfg.countries) if cfg.countries else "none (world records and championships)"
    lines.append(f"Stories a day: **{cfg.max_posts}** · National records of: {countries}")
    lines.append("With the day's quiz challenge (`/quiz daily`): " + ("**yes**" if cfg.daily_quiz else "no"))
    if due is not None:
        stamp = int(due.timestamp())
        lines.append(f"Next post: <t:{stamp}:F> (<t:{stamp}:R>)")
    elif cfg.channel_id is None:
        lines.append("Next: choose a channel with `/anniversaries channel`, then `/anniversaries enable`.")
    elif not cfg.enabled:
        lines.append("Turn the posts on with `/anniversaries enable`.")
    if warning:
        lines.append(warning)
    return settings_embed("Anniversary posts", lines)


def nothing_to_preview(day: dt.date) -> dict[str, Any]:
    return settings_embed("Preview", [f"Nothing to post on {day_words(day)} with these settings."], colour=NOTE)


def preview_text(cfg: AnniversaryConfig, day: dt.date) -> str:
    """The line above a preview: which day, and where and when it would go."""
    where = f"<#{cfg.channel_id}>" if cfg.channel_id else "the channel you choose"
    return (f"Preview of the post for {day_words(day)} (not posted): what {where} gets at {cfg.time_text} "
            f"{'' if cfg.enabled else 'once the posts are on'}").rstrip() + "."


def fit_after(notes: Sequence[dict[str, Any]], embeds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The notes, then as many of the story embeds as fit in one message with them (the first always stays),
    at most MAX_EMBEDS in all."""
    kept = list(embeds)
    budget = sum(embed_length(e) for e in notes)
    while len(kept) > 1 and budget + sum(embed_length(e) for e in kept) > TOTAL:
        kept.pop()
    return [*notes, *kept][:MAX_EMBEDS]
