"""Venues shown as places (issue 14, pattern 7): bot/common/places.py on the sources' venue texts, every venue
of the database, and the words of an anniversary post and a record answer."""
from __future__ import annotations

import dataclasses
import re

import pytest

from bot.anniversaries.story import headline
from bot.common import names
from bot.common.countries import COUNTRIES
from bot.common.places import place, where
from tests.anniversaries.stories import fake_story


@pytest.mark.parametrize("venue, country, shown", [
    ("Stadio Olimpico, Roma", "ITA", "Stadio Olimpico, Roma"),
    ("Hayward Field, Eugene, OR", "USA", "Hayward Field, Eugene"),                   # a state code
    ("Hayward Field, Eugene, OR (USA)", None, "Hayward Field, Eugene"),              # the toplists' suffix
    ("Armory Track&Field Center, New York, NY (USA) (i)", "USA", "Armory Track&Field Center, New York"),
    ("PA", "USA", "the United States"),                                               # only a state code
    ("NY", "USA", "the United States"),
    ("United States", None, "the United States"),                                     # only a country name
    ("London, United Kingdom", "GBR", "London"),
    ("Cambridge, Massachusetts, United States", "USA", "Cambridge, Massachusetts"),
    ("Adi-Dassler-Straße 1, Herzogenaurach", "GER", "Herzogenaurach"),                # a street address
    ("Maria-Theresien-Straße, Innsbruck", "AUT", "Maria-Theresien-Straße, Innsbruck"),  # a street, no number
    ("Stade du 26 Mars, Bamako", "MLI", "Stade du 26 Mars, Bamako"),
    ("CHN", "CHN", "China"),
    ("Roma", None, "Roma"),
    (None, None, None),
    (None, "NED", "the Netherlands"),
])
def test_place(venue, country, shown):
    assert place(venue, country) == shown


def test_where_adds_the_country_code_unless_the_place_is_the_country():
    assert where("Hayward Field, Eugene, OR", "USA") == "Hayward Field, Eugene (USA)"
    assert where("PA", "USA") == "the United States"
    assert where(None, None) is None


_COUNTRY_NAMES = {names.fold(n) for _, n in COUNTRIES.values()} | {"united kingdom", "usa"}


def _bad(shown: str | None) -> str | None:
    """Why a place is not one: a state code, a country's bare name or code, a street address."""
    if shown is None:
        return None
    for part in shown.split(", "):
        if re.fullmatch(r"[A-Z]{2}", part) or part in COUNTRIES:
            return "a state or country code"
        if re.search(r"(stra(ss|ß)e|street|road|avenue)\s+\d+[a-z]?$", part, re.IGNORECASE):
            return "a street address"
    if names.fold(shown) in _COUNTRY_NAMES and not shown.startswith("the ") and \
            any(n.startswith("United") or n == "Netherlands" for _, n in COUNTRIES.values() if names.fold(n) ==
                names.fold(shown)):
        return "a country name without 'the'"
    return None


def test_every_venue_on_file_is_shown_as_a_place(db):
    venues = db.execute("SELECT venue, country FROM races UNION SELECT venue, country FROM records "
                        "UNION SELECT venue, country FROM competitions").fetchall()
    assert len(venues) > 1000
    wrong = [(v, c, place(v, c), _bad(place(v, c))) for v, c in venues if _bad(place(v, c))]
    assert not wrong
    # the texts issue 14 found in posts are on file, and none of them is shown as it is written
    raw = {v for v, _ in venues}
    assert {"PA", "United States", "Adi-Dassler-Straße 1, Herzogenaurach"} <= raw


def test_an_anniversary_post_names_a_place(db):
    pa, country = db.execute("SELECT venue, country FROM records WHERE venue = 'PA'").fetchone()
    s = dataclasses.replace(fake_story(), venue=pa, country=country)
    assert " in the United States:" in headline(s) and " in PA" not in headline(s)
    street, country = db.execute("SELECT venue, country FROM records WHERE venue LIKE 'Adi-Dassler-Straße 1%'"
                                 ).fetchone()
    s = dataclasses.replace(fake_story(), venue=street, country=country)
    assert " in Herzogenaurach:" in headline(s)


def test_a_record_answer_names_a_place(engine):
    answer = engine.answer_now("men's road mile world record")
    assert answer.intent == "record" and "Straße 1" not in answer.headline and "Herzogenaurach" in answer.headline
