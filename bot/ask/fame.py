"""How prominent an athlete is, for quiz difficulty and for the anniversaries' ranking (bot/ask/day_stories.py):
what fans remember, measured from the database.

An athlete's prominence is a weighted count of what makes a name: Olympic and world titles and medals
(finals at OG / WCH; World Indoors count less), world records (outdoors or indoors, ever held), area records,
and Diamond League wins. Finals are read as the question bank reads them (bot/quiz/questions.py FINAL/WIN):
a final, a finished, legal place, no heat. `elite` is the issue-18 measure of "famous": an Olympic or world
champion, or a world-record holder.

Nothing here is typed in from memory: every count is a query over the reference database.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

_FINAL = "(r.round = 'F' OR r.round IS NULL) AND r.label IS NULL"
# Results read from the competitions in (CROSS JOIN keeps that order): a few hundred meets filtered by level,
# then their races and results by index. Without statistics SQLite chose to walk every result (1.7 s, 0.5 s
# this way round under the same load).
CHAMPIONSHIP_RESULTS = ("competitions c CROSS JOIN races r ON r.competition_id = c.id "
                        "CROSS JOIN results res ON res.race_id = r.id")
_PLACED = ("res.status = 'OK' AND instr(res.flags, 'DOP') = 0 "
           "AND (res.position IS NULL OR res.position NOT GLOB '*[A-Za-z]*')")

# The weights of what makes an athlete known (points each, capped where one athlete could pile them up).
W_OG_GOLD, W_WCH_GOLD, W_OG_MEDAL, W_WCH_MEDAL, W_WIC_MEDAL = 12.0, 8.0, 5.0, 3.0, 1.5
W_WR_FIRST, W_WR_MORE, WR_MORE_CAP = 12.0, 2.0, 5
W_AREA, AREA_CAP = 1.5, 4
W_DL_WIN, DL_CAP = 0.75, 12
W_BIG_FINAL, BIG_FINAL_CAP = 0.25, 12     # OG / WCH finals reached (places 1-8)


@dataclass
class Prominence:
    og_gold: int = 0
    wch_gold: int = 0
    og_medals: int = 0
    wch_medals: int = 0
    wic_medals: int = 0
    world_records: int = 0
    area_records: int = 0
    dl_wins: int = 0
    big_finals: int = 0
    last_year: int = 0           # the latest year of any of the above

    @property
    def champion(self) -> bool:
        return self.og_gold > 0 or self.wch_gold > 0

    @property
    def elite(self) -> bool:
        """An Olympic or world champion, or a world-record holder: the issue's measure of famous."""
        return self.champion or self.world_records > 0

    @property
    def medallist(self) -> bool:
        return self.og_medals + self.wch_medals > 0

    @property
    def score(self) -> float:
        s = (W_OG_GOLD * self.og_gold + W_WCH_GOLD * self.wch_gold
             + W_OG_MEDAL * (self.og_medals - self.og_gold) + W_WCH_MEDAL * (self.wch_medals - self.wch_gold)
             + W_WIC_MEDAL * self.wic_medals
             + W_AREA * min(self.area_records, AREA_CAP) + W_DL_WIN * min(self.dl_wins, DL_CAP)
             + W_BIG_FINAL * min(self.big_finals, BIG_FINAL_CAP))
        if self.world_records:
            s += W_WR_FIRST + W_WR_MORE * min(self.world_records - 1, WR_MORE_CAP)
        return s


def prominence(conn: sqlite3.Connection) -> dict[int, Prominence]:
    """Every athlete with anything that counts (individuals; teams are left out)."""
    out: dict[int, Prominence] = defaultdict(Prominence)
    # places 1-8 in the finals of the big championships, and Diamond League wins; one row per athlete,
    # competition and event (a final in two sources counts once), its best place
    rows = conn.execute(
        f"SELECT res.athlete_id, c.level, c.id, r.event_id, min(res.place), max(c.year) "
        f"FROM {CHAMPIONSHIP_RESULTS} "
        f"JOIN athletes a ON a.id = res.athlete_id JOIN events e ON e.id = r.event_id "
        f"WHERE c.level IN ('OG', 'WCH', 'WIC', 'DL') AND {_FINAL} AND {_PLACED} AND res.place BETWEEN 1 AND 8 "
        f"AND a.is_team = 0 AND e.kind != 'relay' GROUP BY res.athlete_id, c.id, r.event_id")
    for aid, level, _cid, _eid, place, year in rows:
        p = out[aid]
        counted = False
        if level in ("OG", "WCH"):
            p.big_finals += 1
            counted = True
            if place <= 3:
                if level == "OG":
                    p.og_medals += 1
                    p.og_gold += place == 1
                else:
                    p.wch_medals += 1
                    p.wch_gold += place == 1
        elif level == "WIC" and place <= 3:
            p.wic_medals += 1
            counted = True
        elif level == "DL" and place == 1:
            p.dl_wins += 1
            counted = True
        if counted:
            p.last_year = max(p.last_year, year or 0)
    for aid, kind, n, year in conn.execute(
            "SELECT rec.athlete_id, rec.kind, count(DISTINCT rec.event_id || '/' || rec.indoor || '/' || rec.mark_value), "
            "max(CAST(substr(rec.date, 1, 4) AS INTEGER)) FROM records rec JOIN athletes a ON a.id = rec.athlete_id "
            "JOIN events e ON e.id = rec.event_id "
            "WHERE rec.kind IN ('world', 'area') AND a.is_team = 0 AND e.kind != 'relay' GROUP BY 1, 2"):
        p = out[aid]
        if kind == "world":
            p.world_records += n
        else:
            p.area_records += n
        p.last_year = max(p.last_year, year or 0)
    return dict(out)


def titles_of(conn: sqlite3.Connection, athlete_id: int) -> list[tuple[str, int, int]]:
    """An athlete's Olympic, world and world indoor titles in individual events, read as prominence() reads
    them: (level, event id, year), oldest first, one per competition and event. One athlete's results by
    index (results_athlete), not the championships' walked."""
    return [(level, eid, year) for level, eid, year in conn.execute(
        f"SELECT c.level, r.event_id, min(c.year) FROM results res JOIN races r ON r.id = res.race_id "
        f"JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
        f"WHERE res.athlete_id = ? AND c.level IN ('OG', 'WCH', 'WIC') AND {_FINAL} AND {_PLACED} "
        f"AND e.kind != 'relay' GROUP BY c.id, r.event_id HAVING min(res.place) = 1 ORDER BY 3, 1, 2",
        (athlete_id,))]


def strong_nations(conn: sqlite3.Connection, min_medallists: int = 8) -> set[str]:
    """Nations whose records fans follow: at least `min_medallists` different Olympic or world medallists on
    file (individual events). A small nation's national record is a guess, not a quiz question."""
    rows = conn.execute(
        f"SELECT a.nationality, count(DISTINCT res.athlete_id) FROM {CHAMPIONSHIP_RESULTS} "
        f"JOIN athletes a ON a.id = res.athlete_id "
        f"JOIN events e ON e.id = r.event_id "
        f"WHERE c.level IN ('OG', 'WCH') AND {_FINAL} AND {_PLACED} AND res.place BETWEEN 1 AND 3 "
        f"AND a.is_team = 0 AND e.kind != 'relay' AND a.nationality IS NOT NULL GROUP BY 1")
    return {nat for nat, n in rows if n >= min_medallists}
