"""The quote pool: quotes from the reference database (each with its source) plus quotes a server's users
added, kept in the state store with who added them and where they come from.

ingest(text) reads a pasted article with bot/quotes/extract.py and returns candidates; nothing is saved
until the caller confirms some of them with save() (the cog shows them first), which saves them all in one
transaction: when the database is unavailable (StoreUnavailable, after the store's retries), none is.
"""
from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.common import names
from bot.common.clock import Clock, stamp
from bot.quotes.extract import extract
from bot.state.store import IntegrityError, StateStore

MAX_TEXT = 1000


class QuoteError(ValueError):
    """A quote that cannot be added; the message says why (shown to the user)."""


@dataclass(frozen=True)
class Quote:
    id: str                    # "ref:3" (reference database) or "user:12" (state store)
    text: str
    speaker: str
    speaker_id: int | None     # athletes.id when known
    context: str
    date: str | None
    source: str                # a source name or a URL / publication
    added_by: int | None = None


@dataclass(frozen=True)
class Candidate:
    """A quote found in an article, waiting for confirmation."""
    text: str
    speaker: str
    speaker_id: int | None
    context: str
    confidence: str            # "high" when an attribution verb ties speaker and quote


def text_key(text: str) -> str:
    return names.fold(text)


class QuotePool:
    """`clock` stamps when a quote was added (the bot's injected clock)."""

    def __init__(self, store: StateStore, clock: Clock, ref: sqlite3.Connection | None = None):
        self.store = store
        self.clock = clock
        self.ref = ref

    @classmethod
    def open(cls, store: StateStore, clock: Clock, ref_path: Path | str | None) -> QuotePool:
        ref = sqlite3.connect(f"file:{ref_path}?mode=ro", uri=True, check_same_thread=False) if ref_path else None
        return cls(store, clock, ref)

    # -- reading

    def reference_quotes(self) -> list[Quote]:
        if self.ref is None:
            return []
        rows = self.ref.execute(
            "SELECT q.id, q.text, q.speaker_name, q.speaker_id, q.context, q.date, coalesce(s.name, q.source_id) "
            "FROM quotes q LEFT JOIN sources s ON s.id = q.source_id ORDER BY q.id").fetchall()
        return [Quote(f"ref:{i}", t, sp, sid, ctx or "", d, src) for i, t, sp, sid, ctx, d, src in rows]

    async def user_quotes(self, guild_id: int | None) -> list[Quote]:
        rows = await self.store.fetchall(
            "SELECT id, text, speaker, speaker_id, context, date, source, added_by FROM user_quotes "
            "WHERE guild_id = ? ORDER BY id", (guild_id or 0,))
        return [Quote(f"user:{r[0]}", r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows]

    async def all(self, guild_id: int | None) -> list[Quote]:
        return self.reference_quotes() + await self.user_quotes(guild_id)

    async def random(self, guild_id: int | None, rng: random.Random | None = None,
                     speaker: str | None = None) -> Quote | None:
        pool = await self.all(guild_id)
        if speaker:
            want = names.fold(speaker)
            pool = [q for q in pool if want in names.fold(q.speaker)]
        return (rng or random).choice(pool) if pool else None

    async def search(self, guild_id: int | None, query: str, limit: int = 10) -> list[Quote]:
        """Quotes whose speaker or text has every word of the query (accents and case ignored)."""
        words = names.fold(query).split()
        if not words:
            return []
        out = []
        for q in await self.all(guild_id):
            hay = f" {names.fold(q.speaker)} {names.fold(q.text)} "
            if all(f" {w}" in hay for w in words):
                out.append(q)
        return out[:limit]

    # -- adding

    def resolve_speaker(self, speaker: str) -> int | None:
        """The athlete a speaker's name means, when exactly one athlete has that full name."""
        if self.ref is None or not speaker.strip():
            return None
        key = names.fold(speaker)
        ids = {a for (a,) in self.ref.execute(
            "SELECT DISTINCT athlete_id FROM athlete_aliases WHERE folded = ? "
            "UNION SELECT id FROM athletes WHERE name = ?", (key, speaker.strip()))}
        team = set()
        if ids:
            marks = ",".join("?" * len(ids))
            team = {a for (a,) in self.ref.execute(f"SELECT id FROM athletes WHERE is_team = 1 AND id IN ({marks})",
                                                   tuple(ids))}
        ids -= team
        return next(iter(ids)) if len(ids) == 1 else None

    async def add(self, guild_id: int | None, text: str, speaker: str, source: str, added_by: int, *,
                  context: str = "", date: str | None = None, speaker_id: int | None = None) -> Quote:
        text, speaker, source, key, speaker_id = self._checked(text, speaker, source, speaker_id)
        try:
            async with self.store.write() as tx:
                new_id = await tx.insert_returning_id(
                    _INSERT, (guild_id or 0, text, key, speaker, speaker_id, context, date, source, added_by,
                              stamp(self.clock)))
        except IntegrityError:      # UNIQUE (guild_id, text_key): also when another process added it just now
            raise QuoteError("That quote is already in the pool.") from None
        return Quote(f"user:{new_id}", text, speaker, speaker_id, context, date, source, added_by)

    def _checked(self, text: str, speaker: str, source: str,
                 speaker_id: int | None) -> tuple[str, str, str, str, int | None]:
        """A quote's fields tidied and checked (QuoteError says what is wrong), with its key and speaker."""
        text, speaker, source = " ".join((text or "").split()), " ".join((speaker or "").split()), (source or "").strip()
        if not text:
            raise QuoteError("The quote is empty.")
        if len(text) > MAX_TEXT:
            raise QuoteError(f"The quote is longer than {MAX_TEXT} characters.")
        if not speaker:
            raise QuoteError("Who said it? A quote needs its speaker.")
        if not source:
            raise QuoteError("Where is it from? A quote needs a source (a link or a publication).")
        key = text_key(text)
        if any(text_key(q.text) == key for q in self.reference_quotes()):
            raise QuoteError("That quote is already in the pool.")
        if speaker_id is None:
            speaker_id = self.resolve_speaker(speaker)
        return text, speaker, source, key, speaker_id

    def ingest(self, article: str) -> list[Candidate]:
        """Quotes found in an article, with their speakers, for the user to confirm. Saves nothing."""
        out, seen = [], set()
        for e in extract(article or ""):
            key = text_key(e.text)
            if not key or key in seen or not e.speaker:
                continue
            seen.add(key)
            out.append(Candidate(e.text, e.speaker, self.resolve_speaker(e.speaker), e.context, e.confidence))
        return out

    async def save(self, guild_id: int | None, candidates: list[Candidate], source: str,
                   added_by: int) -> list[Quote]:
        """Save confirmed candidates, all in one transaction (so all or, when the database is unavailable, none);
        ones already in the pool are skipped. All need the article's source."""
        if not (source or "").strip():
            raise QuoteError("Where is the article from? Saved quotes need a source.")
        rows: dict[str, tuple] = {}
        for c in candidates:
            try:
                text, speaker, src, key, speaker_id = self._checked(c.text, c.speaker, source, c.speaker_id)
            except QuoteError as exc:
                if "already" not in str(exc):
                    raise
                continue
            rows.setdefault(key, (text, key, speaker, speaker_id, c.context, None, src))
        saved = []
        when = stamp(self.clock)
        async with self.store.write() as tx:
            for text, key, speaker, speaker_id, context, date, src in rows.values():
                # DO NOTHING: already in the pool (or added by another process just now): skipped, not an error
                row = await tx.fetchone(f"{_INSERT} ON CONFLICT (guild_id, text_key) DO NOTHING RETURNING id",
                                        (guild_id or 0, text, key, speaker, speaker_id, context, date, src, added_by,
                                         when))
                if row is not None:
                    saved.append(Quote(f"user:{row[0]}", text, speaker, speaker_id, context, date, src, added_by))
        return saved


_INSERT = ("INSERT INTO user_quotes (guild_id, text, text_key, speaker, speaker_id, context, date, source, added_by, "
           "added_at) VALUES (?,?,?,?,?,?,?,?,?,?)")

