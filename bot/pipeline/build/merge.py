"""Cross-source merging: one performance reported by several sources becomes one result; where they disagree
the more authoritative source wins and the disagreement is logged in import_issues.

Two rows are one performance only when nothing tells them apart: the same athlete, event, mark (to the
hundredth) and day (or, for a row known by its year only, the same championship), rounds and heats that agree
where both give one, and, for two rows of one source, the same written position (a source lists each
performance once: the toplists' '1sf2' and '2' on one day, with one mark, are a semi-final and a final)."""
from __future__ import annotations

from collections import defaultdict

from bot.pipeline.build.state import BuildState, Result, is_list_final
from bot.pipeline.importers.model import Rejected


def merge(st: BuildState) -> None:
    """One performance reported by several sources becomes one result; disagreements are logged."""
    by_day: dict[tuple, list[Result]] = defaultdict(list)     # (event, sex, athlete, day, mark) -> kept
    by_comp_v: dict[tuple, list[Result]] = defaultdict(list)  # (event, sex, athlete, competition, mark) -> kept
    by_comp: dict[tuple, list[Result]] = defaultdict(list)    # (event, sex, athlete, competition) -> kept
    slots = _Slots()
    merged: list[Result] = []
    # Dated structured sources first (they carry the race), toplists next, then the undated finals of the
    # medal lists and the WCh finals file (less authoritative: they confirm the toplist's result, or are
    # overruled by it), mark-less medal rows last.
    order = sorted(st.results, key=_authority_order)
    for r in order:
        p = r.perf
        v = round(r.value, 2) if r.value is not None else None
        listed = is_list_final(p) and r.date is not None  # a list final dated by list_finals.date_list_finals
        hit = None
        if v is not None:
            cands = by_day[(p.event, p.sex, r.athlete.id, r.date, v)] if r.date else \
                by_comp_v[(p.event, p.sex, r.athlete.id, r.comp, v)] if r.comp is not None else []
            same = [x for x in cands if _one_performance(r, x)]
            # a dated list final is that day's final, not an equal mark in a heat
            hit = next((x for x in same if x.perf.round in ("F", None)), None) if listed else \
                (same[0] if same else None)
            if hit is None and p.source == "wa-toplists":
                hit = slots.same_slot(st, r, v)
        if hit is None and r.comp is not None:
            same = [x for x in by_comp[(p.event, p.sex, r.athlete.id, r.comp)]
                    if x.perf.round in ("F", None) and (r.place is None or x.place == r.place or v is None)
                    and (not listed or x.date == r.date)]
            if v is None and same and p.round in ("F", None):
                # A medal-list row confirms a final already known with its mark (a heat's mark-less row, a
                # team disqualified there, is that heat's: never the final's).
                hit = next((x for x in same if x.place == r.place), same[0])
                if r.place is not None and hit.place is not None and hit.place != r.place:
                    _place_disagreement(st, hit, r)
            elif v is not None and same and p.round in ("F", None) and r.place and \
                    any(x.place == r.place and x.value is not None for x in same) and \
                    p.source != "wa-toplists":
                _same_place_other_mark(st, r, same)
                continue
        if hit is not None:
            _absorb(st, hit, r)
            continue
        merged.append(r)
        if v is not None:
            if r.date:
                by_day[(p.event, p.sex, r.athlete.id, r.date, v)].append(r)
            if r.comp is not None:
                by_comp_v[(p.event, p.sex, r.athlete.id, r.comp, v)].append(r)
            slots.add(r, v)
        if r.comp is not None:
            by_comp[(p.event, p.sex, r.athlete.id, r.comp)].append(r)
    st.stats["merged_duplicates"] = len(st.results) - len(merged)
    st.results = merged


def _authority_order(r: Result) -> tuple[bool, int]:
    return r.perf.mark is None, 2 if is_list_final(r.perf) else int(r.perf.source == "wa-toplists")


def merge_late(st: BuildState) -> None:
    """Athletes joined after the first pass (record holders, bot/pipeline/build/namesakes.py) can hold one
    performance twice, once under each entry: the same rule makes it one result (Elizabeth Gleadle's Rio 2016
    qualifying throw, in Rio's file and in the toplists, until her Canadian record joined her two entries).
    Only rows of two former entries are compared, and the list keeps its order."""
    canonical = st.registry.canonical
    kept: dict[tuple, list[Result]] = defaultdict(list)
    dropped: set[int] = set()
    for r in sorted(st.results, key=_authority_order):
        if r.value is None or not r.date:
            continue
        key = (r.perf.event, r.perf.sex, canonical(r.athlete).id, r.date, round(r.value, 2))
        hit = next((x for x in kept[key] if x.athlete.id != r.athlete.id and _one_performance(r, x)), None)
        if hit is None:
            kept[key].append(r)
            continue
        _absorb(st, hit, r)
        dropped.add(id(r))
    if dropped:
        st.results = [r for r in st.results if id(r) not in dropped]
    st.stats["merged_duplicates_late"] = len(dropped)


def _one_performance(r: Result, x: Result) -> bool:
    """Can r (same athlete, event and mark as x) be the performance x already is? Not when their days, rounds
    or heats differ. Two rows of one source are one performance only when nothing but the way the position is
    written tells them apart: a source with races of its own (the Diamond League archive, Rio) lists an
    athlete once per race; the toplists' '1' and '1f2' (Nehemiah, Zürich 1980) are one, and so are two rows of
    one round that day (an athlete runs one heat of a round) and one mark listed at two venues on one day
    (Sjöberg's 2.31 at Tokyo and at Oslo, 1991-09-01), but '1sf2' and '2' are a semi-final and a final."""
    a, b = r.perf, x.perf
    if r.date and x.date and r.date != x.date:
        return False
    if a.round and b.round and a.round != b.round:
        return False
    if a.heat is not None and b.heat is not None and a.heat != b.heat:
        return False
    if a.source != b.source:
        return True
    if a.race_ref is not None or b.race_ref is not None:
        return a.race_ref == b.race_ref and a.position == b.position
    if a.position == b.position or a.venue != b.venue or (a.round is not None and a.round == b.round):
        return True     # one athlete is at one venue a day, and runs one race of a round
    # an earlier round and a final (or a plain place) in one time are two races; otherwise the source
    # wrote one result twice ('17f1' and '1', Frey, Wien 2024)
    return (a.round in _EARLIER) == (b.round in _EARLIER)


_EARLIER = {"H", "SF", "QF", "Q", "R1", "CE"}


class _Slots:
    """The places of the races a structured source dates (Rio 2016, the Diamond League archive): a toplist row
    that holds the same place with the same mark in that race, for an athlete of the same nation, is that
    performance even when the two sources' athlete entries were not found to be one person (a birth date typed
    two ways: Rio's Manyonga 1991-11-18, the toplists' 1991-01-08)."""

    def __init__(self) -> None:
        self._by: dict[tuple, list[Result]] = defaultdict(list)

    @staticmethod
    def _key(r: Result, v: float) -> tuple:
        return (r.perf.event, r.perf.sex, r.comp, r.date, r.place, v)

    def add(self, r: Result, v: float) -> None:
        if r.perf.source not in ("wa-toplists",) and r.date and r.comp is not None and r.place is not None \
                and not is_list_final(r.perf):
            self._by[self._key(r, v)].append(r)

    def same_slot(self, st: BuildState, r: Result, v: float) -> Result | None:
        if r.date is None or r.comp is None or r.place is None:
            return None
        nat = r.athlete.nationality
        for x in self._by.get(self._key(r, v), ()):
            if (x.perf.round in (None, r.perf.round) or r.perf.round is None) and x.athlete is not r.athlete \
                    and nat and x.athlete.nationality == nat:
                st.issues.append(Rejected(r.perf.source, r.perf.ref, (
                    f"the same performance as {x.perf.source} ({x.perf.ref}): place {r.place} in {r.mark} in that "
                    f"race, same nation {nat}, under another athlete entry ({r.athlete.given} {r.athlete.family}, "
                    f"born {r.athlete.birth_date or '?'}; there {x.athlete.given} {x.athlete.family}, born "
                    f"{x.athlete.birth_date or '?'}): one result"), corrected=True))
                st.stats["same_slot_merged"] += 1
                return x
        return None


def _place_disagreement(st: BuildState, hit: Result, r: Result) -> None:
    """A mark-less list row gives the athlete of a kept result another place in the same final: the more
    authoritative source's place stands (a medal list over the older marks file, the toplists over both; where
    the two medal lists agree the place is settled later, list_finals.settle_medals)."""
    if r.authority > hit.authority:
        st.issues.append(Rejected(hit.perf.source, hit.perf.ref, (
            f"disagrees with {r.perf.source} ({r.perf.ref}): place {hit.place} vs {r.place} in that final; "
            f"kept place {r.place} ({r.perf.source}, higher authority)"), corrected=True))
        hit.place = r.place
    else:
        st.issues.append(Rejected(r.perf.source, r.perf.ref, (
            f"disagrees with {hit.perf.source} ({hit.perf.ref}): place {r.place} vs {hit.place} "
            f"in that final; kept place {hit.place} ({hit.perf.source}, higher authority)")))
    st.stats["disagreements"] += 1


def _same_place_other_mark(st: BuildState, r: Result, same: list[Result]) -> None:
    """Two sources give the same athlete the same place in the same final with different marks: the more
    authoritative mark stays on the result already kept, the other is logged."""
    other = next(x for x in same if x.place == r.place and x.value is not None)
    keep, drop = (other, r) if other.authority >= r.authority else (r, other)
    st.issues.append(Rejected(drop.perf.source, drop.perf.ref,
                              f"disagrees with {keep.perf.source} ({keep.perf.ref}): "
                              f"{drop.mark} vs {keep.mark}; kept {keep.mark} (higher authority)"))
    st.stats["disagreements"] += 1
    if keep is r:
        other.value, other.mark, other.authority = r.value, r.mark, r.authority
    other.confirmed_by.add(r.perf.source)


def _absorb(st: BuildState, keep: Result, other: Result) -> None:
    keep.confirmed_by.add(other.perf.source)
    if None in (keep.perf.round, other.perf.round) or keep.perf.round == other.perf.round:
        # the merged row's details follow it, unless it was another round's (bot/pipeline/build/result_details.py)
        keep.absorbed |= {(other.perf.source, other.perf.ref)} | other.absorbed
    keep.date = keep.date or other.date
    keep.wind = keep.wind if keep.wind is not None else other.wind
    keep.place = keep.place if keep.place is not None else other.place
    keep.flags |= other.flags
    if keep.value is None and other.value is not None:
        keep.value, keep.mark, keep.status = other.value, other.mark, other.status
    st.stats["cross_checked"] += 1
