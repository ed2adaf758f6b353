"""Readers for the raw reference files, and the conventions our data/SOURCES.md documents for them.

Written apart from bot/ (no import of our pipeline or engine), so that a bug there cannot hide in the gold:
names are shown as WA writes them with the capitals restored ("Faith Chepngetich KIPYEGON" -> "Faith
Chepngetich Kipyegon"), marks in their canonical text (field marks with two decimals "6.30", a toplist
"51.7" is an electronic "51.70"), Tokyo 2020 is the year 2021.
"""
from __future__ import annotations

import csv
import datetime as dt
import glob
import gzip
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "datasets"

FIELD = {"HJ", "PV", "LJ", "TJ", "SP", "DT", "HT", "JT"}
COMBINED = {"DEC", "HEP"}
ROAD = {"MAR", "HM"}

# toplist file stem -> our event code (bot/common/events.py codes, which gold.yaml uses)
TOPLIST_EVENTS = {
    "60-metres": "60m", "100-metres": "100m", "200-metres": "200m", "400-metres": "400m", "800-metres": "800m",
    "1000-metres": "1000m", "1500-metres": "1500m", "one-mile": "mile", "2000-metres": "2000m",
    "3000-metres": "3000m", "two-miles": "2miles", "5000-metres": "5000m", "10000-metres": "10000m",
    "100-metres-hurdles": "100mH", "110-metres-hurdles": "110mH", "400-metres-hurdles": "400mH",
    "3000-metres-steeplechase": "3000mSC", "high-jump": "HJ", "pole-vault": "PV", "long-jump": "LJ",
    "triple-jump": "TJ", "shot-put": "SP", "discus-throw": "DT", "hammer-throw": "HT", "javelin-throw": "JT",
    "decathlon": "DEC", "heptathlon": "HEP", "marathon": "MAR", "half-marathon": "HM",
}
# the five senior split files missing from the snapshot, read from fallback_raw (SOURCES.md)
FALLBACK = {
    "male/sprints_100-metres_senior": ("100m", "M"),
    "female/sprints_100-metres_senior": ("100m", "W"),
    "female/sprints_200-metres_senior": ("200m", "W"),
    "female/jumps_pole-vault_senior": ("PV", "W"),
    "female/hammer-throw_senior_2023-07_camminady": ("HT", "W"),
}


def available() -> bool:
    return (SHARED / "wa-toplists").is_dir()


# ---------------------------------------------------------------- names

@cache
def fold(text: str) -> str:
    """Lower-case ASCII, single spaces: for matching one name across sources."""
    t = unicodedata.normalize("NFKD", text or "")
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = t.replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("æ", "ae").replace("ß", "ss")
    t = t.replace("_", "").replace("'", "").replace("`", "").replace("-", " ")
    t = re.sub(r"[^a-z0-9 ]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


_LOWER_PARTICLES = {"de", "da", "van", "der", "den", "von", "del", "la", "le", "di", "dos", "das", "du", "ter"}


def _upper_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _cap(word: str, first: bool) -> str:
    low = word.lower()
    if not first and low in _LOWER_PARTICLES:
        return low
    if low.startswith("mc") and len(low) > 2:
        return "Mc" + low[2].upper() + low[3:]
    if low.startswith("o'") and len(low) > 2:
        return "O'" + low[2].upper() + low[3:]
    return low[:1].upper() + low[1:]


def recase(family: str) -> str:
    """'MCLAUGHLIN-LEVRONE' -> 'McLaughlin-Levrone', 'EL GUERROUJ' -> 'El Guerrouj', 'dos SANTOS' -> 'dos
    Santos': words in capitals get their case back, words already in mixed case are kept."""
    return " ".join(w if any(c.islower() for c in w) else
                    "-".join(_cap(p, i == 0 or j > 0) for j, p in enumerate(w.split("-")))
                    for i, w in enumerate(family.split()))


@cache
def split_name(text: str) -> tuple[str, str]:
    """(given, family) of 'Josh KERR', 'HOCKER Cole', 'dos SANTOS Alison', 'Ted Meredith'."""
    words = text.split()
    if not words:
        return "", ""
    upper = [_upper_word(w) for w in words]
    if all(upper):
        if len(words) >= 2 and len(words[0]) <= 2 and words[0].lower() not in _LOWER_PARTICLES | {"el"}:
            return words[0], " ".join(words[1:])
        return "", " ".join(words)
    if any(upper):
        first = upper.index(True)
        # a lower-case particle just before the capitals belongs to the family name ('dos SANTOS')
        while first > 0 and words[first - 1].lower() in _LOWER_PARTICLES:
            first -= 1
        last = max(i for i, u in enumerate(upper) if u)
        if first == 0 and last < len(words) - 1:          # 'HOCKER Cole': family first
            return " ".join(words[last + 1:]), " ".join(words[:last + 1])
        return " ".join(words[:first]), " ".join(words[first:])
    if len(words) == 1:
        return "", words[0]
    return " ".join(words[:-1]), words[-1]


@cache
def display(text: str) -> str:
    given, family = split_name(text)
    return f"{given} {recase(family)}".strip()


def surname(display_name: str) -> str:
    return split_name(display_name)[1] if display_name else ""


# ---------------------------------------------------------------- marks

def seconds(text: str) -> float:
    parts = text.rstrip("h").split(":")
    value = 0.0
    for p in parts:
        value = value * 60 + float(p)
    return value


def canonical(event: str, text: str) -> str:
    """A mark's canonical text: two decimals for field marks and for sub-minute toplist times."""
    text = text.strip()
    if event in FIELD:
        return f"{float(text):.2f}"
    if event in COMBINED:
        return str(int(float(text)))
    if ":" not in text and "." in text and len(text.split(".")[1]) == 1:
        return text + "0"
    if ":" not in text and "." not in text:
        return f"{float(text):.2f}"
    return text


def fmt_time(value: float, event: str) -> str:
    """Seconds -> canonical text ('27:08.33', '9.58', '3:43.13'; road times to the second, '59:43')."""
    if event in ROAD:
        whole, tenth = divmod(round(value * 10), 10)
        h, rest = divmod(whole, 3600)
        text = f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"
        return f"{text}.{tenth}" if tenth else text     # a progression's '2:34:47.5' keeps its tenth
    if value < 60:
        return f"{value:.2f}"
    minutes, secs = divmod(round(value * 100), 6000)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{secs // 100:02d}"
    return f"{minutes}:{secs // 100:02d}.{secs % 100:02d}"


def better(event: str, a: float, b: float) -> bool:
    """Is mark a strictly better than mark b."""
    return a > b if event in FIELD or event in COMBINED else a < b


def sort_key(event: str, value: float) -> float:
    return -value if event in FIELD or event in COMBINED else value


# ---------------------------------------------------------------- the toplists

@dataclass(frozen=True)
class Perf:
    event: str
    sex: str
    raw_name: str
    name: str          # display
    dob: str
    nat: str
    mark: str          # canonical text
    value: float
    hand: bool
    position: str
    venue: str
    date: str
    rank: int
    key: tuple[str, str, str]   # one athlete: athlete_key()

    @property
    def indoor(self) -> bool:
        return self.venue.rstrip().endswith("(i)")

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def place(self) -> int | None:
        return int(self.position) if self.position.isdigit() else None

    @property
    def round(self) -> str:
        """'' for a plain place, else the round code after the place ('sf2', 'h1', 'f1')."""
        return re.sub(r"^\d+", "", self.position)


def athlete_key(raw_name: str, dob: str, nat: str) -> tuple[str, str, str]:
    """One athlete: birth date, nation and given name (a married name keeps the given name)."""
    given = fold(split_name(raw_name)[0]) or fold(raw_name)
    return (dob, nat, given) if dob else ("", nat, fold(raw_name))


_MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}


def iso(text: str) -> str:
    """'16 AUG 2009' or '2009-08-16' -> '2009-08-16'; '' when empty."""
    text = text.strip()
    if not text:
        return ""
    if re.match(r"\d{4}-\d\d-\d\d", text):
        return text[:10]
    parts = text.split()
    if len(parts) != 3:
        return text             # a year alone ('1960'): kept as written, it still tells athletes apart
    d, m, y = parts
    return f"{int(y):04d}-{_MONTHS[m.upper()]:02d}-{int(d):02d}"


def _rows(path: str) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        for row in reader:
            yield dict(zip(header, row, strict=False))


def _perf(event: str, sex: str, row: dict) -> Perf | None:
    mark = (row.get("mark") or row.get("Mark") or "").strip()
    name = (row.get("competitor") or row.get("Competitor") or "").strip()
    date = iso(row.get("date") or row.get("Date") or "")
    if not mark or not name or not date:
        return None
    if row.get("age_cat", "senior") not in ("senior", ""):
        return None                     # u20/u18 rows repeat senior rows (SOURCES.md)
    hand = mark.endswith("h")
    dob = iso(row.get("dob") or row.get("DOB") or "")
    nat = (row.get("nationality") or row.get("Nat") or "").strip()
    return Perf(event=event, sex=sex, raw_name=name, name=display(name), dob=dob, nat=nat,
                mark=canonical(event, mark.rstrip("h")),
                value=seconds(mark) if event not in FIELD | COMBINED else float(mark.rstrip("h")), hand=hand,
                position=(row.get("position") or row.get("Pos") or "").strip(),
                venue=(row.get("venue") or row.get("Venue") or "").strip(), date=date,
                rank=int(float(row.get("rank") or row.get("Rank") or 0)), key=athlete_key(name, dob, nat))


@cache
def toplist(event: str, sex: str) -> tuple[Perf, ...]:
    """Every senior performance of an event, exact duplicate rows once, best first."""
    files = []
    folder = "male" if sex == "M" else "female"
    for stem, code in TOPLIST_EVENTS.items():
        if code == event and (SHARED / "wa-toplists" / folder / f"{stem}.csv.gz").exists():
            files.append(str(SHARED / "wa-toplists" / folder / f"{stem}.csv.gz"))
    for stem, (code, s) in FALLBACK.items():
        if code == event and s == sex:
            files.append(str(SHARED / "wa-toplists" / "fallback_raw" / f"{stem}.csv.gz"))
    seen: set[tuple] = set()
    out = []
    for path in files:
        for row in _rows(path):
            p = _perf(event, sex, row)
            if p is None:
                continue
            ident = (p.raw_name, p.dob, p.mark, p.date, p.venue, p.position)
            if ident in seen:
                continue
            seen.add(ident)
            out.append(p)
    out.sort(key=lambda p: (sort_key(event, p.value), p.date, p.name))
    return tuple(out)


@cache
def by_date(event: str, sex: str) -> dict[str, tuple[Perf, ...]]:
    out: dict[str, list[Perf]] = {}
    for p in toplist(event, sex):
        out.setdefault(p.date, []).append(p)
    return {d: tuple(v) for d, v in out.items()}


def events() -> list[tuple[str, str]]:
    """Every (event, sex) with a toplist."""
    out = []
    for sex, folder in (("M", "male"), ("W", "female")):
        for path in sorted(glob.glob(str(SHARED / "wa-toplists" / folder / "*.csv.gz"))):
            stem = Path(path).name.removesuffix(".csv.gz")
            if stem in TOPLIST_EVENTS:
                out.append((TOPLIST_EVENTS[stem], sex))
        for code, s in FALLBACK.values():
            if s == sex and (code, s) not in out:
                out.append((code, s))
    return sorted(set(out))


@cache
def names_by_key(event: str, sex: str) -> dict[tuple, str]:
    """Each athlete's display name: the spelling of their latest mark (WA lists an athlete's current name)."""
    latest: dict[tuple, Perf] = {}
    for p in toplist(event, sex):
        if p.key not in latest or p.date > latest[p.key].date:
            latest[p.key] = p
    return {k: p.name for k, p in latest.items()}


@cache
def all_athletes() -> dict[tuple, dict]:
    """Every athlete on any toplist: display name, sex, nation, events and number of marks per event."""
    out: dict[tuple, dict] = {}
    for event, sex in events():
        names = names_by_key(event, sex)
        for p in toplist(event, sex):
            a = out.setdefault(p.key, {"name": names[p.key], "sex": sex, "nat": p.nat, "dob": p.dob,
                                       "events": {}, "spellings": set(), "last": ""})
            a["events"][event] = a["events"].get(event, 0) + 1
            a["spellings"].add(p.name)
            if p.date > a["last"]:
                a["last"], a["name"] = p.date, p.name
    return out


# ---------------------------------------------------------------- Diamond League archive

DL_MEETS = {  # meetingIds.json id -> our meet code
    "2": "DL-ZURICH", "18": "DL-OSLO", "19": "DL-ROME", "21": "DL-PARIS", "22": "DL-BRUSSELS", "24": "DL-LONDON",
    "25": "DL-EUGENE", "27": "DL-STOCKHOLM", "33": "DL-DOHA", "34": "DL-SHANGHAI", "35": "DL-NEWYORK",
    "36": "DL-LAUSANNE", "37": "DL-BIRMINGHAM", "38": "DL-MONACO", "617": "DL-RABAT",
}
DL_EVENTS = {
    "100m": "100m", "200m": "200m", "400m": "400m", "800m": "800m", "1000m": "1000m", "1500m": "1500m",
    "Mile": "mile", "3000m": "3000m", "2 Miles": "2miles", "5000m": "5000m", "10,000m": "10000m",
    "100mH": "100mH", "110mH": "110mH", "400mH": "400mH", "3000mSC": "3000mSC", "High Jump": "HJ",
    "Pole Vault": "PV", "Long Jump": "LJ", "Triple Jump": "TJ", "Shot Put": "SP", "Discus Throw": "DT",
    "Hammer Throw": "HT", "Javelin Throw": "JT",
}


@dataclass(frozen=True)
class DLResult:
    place: int | None
    raw_name: str
    name: str
    nat: str
    birth_year: int | None
    mark: str
    doping: str


@dataclass(frozen=True)
class DLRace:
    meet: str
    year: int
    date: str
    event: str | None   # None: a discipline we do not ask about (or not mapped)
    sex: str
    category: str
    detail: str
    results: tuple[DLResult, ...]


@cache
def dl_races() -> tuple[DLRace, ...]:
    out = []
    for path in sorted(glob.glob(str(SHARED / "diamond-league-2010-2023" / "data" / "*.json"))):
        year_s, meeting = Path(path).stem.split("_")
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for category, races in data.items():
            for race in races:
                head, _, day = race["title"].rpartition(" - ")
                sex_word, _, discipline = head.partition(" ")
                sex = {"Men's": "M", "Women's": "W"}.get(sex_word, "X")
                event = DL_EVENTS.get(discipline)
                date = dt.datetime.strptime(day.strip(), "%d.%m.%Y").date().isoformat() if day else ""
                results = []
                for r in race["data"]:
                    place = r.get("place", "").strip().rstrip(".")
                    by = r.get("birthYear")
                    results.append(DLResult(
                        place=int(place) if place.isdigit() else None, raw_name=r["athlete"].strip(),
                        name=display(r["athlete"].strip()), nat=r.get("nat", ""),
                        birth_year=by if isinstance(by, int) and by > 1920 else None,
                        mark=r.get("mark", "").strip(), doping=r.get("doping", "")))
                out.append(DLRace(DL_MEETS[meeting], int(year_s), date, event, sex, category, race["detail"],
                                  tuple(results)))
    return tuple(out)


# ---------------------------------------------------------------- Olympic medallists

OG_EVENTS = {
    "100m": "100m", "200m": "200m", "400m": "400m", "800m": "800m", "1500m": "1500m", "5000m": "5000m",
    "10000m": "10000m", "marathon": "MAR", "110m hurdles": "110mH", "100m hurdles": "100mH",
    "400m hurdles": "400mH", "3000m steeplechase": "3000mSC", "high jump": "HJ", "pole vault": "PV",
    "long jump": "LJ", "triple jump": "TJ", "shot put": "SP", "discus throw": "DT", "hammer throw": "HT",
    "javelin throw": "JT", "decathlon": "DEC", "heptathlon": "HEP",
}


@dataclass(frozen=True)
class Medal:
    year: int
    city: str
    medal: str      # gold / silver / bronze
    nat: str
    names: tuple[str, ...]   # display names; several for a relay
    raw_names: tuple[str, ...]
    event: str | None
    sex: str
    raw_event: str


@cache
def olympic_medals() -> tuple[Medal, ...]:
    out = []
    path = SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv"
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["sport"] != "Athletics":
                continue
            sex = {"Men's": "M", "Women's": "W"}.get(r["event_gender"], "X")
            raws = tuple(n.strip() for n in r["athletes"].split(",") if n.strip())
            out.append(Medal(int(r["year"]), r["games"].split(" ", 1)[1], r["medal"].lower(), r["country_code"],
                             tuple(display(n) for n in raws), raws, OG_EVENTS.get(r["event_name"].strip().lower()), sex, r["event_name"]))
    return tuple(out)


# ---------------------------------------------------------------- World Championships finals 1983-2013

@dataclass(frozen=True)
class WCResult:
    edition: int
    location: str
    event: str
    sex: str
    name: str
    nat: str
    seconds: float | None
    place: int | None


@cache
def wc_finals() -> tuple[WCResult, ...]:
    out = []
    path = SHARED / "wc-track-finals-1983-2013" / "IAAF_Results.csv"
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            ev = {"100": "100m", "200": "200m", "400": "400m", "800": "800m", "1500": "1500m", "3000": "3000m",
                  "5000": "5000m", "10000": "10000m"}.get(r["distance"].strip())
            if ev is None:
                continue
            place = r["place"].strip()
            mark = r["mark_time"].strip()
            out.append(WCResult(int(r["championship_number"]), r["location"].strip(), ev,
                                "M" if r["gender"].strip() == "men" else "W",
                                f"{r['athlete_first_name'].strip()} {r['athlete_last_name'].strip()}".strip(),
                                r["country"].strip(), float(mark) if mark else None,
                                int(float(place)) if place.replace(".", "").isdigit() else None))
    return tuple(out)


# ---------------------------------------------------------------- records (nimarion, WA records pages)

TAF = {
    "100": "100m", "200": "200m", "400": "400m", "800": "800m", "1K0": "1000m", "1K5": "1500m", "MEI": "mile",
    "2K0": "2000m", "3K0": "3000m", "5K0": "5000m", "10K": "10000m", "60M": "60m", "60H": "60mH",
    "10H": "100mH", "11H": "110mH", "40H": "400mH", "3KH": "3000mSC", "HOC": "HJ", "STA": "PV", "WEI": "LJ",
    "DRE": "TJ", "KUG": "SP", "DIS": "DT", "HAM": "HT", "SPE": "JT",
}


@dataclass(frozen=True)
class Record:
    scope_key: str      # nation code (national) or area id (area)
    event: str
    sex: str
    mark: str
    value: float
    venue: str
    indoor: bool
    date: str
    name: str
    nat: str


def _taf(path: Path) -> list[Record]:
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter=";"):
            event = TAF.get(r["Discipline"])
            if event is None or r["Sex"] not in ("Male", "Female"):
                continue
            value = seconds(r["Result"]) if event not in FIELD else float(r["Result"])
            name = f"{r['Firstname'].strip()} {r['Lastname'].strip()}".strip()
            out.append(Record(r["Type"], event, "M" if r["Sex"] == "Male" else "W", canonical(event, r["Result"]),
                              value, r["Venue"], r["Environment"] == "Indoor", r["Date"][:10], name, r["Nation"]))
    return out


@cache
def national_records() -> tuple[Record, ...]:
    return tuple(_taf(SHARED / "nimarion-records" / "national.csv"))


@cache
def area_records() -> tuple[Record, ...]:
    return tuple(_taf(SHARED / "nimarion-records" / "area.csv"))


WA_DISCIPLINES = {
    "100 Metres": "100m", "200 Metres": "200m", "400 Metres": "400m", "800 Metres": "800m", "1000 Metres": "1000m",
    "1500 Metres": "1500m", "One Mile": "mile", "Mile": "mile", "3000 Metres": "3000m", "5000 Metres": "5000m",
    "10,000 Metres": "10000m", "100 Metres Hurdles": "100mH", "110 Metres Hurdles": "110mH",
    "400 Metres Hurdles": "400mH", "3000 Metres Steeplechase": "3000mSC", "High Jump": "HJ", "Pole Vault": "PV",
    "Long Jump": "LJ", "Triple Jump": "TJ", "Shot Put": "SP", "Discus Throw": "DT", "Hammer Throw": "HT",
    "Javelin Throw": "JT", "Decathlon": "DEC", "Heptathlon": "HEP", "Marathon": "MAR", "Half Marathon": "HM",
}


@cache
def short_track_events() -> frozenset[str]:
    """Events with a short-track (indoor) world record on the WA list, plus the indoor-only sprints."""
    out = {"60m", "60mH"}
    for prefix in ("men", "women"):
        path = SHARED / "wa-records-2024" / f"{prefix}_world_records.csv"
        with path.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                name = r["DISCIPLINE"].strip()
                if name.endswith(" Short Track") and name.removesuffix(" Short Track") in WA_DISCIPLINES:
                    out.add(WA_DISCIPLINES[name.removesuffix(" Short Track")])
    return frozenset(out)


@cache
def wa_records(kind: str) -> tuple[Record, ...]:
    """A WA records page (kind: 'world', 'olympic_games', 'european', ...) for both sexes, August 2024."""
    out = []
    for sex, prefix in (("M", "men"), ("W", "women")):
        path = SHARED / "wa-records-2024" / f"{prefix}_{kind}_records.csv"
        with path.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                event = WA_DISCIPLINES.get(r["DISCIPLINE"].strip())
                if event is None:
                    continue
                perf = r["PERF"].strip()
                value = seconds(perf) if event not in FIELD | COMBINED else float(perf)
                out.append(Record(kind, event, sex, canonical(event, perf), value, r["VENUE"].strip(),
                                  False, iso(r["DATE"]), display(r["COMPETITOR"].strip()), r["COUNTRY"].strip()))
    return tuple(out)


# ---------------------------------------------------------------- world record progressions

@dataclass(frozen=True)
class ProgressionRow:
    source: str
    event: str
    sex: str
    value: float
    name: str
    date: str


_PROG_EVENTS = {"100": "100m", "200": "200m", "400": "400m", "800": "800m", "1000": "1000m", "1500": "1500m",
                "5000": "5000m", "10000": "10000m", "One Mile": "mile", "Two Mile": "2miles", "Marathon": "MAR",
                "marathon": "MAR", "Half Marathon": "HM"}


@cache
def progressions() -> tuple[ProgressionRow, ...]:
    out = []
    folder = SHARED / "wr-progressions"
    with (folder / "dungates_running_records_over_time.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            dist = r["Distance"].replace(" Meters", "").replace(" Meter", "").strip()
            event = _PROG_EVENTS.get(dist)
            if event and r["Time"].strip():
                out.append(ProgressionRow("dungates", event, "M", float(r["Time"]), r["Athlete"].strip(),
                                          r["Date"][:10]))
    with (folder / "tsoleary_desc_records_to2020.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            event = _PROG_EVENTS.get(r["event"].strip())
            if event and r["time_s"].strip() not in ("", "NA"):
                out.append(ProgressionRow("tsoleary", event, "M" if r["sex"] == "m" else "W", float(r["time_s"]),
                                          r["Athlete"].strip(), r["Date"][:10]))
    text = (folder / "hindustantimes_wr_progression_to2016.csv").read_bytes().decode("latin-1").replace("\r", "\n")
    for r in csv.DictReader(text.splitlines()):
        event = {"100 m": "100m", "200 m": "200m", "400 m": "400m", "800 m": "800m", "1500 m": "1500m",
                 "5000 m": "5000m", "10000 m": "10000m", "10,000 m": "10000m", "Marathon": "MAR",
                 "100 m hurdles": "100mH", "110 m hurdles": "110mH", "400 m hurdles": "400mH",
                 "3000 m steeplechase": "3000mSC"}.get(r["event"].strip())
        if event is None:
            continue
        try:
            value = float(r["hours"]) * 3600 + float(r["min"]) * 60 + float(r["sec"]) + float(r["shundreds"]) / 100
            date = f"{int(r['year']):04d}-{int(r['month']):02d}-{int(r['day']):02d}"
        except ValueError:
            continue
        out.append(ProgressionRow("hindustantimes", event, "M" if r["gender"].strip() == "Men" else "W", value,
                                  r["name"].strip().replace("_", ""), date))
    return tuple(out)
