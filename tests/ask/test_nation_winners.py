""""which americans won gold at the 2024 olympics": that nation's winners, not every winner of the Games (A9).
Expected from the raw Olympic medallists file (olympic-medallists-1896-2024), never from our database."""
from __future__ import annotations

import csv

from bot.ask.answer import ANSWERED
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def _golds(year: int, nation: str) -> list[dict]:
    with open(SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["sport"] == "Athletics" and r["medal"] == "Gold"
                and int(r["year"]) == year and r["country_code"] == nation]


def _family(athletes: str) -> str:
    """'HOCKER Cole' -> 'hocker' (for 2016 and 2024 the medallists file writes the family name first)."""
    return athletes.split()[0].lower()


def test_a_nations_winners(engine):
    for q, year, nation in (("which americans won gold at the 2024 olympics in athletics", 2024, "USA"),
                            ("which kenyans won gold at the 2016 olympics", 2016, "KEN")):
        golds = _golds(year, nation)
        assert golds
        answer = engine.answer_now(q)
        assert answer.status == ANSWERED, answer.headline
        assert f"{len(golds)} events" in answer.headline, (len(golds), answer.headline)
        assert len(answer.rows) == len(golds)
        assert all(r.nationality == nation for r in answer.rows)
        for g in golds:
            if "," not in g["athletes"]:   # a relay is the team's
                assert _family(g["athletes"]) in answer.headline.lower(), (g["athletes"], answer.headline)
