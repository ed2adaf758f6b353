"""Blind test #10: "who won the men's 100m this year (tokyo)" was declined. Words in parentheses are part of the
question ("(tokyo)" names the meet as "in tokyo" does), and "this year", when the meet asked has no edition
this year in the data, is the data's latest season of meets when it holds that meet: said aloud. A meet the
latest season did not hold (the Olympics) is still said to have no edition. Winners are read from the
database (the main final: round F or none, the best winning mark)."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED
from tests.conftest import TODAY


def _latest_season(db) -> int:
    return db.execute("SELECT max(c.year) FROM competitions c JOIN races r ON r.competition_id = c.id").fetchone()[0]


def _winner(db, series: str, year: int, code: str, sex: str) -> tuple[str, str]:
    rows = db.execute(
        "SELECT a.name, res.mark, res.mark_value, e.lower_is_better FROM results res JOIN races r ON r.id = res.race_id "
        "JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
        "JOIN athletes a ON a.id = res.athlete_id WHERE c.series_id = ? AND c.year = ? AND e.code = ? AND e.sex = ? "
        "AND res.place = 1 AND (r.round IS NULL OR r.round IN ('', 'F'))", (series, year, code, sex)).fetchall()
    assert rows, (series, year, code, sex)
    best = (min if rows[0][3] else max)(rows, key=lambda r: r[2])
    return best[0], best[1]


@pytest.mark.parametrize("question, series, code, sex", [
    ("who won the men's 100m this year (tokyo)", "WCH", "100m", "M"),    # the blind test's
    ("who won the men's 100m this year in tokyo", "WCH", "100m", "M"),
    ("who won the mile at pre this year", "DL-EUGENE", "mile", "M"),
    ("who won the women's 800 at worlds this year", "WCH", "800m", "W"),
])
def test_this_year_is_the_latest_season_of_meets(engine, db, question, series, code, sex):
    latest = _latest_season(db)
    assert latest < TODAY.year, "the data has this year's meets: the question no longer needs the assumption"
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "winner", answer.headline
    assert answer.entities.get("meet") == series and answer.entities.get("year") == latest, answer.entities
    who, mark = _winner(db, series, latest, code, sex)
    assert answer.rows[0].athlete == who and answer.rows[0].mark == mark, answer.headline
    assert any("This year" in a and str(latest) in a for a in answer.notes), answer.notes


def test_a_meet_the_latest_season_did_not_hold_is_still_said(engine, db):
    answer = engine.answer_now("who won the 100m at the olympics this year")
    assert answer.status != ANSWERED and str(TODAY.year) in answer.headline, answer.headline


@pytest.mark.parametrize("plain, bracketed", [
    ("who won the women's 1500 at worlds 2023", "who won the women's 1500 (worlds 2023)"),
    ("kerr 1500 pb at the olympics 2024", "kerr 1500 pb (olympics 2024)"),
])
def test_words_in_parentheses_are_part_of_the_question(engine, plain, bracketed):
    a, b = engine.answer_now(plain), engine.answer_now(bracketed)
    assert a.status == ANSWERED and (b.status, b.intent, b.entities, b.headline) == \
        (a.status, a.intent, a.entities, a.headline), (a.headline, b.headline)
