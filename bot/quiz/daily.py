"""The daily challenge (/quiz daily): five questions a day per server, the same for every member, one attempt
each, a leaderboard of the day and streaks of days played. Discord-free: the cog only translates.

The day is the server's local date (guild_settings.timezone, UTC when unset or no longer a real zone). Its
questions come from the reference question bank drawing with a generator seeded by the server and the date
(`seed_for`), so they differ from day to day and from server to server, one question per difficulty step of
PLAN (easy to hard), no two on one topic (questions.topics), each with buttons. The first player of the day
makes them and saves them (quiz_daily_challenges, ON CONFLICT DO NOTHING, then read back), so everyone that day
gets exactly those, whatever happens to the bank or the process in between.

An attempt: `begin` claims the member's row for the day (its primary key is the one-attempt rule, held by the
database, so a restart or a second process changes nothing) with question 1 on show; `answer` records one
click on the question on show and moves on, in one transaction. A click after ANSWER_TIME counts as a miss
(too slow: the question is over, the next one shows). Walking away midway ends nothing explicitly: the attempt
counts what was answered, and a second /quiz daily only shows it (it cannot be started again).

Score: right answers; ties on the day's board go to the quicker total time. A streak is a run of consecutive
local days on which the member played the server's challenge (any score); it is alive today if the last day
played is today or yesterday, and a missed day ends it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import zoneinfo
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import asdict, dataclass

from bot.quiz.model import EASY, HARD, MEDIUM, Question
from bot.quiz.questions import KINDS, QuestionBank, topics
from bot.state.store import StateStore

QUESTIONS = 5
PLAN = (EASY, EASY, MEDIUM, MEDIUM, HARD)      # one question per difficulty step, in the order they are asked
ANSWER_TIME = 30.0                             # seconds to answer each question

# answer() outcomes
CORRECT, WRONG, TOO_SLOW = "correct", "wrong", "too_slow"
ALREADY = "already"          # that question was answered (or missed) already
NOT_YET = "not_yet"          # a click on a question not on show yet (cannot come from our buttons)
NO_ATTEMPT = "no_attempt"    # no attempt that day (another member's message, or a stale one)


@dataclass(frozen=True)
class DailyQuestion:
    """A question as the challenge keeps it: enough to ask it, check a click and say the fact."""
    kind: str
    text: str
    choices: tuple[str, ...]
    correct: int
    difficulty: str
    source: str = ""
    fact: str = ""

    @property
    def answer(self) -> str:
        return self.choices[self.correct]

    @classmethod
    def of(cls, q: Question) -> DailyQuestion:
        assert q.correct_index is not None, "a daily question has buttons"
        return cls(q.kind, q.text, q.choices, q.correct_index, q.difficulty, q.source, q.fact)


def to_json(questions: Sequence[DailyQuestion]) -> str:
    return json.dumps([asdict(q) for q in questions], ensure_ascii=False)


def from_json(text: str) -> list[DailyQuestion]:
    return [DailyQuestion(**{**d, "choices": tuple(d["choices"])}) for d in json.loads(text)]


# -- the day ----------------------------------------------------------------------------------------------

def local_date(timezone: str, now: dt.datetime) -> dt.date:
    """`now` (aware) as a date in the timezone; UTC's date when the name is no real zone."""
    try:
        return now.astimezone(zoneinfo.ZoneInfo(timezone)).date()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return now.astimezone(dt.UTC).date()


async def server_day(store: StateStore, guild_id: int, now: dt.datetime) -> dt.date:
    """The server's date now, in its timezone (the one every feature shares)."""
    row = await store.fetchone("SELECT timezone FROM guild_settings WHERE guild_id = ?", (guild_id,))
    return local_date(row[0] if row and row[0] else "UTC", now)


def seed_for(guild_id: int, day: dt.date) -> int:
    """The same number for a server and a day in every process (no hash() randomisation)."""
    digest = hashlib.sha256(f"bell-lap daily {int(guild_id)} {day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def make_questions(bank: QuestionBank, guild_id: int, day: dt.date, plan: Sequence[str] = PLAN,
                   tries: int = 40) -> list[DailyQuestion]:
    """The day's questions from the bank, drawn with the day's seed (blocking: SQLite reads; run it in a
    thread). One per step of the plan, at its difficulty when the bank has one (else any difficulty), kinds
    varied, no topic twice, every one playable with buttons."""
    rng = random.Random(seed_for(guild_id, day))
    asked: set = set()
    used_kinds: list[str] = []
    out: list[DailyQuestion] = []
    with bank.drawing_with(rng):
        for difficulty in plan:
            found: Question | None = None
            for attempt in range(tries):
                fresh = [k for k in KINDS if k not in used_kinds] or list(KINDS)
                kind = rng.choice(fresh)
                # the last tries take any difficulty: a day always has its five questions
                q = bank.generate(kind, difficulty if attempt < tries - 5 else None, tries=20)
                if q is None or q.correct_index is None or len(q.choices) < 2:
                    continue
                if any(k in asked for k in topics(q)):
                    continue
                found = q
                break
            if found is None:
                continue
            asked.update(topics(found))
            used_kinds.append(found.kind)
            out.append(DailyQuestion.of(found))
    return out


async def challenge(store: StateStore, guild_id: int, day: dt.date, now: dt.datetime,
                    make: Callable[[], Awaitable[list[DailyQuestion]]]) -> list[DailyQuestion]:
    """The day's questions: the saved ones, or made by `make` and saved (the first save wins: a second process
    making them at the same moment gets the first one's)."""
    row = await store.fetchone("SELECT questions FROM quiz_daily_challenges WHERE guild_id = ? AND local_date = ?",
                               (guild_id, day.isoformat()))
    if row is not None:
        return from_json(row[0])
    questions = await make()
    if not questions:
        return []
    async with store.write() as db:
        await db.execute("INSERT INTO quiz_daily_challenges (guild_id, local_date, questions, created_at) "
                         "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, local_date) DO NOTHING",
                         (guild_id, day.isoformat(), to_json(questions), _iso(now)))
        row = await db.fetchone("SELECT questions FROM quiz_daily_challenges WHERE guild_id = ? AND local_date = ?",
                                (guild_id, day.isoformat()))
    return from_json(row[0])


# -- an attempt -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Attempt:
    guild_id: int
    user_id: int
    day: dt.date
    current: int                  # the question on show (1-based); 0 once every question is answered
    shown_at: dt.datetime
    answered: int
    correct: int
    elapsed: float
    finished: bool
    choices: tuple[int | None, ...] = ()     # per answered question: the choice clicked (None: too slow)

    def deadline(self) -> dt.datetime:
        return self.shown_at + dt.timedelta(seconds=ANSWER_TIME)

    def playing(self, now: dt.datetime) -> bool:
        """Is a question on show and still in time (the player is in the middle of it, on their message)?"""
        return not self.finished and self.current > 0 and now <= self.deadline()


@dataclass(frozen=True)
class Outcome:
    status: str
    attempt: Attempt | None = None
    number: int = 0               # the question clicked
    choice: int | None = None


_ATTEMPT = ("SELECT guild_id, user_id, local_date, current, shown_at, answered, correct, elapsed, finished_at "
            "FROM quiz_daily_attempts WHERE guild_id = ? AND user_id = ? AND local_date = ?")


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _attempt(r, choices: tuple[int | None, ...] = ()) -> Attempt:
    return Attempt(int(r[0]), int(r[1]), dt.date.fromisoformat(r[2]), int(r[3]), _when(r[4]), int(r[5]),
                   int(r[6]), float(r[7]), r[8] is not None, choices)


async def _choices(db, guild_id: int, user_id: int, day: dt.date) -> tuple[int | None, ...]:
    rows = await db.fetchall("SELECT choice FROM quiz_daily_answers WHERE guild_id = ? AND user_id = ? AND "
                             "local_date = ? ORDER BY number", (guild_id, user_id, day.isoformat()))
    return tuple(None if r[0] is None else int(r[0]) for r in rows)


async def get_attempt(store: StateStore, guild_id: int, user_id: int, day: dt.date) -> Attempt | None:
    row = await store.fetchone(_ATTEMPT, (guild_id, user_id, day.isoformat()))
    if row is None:
        return None
    return _attempt(row, await _choices(store, guild_id, user_id, day))


async def begin(store: StateStore, guild_id: int, user_id: int, day: dt.date,
                now: dt.datetime) -> tuple[Attempt, bool]:
    """The member's attempt of the day and whether it starts now (True: question 1 is on show from `now`);
    False: they have had their attempt, and this is it (as far as they got)."""
    async with store.write() as db:
        new = await db.execute(
            "INSERT INTO quiz_daily_attempts (guild_id, user_id, local_date, started_at, current, shown_at) "
            "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (guild_id, user_id, local_date) DO NOTHING",
            (guild_id, user_id, day.isoformat(), _iso(now), _iso(now))) == 1
    attempt = await get_attempt(store, guild_id, user_id, day)
    assert attempt is not None, "the row was just inserted or found"
    return attempt, new


async def answer(store: StateStore, guild_id: int, user_id: int, day: dt.date, number: int,
                 choice: int, questions: Sequence[DailyQuestion], now: dt.datetime) -> Outcome:
    """A click on button `choice` of question `number`: right, wrong or too slow (after ANSWER_TIME: a miss),
    saved with the next question on show from `now`; or refused (already answered, not on show, no attempt)."""
    key = (guild_id, user_id, day.isoformat())
    async with store.write() as db:
        row = await db.fetchone(_ATTEMPT + " FOR UPDATE", key)
        if row is None:
            return Outcome(NO_ATTEMPT, number=number, choice=choice)
        att = _attempt(row)
        if att.finished or number < att.current or att.current == 0:
            return Outcome(ALREADY, att, number, choice)
        if number > att.current:
            return Outcome(NOT_YET, att, number, choice)
        q = questions[number - 1]
        elapsed = max(0.0, (now - att.shown_at).total_seconds())
        slow = elapsed > ANSWER_TIME
        right = not slow and choice == q.correct
        status = TOO_SLOW if slow else CORRECT if right else WRONG
        counted = None if slow else choice
        last = number >= len(questions)
        await db.execute("INSERT INTO quiz_daily_answers (guild_id, user_id, local_date, number, choice, correct, "
                         "elapsed, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (*key, number, counted, int(right), min(elapsed, ANSWER_TIME), _iso(now)))
        await db.execute("UPDATE quiz_daily_attempts SET current = ?, shown_at = ?, answered = answered + 1, "
                         "correct = correct + ?, elapsed = elapsed + ?, finished_at = ? "
                         "WHERE guild_id = ? AND user_id = ? AND local_date = ?",
                         (0 if last else number + 1, _iso(now), int(right), min(elapsed, ANSWER_TIME),
                          _iso(now) if last else None, *key))
        row = await db.fetchone(_ATTEMPT, key)
        done = _attempt(row, await _choices(db, guild_id, user_id, day))
    return Outcome(status, done, number, counted)


# -- the day's board and streaks --------------------------------------------------------------------------

@dataclass(frozen=True)
class DailyRow:
    rank: int
    user_id: int
    correct: int
    answered: int
    elapsed: float


async def day_board(store: StateStore, guild_id: int, day: dt.date, limit: int | None = 10) -> list[DailyRow]:
    """The day's attempts in the server, best first: most right answers, then least time (ties share a rank).
    Attempts still in play (or walked away from) count with what they answered."""
    rows = await store.fetchall(
        "SELECT user_id, correct, answered, elapsed FROM quiz_daily_attempts WHERE guild_id = ? AND local_date = ? "
        "ORDER BY correct DESC, elapsed ASC, user_id", (guild_id, day.isoformat()))
    out: list[DailyRow] = []
    prev: tuple | None = None
    rank = 0
    for i, (uid, correct, answered, elapsed) in enumerate(rows, 1):
        key = (int(correct), round(float(elapsed), 1))
        if key != prev:
            rank, prev = i, key
        out.append(DailyRow(rank, int(uid), int(correct), int(answered), round(float(elapsed), 1)))
    return out if limit is None else out[:limit]


def rank_of(board: Sequence[DailyRow], user_id: int) -> DailyRow | None:
    return next((r for r in board if r.user_id == user_id), None)


@dataclass(frozen=True)
class Streak:
    current: int        # consecutive days played up to today (or yesterday: today not played yet)
    best: int
    played_today: bool


def streaks(days: Iterable[dt.date], today: dt.date) -> Streak:
    """Runs of consecutive days in `days` (the days played): the one reaching today or yesterday, and the
    longest. Days after `today` (a timezone moved back) are ignored."""
    played = sorted({d for d in days if d <= today})
    best = run = 0
    prev: dt.date | None = None
    for d in played:
        run = run + 1 if prev is not None and d - prev == dt.timedelta(days=1) else 1
        best = max(best, run)
        prev = d
    alive = prev is not None and today - prev <= dt.timedelta(days=1)
    return Streak(run if alive else 0, best, prev == today)


@dataclass(frozen=True)
class DailyRecord:
    """A member's daily challenges in one server, for /quiz stats."""
    days: int           # days played (any score; a walked-away attempt counts)
    correct: int        # right answers over those days
    streak: Streak

    @property
    def asked(self) -> int:
        # every day asks QUESTIONS; a question walked away from is a miss, as on the day's board
        return self.days * QUESTIONS


async def member_record(store: StateStore, guild_id: int, user_id: int, today: dt.date) -> DailyRecord:
    """Days played up to `today` (a later day, after a timezone moved back, is not counted), right answers and
    the streak."""
    rows = await store.fetchall(
        "SELECT local_date, correct FROM quiz_daily_attempts WHERE guild_id = ? AND user_id = ? AND local_date <= ?",
        (guild_id, user_id, today.isoformat()))
    days = [dt.date.fromisoformat(r[0]) for r in rows]
    return DailyRecord(len(days), sum(int(r[1]) for r in rows), streaks(days, today))


async def member_streak(store: StateStore, guild_id: int, user_id: int, today: dt.date) -> Streak:
    return (await member_record(store, guild_id, user_id, today)).streak


__all__ = ["ANSWER_TIME", "PLAN", "QUESTIONS", "Attempt", "DailyQuestion", "DailyRecord", "DailyRow", "Outcome",
           "Streak", "answer", "begin", "challenge", "day_board", "get_attempt", "local_date", "make_questions",
           "member_record", "member_streak", "rank_of", "seed_for", "server_day", "streaks", "HARD", "MEDIUM", "EASY"]
