"""Quiz question quality, issue 18's figures: 1,000 generated questions (fixed seed), measured against the
database with queries of its own.

    .venv/bin/python bench/quiz_report.py [--n 1000] [--seed 18] [--db PATH]

Prints: the hint test (choice hints that leave one choice, typed hints that show the answer or blanks), the
one-right-answer check (odd-one-out vs every world-record row, indoor too; two choices that are one athlete;
two races at a meet; a distractor that holds the record), distractors outside the record's scope or spread,
and difficulty: the share of questions about an Olympic or world champion or a world-record holder, and in a
big setting (an Olympic or world final, a world or Olympic record), per difficulty. tests/quiz/
test_question_quality.py asserts the same on the same seed.
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.common import areas, names  # noqa: E402
from bot.common.marks import parse_mark  # noqa: E402
from bot.pipeline import db as refdb  # noqa: E402
from bot.quiz.model import DIFFICULTIES  # noqa: E402
from bot.quiz.questions import SPREAD, QuestionBank  # noqa: E402


def _ids(conn, name):
    return [a for (a,) in conn.execute("SELECT id FROM athletes WHERE name = ? AND is_team = 0", (name,))]


def _born(conn, ids):
    if not ids:
        return set()
    return set(conn.execute(f"SELECT birth_date, nationality FROM athletes WHERE id IN ({','.join('?' * len(ids))}) "
                            f"AND length(birth_date) = 10", ids).fetchall())


def big_setting(conn, q) -> bool:
    f = q.facts
    if q.kind in ("winner", "year", "mark_at_meet"):
        comp = f.get("competition_id") or f["topic"][1]
        return conn.execute("SELECT level FROM competitions WHERE id = ?", (comp,)).fetchone()[0] in ("OG", "WCH")
    if q.kind in ("record", "record_holder"):
        return f["kind"] in ("world", "olympic")
    return q.kind == "odd_one_out"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--db", type=Path, default=None)
    args = ap.parse_args(argv)
    path = args.db or refdb.db_path()
    bank = QuestionBank.open(path, random.Random(args.seed))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    qs: list = []
    while len(qs) < args.n:
        q = bank.generate()
        if q is not None:
            qs.append(q)
    print(f"{len(qs)} questions, seed {args.seed}: " + ", ".join(f"{k} {n}" for k, n in Counter(
        q.kind for q in qs).most_common()))

    # hints
    choice = [q for q in qs if q.choices]
    one_left = first_names = shown_answer = blanks = 0
    for q in choice:
        left = set(q.choices)
        for i, out in enumerate(q.eliminated):
            left.discard(out)
            if len(left) == 1:
                one_left += 1
                first_names += i == 0
        shown_answer += any(out == q.answer.display for out in q.eliminated)
    typed_shows = sum(any(names.fold(q.answer.display) in names.fold(h) for h in q.hints) for q in qs)
    blanks = sum(any("_" in h for h in q.hints) for q in qs)
    print(f"hints: {len(choice)} multiple-choice questions, {sum(bool(q.choice_hints) for q in choice)} with hints; "
          f"hints leaving one choice: {one_left} (first hints: {first_names}); hints ruling out the answer: "
          f"{shown_answer}; typed hints showing the answer: {typed_shows}, with blanks ('20__'): {blanks}")

    # one right answer
    problems: Counter = Counter()
    checked: Counter = Counter()
    for q in qs:
        f = q.facts
        if q.kind == "odd_one_out":
            held = {a for (a,) in conn.execute("SELECT DISTINCT athlete_id FROM records WHERE kind = 'world' "
                                               "AND event_id = ?", (f["event_id"],))}
            checked["odd one out"] += 1
            problems["odd one out with a second right answer"] += bool(set(_ids(conn, q.answer.display)) & held)
        if q.kind in ("winner", "mark_at_meet", "year"):
            comp = f.get("competition_id") or f["topic"][1]
            n = conn.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM races r WHERE r.competition_id = ? AND "
                             "r.event_id = ? AND (r.round = 'F' OR r.round IS NULL) AND r.label IS NULL "
                             "GROUP BY r.source_id)", (comp, f["event_id"])).fetchone()[0]
            checked["meet questions"] += 1
            problems["two races at the meet"] += n != 1
        if q.kind == "record_holder":
            held = {a for (a,) in conn.execute("SELECT athlete_id FROM records WHERE kind = ? AND region = ? AND "
                                               "event_id = ? AND current = 1", (f["kind"], f["region"], f["event_id"]))}
            checked["record holders"] += 1
            problems["a wrong choice holds the record"] += any(set(_ids(conn, d)) & held for d in q.distractors)
            if f["kind"] in ("national", "area"):
                checked["area/national holders"] += 1
                problems["distractors from outside the region"] += any(
                    (bank.nation[c] != f["region"]) if f["kind"] == "national"
                    else (areas.area_of(bank.nation[c]) != f["region"]) for c in f["choice_ids"][1:])
        if q.kind == "record":
            code, fmt = conn.execute("SELECT code, mark_format FROM events WHERE id = ?", (f["event_id"],)).fetchone()
            checked["what is the record"] += 1
            problems["a wrong mark outside a realistic spread"] += any(
                abs(parse_mark(d, code).value - f["mark_value"]) > SPREAD[fmt] * f["mark_value"] + 0.01
                for d in q.distractors)
        if q.answer.kind == "name" and len(q.choices) > 1:
            sigs = [_born(conn, _ids(conn, c)) for c in q.choices]
            nats = [{n for (n,) in conn.execute("SELECT nationality FROM athletes WHERE name = ?", (c,))}
                    for c in q.choices]
            words = [set(names.fold(c).split()) for c in q.choices]

            def one(i, j, sigs=sigs, nats=nats, words=words):
                inside = min(len(words[i]), len(words[j])) >= 2 and (words[i] <= words[j] or words[j] <= words[i])
                return bool(sigs[i] & sigs[j]) or (inside and bool(nats[i] & nats[j]))
            checked["name choices"] += 1
            problems["two choices are one athlete"] += any(one(i, j) for i in range(len(sigs))
                                                           for j in range(i + 1, len(sigs)))
    print("checked: " + ", ".join(f"{k} {n}" for k, n in checked.items()))
    print("problems: " + ", ".join(f"{k} {n}" for k, n in problems.items()))

    # difficulty
    for d in DIFFICULTIES:
        sub = [q for q in qs if q.difficulty == d]
        elite = sum(bank.elite(bank.about(q)) for q in sub)
        big = sum(big_setting(conn, q) for q in sub)
        national = sum(q.facts.get("kind") == "national" for q in sub)
        print(f"{d:6}: {len(sub):4} questions; about an Olympic/world champion or WR holder "
              f"{100 * elite / max(1, len(sub)):.0f} %; big setting {100 * big / max(1, len(sub)):.0f} %; "
              f"national records {national}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
