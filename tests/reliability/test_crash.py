"""Crash safety: a bot process (tests/reliability/driver.py) is SIGKILLed in the middle of a quiz game and in the
middle of an anniversary post, then restarted. Finished rounds' scores are there, the interrupted game is
closed with its leader, no post is sent twice (ledger + post log), and PRAGMA integrity_check is ok."""
from __future__ import annotations

import collections
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability import driver

ROOT = Path(__file__).resolve().parents[2]


def spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.reliability.driver", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(path: Path, pred, proc: subprocess.Popen, timeout: float = 30.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        if pred(lines):
            return lines
        if proc.poll() is not None:
            pytest.fail(f"driver exited early ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.02)
    proc.kill()
    pytest.fail(f"timed out; {path.name}: {lines}")


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(10) == -signal.SIGKILL


def run(*args: str) -> None:
    out = subprocess.run([sys.executable, "-m", "tests.reliability.driver", *args], cwd=ROOT, capture_output=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr.decode()[-2000:]


def done(state: Path) -> set[int]:
    """The servers whose post the ledger says is done (the driver is writing the file meanwhile: WAL)."""
    if not state.exists():
        return set()
    conn = sqlite3.connect(state, timeout=5)
    try:
        return {g for (g,) in conn.execute("SELECT guild_id FROM anniversary_posts WHERE status = 'done'")}
    except sqlite3.OperationalError:        # not migrated yet
        return set()
    finally:
        conn.close()


def integrity(state: Path) -> str:
    conn = sqlite3.connect(state)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_kill_mid_game_keeps_finished_rounds(tmp_path):
    state = tmp_path / "state.sqlite3"
    proc = spawn("quiz", str(state), str(tmp_path))
    lines = wait_for(tmp_path / "quiz.log", lambda ls: any(x.startswith("midgame") for x in ls), proc)
    kill(proc)                                                  # round WON + 1 is in play
    won = [x.split() for x in lines if x.startswith("won")]
    assert len(won) == driver.WON
    run("recover", str(state), str(tmp_path))                  # the restart
    assert (tmp_path / "quiz.log").read_text().splitlines()[-1] == "recovered 1"

    conn = sqlite3.connect(state)
    game_id = int(won[0][1])
    rounds = conn.execute("SELECT number, outcome FROM quiz_rounds WHERE game_id = ? ORDER BY number",
                          (game_id,)).fetchall()
    assert rounds == [(n, "won") for n in range(1, driver.WON + 1)]   # every finished round, nothing half-saved
    expected = collections.Counter()
    for _, _, _, user, pts in won:
        expected[int(user)] += int(pts)
    wins = collections.Counter()
    for user, pts in conn.execute("SELECT w.user_id, w.points FROM quiz_round_wins w JOIN quiz_rounds r "
                                  "ON r.id = w.round_id WHERE r.game_id = ?", (game_id,)):
        wins[user] += pts
    scores = dict(conn.execute("SELECT user_id, points FROM quiz_scores WHERE game_id = ?", (game_id,)))
    assert wins == expected and scores == dict(expected)       # what the players were told is what is stored
    ended, reason, winner, played = conn.execute(
        "SELECT ended_at, end_reason, winner_id, rounds_played FROM quiz_games WHERE id = ?", (game_id,)).fetchone()
    leader = max(expected, key=lambda u: (expected[u], -u))
    assert ended and reason == "interrupted" and winner == leader and played == driver.WON
    conn.close()
    assert integrity(state) == "ok"


def test_kill_mid_post_never_posts_twice(tmp_path):
    state = tmp_path / "state.sqlite3"
    posts = tmp_path / "posts.log"
    proc = spawn("anniv", str(state), str(tmp_path))
    hang = f"posting {driver.HANG} "
    others = [f"posted {g} " for g in driver.GUILDS if g != driver.HANG]
    # the others posted and their outcome written (the scheduler writes it just after the post returns, so the
    # post log alone would let the kill land in between and turn a finished post into an interrupted one)
    wait_for(posts, lambda ls: any(x.startswith(hang) for x in ls) and all(
        any(x.startswith(o) for x in ls) for o in others) and done(state) >= set(driver.GUILDS) - {driver.HANG},
        proc)
    kill(proc)                                                  # guild 2's post is in flight
    run("anniv", str(state), str(tmp_path), "1.5")             # restart, run a while, exit

    lines = posts.read_text(encoding="utf-8").splitlines()
    assert lines.count("started") == 2
    posted = collections.Counter(tuple(x.split()[1:]) for x in lines if x.startswith("posted"))
    assert posted and all(n == 1 for n in posted.values()), posted      # no post duplicated
    assert not any(g == str(driver.HANG) for g, _ in posted)            # the interrupted one is missed, not redone
    attempts = collections.Counter(tuple(x.split()[1:]) for x in lines if x.startswith("posting"))
    assert all(n == 1 for n in attempts.values()), attempts             # not even attempted twice
    conn = sqlite3.connect(state)
    ledger = conn.execute("SELECT guild_id, local_date, status, detail FROM anniversary_posts").fetchall()
    conn.close()
    assert len(ledger) == len({(g, d) for g, d, _, _ in ledger}) == len(driver.GUILDS)
    status = {g: (s, detail) for g, _, s, detail in ledger}
    assert status[driver.HANG] == ("failed", "interrupted between claim and post")
    assert all(status[g][0] == "done" for g in driver.GUILDS if g != driver.HANG)
    assert integrity(state) == "ok"
