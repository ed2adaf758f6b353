"""The quiz engine: games, rounds, answers and scores, with no Discord in it.

One game per channel. A game is an asyncio task playing rounds: question, hints at even intervals, then
either a winner or the reveal, then a short pause. It ends at the target score, after max_questions, on
stop, when questions run out, or after `idle_limit` seconds with no answer from anyone. Every round is saved
(round, winner, scores) in one transaction as it ends, so a crash loses at most the round in play.

Fairness: answer() and choose() check and claim a round with no `await` between the check and the claim,
so on one event loop the first correct answer wins and every later one is told it was late, however many
arrive together. quiz_round_wins has round_id as its primary key, so the database would refuse a second
winner too.

Several processes (shards over one PostgreSQL): a channel's game lives in the process that owns its server's
shard (Discord sends that server's interactions only there), so the in-memory claim above is the only one
that can see answers. The database holds the rest across processes: the partial unique index on running
games refuses a second game in a channel (start() then reports the running one), rounds are UNIQUE (game,
number) and wins keyed by round, and recover() closes only games of servers this process owns (`owns`), never
a game another process is playing.

Time comes from an injected clock (bot/common/clock.py): deadlines are absolute monotonic times, so a timer
started late under a ManualClock still ends at the right moment.

The database going away (a locked SQLite file, PostgreSQL down): the store retries each write for its bound
(bot/state/store.py), then raises StoreUnavailable. A round that still cannot be saved ends the game at once
with reason SAVE_FAILED (the UI says so in the channel), and a game whose end cannot be written is told as
usual: either way its quiz_games row, still open, would block the channel (the one-running-game index), so
it becomes a pending close, retried every `pending_retry` seconds, before the next start in that channel, by
stop() there, and at close(); if the process ends first, recover() closes it at the next start. stop() in a
channel with no game of ours but an open row in a server we own closes that row: it is stuck, nobody plays it.
The game task itself never ends with an exception.

The UI layer gets events (`Event`: GameStarted, RoundStarted, HintShown, RoundWon, Revealed, GameOver)
through `emit`: a callable (sync or async) or an asyncio.Queue.
"""
from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.common.clock import Clock, Wake, sleep_or_wake, stamp
from bot.quiz import answers as ans
from bot.quiz.model import Question, QuestionSource
from bot.state.sharding import Owns, everyone
from bot.state.store import IntegrityError, StateStore, StoreUnavailable

log = logging.getLogger(__name__)

TYPED, CHOICE = "typed", "choice"

# answer() / choose() outcomes
CORRECT = "correct"            # this answer won the round
WRONG = "wrong"
LATE = "late"                  # right, or a click, but the round was already won or is over
ALREADY_ANSWERED = "already"   # multiple choice: one answer per user per round
NO_GAME = "no_game"
IGNORED = "ignored"            # typed text in a multiple-choice game

# why a game ended
MAX_SKIPPED = 50

TARGET, QUESTIONS, STOPPED, IDLE, EXHAUSTED, ERROR = "target", "questions", "stopped", "idle", "exhausted", "error"
SAVE_FAILED = "save_failed"      # a round could not be saved (the database was unavailable past the store's
                                 # retries); its row says "error"
INTERRUPTED = "interrupted"      # closed by recover() or stop() with nobody playing it

# stop() outcomes besides "stopped", "forbidden" and "no_game"
CLOSED = "closed"                # no game was playing, but the channel's open row (pending, or stuck) is closed
UNSAVED = "unsaved"              # that row could not be closed: the database is unavailable
ELSEWHERE = "elsewhere"          # the channel's open game belongs to a server another process owns

PENDING_RETRY = 30.0             # seconds between attempts to close games whose end could not be written

_LEADER = ("SELECT user_id FROM quiz_scores WHERE game_id = ? AND points > 0 "
           "ORDER BY points DESC, coalesce(last_scored, 1 << 30), user_id LIMIT 1")


@dataclass(frozen=True)
class GameConfig:
    mode: str = TYPED
    timer: float = 20.0            # seconds to answer
    pause: float = 3.0             # between a round's end and the next question
    hints: int = 2                 # shown at 1/3 and 2/3 of the timer
    target_score: int = 10
    max_questions: int = 20
    idle_limit: float = 120.0      # no answer from anyone for this long ends the game
    reveal_answers: bool = True    # the UI shows the answer when nobody got it
    spoilers: bool = False         # the UI hides revealed answers behind spoiler tags
    streak_from: int = 3           # the 3rd win in a row and every one after it earns the bonus
    streak_bonus: int = 1
    difficulty: str | None = None
    sources: tuple[str, ...] = ()

    def __post_init__(self):
        if self.mode not in (TYPED, CHOICE):
            raise ValueError(f"mode must be {TYPED!r} or {CHOICE!r}")
        if self.timer <= 0 or self.pause < 0 or self.idle_limit <= 0:
            raise ValueError("timer and idle_limit must be positive, pause not negative")
        if self.target_score < 1 or self.max_questions < 1:
            raise ValueError("target_score and max_questions must be at least 1")


# -- events for the UI

@dataclass(frozen=True)
class GameStarted:
    channel_id: int
    game_id: int
    started_by: int
    config: GameConfig


@dataclass(frozen=True)
class RoundStarted:
    channel_id: int
    game_id: int
    number: int
    question: Question
    choices: tuple[str, ...]       # empty in typed games
    ends_at: float                 # clock.monotonic() deadline


@dataclass(frozen=True)
class HintShown:
    channel_id: int
    game_id: int
    number: int
    hint: str
    ruled_out: int | None = None   # multiple choice: the index of the choice this hint rules out


@dataclass(frozen=True)
class RoundWon:
    channel_id: int
    game_id: int
    number: int
    user_id: int
    points: int
    streak: int
    answer: str                    # the expected answer, for the message
    elapsed: float
    standings: tuple[tuple[int, int], ...]   # (user, points), best first


@dataclass(frozen=True)
class Revealed:
    channel_id: int
    game_id: int
    number: int
    answer: str | None             # None when the server does not reveal answers
    spoiler: bool
    reason: str                    # "timeout", "stopped", "idle"


@dataclass(frozen=True)
class GameOver:
    channel_id: int
    game_id: int
    reason: str
    winner_id: int | None
    standings: tuple[tuple[int, int], ...]
    rounds: int


@dataclass(frozen=True)
class AnswerResult:
    status: str
    points: int = 0
    streak: int = 0
    round: int | None = None


@dataclass(frozen=True)
class StopResult:
    ok: bool
    reason: str                    # "stopped", "forbidden", "no_game", CLOSED, UNSAVED, ELSEWHERE
    game_over: GameOver | None = None
    started_by: int | None = None  # whose game it was, when there is no running game to ask


@dataclass(frozen=True)
class PendingClose:
    """A game that ended while its end could not be written: its quiz_games row is closed once the database is
    back. `game_id` None: start() lost the connection during COMMIT, so the row may exist or not (started_at
    finds it). `from_saved`: the winner and rounds are taken from what was saved (a round was lost)."""
    channel_id: int
    guild_id: int | None
    started_by: int
    game_id: int | None
    started_at: str
    ended_at: str
    reason: str
    winner_id: int | None = None
    rounds: int = 0
    from_saved: bool = False


@dataclass
class Score:
    points: int = 0
    correct: int = 0
    answers: int = 0
    best_streak: int = 0
    last_scored: int | None = None


@dataclass
class Round:
    number: int
    question: Question
    started: float
    ends: float
    started_at: str
    choices: tuple[str, ...] = ()
    winner: int | None = None
    winning_answer: str = ""
    won_at: float | None = None
    points: int = 0
    streak: int = 0
    closed: bool = False
    answered: dict[int, int] = field(default_factory=dict)   # user -> answers this round
    chose: set[int] = field(default_factory=set)             # multiple choice: who has clicked


@dataclass
class Game:
    channel_id: int
    guild_id: int | None
    started_by: int
    config: GameConfig
    source: QuestionSource
    id: int | None = None
    started_at: str = ""
    round: Round | None = None
    rounds_played: int = 0
    scores: dict[int, Score] = field(default_factory=dict)
    streak_holder: int | None = None
    streak_len: int = 0
    last_activity: float = 0.0
    stopping: bool = False
    over: GameOver | None = None
    task: asyncio.Task | None = None
    wake: Wake = field(default_factory=Wake)     # a win or a stop cuts the game loop's sleep short
    done: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def db_id(self) -> int:
        """The quiz_games row's id: start() inserts the row before the game runs, so a running game has it."""
        assert self.id is not None, "the game has no quiz_games row yet"
        return self.id

    def standings(self) -> tuple[tuple[int, int], ...]:
        ranked = sorted(self.scores.items(), key=lambda kv: (-kv[1].points, _order(kv[1]), kv[0]))
        return tuple((uid, s.points) for uid, s in ranked if s.points > 0)

    def leader(self) -> int | None:
        st = self.standings()
        return st[0][0] if st else None


def _order(s: Score) -> int:
    # Ties go to whoever got to the total first.
    return s.last_scored if s.last_scored is not None else 1 << 30


# What the engine tells the UI, in the order it happens (see the module's docstring).
Event = GameStarted | RoundStarted | HintShown | RoundWon | Revealed | GameOver
Emit = Callable[[Event], Any] | asyncio.Queue[Event] | None


class QuizEngine:
    def __init__(self, store: StateStore, clock: Clock, emit: Emit = None, owns: Owns | None = None, *,
                 pending_retry: float = PENDING_RETRY):
        self.store = store
        self.clock = clock
        self.owns: Owns = owns or everyone      # which servers' games this process recovers
        self._emit_to = emit
        self.games: dict[int, Game] = {}
        self.pending: dict[int, PendingClose] = {}     # channel -> a game whose end is not written yet
        self.pending_retry = pending_retry
        self._retrier: asyncio.Task | None = None

    # -- the public API

    def game(self, channel_id: int) -> Game | None:
        return self.games.get(channel_id)

    async def start(self, channel_id: int, started_by: int, source: QuestionSource,
                    config: GameConfig | None = None, guild_id: int | None = None) -> tuple[Game, bool]:
        """Start a game in a channel. Returns (game, True), or (the running game, False) if there is one."""
        running = self.games.get(channel_id)
        if running is not None:
            return running, False
        config = config or GameConfig()
        game = Game(channel_id, guild_id, started_by, config, source, started_at=self._now())
        game.last_activity = self.clock.monotonic()
        self.games[channel_id] = game     # claimed before any await: a second start finds it
        try:
            # the last game here ended while the database was away: its open row would refuse this one
            await self._close_pending(channel_id)
            async with self.store.write() as tx:
                game.id = await tx.insert_returning_id(
                    "INSERT INTO quiz_games (guild_id, channel_id, started_by, mode, difficulty, sources, "
                    "target_score, max_questions, started_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (guild_id, channel_id, started_by, config.mode, config.difficulty, ",".join(config.sources),
                     config.target_score, config.max_questions, game.started_at))
        except StoreUnavailable as exc:
            self.games.pop(channel_id, None)
            game.done.set()
            if exc.in_doubt:        # the row may have been committed: close it if so, or it blocks the channel
                self._add_pending(PendingClose(channel_id, guild_id, started_by, None, game.started_at,
                                               game.started_at, INTERRUPTED, from_saved=True))
            raise
        except IntegrityError:
            # the database has a running game in this channel that this process does not (another process
            # runs it, or it was left open): report it as the running game, start nothing
            self.games.pop(channel_id, None)
            game.done.set()
            row = await self.store.fetchone("SELECT id, started_by FROM quiz_games WHERE channel_id = ? "
                                            "AND ended_at IS NULL", (channel_id,))
            if row is None:
                raise
            other = Game(channel_id, guild_id, row[1], config, source, id=row[0])
            other.done.set()
            return other, False
        except BaseException:
            self.games.pop(channel_id, None)
            game.done.set()
            raise
        await self._emit(GameStarted(channel_id, game.id, started_by, config))
        game.task = asyncio.create_task(self._run(game), name=f"quiz-{channel_id}")
        return game, True

    async def answer(self, channel_id: int, user_id: int, text: str) -> AnswerResult:
        """A typed answer. Check and claim happen with no await between them (see the module docstring)."""
        game = self.games.get(channel_id)
        if game is None or game.over is not None:
            return AnswerResult(NO_GAME)
        r = game.round
        if r is None or r.closed:
            game.last_activity = self.clock.monotonic()     # people are still playing, between rounds
            return AnswerResult(LATE, round=r.number if r else None)
        if game.config.mode == CHOICE:
            return AnswerResult(IGNORED, round=r.number)
        self._note_activity(game, r, user_id)
        if not ans.check(r.question.answer, text):
            return AnswerResult(WRONG, round=r.number)
        return self._claim(game, r, user_id, text)

    async def choose(self, channel_id: int, user_id: int, round_number: int, index: int) -> AnswerResult:
        """A multiple-choice click on round `round_number`'s button `index`. One answer per user per round."""
        game = self.games.get(channel_id)
        if game is None or game.over is not None:
            return AnswerResult(NO_GAME)
        r = game.round
        if r is None or r.number != round_number or r.closed:
            return AnswerResult(LATE, round=round_number)
        if user_id in r.chose:
            return AnswerResult(ALREADY_ANSWERED, round=r.number)
        r.chose.add(user_id)
        self._note_activity(game, r, user_id)
        if not (0 <= index < len(r.choices)) or r.choices[index] != r.question.answer.display:
            return AnswerResult(WRONG, round=r.number)
        return self._claim(game, r, user_id, r.choices[index])

    async def stop(self, channel_id: int, user_id: int, can_manage: bool) -> StopResult:
        """Stop a game: its starter, or anyone the caller says may manage messages. Waits for the game to
        finish saving, and returns how it ended (a stopped game still has its winner).

        With no game of ours in the channel, an open row there is closed instead (CLOSED; UNSAVED when the
        database is still away): a pending close, or a row nobody plays (a server we own, no game here)."""
        game = self.games.get(channel_id)
        if game is not None:
            if user_id != game.started_by and not can_manage:
                return StopResult(False, "forbidden", started_by=game.started_by)
            game.stopping = True
            game.wake.set()
            await game.done.wait()
            return StopResult(True, "stopped", game.over, started_by=game.started_by)
        pending = self.pending.get(channel_id)
        if pending is not None:
            if user_id != pending.started_by and not can_manage:
                return StopResult(False, "forbidden", started_by=pending.started_by)
            try:
                await self._close_pending(channel_id)
            except StoreUnavailable:
                return StopResult(False, UNSAVED, started_by=pending.started_by)
            return StopResult(True, CLOSED, started_by=pending.started_by)
        try:
            row = await self.store.fetchone("SELECT id, guild_id, started_by FROM quiz_games WHERE channel_id = ? "
                                            "AND ended_at IS NULL", (channel_id,))
        except StoreUnavailable:
            return StopResult(False, UNSAVED)
        if channel_id in self.games or channel_id in self.pending:
            return await self.stop(channel_id, user_id, can_manage)     # a game started meanwhile: that one
        if row is None:
            return StopResult(False, "no_game")
        if not self.owns(row[1]):
            return StopResult(False, ELSEWHERE, started_by=row[2])
        if user_id != row[2] and not can_manage:
            return StopResult(False, "forbidden", started_by=row[2])
        try:
            async with self.store.write() as db:
                await self._close_row(db, row[0], INTERRUPTED, self._now(), from_saved=True)
        except StoreUnavailable:
            return StopResult(False, UNSAVED, started_by=row[2])
        log.info("closed quiz game %s in channel %s: left open, nobody was playing it", row[0], channel_id)
        return StopResult(True, CLOSED, started_by=row[2])

    async def recover(self) -> int:
        """Close games a previous run left open (the bot restarted mid-game), each with its leader as winner.
        Call once at startup, before any game starts. Returns how many were closed.
        Only games of servers this process owns (`owns`): on several processes, another one's games are its own.
        """
        open_games = [r for r in await self.store.fetchall(
            "SELECT id, guild_id FROM quiz_games WHERE ended_at IS NULL ORDER BY id")
            if r[0] is not None and self.owns(r[1]) and r[0] not in {g.id for g in self.games.values()}]
        closed = 0
        async with self.store.write() as tx:
            for row in open_games:
                closed += await self._close_row(tx, row[0], INTERRUPTED, self._now(), from_saved=True)
        return closed

    async def close(self) -> None:
        """Stop every game (shutdown), saving each, and make a last attempt at the pending closes."""
        for game in list(self.games.values()):
            game.stopping = True
            game.wake.set()
        await asyncio.gather(*(g.done.wait() for g in list(self.games.values())))
        if self._retrier is not None:
            self._retrier.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retrier
            self._retrier = None
        if self.pending and await self.retry_pending():
            log.warning("%d quiz games could not be closed (the database is unavailable); recover() closes them "
                        "at the next start", len(self.pending))

    async def retry_pending(self) -> int:
        """Try to close the games whose end is not written yet; returns how many are still waiting."""
        for channel_id in list(self.pending):
            try:
                await self._close_pending(channel_id)
            except StoreUnavailable:
                break               # still away: the others would only wait out the same bound
        return len(self.pending)

    # -- claiming a round (synchronous on purpose)

    def _note_activity(self, game: Game, r: Round, user_id: int) -> None:
        game.last_activity = self.clock.monotonic()
        game.scores.setdefault(user_id, Score())
        r.answered[user_id] = r.answered.get(user_id, 0) + 1

    def _claim(self, game: Game, r: Round, user_id: int, text: str) -> AnswerResult:
        if r.winner is not None or r.closed:
            return AnswerResult(LATE, round=r.number)
        r.winner = user_id
        r.winning_answer = text
        r.won_at = self.clock.monotonic()
        if game.streak_holder == user_id:
            game.streak_len += 1
        else:
            game.streak_holder, game.streak_len = user_id, 1
        cfg = game.config
        r.streak = game.streak_len
        r.points = 1 + (cfg.streak_bonus if game.streak_len >= cfg.streak_from else 0)
        s = game.scores[user_id]
        s.points += r.points
        s.correct += 1
        s.best_streak = max(s.best_streak, game.streak_len)
        s.last_scored = r.number
        game.wake.set()
        return AnswerResult(CORRECT, r.points, r.streak, r.number)

    # -- the game loop

    async def _run(self, game: Game) -> None:
        reason = ERROR
        try:
            reason = await self._play(game)
        except asyncio.CancelledError:
            reason = STOPPED
            raise
        except StoreUnavailable as exc:
            log.warning("quiz game %s in channel %s: a round could not be saved, ending the game: %s", game.id,
                        game.channel_id, exc)
            reason = SAVE_FAILED
        except Exception:   # noqa: BLE001 - a bad question source ends the game, never the bot
            log.exception("quiz game %s in channel %s failed", game.id, game.channel_id)
            reason = ERROR
        finally:
            await asyncio.shield(self._finish(game, reason))

    async def _play(self, game: Game) -> str:
        cfg = game.config
        skipped = 0
        while True:
            if game.stopping:
                return STOPPED
            q = await game.source.next()
            if q is None:
                return EXHAUSTED
            if cfg.mode == CHOICE and not q.choices:
                skipped += 1    # a question with no distractors cannot be played with buttons
                if skipped > MAX_SKIPPED:
                    return EXHAUSTED
                continue
            skipped = 0
            now = self.clock.monotonic()
            game.wake.clear()
            r = Round(game.rounds_played + 1, q, now, now + cfg.timer, self._now(),
                      choices=q.choices if cfg.mode == CHOICE else ())
            game.round = r
            await self._emit(RoundStarted(game.channel_id, game.db_id, r.number, q, r.choices, r.ends))
            outcome = await self._play_round(game, r)
            r.closed = True
            game.rounds_played = r.number
            if r.winner is None:
                game.streak_holder, game.streak_len = None, 0    # a round nobody won breaks every streak
            await self._save_round(game, r, outcome)
            if r.winner is not None:
                assert r.won_at is not None, "_claim sets won_at with the winner"
                await self._emit(RoundWon(game.channel_id, game.db_id, r.number, r.winner, r.points, r.streak,
                                          q.answer.display, round(r.won_at - r.started, 3), game.standings()))
                if game.scores[r.winner].points >= cfg.target_score:
                    return TARGET
            else:
                await self._emit(Revealed(game.channel_id, game.db_id, r.number,
                                          q.answer.display if cfg.reveal_answers else None, cfg.spoilers,
                                          {"revealed": "timeout"}.get(outcome, outcome)))
            if outcome in (STOPPED, IDLE):
                return outcome
            if r.number >= cfg.max_questions:
                return QUESTIONS
            game.wake.clear()
            pause_end = self.clock.monotonic() + cfg.pause
            while not game.stopping and self.clock.monotonic() < pause_end:
                idle_at = game.last_activity + cfg.idle_limit
                if self.clock.monotonic() >= idle_at:
                    return IDLE
                await self._wait(game, min(pause_end, idle_at))
            if game.stopping:
                return STOPPED

    async def _play_round(self, game: Game, r: Round) -> str:
        cfg = game.config
        hint_texts = list(r.question.hints_for(cfg.mode)[:cfg.hints])
        outs = [r.choices.index(o) if o in r.choices else None
                for o in r.question.eliminated[:len(hint_texts)]] if r.choices else []
        hint_times = [r.started + cfg.timer * (i + 1) / (len(hint_texts) + 1) for i in range(len(hint_texts))]
        shown = 0
        while True:
            if r.winner is not None:
                return "won"
            if game.stopping:
                return STOPPED
            now = self.clock.monotonic()
            idle_at = game.last_activity + cfg.idle_limit
            if now >= idle_at:
                return IDLE
            if now >= r.ends:
                return "revealed"
            if shown < len(hint_times) and now >= hint_times[shown]:
                await self._emit(HintShown(game.channel_id, game.db_id, r.number, hint_texts[shown],
                                           outs[shown] if shown < len(outs) else None))
                shown += 1
                continue
            deadline = min(r.ends, idle_at, hint_times[shown] if shown < len(hint_times) else r.ends)
            await self._wait(game, deadline)

    async def _wait(self, game: Game, deadline: float) -> None:
        """Until the deadline, or sooner if an answer won or someone stopped the game."""
        if game.wake.is_set():
            return
        await sleep_or_wake(self._sleep_until(deadline), game.wake)

    async def _sleep_until(self, deadline: float) -> None:
        # Read the clock when the sleep starts, not when it was asked for.
        await self.clock.sleep(deadline - self.clock.monotonic())

    # -- saving

    async def _save_round(self, game: Game, r: Round, outcome: str) -> None:
        q = r.question
        async with self.store.write() as db:
            round_id = await db.insert_returning_id(
                "INSERT INTO quiz_rounds (game_id, number, kind, question, answer, difficulty, source, started_at,"
                " ended_at, outcome) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (game.id, r.number, q.kind, q.text, q.answer.display, q.difficulty, q.source, r.started_at,
                 self._now(), outcome))
            if r.winner is not None:
                await db.execute(
                    "INSERT INTO quiz_round_wins (round_id, user_id, points, streak, answer, elapsed) "
                    "VALUES (?,?,?,?,?,?)",
                    (round_id, r.winner, r.points, r.streak, r.winning_answer[:200],
                     max(0.0, (r.won_at or r.started) - r.started)))
            # every player of the round in one call (a crowded round has many; the saves queue on one writer)
            await db.executemany(
                "INSERT INTO quiz_scores (game_id, user_id, points, correct, answers, best_streak, last_scored)"
                " VALUES (?,?,?,?,?,?,?) ON CONFLICT (game_id, user_id) DO UPDATE SET points = excluded.points,"
                " correct = excluded.correct, answers = quiz_scores.answers + ?,"
                " best_streak = excluded.best_streak, last_scored = excluded.last_scored",
                [(game.id, uid, s.points, s.correct, n, s.best_streak, s.last_scored, n)
                 for uid, n in r.answered.items() for s in (game.scores[uid],)])
            await db.execute("UPDATE quiz_games SET rounds_played = ? WHERE id = ?", (r.number, game.id))

    async def _finish(self, game: Game, reason: str) -> None:
        """Save what is left, close the row (or leave it to a pending close) and tell the UI. Never raises: it
        ends the game task, whose exception nobody would retrieve."""
        try:
            r = game.round
            if r is not None and not r.closed:
                # Stopped or failed mid-round: the round is saved as it stood.
                r.closed = True
                game.rounds_played = r.number
                try:
                    await self._save_round(game, r, STOPPED if reason != IDLE else IDLE)
                except StoreUnavailable as exc:
                    log.warning("quiz game %s: the last round could not be saved: %s", game.id, exc)
                    reason = SAVE_FAILED
                except Exception:   # noqa: BLE001
                    log.exception("saving the last round of quiz game %s", game.id)
            winner = game.leader()
            ended_at = self._now()
            pending = PendingClose(game.channel_id, game.guild_id, game.started_by, game.db_id, game.started_at,
                                   ended_at, reason, winner, game.rounds_played, from_saved=reason == SAVE_FAILED)
            if reason == SAVE_FAILED:
                # the database has just failed for the store's whole retry bound: the players hear now, and the
                # row (with the scores that were saved) is closed once it is back
                self._add_pending(pending)
            else:
                try:
                    async with self.store.write() as db:
                        await self._close_row(db, game.db_id, reason, ended_at, winner, game.rounds_played)
                except Exception as exc:   # noqa: BLE001 - every round is saved; only the end waits
                    log.warning("quiz game %s: its end could not be saved, retrying later: %r", game.id, exc)
                    self._add_pending(pending)
            game.over = GameOver(game.channel_id, game.db_id, reason, winner, game.standings(), game.rounds_played)
            await self._emit(game.over)
        except Exception:   # noqa: BLE001
            log.exception("finishing quiz game %s in channel %s", game.id, game.channel_id)
        finally:
            if game.over is None:
                game.over = GameOver(game.channel_id, game.db_id, reason, game.leader(), game.standings(),
                                     game.rounds_played)
            if self.games.get(game.channel_id) is game:
                del self.games[game.channel_id]
            game.done.set()

    # -- closing rows

    async def _close_row(self, db, game_id: int, reason: str, ended_at: str, winner: int | None = None,
                         rounds: int = 0, *, from_saved: bool = False) -> int:
        """Inside a write: end an open quiz_games row. from_saved: its winner is the leader of the saved
        scores and its rounds stay as saved (the game's last round was lost, or nobody knows how it went)."""
        # the schema's CHECK names the reasons a row may have: a save failure is stored as the error it is
        reason = ERROR if reason == SAVE_FAILED else reason
        if from_saved:
            lead = await db.fetchone(_LEADER, (game_id,))
            return await db.execute("UPDATE quiz_games SET ended_at = ?, end_reason = ?, winner_id = ? "
                                    "WHERE id = ? AND ended_at IS NULL",
                                    (ended_at, reason, lead[0] if lead else None, game_id))
        return await db.execute("UPDATE quiz_games SET ended_at = ?, end_reason = ?, winner_id = ?, rounds_played = ? "
                                "WHERE id = ? AND ended_at IS NULL", (ended_at, reason, winner, rounds, game_id))

    def _add_pending(self, p: PendingClose) -> None:
        self.pending[p.channel_id] = p
        if self._retrier is None or self._retrier.done():
            self._retrier = asyncio.create_task(self._retry_pending_loop(), name="quiz-pending-closes")

    async def _retry_pending_loop(self) -> None:
        while self.pending:
            await self.clock.sleep(self.pending_retry)
            try:
                left = await self.retry_pending()
            except Exception:   # noqa: BLE001 - the loop outlives anything a retry does
                log.exception("retrying the pending quiz closes")
                continue
            if left:
                log.info("%d quiz games still wait to be closed (the database is unavailable)", left)

    async def _close_pending(self, channel_id: int) -> None:
        """Close the channel's pending game row, if any. StoreUnavailable: still away (it stays pending)."""
        p = self.pending.get(channel_id)
        if p is None:
            return
        try:
            async with self.store.write() as db:
                game_id = p.game_id
                if game_id is None:
                    row = await db.fetchone("SELECT id FROM quiz_games WHERE channel_id = ? AND started_at = ? "
                                            "AND ended_at IS NULL", (channel_id, p.started_at))
                    game_id = row[0] if row else None
                if game_id is not None:
                    await self._close_row(db, game_id, p.reason, p.ended_at, p.winner_id, p.rounds,
                                          from_saved=p.from_saved)
        except StoreUnavailable:
            raise
        except Exception:   # noqa: BLE001 - not an outage: retrying would fail the same way; recover() closes it
            log.exception("closing quiz game %s in channel %s", p.game_id, channel_id)
        else:
            log.info("closed quiz game %s in channel %s, whose end could not be saved at the time", p.game_id,
                     channel_id)
        if self.pending.get(channel_id) is p:
            del self.pending[channel_id]

    # -- helpers

    def _now(self) -> str:
        return stamp(self.clock, fraction=True)

    async def _emit(self, event: Event) -> None:
        target = self._emit_to
        if target is None:
            return
        try:
            if isinstance(target, asyncio.Queue):
                target.put_nowait(event)
            else:
                res = target(event)
                if inspect.isawaitable(res):
                    await res
        except Exception:   # noqa: BLE001 - a rendering failure must not end the game
            log.exception("quiz event handler failed on %s", type(event).__name__)
