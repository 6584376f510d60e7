-- Issue 13 (city): a city on one database. Units belong to a government and their names are
-- unique within it (two districts can both have 区发改委); users belong to a government, or to
-- the city level (city = TRUE, government NULL: 市督查室, 市领导) and then see every government.
--
-- A database from before held one government in practice: every unit and user moves to it
-- (the lowest id). A unit or user with no government yet (a fresh district set up before its
-- first report is imported) is bound when the first government is created.

ALTER TABLE units ADD COLUMN government_id BIGINT REFERENCES governments(id);
UPDATE units SET government_id = (SELECT MIN(id) FROM governments);
ALTER TABLE units DROP CONSTRAINT units_name_key;
CREATE INDEX units_government ON units(government_id, seq);
-- NULL (not yet bound) counts as one government for uniqueness.
CREATE UNIQUE INDEX units_government_name ON units(COALESCE(government_id, 0), name);

ALTER TABLE users ADD COLUMN government_id BIGINT REFERENCES governments(id);
ALTER TABLE users ADD COLUMN city BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE users SET government_id = (SELECT MIN(id) FROM governments);
CREATE INDEX users_government ON users(government_id);

-- Plans are looked up per government and year (UNIQUE already indexes that); the city roll-up
-- reads the plans of one year across governments.
CREATE INDEX plans_year ON plans(year, government_id);
