-- Drafts of agenda-item fields that autosave could not write: a title with
-- an invisible control character, notes past the limit. The rest of the
-- item is saved; the held-back text waits here, shown again when the
-- meeting is opened, until it is fixed or replaced. It is never part of
-- the record (minutes, search): only of what the facilitator typed.
CREATE TABLE agenda_item_drafts (
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    field          TEXT    NOT NULL CHECK (field IN ('title', 'notes', 'outcome', 'how_long')),
    value          TEXT    NOT NULL,
    saved_at       TEXT    NOT NULL,
    PRIMARY KEY (agenda_item_id, field)
);
