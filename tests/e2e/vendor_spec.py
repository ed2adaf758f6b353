"""Regenerate the vendored Discord OpenAPI subset from ../shared/discord-api-spec.

    .venv/bin/python tests/e2e/vendor_spec.py

Writes discord_openapi_subset.json (the operations the fake Discord serves plus
every component schema they reference) and DISCORD_OPENAPI_LICENSE (the spec's
MIT licence, which must travel with the copy).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[2]))  # the repo root: openapi.py uses bot.console.loopback

from openapi import (  # noqa: E402
    SHARED_LICENSE,
    SHARED_SPEC,
    VENDORED_LICENSE,
    VENDORED_SPEC,
    build_subset,
)


def render_subset() -> str:
    """The exact text of the vendored subset, as generated from the shared spec."""
    spec = json.loads(SHARED_SPEC.read_text(encoding="utf-8"))
    return json.dumps(build_subset(spec), indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    if not SHARED_SPEC.exists():
        print(f"shared spec not found at {SHARED_SPEC}", file=sys.stderr)
        return 1
    VENDORED_SPEC.write_text(render_subset(), encoding="utf-8")
    VENDORED_LICENSE.write_text(SHARED_LICENSE.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"wrote {VENDORED_SPEC.name} ({VENDORED_SPEC.stat().st_size} bytes) and {VENDORED_LICENSE.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
