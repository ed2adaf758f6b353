"""The console's command line, in-process: typed text -> slash command options, checked against the synced
command definitions (the real cogs' commands, serialised as discord.py syncs them)."""
from __future__ import annotations

import discord
import pytest
from discord import app_commands

from bot.console.choices import Choices
from bot.console.commands import listing
from bot.console.draw import discord_text, draw_message
from bot.console.parse import Invocation, ParseError, parse

QUIZ = {  # a command with subcommands, in Discord's JSON shape
    "name": "quiz", "type": 1, "description": "Quizzes", "options": [
        {"type": 1, "name": "start", "description": "Start", "options": [
            {"type": 3, "name": "mode", "description": "m", "choices": [{"name": "typed", "value": "typed"},
                                                                        {"name": "choice", "value": "choice"}]},
            {"type": 4, "name": "questions", "description": "q", "min_value": 1, "max_value": 100}]},
        {"type": 1, "name": "stop", "description": "Stop"}]}


@pytest.fixture(scope="module")
def commands():
    from cogs.ask import Ask
    from cogs.lookup import Lookup
    tree = app_commands.CommandTree(discord.Client(intents=discord.Intents.none()))
    cmds = [c.to_dict(tree) for c in (*Ask.__cog_app_commands__, *Lookup.__cog_app_commands__)]
    return [*cmds, QUIZ]


@pytest.mark.parametrize("line, name, options", [
    ("/ask who won pre 2024 mile", "ask", {"question": "who won pre 2024 mile"}),
    ("/ask fastest women's 800 ever", "ask", {"question": "fastest women's 800 ever"}),
    ("/ask kerr vs jakob: who won more?", "ask", {"question": "kerr vs jakob: who won more?"}),
    ("/ask question:who won pre 2024 mile", "ask", {"question": "who won pre 2024 mile"}),
    ("/record mile", "record", {"event": "mile"}),
    ("/record mile sex:women indoor:yes", "record", {"event": "mile", "sex": "W", "indoor": True}),
    ("/record event:800m scope:national country:\"Great Britain\"", "record",
     {"event": "800m", "scope": "national", "country": "Great Britain"}),
    ("/results meet:pre year:2024 event:mile", "results", {"meet": "pre", "year": 2024, "event": "mile"}),
    ("/results meet:pre classic year:2024 event:mile round:f", "results",
     {"meet": "pre classic", "year": 2024, "event": "mile", "round": "F"}),
    ("/results meet:'prefontaine classic' event:1500m year:2023", "results",
     {"meet": "prefontaine classic", "event": "1500m", "year": 2023}),
    ("/h2h athlete1:kerr athlete2:jakob", "h2h", {"athlete1": "kerr", "athlete2": "jakob"}),
    ("/convert mark:3:30 event:1500m to:mile", "convert", {"mark": "3:30", "event": "1500m", "to": "mile"}),
    ("/onthisday 7 July", "onthisday", {"date": "7 July"}),
    ("/onthisday", "onthisday", {}),
    ("/ATHLETE Faith Kipyegon", "athlete", {"name": "Faith Kipyegon"}),
    ("/quiz start mode:choice questions:5", "quiz start", {"mode": "choice", "questions": 5}),
    ("/quiz stop", "quiz stop", {}),
])
def test_parses(commands, line, name, options):
    assert parse(line, commands) == Invocation(name, options)


@pytest.mark.parametrize("line, problem", [
    ("/nope", "There is no /nope command."),
    ("/", "Type a command name after the slash."),
    ("who won", "Commands start with a slash"),
    ("/ask", "/ask needs question"),
    ("/results meet:pre evnt:mile", "/results has no option 'evnt'"),
    ("/results meet:pre year:2024", "/results needs event"),
    ("/results pre 2024 mile", "/results takes name:value options"),
    ("/results meet:pre year:twenty event:mile", "year must be a whole number"),
    ("/results meet:pre year:1850 event:mile", "year must be between 1896 and 2100"),
    ("/record mile sex:x", "sex must be one of M (Men), W (Women)"),
    ("/record mile indoor:maybe", "indoor must be true or false"),
    ("/record mile event:800m", "event is given twice"),
    ("/h2h athlete1:kerr athlete2:", "athlete2 needs a value"),
    ("/ask " + "x" * 301, "question must be at most 300 characters"),
    ("/quiz", "/quiz needs one of: start, stop."),
    ("/quiz begin", "/quiz needs one of: start, stop (not 'begin')."),
    ("/quiz start questions:0", "questions must be between 1 and 100"),
])
def test_refuses_politely(commands, line, problem):
    with pytest.raises(ParseError) as bad:
        parse(line, commands)
    assert problem in str(bad.value)


def test_listing_names_every_command_and_its_options(commands):
    usages = dict(listing(commands))
    assert "/ask <question>" in usages
    assert "/results meet:… year:… event:… [sex:M|W] [round:F|SF|H|RR]" in usages
    assert "/record <event> [sex:M|W] [scope:world|area|national|olympic] [country:…] [indoor:true|false]" in usages
    assert "/quiz start [mode:typed|choice] [questions:…]" in usages and "/quiz stop" in usages
    assert usages["/h2h athlete1:… athlete2:…"].startswith("Head to head")


def test_discord_markdown_is_drawn_not_shown():
    text = discord_text("**3:45.34** · Kerr\\_Josh\n-# ℹ️ small print\n<@42> in <#7> at <t:0:D>", {42: "you", 7: "console"})
    assert text.plain == "3:45.34 · Kerr_Josh\nℹ️ small print\n@you in #console at 1 Jan 1970"
    assert any(span.style == "bold" for span in text.spans)


def test_buttons_are_numbered_and_disabled_ones_are_not():
    message = {"id": "5", "flags": 0, "content": "", "embeds": [], "attachments": [], "components": [
        {"type": 1, "components": [
            {"type": 2, "style": 2, "label": "Previous", "emoji": {"name": "◀️"}, "custom_id": "p", "disabled": True},
            {"type": 2, "style": 2, "label": "Next", "emoji": {"name": "▶️"}, "custom_id": "n"}]}]}
    choices = Choices()
    [row] = draw_message(message, choices)
    assert row.plain == "[-] ◀️ Previous  [1] ▶️ Next"
    assert choices.by_number == {1: (5, "n", None)}


def test_redirect_points_discord_py_at_the_loopback_and_back():
    from discord.gateway import DiscordWebSocket

    from bot.console.loopback import LoopbackDiscord, redirect
    server = LoopbackDiscord()
    server.port = 1234
    before = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    with redirect(server):
        assert discord.http.Route.BASE == "http://127.0.0.1:1234/api/v10"
        assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:1234/gateway"
    assert (discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) == before


def test_the_application_does_not_need_jsonschema():
    import subprocess
    import sys
    code = "import sys, bot.console.loopback, bot.console.main; sys.exit('jsonschema' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=__import__("pathlib").Path(__file__).parents[2]).returncode == 0
