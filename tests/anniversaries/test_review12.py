"""Issue 18, the twelfth blind review (notes/annrev12): its one wrong post said Roe's 2:25:28 of 1981 "was not
bettered for more than 2 years" and that "the next record on the lists" was Kristiansen's 2:21:06, while the
progression it cites has Benoit's 2:22:43 of 1983 next (the build leaves that row out: the WA toplists do not
have it). A post now says how long a record stood on the lists kept and names such a mark after it; where the
toplists hold a better legal mark before the kept lists' successor (Kristiansen's 2:24:26 of 1984, which the claims
checker found in review 13's time), it says how long until that mark instead. And a record
broken that was an equal of an earlier one names who set the mark first (Chebet's own 14:13, which Ngetich
equalled). Expected values from the raw files (tests/ask/raw.py)."""
from __future__ import annotations

import csv
import datetime as dt

import pytest

from bot.anniversaries.story import render
from bot.ask.day_stories import WORLD_RECORD, Preferences
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def _lines(selector, iso: str, athlete: str, event_words: str) -> list[str]:
    day = dt.date.fromisoformat(iso)
    [s] = [s for s in selector.candidates(dt.date(2026, day.month, day.day), Preferences())
           if s.category == WORLD_RECORD and s.athlete == athlete and s.event_words == event_words
           and s.date == iso]
    return list(render(s).lines)


def _fmt(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def _wind_legal(row: dict) -> bool:
    wind = row["wind"].strip()
    return not wind or float(wind.replace(",", ".")) <= 2.0


@pytest.mark.parametrize("event, sex, holder, skipped, mark, successor, event_words, toplist", [
    # (Benoit's 2:22:43 of 1983 was the review's case; the toplists lack its race altogether, so it is now the
    # record that followed Roe's, its absence from the toplists said: test_review18.py)
    # not in the review: an annulled mark after a record (Montgomery's 9.78 after Greene's 9.79)
    ("100", "m", "Maurice Greene", "Tim Montgomery", "9.78", "Asafa Powell", "men's 100 m",
     "fallback_raw/male/sprints_100-metres_senior.csv.gz"),
])
def test_a_left_out_progression_record_after_a_record_is_said(selector, event, sex, holder, skipped, mark,
                                                             successor, event_words, toplist):
    rows = sorted((r for r in raw.tsoleary() if r["event"] == event and r["sex"] == sex), key=lambda r: r["Date"])
    names = [r["Athlete"] for r in rows]
    i = names.index(holder)
    # in the progression: the holder, then the left-out mark, then the successor the kept lists name
    assert names[i + 1] == skipped and successor in names[i + 2:]
    nxt = rows[i + 1]
    succ = next(r for r in rows[i + 2:] if r["Athlete"] == successor)
    lines = _lines(selector, rows[i]["Date"], holder, event_words)
    text = " ".join(lines)
    assert f"The progressions list {skipped}'s {mark} of {_fmt(nxt['Date'])} as the next record" in text, lines
    assert f"{successor} (" in text
    # the claims checker of a later review (bench/anniversary_claims.py): the toplists' first legal mark past the
    # record before the kept lists' successor, if any, is said, and how long until it (Kristiansen's 2:24:26 of
    # 1984, before her 2:21:06 record of 1985); the left-out row says nothing of the toplists' marks
    top = raw.toplist(toplist)
    held = raw.seconds(rows[i]["Time"].lstrip("0:"))
    better = sorted((r for r in top if rows[i]["Date"] < r["iso"] < succ["Date"] and not r["indoor"]
                     and r["value"] < held - 1e-9 and _wind_legal(r)), key=lambda r: r["iso"])
    if better:
        assert "no mark in the WA toplists bettered it for" in lines[0], lines
        assert f"has done better since: {better[0]['mark']} on {_fmt(better[0]['iso'])}" in text, lines
        [nxt_line] = [x for x in lines if x.startswith("The next record on the lists was")]
        assert f"{successor} (" in nxt_line and nxt_line.endswith(f"on {_fmt(succ['Date'])}."), lines
    else:
        assert "stood as the record on the lists I keep" in lines[0], lines
        assert "has done better since" not in text, lines
    assert [bool(better) for _ in (0,)] == [event == "marathon"]


def test_a_record_broken_that_equalled_an_earlier_one_names_its_first_setter(selector):
    with open(raw.SHARED / "wa-records-2024" / "women_world_records.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["DISCIPLINE"].strip() == "5 Kilometres Road"]
    assert [r["COMPETITOR"] for r in rows] == ["Beatrice CHEBET", "Agnes Jebet NGETICH"]
    first, equal = (raw.iso(r["DATE"].strip()) for r in rows)
    assert rows[0]["PERF"] == rows[1]["PERF"] and first < equal
    lines = _lines(selector, "2024-12-31", "Beatrice Chebet", "women's 5 km road")
    assert (f"It broke her own {rows[0]['PERF']} ({_fmt(first)}), which Agnes Jebet Ngetich (KEN) had equalled on "
            f"{_fmt(equal)}, by 19 s.") in lines, lines
