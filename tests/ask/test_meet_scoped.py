"""A question that names a meeting is answered for that meeting, never for the career or every event (blind #14:
"any wrs at pre on july 5 2025" asked which event; "did lavillenie clear 6.03 in rio" counted his career's
clearances). Expected values are worked out here from the raw toplists and the Rio file."""
from __future__ import annotations

import json

import pytest

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()
TOPLISTS = SHARED / "wa-toplists"


def _legal(r: dict) -> bool:
    try:
        return not r["wind"] or float(r["wind"]) <= 2.0
    except ValueError:
        return True


def _raw_world_records(venue: str, first: str, last: str) -> set[tuple[str, str]]:
    """(family name, mark) of every legal toplist mark made at the venue between the dates that beat every
    earlier mark of its list: a world record by the lists' own history."""
    out = set()
    for path in sorted(TOPLISTS.glob("*male/*.csv.gz")):
        rows = [r for r in raw.toplist(f"{path.parent.name}/{path.name}") if _legal(r)]
        higher = bool(rows) and rows[0]["track_field"] == "field"
        for r in rows:
            if r["venue"].startswith(venue) and first <= r["iso"] <= last:
                earlier = [x["value"] for x in rows if x["iso"] < r["iso"]]
                if earlier and (max(earlier) < r["value"] if higher else min(earlier) > r["value"]):
                    out.add((r["competitor"].split()[-1].lower(), r["mark"]))
    return out


@pytest.mark.parametrize("question, venue, first, last", [
    ("any wrs at pre on july 5 2025", "Hayward Field", "2025-07-05", "2025-07-05"),
    ("were there any world records at the 2024 olympics", "Stade de France", "2024-08-01", "2024-08-11"),
])
def test_the_world_records_set_at_a_meeting(engine, question, venue, first, last):
    want = _raw_world_records(venue, first, last)
    assert want
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "record", answer.headline
    got = {(r.athlete.split()[-1].lower(), r.mark) for r in answer.rows}
    assert got == want, (got, want)
    assert f"{len(want)} world records set at" in answer.headline


def test_no_record_at_a_meeting_is_said(engine):
    assert not _raw_world_records("Cobb Track", "2019-06-30", "2019-06-30")
    answer = engine.answer_now("wrs at pre 2019")
    assert answer.status == ANSWERED and answer.headline.startswith("No world record was set"), answer.headline


@pytest.fixture(scope="module")
def rio():
    return json.loads((SHARED / "rio2016-complete-tilastopaja" / "rio_athletics_results.json").read_text("utf-8"))


def _rio_row(rio, name: str, family: str) -> dict:
    block = next(b["result"] for b in rio["events"] if b["name"] == name and b["round"] == "FINAL")
    return next(r for r in block if r.get("familyName", "").lower() == family)


def test_a_barrier_at_a_meeting_is_that_meetings_marks_not_the_career(engine, rio):
    lav = _rio_row(rio, "Pole vault Men", "lavillenie")
    assert float(lav["performance"]) < 6.03
    no = engine.answer_now("did lavillenie clear 6.03 in rio")
    assert no.status == ANSWERED and no.headline.startswith("No: "), no.headline
    assert f"was {lav['performance']}, {lav['rank']}nd" in no.headline and "2016 Olympic Games" in no.headline
    kerr = [r for r in raw.named(raw.toplist("male/1500-metres.csv.gz"), "Josh", "Kerr")
            if r["venue"].startswith("Stade de France") and r["iso"].startswith("2024")]
    under = [r for r in kerr if r["value"] < 210]
    yes = engine.answer_now("did kerr break 3:30 at the paris olympics")
    assert yes.headline.startswith("Yes: ") and all(r["mark"] in yes.headline for r in under), yes.headline
    assert len(under) == len(yes.rows)


def test_how_many_times_at_a_meeting_named_without_a_year_counts_every_edition(engine):
    pre = {v for (v,) in engine.conn.execute(
        "SELECT DISTINCT venue FROM competitions WHERE series_id = 'DL-EUGENE' AND venue IS NOT NULL")}
    spans = engine.conn.execute("SELECT start_date, coalesce(end_date, start_date) FROM competitions "
                                "WHERE series_id = 'DL-EUGENE'").fetchall()
    over = [r for r in raw.named(raw.toplist("male/pole-vault.csv.gz"), "Armand", "Duplantis")
            if r["value"] >= 6.0 and any(a <= r["iso"] <= b for a, b in spans)
            and any(r["venue"].startswith(v.split(",")[0]) for v in pre)]
    assert over
    answer = engine.answer_now("how many times did duplantis clear 6m at pre")
    assert answer.status == ANSWERED and f"at the Prefontaine Classic {len(over)} times" in answer.headline, \
        answer.headline
    assert sorted(r.date for r in answer.rows) == sorted(r["iso"] for r in over)


def test_w_before_a_plain_word_is_with_and_a_score_is_points(engine, rio):
    won = _rio_row(rio, "Decathlon Men", "eaton")
    answer = engine.answer_now("rio dec w points")
    assert answer.status == ANSWERED and f"with {won['performance']} points" in answer.headline, answer.headline
    assert "men's decathlon" in answer.headline
    women = engine.answer_now("w 100m world record")
    assert "women's 100 m" in women.headline, women.headline
