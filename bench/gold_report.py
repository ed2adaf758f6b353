"""Exact-parse rate and answer accuracy of the question engine on the gold set (tests/ask/gold.yaml).

    .venv/bin/python bench/gold_report.py [--db PATH] [--failures]

Exact parse: status, intent and every expected entity right. Accurate: parse right and the answer matches
(first row, rows, headline, suggestions). Entries tagged data_bug are counted apart.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.ask.engine import Engine  # noqa: E402
from bot.pipeline import dataset  # noqa: E402
from bot.pipeline import db as dbmod  # noqa: E402
from tests.ask import gold  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=dbmod.db_path())
    ap.add_argument("--failures", action="store_true", help="list every failing question")
    args = ap.parse_args()
    if args.db == dbmod.db_path():
        dataset.ensure_db(args.db)
    engine = Engine.open(args.db, today=lambda: dt.date(2026, 11, 24))
    entries = gold.load()
    parsed_ok = correct = 0
    by_intent: Counter = Counter()
    wrong_by_intent: Counter = Counter()
    bugs = [e for e in entries if "data_bug" in e.get("tags", [])]
    scored = [e for e in entries if e not in bugs]
    for e in scored:
        a = engine.answer_now(e["q"]).to_json()
        p = gold.parse_problems(e, a)
        r = gold.answer_problems(e, a)
        key = e.get("intent") or e.get("status")
        by_intent[key] += 1
        parsed_ok += not p
        correct += not p and not r
        if p or r:
            wrong_by_intent[key] += 1
            if args.failures:
                print(f"- {e['q']!r}: " + "; ".join(p + r))
    n = len(scored)
    print(f"gold questions: {len(entries)} ({len(bugs)} tagged data_bug, not scored)")
    print(f"exact parse: {parsed_ok}/{n} = {parsed_ok / n:.1%}")
    print(f"answer accuracy: {correct}/{n} = {correct / n:.1%}")
    for k, v in sorted(by_intent.items(), key=lambda kv: -kv[1]):
        print(f"  {k:12} {v - wrong_by_intent[k]:4}/{v}")
    engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
