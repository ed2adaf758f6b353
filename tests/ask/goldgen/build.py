"""The generated gold entries, intent by intent: real athletes, meets and years from the raw files, several
phrasings each, drawn with a fixed seed. Entries follow tests/ask/README.md; `from` says where the expected
answer was read."""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache

from tests.ask.goldgen import finals, marks, medals, names, raw, records
from tests.ask.goldgen import phrasing as ph
from tests.ask.goldgen.finals import Final

SEED = 15
CORE_EVENTS = ["100m", "200m", "400m", "800m", "1500m", "mile", "5000m", "10000m", "3000mSC", "110mH", "100mH",
               "400mH", "HJ", "PV", "LJ", "TJ", "SP", "DT", "HT", "JT", "MAR"]


class Gold:
    def __init__(self, seed: int = SEED, exclude: Iterable[str] = ()) -> None:
        self.rng = random.Random(seed)
        self.entries: list[dict] = []
        self._seen = {q.lower() for q in exclude}

    def add(self, entry: dict, keys: Iterable[tuple | None] = ()) -> bool:
        """Add an entry once per question; `keys` are the athletes it names, whose other spellings go in
        `aliases`."""
        q = ph.clean(entry["q"])
        if q.lower() in self._seen or not q:
            return False
        self._seen.add(q.lower())
        entry["q"] = q
        aliases = {names.name(k): names.book().aliases(k) for k in keys if k}
        aliases = {k: v for k, v in aliases.items() if v}
        if aliases:
            entry["aliases"] = aliases
        if not entry.get("tags"):
            entry.pop("tags", None)
        else:
            entry["tags"] = sorted(set(entry["tags"]))
        self.entries.append(entry)
        return True

    def pick(self, items: list, n: int) -> list:
        items = list(items)
        return self.rng.sample(items, min(n, len(items)))


# ---------------------------------------------------------------- how athletes are referred to

@cache
def _surnames() -> dict[tuple[str, str], list[tuple]]:
    """(sex, folded family name) -> athletes."""
    out: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for key, a in raw.all_athletes().items():
        family = raw.split_name(names.book().raw_names[key])[1]
        out[(a["sex"], raw.fold(family))].append(key)
    return out


def family(key: tuple) -> str:
    return raw.fold(raw.split_name(names.book().raw_names[key])[1])


def given(key: tuple) -> str:
    g = raw.fold(raw.split_name(names.book().raw_names[key])[0])
    return g.split()[0] if g else ""


def dominant(key: tuple, event: str) -> bool:
    """Far ahead of every namesake in the event (five times their marks, twenty at least): a surname is enough."""
    a = raw.all_athletes()[key]
    mine = a["events"].get(event, 0)
    others = [raw.all_athletes()[k]["events"].get(event, 0) for k in _surnames()[(a["sex"], family(key))]
              if k != key]
    return mine >= 20 and all(mine >= 8 * o for o in others) and all(
        sum(raw.all_athletes()[k]["events"].values()) * 5 < sum(a["events"].values())
        for k in _surnames()[(a["sex"], family(key))] if k != key)


def ref(g: Gold, key: tuple, event: str | None, *, typo_rate: float = 0.2) -> tuple[str, list[str]]:
    """How a fan names the athlete: full name, or the surname when it settles who; sometimes misspelt."""
    tags: list[str] = []
    fam = family(key)
    short = f"{given(key)} {fam}".strip()
    sex = raw.all_athletes()[key]["sex"]
    if any(given(k) == given(key) for k in _surnames()[(sex, fam)] if k != key):
        # 'paul koech' names two athletes: say the whole name
        short = raw.fold(names.name(key))
        if any(raw.fold(names.name(k)) == short for k in _surnames()[(sex, fam)] if k != key):
            short = ""
    if not short:
        return "", []
    text = fam if event and dominant(key, event) and g.rng.random() < 0.5 else short
    if g.rng.random() < typo_rate:
        words = text.split()
        i = max(range(len(words)), key=lambda j: len(words[j]))
        slipped = ph.typo(g.rng, words[i])
        if slipped != words[i] and (raw.all_athletes()[key]["sex"], slipped) not in _surnames():
            words[i] = slipped
            tags.append("misspelling")
            text = " ".join(words)
    return text, tags


# ---------------------------------------------------------------- meets

def meet_text(g: Gold, f: Final) -> tuple[str, list[str]]:
    """'pre 2015', "worlds '09", 'paris 2024', 'tokyo 2020' (Tokyo's Games are the year 2021)."""
    tags: list[str] = []
    if f.meet == "OG":
        city = _og_city(f.year)
        if f.year == 2021:
            text = g.rng.choice(["tokyo 2020", "2020 olympics", "tokyo olympics 2020", "the 2020 olympics"])
            return text, tags
        if city and g.rng.random() < 0.5:
            return f"{ph.city_word(city)} {f.year}", tags
    if f.meet == "WCH" and g.rng.random() < 0.4:
        city = next((w.location for w in raw.wc_finals() if w.edition == f.edition), "")
        if city:
            y, abbr = ph.year_word(g.rng, f.year)
            return f"{ph.city_word(city)} {y}", ["abbreviation"] if abbr else []
    word = g.rng.choice(ph.MEET_WORDS[f.meet])
    if word in ph.ABBREVIATED_MEETS:
        tags.append("abbreviation")
    if word in ph.SLANG_MEETS:
        tags.append("slang")
    if g.rng.random() < 0.15:
        longest = max(word.split(), key=len)
        slipped = ph.typo(g.rng, longest)
        if slipped != longest:
            word = word.replace(longest, slipped)
            tags.append("misspelling")
    y, abbr = ph.year_word(g.rng, f.year)
    if abbr:
        tags.append("abbreviation")
    year_first = g.rng.random() < 0.3 and not y.startswith("in ") and not word.startswith("the ")
    return (f"{y} {word}" if year_first else f"{word} {y}"), tags


@cache
def _og_city(year: int) -> str:
    return next((m.city for m in raw.olympic_medals() if m.year == year), "")


def _entities(f: Final, **extra) -> dict:
    return {"event": f.event, "sex": f.sex, "meet": f.meet, "year": f.year, **extra}


def _row(r, *, place: bool = True, mark: bool = True) -> dict:
    out: dict = {"athlete": r.name}
    if mark:
        out["mark"] = r.mark
    if place:
        out["place"] = r.place
    return out


def _source(f: Final) -> str:
    if f.meet == "OG":
        return "olympic medal list + wa-toplists final" if f.year != 2021 else "wa-toplists final (Tokyo 2021)"
    if f.meet == "WCH":
        return "wc-track-finals + wa-toplists marks"
    return "diamond-league archive (winner's mark as on wa-toplists)"


def _finals_pool() -> list[Final]:
    pool = [f for f in finals.olympic_finals() + finals.world_finals() + finals.dl_finals()
            if f.event in CORE_EVENTS and f.rows and f.rows[0].place == 1 and f.rows[0].sure]
    return sorted(pool, key=lambda f: (f.meet, f.year, f.event, f.sex))


def _by_meet(pool: list[Final]) -> dict[str, list[Final]]:
    out: dict[str, list[Final]] = defaultdict(list)
    for f in pool:
        out["OG" if f.meet == "OG" else "WCH" if f.meet == "WCH" else "DL"].append(f)
    return out


def _quota(g: Gold, pool: list[Final], n_og: int, n_wch: int, n_dl: int, ok: Callable[[Final], bool]) -> list[Final]:
    groups = _by_meet([f for f in pool if ok(f)])
    return g.pick(groups["OG"], n_og) + g.pick(groups["WCH"], n_wch) + g.pick(groups["DL"], n_dl)


# ---------------------------------------------------------------- winner / podium / place / results

def winners(g: Gold, n_og: int = 18, n_wch: int = 12, n_dl: int = 32) -> None:
    templates = [
        "who won the {sex} {ev} at {meet}", "{meet} {sex} {ev} winner", "who won {meet} {sex} {ev}",
        "{sex} {ev} {meet} who won", "winner of the {sex} {ev} at {meet}", "who took the {sex} {ev} at {meet}",
        "{ev} {sex} {meet} winner?", "who won the {ev} {meet} {sex}",
    ]
    for f in _quota(g, _finals_pool(), n_og, n_wch, n_dl, lambda f: True):
        ev, abbr = ph.event_word(g.rng, f.event)
        meet, tags = meet_text(g, f)
        tpl = g.rng.choice(templates)
        if f.meet in ("OG", "WCH") and g.rng.random() < 0.25:
            tpl = "who got {sex} {ev} gold at {meet}"
        g.add({"q": tpl.format(sex=ph.sex_word(g.rng, f.sex), ev=ev, meet=meet), "intent": "winner",
               "entities": _entities(f), "first": {"athlete": f.rows[0].name, "mark": f.rows[0].mark},
               "tags": tags + (["abbreviation"] if abbr else []), "from": _source(f)}, [f.rows[0].key])


def podiums(g: Gold, n_og: int = 10, n_wch: int = 8, n_dl: int = 8) -> None:
    templates = ["{meet} {sex} {ev} podium", "who medalled in the {sex} {ev} at {meet}", "top 3 {sex} {ev} {meet}",
                 "podium for the {sex} {ev} at {meet}", "{sex} {ev} medallists {meet}", "who was on the podium {meet} {sex} {ev}"]
    def ok(f: Final) -> bool:
        return all((r := f.at(p)) is not None and r.sure for p in (1, 2, 3))
    for f in _quota(g, _finals_pool(), n_og, n_wch, n_dl, ok):
        ev, abbr = ph.event_word(g.rng, f.event)
        meet, tags = meet_text(g, f)
        tpl = g.rng.choice(templates)
        if f.meet.startswith("DL") and "medal" in tpl:
            tpl = "top three {sex} {ev} {meet}"
        podium = [r for r in (f.at(p) for p in (1, 2, 3)) if r is not None]
        g.add({"q": tpl.format(sex=ph.sex_word(g.rng, f.sex), ev=ev, meet=meet), "intent": "podium",
               "entities": _entities(f), "first": {"athlete": podium[0].name, "place": 1},
               "rows_include": [_row(r) for r in podium], "rows_min": 3,
               "tags": tags + (["abbreviation"] if abbr else []), "from": _source(f)}, [r.key for r in podium])


def places(g: Gold, n_og: int = 8, n_wch: int = 8, n_dl: int = 10) -> None:
    templates = ["who was {ord} in the {sex} {ev} at {meet}", "{ord} place {meet} {sex} {ev}",
                 "who finished {ord} in the {sex} {ev} {meet}", "who came {ord} {meet} {sex} {ev}"]
    pool = _finals_pool()
    chosen = _quota(g, pool, n_og, n_wch, n_dl, lambda f: len(f.rows) >= 4)
    for f in chosen:
        place = g.rng.choice([p for p in (2, 3, 4, 5) if (r := f.at(p)) is not None and r.sure] or [0])
        row = f.at(place)
        if row is None:
            continue
        ev, abbr = ph.event_word(g.rng, f.event)
        meet, tags = meet_text(g, f)
        ordinal = g.rng.choice(ph.ORDINALS[place])
        if ordinal == "runner up in":
            q = f"who was runner up in the {ph.sex_word(g.rng, f.sex)} {ev} at {meet}"
        elif f.meet in ("OG", "WCH") and place in (2, 3) and g.rng.random() < 0.4:
            medal = "silver" if place == 2 else "bronze"
            q = f"who got {medal} in the {ph.sex_word(g.rng, f.sex)} {ev} at {meet}"
        else:
            q = g.rng.choice(templates).format(ord=ordinal, sex=ph.sex_word(g.rng, f.sex), ev=ev, meet=meet)
        g.add({"q": q, "intent": "place", "entities": _entities(f, place=place),
               "first": {"athlete": row.name, "mark": row.mark, "place": place},
               "tags": tags + (["abbreviation"] if abbr else []), "from": _source(f)}, [row.key])


def results(g: Gold, n_og: int = 4, n_wch: int = 6, n_dl: int = 6) -> None:
    templates = ["full results {meet} {sex} {ev}", "results of the {sex} {ev} at {meet}", "{meet} {sex} {ev} results",
                 "show me the whole {sex} {ev} final from {meet}", "{sex} {ev} {meet} full results"]
    for f in _quota(g, _finals_pool(), n_og, n_wch, n_dl, lambda f: len(f.rows) >= 6):
        ev, abbr = ph.event_word(g.rng, f.event)
        meet, tags = meet_text(g, f)
        tpl = g.rng.choice(templates)
        if f.meet.startswith("DL") and "final" in tpl:
            tpl = "{meet} {sex} {ev} results"
        sure = [r for r in f.rows[1:6] if r.sure]
        g.add({"q": tpl.format(sex=ph.sex_word(g.rng, f.sex), ev=ev, meet=meet), "intent": "results",
               "entities": _entities(f), "first": _row(f.rows[0]),
               "rows_include": [_row(r) for r in sure[:4]], "rows_min": min(f.size, 8),
               "tags": tags + (["abbreviation"] if abbr else []), "from": _source(f)},
              [f.rows[0].key, *(r.key for r in sure[:4])])


# ---------------------------------------------------------------- bests

def _prominent(event: str, sex: str, n: int = 60) -> list[tuple]:
    """The athletes with most marks in the event, certain names only."""
    rows = marks.by_athlete(event, sex)
    keys = sorted((k for k in rows if names.certain(k) and k[0]), key=lambda k: (-len(rows[k]), k))
    return keys[:n]


def pbs(g: Gold, n: int = 26, n_indoor: int = 6) -> None:
    templates = ["{who} {ev} pb", "what is {who}'s {ev} personal best", "{who} personal best {ev}",
                 "{who} {ev} pr", "whats {who} best {ev} time", "{who} fastest {ev} ever", "pb {who} {ev}"]
    field_templates = ["{who} {ev} pb", "{who} best {ev}", "how far has {who} gone in the {ev}",
                       "what is {who}'s {ev} personal best", "{who} {ev} personal best"]
    pool = [(e, s, k) for e in CORE_EVENTS for s in ("M", "W") if (e, s) in raw.events()
            for k in _prominent(e, s, 25)]
    done = 0
    for event, sex, key in g.pick(pool, n * 3):
        if done >= n:
            break
        b = marks.best(key, event, sex)
        if b is None:
            continue
        who, tags = ref(g, key, event)
        if not who:
            continue
        ev, abbr = ph.event_word(g.rng, event)
        tpl = g.rng.choice(field_templates if event in raw.FIELD else templates)
        if "pr" in tpl.split() or "pb" in tpl.split():
            tags.append("abbreviation")
        if g.add({"q": tpl.format(who=who, ev=ev), "intent": "pb",
                  "entities": {"athletes": [b.name], "event": event, "sex": sex},
                  "first": {"athlete": b.name, "mark": b.mark}, "tags": tags + (["abbreviation"] if abbr else []),
                  "from": f"wa-toplists: best outdoor mark, {b.date}"}, [key]):
            done += 1
    pool = [(e, s, k) for e in ("800m", "1500m", "mile", "3000m", "60m", "400m", "200m")
            for s in ("M", "W") for k in _prominent(e, s, 30)]
    done = 0
    for event, sex, key in g.pick(pool, n_indoor * 4):
        if done >= n_indoor:
            break
        b = marks.best(key, event, sex, indoor=True)
        if b is None:
            continue
        who, tags = ref(g, key, event)
        if not who:
            continue
        ev, _ = ph.event_word(g.rng, event)
        q = g.rng.choice(["{who} indoor {ev} pb", "{who} {ev} indoor best", "{who} short track {ev} pb",
                          "{who}'s best indoor {ev}"]).format(who=who, ev=ev)
        entities: dict = {"athletes": [b.name], "event": event, "sex": sex}
        if event != "60m":
            entities["indoor"] = True
        if g.add({"q": q, "intent": "pb", "entities": entities, "first": {"athlete": b.name, "mark": b.mark},
                  "tags": tags, "from": f"wa-toplists: best indoor mark, {b.date}"}, [key]):
            done += 1


def sbs(g: Gold, n: int = 25) -> None:
    templates = ["{who} {ev} sb {y}", "{who} season best {ev} {y}", "{who}'s best {ev} of {y}",
                 "what did {who} run in the {ev} in {y} at best", "{who} {y} {ev} season best",
                 "fastest {ev} {who} ran in {y}", "{who} best {ev} {y}"]
    field_templates = ["{who} {ev} sb {y}", "{who} season best {ev} {y}", "{who}'s best {ev} of {y}",
                       "{who} best {ev} in {y}"]
    pool = []
    for e in CORE_EVENTS:
        for s in ("M", "W"):
            if (e, s) not in raw.events():
                continue
            for k in _prominent(e, s, 25):
                years = sorted({p.year for p in marks.by_athlete(e, s)[k]})
                pool += [(e, s, k, y) for y in years if y >= 2000]
    done = 0
    for event, sex, key, year in g.pick(pool, n * 4):
        if done >= n:
            break
        b = marks.best(key, event, sex, year=year)
        career = marks.best(key, event, sex)
        if b is None or career is None or b.mark == career.mark:
            continue          # a season best that is not also the career best: the season must be kept
        who, tags = ref(g, key, event)
        if not who:
            continue
        ev, abbr = ph.event_word(g.rng, event)
        y = str(year)
        if year == 2025 and g.rng.random() < 0.5:
            y = "last year"
        elif g.rng.random() < 0.2:
            y = f"'{year % 100:02d}"
            tags.append("abbreviation")
        tpl = g.rng.choice(field_templates if event in raw.FIELD else templates)
        if " sb " in f" {tpl} ":
            tags.append("abbreviation")
        if g.add({"q": tpl.format(who=who, ev=ev, y=y), "intent": "sb",
                  "entities": {"athletes": [b.name], "event": event, "sex": sex, "year": year},
                  "first": {"athlete": b.name, "mark": b.mark}, "tags": tags + (["abbreviation"] if abbr else []),
                  "from": f"wa-toplists: best outdoor mark of {year}, {b.date}"}, [key]):
            done += 1


def world_leads(g: Gold, n: int = 25) -> None:
    templates = ["world lead {sex} {ev} {y}", "fastest {sex} {ev} of {y}", "{y} world lead {ev} {sex}",
                 "who had the best {sex} {ev} time in {y}", "{sex} {ev} world leader {y}", "wl {sex} {ev} {y}",
                 "best {sex} {ev} mark in {y}"]
    pool = [(e, s, y) for e in CORE_EVENTS for s in ("M", "W") if (e, s) in raw.events()
            for y in range(1990, 2026)]
    done = 0
    for event, sex, year in g.pick(pool, n * 4):
        if done >= n:
            break
        wl = marks.world_lead(event, sex, year)
        if wl is None:
            continue
        ev, abbr = ph.event_word(g.rng, event)
        tpl = g.rng.choice(templates)
        if event in raw.FIELD and tpl.startswith("fastest"):
            tpl = "longest {sex} {ev} of {y}" if event in ("LJ", "TJ", "SP", "DT", "HT", "JT") else \
                "highest {sex} {ev} of {y}"
        y = "last year" if year == 2025 and g.rng.random() < 0.4 else str(year)
        tags = (["abbreviation"] if abbr or tpl.startswith("wl") else [])
        if g.add({"q": tpl.format(sex=ph.sex_word(g.rng, sex), ev=ev, y=y), "intent": "world_lead",
                  "entities": {"event": event, "sex": sex, "year": year},
                  "first": {"athlete": wl.name, "mark": wl.mark}, "tags": tags,
                  "from": f"wa-toplists: best mark of {year}, {wl.date}"}, [wl.key]):
            done += 1


# ---------------------------------------------------------------- counts, thresholds, all-time lists

THRESHOLDS: dict[tuple[str, str], list[tuple[float, str, str]]] = {
    # (event, sex) -> (value, canonical mark, how a fan writes it)
    ("100m", "M"): [(9.80, "9.80", "9.80"), (9.85, "9.85", "9.85"), (9.75, "9.75", "9.75"), (9.90, "9.90", "9.9")],
    ("100m", "W"): [(10.80, "10.80", "10.80"), (10.70, "10.70", "10.7"), (10.75, "10.75", "10.75")],
    ("200m", "M"): [(19.60, "19.60", "19.60"), (19.70, "19.70", "19.7"), (19.80, "19.80", "19.80")],
    ("200m", "W"): [(21.70, "21.70", "21.70"), (21.80, "21.80", "21.8"), (22.00, "22.00", "22")],
    ("400m", "M"): [(43.50, "43.50", "43.5"), (43.80, "43.80", "43.80"), (44.00, "44.00", "44")],
    ("400m", "W"): [(48.50, "48.50", "48.5"), (49.00, "49.00", "49")],
    ("800m", "M"): [(102.0, "1:42.00", "1:42"), (101.5, "1:41.50", "1:41.5"), (103.0, "1:43.00", "1:43")],
    ("800m", "W"): [(116.0, "1:56.00", "1:56"), (115.0, "1:55.00", "1:55"), (117.0, "1:57.00", "1:57")],
    ("1500m", "M"): [(210.0, "3:30.00", "3:30"), (209.0, "3:29.00", "3:29"), (208.0, "3:28.00", "3:28"),
                     (211.0, "3:31.00", "3:31")],
    ("1500m", "W"): [(235.0, "3:55.00", "3:55"), (237.0, "3:57.00", "3:57"), (234.0, "3:54.00", "3:54")],
    ("mile", "M"): [(228.0, "3:48.00", "3:48"), (227.0, "3:47.00", "3:47"), (230.0, "3:50.00", "3:50")],
    ("mile", "W"): [(255.0, "4:15.00", "4:15"), (260.0, "4:20.00", "4:20")],
    ("5000m", "M"): [(765.0, "12:45.00", "12:45"), (770.0, "12:50.00", "12:50"), (780.0, "13:00.00", "13:00")],
    ("5000m", "W"): [(860.0, "14:20.00", "14:20"), (855.0, "14:15.00", "14:15"), (870.0, "14:30.00", "14:30")],
    ("10000m", "M"): [(1600.0, "26:40.00", "26:40"), (1610.0, "26:50.00", "26:50"), (1620.0, "27:00.00", "27:00")],
    ("10000m", "W"): [(1770.0, "29:30.00", "29:30"), (1800.0, "30:00.00", "30:00")],
    ("3000mSC", "M"): [(480.0, "8:00.00", "8:00"), (485.0, "8:05.00", "8:05")],
    ("3000mSC", "W"): [(540.0, "9:00.00", "9:00"), (545.0, "9:05.00", "9:05")],
    ("400mH", "M"): [(47.00, "47.00", "47"), (47.50, "47.50", "47.5")],
    ("400mH", "W"): [(52.00, "52.00", "52"), (53.00, "53.00", "53")],
    ("110mH", "M"): [(13.00, "13.00", "13"), (12.95, "12.95", "12.95")],
    ("100mH", "W"): [(12.40, "12.40", "12.40"), (12.30, "12.30", "12.3")],
    ("MAR", "M"): [(7440.0, "2:04:00", "2:04"), (7380.0, "2:03:00", "2:03"), (7500.0, "2:05:00", "2:05")],
    ("MAR", "W"): [(8280.0, "2:18:00", "2:18"), (8220.0, "2:17:00", "2:17"), (8400.0, "2:20:00", "2:20")],
    ("PV", "M"): [(6.00, "6.00", "6 metres"), (6.05, "6.05", "6.05m"), (5.95, "5.95", "5.95")],
    ("PV", "W"): [(4.90, "4.90", "4.90m"), (5.00, "5.00", "5 metres")],
    ("HJ", "M"): [(2.40, "2.40", "2.40m"), (2.38, "2.38", "2.38")],
    ("LJ", "M"): [(8.60, "8.60", "8.60m"), (8.70, "8.70", "8.70")],
    ("TJ", "M"): [(18.00, "18.00", "18 metres"), (17.90, "17.90", "17.90")],
    ("SP", "M"): [(23.00, "23.00", "23 metres"), (22.50, "22.50", "22.50m")],
    ("DT", "M"): [(71.00, "71.00", "71 metres"), (70.00, "70.00", "70m")],
    ("JT", "M"): [(90.00, "90.00", "90 metres"), (91.00, "91.00", "91m")],
    ("HT", "M"): [(84.00, "84.00", "84 metres")],
    ("JT", "W"): [(70.00, "70.00", "70 metres"), (68.00, "68.00", "68m")],
}


def _beat_word(g: Gold, event: str) -> str:
    if event in ("HJ", "PV"):
        return g.rng.choice(["cleared", "jumped over", "gone over"])
    if event in raw.FIELD:
        return g.rng.choice(["thrown over", "gone beyond", "thrown past"]) if event in ("SP", "DT", "HT", "JT") \
            else g.rng.choice(["jumped over", "jumped past"])
    return g.rng.choice(["broken", "run under", "gone sub", "dipped under"])


def counts(g: Gold, n: int = 16) -> None:
    pool = []
    for (event, sex), ths in sorted(THRESHOLDS.items()):
        for value, mark, text in ths:
            for key in _prominent(event, sex, 40):
                pool.append((event, sex, key, value, mark, text))
    done = 0
    for event, sex, key, value, mark, text in g.pick(pool, n * 12):
        if done >= n:
            break
        c = marks.count(key, event, sex, value)
        if c is None or c < 2 or not names.certain(key):
            continue
        who, tags = ref(g, key, event)
        if not who:
            continue
        ev, _ = ph.event_word(g.rng, event)
        if event in raw.FIELD:
            unit = "jumps" if event in ("HJ", "PV", "LJ", "TJ") else "throws"
            q = g.rng.choice([f"how many times has {who} {_beat_word(g, event)} {text}",
                              f"how many {text} {unit} has {who} had in the {ev}",
                              f"how many times has {who} {_beat_word(g, event)} {text} in the {ev}"])
        else:
            plural = f"{ev}s" if ev[-1].isdigit() or ev.endswith("m") or ev == "mile" else f"{ev} races"
            q = g.rng.choice([f"how many sub {text} {plural} has {who} run", f"how many times has {who} run under {text}"
                              f" in the {ev}", f"how many times has {who} {_beat_word(g, event)} {text} in the {ev}",
                              f"number of sub-{text} {ev} races by {who}", f"{who} sub {text} {ev} count"])
        if g.add({"q": q, "intent": "count",
                  "entities": {"athletes": [names.name(key)], "event": event, "sex": sex, "mark": mark},
                  "headline_has": [str(c)], "tags": tags,
                  "from": "wa-toplists: every performance better than the mark (none indoor, none equal)"}, [key]):
            done += 1


def thresholds(g: Gold, n: int = 16) -> None:
    pool = [(e, s, v, m, t) for (e, s), ths in sorted(THRESHOLDS.items()) for v, m, t in ths]
    done = 0
    for event, sex, value, mark, text in g.pick(pool, len(pool)):
        if done >= n:
            break
        c = marks.threshold(event, sex, value)
        if c is None or c < 2:
            continue
        ev, abbr = ph.event_word(g.rng, event)
        who = {"M": g.rng.choice(["men", "guys", "men"]), "W": g.rng.choice(["women", "women", "ladies"])}[sex]
        if event in raw.FIELD:
            q = g.rng.choice([f"how many {who} have {_beat_word(g, event)} {text} in the {ev}",
                              f"how many {who} have ever {_beat_word(g, event)} {text} {ev}"])
        else:
            q = g.rng.choice([f"how many {who} have run sub {text} in the {ev}",
                              f"how many {who} have broken {text} for the {ev}", f"number of sub {text} {who} {ev}",
                              f"how many {who} have ever gone under {text} in the {ev}",
                              f"how many sub-{text} {who} in the {ev} are there"])
        if g.add({"q": q, "intent": "threshold", "entities": {"event": event, "sex": sex, "mark": mark},
                  "headline_has": [str(c)], "tags": ["abbreviation"] if abbr else [],
                  "from": "wa-toplists: distinct athletes with a mark better than it"}):
            done += 1


def all_time(g: Gold, n: int = 20) -> None:
    templates = ["top 10 all time {sex} {ev}", "fastest {sex} {ev} ever", "all-time {sex} {ev} list",
                 "best {sex} {ev} performers of all time", "{sex} {ev} all time top 10", "greatest {sex} {ev} times ever",
                 "all time best {sex} {ev}"]
    field_templates = ["all-time {sex} {ev} list", "best {sex} {ev} performers of all time", "{sex} {ev} all time top 10",
                       "top 10 all time {sex} {ev}"]
    pool = [(e, s) for e in CORE_EVENTS + ["3000m", "1000m", "HM", "DEC", "HEP"] for s in ("M", "W")
            if (e, s) in raw.events()]
    done = 0
    for event, sex in g.pick(pool, len(pool)):
        if done >= n:
            break
        top = marks.all_time(event, sex)
        if not top:
            continue
        ev, abbr = ph.event_word(g.rng, event)
        tpl = g.rng.choice(field_templates if event in raw.FIELD | raw.COMBINED else templates)
        if g.add({"q": tpl.format(sex=ph.sex_word(g.rng, sex), ev=ev), "intent": "all_time",
                  "entities": {"event": event, "sex": sex}, "first": {"athlete": top[0].name, "mark": top[0].mark},
                  "rows_include": [{"athlete": b.name, "mark": b.mark} for b in top[1:5]], "rows_min": 5,
                  "tags": ["abbreviation"] if abbr else [], "from": "wa-toplists: each athlete's best, in order"},
                 [b.key for b in top[:5]]):
            done += 1


# ---------------------------------------------------------------- records

def world_records(g: Gold, n: int = 16, n_indoor: int = 8) -> None:
    templates = ["{sex} {ev} world record", "what's the {sex} {ev} wr", "who holds the {sex} {ev} world record",
                 "{ev} wr {sex}", "world record {sex} {ev}", "{sex} {ev} world record holder"]
    wr = records.world_records()
    outdoor = [k for k in sorted(wr) if not k[2]]
    for event, sex, _ in g.pick(outdoor, n):
        h = wr[(event, sex, False)]
        ev, abbr = ph.event_word(g.rng, event)
        tpl = g.rng.choice(templates)
        tags = (["abbreviation"] if abbr or " wr" in tpl else [])
        g.add({"q": tpl.format(sex=ph.sex_word(g.rng, sex), ev=ev), "intent": "record",
               "entities": {"event": event, "sex": sex, "scope": "world"},
               "first": {"athlete": h.name, "mark": h.mark}, "tags": tags,
               "from": "nimarion national.csv best (WA list agrees) / WA list for road; holder via wa-toplists"},
              [h.key])
    indoor = [k for k in sorted(wr) if k[2]]
    for event, sex, _ in g.pick(indoor, n_indoor):
        h = wr[(event, sex, True)]
        ev, _a = ph.event_word(g.rng, event)
        q = g.rng.choice(["{sex} indoor {ev} world record", "world indoor record {sex} {ev}",
                          "short track {sex} {ev} wr", "{sex} {ev} indoor wr"]).format(sex=ph.sex_word(g.rng, sex), ev=ev)
        entities: dict = {"event": event, "sex": sex, "scope": "world"}
        if event != "60m":
            entities["indoor"] = True
        g.add({"q": q, "intent": "record", "entities": entities, "first": {"athlete": h.name, "mark": h.mark},
               "tags": ["abbreviation"] if "wr" in q else [], "from": "nimarion national.csv: best indoor NR"},
              [h.key])


def national_records(g: Gold, n: int = 24) -> None:
    templates = ["{nat} {sex} {ev} record", "{nat} record {sex} {ev}", "who holds the {nat} {sex} {ev} record",
                 "{sex} {ev} {nat} record", "what is the {nat} {sex} {ev} record", "{nat} nr {sex} {ev}"]
    nr = records.national_records()
    pool = [k for k in sorted(nr) if k[0] in ph.NATION_WORDS and k[1] in CORE_EVENTS + ["3000m", "1000m", "60m"]]
    for nat, event, sex in g.pick(pool, n):
        h = nr[(nat, event, sex)]
        ev, abbr = ph.event_word(g.rng, event)
        word = g.rng.choice(ph.NATION_WORDS[nat])
        tpl = g.rng.choice(templates)
        tags = ["abbreviation"] if abbr or " nr " in f" {tpl} " or word in ("uk", "gb", "us", "usa") else []
        g.add({"q": tpl.format(nat=word, sex=ph.sex_word(g.rng, sex), ev=ev), "intent": "record",
               "entities": {"event": event, "sex": sex, "scope": "national", "region": nat},
               "first": {"athlete": h.name, "mark": h.mark}, "tags": tags,
               "from": "nimarion national.csv (outdoor; the toplists' best by the nation agrees)"}, [h.key])


def area_records(g: Gold, n: int = 12) -> None:
    ar = records.area_records()
    pool = [k for k in sorted(ar) if k[1] in CORE_EVENTS]
    for area, event, sex in g.pick(pool, n):
        h = ar[(area, event, sex)]
        ev, abbr = ph.event_word(g.rng, event)
        word = g.rng.choice(ph.AREA_WORDS[area])
        q = g.rng.choice(["{area} {sex} {ev} record", "{area} record {sex} {ev}", "who holds the {area} {sex} {ev} record",
                          "{sex} {ev} {area} record"]).format(area=word, sex=ph.sex_word(g.rng, sex), ev=ev)
        entities: dict = {"event": event, "sex": sex, "scope": "area"}
        if area in ph.AREA_REGION:
            entities["region"] = ph.AREA_REGION[area]
        g.add({"q": q, "intent": "record", "entities": entities, "first": {"athlete": h.name, "mark": h.mark},
               "tags": ["abbreviation"] if abbr else [],
               "from": "nimarion area.csv = WA area list, newer national records promoted"}, [h.key])


def olympic_records(g: Gold, n: int = 14) -> None:
    orr = records.olympic_records()
    for event, sex in g.pick(sorted(orr), n):
        h = orr[(event, sex)]
        ev, abbr = ph.event_word(g.rng, event)
        q = g.rng.choice(["olympic record {sex} {ev}", "{sex} {ev} olympic record", "what's the {sex} {ev} olympic record",
                          "who holds the olympic record in the {sex} {ev}", "{sex} {ev} OR", "oly record {sex} {ev}"]
                         ).format(sex=ph.sex_word(g.rng, sex), ev=ev)
        tags = ["abbreviation"] if abbr or " OR" in q or "oly " in q else []
        g.add({"q": q, "intent": "record", "entities": {"event": event, "sex": sex, "scope": "olympic"},
               "first": {"athlete": h.name, "mark": h.mark}, "tags": tags,
               "from": "wa-records-2024 olympic list, Paris 2024 finals promoted"}, [h.key])


def progressions(g: Gold, n_before: int = 14, n_national: int = 8, n_lists: int = 8) -> None:
    pool = [x for x in records.record_before() if x[0] in CORE_EVENTS + ["1000m", "2miles", "HM"]]
    for event, sex, x, before in g.pick(pool, n_before):
        ev, abbr = ph.event_word(g.rng, event)
        who = raw.fold(x.name) if g.rng.random() < 0.5 else raw.fold(x.name).split()[-1]
        if not x.key and who == raw.fold(x.name).split()[-1]:
            who = raw.fold(x.name)
        q = g.rng.choice(["who held the {sex} {ev} world record before {x}", "{sex} {ev} wr before {x}",
                          "who had the {sex} {ev} world record before {x}", "{ev} world record before {x} broke it {sex}",
                          "before {x}, who held the {sex} {ev} world record"]).format(sex=ph.sex_word(g.rng, sex),
                                                                                    ev=ev, x=who)
        g.add({"q": q, "intent": "progression",
               "entities": {"event": event, "sex": sex, "scope": "world", "before": x.name},
               "first": {"athlete": before.name, "mark": before.mark},
               "tags": ["abbreviation"] if abbr or " wr " in q else [],
               "from": f"wr-progressions (every file agrees): {x.name} {x.mark} {x.date}, before {before.date}"},
              [x.key, before.key])
    pool2 = [x for x in records.national_before() if x[0] in ph.NATION_WORDS and x[1] in CORE_EVENTS]
    for nat, event, sex, x, before in g.pick(pool2, n_national):
        ev, abbr = ph.event_word(g.rng, event)
        word = g.rng.choice(ph.NATION_WORDS[nat])
        q = g.rng.choice(["who held the {nat} {sex} {ev} record before {x}", "{nat} {sex} {ev} record before {x}",
                          "before {x} who had the {nat} {ev} record {sex}"]).format(
            nat=word, sex=ph.sex_word(g.rng, sex), ev=ev, x=f"{given(x.key)} {family(x.key)}" if x.key else x.name)
        g.add({"q": q, "intent": "progression",
               "entities": {"event": event, "sex": sex, "scope": "national", "before": x.name, "region": nat},
               "first": {"athlete": before.name, "mark": before.mark},
               "tags": ["abbreviation"] if abbr or word in ("uk", "gb", "us", "usa") else [],
               "from": f"wa-toplists: the nation's best outdoor mark before {x.name}'s first record ({x.date})"},
              [x.key, before.key])
    lists = [(e, s) for e in CORE_EVENTS + ["1000m", "HM"] for s in ("M", "W") if len(records.progression_rows(e, s)) >= 3]
    wr = records.world_records()
    for event, sex in g.pick(lists, n_lists):
        steps = records.progression_rows(event, sex)
        rows = [{"athlete": s.name, "mark": s.mark} for s in g.pick(steps, 3)]
        current = wr.get((event, sex, False))
        if current:
            rows.append({"athlete": current.name, "mark": current.mark})
        ev, abbr = ph.event_word(g.rng, event)
        q = g.rng.choice(["{sex} {ev} world record progression", "how has the {sex} {ev} wr progressed",
                          "history of the {sex} {ev} world record", "{sex} {ev} wr history"]).format(
            sex=ph.sex_word(g.rng, sex), ev=ev)
        g.add({"q": q, "intent": "progression", "entities": {"event": event, "sex": sex, "scope": "world"},
               "rows_include": rows, "rows_min": len(steps),
               "tags": ["abbreviation"] if abbr or " wr " in f" {q} " else [],
               "from": "wr-progressions: records every file agrees on (marks as on wa-toplists)"},
              [s.key for s in steps] + [current.key if current else None])


# ---------------------------------------------------------------- medals, profiles, h2h, conversions, quotes, days

def medal_counts(g: Gold, n_og: int = 14, n_wch: int = 7) -> None:
    og = medals.olympic()
    pool = [k for k in sorted(og) if len(og[k].medals) >= 1]
    pool.sort(key=lambda k: (-len(og[k].medals), k))
    for key in g.pick(pool[:120], n_og):
        t = og[key]
        who, tags = ref(g, key, None)
        if not who:
            continue
        if g.rng.random() < 0.5 and t.golds:
            q = g.rng.choice(["how many olympic golds does {who} have", "{who} olympic gold medals",
                              "how many times has {who} won olympic gold", "{who} oly golds"]).format(who=who)
            medal, n = "gold", t.golds
        else:
            q = g.rng.choice(["how many olympic medals has {who} won", "{who} olympic medal count",
                              "how many medals did {who} win at the olympics"]).format(who=who)
            medal, n = "any", len(t.medals)
        g.add({"q": q, "intent": "medal_count",
               "entities": {"athletes": [names.name(key)], "medal": medal, "meet": "OG"},
               "headline_has": [str(n)], "tags": tags + (["abbreviation"] if "oly " in q else []),
               "from": "olympic medal list (individual events; Tokyo 2021 from the toplists' finals): "
                       + ", ".join(f"{y} {e} {m}" for y, e, m in sorted(t.medals))}, [key])
    wc = medals.world()
    pool = sorted(wc, key=lambda k: (-len(wc[k].medals), k))
    for key in g.pick(pool[:40], n_wch):
        t = wc[key]
        who, tags = ref(g, key, None)
        if not who:
            continue
        if t.golds and g.rng.random() < 0.6:
            q = g.rng.choice(["how many world titles does {who} have", "{who} world championship golds",
                              "how many times did {who} win the worlds"]).format(who=who)
            medal, n = "gold", t.golds
        else:
            q = g.rng.choice(["how many world championship medals has {who} won", "{who} worlds medal count"]
                             ).format(who=who)
            medal, n = "any", len(t.medals)
        g.add({"q": q, "intent": "medal_count",
               "entities": {"athletes": [names.name(key)], "medal": medal, "meet": "WCH"},
               "headline_has": [str(n)], "tags": tags + (["slang"] if "worlds" in q else []),
               "from": "wc-track-finals 1983-2013 (whole career in its events and years): "
                       + ", ".join(f"{y} {e} {m}" for y, e, m in sorted(t.medals))}, [key])


def profiles(g: Gold, n: int = 15) -> None:
    pool = sorted({k for e in CORE_EVENTS for s in ("M", "W") if (e, s) in raw.events() for k in _prominent(e, s, 8)})
    for key in g.pick(pool, n):
        who, tags = ref(g, key, None)
        if not who:
            continue
        q = g.rng.choice(["who is {who}", "tell me about {who}", "{who} profile", "{who} bio", "who's {who}",
                          "info on {who}"]).format(who=who)
        display = names.name(key)
        g.add({"q": q, "intent": "profile", "entities": {"athletes": [display]},
               "headline_has": [raw.recase(raw.split_name(names.book().raw_names[key])[1])],
               "tags": tags, "from": "wa-toplists athlete"}, [key])


def _rivals() -> list[tuple[tuple, tuple, int]]:
    pairs: dict[tuple[tuple, tuple], int] = defaultdict(int)
    for f in finals.dl_finals() + finals.olympic_finals() + finals.world_finals():
        keys = [r.key for r in f.rows[:3] if r.key and r.sure]
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                pairs[tuple(sorted((keys[i], keys[j])))] += 1  # type: ignore[index]
    return [(a, b, c) for (a, b), c in sorted(pairs.items()) if c >= 3]


def head_to_heads(g: Gold, n: int = 16) -> None:
    done = 0
    for a, b, _ in g.pick(_rivals(), n * 3):
        if done >= n:
            break
        races = marks.h2h_races(a, b)
        if races < 3:
            continue
        wa, ta = ref(g, a, None, typo_rate=0.08)
        wb, tb = ref(g, b, None, typo_rate=0.08)
        if not wa or not wb:
            continue
        q = g.rng.choice(["{a} vs {b}", "{a} v {b} head to head", "h2h {a} {b}", "{a} vs {b} record",
                          "head to head {a} and {b}", "how many times have {a} and {b} raced"]).format(a=wa, b=wb)
        if g.add({"q": q, "intent": "h2h", "entities": {"athletes": sorted([names.name(a), names.name(b)])},
                  "rows_min": races, "tags": ta + tb + (["abbreviation"] if "h2h" in q or " v " in q else []),
                  "from": "wa-toplists: races (venue, day, round) with both, each place once"}, [a, b]):
            done += 1


CONVERSIONS = [("1500m", "mile"), ("mile", "1500m"), ("3000m", "5000m"), ("5000m", "10000m"), ("5000m", "3000m"),
               ("10000m", "5000m"), ("800m", "1500m"), ("1500m", "3000m"), ("2miles", "3000m")]


def conversions(g: Gold, n: int = 10) -> None:
    for event, to in g.pick(CONVERSIONS, n):
        sex = "M"
        key = g.rng.choice(_prominent(event, sex, 15))
        b = marks.best(key, event, sex) or marks.best(key, event, sex, indoor=True)
        if b is None:
            continue
        ev, _ = ph.event_word(g.rng, event)
        to_word = g.rng.choice([w for w in ph.EVENT_WORDS[to] if not w.startswith("the ")])
        q = g.rng.choice(["what's a {m} {ev} worth in the {to}", "convert {m} {ev} to {to}", "{m} {ev} equivalent {to}",
                          "what would a {m} {ev} be for the {to}", "{m} {ev} in {to}"]).format(m=b.mark, ev=ev, to=to_word)
        g.add({"q": q, "intent": "convert", "entities": {"event": event, "to_event": to},
               "from": f"a real mark: {b.name}'s {event} best"})


def _quoted_words() -> set[str]:
    """Words of the seed article (shared/seed-article.txt), whose speakers have quotes: kept out of the quote
    questions that expect none."""
    path = raw.SHARED.parent / "seed-article.txt"
    return set(raw.fold(path.read_text(encoding="utf-8")).split()) if path.exists() else set()


def quotes(g: Gold, n: int = 8) -> None:
    quoted = _quoted_words()
    for a, b, _ in g.pick([r for r in _rivals() if family(r[0]) not in quoted], n):
        wa, ta = ref(g, a, None, typo_rate=0)
        wb, _ = ref(g, b, None, typo_rate=0)
        if not wa or not wb:
            continue
        q = g.rng.choice(["what did {a} say about {b}", "{a} quotes", "has {a} said anything about {b}",
                          "quotes from {a}", "what has {a} said about {b}"]).format(a=wa, b=wb)
        # no source here has quotes by them (only the seed article's two speakers have any): understood,
        # then declined with "I have no quotes from ..."
        g.add({"q": q, "status": "unknown", "intent": "quote", "entities": {"athletes": [names.name(a)]},
               "tags": ta, "from": "speaker from wa-toplists; no quote source names them"}, [a])


MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


def on_this_day(g: Gold, n: int = 10) -> None:
    days = records.wr_days()
    pool = [d for d in sorted(days) if len(days[d]) == 1]
    for day in g.pick(pool, n):
        h = days[day][0]
        month = MONTHS[int(day[:2]) - 1]
        d = int(day[3:])
        text = g.rng.choice([f"{month} {d}", f"{d} {month}", f"{month[:3]} {d}", f"the {d}th of {month}"])
        q = g.rng.choice(["what happened on {t}", "on this day {t}", "athletics history {t}", "records set on {t}",
                          "anything big happen on {t} in track"]).format(t=text)
        g.add({"q": q, "intent": "on_this_day", "entities": {"date": day},
               "rows_include": [{"athlete": h.name, "mark": h.mark}],
               "tags": ["abbreviation"] if f"{month[:3]} " in text and month[:3] != month else [],
               "from": f"the world record set that day: {h.event} {h.sex} {h.date}"}, [h.key])


# ---------------------------------------------------------------- ambiguous

def ambiguous(g: Gold, n: int = 6) -> None:
    """A surname two athletes of one sex share in one event, with as many marks each (within 1.5 times, 40 at
    least): 'did you mean' is the right answer."""
    pool = []
    for (sex, fam), keys in sorted(_surnames().items()):
        if len(fam.split()) != 1 or len(fam) < 4:
            continue
        for event in CORE_EVENTS:
            busy = [k for k in keys if raw.all_athletes()[k]["events"].get(event, 0) >= 40 and names.certain(k)]
            if len(busy) < 2:
                continue
            counts_ = sorted((raw.all_athletes()[k]["events"][event], k) for k in busy)
            # nobody else of that name in the event with more than a few marks: both fit in the choices
            rest = [k for k in keys if k not in busy and raw.all_athletes()[k]["events"].get(event, 0) >= 5]
            if len(busy) == 2 and counts_[-1][0] <= 1.5 * counts_[-2][0] and not rest:
                pool.append((sex, fam, event, [k for _, k in counts_[-2:]]))
    pool = [x for x in pool if len({raw.fold(names.name(k)) for k in x[3]}) == 2
            and len({given(k) for k in x[3]}) == 2]     # two people, not one athlete filed twice
    for _sex, fam, event, keys in g.pick(pool, n):
        ev, _ = ph.event_word(g.rng, event)
        q = g.rng.choice(["{s} {ev} pb", "{s} best {ev}", "what's {s}'s {ev} personal best"]).format(s=fam, ev=ev)
        g.add({"q": q, "status": "ambiguous", "suggestions_include": sorted(names.name(k) for k in keys),
               "from": "wa-toplists: two athletes of this surname with as many marks in the event"}, keys)


INDOOR_ONLY = frozenset({"50m", "50mH", "60m", "60mH"})   # on WA's world list without "Short Track"


def record_lists(g: Gold) -> None:
    """The records that stand, as a list: the oldest world record, a decade's, a nation's (record_list)."""
    wr = records.world_records()
    outdoor = sorted((h for (_e, _s, indoor), h in wr.items() if not indoor), key=lambda h: h.date)
    src = "world records as in world_records() (national.csv best, WA list agrees), by date"
    # the oldest on WA's list (Aug 2024) that no toplist mark has beaten since, named as the toplists do
    listed = sorted((r for r in raw.wa_records("world") if r.event not in INDOOR_ONLY), key=lambda r: r.date)
    oldest = next(h for r in listed if not (raw.toplist(r.event, r.sex) and raw.better(
        r.event, raw.toplist(r.event, r.sex)[0].value, r.value)) for h in [records._holder(r.event, r.sex, r.value,
                                                                                             r.date)] if h)
    for q in ("oldest world record still standing", "which wr has stood the longest", "oldest standing world record"):
        h = oldest
        g.add({"q": q, "intent": "record_list", "entities": {"scope": "world"},
               "first": {"athlete": h.name, "mark": h.mark}, "tags": ["abbreviation"] if "wr" in q else [],
               "from": "wa-records-2024 world lists, oldest date not beaten on the toplists; holder via wa-toplists"},
              [h.key])
    decades = sorted({int(h.date[:3]) * 10 for h in outdoor})
    for decade in decades:
        held = [h for h in outdoor if int(h.date[:3]) * 10 == decade]
        word = g.rng.choice([f"the {decade % 100:02d}s", f"the {decade}s", f"the '{decade % 100:02d}s"])
        q = g.rng.choice(["world records from {d} still standing", "wrs set in {d}", "which world records from {d} "
                          "still stand"]).format(d=word)
        g.add({"q": q, "intent": "record_list", "entities": {"scope": "world"},
               "rows_include": [{"athlete": h.name, "mark": h.mark} for h in held[:3]],
               "tags": ["abbreviation"] if "wrs" in q or "'" in word else [], "from": src},
              [h.key for h in held[:3]])
    nr = records.national_records()
    for nat in g.pick(sorted({k[0] for k in nr if k[0] in ph.NATION_WORDS}), 6):
        held = [nr[k] for k in sorted(nr) if k[0] == nat][:3]
        word = g.rng.choice(ph.NATION_WORDS[nat])
        q = g.rng.choice(["{n} records", "{n} national records", "all the {n} records", "current {n} nrs"]).format(n=word)
        g.add({"q": q, "intent": "record_list", "entities": {"scope": "national", "region": nat},
               "rows_include": [{"athlete": h.name, "mark": h.mark} for h in held],
               "tags": ["abbreviation"] if "nrs" in q or word in ("uk", "gb", "us", "usa") else [],
               "from": "nimarion national.csv (outdoor; the toplists' best by the nation agrees)"},
              [h.key for h in held])


def medal_tables(g: Gold, n: int = 8) -> None:
    """Who has the most Olympic medals in an event (medal_table): the medal list's leader in an individual
    event, where they lead with three or more and no edition the list lacks (Tokyo 2021, an unnamed row) can
    have made the runner-up their equal."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    nat: dict[str, str] = {}
    last: dict[str, int] = {}
    for m in raw.olympic_medals():
        if m.event is None or len(m.raw_names) != 1 or m.sex not in ("M", "W"):
            continue
        counts[(m.event, m.sex)][m.raw_names[0]] += 1
        nat[m.raw_names[0]] = m.nat
        last[m.raw_names[0]] = max(last.get(m.raw_names[0], 0), m.year)
    pool = []
    for (event, sex), c in sorted(counts.items()):
        top = c.most_common(2)
        # a runner-up one behind who won nothing since 2008 cannot have gained a medal the list lacks
        if top[0][1] >= 3 and (len(top) == 1 or top[1][1] <= top[0][1] - 2
                               or (top[1][1] < top[0][1] and last[top[1][0]] <= 2008)):
            key = medals._resolve(nat[top[0][0]], top[0][0])
            if key and names.certain(key):
                pool.append((event, sex, key, top[0][1]))
    for event, sex, key, count in g.pick(pool, n):
        ev, abbr = ph.event_word(g.rng, event)
        q = g.rng.choice(["most olympic medals in the {sex} {ev}", "who has the most olympic {sex} {ev} medals",
                          "most oly medals {sex} {ev}"]).format(sex=ph.sex_word(g.rng, sex), ev=ev)
        g.add({"q": q, "intent": "medal_table", "first": {"athlete": names.name(key)},
               "tags": (["abbreviation"] if abbr or "oly " in q else []),
               "from": f"olympic medal list, individual medals in the event: {names.name(key)} {count}"}, [key])


def win_counts(g: Gold, n: int = 6) -> None:
    """An athlete's Diamond League wins in a season (win_count), from the archive's races (heats and split
    times aside), in 2011-2015: seasons whose meetings are all in the archive, so the count is complete."""
    wins: dict[tuple[str, str, int], list[tuple | None]] = defaultdict(list)
    won_on: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    meeting_days: dict[int, set[str]] = defaultdict(set)
    for race in raw.dl_races():
        meeting_days[race.year].add(race.date)
        if race.category == "Split times" or race.event is None or race.sex not in ("M", "W") \
                or not 2011 <= race.year <= 2015 or not race.detail.startswith("Final"):
            continue
        for r in race.results:
            if r.place == 1:
                wins[(r.raw_name, r.nat, race.year)].append(finals._dl_key(r, race.event, race.sex, race.date))
                won_on[(r.raw_name, r.nat, race.year)].add(race.date)

    def toplist_wins(key: tuple, year: int) -> set[str]:
        """Days of that season's meetings on which the toplists have the athlete first (a race the archive's
        file of the meeting lacks, such as the men's 800 m at Pre 2013, is still a win at the meeting)."""
        return {p.date for e, sx in raw.events() for p in raw.toplist(e, sx)
                if p.key == key and p.position.strip() == "1" and p.date in meeting_days[year]}
    pool = sorted((k, keys[0]) for k, keys in wins.items()
                  if len(keys) >= 4 and keys[0] is not None and len(set(keys)) == 1 and names.certain(keys[0])
                  and toplist_wins(keys[0], k[2]) <= won_on[k])
    for (_name, _nat, year), key in g.pick(pool, n):
        count = len(wins[(_name, _nat, year)])
        who, tags = ref(g, key, None)
        if not who:
            continue
        q = g.rng.choice(["how many diamond league wins did {who} have in {y}", "{who} dl wins {y}",
                          "how many diamond league meetings did {who} win in {y}"]).format(who=who, y=year)
        g.add({"q": q, "intent": "win_count", "entities": {"athletes": [names.name(key)], "year": year},
               "headline_has": [f"won {count} time"], "tags": tags + (["abbreviation"] if " dl " in q else []),
               "from": f"diamond-league-2010-2023: first places in {year} finals, every category but split times"},
              [key])


def mark_lookups(g: Gold, n: int = 8) -> None:
    """Who ran a mark (mark_lookup): a current world record's mark, whose holder is the answer (the standing
    world record leads any other event's same mark)."""
    wr = records.world_records()
    pool = sorted(k for k in wr if not k[2] and k[0] not in raw.ROAD)
    for event, sex, _ in g.pick(pool, n):
        h = wr[(event, sex, False)]
        verb = "threw" if event in ("SP", "DT", "HT", "JT") else "jumped" if event in ("HJ", "PV", "LJ", "TJ") \
            else "scored" if event in ("DEC", "HEP") else "ran"
        q = g.rng.choice(["who {v} {m}", "{m} who {v} that", "who {v} {m}?"]).format(v=verb, m=h.mark)
        g.add({"q": q, "intent": "mark_lookup", "first": {"athlete": h.name, "mark": h.mark},
               "from": "world records as in world_records(); the mark's holder"}, [h.key])


def list_ranks(g: Gold, n: int = 8) -> None:
    """An athlete's place on an all-time list (rank): the 2nd to 6th of a list whose order indoor marks and
    ties do not change (marks.all_time), asked by how a fan names them."""
    pool = [(e, s, k) for e in CORE_EVENTS for s in ("M", "W") if (e, s) in raw.events() for k in range(1, 6)]
    for event, sex, k in g.pick(pool, n * 3):
        if n <= 0:
            break
        top = marks.all_time(event, sex)
        if not top or len(top) <= k:
            continue
        who, tags = ref(g, top[k].key, event)
        if not who:
            continue
        ev, abbr = ph.event_word(g.rng, event)
        q = g.rng.choice(["where does {who} rank all time in the {ev}", "{who} all time rank {ev}",
                          "where is {who} ranked on the all-time {ev} list"]).format(who=who, ev=ev)
        if g.add({"q": q, "intent": "rank", "entities": {"athletes": [top[k].name], "event": event, "rank": k + 1},
                  "tags": tags + (["abbreviation"] if abbr else []),
                  "from": "wa-toplists: each athlete's best, in order; the athlete's place"}, [top[k].key]):
            n -= 1


def build(exclude: Iterable[str] = ()) -> list[dict]:
    from tests.ask.goldgen import declines
    g = Gold(SEED, exclude)
    for step in (winners, podiums, places, results, pbs, sbs, world_leads, counts, thresholds, all_time,
                 world_records, national_records, area_records, olympic_records, progressions, medal_counts,
                 profiles, head_to_heads, conversions, quotes, on_this_day, ambiguous, declines.declines, record_lists, medal_tables, win_counts, mark_lookups,
                 list_ranks):
        step(g)
    return g.entries
