"""The words the build logs for a record row it leaves out, and their reading back: the anniversary posts say
what a progression lists that the record lists kept here skip (Benoit's 2:22:43 of 1983, which the WA toplists
do not have, between Roe's 2:25:28 and Kristiansen's 2:21:06)."""
from __future__ import annotations

import re
from typing import NamedTuple

_NOT_IN_TOPLISTS = ("is missing from that race in the WA toplists, which keep every legal mark this good and have "
                    "removed annulled ones: not imported as a record")
_READ = re.compile(rf"^(?P<athlete>.+) (?P<mark>\S+) \((?P<date>\d{{4}}-\d{{2}}-\d{{2}})"
                   rf"(?:; (?P<event>\S+) (?P<sex>[MWX]))?\) {re.escape(_NOT_IN_TOPLISTS)}$")
LIKE_NOT_IN_TOPLISTS = f"%{_NOT_IN_TOPLISTS}"   # for SQL over import_issues.reason


class Skipped(NamedTuple):
    athlete: str
    mark: str
    date: str
    event: str | None       # the event's code and sex: a left-out 9.83 is a men's 100 m mark, not any event's
    sex: str | None


def not_in_toplists(athlete: str, mark: str, date: str | None, event: str, sex: str) -> str:
    """'Joan Benoit 2:22:43 (1983-04-18; MAR W) is missing from that race in the WA toplists, …'."""
    return f"{athlete} {mark} ({date}; {event} {sex}) {_NOT_IN_TOPLISTS}"


def read_not_in_toplists(reason: str) -> Skipped | None:
    m = _READ.match(reason)
    return Skipped(m["athlete"], m["mark"], m["date"], m["event"], m["sex"]) if m else None
