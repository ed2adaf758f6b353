"""What the /anniversaries options suggest while an admin types: timezones and countries, best first.

Discord-free: (label, value) pairs or names, at most MAX_CHOICES; the cog fits them to Discord's lengths.
"""
from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from functools import lru_cache

from bot.common.countries import COUNTRIES

MAX_CHOICES = 25        # Discord shows at most 25 suggestions
# shown before anything is typed: a spread of the world's athletics audiences
POPULAR_ZONES = ("Europe/London", "America/New_York", "America/Los_Angeles", "Europe/Paris", "Africa/Nairobi",
                 "Asia/Tokyo", "Australia/Sydney", "UTC")


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Region/City names, sorted, then UTC: the system's zones without the legacy and duplicate folders."""
    zones = sorted(z for z in zoneinfo.available_timezones()
                   if "/" in z and not z.startswith(("Etc/", "SystemV/", "posix", "right/")))
    return (*zones, "UTC")


def timezones(current: str) -> list[str]:
    """Zones whose name or city starts with what was typed ("new york" finds America/New_York), then those
    that merely contain it; the popular ones before anything is typed."""
    text = current.strip().lower().replace(" ", "_")
    zones = zone_names()
    if not text:
        return [z for z in POPULAR_ZONES if z in zones][:MAX_CHOICES]
    first = [z for z in zones if z.lower().startswith(text) or z.lower().rsplit("/", 1)[-1].startswith(text)]
    then = [z for z in zones if text in z.lower() and z not in first]
    return (first + then)[:MAX_CHOICES]


def countries(current: str, known: Iterable[str]) -> list[tuple[str, str]]:
    """(label, value) for the last of the comma-separated codes being typed, keeping the ones before it:
    "GBR, irel" -> ("GBR, Ireland (IRL)", "GBR, IRL"). Codes or names that start with the text first, then
    names that contain it (from 3 letters); only `known` codes (those with national records)."""
    parts = [p.strip() for p in current.split(",")]
    done = [p.upper() for p in parts[:-1] if p]
    text = parts[-1].lower() if parts else ""
    ranked: list[tuple[int, str, str]] = []
    for code in sorted(known):
        if code in done:
            continue
        name = COUNTRIES.get(code, ("", code))[1]
        low = name.lower()
        if not text or code.lower().startswith(text) or low.startswith(text):
            ranked.append((0, name, code))
        elif len(text) >= 3 and text in low:
            ranked.append((1, name, code))
    ranked.sort()
    before = ", ".join(done) + ", " if done else ""
    return [(f"{before}{name} ({code})", ", ".join([*done, code])) for _, name, code in ranked[:MAX_CHOICES]]
