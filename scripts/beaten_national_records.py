"""How many current national-record rows a legal mark on file by that nation beats (issue C1): per row, the
record and the best mark set for the nation (results.nation, else the athlete's nation). Read-only.

    .venv/bin/python scripts/beaten_national_records.py [--list]
"""
from __future__ import annotations

import sqlite3
import sys

from bot.ask.results import MARK_NATION
from bot.pipeline.db import LEGAL_RESULT, db_path


def beaten(conn: sqlite3.Connection) -> list[tuple]:
    best = {}
    for event_id, indoor, nation, value, mark, name in conn.execute(
            f"SELECT r.event_id, r.indoor, {MARK_NATION}, min(CASE e.lower_is_better WHEN 1 THEN res.mark_value "
            f"ELSE -res.mark_value END), res.mark, a.name FROM results res JOIN races r ON r.id = res.race_id "
            f"JOIN events e ON e.id = r.event_id JOIN athletes a ON a.id = res.athlete_id "
            f"WHERE {LEGAL_RESULT} AND instr(res.flags, 'h') = 0 AND a.is_team = 0 GROUP BY 1, 2, 3"):
        best[(event_id, indoor, nation)] = (value, mark, name)
    out = []
    for region, code, sex, indoor, value, mark, name in conn.execute(
            "SELECT rec.region, e.code, e.sex, rec.indoor, "
            "min(CASE e.lower_is_better WHEN 1 THEN rec.mark_value ELSE -rec.mark_value END), rec.mark, a.name "
            "FROM records rec JOIN events e ON e.id = rec.event_id JOIN athletes a ON a.id = rec.athlete_id "
            "WHERE rec.kind = 'national' AND rec.current = 1 AND e.kind != 'relay' "
            "GROUP BY rec.region, rec.event_id, rec.indoor"):
        event_id = conn.execute("SELECT id FROM events WHERE code = ? AND sex = ?", (code, sex)).fetchone()[0]
        got = best.get((event_id, indoor, region))
        if got and got[0] < value - 1e-6:
            out.append((region, code, sex, indoor, mark, name, got[1], got[2]))
    return out


def main() -> None:
    conn = sqlite3.connect(f"file:{db_path()}?mode=ro", uri=True)
    rows = beaten(conn)
    total = conn.execute("SELECT count(*) FROM (SELECT 1 FROM records WHERE kind = 'national' AND current = 1 "
                         "GROUP BY region, event_id, indoor)").fetchone()[0]
    print(f"{len(rows)} of {total} current national records are beaten by a legal mark on file for that nation")
    if "--list" in sys.argv:
        for r in rows:
            print(*r, sep="\t")


if __name__ == "__main__":
    main()
