"""Quiz questions generated from the reference database, so they never run out and every answer is a fact
on file with its source.

Kinds: who won X (a final at the Olympics, Worlds, World Indoors or a Diamond League meet); which year; who
ran this mark at this meet; what is the record in Y; who holds the N record; higher or lower (two athletes'
best marks); odd one out (who never held a world record). Quote questions come from the quote pool.

A question is asked only when its fact is unambiguous in the database: a final with one winner across every
source's copy of it, a mark only one athlete ran at that meet, a record whose most trusted current sources
agree. Difficulty comes from how famous the answer is (results and records on file, ranked among the
athletes who can be answers) and how long ago it happened. Distractors for multiple choice come from the
same race, the same event and era, or the same nation's list, so they are plausible.
"""
from __future__ import annotations

import asyncio
import contextlib
import random
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.ask import fame, people
from bot.ask import lexicon as lx
from bot.common import areas, names
from bot.common import events as ev
from bot.common.marks import format_mark, parse_mark
from bot.quiz.answers import MARK, NAME, TEXT, YEAR, AnswerSpec
from bot.quiz.answers import hints as answer_hints
from bot.quiz.model import EASY, HARD, MEDIUM, Question, make, with_choices

KINDS = ("winner", "year", "mark_at_meet", "record", "record_holder", "higher_lower", "odd_one_out")
BIG_LEVELS = ("OG", "WCH", "WIC", "DL")

# Difficulty (QuestionBank.difficulty): an athlete's prominence (bot/ask/fame.py) plus what the fact adds.
EASY_AT, MEDIUM_AT, HARD_AT = 30.0, 10.0, 3.0
RECENT = 12                      # years: older facts fade
LEVEL_BONUS = {"OG": 8.0, "WCH": 5.0, "WIC": 0.0, "DL": -2.0}
RECORD_BONUS = {"world": 10.0, "olympic": 4.0, "area": 0.0, "national": -2.0}
YEAR_BONUS = -4.0                # which year: harder than who
MARK_BONUS = -4.0                # a mark: harder than a name
ODD_BONUS = 0.0
# how far from the record a wrong mark may be, by how the event is measured
SPREAD = {"time": 0.03, "distance": 0.06, "points": 0.05}

# A final: the race of its event at a meet with no round other than F and no "B race" label; a win: first
# place, finished, not annulled, and not a heat ("1h2" positions are heat places).
FINAL = "(r.round = 'F' OR r.round IS NULL) AND r.label IS NULL"
WIN = ("res.place = 1 AND res.status = 'OK' AND instr(res.flags, 'DOP') = 0 "
       "AND (res.position IS NULL OR res.position NOT GLOB '*[A-Za-z]*')")
FINISHED = "res.status = 'OK' AND instr(res.flags, 'DOP') = 0"

_JUMPS = {"HJ", "PV", "LJ", "TJ"}
_AREAS = {"EUR": "European", "AFR": "African", "ASI": "Asian", "NAC": "North American", "SAM": "South American",
          "OCE": "Oceanian"}
_DEMONYMS: dict[str, str] = {}
for _word, _code in lx.NATIONS.items():
    _DEMONYMS.setdefault(_code, " ".join(w.capitalize() for w in _word.split()))
_NICKNAMES: dict[str, list[str]] = defaultdict(list)
for _nick, _target in lx.NICKNAMES.items():
    _NICKNAMES[names.fold(_target)].append(_nick)


@dataclass(frozen=True)
class Final:
    competition_id: int
    competition: str
    year: int
    level: str
    series_id: str | None
    event_id: int
    event_code: str
    event_name: str
    event_kind: str
    winner_id: int
    race_ids: tuple[int, ...]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def scope_words(kind: str, region: str) -> str:
    if kind == "world":
        return "world"
    if kind == "olympic":
        return "Olympic"
    if kind == "area":
        return _AREAS.get(region, region)
    if kind == "national":
        return f"{_DEMONYMS.get(region, region)} national"
    return kind.replace("_", " ")


class QuestionBank:
    """Makes questions from a read-only sqlite3 connection to the reference database. Pools of candidate
    facts are loaded once (about two seconds); each question then costs a few small queries."""

    def __init__(self, conn: sqlite3.Connection, rng: random.Random | None = None):
        self.conn = conn
        self.rng = rng or random.Random()
        self._lock = threading.RLock()   # one connection, shared by every game's worker thread
        self._load()

    @classmethod
    def open(cls, path: Path | str, rng: random.Random | None = None) -> QuestionBank:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(conn, rng)

    @contextlib.contextmanager
    def drawing_with(self, rng: random.Random):
        """Every question made inside the block draws from `rng` (a seeded one makes the same questions again:
        the daily challenge); other games wait for the block, then draw from the bank's own generator again."""
        with self._lock:
            own, self.rng = self.rng, rng
            try:
                yield self
            finally:
                self.rng = own

    # -- pools

    def _load(self) -> None:
        c = self.conn
        self.ref_year = c.execute("SELECT max(year) FROM competitions").fetchone()[0] or 2025
        self.fame = people.fame(c)   # as the question engine weighs athletes (namesakes)
        self.prom = fame.prominence(c)   # what makes an athlete known to fans: difficulty
        self.strong = fame.strong_nations(c)
        self.people: dict[int, tuple[str, str, str, int]] = {}   # id -> name, family, sex, is_team
        self.nation: dict[int, str | None] = {}
        self.born: dict[int, str | None] = {}
        self.by_family: dict[str, list[int]] = defaultdict(list)
        for aid, name, family, sex, team, nat, born in c.execute(
                "SELECT id, name, family, sex, is_team, nationality, coalesce(birth_date, birth_year) FROM athletes"):
            self.people[aid] = (name, family, sex, team)
            self.nation[aid] = nat
            self.born[aid] = str(born) if born is not None else None
            if family and not team:
                self.by_family[names.fold(family)].append(aid)
        self.source_names = dict(c.execute("SELECT id, name FROM sources"))
        # A meet where one source lists two "finals" of an event (an A and a B race, a national race run the
        # same day, unlabelled): "who won the 400 m at <meet>" has two answers, so it is never asked.
        two_races = set(c.execute(
            f"SELECT r.competition_id, r.event_id FROM races r JOIN competitions c ON c.id = r.competition_id "
            f"WHERE c.level IN ({','.join('?' * len(BIG_LEVELS))}) AND {FINAL} "
            f"GROUP BY r.competition_id, r.event_id, r.source_id HAVING count(*) > 1", BIG_LEVELS).fetchall())
        self.finals: list[Final] = []
        for cid, cname, year, level, series_id, eid, code, ename, kind, winner_id, races in c.execute(
                f"SELECT c.id, c.name, c.year, c.level, c.series_id, e.id, e.code, e.name, e.kind, "
                f"       min(res.athlete_id), group_concat(DISTINCT r.id) "
                f"FROM races r JOIN results res ON res.race_id = r.id JOIN athletes a ON a.id = res.athlete_id "
                f"JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
                f"WHERE c.level IN ({','.join('?' * len(BIG_LEVELS))}) AND {FINAL} AND {WIN} "
                f"AND a.is_team = 0 AND e.kind != 'relay' "
                f"GROUP BY c.id, e.id HAVING count(DISTINCT res.athlete_id) = 1", BIG_LEVELS):
            if (cid, eid) in two_races:
                continue
            self.finals.append(Final(cid, cname, year, level, series_id, eid, code, ename, kind, winner_id,
                                     tuple(int(x) for x in races.split(","))))
        self.finals.sort(key=lambda f: (f.competition_id, f.event_id))
        self.records = self._record_groups()
        self._big_records = [g for g in self.records if g[0] != "national"]
        self._national_records = [g for g in self.records if g[0] == "national"]

    def _record_groups(self) -> list[tuple]:
        """(kind, region, event_id, indoor, athlete_id or None, mark, mark_value, source_id, date) for each
        current record whose most trusted sources agree on the mark (athlete None if they differ on who)."""
        rows = self.conn.execute(
            "SELECT rec.kind, rec.region, rec.event_id, rec.indoor, rec.athlete_id, rec.mark, rec.mark_value, "
            "       rec.source_id, rec.date, s.authority "
            "FROM records rec JOIN sources s ON s.id = rec.source_id JOIN events e ON e.id = rec.event_id "
            "WHERE rec.current = 1 AND rec.kind IN ('world', 'area', 'national', 'olympic') AND e.kind != 'relay' "
            "ORDER BY rec.kind, rec.region, rec.event_id, rec.indoor, s.authority DESC").fetchall()
        groups: dict[tuple, list] = defaultdict(list)
        for r in rows:
            groups[r[:4]].append(r)
        out = []
        for key, rs in groups.items():
            top = [r for r in rs if r[9] == rs[0][9]]
            if len({r[6] for r in top}) != 1:
                continue          # the best sources disagree on the mark: not sure, so not asked
            athletes = {r[4] for r in top}
            who = top[0][4] if len(athletes) == 1 and not self.people[top[0][4]][3] else None
            out.append((*key, who, top[0][5], top[0][6], top[0][7], top[0][8]))
        out.sort()
        # National records of nations fans follow only: a small nation's record is a guess, not a question.
        return [g for g in out if g[0] != "national" or (g[1] in _DEMONYMS and g[1] in self.strong)]

    # -- helpers

    def knowability(self, athlete_id: int | None, year: int | None, bonus: float = 0.0) -> float:
        """How likely a keen fan is to know a fact about this athlete: their prominence (bot/ask/fame.py),
        faded for facts more than 12 years old, plus what the fact itself adds (a final at the Olympics)."""
        p = self.prom.get(athlete_id) if athlete_id is not None else None
        score = p.score if p else 0.0
        if year:
            age = self.ref_year - year
            if age > RECENT:
                score *= max(0.5, 1.0 - 0.02 * (age - RECENT))
        return score + bonus

    @staticmethod
    def about(q: Question) -> int | None:
        """The athlete a question is about: its answer, a record's holder, or the one compared."""
        f = q.facts
        for key in ("athlete_id", "holder_id", "b_id"):
            if f.get(key) is not None:
                return f[key]
        return None

    def elite(self, athlete_id: int | None) -> bool:
        p = self.prom.get(athlete_id) if athlete_id is not None else None
        return bool(p and p.elite)

    def difficulty(self, athlete_id: int | None, year: int | None, bonus: float = 0.0,
                   big: bool = False) -> str | None:
        """easy: a famous athlete (an Olympic or world champion, or a world-record holder) in a famous setting
        (`big`: an Olympic or world final, a world or Olympic record); medium: a well-known name; hard: a name
        a keen fan knows; None: nobody could know it, so it is not asked."""
        k = self.knowability(athlete_id, year, bonus)
        if k >= EASY_AT and big and self.elite(athlete_id):
            return EASY
        if k >= MEDIUM_AT:
            return MEDIUM
        if k >= HARD_AT:
            return HARD
        return None

    def name(self, athlete_id: int) -> str:
        return self.people[athlete_id][0]

    def event(self, event_id: int) -> tuple[str, str, str, int]:
        """code, name, kind, lower_is_better"""
        return self.conn.execute("SELECT code, name, kind, lower_is_better FROM events WHERE id = ?",
                                 (event_id,)).fetchone()

    def aliases(self, athlete_id: int) -> list[str]:
        name = self.name(athlete_id)
        out = [a for (a,) in self.conn.execute(
            "SELECT alias FROM athlete_aliases WHERE athlete_id = ? AND kind IN ('nickname', 'former', 'variant')",
            (athlete_id,))]
        out += _NICKNAMES.get(names.fold(name), [])
        return [a for a in dict.fromkeys(out) if names.fold(a) != names.fold(name)]

    def _spellings(self, athlete_id: int) -> set[str]:
        out = {names.fold(self.name(athlete_id))}
        out |= {f for (f,) in self.conn.execute("SELECT folded FROM athlete_aliases WHERE athlete_id = ?",
                                                (athlete_id,))}
        return {s for s in out if s}

    def same_person(self, a: int, b: int) -> bool:
        """Two athlete ids that may be one person under two spellings (the sources have no shared id): the
        same name or alias, or the same birth date, nation and sex (MCLAUGHLIN and MCLAUGHLIN-LEVRONE), or one
        name within the other, same nation and sex."""
        if a == b:
            return True
        if self._spellings(a) & self._spellings(b):
            return True
        if self.nation.get(a) != self.nation.get(b) or self.people[a][2] != self.people[b][2]:
            return False
        born_a, born_b = self.born.get(a), self.born.get(b)
        if born_a and born_a == born_b and len(born_a) == 10:
            return True
        # one name inside the other (Carmen Alder, Carmen Alder Caisalitin), same nation and sex, and no
        # birth year that tells them apart
        wa, wb = set(names.fold(self.name(a)).split()), set(names.fold(self.name(b)).split())
        inside = min(len(wa), len(wb)) >= 2 and (wa <= wb or wb <= wa)
        return inside and (not born_a or not born_b or born_a[:4] == born_b[:4])

    def distinct_people(self, answer_id: int, candidates: Iterable[int], n: int = 6) -> list[int]:
        """Up to n candidates, none of them the answer or each other under another spelling."""
        out: list[int] = []
        for c in dict.fromkeys(candidates):
            if len(out) >= n:
                break
            if c not in self.people or self.people[c][3]:
                continue
            if self.same_person(answer_id, c) or any(self.same_person(o, c) for o in out):
                continue
            out.append(c)
        return out

    def namesakes(self, athlete_id: int, event_id: int | None = None) -> list[str]:
        """Other athletes with the same family name who could be meant: same sex, and either in the same
        event or about as well known. Their surname alone then does not identify the answer."""
        name, family, sex, _ = self.people[athlete_id]
        ids = [i for i in self.by_family.get(names.fold(family), []) if i != athlete_id and self.people[i][2] == sex]
        if not ids:
            return []
        same_event: set[int] = set()
        if event_id is not None:
            marks = ",".join("?" * len(ids[:400]))
            same_event = {i for (i,) in self.conn.execute(
                f"SELECT DISTINCT athlete_id FROM bests WHERE event_id = ? AND athlete_id IN ({marks})",
                (event_id, *ids[:400]))}
        mine = self.fame.get(athlete_id, 0.0)
        return [self.name(i) for i in ids if i in same_event or self.fame.get(i, 0.0) >= 0.25 * mine]

    def name_spec(self, athlete_id: int, distractors: Iterable[str], event_id: int | None = None) -> AnswerSpec:
        name, family, _, _ = self.people[athlete_id]
        others = tuple(dict.fromkeys([*distractors, *self.namesakes(athlete_id, event_id)]))
        return AnswerSpec(NAME, name, tuple(self.aliases(athlete_id)), names.recase(family), others)

    def name_hints(self, athlete_id: int, text: str = "") -> list[str]:
        """Typed-answer hints for an athlete a fan can use: who they are (nation, born, titles), then their
        initials. Nothing the question already says."""
        first: list[str] = []
        nat = self.nation.get(athlete_id)
        if nat and nat not in text and _DEMONYMS.get(nat, "~") not in text:
            first.append(f"represents {nat}")
        born = self.born.get(athlete_id)
        if born:
            first.append(f"born in {born[:4]}")
        p = self.prom.get(athlete_id)
        if p:
            titles = [t for t, has in (("Olympic champion", p.og_gold), ("world champion", p.wch_gold),
                                       ("world-record holder", p.world_records),
                                       ("Olympic medallist", p.og_medals and not p.og_gold),
                                       ("world medallist", p.wch_medals and not p.wch_gold),
                                       ("Diamond League winner", p.dl_wins and not p.champion)) if has]
            if titles:
                first.append(" and ".join(titles[:2]))
        out = []
        if first:
            line = ", ".join(first)
            out.append(line[:1].upper() + line[1:] + ".")
        given, family = names.split_display(self.name(athlete_id))
        initials = " ".join(f"{w[0].upper()}." for w in f"{given} {family}".split() if w[:1].isalpha())
        if initials:
            out.append(f"Initials: {initials}")
        return out

    def source_of(self, *source_ids: str) -> str:
        return "; ".join(dict.fromkeys(self.source_names.get(s, s) for s in source_ids if s))

    def _race_field(self, race_ids: tuple[int, ...], exclude: int) -> list[tuple[int, str]]:
        """(athlete id, name) of the others in a final, by place."""
        marks = ",".join("?" * len(race_ids))
        rows = self.conn.execute(
            f"SELECT res.athlete_id, min(coalesce(res.place, 99)) FROM results res JOIN athletes a ON a.id = res.athlete_id "
            f"WHERE res.race_id IN ({marks}) AND res.athlete_id != ? AND a.is_team = 0 AND {FINISHED} "
            f"GROUP BY res.athlete_id ORDER BY 2, res.athlete_id", (*race_ids, exclude)).fetchall()
        return [(aid, self.name(aid)) for aid, _ in rows]

    def _era_rivals(self, f: Final, exclude: set[int]) -> list[int]:
        """Winners of the same event at other meets of the same level within a few years: same era."""
        out = [g.winner_id for g in self.finals
               if g.event_id == f.event_id and g.level == f.level and abs(g.year - f.year) <= 4
               and g.winner_id not in exclude]
        self.rng.shuffle(out)
        return list(dict.fromkeys(out))

    def _distractor_names(self, f: Final, answer_id: int, n: int = 3) -> list[str]:
        field_ = [aid for aid, _ in self._race_field(f.race_ids, answer_id)[:8]]
        self.rng.shuffle(field_)
        ids = self.distinct_people(answer_id, [*field_, *self._era_rivals(f, {answer_id})], n + 3)
        return [self.name(a) for a in ids]

    def _podium(self, f: Final) -> list[tuple[int, str, str | None, str | None]]:
        """(athlete, mark, date, venue) of the first three of a final, by place."""
        marks = ",".join("?" * len(f.race_ids))
        rows = self.conn.execute(
            f"SELECT res.athlete_id, min(res.place), res.mark, r.date, coalesce(c.city, r.venue, c.venue) "
            f"FROM results res JOIN races r ON r.id = res.race_id JOIN competitions c ON c.id = r.competition_id "
            f"JOIN athletes a ON a.id = res.athlete_id "
            f"WHERE res.race_id IN ({marks}) AND {FINISHED} AND a.is_team = 0 AND res.place BETWEEN 1 AND 3 "
            f"AND (res.position IS NULL OR res.position NOT GLOB '*[A-Za-z]*') "
            f"GROUP BY res.athlete_id ORDER BY 2, res.mark IS NULL", f.race_ids).fetchall()
        return [(a, m, d, v) for a, _, m, d, v in rows]

    def final_story(self, f: Final) -> str:
        """The fact in a sentence: who won, in what mark, where and when, and who was second."""
        podium = self._podium(f)
        first = next((p for p in podium if p[0] == f.winner_id), None)
        mark = f" in {first[1]}" if first and first[1] else ""
        when = f" on {first[2]}" if first and first[2] else ""
        where = f" in {first[3]}" if first and first[3] else ""
        second = [p for p in podium if p[0] != f.winner_id][:1]
        ahead = (f", ahead of {self.name(second[0][0])}" + (f" ({second[0][1]})" if second[0][1] else "")) \
            if second else ""
        return (f"{self.name(f.winner_id)} won the {lower_first(f.event_name)} at the {f.competition}{mark}"
                f"{where}{when}{ahead}.")

    def _big(self, level: str | None) -> bool:
        return level in ("OG", "WCH")

    # -- the question kinds

    def q_winner(self, f: Final) -> Question | None:
        diff = self.difficulty(f.winner_id, f.year, LEVEL_BONUS.get(f.level, 0.0), big=self._big(f.level))
        if diff is None:
            return None
        distractors = self._distractor_names(f, f.winner_id)
        src = self._win_source(f)
        text = f"Who won the {lower_first(f.event_name)} at the {f.competition}?"
        return make("winner", text, self.name_spec(f.winner_id, distractors, f.event_id), distractors,
                    difficulty=diff, source=src, rng=self.rng, hints=self.name_hints(f.winner_id, text),
                    fact=self.final_story(f),
                    facts={"competition_id": f.competition_id, "event_id": f.event_id, "athlete_id": f.winner_id,
                           "topic": ("final", f.competition_id, f.event_id)})

    def _win_source(self, f: Final) -> str:
        marks = ",".join("?" * len(f.race_ids))
        ids = [s for (s,) in self.conn.execute(
            f"SELECT DISTINCT res.source_id FROM results res WHERE res.race_id IN ({marks}) AND res.athlete_id = ?",
            (*f.race_ids, f.winner_id))]
        return self.source_of(*ids)

    def wins_at_series(self, athlete_id: int, series_id: str, event_id: int) -> list[int]:
        """Years the athlete won this event's final at this series (from every source)."""
        return [y for (y,) in self.conn.execute(
            f"SELECT DISTINCT c.year FROM races r JOIN results res ON res.race_id = r.id "
            f"JOIN competitions c ON c.id = r.competition_id "
            f"WHERE c.series_id = ? AND r.event_id = ? AND res.athlete_id = ? AND {FINAL} AND {WIN} ORDER BY 1",
            (series_id, event_id, athlete_id))]

    def q_year(self, f: Final) -> Question | None:
        if not f.series_id or self.wins_at_series(f.winner_id, f.series_id, f.event_id) != [f.year]:
            return None           # won it twice (or the series is unknown): no one answer
        diff = self.difficulty(f.winner_id, f.year, LEVEL_BONUS.get(f.level, 0.0) + YEAR_BONUS,
                               big=self._big(f.level))
        if diff is None:
            return None
        series = self.conn.execute("SELECT name FROM series WHERE id = ?", (f.series_id,)).fetchone()[0]
        other_years = sorted({g.year for g in self.finals
                              if g.series_id == f.series_id and g.event_id == f.event_id and g.year != f.year},
                             key=lambda y: (abs(y - f.year), y))
        near = [f.year + d for d in (-1, 1, -2, 2, -3, 3, -4, 4) if f.year + d <= self.ref_year]
        distractors = [str(y) for y in dict.fromkeys([*other_years[:3], *near])][:3]
        spec = AnswerSpec(YEAR, str(f.year))
        return make("year", f"In which year did {self.name(f.winner_id)} win the {lower_first(f.event_name)} "
                            f"at the {series}?", spec, distractors,
                    difficulty=diff, source=self._win_source(f), rng=self.rng,
                    hints=answer_hints(spec, rng=self.rng, latest=self.ref_year), fact=self.final_story(f),
                    facts={"series_id": f.series_id, "event_id": f.event_id, "athlete_id": f.winner_id,
                           "year": f.year, "topic": ("final", f.competition_id, f.event_id)})

    def q_mark_at_meet(self, f: Final) -> Question | None:
        # the podium only: a mark that won a medal is worth remembering, 8th place's is not
        podium = [p for p in self._podium(f) if p[1]]
        if not podium:
            return None
        aid, mark = self.rng.choice(podium)[:2]
        code = f.event_code
        value = parse_mark(mark, code).value
        src_row = self.conn.execute(
            f"SELECT res.source_id FROM results res WHERE res.race_id IN ({','.join('?' * len(f.race_ids))}) "
            f"AND res.athlete_id = ? AND abs(res.mark_value - ?) < 1e-6", (*f.race_ids, aid, value)).fetchone()
        if src_row is None:
            return None
        # Only one athlete at the whole meet ran that mark in that event (any round, any source).
        holders = {a for (a,) in self.conn.execute(
            "SELECT DISTINCT res.athlete_id FROM results res JOIN races r ON r.id = res.race_id "
            "WHERE r.competition_id = ? AND r.event_id = ? AND abs(res.mark_value - ?) < 1e-6",
            (f.competition_id, f.event_id, value))}
        if holders != {aid}:
            return None
        diff = self.difficulty(aid, f.year, LEVEL_BONUS.get(f.level, 0.0) + MARK_BONUS, big=self._big(f.level))
        if diff is None:
            return None
        verb = "jumped" if f.event_code in _JUMPS else "threw" if f.event_kind == "field" else \
            "scored" if f.event_kind == "combined" else "walked" if f.event_kind == "walk" else "ran"
        distractors = self._distractor_names(f, aid)
        text = f"Who {verb} {mark} in the {lower_first(f.event_name)} at the {f.competition}?"
        return make("mark_at_meet", text, self.name_spec(aid, distractors, f.event_id), distractors,
                    difficulty=diff, source=self.source_of(src_row[0]), rng=self.rng,
                    hints=self.name_hints(aid, text), fact=self.final_story(f),
                    facts={"competition_id": f.competition_id, "event_id": f.event_id,
                           "athlete_id": aid, "mark_value": value, "topic": ("final", f.competition_id, f.event_id)})

    def _record_text(self, kind: str, region: str, event_name: str, indoor: int) -> str:
        return f"the {scope_words(kind, region)} record in the {lower_first(event_name)}" + (
            " indoors" if indoor else "")

    def _scope_nations(self, kind: str, region: str) -> list[str] | None:
        """The nations whose athletes are in a record's scope: one for a national record, the area's for an
        area record; None for world and Olympic records (everyone)."""
        if kind == "national":
            return [region]
        if kind == "area":
            return sorted(n for n, a in areas.AREAS.items() if a == region)
        return None

    def _record_story(self, g: tuple, ev_name: str) -> str:
        kind, region, event_id, indoor, who, mark, value, src, date = g
        row = self.conn.execute(
            "SELECT venue, date FROM records WHERE kind = ? AND region = ? AND event_id = ? AND indoor = ? "
            "AND current = 1 AND abs(mark_value - ?) < 1e-6 AND venue IS NOT NULL LIMIT 1",
            (kind, region, event_id, indoor, value)).fetchone()
        by = f" by {self.name(who)}" if who is not None else ""
        where = f" in {row[0].strip()}" if row and row[0] else ""
        when = f" on {date}" if date else ""
        text = self._record_text(kind, region, ev_name, indoor)
        return f"{text[:1].upper()}{text[1:]} is {mark}, set{by}{where}{when}."

    def record_distractors(self, g: tuple, code: str, n: int = 3) -> list[str]:
        """Marks a fan could take for the record: the scope's older records and its athletes' bests within a
        realistic spread of it, else marks a little either side of it, written as the record is."""
        kind, region, event_id, indoor, who, mark, value, src, date = g
        spread = SPREAD.get(ev.get(code).mark_format, 0.03) if code in ev.EVENTS else 0.03
        lo, hi = value * (1 - spread), value * (1 + spread)
        older = [m for (m,) in self.conn.execute(
            "SELECT mark FROM records WHERE kind = ? AND region = ? AND event_id = ? AND indoor = ? "
            "AND abs(mark_value - ?) > 1e-6 AND mark_value BETWEEN ? AND ? GROUP BY mark_value "
            "ORDER BY abs(mark_value - ?) LIMIT 4", (kind, region, event_id, indoor, value, lo, hi, value))]
        nations = self._scope_nations(kind, region)
        where = f"AND a.nationality IN ({','.join('?' * len(nations))}) " if nations else ""
        listed = [m for (m,) in self.conn.execute(
            "SELECT res.mark FROM bests b JOIN results res ON res.id = b.result_id JOIN athletes a ON a.id = b.athlete_id "
            f"WHERE b.event_id = ? AND b.indoor = ? AND abs(res.mark_value - ?) > 1e-6 {where}"
            "AND res.mark_value BETWEEN ? AND ? GROUP BY res.mark_value ORDER BY b.rank_value LIMIT 6",
            (event_id, indoor, value, *(nations or []), lo, hi))]
        pool = [m for m in dict.fromkeys([*older[:2], *listed]) if m and m != mark]
        self.rng.shuffle(pool)
        picked = pool[:n]
        steps = [0.004, -0.004, 0.009, -0.009, 0.015, -0.015, 0.022]
        self.rng.shuffle(steps)
        for s in steps:
            if len(picked) >= n:
                break
            try:
                m = format_mark(value * (1 + s), code, _decimals(mark))
            except Exception:  # noqa: BLE001 - an event we cannot write marks for: fewer choices
                break
            if m != mark and m not in picked:
                picked.append(m)
        return picked

    def q_record(self, g: tuple) -> Question | None:
        kind, region, event_id, indoor, who, mark, value, src, date = g
        code, ev_name, ev_kind, _ = self.event(event_id)
        year = int(date[:4]) if date else None
        bonus = RECORD_BONUS.get(kind, 0.0) + MARK_BONUS
        diff = self.difficulty(who, year, bonus, big=kind in ("world", "olympic"))
        if diff is None:
            return None
        distractors = self.record_distractors(g, code)
        spec = AnswerSpec(MARK, mark, event_code=code)
        return make("record", f"What is {self._record_text(kind, region, ev_name, indoor)}?",
                    spec, distractors, difficulty=diff, source=self.source_of(src), rng=self.rng,
                    hints=answer_hints(spec, rng=self.rng), fact=self._record_story(g, ev_name),
                    facts={"kind": kind, "region": region, "event_id": event_id, "indoor": indoor,
                           "mark_value": value, "holder_id": who, "topic": ("record", kind, region, event_id, indoor)})

    def q_record_holder(self, g: tuple) -> Question | None:
        kind, region, event_id, indoor, who, mark, value, src, date = g
        if who is None:
            return None
        _, ev_name, _, _ = self.event(event_id)
        year = int(date[:4]) if date else None
        diff = self.difficulty(who, year, RECORD_BONUS.get(kind, 0.0), big=kind in ("world", "olympic"))
        if diff is None:
            return None
        # distractors from the record's scope: the nation's or the area's best, at this record's venue type
        nations = self._scope_nations(kind, region)
        where = f"AND a.nationality IN ({','.join('?' * len(nations))}) " if nations else ""
        rows = self.conn.execute(
            "SELECT b.athlete_id FROM bests b JOIN athletes a ON a.id = b.athlete_id WHERE b.event_id = ? "
            f"AND b.indoor = ? AND b.athlete_id != ? AND a.is_team = 0 {where}ORDER BY b.rank_value LIMIT 12",
            (event_id, indoor, who, *(nations or []))).fetchall()
        ids = self.distinct_people(who, [a for (a,) in rows], 6)
        # no other choice may have held this record (a shared record, or the same mark indoors and out)
        held = {a for (a,) in self.conn.execute(
            "SELECT DISTINCT athlete_id FROM records WHERE kind = ? AND region = ? AND event_id = ? AND current = 1",
            (kind, region, event_id))}
        distractors = [self.name(a) for a in ids if a not in held]
        text = f"Who holds {self._record_text(kind, region, ev_name, indoor)}?"
        return make("record_holder", text, self.name_spec(who, distractors[:6], event_id), distractors[:6],
                    difficulty=diff, source=self.source_of(src), rng=self.rng, hints=self.name_hints(who, text),
                    fact=self._record_story(g, ev_name),
                    facts={"kind": kind, "region": region, "event_id": event_id, "indoor": indoor,
                           "athlete_id": who, "mark_value": value, "choice_ids": [who, *ids],
                           "topic": ("record", kind, region, event_id, indoor)})

    def q_higher_lower(self, event_id: int | None = None) -> Question | None:
        if event_id is None:
            event_id = self.rng.choice(self.finals).event_id
        code, ev_name, ev_kind, lower = self.event(event_id)
        rows = self.conn.execute(
            "SELECT b.athlete_id, res.mark, res.mark_value, b.rank_value, res.source_id, r.date, "
            "       coalesce(r.venue, '') FROM bests b "
            "JOIN results res ON res.id = b.result_id JOIN races r ON r.id = res.race_id "
            "JOIN athletes a ON a.id = b.athlete_id "
            "WHERE b.event_id = ? AND b.indoor = 0 AND a.is_team = 0 ORDER BY b.rank_value LIMIT 40",
            (event_id,)).fetchall()
        if len(rows) < 2:
            return None
        pick = self.rng.sample(range(len(rows)), 2)
        a, b = rows[pick[0]], rows[pick[1]]
        if abs(a[3] - b[3]) < 1e-6 or self.same_person(a[0], b[0]):
            return None
        b_better = b[3] < a[3]
        if lower:
            word, pair = ("faster" if b_better else "slower"), ("faster", "slower")
        else:
            word, pair = ("higher" if b_better else "lower"), ("higher", "lower")
        synonyms = {"faster": ("quicker",), "higher": ("further", "longer", "more"),
                    "lower": ("shorter", "less")}
        text = (f"Higher or lower? {self.name(a[0])}'s best {lower_first(ev_name)} on file (outdoors) is "
                f"{a[1]}. Is {self.name(b[0])}'s best {pair[0]} or {pair[1]}?")
        gap = abs(a[2] - b[2]) / max(a[2], b[2])
        known = min(self.knowability(a[0], None), self.knowability(b[0], None))
        if known < HARD_AT:
            return None
        diff = EASY if gap > 0.02 and known >= MEDIUM_AT else MEDIUM if gap > 0.005 else HARD
        # hints that rule out neither answer (their ranks would): when and where B's best was, and how far
        # apart the two bests are, either way
        context = [f"{self.name(b[0])}'s best dates from {b[5][:4]}" + (f" ({b[6].strip()})." if b[6].strip()
                                                                        else ".") if b[5] else "",
                   f"The two bests are {100 * gap:.1f} % apart, one way or the other."]
        context = [c for c in context if c]
        story = (f"{self.name(b[0])}'s best is {b[1]}, {word} than {self.name(a[0])}'s {a[1]}"
                 + (f" (set in {b[5][:4]})." if b[5] else "."))
        return make("higher_lower", text, AnswerSpec(TEXT, word, synonyms.get(word, ())), [p for p in pair if p != word],
                    difficulty=diff, source=self.source_of(a[4], b[4]), rng=self.rng, ordered=True,
                    hints=context, context=context, fact=story,
                    facts={"event_id": event_id, "a_id": a[0], "b_id": b[0], "b_better": b_better,
                           "topic": ("pair", event_id, frozenset((a[0], b[0])))})

    def world_record_holders(self, event_id: int, indoor: int | None = None) -> set[int]:
        where = "" if indoor is None else f" AND indoor = {int(indoor)}"
        return {a for (a,) in self.conn.execute(
            f"SELECT DISTINCT athlete_id FROM records WHERE kind = 'world' AND event_id = ?{where}", (event_id,))}

    def q_odd_one_out(self, event_id: int | None = None) -> Question | None:
        if event_id is None:
            event_id = self.rng.choice(self.finals).event_id
        # the three who held it held the world record outdoors; the odd one held no world record in this
        # event, outdoors or indoors, under any spelling
        outdoor = [a for a in self.world_record_holders(event_id, 0) if not self.people[a][3]]
        anywhere = self.world_record_holders(event_id)
        if len(outdoor) < 3:
            return None
        top = [a for (a,) in self.conn.execute(
            "SELECT b.athlete_id FROM bests b JOIN athletes a ON a.id = b.athlete_id WHERE b.event_id = ? "
            "AND b.indoor = 0 AND a.is_team = 0 ORDER BY b.rank_value LIMIT 30", (event_id,))]
        outsiders = [a for a in top if a not in anywhere and not any(self.same_person(a, h) for h in anywhere)]
        if not outsiders:
            return None
        odd = self.rng.choice(outsiders)
        outdoor.sort(key=lambda a: -self.knowability(a, None))
        three = self.rng.sample(outdoor[:8], 3)
        if len(self.distinct_people(odd, three, 3)) < 3:
            return None
        names_ = [self.name(a) for a in three]
        if len({names.fold(n) for n in [*names_, self.name(odd)]}) < 4:
            return None
        known = min(self.knowability(a, None) for a in [odd, *three])
        diff = self.difficulty(odd, None, ODD_BONUS, big=True) if known >= HARD_AT else None
        if diff is None:
            return None
        choices = [self.name(odd), *names_]
        self.rng.shuffle(choices)
        _, ev_name, _, _ = self.event(event_id)
        listing = ", ".join(choices[:-1]) + " or " + choices[-1]
        spec = self.name_spec(odd, names_, event_id)
        best = self.conn.execute("SELECT res.mark FROM bests b JOIN results res ON res.id = b.result_id "
                                 "WHERE b.event_id = ? AND b.athlete_id = ? AND b.indoor = 0",
                                 (event_id, odd)).fetchone()
        story = (f"{self.name(odd)} never held the {lower_first(ev_name)} world record"
                 + (f" (best on file: {best[0]})" if best else "") + f"; {', '.join(names_)} all did.")
        text = (f"Odd one out: which of {listing} has never held the {lower_first(ev_name)} world record "
                f"(outdoors or indoors)?")
        q = make("odd_one_out", text, spec, names_, difficulty=diff, source=self.source_of(
                     *[s for (s,) in self.conn.execute(
                         "SELECT DISTINCT source_id FROM records WHERE kind = 'world' AND event_id = ?", (event_id,))]),
                 rng=self.rng, hints=[], fact=story,
                 facts={"event_id": event_id, "athlete_id": odd, "holder_ids": three,
                        "topic": ("odd", event_id)})
        return with_choices(q, tuple(choices), self.rng)

    def q_quote(self, quote, speakers: Iterable[str] = ()) -> Question | None:
        """'Who said: …?' for a pool quote (bot.quiz.quote_pool.Quote). Distractors: the athletes the speaker
        raced most often, or other speakers in the pool (`speakers`)."""
        with self._lock:
            return self._quote(quote, list(speakers))

    def _quote(self, quote, speakers: list[str]) -> Question | None:
        speaker = quote.speaker
        text = " ".join(quote.text.split())
        if len(text) > 300:
            text = text[:297].rsplit(" ", 1)[0] + "…"
        when = f" ({quote.date})" if getattr(quote, "date", None) else ""
        story = f"{speaker} said it{when}." + (f" Source: {quote.source}." if quote.source else "")
        if quote.speaker_id and quote.speaker_id in self.people:
            rival_ids = [a for (a,) in self.conn.execute(
                "SELECT b.athlete_id FROM results a JOIN results b ON b.race_id = a.race_id "
                "JOIN athletes p ON p.id = b.athlete_id "
                "WHERE a.athlete_id = ? AND b.athlete_id != a.athlete_id AND p.is_team = 0 AND p.sex = ? "
                "GROUP BY b.athlete_id ORDER BY count(*) DESC, b.athlete_id LIMIT 10",
                (quote.speaker_id, self.people[quote.speaker_id][2]))]
            rivals = [self.name(a) for a in self.distinct_people(quote.speaker_id, rival_ids, 6)]
            self.rng.shuffle(rivals)
            spec = self.name_spec(quote.speaker_id, rivals)
            diff = self.difficulty(quote.speaker_id, None) or HARD
            hints = self.name_hints(quote.speaker_id)
        else:
            mine = names.fold(speaker)
            rivals = [s for s in dict.fromkeys(speakers) if names.fold(s) != mine]
            self.rng.shuffle(rivals)
            rivals = rivals[:3]
            spec = AnswerSpec(NAME, speaker, family=names.split_display(speaker)[1], others=tuple(rivals))
            diff = MEDIUM
            hints = None
        return make("quote", f"Who said: “{text}”?", spec, rivals, difficulty=diff, source=quote.source,
                    rng=self.rng, hints=hints, fact=story, facts={"quote_id": quote.id, "topic": ("quote", quote.id)})

    # -- drawing

    def generate(self, kind: str | None = None, difficulty: str | None = None, tries: int = 60) -> Question | None:
        """One question of the kind (any when None) and difficulty (any when None); None if none was found."""
        with self._lock:
            for _ in range(tries):
                k = kind or self.rng.choice(KINDS)
                q = self._one(k)
                if q is not None and (difficulty in (None, "any") or q.difficulty == difficulty):
                    return q
            return None

    def _one(self, kind: str) -> Question | None:
        if kind in ("winner", "year", "mark_at_meet"):
            f = self.rng.choice(self.finals)
            return getattr(self, f"q_{kind}")(f)
        if kind in ("record", "record_holder"):
            # National records are most of the pool but rarely famous: world, area and Olympic ones come
            # up four times in five.
            pool = self._big_records if self.rng.random() < 0.8 or not self._national_records \
                else self._national_records
            return getattr(self, f"q_{kind}")(self.rng.choice(pool))
        if kind == "higher_lower":
            return self.q_higher_lower()
        if kind == "odd_one_out":
            return self.q_odd_one_out()
        raise ValueError(f"unknown question kind {kind!r}")


def _decimals(mark: str) -> int:
    tail = mark.rsplit(".", 1)
    return len(tail[1]) if len(tail) == 2 and tail[1].isdigit() and ":" not in tail[1] else 0


QUOTE_SHARE = 0.1      # with other sources, about one question in ten is a quote
QUOTES_PER_GAME = 4    # a pool of n quotes gives a game at most n // QUOTES_PER_GAME of them (at least one), so
                       # games do not all show the same few


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = names.fold(text).split()
    return {tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}


def quotes_overlap(a: str, b: str) -> bool:
    """Two quotes that share a passage (five words in a row), or one inside the other: one of them per game."""
    fa, fb = names.fold(a), names.fold(b)
    if not fa or not fb:
        return False
    if fa in fb or fb in fa:
        return True
    return bool(_shingles(a) & _shingles(b))


def topics(q: Question) -> list[tuple]:
    """What a question is about: a game asks about each at most once (the winner of a final and the mark that
    won it are one fact; two questions on one athlete in one event are near-duplicates)."""
    out: list[tuple] = [("text", q.text)]
    f = q.facts
    if f.get("topic") is not None:
        out.append(f["topic"])
    if f.get("athlete_id") is not None and f.get("event_id") is not None:
        out.append(("athlete-event", f["athlete_id"], f["event_id"]))
    return out


class GameSource:
    """The questions of one game: from the reference database, the quote pool and trivia lists, mixed, at
    one difficulty, no question (nor a near-duplicate of one) twice. Quotes are about one question in ten
    next to other sources, never twice, never two that overlap, and only a share of the pool per game.
    Generation runs in a worker thread (it reads SQLite)."""

    def __init__(self, bank: QuestionBank | None = None, *, kinds: Iterable[str] = KINDS,
                 difficulty: str | None = None, quotes: Iterable = (), trivia: Iterable[Question] = (),
                 rng: random.Random | None = None, mode: str = "typed"):
        self.bank = bank
        self.kinds = tuple(kinds) if bank else ()
        self.difficulty = difficulty
        self.rng = rng or random.Random()
        self.quotes = self._distinct_quotes(list(quotes)) if bank else []
        self.speakers = [q.speaker for q in self.quotes]     # wrong choices for a speaker we cannot place
        self.trivia = list(trivia)
        self.rng.shuffle(self.quotes)
        self.rng.shuffle(self.trivia)
        self.quote_cap = len(self.quotes) if not self.kinds else \
            max(1, len(self.quotes) // QUOTES_PER_GAME) if self.quotes else 0
        self.quotes_asked = 0
        self.mode = mode
        self._asked: set = set()
        self._lock = asyncio.Lock()

    def _distinct_quotes(self, quotes: list) -> list:
        """One quote of each text (the same quote added twice counts once)."""
        seen: set[str] = set()
        out = []
        for q in quotes:
            key = names.fold(q.text)
            if key and key not in seen:
                seen.add(key)
                out.append(q)
        return out

    async def next(self) -> Question | None:
        async with self._lock:
            for _ in range(40):
                q = await self._draw()
                if q is None:
                    if self.kinds and self.bank is not None:
                        continue   # the bank found no question of the kind drawn this time: draw again
                    return None
                keys = topics(q)
                if any(k in self._asked for k in keys) or (self.mode == "choice" and not q.choices):
                    continue
                self._asked.update(keys)
                return q
            return None

    def _take_quote(self):
        quote = self.quotes.pop()
        self.quotes_asked += 1
        # never two overlapping quotes in one game
        self.quotes = [q for q in self.quotes if not quotes_overlap(q.text, quote.text)]
        return quote

    async def _draw(self) -> Question | None:
        quotes_left = bool(self.quotes) and self.bank is not None and self.quotes_asked < self.quote_cap
        pots = []
        if self.kinds:
            pots.append("db")
        if self.trivia:
            pots.append("trivia")
        if quotes_left and (not pots or self.rng.random() < QUOTE_SHARE):
            assert self.bank is not None
            return await asyncio.to_thread(self.bank.q_quote, self._take_quote(), self.speakers)
        if not pots:
            return None
        pot = self.rng.choice(pots)
        if pot == "trivia":
            return self.trivia.pop()
        assert self.bank is not None, "the db pot needs the bank (kinds is empty without one)"
        kind = self.rng.choice(self.kinds)
        return await asyncio.to_thread(self.bank.generate, kind, self.difficulty)
