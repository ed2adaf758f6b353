"""Who the question means: athlete names resolved with exact lookups first, rapidfuzz only for misspellings.

The index is built once from the database (names, aliases, how often each athlete appears), cached in a file
beside it (so a start reads it instead of folding every name again: see PeopleIndex.load) and kept in memory,
so resolving a name is a few dict lookups; fuzzy matching runs only on a token no name has, over the
name tokens of similar length. A word becomes an athlete only on a strong match: an exact name word, or a
spelling one or two letters from one (three in long names) that is a well-known athlete's name, or that
stands next to an exact word of the same name ("noa lyles"); "balls" is not Juan Ball and "ncaa" is not
Naa Anang. Among the athletes a name fits, the evidence in the question ranks them (the event, the year,
the meet, the other athlete named), then fame; the leader is assumed, and said so with the others offered,
when far ahead; otherwise the caller gets the candidates to offer as "did you mean".
"""
from __future__ import annotations

import bisect
import gc
import hashlib
import logging
import marshal
import os
import sqlite3
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from operator import methodcaller
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.ask import lexicon as lx
from bot.ask.per_file import kept
from bot.ask.understand import event_alias_table, tokenize
from bot.common import countries, names, places

log = logging.getLogger(__name__)

FAME_MARGIN = 4.0      # the favourite must appear this many times more often than the next candidate
MAX_SUGGESTIONS = 5
OBSCURE = 15.0         # ... and the next candidate must be little known (a few results on file)
EVIDENCE_MARGIN = 3.0  # with the event as evidence: this many times the marks of every other candidate...
INITIALS_FAME = 50    # fame of an athlete fans call by their initials ("kjt")
POSSESSIVE_FAME = 100  # fame of a star whose possessive without apostrophe outranks a namesake ("jakobs")
WELL_KNOWN = 30        # fame (results and records on file) of an athlete fans name by one word, misspelt too
TITLED_MARGIN = 1.5    # ... or, the only one with global titles in the event, this many times the marks of each
MAX_OTHERS = 4         # namesakes offered next to an assumed athlete
PARTNER_POOL = 5000    # athletes with a word of a misspelt name: more, and the word says too little

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
    others: list[Person] = field(default_factory=list)   # namesakes of an assumed athlete, to offer
    pair_suggestions: list[str] = field(default_factory=list)   # "A vs B" questions for an unclear pair
    # for each suggestion, (words, athlete id) for both sides: what clicking it pins
    pair_pins: list[tuple[tuple[str, int], ...]] = field(default_factory=list)


def _bucket_key(n: int) -> int:
    return min(n, 16)


class People(Mapping[int, Person]):
    """Athlete id -> Person, made on first use from the index's rows (most athletes are never asked about)."""

    def __init__(self, rows: dict[int, tuple]):
        self._rows = rows
        self._made: dict[int, Person] = {}

    def __getitem__(self, pid: int) -> Person:
        p = self._made.get(pid)
        if p is None:
            name, sex, nat, bd, team, known = self._rows[pid]
            p = self._made[pid] = Person(pid, name, sex, nat, bd, bool(team), known)
        return p

    def __contains__(self, pid: object) -> bool:
        return pid in self._rows

    def rows(self):
        """(id, row) of every athlete, without making a Person of each."""
        return self._rows.items()

    def __iter__(self) -> Iterator[int]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def is_team(self, pid: int) -> bool:
        return bool(self._rows[pid][4])


class FullNames(Mapping[tuple[str, ...], frozenset[int]]):
    """What understand() reads before slots: full names of two words or more (and two-word nicknames) -> the
    athletes (not teams) with that name. Worked out per phrase looked up, not for every name at start."""

    def __init__(self, index: PeopleIndex):
        self._index = index

    def __getitem__(self, key: tuple[str, ...]) -> frozenset[int]:
        if len(key) >= 2:
            nick = self._index.nicknames.get(key)
            if nick is not None:
                return frozenset(nick)
            ids = frozenset(i for i in set(self._index.full.get(key, ())) if not self._index.people.is_team(i))
            if ids:
                return ids
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) < 2:
            return False
        if key in self._index.nicknames:
            return True
        people = self._index.people
        return any(not people.is_team(i) for i in self._index.full.get(key, ()))

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        seen = set()
        for key in self._index.full:
            if key in self:
                seen.add(key)
                yield key
        for key in self._index.nicknames:
            if len(key) >= 2 and key not in seen:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)


class PeopleIndex:
    """The name index. Its data (plain dicts of tuples, see build_data) is built from the database once and
    cached in a file beside it (load), so a start reads it rather than folding every name again. A tuple of ids
    (full, by_token) is read through set(): the order the athletes are considered in is that set's."""

    def __init__(self, data: dict):
        self._data = data
        self.people = People(data["people"])
        self.full: Mapping[tuple[str, ...], tuple[int, ...]] = data["full"]     # a dict, or SortedNames
        self.by_token: Mapping[str, tuple[int, ...]] = data["by_token"]      # a dict, or SortedNames
        self.nicknames: dict[tuple[str, ...], set[int]] = {}
        for nick, target in lx.NICKNAMES.items():
            ids = self.full.get(tuple(name_tokens(target)))
            if ids:
                self.nicknames[tuple(tokenize(nick))] = set(set(ids))
        for initials, pid in self._initials().items():
            self.nicknames.setdefault((initials,), {pid})

    # Read on first use: a start and most questions need none of these (the cache loads them then, see _Lazy).
    @property
    def family(self) -> dict[int, tuple[str, ...]]:
        return self._section("family")

    @property
    def _tokens_by_id(self) -> dict[int, tuple[str, ...]]:
        return self._section("tokens")

    @property
    def by_length(self) -> dict[tuple[str, int], list[str]]:
        """Close spellings are looked for among name words of the same first letter and similar length: a
        misspelling rarely changes the first letter, and this keeps each search to a few hundred words."""
        return self._section("by_length")

    def _section(self, name: str):
        value = self._data[name]
        if isinstance(value, _Lazy):
            value = self._data[name] = value.load()
        return value

    def _initials(self) -> dict[str, int]:
        """"kjt", "sml": the initials of a well-known athlete's name words (three or more, see _initials_of),
        where no other well-known athlete has the same and they are no word of a question (an event, a cue, a
        filler)."""
        # no word a question has another use for: a name word, a filler, a country code ("esp"), an event or
        # meet alias ("dmr", "wic")
        taken = lx.STOPWORDS | {c.lower() for c in countries.COUNTRIES} \
            | {k[0] for k in event_alias_table() if len(k) == 1} | {"wic", "wch", "dmr", "ncaa", "iaaf", "gbr"}
        return {k: ids[0] for k, ids in self._data["initials"].items()
                if len(ids) == 1 and k not in taken and k not in self.by_token}

    @classmethod
    def load(cls, conn: sqlite3.Connection, cache: Path | None = None) -> PeopleIndex:
        """The index of the database on conn; with cache (a file beside the database), read from it when it was
        written for this database file and this code, else built and written there for the next start."""
        if cache is None:
            return cls(build_data(conn))
        key = _cache_key(cache)
        data = _read_cache(cache, key) if key is not None else None
        if data is None:
            data = build_data(conn)
            if key is not None:
                _write_cache(cache, key, data)
        return cls(data)

    def tokens_of(self, pid: int) -> tuple[str, ...]:
        return self._tokens_by_id.get(pid, ())

    # -- what understand() needs: full names of two words or more, so they are read before slots
    def full_name_table(self) -> FullNames:
        return FullNames(self)

    def token_matches(self, token: str, short_ok: bool = False, also_fuzzy: bool = False) -> list[tuple[str, float]]:
        """(name token, score) for one question token: itself when some name has it, else close spellings
        (edits, a swap of two letters counting one: one edit up to five letters, two up to ten, three beyond).
        Words of three or four letters are corrected only next to another name word ("noa lyles")."""
        if token in self.by_token and not also_fuzzy:
            return [(token, 100.0)]
        n = len(token)
        if n < (3 if short_ok else 5) or token.isdigit():
            return []
        limit = 1 if n <= 5 else 2 if n <= 10 else 3
        found: dict[str, float] = {}
        for key in sorted({_bucket_key(m) for m in range(n - limit, n + limit + 1)}):
            bucket = self.by_length.get((token[0], key))
            if not bucket:
                continue
            for cand, edits, _ in process.extract(token, bucket, scorer=OSA.distance, score_cutoff=limit, limit=4):
                # Ranked by edits: "cheptegai" is one letter from Cheptegei, two from Cheptai
                found[cand] = max(found.get(cand, 0.0), 100.0 - 5 * edits)
        return sorted(found.items(), key=lambda x: -x[1])[:5]

    def candidates(self, words: list[str]) -> tuple[dict[int, float], bool]:
        if len(words) == 1 and words[0] not in self.by_token and len(words[0]) >= 5 and words[0].endswith("s") \
                and words[0][:-1] in self.by_token:
            # "beamons long jump": a possessive written without its apostrophe, scored as a misspelling (only a
            # well-known athlete, or one the context backs: "balls 100m" is not Juan Ball)
            stem, _ = self._candidates([words[0][:-1]], False)
            return {pid: 95.0 for pid in stem}, True
        scores, fuzzy = self._candidates(words, False)
        if (not scores or fuzzy) and len(words) == 1 and len(words[0]) >= 5:
            # "centro": a short form of a family name, scored as a two-edit misspelling (context must back it)
            prefixed = self._prefixed(words[0])
            if prefixed:
                return {**prefixed, **scores}, True
        if not scores and len(words) > 1:
            # "noa lyles", "usain bolth": the athletes with one of the words, whose other name words are close
            scores = self._with_partner(words)
            if scores:
                return scores, True
            scores, fuzzy = self._candidates(words, True)
        return scores, fuzzy

    def _prefixed(self, word: str) -> dict[int, float]:
        """Athlete id -> 90 for the athletes with a name word that starts with this one and is at least three
        letters longer ("centro" -> Centrowitz), when few words do."""
        found = [t for (first, _), bucket in self.by_length.items() if first == word[0]
                 for t in bucket if len(t) >= len(word) + 3 and t.startswith(word)]
        if not found or len(found) > 3:
            return {}
        return {pid: 90.0 for t in found for pid in set(self.by_token.get(t, ()))}

    def _with_partner(self, words: list[str]) -> dict[int, float]:
        """Athlete id -> spelling score, for athletes with an exact word of the group whose other words are
        each one edit from a word of their name (two in words of six letters or more)."""
        pool: set[int] = set()
        for w in words:
            pool |= set(self.by_token.get(w, ()))
        if not pool or len(pool) > PARTNER_POOL:
            return {}
        out = {}
        for pid in pool:
            toks = self.tokens_of(pid)
            total = 0
            for w in words:
                limit = 1 if len(w) <= 5 else 2
                best = min((OSA.distance(w, t, score_cutoff=limit) for t in toks if t[:1] == w[:1]), default=limit + 1)
                if best > limit and len(w) >= 3 and any(len(t) > len(w) and t.startswith(w) for t in toks):
                    best = 1   # a short form of a name word: "seb coe" is Sebastian Coe, "jake wightman"
                if best > limit or (best and len(w) < 3):
                    break
                total += best
            else:
                out[pid] = 100.0 - 5 * total / len(words)
        return out

    def _candidates(self, words: list[str], also_fuzzy: bool) -> tuple[dict[int, float], bool]:
        """Athlete id -> spelling score for a group of words, and whether a misspelling was corrected."""
        key = tuple(words)
        if len(words) == 1 and len(words[0]) <= 2 and key not in self.nicknames:
            return {}, False   # "ii", "jr", "de": a lone scrap of a name names no one
        if key in self.nicknames:
            return {i: 100.0 for i in self.nicknames[key]}, False
        if key in self.full:
            named = {i for i in self.full[key] if i not in self.people or not self.people[i].is_team}
            if named or len(words) > 1:
                return {i: 100.0 for i in set(self.full[key])}, False
            # "howard": a relay team's name (Howard University) is no athlete: the athletes with that name word
        for n in range(len(words) - 1, 0, -1):
            for k in range(len(words) - n + 1):
                nick = tuple(words[k:k + n])
                if nick in self.nicknames:
                    # "mondo duplantis": the nickname's athlete, when the other words are in their name
                    rest = set(words) - set(nick)
                    ids = [i for i in self.nicknames[nick] if rest.issubset(self.tokens_of(i))]
                    if ids:
                        return {i: 100.0 for i in ids}, False
        matches = [(w, self.token_matches(w, short_ok=len(words) > 1, also_fuzzy=also_fuzzy)) for w in words]
        matched = [(w, m) for w, m in matches if m]
        if not matched:
            return {}, False
        fuzzy = any(m[0][1] < 100 for _, m in matched)
        if len(matched) < len(words):
            return {}, fuzzy   # a word no name has: "jakob xyzzy" is no one, not Jakob with a word dropped
        scores: dict[int, float] | None = None
        for _, options in matched:
            here: dict[int, float] = {}
            for tok, s in options:
                for pid in set(self.by_token[tok]):
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


def _add_name(full: dict[tuple[str, ...], dict[int, None]], tokens: dict[int, set[str]], aid: int,
              toks: list[str]) -> None:
    if toks:
        tokens[aid].update(toks)
        full[tuple(toks)][aid] = None


def _initials_of(people: dict[int, tuple]) -> dict[str, tuple[int, ...]]:
    """The initials of each well-known athlete's name words, three or more ("kjt"), and whose they are."""
    seen: dict[str, list[int]] = {}
    for pid, (name, _sex, _nat, _bd, team, fame) in people.items():
        if fame < INITIALS_FAME or team:
            continue
        key = "".join(w[0] for w in name_tokens(name))
        if len(key) >= 3:
            seen.setdefault(key, []).append(pid)
    return {k: tuple(v) for k, v in seen.items()}


def build_data(conn: sqlite3.Connection) -> dict:
    """The index's data, from every athlete and alias in the database: plain dicts of tuples, so it can be
    cached as it is. A tuple of ids is in the order they were added: set(ids) is the set the index always
    had, iterating in the same order (ties between namesakes stay broken the same way)."""
    known = fame(conn)
    people: dict[int, tuple] = {}
    tokens: dict[int, set[str]] = defaultdict(set)
    family: dict[int, set[str]] = defaultdict(set)
    # ids in the order they were first added (a dict as an ordered set): set() of that tuple is the same set,
    # same iteration order, as adding them one by one was
    full: dict[tuple[str, ...], dict[int, None]] = defaultdict(dict)
    for aid, name, given, fam, sex, nat, bd, team in conn.execute(
            "SELECT id, name, given, family, sex, nationality, birth_date, is_team FROM athletes"):
        people[aid] = (name, sex, nat, bd, int(bool(team)), known.get(aid, 0.0))
        gt, ft = name_tokens(given), name_tokens(fam)
        family[aid].update(ft)
        _add_name(full, tokens, aid, name_tokens(name))
        if gt and ft:
            # "Kerr Josh" (WA order) and "J Kerr" (an initial)
            full[tuple(ft + gt)][aid] = None
            full[tuple([gt[0][0]] + ft)][aid] = None
    for aid, alias in conn.execute("SELECT athlete_id, alias FROM athlete_aliases"):
        toks = name_tokens(alias)
        _add_name(full, tokens, aid, toks)
        if len(toks) == 2:
            full[(toks[1], toks[0])][aid] = None
    by_token: dict[str, list[int]] = defaultdict(list)
    for pid, words in tokens.items():
        for t in words:
            by_token[t].append(pid)
    by_length: dict[tuple[str, int], list[str]] = defaultdict(list)
    for t in by_token:
        if len(t) >= 3:
            by_length[(t[0], _bucket_key(len(t)))].append(t)
    return {"people": people, "initials": _initials_of(people),
            "tokens": {k: tuple(v) for k, v in tokens.items()},
            "full": {k: tuple(v) for k, v in full.items()}, "family": {k: tuple(v) for k, v in family.items()},
            "by_token": {k: tuple(v) for k, v in by_token.items()}, "by_length": dict(by_length)}


# The cache beside the database: one line naming what it was built from, then the data (marshal: plain
# dicts and tuples load fast), each part marshalled on its own so the parts a start does not need (LAZY) are
# read when first used, and the two largest (SORTED) as sorted strings. Built from another database file (or another version of it) or by other code, it is
# stale: rebuilt, and rewritten.
CACHE_FORMAT = 3
LAZY = ("tokens", "family", "by_length")
_CODE = (Path(__file__), Path(names.__file__))


def cache_path(db: Path | str) -> Path:
    return Path(f"{db}-names")


def _cache_key(cache: Path) -> bytes | None:
    db = Path(str(cache).removesuffix("-names"))
    try:
        st = db.stat()
        digest = hashlib.sha256(repr((CACHE_FORMAT, st.st_size, st.st_mtime_ns, st.st_ino)).encode())
        for path in _CODE:
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest().encode()


def _read_cache(cache: Path, key: bytes) -> dict | None:
    try:
        blob = cache.read_bytes()
    except OSError:
        return None
    head, nl, _ = blob[:100].partition(b"\n")
    if not nl or head != key:
        return None
    # then a line of each part's name and length, then the parts one after the other
    toc, nl, _ = blob[len(head) + 1:len(head) + 1000].partition(b"\n")
    try:
        if not nl:
            return None
        view, at = memoryview(blob), len(head) + len(toc) + 2
        data: dict = {}
        for entry in toc.decode("ascii").split():
            name, _, size = entry.partition(":")
            part, at = view[at:at + int(size)], at + int(size)
            # the lazy parts copied out: the whole file is not kept for them
            data[name] = _Lazy(bytes(part)) if name in LAZY else _Lazy(part).load()
        if at != len(blob):
            return None
        for name in SORTED:
            packed = data.get(name)
            if isinstance(packed, tuple):
                data[name] = SortedNames(*packed)
        return data
    except (EOFError, ValueError, TypeError, UnicodeDecodeError):
        return None


# the parts kept as SortedNames in the cache, and how their keys are joined into one string: full names (word
# tuples) by spaces, name words (by_token) as they are
SORTED = {"full": " ", "by_token": ""}


def _packed(name: str, part):
    """A part as SortedNames stores it, when its keys join into lines and split back; the rest as it is."""
    sep = SORTED.get(name)
    if sep is None or not all(_joins(key, sep) for key in part):
        return part
    keys = sorted((sep.join(key) if sep else key, at) for at, key in enumerate(part))
    ids, ends, order = array("q"), array("q"), array("q", bytes(8 * len(keys)))
    values = list(part.values())
    for pos, (_joined, at) in enumerate(keys):
        ids.extend(values[at])
        ends.append(len(ids))
        order[at] = pos
    return sep, "\n".join(k for k, _ in keys), ids.tobytes(), ends.tobytes(), order.tobytes()


def _joins(key: object, sep: str) -> bool:
    """Whether a key can be one line of a SortedNames: non-empty words holding neither the separator nor a newline."""
    if not sep:
        return isinstance(key, str) and bool(key) and "\n" not in key
    return isinstance(key, tuple) and bool(key) and all(
        isinstance(w, str) and w and sep not in w and "\n" not in w for w in key)


class SortedNames(Mapping[Any, tuple[int, ...]]):
    """A part of the name index (build_data's "full": word tuples -> athlete ids, or "by_token": words -> athlete
    ids) read from the cache: the keys joined into lines (the words of a tuple by sep), sorted, in one string,
    and the ids in arrays. Splitting the string is all a start does (a dict of 140k tuples takes 50-100 ms to
    unmarshal); a lookup is a bisection. Iterates in the dict's order."""

    def __init__(self, sep: str, text: str, ids: bytes, ends: bytes, order: bytes):
        self._sep = sep
        self._keys = text.split("\n") if text else []
        self._ids, self._ends, self._order = array("q"), array("q"), array("q")
        self._ids.frombytes(ids)
        self._ends.frombytes(ends)
        self._order.frombytes(order)

    def _find(self, key: object) -> int:
        # what _joins checks, in fewer steps: a lookup per question word and phrase comes here
        sep = self._sep
        if not sep:
            if not isinstance(key, str) or not key or "\n" in key:
                return -1
            joined = key
        else:
            if not isinstance(key, tuple) or not key or "" in key:
                return -1
            try:
                joined = sep.join(key)
            except TypeError:
                return -1
            if joined.count(sep) != len(key) - 1 or "\n" in joined:     # a word holding a space is no name here
                return -1
        pos = bisect.bisect_left(self._keys, joined)
        return pos if pos < len(self._keys) and self._keys[pos] == joined else -1

    def __getitem__(self, key) -> tuple[int, ...]:
        pos = self._find(key)
        if pos < 0:
            raise KeyError(key)
        return self._at(pos)

    def get(self, key, default=None):
        # not Mapping's (a KeyError raised and caught for every word that is no name)
        pos = self._find(key)
        return default if pos < 0 else self._at(pos)

    def _at(self, pos: int) -> tuple[int, ...]:
        return tuple(self._ids[self._ends[pos - 1] if pos else 0:self._ends[pos]])

    def __contains__(self, key: object) -> bool:
        return self._find(key) >= 0

    def __iter__(self) -> Iterator:
        # map, not a generator: the engine's start iterates the 44k name words once
        words = map(self._keys.__getitem__, self._order)
        return map(tuple, map(methodcaller("split", self._sep), words)) if self._sep else words

    def __len__(self) -> int:
        return len(self._keys)


class _Lazy:
    """A part of the cache, unmarshalled when first used."""
    __slots__ = ("blob",)

    def __init__(self, blob: bytes | memoryview):
        self.blob = blob

    def load(self):
        enabled = gc.isenabled()
        gc.disable()   # a million objects, none of them garbage: collecting while they load only costs time
        try:
            return marshal.loads(self.blob)
        finally:
            if enabled:
                # and none ever will be: moved out of the collector's sight, or the first collections after the
                # load would walk all of them (what the engine's first answer would wait for)
                gc.freeze()
                gc.enable()


def _write_cache(cache: Path, key: bytes, data: dict) -> None:
    """Write the cache atomically; a database in a read-only place just goes without one."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".names-", dir=cache.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                parts = {name: marshal.dumps(_packed(name, part)) for name, part in data.items()}
                f.write(key + b"\n")
                f.write(" ".join(f"{name}:{len(part)}" for name, part in parts.items()).encode("ascii") + b"\n")
                f.writelines(parts.values())
            os.replace(tmp, cache)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as e:
        log.info("name index not cached at %s: %s", cache, e)


@dataclass
class Context:
    """What else the question says, to tell namesakes apart."""
    sex: str | None = None
    event_codes: tuple[str, ...] = ()
    year: int | None = None
    nation: str | None = None
    rivals: tuple[int, ...] = ()       # athletes already named: a namesake who raced them is the one meant
    competitions: tuple[int, ...] = ()   # the meet named: a namesake with results there is the one meant
    records: bool = False              # a record question: a namesake who set a record in the event is meant
    prefer: frozenset[int] = frozenset()   # athletes the question suits (who have quotes, for a quote question)
    # a barrier the question counts ("sub 4 miles kerr"): (event code, sex, value, lower is better) for each
    # event it may be in; a namesake who has beaten it is the one meant
    barriers: tuple[tuple[str, str, float, bool], ...] = ()
    # what the verb says they do ("what did kerr run at pre": a runner, not the high jumper): "run", "jump" or
    # "throw"; a namesake whose events are of that kind is the one meant
    does: str | None = None
    # marks written in the question ("edwards 18.29", "kiptum 2:00:35"): a namesake who has that mark (in the
    # events named, else in any) is the one meant
    marks: tuple[str, ...] = ()
    # name words ruled out ("not elaine"): a namesake with one of them is not the one meant
    not_named: frozenset[str] = frozenset()
    # titles or medals asked ("how many world titles did bekele win"): a namesake who won global titles is meant
    titled: bool = False
    # wins in a city asked ("how many times did bekele win in paris"): a namesake who won a race there is meant
    won_in: tuple[str, ...] = ()


# Event codes of jumps; other field events are throws (the events table's kind says "field" for both)
_JUMPS = ("HJ", "PV", "LJ", "TJ")


def _doers(conn: sqlite3.Connection, ids: list[int], does: str) -> set[int]:
    """Those of the athletes whose events (their bests) include one of that kind."""
    jumps = ",".join(f"'{c}'" for c in _JUMPS)
    kind = {"run": "e.kind NOT IN ('field', 'combined') AND e.code NOT LIKE '%W'",
            "jump": f"e.code IN ({jumps})",
            "throw": f"e.kind = 'field' AND e.code NOT IN ({jumps})"}[does]
    ids = ids[:400]
    return {r[0] for r in conn.execute(
        f"SELECT DISTINCT b.athlete_id FROM bests b JOIN events e ON e.id = b.event_id WHERE {kind} AND "
        f"b.athlete_id IN ({','.join('?' * len(ids))})", ids)}


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
    if ctx.not_named:
        people = [p for p in people if not ctx.not_named & set(index.tokens_of(p.id))]
    namesakes = [p.id for p in people]
    stem = _possessive_stem(index, words, people, scores)
    people += stem
    if fuzzy and len(words) == 1:
        people = _strong_alone(conn, words[0], people, scores, ctx)
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
        by_family = [p for p in people if not fixed.isdisjoint(index.family.get(p.id, ()))]
        others = [p for p in people if p not in by_family]
        # how well known in what the question asks: marks in its event when it names one ("christian 100m" is
        # Christian Coleman, not Brendan Christian; "grant 110mh" Grant Holloway), else fame
        known = _ran(conn, [p.id for p in people], ctx.event_codes, ctx.year) if ctx.event_codes and others \
            and by_family else {p.id: p.fame for p in people}
        if by_family and max(known.get(p.id, 0) for p in by_family) * FAME_MARGIN >= \
                max((known.get(p.id, 0) for p in others), default=0):
            people = by_family   # unless the word is a famous athlete's given name: "jakob"
    weights = {p.id: p.fame for p in people}
    if ctx.does and not ctx.event_codes and len(people) > 1:
        doers = _doers(conn, [p.id for p in people], ctx.does)
        people = [p for p in people if p.id in doers] or people
    if ctx.rivals and len(people) > 1 and (kept := _kept(people, _met(conn, [p.id for p in people], ctx.rivals))):
        people, weights = kept
    if ctx.titled and len(people) > 1 and (kept := _kept(people, _titled(conn, [p.id for p in people]))):
        people, weights = kept
    if ctx.won_in and len(people) > 1 and (kept := _kept(people, _wins_in(conn, [p.id for p in people], ctx.won_in))):
        people, weights = kept
    # "what did kerr run at pre in 2024": who has a result at that meet
    elif ctx.competitions and len(people) > 1 and (
            kept := _kept(people, _at(conn, [p.id for p in people], ctx.competitions))):
        people, weights = kept
    ran: dict[int, float] = {}
    if ctx.event_codes and len(people) > 1:
        ran = _ran(conn, [p.id for p in people], ctx.event_codes, ctx.year)
        if kept := _kept(people, ran):
            people, weights = kept
        else:
            ran = {}
    if ctx.records and len(people) > 1:
        # "did bekele ever hold the 5000 record": Kenenisa set it, Tariku did not
        held = _held(conn, [p.id for p in people], ctx.event_codes)
        if held:
            people = [p for p in people if p.id in held]
            weights = {p.id: held[p.id] + p.fame / 100 for p in people}
    if ctx.barriers and len(people) > 1 and (
            kept := _kept(people, _beyond(conn, [p.id for p in people], ctx.barriers))):
        people, weights = kept
    if ctx.marks and len(people) > 1:
        marked = _has_marks(conn, [p.id for p in people], ctx.marks, ctx.event_codes)
        if marked:
            # only those with the mark written: the one meant; the others still offered, by fame
            passed = sorted((p for p in people if p.id not in marked), key=lambda p: -p.fame)
            people = [p for p in people if p.id in marked]
            weights = {p.id: marked[p.id] + p.fame / 100 for p in people}
            if len(people) == 1:
                res.person, res.others = people[0], passed[:MAX_OTHERS]
                res.assumption = read_as(res.words, people[0], res.others,
                                         f"the one with {' and '.join(ctx.marks)} in my data")
                return res
    people.sort(key=lambda p: (-weights[p.id], p.name))
    if not people:
        return res
    top, others = people[0], people[1:]
    titles = _titles(conn, [p.id for p in people], ctx.event_codes) if ran and others else {}
    if not others or _far_ahead(top, others, weights, ran, titles):
        res.person = top
        # namesakes worth a button: those the evidence kept, or (by fame alone) well-known ones
        # (and the exact namesakes of a possessive read as a famous athlete's: "jakobs" names Marco Jakobs too)
        res.others = [o for o in others if ran or o.fame >= WELL_KNOWN or (stem and o.id in namesakes)][:MAX_OTHERS]
        exact_full = tuple(words) in index.full or bool(hits)
        if fuzzy or not exact_full or others:
            res.assumption = read_as(res.words, top, res.others)
        return res
    res.candidates = people[:MAX_SUGGESTIONS]
    return res


def _possessive_stem(index: PeopleIndex, words: list[str], people: list[Person],
                     scores: dict[int, float]) -> list[Person]:
    """"jakobs 1500 pb": a possessive without its apostrophe that is also a little-known family name (Marco
    Jakobs). The stars of the stem join the candidates at the same spelling score, so the
    question's evidence (the event, the record) and fame choose, and the namesake is offered."""
    word = words[0] if len(words) == 1 else ""
    if len(word) < 5 or not word.endswith("s") or word[:-1] not in index.by_token \
            or any(p.fame >= WELL_KNOWN for p in people):
        return []
    best = max(scores.values(), default=100.0)
    seen = {p.id for p in people}
    stem = [index.people[i] for i in dict.fromkeys(index.by_token[word[:-1]]) if i in index.people and i not in seen]
    # only a star far better known than every exact namesake: "watts" stays Quincy Watts, not Mitchell Watt's
    floor = max(POSSESSIVE_FAME, FAME_MARGIN * max((p.fame for p in people), default=0.0))
    stem = [p for p in stem if not p.is_team and p.fame >= floor]
    for p in stem:
        scores[p.id] = best
    return stem


def read_as(words: str, person: Person, others: list[Person], why: str = "") -> str:
    """The assumption said aloud: "“lyles” read as Noah Lyles (USA), assumed: also Josephus Lyles" (the word
    "assumed" when namesakes were passed over), with the evidence that picked them when it is worth saying."""
    also = f", assumed: also {', '.join(o.name for o in others)}" if others else ""
    return f"“{words}” read as {person.name}" + (f" ({person.nationality})" if person.nationality else "") \
        + (f", {why}" if why else "") + also


def _has_marks(conn: sqlite3.Connection, ids: list[int], marks: tuple[str, ...],
               codes: tuple[str, ...]) -> dict[int, int]:
    """How many results or records each athlete has with one of the marks (as the data writes them): in the
    events named when any has it there, else in any event."""
    ids, held = ids[:400], ",".join("?" * len(marks))
    who = ",".join("?" * len(ids))
    for in_event in ((True, False) if codes else (False,)):
        event = f" AND e.code IN ({','.join('?' * len(codes))})" if in_event else ""
        args = (*ids, *marks, *(codes if in_event else ()))
        out: dict[int, int] = defaultdict(int)
        for table in ("results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id",
                      "records res JOIN events e ON e.id = res.event_id"):
            for aid, n in conn.execute(f"SELECT res.athlete_id, count(*) FROM {table} WHERE res.athlete_id IN "
                                       f"({who}) AND res.mark IN ({held}){event} GROUP BY res.athlete_id", args):
                out[aid] += n
        if out:
            return dict(out)
    return {}


def _strong_alone(conn: sqlite3.Connection, word: str, people: list[Person], scores: dict[int, float],
                  ctx: Context) -> list[Person]:
    """The athletes a lone misspelt word can name: only those fans know by one word ("balls" is not Juan
    Ball), one edit away in a word of six letters or more; further (a five-letter word, two edits) only when
    they also run the event the question names ("worhlm 400 hurdles" is Warholm, "balls 100m" not Balas)."""
    known = [p for p in people if p.fame >= WELL_KNOWN]
    close = [p for p in people if p.fame < WELL_KNOWN and scores[p.id] >= 95 and ctx.event_codes]
    if close:
        # one letter off a name ("beamons": a possessive), and the question is about an event they marked:
        # many notable marks in it, or a record in it when the question asks about a record
        ran = _ran(conn, [p.id for p in close], ctx.event_codes, ctx.year)
        held = _held(conn, [p.id for p in close], ctx.event_codes) if ctx.records else {}
        known += [p for p in close if ran.get(p.id, 0) >= OBSCURE or held.get(p.id)]
    plain = 1 if len(word) >= 6 else 0
    loose = [p for p in known if 100.0 - scores[p.id] > 5 * plain]
    if not loose:
        return known
    ran = _ran(conn, [p.id for p in loose], ctx.event_codes, ctx.year) if ctx.event_codes else {}
    return [p for p in known if p not in loose or ran.get(p.id)]


def _far_ahead(top: Person, others: list[Person], weights: dict[int, float], ran: dict[int, float],
               titles: dict[int, int] | None = None) -> bool:
    """Whether the leader is the one the question means, clearly enough to answer for them.

    By fame alone: several times the next candidate, who is little known (or far behind). With the event as
    evidence: a few times the marks of every other candidate, none of whom has many marks in it ("hassan
    5000" is Sifan Hassan; the Ingebrigtsen brothers all run the 1500) or is better known than the leader
    (Daniel Kipchirchir Komen has the most 1500 m marks, Daniel Komen the fame: ask)."""
    second = others[0]
    ratio = weights[top.id] / max(weights[second.id], 0.5)
    if ratio >= FAME_MARGIN and (weights[second.id] < OBSCURE or ratio >= 1.5 * FAME_MARGIN):
        return True
    if ran and all(weights[top.id] >= weights[o.id] for o in others) and all(o.fame < WELL_KNOWN for o in others) \
            and top.fame >= EVIDENCE_MARGIN * max(o.fame for o in others):
        # the most marks in the event, far the most famous, and the others little known: the one fans mean
        # ("lyles best 100 in 2023" is Noah, Josephus offered as a button); well-known namesakes who all run
        # the event (the Ingebrigtsen brothers) are still asked about
        return True
    if titles and titles.get(top.id) and not any(titles.get(o.id) for o in others) \
            and all(weights[top.id] >= TITLED_MARGIN * weights[o.id] and o.fame <= top.fame for o in others):
        # the only one with a global medal or a world record in the event, clearly the most marks in it and
        # the better known: "hodgkinson 800" is Keely (Olympic champion), Toni offered; the Ingebrigtsen
        # brothers' 1500 (Filip has a medal too) or 5000 (Henrik as many marks) are still asked about
        return True
    return bool(ran) and ratio >= EVIDENCE_MARGIN and all(ran.get(o.id, 0) < OBSCURE for o in others) \
        and all(o.fame <= top.fame for o in others)


def _titled(conn: sqlite3.Connection, ids: list[int]) -> dict[int, float]:
    """Each athlete's Olympic, world and world indoor titles (the build's athlete_titles)."""
    ids = ids[:400]
    return {aid: n for aid, n in conn.execute(
        f"SELECT athlete_id, titles FROM athlete_titles WHERE athlete_id IN ({','.join('?' * len(ids))})", ids)}


def _titles(conn: sqlite3.Connection, ids: list[int], codes: tuple[str, ...]) -> dict[int, int]:
    """How prominent each athlete is in the events: global medals (an Olympic, world or world indoor final's
    first three) and world records set."""
    ids = ids[:400]
    marks, ev = ",".join("?" * len(ids)), ",".join("?" * len(codes))
    out: dict[int, int] = defaultdict(int)
    for aid, n in conn.execute(
            f"SELECT res.athlete_id, count(*) FROM results res JOIN races r ON r.id = res.race_id "
            f"JOIN competitions c ON c.id = r.competition_id JOIN events e ON e.id = r.event_id "
            f"WHERE c.series_id IN ('OG', 'WCH', 'WIC') AND (r.round IS NULL OR r.round = 'F') "
            f"AND res.status = 'OK' AND res.place BETWEEN 1 AND 3 AND e.code IN ({ev}) "
            f"AND res.athlete_id IN ({marks}) GROUP BY res.athlete_id", (*codes, *ids)):
        out[aid] += n
    for aid, n in conn.execute(
            f"SELECT rec.athlete_id, count(*) FROM records rec JOIN events e ON e.id = rec.event_id "
            f"WHERE rec.kind = 'world' AND e.code IN ({ev}) AND rec.athlete_id IN ({marks}) "
            f"GROUP BY rec.athlete_id", (*codes, *ids)):
        out[aid] += n
    return dict(out)


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


def _kept(people: list[Person], counts: Mapping[int, float]) -> tuple[list[Person], dict[int, float]] | None:
    """The people the context's evidence counts for (races with the rivals, results at the meet...), each
    weighed by that count with fame breaking ties; None when it counts for no one (the context says nothing)."""
    if not any(counts.values()):
        return None
    kept = [p for p in people if counts.get(p.id)]
    return kept, {p.id: counts[p.id] + p.fame / 100 for p in kept}


def _met(conn: sqlite3.Connection, ids: list[int], rivals: tuple[int, ...]) -> dict[int, float]:
    """How many races each athlete shared with the rivals."""
    ids = ids[:400]
    rows = conn.execute(
        f"SELECT a.athlete_id, count(DISTINCT a.race_id) FROM results a JOIN results b ON b.race_id = a.race_id "
        f"WHERE a.athlete_id IN ({','.join('?' * len(ids))}) AND b.athlete_id IN ({','.join('?' * len(rivals))}) "
        f"GROUP BY a.athlete_id", (*ids, *rivals)).fetchall()
    return {aid: n for aid, n in rows}


def _at(conn: sqlite3.Connection, ids: list[int], competitions: tuple[int, ...]) -> dict[int, float]:
    """How many results each athlete has at those competitions."""
    ids = ids[:400]
    rows = conn.execute(
        f"SELECT res.athlete_id, count(*) FROM results res JOIN races r ON r.id = res.race_id "
        f"WHERE res.athlete_id IN ({','.join('?' * len(ids))}) "
        f"AND r.competition_id IN ({','.join('?' * len(competitions))}) GROUP BY res.athlete_id",
        (*ids, *competitions)).fetchall()
    return {aid: n for aid, n in rows}


def _wins_in(conn: sqlite3.Connection, ids: list[int], city_names: tuple[str, ...]) -> dict[int, float]:
    """How many races each athlete won in a city, by the venue the sources give (or, with none, the venues of
    that competition's other races)."""
    ids = ids[:400]
    rows = conn.execute(
        f"SELECT res.athlete_id, r.date, r.event_id, coalesce(r.venue, (SELECT group_concat(DISTINCT o.venue) "
        f"FROM races o WHERE o.competition_id = r.competition_id)) FROM results res JOIN races r "
        f"ON r.id = res.race_id WHERE res.athlete_id IN ({','.join('?' * len(ids))}) AND res.place = 1",
        ids).fetchall()
    won: dict[int, set] = {}
    for aid, date, event_id, venue in rows:
        if places.in_city(venue, city_names):
            won.setdefault(aid, set()).add((date, event_id))
    return {aid: len(races) for aid, races in won.items()}


def _held(conn: sqlite3.Connection, ids: list[int], codes: tuple[str, ...]) -> dict[int, float]:
    """How many world, area or national records (current or not) each athlete set in the events."""
    ids = ids[:400]
    # no event named ("kiptum wr per mile"): a record in any event
    events = f"AND e.code IN ({','.join('?' * len(codes))}) " if codes else ""
    return {aid: n for aid, n in conn.execute(
        f"SELECT rec.athlete_id, count(DISTINCT rec.date) FROM records rec JOIN events e ON e.id = rec.event_id "
        f"WHERE rec.athlete_id IN ({','.join('?' * len(ids))}) {events}"
        f"AND rec.kind IN ('world', 'area', 'national') GROUP BY rec.athlete_id", (*ids, *codes))}


RAN_KEPT = 2000      # name-resolution evidence kept per database file (_ran)


def _ran(conn: sqlite3.Connection, ids: list[int], codes: tuple[str, ...], year: int | None) -> dict[int, float]:
    """How many notable legal marks (NOTABLE) each athlete has in the events (that year weighs most), plus
    records. Kept per database file: the same surname and event come back ("williams 100m pb")."""
    memo = kept(conn, "ran")
    key = (tuple(ids[:400]), tuple(codes), year)
    if key not in memo:
        if len(memo) >= RAN_KEPT:
            memo.clear()            # bounded: a long-running bot meets ever new names
        memo[key] = _read_ran(conn, ids, codes, year)
    return dict(memo[key])


def _read_ran(conn: sqlite3.Connection, ids: list[int], codes: tuple[str, ...], year: int | None) -> dict[int, float]:
    ids = ids[:400]
    marks = ",".join("?" * len(ids))
    ev = ",".join("?" * len(codes))
    events = f"(SELECT id FROM events WHERE code IN ({ev}))"
    notable = NOTABLE.format(where=f" AND res.athlete_id IN ({marks}) AND r.event_id IN {events}",
                             sb_where=f" WHERE sb.athlete_id IN ({marks}) AND +sb.event_id IN {events}",
                             b_where=f" WHERE b.athlete_id IN ({marks}) AND b.event_id IN {events} "
                             "AND sb.athlete_id = b.athlete_id AND sb.event_id = b.event_id")
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
    for aid, n in conn.execute(
            f"SELECT m.athlete_id, count(*) FROM relay_members m JOIN events e ON e.id = m.event_id "
            f"WHERE m.athlete_id IN ({marks}) AND e.code IN ({ev}) GROUP BY m.athlete_id", (*ids, *codes)):
        out[aid] = out.get(aid, 0) + 5 * n   # a relay's medal-winning runner: relay results are the team's
    return out


def _beyond(conn: sqlite3.Connection, ids: list[int],
            barriers: tuple[tuple[str, str, float, bool], ...]) -> dict[int, int]:
    """How many valid marks each athlete has beyond any of the barriers (of their sex)."""
    ids = ids[:400]
    out: dict[int, int] = defaultdict(int)
    for code, sex, value, lower in barriers:
        cmp = "<" if lower else ">="
        for aid, n in conn.execute(
                f"SELECT res.athlete_id, count(*) FROM results res JOIN races r ON r.id = res.race_id "
                f"JOIN events e ON e.id = r.event_id WHERE res.athlete_id IN ({','.join('?' * len(ids))}) "
                f"AND e.code = ? AND e.sex = ? AND res.status = 'OK' AND res.mark_value {cmp} ? "
                f"GROUP BY res.athlete_id", (*ids, code, sex, value)):
            out[aid] += n
    return dict(out)
