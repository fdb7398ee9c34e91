-- Step 2 of the loop: a versioned taxonomy, the derived labels of each item (category, kind,
-- sentiment, touchpoint, each with its origin and confidence) and discovery runs (clusters).
CREATE SEQUENCE seq_taxonomy_version START 1;
CREATE SEQUENCE seq_cluster_run START 1;

-- Every taxonomy change writes a new version holding the whole tree (taxonomies are small).
CREATE TABLE taxonomy_versions (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_taxonomy_version'),
    cycle_id    INTEGER,
    change      VARCHAR NOT NULL,
    detail      VARCHAR,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by  VARCHAR
);

CREATE TABLE taxonomy_categories (
    version_id  INTEGER NOT NULL,
    key         VARCHAR NOT NULL,
    parent      VARCHAR,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    keywords    VARCHAR NOT NULL DEFAULT '',
    pattern     VARCHAR NOT NULL DEFAULT '',
    touchpoint  VARCHAR,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (version_id, key)
);

-- One row per labelled item. Origins: rule, model, human (a person's single label) and cluster
-- (a person mapped the item's cluster). A model never overwrites a human or cluster label.
CREATE TABLE item_labels (
    feedback_id        BIGINT PRIMARY KEY,
    category           VARCHAR,
    category_origin    VARCHAR,
    category_conf      DOUBLE,
    taxonomy_version   INTEGER,
    kind               VARCHAR,
    kind_origin        VARCHAR,
    kind_conf          DOUBLE,
    sentiment          VARCHAR,
    sentiment_score    DOUBLE,
    sentiment_origin   VARCHAR,
    touchpoint         VARCHAR,
    touchpoint_origin  VARCHAR,
    touchpoint_conf    DOUBLE,
    labelled_at        TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE cluster_runs (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_cluster_run'),
    cycle_id    INTEGER,
    settings    JSON,
    k           INTEGER NOT NULL,
    n_items     INTEGER NOT NULL,
    k_curve     JSON,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE clusters (
    run_id      INTEGER NOT NULL,
    cluster_no  INTEGER NOT NULL,
    size        INTEGER NOT NULL,
    keywords    VARCHAR NOT NULL DEFAULT '',
    name        VARCHAR,
    category    VARCHAR,
    PRIMARY KEY (run_id, cluster_no)
);

CREATE TABLE cluster_members (
    run_id       INTEGER NOT NULL,
    feedback_id  BIGINT NOT NULL,
    cluster_no   INTEGER NOT NULL,
    centrality   DOUBLE,
    PRIMARY KEY (run_id, feedback_id)
);
