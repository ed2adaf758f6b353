"""Issue 15 (blind test #6 miss): "where does kerr rank all time in the mile" asks for an athlete's place on a
list, one mark per athlete, not their profile. Expected places are counted from the raw toplists (one athlete
is one competitor and birth date), never from our database."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED, UNKNOWN
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def _legal(r: dict) -> bool:
    wind = r["wind"].strip()
    return not (wind and float(wind) > 2.0)


def _place(rows: list[dict], given: str, family: str, lower_is_better: bool = True) -> tuple[int, str]:
    """The athlete's place on the list of these rows (1 + athletes with a better best; an athlete is a birth date) and their best mark."""
    sign = 1 if lower_is_better else -1
    best: dict[str, float] = {}
    for r in rows:
        if _legal(r):
            key = r["dob"] or r["competitor"]   # names change ("Sydney MCLAUGHLIN-LEVRONE"), birth dates don't
            best[key] = min(best.get(key, sign * r["value"]), sign * r["value"])
    theirs = raw.named(rows, given, family)
    assert theirs, (given, family)
    mine = min(sign * r["value"] for r in theirs if _legal(r))
    mark = next(r["mark"] for r in theirs if sign * r["value"] == mine)
    return 1 + sum(1 for v in best.values() if v < mine), mark


@pytest.mark.parametrize("question,path,given,family,year", [
    ("where does kerr rank all time in the mile", "male/one-mile.csv.gz", "Josh", "Kerr", None),
    ("josh kerr all time rank 1500", "male/1500-metres.csv.gz", "Josh", "Kerr", None),
    ("kerr ranking 1500 2024", "male/1500-metres.csv.gz", "Josh", "Kerr", 2024),
    ("where is femke bol ranked on the all time 400m hurdles list", "female/400-metres-hurdles.csv.gz", "Femke",
     "Bol", None),
    ("faith kipyegon 5000 rank 2023", "female/5000-metres.csv.gz", "Faith", "Kipyegon", 2023),
])
def test_an_athletes_place_on_the_list_is_counted_from_the_toplist(engine, question, path, given, family, year):
    rows = [r for r in raw.toplist(path) if year is None or r["iso"].startswith(str(year))]
    place, mark = _place(rows, given, family)
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "rank", answer.headline
    assert answer.entities["rank"] == place, (place, answer.headline)
    assert mark.rstrip("0").rstrip(".") in answer.headline, (mark, answer.headline)
    # the list around them is shown, with them on it at that place
    assert any(r.athlete.endswith(family) and r.place == place for r in answer.rows), answer.rows


def test_a_field_event_ranks_the_longest_first(engine):
    rows = raw.toplist("female/high-jump.csv.gz")
    place, _mark = _place(rows, "Yaroslava", "Mahuchikh", lower_is_better=False)
    answer = engine.answer_now("where does mahuchikh rank all time in the high jump")
    assert answer.status == ANSWERED and answer.entities["rank"] == place, answer.headline


def test_world_ranking_points_are_not_claimed(engine):
    answer = engine.answer_now("josh kerr world ranking 1500 2024")
    assert answer.intent == "rank"
    assert any("ranking points are not in my data" in a for a in answer.notes), answer.notes


def test_no_marks_in_that_season_is_said(engine):
    answer = engine.answer_now("josh kerr rank 1500 1990")
    assert answer.status == UNKNOWN and "1990" in answer.headline, answer.headline
