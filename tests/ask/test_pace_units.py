"""Issue 15 (blind test): a mark asked in other units. A time is a pace per km and per mile over its event's
distance ("2:00:35 marathon per km"), a jump or throw is feet and inches ("18.29 m in feet"), with or without
the athlete named. The marks are the world records read from the database; the arithmetic is redone here."""
from __future__ import annotations

import sqlite3

import pytest

from bot.ask.answer import ANSWERED, UNKNOWN
from bot.common import events as ev
from tests.ask.conftest import TODAY  # noqa: F401  (the engine fixture's clock)


def world_record(db_path, code: str, sex: str) -> tuple[str, float, str]:
    """(mark, value, holder) of the current world record, outdoors."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT rec.mark, rec.mark_value, a.name FROM records rec JOIN events e ON "
                            "e.id = rec.event_id JOIN athletes a ON a.id = rec.athlete_id WHERE e.code = ? AND "
                            "e.sex = ? AND rec.kind = 'world' AND rec.region = 'WORLD' AND rec.current = 1 AND "
                            "rec.indoor = 0 ORDER BY rec.date DESC LIMIT 1", (code, sex)).fetchone()
    finally:
        conn.close()


def clock(seconds: float) -> str:
    tenths = round(seconds * 10)
    m, s = divmod(tenths, 600)
    return f"{m}:{s // 10:02d}.{s % 10}" if m else f"{s // 10}.{s % 10}"


def pace(value: float, code: str, per_m: float) -> str:
    return clock(value * per_m / ev.get(code).distance_m)


def feet(metres: float) -> str:
    inches = metres / 0.0254
    ft, rest = divmod(inches, 12)
    return f"{int(ft)} ft {rest:.2f} in"


@pytest.mark.parametrize(("code", "sex", "template", "units"), [
    ("MAR", "M", "{mark} marathon per km and per mile", ("km", "mile")),
    ("MAR", "W", "{mark} women's marathon per km", ("km",)),
    ("10000m", "W", "{mark} 10000m pace", ("km", "mile")),
    ("5000m", "M", "{mark} 5000 per mile", ("mile",)),
    ("1500m", "W", "{mark} 1500 km pace", ("km",)),
    ("MAR", "M", "{mark} whats that per km", ("km",)),          # the event from the mark
    ("MAR", "M", "{holder} {mark} whats that per km and per mile", ("km", "mile")),   # the athlete named
])
def test_a_time_as_a_pace(engine, db_path, code, sex, template, units):
    mark, value, holder = world_record(db_path, code, sex)
    answer = engine.answer_now(template.format(mark=mark, holder=holder))
    assert answer.status == ANSWERED and answer.intent == "convert", answer.headline
    for unit in units:
        assert f"{pace(value, code, 1000.0 if unit == 'km' else 1609.344)} per {unit}" in answer.headline
    assert ("per mile" in answer.headline) == ("mile" in units)


@pytest.mark.parametrize(("code", "sex", "template"), [
    ("TJ", "M", "{mark} m in feet"),
    ("TJ", "M", "{holder} {mark} in feet"),
    ("LJ", "M", "{mark} long jump in feet and inches"),
    ("HJ", "W", "{mark} women's high jump in feet"),
    ("SP", "M", "{mark} shot put in ft"),
])
def test_a_field_mark_in_feet(engine, db_path, code, sex, template):
    mark, value, holder = world_record(db_path, code, sex)
    answer = engine.answer_now(template.format(mark=mark, holder=holder))
    assert answer.status == ANSWERED and answer.intent == "convert", answer.headline
    assert feet(value) in answer.headline


def test_a_time_is_not_feet_nor_a_jump_a_pace(engine, db_path):
    mark, _, _ = world_record(db_path, "MAR", "M")
    assert engine.answer_now(f"{mark} marathon in feet").status == UNKNOWN
    jump, _, _ = world_record(db_path, "LJ", "M")
    answer = engine.answer_now(f"{jump} long jump per km")
    assert answer.status == UNKNOWN and "distance" in answer.headline
