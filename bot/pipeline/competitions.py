"""Named competitions: series, and how a (venue, date) in the results becomes "Prefontaine Classic 2024".

The toplists name no competition, only a venue and a date. This module holds the curated list of series
(what a fan calls them, where they are held) and finds each edition's dates in the data itself:
- where a structured source dates an edition (the Diamond League archive 2010-2023, Rio 2016), that wins;
- championships: the host city per year is curated (OG hosts come from the medallist list, WCh 1983-2013
  from the finals file), and the dates are the main multi-day cluster of performances there that year;
- one-day meetings in years no structured source covers: the isolated peak day at the series' home (the
  stadiums where the Diamond League archive holds at least two of its editions, and venue texts naming only
  their city; Millrose: its curated venue), within the series' usual months, and not one or two days of a
  longer meeting there (bot/pipeline/build/editions.py). The city patterns below are only used on the days a
  structured source dates (the Birmingham Grand Prix of 2010 in Gateshead, Pre 2019 at Stanford).
Every competition row names the source of its identification.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.common import names


@dataclass(frozen=True)
class Series:
    id: str
    name: str
    level: str  # OG, WCH, WIC, DL, other
    aliases: tuple[str, ...]
    venue_patterns: tuple[str, ...] = ()  # regexes on the folded venue text
    months: tuple[int, ...] = ()  # usual months, for finding editions in the results
    indoor: bool = False
    dl_meeting_id: int | None = None
    # The seasons the meeting was a Diamond League meeting, as far as the sources show: from the archive's
    # first season (2010) or the season a meeting joined, to the last season the archive holds its results
    # when it left before the toplist-only seasons (None: still in). A series that joined after the archive
    # has no edition before it joined (the Chorzów meetings of earlier years were other meetings).
    dl_first: int = 2010
    dl_last: int | None = None


SERIES: dict[str, Series] = {s.id: s for s in [
    Series("OG", "Olympic Games", "OG", ("olympics", "olympic games", "og", "olympic", "games")),
    Series("WCH", "World Championships", "WCH", ("world championships", "worlds", "wch", "wc", "world champs")),
    Series("WIC", "World Indoor Championships", "WIC",
           ("world indoor championships", "world indoors", "wic", "indoor worlds", "world indoor"), indoor=True),
    Series("DL-EUGENE", "Prefontaine Classic", "DL",
           ("pre", "prefontaine", "prefontaine classic", "pre classic", "eugene dl", "eugene diamond league",
            "bowerman mile", "eugene"), (r"\beugene\b", r"\bstanford\b", r"\bpalo alto\b"), (5, 6, 7, 8, 9), dl_meeting_id=25),
    Series("DL-OSLO", "Bislett Games", "DL", ("bislett", "bislett games", "oslo", "oslo dl", "dream mile"),
           (r"\boslo\b",), (5, 6, 7), dl_meeting_id=18),
    Series("DL-ZURICH", "Weltklasse Zürich", "DL", ("weltklasse", "weltklasse zurich", "zurich", "zurich dl"),
           (r"\bzurich\b",), (8, 9), dl_meeting_id=2),
    Series("DL-ROME", "Golden Gala", "DL", ("golden gala", "rome", "roma", "rome dl", "golden gala pietro mennea"),
           (r"\broma\b", r"\bfirenze\b"), (5, 6, 7, 8, 9), dl_meeting_id=19),
    Series("DL-PARIS", "Meeting de Paris", "DL", ("meeting de paris", "paris dl", "paris diamond league", "areva"),
           (r"\bparis\b", r"\bsaint denis\b"), (6, 7, 8), dl_meeting_id=21),
    Series("DL-BRUSSELS", "Memorial Van Damme", "DL", ("van damme", "memorial van damme", "brussels", "bruxelles",
                                                      "brussels dl"), (r"\bbruxelles\b", r"\bbrussels\b"), (8, 9), dl_meeting_id=22),
    Series("DL-LONDON", "London Athletics Meet", "DL", ("london", "anniversary games", "london dl",
                                                        "london diamond league"), (r"\blondon\b",), (7, 8), dl_meeting_id=24),
    # A series' name is said of every edition, and the sources name none before the archive (2010): a name
    # true of every year, never a sponsor's of later years ("the 2006 adidas Grand Prix" was the Reebok Grand
    # Prix; BAUHAUS-galan was DN Galan until 2016; Doha joined the Diamond League in 2010). Review 8.
    Series("DL-STOCKHOLM", "Stockholm meeting", "DL", ("bauhaus galan", "bauhaus", "stockholm", "stockholm dl",
                                                       "dn galan", "bauhaus-galan"),
           (r"\bstockholm\b",), (6, 7, 8), dl_meeting_id=27),
    Series("DL-DOHA", "Doha meeting", "DL", ("doha", "doha dl", "qatar athletic super grand prix",
                                             "doha diamond league"),
           (r"\bdoha\b",), (4, 5, 9), dl_meeting_id=33),
    # The archive holds Shanghai's results to 2019 and New York's to 2015 (later files empty); after the
    # archive, their editions found in the toplists are not Diamond League meetings (Shanghai 2024: a road race)
    Series("DL-SHANGHAI", "Shanghai Diamond League", "DL", ("shanghai", "shanghai dl"), (r"\bshanghai\b",), (4, 5),
           dl_meeting_id=34, dl_last=2019),
    Series("DL-NEWYORK", "New York Grand Prix", "DL", ("adidas grand prix", "new york dl", "new york grand prix",
                                                       "reebok grand prix"),
           (r"\bnew york\b",), (5, 6), dl_meeting_id=35, dl_last=2015),
    Series("DL-LAUSANNE", "Athletissima", "DL", ("athletissima", "lausanne", "lausanne dl"), (r"\blausanne\b",),
           (6, 7, 8), dl_meeting_id=36),
    Series("DL-BIRMINGHAM", "Birmingham Grand Prix", "DL", ("birmingham", "birmingham dl", "birmingham grand prix"),
           (r"\bbirmingham\b", r"\bgateshead\b"), (6, 7, 8), dl_meeting_id=37),
    Series("DL-MONACO", "Herculis", "DL", ("herculis", "monaco", "monaco dl", "fontvieille"),
           (r"\bmonaco\b", r"\bfontvieille\b"), (7, 8), dl_meeting_id=38),
    Series("DL-RABAT", "Meeting International Mohammed VI", "DL", ("rabat", "rabat dl", "mohammed vi"),
           (r"\brabat\b",), (5, 6), dl_meeting_id=617),
    # Meetings that joined the series after the archive (June 2023): only the toplists hold them, so their
    # home is their city's stadium and their months those of the peaks there (checked on the toplists)
    Series("DL-SILESIA", "Kamila Skolimowska Memorial (Silesia)", "DL",
           ("silesia", "silesia dl", "silesia diamond league", "kamila skolimowska memorial", "skolimowska",
            "chorzow"), (r"\bchorzow\b",), (7, 8), dl_first=2023),
    Series("DL-XIAMEN", "Xiamen Diamond League", "DL", ("xiamen", "xiamen dl", "xiamen diamond league"),
           (r"\bxiamen\b",), (4, 9), dl_first=2023),
    Series("DL-SUZHOU", "Suzhou Diamond League", "DL", ("suzhou", "suzhou dl", "suzhou diamond league"),
           (r"\bsuzhou\b",), (4,), dl_first=2024),
    Series("DL-KEQIAO", "Shaoxing Keqiao Diamond League", "DL",
           ("keqiao", "shaoxing", "keqiao dl", "shaoxing keqiao", "keqiao diamond league", "shaoxing diamond league"),
           (r"\bkeqiao\b",), (4, 5), dl_first=2025),
    Series("MILLROSE", "Millrose Games", "other", ("millrose", "millrose games"),
           # The Armory since 2012, Madison Square Garden before; other New York venues are other meets.
           (r"^(armory track field center |msg |madison square garden )?new york ny$",), (1, 2), indoor=True),
]}

DL_MEETING_SERIES = {s.dl_meeting_id: s.id for s in SERIES.values() if s.dl_meeting_id}


def level_in(s: Series, year: int) -> str:
    """An edition's level: a meeting's editions outside its Diamond League seasons are other meetings."""
    if s.level != "DL":
        return s.level
    return "DL" if s.dl_first <= year and (s.dl_last is None or year <= s.dl_last) else "other"

# Host cities of World Championships after the finals file (which covers 1983-2013) and of World Indoor
# Championships. Curated: each edition is only created when the results data shows a multi-day cluster of
# elite performances in that city in that year, and its dates are that cluster's.
CURATED_HOSTS: dict[tuple[str, int], tuple[str, ...]] = {
    ("WCH", 2015): ("beijing",), ("WCH", 2017): ("london",), ("WCH", 2019): ("doha",),
    ("WCH", 2022): ("eugene",), ("WCH", 2023): ("budapest",), ("WCH", 2025): ("tokyo",),
    ("OG", 2021): ("tokyo",),  # Tokyo 2020, held in 2021 (absent from the medallist file, named in SOURCES.md)
    ("WIC", 1987): ("indianapolis",), ("WIC", 1989): ("budapest",), ("WIC", 1991): ("sevilla",),
    ("WIC", 1993): ("toronto",), ("WIC", 1995): ("barcelona",), ("WIC", 1997): ("paris",),
    ("WIC", 1999): ("maebashi",), ("WIC", 2001): ("lisboa",), ("WIC", 2003): ("birmingham",),
    ("WIC", 2004): ("budapest",), ("WIC", 2006): ("moskva",), ("WIC", 2008): ("valencia",),
    ("WIC", 2010): ("doha",), ("WIC", 2012): ("istanbul",), ("WIC", 2014): ("sopot",),
    ("WIC", 2016): ("portland",), ("WIC", 2018): ("birmingham",), ("WIC", 2022): ("beograd",),
    ("WIC", 2024): ("glasgow",), ("WIC", 2025): ("nanjing",),
}
# Usual months of the championships, to keep a host city's other meetings out of the cluster.
CHAMPIONSHIP_MONTHS = {"OG": (7, 8, 9, 10), "WCH": (7, 8, 9, 10), "WIC": (2, 3)}

# English names of Olympic host cities (medallist file) -> the spelling in WA venue texts.
CITY_SPELLINGS = {
    "rome": "roma", "athens": "athina", "moscow": "moskva", "munich": "munchen", "mexico city": "ciudad de mexico|mexico",
    "montreal": "montreal", "rio": "rio de janeiro", "beijing": "beijing", "seoul": "seoul", "sydney": "sydney",
    "london": "london", "atlanta": "atlanta", "barcelona": "barcelona", "los angeles": "los angeles",
    "tokyo": "tokyo", "paris": "paris|saint denis|st denis", "helsinki": "helsinki", "melbourne": "melbourne",
    # The finals file's 'Saint-Denis' (WCh 2003) is 'Stade de France, Paris-St-Denis (FRA)' in the toplists.
    "saint denis": "saint denis|st denis",
    "stuttgart": "stuttgart", "gothenburg": "goteborg", "goteborg": "goteborg", "seville": "sevilla",
    "sevilla": "sevilla", "edmonton": "edmonton", "osaka": "osaka", "berlin": "berlin", "daegu": "daegu",
    "moskva": "moskva", "athina": "athina", "rio de janeiro": "rio de janeiro",
}


def city_pattern(city: str) -> str:
    c = names.fold(city)
    spelled = CITY_SPELLINGS.get(c, c)
    return r"\b(" + spelled + r")\b"


def venue_matches(venue_folded: str, patterns) -> bool:
    return any(re.search(p, venue_folded) for p in patterns)


def clusters(dates: dict[str, int], gap_days: int = 3) -> list[tuple[str, str, int]]:
    """Group sorted ISO dates into runs with gaps of at most gap_days: (first, last, total count)."""
    import datetime as dt
    out: list[tuple[str, str, int]] = []
    for d in sorted(dates):
        day = dt.date.fromisoformat(d)
        if out and (day - dt.date.fromisoformat(out[-1][1])).days <= gap_days:
            first, _, n = out[-1]
            out[-1] = (first, d, n + dates[d])
        else:
            out.append((d, d, dates[d]))
    return out


def isolated_peak(day_counts: dict[str, int], min_count: int = 8) -> tuple[str, str] | None:
    """The one- or two-day window with the most elite marks among those that stand alone: the two days
    either side hold at most a third of the window's count. Multi-day meetings at the same stadium (national
    championships, trials) have no such window, so a one-day meeting is found even when trials out-number
    it; a two-day meeting (a Diamond League final) is found whole. Returns (first day, last day)."""
    import datetime as dt
    best, best_n = None, min_count - 1
    for d in sorted(day_counts):
        day = dt.date.fromisoformat(d)
        for length in (1, 2):
            days = [(day + dt.timedelta(days=k)).isoformat() for k in range(length)]
            n = sum(day_counts.get(x, 0) for x in days)
            if n <= best_n or (length == 2 and day_counts.get(days[1], 0) * 4 < n):
                continue  # a second day with almost nothing is not part of the meeting
            around = [(day + dt.timedelta(days=k)).isoformat() for k in (-2, -1, length, length + 1)]
            if all(day_counts.get(x, 0) * 3 <= n for x in around):
                best, best_n = (days[0], days[-1]), n
    return best
