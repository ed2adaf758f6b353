"""Medal counts from the raw files: Olympic medals (the medal list, plus Tokyo 2020 from the toplists' finals)
and World Championships medals (the finals file, 1983-2013, track 100 m to 10,000 m).

An athlete is counted only where the count cannot be read two ways: no relay medal (a team's medal may or may
not count for its runners; the medal list's named runners and Rio 2016's runners by leg), every medal since 1972 confirmed by the final on the toplists, no medal row whose
name could be theirs but is not linked to them, and for world titles a career inside the finals file's
events and years.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from tests.ask.goldgen import finals, marks, names, raw

WC_EVENTS = {"100m", "200m", "400m", "800m", "1500m", "3000m", "5000m", "10000m"}


@dataclass
class Tally:
    key: tuple
    medals: list[tuple[int, str, str]] = field(default_factory=list)   # (year, event, medal)

    @property
    def golds(self) -> int:
        return sum(m == "gold" for _, _, m in self.medals)


def _resolve(nat: str, spelling: str) -> tuple | None:
    book = names.book()
    hits = {k for k in book._candidates(nat, spelling) if any(names.compatible(s, spelling) for s in book.spellings[k])}
    return hits.pop() if len(hits) == 1 else None


@cache
def olympic() -> dict[tuple, Tally]:
    out: dict[tuple, Tally] = {}
    bad: set[tuple] = set()
    final_at = {(f.year, f.event, f.sex): f for f in finals.olympic_finals()}
    medal_place = {"gold": 1, "silver": 2, "bronze": 3}
    singles = []
    for m in raw.olympic_medals():
        if m.sex not in ("M", "W"):
            continue
        if len(m.names) > 1 or m.event is None:
            for spelling in m.raw_names:               # a relay (or an event we do not know): its runners
                key = _resolve(m.nat, spelling)
                if key:
                    bad.add(key)
            continue
        singles.append(m)
    for nat, spelling in _rio_relay_runners():   # the Rio results name 2016's relay medallists by leg
        key = _resolve(nat, spelling)
        if key:
            bad.add(key)
    for m in singles:
        key = _resolve(m.nat, m.raw_names[0])
        if key is None or m.event is None:
            continue
        final = final_at.get((m.year, m.event, m.sex))
        row = final.at(medal_place[m.medal]) if final else None
        if m.year >= 1972 and (row is None or row.key != key):
            bad.add(key)
        out.setdefault(key, Tally(key)).medals.append((m.year, m.event, m.medal))
    for f in finals.olympic_finals():
        if f.year != 2021:
            continue
        for r in f.rows[:3]:
            if r.key:
                out.setdefault(r.key, Tally(r.key)).medals.append((2021, f.event, ("gold", "silver", "bronze")[r.place - 1]))
    tokyo = {(f.event, f.sex) for f in finals.olympic_finals() if f.year == 2021}
    # Games whose medal rows name athletes in Cyrillic (1996-2004): nobody active then can be counted
    unreadable = {m.year for m in raw.olympic_medals() if any("\u0400" <= c <= "\u04ff" for n in m.names for c in n)}
    book = names.book()
    for key in list(out):
        sex = next((s for e, s in raw.events() if key in _keys(e, s)), None)
        ran_2021 = [e for e, s in raw.events() if s == sex and any(p.year == 2021 for p in _keys(e, s).get(key, ()))]
        if any((e, sex) not in tokyo and e not in raw.ROAD for e in ran_2021):
            bad.add(key)
        if any(p.year in unreadable for e, s in raw.events() if s == sex for p in _keys(e, s).get(key, ())):
            bad.add(key)
        # a medal row that could name this athlete but was not linked to them
        for m in singles:
            if m.nat == key[1] and any(names.compatible(s, m.raw_names[0], loose=True) for s in book.spellings[key]) \
                    and _resolve(m.nat, m.raw_names[0]) != key:
                bad.add(key)
        if not names.certain(key):
            bad.add(key)
    return {k: v for k, v in out.items() if k not in bad}


def _rio_relay_runners() -> list[tuple[str, str]]:
    """(nation, "Given FAMILY") of every runner of a Rio 2016 relay team that won a medal."""
    import json
    games = json.loads((raw.SHARED / "rio2016-complete-tilastopaja" / "rio_athletics_results.json")
                       .read_text(encoding="utf-8"))
    return [(team.get("country") or "", f"{leg.get('givenName', '')} {leg.get('familyName', '').upper()}".strip())
            for block in games["events"] if block.get("eventCode", "").startswith("4x") and block.get("roundName") is None
            for team in block["result"] if team.get("rank") in ("1", "2", "3") for leg in team.get("runners", [])]


def _keys(event: str, sex: str) -> dict[tuple, tuple[raw.Perf, ...]]:
    return marks.by_athlete(event, sex)


@cache
def world() -> dict[tuple, Tally]:
    """World Championships medals 1983-2013 of athletes whose whole career fits the finals file."""
    out: dict[tuple, Tally] = {}
    bad: set[tuple] = set()
    for w in raw.wc_finals():
        if w.place is None or w.place > 3:
            continue
        key = _resolve(w.nat, w.name)
        if key is None:
            continue
        year = next((f.year for f in finals.world_finals() if (f.edition, f.event, f.sex) == (w.edition, w.event, w.sex)
                     and any(r.key == key and r.place == w.place for r in f.rows)), None)
        if year is None:
            bad.add(key)
            continue
        out.setdefault(key, Tally(key)).medals.append((year, w.event, ("gold", "silver", "bronze")[w.place - 1]))
    for key in list(out):
        sex = next(s for e, s in raw.events() if key in _keys(e, s))
        events = {e for e, s in raw.events() if s == sex and key in _keys(e, s)}
        last = max(p.date for e in events for p in _keys(e, sex)[key])
        if not events <= WC_EVENTS or last >= "2014" or not names.certain(key):
            bad.add(key)
    return {k: v for k, v in out.items() if k not in bad}
