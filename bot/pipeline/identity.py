"""One athlete across all sources.

Sources disagree on how they write a name and on what else they give: the toplists have a birth date and
nationality, the Diamond League a WA id and a birth year, medal lists only a name and a country. We resolve
in order of strength: (name, birth date), then a birth date and nationality with a compatible name (married
names: McLaughlin -> McLaughlin-Levrone), then name + nationality + birth year, then name + nationality when
that is unambiguous. Twins share a birth date and nationality, so a shared date alone never merges two names
whose given names differ (Kevin and Jonathan Borlée stay two athletes). Names that lost their inner spaces
('Hicham ElGuerrouj', 'JuanCarlos delaOssa') match on their space-free form.

Some people are only known to be one after every row is read; the builder then merges two athletes
(Registry.merge) on evidence: the same performance in two sources (same event, day and mark, or the same
place in the same championship final) under compatible names and the same nation; a record that is a result
already in the data; or the same birth date and nation with a married name (same given name and a shared
event: 'Katie Nageotte' / 'Katie Moon') or a shortened one ('Elle St. Pierre' / 'Ellinor Purrier St. Pierre').
A merge never joins two different birth dates or birth years, so namesakes and brothers stay apart, unless
the rows prove one person despite them (bot/pipeline/build/namesakes.py: the same performance under the same
name, a national record's event): then merge(despite=...) names the conflicts it overrides, and the builder
logs them. Sex never differs within one person.

A row without a birth date or birth year joins a dated (or year-known) namesake only when that namesake
could have raced it: they raced within NEAR_YEARS of the row's season, or their age that season is one the
dated rows show (the ages on file without their AGE_TAIL tails, as the data check reads them). 'Reuben
REINA' with no birth date on a 2025 toplist is not the Reuben Reina born in 1967 who raced in 1990-94, nor is
the 1987 Worlds 10,000 m runner Zhang Guowei the high jumper born in 1991. The builder resolves every dated
row first (results.py), so each athlete's seasons and the ages on file are known by then. A source's own athlete id is trusted only for a row of the same sex
and a plausibly same name (the Rio results file gives a Namibian marathoner Pierre-Ambroise Bosse's id).
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from bot.common import names
from bot.common.plausible import AGE_TAIL
from bot.pipeline.importers import mojibake
from bot.pipeline.importers.model import AthleteRef, Rejected


@dataclass
class Athlete:
    id: int
    given: str
    family: str
    sex: str
    nationality: str | None
    birth_date: str | None
    birth_year: int | None
    is_team: bool
    source: str
    wa_id: str | None = None
    display: str = ""
    aliases: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # folded -> (as written, kind, source)
    years: set[int] = field(default_factory=set)  # years with results: tells namesakes apart
    spelled: dict[str, int] = field(default_factory=dict)  # folded spelling -> latest year a row used it
    nations: dict[str, int] = field(default_factory=dict)  # nationality -> latest year a row gave it


NEAR_YEARS = 3  # a namesake raced within this many seasons of an undated row: tells namesakes apart


def name_key(given: str, family: str) -> str:
    """Order-free folded name: 'HOCKER Cole' and 'Cole Hocker' share one key."""
    return " ".join(sorted(names.tokens(f"{given} {family}")))


def compact_key(given: str, family: str) -> str:
    """Given and family names without inner spaces, order-free: 'Hicham ElGuerrouj' = 'Hicham EL GUERROUJ'."""
    return " ".join(sorted(x for x in ("".join(names.tokens(given)), "".join(names.tokens(family))) if x))


def evidence_names(a_given: str, a_family: str, b_given: str, b_family: str, same_place: bool) -> bool:
    """Names that may belong to one person when two sources show the same performance (same event, day and
    mark, or the same place in one final): a shared family-name word with the same initial ('Nick' /
    'Nicholas Willis', 'Filip' / 'Filip Mangen Ingebrigtsen'), the same words without spaces, a near-identical
    spelling (transliterations: 85% similar), or, with the same
    place, a shared family-name word ('Bill' / 'William Nieder') or the same given name (a married name)."""
    if compact_key(a_given, a_family) == compact_key(b_given, b_family):
        return True
    # Transliterations: 'Liudmila Kondratieva' / 'Lyudmila Kondratyeva', 'Fani Khalkia' / 'Fani Chalkia'.
    if SequenceMatcher(None, names.fold(f"{a_given} {a_family}"),
                       names.fold(f"{b_given} {b_family}")).ratio() >= 0.85:
        return True
    fa, fb = set(names.tokens(a_family)), set(names.tokens(b_family))
    ga, gb = names.tokens(a_given), names.tokens(b_given)
    family = bool(fa & fb)
    initial = bool(ga and gb and ga[0][0] == gb[0][0])
    if family and initial:
        return True
    return same_place and (family or bool(ga and gb and ga[0] == gb[0]))


def plausible_name(ref: AthleteRef, a: Athlete) -> bool:
    """Could this row's name be this athlete's (any spelling known for them)? The looser test of a same
    place (a shared family-name word or the same given name) or a close spelling; an id alone is not enough."""
    known = [(a.given, a.family)] + [names.split_display(w) for w, _, _ in a.aliases.values()]
    if any(evidence_names(ref.given, ref.family, g, f, True) for g, f in known):
        return True
    # Names that lost their inner spaces, in another order ('EmilyChebet Muge' / 'Emily Chebet', 'BelalAli
    # Mansoor' / 'Belal Mansoor ALI'): the same letters, or one inside the other.
    mine = names.fold(ref.name).replace(" ", "")
    for g, f in known:
        other = names.fold(f"{g} {f}").replace(" ", "")
        if mine and other and (mine in other or other in mine or sorted(mine) == sorted(other)):
            return True
    return False


def _compatible(a_given: str, a_family: str, b_given: str, b_family: str) -> bool:
    """Same person written two ways: same first given name and one family name contains the other's words
    ('MCLAUGHLIN' / 'MCLAUGHLIN-LEVRONE'), or the same words in another order."""
    ta, tb = set(names.tokens(f"{a_given} {a_family}")), set(names.tokens(f"{b_given} {b_family}"))
    if ta == tb:
        return True
    ga, gb = names.tokens(a_given), names.tokens(b_given)
    # Same first given name, or one the short form of the other (Mo / Mohamed, Jo / Joanne): only ever
    # asked with the same birth date and nationality, so twins (Kevin / Jonathan) stay apart.
    if not ga or not gb or not (ga[0].startswith(gb[0]) or gb[0].startswith(ga[0])):
        return False
    fa, fb = set(names.tokens(a_family)), set(names.tokens(b_family))
    return bool(fa and fb) and (fa <= fb or fb <= fa)


WA_ID_SOURCE = "diamond-league-2010-2023"  # the source whose athlete ids are World Athletics ids

# The display name is one source's spelling, never words glued from several. World Athletics' own lists come
# first: they write the name WA registers today (a married name, WA's transliteration), where a medal list keeps
# a name WA does not use ('Sally Janet Jane GUNNELL') and the WCh finals file lost inner spaces
# ('MosesCheruiyot'), and the Olympic marks file a fuller one ('Faith Chepngetich KIPYEGON', where every WA row
# has 'Faith KIPYEGON'). Among WA's spellings the fullest ('Sydney MCLAUGHLIN-LEVRONE'), then the latest used (a
# married name: 'Shanieka RICKETTS' after 'Shanieka THOMAS'). Without a WA spelling, the most authoritative
# source's.
WA_NAME_SOURCES = ("wa-toplists", "wa-records-2024", WA_ID_SOURCE)
# Nations whose names are written family name first (Liu Xiang, Kim Hyun-sub), as the Tilastopaja lists and
# the medal lists write them; WA writes given name first and marks the family name in capitals ('Xiang LIU').
FAMILY_FIRST = frozenset({"CHN", "TPE", "KOR", "PRK"})


def shown_name(a: Athlete, authority: dict[str, int]) -> str:
    """The display name: WA's fullest, then latest spelling, else the most authoritative source's (see
    WA_NAME_SOURCES); WA's capitals restored to mixed case, and the family name first for the FAMILY_FIRST
    nations."""
    if a.is_team:
        return a.family
    # Spellings of athletes merged into this one on evidence are aliases, not display names.
    spellings = [(f, w, s) for f, (w, kind, s) in a.aliases.items() if kind != "merged"] or \
        [(f, w, s) for f, (w, _, s) in a.aliases.items()]
    # never 'Franti?ek' beside a clean spelling
    spellings = [t for t in spellings if not mojibake.garbled(t[1])] or spellings
    folded, written, _src = min(spellings, key=lambda t: (
        t[2] not in WA_NAME_SOURCES, 0 if t[2] in WA_NAME_SOURCES else -authority.get(t[2], 0),
        -len(names.tokens(t[1])), -a.spelled.get(t[0], 0), -len(t[1]), t[1]))
    folded, written = _changed_name(a, folded, written)
    if names.is_mixed_case(written):
        return written   # as the source writes it, family-first names included ('Su Bingtian')
    given, family = names.split_display(written)
    if a.nationality in FAMILY_FIRST and given and family:
        shown = f"{names.recase(family)} {names.recase(given) if given.isupper() else given}"
    else:
        shown = names.display(given, family)
    # The casing of a source that writes these words in this order ('Wayde van Niekerk', 'Ryan MacDonald').
    cased = [w for _, w, _ in spellings if names.is_mixed_case(w) and names.tokens(w) == names.tokens(shown)]
    return cased[0] if cased else shown


def _changed_name(a: Athlete, folded: str, written: str) -> tuple[str, str]:
    """The name an athlete competes under now, where World Athletics' lists show a change of family name: a
    spelling merged in on evidence (same birth date: 'Katie MOON' into 'Katie NAGEOTTE') with the same given
    name, used in a later season than the chosen one, and in one season at least (a lone row is no change)."""
    given = names.tokens(written)[:1]
    later = [(a.spelled.get(f, 0), f, w) for f, (w, kind, src) in a.aliases.items()
             if kind == "merged" and src in WA_NAME_SOURCES and names.tokens(w)[:1] == given
             and len(names.tokens(w)) == len(names.tokens(written)) and not mojibake.garbled(w)
             and not any(unicodedata.combining(ch) for ch in w)   # 'Si̇vri̇demi̇r': a stray dot above
             and a.spelled.get(f, 0) > a.spelled.get(folded, 0) > 0]
    if not later or not a.birth_date:
        return folded, written
    _year, f, w = max(later)
    return f, w


def _same_birth(a: str, b: str) -> bool:
    import datetime as dt
    if a == b:
        return True
    if a[:4] != b[:4]:
        return False
    da, db = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    return abs((da - db).days) <= 2 or (da.month, da.day) == (db.day, db.month)


class Registry:
    """Resolves AthleteRefs to athletes, creating them as needed. Deterministic for a given input order."""

    def __init__(self, issues: list[Rejected] | None = None) -> None:
        # where the registry logs the source ids it refused (the builder's import_issues)
        self.issues: list[Rejected] = [] if issues is None else issues
        self.athletes: list[Athlete] = []
        self._by_name_dob: dict[tuple[str, str], Athlete] = {}
        self._by_dob_nat: dict[tuple[str, str, str], list[Athlete]] = defaultdict(list)
        self._by_name_nat: dict[tuple[str, str, str], list[Athlete]] = defaultdict(list)
        self._by_name: dict[tuple[str, str], list[Athlete]] = defaultdict(list)
        self._by_src_id: dict[tuple[str, str], Athlete] = {}  # a source's own athlete id
        self._by_family_nat: dict[tuple[str, str, str], list[Athlete]] = defaultdict(list)
        self._memo: dict[tuple, Athlete] = {}  # the same ref (and year, for refs without a birth date)
        self._by_compact_nat: dict[tuple[str, str, str], list[Athlete]] = defaultdict(list)
        self._parent: dict[int, Athlete] = {}  # merged athlete id -> the athlete it was merged into
        self.merges: list[tuple[int, int, str]] = []  # (kept id, merged id, why)
        self._ages: Counter[int] = Counter()  # age in a season (season - birth year) of every dated row
        self._career: tuple[int, tuple[int, int] | None] = (0, None)  # (rows counted, the ages without tails)

    # -- merges
    def canonical(self, a: Athlete) -> Athlete:
        """The athlete a was merged into (itself when never merged)."""
        while a.id in self._parent:
            a = self._parent[a.id]
        return a

    @property
    def live(self) -> list[Athlete]:
        """Every athlete that was not merged into another."""
        return [a for a in self.athletes if a.id not in self._parent]

    @classmethod
    def conflict(cls, a: Athlete, b: Athlete) -> str | None:
        """Why a and b cannot be one person (different sex, nation, birth date or birth year), or None."""
        found = cls.conflicts(a, b)
        return next((c for c in ("sex", "nationality", "birth date", "birth year") if c in found), None)

    @staticmethod
    def conflicts(a: Athlete, b: Athlete) -> set[str]:
        """Every reason a and b look like two people (see conflict)."""
        out = set()
        if a.is_team != b.is_team or a.sex != b.sex:
            out.add("sex")
        if a.nationality and b.nationality and a.nationality != b.nationality:
            out.add("nationality")
        if a.birth_date and b.birth_date and not _same_birth(a.birth_date, b.birth_date):
            out.add("birth date")
        ya = a.birth_year or (int(a.birth_date[:4]) if a.birth_date else None)
        yb = b.birth_year or (int(b.birth_date[:4]) if b.birth_date else None)
        if ya and yb and ya != yb:
            out.add("birth year")
        return out

    def merge(self, a: Athlete, b: Athlete, why: str, despite: frozenset[str] = frozenset()) -> Athlete | None:
        """Merge two athletes into one (the one with a birth date, else the older row). Returns the kept
        athlete, or None when they cannot be one person (see conflict) unless every conflict is one the
        evidence overrides (`despite`: 'nationality', 'birth date', 'birth year'; never 'sex'). Overridden,
        the kept athlete's birth date stays, and the nationality is the one of the latest season a row gave
        (a change of nation: KEN, then USA)."""
        a, b = self.canonical(a), self.canonical(b)
        if a is b:
            return a
        found = self.conflicts(a, b)
        if found - (despite - {"sex"}):
            return None
        keep, drop = (a, b) if (bool(a.birth_date), -a.id) >= (bool(b.birth_date), -b.id) else (b, a)
        self._parent[drop.id] = keep
        for folded, (written, _, src) in drop.aliases.items():
            keep.aliases.setdefault(folded, (written, "merged", src))
        for folded, year in drop.spelled.items():
            keep.spelled[folded] = max(year, keep.spelled.get(folded, year))
        for nat, year in drop.nations.items():
            keep.nations[nat] = max(year, keep.nations.get(nat, year))
        if "nationality" in found and keep.nations:
            keep.nationality = max(keep.nations, key=lambda n: (keep.nations[n], n == keep.nationality))
        keep.birth_date = keep.birth_date or drop.birth_date
        keep.birth_year = keep.birth_year or drop.birth_year
        keep.nationality = keep.nationality or drop.nationality
        keep.wa_id = keep.wa_id or drop.wa_id
        keep.years |= drop.years
        self.merges.append((keep.id, drop.id, why))
        return keep

    # -- creation and indexing
    def _new(self, ref: AthleteRef, source: str) -> Athlete:
        a = Athlete(len(self.athletes) + 1, ref.given, ref.family, ref.sex, ref.nationality, ref.birth_date,
                    ref.birth_year, ref.is_team, source,
                    ref.source_athlete_id if source == WA_ID_SOURCE and not ref.is_team else None)
        self.athletes.append(a)
        self._index(a, ref, source)
        return a

    def _index(self, a: Athlete, ref: AthleteRef, source: str) -> None:
        key = name_key(ref.given, ref.family)
        folded = names.fold(ref.name)
        if folded and folded not in a.aliases:
            a.aliases[folded] = (ref.name, "name" if not a.aliases else "variant", source)
        nat = ref.nationality or ""
        if ref.birth_date and (key, ref.birth_date) not in self._by_name_dob:
            self._by_name_dob[(key, ref.birth_date)] = a
        if ref.birth_date and a not in self._by_dob_nat[(ref.birth_date, nat, a.sex)]:
            self._by_dob_nat[(ref.birth_date, nat, a.sex)].append(a)
        if a not in self._by_name_nat[(key, nat, a.sex)]:
            self._by_name_nat[(key, nat, a.sex)].append(a)
        if a not in self._by_name[(key, a.sex)]:
            self._by_name[(key, a.sex)].append(a)
        ckey = compact_key(ref.given, ref.family)
        if ckey and not ref.is_team and a not in self._by_compact_nat[(ckey, nat, a.sex)]:
            self._by_compact_nat[(ckey, nat, a.sex)].append(a)
        for fam in {names.fold(ref.family)}:
            if fam and a not in self._by_family_nat[(fam, nat, a.sex)]:
                self._by_family_nat[(fam, nat, a.sex)].append(a)
        if ref.source_athlete_id and not ref.is_team:
            self._by_src_id.setdefault((source, ref.source_athlete_id), a)

    def _learn(self, a: Athlete, ref: AthleteRef, source: str) -> None:
        """Fill what the athlete lacked from a matched ref and remember this spelling."""
        if not a.birth_date and ref.birth_date:
            a.birth_date = ref.birth_date
        if not a.birth_year and ref.birth_year:
            a.birth_year = ref.birth_year
        if not a.nationality and ref.nationality:
            a.nationality = ref.nationality
        if not a.wa_id and ref.source_athlete_id and source == WA_ID_SOURCE:
            a.wa_id = ref.source_athlete_id
        self._index(a, ref, source)

    # -- resolution
    def resolve(self, ref: AthleteRef, source: str, year: int | None = None, where: str = "") -> Athlete:
        """The athlete of a source row (`where`: its file:line, for the log) in season `year`."""
        memo_key = (ref, source) if ref.birth_date or ref.is_team else (ref, source, year)
        a = self._memo.get(memo_key)
        if a is not None:
            a = self.canonical(a)
        else:
            a = self._by_source_id(ref, source, where) or self._find(ref, year)
            if a is None:
                a = self._new(ref, source)
            else:
                a = self.canonical(a)
                self._learn(a, ref, source)
            self._memo[memo_key] = a
        if year:
            a.years.add(year)
            folded = names.fold(ref.name)
            a.spelled[folded] = max(year, a.spelled.get(folded, year))
            if ref.nationality:
                a.nations[ref.nationality] = max(year, a.nations.get(ref.nationality, year))
            if ref.birth_date and not ref.is_team:
                self._ages[year - int(ref.birth_date[:4])] += 1
        return a

    def find(self, ref: AthleteRef, year: int | None = None) -> Athlete | None:
        """The athlete a ref names, matched as resolve() would, or None: never creates one (a relay team's
        runner is kept by name when no source has them as an athlete)."""
        a = self._find(ref, year)
        return self.canonical(a) if a is not None else None

    def career_ages(self) -> tuple[int, int] | None:
        """The youngest and oldest ages in a season of the dated rows so far, without AGE_TAIL at each end."""
        n = sum(self._ages.values())
        if self._career[0] != n:
            self._career = (n, (self._nth_age(int(n * AGE_TAIL)), self._nth_age(n - 1 - int(n * AGE_TAIL)))
                            if n else None)
        return self._career[1]

    def _nth_age(self, k: int) -> int:
        """The k-th smallest age counted (0-based)."""
        seen = 0
        for age in sorted(self._ages):
            seen += self._ages[age]
            if seen > k:
                return age
        raise IndexError(k)

    def could_race(self, c: Athlete, year: int | None) -> bool:
        """Could this dated (or year-known) athlete have raced in `year`? They raced near it, or were of an
        age at which the dated rows race."""
        if year is None:
            return False
        if any(abs(y - year) <= NEAR_YEARS for y in c.years):
            return True
        born = c.birth_year or (int(c.birth_date[:4]) if c.birth_date else None)
        career = self.career_ages()
        return born is not None and career is not None and career[0] <= year - born <= career[1]

    def _by_source_id(self, ref: AthleteRef, source: str, where: str) -> Athlete | None:
        """The athlete a source's own id names, when the row can be that athlete: same sex, a plausibly same
        name. A mistyped id (Rio's 121090 on Alina Armas's marathon row is Bosse's) is refused and logged."""
        if not ref.source_athlete_id:
            return None
        a = self._by_src_id.get((source, ref.source_athlete_id))
        if a is None:
            return None
        a = self.canonical(a)
        if a.sex == ref.sex and a.is_team == ref.is_team and plausible_name(ref, a):
            return a
        self.issues.append(Rejected(source, where or f"athlete id {ref.source_athlete_id}", (
            f"athlete id {ref.source_athlete_id} is {a.given} {a.family} ({a.sex}, {a.nationality}) elsewhere in "
            f"this source; this row's {ref.name} ({ref.sex}, {ref.nationality}) is not that athlete: "
            f"resolved by name"), corrected=True))
        return None

    def _pick(self, cands: list[Athlete], ref: AthleteRef, year: int | None) -> Athlete | None:
        """One candidate, or the only one consistent with the birth year / active years; else None."""
        cands = list({id(c): c for c in map(self.canonical, cands)}.values())
        if ref.birth_year:
            cands = [c for c in cands if not c.birth_year or c.birth_year == ref.birth_year]
        elif not ref.birth_date:
            # No birth date or year on the row: a dated namesake only when they raced near that season.
            cands = [c for c in cands if not (c.birth_date or c.birth_year) or self.could_race(c, year)]
        if len(cands) > 1 and year:
            near = [c for c in cands if any(abs(y - year) <= NEAR_YEARS for y in c.years)]
            if near:
                cands = near
        return cands[0] if len(cands) == 1 else None

    def _find(self, ref: AthleteRef, year: int | None) -> Athlete | None:
        key = name_key(ref.given, ref.family)
        nat = ref.nationality or ""
        if ref.is_team:
            # A relay team is its nation (or club) in one sex: the name key is enough with the nation.
            found = self._by_name_nat.get((key, nat, ref.sex)) or self._by_name_nat.get((names.fold(nat), nat, ref.sex))
            return found[0] if found else None
        # (source id is not known here: the memo key and _by_src_id are per source; see resolve)

        if ref.birth_date:
            hit = self._by_name_dob.get((key, ref.birth_date))
            if hit and hit.sex == ref.sex:
                return hit
            same_day = {id(c): c for c in (self.canonical(a) for a in self._by_dob_nat.get((ref.birth_date, nat, ref.sex), [])
                        if _compatible(a.given, a.family, ref.given, ref.family))}
            if len(same_day) == 1:
                return next(iter(same_day.values()))
        cands = self._by_name_nat.get((key, nat, ref.sex), [])
        if ref.birth_date:
            # A different birth date is a different person (namesakes), unless it is the same date mistyped:
            # a day or two apart, or day and month swapped (1992-10-11 / 1992-11-10).
            cands = [c for c in cands if not c.birth_date or _same_birth(c.birth_date, ref.birth_date)]
        hit = self._pick(list(cands), ref, year)
        if hit:
            return hit
        if not nat:
            hit = self._pick(list(self._by_name.get((key, ref.sex), [])), ref, year)
            if hit:
                return hit
        if not ref.birth_date:
            # Short or truncated names: 'Mo FARAH' / 'Mohamed FARAH', 'BELL Georgia' / 'Georgia HUNTER BELL'.
            fam = names.fold(ref.family)
            gtok = names.tokens(ref.given)
            pool = self._by_family_nat.get((fam, nat, ref.sex), []) if fam else []
            if not pool:
                pool = [a for a in self._by_name_nat.get((key, nat, ref.sex), [])]
            loose = [a for a in pool if gtok and names.tokens(a.given)
                     and (names.tokens(a.given)[0].startswith(gtok[0]) or gtok[0].startswith(names.tokens(a.given)[0]))]
            hit = self._pick(loose, ref, year)
            if hit:
                return hit
        # Names that lost their inner spaces: 'Hicham ElGuerrouj', 'JuanCarlos delaOssa'.
        compact = self._by_compact_nat.get((compact_key(ref.given, ref.family), nat, ref.sex), [])
        if ref.birth_date:
            compact = [c for c in compact if not c.birth_date or _same_birth(c.birth_date, ref.birth_date)]
        return self._pick(list(compact), ref, year)
