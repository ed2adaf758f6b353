"""Records: every record list's rows resolved to athletes (a record is a result the data may hold), grouped by
list, and each list's current record marked once the promotions (promotions.py) have had their say."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import replace

from bot.common import events as ev
from bot.common import marks, names
from bot.common.rejections import not_in_toplists
from bot.pipeline.build.athletes import spellings
from bot.pipeline.build.state import BuildState
from bot.pipeline.identity import Athlete, evidence_names
from bot.pipeline.importers.model import RecordRow, Rejected

# A record row in flight: (row, athlete id, value, mark as written, source authority).
Row = tuple[RecordRow, int, float, str, int]


def _correct(st: BuildState, records: list[RecordRow], i: int, fixed: RecordRow, stat: str, why: str) -> RecordRow:
    """Record row i replaced by its corrected row, the correction logged (why) and counted (stat). The batch's
    row is replaced, not only the one in flight: identity marks the listed rows."""
    st.issues.append(Rejected(fixed.source, fixed.ref, why, corrected=True))
    st.stats[stat] += 1
    records[i] = fixed
    return fixed


def record_groups(st: BuildState) -> dict[tuple, list]:
    """The record rows of every source, each with its athlete, by (kind, region, event, sex, indoor)."""
    rows: list[Row] = []
    cutoff, by_day = _toplist_index(st)
    by_perf: dict[tuple, set[int]] = defaultdict(set)
    for r in st.results:
        if r.date and r.value is not None:
            by_perf[(r.perf.event, r.perf.sex, r.date, round(r.value, 2))].add(r.athlete.id)
    for b in st.batches:
        for i, rec in enumerate(b.records):
            m = marks.parse_mark(rec.mark, rec.event)
            value = m.value
            assert value is not None, f"{rec.ref}: the importers' check_mark lets no record without a value in"
            moved = _toplist_date(rec, value, m.text, by_day)
            if moved:
                # the progression's date is days off the toplists' (Stepanova's 52.94: 19 September 1986 in
                # the Hindustan Times file, the 17th in WA's): the same performance, dated as WA dates it
                rec = _correct(st, b.records, i, replace(rec, date=moved), "progression_dates_from_toplists", (
                    f"{rec.athlete.name} {m.text} dated {rec.date}: the WA toplists have it on {moved}, "
                    f"so dated {moved}"))
            for find, stat, why in _MARK_FIXES:
                fixed = find(rec, value, m.text, by_day)
                if fixed:
                    rec = _correct(st, b.records, i, replace(rec, mark=fixed), stat, why(rec, m.text, fixed))
                    m = marks.parse_mark(rec.mark, rec.event)
                    value = m.value
                    assert value is not None
            if _not_in_toplists(rec, value, m.text, cutoff, by_day):
                st.issues.append(Rejected(rec.source, rec.ref, not_in_toplists(rec.athlete.name, m.text, rec.date,
                                                                                 rec.event, rec.sex)))
                st.stats["progression_marks_not_in_toplists"] += 1
                continue
            athlete = st.registry.resolve(rec.athlete, b.source.id, int(rec.date[:4]) if rec.date else None)
            m = marks.parse_mark(rec.mark, rec.event)
            athlete = _record_holder(st, rec, athlete, value, by_perf)
            rows.append((rec, athlete.id, value, m.text, b.source.authority))
    # The current record of each (kind, region, event, sex, indoor): the best mark among the rows that
    # claim to be current or that the builder must judge (current=None), national lists feeding the WR.
    groups: dict[tuple, list] = defaultdict(list)
    for row in rows:
        rec = row[0]
        groups[(rec.kind, rec.region, rec.event, rec.sex, rec.indoor)].append(row)
    return groups


def set_current(st: BuildState, groups: dict[tuple, list]) -> None:
    """The records to write, each group's best row that may stand today marked current; a row a source
    lists twice is written once."""
    for key, rs in groups.items():
        event = key[2]
        best = best_listed(rs, event)
        seen = set()
        for r in rs:
            rec, aid, value, text, _auth = r
            current = best is not None and value == best[2] and rec.current is not False
            dedup = (key, aid, value, rec.date, rec.source)
            if dedup in seen:
                continue
            seen.add(dedup)
            st.records.append((rec, aid, value, text, int(current)))


def _toplist_index(st: BuildState) -> tuple[dict, dict]:
    """Per (event, sex): the toplist's cut-off (its worst mark) and its marks by day, each with the athlete's
    folded family name."""
    cutoff: dict[tuple[str, str], float] = {}
    by_day: dict[tuple[str, str], dict[str, list[tuple[float, str, str]]]] = defaultdict(lambda: defaultdict(list))
    for b in st.batches:
        if b.source.id != "wa-toplists":
            continue
        for p in b.performances:
            # wa_toplists rejects a row without a date or a mark, or with a status (DNF...) for a mark
            assert p.mark is not None and p.date is not None, f"{p.ref}: a toplist row without a mark or date"
            v = marks.mark_value(p.mark, p.event)
            k = (p.event, p.sex)
            if k not in cutoff or marks.better(cutoff[k], v, p.event):
                cutoff[k] = v
            by_day[k][p.date].append((v, names.fold(p.athlete.family), p.mark))
    return cutoff, by_day


def _not_in_toplists(rec: RecordRow, value: float, text: str, cutoff: dict, by_day: dict) -> bool:
    """A progression mark to the hundredth, better than the toplist's cut-off, missing from a race the
    toplist has (the toplist lists every legal mark above its cut-off and has removed annulled ones)."""
    k = (rec.event, rec.sex)
    if not rec.progression or k not in cutoff or not rec.date or rec.athlete.is_team:
        return False
    if ev.get(rec.event).mark_format != ev.TIME or re.search(r"\.\d$", text) or \
            not marks.better(value, cutoff[k], rec.event):
        return False
    day = dt.date.fromisoformat(rec.date)
    family = names.fold(rec.athlete.family)
    near = [v for v, *_ in by_day[k].get(rec.date, ())]
    if not near:
        # a day either side is the race only if the athlete is on it (a date a day off): London's marathon of
        # 17 April 1983 is not Boston's of the 18th, where Benoit ran (reviews 21 and 22)
        near = [v for delta in (-1, 1) for v, f, _ in by_day[k].get((day + dt.timedelta(days=delta)).isoformat(), ())
                if f == family]
    # Only when the race itself is on the toplist (its other marks are there) but this mark is not:
    # then the mark was removed, i.e. annulled. A race missing altogether proves nothing.
    return bool(near) and not any(abs(v - value) <= _rounding(text) for v in near)


def _rounding(text: str) -> float:
    """How far a progression's mark may be from the toplists' for the same performance: half a hundredth, or
    half a tenth for a time whose hundredth is 0 (a source that gives seconds as a number drops the rest: the
    dungates file's 481.1 for Gebrselassie's 8:01.08 of 1997, written 8:01.10 on import)."""
    return 0.05 + 1e-9 if text.endswith("0") and re.search(r"\.\d\d$", text) else 0.006


def _toplist_mark(rec: RecordRow, value: float, text: str, by_day: dict) -> str | None:
    """The toplists' mark of a progression time given only to the tenth (its hundredth written 0) that the
    same athlete's toplist mark of that day rounds to, when it differs; else None."""
    k = (rec.event, rec.sex)
    if not rec.progression or not rec.date or rec.athlete.is_team or k not in by_day \
            or ev.get(rec.event).mark_format != ev.TIME or _rounding(text) < 0.01:
        return None
    day = dt.date.fromisoformat(rec.date)
    family = names.fold(rec.athlete.family)
    for delta in (0, -1, 1):
        for v, f, mark in by_day[k].get((day + dt.timedelta(days=delta)).isoformat(), ()):
            if f == family and 1e-9 < abs(v - value) <= _rounding(text):
                return mark
    return None


def _toplist_score(rec: RecordRow, value: float, text: str, by_day: dict) -> str | None:
    """The toplists' score of a progression's combined-event record that they score otherwise: the same
    athlete's one score of that day (or the day either side, a two-day competition) when none equals the
    progression's. The toplists are the main results table (SOURCES.md), scored on the present tables."""
    k = (rec.event, rec.sex)
    if not rec.progression or not rec.date or rec.athlete.is_team or k not in by_day \
            or ev.get(rec.event).mark_format != ev.POINTS:
        return None
    day = dt.date.fromisoformat(rec.date)
    family = names.fold(rec.athlete.family)
    near = [(v, mark) for delta in (0, -1, 1)
            for v, f, mark in by_day[k].get((day + dt.timedelta(days=delta)).isoformat(), ()) if f == family]
    if len({v for v, _ in near}) != 1 or abs(near[0][0] - value) < 0.5:
        return None
    return near[0][1]


# A progression's mark as the toplists give the same performance, each fix with its stat and logged reason:
# a combined event's score as the toplists score that competition (Neubert's 6788 of 1981 on the tables of its
# day is 6716 on WA's; Joyner-Kersee's 7161 of 2 August 1986, 7158: review 18), then a time given to the tenth
# (dungates' 481.1, imported as 8:01.10, is the toplists' 8:01.08)
_MARK_FIXES = (
    (_toplist_score, "progression_scores_from_toplists",
     lambda rec, text, new: f"{rec.athlete.name} {text} ({rec.date}): the WA toplists score that competition {new}, "
                            f"so {new}"),
    (_toplist_mark, "progression_marks_from_toplists",
     lambda rec, text, new: f"{rec.athlete.name} {text} ({rec.date}) is given to the tenth; the WA toplists time that "
                            f"performance {new}, so {new}"),
)


# How many days a progression's date may be off the toplists' for one athlete's mark to the hundredth (a
# time) or to the centimetre or point (a field or combined event)
DATE_SLIP_DAYS = 7
# a time to the hundredth, a field mark to the centimetre or a score to the point by one athlete is one performance
# further apart: a digit dropped in a date (Kazankina's 3:52.47 of Zürich, 13 August 1980 in the toplists, the 3rd
# in both progressions: review 14)
DATE_SLIP_DAYS_HUNDREDTHS = 31


def _toplist_date(rec: RecordRow, value: float, text: str, by_day: dict) -> str | None:
    """The toplists' date of a progression mark the toplists date otherwise: not on the progression's day but
    within DATE_SLIP_DAYS (a month for a mark to the hundredth, centimetre or point) by an athlete of the same
    family name, the nearest first. None when the dates agree or no such row.
    Field and combined events too (Isinbayeva's 5.01, Helsinki 2005: 9 August in the Hindustan Times file,
    the 12th, the final's day, in the toplists); not hand times, whose tenths many marks share."""
    k = (rec.event, rec.sex)
    if not rec.progression or not rec.date or rec.athlete.is_team or k not in by_day or \
            (ev.get(rec.event).mark_format == ev.TIME and re.search(r"\.\d$", text)):
        return None
    day = dt.date.fromisoformat(rec.date)
    family = names.fold(rec.athlete.family)

    def has(delta: int) -> bool:
        rows = by_day[k].get((day + dt.timedelta(days=delta)).isoformat(), ())
        return any(abs(v - value) < 0.006 and f == family for v, f, _ in rows)

    if has(0):
        return None
    # a day off is the same performance, dated as WA dates it (Joyner-Kersee's 7215 of 1988: the heptathlon's
    # first day, 16 July, in the toplists; the 17th in the Hindustan Times file: review 17); a mark to the
    # hundredth, the centimetre or the point is one performance a month off (Kuzenkova's 68.16: 18 June 1995
    # in the toplists, the 5th, the day of her 68.14, in the Hindustan Times file)
    precise = ev.get(rec.event).mark_format != ev.TIME or re.search(r"\.\d\d$", text)
    slip = DATE_SLIP_DAYS_HUNDREDTHS if precise else DATE_SLIP_DAYS
    for d in sorted(range(-slip, slip + 1), key=abs):
        if d and has(d):
            return (day + dt.timedelta(days=d)).isoformat()
    return None


def _record_holder(st: BuildState, rec: RecordRow, athlete: Athlete, value: float | None, by_perf: dict) -> Athlete:
    """A record is a performance: when the results hold it (same event, day and mark) for an athlete of
    the same nation under a compatible name, the record belongs to that athlete ('Filip Mangen
    Ingebrigtsen' in national.csv is the toplists' 'Filip Ingebrigtsen')."""
    if not rec.date or value is None:
        return athlete
    ids = by_perf.get((rec.event, rec.sex, rec.date, round(value, 2)), set())
    if not ids or athlete.id in ids:
        return athlete
    reg = st.registry
    nat = athlete.nationality or rec.athlete.nationality
    cands = []
    for i in ids:
        c = reg.canonical(reg.athletes[i - 1])
        if c is athlete or not nat or not one_nation(c.nationality, nat) or c.is_team or athlete.is_team:
            continue  # relay teams: a record's nation may be a club's result ('Sichuan' for CHN)
        # the same performance by the same given name of one nation is one athlete under a married name
        # (national.csv's Valarie Sion, the toplists' Valarie Allman: review 20)
        if any(evidence_names(ga, fa, gb, fb, False) or _same_given(ga, gb)
               for ga, fa in spellings(rec.athlete, athlete) for gb, fb in spellings(rec.athlete, c)[1:]):
            cands.append(c)
    if len(cands) != 1:
        return athlete
    kept = reg.merge(cands[0], athlete, f"record {rec.source} {rec.ref} is the result of {rec.date}",
                     despite=frozenset({"nationality"}) if cands[0].nationality != nat else frozenset())
    if kept is None:
        return athlete
    st.stats["athletes_merged_record_is_result"] += 1
    return kept


def _same_given(a: str, b: str) -> bool:
    ta, tb = names.tokens(a), names.tokens(b)
    return bool(ta and tb) and ta == tb


# A nation that no longer exists and the nations that came of it: a record list written later gives a
# Soviet athlete's nation as RUS where the toplists give URS (Iolanda / Yolanda Chen's 14.97 of 1993: review 18)
SUCCESSORS = {
    "URS": {"RUS", "UKR", "BLR", "KAZ", "UZB", "GEO", "ARM", "AZE", "LTU", "LAT", "EST", "MDA", "KGZ", "TJK", "TKM"},
    "GDR": {"GER"}, "FRG": {"GER"}, "TCH": {"CZE", "SVK"},
    "YUG": {"SRB", "CRO", "SLO", "BIH", "MKD", "MNE", "SCG"}, "SCG": {"SRB", "MNE"},
}
SUCCESSORS["EUN"] = SUCCESSORS["URS"]


def one_nation(a: str | None, b: str | None) -> bool:
    """Whether two nations of one performance may be one athlete's: the same, or a former state and one of its
    successors."""
    return a == b or (a is not None and b is not None
                      and (b in SUCCESSORS.get(a, ()) or a in SUCCESSORS.get(b, ())))


def list_indoor(event: str, indoor: bool) -> bool:
    """The indoor flag of the world/area/Olympic record group a record competes in: WA's record lists hold
    one record per field event wherever it was set (no 'Short Track' field events; Rojas's TJ 15.74 in
    Beograd, Hooker's Oceanian PV 6.06 in Boston), while track events have separate short-track records."""
    return False if ev.get(event).kind == ev.FIELD else indoor


def best_listed(rs: list[tuple], event: str) -> tuple | None:
    """The best row that may stand today: not marked superseded, not from a progression list (a progression
    stops when its author stopped); on a tie, the more authoritative source."""
    best = None
    for r in rs:
        if r[0].current is False or r[0].progression:
            continue
        if best is None or marks.better(r[2], best[2], event) or (r[2] == best[2] and r[4] > best[4]):
            best = r
    return best
