"""Derive the nation -> World Athletics area table (bot/common/areas.py) from the sources; prints the table.

    .venv/bin/python scripts/nation_areas.py ../shared/datasets > /tmp/areas.txt

Evidence, strongest first (each nation's line says which one decided):
1. "lists": the nationalities on the area-record lists (wa-records-2024's six area files, nimarion area.csv);
   a nation on two areas' lists stops the script.
2. "mapping+tz": nimarion mapping_areas.csv (nation -> area id, from WA), where the IANA time zone database
   (tzdata's zone.tab, a region per zone of the nation's ISO code) agrees: the same continent, with 'America'
   covering both NACAC and South America.
   "mapping": mapping_areas.csv where the time zones say nothing (no ISO code any more, no zone of its own
   such as Kosovo's, or only ocean regions: 'Atlantic/Cape_Verde', 'Indian/Mauritius').
3. "tz": the IANA region alone, for nations mapping_areas.csv lacks: 'America' is NACAC unless the nation
   is on a South American list or mapping_areas.csv puts it there.
Anything else (mapping_areas.csv and the time zones disagree, or neither knows the code) must be one of
bot.common.areas.EXCEPTIONS, each with its reason; the script stops on a nation that is not.
"""
from __future__ import annotations

import csv
import importlib.resources
import sys
from collections import Counter, defaultdict
from pathlib import Path

from bot.common.areas import EXCEPTIONS, NOT_NATIONS
from bot.common.countries import COUNTRIES

AREA_IDS = {"1": "EUR", "2": "NAC", "3": "SAM", "4": "AFR", "5": "ASI", "6": "OCE"}
WA_FILES = {"african": "AFR", "asian": "ASI", "european": "EUR", "nacac": "NAC", "oceanian": "OCE",
            "south_american": "SAM"}
IANA = {"Africa": {"AFR"}, "Asia": {"ASI"}, "Europe": {"EUR"}, "Australia": {"OCE"}, "Pacific": {"OCE"},
        "America": {"NAC", "SAM"}}


def list_areas(shared: Path) -> dict[str, Counter]:
    """nation -> Counter(area: rows on that area's record lists)."""
    found: dict[str, Counter] = defaultdict(Counter)
    with open(shared / "nimarion-records" / "area.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            if row["Nation"].strip():
                found[row["Nation"].strip()][AREA_IDS[row["Type"]]] += 1
    for sex in ("men", "women"):
        for stem, area in WA_FILES.items():
            path = shared / "wa-records-2024" / f"{sex}_{stem}_records.csv"
            with open(path, newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    if row["COUNTRY"].strip():
                        found[row["COUNTRY"].strip()][area] += 1
    return found


def mapping(shared: Path) -> dict[str, str]:
    with open(shared / "nimarion-records" / "mapping_areas.csv", newline="", encoding="utf-8") as f:
        return {r["Country"]: AREA_IDS[r["AreaId"]] for r in csv.DictReader(f) if r["AreaId"] in AREA_IDS}


def tz_regions() -> dict[str, set[str]]:
    """ISO alpha-2 -> the IANA regions ('Europe', 'America'...) of its zones."""
    text = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    out: dict[str, set[str]] = defaultdict(set)
    for line in text.splitlines():
        if line and not line.startswith("#"):
            iso, _coords, zone = line.split("\t")[:3]
            out[iso].add(zone.split("/")[0])
    return out


def derive(shared: Path, nations: set[str]) -> dict[str, tuple[str, str]]:
    """nation -> (area, evidence)."""
    on_lists, mapped, regions = list_areas(shared), mapping(shared), tz_regions()
    south = {n for n, c in on_lists.items() if "SAM" in c} | {n for n, a in mapped.items() if a == "SAM"}
    table: dict[str, tuple[str, str]] = {}
    for nation in sorted(nations | set(on_lists) | set(mapped)):
        if nation in NOT_NATIONS:
            continue
        if nation in on_lists:
            if len(on_lists[nation]) != 1:
                sys.exit(f"{nation} is on several areas' lists: {dict(on_lists[nation])}")
            table[nation] = (next(iter(on_lists[nation])), "lists")
            continue
        if nation in EXCEPTIONS:
            table[nation] = (EXCEPTIONS[nation][0], "exception")
            continue
        iso = COUNTRIES.get(nation, (None, ""))[0]
        areas = set().union(*(IANA.get(r, set()) for r in regions.get(iso or "", ())))
        if nation in mapped and mapped[nation] in areas:
            table[nation] = (mapped[nation], "mapping+tz")
        elif nation in mapped and not areas:
            table[nation] = (mapped[nation], "mapping")
        elif nation not in mapped and areas and areas <= {"NAC", "SAM"}:
            table[nation] = ("SAM" if nation in south else "NAC", "tz")
        elif nation not in mapped and len(areas) == 1:
            table[nation] = (areas.pop(), "tz")
        else:
            sys.exit(f"{nation}: mapping_areas.csv says {mapped.get(nation)}, the time zones {sorted(areas)}: "
                     f"add it to bot.common.areas.EXCEPTIONS with the reason")
    return table


def main() -> None:
    import sqlite3

    from bot.pipeline.db import DEFAULT_DB
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets")
    conn = sqlite3.connect(DEFAULT_DB)
    nations = {n for (n,) in conn.execute("SELECT DISTINCT nationality FROM athletes WHERE nationality IS NOT NULL "
                                          "UNION SELECT region FROM records WHERE kind = 'national'")}
    nations |= set(COUNTRIES)
    table = derive(shared, nations)
    for area in ("AFR", "ASI", "EUR", "NAC", "OCE", "SAM"):
        codes = sorted(n for n, (a, _) in table.items() if a == area)
        print(f"# {area}: {len(codes)}")
        print(f'    "{area}": "' + " ".join(codes) + '",')
    print(Counter(e for _, e in table.values()))


if __name__ == "__main__":
    main()
