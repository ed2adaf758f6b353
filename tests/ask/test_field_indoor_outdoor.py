"""Issue 15 (blind #12 and #13: "womens tj wr indoor vs outdoor", "norway 1500 record outdoors and indoors"):
a field event's world record counts wherever it was set, so "indoor vs outdoor" gives the record once and, when
it was set indoors, the best mark made outdoors beside it. The outdoor best is read from the raw toplists."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


@pytest.mark.parametrize("question,path", [
    ("womens triple jump wr indoor vs outdoor", "female/triple-jump.csv.gz"),
    ("mens pole vault world record indoor and outdoor", "male/pole-vault.csv.gz"),
])
def test_a_field_record_set_indoors_names_the_best_outdoors(engine, question, path):
    rows = raw.toplist(path)
    outdoors = max((r for r in rows if not r["indoor"]), key=lambda r: (r["value"], r["iso"]))
    got = engine.answer_now(question)
    assert got.status == ANSWERED and got.intent == "record", got.headline
    assert f"Best outdoors: {outdoors['mark']}" in got.headline, got.headline
    assert "Indoors: I have no" not in got.headline


def test_a_track_record_gives_both_lists(engine):
    got = engine.answer_now("mens 1500 wr indoor vs outdoor")
    assert got.status == ANSWERED and "Outdoors: " in got.headline and "Indoors: " in got.headline
