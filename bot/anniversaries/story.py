"""The words of an anniversary post, from a Story: a title, a few lines, the sources, and the chart series.

Plain text only (no Discord types): the cog puts `title` and `lines` in an embed, `sources` in its footer and
draws `chart` when there is one. Every number comes from the Story, which came from the database.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.ask.catalogue import fmt_date, place_words, with_nation
from bot.ask.day_stories import BIRTHDAY, CHAMPIONSHIP_WIN, LEVEL_WORDS, RACE_WIN, Point, Rival, Story
from bot.common import events as ev
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
    if s.current:
        status = "and it still stands"
    elif s.bettered:
        status = "and it has been bettered since"
    elif s.stood_days is not None:
        status = f"and it stood for {duration(s.stood_days)}"
    else:
        status = "and it has since been broken"
    return f"On this day in {s.year}, {_who(s)} {did}{where}: {ago(s.years_ago)}, {status}."


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
    return f"{lead}{_capital(s.event_words)}{io} {s.record_words} · {fmt_date(s.date)}"


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
    if r.margin == 0:
        line = f"It equalled {_own(s, r)} {r.mark}{when}"
    else:
        by = f" by {r.margin_text}" if r.margin_text else ""
        line = f"It broke {_own(s, r)} {r.mark}{when}{by}"
    if r.worked_out:
        assert s.record_words is not None, "only a record story has a worked-out previous record"
        line += f", the best {s.record_words.replace(' record', '')} mark in my results before it " \
                f"(worked out from the marks on file, not from a record list)"
    return line + "."


def _runner_line(r: Rival) -> str:
    who = r.athlete if r.team else with_nation(r.athlete, r.nationality)
    if not r.mark:
        return f"{who} was second."
    if r.margin == 0:
        return f"{who} was second in the same mark, {r.mark}."
    gap = f", {r.margin_text} behind" if r.margin_text else ""
    return f"{who} was second in {r.mark}{gap}."


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


def _indoor_best_line(s: Story, p: Point) -> str:
    """'It was a world indoor best: no indoor mark on file before it was better (the best, Berhane Adere's
    14:39.29 on 21 February 2004).'"""
    own = _own(s, Rival("previous best", p.athlete, p.nationality, p.mark, p.date, p.venue, None, None,
                        athlete_id=p.athlete_id))
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
    if _self(s, n.athlete_id):
        return f"The next record on the lists was {'her' if s.sex == 'W' else 'his'} own {n.mark}, on " \
               f"{fmt_date(n.date)}."
    return f"The next record on the lists was {n.mark} by {_named(s, n)}, on {fmt_date(n.date)}."


def _named(s: Story, p: Point) -> str:
    """A later mark's athlete; a team by its name alone ('Jamaica', not 'Jamaica (JAM)')."""
    return p.athlete if s.team else with_nation(p.athlete, p.nationality)


def _honours(s: Story) -> str | None:
    """'In individual events: 6 Olympic titles, 7 world titles and 5 world records in my data.' (bot/ask/fame.py
    counts individual events only: a relay title is the team's, so it is said, never a short count)."""
    p = s.athlete_fame
    if p is None:
        return None
    parts = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in (
        (p.og_gold, "Olympic title"), (p.wch_gold, "world title"), (p.world_records, "world record")) if n]
    if not parts:
        return None
    # the world records are the record lists' rows: a list can miss one (Olizarenko's 1:54.85 of June 1980 is
    # only in the toplists), so the count is said to be the lists'
    lists = " (world records as the record lists I hold count them)" if p.world_records else ""
    return f"In individual events: {_and(parts)} in my data{lists}."


def lines(s: Story) -> list[str]:
    out = [headline(s)]
    if s.category == BIRTHDAY:
        honours = _honours(s)
        return out + ([honours] if honours else [])
    if s.category not in (CHAMPIONSHIP_WIN, RACE_WIN):
        what = f"The {s.event_words}{' indoor' if s.indoor else ''} {s.record_words}"
        if s.competition:
            what += f", set at {s.competition}"
        if s.also:
            what += f"; also the {_records_words(list(s.also))}"
        out.append(what + ".")
        if s.previous:
            out.append(_beat_line(s, s.previous))
        if s.better_before:
            b = s.better_before
            out.append(f"A better mark was on file before it, though not on the record lists: {b.mark} by "
                       f"{with_nation(b.athlete, b.nationality)} on {fmt_date(b.date)}.")
        if s.barrier:
            way = "under" if ev.get(s.event).lower_is_better else "over"
            # the event named: road 10 km and track 10,000 m are different events with different firsts
            io = " indoor" if s.indoor else ""
            out.append(f"The first {s.event_words}{io} {s.record_words} {way} {s.barrier}.")
    elif s.also:
        out.append(f"The winning mark was also the {_records_words(list(s.also))}.")
    if s.category in (CHAMPIONSHIP_WIN, RACE_WIN) and s.indoor_best is not None:
        out.append(_indoor_best_line(s, s.indoor_best))
    if s.category in (CHAMPIONSHIP_WIN, RACE_WIN):
        notable = _notable_line(s)
        if notable:
            out.append(notable)
    if s.runner_up:
        out.append(_runner_line(s.runner_up))
    if s.broken_by:
        out.append(_broken_line(s, s.broken_by))
    if s.next_record:
        out.append(_next_line(s, s.next_record))
    return out


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
