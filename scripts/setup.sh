#!/usr/bin/env bash
# Create .venv in the repo root (once) and install the pinned requirements when they change.
# Usage: scripts/setup.sh [requirements file]. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
req="${1:-requirements.txt}"
cd "$root"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# Re-install only when the requirement files changed since the last install.
stamp=".venv/.installed-$(basename "$req")"
want="$(cat requirements.txt "$req" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
fi
