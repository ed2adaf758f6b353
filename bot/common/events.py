"""The event catalogue: canonical codes, names, aliases and how each event's marks work.

Every importer maps its own discipline names onto these codes, so that one event is one thing
everywhere (the toplists' ``one-mile``, the TAF ``MEI``, the DL ``1mile`` and WA's ``Mile`` are all ``mile``).
Road events get their own codes: a 10 km road race and a 10,000 m track race are different events.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# kind values
TRACK, FIELD, ROAD, WALK, RELAY, COMBINED = "track", "field", "road", "walk", "relay", "combined"
# mark formats
TIME, DISTANCE, POINTS = "time", "distance", "points"


@dataclass(frozen=True)
class Event:
    code: str
    name: str  # "1500 m", "Mile", "Pole vault"
    kind: str
    distance_m: float | None = None
    aliases: tuple[str, ...] = field(default=())
    # where the event is held: "outdoor", "indoor", "both" (track/field), "road"
    held: str = "both"

    @property
    def lower_is_better(self) -> bool:
        return self.kind not in (FIELD, COMBINED)

    @property
    def mark_format(self) -> str:
        if self.kind == FIELD:
            return DISTANCE
        if self.kind == COMBINED:
            return POINTS
        return TIME

    @property
    def wind_matters(self) -> bool:
        # Wind is read for sprints up to 200 m, the sprint hurdles and the horizontal jumps.
        return self.code in WIND_EVENTS


def _ev(code, name, kind, distance=None, aliases=(), held="both"):
    return Event(code, name, kind, distance, tuple(aliases), held)


EVENTS: dict[str, Event] = {e.code: e for e in [
    _ev("50m", "50 m", TRACK, 50, ["50", "50 metres"], "indoor"),
    _ev("55m", "55 m", TRACK, 55, ["55", "55 metres"], "indoor"),
    _ev("60m", "60 m", TRACK, 60, ["60", "60 metres", "60 meters"], "indoor"),
    _ev("100m", "100 m", TRACK, 100, ["100", "100 metres", "100 meters", "hundred", "100 meter dash"], "outdoor"),
    _ev("200m", "200 m", TRACK, 200, ["200", "200 metres", "200 meters"]),
    _ev("300m", "300 m", TRACK, 300, ["300", "300 metres"]),
    _ev("400m", "400 m", TRACK, 400, ["400", "400 metres", "400 meters", "quarter mile"]),
    _ev("500m", "500 m", TRACK, 500, ["500", "500 metres"]),
    _ev("600m", "600 m", TRACK, 600, ["600", "600 metres"]),
    _ev("800m", "800 m", TRACK, 800, ["800", "800 metres", "800 meters", "half mile"]),
    _ev("1000m", "1000 m", TRACK, 1000, ["1000", "1000 metres", "1k"]),
    _ev("1500m", "1500 m", TRACK, 1500, ["1500", "1500 metres", "1500 meters", "metric mile", "1.5k"]),
    _ev("mile", "Mile", TRACK, 1609.344, ["mile", "one mile", "1 mile", "the mile"]),
    _ev("2000m", "2000 m", TRACK, 2000, ["2000", "2000 metres", "2k"]),
    _ev("3000m", "3000 m", TRACK, 3000, ["3000", "3000 metres", "3k"]),
    _ev("2miles", "2 miles", TRACK, 3218.688, ["two miles", "2 mile", "two mile", "2 miles"]),
    _ev("5000m", "5000 m", TRACK, 5000, ["5000", "5000 metres", "5k", "5,000"], "outdoor"),
    _ev("10000m", "10,000 m", TRACK, 10000, ["10000", "10,000", "10000 metres", "10k", "10,000 metres"], "outdoor"),
    _ev("50mH", "50 m hurdles", TRACK, 50, ["50h", "50m hurdles"], "indoor"),
    _ev("60mH", "60 m hurdles", TRACK, 60, ["60h", "60mh", "60m hurdles"], "indoor"),
    _ev("100mH", "100 m hurdles", TRACK, 100, ["100h", "100mh", "100m hurdles", "sprint hurdles"], "outdoor"),
    _ev("110mH", "110 m hurdles", TRACK, 110, ["110h", "110mh", "110m hurdles", "sprint hurdles"], "outdoor"),
    _ev("300mH", "300 m hurdles", TRACK, 300, ["300h", "300mh"], "outdoor"),
    _ev("400mH", "400 m hurdles", TRACK, 400, ["400h", "400mh", "400m hurdles", "intermediate hurdles"], "outdoor"),
    _ev("2000mSC", "2000 m steeplechase", TRACK, 2000, ["2000m steeple", "2k steeple"], "outdoor"),
    _ev("3000mSC", "3000 m steeplechase", TRACK, 3000, ["steeple", "steeplechase", "3000m steeple", "3000sc", "3k steeple", "steeplechase", "3000 steeple",
                                                        "3000 steeplechase", "3000m steeplechase"], "outdoor"),
    _ev("HJ", "High jump", FIELD, None, ["high jump", "hj"]),
    _ev("PV", "Pole vault", FIELD, None, ["pole vault", "pv", "vault"]),
    _ev("LJ", "Long jump", FIELD, None, ["long jump", "lj"]),
    _ev("TJ", "Triple jump", FIELD, None, ["triple jump", "tj", "hop skip and jump"]),
    _ev("SP", "Shot put", FIELD, None, ["shot put", "shot", "sp"]),
    _ev("DT", "Discus throw", FIELD, None, ["discus", "discus throw", "dt"], "outdoor"),
    _ev("HT", "Hammer throw", FIELD, None, ["hammer", "hammer throw", "ht"], "outdoor"),
    _ev("JT", "Javelin throw", FIELD, None, ["javelin", "javelin throw", "jt", "jav"], "outdoor"),
    _ev("DEC", "Decathlon", COMBINED, None, ["decathlon", "dec"], "outdoor"),
    _ev("HEP", "Heptathlon", COMBINED, None, ["heptathlon", "hep"]),
    _ev("PEN", "Pentathlon", COMBINED, None, ["pentathlon", "pen"], "indoor"),
    _ev("road5k", "5 km road", ROAD, 5000, ["5km road", "road 5k", "5 km"], "road"),
    _ev("road10k", "10 km road", ROAD, 10000, ["10km road", "road 10k", "10 km"], "road"),
    _ev("road15k", "15 km road", ROAD, 15000, ["15km", "15 km"], "road"),
    _ev("road20k", "20 km road", ROAD, 20000, ["20km", "20 km"], "road"),
    _ev("road25k", "25 km road", ROAD, 25000, ["25km"], "road"),
    _ev("road30k", "30 km road", ROAD, 30000, ["30km"], "road"),
    _ev("road10mi", "10 miles road", ROAD, 16093.44, ["10 miles", "ten miles"], "road"),
    _ev("roadmile", "Mile road", ROAD, 1609.344, ["road mile", "mile road"], "road"),
    _ev("HM", "Half marathon", ROAD, 21097.5, ["half marathon", "half", "hm", "half-marathon"], "road"),
    _ev("MAR", "Marathon", ROAD, 42195, ["marathon", "mar"], "road"),
    _ev("road50k", "50 km road", ROAD, 50000, ["50km road"], "road"),
    _ev("road100k", "100 km road", ROAD, 100000, ["100km", "100 km"], "road"),
    _ev("3000mW", "3000 m race walk", WALK, 3000, ["3000m walk", "3000 walk"]),
    _ev("5000mW", "5000 m race walk", WALK, 5000, ["5000m walk", "5000 walk"]),
    _ev("10000mW", "10,000 m race walk", WALK, 10000, ["10000m walk"], "outdoor"),
    _ev("20000mW", "20,000 m race walk", WALK, 20000, ["20000m walk"], "outdoor"),
    _ev("30000mW", "30,000 m race walk", WALK, 30000, ["30000m walk"], "outdoor"),
    _ev("50000mW", "50,000 m race walk", WALK, 50000, ["50000m walk"], "outdoor"),
    _ev("5kmW", "5 km race walk", WALK, 5000, ["5km walk"], "road"),
    _ev("10kmW", "10 km race walk", WALK, 10000, ["10km walk"], "road"),
    _ev("20kmW", "20 km race walk", WALK, 20000, ["20km walk", "20k walk", "walk"], "road"),
    _ev("30kmW", "30 km race walk", WALK, 30000, ["30km walk"], "road"),
    _ev("35kmW", "35 km race walk", WALK, 35000, ["35km walk", "35k walk"], "road"),
    _ev("50kmW", "50 km race walk", WALK, 50000, ["50km walk", "50k walk"], "road"),
    _ev("4x100", "4 × 100 m relay", RELAY, 400, ["4x100", "4x100m", "sprint relay", "4 x 100"]),
    _ev("4x200", "4 × 200 m relay", RELAY, 800, ["4x200", "4x200m"]),
    _ev("4x400", "4 × 400 m relay", RELAY, 1600, ["4x400", "4x400m", "4 x 400", "long relay"]),
    _ev("4x800", "4 × 800 m relay", RELAY, 3200, ["4x800", "4x800m"]),
    _ev("4x1500", "4 × 1500 m relay", RELAY, 6000, ["4x1500", "4x1500m"]),
    _ev("DMR", "Distance medley relay", RELAY, 4000, ["distance medley", "dmr"]),
    _ev("roadrelay", "Road relay (ekiden)", RELAY, 42195, ["road relay", "ekiden"], "road"),
    # Olympic events of the medallist list that are no longer held (or held once): medals count for their
    # winners (Nurmi's cross-country and team golds); no toplist holds them
    _ev("80mH", "80 m hurdles", TRACK, 80, ["80m hurdles", "80mh"], "outdoor"),
    _ev("200mH", "200 m hurdles", TRACK, 200, ["200m hurdles", "200mh"], "outdoor"),
    _ev("2500mSC", "2500 m steeplechase", TRACK, 2500, ["2500m steeplechase"], "outdoor"),
    _ev("2590mSC", "2590 m steeplechase", TRACK, 2590, ["2590m steeplechase"], "outdoor"),
    _ev("3200mSC", "3200 m steeplechase", TRACK, 3200, ["3200m steeplechase"], "outdoor"),
    _ev("4000mSC", "4000 m steeplechase", TRACK, 4000, ["4000m steeplechase"], "outdoor"),
    _ev("5miles", "5 miles", TRACK, 8046.72, ["5 miles", "five miles"], "outdoor"),
    _ev("3000mteam", "3000 m team race", TRACK, 3000, ["3000m team", "3000 m team"], "outdoor"),
    _ev("3milesteam", "3 miles team race", TRACK, 4828.032, ["3 miles team"], "outdoor"),
    _ev("4milesteam", "4 miles team race", TRACK, 6437.376, ["4 miles team"], "outdoor"),
    _ev("5000mteam", "5000 m team race", TRACK, 5000, ["5000m team", "5000 m team"], "outdoor"),
    # no "cross country" alias: a question about cross-country running (the World Cross Country) is declined,
    # as the data holds no cross-country results; these two are the Olympic medals only
    _ev("XC", "Cross country (individual)", TRACK, None, (), "outdoor"),
    _ev("XCteam", "Cross country (team)", TRACK, None, (), "outdoor"),
    _ev("3500mW", "3500 m race walk", WALK, 3500, ["3500m walk"], "outdoor"),
    _ev("10milesW", "10 miles race walk", WALK, 16093.44, ["10 miles walk"], "outdoor"),
    _ev("SHJ", "Standing high jump", FIELD, None, ["standing high jump"], "outdoor"),
    _ev("SLJ", "Standing long jump", FIELD, None, ["standing long jump"], "outdoor"),
    _ev("STJ", "Standing triple jump", FIELD, None, ["standing triple jump"], "outdoor"),
    _ev("56lbWT", "56 lb weight throw", FIELD, None, ["56lb weight throw", "weight throw"], "outdoor"),
    _ev("SP2H", "Shot put, both hands", FIELD, None, ["shot put both hands"], "outdoor"),
    _ev("DT2H", "Discus throw, both hands", FIELD, None, ["discus both hands"], "outdoor"),
    _ev("JT2H", "Javelin throw, both hands", FIELD, None, ["javelin both hands"], "outdoor"),
    _ev("DTgreek", "Discus throw, ancient style", FIELD, None, ["ancient discus", "greek discus"], "outdoor"),
    _ev("JTfree", "Javelin throw, freestyle", FIELD, None, ["freestyle javelin"], "outdoor"),
    _ev("OGPEN", "Pentathlon (Olympic, outdoor)", COMBINED, None, ["olympic pentathlon"], "outdoor"),
    _ev("TRI", "Triathlon (long jump, shot put, 100 yards)", COMBINED, None, ["triathlon"], "outdoor"),
    _ev("medley", "Medley relay (200, 200, 400, 800 m)", RELAY, 1600, ["medley relay"], "outdoor"),
    _ev("MARWRX", "Marathon race walk relay", RELAY, 42195, ["marathon race walk relay", "race walk relay"],
        "road"),
]}

# Team races: a nation's team wins the medal (its runners listed), like a relay, though nobody hands over
TEAM_RACES = frozenset({"3000mteam", "3milesteam", "4milesteam", "5000mteam", "XCteam"})
# The events of the medallist list that the Olympics no longer hold, named so when an answer lists them
DISCONTINUED = frozenset({"80mH", "200mH", "2500mSC", "2590mSC", "3200mSC", "4000mSC", "5miles", "3500mW",
                          "10milesW", "SHJ", "SLJ", "STJ", "56lbWT", "SP2H", "DT2H", "JT2H", "DTgreek", "JTfree",
                          "OGPEN", "TRI", "medley", "XC"}) | TEAM_RACES
# Mixed events: held for men and women together only
MIXED_ONLY = frozenset({"MARWRX"})


def is_team(code: str) -> bool:
    """A team wins the medal (relays and team races): the row is the nation's, its runners are members."""
    return EVENTS[code].kind == RELAY or code in TEAM_RACES

WIND_EVENTS = frozenset({"50m", "55m", "60m", "100m", "200m", "100mH", "110mH", "LJ", "TJ"})

SEXES = {"M": "Men's", "W": "Women's", "X": "Mixed"}


def get(code: str) -> Event:
    return EVENTS[code]


def full_name(code: str, sex: str) -> str:
    """"Men's 1500 m", "Women's pole vault"."""
    ev = EVENTS[code]
    name = ev.name if ev.name[0].isdigit() or ev.code == "mile" else ev.name.lower()
    if ev.code == "mile":
        name = "mile"
    return f"{SEXES[sex]} {name}"


def verb(code: str) -> str:
    """What an athlete did to set a mark in the event: ran, walked, jumped, cleared, threw, scored."""
    e = get(code)
    if e.kind == WALK:
        return "walked"
    if e.kind == COMBINED:
        return "scored"
    if e.kind == FIELD:
        return "cleared" if code in ("HJ", "PV") else "jumped" if code in ("LJ", "TJ") else "threw"
    return "ran"
