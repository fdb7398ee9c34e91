-- Step 1 of the loop: feedback items, the import batches they came in, mapping templates,
-- and the cycles (rounds of the loop) every artefact belongs to.
CREATE SEQUENCE seq_batch START 1;
CREATE SEQUENCE seq_feedback START 1;
CREATE SEQUENCE seq_cycle START 2;

CREATE TABLE cycles (
    id          INTEGER PRIMARY KEY,
    number      INTEGER NOT NULL UNIQUE,
    name        VARCHAR NOT NULL,
    status      VARCHAR NOT NULL DEFAULT 'open',
    opened_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    closed_at   TIMESTAMP,
    notes       VARCHAR
);
INSERT INTO cycles (id, number, name) VALUES (1, 1, 'Cycle 1');

CREATE TABLE import_batches (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_batch'),
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR,
    source        VARCHAR,
    file_format   VARCHAR,
    encoding      VARCHAR,
    mapping       JSON,
    rows_in_file  BIGINT NOT NULL DEFAULT 0,
    rows_imported BIGINT NOT NULL DEFAULT 0,
    rows_skipped  BIGINT NOT NULL DEFAULT 0,
    cycle_id      INTEGER,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by    VARCHAR,
    undone_at     TIMESTAMP,
    undone_by     VARCHAR
);

CREATE TABLE feedback (
    id           BIGINT NOT NULL DEFAULT nextval('seq_feedback'),
    batch_id     BIGINT,
    source_id    VARCHAR,
    received_at  TIMESTAMP,
    channel      VARCHAR,
    customer_id  VARCHAR,
    segment      VARCHAR,
    tenure       VARCHAR,
    product      VARCHAR,
    region       VARCHAR,
    text         VARCHAR NOT NULL,
    rating       DOUBLE,
    rating_max   DOUBLE,
    category     VARCHAR,
    kind         VARCHAR,
    lang         VARCHAR,
    extra        JSON,
    row_hash     VARCHAR,
    created_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE mapping_templates (
    name        VARCHAR PRIMARY KEY,
    mapping     JSON NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by  VARCHAR
);

-- Service touchpoints: where a customer meets the operator. Step 2 assigns items to them,
-- journey maps place them in stages, surveys ask about them.
CREATE TABLE touchpoints (
    key         VARCHAR PRIMARY KEY,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    stage       VARCHAR,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO touchpoints (key, name_zh, name_en, stage, sort_order) VALUES
    ('shopping',     '选购下单',   'Shopping and ordering',   'buy',     10),
    ('installation', '上门安装',   'Installation visit',      'install', 20),
    ('network',      '网络使用',   'Network in use',          'use',     30),
    ('tv_service',   '电视使用',   'TV in use',               'use',     35),
    ('app',          'App 自助服务', 'App self-service',      'use',     40),
    ('billing',      '账单与缴费', 'Bill and payment',        'pay',     50),
    ('hotline',      '客服热线',   'Service hotline',         'support', 60),
    ('online_chat',  '在线客服',   'Online chat',             'support', 65),
    ('store',        '营业厅',     'Store visit',             'support', 70),
    ('repair',       '报障维修',   'Fault repair',            'support', 80),
    ('cancellation', '变更与销户', 'Change and cancellation', 'leave',   90);
