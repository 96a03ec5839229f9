-- Anonymous reports. Every answer is a stable code from a fixed list; nothing
-- identifies the reporter: no IP address, no user agent, no exact time (only
-- the ISO week of submission, e.g. 2026-W47, and the reporter's language).
CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    receipt_hash   BLOB    NOT NULL UNIQUE,           -- SHA-256 of the receipt code; the code itself is never stored
    lang           TEXT    NOT NULL,                  -- nl, en, fr
    week           TEXT    NOT NULL,                  -- ISO week of submission
    victim         TEXT    NOT NULL,                  -- citizen, business, organisation
    company_size   TEXT    NOT NULL DEFAULT '',       -- business only: 1, 2-9, 10-49, 50-249, 250+
    sector         TEXT    NOT NULL DEFAULT '',       -- business only
    incident       TEXT    NOT NULL,                  -- phishing, helpdesk_fraud, ...
    channel        TEXT    NOT NULL,                  -- email, sms, ...
    incident_year  INTEGER NOT NULL,
    incident_month INTEGER NOT NULL CHECK (incident_month BETWEEN 1 AND 12),
    municipality   TEXT    NOT NULL,                  -- code from the list, or 'elsewhere'
    loss           TEXT    NOT NULL,                  -- none, lt100, 100-1000, ...
    recovered      TEXT    NOT NULL DEFAULT '',       -- yes, no, partly; '' when there was no loss
    ransom_paid    TEXT    NOT NULL DEFAULT '',       -- yes, no; ransomware and sextortion only
    police         TEXT    NOT NULL,                  -- yes, no, plan
    description    TEXT    NOT NULL DEFAULT '',       -- anonymised free text
    status         TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewed', 'spam', 'hidden')),
    demo           INTEGER NOT NULL DEFAULT 0         -- 1 for synthetic demo data (seed-demo)
);

-- Updates a reporter adds later with their receipt code, anonymised the same way.
CREATE TABLE report_updates (
    id        INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    week      TEXT    NOT NULL,
    body      TEXT    NOT NULL
);
CREATE INDEX report_updates_report ON report_updates (report_id);
