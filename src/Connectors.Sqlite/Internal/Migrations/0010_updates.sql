-- 0010: package updates. Instants are UTC ticks; versions are kept as published (compared as versions in code).

-- The back office's published packages: immutable, one per package id and version.
CREATE TABLE package_releases (
    package_id   TEXT NOT NULL,
    version      TEXT NOT NULL,
    channel      TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,        -- 64 lowercase hexadecimal digits
    location     TEXT NOT NULL,        -- an absolute URI
    published_at INTEGER NOT NULL,
    PRIMARY KEY (package_id, version)
) WITHOUT ROWID;

-- One target per organization, with its staged rollout.
CREATE TABLE package_targets (
    organization      TEXT NOT NULL PRIMARY KEY,
    package_id        TEXT NOT NULL,
    version           TEXT NOT NULL,
    set_at            INTEGER NOT NULL,
    stages            TEXT NOT NULL,   -- percentages, comma-separated: 10,50,100
    stage             INTEGER NOT NULL,
    widen_at          REAL NOT NULL,
    failure_threshold REAL NOT NULL,
    halted_reason     TEXT,            -- NULL while the rollout runs
    changed_at        INTEGER NOT NULL
) WITHOUT ROWID;

-- What each terminal reported of its package: the version it runs, its last answer, the version it declined.
CREATE TABLE package_terminals (
    organization      TEXT NOT NULL,
    terminal          TEXT NOT NULL,
    package_id        TEXT NOT NULL,
    installed_version TEXT,
    result_version    TEXT,
    result_outcome    TEXT,
    result_detail     TEXT,
    result_at         INTEGER,
    declined_version  TEXT,
    reported_at       INTEGER NOT NULL,
    PRIMARY KEY (organization, terminal, package_id)
) WITHOUT ROWID;

-- The terminal's own side: per package, the version it installed, the Once policy's confirmation, its last answer.
CREATE TABLE package_terminal_state (
    package_id        TEXT NOT NULL PRIMARY KEY,
    installed_version TEXT,
    confirmed         INTEGER NOT NULL,
    result_version    TEXT,
    result_outcome    TEXT,
    result_detail     TEXT,
    result_at         INTEGER
) WITHOUT ROWID;
