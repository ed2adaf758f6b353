-- 001: per-server settings shared by every feature (PostgreSQL twin of sqlite/001_guild_settings.sql).
-- Discord ids are BIGINT; timestamps stay ISO-8601 TEXT, as in SQLite, so the SQL the features write is the same.
CREATE TABLE guild_settings (
    guild_id   BIGINT PRIMARY KEY,
    timezone   TEXT NOT NULL DEFAULT 'UTC',
    updated_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
);
