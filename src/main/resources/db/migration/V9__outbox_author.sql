-- Whose update a queued message came from: the Telegram user id of the person whose message or press produced it
-- (NULL for what timers, reminders and the bot's own flows queue). /forget drops the pending rows a person authored,
-- so their words already on their way to the partner do not arrive after they asked to be forgotten.
ALTER TABLE outbox ADD COLUMN author INTEGER;
