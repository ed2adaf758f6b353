-- 005: records by athlete and event. A mark's other records ("who ran 9.58": which records did it set) and a
-- national record search's "not on another nation's list" check look records up by athlete: without this
-- index each lookup scanned every record of a kind (6 s for "french pole vault record", one scan per mark).

CREATE INDEX records_athlete ON records (athlete_id, event_id);
