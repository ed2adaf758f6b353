"""World Athletics all-time toplists (wa-toplists/): every performance above each list's cut-off.

Three formats: the split files (male/, female/: ISO dates, many columns), the raw WA files in fallback_raw/
(dates like '16 AUG 2009') and the camminady women's hammer file. Known defects handled here (SOURCES.md):
u20/u18 rows repeat senior rows (senior only, the rest counted per file); venues ending ' (i)' are indoor;
`position` carries round codes ('2sf1'); ~1% rows have no dob; field marks lost their trailing zero (the
mark parser restores it). Races mixed at one venue and date are separated later, by the builder.

Hand times: WA writes every one with an 'h' ('13:01.6h', '3:00.7h'), and only those are hand times here. The
split files stored sub-minute marks as numbers, so a time like 51.70 arrives as '51.7': in those files no
two-decimal time ends in 0 and about a tenth of the times have one decimal, while the text files (times with
a colon, and every raw WA file) have no one-decimal time without an 'h' but one (13:22.8, an electronic time to
the tenth). So a bare one-decimal time gets its zero back (51.70, electronic), never an 'h'.
"""
from __future__ import annotations

import csv
import gzip
import io
import re
from pathlib import Path

from bot.common import marks, names
from bot.pipeline.importers.dates import parse_date
from bot.pipeline.importers.model import AthleteRef, ImportBatch, Performance, Rejected, Source, guarded
from bot.pipeline.importers.mojibake import KNOWN_NAMES

SOURCE = Source(
    id="wa-toplists",
    name="World Athletics all-time toplists (every performance)",
    origin="github.com/kmuchiri/AthleticScraper @ 79ba13b82f1f5624d0fa525ccb05e28dfec7bcdc (2025-12-26); "
           "women's senior hammer from github.com/thomascamminady/world-athletics-database @ 9f0870f1",
    licence="none stated; data (c) World Athletics, used as facts for reference",
    authority=85,
    notes="Main results table. No competition names or race ids; no athlete ids; marks as WA lists them today.",
)

# File stem (the WA discipline slug) -> our event code.
SLUG_EVENTS = {
    "50-metres": "50m", "55-metres": "55m", "60-metres": "60m", "100-metres": "100m", "200-metres": "200m",
    "300-metres": "300m", "400-metres": "400m", "600-metres": "600m", "800-metres": "800m",
    "1000-metres": "1000m", "1500-metres": "1500m", "one-mile": "mile", "2000-metres": "2000m",
    "3000-metres": "3000m", "two-miles": "2miles", "5000-metres": "5000m", "10000-metres": "10000m",
    "100-metres-hurdles": "100mH", "110-metres-hurdles": "110mH", "400-metres-hurdles": "400mH",
    "2000-metres-steeplechase": "2000mSC", "3000-metres-steeplechase": "3000mSC",
    "high-jump": "HJ", "pole-vault": "PV", "long-jump": "LJ", "triple-jump": "TJ",
    "shot-put": "SP", "discus-throw": "DT", "hammer-throw": "HT", "javelin-throw": "JT",
    "decathlon": "DEC", "heptathlon": "HEP",
    "5-kilometres": "road5k", "10-kilometres": "road10k", "15-kilometres": "road15k",
    "20-kilometres": "road20k", "10-miles-road": "road10mi", "half-marathon": "HM", "marathon": "MAR",
    "3000-metres-race-walk": "3000mW", "5000-metres-race-walk": "5000mW", "10000-metres-race-walk": "10000mW",
    "20000-metres-race-walk": "20000mW", "5-kilometres-race-walk": "5kmW", "10-kilometres-race-walk": "10kmW",
    "20-kilometres-race-walk": "20kmW", "30-kilometres-race-walk": "30kmW", "35-kilometres-race-walk": "35kmW",
    "50-kilometres-race-walk": "50kmW",
    "4x100-metres-relay": "4x100", "4x200-metres-relay": "4x200", "4x400-metres-relay": "4x400",
    "4x800-metres-relay": "4x800", "4x1500-metres-relay": "4x1500",
}
# Files that are not a senior event of ours, with the reason.
SKIP_SLUGS = {
    "2000-metres-steeplechase-84": "youth 2000 m steeplechase (84 cm barriers), not the senior event",
}

_POSITION = re.compile(r"^(\d+)?\s*(f|sf|h|q|qf|pr|ce|er|rr|r)?\s*(\d+)?$", re.I)
_ROUND = {"f": "F", "sf": "SF", "h": "H", "q": "Q", "qf": "QF", "pr": "H", "er": "H", "rr": "H", "r": "H"}


def parse_position(pos: str) -> tuple[int | None, str | None, int | None]:
    """'2sf1' -> (2, 'SF', 1); '1' -> (1, None, None); '1.1' (tie-break notation) -> (1, None, None).

    Round codes: f final, sf semi, qf quarter, h heat, q qualifying group, pr/er/rr preliminary or repechage
    races (counted as heats); 'ce' is a combined event's sub-event: no race of its own (round 'CE')."""
    p = (pos or "").strip()
    if not p:
        return None, None, None
    if re.fullmatch(r"\d+\.\d+", p):  # "1.1": a place with a decimal tie-break suffix
        return int(p.split(".")[0]), None, None
    m = _POSITION.match(p)
    if not m:
        return None, None, None
    place, code, num = m.groups()
    rnd = None
    if code:
        code = code.lower()
        rnd = "CE" if code == "ce" else _ROUND[code]
    return (int(place) if place else None), rnd, (int(num) if num else None)


def split_venue(venue: str) -> tuple[str, str | None, bool]:
    """'Hayward Field, Eugene, OR (USA)' -> ('Hayward Field, Eugene, OR', 'USA', False); ' (i)' = indoor."""
    v = (venue or "").strip()
    indoor = False
    if v.endswith("(i)"):
        indoor, v = True, v[:-3].strip()
    m = re.search(r"\(([A-Z]{3})\)\s*$", v)
    country = None
    if m:
        country, v = m.group(1), v[: m.start()].strip()
    return v, country, indoor


def _open_csv(path: Path):
    raw = gzip.open(path, "rb").read() if path.suffix == ".gz" else path.read_bytes()
    return csv.reader(io.StringIO(raw.decode("utf-8-sig")))


def _athlete(name: str, dob_raw: str, nat: str, sex: str, team: bool) -> AthleteRef:
    if team:
        return AthleteRef("", name.strip(), sex, nat or None, is_team=True)
    given, family = names.split_display(name.strip())
    dob, year = None, None
    if dob_raw:
        # Raw files sometimes give only the year ('2004') or month and year ('OCT 2003').
        partial = re.fullmatch(r"(?:[A-Za-z]{3}\s+)?(\d{4})", dob_raw)
        if partial:
            year = int(partial.group(1))
        else:
            dob = parse_date(dob_raw)
            year = int(dob[:4])
    return AthleteRef(given, family, sex, nat or None, dob, year)


def _rows(path: Path, rel: str, batch: ImportBatch, sex: str, event: str, fmt: str):
    """Yield Performances from one file in one of the three formats."""
    reader = _open_csv(path)
    header = next(reader)
    cols = {h.strip().lower(): i for i, h in enumerate(header)}
    skipped_age = restored = 0
    team = event.startswith("4x")
    for line, row in enumerate(reader, start=2):
        if not row or all(not c for c in row):
            continue
        ref = f"{rel}:{line}"
        get = (lambda k, row=row: row[cols[k]].strip() if k in cols and cols[k] < len(row) else "")
        if fmt != "camminady" and get("age_cat") and get("age_cat") != "senior":
            skipped_age += 1
            continue
        mark = marks.restore_lost_zero(get("mark"), event)
        restored += mark != get("mark")
        hand = mark.endswith("h")  # WA's own mark for a hand time; nothing else is one
        dob_raw = get("dob")
        competitor = KNOWN_NAMES.get(get("competitor"), get("competitor"))
        if competitor != get("competitor"):
            batch.rejected.append(Rejected(
                SOURCE.id, ref, f"name {get('competitor')!r} repaired to {competitor!r}: a lost letter restored "
                                "(mojibake.KNOWN_NAMES)", corrected=True))
        try:
            date = parse_date(get("date"))
            athlete = _athlete(competitor, dob_raw, get("nationality") or get("nat"), sex, team)
            m = marks.parse_mark(mark, event, hand=hand)
            wind = marks.parse_wind(get("wind"))
        except (ValueError, marks.MarkError) as exc:
            batch.rejected.append(Rejected(SOURCE.id, ref, f"unreadable row: {exc}"))
            continue
        if not m.ok:
            batch.rejected.append(Rejected(SOURCE.id, ref, f"status {m.status} in a toplist"))
            continue
        position = get("position") or get("pos")
        place, rnd, heat = parse_position(position)
        venue, country, indoor = split_venue(get("venue"))
        score = get("result_score") or get("results score")
        batch.performances.append(Performance(
            source=SOURCE.id, ref=ref, event=event, sex=sex,
            athlete=athlete,
            mark=mark, date=date, indoor=indoor or m.indoor, wind=wind, place=place, position=position or None,
            round=rnd, heat=heat, venue=venue, country=country or get("venue_country") or None,
            score=int(float(score)) if score else None, hand=hand,
        ))
    if restored:
        batch.rejected.append(Rejected(
            SOURCE.id, rel, f"{restored} times stored as numbers lost their trailing zero: read with hundredths "
                            "('51.7' is 51.70, electronic; WA writes hand times with an 'h')", corrected=True))
    if skipped_age:
        batch.rejected.append(Rejected(
            SOURCE.id, rel, f"{skipped_age} u20/u18 rows skipped: they repeat senior rows (senior lists only)"))


def _event_or_skip(slug: str, rel: str, batch: ImportBatch) -> bool:
    """True when the file's slug is one of our events; otherwise the whole file is logged as skipped."""
    reason = SKIP_SLUGS.get(slug) or (None if slug in SLUG_EVENTS else f"no event for {slug!r}")
    if reason:
        batch.rejected.append(Rejected(SOURCE.id, rel, f"whole file skipped: {reason}"))
    return reason is None


@guarded
def load(folder: Path) -> ImportBatch:
    """Read the whole wa-toplists folder."""
    folder = Path(folder)
    batch = ImportBatch(SOURCE)
    for sex_dir, sex in (("male", "M"), ("female", "W")):
        for path in sorted((folder / sex_dir).glob("*.csv.gz")):
            slug = path.name[: -len(".csv.gz")]
            rel = f"{sex_dir}/{path.name}"
            if _event_or_skip(slug, rel, batch):
                _rows(path, rel, batch, sex, SLUG_EVENTS[slug], "split")
        for path in sorted((folder / "fallback_raw" / sex_dir).glob("*.csv.gz")):
            rel = f"fallback_raw/{sex_dir}/{path.name}"
            stem = path.name[: -len(".csv.gz")]
            if "camminady" in stem:
                _rows(path, rel, batch, sex, "HT", "camminady")
                continue
            # <type>_<slug>_<age>: only senior files; the u20/u18 ones repeat senior rows.
            kind, slug, age = stem.split("_")
            if age != "senior":
                batch.rejected.append(Rejected(SOURCE.id, rel, f"whole file skipped: {age} list repeats senior rows"))
            elif _event_or_skip(slug, rel, batch):
                _rows(path, rel, batch, sex, SLUG_EVENTS[slug], "raw")
    return batch
