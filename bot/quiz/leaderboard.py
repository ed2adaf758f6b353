"""Leaderboards, member stats and per-server quiz settings, read from and written to the state store.

Leaderboards: scope server (one guild) or global, ranked by wins, points, games played or average points per
game. Only finished games count, so a game in progress never moves the board.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from bot.quiz import trivia_lists
from bot.quiz.engine import CHOICE, TYPED, GameConfig
from bot.quiz.model import DIFFICULTIES
from bot.state.store import StateStore

SCOPES = ("server", "global")
METRICS = ("wins", "points", "games", "average")
SOURCE_NAMES = ("reference", "quotes")   # and "list:<name>" for a trivia list


@dataclass(frozen=True)
class LeaderRow:
    rank: int
    user_id: int
    value: float
    games: int


@dataclass(frozen=True)
class MemberStats:
    user_id: int
    games: int
    wins: int
    points: int
    correct: int
    answers: int
    best_streak: int
    fastest: float | None          # seconds, their quickest winning answer

    @property
    def average(self) -> float:
        return self.points / self.games if self.games else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.answers if self.answers else 0.0


async def leaderboard(store: StateStore, scope: str = "server", metric: str = "points", guild_id: int | None = None,
                      limit: int = 10, min_games: int = 1) -> list[LeaderRow]:
    if scope not in SCOPES:
        raise ValueError(f"scope is one of {', '.join(SCOPES)}")
    if metric not in METRICS:
        raise ValueError(f"metric is one of {', '.join(METRICS)}")
    if scope == "server" and guild_id is None:
        raise ValueError("a server leaderboard needs the server")
    where = "g.ended_at IS NOT NULL" + (" AND g.guild_id = ?" if scope == "server" else "")
    args: list = [guild_id] if scope == "server" else []
    played = (f"SELECT s.user_id AS uid, count(*) AS games, sum(s.points) AS points FROM quiz_scores s "
              f"JOIN quiz_games g ON g.id = s.game_id WHERE {where} GROUP BY s.user_id")
    if metric == "wins":
        sql = (f"SELECT g.winner_id, count(*), coalesce(p.games, 0) FROM quiz_games g "
               f"LEFT JOIN ({played}) p ON p.uid = g.winner_id WHERE {where} AND g.winner_id IS NOT NULL "
               f"GROUP BY g.winner_id, p.games ORDER BY 2 DESC, 3 ASC, 1 LIMIT ?")
        args = args + args
    else:
        value = {"points": "p.points", "games": "p.games", "average": "1.0 * p.points / p.games"}[metric]
        sql = (f"SELECT p.uid, {value}, p.games FROM ({played}) p WHERE p.games >= ? "
               f"ORDER BY 2 DESC, 3 ASC, 1 LIMIT ?")
        args = args + [min_games]
    rows = await store.fetchall(sql, (*args, limit))
    out, rank, prev = [], 0, None
    for i, (uid, value, games) in enumerate(rows, 1):
        if value != prev:
            rank, prev = i, value        # ties share a rank
        out.append(LeaderRow(rank, uid, round(value, 2) if metric == "average" else int(value), int(games)))
    return out


async def member_stats(store: StateStore, user_id: int, guild_id: int | None = None) -> MemberStats:
    """A member's record: in one server when guild_id is given, else everywhere."""
    where = "g.ended_at IS NOT NULL" + (" AND g.guild_id = ?" if guild_id is not None else "")
    args = [guild_id] if guild_id is not None else []
    row = await store.fetchone(
        f"SELECT count(*), coalesce(sum(s.points), 0), coalesce(sum(s.correct), 0), coalesce(sum(s.answers), 0), "
        f"coalesce(max(s.best_streak), 0) FROM quiz_scores s JOIN quiz_games g ON g.id = s.game_id "
        f"WHERE {where} AND s.user_id = ?", (*args, user_id))
    wins = (await store.fetchone(f"SELECT count(*) FROM quiz_games g WHERE {where} AND g.winner_id = ?",
                                 (*args, user_id)))[0]
    fastest = (await store.fetchone(
        f"SELECT min(w.elapsed) FROM quiz_round_wins w JOIN quiz_rounds r ON r.id = w.round_id "
        f"JOIN quiz_games g ON g.id = r.game_id WHERE {where} AND w.user_id = ?", (*args, user_id)))[0]
    return MemberStats(user_id, row[0], wins, row[1], row[2], row[3], row[4], fastest)


# -- settings

@dataclass(frozen=True)
class QuizSettings:
    delay: float = 20.0                # seconds to answer each question
    target_score: int = 10
    max_questions: int = 20
    reveal_answers: bool = True
    spoilers: bool = False
    difficulty: str = "any"
    sources: tuple[str, ...] = ("reference", "quotes")

    def game_config(self, mode: str = TYPED) -> GameConfig:
        return GameConfig(mode=mode, timer=self.delay, target_score=self.target_score,
                          max_questions=self.max_questions, reveal_answers=self.reveal_answers,
                          spoilers=self.spoilers, difficulty=None if self.difficulty == "any" else self.difficulty,
                          sources=self.sources)


def validate(**changes) -> dict:
    """Checked and normalised setting changes. Raises ValueError with a message for the user."""
    out = {}
    fields = {f.name for f in dataclasses.fields(QuizSettings)}
    for key, value in changes.items():
        if key not in fields:
            raise ValueError(f"unknown quiz setting {key!r}")
        if key == "delay":
            value = float(value)
            if not 5 <= value <= 120:
                raise ValueError("delay is 5 to 120 seconds")
        elif key == "target_score":
            value = int(value)
            if not 1 <= value <= 100:
                raise ValueError("target score is 1 to 100")
        elif key == "max_questions":
            value = int(value)
            if not 1 <= value <= 100:
                raise ValueError("the number of questions is 1 to 100")
        elif key in ("reveal_answers", "spoilers"):
            if not isinstance(value, bool):
                raise ValueError(f"{key.replace('_', ' ')} is true or false")
        elif key == "difficulty":
            value = str(value).lower()
            if value not in ("any", *DIFFICULTIES):
                raise ValueError("difficulty is any, easy, medium or hard")
        elif key == "sources":
            items = value.split(",") if isinstance(value, str) else list(value)
            value = tuple(dict.fromkeys(s.strip().lower() for s in items if s.strip()))
            if not value:
                raise ValueError("choose at least one source")
            for s in value:
                if s not in SOURCE_NAMES and not (s.startswith("list:") and len(s) > 5):
                    raise ValueError(f"unknown source {s!r}: reference, quotes or list:<name>")
        out[key] = value
    return out


async def get_settings(store: StateStore, guild_id: int | None) -> QuizSettings:
    if guild_id is None:
        return QuizSettings()
    row = await store.fetchone("SELECT delay, target_score, max_questions, reveal_answers, spoilers, difficulty, "
                               "sources FROM quiz_settings WHERE guild_id = ?", (guild_id,))
    if row is None:
        return QuizSettings()
    return QuizSettings(float(row[0]), int(row[1]), int(row[2]), bool(row[3]), bool(row[4]), row[5],
                        tuple(s for s in row[6].split(",") if s))


async def update_settings(store: StateStore, guild_id: int, now: str, **changes) -> QuizSettings:
    """Change some settings (the rest keep their values). Raises ValueError before writing anything."""
    changes = validate(**changes)
    current = dataclasses.replace(await get_settings(store, guild_id), **changes)
    async with store.write() as db:
        await db.execute(
            "INSERT INTO quiz_settings (guild_id, delay, target_score, max_questions, reveal_answers, spoilers, "
            "difficulty, sources, updated_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (guild_id) DO UPDATE SET "
            "delay = excluded.delay, target_score = excluded.target_score, max_questions = excluded.max_questions, "
            "reveal_answers = excluded.reveal_answers, spoilers = excluded.spoilers, "
            "difficulty = excluded.difficulty, sources = excluded.sources, updated_at = excluded.updated_at",
            (guild_id, current.delay, current.target_score, current.max_questions, int(current.reveal_answers),
             int(current.spoilers), current.difficulty, ",".join(current.sources), now))
    return current


async def change_settings(store: StateStore, guild_id: int, now: str, **changes) -> tuple[QuizSettings, dict]:
    """/quiz settings with options: checked (ValueError for the user, nothing written), trivia-list sources that
    this server has (its own or shipped), then saved. The saved settings and the checked changes."""
    checked = validate(**changes)
    lists = [s[5:] for s in checked.get("sources", ()) if s.startswith("list:")]
    if lists:
        known = set(await trivia_lists.list_names(store, guild_id))
        missing = [name for name in lists if name not in known]
        if missing:
            raise ValueError(f"there is no trivia list called {missing[0]!r}")
    return await update_settings(store, guild_id, now, **checked), checked


__all__ = ["CHOICE", "TYPED", "LeaderRow", "MemberStats", "QuizSettings", "get_settings", "leaderboard",
           "member_stats", "update_settings", "change_settings", "validate"]
