""""who has won the bowerman mile the most" names the athletes with the most wins of that meeting's event (a tie
names everyone), not the latest winner (A10). Expected from the raw files: the Diamond League archive's
Prefontaine Classic results (2010-2023) and the World Athletics toplists' Eugene races, the main race of a year
being the one with the best winning mark."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()

DL = SHARED / "diamond-league-2010-2023" / "data"


def _dl_winners(title: str) -> dict[str, tuple[float, str]]:
    """Date -> (mark, winner) of the races titled so at the Prefontaine Classic (meeting 25) in the archive."""
    out: dict[str, tuple[float, str]] = {}
    for path in sorted(DL.glob("*_25.json")):
        for group in json.loads(path.read_text(encoding="utf-8")).values():
            for race in group:
                name, _, day = race["title"].rpartition(" - ")
                if name != title:
                    continue
                d, m, y = day.split(".")
                for r in race["data"]:
                    if r["place"] != "1." or not r["mark"]:
                        continue
                    key, won = f"{y}-{m}-{d}", (raw.seconds(r["mark"]), r["athlete"])
                    if key not in out or won < out[key]:
                        out[key] = won   # two races a day (a second mile): the faster is the main one
    return out


def _toplist_winners(path: str, days: set[str]) -> dict[str, tuple[float, str]]:
    return {r["iso"]: (r["value"], r["competitor"]) for r in raw.toplist(path)
            if "Eugene" in r["venue"] and r["position"].strip() == "1" and r["iso"] in days}


def _counts(*sources: dict[str, tuple[float, str]]) -> Counter:
    """Wins an athlete, one a year: the best winning mark of the year's races."""
    best: dict[str, tuple[float, str]] = {}
    for found in sources:
        for day, (value, who) in found.items():
            year = day[:4]
            if year not in best or value < best[year][0]:
                best[year] = (value, who.split()[-1].title())
    return Counter(who for _v, who in best.values())


def _near(days: set[str]) -> set[str]:
    """Those days and the day either side (Pre runs over two days)."""
    out = set()
    for d in days:
        day = dt.date.fromisoformat(d)
        out |= {(day + dt.timedelta(k)).isoformat() for k in (-1, 0, 1)}
    return out


def _check(engine, q: str, counts: Counter) -> None:
    top = max(counts.values())
    leaders = sorted(w for w, n in counts.items() if n == top)
    answer = engine.answer_now(q)
    assert answer.status == ANSWERED, answer.headline
    assert answer.headline.startswith("The most wins"), answer.headline
    assert f"{top} times" in answer.headline and answer.entities.get("wins") == top, (counts, answer.headline)
    for who in leaders:
        assert who in answer.headline, (who, answer.headline)
    assert [r.athlete.split()[-1] for r in answer.rows if r.place == 1] == leaders or len(leaders) > 1


def test_most_wins_of_the_bowerman_mile(engine):
    dl = _dl_winners("Men's Mile")
    eugene = {r["iso"] for r in raw.toplist("male/one-mile.csv.gz") if "Eugene" in r["venue"]}
    mile = _toplist_winners("male/one-mile.csv.gz", eugene)
    counts = _counts(dl, {d: v for d, v in mile.items() if d[5:7] in ("05", "06", "07", "08", "09")})
    _check(engine, "who has won the bowerman mile the most", counts)


def test_most_wins_of_another_race_there(engine):
    """Never named: the women's 1500 m at Pre, on the days of the meeting (those of its mile races)."""
    days = _near(set(_dl_winners("Men's Mile")) | {r["iso"] for r in raw.toplist("male/one-mile.csv.gz")
                                                   if "Eugene" in r["venue"] and r["position"].strip() == "1"})
    counts = _counts(_dl_winners("Women's 1500m"), _toplist_winners("female/1500-metres.csv.gz", days))
    _check(engine, "who has won the womens 1500 at pre the most", counts)
