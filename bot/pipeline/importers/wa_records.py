"""wa-records-2024: World Athletics records pages (world, the six areas, Olympic Games), men and women.

16 files named <men|women>_<category>_records.csv, columns DISCIPLINE,PERF,COMPETITOR,DOB,COUNTRY,VENUE,DATE
('07 AUG 1995'). The scraper stripped WA's markers: '*', 'h', 'Mx'/'Wo' from PERF and '(i)' from VENUE, which
is why indoor venues end in a space. Defects handled here, each logged:
- a broken record keeps both rows (PV 6.24 and 6.25): the best mark per file and discipline is current,
  the others are not; a worse row dated after a better one cannot be a broken record (WA's separate
  women-only road records, whose marker was stripped) and is not imported;
- exact duplicate rows; unmapped disciplines (One Hour, 100 Yards, 20,000-30,000 m track);
- the area files copy one relay name to every relay ('German Democratic Republic' for URS, RUS, GBR...):
  in such a file every relay is named after its COUNTRY;
- a ' !' after some relay marks in the European files, meaning unknown: stripped, current left to the builder.
Stale after 2024-08-09 (no Chebet 5000 m, PV 6.25).
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from bot.common import events, marks, names
from bot.pipeline.importers.dates import parse_date
from bot.pipeline.importers.model import AthleteRef, ImportBatch, RecordRow, Rejected, Source, SourceFileError, guarded
from bot.pipeline.importers.records_common import COUNTRIES, check_mark, country_code, flag_best, ref, team

SOURCE = Source(
    id="wa-records-2024",
    name="World Athletics records pages (world, areas, Olympic), August 2024",
    origin="github.com/titouanlegourrierec/World-Athletics-Records @ f9a669385d1c731eebbf7c3f8b97369d8b2c77e4 "
           "(data/data_after/*.csv)",
    licence="none stated; data (c) World Athletics, used as facts for reference",
    authority=75,
    notes="Snapshot 2024-08-09: stale for later records. Dates of birth and full venues.",
)

# File category -> (kind, region).
CATEGORIES = {
    "world": ("world", "WORLD"), "olympic_games": ("olympic", "WORLD"),
    "african": ("area", "AFR"), "asian": ("area", "ASI"), "european": ("area", "EUR"),
    "nacac": ("area", "NAC"), "oceanian": ("area", "OCE"), "south_american": ("area", "SAM"),
}
# WA discipline -> our event code. ' Short Track' is stripped first and sets indoor.
WA_EVENTS = {
    "50 Metres": "50m", "60 Metres": "60m", "100 Metres": "100m", "200 Metres": "200m", "300 Metres": "300m",
    "400 Metres": "400m", "600 Metres": "600m", "800 Metres": "800m", "1000 Metres": "1000m",
    "1500 Metres": "1500m", "Mile": "mile", "2000 Metres": "2000m", "3000 Metres": "3000m",
    "5000 Metres": "5000m", "10,000 Metres": "10000m",
    "50 Metres Hurdles": "50mH", "60 Metres Hurdles": "60mH", "100 Metres Hurdles": "100mH",
    "110 Metres Hurdles": "110mH", "400 Metres Hurdles": "400mH", "3000 Metres Steeplechase": "3000mSC",
    "High Jump": "HJ", "Pole Vault": "PV", "Long Jump": "LJ", "Triple Jump": "TJ", "Shot Put": "SP",
    "Discus Throw": "DT", "Hammer Throw": "HT", "Javelin Throw": "JT",
    "Decathlon": "DEC", "Heptathlon": "HEP", "Pentathlon": "PEN",
    "Mile Road": "roadmile", "5 Kilometres Road": "road5k", "10 Kilometres Road": "road10k",
    "Half Marathon": "HM", "Marathon": "MAR", "50 Kilometres Road": "road50k", "100 Kilometres Road": "road100k",
    "3000 Metres Race Walk": "3000mW", "5000 Metres Race Walk": "5000mW", "10,000 Metres Race Walk": "10000mW",
    "20,000 Metres Race Walk": "20000mW", "30,000 Metres Race Walk": "30000mW",
    "50,000 Metres Race Walk": "50000mW", "10 Kilometres Race Walk": "10kmW", "20 Kilometres Race Walk": "20kmW",
    "35 Kilometres Race Walk": "35kmW", "50 Kilometres Race Walk": "50kmW",
    "4x100 Metres Relay": "4x100", "4x200 Metres Relay": "4x200", "4x400 Metres Relay": "4x400",
    "4x800 Metres Relay": "4x800", "4x1500 Metres Relay": "4x1500", "Distance Medley": "DMR",
    "Road Relay": "roadrelay",
}
_COLUMNS = ["DISCIPLINE", "PERF", "COMPETITOR", "DOB", "COUNTRY", "VENUE", "DATE"]
_FILE = re.compile(r"(men|women)_(.+)_records\.csv")


def load(folder: Path) -> ImportBatch:
    """All 16 files of the folder, in name order."""
    batch = ImportBatch(SOURCE)
    files = sorted(Path(folder).glob("*_records.csv"))
    if not files:
        raise SourceFileError(f"{folder}: no <men|women>_<category>_records.csv files")
    for path in files:
        part = load_file(path)
        batch.records += part.records
        batch.rejected += part.rejected
    return batch


@guarded
def load_file(path: Path) -> ImportBatch:
    path = Path(path)
    m = _FILE.fullmatch(path.name)
    if not m or m.group(2) not in CATEGORIES:
        raise SourceFileError(f"{path.name}: not a <men|women>_<category>_records.csv file")
    sex = "M" if m.group(1) == "men" else "W"
    kind, region = CATEGORIES[m.group(2)]
    batch = ImportBatch(SOURCE)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != _COLUMNS:
            raise SourceFileError(f"{ref(path, 1)}: expected columns {','.join(_COLUMNS)}")
        lines = [(reader.line_num, row) for row in reader]
    broken_names = _relay_names_copied(lines)
    seen: dict[tuple, int] = {}
    rows: list[RecordRow] = []
    for line, row in lines:
        where = ref(path, line)
        key = tuple(row.values())
        if key in seen:
            batch.rejected.append(Rejected(SOURCE.id, where, f"exact duplicate of line {seen[key]}"))
            continue
        seen[key] = line
        try:
            rows.append(_record(row, where, kind, region, sex, broken_names, batch))
        except (ValueError, marks.MarkError) as e:
            batch.rejected.append(Rejected(SOURCE.id, where, str(e)))
    batch.records += _flag_current(rows, batch)
    return batch


def event_of(discipline: str) -> tuple[str | None, bool]:
    """'1500 Metres Short Track' -> ('1500m', True); (None, ...) when we have no such event."""
    indoor = discipline.endswith(" Short Track")
    return WA_EVENTS.get(discipline.removesuffix(" Short Track")), indoor


def _record(row: dict, where: str, kind: str, region: str, sex: str, broken_names: bool,
            batch: ImportBatch) -> RecordRow:
    event, indoor = event_of(row["DISCIPLINE"].strip())
    if not event:
        raise ValueError(f"discipline {row['DISCIPLINE']!r} has no event code")
    # Events held only indoors (50/60 m, 50/60 m hurdles) are short-track records without saying so.
    # Field and long events set indoors (venue had '(i)') count for the standard record: indoor stays False.
    indoor = indoor or events.get(event).held == "indoor"
    perf = row["PERF"].strip()
    current = None if perf.endswith("!") else True
    if perf.endswith("!"):
        perf = perf.rstrip("! ")
        batch.rejected.append(Rejected(SOURCE.id, where, f"unexplained '!' after {perf!r} on the WA page "
                                       "removed; current left to the builder", corrected=True))
    check_mark(perf, event)
    nation = row["COUNTRY"].strip() or None
    if events.get(event).kind == events.RELAY:
        athlete = _relay(row["COMPETITOR"].strip(), nation, sex, broken_names, where, batch)
    else:
        given, family = names.split_display(row["COMPETITOR"].strip())
        dob, year = _dob(row["DOB"].strip())
        athlete = AthleteRef(given, family, sex, nation, dob, year)
    venue, country = _venue(row["VENUE"])
    return RecordRow(SOURCE.id, where, kind, region, event, sex, athlete, perf, parse_date(row["DATE"]),
                     indoor=indoor, venue=venue, country=country, current=current)


def _dob(text: str) -> tuple[str | None, int | None]:
    if not text:
        return None, None
    if re.fullmatch(r"\d{4}", text):  # only the year is known
        return None, int(text)
    dob = parse_date(text)
    return dob, int(dob[:4])


def _venue(text: str) -> tuple[str | None, str | None]:
    """'Reno, NV (USA) ' -> ('Reno, NV', 'USA'). The trailing space is where '(i)' was stripped."""
    v = text.strip()
    m = re.search(r"\s*\(([A-Z]{3})\)$", v)
    if m:
        return v[: m.start()] or None, m.group(1)
    return v or None, None


def _relay_names_copied(lines: list[tuple[int, dict]]) -> bool:
    """True when the file's relay names cannot be trusted: one team name used for several nations
    (the area pages copy the first relay's name to all relays)."""
    nations = defaultdict(set)
    for _, row in lines:
        event, _ = event_of(row["DISCIPLINE"].strip())
        if event and events.get(event).kind == events.RELAY:
            nations[row["COMPETITOR"].strip()].add(row["COUNTRY"].strip())
    return any(len(n) > 1 for n in nations.values())


def _relay(written: str, nation: str | None, sex: str, broken_names: bool, where: str,
           batch: ImportBatch) -> AthleteRef:
    if broken_names and nation and country_code(written) != nation:
        name = COUNTRIES.get(nation, nation)
        batch.rejected.append(Rejected(SOURCE.id, where, f"relay team written {written!r} (copied from another "
                                       f"row on this page); named after its country: {name}", corrected=True))
        return team(nation, sex)
    return team(nation, sex, written)


def _flag_current(rows: list[RecordRow], batch: ImportBatch) -> list[RecordRow]:
    """Best mark per discipline is current, the broken ones not. A worse row dated after a better one is
    not a broken record but another category (WA's women-only road records): not imported."""
    groups = defaultdict(list)
    for r in rows:
        groups[(r.event, r.indoor)].append(r)
    kept = []
    for group in groups.values():
        for r in group:
            v = marks.mark_value(r.mark, r.event)  # rows check_mark passed: all have values
            earlier_better = [o for o in group if o.date and r.date and o.date < r.date
                              and marks.better(marks.mark_value(o.mark, o.event), v, r.event)]
            if earlier_better:
                o = earlier_better[0]
                batch.rejected.append(Rejected(SOURCE.id, r.ref, f"{r.mark} ({r.date}) is worse than the "
                                               f"record {o.mark} set before it ({o.date}): not a broken record "
                                               "but a separate category (women-only road record?)"))
            else:
                kept.append(r)
    # Rows with current=None (the '!' marks) stay undecided and out of the comparison.
    flagged = flag_best([r for r in kept if r.current], lambda r: (r.event, r.indoor))
    return flagged + [r for r in kept if r.current is None]
