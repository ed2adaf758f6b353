"""Understanding a question: tokens, then slots (event, sex, meet, year, place, scope...), then the intent.

Slot filling is lexicon-based and greedy, longest phrase first, each token used once. What no slot takes
is left for the athlete resolver (bot/ask/people.py), grouped by "vs"/"and". Nothing here reads the
database: the Vocabulary passed in holds what the database knows about names of meets and athletes.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from anyascii import anyascii
from rapidfuzz.distance import OSA, Levenshtein

from bot.ask import lexicon as lx
from bot.common import events as ev

_UNIT = re.compile(r"\b(\d+)\s?(?:m|metres|meters|meter|metre|mtr)\b")
_THOUSANDS = re.compile(r"(\d),(\d{3})(?!\d)")   # "5,000m", "10,000"
_TOKEN = re.compile(r"\d+(?:[:.]\d+)+|'\d\d\b|\d+(?:st|nd|rd|th)\b|[a-z0-9]+(?:'[a-z]+)*")
_SUBNUM = re.compile(r"\b(sub|under)-?(\d)")
_MARK_UNIT = re.compile(r"(\d[.:]\d+)(?:m|s)\b")    # "6.05m", "9.9s": the mark alone (the event says its unit)
_PLURAL = re.compile(r"^(\d+)s$")                      # "sub-10s", "sub 4s": marks under 10, under 4
_METRES = re.compile(r"^(\d+)m$")                      # "cleared 6m", "over 90m"
_MARK = re.compile(r"^\d+(?:[:.]\d+)+$")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DIGIT = re.compile(r"\d")
_TIMES = re.compile(r"\b(\d+)\s*x\s*(\d+)")                # "4 x 400"
_KM = re.compile(r"(\d)(k|km)\b")

MAX_QUESTION = 500
# "#1 all time", "# 2 ever", "no.2 all time", "number 3 on the list": a place on a list, read as "1st", "2nd";
# "no"/"number" only right before the figure and a list's word, so "no 100m" or "number of sub 10s" stay
_RANK = re.compile(r"#\s?(\d{1,3})\b|\b(?:no\.?|number)\s?(\d{1,3})\b(?=\s*(?:all[- ]?time|ever|on\b|in the world))")


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


# Symbols carry no words: an emoji would otherwise become its name ("🔥" -> "fire", "💯" -> "100").
_NO_WORDS = frozenset({"So", "Sk", "Me", "Cf", "Cs", "Co", "Cn"})


def _without_symbols(text: str) -> str:
    if text.isascii():
        return text
    text = text.replace("\u2019", "'").replace("\u00b4", "'").replace("\u00d7", "x")
    return "".join(" " if unicodedata.category(ch) in _NO_WORDS or ch == "\ufe0f" else ch for ch in text)


_OR_MORE_SIGN = re.compile(r"(\d(?:[\d.:]*\d)?m?)\+(?=\s|$|[,.?!])")


def tokenize(text: str) -> list[str]:
    """Lower-case ASCII tokens; marks ("3:43.13"), "'24", "800m", "4x400" and "1st" stay whole; emoji and other
    symbols are dropped."""
    t = anyascii(_without_symbols(text[:MAX_QUESTION]).replace("`", "'")).lower()
    if _DIGIT.search(t):        # every rewrite below needs a figure: names and words (most of a start's) skip them
        t = _RANK.sub(lambda m: _ordinal(int(m[1] or m[2])), t)
        t = _THOUSANDS.sub(r"\1\2", t)
        t = _TIMES.sub(r"\1x\2", t)
        t = _UNIT.sub(r"\1m", t)
        t = _SUBNUM.sub(r"\1 \2", t)
        t = _MARK_UNIT.sub(r"\1", t)
        t = _KM.sub(r"\1k", t)
        t = _OR_MORE_SIGN.sub(r"\1 or more ", t)   # "6m+", "2.40+": the mark or better
    out = []
    for tok in _TOKEN.findall(t):
        if tok.endswith("'s"):
            tok = tok[:-2]
        if not tok.startswith("'"):
            tok = tok.replace("'", "")
        if tok:
            out.append(tok)
    return out


@dataclass(frozen=True)
class Venue:
    """A stadium the data names: its name as written, its city, and the meetings held there by year."""
    name: str                                   # "Hayward Field"
    city: str                                   # "Eugene"
    years: dict[int, tuple[str, ...]]           # 2022 -> ("DL-EUGENE", "WCH")
    meetings: Mapping[str, str]                 # "DL-EUGENE" -> "Prefontaine Classic"
    short: bool = False                         # named by its one telling word ("hayward"): a name, unless placed


@dataclass
class Vocabulary:
    """What the database knows about names: meet aliases, championship host cities, athletes' full names."""
    meet_aliases: dict[tuple[str, ...], str]                # ("prefontaine", "classic") -> "DL-EUGENE"
    host_cities: dict[tuple[str, ...], dict[int, str]]     # ("tokyo",) -> {2021: "OG", 2025: "WCH", ...}
    full_names: Mapping[tuple[str, ...], frozenset[int]]   # ("josh", "kerr") -> {athlete ids}
    event_aliases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    name_words: frozenset[str] = frozenset()                 # every word of every athlete's name
    # words that carry no slot and no name: the grammar words and those learned from questions fans ask
    # (bot/ask/fillers.py); they never become athletes
    fillers: frozenset[str] = lx.STOPWORDS
    venues: Mapping[tuple[str, ...], Venue] = field(default_factory=dict)   # "hayward field" -> Venue

    # Tables every question reads, made from the ones above once (the vocabulary does not change once built)
    @functools.cached_property
    def misspelt_tables(self) -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, str]]:
        """One-word meet aliases of 5+ letters, one-word event aliases of 5+ letters (not starting with a digit),
        one-word meet aliases of 4 letters: what a misspelt word is compared with (_misspelt_slots)."""
        meets = {k[0]: v for k, v in self.meet_aliases.items() if len(k) == 1 and len(k[0]) >= 5}
        events = {k[0]: v for k, v in self.event_aliases.items() if len(k) == 1 and len(k[0]) >= 5
                  and not k[0][0].isdigit()}
        short = {k[0]: v for k, v in self.meet_aliases.items() if len(k) == 1 and len(k[0]) == 4}
        return meets, events, short

    @functools.cached_property
    def host_cities_by_first(self) -> dict[str, list[tuple[str, ...]]]:
        """Host cities of two words or more, by their first word."""
        out: dict[str, list[tuple[str, ...]]] = {}
        for key in self.host_cities:
            if len(key) >= 2:
                out.setdefault(key[0], []).append(key)
        return out


_WALK_WORDS = (("race", "walk"), ("walk",), ("rw",), ("racewalk",))


def event_alias_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Every way of writing an event, tokenised like questions, -> event codes (several for 'sprint hurdles')."""
    table: dict[tuple[str, ...], list[str]] = {}
    for e in ev.EVENTS.values():
        for alias in {e.code, e.name, *e.aliases}:
            key = tuple(tokenize(alias))
            if key and e.code not in table.setdefault(key, []):
                table[key].append(e.code)
    extra = {
        "100": "100m", "200": "200m", "400": "400m", "800": "800m", "1500": "1500m", "5000": "5000m",
        "10000": "10000m", "3000": "3000m", "60": "60m", "steeple": "3000mSC", "steeplechase": "3000mSC",
        "sc": "3000mSC", "3000msc": "3000mSC", "3ksc": "3000mSC", "110 hurdles": "110mH", "100 hurdles": "100mH",
        "400 hurdles": "400mH", "60 hurdles": "60mH", "400 h": "400mH", "110 h": "110mH", "100 h": "100mH",
        "pole vault": "PV", "pv": "PV", "vault": "PV", "high jump": "HJ", "long jump": "LJ", "triple jump": "TJ",
        "shot put": "SP", "shotput": "SP", "shot": "SP", "discus": "DT", "hammer": "HT", "javelin": "JT",
        "marathon": "MAR", "half marathon": "HM", "half": "HM", "mile": "mile", "miles": "mile",
        "milers": "mile", "miler": "mile", "metric mile": "1500m", "hurdles": "110mH|100mH",
        "sprint hurdles": "110mH|100mH", "4x1": "4x100", "4x4": "4x400", "decathlon": "DEC",
        "heptathlon": "HEP", "deca": "DEC", "hep": "HEP", "road mile": "roadmile", "10k road": "road10k",
        "road 10k": "road10k", "5k road": "road5k", "road 5k": "road5k", "20k walk": "20kmW",
        "racewalk": "20kmW", "race walk": "20kmW", "35k walk": "35kmW", "50k walk": "50kmW",
        "2 mile": "2miles", "two mile": "2miles", "half mile": "800m", "quarter mile": "400m",
        "steeplechasers": "3000mSC", "sprinters": "100m", "vaulters": "PV", "marathoners": "MAR",
        "pole vaulters": "PV", "pole vaulter": "PV", "high jumpers": "HJ", "high jumper": "HJ",
        # the event as a verb: "who has pole vaulted 6m" ("pole" was read as an athlete)
        "pole vaulted": "PV", "pole vaulting": "PV", "pole vaults": "PV", "high jumped": "HJ",
        "high jumping": "HJ", "long jumped": "LJ", "long jumping": "LJ", "triple jumped": "TJ",
        "triple jumping": "TJ", "shot putted": "SP", "shot putting": "SP",
        "long jumpers": "LJ", "long jumper": "LJ", "triple jumpers": "TJ", "triple jumps": "TJ",
        "long jumps": "LJ", "high jumps": "HJ", "shot putters": "SP", "shot putter": "SP",
        "discus throwers": "DT", "hammer throwers": "HT", "javelin throwers": "JT", "decathletes": "DEC",
        "heptathletes": "HEP", "400m hurdlers": "400mH", "400 hurdlers": "400mH", "400mh hurdlers": "400mH",
        "110m hurdlers": "110mH", "100m hurdlers": "100mH", "hurdlers": "110mH|100mH", "marathons": "MAR",
        "half marathons": "HM", "steeples": "3000mSC", "10ks": "10000m", "5ks": "5000m",
        "relay": "4x100|4x400", "relays": "4x100|4x400",   # the Olympic relays: the athlete or the asker picks
        # fans' short forms ("kevin mayer dec pb", "hept", "mara pb"); "dec" and "mar" are months too, read so
        # only beside a day or a year (_month_not_event)
        "dec": "DEC", "decath": "DEC", "hept": "HEP", "hepta": "HEP", "mar": "MAR", "mara": "MAR", "hm": "HM",
        "disc": "DT", "rw": "20kmW", "race walking": "20kmW",
    }
    for code in ("100m", "200m", "400m", "800m", "1500m", "5000m", "10000m", "3000m", "60m", "1000m"):
        n = code[:-1]
        for plural in (n + "s", n + "ms", code + "s"):
            table.setdefault((plural,), [code])
    for code in ("4x100", "4x200", "4x400", "4x800", "4x1500"):
        # "4x400 relay", "4x4 relay", "4 x 100m relay": the relay word goes with the relay named
        for written in (code, code + "m", code.replace("x", " x "), code[:3] if code in ("4x100", "4x400") else ""):
            if written:
                table[tuple(tokenize(written + " relay"))] = [code]
                table[tuple(tokenize(written + " relays"))] = [code]
    table[("sprint", "relay")], table[("long", "relay")] = ["4x100"], ["4x400"]
    for alias, codes in extra.items():
        table[tuple(tokenize(alias))] = codes.split("|")
    for key, walks in list(table.items()):
        # "20km rw", "50k racewalk", "35k race walk": every walk with each way fans say "race walk"
        tail = next((t for t in _WALK_WORDS if len(key) > len(t) and key[-len(t):] == t), None)
        if tail and key[-len(tail) - 1] != "race" and all(c.endswith("W") for c in walks):
            for other in _WALK_WORDS:
                table.setdefault(key[:-len(tail)] + other, walks)
    # "pen" is an English word and a given name, never the pentathlon alone
    table.pop(("pen",), None)
    table[("half",)] = ["HM"]
    table[("shot",)] = ["SP"]
    return {k: tuple(v) for k, v in table.items()}


@dataclass
class Parsed:
    text: str
    tokens: list[str]
    intent: str | None = None
    events: list[str] = field(default_factory=list)          # event codes in the order written
    event_choices: list[tuple[str, ...]] = field(default_factory=list)
    sex: str | None = None
    meet: str | None = None
    meet_by_city: str | None = None                           # "tokyo": the city named the meet
    meets: list[str] = field(default_factory=list)            # every championship named ("olympic/world finals")
    city_years: dict[int, str] = field(default_factory=dict)  # championships held in that city: year -> series
    year: int | None = None
    years: list[int] = field(default_factory=list)
    span: tuple[int, int] | None = None                       # a range of years, both included ("since 2015")
    place: int | None = None
    places: list[int] = field(default_factory=list)           # several places of one race ("1st and 2nd")
    round: str | None = None
    heat: int | None = None                                   # "heat 1", "the second semi": which race of the round
    indoor: bool | None = None
    road: bool = False
    scope: str | None = None
    region: str | None = None                                 # nation or area code
    nation: str | None = None                                 # a nationality filter ("fastest british")
    medal: str | None = None
    limit: int | None = None
    marks: list[str] = field(default_factory=list)            # marks as typed
    units: list[str] = field(default_factory=list)            # a mark asked in other units: "km", "mile", "feet"
    not_named: list[str] = field(default_factory=list)        # "the jamaican guy, not elaine": names ruled out
    threshold: str | None = None                              # "sub 4" -> "4" (unit decided per event)
    date: tuple[int, int] | None = None                       # (month, day)
    date_year: int | None = None
    decade: int | None = None                                 # "the 80s" -> 1980
    names: list[list[str]] = field(default_factory=list)      # token groups left for athletes, in order
    name_hits: list[frozenset[int]] = field(default_factory=list)  # exact full-name matches, by group
    name_at: list[int] = field(default_factory=list)           # where each group starts in the question
    cues: set[str] = field(default_factory=set)
    quote_terms: list[str] = field(default_factory=list)      # words a quote should contain
    assumptions: list[str] = field(default_factory=list)
    taken: list[bool] = field(default_factory=list)           # by token: placed by a slot (or a quote's words)
    not_names: set[int] = field(default_factory=set)          # tokens whose place in the sentence says no name
    this_year: bool = False                                   # the year was said "this year", not written
    venue: tuple[str, ...] | None = None                      # a stadium named ("hayward field"): Vocabulary.venues


CUES = {
    # phrase -> cue
    ("who", "won"): "win", ("won",): "win", ("winner",): "win", ("win",): "win", ("wins",): "win",
    ("winners",): "win", ("title",): "win", ("champion",): "win", ("champ",): "win", ("victory",): "win", ("gold",): "gold",
    ("podium",): "podium", ("medallists",): "podium", ("medalists",): "podium", ("medallist",): "podium",
    ("medalist",): "podium", ("medalled",): "podium", ("medaled",): "podium", ("top", "3"): "podium", ("top", "three"): "podium", ("medals",): "medals",
    ("medal",): "medals", ("golds",): "medals", ("silvers",): "medals", ("bronzes",): "medals",
    ("titles",): "medals",
    ("results",): "results", ("result",): "results", ("full", "results"): "results", ("standings",): "results",
    ("whole",): "results",
    ("finish",): "place", ("finished",): "place", ("place",): "place", ("placed",): "place",
    ("came",): "place", ("position",): "place", ("lose",): "lose", ("lost",): "lose", ("loses",): "lose",
    ("record",): "record", ("records",): "record", ("wr",): "record", ("wrs",): "record", ("nr",): "record", ("nrs",): "record", ("ar",): "record",
    ("holder",): "record", ("holds",): "record",
    ("progression",): "progression", ("history",): "progression", ("evolution",): "progression",
    ("progressed",): "progression", ("progress",): "progression", ("timeline",): "progression",
    ("before",): "before", ("previous",): "before", ("current", "one"): "before", ("one", "before"): "before",
    ("old", "one"): "before", ("before", "that"): "before", ("last", "one"): "before", ("former",): "before", ("prior",): "before", ("preceded",): "before",
    ("pb",): "pb", ("pr",): "pb", ("pbs",): "pb", ("prs",): "pb", ("personal", "best"): "pb",
    ("personal", "record"): "pb", ("lifetime", "best"): "pb", ("best", "time"): "pb", ("best", "mark"): "pb",
    ("fastest", "time"): "pb", ("quickest", "time"): "pb", ("personal", "bests"): "pb",
    ("sb",): "sb", ("season", "best"): "sb", ("seasons", "best"): "sb", ("season",): "sb",
    ("season", "bests"): "sbs", ("seasons", "bests"): "sbs", ("sbs",): "sbs", ("by", "year"): "everyseason",
    ("each", "year"): "everyseason", ("every", "year"): "everyseason", ("each", "season"): "everyseason",
    ("every", "season"): "everyseason", ("per", "year"): "everyseason", ("year", "by", "year"): "everyseason",
    ("world", "lead"): "wl", ("wl",): "wl", ("world", "leader"): "wl", ("leads", "the", "world"): "wl",
    ("world", "leading"): "wl", ("leading",): "wl", ("leads",): "wl", ("led", "the", "world"): "wl", ("lead", "the", "world"): "wl", ("this", "season"): "thisseason", ("current", "season"): "thisseason",
    ("who", "is"): "profile", ("who", "s"): "profile", ("whos",): "profile", ("tell", "me", "about"): "profile",
    ("sit",): "rank", ("sits",): "rank", ("profile",): "profile", ("bio",): "profile", ("info",): "profile", ("born",): "profile",
    ("older",): "profile", ("younger",): "profile",
    ("dob",): "profile", ("birthday",): "profile", ("birthdays",): "profile", ("bdays",): "profile", ("birthdate",): "profile",
    ("how", "old"): "profile", ("age",): "profile", ("nationality",): "profile", ("what", "country"): "profile",
    ("which", "country"): "profile", ("individual",): "individual",
    ("which", "nation"): "profile", ("what", "nation"): "profile", ("which", "countries"): "profile",
    ("which", "nations"): "profile", ("represent",): "profile", ("represents",): "profile",
    ("represented",): "profile", ("representing",): "profile", ("compete", "for"): "profile",
    ("competes", "for"): "profile", ("competed", "for"): "profile",
    ("world", "list"): "worldlist", ("topped",): "wl", ("tops",): "wl",
    ("how", "many"): "howmany", ("number", "of"): "howmany", ("count",): "howmany",
    ("ever",): "ever", ("all", "time"): "ever", ("alltime",): "ever",
    ("fastest",): "best", ("best",): "best", ("quickest",): "best", ("top",): "best", ("highest",): "best",
    ("longest",): "best", ("furthest",): "best", ("farthest",): "best", ("greatest",): "best",
    ("vs",): "vs", ("versus",): "vs", ("v",): "vs", ("against",): "vs", ("head", "to", "head"): "vs",
    ("h2h",): "vs", ("rivalry",): "vs", ("beat",): "vs", ("ahead", "of"): "vs", ("more", "wins"): "vs",
    ("wins", "more"): "vs", ("won", "more"): "vs", ("who", "won", "more"): "vs", ("beat", "more"): "vs", ("beaten", "more"): "vs", ("beats",): "vs", ("raced",): "vs", ("faced",): "vs",
    ("convert",): "convert", ("conversion",): "convert", ("equivalent",): "convert", ("equals",): "convert",
    ("worth",): "convert", ("converted",): "convert", ("equiv",): "convert",
    ("say",): "quote", ("said",): "quote", ("says",): "quote", ("quote",): "quote", ("quotes",): "quote",
    ("saying",): "quote", ("talk",): "quote", ("talked",): "quote", ("think",): "quote", ("thinks",): "quote",
    ("what", "date"): "when", ("which", "date"): "when", ("what", "day"): "when", ("which", "day"): "when",
    ("most",): "most", ("oldest",): "oldest", ("youngest",): "youngest", ("when",): "when", ("still",): "standing", ("standing",): "standing", ("stand",): "standing",
    ("stood",): "standing", ("unbroken",): "standing", ("stood", "the", "longest"): "standing", ("longest", "standing"): "standing",
    ("on", "this", "day"): "otd", ("happened",): "otd", ("happen",): "otd", ("anniversary",): "otd", ("anniversaries",): "otd",
    ("broken",): "broken", ("broke",): "broken", ("break",): "broken", ("under",): "sub", ("sub",): "sub",
    ("below",): "sub", ("faster", "than"): "sub", ("beaten",): "broken", ("cracked",): "broken",
    ("over",): "over", ("beyond",): "over", ("above",): "over",
    ("rec",): "record", ("recs",): "record", ("bday",): "profile", ("b'day",): "profile", ("gap",): "margin",
    ("replace",): "broken", ("replaced",): "broken",
    ("rank",): "rank", ("ranks",): "rank", ("ranked",): "rank", ("ranking",): "rank", ("rankings",): "rank",
    ("cross", "country"): "crosscountry", ("xc",): "crosscountry", ("cross", "countries"): "crosscountry",
    ("wind", "aided"): "windy", ("wind", "assisted"): "windy", ("windy",): "windy", ("aided",): "windy",
    ("wind",): "windread", ("wind", "reading"): "windread", ("tailwind",): "windread", ("headwind",): "windread",
    ("by", "how", "much"): "margin", ("how", "close"): "margin", ("margin",): "margin", ("winning", "margin"): "margin",
    ("how", "far", "behind"): "margin", ("by", "how", "far"): "margin", ("how", "far", "apart"): "margin",
    ("how", "far", "back"): "margin", ("how", "far", "ahead"): "margin", ("how", "much", "ahead"): "margin",
    ("how", "much", "behind"): "margin",
    ("apart",): "margin", ("close",): "margin",
    ("medal", "table"): "nationtable", ("medals", "table"): "nationtable", ("medal", "standings"): "nationtable",
    ("medal", "tally"): "nationtable", ("medals", "tally"): "nationtable",
    ("take", "place"): "where", ("took", "place"): "where", ("takes", "place"): "where", ("hosted",): "where",
    ("host",): "where", ("hosts",): "where", ("what", "city"): "where", ("which", "city"): "where",
    ("what", "stadium"): "where", ("which", "stadium"): "where", ("venue",): "where", ("what", "venue"): "where",
    ("reaction",): "reaction", ("reaction", "time"): "reaction", ("reaction", "times"): "reaction",
    ("reacted",): "reaction", ("reaction", "speed"): "reaction",
    ("which", "round"): "whichround", ("what", "round"): "whichround",
    ("series",): "series", ("attempts",): "series", ("attempt",): "series", ("attempt", "by", "attempt"): "series",
    ("countback",): "countback", ("count", "back"): "countback", ("height", "sheet"): "countback",
    ("height", "sheets"): "countback", ("misses",): "countback", ("jump", "off"): "countback",
    ("legs",): "legs", ("leg",): "legs", ("anchor",): "legs", ("anchored",): "legs", ("lineup",): "legs",
    ("line", "up"): "legs", ("relay", "order"): "legs", ("running", "order"): "legs", ("leg", "order"): "legs",
    ("legs", "order"): "legs", ("order", "of", "legs"): "legs",
    ("world", "ranking"): "wrank", ("world", "rankings"): "wrank", ("world", "rank"): "wrank",
}
_CUE_KEYS = sorted(CUES, key=len, reverse=True)
_BEAT_WORDS = frozenset({"beat", "beaten", "outran", "outsprinted", "outkicked", "edged", "pipped", "ahead"})
_NATION_WORDS = frozenset({"country", "countries", "nation", "nations", "team", "teams"})   # "which country won …"
_NATION_ASKED = frozenset({"country", "nation", "nationality", "represent", "represents", "represented",
                           "representing"})
_VS_WORDS = {"vs", "versus", "v", "against", "and", "or", "&", "n"}   # "men n women", "who n when"
_PEOPLE = {"men", "women", "athletes", "people", "runners", "guys", "dudes", "fellas", "ladies", "girls", "boys", "performers",
           "americans", "brits", "kenyans", "athlete", "person", "milers", "sprinters", "jumpers",
           "vaulters", "throwers", "steeplechasers", "marathoners", "hurdlers", "females", "males"}
# Words read where they matter (splitting names, counting people): placed, never left over
PLACED_ELSEWHERE = frozenset(_VS_WORDS | _PEOPLE)


class _Cursor:
    """The question's tokens and which are taken."""

    def __init__(self, tokens: list[str]):
        self.t = tokens
        self.used = [False] * len(tokens)

    def free(self, i: int, n: int) -> bool:
        return i + n <= len(self.t) and not any(self.used[i:i + n])

    def take(self, i: int, n: int) -> None:
        for k in range(i, i + n):
            self.used[k] = True

    def find(self, table, max_len: int = 4):
        """Yield (i, n, key) for phrases of the table in free tokens, longest first, left to right."""
        for n in range(max_len, 0, -1):
            i = 0
            while i + n <= len(self.t):
                key = tuple(self.t[i:i + n])
                if key in table and self.free(i, n):
                    yield i, n, key
                i += 1


_CHAMPIONSHIP_WORDS = frozenset({"championship", "championships", "champs", "champioships", "championchips"})


def _global_championships(cur: _Cursor, p: Parsed) -> None:
    """"kerr vs jakob at championships", "in global championship finals": no championship named, so the global
    ones (cue "globalchamps"; a head-to-head reads the Olympic Games and the World Championships, indoors too).
    "global" is taken only before a championship word, so it never becomes a name."""
    t = cur.t
    if p.meet is not None or p.meets:
        for i, w in enumerate(t):
            if w in _CHAMPIONSHIP_WORDS and cur.free(i, 1):
                cur.take(i, 1)   # "eugene 2022 worlds (the champs, not pre)": the championship named
        return
    # "kerr v jakob in global 1500 finals", "global titles": "global" before a final's or a title's word
    said = [i for i, w in enumerate(t) if w == "global" and cur.free(i, 1) and _GLOBAL_NOUNS & set(t[i + 1:i + 4])]
    if not _CHAMPIONSHIP_WORDS & set(t) and not said:
        return
    for i in said:
        cur.take(i, 1)
    p.cues.add("globalchamps")
    for i, w in enumerate(t):
        if w in ("global", "major", "big") and i + 1 < len(t) and t[i + 1] in _CHAMPIONSHIP_WORDS and cur.free(i, 1):
            cur.take(i, 1)


_GLOBAL_NOUNS = frozenset({"final", "finals", "title", "titles", "medal", "medals", "golds", "races"})
_ROUND_TOKENS = frozenset(w for key in lx.ROUND_WORDS for w in key.split()) - {"round", "final", "finals"}


def _each_round(cur: _Cursor) -> None:
    """"who won each of the rio 800 semis", "every heat": each race of a round is what a round's answer lists
    already, so the word is taken; elsewhere ("every olympic 100") it stays unplaced, and the bot asks."""
    t = cur.t
    for i, w in enumerate(t):
        if w in ("each", "every", "all") and cur.free(i, 1) and _ROUND_TOKENS & set(t[i + 1:i + 7]):
            cur.take(i, 1)


def _relative_clause(t: list[str]) -> bool:
    """"…, the jamaican who got silver in paris", "the one that won pre": a clause that describes the athlete
    (a "who"/"that" after the question's start, before a win or medal word), not a second question."""
    for i, w in enumerate(t[2:], 2):
        if w in ("who", "that") and set(t[i + 1:i + 4]) & {"won", "got", "took", "win", "wins", "gold", "silver",
                                                           "bronze", "medalled", "finished", "came"}:
            return True
    return False


# Words that open a second question inside one ("…, where did neeraj finish", "… and was it a wr")
_SECOND_OPENERS = frozenset({"who", "what", "whats", "where", "when", "was", "were", "did", "does", "is", "how",
                             "which", "has", "had"})
_SECOND_SPLIT = re.compile(r"\s*(?:,|\?|;|\band\b|\bn\b|&)\s*(?:and\s+|n\s+|also\s+)?(?=(\w+)\b)", re.IGNORECASE)


# Words that open an aside after a question: hearsay, a guess, a feeling; it asks nothing ("heard it was slow")
_ASIDE_OPENERS = frozenset({"heard", "wasnt", "isnt", "think", "thought", "apparently", "pretty", "surely",
                            "reckon", "guess", "iirc", "afaik", "imo", "seemed", "seems", "felt", "feels"})
_ASIDE_SPLIT = re.compile(r"\s*(?:,|\?|;|\s-\s|\.\s)\s*(?=(?:i\s+)?(\w+)\b)", re.IGNORECASE)


def aside_of(text: str) -> tuple[str, str] | None:
    """"winning time in the rio 1500? heard it was super slow", "wlodarczyk hammer pb? wasnt it like 83": the
    question, and the aside after it (hearsay, a guess), which is set aside whole (never read for names or
    years); None when there is none."""
    for m in _ASIDE_SPLIT.finditer(text):
        if m.group(1).lower() in _ASIDE_OPENERS:
            head, tail = text[:m.start()].strip(), text[m.end():].strip(" ?.!")
            if len(tokenize(head)) >= 2 and tail:
                return head, tail
    return None


def split_question(text: str) -> tuple[str, str] | None:
    """Two questions typed as one: the text before and after a comma, "and", "?" or ";" that a question word
    opens ("who won the jav at tokyo worlds, where did neeraj finish"), each of two words or more; None when
    there is no such place (the first one from the left)."""
    for m in _SECOND_SPLIT.finditer(text):
        if m.group(1).lower() not in _SECOND_OPENERS:
            continue
        head, tail = text[:m.start()].strip(), text[m.end():].strip()
        if len(tokenize(head)) >= 2 and len(tokenize(tail)) >= 2:
            return head, tail
    return None


def _ruled_out(cur: _Cursor, p: Parsed, vocab: Vocabulary) -> None:
    """"thompson 100 pb, the jamaican guy not elaine": a name after "not" rules that athlete out (resolution
    drops namesakes with the word); "the worlds, not pre": a meeting after "not" is not the one asked. Both
    words are placed, never read as the question's athlete or meeting."""
    t = cur.t
    for i in range(len(t) - 1):
        if t[i] != "not" or not cur.free(i, 2):
            continue
        w = t[i + 1]
        if (w,) in vocab.meet_aliases:
            cur.take(i, 2)
        elif w in vocab.name_words and (w,) not in vocab.event_aliases and any(
                (w, u) in vocab.full_names or (u, w) in vocab.full_names for k, u in enumerate(t) if k not in (i, i + 1)):
            # only a namesake of a name the question says ("thompson … not elaine"): "who won … not hocker"
            # asks something else, and stays unplaced
            p.not_named.append(w)
            cur.take(i, 2)


def _typos(tokens: list[str]) -> list[str]:
    """"wich", "hw many", "wen did": a misspelt question word read as the word meant, where a question word
    stands (first, or before "many", "did" …), so a surname spelt the same stays a name elsewhere; fans' short
    forms ("yr", "ppl") anywhere else."""
    out = [lx.SHORT_FORMS.get(w, lx.QUESTION_TYPOS.get(w, w) if i == 0 or (
        i + 1 < len(tokens) and tokens[i + 1] in lx.QUESTION_NEXT) else w) for i, w in enumerate(tokens)]
    return [x for w in out for x in lx.CITY_LETTERS.get(w, (w,))]   # "nyc": "new york"


def understand(text: str, vocab: Vocabulary, today: dt.date) -> Parsed:
    tokens = _typos(tokenize(text))
    p = Parsed(text=text, tokens=tokens)
    cur = _Cursor(tokens)
    _quote_words(cur, p)
    _attempt_words(cur, p)
    _ruled_out(cur, p, vocab)
    _full_names(cur, p, vocab)
    _u20_records(cur, p)
    _dates(cur, p, today)
    _event_verbs(cur, p)
    _marks(cur, p, vocab.event_aliases)
    _units(cur, p)
    _years(cur, p, today, vocab)
    _decades(cur, p)
    _limits(cur, p)
    _other_championships(cur, p)
    _venues(cur, p, vocab)
    _scopes(cur, p, vocab)
    _event_names_with_meet_words(cur, p, vocab)
    _meets(cur, p, vocab)
    repeated = _events(cur, p, vocab)
    _counted_people(cur)
    _shared_words(cur, p)
    _first_n(cur, p)
    _simple(cur, p)
    _cues(cur, p, vocab.fillers)
    _lacked(cur, p)
    if p.marks and p.events and p.events == repeated and ("convert" in p.cues or not p.cues) \
            and p.meet is None and p.meet_by_city is None:
        # "3:45 mile to mile": the shape of a conversion (a mark and two events), to the same event, which the
        # converter answers as such, rather than one event to convert to another
        p.events.append(p.events[0])
    _misspelt_slots(cur, p, vocab)
    _meeting_words(cur, p)
    if p.meet == "WCH" and p.indoor:   # "worlds indoor 2024": the World Indoor Championships
        p.meet = "WIC"
    _grammar_words(cur, p, vocab)
    p.taken = list(cur.used)
    _names(cur, p, vocab)
    _name_apart(p)
    _names_as_ends(p)
    if "record" in p.cues and p.meet == "WIC" and p.scope in (None, "world") and _says_world_indoor(p.tokens):
        # "world indoor mile record": the world record indoors, not a record of the World Indoor Championships
        p.meet, p.scope, p.indoor = None, "world", True
    if "record" in p.cues and p.year is None and p.meet in ("OG", "WCH", "WIC") and p.scope is None:
        # "olympic pole vault record": the record of the Games, not a result at one edition
        p.scope = "olympic" if p.meet == "OG" else "championship"
        p.meet = None
    _top_places(p)
    p.intent = _intent(p)
    return p


_PACE_UNITS = {"km": "km", "k": "km", "kms": "km", "kilometre": "km", "kilometer": "km", "kilometres": "km",
               "kilometers": "km", "mile": "mile", "mi": "mile", "miles": "mile", "lap": "lap", "laps": "lap"}
_PER = frozenset({"per", "each", "every", "min", "mins", "minutes", "avg", "average"})
_FEET = frozenset({"feet", "ft", "foot", "inches", "imperial"})


def _units(cur: _Cursor, p: Parsed) -> None:
    """A mark asked in other units (bot/ask/conversions.py): "per km", "per mile", "km pace", "pace" (both),
    "in feet". Read before the events, so the "mile" of "per mile" is a unit, not the event."""
    t = cur.t
    of_answer = not p.marks and bool(_OF_ANSWER & set(t))
    if not p.marks and not of_answer:
        return
    for i, w in enumerate(t):
        if not cur.free(i, 1):
            continue
        after = t[i + 1] if i + 1 < len(t) else ""
        if w in _PER and after in _PACE_UNITS and cur.free(i + 1, 1):
            p.units.append(_PACE_UNITS[after])
            cur.take(i, 2)
            if w == "per" and i > 0 and t[i - 1] in ("min", "mins", "minutes") and cur.free(i - 1, 1):
                cur.take(i - 1, 1)   # "minutes per km"
        elif w == "pace":
            cur.take(i, 1)
            p.cues.add("pace")
            if i > 0 and t[i - 1] in _PACE_UNITS and cur.free(i - 1, 1):
                p.units.append(_PACE_UNITS[t[i - 1]])   # "km pace", "mile pace"
                cur.take(i - 1, 1)
        elif w in _FEET:
            p.units.append("feet")
            cur.take(i, 1)
            if i > 0 and t[i - 1] == "in" and cur.free(i - 1, 1):
                cur.take(i - 1, 1)
    if "pace" in p.cues and not set(p.units) & {"km", "mile"}:
        p.units += ["km", "mile"]
    if p.units:
        p.units = list(dict.fromkeys(p.units))
        # "kiptum's wr pace per km": the answer's mark in those units (bot/ask/engine.py), not a mark typed
        p.cues.add("unitsof" if of_answer else "convert")


# words of an answer that has a mark, whose pace or feet may be asked ("the marathon wr pace per km")
_OF_ANSWER = frozenset({"wr", "record", "pb", "best", "sb", "winning", "won", "record's"})


def _first_n(cur: _Cursor, p: Parsed) -> None:
    """"the first three in the 2023 worlds 1500": at a meeting, the first places of its race, as "top three"."""
    t = cur.t
    if p.meet is None and p.meet_by_city is None:
        return
    for i in range(len(t) - 1):
        n = _number(t[i + 1])
        if t[i] == "first" and n and 2 <= n <= 20 and cur.free(i, 2) and not _is_event_number(t, i + 1) \
                and (i + 2 >= len(t) or t[i + 2] not in ("time", "times", "to")):
            p.limit = n
            cur.take(i, 2)
            if n == 3:
                p.cues.add("podium")
            return


def _top_places(p: Parsed) -> None:
    """Places are a race's only: "top two at pre 2024 mile" is places 1 and 2 of that race ("top 3" stays the
    podium); without a meeting, several places or a "top N" are a list's, not a race's."""
    if p.meet is None and p.meet_by_city is None:
        p.places = []
        return
    t = p.tokens
    top = p.limit is not None and any(t[i] in ("top", "first") and _number(t[i + 1]) == p.limit
                                      for i in range(len(t) - 1))
    if top and not p.places and p.limit and 2 <= p.limit != 3:
        p.places = list(range(1, p.limit + 1))


def _says_world_indoor(t: list[str]) -> bool:
    """"world indoor" with no word of a championship ("championships", "champs", "wic", "indoors", "title")."""
    return any(t[i:i + 2] == ["world", "indoor"] for i in range(len(t) - 1)) and not (
        {"championships", "championship", "champs", "wic", "indoors", "title", "titles", "worlds"} & set(t))


_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]")
_SAID = frozenset({"said", "says", "saying", "say", "wrote", "writes", "tweeted", "posted", "quoted"})
_ASKING = frozenset({"who", "whose", "which", "whom"})   # "what did jakob say about kerr" asks the speaker


def _quote_words(cur: _Cursor, p: Parsed) -> None:
    """The words of a quote the question asks about ("who said I would have beaten him blindfolded", "who said
    “ego is pretty high”"): they are the quote's, never read as athletes, events or years."""
    t = cur.t
    found = _QUOTED.search(p.text)
    if found:
        words = tokenize(found.group(1))
        n = len(words)
        for i in range(len(t) - n + 1):
            if n >= 2 and t[i:i + n] == words:
                p.quote_terms = words
                p.cues |= {"quote", "quotetext"}
                cur.take(i, n)
                return
    for i, w in enumerate(t):
        if w not in _SAID or not any(x in _ASKING for x in t[max(0, i - 3):i]):
            continue
        start = i + 1 + (i + 1 < len(t) and t[i + 1] == "that")
        if len(t) - start >= 2 and t[i + 1] not in ("about", "of", "to"):
            # "who said that ...": everything after is the quote ("what did jakob say about kerr" is not this)
            p.quote_terms = t[start:]
            p.cues |= {"quote", "quotetext"}
            cur.take(i, len(t) - i)
        return


def _full_names(cur: _Cursor, p: Parsed, vocab: Vocabulary) -> None:
    # Full names first ("Will Claye", "Noah Lyles"), so their words are not read as slots or stop words.
    owned = _after_possessive(cur.t, p.text)
    for i, n, key in list(cur.find(vocab.full_names, 4)):
        if n < 2 or not cur.free(i, n) or owned & set(range(i + 1, i + n)):
            continue   # "edwards' mark" is Edwards's mark, never Mark Edwards
        cur.take(i, n)
        p.names.append(list(key))
        p.name_hits.append(vocab.full_names[key])
        p.name_at.append(i)


_POSSESSIVE = re.compile(r"([a-z]+)(?:'s|’s|s'|s’)(?=\s)")


def _after_possessive(t: list[str], text: str) -> set[int]:
    """The tokens just after a word written possessive ("edwards' mark", "kerr's time"): the thing owned, so
    never the second half of a name."""
    owners = [m.group(1) + ("s" if m.group(0).endswith(("s'", "s’")) else "")
              for m in _POSSESSIVE.finditer(text.lower())]
    return {i + 1 for i, w in enumerate(t[:-1]) if w in owners}


def _dates(cur: _Cursor, p: Parsed, today: dt.date) -> None:
    t = cur.t
    for i in range(len(t)):
        if not cur.free(i, 1):
            continue
        w = t[i]
        if w in ("today", "tonight") or (w == "day" and i >= 2 and t[i - 2:i] == ["on", "this"]):
            p.date = (today.month, today.day)
            p.cues.add("otd")
            cur.take(i, 1)
        elif w == "yesterday":
            y = today - dt.timedelta(days=1)
            p.date = (y.month, y.day)
            p.cues.add("otd")
            cur.take(i, 1)
        elif w == "tomorrow":
            y = today + dt.timedelta(days=1)
            p.date = (y.month, y.day)
            p.cues.add("otd")
            cur.take(i, 1)
    m = _ISO.search(" ".join(t))
    if m:
        year, mo, d = (int(x) for x in m.groups())
        if _valid(mo, d):
            p.date, p.date_year = (mo, d), year
    for i in range(len(t)):
        month = lx.MONTHS.get(t[i])
        if not month or not cur.free(i, 1):
            continue
        for j, k in ((i + 1, 1), (i - 1, 1), (i - 2, 2)):
            if 0 <= j < len(t) and cur.free(j, 1):
                day = _day(t[j])
                if day and _valid(month, day) and (k == 1 or t[i - 1] == "of"):
                    p.date = (month, day)
                    cur.take(i, 1)
                    cur.take(j, 1)
                    if k == 2:
                        cur.take(i - 1, 1)
                    break


def _day(tok: str) -> int | None:
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", tok)
    return int(m.group(1)) if m else None


def _valid(month: int, day: int) -> bool:
    try:
        dt.date(2024, month, day)  # a leap year: 29 February is a date
        return True
    except ValueError:
        return False


# A mark after these words is a threshold; which way it goes is the event's: under a time, beyond a distance
BELOW = frozenset({"sub", "under", "below", "broken", "broke", "break", "breaking", "beaten", "than", "cracked"})
_OVER = frozenset({"over", "beyond", "above", "past", "surpassed"})
# verbs that say a distance or height: a mark after them, but a year never ("long jump 2024")
_REACHED = frozenset({"cleared", "clears", "clearing", "clear", "thrown", "threw", "throw", "jumped", "jump",
                      "vaulted", "vault", "leapt", "reached", "reach"})
ABOVE = _OVER | _REACHED
# after a threshold's number: its unit, placed with it ("broken 13 seconds", "over 8500 points")
_UNITS = frozenset({"seconds", "second", "secs", "sec", "s", "minutes", "minute", "mins", "min", "hours", "hour",
                    "hrs", "hr", "h", "metres", "meters", "metre", "meter", "points", "pts"})
# "over the past 10 years": a span of time, no barrier
_SPANS = frozenset({"years", "year", "seasons", "editions", "months", "weeks", "days", "times", "races", "meets"})
# "sub 4 times", "broken 10 times": marks under the barrier, where "over 10 times" is a count
_SUB = frozenset({"sub", "broken", "broke", "cracked", "breaking"})
# "90m throws", "6m clearances": a distance named as the kind of mark
_MARK_NOUNS = frozenset({"throws", "throw", "jumps", "jump", "vaults", "clearances", "clearance", "leaps", "heaves",
                         "bombs", "marks", "plus", "clearences", "clearence"})


@functools.cache
def _event_verbs_table() -> dict[tuple[str, ...], str]:
    """The events written as two words ending in a verb that also makes a mark a barrier reached ("pole
    vaulted", "long jump"), from the alias table: one event each."""
    return {k: v[0] for k, v in event_alias_table().items() if len(k) == 2 and k[1] in _REACHED and len(v) == 1}


def _event_verbs(cur: _Cursor, p: Parsed) -> None:
    """"pole vaulted 6m", "long jumped 9m": the event before a mark is read first, its verb left to say the mark
    is a barrier reached (_threshold_words), never the verb alone with the rest of the event an athlete."""
    table = _event_verbs_table()
    for i, n, key in list(cur.find(table, 2)):
        after = cur.t[i + n] if i + n < len(cur.t) else ""
        if cur.free(i, n) and (_MARK.match(after) or re.fullmatch(r"\d+(\.\d+)?m?", after)):
            cur.take(i, n)
            if table[key] not in p.events:
                p.events.append(table[key])


def _marks(cur: _Cursor, p: Parsed, event_aliases: dict | None = None) -> None:
    t = cur.t
    aliases = event_aliases or {}
    for i, w in enumerate(t):
        if cur.free(i, 1) and _MARK.match(w):
            p.marks.append(w)
            cur.take(i, 1)
            if t[i + 1:i + 2] == ["or"] and i + 2 < len(t) and t[i + 2] in _OR_MORE and cur.free(i + 1, 2):
                # "2.40 or higher", "2.40+ clearances": a barrier reached, the words after it placed too
                cur.take(i + 1, 2)
                p.threshold = w
                p.cues |= {"barrier", "ormore", _OR_MORE[t[i + 2]]}
                if i + 3 < len(t) and t[i + 3] in _MARK_NOUNS and cur.free(i + 3, 1):
                    cur.take(i + 3, 1)
                continue
            if i + 1 < len(t) and t[i + 1] in _MARK_NOUNS and cur.free(i + 1, 1):
                cur.take(i + 1, 1)   # "2.40 clearances", "6.00 vaults": marks reached
                p.cues.add("over")
            if i > 0 and t[i - 1] in BELOW | ABOVE:
                p.threshold = w
                p.cues.add("barrier")   # a mark after a barrier word: "cleared 6.00", "under 3:30"
                _threshold_words(cur, p, i)
    for i, w in enumerate(t):
        # "sub 4", "under 10", "broken 4", "sub-10s", "cleared 6m": a number after a threshold word is a mark
        # in the event's unit; "90m throws" too
        if not cur.free(i, 1):
            continue
        before = t[i - 1] if i > 0 else ""
        after = t[i + 1] if i + 1 < len(t) else ""
        if after == "or" and i + 2 < len(t) and t[i + 2] in _OR_MORE and cur.free(i + 1, 2):
            # "6m or higher", "3:50 or faster": the barrier said after the mark
            before = "under" if _OR_MORE[t[i + 2]] == "sub" else "over"
            after = t[i + 3] if i + 3 < len(t) else ""
            cur.take(i + 1, 2)
            p.cues |= {"ormore", _OR_MORE[t[i + 2]]}   # a barrier, never one mark looked up
        if before in _OVER and _distance_follows(t, i - 1):
            continue   # "over 1500", "over 400m hurdles": the distance, not a mark
        if w.isdigit() and after in p.marks:
            continue   # "sub 1571 9.8": the mark written as one is the barrier, not the number before it
        number = w if w.isdigit() and (before not in _REACHED or len(w) <= 3) else None
        if number is None and before in BELOW:
            number = _group(_PLURAL, w)
        if number is None and (before in BELOW | ABOVE or after in _MARK_NOUNS):
            number = _group(_METRES, w)
            if number is not None and (w,) in aliases and before not in _REACHED and not _other_event(t, i, aliases):
                number = None   # "over 400m" is the event unless the question names another ("over 60m javelin")
        sub_times = after == "times" and before in _SUB
        if number is None or not (before in BELOW | ABOVE or (after in _MARK_NOUNS and not w.isdigit())) \
                or (after in _SPANS and not sub_times):
            continue
        p.threshold = number
        p.marks.append(number)
        p.cues.add("roundmark")   # "9m", "sub 10": a figure said as a barrier, not a mark to look up
        if before in BELOW | ABOVE:
            p.cues.add("barrier")
        cur.take(i, 1)
        if sub_times and cur.free(i + 1, 1):
            cur.take(i + 1, 1)   # "sub 4 times": marks under 4, not a count of four
        if after in _MARK_NOUNS and cur.free(i + 1, 1):
            cur.take(i + 1, 1)
            p.cues.add("over")
        _threshold_words(cur, p, i)
    if p.threshold is None and p.marks:
        p.threshold = p.marks[0]


_OR_MORE = {"higher": "over", "better": "over", "more": "over", "further": "over", "farther": "over",
            "longer": "over", "above": "over", "over": "over", "faster": "sub", "quicker": "sub", "under": "sub",
            "less": "sub", "below": "sub"}


def _group(pattern: re.Pattern[str], w: str) -> str | None:
    m = pattern.match(w)
    return m.group(1) if m else None


def _threshold_words(cur: _Cursor, p: Parsed, i: int) -> None:
    """The word before a threshold at i says it is one (and placed), the unit after it is placed."""
    before = cur.t[i - 1] if i > 0 else ""
    if before in BELOW | ABOVE:   # said, though the word may be placed already ("pole vaulted 6m": the event)
        p.cues.add("sub" if before in BELOW else "over")
        if cur.free(i - 1, 1):
            cur.take(i - 1, 1)
    if i + 1 < len(cur.t) and cur.free(i + 1, 1) and cur.t[i + 1] in _UNITS:
        cur.take(i + 1, 1)


def _other_event(t: list[str], i: int, aliases: dict) -> bool:
    return any((t[k],) in aliases or tuple(t[k:k + 2]) in aliases for k in range(len(t)) if k != i)


def _years(cur: _Cursor, p: Parsed, today: dt.date, vocab: Vocabulary) -> None:
    t = cur.t
    relative: list[int] = []   # years said as "this year", "last season"
    written: list[tuple[int, int]] = []   # (token, year) of the years written as such
    for i, w in enumerate(t):
        if not cur.free(i, 1):
            continue
        year = None
        if re.fullmatch(r"\d{4}", w) and (1860 <= int(w) <= today.year + 1
                                          or (int(w) >= 1000 and (w,) not in vocab.event_aliases)):
            # a four-digit number that names no event is a year, one still to come included ("2032
            # olympics", "pre 3024"): the engine declines it, rather than answering another year
            year = int(w)
        elif re.fullmatch(r"'\d\d", w):
            yy = int(w[1:])
            year = 2000 + yy if 2000 + yy <= today.year + 1 else 1900 + yy
        elif w in ("year", "season") and i > 0 and t[i - 1] in ("last", "this") and cur.free(i - 1, 1) \
                and not (w == "season" and t[i - 1] == "this"):
            year = today.year - 1 if t[i - 1] == "last" else today.year
            cur.take(i - 1, 1)
        elif re.fullmatch(r"\d\d", w) and (w,) not in vocab.event_aliases and (i > 0 and any(
                tuple(t[j:i]) in vocab.meet_aliases or tuple(t[j:i]) in vocab.host_cities for j in range(max(0, i - 3), i))
                or any(tuple(t[i + 1:k]) in vocab.meet_aliases for k in range(i + 2, min(len(t), i + 3) + 1))
                or _in_two_digits(t, i, vocab) or _year_said_short(t, i, written)):
            # "pre 24", "worlds 23", "93 worlds": two digits next to a meet are its year
            yy = int(w)
            year = 2000 + yy if 2000 + yy <= today.year + 1 else 1900 + yy
            p.assumptions.append(f"“{w}” read as {year}.")
        if year is not None:
            if w in ("year", "season"):
                relative.append(year)
            else:
                written.append((i, year))
            p.years.append(year)
            cur.take(i, 1)
    _span(cur, p, written, today)
    if relative and len(p.years) > len(relative):
        # "this year (2025)": the year written out says which the asker means
        p.years = [y for y in p.years if y not in relative] or p.years
    # "this year" alone: the data's latest season may stand for it (bot/ask/results._this_year)
    p.this_year = today.year in relative and p.years == [today.year]
    p.year = p.years[0] if p.years else None


def _in_two_digits(t: list[str], i: int, vocab: Vocabulary) -> bool:
    """"the olympics in 08", "olympic 800 winner in 96": two digits after "in", ending the question or before
    no unit ("in 10 seconds"), in a question naming a championship or meet, are its year."""
    if t[i - 1] not in ("in", "of") or (i + 1 < len(t) and t[i + 1] in _UNITS):
        return False
    return any(tuple(t[j:k]) in vocab.meet_aliases for j in range(i) for k in range(j + 1, min(i, j + 4) + 1))


# words before a year said in two digits ("since 84", "in 96", "from 68 to 91") and what makes a question about
# years (records, their progression, a season): "top 84" or "84 metres" is never a year
_BEFORE_YEAR = frozenset({"since", "in", "from", "of", "until", "till", "before", "after", "between", "during"})
_YEARS_ASKED = frozenset({"progression", "history", "season", "seasons", "sb", "sbs", "wl", "lead", "leads", "leader",
                          "best", "fastest",
                          "record", "records", "wr", "wrs", "nr", "nrs", "ar", "rec", "recs", "holder", "held"})


def _year_said_short(t: list[str], i: int, written: list[tuple[int, int]]) -> bool:
    """"wr progression since 84", "800 records from 68 to 91": two digits after a word that goes before a year
    (or after "to" that follows one read as a year), in a question about records or a season, not before a
    unit or a count ("in 10 seconds", "in 84 races")."""
    if i + 1 < len(t) and (t[i + 1] in _UNITS or t[i + 1] in _SPANS):
        return False
    before = t[i - 1] in _BEFORE_YEAR or (t[i - 1] in _TO and any(k == i - 2 for k, _ in written))
    return before and bool(_YEARS_ASKED & set(t))


# Open ends of a range of years: where the data cannot reach (the first sources are of the 1890s)
FIRST_YEAR = 1800
_TO = frozenset({"to", "until", "till", "through", "thru", "and"})
_DASHED = re.compile(r"\b(\d{4})\s*[-\u2010-\u2015]\s*(\d{4})\b")
_RECORD_WORDS = frozenset({"record", "records", "wr", "wrs", "nr", "nrs", "ar", "rec", "recs", "holder", "held",
                           "progression"})
_LISTS_RECORDS = frozenset({"progression", "history"})
# one end named: (first, last) from the year written and the latest year
_OPEN = {"since": lambda y, now: (y, now), "after": lambda y, now: (y + 1, now),
         "before": lambda y, now: (FIRST_YEAR, y - 1), "until": lambda y, now: (FIRST_YEAR, y),
         "till": lambda y, now: (FIRST_YEAR, y), "through": lambda y, now: (FIRST_YEAR, y),
         "thru": lambda y, now: (FIRST_YEAR, y)}


def _span(cur: _Cursor, p: Parsed, written: list[tuple[int, int]], today: dt.date) -> None:
    """A range of years ("between 1983 and 2013", "from 2010 to 2020", "2010-2020", "since 2015", "before 2000"):
    p.span, both ends included, with its years out of p.years (a range is no single season)."""
    t = cur.t
    dashed = {(int(a), int(b)) for a, b in _DASHED.findall(p.text)}
    at = dict(written)
    for i, y in written:
        j = i + 2 if i + 2 in at and t[i + 1] in _TO else i + 1 if i + 1 in at and (y, at[i + 1]) in dashed else None
        opener = t[i - 1] if i > 0 else ""
        if opener == "to" and i > 1 and t[i - 2] == "up" and cur.free(i - 2, 2):
            cur.take(i - 2, 1)   # "titles up to 2013": until then
            opener = "until"
        # "2019 to 2024" is a range as "from 2019 to 2024" is; "2019 and 2024" only after "between"
        if j is not None and (j == i + 1 or (j == i + 2 and t[i + 1] != "and")
                              or (opener in ("between", "from") and cur.free(i - 1, 1))):
            if j == i + 2:
                if opener in ("between", "from"):
                    cur.take(i - 1, 1)
                cur.take(i + 1, 1)
            first, last = sorted((y, at[j]))
        elif opener == "from" and cur.free(i - 1, 1) and _LISTS_RECORDS & set(t):
            cur.take(i - 1, 1)   # "progression from 1968": from that year on
            first, last = y, today.year
        elif opener in _OPEN and cur.free(i - 1, 1) and (not _RECORD_WORDS & set(t) or _LISTS_RECORDS & set(t)):
            # "mile world record before 1999", "broken the 1500 world record since 1998": the record as it stood
            # then (its date, its progression), not a range to count over; but a progression "since 1984" is
            # the records set in those years
            cur.take(i - 1, 1)
            first, last = _OPEN[opener](y, today.year)
        else:
            continue
        p.span = (first, last)
        ends = {y, at.get(j or i, y)}
        p.years = [x for x in p.years if x not in ends]
        return


_DECADE = re.compile(r"'?(\d0|1[89]\d0|20[0-2]0)s")


def _decades(cur: _Cursor, p: Parsed) -> None:
    """"the 80s", "'80s", "1980s" -> 1980. "60s" is also the 60 m run several times ("fastest 60s"): a decade
    only after "the" or "in"."""
    for i, w in enumerate(cur.t):
        m = _DECADE.fullmatch(w)
        if not m or not cur.free(i, 1) or p.decade is not None:
            continue
        digits = m.group(1)
        after_the = i > 0 and cur.t[i - 1] in ("the", "in", "early", "late", "mid")
        if len(digits) == 2 and digits in ("60", "00") and not after_the and not w.startswith("'"):
            continue
        p.decade = int(digits) if len(digits) == 4 else (1900 if int(digits) > 20 else 2000) + int(digits)
        cur.take(i, 1)


def _limits(cur: _Cursor, p: Parsed) -> None:
    t = cur.t
    for i, w in enumerate(t):
        if w in ("top", "best", "fastest") and i + 1 < len(t) and cur.free(i + 1, 1):
            n = _number(t[i + 1])
            # "fastest 2 mile", "best 10 km": the number is the event's, not how many to list
            unit = w != "top" and i + 2 < len(t) and t[i + 2] in ("mile", "miles", "mi", "km", "k", "kilometres",
                                                                  "kilometers", "metres", "meters", "m", "hurdles")
            if n and 1 <= n <= 100 and not unit and not (w != "top" and _is_event_number(t, i + 1)):
                p.limit = n
                cur.take(i + 1, 1)
                if w == "top":
                    cur.take(i, 1)
                    if n == 3:
                        p.cues.add("podium")


def _is_event_number(t: list[str], i: int) -> bool:
    return t[i] in ("100", "200", "400", "800", "1500", "5000", "10000", "3000", "60")


def _number(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    return lx.NUMBER_WORDS.get(tok)


@functools.cache
def _nation_tables() -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str], dict, frozenset[str]]:
    """Nation words (and their peoples: "kenyans", "brits", "aussies"), those of two words or more, area words,
    and the IOC codes: made once from the lexicon's constant tables."""
    nations = {tuple(k.split()): v for k, v in lx.NATIONS.items()}
    nations.update({(k + "s",): v for k, v in lx.NATIONS.items() if " " not in k and k.endswith(("an", "i", "ie", "brit"))})
    return (nations, {k: v for k, v in nations.items() if len(k) >= 2}, dict(lx.AREAS),
            frozenset(lx.NATIONS.values()))


def _by_first(cities: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for key in cities:
        if len(key) >= 2:
            out.setdefault(key[0], []).append(key)
    return out


def _scopes(cur: _Cursor, p: Parsed, cities: Iterable[tuple[str, ...]] | Vocabulary = ()) -> None:
    t = cur.t
    # "world lead" before "world record" before "worlds"
    for i, n, key in list(cur.find(CUES, 3)):
        if CUES[key] == "wl" and cur.free(i, n):
            p.cues.add("wl")
            cur.take(i, n)
    for i in range(len(t) - 2):
        if t[i:i + 3] == ["world", "indoor", "record"] and cur.free(i, 3):
            p.scope, p.indoor = "world", True
            p.cues.add("record")
            cur.take(i, 3)
    for i, n, key in list(cur.find(lx.SCOPE_WORDS, 2)):
        if not cur.free(i, n):
            continue
        scope = lx.SCOPE_WORDS[key]
        if key == ("or",) and not (_near_record_context(t) or _capital_or(p.text)):
            continue
        p.scope = p.scope or scope
        p.cues.add("record")
        cur.take(i, n)
    # Area and nation words: before "record" they are a record scope, otherwise a nationality filter. A nation
    # of two words goes first ("south african" is RSA, not Africa); a host city's words are no nation
    # ("mexico city 1968").
    nations, two_words, areas, codes = _nation_tables()
    by_first = cities.host_cities_by_first if isinstance(cities, Vocabulary) else _by_first(cities)
    cities_at = {i for i in range(len(t)) for key in by_first.get(t[i], ()) if tuple(t[i:i + len(key)]) == key}
    _nations(cur, p, two_words, cities_at)
    for i, n, key in list(cur.find(areas, 2)):
        if not cur.free(i, n):
            continue
        cur.take(i, n)
        if areas[key]:
            p.region = areas[key]
            p.scope = "area" if p.scope in (None, "national", "area") else p.scope
        else:
            p.scope = "area"
    _nations(cur, p, nations, cities_at)
    for i, w in enumerate(t):
        # An upper-case IOC code typed as such: "GBR record"
        if cur.free(i, 1) and len(w) == 3 and w.upper() in codes and w.upper() in p.text:
            cur.take(i, 1)
            if "record" in t or "nr" in t:
                p.region, p.scope = w.upper(), p.scope or "national"
            else:
                p.nation = w.upper()


def _nations(cur: _Cursor, p: Parsed, nations: dict[tuple[str, ...], str], cities_at: set[int]) -> None:
    t = cur.t
    # "indias javelin record", "kenyas best 800": a nation's possessive written without its apostrophe
    possessive = {(w,): nations[(w[:-1],)] for w in t if len(w) > 4 and w.endswith("s") and (w,) not in nations
                  and (w[:-1],) in nations}
    for i, n, key in list(cur.find({**nations, **possessive}, 2)):
        if not cur.free(i, n) or i in cities_at:
            continue
        code = nations.get(key) or possessive[key]
        # "us" is only a nation in "us record"/"us champs": otherwise the pronoun
        if key == ("us",) and not any(w in ("record", "records", "nr", "champs", "champion") for w in t):
            continue
        cur.take(i, n)
        if i > 0 and t[i - 1] == "team" and cur.free(i - 1, 1):
            cur.take(i - 1, 1)   # "team usa", "team gb": the nation
        if any(w in ("record", "records", "nr", "ar", "holder") for w in t):
            p.region = p.region or code
            if p.scope in (None, "national"):
                p.scope = "national"
        else:
            p.nation = p.nation or code


def _near_record_context(t: list[str]) -> bool:
    return any(w in ("record", "records") for w in t)


def _capital_or(text: str) -> bool:
    """"pv OR": written in capitals in a question that is not, OR is the abbreviation (like WR, NR)."""
    return bool(re.search(r"\bOR\b", text)) and any(ch.islower() for ch in text)


# Words that ask about a person rather than a meeting ("pre's best 5k", "prefontaine 5000 pb")
_PERSONAL = frozenset({"pb", "pr", "pbs", "prs", "sb", "best", "personal", "lifetime", "profile", "bio", "born",
                       "age", "old", "career"})
_NICK_WORDS = frozenset(k for nick in lx.NICKNAMES for k in (tuple(tokenize(nick)),) if len(k) == 1)


def _meet_is_athlete(t: list[str], i: int, key: tuple[str, ...], p: Parsed, vocab: Vocabulary) -> bool:
    """A meeting named after an athlete, named by one word that is also that athlete's name or nickname ("pre",
    "prefontaine"): the athlete when the question asks a personal thing of them (a best, a profile, "pre's") with
    no year and no "at"/"in" before the word, which would make it the place a mark was set."""
    if len(key) != 1 or p.year is not None or not (key[0] in vocab.name_words or key in _NICK_WORDS):
        return False
    if i > 0 and t[i - 1] in ("at", "in", "from", "the"):
        return False
    possessive = re.search(rf"\b{re.escape(key[0])}['\u2019]s\b", p.text.lower()) is not None
    return possessive or bool(_PERSONAL & set(t))


GLOBAL_CHAMPIONSHIPS = ("OG", "WCH", "WIC")   # the championships with world titles


_BROKE = frozenset({"break", "broke", "beat", "replace", "replaced", "better", "bettered", "improve", "improved",
                    "erase", "erased", "surpass", "surpassed"})
_NAMES_THE_MILE = {"bowerman": "mile"}   # a race known by its name alone: "the bowerman" is Pre's mile


def _venues(cur: _Cursor, p: Parsed, vocab: Vocabulary) -> None:
    """"at hayward", "stade de france 2024": a stadium names the meeting held there that year (a championship
    before a meeting held there the same year, as "eugene 2022" reads), or with no year the latest held there.
    A stadium known by a surname ("hayward") is the place only after "at"/"in", else it is left for the names.
    A year the stadium held nothing is kept (p.venue) for the engine to say so (bot/ask/engine._elsewhere), and
    the engine says what it read (bot/ask/engine._venue_meet)."""
    named = {vocab.meet_aliases[k] for _i, _n, k in cur.find(vocab.meet_aliases, 4)}   # "pre at hayward"
    for i, n, key in list(cur.find(vocab.venues, 5)):
        venue = vocab.venues[key]
        if not cur.free(i, n) or p.venue is not None:
            continue
        if venue.short and not (i > 0 and cur.t[i - 1] in _AT_PLACE):
            continue
        cur.take(i, n)
        if not venue.years:
            continue   # a stadium of that name stands in several cities: a city named says where
        p.venue = key
        year = max(venue.years) if p.year is None else p.year
        held = venue.years.get(year, ())
        if not held:
            # the meeting it holds most, which the engine answers only where that year's stadium is unknown
            p.meet = max(venue.meetings, key=lambda s: sum(s in h for h in venue.years.values()))
            continue
        # the meeting named, else a championship (the engine then prefers one that held the event asked)
        p.meet = sorted(held, key=lambda s: (s not in named, s not in GLOBAL_CHAMPIONSHIPS))[0]
        if p.meet in named:
            p.cues.add("venue_named")


def _meets(cur: _Cursor, p: Parsed, vocab: Vocabulary) -> None:
    dl_city: tuple[str, ...] | None = None   # the host city a Diamond League meeting was read from ("london")
    for i, n, key in list(cur.find(vocab.meet_aliases, 4)):
        if not cur.free(i, n) or _meet_is_athlete(cur.t, i, key, p, vocab):
            continue
        series = vocab.meet_aliases[key]
        if p.meet in GLOBAL_CHAMPIONSHIPS and series in GLOBAL_CHAMPIONSHIPS and series != p.meet:
            # "olympic and world finals": both championships (a head-to-head reads them all)
            p.meets.append(series)
            cur.take(i, n)
            continue
        if p.meet and p.meet != series:
            # "olympics in london": the championship word wins over the city's Diamond League meeting
            if series.startswith("DL-") and p.meet in ("OG", "WCH", "WIC"):
                p.meet_by_city = " ".join(key)
                cur.take(i, n)
            elif series in ("OG", "WCH", "WIC") and (p.meet or "").startswith("DL-") and dl_city is not None:
                # "the london olympics": the championship word after the city wins over its meeting too
                p.meet, p.meet_by_city = series, " ".join(dl_city)
                p.cues.add("titled")
                cur.take(i, n)
            continue
        if series.startswith("DL-") and p.year and p.year in vocab.host_cities.get(key, {}):
            # "london 2012", "eugene 2022": the championship held in that city that year, not its DL meeting
            p.meet_by_city = " ".join(key)
            p.assumptions.append(f"'{' '.join(key)} {p.year}' read as the championship held there that year")
            cur.take(i, n)
            continue
        p.meet = series
        if series in GLOBAL_CHAMPIONSHIPS:
            p.cues.add("titled")   # the championship named, not only a city that held it
        cur.take(i, n)
        if series.startswith("DL-") and key in vocab.host_cities:
            # "london": its Diamond League meeting, and the championships held there (an athlete's "in london"
            # may be the 2012 Games: bot/ask/results._edition_they_ran)
            p.city_years = dict(vocab.host_cities[key])
            dl_city = key
        if "title" in key or "titles" in key:
            p.medal, p.cues = "gold", p.cues | {"medals"}
        for w in key:
            # "bowerman mile", "wanamaker mile", "dream mile", "the bowerman": the meet's name also says the event
            w = _NAMES_THE_MILE.get(w, w)
            if (w,) in vocab.event_aliases and len(vocab.event_aliases[(w,)]) == 1 and w in ("mile",) \
                    and vocab.event_aliases[(w,)][0] not in p.events:
                p.events.append(vocab.event_aliases[(w,)][0])
    t = cur.t
    for i, w in enumerate(t):
        # "olympic/world 1500 finals": "world" next to another championship, before finals or titles
        if w == "world" and cur.free(i, 1) and p.meet in ("OG", "WIC") and i + 1 < len(t) \
                and any(x in ("final", "finals", "titles", "title", "medals", "golds") for x in t[i + 1:i + 3]):
            p.meets.append("WCH")
            cur.take(i, 1)
        elif w == "world" and cur.free(i, 1) and p.meet is None and not p.meets and i + 2 < len(t) \
                and t[i + 2] in ("titles", "title", "golds", "gold", "medals", "medal", "champion", "crowns"):
            # "bolt world 200 titles": the World Championships' (the event between), as "world titles" reads
            p.meet = "WCH"
            p.cues.add("titled")
            cur.take(i, 1)
    if p.meet in GLOBAL_CHAMPIONSHIPS and p.meets:
        p.meets.insert(0, p.meet)
    found = list(cur.find(vocab.host_cities, 3))
    named = _cities_named_for_people(cur.t, found, p, vocab)
    for i, n, key in found:
        if not cur.free(i, n) or (i, n, key) in named:
            continue
        dl = vocab.meet_aliases.get(key + ("dl",))
        if dl and any(w == "dl" or _near(w, "diamond") for w in cur.t):
            p.meet = p.meet or dl   # "paris 2023 diamond league": the city's Diamond League meeting
            cur.take(i, n)
            continue
        p.meet_by_city = " ".join(key)
        p.city_years = dict(vocab.host_cities[key])
        cur.take(i, n)
    if p.meet_by_city and not p.city_years:
        p.city_years = dict(vocab.host_cities.get(tuple(p.meet_by_city.split()), {}))
    if p.meet_by_city and p.meet is None:
        p.meet = _city_meet(vocab, p)
    elif p.meet_by_city:
        # "warholm tokyo olympics": the meet was said in words; the city picks among its editions only (the
        # 2021 Games, never the 2025 World Championships held there too)
        p.cues.add("meet:named")


_AT_PLACE = frozenset({"in", "at", "the", "from", "during"})


def _cities_named_for_people(t: list[str], found: list[tuple[int, int, tuple[str, ...]]], p: Parsed,
                             vocab: Vocabulary) -> list[tuple[int, int, tuple[str, ...]]]:
    """The host cities of `found` that are an athlete's name in this question, left for the names: a city
    whose words are also name words ("sydney", "paris") when another city is more clearly the place ("how did
    sydney do in the paris 400h final": "in the" before it, or no one's name), or when the championship and
    year named are not the city's ("sydney 400h olympics 2024")."""
    def name_words(key: tuple[str, ...]) -> bool:
        return all(w in vocab.name_words for w in key)

    def place_like(f: tuple[int, int, tuple[str, ...]]) -> tuple[bool, bool, int]:
        i, _n, key = f
        return i > 0 and t[i - 1] in _AT_PLACE, not name_words(key), i
    the_place = max(found, key=place_like) if len(found) > 1 else None
    out = []
    for f in found:
        key = f[2]
        if not name_words(key):
            continue
        other_city = the_place is not None and f != the_place
        other_meet = p.meet in GLOBAL_CHAMPIONSHIPS and p.year is not None and p.year not in vocab.host_cities.get(key, {})
        if other_city or other_meet:
            out.append(f)
    return out


def _city_meet(vocab: Vocabulary, p: Parsed) -> str | None:
    years = p.city_years
    if p.year in years:
        return years[p.year]
    if p.year == 2020 and years.get(2021) == "OG":
        return "OG"
    if p.year is None and years:
        # "in paris": the latest championship held there
        return years[max(years)]
    return None


def _events(cur: _Cursor, p: Parsed, vocab: Vocabulary) -> list[str]:
    """Fill p.events (each code once) and p.event_choices; returns the codes named more than once."""
    table = vocab.event_aliases
    t = cur.t
    if "road" in t:
        p.road = True
    found = []
    repeated: list[str] = []
    # the longest phrase first, however long: "marathon race walk relay" is one event, not "marathon" and a relay
    for i, n, key in list(cur.find(table, max(map(len, table), default=1))):
        if not cur.free(i, n):
            continue
        codes = table[key]
        if n == 1 and _hm_said(t, i):
            cur.take(i, 1)   # placed: a sound, no slot
            continue
        if (p.threshold and key == (p.threshold,)) or (n == 1 and _said_as_month(t, i)):
            continue
        cur.take(i, n)
        found.append((i, codes))
    for _, codes in sorted(found):
        if p.road:
            road = {"5000m": "road5k", "10000m": "road10k", "mile": "roadmile"}
            codes = tuple(road.get(c, c) for c in codes)
        if len(codes) == 1:
            if codes[0] not in p.events:
                p.events.append(codes[0])
            elif codes[0] not in repeated:
                repeated.append(codes[0])
        else:
            p.event_choices.append(codes)
    return repeated


def _event_names_with_meet_words(cur: _Cursor, p: Parsed, vocab: Vocabulary) -> None:
    """"pentathlon (olympic, outdoor)": an event's full name of three words or more holding a meet's word is
    the event, read before meets take that word (the meet is said elsewhere in the question, or not at all)."""
    table = vocab.event_aliases
    for i, n, key in list(cur.find(table, max(map(len, table), default=1))):
        codes = table[key]
        if n >= 3 and len(codes) == 1 and cur.free(i, n) and any((w,) in vocab.meet_aliases for w in key):
            cur.take(i, n)
            p.events.append(codes[0])


_OTHER_CHAMPIONSHIPS = {tuple(tokenize(said)): name for name, ways in lx.OTHER_CHAMPIONSHIPS.items() for said in ways}


_U20_SAID = (("u20",), ("u", "20"), ("under", "20"), ("junior",), ("juniors",), ("u20s",))
_RECORD_SAID = (("record",), ("records",), ("wr",), ("wrs",))
# "world u20 record", "u20 world record", "world junior record", "junior wr": the world U20 record
_U20_RECORDS = {(*w1, *u, *w2, *r): None for u in _U20_SAID for r in _RECORD_SAID
                for w1, w2 in ((("world",), ()), ((), ("world",)), ((), ())) if w1 or w2 or r[0].startswith("wr")}


def _u20_records(cur: _Cursor, p: Parsed) -> None:
    """"world junior record 100m": the world U20 record (scope "world_u20"), its words never an athlete
    ("junior" was Aldemir Gomes Júnior) or the World U20 Championships."""
    for i, n, _key in list(cur.find(_U20_RECORDS, 5)):
        if cur.free(i, n):
            cur.take(i, n)
            p.scope = "world_u20"
            p.cues.add("record")


def _other_championships(cur: _Cursor, p: Parsed) -> None:
    """"euros", "commonwealth games": a championship my data holds nothing of, the cue "unheld:<name>" (the
    engine declines it by name and by the words said), its words never an athlete or another meet."""
    for i, n, key in list(cur.find(_OTHER_CHAMPIONSHIPS, 4)):
        if cur.free(i, n):
            cur.take(i, n)
            p.cues.add(f"unheld:{_OTHER_CHAMPIONSHIPS[key]}:{' '.join(key)}")


def _indoor_said(p: Parsed, indoor: bool) -> None:
    """"indoor vs outdoor", "indoor and outdoor": both asked, each answered (the cue "bothio", indoor unset)."""
    if p.indoor is not None and p.indoor != indoor or "bothio" in p.cues:
        p.cues.add("bothio")
        p.indoor = None
    else:
        p.indoor = indoor


def _hm_said(t: list[str], i: int) -> bool:
    """"hm who won …": "hm" opening a question, before a question word, is the sound, not the half marathon."""
    return t[i] == "hm" and i == 0 and len(t) > 1 and t[1] in _WH | _AUX


def _said_as_month(t: list[str], i: int) -> bool:
    """"in dec 2024", "since mar": a month's short name that is also an event's ("dec", "mar") is the month
    after a word that goes before a month, at the end or before a year ("12 dec" was read as a date first);
    anywhere else it is the event ("kevin mayer dec pb")."""
    return t[i] in lx.MONTHS and i > 0 and t[i - 1] in _BEFORE_MONTH \
        and (i + 1 == len(t) or re.fullmatch(r"\d{4}|'\d\d", t[i + 1]) is not None)


def _misspelt_slots(cur: _Cursor, p: Parsed, vocab: Vocabulary) -> None:
    """"bislet", "olimpics", "prefontain", "steeplchase": a word no name has, one or two letters from a meet
    or event word."""
    meets, events, short = vocab.misspelt_tables
    for i, w in enumerate(cur.t):
        if len(w) == 4 and cur.free(i, 1) and w not in short and w not in vocab.fillers \
                and w not in vocab.name_words and p.meet in (None, *short.values()):
            # "olso": two letters swapped in a four-letter city (any other edit is too loose at this length)
            swapped = [a for a in short if sorted(a) == sorted(w) and OSA.distance(w, a) == 1]
            if len(swapped) == 1:
                cur.take(i, 1)
                p.assumptions.append(f"“{w}” read as “{swapped[0]}”")
                p.meet = p.meet or short[swapped[0]]
                continue
        if not cur.free(i, 1) or len(w) < 5 or w in vocab.fillers or w in vocab.name_words or w.isdigit():
            continue
        limit = 1 if len(w) < 8 else 2
        for table in (meets, events):
            best = min(table, key=lambda a: Levenshtein.distance(w, a, score_cutoff=limit + 1), default=None)
            if best is None or Levenshtein.distance(w, best) > limit:
                continue
            cur.take(i, 1)
            p.assumptions.append(f"“{w}” read as “{best}”")
            if table is meets and p.meet is None:
                p.meet = meets[best]
            elif table is events:
                codes = events[best]
                if len(codes) == 1 and codes[0] not in p.events:
                    p.events.append(codes[0])
                elif len(codes) > 1:
                    p.event_choices.append(codes)
            break


# What a win or medal word after "first" / "last" asks: the place it needs ("win": 1st, "medal": top 3)
_WON_WORDS = {"gold": "win", "title": "win", "win": "win", "victory": "win", "crown": "win", "medal": "medal",
              "silver": "silver", "bronze": "bronze"}


# "the first olympics", "her last worlds": an edition; without one ("who came first olympics 1500") a place
_DETERMINERS = frozenset({"the", "her", "his", "their", "its", "my"})


def _edition_next(cur: _Cursor, p: Parsed, start: int) -> bool:
    """Is the word after "first" / "last" the meet's own (already placed as the meet, no year said)?"""
    if p.meet is None or p.year is not None or start >= len(cur.t) or cur.free(start, 1):
        return False
    return cur.t[start].isalpha() and cur.t[start] not in lx.ROUND_WORDS


def _won_next(t: list[str], start: int) -> str | None:
    """The win or medal a "first" or "last" just before these words counts ("first olympic gold": "win")."""
    for w in t[start:start + 3]:
        found = _WON_WORDS.get(w) or _WON_WORDS.get(w.rstrip("s"))
        if found:
            return found
    return None


def _heat_number(cur: _Cursor, p: Parsed, i: int, n: int) -> None:
    """The race of a round: a number after its word ("heat 1", "semi 2") or an ordinal before it ("the second
    semi"), which is then no place."""
    t = cur.t
    after = t[i + n] if i + n < len(t) and cur.free(i + n, 1) else ""
    number = int(after) if after.isdigit() else lx.NUMBER_WORDS.get(after)
    if number is not None and 0 < number <= 20:
        p.heat = p.heat or number
        cur.take(i + n, 1)
        return
    before = t[i - 1] if i > 0 and cur.free(i - 1, 1) else ""
    ordinal = lx.ORDINALS.get(before)
    if ordinal is not None and 0 < ordinal <= 20:
        p.heat = p.heat or ordinal
        cur.take(i - 1, 1)


@functools.cache
def _keyed_words(attr: str) -> dict[tuple[str, ...], object]:
    """Round words or ordinals (the lexicon's constant tables) by their tokens."""
    table = lx.ROUND_WORDS if attr == "round" else lx.ORDINALS
    return {tuple(k.split()): v for k, v in table.items()}


_MEETING_WORDS = (("diamond", "league"), ("grand", "prix"), ("dl",), ("gp",), ("diamond",))


def _meeting_words(cur: _Cursor, p: Parsed) -> None:
    """"oslo diamond league", "zuich dl", "birmingham grand prix": once the meeting is known, the words that
    say it is a one-day meeting are placed with it."""
    if not (p.meet or "").startswith("DL-"):
        # no meeting named: "diamond league" / "dl" is the series as a whole ("duplantis dl wins")
        for i, n, _key in list(cur.find({k: None for k in _MEETING_WORDS[:3]}, 2)):
            if cur.free(i, n):
                cur.take(i, n)
                p.cues.add("dl")
        return
    for i, n, _key in list(cur.find({k: None for k in _MEETING_WORDS}, 2)):
        if cur.free(i, n):
            cur.take(i, n)
            p.cues.add("dl_named")   # "london dl": the meeting, not every race held in the city
    for i, w in enumerate(cur.t):
        if cur.free(i, 1) and (_near(w, "diamond") or _near(w, "league")):
            cur.take(i, 1)   # "diamoond leauge": a letter off, next to the meeting it names
            p.assumptions.append(f"“{w}” read as “{'diamond' if _near(w, 'diamond') else 'league'}”")


def _near(word: str, target: str) -> bool:
    """The word, or one letter from it (in words of five letters or more)."""
    return word == target or (len(word) >= 5 and Levenshtein.distance(word, target, score_cutoff=1) <= 1)


def _negated(cur: _Cursor, i: int) -> bool:
    """Whether the word at i follows "not" / "no" / "non" (taken with it): "pb outdoor, not indoor"."""
    if i > 0 and cur.t[i - 1] in ("not", "no", "non") and cur.free(i - 1, 1):
        cur.take(i - 1, 1)
        return True
    return False


_ATTEMPT_WORDS = (("first", "or", "second", "go"), ("first", "or", "second", "attempt"), ("which", "go"),
                  ("what", "go"), ("first", "go"), ("second", "go"), ("third", "go"))


def _attempt_words(cur: _Cursor, p: Parsed) -> None:
    """"braz 6.03 in rio, first or second go?": which attempt, before "first" is read as a place or an edition."""
    for i, n, _key in list(cur.find(frozenset(_ATTEMPT_WORDS), 4)):
        if cur.free(i, n):
            p.cues.add("series")
            cur.take(i, n)


def _counted_people(cur: _Cursor) -> None:
    """"3 ppl on 1.97", "two guys under 3:30": a number of people tells the story, asks nothing; placed."""
    t = cur.t
    for i in range(len(t) - 1):
        if (t[i].isdigit() or t[i] in _NUMBER_WORDS) and t[i + 1] in _PEOPLE and cur.free(i, 1):
            cur.take(i, 1)


_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten".split())


def _simple(cur: _Cursor, p: Parsed) -> None:
    t = cur.t
    for i, w in enumerate(t):
        if not cur.free(i, 1):
            continue
        if w == "w" and i + 1 < len(t) and cur.free(i + 1, 1) and t[i + 1].isalpha():
            cur.take(i, 1)   # "rio dec w points": "w" before a plain word is fans' "with", not women's
        elif w in lx.SEX_WORDS:
            if p.sex is not None and p.sex != lx.SEX_WORDS[w]:
                p.cues.add("bothsexes")   # "men n women", "men's and women's": each race asked
            p.sex = p.sex or lx.SEX_WORDS[w]
            cur.take(i, 1)
        elif w in ("indoor", "indoors", "inside") or (w == "short" and i + 1 < len(t) and t[i + 1] == "track"):
            _indoor_said(p, not _negated(cur, i))   # "outdoor not indoor", "not indoors": the outdoor one
            cur.take(i, 1)
        elif w in ("outdoor", "outdoors", "outside"):
            _indoor_said(p, _negated(cur, i))
            cur.take(i, 1)
        elif w == "both" and ({"indoor", "indoors", "outdoor", "outdoors"} & set(t)):
            cur.take(i, 1)   # "both indoor and outdoor": the two words say it
        elif w in ("road",):
            cur.take(i, 1)
    named: list[int] = []   # every place said ("who finished 1st and 2nd")
    for attr in ("round", "place"):
        keyed = _keyed_words(attr)
        for i, n, key in list(cur.find(keyed, 2)):
            if not cur.free(i, n):
                continue
            value = keyed[key]
            won = _won_next(t, i + n)
            if attr == "place" and key in (("first",), ("last",)) and won:
                # "her first olympic gold", "his last world title": which win, not a place in a race
                p.cues.add(f"{key[0]}:{won}")
                cur.take(i, n)
                continue
            very = int(i > 1 and t[i - 1] == "very")   # "the very first worlds"
            if attr == "place" and key in (("first",), ("last",)) and i > very and t[i - 1 - very] in _DETERMINERS \
                    and _edition_next(cur, p, i + n):
                # "the first world championships 1500", "her last olympics": which edition, not a place
                p.cues.add(f"edition:{key[0]}")
                cur.take(i - very, n + very)
                continue
            if attr == "place" and key == ("first",) and (any(w in t for w in ("time", "ever", "sub"))
                                                           or "barrier" in p.cues):
                continue  # "first sub-4", "first time", "first woman to clear 5m": not a place
            if attr == "place" and key == ("last",) and i + 1 < len(t) and t[i + 1] in ("year", "season", "time"):
                continue
            if attr == "place" and key == ("last",) and {"win", "won", "winner", "champion"} & set(t):
                cur.take(i, n)   # "when did a jamaican last win": the latest, not last place
                continue
            if getattr(p, attr) is None:
                setattr(p, attr, value)
            if attr == "place" and isinstance(value, int) and value > 0 and value not in named:
                named.append(value)
            cur.take(i, n)
            if attr == "round" and value != "F":
                _heat_number(cur, p, i, n)
    if len(named) >= 2:
        p.places = sorted(named)
    for i, w in enumerate(t):
        won = _won_next(t, i + 1) if w == "latest" and cur.free(i, 1) else None
        if won:   # "her latest world title"
            p.cues.add(f"last:{won}")
            cur.take(i, 1)
    counting = any(x in t for x in ("many", "count", "number", "total")) or any(
        w in ("medals", "golds", "silvers", "bronzes", "titles") for w in t)
    for i, w in enumerate(t):
        if cur.free(i, 1) and w in lx.MEDALS:
            if t[i + 1:i + 2] in (["table"], ["tally"], ["standings"]):
                continue    # "medals table": the nations' table (a cue of its own)
            if counting:
                p.medal = p.medal or lx.MEDALS[w]
                p.cues.add("medals")
                cur.take(i, 1)
            elif w in ("silver", "bronze") and p.place is None:
                # "who got silver", "bronze 1500m paris 2024": a place
                p.place = {"silver": 2, "bronze": 3}[w]
                cur.take(i, 1)


def _cues(cur: _Cursor, p: Parsed, fillers: frozenset[str] = lx.STOPWORDS) -> None:
    t = cur.t
    for n in range(3, 0, -1):
        for i in range(len(t) - n + 1):
            key = tuple(t[i:i + n])
            if key == ("over",) and _distance_follows(t, i):
                continue   # "fastest ever over 1500": the distance run, not a mark to beat
            if key in CUES and cur.free(i, n):
                if CUES[key] in ("vs",) and key in (("v",), ("against",)) and not _two_sides(cur, p, i, fillers):
                    continue
                p.cues.add(CUES[key])
                if CUES[key] == "sbs":   # "season bests": the season best of every season
                    p.cues |= {"sb", "everyseason"}
                if CUES[key] != "vs":  # "vs" stays: it splits the names
                    cur.take(i, n)
    if {"XC", "XCteam"} & set(p.events):
        p.cues.add("crosscountry")   # "xc" names the Olympic cross-country event too: still cross country asked
    if _asks_performances(t):
        p.cues.add("performances")
        for i, w in enumerate(t):
            if w in _PERFORMANCE_WORDS and cur.free(i, 1):
                cur.take(i, 1)
    if {"where", "wheres"} & set(t):
        p.cues.add("where")   # not taken: "where did kerr finish" still reads its words
    if any(t[i:i + 2] == ["how", "much"] for i in range(len(t))) and "by" in t:
        p.cues.add("margin")   # "how much did mclaughlin win the 400h by"
    if any(t[i:i + 2] == ["how", "old"] for i in range(len(t))) or {"aged", "age"} & set(t):
        p.cues.add("age")   # "how old was kratochvilova when she set the 800 wr": the age that day, said
    if _NATION_ASKED & set(t) or any(t[i:i + 2] in (["compete", "for"], ["competes", "for"], ["competed", "for"])
                                     for i in range(len(t))):
        p.cues.add("nation")   # "which nation does warholm represent": the nation, said first
    if "crosscountry" in p.cues and not (_NATION_ASKED - {"country", "countries"}) & set(t):
        p.cues.discard("nation")   # the "country" of "cross country" asks no nation
    _age_asked(cur, p)
    if {"which", "who", "whom"} & set(t):
        p.cues.add("askwho")   # "which americans won medals": the people asked for (a list), not a number
    if "record" in p.cues and "age" not in p.cues:
        for i, w in enumerate(t):
            if w in ("old", "older") and cur.free(i, 1):   # "the old mile world record": the one before today's
                p.cues.add("before")
                cur.take(i, 1)
    if "worldlist" in p.cues:   # "top of the world list": the season's list with a year, else the all-time one
        p.cues.add("wl" if p.year is not None or "thisseason" in p.cues else "ever")
    _global_championships(cur, p)
    _each_round(cur)
    for i in range(len(t) - 1):
        if t[i] == "one" and t[i + 1] in ("who", "that") and cur.free(i, 1):
            cur.take(i, 1)   # "the one who won silver": a description of the athlete
    if {"born", "birthday", "birthdays", "bday", "bdays", "dob", "older", "younger"} & set(t):
        p.cues.add("born")    # "were de grasse and duplantis born on the same day": their birth dates
    if {"older", "younger"} & set(t):
        p.cues.add("younger" if "younger" in t else "older")   # "whos older, kerr or jakob": which, by how much
    if t[:1] in (["did"], ["was"], ["has"], ["have"], ["does"]):
        p.cues.add("yesno")   # "did neeraj win doha 2025": the answer starts with yes or no
    if "who" in t and _BEAT_WORDS & set(t):
        p.cues.add("whobeat")   # "who beat warholm in oslo", "who was kerr beaten by": the athletes ahead
    if any(w in _PEOPLE for w in t) and not _people_only_qualify(t, p.text):
        p.cues.add("people")
    if not p.marks and any(a == "it" and b in _BROKE for a, b in zip(t, t[1:], strict=False)):
        p.cues.add("before")   # "whose did it break", "what did it replace": the record before it
    how_did = any(a == "how" and b in ("did", "does", "do", "come") for a, b in zip(t, t[1:], strict=False))
    if how_did and {"win", "gold"} & p.cues and p.events and set(p.events) <= {"HJ", "PV"}:
        p.cues.add("countback")   # "how did beitia win the rio hj": a shared height, split on misses
    occasions = ("times", "competitions")   # "how many comps did mondo clear 6m": one mark a competition
    for i in range(len(t) - 2):
        if "howmany" in p.cues and t[i + 2] in occasions and t[i:i + 2] in (["how", "many"], ["number", "of"]):
            p.cues.add("times")   # "how many times has a woman broken 3:50": marks, not the women who ran them
            cur.take(i + 2, 1)
    if "medals" in p.cues and p.medal is None:
        p.medal = next((lx.MEDALS[w] for w in t if w in lx.MEDALS), "any")


def _age_asked(cur: _Cursor, p: Parsed) -> None:
    """"best 1500 by a 17 year old", "fastest 100 by a 16-year-old", "aged 17": the age at the time, as the cue
    "aged:<n>" (an age limits a list; "how old" asks one, and is no limit)."""
    t = cur.t
    for i, w in enumerate(t):
        n = int(w) if w.isdigit() and 10 <= int(w) <= 60 else None
        if n is not None and t[i + 1:i + 3] in (["year", "old"], ["years", "old"], ["yr", "old"]) \
                and all(cur.free(k, 1) for k in range(i, i + 3)):
            cur.take(i, 3)
        elif n is not None and t[i + 1:i + 2] == ["yo"] and cur.free(i, 2):
            cur.take(i, 2)
        elif n is not None and i > 0 and t[i - 1] == "aged" and cur.free(i - 1, 2):
            cur.take(i - 1, 2)
        else:
            continue
        p.cues.add(f"aged:{n}")
        p.cues.discard("age")
        return


_CLEARED = frozenset({"clear", "cleared", "clears", "jump", "jumped", "jumps", "vault", "vaulted", "bar",
                      # "what height did kerr win with": a bar won at, not how tall he is
                      "win", "won", "wins", "winning", "did", "needed", "took"})


def _lacked(cur: _Cursor, p: Parsed) -> None:
    """"how tall is X", "X's coach", "prize money": what my data has no field for, as a cue "lacks_<what>" the
    engine declines by name. "height" with an event or a jump word is a bar's height, a mark."""
    for i, n, key in list(cur.find(lx.LACKED, 2)):
        if key[0] in ("height", "heights") and (p.events or p.event_choices or _CLEARED & set(cur.t)):
            continue
        p.cues.add("lacks_" + lx.LACKED[key].replace(" ", "_"))
        cur.take(i, n)
    if any(c.startswith("lacks_") for c in p.cues):
        for i, w in enumerate(cur.t):
            if w in lx.LACKED_WITH and cur.free(i, 1):
                cur.take(i, 1)


_SHARED = {("dead", "heat"): 2, ("shared",): 1, ("share",): 1, ("tied",): 1, ("tie",): 1, ("joint",): 1,
           ("jointly",): 1}


def _shared_words(cur: _Cursor, p: Parsed) -> None:
    """"was the high jump gold shared", "a dead heat", "joint winners": asks whether first place was shared,
    and by whom (before the rounds: the "heat" of "dead heat" is no round)."""
    for i, n, _key in list(cur.find(_SHARED, 2)):
        p.cues.add("shared")
        cur.take(i, n)


_PERFORMANCE_WORDS = frozenset({"time", "times", "mark", "marks", "performance", "performances", "perf", "perfs"})
# One athlete asked for ("3rd fastest man ever"): their best marks, one each
_ONE_PERSON = frozenset({"man", "woman", "athlete", "person", "guy", "runner", "sprinter", "thrower", "jumper",
                         "vaulter", "hurdler", "miler", "girl", "boy", "lady", "performer"})


def _asks_performances(t: list[str]) -> bool:
    """"3rd fastest 200 time ever", "the 5th best mark in the shot": the list of every performance, not the
    athletes' bests ("all time" is no time)."""
    said = any(w in _PERFORMANCE_WORDS and not (w == "time" and i and t[i - 1] in ("all", "first", "last"))
               for i, w in enumerate(t))
    return said and not _ONE_PERSON & set(t)


# Where the thing a "how many" counts ends: "how many sub 13 5000s | were run ... (men)"
_COUNTED_ENDS = frozenset({"were", "was", "have", "has", "had", "ran", "run", "did", "do", "does", "are", "is",
                           "in", "at", "by", "during", "this", "since", "from", "between", "before", "after", "until",
                           "broke", "broken", "cleared", "went", "gone", "got", "threw", "thrown", "jumped", "been",
                           "will", "ever", "that", "who", "for", "on", "of", "over", "under", "sub", "below"})


def _people_only_qualify(t: list[str], text: str) -> bool:
    """"how many sub 13 5000s were run in 2025 (men)", "... by women", "how many men's sub 4 miles": the people
    words only say whose marks; what is counted is the noun after "how many", and it names no people. A question
    with no "how many" / "number of" keeps reading its people words as the people counted."""
    start = next((i + 2 for i in range(len(t) - 1) if t[i:i + 2] in (["how", "many"], ["number", "of"])), None)
    if start is None:
        return False
    end = next((k for k in range(start, len(t)) if t[k] in _COUNTED_ENDS and k > start), len(t))
    possessive = {m.lower() for m in re.findall(r"\b(\w+)['\u2019]s\b", text)}
    return not any(w in _PEOPLE and w not in possessive for w in t[start:end])


def _distance_follows(t: list[str], i: int) -> bool:
    """'over 1500', 'over 400m hurdles', 'over the mile': a race distance after "over" (a 3-5 digit number,
    not a score in points), where 'over 90m' or 'over 8000 points' are marks."""
    nxt = t[i + 2] if i + 1 < len(t) and t[i + 1] == "the" else (t[i + 1] if i + 1 < len(t) else "")
    after = t[i + 2] if i + 2 < len(t) else ""
    return nxt in ("mile", "marathon", "steeple", "steeplechase", "hurdles") or \
        (re.fullmatch(r"\d{3,5}m?", nxt) is not None and after != "points")


def _two_sides(cur: _Cursor, p: Parsed, i: int, fillers: frozenset[str] = lx.STOPWORDS) -> bool:
    def side(ks) -> bool:
        return any((not cur.used[k] and cur.t[k] not in fillers) or k in p.name_at for k in ks)
    return side(range(0, i)) and side(range(i + 1, len(cur.t)))


_WH = frozenset({"what", "which", "whose", "how", "who", "when", "where", "why"})
_AUX = frozenset({"did", "does", "do", "is", "was", "were", "are", "has", "had", "have", "will", "would", "can",
                  "could", "should"})
_MODALS = frozenset({"will", "may", "can", "could", "might", "shall", "should", "would", "must"})
_PRONOUNS = frozenset({"he", "she", "they", "i", "you", "we"})
# words before a month said with no day ("in may 2024", "since march"): the month, not a person called May
_BEFORE_MONTH = frozenset({"in", "during", "since", "until", "till", "of", "early", "late", "mid", "by", "before",
                           "after", "from", "through"})


def _grammar_words(cur: _Cursor, p: Parsed, vocab: Vocabulary) -> None:
    """Words whose place in the sentence makes them ordinary English, never an athlete (full names were read
    first): the noun a question word asks with ("what shoe did bolt wear"), a modal verb opening the question
    or after a question word ("will kerr race at pre", "when will jakob race"), a month said with no day ("in
    may 2024"). They are kept from names only: what they ask, no slot knows, and the answer says so."""
    t = cur.t

    def subject_at(k: int) -> bool:
        # the sentence's subject comes next: an athlete's full name, a name word or a pronoun ("what date did
        # bolt run"); "what kerr has done" has none (kerr is the subject)
        return k < len(t) and (k in p.name_at or t[k] in _PRONOUNS or (cur.free(k, 1) and t[k] in vocab.name_words))
    for i, w in enumerate(t):
        if not cur.free(i, 1):
            continue
        after_wh = i > 0 and t[i - 1] in _WH
        noun = after_wh and t[i - 1] in ("what", "which", "whose", "how") and i + 1 < len(t) \
            and t[i + 1] in _AUX and subject_at(i + 2)
        modal = w in _MODALS and (i == 0 or after_wh) and subject_at(i + 1)
        month = w in lx.MONTHS and ((i > 0 and t[i - 1] in _BEFORE_MONTH)
                                    or (i + 1 < len(t) and re.fullmatch(r"\d{4}|'\d\d", t[i + 1]) is not None))
        # a word just after a subject pronoun is its verb ("when he fell"), not an athlete's name
        verb = i > 0 and t[i - 1] in _PRONOUNS and i not in p.name_at
        if noun or modal or month or verb:
            p.not_names.add(i)


def _names(cur: _Cursor, p: Parsed, vocab: Vocabulary) -> None:
    groups: list[tuple[int, list[str]]] = []
    group: list[str] = []
    start = 0
    for i, w in enumerate(cur.t):
        breaks = (cur.used[i] or w in _VS_WORDS or w in vocab.fillers or w in _PEOPLE
                  or (w.isdigit() and len(w) < 5) or i in p.not_names)
        if breaks:
            if group:
                groups.append((start, group))
                group = []
            continue
        if not group:
            start = i
        group.append(w)
    if group:
        groups.append((start, group))
    # Full-name hits were found first; put every group back in the order the question has them.
    merged = sorted([(at, words, hits) for at, words, hits in zip(p.name_at, p.names, p.name_hits, strict=True)]
                    + [(at, words, frozenset()) for at, words in groups], key=lambda x: x[0])
    p.name_at = [m[0] for m in merged]
    p.names = [m[1] for m in merged]
    p.name_hits = [m[2] for m in merged]


# words that join the names of one side ("ingebrigtsen or nuguse"); "vs" or any other word parts the sides
_JOIN = frozenset({"or", "and", "&", "n"})


def _name_apart(p: Parsed) -> None:
    """Three names, two joined by "or"/"and" and one apart ("who beat kerr more, ingebrigtsen or nuguse"): the
    cue "apart:<k>" says which one the other two are each compared with."""
    if len(p.names) != 3:
        return
    t, at = p.tokens, p.name_at
    joined = [bool(between) and set(between) <= _JOIN
              for between in (t[at[k] + len(p.names[k]):at[k + 1]] for k in range(2))]
    apart = {(False, True): 0, (True, False): 2}.get((joined[0], joined[1]))
    if apart is not None:
        p.cues.add(f"apart:{apart}")


def _names_as_ends(p: Parsed) -> None:
    """"from ralph boston to powell", "between bubka and lavillenie": two athletes as the ends of a range (of a
    progression), the cue "ends"."""
    t, at = p.tokens, p.name_at
    if len(at) != 2 or at[0] == 0 or t[at[0] - 1] not in ("from", "between"):
        return
    between = t[at[0] + len(p.names[0]):at[1]]
    if len(between) == 1 and between[0] in _TO:
        p.cues.add("ends")


def intent_of(p: Parsed) -> str | None:
    """The intent the slots ask for (a follow-up's merged slots are decided the same way as a question's)."""
    return _intent(p)


ordinal = _ordinal


def _intent(p: Parsed) -> str | None:
    c = p.cues
    has_meet = p.meet is not None or p.meet_by_city is not None
    n_names = len(p.names)
    if "margin" in c and n_names >= 2 and has_meet:
        # "wanyonyi vs arop paris 800 how close": their race, and the gap between them; with no year or city
        # ("by how much did hocker beat kerr in the oly 1500 final") the latest edition they ran, said aloud
        return "place"
    if "where" in c and has_meet and not n_names and not p.events and not p.event_choices and not p.nation \
            and not ({"record", "win", "medals", "gold", "podium", "results", "place"} & c):
        return "results"   # "where were the 2017 worlds held": the meet, with its venue and days said first
    if "lose" in c and n_names == 0:
        return None   # "who lost the final": no place a loss names (the last? everyone behind?): asked back
    if "pb" in c and n_names >= 2 and not has_meet and not p.year:
        return "pb"   # "mihambo vs davis-woodhall, better lj pb?": their bests side by side, not their races
    if ("vs" in c or ("whobeat" in c and {"more", "most", "often"} & set(p.tokens)) or "lose" in c
            or (_BEAT_WORDS & set(p.tokens) and "whobeat" not in c)) and n_names >= 2:
        return "h2h"   # "who has beaten warholm more, benjamin or dos santos": their head-to-heads
    if "quote" in c and (n_names >= 1 or "quotetext" in c):
        return "quote"
    if "standing" in c and n_names == 1 and p.marks and not has_meet and "how" in p.tokens:
        return "record"   # "marita koch 47.60, how long has it stood": her record, and how long it has stood
    if n_names == 1 and not has_meet and ({"rank", "wrank"} & c or ("ever" in c and {"place", "standing"} & c)):
        return "rank"   # "where does kerr rank all time in the mile", "kerr's place on the all-time list"
    if "convert" in c or (p.marks and len(p.events) + len(p.event_choices) >= 2 and not has_meet):
        return "convert"
    if "barrier" in c and "first" in p.tokens and not n_names and not has_meet and not p.year:
        return "threshold"   # "first woman to clear 5m", "who was the first to throw 90m": the barrier's first
    if p.marks and not n_names and not has_meet and len(p.events) <= 1 and not p.date \
            and not ({"sub", "broken", "record", "pb", "sb", "wl", "best", "howmany", "ormore"} & c) \
            and not {"yesno", "barrier", "roundmark"} <= c \
            and not {"over", "beyond", "above", "past"} & set(p.tokens) and p.tokens[-1] not in ("to", "into"):
        return "mark_lookup"   # "who ran 9.58", "who jumped 8.95"
    if p.marks and n_names == 1 and not has_meet and not p.year and len(p.events) <= 1 \
            and not {"over", "beyond", "above", "under", "below", "than"} & set(p.tokens) \
            and ("when" in c or "profile" in c or {"where", "ran", "run", "set", "jumped", "threw"} & set(p.tokens)) \
            and not ({"sub", "broken", "record", "pb", "sb", "best", "howmany", "convert", "vs"} & c):
        return "mark_lookup"   # "when did kipchoge run 2:01:09", "how old was bolt when he ran 9.58"
    if p.date and not has_meet and n_names == 0 and ("otd" in c or not p.events):
        return "on_this_day"
    if "otd" in c and not has_meet and n_names == 0:
        return "on_this_day"
    if n_names == 1 and ("win" in c or "howmany" in c) and ("dl" in c or (
            "howmany" in c and "win" in c and (p.meet or "").startswith("DL-") and not p.year and not p.threshold)):
        return "win_count"   # "duplantis dl wins", "how many times has kipyegon won at pre"
    if {"youngest", "oldest"} & c and n_names == 0 and "record" not in c and (
            {"win", "podium", "medals", "gold"} & c or (has_meet and (p.year or p.meet_by_city) and p.events)):
        return "age_record"   # "youngest olympic 1500 champion", "oldest world medallist"
    if n_names == 0 and not p.nation and ("nationtable" in c or (
            _NATION_WORDS & set(p.tokens) and ({"medals", "gold"} & c or p.medal) and "most" in c)):
        return "nation_table"  # "medal table 2023 worlds", "which country won the most medals at the 2024 olympics"
    which = [x for x in c if x.startswith(("first:", "last:"))]
    if which and n_names >= 1 and has_meet and not p.year and "howmany" not in c:
        # "when did bolt win his first world title": that edition's race, not the count of titles
        return "winner" if which[0].endswith(":win") else "place"
    if "medals" in c and "most" in c and n_names == 0 and not p.year:
        return "medal_table"
    if "most" in c and "win" in c and n_names == 0 and not p.year and has_meet and not p.threshold:
        # "who has won the bowerman mile the most": the athletes with the most wins there, not the latest winner
        p.medal = p.medal or "gold"
        return "medal_table"   # "who has the most olympic golds": the athletes with the most
    if "medals" in c and n_names >= 1 and ("howmany" in c or not (has_meet and p.year)):
        return "medal_count"
    if "gold" in c and n_names >= 1 and (p.year or p.events) and (
            not has_meet or (p.meet in ("OG", "WCH", "WIC") and not p.year and p.meet_by_city is None)) and not (
            {"pb", "sb", "best", "record"} & c):
        p.medal = p.medal or "gold"   # "bolt 2016 relay gold", "kipyegon 1500 gold": their gold medals there
        return "medal_count"
    if "medals" in c and n_names == 0 and p.nation:
        return "medal_count"   # "how many medals did kenya win at rio": the nation's
    if "howmany" in c and "win" in c and n_names == 1 and p.meet_by_city and not p.year and not p.threshold \
            and not ({"titled", "medals", "gold"} & c) and p.meet in (None, "OG", "WCH", "WIC"):
        # "how many times has kipchoge won berlin": the races won in that city, the championship held there
        # among them (its marathon is no championship); a championship named ("berlin worlds") is its titles
        return "win_count"
    if "howmany" in c and "win" in c and n_names >= 1 and not p.threshold and not p.year \
            and p.meet in (None, "OG", "WCH", "WIC"):
        # "how many times did kipkoech win the worlds": titles, the gold medals
        p.medal = p.medal or "gold"
        return "medal_count"
    if n_names == 1 and has_meet and p.year and p.tokens[:1] in (["did"], ["was"]) and {"win", "lose"} & c \
            and "howmany" not in c:
        # "did neeraj win doha 2025 when he threw 90": where he finished there, the mark only a reminder
        return "place"
    if "most" in c and p.threshold and not n_names and p.marks and ({"sub", "broken", "over"} & c or p.events):
        c.add("times")   # "who has run the most sub-10s": the athletes by their number of such marks
        return "threshold"
    if "howmany" in c and p.threshold:
        if n_names == 0 and "people" not in c:
            c.add("times")   # "how many sub 10s have been run": the marks (and who ran them), no people asked
        return "count" if n_names >= 1 and "people" not in c else "threshold"
    if p.threshold and n_names >= 1 and ({"sub", "broken", "over"} & c) and "record" not in c:
        return "count"
    if p.threshold and not n_names and ({"sub", "broken", "over"} & c) and "record" not in c and not has_meet \
            and p.events and not p.marks[1:]:
        # "sub 10 100m kenyans": who has gone under the mark, not the event's record
        return "threshold"
    if "progression" in c or ("before" in c and "record" in c):
        return "progression"
    if "record" in c and not (p.events or p.event_choices or n_names or has_meet) and (
            {"oldest", "standing"} & c or p.decade is not None
            or {"records", "wrs", "nrs", "ars"} & set(p.tokens)):
        # "oldest world record still standing", "world records of the 80s", "british records": the list
        return "record_list"
    if "record" in c:
        return "record"
    if "wl" in c or ("best" in c and p.year and p.events and not n_names and "ever" not in c and not has_meet) \
            or ("thisseason" in c and not n_names and not has_meet):
        return "world_lead"
    if ("sb" in c or "thisseason" in c) and n_names:
        return "sb"
    if "pb" in c and n_names == 1 and _relative_clause(p.tokens):
        # "thompson's 100 pb, the jamaican who got silver in paris": the meet (and year) say who, the pb is asked
        c.add("described")
        return "pb"
    if has_meet and (p.year or p.events or n_names):   # "what did kerr run at pre": his latest Pre
        if "results" in c:
            return "results"
        if p.places and not n_names:
            return "podium" if p.places == [1, 2, 3] else "place"   # "who finished 1st and 2nd"
        if p.place is not None and p.place != 1:
            return "place"
        if "podium" in c or ("medals" in c and n_names == 0):
            return "podium"
        if p.place is not None or ("place" in c):
            return "place"
        if n_names and ("win" not in c or "lose" in c):
            return "place"   # "did duplantis lose at brussels 2022": where he finished
        return "winner"
    if n_names and p.year and "ever" not in c and ("pb" in c or "best" in c or p.events):
        # a year keeps its season, however the best is asked for: "kerr best 1500 of 2023", "kerr pb 2023"
        return "sb"
    if "pb" in c and n_names:
        return "pb"
    if n_names and p.events:
        return "pb"
    if ("ever" in c or "best" in c or p.limit) and p.events:
        return "all_time"
    if "profile" in c and n_names:
        return "profile"
    if n_names == 1 and not p.events:
        return "profile"
    if "medals" in c and n_names:
        return "medal_count"
    if p.events and ("win" in c or "podium" in c):
        return "winner" if p.year else None
    if p.events or p.event_choices:
        return "record"
    return None
