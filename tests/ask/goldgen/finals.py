"""Finals of named meets, from the raw files: Olympic Games, World Championships 1983-2013, Diamond League.

The toplists are the authority for results (data/SOURCES.md): a championship final is the toplist race whose
places agree with the medal list (Olympics) or the finals file (Worlds), and its marks are the toplists'.
Tokyo 2020 is not in the medal list: its finals are the toplists' at the Tokyo stadium during the Games (the
run of days with heats and qualifying rounds there in 2021), year 2021. A final where the sources disagree
(a later disqualification, a tie for a medal, a result missing from the toplists) is left out.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from tests.ask.goldgen import names, raw


@dataclass(frozen=True)
class Row:
    place: int
    name: str
    mark: str
    key: tuple | None     # the toplist athlete, when known
    sure: bool            # the display name is settled (names.py)


@dataclass(frozen=True)
class Final:
    meet: str
    year: int
    event: str
    sex: str
    date: str
    rows: tuple[Row, ...]    # by place
    size: int                # finishers with a place in the most complete source
    venue: str = ""
    edition: int = 0         # the finals file's championship number (Worlds)

    def at(self, place: int) -> Row | None:
        hits = [r for r in self.rows if r.place == place]
        return hits[0] if len(hits) == 1 else None


def _row(p: raw.Perf) -> Row:
    return Row(p.place or 0, names.name(p.key), p.mark, p.key, names.certain(p.key) and not p.hand)


@cache
def _plain_races(event: str, sex: str) -> dict[tuple[str, str], list[raw.Perf]]:
    """Toplist rows with a plain place, by (venue, date)."""
    out: dict[tuple[str, str], list[raw.Perf]] = defaultdict(list)
    for p in raw.toplist(event, sex):
        if p.place is not None:
            out[(p.venue, p.date)].append(p)
    return out


def _race(rows: list[raw.Perf]) -> list[raw.Perf] | None:
    """One race's rows by place; None when the medal places repeat (two races mixed, or a tie for a medal).
    A tie further down (common in the jumps) only leaves those rows out."""
    rows = sorted(rows, key=lambda p: p.place or 0)
    count: dict[int | None, int] = defaultdict(int)
    for p in rows:
        count[p.place] += 1
    if any(count[pl] != 1 for pl in (1, 2, 3)):
        return None
    return [p for p in rows if count[p.place] == 1]


@cache
def _medal_rows() -> dict[tuple[int, str, str], dict[str, list[raw.Medal]]]:
    out: dict[tuple[int, str, str], dict[str, list[raw.Medal]]] = defaultdict(lambda: defaultdict(list))
    for m in raw.olympic_medals():
        if m.event and m.sex in ("M", "W"):
            out[(m.year, m.event, m.sex)][m.medal].append(m)
    return out


def _matches(p: raw.Perf, medal: raw.Medal) -> bool:
    return p.nat == medal.nat and len(medal.raw_names) == 1 and _known_as(p.key, medal.raw_names[0])


@cache
def _known_as(key: tuple, spelling: str) -> bool:
    return any(names.compatible(s, spelling) for s in names.book().spellings[key])


def _medal_races(year: int, event: str, sex: str, medals) -> list[list[raw.Perf]]:
    """Toplist races of the year whose first three are the medallists, in order."""
    out = []
    for (_venue, date), rows in _plain_races(event, sex).items():
        if int(date[:4]) != year:
            continue
        race = _race(rows)
        if not race:
            continue
        by_place = {p.place: p for p in race}
        if all(pl in by_place and _matches(by_place[pl], medals[m][0])
               for pl, m in ((1, "gold"), (2, "silver"), (3, "bronze"))):
            out.append(race)
    return out


@cache
def olympic_finals() -> tuple[Final, ...]:
    """Each Games' finals: the races whose first three are the medallists, at the Games stadium (the venue most
    of that year's medal races share: the same three may also finish in that order at a later meeting)."""
    candidates: dict[int, list[tuple[str, str, list[raw.Perf]]]] = defaultdict(list)
    for (year, event, sex), medals in sorted(_medal_rows().items()):
        if [len(medals.get(m, [])) for m in ("gold", "silver", "bronze")] != [1, 1, 1]:
            continue                                   # a shared medal, or one missing
        if (event, sex) not in raw.events() or event in raw.ROAD:
            continue
        for race in _medal_races(year, event, sex, medals):
            candidates[year].append((event, sex, race))
    out = []
    for year, found in sorted(candidates.items()):
        votes: dict[str, int] = defaultdict(int)
        for _e, _s, race in found:
            votes[race[0].venue] += 1
        stadium = max(votes, key=lambda v: votes[v])
        per_event: dict[tuple[str, str], list[list[raw.Perf]]] = defaultdict(list)
        for event, sex, race in found:
            if race[0].venue == stadium:
                per_event[(event, sex)].append(race)
        for (event, sex), races in sorted(per_event.items()):
            if len(races) == 1:
                race = races[0]
                out.append(Final("OG", year, event, sex, race[0].date, tuple(_row(p) for p in race), len(race),
                                 stadium))
    out += _tokyo()
    return tuple(out)


def games_venue(year: int) -> str | None:
    """The stadium of a Games, from its finals."""
    venues = {f.venue for f in olympic_finals() if f.year == year}
    return venues.pop() if len(venues) == 1 else None


def _tokyo() -> list[Final]:
    """Tokyo 2020, held in 2021: the toplists' finals at the Tokyo stadium during the run of championship days."""
    round_days: dict[str, set[str]] = defaultdict(set)
    for event, sex in raw.events():
        for p in raw.toplist(event, sex):
            if p.year == 2021 and "Tokyo" in p.venue and p.round and p.round[0] in "hsq":
                round_days[p.venue].add(p.date)
    if not round_days:
        return []
    venue = max(round_days, key=lambda v: len(round_days[v]))
    first, last = min(round_days[venue]), max(round_days[venue])
    out = []
    for event, sex in raw.events():
        races = {d: rows for (v, d), rows in _plain_races(event, sex).items() if v == venue and first <= d}
        # finals may come a day or two after the last heats of the Games
        end = (dt.date.fromisoformat(last) + dt.timedelta(days=3)).isoformat()
        days = sorted(d for d in races if d <= end)
        if not days:
            continue
        race = _race(races[days[-1]])
        if race and race[0].place == 1 and len(race) >= 3 and race[2].place == 3:
            out.append(Final("OG", 2021, event, sex, days[-1], tuple(_row(p) for p in race), len(race), venue))
    return out


@cache
def world_finals() -> tuple[Final, ...]:
    """World Championships 1983-2013 (track, 100 m to 10,000 m): the finals file's places, the toplists' marks."""
    groups: dict[tuple, list[raw.WCResult]] = defaultdict(list)
    for w in raw.wc_finals():
        groups[(w.edition, w.event, w.sex)].append(w)
    out = []
    for (edition, event, sex), rows in sorted(groups.items()):
        placed = sorted((w for w in rows if w.place), key=lambda w: w.place or 0)
        if [w.place for w in placed[:3]] != [1, 2, 3]:
            continue
        winner = placed[0]
        found = None
        for plain in _plain_races(event, sex).values():
            race = _race(plain)
            if not race or race[0].place != 1 or winner.seconds is None:
                continue
            p = race[0]
            if p.nat == winner.nat and abs(p.value - winner.seconds) < 0.006 and any(
                    names.compatible(s, winner.name) for s in names.book().spellings[p.key]):
                found = race
                break
        if not found:
            continue
        by_place = {p.place: p for p in found}
        ok = True
        final_rows = []
        for w in placed:
            hit = by_place.get(w.place)
            confirmed = hit is not None and hit.nat == w.nat and _known_as(hit.key, w.name)
            if w.place is not None and w.place <= 3 and not confirmed:
                ok = False
                break
            if confirmed and hit is not None:
                final_rows.append(_row(hit))
        if ok:
            out.append(Final("WCH", int(found[0].date[:4]), event, sex, found[0].date, tuple(final_rows), len(placed),
                             found[0].venue, edition))
    return tuple(out)


def _dl_key(r: raw.DLResult, event: str, sex: str, date: str) -> tuple | None:
    """The toplist athlete of a Diamond League result: the same day's mark on the toplists, else the name."""
    for p in raw.by_date(event, sex).get(date, ()):
        if p.nat == r.nat and any(names.compatible(s, r.raw_name)
                                                     for s in names.book().spellings[p.key]):
            return p.key
    return None


@cache
def dl_finals() -> tuple[Final, ...]:
    """Diamond League meetings 2010-2023: one race of the event at the meeting, its winner's mark as the toplists
    have it (a disagreement leaves the race out), no doping note on the podium."""
    groups: dict[tuple, list[raw.DLRace]] = defaultdict(list)
    for race in raw.dl_races():
        if race.category != "Split times" and race.sex in ("M", "W"):
            groups[(race.meet, race.year, race.event, race.sex)].append(race)
    out = []
    for (meet, year, event, sex), races in sorted(groups.items(), key=lambda kv: tuple(map(str, kv[0]))):
        if event is None or len(races) != 1 or (event, sex) not in raw.events():
            continue
        race = races[0]
        if not race.detail.startswith("Final") or race.detail.startswith("Final\xa0"):
            continue
        placed = sorted((r for r in race.results if r.place), key=lambda r: r.place or 0)
        if [r.place for r in placed[:3]] != [1, 2, 3] or any(r.doping for r in placed[:3]):
            continue
        rows = []
        ok = True
        for r in placed:
            if not r.mark or not r.mark[0].isdigit():
                continue
            try:
                mark = raw.canonical(event, r.mark.rstrip("h"))
            except ValueError:
                continue
            key = _dl_key(r, event, sex, race.date) if r.place is not None and r.place <= 8 else None
            if key is not None:
                tops = [p for p in raw.by_date(event, sex)[race.date] if p.key == key]
                if tops and mark not in {p.mark for p in tops}:
                    ok = r.place is not None and r.place > 3   # a podium mark the toplists give otherwise
                    if not ok:
                        break
                    continue
                rows.append(Row(r.place or 0, names.name(key), mark, key, names.certain(key) and "h" not in r.mark))
            else:
                rows.append(Row(r.place or 0, r.name, mark, None, False))
        if ok:
            out.append(Final(meet, year, event, sex, race.date, tuple(rows), len(placed)))
    return tuple(out)
