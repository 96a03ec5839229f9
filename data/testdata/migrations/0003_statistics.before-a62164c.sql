-- Statistics (issue 4): the safety-monitor series, and aggregates of the
-- reports that SQLite keeps up to date itself.

-- Safety-monitor (Veiligheidsmonitor) figures: one value per area, indicator
-- and year. A year that was not measured has no row: a chart shows a gap.
CREATE TABLE monitor_series (
    area      TEXT    NOT NULL,                 -- as shown, e.g. 'Maastricht', 'Nederland'
    indicator TEXT    NOT NULL,                 -- code, e.g. 'cybercrime' (charts.IndicatorCybercrime)
    year      INTEGER NOT NULL,
    value     REAL    NOT NULL,                 -- in unit: 13.8 means 13.8%
    unit      TEXT    NOT NULL,                 -- 'percent'
    source    TEXT    NOT NULL,
    PRIMARY KEY (area, indicator, year)
) WITHOUT ROWID;

INSERT INTO monitor_series (area, indicator, year, value, unit, source) VALUES
    ('Maastricht', 'cybercrime', 2014, 14,   'percent', 'Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report'),
    ('Maastricht', 'cybercrime', 2015, 13.2, 'percent', 'Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report'),
    ('Maastricht', 'cybercrime', 2016, 9.7,  'percent', 'Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report'),
    ('Maastricht', 'cybercrime', 2017, 12.4, 'percent', 'Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report'),
    ('Maastricht', 'cybercrime', 2019, 13.8, 'percent', 'Veiligheidsmonitor, as cited in the municipality of Maastricht''s safety report');

-- report_stats counts the reports that count (status 'new' or 'reviewed'),
-- so that every statistic is a short range scan instead of a pass over
-- reports. One row per filter combination, breakdown, value and month:
--
--   victim, incident  the filters: a code, or '*' for "any"
--   dim, value        the breakdown and its code: 'incident' (type),
--                     'victim', 'channel', 'loss', 'police'; 'total' with
--                     value '' (reports per month); 'demo' with value '',
--                     only under victim = incident = '*' (how many of the
--                     reports are synthetic demo reports, from seed-demo)
--   ym                incident_year * 100 + incident_month, e.g. 202603
--
-- A report adds 1 to 2 × 2 × 6 rows (its victim or '*', its incident or
-- '*', each breakdown), and to one more if it is a demo report. With every
-- filter combination stored, a page with any filter reads only its own rows:
-- months × codes, a few thousand at most, however many reports there are.
-- Rows whose count dropped to 0 stay.
CREATE TABLE report_stats (
    victim   TEXT    NOT NULL,
    incident TEXT    NOT NULL,
    dim      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    ym       INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (victim, incident, dim, value, ym)
) WITHOUT ROWID;

-- stats_version changes whenever a statistic may have changed, so a reader
-- can tell with one lookup whether what it computed before is still true.
CREATE TABLE stats_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO stats_version (id, version) VALUES (1, 1);

-- The triggers keep report_stats equal to a GROUP BY over reports whatever
-- writes them: the report form, a reporter deleting their report, staff
-- marking one as spam or hidden and back, seed-demo. Each runs in the
-- writer's transaction, so the statistics move with the report or not at all.
-- A report adds +1 (or -1) to each of its rows; the rows are written out as
-- one VALUES list because a join of small subqueries made SQLite build
-- temporary tables on disk for every report, ten times slower.
CREATE TRIGGER reports_stats_insert AFTER INSERT ON reports
WHEN NEW.status IN ('new', 'reviewed')
BEGIN
    INSERT INTO report_stats (victim, incident, dim, value, ym, n) VALUES
        (NEW.victim, NEW.incident, 'incident', NEW.incident, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, NEW.incident, 'victim', NEW.victim, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, NEW.incident, 'channel', NEW.channel, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, NEW.incident, 'loss', NEW.loss, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, NEW.incident, 'police', NEW.police, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, NEW.incident, 'total', '', NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'incident', NEW.incident, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'victim', NEW.victim, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'channel', NEW.channel, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'loss', NEW.loss, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'police', NEW.police, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'total', '', NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'incident', NEW.incident, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'victim', NEW.victim, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'channel', NEW.channel, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'loss', NEW.loss, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'police', NEW.police, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'total', '', NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'incident', NEW.incident, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'victim', NEW.victim, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'channel', NEW.channel, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'loss', NEW.loss, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'police', NEW.police, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'total', '', NEW.incident_year * 100 + NEW.incident_month, 1)
    ON CONFLICT (victim, incident, dim, value, ym) DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_stats (victim, incident, dim, value, ym, n)
    SELECT '*', '*', 'demo', '', NEW.incident_year * 100 + NEW.incident_month, 1 WHERE NEW.demo = 1
    ON CONFLICT (victim, incident, dim, value, ym) DO UPDATE SET n = n + excluded.n;
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER reports_stats_delete AFTER DELETE ON reports
WHEN OLD.status IN ('new', 'reviewed')
BEGIN
    INSERT INTO report_stats (victim, incident, dim, value, ym, n) VALUES
        (OLD.victim, OLD.incident, 'incident', OLD.incident, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, OLD.incident, 'victim', OLD.victim, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, OLD.incident, 'channel', OLD.channel, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, OLD.incident, 'loss', OLD.loss, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, OLD.incident, 'police', OLD.police, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, OLD.incident, 'total', '', OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'incident', OLD.incident, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'victim', OLD.victim, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'channel', OLD.channel, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'loss', OLD.loss, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'police', OLD.police, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'total', '', OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'incident', OLD.incident, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'victim', OLD.victim, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'channel', OLD.channel, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'loss', OLD.loss, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'police', OLD.police, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'total', '', OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'incident', OLD.incident, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'victim', OLD.victim, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'channel', OLD.channel, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'loss', OLD.loss, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'police', OLD.police, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'total', '', OLD.incident_year * 100 + OLD.incident_month, -1)
    ON CONFLICT (victim, incident, dim, value, ym) DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_stats (victim, incident, dim, value, ym, n)
    SELECT '*', '*', 'demo', '', OLD.incident_year * 100 + OLD.incident_month, -1 WHERE OLD.demo = 1
    ON CONFLICT (victim, incident, dim, value, ym) DO UPDATE SET n = n + excluded.n;
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;

-- An update that touches a counted column takes the old report out (when it
-- counted) and puts the new one in (when it counts): two triggers.
CREATE TRIGGER reports_stats_update_old AFTER UPDATE OF
    status, victim, incident, channel, loss, police, incident_year, incident_month, demo ON reports
WHEN OLD.status IN ('new', 'reviewed')
BEGIN
    INSERT INTO report_stats (victim, incident, dim, value, ym, n) VALUES
        (OLD.victim, OLD.incident, 'incident', OLD.incident, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, OLD.incident, 'victim', OLD.victim, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, OLD.incident, 'channel', OLD.channel, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, OLD.incident, 'loss', OLD.loss, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, OLD.incident, 'police', OLD.police, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, OLD.incident, 'total', '', OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'incident', OLD.incident, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'victim', OLD.victim, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'channel', OLD.channel, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'loss', OLD.loss, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'police', OLD.police, OLD.incident_year * 100 + OLD.incident_month, -1),
        (OLD.victim, '*', 'total', '', OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'incident', OLD.incident, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'victim', OLD.victim, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'channel', OLD.channel, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'loss', OLD.loss, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'police', OLD.police, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', OLD.incident, 'total', '', OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'incident', OLD.incident, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'victim', OLD.victim, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'channel', OLD.channel, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'loss', OLD.loss, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'police', OLD.police, OLD.incident_year * 100 + OLD.incident_month, -1),
        ('*', '*', 'total', '', OLD.incident_year * 100 + OLD.incident_month, -1)
    ON CONFLICT (victim, incident, dim, value, ym) DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_stats (victim, incident, dim, value, ym, n)
    SELECT '*', '*', 'demo', '', OLD.incident_year * 100 + OLD.incident_month, -1 WHERE OLD.demo = 1
    ON CONFLICT (victim, incident, dim, value, ym) DO UPDATE SET n = n + excluded.n;
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER reports_stats_update_new AFTER UPDATE OF
    status, victim, incident, channel, loss, police, incident_year, incident_month, demo ON reports
WHEN NEW.status IN ('new', 'reviewed')
BEGIN
    INSERT INTO report_stats (victim, incident, dim, value, ym, n) VALUES
        (NEW.victim, NEW.incident, 'incident', NEW.incident, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, NEW.incident, 'victim', NEW.victim, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, NEW.incident, 'channel', NEW.channel, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, NEW.incident, 'loss', NEW.loss, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, NEW.incident, 'police', NEW.police, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, NEW.incident, 'total', '', NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'incident', NEW.incident, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'victim', NEW.victim, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'channel', NEW.channel, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'loss', NEW.loss, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'police', NEW.police, NEW.incident_year * 100 + NEW.incident_month, 1),
        (NEW.victim, '*', 'total', '', NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'incident', NEW.incident, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'victim', NEW.victim, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'channel', NEW.channel, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'loss', NEW.loss, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'police', NEW.police, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', NEW.incident, 'total', '', NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'incident', NEW.incident, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'victim', NEW.victim, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'channel', NEW.channel, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'loss', NEW.loss, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'police', NEW.police, NEW.incident_year * 100 + NEW.incident_month, 1),
        ('*', '*', 'total', '', NEW.incident_year * 100 + NEW.incident_month, 1)
    ON CONFLICT (victim, incident, dim, value, ym) DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_stats (victim, incident, dim, value, ym, n)
    SELECT '*', '*', 'demo', '', NEW.incident_year * 100 + NEW.incident_month, 1 WHERE NEW.demo = 1
    ON CONFLICT (victim, incident, dim, value, ym) DO UPDATE SET n = n + excluded.n;
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;

-- A change to the safety-monitor figures (import-monitor) changes the page too.
CREATE TRIGGER monitor_series_insert AFTER INSERT ON monitor_series
BEGIN
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER monitor_series_update AFTER UPDATE ON monitor_series
BEGIN
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER monitor_series_delete AFTER DELETE ON monitor_series
BEGIN
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;

-- Reports written before this migration count as well.
WITH counted AS (
    SELECT victim, incident, channel, loss, police, demo, incident_year * 100 + incident_month AS ym
    FROM reports WHERE status IN ('new', 'reviewed')
), facts AS (
              SELECT victim, incident, ym, 'incident' AS dim, incident AS value FROM counted
    UNION ALL SELECT victim, incident, ym, 'victim', victim FROM counted
    UNION ALL SELECT victim, incident, ym, 'channel', channel FROM counted
    UNION ALL SELECT victim, incident, ym, 'loss', loss FROM counted
    UNION ALL SELECT victim, incident, ym, 'police', police FROM counted
    UNION ALL SELECT victim, incident, ym, 'total', '' FROM counted
), keyed AS (
              SELECT victim AS v, incident AS i, dim, value, ym FROM facts
    UNION ALL SELECT '*', incident, dim, value, ym FROM facts
    UNION ALL SELECT victim, '*', dim, value, ym FROM facts
    UNION ALL SELECT '*', '*', dim, value, ym FROM facts
)
INSERT INTO report_stats (victim, incident, dim, value, ym, n)
SELECT v, i, dim, value, ym, COUNT(*) FROM keyed GROUP BY v, i, dim, value, ym
UNION ALL
SELECT '*', '*', 'demo', '', ym, COUNT(*) FROM counted WHERE demo = 1 GROUP BY ym;
