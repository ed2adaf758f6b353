"""`bot data check --against DIR`: the built database compared with the reference files themselves.

Our own tests share our blind spots, so this reads the raw files with readers of its own (plain csv, no
importer) and compares what fans see: every championship podium with the medallist files, every current
world record with the freshest marks the sources hold, and the identity invariants (one athlete once per
race, one race once). Each disagreement is a Finding; a finding listed in data/decisions.csv (check, key,
reason, test) is a documented decision, anything else makes the command exit non-zero.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import fuzz

from bot.common import events as ev
from bot.common import marks as mk
from bot.common import names
from bot.pipeline.importers.diamond_league import event_and_sex
from bot.pipeline.importers.wa_toplists import SLUG_EVENTS

DECISIONS = Path(__file__).resolve().parents[2] / "data" / "decisions.csv"
MEDALS = {"gold": 1, "silver": 2, "bronze": 3}
# championship_number in IAAF_Results.csv -> year (1 = Helsinki 1983 ... 14 = Moskva 2013)
WCH_YEARS = dict(enumerate([1983, 1987, 1991, 1993, 1995, 1997, 1999, 2001, 2003, 2005, 2007, 2009, 2011, 2013], 1))
# Tokyo 2020 took place in 2021; our competitions carry the year it was held.
OG_HELD = {2020: 2021}


@dataclass(frozen=True)
class Finding:
    check: str          # "og-podium", "wch-podium", "final-split", "athlete-twice", "race-twice", "stale-wr",
                        # "rio-details"
    key: str            # what it is about, stable across builds: "2012 W 1500m 1"
    detail: str         # what the source says and what we hold

    def line(self) -> str:
        return f"{self.check}: {self.key}: {self.detail}"


@dataclass
class Report:
    compared: dict[str, int]
    findings: list[Finding]
    documented: list[tuple[Finding, str]]

    @property
    def clean(self) -> bool:
        return not self.findings


# --------------------------------------------------------------------------------------------- name matching

def _folded_tokens(text: str) -> set[str]:
    return {t for t in re.split(r"[^a-z]+", names.fold(text)) if len(t) > 1}


def _family_tokens(source_name: str) -> set[str]:
    """The family name as a medallist file writes it: the upper-case words ("HOCKER Cole", "Mo FARAH")."""
    upper = [w for w in source_name.split() if len(w) > 1 and w.upper() == w and any(c.isalpha() for c in w)]
    return _folded_tokens(" ".join(upper or source_name.split()[-1:]))


def _latin(text: str) -> bool:
    return all(ord(c) < 0x400 for c in text)


class People:
    """Every spelling the database knows for an athlete, folded, for matching source names."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._cache: dict[int, set[str]] = {}

    def tokens(self, athlete_id: int) -> set[str]:
        if athlete_id not in self._cache:
            rows = self.conn.execute("SELECT name FROM athletes WHERE id = ? UNION ALL "
                                     "SELECT alias FROM athlete_aliases WHERE athlete_id = ?",
                                     (athlete_id, athlete_id)).fetchall()
            found: set[str] = set()
            for (text,) in rows:
                found |= _folded_tokens(text)
                found.add(names.fold(text).replace(" ", "").replace("-", ""))   # 'ElGuerrouj' style
            self._cache[athlete_id] = found
        return self._cache[athlete_id]

    def matches(self, athlete_id: int, family: set[str]) -> bool:
        """Does one of the athlete's spellings hold this family name? A double-barrelled or married name
        matches on any of its parts ("Zhupiyeva-Vyazova" is Vyazova); a transliteration on a close spelling
        ("Nikolaeva" / "Nikolayeva")."""
        mine = self.tokens(athlete_id)
        if not family:
            return False
        if family <= mine or "".join(sorted(family)) in mine or any("".join(family) in t for t in mine):
            return True
        return any(fuzz.ratio(f, t) >= 70 for f in family if len(f) > 3 for t in mine if len(t) > 3)


# ----------------------------------------------------------------------------------------------- podiums

@dataclass(frozen=True)
class Medal:
    place: int
    nation: str
    family: set[str] | frozenset[str]    # empty when the name cannot be compared (Cyrillic, a relay team)
    shown: str
    ref: str
    loose: bool = False     # a Cyrillic transliteration: a close spelling or the nation will do


# Walks a medal list names by a track distance that the toplists hold as the road walk of that distance (the
# Olympic women's '10000m walk' of 1992 and 1996 is wa-toplists' 10-kilometres-race-walk at that Games).
WALK_TWINS = {"10000mW": "10kmW", "20000mW": "20kmW", "30000mW": "30kmW", "50000mW": "50kmW"}


def _final_rows(conn: sqlite3.Connection, series: str, year: int, code: str, sex: str):
    """{race_id: [(place, athlete_id, nationality, name, is_team)]} for the final(s) of that event (or, for a
    walk with no final of its own, of its road twin)."""
    races = _final_rows_of(conn, series, year, code, sex)
    if not races and code in WALK_TWINS:
        races = _final_rows_of(conn, series, year, WALK_TWINS[code], sex)
    return races


def _final_rows_of(conn: sqlite3.Connection, series: str, year: int, code: str, sex: str):
    rows = conn.execute(
        "SELECT r.id, s.place, a.id, a.nationality, a.name, a.is_team FROM competitions c "
        "JOIN races r ON r.competition_id = c.id JOIN events e ON e.id = r.event_id "
        "JOIN results s ON s.race_id = r.id JOIN athletes a ON a.id = s.athlete_id "
        "WHERE c.series_id = ? AND c.year = ? AND e.code = ? AND e.sex = ? AND r.round = 'F'",
        (series, year, code, sex)).fetchall()
    races: dict[int, list] = defaultdict(list)
    for race, place, aid, nat, name, team in rows:
        races[race].append((place, aid, nat, name, team))
    return races


def _compare_podium(check: str, key: str, medals: list[Medal], races: dict[int, list],
                    people: People) -> Iterator[Finding]:
    if not races:
        yield Finding(check, key, "no final in the database; the source lists "
                      + ", ".join(f"{m.place}. {m.shown} ({m.nation})" for m in medals))
        return
    if len(races) > 1:
        medal_races = [r for r, rows in races.items() if any(p in (1, 2, 3) for p, *_ in rows)]
        if len(medal_races) > 1:
            yield Finding("final-split", key, f"{len(medal_races)} races hold medal places: {sorted(medal_races)}")
    held = [(p, aid, nat, name, team) for rows in races.values() for p, aid, nat, name, team in rows]
    for m in medals:
        at_place = [(aid, nat, name, team) for p, aid, nat, name, team in held if p == m.place]
        if not at_place:
            yield Finding(check, f"{key} {m.place}", f"source: {m.shown} ({m.nation}) [{m.ref}]; we have nobody")
            continue
        # the name decides when it can be compared (athletes change nations: GDR -> GER, KEN -> USA);
        # the nation only for a relay team or a name we cannot read
        ok = any((m.loose and nat == m.nation) or (people.matches(aid, set(m.family)) if m.family and not team
                                                   else (not nat or nat == m.nation))
                 for aid, nat, name, team in at_place)
        if not ok:
            ours = "; ".join(f"{name} ({nat})" for _, nat, name, _ in at_place)
            yield Finding(check, f"{key} {m.place}", f"source: {m.shown} ({m.nation}) [{m.ref}]; we have {ours}")
    places = {m.place for m in medals}
    for p, _aid, nat, name, _team in held:
        if p in (1, 2, 3) and p not in places:
            yield Finding(check, f"{key} {p}", f"we have {name} ({nat}) at {p}; the source has no such medal")


def olympic_medallists(shared: Path) -> dict[tuple[int, str, str], list[Medal]]:
    file = shared / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv"
    out: dict[tuple[int, str, str], list[Medal]] = defaultdict(list)
    with open(file, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for row in reader:
            if row["sport"] != "Athletics" or row["medal"].lower() not in MEDALS:
                continue
            code, sex = event_and_sex(f"{row['event_gender']} {row['event_name']}")
            if not code or not sex:
                continue
            relay = ev.get(code).kind == ev.RELAY
            who = row["athletes"].strip()
            if relay or "," in who:
                family: frozenset[str] = frozenset()
            elif _latin(who):
                family = frozenset(_family_tokens(who))
            else:   # 1996-2004 are written in Cyrillic, family name last
                family = frozenset(_folded_tokens(anyascii(who).split()[-1]))
            out[(int(row["year"]), code, sex)].append(
                Medal(MEDALS[row["medal"].lower()], row["country_code"].strip(), family, who,
                      f"{file.name}:{reader.line_num}", loose=not _latin(who)))
    return out


def olympic_medallists_with_marks(shared: Path) -> dict[tuple[int, str, str, int], set[str]]:
    """The second medallist file (to 2016): (year, event, sex, place) -> the family names it gives."""
    file = shared / "olympic-medallists-marks-1896-2016" / "results.csv"
    out: dict[tuple[int, str, str, int], set[str]] = defaultdict(set)
    with open(file, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            if len(row) < 8 or row[0] == "Gender":
                continue
            code, sex = event_and_sex(row[1])
            place = {"G": 1, "S": 2, "B": 3}.get(row[4])
            if code and sex and place:
                out[(int(row[3]), code, sex, place)] |= _family_tokens(row[5])
    return out


def _agree(first: set[str], second: set[str]) -> bool:
    """Do the two medallist files name the same athlete (or both nobody) for one medal?"""
    if not first or not second:
        return not first and not second
    return any(fuzz.ratio(a, b) >= 70 for a in first for b in second)


def olympic_podiums(conn: sqlite3.Connection, shared: Path, people: People) -> tuple[int, list[Finding]]:
    """The podiums of olympic-medallists-1896-2024. The rule (issue 14): where the two medallist files agree
    on a medal, that is the place. Where the older file names someone else (it applies no reallocation after
    a doping case), the medal is disputed: the finding says so and the toplists' order stands."""
    found: list[Finding] = []
    medallists = olympic_medallists(shared)
    second = olympic_medallists_with_marks(shared)
    years = {y for y, *_ in second}
    for (year, code, sex), medals in sorted(medallists.items()):
        races = _final_rows(conn, "OG", OG_HELD.get(year, year), code, sex)
        for f in _compare_podium("og-podium", f"OG {year} {sex} {code}", medals, races, people):
            place = int(f.key.rsplit(" ", 1)[1]) if f.check == "og-podium" and f.key.count(" ") == 4 else None
            if place and year in years and not _agree({t for m in medals if m.place == place for t in m.family},
                                                      second.get((year, code, sex, place), set())):
                f = Finding("og-podium-disputed", f.key, f.detail + "; the marks file gives "
                            + (", ".join(sorted(second.get((year, code, sex, place), set()))) or "no such medal"))
            found.append(f)
    return len(medallists), found


def wch_podiums(conn: sqlite3.Connection, shared: Path, people: People) -> tuple[int, list[Finding]]:
    file = shared / "wc-track-finals-1983-2013" / "IAAF_Results.csv"
    podiums: dict[tuple[int, str, str], list[Medal]] = defaultdict(list)
    cities: dict[tuple[int, str, str], str] = {}
    with open(file, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for row in reader:
            if row["place"] not in ("1", "2", "3") or not row["mark_time"]:
                continue
            sex = "M" if row["gender"] == "men" else "W"
            code = f"{int(float(row['distance']))}m"
            family = frozenset(_folded_tokens(row["athlete_last_name"]))
            cities[(WCH_YEARS[int(row["championship_number"])], code, sex)] = row["location"]
            podiums[(WCH_YEARS[int(row["championship_number"])], code, sex)].append(
                Medal(int(row["place"]), row["country"].strip(), family,
                      f"{row['athlete_first_name']} {row['athlete_last_name']}", f"{file.name}:{reader.line_num}"))
    found: list[Finding] = []
    toplists = ToplistPlaces(shared)
    for (year, code, sex), medals in sorted(podiums.items()):
        for finding in _compare_podium("wch-podium", f"WCH {year} {sex} {code}", medals,
                                 _final_rows(conn, "WCH", year, code, sex), people):
            place = int(finding.key.rsplit(" ", 1)[1]) if finding.key.count(" ") == 4 else None
            ours = finding.detail.split("we have ", 1)[-1]
            listed = toplists.at(code, sex, year, cities[(year, code, sex)], place) if place else []
            if listed and any(_folded_tokens(n) & _folded_tokens(ours) for n in listed):
                finding = Finding("wch-podium-reallocated", finding.key, finding.detail + f"; wa-toplists give place {place} to "
                            + ", ".join(listed))
            found.append(finding)
    return len(podiums), found


class ToplistPlaces:
    """Who wa-toplists place where in a championship final: the list as World Athletics shows it today, with
    annulled marks removed, so it knows reallocations the 2015 finals file does not."""

    def __init__(self, shared: Path) -> None:
        self.root = shared / "wa-toplists"
        self._rows: dict[tuple[str, str], list[dict[str, str]]] = {}

    def _file(self, code: str, sex: str) -> list[dict[str, str]]:
        if (code, sex) not in self._rows:
            rows: list[dict[str, str]] = []
            for slug, c in SLUG_EVENTS.items():
                path = self.root / ("male" if sex == "M" else "female") / f"{slug}.csv.gz"
                if c == code and path.exists():
                    with gzip.open(path, "rt", newline="", encoding="utf-8") as f:
                        rows += [r for r in csv.DictReader(f) if r.get("age_cat", "senior") == "senior"]
            self._rows[(code, sex)] = rows
        return self._rows[(code, sex)]

    def at(self, code: str, sex: str, year: int, city: str, place: int) -> list[str]:
        folded = names.fold(city)
        return [r["competitor"] for r in self._file(code, sex)
                if r["date"][:4] == str(year) and r["position"] == str(place) and folded in names.fold(r["venue"])]


# ---------------------------------------------------------------------------------------------- identity

def athlete_twice(conn: sqlite3.Connection) -> tuple[int, list[Finding]]:
    races = conn.execute("SELECT count(*) FROM races").fetchone()[0]
    rows = conn.execute(
        "SELECT s.race_id, a.name, count(*) FROM results s JOIN athletes a ON a.id = s.athlete_id "
        "WHERE a.is_team = 0 GROUP BY s.race_id, s.athlete_id HAVING count(*) > 1").fetchall()
    return races, [Finding("athlete-twice", f"race {race} {name}", f"{n} results for one athlete in one race")
                   for race, name, n in rows]


def race_twice(conn: sqlite3.Connection) -> tuple[int, list[Finding]]:
    """Two races of one event on one day that share two or more athletes: one race stored twice."""
    rows = conn.execute(
        "SELECT a.race_id, b.race_id, count(*), min(e.code), min(e.sex), min(ra.date), "
        "min(coalesce(c.name, ra.venue, '')) FROM results a "
        "JOIN results b ON b.athlete_id = a.athlete_id AND b.race_id > a.race_id "
        "JOIN races ra ON ra.id = a.race_id JOIN races rb ON rb.id = b.race_id "
        "JOIN events e ON e.id = ra.event_id LEFT JOIN competitions c ON c.id = ra.competition_id "
        "WHERE ra.event_id = rb.event_id AND ra.date = rb.date AND ra.date IS NOT NULL "
        "AND coalesce(ra.round, '') = coalesce(rb.round, '') AND coalesce(ra.heat, 0) = coalesce(rb.heat, 0) "
        "AND ra.indoor = rb.indoor "
        "GROUP BY a.race_id, b.race_id HAVING count(*) >= 2").fetchall()
    pairs = conn.execute("SELECT count(*) FROM races WHERE date IS NOT NULL").fetchone()[0]
    # The key names the day, event and meeting (race ids change from build to build); the detail the races.
    return pairs, [Finding("race-twice", f"{date} {sex} {code} {where}", f"races {ra}/{rb}: {n} athletes in both")
                   for ra, rb, n, code, sex, date, where in rows]


# ----------------------------------------------------------------------------------------------- records

def _toplist_best(shared: Path) -> dict[tuple[str, str, bool], tuple[float, str, str, str]]:
    """The best senior mark with a legal wind in each wa-toplists file: (event, sex, indoor) -> best."""
    best: dict[tuple[str, str, bool], tuple[float, str, str, str]] = {}
    root = shared / "wa-toplists"
    for sex_dir, sex in (("male", "M"), ("female", "W")):
        for file in sorted((root / sex_dir).glob("*.csv.gz")):
            with gzip.open(file, "rt", newline="", encoding="utf-8") as f:
                reader = csv.DictReader(f)
                code = SLUG_EVENTS.get(file.name.removesuffix(".csv.gz"))
                if code is None:
                    continue
                event = ev.get(code)
                for row in reader:
                    if row.get("age_cat", "senior") != "senior" or not row["mark"]:
                        continue
                    try:
                        value = mk.parse_mark(row["mark"], code).value
                    except mk.MarkError:
                        continue
                    if value is None:
                        continue
                    wind = row.get("wind") or ""
                    try:
                        if wind and float(wind) > 2.0:
                            continue
                    except ValueError:
                        pass
                    indoor = row["venue"].rstrip().endswith("(i)")
                    key = (code, sex, indoor and event.kind not in (ev.FIELD,))
                    old = best.get(key)
                    better = old is None or (value < old[0] if event.lower_is_better else value > old[0])
                    if better:
                        best[key] = (value, row["competitor"], row["date"], f"{file.name}:{reader.line_num}")
    return best


def stale_world_records(conn: sqlite3.Connection, shared: Path) -> tuple[int, list[Finding]]:
    found: list[Finding] = []
    compared = 0
    for (code, sex, indoor), (value, who, date, ref) in sorted(_toplist_best(shared).items()):
        row = conn.execute(
            "SELECT r.mark, r.date, a.name, r.mark_value FROM records r JOIN events e ON e.id = r.event_id "
            "LEFT JOIN athletes a ON a.id = r.athlete_id WHERE r.kind = 'world' AND r.region = 'WORLD' "
            "AND r.current = 1 AND e.code = ? AND e.sex = ? AND r.indoor = ?", (code, sex, int(indoor))).fetchone()
        if row is None:
            continue
        compared += 1
        ours = row[3]
        beats = value < ours - 1e-6 if ev.get(code).lower_is_better else value > ours + 1e-6
        if beats:
            found.append(Finding("stale-wr", f"{sex} {code}{' indoor' if indoor else ''}",
                                 f"we hold {row[0]} ({row[2]}, {row[1]}); the toplists hold {who} "
                                 f"{mk.format_mark(value, code)} on {date} [{ref}]"))
    return compared, found


# ------------------------------------------------------------------------------------------------- runner

def decisions(path: Path = DECISIONS) -> dict[tuple[str, str], str]:
    """(check, key) -> reason, from data/decisions.csv."""
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {(r["check"], r["key"]): r["reason"] for r in csv.DictReader(f) if r.get("check")}


def _by_rule(f: Finding) -> str | None:
    """Disagreements a documented rule settles, so they need no line of their own in data/decisions.csv."""
    if f.check == "wch-podium-reallocated":
        return ("wc-track-finals-1983-2013 predates later annulments (its SOURCES.md entry: DQs after 2015 are "
                "not applied); wa-toplists, the authority for results, give the place to the athlete we hold")
    if f.check == "og-podium-disputed" and "we have nobody" not in f.detail:
        return ("the two medallist files disagree on this medal (the older one applies no reallocation): "
                "the toplists' order stands (data/SOURCES.md, championship places)")
    return None


def _raw_details(r: dict) -> dict[str, tuple]:
    """A Rio row's details as the file writes them (a height written {'roundresults': ...} read as its own)."""
    heights = []
    for h in r.get("heights") or []:
        inner = h.get("roundresults") if isinstance(h, dict) else None
        heights.append((inner["performance"], inner["round"]) if isinstance(inner, dict)
                       else (h.get("height"), h.get("results")))
    return {"reaction": (r["reactionTime"],) if r.get("reactionTime") else (),
            "attempt": tuple(a.get("performance") for a in r.get("attempts") or []),
            "height": tuple(heights), "leg": tuple(str(x.get("legNumber")) for x in r.get("runners") or [])}


def rio_details(conn: sqlite3.Connection, shared: Path) -> tuple[int, list[Finding]]:
    """Every Rio 2016 final's reaction times, series, height sheets and relay legs, place by place, as the raw
    file has them (its open events; the combined events' sub-events are no race of ours). A shared place holds
    each of its athletes' details: compared as a sorted list."""
    path = shared / "rio2016-complete-tilastopaja" / "rio_athletics_results.json"
    if not path.exists():
        return 0, []
    per_result: dict[int, tuple[tuple, dict[str, tuple]]] = {}
    for rid, code, sex, place, kind, mark, outcome, seq in conn.execute(
            "SELECT s.id, e.code, e.sex, s.place, d.kind, d.mark, d.outcome, d.seq FROM result_details d "
            "JOIN results s ON s.id = d.result_id JOIN races r ON r.id = s.race_id JOIN events e ON e.id = r.event_id "
            "JOIN competitions c ON c.id = r.competition_id WHERE c.series_id = 'OG' AND c.year = 2016 "
            "AND r.round = 'F' AND s.place IS NOT NULL ORDER BY d.result_id, d.kind, d.seq"):
        details = per_result.setdefault(rid, ((code, sex, place), defaultdict(tuple)))[1]
        details[kind] += ((mark, outcome) if kind == "height" else str(seq) if kind == "leg" else mark,)
    held: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for key, details in per_result.values():
        for kind, values in details.items():
            held[key][kind].append(values)
    raw: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for b in json.loads(path.read_text("utf-8"))["events"]:
        code, sex = event_and_sex(b.get("name", ""))
        if b.get("round") != "FINAL" or b.get("athlon") or code is None or code in ("DEC", "HEP") or sex is None:
            continue
        for r in b["result"]:
            rank = str(r.get("rank") or "")
            if rank.isdigit():
                for kind, values in _raw_details(r).items():
                    if values:
                        raw[(code, sex, int(rank))][kind].append(values)
    n, out = 0, []
    for key in sorted(set(raw) | set(held)):
        for kind in sorted(set(raw[key]) | set(held[key])):
            n += 1
            if sorted(raw[key][kind]) != sorted(held[key][kind]):
                out.append(Finding("rio-details", f"2016 {key[1]} {key[0]} {key[2]} {kind}",
                                   f"the file has {sorted(raw[key][kind])}, we hold {sorted(held[key][kind])}"))
    return n, out


def run(conn: sqlite3.Connection, shared: Path, only: set[str] | None = None) -> Report:
    people = People(conn)
    steps: list[tuple[str, Callable[[], tuple[int, list[Finding]]]]] = [
        ("Olympic podiums (olympic-medallists-1896-2024)", lambda: olympic_podiums(conn, shared, people)),
        ("World Championships podiums (wc-track-finals-1983-2013)", lambda: wch_podiums(conn, shared, people)),
        ("races, one athlete once", lambda: athlete_twice(conn)),
        ("races with a date, none stored twice", lambda: race_twice(conn)),
        ("current world records against the best legal toplist mark", lambda: stale_world_records(conn, shared)),
        ("Rio 2016 finals' reaction times, series, height sheets and legs", lambda: rio_details(conn, shared)),
    ]
    known = decisions()
    compared: dict[str, int] = {}
    open_: list[Finding] = []
    documented: list[tuple[Finding, str]] = []
    for label, step in steps:
        if only and not any(o in label for o in only):
            continue
        n, found = step()
        compared[label] = n
        for f in found:
            reason = known.get((f.check, f.key)) or _by_rule(f)
            (documented.append((f, reason)) if reason else open_.append(f))
    return Report(compared, open_, documented)


def render(report: Report) -> str:
    lines = ["cross-check against the reference datasets:"]
    lines += [f"  compared {n:,}: {label}" for label, n in report.compared.items()]
    for f, reason in report.documented:
        lines.append(f"  documented {f.line()} -- {reason}")
    lines += [f"  DISAGREES {f.line()}" for f in report.findings]
    by_check: dict[str, int] = defaultdict(int)
    for f in report.findings:
        by_check[f.check] += 1
    lines.append("cross-check: clean" if report.clean else
                 f"cross-check: {len(report.findings)} undocumented disagreement(s) "
                 + ", ".join(f"{k} {v}" for k, v in sorted(by_check.items()))
                 + f"; {len(report.documented)} documented")
    return "\n".join(lines)
