"""What the engine keeps in memory about the database: events, series, competitions, sources; and the
Query every intent handler receives (the understood question with its athletes and event resolved).

Also the small formatting rules every answer shares (dates as WA writes them, "the 2024 Prefontaine
Classic", nation adjectives), so each handler words things the same way.
"""
from __future__ import annotations

import collections
import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from bot.ask import lexicon as lx
from bot.ask.answer import AMBIGUOUS, ANSWERED, UNKNOWN, Answer, Row
from bot.ask.coverage import Coverage
from bot.ask.people import Person
from bot.ask.understand import FIRST_YEAR, Parsed, Venue
from bot.common import events as ev
from bot.common import marks as mk
from bot.common import places

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]

# The first word NATIONS lists for a code is its adjective ("british", "kenyan", "american").
NATION_ADJ: dict[str, str] = {}
for _word, _code in lx.NATIONS.items():
    NATION_ADJ.setdefault(_code, " ".join(w.capitalize() for w in _word.split()))
AREA_ADJ = {"EUR": "European", "AFR": "African", "ASI": "Asian", "NAC": "North American",
            "SAM": "South American", "OCE": "Oceanian"}

ROUND_WORDS = {"F": "final", "SF": "semi-final", "H": "heats", "Q": "qualification", "QF": "quarter-finals",
               "RR": "repechage", "PR": "preliminary round"}
# One race of a round, for "3rd in heat 3", "2nd in semi-final 1"
RACE_WORDS = {"F": "final", "SF": "semi-final", "H": "heat", "Q": "qualifying group", "QF": "quarter-final",
              "RR": "repechage", "PR": "preliminary heat", "R1": "preliminary round"}


@dataclass(frozen=True)
class EventRow:
    id: int
    code: str
    sex: str
    name: str
    lower_is_better: bool
    kind: str
    held: str


@dataclass(frozen=True)
class Competition:
    id: int
    series_id: str | None
    year: int
    name: str
    venue: str | None
    country: str | None
    start_date: str | None
    level: str
    indoor: bool


class Catalogue:
    def __init__(self, conn: sqlite3.Connection):
        self.events: dict[tuple[str, str], EventRow] = {}
        self.events_by_id: dict[int, EventRow] = {}
        for row in conn.execute("SELECT id, code, sex, name, lower_is_better, kind, held FROM events"):
            e = EventRow(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6])
            self.events[(e.code, e.sex)] = e
            self.events_by_id[e.id] = e
        self.series: dict[str, tuple[str, str, list[str]]] = {}
        for sid, name, level, aliases in conn.execute("SELECT id, name, level, aliases FROM series"):
            self.series[sid] = (name, level, [a for a in aliases.split("|") if a])
        self.competitions: dict[tuple[str, int], list[Competition]] = {}
        self.competitions_by_id: dict[int, Competition] = {}
        for cid, series_id, year, name, venue, country, start, level, indoor in conn.execute(
                "SELECT id, series_id, year, name, venue, country, start_date, level, indoor FROM competitions"):
            c = Competition(cid, series_id, year, name, venue, country, start, level, bool(indoor))
            self.competitions_by_id[c.id] = c
            if c.series_id:
                self.competitions.setdefault((c.series_id, c.year), []).append(c)
        self.sources = {sid: name for sid, name in conn.execute("SELECT id, name FROM sources")}
        self.authority = {sid: a for sid, a in conn.execute("SELECT id, authority FROM sources")}
        self.coverage = Coverage()   # how far each event's all-time list goes, read on first use
        self._olympic_events: frozenset[int] | None = None
        self._cities: dict[str, collections.Counter[str]] = {}

    def olympic_events(self, conn: sqlite3.Connection) -> frozenset[int]:
        """The ids of the events held at an Olympic Games: read on first use, then kept, like the rest of the
        catalogue."""
        if self._olympic_events is None:
            self._olympic_events = frozenset(r[0] for r in conn.execute(
                "SELECT DISTINCT r.event_id FROM competitions c CROSS JOIN races r ON r.competition_id = c.id "
                "WHERE c.level = 'OG'"))   # the Games' races by index (races_comp), not every race scanned
        return self._olympic_events

    def venue_cities(self, sid: str) -> collections.Counter[str]:
        """How many of a series' editions were held in each city, by their venues: worked out once."""
        if sid not in self._cities:
            self._cities[sid] = collections.Counter(
                c for (s, _y), cs in self.competitions.items() if s == sid for comp in cs
                if (c := venue_city(comp.venue)))
        return self._cities[sid]

    def event(self, code: str, sex: str) -> EventRow | None:
        return self.events.get((code, sex))

    def series_name(self, sid: str) -> str:
        return self.series[sid][0] if sid in self.series else sid

    def years_of(self, sid: str) -> list[int]:
        return sorted(y for (s, y) in self.competitions if s == sid)

    def host_cities(self) -> dict[tuple[str, ...], dict[int, str]]:
        """City words of championship venues ("National Stadium, Tokyo" -> tokyo) -> {year: series}."""
        from bot.ask.understand import tokenize
        out: dict[tuple[str, ...], dict[int, str]] = {}
        for (sid, year), comps in self.competitions.items():
            if sid not in ("OG", "WCH", "WIC"):
                continue
            for c in comps:
                if not c.venue:
                    continue
                for part in c.venue.split(",")[1:2] or c.venue.split(",")[:1]:
                    key = tuple(tokenize(part))
                    if key and len(key) <= 3:
                        out.setdefault(key, {})[year] = sid
                        english = lx.CITY_EXONYMS.get(" ".join(key))
                        if english:
                            out.setdefault(tuple(english.split()), {})[year] = sid
                        if len(key) > 1 and len(key[0]) >= 3 and key[0] not in lx.NATIONS \
                                and key[0] not in lx.STOPWORDS:
                            out.setdefault(key[:1], {})[year] = sid   # "rio" for Rio de Janeiro
                        for other in _city_names(key):
                            out.setdefault(other, {})[year] = sid
        for city in lx.ROAD_CITIES:
            out.setdefault(tuple(city.split()), {})
        return out

    def venues(self) -> dict[tuple[str, ...], Venue]:
        """Stadiums by their name ("hayward field", "stade de france", and "hayward" alone, marked short) -> the
        meetings held there by year. Only a name the data gives one city ("Olympic Stadium" stands in many) and
        only the stadium part of a venue ("Hayward Field, Eugene, OR"), never a city alone."""
        from bot.ask.understand import tokenize
        seen: dict[tuple[str, ...], tuple[str, str, dict[int, list[str]]]] = {}
        cities: dict[tuple[str, ...], set[str]] = {}
        for (sid, year), comps in self.competitions.items():
            for c in comps:
                stadium = stadium_of(c.venue)
                if stadium is None:
                    continue
                parts = [x.strip() for x in (c.venue or "").split(",")]
                key = tuple(tokenize(stadium))
                town = tokenize(parts[1])[:1]
                if len("".join(key)) < 5 or not town:
                    continue
                cities.setdefault(key, set()).add(town[0])
                years = seen.setdefault(key, (parts[0], parts[1], {}))[2]
                if sid not in years.setdefault(year, []):
                    years[year].append(sid)
        out: dict[tuple[str, ...], Venue] = {}
        hosts = self.host_cities()
        meetings = {tuple(tokenize(a)) for _name, _level, aliases in self.series.values() for a in aliases}
        for key, (name, city, years) in seen.items():
            if len(cities[key]) > 1:
                # "the olympic stadium in london": a name many cities' stadiums share is placed, the city says
                out[key] = Venue(name, "", {}, {})
                continue
            if all(w in _GENERIC_VENUE_WORDS for w in key):
                continue
            held = {y: tuple(s) for y, s in years.items()}
            venue = Venue(name, city, held, {sid: self.series_name(sid) for s in held.values() for sid in s})
            out[key] = venue
            rest = tuple(w for w in key if w not in _GENERIC_VENUE_WORDS)
            # its telling word alone only for a stadium that holds a meeting year after year ("bislett"), never a
            # word that is a city, a nation or a grammar word
            if len(rest) == 1 and len(rest[0]) >= 5 and rest != key and len(years) >= 3 and rest not in hosts \
                    and rest not in meetings and rest[0] not in lx.NATIONS and rest[0] not in lx.STOPWORDS \
                    and rest[0] not in cities[key]:
                out.setdefault(rest, Venue(name, city, held, venue.meetings, short=True))   # "at hayward"
        return out


def stadium_of(venue: str | None) -> str | None:
    """"Hayward Field, Eugene, OR" -> "Hayward Field"; None where the venue is only a city ("Eugene, OR", "Oslo")."""
    parts = [x.strip() for x in (venue or "").split(",")]
    return parts[0] if len(parts) >= 2 and len(parts[1]) >= 3 else None


# Words a stadium's name shares with many others: what is left names it ("hayward" of Hayward Field)
_GENERIC_VENUE_WORDS = frozenset(
    "stadium stadion stade stadio estadio field arena olympic olympique olimpico olimpiyskiy olympiastadion national "
    "international sports sport centre center complex complexe sportif park dome track and de la le di du des the "
    "of hall indoor convention training city memorial".split())


def _city_names(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Other ways fans write a city: "saint denis" for "paris st denis", "la" for Los Angeles."""
    out = []
    short = lx.CITY_SHORT.get(" ".join(key))
    if short:
        out.append(tuple(short.split()))
    for k in range(1, len(key) - 1):
        if key[k] == "st":   # "paris st denis": "st denis", "saint denis"
            out += [key[k:], ("saint",) + key[k + 1:]]
    return out


@dataclass
class Query:
    """One question on its way through a handler."""
    parsed: Parsed
    cat: Catalogue
    conn: sqlite3.Connection
    today: dt.date
    people: list[Person] = field(default_factory=list)
    event: str | None = None            # event code
    sex: str | None = None
    assumptions: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    # -- the years asked
    def seasons(self) -> tuple[int, int] | None:
        """The years a count or list is narrowed to, both included: a range ("since 2015"), to the latest year,
        or the one year asked; None for every year."""
        p = self.parsed
        if p.span is not None:
            return p.span[0], min(p.span[1], self.today.year)
        return (p.year, p.year) if p.year is not None else None

    def when(self) -> str:
        """The years asked, said: " in 2024", " from 1983 to 2013", " before 2000", " since 2015"."""
        got = self.seasons()
        if got is None:
            return ""
        first, last = got
        if first == last:
            return f" in {first}"
        if first <= FIRST_YEAR:
            return f" before {last + 1}"
        return f" since {first}" if last == self.today.year else f" from {first} to {last}"

    # -- building answers
    def entities(self, **extra) -> dict:
        p = self.parsed
        out: dict = {}
        if self.people:
            out["athletes"] = [{"id": x.id, "name": x.name} for x in self.people]
        if self.event:
            out["event"] = self.event
        if self.sex:
            out["sex"] = self.sex
        for key in ("meet", "year", "place", "round", "heat", "indoor", "scope", "region", "medal", "limit"):
            v = getattr(p, key)
            if v is not None:
                out[key] = v
        if p.nation:
            out["nationality"] = p.nation
        if p.span is not None:
            out["years"] = list(self.seasons() or ())
        out.update({k: v for k, v in extra.items() if v is not None})
        return out

    def answered(self, intent: str, headline: str, rows: list[Row], **kw) -> Answer:
        notes = kw.pop("notes", [])
        if "windread" in self.parsed.cues and rows:
            notes = [*notes, self._wind_note(rows)]   # "bolt 9.58 wind": the reading of the mark answered
        if "age" in self.parsed.cues and rows and self.people and intent not in ("profile", "mark_lookup"):
            age = self._age_note(rows)
            notes = [*notes, age] if age else notes
        return Answer(self.parsed.text, ANSWERED, intent, headline, self.entities(**kw.pop("entities", {})),
                      rows, [], self.source_names(rows), self.assumptions + notes, kw.pop("chart", None))

    def _age_note(self, rows: list[Row]) -> str | None:
        """The named athlete's age on the day of the row the answer is about (their first row)."""
        person = self.people[0]
        row = next((r for r in rows if r.athlete_id == person.id and r.date), None)
        if row is None or not person.birth_date or len(person.birth_date) < 10 or not row.date:
            return None
        day = dt.date.fromisoformat(row.date[:10])
        age = years_between(person.birth_date, day)
        return f"{person.name} was {age} on {fmt_date(row.date)} (born {fmt_date(person.birth_date)})."

    def _wind_note(self, rows: list[Row]) -> str:
        """The wind of the mark asked about (the first row, or the row with the mark the question gives), read
        from the result itself where the row does not carry it."""
        asked = [m for m in self.parsed.marks if any(r.mark == m for r in rows)]
        row = next(r for r in rows if r.mark == asked[0]) if asked else rows[0]
        wind = row.wind
        if wind is None and row.athlete_id is not None and row.date:
            got = self.conn.execute(
                "SELECT res.wind FROM results res JOIN races r ON r.id = res.race_id WHERE res.athlete_id = ? "
                "AND res.mark = ? AND r.date = ? AND res.wind IS NOT NULL LIMIT 1",
                (row.athlete_id, (row.mark or "").rstrip("i"), row.date)).fetchone()
            wind = got[0] if got else None
        code = row.event or self.event
        if wind is None and code in ev.EVENTS and not ev.get(code).wind_matters:
            # "what was the wind" after a mile: no reading exists, so none is missing
            return (f"No wind is read in the {event_words(code, self.sex or 'M')}: only in races up to 200 m, "
                    "the sprint hurdles and the long and triple jumps.")
        if wind is None:
            return f"No wind reading on file for {row.athlete}'s {row.mark}."
        return f"Wind for {row.athlete}'s {row.mark}: {wind:+.1f} m/s."

    def unknown(self, intent: str | None, headline: str, suggestions: list[str] | None = None) -> Answer:
        return Answer(self.parsed.text, UNKNOWN, intent, headline, self.entities(), [],
                      suggestions if suggestions is not None else list(lx.EXAMPLES[:4]), [], list(self.assumptions))

    def ambiguous(self, intent: str | None, headline: str, suggestions: list[str]) -> Answer:
        return Answer(self.parsed.text, AMBIGUOUS, intent, headline, self.entities(), [], suggestions[:5], [],
                      list(self.assumptions))

    def source_names(self, rows: list[Row]) -> list[str]:
        ids = list(dict.fromkeys([*self.sources, *(r.source for r in rows if r.source)]))
        return [self.cat.sources.get(s, s) for s in ids]

    def require_event(self, intent: str, example: str) -> EventRow | Answer:
        """The event the question is about, men's when it does not say (an assumption stated aloud), or the
        Answer that asks for one."""
        if self.event is None:
            return self.unknown(intent, f"Which event? For example “{example}”.")
        if self.sex is None:
            self.sex = self.people[0].sex if self.people else "M"
            if not self.people:
                self.assumptions.append(f"No sex given: the {event_words(self.event, 'M')} (say “women's” "
                                        f"for the other).")
        e = self.event_row()
        return e if e is not None else self.unknown(intent, "I don't know that event for that sex.")

    def event_row(self, code: str | None = None, sex: str | None = None) -> EventRow | None:
        return self.cat.event(code or self.event or "", sex or self.sex or "")


# -- wording shared by every handler

def year_ranges(years) -> str:
    """2002, 2010, 2011, 2012 -> "2002 and 2010–2012": years as runs."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return and_list([f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs])


def and_list(words: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def fmt_date(iso: str | None) -> str:
    """'1999-07-07' -> '7 July 1999'; a year alone stays a year."""
    if not iso:
        return "on an unknown date"
    try:
        d = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def years_between(iso: str | None, today: dt.date) -> int | None:
    if not iso:
        return None
    try:
        d = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None
    return today.year - d.year - ((today.month, today.day) < (d.month, d.day))


def event_words(code: str, sex: str) -> str:
    """"men's mile", "women's 800 m", "men's pole vault": lower-case for the middle of a sentence."""
    name = ev.full_name(code, sex)
    return name[0].lower() + name[1:]


def competition_words(c: Competition, cat: Catalogue) -> str:
    if c.series_id:
        return f"the {c.year} {cat.series_name(c.series_id)}"
    return c.name


def place_words(place: int) -> str:
    suffix = "th" if 10 <= place % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(place % 10, "th")
    return f"{place}{suffix}"


def round_words(rnd: str | None, heat: int | None) -> str | None:
    """"qualifying group 2", "heat 3", "semi-final 1": the race a place was won in; None for a final (or a race
    of unknown round, which the data counts as one) and a combined event's sub-event."""
    if rnd in (None, "F") or rnd not in RACE_WORDS:
        return None
    if heat:
        return f"{RACE_WORDS[rnd]} {heat}"
    return "qualifying" if rnd == "Q" else RACE_WORDS[rnd]


def place_in(place: int, race: str | None) -> str:
    """"1st in qualifying group 2", or "1st" in a final."""
    return f"{place_words(place)} in {race}" if race else place_words(place)


def venue_city(venue: str | None) -> str | None:
    """The city of a venue text ('Hayward Field, Eugene, OR' -> 'Eugene')."""
    shown = places.place(venue)
    return shown.split(",")[-1].strip() if shown else None


def record_words(kind: str, region: str) -> str:
    if kind == "world":
        return "world record"
    if kind == "olympic":
        return "Olympic record"
    if kind == "championship":
        return "championship record"
    if kind == "area":
        return f"{AREA_ADJ.get(region, region)} record"
    if kind == "national":
        return f"{NATION_ADJ.get(region, region)} record"
    if kind == "world_u20":
        return "world U20 record"
    return f"{kind} record"


def with_nation(name: str, nation: str | None) -> str:
    return f"{name} ({nation})" if nation else name


def mark_with_flags(mark: str | None, flags: str = "", indoor: bool = False) -> str:
    if not mark:
        return "no mark"
    out = mark
    if "A" in (flags or "").split() or (flags or "").startswith("A"):
        out += "A"
    if indoor:
        out += "i"
    return out


def fmt_value(value: float, code: str) -> str:
    """A computed mark as WA writes it: road times to the second ("2:01:00"), track to the hundredth."""
    e = ev.get(code)
    if e.mark_format == ev.TIME and (e.kind in (ev.ROAD, ev.WALK) and value >= 600):
        return mk.format_time(round(value), 0)
    return mk.format_mark(value, code)


def parse_threshold(text: str, code: str, wr_value: float | None) -> float | None:
    """The user's threshold in the event's unit: "3:30" -> 210 s; "4" in the mile -> 240 s (the unit that
    makes it a plausible mark next to the world record); "8" in the long jump -> 8.00 m."""
    try:
        if ":" in text or ("." in text and ev.get(code).mark_format == ev.TIME):
            value = mk.parse_mark(text, code).value
            if value is not None and wr_value and value < 0.8 * wr_value and ":" in text:
                value *= 60   # "2:01" in the marathon is hours and minutes
            return value
        value = float(text)
    except (mk.MarkError, ValueError):
        return None
    if ev.get(code).mark_format != ev.TIME or wr_value is None:
        return value
    for scale in (1, 60, 3600):
        v = value * scale
        if 0.8 * wr_value <= v <= 4 * wr_value:
            return v
    return None

