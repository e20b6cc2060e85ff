-- Triad's foundation: global settings, pods and their three leaders, meetings.
-- Money is INTEGER minor units; times are TEXT UTC 'YYYY-MM-DDTHH:MM:SS.sssZ';
-- calendar days are TEXT 'YYYY-MM-DD'.

PRAGMA application_id = 1414678849; -- 'TRIA': marks the file as Triad's

CREATE TABLE settings (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    deal_threshold       INTEGER NOT NULL CHECK (deal_threshold >= 0),
    signoff_sla_minutes  INTEGER NOT NULL CHECK (signoff_sla_minutes > 0),
    maintenance_quota_bp INTEGER NOT NULL CHECK (maintenance_quota_bp BETWEEN 0 AND 10000),
    revenue_goal         INTEGER NOT NULL CHECK (revenue_goal > 0),
    currency             TEXT    NOT NULL CHECK (length(currency) = 3),
    updated_at           TEXT    NOT NULL
);

INSERT INTO settings (id, deal_threshold, signoff_sla_minutes, maintenance_quota_bp, revenue_goal, currency, updated_at)
VALUES (1, 5000000, 1440, 2000, 100000000, 'USD', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE pods (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL CHECK (length(name) > 0),
    description          TEXT    NOT NULL DEFAULT '',
    meeting_weekday      INTEGER NOT NULL CHECK (meeting_weekday BETWEEN 0 AND 6),
    meeting_time_minutes INTEGER NOT NULL CHECK (meeting_time_minutes BETWEEN 0 AND 1439),
    -- The pod's own rules; NULL inherits the global setting.
    deal_threshold       INTEGER CHECK (deal_threshold >= 0),
    signoff_sla_minutes  INTEGER CHECK (signoff_sla_minutes > 0),
    maintenance_quota_bp INTEGER CHECK (maintenance_quota_bp BETWEEN 0 AND 10000),
    revenue_goal         INTEGER CHECK (revenue_goal > 0),
    currency             TEXT    CHECK (length(currency) = 3),
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
);
CREATE UNIQUE INDEX pods_name ON pods (name);

-- The three seats of a pod. A member id is stable while the person in the
-- seat changes, so later records keep their own copy of the name they saw.
CREATE TABLE pod_members (
    id     INTEGER PRIMARY KEY,
    pod_id INTEGER NOT NULL REFERENCES pods (id) ON DELETE CASCADE,
    role   TEXT    NOT NULL CHECK (role IN ('tech_lead', 'product_manager', 'marketing_manager')),
    name   TEXT    NOT NULL CHECK (length(name) > 0),
    email  TEXT    NOT NULL DEFAULT '',
    UNIQUE (pod_id, role)
);

CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    pod_id     INTEGER NOT NULL REFERENCES pods (id) ON DELETE CASCADE,
    date       TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status     TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_progress', 'closed')),
    created_at TEXT    NOT NULL,
    started_at TEXT,
    ended_at   TEXT,
    UNIQUE (pod_id, date)
);
