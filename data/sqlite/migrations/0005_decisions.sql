-- Decisions: what the Triad decided, each leader's perspective, the call,
-- every leader's commitment, and a pod-wide full-text search index.
-- Needs SQLite built with FTS5 (go build -tags sqlite_fts5).

CREATE TABLE decisions (
    id               INTEGER PRIMARY KEY,
    pod_id           INTEGER NOT NULL REFERENCES pods (id) ON DELETE CASCADE,
    meeting_id       INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    -- The agenda item the decision was made from. No foreign key yet: the
    -- agenda table arrives with the meeting schema, and the migration that
    -- brings the two together adds the link.
    agenda_item_id   INTEGER,
    question         TEXT    NOT NULL CHECK (length(question) > 0),
    context          TEXT    NOT NULL DEFAULT '',
    -- The decision maker (the Product Manager by default) and a copy of
    -- their name as it was when the call was made.
    decider_id       INTEGER REFERENCES pod_members (id) ON DELETE SET NULL,
    decider_name     TEXT    NOT NULL DEFAULT '',
    chosen_option    INTEGER CHECK (chosen_option > 0), -- position in decision_options
    rationale        TEXT    NOT NULL DEFAULT '',
    revisit_on       TEXT    CHECK (revisit_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    state            TEXT    NOT NULL DEFAULT 'proposed'
                             CHECK (state IN ('proposed', 'decided', 'superseded', 'reversed')),
    decided_at       TEXT,
    supersedes_id    INTEGER REFERENCES decisions (id) ON DELETE SET NULL,
    superseded_by_id INTEGER REFERENCES decisions (id) ON DELETE SET NULL,
    reversed_reason  TEXT    NOT NULL DEFAULT '',
    closed_at        TEXT,   -- when superseded or reversed
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    -- A call is never on record without who made it and what was chosen.
    CHECK (state = 'proposed' OR (decider_name != '' AND chosen_option IS NOT NULL AND decided_at IS NOT NULL))
);
CREATE INDEX decisions_pod_meeting ON decisions (pod_id, meeting_id);
CREATE INDEX decisions_meeting ON decisions (meeting_id);
CREATE INDEX decisions_open ON decisions (pod_id, state);

-- The options considered, numbered from 1 in the order shown. Cost is
-- INTEGER minor units when the option costs money; effort is free text.
CREATE TABLE decision_options (
    decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position > 0),
    title       TEXT    NOT NULL CHECK (length(title) > 0),
    pros        TEXT    NOT NULL DEFAULT '',
    cons        TEXT    NOT NULL DEFAULT '',
    cost        INTEGER CHECK (cost >= 0),
    effort      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (decision_id, position)
);

-- Each leader's perspective and, once decided, commitment. member_name is
-- the member's name as it was, so the record reads right after a seat
-- changes hands.
CREATE TABLE decision_positions (
    decision_id  INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES pod_members (id) ON DELETE CASCADE,
    role         TEXT    NOT NULL CHECK (role IN ('tech_lead', 'product_manager', 'marketing_manager')),
    member_name  TEXT    NOT NULL,
    position     TEXT    NOT NULL DEFAULT '' CHECK (position IN ('', 'agree', 'disagree', 'abstain')),
    reasoning    TEXT    NOT NULL DEFAULT '',
    commitment   TEXT    NOT NULL DEFAULT '' CHECK (commitment IN ('', 'commit', 'disagree_commit')),
    committed_at TEXT,
    PRIMARY KEY (decision_id, member_id),
    -- Disagree-and-commit is only for a leader who disagreed; a plain
    -- commit needs a stated position that is not a disagreement.
    CHECK (commitment != 'disagree_commit' OR position = 'disagree'),
    CHECK (commitment != 'commit' OR position IN ('agree', 'abstain'))
);
CREATE INDEX decision_positions_member ON decision_positions (member_id, position);

-- Follow-up action items of the meeting. No foreign key on action_item_id
-- yet: the action items table arrives with the meeting schema, and the
-- migration that brings the two together adds the link.
CREATE TABLE decision_actions (
    decision_id    INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    action_item_id INTEGER NOT NULL,
    PRIMARY KEY (decision_id, action_item_id)
);

-- One search index for every pod: decisions now, agenda notes and
-- outcomes when triggers on the agenda table add them. Each row is one
-- searchable thing: kind names what it is, ref_id its row in that kind's
-- table. Only words go in (title, body); money and dates stay out, so a
-- search for "50" does not match every amount and every date.
--
-- scope holds one token, 'p' || pod_id, so a search is confined to a pod
-- inside the index (scope : "p7" AND {title body} : (...)) instead of
-- reading every pod's matches and dropping most of them.
--
-- rowid = ref_id * 16 + kind number (1 = decision; 2.. for the agenda
-- kinds), so a trigger finds its own row by rowid instead of scanning, and
-- rowid order is creation order within a kind (newest first = rowid DESC).
CREATE VIRTUAL TABLE search_index USING fts5 (
    title,
    body,
    scope,
    kind       UNINDEXED,
    ref_id     UNINDEXED,
    pod_id     UNINDEXED,
    meeting_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The index's vocabulary: every distinct word with its counts. Search
-- turns "pric" into ("price" OR "priced" OR "pricing") from here, which
-- FTS5 answers far faster than a prefix query on a long history.
CREATE VIRTUAL TABLE search_terms USING fts5vocab (search_index, 'row');

-- What a decision contributes to the index: the question as title; the
-- context, each option's name, pros, cons and effort, each leader's
-- reasoning, the reason for the call and any reversal as body. Option
-- costs and every date are left out.
CREATE VIEW decision_search_text AS
SELECT d.id * 16 + 1 AS rowid, d.id AS ref_id, d.pod_id, d.meeting_id, 'p' || d.pod_id AS scope, d.question AS title,
       concat_ws(char(10),
           nullif(d.context, ''),
           (SELECT group_concat(concat_ws(char(10), o.title, nullif(o.pros, ''), nullif(o.cons, ''), nullif(o.effort, '')), char(10))
              FROM decision_options o WHERE o.decision_id = d.id),
           (SELECT group_concat(p.reasoning, char(10))
              FROM decision_positions p WHERE p.decision_id = d.id AND p.reasoning != ''),
           nullif(d.rationale, ''),
           nullif(d.reversed_reason, '')) AS body
  FROM decisions d;

CREATE TRIGGER decisions_index_insert AFTER INSERT ON decisions BEGIN
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'decision', ref_id, pod_id, meeting_id FROM decision_search_text WHERE ref_id = NEW.id;
END;
CREATE TRIGGER decisions_index_update AFTER UPDATE OF question, context, rationale, reversed_reason, meeting_id, pod_id ON decisions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 1;
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'decision', ref_id, pod_id, meeting_id FROM decision_search_text WHERE ref_id = NEW.id;
END;
CREATE TRIGGER decisions_index_delete AFTER DELETE ON decisions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 1;
END;

CREATE TRIGGER decision_options_index_insert AFTER INSERT ON decision_options BEGIN
    DELETE FROM search_index WHERE rowid = NEW.decision_id * 16 + 1;
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'decision', ref_id, pod_id, meeting_id FROM decision_search_text WHERE ref_id = NEW.decision_id;
END;
CREATE TRIGGER decision_options_index_update AFTER UPDATE ON decision_options BEGIN
    DELETE FROM search_index WHERE rowid = NEW.decision_id * 16 + 1;
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'decision', ref_id, pod_id, meeting_id FROM decision_search_text WHERE ref_id = NEW.decision_id;
END;
CREATE TRIGGER decision_options_index_delete AFTER DELETE ON decision_options BEGIN
    DELETE FROM search_index WHERE rowid = OLD.decision_id * 16 + 1;
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'decision', ref_id, pod_id, meeting_id FROM decision_search_text WHERE ref_id = OLD.decision_id;
END;

CREATE TRIGGER decision_positions_index_insert AFTER INSERT ON decision_positions BEGIN
    DELETE FROM search_index WHERE rowid = NEW.decision_id * 16 + 1;
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'decision', ref_id, pod_id, meeting_id FROM decision_search_text WHERE ref_id = NEW.decision_id;
END;
CREATE TRIGGER decision_positions_index_update AFTER UPDATE OF reasoning ON decision_positions BEGIN
    DELETE FROM search_index WHERE rowid = NEW.decision_id * 16 + 1;
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'decision', ref_id, pod_id, meeting_id FROM decision_search_text WHERE ref_id = NEW.decision_id;
END;
CREATE TRIGGER decision_positions_index_delete AFTER DELETE ON decision_positions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.decision_id * 16 + 1;
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'decision', ref_id, pod_id, meeting_id FROM decision_search_text WHERE ref_id = OLD.decision_id;
END;
