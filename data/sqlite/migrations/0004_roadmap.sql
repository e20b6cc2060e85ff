-- The roadmap: items per pod, where they came from, the revenue features
-- bring after launch, the weekly debt-check snapshots recorded into
-- meetings, and the celebrations of features that reached their goal.

-- One effort unit per pod: every estimate of the pod is in it.
ALTER TABLE pods ADD COLUMN effort_unit TEXT NOT NULL DEFAULT 'points'
    CHECK (effort_unit IN ('points', 'person_weeks'));

CREATE TABLE roadmap_items (
    id                 INTEGER PRIMARY KEY,
    pod_id             INTEGER NOT NULL REFERENCES pods (id) ON DELETE CASCADE,
    title              TEXT    NOT NULL CHECK (length(title) > 0),
    kind               TEXT    NOT NULL CHECK (kind IN ('feature', 'maintenance')),
    subkind            TEXT    CHECK (subkind IN ('tech_debt', 'bugs', 'upgrades', 'reliability')),
    -- Tenths of the pod's effort unit; NULL: not estimated yet.
    effort_tenths      INTEGER CHECK (effort_tenths BETWEEN 1 AND 10000),
    target_year        INTEGER NOT NULL CHECK (target_year BETWEEN 1900 AND 2200),
    target_quarter     INTEGER NOT NULL CHECK (target_quarter BETWEEN 1 AND 4),
    status             TEXT    NOT NULL CHECK (status IN ('proposed', 'planned', 'in_progress', 'shipped', 'dropped')),
    shipped_on         TEXT    CHECK (shipped_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    expected_arr       INTEGER NOT NULL DEFAULT 0 CHECK (expected_arr >= 0),
    goal_override      INTEGER CHECK (goal_override > 0),
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    CHECK ((kind = 'maintenance') = (subkind IS NOT NULL)),
    CHECK ((status = 'shipped') = (shipped_on IS NOT NULL)),
    CHECK (kind = 'feature' OR (expected_arr = 0 AND goal_override IS NULL))
);
CREATE INDEX roadmap_items_pod ON roadmap_items (pod_id, target_year, target_quarter);

-- Where an item came from. No rows: internal. A row per customer who asked;
-- the deal desk links its request here (a deal_request_id column) when the
-- two features meet.
CREATE TABLE roadmap_item_sources (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES roadmap_items (id) ON DELETE CASCADE,
    customer TEXT    NOT NULL CHECK (length(customer) > 0),
    position INTEGER NOT NULL,
    UNIQUE (item_id, customer)
);

-- Realized ARR, booked over time; history, never edited.
CREATE TABLE roadmap_arr_entries (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES roadmap_items (id) ON DELETE CASCADE,
    date       TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    note       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
);
CREATE INDEX roadmap_arr_entries_item ON roadmap_arr_entries (item_id, date);

CREATE TRIGGER roadmap_arr_entries_history BEFORE UPDATE ON roadmap_arr_entries
BEGIN
    SELECT RAISE(ABORT, 'realized ARR entries are history and cannot be changed');
END;

-- A feature is celebrated once in its life: one row per item.
CREATE TABLE roadmap_celebrations (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL UNIQUE REFERENCES roadmap_items (id) ON DELETE CASCADE,
    pod_id     INTEGER NOT NULL REFERENCES pods (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    goal       INTEGER NOT NULL CHECK (goal > 0),
    realized   INTEGER NOT NULL CHECK (realized >= goal),
    crossed_on TEXT    NOT NULL CHECK (crossed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    currency   TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX roadmap_celebrations_pod ON roadmap_celebrations (pod_id, crossed_on);

CREATE TRIGGER roadmap_celebrations_once BEFORE UPDATE ON roadmap_celebrations
BEGIN
    SELECT RAISE(ABORT, 'a celebration is recorded once and cannot be changed');
END;

-- The debt check as it stood when recorded into a meeting: its own copy of
-- every figure, so later roadmap edits leave it as it was.
CREATE TABLE debt_snapshots (
    id                  INTEGER PRIMARY KEY,
    meeting_id          INTEGER NOT NULL UNIQUE REFERENCES meetings (id) ON DELETE CASCADE,
    pod_id              INTEGER NOT NULL REFERENCES pods (id) ON DELETE CASCADE,
    window_from         TEXT    NOT NULL,
    window_to           TEXT    NOT NULL,
    effort_unit         TEXT    NOT NULL CHECK (effort_unit IN ('points', 'person_weeks')),
    quota_bp            INTEGER NOT NULL CHECK (quota_bp BETWEEN 0 AND 10000),
    ratio_bp            INTEGER NOT NULL CHECK (ratio_bp BETWEEN 0 AND 10000),
    band                TEXT    NOT NULL CHECK (band IN ('on_target', 'close', 'off_target', 'no_plan')),
    maintenance_tenths  INTEGER NOT NULL CHECK (maintenance_tenths >= 0),
    total_tenths        INTEGER NOT NULL CHECK (total_tenths >= maintenance_tenths),
    shortfall_tenths    INTEGER NOT NULL CHECK (shortfall_tenths >= 0),
    unreachable         INTEGER NOT NULL DEFAULT 0 CHECK (unreachable IN (0, 1)),
    maintenance_items   INTEGER NOT NULL CHECK (maintenance_items >= 0),
    feature_items       INTEGER NOT NULL CHECK (feature_items >= 0),
    unestimated_items   INTEGER NOT NULL CHECK (unestimated_items >= 0),
    unestimated_titles  TEXT    NOT NULL DEFAULT '', -- one per line
    recorded_at         TEXT    NOT NULL,
    -- The Product Marketing Manager's answer, given once.
    response            TEXT    NOT NULL DEFAULT 'pending' CHECK (response IN ('pending', 'accepted', 'disputed')),
    response_comment    TEXT    NOT NULL DEFAULT '',
    respondent_id       INTEGER REFERENCES pod_members (id) ON DELETE SET NULL,
    respondent_name     TEXT    NOT NULL DEFAULT '',
    responded_at        TEXT,
    CHECK (response != 'disputed' OR length(trim(response_comment)) > 0)
);
CREATE INDEX debt_snapshots_pod ON debt_snapshots (pod_id);

-- The figures of a snapshot never change once recorded.
CREATE TRIGGER debt_snapshots_frozen BEFORE UPDATE OF
    meeting_id, pod_id, window_from, window_to, effort_unit, quota_bp, ratio_bp, band,
    maintenance_tenths, total_tenths, shortfall_tenths, unreachable,
    maintenance_items, feature_items, unestimated_items, unestimated_titles, recorded_at
ON debt_snapshots
BEGIN
    SELECT RAISE(ABORT, 'a debt-check snapshot cannot be changed once recorded');
END;

-- The PMM answers once; the answer is then part of the record too.
CREATE TRIGGER debt_snapshots_answer_once BEFORE UPDATE OF
    response, response_comment, respondent_name, responded_at
ON debt_snapshots
WHEN OLD.response != 'pending'
BEGIN
    SELECT RAISE(ABORT, 'the response to a debt-check snapshot is already recorded');
END;
