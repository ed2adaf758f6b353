"""wr-progressions: three world-record progression lists (all Wikipedia-derived, no licence stated).

Every row is a RecordRow(kind='world', region='WORLD', progression=True, current=None). Decisions, each
logged as a Rejected (dropped) or Rejected(corrected=True) (imported after a correction):
- hindustantimes (Latin-1, CR-only lines, to 2016): 'pre' rows are world bests from before the IAAF ratified
  the event; they are not world records, so they are not imported. A 'pre' row dated after the event's
  first 'post' row is a mis-flagged ratified record (the 2016 additions) and is imported. Old-specification
  javelins (men's before 1986, women's here all before the 1999 change) are another implement: not imported.
  A field mark with one digit of centimetres is read with a zero before it ('2,1': 2.01) unless only the zero
  after it fits the sequence ('21,2': 21.20). Marks written wrong whose right mark the WA toplists give
  (Isinbayeva's '5,50' between 4.96 and 5.01: 5.00) are corrected (HT_MISWRITTEN); other marks out of
  sequence (better than the record that followed them) are wrong in this file: not imported. Mangled names ('Ferna_ndez', 'Langlací©') and nationalities
  ('Germanymany', 'the United Kingdom') are repaired.
- dungates (men, seconds, to 2020) and tsoleary (men and women, 'HH:MM:SS.ff', to 2020) still list marks
  later annulled for doping; the builder drops those by checking against the WA toplists, which list every
  legal mark above their cut-off (bot/pipeline/build/records.py). tsoleary's 'keep' column is TRUE on every row (the
  author's own filter): a row with another value would be rejected.
Times: the sources give hundredths (or float seconds). A time with a zero hundredth before 1981 (when
automatic timing was required for track records) is written with one decimal, as a hand time, unless the
source marks it automatic; road times keep whole seconds.
"""
from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from bot.common import events, marks, names
from bot.pipeline.importers.dates import parse_date
from bot.pipeline.importers.model import AthleteRef, ImportBatch, RecordRow, Rejected, Source, SourceFileError, guarded
from bot.pipeline.importers.records_common import check_mark, country_code, ref, team

_WIKI = "none stated; Wikipedia-derived (facts for reference)"
SOURCES = {
    "hindustantimes": Source(
        "wrp-hindustantimes", "World record progressions, 47 Olympic events (Hindustan Times Labs)",
        "github.com/HindustanTimesLabs/world-record-progression @ 2adc9f5fecccf1a5eefcb7dc1645b0b07d6cebb4 "
        "(data/data.csv)", _WIKI, 40, "To August 2016; no venue; pre/post-IAAF flag inconsistent."),
    "dungates": Source(
        "wrp-dungates", "Men's running world record progressions (dungates/Athletics)",
        "github.com/dungates/Athletics @ b97bd29f1e5e3750e3e9c75ae3d444cb30245932 "
        "(Data/RunningRecordsOverTime.csv)", _WIKI, 45, "Men only, 100 m to marathon incl. mile; to 2020-12."),
    "tsoleary": Source(
        "wrp-tsoleary", "World record progressions, 100 m to marathon (tsoleary/track)",
        "github.com/tsoleary/track @ c86fdcf4d81d96415ade373e8bd94c26e415c42e "
        "(world_record_progression/data/desc_records.csv)", _WIKI, 45, "Men and women, six events; to 2020-10."),
}
FILES = {"hindustantimes": "hindustantimes_wr_progression_to2016.csv",
         "dungates": "dungates_running_records_over_time.csv",
         "tsoleary": "tsoleary_desc_records_to2020.csv"}

# hindustantimes rows whose tenths were stored as hundredths ('47,6' read as 47.06): (event, sex, date) ->
# (as read, corrected). The corrected marks are tsoleary's, and for 1985 WA's records page's (tests check).
HT_TENTHS = {("400m", "W", "1979-08-04"): (48.06, 48.60), ("400m", "W", "1985-10-06"): (47.06, 47.60)}
# hindustantimes field marks written wrong and out of sequence, whose right mark the WA toplists give for that
# athlete and day (tests check): (event, sex, date, as written) -> right. Isinbayeva's 5.00 of 22 July 2005,
# after her 4.96 that day, is written '5,50'.
HT_MISWRITTEN = {("PV", "W", "2005-07-22", "5.50"): "5.00"}
AUTO_TIMING_YEAR = "1981"  # before it, a time with a zero hundredth is read as a hand time

# Source spellings of nations (typos included, as written) that the shared table does not know.
_NATIONS = {
    "Germanymany": "GER", "East Germanymany": "GDR", "West Germanymany": "FRG", "Finlandland": "FIN",
    "Jamaicaaica": "JAM", "EUN/UKR": None, "JPN/KOR": None, "AUS/Great Britain & Ireland": None,
    "Sweden/Great Britain & Ireland": None,
    "Japanese Korea": None,  # Korea under Japanese rule: JPN or KOR is a judgement, not the source's
}
# dungates venue countries written as a state, a home nation, a typo or a region.
_PLACES = {"USA": "USA", "Cal.": "USA", "California": "USA", "Mass.": "USA", "Massachusetts": "USA",
           "N.J.": "USA", "Vermont": "USA", "California, USA": "USA", "England": "GBR", "Scotland": "GBR",
           "Wales": "GBR", "Finaland": "FIN", "Ōita": "JPN"}

HT_EVENTS = {
    "100 m": "100m", "200 m": "200m", "400 m": "400m", "800 m": "800m", "1500 m": "1500m", "5000 m": "5000m",
    "10000 m": "10000m", "100 m hurdles": "100mH", "110 m hurdles": "110mH", "400 m hurdles": "400mH",
    "3000 m steeplechase": "3000mSC", "4 x 100 m relay": "4x100", "4 x 400 m relay": "4x400",
    "20 km walk": "20kmW", "50 km walk": "50kmW", "Marathon": "MAR", "High jump": "HJ", "Pole vault": "PV",
    "Long jump": "LJ", "Triple jump": "TJ", "Shot put": "SP", "Discus throw": "DT", "Hammer throw": "HT",
    "Javelin throw": "JT", "Decathlon": "DEC", "Heptathlon": "HEP",
}
DUNGATES_EVENTS = {
    "100 Meters": "100m", "200 Meters": "200m", "400 Meters": "400m", "800 Meters": "800m",
    "1000 Meters": "1000m", "1500 Meters": "1500m", "One Mile": "mile", "3000 Meters": "3000m",
    "Two Mile": "2miles", "5000 Meters": "5000m", "10000 Meters": "10000m", "Half Marathon": "HM",
    "Marathon": "MAR",
}
TSOLEARY_EVENTS = {"100": "100m", "200": "200m", "400": "400m", "800": "800m", "1500": "1500m",
                   "5000": "5000m", "10000": "10000m", "marathon": "MAR"}


class _Reject(Exception):
    pass


def load_all(folder: Path) -> list[ImportBatch]:
    folder = Path(folder)
    return [load_hindustantimes(folder / FILES["hindustantimes"]), load_dungates(folder / FILES["dungates"]),
            load_tsoleary(folder / FILES["tsoleary"])]


# ---------------------------------------------------------------- shared


def time_text(seconds: float, event: str, date: str | None, timing: str | None = None) -> str:
    """Seconds -> canonical text with the decimals the source supports: '10.0' (hand), '9.95', '2:03:23'.

    timing: 'hand' or 'auto' when the source says so, else None (then decided by the date)."""
    centis = round(seconds * 100)
    ev = events.get(event)
    road = ev.kind == events.ROAD or (ev.kind == events.WALK and ev.held == "road")
    if centis % 10:
        decimals = 2
    elif road:
        decimals = 0 if centis % 100 == 0 else 1
    elif timing:
        decimals = 1 if timing == "hand" else 2
    else:
        decimals = 1 if date and date < AUTO_TIMING_YEAR else 2
    return marks.format_time(centis / 100, decimals)


def clean_name(text: str) -> tuple[str, str]:
    """Name as written -> (given, family), without the sources' noise: '"Ted" Meredith', 'Ferna_ndez',
    'Walasiewicz[2]', 'Stecher (née Meißner)', and 'Marie Mejzlikova II' keeping II with the family name."""
    t = text.replace("\xa0", " ").replace('"', "").replace("_", "")
    t = re.sub(r"\[\d+\]|\((?:née|nee) [^)]*\)", "", t)
    t = " ".join(t.split())
    m = re.fullmatch(r"(.+?) (I{1,3}|IV)", t)
    suffix = ""
    if m:
        t, suffix = m.group(1), " " + m.group(2)
    given, family = names.split_display(t)
    return given, family + suffix


def _nation(text: str) -> str | None:
    t = (text or "").replace("\xa0", " ").strip()
    if t in _NATIONS:
        return _NATIONS[t]
    return country_code(t)


def _athlete(name: str, nationality: str, sex: str, relay: bool) -> AthleteRef:
    code = _nation(nationality)
    if relay:  # the team is the nation; the runners' names are not kept
        return team(code, sex) if code else AthleteRef("", nationality.strip(), sex, None, is_team=True)
    given, family = clean_name(name)
    return AthleteRef(given, family, sex, code)


_T = TypeVar("_T")


def _each_row(reader: csv.DictReader, path: Path, batch: ImportBatch, parse: Callable[[dict, str], _T]) -> list[_T]:
    """parse(row, where) of each row of the file; a row it rejects is listed in the batch's rejections, with why."""
    out = []
    for row in reader:
        where = ref(path, reader.line_num)
        try:
            out.append(parse(row, where))
        except (_Reject, ValueError) as e:
            batch.rejected.append(Rejected(batch.source.id, where, str(e)))
    return out


def _load_csv(path: Path, name: str, fits: Callable[[list[str]], bool],
              parse: Callable[[ImportBatch, dict, str], RecordRow]) -> ImportBatch:
    """A UTF-8 progression file whose header `fits`, each row read by parse(batch, row, where)."""
    path = Path(path)
    batch = ImportBatch(SOURCES[name])
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if not fits(list(reader.fieldnames or [])):
            raise SourceFileError(f"{ref(path, 1)}: not the {name} progression format")
        rows = _each_row(reader, path, batch, lambda row, where: parse(batch, row, where))
    return _finish(batch, rows)


def _coded(codes: dict[str, str], row: dict, column: str, what: str, why: str) -> str:
    """Our code for the row's value in that column (an event, a sex); the row rejected when there is none."""
    code = codes.get(row[column])
    if not code:
        raise _Reject(f"{what} {row[column]!r} {why}")
    return code


def _finish(batch: ImportBatch, rows: list[RecordRow]) -> ImportBatch:
    batch.records.extend(rows)
    return batch


def _row(source: Source, where: str, event: str, sex: str, athlete: AthleteRef, mark: str, date: str | None,
         wind: float | None = None, venue: str | None = None, country: str | None = None) -> RecordRow:
    try:
        # No wind limit here: these were ratified under the rules of their day (e.g. a 1935 100 m at +2.5).
        check_mark(mark, event, wind, wind_rule=False)
    except marks.MarkError as e:
        raise _Reject(f"mark {mark!r}: {e}") from None
    # time_text wrote a hand time (the source's word, or the date rule) with one decimal, and nothing else.
    hand = marks.parse_mark(mark, event).hand
    return RecordRow(source.id, where, "world", "WORLD", event, sex, athlete, mark, date, wind=wind,
                     venue=venue, country=country, current=None, progression=True, hand=hand)


# ---------------------------------------------------------------- hindustantimes


@guarded
def load_hindustantimes(path: Path) -> ImportBatch:
    path = Path(path)
    source = SOURCES["hindustantimes"]
    batch = ImportBatch(source)
    # Latin-1 with classic-Mac CR line endings (SOURCES.md).
    text = path.read_bytes().decode("latin-1").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.DictReader(io.StringIO(text))
    fields = reader.fieldnames or []
    flag = next((k for k in fields if k.startswith("iaaf")), None)  # 'iaaf' (pre/post)
    if not flag or "shundreds" not in fields:
        raise SourceFileError(f"{ref(path, 1)}: not the hindustantimes progression format")
    parsed = _each_row(reader, path, batch, lambda row, where: _ht_parse(row, where, source, batch, flag))
    by_event = defaultdict(list)
    for p in parsed:
        by_event[(p.event, p.sex)].append(p)
    kept = []
    for group in by_event.values():
        kept += _ht_event(group, source, batch)
    return _finish(batch, kept)


# Mojibake in the file (bytes as Latin-1): the apostrophe of D'Arcy and the é of Langlacé.
_MOJIBAKE = {"ê": "'", "í©": "é"}


@dataclass
class _HtRow:
    ref: str
    event: str
    sex: str
    athlete: AthleteRef
    date: str
    mark: str | tuple[float, str | None]  # field/points text, or (seconds, 'hand'/'auto'/None) for times
    iaaf: str  # 'pre' / 'post'
    notes: str
    other: str | None = None  # a field mark with one digit of centimetres read the other way ('21,2': 21.20)


def _ht_parse(row: dict, where: str, source: Source, batch: ImportBatch, flag: str) -> _HtRow:
    event = _coded(HT_EVENTS, row, "event", "event", "has no event code")
    sex = _coded({"Men": "M", "Women": "W"}, row, "gender", "gender", "not understood")
    num = lambda k: 0 if row[k] in ("null", "") else int(row[k])  # noqa: E731 - 'null' marks an unused part
    date = parse_date(f"{num('year'):04d}-{num('month'):02d}-{num('day'):02d}")
    kind = events.get(event).mark_format
    mark: str | tuple[float, str | None]
    other = None
    if kind == events.DISTANCE:
        metres, cm = num("meters"), num("centimeters")
        if len(row["centimeters"].strip()) == 1 and cm:
            # the file drops a zero either side: Beeson's '2,1' is 2.01, Chizhova's '21,2' is 21.20; the
            # sequence decides (_one_digit_centimetres)
            other = f"{metres}.{cm * 10:02d}"
        if cm > 99:  # '40,345': millimetres; field marks are measured down to the centimetre
            fixed = f"{metres}.{cm // 10:02d}"
            batch.rejected.append(Rejected(source.id, where, f"'{metres},{cm}' read as {fixed} "
                                           "(millimetres, truncated to the centimetre)", corrected=True))
            cm //= 10
        mark = f"{metres}.{cm:02d}"
    elif kind == events.POINTS:
        mark = str(num("points"))
    else:
        seconds = num("hours") * 3600 + num("min") * 60 + num("sec") + num("shundreds") / 100
        fix = HT_TENTHS.get((event, sex, date))
        if fix is not None and abs(seconds - fix[0]) < 1e-6:
            wrong, right = fix
            batch.rejected.append(Rejected(source.id, where, f"{wrong:.2f} read as {right:.2f}: the tenths were "
                                           "written as hundredths (as tsoleary and WA give it)", corrected=True))
            seconds = right
        timing = {"Hand timing": "hand", "Automatic timing": "auto"}.get(row["notes"])
        mark = (seconds, timing)  # formatted once the event's notes are known to be trustworthy
    name = row["name"]
    for bad, good in _MOJIBAKE.items():
        name = name.replace(bad, good)
    athlete = _athlete(name, row["nationality"], sex, events.get(event).kind == events.RELAY)
    if isinstance(mark, str) and date is not None:
        as_toplists = HT_MISWRITTEN.get((event, sex, date, mark))
        if as_toplists is not None:
            batch.rejected.append(Rejected(source.id, where, f"{mark} read as {as_toplists}: written wrong, out of "
                                           "sequence (the WA toplists' mark of that athlete and day)",
                                           corrected=True))
            mark = as_toplists
    return _HtRow(where, event, sex, athlete, date, mark, row[flag], row["notes"], other)


def _ht_event(group: list[_HtRow], source: Source, batch: ImportBatch) -> list[RecordRow]:
    """One event's progression: pre/post flags, implements, timing notes, then the sequence check."""
    event = group[0].event
    # Timing notes are trusted only where the file distinguishes hand from automatic (not the women's
    # 800/1500/5000 m, all 'Automatic timing' back to the 1920s).
    trust_timing = {"Hand timing", "Automatic timing"} <= {r.notes for r in group}
    first_post = min((r.date for r in group if r.iaaf == "post"), default=None)
    out = []
    for r in group:
        if r.iaaf == "pre":
            if first_post is None or r.date <= first_post:
                batch.rejected.append(Rejected(source.id, r.ref, "pre-IAAF world best (before the event's "
                                               "first ratified record): not a world record"))
                continue
            batch.rejected.append(Rejected(source.id, r.ref, f"flagged 'pre' but dated after the first "
                                           f"ratified record ({first_post}): imported as ratified",
                                           corrected=True))
        if event == "JT" and (r.notes == "Old javelin" or r.sex == "W" and r.date < "1999"):
            batch.rejected.append(Rejected(source.id, r.ref, "old javelin specification (men before 1986, women "
                                           "before 1999): a different implement from today's"))
            continue
        mark = r.mark
        if isinstance(mark, tuple):
            seconds, timing = mark
            mark = time_text(seconds, event, r.date, timing if trust_timing else None)
        try:
            out.append(_row(source, r.ref, event, r.sex, r.athlete, mark, r.date))
        except _Reject as e:
            batch.rejected.append(Rejected(source.id, r.ref, str(e)))
    others = {r.ref: r.other for r in group if r.other}
    return _drop_out_of_sequence(_one_digit_centimetres(out, others, source, batch), source, batch)


def _one_digit_centimetres(rows: list[RecordRow], others: dict[str, str], source: Source,
                           batch: ImportBatch) -> list[RecordRow]:
    """A field mark with one digit of centimetres ('21,2') is read with the zero before it (21.02) unless only
    the other reading (21.20) fits between the record before it and the one after (either reading of that
    one, which may be one digit too)."""
    if not others or not rows:
        return rows
    rows = sorted(rows, key=lambda r: r.date or "")
    ev = rows[0].event

    def value(mark: str) -> float:
        v = marks.parse_mark(mark, ev).value
        assert v is not None, f"{mark}: checked by _row"
        return v

    def fits(i: int, v: float) -> bool:
        before = i == 0 or not marks.better(value(rows[i - 1].mark), v, ev)
        after = i + 1 == len(rows) or any(not marks.better(v, value(m), ev) for m in
                                          (rows[i + 1].mark, others.get(rows[i + 1].ref, rows[i + 1].mark)))
        return before and after

    for i, r in enumerate(rows):
        other = others.get(r.ref)
        if other and not fits(i, value(r.mark)) and fits(i, value(other)):
            batch.rejected.append(Rejected(source.id, r.ref, f"{r.mark} read as {other}: one digit of "
                                           "centimetres, the reading that fits the sequence", corrected=True))
            rows[i] = replace(r, mark=other)
    return rows


def _drop_out_of_sequence(rows: list[RecordRow], source: Source, batch: ImportBatch) -> list[RecordRow]:
    """A record must beat (or equal) the one before it. A row better than the record after it, where its
    neighbours are in order without it, is a wrong mark in the file (and the same for a row worse than the
    one before it). Combined events are left alone: their scoring tables changed over time."""
    if not rows or events.get(rows[0].event).kind == events.COMBINED:
        return rows
    rows = sorted(rows, key=lambda r: r.date or "")
    v = [marks.parse_mark(r.mark, r.event).value for r in rows]
    ev = rows[0].event

    def worse(a, b):  # a strictly worse than b
        return marks.better(b, a, ev)

    def in_order(j, k):  # rows j < k, when both exist, are in record order
        return j < 0 or k >= len(rows) or not worse(v[k], v[j])

    bad = set()  # (row, the row it clashes with)
    for i in range(len(rows)):
        if i + 1 < len(rows) and worse(v[i + 1], v[i]) and in_order(i - 1, i + 1):
            bad.add((i, i + 1))  # too good for its place
        if i > 0 and worse(v[i], v[i - 1]) and in_order(i - 1, i + 1):
            bad.add((i, i - 1))  # too bad for its place
    dropped = {i for i, _ in bad}
    for i, other in sorted(bad):
        r, o = rows[i], rows[other]
        rel = "better than the later" if other > i else "worse than the earlier"
        which = "one of the two is wrong in this file" if other in dropped else "wrong in this file"
        batch.rejected.append(Rejected(source.id, r.ref, f"{r.mark} ({r.date}) is out of sequence: {rel} "
                                       f"record {o.mark} ({o.date}, line {o.ref.rsplit(':', 1)[1]}); {which}"))
    return [r for i, r in enumerate(rows) if i not in dropped]


# ---------------------------------------------------------------- dungates


@guarded
def load_dungates(path: Path) -> ImportBatch:
    return _load_csv(path, "dungates", lambda fields: fields == ["Athlete", "Date", "Time", "Location", "Distance",
                                                                 "Nationality"], _dungates_row)


def _dungates_row(batch: ImportBatch, row: dict, where: str) -> RecordRow:
    source = batch.source
    event = _coded(DUNGATES_EVENTS, row, "Distance", "distance", "has no event code")
    date = parse_date(row["Date"])
    mark = time_text(float(row["Time"]), event, date)
    venue, country = _place(row["Location"])
    return _row(source, where, event, "M", _athlete(row["Athlete"], row["Nationality"], "M", False),
                mark, date, venue=venue, country=country)


def _place(text: str) -> tuple[str | None, str | None]:
    """'Stockholm, Sweden' -> ('Stockholm, Sweden', 'SWE'); 'Oxford' -> ('Oxford', None); 'NA' -> (None, None)."""
    t = " ".join((text or "").replace("\xa0", " ").split())
    if t in ("", "NA"):
        return None, None
    last = t.rsplit(",", 1)[-1].strip() if "," in t else None
    return t, (country_code(last, _PLACES) if last else None)


# ---------------------------------------------------------------- tsoleary


@guarded
def load_tsoleary(path: Path) -> ImportBatch:
    needed = {"Date", "event", "sex", "Time", "Wind", "Athlete", "Nationality", "keep"}
    return _load_csv(path, "tsoleary", lambda fields: needed <= set(fields), _tsoleary_row)


def _tsoleary_row(batch: ImportBatch, row: dict, where: str) -> RecordRow:
    source = batch.source
    if row["keep"] != "TRUE":
        raise _Reject(f"keep={row['keep']!r}: the source's own filter leaves it out")
    event = _coded(TSOLEARY_EVENTS, row, "event", "event", "has no event code")
    sex = _coded({"m": "M", "w": "W"}, row, "sex", "sex", "not understood")
    date = parse_date(row["Date"])
    seconds, _ = marks.parse_time(row["Time"])
    mark = time_text(seconds, event, date)
    wind_text = row["Wind"]
    if wind_text.endswith("*"):  # a footnote marker on the reading (e.g. the 1988 10.49)
        batch.rejected.append(Rejected(source.id, where, f"wind {wind_text!r} read as "
                                       f"{wind_text.rstrip('*')!r} (footnote marker)", corrected=True))
        wind_text = wind_text.rstrip("*")
    wind = marks.parse_wind(wind_text)
    return _row(source, where, event, sex, _athlete(row["Athlete"], row["Nationality"], sex, False),
                mark, date, wind=wind)


