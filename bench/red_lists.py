"""Would Red-DiscordBot's own trivia lists import? The check of `python -m bot quiz check-list` over a folder.

    git clone --depth 1 https://github.com/Cog-Creators/Red-DiscordBot /tmp/red
    .venv/bin/python bench/red_lists.py /tmp/red/redbot/cogs/trivia/data/lists

Prints the lists that fail or warn (with their lines), the slowest read, and one summary line. Red's files are
not part of this repository (their licence): point it at a copy. Exit status 1 when any list fails.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.quiz import checklist  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path, help="a folder of .yaml trivia lists")
    args = ap.parse_args()
    files = sorted(args.folder.glob("*.yaml"))
    if not files:
        print(f"no .yaml files in {args.folder}", file=sys.stderr)
        return 2
    results, slowest = [], (0.0, "")
    for f in files:
        t0 = time.perf_counter()
        results.append(checklist.check_file(f))
        slowest = max(slowest, (time.perf_counter() - t0, f.name))
    checklist.report([r for r in results if not r.ok or r.warnings], sys.stdout, totals=False)
    print(f"slowest: {slowest[1]} in {slowest[0] * 1000:.0f} ms")
    print(checklist.summary(results))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
