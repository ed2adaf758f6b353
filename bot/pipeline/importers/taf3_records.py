"""nimarion-records: national, area, world and world U20 records in the TAF3 CSV format (';'-separated).

Columns: Code;Type;Discipline;Class;Result;Wind;Venue;Venue Country;Environment;Date;Firstname;Lastname;
Nation;YOB;Sex[;WorldathleticsId]. Known defects, each handled below and logged (SOURCES.md and found here):
- relay names are copied from another row ('United States' for the URS and RUS relays in world.csv,
  'Côte D’Ivoire' for NGR and KEN in area.csv): a relay is always the Nation column's team;
- national.csv drops the trailing zero of sub-minute sprint, hurdles and 4x100 times ('37.1' is 37.10)
  as well as of field marks ('6.3': the mark parser restores those);
- duplicate rows: exact copies (area.csv) and one record written twice under two spellings of the same
  athlete (national.csv); shared records (two athletes, same mark) are kept;
- 'MIX' and 'FOR' in national.csv are not nations; a few national records have an illegal wind;
- area.csv, the 2024 world files and world-u20.csv are stale: current=None lets the builder decide.
- a field-event record set indoors is the record in the world, area and U20 lists (they hold one record per
  field event: Rojas's TJ 15.74 in Beograd, Suhr's PV 5.03 in Brockport, as on WA's own pages, which list no
  'Short Track' field event): there it is read as indoor=False, like wa_records does. national.csv keeps
  separate outdoor and indoor national records, so its Environment is kept.
mapping_areas.csv (nation -> AreaId) is not read: it fixes AREA_IDS below, but it puts some nations in the
wrong area (TTO in 4 = Africa, KGZ in 6 = Oceania), so the builder places nations in areas only from the
nationalities on the area lists themselves.
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from bot.common import events, marks, names
from bot.pipeline.importers.dates import parse_date
from bot.pipeline.importers.model import AthleteRef, ImportBatch, RecordRow, Rejected, Source, SourceFileError, guarded
from bot.pipeline.importers.records_common import (
    COUNTRIES,
    check_mark,
    country_code,
    country_prefix,
    flag_best,
    ref,
    team,
)

_ORIGIN = "github.com/nimarion/records @ 01c4e67a770950064326c0d0f5270e1a899a521c (records/{})"
_LICENCE = "none stated; national records from Tilastopaja, the others from World Athletics (facts for reference)"
SOURCES = {
    "national": Source("nimarion-national", "National records (nimarion/records, from Tilastopaja)",
                       _ORIGIN.format("national.csv"), _LICENCE, 85,
                       "Freshest record table (to 2026-05). Track and field only: no road or combined events."),
    "area": Source("nimarion-area", "Area records, women (nimarion/records, from WA)",
                   _ORIGIN.format("area.csv"), _LICENCE, 60, "Women only; stale after 2024-07-20."),
    "world": Source("nimarion-world-2024-06", "World records as of June 2024 (nimarion/records)",
                    "github.com/nimarion/records @ b49f5ee4ed369a5b0bef3d95ef9c3e42ee79c882 (records/world.csv)",
                    _LICENCE, 60, "Stale: men's PV 6.23, women's 5000 m 14:00.21."),
    "world_women": Source("nimarion-world-2024-07-women", "World records, women, July 2024 (nimarion/records HEAD)",
                          _ORIGIN.format("world.csv"), _LICENCE, 55,
                          "Same women's rows as the June 2024 file with worse relay names; adds nothing."),
    "world_u20": Source("nimarion-world-u20", "World U20 records, women (nimarion/records)",
                        _ORIGIN.format("world-u20.csv"), _LICENCE, 60, "Women only, up to 2023."),
}
FILES = {"national": "national.csv", "area": "area.csv", "world": "world_2024-06-26_both-sexes.csv",
         "world_women": "world_2024-07-20_women-only.csv", "world_u20": "world-u20.csv"}

# TAF discipline code -> our event code. mapping_disciplines.csv's `taf` column lists the same codes (a test
# checks it); walks carry a G suffix and relays a multiplication sign ('4×4').
TAF_EVENTS = {
    "50M": "50m", "60M": "60m", "100": "100m", "200": "200m", "300": "300m", "400": "400m", "600": "600m",
    "800": "800m", "1K0": "1000m", "1K5": "1500m", "MEI": "mile", "2K0": "2000m", "3K0": "3000m",
    "5K0": "5000m", "10K": "10000m",
    "50H": "50mH", "60H": "60mH", "10H": "100mH", "11H": "110mH", "30H": "300mH", "40H": "400mH",
    "2KH": "2000mSC", "3KH": "3000mSC",
    "4×1": "4x100", "4×2": "4x200", "4×4": "4x400", "4×8": "4x800",
    "HOC": "HJ", "STA": "PV", "WEI": "LJ", "DRE": "TJ", "KUG": "SP", "DIS": "DT", "HAM": "HT", "SPE": "JT",
    "3G": "3000mW", "5G": "5000mW", "10G": "10000mW",
}
# area.csv's Type is mapping_areas.csv's AreaId. Worked out from the nations mapped to each id (1: URS, GER,
# FRA; 2: USA, CUB, JAM; 3: BRA, ARG, COL; 4: KEN, NGR, ETH; 5: CHN, JPN, IND; 6: AUS, NZL, FIJ); a test
# re-derives it from mapping_areas.csv by majority.
AREA_IDS = {"1": "EUR", "2": "NAC", "3": "SAM", "4": "AFR", "5": "ASI", "6": "OCE"}
# national.csv 'Type' values that are not a nation.
NOT_NATIONS = {"MIX": "'MIX' is a mixed-nations team, not a nation",
               "FOR": "'FOR' (foreign athletes' list) is not a nation"}
# Disciplines whose sub-minute times national.csv writes without a trailing zero (never '10.10', '37.10'):
# there a one-decimal time is read as hundredths. Before 1977 (automatic timing required for records)
# it is kept as a hand time, and logged either way.
HAND_TIMES_UNTIL = "1977"  # IAAF records needed automatic timing from 1977
TENTH_TIME = re.compile(r"[\d:]*\d\.\d")
LOST_ZERO = {"50M", "60M", "100", "200", "300", "50H", "60H", "10H", "11H", "30H", "4×1"}
_SEXES = {"Male": "M", "Female": "W", "Mixed": "X"}
_COLUMNS = ["Code", "Type", "Discipline", "Class", "Result", "Wind", "Venue", "Venue Country", "Environment",
            "Date", "Firstname", "Lastname", "Nation", "YOB", "Sex"]


def load_national(path: Path) -> ImportBatch:
    return _load(Path(path), SOURCES["national"], "national", current=True)


def load_area(path: Path) -> ImportBatch:
    return _load(Path(path), SOURCES["area"], "area")


def load_world(path: Path) -> ImportBatch:
    return _load(Path(path), SOURCES["world"], "world")


def load_world_women(path: Path) -> ImportBatch:
    return _load(Path(path), SOURCES["world_women"], "world")


def load_world_u20(path: Path) -> ImportBatch:
    return _load(Path(path), SOURCES["world_u20"], "world_u20")


_LOADERS = {"national": load_national, "area": load_area, "world": load_world,
            "world_women": load_world_women, "world_u20": load_world_u20}


def load_all(folder: Path, include_world_women: bool = False) -> list[ImportBatch]:
    """Every file of the folder. The July 2024 women-only world file repeats the June file's women's rows
    with broken relay names, so it is left out unless asked for."""
    keys = [k for k in FILES if include_world_women or k != "world_women"]
    return [_LOADERS[k](Path(folder) / FILES[k]) for k in keys]


@guarded
def _load(path: Path, source: Source, kind: str, current: bool | None = None) -> ImportBatch:
    batch = ImportBatch(source)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter=";")
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SourceFileError(f"{ref(path, 1)}: not a TAF3 record file (missing {', '.join(missing)})")
        rows = []
        for row in reader:
            where = ref(path, reader.line_num)
            try:
                rows.append((reader.line_num, _record(row, where, source, kind, path.name, batch)))
            except _Reject as e:
                batch.rejected.append(Rejected(source.id, where, str(e)))
    kept = _drop_duplicates(rows, source, batch)
    if current:
        kept = flag_best(kept, lambda r: (r.region, r.event, r.sex, r.indoor))
    batch.records.extend(kept)
    return batch


class _Reject(Exception):
    pass


def _record(row: dict, where: str, source: Source, kind: str, filename: str, batch: ImportBatch) -> RecordRow:
    get = lambda k: (row.get(k) or "").strip()  # noqa: E731
    disc = get("Discipline").replace("x", "×").replace("X", "×")
    event = TAF_EVENTS.get(disc)
    if not event:
        raise _Reject(f"discipline {get('Discipline')!r} has no event code")
    sex = _SEXES.get(get("Sex"))
    if not sex or (get("Class") in ("M", "W", "X") and get("Class") != sex):
        raise _Reject(f"sex {get('Sex')!r} / class {get('Class')!r} not understood")
    region = _region(kind, get("Type"))
    env = get("Environment")
    if env not in ("Outdoor", "Indoor"):
        raise _Reject(f"environment {env!r} is neither Outdoor nor Indoor")
    try:
        date = parse_date(get("Date")) if get("Date") else None
        wind = marks.parse_wind(get("Wind"))
    except (ValueError, marks.MarkError) as e:
        raise _Reject(str(e)) from None
    mark, note = get("Result"), None
    if filename == "national.csv" and disc in LOST_ZERO and re.fullmatch(r"\d+\.\d", mark):
        if date and date >= HAND_TIMES_UNTIL:
            note = f"{mark!r} read as {mark + '0'!r}: this file drops the trailing zero of sprint times"
            mark += "0"
        else:
            note = (f"{mark!r} kept as a hand time (before 1977); this file drops trailing zeros, "
                    f"so it may be {mark + '0'}")
    try:
        check_mark(mark, event, wind)
    except marks.MarkError as e:
        raise _Reject(f"mark {get('Result')!r}: {e}") from None
    if note:
        batch.rejected.append(Rejected(source.id, where, note, corrected=True))
    nation = get("Nation") or None
    if events.get(event).kind == events.RELAY:
        athlete = _relay(get("Firstname"), get("Lastname"), nation or region, sex, where, source, batch)
    else:
        given, family = get("Firstname"), get("Lastname")
        if not family:  # mononyms sit in Firstname
            given, family = "", given
        yob = get("YOB")
        athlete = AthleteRef(given, family, sex, nation, birth_year=int(yob) if yob.isdigit() else None)
    country = get("Venue Country")
    # World, area and U20 lists hold one record per field event, wherever it was set (see the docstring).
    indoor = env == "Indoor" and (kind == "national" or events.get(event).kind != events.FIELD)
    # national.csv: a time to the tenth before 1977 is a hand time (sprints included, see LOST_ZERO); from
    # 1977 on, a longer race's time to the tenth is kept as written, electronic.
    hand = (filename == "national.csv" and date is not None and date < HAND_TIMES_UNTIL
            and TENTH_TIME.fullmatch(mark) is not None and events.get(event).kind in (events.TRACK, events.RELAY))
    return RecordRow(source.id, where, kind, region, event, sex, athlete, mark, date,
                     indoor=indoor, wind=wind, venue=get("Venue") or None,
                     country=country if re.fullmatch(r"[A-Z]{3}", country) else None, current=None, hand=hand)


def _region(kind: str, typ: str) -> str:
    if kind == "national":
        if typ in NOT_NATIONS:
            raise _Reject(NOT_NATIONS[typ])
        if not re.fullmatch(r"[A-Z]{3}", typ):
            raise _Reject(f"national record type {typ!r} is not a nation code")
        return typ
    if kind == "area":
        if typ not in AREA_IDS:
            raise _Reject(f"area id {typ!r} is not one of {sorted(AREA_IDS)}")
        return AREA_IDS[typ]
    return "WORLD"


def _relay(first: str, last: str, nation: str, sex: str, where: str, source: Source,
           batch: ImportBatch) -> AthleteRef:
    """The team is the Nation column's: the written names are copied from other rows in these files."""
    written = f"{first} {last}".strip()
    if country_code(written) != nation and country_prefix(written) != nation:
        batch.rejected.append(Rejected(source.id, where, f"relay team written {written!r}; taken from the "
                                       f"Nation column instead: {COUNTRIES.get(nation, nation)} ({nation})",
                                       corrected=True))
    return team(nation, sex)


def _same_athlete(a: AthleteRef, b: AthleteRef) -> bool:
    """Two spellings of one athlete: no conflicting birth year, and a shared name word ('Devetzí' /
    'Devetzi', 'Dimitriana Bezede' / 'Dimitriana Surdu') or the same letters ('Rapitsaravolazandry')."""
    if a.is_team or b.is_team:
        return a.is_team and b.is_team
    if a.birth_year and b.birth_year and a.birth_year != b.birth_year:
        return False
    ta, tb = names.fold(a.name), names.fold(b.name)
    return bool(set(ta.split()) & set(tb.split())) or ta.replace(" ", "") == tb.replace(" ", "")


def _drop_duplicates(rows: list[tuple[int, RecordRow]], source: Source, batch: ImportBatch) -> list[RecordRow]:
    """Keep the first of rows that are the same record (same mark, date and nation, same athlete);
    shared records by different athletes are kept."""
    groups: dict[tuple, list[tuple[int, RecordRow]]] = defaultdict(list)
    kept = []
    for line, r in rows:
        key = (r.region, r.event, r.sex, r.indoor, marks.parse_mark(r.mark, r.event).text, r.date,
               r.athlete.nationality)
        first = next(((n, k) for n, k in groups[key] if _same_athlete(k.athlete, r.athlete)), None)
        if first:
            same = "an exact copy" if first[1].athlete == r.athlete else f"written as {first[1].athlete.name!r}"
            batch.rejected.append(Rejected(source.id, r.ref, f"duplicate of line {first[0]} ({same}): "
                                           f"{r.athlete.name!r}, {r.mark}, {r.date}"))
            continue
        groups[key].append((line, r))
        kept.append(r)
    return kept
