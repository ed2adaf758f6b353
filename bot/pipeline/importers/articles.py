"""News articles: the quotes in them, with their speakers, as rows for the quotes table.

The text is read with bot/quotes/extract.py; who a speaker is (which athlete) is decided by the builder
against the athletes it has, by full name, and only when exactly one athlete has that name. A quote whose
speaker is not an athlete we know keeps the name as written and no athlete id.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.pipeline.importers.model import Source, guarded
from bot.quotes.extract import Extracted, about, extract

SEED = Source(
    id="seed-article",
    name="News article on the Ingebrigtsen–Kerr rivalry (2024)",
    origin="shared/seed-article.txt",
    licence="short quotations with attribution; the article itself is not redistributed",
    authority=40,
    notes="Quotes extracted by bot/quotes/extract.py; speakers resolved to athletes by full name.",
)


@dataclass(frozen=True)
class QuoteRow:
    text: str
    speaker: str            # as the article names them, full name where it gives one
    about: tuple[str, ...]  # other people the quote (or its sentence) names
    context: str
    ref: str                # file:offset
    confidence: str


@guarded
def load(path: Path, people_named: list[str] | None = None) -> list[QuoteRow]:
    """Quotes in the article at path. people_named: names that may appear (to tell whom a quote is about)."""
    text = path.read_text(encoding="utf-8")
    rows = []
    seen = set()
    for q in extract(text):
        if q.speaker.lower() in ("he", "she", "they") or (q.speaker, q.text) in seen:
            continue   # an unresolved pronoun is no speaker; a repeated quote (a subheading) is kept once
        seen.add((q.speaker, q.text))
        rows.append(QuoteRow(q.text, q.speaker, tuple(_about(q, text, people_named)), q.context,
                             f"{path.name}:{q.position}", q.confidence))
    return rows


def _about(q: Extracted, text: str, people_named: list[str] | None) -> list[str]:
    names = people_named if people_named is not None else []
    speaker_words = set(q.speaker.lower().split())
    out = [n for n in about(q, names) if not set(n.lower().split()) <= speaker_words]
    for context in (q.context, *q.echoes):
        if out:
            break
        # "I would have beaten him…" - the sentence around it (or around its pull-quote) says whom about
        ctx = Extracted(context, q.speaker, context, q.position, q.confidence)
        out = [n for n in about(ctx, names) if not set(n.lower().split()) <= speaker_words]
    return out


def write_quotes(conn, articles: list[Path]) -> int:
    """Insert the quotes of each article that exists, with the article as their source. Returns the count.

    A speaker (or the person a quote is about) becomes an athlete id only when exactly one athlete has that
    full name; otherwise the name stays as written with no id, never a guess."""
    import sqlite3  # noqa: F401  (conn is a sqlite3 connection)

    from bot.common import names
    n = 0
    for path in articles:
        if not path.exists():
            continue
        athletes = _athletes_named(conn, path.read_text(encoding="utf-8"))
        conn.execute("INSERT OR IGNORE INTO sources VALUES (?,?,?,?,?,?)",
                     (SEED.id, SEED.name, SEED.origin, SEED.licence, SEED.authority, SEED.notes))
        for row in load(path, sorted(athletes)):
            speaker_id = athletes.get(row.speaker) or _unique(conn, names.fold(row.speaker))
            about_id = next((athletes[a] for a in row.about if a in athletes), None)
            conn.execute("INSERT INTO quotes (text, speaker_id, speaker_name, about_id, date, context, source_id) "
                         "VALUES (?,?,?,?,?,?,?)", (row.text, speaker_id, row.speaker, about_id, None,
                                                    row.context, SEED.id))
            n += 1
    return n


def _unique(conn, folded: str) -> int | None:
    ids = {r[0] for r in conn.execute("SELECT athlete_id FROM athlete_aliases WHERE folded = ?", (folded,))}
    return ids.pop() if len(ids) == 1 else None


def _athletes_named(conn, text: str) -> dict[str, int]:
    """Display name -> athlete id for every athlete whose full name the article contains (unique names only)."""
    from bot.common import names
    folded_text = f" {names.fold(text)} "
    out: dict[str, int] = {}
    for aid, name in conn.execute("SELECT id, name FROM athletes WHERE is_team = 0"):
        key = names.fold(name)
        if key.count(" ") >= 1 and f" {key} " in folded_text and _unique(conn, key) == aid:
            out[name] = aid
    return out
