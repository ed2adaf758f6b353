"""A record is a performance: where no result holds it, it becomes one, so an athlete's PB, SB and profile agree
with the records. Duplantis's indoor 6.31 (Uppsala, 2026-03-12) is only in national.csv (the toplists end in
December 2025); without it his PB would be the 6.30 his own world record beats.

A record becomes a result when it beats the athlete's best legal result of that season, event and environment
(indoors or out), and no result of that event within a day has the same mark by the record holder or by an
athlete of the same nation (the same performance under another spelling or a date a day off: not added twice;
a namesake holding it is the holder, merged in namesakes.merge_record_holders). Only rows whose
environment is known: national records (national.csv keeps outdoor and indoor apart) and the track, road,
walk and relay rows of the other lists (their field events are one record wherever set, see list_indoor).
Each new result is a race of its own, with the record's venue, and names the record list as its source.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from bot.common import events as ev
from bot.common import marks
from bot.pipeline.build.state import BuildState, Result
from bot.pipeline.importers.model import Performance, Rejected

# Ages at which a record holder's performance is plausible: inside the ages `bot data check` accepts (11.5 to
# 53.3 years on the data today). Outside, the row or the athlete it resolved to is wrong (national.csv's
# 50 m hurdles 7.0 'by Blanka Vlasic' at seven; a 1913 mile record resolved to a namesake born in 1958).
AGES = (12, 53)
# The tag a result from a record carries in results.flags (as the toplists' record tags do).
TAGS = {"world": "WR", "area": "AR", "national": "NR", "olympic": "OR", "world_u20": "WU20R", "championship": "CR"}


def _legal(r: Result) -> bool:
    return r.status == "OK" and r.value is not None and "w" not in r.flags and \
        (not ev.get(r.perf.event).wind_matters or marks.wind_legal(r.wind))


def results_from_records(st: BuildState) -> None:
    reg = st.registry
    season_best: dict[tuple, float] = {}
    same: dict[tuple, set[str]] = defaultdict(set)  # (event, sex, date, value) -> nations holding that mark
    held: dict[tuple, set[int]] = defaultdict(set)  # (event, sex, date, value) -> athletes holding that mark
    for r in st.results:
        if not _legal(r) or not r.date:
            continue
        assert r.value is not None
        k = (reg.canonical(r.athlete).id, r.perf.event, r.perf.indoor, r.date[:4])
        if k not in season_best or marks.better(r.value, season_best[k], r.perf.event):
            season_best[k] = r.value
        same[(r.perf.event, r.perf.sex, r.date, round(r.value, 2))].add(r.athlete.nationality or "")
        held[(r.perf.event, r.perf.sex, r.date, round(r.value, 2))].add(k[0])
    added: set[tuple] = set()
    for rec, aid, value, text, _current in sorted(st.records, key=lambda t: (t[0].date or "", t[0].ref)):
        e = ev.get(rec.event)
        if rec.athlete.is_team or not rec.date or (rec.kind != "national" and e.kind == ev.FIELD):
            continue
        m = marks.parse_mark(text, rec.event, hand=rec.hand)
        if m.wind_aided or (e.wind_matters and not marks.wind_legal(rec.wind)):
            continue
        athlete = reg.canonical(reg.athletes[aid - 1])
        k = (athlete.id, rec.event, rec.indoor, rec.date[:4])
        if k in season_best and not marks.better(value, season_best[k], rec.event):
            continue
        born = athlete.birth_date or (f"{athlete.birth_year}-07-01" if athlete.birth_year else None)
        age = (dt.date.fromisoformat(rec.date) - dt.date.fromisoformat(born)).days / 365.25 if born else None
        if age is not None and not AGES[0] <= age <= AGES[1]:
            st.issues.append(Rejected(rec.source, rec.ref, (
                f"record {text} of {rec.date} resolved to {athlete.given} {athlete.family} (id {athlete.id}, born {born[:4] if born else '?'}), "
                f"{age:.1f} years old then: not made a result (the row or the athlete it names is wrong)")))
            continue
        day = dt.date.fromisoformat(rec.date)
        nations = {athlete.nationality or "", rec.athlete.nationality or ""}
        near = [(rec.event, rec.sex, (day + dt.timedelta(days=d)).isoformat(), round(value, 2)) for d in (-1, 0, 1)]
        if any(same.get(p, set()) & nations or athlete.id in held.get(p, set()) for p in near):
            continue
        if (athlete.id, rec.event, rec.indoor, rec.date, value) in added:
            continue  # one performance on several lists (a national record that is the area record)
        added.add((athlete.id, rec.event, rec.indoor, rec.date, value))
        season_best[k] = value
        _add(st, rec, athlete, value, text, m.hand, m.altitude)
        st.stats["results_from_records"] += 1


def _add(st: BuildState, rec, athlete, value: float, text: str, hand: bool, altitude: bool) -> None:
    p = Performance(rec.source, rec.ref, rec.event, rec.sex, rec.athlete, text, rec.date, indoor=rec.indoor,
                    wind=rec.wind, venue=rec.venue, country=rec.country, record_flags=(TAGS[rec.kind],))
    flags = {TAGS[rec.kind]} | ({"h"} if hand else set()) | ({"A"} if altitude else set())
    race_id = len(st.races) + 1
    st.races.append(dict(id=race_id, competition_id=None, event=(rec.event, rec.sex), round=None, heat=None,
                         label=None, date=rec.date, venue=rec.venue, country=rec.country, indoor=int(rec.indoor),
                         wind=rec.wind, source_id=rec.source))
    r = Result(p, athlete, None, value, text, "OK", flags, st.sources[rec.source].authority, rec.date, rec.wind,
               None)
    r.race_id = race_id
    st.results.append(r)
