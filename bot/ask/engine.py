"""The question engine: understand -> resolve -> query -> Answer.

Reference data is read-only, so the engine keeps its own SQLite connection and in-memory indexes (events,
meets, athlete names) built once. answer() is async for the bot: the work runs on one worker thread, so a
slow question never blocks the event loop and the connection is only ever used from that thread.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import logging
import sqlite3
from pathlib import Path
from typing import Callable

from bot.ask import athletes, lexicon as lx, records, results, talk
from bot.ask.answer import UNKNOWN, Answer
from bot.ask.catalogue import Catalogue, Query
from bot.ask.people import Context, PeopleIndex, resolve
from bot.ask.understand import Vocabulary, event_alias_table, tokenize, understand

log = logging.getLogger(__name__)

HANDLERS: dict[str, Callable[[Query], Answer]] = {
    "winner": results.race_answer, "podium": results.race_answer, "place": results.race_answer,
    "results": results.race_answer, "medal_count": results.medal_count,
    "record": records.record, "progression": records.progression, "on_this_day": records.on_this_day,
    "pb": athletes.personal_best, "sb": athletes.season_best, "world_lead": athletes.world_lead,
    "profile": athletes.profile, "count": athletes.count, "threshold": athletes.threshold,
    "all_time": athletes.all_time, "h2h": athletes.head_to_head,
    "convert": talk.convert, "quote": talk.quote,
}
# Intents that need an athlete, and how many
NEEDS_PEOPLE = {"pb": 1, "sb": 1, "profile": 1, "count": 1, "medal_count": 1, "h2h": 2, "quote": 1}


class Engine:
    def __init__(self, conn: sqlite3.Connection, today: Callable[[], dt.date] = dt.date.today):
        self.conn = conn
        self.today = today
        self.cat = Catalogue(conn)
        self.people = PeopleIndex.load(conn)
        meet_aliases: dict[tuple[str, ...], str] = {}
        for sid, (name, _level, aliases) in self.cat.series.items():
            for alias in (name, *aliases):
                key = tuple(tokenize(alias))
                if key and key not in (("games",), ("wc",)):
                    meet_aliases.setdefault(key, sid)
        for alias, sid in EXTRA_MEETS.items():
            meet_aliases[tuple(tokenize(alias))] = sid
        self.vocab = Vocabulary(meet_aliases, self.cat.host_cities(), self.people.full_name_table(),
                                event_alias_table())
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="ask")

    @classmethod
    def open(cls, path: Path | str, today: Callable[[], dt.date] = dt.date.today) -> "Engine":
        conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True, check_same_thread=False)
        return cls(conn, today)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self.conn.close()

    async def answer(self, question: str) -> Answer:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self.answer_now, question)

    def answer_now(self, question: str) -> Answer:
        """Answer on the calling thread (the CLI and benchmarks); never raises."""
        question = (question or "").strip()
        try:
            return self._answer(question)
        except Exception:  # the bot must answer every question; the log keeps the traceback
            log.exception("question failed: %r", question[:200])
            return Answer(question, UNKNOWN, None, "Sorry, I could not work that question out.",
                          suggestions=list(lx.EXAMPLES[:4]))

    def _answer(self, question: str) -> Answer:
        today = self.today()
        parsed = understand(question, self.vocab, today)
        q = Query(parsed, self.cat, self.conn, today, assumptions=list(parsed.assumptions))
        if not question:
            return q.unknown(None, "Ask me about results, records or athletes, for example:")
        q.sex = parsed.sex
        events = list(parsed.events)
        # Athletes first: their sex picks between events such as the 100 m and 110 m hurdles.
        ctx = Context(sex=parsed.sex, event_codes=tuple(events + [c for ch in parsed.event_choices for c in ch]),
                      year=parsed.year, nation=parsed.nation)
        intent = parsed.intent
        for words, hits in zip(parsed.names, parsed.name_hits):
            if intent in ("threshold", "all_time", "record", "on_this_day", "progression") and not hits \
                    and "before" not in parsed.cues:
                break  # stray words in a list question are not athletes
            ctx.rivals = tuple(p.id for p in q.people) if intent == "h2h" else ()
            res = resolve(self.people, self.conn, words, ctx, hits)
            if res.person is None and res.candidates and intent == "h2h" and len(q.people) == 0 \
                    and len(parsed.names) == 2:
                # "kerr vs ingebrigsten": resolve the other side first, then this one among its rivals
                other = resolve(self.people, self.conn, parsed.names[1], ctx, parsed.name_hits[1])
                if other.person:
                    ctx.rivals = (other.person.id,)
                    res = resolve(self.people, self.conn, words, ctx, hits)
            if res.person:
                if res.person.id not in [p.id for p in q.people]:
                    q.people.append(res.person)
                if res.assumption:
                    q.assumptions.append(res.assumption)
            elif res.candidates and res.fuzzy and not _athletics_context(parsed):
                # "what's the weather": a near-miss on a name, and nothing else about athletics
                return q.unknown(None, "I'm not sure what you're asking. Try one of these:")
            elif res.candidates:
                return q.ambiguous(intent, f"Which athlete do you mean by “{res.words}”?",
                                   [_describe(p) for p in res.candidates])
            elif intent in NEEDS_PEOPLE or intent is None:
                # a word that names no one: say so rather than answer about someone else
                if intent is None and not parsed.events and not parsed.meet:
                    continue
                return q.unknown(intent, f"I don't know an athlete called “{res.words}”.")
        if intent is None and q.people:
            intent = "profile"
        if intent is None:
            return q.unknown(None, "I'm not sure what you're asking. Try one of these:")
        need = NEEDS_PEOPLE.get(intent, 0)
        if len(q.people) < need:
            return q.unknown(intent, "Which athlete?" if need == 1 else "Which two athletes?")
        if q.sex is None and q.people and intent not in ("h2h",):
            q.sex = q.people[0].sex
        # The event: from the question, or the sex picks among choices ("hurdles")
        for choice in parsed.event_choices:
            pick = [c for c in choice if self.cat.event(c, q.sex or "M") and _sex_fits(c, q.sex)]
            if pick:
                if q.sex is None:
                    q.assumptions.append(f"“hurdles” read as the {pick[0]}: say women's for the 100 m hurdles")
                events.append(pick[0])
        q.event = events[0] if events else None
        q.parsed.events = events
        return HANDLERS[intent](q)


def _athletics_context(p) -> bool:
    return bool(p.events or p.event_choices or p.meet or p.meet_by_city or p.year or p.scope or p.marks
                or p.cues - {"profile", "howmany", "best"})


def _sex_fits(code: str, sex: str | None) -> bool:
    if code == "110mH":
        return sex in (None, "M")
    if code == "100mH":
        return sex == "W"
    return True


def _describe(p) -> str:
    bits = [p.nationality or "", (p.birth_date or "")[:4]]
    extra = ", ".join(b for b in bits if b)
    return f"{p.name} ({extra})" if extra else p.name


EXTRA_MEETS = {
    "olympics": "OG", "olympic games": "OG", "olympic": "OG", "og": "OG", "the games": "OG",
    "worlds": "WCH", "world championships": "WCH", "world champs": "WCH", "wch": "WCH", "wc": "WCH",
    "world outdoor championships": "WCH", "world outdoors": "WCH",
    "world indoors": "WIC", "world indoor championships": "WIC", "wic": "WIC", "world indoor champs": "WIC",
    "indoor worlds": "WIC", "pre": "DL-EUGENE", "prefontaine": "DL-EUGENE", "prefontaine classic": "DL-EUGENE",
    "pre classic": "DL-EUGENE", "bowerman mile": "DL-EUGENE", "eugene dl": "DL-EUGENE",
    "bislett": "DL-OSLO", "bislett games": "DL-OSLO", "oslo dl": "DL-OSLO", "dream mile": "DL-OSLO",
    "weltklasse": "DL-ZURICH", "zurich": "DL-ZURICH", "golden gala": "DL-ROME", "herculis": "DL-MONACO",
    "monaco": "DL-MONACO", "millrose": "MILLROSE", "millrose games": "MILLROSE", "wanamaker mile": "MILLROSE",
    "van damme": "DL-BRUSSELS", "memorial van damme": "DL-BRUSSELS", "athletissima": "DL-LAUSANNE",
    "bauhaus galan": "DL-STOCKHOLM",
}
