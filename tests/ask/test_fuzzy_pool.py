"""The fuzzy pool returns exactly what rapidfuzz's own full scan returns (names, scores, order), for what users
type: every prefix of real names, misspellings, words swapped or repeated, texts longer than any name, and
characters no name holds. And the completer's wide-prefix ranking agrees with its per-name one."""
from __future__ import annotations

import heapq
import random

import pytest
from rapidfuzz import fuzz, process

from bot.ask.complete import MAX_CHOICES, _norm, completer
from bot.ask.fuzzy_pool import FuzzyPool


@pytest.fixture(scope="module")
def complete(engine):
    return completer(engine)


def typed_texts(names: list[str], rng: random.Random) -> list[str]:
    texts = []
    for name in rng.sample(names, 120):
        texts += [name[:k] for k in range(1, len(name) + 1)]
        if len(name) > 5:
            i = rng.randrange(1, len(name) - 3)
            texts.append(name[:i] + name[i + 1] + name[i] + name[i + 2:])      # two letters swapped
            texts.append(name[:i] + name[i + 2:])                              # two dropped
        words = name.split()
        texts.append(" ".join(reversed(words)))
        texts.append(f"{words[0]} {words[0]}")                                 # a word repeated
    texts += ["x" * 60, "zzzzqq", "é", "li li", "a b c d e f g h", "9.58", "o brien", name * 3]
    return [t for t in (_norm(t) for t in texts) if t]


def test_same_as_a_full_scan(complete):
    names = complete._fuzzy_names
    pool = complete._fuzzy
    for text in typed_texts(names, random.Random(17)):
        want = process.extract(text, names, scorer=fuzz.WRatio, limit=MAX_CHOICES, score_cutoff=75)
        assert pool.extract(text, MAX_CHOICES, 75) == want, text


def test_small_pools_and_other_limits():
    names = ["anna anna", "ann", "hanna lee", "lee ann", "an", "annabel", "joan ann smith", "nan", "a"]
    pool = FuzzyPool(names)
    for text in ["an", "ann", "anna", "anna anna", "lee", "n", "ann lee", "smith joan", "xyz", "annabelle"]:
        for limit, cutoff in ((3, 75), (25, 50), (1, 90), (25, 0)):
            want = process.extract(text, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
            assert pool.extract(text, limit, cutoff) == want, (text, limit, cutoff)


def test_wide_prefixes_rank_as_name_by_name(complete):
    """A prefix shared by hundreds of names is ranked from precomputed positions: the same 25, in the same
    order, as ranking every matching name (whole words equal to the prefix first)."""
    import bisect
    keys, ids = complete._keys, complete._ids
    checked = 0
    for text in ["mar", "joh", "ann", "ali", "kip", "chr", "ser", "john", "maria", "mohamed", "li", "ke", "wang"]:
        lo = bisect.bisect_left(keys, text)
        hi = bisect.bisect_left(keys, text + "\uffff")
        exact_hi = bisect.bisect_right(keys, text, lo, hi) if len(text) >= 4 else lo
        fast = complete._wide(lo, exact_hi, hi)
        if fast is None:
            continue
        exact = set(ids[lo:exact_hi])
        slow = heapq.nsmallest(MAX_CHOICES, set(ids[lo:hi]), key=lambda i: (i not in exact, complete._rank(i)))
        assert fast == slow, text
        checked += 1
    assert checked >= 5
