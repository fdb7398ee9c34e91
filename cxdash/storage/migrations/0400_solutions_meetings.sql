-- Steps 6 and 7 of the loop: solution drafts with their evidence and actions, and the meetings
-- (attendees, agenda, action items) that carry them across departments.
CREATE SEQUENCE seq_solution START 1;
CREATE SEQUENCE seq_evidence START 1;
CREATE SEQUENCE seq_solution_action START 1;
CREATE SEQUENCE seq_meeting START 1;
CREATE SEQUENCE seq_meeting_item START 1;

CREATE TABLE solutions (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_solution'),
    cycle_id      INTEGER NOT NULL,
    title         VARCHAR NOT NULL,
    problems      JSON NOT NULL,          -- list of problem / key-point statements
    root_cause    JSON NOT NULL,          -- {"method": "five_whys"|"fishbone", "whys": [...], "fishbone": [[category, cause], ...]}
    monitoring    JSON NOT NULL,          -- list of {"name", "family": KPI|KCI|KQI}
    verification  JSON NOT NULL,          -- {"metric", "baseline", "target", "method", "sample_size", "due"}
    risks         VARCHAR NOT NULL DEFAULT '',
    contingency   VARCHAR NOT NULL DEFAULT '',
    support       VARCHAR NOT NULL DEFAULT '',
    impact        INTEGER NOT NULL DEFAULT 3,
    effort        INTEGER NOT NULL DEFAULT 3,
    status        VARCHAR NOT NULL DEFAULT 'draft',
    owner         VARCHAR NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Data support: what was measured, the numbers at writing time, and how to measure it again.
CREATE TABLE solution_evidence (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_evidence'),
    solution_id   BIGINT NOT NULL,
    cycle_id      INTEGER NOT NULL,
    kind          VARCHAR NOT NULL,       -- feedback_query | category | key_point | survey_result | indicator
    label         VARCHAR NOT NULL,
    numbers       JSON NOT NULL,
    reference     JSON NOT NULL,
    quotes        JSON NOT NULL,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE solution_actions (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_solution_action'),
    solution_id   BIGINT NOT NULL,
    cycle_id      INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    step          VARCHAR NOT NULL,
    department    VARCHAR NOT NULL DEFAULT '',
    owner         VARCHAR NOT NULL DEFAULT '',
    due_date      DATE,
    status        VARCHAR NOT NULL DEFAULT 'open'
);

CREATE TABLE meetings (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_meeting'),
    cycle_id      INTEGER NOT NULL,
    kind          VARCHAR NOT NULL,       -- department_heads | with_boss | follow_up
    held_on       DATE NOT NULL,
    title         VARCHAR NOT NULL,
    notes         VARCHAR NOT NULL DEFAULT '',
    decisions     JSON NOT NULL,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE meeting_attendees (
    meeting_id    BIGINT NOT NULL,
    cycle_id      INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    name          VARCHAR NOT NULL,
    department    VARCHAR NOT NULL DEFAULT '',
    email         VARCHAR NOT NULL DEFAULT '',
    role          VARCHAR NOT NULL DEFAULT 'head'   -- head | boss | member
);

CREATE TABLE meeting_agenda (
    meeting_id    BIGINT NOT NULL,
    cycle_id      INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    topic         VARCHAR NOT NULL,
    solution_id   BIGINT
);

CREATE TABLE meeting_action_items (
    id            BIGINT PRIMARY KEY DEFAULT nextval('seq_meeting_item'),
    meeting_id    BIGINT NOT NULL,
    cycle_id      INTEGER NOT NULL,
    solution_id   BIGINT,
    title         VARCHAR NOT NULL,
    owner         VARCHAR NOT NULL,
    department    VARCHAR NOT NULL DEFAULT '',
    due_date      DATE NOT NULL,
    status        VARCHAR NOT NULL DEFAULT 'open'
);
