-- 006: follow-up questions (PostgreSQL twin of sqlite/006_followups.sql; bot/state/followups.py). In the state
-- store, not in a process's memory: a follow-up works after a restart and whichever shard process answers it.
CREATE TABLE ask_followups (
    channel_id  BIGINT  NOT NULL,
    user_id     BIGINT  NOT NULL,
    query       TEXT    NOT NULL,
    subjects    TEXT    NOT NULL,
    asked_at    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX ask_followups_asked ON ask_followups (asked_at);
