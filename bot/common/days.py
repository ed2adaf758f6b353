"""Days of the year as people type them ("7 July", "07-07", "2024-07-07", "7/7"), for /onthisday and the
anniversary preview. Discord-free.
"""
from __future__ import annotations

import datetime as dt
import re

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


class BadDate(ValueError):
    pass


def parse_day(text: str | None, today: dt.date) -> tuple[int, int]:
    """'7 July', 'July 7', '07-07', '2024-07-07', '7/7' (day/month) or empty for today -> (month, day)."""
    text = (text or "").strip().lower()
    if not text or text == "today":
        return today.month, today.day
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        month, day = int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})", text):
        a, b = int(m[1]), int(m[2])
        month, day = (a, b) if "-" in text else (b, a)   # ISO-ish 07-07 is month-day; 7/7 reads day/month
    else:
        words = re.findall(r"[a-z]+|\d+", text)
        named = next((i + 1 for w in words for i, name in enumerate(MONTHS) if len(w) >= 3 and name.startswith(w)),
                     None)
        days = [int(w) for w in words if w.isdigit() and len(w) <= 2]   # "29 february 2028": the year aside
        if named is None or len(days) != 1:
            raise BadDate(f"I could not read “{text}” as a day: try “7 July” or “07-07”.")
        month, day = named, days[0]
    try:
        dt.date(2024, month, day)   # a leap year, so 29 February is a day
    except ValueError:
        raise BadDate(f"“{text}” is not a day of the year.") from None
    return month, day


def day_words(month: int, day: int) -> str:
    """(7, 7) -> "july 7"."""
    return f"{MONTHS[month - 1]} {day}"


# a span in years said with its whole years only while the rest is under a quarter of a year; from there "more
# than N years", and "nearly N+1 years" from three quarters on (5 years 364 days is not "5 years")
MORE_THAN, NEARLY = 0.25, 0.75


def duration(days: int) -> str:
    """46 -> '46 days'; 400 -> '13 months'; 9211 -> '25 years'; 2190 -> 'nearly 6 years'; 2000 -> 'more than 5
    years'. Never a rounding that understates by more than a quarter of a year."""
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 730:
        months = round(days / 30.44)
        return f"{months} months"
    exact = days / 365.25
    years = int(exact)
    rest = exact - years
    if rest >= NEARLY:
        return f"nearly {years + 1} years"
    if rest >= MORE_THAN:
        return f"more than {years} years"
    return f"{years} years"
