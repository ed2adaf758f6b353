"""Who the question means: athlete names resolved with exact lookups first, rapidfuzz only for misspellings.

The index is built once from the database (names, aliases, how often each athlete appears) and kept in
memory, so resolving a name is a few dict lookups; fuzzy matching runs only on a token no name has, over the
name tokens of similar length. A name is accepted only when one athlete clearly fits: the better spelling
match, then the context (ran that event, that year, that sex), then fame by a wide margin. Otherwise the
caller gets the candidates to offer as "did you mean".
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.ask import lexicon as lx
from bot.ask.understand import tokenize
from bot.common import names

FAME_MARGIN = 4.0      # the favourite must appear this many times more often than the next candidate
MAX_SUGGESTIONS = 5
OBSCURE = 15.0         # ... and the next candidate must be little known (a few results on file)

# The results that say how well known an athlete is, and for which events: every result at a named competition
# (championships, Diamond League, Millrose...), each season's best per event and each personal best (indoors
# and out). Not every toplist mark: a sub-elite athlete's many marks at small meetings would weigh as much as
# a star's big races. The margins above were measured on exactly these results (what data/ held before it
# held every toplist mark).
NOTABLE = ("SELECT res.id AS result_id, res.athlete_id, r.event_id, CAST(substr(r.date, 1, 4) AS INTEGER) AS year, "
           "res.status = 'OK' AND instr(res.flags, 'DOP') = 0 AND res.mark_value IS NOT NULL "
           "AND instr(res.flags, 'w') = 0 AND (res.wind IS NULL OR res.wind <= 2.0) AND r.date IS NOT NULL AS legal "
           "FROM races r JOIN results res ON res.race_id = r.id WHERE r.competition_id IS NOT NULL{where} "
           # the season's best indoors or out (min picks the row of the better one)
           "UNION SELECT sb.result_id, sb.athlete_id, sb.event_id, sb.year, 1 + 0 * min(sb.rank_value) "
           "FROM season_bests sb{sb_where} GROUP BY sb.event_id, sb.year, sb.athlete_id "
           "UNION SELECT b.result_id, b.athlete_id, b.event_id, sb.year, 1 FROM bests b "
           "JOIN season_bests sb ON sb.result_id = b.result_id{b_where}")


def fame(conn: sqlite3.Connection) -> dict[int, float]:
    """How well known each athlete is: their notable results (NOTABLE), and records (a world record counts 20)."""
    out: dict[int, float] = defaultdict(float)
    for aid, n in conn.execute(f"SELECT athlete_id, count(*) FROM ({NOTABLE.format(where='', sb_where='', b_where='')}) "
                               f"GROUP BY athlete_id"):
        out[aid] += n
    for aid, kind, n in conn.execute("SELECT athlete_id, kind, count(*) FROM records GROUP BY 1, 2"):
        out[aid] += n * (20 if kind == "world" else 5)
    return out


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    sex: str
    nationality: str | None
    birth_date: str | None
    is_team: bool
    fame: float


@dataclass
class Resolution:
    """The outcome for one name group: the athlete, or the candidates when no one clearly fits."""
    words: str
    person: Person | None = None
    candidates: list[Person] = field(default_factory=list)
    assumption: str | None = None      # "Assuming Josh Kerr (GBR)": said aloud in the answer
    fuzzy: bool = False                # a misspelling was corrected
    pair_suggestions: list[str] = field(default_factory=list)   # "A vs B" questions for an unclear pair
    # for each suggestion, (words, athlete id) for both sides: what clicking it pins
    pair_pins: list[tuple[tuple[str, int], ...]] = field(default_factory=list)


def _bucket_key(n: int) -> int:
    return min(n, 16)


class PeopleIndex:
    def __init__(self, people: dict[int, Person], tokens_by_id: dict[int, set[str]],
                 full: dict[tuple[str, ...], set[int]], family: dict[int, set[str]]):
        self.people = people
        self.full = full
        self.family = family
        self._tokens_by_id = tokens_by_id
        self.by_token: dict[str, set[int]] = defaultdict(set)
        for pid, toks in tokens_by_id.items():
            for t in toks:
                self.by_token[t].add(pid)
        # Close spellings are looked for among name words of the same first letter and similar length: a
        # misspelling rarely changes the first letter, and this keeps each search to a few hundred words.
        self.by_length: dict[tuple[str, int], list[str]] = defaultdict(list)
        for t in self.by_token:
            if len(t) >= 3:
                self.by_length[(t[0], _bucket_key(len(t)))].append(t)
        self.nicknames: dict[tuple[str, ...], set[int]] = {}
        for nick, target in lx.NICKNAMES.items():
            ids = full.get(tuple(name_tokens(target)))
            if ids:
                self.nicknames[tuple(tokenize(nick))] = set(ids)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> PeopleIndex:
        known = fame(conn)
        people: dict[int, Person] = {}
        tokens: dict[int, set[str]] = defaultdict(set)
        family: dict[int, set[str]] = defaultdict(set)
        full: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for aid, name, given, fam, sex, nat, bd, team in conn.execute(
                "SELECT id, name, given, family, sex, nationality, birth_date, is_team FROM athletes"):
            people[aid] = Person(aid, name, sex, nat, bd, bool(team), known.get(aid, 0.0))
            gt, ft = name_tokens(given), name_tokens(fam)
            family[aid].update(ft)
            _add_name(full, tokens, aid, name_tokens(name))
            if gt and ft:
                # "Kerr Josh" (WA order) and "J Kerr" (an initial)
                full[tuple(ft + gt)].add(aid)
                full[tuple([gt[0][0]] + ft)].add(aid)
        for aid, alias in conn.execute("SELECT athlete_id, alias FROM athlete_aliases"):
            toks = name_tokens(alias)
            _add_name(full, tokens, aid, toks)
            if len(toks) == 2:
                full[(toks[1], toks[0])].add(aid)
        return cls(people, tokens, dict(full), family)

    def tokens_of(self, pid: int) -> set[str]:
        return self._tokens_by_id.get(pid, set())

    # -- what understand() needs: full names of two words or more, so they are read before slots
    def full_name_table(self) -> dict[tuple[str, ...], frozenset[int]]:
        out = {k: frozenset(i for i in v if not self.people[i].is_team) for k, v in self.full.items()
               if len(k) >= 2}
        out = {k: v for k, v in out.items() if v}
        for k, v in self.nicknames.items():
            if len(k) >= 2:
                out[k] = frozenset(v)
        return out

    def token_matches(self, token: str, short_ok: bool = False, also_fuzzy: bool = False) -> list[tuple[str, float]]:
        """(name token, score) for one question token: itself when some name has it, else close spellings.
        Three-letter words are corrected only next to another name word ("noa lyles")."""
        if token in self.by_token and not also_fuzzy:
            return [(token, 100.0)]
        if len(token) < (3 if short_ok else 4) or token.isdigit():
            return []
        cutoff = 80.0 if len(token) >= 7 else 83.0 if len(token) >= 4 else 66.0
        out = []
        for n in range(len(token) - 2, len(token) + 3):
            bucket = self.by_length.get((token[0], _bucket_key(n)))
            if not bucket:
                continue
            for cand, _score, _ in process.extract(token, bucket, scorer=fuzz.ratio, score_cutoff=cutoff, limit=4):
                # Ranked by edits, not by ratio: "cheptegai" is one letter from Cheptegei, two from Cheptai
                out.append((cand, 100.0 - 5 * Levenshtein.distance(token, cand)))
        out.sort(key=lambda x: -x[1])
        return list(dict(out[:5]).items())[:5]

    def candidates(self, words: list[str]) -> tuple[dict[int, float], bool]:
        scores, fuzzy = self._candidates(words, False)
        if not scores and len(words) > 1:
            # "noa lyles": every word is someone's name, but no one has both: try close spellings too
            scores, fuzzy = self._candidates(words, True)
        return scores, fuzzy

    def _candidates(self, words: list[str], also_fuzzy: bool) -> tuple[dict[int, float], bool]:
        """Athlete id -> spelling score for a group of words, and whether a misspelling was corrected."""
        key = tuple(words)
        if len(words) == 1 and len(words[0]) <= 2 and key not in self.nicknames:
            return {}, False   # "ii", "jr", "de": a lone scrap of a name names no one
        if key in self.nicknames:
            return {i: 100.0 for i in self.nicknames[key]}, False
        if key in self.full:
            return {i: 100.0 for i in self.full[key]}, False
        for n in range(len(words) - 1, 0, -1):
            for k in range(len(words) - n + 1):
                nick = tuple(words[k:k + n])
                if nick in self.nicknames:
                    # "mondo duplantis": the nickname's athlete, when the other words are in their name
                    rest = set(words) - set(nick)
                    ids = [i for i in self.nicknames[nick] if rest <= self.tokens_of(i)]
                    if ids:
                        return {i: 100.0 for i in ids}, False
        matches = [(w, self.token_matches(w, short_ok=len(words) > 1, also_fuzzy=also_fuzzy)) for w in words]
        matched = [(w, m) for w, m in matches if m]
        if not matched:
            return {}, False
        fuzzy = any(m[0][1] < 100 for _, m in matched)
        scores: dict[int, float] | None = None
        for _, options in matched:
            here: dict[int, float] = {}
            for tok, s in options:
                for pid in self.by_token[tok]:
                    if s > here.get(pid, 0):
                        here[pid] = s
            if scores is None:
                scores = here
            else:
                scores = {pid: scores[pid] + s for pid, s in here.items() if pid in scores}
        if not scores and len(matched) > 1:
            # No one has all the words: keep whoever has the most (a stray word or a wrong given name)
            return {}, fuzzy
        n = len(matched)
        return {pid: s / n for pid, s in (scores or {}).items()}, fuzzy


def name_tokens(text: str) -> list[str]:
    """A name's tokens, folded the way tokenize() folds a question (cached: names repeat across sources)."""
    return names.fold(text).split()


def _add_name(full: dict[tuple[str, ...], set[int]], tokens: dict[int, set[str]], aid: int, toks: list[str]) -> None:
    if toks:
        tokens[aid].update(toks)
        full[tuple(toks)].add(aid)


@dataclass
class Context:
    """What else the question says, to tell namesakes apart."""
    sex: str | None = None
    event_codes: tuple[str, ...] = ()
    year: int | None = None
    nation: str | None = None
    rivals: tuple[int, ...] = ()       # athletes already named: a namesake who raced them is the one meant
    prefer: frozenset[int] = frozenset()   # athletes the question suits (who have quotes, for a quote question)


def resolve(index: PeopleIndex, conn: sqlite3.Connection, words: list[str], ctx: Context,
            hits: frozenset[int] = frozenset()) -> Resolution:
    res = Resolution(words=" ".join(words))
    if hits:
        scores, fuzzy = {i: 100.0 for i in hits}, False
    else:
        scores, fuzzy = index.candidates(words)
    res.fuzzy = fuzzy
    if not scores:
        return res
    people = [index.people[i] for i in scores if i in index.people]
    people = [p for p in people if not p.is_team]
    if ctx.sex in ("M", "W"):
        same = [p for p in people if p.sex == ctx.sex]
        people = same or people
    if ctx.nation:
        same = [p for p in people if p.nationality == ctx.nation]
        people = same or people
    if ctx.prefer:
        people = [p for p in people if p.id in ctx.prefer] or people
    best_spelling = max((scores[p.id] for p in people), default=0)
    people = [p for p in people if scores[p.id] >= best_spelling - 3]
    if len(words) == 1 and not hits:
        # A lone word means a family name before a given or middle one: "kipchoge" is Eliud Kipchoge,
        # not Sammy Kipchoge Korir
        fixed = {t for t, _ in index.token_matches(words[0])}
        by_family = [p for p in people if index.family.get(p.id, set()) & fixed]
        others = [p for p in people if p not in by_family]
        if by_family and max(p.fame for p in by_family) * FAME_MARGIN >= max((p.fame for p in others), default=0):
            people = by_family   # unless the word is a famous athlete's given name: "jakob"
    weights = {p.id: p.fame for p in people}
    if ctx.rivals and len(people) > 1:
        met = _met(conn, [p.id for p in people], ctx.rivals)
        if any(met.values()):
            people = [p for p in people if met.get(p.id)]
            weights = {p.id: met[p.id] + p.fame / 100 for p in people}
    if ctx.event_codes and len(people) > 1:
        ran = _ran(conn, [p.id for p in people], ctx.event_codes, ctx.year)
        if any(ran.values()):
            people = [p for p in people if ran.get(p.id)]
            weights = {p.id: ran[p.id] + p.fame / 100 for p in people}
    people.sort(key=lambda p: (-weights[p.id], p.name))
    if not people:
        return res
    top = people[0]
    second = people[1] if len(people) > 1 else None
    ratio = weights[top.id] / max(weights[second.id], 0.5) if second else float("inf")
    if second is None or (ratio >= FAME_MARGIN and (weights[second.id] < OBSCURE or ratio >= 1.5 * FAME_MARGIN)):
        res.person = top
        exact_full = tuple(words) in index.full or bool(hits)
        if fuzzy or not exact_full or second is not None:
            res.assumption = f"“{' '.join(words)}” read as {top.name}" + (
                f" ({top.nationality})" if top.nationality else "")
        return res
    res.candidates = people[:MAX_SUGGESTIONS]
    return res


def describe(p: Person) -> str:
    """How a choice names an athlete: "Josh Kerr (GBR, 1997)"."""
    extra = ", ".join(b for b in (p.nationality or "", (p.birth_date or "")[:4]) if b)
    return f"{p.name} ({extra})" if extra else p.name


def pair_by_races(conn: sqlite3.Connection, left: list[Person], right: list[Person]):
    """The one pair of candidates who raced each other clearly most often, or None."""
    counts = pairs_by_races(conn, left, right)
    if counts and (len(counts) == 1 or counts[0][0] >= FAME_MARGIN * counts[1][0]):
        return counts[0][1], counts[0][2]
    return None


def pairs_by_races(conn: sqlite3.Connection, left: list[Person], right: list[Person]) -> list:
    """(races shared, a, b) for every pair of candidates who met, most first."""
    counts = []
    for a in left:
        met = _met(conn, [b.id for b in right], (a.id,))
        for b in right:
            if met.get(b.id):
                counts.append((met[b.id], a, b))
    counts.sort(key=lambda x: -x[0])
    return counts


def _met(conn: sqlite3.Connection, ids: list[int], rivals: tuple[int, ...]) -> dict[int, float]:
    """How many races each athlete shared with the rivals."""
    ids = ids[:400]
    rows = conn.execute(
        f"SELECT a.athlete_id, count(DISTINCT a.race_id) FROM results a JOIN results b ON b.race_id = a.race_id "
        f"WHERE a.athlete_id IN ({','.join('?' * len(ids))}) AND b.athlete_id IN ({','.join('?' * len(rivals))}) "
        f"GROUP BY a.athlete_id", (*ids, *rivals)).fetchall()
    return {aid: n for aid, n in rows}


def _ran(conn: sqlite3.Connection, ids: list[int], codes: tuple[str, ...], year: int | None) -> dict[int, float]:
    """How many notable legal marks (NOTABLE) each athlete has in the events (that year weighs most), plus
    records."""
    ids = ids[:400]
    marks = ",".join("?" * len(ids))
    ev = ",".join("?" * len(codes))
    events = f"(SELECT id FROM events WHERE code IN ({ev}))"
    notable = NOTABLE.format(where=f" AND res.athlete_id IN ({marks}) AND r.event_id IN {events}",
                             sb_where=f" WHERE sb.athlete_id IN ({marks}) AND sb.event_id IN {events}",
                             b_where=f" WHERE b.athlete_id IN ({marks}) AND b.event_id IN {events}")
    rows = conn.execute(
        f"SELECT athlete_id, count(*), sum(year = ?) FROM ({notable}) WHERE legal GROUP BY athlete_id",
        (year or 0, *ids, *codes, *ids, *codes, *ids, *codes)).fetchall()
    out: dict[int, float] = {}
    for aid, n, in_year in rows:
        out[aid] = n + (10 * in_year if year else 0)
    for aid, n in conn.execute(
            f"SELECT rec.athlete_id, count(*) FROM records rec JOIN events e ON e.id = rec.event_id "
            f"WHERE rec.athlete_id IN ({marks}) AND e.code IN ({ev}) GROUP BY rec.athlete_id", (*ids, *codes)):
        out[aid] = out.get(aid, 0) + 5 * n   # record holders are who a record question means
    return out
