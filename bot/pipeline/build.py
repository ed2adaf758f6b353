"""Build our database from the reference datasets: import, resolve, cross-check, write.

Steps: every importer reads its files into source-neutral rows; athletes are resolved across sources
(bot/pipeline/identity.py); competitions are identified (bot/pipeline/competitions.py); the same performance reported by
two sources is merged, and where they disagree the more authoritative source wins and the disagreement is
logged in import_issues; toplist rows at one venue and date are split into races; records get their
current/superseded state from the freshest source. The result is written to a SQLite file.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.common import events as ev
from bot.common import marks, names
from bot.pipeline import competitions as comps
from bot.pipeline import db as dbmod
from bot.pipeline.identity import Athlete, Registry, evidence_names
from bot.pipeline.importers import (
    diamond_league,
    mojibake,
    olympic_medals,
    progressions,
    rio2016,
    taf3_records,
    wa_records,
    wa_toplists,
    wc_finals,
)
from bot.pipeline.importers.model import ImportBatch, Performance, RecordRow, Rejected, Source

log = logging.getLogger(__name__)

CURATED = Source("curated-editions", "Bell Lap curated series and championship hosts",
                 "bot/pipeline/competitions.py (series, venues, host cities); edition dates found in the results data",
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
    race_id: int | None = field(default=None, compare=False)  # set when the results are grouped into races


@dataclass
class Competition:
    id: int
    series: str
    year: int
    name: str
    venue: str | None
    country: str | None
    start: str | None
    end: str | None
    level: str
    indoor: bool
    source: str
    city: str | None = None


def venue_city(venue: str | None) -> str | None:
    """The city of a WA venue text: 'Olympic Stadium, London' -> London; 'Hayward Field, Eugene, OR' ->
    Eugene (a US state or Canadian province code is skipped); 'Roma' -> Roma."""
    parts = [x.strip() for x in (venue or "").split(",") if x.strip()]
    if len(parts) > 1 and re.fullmatch(r"[A-Z]{2}", parts[-1]):
        parts = parts[:-1]
    return parts[-1] if parts else None


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
        # Sources that list championship finals by year only (medal lists, the WCh finals file).
        self.list_sources = {b.source.id for b in batches if any(is_list_final(p) for p in b.performances)}

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

        def venue_days_by_venue(patterns, indoor: bool, year: int, months) -> dict[str, Counter]:
            """folded venue -> day -> count of elite marks, for the venues of a city in a year."""
            ok = matching(patterns)
            out: dict[str, Counter] = defaultdict(Counter)
            for d, venues in by_year.get(str(year), {}).items():
                if months and int(d[5:7]) not in months:
                    continue
                for (v, ind), n in venues.items():
                    if ind == indoor and v in ok:
                        out[v][d] += n
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
            start, end = championship_days(venue_days_by_venue(pats, series == "WIC", year,
                                                               comps.CHAMPIONSHIP_MONTHS[series]), start, end)
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
        # Cities: the venue's, else the host city a list or the curated table names.
        for c in self.comps:
            host = hosts.get((c.series, c.year), (None,))[0]
            if host and host.islower():
                host = " ".join(w.capitalize() for w in host.split())
            c.city = venue_city(c.venue) or host
        # The toplists' (date, venue) -> competition map.
        self.day_map: dict[str, list[tuple[Competition, tuple[str, ...]]]] = defaultdict(list)
        for c in self.comps:
            if not c.start:
                continue
            s = comps.SERIES[c.series]
            pats = (s.derive_patterns if c.source == CURATED.id else s.venue_patterns) or \
                tuple(comps.city_pattern(x) for x in hosts.get((c.series, c.year), ()))
            assert c.end is not None, "an edition has both its first and last day, or neither"
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
                v = marks.mark_value(rec.mark, rec.event)  # the importers' check_mark: every record has a value
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
                    m = marks.parse_mark(p.mark, p.event, hand=p.hand)
                    value, text, status = m.value, (m.text if m.ok else None), m.status
                    if m.hand:
                        flags.add("h")
                    if m.altitude:
                        flags.add("A")
                    if m.wind_aided or (p.wind is not None and ev.get(p.event).wind_matters and not marks.wind_legal(p.wind)):
                        flags.add("w")
                self.results.append(Result(p, athlete, c.id if c else None, value, text, status, flags, auth,
                                           p.date, p.wind, p.place))

    def _date_list_finals(self) -> None:
        """Date the undated finals of the medal lists and the WCh finals file: the day of the toplist (or Rio)
        final at that championship whose results share the most rows with the list (the same athlete with the
        same place or mark, or the same place with the same mark, a hand time allowing for 0.25 s); the later
        day on a tie (a heat written with plain places comes before its final). A dated list final merges
        into that race (see _merge and _races)."""
        finals: dict[tuple, dict[str, list[Result]]] = defaultdict(lambda: defaultdict(list))
        lists: dict[tuple, list[Result]] = defaultdict(list)
        for r in self.results:
            if r.comp is None:
                continue
            key = (r.comp, r.perf.event, r.perf.sex)
            if is_list_final(r.perf):
                lists[key].append(r)
            elif r.date and r.perf.round in (None, "F"):
                finals[key][r.date].append(r)
        self.final_dates: dict[tuple, str] = {}
        for key, ls in lists.items():
            by_date = finals.get(key)
            if not by_date:
                continue

            # Hand times in the lists (2:00.9) against the toplists' automatic times (2:00.92).
            slack = 0.25 if ev.get(key[1]).mark_format == ev.TIME else 0.005

            def shared(day: str, by_date: dict[str, list[Result]] = by_date, ls: list[Result] = ls,
                       slack: float = slack) -> int:
                there = by_date[day]
                return sum(1 for lr in ls if any(
                    (x.athlete is lr.athlete and (x.place == lr.place or (
                        lr.value is not None and x.value is not None and abs(x.value - lr.value) < 0.005))) or
                    (lr.place is not None and x.place == lr.place and lr.value is not None and x.value is not None
                     and abs(x.value - lr.value) <= slack)
                    for x in there))
            best = max(by_date, key=lambda d: (shared(d), d))
            if shared(best) == 0:
                continue
            self.final_dates[key] = best
            for lr in ls:
                lr.date = best
            self.stats["list_finals_dated"] += 1

    def _is_championship(self, comp_id: int | None) -> bool:
        return comp_id is not None and self.comps[comp_id - 1].level in ("OG", "WCH", "WIC")

    def _merge_athletes(self) -> None:
        """Merge athletes that the rows show to be one person (bot/pipeline/identity.py, Registry.merge):
        1. the same performance in two sources: same event, day and mark (to the hundredth), same nation,
           no different places, names compatible on that evidence (identity.evidence_names); relay teams of
           one nation ('USA' / 'United States');
        2. the same place in the same championship final (list finals, dated or not) in two sources;
        3. the same birth date, nation and sex with a shortened name (the same first three letters of the
           given name, one family name inside the other: 'Elle St. Pierre' / 'Ellinor Purrier St. Pierre';
           twins share their whole family name and stay apart), or, for women, a married name (the
           same given name and at least one event in common: 'Katie Nageotte' / 'Katie Moon').
        Then every result points at the merged athlete."""
        reg = self.registry

        def try_merge(x: Result, y: Result, same_place: bool, why: str) -> None:
            a, b = reg.canonical(x.athlete), reg.canonical(y.athlete)
            if a is b or x.perf.source == y.perf.source or not a.nationality or a.nationality != b.nationality:
                return
            # Relay teams only at championships, where a nation has one team ('USA' / 'United States');
            # elsewhere a club and the national team may share a nation.
            if a.is_team != b.is_team or (a.is_team and not (self._is_championship(x.comp) and
                                                             self._is_championship(y.comp))):
                return
            if not a.is_team and not any(evidence_names(ga, fa, gb, fb, same_place)
                                         for ga, fa in _spellings(x.perf.athlete, a)
                                         for gb, fb in _spellings(y.perf.athlete, b)):
                return
            if reg.merge(a, b, why):
                self.stats["athletes_merged_same_performance"] += 1

        by_perf: dict[tuple, list[Result]] = defaultdict(list)
        for r in self.results:
            if r.date and r.value is not None:
                by_perf[(r.perf.event, r.perf.sex, r.date, round(r.value, 2))].append(r)
        for (event, sex, date, v), rs in by_perf.items():
            if len(rs) < 2 or len({id(r.athlete) for r in rs}) < 2:
                continue
            for i, x in enumerate(rs):
                for y in rs[i + 1:]:
                    if x.place is not None and y.place is not None and x.place != y.place:
                        continue
                    same_place = x.place is not None and x.place == y.place
                    try_merge(x, y, same_place, f"same {event} {sex} {v} on {date}")
        # 2. The same place in one championship final.
        by_place: dict[tuple, list[Result]] = defaultdict(list)
        for r in self.results:
            if r.comp is None or r.place is None or r.perf.round not in (None, "F"):
                continue
            key = (r.comp, r.perf.event, r.perf.sex)
            if is_list_final(r.perf) or (r.date and self.final_dates.get(key) == r.date):
                by_place[key + (r.place,)].append(r)
        for place_key, rs in by_place.items():
            for i, x in enumerate(rs):
                for y in rs[i + 1:]:
                    if is_list_final(x.perf) or is_list_final(y.perf):
                        try_merge(x, y, True,
                                  f"place {place_key[3]} in the same final ({x.perf.source}, {y.perf.source})")
        # 3. Same birth date and nation: shortened and married names.
        events_of: dict[int, set[str]] = defaultdict(set)
        for r in self.results:
            events_of[reg.canonical(r.athlete).id].add(r.perf.event)
        by_dob: dict[tuple, list[Athlete]] = defaultdict(list)
        for a in reg.live:
            if a.birth_date and a.nationality and not a.is_team:
                by_dob[(a.birth_date, a.nationality, a.sex)].append(a)
        for (dob, nat, sex), group in by_dob.items():
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    ga, gb = names.tokens(a.given), names.tokens(b.given)
                    fa, fb = set(names.tokens(a.family)), set(names.tokens(b.family))
                    if not ga or not gb or not fa or not fb:
                        continue
                    shortened = ga[0][:3] == gb[0][:3] and fa != fb and (fa < fb or fb < fa)
                    married = sex == "W" and ga[0] == gb[0] and not (fa & fb) and \
                        bool(events_of[reg.canonical(a).id] & events_of[reg.canonical(b).id])
                    if (shortened or married) and reg.merge(a, b, f"same birth date {dob} and nation {nat}: "
                                                                  f"{'shortened' if shortened else 'married'} name"):
                        self.stats["athletes_merged_same_birth_date"] += 1
        for r in self.results:
            r.athlete = reg.canonical(r.athlete)

    def _merge(self) -> None:
        """One performance reported by several sources becomes one result; disagreements are logged."""
        by_key: dict[tuple, Result] = {}
        by_comp: dict[tuple, list[Result]] = defaultdict(list)
        merged: list[Result] = []
        # Dated structured sources first (they carry the race), toplists next, then the undated finals of the
        # medal lists and the WCh finals file (less authoritative: they confirm the toplist's result, or are
        # overruled by it), mark-less medal rows last.
        order = sorted(self.results, key=lambda r: (r.perf.mark is None, 2 if is_list_final(r.perf) else
                                                    int(r.perf.source == "wa-toplists")))
        for r in order:
            p = r.perf
            v = round(r.value, 2) if r.value is not None else None
            where = r.comp if r.comp is not None else r.date
            key = (p.event, p.sex, r.athlete.id, where, v, p.round if p.source != "wa-toplists" else None)
            listed = is_list_final(p) and r.date is not None  # a list final dated by _date_list_finals
            # Same athlete, event, meeting and mark: the same performance.
            hit = None
            if v is not None:
                if listed:  # that day's result, not an equal mark in a heat
                    hit = by_key.get((p.event, p.sex, r.athlete.id, r.date, v, None))
                else:
                    hit = by_key.get(key[:5] + (None,)) or by_key.get(key)
                if hit is None and r.date and r.comp is not None and not listed:
                    hit = by_key.get((p.event, p.sex, r.athlete.id, r.date, v, None))
            if hit is None and r.comp is not None:
                same = [x for x in by_comp[(p.event, p.sex, r.athlete.id, r.comp)]
                        if x.perf.round in ("F", None) and (r.place is None or x.place == r.place or v is None)
                        and (not listed or x.date == r.date)]
                if v is None and same:
                    # A medal-list row confirms a final already known with its mark.
                    hit = next((x for x in same if x.place == r.place), same[0])
                    if r.place is not None and hit.place is not None and hit.place != r.place:
                        self.issues.append(Rejected(p.source, p.ref, (
                            f"disagrees with {hit.perf.source} ({hit.perf.ref}): place {r.place} vs {hit.place} "
                            f"in that final; kept place {hit.place} (the result with a mark)")))
                        self.stats["disagreements"] += 1
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
        """Group results into races. Toplist groups with clashing places are split (mixed races). The list
        finals (medal lists, WCh finals file) of one championship final are one group, and join the dated
        race of that final (toplists, Rio) when there is one: one final, one race."""
        groups: dict[tuple, list[Result]] = defaultdict(list)
        for r in self.results:
            p = r.perf
            structured = p.source != "wa-toplists"
            venue = None if structured else (p.venue or "")
            key: tuple
            if is_list_final(p) and r.comp is not None:
                key = ("list", r.comp, p.event, p.sex, r.date or "", p.round, None, None, p.indoor, None)
            else:
                key = (p.source if structured else "t", r.comp, p.event, p.sex,
                       r.date if (r.comp is None or not structured) else (r.date or ""),
                       p.round, p.heat, p.race_label, p.indoor, venue if r.comp is None else None)
            if structured and r.date is None and r.comp is None:
                key = key + (p.meet.year if p.meet else None,)
            groups[key].append(r)
        self._join_list_finals(groups)
        self.results = [r for rs in groups.values() for r in rs]
        for _key, rs in groups.items():
            for i, part in enumerate(self._split(rs)):
                self._add_race(part, i, len(rs))

    def _join_list_finals(self, groups: dict[tuple, list[Result]]) -> None:
        """Move each dated list final into the race of that final on that day (the group holding the most
        results the list confirmed). A list result whose athlete is already in that race under another place,
        or whose place another athlete holds with another mark, disagrees with a more authoritative source:
        it is logged in import_issues and not imported (one final, one result per place)."""
        list_sources = self.list_sources
        targets: dict[tuple, list[tuple]] = defaultdict(list)
        for key in groups:
            if key[0] != "list" and key[1] is not None and key[4] and key[5] in (None, "F"):
                targets[(key[1], key[2], key[3], key[4])].append(key)
        for key in [k for k in groups if k[0] == "list" and k[4]]:
            cands = targets.get((key[1], key[2], key[3], key[4]))
            if not cands:
                continue
            target = max(cands, key=lambda k: (sum(1 for x in groups[k] if x.confirmed_by & list_sources),
                                               len(groups[k])))
            race = groups[target]
            joined: list[Result] = []
            for lr in sorted(groups.pop(key), key=lambda x: (-x.authority, x.place or 10**6)):
                mine = next((x for x in race + joined if x.athlete is lr.athlete), None)
                there = [x for x in race + joined
                         if lr.place is not None and x.place == lr.place and x.athlete is not lr.athlete]
                # A tie: the same mark, or a medal list that gives the place twice (a shared medal, no mark).
                tie = all((lr.value is not None and x.value is not None and abs(x.value - lr.value) < 1e-9) or
                          x.perf.source == lr.perf.source for x in there)
                if mine is not None and mine.place is None and lr.place is not None and not there:
                    # The toplist knows the athlete's mark in that final but not the place: the list gives it.
                    mine.place = lr.place
                    mine.confirmed_by.add(lr.perf.source)
                    if lr.value is not None and mine.value is not None and abs(lr.value - mine.value) > 1e-9:
                        self.issues.append(Rejected(lr.perf.source, lr.perf.ref, (
                            f"disagrees with {mine.perf.source} ({mine.perf.ref}) on the final of {lr.date}: "
                            f"{lr.mark} vs {mine.mark}; kept {mine.mark} (higher authority) and the place {lr.place}")))
                        self.stats["disagreements"] += 1
                    continue
                against = mine or (there[0] if there and not tie else None)
                if against is not None and against.authority >= lr.authority:
                    what = (f"{against.athlete.given} {against.athlete.family} is placed {against.place}"
                            f"{' in ' + against.mark if against.mark else ''}" if mine else
                            f"place {lr.place} is {against.athlete.given} {against.athlete.family}"
                            f"{' in ' + against.mark if against.mark else ''}")
                    self.issues.append(Rejected(lr.perf.source, lr.perf.ref, (
                        f"disagrees with {against.perf.source} ({against.perf.ref}) on the final of "
                        f"{lr.date}: {what} there, not {lr.place}{' in ' + lr.mark if lr.mark else ''}; "
                        f"kept {against.perf.source} (higher authority)")))
                    self.stats["disagreements"] += 1
                    against.confirmed_by.add(lr.perf.source)
                    continue
                joined.append(lr)
            race.extend(joined)
            self.stats["list_finals_joined"] += 1

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
                last = max((x.place for x in race if x.place), default=0)
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
        # A final joined by list rows takes its venue and source from the dated result (toplists, Rio).
        p = next((r.perf for r in rs if not is_list_final(r.perf)), rs[0].perf)
        race_id = len(self.races) + 1
        wind = next((r.perf.wind for r in rs if r.perf.round is not None and r.perf.wind is not None), None)
        label = p.race_label or (f"race {index + 1}" if index else None)
        dates = [r.date for r in rs if r.date]
        self.races.append(dict(
            id=race_id, competition_id=rs[0].comp, event=(p.event, p.sex),
            round=p.round or ("F" if any(is_list_final(r.perf) or r.confirmed_by & self.list_sources
                                         for r in rs) else None), heat=p.heat,
            label=label, date=min(dates) if dates else None, venue=p.venue, country=p.country,
            indoor=int(p.indoor), wind=wind if p.source != "wa-toplists" else None, source_id=p.source))
        for r in rs:
            r.race_id = race_id

    # ---------------------------------------------------------------- records
    def _toplist_index(self) -> tuple[dict, dict]:
        """Per (event, sex): the toplist's cut-off (its worst mark) and its marks by day."""
        cutoff: dict[tuple[str, str], float] = {}
        by_day: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        for b in self.batches:
            if b.source.id != "wa-toplists":
                continue
            for p in b.performances:
                # wa_toplists rejects a row without a date or a mark, or with a status (DNF...) for a mark
                assert p.mark is not None and p.date is not None, f"{p.ref}: a toplist row without a mark or date"
                v = marks.mark_value(p.mark, p.event)
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
        rows: list[tuple[RecordRow, int, float, str, int]] = []
        cutoff, by_day = self._toplist_index()
        by_perf: dict[tuple, set[int]] = defaultdict(set)
        for r in self.results:
            if r.date and r.value is not None:
                by_perf[(r.perf.event, r.perf.sex, r.date, round(r.value, 2))].add(r.athlete.id)
        for b in self.batches:
            for rec in b.records:
                m = marks.parse_mark(rec.mark, rec.event)
                value = m.value
                assert value is not None, f"{rec.ref}: the importers' check_mark lets no record without a value in"
                if self._not_in_toplists(rec, value, m.text, cutoff, by_day):
                    self.issues.append(Rejected(rec.source, rec.ref, (
                        f"{rec.athlete.name} {m.text} ({rec.date}) is missing from that race in the WA toplists, which "
                        f"keep every legal mark this good and have removed annulled ones: not imported as a record")))
                    self.stats["progression_marks_not_in_toplists"] += 1
                    continue
                athlete = self.registry.resolve(rec.athlete, b.source.id, int(rec.date[:4]) if rec.date else None)
                m = marks.parse_mark(rec.mark, rec.event)
                athlete = self._record_holder(rec, athlete, value, by_perf)
                rows.append((rec, athlete.id, value, m.text, b.source.authority))
        # The current record of each (kind, region, event, sex, indoor): the best mark among the rows that
        # claim to be current or that the builder must judge (current=None), national lists feeding the WR.
        groups: dict[tuple, list] = defaultdict(list)
        for row in rows:
            rec = row[0]
            groups[(rec.kind, rec.region, rec.event, rec.sex, rec.indoor)].append(row)
        self._world_from_national(groups)
        self._olympic_from_games(groups)
        self._area_from_world_and_national(groups)
        for key, rs in groups.items():
            event = key[2]
            best = _best_listed(rs, event)
            seen = set()
            for r in rs:
                rec, aid, value, text, _auth = r
                current = best is not None and value == best[2] and rec.current is not False
                dedup = (key, aid, value, rec.date, rec.source)
                if dedup in seen:
                    continue
                seen.add(dedup)
                self.records.append((rec, aid, value, text, int(current)))

    def _best_national(self, groups: dict[tuple, list]) -> dict[tuple, list[tuple]]:
        """(nation, event, sex, list indoor) -> the nation's best national record rows for a record list's
        group: for a field event the outdoor and indoor national records compete (see list_indoor)."""
        best: dict[tuple, list[tuple]] = {}
        for (kind, region, event, sex, indoor), rs in groups.items():
            if kind != "national":
                continue
            k = (region, event, sex, list_indoor(event, indoor))
            for row in rs:
                if row[0].current is False or row[0].progression:
                    continue
                if k not in best or marks.better(row[2], best[k][0][2], event):
                    best[k] = [row]
                elif row[2] == best[k][0][2]:
                    best[k].append(row)
        return best

    def _lag_start(self) -> str:
        return (dt.date.fromisoformat(WA_RECORDS_SNAPSHOT) - dt.timedelta(days=RATIFICATION_LAG_DAYS)).isoformat()

    def _world_from_national(self, groups: dict[tuple, list]) -> None:
        """National records newer than the WA snapshot that beat its world record are the newer world records,
        in date order (each one that beats the record before it: Duplantis's 6.30 in Tokyo, then his 6.31); a
        better one older than the snapshot is a conflict, logged. For a field event a national record set
        indoors counts too: WA lists one record per field event wherever it was set (Rojas's TJ 15.74 in
        Beograd is on its world list; it has no 'Short Track' field events)."""
        cands: dict[tuple, list[tuple]] = defaultdict(list)
        for (kind, _nation, event, sex, indoor), rs in groups.items():
            if kind != "national":
                continue
            for row in rs:
                if row[0].current is not False and not row[0].progression:
                    cands[(event, sex, list_indoor(event, indoor))].append(row)
        lag_start = self._lag_start()
        for k, rs in cands.items():
            event, sex, indoor = k
            best_wr = _best_listed(groups.get(("world", "WORLD", event, sex, indoor), []), event)
            # Only events with a world record on a WA list can get a newer one from the national lists.
            if best_wr is None:
                continue
            better = [r for r in rs if marks.better(r[2], best_wr[2], event)]
            for row in better:
                if (row[0].date or "") <= lag_start:
                    self.issues.append(Rejected(row[0].source, row[0].ref, f"best national record {row[3]} beats "
                                                f"the listed world record {best_wr[3]} but predates the WA "
                                                f"snapshot: not promoted"))
            # Marks of one day cannot be ordered (Denny's 74.78 and Alekna's 75.56 on 2025-04-13): only the
            # day's best can have been a record.
            newer = [r for r in better if (r[0].date or "") > lag_start]
            day_best = {r[0].date: r[2] for r in newer}
            for r in newer:
                if marks.better(r[2], day_best[r[0].date], event):
                    day_best[r[0].date] = r[2]
            before = best_wr
            for row in sorted(newer, key=lambda r: r[0].date):
                if row[2] != day_best[row[0].date] or not marks.better(row[2], before[2], event):
                    continue
                rec = row[0]
                derived = dataclasses.replace(rec, kind="world", region="WORLD", indoor=indoor, current=None,
                                              progression=False)
                groups[("world", "WORLD", event, sex, indoor)].append((derived,) + row[1:])
                self.stats["world_records_from_national"] += 1
                where = " (set indoors: a field-event record wherever it was set)" if rec.indoor and not indoor else ""
                self.issues.append(Rejected(rec.source, rec.ref, (
                    f"world record {sex} {event}{' indoor' if indoor else ''}: national record {row[3]} "
                    f"({rec.athlete.name}, {rec.athlete.nationality}, {rec.date}){where} beats the record before it, "
                    f"{before[3]} ({before[0].date}), and is newer than the WA list's snapshot "
                    f"{WA_RECORDS_SNAPSHOT}: promoted"), corrected=True))
                before = row

    def _olympic_from_games(self, groups: dict[tuple, list]) -> None:
        """An Olympic record is the best mark at the Olympic Games. For Games that end after the WA snapshot
        minus the ratification lag (its Olympic list may not have them yet: in August 2024 it had the Paris
        10,000 m but not the 1500 m), the best legal mark of each final that beats the listed Olympic record
        is the Olympic record. Legal: a final-round result with a mark, no DQ, not hand-timed and, where wind
        counts, a reading of at most 2.0 m/s. Only events with an Olympic record on a list."""
        lag_start = self._lag_start()
        games = {c.id: c for c in self.comps if c.series == "OG" and c.end and c.end > lag_start}
        if not games:
            return
        finals: dict[tuple, list[Result]] = defaultdict(list)
        illegal: dict[tuple, list[Result]] = defaultdict(list)  # wind-aided or unknown wind where it counts
        for r in self.results:
            race = self.races[r.race_id - 1] if r.race_id else None
            if r.comp not in games or race is None or race["round"] != "F" or r.perf.indoor:
                continue
            if r.status != "OK" or r.value is None or r.mark is None or "h" in r.flags:
                continue
            final = (r.comp, r.perf.event, r.perf.sex)
            if "w" in r.flags or (ev.get(r.perf.event).wind_matters and (r.wind is None or not marks.wind_legal(r.wind))):
                illegal[final].append(r)
            else:
                finals[final].append(r)
        # Below, every result has a value and a mark (the others are skipped above).
        for (comp, event, sex) in sorted(set(finals) | set(illegal)):
            key = ("olympic", "WORLD", event, sex, False)
            listed = _best_listed(groups.get(key, []), event)
            if listed is None:
                continue
            for r in illegal.get((comp, event, sex), ()):
                assert r.value is not None
                if marks.better(r.value, listed[2], event):
                    wind = marks.format_wind(r.wind) if r.wind is not None else "unknown"
                    self.issues.append(Rejected(r.perf.source, r.perf.ref, (
                        f"{games[comp].name} {sex} {event} final: {r.mark} beats the Olympic record {listed[3]} "
                        f"but its wind is {wind} m/s: not an Olympic record")))
            rs = finals.get((comp, event, sex), [])
            if not rs:
                continue
            values = [r.value for r in rs if r.value is not None]  # all of them
            top = min(values) if ev.get(event).lower_is_better else max(values)
            if not marks.better(top, listed[2], event):
                continue
            wr = _best_listed(groups.get(("world", "WORLD", event, sex, False), []), event)
            best = [r for r in rs if r.value == top]
            if wr is not None and marks.better(top, wr[2], event):
                for r in best:
                    self.issues.append(Rejected(r.perf.source, r.perf.ref, (
                        f"{games[comp].name} {sex} {event} final: {r.mark} beats the world record {wr[3]}: "
                        f"not made an Olympic record (a world record list would have it)")))
                continue
            for r in best:
                p = r.perf
                assert r.mark is not None
                derived = RecordRow(p.source, p.ref, "olympic", "WORLD", event, sex, p.athlete, r.mark, r.date,
                                    False, r.wind, p.venue, p.country, None, False)
                groups[key].append((derived, r.athlete.id, r.value, r.mark, self.sources[p.source].authority))
                self.stats["olympic_records_from_results"] += 1
                self.issues.append(Rejected(p.source, p.ref, (
                    f"Olympic record {sex} {event}: {r.mark} ({p.athlete.name}, {p.athlete.nationality}, {r.date}) "
                    f"is the best legal mark of the {games[comp].name} final and beats the listed Olympic record "
                    f"{listed[3]} ({listed[0].athlete.name}, {listed[0].date}); the Games end after the WA list's "
                    f"snapshot {WA_RECORDS_SNAPSHOT}: promoted, the listed record superseded"), corrected=True))

    def _nation_areas(self) -> tuple[dict[str, str], dict[str, str]]:
        """Nation -> area, from the data: the nationality of every athlete (or team) on an area record list
        (current or broken). A nation is mapped only when all its rows name one area; a nation on no area list
        or on two is not (no area record from it). mapping_areas.csv is not used: it puts TTO in Africa and
        KGZ in Oceania. Also returns the evidence, in words, for the log."""
        votes: dict[str, Counter] = defaultdict(Counter)
        first: dict[str, tuple[str, str]] = {}  # nation -> (source, ref) of its first area-list row
        for b in self.batches:
            for rec in b.records:
                if rec.kind == "area" and rec.athlete.nationality:
                    votes[rec.athlete.nationality][(rec.region, b.source.id)] += 1
                    first.setdefault(rec.athlete.nationality, (b.source.id, rec.ref))
        mapping, evidence = {}, {}
        for nation, vs in votes.items():
            areas = {a for a, _ in vs}
            if len(areas) != 1:
                self.issues.append(Rejected(*first[nation], (
                    f"nation {nation} is on several areas' record lists ({dict(vs)}): no area record from it")))
                continue
            mapping[nation] = areas.pop()
            evidence[nation] = ", ".join(f"{n} row{'s' if n > 1 else ''} of its area lists in {src}"
                                         for (_, src), n in sorted(vs.items(), key=lambda kv: kv[0][1]))
        return mapping, evidence

    def _area_from_world_and_national(self, groups: dict[tuple, list]) -> None:
        """A world record by an athlete of an area, or a national record of one of its nations newer than the
        area lists' snapshot, that beats the listed area record is the area record: promoted and logged. A
        better national record older than the snapshot is a conflict, logged and not promoted. A nation the
        data does not place in an area promotes nothing."""
        area_of, evidence = self._nation_areas()
        lag_start = self._lag_start()
        best_nr = self._best_national(groups)
        unmapped: dict[str, tuple] = {}  # nation -> a world record row of it that beats an area record
        for key in [k for k in groups if k[0] == "area"]:
            _, area, event, sex, indoor = key
            listed = _best_listed(groups[key], event)
            if listed is None:
                continue
            cands: list[tuple[tuple, str]] = []
            wr = groups.get(("world", "WORLD", event, sex, indoor), [])
            best_wr = _best_listed(wr, event)
            if best_wr is not None and marks.better(best_wr[2], listed[2], event):
                for row in wr:
                    if row[2] != best_wr[2] or row[0].current is False or row[0].progression:
                        continue
                    nat = row[0].athlete.nationality
                    if nat and nat not in area_of:
                        unmapped.setdefault(nat, row)
                    elif nat and area_of[nat] == area:
                        cands.append((row, "world record"))
            for (nation, e, s, ind), rs in best_nr.items():
                if (e, s, ind) != (event, sex, indoor) or area_of.get(nation) != area:
                    continue
                if not marks.better(rs[0][2], listed[2], event):
                    continue
                for row in rs:
                    if (row[0].date or "") <= lag_start:
                        self.issues.append(Rejected(row[0].source, row[0].ref, (
                            f"national record {row[3]} of {nation} beats the listed {area} area record "
                            f"{listed[3]} but predates the area lists' snapshot: not promoted")))
                    else:
                        cands.append((row, f"national record of {nation}"))
            if not cands:
                continue
            top = cands[0][0][2]
            for row, _ in cands:
                if marks.better(row[2], top, event):
                    top = row[2]
            seen = set()
            for row, what in cands:
                rec = row[0]
                if row[2] != top or (row[1], rec.date) in seen:
                    continue  # the same performance as a world and a national record: one area row
                seen.add((row[1], rec.date))
                derived = dataclasses.replace(rec, kind="area", region=area, indoor=indoor, current=None,
                                              progression=False)
                groups[key].append((derived,) + row[1:])
                self.stats["area_records_promoted"] += 1
                nat = rec.athlete.nationality
                where = " (set indoors: a field-event record wherever it was set)" if rec.indoor and not indoor else ""
                self.issues.append(Rejected(rec.source, rec.ref, (
                    f"area record {area} {sex} {event}{' indoor' if indoor else ''}: {what} {row[3]} "
                    f"({rec.athlete.name}, {nat}, {rec.date}){where} beats the listed area record {listed[3]} "
                    f"({listed[0].athlete.name}, {listed[0].date}); {nat} is in {area}: {evidence[nat]}; "
                    f"promoted, the listed record superseded"), corrected=True))
        for nat, row in sorted(unmapped.items()):
            self.issues.append(Rejected(row[0].source, row[0].ref, (
                f"world record {row[3]} by {nat} beats an area record, but no source places {nat} in an area: "
                f"no area record promoted")))

    def _record_holder(self, rec: RecordRow, athlete: Athlete, value: float | None, by_perf: dict) -> Athlete:
        """A record is a performance: when the results hold it (same event, day and mark) for an athlete of
        the same nation under a compatible name, the record belongs to that athlete ('Filip Mangen
        Ingebrigtsen' in national.csv is the toplists' 'Filip Ingebrigtsen')."""
        if not rec.date or value is None:
            return athlete
        ids = by_perf.get((rec.event, rec.sex, rec.date, round(value, 2)), set())
        if not ids or athlete.id in ids:
            return athlete
        reg = self.registry
        nat = athlete.nationality or rec.athlete.nationality
        cands = []
        for i in ids:
            c = reg.canonical(reg.athletes[i - 1])
            if c is athlete or not nat or c.nationality != nat or c.is_team or athlete.is_team:
                continue  # relay teams: a record's nation may be a club's result ('Sichuan' for CHN)
            if any(evidence_names(ga, fa, gb, fb, False) for ga, fa in _spellings(rec.athlete, athlete)
                                for gb, fb in _spellings(rec.athlete, c)[1:]):
                cands.append(c)
        if len(cands) != 1:
            return athlete
        kept = reg.merge(cands[0], athlete, f"record {rec.source} {rec.ref} is the result of {rec.date}")
        if kept is None:
            return athlete
        self.stats["athletes_merged_record_is_result"] += 1
        return kept

    # ---------------------------------------------------------------- run
    def run(self) -> Builder:
        self._find_competitions()
        self._resolve_results()
        self._date_list_finals()
        self._merge_athletes()
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
                        [(c.id, c.series, c.year, c.name, c.venue, c.city, c.country, c.start, c.end, c.level,
                          int(c.indoor), c.source) for c in self.comps])
        athletes = self.registry.live
        holder = {a.id: self.registry.canonical(a).id for a in self.registry.athletes}
        cur.executemany("INSERT INTO athletes VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        [(a.id, display_name(a), names.recase(a.given) if a.given.isupper() else a.given,
                          names.recase(a.family), a.sex, a.nationality, a.birth_date, a.birth_year, int(a.is_team),
                          a.wa_id, a.source) for a in athletes])
        cur.executemany("INSERT INTO athlete_aliases VALUES (?,?,?,?,?)",
                        [(a.id, written, folded, "variant" if kind == "merged" else kind, src) for a in athletes
                         for folded, (written, kind, src) in a.aliases.items()])
        cur.executemany("INSERT INTO races VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        [(r["id"], r["competition_id"], event_ids[r["event"]], r["round"], r["heat"], r["label"],
                          r["date"], r["venue"], r["country"], r["indoor"], r["wind"], r["source_id"])
                         for r in self.races])
        cur.executemany("INSERT INTO results (race_id, athlete_id, place, position, mark, mark_value, status, wind,"
                        " flags, source_id, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        [(r.race_id, holder[r.athlete.id], r.place, r.perf.position, r.mark, r.value, r.status, r.wind,
                          " ".join(sorted(r.flags)), r.perf.source, r.perf.ref) for r in self.results])
        cur.executemany("INSERT INTO records (kind, region, event_id, indoor, mark, mark_value, wind, athlete_id,"
                        " date, venue, country, current, source_id, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        [(rec.kind, rec.region, event_ids[(rec.event, rec.sex)], int(rec.indoor), text, value,
                          rec.wind, holder[aid], rec.date, rec.venue, rec.country, cur_, rec.source, rec.ref)
                         for rec, aid, value, text, cur_ in self.records])
        cur.executemany("INSERT INTO import_issues (source_id, ref, reason, corrected) VALUES (?,?,?,?)",
                        [(i.source, i.ref, i.reason, int(i.corrected)) for i in self.issues])
        dbmod.refresh_bests(conn)
        conn.commit()


def championship_days(by_venue: dict[str, Counter], start: str, end: str) -> tuple[str, str]:
    """The days of a championship inside the city's cluster of marks (start..end): the run of days at its
    main venue (the stadium: most marks in the cluster), plus marks elsewhere in the city (road events) from
    its first day to the day after its last. Meetings held in the city a day or two before the championship
    (venue 'Osaka', 'Berlin': not the stadium) are not part of it."""
    totals = Counter({v: sum(n for d, n in days.items() if start <= d <= end) for v, days in by_venue.items()})
    if not totals:
        return start, end
    main = totals.most_common(1)[0][0]
    runs = [r for r in comps.clusters({d: n for d, n in by_venue[main].items() if start <= d <= end})]
    if not runs:
        return start, end
    first, last, _ = max(runs, key=lambda r: r[2])
    after = (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat()
    for _v, days in by_venue.items():
        for d in days:
            if last < d <= after:
                last = d
    return first, last


def _spellings(ref, a: Athlete) -> list[tuple[str, str]]:
    """(given, family) of a source row's athlete and every spelling already known for the athlete."""
    out = [(ref.given, ref.family)]
    for written, _, _ in a.aliases.values():
        out.append(names.split_display(written))
    return out


def list_indoor(event: str, indoor: bool) -> bool:
    """The indoor flag of the world/area/Olympic record group a record competes in: WA's record lists hold
    one record per field event wherever it was set (no 'Short Track' field events; Rojas's TJ 15.74 in
    Beograd, Hooker's Oceanian PV 6.06 in Boston), while track events have separate short-track records."""
    return False if ev.get(event).kind == ev.FIELD else indoor


def _best_listed(rs: list[tuple], event: str) -> tuple | None:
    """The best row that may stand today: not marked superseded, not from a progression list (a progression
    stops when its author stopped); on a tie, the more authoritative source."""
    best = None
    for r in rs:
        if r[0].current is False or r[0].progression:
            continue
        if best is None or marks.better(r[2], best[2], event) or (r[2] == best[2] and r[4] > best[4]):
            best = r
    return best


def is_list_final(p: Performance) -> bool:
    """A row of an undated list of championship finals (medal lists, the WCh finals file): a final known by
    its year only, with a place and perhaps a mark, but no date, venue or race of its own."""
    return p.date is None and p.round == "F" and p.meet is not None


def display_name(a: Athlete) -> str:
    """The latest, fullest spelling (married names add words), in a source's mixed case when one has it."""
    if a.is_team:
        return a.family
    # Spellings of athletes merged into this one on evidence are aliases, not display names.
    spellings = [w for w, kind, _ in a.aliases.values() if kind != "merged"] or \
        [w for w, _, _ in a.aliases.values()]
    spellings = [w for w in spellings if not mojibake.garbled(w)] or spellings  # never 'Franti?ek' beside a clean one
    longest = max(spellings, key=lambda w: (len(names.tokens(w)), len(w)))
    target = sorted(names.tokens(longest))
    for w in spellings:
        if names.is_mixed_case(w) and sorted(names.tokens(w)) == target:
            return w
    given, family = names.split_display(longest)
    return names.display(given, family)
