"""Slot filling, one phrase at a time: what the engine reads from a question before it touches athletes."""
from __future__ import annotations

import pytest

from bot.ask.understand import tokenize, understand
from tests.ask.conftest import TODAY


@pytest.mark.parametrize("text, tokens", [
    ("Who won Pre '24 mile?", ["who", "won", "pre", "'24", "mile"]),
    ("women's 10,000 m", ["women", "10000m"]),
    ("3.43.13 or 3:43.13", ["3.43.13", "or", "3:43.13"]),
    ("sub-4 mile", ["sub", "4", "mile"]),
    ("4 x 400 relay", ["4x400", "relay"]),
    ("Sha'Carri Richardson", ["shacarri", "richardson"]),
    ("Kerr's 1500", ["kerr", "1500"]),
    ("Jakob INGEBRIGTSEN 1500m", ["jakob", "ingebrigtsen", "1500m"]),
    ("El Guerrouj – 3:43.13", ["el", "guerrouj", "3:43.13"]),
    ("Åsa Ñúñez", ["asa", "nunez"]),
])
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize("question, expected", [
    ("who won pre 2024 mile", dict(meet="DL-EUGENE", year=2024, events=["mile"])),
    ("bowerman mile 2025", dict(meet="DL-EUGENE", year=2025, events=["mile"])),
    ("who won the mile at pre '24", dict(meet="DL-EUGENE", year=2024)),
    ("tokyo 2020 1500 final", dict(meet="OG", year=2020, round="F", events=["1500m"])),
    ("london 2012 800m", dict(meet="OG", year=2012, events=["800m"])),
    ("rome 1987 100m", dict(meet="WCH", year=1987)),
    ("golden gala 1999 mile", dict(meet="DL-ROME", year=1999)),
    ("athens olympics 1500", dict(meet="OG", meet_by_city="athens")),
    ("women's 800 world record", dict(sex="W", scope="world", events=["800m"])),
    ("british mile record", dict(scope="national", region="GBR", events=["mile"])),
    ("european 1500 record", dict(scope="area", region="EUR")),
    ("world indoor record 1500 men", dict(scope="world", indoor=True, sex="M")),
    ("fastest british 1500 ever", dict(nation="GBR", events=["1500m"])),
    ("who was second at worlds 2023 1500", dict(place=2, meet="WCH", year=2023)),
    ("who got silver in the olympic 100m 2024", dict(place=2, meet="OG")),
    ("top 10 all time mile", dict(limit=10, events=["mile"])),
    ("how many men have broken 3:30 in the 1500", dict(threshold="3:30", sex="M", events=["1500m"])),
    ("how many sub 4 miles has kerr run", dict(threshold="4", events=["mile"])),
    ("what happened on july 7", dict(date=(7, 7))),
    ("records set on 6th of may", dict(date=(5, 6))),
    ("what happened today", dict(date=(TODAY.month, TODAY.day))),
    ("mile wr last year", dict(year=TODAY.year - 1)),
    ("100m hurdles world record", dict(events=["100mH"])),
    ("steeple world record", dict(events=["3000mSC"])),
    ("dec 12 records", dict(date=(12, 12), events=[])),
    ("decathlon world record", dict(events=["DEC"])),
    ("bislet 1985 mile", dict(meet="DL-OSLO", year=1985)),
    ("who won the 10000 at the olimpics 2024", dict(meet="OG", events=["10000m"])),
])
def test_slots(engine, question, expected):
    p = understand(question, engine.vocab, TODAY)
    for key, value in expected.items():
        assert getattr(p, key) == value, (key, getattr(p, key))


@pytest.mark.parametrize("question, intent", [
    ("who won pre 2024 mile", "winner"),
    ("pre 2024 mile results", "results"),
    ("olympic 1500 medallists 2021", "podium"),
    ("kerr 1500 pb", "pb"),
    ("kerr 1500 season best 2024", "sb"),
    ("mile world lead 2025", "world_lead"),
    ("fastest 1500 of 2025", "world_lead"),
    ("fastest women's 800 ever", "all_time"),
    ("mile wr progression", "progression"),
    ("who held the british mile record before kerr", "progression"),
    ("ingebrigtsen vs kerr", "h2h"),
    ("cole hocker v yared nuguse", "h2h"),
    ("3:30 1500 in mile", "convert"),
    ("what did jakob say about kerr", "quote"),
    ("what happened on july 7", "on_this_day"),
    ("how many golds does bolt have", "medal_count"),
    ("how many sub 4 miles has kerr run", "count"),
    ("how many men have broken 3:30 in the 1500", "threshold"),
    ("who is cole hocker", "profile"),
    ("mile world record", "record"),
    ("the of and", None),
    ("", None),
])
def test_intent(engine, question, intent):
    assert understand(question, engine.vocab, TODAY).intent == intent
