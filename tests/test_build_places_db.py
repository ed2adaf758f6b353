"""Issue 14, patterns 2, 3 and 4 and the race invariants, over the whole database built from data/, against the
raw reference files (read here with plain csv / gzip / json, or with the cross-check's own readers).

- championship places: where the two Olympic medallist files agree on a medal, the final holds it at that
  place; every Olympic event has at most one final holding medals, and exactly one where a source has marks;
- championship events away from the stadium: a championship's road races and walks in its host nation during
  its days (an international field) belong to it, wherever they were held (Tokyo 2020 in Sapporo);
- meet names need evidence: a Diamond League meeting's races are on the archive's days, or at a stadium where
  the archive holds two or more of its editions (or that stadium's city, as older venue texts write it);
- one athlete once per race, one race once (bot data check's invariants).
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
import sqlite3
from collections import defaultdict
from functools import cache

import pytest

from bot.common import events as ev
from bot.common import names
from bot.pipeline import competitions as comps
from bot.pipeline import crosscheck, datacheck
from bot.pipeline.importers.dates import parse_date
from bot.pipeline.importers.wa_toplists import SLUG_EVENTS
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()

DL = SHARED / "diamond-league-2010-2023"


def _medal_races(db: sqlite3.Connection, year: int, code: str, sex: str) -> dict[int, list]:
    races = crosscheck._final_rows(db, "OG", crosscheck.OG_HELD.get(year, year), code, sex)
    return {r: rows for r, rows in races.items() if any(p in (1, 2, 3) for p, *_ in rows)}


# --------------------------------------------------------------------------------------------- pattern 2

def test_agreed_olympic_medals_hold_their_place(db):
    """Every medal both Olympic medallist files give the same athlete (family name, plain csv) is that
    athlete's place in the final."""
    people = crosscheck.People(db)
    second = crosscheck.olympic_medallists_with_marks(SHARED)
    decided = crosscheck.decisions()  # a medal whose rows are rejected as garbled (data/decisions.csv)
    checked, wrong = 0, []
    for (year, code, sex), medals in crosscheck.olympic_medallists(SHARED).items():
        races = crosscheck._final_rows(db, "OG", crosscheck.OG_HELD.get(year, year), code, sex)
        for m in medals:
            other = second.get((year, code, sex, m.place))
            if not m.family or m.loose or not other or not crosscheck._agree(set(m.family), other):
                continue
            checked += 1
            at = [aid for rows in races.values() for p, aid, _n, _name, team in rows if p == m.place and not team]
            if not any(people.matches(aid, set(m.family)) for aid in at) and \
                    ("og-podium", f"OG {year} {sex} {code} {m.place}") not in decided:
                wrong.append(f"{year} {sex} {code} {m.place}: {m.shown} [{m.ref}]")
    assert checked > 1500
    assert not wrong, wrong


@pytest.mark.parametrize("year, code, sex, podium", [
    # both files: La Vona Ann MARTIN / LaVonna MARTIN silver, DONKOVA bronze; the toplists lack Martin's 12.69
    (1992, "100mH", "W", {1: "Patoulidou", 2: "Martin", 3: "Donkova"}),
    # both files: silver to Thanou and to Lawrence, no gold
    (2000, "100m", "W", {2: "Thanou", 3: "Ottey"}),
])
def test_agreed_podiums_from_the_issue(db, year, code, sex, podium):
    rows = crosscheck.olympic_medallists(SHARED)[(year, code, sex)]
    assert {m.place for m in rows} == set(podium)
    races = _medal_races(db, year, code, sex)
    assert len(races) == 1
    held = {(p, name) for p, _aid, _nat, name, _team in next(iter(races.values())) if p in (1, 2, 3)}
    for place, family in podium.items():
        assert any(p == place and family.lower() in names.fold(n) for p, n in held), (place, family, held)
    if year == 2000:
        assert not [n for p, n in held if p == 1] and len([n for p, n in held if p == 2]) == 2


def test_every_olympic_event_has_one_final_holding_its_medals(db):
    """At most one race holds an Olympic event's medals; exactly one where the marks file has the final."""
    second = crosscheck.olympic_medallists_with_marks(SHARED)
    with_marks = {(y, c, s) for (y, c, s, _p) in second}
    split, missing = [], []
    for (year, code, sex) in crosscheck.olympic_medallists(SHARED):
        n = len(_medal_races(db, year, code, sex))
        if n > 1:
            split.append((year, code, sex, n))
        if n == 0 and (year, code, sex) in with_marks:
            missing.append((year, code, sex))
    assert not split and not missing, (split, missing)


# --------------------------------------------------------------------------------------------- pattern 3

@cache
def _road_rows() -> tuple[tuple[str, str, dict], ...]:
    out = []
    for sex_dir, sex in (("male", "M"), ("female", "W")):
        for file in sorted((SHARED / "wa-toplists" / sex_dir).glob("*.csv.gz")):
            code = SLUG_EVENTS.get(file.name.removesuffix(".csv.gz"))
            if code is None or ev.get(code).held != "road":
                continue
            with gzip.open(file, "rt", newline="", encoding="utf-8") as f:
                out += [(code, sex, r) for r in csv.DictReader(f) if r.get("age_cat", "senior") == "senior"]
    return tuple(out)


def _venue(raw: str) -> str:
    return re.sub(r"\s*\([A-Z]{3}\)\s*$", "", raw.strip())


def test_championship_road_races_away_from_the_host_city_belong_to_it(db):
    """Every road race or walk of an event the series holds, run during an Olympic Games or World
    Championships (to the day after) in the host nation with athletes of three or more nations, is a race of
    that edition in the database: the marathons and walks of Tokyo 2020 in Sapporo among them."""
    editions = db.execute("SELECT id, series_id, year, country, start_date, end_date FROM competitions "
                          "WHERE series_id IN ('OG', 'WCH') AND start_date IS NOT NULL").fetchall()
    held = {(s, c, x) for s, c, x in db.execute(
        "SELECT DISTINCT c.series_id, e.code, e.sex FROM races r JOIN competitions c ON c.id = r.competition_id "
        "JOIN events e ON e.id = r.event_id WHERE c.series_id IN ('OG', 'WCH')")}
    nations: dict[tuple, set[str]] = defaultdict(set)
    for code, sex, r in _road_rows():
        for cid, series, _year, country, start, end in editions:
            after = (dt.date.fromisoformat(end) + dt.timedelta(days=1)).isoformat()
            if start <= r["date"] <= after and r["venue_country"] == country and (series, code, sex) in held:
                nations[(cid, r["date"], _venue(r["venue"]), code, sex)].add(r["nationality"])
    missing, checked = [], 0
    for (cid, date, venue, code, sex), seen in sorted(nations.items()):
        if len(seen) < 3:
            continue
        checked += 1
        # (a race another source dates, Rio 2016's, keeps that source's venue text)
        if not db.execute("SELECT 1 FROM races r JOIN events e ON e.id = r.event_id WHERE r.competition_id = ? "
                          "AND r.date = ? AND e.code = ? AND e.sex = ?", (cid, date, code, sex)).fetchone():
            missing.append((cid, date, venue, code, sex))
    assert checked >= 5 and not missing, missing


def test_tokyo_2020_marathon_champions_from_sapporo(db):
    for code, sex in (("MAR", "M"), ("MAR", "W"), ("20kmW", "M"), ("20kmW", "W"), ("50kmW", "M")):
        first = [r for c, s, r in _road_rows() if (c, s) == (code, sex) and "Sapporo" in r["venue"]
                 and "2021-08-05" <= r["date"] <= "2021-08-08" and r["position"] == "1"]
        assert len(first) == 1, (code, sex, first)
        row = db.execute(
            "SELECT a.name, res.mark, r.round, r.venue FROM races r JOIN competitions c ON c.id = r.competition_id "
            "JOIN events e ON e.id = r.event_id JOIN results res ON res.race_id = r.id "
            "JOIN athletes a ON a.id = res.athlete_id WHERE c.series_id = 'OG' AND c.year = 2021 AND e.code = ? "
            "AND e.sex = ? AND res.place = 1", (code, sex)).fetchone()
        assert row is not None, (code, sex)
        family = [w for w in first[0]["competitor"].split() if w.isupper()]
        assert all(names.fold(w) in names.fold(row[0]) for w in family), (row, first[0]["competitor"])
        assert (row[2], "Sapporo" in row[3]) == ("F", True)
    end, = db.execute("SELECT end_date FROM competitions WHERE series_id = 'OG' AND year = 2021").fetchone()
    assert end == max(r["date"] for c, s, r in _road_rows() if "Odori Park, Sapporo" in r["venue"]
                      and r["date"].startswith("2021-08"))


# --------------------------------------------------------------------------------------------- pattern 4

@cache
def _archive_days() -> dict[tuple[str, int], set[str]]:
    """(series, year) -> the days the Diamond League archive dates its races (titles '... - dd.mm.yyyy')."""
    out: dict[tuple[str, int], set[str]] = defaultdict(set)
    for file in (DL / "data").glob("*.json"):
        year, meeting = (int(x) for x in file.stem.split("_"))
        for races in json.loads(file.read_text("utf-8")).values():
            for race in races:
                m = re.search(r"(\d\d)\.(\d\d)\.(\d{4})$", race.get("title", ""))
                if m and int(meeting) in comps.DL_MEETING_SERIES:
                    out[(comps.DL_MEETING_SERIES[int(meeting)], year)].add(f"{m[3]}-{m[2]}-{m[1]}")
    return out


def _city_only(venue: str) -> bool:
    parts = [x.strip() for x in venue.split(",")]
    return len(parts) == 1 or (len(parts) == 2 and bool(re.fullmatch(r"[A-Z]{2}", parts[1])))


def _toplist_day(raw: str) -> str:
    """ISO date of a toplist row: the main files write '2009-08-16', fallback_raw '16 AUG 2009'."""
    return raw if re.fullmatch(r"\d{4}-\d\d-\d\d", raw) else dt.datetime.strptime(raw, "%d %b %Y").date().isoformat()


def _archive_homes() -> dict[str, set[tuple[str, str]]]:
    """series -> (venue, nation) of the toplists' elite marks (score 1100+) on the days of two or more of the
    archive's editions of that series, in the series' cities (raw files; city patterns from competitions.py)."""
    by_day: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (series, year), dates in _archive_days().items():
        for d in dates:
            by_day[d].append((series, year))
    years: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for file in sorted((SHARED / "wa-toplists").glob("*/*.csv.gz")):
        with gzip.open(file, "rt", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                r = {k.lower(): v for k, v in row.items() if k}
                venue, score = r.get("venue") or "", r.get("result_score") or r.get("results score") or ""
                if r.get("age_cat", "senior") != "senior" or venue.endswith("(i)") or not r.get("date") \
                        or (score and float(score) < 1100):
                    continue
                day = _toplist_day(r["date"])
                for series, year in by_day.get(day, ()):
                    if comps.venue_matches(names.fold(_venue(venue)), comps.SERIES[series].venue_patterns):
                        years[(series, _venue(venue), venue.rstrip()[-4:-1])].add(year)
    homes: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for (series, venue, nation), seen in years.items():
        if len(seen) >= 2:
            homes[series].add((venue, nation))
    return homes


def _city(venue: str) -> str:
    parts = [x.strip() for x in venue.split(",")]
    if len(parts) > 1 and re.fullmatch(r"[A-Z]{2}", parts[-1]):
        parts = parts[:-1]
    return parts[-1]


def test_meeting_names_have_evidence(db):
    """A race at a Diamond League meeting is on a day the archive gives that meeting, or at a home of the
    meeting: a venue where the toplists hold elite marks on the days of two or more of its archive editions,
    or a venue text naming only such a venue's city (same nation)."""
    days, homes = _archive_days(), _archive_homes()
    wrong, named = [], 0
    for series, year, venue, country, date, source in db.execute(
            "SELECT c.series_id, c.year, r.venue, r.country, r.date, c.source_id FROM races r "
            "JOIN competitions c ON c.id = r.competition_id WHERE c.series_id LIKE 'DL-%' AND r.date IS NOT NULL"):
        named += 1
        if date in days.get((series, year), ()):
            continue
        meet = comps.SERIES[series]
        if meet.dl_meeting_id is None:
            # joined after the archive: only the toplists hold it, so the evidence is the rule the series
            # declares: its city's venue, its months, from the season it joined
            folded = names.fold(venue or "")
            if source != "diamond-league-2010-2023" and any(re.search(rx, folded) for rx in meet.venue_patterns) \
                    and int(date[5:7]) in meet.months and year >= meet.dl_first:
                continue
            wrong.append((series, year, venue, date))
            continue
        cities = {(_city(v), n) for v, n in homes[series]}
        at_home = (venue, country) in homes[series] or (_city_only(venue or "") and
                                                        (_city(venue or ""), country) in cities)
        if source == "diamond-league-2010-2023" or not at_home:
            wrong.append((series, year, venue, date))
    assert named > 10000 and not wrong, wrong[:20]
    assert ("Alexander Stadium, Birmingham", "GBR") in homes["DL-BIRMINGHAM"]
    assert not [v for v, _n in homes["DL-BIRMINGHAM"] if "Gateshead" in v]


def test_birmingham_grand_prix_only_where_the_evidence_is(db):
    # The archive holds one Birmingham Grand Prix at Gateshead (2010), on its own day; the Commonwealth Games
    # at Alexander Stadium (2-7 August 2022) are no Diamond League meeting.
    gateshead = db.execute("SELECT DISTINCT r.date FROM races r JOIN competitions c ON c.id = r.competition_id "
                           "WHERE c.series_id = 'DL-BIRMINGHAM' AND r.venue LIKE '%Gateshead%'").fetchall()
    assert {d for d, in gateshead} <= _archive_days()[("DL-BIRMINGHAM", 2010)]
    cwg = db.execute("SELECT COUNT(*), COUNT(r.competition_id) FROM races r WHERE r.venue LIKE 'Alexander Stadium%' "
                     "AND r.date BETWEEN '2022-08-02' AND '2022-08-07'").fetchone()
    assert cwg[0] > 0 and cwg[1] == 0


# --------------------------------------------------------------------------------------------- invariants

def test_one_athlete_once_per_race_and_one_race_once(db):
    add = datacheck._adder(50)
    assert datacheck.one_athlete_once_per_race(db, add, "") == []
    assert datacheck.one_race_once(db, add, "") == []


# --------------------------------------------------------------------------------------------- decisions

def test_decisions_hold_in_the_sources(db):
    """Each line of data/decisions.csv settles a finding the cross-check makes today, and its reason holds in
    the raw files: no medallist file gives the medal the toplists' place holds; the Diamond League archive
    holds two races whose shared athletes have other marks in each."""
    known = crosscheck.decisions()
    assert known
    report = crosscheck.run(db, SHARED, only={"Olympic podiums", "none stored twice"})
    documented = {(f.check, f.key) for f, _ in report.documented}
    assert {k for k in known if k[0] in ("og-podium", "race-twice")} <= documented
    first, second = crosscheck.olympic_medallists(SHARED), crosscheck.olympic_medallists_with_marks(SHARED)
    for (check, key), reason in known.items():
        if check == "og-podium" and "garbled" in reason:
            continue  # a medallist whose name the files mangle (tests/importers/test_olympic_medals.py)
        if check == "og-podium" and "one per championship race" in reason:
            continue  # a nation's second team in one race, which the file does give (the test the reason names)
        if check == "og-podium":
            _og, year, sex, code, place = key.split()
            assert not [m for m in first[(int(year), code, sex)] if m.place == int(place)], key
            assert not second.get((int(year), code, sex, int(place))), key
        elif check == "race-twice" and "wa-toplists" in reason:
            _toplist_races_hold(key, reason)
        elif check == "race-twice":
            date, sex, code = key.split()[:3]
            races = _archive_races(date, code, sex)
            marks_by: dict[str, set[str]] = defaultdict(set)
            for rows in races:
                for who, mark in rows.items():
                    marks_by[who].add(mark)
            shared = [who for who in marks_by if sum(who in rows for rows in races) > 1]
            assert len(races) >= 2 and len(shared) >= 2, key
            assert all(len(marks_by[who]) > 1 for who in shared), key


TOPLIST_REF = re.compile(r"((?:fallback_raw/)?(?:male|female)/[\w.-]+\.csv(?:\.gz)?):(\d+)")


def _toplist_races_hold(key: str, reason: str) -> None:
    """A race-twice decision on toplist races cites, for each athlete in both, the two toplist rows of that
    day: one athlete, that date, two different marks, each with a position of its own or at two venues (two
    races: a mark without a position at the same venue may be another attempt of one series)."""
    refs = TOPLIST_REF.findall(reason)
    assert len(refs) >= 4 and len(refs) % 2 == 0, key
    who = set()
    for (fa, la), (fb, lb) in zip(refs[::2], refs[1::2], strict=True):
        a, b = _toplist_row(fa, int(la)), _toplist_row(fb, int(lb))
        assert names.fold(a["competitor"]) == names.fold(b["competitor"]), (key, a, b)
        assert parse_date(a["date"]) == parse_date(b["date"]) == key.split()[0], (key, a, b)
        assert a["mark"] != b["mark"] and (a["pos"] and b["pos"] or a["venue"] != b["venue"]), (key, a, b)
        who.add(names.fold(a["competitor"]))
    assert len(who) >= 2, key


@cache
def _toplist_rows(rel: str) -> dict[int, dict[str, str]]:
    """A toplist file's rows by the line its refs give (the header is line 1), columns by lower-case name
    ('pos' for the camminady files' Pos and the others' position)."""
    with gzip.open(SHARED / "wa-toplists" / rel, "rt", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower().replace("position", "pos") for h in next(reader)]
        return {line: dict(zip(header, (c.strip() for c in row), strict=False))
                for line, row in enumerate(reader, start=2)}


def _toplist_row(rel: str, line: int) -> dict[str, str]:
    return _toplist_rows(rel)[line]


def _archive_races(date: str, code: str, sex: str) -> list[dict[str, str]]:
    """The Diamond League archive's races of an event on a day: {athlete: mark} each."""
    from bot.pipeline.importers.diamond_league import event_and_sex
    day = f"{date[8:10]}.{date[5:7]}.{date[:4]}"
    out = []
    for file in (DL / "data").glob(f"{date[:4]}_*.json"):
        for races in json.loads(file.read_text("utf-8")).values():
            for race in races:
                title = race.get("title", "")
                if title.endswith(day) and event_and_sex(title.rsplit(" - ", 1)[0]) == (code, sex):
                    out.append({x["athlete"]: x["mark"] for x in race.get("data", []) if x.get("athlete")})
    return out
