"""Per-server anniversary settings and the admins' problem queue, in the state store.

Settings: channel, time (HH:MM, the server's local time), countries, max posts, fallback, enabled, whether the
post also announces the day's quiz challenge (daily_quiz) — in
anniversary_config — and the timezone, which is the server-wide guild_settings.timezone (one timezone per
server, whichever feature sets it). Every setter validates its input and raises ConfigError with a message an
admin can act on; nothing is written when validation fails.

Problems (missing channel, missing permission) are recorded by the scheduler and shown to the admins at their
next /anniversaries command: `take_problems` returns the open ones and marks them told.
"""
from __future__ import annotations

import calendar
import datetime as dt
import importlib.resources
import re
import sqlite3
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process, utils

from bot.ask.day_stories import FALLBACKS, Preferences
from bot.common import days
from bot.state.store import StateStore

MAX_POSTS = 5
DEFAULT_TIME = dt.time(9, 0)
PROBLEM_KINDS = ("channel_missing", "forbidden", "no_channel", "bad_timezone")
_UNSET: Any = object()


class ConfigError(ValueError):
    """A setting an admin typed that cannot be used; str() is the message to show them."""


@dataclass(frozen=True)
class AnniversaryConfig:
    guild_id: int
    channel_id: int | None = None
    time: dt.time = DEFAULT_TIME
    timezone: str = "UTC"
    countries: tuple[str, ...] = ()
    max_posts: int = 1
    fallback: str = "final"
    enabled: bool = False
    active_since: dt.datetime | None = None
    revision: int = 0
    daily_quiz: bool = False         # the post also announces the day's quiz challenge (/quiz daily)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def prefs(self) -> Preferences:
        return Preferences(countries=self.countries, max_stories=self.max_posts, fallback=self.fallback)

    @property
    def time_text(self) -> str:
        return self.time.strftime("%H:%M")


@dataclass(frozen=True)
class Problem:
    id: int
    guild_id: int
    kind: str
    channel_id: int | None
    detail: str
    count: int
    first_at: str
    last_at: str

    def message(self) -> str:
        """What to tell the admins."""
        times = f" ({self.count} times since {self.first_at[:10]})" if self.count > 1 else ""
        return f"{self.detail}{times}"


# -- validation -------------------------------------------------------------------------------------------

_TIME_RE = re.compile(r"^\s*(\d{1,2})[:h.](\d{2})\s*$")


def parse_time(text: str) -> dt.time:
    """'09:00', '9:00', '21h30' -> time. 24-hour clock."""
    m = _TIME_RE.match(text or "")
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ConfigError(f"“{text}” is not a time of day. Use HH:MM on the 24-hour clock, for example 09:00 "
                          f"or 18:30.")
    return dt.time(int(m.group(1)), int(m.group(2)))


# names ZoneInfo opens that are no place's time: the machine's own setting (localtime, posixrules),
# tzdata's placeholder (Factory), and the system's copies under posix/ and right/ (leap seconds)
NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
NOT_ZONE_DIRS = ("posix/", "right/")


@lru_cache(maxsize=1)
def timezone_names() -> frozenset[str]:
    """The timezone names a server may choose: the zone list the tzdata package ships (IANA's zones and the
    links it keeps for old names, such as US/Eastern or Asia/Calcutta, which that list does not tell apart),
    without Factory. Not the system's zoneinfo folder: what it holds varies by machine."""
    try:
        listed = importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    except (ModuleNotFoundError, OSError):      # pragma: no cover - tzdata is in requirements.txt
        listed = sorted(zoneinfo.available_timezones())
    return frozenset(z for z in listed if z not in NOT_ZONES and not z.startswith(NOT_ZONE_DIRS))


def validate_timezone(name: str) -> zoneinfo.ZoneInfo:
    """An IANA timezone name ('Europe/London'); ConfigError naming close matches otherwise."""
    name = (name or "").strip()
    zones = timezone_names()
    if name in zones:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):   # listed but its file is missing
            pass
    folded = {z.lower(): z for z in zones}
    if name.lower() in folded and folded[name.lower()] != name:   # 'europe/london': say the right spelling
        raise ConfigError(f"Timezone names are case-sensitive: did you mean {folded[name.lower()]}?")
    bare = name.split("/", 1)[1] if name.startswith(NOT_ZONE_DIRS) and "/" in name else ""
    close = [bare] if bare in zones else _close_zones(name, zones)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise ConfigError(f"“{name}” is not a timezone I know.{hint} Use an IANA name such as Europe/London, "
                      f"America/New_York or Australia/Sydney.")


def _close_zones(name: str, zones: frozenset[str]) -> list[str]:
    """Up to three names close to `name` ('London' -> Europe/London), only those nearly as close as the best."""
    if not name:
        return []
    found = process.extract(name, sorted(zones), scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=3, score_cutoff=80)
    return [z for z, score, _ in found if score >= found[0][1] - 3] if found else []


CLEAR_WORDS = ("none", "-", "clear", "no")     # what an admin types for "no countries"


def clears_countries(text: str | Iterable[str]) -> bool:
    """Does the typed text mean no countries (world records and championships only)?"""
    return isinstance(text, str) and text.strip().lower() in CLEAR_WORDS


def parse_countries(text: str | Iterable[str], known: set[str] | None = None) -> tuple[str, ...]:
    """'GBR, ireland' -> ('GBR', 'IRL'): three-letter codes or the nation words the question engine knows;
    CLEAR_WORDS ('none') -> (). `known` (select.known_nations) rejects codes with no national records in the
    database."""
    from bot.ask.lexicon import NATIONS
    if clears_countries(text):
        return ()
    parts = re.split(r"[,;]+", text) if isinstance(text, str) else list(text)
    out: list[str] = []
    for raw in parts:
        word = raw.strip()
        if not word:
            continue
        code = NATIONS.get(word.lower())
        if code is None and re.fullmatch(r"[A-Za-z]{3}", word):
            code = word.upper()
        if code is None:
            raise ConfigError(f"“{word}” is not a country I know. Use three-letter codes such as GBR, USA, KEN.")
        if known is not None and code not in known:
            raise ConfigError(f"I have no national records for {code}.")
        if code not in out:
            out.append(code)
    if len(out) > 10:
        raise ConfigError("At most 10 countries.")
    return tuple(out)


def local_today(cfg: AnniversaryConfig, now: dt.datetime) -> dt.date:
    """Today in the server's timezone; in UTC when its name is no longer a real one."""
    try:
        return now.astimezone(cfg.tz).date()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return now.astimezone(dt.UTC).date()


def day_this_year(text: str | None, today: dt.date) -> dt.date:
    """The day an admin typed ('7 July', '2024-07-07': the day of the year; empty: today) in today's year; 29
    February in the latest leap year. days.BadDate when it is no day."""
    month, day = days.parse_day(text, today)
    year = today.year
    if (month, day) == (2, 29):
        # the leap day's own post: this year's if it is a leap year, else the last leap year's (a common year's
        # 28 February post is 28 February's, with 29 February's records after it)
        while not calendar.isleap(year):
            year -= 1
    return dt.date(year, month, day)


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat()


# -- reading ----------------------------------------------------------------------------------------------

_SELECT = ("SELECT c.guild_id, c.channel_id, c.post_time, COALESCE(g.timezone, 'UTC'), c.countries, c.max_posts, "
           "c.fallback, c.enabled, c.active_since, c.revision, c.daily_quiz "
           "FROM anniversary_config c LEFT JOIN guild_settings g ON g.guild_id = c.guild_id")


def _row(r: sqlite3.Row | tuple) -> AnniversaryConfig:
    hh, mm = r[2].split(":")
    return AnniversaryConfig(
        guild_id=r[0], channel_id=r[1], time=dt.time(int(hh), int(mm)), timezone=r[3],
        countries=tuple(c for c in r[4].split(",") if c), max_posts=r[5], fallback=r[6], enabled=bool(r[7]),
        active_since=dt.datetime.fromisoformat(r[8]), revision=r[9], daily_quiz=bool(r[10]))


async def get_config(store: StateStore, guild_id: int) -> AnniversaryConfig:
    """The server's settings; defaults (disabled) when it never set any."""
    r = await store.fetchone(_SELECT + " WHERE c.guild_id = ?", (guild_id,))
    if r:
        return _row(r)
    tz = await store.fetchone("SELECT timezone FROM guild_settings WHERE guild_id = ?", (guild_id,))
    return AnniversaryConfig(guild_id=guild_id, timezone=tz[0] if tz else "UTC")


async def enabled_configs(store: StateStore) -> list[AnniversaryConfig]:
    return [_row(r) for r in await store.fetchall(_SELECT + " WHERE c.enabled = 1 ORDER BY c.guild_id")]


# -- writing ----------------------------------------------------------------------------------------------

async def update(store: StateStore, guild_id: int, *, now: dt.datetime,
                 channel_id: int | None = _UNSET, time: str | dt.time = _UNSET, timezone: str = _UNSET,
                 countries: str | Iterable[str] = _UNSET, max_posts: int = _UNSET, fallback: str = _UNSET,
                 enabled: bool = _UNSET, daily_quiz: bool = _UNSET,
                 known_countries: set[str] | None = None) -> AnniversaryConfig:
    """Change some settings at once (validated first, then written in one transaction); returns the result.

    Changing the time, the timezone or turning the feature on moves `active_since` to now, so a post due
    earlier today is not sent late as a "catch-up". `now` is the caller's injected clock's (every writer here
    takes it so, never the wall clock)."""
    changes: dict[str, Any] = {}
    if channel_id is not _UNSET:
        changes["channel_id"] = None if channel_id is None else int(channel_id)
    if time is not _UNSET:
        t = time if isinstance(time, dt.time) else parse_time(time)
        changes["post_time"] = f"{t.hour:02d}:{t.minute:02d}"
    if countries is not _UNSET:
        changes["countries"] = ",".join(parse_countries(countries, known_countries))
    if max_posts is not _UNSET:
        if not isinstance(max_posts, int) or not 1 <= max_posts <= MAX_POSTS:
            raise ConfigError(f"The number of posts a day is 1 to {MAX_POSTS}.")
        changes["max_posts"] = max_posts
    if fallback is not _UNSET:
        if fallback not in FALLBACKS:
            raise ConfigError(f"On a day with no record: {' or '.join(FALLBACKS)}.")
        changes["fallback"] = fallback
    tz_name = None
    if timezone is not _UNSET:
        tz_name = validate_timezone(timezone).key
    if enabled is not _UNSET:
        changes["enabled"] = int(bool(enabled))
    if daily_quiz is not _UNSET:
        changes["daily_quiz"] = int(bool(daily_quiz))
    stamp = _iso(now)
    async with store.write() as db:
        # the row is created first (if missing) and then read locked, so two processes changing the same
        # server's settings take turns instead of both inserting or both reading stale values
        created = await db.execute("INSERT INTO anniversary_config (guild_id, active_since, updated_at) "
                                   "VALUES (?, ?, ?) ON CONFLICT (guild_id) DO NOTHING", (guild_id, stamp, stamp))
        old = await db.fetchone("SELECT channel_id, enabled, post_time FROM anniversary_config WHERE guild_id = ? "
                                "FOR UPDATE", (guild_id,))
        if created:
            old = None
        channel = changes.get("channel_id", old[0] if old else None)
        if changes.get("enabled", old[1] if old else 0) and channel is None:
            raise ConfigError("Choose a channel first: /anniversaries channel." if changes.get("enabled")
                              else "Anniversary posts are on: turn them off before removing the channel.")
        reschedule = tz_name is not None or ("post_time" in changes and (not old or old[2] != changes["post_time"])) \
            or (changes.get("enabled") == 1 and not (old and old[1]))
        if tz_name is not None:
            await db.execute(
                "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET timezone = excluded.timezone, updated_at = excluded.updated_at",
                (guild_id, tz_name, stamp))
        sets = [f"{k} = ?" for k in changes] + ["revision = revision + 1", "updated_at = ?"]
        args = [*changes.values(), stamp]
        if reschedule:
            sets.append("active_since = ?")
            args.append(stamp)
        await db.execute(f"UPDATE anniversary_config SET {', '.join(sets)} WHERE guild_id = ?", (*args, guild_id))
        if "channel_id" in changes or "enabled" in changes:
            # a new channel (or switching on again) answers the problems about the old one
            await db.execute("UPDATE anniversary_problems SET told_at = ? WHERE guild_id = ? AND told_at IS NULL "
                             "AND kind IN ('channel_missing', 'forbidden', 'no_channel')", (stamp, guild_id))
    return await get_config(store, guild_id)


async def set_channel(store, guild_id: int, channel_id: int | None, *, now: dt.datetime) -> AnniversaryConfig:
    return await update(store, guild_id, now=now, channel_id=channel_id)


async def set_time(store, guild_id: int, text: str, *, now: dt.datetime) -> AnniversaryConfig:
    return await update(store, guild_id, now=now, time=text)


async def set_timezone(store, guild_id: int, name: str, *, now: dt.datetime) -> AnniversaryConfig:
    return await update(store, guild_id, now=now, timezone=name)


async def set_countries(store, guild_id: int, text, *, now: dt.datetime,
                        known: set[str] | None = None) -> AnniversaryConfig:
    return await update(store, guild_id, now=now, countries=text, known_countries=known)


async def set_max(store, guild_id: int, n: int, *, now: dt.datetime) -> AnniversaryConfig:
    return await update(store, guild_id, now=now, max_posts=n)


async def set_enabled(store, guild_id: int, on: bool, *, now: dt.datetime) -> AnniversaryConfig:
    return await update(store, guild_id, now=now, enabled=on)


async def set_daily_quiz(store, guild_id: int, on: bool, *, now: dt.datetime) -> AnniversaryConfig:
    """Whether the post also announces the day's quiz challenge (/quiz daily)."""
    return await update(store, guild_id, now=now, daily_quiz=on)


# -- problems ---------------------------------------------------------------------------------------------

async def record_problem(db, guild_id: int, kind: str, detail: str, *, channel_id: int | None = None,
                         now: dt.datetime) -> None:
    """Inside a store.write() transaction (`db` is it): open or bump the problem."""
    if kind not in PROBLEM_KINDS:
        raise ValueError(kind)
    stamp = _iso(now)
    row = await db.fetchone("SELECT id FROM anniversary_problems WHERE guild_id = ? AND kind = ? "
                            "AND channel_id IS NOT DISTINCT FROM ? AND told_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE",
                            (guild_id, kind, channel_id))
    if row:
        await db.execute("UPDATE anniversary_problems SET count = count + 1, last_at = ?, detail = ? WHERE id = ?",
                         (stamp, detail, row[0]))
    else:
        await db.execute("INSERT INTO anniversary_problems (guild_id, kind, channel_id, detail, first_at, last_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)", (guild_id, kind, channel_id, detail, stamp, stamp))


def _problem(r) -> Problem:
    return Problem(*tuple(r))


_PROBLEM_COLS = "id, guild_id, kind, channel_id, detail, count, first_at, last_at"


async def pending_problems(store: StateStore, guild_id: int) -> list[Problem]:
    return [_problem(r) for r in await store.fetchall(
        f"SELECT {_PROBLEM_COLS} FROM anniversary_problems WHERE guild_id = ? AND told_at IS NULL ORDER BY id",
        (guild_id,))]


async def take_problems(store: StateStore, guild_id: int, *, now: dt.datetime) -> list[Problem]:
    """The open problems, marked told: call at an admin's /anniversaries command and show the messages."""
    async with store.write() as db:
        rows = [_problem(r) for r in await db.fetchall(
            f"SELECT {_PROBLEM_COLS} FROM anniversary_problems WHERE guild_id = ? AND told_at IS NULL ORDER BY id "
            f"FOR UPDATE", (guild_id,))]
        if rows:
            await db.execute("UPDATE anniversary_problems SET told_at = ? WHERE guild_id = ? AND told_at IS NULL",
                             (_iso(now), guild_id))
    return rows
