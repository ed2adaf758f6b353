-- 005: the quiz's daily challenge (PostgreSQL twin of sqlite/005_quiz_daily.sql; bot/quiz/daily.py).
-- The primary keys hold the rules across shard processes: one set of questions per server per day, one attempt
-- per member per day, one answer per question.

CREATE TABLE quiz_daily_challenges (
    guild_id    BIGINT  NOT NULL,
    local_date  TEXT    NOT NULL,
    questions   TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (guild_id, local_date)
);

CREATE TABLE quiz_daily_attempts (
    guild_id    BIGINT  NOT NULL,
    user_id     BIGINT  NOT NULL,
    local_date  TEXT    NOT NULL,
    started_at  TEXT    NOT NULL,
    current     INTEGER NOT NULL DEFAULT 1 CHECK (current BETWEEN 0 AND 10),
    shown_at    TEXT    NOT NULL,
    answered    INTEGER NOT NULL DEFAULT 0,
    correct     INTEGER NOT NULL DEFAULT 0,
    elapsed     DOUBLE PRECISION NOT NULL DEFAULT 0,
    finished_at TEXT,
    PRIMARY KEY (guild_id, user_id, local_date)
);
CREATE INDEX quiz_daily_attempts_day ON quiz_daily_attempts (guild_id, local_date);

CREATE TABLE quiz_daily_answers (
    guild_id    BIGINT  NOT NULL,
    user_id     BIGINT  NOT NULL,
    local_date  TEXT    NOT NULL,
    number      INTEGER NOT NULL CHECK (number BETWEEN 1 AND 10),
    choice      INTEGER,
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    elapsed     DOUBLE PRECISION NOT NULL,
    answered_at TEXT    NOT NULL,
    PRIMARY KEY (guild_id, user_id, local_date, number)
);

ALTER TABLE anniversary_config ADD COLUMN daily_quiz INTEGER NOT NULL DEFAULT 0 CHECK (daily_quiz IN (0, 1));
