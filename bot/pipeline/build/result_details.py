"""Result details (reaction times, series, height sheets, relay legs) tied to the result their row became. A
detail whose row was merged into another source's result follows it there; one whose row left the data (set
aside, or one athlete's second result in a race) is logged, never tied to a result by guess."""
from __future__ import annotations

from bot.pipeline.build.relay_members import find_runner
from bot.pipeline.build.state import BuildState, Result
from bot.pipeline.importers.model import Rejected


def link_result_details(st: BuildState) -> None:
    by_ref: dict[tuple[str, str], Result] = {}
    for r in st.results:
        by_ref[(r.perf.source, r.perf.ref)] = r
        for ref in r.absorbed:
            by_ref.setdefault(ref, r)
    for b in st.batches:
        for d in b.details:
            result = by_ref.get((d.source, d.result_ref))
            if result is None:
                st.issues.append(Rejected(d.source, d.ref, f"{d.kind} of {d.result_ref}: that row is not a result "
                                                           "of the data, the detail is not kept"))
                st.stats["result_details_unlinked"] += 1
                continue
            athlete = None if d.athlete is None else \
                find_runner(st, d.athlete, int(result.date[:4]) if result.date else None)
            st.details.append((result, d, athlete))
            st.stats[f"result_details_{d.kind}"] += 1
