-- Why an update is kept as failed: an update that could not be read (a field the bot uses is missing or of the
-- wrong type) is stored straight away as failed, so that it can be confirmed to Telegram and never stops the
-- others; failure says which field, in words of the bot's own (field names, never a value from the update, so it
-- holds nothing a person wrote and is kept in plain text). NULL for the rows failed before this version, and for
-- updates that failed while being handled (the log line says why, by update id).
ALTER TABLE inbox ADD COLUMN failure TEXT;
