-- What the PMM said they will pay, in their words ("8 USD per merchant a
-- month"), beside the amount read from it (gtm_will_pay). Items answered
-- before this version keep '' and show their amount.
ALTER TABLE agenda_items ADD COLUMN gtm_will_pay_text TEXT NOT NULL DEFAULT '';

-- A held-back draft can now hold that answer too. SQLite cannot change a
-- CHECK in place, so the table is rebuilt with every row kept.
CREATE TABLE agenda_item_drafts_next (
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    field          TEXT    NOT NULL CHECK (field IN ('title', 'notes', 'outcome', 'how_long', 'will_pay')),
    value          TEXT    NOT NULL,
    saved_at       TEXT    NOT NULL,
    PRIMARY KEY (agenda_item_id, field)
);
INSERT INTO agenda_item_drafts_next (agenda_item_id, field, value, saved_at)
    SELECT agenda_item_id, field, value, saved_at FROM agenda_item_drafts;
DROP TABLE agenda_item_drafts;
ALTER TABLE agenda_item_drafts_next RENAME TO agenda_item_drafts;
