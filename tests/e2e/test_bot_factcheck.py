"""/factcheck through the fake Discord, with the real BellLap, cogs and engine: pasted text, a .txt
attachment (paged with Previous / Next), and the polite refusals (another kind of file, nothing given)."""
from __future__ import annotations

from pathlib import Path

from .conftest import component
from .fake_discord import FakeDiscord
from .quiz_helpers import ephemeral_text

ARTICLES = Path(__file__).resolve().parents[1] / "factcheck" / "articles"
TEXT = ("Published: 2023-09-05\n\nMarco Arop won the 800m at the 2023 World Championships in 1:44.24. "
        "Djamel Sedjati won the 800m at the 2022 World Championships in 1:44.14, @everyone.")


async def factcheck(fake: FakeDiscord, options: dict) -> tuple[object, dict]:
    inter = await fake.slash("factcheck", options)
    assert (await fake.wait_response(inter))["type"] == 5       # deferred: "Bell Lap is thinking…"
    return inter, await fake.wait_followup(inter)


async def test_pasted_text_is_checked_claim_by_claim(fake_discord: FakeDiscord, bell_lap):
    await bell_lap()
    inter, body = await factcheck(fake_discord, {"text": TEXT})
    assert body["allowed_mentions"]["parse"] == []
    [embed] = body["embeds"]
    titles = [embed["title"]]
    assert embed["title"] == "Fact check: 800m 2023 World Championships"
    assert "3 confirmed · 1 contradicted · 0 not checkable" in embed["description"]
    assert embed["fields"][0]["name"].startswith("✅ Confirmed: “Marco Arop won the 800m")
    assert "Source: World Athletics all-time toplists" in embed["fields"][0]["value"]
    # the other race is the next page
    message = fake_discord.original(inter)
    click = await fake_discord.click(message["id"], component(message, "Next")["custom_id"])
    page = (await fake_discord.wait_response(click))["data"]["embeds"][0]
    titles.append(page["title"])
    assert titles == ["Fact check: 800m 2023 World Championships", "Fact check: 800m 2022 World Championships"]
    assert page["fields"][0]["name"].startswith("❌ Contradicted: “Djamel Sedjati won")
    assert "Emmanuel Kipkurui Korir won in 1:43.71" in page["fields"][0]["value"]


async def test_a_txt_attachment_is_read_and_checked(fake_discord: FakeDiscord, bell_lap):
    await bell_lap()
    data = (ARTICLES / "chebet-5000.txt").read_bytes()
    inter, body = await factcheck(fake_discord, {"file": fake_discord.attachment("chebet.txt", data,
                                                                                   content_type="text/plain")})
    embed = body["embeds"][0]
    assert "11 confirmed · 3 contradicted · 0 not checkable" in embed["description"]
    assert "Read as written on 2025-08-01" in embed["description"]
    message = fake_discord.original(inter)
    assert component(message, "Next") and embed["footer"]["text"].startswith("Claim group 1/")


async def test_other_files_and_nothing_at_all_get_a_polite_private_note(fake_discord: FakeDiscord, bell_lap):
    await bell_lap()
    pdf = await fake_discord.slash("factcheck", {"file": fake_discord.attachment(
        "article.pdf", b"%PDF-1.4 binary", content_type="application/pdf")})
    assert "I can only read plain-text `.txt` files" in await ephemeral_text(fake_discord, pdf)
    big = await fake_discord.slash("factcheck", {"file": fake_discord.attachment(
        "book.txt", b"word " * 30_000, content_type="text/plain")})
    assert "larger than 100 kB" in await ephemeral_text(fake_discord, big)
    none = await fake_discord.slash("factcheck", {})
    assert "Paste the article as `text`" in await ephemeral_text(fake_discord, none)
