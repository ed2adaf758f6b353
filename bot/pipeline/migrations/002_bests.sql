-- 002: best legal marks per athlete, event and season, derived from results (db.refresh_bests fills them
-- after every load). All-time lists, world leads, thresholds and conversions read these small tables
-- instead of grouping every result of an event on each question.
-- rank_value orders best first whatever the event: the mark for times, minus the mark for distances/points.

CREATE TABLE season_bests (
    event_id   INTEGER NOT NULL REFERENCES events (id),
    year       INTEGER NOT NULL,
    athlete_id INTEGER NOT NULL REFERENCES athletes (id),
    indoor     INTEGER NOT NULL,
    rank_value REAL NOT NULL,
    result_id  INTEGER NOT NULL REFERENCES results (id),
    marks      INTEGER NOT NULL,          -- how many legal marks that season: how active, for telling namesakes apart
    PRIMARY KEY (event_id, year, athlete_id, indoor)
);
CREATE INDEX season_bests_rank ON season_bests (event_id, year, rank_value);
CREATE INDEX season_bests_athlete ON season_bests (athlete_id, event_id);

CREATE TABLE bests (
    event_id   INTEGER NOT NULL REFERENCES events (id),
    athlete_id INTEGER NOT NULL REFERENCES athletes (id),
    indoor     INTEGER NOT NULL,
    rank_value REAL NOT NULL,
    result_id  INTEGER NOT NULL REFERENCES results (id),
    PRIMARY KEY (event_id, athlete_id, indoor)
);
CREATE INDEX bests_rank ON bests (event_id, rank_value);
CREATE INDEX bests_athlete ON bests (athlete_id);
