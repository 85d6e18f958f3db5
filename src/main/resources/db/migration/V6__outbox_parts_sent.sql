-- A message longer than Telegram's 4,096 characters goes out in parts. parts_sent counts the parts Telegram
-- took, each stored before the next part is sent, so a restart sends only the parts still missing: at most
-- the part in flight at the kill goes out twice, as for a message in one part.
ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
