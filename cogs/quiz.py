"""/quiz: start, stop, leaderboard, stats, settings, import and daily, and the games themselves in the channel.

Translation only: every decision (who may stop a game, who wins a round, what a setting may be, whether a
trivia list is valid) is bot/quiz's. This cog turns slash commands, typed messages and button clicks into
QuizEngine calls, and the engine's events into embeds (bot/render/quiz.py) in the game's channel.

Typed answers are plain messages, so they need the privileged message-content intent: it is on only when
QUIZ_TYPED_ANSWERS=1 (bot/app/settings.py, bot/app/client.py). Without it typed games are refused politely and
multiple choice (buttons, no privileged intent) is the default.

One QuizEngine per bot, built in cog_load from the bot's injected state store and clock (games a previous
run left open are closed there: engine.recover()) and stopped, saving every game, at unload. The question
bank on the reference database loads on the first game that needs it (about a second), so startup and the
other cogs' tests do not wait for it.

Multiple-choice buttons are a DynamicItem ("quiz:<game>:<round>:<choice>"), so a click is answered
whatever happened in between (a finished round, a restarted bot): late clicks get an ephemeral note.

/quiz daily (bot/quiz/daily.py decides everything: the day's questions, one attempt, scoring, streaks, the
day's board): each player answers on an ephemeral message of their own, so nobody sees another's answers;
a click edits that message into the next question (DailyChoiceButton, "qdaily:<day>:<question>:<choice>"),
then into the result. The anniversary post's announcement carries DailyPlayButton, which does what
/quiz daily does.
"""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.common.clock import stamp
from bot.quiz import daily as qd
from bot.quiz import engine as qe
from bot.quiz import leaderboard as lb
from bot.quiz import new_game, trivia_lists
from bot.quiz.model import Question
from bot.quiz.questions import GameSource, QuestionBank
from bot.quiz.quote_pool import QuotePool
from bot.render import daily as rd
from bot.render import quiz as rq
from bot.state.store import StoreUnavailable
from bot.ui import NO_PINGS, in_time, tell_privately
from bot.ui.permissions import REFUSAL, changes_need

if TYPE_CHECKING:
    from bot.app.client import BellLap

log = logging.getLogger(__name__)

MAX_LIST_BYTES = trivia_lists.MAX_BYTES
CHOICE_ID = re.compile(r"quiz:(?P<game>\d+):(?P<round>\d+):(?P<index>\d+)")
GATE_TIMEOUT = 10.0      # how long round 1 waits for the start message to be posted
NO_DATABASE = ("Sorry, I could not start the quiz: my database is not answering right now. Nothing was started; "
               "please try again in a minute.")

CLICK_REPLIES = {
    qe.WRONG: "❌ Not that one. One answer per question: wait for the next one.",
    qe.ALREADY_ANSWERED: "You have already answered this question: one answer each.",
    qe.LATE: "⌛ Too late: this question is already over.",
    qe.NO_GAME: "⌛ Too late: this quiz is over.",
}

def embed(data: dict[str, Any]) -> discord.Embed:
    return discord.Embed.from_dict(data)


def _where(interaction: discord.Interaction) -> tuple[int, int]:
    """The channel and server of a /quiz command: they are all guild_only, so Discord sends them only from a
    server's channel, with both ids."""
    assert interaction.channel_id is not None and interaction.guild_id is not None, "a guild_only command"
    return interaction.channel_id, interaction.guild_id


class ChoiceButton(discord.ui.DynamicItem[discord.ui.Button], template=CHOICE_ID.pattern):
    """One multiple-choice answer. The custom id names the game, round and choice, so any click on any
    quiz message, however old, reaches the engine (which says whether it is in time)."""

    def __init__(self, game_id: int, number: int, index: int, label: str | None = None) -> None:
        super().__init__(discord.ui.Button(label=label or "…", style=discord.ButtonStyle.primary,
                                           custom_id=f"quiz:{game_id}:{number}:{index}"))
        self.game_id, self.number, self.index = game_id, number, index

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> ChoiceButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(int(match["game"]), int(match["round"]), int(match["index"]), label)

    async def callback(self, interaction: discord.Interaction) -> None:
        client = interaction.client
        cog = client.get_cog("Quiz") if isinstance(client, (commands.Bot, commands.AutoShardedBot)) else None
        if not isinstance(cog, Quiz):
            await interaction.response.send_message("Quizzes are not running right now.", ephemeral=True)
            return
        await cog.choose(interaction, self.game_id, self.number, self.index)


def _quiz_cog(interaction: discord.Interaction) -> Quiz | None:
    client = interaction.client
    cog = client.get_cog("Quiz") if isinstance(client, (commands.Bot, commands.AutoShardedBot)) else None
    return cog if isinstance(cog, Quiz) else None


class DailyChoiceButton(discord.ui.DynamicItem[discord.ui.Button], template=rd.CHOICE_ID.pattern):
    """A choice of a daily-challenge question, on the player's own (ephemeral) message: the custom id names the
    day, the question and the choice, so a click reaches the challenge whatever happened in between."""

    def __init__(self, day: dt.date, number: int, index: int, label: str | None = None) -> None:
        super().__init__(discord.ui.Button(label=label or "…", style=discord.ButtonStyle.primary,
                                           custom_id=rd.choice_id(day, number, index)))
        self.day, self.number, self.index = day, number, index

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> DailyChoiceButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(rd.parse_day(match["day"]), int(match["number"]), int(match["index"]), label)

    async def callback(self, interaction: discord.Interaction) -> None:
        cog = _quiz_cog(interaction)
        if cog is None:
            await interaction.response.send_message("Quizzes are not running right now.", ephemeral=True)
            return
        await cog.daily_click(interaction, self.day, self.number, self.index)


class DailyPlayButton(discord.ui.DynamicItem[discord.ui.Button], template=re.escape(rd.PLAY_ID)):
    """The button under the anniversary post's announcement: the same as /quiz daily."""

    def __init__(self) -> None:
        super().__init__(discord.ui.Button(label=rd.PLAY_LABEL, style=discord.ButtonStyle.success,
                                           custom_id=rd.PLAY_ID))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> DailyPlayButton:
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        cog = _quiz_cog(interaction)
        if cog is None:
            await interaction.response.send_message("Quizzes are not running right now.", ephemeral=True)
            return
        await cog.daily_play(interaction)


def _daily_view(day: dt.date, number: int, q: qd.DailyQuestion) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for i, label in enumerate(rd.labels(q)):
        view.add_item(DailyChoiceButton(day, number, i, label))
    return view


@dataclasses.dataclass
class LiveRound:
    """What the cog remembers of the round in play in a channel, to finish its message."""
    game_id: int
    number: int
    question: Question
    message: discord.Message | None = None
    ruled_out: set[int] = dataclasses.field(default_factory=set)   # choices a hint has ruled out: greyed


def _disabled_view(game_id: int, number: int, labels: list[str], correct: int | None) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for i, label in enumerate(labels):
        style = discord.ButtonStyle.success if i == correct else discord.ButtonStyle.secondary
        view.add_item(discord.ui.Button(label=label, style=style, disabled=True,
                                        custom_id=f"quiz:{game_id}:{number}:{i}"))
    view.stop()      # never listened to: nothing to keep in discord.py's view store
    return view


class Quiz(commands.GroupCog, group_name="quiz", group_description="Athletics quizzes"):
    def __init__(self, bot: BellLap) -> None:
        self.bot = bot
        # made in cog_load, which discord.py runs before it registers the cog's commands and listeners
        self._engine: qe.QuizEngine | None = None
        self._pool: QuotePool | None = None
        self._ref_path: Path | None = None
        self.bank: QuestionBank | None = None
        self._bank_lock = asyncio.Lock()
        self.rounds: dict[int, LiveRound] = {}          # channel -> round in play
        self.configs: dict[int, qe.GameConfig] = {}     # channel -> the running game's config
        self.gates: dict[int, asyncio.Event] = {}       # channel -> set once the start message is out
        self.stopped_by: dict[int, int] = {}            # channel -> who asked to stop
        self.winning_replies: dict[int, asyncio.Event] = {}   # channel -> set once the winning click is answered

    # -- lifecycle

    async def cog_load(self) -> None:
        self._ref_path = self.bot.reference_db_path()
        self._pool = QuotePool.open(self.bot.store, self.bot.clock, self._ref_path)
        self._engine = qe.QuizEngine(self.bot.store, self.bot.clock, self.on_event, owns=self.bot.owns_guild)
        closed = await self._engine.recover()
        if closed:
            log.info("closed %d quiz games left open by the last run", closed)
        self.bot.add_dynamic_items(ChoiceButton, DailyChoiceButton, DailyPlayButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(ChoiceButton, DailyChoiceButton, DailyPlayButton)
        if self._engine is not None:
            await self._engine.close()
        if self._pool is not None and self._pool.ref is not None:
            self._pool.ref.close()
        if self.bank is not None:
            self.bank.conn.close()

    @property
    def engine(self) -> qe.QuizEngine:
        if self._engine is None:
            raise RuntimeError("the quiz cog is not loaded")
        return self._engine

    @property
    def pool(self) -> QuotePool:
        if self._pool is None:
            raise RuntimeError("the quiz cog is not loaded")
        return self._pool

    async def question_bank(self) -> QuestionBank:
        """The reference database's question bank, loaded on first use (its pools take about a second)."""
        if self._ref_path is None:
            raise RuntimeError("the quiz cog is not loaded")
        async with self._bank_lock:
            if self.bank is None:
                self.bank = await asyncio.to_thread(QuestionBank.open, self._ref_path)
            return self.bank

    @property
    def typed_enabled(self) -> bool:
        return bool(self.bot.intents.message_content)

    def _now(self) -> str:
        return stamp(self.bot.clock)

    # -- commands

    @app_commands.command(description="Start a quiz in this channel")
    @app_commands.describe(mode="Typed answers or multiple-choice buttons",
                           difficulty="Easy, medium or hard (default: the server's setting)",
                           questions="How many questions at most", target="Points needed to win",
                           source="reference, quotes, or list:<name> (several with commas)")
    @app_commands.choices(difficulty=[app_commands.Choice(name=d.capitalize(), value=d)
                                      for d in ("any", "easy", "medium", "hard")])
    @app_commands.guild_only()
    async def start(self, interaction: discord.Interaction, mode: Literal["typed", "choice"] | None = None,
                    difficulty: str | None = None, questions: app_commands.Range[int, 1, 100] | None = None,
                    target: app_commands.Range[int, 1, 100] | None = None,
                    source: app_commands.Range[str, 1, 200] | None = None) -> None:
        cid, guild_id = _where(interaction)
        running = self.engine.game(cid)
        if running is not None:
            await self._already_running(interaction, running)
            return
        try:
            await self._start(interaction, cid, guild_id, mode, difficulty, questions, target, source)
        except StoreUnavailable:        # the database is away (reading the settings, or saving the game)
            await tell_privately(interaction, NO_DATABASE)

    async def _start(self, interaction: discord.Interaction, cid: int, guild_id: int, mode: str | None,
                     difficulty: str | None, questions: int | None, target: int | None, source: str | None) -> None:
        try:
            chosen = new_game.mode_for(mode, self.typed_enabled)
            settings = await lb.get_settings(self.bot.store, guild_id)
            config = new_game.config_for(settings, chosen, difficulty=difficulty, sources=source,
                                         max_questions=questions, target_score=target)
        except new_game.CannotStart as why:
            await tell_privately(interaction, str(why))
            return
        except ValueError as bad:
            await tell_privately(interaction, f"Sorry, {bad}.")
            return
        if self.bank is None and new_game.needs_bank(config):
            await interaction.response.defer(thinking=True)      # the question bank loads once, in a second
        try:
            game_source = await self._source(guild_id, config)
        except new_game.CannotStart as why:
            await tell_privately(interaction, str(why))
            return
        game, new = await in_time(interaction, self.engine.start(cid, interaction.user.id, game_source, config,
                                                                 guild_id=guild_id))
        if not new:
            await self._already_running(interaction, game)
            return
        # The gate was made at GameStarted, before the game's task existed: its first round waits for it, so the
        # start message comes first in the channel however long start() took.
        gate = self.gates.setdefault(cid, asyncio.Event())
        try:
            start = embed(rq.start_embed(
                mode=config.mode, questions=config.max_questions, target=config.target_score,
                timer=config.timer, difficulty=config.difficulty, sources=config.sources,
                started_by=interaction.user.id))
            if interaction.response.is_done():
                await interaction.followup.send(embed=start, allowed_mentions=NO_PINGS)
            else:
                await interaction.response.send_message(embed=start, allowed_mentions=NO_PINGS)
        finally:
            gate.set()

    async def _already_running(self, interaction: discord.Interaction, game: qe.Game) -> None:
        await tell_privately(interaction, f"A quiz is already running in this channel (started by "
                                          f"<@{game.started_by}>): answer along, or stop it with `/quiz stop`.")

    async def _source(self, guild_id: int | None, config: qe.GameConfig) -> GameSource:
        return await new_game.game_source(self.bot.store, guild_id, config, pool=self.pool, bank=self.question_bank,
                                          typed_enabled=self.typed_enabled)

    @app_commands.command(description="Stop the quiz in this channel (its starter, or Manage Messages)")
    @app_commands.guild_only()
    async def stop(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        cid, _ = _where(interaction)
        can_manage = bool(interaction.permissions.manage_messages)
        self.stopped_by[cid] = interaction.user.id
        try:
            result = await self.engine.stop(cid, interaction.user.id, can_manage)
        finally:
            self.stopped_by.pop(cid, None)
        if result.ok and result.reason == qe.CLOSED:
            text = ("The quiz in this channel had already ended, and I have now recorded that: `/quiz start` "
                    "works here again.")
        elif result.ok and result.game_over is not None and result.game_over.reason == qe.SAVE_FAILED:
            text = ("You stopped the quiz, but I could not save the scores: my database is not answering. The "
                    "standings as they were are in the channel.")
        elif result.ok:
            text = "You stopped the quiz. The final standings are in the channel."
        elif result.reason == "forbidden":
            game = self.engine.game(cid)
            by = game.started_by if game else result.started_by
            starter = f"<@{by}>" if by else "the person who started it"
            text = (f"Sorry, only {starter} or someone with the Manage Messages permission can stop this quiz.")
        elif result.reason == qe.UNSAVED and cid in self.engine.pending:
            text = ("The quiz in this channel has already ended, but I could not record that yet: my database is "
                    "not answering. I keep trying, and `/quiz start` works here again once it is back.")
        elif result.reason == qe.UNSAVED:
            text = "Sorry, my database is not answering, so I could not stop the quiz here. Please try again soon."
        elif result.reason == qe.ELSEWHERE:
            text = "The quiz in this channel is run by another instance of the bot: it cannot be stopped from here."
        else:
            text = "There is no quiz running in this channel."
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS)

    @app_commands.command(description="The best quiz players")
    @app_commands.describe(scope="This server or everywhere", metric="Rank by wins, points, games or average")
    @app_commands.guild_only()
    async def leaderboard(self, interaction: discord.Interaction,
                          scope: Literal["server", "global"] = "server",
                          metric: Literal["wins", "points", "games", "average"] = "points") -> None:
        rows = await lb.leaderboard(self.bot.store, scope, metric, interaction.guild_id)
        place = interaction.guild.name if interaction.guild else ""
        await interaction.response.send_message(
            embed=embed(rq.leaderboard_embed(rows, scope=scope, metric=metric, place=place)),
            allowed_mentions=NO_PINGS)

    @app_commands.command(description="A player's quiz record on this server")
    @app_commands.describe(member="Whose stats (default: yours)")
    @app_commands.guild_only()
    async def stats(self, interaction: discord.Interaction, member: discord.User | None = None) -> None:
        user = member or interaction.user
        stats = await lb.member_stats(self.bot.store, user.id, interaction.guild_id)
        record = None
        if interaction.guild_id is not None:
            day = await qd.server_day(self.bot.store, interaction.guild_id, self.bot.clock.now())
            record = await qd.member_record(self.bot.store, interaction.guild_id, user.id, day)
        place = interaction.guild.name if interaction.guild else ""
        await interaction.response.send_message(embed=embed(rq.stats_embed(stats, place=place, daily=record)),
                                                allowed_mentions=NO_PINGS)

    @app_commands.command(description="See or change this server's quiz settings (changes: Manage Server)",
                          extras={REFUSAL: "Sorry, changing the quiz settings needs the Manage Server permission."})
    @changes_need(manage_guild=True)
    @app_commands.describe(delay="Seconds to answer each question (5-120)", target="Points needed to win",
                           questions="Questions per game at most", reveal="Show the answer when nobody gets it",
                           spoilers="Hide revealed answers behind spoiler tags",
                           difficulty="Default difficulty",
                           sources="Default sources: reference, quotes, list:<name> (comma-separated)")
    @app_commands.choices(difficulty=[app_commands.Choice(name=d.capitalize(), value=d)
                                      for d in ("any", "easy", "medium", "hard")])
    @app_commands.guild_only()
    async def settings(self, interaction: discord.Interaction, delay: app_commands.Range[int, 5, 120] | None = None,
                       target: app_commands.Range[int, 1, 100] | None = None,
                       questions: app_commands.Range[int, 1, 100] | None = None, reveal: bool | None = None,
                       spoilers: bool | None = None, difficulty: str | None = None,
                       sources: app_commands.Range[str, 1, 200] | None = None) -> None:
        changes = {k: v for k, v in {"delay": delay, "target_score": target, "max_questions": questions,
                                     "reveal_answers": reveal, "spoilers": spoilers, "difficulty": difficulty,
                                     "sources": sources}.items() if v is not None}
        if not changes:
            current = await lb.get_settings(self.bot.store, interaction.guild_id)
            await interaction.response.send_message(embed=embed(rq.settings_embed(current)), ephemeral=True)
            return
        _, guild_id = _where(interaction)
        try:
            saved, checked = await lb.change_settings(self.bot.store, guild_id, self._now(), **changes)
        except ValueError as bad:
            await tell_privately(interaction, f"Sorry, {bad}. Nothing was changed.")
            return
        await interaction.response.send_message(embed=embed(rq.settings_embed(saved, changed=checked)),
                                                allowed_mentions=NO_PINGS)

    @app_commands.command(name="import", description="Import a trivia list (Red-DiscordBot YAML; Manage Server)",
                          extras={REFUSAL: "Sorry, importing trivia lists needs the Manage Server permission."})
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.describe(file="The .yaml list", name="The list's name (default: the file name)",
                           replace="Replace this server's list of the same name")
    @app_commands.guild_only()
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment,
                      name: app_commands.Range[str, 1, 50] | None = None, replace: bool = False) -> None:
        if file.size > MAX_LIST_BYTES:
            await tell_privately(interaction, f"Sorry, that file is larger than {MAX_LIST_BYTES // 1000} kB.")
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        list_name = name or Path(file.filename).stem
        errors: list[tuple[int | None, str]]
        try:
            text = (await file.read()).decode("utf-8-sig")
        except UnicodeDecodeError:
            errors = [(None, "the file is not UTF-8 text")]
        except discord.HTTPException:
            await interaction.followup.send("Sorry, I could not download that file; please try again.",
                                            ephemeral=True)
            return
        else:
            try:
                tl = await trivia_lists.import_list(self.bot.store, interaction.guild_id, list_name, text,
                                                    interaction.user.id, self._now(), replace=replace)
            except trivia_lists.TriviaListError as bad:
                errors = bad.everything()
            else:
                ok = rq.import_ok_embed(tl.name, len(tl.questions), author=tl.author, description=tl.description,
                                        warnings=tl.warnings)
                await interaction.followup.send(embed=embed(ok), ephemeral=True)
                return
        await interaction.followup.send(embed=embed(rq.import_errors_embed(file.filename, errors)), ephemeral=True)

    @start.autocomplete("source")
    @settings.autocomplete("sources")
    async def _sources(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=n, value=n)
                for n in await new_game.source_suggestions(self.bot.store, interaction.guild_id, current)]

    # -- the daily challenge (bot/quiz/daily.py): every reply about a player's attempt is ephemeral

    @app_commands.command(description="Today's challenge: five questions, the same for everyone here, one attempt")
    @app_commands.describe(leaderboard="Show today's leaderboard on this server instead of playing")
    @app_commands.guild_only()
    async def daily(self, interaction: discord.Interaction, leaderboard: bool = False) -> None:
        if leaderboard:
            _, guild_id = _where(interaction)
            day = await qd.server_day(self.bot.store, guild_id, self.bot.clock.now())
            rows = await qd.day_board(self.bot.store, guild_id, day)
            place = interaction.guild.name if interaction.guild else ""
            await interaction.response.send_message(embed=embed(rd.board_embed(rows, day, place=place)),
                                                    allowed_mentions=NO_PINGS)
            return
        await self.daily_play(interaction)

    async def _daily_questions(self, guild_id: int, day: dt.date, *, make_them: bool = True
                               ) -> list[qd.DailyQuestion]:
        """The day's saved questions; made (and saved) first when `make_them` and nobody has yet. A click never
        makes them: its custom id may name any day."""
        async def make() -> list[qd.DailyQuestion]:
            if not make_them:
                return []
            bank = await self.question_bank()
            return await asyncio.to_thread(qd.make_questions, bank, guild_id, day)

        return await qd.challenge(self.bot.store, guild_id, day, self.bot.clock.now(), make)

    async def _daily_result(self, attempt: qd.Attempt, questions: list[qd.DailyQuestion], *,
                            before: str = "", again: bool = False, playing: bool = False) -> dict[str, Any]:
        board = await qd.day_board(self.bot.store, attempt.guild_id, attempt.day, limit=None)
        streak = await qd.member_streak(self.bot.store, attempt.guild_id, attempt.user_id, attempt.day)
        return rd.result_embed(attempt, questions, row=qd.rank_of(board, attempt.user_id), players=len(board),
                               streak=streak, before=before, again=again, playing=playing)

    async def daily_play(self, interaction: discord.Interaction) -> None:
        """/quiz daily (or the announcement's button): question 1, or the result of today's attempt."""
        _, guild_id = _where(interaction)
        user = interaction.user.id
        await interaction.response.defer(ephemeral=True, thinking=True)   # the bank may load, the questions be made
        try:
            day = await qd.server_day(self.bot.store, guild_id, self.bot.clock.now())
            questions = await self._daily_questions(guild_id, day)
            if not questions:
                await interaction.followup.send(embed=embed(rd.no_challenge_embed()), ephemeral=True)
                return
            attempt, new = await qd.begin(self.bot.store, guild_id, user, day, self.bot.clock.now())
            if not new:
                result = await self._daily_result(attempt, questions, again=True,
                                                  playing=attempt.playing(self.bot.clock.now()))
                await interaction.followup.send(embed=embed(result), ephemeral=True, allowed_mentions=NO_PINGS)
                return
        except StoreUnavailable:
            await interaction.followup.send("Sorry, my database is not answering right now: please try again in a "
                                            "minute.", ephemeral=True)
            return
        first = questions[0]
        await interaction.followup.send(embed=embed(rd.question_embed(day, 1, first, len(questions))),
                                        view=_daily_view(day, 1, first), ephemeral=True, allowed_mentions=NO_PINGS)

    async def daily_click(self, interaction: discord.Interaction, day: dt.date, number: int, index: int) -> None:
        """A click on the player's own question: the message becomes the next question, or the result."""
        _, guild_id = _where(interaction)
        try:
            questions = await self._daily_questions(guild_id, day, make_them=False)
            if not 1 <= number <= len(questions) or not 0 <= index < len(questions[number - 1].choices):
                outcome = qd.Outcome(qd.NO_ATTEMPT)
            else:
                outcome = await qd.answer(self.bot.store, guild_id, interaction.user.id, day, number, index,
                                             questions, self.bot.clock.now())
        except StoreUnavailable:
            await interaction.response.send_message("Sorry, my database is not answering, so that answer did not "
                                                    "count yet: please click again in a minute.", ephemeral=True)
            return
        attempt = outcome.attempt
        if outcome.status in (qd.ALREADY, qd.NOT_YET) and attempt is not None:
            await interaction.response.send_message(
                "You have already answered that question: one click each." if outcome.status == qd.ALREADY
                else "That question is not on show yet.", ephemeral=True)
            return
        if attempt is None:
            await interaction.response.send_message("This is not your challenge: play your own with `/quiz daily`.",
                                                    ephemeral=True)
            return
        before = rd.feedback(outcome, questions[number - 1])
        if attempt.finished:
            result = await self._daily_result(attempt, questions, before=before)
            await interaction.response.edit_message(embed=embed(result), view=None, allowed_mentions=NO_PINGS)
            return
        nxt = questions[attempt.current - 1]
        await interaction.response.edit_message(
            embed=embed(rd.question_embed(day, attempt.current, nxt, len(questions), before=before)),
            view=_daily_view(day, attempt.current, nxt), allowed_mentions=NO_PINGS)

    # -- answers

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A typed answer: any message in a channel with a typed game (content arrives only with the
        message-content intent; without it, typed games cannot be started)."""
        if message.author.bot or not message.content:
            return
        engine = self._engine
        game = engine.game(message.channel.id) if engine else None
        if engine is None or game is None or game.config.mode != qe.TYPED:
            return
        await engine.answer(message.channel.id, message.author.id, message.content)

    async def choose(self, interaction: discord.Interaction, game_id: int, number: int, index: int) -> None:
        cid = interaction.channel_id
        game = self.engine.game(cid) if cid is not None else None
        if cid is None or game is None or game.id != game_id:
            result = qe.AnswerResult(qe.NO_GAME)
        else:
            result = await self.engine.choose(cid, interaction.user.id, number, index)
        replied: asyncio.Event | None = None
        if result.status == qe.CORRECT and cid is not None:
            # set before any await: the round's result (and "Quiz over" after the last one) waits for this
            # reply, so the winner hears "right" before the channel moves on
            replied = self.winning_replies[cid] = asyncio.Event()
        if result.status == qe.CORRECT:
            bonus = f" (+{result.points}, {result.streak} in a row)" if result.points > 1 else ""
            text = f"✅ Right, and first!{bonus}"
        else:
            text = CLICK_REPLIES.get(result.status, "That did not count.")
        try:
            await interaction.response.send_message(text, ephemeral=True)
        finally:
            if replied is not None:
                replied.set()

    # -- the engine's events, in the channel

    async def on_event(self, ev: qe.Event) -> None:
        if isinstance(ev, qe.GameStarted):
            # emitted inside engine.start(), before the game's task exists: the first round will wait for this
            # gate, which /quiz start sets once its start message is out (it answers with that message itself)
            self.gates[ev.channel_id] = asyncio.Event()
            self.configs[ev.channel_id] = ev.config
            return
        gate = self.gates.get(ev.channel_id)
        if gate is not None and not gate.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(gate.wait(), GATE_TIMEOUT)
        known = self.bot.get_channel(ev.channel_id)
        channel = (known if isinstance(known, discord.abc.Messageable)
                   else self.bot.get_partial_messageable(ev.channel_id))
        config = self.configs.get(ev.channel_id) or qe.GameConfig()
        if isinstance(ev, qe.RoundStarted):
            await self._round_started(channel, ev, config)
        elif isinstance(ev, qe.HintShown):
            await channel.send(embed=embed(rq.hint_embed(ev)), allowed_mentions=NO_PINGS)
            if ev.ruled_out is not None:
                await self._grey_out(ev)
        elif isinstance(ev, qe.RoundWon):
            replied = self.winning_replies.pop(ev.channel_id, None)
            if replied is not None:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(replied.wait(), GATE_TIMEOUT)
            live = await self._close_round(ev.channel_id, ev.game_id, ev.number)
            await channel.send(embed=embed(rq.won_embed(ev, source=live.question.source if live else "",
                                                        spoiler=config.spoilers,
                                                        fact=live.question.fact if live else "")),
                               allowed_mentions=NO_PINGS)
        elif isinstance(ev, qe.Revealed):
            live = await self._close_round(ev.channel_id, ev.game_id, ev.number)
            await channel.send(embed=embed(rq.reveal_embed(ev, source=live.question.source if live else "",
                                                           fact=live.question.fact if live else "")),
                               allowed_mentions=NO_PINGS)
        elif isinstance(ev, qe.GameOver):
            try:
                await self._close_round(ev.channel_id, ev.game_id, None)
                by = self.stopped_by.get(ev.channel_id) if ev.reason == qe.STOPPED else None
                await channel.send(embed=embed(rq.game_over_embed(ev, stopped_by=by)), allowed_mentions=NO_PINGS)
            finally:
                self.rounds.pop(ev.channel_id, None)
                self.configs.pop(ev.channel_id, None)
                self.gates.pop(ev.channel_id, None)

    async def _round_started(self, channel: discord.abc.Messageable, ev: qe.RoundStarted,
                             config: qe.GameConfig) -> None:
        live = self.rounds[ev.channel_id] = LiveRound(ev.game_id, ev.number, ev.question)
        data = rq.round_embed(ev.number, config.max_questions, ev.question, mode=config.mode, timer=config.timer)
        kwargs: dict[str, Any] = {"embed": embed(data), "allowed_mentions": NO_PINGS}
        if ev.choices:
            view = discord.ui.View(timeout=None)
            for i, label in enumerate(rq.choice_labels(ev.choices)):
                view.add_item(ChoiceButton(ev.game_id, ev.number, i, label))
            kwargs["view"] = view
        live.message = await channel.send(**kwargs)

    async def _grey_out(self, ev: qe.HintShown) -> None:
        """A hint ruled a choice out: its button turns grey and can no longer be pressed."""
        live = self.rounds.get(ev.channel_id)
        if live is None or live.game_id != ev.game_id or live.number != ev.number or live.message is None \
                or not live.question.choices or ev.ruled_out is None:
            return
        live.ruled_out.add(ev.ruled_out)
        view = discord.ui.View(timeout=None)
        for i, label in enumerate(rq.choice_labels(live.question.choices)):
            if i in live.ruled_out:
                view.add_item(discord.ui.Button(label=label, style=discord.ButtonStyle.secondary, disabled=True,
                                                custom_id=f"quiz:{ev.game_id}:{ev.number}:{i}"))
            else:
                view.add_item(ChoiceButton(ev.game_id, ev.number, i, label))
        try:
            await live.message.edit(view=view)
        except discord.HTTPException:
            log.warning("could not grey out a choice of quiz round %s in channel %s", ev.number, ev.channel_id)

    async def _close_round(self, channel_id: int, game_id: int, number: int | None) -> LiveRound | None:
        """The round is over: its buttons are disabled (the right one in green)."""
        live = self.rounds.get(channel_id)
        if live is None or live.game_id != game_id or (number is not None and live.number != number):
            return None
        del self.rounds[channel_id]
        q = live.question
        if live.message is not None and live.message.components and q.choices:
            config = self.configs.get(channel_id)
            correct = q.correct_index if (config is None or config.reveal_answers) else None
            try:
                await live.message.edit(view=_disabled_view(game_id, live.number, rq.choice_labels(q.choices),
                                                             correct))
            except discord.HTTPException:
                log.warning("could not disable the buttons of quiz round %s in channel %s", live.number, channel_id)
        return live


async def setup(bot: BellLap) -> None:
    await bot.add_cog(Quiz(bot))
