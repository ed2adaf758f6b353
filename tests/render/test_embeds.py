"""Answers rendered as embeds: the shared look, on real answers from the engine."""
from __future__ import annotations

from bot.ask.answer import ANSWERED, Answer, Row
from bot.common.countries import COUNTRIES
from bot.render import answer_pages, flag


def test_podium_has_medals_flags_marks_and_source(engine):
    [first, second] = answer_pages(engine.answer_now("who won pre 2024 mile"))
    assert first["title"] == "Who won pre 2024 mile"
    assert first["fields"][0] == {"name": "🥇 🇬🇧 Josh Kerr",
                                  "value": "**3:45.34** · 25 May 2024 · Prefontaine Classic 2024"}
    assert [f["name"][:1] for f in first["fields"][1:3]] == ["🥈", "🥉"]
    assert first["footer"]["text"].startswith("Source: World Athletics all-time toplists")
    assert first["footer"]["text"].endswith("Page 1/2") and second["footer"]["text"].endswith("Page 2/2")
    assert len(first["fields"]) == 10


def test_lists_are_numbered_not_medalled(engine):
    [page] = answer_pages(engine.answer_now("top 5 all time mile"))
    assert page["fields"][0]["name"].startswith("1. ")


def test_ambiguous_lists_the_choices(engine):
    [page] = answer_pages(engine.answer_now("kerr pb"))
    assert "Did you mean" in page["description"] and "Josh Kerr (GBR, 1997)" in page["description"]
    assert page["color"] == 0xE8A317


def test_notes_are_shown(engine):
    [page] = answer_pages(engine.answer_now("mile world record"))
    assert "-# ℹ️ No sex given" in page["description"]


def test_unknown_country_codes_get_no_flag_but_keep_the_code():
    answer = Answer("q", ANSWERED, "results", "h", rows=[Row("A", "1.00", 1, "URS"), Row("B", "2.00", 2, "KEN")])
    [page] = answer_pages(answer)
    assert page["fields"][0]["name"] == "🥇 A (URS)" and page["fields"][1]["name"] == "🥈 🇰🇪 B"


def test_data_text_is_escaped():
    answer = Answer("*hi* @everyone", ANSWERED, "results", "**x** <@1>",
                    rows=[Row("__Name__", "1.00", 4), Row("Other", "2.00", 5)])
    [page] = answer_pages(answer)
    assert page["title"] == "\\*hi\\* @\u200beveryone"
    assert page["description"] == "\\*\\*x\\*\\* <@\u200b1>"
    assert page["fields"][0]["name"] == "4. \\_\\_Name\\_\\_"


def test_flags():
    assert flag("GBR") == "🇬🇧" and flag("usa") == "🇺🇸" and flag("SUI") == "🇨🇭"
    assert flag("URS") == flag("GDR") == flag("") == flag(None) == ""
    assert all(len(iso) == 2 and iso.isalpha() and iso.isupper() for iso, _ in COUNTRIES.values())


def test_every_nationality_in_the_data_is_known_or_historical(db):
    historical = {"AHO", "ANA", "ANZ", "ART", "BOH", "BWI", "EUA", "EUN", "FRG", "GDR", "INT", "SCG", "TCH", "UND",
                  "URS", "YUG", "AIN"}
    codes = {r[0] for r in db.execute("SELECT DISTINCT nationality FROM athletes WHERE nationality IS NOT NULL")}
    assert codes - set(COUNTRIES) - historical == set()
