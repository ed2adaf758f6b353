#!/usr/bin/env bash
# Lint and type-check (CI runs this before the tests, .ci/run): ruff and mypy, settings in pyproject.toml.
# Both must report zero findings. `scripts/check.sh --fix` lets ruff fix what it safely can first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh" dev
cd "$root"
if [ "${1:-}" = "--fix" ]; then .venv/bin/ruff check --fix; fi
echo "check: ruff $(.venv/bin/ruff --version | cut -d' ' -f2)"
.venv/bin/ruff check
echo "check: mypy $(.venv/bin/mypy --version | cut -d' ' -f2)"
.venv/bin/mypy
