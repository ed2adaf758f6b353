"""The typed query: what a question asks, with every slot resolved, whoever asked it.

Two front ends build one, and one executor (Engine.execute) answers it:
- natural language: Engine.understand(Question) reads the text (bot/ask/understand.py), resolves the names
  to athlete ids (bot/ask/people.py) and returns a Query, or the Answer that says what it could not place;
- slash commands: bot/ask/options.py resolves each option on its own (the event from the event catalogue,
  the athlete from the athlete index, the country from the nations, the meet from the meets), so one option
  can never override another.

"Did you mean" buttons carry a Query (or a Question whose unclear words are pinned to an athlete id), never
a rewritten sentence. Queries are frozen and hashable; their slots are the engine's vocabulary: event
codes, series ids, IOC or area codes, athlete ids.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

from bot.ask.understand import Parsed


@dataclass(frozen=True)
class Question:
    """A question as typed. `pins` fix word groups to athletes: (the words as the engine reported them
    unclear, athlete id), which is how a "did you mean" choice on a typed question is carried. `after`: the
    asker's previous question, which this one may build on (bot/ask/followup.py)."""
    text: str
    pins: tuple[tuple[str, int], ...] = ()
    after: Previous | None = None


@dataclass(frozen=True)
class Query:
    intent: str
    text: str                                   # how the question reads (typed, or a slash command restated)
    athletes: tuple[int, ...] = ()              # athlete ids, in the order named
    events: tuple[str, ...] = ()                # event codes
    event_choices: tuple[tuple[str, ...], ...] = ()   # "hurdles": the sex picks one of these
    sex: str | None = None                      # "M" / "W"
    meet: str | None = None                     # series id ("DL-EUGENE", "OG")
    meet_by_city: str | None = None             # the city that named the meet ("tokyo")
    meets: tuple[str, ...] = ()                 # every championship named ("olympic/world finals")
    city_years: tuple[tuple[int, str], ...] = ()   # championships held in that city: (year, series)
    year: int | None = None
    years: tuple[int, ...] = ()
    span: tuple[int, int] | None = None         # a range of years, both included ("between 1983 and 2013")
    this_year: bool = False                     # the year was said "this year" (bot/ask/results._this_year)
    place: int | None = None
    places: tuple[int, ...] = ()                # several places of one race ("1st and 2nd", "top two")
    round: str | None = None                    # "F", "SF", "H", "Q"
    heat: int | None = None                     # which race of the round ("heat 1")
    indoor: bool | None = None
    road: bool = False
    scope: str | None = None                    # "world", "area", "national", "olympic", ...
    region: str | None = None                   # nation (IOC) or area code of a record
    nation: str | None = None                   # a nationality filter ("fastest british")
    medal: str | None = None
    limit: int | None = None
    marks: tuple[str, ...] = ()                 # marks as written ("3:30")
    units: tuple[str, ...] = ()                 # the mark asked in other units: "km", "mile", "feet"
    threshold: str | None = None                # "sub 4" -> "4" (the unit is decided per event)
    date: tuple[int, int] | None = None         # (month, day)
    date_year: int | None = None
    decade: int | None = None                   # "the 80s" -> 1980
    cues: frozenset[str] = frozenset()          # what the wording asks for ("win", "before", "howmany")
    quote_terms: tuple[str, ...] = ()           # words a quote should contain
    assumptions: tuple[str, ...] = field(default=(), compare=False)   # said aloud in the answer
    # an athlete assumed among namesakes: (label, request) for each of the others, offered with the answer
    alternatives: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    def but(self, **changes: Any) -> Query:
        return dataclasses.replace(self, **changes)

    # -- to and from the understanding's slots (same names; lists and sets become tuples and frozensets)

    @classmethod
    def from_parsed(cls, parsed: Parsed, *, intent: str, athletes: tuple[int, ...],
                    assumptions: list[str]) -> Query:
        values: dict[str, Any] = {}
        for f in SLOTS:
            v = getattr(parsed, f.name)
            if isinstance(v, dict):
                v = tuple(sorted(v.items()))
            elif isinstance(v, set):
                v = frozenset(v)
            elif isinstance(v, list):
                v = tuple(tuple(x) if isinstance(x, list) else x for x in v)
            values[f.name] = v
        return cls(intent=intent, text=parsed.text, athletes=athletes, assumptions=tuple(assumptions), **values)

    def to_parsed(self) -> Parsed:
        """The slots as the handlers read them (bot/ask/catalogue.Query.parsed)."""
        parsed = Parsed(self.text, [])
        parsed.intent = self.intent
        for f in SLOTS:
            v = getattr(self, f.name)
            default = getattr(parsed, f.name)
            if isinstance(default, dict):
                v = dict(v)
            elif isinstance(default, set):
                v = set(v)
            elif isinstance(default, list):
                v = list(v)
            setattr(parsed, f.name, v)
        return parsed

    def describe(self) -> dict[str, Any]:
        """The slots that are set, for logs and the JSON output."""
        out: dict[str, Any] = {"intent": self.intent}
        for f in dataclasses.fields(self):
            if f.name in ("intent", "text", "assumptions", "alternatives"):
                continue
            v = getattr(self, f.name)
            if v not in (None, (), frozenset(), False):
                out[f.name] = sorted(v) if isinstance(v, frozenset) else v
        return out


    # -- JSON, for the state store (a follow-up's context survives a restart): every slot but the namesakes offered
    # and the assumptions said, which belong to the answer already given

    def to_json(self) -> str:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if f.name in ("assumptions", "alternatives") or v == f.default:
                continue
            out[f.name] = sorted(v) if isinstance(v, frozenset) else v
        return json.dumps(out, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Query:
        data = json.loads(text)
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for name, v in data.items():
            f = known.get(name)
            if f is None or name in ("assumptions", "alternatives"):
                continue     # a slot of an older version of the bot: dropped, never a failure
            values[name] = frozenset(v) if isinstance(f.default, frozenset) else _tuples(v)
        return cls(**values)


def _tuples(v: Any) -> Any:
    """JSON lists back to the tuples a Query holds (nested ones too: event choices, city years)."""
    return tuple(_tuples(x) for x in v) if isinstance(v, list) else v


@dataclass(frozen=True)
class Subject:
    """An athlete a previous answer was about: whom "he", "her" or "his pb" refers to."""
    id: int
    name: str
    sex: str | None


@dataclass(frozen=True)
class Previous:
    """The asker's previous question, as run, and whom its answer was about (the newest first)."""
    query: Query
    subjects: tuple[Subject, ...] = ()

    def subjects_json(self) -> str:
        return json.dumps([[s.id, s.name, s.sex] for s in self.subjects])

    @classmethod
    def from_json(cls, query: str, subjects: str) -> Previous:
        return cls(Query.from_json(query), tuple(Subject(int(i), str(n), x) for i, n, x in json.loads(subjects)))


# The slots shared with the understanding (bot/ask/understand.Parsed): every Query field but these.
_OWN = {"intent", "text", "athletes", "assumptions", "alternatives"}
SLOTS = tuple(f for f in dataclasses.fields(Query) if f.name not in _OWN)
_parsed_fields = {f.name for f in dataclasses.fields(Parsed)}
assert all(f.name in _parsed_fields for f in SLOTS), "every Query slot is a slot of Parsed"

Request = Question | Query
