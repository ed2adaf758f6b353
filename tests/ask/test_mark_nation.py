"""Nations on marks and records (findings C1, C2, B2) and the details around them (B1 ties, B4 venues, B6 ages,
B9 the latest meeting). Expected facts come from the raw reference files (tests/ask/raw.py) or, where noted,
from the database; the engine runs on the real database."""
from __future__ import annotations

import csv
import datetime as dt
import re

import pytest

from bot.ask.answer import ANSWERED
from scripts.beaten_national_records import beaten
from tests.ask import raw
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()

M100 = "fallback_raw/male/sprints_100-metres_senior.csv.gz"


def legal(rows: list[dict]) -> list[dict]:
    """Rows a list or record counts: wind at most +2.0 where read, not hand timed."""
    out = []
    for r in rows:
        wind = (r.get("wind") or "").strip()
        if wind and wind not in ("NWI",) and float(wind.replace("+", "")) > 2.0:
            continue
        if r["mark"].endswith("h"):
            continue
        out.append(r)
    return out


def best_of_nation(path: str, nation: str, lower: bool = True) -> dict:
    rows = [r for r in legal(raw.toplist(path)) if r["nationality"] == nation]
    return min(rows, key=lambda r: r["value"] if lower else -r["value"])


# -- C2: a nation's list and counts use the nation each mark was set for ----------------------------------

@pytest.mark.parametrize("question, path, nation", [
    ("fastest american 1500m runner all time", "male/1500-metres.csv.gz", "USA"),   # Lagat's 3:26.34 was KEN
    ("fastest kenyan 1500m ever", "male/1500-metres.csv.gz", "KEN"),
    ("fastest nigerian 100m ever", M100, "NGR"),     # Obikwelu's 9.86 was for POR
    ("fastest portuguese 100m ever", M100, "POR"),
    ("fastest dutch 100m ever", M100, "NED"),        # Martina ran for AHO first
])
def test_a_nations_list_is_of_marks_set_for_it(engine, question, path, nation):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "all_time", answer.headline
    want = best_of_nation(path, nation)
    assert answer.rows[0].mark == want["mark"], (answer.rows[0], want)
    assert all(r.nationality == nation for r in answer.rows)
    toplist = raw.toplist(path)
    for row in answer.rows:   # each shown mark is one the source lists for that nation on that day
        same = [t for t in toplist if t["iso"] == row.date and t["mark"] == row.mark]
        if same:
            assert any(t["nationality"] == nation for t in same), (row, same)


@pytest.mark.parametrize("question, path, nation, under", [
    ("how many kenyans have run under 3:30 in the 1500", "male/1500-metres.csv.gz", "KEN", 210.0),
    ("how many americans have run under 3:30 in the 1500", "male/1500-metres.csv.gz", "USA", 210.0),
    ("how many nigerians have run under 10 in the 100m", M100, "NGR", 10.0),
])
def test_a_nations_count_is_of_marks_set_for_it(engine, question, path, nation, under):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "threshold", answer.headline
    who = {(r["competitor"], r["dob"]) for r in legal(raw.toplist(path))
           if r["nationality"] == nation and r["value"] < under}
    assert re.search(rf"\b{len(who)} men\b", answer.headline), (len(who), answer.headline)


# -- B2: a record holder's nation is the record row's ----------------------------------------------------

def _wa_world(file: str, discipline: str) -> dict:
    with open(SHARED / "wa-records-2024" / file, encoding="utf-8") as f:
        return next(r for r in csv.DictReader(f) if r["DISCIPLINE"].strip() == discipline)


@pytest.mark.parametrize("question, file, discipline", [
    ("mens hammer wr", "men_world_records.csv", "Hammer Throw"),
    ("womens shot put world record", "women_world_records.csv", "Shot Put"),
    ("womens discus world record", "women_world_records.csv", "Discus Throw"),
    ("womens 800m world record", "women_world_records.csv", "800 Metres"),
    ("womens 400m world record", "women_world_records.csv", "400 Metres"),
    ("womens long jump world record", "women_world_records.csv", "Long Jump"),
])
def test_an_old_world_records_nation_is_the_one_it_was_set_for(engine, question, file, discipline):
    want = _wa_world(file, discipline)
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "record", answer.headline
    assert answer.rows[0].mark == want["PERF"].strip()
    assert answer.rows[0].nationality == want["COUNTRY"].strip(), answer.headline
    assert f"({want['COUNTRY'].strip()})" in answer.headline


def test_a_national_record_set_for_that_nation_says_so(engine):
    want = next(r for r in raw.national() if r["Type"] == "KEN" and r["Discipline"] == "1K5" and r["Class"] == "M"
                and r["Environment"] == "Outdoor")
    answer = engine.answer_now("kenyan 1500 record men")
    assert answer.rows[0].mark == want["Result"] and answer.rows[0].nationality == "KEN", answer.headline


# -- C1: a national record that a mark on file beats is never headlined as the record -------------------

@pytest.mark.parametrize("question, nation, code, sex, path, lower", [
    ("american record 1500m men", "USA", "1K5", "M", "male/1500-metres.csv.gz", True),
    ("mexican 5000m record", "MEX", "5K0", "M", "male/5000-metres.csv.gz", True),
    ("kenyan women's outdoor triple jump record", "KEN", "DRE", "W", "female/triple-jump.csv.gz", False),
    ("british shot put record", "GBR", "KUG", "M", "male/shot-put.csv.gz", False),
])
def test_a_beaten_national_record_is_not_headlined(engine, question, nation, code, sex, path, lower):
    listed = next(r for r in raw.national() if r["Type"] == nation and r["Discipline"] == code
                  and r["Class"] == sex and r["Environment"] == "Outdoor")
    best = best_of_nation(path, nation, lower)
    beats = best["value"] < raw.seconds(listed["Result"]) if lower else best["value"] > float(listed["Result"])
    assert beats, "the source rows no longer show the defect"
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "record", answer.headline
    assert answer.rows[0].mark == best["mark"] and answer.rows[0].nationality == nation, answer.headline
    assert answer.headline.startswith("The best ") and "beats" in answer.headline
    assert any("toplists" in s for s in answer.sources) and "from World Athletics" in answer.headline
    assert not re.search(rf"record is {re.escape(listed['Result'])}", answer.headline)


def test_a_national_record_no_mark_beats_is_stated(engine):
    listed = next(r for r in raw.national() if r["Type"] == "GBR" and r["Discipline"] == "MEI"
                  and r["Class"] == "M" and r["Environment"] == "Outdoor")
    answer = engine.answer_now("british mile record")
    assert f"British record is {listed['Result']} by Josh Kerr" in answer.headline


def test_a_national_list_row_the_build_drops_gives_the_best_mark_on_file(engine):
    """national.csv gives JAM men's 200 m as 10.88 (Jesse Saunders): unusable, so the answer is the best JAM mark."""
    listed = next(r for r in raw.national() if r["Type"] == "JAM" and r["Discipline"] == "200"
                  and r["Class"] == "M" and r["Environment"] == "Outdoor")
    assert listed["Result"] == "10.88"
    best = best_of_nation("male/200-metres.csv.gz", "JAM")
    answer = engine.answer_now("jamaican 200m record men")
    assert answer.status == ANSWERED and answer.rows[0].mark == best["mark"], answer.headline
    assert "10.88" not in answer.headline


def test_no_record_answer_headlines_a_list_row_that_a_mark_on_file_beats(engine, db):
    """Every national list row beaten by a mark on file (scripts/beaten_national_records.py; a sample of them):
    the answer headlines the better mark, never the row."""
    rows = beaten(db)
    assert len(rows) > 50
    words = {"USA": "american", "GBR": "british", "KEN": "kenyan", "JAM": "jamaican", "ETH": "ethiopian",
             "FRA": "french", "GER": "german", "AUS": "australian", "CAN": "canadian", "NOR": "norwegian"}
    asked = 0
    for nation, code, sex, indoor, mark, _name, better, _who in rows:
        if nation not in words or code in ("600m", "1000m"):
            continue
        q = f"{words[nation]} {'womens' if sex == 'W' else 'mens'} {code} {'indoor ' if indoor else ''}record"
        answer = engine.answer_now(q)
        if answer.status != ANSWERED or answer.intent != "record":
            continue
        asked += 1
        assert answer.rows[0].mark == better, (q, answer.headline)
        assert f"record is {mark}" not in answer.headline, (q, answer.headline)
    assert asked >= 3


# -- B1: a tie for the most titles names everyone tied ----------------------------------------------------

def test_most_world_titles_in_the_1500_names_the_tie(engine):
    el_g = engine.answer_now("how many times did el guerrouj win the wc 1500")
    kip = engine.answer_now("how many times did kipyegon win the wc 1500")
    n_el, n_kip = (int(re.search(r"\b(\d+)\b", a.headline).group(1)) for a in (el_g, kip))
    answer = engine.answer_now("who won the most world titles in the 1500")
    top = max(n_el, n_kip)
    if n_el == n_kip == top:
        assert "Kipyegon" in answer.headline and "El Guerrouj" in answer.headline, answer.headline


@pytest.mark.parametrize("question", [
    "who won the most world titles in the 1500", "most olympic medals in the 100m", "most world titles",
    "most olympic golds in the 5000", "who has the most world championship medals in the 400m hurdles",
])
def test_everyone_level_on_the_count_is_in_the_headline(engine, question):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "medal_table", answer.headline
    count = int(answer.rows[0].note.split()[0])
    level = [r for r in answer.rows if int((r.note or "0").split()[0]) == count]
    assert all(r.place == 1 and r.athlete in answer.headline for r in level), answer.headline


# -- B6: ages in years and calendar days ------------------------------------------------------------------

def _age(born: str, on: str) -> tuple[int, int]:
    b, d = dt.date.fromisoformat(born), dt.date.fromisoformat(on)
    years = d.year - b.year - ((d.month, d.day) < (b.month, b.day))
    return years, (d - b.replace(year=b.year + years)).days


def test_youngest_olympic_1500_champion_age_is_in_calendar_days(engine):
    kiprop = raw.named(raw.toplist("male/1500-metres.csv.gz"), "Asbel", "Kiprop")[0]
    years, days = _age(kiprop["dob"], "2008-08-19")
    answer = engine.answer_now("youngest olympic 1500 champion")
    assert f"Asbel Kiprop (KEN), aged {years} years {days} days" in answer.headline, answer.headline


@pytest.mark.parametrize("question", ["youngest olympic 1500 champion", "oldest world champion 10000m",
                                      "youngest olympic 100m champion", "oldest olympic marathon medallist"])
def test_every_age_shown_is_calendar_years_and_days(engine, db, question):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED, answer.headline
    for r in answer.rows:
        born = db.execute("SELECT birth_date FROM athletes WHERE id = ?", (r.athlete_id,)).fetchone()[0]
        years, days = _age(born, r.date[:10])
        assert r.note.startswith(f"aged {years} years {days} day"), (r.athlete, born, r.date, r.note)


# -- B4: a record without a venue takes it from the same performance in the results ----------------------

@pytest.mark.parametrize("question, path, family, date", [
    ("who held the 400h record before warholm", "male/400-metres-hurdles.csv.gz", "YOUNG", "1992-08-06"),
    ("2 mile world record", "male/two-miles.csv.gz", "INGEBRIGTSEN", "2023-06-09"),
    ("who held the pole vault wr before duplantis", "male/pole-vault.csv.gz", "LAVILLENIE", "2014-02-15"),
])
def test_a_records_venue_comes_from_the_same_performance(engine, question, path, family, date):
    row = next(r for r in raw.toplist(path) if r["competitor"].endswith(family) and r["iso"] == date)
    city = row["venue"].replace(" (i)", "").rsplit(" (", 1)[0].split(", ")[-1]
    answer = engine.answer_now(question)
    assert "unknown venue" not in answer.headline and city in answer.headline, (city, answer.headline)


# -- B9: a race without a date is placed by its meeting, not first ---------------------------------------

def test_h2h_latest_race_is_the_last_meeting_even_undated(engine):
    with open(SHARED / "olympic-medallists-marks-1896-2016" / "results.csv", encoding="utf-8") as f:
        final = [r for r in csv.DictReader(f) if r["Year"] == "1980" and r["Event"] == "1500M Men"]
    coe, ovett = (next(r for r in final if r["Name"].endswith(n)) for n in ("COE", "OVETT"))
    ahead = "Sebastian Coe" if "GSB".index(coe["Medal"]) < "GSB".index(ovett["Medal"]) else "Steve Ovett"
    answer = engine.answer_now("seb coe vs steve ovett")
    assert answer.headline.endswith(f"Latest: the 1500 m at the Olympic Games 1980, {ahead} ahead."), answer.headline
