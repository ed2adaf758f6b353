"""Red-DiscordBot trivia lists: schema validation, yes/no kept as text, all-or-nothing import with lines."""
from __future__ import annotations

import json
import sqlite3

import jsonschema
import pytest

from bot.quiz import trivia_lists as tl
from bot.quiz.answers import check

GOOD = """\
AUTHOR: A Fan
DESCRIPTION: A few questions
CONFIG:
  max_score: 5
  reveal_answer: yes
  delay: 20
Is the steeplechase 3000 m long?:
- yes
- Yes
Is the mile longer than 1600 m?:
- no
When was it?:
- 1969
Which mark?:
- 9.80
"""


def test_every_shipped_list_is_valid():
    lists = tl.shipped_lists()
    assert lists, "data/trivia/ has no list"
    validator = jsonschema.Draft202012Validator(tl.schema())
    for name, path in lists.items():
        parsed = tl.load(path)                    # raises on any problem
        assert parsed.questions and parsed.author
        raw = {k: v for k, v in __import__("yaml").safe_load(path.read_text()).items()}
        assert not list(validator.iter_errors(raw)), name


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(tl.schema())


def test_yes_and_no_stay_text_and_numbers_keep_their_digits():
    t = tl.parse(GOOD, "fan")
    answers = {q.question: q.answers for q in t.questions}
    assert answers["Is the steeplechase 3000 m long?"] == ("yes", "Yes")
    assert answers["Is the mile longer than 1600 m?"] == ("no",)
    assert answers["When was it?"] == ("1969",)
    assert answers["Which mark?"] == ("9.80",)
    assert t.config == {"max_score": 5, "reveal_answer": True, "delay": 20}
    assert [q.line for q in t.questions] == [7, 10, 12, 14]
    q = {x.text: x for x in t.as_questions()}["Is the steeplechase 3000 m long?"]
    assert check(q.answer, "YES") and not check(q.answer, "no")


@pytest.mark.parametrize("text,line,words", [
    ("AUTHOR: me\n", None, "no questions"),
    ("- a\n- b\n", 1, "mapping"),
    ("q:\n- [a, b]\n", 2, "must be text"),
    ("q: []\n", 1, "no answers"),
    ("q: just text\n", 1, "not of type 'array'"),
    ("q:\n- ~\n", 2, "empty"),
    ("q:\n- a\nCONFIG:\n  max_score: 0\n", 3, "max_score"),
    ("q:\n- a\nCONFIG:\n  delay: 2\n", 3, "minimum of 4"),
    ("q:\n- a\nCONFIG:\n  colour: red\n", 3, "unknown CONFIG key"),
    ("q:\n- a\nAUTHOR: [x]\n", 3, "AUTHOR"),
    ("q: [a\n", 2, "not valid YAML"),
])
def test_errors_name_their_line(text, line, words):
    with pytest.raises(tl.TriviaListError) as err:
        tl.parse(text)
    assert any(l == line and words in msg for l, msg in err.value.errors), err.value.errors


def test_a_repeated_question_is_a_warning_naming_both_lines():
    """Red accepts it (yaml.safe_load keeps the last): so do we, and say so. It was an error until issue 16."""
    t = tl.parse("q1:\n- a\nq1:\n- b\n")
    assert [(q.question, q.answers, q.line) for q in t.questions] == [("q1", ("b",), 3)]
    assert t.warnings == ((3, "'q1' appears twice (first on line 1); the later one is used"),)


def test_every_error_is_reported_at_once():
    text = "ok:\n- fine\nbad1: []\nbad2:\n- ~\nCONFIG:\n  nope: 1\n"
    with pytest.raises(tl.TriviaListError) as err:
        tl.parse(text)
    assert [l for l, _ in err.value.errors] == [3, 4, 5, 6]


async def test_import_is_all_or_nothing(store):
    with pytest.raises(tl.TriviaListError):
        await tl.import_list(store, 1, "broken", GOOD + "Bad one: []\n", 5, "2026-01-01T00:00:00Z")
    assert (await store.fetchone("SELECT count(*) FROM quiz_trivia_lists"))[0] == 0
    assert (await store.fetchone("SELECT count(*) FROM quiz_trivia_questions"))[0] == 0
    saved = await tl.import_list(store, 1, "fan", GOOD, 5, "2026-01-01T00:00:00Z")
    assert len(saved.questions) == 4
    with pytest.raises(tl.TriviaListError):
        await tl.import_list(store, 1, "fan", GOOD, 5, "2026-01-01T00:00:00Z")     # name taken
    await tl.import_list(store, 1, "fan", "only: [one]\n", 5, "2026-01-02T00:00:00Z", replace=True)
    back = await tl.get_list(store, 1, "fan")
    assert [q.question for q in back.questions] == ["only"] and back.questions[0].answers == ("one",)
    assert await tl.get_list(store, 2, "fan") is None                  # another server's list
    assert "world-record-holders" in await tl.list_names(store, 1)
    assert (await tl.get_list(store, 1, "world-record-holders")).questions


def test_shipped_list_matches_the_database(db_path):
    """The sample list is generated, not typed: regenerating it from the reference data gives the same file."""
    from bot.quiz.make_trivia import OUT, build
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        assert build(conn) == OUT.read_text(encoding="utf-8")
    finally:
        conn.close()


def test_config_round_trips_as_json():
    assert json.loads(json.dumps(tl.parse(GOOD).config))["delay"] == 20


def test_shipped_list_agrees_with_the_raw_record_lists():
    """Checked against the world, not the database: every item whose record the raw lists settle (the goldgen
    reading of national.csv and WA's list, tests/ask/goldgen/records.py) names that holder with that mark."""
    import re

    import yaml
    from anyascii import anyascii

    from bot.common import events as ev
    from bot.quiz.make_trivia import OUT
    from tests.ask.goldgen import raw, records
    if not raw.available():
        pytest.skip("../shared/datasets is not present")
    wr = records.world_records()
    by_name = {e.name.lower(): code for code, e in ev.EVENTS.items()}
    checked = 0
    for question, answers in yaml.safe_load(OUT.read_text(encoding="utf-8")).items():
        m = re.fullmatch(r"Who holds the (men's|women's|mixed) (.+) world record \((.+)\)\?", str(question))
        if not m:
            continue
        sex = {"men's": "M", "women's": "W"}.get(m[1])
        code = by_name.get(m[2].lower())
        holder = wr.get((code, sex, False)) if code and sex else None
        if holder is None:
            continue
        said, raw_name = (set(anyascii(x).lower().split()) for x in (answers[0], holder.name))
        # one athlete under two spellings ("David Rudisha", "David Lekuta Rudisha"): one holds the other's words
        assert (said <= raw_name or raw_name <= said) and m[3] == holder.mark, (question, holder.name, holder.mark)
        checked += 1
    assert checked >= 30, checked
