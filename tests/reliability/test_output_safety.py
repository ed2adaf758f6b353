"""Everything the bot sends, generated in bulk — answers to every gold question and to hypothesis questions,
quiz rounds from a hostile trivia list, anniversary posts over the year — rendered with bot/render to the JSON
Discord receives (discord.Embed round trip, allowed_mentions from AllowedMentions.none()), validated against
Discord's OpenAPI spec (POST /channels/{id}/messages and the interaction callback) and the embed limits.
User-supplied text carrying @everyone, @here, <@123>, <@&456>, <#789> and markdown comes out escaped."""
from __future__ import annotations

import datetime as dt
import json
import re

import discord
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.render import answer_pages
from bot.render.text import clean
from tests.ask import gold
from tests.e2e.openapi import VENDORED_SPEC, SpecValidator
from tests.render.test_limits import check as within_limits

VALIDATOR = SpecValidator(json.loads(VENDORED_SPEC.read_text(encoding="utf-8")))
NO_PINGS = discord.AllowedMentions.none().to_dict()
HOSTILE = ["@everyone", "@here", "<@123>", "<@!123>", "<@&456>", "<#789>", "**bold**", "__under__", "~~strike~~",
           "||spoiler||", "`code`", "```block```", "[link](https://evil.example)", "# Heading", "> quote", "-# small"]
# A mention Discord would resolve: raw, with nothing between its characters.
RAW_MENTION = re.compile(r"(?<![\u200b\\])@(everyone|here)|<@[!&]?123>|<@&456>")
RAW_CHANNEL = re.compile(r"<#789>")     # no ping, but a link where markdown renders (not in footers)


def bodies(embeds: list[dict]) -> list[tuple[str, str, dict]]:
    wire = [discord.Embed.from_dict(e).to_dict() for e in embeds]      # what discord.py puts on the wire
    message = {"embeds": wire, "allowed_mentions": NO_PINGS}
    return [("POST", "/channels/{channel_id}/messages", message),
            ("POST", "/interactions/{interaction_id}/{interaction_token}/callback", {"type": 4, "data": message}),
            ("POST", "/webhooks/{webhook_id}/{webhook_token}", message)]


def assert_sendable(embeds: list[dict]) -> None:
    assert embeds and len(embeds) <= 10
    for e in embeds:
        within_limits(e)
    for method, template, body in bodies(embeds):
        assert VALIDATOR.validate(method, template, "application/json", body) == [], template
        assert body.get("allowed_mentions", body.get("data", {}).get("allowed_mentions")) == {"parse": []}


def text_of(embed: dict, footer: bool = True) -> str:
    parts = [embed.get("title") or "", embed.get("description") or "", (embed.get("author") or {}).get("name") or ""]
    if footer:
        parts.append((embed.get("footer") or {}).get("text") or "")
    parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields") or []]
    return "\n".join(parts)


def assert_no_raw_markup(embed: dict, hostile: list[str]) -> None:
    assert not RAW_MENTION.search(text_of(embed)), text_of(embed)
    text = text_of(embed, footer=False)        # footers render no markdown: only mentions matter there
    assert not RAW_CHANNEL.search(text), text
    for h in hostile:
        if h.startswith(("#", ">", "-#")):      # block markup: only at the start of a line
            assert not re.search(r"(?m)^" + re.escape(h), text), f"{h!r} at a line start in {text!r}"
        elif any(c in h for c in "*_~|`["):
            assert not re.search(r"(?<!\\)" + re.escape(h), text), f"markdown {h!r} unescaped in {text!r}"


COUNTS = {"answers": 0, "quiz": 0, "posts": 0}


def test_every_gold_answer_is_sendable(engine):
    for entry in gold.load():
        answer = engine.answer_now(entry["q"])
        pages = answer_pages(answer)
        for i in range(0, len(pages), 10):
            assert_sendable(pages[i:i + 10])
        COUNTS["answers"] += 1
    assert COUNTS["answers"] > 500


QUESTIONS = st.lists(st.one_of(st.sampled_from(HOSTILE), st.sampled_from(
    ["who won", "pre 2024", "mile", "kerr", "vs", "record", "'24", "1500", "pb"]), st.text(max_size=20)),
    min_size=1, max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(question=QUESTIONS)
def test_echoed_questions_never_ping(engine, question):
    answer = engine.answer_now(question)
    pages = answer_pages(answer)
    assert_sendable(pages[:10])
    for page in pages:
        assert_no_raw_markup(page, [h for h in HOSTILE if h in question])


def test_hostile_answer_rows_are_escaped():
    from bot.ask.answer import ANSWERED, Answer, Row
    hostile = " ".join(HOSTILE)
    answer = Answer(hostile, ANSWERED, "results", hostile, rows=[Row(athlete=hostile, mark=hostile, place=1,
                    nationality="<@1>", date=hostile, competition=hostile, note=hostile)] * 3,
                    notes=[hostile], sources=[hostile], suggestions=[hostile])
    for page in answer_pages(answer):
        assert_sendable([page])
        assert_no_raw_markup(page, HOSTILE)


def test_quiz_rounds_from_a_hostile_trivia_list_are_escaped():
    qr = pytest.importorskip("bot.render.quiz", reason="bot/render/quiz.py not written yet")
    from bot.quiz import engine as qe
    from bot.quiz import trivia_lists as tl
    lines = ["AUTHOR: '@everyone <@&456>'"]
    for i, h in enumerate(HOSTILE):
        lines.append(f"'Q{i} {h} who **won** <@123>?':\n- '{h} answer <#789>'")
    tlist = tl.parse("\n".join(lines), "hostile")
    for n, q in enumerate(tlist.as_questions(), 1):
        embeds = [qr.round_embed(n, 20, q, mode=qe.TYPED, timer=20),
                  qr.won_embed(qe.RoundWon(1, 1, n, 777, 2, 3, q.answer.display, 1.5, ((777, 3), (778, 1))),
                               source=q.source),
                  qr.reveal_embed(qe.Revealed(1, 1, n, q.answer.display, False, "timeout"), source=q.source),
                  qr.game_over_embed(qe.GameOver(1, 1, qe.TARGET, 777, ((777, 3),), n))]
        for hint in q.hints:
            embeds.append(qr.hint_embed(qe.HintShown(1, 1, n, hint)))
        for e in embeds:
            assert_sendable([e])
            assert_no_raw_markup(e, HOSTILE)
            COUNTS["quiz"] += 1
    errors = qr.import_errors_embed("x.yaml", [(1, h) for h in HOSTILE])
    assert_sendable([errors])
    assert not RAW_MENTION.search(text_of(errors))


def test_anniversary_posts_over_the_year_are_sendable(db_path):
    from bot.anniversaries.story import render
    from bot.ask.day_stories import Selector
    ra = pytest.importorskip("bot.render.anniversary", reason="bot/render/anniversary.py not written yet")
    selector = Selector.open(db_path)
    day = dt.date(2026, 1, 1)
    while day.year == 2026:
        posts = [render(s) for s in selector.select(day)]
        if posts:
            embeds = [ra.post_embed(p, image=ra.chart_file(i) if p.chart else None) for i, p in enumerate(posts)]
            assert_sendable(embeds)
            COUNTS["posts"] += len(posts)
        day += dt.timedelta(days=5)         # 73 days spread over the year
    assert COUNTS["posts"] > 20


def test_clean_neutralises_every_hostile_token():
    out = clean(" ".join(HOSTILE))
    assert not RAW_MENTION.search(out) and not RAW_CHANNEL.search(out), out
