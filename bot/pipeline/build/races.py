"""Race splitting: results grouped into races; toplist rows at one venue and date with clashing places are
split into several races (mixed races), list finals join the dated race of their final, and one athlete is
in a race once."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Set as AbstractSet

from bot.common import events as ev
from bot.common import marks
from bot.pipeline.build.list_finals import join_list_finals, settle_list_final, settle_medals
from bot.pipeline.build.state import BuildState, Result, is_list_final
from bot.pipeline.importers.model import Rejected


def group_races(st: BuildState) -> None:
    """Group results into races. Toplist groups with clashing places are split (mixed races). The list
    finals (medal lists, WCh finals file) of one championship final are one group, and join the dated
    race of that final (toplists, Rio) when there is one: one final, one race; a final known from the lists
    alone is one race too (list_finals.settle_list_final). Then each athlete is in each race once."""
    groups: dict[tuple, list[Result]] = defaultdict(list)
    for r in st.results:
        groups[_race_key(r)].append(r)
    join_list_finals(st, groups)
    fixed = settle_medals(st, groups)
    rounds = _days_with_rounds(st.results)
    kept: list[Result] = []
    for key, rs in groups.items():
        parts = [settle_list_final(st, rs)] if key[0] == "list" else split(st, _once_each(st, rs), fixed)
        for i, part in enumerate(parts):
            _add_race(st, part, i, rounds)
            kept += part
    st.results = kept


def _day_key(r: Result) -> tuple:
    return (r.comp if r.comp is not None else r.perf.venue, r.perf.event, r.perf.sex, r.date, r.perf.indoor)


def _days_with_rounds(results: list[Result]) -> set[tuple]:
    """The toplists' (meeting or venue, event, day) with earlier rounds written in the position ('1h2', '3sf1',
    '4q1'): their rows with a plain place that day are the final."""
    return {_day_key(r) for r in results if r.perf.source == "wa-toplists" and r.date
            and r.perf.round not in (None, "F", "CE")}


def _race_key(r: Result) -> tuple:
    p = r.perf
    structured = p.source != "wa-toplists"
    venue = None if structured else (p.venue or "")
    key: tuple
    if is_list_final(p) and r.comp is not None:
        key = ("list", r.comp, p.event, p.sex, r.date or "", p.round, None, None, p.indoor, None)
    else:
        # A source's own race (the Diamond League archive's blocks) keeps two finals of one day apart.
        key = (p.source if structured else "t", r.comp, p.event, p.sex,
               r.date if (r.comp is None or not structured) else (r.date or ""),
               p.round, p.heat, p.race_ref or p.race_label, p.indoor, venue if r.comp is None else None)
    if structured and r.date is None and r.comp is None:
        key = key + (p.meet.year if p.meet else None,)
    return key


def split(st: BuildState, rs: list[Result], fixed: AbstractSet[int] = frozenset()) -> list[list[Result]]:
    """Patience split: walking from the best mark down, each result joins the first race whose last place
    is below its own and that does not hold its athlete yet; a clash opens another race. Two milers both
    'position 1' become two races; so do one miler's 3:54.82 (2nd) and 3:55.41 (3rd) at one venue that day.
    Places the medal lists settled (`fixed`) never clash with each other: a shared medal."""
    athlete = {id(r): st.registry.canonical(r.athlete).id for r in rs}
    placed = [r.place for r in rs if r.place]
    if len(set(placed)) == len(placed) and len(set(athlete.values())) == len(rs):
        return [rs]
    code = rs[0].perf.event
    # Equal marks in place order (field events decide ties on countback: 2.32 for 1st, 2nd and 3rd=).
    ranked = sorted(rs, key=lambda r: (marks.sort_key(r.value, code) if r.value is not None else float("inf"),
                                       r.place or 10**6))
    races: list[list[Result]] = []
    for r in ranked:
        for race in races:
            if any(athlete[id(x)] == athlete[id(r)] for x in race if not x.athlete.is_team):
                continue
            placed_here = [x for x in race if x.place]
            last = max((x.place or 0 for x in placed_here), default=0)
            # A tie (same place, same mark as the last placed) stays in the race: a shared bronze.
            at_last = [x for x in placed_here if x.place == last]
            tie = r.place == last and bool(at_last) and (
                (r.value is not None and any(x.value is not None and abs(x.value - r.value) < 1e-9 for x in at_last))
                or (id(r) in fixed and all(id(x) in fixed for x in at_last)))
            if r.place is None or r.place > last or tie:
                race.append(r)
                break
        else:
            races.append([r])
    return races


def _once_each(st: BuildState, rs: list[Result]) -> list[Result]:
    """One athlete, one result per race, before the split. The toplists list a field athlete's other legal
    marks of the same competition without a place (Plucknett's 71.08, 69.50 and 67.32 behind his winning
    71.32, Pre 1983): attempts of one series, not results of their own. One athlete's one mark listed twice at
    one venue and day (Jefferson's 20.52, 3rd and 4th, Monaco 1988) is one performance. A source's own race
    that names one athlete entry twice is an identity error (two twins resolved to one entry): the first row
    stays. Each is logged; other second marks of an athlete (another race that day) are split off."""
    by_athlete: dict[int, list[Result]] = defaultdict(list)
    for r in rs:
        if not r.athlete.is_team:
            by_athlete[st.registry.canonical(r.athlete).id].append(r)
    dropped: set[int] = set()
    for rows in by_athlete.values():
        if len(rows) < 2:
            continue
        code = rows[0].perf.event
        rows.sort(key=lambda r: (r.place is None, is_list_final(r.perf), -r.authority,
                                 marks.sort_key(r.value, code) if r.value is not None else float("inf")))
        main = rows[0]
        for r in rows[1:]:
            field_attempt = ev.get(code).kind == ev.FIELD and r.place is None and r.perf.source == main.perf.source
            twice = r.mark == main.mark and r.status == main.status
            one_race = r.perf.race_ref is not None and r.perf.race_ref == main.perf.race_ref
            if not (field_attempt or twice or one_race):
                continue
            dropped.add(id(r))
            if r.perf.source != main.perf.source:
                main.confirmed_by.add(r.perf.source)
            main.absorbed |= {(r.perf.source, r.perf.ref)} | r.absorbed
            why = (f"the race of {main.perf.ref} names this athlete entry twice (an identity error: two athletes "
                   f"resolved to one entry): one result per athlete per race" if one_race else
                   f"another attempt in the series of {main.mark} ({main.perf.ref}), listed without a place: "
                   f"one result per athlete per competition" if field_attempt else
                   f"the same performance as {main.perf.ref} ({main.mark or main.status}), listed twice")
            st.issues.append(Rejected(r.perf.source, r.perf.ref, why))
            st.stats["athlete_twice_in_race" if one_race else "series_attempts" if field_attempt else
                     "listed_twice"] += 1
    return [r for r in rs if id(r) not in dropped]


def _add_race(st: BuildState, rs: list[Result], index: int, rounds: set[tuple]) -> None:
    # A final joined by list rows takes its venue and source from the dated result (toplists, Rio).
    p = next((r.perf for r in rs if not is_list_final(r.perf)), rs[0].perf)
    race_id = len(st.races) + 1
    wind = next((r.perf.wind for r in rs if r.perf.round is not None and r.perf.wind is not None), None)
    label = p.race_label or (f"race {index + 1}" if index else None)
    dates = [r.date for r in rs if r.date]
    st.races.append(dict(
        id=race_id, competition_id=rs[0].comp, event=(p.event, p.sex),
        round=p.round or ("F" if any(is_list_final(r.perf) or r.confirmed_by & st.list_sources for r in rs)
                          or _road_race_at_championship(st, rs[0])
                          or (p.source == "wa-toplists" and _day_key(rs[0]) in rounds) else None), heat=p.heat,
        label=label, date=min(dates) if dates else None, venue=p.venue, country=p.country,
        indoor=int(p.indoor), wind=wind if p.source != "wa-toplists" else None, source_id=p.source))
    for r in rs:
        r.race_id = race_id


def _road_race_at_championship(st: BuildState, r: Result) -> bool:
    """A road race or walk of a championship is run once: it is the final."""
    return ev.get(r.perf.event).held == "road" and st.is_championship(r.comp) and r.perf.round is None


def one_result_per_athlete(st: BuildState) -> None:
    """The last step: athletes merged after the races were formed (a record that is a result, a list final's
    two spellings) may now hold two results in one race. The same mark is one result (the more authoritative
    row stays); another mark is a second result for one athlete in one race and is left out. Both logged."""
    by_race: dict[tuple[int | None, int], list[Result]] = defaultdict(list)
    for r in st.results:
        if not r.athlete.is_team:
            by_race[(r.race_id, st.registry.canonical(r.athlete).id)].append(r)
    dropped: set[int] = set()
    for rows in by_race.values():
        if len(rows) < 2:
            continue
        rows.sort(key=lambda r: (-r.authority, r.place is None))
        main = rows[0]
        for r in rows[1:]:
            dropped.add(id(r))
            main.confirmed_by.add(r.perf.source)
            main.absorbed |= {(r.perf.source, r.perf.ref)} | r.absorbed
            st.issues.append(Rejected(r.perf.source, r.perf.ref, (
                f"the same athlete as {main.perf.source} ({main.perf.ref}) in that race, "
                f"{'with the same mark: one result' if r.mark == main.mark else f'{r.mark} vs {main.mark}: kept'} "
                f"(higher authority); one result per athlete per race")))
            st.stats["athlete_twice_after_merges"] += 1
    st.results = [r for r in st.results if id(r) not in dropped]
