"""The BellLap client itself: intents, command sync, extensions, mentions' error path, settings."""
from __future__ import annotations

import logging

import discord

from bot.app.client import BellLap, extensions, intents
from bot.app.settings import Secret, Settings

from .fake_discord import FakeDiscord

COMMANDS = ["anniversaries", "ask", "athlete", "convert", "factcheck", "h2h", "onthisday", "progression", "quiz", "quote",
            "record", "results"]


async def test_connects_with_minimal_intents_and_syncs_globally(fake_discord: FakeDiscord, bell_lap):
    bot = await bell_lap()

    assert isinstance(bot, BellLap) and isinstance(bot, discord.AutoShardedClient)
    [session] = fake_discord.sessions.values()
    assert session.intents == (1 << 0) | (1 << 9) | (1 << 12)      # guilds, guild messages, DMs
    assert not session.intents & (1 << 15)                        # no message content
    assert sorted(c["name"] for c in fake_discord.global_commands) == COMMANDS
    assert sorted(bot.extensions) == extensions() == ["cogs.anniversaries", "cogs.ask", "cogs.factcheck",
                                                      "cogs.lookup", "cogs.quiz", "cogs.quotes"]
    assert bot.allowed_mentions.to_dict() == {"parse": []}


async def test_dev_guild_gets_the_commands_at_once(fake_discord: FakeDiscord, bell_lap):
    guild_id = int(fake_discord.guild["id"])
    await bell_lap(settings=Settings(dev_guild_id=guild_id))

    assert sorted(c["name"] for c in fake_discord.guild_commands[guild_id]) == COMMANDS
    assert fake_discord.global_commands == []
    inter = await fake_discord.slash("ask", {"question": "mile world record"})
    assert inter.payload["data"]["guild_id"] == str(guild_id)
    await fake_discord.wait_response(inter)
    assert "3:43.13" in (await fake_discord.wait_followup(inter))["embeds"][0]["description"]


async def test_a_failing_mention_gets_a_polite_reply(fake_discord: FakeDiscord, bell_lap, engine, monkeypatch,
                                                     caplog):
    await bell_lap()

    async def broken(question: str):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(engine, "answer", broken)
    with caplog.at_level(logging.ERROR):
        await fake_discord.mention("who won pre 2024 mile")
        reply = await fake_discord.wait_message(fake_discord.channel)
    assert reply["content"].startswith("Sorry, something went wrong")
    assert "internal detail" not in reply["content"]
    assert any("internal detail" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_intents_are_minimal():
    i = intents()
    assert (i.guilds, i.guild_messages, i.dm_messages) == (True, True, True)
    assert not (i.message_content or i.members or i.presences)


def test_the_token_never_shows(monkeypatch, tmp_path, caplog):
    token = "MTIzNDU2Nzg5.secret-token-value"
    settings = Settings.load({"DISCORD_TOKEN": token, "DEV_GUILD_ID": "42", "LOG_LEVEL": "debug"},
                             env_file=tmp_path / "none")
    assert settings.token.reveal() == token
    assert settings.dev_guild_id == 42 and settings.log_level == "DEBUG"
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("bot").info("settings: %s %r", settings, settings)
        logging.getLogger("bot").info(f"token {settings.token} {settings.token!r}")
    for text in (repr(settings), str(settings), f"{settings.token}", caplog.text):
        assert token not in text and "secret-token" not in text
    assert Secret("") != Secret("x") and not Secret("")


def test_settings_read_the_env_file_and_the_environment_wins(tmp_path):
    env = tmp_path / ".env"
    env.write_text("# comment\nDISCORD_TOKEN='from-file'\nBELL_LAP_DB=/data/x.sqlite3\nDEV_GUILD_ID=\n")
    s = Settings.load({}, env_file=env)
    assert s.token.reveal() == "from-file" and str(s.db_path) == "/data/x.sqlite3" and s.dev_guild_id is None
    assert Settings.load({"DISCORD_TOKEN": "env"}, env_file=env).token.reveal() == "env"


def test_bad_settings_are_refused(tmp_path):
    import pytest
    with pytest.raises(ValueError, match="DEV_GUILD_ID"):
        Settings.load({"DEV_GUILD_ID": "my server"}, env_file=tmp_path / "none")
    with pytest.raises(ValueError, match="LOG_LEVEL"):
        Settings.load({"LOG_LEVEL": "loud"}, env_file=tmp_path / "none")


def test_run_without_a_token_says_how_to_set_it(monkeypatch, capsys, tmp_path):
    from bot import __main__ as main
    monkeypatch.setenv("DISCORD_TOKEN", "")
    monkeypatch.setattr("bot.app.settings.ROOT", tmp_path)          # no .env here
    assert main.main(["run"]) == 2
    assert "DISCORD_TOKEN" in capsys.readouterr().err
