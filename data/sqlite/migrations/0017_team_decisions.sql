-- Team mode for the decision log and the shared metrics: global ids for
-- decisions, roadmap items, realized ARR entries, celebrations and
-- debt-check snapshots (see 0015_team_sync.sql for their form), and every
-- replica's record of who changed which field of a synced record. Every
-- existing row keeps its key and links, and gets its id here.
ALTER TABLE decisions ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE roadmap_items ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE roadmap_arr_entries ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE roadmap_celebrations ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE debt_snapshots ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);

-- ARR entries and celebrations are history and never change; the one
-- update their triggers now let through gives a row without a global id
-- its id, once, and touches nothing else.
DROP TRIGGER roadmap_arr_entries_history;
CREATE TRIGGER roadmap_arr_entries_history BEFORE UPDATE ON roadmap_arr_entries
WHEN NOT (OLD.uid IS NULL AND NEW.uid IS NOT NULL AND NEW.id = OLD.id AND NEW.item_id = OLD.item_id
    AND NEW.date = OLD.date AND NEW.amount = OLD.amount AND NEW.note = OLD.note AND NEW.created_at = OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, 'realized ARR entries are history and cannot be changed');
END;
DROP TRIGGER roadmap_celebrations_once;
CREATE TRIGGER roadmap_celebrations_once BEFORE UPDATE ON roadmap_celebrations
WHEN NOT (OLD.uid IS NULL AND NEW.uid IS NOT NULL AND NEW.id = OLD.id AND NEW.item_id = OLD.item_id
    AND NEW.pod_id = OLD.pod_id AND NEW.title = OLD.title AND NEW.goal = OLD.goal AND NEW.realized = OLD.realized
    AND NEW.crossed_on = OLD.crossed_on AND NEW.currency = OLD.currency AND NEW.created_at = OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, 'a celebration is recorded once and cannot be changed');
END;

UPDATE decisions SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE roadmap_items SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE roadmap_arr_entries SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE roadmap_celebrations SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE debt_snapshots SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX decisions_uid ON decisions (uid);
CREATE UNIQUE INDEX roadmap_items_uid ON roadmap_items (uid);
CREATE UNIQUE INDEX roadmap_arr_entries_uid ON roadmap_arr_entries (uid);
CREATE UNIQUE INDEX roadmap_celebrations_uid ON roadmap_celebrations (uid);
CREATE UNIQUE INDEX debt_snapshots_uid ON debt_snapshots (uid);

CREATE TRIGGER decisions_uid_given AFTER INSERT ON decisions WHEN NEW.uid IS NULL BEGIN
    UPDATE decisions SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER roadmap_items_uid_given AFTER INSERT ON roadmap_items WHEN NEW.uid IS NULL BEGIN
    UPDATE roadmap_items SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER roadmap_arr_entries_uid_given AFTER INSERT ON roadmap_arr_entries WHEN NEW.uid IS NULL BEGIN
    UPDATE roadmap_arr_entries SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER roadmap_celebrations_uid_given AFTER INSERT ON roadmap_celebrations WHEN NEW.uid IS NULL BEGIN
    UPDATE roadmap_celebrations SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER debt_snapshots_uid_given AFTER INSERT ON debt_snapshots WHEN NEW.uid IS NULL BEGIN
    UPDATE debt_snapshots SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

-- Every edit of a synced field (a decision's question, a leader's
-- position, a roadmap item's effort …) that this replica made or took,
-- once each: the union of every replica's edits, so the value a later
-- edit replaced, and the loser of two concurrent edits, stay on record.
-- The record itself holds the last writer's value (sync_fields).
-- record_uid is the record's global id; a leader's position and
-- commitment on a decision are the record '<decision uid>/<seat>'.
CREATE TABLE sync_changes (
    event_id   TEXT NOT NULL,
    record_uid TEXT NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL, -- as JSON
    hlc        TEXT NOT NULL,
    signer     TEXT NOT NULL,
    pod_uid    TEXT NOT NULL,
    PRIMARY KEY (record_uid, field, hlc, event_id)
) WITHOUT ROWID;
CREATE INDEX sync_changes_pod ON sync_changes (pod_uid);
