"""The undated finals of the medal lists and the WCh finals file: dated by the toplist (or Rio) final they
match, then joined into that final's race (one final, one race, one result per place); and the places of
Olympic finals where the two medal lists agree (issue 14: where the medallist sources agree on a medal, that
is the place)."""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

from bot.common import events as ev
from bot.common import names
from bot.pipeline.build.state import BuildState, Result, is_list_final
from bot.pipeline.importers.model import Rejected

# Walks the lists name by a track distance that the toplists file under the road event of that distance (the
# Olympic women's '10000m walk' of 1992 and 1996 is the toplists' 10 km road walk); and the other way round.
WALK_TWINS = {"10000mW": "10kmW", "20000mW": "20kmW", "30000mW": "30kmW", "50000mW": "50kmW"}
WALK_TWINS.update({road: track for track, road in list(WALK_TWINS.items())})


def date_list_finals(st: BuildState) -> None:
    """Date the undated finals of the medal lists and the WCh finals file: the day of the toplist (or Rio)
    final at that championship whose results share the most rows with the list (the same athlete with the
    same place or mark, or the same place with the same mark, a hand time allowing for 0.25 s); the later
    day on a tie (a heat written with plain places comes before its final). A list walk with no final of its
    own event is the final of its twin (same distance on the road or the track) when that one shares rows
    with it. A dated list final merges into that race (see bot/pipeline/build/merge.py and join_list_finals)."""
    finals: dict[tuple, dict[str, list[Result]]] = defaultdict(lambda: defaultdict(list))
    lists: dict[tuple, list[Result]] = defaultdict(list)
    for r in st.results:
        if r.comp is None:
            continue
        key = (r.comp, r.perf.event, r.perf.sex)
        if is_list_final(r.perf):
            lists[key].append(r)
        elif r.date and r.perf.round in (None, "F"):
            finals[key][r.date].append(r)
    st.final_dates = {}
    for key, ls in lists.items():
        found = _best_day(key, ls, finals.get(key))
        twin = WALK_TWINS.get(key[1])
        if found is None and twin and (key[0], twin, key[2]) not in lists:
            found = _best_day((key[0], twin, key[2]), ls, finals.get((key[0], twin, key[2])))
            if found is not None:
                _refile(st, ls, twin, found)
                key = (key[0], twin, key[2])
        if found is None:
            continue
        st.final_dates[key] = found
        for lr in ls:
            lr.date = found
        st.stats["list_finals_dated"] += 1


def _best_day(key: tuple, ls: list[Result], by_date: dict[str, list[Result]] | None) -> str | None:
    """The day of the final (of key's event) that shares the most rows with the list rows, or None."""
    if not by_date:
        return None
    # Hand times in the lists (2:00.9) against the toplists' automatic times (2:00.92).
    slack = 0.25 if ev.get(key[1]).mark_format == ev.TIME else 0.005

    def shared(day: str) -> int:
        there = by_date[day]
        return sum(1 for lr in ls if any(
            (x.athlete is lr.athlete and (x.place == lr.place or (
                lr.value is not None and x.value is not None and abs(x.value - lr.value) < 0.005))) or
            (lr.place is not None and x.place == lr.place and lr.value is not None and x.value is not None
             and abs(x.value - lr.value) <= slack)
            for x in there))
    best = max(by_date, key=lambda d: (shared(d), d))
    return best if shared(best) else None


def _refile(st: BuildState, ls: list[Result], twin: str, day: str) -> None:
    for lr in ls:
        st.issues.append(Rejected(lr.perf.source, lr.perf.ref, (
            f"{ev.get(lr.perf.event).name} is the final the toplists hold as the {ev.get(twin).name} of {day} "
            f"(same athletes and places): filed under {twin}"), corrected=True))
        lr.perf = dataclasses.replace(lr.perf, event=twin)
    st.stats["list_finals_refiled"] += 1


# --------------------------------------------------------------------------------------------- agreed medals

def same_person(st: BuildState, a: Result, b: Result, nation: bool = True) -> bool:
    """Two rows that name one athlete: the same athlete entry, or (entries not found to be one) the same family
    name written alike ('Lituev' / 'Lituyev', 'Englehardt' / 'Engelhardt') and, when `nation`, no two
    different nations. Only asked of rows at one place of one final, where that is enough."""
    x, y = st.registry.canonical(a.athlete), st.registry.canonical(b.athlete)
    if x is y:
        return True
    if x.is_team or y.is_team:
        return x.is_team and y.is_team and bool(x.nationality) and x.nationality == y.nationality
    if nation and x.nationality and y.nationality and x.nationality != y.nationality:
        return False
    fx, fy = names.fold(x.family).replace(" ", ""), names.fold(y.family).replace(" ", "")
    tx, ty = set(names.tokens(x.family)), set(names.tokens(y.family))
    return bool(fx and fy) and (SequenceMatcher(None, fx, fy).ratio() >= 0.8 or bool(tx and ty and (tx <= ty or ty <= tx)))


@dataclasses.dataclass
class AgreedMedal:
    place: int
    rows: list[Result]    # the list rows that agree (one per medal list)

    def refs(self) -> str:
        return ", ".join(f"{r.perf.source} {r.perf.ref}" for r in self.rows)


def agree_medals(st: BuildState) -> None:
    """Where every medal list holding an Olympic final names the same athlete for a medal, that is the place
    (issue 14). Found here, before the medal rows are merged into the toplists' results; applied when the
    final's race is formed (settle_medals). Medals the lists do not agree on are left to the usual order of
    authority (the toplists' place, logged)."""
    by_final: dict[tuple, dict[str, list[Result]]] = defaultdict(lambda: defaultdict(list))
    for r in st.results:
        if is_list_final(r.perf) and r.comp is not None and r.place in (1, 2, 3) \
                and st.comps[r.comp - 1].level == "OG":
            by_final[(r.comp, r.perf.event, r.perf.sex)][r.perf.source].append(r)
    st.agreed_medals = {}
    for key, per_source in by_final.items():
        if len(per_source) < 2:
            continue
        first, *others = [per_source[s] for s in sorted(per_source)]
        agreed: list[AgreedMedal] = []
        for r in first:
            if r.place is None:
                continue
            matches = [next((x for x in rows if x.place == r.place and same_person(st, r, x, nation=False)), None)
                       for rows in others]
            if all(m is not None for m in matches):
                agreed.append(AgreedMedal(r.place, [r, *[m for m in matches if m is not None]]))
        if agreed:
            st.agreed_medals[key] = agreed
            st.stats["agreed_medals"] += len(agreed)


def _medallist_rows(st: BuildState, medal: AgreedMedal, race: Iterable[Result]) -> list[Result]:
    return [x for x in race if any(same_person(st, x, m) for m in medal.rows)]


# --------------------------------------------------------------------------------------------- joining races

def join_list_finals(st: BuildState, groups: dict[tuple, list[Result]]) -> None:
    """Move each dated list final into the race of that final on that day (the group holding the most
    results the list confirmed). A list result whose athlete is already in that race under another place,
    or whose place another athlete holds with another mark, disagrees with a more authoritative source:
    it is logged in import_issues and not imported (one final, one result per place) -- unless the medal
    lists agree on that medal: then the medallist joins (settle_medals places everyone)."""
    list_sources = st.list_sources
    targets: dict[tuple, list[tuple]] = defaultdict(list)
    for key in groups:
        if key[0] != "list" and key[1] is not None and key[4] and key[5] in (None, "F"):
            targets[(key[1], key[2], key[3], key[4])].append(key)
    for key in [k for k in groups if k[0] == "list" and k[4]]:
        cands = targets.get((key[1], key[2], key[3], key[4]))
        if not cands:
            continue
        target = max(cands, key=lambda k: (sum(1 for x in groups[k] if x.confirmed_by & list_sources),
                                           len(groups[k])))
        race = groups[target]
        medals = st.agreed_medals.get((key[1], key[2], key[3]), [])
        joined: list[Result] = []
        for lr in sorted(groups.pop(key), key=lambda x: (-x.authority, x.place or 10**6)):
            medal = next((m for m in medals if lr in m.rows), None)
            if medal is not None:
                if not _medallist_rows(st, medal, race + joined):
                    joined.append(lr)   # a medallist the toplists miss (the 1992 100 m hurdles' Martin)
                continue
            if not _stays_out(st, lr, race + joined):
                joined.append(lr)
        race.extend(joined)
        st.stats["list_finals_joined"] += 1


def _stays_out(st: BuildState, lr: Result, race: list[Result]) -> bool:
    """Whether a list result stays out of the race it joins: its place fills in the toplist's unknown one, or
    it disagrees with a more authoritative result there (logged); False when it joins the race."""
    mine = next((x for x in race if x.athlete is lr.athlete), None)
    there = [x for x in race
             if lr.place is not None and x.place == lr.place and x.athlete is not lr.athlete]
    # A tie: the same mark, or a medal list that gives the place twice (a shared medal, no mark).
    tie = all((lr.value is not None and x.value is not None and abs(x.value - lr.value) < 1e-9) or
              x.perf.source == lr.perf.source for x in there)
    if mine is not None and mine.place is None and lr.place is not None and not there:
        # The toplist knows the athlete's mark in that final but not the place: the list gives it.
        mine.place = lr.place
        mine.confirmed_by.add(lr.perf.source)
        if lr.value is not None and mine.value is not None and abs(lr.value - mine.value) > 1e-9:
            st.issues.append(Rejected(lr.perf.source, lr.perf.ref, (
                f"disagrees with {mine.perf.source} ({mine.perf.ref}) on the final of {lr.date}: "
                f"{lr.mark} vs {mine.mark}; kept {mine.mark} (higher authority) and the place {lr.place}")))
            st.stats["disagreements"] += 1
        return True
    against = mine or (there[0] if there and not tie else None)
    if against is not None and against.authority >= lr.authority:
        what = (f"{against.athlete.given} {against.athlete.family} is placed {against.place}"
                f"{' in ' + against.mark if against.mark else ''}" if mine else
                f"place {lr.place} is {against.athlete.given} {against.athlete.family}"
                f"{' in ' + against.mark if against.mark else ''}")
        st.issues.append(Rejected(lr.perf.source, lr.perf.ref, (
            f"disagrees with {against.perf.source} ({against.perf.ref}) on the final of "
            f"{lr.date}: {what} there, not {lr.place}{' in ' + lr.mark if lr.mark else ''}; "
            f"kept {against.perf.source} (higher authority)")))
        st.stats["disagreements"] += 1
        against.confirmed_by.add(lr.perf.source)
        return True
    return False


# --------------------------------------------------------------------------------------------- places

def settle_list_final(st: BuildState, rows: list[Result]) -> list[Result]:
    """A final known only from the lists (no toplist or Rio race) is one race. Rows of one list at one place
    are a shared medal (1912 decathlon, two silvers). The most authoritative list holding the final
    (olympic-medallists-1896-2024, which applies later reallocations, over the older marks file) decides; a
    row of another list at place p is
    - one result with the ruling row at p when both name one athlete two ways (Théato LUX / FRA, Lituev /
      Lituyev): the row with the mark is kept;
    - left out (logged) when the ruling list gives p to another athlete, or ranks at p or better an athlete
      this list ranks below p (the athlete was disqualified and the others moved up: 2008 women's 5000 m,
      Abeylegesse; 2012 women's 1500 m, Bulut, behind whom the marks file ranks the champion Jamal);
    - kept otherwise (the ruling list has no usable row for p: a name it garbles, 1948 steeplechase)."""
    def weight(r: Result) -> int:   # a row a more authoritative list confirmed speaks for that list too
        return max(st.sources[s].authority for s in {r.perf.source} | r.confirmed_by)
    top = max((weight(r) for r in rows), default=0)
    ruling = [r for r in rows if weight(r) == top]
    kept = list(ruling)
    for r in sorted((r for r in rows if weight(r) < top), key=lambda x: -weight(x)):
        twin = next((x for x in kept if x.place == r.place and same_person(st, x, r, nation=False)), None)
        if twin is not None:
            _one_result(st, kept, twin, r)
            continue
        other = next((x for x in ruling if x.place == r.place), None)
        passed = next((x for x in ruling if x.place is not None and r.place is not None and x.place <= r.place
                       and x.perf.source == r.perf.source and (x.perf.place or 0) > r.place), None)
        if other is None and passed is None:
            kept.append(r)
            continue
        ruler = max(ruling[0].confirmed_by | {ruling[0].perf.source}, key=lambda x: st.sources[x].authority)
        why = (f"place {r.place} is {other.athlete.given} {other.athlete.family} there" if other is not None else
               f"it ranks {passed.athlete.given} {passed.athlete.family} {passed.place}, whom this list ranks "
               f"{passed.perf.place}" if passed is not None else "")
        st.issues.append(Rejected(r.perf.source, r.perf.ref, (
            f"{r.athlete.given} {r.athlete.family} ({r.athlete.nationality}) is not a medallist of this final in "
            f"{ruler} (higher authority; it applies later reallocations): {why}; not imported")))
        st.stats["disagreements"] += 1
    return kept


def _one_result(st: BuildState, kept: list[Result], x: Result, r: Result) -> None:
    """x and r name one athlete at one place: keep the row with a mark (its source line has it), log the other."""
    keep, drop = (x, r) if x.value is not None or r.value is None else (r, x)
    if keep is r:
        kept[kept.index(x)] = r
    if keep.place is None:
        keep.place = drop.place
    keep.confirmed_by.add(drop.perf.source)
    if st.registry.merge(keep.athlete, drop.athlete, f"place {keep.place} in one final ({keep.perf.ref}, "
                                                     f"{drop.perf.ref})") is None:
        st.issues.append(Rejected(drop.perf.source, drop.perf.ref, (
            f"names {drop.athlete.given} {drop.athlete.family} ({drop.athlete.nationality}) at place {drop.place}, "
            f"where {keep.perf.source} ({keep.perf.ref}) has {keep.athlete.given} {keep.athlete.family} "
            f"({keep.athlete.nationality}): one medallist written two ways, one result")))
    st.stats["list_rows_one_athlete"] += 1


def settle_medals(st: BuildState, groups: dict[tuple, list[Result]]) -> set[int]:
    """Give each agreed medal (agree_medals) its place in the final's race. A medallist the toplists miss
    (their numbering skips the athlete: 1992 100 m hurdles, Martin 12.69; 1992 shot put, Doehring 20.96)
    joins at that place and the toplists' places from it down move one place; a toplist place the lists give
    to someone else changes (2000 women's 100 m: both lists give Thanou and Lawrence silver, none gold). Every
    change is logged. Returns the results whose place the lists settled (id()): two of them at one place are a
    shared medal, not two races."""
    fixed: set[int] = set()
    for key, medals in st.agreed_medals.items():
        gkey = _final_group(st, groups, key)
        if gkey is None:
            continue
        race = groups[gkey]
        dated = gkey[0] != "list"
        holders: dict[int, Result] = {}
        inserted: list[int] = []
        for medal in medals:
            rows = _medallist_rows(st, medal, race)
            if not rows:
                continue
            main = min(rows, key=lambda x: (is_list_final(x.perf), x.value is None, -x.authority))
            for extra in rows:
                if extra is not main:   # the same medallist twice (two lists, or a list row that joined)
                    race.remove(extra)
                    _one_result(st, [main], main, extra)
            holders[id(main)] = main
            fixed.add(id(main))
            if dated and is_list_final(main.perf):
                inserted.append(medal.place)
            main_place = medal.place
            if main.place != main_place:
                _moved(st, main, main_place, f"the medal lists agree ({medal.refs()})")
        for place in sorted(inserted):
            for x in race:
                if id(x) not in holders and not is_list_final(x.perf) and x.place is not None and x.place >= place:
                    _moved(st, x, x.place + 1, f"the toplists' numbering skips the medallist at {place}, whom "
                                               f"the medal lists agree on")
        taken = {x.place for x in holders.values()}
        for x in race:
            if id(x) not in holders and x.place in taken and x.place is not None and x.place <= 3:
                _moved(st, x, None, "the medal lists agree on another medallist for that place")
    return fixed


def _moved(st: BuildState, x: Result, place: int | None, why: str) -> None:
    st.issues.append(Rejected(x.perf.source, x.perf.ref, f"place {x.place} -> {place if place else 'unknown'}: "
                                                         f"{why}", corrected=True))
    x.place = place
    st.stats["places_settled"] += 1


def _final_group(st: BuildState, groups: dict[tuple, list[Result]], key: tuple) -> tuple | None:
    """The group of that final's race: the dated race the list joined, else the list's own group."""
    comp, event, sex = key
    day = st.final_dates.get(key)
    cands = [k for k in groups if k[1] == comp and k[2] == event and k[3] == sex and
             ((k[0] != "list" and day and k[4] == day and k[5] in (None, "F")) or k[0] == "list")]
    if not cands:
        return None
    return max(cands, key=lambda k: (k[0] != "list", sum(1 for x in groups[k] if x.confirmed_by & st.list_sources),
                                     len(groups[k])))
