"""`python -m bot data import FILE`: a user's results CSV, all-or-nothing.

Every row is read and checked before anything is written; the first bad row aborts the import with its line
number and reason, and the database is left exactly as it was. The format is in data/IMPORT_FORMAT.md.
"""
from __future__ import annotations

import csv
import hashlib
import io
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from bot import marks, names
from bot.importers.dates import parse_date

REQUIRED = ("date", "event", "sex", "athlete", "mark")
OPTIONAL = ("nationality", "birth_date", "wind", "place", "round", "competition", "venue", "country", "indoor")
SEXES = {"m": "M", "men": "M", "male": "M", "man": "M", "w": "W", "f": "W", "women": "W", "female": "W",
         "woman": "W", "x": "X", "mixed": "X"}
ROUNDS = {"": None, "f": "F", "final": "F", "sf": "SF", "semi": "SF", "semi-final": "SF", "h": "H", "heat": "H",
          "q": "Q", "qualification": "Q"}
MAX_ROWS = 100_000


class ImportFailed(ValueError):
    """A row (or the file) that cannot be imported; the message names the line."""


@dataclass
class Row:
    line: int
    date: str
    event: str
    sex: str
    athlete: str
    nationality: str | None
    birth_date: str | None
    mark: marks.Mark
    wind: float | None
    place: int | None
    round: str | None
    competition: str | None
    venue: str | None
    country: str | None
    indoor: bool


def _event_code(conn: sqlite3.Connection, text: str) -> str | None:
    row = conn.execute("SELECT code FROM event_aliases WHERE alias = ?", (names.fold(text),)).fetchone()
    return row[0] if row else None


def parse(conn: sqlite3.Connection, text: str, filename: str) -> list[Row]:
    """Read and check every row. Raises ImportFailed at the first problem."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailed(f"{filename}:1: missing column(s) {', '.join(missing)} (required: {', '.join(REQUIRED)})")
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    if unknown:
        raise ImportFailed(f"{filename}:1: unknown column(s) {', '.join(unknown)}")
    reader.fieldnames = header
    rows: list[Row] = []
    for line, raw in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            raise ImportFailed(f"{filename}: more than {MAX_ROWS} rows; split the file")
        if None in raw:
            raise ImportFailed(f"{filename}:{line}: more fields than columns")
        get = {k: (v or "").strip() for k, v in raw.items()}
        where = f"{filename}:{line}"
        for c in REQUIRED:
            if not get.get(c):
                raise ImportFailed(f"{where}: {c} is empty")
        try:
            date = parse_date(get["date"])
            birth = parse_date(get["birth_date"]) if get.get("birth_date") else None
        except ValueError as exc:
            raise ImportFailed(f"{where}: {exc}") from None
        code = _event_code(conn, get["event"])
        if code is None:
            raise ImportFailed(f"{where}: unknown event {get['event']!r} (use e.g. 100m, 1500m, mile, PV, MAR)")
        sex = SEXES.get(get["sex"].lower())
        if sex is None:
            raise ImportFailed(f"{where}: sex must be M or W, not {get['sex']!r}")
        try:
            mark = marks.parse_mark(get["mark"], code)
            wind = marks.parse_wind(get.get("wind"))
        except marks.MarkError as exc:
            raise ImportFailed(f"{where}: {exc}") from None
        place = None
        if get.get("place"):
            if not get["place"].isdigit() or int(get["place"]) < 1:
                raise ImportFailed(f"{where}: place must be a whole number from 1, not {get['place']!r}")
            place = int(get["place"])
        rnd_text = get.get("round", "").lower()
        if rnd_text not in ROUNDS:
            raise ImportFailed(f"{where}: round must be one of final, semi, heat, qualification")
        nat = get.get("nationality", "").upper() or None
        if nat and (len(nat) != 3 or not nat.isalpha()):
            raise ImportFailed(f"{where}: nationality must be a three-letter code like GBR, not {nat!r}")
        indoor = get.get("indoor", "").lower() in ("1", "yes", "true", "y", "indoor")
        rows.append(Row(line, date, code, sex, get["athlete"], nat, birth, mark, wind, place,
                        ROUNDS[rnd_text], get.get("competition") or None, get.get("venue") or None,
                        get.get("country", "").upper() or None, indoor or mark.indoor))
    if not rows:
        raise ImportFailed(f"{filename}: no rows")
    return rows


def _athlete_id(conn: sqlite3.Connection, row: Row, source: str) -> int:
    """An existing athlete when the name (any spelling we know) and birth date or nationality agree."""
    folded = names.fold(row.athlete)
    cands = conn.execute(
        "SELECT DISTINCT a.id, a.birth_date, a.nationality FROM athlete_aliases al JOIN athletes a ON a.id = al.athlete_id "
        "WHERE al.folded = ? AND a.sex = ?", (folded, row.sex)).fetchall()
    if row.birth_date:
        cands = [c for c in cands if c[1] in (None, row.birth_date)]
    if row.nationality:
        cands = [c for c in cands if c[2] in (None, row.nationality)]
    if len(cands) == 1:
        return cands[0][0]
    given, family = names.split_display(row.athlete)
    cur = conn.execute(
        "INSERT INTO athletes (name, given, family, sex, nationality, birth_date, birth_year, source_id) "
        "VALUES (?,?,?,?,?,?,?,?)", (names.display(given, family), given, names.recase(family), row.sex,
                                     row.nationality, row.birth_date,
                                     int(row.birth_date[:4]) if row.birth_date else None, source))
    conn.execute("INSERT INTO athlete_aliases VALUES (?,?,?,?,?)", (cur.lastrowid, row.athlete, folded, "name", source))
    return cur.lastrowid


def write(conn: sqlite3.Connection, rows: list[Row], filename: str, digest: str) -> int:
    """Insert the rows in one transaction; any failure rolls everything back."""
    source = f"user:{Path(filename).name}:{digest}"
    if conn.execute("SELECT 1 FROM sources WHERE id = ?", (source,)).fetchone():
        raise ImportFailed(f"{filename}: this file was already imported (source {source}); nothing done")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO sources VALUES (?,?,?,?,?,?)",
                     (source, f"User import {Path(filename).name}", filename, "provided by the user", 20, ""))
        event_ids = {(c, s): i for i, c, s in conn.execute("SELECT id, code, sex FROM events")}
        comp_ids: dict[str, int] = {}
        races: dict[tuple, int] = {}
        for row in rows:
            comp = None
            if row.competition:
                key = row.competition.lower()
                if key not in comp_ids:
                    hit = conn.execute("SELECT id FROM competitions WHERE lower(name) = ?", (key,)).fetchone()
                    comp_ids[key] = hit[0] if hit else conn.execute(
                        "INSERT INTO competitions (series_id, year, name, venue, country, start_date, end_date, level,"
                        " indoor, source_id) VALUES (NULL,?,?,?,?,?,?,'other',?,?)",
                        (int(row.date[:4]), row.competition, row.venue, row.country, row.date, row.date,
                         int(row.indoor), source)).lastrowid
                comp = comp_ids[key]
            rkey = (comp, row.event, row.sex, row.date, row.round, row.venue, row.indoor)
            if rkey not in races:
                races[rkey] = conn.execute(
                    "INSERT INTO races (competition_id, event_id, round, date, venue, country, indoor, wind, source_id)"
                    " VALUES (?,?,?,?,?,?,?,?,?)", (comp, event_ids[(row.event, row.sex)], row.round, row.date,
                                                   row.venue, row.country, int(row.indoor), row.wind, source)).lastrowid
            flags = " ".join(f for f, on in (("A", row.mark.altitude), ("h", row.mark.hand),
                                             ("w", row.mark.wind_aided or not marks.wind_legal(row.wind))) if on)
            conn.execute(
                "INSERT INTO results (race_id, athlete_id, place, position, mark, mark_value, status, wind, flags,"
                " source_id, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (races[rkey], _athlete_id(conn, row, source), row.place, str(row.place or ""),
                 row.mark.text if row.mark.ok else None, row.mark.value, row.mark.status, row.wind, flags, source,
                 f"{Path(filename).name}:{row.line}"))
        # A database with user rows is never rebuilt from data/ automatically (that would lose them).
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('kind', 'custom')")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(rows)


def import_file(path: Path, db_path: Path) -> int:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: not UTF-8 text") from None
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        rows = parse(conn, text, str(path))
        return write(conn, rows, str(path), hashlib.sha256(data).hexdigest()[:8])
    finally:
        conn.close()


def main(path: Path, db_path: Path) -> int:
    try:
        n = import_file(path, db_path)
    except ImportFailed as exc:
        print(f"Import aborted, nothing was changed: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError:
        print(f"Import aborted: no file {path}", file=sys.stderr)
        return 1
    print(f"Imported {n} results from {path}.")
    return 0
