-- Issue 13: what a page's header and sign-in read per person (sessions, the inbox) changes
-- without an audit record, and far more often than the plans' data. This second one-row
-- counter moves with every such change (duban-db sessions and inbox), so that the
-- application may keep a session's actor and a user's unread count while both counters
-- read the same, without emptying the results kept on the data version.
CREATE TABLE personal_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO personal_version (id, n) VALUES (1, 0);
