"""/ask through the pool of engine processes (bot/ask/workers.py, ASK_WORKERS) and the answer cache (ASK_CACHE):
every gold question gets exactly the answer the engine gives on its own thread, with the caller's today; the
same question asked again (or many times at once) is one computation, and each caller gets a copy of its own."""
from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
from pathlib import Path

from bot.ask.engine import Engine
from bot.ask.query import Question
from tests.ask import gold
from tests.conftest import TODAY


async def test_the_pool_answers_every_gold_question_as_the_engine_does(db_path, engine):
    questions = [e["q"] for e in gold.load()]
    pooled = Engine.open(db_path, today=lambda: TODAY, workers=2, cache=0)
    try:
        assert pooled.workers is not None
        await pooled.workers.ready()
        got = await asyncio.gather(*(pooled.answer(q) for q in questions))
    finally:
        pooled.close()
    want = [engine.answer_now(q) for q in questions]
    differ = [q for q, a, b in zip(questions, got, want, strict=True) if a != b]
    assert not differ, differ[:5]
    assert sum(a.status == "answered" for a in got) > len(questions) * 0.8     # real answers, not all "sorry"


async def test_the_workers_answer_with_the_callers_today(db_path):
    """"last year" is read with the calling engine's date, not the worker process's clock."""
    q = "who won the olympic 1500m last year"
    answers = {}
    for year in (2022, 2025):
        day = dt.date(year, 6, 1)
        local = Engine.open(db_path, today=lambda day=day: day)
        pooled = Engine.open(db_path, today=lambda day=day: day, workers=1)
        try:
            answers[year] = await pooled.answer(q)
            assert answers[year] == local.answer_now(q)
        finally:
            pooled.close()
            local.close()
    assert answers[2022].headline != answers[2025].headline


async def test_the_cache_answers_once_and_hands_out_copies(db_path):
    eng = Engine.open(db_path, today=lambda: TODAY, cache=10)
    calls = 0
    real = eng._answer_pickled

    def counted(request):
        nonlocal calls
        calls += 1
        return real(request)

    eng._answer_pickled = counted          # type: ignore[method-assign]
    try:
        first = await asyncio.gather(*(eng.answer("kerr pb") for _ in range(20)))
        again = await eng.answer(Question("kerr pb"))
    finally:
        eng.close()
    assert calls == 1
    assert all(a == again for a in first) and first[0] is not first[1] and first[0] is not again
    first[0].entities["changed"] = True     # a caller changing its answer changes nobody else's
    assert "changed" not in again.entities and "changed" not in first[1].entities


KILLED_BOT = """
import asyncio, os, sys
from bot.ask.engine import Engine

async def main():
    engine = Engine.open(sys.argv[1], workers=2)
    await engine.workers.ready()
    print(" ".join(str(p.pid) for p in engine.workers._pool._processes.values()), flush=True)
    os._exit(9)          # as SIGKILL or a crash would: no close()

asyncio.run(main())
"""


def test_the_workers_end_with_a_killed_bot_process(db_path):
    """A worker outliving its bot would hold the bot's stdout open (and its memory) for ever."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", KILLED_BOT, str(db_path)], cwd=root, capture_output=True, text=True,
                         timeout=60)
    pids = [int(p) for p in out.stdout.split()]
    assert len(pids) == 2, out.stderr

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    deadline = time.monotonic() + 10
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in pids)


def test_a_question_on_the_command_line_loads_no_asyncio_nor_multiprocessing(db_path):
    # `bot ask` answers on its own thread: the pool's modules (40 ms of a start) are loaded only by who uses them
    code = ("import sys\nfrom bot.ask.engine import Engine\ne = Engine.open(sys.argv[1])\n"
            "assert e.answer_now('who won pre 2024 mile').status == 'answered'\n"
            "print(sorted(m for m in ('asyncio', 'multiprocessing', 'concurrent.futures.process') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "[]"
