"""Issue 18, item 12: every claim of a post is true. bench/anniversary_claims.py checks the leading story of each
day against the raw WA toplists (read the plain way, not through our database); here it runs over a sample of
days, so CI catches a wrong claim, and it is shown to catch the wrong predecessors of the third blind review
(notes/annrev4) when they are put back."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from bench import anniversary_claims as claims
from bot.anniversaries.story import render
from bot.ask.day_stories import WORLD_RECORD, Preferences, Rival, Selector, Story
from tests.anniversaries.stories import every_story
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()

# the days of the third blind review that were weak or wrong, and a seeded sample of the rest of the year
REVIEWED = ["01-04", "01-15", "01-17", "01-29", "01-30", "02-04", "02-05", "02-14", "02-16", "03-29", "03-30",
            "04-15", "04-29", "05-15", "07-19", "08-12", "09-18", "11-11", "11-13", "12-10", "12-21", "12-30",
            # the fourth review (notes/annrev6): its weak and wrong days not above
            "06-22", "11-03", "11-28"]
SAMPLE = 40


def days() -> list[dt.date]:
    year = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(366)]
    sample = random.Random(18).sample(year, SAMPLE)
    return sorted({*sample, *(dt.date.fromisoformat(f"2024-{d}") for d in REVIEWED)})


def test_the_leading_story_of_sampled_days_makes_no_wrong_claim(selector):
    check = claims.Checker()
    for day in days():
        stories = selector.select(day, Preferences())
        assert stories, f"{day}: no post"
        render(stories[0])
        check.story(day.strftime("%m-%d"), stories[0])
    assert check.wrong == [] or all("venue (differs, check)" in w for w in check.wrong), check.wrong
    assert not [k for k in check.counts if k[1] == "wrong"], check.counts
    assert check.counts[("performance", "ok")] >= SAMPLE // 2     # it did check something


def record(selector: Selector, iso: str, code: str, sex: str = "M") -> Story:
    found = [s for s in every_story(selector, iso)
             if (s.category, s.event, s.sex, s.date) == (WORLD_RECORD, code, sex, iso)]
    assert len(found) == 1
    return found[0]


def wrong_claims(s: Story) -> list[str]:
    check = claims.Checker()
    check.story(s.date[5:], s)
    return [w for w in check.wrong if "venue" not in w]


def test_the_check_catches_a_predecessor_the_toplists_do_not_hold(selector):
    """A record broken that the toplists removed from a race they hold: Johnson's annulled 9.83 of Rome 1987
    (dungates) named as the record Lewis's 9.92 of 1988 broke. (Tadese's 59:05 of 2005, whose race the toplists
    lack altogether, is a record the post names with that said: unverified, not wrong.)"""
    s = record(selector, "1988-09-24", "100m")
    assert wrong_claims(s) == []
    johnson = next(r for r in raw.dungates() if r["Distance"] == "100 Meters" and r["Athlete"] == "Ben Johnson"
                   and r["Date"] == "1987-08-30")
    wrong = replace(s, previous=Rival("previous record", johnson["Athlete"], "CAN", johnson["Time"], johnson["Date"],
                                      None, None, None))
    assert [w for w in wrong_claims(wrong) if "record broken" in w]
    hm = record(selector, "2006-01-15", "HM")
    assert wrong_claims(hm) == []


def test_the_check_catches_a_world_best_that_skips_a_better_mark(selector):
    """The review's 19 July: Komen's 2 miles said to break his own 8:03.54, with 8:01.08 run in between."""
    s = record(selector, "1997-07-19", "2miles")
    assert wrong_claims(s) == []
    own = max((r for r in raw.dungates() if r["Distance"] == "Two Mile" and r["Athlete"] == "Daniel Komen"
               and r["Date"] < s.date), key=lambda r: r["Date"])
    seconds = float(own["Time"])
    mark = f"{int(seconds // 60)}:{seconds % 60:05.2f}"
    wrong = replace(s, previous=Rival("previous record", "Daniel Komen", "KEN", mark, own["Date"], None, None, None,
                                      athlete_id=s.athlete_id))
    assert [w for w in wrong_claims(wrong) if "best broken" in w]


def test_the_check_catches_a_barrier_that_is_not_the_most_significant(selector):
    """The fourth review's 22 June: Szewinska's 49.9 billed as the first under 51 s; it was the first under 50 s.
    The check counts the round marks between the record broken (51.0, tsoleary) and the new mark."""
    prev = [r for r in raw.tsoleary() if (r["event"], r["sex"]) == ("400", "w") and r["Date"] < "1974-06-22"][-1]
    assert float(prev["time_s"]) == 51.0
    s = record(selector, "1974-06-22", "400m", "W")
    assert wrong_claims(s) == []
    assert [w for w in wrong_claims(replace(s, barrier="51 seconds")) if "barrier" in w]


def test_the_check_catches_an_equal_the_toplists_do_not_have(selector):
    """The fourth review's 18 September: Bruch's 68.40 of 5 July 1972 (toplist) equalled Silvester's record; an
    equal dated otherwise is wrong."""
    s = record(selector, "1968-09-18", "DT")
    assert s.equalled_by is not None and wrong_claims(s) == []
    moved = replace(s.equalled_by, date="1972-07-06")
    assert [w for w in wrong_claims(replace(s, equalled_by=moved)) if "equalled" in w]


def test_the_check_catches_a_birthday_mark_that_did_not_beat_the_record(selector):
    """The fourth review's 28 November: Olizarenko's 1:54.85 beat Kazankina's 1:54.94 (toplist); her 1:57.15
    of 1986 beat nothing."""
    [s] = [x for x in selector.select(dt.date(2024, 11, 28), Preferences(max_stories=5))
           if x.athlete == "Nadezhda Olizarenko"]
    check = claims.Checker()
    check.story("11-28", s)
    assert check.counts[("beat the record of the day", "ok")] == 1 and not check.wrong
    row = [r for r in raw.named(raw.toplist("female/800-metres.csv.gz"), "Nadezhda", "Olizarenko")
           if r["iso"][:4] == "1986"][0]
    code, m, rec = s.unlisted_records[0]
    slower = replace(m, date=row["iso"], mark=row["mark"], value=row["value"])
    check = claims.Checker()
    check.story("11-28", replace(s, unlisted_records=((code, slower, rec),)))
    assert check.counts[("beat the record of the day", "wrong")] == 1
