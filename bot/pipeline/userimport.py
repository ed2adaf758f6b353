"""`python -m bot data import FILE`: a user's results CSV, all-or-nothing.

Every row is read and checked before anything is written; the first bad row aborts the import with its line
number and reason, and the database is left exactly as it was. Plausibility (marks, ages, wind, places, dates,
the same result twice) follows bot/common/plausible.py, the rules the data check applies too; the age of an athlete
matched on file is checked as the rows are written, in the same all-or-nothing transaction. The format is in
data/IMPORT_FORMAT.md.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.common import marks, names, plausible
from bot.pipeline import db as dbmod
from bot.pipeline.importers.dates import parse_date

REQUIRED = ("date", "event", "sex", "athlete", "mark")
OPTIONAL = ("nationality", "birth_date", "wind", "place", "round", "competition", "venue", "country", "indoor")
SEXES = {"m": "M", "men": "M", "male": "M", "man": "M", "w": "W", "f": "W", "women": "W", "female": "W",
         "woman": "W", "x": "X", "mixed": "X"}
ROUNDS = {"": None, "f": "F", "final": "F", "sf": "SF", "semi": "SF", "semi-final": "SF", "h": "H", "heat": "H",
          "q": "Q", "qualification": "Q"}
INDOOR = {"": False, "0": False, "no": False, "n": False, "false": False, "outdoor": False, "outdoors": False,
          "1": True, "yes": True, "y": True, "true": True, "indoor": True, "indoors": True}
MAX_ROWS = 100_000
_PLACE_RE = re.compile(r"[0-9]{1,6}")   # a place; more digits would overflow SQLite's INTEGER
_NAT_RE = re.compile(r"[A-Z]{3}")


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


def _event_codes(conn: sqlite3.Connection, text: str) -> list[str]:
    """Every event code the name can mean (more than one for e.g. 'sprint hurdles': 100mH and 110mH)."""
    return sorted(r[0] for r in conn.execute("SELECT code FROM event_aliases WHERE alias = ?", (names.fold(text),)))


def _event_code(conn: sqlite3.Connection, text: str) -> str | None:
    codes = _event_codes(conn, text)
    return codes[0] if len(codes) == 1 else None


def parse(conn: sqlite3.Connection, text: str, filename: str) -> list[Row]:
    """Read and check every row. Raises ImportFailed at the first problem."""
    reader = _reader(text, filename)
    check = _RowChecker(conn)
    rows: list[Row] = []
    for raw in _csv_rows(reader, filename):
        # The physical line the row ends on (blank lines are skipped by the reader, so counting rows is wrong).
        line = reader.line_num
        if len(rows) >= MAX_ROWS:
            raise ImportFailed(f"{filename}:{line}: more than {MAX_ROWS} rows; split the file")
        if None in raw:
            raise ImportFailed(f"{filename}:{line}: more fields than columns")
        rows.append(check.row({k: (v or "").strip() for k, v in raw.items()}, line, f"{filename}:{line}"))
    if not rows:
        raise ImportFailed(f"{filename}:2: no rows after the header line")
    return rows


def _reader(text: str, filename: str) -> csv.DictReader:
    """A reader over the file whose header holds every required column, each once, and nothing unknown."""
    if not text.strip():
        raise ImportFailed(f"{filename}:1: the file is empty (expected a header line: {','.join(REQUIRED)},...)")
    reader = csv.DictReader(io.StringIO(text))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:    # e.g. a field over csv's 131,072-character limit, a NUL byte
        raise ImportFailed(f"{filename}:1: not readable as CSV: {exc}") from None
    header = [h.strip().lower() for h in (fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailed(f"{filename}:1: missing column(s) {', '.join(missing)} (required: {', '.join(REQUIRED)})")
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    if unknown:
        raise ImportFailed(f"{filename}:1: unknown column(s) {', '.join(repr(c) for c in unknown)} "
                           f"(allowed: {', '.join(REQUIRED + OPTIONAL)})")
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:
        raise ImportFailed(f"{filename}:1: column(s) given more than once: {', '.join(twice)}")
    reader.fieldnames = header
    return reader


class _RowChecker:
    """Checks one row at a time against the database's bounds and the rows before it in the file."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.event_ids = {(c, s): i for i, c, s in conn.execute("SELECT id, code, sex FROM events")}
        self.today = dt.date.today().isoformat()
        self.bounds = plausible.Bounds(conn)   # read from the database as rows need them (bot/common/plausible.py)
        self.seen: dict[tuple, list[tuple[int, str | None]]] = {}   # the file's results so far -> [(line, round)]

    def row(self, get: dict[str, str], line: int, where: str) -> Row:
        for c in REQUIRED:
            if not get.get(c):
                raise ImportFailed(f"{where}: {c} is empty")
        date, birth = self._dates(get, where)
        code, sex = self._event(get, where)
        mark, wind = self._mark(get, code, sex, where)
        place = self._place(get, where)
        rnd_text = get.get("round", "").lower()
        if rnd_text not in ROUNDS:
            raise ImportFailed(f"{where}: round must be one of final, semi, heat, qualification "
                               f"(or F, SF, H, Q), not {get['round']!r}")
        nat = get.get("nationality", "").upper() or None
        if nat and not _NAT_RE.fullmatch(nat):
            raise ImportFailed(f"{where}: nationality must be a three-letter code like GBR, not {nat!r}")
        indoor = INDOOR.get(get.get("indoor", "").lower())
        if indoor is None:
            raise ImportFailed(f"{where}: indoor must be yes or no (or 1/0, true/false), not {get['indoor']!r}")
        if wind is not None:
            why = plausible.wind_problem(wind, code, sex, indoor or mark.indoor, self.bounds.wind)
            if why:
                raise ImportFailed(f"{where}: wind {get['wind']!r}: {why}")
        rnd = ROUNDS[rnd_text]
        self._not_twice(get, code, sex, date, mark, rnd, line, where)
        return Row(line, date, code, sex, get["athlete"], nat, birth, mark, wind, place,
                   rnd, get.get("competition") or None, get.get("venue") or None,
                   get.get("country", "").upper() or None, indoor or mark.indoor)

    def _dates(self, get: dict[str, str], where: str) -> tuple[str, str | None]:
        try:
            date = parse_date(get["date"])
            birth = parse_date(get["birth_date"]) if get.get("birth_date") else None
        except ValueError as exc:
            raise ImportFailed(f"{where}: {exc}") from None
        if date > self.today:
            raise ImportFailed(f"{where}: date {date} is in the future")
        if birth and birth >= date:
            raise ImportFailed(f"{where}: birth_date {birth} is not before the result date {date}")
        why = plausible.date_problem(date, self.bounds.earliest)
        if why:
            raise ImportFailed(f"{where}: date {why}")
        if birth and self.bounds.ages is not None:
            why = self.bounds.ages.problem(plausible.age_at(birth, date))
            if why:
                raise ImportFailed(f"{where}: birth_date {birth}: {why}")
        return date, birth

    def _event(self, get: dict[str, str], where: str) -> tuple[str, str]:
        codes = _event_codes(self.conn, get["event"])
        if not codes:
            raise ImportFailed(f"{where}: unknown event {get['event']!r} (use e.g. 100m, 1500m, mile, PV, MAR)")
        if len(codes) > 1:
            raise ImportFailed(f"{where}: event {get['event']!r} could be {' or '.join(codes)}; write the code")
        code = codes[0]
        sex = SEXES.get(get["sex"].lower())
        if sex is None:
            raise ImportFailed(f"{where}: sex must be M or W, not {get['sex']!r}")
        if (code, sex) not in self.event_ids:
            raise ImportFailed(f"{where}: sex X (mixed) is only for the mixed relays 4x100 and 4x400, not {code}")
        return code, sex

    def _mark(self, get: dict[str, str], code: str, sex: str, where: str) -> tuple[marks.Mark, float | None]:
        try:
            mark = marks.parse_mark(get["mark"], code)
            wind = marks.parse_wind(get.get("wind"))
        except marks.MarkError as exc:
            raise ImportFailed(f"{where}: {exc}") from None
        if mark.value is not None:
            mb = self.bounds.marks(code, sex)
            why = mb.problem(mark.value) if mb else plausible.no_bounds(code, sex)
            if why:
                raise ImportFailed(f"{where}: mark {get['mark']!r} is not plausible for the "
                                   f"{plausible.event_words(code, sex)}: {why}")
        return mark, wind

    def _place(self, get: dict[str, str], where: str) -> int | None:
        if not get.get("place"):
            return None
        if not _PLACE_RE.fullmatch(get["place"]) or int(get["place"]) < 1:
            raise ImportFailed(f"{where}: place must be a whole number from 1, not {get['place']!r}")
        place = int(get["place"])
        why = self.bounds.places.problem(place) if self.bounds.places else None
        if why:
            raise ImportFailed(f"{where}: {why}")
        return place

    def _not_twice(self, get: dict[str, str], code: str, sex: str, date: str, mark: marks.Mark, rnd: str | None,
                   line: int, where: str) -> None:
        """The same result twice: the same athlete, event, day and mark (or DNF...), in rounds that may be one,
        earlier in the file or already stored."""
        key = (names.fold(get["athlete"]), code, sex, date, mark.value if mark.ok else mark.status)
        for earlier, earlier_rnd in self.seen.get(key, []):
            if not (rnd and earlier_rnd and rnd != earlier_rnd):
                raise ImportFailed(f"{where}: the same result as line {earlier} ({get['athlete']}, "
                                   f"{plausible.event_words(code, sex)}, {date}, {mark.display()})")
        self.seen.setdefault(key, []).append((line, rnd))
        stored = _stored(self.conn, self.event_ids[(code, sex)], date, key[0], mark, rnd)
        if stored:
            raise ImportFailed(f"{where}: already in the database: {get['athlete']}'s {mark.display()} in the "
                               f"{plausible.event_words(code, sex)} on {date} (results id {stored[0]}, "
                               f"{stored[1]} {stored[2]})")


def _stored(conn: sqlite3.Connection, event_id: int, date: str, folded: str, mark: marks.Mark,
            rnd: str | None) -> tuple[int, str, str] | None:
    """A result already on file with that athlete name (any spelling we know), event, day and mark, in a round
    that may be the same one: (results id, source, reference)."""
    same_mark = ("abs(res.mark_value - ?) < 1e-6", mark.value) if mark.ok else \
        ("res.mark_value IS NULL AND res.status = ?", mark.status)
    for rid, src, ref, stored_rnd in conn.execute(
            "SELECT res.id, res.source_id, res.source_ref, r.round FROM races r JOIN results res ON res.race_id = r.id "
            "JOIN athlete_aliases al ON al.athlete_id = res.athlete_id AND al.folded = ? "
            f"WHERE r.event_id = ? AND r.date = ? AND {same_mark[0]} ORDER BY res.id",
            (folded, event_id, date, same_mark[1])):
        if not (rnd and stored_rnd and rnd != stored_rnd):
            return rid, src, ref
    return None


def _csv_rows(reader: csv.DictReader, filename: str):
    """The reader's rows; a CSV syntax error becomes ImportFailed with the line it is on."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFailed(f"{filename}:{reader.line_num}: not readable as CSV: {exc}") from None
        yield row


def _inserted_id(cur: sqlite3.Cursor) -> int:
    """The rowid an INSERT just gave its row (sqlite3 types lastrowid as optional: None before any INSERT)."""
    assert cur.lastrowid is not None, "called right after an INSERT"
    return cur.lastrowid


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
    athlete_id = _inserted_id(cur)
    conn.execute("INSERT INTO athlete_aliases VALUES (?,?,?,?,?)", (athlete_id, row.athlete, folded, "name", source))
    return athlete_id


def _check_age(conn: sqlite3.Connection, athlete_id: int, row: Row, filename: str, bounds: plausible.Bounds) -> None:
    """A row without a birth date that goes to an athlete on file with one gets the age rule too (the row with
    one was checked in parse)."""
    if row.birth_date:
        return
    born = conn.execute("SELECT birth_date, name FROM athletes WHERE id = ?", (athlete_id,)).fetchone()
    if not born or not born[0]:
        return
    where = f"{filename}:{row.line}"
    if born[0] >= row.date:
        raise ImportFailed(f"{where}: {born[1]} (on file, born {born[0]}) was not yet born on the result date "
                           f"{row.date}")
    why = bounds.ages.problem(plausible.age_at(born[0], row.date)) if bounds.ages else None
    if why:
        raise ImportFailed(f"{where}: {born[1]} (on file, born {born[0]}): {why}")


def _refuse_if_imported(conn: sqlite3.Connection, filename: str, digest: str) -> None:
    # The same bytes are the same file, whatever it is called now.
    source = f"user:{Path(filename).name}:{digest}"
    done = conn.execute("SELECT id FROM sources WHERE id = ? OR (id LIKE 'user:%' AND id LIKE ?)",
                        (source, f"%:{digest}")).fetchone()
    if done:
        raise ImportFailed(f"{filename}: this file was already imported (source {done[0]}); nothing done")


def write(conn: sqlite3.Connection, rows: list[Row], filename: str, digest: str) -> int:
    """Insert the rows in one transaction; any failure rolls everything back."""
    source = f"user:{Path(filename).name}:{digest}"
    conn.execute("BEGIN IMMEDIATE")
    try:
        _refuse_if_imported(conn, filename, digest)    # again, in the transaction: another import may have won
        conn.execute("INSERT INTO sources VALUES (?,?,?,?,?,?)",
                     (source, f"User import {Path(filename).name}", filename, "provided by the user", 20, ""))
        event_ids = {(c, s): i for i, c, s in conn.execute("SELECT id, code, sex FROM events")}
        bounds = plausible.Bounds(conn)
        comp_ids: dict[str, int] = {}
        new_comps: dict[int, list[str]] = {}  # competitions this file creates -> [first date, last date]
        races: dict[tuple, int] = {}
        for row in rows:
            comp = None
            if row.competition:
                key = row.competition.lower()
                if key not in comp_ids:
                    hit = conn.execute("SELECT id FROM competitions WHERE lower(name) = lower(?)",
                                       (row.competition,)).fetchone()
                    if hit:
                        comp_ids[key] = hit[0]
                    else:
                        comp_ids[key] = _inserted_id(conn.execute(
                            "INSERT INTO competitions (series_id, year, name, venue, country, start_date, end_date,"
                            " level, indoor, source_id) VALUES (NULL,?,?,?,?,?,?,'other',?,?)",
                            (int(row.date[:4]), row.competition, row.venue, row.country, row.date, row.date,
                             int(row.indoor), source)))
                        new_comps[comp_ids[key]] = [row.date, row.date]
                comp = comp_ids[key]
                if comp in new_comps:
                    span = new_comps[comp]
                    span[0], span[1] = min(span[0], row.date), max(span[1], row.date)
            rkey = (comp, row.event, row.sex, row.date, row.round, row.venue, row.indoor)
            if rkey not in races:
                races[rkey] = _inserted_id(conn.execute(
                    "INSERT INTO races (competition_id, event_id, round, date, venue, country, indoor, wind, source_id)"
                    " VALUES (?,?,?,?,?,?,?,?,?)", (comp, event_ids[(row.event, row.sex)], row.round, row.date,
                                                   row.venue, row.country, int(row.indoor), row.wind, source)))
            flags = " ".join(f for f, on in (("A", row.mark.altitude), ("h", row.mark.hand),
                                             ("w", row.mark.wind_aided or not marks.wind_legal(row.wind))) if on)
            athlete_id = _athlete_id(conn, row, source)
            _check_age(conn, athlete_id, row, filename, bounds)
            conn.execute(
                "INSERT INTO results (race_id, athlete_id, place, position, mark, mark_value, status, wind, flags,"
                " source_id, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (races[rkey], athlete_id, row.place, str(row.place or ""),
                 row.mark.text if row.mark.ok else None, row.mark.value, row.mark.status, row.wind, flags, source,
                 f"{Path(filename).name}:{row.line}"))
        for comp, (first, last) in new_comps.items():
            conn.execute("UPDATE competitions SET start_date = ?, end_date = ?, year = ? WHERE id = ?",
                         (first, last, int(first[:4]), comp))
        # A database with user rows is never rebuilt from data/ automatically (that would lose them).
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('kind', 'custom')")
        dbmod.refresh_bests(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(rows)


def import_file(path: Path, db_path: Path) -> int:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ImportFailed(f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                           f"save the file as UTF-8") from None
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")  # the running bot may hold the write lock for a moment
        digest = hashlib.sha256(data).hexdigest()[:8]
        # Before reading the rows: its rows are in the database, but the file's own message is the clear one.
        _refuse_if_imported(conn, str(path), digest)
        rows = parse(conn, text, str(path))
        return write(conn, rows, str(path), digest)
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
    except OSError as exc:
        print(f"Import aborted: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:
        print(f"Import aborted, nothing was changed: database error: {exc}", file=sys.stderr)
        return 1
    print(f"Imported {n} results from {path}.")
    return 0
