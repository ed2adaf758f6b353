"""Issue 14, pattern 5: the nation -> World Athletics area table (bot/common/areas.py) against the raw sources,
and the area-record promotions it makes possible (Pakistan's javelin, Hungary's indoor 400 m, Liberia's
women's hammer: nations on no area list)."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from bot.common.areas import AREAS, EXCEPTIONS, NOT_NATIONS, area_of
from tests.conftest import SHARED, needs_shared

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("nation_areas", ROOT / "scripts" / "nation_areas.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared()
def test_every_nation_on_an_area_list_maps_to_that_area():
    found = _script().list_areas(SHARED)
    assert len(found) > 80
    wrong = {n: dict(c) for n, c in found.items() if set(c) != {area_of(n)}}
    assert not wrong


@needs_shared()
def test_the_table_is_what_the_script_derives(db):
    nations = {n for (n,) in db.execute("SELECT DISTINCT nationality FROM athletes WHERE nationality IS NOT NULL "
                                        "UNION SELECT region FROM records WHERE kind = 'national'")}
    from bot.common.countries import COUNTRIES
    derived = _script().derive(SHARED, nations | set(COUNTRIES))
    assert {n: a for n, (a, _) in derived.items()} == AREAS


@needs_shared()
def test_each_exception_is_needed():
    """An exception is where mapping_areas.csv and the time zones disagree, or where neither knows the code."""
    script = _script()
    mapped, regions = script.mapping(SHARED), script.tz_regions()
    from bot.common.countries import COUNTRIES
    for nation, (area, why) in EXCEPTIONS.items():
        iso = COUNTRIES.get(nation, (None, ""))[0]
        areas = set().union(*(script.IANA.get(r, set()) for r in regions.get(iso or "", ())))
        agree = nation in mapped and (mapped[nation] in areas or not areas)
        assert not (agree and mapped[nation] == area), f"{nation}: mapping_areas.csv and the time zones agree"
        assert len(why) > 20


def test_every_nation_in_the_database_has_an_area(db):
    nations = {n for (n,) in db.execute("SELECT DISTINCT nationality FROM athletes WHERE nationality IS NOT NULL "
                                        "UNION SELECT region FROM records WHERE kind = 'national'")}
    assert len(nations) > 200
    assert not {n for n in nations if area_of(n) is None and n not in NOT_NATIONS}


def _national(nation: str, disc: str, sex: str, env: str) -> dict[str, str]:
    with open(SHARED / "nimarion-records" / "national.csv", newline="", encoding="utf-8") as f:
        return next(r for r in csv.DictReader(f, delimiter=";") if (r["Type"], r["Discipline"], r["Sex"],
                                                                     r["Environment"]) == (nation, disc, sex, env))


def _area_list(file: str, discipline: str) -> list[dict[str, str]]:
    with open(SHARED / "wa-records-2024" / file, newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["DISCIPLINE"] == discipline]


@needs_shared()
@pytest.mark.parametrize("nation, disc, sex, env, code, area, indoor, file, discipline", [
    ("PAK", "SPE", "Male", "Outdoor", "JT", "ASI", 0, "men_asian_records.csv", "Javelin Throw"),
    ("HUN", "400", "Male", "Indoor", "400m", "EUR", 1, "men_european_records.csv", "400 Metres Short Track"),
    ("LBR", "HAM", "Female", "Outdoor", "HT", "AFR", 0, "women_african_records.csv", "Hammer Throw"),
])
def test_the_missed_area_promotions(db, nation, disc, sex, env, code, area, indoor, file, discipline):
    """The national record (national.csv) beats the area list's record (WA, August 2024) and is newer: it is
    the current area record, logged as a promotion that names the area table."""
    nr = _national(nation, disc, sex, env)
    listed = _area_list(file, discipline)
    assert listed and all(float(nr["Result"]) > float(r["PERF"]) if code != "400m" else
                          float(nr["Result"]) < float(r["PERF"]) for r in listed)
    rec = db.execute(
        "SELECT r.mark_value, r.date, r.source_ref, a.nationality FROM records r JOIN events e ON e.id = r.event_id "
        "JOIN athletes a ON a.id = r.athlete_id WHERE r.kind = 'area' AND r.region = ? AND e.code = ? AND e.sex = ? "
        "AND r.indoor = ? AND r.current = 1", (area, code, "M" if sex == "Male" else "W", indoor)).fetchall()
    assert [(round(v, 2), d, n) for v, d, _, n in rec] == [(float(nr["Result"]), nr["Date"], nation)]
    logged = db.execute("SELECT reason FROM import_issues WHERE source_id = 'nimarion-national' AND ref = ? "
                        "AND corrected = 1 AND reason LIKE ?", (rec[0][2], f"area record {area} %")).fetchall()
    assert logged and f"{nation} is in {area}" in logged[0][0] and "bot/common/areas.py" in logged[0][0]


def test_every_promoted_area_record_is_logged(db):
    """An area record from anything but an area list (a national or world record, a toplist mark) names its
    promotion in import_issues."""
    rows = db.execute("SELECT source_id, source_ref, region FROM records WHERE kind = 'area' AND source_id NOT IN "
                      "('wa-records-2024', 'nimarion-area')").fetchall()
    assert len(rows) > 100
    unlogged = [r for r in rows if not db.execute(
        "SELECT 1 FROM import_issues WHERE source_id = ? AND ref = ? AND corrected = 1 AND reason LIKE ?",
        (r[0], r[1], f"{r[2]} area record%")).fetchone() and not db.execute(
        "SELECT 1 FROM import_issues WHERE source_id = ? AND ref = ? AND corrected = 1 AND reason LIKE ?",
        (r[0], r[1], f"area record {r[2]} %")).fetchone()]
    assert not unlogged, unlogged[:10]


def test_area_of_is_no_guess():
    assert area_of("PAK") == "ASI" and area_of("ANA") is None and area_of(None) is None
    assert set(AREAS.values()) == {"AFR", "ASI", "EUR", "NAC", "OCE", "SAM"}
