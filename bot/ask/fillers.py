"""Filler words: what fans write around the slots and names of a question ("mate", "flat", "reckon").

A word of a question is placed as a slot (event, meet, year...), an athlete, a filler, or else the engine
says it did not understand it; a filler never becomes an athlete. The fillers are learned from a corpus of
questions, never added one by one: every word of a corpus question that no slot takes and that is not part
of a name the question means. The corpus is the gold set (tests/ask/gold.yaml: the athletes each entry
expects, and close spellings of them, are names), the issue's questions and a list of fan phrasings
(bot/ask/corpus/*.txt, names written in [brackets]).

`python -m bot.ask.learn` rewrites fillers.txt from the corpus; tests/ask/test_fillers.py checks that the
committed list is what the corpus teaches.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rapidfuzz.distance import OSA

from bot.ask import lexicon as lx
from bot.ask.understand import Vocabulary, tokenize, understand

HERE = Path(__file__).resolve().parent
FILE = HERE / "fillers.txt"
CORPUS = HERE / "corpus"
GOLD = HERE.parents[1] / "tests" / "ask" / "gold.yaml"
_BRACKETS = re.compile(r"\[([^\]]+)\]")
_NICKNAME_WORDS = frozenset(w for nick in lx.NICKNAMES for w in tokenize(nick))
_PARTLY = "[partly]"   # in a question's names: the names it means are partly known (a gold entry)


def load() -> frozenset[str]:
    """The learned fillers (empty when the file is missing: the grammar words still hold)."""
    try:
        text = FILE.read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def corpus_questions() -> Iterator[tuple[str, frozenset[str]]]:
    """(question, the words of the names it means) for every corpus question that should be answered. A gold
    entry's names are only partly known (the athletes its expectations hold: not the "kerr" of "the record
    before kerr"), so they are marked partly known: there any athlete's name word is a name too."""
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split(" #", 1)[0].strip()
            if not line or line.startswith("#"):
                continue
            names = frozenset(w for m in _BRACKETS.finditer(line) for w in tokenize(m.group(1)))
            yield _BRACKETS.sub(r"\1", line), names
    if GOLD.exists():
        import yaml
        for entry in yaml.safe_load(GOLD.read_text(encoding="utf-8")):
            if entry.get("status", "answered") == "unknown":
                continue   # a question the bot must decline teaches nothing about fans' words
            expected = frozenset(w for name in _expected_names(entry) for w in tokenize(name))
            yield entry["q"], expected | {_PARTLY}


def _expected_names(entry: dict) -> Iterator[str]:
    ents = entry.get("entities") or {}
    yield from (a if isinstance(a, str) else a.get("name", "") for a in ents.get("athletes") or [])
    for key in ("first",):
        if isinstance(entry.get(key), dict) and entry[key].get("athlete"):
            yield entry[key]["athlete"]
    for row in entry.get("rows_include") or []:
        if row.get("athlete"):
            yield row["athlete"]
    yield from entry.get("suggestions_include") or []


def _is_name(word: str, names: frozenset[str]) -> bool:
    """A word of a name the question means, or a misspelling of one ("ingebrigsten", "worhlm")."""
    if word in names or word in _NICKNAME_WORDS:
        return True
    limit = 1 if len(word) <= 4 else 2
    return len(word) >= 3 and any(OSA.distance(word, n, score_cutoff=limit) <= limit for n in names
                                  if len(n) >= 3)


# Words that change what is asked: never learned as fillers, whatever the corpus holds ("fastest mile not
# indoors", "best 1500 except ingebrigtsen" must not be answered as if the word were absent)
MEANING = frozenset({"not", "no", "never", "except", "excluding", "without", "before", "after", "indoor", "indoors",
                     "outdoor", "outdoors", "only", "nor", "neither", "unless", "besides", "non", "exclude"})


def learn(vocab: Vocabulary, questions: Iterable[tuple[str, frozenset[str]]], today: dt.date | None = None,
          name_word: Callable[[str], bool] = lambda word: False) -> set[str]:
    """Words no slot takes in the questions, that are no grammar word, no number and no name meant, nor (in
    a question whose names are partly known) any athlete's name word. The other words of a quote question
    are the quote's ("did jakob really say blindfolded")."""
    base = dataclasses.replace(vocab, fillers=lx.STOPWORDS)
    today = today or dt.date.today()
    out: set[str] = set()
    for text, names in questions:
        p = understand(text, base, today)
        if p.intent == "quote":
            continue
        partly = _PARTLY in names
        for word, taken in zip(p.tokens, p.taken, strict=True):
            if taken or word in lx.STOPWORDS or word in MEANING or any(ch.isdigit() for ch in word) or word.startswith("'") \
                    or _is_name(word, names) or (partly and name_word(word)):
                continue
            out.add(word)
    return out


def render(words: set[str]) -> str:
    return ("# Learned by `python -m bot.ask.learn` from the corpus (bot/ask/fillers.py): do not edit.\n"
            + "\n".join(sorted(words)) + "\n")
