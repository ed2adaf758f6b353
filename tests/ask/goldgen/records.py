"""Records from the raw files, by the rules of data/SOURCES.md, kept only where the sources agree.

- World records: the best national record (national.csv, the freshest list); a field-event record set indoors
  counts, track events keep their short-track records apart. The WA list (August 2024) must agree for
  records older than it. Road records come from the WA list, when no toplist mark beats them.
- National records: national.csv, outdoor; the toplists' best mark by an athlete of the nation must be it.
- Area records: the area list (July 2024), or a newer national record of a nation of the area that beats it.
- Olympic records: the WA Olympic list (August 2024), or a better mark in a Paris 2024 final.
- Record progressions: the WR progression files, where every file that covers the event agrees.
Holders are named as the toplists' athlete of that performance (names.py), so a record whose performance
is not on the toplists is left out.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from tests.ask.goldgen import finals, names, raw

WA_SNAPSHOT = "2024-08-09"                 # wa-records-2024 (SOURCES.md)
AREA_SNAPSHOT = "2024-07-24"               # nimarion area.csv, last update
RATIFICATION_LAG = dt.timedelta(days=30)   # data/SOURCES.md: "minus 30 days"


def _minus_lag(day: str) -> str:
    return (dt.date.fromisoformat(day) - RATIFICATION_LAG).isoformat()


@dataclass(frozen=True)
class Holder:
    event: str
    sex: str
    mark: str
    value: float
    name: str
    key: tuple
    date: str
    nat: str


def _holder(event: str, sex: str, value: float, date: str, nat: str = "") -> Holder | None:
    """The toplist performance of a record: same event, mark and day (and nation when given)."""
    hits = {p.key: p for p in raw.by_date(event, sex).get(date, ())
            if abs(p.value - value) < 0.005 and (not nat or p.nat == nat)}
    if len(hits) != 1:
        return None
    key, p = next(iter(hits.items()))
    if not names.certain(key) or p.hand:
        return None
    return Holder(event, sex, p.mark, p.value, names.name(key), key, date, p.nat)


def _best(rows: list[raw.Record], event: str) -> list[raw.Record]:
    """The best rows (several when shared)."""
    if not rows:
        return []
    top = min(rows, key=lambda r: raw.sort_key(event, r.value)).value
    return [r for r in rows if r.value == top]


def _one(rows: list[raw.Record]) -> raw.Record | None:
    """A record held by one performance (a shared record, or the same row twice with different names, is None)."""
    if not rows:
        return None
    if len({(r.date, raw.fold(r.name)) for r in rows}) != 1:
        return None
    return rows[0]


@cache
def world_records() -> dict[tuple[str, str, bool], Holder]:
    """(event, sex, indoor) -> the current world record; indoor only for track events."""
    by_event: dict[tuple[str, str, bool], list[raw.Record]] = defaultdict(list)
    for r in raw.national_records():
        indoor = r.indoor and r.event not in raw.FIELD
        by_event[(r.event, r.sex, indoor)].append(r)
    wa: dict[tuple[str, str], list[raw.Record]] = defaultdict(list)
    for r in raw.wa_records("world"):
        wa[(r.event, r.sex)].append(r)
    out = {}
    for (event, sex, indoor), rows in by_event.items():
        rec = _one(_best(rows, event))
        if rec is None or indoor and event not in raw.short_track_events():
            continue              # a best indoor mark in an event with no short-track record (2000 m)
        if not indoor:
            listed = _best(wa.get((event, sex), []), event)
            if not listed:
                continue
            if rec.date < _minus_lag(WA_SNAPSHOT) and listed[0].value != rec.value:
                continue          # the lists disagree on a record older than the WA list
            if raw.better(event, listed[0].value, rec.value):
                continue
        h = _holder(event, sex, rec.value, rec.date, rec.nat)
        if h:
            out[(event, sex, indoor)] = h
    for event in raw.ROAD:
        for sex in ("M", "W"):
            rec = _one(_best(wa.get((event, sex), []), event))
            if rec is None or not raw.toplist(event, sex):
                continue
            if raw.better(event, raw.toplist(event, sex)[0].value, rec.value):
                continue          # a faster road mark since the list: not a ratified record here (a known gap)
            h = _holder(event, sex, rec.value, rec.date, rec.nat)
            if h:
                out[(event, sex, False)] = h
    return out


@cache
def _best_outdoor_by_nation(event: str, sex: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for p in raw.toplist(event, sex):          # best first
        if not p.indoor and p.nat not in out:
            out[p.nat] = p.value
    return out


@cache
def national_records() -> dict[tuple[str, str, str], Holder]:
    """(nation, event, sex) -> the outdoor national record."""
    groups: dict[tuple[str, str, str], list[raw.Record]] = defaultdict(list)
    indoor_best: dict[tuple[str, str, str], list[raw.Record]] = defaultdict(list)
    for r in raw.national_records():
        (indoor_best if r.indoor else groups)[(r.scope_key, r.event, r.sex)].append(r)
    out = {}
    for (nat, event, sex), rows in groups.items():
        rec = _one(_best(rows, event))
        if rec is None or (event, sex) not in raw.events():
            continue
        inside = _best(indoor_best.get((nat, event, sex), []), event)
        if inside and not raw.better(event, rec.value, inside[0].value):
            continue              # an indoor record as good: "the national record" could mean either
        best_mark = _best_outdoor_by_nation(event, sex).get(nat)
        if best_mark is None or best_mark != rec.value:
            continue              # the toplists know a better mark by an athlete of the nation, or none
        h = _holder(event, sex, rec.value, rec.date, nat)
        if h:
            out[(nat, event, sex)] = h
    return out


AREA_FILES = {"european": "EUR", "african": "AFR", "asian": "ASI", "oceanian": "OCE", "nacac": "NACAC",
              "south_american": "SAM"}


@cache
def _area_ids() -> dict[str, str]:
    """nimarion area id -> our area name, by the rows both lists share."""
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for kind in AREA_FILES:
        listed = {(r.event, r.sex, r.value) for r in raw.wa_records(kind)}
        for r in raw.area_records():
            if (r.event, r.sex, r.value) in listed:
                votes[r.scope_key][kind] += 1
    return {area: max(v, key=lambda k: v[k]) for area, v in votes.items()}


@cache
def area_records() -> dict[tuple[str, str, str], Holder]:
    """(area name, event, sex) -> the area record, with newer national records promoted."""
    ids = _area_ids()
    nations: dict[str, set[str]] = defaultdict(set)
    listed: dict[tuple[str, str, str], list[raw.Record]] = defaultdict(list)
    for r in raw.area_records():
        if r.scope_key in ids and not (r.indoor and r.event not in raw.FIELD):
            nations[ids[r.scope_key]].add(r.nat)
            listed[(ids[r.scope_key], r.event, r.sex)].append(r)
    for kind in AREA_FILES:
        for wr in raw.wa_records(kind):
            nations[kind].add(wr.nat)
    newer: dict[tuple[str, str, str], list[raw.Record]] = defaultdict(list)
    for r in raw.national_records():
        if r.date >= _minus_lag(AREA_SNAPSHOT) and not (r.indoor and r.event not in raw.FIELD):
            for area, nats in nations.items():
                if r.nat in nats:
                    newer[(area, r.event, r.sex)].append(r)
    out = {}
    for (area, event, sex), rows in listed.items():
        rec = _one(_best(rows, event))
        wa = _best([r for r in raw.wa_records(area) if r.event == event and r.sex == sex], event)
        if rec is None or not wa or wa[0].value != rec.value:
            continue              # the two area lists disagree
        promoted = _one(_best(newer.get((area, event, sex), []), event))
        if promoted and raw.better(event, promoted.value, rec.value):
            rec = promoted
        h = _holder(event, sex, rec.value, rec.date, rec.nat)
        if h:
            out[(area, event, sex)] = h
    return out


@cache
def olympic_records() -> dict[tuple[str, str], Holder]:
    """The WA Olympic list, or the best Paris 2024 final mark when better; left out when a Paris mark in
    another round beats both (a rule could read it either way), or Paris had no final found for the event."""
    out = {}
    paris = {(f.event, f.sex): f for f in finals.olympic_finals() if f.year == 2024}
    stadium = finals.games_venue(2024)
    for sex in ("M", "W"):
        for event in sorted({r.event for r in raw.wa_records("olympic_games") if r.sex == sex}):
            rec = _one(_best([r for r in raw.wa_records("olympic_games") if r.event == event and r.sex == sex],
                             event))
            if rec is None or event in raw.ROAD or stadium is None:
                continue
            value, date = rec.value, rec.date
            at_paris = [p for p in raw.toplist(event, sex) if p.venue == stadium and p.year == 2024]
            final = paris.get((event, sex))
            if final:
                top = next(p for p in raw.by_date(event, sex)[final.date] if p.venue == stadium and p.place == 1)
                if at_paris and raw.better(event, at_paris[0].value, top.value) \
                        and raw.better(event, at_paris[0].value, value):
                    continue
                if raw.better(event, top.value, value):
                    value, date = top.value, final.date
            elif at_paris and raw.better(event, at_paris[0].value, value):
                continue
            h = _holder(event, sex, value, date)
            if h:
                out[(event, sex)] = h
    return out


# ---------------------------------------------------------------- progressions

@dataclass(frozen=True)
class Step:
    name: str          # display
    mark: str
    value: float
    date: str
    key: tuple | None


def _progression_mark(event: str, value: float, date: str) -> str | None:
    """Hand times (to the tenth, before 1977) keep one decimal: '3:59.4'; None for a road hand time."""
    text = raw.fmt_time(value, event)
    if round(value * 100) % 10 == 0 and date < "1977":
        return None if value >= 3600 else text[:-1]
    return text


def _steps(source: str, event: str, sex: str) -> list[raw.ProgressionRow]:
    rows = sorted((r for r in raw.progressions() if r.source == source and r.event == event and r.sex == sex),
                  key=lambda r: (r.date, -r.value))
    out: list[raw.ProgressionRow] = []
    for r in rows:
        if not out or r.value <= out[-1].value:
            out.append(r)
    return out


def _step_name(r: raw.ProgressionRow, event: str, sex: str) -> tuple[str, tuple | None] | None:
    """The toplist athlete of a record when the toplists have it, else the progression's own spelling."""
    near = [p for p in raw.by_date(event, sex).get(r.date, ()) if abs(p.value - r.value) < 0.06]
    for p in near:
        if any(names.compatible(s, r.name) for s in names.book().spellings[p.key]):
            # the same performance: the files must agree on the mark (a progression's 3:49.0 is 3:48.95 there)
            if abs(p.value - r.value) > 0.005 or p.hand or not names.certain(p.key):
                return None
            return names.name(p.key), p.key
    return r.name, None


@cache
def record_before() -> list[tuple[str, str, Step, Step]]:
    """(event, sex, holder X's first record, the record just before it), where every progression file covering
    the event and the years agrees on both athletes and the mark before."""
    out = []
    for event, sex in sorted({(r.event, r.sex) for r in raw.progressions()}):
        sources = sorted({r.source for r in raw.progressions() if r.event == event and r.sex == sex})
        if len(sources) < 2:
            continue          # one file alone can miss a record (the half marathon's 59:16 of 2005)
        steps = {s: _steps(s, event, sex) for s in sources}
        first = steps[sources[0]]
        for i in range(1, len(first)):
            x, before = first[i], first[i - 1]
            # the early years are a tangle of unratified and equalled marks and annotated names
            # (women's records before 1977 are left too: a married name makes one athlete two spellings)
            if before.date < "1950" or (sex == "W" and before.date < "1977") or \
                    any(c in x.name + before.name for c in "[]()\"") or raw.fold(x.name) == raw.fold(before.name):
                continue
            if any(raw.fold(r.name) == raw.fold(x.name) for r in first[:i]):
                continue
            agreed = True
            covering = 0
            spelt: tuple[set[str], set[str]] = (set(), set())
            for s in sources[1:]:
                other = steps[s]
                if not other or other[0].date > before.date or other[-1].date < x.date:
                    continue
                covering += 1
                idx = next((j for j, r in enumerate(other) if raw.fold(r.name) == raw.fold(x.name)), None)
                if idx is None or idx == 0 or raw.fold(other[idx - 1].name) != raw.fold(before.name) \
                        or abs(other[idx - 1].value - before.value) > 0.005 or other[idx].date != x.date:
                    agreed = False
                    break
                spelt[0].add(other[idx].name)
                spelt[1].add(other[idx - 1].name)
            if not agreed or not covering:
                continue
            nx, nb = _step_name(x, event, sex), _step_name(before, event, sex)
            # a name only the progression files give is shown as they spell it: they must spell it alike
            if nx and nx[1] is None and len(spelt[0] | {x.name}) > 1 or \
                    nb and nb[1] is None and len(spelt[1] | {before.name}) > 1:
                continue
            if nx is None or nb is None or (nx[1] is not None and nx[1] == nb[1]) \
                    or names.compatible(x.name, before.name, loose=True):
                continue
            if before.date >= "1977" and nb[1] is None and raw.toplist(event, sex) and \
                    min(p.date for p in raw.toplist(event, sex)) < before.date:
                continue      # a record the toplists (which drop annulled marks) do not have
            mx, mb = _progression_mark(event, x.value, x.date), _progression_mark(event, before.value, before.date)
            if mx is None or mb is None or before.value == x.value:
                continue
            out.append((event, sex, Step(nx[0], mx, x.value, x.date, nx[1]),
                        Step(nb[0], mb, before.value, before.date, nb[1])))
    return out


@cache
def _by_nation(event: str, sex: str) -> dict[str, list[raw.Perf]]:
    out: dict[str, list[raw.Perf]] = defaultdict(list)
    for p in raw.toplist(event, sex):
        out[p.nat].append(p)
    return out


def _switched(event: str, sex: str, nat: str, before: str, value: float) -> bool:
    """Did an athlete who has marks for this nation and another one run better than `value` before `before`
    (James Kwalia's 12:54.58 of 2004: listed for Kenya, his records are Qatar's)?"""
    people = {(p.dob, p.key[2]) for p in _by_nation(event, sex).get(nat, []) if p.dob}
    for other, rows in _by_nation(event, sex).items():
        if other == nat:
            continue
        for p in rows:
            if (p.dob, p.key[2]) in people and p.date < before and raw.better(event, p.value, value):
                return True
    return False


@cache
def national_before() -> list[tuple[str, str, str, Step, Step]]:
    """(nation, event, sex, holder X's first national record, the one before), worked out from the toplists'
    outdoor marks for the current record holders of national.csv; left out when an indoor mark or a hand
    time is in between."""
    out = []
    for (nat, event, sex), holder in sorted(national_records().items()):
        rows = sorted(_by_nation(event, sex).get(nat, []), key=lambda p: (p.date, p.value))
        best: raw.Perf | None = None
        prev: raw.Perf | None = None
        for p in rows:
            if p.indoor:
                continue
            if best is None or raw.better(event, p.value, best.value):
                if p.key == holder.key and best is not None and best.key != holder.key:
                    prev = best
                    first = p
                    break
                if p.key == holder.key and best is None:
                    break
                best = p
        if prev is None:
            continue
        indoor_between = any(p.indoor and p.date < first.date and raw.better(event, p.value, prev.value)
                             for p in rows)
        if indoor_between or prev.hand or first.hand or not names.certain(prev.key):
            continue
        if prev.rank > 2000:
            continue          # deep in the list: an older record could be missing from it
        if _switched(event, sex, nat, first.date, prev.value):
            continue          # an athlete who ran for two nations: whose record it was depends on the rule
        out.append((nat, event, sex, Step(holder.name, first.mark, first.value, first.date, holder.key),
                    Step(names.name(prev.key), prev.mark, prev.value, prev.date, prev.key)))
    return out


def progression_rows(event: str, sex: str) -> list[Step]:
    """Records every progression file agrees on (athlete and mark), with the toplists' athlete, electronic."""
    sources = sorted({r.source for r in raw.progressions() if r.event == event and r.sex == sex})
    if not sources:
        return []
    steps = {s: _steps(s, event, sex) for s in sources}
    out = []
    for r in steps[sources[0]]:
        if r.date < "1977":
            continue
        if all(any(raw.fold(o.name) == raw.fold(r.name) and abs(o.value - r.value) < 0.005 and o.date == r.date
                   for o in steps[s]) for s in sources[1:]):
            named = _step_name(r, event, sex)
            if named and named[1] is not None:
                out.append(Step(named[0], raw.fmt_time(r.value, event), r.value, r.date, named[1]))
    return out


def wr_days() -> dict[str, list[Holder]]:
    """MM-DD -> the current (outdoor) world records set on that day of the year."""
    out: dict[str, list[Holder]] = defaultdict(list)
    for (_e, _s, indoor), h in world_records().items():
        if not indoor:
            out[h.date[5:]].append(h)
    return out

