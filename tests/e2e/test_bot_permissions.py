"""Permission-guarded commands, end to end: a member without the permission gets the command's polite private
refusal from every guarded command of every group, and nothing happens. The checks are declared on the commands
(or the anniversaries cog) and the refusal comes from the client's one tree error handler (bot/ui/permissions.py)."""
from __future__ import annotations

import pytest

from bot.console.loopback import CHANNEL_MESSAGES, FLAG_EPHEMERAL
from cogs.anniversaries import REFUSAL as ANNIVERSARIES_REFUSAL
from cogs.quotes import ADDING_REFUSAL

from .fake_discord import FakeDiscord
from .quiz_helpers import MANAGE_GUILD, TRACK_LIST

SETTINGS_REFUSAL = "Sorry, changing the quiz settings needs the Manage Server permission."
IMPORT_REFUSAL = "Sorry, importing trivia lists needs the Manage Server permission."

# every guarded command, with options it would accept from someone allowed to use it
GUARDED = [
    ("anniversaries status", {}, ANNIVERSARIES_REFUSAL),
    ("anniversaries channel", {"channel": "general"}, ANNIVERSARIES_REFUSAL),
    ("anniversaries time", {"time": "07:00"}, ANNIVERSARIES_REFUSAL),
    ("anniversaries timezone", {"name": "Europe/London"}, ANNIVERSARIES_REFUSAL),
    ("anniversaries countries", {"codes": "GBR"}, ANNIVERSARIES_REFUSAL),
    ("anniversaries max", {"n": 2}, ANNIVERSARIES_REFUSAL),
    ("anniversaries fallback", {"when_quiet": "none"}, ANNIVERSARIES_REFUSAL),
    ("anniversaries enable", {}, ANNIVERSARIES_REFUSAL),
    ("anniversaries disable", {}, ANNIVERSARIES_REFUSAL),
    ("anniversaries preview", {"date": "7 July"}, ANNIVERSARIES_REFUSAL),
    ("quiz settings", {"delay": 10}, SETTINGS_REFUSAL),
    ("quiz import", {"file": "track.yaml"}, IMPORT_REFUSAL),
    ("quote ingest", {"text": "“We go again,” Josh Kerr said.", "source": "https://example.org/a"},
     ADDING_REFUSAL),
    ("quote add", {"text": "We go again.", "speaker": "Josh Kerr", "source": "https://example.org/a"},
     ADDING_REFUSAL),
]


def _options(fake: FakeDiscord, options: dict) -> dict:
    """The test's shorthand made real: the default channel's id, an uploaded trivia list."""
    out = dict(options)
    if out.get("channel") == "general":
        out["channel"] = fake.channel["id"]
    if out.get("file") == "track.yaml":
        out["file"] = fake.attachment("track.yaml", TRACK_LIST)
    return out


async def _state(bot) -> dict[str, int]:
    tables = ("anniversary_config", "quiz_settings", "quiz_trivia_lists", "user_quotes")
    return {t: (await bot.store.fetchone(f"SELECT count(*) FROM {t}"))[0] for t in tables}


async def test_every_guarded_command_refuses_members_without_the_permission(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    bot = await quiz_bot()
    before = await _state(bot)
    for name, options, refusal in GUARDED:
        inter = await fake.slash(name, _options(fake, options), user=fake.user)       # an ordinary member
        body = await fake.wait_response(inter)
        assert body["type"] == 4, (name, body)                    # answered at once: the command never ran
        assert body["data"]["flags"] & FLAG_EPHEMERAL, name
        assert body["data"]["content"] == refusal, name
    assert await _state(bot) == before                             # nothing was changed or saved
    assert [r for r in fake.requests if r.template == CHANNEL_MESSAGES] == []      # nothing posted in a channel


@pytest.mark.parametrize("group, hidden", [("anniversaries", True), ("quiz", False), ("quote", False)])
async def test_only_groups_guarded_as_a_whole_are_hidden_from_members(fake_discord: FakeDiscord, quiz_bot,
                                                                       group, hidden):
    """default_permissions hides a whole top-level group; the quiz and quote groups have commands for everyone,
    so they stay visible and only their guarded commands check."""
    fake = fake_discord
    await quiz_bot()
    [command] = [c for c in fake.global_commands if c["name"] == group]
    assert (str(command.get("default_member_permissions")) == str(MANAGE_GUILD)) is hidden
