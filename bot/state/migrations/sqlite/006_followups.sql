-- 006: follow-up questions (bot/state/followups.py): each member's previous question per channel, for the next
-- one to build on ("and who was third?"). Kept a few minutes (FOLLOWUP_MINUTES); a row older than that is
-- never read, and is deleted by the next save.
CREATE TABLE ask_followups (
    channel_id  INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    query       TEXT    NOT NULL,                   -- JSON: the Query as run (bot/ask/query.Query.to_json)
    subjects    TEXT    NOT NULL,                   -- JSON: [[athlete id, name, sex], ...], newest first
    asked_at    REAL    NOT NULL,                   -- seconds since the epoch (the bot's clock)
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX ask_followups_asked ON ask_followups (asked_at);
