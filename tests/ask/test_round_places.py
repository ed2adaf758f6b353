"""Issue 15 (blind test: "anderson peters sb 2025 jav" answered "89.53, place 1, World Championships 2025", though
89.53 was 1st in qualifying group 2 and he was 2nd in the final). A place won in a heat, semi-final or qualifying
group is said with its race, in season bests, personal bests and every row that shows a place. The cases are
read from the database: championship marks whose place came from a round's race."""
from __future__ import annotations

import sqlite3

import pytest

from bot.ask.answer import ANSWERED
from bot.ask.catalogue import event_words, place_words
from bot.ask.plain import to_text
from tests.ask.conftest import TODAY  # noqa: F401  (the engine fixture's clock)

RACES = {"Q": "qualifying group", "H": "heat", "SF": "semi-final"}
_BEST = {True: "min", False: "max"}


def round_bests(db_path, kind: str, rounds: tuple[str, ...], limit: int = 6) -> list[tuple]:
    """(name, code, sex, year, mark, place, round, heat) of championship marks (OG, WCh) in those rounds that are
    the athlete's only mark of that value and their best outdoors, of the season ("sb") or ever ("pb"), by athletes
    whose name no one else has. Outdoor events run in rounds, newest first."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    season = "AND substr(r2.date, 1, 4) = substr(r.date, 1, 4)" if kind == "sb" else ""
    out = []
    try:
        for low in (True, False):
            out += conn.execute(
                f"SELECT a.name, e.code, e.sex, CAST(substr(r.date, 1, 4) AS INTEGER), res.mark, res.place, r.round, "
                f"r.heat FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id "
                f"JOIN athletes a ON a.id = res.athlete_id JOIN competitions c ON c.id = r.competition_id "
                f"WHERE c.series_id IN ('OG', 'WCH') AND r.indoor = 0 AND r.round IN ({','.join('?' * len(rounds))}) "
                f"AND r.heat IS NOT NULL AND res.place IS NOT NULL AND res.status = 'OK' AND e.lower_is_better = ? "
                f"AND e.code NOT LIKE '%x%' AND a.is_team = 0 "
                f"AND (SELECT count(*) FROM athletes x WHERE x.name = a.name) = 1 "
                f"AND res.mark_value = (SELECT {_BEST[low]}(res2.mark_value) FROM results res2 JOIN races r2 "
                f"  ON r2.id = res2.race_id WHERE res2.athlete_id = res.athlete_id AND r2.event_id = r.event_id "
                f"  AND r2.indoor = 0 AND res2.status = 'OK' {season}) "
                f"AND (SELECT count(*) FROM results res3 JOIN races r3 ON r3.id = res3.race_id WHERE "
                f"  res3.athlete_id = res.athlete_id AND r3.event_id = r.event_id AND r3.indoor = 0 "
                f"  AND res3.mark_value = res.mark_value) = 1 "
                f"ORDER BY r.date DESC LIMIT ?", (*rounds, int(low), limit // 2)).fetchall()
    finally:
        conn.close()
    assert len(out) >= limit // 2, out
    return out


def _said(place: int, rnd: str, heat: int) -> str:
    return f"{place_words(place)} in {RACES[rnd]} {heat}"


@pytest.mark.parametrize("kind", ["sb", "pb"])
def test_a_best_set_in_a_round_says_the_round(engine, db_path, kind):
    for name, code, sex, year, mark, place, rnd, heat in round_bests(db_path, kind, ("Q", "H", "SF")):
        what = event_words(code, sex).split(" ", 1)[1]
        question = f"{name} sb {year} {what}" if kind == "sb" else f"{name} {what} pb"
        answer = engine.answer_now(question)
        assert answer.status == ANSWERED and answer.intent == kind, (question, answer.headline)
        assert mark in answer.headline and _said(place, rnd, heat) in answer.headline, (question, answer.headline)
        assert answer.rows[0].round == f"{RACES[rnd]} {heat}"


def test_a_row_of_a_round_shows_its_race_with_the_place(engine, db_path):
    """Rows listed (an athlete's season bests by year) show a round's place with its race."""
    name, code, sex, year, mark, place, rnd, heat = round_bests(db_path, "sb", ("Q", "H", "SF"))[0]
    what = event_words(code, sex).split(" ", 1)[1]
    answer = engine.answer_now(f"{name} {what} season bests by year")
    assert answer.status == ANSWERED, answer.headline
    row = next(r for r in answer.rows if r.mark == mark)
    assert row.place == place and row.round == f"{RACES[rnd]} {heat}"
    assert f"{_said(place, rnd, heat)}:" in to_text(answer)


def test_a_final_s_place_has_no_round(engine, db_path):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        name, code, sex, year, mark = conn.execute(
            "SELECT a.name, e.code, e.sex, CAST(substr(r.date, 1, 4) AS INTEGER), res.mark FROM results res "
            "JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id JOIN athletes a ON "
            "a.id = res.athlete_id JOIN competitions c ON c.id = r.competition_id WHERE c.series_id = 'OG' "
            "AND c.year = 2016 AND r.round = 'F' AND res.place = 1 AND e.code = 'JT' AND e.sex = 'M'").fetchone()
    finally:
        conn.close()
    answer = engine.answer_now(f"{name} sb {year} {event_words(code, sex).split(' ', 1)[1]}")
    assert answer.status == ANSWERED and answer.rows[0].round is None
    assert not any(f" in {w}" in answer.headline for w in RACES.values()), answer.headline
