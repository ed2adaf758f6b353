"""The bot's event loop on a background thread, and call(), which runs a coroutine on it from the terminal's
thread and waits for the result (Ctrl-C cancels it)."""
from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Coroutine
from typing import Any

from bot.console.terminal import block_sigint

log = logging.getLogger(__name__)


class BotLoop:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="bell-lap-bot", daemon=True)

    def _run(self) -> None:
        block_sigint()
        self.loop.run_forever()

    def start(self) -> None:
        self._thread.start()

    def call(self, coro: Coroutine, timeout: float | None = None) -> Any:
        """Run `coro` on the bot's loop and return its result; TimeoutError after `timeout` seconds (None:
        none), and on Ctrl-C the coroutine is cancelled and KeyboardInterrupt raised."""
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        deadline = None if timeout is None else self.loop.time() + timeout
        while True:
            # short waits, so a Ctrl-C that lands on another thread (rich's spinner) is acted on at once
            try:
                return future.result(0.1)
            except TimeoutError:
                if deadline is not None and self.loop.time() > deadline:
                    raise
            except KeyboardInterrupt:
                future.cancel()
                raise

    def close(self, last: Coroutine) -> None:
        """Run `last` (closing what runs on the loop, within 15 s), then stop the loop and its thread. A Ctrl-C
        or an error in `last` is not raised: closing must not end in a traceback."""
        try:
            self.call(last, timeout=15)
        except KeyboardInterrupt:
            pass
        except Exception as err:
            log.debug("closing the console: %r", err)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
        if not self.loop.is_running():
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()
