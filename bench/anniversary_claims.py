"""Checks the claims of the leading story of every day of a year against the raw WA toplists
(../shared/datasets/wa-toplists), read here the plain way, not through the database:

- the performance: the athlete's row (family name, mark, day) is in the toplist of the event;
- the venue: the toplist row's venue names the place the post names;
- the runner-up: the toplist's second in that race (same day and venue) is the athlete and mark named;
- "still stands": no better legal mark in the toplist since;
- "broke it" / "stood for": the successor named is in the toplist on that day with that mark, and no better
  legal mark came between;
- "it broke X's M (D)": where the toplist has X's M within a week of D, it has it on D;
- "the world's best mark of Y" / "best to then": no better legal mark that year / by that athlete before;
- "it broke X's M": a mark better than the toplist's cut-off, in the weeks of races the toplist holds, is in it
  (a point-to-point or annulled mark is not); for a world best (an event WA keeps no record of), no better
  legal toplist mark came before it;
- "a world indoor best" / "a world best on the roads": no earlier indoor (road) mark in the toplist is better, and
  the best named is the best;
- "the first ... under B": B lies between the record broken and the new mark, no legal toplist mark before it
  was past B, and no rounder mark lies between the two (the first under 50 s, not 51 s);
- "X equalled it on D": the toplist has X's same mark on D (a hand time: unverified);
- a birthday's "M of D beat the world record of the day": the toplist has the athlete's M on D and no legal
  mark as good before it.

A claim the toplists cannot settle (a mark below their cut-off, an event they do not list) is "unverified",
not wrong. Exit status 1 if any claim is wrong.

    .venv/bin/python bench/anniversary_claims.py [--db var/bell_lap.sqlite3] [--year 2024] [--countries GBR]
"""
from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import gzip
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.anniversaries.story import render  # noqa: E402
from bot.ask.day_stories import BIRTHDAY, Preferences, Selector, Story  # noqa: E402
from bot.common import events as ev  # noqa: E402
from bot.common.places import place  # noqa: E402
from bot.pipeline.importers.wa_toplists import SLUG_EVENTS  # noqa: E402

TOPLISTS = ROOT.parent / "shared" / "datasets" / "wa-toplists"
# our event code -> the toplists' discipline slug (the importer's map, turned round); walks and relays are not
# checked here
SLUGS = {code: slug for slug, code in SLUG_EVENTS.items() if ev.get(code).kind not in (ev.WALK, ev.RELAY)}
MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).upper()


def iso(date: str) -> str:
    if "-" in date:
        return date[:10]
    d, m, y = date.split()
    return dt.date(int(y), MONTHS[m.upper()], int(d)).isoformat()


def value(mark: str) -> float | None:
    out = 0.0
    try:
        for part in mark.rstrip("hA ").split(":"):
            out = out * 60 + float(part)
    except ValueError:
        return None
    return out


_ROWS: dict[tuple[str, str], list[dict] | None] = {}


def rows(code: str, sex: str) -> list[dict] | None:
    """The senior rows of an event's toplist (both layouts of wa-toplists), or None without a file."""
    key = (code, sex)
    if key not in _ROWS:
        slug, folder = SLUGS.get(code), "male" if sex == "M" else "female"
        paths = [TOPLISTS / folder / f"{slug}.csv.gz"] + sorted((TOPLISTS / "fallback_raw" / folder).glob(
            f"*_{slug}_senior.csv.gz")) if slug else []
        out: list[dict] | None = None
        for path in paths:
            if path.exists():
                out = out or []
                with gzip.open(path, "rt", encoding="utf-8") as f:
                    for r in csv.DictReader(f):
                        v = value(r["mark"]) if r["mark"] else None
                        if r.get("age_cat", "senior") != "senior" or v is None:
                            continue
                        r["iso"], r["value"], r["fam"] = iso(r["date"]), v, fold(r["competitor"])
                        r["indoor"] = r["venue"].rstrip().endswith("(i)")
                        r["legal"] = not r["wind"] or float(r["wind"]) <= 2.0
                        out.append(r)
        _ROWS[key] = out
    return _ROWS[key]


def hand(mark: str | None, code: str) -> bool:
    """A hand time on the track (one decimal, under 1000 s): electric times do not compare with it."""
    v = value(mark or "")
    return bool(mark) and ev.get(code).mark_format == ev.TIME and v is not None and v < 1000 \
        and "." in (mark or "") and len((mark or "").rsplit(".", 1)[1]) < 2


def family(name: str) -> str:
    """The last part of a family name: a married double name is filed under either part ('Meissner-Stecher',
    STECHER in the toplists), and the last is the one the toplists keep."""
    return fold(name.split()[-1].split("-")[-1])


def better(a: float, b: float, code: str) -> bool:
    return a < b - 1e-9 if ev.get(code).lower_is_better else a > b + 1e-9


def same(a: float, b: float) -> bool:
    return abs(a - b) < 0.006


class Checker:
    def __init__(self) -> None:
        self.counts: collections.Counter[tuple[str, str]] = collections.Counter()
        self.wrong: list[str] = []
        self.missing: list[str] = []      # better than the toplist's cut-off, yet not in it

    def note(self, claim: str, verdict: str, day: str, why: str = "") -> None:
        self.counts[(claim, verdict)] += 1
        if verdict == "wrong":
            self.wrong.append(f"{day} {claim}: {why}")

    def story(self, day: str, s: Story) -> None:
        if s.category == BIRTHDAY:
            self.unlisted(day, s)
            return
        if s.value is None:
            return
        top = rows(s.event, s.sex)
        if top is None:
            self.note("performance", "unverified", day)
            return
        combined = ev.get(s.event).mark_format == ev.POINTS   # two days: either is the performance's
        fam = family(s.athlete)
        given = fold(s.athlete.split()[0])
        # the family name, or the given name where the lists keep an earlier one (Sydney MCLAUGHLIN)
        mine = [r for r in top if same(r["value"], s.value) and (fam in r["fam"] or r["fam"].split()[0] == given)
                and (r["iso"] == s.date or (
                    combined and abs((dt.date.fromisoformat(r["iso"]) - dt.date.fromisoformat(s.date)).days) == 1))]
        cut = max((r["value"] for r in top), default=None) if ev.get(s.event).lower_is_better else \
            min((r["value"] for r in top), default=None)
        if not mine:
            # the lists hold every legal mark better than their cut-off: a better one missing is a wrong claim
            expected = cut is not None and better(s.value, cut, s.event) and s.date >= min(r["iso"] for r in top)
            near = [r for r in top if same(r["value"], s.value) and fam in r["fam"]
                    and abs((dt.date.fromisoformat(r["iso"]) - dt.date.fromisoformat(s.date)).days) <= 7]
            if near:
                self.note("performance", "wrong", day, f"{s.athlete} {s.mark} dated {s.date}, the toplist "
                          f"{near[0]['iso']}")
            else:
                self.note("performance", "unverified" if not expected else "unverified (missing)", day)
                if expected:
                    self.missing.append(f"{day} {s.category} {s.athlete} {s.event}{s.sex} {s.mark} {s.date}")
        else:
            self.note("performance", "ok", day)
            row = mine[0]
            at = place(s.venue, s.country)
            if at:
                words = [fold(w) for w in at.replace(",", " ").split() if len(w) > 3]
                hit = any(w in fold(row["venue"]) for w in words)
                self.note("venue", "ok" if hit else "differs", day)
                if not hit:
                    self.wrong.append(f"{day} venue (differs, check): {at!r} vs the toplist's {row['venue']!r}")
            if s.runner_up and not s.runner_up.team:
                # the second of the same race: a record set in heat 2 ("1h2") against "2h2", not the final's
                race = row["position"].strip().rstrip(".").lstrip("0123456789")
                second = [r for r in top if r["iso"] == row["iso"] and r["venue"] == row["venue"]
                          and r["position"].strip().rstrip(".") == f"2{race}"]
                if not second:
                    self.note("runner-up", "unverified", day)
                elif family(s.runner_up.athlete) in second[0]["fam"] or (
                        # a name changed by marriage (Lathan, born Brehmer): the given name and the mark
                        fold(s.runner_up.athlete.split()[0]) == second[0]["fam"].split()[0]
                        and s.runner_up.mark and same(value(s.runner_up.mark) or -1, second[0]["value"])):
                    ok = s.runner_up.mark is None or same(value(s.runner_up.mark) or -1, second[0]["value"])
                    self.note("runner-up", "ok" if ok else "wrong", day,
                              f"{s.runner_up.athlete} {s.runner_up.mark} vs {second[0]['competitor']} "
                              f"{second[0]['mark']}")
                else:
                    self.note("runner-up", "wrong", day, f"{s.runner_up.athlete} named, the toplist has "
                              f"{second[0]['competitor']} second")
        legal = [r for r in top if r["legal"] and r["indoor"] == s.indoor]
        if s.record_kind == "national":
            # a national record is beaten by that nation's marks only
            legal = [r for r in legal if r["nationality"] == s.region]
        if s.category.endswith("record"):
            later = sorted((r for r in legal if r["iso"] > s.date and better(r["value"], s.value, s.event)),
                           key=lambda r: r["iso"])
            if s.current:
                self.note("still stands", "wrong" if later else "ok", day,
                          f"{later[0]['competitor']} {later[0]['mark']} {later[0]['iso']}" if later else "")
            elif s.broken_by and s.broken_by.date and not hand(s.mark, s.event):
                b, bday = s.broken_by, s.broken_by.date[:10]
                # not the successor's own performance, which a combined event's sources date by either day
                between = [r for r in later if r["iso"] < bday and not (
                    same(r["value"], b.value) and family(b.athlete) in r["fam"]
                    and (dt.date.fromisoformat(bday) - dt.date.fromisoformat(r["iso"])).days <= 3)]
                self.note("broken by", "wrong" if between else "ok", day,
                          f"{between[0]['competitor']} {between[0]['mark']} {between[0]['iso']} came before "
                          f"{b.athlete} {b.mark} {b.date}" if between else "")
            p = s.previous
            if p and p.mark and p.date and value(p.mark) is not None and not p.worked_out:
                self.predecessor(day, s, top, legal)
            if p and p.mark and p.date and value(p.mark) is not None:
                pv = value(p.mark)
                assert pv is not None
                theirs = [r for r in top if same(r["value"], pv) and family(p.athlete) in r["fam"]
                          and abs((dt.date.fromisoformat(r["iso"]) - dt.date.fromisoformat(p.date[:10])).days) <= 7]
                if not theirs:
                    self.note("previous record's date", "unverified", day)
                else:
                    ok = any(r["iso"] == p.date[:10] or (combined and abs(
                        (dt.date.fromisoformat(r["iso"]) - dt.date.fromisoformat(p.date[:10])).days) == 1)
                        for r in theirs)
                    self.note("previous record's date", "ok" if ok else "wrong", day,
                              f"{p.athlete} {p.mark} dated {p.date}, the toplist {theirs[0]['iso']}")
        if s.barrier and s.previous and s.previous.mark:
            self.barrier(day, s, legal)
        eq = s.equalled_by
        if eq is not None and eq.date:
            if hand(eq.mark, s.event):
                self.note("equalled by", "unverified", day)
            else:
                eq_day = eq.date[:10]
                found = [r for r in top if r["iso"] == eq_day and same(r["value"], eq.value)
                         and family(eq.athlete) in r["fam"]]
                self.note("equalled by", "ok" if found else "wrong", day,
                          f"{eq.athlete} {eq.mark} {eq.date} not in the toplist")
        if s.indoor_best is not None:
            # indoors, or a road race's world best on the roads (outdoor marks of its event)
            before = [r for r in legal if r["indoor"] == s.indoor and r["iso"] < s.date]
            best = min(before, key=lambda r: r["value"] if ev.get(s.event).lower_is_better else -r["value"],
                       default=None)
            ok = best is not None and not better(best["value"], s.value, s.event) \
                and same(best["value"], s.indoor_best.value)
            self.note("world indoor best" if s.indoor else "world best on the roads", "ok" if ok else "wrong", day,
                      f"the toplist's best before: {best['competitor']} {best['mark']} {best['iso']}" if best else
                      "no earlier indoor mark")
        if s.year_best:
            year = [r for r in legal if r["iso"][:4] == s.date[:4] and r["indoor"] == s.indoor
                    and better(r["value"], s.value, s.event)]
            self.note("world's best of the year", "wrong" if year else "ok", day,
                      f"{year[0]['competitor']} {year[0]['mark']} {year[0]['iso']}" if year else "")
        if s.career_best:
            before = [r for r in legal if r["iso"] < s.date and fam in r["fam"]
                      and not better(s.value, r["value"], s.event)]
            self.note("best to then", "wrong" if before else "ok", day,
                      f"{before[0]['mark']} {before[0]['iso']}" if before else "")


    # round marks, each rounder than the one before: whole units, tens, minutes, ten minutes, hours
    LADDER = {ev.TIME: (1, 10, 60, 600, 3600), ev.DISTANCE: (1, 10, 100), ev.POINTS: (1000, 10000)}

    def roundness(self, x: float, code: str) -> int:
        ladder = self.LADDER[ev.get(code).mark_format]
        return max((i for i, step in enumerate(ladder) if abs(x / step - round(x / step)) < 1e-9), default=-1)

    def barrier(self, day: str, s: Story, legal: list[dict]) -> None:
        """'The first ... under B': B between the record broken and the mark, nothing legal past it before, and
        no rounder round mark crossed (Szewinska's 49.9 after 51.0: 50 s, not 51 s)."""
        assert s.barrier and s.previous and s.previous.mark and s.value is not None
        b, pv = value(s.barrier.removesuffix(" seconds").removesuffix(" points").removesuffix(" m")), \
            value(s.previous.mark)
        if b is None or pv is None:
            self.note("barrier", "unverified", day)
            return
        lo, hi = sorted((s.value, pv))
        code = s.event
        unit = self.LADDER[ev.get(code).mark_format][0]
        crossed = [k * unit for k in range(int(lo // unit), int(hi // unit) + 2)
                   if (better(s.value, k * unit, code) or same(s.value, k * unit) and not ev.get(code).lower_is_better)
                   and not better(pv, k * unit, code) and not (same(pv, k * unit) and not ev.get(code).lower_is_better)]
        rounder = [x for x in crossed if self.roundness(x, code) > self.roundness(b, code)]
        past = [r for r in legal if r["iso"] < s.date and better(r["value"], b, code)]
        ok = b in crossed and not rounder and not past
        self.note("barrier", "ok" if ok else "wrong", day,
                  f"{s.barrier}: crossed {crossed}, rounder {rounder}, past before {past[:1]}")

    def unlisted(self, day: str, s: Story) -> None:
        """A birthday's mark that beat the world record of its day, no record list having it."""
        for code, m, _ in s.unlisted_records:
            top = rows(code, s.sex) or []
            mine = [r for r in top if r["iso"] == (m.date or "")[:10] and same(r["value"], m.value)
                    and family(s.athlete) in r["fam"]]
            if not mine:
                self.note("beat the record of the day", "unverified" if not top else "wrong", day,
                          f"{s.athlete} {m.mark} {m.date} not in the toplist")
                continue
            before = [r for r in top if r["legal"] and r["iso"] < mine[0]["iso"] and r["indoor"] == mine[0]["indoor"]
                      and not better(m.value, r["value"], code)]
            self.note("beat the record of the day", "wrong" if before else "ok", day,
                      f"{before[0]['competitor']} {before[0]['mark']} {before[0]['iso']}" if before else "")

    COVER_DAYS, COVER_MARKS = 30, 3     # the toplists hold a race's weeks when they hold this many worse marks

    def predecessor(self, day: str, s: Story, top: list[dict], legal: list[dict]) -> None:
        """The record a world record broke, as the WA toplists have it (see the module's docstring)."""
        p = s.previous
        assert p is not None and p.mark and p.date
        pv = value(p.mark)
        assert pv is not None
        if s.category == "world_record" and s.record_words == "world best" and not hand(p.mark, s.event):
            # an event WA keeps no record of: the best it broke is the best legal mark there had been (a hand
            # time does not compare with the electric ones)
            mine = s.value if s.value is not None else pv
            outside = [r for r in legal if r["iso"] < s.date and better(r["value"], pv, s.event)
                       and not same(r["value"], mine)]
            self.note("best broken", "wrong" if outside else "ok", day,
                      f"{outside[0]['competitor']} {outside[0]['mark']} {outside[0]['iso']} was better than "
                      f"{p.athlete} {p.mark}" if outside else "")
        if hand(p.mark, s.event) or s.category != "world_record" or p.date[:10] < min(r["iso"] for r in top):
            return
        pday = dt.date.fromisoformat(p.date[:10])
        near = [r for r in top if abs((dt.date.fromisoformat(r["iso"]) - pday).days) <= self.COVER_DAYS]
        held = [r for r in near if abs((dt.date.fromisoformat(r["iso"]) - pday).days) <= 7
                and (abs(r["value"] - pv) <= 0.05 + 1e-9 or family(p.athlete) in r["fam"])]
        covered = len([r for r in near if better(pv, r["value"], s.event)]) >= self.COVER_MARKS
        if not covered and not held:
            self.note("record broken", "unverified", day)
            return
        if not held and not any(r["iso"] == p.date[:10] for r in top):
            # a progression's record whose race the toplists lack altogether (Benoit's 2:22:43 of Boston 1983):
            # they cannot settle it; the post says they lack it
            self.note("record broken", "unverified (race not in the toplists)", day)
            return
        self.note("record broken", "ok" if held else "wrong", day,
                  "" if held else f"{p.athlete} {p.mark} ({p.date}) is not in the toplist, which holds that "
                  f"month's races")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / "var" / "bell_lap.sqlite3"))
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--countries", default="")
    ap.add_argument("--verbose", action="store_true", help="list the unverified performances too")
    args = ap.parse_args()
    prefs = Preferences(countries=tuple(c for c in args.countries.upper().split(",") if c))
    sel = Selector.open(args.db)
    check = Checker()
    day = dt.date(args.year, 1, 1)
    while day.year == args.year:
        stories = sel.select(day, prefs)
        if stories:
            render(stories[0])          # every lead renders
            check.story(day.strftime("%m-%d"), stories[0])
        day += dt.timedelta(days=1)
    claims = sorted({c for c, _ in check.counts})
    for c in claims:
        parts = ", ".join(f"{v} {n}" for (cc, v), n in sorted(check.counts.items()) if cc == c)
        print(f"{c:26} {parts}")
    for line in check.wrong:
        print("  " + line)
    if args.verbose:
        print("not in the toplists though better than their cut-off (a record set before their era, or a mark "
              "they do not keep):")
        for line in check.missing:
            print("  " + line)
    return 1 if any(v == "wrong" for (_, v) in check.counts) else 0


if __name__ == "__main__":
    sys.exit(main())
