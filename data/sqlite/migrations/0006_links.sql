-- Links between the features: agenda notes and outcomes in the pod's
-- search index, the integrity of the decision -> agenda item and
-- decision -> action item links, and the deal requests a roadmap item
-- came from.

-- Agenda items in the search index (kind 'agenda_item', rowid = id * 16 + 2,
-- see 0005_decisions.sql). The title and the words of the notes and the
-- outcome go in; the Triad answers' money (gtm_will_pay), the carried-over
-- date and every time stay out. An item with neither notes nor an outcome
-- is left out: its title alone ("Deal desk", every week) would only bury
-- the real hits.
CREATE VIEW agenda_search_text AS
SELECT a.id * 16 + 2 AS rowid, a.id AS ref_id, m.pod_id, a.meeting_id, 'p' || m.pod_id AS scope, a.title,
       concat_ws(char(10), nullif(a.notes, ''), nullif(a.outcome, '')) AS body
  FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
 WHERE a.notes != '' OR a.outcome != '';

INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
SELECT rowid, title, body, scope, 'agenda_item', ref_id, pod_id, meeting_id FROM agenda_search_text;

CREATE TRIGGER agenda_items_index_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'agenda_item', ref_id, pod_id, meeting_id FROM agenda_search_text WHERE ref_id = NEW.id;
END;
-- Autosave writes every column of an item on each save, and the clock
-- updates the item too: re-index only when the indexed text really changed.
CREATE TRIGGER agenda_items_index_update AFTER UPDATE OF title, notes, outcome, meeting_id ON agenda_items
WHEN OLD.title IS NOT NEW.title OR OLD.notes IS NOT NEW.notes OR OLD.outcome IS NOT NEW.outcome
  OR OLD.meeting_id IS NOT NEW.meeting_id BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 2;
    INSERT INTO search_index (rowid, title, body, scope, kind, ref_id, pod_id, meeting_id)
    SELECT rowid, title, body, scope, 'agenda_item', ref_id, pod_id, meeting_id FROM agenda_search_text WHERE ref_id = NEW.id;
END;
CREATE TRIGGER agenda_items_index_delete AFTER DELETE ON agenda_items BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 2;
END;

-- decisions.agenda_item_id and decision_actions.action_item_id were added
-- without foreign keys, and SQLite cannot add one to an existing column:
-- triggers keep the links whole instead. First, links that already point
-- nowhere get what the triggers would have done when their row went.
UPDATE decisions SET agenda_item_id = NULL
 WHERE agenda_item_id IS NOT NULL AND agenda_item_id NOT IN (SELECT id FROM agenda_items);
DELETE FROM decision_actions WHERE action_item_id NOT IN (SELECT id FROM action_items);

CREATE INDEX decisions_agenda_item ON decisions (agenda_item_id) WHERE agenda_item_id IS NOT NULL;
CREATE INDEX decision_actions_action_item ON decision_actions (action_item_id);

CREATE TRIGGER decisions_agenda_item_insert BEFORE INSERT ON decisions
WHEN NEW.agenda_item_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agenda_items WHERE id = NEW.agenda_item_id) BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: decisions.agenda_item_id');
END;
CREATE TRIGGER decisions_agenda_item_update BEFORE UPDATE OF agenda_item_id ON decisions
WHEN NEW.agenda_item_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agenda_items WHERE id = NEW.agenda_item_id) BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: decisions.agenda_item_id');
END;
-- A decision outlives the agenda item it was made from (ON DELETE SET NULL).
CREATE TRIGGER agenda_items_unlink_decisions AFTER DELETE ON agenda_items BEGIN
    UPDATE decisions SET agenda_item_id = NULL WHERE agenda_item_id = OLD.id;
END;

CREATE TRIGGER decision_actions_action_item_insert BEFORE INSERT ON decision_actions
WHEN NOT EXISTS (SELECT 1 FROM action_items WHERE id = NEW.action_item_id) BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: decision_actions.action_item_id');
END;
CREATE TRIGGER decision_actions_action_item_update BEFORE UPDATE OF action_item_id ON decision_actions
WHEN NOT EXISTS (SELECT 1 FROM action_items WHERE id = NEW.action_item_id) BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: decision_actions.action_item_id');
END;
-- A follow-up that is deleted is no longer a follow-up (ON DELETE CASCADE).
CREATE TRIGGER action_items_unlink_decisions AFTER DELETE ON action_items BEGIN
    DELETE FROM decision_actions WHERE action_item_id = OLD.id;
END;

-- The deal request a roadmap item's customer came from; NULL for a
-- customer typed in by hand. A new column may carry a real foreign key
-- (its default is NULL), so SQLite checks this link itself. Deleting the
-- request keeps the customer on the item.
ALTER TABLE roadmap_item_sources ADD COLUMN deal_request_id INTEGER REFERENCES deal_requests (id) ON DELETE SET NULL;
CREATE INDEX roadmap_item_sources_deal ON roadmap_item_sources (deal_request_id) WHERE deal_request_id IS NOT NULL;
