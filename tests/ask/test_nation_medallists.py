"""Issue 15 (blind test: "which americans won medals at the 2024 olympics" gave a count). A "which/who" question
about a nation's medallists lists every medal (athlete, event, medal, mark); "how many" keeps the count. The
medals expected are the database's, as the count question reads them."""
from __future__ import annotations

import pytest

from bot.ask.answer import ANSWERED


@pytest.mark.parametrize("which,count", [
    ("which americans won medals at the 2024 olympics", "how many medals did the usa win at the 2024 olympics"),
    ("who won medals for kenya at the 2023 worlds", "how many medals did kenya win at the 2023 worlds"),
    ("which british athletes won medals at the 2012 olympics",
     "how many medals did great britain win at the 2012 olympics"),
])
def test_which_medallists_lists_every_medal(engine, db, which, count):
    counted = engine.answer_now(count)
    listed = engine.answer_now(which)
    assert counted.status == ANSWERED and listed.status == ANSWERED, (counted.headline, listed.headline)
    assert ":" not in counted.headline.split(")", 1)[1], counted.headline   # the count alone
    assert [(r.athlete, r.mark, r.place) for r in listed.rows] == [(r.athlete, r.mark, r.place) for r in counted.rows]
    medal = {1: "gold", 2: "silver", 3: "bronze"}
    for r in listed.rows:
        names = {n.lower() for (n,) in db.execute("SELECT name FROM events WHERE code = ?", (r.event,))}
        item = f"{r.athlete} ("
        assert item in listed.headline, item
        assert f"{medal[r.place]}{', ' + r.mark if r.mark else ''})" in listed.headline
        event = (r.note or "").split(", ", 1)[1]
        assert (r.note or "").startswith(medal[r.place]) and (event in names or event.startswith("mixed")), r.note
