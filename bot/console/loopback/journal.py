"""What happened on the loopback, and waiting for it: the requests the bot made, the violations found in them,
the errors the bot logged, and the wait_* helpers that return what the bot did next."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import Any

from bot.console.loopback.payloads import CALLBACK, CHANNEL_MESSAGES, FOLLOWUP, ORIGINAL, Entity, id_of
from bot.console.loopback.records import FakeInteraction, RecordedRequest


class BotError(AssertionError):
    """The bot logged an error (e.g. an exception in a command) while a test waited."""


class Journal:
    """The record, and the waits on it. Each wait is bounded by `wait_timeout` seconds (None: unbounded); a
    caller that wants a shorter bound wraps the call in `async with asyncio.timeout(...)`."""

    def __init__(self, *, wait_timeout: float | None = 5.0) -> None:
        self.wait_timeout = wait_timeout
        self.requests: list[RecordedRequest] = []
        self.violations: list[str] = []
        self.bot_errors: list[str] = []
        self._claimed_errors = 0
        self._waiters: list[asyncio.Future[None]] = []

    @property
    def unclaimed_bot_errors(self) -> list[str]:
        """The errors the bot logged that no wait_bot_error() took."""
        return self.bot_errors[self._claimed_errors:]

    def poke(self) -> None:
        """Something happened: every wait looks again."""
        waiters, self._waiters = self._waiters, []
        for fut in waiters:
            if not fut.done():
                fut.set_result(None)

    def record_bot_error(self, text: str) -> None:
        """Called by the log handler the start_bot fixture installs (BotErrorLog)."""
        self.bot_errors.append(text)
        self.poke()

    def _raise_bot_errors(self) -> None:
        if self.unclaimed_bot_errors:
            raise BotError("the bot logged an error while the test waited:\n" + "\n".join(self.unclaimed_bot_errors))

    async def wait_until(self, find: Callable[[], Any], what: str, *, check_errors: bool = True) -> Any:
        """find()'s first non-None result, looked for again whenever the fake is poked. Bounded by
        `wait_timeout` (None: only by the caller, e.g. `async with asyncio.timeout(...)` around the call);
        when that bound runs out, TimeoutError says what was awaited and what the bot did instead."""
        loop = asyncio.get_running_loop()
        scope = asyncio.timeout(self.wait_timeout)
        try:
            async with scope:
                while True:
                    found = find()
                    if found is not None:
                        return found
                    if check_errors:
                        self._raise_bot_errors()
                    fut = loop.create_future()
                    self._waiters.append(fut)
                    await fut
                    # One more turn of the loop before looking again (as the asyncio.wait_for this replaced
                    # took): the bot, on this loop, reads the answer that woke us and acts on it (say, registers
                    # the view of the message it just sent) before the caller's next move (a click) can reach it.
                    await asyncio.sleep(0)
        except TimeoutError:
            if not scope.expired():
                raise
        # One last look (a request answered as the time ran out still counts), then the explanation.
        found = find()
        if found is not None:
            return found
        if check_errors:
            self._raise_bot_errors()
        pending = [r for r in self.requests if not r.claimed]
        raise TimeoutError(f"timed out after {self.wait_timeout}s waiting for {what}; "
                           f"unclaimed requests: {pending}; violations: {self.violations}")

    async def wait_request(self, method: str | None = None, path: str | None = None, *,
                           where: Callable[[RecordedRequest], bool] | None = None) -> RecordedRequest:
        """The oldest answered request not yet returned by a wait_* call that matches:
        `method`, `path` (a spec template such as "/channels/{channel_id}/messages", or
        a literal path) and `where`. Requests made before the test started waiting count."""

        def find() -> RecordedRequest | None:
            for req in self.requests:
                if req.claimed or req.status is None:
                    continue
                if method is not None and req.method != method.upper():
                    continue
                if path is not None and path not in (req.template, req.path):
                    continue
                if where is not None and not where(req):
                    continue
                req.claimed = True
                return req
            return None

        return await self.wait_until(find, f"{method or '*'} {path or '*'}")

    def claim_all(self) -> None:
        """Mark every request so far as seen (start_bot does this after startup)."""
        for req in self.requests:
            req.claimed = True

    async def wait_response(self, interaction: FakeInteraction) -> dict[str, Any]:
        """The bot's interaction callback body (payload_json for multipart)."""
        req = await self.wait_request("POST", CALLBACK,
                                      where=lambda r: r.params["interaction_token"] == interaction.token)
        return req.json

    async def wait_followup(self, interaction: FakeInteraction) -> dict[str, Any]:
        """The body of the next followup message (POST /webhooks/{app}/{token})."""
        req = await self.wait_request("POST", FOLLOWUP,
                                      where=lambda r: r.params["webhook_token"] == interaction.token)
        return req.json

    async def wait_edit(self, interaction: FakeInteraction) -> dict[str, Any]:
        """The body of the next edit of the interaction's original response."""
        req = await self.wait_request("PATCH", ORIGINAL,
                                      where=lambda r: r.params["webhook_token"] == interaction.token)
        return req.json

    async def wait_message(self, channel: Entity | None = None) -> dict[str, Any]:
        """The body of the next message the bot posts with POST /channels/{id}/messages."""
        cid = None if channel is None else str(id_of(channel))
        req = await self.wait_request("POST", CHANNEL_MESSAGES,
                                      where=lambda r: cid is None or r.params["channel_id"] == cid)
        return req.json

    async def wait_bot_error(self) -> str:
        """Claim the next error the bot logs (for tests that expect one)."""

        def find() -> str | None:
            if len(self.bot_errors) > self._claimed_errors:
                self._claimed_errors += 1
                return self.bot_errors[self._claimed_errors - 1]
            return None

        return await self.wait_until(find, "the bot to log an error", check_errors=False)

    @contextlib.contextmanager
    def expect_violations(self) -> Iterator[list[str]]:
        """For tests of the validator itself: violations raised inside the block are
        moved into the yielded list (so the fixture does not fail the test), and the
        block must produce at least one."""
        start = len(self.violations)
        caught: list[str] = []
        yield caught
        caught.extend(self.violations[start:])
        del self.violations[start:]
        assert caught, "expected the fake Discord to reject a request, but every body validated"


class BotErrorLog(logging.Handler):
    """Routes ERROR records from discord.py's loggers (exceptions in commands, views
    and events) to the fake, so a waiting test fails at once instead of timing out."""

    def __init__(self, fake: Journal, loop: asyncio.AbstractEventLoop):
        super().__init__(level=logging.ERROR)
        self.fake, self.loop = fake, loop

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.loop.call_soon_threadsafe(self.fake.record_bot_error, text)
