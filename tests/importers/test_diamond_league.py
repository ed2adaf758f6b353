import re
from collections import Counter
from pathlib import Path

import pytest

from bot.common import marks
from bot.pipeline.importers import diamond_league as dl
from bot.pipeline.importers.diamond_league import event_and_sex, split_name
from bot.pipeline.importers.model import MeetHint
from tests.importers.helpers import SHARED, by_ref

FIXTURE = Path(__file__).parent.parent / "fixtures" / "diamond_league"
REAL = SHARED / "diamond-league-2010-2023"


@pytest.fixture(scope="module")
def batch():
    return dl.load(FIXTURE)


def rejected(batch, ref):
    return [r for r in batch.rejected if r.ref == ref]


# --- shared helpers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Men's Mile", ("mile", "M")), ("Women's 3000mSC", ("3000mSC", "W")), ("Men's 10,000m", ("10000m", "M")),
    ("100 m hurdles Women", ("100mH", "W")), ("3000 m steeple Men", ("3000mSC", "M")), ("Shot Women", ("SP", "W")),
    ("4X400M Relay Men", ("4x400", "M")), ("Mixed 4x400m relay", ("4x400", "X")),
    ("Men's 5km Road Race", ("road5k", "M")), ("Men's 1 Hour", (None, "M")), ("Women's 150m", (None, "W")),
    ("Men's Discus Throw (1,5kg)", (None, "M")), ("Men's 20,000m", (None, "M")),
])
def test_event_and_sex(text, expected):
    assert event_and_sex(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Josh KERR", ("Josh", "KERR")), ("HOCKER Cole", ("Cole", "HOCKER")), ("McEWEN Shelby", ("Shelby", "McEWEN")),
    ("McLAUGHLIN-LEVRONE Sydney", ("Sydney", "McLAUGHLIN-LEVRONE")), ("dos SANTOS Alison", ("Alison", "dos SANTOS")),
    ("Hicham EL GUERROUJ", ("Hicham", "EL GUERROUJ")), ("George Gribben", ("George", "Gribben")),
])
def test_split_name(text, expected):
    assert split_name(text) == expected


# --- fixture --------------------------------------------------------------------------------------------------

def test_fixture_counts(batch):
    assert len(batch.performances) == 60
    assert len(batch.rejected) == 17
    assert sum(r.corrected for r in batch.rejected) == 7


def test_mile_final_sections_and_meet(batch):
    p = by_ref(batch, "data/2014_25.json:Promotional Events/0/0")
    assert (p.athlete.given, p.athlete.family, p.athlete.nationality) == ("Ayanleh", "SOULEIMAN", "DJI")
    assert (p.event, p.sex, p.mark, p.place, p.date) == ("mile", "M", "3:47.32", 1, "2014-05-31")
    assert (p.round, p.heat, p.race_label) == ("F", 1, "Final 1")
    assert p.meet == MeetHint("DL-EUGENE", 2014, "Eugene Prefontaine Classic")
    assert p.athlete.source_athlete_id == "14375782" and p.athlete.birth_year == 1992
    dnf = by_ref(batch, "data/2014_25.json:Promotional Events/0/3")
    assert dnf.mark == "DNF" and dnf.place is None
    assert by_ref(batch, "data/2014_25.json:Promotional Events/1/0").race_label == "Final 2"


def test_heats_and_wind(batch):
    final = by_ref(batch, "data/2010_18.json:Diamond Discipline/0/0")
    heat = by_ref(batch, "data/2010_18.json:Diamond Discipline/1/0")
    assert (final.round, final.heat, final.wind, final.mark) == ("F", None, 2.1, "9.72")
    assert (heat.round, heat.heat, heat.wind) == ("H", 1, 1.7)


def test_skipped_categories_are_rejected_per_race(batch):
    assert "split times" in rejected(batch, "data/2014_25.json:Split times/0")[0].reason
    assert "U18" in rejected(batch, "data/2017_22.json:U18 Events/0")[0].reason
    assert "combined" in rejected(batch, "data/2018_21.json:Combined Events/0")[0].reason
    # A combined-event race filed under National Events is caught by its detail ("Combined").
    assert "combined" in rejected(batch, "data/2017_21.json:National Events/0")[0].reason
    assert "no event code" in rejected(batch, "data/2020_2.json:Promotional Events/1")[0].reason
    assert not any(p.ref.startswith(("data/2014_25.json:Split", "data/2017_", "data/2018_21", "data/2020_2"))
                   for p in batch.performances)


def test_doping_flags(batch):
    fp = by_ref(batch, "data/2010_19.json:Diamond Discipline/0/7")  # annulled: no mark in the source
    assert fp.athlete.family == "FRASER-PRYCE"
    assert (fp.mark, fp.place, fp.record_flags) == ("DQ", None, ("DOP",))
    assert "NV" in rejected(batch, "data/2019_33.json:Diamond Discipline/0/1")[0].reason
    assert [p.athlete.family for p in batch.performances if p.ref.startswith("data/2019_33")] == ["SEMENYA", "WILSON"]
    # The 2020 Inspiration Games 200 m: everyone "1st", Lyles' 18.90 short course -> whole race rejected.
    assert "virtual race" in rejected(batch, "data/2020_2.json:Promotional Events/0")[0].reason


def test_wind_aided_jumps(batch):
    li = by_ref(batch, "data/2010_25.json:Diamond Discipline/0/2")
    assert (li.athlete.family, li.mark, li.place) == ("LI", "8.29w", 3)
    assert marks.parse_mark(li.mark, "LJ").wind_aided
    assert rejected(batch, "data/2010_25.json:Diamond Discipline/0/2")[0].corrected
    legal = rejected(batch, "data/2010_25.json:Diamond Discipline/0/8")[0]
    assert not legal.corrected and "8.12" in legal.reason
    assert by_ref(batch, "data/2010_25.json:Diamond Discipline/0/0").mark == "8.46"  # no second row: as written
    assert sum(p.ref.startswith("data/2010_25") for p in batch.performances) == 8


def test_conflicting_places_dropped(batch):
    a = by_ref(batch, "data/2011_25.json:Diamond Discipline/0/2")
    b = by_ref(batch, "data/2011_25.json:Diamond Discipline/0/3")
    assert (a.mark, a.place, a.position) == ("13.98", None, "3")
    assert (b.mark, b.place) == ("13.94", None)
    # A genuine tie (same mark) keeps its place.
    assert [p.place for p in batch.performances if p.ref.startswith("data/2018_19") and p.mark == "1.88"] == [7, 7, 9]


def test_birth_years(batch):
    m = by_ref(batch, "data/2018_19.json:Diamond Discipline/0/11")
    assert (m.athlete.family, m.athlete.birth_year) == ("MAHUCHIKH", 2001)
    assert rejected(batch, m.ref)[0].corrected
    assert by_ref(batch, "data/2020_18.json:Promotional Events/0/0").athlete.birth_year == 1999


def test_unplaced_and_out_of_competition(batch):
    assert "without a place" in rejected(batch, "data/2020_18.json:Promotional Events/0/3")[0].reason
    oc = by_ref(batch, "data/2019_27.json:National Events/0/2")
    assert (oc.athlete.family, oc.mark, oc.place, oc.position) == ("MARTINA", "10.36", None, "OC")


def test_indoor_relays_and_pseudo_nations(batch):
    adams = by_ref(batch, "data/2010_2.json:Diamond Discipline/0/1")
    assert (adams.event, adams.mark, adams.indoor, adams.meet.series) == ("SP", "20.02", True, "DL-ZURICH")
    fra = by_ref(batch, "data/2010_19.json:Promotional Events/0/0")
    assert fra.athlete.is_team and fra.event == "4x100"
    assert (fra.athlete.family, fra.athlete.nationality) == ("France", "FRA")
    stars = by_ref(batch, "data/2010_24.json:Promotional Events/0/1")
    assert stars.athlete.family == "All Stars" and stars.athlete.nationality is None


def test_every_mark_parses(batch):
    for p in batch.performances:
        assert marks.parse_mark(p.mark, p.event)


def test_meeting_series_cover_the_meeting_ids():
    import json
    ids = {int(k) for k in json.loads((FIXTURE / "meetingIds.json").read_text("utf-8"))}
    assert ids == set(dl.DL_MEETING_SERIES)


# --- real data ------------------------------------------------------------------------------------------------

@pytest.mark.skipif(not REAL.exists(), reason="reference datasets not on this machine")
def test_real_data():
    b = dl.load(REAL)
    assert len(b.performances) == 36574
    assert len(b.rejected) == 1326
    # Every source row is either imported, rejected alone, or inside a rejected race.
    in_races = sum(int(re.search(r"\((\d+) results\)$", r.reason)[1])
                   for r in b.rejected if r.reason.endswith("results)"))
    single = sum(1 for r in b.rejected if not r.corrected and not r.reason.endswith("results)"))
    assert len(b.performances) + in_races + single == 39983
    reasons = Counter(r.reason for r in b.rejected)
    assert sum(v for k, v in reasons.items() if k.startswith("birthYear")) == 691
    assert sum(v for k, v in reasons.items() if k.startswith("best legal mark")) == 128

    def winner(date):
        return next(p for p in b.performances
                    if p.event == "mile" and p.sex == "M" and p.date == date and p.place == 1 and p.heat in (None, 1))
    # Bowerman Mile winners named in SOURCES.md, as the files have them.
    assert (winner("2014-05-31").athlete.family, winner("2014-05-31").mark) == ("SOULEIMAN", "3:47.32")
    assert (winner("2017-05-27").athlete.family, winner("2017-05-27").mark) == ("KWEMOI", "3:49.04")
    assert (winner("2021-08-21").athlete.family, winner("2021-08-21").mark) == ("INGEBRIGTSEN", "3:47.24")
    assert winner("2021-08-21").athlete.birth_year is None  # birthYear 1900 in the file
    assert sum(1 for f in (REAL / "data").glob("*.json") if f.read_text("utf-8").strip() == "{}") == 32
    for p in b.performances:
        assert marks.parse_mark(p.mark, p.event)
