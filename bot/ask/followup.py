"""Follow-up questions: a question that builds on the asker's previous one ("and who was third?", "what about
2023?", "the women's?", "his pb?", "ingebrigtsen vs him").

Discord-free and stateless: given the new question's slots (bot/ask/understand.Parsed) and the previous
question as run (a Query) with whom its answer was about, follow() decides whether the new question stands on
its own (None: answered exactly as without context) or builds on the previous one, and returns the merged
slots. Athletes carried over or named by a pronoun become name groups pinned to their ids, so the engine's
usual name resolution places them (in the order the question has them).

Two ways to build on a question:
- a fragment asks nothing of its own ("2023?", "and third?", "the women's?", "what about nuguse?"): the previous
  question's slots with the new ones in their place, the same kind of question;
- a new question about the same thing ("his pb?", "world record?", "ingebrigtsen vs him"): its own intent,
  with only the previous slots that intent reads (CARRY) where the new question leaves them open.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from bot.ask.catalogue import record_words
from bot.ask.query import Previous, Query, Subject
from bot.ask.understand import Parsed, intent_of, ordinal

PRONOUNS: dict[str, str | None] = {
    "he": "M", "him": "M", "his": "M", "himself": "M", "she": "W", "her": "W", "hers": "W", "herself": "W",
    "they": None, "them": None, "their": None, "theirs": None,
}
SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})   # "kerr vs him" is another athlete; "kerr … he ran" is Kerr
# Words that open a follow-up: the question builds on the previous one even when it could stand alone
MARKERS = (("what", "about"), ("how", "about"), ("what", "of"), ("and",), ("same",), ("also",), ("now",),
           ("then",))
RACE = frozenset({"winner", "podium", "place", "results"})
RACE_CUES = frozenset({"win", "podium", "results"})   # the cues that choose among those
# Cues that ask nothing by themselves
NEUTRAL = frozenset({"people"})
# Cues that ask something of the previous answer, not a question of their own: "what was the wind?" after a race
# is that race's wind, not the event's record
MODIFIERS = frozenset({"windread"})
# Cues that ask about one athlete: with none named, the previous answer's subject is meant ("pb?", "medals?")
PERSON_CUES = frozenset({"pb", "sb", "profile", "medals", "quote", "rank", "wrank", "age"})

# Slots that go together: a question that sets one of a group replaces the whole group
GROUPS: tuple[tuple[str, ...], ...] = (
    ("events", "event_choices"), ("meet", "meet_by_city", "meets", "city_years"), ("year", "years", "span"), ("sex",),
    ("place", "places"), ("round", "heat"), ("indoor",), ("road",), ("scope", "region"), ("nation",), ("medal",),
    ("limit",),
    ("marks", "threshold"), ("date", "date_year"), ("decade",),
)
_RACE_CARRY = ("events", "meet", "year", "sex", "round", "indoor")
# A new question's own intent, and the previous slots (by group leader) it reads where it leaves them open
CARRY: dict[str, tuple[str, ...]] = {
    **{intent: _RACE_CARRY for intent in RACE},
    "pb": ("events", "indoor"), "sb": ("events", "year", "indoor"), "rank": ("events", "indoor"),
    "world_lead": ("events", "sex", "year", "indoor"),
    "record": ("events", "sex", "indoor", "road", "scope"), "progression": ("events", "sex", "indoor", "road", "scope"),
    "all_time": ("events", "sex", "indoor", "nation"), "age_record": ("events", "sex", "meet"),
    "count": ("events",), "threshold": ("events", "sex", "meet", "year", "round"),   # "how many went sub 10?"
}

# A fragment's slots (by group leader) that the previous kind of question reads: a fragment setting any other
# is not building on it
INHERIT: dict[str, tuple[str, ...]] = {
    **{intent: (*_RACE_CARRY, "place", "medal") for intent in RACE},
    "pb": ("events", "indoor"), "sb": ("events", "year", "indoor"), "rank": ("events", "year", "indoor"),
    "world_lead": ("events", "sex", "year", "indoor"),
    "record": ("events", "sex", "indoor", "road", "scope"), "progression": ("events", "sex", "indoor", "road", "scope"),
    "all_time": ("events", "sex", "indoor", "nation", "limit"), "age_record": ("events", "sex", "meet"),
    "count": ("events", "marks", "year", "indoor"), "threshold": ("events", "sex", "marks", "nation", "year", "indoor"),
    "medal_count": ("meet", "medal", "year", "events"), "win_count": ("meet", "year"),
    "medal_table": ("meet", "medal", "sex", "nation"), "h2h": ("events", "year", "meet"), "quote": (), "profile": (),
}


@dataclass
class Followed:
    parsed: Parsed                      # the merged slots, intent decided
    pins: dict[str, int]                # name groups pinned to athletes (pronouns, carried athletes)
    said: list[str] = field(default_factory=list)   # how pronouns were read ("“his” read as Josh Kerr")
    read: set[int] = field(default_factory=set)     # the athletes pronouns were read as (said with them)


def follow(p: Parsed, previous: Previous) -> Followed | None:
    """The new question's slots merged with the previous question's, or None when it stands on its own."""
    t = p.tokens
    subjects = previous.subjects
    # "his pb": a pronoun, unless a possessive after a name, which is that athlete's ("what did jakob say about
    # his competitors")
    # "bolt age when he set the record": a subject pronoun after a name is that athlete too
    pronouns = [(i, w) for i, w in enumerate(t) if w in PRONOUNS
                and not ((_possessive(t, i) or w in SUBJECT_PRONOUNS) and any(at < i for at in p.name_at))]
    if pronouns and not subjects:
        return None     # "his pb" with no one to refer to: the question as it reads
    marker = next((len(m) for m in MARKERS if tuple(t[:len(m)]) == m), 0)
    own_cues = p.cues - NEUTRAL - MODIFIERS
    has_meet = p.meet is not None or p.meet_by_city is not None
    # a fragment asks nothing of its own: no cue, no name, and its slots alone make no question ("2023?") or
    # only the events-alone reading, a record ("the 1500?"); "who ran 9.58", "3:30 1500 in mile" stand alone
    fragment = not own_cues and not p.names and p.intent in (None, "record") and not (
        has_meet and (p.events or p.event_choices))
    # "where did neeraj finish" after a race: a place with no meeting of its own is in that race
    # "… and how far back was hassan" after a race: the gap in that race
    race_place = bool({"place", "margin"} & p.cues) and not has_meet and previous.query.intent in RACE
    # "how many went sub 10?" after a race: counted in that race (its event, meeting and round)
    race_count = p.intent == "threshold" and not p.events and not p.names and not has_meet \
        and previous.query.intent in RACE
    # "who had it before wayde" after a record: the record before that athlete's, not their profile
    record_before = "before" in p.cues and not p.events and previous.query.intent in ("record", "progression")
    if not pronouns and not marker and p.intent is not None and not fragment and not _lacks_event(p) \
            and not race_place and not race_count and not record_before:
        return None
    if not (pronouns or p.cues - NEUTRAL or p.names or _slots_set(p)):
        return None     # "thanks", "ok": nothing asked, nothing to build on
    new = copy.deepcopy(p)
    pins: dict[str, int] = {}
    said: list[str] = []
    read: set[int] = set()
    for i, word in pronouns:
        who = _subject_for(subjects, PRONOUNS[word])
        _add_group(new, [word], i, at_front=False)
        pins[word] = who.id
        said.append(f"“{word}” read as {who.name}")
        read.add(who.id)
    prev = previous.query.to_parsed()
    own = None
    if own_cues:
        trial = copy.deepcopy(new)
        if not trial.names and PERSON_CUES & own_cues:
            _carry_athletes(trial, pins, list(subjects[:1]))
        own = intent_of(trial)
        if own is None and not _slots_set(p):
            # "all time list?" after a world lead: a question of its own once it has the previous event (a
            # question with slots of its own, "how about sub 3:50?", is the previous kind of question)
            probe = copy.deepcopy(trial)
            for group in GROUPS:
                if group[0] in ("events", "sex", "indoor", "road") and not _set(probe, group):
                    _copy(probe, prev, group)
            guess = intent_of(probe)
            own = guess if guess not in (None, previous.query.intent) else None
            if own is not None and own not in RACE and own_cues <= RACE_CUES:
                own = None  # "the results?" after a world lead: a race's question, never the event's record
        if own is not None and previous.query.intent in RACE and (own in RACE or own_cues <= RACE_CUES):
            own = None      # "who won 2023?", "the results?" after a race: the same race (another edition)
        if own is not None and own not in RACE and {"place", "margin"} & own_cues and previous.query.intent in RACE:
            own = None      # "where did neeraj finish" after a race: his place in that race, not his profile
        if "before" in own_cues and own_cues <= {"before", "win", "askwho"} \
                and previous.query.intent in ("record", "progression"):
            # "the one before (that)?", "who had it before wayde", "whose did it break" after a record: the
            # record before it (before the athlete named), the same record
            own = None
        if own is not None:
            new = trial
    if own is None:
        if own_cues & RACE_CUES and previous.query.intent not in RACE:
            return None     # "who won?" after a record or a pb: no race was asked, so none to build on
        if previous.query.intent in ("record", "progression") and new.nation and new.scope is None:
            # "british?" after a record: that nation's record ("british mile record" reads so in full)
            new.region, new.scope, new.nation = new.nation, "national", None
        if previous.query.intent in ("record", "progression") and prev.meet and prev.year and new.place \
                and not new.names and not has_meet:
            # "chepkoech steeple wr in monaco 2018, who was 2nd": a place in the race of that meeting
            for group in GROUPS:
                if group[0] in ("events", "sex", "meet", "year", "indoor") and not _set(new, group):
                    _copy(new, prev, group)
            new.intent = "place"
            return Followed(new, pins, said, read)
        uses = INHERIT.get(previous.query.intent, ())
        if any(_set(new, group) and group[0] not in uses for group in GROUPS):
            return None     # "what is the capital of france" after a race: nothing a race reads
        _inherit(new, prev, previous, pins)
    else:
        for group in GROUPS:
            if group[0] in CARRY.get(own, ()) and not _set(new, group):
                _copy(new, prev, group)
        if "sex" in CARRY.get(own, ()) and new.sex is None and not new.names:
            # "kipyegon 800 pb", then "world record?": the women's record, the sex of whom it was about
            sexes = {s.sex for s in subjects if s.id in previous.query.athletes}
            if len(sexes) == 1:
                new.sex = sexes.pop()
    new.intent = intent_of(new)
    if new.intent is None and own is None:
        new.intent = previous.query.intent
    if new.intent is None:
        return None
    return Followed(new, pins, said, read)


def _inherit(new: Parsed, prev: Parsed, previous: Previous, pins: dict[str, int]) -> None:
    """A fragment: the previous question's slots, the new ones in their place; its athletes unless others are
    named (a head-to-head keeps its first athlete: "kerr vs ingebrigtsen", then "and nuguse?")."""
    wins, placed, sexed = "win" in new.cues, new.place is not None, new.sex is not None
    for group in GROUPS:
        if not _set(new, group):
            _copy(new, prev, group)
    if (wins and not placed) or new.place == 1 or (not placed and {"podium", "results"} & new.cues):
        new.place = None                # "who won 2023?", "the podium?" after "who was third": not that place
    # "and who was third?" after the results or the podium: the kind of race answer is the new question's
    # ("how far behind was kerr" after "who won": Kerr's place and gap, not the winner again)
    asks_own = placed or RACE_CUES & new.cues or ("margin" in new.cues and new.names)
    kept = set(prev.cues) - RACE_CUES if asks_own else set(prev.cues)
    if "before" in new.cues and "before" in prev.cues and not previous.query.athletes:
        # "the one before that" after the record before the current one: one record further back each time
        back = next((int(c[5:]) for c in prev.cues if c.startswith("back:")), 1)
        kept = {c for c in kept if not c.startswith("back:")} | {f"back:{back + 1}"}
    new.cues = kept | new.cues
    if new.place not in (None, 1):
        new.cues.discard("win")
    q = previous.query
    if new.names and not sexed and q.athletes:
        new.sex = None      # the sex was the previous athlete's: the athlete named now has their own
    carried = list(q.athletes)
    if new.names:
        # "kerr vs ingebrigtsen", "and nuguse?": Kerr v Nuguse; a quote keeps its speaker the same way
        carried = carried[:1] if q.intent in ("h2h", "quote") and len(new.names) == 1 else []
    if new.sex and new.sex != prev.sex:
        # "the women's?": the other sex's race; athletes of the sex no longer asked are dropped
        sexes = {s.id: s.sex for s in previous.subjects}
        carried = [i for i in carried if sexes.get(i) in (None, new.sex)]
    names = {s.id: s for s in previous.subjects}
    _carry_athletes(new, pins, [names.get(i) or Subject(i, f"athlete {i}", None) for i in carried])
    if q.intent in RACE and new.names and "win" not in new.cues and new.place is None:
        new.cues.discard("win")         # "what about nuguse?" after a winner: where Nuguse finished


def _lacks_event(p: Parsed) -> bool:
    """A question of an event's list or record with no event and no one named ("world record?", "all time
    list?"): it cannot stand on its own, so it builds on the previous question's event."""
    return (p.intent in ("record", "progression", "world_lead", "all_time")
            and not p.events and not p.event_choices and not p.names)


def _possessive(t: list[str], i: int) -> bool:
    """"his", "their", and "her" before a word ("her pb"; "ingebrigtsen vs her" is whom)."""
    return t[i] in ("his", "their") or (t[i] == "her" and i + 1 < len(t))


def _subject_for(subjects: tuple[Subject, ...], sex: str | None) -> Subject:
    """Whom a pronoun means: the newest subject of its sex ("his pb" after a women's race is still him)."""
    return next((s for s in subjects if sex is None or s.sex in (None, sex)), subjects[0])


def _carry_athletes(p: Parsed, pins: dict[str, int], people: list[Subject]) -> None:
    """Athletes the question does not name, put first as name groups pinned to them (after the words)."""
    for k, person in enumerate(reversed(people)):
        words = person.name.lower().split() or [f"athlete{person.id}"]
        _add_group(p, words, len(p.tokens) + len(people) - 1 - k, at_front=True)
        pins[" ".join(words)] = person.id


def _add_group(p: Parsed, words: list[str], at: int, *, at_front: bool) -> None:
    """A name group of `words` at token `at`: first in the list (a carried athlete), or in the question's
    order (a pronoun, whose word is taken out of any group it ran into)."""
    if at_front:
        p.names.insert(0, words)
        p.name_hits.insert(0, frozenset())
        p.name_at.insert(0, at)
        return
    groups: list[tuple[int, list[str], frozenset[int]]] = []
    for g_at, g_words, hits in zip(p.name_at, p.names, p.name_hits, strict=True):
        if g_at <= at < g_at + len(g_words):
            before, after = g_words[:at - g_at], g_words[at - g_at + 1:]
            if before:
                groups.append((g_at, before, frozenset()))
            if after:
                groups.append((at + 1, after, frozenset()))
        else:
            groups.append((g_at, g_words, hits))
    groups.append((at, words, frozenset()))
    groups.sort(key=lambda g: g[0])
    p.name_at = [g[0] for g in groups]
    p.names = [g[1] for g in groups]
    p.name_hits = [g[2] for g in groups]


def _set(p: Parsed, group: tuple[str, ...]) -> bool:
    return any(getattr(p, name) not in (None, False, [], {}, set(), ()) for name in group)


def _slots_set(p: Parsed) -> bool:
    return any(_set(p, group) for group in GROUPS)


def _copy(new: Parsed, prev: Parsed, group: tuple[str, ...]) -> None:
    for name in group:
        setattr(new, name, copy.deepcopy(getattr(prev, name)))


def context_words(query: Query, series_name: Any, event_name: Any, people: dict[int, str]) -> str:
    """The previous question's context as carried into this one: "Prefontaine Classic 2024, men's mile, 3rd
    place, Josh Kerr"."""
    bits: list[str] = []
    if query.meet:
        bits.append(" ".join(x for x in (series_name(query.meet), str(query.year or "")) if x))
    elif query.year:
        bits.append(str(query.year))
    bits.extend(event_name(code, query.sex) for code in query.events)
    if query.intent in ("record", "progression") and query.scope in ("national", "area") and query.region:
        bits.append(record_words(query.scope, query.region))     # "Kenyan record": a carried scope is seen
    if query.intent in RACE and query.place:
        bits.append("last place" if query.place < 0 else f"{ordinal(query.place)} place")
    bits.extend(people[i] for i in query.athletes if i in people)
    return ", ".join(bits)
