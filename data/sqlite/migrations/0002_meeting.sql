-- Running the weekly meeting: who came, the timeboxed agenda with its
-- notes, outcomes and Triad answers, the clock's intervals, the meeting's
-- status history and the action items it produced.

-- Set once a meeting's attendees and standing/carried agenda items have
-- been generated, so deleting a standing item does not bring it back.
ALTER TABLE meetings ADD COLUMN agenda_prepared_at TEXT;

-- One row per person at one meeting. Leaders point at their seat
-- (member_id); guests have none. The name is copied so the minutes keep
-- the person who was there even after the seat changes hands.
CREATE TABLE meeting_attendees (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    member_id  INTEGER REFERENCES pod_members (id) ON DELETE SET NULL,
    role       TEXT    NOT NULL DEFAULT '' CHECK (role IN ('', 'tech_lead', 'product_manager', 'marketing_manager')),
    name       TEXT    NOT NULL CHECK (length(name) > 0),
    email      TEXT    NOT NULL DEFAULT '',
    guest_role TEXT    NOT NULL DEFAULT '',
    present    INTEGER NOT NULL DEFAULT 0 CHECK (present IN (0, 1)),
    created_at TEXT    NOT NULL
);
CREATE INDEX meeting_attendees_meeting ON meeting_attendees (meeting_id);
CREATE UNIQUE INDEX meeting_attendees_seat ON meeting_attendees (meeting_id, role) WHERE role != '';

CREATE TABLE agenda_items (
    id                   INTEGER PRIMARY KEY,
    meeting_id           INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position             INTEGER NOT NULL CHECK (position >= 0),
    title                TEXT    NOT NULL CHECK (length(title) > 0),
    presenter_id         INTEGER REFERENCES meeting_attendees (id) ON DELETE SET NULL,
    kind                 TEXT    NOT NULL CHECK (kind IN ('topic', 'feature_proposal', 'deal_desk', 'roadmap', 'decision', 'info')),
    planned_minutes      INTEGER NOT NULL DEFAULT 0 CHECK (planned_minutes BETWEEN 0 AND 240),
    notes                TEXT    NOT NULL DEFAULT '',
    outcome              TEXT    NOT NULL DEFAULT '',
    outcome_type         TEXT    NOT NULL DEFAULT '' CHECK (outcome_type IN ('', 'info', 'decision', 'action')),
    carry_over           INTEGER NOT NULL DEFAULT 0 CHECK (carry_over IN (0, 1)),
    carried_from_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    carried_from_date    TEXT    CHECK (carried_from_date IS NULL OR carried_from_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    standing             TEXT    NOT NULL DEFAULT '' CHECK (standing IN ('', 'deal_desk', 'roadmap_debt', 'open_decisions', 'action_review')),
    -- Seconds the clock ran on the item, summed from its closed intervals.
    actual_seconds       INTEGER NOT NULL DEFAULT 0 CHECK (actual_seconds >= 0),
    -- The three Triad questions on a feature proposal ('' = unanswered;
    -- 'qualified' = with changes / later / partly), and who answered.
    eng_can_build        TEXT    NOT NULL DEFAULT '' CHECK (eng_can_build IN ('', 'yes', 'no', 'qualified')),
    eng_how_long         TEXT    NOT NULL DEFAULT '',
    eng_by               INTEGER REFERENCES meeting_attendees (id) ON DELETE SET NULL,
    prod_should_build    TEXT    NOT NULL DEFAULT '' CHECK (prod_should_build IN ('', 'yes', 'no', 'qualified')),
    prod_solves_problem  TEXT    NOT NULL DEFAULT '' CHECK (prod_solves_problem IN ('', 'yes', 'no', 'qualified')),
    prod_by              INTEGER REFERENCES meeting_attendees (id) ON DELETE SET NULL,
    gtm_can_sell         TEXT    NOT NULL DEFAULT '' CHECK (gtm_can_sell IN ('', 'yes', 'no', 'qualified')),
    gtm_will_pay         INTEGER CHECK (gtm_will_pay >= 0), -- minor units; NULL unanswered
    gtm_by               INTEGER REFERENCES meeting_attendees (id) ON DELETE SET NULL,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

-- The meeting clock: one row per stretch of time on one item. ended_at is
-- NULL while it runs; at most one interval of a meeting is open.
CREATE TABLE agenda_item_intervals (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    started_at TEXT    NOT NULL,
    ended_at   TEXT    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX agenda_item_intervals_item ON agenda_item_intervals (item_id);

-- Status history: started, closed, reopened.
CREATE TABLE meeting_events (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('started', 'closed', 'reopened')),
    at         TEXT    NOT NULL
);
CREATE INDEX meeting_events_meeting ON meeting_events (meeting_id);

CREATE TABLE action_items (
    id             INTEGER PRIMARY KEY,
    pod_id         INTEGER NOT NULL REFERENCES pods (id) ON DELETE CASCADE,
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    text           TEXT    NOT NULL CHECK (length(text) > 0),
    owner_id       INTEGER REFERENCES meeting_attendees (id) ON DELETE SET NULL,
    owner_name     TEXT    NOT NULL DEFAULT '',
    due            TEXT    CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    done_at        TEXT,
    created_at     TEXT    NOT NULL
);
CREATE INDEX action_items_pod_open ON action_items (pod_id, done_at, due);
CREATE INDEX action_items_meeting ON action_items (meeting_id);
