"""How an athlete is named: the rule our athletes table follows (data/SOURCES.md), applied to the raw files.

An athlete's display name is their fullest spelling in any source (a married name adds a word; "Mohamed
Farah" is fuller than "Mo FARAH"), in a source's mixed case when one writes it so, else with the capitals
restored. The spellings of one athlete are linked the way the sources allow: birth date and nation (toplists,
Rio 2016 entries), nation and birth year with a shared name (Diamond League), nation and a shared name
(medal lists, finals file, Olympic marks file).

Where the rule cannot settle the name (two mixed-case spellings that differ only in case, 'Van Niekerk' and
'van Niekerk'; two fullest spellings with different words), the name is uncertain and the generator keeps
that athlete out of expected rows: a gold entry must not fail on a spelling.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from functools import cache

from tests.ask.goldgen import raw


@cache
def tokens(text: str) -> tuple[str, ...]:
    return tuple(raw.fold(text).split())


@cache
def _parts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    given, family = raw.split_name(text)
    return tokens(given), tokens(family)


def mixed_case(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and any(c.islower() for c in letters) and not any(raw._upper_word(w) for w in text.split())


def compatible(spelling: str, other: str, loose: bool = False) -> bool:
    """Same person by name: the family names share a word and the first given names agree ('Mo' / 'Mohamed');
    a spelling that glues the given names ('FaithChepngetich Kipyegon', the finals file) still agrees.
    Loose: a family word of one may stand among the other's given names ('Eliud Kipchoge ROTICH' beside
    'Eliud KIPCHOGE'), which the sources' own linking does not follow: used only to spot doubtful identities."""
    ga, fa = _parts(spelling)
    gb, fb = _parts(other)
    if loose:
        if not (set(fa) & set(tokens(other)) or set(fb) & set(tokens(spelling))):
            return False
    elif not set(fa) & set(fb):
        return False
    if not ga or not gb:
        return True
    return ga[0].startswith(gb[0]) or gb[0].startswith(ga[0])


class NameBook:
    """Every spelling of every toplist athlete, and the display name the rule gives."""

    def __init__(self) -> None:
        self.spellings: dict[tuple, set[str]] = defaultdict(set)
        self.raw_names: dict[tuple, str] = {}
        for event, sex in raw.events():
            for p in raw.toplist(event, sex):
                self.spellings[p.key].add(p.raw_name)
                self.raw_names.setdefault(p.key, p.raw_name)
        self._by_dob_nat: dict[tuple, list[tuple]] = defaultdict(list)
        self._by_nat_token: dict[tuple, list[tuple]] = defaultdict(list)
        for key, spellings in self.spellings.items():
            dob, nat, _ = key
            if len(dob) == 10:
                self._by_dob_nat[(dob, nat)].append(key)
            for tok in {t for s in spellings for t in _parts(s)[1]}:
                self._by_nat_token[(nat, tok)].append(key)
        # National and area record lists are not linked: their spellings join an athlete only as aliases
        # found on evidence (data/SOURCES.md: 'Filip Mangen Ingebrigtsen' in national.csv), never as the name.
        self._link_rio()
        self._link_dl()
        self._link_by_nation()
        self.display_spellings = {k: set(v) for k, v in self.spellings.items()}
        self._link_national()      # aliases only, from here on

    def _add(self, candidates, spelling: str, year: str = "") -> None:
        hits = {k for k in candidates if (not year or k[0][:4] == year)
                and any(compatible(s, spelling) for s in self.spellings[k])}
        if len(hits) == 1:
            self.spellings[hits.pop()].add(spelling)

    def _candidates(self, nat: str, spelling: str) -> list[tuple]:
        out: list[tuple] = []
        for tok in tokens(spelling):
            out += self._by_nat_token.get((nat, tok), [])
        return out

    def _link_rio(self) -> None:
        path = raw.SHARED / "rio2016-complete-tilastopaja" / "rio_entries.json"
        for e in json.loads(path.read_text(encoding="utf-8")):
            parts = (e.get("birthdate") or "").split(".")
            if len(parts) != 3:
                continue
            name = f"{e.get('firstname') or ''} {e.get('lastname') or ''}".strip()
            self._add(self._by_dob_nat.get((f"{parts[2]}-{parts[1]}-{parts[0]}", e["country"]), []), name)

    def _link_national(self) -> None:
        for file in ("national.csv", "area.csv"):
            with (raw.SHARED / "nimarion-records" / file).open(encoding="utf-8", newline="") as f:
                for r in csv.DictReader(f, delimiter=";"):
                    name = f"{r['Firstname'].strip()} {r['Lastname'].strip()}".strip()
                    if r["YOB"].strip().isdigit():
                        self._add(self._candidates(r["Nation"], name), name, r["YOB"].strip())

    def _link_dl(self) -> None:
        for race in raw.dl_races():
            for r in race.results:
                if r.birth_year:
                    self._add(self._candidates(r.nat, r.raw_name), r.raw_name, str(r.birth_year))

    def _link_by_nation(self) -> None:
        for m in raw.olympic_medals():
            if len(m.names) == 1:
                self._add(self._candidates(m.nat, m.raw_names[0]), m.raw_names[0])
        for w in raw.wc_finals():
            self._add(self._candidates(w.nat, w.name), w.name)
        path = raw.SHARED / "olympic-medallists-marks-1896-2016" / "results.csv"
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                if len(row) >= 8 and row[0] != "Gender":
                    self._add(self._candidates(row[6].strip(), row[5].strip()), row[5].strip())

    def _choice(self, key: tuple) -> tuple[str, bool]:
        spellings = sorted(self.display_spellings[key])
        size = max(len(tokens(w)) for w in spellings)
        fullest = [w for w in spellings if len(tokens(w)) == size]
        longest = max(fullest, key=len)
        target = sorted(tokens(longest))
        mixed = {w for w in spellings if mixed_case(w) and sorted(tokens(w)) == target}
        # unsure: another fullest spelling as long with other words, or two ways to case the same words
        # (a source's 'van Niekerk' beside the capitals' 'Van Niekerk')
        rivals = {w for w in fullest if len(w) == len(longest) and sorted(tokens(w)) != target}
        cased = mixed | {raw.display(w) for w in spellings if sorted(tokens(w)) == target and not mixed_case(w)}
        sure = not rivals and len(cased) <= 1
        if mixed:
            return sorted(mixed)[0], sure
        return raw.display(longest), sure

    def aliases(self, key: tuple) -> list[str]:
        """Every other way the sources write this athlete, shown as a name would be (either word order): the
        display spelling is the pipeline's choice among them, the athlete is what a gold entry checks."""
        main = self.display(key)
        out = set()
        for w in self.spellings[key]:
            for shown in ({w} if mixed_case(w) else set()) | {raw.display(w)}:
                out.add(shown)
                given, family = raw.split_name(shown)
                if given:
                    out.add(f"{family} {given}")
        out.discard(main)
        return sorted(out)

    def display(self, key: tuple) -> str:
        return self._choice(key)[0]

    def certain(self, key: tuple) -> bool:
        return self._choice(key)[1]


@cache
def book() -> NameBook:
    return NameBook()


def name(key: tuple) -> str:
    return book().display(key)


def certain(key: tuple) -> bool:
    return book().certain(key)
