"""What the build steps share: the rows in flight (results, competitions, races, records), the athlete registry,
the import issues and the counters, all on one BuildState that each step reads and fills in turn."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from bot.pipeline.identity import Athlete, Registry
from bot.pipeline.importers.model import ImportBatch, Performance, Rejected, Source

CURATED = Source("curated-editions", "Bell Lap curated series and championship hosts",
                 "bot/pipeline/competitions.py (series, venues, host cities); edition dates found in the results data",
                 "ours", 30, "Series names and host cities; every edition's dates come from the results data.")


@dataclass
class Result:
    """A performance after identity and competition resolution, possibly merged from several sources."""
    perf: Performance
    athlete: Athlete
    comp: int | None
    value: float | None
    mark: str | None
    status: str
    flags: set[str]
    authority: int
    date: str | None
    wind: float | None
    place: int | None
    confirmed_by: set[str] = field(default_factory=set)
    race_id: int | None = field(default=None, compare=False)  # set when the results are grouped into races
    # (source, ref) of the rows merged into this one: their details (bot/pipeline/build/result_details.py) follow
    absorbed: set[tuple[str, str]] = field(default_factory=set, compare=False)


@dataclass
class Competition:
    id: int
    series: str
    year: int
    name: str
    venue: str | None
    country: str | None
    start: str | None
    end: str | None
    level: str
    indoor: bool
    source: str
    city: str | None = None


def is_list_final(p: Performance) -> bool:
    """A row of an undated list of championship finals (medal lists, the WCh finals file): a final known by
    its year only, with a place and perhaps a mark, but no date, venue or race of its own."""
    return p.date is None and p.round == "F" and p.meet is not None


class BuildState:
    def __init__(self, batches: list[ImportBatch]):
        self.batches = batches
        self.sources: dict[str, Source] = {CURATED.id: CURATED}
        for b in batches:
            self.sources[b.source.id] = b.source
        self.issues: list[Rejected] = [r for b in batches for r in b.rejected]
        self.registry = Registry(self.issues)
        self.comps: list[Competition] = []
        self.comp_index: dict[tuple[str, int], Competition] = {}
        # The toplists' (date, venue) -> competition map: day -> (edition, its venue patterns).
        self.day_map: dict[str, list[tuple[Competition, tuple[str, ...]]]] = defaultdict(list)
        # A championship's road races away from its host city: (date, folded venue, event, sex) -> edition.
        self.away: dict[tuple[str, str, str, str], Competition] = {}
        self.results: list[Result] = []
        # (competition, event, sex) -> the day a list final was dated to.
        self.final_dates: dict[tuple, str] = {}
        # (competition, event, sex) -> the medals every medal list of that Olympic final agrees on
        # (list_finals.AgreedMedal), applied when the final's race is formed.
        self.agreed_medals: dict[tuple, list] = {}
        self.races: list[dict] = []
        self.records: list[tuple] = []
        # (competition id, event, sex, nation, place, athlete id or None, name, source, ref)
        self.relay_members: list[tuple] = []
        # (Result, ResultDetail, runner's athlete id or None)
        self.details: list[tuple] = []
        self.stats: Counter = Counter()
        # Sources that list championship finals by year only (medal lists, the WCh finals file).
        self.list_sources = {b.source.id for b in batches if any(is_list_final(p) for p in b.performances)}

    def is_championship(self, comp_id: int | None) -> bool:
        return comp_id is not None and self.comps[comp_id - 1].level in ("OG", "WCH", "WIC")
