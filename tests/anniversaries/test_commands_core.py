"""What the /anniversaries commands decide, without Discord: the channel's permissions and their warnings, the
autocomplete suggestions, the preview's day, "none" countries and the scheduler's name."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.anniversaries import channel, complete
from bot.anniversaries import config as cf
from bot.anniversaries.scheduler import scheduler_name
from bot.common import days

EVERYTHING = {"view_channel", "send_messages", "embed_links", "attach_files"}


def test_the_channel_needs_one_list_of_permissions():
    assert channel.missing(EVERYTHING) == []
    assert channel.missing({"attach_files", "embed_links"}) == ["view_channel", "send_messages"]
    assert channel.with_charts(EVERYTHING) and not channel.with_charts(EVERYTHING - {"attach_files"})
    assert channel.all_words() == "View Channel, Send Messages, Embed Links and Attach Files"
    assert channel.warning(5, EVERYTHING) is None
    assert channel.warning(5, None) == "⚠️ I cannot see <#5>: choose another channel with `/anniversaries channel`."
    assert channel.warning(5, {"view_channel"}) == "⚠️ I need Send Messages, Embed Links in <#5> to post there."
    assert channel.warning(5, EVERYTHING - {"attach_files"}) == (
        "ℹ️ Without Attach Files in <#5> the posts come without their charts.")


def test_timezone_suggestions():
    assert complete.timezones("london")[0] == "Europe/London"
    assert "America/New_York" in complete.timezones("new york")        # a space is an underscore
    assert complete.timezones("")[:2] == ["Europe/London", "America/New_York"]     # the popular ones first
    assert len(complete.timezones("a")) == complete.MAX_CHOICES
    assert complete.timezones("utc") == ["UTC"]


def test_country_suggestions_keep_what_was_typed_before():
    known = {"GBR", "IRL", "KEN", "USA"}
    assert complete.countries("GBR, irel", known)[0] == ("GBR, Ireland (IRL)", "GBR, IRL")
    assert complete.countries("ken", known)[0][1] == "KEN"
    assert complete.countries("", known) == [("Great Britain (GBR)", "GBR"), ("Ireland (IRL)", "IRL"),
                                             ("Kenya (KEN)", "KEN"), ("United States (USA)", "USA")]   # by name
    assert [v for _, v in complete.countries("united", known)] == ["USA"]        # a name that starts so
    assert all("GBR" != v for _, v in complete.countries("GBR, ", known))   # not offered twice
    assert complete.countries("xyz", known) == []


def test_the_preview_day_and_today_in_the_servers_timezone():
    now = dt.datetime(2026, 7, 6, 20, 0, tzinfo=dt.UTC)
    sydney = cf.AnniversaryConfig(1, timezone="Australia/Sydney")
    assert cf.local_today(sydney, now) == dt.date(2026, 7, 7)
    assert cf.local_today(cf.AnniversaryConfig(1, timezone="Gone/Away"), now) == dt.date(2026, 7, 6)   # UTC
    assert cf.day_this_year("25 May", dt.date(2026, 7, 7)) == dt.date(2026, 5, 25)
    assert cf.day_this_year(None, dt.date(2026, 7, 7)) == dt.date(2026, 7, 7)
    # the leap day's own post, not a common year's 28 February's (blind review, 02-29): the latest leap year's
    assert cf.day_this_year("29 February", dt.date(2026, 7, 7)) == dt.date(2024, 2, 29)
    assert cf.day_this_year("29 February", dt.date(2028, 7, 7)) == dt.date(2028, 2, 29)
    assert cf.day_this_year("2028-02-29", dt.date(2026, 7, 7)) == dt.date(2024, 2, 29)   # a day of the year
    assert cf.day_this_year("29 February 2028", dt.date(2026, 7, 7)) == dt.date(2024, 2, 29)
    with pytest.raises(days.BadDate):
        cf.day_this_year("31 February", dt.date(2026, 7, 7))


def test_none_clears_the_countries():
    for word in ("none", " None ", "-", "clear", "no"):
        assert cf.clears_countries(word) and cf.parse_countries(word) == ()
    assert not cf.clears_countries("GBR") and cf.parse_countries("GBR") == ("GBR",)


def test_the_scheduler_is_named_after_its_shards():
    assert scheduler_name([1, 0], 2) == "anniversaries:shards=0,1"
    assert scheduler_name(None, 3) == "anniversaries:shards=0,1,2"
    assert scheduler_name(None, None) == "anniversaries:shards=auto"
