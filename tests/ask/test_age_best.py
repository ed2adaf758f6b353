"""Issue 15 (explorer: "best 1500 by a 17 year old" read "old" as Wendy Old). An age-limited best is the best
mark on file by an athlete of that age on the day, from the birth dates; the answer states what it assumed (the
sex, "on file"). The expected best is worked out from the raw WA toplists (date of birth, date of the mark)."""
from __future__ import annotations

import csv
import datetime as dt
import gzip

import pytest

from bot.ask.answer import ANSWERED
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def _age(dob: str, day: str) -> int:
    b, d = dt.date.fromisoformat(dob), dt.date.fromisoformat(day)
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def _raw_best(sex: str, discipline: str, age: int, higher: bool = False) -> tuple[float, str]:
    """(mark value, date) of the best legal mark in the raw toplist by an athlete of that age on the day."""
    path = SHARED / "wa-toplists" / sex / f"{discipline}.csv.gz"
    found = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if len(r["dob"]) != 10 or not r["date"] or not r["mark_numeric"]:
                continue
            if r["wind"] not in ("", "nan") and float(r["wind"]) > 2.0:
                continue
            if _age(r["dob"], r["date"][:10]) == age:
                found.append((-float(r["mark_numeric"]) if higher else float(r["mark_numeric"]), r["date"][:10]))
    value, date = min(found)
    return abs(value), date


@pytest.mark.parametrize("question,sex,discipline,age,higher,said", [
    ("best 1500 by a 17 year old", "male", "1500-metres", 17, False, "men's"),
    ("fastest women's 800 by a 16-year-old", "female", "800-metres", 16, False, None),
    ("best mile aged 19", "male", "one-mile", 19, False, "men's"),
    ("longest men's long jump by an 18 yo", "male", "long-jump", 18, True, None),
])
def test_the_best_mark_at_an_age(engine, question, sex, discipline, age, higher, said):
    value, date = _raw_best(sex, discipline, age, higher)
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "all_time", answer.headline
    assert f"{age}-year-old on file" in answer.headline
    assert answer.rows[0].date == date, (answer.rows[0], value, date)
    assert any("birth dates on file" in n for n in answer.notes)
    if said:
        assert any(n.startswith(f"No sex given: the {said}") for n in answer.notes), answer.notes
    assert "Old" not in answer.headline   # no athlete called Old
