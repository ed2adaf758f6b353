"""What is read from a reference database file, kept for the life of the process: the reference data does not
change while the bot runs, and a rebuilt file (a new modification time) is read again. An in-memory database
keeps nothing (each connection is a database of its own)."""
from __future__ import annotations

import os
import sqlite3

_KEPT: dict[str, dict[str, dict]] = {}


def file_key(conn: sqlite3.Connection) -> str:
    """The database file and its version; "" for an in-memory database."""
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    if not path:
        return ""
    return f"{path}:{os.stat(path).st_mtime_ns}" if os.path.exists(path) else path


def kept(conn: sqlite3.Connection, name: str) -> dict:
    """The dict `name` kept for conn's database file (a new one each call for an in-memory database)."""
    key = file_key(conn)
    if not key:
        return {}
    return _KEPT.setdefault(key, {}).setdefault(name, {})
