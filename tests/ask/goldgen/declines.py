"""Questions the engine must decline: editions that have not happened or never existed, meets and athletes
that are not in the data, other sports, nonsense and emoji.

Which editions exist is read from the raw files (the Olympic years of the medal list plus Tokyo's 2021, the
World Championships years of the finals file, the last season on the toplists); the rest is vocabulary.
"""
from __future__ import annotations

from tests.ask.goldgen import finals, raw
from tests.ask.goldgen import phrasing as ph

# meets fans ask about that none of our sources covers
ABSENT_MEETS = ["ncaa", "ncaa champs", "commonwealth games", "european championships", "penn relays",
                "boston marathon", "golden spike ostrava", "kip keino classic", "hanzekovic memorial",
                "grand slam track", "asian games", "usatf champs", "olympic trials", "european indoors",
                "drake relays", "world cross country", "big 10 champs", "texas relays"]
OTHER_SPORTS = ["who won the 100m freestyle at the 2024 olympics", "who won the tour de france 2024",
                "fastest 50m freestyle ever", "who won wimbledon 2023", "nba finals mvp 2024",
                "who won the 2022 world cup final", "olympic breakdancing gold 2024", "who scored the most goals in 2023"]
NONSENSE = ["🏃‍♂️💨", "🥇🥇🥇", "🔥🔥", "👀", "asdfghjkl", "zxcvbnm qwerty", "lorem ipsum", "balls", "ego", "flat",
            "hmm", "lol what", "...", "1+1", "how do i tie my shoelaces", "what's for dinner", "good morning bot",
            "is it going to rain tomorrow", "banana", "🤔 🤔", "who let the dogs out", "sing me a song"]
SYLLABLES = ["zor", "vak", "pel", "trin", "qua", "lix", "dor", "mav", "kel", "sund", "brix", "ovo", "yel", "tarn",
             "plu", "wex", "grim", "fau", "nox", "ziv"]


def _name_tokens() -> set[str]:
    out: set[str] = set()
    for a in raw.all_athletes().values():
        for s in a["spellings"]:
            out.update(raw.fold(s).split())
    for race in raw.dl_races():
        for r in race.results:
            out.update(raw.fold(r.raw_name).split())
    for m in raw.olympic_medals():
        for n in m.raw_names:
            out.update(raw.fold(n).split())
    return out


def _fake_names(g, n: int) -> list[str]:
    """Names no source has a word of."""
    known = _name_tokens()
    out: list[str] = []
    while len(out) < n:
        first = "".join(g.rng.sample(SYLLABLES, 2))
        last = "".join(g.rng.sample(SYLLABLES, 3))
        if first not in known and last not in known and first != last:
            out.append(f"{first} {last}")
    return out


def declines(g) -> None:
    rng = g.rng
    last_og = max(m.year for m in raw.olympic_medals())
    og_years = {m.year for m in raw.olympic_medals()} | {2021}
    wc_years = {f.year for f in finals.world_finals()}
    last_season = max(p.year for p in raw.toplist("1500m", "M"))

    def add(q: str, why: str, tags: list[str] | None = None) -> None:
        g.add({"q": q, "status": "unknown", "tags": tags or [], "from": why})

    # future Olympic Games and World Championships
    for year in g.pick([2028, 2032, 2036, 2040, 2044], 5):
        ev, _ = ph.event_word(rng, rng.choice(["100m", "800m", "1500m", "5000m", "PV", "400mH"]))
        q = rng.choice(["who won the {y} olympic {ev}", "{y} olympics {ev} winner", "olympic {ev} champion {y}",
                        "{ev} podium at the {y} olympics", "results {ev} olympics {y}"]).format(y=year, ev=ev)
        add(q, f"future Games (the last in the medal list is {last_og})")
    for city, year in (("la", 2028), ("brisbane", 2032)):
        ev, _ = ph.event_word(rng, rng.choice(["100m", "1500m", "mile", "200m"]))
        add(f"who won the {ev} at {city} {year}", "future Games")
    for year in g.pick([2027, 2029, 2031, 2033], 4):
        ev, _ = ph.event_word(rng, rng.choice(["100m", "1500m", "10000m", "HJ", "JT"]))
        word = rng.choice(ph.MEET_WORDS["WCH"])
        add(rng.choice([f"who won the {ev} at {word} {year}", f"{word} {year} {ev} results",
                        f"{ev} gold {word} {year}"]), "future World Championships")
    for meet, year in (("pre", 3024), ("bislett", 2031), ("weltklasse", 2030), ("millrose", 2029),
                       ("monaco", 2035), ("pre", 2099)):
        ev, _ = ph.event_word(rng, rng.choice(["mile", "5000m", "800m", "100m"]))
        add(f"who won the {ev} at {meet} {year}", "a meeting that has not happened", ["abbreviation"])
    # seasons after the last one on the toplists
    for year in (2030, 2031, 2040):
        ev, _ = ph.event_word(rng, rng.choice(["1500m", "100m", "800m"]))
        add(rng.choice([f"world lead {ev} {year}", f"fastest {ev} of {year}"]),
            f"a season after the toplists' last ({last_season})")
    add(f"josh kerr 1500 season best {last_season + 6}", "a season that has not happened")
    # Olympic Games and World Championships in years with none
    for year in g.pick(sorted(set(range(1985, 2024)) - og_years - {y + 1 for y in og_years} - {2020}), 5):
        ev, _ = ph.event_word(rng, rng.choice(["100m", "1500m", "800m", "5000m"]))
        add(rng.choice([f"who won the {year} olympic {ev}", f"{year} olympics {ev} winner"]),
            "no Olympic Games that year (medal list)")
    for year in g.pick(sorted(set(range(1984, 2013)) - wc_years - {1984, 1986, 1988}), 5):
        ev, _ = ph.event_word(rng, rng.choice(["100m", "1500m", "400m", "10000m"]))
        add(rng.choice([f"who won the {ev} at the {year} world championships", f"world champs {year} {ev} winner"]),
            "no World Championships that year (finals file)")
    # meets no source covers
    for meet in g.pick(ABSENT_MEETS, 14):
        ev, _ = ph.event_word(rng, rng.choice(["100m", "1500m", "mile", "800m", "5000m", "MAR"]))
        year = rng.choice([2019, 2022, 2023, 2024, 2025])
        add(rng.choice([f"who won the {ev} at the {meet} {year}", f"{meet} {year} {ev} results",
                        f"{meet} {year} {ev} winner"]), "a meet not in any source")
    # athletes no source names
    for name in _fake_names(g, 12):
        ev, _ = ph.event_word(rng, rng.choice(["1500m", "100m", "800m", "5000m", "PV"]))
        add(rng.choice([f"what is {name}'s {ev} pb", f"who is {name}", f"{name} {ev} season best 2024",
                        f"{name} vs {name.split()[1]}son", f"how many olympic medals has {name} won"]),
            "an athlete no source names")
    for q in g.pick(OTHER_SPORTS, 6):
        add(q, "another sport")
    for q in g.pick(NONSENSE, 14):
        add(q, "not a question about athletics")
