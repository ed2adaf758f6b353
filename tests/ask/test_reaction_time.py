"""Issue 15 (blind test: "bolt reaction time rio 100 final" answered "I don't understand “reaction”"). Reaction
times are asked by name and declined by name: no table of ours holds them, and the Rio 2016 results are the
one source that does (checked here in the raw file)."""
from __future__ import annotations

import pytest

from bot.ask.answer import UNKNOWN
from tests.conftest import SHARED, needs_shared


@pytest.mark.parametrize("question", [
    "bolt reaction time rio 100 final",
    "what was lyles reaction time in paris",
    "who had the fastest reaction in the 2016 olympic 100 final",
    "reaction times in the 100m final at worlds 2023",
])
def test_a_reaction_time_is_declined_by_name(engine, db, question):
    answer = engine.answer_now(question)
    assert answer.status == UNKNOWN and "reaction times" in answer.headline, answer.headline
    assert not answer.rows
    columns = {c for table in ("results", "races") for _, c, *_ in db.execute(f"PRAGMA table_info({table})")}
    assert not any("reaction" in c for c in columns)   # the day they are imported, this answer must change


@needs_shared()
def test_the_rio_source_is_the_one_with_reaction_times():
    assert '"reactionTime"' in (SHARED / "rio2016-complete-tilastopaja" / "rio_athletics_results.json").read_text()
    header = next((SHARED / "wa-toplists" / "male").glob("*.csv*"))
    import gzip
    with gzip.open(header, "rt") if header.suffix == ".gz" else open(header) as f:
        assert "reaction" not in f.readline()
