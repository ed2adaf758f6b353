-- 006: what "what happened on <date>" reads per story, worked out once from results (db.refresh_bests fills
-- the tables after every load), and the results by mark for "who ran 9.58". Read per day these were dozens of
-- small scans (each winner's year of marks in the event, each athlete's title count): 90-210 ms a day.

-- legal marks (db.LEGAL_RESULT) of an event per year, indoors or out: how many, the lowest and the highest
-- (the best is the lowest for times, the highest for distances and points). `year` is the date's first four
-- characters, dates from its 1 January on (a date of only a year is in no year's count).
CREATE TABLE year_marks (
    event_id INTEGER NOT NULL REFERENCES events (id),
    indoor   INTEGER NOT NULL,
    year     TEXT NOT NULL,
    marks    INTEGER NOT NULL,
    low      REAL NOT NULL,
    high     REAL NOT NULL,
    PRIMARY KEY (event_id, indoor, year)
) WITHOUT ROWID;

-- Olympic, world and world indoor titles per athlete: finals (or races without a round) won, one per event,
-- year and level; athletes without a title have no row
CREATE TABLE athlete_titles (
    athlete_id INTEGER PRIMARY KEY REFERENCES athletes (id),
    titles     INTEGER NOT NULL
);

-- "who ran 9.58": the marks within a hair of the asked one, not every mark of the event
CREATE INDEX results_mark ON results (mark_value) WHERE mark_value IS NOT NULL;
