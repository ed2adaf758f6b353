-- 002: quizzes — games, their rounds and winners, scores, per-server settings, user quotes, imported trivia lists.
-- The engine guarantees one game per channel and one winner per round in memory; the unique constraints
-- below make both hold in the database too, so a bug can fail loudly but never score twice.

CREATE TABLE quiz_games (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER,                 -- NULL in direct messages
    channel_id    INTEGER NOT NULL,
    started_by    INTEGER NOT NULL,
    mode          TEXT NOT NULL CHECK (mode IN ('typed', 'choice')),
    difficulty    TEXT,
    sources       TEXT NOT NULL DEFAULT '',
    target_score  INTEGER NOT NULL,
    max_questions INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    ended_at      TEXT,
    end_reason    TEXT CHECK (end_reason IN ('target', 'questions', 'stopped', 'idle', 'exhausted', 'error',
                                             'interrupted')),
    winner_id     INTEGER,
    rounds_played INTEGER NOT NULL DEFAULT 0
);
-- At most one running game per channel.
CREATE UNIQUE INDEX quiz_games_running ON quiz_games (channel_id) WHERE ended_at IS NULL;
CREATE INDEX quiz_games_guild ON quiz_games (guild_id, ended_at);
CREATE INDEX quiz_games_winner ON quiz_games (winner_id);

CREATE TABLE quiz_rounds (
    id         INTEGER PRIMARY KEY,
    game_id    INTEGER NOT NULL REFERENCES quiz_games (id),
    number     INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    question   TEXT NOT NULL,
    answer     TEXT NOT NULL,
    difficulty TEXT,
    source     TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    ended_at   TEXT NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('won', 'revealed', 'stopped', 'idle')),
    UNIQUE (game_id, number)
);

-- One row per won round: the primary key is what makes "the first correct answer wins exactly once" hold.
CREATE TABLE quiz_round_wins (
    round_id INTEGER PRIMARY KEY REFERENCES quiz_rounds (id),
    user_id  INTEGER NOT NULL,
    points   INTEGER NOT NULL CHECK (points > 0),
    streak   INTEGER NOT NULL,
    answer   TEXT NOT NULL DEFAULT '',
    elapsed  REAL NOT NULL              -- seconds from the question to the winning answer
);
CREATE INDEX quiz_round_wins_user ON quiz_round_wins (user_id);

-- Everyone who answered in a game, with what they scored; written as each round ends.
CREATE TABLE quiz_scores (
    game_id     INTEGER NOT NULL REFERENCES quiz_games (id),
    user_id     INTEGER NOT NULL,
    points      INTEGER NOT NULL DEFAULT 0,
    correct     INTEGER NOT NULL DEFAULT 0,
    answers     INTEGER NOT NULL DEFAULT 0,
    best_streak INTEGER NOT NULL DEFAULT 0,
    last_scored INTEGER,                 -- round number of the last point: breaks ties (first there wins)
    PRIMARY KEY (game_id, user_id)
);
CREATE INDEX quiz_scores_user ON quiz_scores (user_id);

CREATE TABLE quiz_settings (
    guild_id       INTEGER PRIMARY KEY,
    delay          REAL NOT NULL DEFAULT 20,     -- seconds to answer a question (Red's "delay")
    target_score   INTEGER NOT NULL DEFAULT 10,
    max_questions  INTEGER NOT NULL DEFAULT 20,
    reveal_answers INTEGER NOT NULL DEFAULT 1,
    spoilers       INTEGER NOT NULL DEFAULT 0,
    difficulty     TEXT NOT NULL DEFAULT 'any' CHECK (difficulty IN ('any', 'easy', 'medium', 'hard')),
    sources        TEXT NOT NULL DEFAULT 'reference,quotes',
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Quotes users add (/quote add, /quote ingest): never without a source.
CREATE TABLE user_quotes (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL DEFAULT 0,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    text_key   TEXT NOT NULL,              -- folded text: the same quote is not added twice
    speaker    TEXT NOT NULL CHECK (length(trim(speaker)) > 0),
    speaker_id INTEGER,                    -- athletes.id in the reference database, when resolved
    context    TEXT NOT NULL DEFAULT '',
    date       TEXT,
    source     TEXT NOT NULL CHECK (length(trim(source)) > 0),
    added_by   INTEGER NOT NULL,
    added_at   TEXT NOT NULL,
    UNIQUE (guild_id, text_key)
);

-- Trivia lists imported by a server (Red-DiscordBot YAML); lists shipped in data/trivia/ are read from disk.
CREATE TABLE quiz_trivia_lists (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL DEFAULT 0,
    name        TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    config      TEXT NOT NULL DEFAULT '{}',   -- JSON
    added_by    INTEGER,
    added_at    TEXT NOT NULL,
    UNIQUE (guild_id, name)
);

CREATE TABLE quiz_trivia_questions (
    list_id  INTEGER NOT NULL REFERENCES quiz_trivia_lists (id) ON DELETE CASCADE,
    number   INTEGER NOT NULL,
    question TEXT NOT NULL,
    answers  TEXT NOT NULL,                   -- JSON list of strings
    line     INTEGER NOT NULL,
    PRIMARY KEY (list_id, number)
);
