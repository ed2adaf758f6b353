"""Relay teams' runners: the medal list's names matched to the athletes the build made of every source, so a
runner's relay medals count as theirs. Matching only (Registry.find): a runner no source has as an athlete is
kept by name, never made an athlete from a list of names."""
from __future__ import annotations

import dataclasses

from bot.pipeline.build.state import BuildState
from bot.pipeline.importers.model import AthleteRef, Rejected


def find_runner(st: BuildState, ref: AthleteRef, year: int | None) -> int | None:
    """The athlete id of a relay runner when exactly one athlete of the data matches, else None. A mixed
    relay's runner is a man or a woman: the one sex whose athlete matches."""
    sexes = ("M", "W") if ref.sex == "X" else (ref.sex,)
    found = {a.id for a in (st.registry.find(dataclasses.replace(ref, sex=s), year) for s in sexes)
             if a is not None}
    return next(iter(found)) if len(found) == 1 else None


def link_relay_members(st: BuildState) -> None:
    for b in st.batches:
        for m in b.relay_members:
            comp = st.comp_index.get((m.series, m.year))
            if comp is None:
                st.issues.append(Rejected(m.source, m.ref, f"relay team member {m.athlete.name}: no {m.series} "
                                                           f"{m.year} in the data"))
                continue
            athlete = find_runner(st, m.athlete, m.year)
            st.relay_members.append((comp.id, m.event, m.sex, m.nation, m.place, athlete, m.athlete.name,
                                     m.source, m.ref))
            st.stats["relay_members_matched" if athlete else "relay_members_by_name"] += 1
