"""Slash-command options -> questions the engine reads; did-you-mean re-runs; charts."""
from __future__ import annotations

import datetime as dt

import pytest

from bot import charts, lookup

TODAY = dt.date(2026, 7, 7)


@pytest.mark.parametrize("text, day", [("7 July", (7, 7)), ("july 7", (7, 7)), ("07-07", (7, 7)),
                                       ("2024-08-06", (8, 6)), ("6/8", (8, 6)), ("", (7, 7)), (None, (7, 7)),
                                       ("29 feb", (2, 29))])
def test_parse_day(text, day):
    assert lookup.parse_day(text, TODAY) == day


@pytest.mark.parametrize("text", ["31 February", "tomorrow", "13-45", "7 8 july"])
def test_bad_days(text):
    with pytest.raises(lookup.BadDate):
        lookup.parse_day(text, TODAY)


def test_rerun_replaces_the_unclear_words():
    assert lookup.rerun_question("Kerr 1500 PB", "kerr", "Josh Kerr (GBR, 1997)") == "Josh Kerr 1500 PB"
    assert lookup.rerun_question("x", None, "Josh Kerr vs Jakob Ingebrigtsen") == "Josh Kerr vs Jakob Ingebrigtsen"
    assert lookup.rerun_question("kerrr", "something else", "Josh Kerr (GBR)") == "who is Josh Kerr"


def test_ambiguous_answers_name_the_unclear_words(engine):
    answer = engine.answer_now("ingebrigtsen 1500 pb")
    assert answer.status == "ambiguous" and answer.entities["unclear"] == "ingebrigtsen"
    assert lookup.rerun_question(answer.query, answer.entities["unclear"], answer.suggestions[0]).endswith(
        "Ingebrigtsen 1500 pb")


def test_questions():
    assert lookup.record_question("1500m", "W", "national", "GBR") == "british record women's 1500 m"
    assert lookup.record_question("PV", "M", "area", "EUR") == "european record men's pole vault"
    assert lookup.record_question("60m", indoor=True) == "world indoor record 60 m"
    assert lookup.progression_question("mile") == "world record progression mile"
    assert lookup.convert_question("3:30", "1500m") == "convert 3:30 1500 m"


def test_progression_chart_is_a_png():
    chart = {"event": "mile", "sex": "M", "points": [("1913-05-31", "4:14.4"), ("1999-07-07", "3:43.13"),
                                                     ("bad", "x")]}
    png = charts.progression_png(chart, "Mile")
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    assert charts.progression_png({"event": "mile", "points": [("1999-07-07", "3:43.13")]}) is None
    hj = charts.progression_png({"event": "HJ", "points": [("1912-05-18", "2.00"), ("1993-07-27", "2.45")]})
    assert hj.startswith(b"\x89PNG")
