-- 004: shard leases (PostgreSQL twin of sqlite/004_shard_leases.sql; bot/state/leases.py).
-- One row per shard that a running `python -m bot run` holds, so that a second process cannot run the same shards:
-- the holder (hostname:pid, for people), a random token (for the code) and its heartbeat. Times are seconds since
-- the epoch on the database's clock, so processes on different machines compare them on one clock.
-- shard_count 0: the whole bot, every shard at Discord's count (no SHARD_COUNT given), kept as shard 0.

CREATE TABLE shard_leases (
    shard_id     INTEGER          PRIMARY KEY CHECK (shard_id >= 0),
    shard_count  INTEGER          NOT NULL CHECK (shard_count >= 0),
    holder       TEXT             NOT NULL,
    token        TEXT             NOT NULL,
    acquired_at  DOUBLE PRECISION NOT NULL,
    heartbeat_at DOUBLE PRECISION NOT NULL,
    expires_at   DOUBLE PRECISION NOT NULL
);
