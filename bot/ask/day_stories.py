"""What to post on a day of the year: the records and famous results set on that day, ranked, as Stories.

Candidates, all read from the reference database:
- world records set on that day, current or superseded, as long as they are part of the merged world-record
  progression (bot/ask/records.world_progression: a source's row that does not improve on the record is not
  a record);
- national records of the server's chosen countries (no source has national progressions, so "the previous
  record" is worked out from the marks on file, and the Story says so);
- championship wins (OG/WCH/WIC finals, the same rule as the question engine's "on this day") that are famous
  enough to stand next to records: an Olympic title, a title won by an athlete of the server's countries, or
  a winning mark that is itself a record in the database;
- race wins of champions and world-record holders (bot/ask/fame.py `elite`) at Diamond League meetings and in
  the road races of the cities where road world records were set (Berlin, Chicago: read from the records).
The fallback (Preferences.fallback = "final"), for a day with nothing else or only niche events: any other
final, any race such an athlete won, and their birthdays (birth dates as the sources give them); "none"
posts nothing.

A world record "still stands" only if nothing on file beat it since: no later record in any source, and no
better legal mark in the toplists (then the post names who did better, and says the lists have it).

Ranking: the national records of the server's countries first (the server asked for them; walks and rare
relays excepted), then fame, a
score made only of facts in the database (see Selector._fame): the athlete's prominence (bot/ask/fame.py,
the model the quiz uses for difficulty), the kind of story, whether the record was the first past a round
barrier (the first sub-4:00 mile), how long it stood (or has stood), a round anniversary (10, 20, 25, 30,
40, 50... years); walks and relays other than the 4x100 and 4x400 lose points, so they do not lead over the
famous.

A performance listed as both a world record and a national record (El Guerrouj's mile is also the African
and Moroccan record) is one Story; the other records are in `also`.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from bot.ask import fame as fm
from bot.ask.catalogue import Catalogue, competition_words, event_words, record_words
from bot.ask.per_file import file_key
from bot.ask.records import (
    PROGRESSION_SOURCE,
    hand_time,
    national_progression,
    timed_apart,
    wa_keeps_world_record,
    world_progression,
)
from bot.ask.results import VALID
from bot.common import events as ev
from bot.common import marks as mk
from bot.common import rejections as rj

WORLD_RECORD, NATIONAL_RECORD, CHAMPIONSHIP_WIN = "world_record", "national_record", "championship_win"
RACE_WIN, BIRTHDAY = "race_win", "birthday"
FALLBACKS = ("final", "none")
LEVEL_WORDS = {"OG": "Olympic", "WCH": "world", "WIC": "world indoor"}

# The ranking's weights (points; see Selector._fame). The athlete's part is W_ATHLETE * sqrt(prominence):
# Bolt (169) 52, El Guerrouj (91) 38, a one-time world champion about 18, a relay team 0.
W_ATHLETE, ATHLETE_CAP = 4.0, 170.0
W_MOMENT = {WORLD_RECORD: 20.0, NATIONAL_RECORD: 8.0, RACE_WIN: 3.0, BIRTHDAY: 2.0}
W_LEVEL = {"OG": 14.0, "WCH": 10.0, "WIC": 5.0, "DL": 4.0, "meeting": 4.0, "road": 7.0}
W_CURRENT, W_ROUND, W_EQUALLED = 10.0, 5.0, 3.0
# how long a record stood (or has stood), up to 40 years: W_HELD * log2(1 + years), so the first years count
# most (a record that lasted 4 years is a chapter, one of 40 part of the sport's lore: 9.3 and 21.4 points)
W_HELD, HELD_CAP = 4.0, 40
# a title won by breaking a record that had lasted: W_BROKE_OLD * log2(1 + the years it had stood), by era
W_BROKE_OLD, BROKE_OLD_YEARS = 3.0, 10
# a record that stood only days or weeks is a step in a series, not a moment (Emma George's 4.58 of 1998 lasted
# 7 days): up to W_SHORT less, nothing at SHORT_DAYS; less for a famous athlete (Isinbayeva's steps are her
# story: nothing from SHORT_FAMOUS prominence), and not for a first under a big round time (Bannister's mile
# stood 46 days)
W_SHORT, SHORT_DAYS, SHORT_FAMOUS = 10.0, 180, 60.0
# a first under a big round time among the first EARLY_RECORDS records of its progression was set while the
# event was young and little run (the women's 10,000 m under 35:00 in 1971): a share of the barrier's points
EARLY_RECORDS, EARLY_BARRIER_SHARE = 5, 0.3
# the first under a big round time (4:00 in the mile, 10 s in the 100 m) is the sport's best-known kind of
# record; a whole metre or a thousand points (every field barrier is "major", their units are coarse) less so
W_BARRIER_TIME, W_BARRIER = 35.0, 8.0
W_OLYMPIC_EVENT, W_NICHE, W_COUNTRY = 2.0, 25.0, 6.0
# a won race fans remember for its mark: the world's best of that year, or the winner's best to then
W_YEAR_BEST, W_CAREER_BEST = 4.0, 1.5
# a minor race (no championship, no big meeting, no record-city road race) is remembered for what happened in
# it, not for the name alone: a later star's college meet is no anniversary. The athlete counts for a share,
# a race with its runner-up on file tells a story (who was beaten, by how much), one without says little.
MINOR_ATHLETE_SHARE, W_RUNNER_UP, W_NO_RUNNER_UP = 0.5, 3.0, 5.0
# a win at a big meeting or road race without a record or a title: the name counts for more, not all (Lewis's
# Lausanne 100 m does not lead over Morceli's 1500 m world record the same day, nor Bolt's Shanghai 200 m over
# Thompson's decathlon record)
MEETING_ATHLETE_SHARE = 0.6
# a won race without a hook (no record, no world lead of the year, no best to then, no famous rival beaten) says
# only that the athlete raced that day, less than the athlete's birthday, which celebrates the whole career: an
# indoor meet, a college relays or an early-season throw of a champion. Its athlete counts for this share (a
# quarter of the points: a plain win of Zelezny's ranks with the birthday of a one-time world champion), and no
# round anniversary or recency lifts it (the 30th anniversary of a routine meet is not one). A hook gives back the
# share of its level (MINOR_ATHLETE_SHARE, MEETING_ATHLETE_SHARE)
PLAIN_WIN_SHARE = 0.25
# a win in a mark better than every indoor mark before it (a world indoor best then) is a record of a kind: it
# leads over a plain win the same day (Dibaba's 5000 m over Defar's 3000 m, Boston 2005)
W_INDOOR_BEST = 10.0
YEAR_BEST_MIN_MARKS = 20    # marks of the event that year on file, for "the world's best of the year" to mean it
CAREER_BEST_MIN_MARKS = 3   # the winner's earlier marks on file, for "best to then" to mean it
CAREERS_KEPT = 5000         # athletes' events whose marks a file keeps for "best to then" (a few MB)
W_RECENT, RECENT_YEARS = 10.0, 100     # fans remember 2014 better than 1885: W_RECENT at 0 years, none at 100
FAMOUS_RELAYS = ("4x100", "4x400")          # the championship relays; 4x800, DMR and the rest are niche
# a relay world record is a national team's: a college or club team's time (Arkansas, "INT" in the toplists)
# is not compared with it (SQL over `a`, the mark's athlete)
# how many legal marks of WA-derived lists of an event from the weeks around a mark, worse
# than it, show that they would list it (their cut-off is below it)
TOPLIST_COVER_MARKS = 3
# how far two lists may write one mark apart: a tenth's rounding, or a few centimetres (Melinte's 76.05 of 1999
# in the Hindustan Times file, 76.07 in the toplists)
ROUNDING = 0.05
# the sources' authority from which a list is WA-derived (the records pages, nimarion's lists, the toplists); the
# Wikipedia-derived progressions rank below
WA_DERIVED = 60
# what the WA-derived results say of a progression's world record (Selector._wa_verdict)
CONTRADICTED, LACKED = "contradicted", "lacked"
NATIONAL_TEAM = "NOT (a.is_team = 1 AND coalesce(a.nationality, '') IN ('', 'INT', 'UND'))"


@dataclass(frozen=True)
class Preferences:
    """A server's choices for its daily post."""
    countries: tuple[str, ...] = ()       # IOC/WA codes whose national records count: ("GBR",)
    max_stories: int = 1
    fallback: str = "final"               # "final": on a day with nothing else (or only niche events), the
                                          # day's other finals, races and birthdays of champions; "none"


@dataclass(frozen=True)
class Source:
    id: str
    name: str


@dataclass(frozen=True)
class Point:
    """One record of a progression (for the chart), or the mark that broke a record."""
    date: str | None
    mark: str
    value: float
    athlete: str
    nationality: str | None = None
    venue: str | None = None
    athlete_id: int | None = None
    source: str | None = None             # source id of this record's row


@dataclass(frozen=True)
class Title:
    """An Olympic or world title in an individual event."""
    level: str                            # "OG" | "WCH" | "WIC"
    event_words: str                      # "women's 3000 m steeplechase"
    year: int


class TitleWon(NamedTuple):
    """A title as the results have it: where and with what mark it was won."""
    level: str                            # "OG" | "WCH" | "WIC"
    event_words: str                      # "women's 5000 m"
    year: int
    city: str | None
    mark: str | None
    event: str                            # the event code, for how its mark is said ("in 14:40.79", "with 2.09")
    of: int                               # how many titles of that level the athlete won ("her first ...")
    source: str                           # the result's source


@dataclass(frozen=True)
class Rival:
    """Whom the performance beat, and by how much."""
    relation: str                         # "previous record" | "runner-up"
    athlete: str
    nationality: str | None
    mark: str | None
    date: str | None
    venue: str | None
    margin: float | None                  # absolute, in the event's unit; 0 for a tie; None without marks
    margin_text: str | None               # "1.26 s", "12 cm", "35 points"
    worked_out: bool = False              # True: from the marks on file, not from a record list
    athlete_id: int | None = None
    team: bool = False                    # a relay team ("Kenya"): no nationality after the name
    round: str | None = None              # a runner-up's race when not a final: 'H', 'SF', 'QF', 'Q', 'R1'


@dataclass(frozen=True)
class Story:
    key: str                              # stable id: "world_record:mile:M:0:1999-07-07:1234"
    category: str                         # WORLD_RECORD | NATIONAL_RECORD | CHAMPIONSHIP_WIN
    athlete: str
    athlete_id: int
    nationality: str | None
    event: str                            # event code
    sex: str
    event_words: str                      # "men's mile"
    indoor: bool
    mark: str | None                      # None for a medal-only championship row
    value: float | None
    wind: float | None
    date: str                             # ISO
    years_ago: int
    round_anniversary: bool
    venue: str | None                     # as the most authoritative source writes it
    country: str | None
    record_kind: str | None = None        # "world" | "national" (records only)
    region: str | None = None             # "WORLD" | "GBR"
    record_words: str | None = None       # "world record", "British record"
    current: bool | None = None           # records: still stands (per the freshest source)
    stood_days: int | None = None         # superseded records with a known successor
    broken_by: Point | None = None
    previous: Rival | None = None         # the record it broke
    runner_up: Rival | None = None        # second in the race, when the record setter won it
    competition: str | None = None        # "the 2024 Prefontaine Classic"
    level: str | None = None              # "OG", "WCH", "WIC", "DL", "meeting" (a DL meeting before 2010),
                                          # "road" (a road race in a record city), "other"
    also: tuple[str, ...] = ()            # other records the same mark set: ("African record", "Moroccan record")
    barrier: str | None = None            # "4:00": the first record in its progression past that round mark
    barrier_major: bool = False           # 4:00 in the mile, not 4:10
    barrier_near: bool = True             # the record broken was within one round step of the barrier: the
                                          # event was pressing against it (Bannister's 4:01.4 to 3:59.4), not
                                          # leaping past it while young (the women's marathon, 3:37:07 to 3:27:45)
    progression: tuple[Point, ...] = ()   # for a chart, oldest first
    progression_worked_out: bool = False  # national: from the marks on file
    fame: float = 0.0
    bettered: bool = False                # broken_by is a better mark in the toplists, not a ratified record
    skipped: Point | None = None          # world records: a progression's record between the one broken and this
                                          # one that the WA toplists do not have (Benoit's 2:22:43 of 1983)
    previous_first: Point | None = None   # the first to set the mark of the record broken, when that record was an
                                          # equal of it (Chebet's 14:13 of 2023, which Ngetich equalled)
    restarted: Point | None = None        # world records: a progression's next record after this one, slower
                                          # than it (the 200 m records round a turn from 1951 after Patton's 20.2
                                          # on a straight of 1949): that list started again, so how long this one
                                          # stood is not said
    skipped_next: Point | None = None     # world records: such a left-out progression record after this one and
                                          # before its successor on the kept lists (Benoit's, after Roe's)
    better_before: Point | None = None    # world records: a legal mark on file from before it, better than the
                                          # record it broke, that no record list has (so the record it broke
                                          # was not the best mark there had been)
    athlete_fame: fm.Prominence | None = None   # birthdays: what the athlete won (bot/ask/fame.py)
    unlisted_records: tuple[tuple[str, Point, Point], ...] = ()   # birthdays: the athlete's legal marks in
                                          # the WA-derived lists that beat the world record of the day yet are
                                          # on no record list: (event code, the mark, the record it beat)
                                          # (Olizarenko's 1:54.85 of
                                          # June 1980 beat Kazankina's 1:54.94; Silvester's 70.38 of 1971)
    titles: tuple[Title, ...] = ()        # race wins: the winner's Olympic and world titles (who she is)
    first_title: TitleWon | None = None   # birthdays: the athlete's first Olympic title (else world, else world
                                          # indoor), the day they are remembered for
    world_records: tuple[tuple[str, Point], ...] = ()   # race wins: the winner's world records of the merged
                                          # progressions, each with its event's words ("women's 3000 m
                                          # steeplechase", "men's 60 m indoor")
    next_record: Point | None = None      # bettered world records: the next record the lists name, after the
                                          # better mark that is no record (Silvester's 70.38 of 1971, then van
                                          # Reenen's record of 1975)
    record_since: Point | None = None     # an equalled record: the first to set the mark (Owens's 10.2 of 1936,
                                          # which LaBeach equalled in 1948), whose record the mark was
    off_toplists: tuple[Point, ...] = ()  # world records: the record broken or its breaker, a progression's
                                          # record the WA toplists lack though they hold its time's marks
    equalled_by: Point | None = None      # records: the first later equal of the mark before it was broken or
                                          # bettered (Ewell's 10.2, seven weeks after LaBeach's)
    indoor_best: Point | None = None      # indoor wins: better than every earlier indoor mark of the event on
                                          # file (a world indoor best then); the best before it
    won_title: bool = False               # records: set in winning a championship final (the title's story too)
    year_best: bool = False               # wins: the world's best legal mark of that year on file
    career_best: bool = False             # wins: better than every earlier legal mark of the winner on file
    team: bool = False                    # a relay team's: "its own", never "his own"
    shared_with: tuple[str, ...] = ()     # the other athletes who set the same mark that day (Davis and
                                          # Kaufmann's 44.9 of 1960): one story names them all
    reasons: tuple[str, ...] = ()         # why it ranks where it does, in words
    sources: tuple[Source, ...] = ()      # every source a fact of the Story came from, the main one first

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def source(self) -> Source:
        return self.sources[0]


# -- small helpers ---------------------------------------------------------------------------------------

def is_round(years: int) -> bool:
    """10, 20, 25, 30, 40, 50, 60, 70, 75...: the anniversaries people celebrate."""
    return years >= 10 and (years % 10 == 0 or years % 25 == 0)


def day_keys(on: dt.date) -> list[str]:
    """The MM-DD keys to look up: 28 February in a common year also takes 29 February's records."""
    keys = [f"{on.month:02d}-{on.day:02d}"]
    if on.month == 2 and on.day == 28 and not _leap(on.year):
        keys.append("02-29")
    return keys


def niche(code: str) -> bool:
    """Events few fans follow: walks, and relays other than the 4x100 and 4x400."""
    e = ev.get(code)
    return e.kind == ev.WALK or (e.kind == ev.RELAY and code.split("-")[0] not in FAMOUS_RELAYS)


def near_event(a: str, b: str) -> bool:
    """Events a fan of one follows the other of: the same, or races of one kind up to twice as long (the 60 m
    and the 100 m, the mile and the 1500 m, the 600 m and the 800 m, the 10 km road and the 10,000 m), hurdles
    with hurdles."""
    if a == b:
        return True
    ea, eb = ev.get(a), ev.get(b)
    if ea.distance_m is None or eb.distance_m is None or ea.kind == ev.FIELD:
        return False
    # the roads and the long track races are one following (the 10 km and the 10,000 m)
    running = {ev.TRACK, ev.ROAD}
    if ea.kind != eb.kind and not ({ea.kind, eb.kind} <= running and min(ea.distance_m, eb.distance_m) >= 5000):
        return False
    if a.endswith("H") != b.endswith("H") or a.endswith("SC") != b.endswith("SC"):
        return False
    return max(ea.distance_m, eb.distance_m) <= 2 * min(ea.distance_m, eb.distance_m)


_PROMINENCE: dict[str, dict[int, fm.Prominence]] = {}


def _prominence(conn: sqlite3.Connection) -> dict[int, fm.Prominence]:
    """bot/ask/fame.prominence, kept per database file (0.7 s to read; "on this day" asks for it per question).
    An in-memory database is read every time."""
    key = file_key(conn)
    if not key:
        return fm.prominence(conn)
    if key not in _PROMINENCE:
        _PROMINENCE[key] = fm.prominence(conn)
    return _PROMINENCE[key]


@dataclass
class _Read:
    """What Selectors read from a database file that no question changes (the reference data is read-only):
    progressions, championship title counts, athletes' marks of an event (_career), and the records by
    athlete, event and date. Shared by every
    Selector of the file ("on this day" makes one per question); an in-memory database gets its own."""
    progressions: dict[tuple, list[Point]] = field(default_factory=dict)
    titles: dict[int, int] = field(default_factory=dict)
    records: dict[tuple, list[tuple]] | None = None
    dl_series: dict[str, bool] = field(default_factory=dict)
    careers: dict[tuple[int, int], tuple[list[str], list[float]]] = field(default_factory=dict)   # _career
    skipped: list[tuple[rj.Skipped, str]] | None = None   # progressions' records the build left out (_skipped)


_READ: dict[str, _Read] = {}


def _read(conn: sqlite3.Connection) -> _Read:
    key = file_key(conn)
    if not key:
        return _Read()
    if key not in _READ:
        _READ[key] = _Read()
    return _READ[key]


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _decimals(text: str | None) -> int:
    if not text or "." not in text:
        return 0
    return len(text.rsplit(".", 1)[1].rstrip("AaiwhH*#+ "))


def margin_text(diff: float, code: str, a: str | None = None, b: str | None = None) -> str:
    """A gap between two marks as fans say it: '1.26 s', '2.0 s', '12 cm', '1.05 m', '35 points', '1:18'."""
    e = ev.get(code)
    diff = abs(diff)
    if e.mark_format == ev.DISTANCE:
        return f"{round(diff * 100)} cm" if diff < 1 else f"{diff:.2f} m"
    if e.mark_format == ev.POINTS:
        n = int(round(diff))
        return f"{n} point{'s' if n != 1 else ''}"
    decimals = min(_decimals(a), _decimals(b)) if a and b else 2
    if a and b and (e.kind == ev.ROAD or e.held == "road"):
        # a road time in whole seconds is written without its ".0" (the progressions' 2:15:17.0): Bikila's
        # 2:15:16.2 broke Popov's 2:15:17 by 0.8 s, not 1 s (review 23)
        decimals = max(_decimals(a), _decimals(b))
    if diff >= 60:
        return mk.format_time(diff, decimals)
    return f"{diff:.{decimals}f} s"


def _barrier_unit(value: float, code: str) -> float:
    """How round a mark has to be to be a barrier: whole seconds in sprints, 10 s from 1:00 (the 4:00 mile,
    3:30 in the 1500, 8:00 in the steeple), whole minutes from 10:00, 5 minutes from an hour; whole metres in
    jumps, 10 m in throws; 1000 points."""
    e = ev.get(code)
    if e.mark_format == ev.POINTS:
        return 1000.0
    if e.mark_format == ev.DISTANCE:
        return 1.0 if value < 20 else 10.0
    if value < 60:
        return 1.0
    if value < 600:
        return 10.0
    if value < 3600:
        return 60.0
    return 300.0


def barriers_crossed(prev: float, value: float, code: str) -> list[float]:
    """Every round mark (of the unit at the old record, _barrier_unit) a record went past from prev to value,
    the most significant first: the roundest (barrier_major: 50 s before 51 s), then the furthest (the one
    fewest had come near). Szewinska's 49.9 of 1974 took the women's 400 m from 51.0 past 51 s and 50 s: it
    was the first under 50 s."""
    unit = _barrier_unit(prev, code)
    steps = round(prev / unit, 6) // 1     # round() first: 240.0 / 10 must be 24, not 23.999...
    out = []
    if ev.get(code).lower_is_better:
        b = steps * unit                   # the round marks at or below the old record, above the new one
        while 0 < b and value < b - 1e-9:
            out.append(b)
            b -= unit
    else:
        b = (steps + 1) * unit             # the round marks above the old record, up to the new one
        while value >= b - 1e-9:
            out.append(b)
            b += unit
    order = sorted(enumerate(out), key=lambda ib: (not barrier_major(ib[1], code), -ib[0]))
    return [b for _, b in order]


def barrier_crossed(prev: float, value: float, code: str) -> float | None:
    """The most significant round mark this record was the first past (from prev to value), or None."""
    crossed = barriers_crossed(prev, value, code)
    return crossed[0] if crossed else None


def barrier_major(b: float, code: str) -> bool:
    """A barrier that is round at the next scale up too: 10.00 in the 100 m, 4:00 in the mile, 14:00 in the
    5000 m, 2:00:00 in the marathon, every whole metre / ten metres / thousand points (the field units are coarse already)."""
    if ev.get(code).mark_format != ev.TIME:
        return True
    step = 10 if b < 60 else 60 if b < 1200 else 300 if b < 3600 else 1800   # 14:00 in the 5000 m, 30:00
    return abs(b / step - round(b / step)) < 1e-9


def barrier_words(b: float, code: str) -> str:
    e = ev.get(code)
    if e.mark_format == ev.POINTS:
        return f"{int(b)} points"
    if e.mark_format == ev.DISTANCE:
        return f"{b:.0f} m"
    if b < 60:
        return f"{int(b)} seconds"
    return mk.format_time(b, 0)


def _value(mark: str | None, code: str) -> float | None:
    if not mark:
        return None
    try:
        return mk.parse_mark(mark, code).value
    except mk.MarkError:
        return None



def _day_wins(n_days: int) -> str:
    """Final (or single-race) wins on one of n month-days (MM-DD, bound first) before a year (bound next)."""
    return (f"substr(r.date, 6, 5) IN ({','.join('?' * n_days)}) AND length(r.date) >= 10 "
            f"AND CAST(substr(r.date, 1, 4) AS INTEGER) < ? AND (r.round = 'F' OR r.round IS NULL) "
            f"AND res.place = 1 AND {VALID}")

class RaceFound(NamedTuple):
    """The race a record was set in, as the results have it."""
    runner_up: Rival | None
    runner_up_source: str | None
    competition: str | None
    level: str | None
    venue: str | None
    country: str | None
    source: str                           # the record setter's result row's source
    authority: int                        # that source's authority


class _Q:
    """The two attributes of a bot.ask Query that the progression functions read."""
    def __init__(self, conn: sqlite3.Connection, cat: Catalogue):
        self.conn, self.cat = conn, cat


# -- the selector ---------------------------------------------------------------------------------------

class Selector:
    """Reads the reference database (a sqlite3 connection, read-only is enough). One per thread."""

    def __init__(self, conn: sqlite3.Connection, cat: Catalogue | None = None):
        self.conn = conn
        self.cat = cat or Catalogue(conn)
        self._q = _Q(conn, self.cat)
        self._olympic_events = self.cat.olympic_events(conn)   # kept by the catalogue: not read per question
        self._read = _read(conn)
        self._titles: dict[int, int] = self._read.titles
        self._wa_kept: dict[tuple[int, bool], bool] = {}
        self._progressions: dict[tuple, list[Point]] = self._read.progressions
        self._until: int | None = None     # stories of years before this one (default: before the day's year)
        self._cities: set[str] | None = None
        self._years: dict[tuple, tuple[int, float | None]] = {}   # (event id, indoor, year) -> _year_marks
        self._medal_events: dict[str, set[tuple[str, str]]] = {}  # nation -> (event, sex) of its medals
        self._verdicts: dict[tuple, str | None] = {}   # _wa_verdict of progression points

    @classmethod
    def open(cls, path: Path | str) -> Selector:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(conn)

    def source(self, sid: str) -> Source:
        return Source(sid, self.cat.sources.get(sid, sid))

    # -- public
    def select(self, on: dt.date, prefs: Preferences = Preferences()) -> list[Story]:
        """The best `prefs.max_stories` stories for the day `on` (its year gives "years ago")."""
        ranked = self.candidates(on, prefs)
        # a day with nothing but walks and rare relays is a day with nothing else: they rank with the fallback;
        # so is a day of race wins without a record or a title (Loroupe's Hague half marathon, no runner-up
        # on file, does not lead over Železný's win in Auckland with its runner-up the same day)
        if prefs.fallback == "final" and all(niche(s.event) or s.category == RACE_WIN for s in ranked):
            more = (self._championships(on, prefs, famous_only=False) + self._race_wins(on, prefs, famous_only=False)
                    + self._birthdays(on))
            # the fallback finds the day's famous stories again: each once
            ranked = self._rank(_distinct(ranked + more), prefs)
        # who a race's winner is (her titles and records): read for the stories posted only
        return [self._with_who(s) for s in ranked[:max(1, prefs.max_stories)]]

    def _with_who(self, s: Story) -> Story:
        """What is read for the stories posted only, not for every candidate a day's question ranks: a birthday's
        first title, a winner's titles and records."""
        if s.category == BIRTHDAY:
            first = self._first_title(s.athlete_id)
            _, records = self._who(s.athlete_id)
            read = [first.source] if first else []
            read += [records[-1][1].source] if records and records[-1][1].source else []
            return replace(s, first_title=first, world_records=records,
                           sources=_merge_sources(s.sources, [self.source(sid) for sid in read if sid]))
        if s.category not in (RACE_WIN, CHAMPIONSHIP_WIN):
            return s
        titles, records = self._who(s.athlete_id)
        return replace(s, titles=titles, world_records=records)

    def candidates(self, on: dt.date, prefs: Preferences = Preferences(), this_year: bool = False,
                   famous_only: bool = True) -> list[Story]:
        """Every story of the day, best first (no fallback, no limit): for previews and tests. Only those of
        earlier years (anniversaries), unless this_year (the question engine's "on this day" has them too);
        only famous championship wins unless famous_only is False."""
        self._until = on.year + (1 if this_year else 0)
        by_perf: dict[tuple, Story] = {}
        for s in self._world_records(on, prefs) + self._national_records(on, prefs):
            by_perf.setdefault(self._perf_key(s), s)    # a national record that is also the WR: in `also`
        for champ in self._championships(on, prefs, famous_only=famous_only):
            # a record set in a championship final is one story: the record, with the title in it
            k = (champ.athlete_id, champ.event, champ.sex, champ.date)
            merged = False
            for pk, s in list(by_perf.items()):
                if pk[:4] == k:
                    by_perf[pk] = replace(s, competition=champ.competition, level=champ.level, won_title=True,
                                          runner_up=s.runner_up or champ.runner_up,
                                          sources=_merge_sources(s.sources, champ.sources))
                    merged = True
            if not merged:
                by_perf[self._perf_key(champ)] = champ
        for win in self._race_wins(on, prefs, famous_only=True):
            k = (win.athlete_id, win.event, win.sex, win.date)
            if not any(pk[:4] == k for pk in by_perf):     # a record set in the race: the record's story
                by_perf[self._perf_key(win)] = win
        return self._rank(_shared(list(by_perf.values())), prefs)

    # -- ranking
    @staticmethod
    def _perf_key(s: Story) -> tuple:
        return (s.athlete_id, s.event, s.sex, s.date, s.indoor, round(s.value or 0, 2))

    def _rank(self, stories: list[Story], prefs: Preferences) -> list[Story]:
        """The national records of the server's countries first (the server asked for them; not in niche
        events), then fame."""
        scored = [self._fame(s, prefs) for s in stories]
        return sorted(scored, key=lambda s: (not self._asked(s, prefs), -s.fame, s.key))

    def _asked(self, s: Story, prefs: Preferences) -> bool:
        """A national record of the server's countries, in an event fans follow (a British 4x800 m record
        ranks by fame like any other story) and near one the nation has won a medal in at the Olympics or the
        world championships (a Kenyan women's pole vault record ranks by fame; Kerr's British mile leads, near
        the 1500 m)."""
        return s.category == NATIONAL_RECORD and s.region in prefs.countries and not niche(s.event) \
            and self._followed(s.region, s.event, s.sex)

    def _followed(self, nation: str, code: str, sex: str) -> bool:
        if nation not in self._medal_events:
            self._medal_events[nation] = {(c, x) for c, x in self.conn.execute(
                f"SELECT DISTINCT e.code, e.sex FROM results res JOIN races r ON r.id = res.race_id "
                f"JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
                f"JOIN athletes a ON a.id = res.athlete_id WHERE c.level IN ('OG', 'WCH', 'WIC') "
                f"AND res.place BETWEEN 1 AND 3 AND (r.round = 'F' OR r.round IS NULL) AND {VALID} "
                f"AND coalesce(res.nation, a.nationality) = ?", (nation,))}
        return any(x == sex and near_event(code, c) for c, x in self._medal_events[nation])

    def prominence(self) -> dict[int, fm.Prominence]:
        """The fame model of every athlete (bot/ask/fame.py), read once per database file."""
        return _prominence(self.conn)

    def _fame(self, s: Story, prefs: Preferences) -> Story:
        """How celebrated the moment is: who did it (the fame model, bot/ask/fame.py), plus what it was (the
        kind of story, a barrier, how long a record stood, a round anniversary), less for niche events."""
        reasons: list[str] = []
        p = self.prominence().get(s.athlete_id)
        # the square root: Bolt is more famous than a one-time world champion, not eight times more
        score = W_ATHLETE * math.sqrt(min(p.score, ATHLETE_CAP)) if p else 0.0
        minor = s.category == RACE_WIN and s.level == "other"
        plain = s.category == RACE_WIN and not self._win_hooks(s)
        if s.category == RACE_WIN:
            score *= PLAIN_WIN_SHARE if plain else MINOR_ATHLETE_SHARE if minor else MEETING_ATHLETE_SHARE
            if plain:
                reasons.append("a plain win (no record, world lead, best to then or famous rival)")
            elif self._beat_famous(s):
                assert s.runner_up is not None
                reasons.append(f"beat {s.runner_up.athlete}")
            score += W_RUNNER_UP if s.runner_up else -W_NO_RUNNER_UP
            if not s.runner_up:
                reasons.append("no runner-up on file")
        if minor:
            reasons.append("a minor race")
        if s.category == WORLD_RECORD:
            score += W_MOMENT[WORLD_RECORD]
        elif s.category == NATIONAL_RECORD:
            score += W_MOMENT[NATIONAL_RECORD]
        elif s.category in (CHAMPIONSHIP_WIN, RACE_WIN):
            score += W_LEVEL.get(s.level or "", W_MOMENT[RACE_WIN])
        else:
            score += W_MOMENT[BIRTHDAY]
        if s.category in (WORLD_RECORD, NATIONAL_RECORD) and s.level in ("OG", "WCH", "WIC"):
            # a record set to win a title: both stories at once; in a heat or semi-final, half
            score += W_LEVEL[s.level] * (1.0 if s.won_title else 0.5)
            if s.won_title:
                reasons.append(f"won the {LEVEL_WORDS[s.level]} title")
        old = self._broke_old(s) if s.won_title else 0.0
        if old >= BROKE_OLD_YEARS:
            # a title won by breaking a record that had lasted a decade is the moment of those Games (Ayana's
            # 10,000 m in Rio broke a record of 1993), with the same weight by era as how long a record stood
            score += W_BROKE_OLD * math.log2(1 + min(old, HELD_CAP)) * self._era(s)
            reasons.append(f"broke a record of {int(old)} years")
        if s.current:
            score += W_CURRENT
            reasons.append(f"current {s.record_words}")
        # a minor race is remembered for what happened in it, not for when: unless its mark was a world indoor
        # best or the world's best of the year, neither recency nor a round anniversary lifts it (the 25th
        # anniversary of a Chinese 5000 m does not lead over Asafa Powell's birthday)
        dated = not plain and not (minor and s.indoor_best is None and not s.year_best)
        if s.category != BIRTHDAY and dated:
            score += W_RECENT * max(0.0, 1 - s.years_ago / RECENT_YEARS)
        if s.round_anniversary and dated:
            score += W_ROUND
            reasons.append(f"{s.years_ago} years")
        # a big round time the event was pressing against (not one a young event's record leapt past)
        big_barrier = bool(s.barrier) and s.barrier_major and s.barrier_near \
            and ev.get(s.event).mark_format == ev.TIME
        if s.barrier:
            early = self._early_record(s)
            score += (W_BARRIER_TIME * (EARLY_BARRIER_SHARE if early else 1.0)) if big_barrier else W_BARRIER
            way = "under" if ev.get(s.event).lower_is_better else "over"
            reasons.append(f"first {s.record_words} {way} {s.barrier}")
        if s.previous and s.previous.relation == "previous record" and s.previous.margin == 0:
            score -= W_EQUALLED                     # equalling a record is less than breaking it
            reasons.append("equalled")
        held: float | None = None
        if s.record_since is not None and s.record_since.athlete_id != s.athlete_id:
            pass        # an equalled record: how long the mark stood is its first setter's story (Hines's own
                        # 9.9 of June 1968, equalled in the Olympic final, is still his)
        elif s.current:
            held = s.years_ago
        elif s.stood_days is not None:
            held = s.stood_days / 365.25
        if held and not niche(s.event):
            # the further back, the fewer ran the event: a record that lasted through the 1920s says less than
            # one that lasted through the 1990s (half the points at 100 years ago)
            score += W_HELD * math.log2(1 + min(held, HELD_CAP)) * self._era(s)
            if s.stood_days is not None and not s.current and s.stood_days < SHORT_DAYS and not big_barrier:
                unknown = 1 - min(p.score if p else 0.0, SHORT_FAMOUS) / SHORT_FAMOUS
                score -= W_SHORT * (1 - s.stood_days / SHORT_DAYS) * unknown
                reasons.append(f"stood {s.stood_days} days")
        if held:
            if held >= 10:
                reasons.append(f"stood {int(held)} years" if not s.current else f"has stood {int(held)} years")
        titles = self._title_count(s.athlete_id)
        if titles >= 2:
            reasons.append(f"{titles} championship titles")
        e = self.cat.event(s.event, s.sex)
        if e and e.id in self._olympic_events:
            score += W_OLYMPIC_EVENT
        if niche(s.event):
            score -= W_NICHE
            reasons.append("a rarely run event")
        if s.category != NATIONAL_RECORD and s.nationality in prefs.countries:
            score += W_COUNTRY
            reasons.append(f"{s.nationality} athlete")
        # only for wins outside the big meetings: it orders a day's minor wins (the fallback), it does not lift a
        # race over a record, a title or a Diamond League win
        if s.indoor_best is not None:
            score += W_INDOOR_BEST
            reasons.append("a world indoor best" if s.indoor else "a world best on the roads")
        if s.year_best:
            score += W_YEAR_BEST if minor else 0.0
            reasons.append(f"world's best of {s.year}")
        if s.career_best:
            score += W_CAREER_BEST if minor else 0.0
            reasons.append("a career best")
        if s.category == CHAMPIONSHIP_WIN:
            reasons.append(f"{LEVEL_WORDS.get(s.level or '', '')} title".strip())
        return replace(s, fame=round(score, 3), reasons=tuple(reasons))

    def _beat_famous(self, s: Story) -> bool:
        """Whether the runner-up is a champion or world-record holder (bot/ask/fame.py `elite`): a win over a
        famous rival is a race fans remember."""
        r = s.runner_up
        p = self.prominence().get(r.athlete_id) if r and r.athlete_id is not None and not r.team else None
        return bool(p and p.elite)

    def _win_hooks(self, s: Story) -> bool:
        """What makes a won race worth remembering beyond the winner's name: a world indoor best, the world's
        best mark of its year, a famous rival beaten, or at a big meeting or record-city road race the winner's
        best to then (a record set in it is the record's story, a title the championship's). At a minor race a
        best to then is a step of a career, no milestone: a later star's college relays (McLaughlin's 50.07 at
        Gainesville, 2018)."""
        return s.indoor_best is not None or s.year_best or self._beat_famous(s) \
            or (s.career_best and s.level != "other")

    @staticmethod
    def _era(s: Story) -> float:
        """The further back, the fewer ran the event: a record that lasted through the 1920s says less than one
        that lasted through the 1990s (half the points at RECENT_YEARS ago)."""
        return 0.5 + 0.5 * max(0.0, 1 - s.years_ago / RECENT_YEARS)

    @staticmethod
    def _broke_old(s: Story) -> float:
        """How many years the world record a record broke had stood (0 when equalled or unknown)."""
        p = s.previous
        if s.category != WORLD_RECORD or p is None or p.relation != "previous record" or not p.margin \
                or not p.date or len(p.date) < 10:
            return 0.0
        return (dt.date.fromisoformat(s.date[:10]) - dt.date.fromisoformat(p.date[:10])).days / 365.25

    @staticmethod
    def _early_record(s: Story) -> bool:
        """A world record among the first EARLY_RECORDS of its progression."""
        idx = next((i for i, p in enumerate(s.progression) if p.date == s.date and p.athlete_id == s.athlete_id), None)
        return s.category == WORLD_RECORD and idx is not None and idx < EARLY_RECORDS

    def _record_words(self, kind: str, region: str, event_id: int, indoor: bool) -> str:
        """"world record", or "world best" for an event World Athletics keeps no world record of (the 2 miles),
        as the question engine says it."""
        if kind == "world" and not self._wa_keeps(event_id, indoor):
            return "world best"
        return record_words(kind, region)

    def _wa_keeps(self, event_id: int, indoor: bool) -> bool:
        key = (event_id, indoor)
        if key not in self._wa_kept:
            self._wa_kept[key] = wa_keeps_world_record(self.conn, event_id, indoor)
        return self._wa_kept[key]

    def _skipped(self, code: str, sex: str, sign: int, prev: Point, date: str, value: float) -> Point | None:
        """A progression's record between the one broken and this one that the build left out, the WA toplists
        not having it (Benoit's 2:22:43 of Boston 1983, between Roe's 2:25:28 and Kristiansen's 2:21:06): better
        than the record broken, not better than this one. Read from import_issues (bot/common/rejections.py)."""
        for sk, v, src in self._skipped_rows(code, sex):
            if (prev.date or "") < sk.date < date[:10] and sign * value - 1e-9 <= sign * v < sign * prev.value - 1e-9:
                return Point(sk.date, sk.mark, v, sk.athlete, source=src)
        return None

    def _restarted(self, event_id: int, indoor: bool, date: str, value: float, sign: int,
                   until: str) -> Point | None:
        """The first record a world record progression (the historic lists, wrp-*) gives after this one, before
        `until` (the kept lists' next mark), slower than it: that list started again (Patton's 20.2 of 1949 on a
        straight, then the Hindustan Times list's 20.6 of 1951 round a turn: review 16; Kern's 10.5 of May 1912,
        then Lippincott's 10.6, the first record the IAAF ratified). None when no such row."""
        row = self.conn.execute(
            f"SELECT rec.date, rec.mark, rec.mark_value, a.name, coalesce(rec.nation, a.nationality), rec.venue, "
            f"       a.id, rec.source_id FROM records rec JOIN athletes a ON a.id = rec.athlete_id "
            f"WHERE rec.kind = 'world' AND rec.region = 'WORLD' AND rec.event_id = ? AND rec.indoor = ? "
            f"AND rec.source_id LIKE '{PROGRESSION_SOURCE}%' AND rec.date > ? AND rec.date < ? "
            f"AND length(rec.date) >= 10 AND ? * rec.mark_value > ? * ? + 1e-9 ORDER BY rec.date LIMIT 1",
            (event_id, int(indoor), date[:10], until, sign, sign, value)).fetchone()
        return Point(*row) if row else None

    def _skipped_after(self, code: str, sex: str, sign: int, date: str, value: float,
                       successor: Point) -> Point | None:
        """The first progression record the build left out between this record and its successor on the kept
        lists (Benoit's 2:22:43 of 1983 after Roe's 2:25:28 of 1981, before Kristiansen's 2:21:06 of 1985), even
        one better than that successor (Johnson's annulled 9.83 of 1987 after the 9.9 of 1968, before Lewis's
        9.86 of 1991: review 14)."""
        found = [(sk.date, Point(sk.date, sk.mark, v, sk.athlete, source=src))
                 for sk, v, src in self._skipped_rows(code, sex)
                 if date[:10] < sk.date < (successor.date or "")[:10] and sign * v < sign * value - 1e-9]
        return min(found, key=lambda dp: dp[0])[1] if found else None

    def _skipped_rows(self, code: str, sex: str) -> list[tuple[rj.Skipped, float, str]]:
        """The build's left-out progression rows (import_issues) of this event, each with its mark read in it."""
        if self._read.skipped is None:
            rows = self.conn.execute("SELECT source_id, reason FROM import_issues WHERE reason LIKE ?",
                                     (rj.LIKE_NOT_IN_TOPLISTS,)).fetchall()
            self._read.skipped = [(sk, src) for src, reason in rows if (sk := rj.read_not_in_toplists(reason))]
        return [(sk, v, src) for sk, src in self._read.skipped
                if (sk.event, sk.sex) == (code, sex) and (v := _value(sk.mark, code)) is not None]

    def _title_count(self, athlete_id: int) -> int:
        if athlete_id not in self._titles:
            # worked out when the database was built (migration 006): no row, no title
            row = self.conn.execute("SELECT titles FROM athlete_titles WHERE athlete_id = ?",
                                    (athlete_id,)).fetchone()
            self._titles[athlete_id] = row[0] if row else 0
        return self._titles[athlete_id]

    # -- records
    def _record_groups(self, on: dt.date, kind: str, regions: Iterable[str]) -> list[list[tuple]]:
        """Rows of records set on the day, one list per performance, most authoritative source first."""
        keys = day_keys(on)
        regions = list(regions)
        if not regions:
            return []
        rows = self.conn.execute(
            f"SELECT rec.event_id, rec.indoor, rec.mark, rec.mark_value, rec.wind, rec.athlete_id, a.name, "
            f"       coalesce(rec.nation, a.nationality), rec.date, rec.venue, rec.country, rec.current, "
            f"       rec.source_id, rec.region, a.is_team "
            f"FROM records rec JOIN athletes a ON a.id = rec.athlete_id JOIN sources s ON s.id = rec.source_id "
            f"WHERE rec.kind = ? AND rec.region IN ({','.join('?' * len(regions))}) "
            f"AND substr(rec.date, 6, 5) IN ({','.join('?' * len(keys))}) AND length(rec.date) >= 10 "
            f"AND CAST(substr(rec.date, 1, 4) AS INTEGER) < ? "
            f"ORDER BY s.authority DESC, rec.id", (kind, *regions, *keys, self._until or on.year)).fetchall()
        groups: dict[tuple, list[tuple]] = {}
        for r in rows:
            # a sprint's hand and electric records are two lists (Hines's 9.95 in Mexico, which a list also
            # gives as a hand 9.9): each list's mark of the day is its own story
            code = self.cat.events_by_id[r[0]].code
            hand = timed_apart(code) and hand_time(r[2], code)
            groups.setdefault((r[13], r[0], r[1], r[5], r[8], hand, round(r[3], 2)), []).append(r)
        # two records one athlete set the same day (Gummel's 19.07 then 19.61 in 1968): the day's story is the
        # better one, which the earlier lasted only until
        best: dict[tuple, float] = {}
        for key in groups:
            sign = 1 if self.cat.events_by_id[key[1]].lower_is_better else -1
            day = key[:6]
            best[day] = min(best.get(day, sign * key[6]), sign * key[6])
        return [g for key, g in groups.items()
                if (1 if self.cat.events_by_id[key[1]].lower_is_better else -1) * key[6] <= best[key[:6]] + 1e-9]

    def _progression(self, kind: str, event_id: int, indoor: bool, region: str) -> list[Point]:
        key = (kind, event_id, indoor, region)
        if key not in self._progressions:
            code = self.cat.events_by_id[event_id].code
            rows = (world_progression(self._q, event_id, indoor, by_timing=True) if kind == "world"
                    else national_progression(self._q, event_id, region, indoor))
            pts = []
            for r in rows:
                if r.mark is None:
                    continue  # no mark, no value
                v = _value(r.mark, code)
                if v is not None:
                    pts.append(Point(r.date, r.mark, v, r.athlete, r.nationality, r.venue, r.athlete_id, r.source))
            self._progressions[key] = pts
        return self._progressions[key]

    def _world_records(self, on: dt.date, prefs: Preferences) -> list[Story]:
        out = []
        for group in self._record_groups(on, "world", ["WORLD"]):
            s = self._record_story(on, "world", group)
            if s:
                out.append(s)
        # one race that made a record on both lists: the electric one is told when it broke an electric record
        # (Hines's 9.95 of 1968 broke Greene's 10.02, not the hand 9.9 he equalled that day); the first of the
        # electric list is the race's electric time, and the hand record is the story (Evans's 43.8 of 1968,
        # 43.86 on the clock; Hayes's 10.0 of 1964, 10.06)
        hand = {s.key for s in out if hand_time(s.mark, s.event)}
        both = {s.key for s in out if not hand_time(s.mark, s.event)} & hand
        electric = {s.key for s in out if not hand_time(s.mark, s.event) and s.previous is not None
                    and not hand_time(s.previous.mark, s.event)}
        return [s for s in out if s.key not in both or hand_time(s.mark, s.event) == (s.key not in electric)]

    def _national_records(self, on: dt.date, prefs: Preferences) -> list[Story]:
        out = []
        for group in self._record_groups(on, "national", prefs.countries):
            s = self._record_story(on, "national", group)
            if s:
                out.append(s)
        return out

    def _record_story(self, on: dt.date, kind: str, group: list[tuple]) -> Story | None:
        (event_id, indoor, mark, value, wind, aid, name, nat, date, venue, country, current, src,
         region, team) = group[0]
        e = self.cat.events_by_id[event_id]
        sign = 1 if e.lower_is_better else -1
        if self._dated_otherwise(aid, event_id, bool(indoor), date, value):
            return None
        prog = self._progression(kind, event_id, bool(indoor), region)
        sources = [self.source(r[12]) for r in group]
        if kind == "world":
            # only records that are part of the merged progression: a source's row that does not improve on
            # the record at the time is not a world record
            idx = next((i for i, p in enumerate(prog) if p.date == date and p.athlete_id == aid
                        and abs(p.value - value) < 1e-6), None)
            if idx is None or self._wa_contradicts(prog[idx], event_id, bool(indoor)):
                return None
        else:
            idx = next((i for i, p in enumerate(prog) if p.date == date and abs(p.value - value) < 1e-6), None)
        both = prog
        if kind == "world" and timed_apart(e.code):
            # a sprint's hand and electric records are two lists: each record is of its own list (Smith's 9.93
            # of 1983 broke Hines's 9.95, not a hand 9.9)
            prog = _timing_list(prog, hand_time(mark, e.code), e.code, sign)
        before = _records_before(prog, date, value, sign, aid, mark)
        if not before and prog is not both:
            # the first of its list: it broke the record as it stood (Akii-Bua's 47.82 of 1972, Hemery's 48.1),
            # if by a tenth said as a tenth: Tyus's 11.08 of 1968 broke no hand 11.1 "by 0.0 s"
            before = _records_before(both, date, value, sign, aid, mark)
            if before and sign * (before[-1].value - value) < 0.05 - 1e-9:
                before = []
        while kind == "world" and before and self._wa_contradicts(before[-1], event_id, bool(indoor)):
            # the record it broke is the last one the WA toplists do not contradict (Gebrselassie's half
            # marathon of 2006 broke Wanjiru's 59:16, not Tadese's point-to-point 59:05 that WA does not list)
            before.pop()
        previous, prev_first = None, None
        if before:
            prev = before[-1]
            # else the marks on file disagree with the record list: say nothing
            if not (kind == "national" and sign * prev.value < sign * value - 1e-9):
                diff = sign * (prev.value - value)
                previous = Rival("previous record", prev.athlete, prev.nationality, prev.mark, prev.date,
                                 prev.venue, diff, margin_text(diff, e.code, prev.mark, mark),
                                 worked_out=(kind == "national"), athlete_id=prev.athlete_id)
                if prev.source:
                    sources.append(self.source(prev.source))
                # the record broken was an equal of an earlier one: who set that mark first (Chebet's own 14:13
                # of 31 December 2023, which Ngetich equalled two weeks later: review 12)
                run = [q for q in before if abs(q.value - prev.value) < 1e-6 and _equal_timing(q.mark, prev.mark, e.code)]
                if previous.margin and run and run[0].date != prev.date and run[0].athlete_id != prev.athlete_id:
                    prev_first = run[0]
        better_before = None
        # not against a hand time (one decimal on the track): hand and electric times do not compare
        hand = ev.get(e.code).mark_format == ev.TIME and value < 1000 \
            and _decimals(previous.mark if previous else None) < 2
        if kind == "world" and previous is not None and not hand:
            better_before = self._better_before(event_id, bool(indoor), date, prev.value, sign, prev.athlete_id,
                                                aid, value)
            if better_before is not None and better_before.source:
                sources.append(self.source(better_before.source))
            if better_before is not None and not self._wa_keeps(event_id, bool(indoor)):
                # an event WA keeps no record of: its best is the best legal mark there has been, which the
                # toplists hold; so the better mark before it is the world best it broke (Komen's two miles of
                # 1997 broke Gebrselassie's 8:01.08, not his own 8:03.54)
                best = better_before
                diff = sign * (best.value - value)
                previous = Rival("previous record", best.athlete, best.nationality, best.mark, best.date, best.venue,
                                 diff, margin_text(diff, e.code, best.mark, mark), athlete_id=best.athlete_id)
                better_before = None
        skipped = self._skipped(e.code, e.sex, sign, prev, date, value) if kind == "world" and previous is not None \
            else None
        if skipped is not None:
            if skipped.source:
                sources.append(self.source(skipped.source))
        # an equalled record: the mark was the record since its first setter (the run of equal records before it)
        record_since = None
        if previous is not None and previous.margin == 0:
            for q in reversed(before):
                if abs(q.value - value) > 1e-6 or not _equal_timing(q.mark, mark, e.code):
                    break
                record_since = q
        after = [p for p in prog if (p.date or "") > date and sign * p.value < sign * value - 1e-9] \
            or [p for p in both if (p.date or "") > date and sign * p.value < sign * value - 1e-9]
        dropped = False     # the progression's successor was left out: the toplists' next better mark instead
        if kind == "world":
            # a successor only a Wikipedia-derived progression has, where the toplists hold that athlete's marks
            # then and not it, is not stated (Wlodarczyk's 79.83 of June 2015: her next mark past 79.58 in the
            # WA lists is 81.08, 1 August): SOURCES.md, the toplists win
            held = [p for p in after if self._toplists_hold(p, event_id, bool(indoor)) is not False
                    and not self._wa_contradicts(p, event_id, bool(indoor))]
            dropped, after = held[:1] != after[:1], held
        # "still stands" only if nothing on file has beaten it since: a later record in the progression (a
        # fresher source than the row's), or, for a world record, a better legal mark in the toplists
        listed = bool(current)
        current = bool(current) and not after
        broken_by, stood, bettered, next_record = None, None, False, None
        if kind == "national" and listed and after:
            # the record list (the freshest source) still has it; a better mark of the nation's in the results
            # bettered it, not broke it: the list never took that mark (review 20: Meadows's British indoor
            # 600 m, 1:25.81, the record in national.csv of 2026; Hodgkinson's 1:23.41 of 2023 is in the toplists)
            bettered = True
        if not after:
            later = next((p for p in self._later_records(kind, region, event_id, bool(indoor), date, value, sign)
                          if kind != "world" or self._toplists_hold(p, event_id, bool(indoor)) is not False), None)
            if later is not None:
                current = False
                after = [later]
        # a progression's record the build left out before the kept lists' successor (Benoit's 2:22:43 of 1983
        # after Roe's 2:25:28; Montgomery's annulled 9.78 after Greene's 9.79): the post says how long the record
        # stood on the lists kept, and names that mark
        skipped_next = self._skipped_after(e.code, e.sex, sign, date, value, after[0]) if kind == "world" and after \
            else None
        own_hand = ev.get(e.code).mark_format == ev.TIME and value < 1000 and _decimals(mark) < 2
        if skipped_next is not None and skipped_next.source:
            sources.append(self.source(skipped_next.source))
        # with a left-out row after it too: the toplists' better mark is still the first they hold (Kristiansen's
        # 2:24:26 of 1984 bettered Roe's 2:25:28 before her 2:21:06 record of 1985; Benoit's 2:22:43 is the row)
        if kind == "world" and (not own_hand or dropped):
            # a better legal mark in the toplists before the successor the record lists name: the record did not
            # stand that long (Chizhova's 20.63 of May 1972 and her 21.03 in Munich that September, which the
            # progression lacks); not against a hand time, which electric times do not compare with
            better = self._better_mark(event_id, bool(indoor), date, value, sign)
            if better is not None and (not after or ((better.date or "") < (after[0].date or "")
                                                     and not _same_performance(better, after[0]))):
                # the lists' next record is still worth naming, after the better mark
                next_record = after[0] if after else None
                current, bettered, after = False, True, [better]
        if not current and after:
            broken_by = after[0]
            assert broken_by.date is not None, "every point in after is dated after the record"
            stood = (dt.date.fromisoformat(broken_by.date[:10]) - dt.date.fromisoformat(date[:10])).days
            if broken_by.source:
                sources.append(self.source(broken_by.source))
        equalled_by = self._equalled_by(kind, prog, event_id, bool(indoor), aid, date, value, mark,
                                        next_record or broken_by) if kind == "world" else None
        end = next_record or broken_by
        restarted = self._restarted(event_id, bool(indoor), date, value, sign,
                                    (end.date or "9999")[:10] if end is not None else "9999") \
            if kind == "world" else None
        if restarted is not None:
            # the list this record comes from goes on from a slower mark: neither "stood N years" nor "still
            # stands" nor who broke or equalled it is the list's story
            current, broken_by, stood, bettered, next_record, equalled_by, skipped_next = \
                False, None, None, False, None, None, None
            if restarted.source:
                sources.append(self.source(restarted.source))
        if equalled_by is not None and equalled_by.source:
            sources.append(self.source(equalled_by.source))
        barrier, major, near = None, False, True
        if kind == "world" and previous and previous.margin and previous.margin > 0:
            prev_value = _value(previous.mark, e.code)  # prev.value: the mark of a progression point
            crossed = barriers_crossed(prev_value, value, e.code) if prev_value is not None else []
            # the most significant one it was the first past: not one another source has a mark past from before
            b = next((x for x in crossed if not self._past_barrier_before(event_id, bool(indoor), date, x, sign)),
                     None)
            if b is not None and prev_value is not None:
                barrier, major = barrier_words(b, e.code), barrier_major(b, e.code)
                near = abs(prev_value - b) <= _barrier_unit(prev_value, e.code) + 1e-9
        venue = venue or next((r[9] for r in group if r[9]), None)
        country = country or next((r[10] for r in group if r[10]), None)
        race = self._race_of(aid, event_id, date, value)
        years = on.year - int(date[:4])
        category = WORLD_RECORD if kind == "world" else NATIONAL_RECORD
        runner_up, competition, level = None, None, None
        if race:
            runner_up, competition, level = race.runner_up, race.competition, race.level
            if race.venue and race.authority > self._authority(src):
                # the race as a more authoritative source has it: the progressions (from Wikipedia) put
                # Komen's two miles of 1997 in "Brussels, Belgium", the toplists in Hechtel
                venue, country = race.venue, race.country or country
                sources.append(self.source(race.source))
            if race.runner_up_source:
                sources.append(self.source(race.runner_up_source))
        also = self._also(aid, event_id, bool(indoor), date, value, kind, region)
        return Story(
            key=f"{category}:{e.code}:{e.sex}:{int(indoor)}:{date}:{aid}"
                + (f":{region}" if kind == "national" else ""),
            category=category, athlete=name, athlete_id=aid, nationality=nat, event=e.code, sex=e.sex,
            event_words=event_words(e.code, e.sex), indoor=bool(indoor), mark=mark, value=value, wind=wind,
            date=date, years_ago=years, round_anniversary=is_round(years), venue=venue, country=country,
            record_kind=kind, region=region, record_words=self._record_words(kind, region, event_id, bool(indoor)),
            current=bool(current),
            stood_days=stood, broken_by=broken_by, previous=previous, runner_up=runner_up,
            competition=competition, level=level, also=also, barrier=barrier, barrier_major=major, barrier_near=near,
            progression=tuple(prog), bettered=bettered, better_before=better_before, next_record=next_record,
            skipped=skipped, skipped_next=skipped_next, previous_first=prev_first, restarted=restarted,
            record_since=record_since, equalled_by=equalled_by,
            off_toplists=tuple(q for q in (prev if previous is not None and kind == "world"
                                           and previous.date == prev.date else None, broken_by)
                               if q is not None and self._off_toplists(q, event_id, bool(indoor))),
            progression_worked_out=(kind == "national"), team=bool(team), sources=_merge_sources((), sources))

    def _equalled_by(self, kind: str, prog: list[Point], event_id: int, indoor: bool, aid: int, date: str,
                     value: float, mark: str | None, end: Point | None) -> Point | None:
        """The first later equal of a world record, before `end` (the mark that broke or bettered it; none: to
        this day): a record list's row (Ewell's 10.2 of July 1948 after LaBeach's of May) or a legal mark of a
        WA-derived list written to as many decimals (Bruch's 68.40 of 1972, Silvester's record of 1968). Not
        the record's own performance as another list dates it (up to three days apart)."""
        until = (end.date or "9999")[:10] if end is not None else "9999"
        own = Point(date, mark or "", value, "", athlete_id=aid)
        found = [p for p in prog if date[:10] < (p.date or "")[:10] < until and abs(p.value - value) < 1e-6
                 and not _same_performance(own, p)]
        e = self.cat.events_by_id[event_id]
        if not (ev.get(e.code).mark_format == ev.TIME and value < 1000 and _decimals(mark) < 2):
            # a hand time is no equal of an electric one (the toplists' marks): only the lists' rows then
            for row in self.conn.execute(
                    f"SELECT r.date, res.mark, res.mark_value, a.name, coalesce(res.nation, a.nationality), "
                    f"       r.venue, a.id, res.source_id "
                    f"FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
                    f"JOIN sources s ON s.id = res.source_id "
                    f"WHERE r.event_id = ? AND r.indoor = ? AND r.date > ? AND r.date < ? AND length(r.date) >= 10 "
                    f"AND abs(res.mark_value - ?) < 1e-6 AND {self._LEGAL} AND s.authority >= {WA_DERIVED} "
                    f"AND {NATIONAL_TEAM} ORDER BY r.date, r.id, res.id",
                    (event_id, int(indoor), date[:10] + "~", until, value)):
                p = Point(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])
                if _decimals(p.mark) == _decimals(mark) and not _same_performance(own, p):
                    found.append(p)
                    break
        return min(found, key=lambda p: (p.date or "")[:10]) if found else None

    def _dated_otherwise(self, aid: int, event_id: int, indoor: bool, date: str, value: float) -> bool:
        """Whether the results (the toplists) hold the record's performance, the athlete's same mark, on
        another day within three, and not on its own: the record list's date is off (Rossley's 54.28, 17 May
        1980 in the progression, 18 May in the toplist), and a post on that day would be wrong. Not for
        combined events, dated by either of their two days."""
        if ev.get(self.cat.events_by_id[event_id].code).mark_format == ev.POINTS or len(date) < 10:
            return False
        days = [d for (d,) in self.conn.execute(
            f"SELECT r.date FROM results res JOIN races r ON r.id = res.race_id WHERE res.athlete_id = ? "
            f"AND r.event_id = ? AND r.indoor = ? AND abs(res.mark_value - ?) < 1e-6 AND {VALID} "
            f"AND r.date BETWEEN date(?, '-3 days') AND date(?, '+3 days')",
            (aid, event_id, int(indoor), value, date, date))]
        return bool(days) and date[:10] not in {d[:10] for d in days}

    def _authority(self, sid: str) -> int:
        row = self.conn.execute("SELECT authority FROM sources WHERE id = ?", (sid,)).fetchone()
        return row[0] if row else 0

    def _later_records(self, kind: str, region: str, event_id: int, indoor: bool, date: str, value: float,
                       sign: int) -> Iterable[Point]:
        """The records of any source set after `date` with a better mark, first first: the successors that the
        merged progression does not have (a national record beaten by a mark the results do not hold)."""
        for row in self.conn.execute(
                "SELECT rec.date, rec.mark, rec.mark_value, a.name, coalesce(rec.nation, a.nationality), rec.venue, "
                "       a.id, rec.source_id "
                "FROM records rec JOIN athletes a ON a.id = rec.athlete_id WHERE rec.kind = ? AND rec.region = ? "
                "AND rec.event_id = ? AND rec.indoor = ? AND rec.date > ? AND length(rec.date) >= 10 "
                "AND ? * rec.mark_value < ? * ? - 1e-9 ORDER BY rec.date",
                (kind, region, event_id, int(indoor), date, sign, sign, value)):
            yield Point(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])

    # the toplists "cover" an athlete's event around a date when they hold a mark of hers within this many days
    # that is worse than the one in question (so their cut-off is below it); a mark is "held" when they have
    # the athlete's mark within TOPLIST_SAME of it, dated within TOPLIST_DAYS
    TOPLIST_COVER_DAYS, TOPLIST_DAYS, TOPLIST_SAME = 30, 7, 0.01

    def _toplists_hold(self, p: Point, event_id: int, indoor: bool) -> bool | None:
        """Whether the results on file (the toplists; one row per performance, whichever source gave it) hold
        a record mark: None where they cannot say (no mark of that athlete in the event around that date
        worse than it; a better mark of hers that day, which is the one row a competition keeps; a hand time;
        the athlete or date unknown)."""
        e = self.cat.events_by_id[event_id]
        if p.athlete_id is None or not p.date or len(p.date) < 10 \
                or (ev.get(e.code).mark_format == ev.TIME and p.value < 1000 and _decimals(p.mark) < 2):
            return None
        sign = 1 if e.lower_is_better else -1
        day = p.date[:10]
        near, held, better_that_day = self.conn.execute(
            f"SELECT coalesce(sum(? * res.mark_value > ? * ? + ?), 0), "
            f"       coalesce(sum(abs(res.mark_value - ?) <= ? + 1e-9 "
            f"                    AND abs(julianday(r.date) - julianday(?)) <= ?), 0), "
            f"       coalesce(sum(r.date = ? AND ? * res.mark_value < ? * ?), 0) "
            f"FROM results res JOIN races r ON r.id = res.race_id WHERE res.athlete_id = ? AND r.event_id = ? "
            f"AND r.indoor = ? AND {VALID} AND res.mark_value IS NOT NULL AND r.date BETWEEN date(?, ?) AND date(?, ?)",
            (sign, sign, p.value, self.TOPLIST_SAME, p.value, self.TOPLIST_SAME, day, self.TOPLIST_DAYS,
             day, sign, sign, p.value, p.athlete_id, event_id, int(indoor), day, f"-{self.TOPLIST_COVER_DAYS} days",
             day, f"+{self.TOPLIST_COVER_DAYS} days")).fetchone()
        if held:
            return True
        return False if near and not better_that_day else None

    def _wa_contradicts(self, p: Point, event_id: int, indoor: bool) -> bool:
        return self._wa_verdict(p, event_id, indoor) == CONTRADICTED

    def _off_toplists(self, p: Point | None, event_id: int, indoor: bool) -> bool:
        """Whether a progression's record is one the WA toplists lack while holding the marks of its time (not
        its day): kept, and the post says they lack it."""
        return p is not None and self._wa_verdict(p, event_id, indoor) == LACKED

    def _wa_verdict(self, p: Point, event_id: int, indoor: bool) -> str | None:
        """CONTRADICTED when the WA-derived results contradict a world-record point that only a less authoritative list
        (a Wikipedia-derived progression) has: they hold legal marks of the event from the weeks around it,
        worse than it (their cut-off was below it), yet nothing of it (neither the athlete's mark nor the same
        mark, to a rounding, within TOPLIST_DAYS). A point-to-point half marathon (Tadese's 59:05, Great North
        Run 2005) or an annulled relay time is such a mark: SOURCES.md, the WA-derived files win. Rows of
        WA-derived sources only (the build makes a result of a record row too). Not a time to the tenth,
        which the toplists may write otherwise (27:22.4 for 27:22.47). LACKED when they hold the marks of its
        time but none of its day; else None. Kept per point: a day's stories ask of one record several times."""
        key = (event_id, indoor, p.date, p.athlete_id, round(p.value, 2), p.source)
        if key not in self._verdicts:
            self._verdicts[key] = self._judge(p, event_id, indoor)
        return self._verdicts[key]

    def _judge(self, p: Point, event_id: int, indoor: bool) -> str | None:
        if p.source is None or self._authority(p.source) >= WA_DERIVED:
            return None
        e = self.cat.events_by_id[event_id]
        if p.athlete_id is None or not p.date or len(p.date) < 10 \
                or (ev.get(e.code).mark_format == ev.TIME and _decimals(p.mark) == 1):
            return None
        day = p.date[:10]
        sign = 1 if e.lower_is_better else -1
        # field events: one world record wherever it was set (Isinbayeva's 4.86 in Budapest, indoors)
        where = "" if e.kind == ev.FIELD else f"AND r.indoor = {int(indoor)}"
        same, worse = self.conn.execute(
            f"SELECT coalesce(sum((res.athlete_id = ? OR abs(res.mark_value - ?) <= ? + 1e-9) "
            f"                    AND abs(julianday(r.date) - julianday(?)) <= ?), 0), "
            f"       coalesce(sum(? * res.mark_value > ? * ? + ? AND {self._LEGAL}), 0) "
            f"FROM results res JOIN races r ON r.id = res.race_id JOIN sources s ON s.id = res.source_id "
            f"WHERE s.authority >= ? AND r.event_id = ? {where} AND res.mark_value IS NOT NULL "
            f"AND r.date BETWEEN date(?, ?) AND date(?, ?)",
            (p.athlete_id, p.value, ROUNDING, day, self.TOPLIST_DAYS, sign, sign, p.value, ROUNDING, WA_DERIVED,
             event_id, day, f"-{self.TOPLIST_COVER_DAYS} days", day, f"+{self.TOPLIST_COVER_DAYS} days")).fetchone()
        if same or worse < TOPLIST_COVER_MARKS:
            return None
        # and they hold a mark of the event that day: a race they lack altogether may be one they do not keep
        # (Benoit's 2:22:43 of Boston 1983, Tadese's 59:05 of the Great North Run 2005: world records in the
        # progressions, reviews 21 and 22), which the post names with what the toplists lack (`off_toplists`)
        (that_day,) = self.conn.execute(
            f"SELECT count(*) FROM results res JOIN races r ON r.id = res.race_id JOIN sources s ON s.id = "
            f"res.source_id WHERE s.authority >= ? AND r.event_id = ? {where} AND r.date = ?",
            (WA_DERIVED, event_id, day)).fetchone()
        return CONTRADICTED if that_day else LACKED

    def _better_mark(self, event_id: int, indoor: bool, date: str, value: float, sign: int) -> Point | None:
        """The first legal mark in the results (the toplists) better than a world record, set after it: the
        record lists may not have caught up (a record set since their snapshot) or never ratified it. A mark of
        a WA-derived list (the post says "in the all-time lists"), not a progression's row made a result."""
        row = self.conn.execute(
            f"SELECT r.date, res.mark, res.mark_value, a.name, coalesce(res.nation, a.nationality), r.venue, a.id, "
            f"       res.source_id "
            f"FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
            f"JOIN sources s ON s.id = res.source_id "
            f"WHERE {self._event_marks(event_id, indoor, sign, value)} AND r.indoor = ? AND r.date > ? "
            f"AND length(r.date) >= 10 AND {VALID} AND s.authority >= {WA_DERIVED} "
            f"AND res.mark_value IS NOT NULL AND instr(res.flags, 'w') = 0 AND {NATIONAL_TEAM} "
            f"AND (res.wind IS NULL OR res.wind <= 2.0) AND ? * res.mark_value < ? * ? - 1e-9 "
            f"ORDER BY r.date, ? * res.mark_value, r.id, res.id LIMIT 1",
            (event_id, int(indoor), date, sign, sign, value, sign)).fetchone()
        return Point(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]) if row else None

    # at most this many athletes' own marks are read instead of the event's (see _event_marks)
    FEW_BETTER = 12

    def _event_marks(self, event_id: int, indoor: bool, sign: int, value: float) -> str:
        """The condition `r.event_id = ?` of a search for legal marks past `value` in an event, kept to the
        athletes whose best (bests, migration 002: legal marks, rank_value best first) is past it when they are
        few: their own marks (results_athlete; `+r.event_id` keeps SQLite off races_event_date) instead of
        every mark of the event, 2-5 ms for the sprints. A legal mark past the value is by one of them, so the
        answer is the same. The ids are integers from the database, written into the statement."""
        ids = [a for (a,) in self.conn.execute(
            "SELECT athlete_id FROM bests WHERE event_id = ? AND indoor = ? AND rank_value < ? * ? - 1e-9 "
            "LIMIT ?", (event_id, int(indoor), sign, value, self.FEW_BETTER + 1))]
        if len(ids) > self.FEW_BETTER:
            return "r.event_id = ?"
        return f"res.athlete_id IN ({','.join(str(int(a)) for a in ids)}) AND +r.event_id = ?"

    # how much better than an electric time a hand time must be to be better for sure (the 0.24 s the rules
    # added to a hand time to compare it with an electric one)
    HAND_MARGIN = 0.24

    def _better_before(self, event_id: int, indoor: bool, date: str, prev_value: float, sign: int,
                       prev_aid: int | None, aid: int, value: float, hand: bool = False) -> Point | None:
        """The best legal mark on file from before a world record that beats the record it broke: the record
        lists' row was not the best mark there had been (a women-only road record; a mark never ratified).
        Not the record holder's own performance dated a day or two apart (a heptathlon dated by its first
        day), nor the previous record itself as another source times it (13:12.87 for 13:12.9). A mark of a
        WA-derived list: a progression's own row, which the build makes a result too, is on a record list, and
        one the progression was judged by (Tadese's point-to-point 59:05 of 2005). A hand time counts, with
        `hand`, when it is better by more than HAND_MARGIN (Gao's 41:37.9h walk of 1994)."""
        hand_ok = f"? * res.mark_value < ? * ? - {self.HAND_MARGIN}" if hand else "0"
        row = self.conn.execute(
            f"SELECT r.date, res.mark, res.mark_value, a.name, coalesce(res.nation, a.nationality), r.venue, a.id, "
            f"       res.source_id "
            f"FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
            f"JOIN sources s ON s.id = res.source_id "
            f"WHERE {self._event_marks(event_id, indoor, sign, prev_value)} AND r.indoor = ? AND r.date < ? "
            f"AND length(r.date) >= 10 AND {self._LEGAL} AND s.authority >= {WA_DERIVED} "
            f"AND (instr(res.flags, 'h') = 0 OR {hand_ok}) AND {NATIONAL_TEAM} AND ? * res.mark_value < ? * ? - 1e-9 "
            f"AND NOT (a.id = ? AND abs(res.mark_value - ?) < 1e-6 AND julianday(?) - julianday(r.date) <= 3) "
            f"ORDER BY ? * res.mark_value, r.date, r.id, res.id LIMIT 1",
            (event_id, int(indoor), date, *((sign, sign, prev_value) if hand else ()), sign, sign, prev_value,
             aid, value, date, sign)).fetchone()
        if row is None or (row[6] == prev_aid and abs(row[2] - prev_value) < 0.1 + 1e-9):
            return None
        return Point(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])

    def _past_barrier_before(self, event_id: int, indoor: bool, date: str, barrier: float, sign: int) -> bool:
        """Whether any source has a mark of the event past `barrier` before `date`: a "first under" claim
        must hold against every list that covers the event, not only the progression it came from (the
        toplists hold sub-30:00 road 10 km marks from years before the record pages' first row). The event is
        the event: road 10 km and track 10,000 m are different events, as are indoors and out."""
        args = (event_id, int(indoor), date, sign, sign, barrier)
        if self.conn.execute(
                "SELECT 1 FROM records WHERE event_id = ? AND indoor = ? AND date < ? AND length(date) >= 10 "
                "AND ? * mark_value < ? * ? - 1e-9 LIMIT 1", args).fetchone():
            return True
        return self.conn.execute(
            f"SELECT 1 FROM results res JOIN races r ON r.id = res.race_id "
            f"WHERE {self._event_marks(event_id, indoor, sign, barrier)} AND r.indoor = ? AND r.date < ? "
            f"AND length(r.date) >= 10 AND {VALID} "
            f"AND res.mark_value IS NOT NULL AND instr(res.flags, 'w') = 0 "
            f"AND (res.wind IS NULL OR res.wind <= 2.0) AND ? * res.mark_value < ? * ? - 1e-9 LIMIT 1",
            args).fetchone() is not None

    def _also(self, aid: int, event_id: int, indoor: bool, date: str, value: float, kind: str,
              region: str) -> tuple[str, ...]:
        """The other records (world, area, national) the same mark set, but the one of kind and region."""
        if self._read.records is None:
            # every such record once (16k rows), not a scan of the records per performance
            by_perf: dict[tuple, list[tuple]] = {}
            for row in self.conn.execute(
                    "SELECT athlete_id, event_id, indoor, date, kind, region, mark_value FROM records "
                    "WHERE kind IN ('world', 'area', 'national')"):
                by_perf.setdefault(row[:4], []).append(row[4:])
            self._read.records = by_perf
        rows = set()
        if aid is None or event_id is None or date is None or value is None:    # `= NULL` matches nothing
            return ()
        for k, r, v in self._read.records.get((aid, event_id, int(indoor), date), ()):
            if v is None or not abs(v - value) < 1e-6:
                continue
            # NOT (kind = ? AND region = ?) as SQL reads it: a NULL region on the same kind keeps the row out
            if k == kind and (r is None or region is None or r == region):
                continue
            rows.add((k, r))
        order = {"world": 0, "area": 1, "national": 2}
        # an indoor list's record is said as one (Tentoglou's 8.55 of 2022 is the Greek indoor record; the
        # Greek record is Tsatoumas's 8.66): review 9
        io = " indoor record" if indoor else " record"
        return tuple(record_words(k, r).removesuffix(" record") + io
                     for k, r in sorted(rows, key=lambda x: (order[x[0]], x[1])))

    def _race_of(self, aid: int, event_id: int, date: str, value: float | None) -> RaceFound | None:
        """The race the mark was set in, if the results have it."""
        rows = self.conn.execute(
            f"SELECT r.id, r.competition_id, res.place, res.source_id, r.venue, r.country, s.authority "
            f"FROM results res "
            f"JOIN races r ON r.id = res.race_id JOIN sources s ON s.id = res.source_id "
            f"WHERE res.athlete_id = ? AND r.event_id = ? AND r.date = ? AND {VALID} "
            f"AND (? IS NULL OR abs(res.mark_value - ?) < 1e-6) "
            f"ORDER BY res.place = 1 DESC, s.authority DESC", (aid, event_id, date, value, value)).fetchall()
        if not rows:
            return None
        race_id, comp_id, place, src, venue, country, authority = rows[0]
        comp = self.cat.competitions_by_id.get(comp_id) if comp_id else None
        competition = competition_words(comp, self.cat) if comp else None
        level = comp.level if comp else None
        runner = self._runner_up(race_id, value, mark_text(self.conn, race_id, aid), event_id) \
            if place == 1 else None
        return RaceFound(runner[0] if runner else None, runner[1] if runner else None, competition, level, venue,
                         country, src, authority)

    def _runner_up(self, race_id: int, win_value: float | None, win_mark: str | None, event_id: int):
        code = self.cat.events_by_id[event_id].code
        row = self.conn.execute(
            f"SELECT a.name, coalesce(res.nation, a.nationality), res.mark, res.mark_value, r.date, r.venue, "
            f"       res.source_id, a.id, "
            f"       a.is_team, r.round "
            f"FROM results res JOIN athletes a ON a.id = res.athlete_id JOIN races r ON r.id = res.race_id "
            f"WHERE res.race_id = ? AND res.place = 2 AND {VALID} ORDER BY res.mark_value IS NULL LIMIT 1",
            (race_id,)).fetchone()
        if not row:
            return None
        name, nat, mark, v, date, venue, src, aid, team, rnd = row
        diff = None
        if v is not None and win_value is not None:
            diff = abs(v - win_value)
        # second in a heat is not second in the meeting (Asher-Smith's British 60 m record of 2023 came in her
        # heat; Neita was second in the final): the post says which race
        return (Rival("runner-up", name, nat, mark, date, venue, diff,
                      margin_text(diff, code, mark, win_mark) if diff is not None else None,
                      athlete_id=aid, team=bool(team), round=rnd if rnd in ROUND_WORDS else None), src)

    def _wins_on(self, on: dt.date, select: str, where: str, order: str) -> list[tuple]:
        """The finals won on the day's month-day before the year asked (_day_wins), read by `select` (its
        columns and joins), filtered by `where` and sorted by `order`."""
        keys = day_keys(on)
        return self.conn.execute(f"{select} WHERE {_day_wins(len(keys))} AND {where} ORDER BY {order}",
                                 (*keys, self._until or on.year)).fetchall()

    # -- championships
    def _championships(self, on: dt.date, prefs: Preferences, famous_only: bool) -> list[Story]:
        rows = self._wins_on(
            on, "SELECT r.id, r.event_id, r.indoor, r.date, r.venue, r.country, c.id, c.level, res.athlete_id, a.name, "
            "       coalesce(res.nation, a.nationality), res.mark, res.mark_value, res.wind, res.flags, res.source_id "
            "FROM results res JOIN races r ON r.id = res.race_id JOIN competitions c ON c.id = r.competition_id "
            "JOIN athletes a ON a.id = res.athlete_id JOIN sources s ON s.id = res.source_id",
            "c.level IN ('OG', 'WCH', 'WIC')", "res.mark_value IS NULL, s.authority DESC, r.id")
        out: dict[tuple, Story] = {}
        for (race_id, event_id, indoor, date, venue, country, comp_id, level, aid, name, nat, mark, value, wind,
             flags, src) in rows:
            e = self.cat.events_by_id[event_id]
            k = (aid, event_id, date)
            if k in out:
                continue
            record_tags = [t for t in (flags or "").split() if t in ("WR", "AR", "NR", "OR", "CR")]
            records = self._also(aid, event_id, bool(indoor), date, value, "", "") if value is not None else ()
            # a world final is as much the day's story as an Olympic one (World Indoors only with a record)
            indoor_best = self._indoor_best(event_id, bool(indoor), date, value, flags)
            famous = level in ("OG", "WCH") or nat in prefs.countries or bool(record_tags) or bool(records) \
                or indoor_best is not None
            if famous_only and not famous:
                continue
            comp = self.cat.competitions_by_id[comp_id]
            runner = self._runner_up(race_id, value, mark, event_id)
            sources = [self.source(src)] + ([self.source(runner[1])] if runner else [])
            years = on.year - int(date[:4])
            year_best, career_best = self._notable(aid, event_id, bool(indoor), date, value, wind, flags)
            out[k] = Story(
                key=f"{CHAMPIONSHIP_WIN}:{e.code}:{e.sex}:{int(indoor)}:{date}:{aid}", category=CHAMPIONSHIP_WIN,
                athlete=name, athlete_id=aid, nationality=nat, event=e.code, sex=e.sex,
                event_words=event_words(e.code, e.sex), indoor=bool(indoor), mark=mark, value=value, wind=wind,
                date=date, years_ago=years, round_anniversary=is_round(years), venue=venue or comp.venue,
                country=country or comp.country, runner_up=runner[0] if runner else None,
                competition=competition_words(comp, self.cat), level=level, also=records,
                year_best=year_best, career_best=career_best, indoor_best=indoor_best,
                sources=_merge_sources((), sources))
        return list(out.values())


    # -- what makes a won race worth remembering
    _LEGAL = (f"{VALID} AND res.mark_value IS NOT NULL AND instr(res.flags, 'w') = 0 "
              f"AND (res.wind IS NULL OR res.wind <= 2.0)")

    def _notable(self, aid: int, event_id: int, indoor: bool, date: str, value: float | None, wind: float | None,
                 flags: str | None) -> tuple[bool, bool]:
        """(the world's best legal mark of its year on file, the winner's best legal mark to then) for a
        winning mark; both False for an illegal one (wind-aided) or where the data is too thin to say (fewer
        than YEAR_BEST_MIN_MARKS marks that year, fewer than CAREER_BEST_MIN_MARKS earlier marks of the
        winner: early years and athletes the toplists barely hold)."""
        if value is None or "w" in (flags or "").split() or (wind is not None and wind > 2.0):
            return False, False
        sign = 1 if self.cat.events_by_id[event_id].lower_is_better else -1
        n, best = self._year_marks(event_id, indoor, date[:4])
        year_best = n >= YEAR_BEST_MIN_MARKS and best is not None and sign * value <= best + 1e-9
        dates, best_to = self._career(aid, event_id, sign)
        earlier = bisect.bisect_left(dates, date)      # the legal marks dated before the day
        better = earlier > 0 and best_to[earlier - 1] <= sign * value + 1e-9
        return year_best, earlier >= CAREER_BEST_MIN_MARKS and not better

    def _career(self, aid: int, event_id: int, sign: int) -> tuple[list[str], list[float]]:
        """An athlete's legal marks of an event with a full date, indoors and out: their dates in order and
        the best (sign * value) to each. Read once per file and kept (a champion wins on many days of the
        year; half the winners of 43 days asked were asked before), up to CAREERS_KEPT athletes' events."""
        careers = self._read.careers
        key = (aid, event_id)
        if key not in careers:
            # `+r.event_id`: the athlete's own marks (results_athlete), not every mark of the event
            # (races_event_date), which SQLite picks without statistics: 10-30 ms a winner for the sprints
            rows = sorted(self.conn.execute(
                f"SELECT r.date, ? * res.mark_value FROM results res JOIN races r ON r.id = res.race_id "
                f"WHERE res.athlete_id = ? AND +r.event_id = ? AND length(r.date) >= 10 AND {self._LEGAL}",
                (sign, aid, event_id)))
            best_to, best = [], math.inf
            for _, v in rows:
                best = min(best, v)
                best_to.append(best)
            if len(careers) >= CAREERS_KEPT:
                careers.clear()
            careers[key] = ([d for d, _ in rows], best_to)
        return careers[key]

    def _indoor_best(self, event_id: int, indoor: bool, date: str, value: float | None,
                     flags: str | None) -> Point | None:
        """For a mark set indoors that beats every earlier indoor mark of its event on file (a world indoor best
        then: the toplists hold every mark above their cut-off, so any better one), the best before it; None
        otherwise, or where the event's earlier indoor marks on file are too few (YEAR_BEST_MIN_MARKS) to say.
        Not past an indoor world record on the lists from before it. Outdoors, a road race's the same (a world
        best on the roads: Gebrselassie's 27:02 for 10 km in Doha, 2002: review 15); on the track and in the
        field such a mark is a world record, the record's story."""
        road = self.cat.events_by_id[event_id].kind == ev.ROAD
        if not (indoor or road) or value is None or "w" in (flags or "").split() or len(date) < 10:
            return None
        sign = 1 if self.cat.events_by_id[event_id].lower_is_better else -1
        # on the roads, the marks of the WA-derived lists only: a progression's point-to-point 59:05 (Tadese,
        # South Shields 2005) is on file but on no list of legal marks
        wa = f"AND res.source_id IN (SELECT id FROM sources WHERE authority >= {WA_DERIVED})" if road else ""
        n, = self.conn.execute(
            f"SELECT count(*) FROM results res JOIN races r ON r.id = res.race_id WHERE r.event_id = ? "
            f"AND r.indoor = ? AND r.date < ? AND length(r.date) >= 10 AND {self._LEGAL} {wa}",
            (event_id, int(indoor), date)).fetchone()
        if n < YEAR_BEST_MIN_MARKS:
            return None
        row = self.conn.execute(
            f"SELECT r.date, res.mark, res.mark_value, a.name, coalesce(res.nation, a.nationality), r.venue, a.id, "
            f"       res.source_id "
            f"FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
            f"WHERE r.event_id = ? AND r.indoor = ? AND r.date < ? AND length(r.date) >= 10 AND {self._LEGAL} {wa} "
            f"ORDER BY ? * res.mark_value, r.date LIMIT 1", (event_id, int(indoor), date, sign)).fetchone()
        if row is None or sign * row[2] <= sign * value + 1e-9:
            return None
        if self.conn.execute(
                "SELECT 1 FROM records WHERE kind = 'world' AND event_id = ? AND indoor = ? AND date < ? "
                "AND length(date) >= 10 AND ? * mark_value <= ? * ? + 1e-9 LIMIT 1",
                (event_id, int(indoor), date, sign, sign, value)).fetchone():
            return None
        return Point(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])

    def _year_marks(self, event_id: int, indoor: bool, year: str) -> tuple[int, float | None]:
        """(how many legal marks, the best as sign * value) of an event in a year, indoors or out."""
        key = (event_id, indoor, year)
        if key not in self._years:
            # worked out when the database was built (migration 006): no row, no legal mark that year
            row = self.conn.execute("SELECT marks, low, high FROM year_marks WHERE event_id = ? AND indoor = ? "
                                    "AND year = ?", (event_id, int(indoor), year)).fetchone()
            if row is None:
                self._years[key] = (0, None)
            else:
                lower = self.cat.events_by_id[event_id].lower_is_better
                self._years[key] = (row[0], row[1] if lower else -row[2])
        return self._years[key]

    # -- famous races and birthdays
    def _record_cities(self) -> set[str]:
        """The cities of the road races where world records were set (the record lists' venues): the races
        fans know by their city (Berlin, Chicago, New York, Boston). Read once per Selector."""
        if self._cities is not None:
            return self._cities
        rows = self.conn.execute(
            "SELECT DISTINCT rec.venue FROM records rec JOIN events e ON e.id = rec.event_id "
            "WHERE rec.kind = 'world' AND e.kind = 'road' AND rec.venue IS NOT NULL")
        self._cities = {city(v) for (v,) in rows}
        return self._cities

    def _race_wins(self, on: dt.date, prefs: Preferences, famous_only: bool) -> list[Story]:
        """Races won on the day by champions and world-record holders (bot/ask/fame.py `elite`), outside the
        championships: Diamond League meetings and the road races of the record cities; with famous_only
        False (the fallback), any race on file."""
        prom = self.prominence()
        cities = self._record_cities()
        rows = self._wins_on(
            on, "SELECT r.id, r.event_id, r.indoor, r.date, r.venue, r.country, r.competition_id, res.athlete_id, "
            "       a.name, coalesce(res.nation, a.nationality), res.mark, res.mark_value, res.wind, res.source_id, "
            "       e.kind, res.flags "
            "FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
            "JOIN events e ON e.id = r.event_id LEFT JOIN competitions c ON c.id = r.competition_id",
            "a.is_team = 0 AND (c.level IS NULL OR c.level NOT IN ('OG', 'WCH', 'WIC')) AND res.mark IS NOT NULL",
            "r.id")
        out: dict[tuple, Story] = {}
        for (race_id, event_id, indoor, date, venue, country, comp_id, aid, name, nat, mark, value, wind, src,
             kind, flags) in rows:
            p = prom.get(aid)
            if not (p and p.elite) or (aid, event_id, date) in out:
                continue
            comp = self.cat.competitions_by_id.get(comp_id) if comp_id else None
            level = comp.level if comp else None
            if level == "other" and comp is not None and self._dl_series(comp.series_id):
                level = "meeting"      # Bislett, Zürich, Brussels before 2010: the Golden League, Grand Prix
            elif level in (None, "other"):
                level = "road" if kind == "road" and city(venue) in cities else "other"
            indoor_best = self._indoor_best(event_id, bool(indoor), date, value, flags)
            # a world indoor best is a story wherever it was run (Dibaba's 5000 m in Boston, 2005)
            if famous_only and level == "other" and indoor_best is None:
                continue
            e = self.cat.events_by_id[event_id]
            runner = self._runner_up(race_id, value, mark, event_id)
            sources = [self.source(src)] + ([self.source(runner[1])] if runner else [])
            years = on.year - int(date[:4])
            year_best, career_best = self._notable(aid, event_id, bool(indoor), date, value, wind, flags)
            out[(aid, event_id, date)] = Story(
                key=f"{RACE_WIN}:{e.code}:{e.sex}:{int(indoor)}:{date}:{aid}", category=RACE_WIN,
                athlete=name, athlete_id=aid, nationality=nat, event=e.code, sex=e.sex,
                event_words=event_words(e.code, e.sex), indoor=bool(indoor), mark=mark, value=value, wind=wind,
                date=date, years_ago=years, round_anniversary=is_round(years), venue=venue or (comp.venue if comp else None),
                country=country or (comp.country if comp else None),
                runner_up=runner[0] if runner else None,
                competition=competition_words(comp, self.cat) if comp else None,
                level=level, year_best=year_best, indoor_best=indoor_best,
                career_best=career_best, sources=_merge_sources((), sources))
        return list(out.values())

    def _who(self, aid: int) -> tuple[tuple[Title, ...], tuple[tuple[str, Point], ...]]:
        """Who a race's winner is, as the data knows: the athlete's Olympic and world titles in individual
        events (bot/ask/fame.py), and the world records of the merged progressions she set (Ruth Jebet, the
        2016 Olympic steeplechase champion, winning in Mersin in 2023)."""
        titles = tuple(Title(level, event_words(self.cat.events_by_id[eid].code, self.cat.events_by_id[eid].sex),
                             year) for level, eid, year in fm.titles_of(self.conn, aid))
        records: list[tuple[str, Point]] = []
        for event_id, indoor in self.conn.execute(
                "SELECT DISTINCT rec.event_id, rec.indoor FROM records rec JOIN events e ON e.id = rec.event_id "
                "WHERE rec.athlete_id = ? AND rec.kind = 'world' AND rec.region = 'WORLD' AND e.kind != 'relay' "
                "ORDER BY 1, 2", (aid,)):
            e = self.cat.events_by_id[event_id]
            words = event_words(e.code, e.sex) + (" indoor" if indoor else "")
            records += [(words, p) for p in self._progression("world", event_id, bool(indoor), "WORLD")
                        if p.athlete_id == aid]
        # by date: a post names "the last" (Dibaba's indoor mile of 2016, not her 5000 m indoor of 2015, which
        # only comes last by event): review 10
        records.sort(key=lambda wp: (wp[1].date or "")[:10])
        return titles, tuple(records)

    def _dl_series(self, series_id: str | None) -> bool:
        """A series whose meetings are Diamond League meetings now (their editions before 2010 were the
        Golden League and the Grand Prix: the same famous meetings)."""
        if series_id is None:
            return False
        if series_id not in self._read.dl_series:
            row = self.conn.execute("SELECT level FROM series WHERE id = ?", (series_id,)).fetchone()
            self._read.dl_series[series_id] = bool(row and row[0] == "DL")
        return self._read.dl_series[series_id]

    def _birthdays(self, on: dt.date) -> list[Story]:
        """Champions and world-record holders born on the day (birth dates as the sources give them)."""
        keys = day_keys(on)
        prom = self.prominence()
        rows = self.conn.execute(
            f"SELECT id, name, nationality, birth_date, sex, source_id FROM athletes "
            f"WHERE is_team = 0 AND substr(birth_date, 6, 5) IN ({','.join('?' * len(keys))}) "
            f"AND length(birth_date) >= 10 AND CAST(substr(birth_date, 1, 4) AS INTEGER) < ?",
            (*keys, self._until or on.year)).fetchall()
        out = []
        for aid, name, nat, born, _sex, src in rows:
            p = prom.get(aid)
            if not (p and p.elite):
                continue
            event = self._main_event(aid)
            if event is None:
                continue
            e = self.cat.events_by_id[event]
            years = on.year - int(born[:4])
            unlisted = self._unlisted_records(aid)
            out.append(Story(
                key=f"{BIRTHDAY}:{born}:{aid}", category=BIRTHDAY, athlete=name, athlete_id=aid, nationality=nat,
                event=e.code, sex=e.sex, event_words=event_words(e.code, e.sex), indoor=False, mark=None,
                value=None, wind=None, date=born, years_ago=years, round_anniversary=is_round(years), venue=None,
                country=None, athlete_fame=p, unlisted_records=unlisted,
                sources=_merge_sources((self.source(src),), [self.source(m.source) for _, m, _ in unlisted
                                                               if m.source])))
        return out

    def _first_title(self, aid: int) -> TitleWon | None:
        """A birthday's hook: the athlete's first Olympic title, else the first world title, else the first
        world indoor title, in an individual event (a final won, not a combined event's part)."""
        rows = self.conn.execute(
            f"SELECT c.level, r.event_id, c.year, c.city, res.mark, res.source_id FROM results res "
            f"JOIN races r ON r.id = res.race_id JOIN competitions c ON c.id = r.competition_id "
            f"JOIN events e ON e.id = r.event_id WHERE res.athlete_id = ? AND c.level IN ('OG', 'WCH', 'WIC') "
            f"AND res.place = 1 AND (r.round = 'F' OR r.round IS NULL) AND e.kind != 'relay' AND {VALID} "
            f"ORDER BY CASE c.level WHEN 'OG' THEN 0 WHEN 'WCH' THEN 1 ELSE 2 END, c.year, r.date",
            (aid,)).fetchall()
        if not rows:
            return None
        level, event_id, year, city, mark, src = rows[0]
        if city and "/" in city:
            city = self._host_city(city, aid, event_id, year, mark)
        # each title once, however many sources list its final
        of = len({(eid, y) for lv, eid, y, *_ in rows if lv == level})
        e = self.cat.events_by_id[event_id]
        return TitleWon(level, event_words(e.code, e.sex), year, city, mark, e.code, of, src)

    def _host_city(self, cities: str, aid: int, event_id: int, year: int, mark: str | None) -> str | None:
        """Of a Games written with two host cities ('Melbourne / Stockholm', 1956), the one where the results
        place the athlete's winning mark that year; else none is said (review 20: Greg Bell's title "in
        Melbourne / Stockholm")."""
        parts = [c.strip() for c in cities.split("/")]
        value = _value(mark, self.cat.events_by_id[event_id].code) if mark else None
        if value is None:
            return None
        venues = [v for (v,) in self.conn.execute(
            "SELECT r.venue FROM results res JOIN races r ON r.id = res.race_id WHERE res.athlete_id = ? "
            "AND r.event_id = ? AND substr(r.date, 1, 4) = ? AND abs(res.mark_value - ?) < 0.005 "
            "AND r.venue IS NOT NULL", (aid, event_id, str(year), value))]
        found = {c for c in parts for v in venues if c.lower() in v.lower()}
        return found.pop() if len(found) == 1 else None

    def _electric(self, p: Point, event_id: int, indoor: bool) -> Point | None:
        """A record's performance as a WA-derived list times it to the hundredth (1:54.94 for a progression's
        1:54.9): the athlete's mark within a tenth of it, dated within three days; None if none."""
        if p.athlete_id is None or not p.date or len(p.date) < 10:
            return None
        row = self.conn.execute(
            f"SELECT r.date, res.mark, res.mark_value, res.source_id FROM results res JOIN races r ON r.id = res.race_id "
            f"JOIN sources s ON s.id = res.source_id WHERE res.athlete_id = ? AND +r.event_id = ? AND r.indoor = ? "
            f"AND abs(res.mark_value - ?) <= 0.1 + 1e-9 AND abs(julianday(r.date) - julianday(?)) <= 3 "
            f"AND s.authority >= {WA_DERIVED} AND {self._LEGAL} ORDER BY abs(res.mark_value - ?) LIMIT 1",
            (p.athlete_id, event_id, int(indoor), p.value, p.date[:10], p.value)).fetchone()
        if row is None or _decimals(row[1]) < 2:
            return None
        return replace(p, date=row[0], mark=row[1], value=row[2], source=row[3])

    def _unlisted_records(self, aid: int) -> tuple[tuple[str, Point, Point], ...]:
        """An athlete's legal marks of the WA-derived lists that beat the world record of their day, as the
        merged history has it (the progression's records and every better legal mark of those lists before),
        and that no record list has: the progressions miss some (Olizarenko's 1:54.85 of 12 June 1980 beat
        Kazankina's 1:54.94 of 1976), and some were never ratified (Silvester's 70.38 of 1971). Each with the
        record it beat. Individual events World Athletics keeps a record of; never a hand time against an
        electric one. The record of its day is every record and better mark up to the end of that day: a
        mark beaten in the same competition beat nothing (Melinte's 69.76 of 22 June 1997, thrown where
        Kuzenkova set two records)."""
        rows = self.conn.execute(
            f"SELECT r.event_id, r.indoor, r.date, res.mark, res.mark_value, res.source_id, r.venue "
            f"FROM results res JOIN races r ON r.id = res.race_id JOIN sources s ON s.id = res.source_id "
            f"JOIN events e ON e.id = r.event_id WHERE res.athlete_id = ? AND e.kind != 'relay' "
            f"AND length(r.date) >= 10 AND {self._LEGAL} AND instr(res.flags, 'h') = 0 "
            f"AND s.authority >= {WA_DERIVED} ORDER BY r.date", (aid,)).fetchall()
        out: list[tuple[str, Point, Point]] = []
        for event_id, indoor, date, mark, value, src, venue in rows:
            e = self.cat.events_by_id[event_id]
            sign = 1 if e.lower_is_better else -1
            prog = [q for q in self._progression("world", event_id, bool(indoor), "WORLD")
                    if (q.date or "")[:10] <= date[:10]]
            if not prog or not self._wa_keeps(event_id, bool(indoor)) or ev.get(e.code).held == "road":
                # road records were world bests until 2004 and the lists disagree on which courses count
                # (tsoleary has Benoit's Boston 2:22:43 of 1983; the toplists do not): no claim holds there
                continue
            standing = min(prog, key=lambda q: sign * q.value)
            short = ev.get(e.code).mark_format == ev.TIME and value < 1000
            if short and _decimals(standing.mark) < 2:
                # a list that writes an electric time to the tenth (Kazankina's 1:54.94 as 1:54.9): the
                # WA-derived lists' own row of that performance, if they hold it
                standing = self._electric(standing, event_id, bool(indoor)) or standing
            if sign * value >= sign * standing.value - 1e-9 or (short and (_decimals(mark) < 2
                                                                           or _decimals(standing.mark) < 2)):
                continue
            here = Point(date, mark, value, "", athlete_id=aid, venue=venue, source=src)
            listed = self._progression("world", event_id, bool(indoor), "WORLD") + self._record_rows(event_id,
                                                                                                    bool(indoor))
            if any(_same_meeting(here, q) for q in listed) or any(
                    q.date and q.date[:10] <= date[:10] and _surely_better(q, here, sign, short) for q in listed) or any(
                    _same_performance(here, m) for _, m, _ in out) or self._better_before(
                    event_id, bool(indoor), _next_day(date), value + sign * 1e-6, sign, None, aid,
                    value, hand=True) is not None:
                continue    # on a record list, or not the best there had been
            out.append((e.code, here, standing))
        return tuple(out)

    def _record_rows(self, event_id: int, indoor: bool) -> list[Point]:
        """Every world-record row of an event, of every record list (the merged progression keeps one list's
        row where they agree: HT's 11.07 of Stecher in 1972 is not in it, tsoleary's 11.0 is)."""
        key = ("rows", event_id, indoor)
        if key not in self._progressions:
            self._progressions[key] = [
                Point(d, m, v, "", athlete_id=a, source=src) for d, m, v, a, src in self.conn.execute(
                    "SELECT date, mark, mark_value, athlete_id, source_id FROM records WHERE kind = 'world' "
                    "AND region = 'WORLD' AND event_id = ? AND indoor = ? AND date IS NOT NULL",
                    (event_id, int(indoor)))]
        return self._progressions[key]

    def _main_event(self, aid: int) -> int | None:
        """The event an athlete is known for: most Olympic, world and world indoor titles (weighed 3, 2, 1), then most medals at
        the big championships and meetings, then most results; places in finals only (a heat won is no medal).
        Szabo won three of her four titles in the 5000 m and more medals in the 1500 m (review 13). Not a
        combined event's sub-event (Siegl's 200 m of the 1976 Olympic pentathlon, listed as a first place:
        review 11)."""
        final = "(r.round = 'F' OR r.round IS NULL)"
        row = self.conn.execute(
            "SELECT r.event_id FROM results res JOIN races r ON r.id = res.race_id "
            "LEFT JOIN competitions c ON c.id = r.competition_id WHERE res.athlete_id = ? "
            "AND coalesce(r.round, '') != 'CE' GROUP BY r.event_id "
            f"ORDER BY sum(CASE WHEN res.place = 1 AND {final} THEN {TITLE_WEIGHT} ELSE 0 END) DESC, "
            f"sum(c.level IN ('OG', 'WCH', 'WIC', 'DL') AND res.place <= 3 AND {final}) DESC, "
            "count(*) DESC, r.event_id LIMIT 1", (aid,)).fetchone()
        return row[0] if row else None


# the races before a final, as a runner-up's line names them
ROUND_WORDS = {"H": "the heat", "SF": "the semi-final", "QF": "the quarter-final", "Q": "qualifying",
               "R1": "the first round"}

# what a title weighs in choosing an athlete's main event: an Olympic title more than a world title, a world indoor
# title least (Szabo's three world indoor 3000 m titles against her Olympic and two world 5000 m titles)
TITLE_WEIGHT = "CASE c.level WHEN 'OG' THEN 3 WHEN 'WCH' THEN 2 WHEN 'WIC' THEN 1 ELSE 0 END"


def _distinct(stories: list[Story]) -> list[Story]:
    """Each story once: by key, and by performance (one athlete's mark in one event that day)."""
    seen: set = set()
    out = []
    for s in stories:
        perf = (s.athlete_id, s.event, s.sex, s.date, s.indoor, round(s.value or 0, 2), s.category == BIRTHDAY)
        if s.key in seen or perf in seen:
            continue
        seen.update((s.key, perf))
        out.append(s)
    return out


def _shared(stories: list[Story]) -> list[Story]:
    """One story for a record two athletes set in one race (Davis and Kaufmann's 44.9 in the 1960 Olympic
    final): the first named, the others in `shared_with`; the one who won the title leads (Tolan, not
    Metcalfe, in the 1932 Olympic 100 m final)."""
    first: dict[tuple, int] = {}
    out: list[Story] = []
    for s in stories:
        if s.category not in (WORLD_RECORD, NATIONAL_RECORD) or s.value is None:
            out.append(s)
            continue
        k = (s.category, s.region, s.event, s.sex, s.indoor, s.date, round(s.value, 2))
        if k in first:
            i = first[k]
            lead, other = (s, out[i]) if s.won_title and not out[i].won_title else (out[i], s)
            out[i] = replace(lead, shared_with=(*lead.shared_with, other.athlete, *other.shared_with),
                             sources=_merge_sources(lead.sources, other.sources))
            continue
        first[k] = len(out)
        out.append(s)
    return out


def _records_before(prog: Iterable[Point], date: str, value: float, sign: int, aid: int | None,
                    mark: str | None) -> list[Point]:
    """The records of a progression set before one of `value` on `date`, oldest first. The same day's lesser
    records came before it (Gummel's 19.07 then 19.61 in one Olympic final): a record is always an
    improvement, so of one day's marks the lesser came first. Not the same race timed by hand and
    electrically (Smith's 19.8 and 19.83 of 16 October 1968): one athlete's two marks of a day written to
    different decimals."""
    day = date[:10]
    out = [p for p in prog if (p.date or "")[:10] < day
           or ((p.date or "")[:10] == day and sign * p.value > sign * value + 1e-9
               and not (p.athlete_id == aid and _decimals(p.mark) != _decimals(mark)))]
    return sorted(out, key=lambda p: ((p.date or "")[:10], -sign * p.value))


def _timing_list(prog: list[Point], hand: bool, code: str, sign: int) -> list[Point]:
    """A sprint's records as a hand or an electric record knows them. An electric record's list is the
    electric records (Hines's 9.95, then Smith's 9.93). A hand record's is every record that was the best
    mark at the time: the hand ones and the electric ones that bettered them (Lathan's 49.77 of 1976 after
    Szewińska's 49.9), not Hines's 9.95 after the hand 9.9."""
    if not hand:
        return [p for p in prog if not hand_time(p.mark, code)]
    out: list[Point] = []
    best: float | None = None
    for p in prog:
        if hand_time(p.mark, code) or best is None or sign * p.value <= sign * best + 1e-9:
            out.append(p)
            best = p.value if best is None or sign * p.value < sign * best else best
    return out


def _equal_timing(a: str | None, b: str | None, code: str) -> bool:
    """Whether two equal marks are equals: on the track a hand time (to the tenth) is no equal of an electric
    one (dungates writes Smith's hand 9.9 of 1968 and Burrell's electric 9.90 of 1991 alike: Lewis's 9.86 broke
    Burrell's, which equalled no one's: review 17)."""
    return hand_time(a, code) == hand_time(b, code)


def _same_meeting(a: Point, b: Point) -> bool:
    """One athlete's marks dated up to three days apart: a record list's row of that meeting is the mark as
    the list writes it (Viren's 27:38.35 of 1972 as 27:38.4) or mis-writes it (Adam's 21.60 of 1975 as
    21.06), or a record of the same series: either way the mark is no record the lists miss."""
    if a.athlete_id is None or a.athlete_id != b.athlete_id or not a.date or not b.date:
        return False
    return abs((dt.date.fromisoformat(a.date[:10]) - dt.date.fromisoformat(b.date[:10])).days) <= 3


def _surely_better(rec: Point, mark: Point, sign: int, short: bool) -> bool:
    """Whether a record is better than a mark for sure: a sprint record to the tenth (a hand time) only by more
    than the hand margin."""
    margin = Selector.HAND_MARGIN if short and _decimals(rec.mark) < 2 else 1e-9
    return sign * rec.value < sign * mark.value - margin


def _next_day(date: str) -> str:
    """The day after an ISO date: a search for marks "before" it takes in the whole day."""
    return (dt.date.fromisoformat(date[:10]) + dt.timedelta(days=1)).isoformat()


def _same_performance(a: Point, b: Point) -> bool:
    """One athlete's same mark dated up to three days apart by two sources (a heptathlon dated by either
    day: Joyner-Kersee's 7215 of 16-17 July 1988)."""
    if a.athlete_id != b.athlete_id or abs(a.value - b.value) > 1e-6 or not a.date or not b.date:
        return False
    return abs((dt.date.fromisoformat(a.date[:10]) - dt.date.fromisoformat(b.date[:10])).days) <= 3


def city(venue: str | None) -> str:
    """The city a road race is known by, folded: 'New York City' and 'New York, NY' are New York, 'Boston
    Marathon' and 'Boston, MA' are Boston."""
    head = (venue or "").split(",")[0].strip().lower()
    for tail in (" marathon", " city"):
        head = head.removesuffix(tail)
    return head


def mark_text(conn: sqlite3.Connection, race_id: int, athlete_id: int) -> str | None:
    row = conn.execute("SELECT mark FROM results WHERE race_id = ? AND athlete_id = ?",
                       (race_id, athlete_id)).fetchone()
    return row[0] if row else None


def _merge_sources(first: Iterable[Source], more: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(dict.fromkeys([*first, *more]))


def select(conn: sqlite3.Connection, on: dt.date, prefs: Preferences = Preferences()) -> list[Story]:
    """One-off convenience: Selector(conn).select(on, prefs)."""
    return Selector(conn).select(on, prefs)


def known_nations(conn: sqlite3.Connection) -> set[str]:
    """Country codes that have national records: what /anniversaries countries can accept."""
    return {r[0] for r in conn.execute("SELECT DISTINCT region FROM records WHERE kind = 'national'")}


def known_nations_in(path: Path | str) -> set[str]:
    """known_nations of the reference database file at `path` (read-only; blocking: run it in a thread)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return known_nations(conn)
    finally:
        conn.close()
