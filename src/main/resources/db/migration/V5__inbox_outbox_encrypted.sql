-- The rest of the free text at rest is encrypted too (AES-256-GCM, see DataKey): inbox.raw_json (Telegram's
-- JSON of an update, with what a partner wrote) and outbox.payload (a rendered message: names, quoted answers)
-- hold a BLOB (version | nonce | ciphertext and tag) bound to "inbox:" + update_id and "outbox:" + id. An
-- erased value (a done update, a sent message) is the empty text ''. SQL has no key, so this script changes
-- no table: rows written before as plain text are encrypted right after it, when the database is opened with
-- its key (KeyCheck.sealAndRecord), in place, with secure_delete on. A failed update keeps its JSON for a person
-- to look at, encrypted; this index lets /forget find the updates not done without reading the done ones.
CREATE INDEX inbox_not_done ON inbox (update_id) WHERE state <> 'done';
