"""Checking claims: each claim becomes the question that asks for it, the question engine turns that into its
typed Query and runs it (Engine.understand, Engine.execute: the code that answers the question when a fan
asks it), and the verdict compares what the claim says with the answer's rows.

Never a guess: a subject the engine cannot place on one athlete, a race or record the data does not hold, a
field it lacks, all give "not checkable" with the reason. Confirmed and contradicted cite the row and its
source. Claims about "now" (a record holder, a title count, an age) are read on the day the article was
written: its 'Published:' line, else the day of the latest race it reports.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from bot.ask.answer import ANSWERED, Answer, Row
from bot.ask.catalogue import fmt_date
from bot.ask.engine import Engine
from bot.ask.people import Person
from bot.ask.query import Query, Question
from bot.common.marks import same_mark
from bot.factcheck import claims as cl
from bot.factcheck.claims import Claim
from bot.factcheck.verdict import CONFIRMED, CONTRADICTED, UNCHECKABLE, Report, Verdict

log = logging.getLogger(__name__)
_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}
_RACE_KINDS = (cl.BEAT, cl.PLACE, cl.MARK, cl.CHAMPION, cl.DATE)
_YEAR_DAYS = 365.2425


def ordinal(n: int | None) -> str:
    return "an unknown place" if n is None else _ORDINAL.get(n, f"{n}th")


def _row(r: Row) -> str:
    """One row as a verdict cites it: who, mark, where and when, source."""
    bits = [f"{r.athlete} {r.mark}" if r.mark else r.athlete]
    if r.competition:
        bits.append(r.competition)
    elif r.venue:
        bits.append(r.venue)
    if r.date:
        bits.append(fmt_date(r.date))
    return ", ".join(bits)


def _years(a: str, b: str) -> float:
    return (dt.date.fromisoformat(b[:10]) - dt.date.fromisoformat(a[:10])).days / _YEAR_DAYS


class Checker:
    """Checks one article's claims against one engine's database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._people: dict[str, Person | str] = {}
        self._record_event: str | None = None     # the event of the record the article spoke of last

    # -- the engine

    def ask(self, text: str) -> tuple[Query | None, Answer]:
        """The question's Query and its Answer. Words the engine does not know (a misspelt "Games") are left
        out once, as a fan would retype the question; anything else it could not place is the answer."""
        understood = self.engine.understand(Question(text))
        if isinstance(understood, Answer):
            unknown = understood.entities.get("not_understood") or []
            if not unknown:
                return None, understood
            words = [w for w in text.split() if w.lower().strip(".,") not in unknown]
            understood = self.engine.understand(Question(" ".join(words)))
            if isinstance(understood, Answer):
                return None, understood
        return understood, self.engine.execute(understood)

    def person(self, name: str) -> Person | str:
        """The one athlete `name` is, or why it is not one athlete."""
        if name not in self._people:
            understood = self.engine.understand(Question(name))
            if isinstance(understood, Query) and len(understood.athletes) == 1 and not understood.alternatives:
                self._people[name] = self.engine.people.people[understood.athletes[0]]
            else:
                self._people[name] = f"I can't tell which athlete “{name}” is"
        return self._people[name]

    def subject(self, claim: Claim) -> Person | str:
        if claim.athlete:
            return self.person(claim.athlete)
        # only described: the latest person named before of the nation the description names
        for name in claim.candidates:
            p = self.person(name)
            if isinstance(p, Person) and p.nationality == claim.nation:
                return p
        return "the article does not name whom it means"

    # -- the article

    def check_all(self, reading: cl.Reading) -> Report:
        """Every claim's verdict, in the article's order. Race claims run first: their days date the article."""
        verdicts: dict[int, Verdict] = {}
        for i, c in enumerate(reading.claims):
            if c.kind in _RACE_KINDS:
                verdicts[i] = self.check(c, None)
        as_of, why = reading.dateline, "its 'Published:' line"
        if as_of is None:
            days = [r.date for v in verdicts.values() if v.status != UNCHECKABLE for r in v.rows if r.date]
            as_of = max(days)[:10] if days else None
            why = "the day of the latest race it reports"
        for i, c in enumerate(reading.claims):
            if i not in verdicts:
                verdicts[i] = self.check(c, as_of)
        return Report(tuple(verdicts[i] for i in range(len(reading.claims))), as_of, why if as_of else "")

    def check(self, claim: Claim, as_of: str | None) -> Verdict:
        """One claim's verdict; never raises (a claim that breaks a check is said not checkable, and logged)."""
        try:
            return self._check(claim, as_of)
        except Exception:
            log.exception("checking a claim failed: %r", claim.words[:200])
            return Verdict(claim, UNCHECKABLE, "Sorry, something went wrong checking this one.")

    def _check(self, claim: Claim, as_of: str | None) -> Verdict:
        who = self.subject(claim)
        if isinstance(who, str):
            return Verdict(claim, UNCHECKABLE, who + ".")
        handler = {cl.BEAT: self._beat, cl.PLACE: self._place, cl.MARK: self._mark, cl.CHAMPION: self._champion,
                   cl.TITLES: self._titles, cl.HOLDER: self._holder, cl.RECORD_MARK: self._record_mark,
                   cl.HELD_FOR: self._held_for, cl.RECORD_AT: self._record_at, cl.AGE: self._age,
                   cl.DATE: self._date}[claim.kind]
        return handler(claim, who, as_of)

    # -- races

    def _race(self, claim: Claim, who: Person, intent_words: str = "results"
              ) -> tuple[Query | None, Answer, dict[int, Row]]:
        # the subject's sex says which race: "Kipyegon won the 1500m" is the women's
        sex = "women's" if who.sex == "W" else "men's"
        query, answer = self.ask(f"{intent_words} {sex} {claim.race}")
        rows = {r.athlete_id: r for r in answer.rows if r.athlete_id is not None} if answer.status == ANSWERED else {}
        return query, answer, rows

    @staticmethod
    def _no_race(claim: Claim, query: Query | None, answer: Answer) -> Verdict:
        return Verdict(claim, UNCHECKABLE, f"No results to check it against: {answer.headline}", query=query)

    def _beat(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        query, answer, rows = self._race(claim, who)
        if not rows:
            return self._no_race(claim, query, answer)
        other = self.person(claim.other or "")
        if isinstance(other, str):
            return Verdict(claim, UNCHECKABLE, other + ".", query=query)
        a, b = rows.get(who.id), rows.get(other.id)
        src = tuple(answer.sources)
        if a is None or b is None:
            missing = who.name if a is None else other.name
            return Verdict(claim, UNCHECKABLE, f"{missing} is not in the results I have ({answer.headline})",
                           query=query, sources=src)
        if a.place is None or b.place is None:
            return Verdict(claim, UNCHECKABLE, "The results I have give no places.", (a, b), src, query)
        said = f"{other.name} {ordinal(b.place)} ({b.mark}), {who.name} {ordinal(a.place)} ({a.mark})"
        if b.place < a.place:
            return Verdict(claim, CONFIRMED, said + ".", (b, a), src, query)
        return Verdict(claim, CONTRADICTED, f"{who.name} finished ahead: {said}.", (a, b), src, query)

    def _place(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        query, answer, rows = self._race(claim, who)
        if not rows:
            return self._no_race(claim, query, answer)
        src = tuple(answer.sources)
        want = int(claim.value or 0)
        mine = rows.get(who.id)
        winner = next((r for r in answer.rows if r.place == 1), None)
        if mine is None:
            if want == 1 and winner is not None:
                return Verdict(claim, CONTRADICTED, f"{winner.athlete} won: {_row(winner)}.", (winner,), src, query)
            return Verdict(claim, UNCHECKABLE, f"{who.name} is not in the results I have ({answer.headline})",
                           query=query, sources=src)
        if mine.place == want:
            return Verdict(claim, CONFIRMED, f"{who.name} {ordinal(mine.place)}: {_row(mine)}.", (mine,), src, query)
        extra = f"; {winner.athlete} won in {winner.mark}" if winner is not None and winner is not mine else ""
        return Verdict(claim, CONTRADICTED, f"{who.name} finished {ordinal(mine.place)}: {_row(mine)}{extra}.",
                       (mine,) + ((winner,) if extra and winner else ()), src, query)

    def _own_result(self, claim: Claim, who: Person, has: Callable[[Row], bool], missing: str,
                    differs: Callable[[Row, Query | None], str | None]) -> Verdict:
        """A claim about the subject's own result in the race: uncheckable (`missing`) without a result that has()
        what is claimed, confirmed when differs(result, query) finds nothing, else contradicted in its words."""
        query, answer, rows = self._race(claim, who)
        if not rows:
            return self._no_race(claim, query, answer)
        mine = rows.get(who.id)
        src = tuple(answer.sources)
        if mine is None or not has(mine):
            return Verdict(claim, UNCHECKABLE, f"{missing} ({answer.headline})", query=query, sources=src)
        why = differs(mine, query)
        if why is None:
            return Verdict(claim, CONFIRMED, _row(mine) + ".", (mine,), src, query)
        return Verdict(claim, CONTRADICTED, f"{why}: {_row(mine)}.", (mine,), src, query)

    def _mark(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        def differs(mine: Row, query: Query | None) -> str | None:
            event = mine.event or (query.events[0] if query and query.events else "")
            return None if same_mark(mine.mark or "", claim.value or "", event) else \
                f"{who.name} ran {mine.mark}, not {claim.value}"
        return self._own_result(claim, who, lambda r: bool(r.mark), f"{who.name} is not in the results I have",
                                differs)

    def _date(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        def differs(mine: Row, _query: Query | None) -> str | None:
            return None if (mine.date or "")[:10] == claim.value else \
                f"That race was on {fmt_date(mine.date)}, not {fmt_date(claim.value)}"
        return self._own_result(claim, who, lambda r: len(r.date or "") >= 10,
                                f"I have no date for {who.name} in that race", differs)

    def _champion(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        query, answer, rows = self._race(claim, who, "who won the")
        winner = next((r for r in answer.rows if r.place == 1), None) if answer.status == ANSWERED else None
        if winner is None:
            return self._no_race(claim, query, answer)
        src = tuple(answer.sources)
        if winner.athlete_id == who.id:
            return Verdict(claim, CONFIRMED, f"{who.name} won: {_row(winner)}.", (winner,), src, query)
        return Verdict(claim, CONTRADICTED, f"{winner.athlete} won: {_row(winner)}.", (winner,), src, query)

    # -- records

    def _progression(self, who: Person, event: str, scope: str | None, indoor: bool | None
                     ) -> tuple[Query | None, Answer]:
        sex = "women's" if who.sex == "W" else "men's"
        where = "indoor " if indoor else ""
        return self.ask(f"{sex} {event} {where}{(scope or 'world').lower()} record progression")

    @staticmethod
    def _standing(rows: list[Row], day: str | None) -> Row | None:
        """The record that stood on `day` (the latest set by then); the current one with no day."""
        dated = sorted((r for r in rows if r.date), key=lambda r: r.date or "")
        if day is not None:
            dated = [r for r in dated if (r.date or "")[:10] <= day]
        return dated[-1] if dated else None

    def _holder(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        query, answer = self._progression(who, claim.event or "", claim.scope, claim.indoor)
        if answer.status != ANSWERED or not answer.rows:
            return Verdict(claim, UNCHECKABLE, f"No record progression to check it against: {answer.headline}",
                           query=query)
        stood = self._standing(answer.rows, as_of)
        src = tuple(answer.sources)
        when = f"on {fmt_date(as_of)}"
        if stood is None:
            return Verdict(claim, UNCHECKABLE, f"The progression I have starts after {fmt_date(as_of)}.", query=query)
        if stood.athlete_id == who.id:
            held = f"held it {when}" if as_of else "holds it now"
            return Verdict(claim, CONFIRMED, f"{who.name} {held}: {_row(stood)}.", (stood,), src, query)
        theirs = [r for r in answer.rows if r.athlete_id == who.id]
        if as_of is None and theirs:
            # an undated article may have been written while they held it: no verdict without its day
            return Verdict(claim, UNCHECKABLE, f"The article gives no date, and {who.name} did hold it "
                           f"({_row(theirs[-1])}); it is {stood.athlete}'s now: {_row(stood)}.",
                           (theirs[-1], stood), src, query)
        said = f"On {fmt_date(as_of)} the record was" if as_of else "The record is"
        return Verdict(claim, CONTRADICTED, f"{said} {stood.athlete}'s: {_row(stood)}.", (stood,), src, query)

    def _mark_event(self, who: Person, mark: str) -> tuple[str | None, Row | None]:
        """The event of `who`'s mark `mark`, and their row of it, from the marks the data has by them."""
        _, answer = self.ask(f"who ran {mark}")
        mine = [r for r in answer.rows if r.athlete_id == who.id]
        events = {r.event for r in mine if r.event}
        if not events and mine and answer.status == ANSWERED and answer.entities.get("event"):
            events = {answer.entities["event"]}
        if len(events) != 1:
            return None, None
        return events.pop(), min(mine, key=lambda r: r.date or "9999")

    def _record_mark(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        event, ran = self._mark_event(who, claim.value or "")
        event = event or self._record_event
        if event is None:
            return Verdict(claim, UNCHECKABLE, f"I have no {claim.value} by {who.name} to tell which event it was.")
        self._record_event = event
        query, answer = self._progression(who, event, claim.scope, claim.indoor)
        if answer.status != ANSWERED or not answer.rows:
            return self._current_record(claim, who, event, ran) or Verdict(
                claim, UNCHECKABLE, f"No record progression to check it against: {answer.headline}", query=query)
        src = tuple(answer.sources)
        theirs = [r for r in answer.rows if r.athlete_id == who.id]
        hit = next((r for r in theirs if r.mark and same_mark(r.mark, claim.value or "", event)), None)
        if hit is not None:
            return Verdict(claim, CONFIRMED, f"In the {claim.scope} record progression: {_row(hit)}.", (hit,), src,
                           query)
        if theirs:
            return Verdict(claim, CONTRADICTED, f"{who.name}'s {claim.scope} record was "
                           + "; ".join(_row(r) for r in theirs) + f", not {claim.value}.", tuple(theirs), src, query)
        stood = self._standing(answer.rows, as_of)
        said = f" (the record then: {_row(stood)})" if stood is not None else ""
        return Verdict(claim, CONTRADICTED, f"{who.name} never held the {claim.scope} record in my data{said}.",
                       (stood,) if stood else (), src, query)

    def _current_record(self, claim: Claim, who: Person, event: str, ran: Row | None) -> Verdict | None:
        """With no progression (Olympic, area records), the record as it stands: theirs with that mark confirms
        the claim; one set before their mark was run contradicts it; one set since can't say (their mark may
        have been the record until then)."""
        sex = "women's" if who.sex == "W" else "men's"
        indoor = "indoor " if claim.indoor else ""
        query, answer = self.ask(f"{sex} {event} {indoor}{(claim.scope or 'world').lower()} record")
        now = answer.rows[0] if answer.status == ANSWERED and answer.rows else None
        if now is None or not now.mark:
            return None
        src = tuple(answer.sources)
        if now.athlete_id == who.id and same_mark(now.mark, claim.value or "", event):
            return Verdict(claim, CONFIRMED, f"The {claim.scope} record is still {_row(now)}.", (now,), src, query)
        if ran is not None and ran.date and now.date and now.date[:10] < ran.date[:10]:
            return Verdict(claim, CONTRADICTED, f"The {claim.scope} record was already {_row(now)} when "
                           f"{who.name} ran {ran.mark} on {fmt_date(ran.date)}.", (now, ran), src, query)
        return Verdict(claim, UNCHECKABLE, f"I have no {claim.scope} record progression, and the record now is "
                       f"{_row(now)}: set since, so {claim.value} may have been the record before it.", (now,), src,
                       query)

    def _held_for(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        if self._record_event is None:
            return Verdict(claim, UNCHECKABLE, "The article does not say which record.")
        query, answer = self._progression(who, self._record_event, claim.scope, claim.indoor)
        if answer.status != ANSWERED or not answer.rows:
            return Verdict(claim, UNCHECKABLE, f"No record progression to check it against: {answer.headline}",
                           query=query)
        rows = sorted((r for r in answer.rows if r.date), key=lambda r: r.date or "")
        src = tuple(answer.sources)
        theirs = [i for i, r in enumerate(rows) if r.athlete_id == who.id]
        if not theirs:
            return Verdict(claim, CONTRADICTED, f"{who.name} never held the {claim.scope} record in my data.",
                           query=query, sources=src)
        last = theirs[-1]
        first = rows[theirs[0]]
        until = rows[last + 1] if last + 1 < len(rows) else None
        end = until.date if until is not None else (as_of or self.engine.today().isoformat())
        held = _years(first.date or "", end or "")
        said = (f"{who.name} held it from {fmt_date(first.date)} "
                + (f"until {until.athlete} broke it on {fmt_date(until.date)}" if until else "and still does")
                + f": {held:.1f} years")
        shown = (first, until) if until else (first,)
        # "39 years" is a round figure: anything that rounds to it (or truncates to it) is right
        if abs(held - int(claim.value or 0)) < 1:
            return Verdict(claim, CONFIRMED, said + ".", shown, src, query)
        return Verdict(claim, CONTRADICTED, said + f", not {claim.value}.", shown, src, query)

    def _record_at(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        query, answer, rows = self._race(claim, who)
        if not rows:
            return self._no_race(claim, query, answer)
        mine = rows.get(who.id)
        if mine is None or not mine.mark:
            return Verdict(claim, UNCHECKABLE, f"{who.name} is not in the results I have ({answer.headline})",
                           query=query)
        event = mine.event or (query.events[0] if query and query.events else claim.event or "")
        checked: list[str] = []
        missing = False             # a progression the data lacks: nothing to contradict the claim with
        for indoor in ((claim.indoor,) if claim.indoor is not None else (False, True)):
            where = "indoor" if indoor else "outdoor" if claim.indoor is None else ""
            pq, prog = self._progression(who, claim.event or "", claim.scope, indoor)
            if prog.status != ANSWERED:
                missing = True
                checked.append(f"{where}: {prog.headline}".lstrip(": "))
                continue
            hit = next((r for r in prog.rows if r.athlete_id == who.id and r.mark
                        and same_mark(r.mark, mine.mark, event) and r.date == mine.date), None)
            if hit is not None:
                return Verdict(claim, CONFIRMED, f"{_row(mine)}; in the {claim.scope} record progression.",
                               (mine, hit), tuple(dict.fromkeys([*answer.sources, *prog.sources])), pq)
            stood = self._standing(prog.rows, mine.date[:10] if mine.date else None)
            checked.append(f"the {where} record then was {_row(stood)}".replace("  ", " ") if stood
                           else f"{where}: {prog.headline}".lstrip(": "))
        if missing:
            return Verdict(claim, UNCHECKABLE, f"{_row(mine)}. I can't tell whether it was the record: " + "; ".join(checked),
                           (mine,), tuple(answer.sources), query)
        return Verdict(claim, CONTRADICTED, f"{_row(mine)} is not in the {claim.scope} record progression: "
                       + "; ".join(checked) + ".", (mine,), tuple(answer.sources), query)

    # -- titles and ages

    def _titles(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        meet = {"World": "world championships", "Olympic": "olympic", "European": "european championships",
                "Commonwealth": "commonwealth games"}[claim.meet or "World"]
        query, answer = self.ask(f"{who.name} {meet} golds")
        if answer.status != ANSWERED:
            return Verdict(claim, UNCHECKABLE, answer.headline, query=query)
        golds = [r for r in answer.rows if as_of is None or (r.date or "")[:10] <= as_of]
        src = tuple(answer.sources)
        when = f" by {fmt_date(as_of)}" if as_of else ""
        said = f"{who.name} {'had' if as_of else 'has'} {len(golds)} {claim.meet} title{'s' * (len(golds) != 1)}{when}"
        listed = "; ".join(f"{r.event} {_row(r)}" for r in golds)
        if len(golds) == int(claim.value or -1):
            return Verdict(claim, CONFIRMED, f"{said}: {listed}.", tuple(golds), src, query)
        if as_of is None and len(golds) > int(claim.value or -1):
            # titles only add up: fewer than they have now may be right on a day the undated article doesn't give
            return Verdict(claim, UNCHECKABLE, f"The article gives no date; {said} now: {listed}.", tuple(golds),
                           src, query)
        return Verdict(claim, CONTRADICTED, f"{said}, not {claim.value}" + (f": {listed}." if listed else "."),
                       tuple(golds), src, query)

    def _age(self, claim: Claim, who: Person, as_of: str | None) -> Verdict:
        query, answer = self.ask(who.name)
        if not who.birth_date or len(who.birth_date) < 10:
            return Verdict(claim, UNCHECKABLE, f"I have no birth date for {who.name}.", query=query)
        if as_of is None:
            return Verdict(claim, UNCHECKABLE, "The article reports no dated race, so I can't tell when it was "
                                               "written.", query=query)
        born = dt.date.fromisoformat(who.birth_date[:10])
        day = dt.date.fromisoformat(as_of)
        age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        said = f"{who.name}, born {fmt_date(who.birth_date)}, was {age} on {fmt_date(as_of)}"
        src = tuple(answer.sources)
        if age == int(claim.value or -1):
            return Verdict(claim, CONFIRMED, said + ".", sources=src, query=query)
        return Verdict(claim, CONTRADICTED, said + f", not {claim.value}.", sources=src, query=query)


def check_article(engine: Engine, text: str) -> Report:
    """The fact check of an article: its claims (bot/factcheck/claims.py), each checked."""
    return Checker(engine).check_all(cl.find(text))




async def check_article_on(engine: Engine, text: str) -> Report:
    """check_article on the engine's database thread (the bot's event loop stays free meanwhile)."""
    return await engine.run(lambda _conn, article: check_article(engine, article), text)
