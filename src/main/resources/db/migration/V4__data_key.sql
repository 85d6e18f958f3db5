-- Free text partners write is encrypted at rest (AES-256-GCM, see DataKey): sessions.engine_json and
-- journal.text hold a BLOB (version | nonce | ciphertext and tag) from now on; SQLite keeps a BLOB as it is in
-- a TEXT column, so the columns stay. Rows written before as plain text are encrypted when the database is
-- first opened with a key. meta holds the key check: a known constant encrypted with the key, so a wrong key
-- is refused at open before anything is read or changed.
CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
