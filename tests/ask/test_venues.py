"""A stadium named in a question is the place, never an athlete ("stade de france" was read as Sade Amor De
Sousa; "at hayward" asked which Hayward): it names the meeting held there that year, a year it held nothing is
said with where the meeting was, and a surname-like stadium word is a name unless placed ("at hayward").
Expected meetings and stadiums are read from the competitions of the database built from the sources; winners
from the raw toplists (tests/ask/raw.py)."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED, UNKNOWN
from bot.ask.catalogue import stadium_of
from tests.ask import raw
from tests.conftest import needs_shared


def _held(engine, stadium: str, year: int) -> set[str]:
    """The series of the meetings the database holds at a stadium in a year."""
    return {sid for sid, venue in engine.conn.execute(
        "SELECT series_id, venue FROM competitions WHERE year = ? AND series_id IS NOT NULL", (year,))
        if stadium_of(venue) == stadium}


def _raw_winner(path: str, stadium: str, day: str) -> dict:
    """The winner of the fastest race won at the stadium on the day, as the toplist file has it."""
    rows = [r for r in raw.toplist(path) if r["venue"].startswith(stadium) and r["iso"] == day
            and r["position"] == "1"]
    assert rows, (path, stadium, day)
    return min(rows, key=lambda r: raw.seconds(r["mark"]))


def _no_athlete_read(answer, stadium: str) -> None:
    """Every word the answer says it read as something was read as the stadium."""
    assert all(stadium in n for n in answer.notes if " read as " in n), answer.notes


@needs_shared()
@pytest.mark.parametrize("question, path, stadium, series", [
    ("who won the mile at hayward field in 2021", "male/one-mile.csv.gz", "Hayward Field", "Prefontaine Classic"),
    ("who won the 200 at stade de france 2024", "male/200-metres.csv.gz", "Stade de France", "Olympic Games"),
    ("who won the 400 at stade de france 2003", "male/400-metres.csv.gz", "Stade de France", "World Championships"),
    ("icahn stadium 2023 200m", "male/200-metres.csv.gz", "Icahn Stadium", "New York Grand Prix"),
    ("at letzigrund 2024 who won the 1500", "male/1500-metres.csv.gz", "Letzigrund", "Weltklasse"),
])
def test_a_stadium_names_the_meeting_held_there(engine, question, path, stadium, series):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "winner", answer.headline
    _no_athlete_read(answer, stadium)
    assert series in answer.headline and any(stadium in n for n in answer.notes), (answer.headline, answer.notes)
    won = _raw_winner(path, stadium, answer.rows[0].date or "")
    assert answer.rows[0].mark == won["mark"], (answer.rows[0], won)
    assert won["competitor"].split()[-1].lower() in answer.rows[0].athlete.lower()


def test_a_year_the_stadium_held_nothing_is_said_with_where_the_meeting_was(engine):
    assert not _held(engine, "Hayward Field", 2019)
    pre = engine.conn.execute("SELECT venue FROM competitions WHERE series_id = 'DL-EUGENE' AND year = 2019"
                              ).fetchone()[0]
    for q in ("who won the mile at hayward in 2019", "worlds at hayward 2019 100m"):
        answer = engine.answer_now(q)
        assert answer.status == UNKNOWN, answer.headline
        assert "Hayward Field in 2019" in answer.headline and pre in answer.headline, answer.headline
        assert not answer.rows


def test_a_meeting_whose_stadium_the_data_does_not_name_is_answered_and_the_gap_said(engine):
    venue = engine.conn.execute("SELECT venue FROM competitions WHERE series_id = 'DL-OSLO' AND year = 1985"
                                ).fetchone()[0]
    assert stadium_of(venue) is None
    answer = engine.answer_now("who won the mile at bislett stadion 1985")
    assert answer.status == ANSWERED and "1985 Bislett Games" in answer.headline, answer.headline
    assert any("does not name the stadium" in n for n in answer.notes), answer.notes


def test_of_two_meetings_that_year_the_one_that_held_the_event(engine):
    assert _held(engine, "Hayward Field", 2022) == {"DL-EUGENE", "WCH"}
    wch_mile = engine.conn.execute(
        "SELECT count(*) FROM races r JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = "
        "r.event_id WHERE c.series_id = 'WCH' AND c.year = 2022 AND e.code = 'MILE'").fetchone()[0]
    assert wch_mile == 0
    mile = engine.answer_now("mile at hayward 2022")
    assert mile.status == ANSWERED and "2022 Prefontaine Classic" in mile.headline, mile.headline
    assert any("also held there in 2022: the World Championships" in n for n in mile.notes), mile.notes
    both = engine.answer_now("1500 at hayward 2022")   # both held a 1500: the championship, the other said
    assert "2022 World Championships" in both.headline
    assert any("also held there in 2022: the Prefontaine Classic" in n for n in both.notes), both.notes
    named = engine.answer_now("pre 2022 1500 at hayward")
    assert "2022 Prefontaine Classic" in named.headline, named.headline


def test_a_stadium_word_that_is_a_surname_stays_a_name_unless_placed(engine):
    answer = engine.answer_now("hayward pb")
    assert answer.intent == "pb" and not any("Hayward Field" in n for n in answer.notes), answer.notes
    assert any("Hayward" in s for s in answer.suggestions) or any("Hayward" in r.athlete for r in answer.rows)


def test_a_stadium_many_cities_share_is_placed_and_the_city_says_which(engine):
    answer = engine.answer_now("100 at the olympic stadium in london 2012")
    assert answer.status == ANSWERED and "2012 Olympic Games" in answer.headline, answer.headline


def test_every_stadium_the_data_names_reads_as_its_meeting(engine):
    """Over every stadium the vocabulary holds (not only the ones above): "who won at <stadium> <year>" for
    its latest year is never read as an athlete, and names a meeting held there that year."""
    checked = 0
    for key, venue in engine.vocab.venues.items():
        if not venue.years or venue.short:
            continue
        year = max(venue.years)
        answer = engine.answer_now(f"who won the 100 at {' '.join(key)} {year}")
        _no_athlete_read(answer, venue.name)
        assert any(venue.name in n for n in answer.notes), (key, answer.notes)
        if answer.status == ANSWERED and answer.rows:
            names = {venue.meetings[s] for s in venue.years[year]}
            assert any(n in answer.headline for n in names), (key, answer.headline)
        checked += 1
    assert checked >= 40
