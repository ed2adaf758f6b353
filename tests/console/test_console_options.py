"""The console's world and options, in-process: its ids are the same at every start, a file option is a local
path, channel and user options name the console's own server, any single required option takes the rest of the
line, and a channel post's buttons keep their numbers while a command is answered (the console processes
themselves: test_console_plays.py)."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import discord
import pytest

from bot.app.settings import Settings
from bot.console.choices import Choices
from bot.console.draw import draw_message
from bot.console.parse import Invocation, LocalFile, ParseError, parse
from bot.console.session import CONSOLE_IDS, Session

QUIZ = {"name": "quiz", "type": 1, "description": "Quizzes", "options": [
    {"type": 1, "name": "import", "description": "Import", "options": [
        {"type": 11, "name": "file", "description": "f", "required": True},
        {"type": 3, "name": "name", "description": "n"}]},
    {"type": 1, "name": "stats", "description": "Stats", "options": [
        {"type": 6, "name": "member", "description": "m"}]}]}
ANNIVERSARIES = {"name": "anniversaries", "type": 1, "description": "Posts", "options": [
    {"type": 1, "name": "channel", "description": "Where", "options": [
        {"type": 7, "name": "channel", "description": "c", "required": True, "channel_types": [0]}]},
    {"type": 1, "name": "max", "description": "How many", "options": [
        {"type": 4, "name": "n", "description": "n", "required": True, "min_value": 1, "max_value": 5}]}]}
COMMANDS = [QUIZ, ANNIVERSARIES]


UNOPENED = Path("never-opened.sqlite3")      # a Session opens its database only in start()


@pytest.fixture()
def session():
    return Session(Settings(), UNOPENED)


def test_the_console_world_has_the_same_ids_at_every_start():
    first = Session(Settings(), UNOPENED).server
    time.sleep(0.01)                        # a later start: fresh snowflakes would differ by now
    again = Session(Settings(), UNOPENED).server
    for server in (first, again):
        assert (server.app_id, int(server.owner["id"]), int(server.guild["id"]), int(server.channel["id"]),
                int(server.user["id"])) == (CONSOLE_IDS.app, CONSOLE_IDS.owner, CONSOLE_IDS.guild,
                                            CONSOLE_IDS.channel, CONSOLE_IDS.user)
        assert server.guild["owner_id"] == server.user["id"]          # the console's user owns its server
    assert len({CONSOLE_IDS.app, CONSOLE_IDS.owner, CONSOLE_IDS.guild, CONSOLE_IDS.channel, CONSOLE_IDS.user}) == 5
    # real-looking snowflakes (discord.py dates them), of one fixed instant
    assert discord.utils.snowflake_time(CONSOLE_IDS.guild) == dt.datetime(2024, 5, 25, tzinfo=dt.UTC)


def test_a_file_option_is_a_local_path(tmp_path):
    listed = tmp_path / "my list.yaml"
    listed.write_bytes(b"Who won?:\n- Kerr\n")
    got = parse(f'/quiz import file:"{listed}" name:mine', COMMANDS)
    assert got.name == "quiz import" and got.options["name"] == "mine"
    assert isinstance(got.options["file"], LocalFile)
    assert (got.options["file"].filename, got.options["file"].data) == ("my list.yaml", b"Who won?:\n- Kerr\n")
    short = parse(f"/quiz import {tmp_path / 'my list.yaml'}", COMMANDS)      # the one required option: free text
    assert short.options["file"] == got.options["file"]


@pytest.mark.parametrize("value, problem", [
    ("nowhere.yaml", "/quiz import: file: there is no file 'nowhere.yaml' (give its path, e.g. file:my-list.yaml)."),
    (".", "/quiz import: file: . is a folder, not a file."),
])
def test_a_file_that_cannot_be_read_is_refused_politely(value, problem, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParseError) as bad:
        parse(f"/quiz import file:{value}", COMMANDS)
    assert str(bad.value) == problem


def test_channel_and_user_options_name_the_console_server(session):
    want = Invocation("anniversaries channel", {"channel": CONSOLE_IDS.channel})
    assert parse("/anniversaries channel #console", COMMANDS, session) == want
    assert parse(f"/anniversaries channel channel:<#{CONSOLE_IDS.channel}>", COMMANDS, session) == want
    assert parse("/quiz stats member:@you", COMMANDS, session).options == {"member": CONSOLE_IDS.user}
    assert parse("/quiz stats member:You", COMMANDS, session).options == {"member": CONSOLE_IDS.user}
    assert parse("/quiz stats member:organiser", COMMANDS, session).options == {"member": CONSOLE_IDS.owner}
    with pytest.raises(ParseError) as bad:
        parse("/anniversaries channel #history", COMMANDS, session)
    assert str(bad.value) == ("/anniversaries channel: channel must be a channel of this server (#console); "
                              "not '#history'.")
    with pytest.raises(ParseError) as bad:
        parse("/anniversaries channel #console", COMMANDS)                    # no world to name things in
    assert "channel takes a kind of value the console cannot give" in str(bad.value)


def test_a_single_required_option_of_any_kind_takes_the_rest_of_the_line():
    assert parse("/anniversaries max 2", COMMANDS) == Invocation("anniversaries max", {"n": 2})
    with pytest.raises(ParseError) as bad:
        parse("/anniversaries max 9", COMMANDS)
    assert "n must be between 1 and 5" in str(bad.value)


def buttons(message_id: int, *labels: str, disabled: bool = False) -> dict:
    return {"id": str(message_id), "flags": 0, "content": "", "embeds": [], "attachments": [], "components": [
        {"type": 1, "components": [{"type": 2, "style": 1, "label": label, "custom_id": f"{message_id}:{i}",
                                    "disabled": disabled} for i, label in enumerate(labels)]}]}


def test_a_posts_buttons_keep_their_numbers_while_a_command_is_answered():
    choices = Choices()
    [row] = draw_message(buttons(7, "Kerr", "Jakob", "Nuguse"), choices, live=True)     # a quiz question
    assert row.plain == "[1] Kerr  [2] Jakob  [3] Nuguse"
    choices.clear_answers()                                                            # a command is answered...
    [row] = draw_message(buttons(9, "Previous", "Next"), choices)                      # ...with buttons of its own
    assert row.plain == "[4] Previous  [5] Next"
    assert choices.by_number[2] == (7, "7:1", None)                                    # "2" still answers "Jakob"
    choices.clear_answers()                                                            # the next command's answer
    assert sorted(choices.by_number) == [1, 2, 3]
    choices.prune({(7, "7:0"), (7, "7:2")})                                            # one was disabled meanwhile
    assert sorted(choices.by_number) == [1, 3]
    choices.prune(set())                                                               # the round is over
    assert choices.by_number == {} and choices.live == set()
