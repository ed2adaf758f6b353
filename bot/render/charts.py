"""Progression charts as PNG bytes (matplotlib, Agg backend).

Built on matplotlib.figure.Figure directly rather than pyplot: no global figure state, so charts can be drawn
on a worker thread (the bot does, to keep the event loop free) and nothing leaks between calls.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Any

import matplotlib

matplotlib.use("Agg")   # no display on servers; set before anything imports pyplot

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from bot.common import events as ev  # noqa: E402
from bot.common import marks as mk  # noqa: E402

GREEN = "#1F8B4C"
GOLD = "#B8860B"       # the highlighted point: the record the post is about


def points(chart: dict[str, Any]) -> list[tuple[dt.date, float, str]]:
    """(date, value, mark as written) for every point that has a readable date and mark."""
    code = chart.get("event")
    if not isinstance(code, str):
        return []  # no event, no mark can be read
    out = []
    for date, mark in chart.get("points") or []:
        try:
            day = dt.date.fromisoformat(str(date)[:10])
            value = mk.parse_mark(str(mark), code).value
        except (ValueError, TypeError, KeyError, mk.MarkError):
            continue
        if value is not None:
            out.append((day, float(value), str(mark)))
    return sorted(out)


def highlighted(chart: dict[str, Any], pts: list[tuple[dt.date, float, str]]) -> int | None:
    """The index in `pts` of the chart's highlight ((date, mark) of the point the post is about), or None."""
    hl = chart.get("highlight")
    if not hl:
        return None
    date, mark = hl
    return next((i for i, p in enumerate(pts) if p[0].isoformat() == str(date)[:10] and p[2] == str(mark)), None)


def progression_png(chart: dict[str, Any], title: str = "", today: dt.date | None = None) -> bytes | None:
    """A step chart of the record over time, the last record drawn on to `today` (the caller's clock; without
    one, the chart ends at the last record); None when fewer than two points can be drawn."""
    pts = points(chart)
    if len(pts) < 2:
        return None
    code = chart.get("event")
    fig = Figure(figsize=(8, 4.2), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    days = [p[0] for p in pts] + [max(pts[-1][0], today or pts[-1][0])]
    values = [p[1] for p in pts] + [pts[-1][1]]
    # matplotlib plots dates through its unit converters; its stubs only admit numbers and arrays
    ax.step(days, values, where="post", color=GREEN, linewidth=2)  # type: ignore[arg-type]
    ax.plot(days[:-1], values[:-1], "o", color=GREEN, markersize=4)  # type: ignore[arg-type]
    ax.annotate(pts[-1][2], (pts[-1][0], pts[-1][1]), textcoords="offset points", xytext=(6, 6), fontsize=9)
    mark = highlighted(chart, pts)
    if mark is not None and mark != len(pts) - 1:
        # the day's record, so that Bannister's chart is about Bannister, not about the latest record
        day, value, text = pts[mark]
        ax.plot([day], [value], "o", color=GOLD, markersize=9, zorder=3)  # type: ignore[arg-type]
        ax.annotate(f"{text} ({day.year})", (day, value), textcoords="offset points",
                    xytext=(8, -14), fontsize=10, fontweight="bold", color=GOLD)
    elif mark is not None:
        ax.plot([pts[mark][0]], [pts[mark][1]], "o", color=GOLD, markersize=9, zorder=3)  # type: ignore[arg-type]
    if code in ev.EVENTS and ev.get(code).mark_format == ev.TIME:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _fmt(v, code)))
    ax.set_title(title or "Record progression", fontsize=12)
    ax.grid(True, alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _fmt(value: float, code: str) -> str:
    try:
        return mk.format_mark(value, code)
    except Exception:   # an axis tick outside what the mark formatter accepts: show the number
        return f"{value:g}"
