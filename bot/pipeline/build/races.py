"""Race splitting: results grouped into races; toplist rows at one venue and date with clashing places are
split into several races (mixed races), and list finals join the dated race of their final."""
from __future__ import annotations

from collections import defaultdict

from bot.common import marks
from bot.pipeline.build.list_finals import join_list_finals
from bot.pipeline.build.state import BuildState, Result, is_list_final


def group_races(st: BuildState) -> None:
    """Group results into races. Toplist groups with clashing places are split (mixed races). The list
    finals (medal lists, WCh finals file) of one championship final are one group, and join the dated
    race of that final (toplists, Rio) when there is one: one final, one race."""
    groups: dict[tuple, list[Result]] = defaultdict(list)
    for r in st.results:
        groups[_race_key(r)].append(r)
    join_list_finals(st, groups)
    st.results = [r for rs in groups.values() for r in rs]
    for _key, rs in groups.items():
        for i, part in enumerate(split(rs)):
            _add_race(st, part, i, len(rs))


def _race_key(r: Result) -> tuple:
    p = r.perf
    structured = p.source != "wa-toplists"
    venue = None if structured else (p.venue or "")
    key: tuple
    if is_list_final(p) and r.comp is not None:
        key = ("list", r.comp, p.event, p.sex, r.date or "", p.round, None, None, p.indoor, None)
    else:
        key = (p.source if structured else "t", r.comp, p.event, p.sex,
               r.date if (r.comp is None or not structured) else (r.date or ""),
               p.round, p.heat, p.race_label, p.indoor, venue if r.comp is None else None)
    if structured and r.date is None and r.comp is None:
        key = key + (p.meet.year if p.meet else None,)
    return key


def split(rs: list[Result]) -> list[list[Result]]:
    """Patience split: walking from the best mark down, each result joins the first race whose last place
    is below its own; a clash opens another race. Two milers both 'position 1' become two races."""
    if not any(r.place for r in rs) or len({r.place for r in rs if r.place}) == len([r for r in rs if r.place]):
        return [rs]
    code = rs[0].perf.event
    # Equal marks in place order (field events decide ties on countback: 2.32 for 1st, 2nd and 3rd=).
    ranked = sorted(rs, key=lambda r: (marks.sort_key(r.value, code) if r.value is not None else float("inf"),
                                       r.place or 10**6))
    races: list[list[Result]] = []
    for r in ranked:
        for race in races:
            placed = [x for x in race if x.place]
            last = max((x.place for x in race if x.place), default=0)
            # A tie (same place, same mark as the last placed) stays in the race: a shared bronze.
            tie = placed and r.place == last and r.value is not None and any(
                x.place == last and x.value is not None and abs(x.value - r.value) < 1e-9 for x in placed)
            if r.place is None or r.place > last or tie:
                race.append(r)
                break
        else:
            races.append([r])
    return races


def _add_race(st: BuildState, rs: list[Result], index: int, _total: int) -> None:
    # A final joined by list rows takes its venue and source from the dated result (toplists, Rio).
    p = next((r.perf for r in rs if not is_list_final(r.perf)), rs[0].perf)
    race_id = len(st.races) + 1
    wind = next((r.perf.wind for r in rs if r.perf.round is not None and r.perf.wind is not None), None)
    label = p.race_label or (f"race {index + 1}" if index else None)
    dates = [r.date for r in rs if r.date]
    st.races.append(dict(
        id=race_id, competition_id=rs[0].comp, event=(p.event, p.sex),
        round=p.round or ("F" if any(is_list_final(r.perf) or r.confirmed_by & st.list_sources
                                     for r in rs) else None), heat=p.heat,
        label=label, date=min(dates) if dates else None, venue=p.venue, country=p.country,
        indoor=int(p.indoor), wind=wind if p.source != "wa-toplists" else None, source_id=p.source))
    for r in rs:
        r.race_id = race_id
