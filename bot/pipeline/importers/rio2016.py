"""Rio 2016 Olympic athletics, every round (Tilastopaja data via openath/athlib).

Input folder: rio_athletics_results.json (258 event/round blocks) and rio_entries.json (birthdates).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from bot.common import events as ev
from bot.common import marks, names
from bot.pipeline.importers.diamond_league import checked_mark, event_and_sex, is_status
from bot.pipeline.importers.model import (
    AthleteRef,
    ImportBatch,
    MeetHint,
    Performance,
    Rejected,
    RelayMember,
    ResultDetail,
    Source,
    SourceFileError,
    guarded,
)

SOURCE = Source(
    id="rio2016-complete-tilastopaja",
    name="Rio 2016 Olympic Games athletics, complete (Tilastopaja)",
    origin="github.com/openath/athlib @ fe60183d75eec30c54c638449b562360f73e2e67 (sampledata/rio2016/)",
    licence="ODbL (data by Tilastopaja Oy)",
    authority=90,
    notes="All rounds, all athletes, Tilastopaja athlete ids, record flags. Sub-events of the decathlon and "
          "heptathlon reuse open-event names (e.g. the decathlon 1500 m under '1500 m Men'); they are rejected. "
          "'37.62DQ' / 'DQ R 163.3a' style marks are stored as DQ. The 100 m preliminary round is round R1. "
          "Venue is the city (road events were not in the stadium). Names and birth dates come from "
          "rio_entries.json when the entry of the row's athlete id has the row's sex and name words (else the id "
          "is mistyped and is not trusted); birth dates after the Games (16.11.2016) are placeholders, not used.",
)

_ROUNDS = {"FINAL": "F", "SEMI": "SF", "HEAT": "H"}
_COMBINED = ("DEC", "HEP")
RESULTS, ENTRIES = "rio_athletics_results.json", "rio_entries.json"


_ENTRY_TEXT = ("id", "firstname", "lastname", "gender", "birthdate")


def _entries(batch: ImportBatch, path: Path, entries: object) -> dict[str, dict]:
    """Athlete id -> its entry (one per event entered; they agree on name, sex and birth date). An entry whose
    name, sex, id or birth date is not text is rejected here, under this file's name, so it never reaches a
    result row (where it would be reported against the results file)."""
    if not isinstance(entries, list):
        raise SourceFileError(f"{path / ENTRIES}: not a list of entries")
    kept: dict[str, dict] = {}
    for i, e in enumerate(entries):
        bad = [k for k in _ENTRY_TEXT if isinstance(e, dict) and not isinstance(e.get(k), str | None)]
        if not isinstance(e, dict) or bad:
            batch.rejected.append(Rejected(SOURCE.id, f"{ENTRIES}:{i}",
                                           (f"{', '.join(bad)} not text" if bad else "not an object")
                                           + ": the entry is not used"))
            continue
        if e.get("id"):
            kept[e["id"]] = e
    return kept


def _birth_date(entry: dict) -> str | None:
    m = re.fullmatch(r"(\d\d)\.(\d\d)\.(\d{4})", entry.get("birthdate") or "")
    return f"{m[3]}-{m[2]}-{m[1]}" if m else None


def _row_athlete(batch: ImportBatch, rref: str, r: dict, sex: str, entries: dict[str, dict],
                 games_end: str) -> AthleteRef:
    """The athlete of a result row, with the name and birth date of its entry when the entry is that athlete.
    The entries split names rightly ('Luiz Alberto' / 'de Araújo', where the results have 'Luiz' / 'Alberto De
    Araújo') and write Chinese names family name first with no last name ('Xue Changrui', results 'Xue' /
    'Changrui'). An entry of another sex or name is a mistyped id in the results (Alina Armas's marathon row
    carries Pierre-Ambroise Bosse's 121090): neither its name nor its birth date is used. A birth date after
    the Games (16.11.2016, ten entries) is a placeholder and is not a birth date."""
    aid = str(r.get("tpAthleteId") or "") or None
    given, family = r.get("givenName") or "", r.get("familyName") or ""
    if given == "?":  # a mononym: rio_entries.json has no firstname for her ('Sapna', IND)
        batch.rejected.append(Rejected(SOURCE.id, rref, f"given name '?' read as none: {family!r} is a mononym",
                                       corrected=True))
        given = ""
    written = None
    entry = entries.get(aid or "")
    if entry is not None and (entry.get("gender") != sex or
                              sorted(names.tokens(f"{entry.get('firstname') or ''} {entry.get('lastname') or ''}"))
                              != sorted(names.tokens(f"{given} {family}"))):
        batch.rejected.append(Rejected(SOURCE.id, rref, (
            f"athlete id {aid} is {entry.get('firstname')} {entry.get('lastname') or ''} ({entry.get('gender')}) "
            f"in {ENTRIES}, not this row's {given} {family} ({sex}): the entry's name and birth date are not "
            f"used"), corrected=True))
        entry = None
    bd = None
    if entry is not None:
        if entry.get("lastname"):
            given, family = entry.get("firstname") or given, entry["lastname"]
        elif entry.get("firstname"):
            # Family name first: the results' "given" word is the family name.
            written, given, family = entry["firstname"], family, given
        bd = _birth_date(entry)
        if bd and bd > games_end:
            batch.rejected.append(Rejected(SOURCE.id, rref, (
                f"{ENTRIES} gives {given} {family} the birth date {entry.get('birthdate')}, after the Games: a "
                f"placeholder, not used"), corrected=True))
            bd = None
    return AthleteRef(given, family, sex, r.get("country"), birth_date=bd, birth_year=int(bd[:4]) if bd else None,
                      source_athlete_id=aid, written=written)


def _round(block: dict) -> tuple[str | None, int | None, str | None]:
    """(round, heat, race_label) from round / roundName: 'HEAT' + 'Heat 3', 'PRELIM' + 'Qualification'..."""
    name = block.get("roundName") or ""
    n = re.search(r"(\d+)$", name)
    heat = int(n.group(1)) if n else None
    if block.get("round") == "PRELIM":
        if name.startswith("Prelim"):  # the 100 m preliminary round, before the heats
            return "R1", heat, f"Preliminary round {heat}" if heat else "Preliminary round"
        return "Q", None, None
    return _ROUNDS.get(block.get("round") or ""), heat, None


def _runners(batch: ImportBatch, rref: str, r: dict, event: str, sex: str, place: int, year: int,
             entries: dict[str, dict], games_end: str) -> None:
    """The runners of a relay team that won a medal, by leg: the Olympic medal list names only the nation for
    most 2016 relays, this file names who ran the final, so their relay medals count as theirs."""
    for leg in r.get("runners") or []:
        if not isinstance(leg, dict) or not (leg.get("familyName") or leg.get("givenName")):
            batch.rejected.append(Rejected(SOURCE.id, rref, "relay runner without a name: not counted"))
            continue
        lref = f"{rref}/leg{leg.get('legNumber') or ''}"
        batch.relay_members.append(RelayMember(SOURCE.id, lref, "OG", year, event, sex, r.get("country") or "",
                                               place, _row_athlete(batch, lref, leg, sex, entries, games_end)))


def _heights(batch: ImportBatch, rref: str, r: dict) -> None:
    """A vertical jump's sheet, in the order jumped. Seven rows write one height as {'roundresults':
    {'performance': height, 'round': attempts}}: the same two facts under other keys, read as such."""
    for i, h in enumerate(r.get("heights") or [], 1):
        h = h if isinstance(h, dict) else {}
        if isinstance(h.get("roundresults"), dict):
            batch.rejected.append(Rejected(SOURCE.id, f"{rref}/height{i}", "height written as 'roundresults': "
                                           "its performance read as the height, its round as the attempts",
                                           corrected=True))
            h = {"height": h["roundresults"].get("performance"), "results": h["roundresults"].get("round")}
        height, tries = str(h.get("height") or ""), str(h.get("results") or "")
        if not re.fullmatch(r"\d\.\d\d", height) or not re.fullmatch(r"[XOR-]{1,4}", tries):
            batch.rejected.append(Rejected(SOURCE.id, f"{rref}/height{i}", f"height {height!r} with attempts "
                                           f"{tries!r} not read: left off the sheet"))
            continue
        batch.details.append(ResultDetail(SOURCE.id, f"{rref}/height{i}", rref, "height", i, height, tries))


def _attempts(batch: ImportBatch, rref: str, r: dict, event: str) -> None:
    """A horizontal jump's or throw's series: each attempt's mark ('X' a foul, 'P' a pass) and wind."""
    for a in r.get("attempts") or []:
        a = a if isinstance(a, dict) else {}
        raw, rnd = str(a.get("performance") or "").strip(), a.get("round")
        ok = raw in ("X", "P") or checked_mark(raw, event)[1] is None
        if not ok or not isinstance(rnd, int):
            batch.rejected.append(Rejected(SOURCE.id, f"{rref}/attempt{rnd}", f"attempt {raw!r} (round {rnd!r}) "
                                           "not read: left out of the series"))
            continue
        batch.details.append(ResultDetail(SOURCE.id, f"{rref}/attempt{rnd}", rref, "attempt", rnd, raw,
                                          wind=marks.parse_wind(a.get("wind"))))


def _details(batch: ImportBatch, rref: str, r: dict, event: str, sex: str, entries: dict[str, dict],
             games_end: str) -> None:
    """What a result row holds beyond the result: reaction time, series, height sheet, relay legs."""
    rt = str(r.get("reactionTime") or "").strip()
    if rt:
        if re.fullmatch(r"0\.\d{3}", rt):
            batch.details.append(ResultDetail(SOURCE.id, f"{rref}/reaction", rref, "reaction", mark=rt))
        else:
            batch.rejected.append(Rejected(SOURCE.id, f"{rref}/reaction", f"reaction time {rt!r} not read"))
    _attempts(batch, rref, r, event)
    _heights(batch, rref, r)
    for leg in r.get("runners") or []:
        if isinstance(leg, dict) and (leg.get("familyName") or leg.get("givenName")) and \
                isinstance(leg.get("legNumber"), int):
            lref = f"{rref}/leg{leg['legNumber']}"
            batch.details.append(ResultDetail(SOURCE.id, lref, rref, "leg", leg["legNumber"],
                                              athlete=_row_athlete(batch, lref, leg, sex, entries, games_end)))
        else:
            batch.rejected.append(Rejected(SOURCE.id, rref, "relay leg without a name or number: not kept"))


def _flags(r: dict) -> tuple[str, ...]:
    raw = list(r.get("recordFlags") or []) + (r.get("recordflag") or "").split()
    return tuple(dict.fromkeys(raw))  # dedupe ("=NJR =NJR =PB"), keep order


@guarded
def load(path: Path) -> ImportBatch:
    path = Path(path)
    file = path / RESULTS       # named `file` so a corrupted one is reported by name (model.guarded)
    data = json.loads(file.read_text("utf-8"))
    if not isinstance(data, dict) or "events" not in data:
        raise SourceFileError(f"{path / RESULTS}: no 'events' list")
    batch = ImportBatch(SOURCE)
    file = path / ENTRIES
    entries = _entries(batch, path, json.loads(file.read_text("utf-8")))
    file = path / RESULTS
    meet = MeetHint("OG", int(data.get("year") or 2016), data.get("name"))
    # Athletes of the combined events: a block made only of them is a combined-event sub-event even without
    # the 'athlon' key (the two signals agree on this file; both are checked).
    combined = {str(r.get("tpAthleteId")) for b in data["events"] if b.get("eventCode") in _COMBINED
                for r in b["result"]}
    games_end = max(b["date"] for b in data["events"] if b.get("date"))

    for bi, block in enumerate(data["events"]):
        ref = f"{RESULTS}:{bi}"
        results = block.get("result") or []
        title = f"{block.get('name')} {block.get('roundName') or block.get('round')}"
        ids = {str(r.get("tpAthleteId")) for r in results if r.get("tpAthleteId")}
        event, sex = event_and_sex(block.get("name", ""))
        sub_event = block.get("athlon") or (event not in _COMBINED and ids and ids <= combined)
        reason = None
        if sub_event:
            reason = f"{block.get('athlon') or 'combined-event'} sub-event, not an open {block.get('name')} race"
        elif event is None:
            reason = f"no event code for {block.get('name')!r}"
        elif sex is None or sex != block.get("gender"):
            reason = f"name says sex {sex}, gender field says {block.get('gender')}"
        round_, heat, label = _round(block)
        if reason is None and round_ is None:
            reason = f"unknown round {block.get('round')!r}"
        if reason:
            batch.rejected.append(Rejected(SOURCE.id, ref, f"{title}: {reason} ({len(results)} results)"))
            continue
        assert event is not None and sex is not None, "else a reason above"
        relay = ev.get(event).kind == ev.RELAY
        for ri, r in enumerate(results):
            rref = f"{ref}/{ri}"
            raw = (r.get("performance") or "").strip()
            # '37.62DQ', 'DQ 8:08.47', 'DQ R 163.3a', '56.03DQ IAAF Rule 32.2.a': disqualified; the time run is not kept
            mark, err = ("DQ", None) if "DQ" in raw else checked_mark(raw, event)
            if err:
                batch.rejected.append(Rejected(SOURCE.id, rref, err))
                continue
            rank = str(r.get("rank") or "").strip()
            if relay:
                athlete = AthleteRef("", r.get("teamCode") or r.get("country") or "", sex, r.get("country"),
                                     is_team=True)
                if round_ == "F" and rank in ("1", "2", "3") and not is_status(mark):
                    _runners(batch, rref, r, event, sex, int(rank), meet.year, entries, games_end)
            else:
                athlete = _row_athlete(batch, rref, r, sex, entries, games_end)
            group = (r.get("group") or "").strip()[:1]
            q_heat = "AB".index(group) + 1 if round_ == "Q" and group in ("A", "B") else heat
            batch.performances.append(Performance(
                source=SOURCE.id, ref=rref, event=event, sex=sex, athlete=athlete, mark=mark,
                date=block.get("date"), wind=marks.parse_wind(r.get("wind", block.get("wind"))),
                place=int(rank) if rank.isdigit() and not is_status(mark) else None, position=rank or None,
                round=round_, heat=q_heat, race_label=f"Group {group}" if round_ == "Q" and group else label,
                race_ref=f"{ref}/{group}" if round_ == "Q" and group else ref,
                venue=data.get("city"), country=data.get("country"), meet=meet, record_flags=_flags(r)))
            _details(batch, rref, r, event, sex, entries, games_end)
    return batch
