-- Step 5: surveys (versioned definitions tied to a cycle and touchpoints), invitations with
-- tokens, and responses with one row per answer.
CREATE SEQUENCE seq_survey START 1;
CREATE SEQUENCE seq_survey_version START 1;
CREATE SEQUENCE seq_survey_response START 1;

CREATE TABLE surveys (
    id             BIGINT PRIMARY KEY DEFAULT nextval('seq_survey'),
    name           VARCHAR NOT NULL,
    purpose        VARCHAR NOT NULL DEFAULT 'touchpoint',
    lang           VARCHAR NOT NULL DEFAULT 'zh',
    cycle_id       INTEGER NOT NULL,
    public_token   VARCHAR NOT NULL UNIQUE,
    one_per_token  BOOLEAN NOT NULL DEFAULT false,
    status         VARCHAR NOT NULL DEFAULT 'open',
    created_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by     VARCHAR
);

CREATE TABLE survey_versions (
    id          BIGINT PRIMARY KEY DEFAULT nextval('seq_survey_version'),
    survey_id   BIGINT NOT NULL,
    version     INTEGER NOT NULL,
    note        VARCHAR,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (survey_id, version)
);

CREATE TABLE survey_questions (
    version_id  BIGINT NOT NULL,
    position    INTEGER NOT NULL,
    key         VARCHAR NOT NULL,
    qtype       VARCHAR NOT NULL,
    text        VARCHAR NOT NULL,
    touchpoint  VARCHAR,
    options     JSON,
    required    BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (version_id, key)
);

CREATE TABLE survey_invitations (
    token       VARCHAR PRIMARY KEY,
    survey_id   BIGINT NOT NULL,
    segment     VARCHAR,
    region      VARCHAR,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    used_at     TIMESTAMP
);

CREATE TABLE survey_responses (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_survey_response'),
    survey_id     BIGINT NOT NULL,
    version_id    BIGINT NOT NULL,
    token         VARCHAR,
    respondent    VARCHAR,
    source        VARCHAR NOT NULL DEFAULT 'link',
    segment       VARCHAR,
    region        VARCHAR,
    submitted_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Open answers keep their text for the step 2 classifier; category/category_origin are filled there.
CREATE TABLE survey_answers (
    response_id      BIGINT NOT NULL,
    question_key     VARCHAR NOT NULL,
    item             VARCHAR NOT NULL DEFAULT '',
    value_num        DOUBLE,
    value_text       VARCHAR,
    category         VARCHAR,
    category_origin  VARCHAR
);
CREATE INDEX idx_survey_answers_response ON survey_answers(response_id);
