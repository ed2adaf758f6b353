"""`bot data import`: rows no human could have produced, and results already there, are refused like any bad row
(file and line named, nothing written). Every bound is read from the database here too, never typed in."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.common import marks
from bot.pipeline import userimport
from tests.test_userimport import assert_unchanged, copy_db, csv_text, line, snapshot


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory, db_path) -> Path:
    """A copy every refusal here must leave exactly as it was."""
    return copy_db(db_path, tmp_path_factory.mktemp("plausible_import"))


def ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def row_of(path: Path, sql: str, params: tuple = ()) -> tuple:
    """The first row the query finds in the database, read-only."""
    conn = ro(path)
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


def world_record(path: Path, code: str, sex: str) -> float:
    """The best current world record of the event, indoor or outdoor, straight from the records table."""
    lower, = row_of(path, "SELECT lower_is_better FROM events WHERE code = ? AND sex = ?", (code, sex))
    return row_of(path, f"SELECT {'min' if lower else 'max'}(rec.mark_value) FROM records rec JOIN events e "
                        "ON e.id = rec.event_id WHERE e.code = ? AND e.sex = ? AND rec.kind = 'world' "
                        "AND rec.current = 1", (code, sex))[0]


def refused(db: Path, tmp_path: Path, bad_row: str, *reasons: str, lineno: int = 4) -> str:
    f = tmp_path / "bad.csv"
    f.write_text(csv_text(line(athlete="Good One"), line(athlete="Good Two"), bad_row))
    before = snapshot(db)
    with pytest.raises(userimport.ImportFailed) as exc:
        userimport.import_file(f, db)
    msg = str(exc.value)
    assert f"{f}:{lineno}: " in msg, msg
    for reason in reasons:
        assert reason in msg, msg
    assert_unchanged(db, before)
    return msg


# --- marks ---------------------------------------------------------------------------------------------------

def test_a_1500m_in_a_hundredth_is_refused_with_the_limits_and_their_source(shared_db, tmp_path):
    wr = world_record(shared_db, "1500m", "M")
    msg = refused(shared_db, tmp_path, line(mark="0.01"), "mark '0.01' is not plausible for the men's 1500 m",
                  "faster than the world record", marks.format_mark(wr, "1500m"), "slowest mark on file")
    # the limit it gives is the world record less 3%, as the records table has it
    assert marks.format_mark(wr * 0.97, "1500m") in msg


def test_a_99_metre_long_jump_is_refused(shared_db, tmp_path):
    wr = world_record(shared_db, "LJ", "M")
    refused(shared_db, tmp_path, line(event="LJ", mark="99.99"), "not plausible for the men's long jump",
            f"better than the world record, {wr:.2f}")


def test_a_mark_slower_than_anything_on_file_by_far_is_refused(shared_db, tmp_path):
    refused(shared_db, tmp_path, line(mark="1:00:00"), "not plausible for the men's 1500 m",
            "more than 50% slower than the slowest mark on file")


def test_marks_near_the_world_record_or_slow_club_marks_still_import(writable_db, tmp_path):
    """The margins are wide: 2% inside the world record and a slow club time (1.3 times the world record) are
    not refused."""
    wr = world_record(writable_db, "1500m", "M")
    f = tmp_path / "near.csv"
    f.write_text(csv_text(line(athlete="Quick One", mark=marks.format_mark(wr * 0.98, "1500m")),
                          line(athlete="Club Runner", mark=marks.format_mark(wr * 1.3, "1500m"))))
    assert userimport.import_file(f, writable_db) == 2


def test_a_negative_mark_is_refused_as_negative(shared_db, tmp_path):
    refused(shared_db, tmp_path, line(mark="-3:40.00"), "'-3:40.00' is negative")


def test_an_event_with_nothing_on_file_cannot_be_checked(shared_db, tmp_path):
    on_file, = row_of(
        shared_db, "SELECT (SELECT count(*) FROM races r JOIN events e ON e.id = r.event_id WHERE e.code = '500m') + "
                   "(SELECT count(*) FROM records rec JOIN events e ON e.id = rec.event_id WHERE e.code = '500m')")
    assert on_file == 0, "the test needs an event with no marks on file"
    refused(shared_db, tmp_path, line(event="500m", mark="1:05.00"),
            "no record or mark on file for the men's 500 m")


# --- dates and ages -------------------------------------------------------------------------------------------

def test_a_birth_date_in_1800_is_refused(shared_db, tmp_path):
    refused(shared_db, tmp_path, line(birth_date="1800-01-01"), "birth_date 1800-01-01",
            "years old at the result: not plausible for senior athletics", "results on file with a birth date")


def test_a_child_is_refused(shared_db, tmp_path):
    refused(shared_db, tmp_path, line(birth_date="2020-01-01"), "birth_date 2020-01-01",
            "years old at the result: not plausible for senior athletics")


def test_a_veteran_inside_the_range_on_file_imports(writable_db, tmp_path):
    f = tmp_path / "masters.csv"
    f.write_text(csv_text(line(athlete="Old Stager", birth_date="1976-06-13", mark="4:30.00")))   # 50 on the day
    assert userimport.import_file(f, writable_db) == 1


def test_a_result_before_anything_on_file_is_refused(shared_db, tmp_path):
    earliest = min(row_of(shared_db, f"SELECT min(date) FROM {t} WHERE date IS NOT NULL")[0] for t in ("races", "records"))
    refused(shared_db, tmp_path, line(date="1800-06-01"), "date 1800-06-01 is before the earliest dated mark on "
                                                          f"file ({earliest})")


def test_an_athlete_on_file_too_young_for_the_result_is_refused_while_writing(shared_db, tmp_path):
    """No birth date in the row, but the athlete it goes to (Josh Kerr, born 1997 on file) was a child then:
    refused once matched, inside the transaction, and rolled back."""
    born, = row_of(shared_db, "SELECT birth_date FROM athletes WHERE name = 'Josh Kerr'")
    refused(shared_db, tmp_path, line(athlete="Josh Kerr", nationality="GBR", date="2001-06-01"),
            f"Josh Kerr (on file, born {born})", "years old at the result")


# --- wind and place -------------------------------------------------------------------------------------------

def test_a_wind_reading_on_a_1500m_is_refused(shared_db, tmp_path):
    refused(shared_db, tmp_path, line(wind="+1.0"), "wind '+1.0': the men's 1500 m has no wind reading")


def test_a_wind_reading_indoors_is_refused(shared_db, tmp_path):
    refused(shared_db, tmp_path, line(event="60m", mark="6.70", wind="+0.5", indoor="yes"),
            "there is no wind reading indoors")


def test_a_gale_is_refused_with_the_strongest_winds_on_file(shared_db, tmp_path):
    strongest, = row_of(shared_db, "SELECT max(wind) FROM results")
    refused(shared_db, tmp_path, line(event="100m", mark="10.10", wind="+15.0"),
            "+15.0 m/s is beyond any wind on file", marks.format_wind(strongest))


def test_a_huge_place_is_refused(shared_db, tmp_path):
    largest, = row_of(shared_db, "SELECT max(place) FROM results")
    refused(shared_db, tmp_path, line(place=str(largest * 10 + 1)), f"the largest place on file is {largest}")


# --- duplicates -----------------------------------------------------------------------------------------------

def test_the_same_row_twice_in_a_file_is_refused(shared_db, tmp_path):
    refused(shared_db, tmp_path, line(athlete="Good One"), "the same result as line 2 (Good One, men's 1500 m, "
                                                           "2026-06-13, 3:40.00)")


def test_the_same_dnf_twice_is_refused(shared_db, tmp_path):
    f = tmp_path / "dnf.csv"
    f.write_text(csv_text(line(athlete="Good One", mark="DNF", place=""),
                          line(athlete="good one", mark="dnf", place="")))
    before = snapshot(shared_db)
    with pytest.raises(userimport.ImportFailed, match=r":3: the same result as line 2"):
        userimport.import_file(f, shared_db)
    assert_unchanged(shared_db, before)


def test_the_same_mark_in_a_heat_and_the_final_is_two_results(writable_db, tmp_path):
    f = tmp_path / "rounds.csv"
    f.write_text(csv_text(line(athlete="Even Pacer", round="heat"), line(athlete="Even Pacer", round="final")))
    assert userimport.import_file(f, writable_db) == 2


def test_a_result_already_in_the_database_is_refused(shared_db, tmp_path):
    rid, src, ref, date, mark = row_of(
        shared_db, "SELECT res.id, res.source_id, res.source_ref, r.date, res.mark FROM results res "
                   "JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id JOIN athletes a "
                   "ON a.id = res.athlete_id WHERE a.name = 'Josh Kerr' AND e.code = '1500m' AND r.date IS NOT NULL "
                   "AND res.mark IS NOT NULL ORDER BY r.date LIMIT 1")
    refused(shared_db, tmp_path, line(athlete="Josh KERR", date=date, mark=mark, round=""),
            f"already in the database: Josh KERR's {mark} in the men's 1500 m on {date} (results id {rid}, "
            f"{src} {ref})")


def test_a_row_of_an_earlier_import_is_refused_in_a_new_file(writable_db, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(csv_text(line(athlete="Repeat Runner")))
    assert userimport.import_file(first, writable_db) == 1
    second = tmp_path / "second.csv"
    second.write_text(csv_text(line(athlete="Other Runner"), line(athlete="Repeat Runner")))
    before = snapshot(writable_db)
    with pytest.raises(userimport.ImportFailed, match=r"second.csv:3: already in the database: Repeat Runner's "
                                                      r"3:40.00 .* user:first.csv:"):
        userimport.import_file(second, writable_db)
    assert_unchanged(writable_db, before)


# --- data/IMPORT_FORMAT.md says what the import does -----------------------------------------------------------

DOC = (Path(__file__).resolve().parents[1] / "data" / "IMPORT_FORMAT.md").read_text()


def test_the_documented_refusal_is_the_real_message(shared_db, tmp_path):
    example = DOC.split("The message gives both limits and the marks they come from, e.g. `", 1)[1]
    example = " ".join(example.split("`", 1)[0].split())
    msg = refused(shared_db, tmp_path, line(mark="0.01"))
    for part in example.split("..."):
        assert part in msg, (part, msg)


def test_the_documented_bounds_are_those_of_the_embedded_dataset(db_path):
    from bot.common import plausible
    conn = ro(db_path)
    try:
        bounds = plausible.Bounds(conn)
        ages, wind, places = bounds.ages, bounds.wind, bounds.places
    finally:
        conn.close()
    assert ages is not None and wind is not None and places is not None
    text = " ".join(DOC.split())
    assert f"about {ages.lo:.1f} to {ages.hi:.1f} years with the embedded dataset" in text
    assert f"({marks.format_wind(wind.hi)} and {marks.format_wind(wind.lo)} m/s with the embedded dataset)" in text
    assert f"({places.limit} with the embedded dataset)" in text
