-- 003: who ran a relay team's medal-winning race, as a medal list names them (the results hold the team).
-- athlete_id is the runner as an athlete of the other sources (matched by name, nation and sex), or NULL when
-- no source has them as an athlete: then the name is all the data knows.

CREATE TABLE relay_members (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions (id),
    event_id       INTEGER NOT NULL REFERENCES events (id),
    nation         TEXT NOT NULL,             -- the team's: "USA"
    place          INTEGER NOT NULL,          -- the team's medal: 1, 2, 3
    athlete_id     INTEGER REFERENCES athletes (id),
    name           TEXT NOT NULL,             -- as the list writes it: "Carl LEWIS"
    source_id      TEXT NOT NULL REFERENCES sources (id),
    source_ref     TEXT NOT NULL
);
CREATE INDEX relay_members_athlete ON relay_members (athlete_id);
