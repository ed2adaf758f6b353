"""Where and when meetings were held, read from the toplists: their elite marks counted by day and venue, and
the city a WA venue text names."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from bot.common import names
from bot.pipeline import competitions as comps
from bot.pipeline.importers.model import Performance


def venue_city(venue: str | None) -> str | None:
    """The city of a WA venue text: 'Olympic Stadium, London' -> London; 'Hayward Field, Eugene, OR' ->
    Eugene (a US state or Canadian province code is skipped); 'Roma' -> Roma."""
    parts = [x.strip() for x in (venue or "").split(",") if x.strip()]
    if len(parts) > 1 and re.fullmatch(r"[A-Z]{2}", parts[-1]):
        parts = parts[:-1]
    return parts[-1] if parts else None


class VenueMarks:
    """The toplists' marks by year, day and folded venue: elite marks (score 1100 or more, or unscored) for
    championships, and the elite marks of athletes from abroad for invitational meetings."""

    def __init__(self, toplist: list[Performance]):
        # year -> date -> (folded venue, indoor) -> count of elite marks; and the written venue for each.
        self.by_year: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        # The same, counting only athletes from abroad: an invitational meeting draws them, national
        # championships, trials and college meets at the same stadium do not.
        self.foreign: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        self.written: dict[str, Counter] = defaultdict(Counter)
        for p in toplist:
            if not p.date:
                continue
            v = names.fold(p.venue or "")
            self.written[v][(p.venue, p.country)] += 1
            if p.score is None or p.score >= 1100:
                self.by_year[p.date[:4]][p.date][(v, p.indoor)] += 1
                if p.athlete.nationality and p.country and p.athlete.nationality != p.country:
                    self.foreign[p.date[:4]][p.date][(v, p.indoor)] += 1
        self._match_cache: dict[tuple, set[str]] = {}

    def matching(self, patterns) -> set[str]:
        if patterns not in self._match_cache:
            self._match_cache[patterns] = {v for v in self.written if comps.venue_matches(v, patterns)}
        return self._match_cache[patterns]

    def days(self, patterns, indoor: bool, year: int, months, counts=None) -> dict[str, int]:
        """day -> count of elite marks (from `counts`: by_year unless told) at the venues matching patterns."""
        if counts is None:
            counts = self.by_year
        ok = self.matching(patterns)
        out: Counter = Counter()
        for d, venues in counts.get(str(year), {}).items():
            if months and int(d[5:7]) not in months:
                continue
            for (v, ind), n in venues.items():
                if ind == indoor and v in ok:
                    out[d] += n
        return out

    def days_by_venue(self, patterns, indoor: bool, year: int, months) -> dict[str, Counter]:
        """folded venue -> day -> count of elite marks, for the venues of a city in a year."""
        ok = self.matching(patterns)
        out: dict[str, Counter] = defaultdict(Counter)
        for d, venues in self.by_year.get(str(year), {}).items():
            if months and int(d[5:7]) not in months:
                continue
            for (v, ind), n in venues.items():
                if ind == indoor and v in ok:
                    out[v][d] += n
        return out

    def main_venue(self, patterns, indoor: bool, start: str, end: str):
        """(venue, country) as written, of the matching venue with the most elite marks from start to end."""
        ok = self.matching(patterns)
        cnt: Counter = Counter()
        for d, venues in self.by_year.get(start[:4], {}).items():
            if start <= d <= end:
                for (v, ind), n in venues.items():
                    if ind == indoor and v in ok:
                        cnt[v] += n
        if not cnt:
            return None, None
        return self.written[cnt.most_common(1)[0][0]].most_common(1)[0][0]
