"""Record promotions: marks newer than a record list's snapshot that beat its record become the record (world
records from the national lists, Olympic records from the Games' finals, area records from world and national
records), each logged in import_issues; a better mark older than the snapshot is a conflict, logged. The
toplists' later marks are walked after these (toplist_records.py)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from bot.common import events as ev
from bot.common import marks
from bot.common.areas import AREAS, EXCEPTIONS
from bot.pipeline.build.records import best_listed, list_indoor
from bot.pipeline.build.state import BuildState, Competition, Result
from bot.pipeline.importers.model import RecordRow, Rejected

# WA records snapshot date: a best national record set after it is a newer world record, before it a conflict.
WA_RECORDS_SNAPSHOT = "2024-08-09"
# A national record set within this many days before the snapshot may not have reached WA's list yet.
RATIFICATION_LAG_DAYS = 30


def promote(st: BuildState, groups: dict[tuple, list]) -> None:
    """In this order: a promoted world record can be a promoted area record."""
    world_from_national(st, groups)
    olympic_from_games(st, groups)
    area_from_world_and_national(st, groups)


def _lag_start() -> str:
    return (dt.date.fromisoformat(WA_RECORDS_SNAPSHOT) - dt.timedelta(days=RATIFICATION_LAG_DAYS)).isoformat()


def _best_national(groups: dict[tuple, list]) -> dict[tuple, list[tuple]]:
    """(nation, event, sex, list indoor) -> the nation's best national record rows for a record list's
    group: for a field event the outdoor and indoor national records compete (see list_indoor)."""
    best: dict[tuple, list[tuple]] = {}
    for (kind, region, event, sex, indoor), rs in groups.items():
        if kind != "national":
            continue
        k = (region, event, sex, list_indoor(event, indoor))
        for row in rs:
            if row[0].current is False or row[0].progression:
                continue
            if k not in best or marks.better(row[2], best[k][0][2], event):
                best[k] = [row]
            elif row[2] == best[k][0][2]:
                best[k].append(row)
    return best


def world_from_national(st: BuildState, groups: dict[tuple, list]) -> None:
    """National records newer than the WA snapshot that beat its world record are the newer world records,
    in date order (each one that beats the record before it: Duplantis's 6.30 in Tokyo, then his 6.31); a
    better one older than the snapshot is a conflict, logged. For a field event a national record set
    indoors counts too: WA lists one record per field event wherever it was set (Rojas's TJ 15.74 in
    Beograd is on its world list; it has no 'Short Track' field events)."""
    cands: dict[tuple, list[tuple]] = defaultdict(list)
    for (kind, _nation, event, sex, indoor), rs in groups.items():
        if kind != "national":
            continue
        for row in rs:
            if row[0].current is not False and not row[0].progression:
                cands[(event, sex, list_indoor(event, indoor))].append(row)
    lag_start = _lag_start()
    for k, rs in cands.items():
        event, sex, indoor = k
        best_wr = best_listed(groups.get(("world", "WORLD", event, sex, indoor), []), event)
        # Only events with a world record on a WA list can get a newer one from the national lists.
        if best_wr is None:
            continue
        better = [r for r in rs if marks.better(r[2], best_wr[2], event)]
        for row in better:
            if (row[0].date or "") <= lag_start:
                st.issues.append(Rejected(row[0].source, row[0].ref, f"best national record {row[3]} beats "
                                          f"the listed world record {best_wr[3]} but predates the WA "
                                          f"snapshot: not promoted"))
        # Marks of one day cannot be ordered (Denny's 74.78 and Alekna's 75.56 on 2025-04-13): only the
        # day's best can have been a record.
        newer = [r for r in better if (r[0].date or "") > lag_start]
        day_best = {r[0].date: r[2] for r in newer}
        for r in newer:
            if marks.better(r[2], day_best[r[0].date], event):
                day_best[r[0].date] = r[2]
        before = best_wr
        for row in sorted(newer, key=lambda r: r[0].date):
            if row[2] != day_best[row[0].date] or not marks.better(row[2], before[2], event):
                continue
            rec = row[0]
            derived = dataclasses.replace(rec, kind="world", region="WORLD", indoor=indoor, current=None,
                                          progression=False)
            groups[("world", "WORLD", event, sex, indoor)].append((derived,) + row[1:])
            st.stats["world_records_from_national"] += 1
            where = " (set indoors: a field-event record wherever it was set)" if rec.indoor and not indoor else ""
            st.issues.append(Rejected(rec.source, rec.ref, (
                f"world record {sex} {event}{' indoor' if indoor else ''}: national record {row[3]} "
                f"({rec.athlete.name}, {rec.athlete.nationality}, {rec.date}){where} beats the record before it, "
                f"{before[3]} ({before[0].date}), and is newer than the WA list's snapshot "
                f"{WA_RECORDS_SNAPSHOT}: promoted"), corrected=True))
            before = row


def olympic_from_games(st: BuildState, groups: dict[tuple, list]) -> None:
    """An Olympic record is the best mark at the Olympic Games. For Games that end after the WA snapshot
    minus the ratification lag (its Olympic list may not have them yet: in August 2024 it had the Paris
    10,000 m but not the 1500 m), the best legal mark of each final that beats the listed Olympic record
    is the Olympic record. Legal: a final-round result with a mark, no DQ, not hand-timed and, where wind
    counts, a reading of at most 2.0 m/s. Only events with an Olympic record on a list."""
    lag_start = _lag_start()
    games = {c.id: c for c in st.comps if c.series == "OG" and c.end and c.end > lag_start}
    if not games:
        return
    finals, illegal = _games_finals(st, games)
    # Below, every result has a value and a mark (the others are skipped in _games_finals).
    for (comp, event, sex) in sorted(set(finals) | set(illegal)):
        key = ("olympic", "WORLD", event, sex, False)
        listed = best_listed(groups.get(key, []), event)
        if listed is None:
            continue
        for r in illegal.get((comp, event, sex), ()):
            assert r.value is not None
            if marks.better(r.value, listed[2], event):
                wind = marks.format_wind(r.wind) if r.wind is not None else "unknown"
                st.issues.append(Rejected(r.perf.source, r.perf.ref, (
                    f"{games[comp].name} {sex} {event} final: {r.mark} beats the Olympic record {listed[3]} "
                    f"but its wind is {wind} m/s: not an Olympic record")))
        rs = finals.get((comp, event, sex), [])
        if not rs:
            continue
        values = [r.value for r in rs if r.value is not None]  # all of them
        top = min(values) if ev.get(event).lower_is_better else max(values)
        if not marks.better(top, listed[2], event):
            continue
        wr = best_listed(groups.get(("world", "WORLD", event, sex, False), []), event)
        best = [r for r in rs if r.value == top]
        if wr is not None and marks.better(top, wr[2], event):
            for r in best:
                st.issues.append(Rejected(r.perf.source, r.perf.ref, (
                    f"{games[comp].name} {sex} {event} final: {r.mark} beats the world record {wr[3]}: "
                    f"not made an Olympic record (a world record list would have it)")))
            continue
        for r in best:
            p = r.perf
            assert r.mark is not None
            derived = RecordRow(p.source, p.ref, "olympic", "WORLD", event, sex, p.athlete, r.mark, r.date,
                                False, r.wind, p.venue, p.country, None, False)
            groups[key].append((derived, r.athlete.id, r.value, r.mark, st.sources[p.source].authority))
            st.stats["olympic_records_from_results"] += 1
            st.issues.append(Rejected(p.source, p.ref, (
                f"Olympic record {sex} {event}: {r.mark} ({p.athlete.name}, {p.athlete.nationality}, {r.date}) "
                f"is the best legal mark of the {games[comp].name} final and beats the listed Olympic record "
                f"{listed[3]} ({listed[0].athlete.name}, {listed[0].date}); the Games end after the WA list's "
                f"snapshot {WA_RECORDS_SNAPSHOT}: promoted, the listed record superseded"), corrected=True))


def _games_finals(st: BuildState, games: dict[int, Competition]) -> tuple[dict[tuple, list[Result]],
                                                                          dict[tuple, list[Result]]]:
    """(games, event, sex) -> the outdoor final's results with a mark, no DQ and not hand-timed: those with a
    legal wind, and those wind-aided or with an unknown wind where it counts."""
    finals: dict[tuple, list[Result]] = defaultdict(list)
    illegal: dict[tuple, list[Result]] = defaultdict(list)  # wind-aided or unknown wind where it counts
    for r in st.results:
        race = st.races[r.race_id - 1] if r.race_id else None
        if r.comp not in games or race is None or race["round"] != "F" or r.perf.indoor:
            continue
        if r.status != "OK" or r.value is None or r.mark is None or "h" in r.flags:
            continue
        final = (r.comp, r.perf.event, r.perf.sex)
        if "w" in r.flags or (ev.get(r.perf.event).wind_matters and (r.wind is None or not marks.wind_legal(r.wind))):
            illegal[final].append(r)
        else:
            finals[final].append(r)
    return finals, illegal


def _nation_areas() -> tuple[dict[str, str], dict[str, str]]:
    """Nation -> area, from the complete table of bot/common/areas.py (derived from the area lists, WA's
    mapping and the time zones, with its exceptions), and the evidence, in words, for the log."""
    evidence = {n: (f"{EXCEPTIONS[n][1]} (bot/common/areas.py)" if n in EXCEPTIONS else
                    "the nation -> area table (bot/common/areas.py)") for n in AREAS}
    return dict(AREAS), evidence


def area_from_world_and_national(st: BuildState, groups: dict[tuple, list]) -> None:
    """A world record by an athlete of an area, or a national record of one of its nations newer than the
    area lists' snapshot, that beats the listed area record is the area record: promoted and logged. A
    better national record older than the snapshot is a conflict, logged and not promoted. A nation the
    table does not place in an area (no nation: ANA, ART...) promotes nothing."""
    area_of, evidence = _nation_areas()
    lag_start = _lag_start()
    best_nr = _best_national(groups)
    unmapped: dict[str, tuple] = {}  # nation -> a world record row of it that beats an area record
    for key in [k for k in groups if k[0] == "area"]:
        listed = best_listed(groups[key], key[2])
        if listed is None:
            continue
        cands = _area_candidates(st, groups, key, listed, area_of, best_nr, lag_start, unmapped)
        if cands:
            _promote_area(st, groups, key, listed, cands, evidence)
    for nat, row in sorted(unmapped.items()):
        st.issues.append(Rejected(row[0].source, row[0].ref, (
            f"world record {row[3]} by {nat} beats an area record, but {nat} is no nation of an area: "
            f"no area record promoted")))


def _area_candidates(st: BuildState, groups: dict[tuple, list], key: tuple, listed: tuple, area_of: dict[str, str],
                     best_nr: dict[tuple, list[tuple]], lag_start: str,
                     unmapped: dict[str, tuple]) -> list[tuple[tuple, str]]:
    """The rows that beat the listed area record of `key`, each with what it is: the area's nations' best world
    record rows, and its nations' best national records newer than the snapshot (older ones are logged).
    World record rows of nations in no area (bot/common/areas.py) go to `unmapped`."""
    _, area, event, sex, indoor = key
    cands: list[tuple[tuple, str]] = []
    wr = groups.get(("world", "WORLD", event, sex, indoor), [])
    best_wr = best_listed(wr, event)
    if best_wr is not None and marks.better(best_wr[2], listed[2], event):
        for row in wr:
            if row[2] != best_wr[2] or row[0].current is False or row[0].progression:
                continue
            nat = row[0].athlete.nationality
            if nat and nat not in area_of:
                unmapped.setdefault(nat, row)
            elif nat and area_of[nat] == area:
                cands.append((row, "world record"))
    for (nation, e, s, ind), rs in best_nr.items():
        if (e, s, ind) != (event, sex, indoor) or area_of.get(nation) != area:
            continue
        if not marks.better(rs[0][2], listed[2], event):
            continue
        for row in rs:
            if (row[0].date or "") <= lag_start:
                st.issues.append(Rejected(row[0].source, row[0].ref, (
                    f"national record {row[3]} of {nation} beats the listed {area} area record "
                    f"{listed[3]} but predates the area lists' snapshot: not promoted")))
            else:
                cands.append((row, f"national record of {nation}"))
    return cands


def _promote_area(st: BuildState, groups: dict[tuple, list], key: tuple, listed: tuple,
                  cands: list[tuple[tuple, str]], evidence: dict[str, str]) -> None:
    """The best of the candidates become rows of the area list (one per performance), logged."""
    _, area, event, sex, indoor = key
    top = cands[0][0][2]
    for row, _ in cands:
        if marks.better(row[2], top, event):
            top = row[2]
    seen = set()
    for row, what in cands:
        rec = row[0]
        if row[2] != top or (row[1], rec.date) in seen:
            continue  # the same performance as a world and a national record: one area row
        seen.add((row[1], rec.date))
        derived = dataclasses.replace(rec, kind="area", region=area, indoor=indoor, current=None,
                                      progression=False)
        groups[key].append((derived,) + row[1:])
        st.stats["area_records_promoted"] += 1
        nat = rec.athlete.nationality
        where = " (set indoors: a field-event record wherever it was set)" if rec.indoor and not indoor else ""
        st.issues.append(Rejected(rec.source, rec.ref, (
            f"area record {area} {sex} {event}{' indoor' if indoor else ''}: {what} {row[3]} "
            f"({rec.athlete.name}, {nat}, {rec.date}){where} beats the listed area record {listed[3]} "
            f"({listed[0].athlete.name}, {listed[0].date}); {nat} is in {area}: {evidence[nat]}; "
            f"promoted, the listed record superseded"), corrected=True))
