"""The bot's reply to one command or click, read off the loopback: when it has finished answering (as a user
would see it), and the messages it answered with."""
from __future__ import annotations

import asyncio
import copy
import dataclasses
from typing import Any

from bot.console.loopback import (
    FLAG_LOADING,
    FOLLOWUP,
    ORIGINAL,
    WEBHOOK_MESSAGE,
    FakeInteraction,
    LoopbackDiscord,
    RecordedRequest,
)
from bot.console.loopback.payloads import CB_DEFERRED_MESSAGE, CB_DEFERRED_UPDATE, CB_MODAL

QUIET = 0.15               # after the answer, how long nothing more must arrive before it is drawn


@dataclasses.dataclass
class Outcome:
    """What one command or click produced: message snapshots to draw, and a note when something is off (or,
    `aside`, a dim remark: where a message went)."""
    messages: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    note: str | None = None
    aside: str | None = None


async def reply(server: LoopbackDiscord, inter: FakeInteraction, within: float) -> Outcome:
    """Wait (up to `within` seconds) until the bot has answered `inter` and gone quiet; what it answered."""
    try:
        async with asyncio.timeout(within):
            await server.wait_until(lambda: True if answered(server, inter) else None, "the bot to answer",
                                    check_errors=False)
    except TimeoutError:
        return Outcome(reply_messages(server, inter), f"(no answer from the bot within {within:.0f} s)")
    await _until_quiet(server, inter)
    outcome = Outcome(reply_messages(server, inter))
    if inter.callback_type == CB_MODAL:
        outcome.note = "(the bot opened a form, which the console cannot show yet)"
    elif not outcome.messages:
        outcome.note = "(the bot answered with nothing to show)"
    return outcome


def _requests_for(server: LoopbackDiscord, inter: FakeInteraction) -> list[RecordedRequest]:
    """The requests that belong to this interaction (its callback and its webhook)."""
    return [r for r in server.requests
            if inter.token in (r.params.get("interaction_token"), r.params.get("webhook_token"))]


def answered(server: LoopbackDiscord, inter: FakeInteraction) -> bool:
    """The bot has finished answering, as a user would see it: the callback came; "thinking…" was filled
    in (or deleted and followed up); a deferred click edited its message or followed up."""
    cb = inter.callback_type
    if cb is None:
        return False
    done = [r for r in _requests_for(server, inter) if r.status is not None and r.status < 400]
    followed_up = any(r.method == "POST" and r.template == FOLLOWUP for r in done)
    if cb == CB_DEFERRED_MESSAGE:
        original = server.messages.get(inter.original_message_id or 0)
        if original is None:                 # "thinking…" deleted: a private note follows
            return followed_up
        return not original["flags"] & FLAG_LOADING
    if cb == CB_DEFERRED_UPDATE:
        return followed_up or any(r.method == "PATCH" and r.template in (ORIGINAL, WEBHOOK_MESSAGE) for r in done)
    return True


async def _until_quiet(server: LoopbackDiscord, inter: FakeInteraction) -> None:
    """Wait until nothing more arrives for the interaction (a second followup, an edit after a note)."""
    seen = len(_requests_for(server, inter))
    while True:
        await asyncio.sleep(QUIET)
        now = len(_requests_for(server, inter))
        pending = any(r.status is None for r in server.requests)
        if now == seen and not pending:
            return
        seen = now


async def settle(server: LoopbackDiscord, quiet: float) -> None:
    """Until no request has arrived, and none is open, for `quiet` seconds."""
    seen = len(server.requests)
    while True:
        await asyncio.sleep(quiet)
        now = len(server.requests)
        if now == seen and not any(r.status is None for r in server.requests):
            return
        seen = now


def reply_messages(server: LoopbackDiscord, inter: FakeInteraction) -> list[dict[str, Any]]:
    """Snapshots of the interaction's response and followups that still exist, in order."""
    ids = [inter.original_message_id, *inter.followup_ids]
    out, seen = [], set()
    for mid in ids:
        if mid is None or mid in seen or mid not in server.messages:
            continue
        seen.add(mid)
        out.append(copy.deepcopy(server.messages[mid]))
    return out
