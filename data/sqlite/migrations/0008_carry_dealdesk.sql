-- Carry-over recomputed when the previous meeting closes, the history of
-- action items that live past their meeting, and a deal-desk record that
-- says what an edit changed, who acted, and when each sign-off clock ran.

-- Set when the facilitator changes an item. A recomputed carry-over never
-- replaces or removes an item someone has edited. Items changed after
-- they were created are taken as edited, so nothing typed is lost.
ALTER TABLE agenda_items ADD COLUMN edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1));
UPDATE agenda_items SET edited = 1 WHERE updated_at > created_at;

-- Every change to an action item after it was raised: re-dated,
-- reassigned, ticked off or opened again, with who and when. Append-only.
CREATE TABLE action_item_history (
    id        INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES action_items (id) ON DELETE CASCADE,
    at        TEXT    NOT NULL,
    actor     TEXT    NOT NULL CHECK (length(actor) > 0),
    field     TEXT    NOT NULL CHECK (field IN ('due', 'owner', 'done')),
    old_value TEXT    NOT NULL DEFAULT '',
    new_value TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX action_item_history_action ON action_item_history (action_id, id);
CREATE TRIGGER action_item_history_no_update BEFORE UPDATE ON action_item_history
BEGIN
    SELECT RAISE(ABORT, 'action item history cannot be changed');
END;
CREATE TRIGGER action_item_history_no_delete BEFORE DELETE ON action_item_history
WHEN EXISTS (SELECT 1 FROM action_items WHERE id = OLD.action_id)
BEGIN
    SELECT RAISE(ABORT, 'action item history cannot be deleted');
END;

-- The people a pod's Tech Lead lets sign off deal-desk requests for them.
CREATE TABLE pod_delegates (
    id       INTEGER PRIMARY KEY,
    pod_id   INTEGER NOT NULL REFERENCES pods (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    name     TEXT    NOT NULL CHECK (length(name) > 0),
    UNIQUE (pod_id, name)
);

-- When the sign-off clock of the current round started: NULL means at
-- received_at. A request sent back for changes and resubmitted, or
-- reopened, starts a fresh round.
ALTER TABLE deal_requests ADD COLUMN sla_started_at TEXT;

-- Who keyed a decision in when it was not the person who took it.
ALTER TABLE deal_history ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
-- What an edit changed, one "field<TAB>old<TAB>new" line per field.
ALTER TABLE deal_history ADD COLUMN changes TEXT NOT NULL DEFAULT '';
-- Set when an edit changed whether the request needs a sign-off.
ALTER TABLE deal_history ADD COLUMN signoff_change TEXT NOT NULL DEFAULT ''
    CHECK (signoff_change IN ('', 'dropped', 'added'));

-- Requests already resubmitted or reopened were given their old due time
-- back, so they went overdue at once; start their round at the last time
-- they went back into the queue.
UPDATE deal_requests SET sla_started_at = (
    SELECT max(h.at) FROM deal_history h
    WHERE h.request_id = deal_requests.id AND h.from_state NOT IN ('', 'pending') AND h.to_state = 'pending')
WHERE EXISTS (SELECT 1 FROM deal_history h
    WHERE h.request_id = deal_requests.id AND h.from_state NOT IN ('', 'pending') AND h.to_state = 'pending');
UPDATE deal_requests SET due_at = strftime('%Y-%m-%dT%H:%M:%fZ', sla_started_at, '+' || rule_sla_minutes || ' minutes')
WHERE sla_started_at IS NOT NULL AND due_at IS NOT NULL;
