-- 006: what a result holds beyond its mark, where a source gives it (Rio 2016's file, for now): a start's
-- reaction time, a field event's series of attempts, a vertical jump's height sheet, a relay team's legs.
-- One row per detail; the result's own row stays as it is.

CREATE TABLE result_details (
    id         INTEGER PRIMARY KEY,
    result_id  INTEGER NOT NULL REFERENCES results (id),
    kind       TEXT NOT NULL,      -- 'reaction', 'attempt', 'height', 'leg'
    seq        INTEGER,            -- the attempt's round (1-6), the height's order on the sheet, the leg (1-4)
    mark       TEXT,               -- reaction '0.141' (s); attempt '8.20', 'X' (foul), 'P' (pass); height '4.85'
    outcome    TEXT,               -- a height's attempts as written: 'O', 'XO', 'XXO', 'XXX', 'R' (retired)
    wind       REAL,               -- an attempt's wind
    athlete_id INTEGER REFERENCES athletes (id),  -- a leg's runner, when an athlete of the data
    name       TEXT,               -- a leg's runner as the source writes them
    source_id  TEXT NOT NULL REFERENCES sources (id),
    source_ref TEXT NOT NULL
);
CREATE INDEX result_details_result ON result_details (result_id);
