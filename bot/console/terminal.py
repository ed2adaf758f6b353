"""The terminal the console runs in: rich output (plain text when piped), warnings and errors on stderr one
line each, and Ctrl-C kept for the main thread."""
from __future__ import annotations

import logging
import signal
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console as RichConsole

    from bot.app.settings import Settings

PLAIN_WIDTH = 100          # columns when the output is not a terminal (rich's default would be 80)


class ConsoleLog(logging.Handler):
    """Warnings and errors on stderr, one line each (the traceback too with LOG_LEVEL=DEBUG): a command that
    fails already tells the user so, politely, in its answer."""

    def __init__(self, debug: bool) -> None:
        super().__init__(logging.DEBUG if debug else logging.WARNING)
        self.debug = debug

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = f"[{record.levelname.lower()}] {record.name}: {record.getMessage()}"
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
                text += f" ({type(error).__name__}: {error})"
                if self.debug:
                    text += "\n" + logging.Formatter().formatException(record.exc_info)
            print(text, file=sys.stderr)
        except Exception:
            self.handleError(record)


def setup_logging(settings: Settings) -> None:
    debug = settings.log_level == "DEBUG"
    root = logging.getLogger()
    root.handlers[:] = [ConsoleLog(debug)]
    root.setLevel(logging.DEBUG if debug else logging.WARNING)
    if not debug:
        # discord.py warns about voice support (PyNaCl, davey) that a text bot never needs
        logging.getLogger("discord").setLevel(logging.ERROR)


def block_sigint() -> None:
    """Ctrl-C belongs to the prompt: with SIGINT blocked in this thread (and so in every thread started from
    it), the kernel delivers it to the main thread, interrupting input() or the wait for an answer."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def rich_console(interactive_out: bool) -> RichConsole:
    from rich.console import Console
    if interactive_out:
        return Console(highlight=False, emoji=False)
    # piped or redirected: plain text, no ANSI codes, wide enough that answers are not wrapped mid-name
    return Console(force_terminal=False, no_color=True, highlight=False, emoji=False, width=PLAIN_WIDTH,
                   legacy_windows=False)
