"""Which timezone names a server may set (issue 16): the zones tzdata lists, not whatever file ZoneInfo can open."""
from __future__ import annotations

import datetime as dt
import importlib.resources

import pytest

from bot.anniversaries import config as cf
from bot.anniversaries.config import ConfigError

T0 = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.UTC)


def tzdata_zones() -> set[str]:
    return set(importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())


@pytest.mark.parametrize("name, hint", [
    ("localtime", None),                     # the machine's own setting, whatever that is
    ("posixrules", None),                    # a file zic uses, a link to America/New_York here
    ("Factory", None),                       # tzdata's placeholder: "Local time zone must be set"
    ("right/UTC", "Did you mean UTC?"),      # the leap-second copies
    ("posix/Europe/London", "Did you mean Europe/London?"),
])
async def test_names_that_are_not_zones_are_refused(store, name, hint):
    with pytest.raises(ConfigError) as err:
        await cf.set_timezone(store, 1, name, now=T0)
    message = str(err.value)
    assert f"“{name}” is not a timezone I know." in message and "Europe/London, America/New_York" in message
    if hint:
        assert hint in message
    else:
        assert "Did you mean" not in message
    assert await store.fetchone("SELECT 1 FROM guild_settings WHERE guild_id = 1") is None


@pytest.mark.parametrize("name", ["Europe/London", "America/New_York", "Asia/Kolkata", "UTC", " Europe/Paris ",
                                  "US/Eastern", "Asia/Calcutta"])
async def test_real_zones_and_the_old_names_tzdata_keeps_are_accepted(store, name):
    c = await cf.set_timezone(store, 1, name, now=T0)
    assert c.timezone == name.strip() and c.tz.utcoffset(dt.datetime(2026, 1, 1)) is not None
    assert tuple(await store.fetchone("SELECT timezone FROM guild_settings WHERE guild_id = 1")) == (name.strip(),)


def test_the_accepted_names_are_tzdatas_list_and_each_opens():
    names = cf.timezone_names()
    assert names == tzdata_zones() - {"Factory"}
    assert not any(n.startswith(("posix/", "right/")) or n in ("localtime", "posixrules") for n in names)
    for name in sorted(names):
        assert cf.validate_timezone(name).key == name


@pytest.mark.parametrize("name, suggestion", [
    ("London", "Did you mean Europe/London?"),
    ("Kolkata", "Did you mean Asia/Kolkata?"),
    ("new york", "Did you mean America/New_York?"),
    ("America/NewYork", "Did you mean America/New_York?"),
    ("asia/kolkata", "case-sensitive: did you mean Asia/Kolkata?"),
])
def test_did_you_mean(name, suggestion):
    with pytest.raises(ConfigError) as err:
        cf.validate_timezone(name)
    assert suggestion in str(err.value)
