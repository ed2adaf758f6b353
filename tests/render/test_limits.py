"""fit_embed keeps every embed inside Discord's limits, whatever the data (property-tested), and the result
validates against Discord's OpenAPI schema for embeds."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.ask.answer import ANSWERED, Answer, Row
from bot.render import answer_pages, embed_length, fit_embed
from bot.render.text import clean, truncate
from tests.e2e.openapi import VENDORED_SPEC, SpecValidator

VALIDATOR = SpecValidator(json.loads(VENDORED_SPEC.read_text(encoding="utf-8")))

odd = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(), min_size=0, max_size=9000),
    st.builds(lambda c, n: c * n, st.sampled_from(["\\", "*", "@everyone ", "🥇", "\u200b", "<@1>", "\n", "é"]),
              st.integers(0, 7000)),
)


def check(embed: dict) -> None:
    assert len(embed.get("title") or "") <= 256
    assert len(embed.get("description") or "") <= 4096
    assert len(embed.get("fields") or []) <= 25
    for f in embed.get("fields") or []:
        assert 0 < len(f["name"]) <= 256 and 0 < len(f["value"]) <= 1024
    assert len((embed.get("footer") or {}).get("text") or "") <= 2048
    assert embed_length(embed) <= 6000
    problems = VALIDATOR.validate("POST", "/channels/{channel_id}/messages", "application/json", {"embeds": [embed]})
    assert problems == [], problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(title=odd, description=odd, footer=odd, author=odd,
       fields=st.lists(st.tuples(odd, odd, st.booleans()), max_size=40))
def test_fit_embed_respects_every_limit(title, description, footer, author, fields):
    embed = {"title": title, "description": description, "footer": {"text": footer}, "author": {"name": author},
             "fields": [{"name": n, "value": v, "inline": i} for n, v, i in fields], "color": 1}
    check(fit_embed(embed))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.builds(Row, athlete=odd, mark=st.one_of(st.none(), odd), place=st.one_of(st.none(), st.integers()),
                          nationality=st.one_of(st.none(), st.text(max_size=5)), date=st.one_of(st.none(), odd),
                          competition=st.one_of(st.none(), odd), note=st.one_of(st.none(), odd)),
                max_size=30),
       odd, odd, st.lists(odd, max_size=4), st.lists(odd, max_size=4))
def test_any_answer_renders_within_limits(rows, query, headline, notes, sources):
    answer = Answer(query, ANSWERED, "results", headline, rows=rows, notes=notes, sources=sources,
                    suggestions=[])
    for page in answer_pages(answer):
        check(page)


def test_small_embeds_are_unchanged():
    embed = {"title": "Mile", "description": "3:43.13", "fields": [{"name": "a", "value": "b"}],
             "footer": {"text": "Source: WA"}}
    assert fit_embed(embed) == embed


def test_too_many_fields_say_how_many_were_left_out():
    out = fit_embed({"title": "t", "fields": [{"name": str(n), "value": "v"} for n in range(40)]})
    assert len(out["fields"]) == 25 and out["fields"][-1]["value"] == "… and 16 more"


def test_truncate_never_leaves_a_dangling_escape():
    assert truncate("ab\\*cd", 4) == "ab…"
    assert truncate("abc", 3) == "abc" and truncate("abcd", 3) == "ab…"


def test_clean_escapes_markdown_and_mentions():
    assert clean("**Bold** @everyone <@123> <@&45> @here") == \
        "\\*\\*Bold\\*\\* @\u200beveryone <@\u200b123> <@\u200b&45> @\u200bhere"
