-- Each event another laptop made is kept as it arrived, signed, beside
-- the note that it was taken, so who signed what can be checked again on
-- this laptop, offline (triad team verify). Events taken before this
-- version keep only their ids.
ALTER TABLE sync_applied ADD COLUMN body TEXT;
