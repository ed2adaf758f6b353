"""A race question with no sex, where my data has only one sex's race at that meet (B8): the answer says which
sex it is about and that the other's race is missing, never switching silently. The premise is read from the raw
toplists (raw.py): no men's 1500 m rows at Birmingham 2018, no women's 10,000 m at Helsinki 1983."""
from __future__ import annotations

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def _at(path: str, month: str, venue: str) -> list[dict]:
    return [r for r in raw.toplist(path) if r["iso"].startswith(month) and venue in r["venue"]]


def test_the_missing_sex_is_said(engine):
    cases = (("who won the 1500 at the 2018 world indoors", "male/1500-metres.csv.gz",
              "female/1500-metres.csv.gz", "2018-03", "Birmingham", "women's", "men's 1500 m"),
             ("who won the 10000 at the 1983 world championships", "female/10000-metres.csv.gz",
              "male/10000-metres.csv.gz", "1983-08", "Helsinki", "men's", "women's 10,000 m"))
    for q, missing, held, month, venue, said, absent in cases:
        assert not _at(missing, month, venue)
        winner = [r for r in _at(held, month, venue) if r["position"].strip() == "1"]
        assert len(winner) == 1
        answer = engine.answer_now(q)
        assert answer.status == ANSWERED and winner[0]["mark"] in answer.headline, answer.headline
        assert f"the {said}" in answer.headline, answer.headline
        assert any(f"I have no {absent}" in n for n in answer.notes), answer.notes
