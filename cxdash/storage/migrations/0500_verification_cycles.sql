-- Step 8 and the loop: saved verifications, retrospective notes, the eight steps of each cycle
-- with their sign-off, artefacts any part of the loop registers, problems carried into the next
-- cycle, and snapshots of key metrics taken when a cycle closes.
CREATE SEQUENCE seq_verification START 1;
CREATE SEQUENCE seq_retro_note START 1;
CREATE SEQUENCE seq_cycle_artefact START 1;
CREATE SEQUENCE seq_carry_over START 1;

CREATE TABLE verifications (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_verification'),
    cycle_id      INTEGER NOT NULL,
    solution_id   VARCHAR,                -- solutions.id once step 6 is present; free text until then
    title         VARCHAR NOT NULL,
    metric        JSON NOT NULL,          -- MetricSpec.as_dict()
    inputs        JSON NOT NULL,          -- change date, treated / control unit, flags, target
    result        JSON NOT NULL,          -- every number shown: estimates, tests, power, bias, DiD
    verdict       VARCHAR NOT NULL,       -- improved | no_change | worse | insufficient
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by    VARCHAR
);

CREATE TABLE retro_notes (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_retro_note'),
    cycle_id      INTEGER NOT NULL,
    solution_id   VARCHAR,
    heading       VARCHAR NOT NULL,       -- communication | execution | thinking | mistakes | solution
    note          VARCHAR NOT NULL,
    lesson        VARCHAR NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by    VARCHAR
);

CREATE TABLE cycle_steps (
    cycle_id      INTEGER NOT NULL,
    step          INTEGER NOT NULL,       -- 1..8, the method's steps
    status        VARCHAR NOT NULL DEFAULT 'todo',   -- todo | doing | done
    signed_off_by VARCHAR,
    signed_off_at TIMESTAMP,
    note          VARCHAR NOT NULL DEFAULT '',
    PRIMARY KEY (cycle_id, step)
);

CREATE TABLE cycle_artefacts (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_cycle_artefact'),
    cycle_id      INTEGER NOT NULL,
    step          INTEGER NOT NULL,
    kind          VARCHAR NOT NULL,       -- taxonomy | journey_map | survey | solution | report | verification | ...
    ref_id        VARCHAR NOT NULL,
    label         VARCHAR NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (cycle_id, kind, ref_id)
);

CREATE TABLE carry_over_items (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_carry_over'),
    from_cycle_id INTEGER NOT NULL,
    to_cycle_id   INTEGER NOT NULL,
    origin        VARCHAR NOT NULL,       -- unresolved | new
    title         VARCHAR NOT NULL,
    source_kind   VARCHAR,
    source_id     VARCHAR,
    status        VARCHAR NOT NULL DEFAULT 'open',
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE cycle_metrics (
    cycle_id      INTEGER NOT NULL,
    metric        VARCHAR NOT NULL,
    value         DOUBLE,
    low           DOUBLE,
    high          DOUBLE,
    n             BIGINT,
    period_start  DATE,
    period_end    DATE,
    recorded_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (cycle_id, metric)
);
