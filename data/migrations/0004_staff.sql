-- Staff accounts, their sessions and login throttling, the audit log of staff
-- actions, and the warnings editors publish. Staff are employees, not
-- reporters: their actions carry exact times (UTC, 2006-01-02T15:04:05Z).
CREATE TABLE staff (
    id             INTEGER PRIMARY KEY,
    email          TEXT    NOT NULL UNIQUE,            -- lower case
    role           TEXT    NOT NULL CHECK (role IN ('analyst', 'editor', 'admin')),
    status         TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'disabled')),
    lang           TEXT    NOT NULL DEFAULT 'nl',      -- the staff pages' language
    password_hash  TEXT    NOT NULL DEFAULT '',        -- argon2id in PHC format; '' until set up
    totp_secret    BLOB,                               -- RFC 6238 key; NULL until enrolled
    totp_pending   BLOB,                               -- key shown on the setup page, until confirmed
    totp_last_step INTEGER NOT NULL DEFAULT 0,         -- last accepted time step: a code works once
    setup_hash     BLOB    UNIQUE,                     -- SHA-256 of the one-time setup token
    setup_expires  TEXT,
    created_at     TEXT    NOT NULL,
    last_login     TEXT
);

-- Failed logins per e-mail address, known or not, so that an unknown address
-- is throttled exactly like a real account and cannot be told apart. The key
-- is the SHA-256 of the lower-case address; rows go once their window ends.
CREATE TABLE staff_login_failures (
    key          BLOB    PRIMARY KEY,
    failures     INTEGER NOT NULL,
    since        TEXT    NOT NULL,
    locked_until TEXT
) WITHOUT ROWID;

-- Sessions: the cookie holds a random token, the table only its SHA-256.
CREATE TABLE staff_sessions (
    token_hash BLOB    PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    seen_at    TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- Who did what, when. staff_id is NULL for the command line.
CREATE TABLE staff_audit (
    id       INTEGER PRIMARY KEY,
    staff_id INTEGER REFERENCES staff (id),
    action   TEXT    NOT NULL,
    target   TEXT    NOT NULL DEFAULT '',
    at       TEXT    NOT NULL
);

-- Warnings for the public, with their text per language in warning_texts.
CREATE TABLE warnings (
    id           INTEGER PRIMARY KEY,
    article      TEXT    NOT NULL DEFAULT '',          -- slug of an advice article, or ''
    status       TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
    created_by   INTEGER REFERENCES staff (id),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    published_at TEXT,
    version      INTEGER NOT NULL DEFAULT 1            -- grows with every change, for caches
);
CREATE INDEX warnings_status ON warnings (status, published_at);

CREATE TABLE warning_texts (
    warning_id INTEGER NOT NULL REFERENCES warnings (id) ON DELETE CASCADE,
    lang       TEXT    NOT NULL,
    title      TEXT    NOT NULL DEFAULT '',
    body       TEXT    NOT NULL DEFAULT '',            -- Markdown
    PRIMARY KEY (warning_id, lang)
) WITHOUT ROWID;

-- Staff pages, the trend alert and retention select reports by week. The
-- reports table itself is left as it is; the name says whose index this is.
CREATE INDEX staff_reports_week ON reports (week, status);
