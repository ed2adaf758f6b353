"""Trivia lists (Red-DiscordBot YAML) from users: any text, random or a corrupted real list, either parses or
raises TriviaListError with at least one line number; never another exception. import_list saves nothing
when it fails."""
from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.quiz import trivia_lists as tl
from bot.state.store import StateStore
from tests.reliability.test_fuzz_importers import _mutate_text

SHIPPED = next(iter(sorted(tl.LISTS_DIR.glob("*.yaml"))), None)
SAMPLE = """AUTHOR: Bell Lap
DESCRIPTION: test list
CONFIG:
  max_score: 5
  delay: 20
Who won the 2024 Olympic 1500 m?:
- Cole Hocker
- Hocker
In which year did Roger Bannister run the first sub-4 mile?:
- 1954
Is the mile longer than 1600 m?:
- yes
"""
BASE = (SHIPPED.read_text(encoding="utf-8")[:4000].rsplit("\n", 1)[0] + "\n") if SHIPPED else SAMPLE

YAMLISH = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from([
        "AUTHOR: x", "CONFIG:", "  max_score: 0", "  delay: -1", "  bogus: 1", "  timeout: .nan", "Q?:", "- a",
        "- ", "-", "- [a, b]", "- {a: 1}", "  - nested", "? complex", ": v", "&a [*a]", "*a", "&x x", "!!python/object:os.system ls",
        "!!binary aGk=", "!!timestamp 2001-12-14", "Q?: yes", "Q?: [1969, 9.80, on]", "'''", '"unterminated', "\t- tab",
        "---", "...", "%YAML 1.1", "%TAG ! tag:x,2000:", "Q?: !!set {a, b}", "<<: *a", "\x00", "\x07", "\ufeff",
        "\u2028", "key: [", "{", "}", "Q" * 300 + ": [a]",
    ]), max_size=15).map("\n".join),
)


def _check(text: str) -> None:
    try:
        out = tl.parse(text)
    except tl.TriviaListError as exc:
        assert exc.errors, "a TriviaListError with no error in it"
        assert any(line for line, _ in exc.errors) or all(
            "larger than" in m or "no questions" in m or "mapping" in m or "more than" in m for _, m in exc.errors), \
            f"no line number in {exc.errors}"
        return
    assert isinstance(out, tl.TriviaList) and out.questions


@settings(max_examples=600, deadline=None)
@given(text=YAMLISH)
@example("\x1f")                                              # ReaderError, raised before parsing: was not caught
@example("CONFIG: !!python/object:os.system ls\nQ?: [a]")    # ConstructorError from CONFIG: was not caught
@example("CONFIG: {delay: !!float x}\nQ?: [a]")              # ValueError from CONFIG: was not caught
@example("CONFIG: &a [*a]\nQ?: &b [*b]")
def test_random_yaml_parses_or_names_a_line(text):
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow])
@given(data=st.data())
def test_corrupted_list_parses_or_names_a_line(data):
    raw = BASE.encode("utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        raw = _mutate_text(raw, data.draw, b":")
    _check(raw.decode("utf-8", "replace"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=YAMLISH)
def test_failed_list_import_saves_nothing(text):
    async def go():
        with tempfile.TemporaryDirectory() as d:
            store = await StateStore.open(Path(d) / "state.sqlite3")
            try:
                try:
                    await tl.import_list(store, 1, "fuzz", text, 2, "2026-01-01T00:00:00Z")
                except tl.TriviaListError:
                    rows = await store.fetchall("SELECT count(*) FROM quiz_trivia_lists")
                    qs = await store.fetchall("SELECT count(*) FROM quiz_trivia_questions")
                    assert rows[0][0] == 0 and qs[0][0] == 0
            finally:
                await store.close()
    asyncio.run(go())
