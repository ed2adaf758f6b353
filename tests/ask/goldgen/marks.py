"""Facts from the toplists' performances: bests, world leads, counts, thresholds, all-time lists, head-to-heads.

Every toplist row is a legal mark (no wind-assisted row is listed). A fact is kept only where the readings a
fan could mean agree: a personal best is the outdoor best and no indoor mark beats it (or the question says
indoor); a count or threshold has no qualifying indoor mark, no mark equal to the threshold, and the threshold
lies above the list's cut-off so that no qualifying mark can be missing; a world lead or an all-time order has
no tie. Hand times are left out of expected marks (their text is a convention of their own).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from tests.ask.goldgen import names, raw

# events held indoors only: their bests are indoor marks
INDOOR_EVENTS = {"60m"}


@dataclass(frozen=True)
class Best:
    key: tuple
    name: str
    event: str
    sex: str
    mark: str
    value: float
    date: str


def _legal_best(rows: list[raw.Perf], event: str) -> raw.Perf | None:
    if not rows:
        return None
    best = min(rows, key=lambda p: raw.sort_key(event, p.value))
    return None if best.hand else best


@cache
def by_athlete(event: str, sex: str) -> dict[tuple, tuple[raw.Perf, ...]]:
    out: dict[tuple, list[raw.Perf]] = defaultdict(list)
    for p in raw.toplist(event, sex):
        out[p.key].append(p)
    return {k: tuple(v) for k, v in out.items()}


def best(key: tuple, event: str, sex: str, *, indoor: bool = False, year: int | None = None) -> Best | None:
    """The athlete's best (outdoor unless indoor), in a season when given; None when a reading disagrees."""
    rows = [p for p in by_athlete(event, sex).get(key, ()) if year is None or p.year == year]
    if event in INDOOR_EVENTS:
        chosen = _legal_best(rows, event)
    else:
        outdoor = _legal_best([p for p in rows if not p.indoor], event)
        inside = _legal_best([p for p in rows if p.indoor], event)
        if indoor:
            chosen = inside
        else:
            # no indoor mark as good or better: "pb" then means one thing
            if outdoor and any(p.indoor and not raw.better(event, outdoor.value, p.value) for p in rows):
                return None
            chosen = outdoor
    if chosen is None or not names.certain(key):
        return None
    return Best(key, names.name(key), event, sex, chosen.mark, chosen.value, chosen.date)


def world_lead(event: str, sex: str, year: int) -> Best | None:
    """The season's best mark, when one athlete holds it alone, outdoors (or in an indoor event)."""
    rows = [p for p in raw.toplist(event, sex) if p.year == year]
    if not rows:
        return None
    top = rows[0]
    if top.hand or (top.indoor and event not in INDOOR_EVENTS) or not names.certain(top.key):
        return None
    if any(p.key != top.key and p.value == top.value for p in rows):
        return None
    return Best(top.key, names.name(top.key), event, sex, top.mark, top.value, top.date)


def cutoff(event: str, sex: str) -> float:
    """The worst mark on the list: every mark better than it is listed."""
    return max((p.value for p in raw.toplist(event, sex)), key=lambda v: raw.sort_key(event, v))


def count(key: tuple, event: str, sex: str, threshold: float) -> int | None:
    """How many performances by the athlete beat the threshold; None where a reading could differ."""
    if raw.better(event, cutoff(event, sex), threshold) or cutoff(event, sex) == threshold:
        return None
    rows = by_athlete(event, sex).get(key, ())
    hits = [p for p in rows if raw.better(event, p.value, threshold)]
    if any(p.value == threshold for p in rows) or any(p.indoor for p in hits) and event not in INDOOR_EVENTS:
        return None
    # one performance listed twice under two round codes would be counted twice
    if len({(p.date, p.venue, p.value) for p in hits}) != len(hits):
        return None
    return len(hits)


def threshold(event: str, sex: str, mark: float) -> int | None:
    """How many athletes have beaten the mark; None where indoor marks or identities make it uncertain."""
    if raw.better(event, cutoff(event, sex), mark) or cutoff(event, sex) == mark:
        return None
    athletes: dict[tuple, list[raw.Perf]] = defaultdict(list)
    for p in raw.toplist(event, sex):
        if p.value == mark:
            return None
        if raw.better(event, p.value, mark):
            athletes[p.key].append(p)
    if event not in INDOOR_EVENTS and any(all(p.indoor for p in rows) for rows in athletes.values()):
        return None
    # one athlete under two keys (a birth date missing on some rows) would be counted twice
    folded = [raw.fold(names.name(k)) for k in athletes]
    if len(set(folded)) != len(folded) or any(not k[0] for k in athletes):
        return None
    return len(athletes)


def all_time(event: str, sex: str, n: int = 6) -> list[Best] | None:
    """The top n athletes by their best mark, when indoor marks and ties do not change the order."""
    def ranking(with_indoor: bool) -> list[tuple[float, tuple]]:
        bests: dict[tuple, float] = {}
        for p in raw.toplist(event, sex):
            if p.indoor and not with_indoor and event not in INDOOR_EVENTS:
                continue
            if p.key not in bests:
                bests[p.key] = p.value
        return sorted(((v, k) for k, v in bests.items()), key=lambda vk: raw.sort_key(event, vk[0]))[:n + 1]
    outdoor, every = ranking(False), ranking(True)
    if [k for _, k in outdoor[:n]] != [k for _, k in every[:n]]:
        return None
    values = [v for v, _ in outdoor]
    if len(set(values[:n + 1])) != len(values[:n + 1]):
        return None
    out = []
    for _v, key in outdoor[:n]:
        b = best(key, event, sex)
        if b is None:
            return None
        out.append(b)
    return out


def h2h_races(a: tuple, b: tuple) -> int:
    """Races both athletes ran (any event, any round, the same round code at the same venue and date); a
    venue-day where a place repeats within that round (two races mixed) is not counted."""
    total = 0
    for event, sex in raw.events():
        rows = by_athlete(event, sex)
        if a not in rows or b not in rows:
            continue
        ra = {(p.venue, p.date, p.round): p for p in rows[a] if p.position}
        rb = {(p.venue, p.date, p.round): p for p in rows[b] if p.position}
        for race in set(ra) & set(rb):
            venue, date, rnd = race
            places = [p.place if p.place is not None else p.position for p in raw.by_date(event, sex)[date]
                      if p.venue == venue and p.round == rnd]
            if len(places) == len(set(places)):
                total += 1
    return total
