-- 0006: package updates. Instants are UTC .NET ticks; versions are kept as published (compared as versions in code).

-- The back office's published packages: immutable, one per package id and version.
CREATE TABLE package_releases (
    package_id   text COLLATE "C" NOT NULL,
    version      text COLLATE "C" NOT NULL,
    channel      text NOT NULL,
    size         bigint NOT NULL,
    sha256       text NOT NULL,        -- 64 lowercase hexadecimal digits
    location     text NOT NULL,        -- an absolute URI
    published_at bigint NOT NULL,
    PRIMARY KEY (package_id, version)
);

-- One target per organization, with its staged rollout.
CREATE TABLE package_targets (
    organization      text COLLATE "C" PRIMARY KEY,
    package_id        text COLLATE "C" NOT NULL,
    version           text COLLATE "C" NOT NULL,
    set_at            bigint NOT NULL,
    stages            integer[] NOT NULL,  -- percentages: {10,50,100}
    stage             integer NOT NULL,
    widen_at          double precision NOT NULL,
    failure_threshold double precision NOT NULL,
    halted_reason     text,                -- NULL while the rollout runs
    changed_at        bigint NOT NULL
);

-- What each terminal reported of its package: the version it runs, its last answer, the version it declined.
CREATE TABLE package_terminals (
    organization      text COLLATE "C" NOT NULL,
    terminal          text COLLATE "C" NOT NULL,
    package_id        text COLLATE "C" NOT NULL,
    installed_version text,
    result_version    text,
    result_outcome    text,
    result_detail     text,
    result_at         bigint,
    declined_version  text,
    reported_at       bigint NOT NULL,
    PRIMARY KEY (organization, terminal, package_id)
);

-- The terminal's own side: per terminal and package, the version it installed, the Once policy's confirmation, its
-- last answer. Keyed by terminal too (PosFleetOptions.TerminalId), since one server database may serve many terminals.
CREATE TABLE package_terminal_state (
    terminal          text COLLATE "C" NOT NULL,
    package_id        text COLLATE "C" NOT NULL,
    installed_version text,
    confirmed         boolean NOT NULL,
    result_version    text,
    result_outcome    text,
    result_detail     text,
    result_at         bigint,
    installed_at      bigint,
    PRIMARY KEY (terminal, package_id)
);
