-- Statistics releases (issue 9). The public report statistics no longer
-- follow every report: they are copied from report_stats into
-- report_stats_released at most once per release interval, and only when
-- enough reports came in, were deleted or changed status since the last
-- release (data/release.go). Two snapshots of the public numbers then
-- always differ by many reports at once. Staff pages and the trend alert
-- keep reading the live numbers.
--
-- stats_releases holds the state of every released table, so that a
-- restart is no way to force a release:
--   name         'reports'; another count table released the same way adds
--                its row, its tables and a trigger that counts its changes
--   released_on  the day of the last release in the portal's time zone
--                (2026-11-30), '' before the first; a release happens just
--                after midnight, so its time says nothing the day does not
--   version      grows with every release (and, for 'monitor', every
--                change of the safety-monitor figures): caches of public
--                pages follow the sum of all versions, never a live number
--   pending      changes since the last release
CREATE TABLE stats_releases (
    name        TEXT    PRIMARY KEY,
    released_on TEXT    NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 0,
    pending     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- The published copy of report_stats, rows with n = 0 left out.
CREATE TABLE report_stats_released (
    victim   TEXT    NOT NULL,
    incident TEXT    NOT NULL,
    dim      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    ym       INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    k        INTEGER NOT NULL,
    PRIMARY KEY (victim, incident, dim, value, ym)
) WITHOUT ROWID;

-- Reports that count today are changes since the (never made) first release.
INSERT INTO stats_releases (name, pending)
SELECT 'reports', COUNT(*) FROM reports WHERE status IN ('new', 'reviewed');
INSERT INTO stats_releases (name) VALUES ('monitor');

-- Every report that starts or stops counting passes report_stats_change
-- (0005); a second INSTEAD OF trigger on the view counts it.
CREATE TRIGGER report_stats_change_pending INSTEAD OF INSERT ON report_stats_change
BEGIN
    UPDATE stats_releases SET pending = pending + 1 WHERE name = 'reports';
END;

-- The safety-monitor figures are published as they are imported.
CREATE TRIGGER monitor_series_insert_release AFTER INSERT ON monitor_series
BEGIN
    UPDATE stats_releases SET version = version + 1 WHERE name = 'monitor';
END;
CREATE TRIGGER monitor_series_update_release AFTER UPDATE ON monitor_series
BEGIN
    UPDATE stats_releases SET version = version + 1 WHERE name = 'monitor';
END;
CREATE TRIGGER monitor_series_delete_release AFTER DELETE ON monitor_series
BEGIN
    UPDATE stats_releases SET version = version + 1 WHERE name = 'monitor';
END;
