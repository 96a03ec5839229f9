-- Random report and update ids (issue 9). INTEGER PRIMARY KEY ids counted up
-- and SQLite stores a table in id order, so the file itself told in which
-- order reports came in. From now on a report's and an update's id is a
-- random 63-bit number drawn by the store (data/ids.go), and existing rows
-- get random ids here, copied in random order.
--
-- Each report also gets a random record key for the cell-key method that
-- perturbs the published statistics (charts/cellkey.go): a number in
-- [0, 2^32) from SQLite's random(), drawn when the row is written and never
-- changed. An update gets seq, its place among its
-- report's updates, because the id no longer says which came first.
--
-- report_stats gains k, the sum of the record keys of the reports each row
-- counts, so that a published cell's key is the sum of its rows' k. The
-- statistics triggers (0002) are made again to carry the key: dropping the
-- old tables dropped them. An update that changes nothing the statistics
-- count (new -> reviewed) no longer fires them.

CREATE TEMP TABLE report_ids (old INTEGER PRIMARY KEY, new INTEGER NOT NULL UNIQUE);
INSERT INTO report_ids (old, new)
SELECT id, 1 + (random() & 9223372036854775806) FROM reports;

CREATE TABLE reports_new (
    id             INTEGER PRIMARY KEY,               -- random, 1 .. 2^63-1
    receipt_hash   BLOB    NOT NULL UNIQUE,
    lang           TEXT    NOT NULL,
    week           TEXT    NOT NULL,
    victim         TEXT    NOT NULL,
    company_size   TEXT    NOT NULL DEFAULT '',
    sector         TEXT    NOT NULL DEFAULT '',
    incident       TEXT    NOT NULL,
    channel        TEXT    NOT NULL,
    incident_year  INTEGER NOT NULL,
    incident_month INTEGER NOT NULL CHECK (incident_month BETWEEN 1 AND 12),
    municipality   TEXT    NOT NULL,
    loss           TEXT    NOT NULL,
    recovered      TEXT    NOT NULL DEFAULT '',
    ransom_paid    TEXT    NOT NULL DEFAULT '',
    police         TEXT    NOT NULL,
    description    TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewed', 'spam', 'hidden')),
    demo           INTEGER NOT NULL DEFAULT 0,
    record_key     INTEGER NOT NULL DEFAULT (random() & 4294967295) -- cell-key method: uniform in [0, 2^32)
);

INSERT INTO reports_new (id, receipt_hash, lang, week, victim, company_size, sector, incident, channel, incident_year,
    incident_month, municipality, loss, recovered, ransom_paid, police, description, status, demo, record_key)
SELECT m.new, r.receipt_hash, r.lang, r.week, r.victim, r.company_size, r.sector, r.incident, r.channel,
    r.incident_year, r.incident_month, r.municipality, r.loss, r.recovered, r.ransom_paid, r.police, r.description,
    r.status, r.demo, random() & 4294967295
FROM reports r JOIN report_ids m ON m.old = r.id ORDER BY random();

CREATE TEMP TABLE updates_copy AS
SELECT m.new AS report_id, ROW_NUMBER() OVER (PARTITION BY u.report_id ORDER BY u.id) AS seq, u.week, u.body
FROM report_updates u JOIN report_ids m ON m.old = u.report_id;

-- Updates first: with foreign keys on, dropping reports would delete them.
DROP TABLE report_updates;
DROP TABLE reports;
ALTER TABLE reports_new RENAME TO reports;

CREATE TABLE report_updates (
    id        INTEGER PRIMARY KEY,                   -- random, 1 .. 2^63-1
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,                      -- 1, 2, ... within its report
    week      TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    UNIQUE (report_id, seq)
);
INSERT INTO report_updates (id, report_id, seq, week, body)
SELECT 1 + (random() & 9223372036854775806), report_id, seq, week, body FROM updates_copy ORDER BY random();

DROP TABLE temp.updates_copy;
DROP TABLE temp.report_ids;

CREATE INDEX staff_reports_week ON reports (week, status);

DROP VIEW IF EXISTS report_stats_change; -- and its trigger; absent where 0003 predates a62164c
DELETE FROM report_stats;
ALTER TABLE report_stats ADD COLUMN k INTEGER NOT NULL DEFAULT 0;

CREATE VIEW report_stats_change (victim, incident, channel, loss, police, demo, ym, n, k) AS
    SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;

-- n is 1 when a report starts to count and -1 when it stops; k is its
-- record key times n.
CREATE TRIGGER report_stats_change_apply INSTEAD OF INSERT ON report_stats_change
BEGIN
    INSERT INTO report_stats (victim, incident, dim, value, ym, n, k) VALUES
        (NEW.victim, NEW.incident, 'incident', NEW.incident, NEW.ym, NEW.n, NEW.k),
        (NEW.victim, NEW.incident, 'victim', NEW.victim, NEW.ym, NEW.n, NEW.k),
        (NEW.victim, NEW.incident, 'channel', NEW.channel, NEW.ym, NEW.n, NEW.k),
        (NEW.victim, NEW.incident, 'loss', NEW.loss, NEW.ym, NEW.n, NEW.k),
        (NEW.victim, NEW.incident, 'police', NEW.police, NEW.ym, NEW.n, NEW.k),
        (NEW.victim, NEW.incident, 'total', '', NEW.ym, NEW.n, NEW.k),
        (NEW.victim, '*', 'incident', NEW.incident, NEW.ym, NEW.n, NEW.k),
        (NEW.victim, '*', 'victim', NEW.victim, NEW.ym, NEW.n, NEW.k),
        (NEW.victim, '*', 'channel', NEW.channel, NEW.ym, NEW.n, NEW.k),
        (NEW.victim, '*', 'loss', NEW.loss, NEW.ym, NEW.n, NEW.k),
        (NEW.victim, '*', 'police', NEW.police, NEW.ym, NEW.n, NEW.k),
        (NEW.victim, '*', 'total', '', NEW.ym, NEW.n, NEW.k),
        ('*', NEW.incident, 'incident', NEW.incident, NEW.ym, NEW.n, NEW.k),
        ('*', NEW.incident, 'victim', NEW.victim, NEW.ym, NEW.n, NEW.k),
        ('*', NEW.incident, 'channel', NEW.channel, NEW.ym, NEW.n, NEW.k),
        ('*', NEW.incident, 'loss', NEW.loss, NEW.ym, NEW.n, NEW.k),
        ('*', NEW.incident, 'police', NEW.police, NEW.ym, NEW.n, NEW.k),
        ('*', NEW.incident, 'total', '', NEW.ym, NEW.n, NEW.k),
        ('*', '*', 'incident', NEW.incident, NEW.ym, NEW.n, NEW.k),
        ('*', '*', 'victim', NEW.victim, NEW.ym, NEW.n, NEW.k),
        ('*', '*', 'channel', NEW.channel, NEW.ym, NEW.n, NEW.k),
        ('*', '*', 'loss', NEW.loss, NEW.ym, NEW.n, NEW.k),
        ('*', '*', 'police', NEW.police, NEW.ym, NEW.n, NEW.k),
        ('*', '*', 'total', '', NEW.ym, NEW.n, NEW.k)
    ON CONFLICT (victim, incident, dim, value, ym) DO UPDATE SET n = n + excluded.n, k = k + excluded.k;
    INSERT INTO report_stats (victim, incident, dim, value, ym, n, k)
    SELECT '*', '*', 'demo', '', NEW.ym, NEW.n, NEW.k WHERE NEW.demo = 1
    ON CONFLICT (victim, incident, dim, value, ym) DO UPDATE SET n = n + excluded.n, k = k + excluded.k;
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;

-- The four triggers hand a report's counted columns to the view. An update
-- that leaves a counted report counted with the same columns (new ->
-- reviewed) fires neither update trigger: it changes no statistic.
CREATE TRIGGER reports_stats_insert AFTER INSERT ON reports
WHEN NEW.status IN ('new', 'reviewed')
BEGIN
    INSERT INTO report_stats_change VALUES (NEW.victim, NEW.incident, NEW.channel, NEW.loss, NEW.police, NEW.demo,
        NEW.incident_year * 100 + NEW.incident_month, 1, NEW.record_key);
END;

CREATE TRIGGER reports_stats_delete AFTER DELETE ON reports
WHEN OLD.status IN ('new', 'reviewed')
BEGIN
    INSERT INTO report_stats_change VALUES (OLD.victim, OLD.incident, OLD.channel, OLD.loss, OLD.police, OLD.demo,
        OLD.incident_year * 100 + OLD.incident_month, -1, -OLD.record_key);
END;

CREATE TRIGGER reports_stats_update_old AFTER UPDATE OF
    status, victim, incident, channel, loss, police, incident_year, incident_month, demo, record_key ON reports
WHEN OLD.status IN ('new', 'reviewed') AND NOT (NEW.status IN ('new', 'reviewed')
    AND NEW.victim = OLD.victim AND NEW.incident = OLD.incident AND NEW.channel = OLD.channel AND NEW.loss = OLD.loss
    AND NEW.police = OLD.police AND NEW.incident_year = OLD.incident_year
    AND NEW.incident_month = OLD.incident_month AND NEW.demo = OLD.demo AND NEW.record_key = OLD.record_key)
BEGIN
    INSERT INTO report_stats_change VALUES (OLD.victim, OLD.incident, OLD.channel, OLD.loss, OLD.police, OLD.demo,
        OLD.incident_year * 100 + OLD.incident_month, -1, -OLD.record_key);
END;

CREATE TRIGGER reports_stats_update_new AFTER UPDATE OF
    status, victim, incident, channel, loss, police, incident_year, incident_month, demo, record_key ON reports
WHEN NEW.status IN ('new', 'reviewed') AND NOT (OLD.status IN ('new', 'reviewed')
    AND NEW.victim = OLD.victim AND NEW.incident = OLD.incident AND NEW.channel = OLD.channel AND NEW.loss = OLD.loss
    AND NEW.police = OLD.police AND NEW.incident_year = OLD.incident_year
    AND NEW.incident_month = OLD.incident_month AND NEW.demo = OLD.demo AND NEW.record_key = OLD.record_key)
BEGIN
    INSERT INTO report_stats_change VALUES (NEW.victim, NEW.incident, NEW.channel, NEW.loss, NEW.police, NEW.demo,
        NEW.incident_year * 100 + NEW.incident_month, 1, NEW.record_key);
END;

-- The statistics again, now with keys, through the triggers above.
INSERT INTO report_stats_change
SELECT victim, incident, channel, loss, police, demo, incident_year * 100 + incident_month, 1, record_key
FROM reports WHERE status IN ('new', 'reviewed');
