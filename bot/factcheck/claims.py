"""Finding the checkable claims in an article: results (who beat whom, who won, places), marks, records
and who held them (and for how long), titles and ages.

Sentences, quoted speech and the people named come from the quote extractor's reading of the article
(bot/quotes/extract.Article): quoted speech is never a claim, "he" and "the 23-year-old" are the person
named last, "Kerr" is the Josh Kerr named earlier. Each claim keeps the words it was read from; what the
claim says is held in typed slots (the race as words the question engine reads, the value claimed), so
the check (bot/factcheck/checks.py) asks the engine the matching question.

The patterns are few and literal on purpose: a sentence none of them reads is not a claim, never a guess.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.ask.lexicon import NATIONS
from bot.quotes.extract import Article

# claim kinds
BEAT = "beat"            # `other` finished ahead of `athlete` in `race`
PLACE = "place"          # `athlete` finished `value` (1 = won) in `race`
MARK = "mark"            # `athlete` ran `value` in `race`
CHAMPION = "champion"    # `athlete` won `race` (a championship title)
TITLES = "titles"        # `athlete` has `value` titles at `meet`
HOLDER = "holder"        # `athlete` held the `scope` record of `event` when the article was written
RECORD_MARK = "record"   # `athlete`'s `value` was a `scope` record in `event`
HELD_FOR = "held_for"    # `athlete` held the `scope` record of `event` for `value` years
RECORD_AT = "record_at"  # `athlete` set the `scope` record of `event` in `race`
AGE = "age"              # `athlete` was `value` years old when the article was written
DATE = "date"            # `athlete` ran `race` on the day `value` (ISO)

_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_PLACES = {"winner": 1, "first": 1, "gold": 1, "second": 2, "silver": 2, "runner-up": 2, "third": 3,
           "bronze": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}

_NAME = r"[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+){0,2}"
_EVENT = (r"(?:Bowerman Mile|two-mile|two miles|2 miles|mile|half marathon|marathon|"
          r"\d{2,5} ?m(?:etres)?(?: hurdles| steeplechase)?|steeplechase|high jump|long jump|triple jump|"
          r"pole vault|shot put|discus|hammer|javelin|decathlon|heptathlon)")
_MEET = r"(?P<year>(?:19|20)\d\d) (?P<meet>[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3})"
_MARK = r"\d{1,2}:\d{2}(?:\.\d{1,2})?|\d{1,2}\.\d{2}"
_SCOPE = r"(?P<indoor>indoor |outdoor )?(?P<scope>world|British|European|African|Asian|American|Olympic|[A-Z][a-z]+ national)"
_DAY = r"(?: on (?P<day>\d{1,2} [A-Z][a-z]+ (?:19|20)\d\d))?"      # "on 26 August 2023"
_MONTHS = "January February March April May June July August September October November December".split()
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATELINE = re.compile(r"^\s*(?:Published|Date|Dateline)\s*:\s*(\d{4}-\d{2}-\d{2})", re.I | re.M)

# "in the 1500m at the 2022 World Championships", "in the Bowerman Mile at the 2024 Prefontaine Classic"
_RACE = re.compile(rf"(?:in )?the (?P<event>{_EVENT}) (?:final )?at the {_MEET}")
_RACE_MEET_FIRST = re.compile(rf"[Aa]t the {_MEET}, ")
_BEATEN_BY = re.compile(rf"(?:was|were|got) (?:defeated|beaten|outsprinted|outkicked|edged) by (?:[a-z-]+ ){{0,4}}?(?P<other>{_NAME})")
_BEATS = re.compile(rf"(?P<other>{_NAME}) (?:outsprinted|outkicked|beat|defeated|edged out|edged) (?P<who>him|her|{_NAME})")
_APPOSITION = r"(?:, [^,]{1,80},)?"     # "Karsten Warholm, the world record holder in the 400m hurdles, won …"
_WON = re.compile(rf"(?P<who>{_NAME}){_APPOSITION} (?:won|took) the (?P<event>{_EVENT}) (?:final )?at the {_MEET}(?: in (?P<mark>{_MARK}))?{_DAY}")
_FINISHED = re.compile(rf"(?P<who>{_NAME}|[Hh]e|[Ss]he){_APPOSITION} (?:finished|placed|came) (?P<place>[a-z-]+) in the "
                       rf"(?P<event>{_EVENT}) (?:final )?at the {_MEET}(?: in (?P<mark>{_MARK}))?{_DAY}")
_REPEATED = re.compile(rf"The following year, (?P<other>{_NAME}) repeated the same")
_TO_PLACE = re.compile(r"\bto (?P<place>silver|bronze)\b")
_CHAMPION = re.compile(rf"(?:reigning )?(?P<where>[A-Z][a-z]+ )?(?P<year>(?:19|20)\d\d )?(?P<meet>Olympics?|Olympic Games|World) "
                       rf"champion in the (?P<event>{_EVENT})")
_TITLES = re.compile(r"(?P<n>\w+)-time (?P<meet>World|Olympic|European|Commonwealth) [Cc]hampion")
_HOLDER = re.compile(rf"the {_SCOPE} record holder in the (?P<event>{_EVENT})")
_HOLDER_BEFORE = re.compile(rf"the (?P<indoor>indoor |outdoor )?(?P<event>{_EVENT}) (?P<scope>world |British |European )?record holder, (?P<who>{_NAME})")
_RECORDS_IN_NAME = re.compile(rf"(?P<events>{_EVENT}(?:(?:, | and ){_EVENT})*) (?P<indoor>indoor |outdoor )?(?P<scope>world|British|European) records in (?:his|her) name")
_TIME_WAS_RECORD = re.compile(rf"the time of (?P<mark>{_MARK}) was an? {_SCOPE} record")
_HELD_FOR = re.compile(rf"(?P<who>{_NAME}), who held the record for (?P<n>\w+) years")
_RECORD_TIME = re.compile(rf"(?:his|her) record (?:time|mark) of (?P<mark>{_MARK})")
_BROKE_RECORD = re.compile(rf"broke the (?P<event>{_EVENT}) {_SCOPE} record")
_AGE_APPOSITION = re.compile(rf"(?P<who>{_NAME}), (?P<age>\d\d), ")
_AGE_OLD = re.compile(r"\b[Tt]he (?P<age>\d\d)-year-old")
_SWEPT = re.compile(rf"swept the (?P<events>{_EVENT}(?:(?:, | and ){_EVENT})*) titles in (?P<year>(?:19|20)\d\d)")
# "… earned him a silver podium over rival Josh Kerr in 2024": a medal at the meeting the sentence speaks of
_EARNED = re.compile(rf"(?:earned|won|gave|brought) (?:him|her) (?:a |the )?(?P<place>gold|silver|bronze)\b"
                     rf"(?: podium| medal)?(?: over (?:rival )?(?P<over>{_NAME}))? in (?P<year>(?:19|20)\d\d)")
_SAME_EVENT = re.compile(r"\b[Tt]he same (?:event|meeting|meet)\b")
_EVENT_LIST = re.compile(_EVENT)
_MEET_NAME = re.compile(r"the (?:(?:19|20)\d\d )?((?:[A-Z][\w'-]* ){0,3}(?:Classic|Games|Championships|League|Meeting|"
                        r"Invitational|Relays|Olympics))")
# "the Scottish middle-distance runner broke …": a subject given by description only
_DESCRIBED = re.compile(r"\b[Tt]he (?P<desc>(?:[\w-]+ ){0,3}?(?:runner|miler|sprinter|athlete|star|champion|"
                        r"[Cc]hampion|medalist|medallist|\d\d-year-old))\b")


@dataclass(frozen=True)
class Claim:
    kind: str
    words: str                     # the words of the article the claim was read from
    sentence: str
    position: int                  # offset of the sentence in the article
    athlete: str | None = None     # full name as the article gives it
    other: str | None = None       # BEAT: who finished ahead
    race: str | None = None        # the race as words the question engine reads: "mile 2024 Prefontaine Classic"
    event: str | None = None       # as written: "1500m", "two-mile"
    scope: str | None = None       # "world", "British", …
    indoor: bool | None = None
    meet: str | None = None        # TITLES: "World"
    value: str | None = None       # the mark, place, count, years or age claimed
    # a subject only described ("the Scottish middle-distance runner"): the people named before it, latest
    # first, and the nation the description names; the check takes the first of that nation
    candidates: tuple[str, ...] = ()
    nation: str | None = None

    @property
    def group(self) -> str:
        """Claims are shown in groups: by the race they are about, else by the athlete."""
        return self.race or (f"{self.scope} records" if self.scope else None) or self.athlete or "Other"


@dataclass(frozen=True)
class Reading:
    """The claims of an article, and the date it was written when it says so (a 'Published:' line)."""
    claims: tuple[Claim, ...]
    dateline: str | None


def _race(event: str, year: str, meet: str) -> str:
    return f"{event} {year} {meet}"


def _iso(day: str) -> str | None:
    """'26 August 2023' -> '2023-08-26'; None for a day that is no day."""
    d, month, y = day.split()
    if month not in _MONTHS:
        return None
    try:
        return dt.date(int(y), _MONTHS.index(month) + 1, int(d)).isoformat()
    except ValueError:
        return None


def _indoor(word: str | None) -> bool | None:
    return None if not word else word.strip() == "indoor"


def _count(word: str) -> str | None:
    w = word.lower()
    if w.isdigit():
        return w
    return str(_NUMBERS[w]) if w in _NUMBERS else None


def _blank_quotes(article: Article, a: int, b: int) -> str:
    """The sentence with quoted speech blanked (same length, so offsets hold)."""
    chars = list(article.text[a:b])
    for qa, qb in article.quoted():
        for i in range(max(qa, a), min(qb + 1, b)):
            chars[i - a] = " "
    return "".join(chars)


class _Sentence:
    """One sentence being read: its offset, text (quotes blanked), subject, and the claims read in it."""

    def __init__(self, article: Article, a: int, s: str, sentence: str, subject: str | None,
                 topic: str | None) -> None:
        self.article, self.a, self.s, self.sentence, self.subject, self.topic = article, a, s, sentence, subject, topic
        self.made: list[Claim] = []

    def person(self, word: str, at: int, skip: str | None = None) -> str | None:
        """A name or pronoun at offset `at` of the sentence -> the full name the article gives."""
        if word.lower() in ("he", "she", "him", "her") or not word[0].isupper():
            return self.article.named_before(self.a + at, skip=skip)
        full = self.article.person(word, self.a + at)
        return full if " " in full else None

    def described(self, at: int) -> dict:
        """The subject slots of a sentence whose subject is only described: the one person the sentence names
        ("The two-time World Champion Jakob Ingebrigtsen"); else a description naming a nation is one of the
        people named before it; any other, the person the article is about."""
        if self.subject is not None:
            return {"athlete": self.subject}
        named = {name for _, name in self.article.mentions(self.a, self.a + len(self.s))}
        if len(named) == 1:
            return {"athlete": named.pop()}
        d = _DESCRIBED.search(self.s, 0, at + 1)
        if d is not None:
            nation = next((NATIONS[w.lower()] for w in d["desc"].split() if w.lower() in NATIONS), None)
            if nation:
                return {"candidates": self.article.named_all_before(self.a + d.start()), "nation": nation}
        return {"athlete": self.topic} if self.topic else {}

    def add(self, kind: str, words: str, **slots) -> Claim:
        c = Claim(kind, " ".join(words.split()), self.sentence, self.a, **slots)
        self.made.append(c)
        return c


def find(text: str) -> Reading:
    """Every claim the patterns read in `text`, in order."""
    article = Article(text)
    claims: list[Claim] = []
    last_race: tuple[str, str, str] | None = None       # (event, year, meet) of the latest race claimed
    last_beat: Claim | None = None
    last_meet: str | None = None                         # the latest meeting named ("the Prefontaine Classic")
    races: list[tuple[str, str, str]] = []               # every race claimed so far: (event, year, meet)
    topic = _topic(article)
    for a, b in article.sentences():
        s = _blank_quotes(article, a, b)
        if not s.strip(" .,-\u2013\u2014"):
            continue
        sentence = " ".join(article.text[a:b].split())
        named = article.mentions(a, b)

        subject = named[0][1] if named and named[0][0] - a < 3 else None
        one = _Sentence(article, a, s, sentence, subject, topic)
        person, described, add, made = one.person, one.described, one.add, one.made

        meets = _MEET_NAME.findall(s)
        prev_meet = last_meet
        if meets:
            last_meet = meets[-1]
        race_m = _RACE.search(s)
        if race_m:
            last_race = (race_m["event"], race_m["year"], race_m["meet"])
            races.append(last_race)
        race = _race(*last_race) if race_m and last_race else None

        for m in _BEATEN_BY.finditer(s):
            loser = subject or article.named_before(a + m.start())
            if race and loser:
                last_beat = add(BEAT, s[:race_m.end()] if race_m else m.group(), athlete=loser,
                                other=person(m["other"], m.start("other")), race=race)
        for m in _BEATS.finditer(s):
            other = person(m["other"], m.start("other"))
            who = person(m["who"], m.start("who"), skip=other)
            if race and other and who and other != who:
                last_beat = add(BEAT, s[m.start():race_m.end()] if race_m else m.group(), athlete=who,
                                other=other, race=race)
        for m in _WON.finditer(s):
            who = person(m["who"], m.start("who"))
            r = _race(m["event"], m["year"], m["meet"])
            last_race = (m["event"], m["year"], m["meet"])
            if who:
                add(PLACE, m.group(), athlete=who, race=r, value="1")
                if m["mark"]:
                    add(MARK, m.group(), athlete=who, race=r, value=m["mark"])
                if m["day"] and _iso(m["day"]):
                    add(DATE, m.group(), athlete=who, race=r, value=_iso(m["day"]))
        for m in _FINISHED.finditer(s):
            who = person(m["who"], m.start("who"))
            place = _PLACES.get(m["place"].lower())
            r = _race(m["event"], m["year"], m["meet"])
            last_race = (m["event"], m["year"], m["meet"])
            if who and place:
                add(PLACE, m.group(), athlete=who, race=r, value=str(place))
                if m["mark"]:
                    add(MARK, m.group(), athlete=who, race=r, value=m["mark"])
                if m["day"] and _iso(m["day"]):
                    add(DATE, m.group(), athlete=who, race=r, value=_iso(m["day"]))
        rep = _REPEATED.search(s)
        if rep and last_beat and last_beat.race:
            event, year, meet = last_race if last_race else (None, None, None)
            if year and event and meet:
                nxt = _race(event, str(int(year) + 1), meet)
                last_race = (event, str(int(year) + 1), meet)
                other = person(rep["other"], rep.start("other"))
                last_beat = add(BEAT, rep.group(), athlete=last_beat.athlete, other=other, race=nxt)
                to = _TO_PLACE.search(s)
                if to:      # "…, shifting the Olympic gold medalist to silver": the clause is the claim
                    clause = s[s.rfind(",", 0, to.start()) + 1:to.end()]
                    add(PLACE, clause, athlete=last_beat.athlete, race=nxt, value=str(_PLACES[to["place"]]))
        for m in _CHAMPION.finditer(s):
            who = subject or article.named_before(a + m.start())
            games = "Olympics" if m["meet"].startswith("Olympic") else "World Championships"
            where = (m["where"] or "").strip()
            when = (m["year"] or "").strip()
            if who and (where or when):
                add(CHAMPION, m.group(), athlete=who, race=f"{m['event']} {when or where} {games}".replace("  ", " "))
        for m in _TITLES.finditer(s):
            n = _count(m["n"])
            if n:
                add(TITLES, m.group(), meet=m["meet"], value=n, **described(m.start()))
        for m in _HOLDER.finditer(s):
            who = subject or article.named_before(a + m.start())
            if who:
                words = s[:m.end()] if subject else m.group()    # the claim with its subject's name
                add(HOLDER, words, athlete=who, event=m["event"], scope=m["scope"], indoor=_indoor(m["indoor"]))
        for m in _HOLDER_BEFORE.finditer(s):
            who = person(m["who"], m.start("who"))
            if who:
                add(HOLDER, m.group(), athlete=who, event=m["event"], scope=(m["scope"] or "world").strip(),
                    indoor=_indoor(m["indoor"]))
        for m in _RECORDS_IN_NAME.finditer(s):
            who = subject or article.named_before(a + m.start())
            for ev in _EVENT_LIST.findall(m["events"]):
                if who:     # one claim per event, the event said in its words
                    add(HOLDER, f"{m.group()} ({ev})", athlete=who, event=ev, scope=m["scope"], indoor=_indoor(m["indoor"]))
        for m in _TIME_WAS_RECORD.finditer(s):
            # the event is the mark's own, which the check looks up: a record claim carries none
            for_m = re.match(rf"For ({_NAME}),", s.strip())
            who = person(for_m[1], s.index(for_m[1])) if for_m else (subject or article.named_before(a + m.start()))
            if who:
                last_record = add(RECORD_MARK, m.group(), athlete=who, scope=m["scope"],
                                  indoor=_indoor(m["indoor"]), value=m["mark"])
        for m in _HELD_FOR.finditer(s):
            # "the record": the one the article spoke of last (the check carries its event over)
            who = person(m["who"], m.start("who"))
            n = _count(m["n"])
            if who and n and last_record:
                add(HELD_FOR, m.group(), athlete=who, scope=last_record.scope, indoor=last_record.indoor, value=n)
                rt = _RECORD_TIME.search(s, m.end())
                if rt:
                    add(RECORD_MARK, rt.group(), athlete=who, scope=last_record.scope, indoor=last_record.indoor,
                        value=rt["mark"])
        for m in _BROKE_RECORD.finditer(s):
            at = _RACE_MEET_FIRST.search(s, 0, m.start())     # the meeting leads the sentence
            if at:
                add(RECORD_AT, s[at.start():m.end()], event=m["event"], scope=m["scope"],
                    indoor=_indoor(m["indoor"]), race=_race(m["event"], at["year"], at["meet"]),
                    **described(m.start()))
        for m in _SWEPT.finditer(s):
            who = subject or person("he", m.start())
            meet = prev_meet if _SAME_EVENT.search(s) else None
            for ev in _EVENT_LIST.findall(m["events"]):
                if who and meet:
                    add(PLACE, f"{m.group()} ({ev})", athlete=who, race=_race(ev, m["year"], meet), value="1")
        for m in _EARNED.finditer(s):
            # "the same event … earned him a silver in 2024": the race of that meeting and year the article named
            meet = prev_meet if _SAME_EVENT.search(s) else None
            named_race = next((r for r in reversed(races) if meet and r[1] == m["year"] and meet in r[2]), None)
            over = person(m["over"], m.start("over")) if m["over"] else None
            who = subject or person("he", m.start(), skip=over)     # "him" is not the one he finished over
            if who and named_race:
                r = _race(*named_race)
                add(PLACE, m.group(), athlete=who, race=r, value=str(_PLACES[m["place"]]))
                if over and over != who:    # "a silver over Kerr" says he finished ahead of Kerr
                    add(BEAT, m.group(), athlete=over, other=who, race=r)
        for m in _AGE_APPOSITION.finditer(s):
            who = person(m["who"], m.start("who"))
            if who:
                add(AGE, m.group().rstrip(", "), athlete=who, value=m["age"])
        for m in _AGE_OLD.finditer(s):
            add(AGE, m.group(), value=m["age"], **described(m.start()))
        claims.extend(made)
    dl = _DATELINE.search(text)
    return Reading(tuple(claims), dl[1] if dl else None)


def _topic(article: Article) -> str | None:
    """The person the article is about: the first it names (outside quotes), as a lede does."""
    first = article.mentions(0, len(article.text))
    return first[0][1] if first else None


def years(text: str) -> list[int]:
    """Every year the article names (the latest says when it was written, when nothing else does)."""
    return [int(y) for y in _YEAR.findall(text)]
