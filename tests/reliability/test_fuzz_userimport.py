"""The user import (`bot data import`) against corrupted CSVs: it either imports or fails with ImportFailed naming
the file and line, and a failed import leaves the database exactly as it was.

"Exactly": a digest of every row of every table (sqlite_master included) before and after the whole run, and
after each failing example the file's change counter (header bytes 24-27, bumped by every commit) and size.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.pipeline import userimport
from tests.reliability.test_fuzz_importers import JUNK, _mutate_text

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "userimport" / "good.csv"
EXAMPLES = 80


def table_digest(path: Path) -> str:
    """sha256 over every table's rows in rowid order, and the schema."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for row in conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"):
            h.update(repr(row).encode())
        for t in tables:
            h.update(t.encode())
            for row in conn.execute(f'SELECT * FROM "{t}"'):    # rowid order: a full scan
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


def header_state(path: Path) -> tuple[bytes, int]:
    with open(path, "rb") as f:
        head = f.read(100)
    return head[24:28], path.stat().st_size


@pytest.fixture(scope="module")
def import_db(tmp_path_factory, db_path):
    d = tmp_path_factory.mktemp("userimport")
    pristine, work = d / "pristine.sqlite3", d / "work.sqlite3"
    src, dst = sqlite3.connect(db_path), sqlite3.connect(pristine)
    src.backup(dst)
    src.close()
    dst.close()
    shutil.copy(pristine, work)
    return pristine, work, d


STATS = {"failed": 0, "imported": 0}


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow,
                                                                         HealthCheck.data_too_large])
@given(data=st.data())
def test_failed_import_changes_nothing(import_db, data):
    pristine, work, d = import_db
    raw = GOOD.read_bytes()
    kind = data.draw(st.sampled_from(["mutate", "mutate", "random_rows", "bytes"]), label="kind")
    if kind == "mutate":
        for _ in range(data.draw(st.integers(1, 3), label="mutations")):
            raw = _mutate_text(raw, data.draw, b",")
    elif kind == "random_rows":
        rows = data.draw(st.lists(st.lists(JUNK, min_size=14, max_size=14), max_size=4), label="rows")
        raw = raw.split(b"\n")[0] + b"\n" + "\n".join(",".join(r) for r in rows).encode("utf-8", "surrogatepass")
    else:
        raw = data.draw(st.binary(max_size=400), label="bytes")
    csv_path = d / "upload.csv"
    csv_path.write_bytes(raw)
    before = header_state(work)
    try:
        userimport.import_file(csv_path, work)
    except userimport.ImportFailed as exc:
        STATS["failed"] += 1
        assert re.match(rf"^{re.escape(str(csv_path))}(:\d+)?: ", str(exc)), f"no file and line: {exc}"
        assert header_state(work) == before, "a failed import changed the database"
        assert not Path(str(work) + "-journal").exists()
        return
    STATS["imported"] += 1
    shutil.copy(pristine, work)     # a valid mutation imported: start the next example from the original again


@pytest.mark.slow
def test_database_identical_after_all_failed_imports(import_db):
    """Runs after the fuzz test (file order): the work copy equals the pristine one, table by table."""
    pristine, work, _ = import_db
    assert table_digest(work) == table_digest(pristine)
