"""Questions generated from the real reference database: every answer checked against the database with
queries of its own, distractors distinct from the answer, and the answer accepted by its own checker."""
from __future__ import annotations

import random

import pytest

from bot.common import names
from bot.quiz.answers import check
from bot.quiz.model import DIFFICULTIES
from bot.quiz.questions import KINDS, GameSource, QuestionBank
from bot.quiz.quote_pool import Quote

PER_KIND = 25


@pytest.fixture(scope="module")
def bank(db_path):
    b = QuestionBank.open(db_path, random.Random(20240526))
    yield b
    b.conn.close()


def name_of(ref, aid):
    return ref.execute("SELECT name FROM athletes WHERE id = ?", (aid,)).fetchone()[0]


def final_winners(ref, comp_id, event_id):
    return {a for (a,) in ref.execute(
        "SELECT DISTINCT res.athlete_id FROM results res JOIN races r ON r.id = res.race_id "
        "WHERE r.competition_id = ? AND r.event_id = ? AND (r.round = 'F' OR r.round IS NULL) AND r.label IS NULL "
        "AND res.place = 1 AND res.status = 'OK' AND instr(res.flags, 'DOP') = 0 "
        "AND (res.position IS NULL OR res.position NOT GLOB '*[A-Za-z]*')", (comp_id, event_id))}


def top_current(ref, f):
    rows = ref.execute(
        "SELECT rec.athlete_id, rec.mark_value, s.authority FROM records rec JOIN sources s ON s.id = rec.source_id "
        "WHERE rec.kind = ? AND rec.region = ? AND rec.event_id = ? AND rec.indoor = ? AND rec.current = 1 "
        "ORDER BY s.authority DESC", (f["kind"], f["region"], f["event_id"], f["indoor"])).fetchall()
    return [r for r in rows if r[2] == rows[0][2]]


def verify(ref, q):
    """The question's claim, re-derived from the database."""
    f = q.facts
    if q.kind == "winner":
        assert final_winners(ref, f["competition_id"], f["event_id"]) == {f["athlete_id"]}
        assert q.answer.display == name_of(ref, f["athlete_id"])
        comp, ev = ref.execute("SELECT c.name, e.name FROM competitions c, events e WHERE c.id = ? AND e.id = ?",
                               (f["competition_id"], f["event_id"])).fetchone()
        assert comp in q.text and ev.lower() in q.text.lower()
    elif q.kind == "year":
        years = {y for (y,) in ref.execute(
            "SELECT DISTINCT c.year FROM races r JOIN results res ON res.race_id = r.id "
            "JOIN competitions c ON c.id = r.competition_id WHERE c.series_id = ? AND r.event_id = ? "
            "AND res.athlete_id = ? AND res.place = 1 AND (r.round = 'F' OR r.round IS NULL)",
            (f["series_id"], f["event_id"], f["athlete_id"]))}
        assert years == {f["year"]} and q.answer.display == str(f["year"])
        assert name_of(ref, f["athlete_id"]) in q.text
    elif q.kind == "mark_at_meet":
        who = {a for (a,) in ref.execute(
            "SELECT DISTINCT res.athlete_id FROM results res JOIN races r ON r.id = res.race_id "
            "WHERE r.competition_id = ? AND r.event_id = ? AND abs(res.mark_value - ?) < 1e-6",
            (f["competition_id"], f["event_id"], f["mark_value"]))}
        assert who == {f["athlete_id"]} and q.answer.display == name_of(ref, f["athlete_id"])
    elif q.kind == "record":
        top = top_current(ref, f)
        assert {r[1] for r in top} == {f["mark_value"]}
        code = ref.execute("SELECT code FROM events WHERE id = ?", (f["event_id"],)).fetchone()[0]
        assert q.answer.event_code == code
        from bot.common.marks import parse_mark
        assert abs(parse_mark(q.answer.display, code).value - f["mark_value"]) < 1e-6
    elif q.kind == "record_holder":
        top = top_current(ref, f)
        assert {r[0] for r in top} == {f["athlete_id"]}
        assert q.answer.display == name_of(ref, f["athlete_id"])
    elif q.kind == "higher_lower":
        a, b = (ref.execute("SELECT rank_value FROM bests WHERE event_id = ? AND athlete_id = ? AND indoor = 0",
                            (f["event_id"], x)).fetchone()[0] for x in (f["a_id"], f["b_id"]))
        assert (b < a) == f["b_better"] and a != b
        lower = ref.execute("SELECT lower_is_better FROM events WHERE id = ?", (f["event_id"],)).fetchone()[0]
        better_word = "faster" if lower else "higher"
        assert (q.answer.display == better_word) == (b < a)
    elif q.kind == "odd_one_out":
        holders = {a for (a,) in ref.execute(
            "SELECT DISTINCT athlete_id FROM records WHERE kind = 'world' AND event_id = ?", (f["event_id"],))}
        assert f["athlete_id"] not in holders
        assert set(f["holder_ids"]) <= holders
        assert q.answer.display == name_of(ref, f["athlete_id"])
        assert all(c in q.text for c in q.choices)
    else:
        raise AssertionError(q.kind)


@pytest.mark.parametrize("kind", KINDS)
def test_generated_answers_are_facts_in_the_database(bank, ref, kind):
    seen = 0
    for _ in range(PER_KIND):
        q = bank.generate(kind)
        assert q is not None, f"no {kind} question found"
        assert q.kind == kind and q.difficulty in DIFFICULTIES and q.source
        verify(ref, q)
        # the right answer, typed as shown, is accepted; no distractor is
        assert check(q.answer, q.answer.display)
        assert q.choices == () or q.answer.display in q.choices
        folded = names.fold(q.answer.display)
        assert all(names.fold(d) != folded for d in q.distractors)
        assert len(set(q.choices)) == len(q.choices)
        assert not any(check(q.answer, d) for d in q.distractors), (q.text, q.distractors)
        assert all(h != q.answer.display for h in q.hints)
        seen += 1
    assert seen == PER_KIND


def test_every_kind_offers_multiple_choice_mostly(bank):
    for kind in KINDS:
        qs = [bank.generate(kind) for _ in range(20)]
        assert sum(len(q.choices) >= 2 for q in qs) >= 15, kind


def test_winner_distractors_come_from_the_same_race(bank, ref):
    for _ in range(10):
        q = bank.generate("winner")
        f = q.facts
        field = {name_of(ref, a) for (a,) in ref.execute(
            "SELECT DISTINCT res.athlete_id FROM results res JOIN races r ON r.id = res.race_id "
            "WHERE r.competition_id = ? AND r.event_id = ? AND res.athlete_id != ?",
            (f["competition_id"], f["event_id"], f["athlete_id"]))}
        if len(field) >= 3:
            assert set(q.distractors) <= field, (q.text, q.distractors)


def test_difficulty_can_be_asked_for(bank):
    for level in DIFFICULTIES:
        qs = [bank.generate(None, level) for _ in range(8)]
        assert all(q is not None and q.difficulty == level for q in qs), level


def test_namesakes_make_a_surname_ambiguous(bank, ref):
    jakob = ref.execute("SELECT id FROM athletes WHERE name = 'Jakob Ingebrigtsen'").fetchone()[0]
    ev = ref.execute("SELECT id FROM events WHERE code = '1500m' AND sex = 'M'").fetchone()[0]
    spec = bank.name_spec(jakob, [], ev)
    assert {"Henrik Ingebrigtsen", "Filip Ingebrigtsen"} <= set(spec.others)
    assert check(spec, "Jakob Ingebrigtsen") and not check(spec, "Ingebrigtsen")
    assert not check(spec, "Henrik Ingebrigtsen")


def test_quote_questions(bank, ref):
    row = ref.execute("SELECT id, text, speaker_name, speaker_id FROM quotes WHERE speaker_id IS NOT NULL").fetchone()
    if row is None:
        pytest.skip("no quotes in the reference data")
    quote = Quote(f"ref:{row[0]}", row[1], row[2], row[3], "", None, "seed article")
    q = bank.q_quote(quote)
    assert q.kind == "quote" and q.answer.display == name_of(ref, row[3])
    assert q.text.startswith("Who said:") and len(q.choices) == 4
    assert check(q.answer, row[2])
    unknown = bank.q_quote(Quote("user:1", "We go again.", "Some Coach", None, "", None, "a podcast"))
    assert unknown.answer.display == "Some Coach" and check(unknown.answer, "some coach")


async def test_a_game_source_never_repeats_and_respects_choice_mode(bank):
    src = GameSource(bank, difficulty=None, rng=random.Random(3), mode="choice")
    qs = [await src.next() for _ in range(15)]
    assert all(q is not None and q.choices for q in qs)
    assert len({q.text for q in qs}) == 15
