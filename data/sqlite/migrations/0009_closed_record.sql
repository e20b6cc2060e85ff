-- A closed meeting's record: who closed or reopened it and why, the zone
-- its times are printed in, and what its minutes report, frozen at close.

-- Who closed or reopened a meeting, and why it was reopened. Events from
-- before this version keep '' (not recorded).
ALTER TABLE meeting_events ADD COLUMN actor  TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting_events ADD COLUMN reason TEXT NOT NULL DEFAULT '';

-- The pod's IANA time zone, e.g. 'Europe/Berlin'. The upgrade fills in the
-- machine's zone for existing pods (see migrate.go), as a new pod gets.
ALTER TABLE pods ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';

-- What a meeting's minutes report (deal desk, roadmap, decisions, agenda,
-- actions), serialized as JSON in the transaction that closed it, so later
-- edits and back-dated entries never reach its minutes. One row per close:
-- a reopened and closed again meeting keeps each. Meetings closed before
-- this version have none; their minutes are rebuilt from the live record
-- and say so.
CREATE TABLE meeting_records (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    event_id   INTEGER NOT NULL REFERENCES meeting_events (id) ON DELETE CASCADE,
    taken_at   TEXT    NOT NULL,
    body       TEXT    NOT NULL CHECK (json_valid(body))
);
CREATE INDEX meeting_records_meeting ON meeting_records (meeting_id, id);

-- A frozen record is evidence: it is never rewritten.
CREATE TRIGGER meeting_records_frozen BEFORE UPDATE ON meeting_records
BEGIN
    SELECT RAISE(ABORT, 'a closed meeting''s record is never changed');
END;
