"""The embedded dataset: the size of data/ and the time a first start takes to build the database from it.

    .venv/bin/python bench/data_bench.py [--runs 3]

Size: every file under data/ (what `du -b data` counts). Build: each run is a fresh process (imports
included, as at a first start) that builds a database from data/ into an empty temporary folder; the bench
prints its wall time and its CPU time (user + system). The machine's load average is printed beside them:
on a shared machine the wall time grows with the load, the CPU time much less.
"""
from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.pipeline import dataset  # noqa: E402

BUILD = "import sys; from pathlib import Path; from bot.pipeline import dataset; dataset.ensure_db(Path(sys.argv[1]))"


def data_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) + sum(
        p.stat().st_size for p in [folder, *folder.rglob("*")] if p.is_dir())


def build_once(db: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one fresh process building db from data/."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", BUILD, str(db)], cwd=ROOT, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    tables = sum(dataset.table_file(t).stat().st_size for t in dataset.TABLES)
    print(f"data/: {data_size(dataset.DATA_DIR):,} bytes (du -b), of which the {len(dataset.TABLES)} table files "
          f"{tables:,}")
    walls, cpus = [], []
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bell_lap.sqlite3"
            wall, cpu = build_once(db)
            if run == 1:
                conn = sqlite3.connect(db)
                counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                          for t in ("results", "races", "athletes", "records")}
                conn.close()
                print("database: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
        walls.append(wall)
        cpus.append(cpu)
        print(f"build from data/, run {run}: wall {wall:.1f} s, CPU {cpu:.1f} s "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"best of {args.runs}: wall {min(walls):.1f} s, CPU {min(cpus):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
