"""World Championships track finals 1983-2013, 100 m to 10,000 m (tjwaterman99/IAAF-Stats).

Input: IAAF_Results.csv. Marks are seconds; championships are numbered 1 (Helsinki 1983) to 14 (Moskva 2013).
"""
from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

from bot.common import marks
from bot.pipeline.importers.diamond_league import checked_mark, event_and_sex
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

SOURCE = Source(
    id="wc-track-finals-1983-2013",
    name="World Championships track finals 1983-2013 (iaaf.org scrape)",
    origin="github.com/tjwaterman99/IAAF-Stats @ a53cd5aa91469abe32d64dfabc86a029e92d613c (Results/IAAF_Results.csv)",
    licence="none stated (scraped from iaaf.org); facts for reference",
    authority=70,
    notes="Finals only, full fields, men's and women's 100 m - 10,000 m (+ women's 3000 m). Marks are seconds and "
          "are stored as WA text with hundredths. Empty marks are DNF or DQ (e.g. false starts, doping "
          "annulments) and the file does not say which, so those rows are rejected. DQs made after 2015 are not "
          "applied. Given and family names lost their inner spaces ('MosesCheruiyot', 'ElGuerrouj') and are "
          "kept as written. Text is NFC-normalised (two cities are stored decomposed).",
)

# championship_number -> host city as this file writes it. Years: 1983, 1987, 1991, then every two years.
HOSTS = {1: "Helsinki", 2: "Roma", 3: "Tokyo", 4: "Stuttgart", 5: "Göteborg", 6: "Athína", 7: "Sevilla",
         8: "Edmonton", 9: "Saint-Denis", 10: "Helsinki", 11: "Osaka", 12: "Berlin", 13: "Daegu", 14: "Moskva"}
FILE = "IAAF_Results.csv"


def championship_year(number: int) -> int:
    if not 1 <= number <= len(HOSTS):
        raise ValueError(f"championship number {number} is not 1..{len(HOSTS)}")
    return 1983 + 4 * (number - 1) if number <= 3 else 1991 + 2 * (number - 3)


def _check_hosts(rows: list[dict], file: Path) -> None:
    """Each championship number must name exactly one city, the one HOSTS expects; else the file changed."""
    seen: dict[int, set[str]] = {}
    for r in rows:
        seen.setdefault(int(r["championship_number"]), set()).add(r["location"])
    for n, cities in seen.items():
        if cities != {HOSTS.get(n)}:
            raise SourceFileError(f"{file}: championship {n} has location(s) {sorted(cities)}, expected {HOSTS.get(n)}")


@guarded
def load(path: Path) -> ImportBatch:
    path = Path(path)
    file = path / FILE if path.is_dir() else path
    batch = ImportBatch(SOURCE)
    with open(file, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = []
        for r in reader:
            # Some cities are stored decomposed ('Go\u0308teborg'); compare and store them composed.
            r = {k: unicodedata.normalize("NFC", v) if isinstance(v, str) else v for k, v in r.items()}
            r["_line"] = reader.line_num
            rows.append(r)
    mark_col = "mark_time" if rows and "mark_time" in rows[0] else "mark_time(seconds)"  # SOURCES.md's name
    if rows and mark_col not in rows[0]:
        raise SourceFileError(f"{file}: no mark_time column (header {list(rows[0])[:-1]})")
    _check_hosts(rows, file)

    for r in rows:
        ref = f"{file.name}:{r['_line']}"
        number = int(r["championship_number"])
        year = championship_year(number)
        sex = {"men": "M", "women": "W"}.get(r["gender"])
        event, _ = event_and_sex(f"{r['distance']}m")
        if event is None or sex is None:
            batch.rejected.append(Rejected(SOURCE.id, ref, f"no event code for {r['gender']} {r['distance']}"))
            continue
        place = int(r["place"]) if r["place"].isdigit() else None
        seconds = r[mark_col].strip()
        if not seconds:
            batch.rejected.append(Rejected(SOURCE.id, ref, f"no mark (listed at place {r['place']}): DNF or DQ, "
                                                           "the source does not say which"))
            continue
        try:
            text = marks.format_time(float(seconds), 2)  # floats lost trailing zeros: 19.4 is 19.40
        except (ValueError, marks.MarkError) as e:
            batch.rejected.append(Rejected(SOURCE.id, ref, f"mark {seconds!r} is not seconds: {e}"))
            continue
        mark, err = checked_mark(text, event)
        if err:
            batch.rejected.append(Rejected(SOURCE.id, ref, err))
            continue
        athlete = AthleteRef(r["athlete_first_name"], r["athlete_last_name"], sex, r["country"] or None,
                             source_athlete_id=r["athlete_id"] or None)
        batch.performances.append(Performance(
            source=SOURCE.id, ref=ref, event=event, sex=sex, athlete=athlete, mark=mark, date=None,
            place=place, position=r["place"] or None, round="F", venue=r["location"],
            meet=MeetHint("WCH", year)))
    return batch
