"""Issue 18 (items 10-13), the wrong posts of the blind review, each kind fixed where it came from. Every expected
value is read from the raw reference files (tests/ask/raw.py), never from our database:

- a runner-up is named with the nation of that race's source row, not the athlete's latest (Drechsler jumped
  for GDR in 1988, GER later);
- a progression keeps a record whose date one source has a few days off the toplists' (Stepanova's 52.94:
  19 September 1986 in the Hindustan Times file, 17 September in WA's), so the next record names the right
  predecessor;
- "the first under" a barrier is claimed only when no source has a mark of that event past it from before (the
  road 10 km toplist has sub-30:00 marks years before the record pages' first row), and says which event.
"""
from __future__ import annotations

import csv
import datetime as dt

import pytest

from bot.anniversaries.story import render
from bot.ask.day_stories import WORLD_RECORD, Preferences, Selector, Story
from bot.common.days import duration
from tests.anniversaries.stories import every_story
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()


def story_of(selector: Selector, iso: str, code: str, sex: str, family: str) -> Story:
    """The day's story of one athlete's performance on `iso` (looked up in a later year, as a post would be)."""
    found = [s for s in every_story(selector, iso)
             if (s.event, s.sex, s.date) == (code, sex, iso) and s.athlete.upper().endswith(family)]
    assert len(found) == 1, [(s.athlete, s.event, s.date) for s in found]
    return found[0]


def race_rows(path: str, iso: str, venue: str) -> dict[str, dict]:
    """One race of a toplist, by place ('1', '2'...)."""
    return {r["position"]: r for r in raw.toplist(path) if r["iso"] == iso and venue in r["venue"]}


# -- the runner-up's nation is the race's ------------------------------------------------------------------

@pytest.mark.parametrize("path, code, sex, iso, venue", [
    ("female/long-jump.csv.gz", "LJ", "W", "1988-09-29", "Seoul"),       # Drechsler: GDR then, GER later
    ("female/marathon.csv.gz", "MAR", "W", "2000-10-22", "Chicago"),      # Kiplagat: KEN then, NED later
])
def test_the_runner_up_is_named_with_the_nation_she_ran_for_in_that_race(selector, path, code, sex, iso, venue):
    race = race_rows(path, iso, venue)
    winner, second = race["1"], race["2"]
    later = {r["nationality"] for r in raw.toplist(path) if r["competitor"] == second["competitor"]}
    assert len(later) == 2 and second["nationality"] in later      # she changed nation: the case at issue
    s = story_of(selector, iso, code, sex, winner["competitor"].split()[-1])
    assert s.runner_up is not None and s.runner_up.athlete.upper().endswith(second["competitor"].split()[-1])
    assert s.runner_up.nationality == second["nationality"]
    assert any(line.startswith(f"{s.runner_up.athlete} ({second['nationality']}) was second")
               for line in render(s).lines)


# -- a progression keeps a record one source dates a few days off ----------------------------------------

def _hurdles_progression() -> list[dict]:
    rows = [r for r in raw.hindustantimes()
            if (r["event"], r["gender"], r["iaaf"]) == ("400 m hurdles", "Women", "post")]
    assert rows
    return rows


def test_a_record_dated_days_off_the_toplists_stays_in_the_progression_on_the_toplists_date(selector):
    listed = next(r for r in _hurdles_progression() if r["name"] == "Marina Stepanova" and r["value"] == 52.94)
    [top] = [r for r in raw.toplist("female/400-metres-hurdles.csv.gz")
             if r["competitor"] == "Marina STEPANOVA" and r["mark"] == "52.94"]
    assert listed["iso"] != top["iso"]                                  # the progression's date is off
    assert abs((dt.date.fromisoformat(listed["iso"]) - dt.date.fromisoformat(top["iso"])).days) <= 7
    s = story_of(selector, top["iso"], "400mH", "W", "STEPANOVA")
    assert s.category == WORLD_RECORD and s.mark == "52.94"
    # every ratified record of the file is a step of the merged progression
    marks = {round(p.value, 2) for p in s.progression}
    assert {round(r["value"], 2) for r in _hurdles_progression()} <= marks


def test_the_next_record_names_the_predecessor_it_broke(selector):
    rows = sorted(_hurdles_progression(), key=lambda r: r["iso"])
    i = next(i for i, r in enumerate(rows) if r["name"] == "Sally Gunnell")
    gunnell, before = rows[i], rows[i - 1]
    [top] = [r for r in raw.toplist("female/400-metres-hurdles.csv.gz")
             if r["competitor"] == before["name"].split()[0] + " " + before["name"].split()[-1].upper()
             and abs(r["value"] - before["value"]) < 1e-6]
    s = story_of(selector, gunnell["iso"], "400mH", "W", "GUNNELL")
    assert s.previous is not None
    assert (s.previous.athlete, s.previous.mark, s.previous.date) == (before["name"], f"{before['value']:.2f}",
                                                                      top["iso"])
    assert f"It broke {before['name']}'s {before['value']:.2f}" in render(s).text


def test_a_record_a_progression_dates_days_off_is_posted_on_the_day_it_was_set(selector):
    """Aouita's 12:58.39: dungates dates it 27 July 1987, the toplists 22 July (and his 13:00.40 the other
    way round): the post is on the toplists' day, with the race."""
    [listed] = [r for r in raw.dungates() if r["Athlete"].endswith("Aouita") and r["Time"] == "778.39"]
    [top] = [r for r in raw.toplist("male/5000-metres.csv.gz")
             if r["competitor"].endswith("AOUITA") and r["mark"] == "12:58.39"]
    assert listed["Date"] != top["iso"]
    s = story_of(selector, top["iso"], "5000m", "M", "AOUITA")
    assert s.mark == "12:58.39" and s.runner_up is not None
    assert not [x for x in every_story(selector, listed["Date"])
                if x.event == "5000m" and x.mark == "12:58.39"]


# -- "the first under": true against every source, and the event named -------------------------------------

def test_no_first_under_a_barrier_the_toplists_passed_before(selector):
    rows = raw.toplist("female/10-kilometres.csv.gz")
    [gez] = [r for r in rows if r["competitor"].endswith("GEZAHEGNE") and r["mark"] == "29:38"]
    earlier = [r for r in rows if r["iso"] < gez["iso"] and r["value"] < 30 * 60]
    assert earlier                                      # sub-30:00 road 10 km marks from before it
    s = story_of(selector, gez["iso"], "road10k", "W", "GEZAHEGNE")
    assert s.category == WORLD_RECORD and s.barrier is None
    assert not [line for line in render(s).lines if line.startswith("The first")]
    assert not [r for r in s.reasons if r.startswith("first ")]


def test_first_under_a_barrier_holds_against_the_toplists_and_names_the_event(selector):
    rows = raw.toplist("female/400-metres-hurdles.csv.gz")
    [step] = [r for r in rows if r["competitor"] == "Marina STEPANOVA" and r["mark"] == "52.94"]
    assert not [r for r in rows if r["iso"] < step["iso"] and r["value"] < 53]
    s = story_of(selector, step["iso"], "400mH", "W", "STEPANOVA")
    assert s.barrier == "53 seconds"
    assert "The first women's 400 m hurdles world record under 53 seconds." in render(s).lines
    # and the record after it, under 53 s too, is not the first
    later = [r for r in _hurdles_progression() if r["name"] == "Sally Gunnell"]
    assert later and later[0]["value"] < 53
    assert story_of(selector, later[0]["iso"], "400mH", "W", "GUNNELL").barrier is None


def test_a_track_first_names_the_track_event(selector):
    """Wang Junxia's 29:31.78, the first 10,000 m record under 30:00 on the track: no earlier legal track mark
    under 30:00, whatever the road lists hold; the line says which event."""
    rows = raw.toplist("female/10000-metres.csv.gz")
    [wang] = [r for r in rows if r["competitor"] == "Junxia WANG" and r["mark"] == "29:31.78"]
    assert not [r for r in rows if r["iso"] < wang["iso"] and r["value"] < 30 * 60 and not r["indoor"]]
    s = story_of(selector, wang["iso"], "10000m", "W", "WANG JUNXIA")
    assert s.barrier == "30:00"
    assert "The first women's 10,000 m world record under 30:00." in render(s).lines


# -- a won race says what made it worth remembering ------------------------------------------------------

def _legal(r: dict) -> bool:
    return not r["wind"] or float(r["wind"]) <= 2.0


@pytest.mark.parametrize("path, code, sex, iso, competitor", [
    ("female/triple-jump.csv.gz", "TJ", "W", "2016-01-23", "Yulimar ROJAS"),
    ("male/pole-vault.csv.gz", "PV", "M", "1991-03-23", "Sergey BUBKA"),
    ("male/pole-vault.csv.gz", "PV", "M", "2023-02-10", "Armand DUPLANTIS"),
])
def test_a_win_is_the_years_best_or_a_career_best_as_the_toplists_have_it(selector, path, code, sex, iso,
                                                                        competitor):
    rows = raw.toplist(path)
    [won] = [r for r in rows if r["competitor"] == competitor and r["iso"] == iso and r["position"] == "1"]
    year = [r for r in rows if r["iso"][:4] == iso[:4] and r["indoor"] == won["indoor"] and _legal(r)]
    before = [r for r in rows if r["competitor"] == competitor and r["iso"] < iso and _legal(r)]
    year_best = not [r for r in year if r["value"] > won["value"] + 1e-9]   # field events: higher is better
    career_best = not [r for r in before if r["value"] >= won["value"] - 1e-9]
    d = dt.date.fromisoformat(iso)
    # 2024: a day whose post is the fallback's (nothing famous that day before 2024), where these wins are
    stories = selector.select(dt.date(2024, d.month, d.day), Preferences(max_stories=100))
    [s] = [s for s in stories if (s.event, s.sex, s.date) == (code, sex, iso) and s.athlete_id
           and s.athlete.upper().endswith(competitor.split()[-1])]
    assert (s.year_best, s.career_best) == (year_best, career_best)
    text = render(s).text
    assert (f"the world's best mark of {iso[:4]} indoors" in text) == year_best
    assert ("best to then" in text) == career_best


# -- a record list's row that a better mark from before beats is no open record ---------------------------

def _wa_world_rows(sex: str, discipline: str) -> list[dict]:
    """The WA records pages' world rows of a discipline (wa-records-2024/<men|women>_world_records.csv)."""
    path = raw.SHARED / "wa-records-2024" / f"{'men' if sex == 'M' else 'women'}_world_records.csv"
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["DISCIPLINE"].strip() == discipline]
    for r in rows:
        r["iso"], r["value"] = raw.iso(r["DATE"].strip()), raw.seconds(r["PERF"].strip())
    return rows


def test_a_mark_that_beats_a_listed_record_but_not_a_better_mark_before_it_is_no_world_record(selector):
    listed = sorted(_wa_world_rows("W", "Half Marathon"), key=lambda r: r["iso"])
    first = listed[0]                                  # the pages' earliest row (a women-only record)
    rows = raw.toplist("female/half-marathon.csv.gz")
    better = min((r for r in rows if r["iso"] < first["iso"]), key=lambda r: r["value"])
    assert better["value"] < first["value"]            # a better mark from before it, on no record list
    # the marks after the listed row that beat it but not the better mark: no world record
    between = [r for r in rows if r["iso"] > first["iso"] and better["value"] < r["value"] < first["value"]]
    assert between
    for r in between:
        assert not [s for s in every_story(selector, r["iso"])
                    if s.category == WORLD_RECORD and (s.event, s.sex, s.date) == ("HM", "W", r["iso"])
                    and s.athlete.upper().endswith(r["competitor"].split()[-1])], r
    # the first mark that beats both is one, and its post names the better mark the lists lack
    nxt = min((r for r in rows if r["iso"] > first["iso"] and r["value"] < better["value"]), key=lambda r: r["iso"])
    s = story_of(selector, nxt["iso"], "HM", "W", nxt["competitor"].split()[-1])
    assert s.category == WORLD_RECORD and s.better_before is not None
    assert (s.better_before.mark, s.better_before.date) == (better["mark"], better["iso"])
    assert s.better_before.athlete.upper().endswith(better["competitor"].split()[-1])
    assert f"A better mark was on file before it, though not on the record lists: {better['mark']} by " \
        in render(s).text


def test_two_records_one_athlete_set_the_same_day_post_the_better(selector):
    """Gummel's shot put world records of 20 October 1968 (the raw progression has two that day): the day's
    story is the better one, not the first, which stood only until her own next throw (blind review, 10-20)."""
    same_day = [r for r in raw.hindustantimes() if r["iso"] == "1968-10-20" and r["event"] == "Shot put"
                and r["gender"] == "Women"]
    assert len(same_day) == 2, same_day
    better = max(float(f"{r['meters']}.{int(r['centimeters']):02d}") for r in same_day)
    story = story_of(selector, "1968-10-20", "SP", "W", "GUMMEL")
    assert abs(float(story.mark) - better) < 1e-9, (story.mark, better)


# -- a record bettered in the toplists before the successor the record lists name --------------------------

@pytest.mark.parametrize("path, code, sex, iso, fam, higher", [
    ("female/shot-put.csv.gz", "SP", "W", "1973-08-28", "CHIZHOVA", True),       # her own 21.45 a month later
    ("male/pole-vault.csv.gz", "PV", "M", "1972-04-15", "ISAKSSON", True),        # his own 5.59 in May
    ("male/discus-throw.csv.gz", "DT", "M", "1968-09-18", "SILVESTER", True),     # his own 70.38 in 1971
])
def test_a_record_bettered_before_its_listed_successor_did_not_stand_that_long(selector, path, code, sex, iso,
                                                                             fam, higher):
    rows = raw.toplist(path)
    [own] = [r for r in rows if r["iso"] == iso and r["competitor"].upper().endswith(fam)]
    sign = -1 if higher else 1
    later = [r for r in rows if not r["indoor"] and _legal(r) and r["iso"] > iso
             and sign * r["value"] < sign * own["value"] - 1e-9]
    first = min(later, key=lambda r: (r["iso"], sign * r["value"]))
    s = story_of(selector, iso, code, sex, fam)
    # the toplists drop a trailing zero ('21.2'); the post writes centimetres ('21.20')
    assert s.category == WORLD_RECORD and float(s.mark) == own["value"] and not s.current
    assert s.bettered and s.broken_by is not None
    assert (s.broken_by.mark, s.broken_by.date) == (first["mark"], first["iso"])
    assert s.broken_by.athlete.upper().endswith(first["competitor"].split()[-1])
    post = render(s)
    days = (dt.date.fromisoformat(first["iso"]) - dt.date.fromisoformat(iso)).days
    assert post.lines[0].endswith(f"and it was not bettered for {duration(days)}.") and "stood" not in post.lines[0]
    assert f"since: {first['mark']} on " in post.text


# -- a field record one progression dates days off the toplists -----------------------------------------

def test_a_field_record_dated_days_off_the_toplists_is_dated_as_they_date_it(selector):
    """Isinbayeva's 5.01 (the 2005 World Championships final): the Hindustan Times file has 9 August, the
    toplists 12 August. The record is posted on the toplists' day, and the next record (5.03, 2008) names
    that date for the mark it broke."""
    ht = [r for r in raw.hindustantimes() if (r["event"], r["gender"]) == ("Pole vault", "Women")
          and r["name"].endswith("Isinbayeva")]
    for r in ht:
        r["mark"] = f"{int(r['meters'])}.{int(r['centimeters']):02d}"
    listed = next(r for r in ht if r["mark"] == "5.01")
    nxt = min((r for r in ht if r["iso"] > listed["iso"]), key=lambda r: r["iso"])
    [top] = [r for r in raw.toplist("fallback_raw/female/jumps_pole-vault_senior.csv.gz")
             if r["competitor"] == "Yelena ISINBAYEVA" and r["mark"] == "5.01" and not r["indoor"]]
    assert listed["iso"] != top["iso"]
    assert 1 < abs((dt.date.fromisoformat(listed["iso"]) - dt.date.fromisoformat(top["iso"])).days) <= 7
    s = story_of(selector, top["iso"], "PV", "W", "ISINBAYEVA")
    assert s.category == WORLD_RECORD and s.mark == "5.01"
    assert not [x for x in every_story(selector, listed["iso"])
                if x.event == "PV" and x.mark == "5.01"]
    after = story_of(selector, nxt["iso"], "PV", "W", "ISINBAYEVA")
    assert after.previous is not None and (after.previous.mark, after.previous.date) == ("5.01", top["iso"])
    day = dt.date.fromisoformat(top["iso"])
    assert f"It broke her own 5.01 ({day.day} {day:%B %Y})" in render(after).text


def _ht_same_day_field_records() -> list[tuple[str, str, str, list[float]]]:
    """(event, gender, date, marks best first) of every day the Hindustan Times progression has two or more
    field-event world records on (marks in metres)."""
    days: dict[tuple[str, str, str], list[float]] = {}
    for r in raw.hindustantimes():
        if r["meters"] not in ("null", "", None):
            days.setdefault((r["event"], r["gender"], r["iso"]), []).append(
                float(f"{r['meters']}.{int(r['centimeters']):02d}"))
    return [(*k, sorted(set(v), reverse=True)) for k, v in days.items() if len(set(v)) > 1]


HT_CODES = {"Shot put": "SP", "Discus throw": "DT", "Hammer throw": "HT", "Javelin throw": "JT", "Pole vault": "PV",
            "Long jump": "LJ", "Triple jump": "TJ", "High jump": "HJ"}


def test_a_record_broke_the_lesser_record_set_earlier_the_same_day(selector):
    """Gummel threw 19.07, then 19.61, in the 1968 Olympic final: the 19.61 broke the 19.07 (not her 18.87 of
    September), and was not "the first over 19 m" (blind review, 10-20). Every such day of the raw progression
    whose best mark the database has as the day's story: its previous record is that day's next best."""
    checked = []
    for event, gender, iso, marks in _ht_same_day_field_records():
        code, sex = HT_CODES[event], "W" if gender == "Women" else "M"
        found = [s for s in every_story(selector, iso)
                 if s.category == WORLD_RECORD and (s.event, s.sex, s.date) == (code, sex, iso)
                 and abs((s.value or 0) - marks[0]) < 1e-6]
        if not found:
            continue     # a day the merged progression does not keep (another source's record is better)
        [s] = found
        assert s.previous is not None and s.previous.date == iso, (event, gender, iso, s.previous)
        assert abs(float(s.previous.mark) - marks[1]) < 1e-6, (event, iso, s.previous.mark, marks)
        assert s.barrier is None or float(s.barrier.split()[0]) > marks[1], (event, iso, s.barrier)
        checked.append((code, sex, iso))
    assert ("SP", "W", "1968-10-20") in checked and len(checked) >= 10, checked
    gummel = story_of(selector, "1968-10-20", "SP", "W", "GUMMEL")
    assert "first" not in render(gummel).text.lower()


# -- a successor only one progression has, where the toplists hold the athlete's marks then ------------------

def _camminady_hammer() -> list[dict]:
    """The women's hammer toplist (wa-toplists/fallback_raw, capitalised headers): competitor, value, iso."""
    import gzip
    path = raw.TOPLISTS / "fallback_raw" / "female" / "hammer-throw_senior_2023-07_camminady.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [{"competitor": r["Competitor"], "value": float(r["Mark"]), "mark": r["Mark"],
                 "iso": raw.iso(r["Date"])} for r in csv.DictReader(f) if r["Mark"]]


def fmt_day(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def test_a_successor_the_toplists_do_not_hold_is_not_stated(selector):
    """Wlodarczyk's 79.58 (31 August 2014): the Hindustan Times progression's next record, her 79.83 of 27 June
    2015, is in no toplist, which holds her throws that month; the post names her next better mark they hold
    (blind review, 08-31)."""
    ht = [r for r in raw.hindustantimes() if r["event"] == "Hammer throw" and r["gender"] == "Women"]
    rec = next(r for r in ht if r["iso"] == "2014-08-31")
    value = float(f"{rec['meters']}.{int(rec['centimeters']):02d}")
    listed = min((r for r in ht if r["iso"] > rec["iso"]), key=lambda r: r["iso"])
    listed_value = float(f"{listed['meters']}.{int(listed['centimeters']):02d}")
    mine = [r for r in _camminady_hammer() if r["competitor"].upper().endswith("ODARCZYK")]
    d = dt.date.fromisoformat(listed["iso"])
    window = [r for r in mine if abs((dt.date.fromisoformat(r["iso"]) - d).days) <= 30]
    assert window and not [r for r in window if abs(r["value"] - listed_value) <= 0.01]   # covered, not held
    nxt = min((r for r in mine if r["iso"] > rec["iso"] and r["value"] > value), key=lambda r: r["iso"])
    s = story_of(selector, "2014-08-31", "HT", "W", "WŁODARCZYK")
    assert abs(float(s.mark) - value) < 1e-9 and s.broken_by is not None
    assert (s.broken_by.mark, s.broken_by.date) == (nxt["mark"], nxt["iso"])
    text = render(s).text
    assert fmt_day(listed["iso"]) not in text and listed["meters"] + "." not in text.split("broke it")[-1]
    assert f"on {fmt_day(nxt['iso'])} with {nxt['mark']}" in text


def _kazankina_facts() -> tuple[dict, dict]:
    """Kazankina's 3:52.47 is dated 3 August 1980 by tsoleary, 13 August (Zurich) by the toplist, which holds
    her races of early August: her 3:55.0 (6 July) was bettered on the toplist's date, not the progression's."""
    ts = [r for r in raw.tsoleary() if r["event"] == "1500" and r["sex"] == "w"]
    hers = [r for r in ts if r["Athlete"].strip() == "Tatyana Kazankina"]
    rec = next(r for r in hers if r["Date"] == "1980-07-06")
    listed = min((r for r in ts if r["Date"] > rec["Date"]), key=lambda r: r["Date"])
    top = [r for r in raw.toplist("female/1500-metres.csv.gz") if r["competitor"].upper().endswith("KAZANKINA")
           and not r["indoor"]]
    near = [r for r in top if abs((dt.date.fromisoformat(r["iso"]) - dt.date.fromisoformat(listed["Date"])).days) <= 7]
    assert near and not [r for r in near if abs(r["value"] - float(listed["time_s"])) <= 0.01]
    nxt = min((r for r in top if r["iso"] > rec["Date"] and r["value"] < float(rec["time_s"])),
              key=lambda r: r["iso"])
    return rec, nxt


def test_kazankina_3_55_0_was_bettered_on_the_toplists_date(selector):
    rec, nxt = _kazankina_facts()
    s = story_of(selector, rec["Date"], "1500m", "W", "KAZANKINA")
    assert s.broken_by is not None and (s.broken_by.mark, s.broken_by.date) == (nxt["mark"], nxt["iso"])
    assert fmt_day(nxt["iso"]) in render(s).text


@pytest.mark.parametrize("iso, code, family, distance", [
    ("1968-10-16", "200m", "SMITH", "200 Meters"),     # 19.8 by hand, 19.83 electric: one race
    ("1968-10-18", "400m", "EVANS", "400 Meters"),     # 43.8 and 43.86
])
def test_one_race_timed_by_hand_and_electrically_is_not_a_record_broken_that_day(selector, iso, code, family,
                                                                                distance):
    times = [r["Time"] for r in raw.dungates() if r["Date"] == iso and r["Distance"] == distance
             and r["Athlete"].upper().endswith(family)]
    assert len(times) == 2 and {len(t.split(".")[1]) for t in times} == {1, 2}, times
    s = story_of(selector, iso, code, "M", family)
    assert s.previous is not None and s.previous.date != iso, s.previous


# -- each story once; a shared record one story; a team is no "he" ------------------------------------------

@pytest.mark.parametrize("iso", ["2024-03-27", "2024-11-20", "2024-09-06", "2024-02-14", "2024-08-13"])
def test_no_story_twice_in_a_days_list(selector, iso):
    """27 March and 20 November (blind review): the fallback found the day's race wins again."""
    stories = selector.select(dt.date.fromisoformat(iso), Preferences(max_stories=6))
    perfs = [(s.athlete_id, s.event, s.sex, s.date, s.indoor, s.value) for s in stories]
    assert len(set(perfs)) == len(perfs) and len({s.key for s in stories}) == len(stories), perfs


def test_a_record_two_athletes_set_in_one_race_is_one_story_naming_both(selector):
    """6 September 1960: dungates has the 400 m record 44.9 twice that day, by the winner and the runner-up."""
    rows = [r for r in raw.dungates() if r["Date"] == "1960-09-06" and r["Distance"] == "400 Meters"]
    assert len(rows) == 2 and len({r["Time"] for r in rows}) == 1
    stories = [s for s in selector.candidates(dt.date(2024, 9, 6)) if (s.event, s.date) == ("400m", "1960-09-06")]
    assert len(stories) == 1
    names = {stories[0].athlete, *stories[0].shared_with}
    assert {r["Athlete"].split()[-1] for r in rows} == {n.split()[-1] for n in names}
    for r in rows:
        assert r["Athlete"].split()[-1] in render(stories[0]).lines[0]


@pytest.mark.parametrize("iso", ["2024-07-24", "2024-08-11", "2024-10-01", "2024-01-28", "2024-08-22"])
def test_a_relay_record_is_never_his_own(selector, iso):
    """24 July (blind review, story 3): "It broke his own 3:00.7 ... He broke it himself" of the United States
    relay. A team's record is the team's; and a college or club team's time (Arkansas, INT in the toplists) is
    never set against a national team's record."""
    relays = [s for s in selector.candidates(dt.date.fromisoformat(iso)) if s.team]
    assert relays
    for s in relays:
        text = render(s).text
        for word in ("his own", "her own", "himself", "herself"):
            assert word not in text, text
        for p in (s.broken_by, s.better_before):
            assert p is None or p.nationality not in ("INT", "UND", None, ""), (p, text)


def test_a_record_the_toplists_date_a_day_otherwise_is_not_posted_on_the_progressions_day(selector):
    """Rossley's 400 m hurdles record 54.28: the Hindustan Times progression dates it 17 May 1980, the toplist
    18 May. A post on the 17th would say a wrong day (anniversary_claims found it once the ranking led it)."""
    [ht] = [r for r in raw.hindustantimes() if r["event"] == "400 m hurdles" and r["gender"] == "Women"
            and r["name"].endswith("Rossley") and r["iso"].startswith("1980")]
    top = [r for r in raw.toplist("female/400-metres-hurdles.csv.gz") if r["competitor"].upper().endswith("ROSSLEY")
           and abs(r["value"] - ht["value"]) < 1e-6]
    assert top and ht["iso"] not in {r["iso"] for r in top}
    d = dt.date.fromisoformat(ht["iso"])
    assert not [s for s in selector.candidates(dt.date(2024, d.month, d.day))
                if s.event == "400mH" and s.sex == "W" and s.date == ht["iso"]]
