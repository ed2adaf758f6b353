"""What every importer yields: source-neutral rows that the builder resolves into our schema.

Importers only read and normalise one file format. They never touch the database, never decide who an
athlete is (the builder's identity step does), and never drop a row silently: a row they will not import
is yielded as a ``Rejected`` with its file, line and reason, and ends up in the ``import_issues`` table.
"""
from __future__ import annotations

import csv
import functools
import gzip
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path


class SourceFileError(ValueError):
    """A file that cannot be imported at all (wrong format); the message names the file and line."""


# What a corrupted file makes the readers raise: bad bytes, broken CSV/JSON/gzip, a row of the wrong shape or
# types. Anything else (a missing file, a bug) is not the file's fault and propagates as it is.
_CORRUPT = (UnicodeError, json.JSONDecodeError, csv.Error, gzip.BadGzipFile, zlib.error, EOFError, StopIteration,
            ValueError, LookupError, TypeError, AttributeError, ArithmeticError, RecursionError)


def _where(exc: BaseException, default: object) -> str:
    """file:line of a failure: the row ref the importer was working on (its `where`/`rref`/`ref` local, innermost
    first), else the file it was reading and the line the error gives."""
    tb, frames = exc.__traceback__, []
    while tb is not None:
        frames.append(tb.tb_frame.f_locals)
        tb = tb.tb_next
    for loc in reversed(frames):
        for name in ("rref", "where", "ref"):
            v = loc.get(name)
            if isinstance(v, str) and ":" in v:
                return v
    file = next((loc[n] for loc in reversed(frames) for n in ("file", "path") if isinstance(loc.get(n), Path)),
                default)
    line = getattr(exc, "lineno", None)
    if line is None and isinstance(exc, UnicodeDecodeError) and isinstance(exc.object, bytes):
        line = exc.object[:exc.start].count(b"\n") + 1
    return f"{file}:{line or 1}"


def guarded(load):
    """Decorate an importer's entry point: a corrupted file raises SourceFileError with its file and line (and the
    reason), never a bare KeyError or UnicodeDecodeError from deep inside."""
    @functools.wraps(load)
    def wrapper(path, *args, **kwargs):
        try:
            return load(path, *args, **kwargs)
        except SourceFileError:
            raise
        except _CORRUPT as exc:
            raise SourceFileError(f"{_where(exc, path)}: unreadable ({type(exc).__name__}: {str(exc)[:200]})") from exc
    return wrapper


@dataclass(frozen=True)
class Source:
    id: str  # short stable id, e.g. "wa-toplists"
    name: str
    origin: str  # where it came from (repository + commit, or "user import")
    licence: str
    # Higher wins when two sources disagree on the same fact (SOURCES.md says which are authoritative).
    authority: int = 50
    notes: str = ""


@dataclass(frozen=True)
class AthleteRef:
    """An athlete (or relay team) as one source names them. Identity is resolved later."""
    given: str  # "Josh" ("" for teams)
    family: str  # "KERR" or "Kerr": case as written in the source
    sex: str  # "M", "W" or "X"
    nationality: str | None = None  # three-letter WA/IOC code: "GBR"
    birth_date: str | None = None  # ISO "1997-10-08" when known
    birth_year: int | None = None  # when only the year is known (or with birth_date)
    source_athlete_id: str | None = None  # WA id / Tilastopaja id, when the source has one
    is_team: bool = False  # relays: the nation's team, not a person
    written: str | None = None  # the whole name as written, when not "given family" ("Xue Changrui")

    @property
    def name(self) -> str:
        return self.written or f"{self.given} {self.family}".strip()


@dataclass(frozen=True)
class MeetHint:
    """What a source knows about the competition a result belongs to."""
    series: str  # our series id: "OG", "WCH", "WIC", "DL-EUGENE"... (see bot/pipeline/competitions.py)
    year: int
    name: str | None = None  # the source's own name for the meeting, if any


@dataclass(frozen=True)
class Performance:
    """One athlete's result in one race."""
    source: str  # Source.id
    ref: str  # "male/one-mile.csv.gz:12" - where in the source the row is
    event: str  # our event code (bot/common/events.py)
    sex: str
    athlete: AthleteRef
    mark: str | None  # as written ("3:45.34", "6.3", "DNF"); None when the source has no mark (medal lists)
    date: str | None  # ISO date of the race; None when only the year is known (then meet.year is)
    indoor: bool = False
    wind: float | None = None
    place: int | None = None  # finishing place in the race, when known
    position: str | None = None  # place as written, with round codes: "1", "2sf1", "1f1"
    round: str | None = None  # "F" final, "SF" semi, "H" heat, "Q" qualification, "R1"..., None unknown
    heat: int | None = None  # heat / semi / group number
    race_label: str | None = None  # "Bowerman Mile", "International Mile", "A race"
    # The source's own race, where it has one ("data/2022_24.json:National Events/4"): rows that share it are
    # one race, rows that do not are never one (two 100 m finals on one day at one meeting).
    race_ref: str | None = None
    venue: str | None = None  # stadium or place as written: "Hayward Field, Eugene, OR"
    country: str | None = None  # venue country code
    meet: MeetHint | None = None
    record_flags: tuple[str, ...] = ()  # "WR", "NR", "OR", "PB", "SB"...
    score: int | None = None  # WA result score, when the source has it
    # Whether the time is hand-timed, when the source says (WA's 'h'; a documented rule in data/SOURCES.md);
    # None: read from the mark as written (an 'h', or one decimal on the track).
    hand: bool | None = None


@dataclass(frozen=True)
class RecordRow:
    """A record (current or superseded) as one source lists it."""
    source: str
    ref: str
    kind: str  # "world", "area", "national", "olympic", "championship", "world_u20"
    region: str  # "WORLD", an area code ("EUR", "AFR", "ASI", "NAC", "SAM", "OCE") or a nation code
    event: str
    sex: str
    athlete: AthleteRef
    mark: str
    date: str | None
    indoor: bool = False
    wind: float | None = None
    venue: str | None = None
    country: str | None = None
    current: bool | None = None  # None: the builder decides from the other rows
    # True for rows from a progression list: superseded marks are expected there.
    progression: bool = False
    # A hand time: only where the source or a documented rule of its importer says so; one decimal alone
    # never makes one (data/SOURCES.md, "Hand times").
    hand: bool = False


@dataclass(frozen=True)
class RelayMember:
    """A runner of a relay team that won a medal, as a medal list names them: the team's result is the
    Performance; this says who ran it (medal lists keep the team's members, results files do not)."""
    source: str
    ref: str
    series: str  # "OG"
    year: int
    event: str
    sex: str  # the relay's ("X" for mixed)
    nation: str  # the team's nation code
    place: int
    athlete: AthleteRef


@dataclass(frozen=True)
class Rejected:
    """A row that is not imported, and why. Every one is kept in import_issues, none dropped silently."""
    source: str
    ref: str
    reason: str
    corrected: bool = False  # True when the row was imported after a documented correction


@dataclass(frozen=True)
class ResultDetail:
    """One detail of a result that the result row has no column for: a start's reaction time, a field event's
    attempt, one height of a vertical jump's sheet, a relay leg. `result_ref` is the Performance's ref: the
    detail belongs to the result that performance becomes."""
    source: str
    ref: str  # the detail's own place in the file: "rio_athletics_results.json:12/3/attempt2"
    result_ref: str
    kind: str  # "reaction", "attempt", "height", "leg"
    seq: int | None = None  # the attempt's round, the height's order on the sheet, the leg's number
    mark: str | None = None  # "0.141" (s), "8.20" / "X" (foul) / "P" (pass), the bar's height "4.85"
    outcome: str | None = None  # a height's attempts as written: "XO", "XXX", "O", "R" (retired)
    wind: float | None = None  # an attempt's wind
    athlete: AthleteRef | None = None  # a leg's runner


@dataclass
class ImportBatch:
    """What one importer produced from one file or folder."""
    source: Source
    performances: list[Performance] = field(default_factory=list)
    records: list[RecordRow] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    relay_members: list[RelayMember] = field(default_factory=list)
    details: list[ResultDetail] = field(default_factory=list)
