-- Dashboards as versioned metadata: the current definition (version for optimistic saves) and
-- every saved version, never updated.
CREATE TABLE dashboard_definition (
    dashboard_key   VARCHAR(28)  NOT NULL PRIMARY KEY,
    app_key         VARCHAR(28),
    version         INTEGER      NOT NULL,
    definition_json TEXT         NOT NULL,
    updated_by      VARCHAR(64)  NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_dashboard_app ON dashboard_definition (app_key);

CREATE TABLE dashboard_version (
    dashboard_key   VARCHAR(28)  NOT NULL,
    version         INTEGER      NOT NULL,
    definition_json TEXT         NOT NULL,
    saved_by        VARCHAR(64)  NOT NULL,
    saved_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dashboard_key, version)
);
