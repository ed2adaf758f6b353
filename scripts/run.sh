#!/usr/bin/env bash
# Quick start, command 1: set up .venv and run the bot. With DISCORD_TOKEN set (env or .env) it connects
# to Discord; without it, it answers on the local console from the embedded dataset.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh" runtime
cd "$root"
exec .venv/bin/python -m bot "$@"
