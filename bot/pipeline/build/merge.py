"""Cross-source merging: one performance reported by several sources becomes one result; where they disagree
the more authoritative source wins and the disagreement is logged in import_issues."""
from __future__ import annotations

from collections import defaultdict

from bot.pipeline.build.state import BuildState, Result, is_list_final
from bot.pipeline.importers.model import Rejected


def merge(st: BuildState) -> None:
    """One performance reported by several sources becomes one result; disagreements are logged."""
    by_key: dict[tuple, Result] = {}
    by_comp: dict[tuple, list[Result]] = defaultdict(list)
    merged: list[Result] = []
    # Dated structured sources first (they carry the race), toplists next, then the undated finals of the
    # medal lists and the WCh finals file (less authoritative: they confirm the toplist's result, or are
    # overruled by it), mark-less medal rows last.
    order = sorted(st.results, key=lambda r: (r.perf.mark is None, 2 if is_list_final(r.perf) else
                                              int(r.perf.source == "wa-toplists")))
    for r in order:
        p = r.perf
        v = round(r.value, 2) if r.value is not None else None
        where = r.comp if r.comp is not None else r.date
        key = (p.event, p.sex, r.athlete.id, where, v, p.round if p.source != "wa-toplists" else None)
        listed = is_list_final(p) and r.date is not None  # a list final dated by list_finals.date_list_finals
        # Same athlete, event, meeting and mark: the same performance.
        hit = None
        if v is not None:
            if listed:  # that day's result, not an equal mark in a heat
                hit = by_key.get((p.event, p.sex, r.athlete.id, r.date, v, None))
            else:
                hit = by_key.get(key[:5] + (None,)) or by_key.get(key)
            if hit is None and r.date and r.comp is not None and not listed:
                hit = by_key.get((p.event, p.sex, r.athlete.id, r.date, v, None))
        if hit is None and r.comp is not None:
            same = [x for x in by_comp[(p.event, p.sex, r.athlete.id, r.comp)]
                    if x.perf.round in ("F", None) and (r.place is None or x.place == r.place or v is None)
                    and (not listed or x.date == r.date)]
            if v is None and same:
                # A medal-list row confirms a final already known with its mark.
                hit = next((x for x in same if x.place == r.place), same[0])
                if r.place is not None and hit.place is not None and hit.place != r.place:
                    st.issues.append(Rejected(p.source, p.ref, (
                        f"disagrees with {hit.perf.source} ({hit.perf.ref}): place {r.place} vs {hit.place} "
                        f"in that final; kept place {hit.place} (the result with a mark)")))
                    st.stats["disagreements"] += 1
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
            by_key[key[:5] + ((p.round if p.source != "wa-toplists" else None),)] = r
            if r.date:
                by_key.setdefault((p.event, p.sex, r.athlete.id, r.date, v, None), r)
            by_key.setdefault(key[:5] + (None,), r)
        if r.comp is not None:
            by_comp[(p.event, p.sex, r.athlete.id, r.comp)].append(r)
    st.stats["merged_duplicates"] = len(st.results) - len(merged)
    st.results = merged


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
    keep.date = keep.date or other.date
    keep.wind = keep.wind if keep.wind is not None else other.wind
    keep.place = keep.place if keep.place is not None else other.place
    keep.flags |= other.flags
    if keep.value is None and other.value is not None:
        keep.value, keep.mark, keep.status = other.value, other.mark, other.status
    st.stats["cross_checked"] += 1
