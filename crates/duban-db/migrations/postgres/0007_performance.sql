-- Issue 13 (a city on one database): what keeps the pages fast on a city's data.
--
-- The data version: every audited change but signing in and out adds one, in the change's
-- own transaction (duban-db audit::record). Results computed from a snapshot are kept by
-- the application while the version it reads is unchanged.
CREATE TABLE data_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO data_version (id, n) VALUES (1, 0);
