-- customer.sql turns this into table customer and drops it. It is a TEMP table, so it
-- never reaches the database file (writing it there cost twice as much), and lives only
-- on the connection that creates it: merge creates it, fills it and runs customer.sql
-- on one connection.
--
-- customer_stage (working table): customer as survivorship chose it, with the record each attribute came from
CREATE TEMP TABLE customer_stage (
    customer_id    VARCHAR NOT NULL,  -- the stable id (matching/stableid)
    first_name     VARCHAR,  -- given name
    last_name      VARCHAR,  -- surname
    full_name      VARCHAR,  -- full name
    email          VARCHAR,  -- e-mail address
    phone          VARCHAR,  -- phone number
    date_of_birth  DATE,     -- date of birth
    gender         VARCHAR,  -- gender
    postcode       VARCHAR,  -- postcode
    street         VARCHAR,  -- street address
    city           VARCHAR,  -- city
    state          VARCHAR,  -- state
    country        VARCHAR,  -- country
    first_name_from VARCHAR,     -- the record first_name came from, "contacts:CNTID_1002"
    last_name_from VARCHAR,      -- the record last_name came from
    full_name_from VARCHAR,      -- the record full_name came from
    email_from VARCHAR,          -- the record email came from
    phone_from VARCHAR,          -- the record phone came from
    date_of_birth_from VARCHAR,  -- the record date_of_birth came from
    gender_from VARCHAR,         -- the record gender came from
    postcode_from VARCHAR,       -- the record postcode came from
    street_from VARCHAR,         -- the record street came from
    city_from VARCHAR,           -- the record city came from
    state_from VARCHAR,          -- the record state came from
    country_from VARCHAR,        -- the record country came from
    record_count   INTEGER NOT NULL,    -- source records of the customer
    sources        VARCHAR NOT NULL,    -- the sources its records come from, sorted, joined by commas
    first_seen_at  TIMESTAMP NOT NULL   -- start of the run that issued the id
);
