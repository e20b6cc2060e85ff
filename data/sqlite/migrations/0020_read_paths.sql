-- A request's page and queue row show its last sign-off change; most
-- history lines have none, so finding it walked back through the whole
-- history on every read, and every edit (two reads) cost more than the
-- one before. This index holds only the lines that have one.
CREATE INDEX deal_history_signoff ON deal_history (request_id, id) WHERE signoff_change != '';

-- The outbox's unsent events are found by reading on from the first one
-- found unsent before (the hub acknowledges them in order): an index of
-- them cost every edit of a shared pod one more page written.
DROP INDEX sync_outbox_pending;
