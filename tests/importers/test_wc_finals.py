import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from bot.common import marks
from bot.pipeline.importers import wc_finals
from bot.pipeline.importers.model import MeetHint, SourceFileError
from tests.importers.helpers import SHARED, by_ref

FIXTURE = Path(__file__).parent.parent / "fixtures" / "wc_finals"
REAL = SHARED / "wc-track-finals-1983-2013"
F = "IAAF_Results.csv"


@pytest.fixture(scope="module")
def batch():
    return wc_finals.load(FIXTURE)


def test_years():
    assert [wc_finals.championship_year(n) for n in range(1, 15)] == [
        1983, 1987, 1991, 1993, 1995, 1997, 1999, 2001, 2003, 2005, 2007, 2009, 2011, 2013]
    with pytest.raises(ValueError):
        wc_finals.championship_year(15)


def test_rows(batch):
    assert len(batch.performances) == 6
    bolt = by_ref(batch, f"{F}:4")
    assert (bolt.athlete.given, bolt.athlete.family, bolt.athlete.nationality) == ("Usain", "Bolt", "JAM")
    assert (bolt.event, bolt.sex, bolt.mark, bolt.place, bolt.round, bolt.date) == ("100m", "M", "9.58", 1, "F", None)
    assert bolt.meet == MeetHint("WCH", 2009) and bolt.venue == "Berlin"
    assert bolt.athlete.source_athlete_id == "184599"


def test_seconds_become_wa_text(batch):
    assert by_ref(batch, f"{F}:2").mark == "27:08.33"
    assert by_ref(batch, f"{F}:3").mark == "27:05.90"  # 1625.9: the float lost the trailing zero
    assert by_ref(batch, f"{F}:6").mark == "19.40"
    assert by_ref(batch, f"{F}:8").mark == "3:37.83"  # 217.82999999999998
    for p in batch.performances:
        assert marks.parse_mark(p.mark, p.event)


def test_empty_mark_rejected(batch):
    # Bolt's 2011 false start: empty mark, listed 8th. DNF and DQ look the same here, so no status is guessed.
    [r] = batch.rejected
    assert r.ref == f"{F}:5" and "DNF or DQ" in r.reason and not r.corrected


def test_decomposed_city_is_composed(batch):
    geb = by_ref(batch, f"{F}:7")
    assert geb.venue == "Göteborg" and unicodedata.is_normalized("NFC", geb.venue)
    assert geb.meet.year == 1995


def test_inconsistent_location_refused(tmp_path):
    text = (FIXTURE / F).read_text("utf-8").replace("Bolt,12,JAM,100,men,Berlin", "Bolt,12,JAM,100,men,Osaka")
    (tmp_path / F).write_text(text, "utf-8")
    with pytest.raises(SourceFileError, match="championship 12"):
        wc_finals.load(tmp_path)


@pytest.mark.skipif(not REAL.exists(), reason="reference datasets not on this machine")
def test_real_data():
    b = wc_finals.load(REAL)
    assert len(b.performances) == 2176
    assert len(b.rejected) == 139 and all("DNF or DQ" in r.reason for r in b.rejected)
    assert {p.meet.year for p in b.performances} == {wc_finals.championship_year(n) for n in range(1, 15)}
    assert Counter(p.event for p in b.performances)["3000m"] == 59  # women's 3000 m: 60 rows, one without a mark
    winners = {(p.meet.year, p.sex): (p.athlete.family, p.mark) for p in b.performances
               if p.event == "100m" and p.place == 1}
    assert winners[(2009, "M")] == ("Bolt", "9.58")
    assert winners[(2013, "M")] == ("Bolt", "9.77")
    assert winners[(1987, "M")][0] == "Lewis"  # awarded after Johnson's disqualification
    assert len([p for p in b.performances if (p.meet.year, p.event, p.sex) == (2009, "100m", "M")]) == 8
