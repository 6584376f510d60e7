-- no-transaction
-- Issue 13 (city): a city on one database. Units belong to a government and their names are
-- unique within it (two districts can both have 区发改委); users belong to a government, or to
-- the city level (city = 1, government NULL: 市督查室, 市领导) and then see every government.
--
-- A database from before held one government in practice: every unit and user moves to it
-- (the lowest id). A unit or user with no government yet (a fresh district set up before its
-- first report is imported) is bound when the first government is created.
--
-- SQLite cannot drop the old UNIQUE (name) of units without rebuilding the table, and a
-- rebuild under foreign keys must switch them off, which only works outside a transaction:
-- hence no-transaction above and an explicit transaction below (SQLite's documented
-- twelve-step table rebuild).
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE units_new (
    id INTEGER PRIMARY KEY,
    government_id INTEGER REFERENCES governments(id),
    name TEXT NOT NULL,
    parent_id INTEGER REFERENCES units(id),
    kind TEXT NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
INSERT INTO units_new (id, government_id, name, parent_id, kind, seq, active, created_at)
SELECT id, (SELECT MIN(id) FROM governments), name, parent_id, kind, seq, active, created_at
FROM units;
DROP TABLE units;
ALTER TABLE units_new RENAME TO units;
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_government ON units(government_id, seq);
-- NULL (not yet bound) counts as one government for uniqueness.
CREATE UNIQUE INDEX units_government_name ON units(COALESCE(government_id, 0), name);

ALTER TABLE users ADD COLUMN government_id INTEGER REFERENCES governments(id);
ALTER TABLE users ADD COLUMN city INTEGER NOT NULL DEFAULT 0;
UPDATE users SET government_id = (SELECT MIN(id) FROM governments);
CREATE INDEX users_government ON users(government_id);

-- Plans are looked up per government and year (UNIQUE already indexes that); the city roll-up
-- reads the plans of one year across governments.
CREATE INDEX plans_year ON plans(year, government_id);

COMMIT;
PRAGMA foreign_keys = ON;
