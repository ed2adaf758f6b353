"""Answers as text for a terminal (the `ask` command) and as one JSON line (`ask --json`)."""
from __future__ import annotations

import json

from bot.ask.answer import AMBIGUOUS, ANSWERED, Answer
from bot.ask.catalogue import place_in, place_words
from bot.common import places

MAX_TEXT_ROWS = 15


def to_json_line(answer: Answer) -> str:
    return json.dumps(answer.to_json(), ensure_ascii=False, separators=(",", ":"))


def to_text(answer: Answer) -> str:
    lines = [answer.headline]
    if answer.status == ANSWERED and answer.rows and len(answer.rows) > 1 or (
            answer.rows and answer.intent in ("quote",)):
        for row in answer.rows[:MAX_TEXT_ROWS]:
            bits = []
            if row.place is not None and row.round:
                bits.append(f"{place_in(row.place, row.round)}:")   # a heat's place, never read as the meet's
            elif row.place is not None and answer.intent == "h2h":
                bits.append(f"{place_words(row.place):>4}:")   # the place in that race, not a rank
            elif row.place is not None:
                bits.append(f"{row.place:>3}.")
            if answer.intent == "quote":
                bits.append(f"“{row.note}”")
            else:
                bits.append(row.athlete + (f" ({row.nationality})" if row.nationality else ""))
                if row.mark:
                    bits.append(row.mark)
                if row.date:
                    bits.append(row.date)
                where = row.competition or places.place(row.venue)
                if where:
                    bits.append(where)
                if row.note and answer.intent not in ("pb",):
                    bits.append(f"[{row.note}]")
            lines.append("  " + "  ".join(bits))
        if len(answer.rows) > MAX_TEXT_ROWS:
            lines.append(f"  … and {len(answer.rows) - MAX_TEXT_ROWS} more")
    for note in answer.notes:
        lines.append(f"  · {note}")
    if answer.suggestions:
        lines.append({AMBIGUOUS: "Did you mean:", ANSWERED: "Or did you mean:"}.get(answer.status, "Try:"))
        lines.extend(f"  - {s}" for s in answer.suggestions)
    if answer.sources:
        lines.append("Source: " + "; ".join(answer.sources))
    return "\n".join(lines)
