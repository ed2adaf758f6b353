"""Which importers the build runs over the reference folder, and in which order."""
from __future__ import annotations

from pathlib import Path

from bot.pipeline.importers import (
    diamond_league,
    olympic_medals,
    progressions,
    rio2016,
    taf3_records,
    wa_records,
    wa_toplists,
    wc_finals,
)
from bot.pipeline.importers.model import ImportBatch


def load_batches(src: Path) -> list[ImportBatch]:
    """Run every importer over the reference folder. Order matters: the richest identities come first."""
    src = Path(src)
    batches = [
        wa_toplists.load(src / "wa-toplists"),
        wa_records.load(src / "wa-records-2024"),
        rio2016.load(src / "rio2016-complete-tilastopaja"),
        diamond_league.load(src / "diamond-league-2010-2023"),
        *taf3_records.load_all(src / "nimarion-records"),
        wc_finals.load(src / "wc-track-finals-1983-2013" / "IAAF_Results.csv"),
        olympic_medals.load_medals_with_marks(src / "olympic-medallists-marks-1896-2016" / "results.csv"),
        olympic_medals.load_medallists(src / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv"),
        *progressions.load_all(src / "wr-progressions"),
    ]
    return batches
