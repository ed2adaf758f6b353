"""The embedded dataset in data/: exported from a full build, loaded into SQLite on first use.

data/ holds one gzipped CSV per table of our schema (not the reference files): a subset of the full build
chosen so the bot knows what fans ask about most (every record and progression, every result at a named
competition, every athlete's personal best per event and season best per year) within the size budget.
The SQLite file is never committed: ensure_db() builds it from data/ when it is missing or stale.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import sqlite3
import tempfile
from pathlib import Path

from bot.pipeline import db as dbmod

DATA_DIR = dbmod.ROOT / "data"
# Load order respects foreign keys.
TABLES = ["sources", "events", "event_aliases", "series", "competitions", "athletes", "athlete_aliases",
          "races", "results", "records", "quotes", "import_issues"]


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    h = hashlib.sha256()
    for t in TABLES:
        p = data_dir / f"{t}.csv.gz"
        if p.exists():
            h.update(t.encode())
            h.update(p.read_bytes())
    for _, m in dbmod.migration_files():
        h.update(m.read_bytes())
    return h.hexdigest()[:16]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def export(full: sqlite3.Connection, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Write the embedded subset of a full build to data/. Returns row counts per table."""
    c = full
    c.executescript("""
        DROP TABLE IF EXISTS temp.keep_results;
        CREATE TEMP TABLE keep_results (id INTEGER PRIMARY KEY);
        -- every result at a named competition (Olympics, Worlds, Diamond League, Millrose...)
        INSERT OR IGNORE INTO keep_results
            SELECT res.id FROM results res JOIN races r ON r.id = res.race_id WHERE r.competition_id IS NOT NULL;
        -- each athlete's best legal mark per event, indoors and out (personal bests)
        INSERT OR IGNORE INTO keep_results
            SELECT id FROM (
                SELECT res.id, ROW_NUMBER() OVER (
                    PARTITION BY res.athlete_id, r.event_id, r.indoor
                    ORDER BY CASE e.lower_is_better WHEN 1 THEN res.mark_value ELSE -res.mark_value END,
                             r.date IS NULL, r.date, res.id  -- ties: the earliest dated, then the first row
                ) AS n
                FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id
                WHERE res.mark_value IS NOT NULL AND instr(res.flags, 'w') = 0
            ) WHERE n = 1;
        -- each athlete's season best per event and year (season bests, world leads)
        INSERT OR IGNORE INTO keep_results
            SELECT id FROM (
                SELECT res.id, ROW_NUMBER() OVER (
                    PARTITION BY res.athlete_id, r.event_id, substr(r.date, 1, 4)
                    ORDER BY CASE e.lower_is_better WHEN 1 THEN res.mark_value ELSE -res.mark_value END,
                             r.date IS NULL, r.date, res.id  -- ties: the earliest dated, then the first row
                ) AS n
                FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id
                WHERE res.mark_value IS NOT NULL AND instr(res.flags, 'w') = 0
            ) WHERE n = 1;
    """)
    queries = {
        "sources": "SELECT * FROM sources",
        "events": "SELECT * FROM events",
        "event_aliases": "SELECT * FROM event_aliases",
        "series": "SELECT * FROM series",
        "competitions": "SELECT * FROM competitions",
        "results": "SELECT * FROM results WHERE id IN (SELECT id FROM keep_results)",
        "races": "SELECT * FROM races WHERE id IN (SELECT race_id FROM results WHERE id IN (SELECT id FROM keep_results))",
        "records": "SELECT * FROM records",
        "quotes": "SELECT * FROM quotes",
        "import_issues": "SELECT * FROM import_issues",
    }
    athlete_ids = """SELECT athlete_id FROM results WHERE id IN (SELECT id FROM keep_results)
                     UNION SELECT athlete_id FROM records
                     UNION SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL
                     UNION SELECT about_id FROM quotes WHERE about_id IS NOT NULL"""
    queries["athletes"] = f"SELECT * FROM athletes WHERE id IN ({athlete_ids})"
    queries["athlete_aliases"] = f"SELECT * FROM athlete_aliases WHERE athlete_id IN ({athlete_ids})"
    data_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        cur = c.execute(queries[table] + " ORDER BY 1")
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([d[0] for d in cur.description])
        n = 0
        for row in cur:
            w.writerow(["\\N" if v is None else v for v in row])
            n += 1
        # mtime=0: the same data gives the same bytes, so data/ only changes in git when the data does.
        with open(data_dir / f"{table}.csv.gz", "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0,
                                                                           compresslevel=9) as gz:
            gz.write(buf.getvalue().encode())
        counts[table] = n
    return counts


def load(conn: sqlite3.Connection, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Fill an empty, migrated database from data/. All-or-nothing: one transaction."""
    counts = {}
    conn.execute("BEGIN")
    try:
        for table in TABLES:
            path = data_dir / f"{table}.csv.gz"
            if not path.exists():
                raise FileNotFoundError(f"{path} is missing: run `python -m bot data build`")
            rows = csv.reader(io.StringIO(gzip.decompress(path.read_bytes()).decode()))
            header = next(rows)
            cols = _columns(conn, table)
            if header != cols:
                raise ValueError(f"{path.name}: columns {header} do not match the schema {cols}")
            marks = ",".join("?" * len(cols))
            data = ([None if v == "\\N" else v for v in row] for row in rows)
            cur = conn.executemany(f"INSERT INTO {table} VALUES ({marks})", data)
            counts[table] = cur.rowcount
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return counts


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
        dbmod.refresh_bests(conn)
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


_PROTECTED = ("full", "custom")


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
    changed; a full or custom database only needs the migrations it lacks, see ensure_db)."""
    if not path.exists():
        return False
    state = _state(path)
    if state is None:
        return False
    version, meta = state
    if version != dbmod.latest_version():
        return False
    # Full builds and databases holding user imports are never replaced behind the user's back.
    return meta.get("kind") in _PROTECTED or meta.get("dataset") == data_fingerprint(data_dir)


def ensure_db(path: Path, data_dir: Path = DATA_DIR) -> bool:
    """Make sure a usable database is at path. Returns True when it had to be built.

    An embedded build that is missing, stale or unreadable is (re)built from data/. A full build or a database
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
