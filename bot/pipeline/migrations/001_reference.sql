-- 001: the reference data (results, records, athletes, competitions, quotes) and where each row came from.
-- Every fact row names its source, so any answer the bot gives can say where it came from.

CREATE TABLE sources (
    id        TEXT PRIMARY KEY,           -- "wa-toplists", "nimarion-national", "user:myfile.csv"
    name      TEXT NOT NULL,
    origin    TEXT NOT NULL,              -- repository and commit, or the imported file
    licence   TEXT NOT NULL,
    authority INTEGER NOT NULL DEFAULT 50, -- higher wins when two sources disagree
    notes     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL,          -- "1500m", "mile", "PV" (bot/events.py)
    sex            TEXT NOT NULL CHECK (sex IN ('M', 'W', 'X')),
    name           TEXT NOT NULL,          -- "Men's 1500 m"
    kind           TEXT NOT NULL CHECK (kind IN ('track', 'field', 'road', 'walk', 'relay', 'combined')),
    held           TEXT NOT NULL CHECK (held IN ('outdoor', 'indoor', 'both', 'road')),
    lower_is_better INTEGER NOT NULL,
    mark_format    TEXT NOT NULL CHECK (mark_format IN ('time', 'distance', 'points')),
    distance_m     REAL,
    UNIQUE (code, sex)
);

CREATE TABLE event_aliases (
    code  TEXT NOT NULL,
    alias TEXT NOT NULL,                  -- folded: "metric mile", "steeple"
    PRIMARY KEY (code, alias)
);

CREATE TABLE athletes (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,            -- display name: "Josh Kerr"
    given       TEXT NOT NULL DEFAULT '',
    family      TEXT NOT NULL DEFAULT '',
    sex         TEXT NOT NULL CHECK (sex IN ('M', 'W', 'X')),
    nationality TEXT,                     -- "GBR"
    birth_date  TEXT,                     -- ISO date when known
    birth_year  INTEGER,
    is_team     INTEGER NOT NULL DEFAULT 0, -- a relay team, not a person
    wa_id       TEXT,                     -- World Athletics id when a source has it
    source_id   TEXT NOT NULL REFERENCES sources (id)
);
CREATE INDEX athletes_name ON athletes (name);

CREATE TABLE athlete_aliases (
    athlete_id INTEGER NOT NULL REFERENCES athletes (id),
    alias      TEXT NOT NULL,             -- as written: "Sydney MCLAUGHLIN"
    folded     TEXT NOT NULL,             -- "sydney mclaughlin"
    kind       TEXT NOT NULL CHECK (kind IN ('name', 'former', 'nickname', 'variant')),
    source_id  TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (athlete_id, folded)
);
CREATE INDEX athlete_aliases_folded ON athlete_aliases (folded);

CREATE TABLE series (
    id      TEXT PRIMARY KEY,             -- "DL-EUGENE", "OG", "MILLROSE"
    name    TEXT NOT NULL,                -- "Prefontaine Classic"
    level   TEXT NOT NULL CHECK (level IN ('OG', 'WCH', 'WIC', 'DL', 'other')),
    aliases TEXT NOT NULL DEFAULT ''      -- "|"-separated folded aliases: "pre|prefontaine|eugene dl"
);

CREATE TABLE competitions (
    id         INTEGER PRIMARY KEY,
    series_id  TEXT REFERENCES series (id), -- NULL for one-off meets known only by venue
    year       INTEGER NOT NULL,
    name       TEXT NOT NULL,             -- "Prefontaine Classic 2024"
    venue      TEXT,                      -- "Hayward Field"
    city       TEXT,
    country    TEXT,
    start_date TEXT,
    end_date   TEXT,
    level      TEXT NOT NULL CHECK (level IN ('OG', 'WCH', 'WIC', 'DL', 'other')),
    indoor     INTEGER NOT NULL DEFAULT 0,
    source_id  TEXT NOT NULL REFERENCES sources (id)
);
CREATE INDEX competitions_series ON competitions (series_id, year);

CREATE TABLE races (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER REFERENCES competitions (id),
    event_id       INTEGER NOT NULL REFERENCES events (id),
    round          TEXT,                  -- F, SF, H, Q, R1.. or NULL when the source does not say
    heat           INTEGER,
    label          TEXT,                  -- "Bowerman Mile", "A race"
    date           TEXT,                  -- ISO; NULL when only the year is known
    venue          TEXT,
    country        TEXT,
    indoor         INTEGER NOT NULL DEFAULT 0,
    wind           REAL,
    source_id      TEXT NOT NULL REFERENCES sources (id)
);
CREATE INDEX races_comp ON races (competition_id, event_id);
CREATE INDEX races_event_date ON races (event_id, date);
CREATE INDEX races_date ON races (substr(date, 6, 5));

CREATE TABLE results (
    id         INTEGER PRIMARY KEY,
    race_id    INTEGER NOT NULL REFERENCES races (id),
    athlete_id INTEGER NOT NULL REFERENCES athletes (id),
    place      INTEGER,
    position   TEXT,                      -- as written in the source: "2sf1"
    mark       TEXT,                      -- canonical text: "3:45.34", "6.30", NULL for medal-only rows
    mark_value REAL,                      -- seconds, metres or points; NULL without a mark
    status     TEXT NOT NULL DEFAULT 'OK' CHECK (status IN ('OK', 'DNF', 'DNS', 'DQ', 'NM')),
    wind       REAL,
    flags      TEXT NOT NULL DEFAULT '',  -- "A", "h", "w" and record tags "WR NR"
    source_id  TEXT NOT NULL REFERENCES sources (id),
    source_ref TEXT NOT NULL              -- file:line in the source
);
CREATE INDEX results_race ON results (race_id);
CREATE INDEX results_athlete ON results (athlete_id);

CREATE TABLE records (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('world', 'area', 'national', 'olympic', 'championship', 'world_u20')),
    region      TEXT NOT NULL,            -- WORLD, EUR/AFR/ASI/NAC/SAM/OCE, or a nation code
    event_id    INTEGER NOT NULL REFERENCES events (id),
    indoor      INTEGER NOT NULL DEFAULT 0,
    mark        TEXT NOT NULL,
    mark_value  REAL NOT NULL,
    wind        REAL,
    athlete_id  INTEGER NOT NULL REFERENCES athletes (id),
    date        TEXT,
    venue       TEXT,
    country     TEXT,
    current     INTEGER NOT NULL DEFAULT 0, -- 1: stands today (per the freshest source); 0: superseded
    source_id   TEXT NOT NULL REFERENCES sources (id),
    source_ref  TEXT NOT NULL
);
CREATE INDEX records_lookup ON records (kind, region, event_id, indoor, current);
CREATE INDEX records_date ON records (substr(date, 6, 5));

CREATE TABLE quotes (
    id               INTEGER PRIMARY KEY,
    text             TEXT NOT NULL,
    speaker_id       INTEGER REFERENCES athletes (id),
    speaker_name     TEXT NOT NULL,
    about_id         INTEGER REFERENCES athletes (id),
    date             TEXT,
    context          TEXT NOT NULL DEFAULT '',
    source_id        TEXT NOT NULL REFERENCES sources (id),
    added_by         TEXT                -- Discord user id for user-added quotes
);

-- Every row a source had that we did not import as it was, with the reason: nothing is dropped silently.
CREATE TABLE import_issues (
    id        INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL,
    ref       TEXT NOT NULL,
    reason    TEXT NOT NULL,
    corrected INTEGER NOT NULL DEFAULT 0
);

-- Facts about the database itself: which data/ snapshot it was built from, when, and how.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
