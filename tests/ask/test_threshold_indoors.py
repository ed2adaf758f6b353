"""Issue 15, shape 7: a threshold "outdoors" or "indoors" counts only the marks of that kind; counted from the
raw toplist (a venue ending "(i)" is indoors), never from our database."""
from __future__ import annotations

import pytest
from anyascii import anyascii

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def _legal(r: dict) -> bool:
    wind = r["wind"].strip()
    return not (wind and float(wind) > 2.0)


def _words(name: str) -> frozenset[str]:
    """A name as a set of words: the lists write Chinese names in either order ("Yunxia QU", "Qu Yunxia")."""
    return frozenset(anyascii(name).lower().split())


@pytest.mark.parametrize("question,path,barrier,indoor", [
    ("how many women have broken 4 minutes in the 1500 outdoors", "female/1500-metres.csv.gz", 240.0, False),
    ("how many women have run under 4:00 in the 1500 indoors", "female/1500-metres.csv.gz", 240.0, True),
])
def test_a_threshold_indoors_or_out_counts_those_marks(engine, question, path, barrier, indoor):
    # one athlete is one birth date (names change: "Jenny Simpson"/"Jennifer Simpson"); the national record
    # lists add the marks set after the toplists were taken (national.csv: Class, Environment, YOB)
    legal = [r for r in raw.toplist(path) if r["value"] < barrier and _legal(r)]
    here = [r for r in legal if r["indoor"] == indoor]
    who = {(r["dob"] or r["competitor"]) for r in here}
    # a national-list athlete is one of the toplist's when born the same year and sharing a name word (the lists
    # write "Elle St. Pierre" and "Ellinor PURRIER ST. PIERRE", "Qu Yunxia" and "Yunxia QU")
    known = [(_words(r["competitor"]), r["dob"][:4]) for r in here]
    extra = {(_words(r["Firstname"] + " " + r["Lastname"]), r["YOB"]) for r in raw.national()
             if r["Discipline"] == "1K5" and r["Class"] == "W" and r["Result"] and raw.seconds(r["Result"]) < barrier
             and (r["Environment"] == "Indoor") == indoor}
    extra = {x for x in extra if not any(x[1] == yob and x[0] & words for words, yob in known)}
    expected = len(who) + len(extra)
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "threshold", answer.headline
    assert answer.headline.startswith(f"{expected} women"), (expected, answer.headline)
    assert ("indoors" if indoor else "outdoors") in answer.headline
    assert all((r.note or "").endswith("indoor") == indoor for r in answer.rows)
