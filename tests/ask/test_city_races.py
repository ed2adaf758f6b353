"""Questions the data answers that were declined (findings, section D): the city marathons, which no meeting
names in the sources (read from the venue), and national records of nations by their name or adjective.
Expected facts are read from the raw reference files (tests/ask/raw.py)."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def _winner(path: str, city: str, year: int) -> dict:
    rows = [r for r in raw.toplist(path) if r["iso"].startswith(str(year)) and r["position"] == "1"
            and r["venue"].split(" (")[0].split(",")[0].strip().lower() == city]
    assert len({r["iso"] for r in rows}) == 1, rows
    return rows[0]


@pytest.mark.parametrize("question, path, city, year", [
    ("who won the berlin marathon 2023", "male/marathon.csv.gz", "berlin", 2023),
    ("who won berlin marathon 2022", "male/marathon.csv.gz", "berlin", 2022),
    ("who won the london marathon 2023", "male/marathon.csv.gz", "london", 2023),   # not the DL meeting
    ("who won the chicago marathon 2023", "male/marathon.csv.gz", "chicago", 2023),
    ("who won the womens chicago marathon 2024", "female/marathon.csv.gz", "chicago", 2024),
    ("who won the tokyo marathon 2024", "male/marathon.csv.gz", "tokyo", 2024),
    ("who won the rotterdam marathon 2023", "male/marathon.csv.gz", "rotterdam", 2023),
    ("who won the womens berlin marathon 2023", "female/marathon.csv.gz", "berlin", 2023),
])
def test_a_city_marathon_is_answered_from_the_venue(engine, question, path, city, year):
    want = _winner(path, city, year)
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "winner", answer.headline
    given, family = want["competitor"].rsplit(" ", 1)
    assert answer.rows[0].mark == want["mark"] and answer.rows[0].date == want["iso"], answer.rows[0]
    assert family.lower() in answer.rows[0].athlete.lower() and answer.rows[0].place == 1
    assert city.title() in answer.headline and want["mark"] in answer.headline


@pytest.mark.parametrize("question, city, year", [("who won the london marathon 2025", "london", 2025),
                                                  ("chicago marathon 2024 winners", "chicago", 2024)])
def test_no_sex_asked_is_both_races(engine, question, city, year):
    """Blind test #17: "who won the london marathon 2025" gave the men's winner alone."""
    men, women = _winner("male/marathon.csv.gz", city, year), _winner("female/marathon.csv.gz", city, year)
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED, answer.headline
    for want in (men, women):
        assert want["mark"] in answer.headline and want["competitor"].rsplit(" ", 1)[1].lower() in \
            answer.headline.lower(), (want, answer.headline)
    assert answer.headline.index(men["mark"]) < answer.headline.index(women["mark"])


def test_a_diamond_league_city_still_means_its_meeting_on_the_track(engine):
    answer = engine.answer_now("who won the london 2023 mens 100m")
    assert "London Athletics Meet" in answer.headline or answer.status != ANSWERED, answer.headline


@pytest.mark.parametrize("question, nation, code", [
    ("honduras 800m record", "HON", "800"), ("honduran 800m record", "HON", "800"),
    ("uruguayan 1500m record", "URU", "1K5"), ("albania 800m record", "ALB", "800"),
])
def test_a_nation_by_its_name_or_adjective(engine, question, nation, code):
    listed = [r for r in raw.national() if r["Type"] == nation and r["Discipline"] == code and r["Class"] == "M"
              and r["Environment"] == "Outdoor"]
    assert listed
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "record", answer.headline
    assert answer.entities.get("region") == nation


@pytest.mark.parametrize("question, name", [
    ("duplantis world record progression", "Armand Duplantis"),
    ("hocker pb progression", "Cole Hocker"),
    ("kipyegon world record progression", "Faith Kipyegon"),
])
def test_an_athletes_records_without_an_event_take_their_event(engine, db, question, name):
    """The event is the one of their records (database), else the one of twice as many results as any other."""
    aid = db.execute("SELECT id FROM athletes WHERE name = ?", (name,)).fetchone()[0]
    held = [c for (c,) in db.execute("SELECT DISTINCT e.code FROM records rec JOIN events e ON e.id = rec.event_id "
                                     "WHERE rec.athlete_id = ?", (aid,))]
    ran = db.execute("SELECT e.code, count(*) FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON "
                     "e.id = r.event_id WHERE res.athlete_id = ? GROUP BY 1 ORDER BY 2 DESC", (aid,)).fetchall()
    want = held[0] if len(held) == 1 else ran[0][0]
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED, answer.headline
    assert answer.entities.get("event") == want and any("No event given" in n for n in answer.notes)


def test_an_athlete_with_records_in_two_events_is_asked_which(engine):
    answer = engine.answer_now("bolt world record progression")
    assert answer.status != ANSWERED and "Which event" in answer.headline


@pytest.mark.parametrize("question, path, competitor", [
    ("jakob ingebrigtsen 1500 season bests by year", "male/1500-metres.csv.gz", "Jakob INGEBRIGTSEN"),
    ("kipyegon 1500 sb each year", "female/1500-metres.csv.gz", "Faith KIPYEGON"),
    ("hocker 1500m season bests", "male/1500-metres.csv.gz", "Cole HOCKER"),
])
def test_season_bests_by_year_are_each_seasons_best(engine, question, path, competitor):
    """Every mark under a toplist's cut-off is in it, so a season it lists has its best there (outdoors)."""
    best: dict[str, float] = {}
    for r in raw.toplist(path):
        if r["competitor"] == competitor and not r["indoor"]:
            best[r["iso"][:4]] = min(best.get(r["iso"][:4], r["value"]), r["value"])
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "sb", answer.headline
    shown = {r.date[:4]: raw.seconds(r.mark) for r in answer.rows}
    assert set(best) <= set(shown)
    assert all(abs(shown[y] - v) < 0.005 for y, v in best.items()), (shown, best)
    assert [r.date[:4] for r in answer.rows] == sorted(shown, reverse=True)


@pytest.mark.parametrize("question, same_as", [
    ("3000 steeple world record", "steeplechase world record"),
    ("kenya world titles 3000 steeple", "kenya world titles steeplechase"),
    ("who won the 3000 steeplechase at the 2023 worlds", "who won the steeplechase at the 2023 worlds"),
])
def test_3000_steeple_is_the_steeplechase(engine, question, same_as):
    answer, want = engine.answer_now(question), engine.answer_now(same_as)
    assert answer.status == ANSWERED and answer.entities.get("event") == "3000mSC", answer.headline
    assert answer.headline == want.headline
