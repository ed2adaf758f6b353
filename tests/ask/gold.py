"""Reading the gold sets (tests/ask/gold.yaml, hand-written; gold_generated.yaml, generated from the raw
files) and comparing an Answer with an entry: shared by the tests and bench/gold_report.py."""
from __future__ import annotations

from pathlib import Path

import yaml

GOLD = Path(__file__).with_name("gold.yaml")
GENERATED = Path(__file__).with_name("gold_generated.yaml")
# The generated entries the engine gets wrong today, each with its reason: strict xfails (test_gold_generated.py),
# rewritten by `bench/gold_report.py --generated --write-xfail` (tests/ask/README.md).
GENERATED_XFAIL = Path(__file__).with_name("gold_generated_xfail.yaml")


def load() -> list[dict]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


def load_generated() -> list[dict]:
    return yaml.safe_load(GENERATED.read_text(encoding="utf-8"))


def load_xfail() -> dict[str, dict]:
    """question -> {reason, detail} for the generated entries known to fail."""
    if not GENERATED_XFAIL.exists():
        return {}
    return {x["q"]: x for x in yaml.safe_load(GENERATED_XFAIL.read_text(encoding="utf-8")) or []}


def _same(want, got, aliases: dict) -> bool:
    """The same athlete: the expected name, or another spelling the sources give that athlete (an entry's
    `aliases`; only generated entries carry them, the hand-written gold compares names exactly)."""
    return got == want or (isinstance(want, str) and got in aliases.get(want, ()))


def _subset(expected: dict, actual: dict, aliases: dict | None = None) -> list[str]:
    aliases = aliases or {}
    problems = []
    for key, want in expected.items():
        got = actual.get(key)
        if key == "athletes":
            names = [a["name"] if isinstance(a, dict) else a for a in (got or [])]
            missing = [n for n in want if not any(_same(n, g, aliases) for g in names)]
            if missing:
                problems.append(f"athletes {names} lack {missing}")
        elif key in ("athlete", "before"):
            if not _same(want, got, aliases):
                problems.append(f"{key}: expected {want!r}, got {got!r}")
        elif got != want:
            problems.append(f"{key}: expected {want!r}, got {got!r}")
    return problems


def parse_problems(entry: dict, answer: dict) -> list[str]:
    """Did the engine understand the question: status, intent and entities."""
    problems = []
    status = entry.get("status", "answered")
    if answer["status"] != status:
        problems.append(f"status: expected {status}, got {answer['status']} ({answer['headline']})")
    if "intent" in entry and answer["intent"] != entry["intent"]:
        problems.append(f"intent: expected {entry['intent']}, got {answer['intent']}")
    problems += _subset(entry.get("entities", {}), answer["entities"], entry.get("aliases"))
    return problems


def answer_problems(entry: dict, answer: dict) -> list[str]:
    """Is the answer right: first row, rows, headline, suggestions."""
    problems = []
    rows = answer["rows"]
    aliases = entry.get("aliases")
    if "first" in entry:
        if not rows:
            problems.append("no rows")
        else:
            problems += [f"first row {p}" for p in _subset(entry["first"], rows[0], aliases)]
    for want in entry.get("rows_include", []):
        if not any(not _subset(want, r, aliases) for r in rows):
            problems.append(f"no row matches {want}")
    if len(rows) < entry.get("rows_min", 0):
        problems.append(f"{len(rows)} rows, expected at least {entry['rows_min']}")
    for text in entry.get("headline_has", []):
        if str(text).lower() not in answer["headline"].lower():
            problems.append(f"headline lacks {text!r}: {answer['headline']}")
    for name in entry.get("suggestions_include", []):
        spellings = [name, *(aliases or {}).get(name, ())]
        if not any(n in s for s in answer["suggestions"] for n in spellings):
            problems.append(f"suggestions lack {name!r}: {answer['suggestions']}")
    return problems


RIGHT, WRONG, DECLINED, NOT_DECLINED = "right", "wrong", "declined", "answered_should_decline"


def outcome(entry: dict, answer: dict) -> tuple[str, list[str]]:
    """right; wrong; declined (an answerable question got no answer: "I don't know" or a "did you mean");
    answered_should_decline (a question to decline got an answer or a "did you mean"). With the problems."""
    problems = parse_problems(entry, answer) + answer_problems(entry, answer)
    if not problems:
        return RIGHT, problems
    expected, got = entry.get("status", "answered"), answer["status"]
    if expected == "unknown" and got != "unknown":
        return NOT_DECLINED, problems
    if expected != "unknown" and got != expected and got in ("unknown", "ambiguous"):
        return DECLINED, problems
    return WRONG, problems
