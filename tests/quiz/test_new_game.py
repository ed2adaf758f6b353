"""What a /quiz start makes before the engine plays: the mode, the game's config from the server's settings and
the command's options, the game's questions from its sources, or why there is no game; and the source names the
options suggest."""
from __future__ import annotations

import pytest

from bot.common.clock import ManualClock
from bot.quiz import leaderboard as lb
from bot.quiz import new_game, trivia_lists
from bot.quiz.engine import CHOICE, TYPED
from bot.quiz.quote_pool import QuotePool

LIST = """AUTHOR: tests
Where is the Bislett Games held?:
- Oslo
"""

CITIES = """AUTHOR: tests
Where is the Bislett Games held?:
- Oslo
Where is the Bauhaus-Galan held?:
- Stockholm
Where is the Herculis held?:
- Monaco
Where is the Prefontaine Classic held?:
- Eugene
Where is Weltklasse held?:
- Zürich
"""


def test_the_mode_follows_the_bots_intents():
    assert new_game.mode_for(None, typed_enabled=True) == TYPED
    assert new_game.mode_for(None, typed_enabled=False) == CHOICE
    assert new_game.mode_for(CHOICE, typed_enabled=True) == CHOICE
    with pytest.raises(new_game.CannotStart, match="Typed answers are switched off"):
        new_game.mode_for(TYPED, typed_enabled=False)


def test_the_commands_options_go_over_the_servers_settings():
    settings = lb.QuizSettings(target_score=7, difficulty="hard")
    config = new_game.config_for(settings, CHOICE, difficulty=None, sources="list:track", max_questions=5,
                                 target_score=None)
    assert (config.mode, config.target_score, config.max_questions, config.difficulty, config.sources) == (
        CHOICE, 7, 5, "hard", ("list:track",))
    with pytest.raises(ValueError, match="target score is 1 to 100"):
        new_game.config_for(settings, TYPED, target_score=0)
    assert new_game.needs_bank(new_game.config_for(settings, TYPED, sources="quotes"))
    assert not new_game.needs_bank(new_game.config_for(settings, TYPED, sources="list:track"))


async def test_sources_make_a_game_or_say_why_not(store):
    pool = QuotePool(store, ManualClock())

    async def no_bank():
        raise AssertionError("trivia lists alone do not load the question bank")

    await trivia_lists.import_list(store, 1, "oslo", LIST, 9, "2026-01-01T00:00:00Z")
    source = await new_game.game_source(store, 1, new_game.config_for(lb.QuizSettings(), TYPED, sources="list:oslo"),
                                        pool=pool, bank=no_bank, typed_enabled=True)
    assert [q.text for q in source.trivia] == ["Where is the Bislett Games held?"]
    with pytest.raises(new_game.CannotStart, match=r"no trivia list called `nope` \(lists: .*oslo"):
        await new_game.game_source(store, 1, new_game.config_for(lb.QuizSettings(), TYPED, sources="list:nope"),
                                   pool=pool, bank=no_bank, typed_enabled=True)
    # one question: no other answers of its kind to offer as wrong choices, so buttons are refused, and said why
    with pytest.raises(new_game.CannotStart, match="cannot be played with buttons: no question has two other"):
        await new_game.game_source(store, 1, new_game.config_for(lb.QuizSettings(), CHOICE, sources="list:oslo"),
                                   pool=pool, bank=no_bank, typed_enabled=False)
    # a list with answers of one kind plays with buttons: the wrong choices are the other questions' answers
    await trivia_lists.import_list(store, 1, "cities", CITIES, 9, "2026-01-01T00:00:00Z")
    source = await new_game.game_source(store, 1, new_game.config_for(lb.QuizSettings(), CHOICE,
                                                                       sources="list:cities"),
                                        pool=pool, bank=no_bank, typed_enabled=False)
    q = await source.next()
    assert q is not None and len(q.choices) == 4 and q.answer.display in q.choices
    assert set(q.choices) <= {"Oslo", "Stockholm", "Monaco", "Eugene", "Zürich"}
    assert len(q.choice_hints) == 2 and q.answer.display not in q.eliminated
    assert await new_game.source_suggestions(store, 1, "OSL") == ["list:oslo"]
    assert (await new_game.source_suggestions(store, 1, ""))[:3] == ["reference", "quotes", "reference,quotes"]
    assert "list:oslo" not in await new_game.source_suggestions(store, 2, "")      # another server's list


async def test_settings_changes_name_only_lists_the_server_has(store):
    await trivia_lists.import_list(store, 1, "oslo", LIST, 9, "2026-01-01T00:00:00Z")
    with pytest.raises(ValueError, match="no trivia list called 'nope'"):
        await lb.change_settings(store, 1, "2026-01-02T00:00:00Z", sources="reference, list:nope")
    assert (await lb.get_settings(store, 1)) == lb.QuizSettings()                  # nothing written
    saved, checked = await lb.change_settings(store, 1, "2026-01-02T00:00:00Z", sources="list:oslo", delay=10)
    assert checked == {"sources": ("list:oslo",), "delay": 10.0}
    assert (saved.sources, saved.delay) == (("list:oslo",), 10.0) and await lb.get_settings(store, 1) == saved
