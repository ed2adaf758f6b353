"""Build our database from the reference datasets: import, resolve, cross-check, write.

Steps: every importer reads its files into source-neutral rows; athletes are resolved across sources
(bot/identity.py); competitions are identified (bot/competitions.py); the same performance reported by
two sources is merged, and where they disagree the more authoritative source wins and the disagreement is
logged in import_issues; toplist rows at one venue and date are split into races; records get their
current/superseded state from the freshest source. The result is written to a SQLite file.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot import competitions as comps
from bot import db as dbmod
from bot import events as ev
from bot import marks, names
from bot.identity import Athlete, Registry
from bot.importers import (diamond_league, olympic_medals, progressions, rio2016, taf3_records, wa_records,
                           wa_toplists, wc_finals)
from bot.importers.model import ImportBatch, Performance, RecordRow, Rejected, Source

log = logging.getLogger(__name__)

CURATED = Source("curated-editions", "Bell Lap curated series and championship hosts",
                 "bot/competitions.py (series, venues, host cities); edition dates found in the results data",
                 "ours", 30, "Series names and host cities; every edition's dates come from the results data.")

# WA records snapshot date: a best national record set after it is a newer world record, before it a conflict.
WA_RECORDS_SNAPSHOT = "2024-08-09"
# A national record set within this many days before the snapshot may not have reached WA's list yet.
RATIFICATION_LAG_DAYS = 30
IMPLAUSIBLE = 0.03  # a result this much better than the world record is a misread mark, not a record


def load_batches(src: Path) -> list[ImportBatch]:
    """Run every importer over the reference folder. Order matters: the richest identities come first."""
    src = Path(src)
    batches = [
        wa_toplists.load(src / "wa-toplists"),
        wa_records.load(src / "wa-records-2024"),
        rio2016.load(src / "rio2016-complete-tilastopaja"),
        diamond_league.load(src / "diamond-league-2010-2023"),
        *taf3_records.load_all(src / "nimarion-records"),
        wc_finals.load(src / "wc-track-finals-1983-2013" / "IAAF_Results.csv"),
        olympic_medals.load_medals_with_marks(src / "olympic-medallists-marks-1896-2016" / "results.csv"),
        olympic_medals.load_medallists(src / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv"),
        *progressions.load_all(src / "wr-progressions"),
    ]
    return batches


@dataclass
class Result:
    """A performance after identity and competition resolution, possibly merged from several sources."""
    perf: Performance
    athlete: Athlete
    comp: int | None
    value: float | None
    mark: str | None
    status: str
    flags: set[str]
    authority: int
    date: str | None
    wind: float | None
    place: int | None
    confirmed_by: set[str] = field(default_factory=set)


@dataclass
class Competition:
    id: int
    series: str | None
    year: int
    name: str
    venue: str | None
    country: str | None
    start: str | None
    end: str | None
    level: str
    indoor: bool
    source: str


class Builder:
    def __init__(self, batches: list[ImportBatch]):
        self.batches = batches
        self.sources: dict[str, Source] = {CURATED.id: CURATED}
        for b in batches:
            self.sources[b.source.id] = b.source
        self.registry = Registry()
        self.issues: list[Rejected] = [r for b in batches for r in b.rejected]
        self.comps: list[Competition] = []
        self.comp_index: dict[tuple[str, int], Competition] = {}
        self.results: list[Result] = []
        self.races: list[dict] = []
        self.records: list[tuple] = []
        self.stats: Counter = Counter()

    # ---------------------------------------------------------------- competitions
    def _add_comp(self, series: str, year: int, start: str | None, end: str | None, venue: str | None,
                  country: str | None, source: str) -> Competition:
        s = comps.SERIES[series]
        level = s.level if (s.level != "DL" or year >= 2010) else "other"
        name = f"{s.name} {year}"
        c = Competition(len(self.comps) + 1, series, year, name, venue, country, start, end, level, s.indoor, source)
        self.comps.append(c)
        self.comp_index[(series, year)] = c
        return c

    def _find_competitions(self) -> None:
        toplist = [p for b in self.batches if b.source.id == "wa-toplists" for p in b.performances]
        # year -> date -> (folded venue, indoor) -> count of elite marks; and the written venue for each.
        by_year: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        # The same, counting only athletes from abroad: an invitational meeting draws them, national
        # championships, trials and college meets at the same stadium do not.
        foreign: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        written: dict[str, Counter] = defaultdict(Counter)
        for p in toplist:
            if not p.date:
                continue
            v = names.fold(p.venue or "")
            written[v][(p.venue, p.country)] += 1
            if p.score is None or p.score >= 1100:
                by_year[p.date[:4]][p.date][(v, p.indoor)] += 1
                if p.athlete.nationality and p.country and p.athlete.nationality != p.country:
                    foreign[p.date[:4]][p.date][(v, p.indoor)] += 1
        match_cache: dict[tuple, set[str]] = {}

        def matching(patterns) -> set[str]:
            if patterns not in match_cache:
                match_cache[patterns] = {v for v in written if comps.venue_matches(v, patterns)}
            return match_cache[patterns]

        def venue_days(patterns, indoor: bool, year: int, months, counts=by_year) -> dict[str, int]:
            ok = matching(patterns)
            out: Counter = Counter()
            for d, venues in counts.get(str(year), {}).items():
                if months and int(d[5:7]) not in months:
                    continue
                for (v, ind), n in venues.items():
                    if ind == indoor and v in ok:
                        out[d] += n
            return out

        def main_venue(patterns, indoor: bool, start: str, end: str):
            ok = matching(patterns)
            cnt: Counter = Counter()
            for d, venues in by_year.get(start[:4], {}).items():
                if start <= d <= end:
                    for (v, ind), n in venues.items():
                        if ind == indoor and v in ok:
                            cnt[v] += n
            if not cnt:
                return None, None
            return written[cnt.most_common(1)[0][0]].most_common(1)[0][0]

        # 1. Editions dated by structured sources (DL archive, Rio 2016).
        dated: dict[tuple[str, int], list[str]] = defaultdict(list)
        hint_source: dict[tuple[str, int], str] = {}
        for b in self.batches:
            for p in b.performances:
                if p.meet and p.date and b.source.id != "wa-toplists":
                    dated[(p.meet.series, p.meet.year)].append(p.date)
                    hint_source.setdefault((p.meet.series, p.meet.year), b.source.id)
        # 2. Championship host cities: OG from the medallist lists, WCh from the finals file, plus curated.
        hosts: dict[tuple[str, int], tuple[str, ...]] = dict(comps.CURATED_HOSTS)
        host_source: dict[tuple[str, int], str] = {k: CURATED.id for k in comps.CURATED_HOSTS}
        for b in self.batches:
            for p in b.performances:
                # Undated lists (medallists, finals) name the host city: "2024 Paris", "Helsinki".
                where = p.meet.name or p.venue if p.meet else None
                if p.meet and p.date is None and p.meet.series in ("OG", "WCH") and where and \
                        (p.meet.series, p.meet.year) not in hosts:
                    city = re.sub(r"^\d{4}\s+", "", where).strip()
                    hosts[(p.meet.series, p.meet.year)] = (city,)
                    host_source[(p.meet.series, p.meet.year)] = b.source.id
        years = sorted({int(p.date[:4]) for p in toplist if p.date})
        for (series, year), dates in sorted(dated.items()):
            s = comps.SERIES[series]
            start, end = min(dates), max(dates)
            pats = s.venue_patterns or tuple(comps.city_pattern(c) for c in hosts.get((series, year), ()))
            venue, country = main_venue(pats, s.indoor, start, end) if pats else (None, None)
            self._add_comp(series, year, start, end, venue, country, hint_source[(series, year)])
        for (series, year), cities in sorted(hosts.items()):
            if (series, year) in self.comp_index:
                continue
            pats = tuple(comps.city_pattern(c) for c in cities)
            days = venue_days(pats, series == "WIC", year, comps.CHAMPIONSHIP_MONTHS[series])
            runs = [r for r in comps.clusters(days) if r[0] != r[1]]
            if not runs:
                if any(p.meet and (p.meet.series, p.meet.year) == (series, year) for b in self.batches
                       for p in b.performances):
                    # Known from a medal/finals list but not dated by the results: keep it, undated.
                    self._add_comp(series, year, None, None, None, None, host_source[(series, year)])
                continue
            start, end, _ = max(runs, key=lambda r: r[2])
            venue, country = main_venue(pats, series == "WIC", start, end)
            self._add_comp(series, year, start, end, venue, country, host_source[(series, year)])
        # 3. One-day meetings in years no structured source dates: the isolated peak day at the venue.
        for s in comps.SERIES.values():
            if not s.derive_patterns:
                continue
            for year in years:
                if (s.id, year) in self.comp_index:
                    continue
                window = comps.isolated_peak(venue_days(s.derive_patterns, s.indoor, year, s.months, foreign))
                if window:
                    venue, country = main_venue(s.derive_patterns, s.indoor, *window)
                    self._add_comp(s.id, year, window[0], window[1], venue, country, CURATED.id)
        # The toplists' (date, venue) -> competition map.
        self.day_map: dict[str, list[tuple[Competition, tuple[str, ...]]]] = defaultdict(list)
        for c in self.comps:
            if not c.start:
                continue
            s = comps.SERIES[c.series]
            pats = (s.derive_patterns if c.source == CURATED.id else s.venue_patterns) or \
                tuple(comps.city_pattern(x) for x in hosts.get((c.series, c.year), ()))
            d0, d1 = dt.date.fromisoformat(c.start), dt.date.fromisoformat(c.end)
            while d0 <= d1:
                self.day_map[d0.isoformat()].append((c, pats))
                d0 += dt.timedelta(days=1)

    def _comp_for(self, p: Performance) -> Competition | None:
        if p.meet:
            c = self.comp_index.get((p.meet.series, p.meet.year))
            if c:
                return c
        if p.date and p.venue:
            v = names.fold(p.venue)
            for c, pats in self.day_map.get(p.date, ()):
                if c.indoor == p.indoor and comps.venue_matches(v, pats):
                    return c
        return None

    # ---------------------------------------------------------------- results
    def _world_bests(self) -> dict[tuple[str, str], float]:
        """The best world-record mark per event and sex on any record list: the ceiling for sanity checks."""
        best: dict[tuple[str, str], float] = {}
        for b in self.batches:
            for rec in b.records:
                if rec.kind != "world":
                    continue
                v = marks.parse_mark(rec.mark, rec.event).value
                k = (rec.event, rec.sex)
                if k not in best or marks.better(v, best[k], rec.event):
                    best[k] = v
        return best

    def _resolve_results(self) -> None:
        ceiling = self._world_bests()
        for b in self.batches:
            auth = b.source.authority
            for p in b.performances:
                if p.mark is not None and (p.event, p.sex) in ceiling:
                    m = marks.parse_mark(p.mark, p.event)
                    wr = ceiling[(p.event, p.sex)]
                    # Far better than the world record: a misread mark (2:32.57 for 2:32:57) or another distance.
                    if m.value is not None and marks.better(m.value, wr * (1 - IMPLAUSIBLE) if
                                                            ev.get(p.event).lower_is_better else wr * (1 + IMPLAUSIBLE), p.event):
                        self.issues.append(Rejected(p.source, p.ref, f"implausible mark {p.mark}: more than "
                                                    f"{IMPLAUSIBLE:.0%} better than the world record"))
                        self.stats["implausible_marks"] += 1
                        continue
                year = int(p.date[:4]) if p.date else (p.meet.year if p.meet else None)
                athlete = self.registry.resolve(p.athlete, b.source.id, year)
                c = self._comp_for(p)
                value, text, status, flags = None, None, "OK", set(p.record_flags)
                if p.mark is not None:
                    m = marks.parse_mark(p.mark, p.event)
                    value, text, status = m.value, (m.text if m.ok else None), m.status
                    if m.hand:
                        flags.add("h")
                    if m.altitude:
                        flags.add("A")
                    if m.wind_aided or (p.wind is not None and ev.get(p.event).wind_matters and not marks.wind_legal(p.wind)):
                        flags.add("w")
                self.results.append(Result(p, athlete, c.id if c else None, value, text, status, flags, auth,
                                           p.date, p.wind, p.place))

    def _merge(self) -> None:
        """One performance reported by several sources becomes one result; disagreements are logged."""
        by_key: dict[tuple, Result] = {}
        by_comp: dict[tuple, list[Result]] = defaultdict(list)
        merged: list[Result] = []
        # Structured sources first (they carry the race), toplists next, mark-less medal rows last.
        order = sorted(self.results, key=lambda r: (r.perf.mark is None, r.perf.source == "wa-toplists"))
        for r in order:
            p = r.perf
            v = round(r.value, 2) if r.value is not None else None
            where = r.comp if r.comp is not None else r.date
            key = (p.event, p.sex, r.athlete.id, where, v, p.round if p.source != "wa-toplists" else None)
            # Same athlete, event, meeting and mark: the same performance.
            hit = None
            if v is not None:
                hit = by_key.get(key[:5] + (None,)) or by_key.get(key)
                if hit is None and r.date and r.comp is not None:
                    hit = by_key.get((p.event, p.sex, r.athlete.id, r.date, v, None))
            if hit is None and r.comp is not None:
                same = [x for x in by_comp[(p.event, p.sex, r.athlete.id, r.comp)]
                        if x.perf.round in ("F", None) and (r.place is None or x.place == r.place or v is None)]
                if v is None and same:
                    hit = same[0]  # a medal-list row confirms a final already known with its mark
                elif v is not None and same and p.round in ("F", None) and r.place and \
                        any(x.place == r.place and x.value is not None for x in same) and \
                        p.source != "wa-toplists":
                    other = next(x for x in same if x.place == r.place and x.value is not None)
                    # Two sources give the same athlete the same place in the same final with different marks.
                    keep, drop = (other, r) if other.authority >= r.authority else (r, other)
                    self.issues.append(Rejected(drop.perf.source, drop.perf.ref,
                                                f"disagrees with {keep.perf.source} ({keep.perf.ref}): "
                                                f"{drop.mark} vs {keep.mark}; kept {keep.mark} (higher authority)"))
                    self.stats["disagreements"] += 1
                    if keep is r:
                        other.value, other.mark, other.authority = r.value, r.mark, r.authority
                    other.confirmed_by.add(p.source)
                    continue
            if hit is not None:
                self._absorb(hit, r)
                continue
            merged.append(r)
            if v is not None:
                by_key[key[:5] + ((p.round if p.source != "wa-toplists" else None),)] = r
                if r.date:
                    by_key.setdefault((p.event, p.sex, r.athlete.id, r.date, v, None), r)
                by_key.setdefault(key[:5] + (None,), r)
            if r.comp is not None:
                by_comp[(p.event, p.sex, r.athlete.id, r.comp)].append(r)
        self.stats["merged_duplicates"] = len(self.results) - len(merged)
        self.results = merged

    def _absorb(self, keep: Result, other: Result) -> None:
        keep.confirmed_by.add(other.perf.source)
        keep.date = keep.date or other.date
        keep.wind = keep.wind if keep.wind is not None else other.wind
        keep.place = keep.place if keep.place is not None else other.place
        keep.flags |= other.flags
        if keep.value is None and other.value is not None:
            keep.value, keep.mark, keep.status = other.value, other.mark, other.status
        self.stats["cross_checked"] += 1

    def _races(self) -> None:
        """Group results into races. Toplist groups with clashing places are split (mixed races)."""
        groups: dict[tuple, list[Result]] = defaultdict(list)
        for r in self.results:
            p = r.perf
            structured = p.source != "wa-toplists"
            venue = None if structured else (p.venue or "")
            key = (p.source if structured else "t", r.comp, p.event, p.sex, r.date if (r.comp is None or not structured) else (r.date or ""),
                   p.round, p.heat, p.race_label, p.indoor, venue if r.comp is None else None)
            if structured and r.date is None and r.comp is None:
                key = key + (p.meet.year if p.meet else None,)
            groups[key].append(r)
        for key, rs in groups.items():
            for i, part in enumerate(self._split(rs)):
                self._add_race(part, i, len(rs))

    @staticmethod
    def _split(rs: list[Result]) -> list[list[Result]]:
        """Patience split: walking from the best mark down, each result joins the first race whose last place
        is below its own; a clash opens another race. Two milers both 'position 1' become two races."""
        if not any(r.place for r in rs) or len({r.place for r in rs if r.place}) == len([r for r in rs if r.place]):
            return [rs]
        code = rs[0].perf.event
        # Equal marks in place order (field events decide ties on countback: 2.32 for 1st, 2nd and 3rd=).
        ranked = sorted(rs, key=lambda r: (marks.sort_key(r.value, code) if r.value is not None else float("inf"),
                                           r.place or 10**6))
        races: list[list[Result]] = []
        for r in ranked:
            for race in races:
                placed = [x for x in race if x.place]
                last = max((x.place for x in placed), default=0)
                # A tie (same place, same mark as the last placed) stays in the race: a shared bronze.
                tie = placed and r.place == last and r.value is not None and any(
                    x.place == last and x.value is not None and abs(x.value - r.value) < 1e-9 for x in placed)
                if r.place is None or r.place > last or tie:
                    race.append(r)
                    break
            else:
                races.append([r])
        return races

    def _add_race(self, rs: list[Result], index: int, _total: int) -> None:
        p = rs[0].perf
        race_id = len(self.races) + 1
        wind = next((r.perf.wind for r in rs if r.perf.round is not None and r.perf.wind is not None), None)
        label = p.race_label or (f"race {index + 1}" if index else None)
        dates = [r.date for r in rs if r.date]
        self.races.append(dict(
            id=race_id, competition_id=rs[0].comp, event=(p.event, p.sex), round=p.round, heat=p.heat,
            label=label, date=min(dates) if dates else None, venue=p.venue, country=p.country,
            indoor=int(p.indoor), wind=wind if p.source != "wa-toplists" else None, source_id=p.source))
        for r in rs:
            r.race_id = race_id  # type: ignore[attr-defined]

    # ---------------------------------------------------------------- records
    def _toplist_index(self) -> tuple[dict, dict]:
        """Per (event, sex): the toplist's cut-off (its worst mark) and its marks by day."""
        cutoff: dict[tuple[str, str], float] = {}
        by_day: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        for b in self.batches:
            if b.source.id != "wa-toplists":
                continue
            for p in b.performances:
                v = marks.parse_mark(p.mark, p.event).value
                k = (p.event, p.sex)
                if k not in cutoff or marks.better(cutoff[k], v, p.event):
                    cutoff[k] = v
                by_day[k][p.date].append(v)
        return cutoff, by_day

    def _not_in_toplists(self, rec: RecordRow, value: float, text: str, cutoff: dict, by_day: dict) -> bool:
        """A progression mark to the hundredth, better than the toplist's cut-off, missing from a race the
        toplist has (the toplist lists every legal mark above its cut-off and has removed annulled ones)."""
        k = (rec.event, rec.sex)
        if not rec.progression or k not in cutoff or not rec.date or rec.athlete.is_team:
            return False
        if ev.get(rec.event).mark_format != ev.TIME or re.search(r"\.\d$", text) or \
                not marks.better(value, cutoff[k], rec.event):
            return False
        day = dt.date.fromisoformat(rec.date)
        near = [v for delta in range(-1, 2) for v in by_day[k].get((day + dt.timedelta(days=delta)).isoformat(), ())]
        # Only when the race itself is on the toplist (its other marks are there) but this mark is not:
        # then the mark was removed, i.e. annulled. A race missing altogether proves nothing.
        return bool(near) and not any(abs(v - value) < 0.006 for v in near)

    def _records(self) -> None:
        rows: list[tuple[RecordRow, int, float]] = []
        cutoff, by_day = self._toplist_index()
        for b in self.batches:
            for rec in b.records:
                m = marks.parse_mark(rec.mark, rec.event)
                if self._not_in_toplists(rec, m.value, m.text, cutoff, by_day):
                    self.issues.append(Rejected(rec.source, rec.ref, (
                        f"{rec.athlete.name} {m.text} ({rec.date}) is missing from that race in the WA toplists, which "
                        f"keep every legal mark this good and have removed annulled ones: not imported as a record")))
                    self.stats["progression_marks_not_in_toplists"] += 1
                    continue
                athlete = self.registry.resolve(rec.athlete, b.source.id, int(rec.date[:4]) if rec.date else None)
                m = marks.parse_mark(rec.mark, rec.event)
                rows.append((rec, athlete.id, m.value, m.text, b.source.authority))
        # The current record of each (kind, region, event, sex, indoor): the best mark among the rows that
        # claim to be current or that the builder must judge (current=None), national lists feeding the WR.
        groups: dict[tuple, list] = defaultdict(list)
        for row in rows:
            rec = row[0]
            groups[(rec.kind, rec.region, rec.event, rec.sex, rec.indoor)].append(row)
        # Best national record per event: a world record newer than the WA snapshot, or a conflict.
        best_nr: dict[tuple, tuple] = {}
        for (kind, region, event, sex, indoor), rs in groups.items():
            if kind != "national":
                continue
            for row in rs:
                k = (event, sex, indoor)
                if k not in best_nr or marks.better(row[2], best_nr[k][2], event):
                    best_nr[k] = row
        for k, row in best_nr.items():
            event, sex, indoor = k
            wr_rows = groups.get(("world", "WORLD", event, sex, indoor), [])
            best_wr = None
            for w in wr_rows:
                if w[0].current is not False and (best_wr is None or marks.better(w[2], best_wr[2], event)):
                    best_wr = w
            # Only events with a world record on a WA list can get a newer one from the national lists.
            if best_wr is not None and marks.better(row[2], best_wr[2], event):
                rec = row[0]
                lag_start = (dt.date.fromisoformat(WA_RECORDS_SNAPSHOT) - dt.timedelta(days=RATIFICATION_LAG_DAYS)).isoformat()
                if (rec.date or "") <= lag_start:
                    self.issues.append(Rejected(rec.source, rec.ref, f"best national record {row[3]} beats the "
                                                f"listed world record {best_wr[3]} but predates the WA snapshot: "
                                                f"not promoted"))
                    continue
                derived = RecordRow(rec.source, rec.ref, "world", "WORLD", event, sex, rec.athlete, rec.mark,
                                    rec.date, rec.indoor, rec.wind, rec.venue, rec.country, None, False)
                groups[("world", "WORLD", event, sex, indoor)].append((derived,) + row[1:])
                self.stats["world_records_from_national"] += 1
        for key, rs in groups.items():
            event = key[2]
            # A progression list alone cannot say a record still stands (it stops when its author stopped).
            contenders = [r for r in rs if r[0].current is not False and not r[0].progression]
            best = None
            for r in contenders:
                if best is None or marks.better(r[2], best[2], event) or \
                        (r[2] == best[2] and r[4] > best[4]):
                    best = r
            seen = set()
            for r in rs:
                rec, aid, value, text, _auth = r
                current = best is not None and value == best[2] and rec.current is not False
                dedup = (key, aid, value, rec.date, rec.source)
                if dedup in seen:
                    continue
                seen.add(dedup)
                self.records.append((rec, aid, value, text, int(current)))

    # ---------------------------------------------------------------- run
    def run(self) -> "Builder":
        self._find_competitions()
        self._resolve_results()
        self._merge()
        self._races()
        self._records()
        return self

    # ---------------------------------------------------------------- write
    def write(self, conn: sqlite3.Connection) -> None:
        dbmod.migrate(conn)
        cur = conn.cursor()
        cur.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?)",
                        [(s.id, s.name, s.origin, s.licence, s.authority, s.notes) for s in self.sources.values()])
        event_ids = dbmod.insert_events(conn)
        cur.executemany("INSERT INTO series VALUES (?,?,?,?)",
                        [(s.id, s.name, s.level, "|".join(s.aliases)) for s in comps.SERIES.values()])
        cur.executemany("INSERT INTO competitions VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        [(c.id, c.series, c.year, c.name, c.venue, None, c.country, c.start, c.end, c.level,
                          int(c.indoor), c.source) for c in self.comps])
        athletes = self.registry.athletes
        cur.executemany("INSERT INTO athletes VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        [(a.id, display_name(a), names.recase(a.given) if a.given.isupper() else a.given,
                          names.recase(a.family), a.sex, a.nationality, a.birth_date, a.birth_year, int(a.is_team),
                          a.wa_id, a.source) for a in athletes])
        cur.executemany("INSERT INTO athlete_aliases VALUES (?,?,?,?,?)",
                        [(a.id, written, folded, kind, src) for a in athletes
                         for folded, (written, kind, src) in a.aliases.items()])
        cur.executemany("INSERT INTO races VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        [(r["id"], r["competition_id"], event_ids[r["event"]], r["round"], r["heat"], r["label"],
                          r["date"], r["venue"], r["country"], r["indoor"], r["wind"], r["source_id"])
                         for r in self.races])
        cur.executemany("INSERT INTO results (race_id, athlete_id, place, position, mark, mark_value, status, wind,"
                        " flags, source_id, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        [(r.race_id, r.athlete.id, r.place, r.perf.position, r.mark, r.value, r.status, r.wind,
                          " ".join(sorted(r.flags)), r.perf.source, r.perf.ref) for r in self.results])
        cur.executemany("INSERT INTO records (kind, region, event_id, indoor, mark, mark_value, wind, athlete_id,"
                        " date, venue, country, current, source_id, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        [(rec.kind, rec.region, event_ids[(rec.event, rec.sex)], int(rec.indoor), text, value,
                          rec.wind, aid, rec.date, rec.venue, rec.country, cur_, rec.source, rec.ref)
                         for rec, aid, value, text, cur_ in self.records])
        cur.executemany("INSERT INTO import_issues (source_id, ref, reason, corrected) VALUES (?,?,?,?)",
                        [(i.source, i.ref, i.reason, int(i.corrected)) for i in self.issues])
        conn.commit()


def display_name(a: Athlete) -> str:
    """The latest, fullest spelling (married names add words), in a source's mixed case when one has it."""
    if a.is_team:
        return a.family
    spellings = [w for w, _, _ in a.aliases.values()]
    longest = max(spellings, key=lambda w: (len(names.tokens(w)), len(w)))
    target = sorted(names.tokens(longest))
    for w in spellings:
        if names.is_mixed_case(w) and sorted(names.tokens(w)) == target:
            return w
    given, family = names.split_display(longest)
    return names.display(given, family)
