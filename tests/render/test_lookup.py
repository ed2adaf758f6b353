"""Days as people type them; did-you-mean choices carry typed requests; charts."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.ask.query import Question
from bot.common import days
from bot.render import charts

TODAY = dt.date(2026, 7, 7)


@pytest.mark.parametrize("text, day", [("7 July", (7, 7)), ("july 7", (7, 7)), ("07-07", (7, 7)),
                                       ("2024-08-06", (8, 6)), ("6/8", (8, 6)), ("", (7, 7)), (None, (7, 7)),
                                       ("29 feb", (2, 29))])
def test_parse_day(text, day):
    assert days.parse_day(text, TODAY) == day


@pytest.mark.parametrize("text", ["31 February", "tomorrow", "13-45", "7 8 july"])
def test_bad_days(text):
    with pytest.raises(days.BadDate):
        days.parse_day(text, TODAY)


def test_ambiguous_answers_pin_the_unclear_words_to_each_candidate(engine):
    answer = engine.answer_now("ingebrigtsen 1500 pb")
    assert answer.status == "ambiguous" and answer.entities["unclear"] == "ingebrigtsen"
    picks = answer.picks()
    assert len(picks) == len(answer.suggestions) >= 2
    for label, request in picks:
        assert isinstance(request, Question) and request.text == "ingebrigtsen 1500 pb"
        (words, athlete_id), = request.pins
        assert words == "ingebrigtsen"
        assert label.startswith(engine.people.people[athlete_id].name)
        again = engine.answer_now(request)     # the same question, that athlete's PB: nothing re-parsed
        assert again.status == "answered" and again.intent == "pb"
        assert again.entities["athletes"][0]["id"] == athlete_id


def test_progression_chart_is_a_png():
    chart = {"event": "mile", "sex": "M", "points": [("1913-05-31", "4:14.4"), ("1999-07-07", "3:43.13"),
                                                     ("bad", "x")]}
    png = charts.progression_png(chart, "Mile")
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    assert charts.progression_png({"event": "mile", "points": [("1999-07-07", "3:43.13")]}) is None
    hj = charts.progression_png({"event": "HJ", "points": [("1912-05-18", "2.00"), ("1993-07-27", "2.45")]})
    assert hj.startswith(b"\x89PNG")
