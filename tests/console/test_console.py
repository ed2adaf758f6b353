"""`python -m bot console` as a user runs it: a real process, the real bot and cogs on the session database,
typed commands piped in, the rendered answers read back from stdout."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROMPT = "bell-lap> "

TRANSCRIPT = [
    "/ask who won pre 2024 mile",
    "1",                                    # ▶️ Next
    "/record mile",
    "kerr pb",                              # no slash: a question for /ask
    "1",                                    # did you mean: Josh Kerr (GBR, 1997)
    "/results meet:pre year:2024 event:mile",
    '/h2h athlete1:kerr athlete2:"jakob"',
    "/nope",
    "/results meet:pre evnt:mile",
    "9",
    "help",
    "quit",
    "/record 800m",                         # after quit: never read
]


def console(db: Path, tmp: Path, lines: list[str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "DEV_GUILD_ID", "BELL_LAP_DB")}
    env["BELL_LAP_STATE"] = str(tmp / "state.sqlite3")
    env["DISCORD_TOKEN"] = ""          # wins over a developer's .env
    env["DATABASE_URL"] = env["POSTGRES_HOST"] = ""    # the console opens the state as `bot run`: the file here
    return subprocess.run([sys.executable, "-m", "bot", "--db", str(db), *args], cwd=ROOT, env=env,
                          input="".join(f"{line}\n" for line in lines), capture_output=True, text=True,
                          timeout=120)


def sections(stdout: str) -> list[tuple[str, str]]:
    """(typed line, what was printed after it) for each echoed prompt."""
    parts = re.split(rf"^{re.escape(PROMPT)}(.*)$", stdout, flags=re.MULTILINE)
    return list(zip(parts[1::2], parts[2::2], strict=True))     # one group: [before, typed, after, typed, after...]


@pytest.fixture(scope="module")
def run(db_path, tmp_path_factory):
    proc = console(db_path, tmp_path_factory.mktemp("console"), TRANSCRIPT, "console")
    return proc


@pytest.fixture(scope="module")
def answers(run):
    return sections(run.stdout)


def test_exits_cleanly_at_quit(run, answers):
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr
    assert [typed for typed, _ in answers] == TRANSCRIPT[:-1], run.stdout   # nothing read after quit
    assert "\x1b[" not in run.stdout                                 # piped: plain text, no ANSI codes
    assert run.stdout.startswith("Bell Lap on "), run.stdout[:500]


def test_slash_command_answer_is_rendered(answers):
    _, out = answers[0]
    assert "Who won pre 2024 mile" in out
    assert "Josh Kerr won the men's mile at the 2024 Prefontaine Classic in 3:45.34" in out
    assert "🥇 🇬🇧 Josh Kerr" in out and "3:45.34 · 25 May 2024" in out
    assert "**" not in out                                           # markdown drawn, not shown
    assert "Page 1/2" in out
    assert re.search(r"\[-\] ◀️ Previous\s+\[1\] ▶️ Next", out)       # disabled: no number


def test_clicking_next_shows_the_edited_message(answers):
    typed, out = answers[1]
    assert typed == "1"
    assert "Page 2/2" in out and "11. " in out
    assert re.search(r"\[1\] ◀️ Previous\s+\[-\] ▶️ Next", out)


def test_record(answers):
    _, out = answers[2]
    assert "3:43.13 by Hicham El Guerrouj" in out
    assert "No sex given" in out and "-#" not in out                  # Discord's small print, drawn dim


def test_did_you_mean_buttons_rerun_the_question(answers):
    _, out = answers[3]
    assert "Which athlete do you mean by “kerr”?" in out
    assert "[1] Josh Kerr (GBR, 1997)" in out and "[2] Hamish Kerr (NZL, 1996)" in out
    typed, out = answers[4]
    assert typed == "1"
    assert "Josh Kerr pb" in out and "Josh Kerr's personal bests" in out and "3:45.34" in out
    assert "[1]" not in out                                          # the choices are gone


def test_results_and_h2h_options(answers):
    _, out = answers[5]
    assert "Results: Prefontaine Classic 2024 Mile" in out and "Josh Kerr won in 3:45.34" in out
    _, out = answers[6]
    assert "Josh Kerr vs Jakob Ingebrigtsen" in out


def test_bad_command_gets_the_polite_listing(answers):
    _, out = answers[7]
    assert "Sorry: There is no /nope command." in out
    assert "/ask <question>" in out
    assert "/results meet:… year:… event:… [sex:M|W] [round:F|SF|H|RR]" in out
    assert "/h2h athlete1:… athlete2:…" in out
    _, out = answers[8]
    assert "/results has no option 'evnt'" in out and "/record <event>" in out


def test_unknown_number_and_help(answers):
    _, out = answers[9]
    assert "There is no button [9] on screen" in out
    _, out = answers[10]
    assert "Text without a slash is a question for /ask" in out and "/record <event>" in out


def test_no_command_and_no_token_is_the_console_and_ends_at_end_of_input(db_path, tmp_path):
    """What scripts/run.sh starts without DISCORD_TOKEN; with stdin at its end (CI, a pipe) it must not
    wait for a terminal."""
    proc = console(db_path, tmp_path, [])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Bell Lap on ") and "Traceback" not in proc.stderr
