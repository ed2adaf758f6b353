"""Issue 15 (blind test #13 misses, measured at ca02fd3): the rest of the question settles what a word means.

- "has X beaten Y" with two athletes is their head-to-head (it asked "which Kerr" though Jakob settles it);
- "at championships" scopes a head-to-head to the global championships instead of being dropped;
- a possessive written without its apostrophe ("jakobs") that is also an obscure family name reads as the star;
- a quote asked at a meeting or in a year that no quote of the speaker fits is declined, the quote on file
  offered, never given as the answer;
- a record of a named athlete that was beaten twice since names today's record too.
Expected values come from the raw files (tests/ask/raw.py) or from the same engine asked the plain way."""
from __future__ import annotations

import re

import pytest

from bot.ask.answer import AMBIGUOUS, ANSWERED, UNKNOWN
from tests.ask import raw
from tests.conftest import needs_shared


@pytest.mark.parametrize("beaten,plain", [
    ("how many times has kerr beaten jakob", "kerr vs jakob"),
    ("has lyles ever beaten tebogo", "lyles vs tebogo"),
    ("how often has warholm beaten benjamin", "warholm vs benjamin"),
    ("did duplantis beat kendricks in 2023", "duplantis vs kendricks 2023"),
])
def test_has_x_beaten_y_is_their_head_to_head(engine, beaten, plain):
    got, want = engine.answer_now(beaten), engine.answer_now(plain)
    assert want.status == ANSWERED and want.intent == "h2h", want.headline
    assert got.status == ANSWERED and got.intent == "h2h", (got.status, got.headline)
    assert got.headline == want.headline


GLOBAL = ("Olympic Games", "World Championships", "World Indoor Championships")


@pytest.mark.parametrize("question,plain", [
    ("kerr vs jakob at championships", "kerr vs jakob"),
    ("lyles vs tebogo at the global championships", "lyles vs tebogo"),
    ("how many times has kerr beaten jakob in major championship finals", "kerr vs jakob in finals"),
])
def test_championships_scope_a_head_to_head(engine, question, plain):
    got, wider = engine.answer_now(question), engine.answer_now(plain)
    assert got.status == ANSWERED and got.intent == "h2h", (got.status, got.headline)
    assert "at the Olympic Games, World Championships and World Indoor Championships" in got.headline
    assert got.rows and all(any(g in (r.competition or "") for g in GLOBAL) for r in got.rows), got.rows
    # exactly the races of the wider answer held at those championships
    assert sorted((r.date, r.event) for r in got.rows) == sorted(
        (r.date, r.event) for r in wider.rows if any(g in (r.competition or "") for g in GLOBAL))
    assert len(got.rows) < len(wider.rows)


def test_a_dl_head_to_head_is_not_turned_into_championships(engine):
    got = engine.answer_now("kerr vs jakob in the diamond league")
    assert "Diamond League meetings" in got.headline
    assert not any(g in (r.competition or "") for r in got.rows for g in GLOBAL)


@pytest.mark.parametrize("question,star,namesake", [
    ("jakobs 1500 pb", "Jakob Ingebrigtsen", None),     # Marco Jakobs has no 1500 m mark: not offered
    ("jakobs pb", "Jakob Ingebrigtsen", "Marco Jakobs"),
    ("franks 100 pb", "Frank Fredericks", "Michael Franks"),
    ("griffiths 100m pb", "Florence Griffith Joyner", None),
])
def test_a_possessive_without_apostrophe_reads_as_the_star(engine, question, star, namesake):
    got = engine.answer_now(question)
    assert got.status == ANSWERED, got.headline
    assert got.headline.startswith(star), got.headline
    if namesake:   # the exact namesake is offered, and said to be passed over
        assert any(namesake in n for n in got.notes), got.notes
        assert any(namesake in s for s in got.suggestions), got.suggestions


@pytest.mark.parametrize("question,who", [
    ("jakobs discus pb", "Marco Jakobs"),     # the event only the namesake marked settles it the other way
    ("watts pb", "Quincy Watts"),             # Mitchell Watt is no star far above Quincy Watts
    ("watts 400m pb", "Quincy Watts"),
])
def test_an_exact_namesake_keeps_the_word_when_the_evidence_or_fame_says_so(engine, question, who):
    got = engine.answer_now(question)
    assert got.status == ANSWERED and got.headline.startswith(who), got.headline


@needs_shared()
def test_a_quote_at_another_occasion_is_declined_with_the_quote_on_file(engine):
    plain = engine.answer_now("what did kerr say about jakob")
    assert plain.status == ANSWERED and plain.intent == "quote"
    quote = plain.headline.split("“", 1)[1].split("”", 1)[0]
    assert quote in raw.ARTICLE.read_text(encoding="utf-8")
    for question, occasion in [("what did kerr say after beating jakob at the prefontaine classic",
                                "at the Prefontaine Classic"),
                               ("what did kerr say after winning in paris", "in Paris"),
                               ("what did kerr say in 2019", "in 2019")]:
        got = engine.answer_now(question)
        assert got.status == UNKNOWN and got.intent == "quote", (question, got.status, got.headline)
        assert f"I have no quote from Josh Kerr {occasion}" in got.headline
        assert quote in got.headline   # the one on file is offered, as what it is
    # the year the article gives for Kerr's words ("… Podcast' in November 2023") fits: answered, with the
    # occasion it was said at
    text = raw.ARTICLE.read_text(encoding="utf-8")
    said = text[:text.index(quote)]
    year = re.findall(r"\b20\d\d\b", said[said.rindex("Podcast"):])[0]
    got = engine.answer_now(f"what did kerr say in {year}")
    assert got.status == ANSWERED and quote in got.headline
    assert any(n.startswith("Said: ") and "Podcast" in n for n in got.notes), got.notes


@needs_shared()
@pytest.mark.parametrize("question,toplist,lower", [
    ("gidey 5000 world record", "female/5000-metres.csv.gz", True),
    ("kipyegon 5000m wr", "female/5000-metres.csv.gz", True),
    ("bannister mile record", "male/one-mile.csv.gz", True),
    ("when did coe set the 800 record", "male/800-metres.csv.gz", True),
])
def test_a_record_beaten_twice_since_names_todays_record(engine, question, toplist, lower):
    rows = [r for r in raw.toplist(toplist) if not r["indoor"]]
    best = min(rows, key=lambda r: r["value"]) if lower else max(rows, key=lambda r: r["value"])
    got = engine.answer_now(question)
    assert got.status == ANSWERED and got.intent == "record", got.headline
    assert "The record now: " in got.headline, got.headline
    now = got.headline.split("The record now: ", 1)[1]
    assert best["mark"] in now and raw.iso(best["date"]) == best["iso"]
    family = best["competitor"].split()[-1].title()
    assert family.split("-")[0] in now, (now, best["competitor"])


def test_a_record_beaten_once_names_no_extra_record(engine):
    got = engine.answer_now("when did cram set the british mile record")
    assert got.status == ANSWERED and "until Josh Kerr" in got.headline
    assert "The record now" not in got.headline
    kept = engine.answer_now("kipyegon 1500 wr")
    assert "still stands" in kept.headline and "The record now" not in kept.headline


def test_the_old_ambiguity_stays_where_nothing_settles_it(engine):
    got = engine.answer_now("how many times has kerr won")
    assert got.status == AMBIGUOUS and got.intent != "h2h"   # one name: no head-to-head, and which Kerr is open


@pytest.mark.parametrize("question", [
    "what shoes was kiptum wearing in chicago",
    "how tall is thompson",
    "who coaches the alekna who throws the discus",
])
def test_an_attribute_no_source_holds_is_declined_before_asking_which_athlete(engine, question):
    got = engine.answer_now(question)
    assert got.status == UNKNOWN and got.headline.startswith("I have no "), (got.status, got.headline)
    assert "in my data" in got.headline


@needs_shared()
@pytest.mark.parametrize("question,path,given,family,year", [
    ("alekna discus pb, the one who won the 2024 olympic silver", "male/discus-throw.csv.gz", "Mykolas", "Alekna",
     "2024"),
    ("kerr 1500 pb - the one who won the 2023 worlds", "male/1500-metres.csv.gz", "Josh", "Kerr", "2023"),
])
def test_a_clause_describing_the_athlete_settles_who_and_keeps_the_pb(engine, question, path, given, family, year):
    rows = [r for r in raw.named(raw.toplist(path), given, family) if not r["indoor"]]
    best = max(rows, key=lambda r: r["value"]) if "discus" in path else min(rows, key=lambda r: r["value"])
    got = engine.answer_now(question)
    assert got.status == ANSWERED and got.intent == "pb", (got.status, got.headline)
    assert got.headline.startswith(f"{given} {family}") and best["mark"] in got.headline, got.headline
    assert any(n.startswith(f"“{year}” read as describing") for n in got.notes), got.notes


@needs_shared()
@pytest.mark.parametrize("question,name,family", [
    ("who won the rio 2016 men's 200, where did de grasse finish", "200 m Men", "De Grasse"),
    ("who won the women's 100m at the rio olympics and where did fraser-pryce finish", "100 m Women", "Fraser-Pryce"),
    ("who won the 110 hurdles at rio 2016? where did ortega finish", "110 m hurdles Men", "Ortega"),
])
def test_two_questions_in_one_are_both_answered(engine, question, name, family):
    final = raw.rio(name, "FINAL")[0]["result"]
    winner = next(r for r in final if r["rank"] == "1")
    mine = next(r for r in final if r["familyName"] == family)
    got = engine.answer_now(question)
    assert got.status == ANSWERED, got.headline
    first, _, second = got.headline.partition(" won the ")[2].partition(". ")
    assert winner["familyName"].lower() in got.headline.split(" won the ")[0].lower() and winner["performance"] in first
    assert family in second and mine["performance"] in second, got.headline
    assert "2016 Olympic Games" in second   # the same edition as the first answer


def test_the_second_question_keeps_the_edition_the_first_chose(engine):
    got = engine.answer_now("who won the tokyo olympics jav, where did vadlejch finish")
    assert got.status == ANSWERED
    assert got.headline.count("2021 Olympic Games") == 2, got.headline   # not the 2025 Worlds held there too


@pytest.mark.parametrize("question", [
    "who won the 2023 worlds 1500 and what was the time",   # the second part asks nothing of its own
    "kerr and jakob h2h",                                    # no question word opens a second question
    "men and women 100m world records",
])
def test_one_question_with_and_stays_one(engine, question):
    got = engine.answer_now(question)
    assert got.headline.count(". ") <= 1 or got.intent in ("record",), got.headline
    assert not any(n.startswith("Following on from") for n in got.notes), got.notes


@pytest.mark.parametrize("text,parts", [
    ("who won jav at tokyo worlds, where did neeraj finish", ("who won jav at tokyo worlds", "where did neeraj finish")),
    ("paris 4x4 result and was it a wr", ("paris 4x4 result", "was it a wr")),
    ("lyles 100 pb? what about his 200", ("lyles 100 pb", "what about his 200")),
    ("kerr and jakob h2h", None),
    ("who won, kerr?", None),
])
def test_split_question(text, parts):
    from bot.ask.understand import split_question
    assert split_question(text) == parts


@needs_shared()
@pytest.mark.parametrize("question,name", [
    ("mens 400 rio 2016 result and was it a wr", "400 m Men"),
    ("women's 4x400 relay at rio 2016 result, was it a world record", "4 x 400 m Women"),
    ("men's 800 rio 2016 result and was it a wr", "800 m Men"),
])
def test_was_it_a_world_record_is_answered_yes_or_no(engine, question, name):
    final = raw.rio(name, "FINAL")[0]["result"]
    winner = next(r for r in final if r["rank"] == "1")
    was = "WR" in (winner.get("recordFlags") or winner.get("recordflag") or [])
    got = engine.answer_now(question)
    assert got.status == ANSWERED and got.intent == "record", got.headline
    assert winner["performance"] in got.headline
    assert ("Yes: " if was else "No: the ") in got.headline, got.headline


@needs_shared()
@pytest.mark.parametrize("question,path,given,family", [
    ("amusan 100mh world record - in the final?", "female/100-metres-hurdles.csv.gz", "Tobi", "Amusan"),
    ("van niekerk 400 wr", "male/400-metres.csv.gz", "Wayde", "van Niekerk"),
])
def test_a_record_set_in_a_heat_or_semi_says_so(engine, question, path, given, family):
    import re as _re
    rows = raw.named(raw.toplist(path), given, family)
    best = min(rows, key=lambda r: r["value"])
    m = _re.fullmatch(r"\d+(sf|h|q)(\d+)", best["position"])
    got = engine.answer_now(question)
    assert got.status == ANSWERED and got.intent == "record" and best["mark"] in got.headline, got.headline
    if m:   # raw "1sf1": the record came in semi-final 1
        word = {"sf": "semi-final", "h": "heat", "q": "qualifying group"}[m.group(1)]
        assert f", in {word} {m.group(2)} on " in got.headline, got.headline
    else:   # a final: no round said
        assert not _re.search(r", in (semi-final|heat|qualifying)", got.headline), got.headline


def _wc_titles(family: str, distance: str, last_year: int) -> int:
    """World Championships finals won, from the raw finals file (1983-2013; its championship_number 1 is 1983,
    2 is 1987, then every two years from 1991)."""
    import csv

    from tests.conftest import SHARED
    year = {1: 1983, 2: 1987} | {n: 1991 + 2 * (n - 3) for n in range(3, 15)}
    with open(SHARED / "wc-track-finals-1983-2013" / "IAAF_Results.csv", encoding="utf-8") as f:
        return sum(1 for r in csv.DictReader(f) if r["athlete_last_name"] == family and r["distance"] == distance
                   and r["place"] == "1" and year[int(r["championship_number"])] <= last_year)


@needs_shared()
@pytest.mark.parametrize("question,distance,last", [
    ("bolt world 200 titles up to 2011", "200", 2011),
    ("bolt world 100 titles through 2011", "100", 2011),
    ("how many world 200 titles did bolt win up to 2013", "200", 2013),
])
def test_world_titles_up_to_a_year(engine, question, distance, last):
    want = _wc_titles("Bolt", distance, last)
    got = engine.answer_now(question)
    assert got.status == ANSWERED and got.intent == "medal_count", got.headline
    assert f"has {want} World Championships gold medal" in got.headline, (want, got.headline)
    assert f"before {last + 1}" in got.headline


@pytest.mark.parametrize("question", ["who's number 2 all time in the 400", "who's no.2 all time in the 400",
                                      "who is no 2 ever in the 400"])
def test_number_n_on_a_list_is_the_place(engine, question):
    want = engine.answer_now("who is #2 all time in the 400")
    got = engine.answer_now(question)
    assert want.status == ANSWERED and want.headline.startswith("2nd on the all-time")
    assert got.status == ANSWERED and got.headline == want.headline, got.headline


def test_number_of_is_still_a_count(engine):
    got = engine.answer_now("number of sub 10s by lyles")
    assert got.status == ANSWERED and got.intent == "count", got.headline


@needs_shared()
@pytest.mark.parametrize("question,a,b", [
    ("were de grasse and duplantis born on the same day?", ("male/200-metres.csv.gz", "Andre", "De Grasse"),
     ("male/pole-vault.csv.gz", "Armand", "Duplantis")),
    ("usain bolt and noah lyles birthdays", ("male/200-metres.csv.gz", "Usain", "Bolt"),
     ("male/200-metres.csv.gz", "Noah", "Lyles")),
])
def test_two_athletes_birthdays_are_both_said(engine, question, a, b):
    dobs = []
    for path, given, family in (a, b):
        rows = raw.named(raw.toplist(path), given, family)
        dobs.append({r["dob"][:10] for r in rows if r.get("dob")}.pop())
    got = engine.answer_now(question)
    assert got.status == ANSWERED and got.intent == "profile", got.headline
    from bot.ask.catalogue import fmt_date
    for dob in dobs:
        assert fmt_date(dob) in got.headline, (dob, got.headline)
    same = dobs[0][5:] == dobs[1][5:]
    assert ("The same day of the year." if same else "Not the same day of the year.") in got.headline


def _clock(seconds: float) -> str:
    tenths = round(seconds * 10)
    minutes, rest = divmod(tenths, 600)
    return f"{minutes}:{rest // 10:02d}.{rest % 10}" if minutes else f"{rest // 10}.{rest % 10}"


@needs_shared()
@pytest.mark.parametrize("question,path,metres,unit", [
    ("marathon world record pace per km", "male/marathon.csv.gz", 42195.0, "km"),
    ("mens mile wr pace per km", "male/one-mile.csv.gz", 1609.344, "km"),
    ("womens 5000m world record pace per mile", "female/5000-metres.csv.gz", 5000.0, "mile"),
])
def test_the_pace_of_a_record(engine, question, path, metres, unit):
    best = min((r for r in raw.toplist(path) if not r["indoor"]), key=lambda r: r["value"])
    per = 1000.0 if unit == "km" else 1609.344
    got = engine.answer_now(question)
    assert got.status == ANSWERED and got.intent == "record", got.headline
    assert f"{best['mark']} is {_clock(best['value'] * per / metres)} per {unit}" in got.headline, got.headline


def test_feet_of_a_record_and_no_pace_of_a_throw(engine):
    got = engine.answer_now("mens long jump world record in feet")
    assert got.status == ANSWERED and " ft " in got.headline and " in." in got.headline, got.headline
    nope = engine.answer_now("shot put world record pace per km")
    assert nope.status == ANSWERED and "I can give a pace only for a time" in nope.headline, nope.headline


def test_not_a_name_rules_that_athlete_out(engine):
    got = engine.answer_now("thompson 100m pb, the jamaican man not elaine")
    assert got.status == ANSWERED and got.headline.startswith("Kishane Thompson"), got.headline
    assert not any("Elaine" in s for s in got.suggestions)


def test_not_a_meeting_and_champs_leave_the_championship_named(engine):
    got = engine.answer_now("who won the 1500 at the 2022 worlds (the champs, not pre)")
    want = engine.answer_now("who won the 1500 at the 2022 worlds")
    assert got.status == ANSWERED and got.headline == want.headline, got.headline


@needs_shared()
def test_an_average_lap_of_a_record(engine):
    best = min((r for r in raw.toplist("female/10000-metres.csv.gz") if not r["indoor"]), key=lambda r: r["value"])
    got = engine.answer_now("womens 10000m world record average lap")
    assert got.status == ANSWERED and f"{best['mark']} is {_clock(best['value'] * 400 / 10000)} per lap" in got.headline


def test_a_record_settles_a_namesake_without_an_event(engine):
    got = engine.answer_now("kiptum wr")
    assert got.status == ANSWERED and got.headline.startswith("Kelvin Kiptum set the men's marathon world record")


@pytest.mark.parametrize("question,plain", [
    ("what was the 2017 worlds 10000 winning time, cannot find it", "what was the 2017 worlds 10000 winning time"),
    ("jamaica 4x100 rio leg order", "jamaica 4x100 rio legs"),
])
def test_asides_and_leg_order_leave_the_question(engine, question, plain):
    got, want = engine.answer_now(question), engine.answer_now(plain)
    assert want.status == ANSWERED and got.status == ANSWERED and got.headline == want.headline, got.headline
