"""`python -m bot ask`: one question as text, one as JSON, or one JSON line per stdin line.

The database is opened once, so a stream of questions on stdin costs one startup. Every question exits 0,
answered or not; only a database that cannot be opened is an error.
"""
from __future__ import annotations

import sys
from pathlib import Path

from bot.ask import plain


def run(question: list[str], as_json: bool, db_path: Path, default_db: bool) -> int:
    from bot.ask.engine import Engine
    from bot.pipeline import dataset
    if default_db:
        dataset.ensure_db(db_path)
    elif not db_path.exists():
        print(f"No database at {db_path}. Build one with `python -m bot data build`.", file=sys.stderr)
        return 1
    engine = Engine.open(db_path)
    try:
        if question == ["-"]:
            for line in sys.stdin:
                answer = engine.answer_now(line.rstrip("\n"))
                sys.stdout.write((plain.to_json_line(answer) if as_json else plain.to_text(answer) + "\n") + "\n")
                sys.stdout.flush()
            return 0
        answer = engine.answer_now(" ".join(question))
        print(plain.to_json_line(answer) if as_json else plain.to_text(answer))
        return 0
    finally:
        engine.close()
