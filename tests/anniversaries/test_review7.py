"""Issue 18, the fifth blind review (notes/annrev7): the mechanisms behind its wrong posts. Expected values from
the raw reference files (tests/ask/raw.py):

- a mark "beat the world record of the day" only if it beats every record and every better mark up to the
  end of that day, the same day included (Melinte's 69.76 of 22 June 1997 was thrown where Kuzenkova set two
  records), and only if no record list has it, as its own row of that meeting (Viren's 27:38.35 of 1972 is
  the lists' 27:38.4) or as another list's row (Stecher's 11.07 of 1972 is Hindustan Times');
- every count of titles or records in a post is hedged, one wording for all (the toplists' cut-off misses
  slow finals, the progressions miss records);
- a mark that beat the record of its day though no list has it is counted with the records, and said to be
  on no list (Olizarenko: 2 world records, 1 on the lists).
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import re
import unicodedata

import pytest

from bot.anniversaries.story import render
from bot.ask.day_stories import BIRTHDAY, Preferences
from bot.common import events as ev
from tests.ask import raw
from tests.conftest import needs_shared

pytestmark = needs_shared()

YEAR = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(366)]


@pytest.fixture(scope="module")
def claims(selector):
    """Every birthday of the year with its marks that "beat the world record of the day"."""
    selector._until = 2024
    out, seen = [], set()
    for day in YEAR:
        for s in selector._birthdays(day):
            if s.key not in seen:
                seen.add(s.key)
                out += [(s, code, m, rec) for code, m, rec in s.unlisted_records]
    return out


def camminady_hammer() -> list[dict]:
    """The women's senior hammer toplist (fallback_raw, the camminady file: its own columns)."""
    path = raw.TOPLISTS / "fallback_raw" / "female" / "hammer-throw_senior_2023-07_camminady.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [{"competitor": r["Competitor"], "mark": r["Mark"], "value": float(r["Mark"]),
                 "iso": raw.iso(r["Date"]), "venue": r["Venue"], "indoor": r["Venue"].rstrip().endswith("(i)"),
                 "wind": ""} for r in csv.DictReader(f)]


# the raw toplist of each event a claim of the year is in (the events the data gives claims in)
TOPLIST_FILES = {
    "10000mW": "10000-metres-race-walk", "MAR": "marathon", "JT": "javelin-throw", "LJ": "long-jump",
    "5000m": "5000-metres", "SP": "shot-put", "50kmW": "50-kilometres-race-walk", "HM": "half-marathon",
    "DT": "discus-throw", "800m": "800-metres", "400m": "400-metres", "1500m": "1500-metres",
    "10000m": "10000-metres", "mile": "one-mile", "3000m": "3000-metres", "400mH": "400-metres-hurdles",
    "3000mSC": "3000-metres-steeplechase", "HJ": "high-jump", "HEP": "heptathlon",
}
HT_EVENTS = {"800m": "800 m", "1500m": "1500 m", "5000m": "5000 m", "10000m": "10000 m", "MAR": "Marathon",
             "JT": "Javelin throw", "LJ": "Long jump", "SP": "Shot put", "DT": "Discus throw", "HT": "Hammer throw",
             "400m": "400 m", "50kmW": "50 km walk", "100m": "100 m", "HJ": "High jump", "PV": "Pole vault"}
DUNGATES_EVENTS = {"800m": "800 Meters", "1500m": "1500 Meters", "mile": "One Mile", "3000m": "3000 Meters",
                   "5000m": "5000 Meters", "10000m": "10000 Meters", "HM": "Half Marathon", "MAR": "Marathon",
                   "400m": "400 Meters"}
TSOLEARY_EVENTS = {"MAR": "marathon", "5000m": "5000", "10000m": "10000", "800m": "800", "1500m": "1500",
                   "400m": "400", "100m": "100"}


def toplist_rows(code: str, sex: str) -> list[dict]:
    if (code, sex) == ("HT", "W"):
        return camminady_hammer()
    return raw.toplist(f"{'female' if sex == 'W' else 'male'}/{TOPLIST_FILES[code]}.csv.gz")


def _ht_value(r: dict) -> float | None:
    """A Hindustan Times row's mark as written ('null' is an unused part: 11.07 has no minutes)."""
    def n(k: str) -> int:
        return 0 if r[k] in ("null", "") else int(r[k])
    if r["type"] == "speed":
        return n("hours") * 3600 + n("min") * 60 + n("sec") + n("shundreds") / 100
    return n("meters") + n("centimeters") / 100 if r["meters"] not in ("null", "") else None


def progression_rows(code: str, sex: str) -> list[tuple[str, float, str]]:
    """(iso date, value, athlete) of the raw record progressions: Hindustan Times as written (not the old
    javelin), tsoleary, dungates."""
    out = []
    for r in raw.hindustantimes():
        if r["event"] != HT_EVENTS.get(code) or r["gender"] != ("Women" if sex == "W" else "Men") or not r["iso"]:
            continue
        if code == "JT" and (r["notes"] == "Old javelin" or r["iso"] < ("1986" if sex == "M" else "1999")):
            continue
        value = _ht_value(r)
        if value is not None:
            out.append((r["iso"], value, r["name"]))
    if code in TSOLEARY_EVENTS:
        out += [(r["Date"][:10], float(r["time_s"]), r["Athlete"]) for r in raw.tsoleary()
                if (r["event"], r["sex"]) == (TSOLEARY_EVENTS[code], sex.lower())]
    if sex == "M" and code in DUNGATES_EVENTS:
        out += [(r["Date"][:10], float(r["Time"]), r["Athlete"]) for r in raw.dungates()
                if r["Distance"] == DUNGATES_EVENTS[code]]
    return out


def folded(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def test_melintes_mark_beaten_in_its_own_competition_beat_no_record(selector):
    """27 March: Melinte's 69.76 of 22 June 1997 was second in Munich to Kuzenkova's 73.10, and Kuzenkova
    threw 71.22 there too; Hindustan Times has both as world records that day."""
    day = [r for r in camminady_hammer() if r["iso"] == "1997-06-22"]
    mine, = [r for r in day if r["competitor"] == "Mihaela MELINTE"]
    better = sorted(r["value"] for r in day if r["value"] > mine["value"])
    records = sorted(v for d, v, _ in progression_rows("HT", "W") if d == "1997-06-22")
    assert len(better) == 2 and records == better
    s = next(s for s in selector.select(dt.date(2024, 3, 27), Preferences(max_stories=5))
             if s.category == BIRTHDAY and s.athlete == "Mihaela Melinte")
    assert s.unlisted_records == ()
    assert mine["mark"] not in render(s).text


def test_every_claim_of_the_year_beat_every_mark_and_record_up_to_its_day(claims):
    """Every "beat the world record of the day" of the year's birthdays: no toplist mark of the event (same
    indoors or out, legal wind) on or before the day, the day included, is better, and no raw progression
    record on or before it is better. Road events make no claim (Kristiansen's 2:24:26 of 1984 was one:
    tsoleary's Benoit 2:22:43 of Boston 1983 is better, and the build drops it, the toplists not having it)."""
    assert len(claims) >= 10
    wrong = []
    for s, code, m, _ in claims:
        sign = -1 if code in ("JT", "LJ", "SP", "DT", "HT", "HJ", "PV", "HEP") else 1
        rows = toplist_rows(code, s.sex)
        me = [r for r in rows if r["iso"] == m.date[:10] and abs(r["value"] - m.value) < 1e-6]
        assert me, (s.athlete, m.mark, m.date)
        indoor = me[0]["indoor"]

        def legal(r: dict) -> bool:
            try:
                return float(r.get("wind") or 0) <= 2.0
            except ValueError:
                return True
        better = [r["mark"] for r in rows if r["iso"] <= m.date[:10] and r["indoor"] == indoor and legal(r)
                  and sign * r["value"] < sign * m.value - 1e-9]
        records = [] if indoor else [v for d, v, _ in progression_rows(code, s.sex)
                                     if d <= m.date[:10] and sign * v < sign * m.value - 1e-9]
        if (better or records) and (s.athlete, code, m.date[:10]) not in DROPPED:
            wrong.append((s.athlete, code, m.mark, m.date, better[:3], records[:3]))
    assert not wrong


# raw record-list rows the data build drops, so that a claim could rest on their absence: none since road
# events make no claim and the Hindustan Times shot puts written with one digit of centimetres ('21,2' is
# 21.20) are read right
DROPPED: set[tuple[str, str, str]] = set()


def test_no_claim_of_the_year_is_a_mark_a_record_list_has(claims):
    """A raw record list's row of the athlete at that meeting (within three days, the surname) is the mark as
    that list writes it: Viren's 27:38.35 of 3 September 1972 is Hindustan Times' 27:38.4, Stecher's 11.07
    of 2 September 1972 its 11.07 (under her maiden name)."""
    listed = []
    for s, code, m, _ in claims:
        if (s.athlete, code, m.date[:10]) in DROPPED:
            continue
        surname = folded(s.athlete.split()[-1].split("-")[-1])
        day = dt.date.fromisoformat(m.date[:10])
        listed += [(s.athlete, m.mark, d) for d, _, name in progression_rows(code, s.sex)
                   if surname in folded(name) and abs((dt.date.fromisoformat(d) - day).days) <= 3]
    assert not listed


def test_a_road_mark_claims_no_record_of_its_day(selector):
    """Kristiansen's marathon of 13 May 1984 (2:24:26) beat every record the build keeps, but tsoleary has
    Benoit's Boston 2:22:43 of 1983, a course the toplists leave out: no road mark makes that claim."""
    mark = next(r for r in toplist_rows("MAR", "W") if r["iso"] == "1984-05-13" and "KRISTIANSEN" in r["competitor"])
    assert [a for d, v, a in progression_rows("MAR", "W") if d < mark["iso"] and v < mark["value"]]
    road = {code for code, e in ev.EVENTS.items() if e.held == "road"}
    aids = [a for (a,) in selector.conn.execute("SELECT id FROM athletes WHERE name = 'Ingrid Kristiansen'")]
    assert aids
    assert [m.date for aid in aids for c, m, _ in selector._unlisted_records(aid) if c in road] == []


@pytest.mark.parametrize("athlete, iso", [("Lasse Virén", "1949-07-22"), ("Renate Meissner-Stecher", "1950-05-12")])
def test_a_record_list_row_of_the_same_meeting_is_no_unlisted_record(selector, athlete, iso):
    rows = {"Lasse Virén": ("10000m", "M", "1972-09-03", "VIREN"),
            "Renate Meissner-Stecher": ("100m", "W", "1972-09-02", "Stecher")}[athlete]
    code, sex, day, name = rows
    assert [d for d, _, n in progression_rows(code, sex) if d == day and folded(name) in folded(n)]
    aid, = [a for (a,) in selector.conn.execute("SELECT id FROM athletes WHERE name = ?", (athlete,))]
    assert [m.date for c, m, _ in selector._unlisted_records(aid) if c == code and m.date[:10] == day] == []


# -- counts are hedged, one wording ---------------------------------------------------------------------

COUNT = re.compile(r"\b(\d+) (?:more )?(?:Olympic and world |Olympic |world |world indoor )?"
                   r"(title|record|medal)s?\b")
HEDGES = ("in my data", "as the record lists I hold count them", "on the record lists I hold")


def test_no_post_of_the_year_states_a_count_of_titles_or_records_unhedged(selector):
    """Every post of the year (the three best stories of each day): a count of titles, medals or records is
    followed, in its sentence, by the hedge ("in my data", "as the record lists I hold count them")."""
    unhedged, counted = [], 0
    for day in YEAR:
        for s in selector.select(day, Preferences(max_stories=3)):
            for line in render(s).lines:
                for sentence in re.split(r"(?<=\.) ", line):
                    found = list(COUNT.finditer(sentence))
                    if not found:
                        continue
                    counted += 1
                    if not any(h in sentence[found[-1].end():] for h in HEDGES):
                        unhedged.append((str(day), sentence))
    assert counted >= 50
    assert not unhedged


def test_gebrselassies_win_hedges_his_title_and_record_counts(selector):
    """20 November: his Nijmegen 15 km of 2005 (toplists) names the counts as the data's."""
    row, = [r for r in raw.named(raw.toplist("male/15-kilometres.csv.gz"), "Haile", "GEBRSELASSIE")
            if r["iso"] == "2005-11-20"]
    s = selector.select(dt.date(2024, 11, 20), Preferences())[0]
    text = render(s).text
    assert s.athlete == "Haile Gebrselassie" and row["mark"] in text
    assert re.search(r"\(\d+ Olympic and world titles in my data\)", text)
    assert re.search(r"set \d+ world records \(as the record lists I hold count them\), the last", text)


def test_olizarenkos_unlisted_record_is_counted_with_the_lists(selector):
    """28 November: the record lists have one record of hers (Hindustan Times: 1:53.43 of 1980); her 1:54.85
    of 12 June 1980 (the toplists) beat Kazankina's 1:54.94 and is counted with it, said to be on no list."""
    ht = [r for r in raw.hindustantimes() if (r["event"], r["gender"]) == ("800 m", "Women")
          and "Olizarenko" in r["name"]]
    rows = raw.toplist("female/800-metres.csv.gz")
    mine, = [r for r in raw.named(rows, "Nadezhda", "Olizarenko") if r["iso"] == "1980-06-12"]
    best = min((r for r in rows if r["iso"] <= "1980-06-12" and r is not mine), key=lambda r: r["value"])
    s = next(s for s in selector.select(dt.date(2024, 11, 28), Preferences(max_stories=5))
             if s.category == BIRTHDAY and s.athlete == "Nadezhda Olizarenko")
    text = render(s).text
    n = len(ht)
    assert f"{n + 1} world records: {n} on the record lists I hold, and her {mine['mark']} of 12 June 1980, " \
           f"which beat the record of the day, Tatyana Kazankina's {best['mark']}, but is on no record list " \
           f"I hold." in text
    assert "1 world record" not in text
