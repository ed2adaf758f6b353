"""Follow-up questions in the console (`python -m bot console`): text without a slash is /ask, so each line
builds on the one before, as a member's would in a channel; the answers are the engine's to the same
conversation, with what was carried said."""
from __future__ import annotations

import re

import pytest

from tests.ask.test_followup import talk

from .test_console import console, sections

TURNS = ["who won pre 2024 mile", "and who was third?", "what about 2023?", "the women's?", "his pb?",
         "ingebrigtsen vs him"]


def flat(text: str) -> str:
    """The console's boxes taken away and lines joined: the words as they read."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.fixture(scope="module")
def run(db_path, tmp_path_factory):
    return console(db_path, tmp_path_factory.mktemp("followup"), [*TURNS, "quit"], "console")


def test_the_issue_conversation_in_the_console(run, engine):
    assert run.returncode == 0, run.stderr
    answers = sections(run.stdout)
    assert [typed for typed, _ in answers] == [*TURNS, "quit"]
    want = talk(engine, TURNS)
    for k, ((typed, out), answer) in enumerate(zip(answers, want, strict=False)):
        shown = flat(out)
        assert flat(answer.headline) in shown, (typed, shown)
        if k:
            assert "Following on from “" in shown, (typed, shown)
    third = flat(answers[1][1])
    assert "Following on from “who won pre 2024 mile”: Prefontaine Classic 2024, men's mile, 3rd place." in third
    # the women's race is not in the data: said, and the context stays the men's race of 2023
    assert want[3].status != "answered"
    assert f"“his” read as {want[2].subjects[0].name}" in flat(answers[4][1])
