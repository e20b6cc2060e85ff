-- A meeting event this laptop made is kept once, in the outbox: its line
-- in the meeting's log holds an empty body, and whoever reads the log
-- takes the body from the outbox. Saving a note as the facilitator types
-- then writes the event's text once, not twice. Other laptops' events keep
-- their body in the log as they arrived.
UPDATE sync_meeting_log SET body = ''
    WHERE body != '' AND event_id IN (SELECT id FROM sync_outbox);
