"""What a plausible result is: one set of rules for /convert (bot/ask/conversions.py), the user import
(bot/pipeline/userimport.py) and the data check (bot/pipeline/datacheck.py). Every bound is read from the database (the records
and the marks on file), never typed in; only the margins around them are ours, and they are wide on purpose:
they catch what no human does (a 1500 m in 0.01 s, a 99.99 m long jump, a 226-year-old), not merely rare marks.

- A mark is at most BETTER_THAN_WR (3%: the builder's rule for misread marks, bot/pipeline/build/results.py IMPLAUSIBLE)
  better than the current world record of that event and sex, indoor or outdoor; with no current world record on
  file, the best mark on file stands in. And at most WORSE_THAN_WORST (50%) worse than the worst mark on file
  (results and records): times 1.5 times the slowest, distances and points half the shortest or lowest.
- An athlete's age at a result is within the ages on file (results with a birth date), leaving out the
  youngest and the oldest AGE_TAIL of them (where the sources' wrong birth dates are: a 4:07 1500 m at 2),
  YOUNGER_BY years younger to OLDER_BY older (masters keep racing past the oldest ages on file).
- A wind reading only where wind is read (bot/common/events.py WIND_EVENTS), never indoors, and at most WIND_TIMES
  the strongest readings on file, either way.
- A place at most PLACE_TIMES the largest place on file.
- A date no earlier than the earliest dated mark on file.

Bounds come from the reference rows only (sources that are not user imports), so an import never widens them.
The data check judges a reference row without itself where it is the yardstick (the best mark on file standing
in for a world record, the strongest wind, the largest place), so a wrong row cannot hide behind its own value.
"""
from __future__ import annotations

import datetime as dt
import math
import sqlite3
from dataclasses import dataclass
from functools import cached_property

from bot.common import events as ev
from bot.common import marks

BETTER_THAN_WR = 0.03     # == bot/pipeline/build/results.py IMPLAUSIBLE (a test holds them equal)
WORSE_THAN_WORST = 0.5
AGE_TAIL = 1e-4
YOUNGER_BY = 2.0
# 7, not 6, since data/ holds every toplist mark: the oldest 0.01% then starts at 46.4 years, and masters race
# walkers of 52.8 with a consistent birth date are on the lists (female/35-kilometres-race-walk.csv.gz:997);
# 46.4 + 7 keeps the bound the subset gave (53.3: data/IMPORT_FORMAT.md before).
OLDER_BY = 7.0
WIND_TIMES = 2.0
PLACE_TIMES = 10
DAYS_A_YEAR = 365.2425

# Rows of the reference data that break a rule because their source is wrong (each checked against the source
# file), until the builder corrects them: the data check names them and does not count them, so it stays strict
# for every other row. tests/test_datacheck_plausible.py fails once one is fixed, so the list only shrinks.
KNOWN_BAD: dict[tuple[str, str], tuple[str, str]] = {
    ("wa-toplists", "female/3000-metres-steeplechase.csv.gz:19140"): ("age", "the row gives age 12 (dob 2005-10-16)"),
    ("nimarion-national", "national.csv:759"): (
        "age", "national.csv gives birth year 1973 for a 1986 national record (age 12; her other rows 1993-1996)"),
    ("wa-toplists", "female/3000-metres-steeplechase.csv.gz:6344"): ("age", "the row gives age 12 (dob 1999-12-16)"),
    ("wa-toplists", "female/3000-metres-steeplechase.csv.gz:12701"): ("age", "the row gives age 12 (dob 1999-12-16)"),
    ("wa-toplists", "female/3000-metres-steeplechase.csv.gz:12830"): ("age", "the row gives age 12 (dob 1999-12-16)"),
    ("wa-toplists", "female/triple-jump.csv.gz:2656"): ("age", "the row gives age 12 (dob 1979-07-27) for a 14.33"),
    ("wa-toplists", "male/5-kilometres.csv.gz:907"): ("age", "the row gives dob 2004-10-12 for a 1991 race"),
    ("wa-toplists", "male/20-kilometres-race-walk.csv.gz:566"): ("age", "the row gives age 11 (dob 1975-12-27)"),
    ("wa-toplists", "male/shot-put.csv.gz:16202"): ("age", "the row gives age 5 (dob 1979-11-10)"),
    ("wa-toplists", "female/1500-metres.csv.gz:6881"): ("age", "the row gives age 2 (dob 1973-11-05)"),
    ("wa-toplists", "female/3000-metres-steeplechase.csv.gz:11708"): ("age", "the row gives age 11 (dob 1995-03-20)"),
    ("wa-toplists", "fallback_raw/female/sprints_200-metres_senior.csv.gz:17415"): (
        "age", "the row gives dob 22 DEC 1974 for a 1985 race"),
}


def _reference(alias: str) -> str:
    return f"{alias}.source_id NOT LIKE 'user:%'"


def event_words(code: str, sex: str) -> str:
    """"men's 1500 m": for the middle of a sentence."""
    name = ev.full_name(code, sex)
    return name[0].lower() + name[1:]


def fmt(value: float, code: str) -> str:
    """A bound as the bot writes marks: road and walk times to the second, otherwise as WA writes them."""
    e = ev.get(code)
    if e.mark_format == ev.TIME and e.kind in (ev.ROAD, ev.WALK) and value >= 600:
        return marks.format_time(round(value), 0)
    return marks.format_mark(value, code)


def _step(value: float, code: str) -> float:
    """The precision fmt() shows, so a bound rounded outward to it is exactly the bound the message gives."""
    e = ev.get(code)
    if e.mark_format == ev.POINTS or (e.mark_format == ev.TIME and e.kind in (ev.ROAD, ev.WALK) and value >= 600):
        return 1.0
    return 0.01


def _round(value: float, code: str, up: bool) -> float:
    step = _step(value, code)
    units = value / step
    return round((math.ceil(units - 1e-9) if up else math.floor(units + 1e-9)) * step, 6)


@dataclass(frozen=True)
class OnFile:
    """A mark a bound comes from, named in every message."""
    value: float
    mark: str
    athlete: str
    date: str | None
    indoor: bool
    source: str

    def words(self) -> str:
        when = f" in {self.date[:4]}" if self.date else ""
        return f"{self.mark}{'i' if self.indoor else ''} by {self.athlete}{when}, from {self.source}"


def best_limit(best: float, code: str) -> float:
    """The best mark accepted, from the world record (or the best mark on file)."""
    lower = ev.get(code).lower_is_better
    return _round(best * (1 - BETTER_THAN_WR if lower else 1 + BETTER_THAN_WR), code, up=not lower)


def worst_limit(worst: float, code: str) -> float:
    """The worst mark accepted, from the worst mark on file."""
    lower = ev.get(code).lower_is_better
    return _round(worst * (1 + WORSE_THAN_WORST if lower else 1 - WORSE_THAN_WORST), code, up=lower)


@dataclass(frozen=True)
class MarkBounds:
    code: str
    sex: str
    best: OnFile          # the current world record, or the best mark on file when there is none
    best_is_wr: bool
    worst: OnFile         # the worst mark on file
    # The next best mark on file, (value, table): with no world record, the bound without the best row itself,
    # which the data check needs (a wrong row must not be its own yardstick). The worst side has no such
    # check: the slow tail on file is long and real (a 100 m walked in after an injury, a 10.91 m hammer throw
    # in Rio), so a wrong slow row cannot be told from those, only kept from widening the bounds of imports.
    event_id: int = 0
    best_next: tuple[float, str] | None = None

    @cached_property
    def lower_is_better(self) -> bool:
        return ev.get(self.code).lower_is_better

    @cached_property
    def best_limit(self) -> float:
        return best_limit(self.best.value, self.code)

    @cached_property
    def worst_limit(self) -> float:
        return worst_limit(self.worst.value, self.code)

    def strict_range(self) -> tuple[float, float]:
        """(lowest, highest) value accepted when the best row on file does not count for itself."""
        best = self.best_limit if self.best_is_wr or self.best_next is None else \
            best_limit(self.best_next[0], self.code)
        return min(best, self.worst_limit), max(best, self.worst_limit)

    def without(self, conn: sqlite3.Connection, value: float) -> MarkBounds | None:
        """The bounds a reference row with this value is judged by: without itself when it is the best mark on
        file standing in for a world record; None when no other mark is on file to judge it by."""
        if self.best_is_wr or abs(value - self.best.value) > 1e-9:
            return self
        if self.best_next is None:
            return None
        return MarkBounds(self.code, self.sex, _on_file(conn, self.event_id, self.best_next), False, self.worst,
                          self.event_id)

    def _words(self) -> tuple[str, str]:
        return ("faster", "slower") if ev.get(self.code).mark_format == ev.TIME else ("better", "worse")

    def best_words(self) -> str:
        what = "world record" if self.best_is_wr else "best mark on file (there is no world record on file)"
        return f"the {what}, {self.best.words()}"

    def worst_words(self) -> str:
        worst = "slowest" if ev.get(self.code).mark_format == ev.TIME else "worst"
        return f"the {worst} mark on file, {self.worst.words()}"

    def side(self, value: float) -> str | None:
        """"best" when the mark is beyond the best bound, "worst" beyond the worst one, else None."""
        sign = 1 if self.lower_is_better else -1
        if sign * (value - self.best_limit) < -1e-9:
            return "best"
        if sign * (value - self.worst_limit) > 1e-9:
            return "worst"
        return None

    def problem(self, value: float) -> str | None:
        """Why the mark is not plausible (with the limits and where they come from), or None."""
        side = self.side(value)
        if side is None:
            return None
        better, worse = self._words()
        if side == "best":
            why = f"more than {BETTER_THAN_WR:.0%} {better} than {self.best_words()}"
        else:
            why = f"more than {WORSE_THAN_WORST:.0%} {worse} than {self.worst_words()}"
        return f"{why}; a plausible {event_words(self.code, self.sex)} mark is {self.accepted(short=True)}"

    def accepted(self, short: bool = False) -> str:
        """"from 3:36.43 (...) to 7:40.65 (...)": the limits, with where they come from (short: the margins
        only, when the reason has named the marks already)."""
        better, worse = self._words()
        best, worst = fmt(self.best_limit, self.code), fmt(self.worst_limit, self.code)
        if short:
            top = "world record" if self.best_is_wr else "best mark on file"
            bottom = "slowest" if ev.get(self.code).mark_format == ev.TIME else "worst"
            return (f"from {best} ({BETTER_THAN_WR:.0%} {better} than the {top}) to {worst} "
                    f"({WORSE_THAN_WORST:.0%} {worse} than the {bottom} mark on file)")
        return (f"from {best} ({BETTER_THAN_WR:.0%} {better} than {self.best_words()}) to {worst} "
                f"({WORSE_THAN_WORST:.0%} {worse} than {self.worst_words()})")


def mark_bounds(conn: sqlite3.Connection, code: str | None = None,
                sex: str | None = None) -> dict[tuple[str, str], MarkBounds]:
    """The bounds of every event and sex with marks on file (or of the one given)."""
    where, args = ("AND e.code = ? AND e.sex = ?", (code, sex)) if code else ("", ())
    events = {eid: (c, s, bool(low)) for eid, c, s, low in conn.execute(
        f"SELECT e.id, e.code, e.sex, e.lower_is_better FROM events e WHERE 1 = 1 {where}", args)}
    wr: dict[int, OnFile] = {}
    for eid, *row in conn.execute(
            "SELECT rec.event_id, rec.mark_value, rec.mark, coalesce(a.name, '?'), rec.date, rec.indoor, "
            "coalesce(s.name, rec.source_id) FROM records rec JOIN events e ON e.id = rec.event_id "
            "LEFT JOIN athletes a ON a.id = rec.athlete_id LEFT JOIN sources s ON s.id = rec.source_id "
            f"WHERE rec.kind = 'world' AND rec.current = 1 AND {_reference('rec')} {where}", args):
        mark = OnFile(row[0], row[1], row[2], row[3], bool(row[4]), row[5])
        if eid in events and (eid not in wr or _better(mark.value, wr[eid].value, events[eid][2])):
            wr[eid] = mark
    # The best and worst marks on file, results and records alike; then the rows behind them. With no world
    # record, the next best too (see best_next).
    tables = {
        "results": ("res.mark_value", "FROM races r JOIN results res ON res.race_id = r.id JOIN events e "
                                      "ON e.id = r.event_id WHERE res.mark_value IS NOT NULL AND res.status = 'OK' "
                                      f"AND {_reference('res')}", "r.event_id"),
        "records": ("rec.mark_value", f"FROM records rec JOIN events e ON e.id = rec.event_id WHERE "
                                      f"{_reference('rec')}", "rec.event_id"),
    }
    found: dict[int, list[tuple[float, str]]] = {}
    for table, (v, body, event) in tables.items():
        for eid, low, high in conn.execute(f"SELECT {event}, min({v}), max({v}) {body} {where} GROUP BY {event}",
                                           args):
            found.setdefault(eid, []).extend([(low, table), (high, table)])
    out = {}
    for eid, (c, s, lower) in events.items():
        if eid not in found:
            continue
        top = wr.get(eid)
        ranked = sorted(found[eid], key=lambda x: x[0] if lower else -x[0])     # best first
        runner_up = None
        if top is None:
            near = []
            for table, (v, body, event) in tables.items():
                near += [(r[0], table) for r in conn.execute(
                    f"SELECT {v} {body} AND {event} = ? ORDER BY {v} {'ASC' if lower else 'DESC'} LIMIT 2", (eid,))]
            near.sort(key=lambda x: x[0] if lower else -x[0])
            runner_up = near[1] if len(near) > 1 else None
        out[(c, s)] = MarkBounds(c, s, top or _on_file(conn, eid, ranked[0]), top is not None,
                                 _on_file(conn, eid, ranked[-1]), eid, runner_up)
    return out


# The first reference row with that mark in that event, named in messages.
_ROW_SQL = {
    "results": "SELECT res.mark_value, res.mark, coalesce(a.name, '?'), r.date, r.indoor, "
               "coalesce(s.name, res.source_id) FROM races r JOIN results res ON res.race_id = r.id "
               "LEFT JOIN athletes a ON a.id = res.athlete_id LEFT JOIN sources s ON s.id = res.source_id "
               f"WHERE r.event_id = ? AND res.mark_value = ? AND res.status = 'OK' AND {_reference('res')} "
               "ORDER BY res.id LIMIT 1",
    "records": "SELECT rec.mark_value, rec.mark, coalesce(a.name, '?'), rec.date, rec.indoor, "
               "coalesce(s.name, rec.source_id) FROM records rec LEFT JOIN athletes a ON a.id = rec.athlete_id "
               f"LEFT JOIN sources s ON s.id = rec.source_id WHERE rec.event_id = ? AND rec.mark_value = ? "
               f"AND {_reference('rec')} ORDER BY rec.id LIMIT 1",
}


def _on_file(conn: sqlite3.Connection, event_id: int, found: tuple[float, str]) -> OnFile:
    value, table = found
    row = conn.execute(_ROW_SQL[table], (event_id, value)).fetchone()
    return OnFile(row[0], row[1], row[2], row[3], bool(row[4]), row[5])


def _better(a: float, b: float, lower_is_better: bool) -> bool:
    return a < b if lower_is_better else a > b


def one_event(conn: sqlite3.Connection, code: str, sex: str) -> MarkBounds | None:
    return mark_bounds(conn, code, sex).get((code, sex))


# -- ages ------------------------------------------------------------------------------------------------------

def age_at(birth: str, date: str) -> float:
    """Age in years on the day (ISO dates), as the SQL below reckons it."""
    return (dt.date.fromisoformat(date) - dt.date.fromisoformat(birth)).days / DAYS_A_YEAR


# An athlete's age at a result, in SQL (r: the race, a: the athlete).
AGE_SQL = f"(julianday(r.date) - julianday(a.birth_date)) / {DAYS_A_YEAR}"


@dataclass(frozen=True)
class AgeBounds:
    youngest: float       # after leaving out the youngest AGE_TAIL of the results with a birth date
    oldest: float
    results: int          # how many results with a birth date they come from

    @property
    def lo(self) -> float:
        return round(self.youngest - YOUNGER_BY, 1)

    @property
    def hi(self) -> float:
        return round(self.oldest + OLDER_BY, 1)

    def problem(self, age: float) -> str | None:
        if age < 0:
            return "the result is dated before the athlete's birth"
        if not self.lo <= age <= self.hi:
            return f"{age:.1f} years old at the result: not plausible for senior athletics ({self.accepted()})"
        return None

    def accepted(self) -> str:
        return (f"ages {self.lo:.1f} to {self.hi:.1f} are accepted: the {self.results:,} results on file with a "
                f"birth date run from {self.youngest:.1f} to {self.oldest:.1f} years, leaving out the youngest "
                f"and oldest {AGE_TAIL:.2%}, where wrong birth dates are")


def age_range(ages: list[float]) -> AgeBounds | None:
    """The bounds from the ages of the reference results."""
    if not ages:
        return None
    ages = sorted(ages)
    k = int(len(ages) * AGE_TAIL)
    return AgeBounds(ages[k], ages[-1 - k], len(ages))


def age_bounds(conn: sqlite3.Connection) -> AgeBounds | None:
    # julianday() of a malformed date is NULL; the tail left out covers any odd one the date check reports
    return age_range([r[0] for r in conn.execute(
        f"SELECT {AGE_SQL} AS age FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a "
        f"ON a.id = res.athlete_id WHERE {_reference('res')} AND age IS NOT NULL")])


# -- wind, place, date -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WindBounds:
    tail: float           # the strongest readings on file
    head: float
    tail_next: float = 0.0   # the next strongest: the bounds without the strongest row (the data check)
    head_next: float = 0.0

    @property
    def hi(self) -> float:
        return round(self.tail * WIND_TIMES, 1)

    @property
    def lo(self) -> float:
        return round(self.head * WIND_TIMES, 1)

    def without(self, wind: float) -> WindBounds:
        """The bounds a reference reading is judged by: without itself when it is the strongest on file."""
        tail = self.tail_next if abs(wind - self.tail) < 1e-9 else self.tail
        head = self.head_next if abs(wind - self.head) < 1e-9 else self.head
        return WindBounds(tail, head, tail, head)


def wind_bounds(conn: sqlite3.Connection) -> WindBounds | None:
    winds = (f"SELECT wind AS w FROM results res WHERE wind IS NOT NULL AND {_reference('res')} UNION ALL "
             f"SELECT wind FROM races r WHERE wind IS NOT NULL AND {_reference('r')}")
    tails = [r[0] for r in conn.execute(f"SELECT w FROM ({winds}) ORDER BY w DESC LIMIT 2")]
    heads = [r[0] for r in conn.execute(f"SELECT w FROM ({winds}) ORDER BY w LIMIT 2")]
    if not tails:
        return None
    return WindBounds(max(tails[0], 0.0), min(heads[0], 0.0), max(tails[-1], 0.0), min(heads[-1], 0.0))


def wind_problem(wind: float, code: str, sex: str, indoor: bool, bounds: WindBounds | None) -> str | None:
    if not ev.get(code).wind_matters:
        return (f"the {event_words(code, sex)} has no wind reading (wind is read only in the sprints up to "
                f"200 m, the sprint hurdles and the long and triple jumps)")
    if indoor:
        return "there is no wind reading indoors"
    if bounds is not None and not bounds.lo <= wind <= bounds.hi:
        return (f"{marks.format_wind(wind)} m/s is beyond any wind on file: the strongest readings are "
                f"{marks.format_wind(bounds.tail)} and {marks.format_wind(bounds.head)}, and "
                f"{marks.format_wind(bounds.lo)} to {marks.format_wind(bounds.hi)} is accepted "
                f"({WIND_TIMES:g} times those)")
    return None


@dataclass(frozen=True)
class PlaceBounds:
    largest: int
    code: str
    sex: str
    # the next largest, and its event: the bound without the largest row itself (the data check)
    next_largest: tuple[int, str, str] | None = None

    @property
    def limit(self) -> int:
        return self.largest * PLACE_TIMES

    def problem(self, place: int) -> str | None:
        if place > self.limit:
            return (f"place {place} is beyond any field on file: the largest place on file is {self.largest} "
                    f"(the {event_words(self.code, self.sex)}), and places up to {self.limit} are accepted")
        return None

    def without(self, place: int) -> PlaceBounds:
        """The bound a reference row is judged by: without itself when it has the largest place on file."""
        if place != self.largest or self.next_largest is None:
            return self
        return PlaceBounds(*self.next_largest)


def place_bounds(conn: sqlite3.Connection) -> PlaceBounds | None:
    rows = conn.execute(
        "SELECT res.place, e.code, e.sex FROM results res JOIN races r ON r.id = res.race_id "
        f"JOIN events e ON e.id = r.event_id WHERE res.place IS NOT NULL AND {_reference('res')} "
        "ORDER BY res.place DESC LIMIT 2").fetchall()
    if not rows:
        return None
    return PlaceBounds(rows[0][0], rows[0][1], rows[0][2], tuple(rows[-1]))


def earliest_date(conn: sqlite3.Connection) -> str | None:
    """The earliest dated mark on file (a result's race or a record)."""
    dates = [conn.execute(f"SELECT min(date) FROM {table} t WHERE date IS NOT NULL AND date(date) = date "
                          f"AND {_reference('t')}").fetchone()[0] for table in ("races", "records")]
    return min((d for d in dates if d), default=None)


def date_problem(date: str, earliest: str | None) -> str | None:
    if earliest and date < earliest:
        return f"{date} is before the earliest dated mark on file ({earliest})"
    return None


class Bounds:
    """The bounds of one database, each read when first needed (an import reads only its events')."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._marks: dict[tuple[str, str], MarkBounds | None] = {}
        self._all = False

    def marks(self, code: str, sex: str) -> MarkBounds | None:
        if (code, sex) not in self._marks and not self._all:
            self._marks[(code, sex)] = one_event(self.conn, code, sex)
        return self._marks.get((code, sex))

    def all_marks(self) -> dict[tuple[str, str], MarkBounds | None]:
        """Every event's at once (the data check): one pass, not one query per event."""
        if not self._all:
            self._marks = dict(mark_bounds(self.conn))
            self._all = True
        return self._marks

    @cached_property
    def ages(self) -> AgeBounds | None:
        return age_bounds(self.conn)

    @cached_property
    def wind(self) -> WindBounds | None:
        return wind_bounds(self.conn)

    @cached_property
    def places(self) -> PlaceBounds | None:
        return place_bounds(self.conn)

    @cached_property
    def earliest(self) -> str | None:
        return earliest_date(self.conn)


def no_bounds(code: str, sex: str) -> str:
    return f"there is no record or mark on file for the {event_words(code, sex)} to check it against"
