-- 0010: one row per sign-in, so a session can be ended on the server: signing out ends that session, and a
-- password change or reset ends the account's other sessions at once. A node keeps the ids of ended sessions
-- in memory, read from here (docs/decisions/0024).

CREATE TABLE sign_in_sessions (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz
);
CREATE INDEX ix_sign_in_sessions_user ON sign_in_sessions (user_id) WHERE ended_at IS NULL;
CREATE INDEX ix_sign_in_sessions_ended ON sign_in_sessions (ended_at) WHERE ended_at IS NOT NULL;
