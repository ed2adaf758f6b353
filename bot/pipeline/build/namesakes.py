"""One person under one name despite a wrong birth date, birth year or a change of nation.

The registry (bot/pipeline/identity.py) never joins two birth dates, two birth years or two nations. Sources
get those wrong (the Rio entries give Tirunesh Dibaba 1985-10-01 where the toplists have 1985-06-01; the
national-record file's birth year is often a year or three off) and athletes change nations (URS, then UKR;
KEN, then USA). Each rule here merges two athletes of the same name and sex on evidence the rows give, and
says which conflict it overrides (Registry.merge despite=...):

1. the same performance (event, day, mark to the hundredth, no contradicting places) in two sources under
   the same name: any birth date, birth year or nation; under compatible names (identity.evidence_names),
   a nation, when the birth years agree;
2. the same name and birth date under two nations (Jacques Harvey, JAM / Jak Ali Harvey, TUR);
3. an athlete without a birth date (a Diamond League row, a medal list) and the one namesake who raced that
   event in that season: a nation, when the birth years agree or both raced it at the same competition
   (Michel Théato, FRA / LUX in the two 1900 Olympic marathon lists);
4. a record holder known only from a record list (merge_record_holders, after the records are read) and the
   one namesake who raced the record's event: the same nation with a birth year 1-3 years off, or the same
   birth year under another nation (a Soviet athlete holding a Ukrainian record).
Once the records are read, rule 1 applies to record rows too (a record is a performance): the record holder and
the one athlete who holds that very performance (event, day +-1, mark) in a result or another record list's
row are one person when they share a name
(Pavel Andreyev, URS in the toplists, UKR in national.csv), or a birth date under the record row's nation (a
married name: the toplists' Lyudmila Narozhilenko holds the RUS record national.csv gives Ludmila Engquist);
and rule 3 is applied again with the record rows as seasons raced (Alia Saeed Mohammed's UAE 3000 m record of
2015 is the season a Diamond League row of hers shares).
Two athletes who raced the same event on the same day with different marks are two people: never merged.
Every merge that overrides a birth date, birth year or nation is logged in import_issues (corrected=1).
"""
from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from bot.common import names
from bot.pipeline.build.state import BuildState, Result
from bot.pipeline.identity import Athlete, compact_key, evidence_names, name_key
from bot.pipeline.importers.model import AthleteRef, RecordRow, Rejected

RECORD_YEAR_SLIP = 3  # the national-record file's birth years are up to this many years off (issue 14)


def merge_namesakes(st: BuildState) -> None:
    """Rules 1-3, before results are merged and grouped into races (one final, one race)."""
    _same_name_same_performance(st)
    _same_name_and_birth_date(st)
    _same_name_same_season(st)


def _keys(a: Athlete) -> set[tuple[str, str]]:
    """Every spelling of an athlete as order-free name keys (spaced and without inner spaces)."""
    out = {("n", name_key(a.given, a.family)), ("c", compact_key(a.given, a.family))}
    for written, _, _ in a.aliases.values():
        out |= {("n", name_key("", written)), ("c", compact_key(*names.split_display(written)))}
    return {k for k in out if k[1]}


def _ref_keys(ref: AthleteRef) -> set[tuple[str, str]]:
    return {k for k in {("n", name_key(ref.given, ref.family)), ("n", name_key("", ref.name)),
                        ("c", compact_key(ref.given, ref.family))} if k[1]}


def _log(st: BuildState, source: str, ref: str, what: str, a: Athlete, b: Athlete, found: set[str]) -> None:
    """An overridden conflict, in words: both values (a and b as they were before the merge) and the one kept."""
    kept = st.registry.canonical(st.registry.athletes[a.id - 1])
    parts = []
    if "birth date" in found:
        parts.append(f"birth dates {a.birth_date} / {b.birth_date}")
    if "birth year" in found:
        parts.append(f"birth years {a.birth_year or (a.birth_date or '')[:4]} / "
                     f"{b.birth_year or (b.birth_date or '')[:4]}")
    if "nationality" in found:
        parts.append(f"nations {a.nationality} / {b.nationality}")
    st.issues.append(Rejected(source, ref, (
        f"one athlete: {what}; {' and '.join(parts)} differ: kept {kept.birth_date or kept.birth_year or '-'}, "
        f"{kept.nationality}"), corrected=True))


def _merge(st: BuildState, a: Athlete, b: Athlete, despite: set[str], why: str, stat: str,
           log: tuple[str, str] | None) -> bool:
    reg = st.registry
    a, b = reg.canonical(a), reg.canonical(b)
    if a is b or a.is_team or b.is_team:
        return False
    found = reg.conflicts(a, b)
    if found - despite:
        return False
    before = copy.copy(a), copy.copy(b)  # the log gives both values; the merge changes the kept one
    if reg.merge(a, b, why, despite=frozenset(despite)) is None:
        return False
    st.stats[stat] += 1
    if found and log:
        _log(st, log[0], log[1], why, *before, found)
    return True


# ----------------------------------------------------------------------------------------------- 1.

def _same_name_same_performance(st: BuildState) -> None:
    reg = st.registry
    by_perf: dict[tuple, list[Result]] = defaultdict(list)
    for r in st.results:
        if r.date and r.value is not None and not r.athlete.is_team:
            by_perf[(r.perf.event, r.perf.sex, r.date, round(r.value, 2))].append(r)
    for (event, _sex, date, v), rs in by_perf.items():
        if len(rs) < 2:
            continue
        for i, x in enumerate(rs):
            for y in rs[i + 1:]:
                a, b = reg.canonical(x.athlete), reg.canonical(y.athlete)
                if a is b or x.perf.source == y.perf.source or a.sex != b.sex:
                    continue
                if x.place is not None and y.place is not None and x.place != y.place:
                    continue
                why = f"same {event} {v} on {date} in {x.perf.source} and {y.perf.source}"
                if _ref_keys(x.perf.athlete) & _ref_keys(y.perf.athlete):
                    despite = {"nationality", "birth date", "birth year"}
                elif _years_agree(a, b) and any(
                        evidence_names(ga, fa, gb, fb, x.place is not None)
                        for ga, fa in _spellings(x.perf.athlete, a) for gb, fb in _spellings(y.perf.athlete, b)):
                    despite = {"nationality"}
                else:
                    continue
                drop = y if (bool(b.birth_date), -b.id) < (bool(a.birth_date), -a.id) else x
                _merge(st, a, b, despite, why, "athletes_merged_same_name_same_performance",
                       (drop.perf.source, drop.perf.ref))


def _years_agree(a: Athlete, b: Athlete) -> bool:
    ya = a.birth_year or (int(a.birth_date[:4]) if a.birth_date else None)
    yb = b.birth_year or (int(b.birth_date[:4]) if b.birth_date else None)
    return bool(ya and yb and ya == yb)


def _spellings(ref: AthleteRef, a: Athlete) -> list[tuple[str, str]]:
    return [(ref.given, ref.family)] + [names.split_display(w) for w, _, _ in a.aliases.values()]


# ----------------------------------------------------------------------------------------------- 2.

def _same_name_and_birth_date(st: BuildState) -> None:
    reg = st.registry
    groups: dict[tuple, list[Athlete]] = defaultdict(list)
    for a in reg.live:
        if a.birth_date and not a.is_team:
            for k in _keys(a):
                groups[(k, a.birth_date, a.sex)].append(a)
    for (_k, dob, _sex), group in groups.items():
        for b in group[1:]:
            _merge(st, group[0], b, {"nationality"}, f"same name and birth date {dob}",
                   "athletes_merged_same_name_birth_date", None)


# ----------------------------------------------------------------------------------------------- 3.

class _Activity:
    """Per live athlete: the (event, season) pairs raced, the marks per (event, day) and a row to cite
    (source, ref); with `records`, the record rows (row, athlete id) count as raced too."""

    def __init__(self, st: BuildState, records: Sequence[tuple[RecordRow, int, float]] = ()) -> None:
        reg = st.registry
        self.seasons: dict[int, set[tuple[str, int]]] = defaultdict(set)
        self.days: dict[int, dict[tuple[str, str], set]] = defaultdict(lambda: defaultdict(set))
        self.row: dict[int, tuple[str, str]] = {}
        self.comps: dict[int, set[tuple[str, int]]] = defaultdict(set)  # (event, competition)
        for r in st.results:
            a = reg.canonical(r.athlete)
            year = int(r.date[:4]) if r.date else (r.perf.meet.year if r.perf.meet else None)
            if year:
                self.seasons[a.id].add((r.perf.event, year))
            if r.date:
                self.days[a.id][(r.perf.event, r.date)].add(round(r.value, 2) if r.value is not None else None)
            self.row.setdefault(a.id, (r.perf.source, r.perf.ref))
            if r.comp is not None:
                self.comps[a.id].add((r.perf.event, r.comp))
        for rec, aid, value in records:
            a = reg.canonical(reg.athletes[aid - 1])
            if rec.date and not a.is_team:
                self.seasons[a.id].add((rec.event, int(rec.date[:4])))
                self.days[a.id][(rec.event, rec.date)].add(round(value, 2))
                self.row.setdefault(a.id, (rec.source, rec.ref))

    def events(self, a: Athlete) -> set[str]:
        return {e for e, _ in self.seasons.get(a.id, ())}

    def raced_apart(self, a: Athlete, b: Athlete) -> bool:
        """Both raced the same event on one day and share no mark: two people in one meeting."""
        da, db = self.days.get(a.id, {}), self.days.get(b.id, {})
        return any((da[k] - {None}) and (db[k] - {None}) and not (da[k] & db[k]) for k in da.keys() & db.keys())


def _same_name_same_season(st: BuildState, records: Sequence[tuple[RecordRow, int, float]] = ()) -> None:
    reg = st.registry
    act = _Activity(st, records)
    by_key: dict[tuple, list[Athlete]] = defaultdict(list)
    live = [a for a in reg.live if not a.is_team]
    for a in live:
        for k in _keys(a):
            by_key[(k, a.sex)].append(a)
    for a in live:
        if a.birth_date or a is not reg.canonical(a) or not act.seasons.get(a.id):
            continue
        namesakes = {id(b): b for k in _keys(a) for b in map(reg.canonical, by_key[(k, a.sex)]) if b is not a}
        raced = [b for b in namesakes.values() if act.seasons.get(b.id, set()) & act.seasons[a.id]]
        if len(raced) != 1 or act.raced_apart(a, raced[0]):
            continue
        b = raced[0]
        event, year = sorted(act.seasons[b.id] & act.seasons[a.id])[0]
        source, ref = act.row[a.id]
        # Known birth years must agree (Registry.merge refuses the rest); so must nations, unless the birth
        # years agree or both raced that event at one competition.
        despite = {"nationality"} if _years_agree(a, b) or act.comps.get(a.id, set()) & act.comps.get(b.id, set()) \
            else set()
        _merge(st, a, b, despite, f"the only {a.given} {a.family} who raced the {event} in {year}",
               "athletes_merged_same_name_season", (source, ref))


# ----------------------------------------------------------------------------------------------- 4.

def merge_record_holders(st: BuildState, groups: dict[tuple, list]) -> None:
    """Once the records are read: rule 4 (a record holder the registry could not place, a birth year off or
    another nation, joins the one namesake who raced the record's event), then rule 1 on record rows (after
    rule 4, which may have given the holder a birth date) and rule 3 with the record rows as seasons."""
    _record_holders_by_event(st, groups)
    _record_is_namesakes_performance(st, groups, _performances(st, groups))
    _same_name_same_season(st, [(rec, aid, value) for rows in groups.values() for rec, aid, value, *_ in rows])


def _performances(st: BuildState, groups: dict[tuple, list]) -> dict[tuple, list[Athlete]]:
    """The athletes holding each performance (event, sex, day, mark to the hundredth) in a result or a record
    row (two lists' rows of one record: Zatopek's 29:28.2 of 1949, TCH in one progression, CZE in another)."""
    out: dict[tuple, list[Athlete]] = defaultdict(list)
    for r in st.results:
        if r.date and r.value is not None and not r.athlete.is_team:
            out[(r.perf.event, r.perf.sex, r.date, round(r.value, 2))].append(r.athlete)
    for rows in groups.values():
        for rec, aid, value, *_ in rows:
            if rec.date and not rec.athlete.is_team:
                out[(rec.event, rec.sex, rec.date, round(value, 2))].append(st.registry.athletes[aid - 1])
    return out


def _record_is_namesakes_performance(st: BuildState, groups: dict[tuple, list], perfs: dict) -> None:
    reg = st.registry
    for rows in groups.values():
        for rec, aid, value, *_ in rows:
            holder = reg.canonical(reg.athletes[aid - 1])
            if holder.is_team or not rec.date:
                continue
            day = dt.date.fromisoformat(rec.date)
            held = {id(b): b for d in (-1, 0, 1) for b in map(reg.canonical, perfs.get(
                (rec.event, rec.sex, (day + dt.timedelta(days=d)).isoformat(), round(value, 2)), ()))}
            held.pop(id(holder), None)  # the holder's own result or row
            keys = _keys(holder) | _ref_keys(rec.athlete)
            named = [b for b in held.values() if b.sex == holder.sex and _keys(b) & keys]
            # A married name: the same birth date, and the nation the record row gives is one the athlete
            # raced for.
            born = [b for b in held.values() if b.sex == holder.sex and holder.birth_date
                    and b.birth_date == holder.birth_date and rec.athlete.nationality
                    and rec.athlete.nationality in (b.nations.keys() | {b.nationality})]
            # Every namesake holding it (rule 1: one performance under one name is one person); else the one
            # athlete of that birth date.
            pick = [(b, {"nationality", "birth date", "birth year"}, "name") for b in named] or \
                [(b, {"nationality"}, f"birth date {holder.birth_date}") for b in born if len(born) == 1]
            for b, despite, how in pick:
                _merge(st, b, holder, despite, f"{rec.kind} record {rec.region} {rec.event} {rec.mark} ({rec.date}) "
                       f"is the same performance under the same {how}", "athletes_merged_record_is_namesakes_result",
                       (rec.source, rec.ref))


def _record_holders_by_event(st: BuildState, groups: dict[tuple, list]) -> None:
    reg = st.registry
    act = _Activity(st)
    by_key: dict[tuple, list[Athlete]] = defaultdict(list)
    for a in reg.live:
        if not a.is_team and a.id in act.seasons:
            for k in _keys(a):
                by_key[(k, a.sex)].append(a)
    for rows in groups.values():
        for rec, aid, *_ in rows:
            holder = reg.canonical(reg.athletes[aid - 1])
            if holder.is_team or holder.birth_date or not holder.birth_year:
                continue
            _record_holder(st, rec, holder, by_key, act)


def _record_holder(st: BuildState, rec: RecordRow, holder: Athlete, by_key: dict, act: _Activity) -> None:
    reg = st.registry
    keys = _keys(holder) | _ref_keys(rec.athlete)
    namesakes = {id(b): b for k in keys for b in map(reg.canonical, by_key[(k, holder.sex)]) if b is not holder}
    raced = [b for b in namesakes.values() if rec.event in act.events(b)]
    nation = holder.nationality or rec.athlete.nationality
    yh = holder.birth_year
    compatriots = [b for b in raced if b.nationality == nation]
    # Of that nation, the one who raced the event; else, of any nation, the one who did.
    b = compatriots[0] if len(compatriots) == 1 else raced[0] if len(raced) == 1 else None
    if b is None or yh is None or act.raced_apart(holder, b):
        return
    yb = b.birth_year or (int(b.birth_date[:4]) if b.birth_date else None)
    if yb is None:
        return
    if nation == b.nationality and 0 < abs(yb - yh) <= RECORD_YEAR_SLIP:
        despite, stat = {"birth year"}, "athletes_merged_record_holder_year_off"
    elif yb == yh and nation != b.nationality and len(raced) == 1:
        despite, stat = {"nationality"}, "athletes_merged_record_holder_other_nation"
    else:
        return
    _merge(st, b, holder, despite, f"{rec.kind} record {rec.region} {rec.event} ({rec.date}): name, "
           f"{'nation' if despite == {'birth year'} else 'birth year'} and the one namesake who raced the event",
           stat, (rec.source, rec.ref))
