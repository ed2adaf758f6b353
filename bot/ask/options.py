"""The slash-command front end: options -> a typed Query, each option resolved on its own. Discord-free.

An option is read as what it is and nothing else: the event option against the event catalogue, the
athlete option against the athlete index, the country option against the nations and areas, the meet option
against the meets. So `country:"men's mile"` is a country the bot does not know (with did-you-mean choices),
never a question about the men's mile. Autocomplete values (bot/ask/complete.py) are codes and ids that
these read back exactly: event codes, series ids, IOC and area codes, "#<athlete id>".

Every builder returns the Query to execute, or the Answer that explains the bad option; its choices are
the same command with that option replaced, as Queries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.ask import lexicon as lx
from bot.ask.answer import AMBIGUOUS, UNKNOWN, Answer
from bot.ask.catalogue import ROUND_WORDS
from bot.ask.complete import completer
from bot.ask.lexicon import sex_fits
from bot.ask.people import Context, describe, resolve
from bot.ask.query import Query, Question, Request
from bot.ask.understand import tokenize, understand
from bot.common import events as ev
from bot.common.countries import COUNTRIES

SEX_WORDS = {"M": "men's", "W": "women's"}
SCOPES = ("world", "area", "national", "olympic")
AREA_NAMES = {"EUR": "Europe", "AFR": "Africa", "ASI": "Asia", "NAC": "North America", "SAM": "South America",
              "OCE": "Oceania"}
ATHLETE_ID = re.compile(r"#(\d{1,12})")
MAX_SUGGESTIONS = 5
FUZZY_CUTOFF = 60


class OptionError(Exception):
    """A bad option: `answer` says which and why, with did-you-mean choices."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.headline)
        self.answer = answer


@dataclass
class Built:
    """What a builder made: the Query to run, or the Answer about the bad option."""
    query: Query | None = None
    problem: Answer | None = None


def _say(*parts: object) -> str:
    return " ".join(str(p).strip() for p in parts if p not in (None, "") and str(p).strip())


def event_name(code: str) -> str:
    return ev.EVENTS[code].name if code in ev.EVENTS else code


class Options:
    """Resolvers for each kind of option, over one engine's catalogue, vocabulary and athlete index."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.cat = engine.cat
        self.vocab = engine.vocab
        self.people = engine.people
        # names offered when an option is not understood
        self._event_names = {code: e.name for code, e in ev.EVENTS.items()
                             if any(code == c for c, _ in self.cat.events)}
        self._countries = {code: name for code, (_flag, name) in COUNTRIES.items()}
        self._meets = {sid: name for sid, (name, _level, _aliases) in self.cat.series.items()}

    # -- one option each ------------------------------------------------------------------------------

    def event(self, text: str, sex: str | None, *, option: str, redo) -> str:
        t = (text or "").strip()
        if t in ev.EVENTS and any(t == c for c, _ in self.cat.events):
            return t
        codes = self.vocab.event_aliases.get(tuple(tokenize(t)))
        if codes:
            fits = [c for c in codes if self.cat.event(c, sex or "M") and sex_fits(c, sex)]
            if fits:
                return fits[0]
        raise OptionError(self._unknown(
            f"I don't know an event called “{t}”.", option,
            [(name, redo(code)) for code, name in self._near(t, self._event_names, ev_aliases=True)]))

    def country(self, text: str, *, areas: bool, option: str, redo) -> str:
        t = (text or "").strip()
        code = t.upper()
        if code in self._countries or (areas and code in AREA_NAMES):
            return code
        words = tuple(tokenize(t))
        joined = " ".join(words)
        if joined in lx.NATIONS:
            return lx.NATIONS[joined]
        area = lx.AREAS.get(words) if areas else None
        if area:
            return area
        by_name = {n.lower(): c for c, n in self._countries.items()}
        if t.lower() in by_name:
            return by_name[t.lower()]
        pool = dict(self._countries)
        if areas:
            pool.update(AREA_NAMES)
        what = "a country or area" if areas else "a country"
        raise OptionError(self._unknown(
            f"I don't know {what} called “{t}”.", option,
            [(f"{name} ({c})", redo(c)) for c, name in self._near(t, pool)]))

    def meet(self, text: str, *, option: str, redo) -> str:
        t = (text or "").strip()
        if t in self.cat.series:
            return t
        sid = self.vocab.meet_aliases.get(tuple(tokenize(t)))
        if sid:
            return sid
        raise OptionError(self._unknown(f"I don't know a meet called “{t}”.", option,
                                        [(name, redo(s)) for s, name in self._near(t, self._meets)]))

    def athlete(self, text: str, *, option: str, redo, rivals: tuple[int, ...] = ()) -> tuple[int, str | None]:
        """(athlete id, the assumption to state when a misspelling or a namesake was settled)."""
        t = (text or "").strip()
        m = ATHLETE_ID.fullmatch(t)
        if m and int(m[1]) in self.people.people:
            return int(m[1]), None
        parsed = understand(t, self.vocab, self.engine.today())
        other_slots = (parsed.events or parsed.event_choices or parsed.meet or parsed.year or parsed.marks
                       or parsed.intent not in (None, "profile"))
        if len(parsed.names) != 1 or other_slots:
            raise OptionError(self._unknown(f"I don't know an athlete called “{t}”.", option, []))
        res = resolve(self.people, self.engine.conn, parsed.names[0], Context(rivals=rivals), parsed.name_hits[0])
        if res.person:
            return res.person.id, res.assumption
        if res.candidates:
            answer = self._answer(AMBIGUOUS, f"Which athlete do you mean by “{t}”?",
                                  [(describe(p), redo(p.id)) for p in res.candidates])
            raise OptionError(answer)
        # a misspelt name: the closest names, each running the same command (never "not sure what you ask")
        near = [(label, redo(int(value[1:]))) for label, value in completer(self.engine).athletes_for(t)]
        headline = f"I don't know an athlete called “{t}”." + (" Did you mean one of these?" if near else "")
        raise OptionError(self._unknown(headline, option, near))

    # -- the commands ----------------------------------------------------------------------------------

    def results(self, meet: str, year: int, event: str, sex: str | None = None,
                round: str | None = None) -> Built:
        def build(meet_id: str, code: str) -> Query:
            text = _say("results", self._meets.get(meet_id, meet_id), year, SEX_WORDS.get(sex or ""),
                        event_name(code), ROUND_WORDS.get(round or "", round))
            return Query("results", text, meet=meet_id, year=year, years=(year,), events=(code,), sex=sex,
                         round=round, cues=frozenset({"results"}))
        try:
            meet_id = self.meet(meet, option="meet", redo=lambda s: build(s, self._peek_event(event, sex)))
            code = self.event(event, sex, option="event", redo=lambda c: build(meet_id, c))
        except OptionError as bad:
            return Built(problem=bad.answer)
        return Built(build(meet_id, code))

    def record(self, event: str, sex: str | None = None, scope: str | None = None, country: str | None = None,
               indoor: bool = False, *, intent: str = "record") -> Built:
        def build(code: str, region: str | None) -> Query:
            kind = scope or ("area" if region in AREA_NAMES else "national" if region else "world")
            where = (self._countries.get(region or "") or AREA_NAMES.get(region or "") or region) if region else kind
            text = _say(where, "indoor" if indoor else "", "record progression" if intent == "progression"
                        else "record", SEX_WORDS.get(sex or ""), event_name(code))
            cues = {"record", "progression"} if intent == "progression" else {"record"}
            return Query(intent, text, events=(code,), sex=sex, scope=kind, region=region,
                         indoor=True if indoor else None, cues=frozenset(cues))
        try:
            if scope in ("world", "olympic") and country:
                raise OptionError(self._unknown(
                    f"A {scope} record has no country: leave out the country, or choose the national or area "
                    f"scope.", "country", []))
            region = None
            if country:
                region = self.country(country, areas=scope in (None, "area"), option="country",
                                      redo=lambda c: build(self._peek_event(event, sex), c))
                if scope == "area" and region not in AREA_NAMES:
                    raise OptionError(self._unknown(
                        f"“{country}” is a country: area records are by area ({', '.join(AREA_NAMES.values())}).",
                        "country", [(f"{n} ({c})", build(self._peek_event(event, sex), c))
                                    for c, n in AREA_NAMES.items()]))
            elif scope in ("national", "area"):
                raise OptionError(self._unknown(f"Which {'country' if scope == 'national' else 'area'}? "
                                                f"A {scope} record needs the country option.", "country", []))
            code = self.event(event, sex, option="event", redo=lambda c: build(c, region))
        except OptionError as bad:
            return Built(problem=bad.answer)
        return Built(build(code, region))

    def progression(self, event: str, sex: str | None = None, scope: str | None = None,
                    country: str | None = None) -> Built:
        return self.record(event, sex, scope, country, intent="progression")

    def profile(self, name: str) -> Built:
        def build(pid: int, assumption: str | None = None) -> Query:
            person = self.people.people[pid]
            return Query("profile", f"who is {person.name}", athletes=(pid,), cues=frozenset({"profile"}),
                         assumptions=(assumption,) if assumption else ())
        try:
            pid, assumption = self.athlete(name, option="name", redo=build)
        except OptionError as bad:
            return Built(problem=bad.answer)
        return Built(build(pid, assumption))

    def h2h(self, first: str, second: str) -> Built:
        def build(a: int, b: int, notes: tuple[str, ...] = ()) -> Query:
            pa, pb = self.people.people[a], self.people.people[b]
            return Query("h2h", f"{pa.name} vs {pb.name}", athletes=(a, b), cues=frozenset({"vs"}),
                         assumptions=notes)

        # Each side is read among the other's rivals when the other is clear: "kerr" next to Ingebrigtsen
        # is Josh Kerr. When both are unclear, a choice for the first keeps the second as typed.
        other = self._clear_athlete(second)
        try:
            a, note_a = self.athlete(
                first, option="athlete1", rivals=(other,) if other else (),
                redo=lambda pid: build(pid, other) if other else Question(f"{self.people.people[pid].name} vs "
                                                                           f"{second}"))
            b, note_b = self.athlete(second, option="athlete2", rivals=(a,), redo=lambda pid: build(a, pid))
        except OptionError as bad:
            return Built(problem=bad.answer)
        if a == b:
            return Built(problem=self._unknown("Those are the same athlete: a head-to-head needs two.",
                                               "athlete2", []))
        return Built(build(a, b, tuple(n for n in (note_a, note_b) if n)))

    def _clear_athlete(self, text: str) -> int | None:
        try:
            return self.athlete(text, option="", redo=lambda pid: pid)[0]
        except OptionError:
            return None

    def convert(self, mark: str, event: str, to: str | None = None) -> Built:
        def build(code: str, to_code: str | None) -> Query:
            text = _say("convert", mark, event_name(code), "to" if to_code else "",
                        event_name(to_code) if to_code else "")
            return Query("convert", text, events=(code, to_code) if to_code else (code,), marks=(mark,),
                         threshold=mark, cues=frozenset({"convert"}))
        try:
            code = self.event(event, None, option="event", redo=lambda c: build(c, None))
            to_code = self.event(to, None, option="to", redo=lambda c: build(code, c)) if to else None
        except OptionError as bad:
            return Built(problem=bad.answer)
        return Built(build(code, to_code))

    def on_this_day(self, month: int, day: int, text: str) -> Query:
        return Query("on_this_day", text, date=(month, day), cues=frozenset({"otd"}))

    # -- helpers ---------------------------------------------------------------------------------------

    def _peek_event(self, event: str, sex: str | None) -> str:
        """The event option if it reads, for a choice that fixes another option (else it stays as typed)."""
        try:
            return self.event(event, sex, option="event", redo=lambda c: c)
        except OptionError:
            return event

    def _near(self, text: str, pool: dict[str, str], *, ev_aliases: bool = False) -> list[tuple[str, str]]:
        """(code, name) of the closest names, best first."""
        if not text.strip():
            return []
        names = dict(pool)
        choices = {code: name.lower() for code, name in names.items()}
        if ev_aliases:
            for code in list(choices):
                e = ev.EVENTS.get(code)
                if e is not None:
                    choices[code] = " / ".join([e.name, *e.aliases]).lower()
        found = process.extract(text.lower(), choices, scorer=fuzz.WRatio, limit=MAX_SUGGESTIONS,
                                score_cutoff=FUZZY_CUTOFF)
        return [(code, names[code]) for _name, _score, code in found]

    def _unknown(self, headline: str, option: str, picks: list[tuple[str, Request]]) -> Answer:
        answer = self._answer(UNKNOWN, headline, picks)
        answer.entities["option"] = option
        return answer

    @staticmethod
    def _answer(status: str, headline: str, picks: list[tuple[str, Request]]) -> Answer:
        picks = picks[:MAX_SUGGESTIONS]
        return Answer("", status, None, headline, suggestions=[label for label, _ in picks],
                      choices=[request for _, request in picks])

