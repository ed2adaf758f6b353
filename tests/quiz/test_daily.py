"""The daily challenge's core (bot/quiz/daily.py): the day's questions (the same for a server and a local day,
different the next day and on another server), one attempt per member per day held by the store (a new store
over the same database too), scoring, the day's board and streaks. Store tests run on SQLite and PostgreSQL."""
from __future__ import annotations

import asyncio
import datetime as dt
import random

import pytest

from bot.quiz import daily
from bot.quiz.model import DIFFICULTIES
from bot.quiz.questions import QuestionBank
from bot.state.store import IntegrityError, StateStore

UTC = dt.UTC
DAY = dt.date(2026, 7, 7)
NOON = dt.datetime(2026, 7, 7, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def bank(db_path):
    b = QuestionBank.open(db_path, random.Random(1))
    yield b
    b.conn.close()


def texts(questions):
    return [q.text for q in questions]


def fixed(n: int = 5, tag: str = "") -> list[daily.DailyQuestion]:
    """Questions with known answers (choice 1 is right) for the store tests."""
    return [daily.DailyQuestion("winner", f"Question {i}{tag}?", ("A", "B", "C"), 1, "medium") for i in range(n)]


async def set_timezone(store, guild_id: int, tz: str) -> None:
    async with store.write() as db:
        await db.execute("INSERT INTO guild_settings (guild_id, timezone) VALUES (?, ?)", (guild_id, tz))


# -- the day's questions -----------------------------------------------------------------------------------

def test_the_same_five_questions_for_a_server_and_day_and_others_the_next_day_and_elsewhere(bank, db_path):
    first = daily.make_questions(bank, 1, DAY)
    assert len(first) == daily.QUESTIONS
    bank.generate()                                   # games in between draw from the bank's own generator
    again = daily.make_questions(bank, 1, DAY)
    other = QuestionBank.open(db_path, random.Random(99))   # another process: its own bank and generator
    try:
        elsewhere = daily.make_questions(other, 1, DAY)
    finally:
        other.conn.close()
    assert texts(first) == texts(again) == texts(elsewhere)
    assert [q.choices for q in first] == [q.choices for q in again]    # the buttons in the same order too
    assert texts(daily.make_questions(bank, 1, DAY + dt.timedelta(days=1))) != texts(first)
    assert texts(daily.make_questions(bank, 2, DAY)) != texts(first)
    assert daily.seed_for(1, DAY) != daily.seed_for(2, DAY) != daily.seed_for(1, DAY + dt.timedelta(days=1))


def test_a_day_goes_from_easy_to_hard_with_no_topic_twice_and_buttons_for_each(bank):
    for guild in range(1, 8):
        qs = daily.make_questions(bank, guild, DAY)
        assert len(qs) == daily.QUESTIONS
        assert len(set(texts(qs))) == daily.QUESTIONS
        ranks = [DIFFICULTIES.index(q.difficulty) for q in qs]
        assert ranks == sorted(ranks), [q.difficulty for q in qs]       # easy first, hard last
        assert [q.difficulty for q in qs] == list(daily.PLAN)
        assert len({q.kind for q in qs}) == daily.QUESTIONS               # five kinds of question
        for q in qs:
            assert len(q.choices) >= 2 and q.choices[q.correct] == q.answer
            assert len({c.casefold() for c in q.choices}) == len(q.choices)


def test_questions_survive_being_saved_as_json():
    qs = [daily.DailyQuestion("year", "Which year “quoted”?", ("2024", "2023", "2022"), 0, "hard", "src", "fact")]
    assert daily.from_json(daily.to_json(qs)) == qs


async def test_the_day_is_the_servers_local_date_around_midnight_in_two_timezones(store):
    await set_timezone(store, 1, "Europe/London")       # UTC+1 in July
    await set_timezone(store, 2, "America/New_York")    # UTC-4 in July
    before = dt.datetime(2026, 7, 7, 22, 59, tzinfo=UTC)     # 23:59 in London, 18:59 in New York
    after = dt.datetime(2026, 7, 7, 23, 1, tzinfo=UTC)       # 00:01 on the 8th in London
    ny_late = dt.datetime(2026, 7, 8, 3, 59, tzinfo=UTC)     # 23:59 on the 7th in New York
    ny_next = dt.datetime(2026, 7, 8, 4, 1, tzinfo=UTC)      # 00:01 on the 8th in New York
    assert await daily.server_day(store, 1, before) == DAY
    assert await daily.server_day(store, 1, after) == DAY + dt.timedelta(days=1)
    assert await daily.server_day(store, 2, after) == DAY
    assert await daily.server_day(store, 2, ny_late) == DAY
    assert await daily.server_day(store, 2, ny_next) == DAY + dt.timedelta(days=1)
    assert await daily.server_day(store, 3, after) == DAY                # no timezone set: UTC
    assert daily.local_date("Gone/Away", after) == DAY                  # not a zone any more: UTC

    made: list[tuple[int, dt.date]] = []

    def maker(guild: int, day: dt.date):
        async def make():
            made.append((guild, day))
            return fixed(tag=f" {guild} {day}")
        return make

    async def today(guild: int, now: dt.datetime):
        day = await daily.server_day(store, guild, now)
        return texts(await daily.challenge(store, guild, day, now, maker(guild, day)))

    # a London member a minute before midnight and one a minute after play different days; New York's two
    # members at those instants play one and the same day, made once
    assert await today(1, before) != await today(1, after)
    assert await today(2, before) == await today(2, after) == await today(2, ny_late)
    assert await today(2, ny_next) != await today(2, ny_late)
    assert made == [(1, DAY), (1, DAY + dt.timedelta(days=1)), (2, DAY), (2, DAY + dt.timedelta(days=1))]


async def test_the_first_saved_questions_are_everyones(store):
    async def make_a():
        await asyncio.sleep(0)
        return fixed(tag=" a")

    async def make_b():
        return fixed(tag=" b")

    got = await asyncio.gather(daily.challenge(store, 1, DAY, NOON, make_a), daily.challenge(store, 1, DAY, NOON, make_b))
    assert texts(got[0]) == texts(got[1])
    assert texts(await daily.challenge(store, 1, DAY, NOON, make_a)) == texts(got[0])

    async def nothing():
        return []
    assert await daily.challenge(store, 5, DAY, NOON, nothing) == []       # nothing saved: tried again next time
    assert await store.fetchone("SELECT 1 FROM quiz_daily_challenges WHERE guild_id = 5") is None


# -- attempts ----------------------------------------------------------------------------------------------

async def test_one_attempt_per_member_per_day_held_by_the_database_across_a_restart(store, state_target):
    first, new = await daily.begin(store, 1, 10, DAY, NOON)
    assert new and first.current == 1 and first.answered == 0 and not first.finished
    again, new = await daily.begin(store, 1, 10, DAY, NOON + dt.timedelta(minutes=5))
    assert not new and again.shown_at == first.shown_at        # the same attempt, not a new one
    restarted = await StateStore.open(state_target)            # a new process over the same database
    try:
        later, new = await daily.begin(restarted, 1, 10, DAY, NOON + dt.timedelta(hours=3))
        assert not new and later.shown_at == first.shown_at
        with pytest.raises(IntegrityError):                     # the primary key, not our code, refuses it
            async with restarted.write() as db:
                await db.execute("INSERT INTO quiz_daily_attempts (guild_id, user_id, local_date, started_at, "
                                 "shown_at) VALUES (1, 10, ?, 'x', 'x')", (DAY.isoformat(),))
        # the next day, another server: attempts of their own
        assert (await daily.begin(restarted, 1, 10, DAY + dt.timedelta(days=1), NOON))[1]
        assert (await daily.begin(restarted, 2, 10, DAY, NOON))[1]
    finally:
        await restarted.close()
    assert (await store.fetchone("SELECT count(*) FROM quiz_daily_attempts"))[0] == 3


async def test_answers_score_in_order_once_each_and_too_slow_is_a_miss(store):
    qs = fixed()
    t = NOON
    await daily.begin(store, 1, 10, DAY, t)
    right = await daily.answer(store, 1, 10, DAY, 1, 1, qs, t + dt.timedelta(seconds=4))
    assert right.status == daily.CORRECT and right.attempt.current == 2 and right.attempt.correct == 1
    # a second click on question 1 (an old message) and a click on question 3 before 2: refused, nothing saved
    assert (await daily.answer(store, 1, 10, DAY, 1, 1, qs, t + dt.timedelta(seconds=5))).status == daily.ALREADY
    assert (await daily.answer(store, 1, 10, DAY, 3, 1, qs, t + dt.timedelta(seconds=5))).status == daily.NOT_YET
    wrong = await daily.answer(store, 1, 10, DAY, 2, 0, qs, t + dt.timedelta(seconds=10))
    assert wrong.status == daily.WRONG and wrong.attempt.correct == 1 and wrong.attempt.current == 3
    # question 3 was shown at +10 s: a right click 31 s later is too slow, a miss
    slow = await daily.answer(store, 1, 10, DAY, 3, 1, qs, t + dt.timedelta(seconds=41))
    assert slow.status == daily.TOO_SLOW and slow.choice is None and slow.attempt.correct == 1
    assert slow.attempt.elapsed == pytest.approx(4 + 6 + daily.ANSWER_TIME)
    await daily.answer(store, 1, 10, DAY, 4, 1, qs, t + dt.timedelta(seconds=43))
    last = await daily.answer(store, 1, 10, DAY, 5, 2, qs, t + dt.timedelta(seconds=44))
    assert last.status == daily.WRONG and last.attempt.finished and last.attempt.current == 0
    assert last.attempt.choices == (1, 0, None, 1, 2) and last.attempt.correct == 2 and last.attempt.answered == 5
    assert not last.attempt.playing(t + dt.timedelta(seconds=45))
    assert (await daily.answer(store, 1, 10, DAY, 5, 1, qs, t + dt.timedelta(seconds=45))).status == daily.ALREADY
    # no attempt: another member clicking, or another day
    assert (await daily.answer(store, 1, 11, DAY, 1, 1, qs, t)).status == daily.NO_ATTEMPT
    assert (await daily.answer(store, 1, 10, DAY + dt.timedelta(days=1), 1, 1, qs, t)).status == daily.NO_ATTEMPT
    assert (await store.fetchone("SELECT count(*) FROM quiz_daily_answers"))[0] == 5


async def test_an_attempt_left_midway_counts_what_was_answered_and_cannot_start_again(store):
    qs = fixed()
    started, _ = await daily.begin(store, 1, 10, DAY, NOON)
    assert started.playing(NOON + dt.timedelta(seconds=30)) and not started.playing(NOON + dt.timedelta(seconds=31))
    await daily.answer(store, 1, 10, DAY, 1, 1, qs, NOON + dt.timedelta(seconds=3))
    second = (await daily.answer(store, 1, 10, DAY, 2, 1, qs, NOON + dt.timedelta(seconds=5))).attempt
    assert second.playing(NOON + dt.timedelta(seconds=20))             # question 3, shown at +5 s
    # they walk away; later the same day they ask again: their attempt as it stands, question 3 still pending
    att, new = await daily.begin(store, 1, 10, DAY, NOON + dt.timedelta(hours=2))
    assert not new and (att.answered, att.correct, att.current, att.finished) == (2, 2, 3, False)
    assert not att.playing(NOON + dt.timedelta(hours=2))
    [row] = await daily.day_board(store, 1, DAY)
    assert (row.user_id, row.correct, row.answered) == (10, 2, 2)
    # the old message's button, hours later: a miss, and the attempt moves on (it is never restarted)
    late = await daily.answer(store, 1, 10, DAY, 3, 1, qs, NOON + dt.timedelta(hours=2))
    assert late.status == daily.TOO_SLOW and late.attempt.current == 4 and late.attempt.correct == 2


# -- the board and streaks ---------------------------------------------------------------------------------

async def play(store, guild: int, user: int, day: dt.date, picks: list[int], secs: float = 2.0) -> daily.Attempt:
    qs = fixed()
    t = dt.datetime.combine(day, dt.time(12), tzinfo=UTC)
    await daily.begin(store, guild, user, day, t)
    att = None
    for n, pick in enumerate(picks, 1):
        t += dt.timedelta(seconds=secs)
        att = (await daily.answer(store, guild, user, day, n, pick, qs, t)).attempt
    assert att is not None
    return att


async def test_the_days_board_ranks_right_answers_then_time_in_one_server_and_day(store):
    await play(store, 1, 10, DAY, [1, 1, 1, 0, 0])             # 3 right, 10 s
    await play(store, 1, 20, DAY, [1, 1, 1, 1, 0], secs=5)     # 4 right, 25 s
    await play(store, 1, 30, DAY, [1, 1, 1, 0, 2], secs=1)     # 3 right, 5 s: ahead of 10
    await play(store, 1, 40, DAY, [1, 1, 1, 0, 0])             # 3 right, 10 s: ties with 10
    await play(store, 1, 50, DAY, [1])                          # left after one: 1 right
    await play(store, 2, 60, DAY, [1, 1, 1, 1, 1])             # another server
    await play(store, 1, 70, DAY - dt.timedelta(days=1), [1, 1, 1, 1, 1])   # yesterday
    board = await daily.day_board(store, 1, DAY)
    assert [(r.rank, r.user_id, r.correct, r.answered) for r in board] == [
        (1, 20, 4, 5), (2, 30, 3, 5), (3, 10, 3, 5), (3, 40, 3, 5), (5, 50, 1, 1)]
    assert [r.elapsed for r in board] == [25.0, 5.0, 10.0, 10.0, 2.0]
    assert daily.rank_of(board, 40).rank == 3 and daily.rank_of(board, 60) is None
    assert len(await daily.day_board(store, 1, DAY, limit=2)) == 2
    assert await daily.day_board(store, 3, DAY) == []


def test_streaks_run_over_consecutive_days_and_a_missed_day_ends_them():
    d = DAY
    days = [d - dt.timedelta(days=n) for n in (0, 1, 2, 4, 5, 6, 7)]     # today, 2 days before; gap; 4 days
    assert daily.streaks(days, d) == daily.Streak(3, 4, True)
    # not played today yet: yesterday's run is still alive
    assert daily.streaks(days[1:], d) == daily.Streak(2, 4, False)
    # the last day played was two days ago: the streak is over
    assert daily.streaks([d - dt.timedelta(days=2), d - dt.timedelta(days=3)], d) == daily.Streak(0, 2, False)
    assert daily.streaks([], d) == daily.Streak(0, 0, False)
    assert daily.streaks([d, d, d + dt.timedelta(days=1)], d) == daily.Streak(1, 1, True)   # repeats, future days
    # across a month and a year end
    assert daily.streaks([dt.date(2026, 12, 31), dt.date(2027, 1, 1)], dt.date(2027, 1, 1)).current == 2


async def test_member_streaks_from_the_days_played_in_the_server(store):
    for n in (0, 1, 2, 4):
        await play(store, 1, 10, DAY - dt.timedelta(days=n), [0])     # any score counts as a day played
    await play(store, 2, 10, DAY - dt.timedelta(days=3), [1])          # another server: not this streak
    s = await daily.member_streak(store, 1, 10, DAY)
    assert (s.current, s.best, s.played_today) == (3, 3, True)
    tomorrow = await daily.member_streak(store, 1, 10, DAY + dt.timedelta(days=1))
    assert (tomorrow.current, tomorrow.played_today) == (3, False)     # alive until tomorrow ends
    gone = await daily.member_streak(store, 1, 10, DAY + dt.timedelta(days=2))
    assert (gone.current, gone.best) == (0, 3)                          # a missed day resets it
    assert (await daily.member_streak(store, 2, 10, DAY)).current == 0


async def test_a_members_record_counts_their_days_and_right_answers_in_the_server_up_to_today(store):
    await play(store, 1, 10, DAY, [1, 1, 0, 1, 1])                        # 4 right
    await play(store, 1, 10, DAY - dt.timedelta(days=1), [1, 0])          # left after two: 1 right
    await play(store, 1, 10, DAY - dt.timedelta(days=3), [0])             # 0 right, a gap before it
    await play(store, 2, 10, DAY, [1, 1, 1, 1, 1])                        # another server
    await play(store, 1, 20, DAY, [1, 1, 1, 1, 1])                        # another member
    await play(store, 1, 10, DAY + dt.timedelta(days=1), [1, 1, 1])        # a later day (a timezone moved back)
    rec = await daily.member_record(store, 1, 10, DAY)
    assert (rec.days, rec.correct, rec.asked) == (3, 5, 15)
    assert rec.streak == daily.Streak(2, 2, True)
    assert rec.streak == await daily.member_streak(store, 1, 10, DAY)
    none = await daily.member_record(store, 3, 10, DAY)
    assert (none.days, none.correct, none.asked, none.streak.best) == (0, 0, 0, 0)
