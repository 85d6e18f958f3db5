-- Couples on Telegram: onboarding, invitations and the couple's group waiting for the second partner's yes.

-- Where a user is in onboarding, and what they agreed to. step: about, age, privacy, name, zone, safety, done,
-- under_age. consented: when they agreed to the privacy note (epoch millis), NULL before. safety: their
-- answer to the private screening question (safe, unsafe, unsaid), never shown to the partner.
-- pending_invite: the SHA-256 (hex) of an invitation they opened before finishing onboarding.
CREATE TABLE profiles (
    user_id        INTEGER PRIMARY KEY REFERENCES users (id),
    step           TEXT    NOT NULL CHECK (step IN ('about', 'age', 'privacy', 'name', 'zone', 'safety', 'done',
                                                    'under_age')),
    adult          INTEGER NOT NULL DEFAULT 0 CHECK (adult IN (0, 1)),
    consented      INTEGER,
    safety         TEXT    CHECK (safety IN ('safe', 'unsafe', 'unsaid')),
    screened       INTEGER,
    pending_invite TEXT,
    updated        INTEGER NOT NULL
);

-- An invitation to join a couple. Only the SHA-256 (hex) of the code is kept: the code itself is in the link
-- the inviter sent. Single use (used, used_by) and valid until expires (epoch millis).
CREATE TABLE invitations (
    code_hash TEXT    PRIMARY KEY,
    couple_id INTEGER NOT NULL REFERENCES couples (id),
    inviter   INTEGER NOT NULL REFERENCES users (id),
    created   INTEGER NOT NULL,
    expires   INTEGER NOT NULL,
    used      INTEGER,
    used_by   INTEGER
);

-- A group where one partner sent /link and the other has not confirmed yet.
CREATE TABLE group_proposals (
    chat_id     INTEGER PRIMARY KEY,
    couple_id   INTEGER NOT NULL REFERENCES couples (id),
    proposed_by TEXT    NOT NULL CHECK (proposed_by IN ('A', 'B')),
    created     INTEGER NOT NULL
);

CREATE INDEX invitations_by_inviter ON invitations (inviter);
