"""The builder on small hand-made batches, written to a real SQLite file: one championship final is one race,
list rows are cross-checks or logged disagreements, athletes are merged on evidence (never across birth dates),
championship dates and cities. No mocks: bot.pipeline.build.Builder.run() and .write() as the data build runs them."""
from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from bot.pipeline.build import Builder, championship_days, venue_city
from bot.pipeline.importers import olympic_medals, taf3_records, wa_toplists, wc_finals
from bot.pipeline.importers.model import AthleteRef, ImportBatch, MeetHint, Performance, RecordRow

TOP = wa_toplists.SOURCE.id
STADIUM = "Olympic Stadium, London"


def top(line: int, event: str, given: str, family: str, mark: str, date: str, pos: str, nat: str, dob: str | None,
        venue: str = STADIUM, country: str = "GBR", sex: str = "M", rnd: str | None = None) -> Performance:
    place, code, heat = wa_toplists.parse_position(pos)
    return Performance(TOP, f"top.csv:{line}", event, sex, AthleteRef(given, family, sex, nat, dob,
                                                                      int(dob[:4]) if dob else None),
                       mark, date, place=place, position=pos, round=code or rnd, heat=heat, venue=venue,
                       country=country, score=1200)


def medal(source, line: int, event: str, name: tuple[str, str], nat: str, place: int, mark: str | None,
          year: int = 2012, city: str = "London", sex: str = "M") -> Performance:
    return Performance(source.id, f"list.csv:{line}", event, sex, AthleteRef(name[0], name[1], sex, nat), mark,
                       None, place=place, position=str(place), round="F", venue=city if source is wc_finals.SOURCE
                       else None, meet=MeetHint("WCH" if source is wc_finals.SOURCE else "OG", year, city))


def build(tmp_path, *batches: ImportBatch) -> sqlite3.Connection:
    builder = Builder(list(batches)).run()
    path = tmp_path / "built.sqlite3"
    conn = sqlite3.connect(path)
    builder.write(conn)
    return conn


def london_2012_toplist(extra: list[Performance] = ()) -> ImportBatch:
    """Three days of marks at the stadium (so the edition exists) and the 800 m final, places 1-4."""
    rows = [top(i, "100m", "Filler", f"RUNNER{i}", "10.0" + str(i % 10), d, "1h1", "JAM", f"199{i % 10}-01-0{1 + i % 8}")
            for i, d in enumerate(["2012-08-03"] * 4 + ["2012-08-04"] * 4 + ["2012-08-05"] * 4, start=100)]
    rows += [
        top(1, "800m", "David Lekuta", "RUDISHA", "1:40.91", "2012-08-09", "1", "KEN", "1988-12-17"),
        top(2, "800m", "Nijel", "AMOS", "1:41.73", "2012-08-09", "2", "BOT", "1994-03-15"),
        top(3, "800m", "Timothy", "KITUM", "1:42.53", "2012-08-09", "3", "KEN", "1994-11-20"),
        top(4, "800m", "Duane", "SOLOMON", "1:42.82", "2012-08-09", "4", "USA", "1984-12-28"),
        top(5, "800m", "Nijel", "AMOS", "1:44.54", "2012-08-07", "2sf3", "BOT", "1994-03-15"),
        *extra,
    ]
    return ImportBatch(wa_toplists.SOURCE, rows)


def finals(conn, event="800m", year=2012, series="OG"):
    return conn.execute(
        "SELECT r.id, r.round, r.date, r.source_id, res.place, a.name, res.mark, res.source_id FROM races r "
        "JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
        "JOIN results res ON res.race_id = r.id JOIN athletes a ON a.id = res.athlete_id "
        "WHERE c.series_id = ? AND c.year = ? AND e.code = ? AND (r.round = 'F' OR r.round IS NULL) "
        "ORDER BY res.place", (series, year, event)).fetchall()


# --------------------------------------------------------------------------------------------- one final, one race

def test_medal_list_final_joins_the_toplist_race(tmp_path):
    marks = ImportBatch(olympic_medals.MARKS, [
        medal(olympic_medals.MARKS, 1, "800m", ("David Lekuta", "RUDISHA"), "KEN", 1, "1:40.91"),
        medal(olympic_medals.MARKS, 2, "800m", ("Nijel", "AMOS"), "BOT", 2, "1:41.73"),
        medal(olympic_medals.MARKS, 3, "800m", ("Timothy", "KITUM"), "KEN", 3, "1:42.53"),
    ])
    conn = build(tmp_path, london_2012_toplist(), marks)
    rows = finals(conn)
    assert [(p, m) for _, _, _, _, p, _, m, _ in rows] == [(1, "1:40.91"), (2, "1:41.73"), (3, "1:42.53"),
                                                           (4, "1:42.82")]
    assert len({r[0] for r in rows}) == 1  # one race
    race = rows[0]
    assert (race[1], race[2], race[3]) == ("F", "2012-08-09", TOP)  # dated, a final, the toplists' race
    # the list rows are cross-checks of the toplist results, not results of their own
    assert {r[7] for r in rows} == {TOP}
    # the semi-final is not the final
    assert not conn.execute("SELECT 1 FROM results WHERE mark = '1:44.54' AND race_id = ?", (race[0],)).fetchall()


def test_hand_timed_list_mark_is_a_logged_disagreement(tmp_path):
    marks = ImportBatch(olympic_medals.MARKS, [
        medal(olympic_medals.MARKS, 1, "800m", ("David Lekuta", "RUDISHA"), "KEN", 1, "1:40.9"),
        medal(olympic_medals.MARKS, 2, "800m", ("Nijel", "AMOS"), "BOT", 2, "1:41.73"),
    ])
    conn = build(tmp_path, london_2012_toplist(), marks)
    rows = finals(conn)
    assert rows[0][4:7] == (1, "David Lekuta Rudisha", "1:40.91")  # the toplists (authority 85) win
    assert len({r[0] for r in rows}) == 1
    issue, = conn.execute("SELECT reason FROM import_issues WHERE source_id = ? AND ref = 'list.csv:1'",
                          (olympic_medals.MARKS.id,)).fetchall()
    assert "disagrees with wa-toplists" in issue[0] and "1:40.9 vs 1:40.91" in issue[0]


def test_reallocated_place_keeps_the_toplist_and_logs_the_list(tmp_path):
    # The finals file still has a later-disqualified runner in 2nd; the toplists moved Amos up.
    toplist = london_2012_toplist()
    wch = [top(i, "100m", "Filler", f"RUNNER{i}", "10.1" + str(i % 10), d, "1h2", "JAM", None,
               venue="Olympiastadion, Berlin", country="GER")
           for i, d in enumerate(["2009-08-15"] * 4 + ["2009-08-16"] * 4, start=200)]
    wch += [top(20, "1500m", "Yusuf Saad", "KAMEL", "3:35.93", "2009-08-17", "1", "BRN", "1983-03-29",
                venue="Olympiastadion, Berlin", country="GER"),
            top(21, "1500m", "Deresse", "MEKONNEN", "3:36.01", "2009-08-17", "2", "ETH", "1987-10-20",
                venue="Olympiastadion, Berlin", country="GER")]
    toplist.performances.extend(wch)
    finals_file = ImportBatch(wc_finals.SOURCE, [
        medal(wc_finals.SOURCE, 1, "1500m", ("Yusuf Saad", "Kamel"), "BRN", 1, "3:35.93", 2009, "Berlin"),
        medal(wc_finals.SOURCE, 2, "1500m", ("Someone", "Else"), "ETH", 2, "3:35.99", 2009, "Berlin"),
    ])
    conn = build(tmp_path, toplist, finals_file)
    rows = finals(conn, "1500m", 2009, "WCH")
    assert [(p, n) for _, _, _, _, p, n, _, _ in rows] == [(1, "Yusuf Saad Kamel"), (2, "Deresse Mekonnen")]
    assert len({r[0] for r in rows}) == 1
    reason, = conn.execute("SELECT reason FROM import_issues WHERE source_id = ? AND ref = 'list.csv:2'",
                           (wc_finals.SOURCE.id,)).fetchone()
    assert "place 2 is Deresse MEKONNEN" in reason and "kept wa-toplists" in reason


def test_list_final_without_a_toplist_race_stays_one_race(tmp_path):
    # 1908: only the lists; the marks file and the medallist file name the same champion two ways.
    marks = ImportBatch(olympic_medals.MARKS, [
        medal(olympic_medals.MARKS, 1, "100m", ("Reggie", "WALKER"), "RSA", 1, "10.8", 1908),
        medal(olympic_medals.MARKS, 2, "100m", ("James", "RECTOR"), "USA", 2, "10.9", 1908)])
    medals = ImportBatch(olympic_medals.MEDALLISTS, [
        medal(olympic_medals.MEDALLISTS, 1, "100m", ("Reginald", "WALKER"), "RSA", 1, None, 1908),
        medal(olympic_medals.MEDALLISTS, 2, "100m", ("John", "RECTOR"), "USA", 2, None, 1908)])
    conn = build(tmp_path, london_2012_toplist(), marks, medals)
    rows = finals(conn, "100m", 1908)
    assert [(p, m) for _, _, _, _, p, _, m, _ in rows] == [(1, "10.8"), (2, "10.9")]
    assert len({r[0] for r in rows}) == 1
    assert conn.execute("SELECT COUNT(*) FROM athletes WHERE family = 'Walker'").fetchone()[0] == 1


# --------------------------------------------------------------------------------------------- identity merges

def test_same_performance_merges_a_short_name(tmp_path):
    marks = ImportBatch(olympic_medals.MARKS, [
        medal(olympic_medals.MARKS, 1, "800m", ("Nicholas", "AMOS"), "BOT", 2, "1:41.73")])  # 'Nijel' elsewhere
    conn = build(tmp_path, london_2012_toplist(), marks)
    ids = conn.execute("SELECT DISTINCT athlete_id FROM athlete_aliases WHERE folded IN ('nijel amos', "
                       "'nicholas amos')").fetchall()
    assert len(ids) == 1


def test_names_without_spaces_match(tmp_path):
    toplist = london_2012_toplist([top(9, "1500m", "Hicham", "EL GUERROUJ", "3:26.00", "1998-07-14", "1", "MAR",
                                       "1974-09-14", venue="Stadio Olimpico, Roma", country="ITA")])
    finals_file = ImportBatch(wc_finals.SOURCE, [
        medal(wc_finals.SOURCE, 1, "1500m", ("Hicham", "ElGuerrouj"), "MAR", 1, "3:27.65", 1999, "Sevilla")])
    conn = build(tmp_path, toplist, finals_file)
    assert conn.execute("SELECT COUNT(*) FROM athletes WHERE family LIKE 'El%Guerrouj'").fetchone()[0] == 1


def test_record_attaches_to_the_athlete_of_that_result(tmp_path):
    toplist = london_2012_toplist([top(9, "1000m", "Filip", "INGEBRIGTSEN", "2:16.46", "2020-06-11", "1", "NOR",
                                       "1993-04-20", venue="Bislett Stadion, Oslo", country="NOR")])
    national = taf3_records.SOURCES["national"]
    rec = RecordRow(national.id, "national.csv:9", "national", "NOR", "1000m", "M",
                    AthleteRef("Filip", "Mangen Ingebrigtsen", "M", "NOR", None, 1993), "2:16.46", "2020-06-11",
                    venue="Oslo", country="NOR")
    records = ImportBatch(national, records=[rec])
    conn = build(tmp_path, toplist, records)
    holder, = conn.execute("SELECT a.name, a.birth_date FROM records r JOIN athletes a ON a.id = r.athlete_id")
    assert holder == ("Filip Ingebrigtsen", "1993-04-20")
    assert conn.execute("SELECT COUNT(*) FROM athletes WHERE name LIKE 'Filip%'").fetchone()[0] == 1


def test_brothers_and_twins_are_never_merged(tmp_path):
    # Same family name, same race, same nation; different birth dates (brothers) or given names (twins).
    rows = [top(1, "1500m", "Jakob", "INGEBRIGTSEN", "3:30.00", "2019-07-01", "1", "NOR", "2000-09-19"),
            top(2, "1500m", "Filip", "INGEBRIGTSEN", "3:30.00", "2019-07-01", "2", "NOR", "1993-04-20"),
            top(3, "10000m", "Domingos", "CASTRO", "27:30.00", "1990-07-01", "1", "POR", "1963-11-22"),
            top(4, "10000m", "Dionisio", "CASTRO", "27:40.00", "1990-07-01", "2", "POR", "1963-11-22")]
    dl = ImportBatch(olympic_medals.MARKS, [  # a source without birth dates naming the same race
        Performance(olympic_medals.MARKS.id, "x:1", "1500m", "M", AthleteRef("J.", "INGEBRIGTSEN", "M", "NOR"),
                    "3:30.00", "2019-07-01", place=1, venue=STADIUM)])
    conn = build(tmp_path, london_2012_toplist(rows), dl)
    born = sorted(r[0] for r in conn.execute("SELECT birth_date FROM athletes WHERE family IN ('Ingebrigtsen', "
                                             "'Castro')"))
    assert born == ["1963-11-22", "1963-11-22", "1993-04-20", "2000-09-19"]


@pytest.mark.parametrize("first, second, sex, merged", [
    (("Elle", "ST. PIERRE"), ("Ellinor", "PURRIER ST. PIERRE"), "W", True),   # shortened name
    (("Katie", "NAGEOTTE"), ("Katie", "MOON"), "W", True),                   # married name, same event
    (("Domingos", "CASTRO"), ("Dionisio", "CASTRO"), "M", False),            # twins: whole family name shared
    (("Daniel", "KIRUI"), ("David", "KIPTOO KIRUI"), "M", False),            # given names differ after 'da'
    (("Georgi", "TODOROV"), ("Georgi", "YANEV"), "M", False),                # the married-name rule is for women
])
def test_same_birth_date_rules(tmp_path, first, second, sex, merged):
    rows = [top(1, "PV", first[0], first[1], "4.80", "2019-07-01", "1", "USA", "1991-06-13", sex=sex),
            top(2, "PV", second[0], second[1], "4.85", "2022-07-01", "1", "USA", "1991-06-13", sex=sex)]
    conn = build(tmp_path, london_2012_toplist(rows))
    n = conn.execute("SELECT COUNT(*) FROM athletes WHERE birth_date = '1991-06-13'").fetchone()[0]
    assert n == (1 if merged else 2)


# --------------------------------------------------------------------------------------------- competitions

def test_championship_days_leave_out_a_meeting_in_the_city_before():
    stadium = Counter({f"2007-08-{d}": 200 for d in range(25, 32)})
    stadium.update({"2007-09-01": 90})
    by_venue = {"osaka": Counter({"2007-08-23": 10, "2007-09-02": 3}),  # a meeting before; the marathon after
                "yanmar stadium nagai osaka": stadium}
    assert championship_days(by_venue, "2007-08-23", "2007-09-02") == ("2007-08-25", "2007-09-02")


@pytest.mark.parametrize("venue, city", [("Olympic Stadium, London", "London"), ("Hayward Field, Eugene, OR", "Eugene"),
                                         ("Roma", "Roma"), (None, None)])
def test_venue_city(venue, city):
    assert venue_city(venue) == city


def test_competition_city_is_filled(tmp_path):
    marks = ImportBatch(olympic_medals.MARKS, [
        medal(olympic_medals.MARKS, 1, "800m", ("David Lekuta", "RUDISHA"), "KEN", 1, "1:40.91"),
        medal(olympic_medals.MARKS, 2, "100m", ("Frank", "JARVIS"), "USA", 1, "11.0", 1900, "Paris")])
    conn = build(tmp_path, london_2012_toplist(), marks)
    assert conn.execute("SELECT venue, city, start_date FROM competitions WHERE series_id = 'OG' AND year = 2012"
                        ).fetchone() == (STADIUM, "London", "2012-08-03")
    # no results dated at the venue: the host city the list names
    assert conn.execute("SELECT venue, city FROM competitions WHERE series_id = 'OG' AND year = 1900").fetchone() \
        == (None, "Paris")
