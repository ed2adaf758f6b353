"""Names: folding for matching, splitting the sources' formats, and display casing.

Sources write one athlete as "Josh KERR", "KERR Josh", "Josh Kerr" or first/last columns. Matching folds
all of them to the same key; display prefers a source's mixed case and otherwise restores it from capitals.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case ASCII with single spaces: 'Mario GARCÍA' -> 'mario garcia', 'Ferna_ndez' -> 'fernandez'."""
    if not text:
        return ""
    t = anyascii(unicodedata.normalize("NFC", text)).lower()
    t = t.replace("_", "").replace("'", "").replace("`", "")
    t = _NON_ALNUM.sub(" ", t.replace("-", " "))
    return _SPACES.sub(" ", t).strip()


def tokens(text: str) -> list[str]:
    return fold(text).split()


def _is_upper_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def split_display(text: str) -> tuple[str, str]:
    """Split 'Josh KERR' / 'KERR Josh' / 'Hicham EL GUERROUJ' into (given, family).

    The family name is the run of all-capital words (WA style). With no capitals run, the last word is the
    family name ('Ted Meredith'). Initials such as 'CJ' standing first are not family names when a capital run
    follows ('CJ ALBERTSON').
    """
    words = text.split()
    if not words:
        return "", ""
    upper = [_is_upper_word(w) for w in words]
    if all(upper):
        # 'CJ ALBERTSON': one short initialism first, the rest the family name; else all family
        # ('EL GUERROUJ', 'DE GRASSE': a particle is not an initialism).
        if len(words) >= 2 and len(words[0]) <= 2 and words[0].lower() not in _FAMILY_PARTICLES:
            return words[0], " ".join(words[1:])
        return "", " ".join(words)
    if any(upper):
        if upper[0] and not upper[-1]:
            # 'HOCKER Cole', 'EL GUERROUJ Hicham'
            n = upper.index(False)
            return " ".join(words[n:]), " ".join(words[:n])
        # 'Hicham EL GUERROUJ', 'Cole HOCKER'
        first = upper.index(True)
        # 'CJ ALBERTSON' style initial before the capital run stays given
        return " ".join(words[:first]), " ".join(words[first:])
    if len(words) == 1:
        return "", words[0]
    # The last word, with the particles before it: 'Andre De Grasse', 'Wayde van Niekerk'. The first word
    # always stays given.
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _FAMILY_PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


_PARTICLES = {"de", "da", "van", "der", "den", "von", "del", "la", "le", "di", "dos", "das", "du", "ter"}
# Words that begin a family name when splitting ('El Guerrouj'); recase still capitalises 'El'.
_FAMILY_PARTICLES = _PARTICLES | {"el"}


def _cap_word(w: str, first: bool) -> str:
    if not w:
        return w
    low = w.lower()
    if not first and low in _PARTICLES:
        return low
    if low.startswith("mc") and len(low) > 2:
        return "Mc" + low[2].upper() + low[3:]
    if low.startswith("o'") and len(low) > 2:
        return "O'" + low[2].upper() + low[3:]
    return low[0].upper() + low[1:]


def recase(name: str) -> str:
    """'MCLAUGHLIN-LEVRONE' -> 'McLaughlin-Levrone', 'EL GUERROUJ' -> 'El Guerrouj'. Mixed case is kept."""
    if not name:
        return name
    if any(c.islower() for c in name):
        return name
    out = []
    for i, word in enumerate(name.split()):
        out.append("-".join(_cap_word(p, i == 0 or j > 0) for j, p in enumerate(word.split("-"))))
    return " ".join(out)


def display(given: str, family: str) -> str:
    given, family = (given or "").strip(), recase((family or "").strip())
    given = recase(given) if given.isupper() and len(given) > 2 else given
    return f"{given} {family}".strip()


def is_mixed_case(text: str) -> bool:
    """True when a name is written in normal case (a better display source than WA's capitals)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and any(c.islower() for c in letters) and not any(
        _is_upper_word(w) for w in text.split())
