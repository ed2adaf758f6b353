"""Autocomplete for slash-command options: athletes, events, meets (series), countries. Discord-free.

Each function returns at most 25 (name, value) pairs, names and values at most 100 characters (Discord's
limits); values are what the slash options read back exactly: event codes, series ids, IOC and area codes,
"#<athlete id>". Athletes: word-prefix matches from a sorted token list (bisect, so a few microseconds), ranked by
fame (a prefix shared by hundreds of names ranks positions worked out once, with numpy); rapidfuzz over the
best-known names only when prefixes find too few, scoring only the names that can match (bot/ask/fuzzy_pool.py),
so a keystroke stays under 2 ms.
"""
from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from dataclasses import dataclass

from anyascii import anyascii

from bot.ask import lexicon as lx
from bot.common import events as ev
from bot.common.countries import COUNTRIES

MAX_CHOICES = 25
MAX_LEN = 100
FUZZY_POOL = 4000          # the best-known athletes searched for misspellings
WIDE = 200                 # a prefix matching more names than this ranks them by precomputed positions
POPULAR_EVENTS = ("100m", "200m", "400m", "800m", "1500m", "mile", "5000m", "10000m", "MAR", "110mH", "100mH",
                  "400mH", "3000mSC", "HJ", "PV", "LJ", "TJ", "SP", "DT", "HT", "JT", "DEC", "HEP", "60m", "HM")
AREAS = {"EUR": "Europe", "AFR": "Africa", "ASI": "Asia", "NAC": "North America", "SAM": "South America",
         "OCE": "Oceania"}

Choice = tuple[str, str]


def _norm(text: str) -> str:
    return " ".join(anyascii(text or "").lower().replace("-", " ").replace("'", "").split())


def _cut(text: str) -> str:
    return text if len(text) <= MAX_LEN else text[: MAX_LEN - 1] + "…"


@dataclass
class _Athlete:
    id: int
    name: str
    label: str
    fame: float


class Completer:
    """Built once per engine (lazily: building takes a fraction of a second over ~50k athletes)."""

    def __init__(self, people, catalogue) -> None:
        # numpy (about 11 MB) is loaded once autocomplete is first used, not by every process that asks questions
        import numpy as np

        from bot.ask.fuzzy_pool import FuzzyPool
        self.athletes: dict[int, _Athlete] = {}
        pairs: list[tuple[str, int]] = []
        for p in people.people.values():
            if p.is_team:
                continue
            extra = ", ".join(b for b in (p.nationality or "", (p.birth_date or "")[:4]) if b)
            label = f"{p.name} ({extra})" if extra else p.name
            self.athletes[p.id] = _Athlete(p.id, p.name, _cut(label), p.fame)
            norm = _norm(p.name)
            pairs.append((norm, p.id))          # the whole name: "josh ke" finds Josh Kerr
            for tok in norm.split()[1:]:
                pairs.append((tok, p.id))       # and each later word: "kerr"
        pairs.sort()
        self._keys = [k for k, _ in pairs]
        self._ids = [i for _, i in pairs]
        famous = sorted(self.athletes.values(), key=lambda a: (-a.fame, a.name))
        self._top = [a.id for a in famous[:MAX_CHOICES]]
        # one- and two-letter prefixes match thousands of names: their best-known 25 are worked out here
        short: dict[str, set[int]] = defaultdict(set)
        for key, pid in pairs:
            for n in (1, 2):
                if len(key) >= n:
                    short[key[:n]].add(pid)
        self._short = {k: heapq.nsmallest(MAX_CHOICES, v, key=self._rank) for k, v in short.items()}
        # every athlete's place in the fame order, and whether it shares its rank key with a neighbour there (a
        # tie: nsmallest then keeps the order it met them in, which only the slow path reproduces)
        by_rank = sorted(self.athletes, key=self._rank)
        self._by_rank = np.array(by_rank, dtype=np.int64)
        self._rank_of = np.zeros(max(self.athletes, default=0) + 1, dtype=np.int64)
        self._rank_of[self._by_rank] = np.arange(len(by_rank))
        keys = [self._rank(i) for i in by_rank]
        self._tied = np.array([(k > 0 and keys[k - 1] == key) or (k + 1 < len(keys) and keys[k + 1] == key)
                               for k, key in enumerate(keys)], dtype=bool)
        self._ids_np = np.array(self._ids, dtype=np.int64)
        famous = famous[:FUZZY_POOL]
        self._fuzzy_names = [_norm(a.name) for a in famous]
        self._fuzzy_ids = [a.id for a in famous]
        self._fuzzy = FuzzyPool(self._fuzzy_names)
        self.catalogue = catalogue
        held = {code for code, _sex in catalogue.events}
        codes = [c for c in POPULAR_EVENTS if c in held] + sorted(held - set(POPULAR_EVENTS))
        self._events = [(code, [_norm(w) for w in (ev.get(code).name, code, *ev.get(code).aliases)])
                        for code in codes if code in ev.EVENTS]
        # each event's words in one string, each after a newline (a folded text holds none): "\n" + text in it
        # is a word starting with the text, text in it a word holding it; two searches per event, not one per word
        self._event_words = [(code, "\n" + "\n".join(words)) for code, words in self._events]
        self._series = [(sid, _cut(name), [_norm(w) for w in (name, *aliases)])
                        for sid, (name, _level, aliases) in sorted(catalogue.series.items(), key=lambda kv: kv[1][0])]

    # -- athletes
    def athletes_for(self, current: str) -> list[Choice]:
        text = _norm(current)
        if not text:
            return self._choices(self._top)
        if len(text) <= 2:
            return self._choices(self._short.get(text, []))
        lo = bisect.bisect_left(self._keys, text)
        hi = bisect.bisect_left(self._keys, text + "\uffff")
        # a whole surname first ("kerr" before "Kerron"), once the word is long enough to mean one
        exact_hi = bisect.bisect_right(self._keys, text, lo, hi) if len(text) >= 4 else lo
        wide = self._wide(lo, exact_hi, hi) if hi - lo > WIDE else None
        if wide is not None:
            return self._choices(wide)
        found = set(self._ids[lo:hi])
        exact = set(self._ids[lo:exact_hi])
        ranked = heapq.nsmallest(MAX_CHOICES, found, key=lambda i: (i not in exact, self._rank(i)))
        if len(ranked) < MAX_CHOICES and len(text) >= 3:
            for _name, _score, idx in self._fuzzy.extract(text, MAX_CHOICES, 75):
                pid = self._fuzzy_ids[idx]
                if pid not in found:
                    found.add(pid)
                    ranked.append(pid)
        return self._choices(ranked)

    def _wide(self, lo: int, exact_hi: int, hi: int) -> list[int] | None:
        """The best-ranked 25 of the names a prefix matches (those whose word equals it first), from their fame
        positions; None where the slow path must decide (fewer than 25 names, or ties at the places taken)."""
        import numpy as np
        exact = np.unique(self._rank_of[self._ids_np[lo:exact_hi]])
        every = np.unique(self._rank_of[self._ids_np[lo:hi]])
        if len(every) <= MAX_CHOICES:
            return None
        rest = every[~np.isin(every, exact, assume_unique=True)] if len(exact) else every
        places = np.concatenate((exact, rest))[:MAX_CHOICES + 1]
        if self._tied[places].any():
            return None
        return self._by_rank[places[:MAX_CHOICES]].tolist()

    def _rank(self, pid: int) -> tuple[float, str]:
        a = self.athletes[pid]
        return -a.fame, a.name

    def _choices(self, ids: list[int]) -> list[Choice]:
        # the value is the athlete's id, which the athlete option reads back exactly (bot/ask/options.py)
        return [(self.athletes[i].label, f"#{i}") for i in ids[:MAX_CHOICES]]

    # -- events: value is the event code
    def events_for(self, current: str) -> list[Choice]:
        text = _norm(current)
        if not text:
            return [(ev.get(c).name, c) for c, _words in self._events][:MAX_CHOICES]
        # events a word of which starts with the text, then those a word of which holds it, each in catalogue order
        starts, inside = [], []
        head = "\n" + text
        for code, joined in self._event_words:
            if head in joined:
                starts.append(code)
            elif text in joined:
                inside.append(code)
        return [(ev.get(c).name, c) for c in (starts + inside)[:MAX_CHOICES]]

    # -- meets: value is the series id
    def meets_for(self, current: str) -> list[Choice]:
        text = _norm(current)
        out = []
        for sid, label, words in self._series:
            if not text or any(text in w for w in words):
                rank = 0 if any(w.startswith(text) for w in words) else 1
                out.append((rank, label, sid))
        return [(n, v) for _, n, v in sorted(out, key=lambda t: (t[0], t[1]))][:MAX_CHOICES]

    # -- countries: value is the IOC code (areas too when asked for area records)
    def countries_for(self, current: str, areas: bool = False) -> list[Choice]:
        text = _norm(current)
        readable = set(lx.NATIONS.values())
        pool = [(code, COUNTRIES[code][1]) for code in sorted(readable) if code in COUNTRIES]
        if areas:
            pool = list(AREAS.items()) + pool
        out = []
        for code, name in pool:
            n = _norm(name)
            if not text or n.startswith(text) or code.lower() == text or (len(text) >= 3 and text in n):
                rank = 0 if (code.lower() == text or n.startswith(text)) else 1
                out.append((rank, f"{name} ({code})", code))
        return [(n, v) for _, n, v in sorted(out, key=lambda t: (t[0], t[1]))][:MAX_CHOICES]


_cache: dict[int, Completer] = {}


def completer(engine) -> Completer:
    """The Completer of an engine, built on first use."""
    found = _cache.get(id(engine))
    if found is None or found.catalogue is not engine.cat:
        found = _cache[id(engine)] = Completer(engine.people, engine.cat)
    return found
