"""Several places of one race asked at once ("who finished 1st and 2nd", "2nd and 3rd", "top two") are answered
with exactly those places. Expected athletes and marks are read from the raw toplists: the final's rows (plain
positions) at that venue and date."""
from __future__ import annotations

import pytest
from anyascii import anyascii

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def final(path: str, day: str) -> dict[int, list[dict]]:
    """The final's rows by place (a round's "1h1" or "2sf1" is not the final)."""
    out: dict[int, list[dict]] = {}
    for r in raw.toplist(path):
        if r["iso"] == day and r["position"].strip().isdigit():
            out.setdefault(int(r["position"]), []).append(r)
    return out


def family(competitor: str) -> str:
    return anyascii(" ".join(w for w in competitor.split() if w.isupper())).lower()


@pytest.mark.parametrize("question, path, day, places", [
    ("who finished 1st and 2nd in the 2024 olympic 1500", "male/1500-metres.csv.gz", "2024-08-06", [1, 2]),
    ("who were 2nd and 3rd in the 2024 olympic 1500", "male/1500-metres.csv.gz", "2024-08-06", [2, 3]),
    ("top two at pre 2024 mile", "male/one-mile.csv.gz", "2024-05-25", [1, 2]),
    ("top 3 in the paris 100m final", "fallback_raw/male/sprints_100-metres_senior.csv.gz", "2024-08-04", [1, 2, 3]),
    ("who came 4th and 5th in the budapest 2023 800 final", "male/800-metres.csv.gz", "2023-08-26", [4, 5]),
    ("top 5 in the women's 1500 at paris 2024", "female/1500-metres.csv.gz", "2024-08-10", [1, 2, 3, 4, 5]),
    ("first and third in the 2024 olympic women's 1500", "female/1500-metres.csv.gz", "2024-08-10", [1, 3]),
    ("who were the first two in the paris 1500", "male/1500-metres.csv.gz", "2024-08-06", [1, 2]),
    ("first three in the 2023 worlds 1500", "male/1500-metres.csv.gz", "2023-08-23", [1, 2, 3]),
    # an athlete named beside the places is context: the places asked, and where the athlete was
    ("who finished second and third behind hocker in paris 1500", "male/1500-metres.csv.gz", "2024-08-06", [2, 3]),
    ("who finished 2nd and 3rd behind kerr at pre 2024 mile", "male/one-mile.csv.gz", "2024-05-25", [2, 3]),
])
def test_several_places_are_exactly_those_places(engine, question, path, day, places):
    race = final(path, day)
    expected = sorted((k, family(r["competitor"]), raw.seconds(r["mark"])) for k in places for r in race[k])
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent in ("place", "podium"), answer.headline
    got = sorted((r.place, anyascii(r.athlete).lower(), raw.seconds(r.mark or "0")) for r in answer.rows)
    assert [k for k, _, _ in got] == [k for k, _, _ in expected], (expected, got)
    for (_, name, mark), (_, athlete, value) in zip(expected, got, strict=True):
        assert name in athlete and abs(mark - value) < 1e-6, (expected, got)
    head = anyascii(answer.headline).lower()
    for _, name, _ in expected:
        assert name in head, (name, answer.headline)


def test_one_place_is_still_that_place(engine):
    """One place asked stays the one-place answer (with the winner said beside it)."""
    answer = engine.answer_now("who was 2nd in the 2024 olympic 1500")
    assert answer.intent == "place" and [r.place for r in answer.rows] == [2], answer.headline


def test_an_athlete_named_beside_the_places_is_said(engine):
    race = final("male/1500-metres.csv.gz", "2024-08-06")
    hocker = next(k for k, rows in race.items() if any(r["competitor"] == "Cole HOCKER" for r in rows))
    answer = engine.answer_now("who finished second and third behind hocker in paris 1500")
    assert any(n.startswith(f"Cole Hocker was {hocker}") for n in answer.notes), answer.notes


def test_the_next_place_offered_follows_the_last_asked(engine):
    """After "1st and 2nd", the next question offered is 3rd place, one place only."""
    answer = engine.answer_now("who finished 1st and 2nd in the 2024 olympic 1500")
    offered = {label: q for label, q in answer.next}
    assert "3rd place" in offered, list(offered)
    third = engine.answer_now(offered["3rd place"])
    race = final("male/1500-metres.csv.gz", "2024-08-06")
    assert [r.place for r in third.rows] == [3] and family(race[3][0]["competitor"]) in \
        anyascii(third.headline).lower(), third.headline
