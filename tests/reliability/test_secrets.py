"""The token never shows: not in settings' str/repr/format, not in logs at DEBUG, not in error messages, not on
stderr when Discord refuses it (loopback fake, 401) or cannot be reached. Users see errors without internals.
(The cogs' own error paths are covered by the cog tests.)"""
from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import discord
import pytest

from bot.app import client as botclient
from bot.app.settings import Secret, Settings
from bot.console.loopback import LoopbackDiscord, redirect

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GzSeCr.ReLiAbIlItY-TeSt-ToKeN-9f8e7d6c5b"
PARTS = [TOKEN, TOKEN.split(".")[-1], TOKEN[:24]]
ROOT = Path(__file__).resolve().parents[2]


def assert_absent(text: str, where: str) -> None:
    for part in PARTS:
        assert part not in text, f"token fragment in {where}: {text[:500]}"


@pytest.fixture()
def all_logs():
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield buf
    root.removeHandler(handler)
    root.setLevel(old)


def test_settings_never_print_the_token(tmp_path, all_logs):
    env = tmp_path / ".env"
    env.write_text(f"DISCORD_TOKEN='{TOKEN}'\nLOG_LEVEL=debug\n")
    s = Settings.load(environ={}, env_file=env)
    assert s.token.reveal() == TOKEN
    logging.getLogger("bot").info("settings %s %r", s, s)
    for text in (str(s), repr(s), f"{s}", f"{s.token}", f"{s.token!r}", f"{s.token!s}", str(vars(s) if hasattr(
            s, "__dict__") else s), all_logs.getvalue()):
        assert_absent(text, "settings text")
    with pytest.raises(ValueError) as bad:
        Settings.load(environ={"DISCORD_TOKEN": TOKEN, "LOG_LEVEL": "loud"}, env_file=env)
    assert_absent(str(bad.value), "a settings error")
    assert Secret(TOKEN) == Secret(TOKEN) and TOKEN not in repr([Secret(TOKEN)])


async def test_refused_token_is_not_logged(all_logs):
    """discord.py logging in with a wrong token against the loopback Discord (401), logs at DEBUG."""
    server = LoopbackDiscord()
    await server.start()
    try:
        with redirect(server):
            bot = discord.Client(intents=discord.Intents.none())
            with pytest.raises(discord.LoginFailure) as failure:
                await bot.login(TOKEN)
            await bot.close()
    finally:
        await server.close()
    assert_absent(str(failure.value) + repr(failure.value), "the LoginFailure")
    assert_absent(all_logs.getvalue(), "the logs")


@pytest.mark.slow
def test_bot_run_startup_failure_keeps_the_token_off_stderr(tmp_path):
    """`python -m bot run` with the token set and Discord unreachable (a dead local port as the API): the user
    sees one line, no traceback and no token."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN",)}
    env.update(DISCORD_TOKEN=TOKEN, LOG_LEVEL="DEBUG", BELL_LAP_STATE=str(tmp_path / "state.sqlite3"),
               HTTPS_PROXY="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9", NO_PROXY="")
    code = ("import sys, discord.http as h; h.Route.BASE = 'http://127.0.0.1:9/api/v10'; "
            "from bot.__main__ import main; sys.exit(main(['run']))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    assert_absent(out.stdout + out.stderr, "stdout/stderr")
    assert "Traceback" not in out.stderr
    assert "Could not reach Discord" in out.stderr or "refused the token" in out.stderr, out.stderr[-800:]


def test_users_see_errors_without_internals():
    """The central error handler's message to users names nothing internal (the traceback goes to the log)."""
    text = botclient.SORRY
    for internal in ("Traceback", "Error", "sqlite", "/work", ".py", "token", "Exception"):
        assert internal.lower() not in text.lower()
