"""Discord's embed limits, enforced on an embed dict whatever it holds (see fit_embed)."""
from __future__ import annotations

from typing import Any

from bot.render.text import truncate

TITLE, DESCRIPTION, FIELDS, FIELD_NAME, FIELD_VALUE, FOOTER, AUTHOR, TOTAL = 256, 4096, 25, 256, 1024, 2048, 256, 6000
BLANK = "\u200b"   # Discord rejects empty field names and values


def embed_length(embed: dict[str, Any]) -> int:
    """What Discord counts towards the 6000: title, description, field names and values, footer, author."""
    n = len(embed.get("title") or "") + len(embed.get("description") or "")
    n += sum(len(f.get("name") or "") + len(f.get("value") or "") for f in embed.get("fields") or [])
    n += len((embed.get("footer") or {}).get("text") or "")
    n += len((embed.get("author") or {}).get("name") or "")
    return n


def fit_embed(embed: dict[str, Any]) -> dict[str, Any]:
    """A copy of `embed` that Discord accepts: every part cut to its limit, at most 25 fields, and the total
    under 6000 by dropping fields from the end (saying how many), then shortening the description."""
    out = dict(embed)
    if out.get("title") is not None:
        out["title"] = truncate(str(out["title"]), TITLE) or BLANK
    if out.get("description") is not None:
        out["description"] = truncate(str(out["description"]), DESCRIPTION) or None
        if out["description"] is None:
            del out["description"]
    if out.get("footer") is not None:
        footer = dict(out["footer"])
        footer["text"] = truncate(str(footer.get("text") or ""), FOOTER) or BLANK
        out["footer"] = footer
    if out.get("author") is not None:
        author = dict(out["author"])
        author["name"] = truncate(str(author.get("name") or ""), AUTHOR) or BLANK
        out["author"] = author
    fields = [{"name": truncate(str(f.get("name") or ""), FIELD_NAME) or BLANK,
               "value": truncate(str(f.get("value") or ""), FIELD_VALUE) or BLANK,
               **({"inline": bool(f["inline"])} if "inline" in f else {})}
              for f in out.get("fields") or []]
    dropped = 0
    if len(fields) > FIELDS:
        dropped, fields = len(fields) - (FIELDS - 1), fields[: FIELDS - 1]
    out["fields"] = fields
    while embed_length(out) > TOTAL and fields:
        fields.pop()
        dropped += 1
    if dropped:
        more: dict[str, object] = {"name": BLANK, "value": f"… and {dropped} more"}
        fields.append(more)
    over = embed_length(out) - TOTAL
    for key in ("description", "title"):
        if over > 0 and out.get(key):
            out[key] = truncate(out[key], max(1, len(out[key]) - over))
            over = embed_length(out) - TOTAL
    if over > 0 and out.get("footer"):
        out["footer"]["text"] = truncate(out["footer"]["text"], max(1, len(out["footer"]["text"]) - over))
        over = embed_length(out) - TOTAL
    if over > 0 and fields:   # only the "… more" line and huge other parts: drop it too
        fields.clear()
    if not out["fields"]:
        del out["fields"]
    return out
