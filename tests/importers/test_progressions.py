from collections import Counter
from pathlib import Path

import pytest

from bot.common import marks
from bot.pipeline.importers import progressions
from bot.pipeline.importers.model import SourceFileError
from tests.ask import raw
from tests.importers.helpers import SHARED, reasons, record

FIXTURE = Path(__file__).parent.parent / "fixtures" / "progressions"
REAL = SHARED / "wr-progressions"
real = pytest.mark.skipif(not REAL.exists(), reason="reference datasets not on this machine")
HT = "hindustantimes_wr_progression_to2016.csv"
DG = "dungates_running_records_over_time.csv"
TS = "tsoleary_desc_records_to2020.csv"


def accounted(batch, path):
    """Every data row is either a record or a (not corrected) rejection, never both."""
    dropped = {r.ref for r in batch.rejected if not r.corrected}
    kept = [r.ref for r in batch.records]
    return len(kept) + len(dropped) == path and not dropped & set(kept) and len(set(kept)) == len(kept)


@pytest.fixture(scope="module")
def ht():
    return progressions.load_hindustantimes(FIXTURE / HT)


def test_fixture_is_latin1_with_cr_lines():
    raw = (FIXTURE / HT).read_bytes()
    assert b"\n" not in raw and raw.count(b"\r") == 27 and b"Langlac\xed\xa9" in raw


def test_ht_rows(ht):
    assert accounted(ht, 27)
    assert all(r.kind == "world" and r.region == "WORLD" and r.progression and r.current is None
               for r in ht.records)
    lip = record(ht, f"{HT}:3")
    assert (lip.event, lip.sex, lip.mark, lip.date, lip.athlete.family, lip.athlete.nationality) == (
        "100m", "M", "10.6", "1912-07-06", "Lippincott", "USA")
    assert marks.parse_mark(lip.mark, lip.event).hand  # 'Hand timing', 10,60 -> one decimal
    assert record(ht, f"{HT}:4").mark == "9.95"


def test_ht_pre_iaaf(ht):
    assert reasons(ht, f"{HT}:2") == [
        "pre-IAAF world best (before the event's first ratified record): not a world record"]
    # 'pre' dated after the event's first ratified record: a mis-flagged record, imported.
    vn = record(ht, f"{HT}:7")
    assert (vn.mark, vn.athlete.family, vn.date) == ("43.03", "van Niekerk", "2016-08-14")
    assert reasons(ht, f"{HT}:7", corrected=True) == [
        "flagged 'pre' but dated after the first ratified record (1968-09-14): imported as ratified"]


def test_ht_names_and_nations(ht):
    james = record(ht, f"{HT}:5").athlete  # '"Larry" James'
    assert (james.given, james.family) == ("Larry", "James")
    assert record(ht, f"{HT}:23").athlete.family == "Langlacé"  # 'Langlací©' (mojibake)
    assert record(ht, f"{HT}:24").athlete.family == "Fernandez"  # 'Ferna_ndez'
    assert record(ht, f"{HT}:20").athlete.nationality == "GER"  # 'Germanymany'
    assert record(ht, f"{HT}:21").athlete.nationality == "GDR"  # 'East Germanymany'
    relay = record(ht, f"{HT}:9").athlete  # runners' names, nation 'the United Kingdom'
    assert (relay.given, relay.family, relay.nationality, relay.is_team) == ("", "Great Britain", "GBR", True)
    assert record(ht, f"{HT}:26").mark == "8648"  # decathlon points


def test_ht_timing_and_marks(ht):
    women_100 = {r.date: r.mark for r in ht.records if r.event == "100m" and r.sex == "W"}
    assert women_100 == {"1926-08-22": "12.3", "1977-07-01": "10.88"}  # 'min' is 'null' on these rows
    assert record(ht, f"{HT}:23").mark == "2:35:15.4"
    assert record(ht, f"{HT}:24").mark == "1:17:22"  # road walk, whole seconds
    assert reasons(ht, f"{HT}:25") == ["'2002-14-14' is not a real date"]


def test_ht_implements_and_sequence(ht):
    assert "old javelin" in reasons(ht, f"{HT}:10")[0]  # men's, 104.80 in 1984
    assert record(ht, f"{HT}:11").mark == "98.48"
    assert "old javelin" in reasons(ht, f"{HT}:12")[0]  # women's, 80.00 in 1988
    pv = [r.mark for r in ht.records if r.event == "PV"]
    # '5,50' after 4.96 that day and before 5.01 is written wrong: the toplists' 5.00 (test_real_miswritten)
    assert pv == ["4.95", "4.96", "5.00", "5.01", "5.03"]
    assert reasons(ht, f"{HT}:15", corrected=True) == [
        "5.50 read as 5.00: written wrong, out of sequence (the WA toplists' mark of that athlete and day)"]
    assert record(ht, f"{HT}:18").mark == "40.34"  # '40,345'
    assert reasons(ht, f"{HT}:18", corrected=True) == [
        "'40,345' read as 40.34 (millimetres, truncated to the centimetre)"]
    # '47,6' stored as 47.06: corrected from the other sources (see test_real_tenths_corrections).
    assert [r.mark for r in ht.records if r.event == "400m" and r.sex == "W"] == ["47.99", "47.60"]
    assert "tenths were written as hundredths" in reasons(ht, f"{HT}:28", corrected=True)[0]


def test_dungates():
    batch = progressions.load_dungates(FIXTURE / DG)
    assert accounted(batch, 11)
    ban = record(batch, f"{DG}:3")
    assert (ban.event, ban.mark, ban.date, ban.athlete.family, ban.athlete.nationality, ban.venue, ban.country) == (
        "mile", "3:59.4", "1954-05-06", "Bannister", "GBR", "Oxford", None)
    assert record(batch, f"{DG}:4").mark == "3:58.0"  # '238' seconds, 1954: a hand time
    assert record(batch, f"{DG}:5").mark == "3:47.33"  # '227.32999999999998'
    assert record(batch, f"{DG}:9").mark == "9.72"
    assert record(batch, f"{DG}:8").mark == "10.0"  # '10' in 1964
    assert (record(batch, f"{DG}:2").venue, record(batch, f"{DG}:2").country) == ("Stockholm, Sweden", "SWE")
    assert record(batch, f"{DG}:11").country == "FIN"  # 'Lappeenranta, Finaland'
    assert record(batch, f"{DG}:10").venue is None  # 'NA'
    assert record(batch, f"{DG}:12").mark == "1:00:06"  # half marathon, whole seconds
    # Annulled marks are imported here and dropped by the builder's check against the toplists.
    assert record(batch, f"{DG}:7").mark == "9.83"
    assert {r.sex for r in batch.records} == {"M"}


def test_tsoleary():
    batch = progressions.load_tsoleary(FIXTURE / TS)
    assert accounted(batch, 11)
    assert record(batch, f"{TS}:2").mark == "10.8"  # '00:00:10.80' in 1891
    yoshioka = record(batch, f"{TS}:3")
    assert (yoshioka.mark, yoshioka.wind) == ("10.3", 2.5)  # ratified under the rules of 1935
    assert record(batch, f"{TS}:4").wind == -0.2  # '−0.2'
    assert record(batch, f"{TS}:5").athlete.family  # an annulled mark: dropped later, by the builder
    assert record(batch, f"{TS}:6").athlete.family == "Walasiewicz"  # 'Walasiewicz[2]'
    stecher = record(batch, f"{TS}:7").athlete  # 'Renate Stecher (née Meißner)'
    assert (stecher.given, stecher.family, stecher.nationality) == ("Renate", "Stecher", "GDR")
    flo = record(batch, f"{TS}:8")
    assert (flo.mark, flo.wind) == ("10.49", 0.0)
    assert reasons(batch, f"{TS}:8", corrected=True) == ["wind '0.0*' read as '0.0' (footnote marker)"]
    assert [record(batch, f"{TS}:{n}").mark for n in (9, 10)] == ["2:15:25", "2:14:04"]
    assert record(batch, f"{TS}:11").athlete.family == "Howitt"
    assert reasons(batch, f"{TS}:12") == ["keep='FALSE': the source's own filter leaves it out"]


def test_time_text():
    assert progressions.time_text(10.0, "100m", "1964-10-15") == "10.0"
    assert progressions.time_text(9.9, "100m", "1991-06-14") == "9.90"
    assert progressions.time_text(10.2, "100m", "1936-06-20", "auto") == "10.20"
    assert progressions.time_text(48.25, "400m", "1873-10-04", "hand") == "48.25"
    assert progressions.time_text(7299.0, "MAR", "2018-09-16") == "2:01:39"


def test_clean_name():
    assert progressions.clean_name("Marie Mejzlikova II") == ("Marie", "Mejzlikova II")
    assert progressions.clean_name("Haile Gebrselassie\xa0") == ("Haile", "Gebrselassie")


def test_wrong_format(tmp_path):
    bad = tmp_path / DG
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceFileError):
        progressions.load_dungates(bad)


# ---------------------------------------------------------------- real data


@real
def test_real_hindustantimes():
    batch = progressions.load_hindustantimes(REAL / HT)
    assert accounted(batch, 1817)
    assert len(batch.records) == 1107
    assert sum(1 for r in batch.rejected if r.reason.startswith("pre-IAAF")) == 628
    assert sum(1 for r in batch.rejected if "old javelin" in r.reason) == 76
    assert sum(1 for r in batch.rejected if "is out of sequence" in r.reason) == 5
    assert sum(1 for r in batch.rejected if "one digit of centimetres" in r.reason) == 2
    assert sum(1 for r in batch.rejected if "tenths were written as hundredths" in r.reason) == 2
    assert sum(1 for r in batch.rejected if r.corrected and "flagged 'pre'" in r.reason) == 3
    flipped = {(r.event, r.sex, r.date) for r in batch.records
               if any(x.ref == r.ref and x.corrected for x in batch.rejected)}
    assert {("400m", "M", "2016-08-14"), ("10000m", "W", "2016-08-12"), ("HT", "W", "2016-08-15")} <= flipped


@real
def test_real_dungates_and_tsoleary():
    dg = progressions.load_dungates(REAL / DG)
    assert accounted(dg, 474) and len(dg.records) == 474
    mile = sorted((r for r in dg.records if r.event == "mile"), key=lambda r: r.date)
    assert (mile[0].athlete.family, mile[0].date) == ("Jones", "1913-05-31")
    assert [(r.mark, r.venue) for r in mile if r.athlete.family == "Bannister"] == [("3:59.4", "Oxford")]
    assert [r.date for r in mile if r.athlete.family == "Bannister"] == ["1954-05-06"]
    assert (mile[-1].mark, mile[-1].athlete.family, mile[-1].date) == ("3:43.13", "El Guerrouj", "1999-07-07")
    ts = progressions.load_tsoleary(REAL / TS)
    assert accounted(ts, 460) and len(ts.records) == 460
    assert Counter(r.event for r in ts.records) == {"100m": 137, "1500m": 77, "MAR": 71, "5000m": 63,
                                                    "10000m": 62, "400m": 50}


@real
def test_real_tenths_corrections():
    """HT_TENTHS holds what tsoleary (and, for 1985, WA's world records page) give for those days."""
    ts = progressions.load_tsoleary(REAL / TS)
    wa_page = (REAL.parent / "wa-records-2024" / "women_world_records.csv").read_text(encoding="utf-8")
    for (event, sex, date), (_wrong, right) in progressions.HT_TENTHS.items():
        theirs = [marks.parse_mark(r.mark, r.event).value for r in ts.records
                  if (r.event, r.sex, r.date) == (event, sex, date)]
        assert theirs == [right]
    assert "400 Metres,47.60,Marita KOCH" in wa_page and "06 OCT 1985" in wa_page


def _toplist_marks(path: str, date: str, competitor: str) -> set[float]:
    return {r["value"] for r in raw.toplist(path) if r["iso"] == date and r["competitor"] == competitor}


@real
def test_real_one_digit_centimetres():
    """'21,2' and '21,6' (Chizhova 1973, Adam 1975) are 21.20 and 21.60 as the WA toplists have them that day;
    '21,3' (Chizhova 1972) stays 21.03, as the toplists have it; Beeson's '2,1' of 1914 stays 2.01."""
    batch = progressions.load_hindustantimes(REAL / HT)
    sp = {(r.athlete.family, r.date): r.mark for r in batch.records if (r.event, r.sex) == ("SP", "W")}
    for (family, date), competitor in {("Chizhova", "1972-09-07"): "Nadezhda CHIZHOVA",
                                       ("Chizhova", "1973-08-28"): "Nadezhda CHIZHOVA",
                                       ("Adam", "1975-08-06"): "Marianne ADAM"}.items():
        assert float(sp[(family, date)]) in _toplist_marks("female/shot-put.csv.gz", date, competitor)
    assert [r.mark for r in batch.records if (r.event, r.sex, r.date) == ("HJ", "M", "1914-05-02")] == ["2.01"]


@real
def test_real_miswritten():
    """HT_MISWRITTEN holds the WA toplists' mark of that athlete and day, and it fits the sequence: Isinbayeva's
    17 records of the file, 5.00 among them."""
    batch = progressions.load_hindustantimes(REAL / HT)
    toplists = {("PV", "W"): "fallback_raw/female/jumps_pole-vault_senior.csv.gz"}
    for (event, sex, date, _wrong), right in progressions.HT_MISWRITTEN.items():
        assert float(right) in _toplist_marks(toplists[(event, sex)], date, "Yelena ISINBAYEVA")
        mine = sorted((r for r in batch.records if (r.event, r.sex) == (event, sex)), key=lambda r: r.date)
        row, = [r for r in mine if r.date == date and r.mark == right]
        i = mine.index(row)
        assert float(mine[i - 1].mark) < float(right) < float(mine[i + 1].mark)
    isinbayeva = [r for r in batch.records if r.athlete.family == "Isinbayeva"]
    assert len(isinbayeva) == 17
