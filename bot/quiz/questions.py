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
import bisect
import random
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.ask import lexicon as lx
from bot.ask import people
from bot.common import names
from bot.quiz.answers import MARK, NAME, TEXT, YEAR, AnswerSpec
from bot.quiz.model import EASY, HARD, MEDIUM, Question, make

KINDS = ("winner", "year", "mark_at_meet", "record", "record_holder", "higher_lower", "odd_one_out")
BIG_LEVELS = ("OG", "WCH", "WIC", "DL")
LEVEL_BONUS = {"OG": 0.15, "WCH": 0.10, "WIC": 0.05, "DL": 0.0}

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
    facts are loaded once (about a second); each question then costs a few small queries."""

    def __init__(self, conn: sqlite3.Connection, rng: random.Random | None = None):
        self.conn = conn
        self.rng = rng or random.Random()
        self._lock = threading.RLock()   # one connection, shared by every game's worker thread
        self._load()

    @classmethod
    def open(cls, path: Path | str, rng: random.Random | None = None) -> QuestionBank:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(conn, rng)

    # -- pools

    def _load(self) -> None:
        c = self.conn
        self.ref_year = c.execute("SELECT max(year) FROM competitions").fetchone()[0] or 2025
        self.fame = people.fame(c)   # as the question engine weighs athletes
        self.people: dict[int, tuple[str, str, str, int]] = {}   # id -> name, family, sex, is_team
        self.by_family: dict[str, list[int]] = defaultdict(list)
        for aid, name, family, sex, team in c.execute("SELECT id, name, family, sex, is_team FROM athletes"):
            self.people[aid] = (name, family, sex, team)
            if family and not team:
                self.by_family[names.fold(family)].append(aid)
        self.source_names = dict(c.execute("SELECT id, name FROM sources"))
        self.finals: list[Final] = []
        for cid, cname, year, level, series_id, eid, code, ename, kind, winner_id, races in c.execute(
                f"SELECT c.id, c.name, c.year, c.level, c.series_id, e.id, e.code, e.name, e.kind, "
                f"       min(res.athlete_id), group_concat(DISTINCT r.id) "
                f"FROM races r JOIN results res ON res.race_id = r.id JOIN athletes a ON a.id = res.athlete_id "
                f"JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
                f"WHERE c.level IN ({','.join('?' * len(BIG_LEVELS))}) AND {FINAL} AND {WIN} "
                f"AND a.is_team = 0 AND e.kind != 'relay' "
                f"GROUP BY c.id, e.id HAVING count(DISTINCT res.athlete_id) = 1", BIG_LEVELS):
            self.finals.append(Final(cid, cname, year, level, series_id, eid, code, ename, kind, winner_id,
                                     tuple(int(x) for x in races.split(","))))
        self.finals.sort(key=lambda f: (f.competition_id, f.event_id))
        # Fame percentiles among the athletes who can be answers, so "famous" means famous in this game.
        answer_ids = {f.winner_id for f in self.finals}
        self.records = self._record_groups()
        self._big_records = [g for g in self.records if g[0] != "national"]
        answer_ids |= {g[4] for g in self.records if g[4] is not None}
        self._fame_sorted = sorted(self.fame.get(a, 0.0) for a in answer_ids)

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
        # National records of nations we can name only: "the OMA national record" is no question for fans.
        return [g for g in out if g[0] != "national" or g[1] in _DEMONYMS]

    # -- helpers

    def percentile(self, athlete_id: int) -> float:
        f = self.fame.get(athlete_id, 0.0)
        if not self._fame_sorted:
            return 0.0
        return bisect.bisect_left(self._fame_sorted, f) / len(self._fame_sorted)

    def difficulty(self, athlete_id: int, year: int | None, level: str | None = None, bonus: float = 0.0) -> str:
        score = self.percentile(athlete_id) + LEVEL_BONUS.get(level or "", 0.0) + bonus
        if year:
            score -= 0.02 * max(0, self.ref_year - year - 8)   # older facts are harder
        if score >= 0.75:
            return EASY
        if score < 0.35:
            return HARD
        return MEDIUM

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

    def _era_rivals(self, f: Final, exclude: set[int]) -> list[str]:
        """Winners of the same event at other meets of the same level within a few years: same era."""
        out = [g.winner_id for g in self.finals
               if g.event_id == f.event_id and g.level == f.level and abs(g.year - f.year) <= 4
               and g.winner_id not in exclude]
        self.rng.shuffle(out)
        return [self.name(a) for a in dict.fromkeys(out)]

    def _distractor_names(self, f: Final, answer_id: int, n: int = 3) -> list[str]:
        field_ = [name for aid, name in self._race_field(f.race_ids, answer_id)[:8]]
        self.rng.shuffle(field_)
        names_ = field_ + self._era_rivals(f, {answer_id})
        answer = names.fold(self.name(answer_id))
        return [x for x in dict.fromkeys(names_) if names.fold(x) != answer][: n + 3]

    # -- the question kinds

    def q_winner(self, f: Final) -> Question | None:
        distractors = self._distractor_names(f, f.winner_id)
        src = self._win_source(f)
        return make("winner", f"Who won the {lower_first(f.event_name)} at the {f.competition}?",
                    self.name_spec(f.winner_id, distractors, f.event_id), distractors,
                    difficulty=self.difficulty(f.winner_id, f.year, f.level), source=src, rng=self.rng,
                    facts={"competition_id": f.competition_id, "event_id": f.event_id, "athlete_id": f.winner_id})

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
            return None       # won it more than once (or the sources blur it): "which year" has no one answer
        series = self.conn.execute("SELECT name FROM series WHERE id = ?", (f.series_id,)).fetchone()[0]
        other_years = sorted({g.year for g in self.finals
                              if g.series_id == f.series_id and g.event_id == f.event_id and g.year != f.year},
                             key=lambda y: (abs(y - f.year), y))
        near = [f.year + d for d in (-1, 1, -2, 2, -3, 3, -4, 4) if f.year + d <= self.ref_year]
        distractors = [str(y) for y in dict.fromkeys([*other_years[:3], *near])][:3]
        spec = AnswerSpec(YEAR, str(f.year))
        return make("year", f"In which year did {self.name(f.winner_id)} win the {lower_first(f.event_name)} "
                            f"at the {series}?", spec, distractors,
                    difficulty=self.difficulty(f.winner_id, f.year, f.level, bonus=-0.1),
                    source=self._win_source(f), rng=self.rng,
                    facts={"series_id": f.series_id, "event_id": f.event_id, "athlete_id": f.winner_id,
                           "year": f.year})

    def q_mark_at_meet(self, f: Final) -> Question | None:
        marks = ",".join("?" * len(f.race_ids))
        rows = self.conn.execute(
            f"SELECT res.athlete_id, res.mark, res.mark_value, res.source_id FROM results res "
            f"JOIN athletes a ON a.id = res.athlete_id "
            f"WHERE res.race_id IN ({marks}) AND {FINISHED} AND res.mark_value IS NOT NULL AND a.is_team = 0 "
            f"AND res.place BETWEEN 1 AND 8", f.race_ids).fetchall()
        if not rows:
            return None
        aid, mark, value, src = self.rng.choice(rows)
        # Only one athlete at the whole meet ran that mark in that event (any round, any source).
        holders = {a for (a,) in self.conn.execute(
            "SELECT DISTINCT res.athlete_id FROM results res JOIN races r ON r.id = res.race_id "
            "WHERE r.competition_id = ? AND r.event_id = ? AND abs(res.mark_value - ?) < 1e-6",
            (f.competition_id, f.event_id, value))}
        if holders != {aid}:
            return None
        verb = "jumped" if f.event_code in _JUMPS else "threw" if f.event_kind == "field" else \
            "scored" if f.event_kind == "combined" else "walked" if f.event_kind == "walk" else "ran"
        distractors = self._distractor_names(f, aid)
        return make("mark_at_meet", f"Who {verb} {mark} in the {lower_first(f.event_name)} at the {f.competition}?",
                    self.name_spec(aid, distractors, f.event_id), distractors,
                    difficulty=self.difficulty(aid, f.year, f.level, bonus=-0.05), source=self.source_of(src),
                    rng=self.rng, facts={"competition_id": f.competition_id, "event_id": f.event_id,
                                         "athlete_id": aid, "mark_value": value})

    def _record_text(self, kind: str, region: str, event_name: str, indoor: int) -> str:
        return f"the {scope_words(kind, region)} record in the {lower_first(event_name)}" + (
            " indoors" if indoor else "")

    def q_record(self, g: tuple) -> Question | None:
        kind, region, event_id, indoor, who, mark, value, src, date = g
        code, ev_name, ev_kind, _ = self.event(event_id)
        older = [m for (m,) in self.conn.execute(
            "SELECT mark FROM records WHERE kind = ? AND region = ? AND event_id = ? AND indoor = ? "
            "AND abs(mark_value - ?) > 1e-6 GROUP BY mark_value ORDER BY abs(mark_value - ?) LIMIT 6",
            (kind, region, event_id, indoor, value, value))]
        nation = "AND a.nationality = ? " if kind == "national" else ""
        listed = [m for (m,) in self.conn.execute(
            "SELECT res.mark FROM bests b JOIN results res ON res.id = b.result_id JOIN athletes a ON a.id = b.athlete_id "
            f"WHERE b.event_id = ? AND b.indoor = ? AND abs(res.mark_value - ?) > 1e-6 {nation}"
            "GROUP BY res.mark_value ORDER BY b.rank_value LIMIT 6",
            (event_id, indoor, value, *([region] if nation else [])))]
        distractors = [m for m in dict.fromkeys([*older[:3], *listed]) if m]
        self.rng.shuffle(distractors)
        year = int(date[:4]) if date else None
        diff = self.difficulty(who, year, bonus=0.1 if kind == "world" else -0.2) if who else \
            (MEDIUM if kind == "world" else HARD)
        return make("record", f"What is {self._record_text(kind, region, ev_name, indoor)}?",
                    AnswerSpec(MARK, mark, event_code=code), distractors, difficulty=diff,
                    source=self.source_of(src), rng=self.rng,
                    facts={"kind": kind, "region": region, "event_id": event_id, "indoor": indoor,
                           "mark_value": value})

    def q_record_holder(self, g: tuple) -> Question | None:
        kind, region, event_id, indoor, who, mark, value, src, date = g
        if who is None:
            return None
        _, ev_name, _, _ = self.event(event_id)
        if kind == "national":
            rows = self.conn.execute(
                "SELECT b.athlete_id FROM bests b JOIN athletes a ON a.id = b.athlete_id WHERE b.event_id = ? "
                "AND a.nationality = ? AND b.athlete_id != ? ORDER BY b.rank_value LIMIT 6",
                (event_id, region, who)).fetchall()
        else:
            rows = []
        rows += self.conn.execute(
            "SELECT athlete_id FROM bests WHERE event_id = ? AND indoor = ? AND athlete_id != ? "
            "ORDER BY rank_value LIMIT 8", (event_id, indoor, who)).fetchall()
        distractors = [self.name(a) for a in dict.fromkeys(a for (a,) in rows) if not self.people[a][3]]
        year = int(date[:4]) if date else None
        bonus = 0.1 if kind == "world" else -0.1 if kind == "area" else -0.2
        return make("record_holder", f"Who holds {self._record_text(kind, region, ev_name, indoor)}?",
                    self.name_spec(who, distractors[:6], event_id), distractors[:6],
                    difficulty=self.difficulty(who, year, bonus=bonus), source=self.source_of(src), rng=self.rng,
                    facts={"kind": kind, "region": region, "event_id": event_id, "indoor": indoor,
                           "athlete_id": who, "mark_value": value})

    def q_higher_lower(self, event_id: int | None = None) -> Question | None:
        if event_id is None:
            event_id = self.rng.choice(self.finals).event_id
        code, ev_name, ev_kind, lower = self.event(event_id)
        rows = self.conn.execute(
            "SELECT b.athlete_id, res.mark, res.mark_value, b.rank_value, res.source_id FROM bests b "
            "JOIN results res ON res.id = b.result_id JOIN athletes a ON a.id = b.athlete_id "
            "WHERE b.event_id = ? AND b.indoor = 0 AND a.is_team = 0 ORDER BY b.rank_value LIMIT 40",
            (event_id,)).fetchall()
        if len(rows) < 2:
            return None
        a, b = self.rng.sample(rows, 2)
        if abs(a[3] - b[3]) < 1e-6 or a[0] == b[0]:
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
        diff = EASY if gap > 0.02 else MEDIUM if gap > 0.005 else HARD
        return make("higher_lower", text, AnswerSpec(TEXT, word, synonyms.get(word, ())), [p for p in pair if p != word],
                    difficulty=diff, source=self.source_of(a[4], b[4]), rng=self.rng, ordered=True,
                    facts={"event_id": event_id, "a_id": a[0], "b_id": b[0], "b_better": b_better})

    def world_record_holders(self, event_id: int) -> set[int]:
        return {a for (a,) in self.conn.execute(
            "SELECT DISTINCT athlete_id FROM records WHERE kind = 'world' AND event_id = ?", (event_id,))}

    def q_odd_one_out(self, event_id: int | None = None) -> Question | None:
        if event_id is None:
            event_id = self.rng.choice(self.finals).event_id
        holders = [a for a in self.world_record_holders(event_id) if not self.people[a][3]]
        if len(holders) < 3:
            return None
        top = [a for (a,) in self.conn.execute(
            "SELECT b.athlete_id FROM bests b JOIN athletes a ON a.id = b.athlete_id WHERE b.event_id = ? "
            "AND b.indoor = 0 AND a.is_team = 0 ORDER BY b.rank_value LIMIT 30", (event_id,))]
        held = set(holders)
        outsiders = [a for a in top if a not in held]
        if not outsiders:
            return None
        odd = self.rng.choice(outsiders)
        holders.sort(key=lambda a: -self.fame.get(a, 0.0))
        three = self.rng.sample(holders[:8], 3)
        names_ = [self.name(a) for a in three]
        if len({names.fold(n) for n in [*names_, self.name(odd)]}) < 4:
            return None
        choices = [self.name(odd), *names_]
        self.rng.shuffle(choices)
        _, ev_name, _, _ = self.event(event_id)
        listing = ", ".join(choices[:-1]) + " or " + choices[-1]
        spec = self.name_spec(odd, names_, event_id)
        q = make("odd_one_out", f"Odd one out: which of {listing} has never held the {lower_first(ev_name)} "
                                f"world record?", spec, names_,
                 difficulty=self.difficulty(odd, None, bonus=-0.1), source=self.source_of(
                     *[s for (s,) in self.conn.execute(
                         "SELECT DISTINCT source_id FROM records WHERE kind = 'world' AND event_id = ?", (event_id,))]),
                 rng=self.rng, facts={"event_id": event_id, "athlete_id": odd, "holder_ids": three})
        return Question(q.kind, q.text, q.answer, tuple(choices), q.difficulty, q.source, q.hints, q.facts)

    def q_quote(self, quote) -> Question | None:
        """'Who said: …?' for a pool quote (bot.quiz.quote_pool.Quote). Distractors: the athletes the speaker
        raced most often, or other speakers in the pool."""
        with self._lock:
            return self._quote(quote)

    def _quote(self, quote) -> Question | None:
        speaker = quote.speaker
        text = " ".join(quote.text.split())
        if len(text) > 300:
            text = text[:297].rsplit(" ", 1)[0] + "…"
        if quote.speaker_id and quote.speaker_id in self.people:
            rivals = [self.name(a) for (a,) in self.conn.execute(
                "SELECT b.athlete_id FROM results a JOIN results b ON b.race_id = a.race_id "
                "JOIN athletes p ON p.id = b.athlete_id "
                "WHERE a.athlete_id = ? AND b.athlete_id != a.athlete_id AND p.is_team = 0 AND p.sex = ? "
                "GROUP BY b.athlete_id ORDER BY count(*) DESC, b.athlete_id LIMIT 6",
                (quote.speaker_id, self.people[quote.speaker_id][2]))]
            self.rng.shuffle(rivals)
            spec = self.name_spec(quote.speaker_id, rivals)
            diff = self.difficulty(quote.speaker_id, None)
        else:
            rivals = []
            spec = AnswerSpec(NAME, speaker, family=names.split_display(speaker)[1])
            diff = MEDIUM
        return make("quote", f"Who said: “{text}”?", spec, rivals, difficulty=diff, source=quote.source,
                    rng=self.rng, facts={"quote_id": quote.id})

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
            # up two times in three.
            pool = self._big_records if self.rng.random() < 0.67 else self.records
            return getattr(self, f"q_{kind}")(self.rng.choice(pool))
        if kind == "higher_lower":
            return self.q_higher_lower()
        if kind == "odd_one_out":
            return self.q_odd_one_out()
        raise ValueError(f"unknown question kind {kind!r}")


class GameSource:
    """The questions of one game: from the reference database, the quote pool and trivia lists, mixed, at
    one difficulty, no question twice. Generation runs in a worker thread (it reads SQLite)."""

    def __init__(self, bank: QuestionBank | None = None, *, kinds: Iterable[str] = KINDS,
                 difficulty: str | None = None, quotes: Iterable = (), trivia: Iterable[Question] = (),
                 rng: random.Random | None = None, mode: str = "typed"):
        self.bank = bank
        self.kinds = tuple(kinds) if bank else ()
        self.difficulty = difficulty
        self.quotes = list(quotes)
        self.trivia = list(trivia)
        self.rng = rng or random.Random()
        self.rng.shuffle(self.quotes)
        self.rng.shuffle(self.trivia)
        self.mode = mode
        self._asked: set[str] = set()
        self._lock = asyncio.Lock()

    async def next(self) -> Question | None:
        async with self._lock:
            for _ in range(20):
                q = await self._draw()
                if q is None:
                    return None
                if q.text not in self._asked and (self.mode != "choice" or q.choices):
                    self._asked.add(q.text)
                    return q
            return None

    async def _draw(self) -> Question | None:
        pots = []
        if self.kinds:
            pots.append("db")
        if self.quotes and self.bank:
            pots.append("quote")
        if self.trivia:
            pots.append("trivia")
        if not pots:
            return None
        pot = self.rng.choice(pots)
        if pot == "trivia":
            return self.trivia.pop()
        assert self.bank is not None, "the db and quote pots need the bank (kinds is empty without one)"
        if pot == "quote":
            quote = self.quotes.pop()
            return await asyncio.to_thread(self.bank.q_quote, quote)
        kind = self.rng.choice(self.kinds)
        return await asyncio.to_thread(self.bank.generate, kind, self.difficulty)

