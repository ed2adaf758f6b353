"""How far the reference toplists go, so that counts and lists say "at least" only where the data stops.

World Athletics' senior all-time list of an event holds every mark down to a cut-off (10.30 in the men's 100 m,
3:56.00 in the mile): a count of marks better than that is complete, one beyond it only has what championships,
meetings and records add. Both the cut-off and the list's last date are read from the data (the worst and the
latest mark citing the list), never typed. A list that ends long before the others is a stale snapshot (the
women's hammer list is from July 2023, see data/SOURCES.md): later seasons lack its marks.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from dataclasses import dataclass

TOPLISTS = "wa-toplists"
STALE_AFTER = dt.timedelta(days=365)   # a list ending this long before the newest list's last mark is stale


@dataclass(frozen=True)
class Toplist:
    cutoff: float          # the worst mark on the list
    latest: str            # ISO date of its latest mark
    stale: bool            # ends over STALE_AFTER before the newest list

    def covers(self, value: float, lower_is_better: bool) -> bool:
        """Whether every mark at least as good as value is on the list."""
        return value <= self.cutoff if lower_is_better else value >= self.cutoff

    def covers_year(self, year: int) -> bool:
        return not self.stale or year < int(self.latest[:4])


class Coverage:
    """Each event's list, looked up once per engine on first use (an event's toplist rows take a moment)."""

    def __init__(self) -> None:
        self._lists: dict[int, Toplist | None] = {}
        self._newest: str | None = None
        self._lock = threading.Lock()

    def toplist(self, conn: sqlite3.Connection, event_id: int, lower_is_better: bool) -> Toplist | None:
        with self._lock:
            if event_id not in self._lists:
                self._lists[event_id] = self._read(conn, event_id, lower_is_better)
            return self._lists[event_id]

    def newest(self, conn: sqlite3.Connection) -> str | None:
        """The ISO date of the latest mark on any list: the end of the seasons the toplists cover."""
        with self._lock:
            if self._newest is None:
                self._newest = conn.execute("SELECT max(date) FROM races WHERE source_id = ?",
                                            (TOPLISTS,)).fetchone()[0]
            return self._newest

    def _read(self, conn: sqlite3.Connection, event_id: int, lower_is_better: bool) -> Toplist | None:
        worst = "max" if lower_is_better else "min"
        cutoff, latest = conn.execute(
            f"SELECT {worst}(res.mark_value), max(r.date) FROM races r JOIN results res ON res.race_id = r.id "
            f"WHERE r.event_id = ? AND res.source_id = ? AND res.mark_value IS NOT NULL",
            (event_id, TOPLISTS)).fetchone()
        if cutoff is None or latest is None:
            return None
        if self._newest is None:   # under the lock already (toplist)
            self._newest = conn.execute("SELECT max(date) FROM races WHERE source_id = ?", (TOPLISTS,)).fetchone()[0]
        newest = dt.date.fromisoformat(self._newest or latest)
        return Toplist(cutoff, latest, dt.date.fromisoformat(latest) < newest - STALE_AFTER)
