"""What the importer tests share: where the reference data is, and lookups into an ImportBatch."""
from __future__ import annotations

from pathlib import Path

# ../shared/datasets beside the repository, as on the developers' machines and in CI.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "datasets"


def by_ref(batch, ref):
    """The batch's performance from that source row."""
    return next(p for p in batch.performances if p.ref == ref)


def record(batch, ref):
    return next(r for r in batch.records if r.ref == ref)


def reasons(batch, ref, corrected=None):
    return [r.reason for r in batch.rejected if r.ref == ref and (corrected is None or r.corrected == corrected)]
