"""`python -m bot console`: the real bot, answering slash commands typed in a terminal.

Nothing here answers a question. The console starts the loopback Discord (bot/console/loopback/) in-process, points
discord.py at it, and runs the real BellLap with its real cogs on the local database, exactly as
`python -m bot run` builds it (the token is the loopback's): session.py. A typed `/results meet:pre year:2024
event:mile` becomes a slash-command interaction that the loopback sends over its gateway (parse.py); the cog
answers through discord.py's HTTP code as it would on Discord, and the console draws the messages the loopback
received (draw.py): embeds as panels, buttons as numbered choices. Typing a number clicks that button (a
component interaction, the same round trip), and the edited message is drawn again. While a quiz with typed
answers runs in the console's channel, text without a slash is a message in that channel (MESSAGE_CREATE), as
on Discord (prompt.py).

Threads: the bot and the loopback run in an asyncio loop on a background thread (bot_loop.py); the terminal
stays on the main thread, so Ctrl-C and Ctrl-D behave as in any prompt and leave the terminal as it was.
"""
from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.console.bot_loop import BotLoop
from bot.console.prompt import Prompt
from bot.console.session import Session
from bot.console.terminal import rich_console, setup_logging

if TYPE_CHECKING:
    from rich.console import Console as RichConsole

    from bot.app.settings import Settings


def main(settings: Settings, db_path: Path, *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the console until quit, end of input or Ctrl-C; 0 unless the bot could not start."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    out = _open_terminal(settings, stdin, stdout)
    bot_loop = BotLoop()
    bot_loop.start()
    session = Session(settings, db_path)
    code = 0
    try:
        code = _run(bot_loop, session, out, stdin, tty_out=stdout.isatty())
    except KeyboardInterrupt:
        out.print()
    finally:
        bot_loop.close(session.stop())
    return code


def _open_terminal(settings: Settings, stdin: TextIO, stdout: TextIO) -> RichConsole:
    """Logging to stderr, line editing at a terminal, and the rich console the answers are drawn on."""
    if not stdout.isatty() and isinstance(stdout, io.TextIOWrapper):     # e.g. not a StringIO
        with contextlib.suppress(ValueError):
            stdout.reconfigure(errors="replace")
    if stdin.isatty():
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
    setup_logging(settings)
    out = rich_console(stdout.isatty())
    if stdout is not sys.stdout:
        out.file = stdout
    return out


def _run(bot_loop: BotLoop, session: Session, out: RichConsole, stdin: TextIO, *, tty_out: bool) -> int:
    """Start the bot, then the prompt until quit or end of input; the exit code."""
    try:
        if tty_out:
            with out.status("Starting Bell Lap…", spinner="dots"):
                bot_loop.call(session.start())
        else:
            bot_loop.call(session.start())
    except KeyboardInterrupt:
        raise
    except Exception as err:
        from bot.app.client import StartupError
        why = str(err) if isinstance(err, StartupError) else f"{type(err).__name__}: {err}"
        print(f"The bot could not start: {why}", file=sys.stderr)
        return 1
    prompt = Prompt(bot_loop.call, session, stdin=stdin, out=out, interactive=stdin.isatty())
    prompt.banner(session.commands())
    try:
        prompt.loop()
    except ConnectionError as gone:
        print(f"Stopped: {gone}", file=sys.stderr)
        return 1
    return 0
