-- 003: scheduled record-anniversary posts (bot/anniversaries). The server's timezone is guild_settings.timezone
-- (001), shared with every feature; everything else the feature needs is here.

-- One row per server that has touched /anniversaries.
CREATE TABLE anniversary_config (
    guild_id     INTEGER PRIMARY KEY,
    channel_id   INTEGER,
    post_time    TEXT    NOT NULL DEFAULT '09:00' CHECK (post_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    countries    TEXT    NOT NULL DEFAULT '',       -- comma-separated codes: "GBR,IRL"
    max_posts    INTEGER NOT NULL DEFAULT 1 CHECK (max_posts BETWEEN 1 AND 5),
    fallback     TEXT    NOT NULL DEFAULT 'final' CHECK (fallback IN ('final', 'none')),
    enabled      INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    -- UTC instant since which the current time/timezone/enabled settings apply: a post due before it is not
    -- caught up (turning the feature on at 10:00 with a 09:00 time does not post at once)
    active_since TEXT    NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1,        -- bumped on every change: schedulers reload on a new sum
    updated_at   TEXT    NOT NULL
);

-- The ledger: at most one post per server per local day, claimed (INSERT, UNIQUE) before posting, in the same
-- transaction that checks the settings. A crash between claim and post leaves 'claimed': a missed post,
-- never a second one.
CREATE TABLE anniversary_posts (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    local_date  TEXT    NOT NULL,                   -- the server's day, ISO
    due_at      TEXT    NOT NULL,                   -- UTC instant it was due
    claimed_at  TEXT    NOT NULL,
    claimed_by  TEXT    NOT NULL,                   -- which scheduler (process/shard)
    status      TEXT    NOT NULL DEFAULT 'claimed'
                CHECK (status IN ('claimed', 'done', 'failed', 'skipped')),
    channel_id  INTEGER,
    story_keys  TEXT    NOT NULL DEFAULT '',        -- what was posted, "|"-separated Story keys
    detail      TEXT    NOT NULL DEFAULT '',        -- why it failed or was skipped
    finished_at TEXT,
    UNIQUE (guild_id, local_date)
);
CREATE INDEX anniversary_posts_status ON anniversary_posts (status, claimed_by);

-- Problems to tell the admins at their next /anniversaries command (missing channel, missing permission).
-- One open row per (server, kind, channel): repeats bump `count` and `last_at`.
CREATE TABLE anniversary_problems (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('channel_missing', 'forbidden', 'no_channel', 'bad_timezone')),
    channel_id INTEGER,
    detail     TEXT    NOT NULL,
    count      INTEGER NOT NULL DEFAULT 1,
    first_at   TEXT    NOT NULL,
    last_at    TEXT    NOT NULL,
    told_at    TEXT                                 -- NULL until shown to an admin
);
CREATE INDEX anniversary_problems_open ON anniversary_problems (guild_id, told_at);
