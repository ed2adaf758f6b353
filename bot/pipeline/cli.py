"""`python -m bot data build|check|stats|import` and `health`."""
from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bot.pipeline import dataset


def run(args, db_path: Path) -> int:
    try:
        return _run(args, db_path)
    except dataset.NotReplaceable as exc:
        print(f"Cannot use the database: {exc}", file=sys.stderr)
        return 2


def _run(args, db_path: Path) -> int:
    cmd = args.data_command
    if cmd == "build":
        return build(Path(args.source), db_path)
    if cmd == "check":
        from bot.pipeline import datacheck
        dataset.ensure_db(db_path)
        problems = datacheck.check(sqlite3.connect(db_path))
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s)" if problems else "data check: clean")
        if getattr(args, "against", None):
            from bot.pipeline import crosscheck
            report = crosscheck.run(sqlite3.connect(db_path), Path(args.against))
            print(crosscheck.render(report))
            return 1 if problems or not report.clean else 0
        return 1 if problems else 0
    if cmd == "stats":
        dataset.ensure_db(db_path)
        print(stats_text(sqlite3.connect(db_path)))
        return 0
    if cmd == "import":
        from bot.pipeline import userimport
        dataset.ensure_db(db_path)
        return userimport.main(args.file, db_path)
    return 2


def build(source: Path, db_path: Path) -> int:
    """Import the reference datasets, write every row to data/, and build the database at db_path from it."""
    from bot.pipeline.build import Builder, load_batches
    if not source.is_dir():
        print(f"No reference datasets at {source}: pass --source DIR.", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    builder = Builder(load_batches(source)).run()
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmpdir:
        conn = sqlite3.connect(Path(tmpdir) / "build.sqlite3")
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        builder.write(conn)
        # Quotes come from news articles kept next to the reference datasets (shared/seed-article.txt)
        from bot.pipeline.importers import articles
        print(f"  quotes: {articles.write_quotes(conn, [source.parent / 'seed-article.txt'])}")
        conn.commit()
        for k, v in sorted(builder.stats.items()):
            print(f"  {k}: {v}")
        t2 = time.perf_counter()
        counts = dataset.export(conn)
        conn.close()
    size = sum(dataset.table_file(t).stat().st_size for t in dataset.TABLES)
    print("Dataset written to data/: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    print(f"data/ tables: {size / 1e6:.2f} MB; import {t1 - t0:.1f} s, write {t2 - t1:.1f} s, "
          f"export {time.perf_counter() - t2:.1f} s")
    t3 = time.perf_counter()
    dataset.build_from_data(db_path)
    print(f"Database {db_path} built from data/ in {time.perf_counter() - t3:.1f} s.")
    return 0


def stats_text(conn: sqlite3.Connection) -> str:
    lines = ["Rows per table:"]
    for t in dataset.TABLES:
        n = conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        lines.append(f"  {t:16s} {n:>9,}")
    lines.append("Results by decade and level:")
    rows = conn.execute("""
        SELECT (CAST(substr(COALESCE(r.date, c.start_date, c.year), 1, 4) AS INTEGER) / 10) * 10 AS decade,
               COALESCE(c.level, 'none') AS level, COUNT(*)
        FROM results res JOIN races r ON r.id = res.race_id LEFT JOIN competitions c ON c.id = r.competition_id
        GROUP BY 1, 2 ORDER BY 1, 2""").fetchall()
    levels = ["OG", "WCH", "WIC", "DL", "other", "none"]
    table: dict[int, dict[str, int]] = {}
    for decade, level, n in rows:
        table.setdefault(decade, {})[level] = n
    lines.append("  decade " + "".join(f"{lv:>9s}" for lv in levels))
    for decade in sorted(d for d in table if d):
        lines.append(f"  {decade}s " + "".join(f"{table[decade].get(lv, 0):>9,}" for lv in levels))
    lines.append("Competitions by level: " + ", ".join(
        f"{lv} {n}" for lv, n in conn.execute("SELECT level, COUNT(*) FROM competitions GROUP BY 1 ORDER BY 2 DESC")))
    lines.append("Records: " + ", ".join(
        f"{k} {n} ({c} current)" for k, n, c in conn.execute(
            "SELECT kind, COUNT(*), SUM(current) FROM records GROUP BY 1 ORDER BY 2 DESC")))
    lines.append("Import issues by source: " + ", ".join(
        f"{s} {n}" for s, n in conn.execute(
            "SELECT source_id, COUNT(*) FROM import_issues GROUP BY 1 ORDER BY 2 DESC")))
    return "\n".join(lines)


def health(db_path: Path) -> int:
    """For container healthchecks: never builds (the bot does that on start), only opens and queries."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        conn.execute("SELECT COUNT(*) FROM events").fetchone()
        conn.close()
    except sqlite3.Error as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    print("ok")
    return 0
