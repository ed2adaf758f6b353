"""The question engine: understand -> resolve -> Query -> execute -> Answer.

Natural language is one front end (understand(): the text's slots and its names resolved to athletes, giving
a typed Query or the Answer that says what it could not place); slash commands are another
(bot/ask/options.py builds the Query from each option on its own). execute() is the one executor: whatever
built the Query, the same code answers it.

Reference data is read-only, so the engine keeps its own SQLite connection and in-memory indexes (events,
meets, athlete names) built once. answer() is async for the bot: with `workers` (ASK_WORKERS) the work runs in
that many engine processes (bot/ask/workers.py: the engine is pure Python, a thread of it would hold the GIL
against the event loop), else on one worker thread; either way a slow question never blocks the event loop, and
this engine's connection is only ever used from its thread (run()). Answers are cached by question and today's
date (`cache`, ASK_CACHE answers; the reference data does not change while the engine is open).
"""
from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
import pickle
import re
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from bot.ask import (
    ages,
    athletes,
    conversions,
    fillers,
    held,
    marks_run,
    medal_table,
    quotes_said,
    race_details,
    results,
    standing,
    this_day,
    thresholds,
)
from bot.ask import lexicon as lx
from bot.ask.answer import ANSWERED, UNKNOWN, Answer
from bot.ask.catalogue import (
    Catalogue,
    and_list,
    competition_words,
    event_words,
    fmt_date,
    stadium_of,
    year_ranges,
)
from bot.ask.catalogue import Query as Work
from bot.ask.followup import RACE, context_words, follow
from bot.ask.lexicon import sex_fits
from bot.ask.people import (
    FAME_MARGIN,
    WELL_KNOWN,
    Context,
    PeopleIndex,
    Resolution,
    _met,
    cache_path,
    describe,
    pairs_by_races,
    read_as,
    resolve,
)
from bot.ask.query import Previous, Query, Question, Request, Subject
from bot.ask.understand import (
    PLACED_ELSEWHERE,
    Parsed,
    Venue,
    Vocabulary,
    aside_of,
    event_alias_table,
    ordinal,
    split_question,
    tokenize,
    understand,
)
from bot.ask.workers import AnswerCache, EnginePool
from bot.common import events as ev
from bot.common import marks

log = logging.getLogger(__name__)

HANDLERS: dict[str, Callable[[Work], Answer]] = {
    "winner": results.race_answer, "podium": results.race_answer, "place": results.race_answer,
    "results": results.race_answer, "medal_count": results.medal_count,
    "medal_table": medal_table.medal_table, "nation_table": medal_table.nation_table, "age_record": ages.age_record, "win_count": results.win_count, "mark_lookup": marks_run.mark_lookup,
    "record": held.record, "record_list": standing.record_list, "progression": held.progression, "on_this_day": this_day.on_this_day,
    "pb": athletes.personal_best, "sb": athletes.season_best, "world_lead": athletes.world_lead,
    "profile": athletes.profile, "count": athletes.count, "threshold": athletes.threshold,
    "all_time": athletes.all_time, "rank": athletes.list_rank, "h2h": athletes.head_to_head,
    "convert": conversions.convert, "quote": quotes_said.quote,
}
# What a year in the question does: picks the edition, season or races (BY_YEAR); is said to be ignored where
# the answer holds every year anyway (YEARLESS); otherwise the question is declined: never silently dropped
BY_YEAR = frozenset({"winner", "podium", "place", "results", "sb", "world_lead", "h2h", "medal_count", "nation_table",
                     "record", "record_list",
                     "win_count", "rank", "on_this_day", "age_record",
                     "count", "threshold", "quote"})
YEARLESS = frozenset({"progression", "convert", "profile"})
# What can count or list over a range of years ("between 1983 and 2013", "since 2015"); any other answer to a
# range is declined, never answered for one of its years
BY_SPAN = frozenset({"medal_count", "win_count", "count", "threshold", "h2h", "progression"})
# ... of which these read the range as its years (the others narrow by the range itself: Work.seasons)
_SPAN_AS_YEARS = frozenset({"medal_count", "win_count", "h2h"})
# Intents that need an athlete, and how many
NEEDS_PEOPLE = {"rank": 1, "win_count": 1, "pb": 1, "sb": 1, "profile": 1, "count": 1, "medal_count": 1, "h2h": 2, "quote": 1}


# The first or last date of any race, event by event: each a seek in races_event_date (every race's event is in
# events, a foreign key), where min(date) over races reads the whole table (40-80 ms of a start)
_DATE_SPAN = "SELECT {0}((SELECT {0}(date) FROM races WHERE event_id = e.id)) FROM events e"


class Engine:
    def __init__(self, conn: sqlite3.Connection, today: Callable[[], dt.date] = dt.date.today,
                 names_cache: Path | None = None, *, cache: int = 0):
        self.conn = conn
        self.workers: EnginePool | None = None      # open(workers=n) starts them
        self.cache = AnswerCache(cache)
        self.today = today
        self.cat = Catalogue(conn)
        self._event_has_marks: dict[int, bool] = {}     # event id -> any race or world record (_has_marks)
        self.people = PeopleIndex.load(conn, names_cache)
        meet_aliases: dict[tuple[str, ...], str] = {}
        for sid, (name, _level, aliases) in self.cat.series.items():
            for alias in (name, *aliases):
                key = tuple(tokenize(alias))
                if key and key not in (("games",), ("wc",)):
                    meet_aliases.setdefault(key, sid)
        for alias, sid in EXTRA_MEETS.items():
            meet_aliases[tuple(tokenize(alias))] = sid
        hosts = self.cat.host_cities()
        for key, sid in list(meet_aliases.items()):
            # "new york dl" -> "new york": a meeting's city alone, unless a championship was held there
            # ("london", "paris": the city and a year say which, bot/ask/understand._meets)
            for tail in (("dl",), ("diamond", "league"), ("grand", "prix")):
                city = key[:-len(tail)]
                if sid.startswith("DL-") and key[-len(tail):] == tail and city and city not in hosts:
                    meet_aliases.setdefault(city, sid)
        # a meeting's city alias -> (series, the years it was held there)
        self.meeting_cities = _meeting_cities(conn, meet_aliases, hosts)
        self.vocab = Vocabulary(meet_aliases, hosts, self.people.full_name_table(),
                                event_alias_table(), frozenset(self.people.by_token),
                                lx.STOPWORDS | PLACED_ELSEWHERE | fillers.load(), self.cat.venues())
        # the last day the data holds: a year after it (and after today) has not happened
        self.last_date: str = conn.execute(_DATE_SPAN.format("max")).fetchone()[0] or ""
        # the first year the data holds: where a range with no start ("before 2000") begins
        self.first_year = int((conn.execute(_DATE_SPAN.format("min")).fetchone()[0] or "1896")[:4])
        self.speakers = frozenset(r[0] for r in conn.execute(
            "SELECT DISTINCT speaker_id FROM quotes WHERE speaker_id IS NOT NULL"))
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="ask")

    @classmethod
    def open(cls, path: Path | str, today: Callable[[], dt.date] = dt.date.today, *, workers: int = 0,
             cache: int = 0) -> Engine:
        """workers: engine processes answering for this one (0: its own thread); cache: answers kept."""
        conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True, check_same_thread=False)
        engine = cls(conn, today, cache_path(path), cache=cache)
        if workers > 0:
            engine.workers = EnginePool(Engine.open, path, workers)
        return engine

    def close(self) -> None:
        if self.workers is not None:
            self.workers.close()
        self._pool.shutdown(wait=True)
        self.conn.close()

    async def run(self, fn, *args):
        """Run fn(conn, *args) on the engine's database thread (for callers that read the reference data)."""
        import asyncio  # here, not at the top: `bot ask` and the benchmarks never load it (30 ms of a start)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, fn, self.conn, *args)

    async def answer(self, request: Request | str) -> Answer:
        import asyncio
        from concurrent.futures.process import BrokenProcessPool  # here: it loads multiprocessing
        if isinstance(request, str):
            request = Question(request)
        today = self.today()
        workers = self.workers
        loop = asyncio.get_running_loop()

        async def compute() -> bytes:
            if workers is not None:
                try:
                    return await workers.answer(request, today)
                except BrokenProcessPool:
                    pass                    # answered here: the pool is being started again
            return await loop.run_in_executor(self._pool, self._answer_pickled, request)

        return pickle.loads(await self.cache.get((request, today), compute))    # a copy of its own

    def _answer_pickled(self, request: Request) -> bytes:
        return pickle.dumps(self.answer_now(request), pickle.HIGHEST_PROTOCOL)

    def answer_now(self, request: Request | str) -> Answer:
        """Answer a typed question or a Query on the calling thread (the CLI and benchmarks); never raises."""
        if isinstance(request, str):
            request = Question(request)
        if isinstance(request, Question) and not request.pins and (aside := aside_of(request.text)):
            # "… heard it was super slow": the question answered, the aside set aside and said
            answer = self.answer_now(replace(request, text=aside[0]))
            return replace(answer, query=request.text, notes=[*answer.notes, f"Set aside “{aside[1]}”: it asks "
                                                                               f"nothing I can look up."])
        if isinstance(request, Question) and request.after is None and not request.pins:
            both = self._two_parts(request.text)
            if both is not None:
                return both
        return self._answer_one(request)

    def _two_parts(self, text: str) -> Answer | None:
        """"who won the jav at tokyo worlds, where did neeraj finish", "paris 4x4 result and was it a wr": two
        questions in one, the second opening with a question word after a comma, "and" or "?". Each is
        answered, the second built on the first as a follow-up; both answers together, or None (then the
        question is answered whole)."""
        split = split_question(text)
        if split is None:
            return None
        alone = understand(split[1], self.vocab, self.today())
        if alone.intent is None and not alone.names and alone.place is None:
            return None   # "… and what was the time": asks nothing of its own ("who was 2nd" does); read whole
        head = understand(split[0], self.vocab, self.today())
        if head.intent is None or (head.intent == "profile" and "profile" not in head.cues):
            return None   # "before gebrselassie, who held the 10000m record": the first part is no question
        first = self._answer_one(Question(split[0]))
        if first.status != ANSWERED or first.asked is None:
            return None
        second = self._answer_one(Question(split[1], after=Previous(first.asked, first.subjects)))
        if second.status != ANSWERED or second.headline == first.headline:
            return None
        notes = list(dict.fromkeys([*first.notes, *second.notes]))
        verdict = _was_it_the_record(first, second) if split[1].split()[0].lower() in ("was", "is", "did") else ""
        told = f"{verdict}{second.headline[0].lower()}{second.headline[1:]}" if verdict.strip() and \
            second.headline.startswith("The ") else second.headline
        return replace(second, query=text, headline=f"{first.headline} {told}",
                                   rows=[*first.rows, *second.rows], notes=notes,
                                   sources=list(dict.fromkeys([*first.sources, *second.sources])),
                                   chart=second.chart or first.chart)

    def _answer_one(self, request: Request) -> Answer:
        try:
            previous = None
            if isinstance(request, Question):
                previous = request.after
                understood = self.understand(request)
                if isinstance(understood, Answer):
                    return understood
                request = understood
            answer = self.execute(request)
            if answer.status == ANSWERED and answer.asked is not None:
                answer.subjects = self._subjects(answer.asked, answer, previous)
                answer.next = self._next(answer.asked, answer)
            return answer
        except Exception:  # the bot must answer every question; the log keeps the traceback
            text = request.text.strip()
            log.exception("question failed: %r", text[:200])
            return Answer(text, UNKNOWN, None, "Sorry, I could not work that question out.",
                          suggestions=list(lx.EXAMPLES[:4]))

    def _barrier_fits(self, own: Parsed, merged: Parsed) -> bool:
        """Whether a barrier with no event of its own ("how many went sub 10?"), counted in the previous
        question's race, is a plausible mark in that race's event; any other follow-up fits."""
        if own.events or own.intent != "threshold" or not merged.threshold or not merged.events \
                or merged.meet is None or own.meet is not None:
            return True
        fitting = thresholds.events_for(self.cat, self.conn, merged.threshold, merged.sex,
                                        thresholds.direction(merged.cues))
        return merged.events[0] in {code for _, code in fitting}

    def _venue_meet(self, p: Parsed) -> None:
        """"mile at hayward 2022": of two meetings a stadium held that year, the one that held the event asked
        (the Prefontaine Classic's mile, not the World Championships, which had none; understand() put the
        championship first), unless the question named the meeting; and the reading said."""
        venue = self.vocab.venues.get(p.venue) if p.venue else None
        if p.venue is None or venue is None or not venue.years:
            return
        year = max(venue.years) if p.year is None else p.year
        held = venue.years.get(year, ())
        if p.meet not in held:
            return
        if len(held) > 1 and p.events and "venue_named" not in p.cues:
            p.meet = next((s for s in sorted(held, key=lambda s: s != p.meet)
                           if self._held_event(s, year, p.events)), p.meet)
        others = [venue.meetings[s] for s in held if s != p.meet]
        also = f" (also held there in {year}: the {and_list(others)})" if others else ""
        p.assumptions.append(f"“{' '.join(p.venue)}” read as {venue.name}, {venue.city}: the "
                             f"{venue.meetings[p.meet]}{also}")

    def _held_event(self, sid: str, year: int, codes: list[str]) -> bool:
        comps = [c.id for c in self.cat.competitions.get((sid, year), [])]
        events = [e.id for (code, _sex), e in self.cat.events.items() if code in codes]
        if not comps or not events:
            return False
        marks = ",".join("?" * len(comps)), ",".join("?" * len(events))
        return self.conn.execute(f"SELECT 1 FROM races WHERE competition_id IN ({marks[0]}) AND event_id IN "
                                 f"({marks[1]}) LIMIT 1", (*comps, *events)).fetchone() is not None

    def understand(self, question: Question) -> Query | Answer:
        """The natural-language front end: the question's slots, its names resolved to athletes (pinned
        words first), as a Query; or the Answer that says what could not be placed."""
        text = (question.text or "").strip()
        parsed = understand(text, self.vocab, self.today())
        pins = dict(question.pins)
        followed = self._follow(parsed, question.after) if question.after is not None and text else None
        if followed is not None and not self._barrier_fits(parsed, followed.parsed):
            followed = None   # "how many guys have gone sub 9.8" after a mile: not that race's barrier
        if followed is not None:
            # built on the asker's previous question: its slots merged in, pronouns pinned to its subjects
            parsed = followed.parsed
            pins = {**followed.pins, **pins}
        self._venue_meet(parsed)
        q = self._work(parsed, list(parsed.assumptions))
        if not text:
            return q.unknown(None, "Ask me about results, records or athletes, for example:")
        not_yet = self._not_happened(q) or _not_held(q) or self._unheld(q) or _elsewhere(q, self.meeting_cities, self.vocab.venues)
        if not_yet:
            return not_yet
        # Athletes first: their sex picks between events such as the 100 m and 110 m hurdles. A threshold with
        # no event names the events it is a barrier in: evidence for who "lyles" is in "sub-10s by lyles".
        codes = parsed.events + [c for ch in parsed.event_choices for c in ch]
        barriers: tuple[tuple[str, str, float, bool], ...] = ()
        if parsed.threshold and (parsed.intent == "count" or {"sub", "broken"} & parsed.cues):
            # "sub 4 miles kerr", "when did bannister break 4 mins": who has beaten the barrier is the one meant
            if not codes:
                codes = [c for _, c in thresholds.events_for(self.cat, self.conn, parsed.threshold, parsed.sex,
                                                              thresholds.direction(parsed.cues))]
            barriers = thresholds.barriers(self.cat, self.conn, parsed.threshold, codes, parsed.sex)
        ctx = Context(sex=parsed.sex, barriers=barriers,
                      event_codes=tuple(codes),
                      year=parsed.year,
                      nation=parsed.nation or (parsed.region if parsed.scope == "national" else None),
                      prefer=self.speakers if parsed.intent == "quote" else frozenset(),
                      competitions=self._meet_competitions(parsed),
                      records="record" in parsed.cues or "progression" in parsed.cues,
                      does=_does(parsed.tokens),
                      marks=() if barriers else tuple(parsed.marks), not_named=frozenset(parsed.not_named),
                      titled=parsed.intent == "medal_count" and parsed.medal == "gold",
                      won_in=lx.city_names(parsed.meet_by_city) if parsed.intent == "win_count" and parsed.meet_by_city else ())
        alternatives: list[tuple[str, Request]] = []
        problem = self._athletes(q, ctx, pins, alternatives)
        if problem and "crosscountry" in parsed.cues and parsed.meet != "OG":
            return _no_cross_country(q)   # "world xc champs 2023": cross country asked, not a meeting "champs"
        lacked = _lacked(q)
        if lacked:   # "what shoes was kiptum wearing": no data for any Kiptum, so no "which Kiptum?"
            return lacked
        if problem:
            return problem
        intent = parsed.intent
        if intent is None and len(q.people) >= 2:
            # "kipyegon or hassan": two athletes and nothing else asked is their head-to-head, never the
            # first one's profile with the other dropped
            intent = parsed.intent = "h2h"
            q.assumptions.append(f"Read as the head-to-head of {q.people[0].name} and {q.people[1].name}.")
        elif intent is None and q.people:
            intent = "profile"
        if intent is None:
            return q.unknown(None, "I'm not sure what you're asking. Try one of these:")
        parsed.text = self._shown(text, question.pins)
        query = Query.from_parsed(parsed, intent=intent, athletes=tuple(p.id for p in q.people),
                                  assumptions=q.assumptions).but(alternatives=tuple(alternatives))
        if followed is not None and question.after is not None:
            # said first, so a wrong carry-over is seen at once
            # the athletes said are those carried over: not those the question names, nor a pronoun's (said with it)
            unsaid = (set(query.athletes) - set(followed.pins.values())) | followed.read
            said = "; ".join(x for x in (self._context(query, unsaid), *followed.said) if x)
            note = f"Following on from “{question.after.query.text}”" + (f": {said}." if said else ".")
            query = query.but(assumptions=(note, *query.assumptions))
        return query

    def _follow(self, parsed, previous: Previous):
        """The question built on the previous one, or None; a failure to merge is the question on its own (a
        context must never cost an answer)."""
        try:
            return follow(parsed, previous)
        except Exception:
            log.exception("follow-up merge failed: %r", parsed.text[:200])
            return None

    def _context(self, query: Query, unsaid: set[int] | None = None) -> str:
        """"Prefontaine Classic 2024, men's mile, 3rd place": the slots of a query, said in words (the athletes
        but those `unsaid`)."""
        names = {i: self.people.people[i].name for i in query.athletes
                 if i in self.people.people and i not in (unsaid or set())}
        return context_words(query, self.cat.series_name,
                             lambda code, sex: event_words(code, sex) if sex else _lower_first(ev.get(code).name),
                             names)

    def _subjects(self, query: Query, answer: Answer, previous: Previous | None) -> tuple[Subject, ...]:
        """Whom an answer is about, newest first, then the previous question's (a pronoun picks by sex): the
        athletes asked about, else the answer's first athlete (the winner, the place asked, the record holder)."""
        ids = list(query.athletes)
        if not ids:
            rows = [r for r in answer.rows if r.athlete_id is not None]
            if query.intent == "place" and query.place:
                rows = [r for r in rows if r.place == query.place] or rows
            ids = [rows[0].athlete_id] if rows and rows[0].athlete_id is not None else []
        found = [self.people.people[i] for i in ids if i in self.people.people]
        out = [Subject(p.id, p.name, p.sex) for p in found]
        if previous is not None:
            out.extend(s for s in previous.subjects if s.id not in {x.id for x in out})
        return tuple(out[:4])

    def _editions(self, meet: str, codes: tuple[str, ...], sex: str | None) -> list[int]:
        """The years a meet held these events (of that sex): where a next question has a race to answer."""
        marks = ",".join("?" * len(codes))
        rows = self.conn.execute(
            "SELECT DISTINCT c.year FROM races r JOIN competitions c ON c.id = r.competition_id "
            f"JOIN events e ON e.id = r.event_id WHERE c.series_id = ? AND e.code IN ({marks})"
            + (" AND e.sex = ?" if sex else ""), (meet, *codes, *([sex] if sex else []))).fetchall()
        return sorted(y for (y,) in rows)

    def _next(self, query: Query, answer: Answer) -> list[tuple[str, Query]]:
        """The natural next questions of a race's answer, as typed queries: the next place, the other sex's
        race, the previous edition."""
        said = f"Following on from “{query.text}”"
        out: list[tuple[str, Query]] = []

        def offer(label: str, q: Query) -> None:
            q = q.but(text=f"{query.text} · {label.lower()}", alternatives=())
            out.append((label, q.but(assumptions=(f"{said}: {self._context(q)}.",))))
        if query.intent in _EVENT_LISTS:
            self._next_of_event(query, offer)
            return out
        if query.intent not in RACE or not query.meet or not query.year or query.intent == "results":
            return []
        place = (max(query.places) if query.places else query.place or 1) + 1
        if any(r.place == place for r in answer.rows) or (query.intent == "place" and len(answer.rows) <= 1) \
                or (query.places and answer.rows):
            # a place's answer shows that place only: the next one is offered, and said if no one had it
            offer(f"{ordinal(place)} place", query.but(intent="place", place=place, places=(),
                                                       cues=query.cues - {"win"}))
        other = _OTHER.get(query.sex or "")
        if other and query.year in self._editions(query.meet, query.events, other):
            offer(f"{'Women' if other == 'W' else 'Men'}'s race", query.but(sex=other, athletes=()))
        earlier = [y for y in self._editions(query.meet, query.events, query.sex) if y < query.year]
        if earlier:
            offer(f"{max(earlier)} edition", query.but(year=max(earlier), years=(max(earlier),)))
        return out

    def _next_of_event(self, query: Query, offer: Callable[[str, Query], None]) -> None:
        """The next questions of an event's record or list: the other sex's, the record's progression, the
        season before."""
        if len(query.events) != 1 or query.athletes or query.sex not in _OTHER:
            return
        other = _OTHER[query.sex]
        row = self.cat.event(query.events[0], other)
        if row is not None and self._has_marks(row.id):
            offer(f"{'Women' if other == 'W' else 'Men'}'s", query.but(sex=other))
        if query.intent == "record" and "before" not in query.cues:
            offer("Progression", query.but(intent="progression", cues=query.cues | {"progression"}))
        if query.intent == "world_lead" and query.year:
            offer(f"{query.year - 1} season", query.but(year=query.year - 1, years=(query.year - 1,)))

    def _has_marks(self, event_id: int) -> bool:
        """Does the database hold any race or world record of the event (some sex's events exist in name only)?"""
        known = self._event_has_marks
        if event_id not in known:
            known[event_id] = self.conn.execute(
                "SELECT EXISTS (SELECT 1 FROM races WHERE event_id = ?) OR EXISTS (SELECT 1 FROM records "
                "WHERE kind = 'world' AND region = 'WORLD' AND event_id = ?)", (event_id, event_id)).fetchone()[0] == 1
        return known[event_id]

    def _not_happened(self, q: Work) -> Answer | None:
        """A year after today and after the last day of the data is declined, with what the data holds: never
        answered with another year ("who won the 2032 olympic 800", "pre 3024 mile")."""
        p = q.parsed
        last = int(self.last_date[:4]) if self.last_date[:4].isdigit() else 0
        latest = max(self.today().year, last)
        future = [y for y in [*p.years, p.date_year] if y is not None and y > latest]
        if not future:
            return None
        year = future[0]
        if p.meet and q.cat.years_of(p.meet):
            name = q.cat.series_name(p.meet)
            held_last = max(q.cat.years_of(p.meet))
            answer = q.unknown(p.intent, f"The {year} {name} {_has(name)} not happened yet: the last {name} in my "
                                         f"data is {held_last}.", [])
            retry = re.sub(rf"\b{year}\b", str(held_last), p.text, count=1)
            if retry != p.text:
                answer.suggestions, answer.choices = [retry], [Question(retry)]
            return answer
        return q.unknown(p.intent, f"{year} has not happened yet: my data runs to {fmt_date(self.last_date)}.", [])

    def _meet_competitions(self, parsed) -> tuple[int, ...]:
        """The competitions of the meet a question names (that year's, or every edition): where a namesake
        with results is the athlete meant."""
        if not parsed.meet:
            return ()
        city = [y for y, s in parsed.city_years.items() if s == parsed.meet]
        # "paris 100 final": the editions held in that city, else every edition
        years = [parsed.year] if parsed.year else city or self.cat.years_of(parsed.meet)
        return tuple(c.id for y in years for c in self.cat.competitions.get((parsed.meet, y), []))

    def _shown(self, text: str, pins: tuple[tuple[str, int], ...]) -> str:
        """How a question with pinned words reads: "kerr pb" with kerr pinned to Josh Kerr shows as
        "Josh Kerr pb". For display only: what runs is the pin."""
        for words, pid in pins:
            person = self.people.people.get(pid)
            pattern = r"\W+".join(re.escape(w) for w in words.split())
            if person is not None and pattern:
                text = re.sub(pattern, person.name.replace("\\", "\\\\"), text, count=1, flags=re.IGNORECASE)
        return text

    def _work(self, parsed, assumptions: list[str]) -> Work:
        return Work(parsed, self.cat, self.conn, self.today(), assumptions=assumptions)

    def execute(self, query: Query) -> Answer:
        """The one executor: a Query, however it was built, to its Answer."""
        parsed = query.to_parsed()
        q = self._work(parsed, list(query.assumptions))
        unknown_ids = [i for i in query.athletes if i not in self.people.people]
        if unknown_ids:
            return q.unknown(query.intent, "I don't know that athlete any more: please ask again.")
        q.people = [self.people.people[i] for i in query.athletes]
        q.sex = parsed.sex
        events = list(parsed.events)
        intent = query.intent
        nation_count = intent == "medal_count" and parsed.nation is not None and not parsed.names
        need = 0 if (intent == "quote" and "quotetext" in parsed.cues) or nation_count else NEEDS_PEOPLE.get(intent, 0)
        if len(q.people) < need:
            return q.unknown(intent, "Which athlete?" if need == 1 else "Which two athletes?")
        if q.sex is None and q.people and intent not in ("h2h",):
            q.sex = q.people[0].sex
        if q.sex is None:
            # "100m hurdles world record", "heptathlon": events only one sex contests
            q.sex = next((lx.EVENT_SEX[c] for c in events if c in lx.EVENT_SEX), None)
        # The event: from the question, or the sex picks among choices ("hurdles")
        for choice in parsed.event_choices:
            pick = [c for c in choice if self.cat.event(c, q.sex or "M") and sex_fits(c, q.sex)]
            if pick and parsed.threshold and {"110mH", "100mH"} & set(choice) and _seconds(parsed.threshold) >= 30:
                # "broken 52 in the hurdles": no sprint hurdles race takes 30 s, the 400 m hurdles always do
                q.assumptions.append(f"“hurdles” read as the 400 m hurdles: {parsed.threshold} is no sprint "
                                     "hurdles time")
                pick = ["400mH"]
            if len(pick) > 1 and all(ev.get(c).kind == ev.RELAY for c in pick) and parsed.events:
                continue   # "the 800m at the penn relay": another event named, the word is the meet's
            if len(pick) > 1 and all(ev.get(c).kind == ev.RELAY for c in pick):
                # "bolt relay gold": the relay the athlete ran (a medal list names them), else asked which;
                # "felix relay golds": a count is of every relay
                ran = self._relays_run(q, pick)
                if intent == "medal_count" and len(ran) > 1:
                    parsed.cues.add("relays")
                elif len(ran) == 1:
                    q.assumptions.append(f"“relay” read as the {ran[0]}: the relay {q.people[0].name} ran in my data")
                    events.append(ran[0])
                else:
                    events.extend(pick)
                continue
            if pick:
                if q.sex is None:
                    q.assumptions.append(f"“hurdles” read as the {pick[0]}: say women's for the 100 m hurdles")
                events.append(pick[0])
        if len(set(events)) > 1 and intent not in ("convert", "quote", "h2h", "pb", "medal_count"):
            # "2024 olympic 400m ... hurdles": two events named, one answered would be a guess
            from bot.ask.catalogue import event_words
            sex = q.sex or "M"
            named = list(dict.fromkeys(events))
            answer = q.ambiguous(intent, "Which event do you mean?", [event_words(c, sex) for c in named])
            picks: list[Request] = [query.but(events=(c,), event_choices=()) for c in named]
            answer.choices = picks[:len(answer.suggestions)]
            return answer
        if not events and intent in ("count", "threshold") and parsed.threshold:
            guess = self._event_for_mark(q, parsed.threshold)
            if guess:
                events.append(guess)
        if not events and q.people and parsed.marks and intent in ("place", "winner", "results", "podium"):
            made = self._event_of_their_mark(q)   # "ingebrigtsen 3:43.73 at pre, who was second": the mile
            if made:
                events.append(made)
        if not events and q.people and intent == "record" and "howmany" in parsed.cues:
            pass   # "how many world records has kipyegon set": every event (bot/ask/held.py)
        elif not events and q.people and intent == "record":
            # "mondo world record": the event in which that athlete holds (or held) such a record
            held = self._record_event(q)
            if held is None:
                intent = q.parsed.intent = "profile"
            else:
                events.append(held)
        if not events and q.people and intent in ("sb", "count", "rank", "world_lead"):
            main = self._main_event(q)
            if main:
                events.append(main)
        q.event = events[0] if events else None
        if intent == "h2h":
            q.parsed.events = list(dict.fromkeys(events))   # "kerr v ingebrigtsen 1500 and mile": both
        q.parsed.events = events
        detail = race_details.kind_asked(q)
        if detail is not None:
            # reaction times, series, height sheets, legs: Rio 2016's alone, declined for any other meet
            return race_details.details_answer(q, detail)
        if parsed.decade is not None and parsed.span is None and intent in BY_SPAN:
            parsed.span = (parsed.decade, parsed.decade + 9)   # "in the 2010s", where a range is counted over
        if parsed.span is not None:
            declined = self._span(q, intent)
            if declined is not None:
                return declined
        if parsed.years and "described" in parsed.cues and q.people:
            # "kerr pb, the one who won the 2023 worlds": the year told who, and is not the pb's
            years = ", ".join(str(y) for y in dict.fromkeys(parsed.years))
            q.assumptions.append(f"“{years}” read as describing {q.people[0].name}, not as the season asked.")
            q.parsed.year, q.parsed.years = None, []
        if parsed.years and intent not in BY_YEAR:
            years = ", ".join(str(y) for y in dict.fromkeys(parsed.years))
            if intent not in YEARLESS:
                answer = q.unknown(intent, f"I can't answer that for a given year ({years}): ask it without the "
                                           f"year.", [])
                rest = " ".join(w for w in parsed.tokens if w not in {str(y) for y in parsed.years})
                if rest:
                    answer.suggestions, answer.choices = [rest], [Question(rest)]
                return answer
            q.assumptions.append(f"Ignored “{years}”: this answer is not by year.")
            q.parsed.year, q.parsed.years = None, []
        answer = HANDLERS[intent](q)
        if "unitsof" in q.parsed.cues and answer.status == ANSWERED:
            _units_of_answer(answer, q.parsed.units, q.event)
        # as run: the intent, sex and events decided here, for a follow-up question to build on
        answer.asked = query.but(intent=intent, sex=q.sex, events=tuple(dict.fromkeys(events)) or query.events,
                                 event_choices=() if events else query.event_choices, assumptions=())
        edition = _edition_run(answer, query)
        if edition is not None:
            # "who won the tokyo olympics jav" ran 2021: a follow-up ("where did vadlejch finish") means that
            # edition, not the latest one held in Tokyo
            answer.asked = answer.asked.but(year=edition, years=(edition,))
        if answer.status == ANSWERED and query.alternatives and not answer.suggestions:
            # an athlete assumed among namesakes: the others, one click away
            answer.suggestions = [label for label, _ in query.alternatives]
            answer.choices = [request for _, request in query.alternatives]
        return answer

    def _span(self, q: Work, intent: str) -> Answer | None:
        """A range of years asked: the Answer that declines it where the answer cannot take one; otherwise the
        range is what the handler reads (as its years, for those that take several)."""
        parsed = q.parsed
        first, last = q.seasons() or (0, 0)
        if intent not in BY_SPAN:
            return q.unknown(intent, f"I can't answer that over a range of years ({q.when().strip()}): ask it for "
                                     f"one year.", [])
        if first > last:
            span = parsed.span or (first, last)
            return q.unknown(intent, f"I have nothing from {span[0]} to {span[1]}: those years are still to come.",
                             [])
        if intent in _SPAN_AS_YEARS:
            parsed.years = list(range(max(first, self.first_year), last + 1)) + parsed.years
            parsed.year = None
        return None

    LIST_INTENTS = ("threshold", "all_time", "record", "on_this_day", "progression", "world_lead")

    def _athletes(self, q: Work, ctx: Context, pins: dict[str, int],
                  alternatives: list[tuple[str, Request]]) -> Answer | None:
        """Resolve every name group (a pinned group is the athlete it is pinned to); an Answer when the
        question cannot go on (ambiguous, unknown, words not understood), whose choices pin the unclear words
        to each candidate. An athlete assumed among namesakes adds the others to `alternatives`."""
        parsed = q.parsed
        intent = parsed.intent
        groups = list(zip(parsed.names, parsed.name_hits, strict=True))  # understand() fills both together
        # A list question ("fastest british 1500 ever") uses a name only when one clearly fits; stray words
        # never make it ambiguous. "before X" needs X.
        optional = intent in self.LIST_INTENTS and "before" not in parsed.cues and bool(
            parsed.events or parsed.event_choices)
        resolved: list = [None] * len(groups)
        placed: set[int] = set()      # the tokens that became athletes (or a quote's words)
        if (intent in ("h2h", "quote") and len(groups) >= 2) or (intent in ("pb", "profile") and len(groups) == 2):
            # rivals tell namesakes apart: "what has kerr said about jakob", "kerr vs ingebrigtsen 1500 pb",
            # "whos older, kerr or ingebrigtsen"
            resolved = self._pair(groups, ctx, pins)
            if intent in ("pb", "profile") and not (resolved[0].person and resolved[1].person):
                resolved = [None] * len(groups)   # no pair raced clearly: each name on its own evidence
            if intent == "h2h" and not (resolved[0].person and resolved[1].person):
                two = self._two_names(groups, parsed.name_at, ctx)
                if two is not None:
                    groups, resolved, parsed.name_at = two
        elif intent in (None, "profile") and "profile" not in parsed.cues and groups \
                and sum(len(ws) for ws, _ in groups) >= 2:
            words = [w for ws, _ in groups for w in ws]
            whole = resolve(self.people, self.conn, words, ctx, groups[0][1] if len(groups) == 1 else frozenset())
            exact = whole.person or (whole.candidates and not whole.fuzzy)
            two = None if exact else self._two_names(groups, parsed.name_at, ctx)
            if two is not None:
                # "bol mclaughlin", "lyles kerley": no one's name, but two athletes who raced each other
                groups, resolved, parsed.name_at = two
                intent = parsed.intent = "h2h"
                q.assumptions.append(f"Read as the head-to-head of {resolved[0].person.name} and "
                                     f"{resolved[1].person.name}.")
        last = None
        for k, (words, hits) in enumerate(groups):
            if (intent == "quote" or (intent == "h2h" and k >= 2)) and q.people:
                # "what did jakob say about kerr"; a third name in a head-to-head: among the others' rivals
                ctx = replace(ctx, rivals=tuple(p.id for p in q.people))
            at = parsed.name_at[k]
            span = range(at, at + len(words))
            pinned = pins.get(" ".join(words))
            if pinned is None and _names_a_meet(parsed.tokens, at, len(words)) and not hits:
                # "at the texas relays", "the hanzekovic memorial": words a meeting's word follows name a meet
                return self._unknown_meet(q, " ".join(parsed.tokens[at:at + len(words) + 1]))
            if pinned is not None and pinned in self.people.people:
                res = last = Resolution(words=" ".join(words), person=self.people.people[pinned])
            else:
                res = last = resolved[k] or resolve(self.people, self.conn, words, ctx, hits)
                if intent == "h2h" and k >= 2 and q.people and res.candidates and not res.person:
                    self._among_rivals(res, q.people)
                elif res.candidates and not res.person and len(groups) > 1 and not ctx.rivals:
                    # "by how much did hocker beat kerr in paris": the other athlete named is evidence too,
                    # whichever comes first (Josh Kerr raced Hocker, Hamish Kerr never did)
                    others = [p.id for p in q.people] + [
                        r.person.id for j, (w, h) in enumerate(groups) if j != k
                        for r in [resolved[j] or resolve(self.people, self.conn, w, ctx, h)] if r.person]
                    if others:
                        paired = resolve(self.people, self.conn, words, replace(ctx, rivals=tuple(others)), hits)
                        if paired.person:
                            res = last = paired
                if not (res.person or res.candidates or res.pair_suggestions) and len(words) > 1:
                    # "kerr bbbbb", "jakob's ego": a name and words that are not part of it
                    split = self._split(q, words, ctx)
                    if split:
                        res, name_span, rest = split
                        span = range(at + name_span.start, at + name_span.stop)
                        if intent == "quote" and q.people:
                            q.parsed.quote_terms.extend(words[i] for i in rest)
                            placed.update(at + i for i in rest)
            if res.person:
                placed.update(span)
                if res.person.id not in [p.id for p in q.people]:
                    q.people.append(res.person)
                if res.assumption:
                    q.assumptions.append(res.assumption)
                # the namesakes not assumed, offered: the same question with the words pinned to each
                alternatives.extend((describe(o), _pinned(q.parsed.text, {**pins, res.words: o.id}))
                                    for o in res.others)
                continue
            if optional and not res.candidates:
                continue   # left unplaced: said below, never guessed

            if intent == "quote" and q.people:
                placed.update(span)
                q.parsed.quote_terms.extend(words)   # "what did jakob say about his competitors"
                continue
            weak = not _athletics_context(parsed) and (res.fuzzy or parsed.intent is None)
            if res.candidates and weak:
                # "what's the weather", "best pizza": a near-miss on a name, nothing else about athletics
                return q.unknown(None, "I'm not sure what you're asking. Try one of these:")
            if res.pair_suggestions:
                answer = q.ambiguous(intent, "Which two athletes do you mean?", res.pair_suggestions)
                answer.choices = [_pinned(q.parsed.text, {**pins, **dict(p)})
                                  for p in res.pair_pins][:len(answer.suggestions)]
                return answer
            if res.candidates and res.fuzzy and not (parsed.events or parsed.event_choices) \
                    and intent in (None, "profile") and "profile" not in parsed.cues:
                answer = q.unknown(None, "I'm not sure what you're asking. Did you mean one of these?",
                                   [describe(p) for p in res.candidates])
                answer.choices = [_profile(p) for p in res.candidates]
                return answer
            if res.candidates:
                answer = q.ambiguous(intent, f"Which athlete do you mean by “{res.words}”?",
                                     [describe(p) for p in res.candidates])
                answer.entities["unclear"] = res.words
                # each choice is the same question with the unclear words pinned to one athlete
                answer.choices = [_pinned(q.parsed.text, {**pins, res.words: p.id})
                                  for p in res.candidates][:len(answer.suggestions)]
                return answer
            if intent in NEEDS_PEOPLE or intent is None:
                if intent is None and not parsed.events and not parsed.meet and len(groups) > 1:
                    continue
                if intent is None or (intent == "profile" and "profile" not in parsed.cues):
                    return self._not_understood(q, list(words))
                if _meet_like(parsed, res.words):
                    return self._unknown_meet(q, res.words)
                if intent in NEEDS_PEOPLE and len(q.people) >= NEEDS_PEOPLE[intent]:
                    # "where does kerrs 3:45.34 sit", "wlodarczyk pb wasnt it 83": the athlete is named; the
                    # word no one is called is a word of the sentence
                    without = self._without(q, list(words))
                    if without is not None:
                        return without
                return q.unknown(intent, f"I don't know an athlete called “{res.words}”.")
        unplaced = self._unplaced(parsed, placed)
        if unplaced:
            return self._not_understood(q, unplaced)
        lone = parsed.intent in (None, "profile") and "profile" not in parsed.cues and q.people \
            and not _athletics_context(parsed) and not any(parsed.name_hits)
        if lone and any(r and r.fuzzy for r in resolved + [last]):
            answer = q.unknown(None, "I'm not sure what you're asking. Did you mean:",
                               [f"who is {p.name}" for p in q.people])
            answer.choices = [_profile(p) for p in q.people]
            return answer
        if lone and all(p.fame < WELL_KNOWN for p in q.people):
            # "tell me a joke" finds a Joke; a lone word that happens to be a little-known name is no question
            return q.unknown(None, "I'm not sure what you're asking. Try one of these:")
        return None

    def _unplaced(self, parsed, placed: set[int]) -> list[str]:
        """The words of the question that nothing placed: no slot, no athlete, no filler word."""
        return [w for i, w in enumerate(parsed.tokens)
                if not parsed.taken[i] and i not in placed and w not in self.vocab.fillers]

    def _split(self, q: Work, words: list[str], ctx: Context) -> tuple[Resolution, range, list[int]] | None:
        """A group no one's name fits whole, read as a name within it plus other words: (the
        resolution, where the name is in the group, the other words' places). In a quote question the name is
        who the quote is about, so only an athlete the speaker raced or fans know ("what did kerr say about
        jakob's ego", but "the sunday podcast" is no Sunday)."""
        n = len(words)
        for size in range(n - 1, 0, -1):
            for name in (range(s, s + size) for s in range(n - size + 1)):
                res = resolve(self.people, self.conn, words[name.start:name.stop], ctx)
                if res.person is None:
                    continue
                if q.parsed.intent == "quote" and q.people:
                    if not (res.person.fame >= WELL_KNOWN or _met(
                            self.conn, [res.person.id], (q.people[0].id,))):
                        continue
                return res, name, [i for i in range(n) if i not in name]
        return None

    def _not_understood(self, q: Work, words: list[str]) -> Answer:
        """Words the engine cannot place are said, never guessed at ("ncaa" is not Naa Anang, a meet that is
        not in the data is no athlete); the question without them is offered when it still reads."""
        without = self._without(q, words)
        if without is not None:
            return without
        shown = " ".join(dict.fromkeys(words))
        what = "it is not an athlete, meet or event" if len(set(words)) == 1 else \
            "they are not athletes, meets or events"
        answer = q.unknown(q.parsed.intent, f"I don't understand “{shown}”: {what} I know, so I won't guess.", [])
        answer.entities["not_understood"] = list(dict.fromkeys(words))
        drop = set(words)
        rest = " ".join(w for w in q.parsed.tokens if w not in drop)
        if rest and understand(rest, self.vocab, self.today()).intent:
            answer.suggestions, answer.choices = [rest], [Question(rest)]
        return answer

    def _without(self, q: Work, words: list[str]) -> Answer | None:
        """The question answered without one plain word that is no name, meet or event ("where did jakob end
        up in that final"), the word said as ignored; None when it may change the question (beside a number, a
        negation, a qualifier: lexicon.MEANING_WORDS), or the question does not read without it."""
        said = list(dict.fromkeys(words))
        t, p = q.parsed.tokens, q.parsed
        near_number = any(t[k].isalpha() is False for i, w in enumerate(t) if w in said
                          for k in (i - 1, i + 1) if 0 <= k < len(t))   # "going into 1981": a date's word
        # "the zorblat mile": a word before an event may say which race ("road mile", "dream mile")
        qualifies = any(i + 1 < len(t) and (t[i + 1],) in self.vocab.event_aliases for i, w in enumerate(t)
                        if w in said)
        asked = p.intent is not None and not (p.intent == "profile" and "profile" not in p.cues)
        if len(said) > 1 or near_number or qualifies or not asked or not all(
                w.isalpha() and w not in lx.MEANING_WORDS and not w.endswith("est") for w in said):
            return None
        # the typed text without the word ("2019-2024" stays a range), as typed words fold to the tokens
        rest = " ".join(w for w in q.parsed.text.split() if said[0] not in tokenize(w)).strip()
        if not rest or understand(rest, self.vocab, self.today()).intent is None:
            return None
        answer = self._answer_one(Question(rest))
        named = {person.id for person in q.people}
        if answer.status != ANSWERED or (answer.asked is not None and not set(answer.asked.athletes) <= named):
            return None   # the word's going made someone else the subject: not the question asked
        shown = " ".join(said)
        return replace(answer, query=q.parsed.text, notes=[
            f"Ignored “{shown}”: not a name, meet or event I know; the question reads without "
            f"{'it' if len(said) == 1 else 'them'}.", *answer.notes])

    def _unheld(self, q: Work) -> Answer | None:
        """"who won the 100 at the euros": a championship my data holds nothing of, declined by its name with
        what the data does cover (never "I don't know an athlete called euros")."""
        named = sorted(f"{name} (“{said}”)" for name, said in
                       (c.split(":", 2)[1:] for c in q.parsed.cues if c.startswith("unheld:")))
        if not named:
            return None
        titles = ("OG", "WCH", "WIC")
        rest = [sid for sid in sorted(self.cat.series) if sid not in titles and self.cat.years_of(sid)]
        dl = sum(1 for sid in rest if sid.startswith("DL-"))
        covered = ", ".join(f"the {self.cat.series_name(sid)}" for sid in titles if self.cat.years_of(sid)) \
            + (f", {dl} Diamond League meetings" if dl else "") \
            + "".join(f", the {self.cat.series_name(sid)}" for sid in rest if not sid.startswith("DL-"))
        return q.unknown(q.parsed.intent, f"My data does not cover the {' or the '.join(named)}: it has the results "
                                          f"of {covered}, and the all-time lists and records.", [])

    def _unknown_meet(self, q: Work, words: str) -> Answer:
        """"who won the 1500 at silesia 2024": a meeting my data does not name, said as such with the ones it
        does (never an athlete called Silesia)."""
        names = sorted({self.cat.series_name(sid) for sid in self.cat.series if self.cat.years_of(sid)})
        answer = q.unknown(q.parsed.intent, f"I don't know a meeting (or an athlete) called “{words}”. The meetings "
                                            f"I have results of: {', '.join(names)}.", [])
        answer.entities["not_understood"] = words.split()
        return answer

    def _two_names(self, groups, name_at: list[int], ctx: Context):
        """A head-to-head whose names run together with nothing between them ("h2h ferguson rotich emmanuel
        korir", read word by word as Ferguson / Rotich Emmanuel / Korir): the one cut of the run into two names
        that are each one athlete, who raced each other. (groups, resolutions, where each starts) or None."""
        if any(name_at[k + 1] != name_at[k] + len(groups[k][0]) for k in range(len(groups) - 1)):
            return None
        words = [w for ws, _ in groups for w in ws]
        found = []
        for cut in range(1, len(words)):
            a = resolve(self.people, self.conn, words[:cut], ctx)
            b = resolve(self.people, self.conn, words[cut:], ctx)
            if a.fuzzy or b.fuzzy:
                continue
            # each side one athlete, or namesakes of whom one pair clearly raced each other most ("bol
            # mclaughlin": Femke Bol and Sydney McLaughlin-Levrone)
            pairs = pairs_by_races(self.conn, [a.person] if a.person else a.candidates,
                                   [b.person] if b.person else b.candidates)
            pairs = [x for x in pairs if x[1].id != x[2].id]
            if _clear_pair(pairs):
                x, y = pairs[0][1], pairs[0][2]
                found.append((cut, Resolution(a.words, person=x, assumption=None if a.person else read_as(
                    a.words, x, [])), Resolution(b.words, person=y, assumption=None if b.person else read_as(
                    b.words, y, []))))
        if len(found) != 1:
            return None
        cut, a, b = found[0]
        return ([(words[:cut], frozenset()), (words[cut:], frozenset())], [a, b],
                [name_at[0], name_at[0] + cut])

    def _pair(self, groups, ctx: Context, pins: dict[str, int] | None = None) -> list:
        """Head-to-head: each side resolved among the other's rivals ("kerr vs ingebrigsten"); a side pinned to
        an athlete ("ingebrigtsen vs him") is that athlete."""
        (wa, ha), (wb, hb) = groups[0], groups[1]

        def one(words, hits) -> Resolution:
            pid = (pins or {}).get(" ".join(words))
            if pid is not None and pid in self.people.people:
                return Resolution(words=" ".join(words), person=self.people.people[pid])
            return resolve(self.people, self.conn, words, ctx, hits)
        a, b = one(wa, ha), one(wb, hb)
        ka, kb = " ".join(wa), " ".join(wb)
        if a.person and not b.person and b.candidates:
            b = resolve(self.people, self.conn, wb, replace(ctx, rivals=(a.person.id,)), hb)
        if b.person and not a.person and a.candidates:
            a = resolve(self.people, self.conn, wa, replace(ctx, rivals=(b.person.id,)), ha)
        for side, other in ((a, b), (b, a)):
            if other.person and not side.person and side.candidates:
                pairs = pairs_by_races(self.conn, side.candidates, [other.person])
                if _clear_pair(pairs):
                    # "lyles or kerley": Noah Lyles, who raced Kerley most and whom fans know far better
                    side.person = pairs[0][1]
                    side.others = [x for _, x, _ in pairs[1:]]
                    side.assumption = read_as(side.words, side.person, side.others)
                    side.candidates = []
        if a.person and not b.person and b.candidates:
            b.pair_suggestions = [f"{a.person.name} vs {c.name}" for c in b.candidates]
            b.pair_pins = [((ka, a.person.id), (kb, c.id)) for c in b.candidates]
        elif b.person and not a.person and a.candidates:
            a.pair_suggestions = [f"{c.name} vs {b.person.name}" for c in a.candidates]
            a.pair_pins = [((ka, c.id), (kb, b.person.id)) for c in a.candidates]
        elif not a.person and not b.person and a.candidates and b.candidates:
            pairs = pairs_by_races(self.conn, a.candidates, b.candidates)
            if _clear_pair(pairs):
                a.person, b.person = pairs[0][1], pairs[0][2]
                a.assumption = f"“{a.words}” read as {a.person.name} and “{b.words}” as {b.person.name}: " \
                               f"they raced each other most"
            elif pairs:
                # offer the pairs who actually raced each other, as questions to click
                a.pair_suggestions = [f"{x.name} vs {y.name}" for _, x, y in pairs[:5]]
                a.pair_pins = [((ka, x.id), (kb, y.id)) for _, x, y in pairs[:5]]
        for side, other in ((a, b), (b, a)):
            if side.person and other.person and side.others:
                # a head-to-head's other namesakes worth offering are those who raced the other side
                met = _met(self.conn, [o.id for o in side.others], (other.person.id,))
                side.others = [o for o in side.others if met.get(o.id)]
                if side.assumption and side.assumption.startswith(f"“{side.words}” read as"):
                    side.assumption = read_as(side.words, side.person, side.others)
        return [a, b] + [None] * (len(groups) - 2)

    def _among_rivals(self, res: Resolution, rivals: list) -> None:
        """A third name in a head-to-head ("benjamin or dos santos" against warholm): the namesake who raced the
        others far more often, when one clearly did (the same rule as a pair's), said as assumed."""
        met = _met(self.conn, [c.id for c in res.candidates], tuple(p.id for p in rivals))
        pairs = sorted(((met[c.id], c, rivals[0]) for c in res.candidates if met.get(c.id)), key=lambda x: -x[0])
        if _clear_pair(pairs):
            res.person = pairs[0][1]
            res.others = [x for _, x, _ in pairs[1:]]
            res.assumption = read_as(res.words, res.person, res.others)
            res.candidates = []

    def _event_of_their_mark(self, q: Work) -> str | None:
        """The one event in which the athlete named made the mark typed (a 3:43.73 is a mile for Ingebrigtsen,
        though 1500 m times look alike), or None."""
        values = []
        for m in q.parsed.marks:
            try:
                values.append(marks.parse_time(m)[0])
            except ValueError:
                continue
        if not values:
            return None
        near = " OR ".join("abs(res.mark_value - ?) < 0.005" for _ in values)
        codes = {c for (c,) in self.conn.execute(
            f"SELECT DISTINCT e.code FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON "
            f"e.id = r.event_id WHERE res.athlete_id = ? AND ({near})", (q.people[0].id, *values))}
        return codes.pop() if len(codes) == 1 else None

    def _event_for_mark(self, q: Work, text: str) -> str | None:
        """The event a bare mark belongs to ("under 9.70" for Bolt is the 100 m, "cleared 6m" for Duplantis the
        pole vault): the athlete's event where it is close to their best, or with no athlete the event where it
        is the likeliest barrier next to the world record (bot/ask/thresholds.py)."""
        lower = thresholds.direction(q.parsed.cues)
        if q.people:
            code = thresholds.athlete_event(self.cat, self.conn, q.people[0].id, q.people[0].sex, text, lower)
        else:
            sex = q.sex or "M"
            fitting = thresholds.events_for(self.cat, self.conn, text, sex, lower)
            track = [c for _, c in fitting if self.cat.events[(c, sex)].kind in ("track", "road")]
            picks = track or [c for _, c in fitting]
            code = picks[0] if picks else None
        if code:
            q.assumptions.append(f"“{text}” read as a {code} mark.")
        return code

    def _record_event(self, q: Work) -> str | None:
        """The event of the athlete's record a question means: one set in the year (at the meet) it names
        ("whose british record did kerr break at pre 2024": the mile), else the standing one, the latest."""
        p = q.parsed
        kind = p.scope or ("national" if p.region else "world")
        days = [c for y in ([p.year] if p.year else []) for c in self.cat.competitions.get((p.meet, y), [])
                if c.start_date] if p.meet else []
        when, args = "", []
        if days:
            when = " AND (" + " OR ".join("rec.date BETWEEN ? AND ?" for _ in days) + ")"
            args = [d for c in days for d in (c.start_date, _days_after(c.start_date, 3))]
        elif p.year:
            when, args = " AND substr(rec.date, 1, 4) = ?", [str(p.year)]
        for extra, extra_args in ((when, args), ("", [])):
            row = self.conn.execute(
                "SELECT e.code FROM records rec JOIN events e ON e.id = rec.event_id WHERE rec.athlete_id = ? "
                f"AND rec.kind = ?{extra} GROUP BY e.code ORDER BY max(rec.current) DESC, max(rec.date) DESC LIMIT 1",
                (q.people[0].id, kind, *extra_args)).fetchone()
            if row:
                return row[0]
        return None

    def _relays_run(self, q: Work, codes: list[str]) -> list[str]:
        """Of these relays, the ones the question's athletes ran as a team's runner."""
        if not q.people:
            return []
        marks = ",".join("?" * len(codes))
        got = {c for (c,) in self.conn.execute(
            f"SELECT DISTINCT e.code FROM relay_members m JOIN events e ON e.id = m.event_id "
            f"WHERE m.athlete_id = ? AND e.code IN ({marks})", (q.people[0].id, *codes))}
        return [c for c in codes if c in got]

    def _main_event(self, q: Work) -> str | None:
        """The event an athlete has most results in (for "mondo sb 2024")."""
        row = self.conn.execute(
            "SELECT e.code FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id "
            "WHERE res.athlete_id = ? GROUP BY e.code ORDER BY count(*) DESC LIMIT 1", (q.people[0].id,)).fetchone()
        if row:
            q.assumptions.append(f"No event given: {row[0]}, the event {q.people[0].name} has most results in.")
        return row[0] if row else None


_OTHER = {"M": "W", "W": "M"}
# Answers about an event's record or list, whose next questions are the other sex's, the progression, …
_EVENT_LISTS = frozenset({"record", "progression", "all_time", "world_lead"})


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]

_WIND_WORDS = frozenset({"wind", "aided", "assisted", "windy"})


def _no_cross_country(q: Work) -> Answer:
    return q.unknown(q.parsed.intent, "I have no cross-country results apart from the Olympic Games' cross-country "
                                      "races: my data holds track, road, walks, jumps, throws and combined events.", [])


def _not_held(q: Work) -> Answer | None:
    """What my data cannot hold, said as such rather than answered with something else: wind-aided marks
    (World Athletics' toplists list legal marks only), offering the same question about legal marks."""
    p = q.parsed
    if "crosscountry" in p.cues:
        # only the Olympics hold cross country here: "world xc", "bekele cross country wins" are other races
        if p.meet != "OG" and not (p.names and "medals" in p.cues and "world" not in p.tokens):
            return _no_cross_country(q)
        # the Olympic cross-country races are in the medallists' file: "nurmi cross country golds"
        p.events = p.events or ["XC"]
    if "windy" not in p.cues:
        return None
    legal = " ".join(w for w in tokenize(p.text) if w not in _WIND_WORDS)
    answer = q.unknown(p.intent, "I only have wind-legal marks: the World Athletics lists my data comes from leave "
                                 "out wind-aided ones (over +2.0 m/s), so I can't answer about those.", [])
    if legal.strip():
        answer.suggestions, answer.choices = [legal], [Question(legal)]
    return answer


def _meeting_cities(conn: sqlite3.Connection, meet_aliases: dict[tuple[str, ...], str],
                    hosts: dict[tuple[str, ...], dict[int, str]]) -> dict[tuple[str, ...], tuple[str, set[int]]]:
    """A Diamond League meeting's city names it ("kipyegon in florence in 2023": the Golden Gala), in the
    sources' spelling and in English, so the city is the place and not an athlete called Florence. A
    championship city is left to the host cities (the city and a year say which), as is an alias already
    taken. Returns the aliases added, with the years the meeting was held in that city."""
    # every edition of a Diamond League series, those before the League included (Bislett 1985)
    rows = conn.execute("SELECT series_id, city, year FROM competitions WHERE series_id LIKE 'DL-%' "
                        "AND city IS NOT NULL").fetchall()
    added: dict[tuple[str, ...], tuple[str, set[int]]] = {}
    for sid, city, year in rows:
        key = tuple(tokenize(city))
        english = lx.CITY_EXONYMS.get(" ".join(key))
        for k in (key, tuple(english.split()) if english else ()):
            if k and k not in hosts and " ".join(k) not in lx.NATIONS and not set(k) & lx.STOPWORDS \
                    and meet_aliases.setdefault(k, sid) == sid:
                added.setdefault(k, (sid, set()))[1].add(year)
    return added


def _not_at_venue(q: Work, venue: Venue, year: int) -> Answer | None:
    """"the mile at hayward in 2019": Hayward Field held no meeting of my data that year; said, with where the
    meeting it holds was held that year and the years it was held there. Where my data has that year's
    meeting but not its stadium (the 1985 Bislett Games: "Oslo"), it is answered, and the unknown said."""
    if year in venue.years:
        return None
    p = q.parsed
    comps = [c for sid in venue.meetings for c in q.cat.competitions.get((sid, year), []) if c.venue]
    unnamed = [c for c in comps if c.series_id == p.meet and stadium_of(c.venue) is None]
    if unnamed:
        q.assumptions.append(f"My data does not name the stadium of {competition_words(unnamed[0], q.cat)}, only "
                             f"{unnamed[0].venue}")
        return None
    where = [f"{competition_words(c, q.cat)} took place at {c.venue}" for c in comps]
    return q.unknown(p.intent, f"I have no meeting at {venue.name} in {year}" + (f": {'; '.join(where)}" if where else "")
                     + f". My data has meetings there in {year_ranges(venue.years)}.", [])


def _elsewhere(q: Work, cities: dict[tuple[str, ...], tuple[str, set[int]]],
               venues: Mapping[tuple[str, ...], Venue]) -> Answer | None:
    """"in florence in 2019": the Golden Gala that year was in Rome; said, not answered with it."""
    p = q.parsed
    if p.venue is not None and p.year is not None:
        return _not_at_venue(q, venues[p.venue], p.year)
    if p.meet is None or p.year is None:
        return None
    t = p.tokens
    for key, (sid, years) in cities.items():
        named = any(tuple(t[i:i + len(key)]) == key for i in range(len(t)))
        elsewhere = q.conn.execute("SELECT 1 FROM competitions WHERE series_id = ? AND year = ? AND city IS NOT "
                                   "NULL", (sid, p.year)).fetchone() is not None   # where it was, known
        if named and sid == p.meet and p.year not in years and elsewhere:
            name = q.cat.series_name(sid)
            held = ", ".join(str(y) for y in sorted(years))
            return q.unknown(p.intent, f"The {p.year} {name} was not held in {' '.join(key).title()}: my data has "
                                       f"it there in {held}.", [])
    return None




def _units_of_answer(answer: Answer, units: list[str], event: str | None) -> None:
    """"kiptum's wr pace per km", "powell's wr in feet": the answer's first mark in the units asked, added to
    its headline (said as not convertible when it has no such reading)."""
    row = next((r for r in answer.rows if r.mark), None)
    code = (row.event if row is not None else None) or event
    said = conversions.in_units_of(row.mark, code, units) if row is not None and row.mark and code else None
    answer.headline += f" {said[0].upper()}{said[1:]}." if said else " (I can give a pace only for a time over a " \
                                                                    "distance, and feet only for a jump or throw.)"


def _was_it_the_record(race: Answer, record: Answer) -> str:
    """"… result and was it a wr": "Yes: " when the race's winning mark is the record; "No: " when the record
    was set before the race with another mark (so it stood that day); else "" (a record since broken may
    have been one then: the answer says only what it knows)."""
    if race.intent not in RACE or record.intent != "record" or not race.rows or not record.rows:
        return ""
    won, held = race.rows[0], record.rows[0]
    if not (won.mark and held.mark and won.date and held.date):
        return ""
    if won.mark == held.mark and won.date == held.date:
        return "Yes: "
    return "No: " if held.date < won.date else ""


def _edition_run(answer: Answer, query: Query) -> int | None:
    """The year of the one edition a race answer ran when the question gave none (it chose the latest)."""
    if answer.intent not in RACE or answer.status != ANSWERED or query.year is not None or query.years \
            or (query.meet is None and query.meet_by_city is None):
        return None
    years = {int(r.date[:4]) for r in answer.rows if r.date and r.date[:4].isdigit()}
    return years.pop() if len(years) == 1 else None


def _lacked(q: Work) -> Answer | None:
    """"how tall is X", "X's coach": an attribute no source holds is declined by name, offering what I do
    have of the athlete (their profile), never answered with the profile as if it were the answer."""
    lacked = sorted(c[len("lacks_"):].replace("_", " ") for c in q.parsed.cues if c.startswith("lacks_"))
    if not lacked:
        return None
    answer = q.unknown(q.parsed.intent, f"I have no {and_list(lacked)} in my data: it holds results, records, "
                                        f"medals, and athletes' nations and dates of birth.", [])
    if q.people:
        ask = f"who is {q.people[0].name}"
        answer.suggestions, answer.choices = [ask], [Question(ask)]
    return answer


def _days_after(iso: str | None, n: int) -> str:
    """The date n days after an ISO date (a meeting's last possible day from its first)."""
    return (dt.date.fromisoformat((iso or "")[:10]) + dt.timedelta(days=n)).isoformat()


_MEET_WORDS = frozenset({"memorial", "meeting", "meet", "classic", "invitational", "grand", "prix", "gp", "games",
                         "open", "league", "championships", "champs", "trophy", "cup", "relays", "gala"})


_NAMING_WORDS = frozenset({"memorial", "classic", "invitational", "relays", "meeting", "meet", "gp", "grand",
                           "trophy", "cup", "gala"})


def _names_a_meet(tokens: list[str], at: int, n: int) -> bool:
    """Whether the words at tokens[at:at+n] are a meeting's name: after "at" (or "at the") and before a word
    meetings are named with ("texas relays", "hanzekovic memorial")."""
    before = tokens[max(0, at - 2):at]
    after = tokens[at + n] if at + n < len(tokens) else ""
    return "at" in before and after in _NAMING_WORDS


def _meet_like(p, words: str) -> bool:
    """Whether unknown words read as a meeting: after "at" (or "at the"), or beside a meeting word, in a question
    about a race (an event, a win or a place asked) that names no meet."""
    if p.meet is not None or p.meet_by_city is not None or not (p.events or p.event_choices):
        return False
    t, ws = p.tokens, words.lower().split()
    at = next((i for i in range(len(t) - len(ws) + 1) if t[i:i + len(ws)] == ws), None)
    if at is None:
        return False
    before = t[max(0, at - 2):at]
    after = t[at + len(ws):at + len(ws) + 1]
    return "at" in before or bool(_MEET_WORDS & set(before + after + ws))


def _clear_pair(pairs: list) -> bool:
    """Whether one pair of namesakes is clearly the one a head-to-head means: the only pair who raced each
    other, or one who raced far more often, or both twice as often and twice as well known where the pairs
    differ (Noah Lyles, not Josephus, with Fred Kerley: 12 races to 4, fame 97 to 25)."""
    if not pairs:
        return False
    if len(pairs) == 1 or pairs[0][0] >= FAME_MARGIN * pairs[1][0]:
        return True
    (n1, a1, b1), (n2, a2, b2) = pairs[0], pairs[1]
    fame1 = (a1.fame if a1.id != a2.id else 0) + (b1.fame if b1.id != b2.id else 0)
    fame2 = (a2.fame if a1.id != a2.id else 0) + (b2.fame if b1.id != b2.id else 0)
    return n1 >= 2 * n2 and fame1 >= 2 * fame2


def _has(name: str) -> str:
    """"The 2032 Olympic Games have", "the 3024 Prefontaine Classic has"."""
    return "have" if name.endswith(("Games", "Championships")) else "has"


def _athletics_context(p) -> bool:
    return bool(p.events or p.event_choices or p.meet or p.meet_by_city or p.year or p.scope or p.marks
                or p.cues - {"profile", "howmany", "best"})


def _pinned(text: str, pins: dict[str, int]) -> Request:
    return Question(text, tuple(pins.items()))


def _profile(p) -> Request:
    """The profile of one athlete, as a typed query (a "did you mean" choice)."""
    return Query("profile", f"who is {p.name}", athletes=(p.id,), cues=frozenset({"profile"}))


EXTRA_MEETS = {
    "olympics": "OG", "olympic games": "OG", "olympic": "OG", "og": "OG", "the games": "OG", "oly": "OG", "olys": "OG", "olympix": "OG",
    "olympic champs": "OG", "bowerman": "DL-EUGENE",
    "world athletics championships": "WCH", "world athletics champs": "WCH",
    "worlds": "WCH", "world championships": "WCH", "world champs": "WCH", "wch": "WCH", "wc": "WCH",
    "world outdoor championships": "WCH", "world outdoors": "WCH", "world championship": "WCH",
    "world title": "WCH", "world titles": "WCH", "world champ": "WCH", "olympic title": "OG",
    "olympic titles": "OG", "world indoor title": "WIC",
    "world indoors": "WIC", "world indoor championships": "WIC", "wic": "WIC", "world indoor champs": "WIC",
    "indoor worlds": "WIC", "pre": "DL-EUGENE", "prefontaine": "DL-EUGENE", "prefontaine classic": "DL-EUGENE",
    "pre classic": "DL-EUGENE", "bowerman mile": "DL-EUGENE", "eugene dl": "DL-EUGENE",
    "bislett": "DL-OSLO", "bislett games": "DL-OSLO", "oslo dl": "DL-OSLO", "dream mile": "DL-OSLO",
    "weltklasse": "DL-ZURICH", "zurich": "DL-ZURICH", "golden gala": "DL-ROME", "herculis": "DL-MONACO",
    "monaco": "DL-MONACO", "millrose": "MILLROSE", "millrose games": "MILLROSE", "wanamaker mile": "MILLROSE",
    "van damme": "DL-BRUSSELS", "memorial van damme": "DL-BRUSSELS", "athletissima": "DL-LAUSANNE",
    "bauhaus galan": "DL-STOCKHOLM",
}


def _seconds(text: str) -> float:
    """A threshold as seconds ('52' 52.0, '3:50' 230.0); 0 when it is no time."""
    try:
        return marks.parse_time(text)[0]
    except marks.MarkError:
        return 0.0


_DOES = {"run": "run", "ran": "run", "running": "run", "runs": "run", "clock": "run", "clocked": "run",
         "jump": "jump", "jumped": "jump", "jumps": "jump", "cleared": "jump", "vaulted": "jump",
         "throw": "throw", "threw": "throw", "throws": "throw", "thrown": "throw"}


def _does(tokens: list[str]) -> str | None:
    """What the question's verb says the athlete does: "run", "jump", "throw" (one of them only)."""
    found = {_DOES[t] for t in tokens if t in _DOES}
    return found.pop() if len(found) == 1 else None
