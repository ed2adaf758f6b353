"""The console plays what Discord can (issue 16, item 6), as a user runs it: real `python -m bot console`
processes, typed lines piped in, the answers read back from stdout.

- The console's user owns its server: /quiz settings, /quote add, /quote ingest (and its Confirm) and every
  /anniversaries command work.
- A file option takes a local path (/quiz import), a channel option #console.
- While a typed quiz runs, text without a slash is a message in the channel (a typed answer), not /ask.
- A command typed while a question is open leaves its buttons working: a number typed afterwards presses one.
- The world's ids are the same at every start, so a restart keeps the settings, stats and leaderboard.
- The state store is chosen as `python -m bot run` chooses it: DATABASE_URL wins over BELL_LAP_STATE; and on a
  shared PostgreSQL the console touches only its own server (no other server's game closed, no post claimed).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest

from bot.console.session import CONSOLE_IDS
from tests import pg

from .test_console import sections

ROOT = Path(__file__).resolve().parents[2]
TRIVIA = """AUTHOR: Console test
DESCRIPTION: one question, to play through the console
Who won the men's mile at the 2024 Prefontaine Classic?:
- Josh Kerr
"""
ARTICLE = ('\'"We go again next year, and the year after that," Kerr said after the race. Jakob Ingebrigtsen was '
           'less impressed. "I think it was a slow race at the bell," said Ingebrigtsen.\'')
KEEP = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def console(db: Path, lines: list[str], **env: str) -> subprocess.CompletedProcess:
    """The console with only these settings (the environment wins over a developer's .env: unset ones are given
    empty)."""
    settings = {"DISCORD_TOKEN": "", "DATABASE_URL": "", "POSTGRES_HOST": "", "SHARD_COUNT": "", "SHARD_IDS": "",
                "QUIZ_TYPED_ANSWERS": "", "DEV_GUILD_ID": "", **env}
    full = {k: v for k, v in os.environ.items() if k in KEEP} | settings
    return subprocess.run([sys.executable, "-m", "bot", "--db", str(db), "console"], cwd=ROOT, env=full,
                          input="".join(f"{line}\n" for line in lines), capture_output=True, text=True, timeout=300)


def clean_exit(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr[-3000:]
    assert "[error]" not in proc.stderr, proc.stderr[-3000:]


def flat(text: str) -> str:
    """A drawn panel's text without its box, so a field's name and value read as "Games 2"."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def later_today(hours: int = 6) -> str:
    """A post time far from now in London, so that enabling the posts never makes one due during the test."""
    return (dt.datetime.now(zoneinfo.ZoneInfo("Europe/London")) + dt.timedelta(hours=hours)).strftime("%H:%M")


@pytest.fixture(scope="module")
def played(db_path, tmp_path_factory):
    """Two console runs on one SQLite state file: the first sets up the server and plays, the second is the
    restart."""
    tmp = tmp_path_factory.mktemp("console-plays")
    (tmp / "pre.yaml").write_text(TRIVIA, encoding="utf-8")
    at = later_today()
    first = [
        "/quiz settings delay:30 target:5",                                              # 0
        '/quote add text:"Never count me out" speaker:"Josh Kerr" source:https://example.org/a',
        f"/quote ingest source:https://example.org/pre text:{ARTICLE}",                  # 2
        "1",                                                                             # Confirm
        "/anniversaries status",                                                         # 4
        "/anniversaries channel #console",
        "/anniversaries timezone Europe/London",                                         # 6
        f"/anniversaries time {at}",
        "/anniversaries countries GBR",                                                  # 8
        "/anniversaries max 2",
        "/anniversaries fallback when_quiet:none",                                       # 10
        "/anniversaries enable",
        "/anniversaries disable",                                                        # 12
        "/anniversaries preview date:2024-05-25",
        f"/quiz import file:{tmp / 'pre.yaml'}",                                         # 14
        "/quiz start mode:typed source:list:pre questions:1",
        "Josh Kerr",                                                                     # 16: the answer
        "/quote search slow race",
        "/quote search next year",                                                       # 18
        "/quiz start mode:choice source:reference questions:1",
        "/quiz leaderboard",                                                             # 20: question open
        "2",                                                                             # its second button
        "quit",
    ]
    then = ["/quiz leaderboard", "/quiz stats", "/quiz settings", "/anniversaries status", "/quote search slow race",
            "quit"]
    state = tmp / "state.sqlite3"
    one = console(db_path, first, BELL_LAP_STATE=str(state))
    two = console(db_path, then, BELL_LAP_STATE=str(state))
    return {"one": one, "two": two, "first": sections(one.stdout), "then": sections(two.stdout), "at": at}


def test_both_runs_end_cleanly_and_read_every_line(played):
    for run in ("one", "two"):
        clean_exit(played[run])
    assert len(played["first"]) == 23 and len(played["then"]) == 6, played["one"].stdout[-3000:]


def test_the_owner_may_change_the_quiz_settings_and_add_and_ingest_quotes(played):
    out = dict(enumerate(out for _, out in played["first"]))
    assert "Settings saved." in out[0] and "30 s per question" in out[0] and "Manage Server" not in out[0]
    assert "Quote added" in out[1] and "“Never count me out”" in out[1] and "— Josh Kerr" in out[1]
    assert "Found 2 quotes with a speaker" in out[2] and "[1] Confirm  [2] Cancel" in out[2]
    assert "Saved 2 quotes." in out[3]


def test_every_anniversaries_command_works_for_the_owner(played):
    out = dict(enumerate(out for _, out in played["first"]))
    at = played["at"]
    assert "Off: no channel yet, every day at 09:00 (UTC)" in out[4]
    assert "Posts go to #console." in out[5]
    assert "Timezone: Europe/London." in out[6]
    assert f"Posts at {at}." in out[7] and f"every day at {at} (Europe/London)" in out[7]
    assert "Countries: GBR." in out[8]
    assert "Up to 2 stories a day." in out[9]
    assert "On a day with no record anniversary: nothing." in out[10]
    assert "Anniversary posts are on." in out[11] and "Next post: " in out[11]
    assert "Anniversary posts are off." in out[12]
    # a GBR server: the British record leads its day (issue 18)
    assert "Preview of the post for 25 May (not posted)" in out[13] and "Josh Kerr ran 3:45.34" in out[13]
    assert all("Manage Server" not in out[i] for i in range(4, 14))


def test_a_trivia_list_imported_from_a_local_file_is_played_with_typed_answers(played):
    out = dict(enumerate(out for _, out in played["first"]))
    assert "Imported the list pre: 1 question." in out[14]
    assert "Who won the men's mile at the 2024 Prefontaine Classic?" in out[15] and "Type your answer." in out[15]
    typed, answered = played["first"][16]
    assert typed == "Josh Kerr"
    assert "(said in #console)" in answered                  # a message in the channel, not /ask
    assert "Which athlete" not in answered and "Josh Kerr's" not in answered
    assert re.search(r"@You got it in [\d.]+ s: Josh Kerr", answered), answered
    assert "Quiz over" in answered and "@You wins!" in answered
    assert "slow race at the bell" in out[17]                # after the game, commands as before
    assert "We go again next year, and the year after that" in out[18]


def test_a_command_typed_while_a_question_is_open_leaves_its_buttons_working(played):
    out = dict(enumerate(out for _, out in played["first"]))
    # the quiz draws at random: a higher-or-lower question has two buttons, the others four; "2" is on both
    assert "Question 1" in out[19] and re.search(r"\[1\] .+\[2\] ", out[19]), out[19]
    assert "Quiz leaderboard: points" in out[20] and re.search(r"🥇 @You — 1 point · 1 game", out[20])
    typed, clicked = played["first"][21]
    assert typed == "2"
    assert "There are no buttons" not in clicked
    assert "✅ Right, and first!" in clicked or "❌ Not that one." in clicked, clicked


def test_a_restart_keeps_the_leaderboard_stats_and_settings(played):
    out = dict(enumerate(out for _, out in played["then"]))
    # two finished games: the typed one won, the multiple-choice one over or stopped at quit
    assert re.search(r"🥇 @You — [12] points? · 2 games", out[0]), out[0]
    assert re.search(r"Games 2 Wins [12] Points [12] ", flat(out[1])), out[1]
    assert "Delay 30 s per question Target score 5 " in flat(out[2]), out[2]
    assert f"Off: #console, every day at {played['at']} (Europe/London)" in out[3]
    assert "Stories a day: 2 · National records of: GBR" in out[3]
    assert "slow race at the bell" in out[4]


def test_the_console_opens_the_state_store_as_bot_run_does(db_path, tmp_path):
    """DATABASE_URL wins over BELL_LAP_STATE, as in `bot run` (bot.app.client.open_state): a PostgreSQL that
    refuses stops the console with the same one line, and the SQLite file is never made."""
    state = tmp_path / "state.sqlite3"
    proc = console(db_path, ["/quiz settings delay:42", "quit"], BELL_LAP_STATE=str(state),
                   DATABASE_URL="postgresql://bell:secret@127.0.0.1:1/bell_lap")
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "The bot could not start: Could not connect to PostgreSQL at 127.0.0.1:1/bell_lap" in proc.stderr
    assert "secret" not in proc.stderr + proc.stdout and not state.exists()


@pytest.mark.postgres
async def test_on_postgresql_the_console_keeps_to_its_own_server(db_path, tmp_path):
    """With both BELL_LAP_STATE and DATABASE_URL set the console's state is in PostgreSQL; other servers in that
    database belong to the shard processes, so their running game stays open and their due post unclaimed."""
    srv = pg.server()
    url = await srv.create_database()
    try:
        import asyncpg
        other = (1234567 << 22) | 1
        conn = await asyncpg.connect(url)
        try:
            await conn.execute("INSERT INTO quiz_games (guild_id, channel_id, started_by, mode, target_score, "
                               "max_questions, started_at) VALUES ($1, $2, 7, 'typed', 5, 10, '2026-01-01T00:00:00Z')",
                               other, other + 1)
            now = dt.datetime.now(dt.UTC)
            await conn.execute("INSERT INTO guild_settings (guild_id, timezone) VALUES ($1, 'UTC')", other)
            await conn.execute("INSERT INTO anniversary_config (guild_id, channel_id, post_time, enabled, "
                               "active_since, updated_at) VALUES ($1, $2, $3, 1, '2000-01-01T00:00:00+00:00', '')",
                               other, other + 1, now.strftime("%H:%M"))          # due now, in another server
        finally:
            await conn.close()
        state = tmp_path / "state.sqlite3"
        proc = console(db_path, ["/quiz settings delay:42", "/quiz settings", "/quiz leaderboard", "quit"],
                       BELL_LAP_STATE=str(state), DATABASE_URL=url)
        clean_exit(proc)
        assert "42 s per question" in sections(proc.stdout)[1][1]
        conn = await asyncpg.connect(url)
        try:
            assert await conn.fetchval("SELECT delay FROM quiz_settings WHERE guild_id = $1", CONSOLE_IDS.guild) == 42
            assert await conn.fetchval("SELECT ended_at IS NULL FROM quiz_games WHERE guild_id = $1", other)
            assert await conn.fetchval("SELECT count(*) FROM anniversary_posts") == 0
        finally:
            await conn.close()
        assert not state.exists()
    finally:
        await srv.drop_database(url)
