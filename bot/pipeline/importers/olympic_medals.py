"""Olympic athletics medallists: names only (1896-2024) and with winning marks (1896-2016).

load_medallists(path): all_olympic_medalists.csv (sainsdataid/olympics-medalist-dataset), all sports.
load_medals_with_marks(path): results.csv (dungates/Athletics, the Kaggle "Olympic Track & Field Results").
Both give finals only (round "F") with the year but no date.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from bot.common import events as ev
from bot.common import marks
from bot.pipeline.importers.diamond_league import checked_mark, event_and_sex, split_name
from bot.pipeline.importers.model import (
    AthleteRef,
    ImportBatch,
    MeetHint,
    Performance,
    Rejected,
    RelayMember,
    Source,
    SourceFileError,
    guarded,
)
from bot.pipeline.importers.mojibake import KNOWN_NAMES, repair_mojibake

MEDALLISTS = Source(
    id="olympic-medallists-1896-2024",
    name="Olympic medallists 1896-2024 (OlympAnalyt)",
    origin="github.com/sainsdataid/olympics-medalist-dataset @ d598b149fb0d238389023f546764d06db21bc5ee "
           "(all_olympic_medalists.csv)",
    licence="none stated; README: educational and research purposes only",
    authority=60,
    notes="Medals only, no marks; other sports are skipped. Tokyo 2020 is missing entirely. Names mix "
          "'Mo FARAH' and 'HOCKER Cole' styles; married and double surnames are truncated ('BELL Georgia'). "
          "1996, 2000 and 2004 names are in Russian Cyrillic (rejected). Relays are imported as the nation's team, "
          "with the runners the row names as its members (matched to athletes of the other sources by name, "
          "nation and sex; a runner no other source has is kept by name only). Team races (cross-country and "
          "3000 m team...) are imported like relays. Discontinued events (standing jumps, 80 m hurdles, the "
          "Olympic pentathlon...) have event codes of their own (bot/common/events.py DISCONTINUED).",
)
MARKS = Source(
    id="olympic-medallists-marks-1896-2016",
    name="Olympic track & field medallists with marks 1896-2016 (Kaggle, jayrav13)",
    origin="github.com/dungates/Athletics @ b97bd29f1e5e3750e3e9c75ae3d444cb30245932 (Data/results.csv)",
    licence="none stated",
    authority=50,
    notes="Medallists with the final's mark. Later doping reallocations are not applied. Known error corrected: "
          "Rio 2016 men's 10,000 m gold Farah USA 25:05.17 -> GBR 27:05.17. 12 rows carry a 9th field, the wind. "
          "99 names are UTF-8 read as Latin-1 (some twice) and are repaired; the few with a lost letter are "
          "corrected from mojibake.KNOWN_NAMES. Seoul 1988 has only walks, marathons and combined events. Early "
          "marathons were not all 42,195 m; pre-1985 combined-event scores use older tables, and decimal scores "
          "(1912-1932 tables) are rejected. Times to the tenth are hand times up to 1968, electronic from 1972. "
          "'Jackie JOYNER' is Joyner-Kersee (truncated).",
)

_MEDALS = {"gold": 1, "silver": 2, "bronze": 3, "g": 1, "s": 2, "b": 3}
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_NO_CODE: dict[str, str] = {}  # clearer reasons for unmapped events that look like ours (none at present)


def _event(gender: str, name: str) -> tuple[str | None, str | None, str]:
    code, sex = event_and_sex(f"{gender} {name}")
    why = _NO_CODE.get(name.strip().lower(), f"no event code for {gender} {name}")
    return code, sex, why


def _athlete(batch: ImportBatch, ref: str, name: str, sex: str, nat: str) -> tuple[AthleteRef | None, str]:
    """(athlete, "") with a mis-decoded name repaired (and logged), or (None, why the name cannot be used)."""
    fixed, repaired = (KNOWN_NAMES[name], True) if name in KNOWN_NAMES else repair_mojibake(name)
    if not fixed or fixed == "null":
        return None, f"name {name!r} is {'garbled (double encoding with lost bytes)' if repaired else 'missing'}"
    if repaired:
        how = "a lost letter restored (mojibake.KNOWN_NAMES)" if name in KNOWN_NAMES else "mojibake undone"
        batch.rejected.append(Rejected(batch.source.id, ref, f"name {name!r} repaired to {fixed!r}: {how}",
                                       corrected=True))
    given, family = split_name(fixed)
    return AthleteRef(given, family, sex, nat or None), ""


def _read(file: Path) -> list[tuple[int, list[str]]]:
    with open(file, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        return [(reader.line_num, row) for row in reader]


# ---------------------------------------------------------------------------------------------------------------

@guarded
def load_medallists(path: Path) -> ImportBatch:
    path = Path(path)
    file = path / "all_olympic_medalists.csv" if path.is_dir() else path
    batch = ImportBatch(MEDALLISTS)
    rows = _read(file)
    header = rows[0][1] if rows else []
    need = ["year", "medal", "country_code", "country", "athletes", "games", "sport", "event_gender", "event_name"]
    if any(c not in header for c in need):
        raise SourceFileError(f"{file}:1: expected columns {need}, got {header}")
    for line, values in rows[1:]:
        r = dict(zip(header, values, strict=False))  # a short or long CSV row: the columns it has
        if r["sport"] != "Athletics":
            continue  # other sports are out of scope, not rejected rows
        ref = f"{file.name}:{line}"
        event, sex, why = _event(r["event_gender"], r["event_name"])
        place = _MEDALS.get(r["medal"].lower())
        names = r["athletes"].strip()
        if event is None or sex is None:
            batch.rejected.append(Rejected(MEDALLISTS.id, ref, why))
            continue
        if place is None:
            batch.rejected.append(Rejected(MEDALLISTS.id, ref, f"unknown medal {r['medal']!r}"))
            continue
        athlete: AthleteRef | None
        if ev.is_team(event):   # a relay or a team race: the nation's team, its runners as members
            athlete = AthleteRef("", r["country"], sex, r["country_code"] or None, is_team=True)
            _members(batch, ref, names, sex, r["country_code"], int(r["year"]), event, place)
        elif "," in names or _CYRILLIC.search(names):
            why = "is in Cyrillic (a Russian transliteration)" if _CYRILLIC.search(names) else "is not one athlete"
            batch.rejected.append(Rejected(MEDALLISTS.id, ref, f"name {names!r} {why}, cannot be matched"))
            continue
        else:
            athlete, why = _athlete(batch, ref, names, sex, r["country_code"])
            if athlete is None:
                batch.rejected.append(Rejected(MEDALLISTS.id, ref, why))
                continue
        batch.performances.append(Performance(
            source=MEDALLISTS.id, ref=ref, event=event, sex=sex, athlete=athlete, mark=None, date=None,
            place=place, position=str(place), round="F", meet=MeetHint("OG", int(r["year"]), r["games"])))
    return batch


def _members(batch: ImportBatch, ref: str, written: str, sex: str, nation: str, year: int, event: str,
             place: int) -> None:
    """The runners of a relay team, where the row names them ("Carl LEWIS, Leroy BURRELL, ..."): kept so an
    athlete's relay medals count as theirs. A row with only the nation's name has none; a mixed relay's
    runners are of either sex, so their sex is not known from the row."""
    if not nation or "," not in written:
        return
    if _CYRILLIC.search(written):
        batch.rejected.append(Rejected(MEDALLISTS.id, ref, f"relay team members {written!r} are in Cyrillic (a "
                                                           f"Russian transliteration): the team is kept, not its members"))
        return
    for k, one in enumerate(n.strip() for n in written.split(",")):
        if not one:
            continue
        member, why = _athlete(batch, f"{ref}/{k}", one, sex, nation)
        if member is None:
            batch.rejected.append(Rejected(MEDALLISTS.id, f"{ref}/{k}", f"relay team member: {why}"))
            continue
        batch.relay_members.append(RelayMember(MEDALLISTS.id, f"{ref}/{k}", "OG", year, event, sex, nation, place,
                                               member))


# ---------------------------------------------------------------------------------------------------------------

# Documented errors (SOURCES.md): (Event..Result as written) -> corrected (Nationality, Result).
# Applied only while the row still holds the wrong values, so a fixed upstream file is left alone.
CORRECTIONS: dict[tuple[str, ...], tuple[str, str]] = {
    ("10000M Men", "Rio", "2016", "G", "Mohamed FARAH", "USA", "25:05.17"): ("GBR", "27:05.17"),
}
# The first Games timed automatically, to the hundredth. The file gives 1896-1968 times to the tenth, the hand
# times of the day (the WR progression file marks Hemery's 48.1 and the USA's 38.2 relay of 1968 'Hand timing',
# Akii-Bua's 47.82 of 1972 'Automatic timing'). From 1972 a time to the tenth is the file's lost trailing zero or
# its rounding (Watts 43.5 is the toplists' 43.50; Coe 1:45.9 of 1980 is their 1:45.85): kept as written, to
# the tenth, and electronic, never a hand time.
AUTOMATIC_TIMING_GAMES = 1972
# The file writes the early Games' steeplechases as '3000M Steeplechase'; the medallist list names their real
# distances, with the same medallists (Orton 1900: 2500 m; Lightbody 1904: 2590 m). The 3000 m came in 1920.
EARLY_STEEPLECHASES = {"1900": "2500mSC", "1904": "2590mSC", "1908": "3200mSC"}
_CLOCK = re.compile(r"^0?(\d{1,2})[h-](\d\d:\d\d(?:\.\d+)?)$")  # "1h19:01", "01h18:59", "2-59:45.0"


def _result(raw: str) -> tuple[str | None, str | None]:
    """('mark as stored' or None, None) or (None, reason): 'None' -> no mark, '7044 P.' -> '7044'."""
    text = raw.strip()
    if text in ("", "None"):
        return None, None
    if text.endswith("est"):
        return None, f"result {raw!r} is an estimate"
    if text.endswith("P."):
        text = text[:-2].strip()
        if "." in text and not text.endswith(".0"):
            return None, f"score {raw!r} has decimals: a 1912-1932 scoring table, not comparable"
    m = _CLOCK.match(text)
    return (f"{m[1]}:{m[2]}" if m else text), None


@guarded
def load_medals_with_marks(path: Path) -> ImportBatch:
    path = Path(path)
    file = path / "results.csv" if path.is_dir() else path
    batch = ImportBatch(MARKS)
    rows = _read(file)
    header = ["Gender", "Event", "Location", "Year", "Medal", "Name", "Nationality", "Result"]
    if not rows or rows[0][1] != header:
        raise SourceFileError(f"{file}:1: expected header {header}")
    seen: dict[tuple[str, ...], int] = {}
    for line, values in rows[1:]:
        ref = f"{file.name}:{line}"
        row = _marks_row(batch, ref, line, values, seen)
        if isinstance(row, str):
            batch.rejected.append(Rejected(MARKS.id, ref, row))
        else:
            batch.performances.append(row)
    return batch


def _marks_row(batch: ImportBatch, ref: str, line: int, values: list[str],
               seen: dict[tuple[str, ...], int]) -> Performance | str:
    """One results.csv row as a Performance, or the reason it is rejected. Corrections are logged here."""
    if len(values) not in (8, 9):  # 9: the wind, appended to 12 sprint and hurdles rows
        return f"{len(values)} fields, expected 8 (or 9 with the wind)"
    key = tuple(values[:8])
    if key in seen:
        return f"duplicate of line {seen[key]}"
    seen[key] = line
    gender, event_name, location, year, medal, name, nat, result = key
    fix = CORRECTIONS.get(key[1:])
    if fix:
        batch.rejected.append(Rejected(MARKS.id, ref, f"known error (SOURCES.md): {name} {nat} {result} corrected "
                                                      f"to {fix[0]} {fix[1]}", corrected=True))
        nat, result = fix
    event, sex, why = _event("", event_name)
    if event is None or sex is None:
        return why
    if event == "3000mSC" and year in EARLY_STEEPLECHASES:
        event = EARLY_STEEPLECHASES[year]
        batch.rejected.append(Rejected(MARKS.id, ref, f"'3000M Steeplechase' of {year} filed as the {event} the "
                                                      f"medallist list names that year", corrected=True))
    if sex != gender:
        return f"Gender {gender!r} does not match event {event_name!r}"
    place = _MEDALS.get(medal.lower())
    if place is None:
        return f"unknown medal {medal!r}"
    mark, bad = _result(result)
    if mark is not None:
        mark, bad = checked_mark(mark, event)
    if bad:
        return bad
    try:
        wind = marks.parse_wind(values[8]) if len(values) == 9 else None
    except marks.MarkError as e:
        return str(e)
    athlete: AthleteRef | None
    if ev.get(event).kind == ev.RELAY:
        athlete = AthleteRef("", nat, sex, nat or None, is_team=True)  # Name is 'null' for relays
    else:
        athlete, why = _athlete(batch, ref, name, sex, nat)
        if athlete is None:
            return why
    return Performance(
        source=MARKS.id, ref=ref, event=event, sex=sex, athlete=athlete, mark=mark, date=None, wind=wind,
        place=place, position=str(place), round="F", meet=MeetHint("OG", int(year), location),
        hand=None if int(year) < AUTOMATIC_TIMING_GAMES else False)
