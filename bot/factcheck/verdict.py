"""What a fact check says about one claim, and about an article."""
from __future__ import annotations

from dataclasses import dataclass

from bot.ask.answer import Row
from bot.ask.query import Query
from bot.factcheck.claims import Claim

CONFIRMED, CONTRADICTED, UNCHECKABLE = "confirmed", "contradicted", "not checkable"
VERDICTS = (CONFIRMED, CONTRADICTED, UNCHECKABLE)


@dataclass(frozen=True)
class Verdict:
    claim: Claim
    status: str                    # one of VERDICTS
    reason: str                    # what the data says (with the row), or why the claim can't be checked
    rows: tuple[Row, ...] = ()     # the rows the verdict rests on
    sources: tuple[str, ...] = ()  # their sources, by name
    query: Query | None = None     # the typed query that was run: the one the matching question runs


@dataclass(frozen=True)
class Report:
    verdicts: tuple[Verdict, ...]
    as_of: str | None              # the day the article is read as written on (ISO)
    as_of_why: str = ""

    def count(self, status: str) -> int:
        return sum(v.status == status for v in self.verdicts)

    def groups(self) -> list[tuple[str, list[Verdict]]]:
        """The verdicts by claim group (the race, the records, the athlete), in the article's order."""
        out: dict[str, list[Verdict]] = {}
        for v in self.verdicts:
            out.setdefault(v.claim.group, []).append(v)
        return list(out.items())
