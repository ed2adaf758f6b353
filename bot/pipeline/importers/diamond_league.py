"""Diamond League meeting results 2010 - June 2023 (hpr/diamond-league-results).

Folder layout: data/<year>_<meetingId>.json, each {category: [{title, detail, data: [row...]}]}.
This module also holds the small helpers the other result importers share (event names, marks, names).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import TypedDict

from bot.common import events as ev
from bot.common import marks
from bot.common.names import split_display
from bot.pipeline.importers.model import (
    AthleteRef,
    ImportBatch,
    MeetHint,
    Performance,
    Rejected,
    Source,
    SourceFileError,
    guarded,
)

# ---------------------------------------------------------------------------------------------------------------
# Shared helpers (rio2016, wc_finals and olympic_medals use these too)
# ---------------------------------------------------------------------------------------------------------------

# Discipline names as our sources write them, lower-cased with spaces, commas and a trailing "relay" removed.
_EVENT_KEYS = {
    "60m": "60m", "100m": "100m", "200m": "200m", "300m": "300m", "400m": "400m", "600m": "600m", "800m": "800m",
    "1000m": "1000m", "1500m": "1500m", "2000m": "2000m", "3000m": "3000m", "5000m": "5000m", "10000m": "10000m",
    "mile": "mile", "1mile": "mile", "2miles": "2miles",
    "100mh": "100mH", "100mhurdles": "100mH", "110mh": "110mH", "110mhurdles": "110mH", "300mh": "300mH",
    "400mh": "400mH", "400mhurdles": "400mH",
    "3000msc": "3000mSC", "3000msteeple": "3000mSC", "3000msteeplechase": "3000mSC",
    "highjump": "HJ", "polevault": "PV", "longjump": "LJ", "triplejump": "TJ", "shot": "SP", "shotput": "SP",
    "discus": "DT", "discusthrow": "DT", "hammer": "HT", "hammerthrow": "HT", "javelin": "JT", "javelinthrow": "JT",
    "decathlon": "DEC", "heptathlon": "HEP",
    "marathon": "MAR", "5kmroadrace": "road5k",
    "3000mwalk": "3000mW", "3000mracewalk": "3000mW", "5000mracewalk": "5000mW", "10000mwalk": "10000mW",
    "20kmwalk": "20kmW", "20kmracewalk": "20kmW", "50kmwalk": "50kmW", "50kmracewalk": "50kmW",
    "4x100m": "4x100", "4x200m": "4x200", "4x400m": "4x400",
    # the Olympic medallist list's discontinued events
    "80mhurdles": "80mH", "200mhurdles": "200mH", "2500msteeplechase": "2500mSC", "2590msteeplechase": "2590mSC",
    "3200msteeplechase": "3200mSC", "4000msteeplechase": "4000mSC", "5miles(8047m)": "5miles",
    "3000mteam": "3000mteam", "3milesteam(4828m)": "3milesteam", "4milesteam": "4milesteam",
    "5000mteam": "5000mteam", "crosscountryindividual": "XC", "crosscountryteam": "XCteam",
    "3500mwalk": "3500mW", "10mileswalk(16093m)": "10milesW", "highjumpstanding": "SHJ",
    "longjumpstanding": "SLJ", "triplejumpstanding": "STJ", "56lbweightthrow(25.4kg)": "56lbWT",
    "shotputbothhands": "SP2H", "discusthrowbothhands": "DT2H", "javelinthrowbothhands": "JT2H",
    "discusthrowancientstyle": "DTgreek", "javelinthrowfreestyle": "JTfree", "pentathlon": "OGPEN",
    "triathlon(longjump/shotput/100yards)": "TRI", "200m+200m+400m+800mmedley": "medley",
    "marathonracewalk": "MARWRX",
}


def event_and_sex(text: str) -> tuple[str | None, str | None]:
    """"Men's 100mH", "100 m hurdles Women", "4X100M Relay Men" -> (event code or None, "M"/"W"/"X" or None)."""
    t = " ".join(text.replace("\xa0", " ").split()).lower()
    sex = None
    for prefix, s in (("women's ", "W"), ("men's ", "M"), ("mixed ", "X")):
        if t.startswith(prefix):
            sex, t = s, t[len(prefix):]
            break
    else:
        for suffix, s in ((" women", "W"), (" men", "M"), (" mixed", "X")):
            if t.endswith(suffix):
                sex, t = s, t[: -len(suffix)]
                break
    key = re.sub(r"[\s,]", "", t).removesuffix("relay")
    return _EVENT_KEYS.get(key), sex


_STATUS_TEXTS = frozenset(marks.STATUSES.values())


def is_status(mark: str | None) -> bool:
    """True for the canonical no-mark statuses (DNF, DNS, DQ, NM)."""
    return mark in _STATUS_TEXTS


def checked_mark(text: str, event: str) -> tuple[str | None, str | None]:
    """(mark to store, None) or (None, why it cannot be read). Statuses become canonical ("NH" -> "NM")."""
    try:
        m = marks.parse_mark(text, event)
    except marks.MarkError as e:
        return None, f"mark {text!r} does not parse for {event}: {e}"
    return (text.strip() if m.ok else m.status), None


_PARTICLES = {"de", "da", "das", "do", "dos", "van", "von", "der", "den", "le", "la", "di", "du", "ter", "ten", "el"}
_MC_CAPS = re.compile(r"^Ma?c[A-Z][A-Z'\-]+$")  # "McEWEN", "McLAUGHLIN-LEVRONE": a capitals family name


def _upper_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def split_name(text: str) -> tuple[str, str]:
    """names.split_display, also for "McEWEN Shelby" and "dos SANTOS Alison" (the 2024 medallist style)."""
    words = text.split()
    probe = [w.upper() if _MC_CAPS.match(w) or (w in _PARTICLES and i + 1 < len(words) and _upper_word(words[i + 1]))
             else w for i, w in enumerate(words)]
    given, family = split_display(" ".join(probe))
    # split_display returns two contiguous runs of words; map them back to the original spelling.
    n = len(family.split())
    if n and probe[:n] == family.split():
        return " ".join(words[n:]), " ".join(words[:n])
    return " ".join(words[: len(words) - n]), " ".join(words[len(words) - n:])


# ---------------------------------------------------------------------------------------------------------------
# Diamond League
# ---------------------------------------------------------------------------------------------------------------

SOURCE = Source(
    id="diamond-league-2010-2023",
    name="Diamond League results archive 2010 - June 2023",
    origin="github.com/hpr/diamond-league-results @ 42483aaaa1afb89bb35e8fe10138bfa17cdf0b71 (data/, "
           "scraped from dl.all-athletics.com)",
    licence="none stated for the data (package.json ISC covers the code); facts for reference",
    authority=80,
    notes="All finishers with WA athlete ids. Empty files are meetings with no results (COVID, gaps). "
          "birthYear 1900 is treated as unknown; 1901-1909 are 2001-2009 births written with the wrong century "
          "(checked against wa-toplists dobs) and are corrected. doping='DOP' rows (annulled results) are imported "
          "as DQ with record flag DOP; NV (not valid), SC (short course) and MIX rows are rejected. "
          "Horizontal-jump marks carry no wind: an unplaced second row for a placed jumper is their best legal "
          "mark, so their placing mark is wind-aided and is stored with a 'w'; other jump marks may still be "
          "aided. No venue: Pre Classic 2019 was at Stanford, and the 2020 Inspiration Games were run at several "
          "venues at once (rejected).",
)

DL_MEETING_SERIES = {
    2: "DL-ZURICH", 18: "DL-OSLO", 19: "DL-ROME", 21: "DL-PARIS", 22: "DL-BRUSSELS", 24: "DL-LONDON",
    25: "DL-EUGENE", 27: "DL-STOCKHOLM", 33: "DL-DOHA", 34: "DL-SHANGHAI", 35: "DL-NEWYORK", 36: "DL-LAUSANNE",
    37: "DL-BIRMINGHAM", 38: "DL-MONACO", 617: "DL-RABAT",
}

# Senior races in the meeting programme.
SENIOR_CATEGORIES = {
    "Diamond Discipline", "Promotional Events", "National Events", "Regional Races", "Pre-Programme",
    "Invitational Events", "EU Cup", "Asian Race", "Kenyan Olympic Trials",
}
# Everything else is rejected race by race, with this reason.
SKIPPED_CATEGORIES = {
    "Split times": "intermediate split times inside another race, not a result",
    "Combined Events": "sub-event of a combined event",
    "Mixed Races": "mixed men's and women's race",
    "High School Events": "youth race (high school)",
    "Young Diamonds Challenge": "youth race (Young Diamonds Challenge)",
    "U14 Events": "age-group race (U14)", "U16 Events": "age-group race (U16)", "U17 Events": "age-group race (U17)",
    "U18 Events": "age-group race (U18)", "U20 Events": "age-group race (U20)", "U23 Events": "age-group race (U23)",
}
ROW_FLAG_REJECTS = {
    "NV": "flagged NV by the source: the mark is not valid",
    "SC": "flagged SC by the source: short course, not run over the full distance",
    "MIX": "flagged MIX by the source: ran in a mixed men's and women's race",
}
NOT_NATIONS = {"ANA", "INT", "UND"}  # neutral athletes and mixed / all-star relay teams

_TITLE = re.compile(r"^(?P<name>.+) - (?P<d>\d\d)\.(?P<m>\d\d)\.(?P<y>\d{4})$")
_DETAIL = re.compile(r"^(?P<round>Final|Heat|Semifinal|Combined)(?:\s(?P<n>\d+))?"
                     r"(?:, wind: (?P<wind>[+-]?\d+(?:\.\d+)?))?$")
_ROUNDS = {"Final": "F", "Heat": "H", "Semifinal": "SF"}
_FILE = re.compile(r"^(\d{4})_(\d+)\.json$")


def _birth_year(value, ref: str, rejected: list[Rejected]) -> int | None:
    if not isinstance(value, int) or value == 1900:  # missing, or the archive's "unknown"
        return None
    if 1900 < value < 1910:  # 2000s births written as 19xx
        rejected.append(Rejected(SOURCE.id, ref, f"birthYear {value} read as {value + 100}", corrected=True))
        return value + 100
    return value


@guarded
def load(path: Path) -> ImportBatch:
    path = Path(path)
    batch = ImportBatch(SOURCE)
    file = path / "meetingIds.json"     # named `file` so a corrupted one is reported by name (model.guarded)
    meeting_names = {int(k): v for k, v in json.loads(file.read_text("utf-8")).items()}
    for file in sorted((path / "data").glob("*.json"), key=lambda p: p.name):
        m = _FILE.match(file.name)
        if not m:
            raise SourceFileError(f"{file}: expected <year>_<meetingId>.json")
        year, meeting = int(m.group(1)), int(m.group(2))
        if meeting not in DL_MEETING_SERIES:
            raise SourceFileError(f"{file}: unknown Diamond League meeting id {meeting}")
        meet = MeetHint(DL_MEETING_SERIES[meeting], year, meeting_names.get(meeting))
        for category, races in json.loads(file.read_text("utf-8")).items():
            for ri, race in enumerate(races):
                _load_race(batch, f"data/{file.name}:{category}/{ri}", category, race, meet)
    return batch


class _RaceFields(TypedDict):
    """The Performance fields every result of one race shares."""
    event: str
    sex: str
    date: str
    indoor: bool
    wind: float | None
    round: str | None
    heat: int | None
    race_label: str | None
    meet: MeetHint


def _load_race(batch: ImportBatch, ref: str, category: str, race: dict, meet: MeetHint) -> None:
    rows = race.get("data") or []
    common = _race_fields(category, race, rows, meet)
    if isinstance(common, str):  # the whole race is rejected, for this reason
        batch.rejected.append(Rejected(SOURCE.id, ref, f"{race.get('title')!r}: {common} ({len(rows)} results)"))
        return
    event, sex = common["event"], common["sex"]
    relay = ev.get(event).kind == ev.RELAY
    place_marks = defaultdict(set)
    for x in rows:
        place_marks[x.get("place")].add(x.get("mark"))
    legal_rows = _legal_jump_rows(event, rows)
    aided = {p: i for i, p in legal_rows.items()}
    for i, x in enumerate(rows):
        row_ref = f"{ref}/{i}"
        placing = _row_placing(batch, row_ref, i, x, event, legal_rows, aided, place_marks)
        if placing is None:
            continue
        mark, place, position, flags = placing
        batch.performances.append(Performance(
            source=SOURCE.id, ref=row_ref, athlete=_row_athlete(batch, row_ref, x, sex, relay), mark=mark,
            place=place, position=position, record_flags=flags, race_ref=ref, **common))


def _race_fields(category: str, race: dict, rows: list[dict], meet: MeetHint) -> _RaceFields | str:
    """The fields every result of the race shares, or why the whole race is rejected."""
    if category not in SENIOR_CATEGORIES:
        return SKIPPED_CATEGORIES.get(category, f"unknown category {category!r}")
    t = _TITLE.match(race.get("title", ""))
    if not t:
        return "title has no 'name - dd.mm.yyyy'"
    name, indoor = t["name"], False
    if name.endswith(" indoor"):  # Zürich's shot put in the railway station, some pole vaults
        name, indoor = name[: -len(" indoor")], True
    event, sex = event_and_sex(name)
    if event is None or sex not in ("M", "W"):
        return f"no event code for {name!r}"
    d = _DETAIL.match(race.get("detail", "").replace("\xa0", " "))
    if not d:
        return f"unknown detail {race.get('detail')!r}"
    if d["round"] == "Combined":
        return "sub-event of a combined event"
    if len({x.get("mark") for x in rows if x.get("place") == "1."}) > 1:
        return "several athletes placed 1st with different marks: a virtual race run at several venues"

    heat = int(d["n"]) if d["n"] else None
    round_ = _ROUNDS[d["round"]]
    return _RaceFields(
        event=event, sex=sex, date=f"{t['y']}-{t['m']}-{t['d']}", indoor=indoor,
        wind=marks.parse_wind(d["wind"]), round=round_, heat=heat,
        race_label=f"Final {heat}" if round_ == "F" and heat else None, meet=meet,
    )


def _who(x: dict) -> str | None:
    return x.get("id") or x.get("athlete")


def _legal_jump_rows(event: str, rows: list[dict]) -> dict[int, int]:
    """Horizontal jumps: an unplaced extra row for a placed athlete is their best legal mark, listed because
    the placing mark was wind-aided (none of these placing marks is on WA's legal toplists; checked).
    Row index -> the row index of the athlete's placing mark."""
    placed = {_who(x): i for i, x in enumerate(rows) if re.fullmatch(r"\d+\.", x.get("place") or "")}
    legal_rows = {}
    if event in ("LJ", "TJ"):
        legal_rows = {i: placed[_who(x)] for i, x in enumerate(rows)
                      if not (x.get("place") or "").strip() and _who(x) in placed
                      and re.fullmatch(r"[\d.]+", x.get("mark") or "")}
    return legal_rows


# A row's (mark, place, position, record flags).
_Placing = tuple[str, int | None, str | None, tuple[str, ...]]


def _row_placing(batch: ImportBatch, ref: str, i: int, x: dict, event: str, legal_rows: dict[int, int],
                 aided: dict[int, int], place_marks: dict) -> _Placing | None:
    """(mark, place, position, record flags) of row i, or None when the row is rejected (logged)."""

    def skip(reason: str, corrected: bool = False) -> None:
        batch.rejected.append(Rejected(SOURCE.id, ref, reason, corrected))

    flag = x.get("doping") or ""
    raw_place, raw_mark = (x.get("place") or "").strip(), (x.get("mark") or "").strip()
    if flag and flag != "DOP":
        skip(ROW_FLAG_REJECTS.get(flag, f"unknown flag {flag!r}"))
        return None
    if i in legal_rows:
        skip(f"best legal mark {raw_mark} of an athlete placed at row {legal_rows[i]} "
             "(one result per athlete per race; the placing mark is stored as wind-aided)")
        return None
    place = int(raw_place[:-1]) if re.fullmatch(r"\d+\.", raw_place) else None
    position = raw_place.rstrip(".") or None
    flags: tuple[str, ...] = ()
    mark: str | None
    if flag == "DOP":  # annulled for doping: the archive keeps the athlete, without a mark
        mark, place, position, flags = "DQ", None, None, ("DOP",)
    else:
        mark, err = checked_mark(raw_mark, event) if raw_mark else (None, "empty mark")
        if err:
            skip(err)
            return None
        assert mark is not None, "checked_mark gives a mark or an error"
        if is_status(mark):
            place = None
        elif not raw_place:
            skip(f"mark {raw_mark} without a place: not ranked in this competition (e.g. competing remotely)")
            return None
        elif i in aided:
            mark += "w"
            skip(f"placing mark {raw_mark} stored as {mark}: row {aided[i]} lists this athlete's best legal "
                 "mark separately", corrected=True)
        if place is not None and len(place_marks[x.get("place")]) > 1:
            skip(f"place {place} shared by different marks: place dropped", corrected=True)
            place = None
    return mark, place, position, flags


def _row_athlete(batch: ImportBatch, ref: str, x: dict, sex: str, relay: bool) -> AthleteRef:
    nat = x.get("nat") or None
    nat = None if nat in NOT_NATIONS else nat
    if relay:
        return AthleteRef("", x.get("athlete", ""), sex, nat, is_team=True)
    given, family = split_name(x.get("athlete", ""))
    return AthleteRef(given, family, sex, nat,
                      birth_year=_birth_year(x.get("birthYear"), ref, batch.rejected),
                      source_athlete_id=str(x["id"]) if x.get("id") else None)
