-- The published tables that the pipeline fills from Go (through the Appender).
-- Tables built by SQL from these (purchase, measures, reports) live in their own files.

-- One row per published run. Rows of earlier runs are carried forward.
CREATE TABLE run (
    run_id            VARCHAR PRIMARY KEY,
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP NOT NULL,
    as_of             DATE NOT NULL,
    status            VARCHAR NOT NULL,   -- published
    forced            BOOLEAN NOT NULL,   -- --force overrode a safety gate
    version           VARCHAR NOT NULL,
    host              VARCHAR NOT NULL,
    rows_read         BIGINT NOT NULL,
    rows_rejected     BIGINT NOT NULL,
    source_records    BIGINT NOT NULL,    -- profile records matched
    customers         BIGINT NOT NULL,
    pairs_compared    BIGINT NOT NULL,
    pairs_matched     BIGINT NOT NULL,
    purchases         BIGINT NOT NULL,
    purchases_unlinked BIGINT NOT NULL,   -- purchases whose key matches no source record
    seconds           DOUBLE NOT NULL,
    warnings          VARCHAR[] NOT NULL,
    -- review decisions (review file beside the config) given to matching, and
    -- those naming records the run did not load (not applied; also a warning).
    -- Runs published before these columns existed carry NULL.
    review_applied    BIGINT,
    review_missing    BIGINT
);

-- Wall time of each stage of each run.
CREATE TABLE run_stage (
    run_id   VARCHAR NOT NULL,
    stage    VARCHAR NOT NULL,
    seq      INTEGER NOT NULL,
    seconds  DOUBLE NOT NULL
);

-- One row per input file per run: what was read, from where, and what became of it.
CREATE TABLE source_file (
    run_id         VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,  -- query string redacted
    file           VARCHAR NOT NULL,  -- landed file, relative to work_dir
    sha256         VARCHAR NOT NULL,
    bytes          BIGINT NOT NULL,
    rows_read      BIGINT NOT NULL,
    rows_loaded    BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL,
    reused         BOOLEAN NOT NULL,  -- unchanged since the last fetch (HTTP 304 or same sha256)
    http_status    INTEGER,           -- NULL for local files
    fetched_at     TIMESTAMP NOT NULL,
    -- Where every byte and physical line of a loaded file went (NULL for a
    -- file that was not loaded, and for runs before these columns):
    -- skipped (BOM, header, blank lines) + loaded + rejected = bytes, lines.
    lines          BIGINT,
    bytes_skipped  BIGINT,
    lines_skipped  BIGINT,
    bytes_loaded   BIGINT,
    lines_loaded   BIGINT,
    bytes_rejected BIGINT,
    lines_rejected BIGINT
);

-- Rows of the current run's input files that were not loaded, and why.
CREATE TABLE load_reject (
    run_id        VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    file          VARCHAR NOT NULL,
    line          BIGINT NOT NULL,   -- where the record starts; the header is line 1
    column_name   VARCHAR,           -- NULL for a fault of the whole row
    column_number INTEGER,           -- 1-based field number, or the character column of a CSV syntax error
    value         VARCHAR,           -- bytes not valid UTF-8, and NULs, written \xNN
    error         VARCHAR NOT NULL,
    raw_line      VARCHAR NOT NULL   -- the record's text (decoded, if the source declares an encoding), escaped like value
);

-- The customers as survivorship chose them, with the record each attribute
-- came from (<attribute>_from, "contacts:CNTID_1002"); customer.sql turns
-- this into table customer and drops it.
CREATE TABLE customer_stage (
    customer_id    VARCHAR NOT NULL,
    first_name     VARCHAR,
    last_name      VARCHAR,
    full_name      VARCHAR,
    email          VARCHAR,
    phone          VARCHAR,
    date_of_birth  DATE,
    gender         VARCHAR,
    postcode       VARCHAR,
    street         VARCHAR,
    city           VARCHAR,
    state          VARCHAR,
    country        VARCHAR,
    first_name_from VARCHAR, last_name_from VARCHAR, full_name_from VARCHAR, email_from VARCHAR,
    phone_from VARCHAR, date_of_birth_from VARCHAR, gender_from VARCHAR, postcode_from VARCHAR,
    street_from VARCHAR, city_from VARCHAR, state_from VARCHAR, country_from VARCHAR,
    first_seen_at  TIMESTAMP NOT NULL   -- start of the run that issued the id
);

-- One row per source record: the customer it belongs to.
CREATE TABLE customer_source (
    customer_id  VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,   -- contacts, loyalty
    source_id    VARCHAR NOT NULL,   -- the source's key
    source_line  BIGINT NOT NULL     -- line of the record in this run's input file
);

-- Every change of customer ids, over all runs: created, merged, split, retired.
CREATE TABLE customer_id_history (
    customer_id           VARCHAR,   -- the id after the change; NULL when retired
    previous_customer_id  VARCHAR,   -- the id before the change; NULL when created
    change                VARCHAR NOT NULL,
    run_id                VARCHAR NOT NULL
);

-- The matching model of the run: each comparison level with its trained
-- m and u probabilities and the weight (log2 m/u) it adds to a pair.
CREATE TABLE match_model (
    comparison  VARCHAR NOT NULL,
    attribute   VARCHAR NOT NULL,
    level       TINYINT NOT NULL,    -- the level number stored in match_pair.<comparison>_level
    label       VARCHAR NOT NULL,
    m           DOUBLE NOT NULL,
    u           DOUBLE NOT NULL,
    weight      DOUBLE NOT NULL
);

-- The run's matching settings and trained scalars: threshold, review_floor,
-- lambda (prior match probability), prior_weight (log2 of the prior odds,
-- where every pair's match_weight starts), candidate_pairs, em_iterations,
-- pairs_per_record, and pairs_of_a_record_p50/_p90/_p99/_max (how many
-- candidate pairs a record is in).
CREATE TABLE match_param (
    name   VARCHAR PRIMARY KEY,
    value  DOUBLE NOT NULL
);

-- What each blocking rule found, as the first rule to find a pair: pairs
-- compared, kept (at or above the review floor) and matched; and the blocks
-- (and their records) skipped as too large or to stay within the pair budget.
CREATE TABLE match_rule (
    rule             VARCHAR NOT NULL,
    seq              INTEGER NOT NULL,   -- the rule's place in the model
    candidates       BIGINT NOT NULL,
    kept             BIGINT NOT NULL,
    matched          BIGINT NOT NULL,
    skipped_blocks   BIGINT NOT NULL,
    skipped_records  BIGINT NOT NULL
);

-- How the model was trained: each training session (pairs that agree on
-- the session's keys), how many pairs it found and trained on, the blocks
-- it left out as too large, the matching and household pairs EM expected
-- among them, and the comparisons it informed.
CREATE TABLE match_session (
    session         VARCHAR NOT NULL,
    pairs           BIGINT NOT NULL,
    training_pairs  BIGINT NOT NULL,
    skipped_blocks  BIGINT NOT NULL,
    matches         DOUBLE NOT NULL,
    households      DOUBLE NOT NULL,
    estimated       VARCHAR[] NOT NULL,   -- comparisons whose m it informed
    converged       BOOLEAN NOT NULL
);

-- Values that stand for "none" (noemail@..., 555-555-5555) and were treated
-- as missing: held by more records than a household could share, or on
-- the built-in list.
CREATE TABLE match_placeholder (
    attribute  VARCHAR NOT NULL,
    value      VARCHAR NOT NULL,
    records    BIGINT NOT NULL,
    built_in   BOOLEAN NOT NULL
);

-- Each customer of two or more source records: how tightly its records
-- hold together. A chain of weak links shows as a low density and a low
-- weakest link; strongly contradicting evidence inside as a low
-- min_pair_weight (clusters part where a pair weighs below -10).
CREATE TABLE customer_cluster (
    customer_id      VARCHAR NOT NULL,
    records          INTEGER NOT NULL,
    links            INTEGER NOT NULL,   -- matched pairs between its records
    density          DOUBLE NOT NULL,    -- links / (records * (records - 1) / 2)
    min_pair_weight  DOUBLE,             -- lowest weight of a scored pair inside
    weakest_link     DOUBLE              -- lowest weight of a link inside; NULL when joined by always-match pairs only
);
