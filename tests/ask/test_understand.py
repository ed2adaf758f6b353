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
    ("women's 5,000m", ["women", "5000m"]),                  # a thousands separator before the unit
    ("cleared 6.05m", ["cleared", "6.05"]),                   # a mark with its unit is the mark
    ("sub-10s by lyles", ["sub", "10s", "by", "lyles"]),
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
    # issue 15, shape 7: barriers however they are phrased
    ("how many times has duplantis cleared 6 metres", dict(threshold="6", events=[])),
    ("sub-10s by lyles", dict(threshold="10")),
    ("how many times has holloway broken 13 seconds", dict(threshold="13")),
    ("how many 90m throws has vetter", dict(threshold="90")),
    ("how many women have thrown over 60m in the javelin", dict(threshold="60", events=["JT"])),
    ("fastest over 400m", dict(threshold=None, events=["400m"])),   # a distance run, no barrier
    ("long jump 2024 olympics", dict(threshold=None, year=2024)),  # "jump 2024" is no mark
    # generated gold: meets, cities and scopes as fans write them
    ("top 3 female 100m hurdles oly in 2008", dict(meet="OG", year=2008)),
    ("podium for the men's 100 at world athletics championships '91", dict(meet="WCH", year=1991)),
    ("who won the 3k steeple la 1984 men", dict(meet="OG", year=1984)),
    ("who won the discus throw at mexico city 1968", dict(meet="OG", nation=None)),
    ("female 10000 saint denis 2003 who won", dict(meet="WCH", year=2003)),
    ("who won oslo diamond league 2021 400m hurdles", dict(meet="DL-OSLO", names=[])),
    ("lj womens zuich dl 2016 winner", dict(meet="DL-ZURICH", names=[])),
    ("who took the 400 hurdles at new york diamond league 2015", dict(meet="DL-NEWYORK", names=[])),
    ("full results paris diamoond league in 2023 women's hj", dict(meet="DL-PARIS", year=2023, names=[])),
    ("pv OR", dict(scope="olympic")),
    ("pv or hj", dict(scope=None)),
    ("who held the south african mens discus record before frantz kruger", dict(region="RSA", scope="national")),
    ("who holds the euro womens metric mile record", dict(region="EUR", scope="area")),
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
    ("how many times has duplantis cleared 6 metres", "count"),
    ("how many men have cleared 6 metres", "threshold"),
    ("how many times have bershawn jackson and cornel fredericks raced", "h2h"),
    ("how many times did paul kipkoech win the worlds", "medal_count"),
    ("anything big happen on jul 20 in track", "on_this_day"),
    ("best women 10000 performers of all time", "all_time"),
    ("show me the whole 10k final from world athletics championships '03", "results"),
    ("the of and", None),
    ("", None),
])
def test_intent(engine, question, intent):
    assert understand(question, engine.vocab, TODAY).intent == intent


@pytest.mark.parametrize("question, meet, scope, indoor, intent", [
    ("what's the world indoor mile record", None, "world", True, "record"),
    ("women's 1500 world indoor record", None, "world", True, "record"),
    ("world indoor championships 60m record", None, "championship", None, "record"),   # the meet says indoors
    ("who's leading the 1500 this year", None, None, None, "world_lead"),
    ("who leads the world in the 800 in 2025", None, None, None, "world_lead"),
])
def test_world_indoor_records_and_world_leads(engine, question, meet, scope, indoor, intent):
    """"world indoor ... record" is the world record indoors, not a record of the World Indoor Championships;
    "leading" / "leads" ask the world lead, never the all-time record."""
    p = understand(question, engine.vocab, TODAY)
    assert (p.meet, p.scope, p.indoor, p.intent) == (meet, scope, indoor, intent), (p.meet, p.scope, p.indoor,
                                                                                      p.intent)


@pytest.mark.parametrize("text, tokens", [
    ("who is #1 all time", ["who", "is", "1st", "all", "time"]),
    ("# 12 on the list", ["12th", "on", "the", "list"]),
])
def test_a_hash_number_is_a_rank(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize("question, scope", [
    ("what current wrs were set on 14 august", "world"),
    ("kenyan nrs in the 800", "national"),
])
def test_plural_record_abbreviations(engine, question, scope):
    p = understand(question, engine.vocab, TODAY)
    assert "record" in p.cues and p.scope == scope, (p.cues, p.scope)


@pytest.mark.parametrize("question, meet", [
    ("olso dream mile 2015 winner?", "DL-OSLO"),
    ("doah 2023 800", "DL-DOHA"),
])
def test_a_four_letter_city_with_two_letters_swapped(engine, question, meet):
    p = understand(question, engine.vocab, TODAY)
    assert p.meet == meet and p.intent in ("winner", "results"), (p.meet, p.intent)
