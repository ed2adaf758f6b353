"""What to post on a day of the year: the records and famous results set on that day, ranked, as Stories.

Candidates, all read from the reference database:
- world records set on that day, current or superseded, as long as they are part of the merged world-record
  progression (bot/ask/records.world_progression: a source's row that does not improve on the record is not
  a record);
- national records of the server's chosen countries (no source has national progressions, so "the previous
  record" is worked out from the marks on file, and the Story says so);
- championship wins (OG/WCH/WIC finals, the same rule as the question engine's "on this day") that are famous
  enough to stand next to records: an Olympic title, a title won by an athlete of the server's countries, or
  a winning mark that is itself a record in the database. Any other final is only the fallback for a day
  with nothing else (Preferences.fallback = "final"; "none" posts nothing).

Ranking (significance): records that still stand first, then round anniversaries (10, 20, 25, 30, 40, 50...
years), then fame, a score made only of facts in the database (see _fame): the kind of story, whether the
record was the first past a round barrier (the first sub-4:00 mile), how long it stood (or has stood), how
many championship titles the athlete has, whether it is an Olympic event, and whether the athlete is from
one of the server's countries.

A performance listed as both a world record and a national record (El Guerrouj's mile is also the African
and Moroccan record) is one Story; the other records are in `also`.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.ask.catalogue import Catalogue, competition_words, event_words, record_words
from bot.ask.records import national_progression, world_progression
from bot.ask.results import VALID
from bot.common import events as ev
from bot.common import marks as mk

WORLD_RECORD, NATIONAL_RECORD, CHAMPIONSHIP_WIN = "world_record", "national_record", "championship_win"
FALLBACKS = ("final", "none")
LEVEL_WORDS = {"OG": "Olympic", "WCH": "world", "WIC": "world indoor"}


@dataclass(frozen=True)
class Preferences:
    """A server's choices for its daily post."""
    countries: tuple[str, ...] = ()       # IOC/WA codes whose national records count: ("GBR",)
    max_stories: int = 1
    fallback: str = "final"               # "final": a championship final on a day with nothing else; "none"


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
    level: str | None = None              # "OG", "WCH", "WIC", "DL", "other"
    also: tuple[str, ...] = ()            # other records the same mark set: ("African record", "Moroccan record")
    barrier: str | None = None            # "4:00": the first record in its progression past that round mark
    barrier_major: bool = False           # 4:00 in the mile, not 4:10
    progression: tuple[Point, ...] = ()   # for a chart, oldest first
    progression_worked_out: bool = False  # national: from the marks on file
    fame: float = 0.0
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


def barrier_crossed(prev: float, value: float, code: str) -> float | None:
    """The round mark this record was the first past (from prev to value), or None."""
    unit = _barrier_unit(prev, code)
    steps = round(prev / unit, 6) // 1     # round() first: 240.0 / 10 must be 24, not 23.999...
    if ev.get(code).lower_is_better:
        b = steps * unit                   # the round mark at or below the old record
        return b if 0 < b and value < b - 1e-9 else None
    b = (steps + 1) * unit                 # the round mark above the old record
    return b if value >= b - 1e-9 else None


def barrier_major(b: float, code: str) -> bool:
    """A barrier that is round at the next scale up too: 10.00 in the 100 m, 4:00 in the mile, 2:00:00 in the
    marathon, every whole metre / ten metres / thousand points (the field units are coarse already)."""
    if ev.get(code).mark_format != ev.TIME:
        return True
    step = 10 if b < 60 else 60 if b < 600 else 300 if b < 3600 else 1800
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
        self._titles: dict[int, int] = {}
        self._progressions: dict[tuple, list[Point]] = {}
        self._until: int | None = None     # stories of years before this one (default: before the day's year)

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
        if not ranked and prefs.fallback == "final":
            ranked = self._rank(self._championships(on, prefs, famous_only=False), prefs)
        return ranked[:max(1, prefs.max_stories)]

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
                    by_perf[pk] = replace(s, competition=champ.competition, level=champ.level,
                                          runner_up=s.runner_up or champ.runner_up,
                                          sources=_merge_sources(s.sources, champ.sources))
                    merged = True
            if not merged:
                by_perf[self._perf_key(champ)] = champ
        return self._rank(list(by_perf.values()), prefs)

    # -- ranking
    @staticmethod
    def _perf_key(s: Story) -> tuple:
        return (s.athlete_id, s.event, s.sex, s.date, s.indoor, round(s.value or 0, 2))

    def _rank(self, stories: list[Story], prefs: Preferences) -> list[Story]:
        scored = [self._fame(s, prefs) for s in stories]
        return sorted(scored, key=lambda s: (not s.current, not s.round_anniversary, -s.fame, s.key))

    def _fame(self, s: Story, prefs: Preferences) -> Story:
        reasons: list[str] = []
        if s.category == WORLD_RECORD:
            score = 3.0
        elif s.category == NATIONAL_RECORD:
            score = 2.0
        else:
            score = {"OG": 2.0, "WCH": 1.5}.get(s.level or "", 1.0)
        if s.current:
            reasons.append(f"current {s.record_words}")
        if s.round_anniversary:
            reasons.append(f"{s.years_ago} years")
        if s.barrier:
            score += 2.0 if s.barrier_major else 1.0
            way = "under" if ev.get(s.event).lower_is_better else "over"
            reasons.append(f"first {s.record_words} {way} {s.barrier}")
        if s.previous and s.previous.relation == "previous record" and s.previous.margin == 0:
            score -= 1.0                          # equalling a record is less than breaking it
            reasons.append("equalled")
        held: float | None = None
        if s.current:
            held = s.years_ago
        elif s.stood_days is not None:
            held = s.stood_days / 365.25
        if held:
            score += min(held, 40) / 10           # a record that stood for decades is part of the sport's lore
            if held >= 10:
                reasons.append(f"stood {int(held)} years" if not s.current else f"has stood {int(held)} years")
        titles = self._title_count(s.athlete_id)
        score += min(titles, 5) * 0.2
        if titles >= 2:
            reasons.append(f"{titles} championship titles")
        e = self.cat.event(s.event, s.sex)
        if e and e.id in self._olympic_events:
            score += 0.5
        if (s.nationality in prefs.countries) or (s.region in prefs.countries):
            score += 1.0
            reasons.append(f"{s.region if s.region in prefs.countries else s.nationality} athlete")
        if s.category == CHAMPIONSHIP_WIN:
            reasons.append(f"{LEVEL_WORDS.get(s.level or '', '')} title".strip())
        return replace(s, fame=round(score, 3), reasons=tuple(reasons))

    def _title_count(self, athlete_id: int) -> int:
        if athlete_id not in self._titles:
            self._titles[athlete_id] = self.conn.execute(
                f"SELECT COUNT(DISTINCT r.event_id || '/' || c.year || '/' || c.level) FROM results res "
                f"JOIN races r ON r.id = res.race_id JOIN competitions c ON c.id = r.competition_id "
                f"WHERE res.athlete_id = ? AND c.level IN ('OG', 'WCH', 'WIC') AND res.place = 1 "
                f"AND (r.round = 'F' OR r.round IS NULL) AND {VALID}", (athlete_id,)).fetchone()[0]
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
            f"       a.nationality, rec.date, rec.venue, rec.country, rec.current, rec.source_id, rec.region "
            f"FROM records rec JOIN athletes a ON a.id = rec.athlete_id JOIN sources s ON s.id = rec.source_id "
            f"WHERE rec.kind = ? AND rec.region IN ({','.join('?' * len(regions))}) "
            f"AND substr(rec.date, 6, 5) IN ({','.join('?' * len(keys))}) AND length(rec.date) >= 10 "
            f"AND CAST(substr(rec.date, 1, 4) AS INTEGER) < ? "
            f"ORDER BY s.authority DESC, rec.id", (kind, *regions, *keys, self._until or on.year)).fetchall()
        groups: dict[tuple, list[tuple]] = {}
        for r in rows:
            groups.setdefault((r[13], r[0], r[1], r[5], r[8], round(r[3], 2)), []).append(r)
        return list(groups.values())

    def _progression(self, kind: str, event_id: int, indoor: bool, region: str) -> list[Point]:
        key = (kind, event_id, indoor, region)
        if key not in self._progressions:
            code = self.cat.events_by_id[event_id].code
            rows = (world_progression(self._q, event_id, indoor) if kind == "world"
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
        return out

    def _national_records(self, on: dt.date, prefs: Preferences) -> list[Story]:
        out = []
        for group in self._record_groups(on, "national", prefs.countries):
            s = self._record_story(on, "national", group)
            if s:
                out.append(s)
        return out

    def _record_story(self, on: dt.date, kind: str, group: list[tuple]) -> Story | None:
        (event_id, indoor, mark, value, wind, aid, name, nat, date, venue, country, current, src,
         region) = group[0]
        e = self.cat.events_by_id[event_id]
        sign = 1 if e.lower_is_better else -1
        prog = self._progression(kind, event_id, bool(indoor), region)
        sources = [self.source(r[12]) for r in group]
        if kind == "world":
            # only records that are part of the merged progression: a source's row that does not improve on
            # the record at the time is not a world record
            idx = next((i for i, p in enumerate(prog) if p.date == date and p.athlete_id == aid
                        and abs(p.value - value) < 1e-6), None)
            if idx is None:
                return None
        else:
            idx = next((i for i, p in enumerate(prog) if p.date == date and abs(p.value - value) < 1e-6), None)
        before = [p for p in (prog[:idx] if idx is not None else prog) if (p.date or "") < date]
        previous = None
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
        after = [p for p in prog if (p.date or "") > date and sign * p.value < sign * value - 1e-9]
        broken_by, stood = None, None
        if not current and after:
            broken_by = after[0]
            assert broken_by.date is not None, "every point in after is dated after the record"
            stood = (dt.date.fromisoformat(broken_by.date[:10]) - dt.date.fromisoformat(date[:10])).days
            if broken_by.source:
                sources.append(self.source(broken_by.source))
        barrier, major = None, False
        if kind == "world" and previous and previous.margin and previous.margin > 0:
            prev_value = _value(previous.mark, e.code)  # prev.value: the mark of a progression point
            b = barrier_crossed(prev_value, value, e.code) if prev_value is not None else None
            if b is not None:
                barrier, major = barrier_words(b, e.code), barrier_major(b, e.code)
        venue = venue or next((r[9] for r in group if r[9]), None)
        country = country or next((r[10] for r in group if r[10]), None)
        race = self._race_of(aid, event_id, date, value)
        years = on.year - int(date[:4])
        category = WORLD_RECORD if kind == "world" else NATIONAL_RECORD
        runner_up, competition, level = None, None, None
        if race:
            runner_up, rsrc, competition, level = race
            if rsrc:
                sources.append(self.source(rsrc))
        also = self._also(aid, event_id, bool(indoor), date, value, kind, region)
        return Story(
            key=f"{category}:{e.code}:{e.sex}:{int(indoor)}:{date}:{aid}"
                + (f":{region}" if kind == "national" else ""),
            category=category, athlete=name, athlete_id=aid, nationality=nat, event=e.code, sex=e.sex,
            event_words=event_words(e.code, e.sex), indoor=bool(indoor), mark=mark, value=value, wind=wind,
            date=date, years_ago=years, round_anniversary=is_round(years), venue=venue, country=country,
            record_kind=kind, region=region, record_words=record_words(kind, region), current=bool(current),
            stood_days=stood, broken_by=broken_by, previous=previous, runner_up=runner_up,
            competition=competition, level=level, also=also, barrier=barrier, barrier_major=major,
            progression=tuple(prog),
            progression_worked_out=(kind == "national"), sources=_merge_sources((), sources))

    def _also(self, aid: int, event_id: int, indoor: bool, date: str, value: float, kind: str,
              region: str) -> tuple[str, ...]:
        rows = self.conn.execute(
            "SELECT DISTINCT kind, region FROM records WHERE athlete_id = ? AND event_id = ? AND indoor = ? "
            "AND date = ? AND abs(mark_value - ?) < 1e-6 AND kind IN ('world', 'area', 'national') "
            "AND NOT (kind = ? AND region = ?)", (aid, event_id, int(indoor), date, value, kind, region)).fetchall()
        order = {"world": 0, "area": 1, "national": 2}
        return tuple(record_words(k, r) for k, r in sorted(rows, key=lambda x: (order[x[0]], x[1])))

    def _race_of(self, aid: int, event_id: int, date: str, value: float | None):
        """The race the mark was set in, if the results have it: (runner-up, its source, competition, level)."""
        rows = self.conn.execute(
            f"SELECT r.id, r.competition_id, res.place, res.source_id FROM results res "
            f"JOIN races r ON r.id = res.race_id JOIN sources s ON s.id = res.source_id "
            f"WHERE res.athlete_id = ? AND r.event_id = ? AND r.date = ? AND {VALID} "
            f"AND (? IS NULL OR abs(res.mark_value - ?) < 1e-6) "
            f"ORDER BY res.place = 1 DESC, s.authority DESC", (aid, event_id, date, value, value)).fetchall()
        if not rows:
            return None
        race_id, comp_id, place, src = rows[0]
        comp = self.cat.competitions_by_id.get(comp_id) if comp_id else None
        competition = competition_words(comp, self.cat) if comp else None
        level = comp.level if comp else None
        runner = self._runner_up(race_id, value, mark_text(self.conn, race_id, aid), event_id) \
            if place == 1 else None
        return (runner[0], runner[1], competition, level) if runner else (None, None, competition, level)

    def _runner_up(self, race_id: int, win_value: float | None, win_mark: str | None, event_id: int):
        code = self.cat.events_by_id[event_id].code
        row = self.conn.execute(
            f"SELECT a.name, a.nationality, res.mark, res.mark_value, r.date, r.venue, res.source_id, a.id, "
            f"       a.is_team "
            f"FROM results res JOIN athletes a ON a.id = res.athlete_id JOIN races r ON r.id = res.race_id "
            f"WHERE res.race_id = ? AND res.place = 2 AND {VALID} ORDER BY res.mark_value IS NULL LIMIT 1",
            (race_id,)).fetchone()
        if not row:
            return None
        name, nat, mark, v, date, venue, src, aid, team = row
        diff = None
        if v is not None and win_value is not None:
            diff = abs(v - win_value)
        return (Rival("runner-up", name, nat, mark, date, venue, diff,
                      margin_text(diff, code, mark, win_mark) if diff is not None else None,
                      athlete_id=aid, team=bool(team)), src)

    # -- championships
    def _championships(self, on: dt.date, prefs: Preferences, famous_only: bool) -> list[Story]:
        keys = day_keys(on)
        rows = self.conn.execute(
            f"SELECT r.id, r.event_id, r.indoor, r.date, r.venue, r.country, c.id, c.level, res.athlete_id, a.name, "
            f"       a.nationality, res.mark, res.mark_value, res.wind, res.flags, res.source_id "
            f"FROM results res JOIN races r ON r.id = res.race_id JOIN competitions c ON c.id = r.competition_id "
            f"JOIN athletes a ON a.id = res.athlete_id JOIN sources s ON s.id = res.source_id "
            f"WHERE substr(r.date, 6, 5) IN ({','.join('?' * len(keys))}) AND length(r.date) >= 10 "
            f"AND CAST(substr(r.date, 1, 4) AS INTEGER) < ? AND c.level IN ('OG', 'WCH', 'WIC') "
            f"AND (r.round = 'F' OR r.round IS NULL) AND res.place = 1 AND {VALID} "
            f"ORDER BY res.mark_value IS NULL, s.authority DESC, r.id", (*keys, self._until or on.year)).fetchall()
        out: dict[tuple, Story] = {}
        for (race_id, event_id, indoor, date, venue, country, comp_id, level, aid, name, nat, mark, value, wind,
             flags, src) in rows:
            e = self.cat.events_by_id[event_id]
            k = (aid, event_id, date)
            if k in out:
                continue
            record_tags = [t for t in (flags or "").split() if t in ("WR", "AR", "NR", "OR", "CR")]
            records = self._also(aid, event_id, bool(indoor), date, value, "", "") if value is not None else ()
            famous = level == "OG" or nat in prefs.countries or bool(record_tags) or bool(records)
            if famous_only and not famous:
                continue
            comp = self.cat.competitions_by_id[comp_id]
            runner = self._runner_up(race_id, value, mark, event_id)
            sources = [self.source(src)] + ([self.source(runner[1])] if runner else [])
            years = on.year - int(date[:4])
            out[k] = Story(
                key=f"{CHAMPIONSHIP_WIN}:{e.code}:{e.sex}:{int(indoor)}:{date}:{aid}", category=CHAMPIONSHIP_WIN,
                athlete=name, athlete_id=aid, nationality=nat, event=e.code, sex=e.sex,
                event_words=event_words(e.code, e.sex), indoor=bool(indoor), mark=mark, value=value, wind=wind,
                date=date, years_ago=years, round_anniversary=is_round(years), venue=venue or comp.venue,
                country=country or comp.country, runner_up=runner[0] if runner else None,
                competition=competition_words(comp, self.cat), level=level, also=records,
                sources=_merge_sources((), sources))
        return list(out.values())


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
