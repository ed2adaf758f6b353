"""The builder on hand-made batches (issue 14, patterns 2-4 and the race invariants): one performance per source
row, championship places from agreeing medal lists, one race per final, road events away from the stadium,
meeting names only with evidence, one athlete once per race. Real Builder.run() and .write(), no mocks."""
from __future__ import annotations

from bot.pipeline.importers import diamond_league, olympic_medals, wa_toplists
from bot.pipeline.importers.model import ImportBatch, MeetHint, Performance
from tests.test_build_merge import TOP, build, finals, london_2012_toplist, medal, top

A, B = olympic_medals.MEDALLISTS, olympic_medals.MARKS   # authority 60 (reallocations applied) and 50


def results_of(conn, sql_where: str, params: tuple = ()) -> list[tuple]:
    return conn.execute(
        "SELECT r.id, r.round, res.place, a.name, res.mark, res.source_ref FROM results res JOIN races r "
        "ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id JOIN events e ON e.id = r.event_id "
        f"WHERE {sql_where} ORDER BY r.id, res.place", params).fetchall()


def issue(conn, ref: str) -> str:
    rows = conn.execute("SELECT reason FROM import_issues WHERE ref = ?", (ref,)).fetchall()
    assert rows, f"no import issue for {ref}"
    return " | ".join(r[0] for r in rows)


# --------------------------------------------------------------------------------------------- one row, one result

def test_a_semi_final_and_a_final_in_one_time_are_two_results(tmp_path):
    # The toplists' '1sf2' and '2' on one day with one mark (Alozie, Sydney 2000) are two performances.
    conn = build(tmp_path, london_2012_toplist([
        top(30, "100mH", "Glory", "ALOZIE", "12.68", "2012-08-07", "1sf2", "NGR", "1977-12-30", sex="W"),
        top(31, "100mH", "Glory", "ALOZIE", "12.68", "2012-08-07", "2", "NGR", "1977-12-30", sex="W"),
        top(32, "100mH", "Olga", "SHISHIGINA", "12.65", "2012-08-07", "1", "KAZ", "1969-12-23", sex="W")]))
    rows = results_of(conn, "e.code = '100mH'")
    assert sorted((rnd, place, mark) for _, rnd, place, _, mark, _ in rows) == [
        ("F", 1, "12.65"), ("F", 2, "12.68"), ("SF", 1, "12.68")]


def test_one_performance_listed_twice_is_one_result(tmp_path):
    # '1' and '1f2' with one mark and wind (Nehemiah, Zürich 1980): the same race written two ways.
    conn = build(tmp_path, london_2012_toplist([
        top(30, "110mH", "Renaldo", "NEHEMIAH", "13.21", "2012-08-07", "1", "USA", "1959-03-24"),
        top(31, "110mH", "Renaldo", "NEHEMIAH", "13.21", "2012-08-07", "1f2", "USA", "1959-03-24")]))
    assert len(results_of(conn, "e.code = '110mH'")) == 1


def test_one_mark_listed_at_two_venues_on_one_day_is_one_result(tmp_path):
    # Sjöberg's 2.31 on 1991-09-01 is listed at Tokyo (7th) and at Oslo (1st): one athlete, one venue a day.
    conn = build(tmp_path, london_2012_toplist([
        top(30, "HJ", "Patrik", "SJOBERG", "2.31", "1991-09-01", "7", "SWE", "1965-01-05",
            venue="National Stadium, Tokyo", country="JPN"),
        top(31, "HJ", "Patrik", "SJOBERG", "2.31", "1991-09-01", "1", "SWE", "1965-01-05", venue="Oslo",
            country="NOR")]))
    assert len(results_of(conn, "e.code = 'HJ'")) == 1


def test_field_attempts_without_a_place_are_not_results(tmp_path):
    conn = build(tmp_path, london_2012_toplist([
        top(30, "DT", "Ben", "PLUCKNETT", "71.32", "2012-08-07", "1", "USA", "1954-04-13"),
        top(31, "DT", "Ben", "PLUCKNETT", "71.08", "2012-08-07", "", "USA", "1954-04-13"),
        top(32, "DT", "Mac", "WILKINS", "65.34", "2012-08-07", "2", "USA", "1950-11-15")]))
    assert [(p, n, m) for _, _, p, n, m, _ in results_of(conn, "e.code = 'DT'")] == [
        (1, "Ben Plucknett", "71.32"), (2, "Mac Wilkins", "65.34")]
    assert "another attempt in the series of 71.32" in issue(conn, "top.csv:31")


def test_one_athlete_with_two_marks_at_one_venue_runs_two_races(tmp_path):
    conn = build(tmp_path, london_2012_toplist([
        top(30, "mile", "Charles", "CHERUIYOT", "3:54.82", "1987-06-11", "2", "KEN", "1964-12-02", venue="Verona",
            country="ITA"),
        top(31, "mile", "Charles", "CHERUIYOT", "3:55.41", "1987-06-11", "3", "KEN", "1964-12-02", venue="Verona",
            country="ITA"),
        top(32, "mile", "Steve", "CRAM", "3:54.00", "1987-06-11", "1", "GBR", "1960-10-14", venue="Verona",
            country="ITA")]))
    rows = results_of(conn, "e.code = 'mile'")
    assert len(rows) == 3 and len({r[0] for r in rows if r[3] == "Charles Cheruiyot"}) == 2


# --------------------------------------------------------------------------------------------- places

def both_lists(event: str, medallists: list[tuple[str, str, str, int, str]], sex: str = "W") -> list[ImportBatch]:
    """The same (given, family, nation, place, mark) medallists of a London 2012 final on both medal lists: the
    marks list (B) with their marks, the medallist list (A) without."""
    return [ImportBatch(src, [medal(src, line, event, (given, family), nat, place, mark if src is B else None, sex=sex)
                              for line, (given, family, nat, place, mark) in enumerate(medallists, 1)])
            for src in (B, A)]


def test_agreed_medallist_the_toplists_miss_joins_and_the_rest_move_down(tmp_path):
    # 1992 100 m hurdles: both lists give Martin silver and Donkova bronze; the toplists lack Martin and
    # number Donkova 2nd, Tolbert 3rd, Devers 4th.
    rows = [top(30, "100mH", "Voula", "PATOULIDOU", "12.64", "2012-08-09", "1", "GRE", "1965-03-29", sex="W"),
            top(31, "100mH", "Yordanka", "DONKOVA", "12.70", "2012-08-09", "2", "BUL", "1961-09-28", sex="W"),
            top(32, "100mH", "Lynda", "TOLBERT", "12.75", "2012-08-09", "3", "USA", "1967-10-03", sex="W"),
            top(33, "100mH", "Gail", "DEVERS", "12.75", "2012-08-09", "4", "USA", "1966-11-19", sex="W")]
    lists = both_lists("100mH", [("Voula", "PATOULIDOU", "GRE", 1, "12.64"), ("LaVonna", "MARTIN", "USA", 2, "12.69"),
                                 ("Yordanka", "DONKOVA", "BUL", 3, "12.70")])
    conn = build(tmp_path, london_2012_toplist(rows), *lists)
    got = finals(conn, "100mH")
    assert [(p, n, m) for _, _, _, _, p, n, m, _ in got] == [
        (1, "Voula Patoulidou", "12.64"), (2, "LaVonna Martin", "12.69"), (3, "Yordanka Donkova", "12.70"),
        (4, "Lynda Tolbert", "12.75"), (5, "Gail Devers", "12.75")]
    assert len({r[0] for r in got}) == 1 and got[0][3] == TOP
    assert "the medal lists agree" in issue(conn, "top.csv:31")
    assert "numbering skips the medallist at 2" in issue(conn, "top.csv:32")


def test_agreed_shared_silver_and_no_gold(tmp_path):
    # 2000 women's 100 m: both lists give silver to Thanou and to Lawrence, bronze to Ottey, no gold.
    rows = [top(30, "100m", "Katerina", "THANOU", "11.12", "2012-08-09", "1", "GRE", "1975-02-01", sex="W"),
            top(31, "100m", "Tayna", "LAWRENCE", "11.18", "2012-08-09", "2", "JAM", "1975-09-17", sex="W"),
            top(32, "100m", "Merlene", "OTTEY", "11.19", "2012-08-09", "3", "JAM", "1960-05-10", sex="W"),
            top(33, "100m", "Zhanna", "PINTUSEVICH", "11.20", "2012-08-09", "4", "UKR", "1972-07-06", sex="W")]
    lists = both_lists("100m", [("Katerina", "THANOU", "GRE", 2, "11.12"), ("Tayna", "LAWRENCE", "JAM", 2, "11.18"),
                                ("Merlene", "OTTEY", "JAM", 3, "11.19")])
    conn = build(tmp_path, london_2012_toplist(rows), *lists)
    got = finals(conn, "100m")
    assert [(p, n) for _, _, _, _, p, n, _, _ in got if n != "Filler"][:4] == [
        (2, "Katerina Thanou"), (2, "Tayna Lawrence"), (3, "Merlene Ottey"), (4, "Zhanna Pintusevich")]
    assert len({r[0] for r in got if r[4] in (2, 3, 4)}) == 1


def test_list_only_final_follows_the_more_authoritative_list(tmp_path):
    # 2008 women's 5000 m: the marks file (no reallocation) has Abeylegesse 2nd and Defar 3rd; the medallist
    # file has Defar 2nd and Kibet 3rd. No toplist race.
    marks = ImportBatch(B, [medal(B, 1, "5000m", ("Tirunesh", "DIBABA"), "ETH", 1, "15:41.40", 2008, "Beijing", "W"),
                            medal(B, 2, "5000m", ("Elvan", "ABEYLEGESSE"), "TUR", 2, "15:42.74", 2008, "Beijing", "W"),
                            medal(B, 3, "5000m", ("Meseret", "DEFAR"), "ETH", 3, "15:44.12", 2008, "Beijing", "W")])
    medals = ImportBatch(A, [medal(A, 4, "5000m", ("Tirunesh", "DIBABA"), "ETH", 1, None, 2008, "Beijing", "W"),
                             medal(A, 5, "5000m", ("Meseret", "DEFAR"), "ETH", 2, None, 2008, "Beijing", "W"),
                             medal(A, 6, "5000m", ("Sylvia", "KIBET"), "KEN", 3, None, 2008, "Beijing", "W")])
    conn = build(tmp_path, london_2012_toplist(), marks, medals)
    got = finals(conn, "5000m", 2008)
    assert [(p, n, m) for _, _, _, _, p, n, m, _ in got] == [
        (1, "Tirunesh Dibaba", "15:41.40"), (2, "Meseret Defar", "15:44.12"), (3, "Sylvia Kibet", None)]
    assert len({r[0] for r in got}) == 1
    assert "not a medallist of this final" in issue(conn, "list.csv:2")


def test_list_only_final_one_medallist_written_two_ways_and_a_shared_silver(tmp_path):
    marks = ImportBatch(B, [medal(B, 1, "MAR", ("Michel", "THÉATO"), "FRA", 1, "2:59:45", 1900, "Paris")])
    medals = ImportBatch(A, [medal(A, 2, "MAR", ("Michel", "THEATO"), "LUX", 1, None, 1900, "Paris"),
                             medal(A, 3, "MAR", ("Emile", "CHAMPION"), "FRA", 2, None, 1900, "Paris"),
                             medal(A, 4, "MAR", ("Ernst", "FAST"), "SWE", 2, None, 1900, "Paris")])
    conn = build(tmp_path, london_2012_toplist(), marks, medals)
    got = finals(conn, "MAR", 1900)
    assert [(p, m) for _, _, _, _, p, _, m, _ in got] == [(1, "2:59:45"), (2, None), (2, None)]
    assert len({r[0] for r in got}) == 1


def test_walk_a_list_names_by_its_track_distance_joins_the_road_final(tmp_path):
    rows = [top(30 + i, "10kmW", "Walker", f"W{i}", f"44:3{i}", "2012-08-06", str(i), nat, None, sex="W")
            for i, nat in enumerate(["CHN", "RUS", "CHN"], start=1)]
    lists = [ImportBatch(src, [medal(src, i, "10000mW", ("Walker", f"W{i}"), nat, i, None, sex="W")
                               for i, nat in enumerate(["CHN", "RUS", "CHN"], start=1)]) for src in (A,)]
    conn = build(tmp_path, london_2012_toplist(rows), *lists)
    got = finals(conn, "10kmW")
    assert [(rnd, p) for _, rnd, _, _, p, _, _, _ in got] == [("F", 1), ("F", 2), ("F", 3)]
    assert not finals(conn, "10000mW")
    assert "filed under 10kmW" in issue(conn, "list.csv:1")


# --------------------------------------------------------------------------------------------- away and names

def test_a_championship_road_race_in_another_city_of_the_host_nation_belongs_to_it(tmp_path):
    tokyo = "National Stadium, Tokyo"
    rows = [top(100 + i, "100m", "Filler", f"R{i}", "10.10", d, "1h1", "JAM", None, venue=tokyo, country="JPN")
            for i, d in enumerate(["2021-07-30"] * 4 + ["2021-07-31"] * 4 + ["2021-08-01"] * 4)]
    # another edition of the series (London 2012) held the marathon in its host city
    rows += [top(90, "MAR", "Home", "MARATHON", "2:10:00", "2012-08-05", "1", "KEN", None, venue="The Mall, London")]
    sapporo = [top(200 + i, "MAR", "Runner", f"M{i}", f"2:08:3{i}", "2021-08-02", str(i), nat, None,
                   venue="Odori Park, Sapporo", country="JPN") for i, nat in enumerate(["KEN", "NED", "BEL"], 1)]
    osaka = [top(300 + i, "MAR", "Local", f"L{i}", f"2:09:3{i}", "2021-08-01", str(i), "JPN", None,
                 venue="Osaka", country="JPN") for i in (1, 2, 3)]
    old = [top(400 + i, "100m", "Old", f"O{i}", "10.20", d, "1h1", "JAM", None, venue="Tokyo", country="JPN")
           for i, d in enumerate(["2019-08-02"] * 4 + ["2019-08-03"] * 4)]
    london = london_2012_toplist(rows + sapporo + osaka + old)
    conn = build(tmp_path, london, ImportBatch(B, [medal(B, 1, "800m", ("David", "RUDISHA"), "KEN", 1, "1:40.91")]))
    where = conn.execute("SELECT DISTINCT r.venue, c.series_id, c.year, r.round FROM races r JOIN events e ON "
                         "e.id = r.event_id LEFT JOIN competitions c ON c.id = r.competition_id "
                         "WHERE e.code = 'MAR' AND r.date LIKE '2021%'").fetchall()
    assert sorted(where, key=str) == sorted([("Odori Park, Sapporo", "OG", 2021, "F"), ("Osaka", None, None, None)],
                                            key=str)
    assert conn.execute("SELECT end_date FROM competitions WHERE series_id = 'OG' AND year = 2021"
                        ).fetchone() == ("2021-08-02",)


def _dl(line: int, year: int, date: str, family: str, mark: str, place: int) -> Performance:
    from bot.pipeline.importers.model import AthleteRef
    return Performance(diamond_league.SOURCE.id, f"dl.json:{line}", "100m", "M",
                       AthleteRef("Runner", family, "M", "USA"), mark, date, place=place, position=str(place),
                       round="F", meet=MeetHint("DL-BIRMINGHAM", year, "Müller Grand Prix Birmingham"),
                       race_ref=f"dl.json:{year}")


def test_a_meeting_name_needs_its_home_stadium_and_a_day_of_its_own(tmp_path):
    """The archive holds the Birmingham Grand Prix at Gateshead once (2010) and at Alexander Stadium twice:
    only Alexander Stadium is its home; a one-day peak there in another year is the meeting, a six-day
    championship there is not, and Gateshead is never."""
    alex, gates = "Alexander Stadium, Birmingham", "International Stadium, Gateshead"

    def day(n0: int, date: str, venue: str, n: int = 9) -> list[Performance]:
        return [top(n0 + i, "100m", "Guest", f"G{n0 + i}", f"10.{10 + i}", date, str(i + 1), "USA", None,
                    venue=venue, country="GBR") for i in range(n)]
    rows = day(100, "2010-07-10", gates) + day(200, "2011-07-10", alex) + day(300, "2012-08-26", alex)
    rows += day(400, "2000-07-15", gates) + day(500, "2005-07-01", alex)
    rows += [x for d in range(2, 8) for x in day(600 + 20 * d, f"2022-08-0{d}", alex)]
    archive = ImportBatch(diamond_league.SOURCE, [_dl(1, 2010, "2010-07-10", "G100", "10.10", 1),
                                                  _dl(2, 2011, "2011-07-10", "G200", "10.10", 1),
                                                  _dl(3, 2012, "2012-08-26", "G300", "10.10", 1)])
    conn = build(tmp_path, ImportBatch(wa_toplists.SOURCE, rows), archive)
    editions = dict(conn.execute("SELECT year, venue FROM competitions WHERE series_id = 'DL-BIRMINGHAM'"))
    assert editions == {2010: gates, 2011: alex, 2012: alex, 2005: alex}
    unnamed = conn.execute("SELECT COUNT(*) FROM races WHERE competition_id IS NULL AND (date = '2000-07-15' OR "
                           "date LIKE '2022-08-%')").fetchone()[0]
    assert unnamed == 7
