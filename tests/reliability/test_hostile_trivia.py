"""Trivia lists made to hurt (issue 16): alias bombs, deep nesting, huge messages, a slow read — each refused
quickly, in little memory, with a short message naming the problem and its line; and reading a list from a
server never stops the event loop."""
from __future__ import annotations

import asyncio
import time
import tracemalloc

import pytest

from bot.quiz import trivia_lists as tl
from tests.reliability.hostile_lists import alias_bomb, deep_block, deep_flow

LOADERS = [tl._PyLoader] + ([tl._CLoader] if hasattr(tl, "_CLoader") else [])
FAST = 2.0                  # seconds: generous (the refusal takes about a millisecond); before, 41 s then MemoryError
SMALL = 20 * 1024 * 1024    # bytes allocated at the peak while refusing; before, over 2.4 GB


def refused(text: str, *, trace: bool = True) -> tuple[tl.TriviaListError, float, int]:
    """parse(text) must raise TriviaListError: the error, the seconds it took and the peak bytes allocated
    (0 unless traced: tracemalloc makes reading several times slower)."""
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(tl.TriviaListError) as err:
            tl.parse(text)
        return err.value, time.perf_counter() - t0, tracemalloc.get_traced_memory()[1] if trace else 0
    finally:
        if trace:
            tracemalloc.stop()


def assert_short(err: tl.TriviaListError) -> None:
    assert err.errors and len(err.errors) <= tl.MAX_PROBLEMS + 1
    assert all(len(msg) <= tl.MAX_MESSAGE for _, msg in err.errors + err.warnings), err.errors
    assert len(str(err)) <= (tl.MAX_PROBLEMS + 1) * (tl.MAX_MESSAGE + 20)


@pytest.mark.parametrize("use", [
    "CONFIG: *{last}",                       # read as metadata: the schema printed it (312 M characters at depth 8)
    "AUTHOR: *{last}",
    "Who ran it?: {{answer: *{last}}}",      # a question whose value is a mapping
    "Who ran it?: [*{last}]",
])
def test_the_billion_laughs_is_refused_at_once_in_little_memory(use):
    bomb = alias_bomb(depth=9, width=9, use=use)
    assert len(bomb.encode()) < 600                       # the file was 518 bytes
    err, seconds, peak = refused(bomb)
    assert seconds < FAST and peak < SMALL, (seconds, peak)
    assert_short(err)
    assert len(err.errors) == 1
    line, msg = err.errors[0]
    assert line is not None and 1 <= line <= 10 and "aliases" in msg and f"{tl.MAX_ALIAS_NODES:,} values" in msg


@pytest.mark.parametrize("depth", range(1, 10))
def test_every_depth_of_the_bomb_gives_a_short_answer(depth):
    """Below the bound the list is read and the schema complains; above it the aliases are refused: either
    way quickly and briefly."""
    err, seconds, _ = refused(alias_bomb(depth=depth, width=9))
    assert seconds < FAST
    assert_short(err)


def test_a_long_text_repeated_by_aliases_is_refused():
    """Few values but many characters: the schema's message would print them all."""
    text = "x" * 300_000
    err, seconds, _ = refused(f'Q?: [a]\nlong: &s ["{text}"]\nCONFIG: [*s, *s, *s, *s]\n')
    assert seconds < FAST and "aliases" in err.errors[0][1] and err.errors[0][0] == 3
    assert_short(err)


def test_a_list_that_contains_itself_is_refused():
    err, _, _ = refused("Q?: [a]\nCONFIG: &loop {again: *loop}\n")
    assert err.errors == [(2, "the alias *loop is inside its own anchor: a list cannot contain itself")]


@pytest.mark.parametrize("text, line", [(deep_flow(5000), 2), (deep_block(1000), tl.MAX_DEPTH + 1),
                                        (deep_flow(tl.MAX_DEPTH), 2), (deep_block(50), tl.MAX_DEPTH + 1)],
                         ids=["flow-5000", "block-1000", f"flow-{tl.MAX_DEPTH}", "block-50"])
def test_deep_nesting_is_refused_with_its_line(text, line):
    """PyYAML composes recursively: a deep list raised RecursionError, which nothing caught."""
    err, seconds, _ = refused(text)
    assert seconds < FAST
    assert_short(err)
    assert len(err.errors) == 1 and err.errors[0][0] == line and "nest" in err.errors[0][1], err.errors


def test_nesting_within_the_bound_is_read():
    with pytest.raises(tl.TriviaListError) as err:      # read to the end: the schema's complaint, not depth
        tl.parse(deep_block(tl.MAX_DEPTH - 3))
    assert all("nest" not in msg for _, msg in err.value.errors) and "CONFIG" in str(err.value)


@pytest.mark.parametrize("loader", LOADERS, ids=lambda c: c.__name__)
def test_both_yaml_readers_keep_the_bounds(loader):
    """libyaml reads lists when PyYAML has it, PyYAML's own reader otherwise: the same composer bounds both."""
    for text, words in [(alias_bomb(), "aliases"), (deep_block(100), "nests more than"),
                        ("Q?: [a]\nCONFIG: &a [*a]\n", "contain itself")]:
        with pytest.raises(tl.TriviaListError) as err:
            tl._compose(text, loader)
        assert words in err.value.errors[0][1]
    good = "AUTHOR: me\nQ1?:\n- yes\n- 07\nQ2?: [9.80, 'on']\n"
    node = tl._compose(good, loader)
    assert [(k.value, [getattr(a, "value", None) for a in v.value] if k.value != "AUTHOR" else v.value)
            for k, v in node.value] == [("AUTHOR", "me"), ("Q1?", ["yes", "07"]), ("Q2?", ["9.80", "on"])]


def test_a_list_that_takes_too_long_is_refused(monkeypatch):
    monkeypatch.setattr(tl, "MAX_SECONDS", -1.0)     # every read is past its deadline
    err, _, _ = refused("Q?: [a]\n")
    assert err.errors == [(1, "the list took more than -1 s to read")]


def test_too_many_values_are_refused():
    text = "Q?:\n" + "- a\n" * (tl.MAX_NODES + 10)
    assert len(text.encode()) < tl.MAX_BYTES
    err, _, _ = refused(text, trace=False)      # counted, not timed out: about 2 s of CPU, under MAX_SECONDS
    assert err.errors == [(tl.MAX_NODES - 1, f"the list holds more than {tl.MAX_NODES:,} values")]


def test_messages_quote_a_short_excerpt_and_the_list_of_problems_is_capped():
    huge = "Who " + "really " * 20_000 + "won?"
    err, _, _ = refused(f"? {huge}\n: []\n" + "".join(f"Q{i}?: []\n" for i in range(300)))
    assert_short(err)
    assert err.errors[0][0] == 1 and err.errors[0][1].startswith("question 'Who really really")
    assert "…" in err.errors[0][1]
    assert len(err.errors) == tl.MAX_PROBLEMS + 1
    assert err.errors[-1] == (None, f"… and {301 - tl.MAX_PROBLEMS} more problems")


async def test_reading_a_list_leaves_the_event_loop_free(store):
    """A big list (about 1 MB, refused at its last line) is read in a worker thread: the loop keeps running
    meanwhile. Before, import_list parsed on the loop, so nothing else ran until it was done."""
    text = "".join(f"Question {i}, who ran the race that this long question is about, {'long ' * 20}ago?:\n"
                   f"- Answer {i}\n- Another {i}\n" for i in range(4_900)) + "Last?: []\n"
    assert len(text.encode()) < tl.MAX_BYTES
    ticks = 0
    running = True

    async def tick():
        nonlocal ticks
        while running:
            await asyncio.sleep(0.005)
            ticks += 1

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0.02)
    before = ticks
    t0 = time.perf_counter()
    with pytest.raises(tl.TriviaListError) as err:
        await tl.import_list(store, 1, "big", text, 5, "2026-01-01T00:00:00Z")
    took = time.perf_counter() - t0
    during = ticks - before
    running = False
    await ticker
    assert err.value.errors == [(14_701, "question 'Last?': has no answers")]
    assert during >= 3, (during, took)
    assert (await store.fetchone("SELECT count(*) FROM quiz_trivia_lists"))[0] == 0
