-- 004: shard leases (bot/state/leases.py). `python -m bot run` takes them on PostgreSQL only: a SQLite state file
-- belongs to one process, so the table stays empty here; it exists so both backends have the same schema and the
-- lease code (tested on both) runs on either.
-- One row per shard a process holds: the holder (hostname:pid), a random token, its heartbeat; times in seconds
-- since the epoch on the database's clock. shard_count 0: the whole bot (no SHARD_COUNT given), kept as shard 0.

CREATE TABLE shard_leases (
    shard_id     INTEGER PRIMARY KEY CHECK (shard_id >= 0),
    shard_count  INTEGER NOT NULL CHECK (shard_count >= 0),
    holder       TEXT    NOT NULL,
    token        TEXT    NOT NULL,
    acquired_at  REAL    NOT NULL,
    heartbeat_at REAL    NOT NULL,
    expires_at   REAL    NOT NULL
);
