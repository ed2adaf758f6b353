"""Performances become results: the athlete and the competition resolved, the mark read with its flags (hand
timing, altitude, wind), and marks far better than the world record set aside as misread."""
from __future__ import annotations

from bot.common import events as ev
from bot.common import marks
from bot.pipeline.build.editions import comp_for
from bot.pipeline.build.state import BuildState, Result
from bot.pipeline.importers.model import ImportBatch, Performance, Rejected

IMPLAUSIBLE = 0.03  # a result this much better than the world record is a misread mark, not a record


def world_bests(batches: list[ImportBatch]) -> dict[tuple[str, str], float]:
    """The best world-record mark per event and sex on any record list: the ceiling for sanity checks."""
    best: dict[tuple[str, str], float] = {}
    for b in batches:
        for rec in b.records:
            if rec.kind != "world":
                continue
            v = marks.mark_value(rec.mark, rec.event)  # the importers' check_mark: every record has a value
            k = (rec.event, rec.sex)
            if k not in best or marks.better(v, best[k], rec.event):
                best[k] = v
    return best


def resolve_results(st: BuildState) -> None:
    ceiling = world_bests(st.batches)
    kept: list[tuple[ImportBatch, Performance, int | None]] = []
    for b in st.batches:
        for p in b.performances:
            if p.mark is not None and (p.event, p.sex) in ceiling:
                m = marks.parse_mark(p.mark, p.event)
                wr = ceiling[(p.event, p.sex)]
                # Far better than the world record: a misread mark (2:32.57 for 2:32:57) or another distance.
                if m.value is not None and marks.better(m.value, wr * (1 - IMPLAUSIBLE) if
                                                        ev.get(p.event).lower_is_better else wr * (1 + IMPLAUSIBLE), p.event):
                    st.issues.append(Rejected(p.source, p.ref, f"implausible mark {p.mark}: more than "
                                              f"{IMPLAUSIBLE:.0%} better than the world record"))
                    st.stats["implausible_marks"] += 1
                    continue
            kept.append((b, p, int(p.date[:4]) if p.date else (p.meet.year if p.meet else None)))
    # Rows with a birth date first, so every athlete's seasons are known before an undated row is matched
    # to a dated namesake (bot/pipeline/identity.py: only one who raced near that season).
    for b, p, year in kept:
        if p.athlete.birth_date:
            st.registry.resolve(p.athlete, b.source.id, year, p.ref)
    for b, p, year in kept:
        athlete = st.registry.resolve(p.athlete, b.source.id, year, p.ref)
        c = comp_for(st, p)
        value, text, status, flags = None, None, "OK", set(p.record_flags)
        if p.mark is not None:
            m = marks.parse_mark(p.mark, p.event, hand=p.hand)
            value, text, status = m.value, (m.text if m.ok else None), m.status
            if m.hand:
                flags.add("h")
            if m.altitude:
                flags.add("A")
            if m.wind_aided or (p.wind is not None and ev.get(p.event).wind_matters and not marks.wind_legal(p.wind)):
                flags.add("w")
        st.results.append(Result(p, athlete, c.id if c else None, value, text, status, flags, b.source.authority,
                                 p.date, p.wind, p.place))
