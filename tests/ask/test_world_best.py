"""Issue 15 (blind test: the 2 miles' best was called a "world record"). An event World Athletics keeps no world
record of is answered as a "world best", saying why; the events with records keep "world record". Which events
have one is read from WA's records pages (the raw file), never typed."""
from __future__ import annotations

import csv

import pytest

from bot.ask.answer import ANSWERED
from bot.common import events as ev
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def _wa_disciplines(sex: str) -> set[str]:
    path = SHARED / "wa-records-2024" / f"{'men' if sex == 'M' else 'women'}_world_records.csv"
    with path.open(encoding="utf-8") as f:
        return {r["DISCIPLINE"].strip().lower() for r in csv.DictReader(f)}


def _unofficial(db) -> list[tuple[str, str]]:
    """(event code, sex) of every outdoor world-record progression that no WA record list (the pages, nimarion's
    June 2024 world file) has a row of."""
    return db.execute(
        "SELECT DISTINCT e.code, e.sex FROM records rec JOIN events e ON e.id = rec.event_id "
        "WHERE rec.kind = 'world' AND rec.indoor = 0 GROUP BY e.id "
        "HAVING sum(rec.source_id IN ('wa-records-2024', 'nimarion-world-2024-06')) = 0").fetchall()


def test_the_two_miles_is_not_on_the_wa_pages(db):
    assert "2 miles" not in _wa_disciplines("M") and "mile" in _wa_disciplines("M")
    assert ("2miles", "M") in _unofficial(db)
    # every such event is one the raw pages have no record of (by its name as WA writes it)
    for code, sex in _unofficial(db):
        assert ev.get(code).name.lower() not in _wa_disciplines(sex), code


@pytest.mark.parametrize("template", ["{sex} {event} world record", "{sex} {event} world record progression",
                                      "previous {sex} {event} world record"])
def test_an_event_without_official_records_has_a_world_best(engine, db, template):
    for code, sex in _unofficial(db):
        question = template.format(sex="men's" if sex == "M" else "women's", event=ev.get(code).name)
        answer = engine.answer_now(question)
        assert answer.status == ANSWERED, (question, answer.headline)
        assert "world best" in answer.headline and "world record" not in answer.headline, answer.headline
        assert any("not a world record" in n for n in answer.notes)


@pytest.mark.parametrize("question", ["mile world record", "women's 5000m world record", "800m wr progression"])
def test_events_with_records_keep_world_record(engine, question):
    answer = engine.answer_now(question)
    assert "world record" in answer.headline and "world best" not in answer.headline, answer.headline
