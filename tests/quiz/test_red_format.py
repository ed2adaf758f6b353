"""What Red-DiscordBot accepts, we accept (issue 16): small lists written here that reproduce what Red's own 54
lists do (their files are not in this repository: see bench/red_lists.py), and `python -m bot quiz check-list`."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.quiz import checklist
from bot.quiz import trivia_lists as tl

ROOT = Path(__file__).resolve().parents[2]

# as in Red's music.yaml and worldcup.yaml: the same question twice, further down, with other answers
REPEATED = """\
AUTHOR: A Fan
Who won the 1500 m?:
- Kerr
- Josh Kerr
Which city hosts the Bislett Games?:
- Oslo
Who won the 1500 m?:
- Hocker
- Cole Hocker
"""

# Red's CONFIG keys, with the types Red's schema allows (timeout and delay may be floats, bot_plays a YAML bool)
RED_CONFIG = """\
AUTHOR: A Fan
DESCRIPTION: Every CONFIG key Red knows.
CONFIG:
  max_score: 10
  timeout: 120.5
  delay: 30
  bot_plays: no
  reveal_answer: yes
  payout_multiplier: 0
  use_spoilers: true
Q?:
- a
"""

# answers Red's _parse_answers turns into text (YAML 1.1 bools and numbers): we keep them as written
ANSWERS = """\
Is the mile longer than 1500 m?:
- yes
- Y
Is it run indoors?:
- no
- off
Which map?:
- Map07
- 07
- 7
What was the winning mark?:
- 9.80
- 1e3
- .inf
In which year?: [1969, 0x10]
"""

# Red's gameofthrones.yaml has no AUTHOR; questions may be quoted or long folded lines
NO_AUTHOR = """\
"Quoted: with a colon?":
- "yes: really"
? >-
  A folded question
  on two lines?
: - answer
"""


def test_a_repeated_question_imports_with_a_warning_and_the_later_answers_win():
    t = tl.parse(REPEATED)
    assert [(q.question, q.answers, q.line) for q in t.questions] == [
        ("Who won the 1500 m?", ("Hocker", "Cole Hocker"), 7),      # its place is the first one's, as in Red
        ("Which city hosts the Bislett Games?", ("Oslo",), 5)]
    assert t.warnings == ((7, "'Who won the 1500 m?' appears twice (first on line 2); the later one is used"),)
    red = yaml.safe_load(REPEATED)      # what Red reads from the same file
    assert [(k, tuple(v)) for k, v in red.items() if k != "AUTHOR"] == [(q.question, q.answers) for q in t.questions]


def test_only_the_last_copy_is_checked_as_red_does():
    """The earlier copy is dropped unread, even when it alone is broken."""
    t = tl.parse("Q?: []\nR?: [r]\nQ?: [fixed]\nQ?: [again]\n")
    assert [(q.question, q.answers) for q in t.questions] == [("Q?", ("again",)), ("R?", ("r",))]
    assert t.warnings == ((3, "'Q?' appears twice (first on line 1); the later one is used"),
                          (4, "'Q?' appears 3 times (first on line 1); the later one is used"))
    with pytest.raises(tl.TriviaListError) as err:        # and a broken last copy is an error, warning kept
        tl.parse("Q?: [fine]\nQ?: []\n")
    assert err.value.errors == [(2, "question 'Q?': has no answers")]
    assert err.value.warnings == [(2, "'Q?' appears twice (first on line 1); the later one is used")]


async def test_the_import_saves_the_later_answers(store):
    saved = await tl.import_list(store, 1, "repeated", REPEATED, 5, "2026-01-01T00:00:00Z")
    assert len(saved.questions) == 2 and len(saved.warnings) == 1
    back = await tl.get_list(store, 1, "repeated")
    assert [(q.question, q.answers) for q in back.questions] == [
        ("Who won the 1500 m?", ("Hocker", "Cole Hocker")), ("Which city hosts the Bislett Games?", ("Oslo",))]


def test_red_config_keys_are_read_as_red_reads_them():
    t = tl.parse(RED_CONFIG)
    assert t.config == {"max_score": 10, "timeout": 120.5, "delay": 30, "bot_plays": False,
                        "reveal_answer": True, "payout_multiplier": 0, "use_spoilers": True}
    assert t.description == "Every CONFIG key Red knows."


def test_yes_no_and_numbers_stay_as_written():
    answers = {q.question: q.answers for q in tl.parse(ANSWERS).questions}
    assert answers == {
        "Is the mile longer than 1500 m?": ("yes", "Y"),
        "Is it run indoors?": ("no", "off"),
        "Which map?": ("Map07", "07", "7"),
        "What was the winning mark?": ("9.80", "1e3", ".inf"),
        "In which year?": ("1969", "0x10"),
    }


def test_no_author_quoted_and_folded_questions():
    t = tl.parse(NO_AUTHOR)
    assert t.author == ""
    assert [(q.question, q.answers) for q in t.questions] == [
        ("Quoted: with a colon?", ("yes: really",)), ("A folded question on two lines?", ("answer",))]


# -- python -m bot quiz check-list

@pytest.fixture()
def lists(tmp_path: Path) -> dict[str, Path]:
    files = {"repeated.yaml": REPEATED, "config.yaml": RED_CONFIG, "answers.yaml": ANSWERS,
             "broken.yaml": "Q?: []\nCONFIG:\n  colour: red\n"}
    out = {}
    for name, text in files.items():
        out[name] = tmp_path / name
        out[name].write_text(text, encoding="utf-8")
    out["latin1.yaml"] = tmp_path / "latin1.yaml"
    out["latin1.yaml"].write_bytes("Q?: [caf\xe9]\n".encode("latin-1"))
    return out


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "BELL_LAP_DB")}
    return subprocess.run([sys.executable, "-m", "bot", "quiz", "check-list", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_list_reports_each_file_and_fails_when_one_does(lists):
    done = cli(*(str(p) for p in lists.values()))
    assert done.returncode == 1, done.stderr
    out = done.stdout.splitlines()
    r, c, a, b, latin = (str(lists[n]) for n in ("repeated.yaml", "config.yaml", "answers.yaml", "broken.yaml",
                                                 "latin1.yaml"))
    assert out == [
        f"{r}: 2 questions, 1 warning",
        "  line 7: warning: 'Who won the 1500 m?' appears twice (first on line 2); the later one is used",
        f"{c}: 1 question",
        f"{a}: 5 questions",
        f"{b}: not importable, 2 problems",
        "  line 1: question 'Q?': has no answers",
        "  line 2: CONFIG: unknown CONFIG key ('colour' was unexpected)",
        f"{latin}: not importable, 1 problem",
        "  the file is not UTF-8 text",
        "3 of 5 lists import: 8 questions, 1 warning in 1 list; 2 fail",
    ]


def test_check_list_passes_when_every_file_imports(lists):
    done = cli(str(lists["repeated.yaml"]), str(lists["answers.yaml"]))
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == \
        "2 of 2 lists import: 7 questions, 1 warning in 1 list; 0 fail"
    assert cli(str(lists["answers.yaml"])).stdout == f"{lists['answers.yaml']}: 5 questions\n"


def test_check_list_on_a_missing_file_and_the_bomb(tmp_path):
    from tests.reliability.hostile_lists import alias_bomb
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    out = io.StringIO()
    assert checklist.run([tmp_path / "nope.yaml", bomb], out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0] == f"{tmp_path / 'nope.yaml'}: not importable, 1 problem"
    assert lines[1] == "  cannot read the file: No such file or directory"
    assert lines[3].startswith("  line 5: the aliases (*name) in this list expand to more than 10,000 values")
    assert lines[-1] == "0 of 2 lists import: 0 questions, 0 warnings in 0 lists; 2 fail"


def test_the_red_lists_bench_summarises_a_folder(lists, tmp_path):
    for name in ("broken.yaml", "latin1.yaml"):
        lists[name].unlink()
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "red_lists.py"), str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert out[0] == f"{lists['repeated.yaml']}: 2 questions, 1 warning"
    assert out[-1] == "3 of 3 lists import: 8 questions, 1 warning in 1 list; 0 fail"
