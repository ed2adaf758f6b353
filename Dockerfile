# Bell Lap: the Discord bot in a container. Build and run with `docker compose up -d --build` (see
# docker-compose.yml); the SQLite database lives on the bell-lap-data volume at /data and is built from the
# committed data/ folder on first start.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BELL_LAP_DB=/data/bell_lap.sqlite3 \
    BELL_LAP_STATE=/data/state.sqlite3 \
    MPLCONFIGDIR=/tmp/matplotlib

# An unprivileged user; /data is created here and owned by it, so a fresh named volume mounted there
# inherits that ownership and the bot can write its database.
RUN groupadd --system --gid 10001 bell \
    && useradd --system --uid 10001 --gid bell --home-dir /app --no-create-home --shell /usr/sbin/nologin bell \
    && mkdir -p /data \
    && chown bell:bell /data

WORKDIR /app

# Dependencies first, so code changes do not reinstall them: the same install step as a fresh clone's
# (scripts/setup.sh: .venv from the hashed requirements.lock), which the CI smoke test runs every time.
COPY requirements.lock ./
COPY scripts/setup.sh ./scripts/
RUN bash scripts/setup.sh runtime
ENV PATH=/app/.venv/bin:$PATH

COPY bot/ ./bot/
COPY cogs/ ./cogs/
COPY data/ ./data/

USER bell

# `python -m bot health` exits 0 when the reference database and the state store answer and every extension
# imports; otherwise one line names what failed.
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot", "health"]

# SIGINT lets discord.py close the gateway connection cleanly on `docker compose stop`.
STOPSIGNAL SIGINT

# The bot itself, as the CI smoke test starts it (scripts/smoke_run.py). Without DISCORD_TOKEN it exits 2 with
# one line saying so (the console is for terminals, not containers), so a missing token is not a restart loop
# that looks healthy.
CMD ["python", "-m", "bot", "run"]
