"""A fact check (bot/factcheck) -> embed dicts: one page per claim group (a race, the records, an athlete),
each claim a field with its verdict, what the data says and the source. The claim's words are the article's,
user text: escaped, never a mention."""
from __future__ import annotations

from typing import Any

from bot.factcheck.verdict import CONFIRMED, CONTRADICTED, UNCHECKABLE, Report, Verdict
from bot.render.limits import fit_embed
from bot.render.text import clean, truncate

PER_PAGE = 6                      # claims on one page: each field is up to a few lines
MARK = {CONFIRMED: "✅", CONTRADICTED: "❌", UNCHECKABLE: "❔"}
LABEL = {CONFIRMED: "Confirmed", CONTRADICTED: "Contradicted", UNCHECKABLE: "Not checkable from my data"}
COLOUR = {CONFIRMED: 0x1F8B4C, CONTRADICTED: 0xC0392B, UNCHECKABLE: 0x95A5A6}
TITLE = "Fact check"


def summary(report: Report) -> str:
    """'14 confirmed · 1 contradicted · 2 not checkable (read as written on 25 May 2024: …)'."""
    counts = " · ".join(f"{report.count(s)} {s}" for s in (CONFIRMED, CONTRADICTED, UNCHECKABLE))
    if report.as_of:
        counts += f"\nRead as written on {report.as_of} ({report.as_of_why})."
    return counts


def field(v: Verdict) -> dict[str, Any]:
    value = clean(v.reason)
    if v.sources:
        value += "\n-# Source: " + clean("; ".join(v.sources))
    return {"name": truncate(f"{MARK[v.status]} {LABEL[v.status]}: “{clean(v.claim.words)}”", 256),
            "value": value, "inline": False}


def pages(report: Report) -> list[dict[str, Any]]:
    """One embed per claim group (split when long); an article with no claims gets one page saying so."""
    if not report.verdicts:
        return [fit_embed({"type": "rich", "title": TITLE, "color": COLOUR[UNCHECKABLE],
                           "description": "I found no claims I know how to check in that text: results "
                                          "(who won, who beat whom, places and marks at a named meeting and "
                                          "year), records and their holders, titles and ages."})]
    chunks: list[tuple[str, list[Verdict]]] = []
    for group, verdicts in report.groups():
        for i in range(0, len(verdicts), PER_PAGE):
            chunks.append((group, verdicts[i:i + PER_PAGE]))
    out = []
    head = summary(report)
    for n, (group, verdicts) in enumerate(chunks, 1):
        worst = (CONTRADICTED if any(v.status == CONTRADICTED for v in verdicts) else
                 CONFIRMED if all(v.status == CONFIRMED for v in verdicts) else UNCHECKABLE)
        embed = {"type": "rich", "title": truncate(f"{TITLE}: {clean(group)}", 256), "color": COLOUR[worst],
                 "description": head, "fields": [field(v) for v in verdicts]}
        if len(chunks) > 1:
            embed["footer"] = {"text": f"Claim group {n}/{len(chunks)}"}
        out.append(fit_embed(embed))
    return out


def text(report: Report) -> str:
    """Plain text (logs, tests): one line per claim."""
    lines = [summary(report)]
    for group, verdicts in report.groups():
        lines.append(f"\n{group}")
        for v in verdicts:
            src = f" [{'; '.join(v.sources)}]" if v.sources else ""
            lines.append(f"  {MARK[v.status]} {LABEL[v.status]}: “{v.claim.words}” — {v.reason}{src}")
    return "\n".join(lines)
