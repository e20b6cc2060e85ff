-- The deal desk: feature-commitment requests waiting for the Engineering
-- Lead's sign-off, their append-only history, and the reminders that fired.

-- The customer-concentration warning: a global default and a pod override
-- (NULL inherits), like the other rules.
ALTER TABLE settings ADD COLUMN concentration_limit_bp INTEGER NOT NULL DEFAULT 4000
    CHECK (concentration_limit_bp BETWEEN 1 AND 10000);
ALTER TABLE pods ADD COLUMN concentration_limit_bp INTEGER
    CHECK (concentration_limit_bp BETWEEN 1 AND 10000);

CREATE TABLE deal_requests (
    id                INTEGER PRIMARY KEY,
    pod_id            INTEGER NOT NULL REFERENCES pods (id) ON DELETE CASCADE,
    customer          TEXT    NOT NULL CHECK (length(customer) > 0),
    deal_name         TEXT    NOT NULL DEFAULT '',
    value             INTEGER NOT NULL CHECK (value >= 0),
    close_date        TEXT    CHECK (close_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    rep_name          TEXT    NOT NULL CHECK (length(rep_name) > 0),
    rep_email         TEXT    NOT NULL DEFAULT '',
    features          TEXT    NOT NULL,
    needs_new_feature INTEGER NOT NULL CHECK (needs_new_feature IN (0, 1)),
    terms             TEXT    NOT NULL DEFAULT '',
    notes             TEXT    NOT NULL DEFAULT '',
    received_at       TEXT    NOT NULL,
    -- The rule that applied when the request was received. Kept here so a
    -- later change of the settings never moves this request's due time.
    rule_threshold    INTEGER NOT NULL CHECK (rule_threshold >= 0),
    rule_sla_minutes  INTEGER NOT NULL CHECK (rule_sla_minutes > 0),
    rule_currency     TEXT    NOT NULL CHECK (length(rule_currency) = 3),
    due_at            TEXT,   -- NULL when no sign-off is needed
    state             TEXT    NOT NULL CHECK (state IN
                          ('pending', 'approved', 'rejected', 'changes_requested', 'withdrawn', 'no_signoff')),
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    decided_at        TEXT
);
CREATE INDEX deal_requests_queue ON deal_requests (state, due_at);
CREATE INDEX deal_requests_pod ON deal_requests (pod_id, received_at);

-- A request leaves only with its pod: the audit trail must not lose it.
CREATE TRIGGER deal_requests_keep BEFORE DELETE ON deal_requests
WHEN EXISTS (SELECT 1 FROM pods WHERE id = OLD.pod_id)
BEGIN
    SELECT RAISE(ABORT, 'deal-desk requests are kept; withdraw a request instead of deleting it');
END;

CREATE TABLE deal_history (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES deal_requests (id) ON DELETE CASCADE,
    at           TEXT    NOT NULL,
    actor        TEXT    NOT NULL CHECK (length(actor) > 0),
    on_behalf_of TEXT    NOT NULL DEFAULT '', -- the approver a delegate signed for
    from_state   TEXT    NOT NULL DEFAULT '', -- '' on the line that records receipt
    to_state     TEXT    NOT NULL,
    comment      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX deal_history_request ON deal_history (request_id, id);
CREATE INDEX deal_history_at ON deal_history (at);

-- History is append-only. A line goes only when its request goes (with
-- its pod), which the cascade does after the request row is gone.
CREATE TRIGGER deal_history_no_update BEFORE UPDATE ON deal_history
BEGIN
    SELECT RAISE(ABORT, 'deal-desk history cannot be changed');
END;
CREATE TRIGGER deal_history_no_delete BEFORE DELETE ON deal_history
WHEN EXISTS (SELECT 1 FROM deal_requests WHERE id = OLD.request_id)
BEGIN
    SELECT RAISE(ABORT, 'deal-desk history cannot be deleted');
END;

-- Reminders that fired, so a restart does not repeat them.
CREATE TABLE deal_reminders (
    request_id INTEGER NOT NULL REFERENCES deal_requests (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('soon', 'overdue')),
    fired_at   TEXT    NOT NULL,
    PRIMARY KEY (request_id, kind)
);
