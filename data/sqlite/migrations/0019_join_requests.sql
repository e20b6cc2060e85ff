-- A seat is taken only when the facilitator approves: each invitee's ask,
-- and the answer, by the grant it was made with (one join per grant). The
-- answer may arrive before the ask; the row is then made by the answer.
CREATE TABLE sync_joins (
    nonce      TEXT PRIMARY KEY, -- the grant's
    pod_uid    TEXT NOT NULL,
    member_key TEXT NOT NULL CHECK (member_key GLOB 'U*'),
    seat       TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    grant_json TEXT NOT NULL,
    request_id TEXT NOT NULL DEFAULT '', -- the ask's event id
    state      TEXT NOT NULL CHECK (state IN ('asked', 'approved', 'refused')),
    decided_by TEXT,
    asked_at   TEXT NOT NULL,
    decided_at TEXT
) WITHOUT ROWID;
CREATE INDEX sync_joins_member ON sync_joins (member_key, state);
