"""Two real `python -m bot run` processes never run the same shards (issue 16, item 7).

Real processes (`python -m bot run` as the container starts it, through tests/scale/run_bot.py, which points
discord.py's default gateway at the loopback), on one throwaway PostgreSQL (tests/pg.py) and one loopback Discord
with two shards in this process (what scripts/smoke_run.py does for one process): a second process whose
SHARD_IDS overlap the first's exits 1 before it connects, with one line naming the holder (hostname:pid); one
with the other shard runs beside it; when a process stops (SIGINT or SIGTERM: its lease released) its shard can
be taken at once; when one is killed (no release), its shard is refused until its lease runs out
(SHARD_LEASE_SECONDS, 30 s here), then taken over; a process whose lease is taken over stops, exit 1.

Skipped without PostgreSQL, failed when BELL_LAP_REQUIRE_POSTGRES=1 (CI).
"""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import asyncpg
import pytest

from bot.console.loopback import LoopbackDiscord
from tests import pg

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 30           # a refused process starting on a busy machine (~20 s) must still find it alive
START_TIMEOUT = 180.0
SCRUBBED = ("DISCORD_TOKEN", "DEV_GUILD_ID", "DATABASE_URL", "POSTGRES_HOST", "SHARD_COUNT", "SHARD_IDS",
            "QUIZ_TYPED_ANSWERS", "BELL_LAP_STATE", "BELL_LAP_DB", "SHARD_LEASE_SECONDS")
HOST = socket.gethostname()


class Bot:
    """One `python -m bot run` process and its log (stdout and stderr, line by line)."""

    def __init__(self, proc: asyncio.subprocess.Process, shards: str) -> None:
        self.proc, self.shards = proc, shards
        self.lines: list[str] = []
        self.reader = asyncio.create_task(self._read())

    @property
    def holder(self) -> str:
        return f"{HOST}:{self.proc.pid}"

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        while raw := await self.proc.stdout.readline():
            self.lines.append(raw.decode("utf-8", "replace").rstrip())

    async def exit_code(self, within: float = START_TIMEOUT) -> int:
        async with asyncio.timeout(within):
            code = await self.proc.wait()
            await self.reader
        return code

    def log(self) -> str:
        return "\n".join(self.lines)


async def start(server: LoopbackDiscord, url: str, db: Path, shards: str) -> Bot:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(DISCORD_TOKEN=server.token, DISCORD_API_BASE=server.api_base, DATABASE_URL=url, SHARD_COUNT="2",
               SHARD_IDS=shards, SHARD_LEASE_SECONDS=str(LEASE_SECONDS), LOG_LEVEL="INFO")
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "tests.scale.run_bot", server.gateway_url,
                                                "--db", str(db), "run", cwd=ROOT,
                                                env=env, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.STDOUT)
    return Bot(proc, shards)


async def leases(url: str) -> dict[int, str]:
    conn = await asyncpg.connect(url)
    try:
        return {r[0]: r[1] for r in await conn.fetch("SELECT shard_id, holder FROM shard_leases")}
    finally:
        await conn.close()


async def until(what: str, check, *bots: Bot, within: float = START_TIMEOUT):
    """Poll `check()` until it is truthy; fail early, with the logs, if one of `bots` exits meanwhile."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        found = await check()
        if found:
            return found
        for bot in bots:
            if bot.proc.returncode is not None:
                raise AssertionError(f"waiting for {what}: the process with shards {bot.shards} exited "
                                     f"{bot.proc.returncode}:\n{bot.log()[-3000:]}")
        if loop.time() > deadline:
            logs = "\n".join(f"--- shards {b.shards}:\n{b.log()[-3000:]}" for b in bots)
            raise AssertionError(f"{what}: not after {within:.0f} s\n{logs}")
        await asyncio.sleep(0.1)


def refusal(bot: Bot) -> str:
    """The one line a refused process prints, which must be its last and the only one of its kind."""
    said = [line for line in bot.lines if "Not connecting" in line]
    assert len(said) == 1 and bot.lines[-1] == said[0], bot.log()[-3000:]
    assert "Traceback" not in bot.log() and "loaded extension" not in bot.log(), bot.log()[-3000:]
    return said[0]


@pytest.mark.postgres
@pytest.mark.slow
async def test_a_second_process_with_the_same_shards_is_refused_and_takes_over_when_they_are_free(db_path):
    srv = pg.server()
    url = await srv.create_database()
    server = LoopbackDiscord(shard_count=2, wait_timeout=None)
    await server.start()
    bots: list[Bot] = []

    async def run(shards: str) -> Bot:
        bot = await start(server, url, db_path, shards)
        bots.append(bot)
        return bot

    async def holds(bot: Bot, *shards: int):
        async def check():
            held = await leases(url)
            return all(held.get(s) == bot.holder for s in shards)
        await until(f"{bot.holder} to lease shards {shards}", check, bot)

    def identified(shard: int) -> int:
        return sum(1 for s in server.sessions.values() if s.shard_id == shard)

    try:
        first = await run("0")
        await holds(first, 0)

        overlapping, beside = await run("0,1"), await run("1")
        assert await overlapping.exit_code() == 1, overlapping.log()[-3000:]
        line = refusal(overlapping)
        # `beside` may have leased shard 1 by then (it is named too when it has): shard 0 is first's either way
        assert line.startswith(f"Not connecting: shard 0 of SHARD_COUNT=2 is already run by {first.holder} "
                               "(its last heartbeat "), line
        assert "if it has stopped, its lease runs out in " in line

        async def both_connected():
            return identified(0) and identified(1)
        await until("shards 0 and 1 to connect", both_connected, first, beside)    # non-overlapping: both run
        assert await leases(url) == {0: first.holder, 1: beside.holder}
        assert identified(0) == 1                      # the refused process never reached the gateway

        beside.proc.kill()                             # a crash: nothing released...
        await beside.exit_code(60)
        too_soon = await run("1")                      # ...so shard 1 stays taken until the lease runs out
        first.proc.send_signal(signal.SIGINT)          # meanwhile, a clean stop releases its lease at once...
        assert await first.exit_code(60) == 0, first.log()[-3000:]
        assert 0 not in await leases(url)
        successor = await run("0")                     # ...so shard 0 is free for the next process
        await holds(successor, 0)
        assert await too_soon.exit_code() == 1, too_soon.log()[-3000:]
        assert f"shard 1 of SHARD_COUNT=2 is already run by {beside.holder} " in refusal(too_soon)

        async def ran_out():
            conn = await asyncpg.connect(url)
            try:
                return await conn.fetchval("SELECT extract(epoch FROM clock_timestamp()) > expires_at "
                                           "FROM shard_leases WHERE shard_id = 1")
            finally:
                await conn.close()
        await until("the killed process's lease to run out", ran_out, within=LEASE_SECONDS * 3)
        heir = await run("1")                          # its heartbeat stopped long enough: taken over
        await holds(heir, 1)
        assert await leases(url) == {0: successor.holder, 1: heir.holder}

        conn = await asyncpg.connect(url)             # another process takes shard 1 over (as if heir had
        try:                                           # missed its heartbeats): heir must stop, exit 1
            await conn.execute("UPDATE shard_leases SET holder = 'usurper:1', token = 'usurper' WHERE shard_id = 1")
        finally:
            await conn.close()
        assert await heir.exit_code(60) == 1, heir.log()[-3000:]
        assert ("stopped: the lease on shard 1 of SHARD_COUNT=2 ran out and another process took it over"
                in heir.log()) and "Traceback" not in heir.log(), heir.log()[-3000:]

        successor.proc.send_signal(signal.SIGTERM)     # stops as cleanly as SIGINT: the lease released
        assert await successor.exit_code(60) == 0, successor.log()[-3000:]
        assert "Traceback" not in successor.log(), successor.log()[-3000:]
        assert await leases(url) == {1: "usurper:1"}
        print(f"\nleases: refused {overlapping.holder} and {too_soon.holder}; took over after a clean stop at "
              f"once and after a kill once {LEASE_SECONDS} s passed without a heartbeat")
    finally:
        for bot in bots:
            if bot.proc.returncode is None:
                bot.proc.kill()
                await bot.proc.wait()
            bot.reader.cancel()
        await server.close()
        await srv.drop_database(url)
