"""Issue 18, the third blind review (notes/annrev4): a plain meeting win no longer leads over a bigger story of
the day, and a win that was a world indoor best says so. Expected values from the raw WA toplists and record
progressions (tests/ask/raw.py), never from our database:

- a win better than every earlier indoor mark of its event in the toplists was a world indoor best then: it is
  a story wherever it was run, it leads over a plain win the same day, and the post names the best before it
  (Dibaba's 5000 m in Boston, 2005; Gebrselassie's in Birmingham, 1999; Isinbayeva in Donetsk, 2008);
  one that an earlier indoor mark beats is not (Sotomayor's 2.40 in 1994);
- a record set to win an Olympic title that broke a record of more than a decade leads over an old record
  (Ayana's 10,000 m in Rio over Reiff's 3000 m of 1949); a record set in a semi-final gets no title's points;
- a day with only plain wins still has its post (a champion's birthday, if any, leads).
"""
from __future__ import annotations

import pytest

from bot.anniversaries.story import render
from bot.ask.day_stories import BIRTHDAY, RACE_WIN, WORLD_RECORD, Preferences, Selector, Story
from tests.anniversaries.stories import every_story, later_day
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def story_of(selector: Selector, iso: str, code: str, sex: str, family: str) -> Story:
    # the day's every story: the fallback's minor wins too
    every = every_story(selector, iso) + selector.select(later_day(iso), Preferences(max_stories=100))
    found = list({s.key: s for s in every
                  if (s.event, s.sex, s.date) == (code, sex, iso) and s.athlete.upper().endswith(family)}.values())
    assert len(found) == 1, [(s.athlete, s.event, s.date) for s in found]
    return found[0]


def indoor_before(path: str, iso: str, lower_is_better: bool = True) -> tuple[dict, list[dict]]:
    """(the best indoor mark of a toplist before a day, every indoor mark of that day)."""
    rows = [r for r in raw.toplist(path) if r["indoor"]]
    sign = 1 if lower_is_better else -1
    return min((r for r in rows if r["iso"] < iso), key=lambda r: sign * r["value"]), \
        [r for r in rows if r["iso"] == iso]


# -- world indoor bests ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path, iso, code, sex, family, lower", [
    ("female/5000-metres.csv.gz", "2005-01-29", "5000m", "W", "DIBABA", True),      # the review's 29 January
    ("male/5000-metres.csv.gz", "1999-02-14", "5000m", "M", "GEBRSELASSIE", True),  # the review's 14 February
    ("fallback_raw/female/jumps_pole-vault_senior.csv.gz", "2008-02-16", "PV", "W", "ISINBAYEVA", False),
])
def test_a_win_past_every_earlier_indoor_mark_is_a_world_indoor_best(selector, path, iso, code, sex, family, lower):
    best, that_day = indoor_before(path, iso, lower)
    mine = [r for r in that_day if family in r["competitor"].upper()]
    sign = 1 if lower else -1
    assert mine and min(sign * r["value"] for r in mine) < sign * best["value"]
    s = story_of(selector, iso, code, sex, family)
    assert s.indoor_best is not None
    assert (s.indoor_best.mark, s.indoor_best.date) == (best["mark"].rstrip("0").rstrip(".") if not lower
                                                        and "." in best["mark"] else best["mark"], best["iso"])
    text = render(s).text
    assert "world indoor best" in text and s.indoor_best.mark in text


def test_a_win_an_earlier_indoor_mark_beats_is_no_world_indoor_best(selector):
    best, that_day = indoor_before("male/high-jump.csv.gz", "1994-02-04", lower_is_better=False)
    mine, = [r for r in that_day if "SOTOMAYOR" in r["competitor"]]
    assert best["value"] > mine["value"]
    s = story_of(selector, "1994-02-04", "HJ", "M", "SOTOMAYOR")
    assert s.indoor_best is None and "world indoor best" not in render(s).text


def test_a_world_indoor_best_leads_over_a_plain_win_at_the_same_meeting(selector):
    best, that_day = indoor_before("female/5000-metres.csv.gz", "2005-01-29")
    venue = {r["venue"] for r in that_day if "DIBABA" in r["competitor"].upper()}
    plain = [r for r in raw.toplist("female/3000-metres.csv.gz") if r["iso"] == "2005-01-29" and r["venue"] in venue]
    assert plain, "a 3000 m at the same meeting"
    lead = selector.select(later_day("2005-01-29"), Preferences())[0]
    assert (lead.event, lead.date, lead.indoor_best is not None) == ("5000m", "2005-01-29", True)


# -- records that made a title and broke a long-standing record ------------------------------------------

def test_an_olympic_final_world_record_that_broke_a_record_of_decades_leads_the_day(selector):
    ts = [r for r in raw.tsoleary() if r["event"] == "10000" and r["sex"] == "w"]
    mine, = [r for r in ts if r["Date"] == "2016-08-12"]
    prev = max((r for r in ts if r["Date"] < mine["Date"]), key=lambda r: r["Date"])
    assert raw.years_between(prev["Date"], mine["Date"]) >= 10
    old = [r for r in raw.dungates() if r["Date"][5:] == "08-12" and r["Date"] < "1960"]
    assert old, "an old record of the same day"
    lead = selector.select(later_day("2016-08-12"), Preferences())[0]
    assert (lead.category, lead.event, lead.sex, lead.date) == (WORLD_RECORD, "10000m", "W", "2016-08-12")
    assert lead.won_title and lead.previous is not None and lead.previous.date == prev["Date"]


def test_a_record_set_in_a_semi_final_won_no_title(selector):
    row, = [r for r in raw.toplist("female/100-metres-hurdles.csv.gz")
            if r["iso"] == "2022-07-24" and "AMUSAN" in r["competitor"]]
    assert "sf" in row["position"]
    pv, = [r for r in raw.toplist("male/pole-vault.csv.gz") if r["iso"] == "2022-07-24" and "DUPLANTIS" in r["competitor"]]
    assert pv["position"] == "1"
    hurdles = story_of(selector, "2022-07-24", "100mH", "W", "AMUSAN")
    vault = story_of(selector, "2022-07-24", "PV", "M", "DUPLANTIS")
    assert hurdles.category == vault.category == WORLD_RECORD
    assert not hurdles.won_title and vault.won_title


# -- a day of plain wins still has its post -------------------------------------------------------------

def test_a_plain_meeting_win_is_posted_when_it_is_all_there_is(selector):
    """A day of plain wins and birthdays still has its post; the plain win ranks below a champion's birthday
    (the fourth review, tests/anniversaries/test_review6.py)."""
    stories = selector.select(later_day("2020-01-04"), Preferences(max_stories=5))
    assert stories and all(s.category != WORLD_RECORD for s in stories)
    wins = [s for s in stories if s.category == RACE_WIN and s.indoor_best is None]
    assert wins and stories[0].category == BIRTHDAY
    assert render(stories[0]).text and render(wins[0]).text
