"""The command-line contract other tools depend on: `python -m bot ask [--json] (QUESTION | -) [--db PATH]`."""
from __future__ import annotations

import json
import subprocess
import sys

from bot.pipeline import db as dbmod

KEYS = {"query", "status", "intent", "headline", "entities", "rows", "suggestions", "sources"}


def run(args, db_path, stdin=None):
    return subprocess.run([sys.executable, "-m", "bot", "ask", *args, "--db", str(db_path)], input=stdin,
                          capture_output=True, text=True, cwd=dbmod.ROOT, timeout=120)


def test_text_answer(db_path):
    out = run(["who", "won", "pre", "2024", "mile"], db_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Josh Kerr won the men's mile at the 2024 Prefontaine Classic in 3:45.34")
    assert "Jakob Ingebrigtsen" in out.stdout


def test_json_answer(db_path):
    out = run(["--json", "kerr 1500 pb"], db_path)
    assert out.returncode == 0
    answer = json.loads(out.stdout)
    assert KEYS <= answer.keys()
    assert answer["status"] == "answered" and answer["intent"] == "pb"
    row = answer["rows"][0]
    assert {"athlete", "mark"} <= row.keys() and row["athlete"] == "Josh Kerr"


def test_json_stream_keeps_order_and_exits_zero(db_path):
    questions = ["who won pre 2024 mile", "asdf qwerty", "", "ingebrigtsen 1500 pb", "mile world record"]
    out = run(["--json", "-"], db_path, stdin="\n".join(questions) + "\n")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == len(questions)
    answers = [json.loads(line) for line in lines]
    assert [a["query"] for a in answers] == questions
    assert [a["status"] for a in answers] == ["answered", "unknown", "unknown", "ambiguous", "answered"]
    for a in answers:
        assert KEYS <= a.keys()


def test_missing_database_is_an_error_not_a_build(tmp_path):
    out = run(["mile world record"], tmp_path / "nope.sqlite3")
    assert out.returncode == 1
    assert "No database" in out.stderr
    assert not (tmp_path / "nope.sqlite3").exists()
