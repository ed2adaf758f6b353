#!/usr/bin/env bash
# Create .venv in the repo root (once) and install exactly the hashed lock: what CI tested is what runs.
#   scripts/setup.sh           the runtime lock, requirements.lock (the bot, the console, the container)
#   scripts/setup.sh dev       requirements-dev.lock: the runtime lock plus tests, lint and type checks
# Idempotent: it installs again only when the lock changed. The Dockerfile runs this same script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-runtime}" in
  runtime|requirements.txt|requirements.lock) lock=requirements.lock ;;
  dev|requirements-dev.txt|requirements-dev.lock) lock=requirements-dev.lock ;;
  *) echo "usage: scripts/setup.sh [runtime|dev]" >&2; exit 2 ;;
esac
cd "$root"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
fresh() {   # is this lock installed as it is now?
  [ -f ".venv/.installed-$1" ] && [ "$(cat ".venv/.installed-$1")" = "$(sha256sum "$1" | cut -d' ' -f1)" ]
}
# The dev lock holds the runtime lock's pins (compiled with it as a constraint), so it serves for both.
if ! fresh "$lock" && ! { [ "$lock" = requirements.lock ] && fresh requirements-dev.lock; }; then
  # --require-hashes: every package, transitive ones included, must be in the lock with its hash.
  # A dev .venv keeps its test packages when the runtime is asked for; the smoke test (scripts/smoke.sh)
  # proves the runtime lock alone, in a fresh clone.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$lock"
  sha256sum "$lock" | cut -d' ' -f1 > ".venv/.installed-$lock"
fi
