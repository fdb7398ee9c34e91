-- Steps 3 and 4 of the loop: journey maps (persona, stages, cards per element lane) per cycle.
CREATE SEQUENCE seq_journey_map START 1;
CREATE SEQUENCE seq_journey_card START 1;

CREATE TABLE journey_maps (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_journey_map'),
    cycle_id    INTEGER NOT NULL,
    name        VARCHAR NOT NULL,
    persona     VARCHAR NOT NULL DEFAULT '',
    status      VARCHAR NOT NULL DEFAULT 'draft',
    source      VARCHAR NOT NULL DEFAULT 'manual',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by  VARCHAR
);

-- Stages are ordered columns of a map; emotion is the hand-entered score (-2..+2).
CREATE TABLE journey_stages (
    map_id      INTEGER NOT NULL,
    key         VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    emotion     DOUBLE,
    PRIMARY KEY (map_id, key)
);

-- One card per element in a stage: lane is one of scenario, touchpoint, expectation,
-- pain_point, opportunity. touchpoint and category bind the card to classified feedback.
CREATE TABLE journey_cards (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_journey_card'),
    map_id      INTEGER NOT NULL,
    stage_key   VARCHAR NOT NULL,
    lane        VARCHAR NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    text        VARCHAR NOT NULL,
    touchpoint  VARCHAR,
    category    VARCHAR,
    version     INTEGER NOT NULL DEFAULT 1
);
