"""Questions answered off the event loop's process: a small pool of engine processes, and a cache of answers.

The engine is pure Python, so a thread of it holds the GIL against the event loop (and everything else the bot
does); processes use the other cores. Each worker builds its own Engine on a read-only connection to the
reference database (a third of a second) when the pool starts, not on the first question. The worker answers
with the date the caller's engine gives as today, so a worker answers exactly what the calling engine would.

Answers travel pickled, and the cache keeps them pickled: the reference data is read-only while an engine is
open, so an answer depends on the question and today's date only; each caller unpickles a copy of its own
(an Answer is mutable). Identical questions asked while the first is being answered wait for that one.
"""
from __future__ import annotations

import collections
import datetime as dt
import logging
import os
import pickle
import signal
import threading
import time
from collections.abc import Awaitable, Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio
    import concurrent.futures

# asyncio and multiprocessing (with concurrent.futures.process) are imported where they are used: every engine
# imports this module for AnswerCache, and `bot ask` starts 40 ms sooner without them

log = logging.getLogger(__name__)

WORKER_NICE = 10                     # the workers' niceness over the bot's process (lower priority)
_engine: Any = None                  # in a worker process: its engine (bot.ask.engine.Engine)


def _start(open_engine: Callable[[str], Any], db_path: str, nice: int) -> None:
    global _engine
    # Ctrl-C in a terminal reaches the whole process group: the bot shuts its workers down itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, name="ask-worker-parent", daemon=True).start()
    if nice:
        os.nice(nice)     # the event loop's process first: a quiz win or a click waits for no question
    _engine = open_engine(db_path)


def _exit_with_parent() -> None:
    """A worker whose bot process is gone (killed, crashed) ends too: it holds both ends of its task queue, so it
    would never read an end of file, and it would keep the bot's stdout open for whoever waits on it."""
    import multiprocessing.connection
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)


def _ready() -> int:
    time.sleep(0.02)      # long enough that the workers share a batch of these, not one worker taking them all
    return os.getpid()


def _answer(request: Any, today: dt.date) -> bytes:
    assert _engine is not None, "the pool's initializer builds the engine"
    _engine.today = lambda: today
    return pickle.dumps(_engine.answer_now(request), pickle.HIGHEST_PROTOCOL)


class EnginePool:
    """`workers` engine processes over the reference database at `db_path`, each built by open_engine(db_path)."""

    def __init__(self, open_engine: Callable[[str], Any], db_path: Path | str, workers: int, nice: int = WORKER_NICE):
        # open_engine: Engine.open (passed in, pickled by name: this module does not import the engine's)
        self.open_engine, self.db_path, self.workers, self.nice = open_engine, str(db_path), workers, nice
        self._pool = self._new_pool()

    def _new_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        import concurrent.futures
        import multiprocessing
        # spawn: a fork would copy the parent's threads and open connections (the state store's, the event loop)
        pool = concurrent.futures.ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                      initializer=_start,
                                                      initargs=(self.open_engine, self.db_path, self.nice))
        for _ in range(self.workers):     # start every worker now: the first questions must not wait for them
            pool.submit(_ready)
        return pool

    async def answer(self, request: Any, today: dt.date) -> bytes:
        import asyncio
        from concurrent.futures.process import BrokenProcessPool
        loop = asyncio.get_running_loop()
        pool = self._pool
        try:
            return await loop.run_in_executor(pool, _answer, request, today)
        except BrokenProcessPool:
            # a worker died (killed, out of memory): a new pool for the next questions (the caller answers this
            # one itself)
            if self._pool is pool:
                log.warning("an /ask engine process died: starting the pool again")
                pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            raise

    async def ready(self) -> None:
        """Until every worker has built its engine (the bot does not wait: a question asked sooner queues)."""
        import asyncio
        loop = asyncio.get_running_loop()
        seen: set[int] = set()
        for _ in range(100):
            seen.update(await asyncio.gather(*(loop.run_in_executor(self._pool, _ready)
                                               for _ in range(self.workers))))
            if len(seen) >= self.workers:
                return

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class AnswerCache:
    """The last `size` answers (pickled), by (question, today), and the questions being answered now (size 0:
    neither)."""

    def __init__(self, size: int):
        self.size = size
        self._done: collections.OrderedDict[Hashable, bytes] = collections.OrderedDict()
        self._running: dict[Hashable, asyncio.Future[bytes]] = {}

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[bytes]]) -> bytes:
        """The cached answer for key, or compute()'s, run once however many ask at the same time (in a task of
        its own: one asker cancelled cancels nobody else's answer)."""
        import asyncio
        if self.size <= 0:                # no cache: every question computed, as it is asked
            return await compute()
        try:
            hash(key)
        except TypeError:                 # a request holding something unhashable: answered, not cached
            return await compute()
        data = self._done.get(key)
        if data is not None:
            self._done.move_to_end(key)
            return data
        task = self._running.get(key)
        if task is None:
            task = self._running[key] = asyncio.ensure_future(compute())
            task.add_done_callback(lambda t: self._settle(key, t))
        return await asyncio.shield(task)

    def _settle(self, key: Hashable, task: asyncio.Future[bytes]) -> None:
        self._running.pop(key, None)
        if task.cancelled() or task.exception() is not None:
            return
        self._done[key] = task.result()
        if len(self._done) > self.size:
            self._done.popitem(last=False)
