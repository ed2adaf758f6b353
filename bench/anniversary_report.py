"""The default anniversary post for every day of a leap year (2024, so 29 February is in): how many days have
a post, the kinds of the stories that lead, and the top story of a sample of days.

    .venv/bin/python bench/anniversary_report.py [--db var/bell_lap.sqlite3] [--year 2024] [--countries GBR]

"Default" is what a server gets without choosing anything (bot/ask/day_stories.Preferences()): one story,
no national records, a championship final as the fallback.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.anniversaries.story import render  # noqa: E402
from bot.ask.day_stories import Preferences, Selector, Story, niche  # noqa: E402
from bot.ask.fame import prominence  # noqa: E402

SAMPLE = ("01-01", "01-15", "02-29", "03-03", "05-06", "05-25", "07-07", "08-16", "08-05", "09-25",
          "10-02", "12-24")


def kind(s: Story) -> str:
    """The story's category, with the level of a championship or meeting win ("championship_win:OG")."""
    return f"{s.category}:{s.level}" if s.level and not s.category.endswith("record") else s.category


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / "var" / "bell_lap.sqlite3"))
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--countries", default="", help="comma-separated codes, e.g. GBR")
    args = ap.parse_args()
    prefs = Preferences(countries=tuple(c for c in args.countries.upper().split(",") if c))
    sel = Selector.open(args.db)
    day, end = dt.date(args.year, 1, 1), dt.date(args.year + 1, 1, 1)
    posted, kinds, empty, tops = 0, collections.Counter[str](), [], {}
    prom = prominence(sel.conn)
    elite = niche_leads = short = lasting = 0
    while day < end:
        stories = sel.select(day, prefs)
        if stories:
            posted += 1
            kinds[kind(stories[0])] += 1
            p = prom.get(stories[0].athlete_id)
            elite += bool(p and p.elite)
            niche_leads += niche(stories[0].event)
            top = stories[0]
            short += top.stood_days is not None and not top.current and top.stood_days < 60
            lasting += (top.current and top.years_ago >= 5) or (top.stood_days or 0) >= 5 * 365
            tops[day.strftime("%m-%d")] = stories[0]
        else:
            empty.append(day.strftime("%m-%d"))
        day += dt.timedelta(days=1)
    total = (end - dt.date(args.year, 1, 1)).days
    print(f"days with a post: {posted} of {total} ({100 * posted / total:.1f} %)")
    if empty:
        print(f"days without: {len(empty)}: {', '.join(empty)}")
    print(f"leads by a champion or world-record holder (bot/ask/fame.py elite): {elite}")
    print(f"leads in a niche event (walks, relays other than 4x100/4x400): {niche_leads}")
    print(f"leading records that stood under 60 days: {short}")
    print(f"leading records that stood (or have stood) 5 years or more: {lasting}")
    print("leading story kinds:")
    for k, n in kinds.most_common():
        print(f"  {k:32} {n:4}")
    print("sample of days:")
    for key in SAMPLE:
        s = tops.get(key)
        print(f"  {key}: " + (render(s).lines[0] if s else "(nothing)"))


if __name__ == "__main__":
    main()
