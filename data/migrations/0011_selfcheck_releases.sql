-- The shared self-check answers follow the report statistics' releases and
-- cell-key perturbation (issue 14; data/release.go, charts/cellkey.go).
--
-- Each share gets a random record key in [0, 2^32), drawn when the row is
-- written and never changed; existing shares get one here. SQLite cannot
-- add a column with a random default, so the table is copied, in random
-- order, like the reports in 0005.
--
-- selfcheck_stats is the live count table, a view over the shares: per
-- questionnaire version and size band, pos 0 counts the businesses that
-- shared, pos i those that answered yes to question i (the i-th letter of
-- answers); k is the sum of their record keys. selfcheck_stats_released is
-- its published copy, written only by a release ('selfcheck' in
-- stats_releases); every share stored or deleted is a change pending.

CREATE TABLE selfcheck_shares_new (
    id         INTEGER PRIMARY KEY,
    week       TEXT    NOT NULL CHECK (week GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
    sector     TEXT    NOT NULL DEFAULT '',
    size       TEXT    NOT NULL DEFAULT '',
    version    INTEGER NOT NULL CHECK (version >= 1),
    answers    TEXT    NOT NULL CHECK (length(answers) BETWEEN 1 AND 64 AND answers NOT GLOB '*[^ypnd]*'),
    record_key INTEGER NOT NULL DEFAULT (random() & 4294967295) -- cell-key method: uniform in [0, 2^32)
);
INSERT INTO selfcheck_shares_new (id, week, sector, size, version, answers)
SELECT id, week, sector, size, version, answers FROM selfcheck_shares ORDER BY random();
DROP TABLE selfcheck_shares; -- and its trigger
ALTER TABLE selfcheck_shares_new RENAME TO selfcheck_shares;

CREATE VIEW selfcheck_stats (version, size, pos, n, k) AS
    WITH RECURSIVE positions (pos) AS (SELECT 0 UNION ALL SELECT pos + 1 FROM positions WHERE pos < 64)
    SELECT s.version, s.size, p.pos, COUNT(*), SUM(s.record_key)
    FROM selfcheck_shares s JOIN positions p
        ON p.pos = 0 OR (p.pos <= length(s.answers) AND substr(s.answers, p.pos, 1) = 'y')
    GROUP BY s.version, s.size, p.pos;

CREATE TABLE selfcheck_stats_released (
    version INTEGER NOT NULL,
    size    TEXT    NOT NULL,
    pos     INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    k       INTEGER NOT NULL,
    PRIMARY KEY (version, size, pos)
) WITHOUT ROWID;

-- Shares stored today are changes since the (never made) first release.
INSERT INTO stats_releases (name, pending) SELECT 'selfcheck', COUNT(*) FROM selfcheck_shares;

-- A share changes the live statistics (staff pages' caches follow
-- stats_version) and is a change pending for the next release.
CREATE TRIGGER selfcheck_shares_insert AFTER INSERT ON selfcheck_shares BEGIN
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
    UPDATE stats_releases SET pending = pending + 1 WHERE name = 'selfcheck';
END;
CREATE TRIGGER selfcheck_shares_delete AFTER DELETE ON selfcheck_shares BEGIN
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
    UPDATE stats_releases SET pending = pending + 1 WHERE name = 'selfcheck';
END;
