"""Choosing the day's stories from the real reference database (built from data/), and the words of the post.

Every expected value below was checked in the database first; each test also asserts the row it relies on,
so a change in data/ fails here with the reason rather than with a wrong story."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from bot.anniversaries.story import render
from bot.ask.day_stories import (
    CHAMPIONSHIP_WIN,
    NATIONAL_RECORD,
    RACE_WIN,
    WORLD_RECORD,
    Preferences,
    Selector,
    barrier_crossed,
    barrier_major,
    day_keys,
    is_round,
    margin_text,
    niche,
)


def record_row(db, kind, region, code, sex, date):
    return db.execute(
        "SELECT rec.mark, a.name, rec.venue, rec.current, rec.source_id FROM records rec "
        "JOIN athletes a ON a.id = rec.athlete_id JOIN events e ON e.id = rec.event_id JOIN sources s "
        "ON s.id = rec.source_id WHERE rec.kind = ? AND rec.region = ? AND e.code = ? AND e.sex = ? "
        "AND rec.date = ? ORDER BY s.authority DESC", (kind, region, code, sex, date)).fetchall()


def test_7_july_el_guerrouj_mile_current_world_record(selector, db):
    rows = record_row(db, "world", "WORLD", "mile", "M", "1999-07-07")
    assert rows[0] == ("3:43.13", "Hicham El Guerrouj", "Stadio Olimpico, Roma", 1, "wa-records-2024")
    [s] = selector.select(dt.date(2026, 7, 7))                         # the default: one story
    assert (s.category, s.athlete, s.event, s.sex, s.mark, s.date) == (
        WORLD_RECORD, "Hicham El Guerrouj", "mile", "M", "3:43.13", "1999-07-07")
    assert s.venue == "Stadio Olimpico, Roma" and s.current and s.years_ago == 27 and not s.round_anniversary
    assert s.previous.athlete == "Noureddine Morceli" and s.previous.mark == "3:44.39"
    assert s.previous.margin_text == "1.26 s" and s.previous.date == "1993-09-05"
    assert s.runner_up.athlete == "Noah Ngeny" and s.runner_up.mark == "3:43.40" and s.runner_up.margin_text == "0.27 s"
    assert s.also == ("African record", "Moroccan record")
    assert s.competition == "the 1999 Golden Gala"
    assert s.source.id == "wa-records-2024" and "wa-toplists" in {x.id for x in s.sources}
    assert s.progression[-1].mark == "3:43.13" and s.progression[0].date < "1920"
    post = render(s)
    assert post.lines[0] == ("On this day in 1999, Hicham El Guerrouj ran 3:43.13 in Stadio Olimpico, Roma: "
                             "27 years ago today, and it still stands.")
    assert "It broke Noureddine Morceli's 3:44.39 (5 September 1993) by 1.26 s." in post.lines
    assert "Noah Ngeny (KEN) was second in 3:43.40, 0.27 s behind." in post.lines
    assert post.title == "Men's mile world record · 7 July 1999"
    assert post.sources[0].startswith("World Athletics records pages")
    assert post.chart["points"][post.chart["highlight"]]["mark"] == "3:43.13"


def test_6_may_bannister_first_sub_four_superseded(selector, db):
    rows = record_row(db, "world", "WORLD", "mile", "M", "1954-05-06")
    assert rows == [("3:59.4", "Roger Bannister", "Oxford", 0, "wrp-dungates")]
    [s] = selector.select(dt.date(2026, 5, 6))
    assert (s.athlete, s.mark, s.venue, s.current, s.years_ago) == ("Roger Bannister", "3:59.4", "Oxford", False, 72)
    assert s.barrier == "4:00" and s.barrier_major
    assert (s.previous.athlete, s.previous.mark, s.previous.margin_text) == ("Gunder Hagg", "4:01.4", "2.0 s")
    assert (s.broken_by.athlete, s.broken_by.mark, s.broken_by.date) == ("John Landy", "3:58.0", "1954-06-21")
    assert s.stood_days == 46
    assert [x.id for x in s.sources] == ["wrp-dungates"]
    post = render(s)
    assert post.lines[0] == ("On this day in 1954, Roger Bannister ran 3:59.4 in Oxford: 72 years ago today, and "
                             "it stood for 46 days.")
    assert "The first men's mile world record under 4:00." in post.lines
    assert "John Landy (AUS) broke it on 21 June 1954 with 3:58.0." in post.lines


def test_25_may_kerr_british_mile_record_for_a_gbr_server(selector, db):
    rows = record_row(db, "national", "GBR", "mile", "M", "2024-05-25")
    assert rows == [("3:45.34", "Josh Kerr", "Eugene", 1, "nimarion-national")]
    gbr = Preferences(countries=("GBR",), max_stories=5)
    stories = selector.select(dt.date(2026, 5, 25), gbr)
    kerr = [s for s in stories if s.athlete == "Josh Kerr"]
    assert len(kerr) == 1
    s = kerr[0]
    assert (s.category, s.record_words, s.mark, s.venue, s.current, s.years_ago) == (
        NATIONAL_RECORD, "British record", "3:45.34", "Eugene", True, 2)
    assert s.competition == "the 2024 Prefontaine Classic"
    # no source has national progressions: the previous British best is worked out from the marks on file
    assert (s.previous.athlete, s.previous.mark, s.previous.margin_text, s.previous.worked_out) == (
        "Steve Cram", "3:46.32", "0.98 s", True)
    assert (s.runner_up.athlete, s.runner_up.mark, s.runner_up.margin_text) == (
        "Jakob Ingebrigtsen", "3:45.60", "0.26 s")
    assert s.progression_worked_out and s.progression[-1].mark == "3:45.34"
    assert [x.id for x in s.sources] == ["nimarion-national", "wa-toplists"]
    post = render(s)
    assert post.lines[0] == ("On this day in 2024, Josh Kerr ran 3:45.34 in Eugene: 2 years ago today, and it "
                             "still stands.")
    assert "worked out from the marks on file" in post.lines[2]
    assert "from the marks on file" in post.chart["title"]
    # a server that did not choose GBR never sees the British record (his Pre win may be a race story)
    assert all(x.athlete != "Josh Kerr" or x.category == RACE_WIN for x in selector.candidates(dt.date(2026, 5, 25)))
    # a server that did leads with it: the national records of its countries rank as it asked (issue 18)
    top = selector.select(dt.date(2026, 5, 25), Preferences(countries=("GBR",)))
    assert [(t.athlete, t.category) for t in top] == [("Josh Kerr", NATIONAL_RECORD)]
    # without GBR, the day's most famous moment leads: Železný's javelin record, 30 years old and standing
    [lead] = selector.select(dt.date(2026, 5, 25))
    assert (lead.athlete, lead.years_ago, lead.round_anniversary, lead.current) == ("Jan Železný", 30, True, True)


def test_ranking_the_servers_records_then_fame(selector):
    stories = selector.candidates(dt.date(2026, 7, 7), Preferences(countries=("MAR",)))
    keys = [(not (s.category == NATIONAL_RECORD and s.region == "MAR" and not niche(s.event)), -s.fame)
            for s in stories]
    assert keys == sorted(keys)
    assert all(s.years_ago >= 1 and s.sources for s in stories)
    # El Guerrouj's national record for Morocco is the same performance: one story, the record named in `also`
    mar = selector.candidates(dt.date(2026, 7, 7), Preferences(countries=("MAR", "KEN")))
    assert [(s.athlete, s.date) for s in mar].count(("Hicham El Guerrouj", "1999-07-07")) == 1
    assert any(s.athlete == "Noah Ngeny" and s.record_words == "Kenyan record" for s in mar)


def test_a_record_set_in_a_championship_final_is_one_story(selector):
    [bolt] = selector.select(dt.date(2026, 8, 16))
    assert (bolt.athlete, bolt.mark, bolt.category) == ("Usain Bolt", "9.58", WORLD_RECORD)
    assert bolt.competition == "the 2009 World Championships" and bolt.level == "WCH"
    assert bolt.runner_up.athlete == "Tyson Gay"
    assert "It broke his own 9.69 (16 August 2008) by 0.11 s." in render(bolt).lines
    wins = [s for s in selector.candidates(dt.date(2026, 8, 16)) if s.category == CHAMPIONSHIP_WIN]
    assert wins and all(s.level in ("OG", "WCH", "WIC") for s in wins)
    assert all(not (s.athlete == "Usain Bolt" and s.event == "100m") for s in wins)


def test_fallback_championship_final_or_nothing(writable_db):
    conn = sqlite3.connect(writable_db)
    # 2 October has no world record; its finals are Bordin's Olympic marathon (1988) and the world finals of
    # 2019 (Asher-Smith's 200 m in a British record). Turn the Olympics and world championships into world
    # indoor ones (a title famous enough on its own only with a record) and drop the day's records, so that no
    # final is famous enough on its own.
    assert conn.execute("SELECT COUNT(*) FROM records WHERE kind = 'world' AND date LIKE '%-10-02'").fetchone() == (0,)
    conn.execute("UPDATE competitions SET level = 'WIC' WHERE level IN ('OG', 'WCH')")
    conn.execute("DELETE FROM records WHERE date LIKE '%-10-02'")
    # and the day's road races (Yehualaw's marathon win in a world-record city, a famous race of its own)
    conn.execute("DELETE FROM races WHERE date LIKE '%-10-02' AND competition_id IS NULL")
    conn.commit()
    sel = Selector(conn)
    day = dt.date(2026, 10, 2)
    assert sel.candidates(day) == []
    assert sel.select(day, Preferences(fallback="none")) == []
    [final] = sel.select(day, Preferences(fallback="final"))
    assert final.category == CHAMPIONSHIP_WIN and final.runner_up is not None
    assert render(final).lines[0].startswith("On this day in ")
    # a GBR server: Asher-Smith's world title is a story in its own right
    [gbr] = sel.select(day, Preferences(countries=("GBR",), fallback="none"))
    assert (gbr.athlete, gbr.event, gbr.competition) == ("Dina Asher-Smith", "200m", "the 2019 World Championships")
    conn.close()


def test_29_february_records_are_remembered_on_28_february_in_common_years(selector):
    assert day_keys(dt.date(2027, 2, 28)) == ["02-28", "02-29"]
    assert day_keys(dt.date(2028, 2, 28)) == ["02-28"]
    prefs = Preferences(countries=("DEN",), max_stories=5)
    assert any(s.date == "2020-02-29" for s in selector.select(dt.date(2027, 2, 28), prefs))
    assert not any(s.date == "2020-02-29" for s in selector.select(dt.date(2028, 2, 28), prefs))
    assert any(s.date == "2020-02-29" for s in selector.select(dt.date(2028, 2, 29), prefs))


def test_nothing_from_the_future_or_from_today(selector):
    # previewing 7 July 1999 itself: El Guerrouj's record is not an anniversary yet
    assert all(s.date < "1999-07-07" for s in selector.candidates(dt.date(1999, 7, 7)))


def test_every_day_of_a_year_gives_sourced_stories(selector):
    day, n = dt.date(2026, 1, 1), 0
    while day.year == 2026:
        for s in selector.select(day, Preferences(countries=("USA",), max_stories=2)):
            n += 1
            assert s.sources and s.date[5:] == day.strftime("%m-%d") and s.years_ago >= 1
            post = render(s)
            assert post.lines[0].startswith(f"On this day in {s.year}, ") and post.sources
        day += dt.timedelta(days=11)
    assert n > 40


@pytest.mark.parametrize("years, expected", [(1, False), (9, False), (10, True), (20, True), (25, True),
                                             (27, False), (30, True), (35, False), (50, True), (75, True),
                                             (100, True), (125, True)])
def test_round_anniversaries(years, expected):
    assert is_round(years) is expected


@pytest.mark.parametrize("prev, value, code, barrier, major", [
    (241.4, 239.4, "mile", 240, True),          # Bannister: 4:01.4 -> 3:59.4, under 4:00
    (246.2, 244.6, "mile", None, False),
    (229.4, 229.0, "mile", None, False),
    (10.02, 9.95, "100m", 10, True),
    (11.6, 11.5, "100m", None, False),
    (7.98, 8.13, "LJ", 8, True),                # Owens, over 8 m
    (6946, 7148, "HEP", 7000, True),            # Joyner-Kersee, over 7000 points
    (12006, 11995, "MAR", 12000, False),        # 3:20:00 in a marathon: a barrier, not a big one
])
def test_barriers(prev, value, code, barrier, major):
    assert barrier_crossed(prev, value, code) == barrier
    if barrier is not None:
        assert barrier_major(barrier, code) is major


def test_margins():
    assert margin_text(1.26, "mile", "3:44.39", "3:43.13") == "1.26 s"
    assert margin_text(2.0, "mile", "4:01.4", "3:59.4") == "2.0 s"
    assert margin_text(0.09, "HJ") == "9 cm"
    assert margin_text(2.82, "JT") == "2.82 m"
    assert margin_text(202, "HEP") == "202 points"
    assert margin_text(15, "MAR", "2:10:47", "2:10:32") == "15 s"
