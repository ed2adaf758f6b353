"""The words of an anniversary post, from a Story: a title, a few lines, the sources, and the chart series.

Plain text only (no Discord types): the cog puts `title` and `lines` in an embed, `sources` in its footer and
draws `chart` when there is one. Every number comes from the Story, which came from the database.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.ask.catalogue import fmt_date, place_words, with_nation
from bot.ask.day_stories import BIRTHDAY, CHAMPIONSHIP_WIN, LEVEL_WORDS, RACE_WIN, ROUND_WORDS, Point, Rival, Story
from bot.common import events as ev
from bot.common import marks as mk
from bot.common.days import duration
from bot.common.events import verb
from bot.common.places import place


@dataclass(frozen=True)
class Post:
    title: str
    lines: tuple[str, ...]
    sources: tuple[str, ...]              # source names, main one first
    chart: dict[str, Any] | None = None   # {"title", "event", "sex", "lower_is_better", "points", "highlight"}
    story_key: str = ""

    @property
    def text(self) -> str:
        """The whole post as plain text (console, logs, tests)."""
        return "\n".join([f"**{self.title}**", *self.lines, "Source: " + "; ".join(self.sources)])


def ago(years: int) -> str:
    return f"{years} year{'s' if years != 1 else ''} ago today"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _who(s: Story) -> str:
    """The athlete, or the athletes who shared the mark: 'Otis Davis and Carl Kaufmann'."""
    return _and([s.athlete, *s.shared_with])


def _self(s: Story, athlete_id: int | None) -> bool:
    """Whether a mark is the story's own athlete's: not for a relay team (a team is no "he"; its line-up
    changes) nor a shared record (whose "own"?)."""
    return athlete_id is not None and athlete_id == s.athlete_id and not s.team and not s.shared_with


def headline(s: Story) -> str:
    """'On this day in 1999, Hicham El Guerrouj ran 3:43.13 in Stadio Olimpico, Roma: 27 years ago today, and
    it still stands.'"""
    at = place(s.venue, s.country)
    # some progressions name the race, not the place ("Berlin Marathon"): at a race, in a place
    where = f" at the {at}" if at and at.endswith((" Marathon", " Games")) else f" in {at}" if at else ""
    if s.category == BIRTHDAY:
        return f"On this day in {s.year}, {with_nation(s.athlete, s.nationality)} was born: {ago(s.years_ago)}."
    if s.category in (CHAMPIONSHIP_WIN, RACE_WIN):
        what = f"won the {s.event_words}{' indoors' if s.indoor else ''}"
        what += f" at {s.competition}" if s.competition else where
        mark = f" in {s.mark}" if s.mark and ev.get(s.event).mark_format == ev.TIME else \
            f" with {s.mark}" if s.mark else ""
        return f"On this day in {s.year}, {s.athlete} {what}{mark}: {ago(s.years_ago)}."
    did = f"{verb(s.event)} {s.mark}"
    if ev.get(s.event).mark_format == ev.POINTS:
        did += " points"
    return f"On this day in {s.year}, {_who(s)} {did}{where}: {ago(s.years_ago)}, {_status(s)}."


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b or len(a) < 10 or len(b) < 10:
        return None
    return (dt.date.fromisoformat(b[:10]) - dt.date.fromisoformat(a[:10])).days


def _status(s: Story) -> str:
    """How long the record stood, as its own: an equalled record's mark was its first setter's record (LaBeach's
    10.2 of 1948 equalled Owens's of 1936, and the mark stood until 1956); a record bettered by a mark no record
    list was not bettered until that mark (Silvester's 68.40 of 1968, until his 70.38 of 1971)."""
    restart = "a record list goes on from a slower mark after it"
    end = s.broken_by
    if s.record_since is not None:
        first = s.record_since
        held = _days(first.date, end.date) if end else None
        whose = "his own" if _self(s, first.athlete_id) and s.sex != "W" else \
            "her own" if _self(s, first.athlete_id) else f"{_possessive(first.athlete)}"
        since = f"{whose} {s.record_words} of {(first.date or '')[:4]}"
        if s.restarted is not None:
            return f"equalling {since}; {restart}"
        if s.current:
            return f"equalling {since}, which still stands"
        if held is not None and s.bettered:
            return f"equalling {since}; the mark was not bettered for {duration(held)}"
        if held is not None:
            return f"equalling {since}; the mark stood as the record for {duration(held)}"
        return f"equalling {since}"
    if s.restarted is not None:
        return f"and {restart}"
    if s.current:
        return "and it still stands"
    if s.bettered and s.stood_days is not None and s.skipped_next:
        # the progressions' left-out record came before that better mark (Benoit's 2:22:43 of 1983, before
        # Kristiansen's 2:24:26 of 1984 bettered Roe's 2:25:28): only the toplists can say how long
        return f"and no mark in the WA toplists bettered it for {duration(s.stood_days)}"
    if s.bettered and s.stood_days is not None:
        # how long until the first better mark, whoever's; not how long it stood as "the record": the lists I
        # hold cannot tell a better mark never ratified (Silvester's 70.38) from a record they miss (Chizhova's
        # 21.03 of 1972). The lines below name the better mark and the lists' next record.
        return f"and it was not bettered for {duration(s.stood_days)}"
    if s.stood_days is not None and s.skipped_next:
        return f"and it stood as the record on the lists I keep for {duration(s.stood_days)}"
    if s.stood_days is not None:
        return f"and it stood for {duration(s.stood_days)}"
    return "and it has since been broken"


def title(s: Story) -> str:
    lead = f"{place_words(s.years_ago)} anniversary · " if s.round_anniversary else ""
    io = " indoor" if s.indoor else ""
    if s.category == BIRTHDAY:
        return f"{lead}Born on this day · {s.athlete} · {fmt_date(s.date)}"
    if s.category == CHAMPIONSHIP_WIN:
        level = _capital(f"{LEVEL_WORDS.get(s.level or '', 'championship')} title")
        return f"{lead}{_capital(s.event_words)}{io} · {level} · {fmt_date(s.date)}"
    if s.category == RACE_WIN:
        at = s.competition or place(s.venue, s.country)
        return f"{lead}{_capital(s.event_words)}{io} · {_capital(at) if at else 'Race win'} · {fmt_date(s.date)}"
    # an equal of a record is not a new record: the title says so (Norton's 10.1 of 1959, review 8)
    eq = " equalled" if equalled(s) else ""
    return f"{lead}{_capital(s.event_words)}{io} {s.record_words}{eq} · {fmt_date(s.date)}"


def equalled(s: Story) -> bool:
    """A record story whose mark equalled the record of its day rather than broke it."""
    p = s.previous
    return s.record_since is not None or (p is not None and p.relation == "previous record" and p.margin == 0)


def _records_words(words: list[str]) -> str:
    """['African record', 'Moroccan record'] -> 'African and Moroccan records'."""
    if len(words) == 1:
        return words[0]
    return _and([w.removesuffix(" record") for w in words]) + " records"


def _own(s: Story, r: Rival) -> str:
    if _self(s, r.athlete_id):
        return "her own" if s.sex == "W" else "his own"
    return _possessive(r.athlete)


def _beat_line(s: Story, r: Rival) -> str:
    when = f" ({fmt_date(r.date)})" if r.date else ""
    first = s.record_since
    if r.margin == 0 and first is not None and first.date != r.date:
        # the mark's first setter, then the last to equal it before (Owens's 10.2 of 1936, Davis's of 1941)
        line = f"It equalled the {r.mark} that {_named(s, first)} set first on {fmt_date(first.date)}, which " \
               f"{_own(s, r) if _self(s, r.athlete_id) else with_nation(r.athlete, r.nationality)} had equalled" \
               f"{' on ' + fmt_date(r.date) if r.date else ''}"
    elif r.margin == 0:
        line = f"It equalled {_own(s, r)} {r.mark}{when}"
    elif s.previous_first is not None:
        # the record broken was an equal: the mark's first setter, then who equalled it
        first = s.previous_first
        by = f", by {r.margin_text}" if r.margin_text else ""
        whose = "her own" if _self(s, first.athlete_id) and s.sex == "W" else "his own" if _self(s, first.athlete_id) \
            else _possessive(first.athlete)
        who = ("she" if s.sex == "W" else "he") if _self(s, r.athlete_id) else with_nation(r.athlete, r.nationality)
        line = f"It broke {whose} {r.mark} ({fmt_date(first.date)}), which {who} had equalled" \
               f"{when.replace(' (', ' on ').rstrip(')')}{by}"
    else:
        by = f" by {r.margin_text}" if r.margin_text else ""
        kept = ", the record on the lists I keep," if s.skipped else ""   # a progression has one between
        line = f"It broke {_own(s, r)} {r.mark}{when}{kept}{by}"
    if r.worked_out:
        assert s.record_words is not None, "only a record story has a worked-out previous record"
        line += f", the best {s.record_words.replace(' record', '')} mark in my results before it " \
                f"(worked out from the marks on file, not from a record list)"
    return line + "."


def _runner_line(r: Rival, s: Story) -> str:
    who = r.athlete if r.team else with_nation(r.athlete, r.nationality)
    where = f" in {ROUND_WORDS[r.round]}" if r.round in ROUND_WORDS else ""
    if not r.mark:
        return f"{who} was second{where}."
    if r.margin == 0:
        return f"{who} was second{where} in the same mark, {r.mark}."
    gap = f", {r.margin_text} behind{_electric_words(r, s)}" if r.margin_text else ""
    return f"{who} was second{where} in {r.mark}{gap}."


def _electric_words(r: Rival, s: Story) -> str:
    """A hand-timed record's gap to its runner-up is measured from the race's electric time, which the post
    says: "0.11 s behind Lee Evans' 43.86 on the electric clock" (his 43.8 of 1968: review 14)."""
    code = s.event
    if r.margin is None or s.value is None or ev.get(code).mark_format != ev.TIME or not s.mark or not r.mark \
            or "." not in s.mark or len(s.mark.rsplit(".", 1)[1]) != 1 or "." not in r.mark:
        return ""
    try:
        second = mk.parse_mark(r.mark, code).value
    except mk.MarkError:
        return ""
    if second is None or abs((second - s.value) - r.margin) < 0.005:
        return ""
    electric = mk.format_time(second - r.margin, 2)
    whose = "the winner's" if s.team or s.shared_with else _possessive(s.athlete)
    return f" {whose} {electric} on the electric clock"


def _notable_line(s: Story) -> str | None:
    """'It was the world's best mark of 1991 indoors in my data, and his best to then.'"""
    own = "her" if s.sex == "W" else "his"
    io = " indoors" if s.indoor else ""
    if s.year_best and s.career_best:
        return f"It was the world's best mark of {s.year}{io} in my data, and {own} best to then."
    if s.year_best:
        return f"It was the world's best mark of {s.year}{io} in my data."
    if s.career_best:
        return f"It was {own} best mark to then in my data."
    return None


TITLES_NAMED = 2     # the (level, event) groups of a champion's titles named in a win post; more are counted

# How every count of titles and records in a post is hedged: the counts are the data's, and the data misses
# some (a slow final below the toplists' cut-off, a record a progression skips).
TITLES_HEDGE = "in my data"
RECORDS_HEDGE = "as the record lists I hold count them"


def _n(k: int, what: str) -> str:
    return f"{k} {what}{'s' if k != 1 else ''}"


def titles_count(n: int, what: str = "Olympic and world title") -> str:
    """'9 Olympic and world titles in my data'."""
    return f"{_n(n, what)} {TITLES_HEDGE}"


def records_count(listed: int, unlisted: list[tuple[str, str]] | None = None) -> str:
    """The one wording of a world-record count: '12 world records (as the record lists I hold count them)';
    with the marks of the all-time lists that beat the record of their day though no record list has them,
    each (the mark, the record it beat), counted with them and said so: '2 world records: 1 on the record
    lists I hold, and her 1:54.85 of 12 June 1980, which beat the record of the day, Tatyana Kazankina's
    1:54.94, but is on no record list I hold'."""
    if not unlisted:
        return f"{_n(listed, 'world record')} ({RECORDS_HEDGE})"
    on_lists = f"{listed} on the record lists I hold, and " if listed else ""
    if len(unlisted) == 1:
        (mark, beaten), = unlisted
        extra = f"{mark}, which beat the record of the day, {beaten}, but is on no record list I hold"
    else:
        extra = _and([f"{mark} (the record of the day: {beaten})" for mark, beaten in unlisted]) + \
            ", each better than the record of its day but on no record list I hold"
    return f"{_n(listed + len(unlisted), 'world record')}: {on_lists}{extra}"


def _who_line(s: Story) -> str | None:
    """Who a race's winner is, when the data knows: 'She won the Olympic women's 3000 m steeplechase title in
    2016, and set the women's 3000 m steeplechase world record, 8:52.78, on 27 August 2016.' Olympic titles
    first, then world titles; individual events."""
    she = "She" if s.sex == "W" else "He"
    order = {"OG": 0, "WCH": 1, "WIC": 2}
    years: dict[tuple[str, str], list[str]] = {}
    # a title won that day is the post's own story: the others are what else the winner won (Holloway's world
    # titles of 2022 and 2023 after his first, of 2019)
    won = s.category == CHAMPIONSHIP_WIN
    titles = [t for t in s.titles if not (won and (t.level, t.event_words, t.year) == (s.level, s.event_words, s.year))]
    # the titles of the race's event first (Lewis's long jump titles on a long jump win), Olympic before world
    for t in sorted(titles, key=lambda t: (t.event_words != s.event_words, order.get(t.level, 3), t.year)):
        years.setdefault((t.level, t.event_words), []).append(str(t.year))
    parts = []
    if years:
        named = [f"the {LEVEL_WORDS.get(level, '')} title in the {what} in {_and(ys)}"
                 for (level, what), ys in list(years.items())[:TITLES_NAMED]]
        more = len(years) > TITLES_NAMED
        parts.append(("also won " if won else "won ") + _and(named)
                     + (f" ({titles_count(len(s.titles))})" if more else ""))
    if s.world_records:
        last_words, last = s.world_records[-1]
        n = len(s.world_records)
        text = f"set the {last_words} world record, {last.mark}, on {fmt_date(last.date)}" if n == 1 else \
            f"set {records_count(n)}, the last the {last_words} record, {last.mark}, on {fmt_date(last.date)}"
        parts.append(text)
    if not parts:
        return None
    return f"{she} {_and(parts)}."


def _indoor_best_line(s: Story, p: Point) -> str:
    """'It was a world indoor best: no indoor mark on file before it was better (the best, Berhane Adere's
    14:39.29 on 21 February 2004).'"""
    own = _own(s, Rival("previous best", p.athlete, p.nationality, p.mark, p.date, p.venue, None, None,
                        athlete_id=p.athlete_id))
    if not s.indoor:        # a road race (Selector._indoor_best)
        return f"It was a world best on the roads: no mark on file before it was better (the best, {own} " \
               f"{p.mark} on {fmt_date(p.date)})."
    return f"It was a world indoor best: no indoor mark on file before it was better (the best, {own} " \
           f"{p.mark} on {fmt_date(p.date)})."


def _broken_line(s: Story, p: Point) -> str:
    if s.bettered:
        # a better mark in the toplists that no record list (on file) has as the record
        own = "She did better herself" if s.sex == "W" else "He did better himself"
        who = own if _self(s, p.athlete_id) else f"{_named(s, p)} has done better"
        return f"{who} since: {p.mark} on {fmt_date(p.date)} (in the all-time lists)."
    if s.team and p.athlete_id == s.athlete_id:
        return f"{p.athlete} broke it again on {fmt_date(p.date)} with {p.mark}."
    if _self(s, p.athlete_id):
        who = "She broke it herself" if s.sex == "W" else "He broke it himself"
    else:
        who = f"{_named(s, p)} broke it"
    return f"{who} on {fmt_date(p.date)} with {p.mark}."


def _next_line(s: Story, n: Point) -> str:
    """The record lists' successor of a record bettered by a mark they do not have: the story goes on
    (Silvester's 70.38 of 1971 was no record; van Reenen's 68.48 of 1975 was the next)."""
    lists = "the lists"
    if _self(s, n.athlete_id):
        return f"The next record on {lists} was {'her' if s.sex == 'W' else 'his'} own {n.mark}, on " \
               f"{fmt_date(n.date)}."
    return f"The next record on {lists} was {n.mark} by {_named(s, n)}, on {fmt_date(n.date)}."


def _named(s: Story, p: Point) -> str:
    """A later mark's athlete; a team by its name alone ('Jamaica', not 'Jamaica (JAM)')."""
    return p.athlete if s.team else with_nation(p.athlete, p.nationality)


def _medals(n_gold: int, n_all: int, level: str) -> list[str]:
    """'1 Olympic title and 1 more Olympic medal', '4 Olympic medals' (golds and the others)."""
    others = n_all - n_gold
    if n_gold and others:
        return [_n(n_gold, f"{level} title"), _n(others, f"more {level} medal")]
    if n_gold:
        return [_n(n_gold, f"{level} title")]
    return [_n(others, f"{level} medal")] if others else []


def _unlisted_words(s: Story, m: Point, rec: Point) -> tuple[str, str]:
    """('her 1:54.85 of 12 June 1980', "Tatyana Kazankina's 1:54.94"): the mark and the record it beat."""
    own = "her" if s.sex == "W" else "his"
    whose = f"{own} own" if rec.athlete_id == s.athlete_id else _possessive(rec.athlete)
    return f"{own} {m.mark} of {fmt_date(m.date)}", f"{whose} {rec.mark}"


def _first_title_line(s: Story) -> list[str]:
    """'Her first Olympic title: the women's 5000 m in Sydney in 2000, in 14:40.79.' (the first of several)."""
    t = s.first_title
    if t is None:
        return []
    first = "first " if t.of > 1 else ""
    at = f" in {t.city}" if t.city else ""
    how = "" if not t.mark else f", in {t.mark}" if ev.get(t.event).mark_format == ev.TIME else \
        f", with {t.mark}{' points' if ev.get(t.event).mark_format == ev.POINTS else ''}"
    whose = "Her" if s.sex == "W" else "His"
    what = t.event_words.split(" (")[0]     # "women's pentathlon", not the list's "(olympic, outdoor)"
    return [f"{whose} {first}{LEVEL_WORDS[t.level]} title: the {what}{at} in {t.year}{how}."]


def _past(s: Story, way: str) -> str:
    """'over', or 'to reach' for a mark exactly on the round one: O'Brien's 18.00 of 1953 was the first world
    record to reach 18 m, not over it (review 20)."""
    try:
        exact = way == "over" and s.value is not None and abs(float((s.barrier or "").split()[0]) - s.value) < 1e-9
    except ValueError:
        exact = False
    return "to reach" if exact else way


def _last_record_line(s: Story) -> list[str]:
    """'His world record: the men's shot put, 22.00, on 10 July 1976.' (his last, of several): a birthday names
    the record the count stands for (review 18: Baryshnikov's post counted one and named none)."""
    if not s.world_records:
        return []
    words, last = s.world_records[-1]
    whose = "Her" if s.sex == "W" else "His"
    which = "last world record" if len(s.world_records) > 1 else "world record"
    return [f"{whose} {which}: the {words}, {last.mark}, on {fmt_date(last.date)}."]


def _honours(s: Story) -> list[str]:
    """'In individual events: 1 Olympic title, 1 more Olympic medal in my data and 2 world records: 1 on the
    record lists I hold, and her 1:54.85 of 12 June 1980 ...': a mark of the all-time lists that beat the
    record of its day though no record list has it (Olizarenko's 1:54.85) is counted with the lists' records
    and said to be on none. bot/ask/fame.py counts individual events only (a relay title is the team's)."""
    p = s.athlete_fame
    # the athlete's event, so a birthday says what they did (review 8: Sigrun Grau's titles, no event named)
    # the event's plain name: "the pentathlon", not the list's "pentathlon (olympic, outdoor)"
    plain = s.event_words.split(" ", 1)[1].split(" (")[0] if s.event_words else ""
    event = f" {'Her' if s.sex == 'W' else 'His'} main event in my data: the {plain}." if plain else ""
    if p is None:
        return [event.strip()] if event else []
    medals = [*_medals(p.og_gold, p.og_medals, "Olympic"), *_medals(p.wch_gold, p.wch_medals, "world")]
    unlisted = [_unlisted_words(s, m, rec) for _, m, rec in s.unlisted_records]
    parts = [f"{_and(medals)} {TITLES_HEDGE}"] if medals else []
    if p.world_records or unlisted:
        parts.append(records_count(p.world_records, unlisted))
    return [f"In individual events: {_and(parts)}.{event}"] if parts else [event.strip()] if event else []


def lines(s: Story) -> list[str]:
    out = [headline(s)]
    if s.category == BIRTHDAY:
        return out + _honours(s) + _first_title_line(s) + _last_record_line(s)
    if s.category not in (CHAMPIONSHIP_WIN, RACE_WIN):
        what = f"The {s.event_words}{' indoor' if s.indoor else ''} {s.record_words}{', equalled' if equalled(s) else ''}"
        if s.competition:
            what += f", set at {s.competition}"
        if s.also:
            what += f"; also the {_records_words(list(s.also))}"
        out.append(what + ".")
        if s.previous:
            out.append(_beat_line(s, s.previous))
        if s.skipped:
            k = s.skipped
            out.append(f"The progressions also list {_possessive(k.athlete)} {k.mark} of {fmt_date(k.date)} between the "
                       f"two; the WA toplists do not have it (they keep every legal mark and have removed annulled "
                       f"ones), so the record lists I keep skip it.")
        if s.better_before:
            b = s.better_before
            out.append(f"A better mark was on file before it, though not on the record lists: {b.mark} by "
                       f"{with_nation(b.athlete, b.nationality)} on {fmt_date(b.date)}.")
        if s.barrier:
            way = "under" if ev.get(s.event).lower_is_better else "over"
            # the event named: road 10 km and track 10,000 m are different events with different firsts
            io = " indoor" if s.indoor else ""
            out.append(f"The first {s.event_words}{io} {s.record_words} {_past(s, way)} {s.barrier}.")
    elif s.also:
        out.append(f"The winning mark was also the {_records_words(list(s.also))}.")
    if s.category in (CHAMPIONSHIP_WIN, RACE_WIN) and s.indoor_best is not None:
        out.append(_indoor_best_line(s, s.indoor_best))
    if s.category in (CHAMPIONSHIP_WIN, RACE_WIN):
        notable = _notable_line(s)
        if notable:
            out.append(notable)
    if s.category in (RACE_WIN, CHAMPIONSHIP_WIN):
        who = _who_line(s)
        if who:
            out.append(who)
    if s.runner_up:
        out.append(_runner_line(s.runner_up, s))
    # what came after, in order of date: a better mark, an equal, the lists' next record
    after = [(p.date or "", line) for p, line in (
        (s.broken_by, _broken_line(s, s.broken_by) if s.broken_by else ""),
        (s.equalled_by, _equal_line(s, s.equalled_by) if s.equalled_by else ""),
        (s.next_record, _next_line(s, s.next_record) if s.next_record else "")) if p is not None]
    if s.restarted:
        k = s.restarted
        named = next((src.name for src in s.sources if src.id == k.source), "that list")
        after.append((k.date or "", f"One list ({named}) gives a slower next record, "
                                    f"{_possessive(k.athlete)} {k.mark} of {fmt_date(k.date)}: that list starts "
                                    f"again after this one, so I do not say how long this one stood."))
    if s.skipped_next:
        k = s.skipped_next
        after.append((k.date or "", f"The progressions list {_possessive(k.athlete)} {k.mark} of {fmt_date(k.date)} "
                                    f"as the next record; the WA toplists do not have it (they keep every legal mark and "
                                    f"have removed annulled ones), so the record lists I keep skip it."))
    out.extend(line for _, line in sorted(after, key=lambda x: x[0][:10]))
    out.extend(_off_toplists_line(s, k) for k in s.off_toplists)
    return out


def _off_toplists_line(s: Story, k: Point) -> str:
    """A record a progression has and the WA toplists lack, though they hold other marks of its time (not of its
    day): said, so a fan checking the toplists is not surprised (Benoit's 2:22:43 of 18 April 1983)."""
    named = next((src.name for src in s.sources if src.id == k.source), "a record progression")
    return (f"{_possessive(k.athlete)} {k.mark} of {fmt_date(k.date)} is a record in {named}; the WA toplists do "
            f"not have it, nor any mark of that day in the event.")


def _equal_line(s: Story, p: Point) -> str:
    """'Barney Ewell (USA) equalled it on 9 July 1948.'"""
    if _self(s, p.athlete_id):
        who = "She equalled it herself" if s.sex == "W" else "He equalled it himself"
    else:
        who = f"{_named(s, p)} equalled it"
    lists = " (in the all-time lists)" if s.bettered or p.source == "wa-toplists" else ""
    return f"{who} on {fmt_date(p.date)}{lists}."


def chart(s: Story) -> dict[str, Any] | None:
    """The progression as a chart series, when there is one to draw (at least three records)."""
    if len(s.progression) < 3:
        return None
    pts = [{"date": p.date, "mark": p.mark, "value": p.value, "athlete": p.athlete} for p in s.progression]
    highlight = next((i for i, p in enumerate(s.progression) if p.date == s.date and p.athlete == s.athlete), None)
    label = f"{_capital(s.event_words)}{' indoor' if s.indoor else ''} {s.record_words} progression"
    if s.progression_worked_out:
        label += " (from the marks on file)"
    return {"title": label, "event": s.event, "sex": s.sex, "lower_is_better": ev.get(s.event).lower_is_better,
            "points": pts, "highlight": highlight}


def render(s: Story) -> Post:
    return Post(title=title(s), lines=tuple(lines(s)), sources=tuple(src.name for src in s.sources),
                chart=chart(s), story_key=s.key)


def render_all(stories: list[Story]) -> list[Post]:
    return [render(s) for s in stories]
