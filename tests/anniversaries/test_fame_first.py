"""Issue 18, the anniversaries: a post every day of the year, the day's most celebrated moment first, and
every claim true now. On the real database built from data/; every expected athlete, mark and date is read
from the raw files in ../shared/datasets (tests/ask/raw.py), never typed in."""
from __future__ import annotations

import csv
import datetime as dt
import sqlite3

import pytest

from bot.anniversaries.story import render
from bot.ask.day_stories import (
    BIRTHDAY,
    NATIONAL_RECORD,
    RACE_WIN,
    WORLD_RECORD,
    Preferences,
    Selector,
    niche,
)
from bot.render import charts
from bot.render.anniversary import chart_series
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


@pytest.fixture(scope="module")
def selector(db_path):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    yield Selector(conn)
    conn.close()


def wa_records(sex: str, discipline: str) -> list[dict]:
    """Rows of the WA world-records page (wa-records-2024) for one discipline, with an iso date."""
    with open(raw.SHARED / "wa-records-2024" / f"{sex}_world_records.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["DISCIPLINE"].strip() == discipline]
    for r in rows:
        r["iso"] = raw.iso(r["DATE"].strip())
    return rows


def family(name: str) -> str:
    return name.split()[-1].upper()


# -- 10. a story every day of the year ---------------------------------------------------------------------

def test_every_day_of_a_leap_year_has_a_post_with_the_default_preferences(selector):
    day, days, kinds = dt.date(2024, 1, 1), 0, set()
    while day.year == 2024:
        [s] = selector.select(day, Preferences())
        assert s.date[5:] == day.strftime("%m-%d") and s.years_ago >= 1 and s.sources, day
        post = render(s)
        assert post.lines[0].startswith(f"On this day in {s.year}, ") and post.sources
        days += 1
        kinds.add(s.category)
        day += dt.timedelta(days=1)
    assert days == 366
    assert {WORLD_RECORD, RACE_WIN, BIRTHDAY} <= kinds


def test_29_february_is_a_race_won_that_day(selector):
    """No record was set on a 29 February: the post is a champion's win (from the shot put toplist)."""
    [s] = selector.select(dt.date(2024, 2, 29))
    rows = [r for r in raw.toplist("female/shot-put.csv.gz") if r["iso"] == s.date and r["position"] == "1"]
    assert s.category == RACE_WIN and family(s.athlete) in {r["competitor"].split()[-1] for r in rows}
    row = next(r for r in rows if r["competitor"].split()[-1] == family(s.athlete))
    assert float(s.mark) == float(row["mark"])
    assert render(s).lines[0] == (f"On this day in {s.year}, {s.athlete} won the women's shot put in "
                                  f"{row['venue'].split(' (')[0]} with {s.mark}: {2024 - s.year} years ago today.")
    assert render(s).title.endswith(f"Women's shot put · {row['venue'].split(' (')[0]} · 29 February {s.year}")


def test_a_champion_born_on_a_day_with_nothing_else(selector, db):
    """24 December: no record, no final; an Olympic javelin champion's birthday (dob from the toplist)."""
    [s] = selector.select(dt.date(2024, 12, 24))
    assert s.category == BIRTHDAY
    dobs = {r["competitor"]: r["dob"] for r in raw.toplist("male/javelin-throw.csv.gz") if r["dob"]}
    name = next(n for n in dobs if n.split()[-1] == family(s.athlete))
    assert dobs[name] == s.date and s.event == "JT"
    assert s.athlete_fame is not None and s.athlete_fame.og_gold >= 1
    post = render(s)
    assert post.lines[0] == f"On this day in {s.date[:4]}, {s.athlete} ({s.nationality}) was born: " \
                            f"{2024 - int(s.date[:4])} years ago today."
    assert "Olympic title" in post.lines[1] and post.title.startswith("Born on this day")


def test_a_marathon_won_in_a_world_record_city_is_a_story(selector):
    """Berlin is a city of road world records (the progressions): Bekele's 2016 win there is a story."""
    assert any("Berlin" in r["Location"] for r in raw.dungates() if r["Distance"] == "Marathon")
    won = [r for r in raw.toplist("male/marathon.csv.gz")
           if r["iso"] == "2016-09-25" and r["position"] == "1" and r["venue"].startswith("Berlin")]
    [row] = won
    stories = selector.candidates(dt.date(2026, 9, 25))
    [s] = [x for x in stories if x.category == RACE_WIN and x.date == "2016-09-25" and x.event == "MAR"]
    assert (family(s.athlete), s.mark, s.level) == (row["competitor"].split()[-1], row["mark"], "road")


# -- 11. fame first --------------------------------------------------------------------------------------

def test_duplantis_olympic_record_leads_the_4x800_relay_record(selector):
    pv = next(r for r in wa_records("men", "Pole Vault") if r["PERF"] == "6.25")
    on = dt.date(2026, int(pv["iso"][5:7]), int(pv["iso"][8:]))
    stories = selector.candidates(on)
    keys = [(s.athlete, s.event) for s in stories]
    duplantis = keys.index(("Armand Duplantis", "PV"))
    relays = [i for i, s in enumerate(stories) if s.event == "4x800"]
    assert relays and all(duplantis < i for i in relays)
    assert stories[duplantis].date == pv["iso"] and stories[duplantis].level == "OG"


def test_the_berlin_marathon_records_lead_an_1885_record(selector):
    berlin = [r for r in raw.dungates() if r["Distance"] == "Marathon" and r["Date"][5:] == "09-28"]
    assert all("Berlin" in r["Location"] for r in berlin) and len(berlin) >= 3
    stories = selector.candidates(dt.date(2026, 9, 28))
    rank = {(s.athlete.split()[-1], s.date): i for i, s in enumerate(stories)}
    worst_berlin = max(rank[(r["Athlete"].split()[-1], r["Date"])] for r in berlin)
    old = [i for i, s in enumerate(stories) if s.year < 1900]
    assert old and min(old) > worst_berlin
    assert stories[0].event == "MAR" and stories[0].category == WORLD_RECORD


def test_kipyegon_leads_a_1966_mark(selector):
    rows = raw.improving(raw.toplist("female/1500-metres.csv.gz"))
    first_under_350 = next(r for r in rows if r["value"] < 230)
    assert first_under_350["competitor"] == "Faith KIPYEGON"
    day = first_under_350["iso"]
    [s] = selector.select(dt.date(2026, int(day[5:7]), int(day[8:])))
    assert (s.athlete, s.mark, s.date, s.barrier) == ("Faith Kipyegon", first_under_350["mark"], day, "3:50")
    others = selector.candidates(dt.date(2026, int(day[5:7]), int(day[8:])))
    assert any(o.date.startswith("1966") for o in others[1:])


def test_a_gbr_server_gets_kerrs_british_record_first(selector):
    row = next(r for r in raw.national() if r["Type"] == "GBR" and r["Discipline"] == "MEI" and r["Sex"] == "Male"
               and r["Environment"] == "Outdoor")
    day = raw.iso(row["Date"])
    on = dt.date(2026, int(day[5:7]), int(day[8:]))
    [s] = selector.select(on, Preferences(countries=("GBR",)))
    assert (s.category, s.athlete, s.mark, s.date) == (
        NATIONAL_RECORD, f"{row['Firstname']} {row['Lastname']}", row["Result"], day)
    # without GBR, a world record leads, not a relay
    [lead] = selector.select(on)
    assert lead.category == WORLD_RECORD and not niche(lead.event)


def test_niche_events_lead_only_a_day_with_nothing_else(selector):
    day = dt.date(2024, 1, 1)
    while day.year == 2024:
        stories = selector.select(day, Preferences(max_stories=1000))
        if niche(stories[0].event):
            assert all(niche(s.event) for s in stories), day
        day += dt.timedelta(days=1)


# -- 12. every claim true now ----------------------------------------------------------------------------

def test_a_world_record_the_toplists_have_beaten_does_not_still_stand(selector):
    """Kerron Clement's indoor 400 m (the WA records page still lists it) is beaten in the toplists: the post
    names the first mark that beat it, from the raw toplist."""
    [rec] = wa_records("men", "400 Metres Short Track")
    better = sorted((r for r in raw.toplist("male/400-metres.csv.gz")
                     if r["indoor"] and r["iso"] > rec["iso"] and r["value"] < raw.seconds(rec["PERF"])),
                    key=lambda r: r["iso"])
    assert better
    on = dt.date(2026, int(rec["iso"][5:7]), int(rec["iso"][8:]))
    [s] = [x for x in selector.candidates(on) if x.event == "400m" and x.indoor and x.category == WORLD_RECORD]
    assert (s.mark, s.date) == (rec["PERF"], rec["iso"])
    assert not s.current and s.bettered
    assert (family(s.broken_by.athlete), s.broken_by.mark, s.broken_by.date) == (
        better[0]["competitor"].split()[-1], better[0]["mark"], better[0]["iso"])
    post = render(s)
    assert "still stands" not in post.text and "has been bettered since" in post.lines[0]
    assert f"{s.broken_by.athlete} ({s.broken_by.nationality}) has done better since: {better[0]['mark']}" \
        in post.text


def test_every_superseded_world_record_names_its_successor(selector):
    day = dt.date(2026, 1, 1)
    while day.year == 2026:
        for s in selector.candidates(day):
            if s.category == WORLD_RECORD and not s.current:
                assert s.broken_by is not None, (s.key, day)
                assert "has since been broken" not in render(s).lines[0]
        day += dt.timedelta(days=7)


def test_the_chart_marks_the_days_record_not_only_the_latest(selector):
    first = next(r for r in sorted((r for r in raw.dungates() if r["Distance"] == "One Mile"),
                                   key=lambda r: r["Date"]) if float(r["Time"]) < 240)
    on = dt.date(2026, int(first["Date"][5:7]), int(first["Date"][8:10]))
    [s] = selector.select(on)
    post = render(s)
    series = chart_series(post)
    assert series is not None and series["highlight"][0] == first["Date"]
    pts = charts.points(series)
    i = charts.highlighted(series, pts)
    assert i is not None and i < len(pts) - 1 and pts[i][0].isoformat() == first["Date"]
    with_mark = charts.progression_png(series, "t")
    without = charts.progression_png({**series, "highlight": None}, "t")
    assert with_mark and without and with_mark != without


def test_a_gbr_server_gets_its_records_first_but_not_a_walk(selector):
    """Every day with a British record in an event fans follow leads with one; the days of British walk
    records (national.csv, disciplines ending in G) lead with something else."""
    walks = {raw.iso(r["Date"]) for r in raw.national() if r["Type"] == "GBR" and r["Discipline"].endswith("G")
             and r["Date"][:4] < "2024"}
    assert walks
    walk_days = {d[5:] for d in walks}
    day, seen = dt.date(2024, 1, 1), 0
    while day.year == 2024:
        stories = selector.select(day, Preferences(countries=("GBR",), max_stories=1000))
        british = [s for s in stories if s.category == NATIONAL_RECORD and not niche(s.event)]
        if british:
            assert stories[0] == british[0], day
        assert not niche(stories[0].event), day
        if day.strftime("%m-%d") in walk_days:    # a walk record of the file that the day's stories hold
            seen += any(niche(s.event) and s.category == NATIONAL_RECORD for s in stories)
        day += dt.timedelta(days=1)
    assert seen


def test_a_records_venue_is_the_race_as_the_toplists_have_it(selector):
    """The progression (from Wikipedia) puts Komen's two miles of 19 July 1997 in Brussels; the toplists, the
    authority for results, put the race in Hechtel: the post says where the race was."""
    [prog] = [r for r in raw.dungates() if r["Distance"] == "Two Mile" and r["Date"] == "1997-07-19"]
    [race] = [r for r in raw.toplist("male/two-miles.csv.gz")
              if r["iso"] == prog["Date"] and r["competitor"] == "Daniel KOMEN"]
    assert prog["Location"].startswith("Brussels") and race["venue"].startswith("Hechtel")
    [s] = [x for x in selector.candidates(dt.date(2026, 7, 19)) if x.event == "2miles"]
    town = race["venue"].split(" (")[0]
    assert (s.athlete, s.mark, s.venue) == ("Daniel Komen", race["mark"], town)
    assert f"ran {race['mark']} in {town}:" in render(s).lines[0]
    assert "wa-toplists" in {x.id for x in s.sources}
