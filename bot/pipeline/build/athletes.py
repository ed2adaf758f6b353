"""One person, one athlete: merging the athletes that the rows show to be the same person."""
from __future__ import annotations

from collections import defaultdict

from bot.common import names
from bot.pipeline.build.namesakes import merge_namesakes
from bot.pipeline.build.state import BuildState, Result, is_list_final
from bot.pipeline.identity import Athlete, evidence_names


def merge_athletes(st: BuildState) -> None:
    """Merge athletes that the rows show to be one person (bot/pipeline/identity.py, Registry.merge):
    1. the same performance in two sources: same event, day and mark (to the hundredth), same nation,
       no different places, names compatible on that evidence (identity.evidence_names); relay teams of
       one nation ('USA' / 'United States');
    2. the same place in the same championship final (list finals, dated or not) in two sources;
    3. the same birth date, nation and sex with a shortened name (the same first three letters of the
       given name, one family name inside the other: 'Elle St. Pierre' / 'Ellinor Purrier St. Pierre';
       twins share their whole family name and stay apart), or, for women, a married name (the
       same given name and at least one event in common: 'Katie Nageotte' / 'Katie Moon');
    4. one name despite a wrong birth date or a change of nation (namesakes.py).
    Then every result points at the merged athlete."""
    _same_performance(st)
    _same_final_place(st)
    _same_birth_date(st)
    merge_namesakes(st)
    for r in st.results:
        r.athlete = st.registry.canonical(r.athlete)


def _try_merge(st: BuildState, x: Result, y: Result, same_place: bool, why: str) -> None:
    reg = st.registry
    a, b = reg.canonical(x.athlete), reg.canonical(y.athlete)
    if a is b or x.perf.source == y.perf.source or not a.nationality or a.nationality != b.nationality:
        return
    # Relay teams only at championships, where a nation has one team ('USA' / 'United States');
    # elsewhere a club and the national team may share a nation.
    if a.is_team != b.is_team or (a.is_team and not (st.is_championship(x.comp) and
                                                     st.is_championship(y.comp))):
        return
    if not a.is_team and not any(evidence_names(ga, fa, gb, fb, same_place)
                                 for ga, fa in spellings(x.perf.athlete, a)
                                 for gb, fb in spellings(y.perf.athlete, b)):
        return
    if reg.merge(a, b, why):
        st.stats["athletes_merged_same_performance"] += 1


def _same_performance(st: BuildState) -> None:
    """1. The same performance in two sources."""
    by_perf: dict[tuple, list[Result]] = defaultdict(list)
    for r in st.results:
        if r.date and r.value is not None:
            by_perf[(r.perf.event, r.perf.sex, r.date, round(r.value, 2))].append(r)
    for (event, sex, date, v), rs in by_perf.items():
        if len(rs) < 2 or len({id(r.athlete) for r in rs}) < 2:
            continue
        for i, x in enumerate(rs):
            for y in rs[i + 1:]:
                if x.place is not None and y.place is not None and x.place != y.place:
                    continue
                same_place = x.place is not None and x.place == y.place
                _try_merge(st, x, y, same_place, f"same {event} {sex} {v} on {date}")


def _same_final_place(st: BuildState) -> None:
    """2. The same place in one championship final."""
    by_place: dict[tuple, list[Result]] = defaultdict(list)
    for r in st.results:
        if r.comp is None or r.place is None or r.perf.round not in (None, "F"):
            continue
        key = (r.comp, r.perf.event, r.perf.sex)
        if is_list_final(r.perf) or (r.date and st.final_dates.get(key) == r.date):
            by_place[key + (r.place,)].append(r)
    for place_key, rs in by_place.items():
        for i, x in enumerate(rs):
            for y in rs[i + 1:]:
                if is_list_final(x.perf) or is_list_final(y.perf):
                    _try_merge(st, x, y, True,
                               f"place {place_key[3]} in the same final ({x.perf.source}, {y.perf.source})")


def _same_birth_date(st: BuildState) -> None:
    """3. Same birth date and nation: shortened and married names."""
    reg = st.registry
    events_of: dict[int, set[str]] = defaultdict(set)
    for r in st.results:
        events_of[reg.canonical(r.athlete).id].add(r.perf.event)
    by_dob: dict[tuple, list[Athlete]] = defaultdict(list)
    for a in reg.live:
        if a.birth_date and a.nationality and not a.is_team:
            by_dob[(a.birth_date, a.nationality, a.sex)].append(a)
    for (dob, nat, sex), group in by_dob.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                ga, gb = names.tokens(a.given), names.tokens(b.given)
                fa, fb = set(names.tokens(a.family)), set(names.tokens(b.family))
                if not ga or not gb or not fa or not fb:
                    continue
                shortened = ga[0][:3] == gb[0][:3] and fa != fb and (fa < fb or fb < fa)
                married = sex == "W" and ga[0] == gb[0] and not (fa & fb) and \
                    bool(events_of[reg.canonical(a).id] & events_of[reg.canonical(b).id])
                if (shortened or married) and reg.merge(a, b, f"same birth date {dob} and nation {nat}: "
                                                              f"{'shortened' if shortened else 'married'} name"):
                    st.stats["athletes_merged_same_birth_date"] += 1


def spellings(ref, a: Athlete) -> list[tuple[str, str]]:
    """(given, family) of a source row's athlete and every spelling already known for the athlete."""
    out = [(ref.given, ref.family)]
    for written, _, _ in a.aliases.values():
        out.append(names.split_display(written))
    return out


def merge_same_name_and_birth(st: BuildState) -> None:
    """After the record holders joined their results: two athletes one of whose spellings is the same name (in
    any order) with the same birth date are one person, whatever nation each gives. A national record's
    married name joined Marija Martinović (SCG) to the name of Marija Šestak (SLO), born the same day."""
    reg = st.registry
    seen: dict[tuple, Athlete] = {}
    for a in list(reg.live):
        if a.is_team or not a.birth_date:
            continue
        for written in [f"{a.given} {a.family}", *(w for w, _, _ in a.aliases.values())]:
            key = (" ".join(sorted(names.tokens(written))), a.birth_date, a.sex)
            other = seen.setdefault(key, a)
            if reg.canonical(other) is not reg.canonical(a) and reg.merge(
                    other, a, f"same name {written} and birth date {a.birth_date}", despite=frozenset({"nationality"})):
                st.stats["athletes_merged_same_name_and_birth"] += 1
