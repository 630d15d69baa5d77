-- K2Orleans: schema for the Orleans ADO.NET providers on MySQL / MariaDB.
-- 00-main.sql creates the query catalogue that every Orleans provider reads at start-up
-- (SELECT QueryKey, QueryText FROM OrleansQuery). Run it before the other scripts.
--
-- Every script in this folder is idempotent: tables are created only when missing and never
-- dropped, and each script rewrites its own rows of OrleansQuery (REPLACE), so running the
-- scripts of a newer release over an older installation upgrades the query texts in place.
-- No DELIMITER and no stored procedures: each file runs as one multi-statement command
-- through MySqlConnector, and equally through the mariadb / mysql command-line client.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    QueryText TEXT NOT NULL,

    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
