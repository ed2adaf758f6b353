"""Helpers for playing quizzes through the fake Discord: permissions, the manual clock, reading rounds."""
from __future__ import annotations

import asyncio

from bot.console.loopback import CHANNEL_MESSAGE, CHANNEL_MESSAGES, FLAG_EPHEMERAL, MEMBER_PERMISSIONS

MANAGE_MESSAGES = 1 << 13
MANAGE_GUILD = 1 << 5

TRACK_LIST = b"""AUTHOR: Bell Lap tests
DESCRIPTION: A few questions for the end-to-end tests.
CONFIG:
  max_score: 5
Who won the men's 1500 m at the 2020 Olympics?:
- Jakob Ingebrigtsen
- Ingebrigtsen
Did Josh Kerr win the 2023 world 1500 m title?:
- yes
In which city is the Bislett Games held?:
- Oslo
"""
TRACK_ANSWERS = {
    "Who won the men's 1500 m at the 2020 Olympics?": "Jakob Ingebrigtsen",
    "Did Josh Kerr win the 2023 world 1500 m title?": "yes",
    "In which city is the Bislett Games held?": "Oslo",
}

BAD_LIST = b"""AUTHOR: Bell Lap tests
Who won the men's 1500 m at the 2020 Olympics?:
- Jakob Ingebrigtsen
Which year?: []
Who won the men's 1500 m at the 2020 Olympics?:
- Ingebrigtsen
CONFIG:
  colour: blue
"""


def moderator(fake, name: str = "marshal", permissions: int = MANAGE_MESSAGES) -> dict:
    """A member with a role that adds `permissions` (add before the bot starts)."""
    role = fake.add_role(f"{name}-role", permissions=MEMBER_PERMISSIONS | permissions)
    return fake.add_member(name, roles=[role["id"]])


def quiz_cog(bot):
    return bot.get_cog("Quiz")


def live_question(bot, fake):
    """The question in play in the default channel (tests read the answer from the engine)."""
    game = quiz_cog(bot).engine.game(int(fake.channel["id"]))
    assert game is not None and game.round is not None, "no round in play"
    return game.round.question


async def next_post(fake, clock, *, step: float = 1.0, limit: float = 150.0, wait: float = 0.05):
    """The next message the bot posts in a channel (the RecordedRequest: .json is the body, .response the
    message), moving the manual clock forward `step` seconds whenever the bot has nothing to post yet.

    Stepping (rather than jumping) matters: the engine computes some deadlines (the pause between rounds)
    only after it has posted, so a single jump made too early would be missed."""
    moved = 0.0
    while True:
        try:
            async with asyncio.timeout(wait):
                return await fake.wait_request("POST", CHANNEL_MESSAGES)
        except TimeoutError:
            if moved >= limit:
                raise
            await clock.advance(step)
            moved += step


async def next_result(fake, clock, **kwargs):
    """The next post that is not a hint (a round won, a reveal, the game over)."""
    while True:
        post = await next_post(fake, clock, **kwargs)
        if not post.json["embeds"][0].get("description", "").startswith("💡"):
            return post


async def next_edit(fake):
    """The next edit of a channel message (buttons disabled at the end of a round), within the fake's
    wait_timeout."""
    return await fake.wait_request("PATCH", CHANNEL_MESSAGE)


async def ephemeral_text(fake, interaction) -> str:
    """The text of an ephemeral reply: an immediate one, or the followup after an ephemeral defer."""
    body = await fake.wait_response(interaction)
    if body["type"] == 4:
        assert body["data"]["flags"] & FLAG_EPHEMERAL, body
        return body["data"].get("content") or body["data"]["embeds"][0].get("description", "")
    assert body["type"] == 5 and body["data"]["flags"] & FLAG_EPHEMERAL, body
    follow = await fake.wait_followup(interaction)
    return follow.get("content") or follow["embeds"][0].get("description", "")


def buttons(message: dict) -> list[dict]:
    return [c for row in message.get("components") or [] for c in row.get("components") or []]


def question_text(post_json: dict) -> str:
    """The question of a round message (the description before the timer line)."""
    return post_json["embeds"][0]["description"].split("\n\n")[0]


def bot_messages(fake) -> list[dict]:
    return [m for m in fake.messages.values() if m["author"]["id"] == str(fake.app_id)]
