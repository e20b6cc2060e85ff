-- Team mode: global ids beside the integer keys, so records made on
-- different laptops never collide and links travel between them, and the
-- replica's own sync state. A database with no team row is today's
-- single-laptop Triad: none of the sync tables is ever written.

-- A global id is 128 random bits as 32 hex digits, given to every row at
-- insert (by the trigger below) unless it arrives with one from another
-- replica or an export. Existing rows get theirs here; every key and link
-- stays as it was.
ALTER TABLE pods ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE deal_requests ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
ALTER TABLE deal_history ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64);
UPDATE pods SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE deal_requests SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
-- deal_history refuses updates (append-only): its trigger is set aside
-- while the existing lines get their ids, and put back as it was.
DROP TRIGGER deal_history_no_update;
UPDATE deal_history SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE TRIGGER deal_history_no_update BEFORE UPDATE ON deal_history
BEGIN
    SELECT RAISE(ABORT, 'deal-desk history cannot be changed');
END;
CREATE UNIQUE INDEX pods_uid ON pods (uid);
CREATE UNIQUE INDEX deal_requests_uid ON deal_requests (uid);
CREATE UNIQUE INDEX deal_history_uid ON deal_history (uid);

CREATE TRIGGER pods_uid_given AFTER INSERT ON pods WHEN NEW.uid IS NULL BEGIN
    UPDATE pods SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER deal_requests_uid_given AFTER INSERT ON deal_requests WHEN NEW.uid IS NULL BEGIN
    UPDATE deal_requests SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
-- A history line is given its id by the store as it is written (the
-- append-only trigger refuses the update a trigger like those above makes).

-- The team this database belongs to: at most one row. Its keys are not
-- here: they live in the user's config folder.
CREATE TABLE sync_team (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    team       TEXT NOT NULL CHECK (length(team) BETWEEN 1 AND 64),
    hub_url    TEXT NOT NULL,
    member_key TEXT NOT NULL CHECK (member_key GLOB 'U*'), -- this laptop's public key
    name       TEXT NOT NULL DEFAULT '',                    -- this member's name
    created_at TEXT NOT NULL
);

-- Who holds which seat of each shared pod, as this replica knows it: its
-- own seats from the team's set-up, the others' from their join events.
CREATE TABLE sync_members (
    pod_uid    TEXT NOT NULL,
    member_key TEXT NOT NULL CHECK (member_key GLOB 'U*'),
    seat       TEXT NOT NULL CHECK (seat IN ('tech_lead', 'product_manager', 'marketing_manager',
                   'facilitator', 'rep', 'delegate')),
    name       TEXT NOT NULL DEFAULT '',
    grant_nonce TEXT UNIQUE, -- the single-use grant it joined with; NULL for the founder
    joined_at  TEXT NOT NULL,
    PRIMARY KEY (pod_uid, member_key, seat)
);

-- Events this replica made, written in the same transaction as the change,
-- until the hub acknowledges them.
CREATE TABLE sync_outbox (
    seq      INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    subject  TEXT NOT NULL,
    hlc      TEXT NOT NULL,
    body     TEXT NOT NULL, -- the signed event as JSON
    made_at  TEXT NOT NULL,
    sent_at  TEXT
);
CREATE INDEX sync_outbox_pending ON sync_outbox (seq) WHERE sent_at IS NULL;

-- Other replicas' events taken, so a redelivery is a no-op.
CREATE TABLE sync_applied (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    pod_uid    TEXT NOT NULL,
    signer     TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    applied_at TEXT NOT NULL
) WITHOUT ROWID;

-- Events that failed the signature or the authority check: kept with why,
-- never applied.
CREATE TABLE sync_refused (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    pod_uid    TEXT NOT NULL,
    signer     TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    reason     TEXT NOT NULL,
    body       TEXT NOT NULL,
    refused_at TEXT NOT NULL
) WITHOUT ROWID;

-- Last-writer-wins per field: the clock reading and event that last set
-- each synced field of each record, so an older edit arriving late never
-- overwrites a newer one. owner rows (field '') hold who filed a request.
CREATE TABLE sync_fields (
    record_uid TEXT NOT NULL,
    field      TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    PRIMARY KEY (record_uid, field)
) WITHOUT ROWID;
CREATE TABLE sync_owners (
    record_uid TEXT PRIMARY KEY,
    owner_key  TEXT NOT NULL
) WITHOUT ROWID;
