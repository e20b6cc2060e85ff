-- A pod's meeting template: the items every new meeting of the pod opens
-- with, in order. The standing items (deal desk, debt check, open
-- decisions, action review) are generated from the pod's state; the other
-- rows are recurring topics. A pod with no rows uses Triad's built-in
-- template (the four standing items, 10/10/5/5 minutes).
CREATE TABLE pod_template_items (
    id              INTEGER PRIMARY KEY,
    pod_id          INTEGER NOT NULL REFERENCES pods (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),
    standing        TEXT    NOT NULL DEFAULT '' CHECK (standing IN ('', 'deal_desk', 'roadmap_debt', 'open_decisions', 'action_review')),
    title           TEXT    NOT NULL CHECK (length(title) > 0),
    kind            TEXT    NOT NULL,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes BETWEEN 0 AND 240),
    updated_at      TEXT    NOT NULL,
    UNIQUE (pod_id, position)
);
-- Each standing item at most once per template.
CREATE UNIQUE INDEX pod_template_items_standing ON pod_template_items (pod_id, standing) WHERE standing != '';
