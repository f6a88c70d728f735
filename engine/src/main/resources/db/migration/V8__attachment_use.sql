-- Which records reference which uploaded files, so that a download can be checked against the
-- permissions of those records (row scope and field access). Rows are only ever added: a file
-- once shown in a record stays readable through that record's history.
CREATE TABLE attachment_use (
    attachment_id VARCHAR(36) NOT NULL REFERENCES attachment (id),
    form_key      VARCHAR(28) NOT NULL,
    record_id     BIGINT      NOT NULL,
    field_key     VARCHAR(28) NOT NULL,
    PRIMARY KEY (attachment_id, form_key, record_id, field_key)
);
