"""wa-toplists: hand times only where WA writes an 'h', and the trailing zero the split files lost put back."""
import gzip
import shutil

import pytest

from bot.common import marks
from bot.pipeline.importers import wa_toplists
from tests.importers.helpers import SHARED, reasons

HEADER = ("rank,mark,wind,competitor,dob,nationality,position,venue,date,result_score,discipline,type,sex,age_cat,"
          "normalized_discipline,track_field,mark_numeric,venue_country,age_at_event,season\n")
# Rows written as the split files write them: sub-minute times and field marks as numbers, the rest as text.
FILES = {
    "female/400-metres-hurdles.csv.gz": [
        '13,51.7,,Femke BOL,2000-02-23,NED,1,"Nemzeti Atlétikai Központ, Budapest (HUN)",2023-08-24,1278.0,'
        '400-metres-hurdles,hurdles,female,senior,400-metres-hurdles,track,51.7,HUN,23.0,2023',
        '112,52.95,,Femke BOL,2000-02-23,NED,1sf2,"Nemzeti Atlétikai Központ, Budapest (HUN)",2023-08-22,1238.0,'
        '400-metres-hurdles,hurdles,female,senior,400-metres-hurdles,track,52.95,HUN,23.0,2023'],
    "male/5000-metres.csv.gz": [
        '719,13:01.6h,,Haile GEBRSELASSIE,1973-04-18,ETH,1,Milano (ITA),2000-06-07,1204.0,5000-metres,middlelong,'
        'male,senior,5000-metres,track,781.6,ITA,27.0,2000',
        '5785,13:22.8,,Ian STEWART,1949-01-15,GBR,1,Edinburgh (GBR),1970-07-25,1127.0,5000-metres,middlelong,male,'
        'senior,5000-metres,track,802.8,GBR,21.0,1970'],
    "male/long-jump.csv.gz": [
        '7000,8.01,,Reynaldo QUINO?ES,1958-06-15,PUR,1,Somewhere (PUR),1980-05-01,1150.0,long-jump,jumps,male,senior,'
        'long-jump,field,8.01,PUR,21.0,1980',
        '7001,8.0,,Carl LEWIS,1961-07-01,USA,1,Somewhere (USA),1981-05-01,1150.0,long-jump,jumps,male,senior,'
        'long-jump,field,8.0,USA,19.0,1981'],
}


@pytest.fixture()
def batch(tmp_path):
    for rel, rows in FILES.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(HEADER + "\n".join(rows) + "\n")
    return wa_toplists.load(tmp_path)


def perf(batch, ref):
    return next(p for p in batch.performances if p.ref == ref)


def test_a_time_stored_as_a_number_gets_its_zero_back(batch):
    bol = perf(batch, "female/400-metres-hurdles.csv.gz:2")
    assert (bol.mark, bol.hand) == ("51.70", False)
    assert marks.parse_mark(bol.mark, bol.event, hand=bol.hand).text == "51.70"
    assert perf(batch, "female/400-metres-hurdles.csv.gz:3").mark == "52.95"
    assert reasons(batch, "female/400-metres-hurdles.csv.gz", corrected=True) == [
        "1 times stored as numbers lost their trailing zero: read with hundredths ('51.7' is 51.70, electronic; "
        "WA writes hand times with an 'h')"]


def test_hand_times_are_the_ones_with_an_h(batch):
    geb = perf(batch, "male/5000-metres.csv.gz:2")
    assert (geb.mark, geb.hand) == ("13:01.6h", True)
    stewart = perf(batch, "male/5000-metres.csv.gz:3")  # electronic, to the tenth, as WA lists it
    m = marks.parse_mark(stewart.mark, stewart.event, hand=stewart.hand)
    assert (stewart.hand, m.text, m.hand) == (False, "13:22.8", False)
    assert not reasons(batch, "male/5000-metres.csv.gz", corrected=True)  # text times: nothing restored


def test_field_marks_are_left_to_the_parser_and_a_lost_letter_restored(batch):
    lewis = perf(batch, "male/long-jump.csv.gz:3")
    assert lewis.mark == "8.0" and marks.parse_mark(lewis.mark, "LJ").text == "8.00"
    q = perf(batch, "male/long-jump.csv.gz:2")
    assert (q.athlete.given, q.athlete.family) == ("Reynaldo", "QUIÑONES")
    assert "a lost letter restored" in reasons(batch, "male/long-jump.csv.gz:2", corrected=True)[0]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/datasets is not present")
def test_real_400mh_file(tmp_path):
    """The real women's 400 m hurdles file: Bol's Budapest 2023 title (row 14 writes '51.7') is 51.70, electronic,
    and no time in the file is a hand time (none has an 'h')."""
    (tmp_path / "female").mkdir()
    shutil.copy(SHARED / "wa-toplists" / "female" / "400-metres-hurdles.csv.gz", tmp_path / "female")
    batch = wa_toplists.load(tmp_path)
    bol = perf(batch, "female/400-metres-hurdles.csv.gz:14")
    assert (bol.athlete.family, bol.date, bol.position, bol.mark, bol.hand) == ("BOL", "2023-08-24", "1", "51.70",
                                                                                 False)
    assert not any(p.hand for p in batch.performances)
    assert all(marks.parse_mark(p.mark, p.event, hand=p.hand).text.count(".") == 1 and
               len(marks.parse_mark(p.mark, p.event, hand=p.hand).text.split(".")[1]) == 2 for p in batch.performances)
