"""Dates as the sources write them, to ISO: '2024-05-25', '25 MAY 2024', '25.05.2024'."""
from __future__ import annotations

import datetime as dt
import re

_MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1)}


def parse_date(text: str) -> str:
    """Return the ISO date. Raises ValueError with the text when it is not a real date."""
    t = (text or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\s+(\d{4})", t)
        if m and m.group(2).upper() in _MONTHS:
            d, mo, y = int(m.group(1)), _MONTHS[m.group(2).upper()], int(m.group(3))
        else:
            m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", t)
            if not m:
                raise ValueError(f"{text!r} is not a date")
            d, mo, y = map(int, m.groups())
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
