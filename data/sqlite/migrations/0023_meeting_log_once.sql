-- A meeting event this laptop makes from now on is kept once, in the
-- outbox: its line in the meeting's log holds an empty body, and whoever
-- reads the log takes the body from the outbox (saving a note as the
-- facilitator types writes the event's text once, not twice). Lines
-- written before keep their copy; other laptops' events keep their body
-- in the log as they arrived. No table changes: the version alone tells
-- an older Triad, which would read the empty bodies as broken events, that
-- this file is newer than it.
SELECT 1;
