"""Command line: `python -m bot [console|run|ask|data ...|quiz check-list ...|health]`.

With no arguments: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the
embedded dataset.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description="Bell Lap, the athletics bot.")
    p.add_argument("--db", type=Path, help="database file (default: $BELL_LAP_DB or var/bell_lap.sqlite3)")
    sub = p.add_subparsers(dest="command")
    data = sub.add_parser("data", help="build, check and inspect the database")
    dsub = data.add_subparsers(dest="data_command", required=True)
    b = dsub.add_parser("build", help="build data/ from the reference folder, then the database from data/")
    b.add_argument("--source", type=Path, default=Path("../shared/datasets"), help="reference datasets folder")
    b.add_argument("--db", type=Path, dest="sub_db", help="database file to write")
    chk = dsub.add_parser("check", help="validate the database; non-zero exit on any problem")
    chk.add_argument("--against", metavar="DIR", help="also compare it with the reference datasets in DIR "
                     "(podiums, current records, identity); non-zero exit on any undocumented disagreement")
    dsub.add_parser("stats", help="row counts and coverage")
    i = dsub.add_parser("import", help="import a CSV of results (all-or-nothing); see data/IMPORT_FORMAT.md")
    i.add_argument("file", type=Path)
    quiz = sub.add_parser("quiz", help="trivia lists")
    qsub = quiz.add_subparsers(dest="quiz_command", required=True)
    cl = qsub.add_parser("check-list", help="would these trivia lists import (Red-DiscordBot YAML)? per file: "
                                            "questions and warnings, or each problem with its line; "
                                            "non-zero exit if any fails")
    cl.add_argument("files", nargs="+", type=Path, metavar="FILE")
    sub.add_parser("health", help="exit 0 when the database opens and answers")
    c = sub.add_parser("console", help="the bot in this terminal: type slash commands, see the answers "
                                       "(the default without DISCORD_TOKEN)")
    c.add_argument("--db", type=Path, dest="sub_db", help="database file")
    sub.add_parser("run", help="connect to Discord as the bot (needs DISCORD_TOKEN in the environment or .env)")
    a = sub.add_parser("ask", help="answer a question: `ask \"who won pre 2024 mile\"`, `ask --json -` for stdin")
    a.add_argument("question", nargs="+", help="the question, or - to read one per line from stdin")
    a.add_argument("--json", action="store_true", help="print one JSON object per question")
    a.add_argument("--db", type=Path, dest="sub_db", help="database file")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # `python -m bot ask ... | head`: the reader left. Point stdout at /dev/null so the interpreter's
        # final flush does not raise again, and end quietly as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "quiz":          # needs no database
        from bot.quiz import checklist
        return checklist.run(args.files)
    from bot.pipeline import db as dbmod
    db_path = getattr(args, "sub_db", None) or args.db or dbmod.db_path()
    if args.command == "data":
        from bot.pipeline import cli as datacli
        return datacli.run(args, Path(db_path))
    if args.command == "ask":
        from bot.ask import cli
        return cli.run(args.question, args.json, Path(db_path), default_db=db_path == dbmod.db_path())
    if args.command == "health":
        return _health(Path(db_path))
    if args.command == "run" or (args.command is None and _discord_token()):
        return _run_discord(args.db)
    if args.command in ("console", None):
        return _run_console(Path(db_path))
    return 2


def _settings(problem: str):
    """The settings, or None after one line on stderr naming the bad one (`problem` starts the line)."""
    from bot.app.settings import Settings
    try:
        return Settings.load()
    except ValueError as bad:
        print(f"{problem}{bad}", file=sys.stderr)
        return None


def _health(db_path: Path) -> int:
    from bot.app import health
    settings = _settings("unhealthy: settings: ")
    if settings is None:
        return 1
    code, lines = health.report(health.run_checks(settings, db_path))
    print("\n".join(lines), file=sys.stderr if code else sys.stdout)
    return code


def _discord_token() -> bool:
    from bot.app.settings import Settings
    try:
        return bool(Settings.load().token)
    except ValueError:
        return bool(os.environ.get("DISCORD_TOKEN"))   # _run_discord reports the bad setting


def _run_console(db_path: Path) -> int:
    """The real bot and cogs on a loopback Discord, driven from this terminal (bot/console/main.py)."""
    from bot.console import main as console
    settings = _settings("Bad setting: ")
    if settings is None:
        return 2
    return console.main(settings, db_path)


def _run_discord(db: Path | None) -> int:
    import asyncio
    import dataclasses

    from bot.app.client import StartupError, run
    settings = _settings("Bad setting: ")
    if settings is None:
        return 2
    if not settings.token:
        print("No DISCORD_TOKEN: set it in the environment or .env (see .env.example).", file=sys.stderr)
        return 2
    if db is not None:
        settings = dataclasses.replace(settings, db_path=db)
    import aiohttp
    import discord
    try:
        return asyncio.run(run(settings))
    except KeyboardInterrupt:
        return 0
    except StartupError as err:
        print(str(err), file=sys.stderr)
        return 1
    except discord.LoginFailure:
        print("Discord refused the token: check DISCORD_TOKEN (Bot > Reset Token).", file=sys.stderr)
        return 1
    except (aiohttp.ClientError, OSError) as err:
        print(f"Could not reach Discord: {err.__class__.__name__}: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
