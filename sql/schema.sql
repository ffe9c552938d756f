-- The published tables that the pipeline fills from Go (through package bulk).
-- Tables built by SQL from these (purchase, measures, reports) live in their own files.
-- Each table is declared as package sql/tables describes: the comment line
-- above it says what one row is, and each column's comment what it holds;
-- both are written into the database as COMMENT ON.

-- customer_source: source record, and the customer it belongs to
CREATE TABLE customer_source (
    customer_id  VARCHAR NOT NULL,   -- the customer (customer.customer_id)
    source       VARCHAR NOT NULL,   -- contacts, loyalty
    source_id    VARCHAR NOT NULL,   -- the source's key
    source_line  BIGINT NOT NULL     -- line of the record in this run's input file
);

-- customer_id_history: change of customer ids, over all runs: created, merged, split, retired
CREATE TABLE customer_id_history (
    customer_id           VARCHAR,   -- the id after the change; NULL when retired
    previous_customer_id  VARCHAR,   -- the id before the change; NULL when created
    change                VARCHAR NOT NULL,  -- created, merged, split or retired
    run_id                VARCHAR NOT NULL   -- the run that made the change
);

-- A chain of weak links shows as a low density and a low weakest link;
-- strongly contradicting evidence inside as a low min_pair_weight.
--
-- customer_cluster: customer of two or more source records, and how tightly its records hold together
CREATE TABLE customer_cluster (
    customer_id      VARCHAR NOT NULL,   -- the customer (customer.customer_id)
    records          INTEGER NOT NULL,   -- its source records
    links            INTEGER NOT NULL,   -- matched pairs between its records
    density          DOUBLE NOT NULL,    -- links / (records * (records - 1) / 2)
    min_pair_weight  DOUBLE,             -- lowest weight of a scored pair inside
    weakest_link     DOUBLE              -- lowest weight of a link inside; NULL when joined by always-match pairs only
);

-- The per-comparison columns follow in the model's order; the writer adds
-- them (pipeline/matchtables.go), one pair for each comparison.
--
-- match_pair: scored candidate pair kept, with its evidence: every link and near miss (match_probability at or above review_floor); other candidates are only counted, in match_rule
CREATE TABLE match_pair (
    source_l           VARCHAR NOT NULL,  -- source of the left record
    id_l               VARCHAR NOT NULL,  -- the left record's key in its source
    source_r           VARCHAR NOT NULL,  -- source of the right record
    id_r               VARCHAR NOT NULL,  -- the right record's key in its source
    match_weight       DOUBLE NOT NULL,   -- the pair's weight: prior_weight plus every comparison's weight (bits)
    match_probability  DOUBLE NOT NULL,   -- probability that both records are one person
    matched            BOOLEAN NOT NULL,  -- linked: at or above the threshold, or an always-match pair
    blocking_rule      VARCHAR NOT NULL   -- the first blocking rule that found the pair
    --+ {comparison}_level  TINYINT  -- the level the pair reached on {comparison} (match_model.level)
    --+ {comparison}_weight DOUBLE   -- the weight {comparison} added to match_weight
);

-- match_model: level of a comparison of the run's matching model, with its trained m and u and the weight it adds
CREATE TABLE match_model (
    comparison  VARCHAR NOT NULL,    -- the comparison's name, as in match_pair.<comparison>_level
    attribute   VARCHAR NOT NULL,    -- the attribute it compares
    level       TINYINT NOT NULL,    -- the level number stored in match_pair.<comparison>_level
    label       VARCHAR NOT NULL,    -- what the level means
    kind        VARCHAR NOT NULL,    -- how the level is decided (exact, jaro_winkler, years_apart, ...: matching/spec/kinds.go)
    m           DOUBLE NOT NULL,     -- probability that two records of one person reach it
    u           DOUBLE NOT NULL,     -- probability that two unrelated records reach it
    weight      DOUBLE NOT NULL,     -- log2(m/u): the weight it adds to a pair's match_weight
    training_matches DOUBLE NOT NULL -- expected matching training pairs that reached it: how many pairs m rests on (a
                                     -- level a handful reached has an m the smoothing decides as much as the data; 0 on
                                     -- a level weighed as its else level, which counts its pairs)
);

-- match_param: matching setting or trained scalar of the run, by name
CREATE TABLE match_param (
    name   VARCHAR PRIMARY KEY,  -- threshold, review_floor, lambda (prior match probability), prior_weight (log2 of
                                 -- the prior odds, where every pair's match_weight starts), candidate_pairs,
                                 -- em_iterations, household_lambda, linkage_cuts, contradiction_cuts, placeholders,
                                 -- pairs_per_record, pairs_of_a_record_p50/_p90/_p99/_max (how many candidate pairs a
                                 -- record is in)
    value  DOUBLE NOT NULL       -- its value
);

-- match_rule: blocking rule of the model: what it found first, and the blocks it skipped
CREATE TABLE match_rule (
    rule             VARCHAR NOT NULL,   -- the rule's name
    seq              INTEGER NOT NULL,   -- the rule's place in the model
    candidates       BIGINT NOT NULL,    -- pairs it was the first rule to find
    kept             BIGINT NOT NULL,    -- of those, pairs kept (at or above the review floor)
    matched          BIGINT NOT NULL,    -- of those, pairs matched
    skipped_blocks   BIGINT NOT NULL,    -- blocks skipped as too large or to stay within the pair budget
    skipped_records  BIGINT NOT NULL     -- records in the skipped blocks
);

-- match_session: training session of the model: pairs that agree on the session's keys, and what EM learnt from them
CREATE TABLE match_session (
    session         VARCHAR NOT NULL,     -- the session's name: the keys its pairs agree on
    pairs           BIGINT NOT NULL,      -- pairs that agree on its keys
    training_pairs  BIGINT NOT NULL,      -- pairs it trained on
    skipped_blocks  BIGINT NOT NULL,      -- blocks left out as too large to learn from
    matches         DOUBLE NOT NULL,      -- matching pairs EM expected among them
    households      DOUBLE NOT NULL,      -- household pairs EM expected among them
    estimated       VARCHAR[] NOT NULL,   -- comparisons whose m it informed
    converged       BOOLEAN NOT NULL      -- whether EM converged
);

-- match_placeholder: value treated as missing because it stands for "none" (noemail@..., 555-555-5555)
CREATE TABLE match_placeholder (
    attribute  VARCHAR NOT NULL,  -- the attribute it is a value of
    value      VARCHAR NOT NULL,  -- the value, normalized
    records    BIGINT NOT NULL,   -- records holding it
    built_in   BOOLEAN NOT NULL   -- on the built-in list, rather than found in the data
);

-- Rows of earlier runs are carried forward.
--
-- run: published run, with its counts, timings, warnings and review decisions
CREATE TABLE run (
    run_id            VARCHAR PRIMARY KEY,  -- the run's id, also its landing folder's name
    started_at        TIMESTAMP NOT NULL,   -- when the run started (UTC)
    finished_at       TIMESTAMP NOT NULL,   -- when it wrote this row, just before publishing (UTC)
    as_of             DATE NOT NULL,        -- the day the reports are computed as of
    status            VARCHAR NOT NULL,     -- published
    forced            BOOLEAN NOT NULL,     -- --force overrode a safety gate
    version           VARCHAR NOT NULL,     -- version of c360 that ran
    host              VARCHAR NOT NULL,     -- machine it ran on
    rows_read         BIGINT NOT NULL,      -- input rows read, over all files
    rows_rejected     BIGINT NOT NULL,      -- input rows rejected (load_reject)
    source_records    BIGINT NOT NULL,      -- profile records matched
    customers         BIGINT NOT NULL,      -- unified customers published
    pairs_compared    BIGINT NOT NULL,      -- candidate pairs scored
    pairs_matched     BIGINT NOT NULL,      -- pairs at or above the threshold
    purchases         BIGINT NOT NULL,      -- purchases published
    purchases_unlinked BIGINT NOT NULL,     -- purchases whose key matches no source record
    seconds           DOUBLE NOT NULL,      -- wall time of the run up to this row
    warnings          VARCHAR[] NOT NULL,   -- what the run warned about
    review_applied    BIGINT,               -- review decisions (review file beside the config) given to matching,
                                            -- NULL for runs published before this column existed
    review_missing    BIGINT                -- review decisions naming records the run did not load (not applied,
                                            -- also a warning), NULL for runs published before this column existed
);

-- run_stage: stage of a run, with its wall time
CREATE TABLE run_stage (
    run_id   VARCHAR NOT NULL,  -- the run (run.run_id)
    stage    VARCHAR NOT NULL,  -- the stage's name: fetch, load, normalize, match, merge, ...
    seq      INTEGER NOT NULL,  -- its place in the run, from 1
    seconds  DOUBLE NOT NULL    -- its wall time
);

-- source_file: input file of a run: what was read, from where, and what became of it
CREATE TABLE source_file (
    run_id         VARCHAR NOT NULL,  -- the run (run.run_id)
    source         VARCHAR NOT NULL,  -- the config's source name: contacts, loyalty, pos, online, accounts, ...
    url            VARCHAR NOT NULL,  -- where it was read from, query string redacted
    file           VARCHAR NOT NULL,  -- landed file, relative to work_dir
    sha256         VARCHAR NOT NULL,  -- sha256 of the landed bytes, in hex
    bytes          BIGINT NOT NULL,   -- size of the landed file
    rows_read      BIGINT NOT NULL,   -- rows read (0 for a file not loaded)
    rows_loaded    BIGINT NOT NULL,   -- rows loaded into the source's table
    rows_rejected  BIGINT NOT NULL,   -- rows rejected (load_reject)
    reused         BOOLEAN NOT NULL,  -- unchanged since the last fetch (HTTP 304 or same sha256)
    http_status    INTEGER,           -- status of the HTTP reply; NULL for local files
    fetched_at     TIMESTAMP NOT NULL,  -- when it was fetched (UTC)
    lines          BIGINT,            -- physical lines of the file; this and the columns below are NULL for a
                                      -- file not loaded and for runs before they existed
    bytes_skipped  BIGINT,            -- bytes of the BOM, the header and blank lines
    lines_skipped  BIGINT,            -- lines of the header and blank lines
    bytes_loaded   BIGINT,            -- bytes of the loaded rows
    lines_loaded   BIGINT,            -- lines of the loaded rows
    bytes_rejected BIGINT,            -- bytes of the rejected rows; skipped + loaded + rejected = bytes
    lines_rejected BIGINT             -- lines of the rejected rows; skipped + loaded + rejected = lines
);

-- load_reject: input row of the current run that was not loaded, and why
CREATE TABLE load_reject (
    run_id        VARCHAR NOT NULL,  -- the run (run.run_id)
    source        VARCHAR NOT NULL,  -- the config's source name
    file          VARCHAR NOT NULL,  -- the landed file's name
    line          BIGINT NOT NULL,   -- where the record starts; the header is line 1
    column_name   VARCHAR,           -- the column at fault; NULL for a fault of the whole row
    column_number INTEGER,           -- 1-based field number, or the character column of a CSV syntax error
    value         VARCHAR,           -- the value at fault; bytes not valid UTF-8, and NULs, written \xNN
    error         VARCHAR NOT NULL,  -- why the row was rejected
    raw_line      VARCHAR NOT NULL   -- the record's text (decoded, if the source declares an encoding), escaped like value
);
