"""Athletics facts asserted against the database built from data/ (the `db` fixture).

Every fact here was looked up by hand in the reference files (/work/shared/datasets, see SOURCES.md), never
taken from memory. Where two reference sources cover the same fact, a second test marked `needs_shared()` reads
the raw files (gzip CSV, CSV, JSON) and checks that they agree with the database, so a fact can not drift from
its sources unnoticed.

Tests marked xfail (strict) are confirmed bugs in the database: the reference files say otherwise and the
reason names the evidence. When one is fixed, the strict xfail fails: remove the marker then.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
from collections import namedtuple
from functools import cache

import pytest

from tests.ask.raw import rio_events
from tests.conftest import SHARED, needs_shared

# ---------------------------------------------------------------------------------------------------------------
# Database helpers: one short query per kind of fact.
# ---------------------------------------------------------------------------------------------------------------

Res = namedtuple("Res", "race_id label round date venue indoor place athlete_id name nationality mark value")
Rec = namedtuple("Rec", "mark name nationality date venues athlete_id indoor sources")
Comp = namedtuple("Comp", "id name venue start_date end_date indoor level")


def lower_is_better(db, code: str, sex: str) -> bool:
    row = db.execute("SELECT lower_is_better FROM events WHERE code = ? AND sex = ?", (code, sex)).fetchone()
    assert row is not None, f"no event {code} {sex}"
    return bool(row[0])


def competition(db, series: str, year: int) -> Comp:
    rows = db.execute("SELECT id, name, venue, start_date, end_date, indoor, level FROM competitions "
                      "WHERE series_id = ? AND year = ?", (series, year)).fetchall()
    assert len(rows) == 1, f"{series} {year}: {len(rows)} competitions"
    return Comp(*rows[0])


def final_results(db, series: str, year: int, code: str, sex: str) -> list[Res]:
    """Every result in the finals (round F, or no round: one-race meetings) of an event at a competition."""
    rows = db.execute(
        "SELECT r.id, r.label, r.round, r.date, r.venue, r.indoor, res.place, a.id, a.name, a.nationality, "
        "       res.mark, res.mark_value "
        "FROM races r JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
        "JOIN results res ON res.race_id = r.id JOIN athletes a ON a.id = res.athlete_id "
        "WHERE c.series_id = ? AND c.year = ? AND e.code = ? AND e.sex = ? AND (r.round = 'F' OR r.round IS NULL) "
        "ORDER BY r.id, res.place", (series, year, code, sex)).fetchall()
    return [Res(*r) for r in rows]


def winners(db, series: str, year: int, code: str, sex: str) -> list[Res]:
    """The place-1 finishers of every final of the event, best mark first (a meeting may hold an A and B race)."""
    low = lower_is_better(db, code, sex)
    ws = [r for r in final_results(db, series, year, code, sex) if r.place == 1]
    return sorted(ws, key=lambda r: (r.value is None, r.value if low else -(r.value or 0)))


def winner(db, series: str, year: int, code: str, sex: str) -> Res:
    """The winner of the main (fastest / best) final."""
    ws = winners(db, series, year, code, sex)
    assert ws, f"no winner for {series} {year} {code} {sex}"
    return ws[0]


def podium(db, series: str, year: int, code: str, sex: str) -> list[tuple[int, str, str]]:
    """(place, name, mark) of places 1-3 in the race the main winner won."""
    main = winner(db, series, year, code, sex)
    return [(r.place, r.name, r.mark) for r in final_results(db, series, year, code, sex)
            if r.race_id == main.race_id and r.place in (1, 2, 3)]


def current_record(db, kind: str, region: str, code: str, sex: str, indoor: bool = False) -> Rec:
    """The current record; several sources may list it, and they must agree on mark, athlete and date."""
    rows = db.execute(
        "SELECT rec.mark, a.name, a.nationality, rec.date, rec.venue, rec.athlete_id, rec.indoor, rec.source_id "
        "FROM records rec JOIN events e ON e.id = rec.event_id JOIN athletes a ON a.id = rec.athlete_id "
        "WHERE rec.kind = ? AND rec.region = ? AND e.code = ? AND e.sex = ? AND rec.indoor = ? AND rec.current = 1",
        (kind, region, code, sex, int(indoor))).fetchall()
    assert rows, f"no current {kind} {region} record for {code} {sex}"
    assert len({(r[0], r[5], r[3]) for r in rows}) == 1, f"current {kind} records disagree: {rows}"
    m, name, nat, date, _, aid, ind, _ = rows[0]
    return Rec(m, name, nat, date, {r[4] or "" for r in rows}, aid, ind, {r[7] for r in rows})


def world_record(db, code: str, sex: str, indoor: bool = False) -> Rec:
    return current_record(db, "world", "WORLD", code, sex, indoor)


def national_record(db, nation: str, code: str, sex: str, indoor: bool = False) -> Rec:
    return current_record(db, "national", nation, code, sex, indoor)


def world_records_all(db, code: str, sex: str) -> list[tuple]:
    """(mark, athlete name, date, current, source) of every world-record row of an event, outdoor."""
    return db.execute(
        "SELECT rec.mark, a.name, rec.date, rec.current, rec.source_id, rec.venue FROM records rec "
        "JOIN events e ON e.id = rec.event_id JOIN athletes a ON a.id = rec.athlete_id "
        "WHERE rec.kind = 'world' AND e.code = ? AND e.sex = ? AND rec.indoor = 0 ORDER BY rec.date",
        (code, sex)).fetchall()


def athlete_ids(db, names: list[str], nationality: str) -> set[int]:
    """Athletes of a nation known under any of the names (display name or any alias)."""
    folded = [n.lower() for n in names]
    marks_ = ",".join("?" * len(folded))
    rows = db.execute(
        f"SELECT a.id FROM athletes a WHERE a.nationality = ? AND (lower(a.name) IN ({marks_}) OR a.id IN "
        f"(SELECT athlete_id FROM athlete_aliases WHERE folded IN ({marks_})))",
        (nationality, *folded, *folded)).fetchall()
    return {r[0] for r in rows}


# ---------------------------------------------------------------------------------------------------------------
# Raw reference-file readers (for the needs_shared() cross-checks).
# ---------------------------------------------------------------------------------------------------------------

@cache
def toplist(path: str) -> tuple[dict, ...]:
    """A wa-toplists file (senior rows only; u20/u18 rows repeat them)."""
    with gzip.open(SHARED / "wa-toplists" / path, "rt", encoding="utf-8") as f:
        return tuple(r for r in csv.DictReader(f) if r.get("age_cat", "senior") == "senior")


def toplist_rows(path: str, **where) -> list[dict]:
    return [r for r in toplist(path) if all(r[k] == v for k, v in where.items())]


@cache
def taf3(name: str) -> tuple[dict, ...]:
    """nimarion-records files (';'-separated), with each row's file line number under '_line'."""
    text = (SHARED / "nimarion-records" / name).read_text(encoding="utf-8")
    rows = []
    for i, r in enumerate(csv.DictReader(io.StringIO(text), delimiter=";"), start=2):
        r["_line"] = i
        rows.append(r)
    return tuple(rows)


def national_rows(nation: str, discipline: str, sex: str, environment: str = "Outdoor") -> list[dict]:
    return [r for r in taf3("national.csv") if (r["Type"], r["Discipline"], r["Class"], r["Environment"])
            == (nation, discipline, sex, environment)]


@cache
def wa_records(name: str) -> tuple[dict, ...]:
    text = (SHARED / "wa-records-2024" / name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


def wa_record_rows(name: str, discipline: str) -> list[dict]:
    return [r for r in wa_records(name) if r["DISCIPLINE"] == discipline]


def dl_races(year: int, meeting: int) -> list[dict]:
    data = json.loads((SHARED / "diamond-league-2010-2023" / "data" / f"{year}_{meeting}.json").read_text())
    return [race for races in data.values() for race in races]


def dl_race(year: int, meeting: int, title_start: str, detail: str = "Final") -> dict:
    found = [r for r in dl_races(year, meeting) if r["title"].startswith(title_start) and r["detail"] == detail]
    assert len(found) == 1, [(r["title"], r["detail"]) for r in dl_races(year, meeting)]
    return found[0]


@cache
def wc_finals() -> tuple[dict, ...]:
    text = (SHARED / "wc-track-finals-1983-2013" / "IAAF_Results.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


def wc_final(championship: int, distance: str, gender: str) -> list[dict]:
    rows = [r for r in wc_finals() if (r["championship_number"], r["distance"], r["gender"])
            == (str(championship), distance, gender)]
    return sorted(rows, key=lambda r: int(r["place"]))


@cache
def olympic_marks() -> tuple[list[str], ...]:
    """olympic-medallists-marks: Gender,Event,Location,Year,Medal,Name,Nationality,Result (+ a stray 9th field)."""
    text = (SHARED / "olympic-medallists-marks-1896-2016" / "results.csv").read_text(encoding="utf-8")
    return tuple(csv.reader(io.StringIO(text)))  # index = file line - 1


@cache
def olympic_medallists() -> tuple[dict, ...]:
    text = (SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


@cache
def dungates() -> tuple[dict, ...]:
    text = (SHARED / "wr-progressions" / "dungates_running_records_over_time.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


def same_mark(raw: str, db_mark: str) -> bool:
    """The toplists and national.csv store field marks as floats ('6.3' for 6.30); times are kept as text."""
    if ":" in raw or ":" in db_mark:
        return raw == db_mark
    return abs(float(raw) - float(db_mark)) < 1e-9


# ===============================================================================================================
# Prefontaine Classic (DL-EUGENE): toplists for 2023-2025, Diamond League archive (JSON) for 2010-2022
# ===============================================================================================================

def test_pre_2024_mile_kerr_beats_ingebrigtsen(db):
    pre = competition(db, "DL-EUGENE", 2024)
    assert (pre.start_date, pre.end_date) == ("2024-05-25", "2024-05-25")
    assert "Hayward Field" in pre.venue
    assert podium(db, "DL-EUGENE", 2024, "mile", "M")[:2] == [(1, "Josh Kerr", "3:45.34"),
                                                              (2, "Jakob Ingebrigtsen", "3:45.60")]
    w = winner(db, "DL-EUGENE", 2024, "mile", "M")
    assert (w.date, w.nationality, w.indoor) == ("2024-05-25", "GBR", 0)


@needs_shared()
def test_pre_2024_mile_agrees_with_toplists(db):
    rows = toplist_rows("male/one-mile.csv.gz", date="2024-05-25", venue="Hayward Field, Eugene, OR (USA)")
    top2 = sorted((r for r in rows if r["position"] in ("1", "2")), key=lambda r: int(r["position"]))
    assert [(r["competitor"], r["mark"]) for r in top2] == [("Josh KERR", "3:45.34"), ("Jakob INGEBRIGTSEN", "3:45.60")]
    assert [(p, m) for p, _, m in podium(db, "DL-EUGENE", 2024, "mile", "M")[:2]] == [(1, "3:45.34"), (2, "3:45.60")]


def test_pre_2025_two_miles_are_two_races(db):
    ws = winners(db, "DL-EUGENE", 2025, "mile", "M")
    assert [(w.name, w.mark, w.date) for w in ws] == [("Niels Laros", "3:45.94", "2025-07-05"),
                                                      ("Ethan Strand", "3:48.86", "2025-07-05")]
    assert ws[0].race_id != ws[1].race_id
    assert podium(db, "DL-EUGENE", 2025, "mile", "M")[1] == (2, "Yared Nuguse", "3:45.95")


@needs_shared()
def test_pre_2025_toplists_have_two_mile_winners(db):
    rows = toplist_rows("male/one-mile.csv.gz", date="2025-07-05", venue="Hayward Field, Eugene, OR (USA)",
                        position="1")
    assert sorted((r["competitor"], r["mark"]) for r in rows) == [("Ethan STRAND", "3:48.86"),
                                                                  ("Niels LAROS", "3:45.94")]
    assert {(w.mark) for w in winners(db, "DL-EUGENE", 2025, "mile", "M")} == {"3:45.94", "3:48.86"}


def test_pre_2023_mile_ingebrigtsen_3_43_73(db):
    w = winner(db, "DL-EUGENE", 2023, "mile", "M")
    assert (w.name, w.mark, w.date) == ("Jakob Ingebrigtsen", "3:43.73", "2023-09-16")
    assert national_record(db, "NOR", "mile", "M").mark == "3:43.73"


def test_pre_2019_was_at_stanford_not_hayward(db):
    pre = competition(db, "DL-EUGENE", 2019)
    assert "Palo Alto" in pre.venue and "Hayward" not in pre.venue
    assert pre.start_date == "2019-06-30"
    w = winner(db, "DL-EUGENE", 2019, "mile", "M")
    assert (w.name, w.mark, w.date) == ("Timothy Cheruiyot", "3:50.49", "2019-06-30")
    # no race of that edition is placed at Hayward Field
    assert not db.execute("SELECT 1 FROM races WHERE competition_id = ? AND venue LIKE '%Hayward%'",
                          (pre.id,)).fetchall()


@needs_shared()
def test_pre_2019_sources_agree(db):
    race = dl_race(2019, 25, "Men's Mile")
    assert race["title"] == "Men's Mile - 30.06.2019"
    assert (race["data"][0]["athlete"], race["data"][0]["mark"]) == ("Timothy CHERUIYOT", "3:50.49")
    row, = toplist_rows("male/one-mile.csv.gz", date="2019-06-30", position="1", competitor="Timothy CHERUIYOT")
    assert row["venue"] == "Cobb Track and Angell Field, Palo Alto, CA (USA)" and row["mark"] == "3:50.49"
    assert competition(db, "DL-EUGENE", 2019).venue == "Cobb Track and Angell Field, Palo Alto, CA"


BOWERMAN = [  # year, winner, mark, date: Diamond League archive and toplists agree
    (2014, "Ayanleh Souleiman", "3:47.32", "2014-05-31"),
    (2017, "Ronald Kwemoi", "3:49.04", "2017-05-27"),
    (2021, "Jakob Ingebrigtsen", "3:47.24", "2021-08-21"),
]


@pytest.mark.parametrize("year, name, mark, date", BOWERMAN)
def test_bowerman_mile_winner(db, year, name, mark, date):
    w = winner(db, "DL-EUGENE", year, "mile", "M")
    assert (w.name, w.mark, w.date) == (name, mark, date)


@needs_shared()
@pytest.mark.parametrize("year, name, mark, date", BOWERMAN)
def test_bowerman_mile_dl_archive_and_toplists_agree(db, year, name, mark, date):
    day, month = date[8:10], date[5:7]
    races = [r for r in dl_races(year, 25) if r["title"] == f"Men's Mile - {day}.{month}.{year}"]
    best = min((r["data"][0] for r in races), key=lambda x: x["mark"])
    assert best["place"] == "1." and best["mark"] == mark
    assert best["athlete"].split()[-1].title() == name.split()[-1]
    top = [r for r in toplist_rows("male/one-mile.csv.gz", date=date, venue="Hayward Field, Eugene, OR (USA)")
           if r["position"] in ("1", "1f1")]
    assert [r["mark"] for r in top] == [mark]
    assert winner(db, "DL-EUGENE", year, "mile", "M").mark == mark


# ===============================================================================================================
# World records (current)
# ===============================================================================================================

def test_wr_mile_men_el_guerrouj(db):
    wr = world_record(db, "mile", "M")
    assert (wr.mark, wr.name, wr.nationality, wr.date) == ("3:43.13", "Hicham El Guerrouj", "MAR", "1999-07-07")
    assert any("Roma" in v or "Rome" in v for v in wr.venues)


@needs_shared()
def test_wr_mile_men_sources_agree(db):
    wa, = wa_record_rows("men_world_records.csv", "Mile")
    assert (wa["PERF"], wa["COMPETITOR"], wa["DATE"]) == ("3:43.13", "Hicham EL GUERROUJ", "07 JUL 1999")
    assert wa["VENUE"] == "Stadio Olimpico, Roma (ITA)"
    nim, = [r for r in taf3("world_2024-06-26_both-sexes.csv") if (r["Discipline"], r["Class"], r["Environment"])
            == ("MEI", "M", "Outdoor")]
    assert (nim["Result"], nim["Lastname"], nim["Date"], nim["Venue"]) == (
        "3:43.13", "El Guerrouj", "1999-07-07", "Roma")
    first = toplist("male/one-mile.csv.gz")[0]
    assert (first["mark"], first["competitor"], first["date"]) == ("3:43.13", "Hicham EL GUERROUJ", "1999-07-07")
    wr = world_record(db, "mile", "M")
    assert (wr.mark, wr.date) == ("3:43.13", "1999-07-07")


def test_wr_1500_men_el_guerrouj(db):
    wr = world_record(db, "1500m", "M")
    assert (wr.mark, wr.name, wr.date) == ("3:26.00", "Hicham El Guerrouj", "1998-07-14")


@needs_shared()
def test_wr_1500_men_sources_agree(db):
    wa, = wa_record_rows("men_world_records.csv", "1500 Metres")
    assert (wa["PERF"], wa["COMPETITOR"], wa["DATE"]) == ("3:26.00", "Hicham EL GUERROUJ", "14 JUL 1998")
    first = toplist("male/1500-metres.csv.gz")[0]
    assert (first["mark"], first["competitor"], first["date"]) == ("3:26.00", "Hicham EL GUERROUJ", "1998-07-14")
    prog = [r for r in dungates() if r["Distance"] == "1500 Meters" and r["Athlete"] == "Hicham El Guerrouj"]
    assert [(r["Date"], float(r["Time"])) for r in prog] == [("1998-07-14", 206.0)]
    assert world_record(db, "1500m", "M").mark == "3:26.00"


def test_wr_marathon_men_kiptum(db):
    wr = world_record(db, "MAR", "M")
    assert (wr.mark, wr.name, wr.date) == ("2:00:35", "Kelvin Kiptum", "2023-10-08")
    assert any("Chicago" in v for v in wr.venues)


@needs_shared()
def test_wr_marathon_men_sources_agree(db):
    wa, = wa_record_rows("men_world_records.csv", "Marathon")
    assert (wa["PERF"], wa["COMPETITOR"], wa["VENUE"], wa["DATE"]) == (
        "2:00:35", "Kelvin KIPTUM", "Chicago, IL (USA)", "08 OCT 2023")
    first = toplist("male/marathon.csv.gz")[0]
    assert (first["mark"], first["competitor"], first["date"]) == ("2:00:35", "Kelvin KIPTUM", "2023-10-08")
    assert world_record(db, "MAR", "M").mark == "2:00:35"


def test_wr_5000_women_chebet_replaces_tsegay(db):
    wr = world_record(db, "5000m", "W")
    assert (wr.mark, wr.name, wr.date) == ("13:58.06", "Beatrice Chebet", "2025-07-05")
    old = {(m, name, cur) for m, name, date, cur, _, _ in world_records_all(db, "5000m", "W") if date == "2023-09-17"}
    assert old == {("14:00.21", "Gudaf Tsegay", 0)}  # the stale lists' record is kept, not current


@needs_shared()
def test_wr_5000_women_sources_agree(db):
    nr, = national_rows("KEN", "5K0", "W")
    assert (nr["Result"], nr["Lastname"], nr["Date"], nr["Venue"]) == ("13:58.06", "Chebet", "2025-07-05", "Eugene")
    first = toplist("female/5000-metres.csv.gz")[0]
    assert (first["mark"], first["competitor"], first["date"]) == ("13:58.06", "Beatrice CHEBET", "2025-07-05")
    wa, = wa_record_rows("women_world_records.csv", "5000 Metres")  # the August 2024 snapshot: stale
    assert wa["PERF"] == "14:00.21"
    assert world_record(db, "5000m", "W").mark == "13:58.06"


def test_wr_10000_women_chebet(db):
    wr = world_record(db, "10000m", "W")
    assert (wr.mark, wr.name, wr.date) == ("28:54.14", "Beatrice Chebet", "2024-05-25")


@needs_shared()
def test_wr_10000_women_sources_agree(db):
    wa = [r for r in wa_record_rows("women_world_records.csv", "10,000 Metres") if r["PERF"] == "28:54.14"]
    assert [(r["COMPETITOR"], r["DATE"]) for r in wa] == [("Beatrice CHEBET", "25 MAY 2024")]
    nr, = national_rows("KEN", "10K", "W")
    assert (nr["Result"], nr["Lastname"], nr["Date"]) == ("28:54.14", "Chebet", "2024-05-25")
    first = toplist("female/10000-metres.csv.gz")[0]
    assert (first["mark"], first["date"]) == ("28:54.14", "2024-05-25")
    assert world_record(db, "10000m", "W").mark == "28:54.14"


def test_wr_1500_women_kipyegon(db):
    wr = world_record(db, "1500m", "W")
    assert (wr.mark, wr.date) == ("3:48.68", "2025-07-05")
    assert "Kipyegon" in wr.name and wr.nationality == "KEN"


@needs_shared()
def test_wr_1500_women_sources_agree(db):
    nr, = national_rows("KEN", "1K5", "W")
    assert (nr["Result"], nr["Firstname"], nr["Lastname"], nr["Date"]) == ("3:48.68", "Faith", "Kipyegon", "2025-07-05")
    first = toplist("female/1500-metres.csv.gz")[0]
    assert (first["mark"], first["competitor"], first["date"]) == ("3:48.68", "Faith KIPYEGON", "2025-07-05")
    assert world_record(db, "1500m", "W").mark == "3:48.68"


def test_wr_pole_vault_men_6_30_outdoor(db):
    # 6.30 (Tokyo, outdoors) was the world record until the indoor 6.31 (Uppsala): WA lists one record per field
    # event wherever it was set (see test_pole_vault_world_record_includes_indoor_6_31).
    rows = {(m, name, date): (cur, venue) for m, name, date, cur, _, venue in world_records_all(db, "PV", "M")}
    assert rows[("6.30", "Armand Duplantis", "2025-09-15")] == (0, "Tokyo")  # the trailing zero of '6.3' restored
    wr = world_record(db, "PV", "M", indoor=False)
    assert (wr.mark, wr.name, wr.date, wr.indoor) == ("6.31", "Armand Duplantis", "2026-03-12", 0)
    # the stale lists' records are kept as superseded
    superseded = {m for m, _, _, cur, _, _ in world_records_all(db, "PV", "M") if not cur}
    assert {"6.23", "6.24", "6.25", "6.30"} <= superseded


@needs_shared()
def test_wr_pole_vault_men_sources_agree(db):
    nr, = national_rows("SWE", "STA", "M")
    assert (nr["Result"], nr["Lastname"], nr["Date"], nr["Venue"]) == ("6.3", "Duplantis", "2025-09-15", "Tokyo")
    indoor, = national_rows("SWE", "STA", "M", "Indoor")
    assert (indoor["Result"], indoor["Lastname"], indoor["Date"], indoor["Venue"]) == (
        "6.31", "Duplantis", "2026-03-12", "Uppsala")
    assert same_mark(indoor["Result"], world_record(db, "PV", "M").mark)
    # The toplists end in 2025-12: their best is the outdoor 6.30.
    first = toplist("male/pole-vault.csv.gz")[0]
    assert (first["mark"], first["competitor"], first["date"]) == ("6.3", "Armand DUPLANTIS", "2025-09-15")


def test_wr_100_men_bolt_berlin_2009(db):
    wr = world_record(db, "100m", "M")
    assert (wr.mark, wr.name, wr.date) == ("9.58", "Usain Bolt", "2009-08-16")
    assert any("Berlin" in v for v in wr.venues)
    w = winner(db, "WCH", 2009, "100m", "M")
    assert (w.name, w.mark, w.date, w.athlete_id) == ("Usain Bolt", "9.58", "2009-08-16", wr.athlete_id)


@needs_shared()
def test_wr_100_men_sources_agree(db):
    wa, = wa_record_rows("men_world_records.csv", "100 Metres")
    assert (wa["PERF"], wa["COMPETITOR"], wa["VENUE"], wa["DATE"]) == (
        "9.58", "Usain BOLT", "Olympiastadion, Berlin (GER)", "16 AUG 2009")
    final = wc_final(12, "100", "men")  # championship 12 = Berlin 2009
    assert (final[0]["athlete_last_name"], final[0]["mark_time"], final[0]["location"]) == ("Bolt", "9.58", "Berlin")
    assert winner(db, "WCH", 2009, "100m", "M").mark == "9.58"


def test_wr_400m_hurdles_women_paris_2024(db):
    # The WA records snapshot (2024-08-09) still lists 50.65 (Eugene, 2024-06-30): the Olympic final's 50.37
    # the day before had not reached it. national.csv (and the toplists) have 50.37, which is current.
    wr = world_record(db, "400mH", "W")
    assert (wr.mark, wr.name, wr.date) == ("50.37", "Sydney McLaughlin-Levrone", "2024-08-08")
    assert wr.sources == {"nimarion-national"}
    rows = {(m, cur, src) for m, _, _, cur, src, _ in world_records_all(db, "400mH", "W") if m in ("50.65", "50.37")}
    assert ("50.65", 0, "wa-records-2024") in rows
    assert winner(db, "OG", 2024, "400mH", "W")[8:11] == ("Sydney McLaughlin-Levrone", "USA", "50.37")


@needs_shared()
def test_wr_400m_hurdles_women_sources(db):
    wa = wa_record_rows("women_world_records.csv", "400 Metres Hurdles")
    assert [(r["PERF"], r["DATE"]) for r in wa] == [("50.65", "30 JUN 2024")]  # stale snapshot
    nr, = national_rows("USA", "40H", "W")
    assert (nr["Result"], nr["Venue"], nr["Date"]) == ("50.37", "Paris", "2024-08-08")
    first = toplist("female/400-metres-hurdles.csv.gz")[0]
    assert (first["mark"], first["competitor"], first["date"]) == ("50.37", "Sydney MCLAUGHLIN-LEVRONE", "2024-08-08")
    assert world_record(db, "400mH", "W").mark == "50.37"


# ===============================================================================================================
# National records (national.csv) and the mile record progression
# ===============================================================================================================

NATIONAL = [  # nation, event, sex, mark, athlete, date, national.csv line
    ("GBR", "mile", "M", "3:45.34", "Josh Kerr", "2024-05-25", 8008),
    ("NOR", "mile", "M", "3:43.73", "Jakob Ingebrigtsen", "2023-09-16", 8038),
    ("USA", "mile", "M", "3:43.97", "Yared Nuguse", "2023-09-16", 8073),
    ("GBR", "1500m", "M", "3:27.79", "Josh Kerr", "2024-08-06", 7506),
]


@pytest.mark.parametrize("nation, code, sex, mark, name, date, line", NATIONAL)
def test_national_record(db, nation, code, sex, mark, name, date, line):
    nr = national_record(db, nation, code, sex)
    assert (nr.mark, nr.name, nr.date) == (mark, name, date)


@needs_shared()
@pytest.mark.parametrize("nation, code, sex, mark, name, date, line", NATIONAL)
def test_national_record_agrees_with_national_csv_and_toplists(db, nation, code, sex, mark, name, date, line):
    row = taf3("national.csv")[line - 2]
    assert row["_line"] == line
    holder = f"{row['Firstname']} {row['Lastname']}"
    assert (row["Type"], row["Result"], holder, row["Date"]) == (nation, mark, name, date)
    path = {"mile": "male/one-mile.csv.gz", "1500m": "male/1500-metres.csv.gz"}[code]
    assert [r["mark"] for r in toplist_rows(path, date=date, competitor=f"{name.split()[0]} {name.split()[-1].upper()}")
            if r["mark"] == mark] == [mark]
    assert national_record(db, nation, code, sex).mark == mark


def test_gbr_mile_record_is_the_pre_2024_win(db):
    nr = national_record(db, "GBR", "mile", "M")
    w = winner(db, "DL-EUGENE", 2024, "mile", "M")
    assert (nr.athlete_id, nr.mark, nr.date) == (w.athlete_id, w.mark, w.date)


def test_mile_progression_bannister_oxford_1954(db):
    rows = [r for r in world_records_all(db, "mile", "M") if r[2] == "1954-05-06"]
    assert [(m, name, cur, venue) for m, name, _, cur, _, venue in rows] == [("3:59.4", "Roger Bannister", 0, "Oxford")]


def test_mile_progression_and_bislett_1985_cram(db):
    rows = [r for r in world_records_all(db, "mile", "M") if r[2] == "1985-07-27"]
    assert [(m, name, venue) for m, name, _, _, _, venue in rows] == [("3:46.32", "Steve Cram", "Oslo")]
    bislett = competition(db, "DL-OSLO", 1985)
    assert bislett.start_date == "1985-07-27"
    w = winner(db, "DL-OSLO", 1985, "mile", "M")
    assert (w.name, w.mark, w.date) == ("Steve Cram", "3:46.32", "1985-07-27")


@needs_shared()
def test_mile_progression_sources_agree(db):
    mile = [r for r in dungates() if r["Distance"] == "One Mile"]
    assert ("Roger Bannister", "1954-05-06", "Oxford") in {(r["Athlete"], r["Date"], r["Location"]) for r in mile}
    assert ("Steve Cram", "1985-07-27", "Oslo") in {(r["Athlete"], r["Date"], r["Location"]) for r in mile}
    cram, = toplist_rows("male/one-mile.csv.gz", date="1985-07-27", competitor="Steve CRAM")
    assert (cram["mark"], cram["venue"], cram["position"]) == ("3:46.32", "Oslo (NOR)", "1")
    assert winner(db, "DL-OSLO", 1985, "mile", "M").mark == cram["mark"]


# ===============================================================================================================
# Olympic Games
# ===============================================================================================================

def test_rio_2016_100m_bolt(db):
    w = winner(db, "OG", 2016, "100m", "M")
    assert (w.name, w.mark, w.date, w.round) == ("Usain Bolt", "9.81", "2016-08-14", "F")
    assert [p for p, _, _ in podium(db, "OG", 2016, "100m", "M")] == [1, 2, 3]
    assert podium(db, "OG", 2016, "100m", "M")[1:] == [(2, "Justin Gatlin", "9.89"), (3, "Andre De Grasse", "9.91")]


@needs_shared()
def test_rio_2016_100m_sources_agree(db):
    final = rio_events()[0]
    assert (final["name"], final["round"], final["date"]) == ("100 m Men", "FINAL", "2016-08-14")
    assert [(r["familyName"], r["performance"]) for r in final["result"][:3]] == [
        ("Bolt", "9.81"), ("Gatlin", "9.89"), ("De Grasse", "9.91")]
    assert olympic_marks()[70][:8] == ["M", "100M Men", "Rio", "2016", "G", "Usain BOLT", "JAM", "9.81"]
    assert [m for _, _, m in podium(db, "OG", 2016, "100m", "M")] == ["9.81", "9.89", "9.91"]


def test_rio_2016_10000m_farah_corrected_decision(db):
    """Decision: the marks file's 'Mohamed FARAH, USA, 25:05.17' is a known error; we store GBR 27:05.17 and log it."""
    w = winner(db, "OG", 2016, "10000m", "M")
    assert ("Farah" in w.name, w.nationality, w.mark, w.date) == (True, "GBR", "27:05.17", "2016-08-13")
    wrong = db.execute(
        "SELECT count(*) FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
        "JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
        "WHERE c.series_id = 'OG' AND c.year = 2016 AND e.code = '10000m' AND e.sex = 'M' "
        "AND (res.mark = '25:05.17' OR (a.name LIKE '%Farah%' AND a.nationality <> 'GBR'))").fetchone()[0]
    assert wrong == 0
    issue = db.execute("SELECT reason, corrected FROM import_issues WHERE source_id = "
                       "'olympic-medallists-marks-1896-2016' AND ref = 'results.csv:2'").fetchall()
    assert len(issue) == 1 and issue[0][1] == 1
    assert all(s in issue[0][0] for s in ("FARAH", "USA", "25:05.17", "GBR", "27:05.17"))


@needs_shared()
def test_rio_2016_10000m_sources(db):
    # the source's row is wrong (nation and mark); that is why the database corrects it
    assert olympic_marks()[1][:8] == ["M", "10000M Men", "Rio", "2016", "G", "Mohamed FARAH", "USA", "25:05.17"]
    final = rio_events()[60]
    assert (final["name"], final["round"]) == ("10000 m Men", "FINAL")
    first = final["result"][0]
    assert (first["familyName"], first["country"], first["performance"]) == ("Farah", "GBR", "27:05.17")
    top, = toplist_rows("male/10000-metres.csv.gz", date="2016-08-13", competitor="Mo FARAH")
    assert (top["mark"], top["nationality"], top["position"]) == ("27:05.17", "GBR", "1")
    assert winner(db, "OG", 2016, "10000m", "M").mark == "27:05.17"


def test_rio_2016_1500m_centrowitz(db):
    assert podium(db, "OG", 2016, "1500m", "M") == [(1, "Matthew Centrowitz", "3:50.00"),
                                                    (2, "Taoufik Makhloufi", "3:50.11"),
                                                    (3, "Nick Willis", "3:50.24")]


def test_rio_2016_10000m_women_ayana_olympic_record(db):
    w = winner(db, "OG", 2016, "10000m", "W")
    assert (w.name, w.mark, w.date) == ("Almaz Ayana", "29:17.45", "2016-08-12")
    orec = current_record(db, "olympic", "WORLD", "10000m", "W")
    assert (orec.mark, orec.athlete_id) == ("29:17.45", w.athlete_id)


@needs_shared()
def test_rio_2016_women_10000m_sources_agree(db):
    assert olympic_marks()[1633][:8] == ["W", "10000M Women", "Rio", "2016", "G", "Almaz AYANA", "ETH", "29:17.45"]
    wa, = wa_record_rows("women_olympic_games_records.csv", "10,000 Metres")
    assert (wa["PERF"], wa["COMPETITOR"], wa["DATE"]) == ("29:17.45", "Almaz AYANA", "12 AUG 2016")
    assert winner(db, "OG", 2016, "10000m", "W").mark == "29:17.45"


def test_paris_2024_1500m_hocker(db):
    og = competition(db, "OG", 2024)
    assert "Stade de France" in og.venue
    assert podium(db, "OG", 2024, "1500m", "M") == [(1, "Cole Hocker", "3:27.65"), (2, "Josh Kerr", "3:27.79"),
                                                    (3, "Yared Nuguse", "3:27.80")]
    assert winner(db, "OG", 2024, "1500m", "M").date == "2024-08-06"
    assert len(final_results(db, "OG", 2024, "1500m", "M")) == 12  # all 12 finishers


@needs_shared()
def test_paris_2024_1500m_toplists_and_medallists_agree(db):
    rows = toplist_rows("male/1500-metres.csv.gz", date="2024-08-06", venue="Stade de France, Paris (FRA)")
    top3 = sorted((r for r in rows if r["position"] in ("1", "2", "3")), key=lambda r: r["position"])
    assert [(r["competitor"], r["mark"]) for r in top3] == [("Cole HOCKER", "3:27.65"), ("Josh KERR", "3:27.79"),
                                                           ("Yared NUGUSE", "3:27.80")]
    medals = [(r["medal"], r["athletes"]) for r in olympic_medallists()
              if (r["year"], r["sport"], r["event_gender"], r["event_name"]) == ("2024", "Athletics", "Men's", "1500m")]
    assert medals == [("Gold", "HOCKER Cole"), ("Silver", "KERR Josh"), ("Bronze", "NUGUSE Yared")]
    assert [n for _, n, _ in podium(db, "OG", 2024, "1500m", "M")] == ["Cole Hocker", "Josh Kerr", "Yared Nuguse"]


def test_tokyo_2021_400m_hurdles_warholm_world_record(db):
    w = winner(db, "OG", 2021, "400mH", "M")
    assert (w.name, w.mark, w.date) == ("Karsten Warholm", "45.94", "2021-08-03")
    wr = world_record(db, "400mH", "M")
    assert (wr.mark, wr.athlete_id, wr.date) == ("45.94", w.athlete_id, "2021-08-03")


@needs_shared()
def test_tokyo_2021_400m_hurdles_sources_agree(db):
    for name in ("men_world_records.csv", "men_olympic_games_records.csv"):
        wa, = wa_record_rows(name, "400 Metres Hurdles")
        assert (wa["PERF"], wa["COMPETITOR"], wa["DATE"]) == ("45.94", "Karsten WARHOLM", "03 AUG 2021")
    first = toplist("male/400-metres-hurdles.csv.gz")[0]
    assert (first["mark"], first["venue"], first["date"]) == ("45.94", "National Stadium, Tokyo (JPN)", "2021-08-03")
    assert winner(db, "OG", 2021, "400mH", "M").mark == "45.94"


def test_london_2012_800m_rudisha_world_record(db):
    w = winner(db, "OG", 2012, "800m", "M")
    assert ("Rudisha" in w.name, w.mark, w.date) == (True, "1:40.91", "2012-08-09")
    wr = world_record(db, "800m", "M")
    assert (wr.mark, wr.athlete_id, wr.date) == ("1:40.91", w.athlete_id, "2012-08-09")


@needs_shared()
def test_london_2012_800m_sources_agree(db):
    assert olympic_marks()[972][:8] == [
        "M", "800M Men", "London", "2012", "G", "David Lekuta RUDISHA", "KEN", "1:40.91"]
    wa, = wa_record_rows("men_world_records.csv", "800 Metres")
    assert (wa["PERF"], wa["DATE"]) == ("1:40.91", "09 AUG 2012")
    first = toplist("male/800-metres.csv.gz")[0]
    assert (first["mark"], first["date"], first["position"]) == ("1:40.91", "2012-08-09", "1")
    assert winner(db, "OG", 2012, "800m", "M").mark == "1:40.91"


# ===============================================================================================================
# World Championships: wc-track-finals (1983-2013) vs the toplists
# ===============================================================================================================

WCH_100 = [  # year, championship number in wc-track-finals, winner, mark, date
    (2009, 12, "Usain Bolt", "9.58", "2009-08-16"),
    (2013, 14, "Usain Bolt", "9.77", "2013-08-11"),
]


@pytest.mark.parametrize("year, number, name, mark, date", WCH_100)
def test_world_championships_100m(db, year, number, name, mark, date):
    w = winner(db, "WCH", year, "100m", "M")
    assert (w.name, w.mark, w.date, w.round) == (name, mark, date, "F")


@needs_shared()
@pytest.mark.parametrize("year, number, name, mark, date", WCH_100)
def test_world_championships_100m_sources_agree(db, year, number, name, mark, date):
    first = wc_final(number, "100", "men")[0]
    full_name = f"{first['athlete_first_name']} {first['athlete_last_name']}"
    assert (full_name, float(first["mark_time"])) == (name, float(mark))
    assert date[5:7] == "08"
    day = f"{date[8:10]} AUG {year}"  # fallback_raw files write dates like '16 AUG 2009'
    top = [r for r in toplist("fallback_raw/male/sprints_100-metres_senior.csv.gz")
           if r["date"] == day and r["position"] == "1" and r["mark"] == mark]
    assert [r["competitor"] for r in top] == ["Usain BOLT"]
    assert winner(db, "WCH", year, "100m", "M").mark == mark


def test_world_championships_2007_400m_women_ohuruogu(db):
    final = [r for r in final_results(db, "WCH", 2007, "400m", "W") if r.round == "F"]
    assert [(r.place, r.name, r.mark) for r in final[:3]] == [
        (1, "Christine Ohuruogu", "49.61"), (2, "Nicola Sanders", "49.65"), (3, "Novlene Williams-Mills", "49.66")]


@needs_shared()
def test_world_championships_2007_400m_women_source(db):
    final = wc_final(11, "400", "women")  # 11 = Osaka 2007
    assert [(r["athlete_last_name"], r["mark_time"]) for r in final[:3]] == [
        ("Ohuruogu", "49.61"), ("Sanders", "49.65"), ("Williams-Mills", "49.66")]


def test_world_championships_2025_100m_seville(db):
    wch = competition(db, "WCH", 2025)
    assert (wch.start_date, wch.end_date) == ("2025-09-13", "2025-09-21") and "Tokyo" in wch.venue
    w = winner(db, "WCH", 2025, "100m", "M")
    assert (w.name, w.mark, w.date) == ("Oblique Seville", "9.77", "2025-09-14")


# ===============================================================================================================
# Diamond League meetings: archive JSON vs toplists / record lists
# ===============================================================================================================

def test_paris_dl_2023_girma_steeple_world_record(db):
    w = winner(db, "DL-PARIS", 2023, "3000mSC", "M")
    assert (w.name, w.mark, w.date) == ("Lamecha Girma", "7:52.11", "2023-06-09")
    wr = world_record(db, "3000mSC", "M")
    assert (wr.mark, wr.athlete_id) == ("7:52.11", w.athlete_id)


@needs_shared()
def test_paris_dl_2023_steeple_sources_agree(db):
    race = dl_race(2023, 21, "Men's 3000mSC")
    assert (race["data"][0]["athlete"], race["data"][0]["mark"]) == ("Lamecha GIRMA", "7:52.11")
    wa, = wa_record_rows("men_world_records.csv", "3000 Metres Steeplechase")
    assert (wa["PERF"], wa["VENUE"], wa["DATE"]) == ("7:52.11", "Stade Charléty, Paris (FRA)", "09 JUN 2023")
    assert winner(db, "DL-PARIS", 2023, "3000mSC", "M").mark == "7:52.11"


def test_golden_gala_2023_was_in_florence(db):
    gg = competition(db, "DL-ROME", 2023)
    assert "Firenze" in gg.venue and gg.start_date == "2023-06-02"
    w = winner(db, "DL-ROME", 2023, "1500m", "W")
    assert ("Kipyegon" in w.name, w.mark) == (True, "3:49.11")


@needs_shared()
def test_golden_gala_2023_sources_agree(db):
    race = dl_race(2023, 19, "Women's 1500m")
    assert race["title"] == "Women's 1500m - 02.06.2023"
    assert (race["data"][0]["athlete"], race["data"][0]["mark"]) == ("Faith KIPYEGON", "3:49.11")
    nim, = [r for r in taf3("world_2024-06-26_both-sexes.csv") if (r["Discipline"], r["Class"], r["Environment"])
            == ("1K5", "W", "Outdoor")]
    assert (nim["Result"], nim["Venue"], nim["Date"]) == ("3:49.11", "Firenze", "2023-06-02")
    assert winner(db, "DL-ROME", 2023, "1500m", "W").mark == "3:49.11"


# ===============================================================================================================
# Bislett Games and Millrose Games
# ===============================================================================================================

def test_bislett_1997_el_guerrouj_mile(db):
    w = winner(db, "DL-OSLO", 1997, "mile", "M")
    assert (w.name, w.mark, w.date) == ("Hicham El Guerrouj", "3:44.90", "1997-07-04")


def test_millrose_2025_at_the_armory_indoors(db):
    mg = competition(db, "MILLROSE", 2025)
    assert ("Armory" in mg.venue, mg.indoor, mg.start_date) == (True, 1, "2025-02-08")
    men = winner(db, "MILLROSE", 2025, "mile", "M")
    assert (men.name, men.mark, men.indoor) == ("Yared Nuguse", "3:46.63", 1)
    women = winner(db, "MILLROSE", 2025, "mile", "W")
    assert (women.name, women.mark, women.indoor) == ("Georgia Hunter Bell", "4:23.35", 1)


@needs_shared()
def test_millrose_2025_agrees_with_toplists(db):
    armory = "Armory Track&Field Center, New York, NY (USA) (i)"
    men, = toplist_rows("male/one-mile.csv.gz", date="2025-02-08", venue=armory, position="1")
    women, = toplist_rows("female/one-mile.csv.gz", date="2025-02-08", venue=armory, position="1")
    assert (men["competitor"], men["mark"]) == ("Yared NUGUSE", "3:46.63")
    assert (women["competitor"], women["mark"], women["dob"]) == ("Georgia BELL", "4:23.35", "1993-10-17")
    # 'Georgia BELL' in the toplists is national.csv's Georgia Hunter Bell (GBR 1500 m record holder)
    nr, = national_rows("GBR", "1K5", "W")
    assert (nr["Firstname"], nr["Lastname"], nr["YOB"]) == ("Georgia", "Hunter Bell", "1993")
    assert winner(db, "MILLROSE", 2025, "mile", "W").athlete_id == national_record(db, "GBR", "1500m", "W").athlete_id


# ===============================================================================================================
# Athlete identity: one person is one athlete, and namesakes / twins stay apart
# ===============================================================================================================

def test_sydney_mclaughlin_levrone_is_one_athlete(db):
    ids = athlete_ids(db, ["Sydney McLaughlin", "Sydney McLaughlin-Levrone"], "USA")
    assert len(ids) == 1
    aliases = {r[0] for r in db.execute("SELECT folded FROM athlete_aliases WHERE athlete_id = ?", (ids.pop(),))}
    assert {"sydney mclaughlin", "sydney mclaughlin levrone"} <= aliases


def test_sydney_mclaughlin_results_under_both_names_are_hers(db):
    # 50.68 (2022, toplists 'Sydney MCLAUGHLIN') and 50.37 (2024, 'MCLAUGHLIN-LEVRONE') belong to one athlete
    owners = db.execute(
        "SELECT DISTINCT res.athlete_id FROM results res JOIN races r ON r.id = res.race_id "
        "JOIN events e ON e.id = r.event_id WHERE e.code = '400mH' AND e.sex = 'W' "
        "AND ((r.date = '2022-07-22' AND res.mark = '50.68') OR (r.date = '2024-08-08' AND res.mark = '50.37'))"
    ).fetchall()
    assert len(owners) == 1


@needs_shared()
def test_sydney_mclaughlin_two_spellings_in_toplists():
    names = {(r["competitor"], r["dob"]) for r in toplist("female/400-metres-hurdles.csv.gz")[:3]}
    assert names == {("Sydney MCLAUGHLIN-LEVRONE", "1999-08-07"), ("Sydney MCLAUGHLIN", "1999-08-07")}


INGEBRIGTSENS = [("Jakob", "2000-09-19"), ("Henrik", "1991-02-24"), ("Filip", "1993-04-20")]


def test_ingebrigtsen_brothers_are_three_athletes(db):
    found = {}
    for given, dob in INGEBRIGTSENS:
        ids = athlete_ids(db, [f"{given} Ingebrigtsen"], "NOR")
        assert len(ids) == 1, (given, ids)
        found[given] = ids.pop()
        assert db.execute("SELECT birth_date FROM athletes WHERE id = ?", (found[given],)).fetchone()[0] == dob
    assert len(set(found.values())) == 3


@needs_shared()
def test_ingebrigtsen_birth_dates_in_toplists(db):
    seen = {(r["competitor"], r["dob"]) for r in toplist("male/1500-metres.csv.gz")
            if "INGEBRIGTSEN" in r["competitor"]}
    assert seen == {(f"{g} INGEBRIGTSEN", d) for g, d in INGEBRIGTSENS}


TWINS = [  # same birth date, nation and surname: different people
    ("POR", "1963-11-22", "Domingos Castro", "Dionisio Castro"),
    ("NGR", "1971-11-22", "Davidson Ezinwa", "Osmond Ezinwa"),
]


@pytest.mark.parametrize("nation, dob, first, second", TWINS)
def test_twins_stay_separate(db, nation, dob, first, second):
    a, b = athlete_ids(db, [first], nation), athlete_ids(db, [second], nation)
    assert len(a) == len(b) == 1 and a != b
    dobs = {r[0] for r in db.execute(f"SELECT birth_date FROM athletes WHERE id IN ({a.pop()}, {b.pop()})")}
    assert dobs == {dob}


# --- confirmed identity bugs: one person split into two athletes ------------------------------------------------

SAME_PERSON = [
    # Fixed: a short given name (Mo / Mohamed) with the same birth date and nation is the same athlete.
    pytest.param(["Mo Farah", "Mohamed Farah"], "GBR", id="farah"),
    # Fixed: wc-track-finals writes 'ElGuerrouj' (inner space lost): names match without their spaces.
    pytest.param(["Hicham El Guerrouj", "Hicham ElGuerrouj"], "MAR", id="el-guerrouj"),
    # Fixed: national.csv's NOR 1000 m record 2:16.46 (Oslo 2020-06-11, 'Filip Mangen Ingebrigtsen') is Filip
    # INGEBRIGTSEN's toplist mark: a record that is a result in the data belongs to that result's athlete.
    pytest.param(["Filip Ingebrigtsen", "Filip Mangen Ingebrigtsen"], "NOR", id="filip-ingebrigtsen"),
    # Fixed: the toplists use both names with the same dob 1995-02-20 (USA): a shortened name.
    pytest.param(["Elle St. Pierre", "Ellinor Purrier St. Pierre"], "USA", id="st-pierre"),
    # Fixed: married names with the same dob, nation and given name and a shared event.
    pytest.param(["Katie Nageotte", "Katie Moon"], "USA", id="nageotte-moon"),
    pytest.param(["Sally McLellan", "Sally Pearson"], "AUS", id="mclellan-pearson"),
    # Fixed: DL archive 'George BEAMISH' (1996) and toplists 'Geordie BEAMISH' (1996-10-24) have the same results
    # (Pre 2021 mile, 2021-08-20, 3:54.86): the same performance under compatible names is one athlete.
    pytest.param(["Geordie Beamish", "George Beamish"], "NZL", id="beamish"),
    # Fixed: wc-track-finals / olympic marks 'Nicholas WILLIS' is Nick Willis (Rio 2016 1500 m bronze, 3:50.24).
    pytest.param(["Nick Willis", "Nicholas Willis"], "NZL", id="willis"),
]


@pytest.mark.parametrize("names, nation", SAME_PERSON)
def test_same_person_is_one_athlete(db, names, nation):
    ids = athlete_ids(db, names, nation)
    assert len(ids) == 1, f"{names} ({nation}) are {len(ids)} athletes: {sorted(ids)}"


def test_el_guerrouj_world_titles_belong_to_the_world_record_holder(db):
    wr = world_record(db, "1500m", "M")
    assert winner(db, "WCH", 1999, "1500m", "M").athlete_id == wr.athlete_id


# ===============================================================================================================
# Confirmed race / competition bugs
# ===============================================================================================================

TIED = [
    pytest.param("WCH", 2009, "HJ", "M", ["Yaroslav Rybakov", "Kyriakos Ioannou", "Sylwester Bednarek", "Raul Spank"],
                 id="wch-2009-high-jump"),
    pytest.param("DL-OSLO", 2025, "PV", "M", ["Armand Duplantis", "Sam Kendricks", "Menno Vloon"],
                 id="bislett-2025-pole-vault"),
]


@pytest.mark.parametrize("series, year, code, sex, names", TIED)
def test_tied_places_stay_in_one_race(db, series, year, code, sex, names):
    races = {r.race_id for r in final_results(db, series, year, code, sex) if r.name in names}
    assert len(races) == 1, races


def test_london_2012_800m_final_is_one_race(db):
    final = [r for r in final_results(db, "OG", 2012, "800m", "M") if r.date == "2012-08-09"]
    assert [r.place for r in final] == list(range(1, 9))
    assert len({r.race_id for r in final}) == 1


def test_rio_2016_10000m_has_one_final(db):
    assert len({w.race_id for w in winners(db, "OG", 2016, "10000m", "M")}) == 1


# Meetings in the host city (venue 'Osaka', 'Berlin', 'London', 'Montréal', 'Toronto', not the stadium) 1-2 days
# before the championships are not part of them. Each expected date is the first day with marks at the stadium in
# the toplists.
@pytest.mark.parametrize("series, year, first_day", [
    ("WCH", 2007, "2007-08-25"), ("WCH", 2009, "2009-08-15"), ("OG", 2012, "2012-08-03"),
    ("OG", 1976, "1976-07-23"), ("WIC", 1993, "1993-03-12"),
])
def test_championship_starts_on_its_first_day(db, series, year, first_day):
    assert competition(db, series, year).start_date == first_day


# wc-track-finals says 'Saint-Denis'; the toplists write 'Stade de France, Paris-St-Denis (FRA)' (2003-08-23..31).
def test_world_championships_2003_paris_saint_denis(db):
    wch = competition(db, "WCH", 2003)
    assert "Stade de France" in (wch.venue or "")
    assert (wch.start_date, wch.end_date) == ("2003-08-23", "2003-08-31")


@pytest.mark.parametrize("code, sex, mark", [("1500m", "M", "3:27.65"), ("PV", "M", "6.25"), ("400mH", "W", "50.37")])
def test_olympic_record_includes_paris_2024(db, code, sex, mark):
    assert current_record(db, "olympic", "WORLD", code, sex).mark == mark
    assert winner(db, "OG", 2024, code, sex).mark == mark


@pytest.mark.parametrize("area, code, sex", [("EUR", "PV", "M"), ("NAC", "400mH", "W")])
def test_area_record_is_not_worse_than_the_world_record_from_that_area(db, area, code, sex):
    assert current_record(db, "area", area, code, sex).mark == world_record(db, code, sex).mark


def test_pole_vault_world_record_includes_indoor_6_31(db):
    best = db.execute(
        "SELECT rec.mark, a.name, rec.date FROM records rec JOIN events e ON e.id = rec.event_id "
        "JOIN athletes a ON a.id = rec.athlete_id WHERE rec.kind = 'world' AND e.code = 'PV' AND e.sex = 'M' "
        "AND rec.current = 1 ORDER BY rec.mark_value DESC LIMIT 1").fetchone()
    assert best == ("6.31", "Armand Duplantis", "2026-03-12")


# ===============================================================================================================
# Hand times: WA's split files stored sub-minute times as numbers, so '51.7' there is an electronic 51.70; WA
# writes a hand time with an 'h'. The marks below were read from the raw rows cited (data/SOURCES.md).
# ===============================================================================================================

def result_flags(db, race_id: int, athlete_id: int) -> str:
    row = db.execute("SELECT flags FROM results WHERE race_id = ? AND athlete_id = ?", (race_id, athlete_id)).fetchone()
    return row[0] or ""


# female/400-metres-hurdles.csv.gz:14 '51.7', Femke BOL, position 1, Budapest, 2023-08-24
def test_wch_2023_400mh_women_bol_51_70_electronic(db):
    w = winner(db, "WCH", 2023, "400mH", "W")
    assert (w.name, w.mark, w.date) == ("Femke Bol", "51.70", "2023-08-24")
    assert "h" not in result_flags(db, w.race_id, w.athlete_id).split()


# male/400-metres.csv.gz:6 '43.4', Quincy HALL, position 1, Stade de France, 2024-08-07
def test_og_2024_400m_men_hall_43_40_electronic(db):
    w = winner(db, "OG", 2024, "400m", "M")
    assert (w.name, w.mark, w.date) == ("Quincy Hall", "43.40", "2024-08-07")
    assert "h" not in result_flags(db, w.race_id, w.athlete_id).split()


# female/400-metres.csv.gz:2 '47.6', Marita KOCH, Canberra, 1985-10-06: her best, and the world record
def test_koch_400m_best_47_60_electronic(db):
    rows = db.execute(
        "SELECT res.mark, res.flags, r.date FROM results res JOIN races r ON r.id = res.race_id "
        "JOIN events e ON e.id = r.event_id JOIN athletes a ON a.id = res.athlete_id "
        "WHERE a.name = 'Marita Koch' AND e.code = '400m' AND res.status = 'OK' ORDER BY res.mark_value LIMIT 1"
    ).fetchall()
    assert rows == [("47.60", "", "1985-10-06")]
    assert world_record(db, "400m", "W").mark == "47.60"


@needs_shared()
@pytest.mark.parametrize("path, line, competitor, date, written", [
    ("female/400-metres-hurdles.csv.gz", 14, "Femke BOL", "2023-08-24", "51.7"),
    ("male/400-metres.csv.gz", 6, "Quincy HALL", "2024-08-07", "43.4"),
    ("female/400-metres.csv.gz", 2, "Marita KOCH", "1985-10-06", "47.6"),
])
def test_toplists_write_these_times_as_numbers(path, line, competitor, date, written):
    """The raw rows behind the three facts above: one decimal, no 'h', and the numeric column agrees."""
    row = toplist(path)[line - 2]
    assert (row["competitor"], row["date"], row["mark"], row["mark_numeric"]) == (competitor, date, written, written)


# ---------------------------------------------------------------------------------------------------------------
# Every performance on board: an athlete's count of marks better than a threshold is the toplists' count.
# ---------------------------------------------------------------------------------------------------------------

def _seconds(mark: str) -> float:
    value = 0.0
    for part in mark.rstrip("hA").split(":"):
        value = value * 60 + float(part)
    return value


COUNTS = [  # question, toplist file, competitor as the file writes them, threshold
    ("how many sub 3:55 1500s has faith kipyegon run", "female/1500-metres.csv.gz", "Faith KIPYEGON", "3:55.00"),
    ("how many sub-3:46 miles has el guerrouj run", "male/one-mile.csv.gz", "Hicham EL GUERROUJ", "3:46.00"),
    ("how many sub 9.85 100ms has noah lyles run", "fallback_raw/male/sprints_100-metres_senior.csv.gz",
     "Noah LYLES", "9.85"),
    ("how many sub-52 400m hurdles has femke bol run", "female/400-metres-hurdles.csv.gz", "Femke BOL", "52.00"),
    ("how many sub 2:03 marathons has kipchoge run", "male/marathon.csv.gz", "Eliud KIPCHOGE", "2:03:00"),
    # his 9.96 semi-final at the 2015 World Championships (1sf1, the day of his 9.79 final) is a result since
    # the build keeps a semi-final and a final in one day apart (data/SOURCES.md)
    ("how many sub 10 100ms has bolt run", "fallback_raw/male/sprints_100-metres_senior.csv.gz", "Usain BOLT",
     "10.00"),
]


@needs_shared()
@pytest.mark.parametrize("question, path, competitor, threshold", COUNTS)
def test_count_of_marks_is_every_toplist_mark(engine, question, path, competitor, threshold):
    """Legal marks (wind at most +2.0), one per date and mark, as the count answer counts them. The threshold is
    above the list's cut-off, so the answer says the number, not "at least"."""
    marks = {(r["date"], round(_seconds(r["mark"]), 2)) for r in toplist_rows(path, competitor=competitor)
             if _seconds(r["mark"]) < _seconds(threshold)
             and not (r["wind"].strip() and float(r["wind"]) > 2.0)}
    answer = engine.answer_now(question)
    assert answer.intent == "count"
    assert f" has {len(marks)} " in answer.headline, answer.headline
