-- Installed template packages. base_json keeps the documents exactly as the template delivered
-- them, the common ancestor of a three-way merge when the template is upgraded.
CREATE TABLE template_installation (
    template_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    version      VARCHAR(32)  NOT NULL,
    app_key      VARCHAR(28),
    status       VARCHAR(16)  NOT NULL,
    base_json    TEXT         NOT NULL,
    installed_by VARCHAR(64)  NOT NULL,
    installed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
