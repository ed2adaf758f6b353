"""Records asked about by the athlete who set them: "when did coe set the 800 record", "kipyegon 1500 record
progression". Placeholder while the module is written."""
from __future__ import annotations

from bot.ask import records
from bot.ask.answer import Answer
from bot.ask.catalogue import Query


def record(q: Query) -> Answer:
    return records.record(q)


def progression(q: Query) -> Answer:
    return records.progression(q)
