-- 005: the quiz's daily challenge (bot/quiz/daily.py) and the anniversary post's opt-in to announce it.
-- A server's day is its local date in guild_settings.timezone (001), ISO text.

-- The day's five questions per server, written by whoever makes them first (INSERT ... ON CONFLICT DO NOTHING,
-- then read back): every member gets these, even if the question maker changes during the day.
CREATE TABLE quiz_daily_challenges (
    guild_id    INTEGER NOT NULL,
    local_date  TEXT    NOT NULL,
    questions   TEXT    NOT NULL,                   -- JSON: text, choices, the right one, difficulty, source, fact
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (guild_id, local_date)
);

-- One attempt per member per server per day: the primary key is the rule (a second /quiz daily finds the row).
-- `current` is the question on show (1-5; 0 once all are answered), shown at `shown_at`.
CREATE TABLE quiz_daily_attempts (
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    local_date  TEXT    NOT NULL,
    started_at  TEXT    NOT NULL,
    current     INTEGER NOT NULL DEFAULT 1 CHECK (current BETWEEN 0 AND 10),
    shown_at    TEXT    NOT NULL,
    answered    INTEGER NOT NULL DEFAULT 0,
    correct     INTEGER NOT NULL DEFAULT 0,
    elapsed     REAL    NOT NULL DEFAULT 0,         -- seconds taken over the answered questions (ties)
    finished_at TEXT,
    PRIMARY KEY (guild_id, user_id, local_date)
);
CREATE INDEX quiz_daily_attempts_day ON quiz_daily_attempts (guild_id, local_date);

-- Each answer, once (the key refuses a second click on a question).
CREATE TABLE quiz_daily_answers (
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    local_date  TEXT    NOT NULL,
    number      INTEGER NOT NULL CHECK (number BETWEEN 1 AND 10),
    choice      INTEGER,                            -- NULL: too late, no choice counted
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    elapsed     REAL    NOT NULL,
    answered_at TEXT    NOT NULL,
    PRIMARY KEY (guild_id, user_id, local_date, number)
);

-- The anniversary post also announces the day's challenge (opt-in, like the other anniversary settings).
ALTER TABLE anniversary_config ADD COLUMN daily_quiz INTEGER NOT NULL DEFAULT 0 CHECK (daily_quiz IN (0, 1));
