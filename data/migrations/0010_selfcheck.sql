-- Answers to the small-business self-check that a business chose to share
-- (issue 14). Only coded answers, the optional sector and size band, and the
-- ISO week are kept: no time, no language, no free text. The id is a random
-- 63-bit number, so the table's order says nothing about the order of
-- sharing. answers holds one letter per question of the given version, in
-- the questionnaire's order: y (yes), p (partly), n (no), d (don't know).
CREATE TABLE selfcheck_shares (
    id      INTEGER PRIMARY KEY,
    week    TEXT    NOT NULL CHECK (week GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
    sector  TEXT    NOT NULL DEFAULT '',
    size    TEXT    NOT NULL DEFAULT '',
    version INTEGER NOT NULL CHECK (version >= 1),
    answers TEXT    NOT NULL CHECK (length(answers) BETWEEN 1 AND 64 AND answers NOT GLOB '*[^ypnd]*')
);

-- A share changes a statistic: cached statistics pages must be rebuilt.
CREATE TRIGGER selfcheck_shares_stats AFTER INSERT ON selfcheck_shares BEGIN
    UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;
