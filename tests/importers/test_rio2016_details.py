"""Issue 15: the Rio 2016 file's details of a result (reaction times, series of attempts, height sheets, relay
legs) are imported, each tied to its result row, none dropped. Expected values are read here from the raw file
with a reader of its own."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from bot.pipeline.importers import rio2016
from tests.importers.helpers import SHARED

REAL = SHARED / "rio2016-complete-tilastopaja"
R = "rio_athletics_results.json"
pytestmark = pytest.mark.skipif(not REAL.exists(), reason="reference datasets not on this machine")


@pytest.fixture(scope="module")
def batch():
    return rio2016.load(REAL)


@pytest.fixture(scope="module")
def raw():
    return json.loads((REAL / R).read_text("utf-8"))["events"]


def _row(raw, ref: str) -> dict:
    """The raw row of a ref "rio_athletics_results.json:12/3"."""
    block, row = ref.split(":", 1)[1].split("/")[:2]
    return raw[int(block)]["result"][int(row)]


def _height(h: dict) -> tuple[str, str]:
    inner = h.get("roundresults")
    return (inner["performance"], inner["round"]) if isinstance(inner, dict) else (h["height"], h["results"])


def test_every_detail_of_every_imported_row_is_kept(batch, raw):
    details: dict[str, list] = {}
    for d in batch.details:
        details.setdefault(d.result_ref, []).append(d)
    checked = Counter()
    for p in batch.performances:
        r = _row(raw, p.ref)
        got = details.get(p.ref, [])
        by_kind = {k: [d for d in got if d.kind == k] for k in ("reaction", "attempt", "height", "leg")}
        assert [d.mark for d in by_kind["reaction"]] == ([r["reactionTime"]] if r.get("reactionTime") else [])
        assert [(d.seq, d.mark) for d in by_kind["attempt"]] == \
            [(a["round"], a["performance"]) for a in r.get("attempts") or []]
        assert [(d.mark, d.outcome) for d in by_kind["height"]] == [_height(h) for h in r.get("heights") or []]
        assert [(d.seq, d.athlete.source_athlete_id if d.athlete else None) for d in by_kind["leg"]] == \
            [(leg["legNumber"], str(leg["tpAthleteId"])) for leg in r.get("runners") or []]
        checked.update(k for k, v in by_kind.items() if v)
    # every kind is present in the file's open events
    assert all(checked[k] > 50 for k in ("reaction", "attempt", "height", "leg")), checked


def test_a_detail_is_only_of_a_row_that_is_imported(batch):
    refs = {p.ref for p in batch.performances}
    assert {d.result_ref for d in batch.details} <= refs


def test_attempt_winds(batch, raw):
    winds = [d for d in batch.details if d.kind == "attempt" and d.wind is not None]
    assert winds
    for d in winds[:200]:
        a = next(a for a in _row(raw, d.result_ref)["attempts"] if a["round"] == d.seq)
        assert float(a["wind"]) == d.wind


def test_a_height_written_as_roundresults_is_read_and_logged(batch, raw):
    odd = [(f"{R}:{bi}/{ri}", h) for bi, b in enumerate(raw) for ri, r in enumerate(b["result"])
           for h in r.get("heights") or [] if "roundresults" in h]
    assert odd
    kept = {d.result_ref: d for d in batch.details if d.kind == "height"}
    logged = {r.ref.rsplit("/", 1)[0] for r in batch.rejected if "roundresults" in r.reason}
    imported = {p.ref for p in batch.performances}
    for ref, h in odd:
        if ref in imported:
            assert ref in logged and (kept[ref].mark, kept[ref].outcome) == _height(h)
