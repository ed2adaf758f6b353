"""The best rapidfuzz WRatio matches of a typed text among a fixed list of names, exactly as
`process.extract(text, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)` returns them (same names,
scores and order), without scoring every name: autocomplete calls it on every keystroke.

Every WRatio part (ratio, partial_ratio, token_sort / token_set / partial_token_ratio) is 2k / (a + b) for two
strings made of the inputs' characters, k their longest common subsequence. k is bounded by the characters and
the bigrams the two share (counted for all names at once with numpy), and rapidfuzz's partial_ratio by where its
windows may fall; names sharing a whole word with the text, or repeating one, go through token shortcuts and are
always scored. The names are then scored best bound first (lower index first on equal bounds, as extract breaks
ties), until the next bound is below the worst of the best `limit` found.

Assumes single-spaced strings without leading or trailing spaces (bot/ask/complete.py folds them so).
"""
from __future__ import annotations

import bisect
import heapq

import numpy as np
from rapidfuzz import fuzz, process

# Bounds and scores are compared rounded to 6 decimals: both are fractions with small denominators (lengths up
# to a few dozen, scaled by 0.9 and 0.95), so equal fractions round alike and different ones stay apart.
DECIMALS = 6
EDGE = 16          # the ends of names counted up to this length (longer texts bound those windows more loosely)
CHUNK = 48         # names scored per rapidfuzz call
SLACK = 1e-6       # float noise allowed below the cutoff before a bound rules a name out


def _bigrams(s: str) -> list[str]:
    return [s[i:i + 2] for i in range(len(s) - 1)]


def _lcs_cap(ov, ov2, a, b):
    """An upper bound of the longest common subsequence k of strings of lengths a and b sharing ov characters and
    ov2 bigrams (as multisets): a common subsequence keeps k-1 adjacent pairs, and each run of characters inserted
    around it (at most a-k runs in one string, b-k in the other) breaks at most one, so ov2 >= 3k - 1 - a - b."""
    return np.minimum(ov, np.floor((ov2 + 1 + a + b) / 3))


def _partial(ov, ov2, m: int, lengths):
    """Upper bound of partial_ratio / 100: the shorter string (length s) against windows of at most s characters
    of the longer, 2k / (s + w) for a window of length w sharing k characters in order, where
    k <= min(w, ov, (ov2 + 1 + s + w) / 3): the best over w is at w = g = min(ov, (ov2 + 1 + s) / 2, s)."""
    s = np.minimum(lengths, m)
    g = np.minimum(np.minimum(ov, (ov2 + 1 + s) / 2), s)
    return 2 * g / np.maximum(s + g, 1)


class _Strings:
    """One string per name (the name, or its words sorted): bigram counts, character counts of its ends, and a
    joined copy to find a text in every name at once. Arrays are feature-major: a text's features are rows."""

    def __init__(self, strings: list[str], vocab: dict[str, int], alphabet: dict[str, int]) -> None:
        n = len(strings)
        self.pairs = np.zeros((len(vocab), n), dtype=np.uint8)
        # one character per (position from the start or the end, row), counted cumulatively below: pre[w] holds
        # the counts of each string's first w characters (w <= EDGE), suf[w] of its last w
        first = np.zeros((EDGE + 1, len(alphabet), n), dtype=np.uint8)
        last = np.zeros((EDGE + 1, len(alphabet), n), dtype=np.uint8)
        for row, s in enumerate(strings):
            for b in _bigrams(s):
                self.pairs[vocab[b], row] += 1
            head = s[:EDGE]
            first[range(1, len(head) + 1), [alphabet[ch] for ch in head], row] = 1
            tail = s[::-1][:EDGE]
            last[range(1, len(tail) + 1), [alphabet[ch] for ch in tail], row] = 1
        self.pre = np.cumsum(first, axis=0, dtype=np.uint8)
        self.suf = np.cumsum(last, axis=0, dtype=np.uint8)
        self.joined = "\n".join(strings)
        self.starts = []
        pos = 0
        for s in strings:
            self.starts.append(pos)
            pos += len(s) + 1

    def containing(self, text: str) -> list[int]:
        """Rows of the strings the text occurs in, ascending."""
        rows = []
        find, starts = self.joined.find, self.starts
        at = find(text)
        while at >= 0:
            row = bisect.bisect_right(starts, at) - 1
            rows.append(row)
            at = find(text, starts[row + 1]) if row + 1 < len(starts) else -1
        return rows

    def pair_overlap(self, text: str, vocab: dict[str, int], rows: np.ndarray) -> np.ndarray:
        """How many of the text's bigrams the strings of rows hold (as multisets)."""
        want: dict[int, int] = {}
        for b in _bigrams(text):
            k = vocab.get(b)
            if k is not None:
                want[k] = want.get(k, 0) + 1
        if not want:
            return np.zeros(len(rows), dtype=np.float64)
        counts = self.pairs[list(want)][:, rows]
        return np.minimum(counts, np.array(list(want.values()), dtype=np.uint8)[:, None]).sum(
            axis=0, dtype=np.int64).astype(np.float64)

    def edge_overlap(self, w: int, chars: list[int], want: np.ndarray, ov: np.ndarray, rows: np.ndarray):
        """How many of the text's characters the first or the last w characters of the strings of rows hold."""
        if w > EDGE:
            return ov
        pre = np.minimum(self.pre[w][chars][:, rows], want).sum(axis=0, dtype=np.int64)
        suf = np.minimum(self.suf[w][chars][:, rows], want).sum(axis=0, dtype=np.int64)
        return np.maximum(pre, suf).astype(np.float64)

    def needle(self, text: str, chars: list[int], want: np.ndarray, ov, ov2, m: int, rows: np.ndarray):
        """A closer bound of partial_ratio(text, name) / 100 for names longer than the text (rows): rapidfuzz
        slides windows of length m anywhere, which share at most m - 1 characters with the text unless it occurs
        in the name, and takes shorter ones only at the name's ends: the first and last m - 1 and m - 2
        characters are counted, shorter windows bounded as in _partial."""
        best = np.minimum(_lcs_cap(ov, ov2, m, m), m - 1) / m
        for w in (m - 1, m - 2):
            if w >= 1:
                k = np.minimum(np.minimum(self.edge_overlap(w, chars, want, ov, rows), w),
                               np.floor((ov2 + 1 + m + w) / 3))
                best = np.maximum(best, 2 * k / (m + w))
        if m - 3 >= 1:
            short = np.minimum(np.minimum(ov, (ov2 + 1 + m) / 2), m - 3)
            best = np.maximum(best, 2 * short / (m + short))
        inside = self.containing(text)
        if inside:
            found = np.array(inside, dtype=np.intp)
            at = np.searchsorted(rows, found)
            ok = at < len(rows)
            at, found = at[ok], found[ok]
            best[at[rows[at] == found]] = 1.0
        return best


class FuzzyPool:
    def __init__(self, names: list[str]) -> None:
        self.names = names
        sorted_names = [" ".join(sorted(n.split())) for n in names]
        chars = sorted({ch for name in names for ch in name})
        self.alphabet = {ch: i for i, ch in enumerate(chars)}
        self.vocab: dict[str, int] = {}
        for s in (*names, *sorted_names):
            for b in _bigrams(s):
                self.vocab.setdefault(b, len(self.vocab))
        self.counts = np.zeros((len(chars), len(names)), dtype=np.uint8)
        for row, name in enumerate(names):
            for ch in name:
                self.counts[self.alphabet[ch], row] += 1
        self.lengths = np.array([len(n) for n in names], dtype=np.float64)
        self.plain = _Strings(names, self.vocab, self.alphabet)
        self.sorted = _Strings(sorted_names, self.vocab, self.alphabet)
        self.by_word: dict[str, list[int]] = {}
        self.always: list[int] = []
        for row, name in enumerate(names):
            words = name.split()
            if len(set(words)) != len(words):
                self.always.append(row)
            for w in set(words):
                self.by_word.setdefault(w, []).append(row)

    def bounds(self, text: str, cutoff: float) -> tuple[np.ndarray, np.ndarray]:
        """The names whose fuzz.WRatio(text, name) may reach cutoff (rows, ascending), and upper bounds of their
        scores: first from the characters shared alone, then with bigrams, then with windows."""
        m = len(text)
        want_chars: dict[int, int] = {}
        for ch in text:
            k = self.alphabet.get(ch)
            if k is not None:
                want_chars[k] = want_chars.get(k, 0) + 1
        chars = list(want_chars)
        want = np.array([min(255, v) for v in want_chars.values()], dtype=np.uint8)[:, None]
        ov = np.minimum(self.counts[chars], want).sum(axis=0, dtype=np.int64).astype(np.float64)
        lengths = self.lengths
        shorter = np.minimum(lengths, m)
        close = np.maximum(lengths, m) < 1.5 * shorter      # WRatio's branch: ratio and token ratios only
        # every part shares at most ov characters
        bound = np.where(close, 2 * ov / (lengths + m), 0.9 * 2 * ov / np.maximum(shorter + ov, 1))
        words = text.split()
        forced: list[int] = list(range(len(self.names))) if len(set(words)) != len(words) else []
        for w in set(words):
            forced.extend(self.by_word.get(w, ()))
        forced.extend(self.always)
        bound *= 100
        bound[forced] = 100.0
        rows = np.nonzero(bound >= cutoff - SLACK)[0]
        if not len(rows):
            return rows, bound[rows]
        is_forced = np.zeros(len(self.names), dtype=bool)
        is_forced[forced] = True
        free = rows[~is_forced[rows]]
        if len(free):
            sorted_text = " ".join(sorted(words))
            ov_f, len_f, close_f = ov[free], lengths[free], close[free]
            ov2 = self.plain.pair_overlap(text, self.vocab, free)
            ov2_sorted = self.sorted.pair_overlap(sorted_text, self.vocab, free)
            ratio = 2 * _lcs_cap(ov_f, ov2, m, len_f) / (len_f + m)
            token_sort = 2 * _lcs_cap(ov_f, ov2_sorted, m, len_f) / (len_f + m)   # token_set too: no word shared
            partial = _partial(ov_f, ov2, m, len_f)
            partial_tokens = _partial(ov_f, ov2_sorted, m, len_f)
            far = np.maximum(ratio, np.maximum(0.9 * partial, 0.95 * 0.9 * partial_tokens))
            closer = 100 * np.where(close_f, np.maximum(ratio, 0.95 * token_sort), far)
            # names longer than the text, in WRatio's partial branch: their windows bound them closer still
            needle = np.nonzero(~close_f & (len_f > m) & (closer >= cutoff - SLACK))[0]
            if len(needle) and m >= 2:
                sub = free[needle]
                window = np.maximum(ratio[needle], np.maximum(
                    0.9 * self.plain.needle(text, chars, want, ov_f[needle], ov2[needle], m, sub),
                    0.95 * 0.9 * self.sorted.needle(sorted_text, chars, want, ov_f[needle], ov2_sorted[needle], m,
                                                    sub)))
                closer[needle] = np.minimum(closer[needle], 100 * window)
            bound[free] = np.minimum(bound[free], closer)
            rows = rows[bound[rows] >= cutoff - SLACK]
        return rows, bound[rows]

    def extract(self, text: str, limit: int, cutoff: float) -> list[tuple[str, float, int]]:
        """What process.extract(text, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff) returns."""
        if not text or not self.names or limit is None:
            return process.extract(text, self.names, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
        rows, bound = self.bounds(text, cutoff)
        bound = np.round(bound, DECIMALS)
        at = np.lexsort((rows, -bound))                                 # best bound first, then the lower index
        order = rows[at].tolist()
        bounds = bound[at].tolist()
        names = self.names
        best: list[tuple[float, int]] = []                              # heap of (score, -index): the worst on top
        done = 0
        while done < len(order):
            # the next bound is below the worst score kept: no name left can enter
            if len(best) >= limit and bounds[done] < round(best[0][0], DECIMALS):
                break
            chunk = order[done:done + CHUNK]
            done += len(chunk)
            for _name, score, j in process.extract(text, [names[i] for i in chunk], scorer=fuzz.WRatio,
                                                   limit=None, score_cutoff=cutoff):
                item = (score, -chunk[j])
                if len(best) < limit:
                    heapq.heappush(best, item)
                elif item > best[0]:
                    heapq.heapreplace(best, item)
        return [(names[-neg], score, -neg) for score, neg in sorted(best, key=lambda t: (-t[0], -t[1]))]
