"""The youngest and oldest champions (age_record): "youngest olympic javelin champion". Expected from the raw
toplist: its Olympic finals (the winner, position 1, at the Games' city in the Games' months), each winner's age
from the toplist's birth date; the Games and their cities from the raw medallist file (Tokyo 2020, held in 2021,
is not in that file: SOURCES.md names it)."""
from __future__ import annotations

import csv
import datetime as dt

import pytest

from bot.ask.answer import ANSWERED
from tests.ask import raw
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()
# how World Athletics' venues spell the Games' cities (the medallist file writes them in English)
_SPELLED = {"Athens": "Athina", "Rio de Janeiro": "Rio de Janeiro", "Moscow": "Moskva", "Munich": "München",
            "Mexico City": "Ciudad de México", "Paris": "Paris"}


def _games() -> dict[int, str]:
    with open(SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv", encoding="utf-8") as f:
        out = {int(r["year"]): r["games"].split(" ", 1)[1] for r in csv.DictReader(f) if r["sport"] == "Athletics"}
    out[2021] = "Tokyo"
    return out


def _champions(path: str) -> list[tuple[int, str, str]]:
    """(age in days, winner, date) of every Olympic final the toplist holds."""
    games = _games()
    out = []
    for r in raw.toplist(path):
        year = int(r["iso"][:4])
        city = _SPELLED.get(games.get(year, ""), games.get(year, ""))
        if r["position"].strip() == "1" and city and city.lower() in r["venue"].lower() \
                and int(r["iso"][5:7]) in (7, 8, 9, 10) and r["dob"]:
            age = (dt.date.fromisoformat(r["iso"]) - dt.date.fromisoformat(r["dob"])).days
            out.append((age, r["competitor"], r["iso"]))
    return out


@pytest.mark.parametrize("question,path,youngest", [
    ("who was the youngest olympic javelin champion", "male/javelin-throw.csv.gz", True),
    ("oldest olympic mens javelin champion", "male/javelin-throw.csv.gz", False),
])
def test_the_youngest_and_oldest_olympic_champions(engine, question, path, youngest):
    champions = sorted(_champions(path), reverse=not youngest)
    assert len(champions) >= 8, champions   # the Games since the new javelin (1986) are all there
    answer = engine.answer_now(question)
    assert answer.status == ANSWERED and answer.intent == "age_record", answer.headline
    assert answer.rows[0].date == champions[0][2], (champions[:3], answer.rows[:3])
    assert answer.rows[0].athlete.split()[-1].upper() == champions[0][1].split()[-1], answer.rows[0]


def test_a_champion_linked_to_a_namesake_is_no_age(engine):
    """A medal list's name alone (no birth date in its row) may be linked to a later namesake: the Sydney 2000
    marathon champion on the medal list is not placed by another Gezahegne Abera's birth date (born 1983 on the
    toplist, whose own marks start in the 2010s)."""
    rows = [r for r in raw.toplist("male/marathon.csv.gz") if r["competitor"] == "Gezahegne ABERA"]
    assert rows and all(r["iso"] >= "2005" for r in rows) and {r["dob"] for r in rows} == {"1983-12-06"}
    answer = engine.answer_now("youngest ever world or olympic champion")
    assert answer.rows and not any("Abera" in r.athlete for r in answer.rows), answer.rows


def test_the_youngest_and_oldest_in_one_final(engine):
    """"youngest n oldest in the paris 1500 final": the finalists by age (the final's rows on the toplist)."""
    final = [r for r in raw.toplist("male/1500-metres.csv.gz") if r["iso"] == "2024-08-06" and r["dob"]
             and r["position"].strip().isdigit()]
    assert len(final) >= 10, len(final)
    youngest = max(final, key=lambda r: r["dob"])
    oldest = min(final, key=lambda r: r["dob"])
    answer = engine.answer_now("youngest n oldest in the paris 1500 final?")
    assert answer.status == ANSWERED and answer.intent == "age_record", answer.headline
    family = [r["competitor"].split()[-1].title() for r in (youngest, oldest)]
    assert f"youngest {youngest['competitor'].split()[0]}" in answer.headline and family[0] in answer.headline
    assert f"oldest {oldest['competitor'].split()[0]}" in answer.headline and family[1] in answer.headline
