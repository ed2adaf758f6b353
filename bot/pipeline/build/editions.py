"""Competition editions: which Olympics, championships and meetings the data holds, their dates, venue and
city (the series and hosts are curated in bot/pipeline/competitions.py, the dates come from the results), and
the edition a performance belongs to."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

from bot.common import events as ev
from bot.common import names
from bot.pipeline import competitions as comps
from bot.pipeline.build.state import CURATED, BuildState, Competition
from bot.pipeline.build.venues import VenueMarks, venue_city
from bot.pipeline.importers.model import ImportBatch, Performance

# (series, year) -> host cities as a list or the curated table names them
Hosts = dict[tuple[str, int], tuple[str, ...]]


def find_competitions(st: BuildState) -> None:
    toplist = [p for b in st.batches if b.source.id == "wa-toplists" for p in b.performances]
    marks_at = VenueMarks(toplist)
    dated, hint_source = _dated_editions(st.batches)
    hosts, host_source = _host_cities(st.batches)
    _add_dated(st, marks_at, dated, hint_source, hosts)
    _add_championships(st, marks_at, hosts, host_source)
    homes = home_venues(st, marks_at)
    _add_one_day_meetings(st, marks_at, homes, sorted({int(p.date[:4]) for p in toplist if p.date}))
    _fill_cities(st, hosts)
    st.day_map = _day_map(st, hosts, homes)
    _away_road_races(st, toplist)


def _add_comp(st: BuildState, series: str, year: int, start: str | None, end: str | None, venue: str | None,
              country: str | None, source: str) -> Competition:
    s = comps.SERIES[series]
    level = comps.level_in(s, year)
    name = f"{s.name} {year}"
    c = Competition(len(st.comps) + 1, series, year, name, venue, country, start, end, level, s.indoor, source)
    st.comps.append(c)
    st.comp_index[(series, year)] = c
    return c


def _dated_editions(batches: list[ImportBatch]) -> tuple[dict[tuple[str, int], list[str]], dict[tuple[str, int], str]]:
    """Editions dated by structured sources (DL archive, Rio 2016): their days, and the first source of each."""
    dated: dict[tuple[str, int], list[str]] = defaultdict(list)
    hint_source: dict[tuple[str, int], str] = {}
    for b in batches:
        for p in b.performances:
            if p.meet and p.date and b.source.id != "wa-toplists":
                dated[(p.meet.series, p.meet.year)].append(p.date)
                hint_source.setdefault((p.meet.series, p.meet.year), b.source.id)
    return dated, hint_source


def _host_cities(batches: list[ImportBatch]) -> tuple[Hosts, dict[tuple[str, int], str]]:
    """Championship host cities: OG from the medallist lists, WCh from the finals file, plus curated; and the
    source of each."""
    hosts: Hosts = dict(comps.CURATED_HOSTS)
    host_source: dict[tuple[str, int], str] = {k: CURATED.id for k in comps.CURATED_HOSTS}
    for b in batches:
        for p in b.performances:
            # Undated lists (medallists, finals) name the host city: "2024 Paris", "Helsinki".
            where = p.meet.name or p.venue if p.meet else None
            if p.meet and p.date is None and p.meet.series in ("OG", "WCH") and where and \
                    (p.meet.series, p.meet.year) not in hosts:
                city = re.sub(r"^\d{4}\s+", "", where).strip()
                hosts[(p.meet.series, p.meet.year)] = (city,)
                host_source[(p.meet.series, p.meet.year)] = b.source.id
    return hosts, host_source


def _add_dated(st: BuildState, marks_at: VenueMarks, dated: dict[tuple[str, int], list[str]],
               hint_source: dict[tuple[str, int], str], hosts: Hosts) -> None:
    for (series, year), dates in sorted(dated.items()):
        s = comps.SERIES[series]
        start, end = min(dates), max(dates)
        pats = s.venue_patterns or tuple(comps.city_pattern(c) for c in hosts.get((series, year), ()))
        venue, country = marks_at.main_venue(pats, s.indoor, start, end) if pats else (None, None)
        _add_comp(st, series, year, start, end, venue, country, hint_source[(series, year)])


def _add_championships(st: BuildState, marks_at: VenueMarks, hosts: Hosts,
                       host_source: dict[tuple[str, int], str]) -> None:
    """Championships no structured source dates: the main multi-day cluster of marks in the host city."""
    for (series, year), cities in sorted(hosts.items()):
        if (series, year) in st.comp_index:
            continue
        pats = tuple(comps.city_pattern(c) for c in cities)
        days = marks_at.days(pats, series == "WIC", year, comps.CHAMPIONSHIP_MONTHS[series])
        runs = [r for r in comps.clusters(days) if r[0] != r[1]]
        if not runs:
            if any(p.meet and (p.meet.series, p.meet.year) == (series, year) for b in st.batches
                   for p in b.performances):
                # Known from a medal/finals list but not dated by the results: keep it, undated.
                _add_comp(st, series, year, None, None, None, None, host_source[(series, year)])
            continue
        start, end, _ = max(runs, key=lambda r: r[2])
        start, end = championship_days(marks_at.days_by_venue(pats, series == "WIC", year,
                                                              comps.CHAMPIONSHIP_MONTHS[series]), start, end)
        venue, country = marks_at.main_venue(pats, series == "WIC", start, end)
        _add_comp(st, series, year, start, end, venue, country, host_source[(series, year)])


def home_venues(st: BuildState, marks_at: VenueMarks) -> dict[str, tuple[str, ...]]:
    """Where a series' one-day meetings may be found from the results alone (series id -> venue patterns).
    Evidence, not a city's name: a Diamond League meeting's home is each venue where the toplists hold marks
    on the days of at least two of the archive's editions (Alexander Stadium for the Birmingham Grand Prix,
    not Gateshead, where the archive holds only its 2010 edition; Hayward Field for the Pre Classic, not
    Stanford; Letzigrund and the city square of Weltklasse Zürich's city event), and the venue texts that name
    no stadium but such a venue's city and nation (WA writes older venues as 'Oslo', 'Eugene, OR'). A series
    the archive does not cover has its curated venue (bot/pipeline/competitions.py: Millrose, the Armory or
    Madison Square Garden)."""
    homes: dict[str, tuple[str, ...]] = {}
    for s in comps.SERIES.values():
        if s.level in ("OG", "WCH", "WIC") or not s.venue_patterns:
            continue
        if s.dl_meeting_id is None:
            homes[s.id] = s.venue_patterns
            continue
        editions: Counter = Counter()
        for c in st.comps:
            if c.series == s.id and c.source != CURATED.id and c.start and c.end:
                held = {v for d, venues in marks_at.by_year.get(c.start[:4], {}).items() if c.start <= d <= c.end
                        for (v, indoor) in venues if indoor == s.indoor and comps.venue_matches(v, s.venue_patterns)}
                editions.update(held)
        stadiums = {v for v, n in editions.items() if n >= 2}
        cities = {(names.fold(venue_city(w) or ""), country) for v in stadiums for w, country in marks_at.written[v]}
        city_only = {v for v, seen in marks_at.written.items()
                     if any(_city_only(w) and (names.fold(venue_city(w) or ""), country) in cities
                            for w, country in seen)}
        homes[s.id] = tuple(rf"^{re.escape(v)}$" for v in sorted(stadiums | city_only))
    return homes


def _city_only(venue: str | None) -> bool:
    """A WA venue text that names a city and no stadium: 'Oslo', 'Eugene, OR', 'New York, NY'."""
    parts = [x.strip() for x in (venue or "").split(",") if x.strip()]
    if len(parts) > 1 and re.fullmatch(r"[A-Z]{2}", parts[-1]):
        parts = parts[:-1]
    return len(parts) == 1


def _add_one_day_meetings(st: BuildState, marks_at: VenueMarks, homes: dict[str, tuple[str, ...]],
                          years: list[int]) -> None:
    """One-day meetings in years no structured source dates: at the series' home (home_venues), the isolated
    peak of elite marks by athletes from abroad in the series' months (competitions.isolated_peak), unless
    the marks at that venue on the day before or after show a longer meeting around it (a championship: the
    2022 Commonwealth Games at Alexander Stadium, 2 to 7 August; national championships and trials)."""
    for s in comps.SERIES.values():
        pats = homes.get(s.id)
        if not pats:
            continue
        for year in years:
            if (s.id, year) in st.comp_index or _before_joining(s, year):
                continue
            window = comps.isolated_peak(marks_at.days(pats, s.indoor, year, s.months, marks_at.foreign))
            if window and not _inside_longer_meeting(marks_at.days(pats, s.indoor, year, ()), window):
                venue, country = marks_at.main_venue(pats, s.indoor, *window)
                _add_comp(st, s.id, year, window[0], window[1], venue, country, CURATED.id)


def _before_joining(s: comps.Series, year: int) -> bool:
    """A meeting that joined the Diamond League after the archive has no edition before it joined (its city's
    meetings of earlier years are other meetings); the archive's meetings keep their older editions."""
    return s.level == "DL" and s.dl_meeting_id is None and year < s.dl_first


def _inside_longer_meeting(day_counts: dict[str, int], window: tuple[str, str]) -> bool:
    """Whether the day before or after the window holds more than an eighth of the window's elite marks (all
    athletes): the window is then part of a longer meeting, not a one-day meeting. Measured on the toplists
    (the busier day next to each window found): the one-day meetings have 10% or less (Pre 1988: 4 marks the
    day before 39), the multi-day meetings at a home stadium 18% and more (Alexander Stadium, 2 to 7 August
    2022, the Commonwealth Games: 32 the day after 134)."""
    first, last = (dt.date.fromisoformat(d) for d in window)
    n = sum(c for d, c in day_counts.items() if window[0] <= d <= window[1])
    around = ((first - dt.timedelta(days=1)).isoformat(), (last + dt.timedelta(days=1)).isoformat())
    return any(day_counts.get(d, 0) * 8 > n for d in around)


def _fill_cities(st: BuildState, hosts: Hosts) -> None:
    """Cities: the venue's, else the host city a list or the curated table names."""
    for c in st.comps:
        host = hosts.get((c.series, c.year), (None,))[0]
        if host and host.islower():
            host = " ".join(w.capitalize() for w in host.split())
        c.city = venue_city(c.venue) or host


def _day_map(st: BuildState, hosts: Hosts, homes: dict[str, tuple[str, ...]]
             ) -> dict[str, list[tuple[Competition, tuple[str, ...]]]]:
    """The toplists' (date, venue) -> competition map: every day of each dated edition, with its venue patterns
    (an edition found from the results alone: only its home venues)."""
    day_map: dict[str, list[tuple[Competition, tuple[str, ...]]]] = defaultdict(list)
    for c in st.comps:
        if not c.start:
            continue
        s = comps.SERIES[c.series]
        pats = (homes.get(s.id, ()) if c.source == CURATED.id and s.level not in ("OG", "WCH", "WIC")
                else s.venue_patterns) or tuple(comps.city_pattern(x) for x in hosts.get((c.series, c.year), ()))
        assert c.end is not None, "an edition has both its first and last day, or neither"
        d0, d1 = dt.date.fromisoformat(c.start), dt.date.fromisoformat(c.end)
        while d0 <= d1:
            day_map[d0.isoformat()].append((c, pats))
            d0 += dt.timedelta(days=1)
    return day_map


def _away_road_races(st: BuildState, toplist: list[Performance]) -> None:
    """A championship's road races and walks belong to it wherever they were held (the Tokyo 2020 marathons
    and walks at Odori Park, Sapporo). No source names them, so the rule ties them by evidence: within the
    championship's days (to the day after its last), in the host nation, a race of a road event the series
    holds at its host cities (other editions), that this edition has no race of at its host city, with
    athletes of at least three nations. Such races join the edition, whose last day then covers them."""
    road = [p for p in toplist if p.date and p.venue and not p.indoor and ev.get(p.event).held == "road"]
    program: dict[str, set[tuple[str, str]]] = defaultdict(set)     # series -> (event, sex) held at its hosts
    at_home: set[tuple[int, str, str]] = set()                       # (edition, event, sex) held at its host
    away: list[Performance] = []
    for p in road:
        c = comp_for(st, p)
        if c is None:
            away.append(p)
        elif c.level in ("OG", "WCH"):
            program[c.series].add((p.event, p.sex))
            at_home.add((c.id, p.event, p.sex))
    editions = [c for c in st.comps if c.level in ("OG", "WCH") and c.start and c.end and c.country]
    nations: dict[tuple, set[str]] = defaultdict(set)
    for p in away:
        for c in editions:
            assert c.start is not None and c.end is not None
            after = (dt.date.fromisoformat(c.end) + dt.timedelta(days=1)).isoformat()
            if c.start <= (p.date or "") <= after and p.country == c.country and \
                    (p.event, p.sex) in program[c.series] and (c.id, p.event, p.sex) not in at_home:
                nations[(c.id, p.date, names.fold(p.venue or ""), p.event, p.sex)].add(p.athlete.nationality or "")
    for (cid, date, venue, event, sex), seen in sorted(nations.items()):
        if len(seen - {""}) >= 3:
            c = st.comps[cid - 1]
            st.away[(date, venue, event, sex)] = c
            c.end = max(c.end or date, date)
            st.stats["away_road_races"] += 1


def comp_for(st: BuildState, p: Performance) -> Competition | None:
    """The edition of a performance: the one its source names, else the one held at its venue that day (or
    a championship's road race away from its host city, _away_road_races)."""
    if p.meet:
        c = st.comp_index.get((p.meet.series, p.meet.year))
        if c:
            return c
    if p.date and p.venue:
        v = names.fold(p.venue)
        hit = st.away.get((p.date, v, p.event, p.sex))
        if hit is not None:
            return hit
        for c, pats in st.day_map.get(p.date, ()):
            if c.indoor == p.indoor and comps.venue_matches(v, pats):
                return c
    return None


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
