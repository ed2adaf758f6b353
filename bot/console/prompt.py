"""The console's prompt: reads typed lines (a slash command, a question, a number for a button, an answer in a
typed quiz), sends each through the Session and draws what comes back; the bot's own channel posts are drawn
as they arrive, above the prompt.

Threads: the terminal (input(), with line editing when readline is available, and rich output) stays on the
main thread, so Ctrl-C and Ctrl-D behave as in any prompt; a printer thread draws posts that arrive while the
prompt waits.
"""
from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TextIO

from bot.console.choices import Choices
from bot.console.commands import listing, slash_commands
from bot.console.draw import draw_message, enabled_components
from bot.console.parse import ParseError, parse
from bot.console.replies import Outcome
from bot.console.session import Session
from bot.console.terminal import block_sigint

PROMPT = "bell-lap> "
QUIT_WORDS = {"quit", "exit", "/quit", "/exit"}
HELP_WORDS = {"help", "?", "/help"}


class Prompt:
    """The prompt: reads lines, sends them through the Session, draws what comes back."""

    def __init__(self, call: Callable[[Coroutine], Any], session: Session, *, stdin: TextIO, out,
                 interactive: bool) -> None:
        self.call = call              # runs a coroutine on the bot's loop and returns its result
        self.session = session
        self.stdin = stdin
        self.out = out
        self.interactive = interactive
        self.choices = Choices()
        self.screen = threading.RLock()      # one writer at a time: the prompt's answers or a live post
        self._printer: threading.Thread | None = None
        self.at_prompt = False

    # -- input

    def read(self) -> str:
        """The next line; EOFError at the end of input (Ctrl-D)."""
        if self.interactive:
            with self.screen:
                self.at_prompt = True
            try:
                return input(PROMPT)
            finally:
                with self.screen:
                    self.at_prompt = False
        line = self.stdin.readline()
        if not line:
            raise EOFError
        line = line.rstrip("\r\n")
        self.out.print(f"{PROMPT}{line}", markup=False, highlight=False)   # a readable transcript
        return line

    def loop(self) -> None:
        if self.interactive:
            self._printer = threading.Thread(target=self._print_posts, name="bell-lap-posts", daemon=True)
            self._printer.start()
        try:
            while True:
                if not self.interactive:
                    self.drain()
                try:
                    line = self.read()
                except EOFError:
                    break
                if not self.handle(line):
                    break
            if not self.interactive:
                self.drain()
        finally:
            if self._printer is not None:
                self.session.posts.put(None)      # stops the printer
                self._printer.join(timeout=2)

    def drain(self) -> None:
        """Show the bot's channel posts that have arrived (piped input: between lines, in order)."""
        arrived: list[dict[str, Any] | None] = []
        while True:
            try:
                arrived.append(self.session.posts.get_nowait())
            except queue.Empty:
                break
        posts = [p for p in arrived if p is not None]
        if posts:
            with self.screen:
                self.show_posts(posts)

    def _print_posts(self) -> None:
        """At a terminal: a post that arrives while the prompt waits is printed above it at once (a quiz
        question will not wait for Enter), and the prompt is drawn again with what was typed so far."""
        block_sigint()
        while True:
            post = self.session.posts.get()
            if post is None:
                return
            posts = [post]
            while True:
                try:
                    more = self.session.posts.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self.session.posts.put(None)    # for the printer's next get()
                    break
                posts.append(more)
            with self.screen:
                if self.at_prompt:
                    self.out.file.write("\r\x1b[K")
                self.show_posts(posts)
                if self.at_prompt:
                    typed = ""
                    with contextlib.suppress(ImportError, AttributeError):
                        import readline
                        typed = readline.get_line_buffer()
                    self.out.file.write(PROMPT + typed)
                    self.out.file.flush()

    def show_posts(self, posts: list[dict[str, Any]]) -> None:
        if any(enabled_components(p) for p in posts):
            self.choices.clear()           # the newest buttons get the numbers
        for post in posts:
            for part in draw_message(post, self.choices, self.session.names(), live=True):
                self.out.print(part)

    # -- one line

    def handle(self, line: str) -> bool:
        """Act on one line; False to stop."""
        text = line.strip()
        if not text:
            return True
        if text.lower() in QUIT_WORDS:
            return False
        commands = self.session.commands()
        names = {c["name"] for c in slash_commands(commands)}
        if text.lower() in HELP_WORDS and not (text.startswith("/") and "help" in names):
            self.help(commands)
            return True
        typed_game = not text.startswith("/") and self.call(self.session.typed_game())
        # a number presses a button; while a typed quiz runs, only one on screen (else it is an answer: "1999")
        if text.isdigit() and not (typed_game and int(text) not in self.choices.by_number):
            self.click(int(text))
            return True
        if typed_game:
            self.run(lambda: self.session.say(text))      # an answer, in the channel, as on Discord
            return True
        if not text.startswith("/"):
            text = f"/ask {text}"
        try:
            invocation = parse(text, commands, self.session)
        except ParseError as bad:
            self.sorry(str(bad), commands)
            return True
        self.run(lambda: self.session.slash(invocation))
        return True

    def click(self, number: int) -> None:
        self.prune()
        target = self.choices.by_number.get(number)
        if target is None:
            if self.choices.by_number:
                self.note(f"There is no button [{number}] on screen; the choices are "
                          f"{', '.join(str(n) for n in self.choices.by_number)}.")
            else:
                self.note(f"There are no buttons on screen to press. To ask about {number}, type /ask {number}.")
            return
        message_id, custom_id, values = target
        self.run(lambda: self.session.click(message_id, custom_id, values))

    def run(self, action: Callable[[], Coroutine]) -> None:
        with self.screen:
            try:
                if self.interactive:
                    with self.out.status("Bell Lap is thinking…", spinner="dots"):
                        outcome = self.call(action())
                else:
                    outcome = self.call(action())
            except LookupError as gone:                # e.g. a button that timed out and was disabled
                self.note(f"That did not work: {gone}")
                return
            self.show(outcome)
            self.drain()        # what the bot posted meanwhile (a quiz's first question), before the prompt

    # -- output

    def show(self, outcome: Outcome) -> None:
        from rich.text import Text
        if outcome.messages:
            self.prune()
            self.choices.clear_answers()
        for message in outcome.messages:
            for part in draw_message(message, self.choices, self.session.names()):
                self.out.print(part)
        if outcome.aside:
            self.out.print(Text(outcome.aside, style="dim"))
        if outcome.note:
            self.note(outcome.note)

    def prune(self) -> None:
        """Drop the numbers of channel-post buttons that were disabled meanwhile (a quiz round that ended)."""
        with self.screen:              # the printer thread numbers new posts' buttons
            if self.choices.live:
                targets = [self.choices.by_number[n][:2] for n in sorted(self.choices.live)]
                self.choices.prune(self.call(self.session.enabled(targets)))

    def note(self, text: str) -> None:
        from rich.text import Text
        self.out.print(Text(text, style="yellow"))

    def sorry(self, problem: str, commands: list[dict[str, Any]]) -> None:
        from rich.text import Text
        self.out.print(Text(f"Sorry: {problem}", style="yellow"))
        self.commands(commands)

    def commands(self, commands: list[dict[str, Any]]) -> None:
        from rich.text import Text
        self.out.print(Text("Commands:", style="bold"))
        for use, description in listing(commands):
            self.out.print(Text.assemble("  ", (use, "bold"), (f"\n      {description}" if description else "",
                                                               "dim")))

    def help(self, commands: list[dict[str, Any]]) -> None:
        from rich.text import Text
        self.out.print(Text(
            "Type a slash command as on Discord: /ask who won pre 2024 mile, /record mile,\n"
            "/results meet:pre year:2024 event:mile, /h2h athlete1:kerr athlete2:jakob.\n"
            "Text without a slash is a question for /ask, or your answer while a typed quiz runs here.\n"
            "Values may be quoted: meet:\"pre classic\"; a file is a path (/quiz import my-list.yaml), a channel\n"
            "#console, a member @you. Buttons show as [1] [2] …: type the number to press one.\n"
            "quit (or Ctrl-D) leaves."))
        self.commands(commands)

    def banner(self, commands: list[dict[str, Any]]) -> None:
        from rich.text import Text
        self.out.print(Text.assemble(
            ("Bell Lap", "bold"),
            f" on {self.session.db_path.name}: {len(slash_commands(commands))} commands. "
            "Type help for the list, quit to leave."))
