"""The embedded dataset in data/: every row of a build, stored column by column; loaded into SQLite on first use.

data/ holds one xz-compressed file per table of our schema (not the reference files), `<table>.jsonl.xz`,
with every row the build made (every senior toplist performance, every record...). Columns, not rows: the
values of one column resemble each other (the same venues, events and source files, ids that count up), so xz
finds far more repeats than in rows. A file is JSON lines:

    {"columns": [every column, in schema order], "rows": N, "delta": [...], "dictionary": [...], "derived": [...]}
    [the N values of the first column not in "derived"]
    [... one line per such column, in "columns" order]

A "delta" column (integers, no NULL) holds each value minus the one in the row before: ids, and keys the row
order keeps together (results come race by race), so nearly every entry is 0 or 1. A "dictionary" column (few
distinct values: statuses, sources, venues) is `[[its distinct values, most frequent first], [each row's
index in them]]`: half the text to decompress and parse, and one object per distinct value in memory. A
"derived" column is not stored but computed at load from another one (a mark's value from its text, an
alias's folded form); the export leaves it out only when that computation gives back every value exactly.
The SQLite file is never committed: ensure_db() builds it from data/ when it is missing or stale.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import lzma
import os
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bot.common import names
from bot.pipeline import db as dbmod

DATA_DIR = dbmod.ROOT / "data"
SUFFIX = ".jsonl.xz"
# Load order respects foreign keys.
TABLES = ["sources", "events", "event_aliases", "series", "competitions", "athletes", "athlete_aliases",
          "races", "results", "records", "relay_members", "result_details", "quotes", "import_issues"]
# Row order in the files: by id, except where grouping by a key puts alike rows together.
_ORDER = {"event_aliases": "code, alias", "athlete_aliases": "athlete_id, folded", "results": "race_id, id"}


def table_file(table: str, data_dir: Path = DATA_DIR) -> Path:
    return data_dir / f"{table}{SUFFIX}"


def _mark_value(mark: str | None) -> float | None:
    """The value of a mark in the build's canonical text ('9.58', '3:43.13', '2:00:35', '8126', '6.30'):
    marks.parse_time's arithmetic without its regular expressions, which cost a second on every first start."""
    if mark is None:
        return None
    if ":" not in mark:
        return float(mark)
    *larger, last = mark.split(":")
    whole, _, frac = last.partition(".")
    seconds = 0
    for part in (*larger, whole):
        seconds = seconds * 60 + int(part)
    return round(seconds + (int(frac) / 10 ** len(frac) if frac else 0.0), 6)


# (table, column) -> (the column it is computed from, how)
_DERIVED: dict[tuple[str, str], tuple[str, Callable[[Any], Any]]] = {
    ("results", "mark_value"): ("mark", _mark_value),
    ("records", "mark_value"): ("mark", _mark_value),
    ("athlete_aliases", "folded"): ("alias", names.fold),
}


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    h = hashlib.sha256()
    for t in TABLES:
        p = table_file(t, data_dir)
        if p.exists():
            h.update(t.encode())
            h.update(p.read_bytes())
    for _, m in dbmod.migration_files():
        h.update(m.read_bytes())
    return h.hexdigest()[:16]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _derivable(table: str, column: str, data: dict[str, list]) -> bool:
    rule = _DERIVED.get((table, column))
    if rule is None:
        return False
    source, compute = rule
    try:
        computed = list(map(compute, data[source]))
    except (ValueError, TypeError, AttributeError):  # a value the rule cannot read: the column is stored
        return False
    # Same value and same type (6.0 is not 6): the loaded row must be the exported row.
    return all(type(v) is type(w) and v == w for v, w in zip(data[column], computed, strict=True))


def _delta_pays(values: list) -> bool:
    """Integers without NULL whose neighbours mostly differ by 0 or 1 (ids, grouped keys)."""
    if len(values) < 2 or any(type(v) is not int for v in values):
        return False
    small = sum(1 for a, b in itertools.pairwise(values) if 0 <= b - a <= 1)
    return small * 2 >= len(values) - 1


def _dictionary_pays(values: list) -> bool:
    """At most one distinct value per 16 rows (measured: below that, as with marks or athlete ids, the plain
    column compresses better)."""
    return len(values) >= 16 and len(set(values)) * 16 <= len(values)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def export(conn: sqlite3.Connection, data_dir: Path = DATA_DIR, preset: int = 9) -> dict[str, int]:
    """Write every row of every table of a built database to data/. Returns row counts per table.
    preset: xz's, 0-9; 9 for what is committed (5.6 MB in about 25 s of CPU; 1 takes 2 s for 6.8 MB)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        cols = _columns(conn, table)
        rows = conn.execute(f"SELECT * FROM {table} ORDER BY {_ORDER.get(table, 'id')}").fetchall()
        data = dict(zip(cols, map(list, zip(*rows, strict=True)), strict=True)) if rows else {c: [] for c in cols}
        derived = [c for c in cols if _derivable(table, c, data)]
        delta = [c for c in cols if c not in derived and _delta_pays(data[c])]
        dictionary = [c for c in cols if c not in derived and c not in delta and _dictionary_pays(data[c])]
        lines = [_json({"columns": cols, "rows": len(rows), "delta": delta, "dictionary": dictionary,
                        "derived": derived})]
        for c in cols:
            values = data[c]
            if c in derived:
                continue
            if c in delta:
                lines.append(_json([values[0], *(b - a for a, b in itertools.pairwise(values))]))
            elif c in dictionary:
                distinct = [v for v, _ in Counter(values).most_common()]
                index = {v: i for i, v in enumerate(distinct)}
                lines.append(_json([distinct, [index[v] for v in values]]))
            else:
                lines.append(_json(values))
        # xz stores no timestamp: the same data gives the same bytes, so data/ only changes in git when the
        # data does.
        payload = ("\n".join(lines) + "\n").encode()
        table_file(table, data_dir).write_bytes(lzma.compress(payload, preset=preset))
        counts[table] = len(rows)
    return counts


def read_table(path: Path, table: str, cols: list[str]) -> tuple[int, list[list]]:
    """The row count and the columns (in cols order, each a list of N values) of one data/ file."""
    lines = lzma.decompress(path.read_bytes()).removesuffix(b"\n").split(b"\n")
    header = json.loads(lines[0])
    if header["columns"] != cols:
        raise ValueError(f"{path.name}: columns {header['columns']} do not match the schema {cols}")
    n, delta, dictionary, derived = header["rows"], header["delta"], header["dictionary"], header["derived"]
    stored = [c for c in cols if c not in derived]
    if len(lines) != len(stored) + 1:
        raise ValueError(f"{path.name}: {len(lines) - 1} column lines for {len(stored)} stored columns")
    data: dict[str, list] = {}
    for i, c in enumerate(stored, start=1):
        values = json.loads(lines[i])
        lines[i] = b""  # the text is no longer needed once parsed: memory stays near one copy of the data
        if c in delta:
            values = list(itertools.accumulate(values))
        elif c in dictionary:
            distinct, codes = values
            values = list(map(distinct.__getitem__, codes))
        if len(values) != n:
            raise ValueError(f"{path.name}: column {c} has {len(values)} values for {n} rows")
        data[c] = values
    for c in derived:
        if (table, c) not in _DERIVED:
            raise ValueError(f"{path.name}: no rule to compute column {c}")
        source, compute = _DERIVED[(table, c)]
        # Computed once per distinct value: marks and names repeat.
        known = {v: compute(v) for v in set(data[source])}
        data[c] = list(map(known.__getitem__, data[source]))
    return n, [data[c] for c in cols]


def load(conn: sqlite3.Connection, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Fill an empty, migrated database from data/, and the tables derived from it (bests). All-or-nothing:
    one transaction."""
    counts = {}
    conn.execute("BEGIN")
    try:
        # Indexes are built once the rows are in: much faster than keeping them sorted row by row.
        indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                               "ORDER BY name").fetchall()
        for name, _ in indexes:
            conn.execute(f"DROP INDEX {name}")
        for table in TABLES:
            path = table_file(table, data_dir)
            if not path.exists():
                raise FileNotFoundError(f"{path} is missing: run `python -m bot data build`")
            cols = _columns(conn, table)
            n, columns = read_table(path, table, cols)
            _insert(conn, table, len(cols), n, zip(*columns, strict=True))
            del columns  # before the next table is read: one table in memory at a time
            counts[table] = n
        dbmod.refresh_bests(conn)
        for _, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return counts


def _insert(conn: sqlite3.Connection, table: str, width: int, n: int, rows: Iterator[tuple]) -> None:
    """Insert n rows, many per statement: half the time of one statement per row. At most 999 parameters
    per statement, the limit of SQLite before 3.32."""
    per = max(1, 999 // width)
    row = "(" + ",".join("?" * width) + ")"
    batch = (list(itertools.chain.from_iterable(itertools.islice(rows, per))) for _ in range(n // per))
    conn.executemany(f"INSERT INTO {table} VALUES {','.join([row] * per)}", batch)
    if n % per:
        conn.execute(f"INSERT INTO {table} VALUES {','.join([row] * (n % per))}",
                     list(itertools.chain.from_iterable(rows)))


def build_from_data(path: Path, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Build the SQLite file at path from data/, atomically (a temp file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".building-", suffix=".sqlite3", dir=path.parent)
    os.close(fd)
    conn = None
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        dbmod.migrate(conn)
        counts = load(conn, data_dir)
        conn.execute("INSERT INTO meta VALUES ('dataset', ?)", (data_fingerprint(data_dir),))
        conn.execute("INSERT INTO meta VALUES ('kind', 'embedded')")
        conn.close()
        conn = None
        os.replace(tmp, path)
    finally:
        if conn is not None:
            conn.close()
        if os.path.exists(tmp):
            os.unlink(tmp)
    return counts


class NotReplaceable(RuntimeError):
    """The file at the database path holds something ensure_db() must not overwrite."""


# A database holding user imports is never replaced behind the user's back. ("full", written by the old
# `data build --full`, is not kept: data/ now holds everything such a build had, so it is rebuilt from data/.)
_PROTECTED = ("custom",)


def _state(path: Path) -> tuple[int, dict[str, str]] | None:
    """(user_version, meta) of the database at path; None when it cannot be read as one of ours."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return version, meta


def is_current(path: Path, data_dir: Path = DATA_DIR) -> bool:
    """Whether the database at path can be used as it is (an embedded build is stale when data/ or the schema
    changed; a custom database only needs the migrations it lacks, see ensure_db)."""
    if not path.exists():
        return False
    state = _state(path)
    if state is None:
        return False
    version, meta = state
    if version != dbmod.latest_version():
        return False
    return meta.get("kind") in _PROTECTED or meta.get("dataset") == data_fingerprint(data_dir)


def ensure_db(path: Path, data_dir: Path = DATA_DIR) -> bool:
    """Make sure a usable database is at path. Returns True when it had to be built.

    A database built from data/ that is missing, stale or unreadable is (re)built from data/. A database
    holding user imports is never replaced: when the schema moved on, the missing migrations are applied to it
    in place. A file that is not a SQLite database at all is never overwritten (NotReplaceable)."""
    path = Path(path)
    if is_current(path, data_dir):
        return False
    state = _state(path) if path.exists() else None
    if state is not None and state[1].get("kind") in _PROTECTED:
        version, meta = state
        if version > dbmod.latest_version():
            raise NotReplaceable(f"{path} has schema version {version}, newer than this code "
                                 f"({dbmod.latest_version()}): update the bot")
        conn = sqlite3.connect(path)
        try:
            dbmod.migrate(conn)
        finally:
            conn.close()
        return False
    if state is None and path.exists() and path.stat().st_size > 0:
        with open(path, "rb") as f:
            magic = f.read(16)
        if magic != b"SQLite format 3\x00":
            raise NotReplaceable(f"{path} is not a SQLite database; not overwriting it (pass another --db)")
    build_from_data(path, data_dir)
    return True
