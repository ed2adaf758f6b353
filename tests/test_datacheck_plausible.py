"""`bot data check` finds implausible rows already stored, by the rules a user import must pass
(bot/common/plausible.py), each named with its table and row id; the reference rows whose sources are wrong are
exactly the ones plausible.KNOWN_BAD names."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from bot.common import plausible
from bot.pipeline import datacheck
from tests.test_datacheck import a_1500m_result, corrupt, one, problems_of


def implausible(path: Path, known: dict) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return datacheck.implausible(conn, lambda kind, msg: kind.append(msg), dt.date.today().isoformat(), known)
    finally:
        conn.close()


def lone_result(path: Path) -> tuple[int, str, str, int, str]:
    """(result id, source, reference, athlete id, date) of a men's 1500 m result whose athlete has no other
    (and that is not one of the known bad rows, which the check excuses)."""
    known = [f"{src} {ref}" for src, ref in plausible.KNOWN_BAD]
    return one(path, "SELECT res.id, res.source_id, res.source_ref, res.athlete_id, r.date FROM results res "
                     "JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id WHERE e.code = '1500m' "
                     "AND e.sex = 'M' AND r.date IS NOT NULL AND res.mark IS NOT NULL AND res.athlete_id IN "
                     "(SELECT athlete_id FROM results GROUP BY athlete_id HAVING count(*) = 1) AND "
                     f"res.source_id || ' ' || res.source_ref NOT IN ({', '.join('?' * len(known))}) "
                     "ORDER BY res.id LIMIT 1", tuple(known))


def test_the_sources_own_mistakes_are_exactly_the_known_bad_rows(db_path):
    """Without the list, the check finds these rows and no others; each still breaks the rule it is listed
    for (so once the builder corrects one, this fails and the entry goes)."""
    problems = implausible(db_path, {})
    explained: set[str] = set()
    for (src, ref), (rule, _why) in plausible.KNOWN_BAD.items():
        hits = [p for p in problems if f"({src} {ref})" in p]
        assert hits, f"{src} {ref} ({rule}) is no longer a problem: take it off plausible.KNOWN_BAD"
        words = {"age": ("years old at the result", "dated before the athlete's birth"),
                 "duplicate": ("the same result twice",)}[rule]
        assert all(any(w in h for w in words) for h in hits), hits
        explained.update(hits)
    assert sorted(set(problems) - explained) == []
    assert implausible(db_path, plausible.KNOWN_BAD) == []


def test_a_mark_no_human_ran_is_reported_with_table_and_row(writable_db):
    rid, _, _, src, ref = a_1500m_result(writable_db)
    corrupt(writable_db, "UPDATE results SET mark = '0.01', mark_value = 0.01 WHERE id = ?", (rid,))
    [problem] = problems_of(writable_db)
    assert problem.startswith(f"results id {rid} ({src} {ref}): mark '0.01' is not plausible for the men's 1500 m: "
                              f"more than 3% faster than the world record")


def test_a_99_metre_long_jump_is_reported(writable_db):
    rid, src, ref = one(writable_db, "SELECT res.id, res.source_id, res.source_ref FROM results res JOIN races r "
                                     "ON r.id = res.race_id JOIN events e ON e.id = r.event_id WHERE e.code = 'LJ' "
                                     "AND e.sex = 'W' AND res.mark IS NOT NULL AND res.id NOT IN (SELECT "
                                     "result_id FROM result_details WHERE result_id IS NOT NULL) "
                                     "ORDER BY res.id LIMIT 1")
    # (a result with a Rio series would also break the series check: one problem is asked for here)
    corrupt(writable_db, "UPDATE results SET mark = '99.99', mark_value = 99.99 WHERE id = ?", (rid,))
    [problem] = problems_of(writable_db)
    assert problem.startswith(f"results id {rid} ({src} {ref}): mark '99.99' is not plausible for the women's long "
                              f"jump: more than 3% better than the world record")


def test_a_record_far_beyond_the_world_record_is_reported(writable_db):
    rid, src, ref, value = one(writable_db, "SELECT rec.id, rec.source_id, rec.source_ref, rec.mark_value FROM "
                                            "records rec JOIN events e ON e.id = rec.event_id WHERE e.code = 'HJ' "
                                            "AND e.sex = 'M' AND rec.kind = 'national' ORDER BY rec.id LIMIT 1")
    corrupt(writable_db, "UPDATE records SET mark = '3.50', mark_value = 3.5 WHERE id = ?", (rid,))
    problems = problems_of(writable_db)
    assert f"records id {rid} ({src} {ref}): mark '3.50' is not plausible for the men's high jump: more than 3% " \
           f"better than the world record" in "\n".join(problems), problems
    assert value != 3.5


def test_a_birth_date_in_1800_is_reported(writable_db):
    rid, src, ref, aid, date = lone_result(writable_db)
    corrupt(writable_db, "UPDATE athletes SET birth_date = '1800-01-01' WHERE id = ?", (aid,))
    [problem] = problems_of(writable_db)
    assert problem.startswith(f"results id {rid} ({src} {ref}): ") and f"(athletes id {aid}, born 1800-01-01) on " \
        f"{date}: " in problem and "years old at the result: not plausible for senior athletics" in problem


def test_a_result_before_birth_is_reported(writable_db):
    rid, src, ref, aid, date = lone_result(writable_db)
    born = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
    corrupt(writable_db, "UPDATE athletes SET birth_date = ? WHERE id = ?", (born, aid))
    [problem] = problems_of(writable_db)
    assert problem.startswith(f"results id {rid} ({src} {ref}): ")
    assert problem.endswith(f"on {date}: the result is dated before the athlete's birth")


def test_wind_where_none_is_read_and_gales_are_reported(writable_db):
    rid, _, _, src, ref = a_1500m_result(writable_db)
    corrupt(writable_db, "UPDATE results SET wind = 1.0 WHERE id = ?", (rid,))
    sprint, s_src, s_ref = one(writable_db, "SELECT res.id, res.source_id, res.source_ref FROM results res JOIN races "
                                            "r ON r.id = res.race_id JOIN events e ON e.id = r.event_id WHERE "
                                            "e.code = '100m' AND res.wind IS NOT NULL ORDER BY res.id LIMIT 1")
    corrupt(writable_db, "UPDATE results SET wind = 25.0 WHERE id = ?", (sprint,))
    problems = problems_of(writable_db)
    assert len(problems) == 2, problems
    assert f"results id {rid} ({src} {ref}): wind +1.0: the men's 1500 m has no wind reading (wind is read only " \
           f"in the sprints up to 200 m, the sprint hurdles and the long and triple jumps)" in problems
    assert any(p.startswith(f"results id {sprint} ({s_src} {s_ref}): wind +25.0: +25.0 m/s is beyond any wind on "
                            f"file") for p in problems), problems


def test_a_huge_place_is_reported(writable_db):
    rid, _, _, src, ref = a_1500m_result(writable_db)
    corrupt(writable_db, "UPDATE results SET place = 99999 WHERE id = ?", (rid,))
    [problem] = problems_of(writable_db)
    assert problem.startswith(f"results id {rid} ({src} {ref}): place 99999 is beyond any field on file")


def test_the_same_result_stored_twice_is_reported(writable_db):
    rid = a_1500m_result(writable_db)[0]
    corrupt(writable_db, "INSERT INTO results (race_id, athlete_id, place, position, mark, mark_value, status, wind, "
                         "flags, source_id, source_ref) SELECT race_id, athlete_id, place, position, mark, mark_value, "
                         "status, wind, flags, source_id, source_ref || '-again' FROM results WHERE id = ?", (rid,))
    athlete_twice, problem = problems_of(writable_db)
    assert problem.startswith(f"results id {rid} (") and "the same result twice (men's 1500 m, " in problem
    # in one race, the copy is also one athlete twice in that race (datacheck.one_athlete_once_per_race)
    assert athlete_twice.endswith("one athlete twice in a race")


def test_an_old_user_import_is_held_to_the_rules(writable_db):
    """Rows of a user source (say, imported before these rules) get no say in the bounds and are checked."""
    race, event = one(writable_db, "SELECT r.id, r.event_id FROM races r JOIN events e ON e.id = r.event_id "
                                   "WHERE e.code = '1500m' AND e.sex = 'M' ORDER BY r.id LIMIT 1")
    athlete = one(writable_db, "SELECT id FROM athletes WHERE name = 'Josh Kerr'")[0]
    corrupt(writable_db, "INSERT INTO sources VALUES ('user:old.csv:00000000', 'User import old.csv', 'old.csv', "
                         "'provided by the user', 20, '')")
    corrupt(writable_db, "INSERT INTO races (competition_id, event_id, date, indoor, source_id) VALUES (NULL, ?, "
                         "'1700-01-01', 0, 'user:old.csv:00000000')", (event,))
    new_race = one(writable_db, "SELECT max(id) FROM races")[0]
    corrupt(writable_db, "INSERT INTO results (race_id, athlete_id, mark, mark_value, status, flags, source_id, "
                         "source_ref) VALUES (?, ?, '59:00.00', 3540.0, 'OK', '', 'user:old.csv:00000000', "
                         "'old.csv:2')", (race, athlete))
    problems = problems_of(writable_db)
    assert any(p.startswith("results id ") and "(user:old.csv:00000000 old.csv:2): mark '59:00.00' is not plausible "
               "for the men's 1500 m: more than 50% slower than the slowest mark on file" in p for p in problems)
    assert f"races id {new_race}: date 1700-01-01 is before the earliest dated mark on file" in "\n".join(problems)


def test_a_known_bad_row_is_excused_only_for_its_own_rule(writable_db):
    (src, ref), (rule, _why) = next((k, v) for k, v in plausible.KNOWN_BAD.items() if v[0] == "age")
    rid = one(writable_db, "SELECT id FROM results WHERE source_id = ? AND source_ref = ?", (src, ref))[0]
    corrupt(writable_db, "UPDATE results SET place = 99999 WHERE id = ?", (rid,))
    [problem] = problems_of(writable_db)
    assert problem.startswith(f"results id {rid} ({src} {ref}): place 99999")
