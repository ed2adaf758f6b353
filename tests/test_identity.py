"""One person, one athlete (issue 14, pattern 6), and the name shown for them (pattern 7), over the whole database.

Each test states an invariant of the built database (tests/conftest.py db, from data/) and, where a source
decides it, reads the raw reference file itself. The rules are in bot/pipeline/identity.py and
bot/pipeline/build/namesakes.py; data/SOURCES.md says why.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict

from bot.common import names, plausible
from bot.pipeline.identity import FAMILY_FIRST, WA_NAME_SOURCES
from tests.conftest import SHARED, needs_shared

RIO = SHARED / "rio2016-complete-tilastopaja"


def _key(text: str) -> str:
    return " ".join(sorted(names.tokens(text)))


def _aliases(db) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for aid, alias, src in db.execute("SELECT athlete_id, alias, source_id FROM athlete_aliases"):
        out[aid].append((alias, src))
    return out


# ------------------------------------------------------------------------------------------------ identity

def test_no_two_athletes_share_a_name_and_birth_date(db):
    """A name (any spelling, in any order) and a birth date are one person, whatever nation each row gives
    (Jacques Harvey, JAM, is Jak Ali Harvey, TUR)."""
    born = {aid: (dob, sex) for aid, dob, sex in db.execute(
        "SELECT id, birth_date, sex FROM athletes WHERE is_team = 0 AND birth_date IS NOT NULL")}
    seen: dict[tuple, set[int]] = defaultdict(set)
    for aid, spellings in _aliases(db).items():
        if aid in born:
            for alias, _ in spellings:
                seen[(_key(alias), *born[aid])].add(aid)
    assert not {k: v for k, v in seen.items() if len(v) > 1}


def test_every_athlete_has_the_sex_of_their_races(db):
    """An athlete id in a source never carries a row of the other sex (the Rio results give Pierre-Ambroise
    Bosse's id to Alina Armas's marathon): every result's athlete has its event's sex."""
    assert db.execute(
        "SELECT count(*) FROM results s JOIN races r ON r.id = s.race_id JOIN events e ON e.id = r.event_id "
        "JOIN athletes a ON a.id = s.athlete_id WHERE a.is_team = 0 AND e.sex IN ('M', 'W') AND a.sex != e.sex"
    ).fetchone()[0] == 0


@needs_shared()
def test_every_rio_result_is_its_athlete_by_name(db):
    """An athlete id is trusted only with the row's name: each Rio result's athlete has a spelling with the
    words of the Rio row (read from the raw file)."""
    rows = json.loads((RIO / "rio_athletics_results.json").read_text("utf-8"))["events"]
    written = {f"rio_athletics_results.json:{bi}/{ri}": _key(f"{r.get('givenName') or ''} {r.get('familyName') or ''}")
               for bi, b in enumerate(rows) for ri, r in enumerate(b["result"]) if r.get("tpAthleteId")}
    spellings = {aid: {_key(a) for a, _ in v} for aid, v in _aliases(db).items()}
    wrong = [(ref, aid) for ref, aid in db.execute(
        "SELECT source_ref, athlete_id FROM results WHERE source_id = 'rio2016-complete-tilastopaja'")
        if ref in written and written[ref] not in spellings[aid]]
    assert len(written) > 3000 and not wrong


@needs_shared()
def test_rio_placeholder_birth_dates_are_not_birth_dates(db):
    """rio_entries.json gives ten athletes the birth date 16.11.2016, after the Games: no athlete is born
    after the Games they raced."""
    entries = json.loads((RIO / "rio_entries.json").read_text("utf-8"))
    late = {e["birthdate"] for e in entries if re.fullmatch(r"\d\d\.\d\d\.2016", e.get("birthdate") or "")}
    assert late == {"16.11.2016"}
    assert db.execute("SELECT count(*) FROM results s JOIN athletes a ON a.id = s.athlete_id "
                      "WHERE s.source_id = 'rio2016-complete-tilastopaja' AND a.birth_date > '2016-08-21'"
                      ).fetchone()[0] == 0
    placeholder = {str(e["id"]) for e in entries if e.get("birthdate") == "16.11.2016"}
    rows = json.loads((RIO / "rio_athletics_results.json").read_text("utf-8"))["events"]
    on_rows = sum(str(r.get("tpAthleteId")) in placeholder for b in rows if not b.get("athlon") for r in b["result"])
    logged = db.execute("SELECT count(*) FROM import_issues WHERE source_id = 'rio2016-complete-tilastopaja' "
                        "AND reason LIKE '%16.11.2016, after the Games%'").fetchone()[0]
    assert 0 < logged <= on_rows


def test_no_two_namesakes_share_a_performance(db):
    """The same mark on the same day in the same event under the same name is one person, whatever birth date,
    birth year or nation the rows give (Tirunesh Dibaba's Rio 10,000 m: 1985-10-01 in the Rio entries,
    1985-06-01 in the toplists; Tiffany Porter, USA in the Diamond League, GBR in the toplists)."""
    by_perf: dict[tuple, set[int]] = defaultdict(set)
    for aid, event, date, value in db.execute(
            "SELECT s.athlete_id, r.event_id, r.date, round(s.mark_value, 2) FROM results s "
            "JOIN races r ON r.id = s.race_id JOIN athletes a ON a.id = s.athlete_id "
            "WHERE a.is_team = 0 AND r.date IS NOT NULL AND s.mark_value IS NOT NULL"):
        by_perf[(event, date, value)].add(aid)
    key = {aid: (_key(name), sex) for aid, name, sex in db.execute("SELECT id, name, sex FROM athletes")}
    twice = [ids for ids in by_perf.values() if len({key[i] for i in ids}) < len(ids)]
    assert not twice


def test_a_diamond_league_athlete_is_the_one_namesake_of_that_event_and_season(db):
    """A Diamond League row without a birth date belongs to the athlete of that name who raced that event in
    that season, when there is one: no two athletes of one name raced one event in one season where one of
    them is known only from the Diamond League and the other is the only namesake there."""
    seasons: dict[int, set[tuple]] = defaultdict(set)
    dl_only = set()
    for aid, event, year, src, born in db.execute(
            "SELECT s.athlete_id, r.event_id, substr(r.date, 1, 4), s.source_id, a.birth_date FROM results s "
            "JOIN races r ON r.id = s.race_id JOIN athletes a ON a.id = s.athlete_id WHERE a.is_team = 0"):
        seasons[aid].add((event, year))
        if src == "diamond-league-2010-2023" and born is None:
            dl_only.add(aid)
    by_name: dict[tuple, list[int]] = defaultdict(list)
    for aid, name, sex in db.execute("SELECT id, name, sex FROM athletes WHERE is_team = 0"):
        by_name[(_key(name), sex)].append(aid)
    apart = []
    for ids in by_name.values():
        for a in set(ids) & dl_only:
            raced = [b for b in ids if b != a and seasons[b] & seasons[a]]
            if len(raced) == 1:
                apart.append((a, raced[0]))
    assert not apart


@needs_shared()
def test_national_record_holders_with_a_birth_year_off_are_merged_and_logged(db):
    """national.csv gives some birth years 1-3 years off: a record holder of that name, nation and event who
    raced it is the record's athlete, and import_issues says so. No record-only athlete is left beside the one
    namesake of their nation who raced the event with a birth year 1-3 years apart."""
    record_only = db.execute(
        "SELECT DISTINCT a.id, a.name, a.sex, a.nationality, a.birth_year, e.code FROM records r "
        "JOIN athletes a ON a.id = r.athlete_id JOIN events e ON e.id = r.event_id WHERE r.kind = 'national' "
        "AND a.birth_date IS NULL AND a.birth_year IS NOT NULL AND a.is_team = 0 "
        "AND NOT EXISTS (SELECT 1 FROM results s WHERE s.athlete_id = a.id)").fetchall()
    raced: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for aid, name, sex, nat, year, code in db.execute(
            "SELECT DISTINCT a.id, a.name, a.sex, a.nationality, coalesce(a.birth_year, substr(a.birth_date, 1, 4)), "
            "e.code FROM results s JOIN races r ON r.id = s.race_id JOIN events e ON e.id = r.event_id "
            "JOIN athletes a ON a.id = s.athlete_id WHERE a.is_team = 0"):
        raced[(_key(name), sex, nat, code)].append((aid, int(year) if year else 0))
    left = []
    for _aid, name, sex, nat, year, code in record_only:
        namesakes = raced.get((_key(name), sex, nat, code), [])
        if len(namesakes) == 1 and namesakes[0][1] and 0 < abs(namesakes[0][1] - year) <= 3:
            left.append((name, nat, code, year, namesakes[0][1]))
    assert not left
    logged = db.execute("SELECT count(*) FROM import_issues WHERE source_id = 'nimarion-national' AND reason LIKE "
                        "'one athlete: national record%nation and the one namesake who raced the event%'"
                        ).fetchone()[0]
    assert logged >= 20


def test_no_undated_row_joins_a_namesake_who_could_not_have_raced_it(db):
    """A row without a birth date joined to a dated namesake only when that namesake could have raced it: no
    result of a dated athlete comes from before their birth (the 1987 Worlds 10,000 m runner Zhang Guowei is not
    the high jumper born in 1991; 'Reuben REINA' on a 2025 list is not the Reuben Reina born in 1967)."""
    before_birth = db.execute(
        "SELECT s.source_id, s.source_ref FROM results s JOIN races r ON r.id = s.race_id JOIN athletes a "
        "ON a.id = s.athlete_id WHERE a.birth_date IS NOT NULL AND r.date IS NOT NULL AND r.date < a.birth_date"
    ).fetchall()
    # (a row whose own birth date is wrong is the source's mistake, listed with its reason in KNOWN_BAD)
    assert not [row for row in before_birth if tuple(row) not in plausible.KNOWN_BAD]
    reina = db.execute("SELECT DISTINCT a.birth_date FROM results s JOIN athletes a ON a.id = s.athlete_id "
                       "JOIN races r ON r.id = s.race_id WHERE a.name = 'Reuben Reina' AND r.date >= '2025'"
                       ).fetchall()
    assert reina == [(None,)]


# ------------------------------------------------------------------------------------------------ names

def test_every_display_name_is_one_source_spelling(db):
    """A display name is one spelling a source wrote (its words, in any order), never words glued from
    several; with a World Athletics spelling on file, one of WA's."""
    aliases = _aliases(db)
    glued = []
    for aid, name, team in db.execute("SELECT id, name, is_team FROM athletes"):
        if team:
            continue
        spellings = aliases[aid]
        wa = [a for a, src in spellings if src in WA_NAME_SOURCES]
        if _key(name) not in {_key(a) for a, _ in (spellings if not wa else [(w, "") for w in wa])}:
            glued.append((name, spellings))
    assert not glued


def test_no_display_name_glues_two_words(db):
    """No display word is a word of another spelling of the same athlete with the next word glued on (the WCh
    finals file's 'MosesCheruiyot Mosop' for the toplists' 'Moses MOSOP'); 'LaShawn', 'DeeDee' as WA writes
    them are names, not joins."""
    aliases = _aliases(db)
    glued = []
    for aid, name in db.execute("SELECT id, name FROM athletes WHERE is_team = 0"):
        for word in name.split():
            joins = [m.start() + 1 for m in re.finditer(r"[a-z][A-Z]", word)]
            others = {t for alias, _ in aliases[aid] if word not in alias.split() for t in names.tokens(alias)}
            if any(names.fold(word[:i]) in others for i in joins):
                glued.append((name, aliases[aid]))
    assert not glued


def test_family_first_names_start_with_the_family_name(db):
    """Chinese and Korean names are shown family name first, the family name being the one WA writes in
    capitals ('Xiang LIU' is Liu Xiang)."""
    aliases = _aliases(db)
    wrong = []
    for aid, name, nat in db.execute("SELECT id, name, nationality FROM athletes WHERE is_team = 0"):
        if nat not in FAMILY_FIRST:
            continue
        wa = [a for a, src in aliases[aid] if src in WA_NAME_SOURCES and not names.is_mixed_case(a)]
        families = {names.fold(names.split_display(a)[1]) for a in wa if all(names.split_display(a))}
        if families and not any(names.fold(name).startswith(f + " ") for f in families):
            wrong.append((name, wa))
    assert not wrong


def test_shown_names_of_the_issue(db):
    """The names issue 14 found glued or reversed, as the sources write them (the spellings read here from the
    database's own aliases, which name their source)."""
    def shown(alias: str) -> set[str]:
        return {n for n, in db.execute("SELECT a.name FROM athletes a JOIN athlete_aliases al ON "
                                       "al.athlete_id = a.id WHERE al.folded = ?", (names.fold(alias),))}
    assert shown("MosesCheruiyot Mosop") == {"Moses Mosop"}
    assert shown("Sally Janet Jane GUNNELL") == {"Sally Gunnell"}
    assert shown("Bingtian SU") == {"Su Bingtian"}
