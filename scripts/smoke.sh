#!/usr/bin/env bash
# The runtime-only smoke test (CI runs it on every run, .ci/run): what a new user meets, with nothing else.
#   1. a fresh clone of this repository's HEAD (only what is committed), with no ../shared beside it
#      (`scripts/smoke.sh --worktree`: the files of the working tree instead, to try a change before committing);
#   2. the README's first command, `bash scripts/run.sh`, which makes .venv from requirements.lock alone
#      (the Dockerfile runs the same scripts/setup.sh), with commands piped into its console; the answers
#      are checked, not only the exit code;
#   3. `python -m bot health` in that .venv;
#   4. `python -m bot run` with a token against the loopback Discord (scripts/smoke_run.py): every extension
#      loads, slash commands are answered, SIGINT ends it cleanly.
# A runtime import missing from requirements.txt fails step 2 (and 4): the dev packages are not there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/bell-lap-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [ "${1:-}" = "--worktree" ]; then
  mkdir "$work/bell-lap"
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - --ignore-failed-read 2>/dev/null) \
    | tar -xf - -C "$work/bell-lap"
  (cd "$work/bell-lap" && git init -q && git add -A && git -c user.name=smoke -c user.email=smoke@localhost commit -qm worktree)
else
  git clone --quiet --no-hardlinks "$root" "$work/bell-lap"
fi
cd "$work/bell-lap"
echo "smoke: fresh copy of $(git rev-parse --short HEAD) in $work/bell-lap"

# No setting from this machine may leak in: the console is what runs without a token.
unset DISCORD_TOKEN DEV_GUILD_ID DATABASE_URL POSTGRES_HOST BELL_LAP_DB BELL_LAP_STATE SHARD_COUNT SHARD_IDS

fail=0
expect() {   # expect FILE TEXT WHAT: the output must hold TEXT
  if grep -qF -- "$2" "$1"; then echo "smoke: ok: $3"; else echo "smoke FAILED: $3: no \"$2\" in the output" >&2; fail=1; fi
}

printf '%s\n' '/record mile' '/ask who won pre 2024 mile' '/quiz start' '/quiz stop' \
  '/anniversaries preview date:2024-05-25' '/athlete kerr' '/athlete Josh Kerr' \
  | bash scripts/run.sh > console.out 2>&1 || { echo "smoke FAILED: scripts/run.sh exited $?" >&2; fail=1; }
sed 's/^/  | /' console.out
# The answers, as data/SOURCES.md's spot checks have them.
expect console.out "3:43.13" "/record mile: the mile world record"
expect console.out "El Guerrouj" "/record mile: its holder"
expect console.out "Josh Kerr won the men's mile at the 2024 Prefontaine Classic in 3:45.34" "/ask who won pre 2024 mile"
expect console.out "Question 1" "/quiz start: the first question"
expect console.out "Quiz over" "/quiz stop: the game ends"
expect console.out "Preview of the post for 25 May" "/anniversaries preview: the day's post"
expect console.out "Did you mean" "/athlete kerr: more than one Kerr, so choices"
expect console.out "Josh Kerr (GBR, 1997)" "/athlete kerr: Josh Kerr among the choices"
expect console.out "born 8 October 1997" "/athlete Josh Kerr: the profile"
if grep -q "Traceback" console.out; then echo "smoke FAILED: a traceback in the console output" >&2; fail=1; fi
if grep -qi "could not start" console.out; then echo "smoke FAILED: the bot could not start" >&2; fail=1; fi

if .venv/bin/python -m bot health; then echo "smoke: ok: python -m bot health"; else echo "smoke FAILED: python -m bot health" >&2; fail=1; fi
if .venv/bin/python scripts/smoke_run.py; then :; else fail=1; fi

if [ "$fail" != 0 ]; then echo "smoke: FAILED (above)" >&2; exit 1; fi
echo "smoke: passed"
