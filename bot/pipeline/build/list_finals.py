"""The undated finals of the medal lists and the WCh finals file: dated by the toplist (or Rio) final they
match, then joined into that final's race (one final, one race, one result per place)."""
from __future__ import annotations

from collections import defaultdict

from bot.common import events as ev
from bot.pipeline.build.state import BuildState, Result, is_list_final
from bot.pipeline.importers.model import Rejected


def date_list_finals(st: BuildState) -> None:
    """Date the undated finals of the medal lists and the WCh finals file: the day of the toplist (or Rio)
    final at that championship whose results share the most rows with the list (the same athlete with the
    same place or mark, or the same place with the same mark, a hand time allowing for 0.25 s); the later
    day on a tie (a heat written with plain places comes before its final). A dated list final merges
    into that race (see bot/pipeline/build/merge.py and join_list_finals)."""
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
        by_date = finals.get(key)
        if not by_date:
            continue

        # Hand times in the lists (2:00.9) against the toplists' automatic times (2:00.92).
        slack = 0.25 if ev.get(key[1]).mark_format == ev.TIME else 0.005

        def shared(day: str, by_date: dict[str, list[Result]] = by_date, ls: list[Result] = ls,
                   slack: float = slack) -> int:
            there = by_date[day]
            return sum(1 for lr in ls if any(
                (x.athlete is lr.athlete and (x.place == lr.place or (
                    lr.value is not None and x.value is not None and abs(x.value - lr.value) < 0.005))) or
                (lr.place is not None and x.place == lr.place and lr.value is not None and x.value is not None
                 and abs(x.value - lr.value) <= slack)
                for x in there))
        best = max(by_date, key=lambda d: (shared(d), d))
        if shared(best) == 0:
            continue
        st.final_dates[key] = best
        for lr in ls:
            lr.date = best
        st.stats["list_finals_dated"] += 1


def join_list_finals(st: BuildState, groups: dict[tuple, list[Result]]) -> None:
    """Move each dated list final into the race of that final on that day (the group holding the most
    results the list confirmed). A list result whose athlete is already in that race under another place,
    or whose place another athlete holds with another mark, disagrees with a more authoritative source:
    it is logged in import_issues and not imported (one final, one result per place)."""
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
        joined: list[Result] = []
        for lr in sorted(groups.pop(key), key=lambda x: (-x.authority, x.place or 10**6)):
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
