-- Step 4: KANO studies, the needs they test and the paired answers per respondent.
CREATE SEQUENCE seq_kano_study START 1;

CREATE TABLE kano_studies (
    id          BIGINT PRIMARY KEY DEFAULT nextval('seq_kano_study'),
    name        VARCHAR NOT NULL,
    cycle_id    INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE kano_features (
    study_id   BIGINT NOT NULL,
    position   INTEGER NOT NULL,
    name       VARCHAR NOT NULL,
    source     VARCHAR NOT NULL DEFAULT 'typed',
    PRIMARY KEY (study_id, name)
);

CREATE TABLE kano_answers (
    study_id       BIGINT NOT NULL,
    respondent     VARCHAR,
    feature        VARCHAR NOT NULL,
    functional     VARCHAR NOT NULL,
    dysfunctional  VARCHAR NOT NULL,
    importance     DOUBLE,
    segment        VARCHAR,
    batch          VARCHAR
);
