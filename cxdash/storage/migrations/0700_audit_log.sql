-- Team use: who changed what and when.
CREATE SEQUENCE seq_audit START 1;
CREATE TABLE audit_log (
    id         BIGINT PRIMARY KEY DEFAULT nextval('seq_audit'),
    logged_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor      VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,
    action     VARCHAR NOT NULL,
    entity     VARCHAR,
    entity_id  VARCHAR,
    detail     JSON
);
