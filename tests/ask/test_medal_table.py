"""Who has the most medals (medal_table): the counts are checked against the raw Olympic medal list
(olympic-medallists-1896-2024), every event of it (the discontinued ones too)."""
from __future__ import annotations

import csv
from collections import Counter

from anyascii import anyascii

from bot.ask.answer import ANSWERED
from tests.conftest import SHARED, needs_shared

pytestmark = needs_shared()


def _golds(sex: str | None = None, events: frozenset[str] | None = None) -> Counter:
    """Golds per athlete (relay runners each), from the raw medal list."""
    out: Counter = Counter()
    with open(SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["sport"] != "Athletics" or r["medal"] != "Gold":
                continue
            if sex and r["event_gender"] != sex or events and r["event_name"] not in events:
                continue
            for name in r["athletes"].split(","):
                out[anyascii(name.strip()).lower()] += 1
    return out


def test_most_olympic_golds_names_the_leaders_of_the_raw_list(engine):
    """Every Olympic event of the medal list counts (the discontinued team and cross-country races too), so the
    leaders are the raw list's, with its count, and nothing is said to be left out."""
    answer = engine.answer_now("who has the most olympic golds in athletics")
    assert answer.status == ANSWERED and answer.intent == "medal_table", answer.headline
    assert answer.headline.startswith("The most Olympic gold medals"), answer.headline
    assert not any("Not counted" in n for n in answer.notes), answer.notes
    raw = _golds()
    top = max(raw.values())
    leaders = [name for name, n in raw.items() if n == top]
    for name in leaders:
        assert name.split()[-1] in anyascii(answer.headline).lower(), (name, answer.headline)
    assert f"{top} each" in answer.headline or f", {top}" in answer.headline, (top, answer.headline)
    # in today's events (100 m, 200 m, long jump, relays...), the raw list's counts are lower bounds of ours
    # (another Olympic source adds rows the medal list lacks)
    sprint = _golds(events=frozenset({"100m", "200m", "long jump", "4x100m relay"}))
    lewis = [r for r in answer.rows if r.athlete == "Carl Lewis"]
    assert lewis and int(lewis[0].note.split()[0]) >= sprint["carl lewis"] > 0


def test_a_tie_at_the_top_names_everyone(engine):
    answer = engine.answer_now("most world titles")
    top = [r for r in answer.rows if r.place == 1]
    assert top and all(r.athlete in answer.headline for r in top)


def test_the_womens_table_is_womens(engine):
    answer = engine.answer_now("most olympic medals by a woman")
    assert answer.status == ANSWERED and "woman" in answer.headline
    women = {anyascii(n).lower() for n in _golds("Women's")}
    assert anyascii(answer.rows[0].athlete).lower().split()[-1] in " ".join(women)


def test_an_event_table_counts_that_event(engine):
    answer = engine.answer_now("most medals in the 1500")
    assert answer.status == ANSWERED and answer.intent == "medal_table"
    assert not any("Not counted" in n for n in answer.notes)


def test_an_early_olympians_count_says_what_it_leaves_out(engine):
    """The raw medal list gives Nurmi golds in cross-country and team races, events the database does not hold:
    his count must say it is of the events held, never pass as his total."""
    raw = _golds()
    answer = engine.answer_now("paavo nurmi olympic gold count?")
    assert answer.status == ANSWERED
    n = int(answer.headline.split(" has ")[1].split()[0])
    if n < raw["paavo nurmi"]:
        assert "in the events my data holds" in answer.headline
        assert any("may have more" in note for note in answer.notes)
    modern = engine.answer_now("carl lewis olympic golds")
    assert "in my data" in modern.headline and not any("may have more" in x for x in modern.notes)
