"""The CI smoke test's second half: `python -m bot run`, exactly as the container starts it, against the
loopback Discord instead of Discord (scripts/smoke.sh runs this inside a fresh clone with the runtime-only
.venv).

It starts the loopback (bot/console/loopback/) in this process, starts the bot as a separate process with a token and
DISCORD_API_BASE pointing at the loopback, and checks, from the outside:
- every extension in cogs/ loaded (the bot's log) and the slash commands were synced;
- slash commands are answered, with the facts the answers must hold;
- SIGINT (docker's STOPSIGNAL) ends it cleanly with exit 0 and no traceback in its log.
Exit 0 when all hold; otherwise one line per failure and exit 1.
"""
from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app.client import extensions  # noqa: E402  (the repo root is put on the path first)
from bot.console.loopback import LoopbackDiscord  # noqa: E402

START_TIMEOUT = 120.0    # building the database from data/ on a slow machine included
ANSWER_TIMEOUT = 30.0
# What the answers must say: the spot checks data/SOURCES.md and ../shared/datasets/SOURCES.md record.
COMMANDS: list[tuple[str, dict[str, object], tuple[str, ...]]] = [
    ("record", {"event": "mile"}, ("3:43.13", "El Guerrouj")),
    ("ask", {"question": "who won pre 2024 mile"}, ("Kerr", "3:45.34")),
]
# Settings that must not leak in from the machine running this (a real token, someone's PostgreSQL).
SCRUBBED = ("DISCORD_TOKEN", "DEV_GUILD_ID", "DATABASE_URL", "POSTGRES_HOST", "SHARD_COUNT", "SHARD_IDS",
            "QUIZ_TYPED_ANSWERS", "BELL_LAP_STATE")


def text_of(body: dict) -> str:
    parts = [body.get("content") or ""]
    for embed in body.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f.get('name', '')} {f.get('value', '')}" for f in embed.get("fields") or []]
    return "\n".join(p for p in parts if p)


async def read_log(stream: asyncio.StreamReader, lines: list[str], ready: asyncio.Event) -> None:
    while raw := await stream.readline():
        line = raw.decode("utf-8", "replace").rstrip()
        lines.append(line)
        print(f"  | {line}", flush=True)
        if "ready as" in line:
            ready.set()


async def answer(server: LoopbackDiscord, name: str, options: dict[str, object]) -> str:
    inter = await server.slash(name, options)
    first = await server.wait_response(inter)
    if first.get("type") == 5:       # deferred ("thinking…"): the answer follows
        return text_of(await server.wait_followup(inter))
    return text_of(first.get("data") or {})


async def main() -> int:
    problems: list[str] = []
    server = LoopbackDiscord(wait_timeout=ANSWER_TIMEOUT, guild_name="Smoke Test", username="smoker")
    await server.start()
    state = Path(tempfile.mkdtemp(prefix="bell-lap-smoke-")) / "state.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(DISCORD_TOKEN=server.token, DISCORD_API_BASE=server.api_base, BELL_LAP_STATE=str(state),
               LOG_LEVEL="INFO")
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    assert proc.stdout is not None
    log: list[str] = []
    ready = asyncio.Event()
    reader = asyncio.create_task(read_log(proc.stdout, log, ready))
    try:
        try:
            async with asyncio.timeout(START_TIMEOUT):
                await asyncio.wait({asyncio.create_task(ready.wait()), reader},
                                   return_when=asyncio.FIRST_COMPLETED)
        except TimeoutError:
            pass
        if not ready.is_set():
            problems.append(f"the bot was not ready within {START_TIMEOUT:.0f} s (exit code {proc.returncode})")
        else:
            loaded = {line.rsplit(" ", 1)[-1] for line in log if "loaded extension" in line}
            missing = sorted(set(extensions()) - loaded)
            if missing:
                problems.append(f"extensions not loaded: {', '.join(missing)}")
            synced = sorted(c["name"] for c in server.global_commands)
            if not synced:
                problems.append("no slash command was synced")
            print(f"smoke: {len(loaded)} extensions loaded; {len(synced)} commands synced: {', '.join(synced)}")
            for name, options, musts in COMMANDS:
                try:
                    text = await answer(server, name, options)
                except Exception as exc:   # a timeout or a bot error: reported as the command's failure
                    problems.append(f"/{name} {options}: no answer ({exc.__class__.__name__}: {exc})"[:500])
                    continue
                lacking = [m for m in musts if m not in text]
                if lacking:
                    problems.append(f"/{name} {options}: the answer lacks {lacking}: {text[:300]!r}")
                else:
                    print(f"smoke: /{name} answered: {text.splitlines()[0][:120] if text else ''}")
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)          # what `docker compose stop` sends (STOPSIGNAL SIGINT)
            try:
                async with asyncio.timeout(20):
                    await proc.wait()
            except TimeoutError:
                proc.kill()
                await proc.wait()
                problems.append("the bot did not stop within 20 s of SIGINT")
        await reader
        await server.close()
    if proc.returncode != 0:
        problems.append(f"the bot exited with code {proc.returncode}")
    if any("Traceback" in line for line in log):
        problems.append("the bot's log has a traceback")
    for problem in problems:
        print(f"smoke FAILED: {problem}", file=sys.stderr)
    if not problems:
        print("smoke: python -m bot run: every extension loaded, commands answered, clean exit")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
