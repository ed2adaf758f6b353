"""Proves the wire-level harness: a small bot defined here, driven through the fake Discord.

Every request body in these tests is checked against Discord's OpenAPI spec by the
fake; the fake_discord fixture fails a test that sent an invalid one.
"""
from __future__ import annotations

import asyncio
import io
import json

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.console.loopback import CALLBACK, FOLLOWUP

from .fake_discord import FakeDiscord
from .openapi import SHARED_SPEC, VENDORED_LICENSE, VENDORED_SPEC, SpecValidator

ATHLETES = ["Kerr, Josh", "Kerley, Fred", "Kipyegon, Faith", "Bol, Femke", "Duplantis, Armand"]


class AskView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="More", style=discord.ButtonStyle.primary, custom_id="ask:more")
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        button.disabled = True
        await interaction.response.edit_message(content="Gold in 3:27.65.", view=self)


def make_bot(cls: type[commands.Bot] = commands.Bot) -> commands.Bot:
    """A stand-in for the real Bell Lap bot: the same kinds of replies, none of the data."""
    # Default intents: no privileged MESSAGE_CONTENT, so mentions are the way in.
    bot = cls(command_prefix=commands.when_mentioned, intents=discord.Intents.default(),
              guild_ready_timeout=0.1, help_command=None)

    @bot.tree.command(description="Ask about an athlete")
    @app_commands.describe(question="Athlete name", year="Season")
    async def ask(interaction: discord.Interaction, question: str, year: int = 2024) -> None:
        embed = discord.Embed(title=question, description=f"{year} season", colour=0x1F8B4C)
        embed.add_field(name="Best", value="3:27.79", inline=True)
        await interaction.response.send_message(embed=embed, view=AskView())

    @ask.autocomplete("question")
    async def ask_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=a, value=a) for a in ATHLETES if current.lower() in a.lower()][:25]

    @bot.tree.command(description="Only you can see this")
    async def secret(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Your personal best is safe with me.", ephemeral=True)

    @bot.tree.command(description="Takes a moment")
    async def slowfacts(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("The mile record is 3:43.13.")

    @bot.tree.command(description="Live lap times")
    async def live(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Lap 1: 55.1")
        await interaction.edit_original_response(content="Lap 2: 56.0")

    @bot.tree.command(description="Splits as CSV")
    async def splits(interaction: discord.Interaction) -> None:
        data = io.BytesIO(b"lap,time\n1,55.1\n2,56.0\n")
        await interaction.response.send_message("Here you go.", file=discord.File(data, "splits.csv"))

    @bot.tree.command(description="Compare with someone")
    async def compare(interaction: discord.Interaction, rival: discord.Member) -> None:
        await interaction.response.send_message(f"You vs {rival.display_name}",
                                                allowed_mentions=discord.AllowedMentions.none())

    @bot.tree.command(description="Sends an embed Discord would reject")
    async def broken(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(embed=discord.Embed(title="x" * 300))

    results = app_commands.Group(name="results", description="Results by meeting")

    @results.command(name="event", description="Results of one event")
    @app_commands.choices(gender=[app_commands.Choice(name="Women", value="W"),
                                  app_commands.Choice(name="Men", value="M")])
    async def results_event(interaction: discord.Interaction, name: str, gender: str,
                            channel: discord.TextChannel | None = None) -> None:
        where = f" in #{channel.name}" if channel else ""
        await interaction.response.send_message(f"{gender} {name} results{where}")

    bot.tree.add_command(results)

    @bot.tree.command(description="Organisers only")
    @app_commands.default_permissions(manage_guild=True)
    async def reload(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Reloaded.", ephemeral=True)

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot or bot.user not in message.mentions:
            return
        await message.add_reaction("\N{RUNNER}")
        async with message.channel.typing():
            await message.reply(f"{message.author.mention} asked: {message.content.split(' ', 1)[-1]}",
                                allowed_mentions=discord.AllowedMentions.none())

    return bot


# ------------------------------------------------------------------ slash commands


async def test_slash_command_replies_with_embed_and_button(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot())

    inter = await fake_discord.slash("ask", {"question": "Kerr, Josh", "year": 2023})
    body = await fake_discord.wait_response(inter)

    assert body["type"] == 4  # CHANNEL_MESSAGE_WITH_SOURCE
    embed = body["data"]["embeds"][0]
    assert embed["title"] == "Kerr, Josh"
    assert embed["description"] == "2023 season"
    button = body["data"]["components"][0]["components"][0]
    assert (button["type"], button["custom_id"], button["label"]) == (2, "ask:more", "More")
    # The fake keeps the message it created, as Discord would.
    assert fake_discord.original(inter)["embeds"][0]["title"] == "Kerr, Josh"


async def test_option_defaults_and_missing_required_options(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot())

    inter = await fake_discord.slash("ask", {"question": "Bol, Femke"})
    assert (await fake_discord.wait_response(inter))["data"]["embeds"][0]["description"] == "2024 season"
    with pytest.raises(LookupError, match="requires"):
        await fake_discord.slash("ask", {"year": 2020})


async def test_autocomplete_offers_matching_choices(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot())

    choices = await fake_discord.autocomplete("ask", "question", "ker")

    assert [c["name"] for c in choices] == ["Kerr, Josh", "Kerley, Fred"]
    assert all(c["value"] == c["name"] for c in choices)


async def test_button_click_edits_the_message(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot())
    inter = await fake_discord.slash("ask", {"question": "Kerr, Josh"})
    await fake_discord.wait_response(inter)
    runner = fake_discord.add_member("miler")

    click = await fake_discord.click(inter.original_message_id, "ask:more", user=runner)
    body = await fake_discord.wait_response(click)

    assert body["type"] == 7  # UPDATE_MESSAGE
    assert body["data"]["content"] == "Gold in 3:27.65."
    message = fake_discord.original(inter)
    assert message["content"] == "Gold in 3:27.65."
    assert message["components"][0]["components"][0]["disabled"] is True
    with pytest.raises(LookupError, match="disabled"):
        await fake_discord.click(message, "ask:more")


async def test_ephemeral_reply(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot())

    inter = await fake_discord.slash("secret")
    body = await fake_discord.wait_response(inter)

    assert body["data"]["flags"] & 64  # EPHEMERAL
    assert fake_discord.original(inter)["flags"] & 64


async def test_deferred_response_then_followup(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot())

    inter = await fake_discord.slash("slowfacts")
    assert (await fake_discord.wait_response(inter))["type"] == 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    followup = await fake_discord.wait_followup(inter)

    assert followup["content"] == "The mile record is 3:43.13."
    # As on Discord, the first followup after a thinking defer fills in the loading message.
    original = fake_discord.original(inter)
    assert original["content"] == "The mile record is 3:43.13."
    assert not original["flags"] & 128  # LOADING cleared


async def test_original_response_is_edited(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot())

    inter = await fake_discord.slash("live")
    assert (await fake_discord.wait_response(inter))["data"]["content"] == "Lap 1: 55.1"
    edit = await fake_discord.wait_edit(inter)

    assert edit["content"] == "Lap 2: 56.0"
    assert fake_discord.original(inter)["content"] == "Lap 2: 56.0"


async def test_file_attachment_is_sent_as_multipart(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot())

    inter = await fake_discord.slash("splits")
    request = await fake_discord.wait_request("POST", CALLBACK,
                                              where=lambda r: r.params["interaction_token"] == inter.token)

    assert request.content_type == "multipart/form-data"
    assert request.json["data"]["attachments"] == [{"id": 0, "filename": "splits.csv"}]
    [upload] = request.files
    assert (upload.field, upload.filename) == ("files[0]", "splits.csv")
    assert upload.data.startswith(b"lap,time\n")
    [attachment] = fake_discord.original(inter)["attachments"]
    assert attachment["filename"] == "splits.csv" and attachment["size"] == len(upload.data)


async def test_member_option_is_resolved(fake_discord: FakeDiscord, start_bot):
    rival = fake_discord.add_member("hurdler", nick="Femke")
    await start_bot(make_bot())

    inter = await fake_discord.slash("compare", {"rival": rival})
    body = await fake_discord.wait_response(inter)

    assert body["data"]["content"] == "You vs Femke"
    assert body["data"]["allowed_mentions"]["parse"] == []


async def test_subcommand_with_choices_and_channel_option(fake_discord: FakeDiscord, start_bot):
    results = fake_discord.add_channel("results")
    await start_bot(make_bot())

    inter = await fake_discord.slash("results event", {"name": "1500m", "gender": "W", "channel": results})
    body = await fake_discord.wait_response(inter)

    assert body["data"]["content"] == "W 1500m results in #results"
    with pytest.raises(ValueError, match="not one of the choices"):
        await fake_discord.slash("results event", {"name": "1500m", "gender": "X"})


# ------------------------------------------------------------------ messages


async def test_mention_is_answered_without_pinging_anyone(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot())

    asked = await fake_discord.mention("who holds the 1500m record?")
    reply = await fake_discord.wait_message(fake_discord.channel)

    user_id = fake_discord.user["id"]
    assert reply["content"] == f"<@{user_id}> asked: who holds the 1500m record?"
    assert reply["allowed_mentions"]["parse"] == []
    assert str(reply["message_reference"]["message_id"]) == asked["id"]
    assert fake_discord.messages[int(asked["id"])]["reactions"][0]["emoji"]["name"] == "\N{RUNNER}"
    await fake_discord.wait_request("POST", "/channels/{channel_id}/typing")
    # allowed_mentions=none means the stored message pings nobody.
    [created] = [m for m in fake_discord.messages.values() if m["author"]["id"] == str(fake_discord.app_id)]
    assert created["mentions"] == [] and created["type"] == 19  # REPLY


async def test_message_content_is_blank_without_the_intent(fake_discord: FakeDiscord, start_bot):
    bot = await start_bot(make_bot())
    heard = asyncio.ensure_future(bot.wait_for("message"))

    await fake_discord.send_message("no mention, so no content for this bot")

    message = await asyncio.wait_for(heard, timeout=5)
    assert message.content == "" and message.author.id == int(fake_discord.user["id"])


# ------------------------------------------------------------------ command sync


async def test_command_sync_to_a_guild(fake_discord: FakeDiscord, start_bot):
    bot = await start_bot(make_bot(), sync=False)
    guild = discord.Object(int(fake_discord.guild["id"]))
    bot.tree.copy_global_to(guild=guild)

    synced = await bot.tree.sync(guild=guild)
    put = await fake_discord.wait_request("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")

    names = sorted(c["name"] for c in put.json)
    assert names == ["ask", "broken", "compare", "live", "reload", "results", "secret", "slowfacts", "splits"]
    reload = next(c for c in put.json if c["name"] == "reload")
    assert reload["default_member_permissions"] == 1 << 5  # MANAGE_GUILD
    ask = next(c for c in put.json if c["name"] == "ask")
    assert [(o["name"], o["type"], o.get("autocomplete", False)) for o in ask["options"]] == [
        ("question", 3, True), ("year", 4, False)]
    assert sorted(c.name for c in synced) == names
    assert all(c.guild_id == guild.id for c in synced)
    # Interactions for a guild command carry data.guild_id, which discord.py routes on.
    inter = await fake_discord.slash("secret")
    assert inter.payload["data"]["guild_id"] == str(guild.id)
    assert (await fake_discord.wait_response(inter))["type"] == 4


async def test_unsynced_commands_cannot_be_run(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot(), sync=False)
    with pytest.raises(LookupError, match="not registered"):
        await fake_discord.slash("ask", {"question": "x"})


# ------------------------------------------------------------------ the validator bites


async def test_invalid_body_on_a_raw_route_is_caught(fake_discord: FakeDiscord, start_bot):
    bot = await start_bot(make_bot())
    route = discord.http.Route("POST", "/channels/{channel_id}/messages", channel_id=fake_discord.channel["id"])

    with fake_discord.expect_violations() as caught:
        with pytest.raises(discord.HTTPException) as excinfo:
            await bot.http.request(route, json={"embeds": [{"title": "x" * 257}]})

    assert excinfo.value.status == 400 and excinfo.value.code == 50035
    [violation] = caught
    assert "is too long" in violation and "embeds[0].title" in violation


async def test_invalid_body_from_a_command_is_caught(fake_discord: FakeDiscord, start_bot):
    await start_bot(make_bot())

    with fake_discord.expect_violations() as caught:
        await fake_discord.slash("broken")
        error = await fake_discord.wait_bot_error()  # discord.py raised the 400 inside the command

    assert "50035" in error
    assert "title" in caught[0]


async def test_unknown_route_is_a_violation(fake_discord: FakeDiscord, start_bot):
    bot = await start_bot(make_bot())

    with fake_discord.expect_violations() as caught:
        with pytest.raises(discord.NotFound):
            await bot.http.request(discord.http.Route("GET", "/guilds/{guild_id}", guild_id=fake_discord.guild["id"]))

    assert "not served" in caught[0]


# ------------------------------------------------------------------ gateway


async def test_auto_sharded_bot(fake_discord: FakeDiscord, start_bot):
    bot = await start_bot(make_bot(commands.AutoShardedBot))

    assert [r.path for r in fake_discord.requests if r.path == "/gateway/bot"] == ["/gateway/bot"]
    [session] = fake_discord.sessions.values()
    assert session.identify["shard"] == [0, 1]
    assert bot.get_guild(int(fake_discord.guild["id"])) is not None
    inter = await fake_discord.slash("secret")
    assert (await fake_discord.wait_response(inter))["type"] == 4


async def test_gateway_heartbeat_and_resume(fake_discord: FakeDiscord, start_bot):
    bot = await start_bot(make_bot())
    assert fake_discord.heartbeats >= 1  # discord.py beats as soon as it gets HELLO
    [session] = fake_discord.sessions.values()
    assert session.intents == discord.Intents.default().value

    await fake_discord.reconnect()

    assert fake_discord.gateway_connections == ["/gateway", "/gateway-resume"]
    assert len(fake_discord.sessions) == 1  # resumed, not re-identified
    inter = await fake_discord.slash("ask", {"question": "Duplantis, Armand"})
    assert (await fake_discord.wait_response(inter))["type"] == 4
    assert bot.is_ready()


# ------------------------------------------------------------------ the vendored spec


def test_vendored_subset_is_up_to_date():
    if not SHARED_SPEC.exists():
        pytest.skip("../shared/discord-api-spec is not present")
    from .vendor_spec import render_subset

    assert VENDORED_SPEC.read_text(encoding="utf-8") == render_subset(), "run tests/e2e/vendor_spec.py"
    assert VENDORED_LICENSE.read_text(encoding="utf-8") == SHARED_SPEC.with_name("LICENSE").read_text(
        encoding="utf-8")


def test_vendored_subset_validates_on_its_own():
    """CI without ../shared uses only the subset: every $ref must resolve inside it."""
    validator = SpecValidator(json.loads(VENDORED_SPEC.read_text(encoding="utf-8")))
    path = "/channels/{channel_id}/messages"
    assert validator.validate("POST", path, "application/json", {"content": "hi", "embeds": [{"title": "t"}]}) == []
    assert validator.validate("POST", path, "application/json", {"embeds": [{"title": "x" * 257}]})
    for template in (CALLBACK, FOLLOWUP):
        assert validator.validate("POST", template, "application/json",
                                  {"type": 4, "data": {"content": "ok"}} if template == CALLBACK else {"content": "ok"}) == []
