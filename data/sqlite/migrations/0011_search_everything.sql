-- One search over everything a pod records: action items (kind 3,
-- rowid = id * 16 + 3) and deal requests (kind 4, rowid = id * 16 + 4)
-- join decisions and agenda notes in the search index (see
-- 0005_decisions.sql for the index's layout). Only words go in: an
-- action's owner and text; a request's customer, deal, features, terms and
-- notes. Money, dates and states stay out, as for the other kinds.

CREATE VIEW action_search_text AS
SELECT a.id * 16 + 3 AS rowid, a.id AS ref_id, a.pod_id, a.meeting_id, 'p' || a.pod_id AS scope,
       a.text AS title, nullif(a.owner_name, '') AS body
  FROM action_items a;

INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
SELECT rowid, title, body, scope, 'action_item', ref_id, pod_id, meeting_id FROM action_search_text;

CREATE TRIGGER action_items_index_insert AFTER INSERT ON action_items BEGIN
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'action_item', ref_id, pod_id, meeting_id FROM action_search_text WHERE ref_id = NEW.id;
END;
-- Ticking an action done changes no words: re-index only when they change.
CREATE TRIGGER action_items_index_update AFTER UPDATE OF text, owner_name, pod_id, meeting_id ON action_items
WHEN OLD.text IS NOT NEW.text OR OLD.owner_name IS NOT NEW.owner_name
  OR OLD.pod_id IS NOT NEW.pod_id OR OLD.meeting_id IS NOT NEW.meeting_id BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 3;
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'action_item', ref_id, pod_id, meeting_id FROM action_search_text WHERE ref_id = NEW.id;
END;
CREATE TRIGGER action_items_index_delete AFTER DELETE ON action_items BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 3;
END;

-- A request belongs to no meeting: meeting_id is 0 in the index.
CREATE VIEW deal_search_text AS
SELECT r.id * 16 + 4 AS rowid, r.id AS ref_id, r.pod_id, 0 AS meeting_id, 'p' || r.pod_id AS scope,
       concat_ws(' — ', r.customer, nullif(r.deal_name, '')) AS title,
       concat_ws(char(10), r.features, nullif(r.terms, ''), nullif(r.notes, ''), r.rep_name) AS body
  FROM deal_requests r;

INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
SELECT rowid, title, body, scope, 'deal_request', ref_id, pod_id, meeting_id FROM deal_search_text;

CREATE TRIGGER deal_requests_index_insert AFTER INSERT ON deal_requests BEGIN
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'deal_request', ref_id, pod_id, meeting_id FROM deal_search_text WHERE ref_id = NEW.id;
END;
-- A decision on a request changes its state, not its words.
CREATE TRIGGER deal_requests_index_update AFTER UPDATE OF customer, deal_name, features, terms, notes, rep_name, pod_id ON deal_requests
WHEN OLD.customer IS NOT NEW.customer OR OLD.deal_name IS NOT NEW.deal_name OR OLD.features IS NOT NEW.features
  OR OLD.terms IS NOT NEW.terms OR OLD.notes IS NOT NEW.notes OR OLD.rep_name IS NOT NEW.rep_name
  OR OLD.pod_id IS NOT NEW.pod_id BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 4;
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'deal_request', ref_id, pod_id, meeting_id FROM deal_search_text WHERE ref_id = NEW.id;
END;
CREATE TRIGGER deal_requests_index_delete AFTER DELETE ON deal_requests BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 4;
END;
