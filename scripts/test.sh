#!/usr/bin/env bash
# Quick start, command 2: set up .venv with the test dependencies and run the whole test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh" dev
cd "$root"
exec .venv/bin/python -m pytest "$@"
