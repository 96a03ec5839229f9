-- One row that /readyz rewrites to prove that a write can commit (issue 12).
-- It holds a counter only: nothing about reports or visitors.
CREATE TABLE readiness (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    checks INTEGER NOT NULL
);
INSERT INTO readiness (id, checks) VALUES (1, 0);
