-- Team mode for the meeting record and the pod's form: global ids for
-- meetings, their attendees, agenda items, action items, status events and
-- action history (existing rows filled, every key and link kept, as 0015
-- did for the deal desk), and the replica's state that merges them.
ALTER TABLE meetings ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE meeting_attendees ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE agenda_items ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE action_items ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE meeting_events ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE action_item_history ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
UPDATE meetings SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE meeting_attendees SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE agenda_items SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE action_items SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE meeting_events SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
-- The action history stays append-only: its one allowed update is the
-- global id given, once, to a line that has none (here, and by the trigger
-- below for each new line).
DROP TRIGGER action_item_history_no_update;
UPDATE action_item_history SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE TRIGGER action_item_history_no_update BEFORE UPDATE ON action_item_history
WHEN OLD.uid IS NOT NULL OR NEW.uid IS NULL OR NEW.id IS NOT OLD.id OR NEW.action_id IS NOT OLD.action_id
  OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor OR NEW.field IS NOT OLD.field
  OR NEW.old_value IS NOT OLD.old_value OR NEW.new_value IS NOT OLD.new_value
BEGIN
    SELECT RAISE(ABORT, 'action item history cannot be changed');
END;
CREATE UNIQUE INDEX meetings_uid ON meetings (uid);
CREATE UNIQUE INDEX meeting_attendees_uid ON meeting_attendees (uid);
CREATE UNIQUE INDEX agenda_items_uid ON agenda_items (uid);
CREATE UNIQUE INDEX action_items_uid ON action_items (uid);
CREATE UNIQUE INDEX meeting_events_uid ON meeting_events (uid);
CREATE UNIQUE INDEX action_item_history_uid ON action_item_history (uid);

CREATE TRIGGER meetings_uid_given AFTER INSERT ON meetings WHEN NEW.uid IS NULL BEGIN
    UPDATE meetings SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER meeting_attendees_uid_given AFTER INSERT ON meeting_attendees WHEN NEW.uid IS NULL BEGIN
    UPDATE meeting_attendees SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER agenda_items_uid_given AFTER INSERT ON agenda_items WHEN NEW.uid IS NULL BEGIN
    UPDATE agenda_items SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER action_items_uid_given AFTER INSERT ON action_items WHEN NEW.uid IS NULL BEGIN
    UPDATE action_items SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER meeting_events_uid_given AFTER INSERT ON meeting_events WHEN NEW.uid IS NULL BEGIN
    UPDATE meeting_events SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER action_item_history_uid_given AFTER INSERT ON action_item_history WHEN NEW.uid IS NULL BEGIN
    UPDATE action_item_history SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

-- Every value a synced field held that another edit replaced (or that
-- lost to a later edit arriving first): one line per field and event, so
-- each replica keeps the same lines whatever order edits arrive in. The
-- agenda item's history reads its lines from here.
CREATE TABLE sync_superseded (
    record_uid TEXT NOT NULL,
    field      TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    signer     TEXT NOT NULL,
    value      TEXT, -- as JSON
    PRIMARY KEY (record_uid, field, event_id)
) WITHOUT ROWID;

-- The meeting-record events this replica took or made, per meeting: what
-- a close says it has seen, and what a close arriving later undoes.
-- base is the last close or reopen the event's laptop had taken.
CREATE TABLE sync_meeting_log (
    meeting_uid TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    base        TEXT NOT NULL DEFAULT '',
    hlc         TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (meeting_uid, event_id)
) WITHOUT ROWID;
CREATE INDEX sync_meeting_log_lifecycle ON sync_meeting_log (meeting_uid, hlc, event_id)
    WHERE kind IN ('meeting.closed', 'meeting.reopened');
-- The events a close had taken when it was made.
CREATE TABLE sync_close_seen (
    close_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (close_id, event_id)
) WITHOUT ROWID;

-- A deleted record's last content, so a concurrent edit arriving after the
-- delete brings it back as the replicas that took the edit first keep it
-- (a record deleted before it arrived: the clocks its delete saw).
CREATE TABLE sync_tombstones (
    record_uid  TEXT PRIMARY KEY,
    meeting_uid TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    body        TEXT NOT NULL -- the record, its clocks and its append-only lines, as JSON
) WITHOUT ROWID;

-- Links written to a row this replica does not hold yet (the event that
-- makes it arrives later): set when it arrives.
CREATE TABLE sync_dangling (
    record_uid TEXT NOT NULL,
    field      TEXT NOT NULL,
    tbl        TEXT NOT NULL,
    target_uid TEXT NOT NULL,
    PRIMARY KEY (record_uid, field)
) WITHOUT ROWID;
CREATE INDEX sync_dangling_target ON sync_dangling (target_uid);

-- Parts of an event this replica did not apply, the rest being applied: a
-- delete kept because it met a concurrent edit.
CREATE TABLE sync_conflicts (
    event_id   TEXT NOT NULL,
    record_uid TEXT NOT NULL,
    reason     TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (event_id, record_uid)
) WITHOUT ROWID;
