"""Settings errors are one clear line and never show a secret; the state store's URL takes any password.

Real processes (`python -m bot ...`) and a real PostgreSQL server (tests/pg.py) with a role that must give its
password, so a password mangled on the way is refused, not waved through by the test cluster's trust rule.
"""
from __future__ import annotations

import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from bot.app.settings import Settings
from bot.state.store import StateStore
from tests import pg

ROOT = Path(__file__).resolve().parents[1]
SECRET = "SecretPart1"
# Every character that breaks an unencoded URL, and the secret marker the messages must never show.
HARD_PASSWORDS = [f"{SECRET}/x#y?z@w:v%u", f"{SECRET}@@//##", f"{SECRET} spaces and 'quotes'"]
SCRUB = ("DISCORD_TOKEN", "DATABASE_URL", "POSTGRES_HOST", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB",
         "POSTGRES_PORT", "BELL_LAP_DB", "BELL_LAP_STATE", "DISCORD_API_BASE")


def bot(*args: str, env: dict[str, str], db: Path | None = None, stdin: str | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in SCRUB}
    if db is not None:
        full["BELL_LAP_DB"] = str(db)
    full.update(env)
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=full, capture_output=True, text=True,
                          timeout=timeout, input=stdin)


def one_clean_line(proc: subprocess.CompletedProcess) -> str:
    out = (proc.stdout + proc.stderr).strip()
    assert "Traceback" not in out, out
    assert SECRET not in out, out
    assert len(out.splitlines()) == 1, out
    return out


@pytest.mark.parametrize("url", [
    f"postgresql://bell:{SECRET}/x@db.example:5432/bell",     # '/' ends the netloc: port "SecretPart1"
    f"postgresql://bell:{SECRET}#x@db.example:5432/bell",     # '#' starts a fragment
    f"postgresql://bell:{SECRET}?x@db.example:5432/bell",     # '?' starts a query
    f"postgresql://bell:12/{SECRET}@db.example/bell",         # a numeric start: the rest lands in the path
    "mysql://bell@db.example/bell",
])
@pytest.mark.parametrize("command", ["run", "health"])
def test_a_malformed_database_url_is_one_line_without_the_password(url, command, writable_db):
    proc = bot(command, env={"DATABASE_URL": url, "DISCORD_TOKEN": "x"}, db=writable_db)
    assert proc.returncode in (1, 2)
    line = one_clean_line(proc)
    assert "DATABASE_URL" in line


def test_postgres_parts_need_a_password():
    with pytest.raises(ValueError, match="POSTGRES_PASSWORD"):
        Settings.load({"POSTGRES_HOST": "db", "POSTGRES_USER": "bell"}, env_file=Path("/nonexistent"))


@pytest.mark.postgres
@pytest.mark.parametrize("password", HARD_PASSWORDS)
async def test_any_password_works_encoded_in_the_url_or_given_apart(password):
    srv = pg.server()
    await srv.password_role("hardpw", password)
    database = (await srv.create_database()).rsplit("/", 1)[-1]
    try:
        encoded = urllib.parse.quote(password, safe="")
        as_url = {"DATABASE_URL": f"postgresql://hardpw:{encoded}@127.0.0.1:{srv.port}/{database}"}
        as_parts = {"POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": str(srv.port), "POSTGRES_USER": "hardpw",
                    "POSTGRES_PASSWORD": password, "POSTGRES_DB": database}
        for env in (as_url, as_parts):
            settings = Settings.load(env, env_file=Path("/nonexistent"))
            store = await StateStore.open(settings.state_target())
            try:
                assert store.backend == "postgres"
                rows = await store.fetchall("SELECT current_user AS who, current_database() AS db")
                assert (rows[0]["who"], rows[0]["db"]) == ("hardpw", database)
            finally:
                await store.close()
        # and the password really is checked: a wrong one is refused, so the one above arrived intact
        wrong = Settings.load({**as_parts, "POSTGRES_PASSWORD": password + "x"}, env_file=Path("/nonexistent"))
        with pytest.raises(Exception, match="password authentication failed"):
            await StateStore.open(wrong.state_target())
    finally:
        await srv.drop_database(srv.url(database))


@pytest.mark.postgres
async def test_health_checks_postgres_with_a_hard_password(writable_db):
    srv = pg.server()
    await srv.password_role("hardpw", HARD_PASSWORDS[0])
    env = {"POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": str(srv.port), "POSTGRES_USER": "hardpw",
           "POSTGRES_PASSWORD": HARD_PASSWORDS[0], "POSTGRES_DB": pg.TEMPLATE}
    proc = bot("health", env=env, db=writable_db)
    assert proc.returncode == 0, proc.stderr
    assert f"state store (PostgreSQL at 127.0.0.1:{srv.port}/{pg.TEMPLATE})" in proc.stdout
    proc = bot("health", env={**env, "POSTGRES_PASSWORD": "wrong"}, db=writable_db)
    assert proc.returncode == 1
    line = one_clean_line(proc)
    assert line.startswith("unhealthy: state store: PostgreSQL at 127.0.0.1") and "password" in line


def test_postgres_refusing_says_postgres_not_discord(writable_db):
    closed_port = pg._free_port()
    proc = bot("run", env={"DISCORD_TOKEN": "x", "DATABASE_URL": f"postgresql://u:{SECRET}@127.0.0.1:{closed_port}/d"},
               db=writable_db)
    assert proc.returncode == 1
    line = one_clean_line(proc)
    assert line.startswith(f"Could not connect to PostgreSQL at 127.0.0.1:{closed_port}/d"), line
    assert "Discord" not in line


def test_run_without_a_token_is_one_line_and_non_zero(writable_db):
    proc = bot("run", env={}, db=writable_db)
    assert proc.returncode == 2
    assert one_clean_line(proc).startswith("No DISCORD_TOKEN")


def test_ask_into_a_closed_pipe_ends_quietly(writable_db):
    """`python -m bot ask --json - | head -1`: the reader leaves after one line; no BrokenPipe traceback."""
    questions = "who won pre 2024 mile\n" * 300
    proc = subprocess.run(
        f"{sys.executable} -m bot ask --json - | head -1",
        shell=True, cwd=ROOT, capture_output=True, text=True, input=questions, timeout=120,
        env={**{k: v for k, v in os.environ.items() if k not in SCRUB}, "BELL_LAP_DB": str(writable_db)})
    assert proc.stdout.count("\n") == 1 and '"status"' in proc.stdout
    assert "BrokenPipe" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_followup_minutes_is_read_and_checked(tmp_path):
    none = tmp_path / "no.env"
    assert Settings.load({}, none).followup_minutes == 5
    assert Settings.load({"FOLLOWUP_MINUTES": "0"}, none).followup_minutes == 0
    assert Settings.load({"FOLLOWUP_MINUTES": "30"}, none).followup_minutes == 30
    for bad in ("-1", "five", "1441"):
        with pytest.raises(ValueError, match="FOLLOWUP_MINUTES must be a whole number of minutes from 0 to 1440"):
            Settings.load({"FOLLOWUP_MINUTES": bad}, none)
