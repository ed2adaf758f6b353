"""A rank on an all-time list however it is written ("#12", "# 3", "21st") is that rank, and a rank inside a
tie names everyone who shares it (issue 15, shapes 10 and 2). Expected ranks are read from the raw toplists:
each athlete's best legal mark (wind at most +2.0), best first."""
from __future__ import annotations

import pytest
from anyascii import anyascii

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def ranked(path: str, higher: bool = False) -> list[tuple[str, float]]:
    best: dict[str, float] = {}
    pick = max if higher else min
    for r in raw.toplist(path):
        wind = r["wind"].strip()
        if wind and float(wind) > 2.0:
            continue
        best[r["competitor"]] = pick(best.get(r["competitor"], r["value"]), r["value"])
    return sorted(best.items(), key=lambda kv: -kv[1] if higher else kv[1])


def family(competitor: str) -> str:
    return anyascii(" ".join(w for w in competitor.split() if w.isupper())).lower()


@pytest.mark.parametrize("question, path, nth", [
    ("who is #12 on the all time 100m list", "fallback_raw/male/sprints_100-metres_senior.csv.gz", 12),
    ("# 3 all time mens 800", "male/800-metres.csv.gz", 3),
    ("who is #1 all time in the 400mh", "male/400-metres-hurdles.csv.gz", 1),
    ("21st fastest 1500 ever", "male/1500-metres.csv.gz", 21),
    # a tie that runs past the tenth row: everyone in it, the 11th too (blind test #9)
    ("who's 8th on the all time womens pole vault list", "fallback_raw/female/jumps_pole-vault_senior.csv.gz", 8),
])
def test_a_rank_names_everyone_at_it(engine, question, path, nth):
    lst = ranked(path, higher="pole-vault" in path)
    mark = lst[nth - 1][1]
    tied = [name for name, v in lst if abs(v - mark) < 1e-9]
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "all_time", answer.headline
    head = anyascii(answer.headline.split(";")[0]).lower()
    for name in tied:
        assert family(name) in head, (tied, answer.headline)
    assert ("(shared)" in answer.headline) == (len(tied) > 1 and nth > 1), answer.headline
