"""`python -m bot data import FILE`: a user's results CSV into the real database, all-or-nothing."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.pipeline import datacheck, dataset, userimport

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "userimport"
GOOD = FIXTURES / "good.csv"
BAD_MARK = FIXTURES / "bad_mark.csv"

HEADER = ["date", "event", "sex", "athlete", "nationality", "birth_date", "mark", "wind", "place", "round",
          "competition", "venue", "country", "indoor"]
DEFAULT = {"date": "2026-06-13", "event": "1500m", "sex": "M", "athlete": "Bertie Typo", "nationality": "IRL",
           "birth_date": "", "mark": "3:40.00", "wind": "", "place": "3", "round": "final",
           "competition": "Bell Lap Club Open", "venue": "Meadowbank", "country": "GBR", "indoor": "no"}


def line(**over: str) -> str:
    row = {**DEFAULT, **over}
    return ",".join(row[c] for c in HEADER)


def csv_text(*rows: str) -> str:
    return "\n".join([",".join(HEADER), *rows]) + "\n"


def snapshot(path: Path) -> tuple[str, dict[str, int]]:
    """The database file's bytes (hashed) and its row counts: equal before and after means nothing changed."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in [*dataset.TABLES, "meta"]}
    finally:
        conn.close()
    return digest, counts


def assert_unchanged(path: Path, before: tuple[str, dict[str, int]]) -> None:
    after = snapshot(path)
    assert after[1] == before[1], "row counts changed"
    assert after[0] == before[0], "database file bytes changed"
    for suffix in ("-journal", "-wal"):
        assert not Path(str(path) + suffix).exists()


def cli_env(db: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    if db is not None:
        env["BELL_LAP_DB"] = str(db)
    return env


def run_import(db: Path, file: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", "--db", str(db), "data", "import", str(file)],
                          cwd=ROOT, env=cli_env(), capture_output=True, text=True, timeout=120)


def source_of(path: Path) -> str:
    return f"user:{path.name}:{hashlib.sha256(path.read_bytes()).hexdigest()[:8]}"


def copy_db(db_path: Path, folder: Path) -> Path:
    """A copy of the database in the folder (SQLite's backup: a consistent copy)."""
    copy = folder / "shared.sqlite3"
    src, dst = sqlite3.connect(db_path), sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    return copy


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory, db_path) -> Path:
    """One copy of the database for the tests that must leave it untouched (each compares its own before/after)."""
    return copy_db(db_path, tmp_path_factory.mktemp("userimport"))


def kerr(conn: sqlite3.Connection) -> tuple[int, str, str]:
    """Josh Kerr as the database has him (the good file's first row gives the same birth date and nationality)."""
    rows = conn.execute("SELECT id, birth_date, nationality FROM athletes WHERE name = 'Josh Kerr' AND sex = 'M'"
                        ).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


# --- a good file -------------------------------------------------------------------------------------------

def test_good_file_imports_every_row_with_its_source(writable_db):
    conn = sqlite3.connect(writable_db)
    before = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in dataset.TABLES}
    conn.close()

    assert userimport.import_file(GOOD, writable_db) == 6

    conn = sqlite3.connect(writable_db)
    after = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in dataset.TABLES}
    assert after["results"] == before["results"] + 6
    assert after["sources"] == before["sources"] + 1
    assert after["athletes"] == before["athletes"] + 2  # Alfie and Zoë are new; Josh Kerr is not
    assert after["competitions"] == before["competitions"] + 1
    source = source_of(GOOD)
    assert conn.execute("SELECT name, authority FROM sources WHERE id = ?", (source,)).fetchone() == (
        "User import good.csv", 20)
    rows = conn.execute(
        "SELECT res.source_ref, e.code, e.sex, a.name, res.mark, res.mark_value, res.status, res.wind, res.flags,"
        " res.place, r.round, r.date, r.indoor, r.venue, c.name FROM results res JOIN races r ON r.id = res.race_id"
        " JOIN events e ON e.id = r.event_id JOIN athletes a ON a.id = res.athlete_id"
        " LEFT JOIN competitions c ON c.id = r.competition_id WHERE res.source_id = ? ORDER BY res.id",
        (source,)).fetchall()
    open_ = "Bell Lap Club Open"
    assert rows == [
        ("good.csv:2", "1500m", "M", "Josh Kerr", "3:31.50", 211.5, "OK", None, "", 1, "F", "2026-06-13", 0,
         "Meadowbank", open_),
        ("good.csv:3", "1500m", "M", "Alfie Testrunner", "3:33.07", 213.07, "OK", None, "", 2, "F", "2026-06-13", 0,
         "Meadowbank", open_),
        ("good.csv:4", "100m", "W", "Zoë Ångström-Quickstep", "11.21", 11.21, "OK", 1.2, "", 1, "F", "2026-06-13", 0,
         "Meadowbank", open_),
        ("good.csv:5", "LJ", "W", "Zoë Ångström-Quickstep", "6.30", 6.3, "OK", 2.4, "w", 1, "F", "2026-06-14", 0,
         "Meadowbank", open_),
        ("good.csv:6", "5000m", "M", "Alfie Testrunner", None, None, "DNF", None, "", None, "F", "2026-06-14", 0,
         "Meadowbank", open_),
        ("good.csv:7", "mile", "M", "Alfie Testrunner", "3:58.2", 238.2, "OK", None, "h", 3, None, "2026-02-07", 1,
         "New Balance Track", None),
    ]
    # The new meeting spans the file's two days; everything new names the import as its source.
    assert conn.execute("SELECT start_date, end_date, year, level, source_id FROM competitions WHERE name = ?",
                        (open_,)).fetchall() == [("2026-06-13", "2026-06-14", 2026, "other", source)]
    assert conn.execute("SELECT COUNT(*) FROM races WHERE source_id = ?", (source,)).fetchone()[0] == 5
    assert dict(conn.execute("SELECT key, value FROM meta"))["kind"] == "custom"
    conn.close()


def test_athletes_are_matched_by_name_and_birth_date_or_nationality(writable_db):
    conn = sqlite3.connect(writable_db)
    kerr_id, kerr_dob, kerr_nat = kerr(conn)
    conn.close()
    # The fixture's first row is Josh Kerr with the birth date and nationality the database has.
    assert f"Josh Kerr,{kerr_nat},{kerr_dob}," in GOOD.read_text()

    userimport.import_file(GOOD, writable_db)
    conn = sqlite3.connect(writable_db)
    source = source_of(GOOD)
    ids = dict(conn.execute("SELECT source_ref, athlete_id FROM results WHERE source_id = ?", (source,)))
    assert ids["good.csv:2"] == kerr_id
    # A new athlete is created once and the later rows of the file find it.
    assert ids["good.csv:3"] == ids["good.csv:6"] == ids["good.csv:7"] != kerr_id
    assert ids["good.csv:4"] == ids["good.csv:5"]
    assert conn.execute("SELECT name, sex, nationality, birth_date, birth_year, source_id FROM athletes WHERE id = ?",
                        (ids["good.csv:3"],)).fetchone() == (
        "Alfie Testrunner", "M", "IRL", "2001-02-03", 2001, source)
    assert conn.execute("SELECT alias, folded, kind FROM athlete_aliases WHERE athlete_id = ?",
                        (ids["good.csv:4"],)).fetchall() == [
        ("Zoë Ångström-Quickstep", "zoe angstrom quickstep", "name")]
    assert conn.execute("SELECT COUNT(*) FROM athletes WHERE name = 'Josh Kerr'").fetchone()[0] == 1
    conn.close()


def test_same_name_with_another_birth_date_is_a_new_athlete(writable_db, tmp_path):
    conn = sqlite3.connect(writable_db)
    kerr_id, kerr_dob, kerr_nat = kerr(conn)
    conn.close()
    other_dob = "1980-01-01"
    assert other_dob != kerr_dob
    f = tmp_path / "namesake.csv"
    f.write_text(csv_text(line(athlete="Josh Kerr", nationality=kerr_nat, birth_date=other_dob),
                          line(athlete="Josh Kerr", nationality="", birth_date=kerr_dob, date="2026-06-14")))
    userimport.import_file(f, writable_db)
    conn = sqlite3.connect(writable_db)
    got = dict(conn.execute("SELECT source_ref, athlete_id FROM results WHERE source_id = ?", (source_of(f),)))
    assert got["namesake.csv:2"] != kerr_id
    assert got["namesake.csv:3"] == kerr_id  # birth date alone agrees
    assert conn.execute("SELECT birth_date FROM athletes WHERE id = ?", (got["namesake.csv:2"],)).fetchone() == (
        other_dob,)
    conn.close()


def test_required_columns_only(writable_db, tmp_path):
    f = tmp_path / "minimal.csv"
    f.write_text("Date , EVENT,sex,athlete,mark\n2026-05-01,pole vault,w,Minnie Malvolio,4.51\n"
                 "2026-05-01,1500,men,Josh Kerr,3:36.1h\n")
    assert userimport.import_file(f, writable_db) == 2
    conn = sqlite3.connect(writable_db)
    kerr_id = kerr(conn)[0]
    rows = conn.execute(
        "SELECT e.code, e.sex, res.athlete_id, res.mark, res.flags, res.place, r.round, r.competition_id, r.indoor"
        " FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id"
        " WHERE res.source_id = ? ORDER BY res.id", (source_of(f),)).fetchall()
    assert rows[0][:2] == ("PV", "W") and rows[0][3:] == ("4.51", "", None, None, None, 0)
    assert rows[1] == ("1500m", "M", kerr_id, "3:36.1", "h", None, None, None, 0)
    conn.close()


def test_excel_style_bom_and_crlf(writable_db, tmp_path):
    f = tmp_path / "excel.csv"
    f.write_bytes(b"\xef\xbb\xbf" + GOOD.read_bytes().replace(b"\n", b"\r\n"))
    assert userimport.import_file(f, writable_db) == 6
    conn = sqlite3.connect(writable_db)
    refs = [r[0] for r in conn.execute("SELECT source_ref FROM results WHERE source_id = ? ORDER BY id",
                                       (source_of(f),))]
    assert refs == [f"excel.csv:{n}" for n in range(2, 8)]
    conn.close()


def test_imported_database_passes_data_check(writable_db):
    userimport.import_file(GOOD, writable_db)
    conn = sqlite3.connect(writable_db)
    assert datacheck.check(conn) == []
    conn.close()


def test_database_with_imports_is_never_rebuilt(writable_db):
    userimport.import_file(GOOD, writable_db)
    conn = sqlite3.connect(writable_db)
    conn.execute("UPDATE meta SET value = 'stale' WHERE key = 'dataset'")
    conn.commit()
    conn.close()
    before = snapshot(writable_db)
    assert dataset.ensure_db(writable_db) is False
    assert_unchanged(writable_db, before)
    conn = sqlite3.connect(writable_db)
    assert conn.execute("SELECT COUNT(*) FROM results WHERE source_id = ?", (source_of(GOOD),)).fetchone()[0] == 6
    conn.close()


def test_same_file_twice_is_refused(writable_db, tmp_path):
    userimport.import_file(GOOD, writable_db)
    before = snapshot(writable_db)
    with pytest.raises(userimport.ImportFailed, match="already imported"):
        userimport.import_file(GOOD, writable_db)
    assert_unchanged(writable_db, before)
    # The same bytes under another name are the same file.
    renamed = tmp_path / "renamed.csv"
    renamed.write_bytes(GOOD.read_bytes())
    with pytest.raises(userimport.ImportFailed, match="already imported"):
        userimport.import_file(renamed, writable_db)
    assert_unchanged(writable_db, before)
    # A changed file is a new import.
    changed = tmp_path / "good.csv"
    changed.write_text(csv_text(line()))
    assert userimport.import_file(changed, writable_db) == 1


def test_the_examples_in_import_format_md_import(writable_db, tmp_path):
    doc = (ROOT / "data" / "IMPORT_FORMAT.md").read_text()
    blocks = [b.split("```", 1)[0] for b in doc.split("```csv\n")[1:]]
    assert len(blocks) == 2
    for n, block in enumerate(blocks):
        f = tmp_path / f"example{n}.csv"
        f.write_text(block)
        assert userimport.import_file(f, writable_db) == len(block.strip().splitlines()) - 1


# --- bad files: nothing changes, the message names the line ------------------------------------------------

FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()

BAD_ROWS = {
    "impossible date": (dict(date="2023-02-30"), "'2023-02-30' is not a real date"),
    "not a date": (dict(date="last Tuesday"), "'last Tuesday' is not a date"),
    "future date": (dict(date=FUTURE), "is in the future"),
    "bad birth date": (dict(birth_date="1999-13-01"), "'1999-13-01' is not a real date"),
    "born after the race": (dict(birth_date="2026-07-01"), "birth_date 2026-07-01 is not before"),
    "unknown event": (dict(event="egg and spoon"), "unknown event 'egg and spoon'"),
    "ambiguous event": (dict(event="sprint hurdles", mark="13.10"), "could be 100mH or 110mH"),
    "mark with junk": (dict(mark="3:7x"), "unexpected 'x' at the end of mark '3:7x'"),
    "seconds over 59": (dict(mark="3:75.00"), "60 or more"),
    "time for a jump": (dict(event="LJ", mark="1:50.00"), "is not a distance"),
    "zero mark": (dict(mark="0.00"), "not a positive time"),
    "empty mark": (dict(mark=""), "mark is empty"),
    "empty athlete": (dict(athlete=" "), "athlete is empty"),
    "bad wind": (dict(wind="+2.x"), "is not a wind reading"),
    "absurd wind": (dict(wind="45"), "not a plausible wind reading"),
    "bad sex": (dict(sex="Q"), "sex must be M or W, not 'Q'"),
    "mixed 1500m": (dict(sex="X"), "only for the mixed relays"),
    "place zero": (dict(place="0"), "place must be a whole number"),
    "place in words": (dict(place="first"), "place must be a whole number"),
    "place with decimals": (dict(place="1.5"), "place must be a whole number"),
    "place superscript": (dict(place="²"), "place must be a whole number"),
    "bad round": (dict(round="repechage"), "round must be one of"),
    "bad nationality": (dict(nationality="GB"), "nationality must be a three-letter code"),
    "bad indoor": (dict(indoor="maybe"), "indoor must be yes or no"),
}


@pytest.mark.parametrize("over,reason", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_bad_row_aborts_with_line_and_changes_nothing(shared_db, tmp_path, over, reason):
    f = tmp_path / "bad.csv"
    f.write_text(csv_text(line(athlete="Good One"), line(athlete="Good Two"), line(**over)))
    before = snapshot(shared_db)
    with pytest.raises(userimport.ImportFailed) as exc:
        userimport.import_file(f, shared_db)
    assert f"{f}:4: " in str(exc.value)
    assert reason in str(exc.value)
    assert_unchanged(shared_db, before)


GOOD_ROW = line(athlete="Good One")
BAD_FILES = {
    "missing column": (b"date,event,sex,athlete\n2026-06-13,1500m,M,Good One\n", 1,
                       "missing column(s) mark"),
    "unknown column": ((",".join(HEADER) + ",shoe\n" + GOOD_ROW + ",spikes\n").encode(), 1,
                       "unknown column(s) 'shoe'"),
    "column twice": (b"date,event,sex,athlete,mark,mark\n2026-06-13,1500m,M,Good One,3:40.00,3:41.00\n",
                     1, "more than once: mark"),
    "extra fields": (csv_text(GOOD_ROW, GOOD_ROW + ",surplus").encode(), 3, "more fields than columns"),
    "empty file": (b"", 1, "the file is empty"),
    "blank file": (b"\n \n", 1, "the file is empty"),
    "header only": (csv_text().encode(), 2, "no rows"),
    "not utf-8": (csv_text(GOOD_ROW).encode() + "2026-06-13,1500m,M,Zoë Latin,,,3:40.00,,,,,,,\n".encode("latin-1"),
                  3, "not UTF-8"),
    # Blank lines are skipped but still counted: the bad row is on line 5.
    "after blank lines": ((csv_text(GOOD_ROW) + "\n\n" + line(mark="3:7x") + "\n").encode(), 5, "'3:7x'"),
}


@pytest.mark.parametrize("content,lineno,reason", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_file_aborts_with_line_and_changes_nothing(shared_db, tmp_path, content, lineno, reason):
    f = tmp_path / "bad.csv"
    f.write_bytes(content)
    before = snapshot(shared_db)
    with pytest.raises(userimport.ImportFailed) as exc:
        userimport.import_file(f, shared_db)
    assert f"{f}:{lineno}: " in str(exc.value)
    assert reason in str(exc.value)
    assert_unchanged(shared_db, before)


def test_too_many_rows(shared_db, tmp_path, monkeypatch):
    monkeypatch.setattr(userimport, "MAX_ROWS", 5)  # the real limit is 100,000: the same code path, sooner
    f = tmp_path / "big.csv"
    f.write_text(csv_text(*(line(athlete=f"Runner {i}") for i in range(6))))
    before = snapshot(shared_db)
    with pytest.raises(userimport.ImportFailed, match=":7: more than 5 rows; split the file"):
        userimport.import_file(f, shared_db)
    assert_unchanged(shared_db, before)


def long_file(tmp_path: Path, n: int, last: str | None = None) -> Path:
    rows = [line(athlete=f"Runner {i:05d}", place=str(i % 12 + 1),
                 mark=f"3:{40 + i % 19}.{i % 100:02d}", date=f"2026-0{1 + i % 9}-1{i % 10}") for i in range(n)]
    f = tmp_path / "long.csv"
    f.write_text(csv_text(*rows, *([last] if last else [])))
    return f


def test_bad_row_at_the_end_of_a_long_file(shared_db, tmp_path):
    n = 3000
    f = long_file(tmp_path, n, last=line(athlete="Last One", mark="3:7x"))
    before = snapshot(shared_db)
    with pytest.raises(userimport.ImportFailed, match=f":{n + 2}: unexpected 'x'"):
        userimport.import_file(f, shared_db)
    assert_unchanged(shared_db, before)


def test_failure_while_writing_the_last_row_rolls_everything_back(writable_db, tmp_path, capsys):
    """Every row parses, so writing starts; the database itself refuses the last row (a trigger added for the
    test), after thousands of inserts. The whole import is undone and the user gets a message, not a trace."""
    n = 3000
    f = long_file(tmp_path, n)
    conn = sqlite3.connect(writable_db)
    conn.execute(f"CREATE TRIGGER refuse_last BEFORE INSERT ON results WHEN NEW.source_ref = 'long.csv:{n + 1}' "
                 "BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
    conn.commit()
    conn.close()
    before = snapshot(writable_db)
    assert userimport.main(f, writable_db) == 1
    err = capsys.readouterr().err
    assert "Import aborted, nothing was changed" in err and "disk says no" in err
    assert "Traceback" not in err
    assert_unchanged(writable_db, before)


def test_the_long_file_itself_imports(writable_db, tmp_path):
    f = long_file(tmp_path, 3000)
    assert userimport.import_file(f, writable_db) == 3000
    conn = sqlite3.connect(writable_db)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT athlete_id) FROM results WHERE source_id = ?",
                        (source_of(f),)).fetchone() == (3000, 3000)
    conn.close()


# --- the command line --------------------------------------------------------------------------------------

def test_cli_bad_file_exits_1_politely_and_changes_nothing(writable_db):
    before = snapshot(writable_db)
    proc = run_import(writable_db, BAD_MARK)
    assert proc.returncode == 1, proc.stderr
    assert "Import aborted, nothing was changed" in proc.stderr
    assert f"{BAD_MARK}:4: unexpected 'x' at the end of mark '3:7x'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert_unchanged(writable_db, before)


def test_cli_good_file_exits_0_then_refuses_it_again(writable_db):
    proc = run_import(writable_db, GOOD)
    assert proc.returncode == 0, proc.stderr
    assert f"Imported 6 results from {GOOD}" in proc.stdout
    conn = sqlite3.connect(writable_db)
    assert conn.execute("SELECT COUNT(*) FROM results WHERE source_id = ?", (source_of(GOOD),)).fetchone()[0] == 6
    conn.close()
    before = snapshot(writable_db)
    again = run_import(writable_db, GOOD)
    assert again.returncode == 1
    assert "already imported" in again.stderr and "Traceback" not in again.stderr
    assert_unchanged(writable_db, before)


def test_cli_missing_file(writable_db, tmp_path):
    proc = run_import(writable_db, tmp_path / "nowhere.csv")
    assert proc.returncode == 1
    assert "no file" in proc.stderr and "Traceback" not in proc.stderr
