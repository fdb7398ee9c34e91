-- Service quality: the KPI/KCI/KQI indicator tree, complaint tickets, customer tables for the
-- at-risk model, veto rules and the model runs with their scored customers.
CREATE SEQUENCE seq_customer_table START 1;
CREATE SEQUENCE seq_risk_run START 1;
CREATE SEQUENCE seq_veto_rule START 1;

CREATE TABLE indicators (
    key         VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    unit        VARCHAR NOT NULL DEFAULT '',
    direction   VARCHAR NOT NULL DEFAULT 'higher',
    target      DOUBLE,
    threshold   DOUBLE,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE indicator_links (
    kpi_key     VARCHAR NOT NULL,
    driver_key  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (kpi_key, driver_key)
);

CREATE TABLE indicator_values (
    indicator_key VARCHAR NOT NULL,
    period        DATE NOT NULL,
    segment       VARCHAR NOT NULL DEFAULT 'all',
    value         DOUBLE NOT NULL,
    source        VARCHAR,
    PRIMARY KEY (indicator_key, period, segment)
);

CREATE TABLE tickets (
    ticket_id          VARCHAR PRIMARY KEY,
    opened_at          TIMESTAMP NOT NULL,
    first_response_at  TIMESTAMP,
    resolved_at        TIMESTAMP,
    status             VARCHAR NOT NULL,
    origin             VARCHAR NOT NULL DEFAULT 'complaint',
    category           VARCHAR,
    region             VARCHAR,
    channel            VARCHAR,
    contacts           INTEGER,
    reopened           INTEGER NOT NULL DEFAULT 0,
    root_cause         VARCHAR,
    root_cause_category VARCHAR,
    solution_id        VARCHAR,
    rectified_at       TIMESTAMP,
    source             VARCHAR
);

CREATE TABLE customer_tables (
    id          BIGINT PRIMARY KEY DEFAULT nextval('seq_customer_table'),
    name        VARCHAR NOT NULL,
    mapping     JSON,
    rows        BIGINT NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE customer_rows (
    table_id    BIGINT NOT NULL,
    customer_id VARCHAR NOT NULL,
    row_no      BIGINT NOT NULL,
    label       INTEGER,
    features    JSON NOT NULL,
    PRIMARY KEY (table_id, customer_id)
);

CREATE TABLE veto_rules (
    id          BIGINT PRIMARY KEY DEFAULT nextval('seq_veto_rule'),
    rule        VARCHAR NOT NULL,
    note        VARCHAR,
    active      BOOLEAN NOT NULL DEFAULT true,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE risk_runs (
    id          BIGINT PRIMARY KEY DEFAULT nextval('seq_risk_run'),
    table_id    BIGINT NOT NULL,
    model       VARCHAR NOT NULL,
    metrics     JSON NOT NULL,
    cycle_id    INTEGER,
    solution_id VARCHAR,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE risk_scores (
    run_id      BIGINT NOT NULL,
    customer_id VARCHAR NOT NULL,
    score       DOUBLE NOT NULL,
    vetoed_by   VARCHAR,
    reasons     VARCHAR,
    PRIMARY KEY (run_id, customer_id)
);
