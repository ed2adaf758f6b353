"""The embedded dataset: data/*.jsonl.xz -> SQLite (build, load, export, ensure_db) and the migrations."""
from __future__ import annotations

import hashlib
import json
import lzma
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.pipeline import dataset
from bot.pipeline import db as dbmod


def read_file(path: Path) -> tuple[dict, list]:
    """A data/ file as written: its header and its column lines, parsed."""
    header, *columns = (json.loads(line) for line in lzma.decompress(path.read_bytes()).decode().splitlines())
    return header, columns


def write_file(path: Path, header: dict, columns: list) -> None:
    text = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in (header, *columns))
    path.write_bytes(lzma.compress(text.encode(), preset=1))


def plain_file(path: Path, columns: list[str], rows: list[tuple]) -> None:
    """A data/ file with no delta, dictionary or derived column: the rows as they are."""
    write_file(path, {"columns": columns, "rows": len(rows), "delta": [], "dictionary": [], "derived": []},
               [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in columns])


def rows_of(path: Path) -> tuple[list[str], list[tuple]]:
    """The columns and rows of a data/ file, as the loader reads them."""
    header, _ = read_file(path)
    table = path.name.removesuffix(dataset.SUFFIX)
    _, columns = dataset.read_table(path, table, header["columns"])
    return header["columns"], list(zip(*columns, strict=True))


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
        shutil.copy(dataset.table_file(t), d)
    return d


BIG = ("athletes", "athlete_aliases", "races", "results", "records", "import_issues")


@pytest.fixture()
def small_data(tmp_path) -> Path:
    """A data/ folder in the real format that builds in a blink: the reference tables (sources, events,
    series, competitions...) as they are, the big ones with their columns and no rows."""
    d = tmp_path / "small_data"
    d.mkdir()
    for t in dataset.TABLES:
        src = dataset.table_file(t)
        if t in BIG:
            plain_file(dataset.table_file(t, d), read_file(src)[0]["columns"], [])
        else:
            shutil.copy(src, d)
    return d


# --- build_from_data ---------------------------------------------------------------------------------------

def test_build_has_latest_schema_and_every_row_of_data(db):
    assert db.execute("PRAGMA user_version").fetchone()[0] == dbmod.latest_version()
    m = dict(db.execute("SELECT key, value FROM meta"))
    assert m == {"kind": "embedded", "dataset": dataset.data_fingerprint()}
    for table in dataset.TABLES:
        header, columns = read_file(dataset.table_file(table))
        assert header["columns"] == [r[1] for r in db.execute(f"PRAGMA table_info({table})")], table
        assert len(columns) == len(header["columns"]) - len(header["derived"]), table
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == header["rows"], table
    assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] > 600_000
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_data_stays_within_its_size_budget():
    """The issue's budget: the whole data/ folder (what `du -b data` counts) within 10 MB."""
    folder = dataset.DATA_DIR
    size = sum(p.stat().st_size for p in [folder, *folder.rglob("*")])
    assert size <= 10_000_000, f"data/ is {size:,} bytes"


def test_null_and_empty_text_survive_the_files(db):
    # JSON null is NULL; an empty string stays the empty string (e.g. results without flags).
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
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == read_file(
        dataset.table_file("events", small_data))[0]["rows"]
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
    columns, rows = rows_of(dataset.table_file("athletes"))
    plain_file(dataset.table_file("athletes", small_data), columns, rows[:1])
    assert dataset.data_fingerprint(small_data) != old_fingerprint
    assert not dataset.is_current(path, small_data)
    assert dataset.ensure_db(path, small_data) is True
    assert meta(path) == {"kind": "embedded", "dataset": dataset.data_fingerprint(small_data)}
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT * FROM athletes").fetchall() == rows[:1]
    conn.close()


def test_ensure_db_rebuilds_a_stale_fingerprint(writable_db):
    """The real database against the real data/: a fingerprint that does not match means stale."""
    set_meta(writable_db, dataset="0123456789abcdef")
    assert not dataset.is_current(writable_db)
    set_meta(writable_db, dataset=dataset.data_fingerprint())
    assert dataset.is_current(writable_db)


def test_ensure_db_never_replaces_custom(writable_db):
    set_meta(writable_db, kind="custom", dataset="0123456789abcdef", marker="left by the test")
    before = fingerprint(writable_db)
    assert dataset.is_current(writable_db)  # usable as it is, whatever data/ holds now
    assert dataset.ensure_db(writable_db) is False
    assert fingerprint(writable_db) == before
    assert meta(writable_db)["marker"] == "left by the test"


def test_a_full_build_of_the_old_split_is_rebuilt_from_data(tmp_path, small_data):
    """`data build --full` is gone: data/ holds everything it held, so such a database is just stale."""
    path = tmp_path / "full.sqlite3"
    dataset.ensure_db(path, small_data)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM meta")
    conn.execute("INSERT INTO meta VALUES ('kind', 'full')")
    conn.commit()
    conn.close()
    assert not dataset.is_current(path, small_data)
    assert dataset.ensure_db(path, small_data) is True
    assert meta(path) == {"kind": "embedded", "dataset": dataset.data_fingerprint(small_data)}


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


def test_schema_change_migrates_custom_in_place(writable_db, new_migration):
    set_meta(writable_db, kind="custom", marker="user data")
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
    path = dataset.table_file("athletes", d)
    header, columns = read_file(path)
    header["columns"][header["columns"].index("birth_date")] = "born"
    write_file(path, header, columns)


def break_column_length(d: Path) -> None:
    path = dataset.table_file("competitions", d)
    columns, rows = rows_of(path)
    plain_file(path, columns, rows)
    header, lines = read_file(path)
    lines[columns.index("city")].pop()
    write_file(path, header, lines)


def break_missing_column(d: Path) -> None:
    path = dataset.table_file("competitions", d)
    header, lines = read_file(path)
    write_file(path, header, lines[:-1])


def break_unknown_derivation(d: Path) -> None:
    path = dataset.table_file("athletes", d)
    header, lines = read_file(path)
    stored = [c for c in header["columns"] if c not in header["derived"]]
    del lines[stored.index("name")]
    header["derived"].append("name")
    write_file(path, header, lines)


def break_constraint(d: Path) -> None:
    path = dataset.table_file("athletes", d)
    columns, rows = rows_of(path)
    last = list(rows[-1])
    last[columns.index("sex")] = "Q"
    plain_file(path, columns, [*rows[:-1], tuple(last)])


BREAKS = {"wrong column header": (break_header, ValueError, "athletes.jsonl.xz: columns"),
          "column with a value missing": (break_column_length, ValueError, r"column city has (\d+) values for (?!\1)\d+ rows"),
          "column line missing": (break_missing_column, ValueError, "column lines for"),
          "derived column without a rule": (break_unknown_derivation, ValueError, "no rule to compute column name"),
          "row breaking a constraint": (break_constraint, sqlite3.IntegrityError, "CHECK constraint")}


@pytest.mark.parametrize("breaker,error,match", BREAKS.values(), ids=BREAKS.keys())
def test_load_is_all_or_nothing(tmp_path, data_copy, breaker, error, match):
    breaker(data_copy)
    conn = sqlite3.connect(tmp_path / "target.sqlite3", isolation_level=None)
    dbmod.migrate(conn)
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()
    with pytest.raises(error, match=match):
        dataset.load(conn, data_copy)
    # sources, events, series, competitions... were inserted before the broken file: all rolled back, and the
    # indexes the load drops while it inserts are back.
    assert counts(conn) == {t: 0 for t in dataset.TABLES}
    assert not conn.in_transaction
    assert conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall() == indexes
    conn.close()


def test_failed_build_leaves_the_old_database_in_place(writable_db, data_copy):
    break_header(data_copy)
    before = fingerprint(writable_db)
    with pytest.raises(ValueError, match="athletes.jsonl.xz"):
        dataset.build_from_data(writable_db, data_copy)
    assert fingerprint(writable_db) == before
    assert [p.name for p in writable_db.parent.iterdir() if p.name.startswith(".building-")] == []


def test_missing_file_is_an_error(tmp_path, data_copy):
    dataset.table_file("series", data_copy).unlink()
    with pytest.raises(FileNotFoundError, match="series.jsonl.xz is missing"):
        dataset.build_from_data(tmp_path / "x.sqlite3", data_copy)
    assert not (tmp_path / "x.sqlite3").exists()


# --- export round-trips ------------------------------------------------------------------------------------

def test_export_round_trips(db, db_path, tmp_path):
    out = tmp_path / "data"
    exported = dataset.export(db, out, preset=1)  # the committed files use 9: ten times the time
    assert exported == counts(db)
    assert sorted(p.name for p in out.iterdir()) == sorted(dataset.table_file(t).name for t in dataset.TABLES)
    loaded = dataset.build_from_data(tmp_path / "again.sqlite3", out)
    assert loaded == exported
    conn = sqlite3.connect(tmp_path / "again.sqlite3")
    assert counts(conn) == exported
    # Not only the counts: every row comes back with the same values and types (derived columns included).
    conn.execute("ATTACH DATABASE ? AS orig", (str(db_path),))
    for t in dataset.TABLES:
        for a, b in (("main", "orig"), ("orig", "main")):
            diff = conn.execute(f"SELECT COUNT(*) FROM (SELECT *, {typeof(conn, t)} FROM {a}.{t} "
                                f"EXCEPT SELECT *, {typeof(conn, t)} FROM {b}.{t})")
            assert diff.fetchone()[0] == 0, (t, a, b)
    conn.close()
    # The committed files hold what this export of the database built from them writes: the same data gives
    # the same text (and xz, which writes no timestamp, the same bytes), so data/ only changes in git when the
    # data does.
    for t in dataset.TABLES:
        assert lzma.decompress((out / dataset.table_file(t).name).read_bytes()) == lzma.decompress(
            dataset.table_file(t).read_bytes()), t


def typeof(conn: sqlite3.Connection, table: str) -> str:
    return ", ".join(f"typeof({c})" for c in dataset._columns(conn, table))


def test_export_leaves_out_derived_columns_only_when_they_come_back_exactly(tmp_path, small_data):
    assert "mark_value" in read_file(dataset.table_file("results"))[0]["derived"]
    assert "mark_value" in read_file(dataset.table_file("records"))[0]["derived"]
    assert read_file(dataset.table_file("athlete_aliases"))[0]["derived"] == ["folded"]
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    dbmod.migrate(conn)
    dataset.load(conn, small_data)
    conn.execute("INSERT INTO athletes (id, name, sex, source_id) VALUES (1, 'Sydney McLaughlin', 'W', "
                 "'wa-toplists')")
    aliases = [(1, "Sydney MCLAUGHLIN", "sydney mclaughlin", "name", "wa-toplists")]
    conn.executemany("INSERT INTO athlete_aliases VALUES (?, ?, ?, ?, ?)", aliases)
    dataset.export(conn, tmp_path / "same")
    assert read_file(dataset.table_file("athlete_aliases", tmp_path / "same"))[0]["derived"] == ["folded"]
    # One folded form the rule would not give back: the column is stored, and loads as it was.
    aliases.append((1, "Sydney Mac", "mclaughlin sydney", "nickname", "wa-toplists"))
    conn.execute("INSERT INTO athlete_aliases VALUES (?, ?, ?, ?, ?)", aliases[-1])
    dataset.export(conn, tmp_path / "other")
    conn.close()
    assert read_file(dataset.table_file("athlete_aliases", tmp_path / "other"))[0]["derived"] == []
    dataset.build_from_data(tmp_path / "y.sqlite3", tmp_path / "other")
    conn = sqlite3.connect(tmp_path / "y.sqlite3")
    assert conn.execute("SELECT * FROM athlete_aliases ORDER BY folded DESC").fetchall() == aliases
    conn.close()


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
