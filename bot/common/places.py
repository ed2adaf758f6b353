"""Where something happened, as a fan reads it: a source's venue text turned into a place.

Sources write venues every way: 'Hayward Field, Eugene, OR' (the WA toplists, with a US state code),
'PA' or 'NY' alone (the nimarion record lists keep only the state), 'London, United Kingdom' (a progression
list, with the country's name), 'Adi-Dassler-Straße 1, Herzogenaurach' (a street address). A place keeps the
stadium and the city, and drops a state code, a country name and a street address; with nothing left it is
the country the row names ('the United States'), or nothing.
"""
from __future__ import annotations

import re

from bot.common import names
from bot.common.countries import COUNTRIES, country_name

# Country names as venue texts write them, besides our own (bot/common/countries.py).
_COUNTRY_WORDS = {names.fold(n) for _, n in COUNTRIES.values()} | {
    names.fold(n) for n in ("United Kingdom", "England", "Scotland", "Wales", "USA", "U.S.A.", "Czech Republic",
                            "Soviet Union", "West Germany", "East Germany", "Holland", "Republic of Korea")}
# A two-letter region code after a city: a US state or Canadian province ('Eugene, OR').
_REGION_CODE = re.compile(r"[A-Z]{2}")
# A street with its house number: 'Adi-Dassler-Straße 1', '1 Olympic Way', '400 W Main Street'.
_STREET = re.compile(r"(stra(ss|ß)e|street|\bst\b|road|\brd\b|avenue|\bave\b|\bway\b|weg\b|platz\b|allee\b|"
                     r"\brue\b|\bvia\b|\bcalle\b|gasse\b|boulevard|\bblvd\b|\blane\b|drive\b)", re.IGNORECASE)
_HOUSE_NUMBER = re.compile(r"(^\d+[a-z]?\s)|(\s\d+[a-z]?$)")
# Country names read with "the" ('in the United States', 'in the Netherlands').
_THE = ("United ", "Netherlands", "Bahamas", "Philippines", "Dominican Republic", "Czech Republic", "Gambia",
        "Central African Republic", "Cayman Islands", "Maldives", "Marshall Islands", "Solomon Islands",
        "Comoros", "Seychelles", "British Virgin Islands", "US Virgin Islands", "Cook Islands",
        "Turks and Caicos Islands", "Northern Mariana Islands")


def _kept(part: str) -> bool:
    """Not a region code, a country's name or code, or a street address."""
    if _REGION_CODE.fullmatch(part) or part in COUNTRIES or names.fold(part) in _COUNTRY_WORDS:
        return False
    return not (_HOUSE_NUMBER.search(part) and _STREET.search(part))


def country_words(ioc: str | None) -> str | None:
    """'USA' -> 'the United States', 'KEN' -> 'Kenya'; None for a code we have no name for."""
    return _with_the(country_name(ioc))


def _with_the(name: str | None) -> str | None:
    if name is None:
        return None
    return f"the {name}" if name.startswith(_THE) else name


def place(venue: str | None, country: str | None = None) -> str | None:
    """'Hayward Field, Eugene, OR' -> 'Hayward Field, Eugene'; 'PA' with USA -> 'the United States';
    'Adi-Dassler-Straße 1, Herzogenaurach' -> 'Herzogenaurach'; 'London, United Kingdom' -> 'London'."""
    text = re.sub(r"\s*\((i|[A-Z]{3})\)\s*$", "", (venue or "").strip())
    text = re.sub(r"\s*\((i|[A-Z]{3})\)\s*$", "", text)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    kept = [p for p in parts if _kept(p)]
    if kept:
        return ", ".join(kept)
    named = [country_words(p) if p in COUNTRIES else _with_the(p) for p in parts
             if p in COUNTRIES or names.fold(p) in _COUNTRY_WORDS]
    return country_words(country) or (named[-1] if named else None)


def where(venue: str | None, country: str | None = None) -> str | None:
    """A place with its country code when the place does not already say the country: 'Eugene (USA)'."""
    shown = place(venue, country)
    if shown is None:
        return None
    if country and shown != country_words(country) and country not in shown:
        return f"{shown} ({country})"
    return shown


def in_city(venue: str | None, city_names: tuple[str, ...]) -> bool:
    """Is the venue text in that city, by any of its names as a whole word ('Olympic Stadium, London',
    'Stadio Olimpico, Roma' for ('rome', 'roma'), 'Zürich' for ('zurich',))?"""
    if not venue:
        return False
    text = f" {names.fold(venue).lower()} "
    return any(re.search(rf"(?<![a-z]){re.escape(n)}(?![a-z])", text) for n in city_names)
