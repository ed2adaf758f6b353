import csv
from collections import Counter
from pathlib import Path

import pytest

from bot.common import marks
from bot.pipeline.importers import taf3_records as taf3
from bot.pipeline.importers import wa_records
from bot.pipeline.importers.model import SourceFileError
from tests.importers.helpers import SHARED, reasons, record

FIXTURE = Path(__file__).parent.parent / "fixtures" / "taf3_records"
REAL = SHARED / "nimarion-records"
real = pytest.mark.skipif(not REAL.exists(), reason="reference datasets not on this machine")


@pytest.fixture(scope="module")
def national():
    return taf3.load_national(FIXTURE / "national.csv")


def test_national_row(national):
    kerr = record(national, "national.csv:2")
    assert (kerr.kind, kerr.region, kerr.event, kerr.sex, kerr.mark, kerr.date) == (
        "national", "GBR", "mile", "M", "3:45.34", "2024-05-25")
    assert (kerr.athlete.given, kerr.athlete.family, kerr.athlete.nationality, kerr.athlete.birth_year) == (
        "Josh", "Kerr", "GBR", 1997)
    assert (kerr.venue, kerr.country, kerr.indoor, kerr.current, kerr.progression) == (
        "Eugene", "USA", False, True, False)
    assert record(national, "national.csv:3").indoor is True  # Environment Indoor
    assert national.source.authority == 85 and "01c4e67a" in national.source.origin


def test_every_row_accounted_for(national):
    lines = len((FIXTURE / "national.csv").read_text(encoding="utf-8").splitlines()) - 1
    dropped = {r.ref for r in national.rejected if not r.corrected}
    assert len(national.records) + len(dropped) == lines
    assert not dropped & {r.ref for r in national.records}


def test_sprint_trailing_zero_restored(national):
    usa = record(national, "national.csv:4")
    assert usa.mark == "37.10" and not marks.parse_mark(usa.mark, usa.event).hand
    assert reasons(national, "national.csv:4", corrected=True) == [
        "'37.1' read as '37.10': this file drops the trailing zero of sprint times"]
    # Before 1977 a one-decimal time stays a hand time, but is still flagged.
    chad = record(national, "national.csv:5")
    assert chad.mark == "41.1" and marks.parse_mark(chad.mark, chad.event).hand
    assert "kept as a hand time" in reasons(national, "national.csv:5", corrected=True)[0]
    assert chad.venue is None and chad.country is None  # empty venue, '???' country


def test_field_mark_lost_zero_parses(national):
    pv = record(national, "national.csv:6")
    assert pv.mark == "6.3" and marks.parse_mark(pv.mark, "PV").text == "6.30"
    assert not reasons(national, "national.csv:6")


def test_duplicate_spelling_dropped_shared_record_kept(national):
    assert record(national, "national.csv:7").athlete.family == "Komelyuk"
    assert [r.ref for r in national.records].count("national.csv:8") == 0
    assert reasons(national, "national.csv:8") == [
        "duplicate of line 7 (written as 'Aleksandr Komelyuk'): 'Aleksandr Kornelyuk', 6.61, 1974-03-09"]
    # Two athletes sharing a record (different birth years, no name in common) are both kept.
    shared = [r for r in national.records if r.region == "SMR"]
    assert sorted(r.athlete.family for r in shared) == ["Canini", "Maiani"]
    assert all(r.current for r in shared)
    # A record equalled later by the same athlete: two rows, both current.
    assert [r.date for r in national.records if r.region == "MEX"] == ["2006-02-18", "2009-02-18"]


def test_rejections(national):
    assert reasons(national, "national.csv:13") == ["'MIX' is a mixed-nations team, not a nation"]
    assert reasons(national, "national.csv:14") == ["'FOR' (foreign athletes' list) is not a nation"]
    assert reasons(national, "national.csv:15") == ["mark '10.22': wind +4.3 m/s is over the limit: not a record"]
    assert reasons(national, "national.csv:16") == ["discipline 'ZEH' has no event code"]
    assert reasons(national, "national.csv:21")[0].startswith("mark '1:4x.00':")
    assert "impossible" in reasons(national, "national.csv:22")[0]  # a 200 m in 10.88


def test_relay_is_the_nation(national):
    urs = record(national, "national.csv:17")
    assert (urs.athlete.given, urs.athlete.family, urs.athlete.nationality, urs.athlete.is_team) == (
        "", "Soviet Union", "URS", True)
    assert not reasons(national, "national.csv:17")  # the written name was the nation's: nothing to log
    mononym = record(national, "national.csv:18").athlete
    assert (mononym.given, mononym.family) == ("", "Eleni")


def test_best_national_record_is_current(national):
    fives = {r.athlete.family: r.current for r in national.records if r.event == "5000m"}
    assert fives == {"Chebet": True, "Tsegay": True}  # different nations: each its own record


def test_area_ids_and_defects():
    batch = taf3.load_area(FIXTURE / "area.csv")
    assert [(r.ref, r.region) for r in batch.records][:3] == [
        ("area.csv:2", "OCE"), ("area.csv:3", "SAM"), ("area.csv:4", "AFR")]
    assert record(batch, "area.csv:3").wind == 1.8  # '+1.8'
    assert all(r.kind == "area" and r.current is None for r in batch.records)
    # Relay name copied from the CIV row onto the NGR one: the Nation column wins.
    ngr = record(batch, "area.csv:5").athlete
    assert (ngr.family, ngr.nationality) == ("Nigeria", "NGR")
    assert reasons(batch, "area.csv:5", corrected=True) == [
        "relay team written 'Côte D’Ivoire'; taken from the Nation column instead: Nigeria (NGR)"]
    assert not reasons(batch, "area.csv:4")  # 'Côte D’Ivoire' for CIV is right
    assert reasons(batch, "area.csv:7") == [
        "duplicate of line 6 (an exact copy): 'Genzebe Dibaba', 8:16.60, 2014-02-06"]
    assert reasons(batch, "area.csv:9") == ["area id '9' is not one of ['1', '2', '3', '4', '5', '6']"]
    # This file keeps trailing zeros: one decimal is a real hand time, and not flagged.
    assert record(batch, "area.csv:8").mark == "22.10"
    assert record(batch, "area.csv:10").mark == "6.3" and not reasons(batch, "area.csv:10")


def test_world_files():
    world = taf3.load_world(FIXTURE / "world_2024-06-26_both-sexes.csv")
    assert all(r.kind == "world" and r.region == "WORLD" and r.current is None for r in world.records)
    mixed = record(world, "world_2024-06-26_both-sexes.csv:2")
    assert (mixed.sex, mixed.event, mixed.athlete.nationality) == ("X", "4x400", "USA")
    hoka = record(world, "world_2024-06-26_both-sexes.csv:5")
    assert (hoka.athlete.family, hoka.indoor) == ("United States", True)
    assert reasons(world, "world_2024-06-26_both-sexes.csv:5", corrected=True)
    # HEAD world.csv: every relay named 'United States', the URS ones included.
    women = taf3.load_world_women(FIXTURE / "world_2024-07-20_women-only.csv")
    teams = [(r.athlete.family, r.athlete.nationality) for r in women.records if r.athlete.is_team]
    assert teams == [("Soviet Union", "URS"), ("Soviet Union", "URS"), ("United States", "USA")]
    assert len([r for r in women.rejected if r.corrected]) == 2
    u20 = taf3.load_world_u20(FIXTURE / "world-u20.csv")
    assert {r.kind for r in u20.records} == {"world_u20"} and {r.sex for r in u20.records} == {"W"}
    assert record(u20, "world-u20.csv:3").athlete.family == "United States"  # written 'Jamaica U20', Nation USA
    assert reasons(u20, "world-u20.csv:3", corrected=True)
    assert not reasons(u20, "world-u20.csv:2")


def test_load_all_skips_the_redundant_women_file():
    assert [b.source.id for b in taf3.load_all(FIXTURE)] == [
        "nimarion-national", "nimarion-area", "nimarion-world-2024-06", "nimarion-world-u20"]
    assert len(taf3.load_all(FIXTURE, include_world_women=True)) == 5


def test_wrong_format(tmp_path):
    bad = tmp_path / "national.csv"
    bad.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(SourceFileError):
        taf3.load_national(bad)


# ---------------------------------------------------------------- real data


@real
def test_real_national():
    batch = taf3.load_national(REAL / "national.csv")
    dropped = Counter(r.reason.split(":")[0].split(" (")[0] for r in batch.rejected if not r.corrected)
    assert len(batch.records) + sum(dropped.values()) == 13139
    assert len(batch.records) == 13106
    assert sum(1 for r in batch.rejected if r.reason.startswith("duplicate of line")) == 19
    assert sum(1 for r in batch.rejected if "not a nation" in r.reason) == 9
    assert sum(1 for r in batch.rejected if "over the limit" in r.reason) == 4
    assert sum(1 for r in batch.rejected if "impossible" in r.reason) == 1
    assert sum(1 for r in batch.rejected if r.corrected and "drops the trailing zero" in r.reason) == 294
    assert sum(1 for r in batch.rejected if r.corrected and "kept as a hand time" in r.reason) == 9
    kerr = [r for r in batch.records if r.region == "GBR" and r.event == "mile" and r.sex == "M" and not r.indoor]
    assert [(r.mark, r.athlete.family, r.date) for r in kerr] == [("3:45.34", "Kerr", "2024-05-25")]
    # The best national record over 5000 m (women, outdoor) is the world record.
    fives = [r for r in batch.records if r.event == "5000m" and r.sex == "W" and not r.indoor]
    best = min(fives, key=lambda r: marks.parse_mark(r.mark, r.event).value)
    assert (best.mark, best.athlete.family, best.region, best.date) == ("13:58.06", "Chebet", "KEN", "2025-07-05")
    # national.csv writes '22.1' for the record area.csv writes '22.10'.
    rus = [r for r in batch.records if r.region == "RUS" and r.event == "200m" and r.sex == "W" and r.indoor]
    assert [(r.mark, r.date) for r in rus] == [("22.10", "1995-02-19")]


@real
def test_real_other_files():
    area = taf3.load_area(REAL / "area.csv")
    assert len(area.records) == 238 and {r.sex for r in area.records} == {"W"}
    assert sum(1 for r in area.rejected if "exact copy" in r.reason) == 3
    assert Counter(r.region for r in area.records)["AFR"] == 38  # 39 rows, one an exact copy
    priv = [r for r in area.records if r.region == "EUR" and r.event == "200m" and r.indoor]
    assert [(r.mark, r.date, r.athlete.family) for r in priv] == [("22.10", "1995-02-19", "Privalova")]
    world = taf3.load_world(REAL / "world_2024-06-26_both-sexes.csv")
    assert len(world.records) == 83 and not [r for r in world.rejected if not r.corrected]
    pv = [r.mark for r in world.records if r.event == "PV" and r.sex == "M" and not r.indoor]
    assert pv == ["6.23"]  # stale, as SOURCES.md says: hence current=None
    u20 = taf3.load_world_u20(REAL / "world-u20.csv")
    assert len(u20.records) == 34


@real
def test_real_women_only_file_adds_nothing():
    """HEAD world.csv: the June file's women's rows again, with only the relay names worse."""
    key = lambda r: (r.event, r.indoor, r.mark, r.date, r.athlete.nationality, r.athlete.family)  # noqa: E731
    june = {key(r) for r in taf3.load_world(REAL / "world_2024-06-26_both-sexes.csv").records if r.sex == "W"}
    july = taf3.load_world_women(REAL / "world_2024-07-20_women-only.csv")
    assert {key(r) for r in july.records} == june
    assert len([r for r in july.rejected if r.corrected]) == 3  # 'United States' for URS, URS and RUS


@real
def test_real_area_ids_match_mapping():
    votes: dict[str, Counter] = {}
    nation_area = {}
    with (REAL / "mapping_areas.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            votes.setdefault(row["AreaId"], Counter())
            nation_area[row["Country"]] = row["AreaId"]
    known = {"EUR": ["GER", "FRA", "URS"], "NAC": ["USA", "CUB", "JAM"], "SAM": ["BRA", "ARG", "COL"],
             "AFR": ["KEN", "NGR", "ETH"], "ASI": ["CHN", "JPN", "IND"], "OCE": ["AUS", "NZL", "FIJ"]}
    for code, nations in known.items():
        ids = {nation_area[n] for n in nations}
        assert len(ids) == 1 and taf3.AREA_IDS[ids.pop()] == code
    # Every area record's athlete nation sits in the record's area per mapping_areas.csv.
    area = taf3.load_area(REAL / "area.csv")
    inverse = {v: k for k, v in taf3.AREA_IDS.items()}
    assert all(nation_area.get(r.athlete.nationality) == inverse[r.region] for r in area.records)


@real
def test_real_discipline_mapping_agrees():
    """Every TAF code of mapping_disciplines.csv is ours, and means the event its WA records name means."""
    with (REAL / "mapping_disciplines.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["taf"] for r in rows} == set(taf3.TAF_EVENTS)
    for r in rows:
        if r["worldathletics_records"]:
            wa_event, _ = wa_records.event_of(r["worldathletics_records"].replace("metres", "Metres")
                                              .replace("400m Metres", "400 Metres")
                                              .replace(" Mixed", ""))
            assert wa_event == taf3.TAF_EVENTS[r["taf"]], r
    used = set()
    for name in taf3.FILES.values():
        with (REAL / name).open(encoding="utf-8") as f:
            used |= {row["Discipline"] for row in csv.DictReader(f, delimiter=";")}
    assert used <= set(taf3.TAF_EVENTS)
