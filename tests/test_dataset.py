"""The embedded dataset: data/*.csv.gz -> SQLite (build, load, export, ensure_db) and the migrations."""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.pipeline import dataset
from bot.pipeline import db as dbmod


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(gzip.decompress(path.read_bytes()).decode())))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_bytes(gzip.compress(buf.getvalue().encode()))


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in dataset.TABLES}


def meta(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()


def set_meta(path: Path, **values: str) -> None:
    conn = sqlite3.connect(path)
    conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())
    conn.commit()
    conn.close()


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    d = tmp_path / "data"
    d.mkdir()
    for t in dataset.TABLES:
        shutil.copy(dataset.DATA_DIR / f"{t}.csv.gz", d)
    return d


BIG = ("athletes", "athlete_aliases", "races", "results", "records", "import_issues")


@pytest.fixture()
def small_data(tmp_path) -> Path:
    """A data/ folder in the real format that builds in a blink: the reference tables (sources, events,
    series, competitions...) as they are, the big ones with their header and first rows only."""
    d = tmp_path / "small_data"
    d.mkdir()
    for t in dataset.TABLES:
        src = dataset.DATA_DIR / f"{t}.csv.gz"
        if t in BIG:
            with gzip.open(src, "rt", newline="") as f:
                write_csv(d / f"{t}.csv.gz", [next(csv.reader(f))])
        else:
            shutil.copy(src, d)
    return d


# --- build_from_data ---------------------------------------------------------------------------------------

def test_build_has_latest_schema_and_every_csv_row(db):
    assert db.execute("PRAGMA user_version").fetchone()[0] == dbmod.latest_version()
    m = dict(db.execute("SELECT key, value FROM meta"))
    assert m == {"kind": "embedded", "dataset": dataset.data_fingerprint()}
    for table in dataset.TABLES:
        with gzip.open(dataset.DATA_DIR / f"{table}.csv.gz", "rt", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            n = sum(1 for _ in reader)
        assert header == [r[1] for r in db.execute(f"PRAGMA table_info({table})")], table
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == n, table
    assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] > 100_000
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_null_and_empty_text_survive_the_csv(db):
    # "\N" in the CSV is NULL; an empty field is the empty string (e.g. results without flags).
    assert db.execute("SELECT COUNT(*) FROM results WHERE flags IS NULL").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM results WHERE flags = ''").fetchone()[0] > 0
    assert db.execute("SELECT COUNT(*) FROM athletes WHERE birth_date IS NULL").fetchone()[0] > 0
    assert db.execute("SELECT COUNT(*) FROM athletes WHERE birth_date = ''").fetchone()[0] == 0
    assert db.execute("SELECT typeof(mark_value) FROM results WHERE mark_value IS NOT NULL LIMIT 1").fetchone() == (
        "real",)


# --- ensure_db ---------------------------------------------------------------------------------------------

def test_ensure_db_builds_a_missing_database(tmp_path, small_data):
    path = tmp_path / "var" / "bell_lap.sqlite3"
    assert dataset.ensure_db(path, small_data) is True
    assert meta(path) == {"kind": "embedded", "dataset": dataset.data_fingerprint(small_data)}
    assert dataset.is_current(path, small_data)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == dbmod.latest_version()
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == len(
        csv_rows(small_data / "events.csv.gz")) - 1
    conn.close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["bell_lap.sqlite3"]  # no temp file left behind
    # An empty file (as `touch` or a failed first start leaves) is no database: it is built too.
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert dataset.ensure_db(empty, small_data) is True
    assert meta(empty)["kind"] == "embedded"


def test_ensure_db_leaves_a_current_database_alone(writable_db):
    before = fingerprint(writable_db)
    assert dataset.ensure_db(writable_db) is False
    assert fingerprint(writable_db) == before


def test_ensure_db_rebuilds_when_data_changes(tmp_path, small_data):
    path = tmp_path / "bell_lap.sqlite3"
    dataset.ensure_db(path, small_data)
    set_meta(path, marker="left by the test")
    before = fingerprint(path)
    assert dataset.ensure_db(path, small_data) is False
    assert fingerprint(path) == before
    # data/ changes (a new athlete): the database is stale and rebuilt from the new files.
    old_fingerprint = dataset.data_fingerprint(small_data)
    with gzip.open(dataset.DATA_DIR / "athletes.csv.gz", "rt", newline="") as f:
        reader = csv.reader(f)
        rows = [next(reader), next(reader)]
    write_csv(small_data / "athletes.csv.gz", rows)
    assert dataset.data_fingerprint(small_data) != old_fingerprint
    assert not dataset.is_current(path, small_data)
    assert dataset.ensure_db(path, small_data) is True
    assert meta(path) == {"kind": "embedded", "dataset": dataset.data_fingerprint(small_data)}
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT id, name FROM athletes").fetchall() == [(int(rows[1][0]), rows[1][1])]
    conn.close()


def test_ensure_db_rebuilds_a_stale_fingerprint(writable_db):
    """The real database against the real data/: a fingerprint that does not match means stale."""
    set_meta(writable_db, dataset="0123456789abcdef")
    assert not dataset.is_current(writable_db)
    set_meta(writable_db, dataset=dataset.data_fingerprint())
    assert dataset.is_current(writable_db)


@pytest.mark.parametrize("kind", ["full", "custom"])
def test_ensure_db_never_replaces_full_or_custom(writable_db, kind):
    set_meta(writable_db, kind=kind, dataset="0123456789abcdef", marker="left by the test")
    before = fingerprint(writable_db)
    assert dataset.is_current(writable_db)  # usable as it is, whatever data/ holds now
    assert dataset.ensure_db(writable_db) is False
    assert fingerprint(writable_db) == before
    assert meta(writable_db)["marker"] == "left by the test"


@pytest.fixture()
def new_migration(tmp_path, monkeypatch) -> Path:
    """The migrations folder as it will be when someone adds 002: the real files plus one more."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for _, p in dbmod.migration_files():
        shutil.copy(p, folder)
    latest = dbmod.latest_version()
    (folder / f"{latest + 1:03d}_test_extra.sql").write_text("CREATE TABLE test_extra (x TEXT);\n")
    monkeypatch.setattr(dbmod, "MIGRATIONS", folder)
    assert dbmod.latest_version() == latest + 1
    return folder


@pytest.mark.parametrize("kind", ["full", "custom"])
def test_schema_change_migrates_full_or_custom_in_place(writable_db, new_migration, kind):
    set_meta(writable_db, kind=kind, marker="user data")
    conn = sqlite3.connect(writable_db)
    n = counts(conn)
    conn.close()
    assert dataset.ensure_db(writable_db) is False
    conn = sqlite3.connect(writable_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == dbmod.latest_version()
    assert conn.execute("SELECT COUNT(*) FROM test_extra").fetchone()[0] == 0
    assert counts(conn) == n
    conn.close()
    assert meta(writable_db)["marker"] == "user data"
    assert dataset.is_current(writable_db)


def test_database_newer_than_the_code_is_refused(writable_db):
    set_meta(writable_db, kind="custom")
    conn = sqlite3.connect(writable_db)
    conn.execute(f"PRAGMA user_version = {dbmod.latest_version() + 1}")
    conn.close()
    before = fingerprint(writable_db)
    with pytest.raises(dataset.NotReplaceable, match="newer than this code"):
        dataset.ensure_db(writable_db)
    assert fingerprint(writable_db) == before


def test_ensure_db_never_overwrites_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "results.csv"
    path.write_text("date,event,sex,athlete,mark\n2026-05-01,PV,W,Minnie Malvolio,4.51\n")
    before = fingerprint(path)
    with pytest.raises(dataset.NotReplaceable, match="not a SQLite database"):
        dataset.ensure_db(path)
    assert fingerprint(path) == before


# --- load is all-or-nothing --------------------------------------------------------------------------------

def break_header(d: Path) -> None:
    rows = csv_rows(d / "athletes.csv.gz")
    rows[0][rows[0].index("birth_date")] = "born"
    write_csv(d / "athletes.csv.gz", rows)


def break_row_width(d: Path) -> None:
    rows = csv_rows(d / "competitions.csv.gz")
    rows[len(rows) // 2] = rows[len(rows) // 2][:-1]
    write_csv(d / "competitions.csv.gz", rows)


def break_constraint(d: Path) -> None:
    rows = csv_rows(d / "athletes.csv.gz")
    rows[-1][rows[0].index("sex")] = "Q"
    write_csv(d / "athletes.csv.gz", rows)


BREAKS = {"wrong column header": (break_header, ValueError, "athletes.csv.gz: columns"),
          "row with a field missing": (break_row_width, sqlite3.ProgrammingError, "bindings"),
          "row breaking a constraint": (break_constraint, sqlite3.IntegrityError, "CHECK constraint")}


@pytest.mark.parametrize("breaker,error,match", BREAKS.values(), ids=BREAKS.keys())
def test_load_is_all_or_nothing(tmp_path, data_copy, breaker, error, match):
    breaker(data_copy)
    conn = sqlite3.connect(tmp_path / "target.sqlite3", isolation_level=None)
    dbmod.migrate(conn)
    with pytest.raises(error, match=match):
        dataset.load(conn, data_copy)
    # sources, events, series, competitions... were inserted before the broken file: all rolled back.
    assert counts(conn) == {t: 0 for t in dataset.TABLES}
    assert not conn.in_transaction
    conn.close()


def test_failed_build_leaves_the_old_database_in_place(writable_db, data_copy):
    break_header(data_copy)
    before = fingerprint(writable_db)
    with pytest.raises(ValueError, match="athletes.csv.gz"):
        dataset.build_from_data(writable_db, data_copy)
    assert fingerprint(writable_db) == before
    assert [p.name for p in writable_db.parent.iterdir() if p.name.startswith(".building-")] == []


def test_missing_csv_is_an_error(tmp_path, data_copy):
    (data_copy / "series.csv.gz").unlink()
    with pytest.raises(FileNotFoundError, match="series.csv.gz is missing"):
        dataset.build_from_data(tmp_path / "x.sqlite3", data_copy)
    assert not (tmp_path / "x.sqlite3").exists()


# --- export round-trips ------------------------------------------------------------------------------------

def test_export_round_trips(db, db_path, tmp_path):
    out = tmp_path / "data"
    exported = dataset.export(db, out)
    assert exported == counts(db)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv.gz" for t in dataset.TABLES)
    loaded = dataset.build_from_data(tmp_path / "again.sqlite3", out)
    assert loaded == exported
    conn = sqlite3.connect(tmp_path / "again.sqlite3")
    assert counts(conn) == exported
    # Not only the counts: every row comes back with the same values.
    conn.execute("ATTACH DATABASE ? AS orig", (str(db_path),))
    for t in dataset.TABLES:
        for a, b in (("main", "orig"), ("orig", "main")):
            diff = conn.execute(f"SELECT COUNT(*) FROM (SELECT * FROM {a}.{t} EXCEPT SELECT * FROM {b}.{t})")
            assert diff.fetchone()[0] == 0, (t, a, b)
    conn.close()
    # No timestamp in the gzip header: the same data gives the same bytes, so data/ only changes in git when
    # the data does.
    for t in dataset.TABLES:
        assert (out / f"{t}.csv.gz").read_bytes()[4:8] == b"\0\0\0\0", t


# --- migrations --------------------------------------------------------------------------------------------

def test_migrate_is_idempotent(tmp_path):
    conn = sqlite3.connect(tmp_path / "m.sqlite3")
    assert dbmod.migrate(conn) == dbmod.latest_version()
    schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    assert dbmod.migrate(conn) == dbmod.latest_version()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == dbmod.latest_version()
    assert conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema
    assert {t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} >= {
        *dataset.TABLES, "meta"}
    conn.close()


def test_migrating_the_built_database_changes_nothing(writable_db):
    before = fingerprint(writable_db)[0]
    conn = sqlite3.connect(writable_db)
    assert dbmod.migrate(conn) == dbmod.latest_version()
    conn.close()
    assert fingerprint(writable_db)[0] == before


def test_migration_files_are_numbered_uniquely():
    files = sorted(dbmod.MIGRATIONS.glob("*.sql"))
    assert files
    numbers = []
    for p in files:
        m = re.fullmatch(r"(\d{3})_[a-z0-9_]+\.sql", p.name)
        assert m, f"{p.name}: name migrations NNN_what.sql"
        numbers.append(int(m.group(1)))
    assert len(numbers) == len(set(numbers)), f"two migrations share a number: {[p.name for p in files]}"
    assert min(numbers) >= 1
    assert [n for n, _ in dbmod.migration_files()] == sorted(numbers)
    assert dbmod.latest_version() == max(numbers)
    for p in files:
        assert p.read_text().strip(), f"{p.name} is empty"
