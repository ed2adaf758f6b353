"""Build our database from the reference datasets: import, resolve, cross-check, write.

Steps (builder.py runs them in order over one BuildState, state.py): every importer reads its files into
source-neutral rows (sources.py); competitions are identified (editions.py, with venues.py and the curated
series of bot/pipeline/competitions.py); performances become results, athletes resolved across sources
(results.py, bot/pipeline/identity.py); the undated finals of medal lists are dated (list_finals.py); athletes
the rows show to be one person are merged (athletes.py); the same performance reported by two sources is
merged, and where they disagree the more authoritative source wins and the disagreement is logged in
import_issues (merge.py); toplist rows at one venue and date are split into races (races.py); records get
their current/superseded state from the freshest source (records.py, promotions.py). The result is written to
a SQLite file (write.py).
"""
from bot.pipeline.build.builder import Builder
from bot.pipeline.build.editions import championship_days
from bot.pipeline.build.results import IMPLAUSIBLE
from bot.pipeline.build.sources import load_batches
from bot.pipeline.build.venues import venue_city

__all__ = ["IMPLAUSIBLE", "Builder", "championship_days", "load_batches", "venue_city"]
