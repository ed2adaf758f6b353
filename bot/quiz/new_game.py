"""What a /quiz start makes before the engine plays it: the mode, the game's settings (the server's, with the
command's options over them) and its questions from their source names ("reference", "quotes", "list:<name>"),
or why there can be no game. Also what the source options suggest while a member types.

Discord-free: CannotStart's message is what the member is told.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from typing import Any

from bot.quiz import trivia_lists
from bot.quiz.engine import CHOICE, TYPED, GameConfig
from bot.quiz.leaderboard import QuizSettings, validate
from bot.quiz.model import Question
from bot.quiz.questions import KINDS, GameSource, QuestionBank
from bot.quiz.quote_pool import QuotePool
from bot.state.store import StateStore

DEFAULT_SOURCES = ("reference",)
BANK_SOURCES = {"reference", "quotes"}      # the sources that read the reference database's question bank
MAX_SUGGESTIONS = 25


class CannotStart(ValueError):
    """No game: str() says why, to the member who asked."""


def mode_for(asked: str | None, typed_enabled: bool) -> str:
    """The game's mode: the one asked for, else typed answers when this bot reads messages, else buttons."""
    mode = asked or (TYPED if typed_enabled else CHOICE)
    if mode == TYPED and not typed_enabled:
        raise CannotStart("Typed answers are switched off on this bot (they need Discord's message content "
                          "intent). Play with buttons: `/quiz start mode:choice`.")
    return mode


def config_for(settings: QuizSettings, mode: str, **options: Any) -> GameConfig:
    """The game's config: the server's settings with the command's options (those given: not None) over them.
    ValueError (from validate) says what is wrong with an option."""
    given = {key: value for key, value in options.items() if value is not None}
    return dataclasses.replace(settings, **validate(**given)).game_config(mode)


def needs_bank(config: GameConfig) -> bool:
    """Does the game draw from the question bank (which loads in about a second the first time)?"""
    return bool(BANK_SOURCES & set(config.sources or DEFAULT_SOURCES))


async def game_source(store: StateStore, guild_id: int | None, config: GameConfig, *, pool: QuotePool,
                      bank: Callable[[], Awaitable[QuestionBank]], typed_enabled: bool) -> GameSource:
    """The game's questions from its source names; CannotStart when they cannot make a game (a list this server
    does not have; trivia lists alone in a multiple-choice game: they have no options to click)."""
    names = config.sources or DEFAULT_SOURCES
    use_reference = "reference" in names
    quotes = await pool.all(guild_id) if "quotes" in names else []
    trivia: list[Question] = []
    for name in names:
        if name.startswith("list:"):
            tl = await trivia_lists.get_list(store, guild_id, name[5:])
            if tl is None:
                known = ", ".join(await trivia_lists.list_names(store, guild_id)) or "none yet"
                raise CannotStart(f"There is no trivia list called `{name[5:]}` (lists: {known}).")
            trivia += tl.as_questions()
    if config.mode == CHOICE and trivia and not use_reference and not quotes and not any(q.choices for q in trivia):
        raise CannotStart("These trivia lists cannot be played with buttons: no question has two other answers "
                          "of its kind in the list to offer as wrong choices. Play them with typed answers"
                          + (" (`mode:typed`)." if typed_enabled else ", which this bot has switched off."))
    return GameSource(await bank() if (use_reference or quotes) else None,
                      kinds=KINDS if use_reference else (), difficulty=config.difficulty, quotes=quotes,
                      trivia=trivia, mode=config.mode)


async def source_suggestions(store: StateStore, guild_id: int | None, current: str) -> list[str]:
    """The source names that contain what was typed: the built-in ones, then this server's trivia lists."""
    names = ["reference", "quotes", "reference,quotes"]
    names += [f"list:{n}" for n in await trivia_lists.list_names(store, guild_id)]
    typed = current.strip().lower()
    return [n for n in names if typed in n][:MAX_SUGGESTIONS]
