"""Settings from the environment, with a `.env` file as fallback (the environment wins).

The token is kept in a SecretStr-like wrapper so repr(), str() and f-strings of the settings never show it:
settings objects end up in logs and tracebacks.
"""
from __future__ import annotations

import logging
import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
TRUE, FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


class Secret:
    """A string that only reveal() gives back; everything else prints stars."""
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('***')" if self._value else "Secret('')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines; blank lines and # comments skipped; surrounding quotes removed."""
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        key = key.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[key] = value
    return out


PG_SCHEMES = ("postgresql://", "postgres://")
PG_PARTS = ("POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB")
ENCODE_HINT = "URL-encode the password's special characters (/ %2F, # %23, ? %3F, @ %40, : %3A, % %25)"


def check_database_url(url: str) -> str:
    """A postgresql:// URL that asyncpg will read as written, or ValueError with a message that never quotes
    the URL: whatever is wrong with it, part of the password may be in it."""
    if not url.startswith(PG_SCHEMES):
        raise ValueError("DATABASE_URL must be a postgresql:// URL (unset: the SQLite state file)")
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port            # raises on a port that is not a number: a '/' or '#' cut the password
    except ValueError:
        raise ValueError(f"DATABASE_URL is malformed: {ENCODE_HINT}") from None
    # An unencoded '/', '?' or '#' in the password ends the netloc early: the port is then not a number
    # (above), or the host is missing, or the rest of the password and the '@' turn up after the host.
    if not parts.hostname or "@" in parts.path + parts.query + parts.fragment:
        raise ValueError(f"DATABASE_URL is malformed: it needs [user[:password]@]host[:port]/database; {ENCODE_HINT}")
    if port is not None and not 0 < port < 65536:
        raise ValueError("DATABASE_URL has a port outside 1-65535")
    return url


def database_url_from_parts(values: Mapping[str, str]) -> str:
    """DATABASE_URL built from POSTGRES_HOST, _PORT, _USER, _PASSWORD and _DB, each part URL-encoded, so any
    password works (docker-compose passes them apart: it cannot encode). Empty when POSTGRES_HOST is unset."""
    host = (values.get("POSTGRES_HOST") or "").strip()
    if not host:
        return ""
    user = (values.get("POSTGRES_USER") or "").strip()
    password = values.get("POSTGRES_PASSWORD") or ""
    if not user or not password:
        raise ValueError("POSTGRES_HOST is set: POSTGRES_USER and POSTGRES_PASSWORD must be set too")
    port = (values.get("POSTGRES_PORT") or "5432").strip()
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"POSTGRES_PORT must be a port number, got {port!r}")
    name = (values.get("POSTGRES_DB") or user).strip()
    q = urllib.parse.quote
    return f"postgresql://{q(user, safe='')}:{q(password, safe='')}@{q(host, safe='')}:{port}/{q(name, safe='')}"


def describe_database_url(url: str) -> str:
    """'PostgreSQL at host:port/database' for messages: never the user or the password."""
    try:
        parts = urllib.parse.urlsplit(url)
        return f"PostgreSQL at {parts.hostname}:{parts.port or 5432}{parts.path or ''}"
    except ValueError:
        return "PostgreSQL"


def scrub(text: str, url: str) -> str:
    """The text without the URL's password, in case a library quoted it."""
    try:
        password = urllib.parse.urlsplit(url).password
    except ValueError:
        password = None
    for secret in {password, urllib.parse.unquote(password or "")} - {None, ""}:
        text = text.replace(str(secret), "***")
    return text



def _whole(values: Mapping[str, str], name: str, low: int, high: int, default: int, what: str) -> int:
    text = (values.get(name) or "").strip()
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise ValueError(f"{name} must be a whole number of {what} from {low} to {high}, got {text!r}")
    return int(text)


@dataclass(frozen=True)
class Settings:
    token: Secret = field(default_factory=lambda: Secret(""))
    dev_guild_id: int | None = None
    db_path: Path | None = None          # None: bot.pipeline.db.db_path() decides (BELL_LAP_DB or var/)
    state_path: Path | None = None       # None: bot.state.store.state_path()
    log_level: str = "INFO"
    quiz_typed_answers: bool = False     # QUIZ_TYPED_ANSWERS: typed quiz answers (needs the message content intent)
    # DATABASE_URL: postgresql://user:password@host:5432/db puts the mutable state (settings, quiz scores, the
    # anniversary ledger, user quotes) in PostgreSQL, shared by every shard process; unset: the SQLite state file
    database_url: Secret = field(default_factory=lambda: Secret(""))
    shard_count: int | None = None       # SHARD_COUNT: shards in the whole bot (None: Discord's recommendation)
    shard_ids: tuple[int, ...] | None = None   # SHARD_IDS: "0,1": the shards this process runs (None: all)
    # SHARD_LEASE_SECONDS: on PostgreSQL a process's lease on its shards lasts this long without a heartbeat
    # (bot/state/leases.py; a beat every quarter of it); a crashed process's shards are free after it
    shard_lease_seconds: float = 40.0
    # DISCORD_API_BASE: Discord's REST API base (default https://discord.com/api/v10), for an API proxy or the
    # loopback Discord of the CI smoke test (scripts/smoke_run.py); the gateway URL comes from GET /gateway/bot
    api_base: str | None = None
    # ASK_WORKERS: engine processes answering /ask (bot/ask/workers.py; 0: one thread of the bot's process). Each
    # holds its own engine (its indexes, about 0.3 s to build at start); more than the cores buys nothing
    ask_workers: int = 2
    # ASK_CACHE: answers kept, by question and day (the reference data is read-only while the bot runs); 0: none
    ask_cache: int = 4096
    # FOLLOWUP_MINUTES: how long a member's question is kept for a follow-up to build on ("and who was third?");
    # 0: every question stands alone
    followup_minutes: int = 5

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, env_file: Path | None = None) -> Settings:
        values = read_env_file(env_file if env_file is not None else ROOT / ".env")
        values.update({k: v for k, v in (os.environ if environ is None else environ).items()})
        guild = (values.get("DEV_GUILD_ID") or "").strip()
        if guild and not guild.isdigit():
            raise ValueError(f"DEV_GUILD_ID must be a server id (digits), got {guild!r}")
        level = (values.get("LOG_LEVEL") or "INFO").strip().upper()
        if level not in LEVELS:
            raise ValueError(f"LOG_LEVEL must be one of {', '.join(LEVELS)}, got {level!r}")
        typed = (values.get("QUIZ_TYPED_ANSWERS") or "").strip().lower()
        if typed not in TRUE + FALSE:
            raise ValueError(f"QUIZ_TYPED_ANSWERS must be 1 or 0, got {typed!r}")
        url = (values.get("DATABASE_URL") or "").strip()
        if url and any((values.get(k) or "").strip() for k in ("POSTGRES_HOST",)):
            raise ValueError("set DATABASE_URL or POSTGRES_HOST (with POSTGRES_USER, POSTGRES_PASSWORD, ...), not both")
        url = check_database_url(url) if url else database_url_from_parts(values)
        api = (values.get("DISCORD_API_BASE") or "").strip().rstrip("/")
        if api and not api.startswith(("http://", "https://")):
            raise ValueError(f"DISCORD_API_BASE must be an http(s):// URL, got {api!r}")
        count_text = (values.get("SHARD_COUNT") or "").strip()
        if count_text and (not count_text.isdigit() or int(count_text) < 1):
            raise ValueError(f"SHARD_COUNT must be a whole number of shards (1 or more), got {count_text!r}")
        count = int(count_text) if count_text else None
        ids_text = (values.get("SHARD_IDS") or "").strip()
        ids: tuple[int, ...] | None = None
        if ids_text:
            parts = [p.strip() for p in ids_text.split(",")]
            if not all(p.isdigit() for p in parts):
                raise ValueError(f"SHARD_IDS must be shard numbers separated by commas (0,1), got {ids_text!r}")
            ids = tuple(sorted({int(p) for p in parts}))
            if count is None:
                raise ValueError("SHARD_IDS needs SHARD_COUNT (the shards in the whole bot)")
            if ids[-1] >= count:
                raise ValueError(f"SHARD_IDS are 0 to {count - 1} with SHARD_COUNT={count}, got {ids_text!r}")
        lease_text = (values.get("SHARD_LEASE_SECONDS") or "").strip()
        if lease_text and (not lease_text.isdigit() or not 4 <= int(lease_text) <= 3600):
            raise ValueError(f"SHARD_LEASE_SECONDS must be whole seconds from 4 to 3600, got {lease_text!r}")
        workers = _whole(values, "ASK_WORKERS", 0, 32, cls.ask_workers, "engine processes")
        cache = _whole(values, "ASK_CACHE", 0, 1_000_000, cls.ask_cache, "answers")
        followup = _whole(values, "FOLLOWUP_MINUTES", 0, 1440, cls.followup_minutes, "minutes")
        db = (values.get("BELL_LAP_DB") or "").strip()
        state = (values.get("BELL_LAP_STATE") or "").strip()
        return cls(token=Secret((values.get("DISCORD_TOKEN") or "").strip()),
                   dev_guild_id=int(guild) if guild else None,
                   db_path=Path(db) if db else None,
                   state_path=Path(state) if state else None,
                   log_level=level,
                   quiz_typed_answers=typed in TRUE,
                   database_url=Secret(url),
                   shard_count=count,
                   shard_ids=ids,
                   shard_lease_seconds=float(lease_text) if lease_text else cls.shard_lease_seconds,
                   api_base=api or None,
                   ask_workers=workers,
                   ask_cache=cache,
                   followup_minutes=followup)

    def state_target(self) -> str | Path:
        """Where the mutable state lives: the PostgreSQL URL, else the SQLite file (bot.state.store)."""
        from bot.state.store import state_target
        return state_target(self.database_url.reveal(), self.state_path)

    @property
    def log_level_number(self) -> int:
        return getattr(logging, self.log_level)
