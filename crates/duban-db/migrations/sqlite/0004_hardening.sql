-- Issue 9 (hardening): settings an administrator changes at run time, login failures counted
-- per account AND client address (so that nobody can lock an account out from elsewhere),
-- and the mark of a deleted (anonymised) user.

CREATE TABLE system_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);

-- username is the name typed at login (also for names no account has, so that unknown and
-- known names cost the same); client the peer or trusted-proxy address.
CREATE TABLE login_failures (
    username TEXT NOT NULL,
    client TEXT NOT NULL,
    failures INTEGER NOT NULL,
    locks INTEGER NOT NULL DEFAULT 0,
    last_failed_at TEXT NOT NULL,
    locked_until TEXT,
    PRIMARY KEY (username, client)
);

ALTER TABLE users ADD COLUMN deleted_at TEXT;
