-- A meeting's record frozen on another laptop of the team is kept as that
-- laptop froze it, so every laptop holds the same minutes. Its body names
-- rows by that laptop's integer keys; ids maps each one to the row's
-- global id (JSON: table -> key -> global id), and reading the record here
-- puts this laptop's keys in their place. NULL: frozen on this laptop.
ALTER TABLE meeting_records ADD COLUMN ids TEXT CHECK (ids IS NULL OR json_valid(ids));

-- The meeting clock travels too: each stretch of time on an item gets a
-- global id, so another laptop shows the same clock and its record of a
-- closed meeting holds the same time spent.
ALTER TABLE agenda_item_intervals ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
UPDATE agenda_item_intervals SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX agenda_item_intervals_uid ON agenda_item_intervals (uid);
CREATE TRIGGER agenda_item_intervals_uid_given AFTER INSERT ON agenda_item_intervals WHEN NEW.uid IS NULL BEGIN
    UPDATE agenda_item_intervals SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

-- Who signed an event whose value reached this laptop only through a
-- close's record (the close names the signers of its fields' clocks), so
-- the field's history names the writer as on the closing laptop.
CREATE TABLE sync_clock_signers (
    event_id TEXT PRIMARY KEY,
    signer   TEXT NOT NULL
) WITHOUT ROWID;

-- A request's last state change (its last decision's comment) is found
-- without walking back through every edit since: an edit line has no
-- from_state, and a request edited for years has thousands.
CREATE INDEX deal_history_state_change ON deal_history (request_id, id) WHERE from_state != '';
