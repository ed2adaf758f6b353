"""What the question engine returns: an Answer, read by every renderer (embed, console text, JSON).

The JSON form is a contract other tools rely on (`python -m bot ask --json`): keys query, status, intent,
headline, entities, rows, suggestions, sources — see to_json().
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.ask.query import Query, Request, Subject

ANSWERED, AMBIGUOUS, UNKNOWN = "answered", "ambiguous", "unknown"

# Every intent the engine understands; the entities each may carry are in the JSON contract (to_json).
INTENTS = (
    "winner",        # who won Pre 2024 mile
    "podium",        # podium / medallists of a race
    "place",         # who was second in ...
    "results",       # full results of a meet + event + year
    "medal_count",   # how many golds does X have
    "medal_table",   # who has the most olympic golds
    "nation_table",  # medal table of a championship by nation; which country won the most medals
    "age_record",    # youngest olympic 1500 champion, oldest world medallist
    "win_count",     # how many diamond league wins does duplantis have; kipyegon wins at pre
    "record",        # world / area / national / olympic / championship record, who holds it
    "record_list",   # the records that stand now: oldest world record still standing, british records
    "progression",   # mile WR progression; who held the British mile record before Kerr
    "pb",            # personal best
    "sb",            # season best
    "world_lead",    # world lead of a year
    "profile",       # who is cole hocker
    "count",         # how many sub-4 miles has X run
    "threshold",     # how many men have broken 3:30 in the 1500
    "all_time",      # fastest women's 800 ever, top 10 all time mile
    "rank",          # where does kerr rank all time in the mile: an athlete's place on a list
    "h2h",           # ingebrigtsen vs kerr
    "convert",       # 3:30 1500 to mile
    "mark_lookup",   # who ran 9.58
    "quote",         # what did jakob say about kerr
    "on_this_day",   # what happened on july 7, records set today
)


@dataclass
class Row:
    """One line of an answer: a result, a record, a list entry."""
    athlete: str
    mark: str | None
    place: int | None = None
    nationality: str | None = None
    date: str | None = None
    competition: str | None = None
    venue: str | None = None
    wind: float | None = None
    event: str | None = None       # event code, when rows mix events
    note: str | None = None        # "British record", "indoor", "A race"
    athlete_id: int | None = None
    source: str | None = None
    # the race of a place that is not a final's ("qualifying group 2", "heat 3"): a place in a heat is never
    # shown as if it were the meet's
    round: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"athlete": self.athlete, "mark": self.mark}
        for key in ("place", "round", "nationality", "date", "competition", "venue", "wind", "event", "note",
                    "athlete_id", "source"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass
class Answer:
    query: str
    status: str
    intent: str | None
    headline: str
    entities: dict[str, Any] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)     # assumptions and "also ran" lines, shown under the rows
    chart: dict[str, Any] | None = None               # progression series for renderers that draw charts
    # what each suggestion runs when picked, in the same order: a typed Query, or a Question (its unclear
    # words pinned to an athlete id); empty: each suggestion is a question to ask as written
    choices: list[Request] = field(default_factory=list)
    # for a follow-up question (bot/ask/followup.py), not part of the JSON: the Query that was run, whom the
    # answer is about (newest first), and the natural next questions as typed queries (label, query)
    asked: Query | None = None
    subjects: tuple[Subject, ...] = ()
    next: list[tuple[str, Query]] = field(default_factory=list)

    def picks(self) -> list[tuple[str, Request]]:
        """(suggestion, what to run) for every suggestion."""
        from bot.ask.query import Question
        return [(s, self.choices[i] if i < len(self.choices) else Question(s))
                for i, s in enumerate(self.suggestions)]

    def to_json(self) -> dict[str, Any]:
        out = {
            "query": self.query,
            "status": self.status,
            "intent": self.intent,
            "headline": self.headline,
            "entities": self.entities,
            "rows": [r.to_json() for r in self.rows],
            "suggestions": self.suggestions,
            "sources": self.sources,
        }
        if self.notes:
            out["notes"] = self.notes
        return out
