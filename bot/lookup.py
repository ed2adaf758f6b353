"""Slash-command options -> the question the engine answers, so every command shares the engine's
understanding and wording. Discord-free; the cogs only pass option values through.

Autocomplete values are codes (series id, event code, IOC code) or names; free text typed by the user is
passed on as written, so the engine still reads misspellings.
"""
from __future__ import annotations

import datetime as dt
import re

from bot import events as ev
from bot.ask import lexicon as lx
from bot.ask.catalogue import Catalogue

SEX_WORDS = {"M": "men's", "W": "women's"}
ROUND_WORDS = {"F": "final", "SF": "semi final", "H": "heats", "Q": "qualification"}
SCOPES = ("world", "area", "national", "olympic")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


def nation_word(code_or_text: str | None) -> str:
    """'GBR' -> 'british' (a word the engine reads); anything else unchanged."""
    text = (code_or_text or "").strip()
    code = text.upper()
    for word, c in lx.NATIONS.items():
        if c == code:
            return word
    for words, area in lx.AREAS.items():
        if area == code:
            return " ".join(words)
    return text


def meet_words(cat: Catalogue, meet: str) -> str:
    """A series id ('DL-EUGENE') -> a name the engine knows; free text unchanged."""
    meet = (meet or "").strip()
    if meet in cat.series:
        name, _level, aliases = cat.series[meet]
        return aliases[0] if aliases else name
    return meet


def event_words(event: str) -> str:
    """An event code ('3000mSC') -> its name ('3000 m steeplechase'); free text unchanged."""
    event = (event or "").strip()
    return ev.EVENTS[event].name.lower() if event in ev.EVENTS else event


def _join(*parts: object) -> str:
    return " ".join(str(p).strip() for p in parts if p not in (None, "") and str(p).strip())


def results_question(cat: Catalogue, meet: str, year: int, event: str, sex: str | None = None,
                     round: str | None = None) -> str:
    return _join("results", meet_words(cat, meet), year, SEX_WORDS.get(sex or "", ""), event_words(event),
                 ROUND_WORDS.get(round or "", round or ""))


def record_question(event: str, sex: str | None = None, scope: str | None = None, country: str | None = None,
                    indoor: bool = False) -> str:
    where = ""
    if country:
        where = nation_word(country)
    elif scope in ("world", "olympic"):
        where = scope
    elif scope in (None, ""):
        where = "world"
    return _join(where, "indoor" if indoor else "", "record", SEX_WORDS.get(sex or "", ""), event_words(event))


def progression_question(event: str, sex: str | None = None, scope: str | None = None,
                         country: str | None = None) -> str:
    where = nation_word(country) if country else (scope if scope in ("world", "olympic") else "world")
    return _join(where, "record progression", SEX_WORDS.get(sex or "", ""), event_words(event))


def athlete_question(name: str) -> str:
    return _join("who is", name)


def h2h_question(first: str, second: str) -> str:
    return f"{first.strip()} vs {second.strip()}"


def convert_question(mark: str, event: str, to: str | None = None) -> str:
    return _join("convert", mark, event_words(event), "to" if to else "", event_words(to) if to else "")


class BadDate(ValueError):
    pass


def parse_day(text: str | None, today: dt.date) -> tuple[int, int]:
    """'7 July', 'July 7', '07-07', '2024-07-07', '7/7' (day/month) or empty for today -> (month, day)."""
    text = (text or "").strip().lower()
    if not text or text == "today":
        return today.month, today.day
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        month, day = int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})", text):
        a, b = int(m[1]), int(m[2])
        month, day = (a, b) if "-" in text else (b, a)   # ISO-ish 07-07 is month-day; 7/7 reads day/month
    else:
        words = re.findall(r"[a-z]+|\d+", text)
        named = next((i + 1 for w in words for i, name in enumerate(MONTHS) if len(w) >= 3 and name.startswith(w)),
                     None)
        days = [int(w) for w in words if w.isdigit()]
        if named is None or len(days) != 1:
            raise BadDate(f"I could not read “{text}” as a day: try “7 July” or “07-07”.")
        month, day = named, days[0]
    try:
        dt.date(2024, month, day)   # a leap year, so 29 February is a day
    except ValueError:
        raise BadDate(f"“{text}” is not a day of the year.") from None
    return month, day


def on_this_day_question(text: str | None, today: dt.date) -> str:
    month, day = parse_day(text, today)
    return f"on this day {MONTHS[month - 1]} {day}"


def rerun_question(query: str, unclear: str | None, choice: str) -> str:
    """The question to ask when a "did you mean" choice is clicked.

    Choices are either whole questions ("Josh Kerr vs Jakob Ingebrigtsen", "who is Josh Kerr", the examples)
    or an athlete described as "Name (NAT, year)": that name replaces the unclear words (the engine gives them
    as entities["unclear"], e.g. "kerr"), keeping the rest of the question ("kerr 1500 pb")."""
    m = re.fullmatch(r"(.+?) \(([A-Z]{3})?(?:, )?(\d{4})?\)", choice.strip())
    if not m:
        return choice
    name = m[1]
    if unclear:
        words = [w for w in re.split(r"\W+", unclear) if w]
        pattern = r"\W+".join(re.escape(w) for w in words)
        if pattern and re.search(pattern, query, flags=re.IGNORECASE):
            return re.sub(pattern, lambda _m: name, query, count=1, flags=re.IGNORECASE)
    return athlete_question(name)
