"""Quiz and quote embeds: the quiz engine's events (bot/quiz/engine.py), leaderboards, stats, settings, trivia
list imports and quotes, as embed dicts in the same look as every other answer.

Discord-free like bot/render/embeds.py: cogs/quiz.py and cogs/quotes.py turn the dicts into discord.Embed.
Everything that came from users or the data (questions from imported lists, quotes, answers) goes through
clean(); people are shown as <@id> mentions, which Discord renders as names inside embeds and which never
ping there. Every embed leaves through fit_embed.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from bot.quiz import engine as qe
from bot.quiz.daily import DailyRecord
from bot.quiz.leaderboard import LeaderRow, MemberStats, QuizSettings
from bot.quiz.model import Question
from bot.render.embeds import GREY, MEDALS
from bot.render.limits import FIELD_VALUE, FOOTER, fit_embed
from bot.render.text import clean, neutralise, truncate

QUESTION = 0x3498DB
GREEN = 0x1F8B4C
AMBER = 0xE8A317
RED = 0xC0392B
BUTTON_LABEL = 80          # Discord's limit for a button label
MAX_ERRORS = 25            # import errors listed before "… and N more"
MAX_ANSWER = 300           # characters of an answer shown
MAX_FACT = 400             # characters of the fact behind it
MAX_QUESTION = 3000        # characters of a question shown (the timer line stays under it)

MODE_NAMES = {qe.TYPED: "typed answers", qe.CHOICE: "multiple choice"}
METRIC_NAMES = {"wins": "wins", "points": "points", "games": "games played", "average": "average points per game"}
END_REASONS = {
    qe.TARGET: "Target score reached.",
    qe.QUESTIONS: "That was the last question.",
    qe.STOPPED: "The quiz was stopped.",
    qe.IDLE: "Nobody answered for a while, so the quiz ended.",
    qe.EXHAUSTED: "No more questions to ask.",
    qe.ERROR: "The quiz ran into a problem and ended; the scores so far are saved.",
    qe.SAVE_FAILED: "The quiz stopped: I could not save the scores.",
    qe.INTERRUPTED: "The quiz was interrupted.",
}


def who(user_id: int | None) -> str:
    """A user as a mention: rendered as their name inside embeds, and never a ping there."""
    return f"<@{int(user_id)}>" if user_id is not None else "nobody"


def plural(n: int | float, word: str) -> str:
    return f"{n:g} {word}" if n == 1 else f"{n:g} {word}s"


def _footer(text: str) -> dict[str, str]:
    # footers show no markdown: only mentions are neutralised
    return {"text": truncate(neutralise(text), FOOTER)}


def _standings(standings: Sequence[tuple[int, int]], limit: int = 10) -> str:
    lines = []
    for rank, (uid, points) in enumerate(standings[:limit], 1):
        mark = MEDALS.get(rank, f"{rank}.")
        lines.append(f"{mark} {who(uid)} — {plural(points, 'point')}")
    if len(standings) > limit:
        lines.append(f"… and {len(standings) - limit} more")
    return "\n".join(lines) or "No points yet."


def _answer(text: str, spoiler: bool) -> str:
    # cut before wrapping, so a huge answer can never lose its closing spoiler bars
    shown = f"**{truncate(clean(text), MAX_ANSWER)}**"
    return f"||{shown}||" if spoiler else shown


# -- a game

def start_embed(*, mode: str, questions: int, target: int, timer: float, difficulty: str | None,
                sources: Iterable[str], started_by: int) -> dict[str, Any]:
    how = ("Type your answers in this channel." if mode == qe.TYPED
           else "Pick an answer with the buttons: one answer each per question.")
    lines = [f"{who(started_by)} started a quiz: {MODE_NAMES.get(mode, mode)}, up to "
             f"{plural(questions, 'question')}, first to {plural(target, 'point')} wins.",
             how,
             f"-# {timer:g} s per question · difficulty: {clean(difficulty or 'any')} · "
             f"sources: {clean(', '.join(sources) or 'reference')} · stop it with /quiz stop"]
    return fit_embed({"type": "rich", "title": "🏁 Quiz time", "description": "\n".join(lines), "color": QUESTION})


def round_embed(number: int, max_questions: int, question: Question, *, mode: str, timer: float) -> dict[str, Any]:
    how = "Type your answer." if mode == qe.TYPED else "Choose below."
    return fit_embed({
        "type": "rich",
        "title": f"Question {number}",
        "description": f"{truncate(clean(question.text), MAX_QUESTION)}\n\n-# ⏱️ {timer:g} s · {how}",
        "color": QUESTION,
        "footer": _footer(f"Question {number} of {max_questions} · {question.difficulty}"),
    })


def choice_labels(choices: Sequence[str]) -> list[str]:
    """Button labels for the choices (buttons show no markdown; Discord allows 80 characters)."""
    return [truncate(" ".join(c.split()), BUTTON_LABEL) or "…" for c in choices]


def hint_embed(ev: qe.HintShown) -> dict[str, Any]:
    return fit_embed({"type": "rich", "description": f"💡 Hint for question {ev.number}: `{_code(ev.hint)}`",
                      "color": AMBER})


def _code(text: str) -> str:
    # inside `code` nothing renders: only a backtick could end it early
    return " ".join(text.split()).replace("`", "ˋ")


def _fact(fact: str, spoiler: bool) -> str:
    """The whole fact behind the answer, on its own line (behind spoiler bars too when the answer is)."""
    if not fact:
        return ""
    shown = truncate(clean(fact), MAX_FACT)
    return "\n" + (f"||{shown}||" if spoiler else shown)


def won_embed(ev: qe.RoundWon, *, source: str = "", spoiler: bool = False, fact: str = "") -> dict[str, Any]:
    bonus = f" · 🔥 {ev.streak} in a row: +{ev.points}" if ev.points > 1 else ""
    embed: dict[str, Any] = {
        "type": "rich",
        "title": f"✅ Question {ev.number}",
        "description": f"{who(ev.user_id)} got it in {ev.elapsed:.1f} s: {_answer(ev.answer, spoiler)}{bonus}"
                       f"{_fact(fact, spoiler)}",
        "color": GREEN,
        "fields": [{"name": "Standings", "value": truncate(_standings(ev.standings), FIELD_VALUE)}],
    }
    if source:
        embed["footer"] = _footer(f"Source: {source}")
    return fit_embed(embed)


def reveal_embed(ev: qe.Revealed, *, source: str = "", fact: str = "") -> dict[str, Any]:
    title = {"timeout": "⏰ Time's up", "stopped": "⏹️ Stopped", "idle": "💤 Nobody answered"}.get(
        ev.reason, "Question over")
    if ev.answer is None:
        text = "Nobody got it. Answers are not revealed on this server."
    else:
        text = f"Nobody got it. The answer was {_answer(ev.answer, ev.spoiler)}.{_fact(fact, ev.spoiler)}"
    embed: dict[str, Any] = {"type": "rich", "title": f"{title}: question {ev.number}", "description": text,
                             "color": GREY}
    if source and ev.answer is not None:
        embed["footer"] = _footer(f"Source: {source}")
    return fit_embed(embed)


def game_over_embed(ev: qe.GameOver, *, stopped_by: int | None = None) -> dict[str, Any]:
    reason = END_REASONS.get(ev.reason, "The quiz is over.")
    if ev.reason == qe.STOPPED and stopped_by is not None:
        reason = f"{who(stopped_by)} stopped the quiz."
    if ev.winner_id is not None and ev.reason == qe.SAVE_FAILED:
        headline = f"🏆 {who(ev.winner_id)} was in the lead."     # not a recorded win: the scores were not saved
    elif ev.winner_id is not None:
        headline = f"🏆 {who(ev.winner_id)} wins!"
    else:
        headline = "Nobody scored, so nobody wins this time."
    return fit_embed({
        "type": "rich",
        "title": "🏁 Quiz over",
        "description": f"{headline}\n{reason}\n-# {plural(ev.rounds, 'question')} played",
        "color": GREEN if ev.winner_id is not None else GREY,
        "fields": [{"name": "Final standings", "value": truncate(_standings(ev.standings), FIELD_VALUE)}],
    })


# -- scores and settings

def leaderboard_embed(rows: Sequence[LeaderRow], *, scope: str, metric: str, place: str = "") -> dict[str, Any]:
    where = "everywhere" if scope == "global" else (clean(place) if place else "this server")
    lines = []
    for row in rows:
        mark = MEDALS.get(row.rank, f"{row.rank}.")
        if metric == "average":
            value = f"**{row.value:.2f}** {METRIC_NAMES[metric]}"
        else:
            unit = metric[:-1]                                   # win, point, game
            value = f"**{row.value:g}** {unit if row.value == 1 else metric}"
        extra = "" if metric == "games" else f" · {plural(row.games, 'game')}"
        lines.append(f"{mark} {who(row.user_id)} — {value}{extra}")
    return fit_embed({
        "type": "rich",
        "title": f"Quiz leaderboard: {METRIC_NAMES[metric]}",
        "description": "\n".join(lines) or "No finished quizzes yet: start one with /quiz start.",
        "color": QUESTION,
        "footer": _footer(f"Finished games {'on every server' if scope == 'global' else 'on ' + where}"),
    })


def _daily_record(record: DailyRecord) -> str:
    streak = record.streak
    running = (f"streak {plural(streak.current, 'day')} (best {plural(streak.best, 'day')})" if streak.current
               else f"no streak running (best {plural(streak.best, 'day')})")
    return (f"{plural(record.days, 'day')} played · {record.correct} of {record.asked} right "
            f"({record.correct / record.asked:.0%}) · {running}")


def stats_embed(stats: MemberStats, *, place: str = "", daily: DailyRecord | None = None) -> dict[str, Any]:
    """A member's games, and their daily challenges when they have played one (`daily`, one server's)."""
    daily_field = ([{"name": "Daily challenge", "value": _daily_record(daily), "inline": False}]
                   if daily is not None and daily.days else [])
    if not stats.games:
        text = f"{who(stats.user_id)} has not finished a quiz{' here' if place else ''} yet."
        return fit_embed({"type": "rich", "title": "Quiz stats", "description": text, "color": GREY,
                          **({"fields": daily_field} if daily_field else {})})
    fastest = f"{stats.fastest:.1f} s" if stats.fastest is not None else "—"
    fields = [
        {"name": "Games", "value": f"{stats.games}", "inline": True},
        {"name": "Wins", "value": f"{stats.wins}", "inline": True},
        {"name": "Points", "value": f"{stats.points} ({stats.average:.2f} a game)", "inline": True},
        {"name": "Correct answers", "value": f"{stats.correct} of {stats.answers} ({stats.accuracy:.0%})",
         "inline": True},
        {"name": "Best streak", "value": f"{stats.best_streak}", "inline": True},
        {"name": "Fastest answer", "value": fastest, "inline": True},
        *daily_field,
    ]
    return fit_embed({"type": "rich", "title": "Quiz stats", "description": who(stats.user_id),
                      "color": QUESTION, "fields": fields,
                      **({"footer": _footer(f"On {place}")} if place else {})})


def settings_embed(s: QuizSettings, *, changed: Iterable[str] = ()) -> dict[str, Any]:
    changed = set(changed)

    def mark(key: str) -> str:
        return " ✏️" if key in changed else ""

    fields = [
        {"name": "Delay" + mark("delay"), "value": f"{s.delay:g} s per question", "inline": True},
        {"name": "Target score" + mark("target_score"), "value": f"{s.target_score}", "inline": True},
        {"name": "Questions" + mark("max_questions"), "value": f"{s.max_questions}", "inline": True},
        {"name": "Reveal answers" + mark("reveal_answers"), "value": "yes" if s.reveal_answers else "no",
         "inline": True},
        {"name": "Spoilers" + mark("spoilers"), "value": "yes" if s.spoilers else "no", "inline": True},
        {"name": "Default difficulty" + mark("difficulty"), "value": clean(s.difficulty), "inline": True},
        {"name": "Sources" + mark("sources"), "value": clean(", ".join(s.sources)), "inline": False},
    ]
    text = "Settings saved." if changed else "The quiz settings for this server."
    return fit_embed({"type": "rich", "title": "Quiz settings", "description": text,
                      "color": GREEN if changed else QUESTION, "fields": fields})


# -- trivia list imports

def import_ok_embed(name: str, questions: int, *, author: str = "", description: str = "",
                    warnings: Sequence[tuple[int | None, str]] = ()) -> dict[str, Any]:
    """A list imported, with what Red accepts but is worth fixing (a question written twice), as many lines as
    fit in a field."""
    lines = [f"Imported the list **{clean(name)}**: {plural(questions, 'question')}."]
    if author:
        lines.append(f"By {clean(author)}.")
    if description:
        lines.append(f"-# {clean(' '.join(description.split()))}")
    lines.append(f"Play it with `/quiz start mode:typed source:list:{_code(name)}`.")
    ok = fit_embed({"type": "rich", "title": "Trivia list imported", "description": "\n".join(lines),
                    "color": GREEN})
    if not warnings:
        return ok
    shown: list[str] = []
    for i, (line, msg) in enumerate(warnings):
        text = f"• line {line}: {clean(msg)}" if line else f"• {clean(msg)}"
        rest = f"… and {len(warnings) - i} more"
        if sum(len(x) + 1 for x in shown) + len(text) + len(rest) + 2 > FIELD_VALUE:
            shown.append(rest)
            break
        shown.append(text)
    title = "Warning (imported anyway)" if len(warnings) == 1 else f"{len(warnings)} warnings (imported anyway)"
    return fit_embed({**ok, "fields": [*ok.get("fields", []), {"name": title, "value": "\n".join(shown)}]})


def import_errors_embed(filename: str, errors: Sequence[tuple[int | None, str]]) -> dict[str, Any]:
    lines = [f"• line {line}: {clean(msg)}" if line else f"• {clean(msg)}" for line, msg in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        lines.append(f"… and {len(errors) - MAX_ERRORS} more")
    return fit_embed({
        "type": "rich",
        "title": "Trivia list not imported",
        "description": f"Nothing was saved: **{clean(filename)}** has {plural(len(errors), 'problem')}. "
                       f"Fix {'it' if len(errors) == 1 else 'them'} and import the file again.\n\n"
                       + "\n".join(lines),
        "color": RED,
    })


# -- quotes

def _quote_line(q) -> str:
    return f"“{clean(' '.join(q.text.split()))}”"


def quote_embed(q, *, title: str = "Quote") -> dict[str, Any]:
    """A pool quote (bot.quiz.quote_pool.Quote)."""
    bits = [f"— {clean(q.speaker)}"]
    if q.date:
        bits.append(clean(q.date))
    embed: dict[str, Any] = {"type": "rich", "title": title,
                             "description": f"{_quote_line(q)}\n\n{' · '.join(bits)}", "color": QUESTION}
    if q.source:
        embed["footer"] = _footer(f"Source: {q.source}")
    return fit_embed(embed)


def quotes_embed(query: str, quotes: Sequence) -> dict[str, Any]:
    fields = [{"name": clean(q.speaker), "value": _quote_line(q) + (f"\n-# {clean(q.source)}" if q.source else "")}
              for q in quotes]
    return fit_embed({"type": "rich", "title": f"Quotes: {clean(query)}",
                      "description": None if quotes else "No quote has all those words.",
                      "color": QUESTION if quotes else GREY, "fields": fields})


def candidates_embed(candidates: Sequence, *, source: str, total: int | None = None) -> dict[str, Any]:
    """Quotes found in a pasted article (bot.quiz.quote_pool.Candidate), waiting for confirmation."""
    total = len(candidates) if total is None else total
    fields = [{"name": f"{i}. {clean(c.speaker)}" + ("" if c.confidence == "high" else " (unsure)"),
               "value": _quote_line(c)} for i, c in enumerate(candidates, 1)]
    more = f" (the first {len(candidates)} of {total} are shown and would be saved)" if total > len(candidates) else ""
    return fit_embed({
        "type": "rich",
        "title": "Quotes found",
        "description": f"Found {plural(total, 'quote')} with a speaker{more}. Save "
                       f"{'it' if len(candidates) == 1 else 'them'} to this server's quote pool?",
        "color": AMBER,
        "fields": fields,
        "footer": _footer(f"Source: {source}"),
    })


def saved_embed(saved: int, skipped: int, *, source: str) -> dict[str, Any]:
    text = f"Saved {plural(saved, 'quote')}."
    if skipped:
        text += f" {plural(skipped, 'quote')} {'was' if skipped == 1 else 'were'} already in the pool."
    return fit_embed({"type": "rich", "title": "Quotes saved", "description": text, "color": GREEN,
                      "footer": _footer(f"Source: {source}")})


def cancelled_embed() -> dict[str, Any]:
    return fit_embed({"type": "rich", "title": "Quotes not saved", "description": "Cancelled: nothing was saved.",
                      "color": GREY})
