"""The daily challenge (bot/quiz/daily.py) as Discord-shaped data: each question and the player's result (shown
only to them: ephemeral), the day's leaderboard, the announcement under the anniversary post, and the custom ids
of the buttons (the cogs build the buttons; the ids say which day, question and choice a click is about).

Discord-free like the rest of bot/render: the cogs turn the dicts into discord.Embed.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from bot.quiz import daily
from bot.quiz.daily import Attempt, DailyQuestion, DailyRow, Outcome, Streak
from bot.render.embeds import MEDALS
from bot.render.limits import FOOTER, fit_embed
from bot.render.quiz import AMBER, GREEN, MAX_ANSWER, MAX_FACT, MAX_QUESTION, QUESTION, RED, choice_labels, plural, who
from bot.render.text import clean, neutralise, truncate

# custom ids: a choice ("qdaily:20260707:2:1" = that day's question 2, button 1) and the announcement's button
CHOICE_ID = re.compile(r"qdaily:(?P<day>\d{8}):(?P<number>\d{1,2}):(?P<index>\d{1,2})")
PLAY_ID = "qdaily:play"
PLAY_LABEL = "Play today's challenge"


def choice_id(day: dt.date, number: int, index: int) -> str:
    return f"qdaily:{day:%Y%m%d}:{number}:{index}"


def parse_day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%Y%m%d").date()


def day_words(day: dt.date) -> str:
    return f"{day.day} {day:%B}"


def labels(q: DailyQuestion) -> list[str]:
    return choice_labels(q.choices)


def _answer(q: DailyQuestion) -> str:
    return f"**{truncate(clean(q.answer), MAX_ANSWER)}**"


def feedback(outcome: Outcome, q: DailyQuestion) -> str:
    """What the player is told about the answer they just gave (only they see it)."""
    if outcome.status == daily.CORRECT:
        line = f"✅ Question {outcome.number}: right, {_answer(q)}."
    elif outcome.status == daily.TOO_SLOW:
        line = f"⌛ Question {outcome.number}: too slow ({daily.ANSWER_TIME:g} s), it was {_answer(q)}."
    else:
        line = f"❌ Question {outcome.number}: not that one, it was {_answer(q)}."
    return line + (f"\n-# {truncate(clean(q.fact), MAX_FACT)}" if q.fact else "")


def question_embed(day: dt.date, number: int, q: DailyQuestion, total: int, *, before: str = "") -> dict[str, Any]:
    """Question `number` of the day, with what the player was told about the one before."""
    text = f"{truncate(clean(q.text), MAX_QUESTION)}\n\n-# ⏱️ {daily.ANSWER_TIME:g} s · one click, no second go"
    return fit_embed({
        "type": "rich",
        "title": f"Daily challenge · question {number} of {total}",
        "description": f"{before}\n\n{text}" if before else text,
        "color": QUESTION,
        "footer": {"text": truncate(neutralise(f"{day_words(day)} · {q.difficulty}"), FOOTER)},
    })


def _marks(attempt: Attempt, questions: Sequence[DailyQuestion]) -> str:
    lines = []
    for i, q in enumerate(questions):
        if i >= len(attempt.choices):
            lines.append(f"▫️ {i + 1}. not answered")
            continue
        chose = attempt.choices[i]
        mark = "⌛" if chose is None else "✅" if chose == q.correct else "❌"
        yours = "" if chose is None or chose == q.correct or not 0 <= chose < len(q.choices) else \
            f" (you: {truncate(clean(q.choices[chose]), MAX_ANSWER)})"
        lines.append(f"{mark} {i + 1}. {_answer(q)}{yours}")
    return "\n".join(lines)


def _streak(streak: Streak) -> str:
    if streak.current <= 0:
        return f"Streak: none running (best {plural(streak.best, 'day')})."
    return f"🔥 Streak: {plural(streak.current, 'day')} in a row (best {plural(streak.best, 'day')})."


def result_embed(attempt: Attempt, questions: Sequence[DailyQuestion], *, row: DailyRow | None, players: int,
                 streak: Streak, before: str = "", again: bool = False, playing: bool = False) -> dict[str, Any]:
    """The player's result: their answers, their place today and their streak. `again`: they asked to play a
    second time (told politely that there is one attempt a day); `playing`: they are in the middle of it (a
    question in time on their message); `before`: the last answer's feedback."""
    total = len(questions)
    lines = [before] if before else []
    if again and playing:
        lines.append(f"You are playing today's challenge right now: question {attempt.current} is waiting on your "
                     f"message above ({daily.ANSWER_TIME:g} s a question). One attempt a day, so it cannot start "
                     f"again. So far:")
    elif again:
        lines.append("You have already played today's challenge: one attempt a day. Here is how it went.")
    score = f"**{attempt.correct} of {total}** right in {attempt.elapsed:.1f} s"
    if attempt.answered < total and not attempt.finished and not playing:
        score += f" (stopped after {plural(attempt.answered, 'question')}: it counts as it stands)"
    lines.append(f"{who(attempt.user_id)}: {score}.")
    lines.append(_marks(attempt, questions))
    if row is not None:
        lines.append(f"Today: {MEDALS.get(row.rank, f'#{row.rank}')} of {plural(players, 'player')} on this server "
                     f"(`/quiz daily leaderboard:True`).")
    lines.append(_streak(streak))
    if not playing:
        lines.append("-# A new challenge tomorrow.")
    return fit_embed({
        "type": "rich",
        "title": f"Daily challenge · {day_words(attempt.day)}",
        "description": "\n\n".join(lines),
        "color": GREEN if attempt.correct * 2 >= total else AMBER,
    })


def board_embed(rows: Sequence[DailyRow], day: dt.date, *, place: str = "") -> dict[str, Any]:
    lines = [f"{MEDALS.get(r.rank, f'{r.rank}.')} {who(r.user_id)} — **{r.correct}** right · {r.elapsed:.1f} s"
             + ("" if r.answered >= daily.QUESTIONS else f" · {r.answered} answered") for r in rows]
    where = clean(place) if place else "this server"
    return fit_embed({
        "type": "rich",
        "title": f"Daily challenge · {day_words(day)}",
        "description": "\n".join(lines) or "Nobody has played today's challenge yet: `/quiz daily`.",
        "color": QUESTION,
        "footer": {"text": truncate(neutralise(f"Today on {where}: most right answers, then least time"), FOOTER)},
    })


def no_challenge_embed() -> dict[str, Any]:
    return fit_embed({"type": "rich", "description": "Sorry, I could not put today's challenge together. "
                                                     "Please try again later.", "color": RED})


def post_embed(day: dt.date) -> dict[str, Any]:
    """The announcement under the anniversary post."""
    return fit_embed({
        "type": "rich",
        "title": f"🧠 Daily quiz challenge · {day_words(day)}",
        "description": (f"{plural(daily.QUESTIONS, 'question')}, the same for everyone here today, one attempt "
                        f"each; your answers stay private. Play with `/quiz daily` or the button below."),
        "color": QUESTION,
    })
