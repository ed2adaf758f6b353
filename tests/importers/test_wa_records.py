from collections import Counter
from pathlib import Path

import pytest

from bot.common import marks
from bot.pipeline.importers import wa_records
from bot.pipeline.importers.model import SourceFileError
from tests.importers.helpers import SHARED, reasons, record

FIXTURE = Path(__file__).parent.parent / "fixtures" / "wa_records"
REAL = SHARED / "wa-records-2024"
real = pytest.mark.skipif(not REAL.exists(), reason="reference datasets not on this machine")


@pytest.fixture(scope="module")
def batch():
    return wa_records.load(FIXTURE)


def test_row(batch):
    mile = record(batch, "men_world_records.csv:3")
    assert (mile.kind, mile.region, mile.event, mile.sex, mile.mark, mile.date, mile.indoor, mile.current) == (
        "world", "WORLD", "mile", "M", "3:43.13", "1999-07-07", False, True)
    assert (mile.athlete.given, mile.athlete.family, mile.athlete.nationality, mile.athlete.birth_date,
            mile.athlete.birth_year) == ("Hicham", "EL GUERROUJ", "MAR", "1974-09-14", 1974)
    assert (mile.venue, mile.country) == ("Stadio Olimpico, Roma", "ITA")
    assert batch.source.authority == 75 and "f9a66938" in batch.source.origin


def test_venue_trailing_space_and_indoor(batch):
    coleman = record(batch, "men_world_records.csv:2")
    assert (coleman.venue, coleman.country) == ("Albuquerque, NM", "USA")  # 'Albuquerque, NM (USA) '
    assert coleman.indoor  # 60 m: an indoor event even without 'Short Track'
    short = record(batch, "men_world_records.csv:4")
    assert (short.event, short.indoor, short.venue) == ("mile", True, "Boston, MA")
    # A field record set indoors counts for the standard list: not an indoor record.
    rojas = record(batch, "women_world_records.csv:6")
    assert (rojas.event, rojas.indoor, rojas.venue) == ("TJ", False, "Štark Arena, Beograd")
    walk = record(batch, "women_world_records.csv:7")
    assert (walk.event, walk.indoor, walk.athlete.birth_date, walk.athlete.birth_year) == ("3000mW", True, None, 1993)


def test_broken_record_both_rows_kept_best_is_current(batch):
    pv = {r.mark: r.current for r in batch.records if r.event == "PV" and r.region == "WORLD"}
    assert pv == {"6.24": False, "6.25": True}
    eur = {r.mark: r.current for r in batch.records if r.event == "PV" and r.region == "EUR"}
    assert eur == {"6.23": False, "6.24": True}
    road = {r.mark: r.current for r in batch.records if r.event == "roadmile"}
    assert road == {"3:56.13": False, "3:54.6": True}  # lower is better on the clock
    # Ties are all current: an equalled record.
    assert [r.current for r in batch.records if r.event == "60m" and r.sex == "W"] == [True, True]
    assert [r.current for r in batch.records if r.event == "HJ" and r.region == "EUR"] == [True, True]


def test_later_worse_row_is_not_a_broken_record(batch):
    assert not [r for r in batch.records if r.ref == "women_world_records.csv:4"]
    assert reasons(batch, "women_world_records.csv:4") == [
        "2:16:16 (2024-04-21) is worse than the record 2:11:53 set before it (2023-09-24): not a broken "
        "record but a separate category (women-only road record?)"]
    assert record(batch, "women_world_records.csv:5").current is True


def test_unmapped_and_duplicates(batch):
    assert reasons(batch, "men_world_records.csv:5") == ["discipline 'One Hour' has no event code"]
    assert reasons(batch, "men_world_records.csv:14") == ["exact duplicate of line 13"]
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in FIXTURE.glob("*.csv"))
    assert len(batch.records) + len({r.ref for r in batch.rejected if not r.corrected}) == lines


def test_road_events(batch):
    assert record(batch, "men_world_records.csv:10").event == "MAR"
    cj = record(batch, "men_world_records.csv:11")
    assert (cj.event, cj.athlete.given, cj.athlete.family) == ("road50k", "CJ", "ALBERTSON")
    assert marks.parse_mark(record(batch, "men_world_records.csv:9").mark, "roadmile").text == "3:54.6"


def test_relays(batch):
    jam = record(batch, "men_world_records.csv:12").athlete
    assert (jam.given, jam.family, jam.nationality, jam.is_team) == ("", "Jamaica", "JAM", True)
    hoka = record(batch, "men_world_records.csv:13").athlete
    assert (hoka.family, hoka.nationality) == ("HOKA NJ / NY TC", "USA")  # a club: kept as written
    assert not reasons(batch, "men_world_records.csv:12")
    # The European page copies one relay name onto every relay: each is named after its country.
    gbr = record(batch, "men_european_records.csv:6").athlete
    assert (gbr.family, gbr.nationality) == ("Great Britain", "GBR")
    assert reasons(batch, "men_european_records.csv:6", corrected=True) == [
        "relay team written 'German Democratic Republic' (copied from another row on this page); "
        "named after its country: Great Britain"]
    assert record(batch, "men_european_records.csv:7").athlete.family == "Soviet Union"


def test_unexplained_marker(batch):
    dmr = record(batch, "men_european_records.csv:8")
    assert (dmr.event, dmr.mark, dmr.current) == ("DMR", "9:24.07", None)
    assert "unexplained '!'" in reasons(batch, "men_european_records.csv:8", corrected=True)[0]


def test_event_of():
    assert wa_records.event_of("1500 Metres Short Track") == ("1500m", True)
    assert wa_records.event_of("10,000 Metres Race Walk") == ("10000mW", False)
    assert wa_records.event_of("One Hour") == (None, False)


def test_wrong_files(tmp_path):
    with pytest.raises(SourceFileError):
        wa_records.load(tmp_path)
    bad = tmp_path / "men_world_records.csv"
    bad.write_text("A,B\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceFileError):
        wa_records.load_file(bad)


# ---------------------------------------------------------------- real data


@real
def test_real_counts():
    batch = wa_records.load(REAL)
    dropped = Counter(r.reason.split(" ")[0] for r in batch.rejected if not r.corrected)
    assert len(batch.records) == 857 and sum(dropped.values()) == 32
    assert sum(1 for r in batch.rejected if "has no event code" in r.reason) == 26
    assert sum(1 for r in batch.rejected if r.reason.startswith("exact duplicate")) == 2
    assert sum(1 for r in batch.rejected if "is worse than the record" in r.reason) == 4
    assert Counter(r.current for r in batch.records) == {True: 834, False: 19, None: 4}
    assert {r.country for r in batch.records} - {None} and all(r.venue == r.venue.strip() for r in batch.records)


@real
def test_real_facts():
    batch = wa_records.load(REAL)
    mile = [r for r in batch.records if r.kind == "world" and r.event == "mile" and r.sex == "M" and not r.indoor]
    assert [(r.mark, r.athlete.family, r.date, r.current) for r in mile] == [
        ("3:43.13", "EL GUERROUJ", "1999-07-07", True)]
    pv = {r.mark: r.current for r in batch.records if r.kind == "world" and r.event == "PV" and r.sex == "M"}
    assert pv == {"6.24": False, "6.25": True}  # stale: the snapshot is from August 2024
    w5000 = [r for r in batch.records if r.kind == "world" and r.event == "5000m" and r.sex == "W" and not r.indoor]
    assert [(r.mark, r.athlete.family) for r in w5000] == [("14:00.21", "TSEGAY")]
    # Area pages: relay names copied; the NACAC men's 4x100 record is Jamaica's.
    nac = [r for r in batch.records if r.region == "NAC" and r.event == "4x100" and r.sex == "M"]
    assert [(r.athlete.family, r.athlete.nationality) for r in nac] == [("Jamaica", "JAM")]
    assert not [r for r in batch.records if r.region == "EUR" and r.athlete.family == "German Democratic Republic"
                and r.athlete.nationality != "GDR"]
