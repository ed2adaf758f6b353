"""Checking a typed quiz answer against the expected one, and the hints shown while a round runs.

One AnswerSpec per question says what kind of answer it wants. Names are compared folded (case, accents and
punctuation gone) with rapidfuzz and a threshold per answer; a guess closer to another athlete in play than to
the answer is wrong, so "Henrik Ingebrigtsen" never scores for Jakob. A surname alone scores only when no other
athlete in play has it. Marks go through bot.common.marks, so "3.43.13" is "3:43.13". Numbers and years must be
exact, and a guess that hedges with two numbers is wrong.

check() never raises, whatever the text: it reads untrusted chat messages.
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from bot.common import events as ev
from bot.common import names
from bot.common.marks import MarkError, format_mark, format_time, parse_mark

NAME, MARK, NUMBER, YEAR, TEXT = "name", "mark", "number", "year", "text"
KINDS = (NAME, MARK, NUMBER, YEAR, TEXT)

MAX_GUESS = 200          # longer messages are chat, not answers (and keep rapidfuzz cheap)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_UNITS = re.compile(r"\s*(?:seconds|secs?|s|metres|meters|m|points|pts)\.?$", re.I)
_ARTICLES = re.compile(r"^(?:the|a|an) ")
_EXACT_TEXTS = frozenset({"yes", "no", "true", "false", "y", "n"})


@dataclass(frozen=True)
class AnswerSpec:
    kind: str                          # NAME, MARK, NUMBER, YEAR or TEXT
    display: str                       # what the reveal shows: "Jakob Ingebrigtsen", "3:43.13", "2024"
    accepted: tuple[str, ...] = ()     # other right spellings: aliases, nicknames, a list's extra answers
    family: str = ""                   # NAME: the family name, for a surname-only answer
    others: tuple[str, ...] = ()       # NAME: other people in play (choices, namesakes): near them is wrong
    event_code: str | None = None      # MARK: how to read marks
    threshold: float | None = None     # rapidfuzz ratio needed; None: from the answer's length

    def all_answers(self) -> tuple[str, ...]:
        return (self.display, *self.accepted)


def name_threshold(folded: str) -> float:
    """Short names allow fewer slips: one wrong letter in 'bol' is another word."""
    n = len(folded.replace(" ", ""))
    if n <= 4:
        return 100.0
    if n <= 7:
        return 88.0
    return 84.0


def _family_of(full: str) -> str:
    return names.fold(names.split_display(full)[1])


def _variants(full: str) -> set[str]:
    """A name folded, in given-family and family-given order ('kerr josh' is how WA lists write it)."""
    f = names.fold(full)
    out = {f} if f else set()
    given, family = names.split_display(full)
    g, fam = names.fold(given), names.fold(family)
    if g and fam:
        out.add(f"{fam} {g}")
    return out


def _best(guess: str, variants: frozenset[str]) -> float:
    return max((fuzz.ratio(guess, v) for v in variants), default=0.0)


def _words_agree(guess: str, variants: frozenset[str]) -> bool:
    """Word by word, a guess of as many words as the name must be close in each: 'josh ker' and 'j kerr'
    are Josh Kerr, 'john kerr' is someone else even though the whole strings are 89% alike."""
    g = guess.split()
    same_length = [v.split() for v in variants if len(v.split()) == len(g)]
    if not same_length:
        return True
    for words in same_length:
        if all((len(a) == 1 and b.startswith(a)) or fuzz.ratio(a, b) >= (80.0 if len(b) <= 5 else 75.0)
               for a, b in zip(g, words, strict=True)):
            return True
    return False


@lru_cache(maxsize=4096)
def _name_sets(spec: AnswerSpec) -> tuple[frozenset[str], frozenset[str], float, str, tuple[str, ...]]:
    """What checking a guess against a NAME spec needs, worked out once per question, not per guess (a round
    under a crowd gets hundreds of guesses): the answer's variants, the other people's, the threshold, the
    family name, and the other people's family names."""
    answers: set[str] = set()
    for a in spec.all_answers():
        answers |= _variants(a)
    mine = {names.fold(a) for a in spec.all_answers()}
    others: set[str] = set()
    other_families: list[str] = []
    for o in spec.others:
        if names.fold(o) not in mine:
            others |= _variants(o)
            other_families.append(_family_of(o))
    threshold = spec.threshold or (min(name_threshold(a) for a in answers) if answers else 0.0)
    family = names.fold(spec.family) if spec.family else _family_of(spec.display)
    return frozenset(answers), frozenset(others), threshold, family, tuple(other_families)


def _check_name(spec: AnswerSpec, guess: str) -> bool:
    answers, others, threshold, family, other_families = _name_sets(spec)
    if not answers:
        return False
    score = _best(guess, answers)
    rival = _best(guess, others)
    if score >= threshold and score > rival and _words_agree(guess, answers):
        return True
    # A surname alone: right only when it picks out the answer among the people in play.
    if not family:
        return False
    fam_score = fuzz.ratio(guess, family)
    if fam_score < (spec.threshold or name_threshold(family)):
        return False
    for of in other_families:
        if of and (of == family or fuzz.ratio(guess, of) >= fam_score - 5):
            return False     # Ingebrigtsen: Jakob, Henrik or Filip?
    return rival < fam_score


def _mark_value(text: str, event_code: str) -> float | None:
    t = _UNITS.sub("", text.strip()).strip()
    if not t:
        return None
    try:
        mark = parse_mark(t, event_code)
    except (MarkError, KeyError, ValueError, ArithmeticError):
        return None
    return mark.value


def _check_mark(spec: AnswerSpec, guess: str) -> bool:
    if not spec.event_code:
        return False
    got = _mark_value(guess, spec.event_code)
    if got is None:
        return False
    for a in spec.all_answers():
        want = _mark_value(a, spec.event_code)
        if want is not None and abs(want - got) < 1e-6:
            return True
    return False


def _one_number(text: str) -> str | None:
    found = _NUMBER.findall(text)
    return found[0].replace(",", ".") if len(found) == 1 else None


def _check_number(spec: AnswerSpec, guess: str, year: bool) -> bool:
    got = _one_number(guess)
    if got is None or (year and not re.fullmatch(r"\d{4}", got)):
        return False
    for a in spec.all_answers():
        want = _one_number(a)
        if want is not None and float(want) == float(got):
            return True
    return False


def _clean_text(text: str) -> str:
    return _ARTICLES.sub("", names.fold(text))


def _check_text(spec: AnswerSpec, guess: str) -> bool:
    g = _clean_text(guess)
    if not g:
        return False
    for a in spec.all_answers():
        want = _clean_text(a)
        if not want:
            continue
        if g == want:
            return True
        if want in _EXACT_TEXTS or g in _EXACT_TEXTS:
            continue
        if any(c.isdigit() for c in want):
            # "1969", "9.58": digits are facts, not spellings
            if _NUMBER.fullmatch(want.replace(" ", "")) and _check_number(
                    AnswerSpec(NUMBER, a), guess, year=False):
                return True
            continue
        if fuzz.ratio(g, want) >= (spec.threshold or name_threshold(want)):
            return True
    return False


def check(spec: AnswerSpec, guess: object) -> bool:
    """Whether a typed guess is right. Never raises."""
    try:
        if not isinstance(guess, str):
            return False
        guess = guess.strip()
        if not guess or len(guess) > MAX_GUESS:
            return False
        if spec.kind == MARK:
            return _check_mark(spec, guess)
        if spec.kind in (NUMBER, YEAR):
            return _check_number(spec, guess, year=spec.kind == YEAR)
        folded = names.fold(guess)
        if not folded:
            return False
        if spec.kind == NAME:
            return _check_name(spec, folded)
        return _check_text(spec, guess)
    except Exception:  # noqa: BLE001 - a chat message must never break a round
        return False


# -- hints

def _blank(text: str, keep: int, counts) -> str:
    """Keep the first `keep` characters that `counts` accepts, blank the later ones, leave the rest as is."""
    out, n = [], 0
    for c in text:
        if counts(c):
            out.append(c if n < keep else "_")
            n += 1
        else:
            out.append(c)
    return "".join(out)


def _mask(text: str, keep: int) -> str:
    """Keep the first `keep` letters or digits of each word, blank the rest: 'Josh Kerr' -> 'J___ K___'."""
    return " ".join(_blank(word, keep, str.isalnum) for word in text.split(" "))


def _mask_digits(text: str, keep: int) -> str:
    """Keep the first `keep` digits of a mark or year: '3:43.13' -> '3:4_.__'."""
    return _blank(text, keep, str.isdigit)


def _window(value: float, width: float, rng: random.Random) -> tuple[float, float]:
    """A range `width` wide holding the value, placed at random (never centred on it, never at an edge)."""
    lo = value - width * rng.uniform(0.2, 0.8)
    return lo, lo + width


def _grid_round(lo: float, hi: float, grid: float) -> tuple[float, float]:
    return math.floor(lo / grid + 1e-9) * grid, math.ceil(hi / grid - 1e-9) * grid


def _year_hints(year: int, count: int, rng: random.Random, latest: int | None) -> list[str]:
    out = []
    for width in (9, 4)[:count]:
        lo = year - rng.randint(1, width - 1)
        hi = lo + width
        if latest is not None and hi > latest:          # no range that runs into the future
            out.append(f"In {lo} or later.")
        else:
            out.append(f"Between {lo} and {hi}.")
    return out


def _mark_hints(spec: AnswerSpec, count: int, rng: random.Random) -> list[str]:
    code = spec.event_code
    if not code:
        return []
    try:
        parsed = parse_mark(spec.display, code).value
        fmt = ev.get(code).mark_format
    except (MarkError, KeyError, ValueError, ArithmeticError):
        return []
    if parsed is None:
        return []
    value = float(parsed)
    out = []
    for share in (0.05, 0.015)[:count]:
        width = value * share
        if fmt == ev.POINTS:
            grid = 100.0 if width >= 100 else 10.0
        elif fmt == ev.DISTANCE:
            grid = 0.5 if width >= 0.5 else 0.1 if width >= 0.1 else 0.05
        else:
            grid = 60.0 if width >= 120 else 5.0 if width >= 10 else 1.0 if width >= 1 else 0.1
        lo, hi = _grid_round(*_window(value, width, rng), grid)
        decimals = 0 if grid >= 1 else 1 if grid >= 0.1 else 2
        if fmt == ev.TIME:
            out.append(f"Between {format_time(lo, decimals)} and {format_time(hi, decimals)}.")
        else:
            out.append(f"Between {format_mark(lo, code)} and {format_mark(hi, code)}.")
    return list(dict.fromkeys(out))


def _number_hints(value: float, count: int, rng: random.Random) -> list[str]:
    out = []
    for share in (0.5, 0.2)[:count]:
        width = max(2.0, abs(value) * share)
        lo, hi = _window(value, width, rng)
        out.append(f"Between {math.floor(lo):g} and {math.ceil(hi):g}.")
    return list(dict.fromkeys(out))


def hints(spec: AnswerSpec, count: int = 2, rng: random.Random | None = None, latest: int | None = None) -> list[str]:
    """Typed-answer hints a fan can use, each narrowing more and none giving the answer: a year or a mark as a
    range around it (placed at random, so its middle is no giveaway), a name or a text as its first letters.
    The question bank gives names context instead (nation, birth year, titles); this is the fallback."""
    d = spec.display
    if count <= 0 or not d:
        return []
    rng = rng or random.Random(d)
    if spec.kind == YEAR and re.fullmatch(r"\d{4}", d.strip()):
        return _year_hints(int(d), count, rng, latest)
    if spec.kind == MARK:
        return _mark_hints(spec, count, rng)
    if spec.kind in (NUMBER, YEAR):
        n = _one_number(d)
        return _number_hints(float(n), count, rng) if n is not None else []
    longest = max((sum(c.isalnum() for c in w) for w in d.split()), default=1)
    if longest <= 1:
        return []
    keeps = [max(1, min(k, longest - 1)) for k in range(1, count + 1)]
    return list(dict.fromkeys(_mask(d, k) for k in keeps))
