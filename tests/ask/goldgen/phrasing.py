"""How fans write: words for events, sexes, meets and years, and their typos.

Vocabulary only (what people type), no facts: the facts come from the raw files.
"""
from __future__ import annotations

import random

from tests.ask.goldgen import raw

EVENT_WORDS: dict[str, list[str]] = {
    "60m": ["60m", "60 metres", "60"],
    "100m": ["100m", "100", "100 metres", "100 meters", "100m dash"],
    "200m": ["200m", "200", "200 metres"],
    "400m": ["400m", "400", "400 metres"],
    "800m": ["800m", "800", "800 metres", "800 meters"],
    "1000m": ["1000m", "1000 metres"],
    "1500m": ["1500m", "1500", "1500 metres", "metric mile"],
    "mile": ["mile", "1 mile", "one mile"],
    "2000m": ["2000m"],
    "3000m": ["3000m", "3000", "3k"],
    "2miles": ["two mile", "2 miles"],
    "5000m": ["5000m", "5000", "5k", "5,000m"],
    "10000m": ["10000m", "10,000m", "10k", "10000"],
    "100mH": ["100m hurdles", "100mh", "100 hurdles"],
    "110mH": ["110m hurdles", "110mh", "110 hurdles"],
    "400mH": ["400m hurdles", "400mh", "400 hurdles", "400h"],
    "3000mSC": ["steeplechase", "steeple", "3000m steeplechase", "3k steeple"],
    "HJ": ["high jump", "hj"],
    "PV": ["pole vault", "pv", "vault"],
    "LJ": ["long jump", "lj"],
    "TJ": ["triple jump", "tj"],
    "SP": ["shot put", "shot"],
    "DT": ["discus", "discus throw"],
    "HT": ["hammer", "hammer throw"],
    "JT": ["javelin", "jav", "javelin throw"],
    "DEC": ["decathlon"],
    "HEP": ["heptathlon"],
    "MAR": ["marathon"],
    "HM": ["half marathon", "half"],
}
ABBREVIATED = {"hj", "pv", "lj", "tj", "jav", "3k", "5k", "10k", "100mh", "110mh", "400mh", "400h", "steeple",
               "3k steeple", "half"}

WOMEN = ["women's", "womens", "women", "ladies", "female"]
MEN = ["men's", "mens", "men", ""]

ORDINALS = {1: ["1st", "first"], 2: ["2nd", "second", "runner up in"], 3: ["3rd", "third"], 4: ["4th", "fourth"],
            5: ["5th", "fifth"], 6: ["6th", "sixth"], 7: ["7th", "seventh"], 8: ["8th", "eighth"]}

# meet code -> how fans name it (no bare city where another meet shares it: Eugene, Doha, Paris, London, Rome
# also hosted championships)
MEET_WORDS: dict[str, list[str]] = {
    "OG": ["olympics", "olympic games", "the olympics", "oly", "olympic"],
    "WCH": ["world champs", "worlds", "world championships", "wch", "world athletics championships"],
    "DL-EUGENE": ["pre", "prefontaine", "pre classic", "prefontaine classic"],
    "DL-OSLO": ["bislett", "bislett games", "oslo dl", "oslo diamond league"],
    "DL-ZURICH": ["weltklasse", "zurich", "weltklasse zurich", "zurich dl"],
    "DL-ROME": ["golden gala", "rome dl", "rome diamond league"],
    "DL-PARIS": ["meeting de paris", "paris dl", "paris diamond league"],
    "DL-BRUSSELS": ["van damme", "memorial van damme", "brussels", "brussels dl"],
    "DL-LONDON": ["london dl", "anniversary games", "london diamond league"],
    "DL-STOCKHOLM": ["stockholm", "bauhaus galan", "stockholm dl"],
    "DL-DOHA": ["doha dl", "doha diamond league"],
    "DL-SHANGHAI": ["shanghai", "shanghai dl"],
    "DL-NEWYORK": ["new york dl", "new york diamond league", "adidas grand prix"],
    "DL-LAUSANNE": ["athletissima", "lausanne", "lausanne dl"],
    "DL-BIRMINGHAM": ["birmingham dl", "birmingham grand prix"],
    "DL-MONACO": ["monaco", "herculis", "monaco dl"],
    "DL-RABAT": ["rabat", "rabat dl"],
}
ABBREVIATED_MEETS = {"pre", "oly", "wch", "worlds", "oslo dl", "zurich dl", "rome dl", "paris dl", "brussels dl",
                     "london dl", "stockholm dl", "doha dl", "shanghai dl", "new york dl", "lausanne dl",
                     "birmingham dl", "monaco dl", "rabat dl"}
SLANG_MEETS = {"pre", "worlds", "world champs", "oly"}

# English names of host cities the files spell in their own language
EXONYMS = {"Roma": "rome", "Athína": "athens", "Sevilla": "seville", "Göteborg": "gothenburg", "Moskva": "moscow",
           "Rio de Janeiro": "rio", "Los Angeles": "la", "Ciudad de México": "mexico city", "Mexico": "mexico city",
           "München": "munich", "Munich": "munich", "Montréal": "montreal", "Montreal": "montreal"}

NATION_WORDS: dict[str, list[str]] = {
    "GBR": ["british", "uk", "gb"], "USA": ["american", "us", "usa"], "KEN": ["kenyan"], "ETH": ["ethiopian"],
    "JAM": ["jamaican"], "NOR": ["norwegian"], "AUS": ["australian", "aussie"], "CAN": ["canadian"],
    "GER": ["german"], "FRA": ["french"], "ITA": ["italian"], "ESP": ["spanish"], "NED": ["dutch"],
    "JPN": ["japanese"], "CHN": ["chinese"], "SWE": ["swedish"], "IRL": ["irish"], "NZL": ["new zealand", "kiwi"],
    "RSA": ["south african"], "POL": ["polish"], "UGA": ["ugandan"], "MAR": ["moroccan"], "BEL": ["belgian"],
    "SUI": ["swiss"], "POR": ["portuguese"], "BRA": ["brazilian"], "CUB": ["cuban"], "FIN": ["finnish"],
    "DEN": ["danish"], "GRE": ["greek"], "TUR": ["turkish"], "IND": ["indian"], "QAT": ["qatari"],
    "BAH": ["bahamian"], "BOT": ["botswana"], "NGR": ["nigerian"], "UKR": ["ukrainian"], "CZE": ["czech"],
    "HUN": ["hungarian"], "AUT": ["austrian"], "MEX": ["mexican"], "ALG": ["algerian"], "BRN": ["bahraini"],
}
AREA_WORDS = {"european": ["european", "euro"], "african": ["african"], "asian": ["asian"],
              "oceanian": ["oceania", "oceanian"], "nacac": ["north american", "nacac"],
              "south_american": ["south american"]}
AREA_REGION = {"european": "EUR", "african": "AFR", "asian": "ASI", "oceanian": "OCE"}


def event_word(rng: random.Random, event: str) -> tuple[str, bool]:
    word = rng.choice(EVENT_WORDS[event])
    return word, word in ABBREVIATED


def sex_word(rng: random.Random, sex: str) -> str:
    return rng.choice(WOMEN) if sex == "W" else rng.choice(MEN)


def year_word(rng: random.Random, year: int) -> tuple[str, bool]:
    choice = rng.random()
    if choice < 0.2:
        return f"'{year % 100:02d}", True
    if choice < 0.3:
        return f"in {year}", False
    return str(year), False


def city_word(city: str) -> str:
    return EXONYMS.get(city, raw.fold(city))


def typo(rng: random.Random, word: str) -> str:
    """One slip of the finger inside a word of six letters or more: a swap, a dropped or a doubled letter."""
    if len(word) < 6 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.choice(["swap", "drop", "double"])
    if kind == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def clean(text: str) -> str:
    return " ".join(text.split())
