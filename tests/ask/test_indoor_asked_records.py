"""An athlete's indoor records asked where my data has no indoor list of them: never "has not held" for want of
a list. A field event's records count wherever they were set (the records' list holds the ones set indoors);
a track event's missing indoor list is said as such. Expectations from the records table."""
from __future__ import annotations

from bot.ask.answer import ANSWERED


def _no_indoor_list(engine, code: str, sex: str) -> bool:
    return not engine.conn.execute(
        "SELECT 1 FROM records rec JOIN events e ON e.id = rec.event_id WHERE rec.kind = 'world' AND rec.indoor = 1 "
        "AND e.code = ? AND e.sex = ? LIMIT 1", (code, sex)).fetchone()


def test_a_field_athletes_indoor_world_record_asked_gives_their_records(engine):
    assert _no_indoor_list(engine, "PV", "M")
    current = engine.conn.execute(
        "SELECT rec.mark, a.name FROM records rec JOIN events e ON e.id = rec.event_id JOIN athletes a ON a.id = "
        "rec.athlete_id WHERE rec.kind = 'world' AND rec.current = 1 AND rec.indoor = 0 AND e.code = 'PV' "
        "AND e.sex = 'M'").fetchone()
    family = current[1].split()[-1].lower()
    for question in (f"{family} indoor wr", f"{family} indoor world record"):
        answer = engine.answer_now(question)
        assert answer.status == ANSWERED, answer.headline
        assert "has not held" not in answer.headline and current[0] in answer.headline, answer.headline
        assert any("no separate indoor" in n for n in answer.notes), answer.notes
