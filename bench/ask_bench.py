"""Question-engine latency on a database (the embedded one by default): cold start to a first answer (fresh
processes), p50/p99 per question, peak memory, autocomplete per keystroke, and a naive baseline measured in the
same run.

    .venv/bin/python bench/ask_bench.py [--db var/bell_lap.sqlite3] [--n 1200] [--starts 5]

Cold start: `python -m bot ask --db DB "who won pre 2024 mile"` run as a fresh process --starts times, after one
run that may build the name index cache (bot/ask/people.py); the median and the worst are reported, with
bytecode compiled (as a deployed bot runs). Peak memory is measured in that fresh process (the bench's own
process also holds the corpus and the baseline's name list). Autocomplete: every prefix of 300 athletes'
names typed a key at a time (athlete option), and of every meet and event alias (meet and event options), by
the wall clock and by the CPU time of the thread (which a busy machine does not inflate).

The corpus: every gold question plus questions made from templates over real athletes, events and meets
from the database, shuffled with a fixed seed. The baseline is what a first attempt would do: rapidfuzz
extractOne with WRatio over every athlete name, once per question. Runs on one core (one thread).
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from bot.ask.complete import Completer  # noqa: E402
from bot.ask.engine import Engine  # noqa: E402
from bot.pipeline import dataset  # noqa: E402
from tests.ask import gold  # noqa: E402

TEMPLATES = [
    "{name} {event} pb", "who is {name}", "{name} vs {name2}", "{name} {event} season best {year}",
    "who won {meet} {year} {event}", "{meet} {year} {event} results", "who was second at {meet} {year} {event}",
    "{event} world record", "women's {event} world record", "fastest {event} ever", "top 10 all time {event}",
    "{event} world lead {year}", "{event} wr progression", "how many golds does {name} have",
    "what happened on {month} {day}", "{nation} {event} record", "how many men have broken {mark} in the {event}",
    "{misspelt} {event} pb", "asdf {name}", "is it raining in {meet}",
]
EVENTS = ["100", "200", "400", "800", "1500", "mile", "5000", "10000", "steeple", "110h", "400h", "pole vault",
          "high jump", "long jump", "shot put", "javelin", "marathon"]
MEETS = ["pre", "bislett", "weltklasse", "golden gala", "monaco", "worlds", "olympics", "world indoors", "millrose"]
NATIONS = ["british", "kenyan", "norwegian", "american", "ethiopian", "jamaican", "french", "german", "dutch"]
MONTHS = ["january", "march", "may", "june", "july", "august", "september"]
MARKS = ["3:30", "10.00", "1:44", "13:00", "27:30", "8.00"]


def corpus(conn: sqlite3.Connection, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names = [r[0] for r in conn.execute(
        "SELECT a.name FROM athletes a JOIN results res ON res.athlete_id = a.id WHERE a.is_team = 0 "
        "GROUP BY a.id HAVING count(*) >= 5 ORDER BY a.id")]
    out = [e["q"] for e in gold.load()]
    while len(out) < n:
        name, name2 = rng.choice(names), rng.choice(names)
        surname = name.split()[-1].lower()
        misspelt = surname[:-2] + surname[-1] + surname[-2] if len(surname) > 4 else surname
        out.append(rng.choice(TEMPLATES).format(
            name=rng.choice([name, surname]), name2=name2, event=rng.choice(EVENTS), year=rng.randint(2010, 2025),
            meet=rng.choice(MEETS), month=rng.choice(MONTHS), day=rng.randint(1, 28), nation=rng.choice(NATIONS),
            mark=rng.choice(MARKS), misspelt=misspelt))
    rng.shuffle(out)
    return out


def cold_starts(db: Path, n: int) -> tuple[list[float], list[float]]:
    """Seconds to the first answer and peak RSS (MB) of n fresh `python -m bot ask` processes (after one
    that may build the name index cache)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cmd = [sys.executable, "-c", "import resource, runpy, sys; sys.argv = ['bot', 'ask', '--db', sys.argv[1], "
           "'who won pre 2024 mile']; code = 0\ntry: runpy.run_module('bot', run_name='__main__')\n"
           "except SystemExit as e: code = e.code or 0\n"
           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)", str(db)]
    times, rss = [], []
    for i in range(n + 1):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        if i:
            times.append(time.perf_counter() - start)
            rss.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return times, rss


def keystrokes(completer: Completer, conn: sqlite3.Connection, seed: int = 7,
               cpu: dict[str, list[float]] | None = None) -> dict[str, list[float]]:
    """Milliseconds per keystroke for each option: every prefix of what a user types. cpu, when given, gets the
    CPU time of each keystroke too (this thread's: on a shared machine the wall clock also counts the time other
    processes held the core, a 4 ms tick at a time)."""
    rng = random.Random(seed)
    names = [r[0] for r in conn.execute("SELECT name FROM athletes WHERE is_team = 0 ORDER BY id")]
    typed = {"athlete": [n for n in rng.sample(names, 300)],
             "meet": [w for name, _level, aliases in completer.catalogue.series.values() for w in (name, *aliases)],
             "event": [w for code, _sex in completer.catalogue.events for w in (code, *EVENT_WORDS.get(code, ()))]}
    call = {"athlete": completer.athletes_for, "meet": completer.meets_for, "event": completer.events_for}
    out: dict[str, list[float]] = {}
    for option, words in typed.items():
        fn = call[option]
        fn("")
        times, used = [], []
        for word in words:
            for k in range(len(word) + 1):
                start, start_cpu = time.perf_counter(), time.thread_time()
                fn(word[:k])
                used.append((time.thread_time() - start_cpu) * 1000)
                times.append((time.perf_counter() - start) * 1000)
        out[option] = times
        if cpu is not None:
            cpu[option] = used
    return out


EVENT_WORDS = {"100m": ("100 metres",), "1500m": ("1500 metres",), "3000mSC": ("steeplechase",),
               "110mH": ("110 metres hurdles",), "PV": ("pole vault",), "JT": ("javelin throw",), "MAR": ("marathon",)}


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=ROOT / "var" / "bell_lap.sqlite3")
    ap.add_argument("--n", type=int, default=1200)
    ap.add_argument("--starts", type=int, default=5, help="fresh processes timed for the cold start")
    args = ap.parse_args()
    dataset.ensure_db(args.db)  # built from data/ on first use, as the bot does
    starts, start_rss = cold_starts(args.db, args.starts)
    t0 = time.perf_counter()
    engine = Engine.open(args.db)
    startup = time.perf_counter() - t0
    conn = engine.conn
    results = conn.execute("SELECT count(*) FROM results").fetchone()[0]
    questions = corpus(conn, args.n)
    for q in questions[:50]:   # warm the page cache and rapidfuzz, as a running bot would be
        engine.answer_now(q)
    gc.collect()
    times: list[float] = []
    statuses: dict[str, int] = {}
    for q in questions:
        start = time.perf_counter()
        a = engine.answer_now(q)
        times.append((time.perf_counter() - start) * 1000)
        statuses[a.status] = statuses.get(a.status, 0) + 1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    completer = Completer(engine.people, engine.cat)
    complete_build = time.perf_counter() - t0
    typing_cpu: dict[str, list[float]] = {}
    typing = keystrokes(completer, conn, cpu=typing_cpu)

    # Naive baseline: one fuzzy pass over every athlete name per question, nothing else.
    all_names = [r[0] for r in conn.execute("SELECT name FROM athletes")]
    sample = questions[:200]
    base = []
    for q in sample:
        start = time.perf_counter()
        process.extractOne(q, all_names, scorer=fuzz.WRatio)
        base.append((time.perf_counter() - start) * 1000)

    print(f"database: {args.db} ({results:,} results, {len(all_names):,} athletes); engine start {startup:.2f} s "
          f"(in this process)")
    print(f"cold start to first answer (fresh `python -m bot ask`, {len(starts)} runs): median "
          f"{statistics.median(starts):.2f} s, worst {max(starts):.2f} s; peak memory median "
          f"{statistics.median(start_rss):.0f} MB")
    print(f"questions: {len(questions)} ({', '.join(f'{k} {v}' for k, v in sorted(statuses.items()))})")
    print(f"engine:   p50 {percentile(times, 50):.2f} ms  p90 {percentile(times, 90):.2f} ms  "
          f"p99 {percentile(times, 99):.2f} ms  max {max(times):.1f} ms  mean {statistics.mean(times):.2f} ms")
    print(f"baseline: p50 {percentile(base, 50):.2f} ms  p99 {percentile(base, 99):.2f} ms  "
          f"(rapidfuzz extractOne/WRatio over {len(all_names):,} names, {len(sample)} questions)")
    print(f"speed-up at p50: {percentile(base, 50) / percentile(times, 50):.1f}x, at p99: "
          f"{percentile(base, 99) / percentile(times, 99):.1f}x")
    print(f"peak memory (max RSS of this process, after {len(questions)} questions): {peak_mb:.0f} MB")
    print(f"autocomplete (Completer built in {complete_build:.2f} s): " + "; ".join(
        f"{option} p50 {percentile(t, 50):.3f} ms p99 {percentile(t, 99):.3f} ms max {max(t):.1f} ms "
        f"(CPU p50 {percentile(typing_cpu[option], 50):.3f} ms p99 {percentile(typing_cpu[option], 99):.3f} ms; "
        f"{len(t)} keystrokes)" for option, t in typing.items()))
    slow = sorted(zip(times, questions, strict=True), reverse=True)[:8]
    print("slowest:", "; ".join(f"{t:.1f} ms {q!r}" for t, q in slow))
    engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
