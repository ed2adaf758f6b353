"""World and area records from the toplists: one rule for outdoor, indoor, road and walks.

A record list stops when it was taken (the WA pages in August 2024, the progressions in 2016-2020). After
a group's sources stop (its last progression row, else its first listed record: no record is invented
before any list knows one), the WA toplists are walked in date order: a mark that beats the record
standing on its day and counts is the next record, a step of the progression, with the toplist row as its
source. A mark counts when it is legal (a toplist row, so not annulled: WA removed those; finished, not
hand-timed, a wind reading of at most +2.0 m/s where wind counts; for an area, by a nation of that area,
bot/common/areas.py) and no record list contradicts it:
- a record list has a worse record set after it (WA's 1:23:49 of 2021 after Lashmanova's 1:23:39 of 2018);
- or it is older than the WA records pages' snapshot (minus the ratification lag) while the page still has
  a worse record as current (Morales Williams's 44.49 indoors in February 2024; the page took Duplantis's
  6.25 four days after he set it).
A contradicted mark is a better mark, not a record: logged in import_issues with the reason (the record
answer quotes it, bot/ask/records.py). In women's road events a mark must also beat every legal toplist mark
before it: the WA pages mix women-only records in, and a mark that beats one of those but not the better
mixed-race mark before it was no world record. The data has no course column (the toplists keep Boston and other
unratifiable courses): a road mark counts unless a list contradicts it.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from bot.common import events as ev
from bot.common import marks
from bot.common.areas import area_of
from bot.pipeline.build.promotions import RATIFICATION_LAG_DAYS, WA_RECORDS_SNAPSHOT
from bot.pipeline.build.records import list_indoor
from bot.pipeline.build.state import BuildState, Result
from bot.pipeline.importers.model import RecordRow, Rejected

TOPLISTS = "wa-toplists"
# Record lists whose current rows stood on the day the list was taken, and that day. Only the WA pages
# qualify: nimarion's June 2024 world file still had PV 6.23 two months after Duplantis's 6.24.
SNAPSHOTS = {"wa-records-2024": WA_RECORDS_SNAPSHOT}
# Marked in a logged reason, so the record answer can quote why a better mark is not the record.
NOT_A_RECORD = "is not a record: "


def legal_marks(st: BuildState) -> dict[tuple[str, str, bool], list[Result]]:
    """(event, sex, record-list indoor) -> the toplist marks that may be records (see the docstring)."""
    out: dict[tuple[str, str, bool], list[Result]] = defaultdict(list)
    for r in st.results:
        if r.perf.source != TOPLISTS and TOPLISTS not in r.confirmed_by:
            continue
        if r.status != "OK" or r.value is None or r.mark is None or not r.date or {"h", "w"} & r.flags:
            continue
        if ev.get(r.perf.event).wind_matters and (r.wind is None or not marks.wind_legal(r.wind)):
            continue
        out[(r.perf.event, r.perf.sex, list_indoor(r.perf.event, r.perf.indoor))].append(r)
    return out


def extend_from_toplists(st: BuildState, groups: dict[tuple, list]) -> None:
    """Every world record group, then every area record group, walked through the toplists. A mark a list
    contradicts as a world record is no area record, and the other way round (a world record is its area's
    record too): Lashmanova's 1:24:31 of 2019 is after the last world list she beats, but the European page
    of 2024 still has 1:25:08."""
    by_key = legal_marks(st)
    originals = {id(rec) for b in st.batches for rec in b.records}
    listed = {k: [r for r in rs if id(r[0]) in originals and r[0].date] for k, rs in groups.items()
              if k[0] in ("world", "area")}

    def contradiction(r: Result, key: tuple) -> str | None:
        _, _, event, sex, indoor = key
        area = area_of(r.perf.athlete.nationality)
        for k in (("world", "WORLD", event, sex, indoor), ("area", area, event, sex, indoor)):
            why = _contradiction(r, listed.get(k, []), event)
            if why:
                return why if k == key else f"as {_label(k)}: {why}"
        return None

    for kind in ("world", "area"):
        for key in sorted(k for k in groups if k[0] == kind):
            _, region, event, sex, indoor = key
            # A record is set for a nation: no mixed or club-of-many-nations team (INT), no neutral athletes.
            cands = [r for r in by_key.get((event, sex, indoor), []) if area_of(r.perf.athlete.nationality)
                     and (kind == "world" or area_of(r.perf.athlete.nationality) == region)]
            if cands and listed[key]:
                _extend(st, groups, key, cands, listed[key], contradiction)


def _lag_start(snapshot: str) -> str:
    return (dt.date.fromisoformat(snapshot) - dt.timedelta(days=RATIFICATION_LAG_DAYS)).isoformat()


def _label(key: tuple) -> str:
    kind, region, event, sex, indoor = key
    where = "world" if kind == "world" else f"{region} area"
    return f"{where} record {sex} {event}{' indoor' if indoor else ''}"


def _extend(st: BuildState, groups: dict[tuple, list], key: tuple, cands: list[Result], listed: list[tuple],
            contradiction) -> None:
    event = key[2]
    rows = groups[key]
    progression = [r[0].date for r in listed if r[0].progression]
    start = max(progression) if progression else min(r[0].date for r in listed)
    # Marks of one day cannot be ordered: only the day's best can have been a record.
    day_best: dict[str, Result] = {}
    for r in cands:
        assert r.date is not None and r.value is not None  # legal_marks keeps dated marks with a value
        old = day_best.get(r.date)
        if old is None or marks.better(r.value, old.value, event):  # type: ignore[arg-type]
            day_best[r.date] = r
    current = min((row[2] for row in rows), key=lambda v: marks.sort_key(v, event))
    # Women's road records: WA keeps women-only records next to the mixed-race ones, and its pages (as
    # scraped) put both in one table without saying which. A listed row that a legal toplist mark from
    # before beats is such a women-only record (Jepchirchir's 1:05:16 of October 2020, after Yeshaneh's
    # 1:04:31 of February), so a later mark that beats the row but not the better mark before it is no world
    # record. Elsewhere a better earlier mark a list contradicts is one never ratified, and blocks nothing.
    women_road = ev.get(event).kind == ev.ROAD and key[3] == "W"
    prior: Result | None = None
    for day in sorted(day_best):
        r = day_best[day]
        assert r.value is not None and r.mark is not None
        before = prior
        if prior is None or marks.better(r.value, prior.value, event):  # type: ignore[arg-type]
            prior = r
        if day <= start:
            # Before the lists stop, they are the record: a better mark than today's record is logged.
            if marks.better(r.value, current, event) and not _same_performance(rows, r):
                why = contradiction(r, key)
                if why:
                    _not_a_record(st, key, r, _standing(rows, day, event), why)
            continue
        standing = _standing(rows, day, event)
        if standing is None or not marks.better(r.value, standing[2], event):
            continue
        if _same_performance(rows, r):
            continue
        p = r.perf
        if women_road and before is not None and \
                not marks.better(r.value, before.value, event):  # type: ignore[arg-type]
            _not_a_record(st, key, r, standing, (
                f"the toplists have a better mark from before it, {before.mark} ({before.perf.athlete.name}, "
                f"{before.date}), and the record lists do not have that one either"))
            continue
        why = contradiction(r, key)
        if why:
            _not_a_record(st, key, r, standing, why)
            continue
        derived = RecordRow(TOPLISTS, p.ref, key[0], key[1], event, key[3], p.athlete, r.mark, day, key[4],
                            r.wind, p.venue, p.country, None, False)
        rows.append((derived, r.athlete.id, r.value, r.mark, st.sources[TOPLISTS].authority))
        st.stats[f"{key[0]}_records_from_toplists"] += 1
        st.issues.append(Rejected(p.source, p.ref, (
            f"{_label(key)}: toplist mark {r.mark} ({p.athlete.name}, {p.athlete.nationality}, {day}, "
            f"{p.venue}) beats the record standing then, {standing[3]} ({standing[0].athlete.name}, "
            f"{standing[0].date}), after the record lists stop ({start}) and no list contradicts it: "
            f"promoted"), corrected=True))


def _not_a_record(st: BuildState, key: tuple, r: Result, standing: tuple | None, why: str) -> None:
    p = r.perf
    then = f"the record standing then, {standing[3]} ({standing[0].athlete.name}, {standing[0].date})" \
        if standing else "every record the lists hold"
    st.issues.append(Rejected(p.source, p.ref, (
        f"{_label(key)}: {r.mark} ({p.athlete.name}, {p.athlete.nationality}, {r.date}) beats {then}, but "
        f"{NOT_A_RECORD}{why}")))
    st.stats[f"{key[0]}_record_marks_not_ratified"] += 1


def _standing(rows: list[tuple], day: str, event: str) -> tuple | None:
    """The best row set on or before the day (listed, promoted or walked so far)."""
    best = None
    for row in rows:
        if row[0].date and row[0].date <= day and (best is None or marks.better(row[2], best[2], event)):
            best = row
    return best


def _same_performance(rows: list[tuple], r: Result) -> bool:
    """A row of the group with this mark within a day of it: the same performance (perhaps under another
    spelling of the athlete, or dated by the list a day off)."""
    assert r.date is not None and r.value is not None
    day = dt.date.fromisoformat(r.date)
    return any(abs(row[2] - r.value) < 1e-6 and row[0].date and
               abs((dt.date.fromisoformat(row[0].date) - day).days) <= 1 for row in rows)


def _contradiction(r: Result, listed: list[tuple], event: str) -> str | None:
    """Why a record list shows this mark was not ratified, or None."""
    assert r.date is not None and r.value is not None
    for row in listed:
        rec = row[0]
        if not marks.better(r.value, row[2], event):
            continue
        if rec.date > r.date:
            return (f"{rec.source} lists {row[3]} ({rec.athlete.name}, {rec.date}) as a record set after it, "
                    f"so it was not ratified")
        snapshot = SNAPSHOTS.get(rec.source)
        if snapshot and rec.current is not False and not rec.progression and r.date <= _lag_start(snapshot):
            return (f"WA's record list of {snapshot} (which takes a record within weeks) still has {row[3]} "
                    f"({rec.athlete.name}, {rec.date}) as the record, so it was not ratified")
    return None
