"""Autocomplete core: fast, at most 25 choices, names at most 100 characters, the famous first."""
from __future__ import annotations

import time

import pytest

from bot.ask.complete import completer


@pytest.fixture(scope="module")
def complete(engine):
    return completer(engine)


def limits(choices):
    assert len(choices) <= 25
    assert all(0 < len(n) <= 100 and 0 < len(v) <= 100 for n, v in choices)
    return choices


@pytest.mark.parametrize("typed, first", [("kerr", "Josh Kerr"), ("josh k", "Josh Kerr"),
                                          ("ingebrigsten", "Jakob Ingebrigtsen"), ("el guer", "Hicham El Guerrouj"),
                                          ("duplantis", "Armand Duplantis")])
def test_athletes(complete, engine, typed, first):
    label, value = limits(complete.athletes_for(typed))[0]
    assert label.startswith(first + " (")
    # the value is the athlete's id, which the athlete option reads back exactly
    assert value.startswith("#") and engine.people.people[int(value[1:])].name == first


def test_athletes_are_fast_for_every_prefix_length(complete):
    for typed in ["", "a", "ma", "mar", "kerr", "kipyegn", "x" * 200, "zzzzqq", "é"]:
        start = time.perf_counter()
        limits(complete.athletes_for(typed))
        assert (time.perf_counter() - start) < 0.005 * 4, typed   # 5 ms budget, slack for slow CI machines


def test_events_meets_countries(complete):
    assert limits(complete.events_for("steep"))[0] == ("3000 m steeplechase", "3000mSC")
    assert len(limits(complete.events_for(""))) == 25
    assert limits(complete.meets_for("pre"))[0] == ("Prefontaine Classic", "DL-EUGENE")
    assert limits(complete.meets_for("zur"))[0][1] == "DL-ZURICH"
    assert limits(complete.countries_for("brit"))[0] == ("Great Britain (GBR)", "GBR")
    assert limits(complete.countries_for("ken"))[0][1] == "KEN"
    assert limits(complete.countries_for("eur", areas=True))[0][1] == "EUR"
    assert complete.countries_for("eur")[:1] != [("Europe (EUR)", "EUR")]


def test_events_in_the_order_of_their_words(complete):
    # every prefix and every inner part of every event word: the events a word of which starts with the text
    # first, then those a word of which holds it, each in catalogue order (the one string per event searched
    # must find exactly what looking at each word finds)
    words = {w for _code, ws in complete._events for w in ws}
    parts = {w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
    for text in sorted(t for t in parts if t == t.strip()):      # as typed: the ends' spaces are dropped
        starts = [c for c, ws in complete._events if any(w.startswith(text) for w in ws)]
        inside = [c for c, ws in complete._events if c not in starts and any(text in w for w in ws)]
        assert [c for _name, c in complete.events_for(text)] == (starts + inside)[:25], text
