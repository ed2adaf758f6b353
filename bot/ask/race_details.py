"""What a result holds beyond its mark: reaction times, a field event's series, a vertical jump's height sheet
(and the countback it settles), a relay team's legs. Only the Rio 2016 results give them (the result_details
table, bot/pipeline/migrations/007_result_details.sql): asked of any other meet, the answer says so, never a
detail of another race read as one.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from bot.ask.answer import Answer, Row
from bot.ask.catalogue import (
    RACE_WORDS,
    Competition,
    Query,
    and_list,
    competition_words,
    event_words,
    place_words,
)
from bot.ask.results import Race, _race_name, competitions_for, races_at
from bot.common import events as ev

# the cue of a question -> the kind of detail it asks for
KINDS = {"reaction": "reaction", "series": "attempt", "countback": "height", "legs": "leg"}
_WHAT = {"reaction": "reaction times", "attempt": "series of attempts", "height": "height sheets",
         "leg": "relay legs"}
HELD = ("OG", 2016)
_BAR_EVENTS = frozenset({"HJ", "PV"})   # their attempts are at a bar's heights


def kind_asked(q: Query) -> str | None:
    """The detail a question asks for: its cue, or "which round / attempt" of a field event's mark."""
    p = q.parsed
    for cue, kind in KINDS.items():
        if cue in p.cues:
            return kind
    toks = p.tokens
    asks_round = "whichround" in p.cues or any(a in ("which", "what") and b in ("throw", "jump")
                                               for a, b in zip(toks, toks[1:], strict=False))
    # "which round did nazarov throw his winning mark": a field event's round is an attempt of its series
    if asks_round and q.people and (ev.get(q.event).kind == ev.FIELD if q.event else
                                     _events_with(q, q.people[0].id, "attempt")):
        return "attempt"
    return None


def _events_with(q: Query, athlete_id: int, kind: str) -> list[str]:
    """The events in which an athlete has details of that kind (all of them Rio 2016's)."""
    return [code for (code,) in q.conn.execute(
        "SELECT DISTINCT e.code FROM result_details d JOIN results res ON res.id = d.result_id JOIN races r "
        "ON r.id = res.race_id JOIN events e ON e.id = r.event_id WHERE res.athlete_id = ? AND d.kind = ? "
        "ORDER BY e.code", (athlete_id, kind))]


def _held_only(q: Query, kind: str) -> Answer:
    p = q.parsed
    answer = q.unknown(p.intent, f"I have {_WHAT[kind]} only for the Rio 2016 Olympic Games: my other "
                                 f"sources give the result alone.", [])
    if p.meet == HELD[0] and p.year is None:
        # "olympic 100 final reaction times": which Games is not said; Rio's, one click away
        answer.suggestions = [f"{p.text} 2016"]
    return answer


def details_answer(q: Query, kind: str) -> Answer:
    p = q.parsed
    if p.year is None and p.city_years.get(HELD[1]) == HELD[0] and p.meet in (None, HELD[0]):
        p.meet, p.year = HELD   # "in rio": the city names the edition
    if p.meet is None and p.year in (None, HELD[1]) and (q.people or p.year):
        # "nazarov's series": the one meet whose details are held, said as assumed
        p.meet, p.year = HELD
        q.assumptions.append(f"Read as the Rio 2016 Olympic Games: the only meet I have {_WHAT[kind]} for.")
    if (p.meet, p.year) != HELD:
        return _held_only(q, kind)
    comps, problem = competitions_for(q)
    if problem:
        return problem
    if kind == "attempt" and (q.event in _BAR_EVENTS if q.event else q.people and not _events_with(
            q, q.people[0].id, kind) and _events_with(q, q.people[0].id, "height")):
        kind = "height"   # "braz 6.03, which attempt": a vertical jump's attempts are its height sheet
    if q.event is None and q.people and len(ran := _events_with(q, q.people[0].id, kind)) == 1:
        q.event = ran[0]   # "nazarov's series in rio": the one event they have a series in
    if q.event is None:
        return q.unknown(p.intent, f"Which event of {competition_words(comps[0], q.cat)}?", [])
    sex = q.sex or (q.people[0].sex if q.people else "M")
    e = q.cat.event(q.event, sex)
    if e is None:
        return q.unknown(p.intent, f"I have no {event_words(q.event, sex)} at the Rio 2016 Olympic Games.", [])
    races = races_at(q, comps, e.id)
    person = q.people[0] if q.people else None
    if person:
        races = [r for r in races if any(row.athlete_id == person.id for row in r.rows)]
    if p.round:
        races = [r for r in races if (r.round or "F") == p.round and (p.heat is None or r.heat == p.heat)]
    elif not person:
        races = [r for r in races if r.round in ("F", None)]
    races = [r for r in races if _details(q, r, kind)]
    what = f"the Rio 2016 Olympic {event_words(q.event, sex)}"
    if not races:
        who = f" for {person.name}" if person else ""
        return q.unknown(p.intent, f"The Rio 2016 results give no {_WHAT[kind]}{who} in {what}"
                                   f"{' ' + RACE_WORDS.get(p.round, '') if p.round else ''}.", [])
    races.sort(key=lambda r: r.date or "")
    return _ANSWER[kind](q, what, races, comps[0])


def _details(q: Query, race: Race, kind: str) -> dict[int, list[tuple]]:
    """athlete id -> their (seq, mark, outcome, wind, runner name, runner id) rows of that kind in the race."""
    out: dict[int, list[tuple]] = {}
    for aid, seq, mark, outcome, wind, name, runner in q.conn.execute(
            "SELECT res.athlete_id, d.seq, d.mark, d.outcome, d.wind, coalesce(ra.name, d.name), d.athlete_id "
            "FROM result_details d JOIN results res ON res.id = d.result_id "
            "LEFT JOIN athletes ra ON ra.id = d.athlete_id "
            "WHERE res.race_id = ? AND d.kind = ? ORDER BY d.seq", (race.id, kind)):
        out.setdefault(aid, []).append((seq, mark, outcome, wind, name, runner))
    return out


def _detailed(q: Query, races: list[Race], kind: str, keep: Callable[[Row], bool] = lambda row: True
              ) -> Iterator[tuple[Race, Row, list[tuple]]]:
    """(race, row, its details of that kind) for each row that has them and that `keep` keeps, race by race."""
    for race in races:
        details = _details(q, race, kind)
        for row in race.rows:
            got = details.get(row.athlete_id or 0)
            if got and keep(row):
                yield race, row, got


def _detail_row(race: Race, row: Row, comp: Competition, note: str, mark: str | None) -> Row:
    """The answer's row for an athlete's result in a race, its note saying the details."""
    return Row(athlete=row.athlete, mark=mark, place=row.place, nationality=row.nationality,
               date=race.date, competition=comp.name, athlete_id=row.athlete_id, source=row.source, note=note)


def _race_words(race: Race) -> str:
    """"final", "heat 3", "qualifying group 2"."""
    return _race_name(race).removeprefix("the ")


def _placed(row: Row, race: Race) -> str:
    """"3rd in 9.91": the athlete's place and mark in that race."""
    if row.place is None:
        return row.mark or "no mark"
    return f"{place_words(row.place)} in {row.mark}"


def _reaction(q: Query, what: str, races: list[Race], comp: Competition) -> Answer:
    person = q.people[0] if q.people else None
    rows, bits = [], []
    mine = (lambda row: row.athlete_id == person.id) if person else (lambda row: True)
    for race, row, got in _detailed(q, races, "reaction", mine):
        rows.append(_detail_row(race, row, comp, f"{_race_words(race)}: {_placed(row, race)}", got[0][1]))
        if person:
            bits.append(f"{got[0][1]} s in {_race_name(race)} ({_placed(row, race)})")
    if person:
        headline = f"{person.name}'s reaction time in {what}: {'; '.join(bits)}."
    else:
        race = races[0]
        quickest = min(rows, key=lambda r: float(r.mark or 9))
        headline = (f"Reaction times in {what} {_race_words(race)}: the quickest was {quickest.athlete}'s "
                    f"{quickest.mark} s ({quickest.note.split(': ', 1)[1] if quickest.note else ''}).")
    return q.answered(q.parsed.intent or "results", headline, rows)


def _series(q: Query, what: str, races: list[Race], comp: Competition) -> Answer:
    person = q.people[0] if q.people else None
    rows, bits = [], []
    # a person's series, or else the winner's
    mine = (lambda row: row.athlete_id == person.id) if person else (lambda row: row.place == 1)
    for race, row, got in _detailed(q, races, "attempt", mine):
        marks = [(seq, mark) for seq, mark, *_ in got]
        fair = [(float(mark), seq) for seq, mark in marks if mark not in ("X", "P")]
        best = max(fair)[1] if fair else None
        # the round of the mark that counted: the first attempt at the best distance
        first_best = min(seq for v, seq in fair if v == max(fair)[0]) if fair else None
        said = ", ".join(mark for _, mark in marks)
        rows.append(_detail_row(race, row, comp, f"{_race_words(race)}: {said}", row.mark))
        bits.append(f"in {_race_name(race)} ({_placed(row, race)}): {said}"
                    + (f"; the {row.mark} was attempt {first_best} of {len(marks)}" if best else "; no fair mark"))
    who = person.name if person else f"The winner, {rows[0].athlete}," if rows else "The winner"
    return q.answered(q.parsed.intent or "results", f"{who} in {what}, {'; '.join(bits)}.", rows)


def _misses(sheet: list[tuple]) -> tuple[int, int]:
    """(misses at the last height cleared, misses over the whole competition up to it): the countback's two
    steps (World Athletics rule 26.8)."""
    cleared = [s for s in sheet if "O" in (s[2] or "")]
    if not cleared:
        return 0, 0
    last = cleared[-1]
    upto = [s for s in sheet if s[0] <= last[0]]
    return (last[2] or "").count("X"), sum((s[2] or "").count("X") for s in upto)


def _heights(q: Query, what: str, races: list[Race], comp: Competition) -> Answer:
    race = races[-1]
    found = [(row, got) for _, row, got in _detailed(q, [race], "height")]
    sheets = {row.athlete_id or 0: got for row, got in found}
    person = q.people[0] if q.people else None
    rows = [_detail_row(race, row, comp, " ".join(f"{s[1]} {s[2]}" for s in got), row.mark) for row, got in found]
    everyone = rows
    if person:
        mine = next((r for r in rows if r.athlete_id == person.id), None)
        if mine is None:
            return q.unknown(q.parsed.intent, f"{person.name} has no height sheet in {what}.", [])
        head = f"{person.name}'s height sheet in {what} {_race_words(race)} ({place_words(mine.place) if mine.place else 'no place'}, {mine.mark}): {mine.note}."
        head = _at_the_height(q, person.name, sheets[person.id]) + head
        if "countback" in q.parsed.cues:   # "how did beitia win": the countback first, then her sheet
            head = f"{_countback_words(what, race, everyone, sheets)} {head}"
        rows = [mine]
    else:
        head = _countback_words(what, race, rows, sheets)
    return q.answered(q.parsed.intent or "results", head, rows)


_NTH = {1: "first", 2: "second", 3: "third"}


def _at_the_height(q: Query, name: str, sheet: list[tuple]) -> str:
    """"braz 6.03, which attempt": the attempt a height asked was cleared at ("at his second attempt"), or that
    it was missed; "" when no height of the sheet is asked."""
    for _seq, mark, outcome, *_ in sheet:
        if mark in q.parsed.marks and outcome:
            tries = outcome.find("O") + 1
            if tries:
                return f"{name} cleared {mark} at the {_NTH.get(tries, f'{tries}th')} attempt ({outcome}). "
            return f"{name} did not clear {mark} ({outcome}). "
    return ""


def _countback_words(what: str, race: Race, rows: list[Row], sheets: dict[int, list[tuple]]) -> str:
    """Who won and, where the winning height was shared, how the countback split them."""
    winner = next((r for r in rows if r.place == 1), None)
    if winner is None:
        return f"The height sheets of {what} {_race_words(race)}."
    tied = [r for r in rows if r.mark == winner.mark]
    if len(tied) == 1:
        return f"{winner.athlete} won {what} with {winner.mark}, the only one to clear it: no countback was needed."
    counts = {r.athlete_id: _misses(sheets[r.athlete_id or 0]) for r in tied}
    last = " and ".join(f"{r.athlete} {counts[r.athlete_id][0]}" for r in tied)
    w = counts[winner.athlete_id]
    level = [r for r in tied if r is not winner and counts[r.athlete_id][0] == w[0]]
    step = f"the fewest misses at {winner.mark} ({last})"
    if level:   # level at the last height: the misses over the whole competition split them
        total = " and ".join(f"{r.athlete} {counts[r.athlete_id][1]}" for r in [winner, *level])
        step += f", level with {and_list([r.athlete for r in level])}, then fewer misses in all ({total})"
    return (f"{winner.athlete} won {what} on countback: {and_list([r.athlete for r in tied])} all cleared "
            f"{winner.mark}, and {winner.athlete} had {step}.").replace(" all cleared", " both cleared"
                                                                       if len(tied) == 2 else " all cleared")


def _legs(q: Query, what: str, races: list[Race], comp: Competition) -> Answer:
    nation = q.parsed.nation
    rows, bits = [], []
    for race, row, got in _detailed(q, races, "leg", lambda row: not nation or row.nationality == nation):
        order = ", ".join(f"{seq} {name}" for seq, _m, _o, _w, name, _r in got)
        rows.append(_detail_row(race, row, comp, f"{_race_words(race)}: {order}", row.mark))
        if nation or row.place == 1:
            bits.append(f"{row.nationality} in {_race_name(race)} ({_placed(row, race)}): {order}")
    if not rows:
        return q.unknown(q.parsed.intent, f"The Rio 2016 results name no runners of that team in {what}.", [])
    return q.answered(q.parsed.intent or "results", f"Legs in {what}: {'; '.join(bits)}.", rows)


_ANSWER = {"reaction": _reaction, "attempt": _series, "height": _heights, "leg": _legs}
