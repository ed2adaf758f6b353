"""`python -m bot.ask.learn`: rewrite bot/ask/fillers.txt from the corpus (bot/ask/fillers.py says how)."""
from __future__ import annotations

import sys
from pathlib import Path

from bot.ask import fillers
from bot.ask.engine import Engine
from bot.pipeline import dataset


def main(db: Path = Path("var/bell_lap.sqlite3")) -> int:
    dataset.ensure_db(db)
    engine = Engine.open(db)
    try:
        words = fillers.learn(engine.vocab, fillers.corpus_questions(), name_word=engine.people.by_token.__contains__)
    finally:
        engine.close()
    fillers.FILE.write_text(fillers.render(words), encoding="utf-8")
    print(f"{len(words)} fillers written to {fillers.FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
