-- What was typed into a form and not saved yet: the decision editor, the
-- deal-desk form, the pod form, the PMM's comment on the debt check. Each draft is one form on one record
-- (subject: 'decision 7', 'new from item 12', 'new'), a row a field, the
-- text as typed. It is autosaved while typing, shown again when the same
-- form is opened, and cleared when the form is saved or the draft
-- discarded. It is never part of the record: not in the minutes, the
-- decision log or search.
CREATE TABLE form_drafts (
    form     TEXT NOT NULL CHECK (form IN ('decision', 'deal_request', 'pod', 'debt_answer')),
    subject  TEXT NOT NULL CHECK (subject != ''),
    field    TEXT NOT NULL CHECK (field != ''),
    value    TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (form, subject, field)
);

-- A draft of a record that is gone goes with it, in the same transaction
-- (a subject names its record in words, so no foreign key can).
CREATE TRIGGER form_drafts_decision_gone AFTER DELETE ON decisions BEGIN
    DELETE FROM form_drafts WHERE form = 'decision'
        AND subject IN ('decision ' || OLD.id, 'new superseding ' || OLD.id);
END;
-- A proposal decided elsewhere (another screen, the CLI) has no editor any
-- more: what was typed into it could never be shown again.
CREATE TRIGGER form_drafts_decision_decided AFTER UPDATE OF state ON decisions
WHEN NEW.state != 'proposed' BEGIN
    DELETE FROM form_drafts WHERE form = 'decision' AND subject = 'decision ' || OLD.id;
END;
CREATE TRIGGER form_drafts_item_gone AFTER DELETE ON agenda_items BEGIN
    DELETE FROM form_drafts WHERE form = 'decision' AND subject = 'new from item ' || OLD.id;
END;
CREATE TRIGGER form_drafts_pod_gone AFTER DELETE ON pods BEGIN
    DELETE FROM form_drafts WHERE (form = 'decision' AND subject = 'new in pod ' || OLD.id)
        OR (form = 'pod' AND subject = 'pod ' || OLD.id);
END;
CREATE TRIGGER form_drafts_request_gone AFTER DELETE ON deal_requests BEGIN
    DELETE FROM form_drafts WHERE form = 'deal_request' AND subject = 'request ' || OLD.id;
END;
CREATE TRIGGER form_drafts_meeting_gone AFTER DELETE ON meetings BEGIN
    DELETE FROM form_drafts WHERE form = 'debt_answer' AND subject = 'meeting ' || OLD.id;
END;
-- The debt check answered: the comment typed for it is in the record now.
CREATE TRIGGER form_drafts_debt_answered AFTER UPDATE OF response ON debt_snapshots
WHEN NEW.response != 'pending' BEGIN
    DELETE FROM form_drafts WHERE form = 'debt_answer' AND subject = 'meeting ' || NEW.meeting_id;
END;
