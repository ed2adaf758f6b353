"""Blind test #10: a first name fans use alone ("how did sydney do in the paris 400h final" was answered with the
men's final). A host city's name that is also a first name is the athlete when another word names the place
or the championship and year are not the city's; a first name with the event (the meet, the year) is the
athlete the data makes clearly the one meant, the sex following from them, and the assumption is said; a
family name is preferred to a given one only when its athletes are as well known in the event asked. Places
and marks are read from the database."""
from __future__ import annotations

import pytest

from bot.ask.answer import AMBIGUOUS, ANSWERED


def names(answer) -> list[str]:
    return [a["name"] for a in answer.entities.get("athletes", [])]


def _final(db, name: str, series: str, year: int, code: str) -> tuple[int, str]:
    """The athlete's place and mark in the meet's final of the event (round F, or a race with no rounds)."""
    rows = db.execute(
        "SELECT res.place, res.mark FROM results res JOIN races r ON r.id = res.race_id "
        "JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
        "JOIN athletes a ON a.id = res.athlete_id WHERE a.name = ? AND c.series_id = ? AND c.year = ? "
        "AND e.code = ? AND (r.round IS NULL OR r.round IN ('', 'F'))", (name, series, year, code)).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("question, who, series, year, code, sex", [
    ("how did sydney do in the paris 400h final", "Sydney McLaughlin-Levrone", "OG", 2024, "400mH", "W"),
    ("sydney 400h olympics 2024", "Sydney McLaughlin-Levrone", "OG", 2024, "400mH", "W"),
    ("faith 1500 paris", "Faith Kipyegon", "OG", 2024, "1500m", "W"),
    ("how did jakob do in the mile at pre 2024", "Jakob Ingebrigtsen", "DL-EUGENE", 2024, "mile", "M"),
    ("femke 400h paris", "Femke Bol", "OG", 2024, "400mH", "W"),
])
def test_a_first_name_with_the_event_and_meet_is_the_athlete(engine, db, question, who, series, year, code, sex):
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and names(answer) == [who], (names(answer), answer.headline)
    assert answer.entities.get("event") == code and answer.entities.get("sex") == sex, answer.entities
    assert answer.entities.get("meet") == series and answer.entities.get("year") == year, answer.entities
    place, mark = _final(db, who, series, year, code)
    assert any(r.athlete == who and r.place == place and r.mark == mark for r in answer.rows), answer.headline
    word = question.split()[2 if question.startswith("how") else 0]
    assert any(f"“{word}” read as {who}" in a for a in answer.notes), answer.notes


def test_a_city_that_is_a_first_name_is_no_place_when_another_meet_is_named(engine):
    """"paris" with the 2023 Worlds named: a first name (the answer says whom it read), not Paris 2024."""
    answer = engine.answer_now("how did paris do in the 2023 world champs 100m")
    assert answer.entities.get("meet") == "WCH" and answer.entities.get("year") == 2023, answer.entities
    assert answer.status == AMBIGUOUS or any("“paris” read as" in a for a in answer.notes), answer.headline


@pytest.mark.parametrize("question, who, not_them", [
    ("grant 110mh pb", "Grant Holloway", "Benjamin Grant"),
    ("christian 100m pb", "Christian Coleman", "Brendan Christian"),
])
def test_a_given_name_well_known_in_the_event_beats_a_family_name(engine, question, who, not_them):
    """A lone word is a family name before a given one, unless the given name's athlete has far more marks in
    the event asked (Grant Holloway's 110 m hurdles, Christian Coleman's 100 m)."""
    answer = engine.answer_now(question)
    assert not_them not in names(answer), (names(answer), answer.headline)
    assert who in names(answer) or (answer.status == AMBIGUOUS and any(who in s for s in answer.suggestions)), \
        (answer.status, answer.headline, answer.suggestions)


def test_a_first_name_two_athletes_share_in_the_event_is_asked(engine):
    """Rose Mary Almanza has the most 800 m marks, Mary Moraa the medals: close, so asked."""
    answer = engine.answer_now("mary 800 pb")
    assert answer.status == AMBIGUOUS, answer.headline
    assert any("Mary Moraa" in s for s in answer.suggestions) and any("Almanza" in s for s in answer.suggestions)
