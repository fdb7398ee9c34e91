-- Steps 3 and 4: the journey rollup (a cycle's items counted per touchpoint, category, month and
-- half of the time span), kept fresh at write time so that the journey, heatmap and key-point
-- pages read a few hundred rows instead of scanning the feedback. Rebuilt from feedback and
-- item_labels at any time (cxdash/storage/journey_rollup.py); stamp is the data stamp it was
-- built from, mid the midpoint that splits the earlier and recent periods.
CREATE TABLE journey_rollup (
    cycle_id    INTEGER NOT NULL,
    touchpoint  VARCHAR,
    category    VARCHAR,
    month       TIMESTAMP,
    period      VARCHAR,
    volume      BIGINT NOT NULL,
    negative    BIGINT NOT NULL,
    judged      BIGINT NOT NULL,
    scored      BIGINT NOT NULL,
    score_sum   DOUBLE NOT NULL,
    rated       BIGINT NOT NULL,
    rating_sum  DOUBLE NOT NULL,
    top2        BIGINT NOT NULL
);

CREATE TABLE journey_rollup_state (
    cycle_id    INTEGER PRIMARY KEY,
    stamp       VARCHAR NOT NULL,
    mid         TIMESTAMP,
    built_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);
