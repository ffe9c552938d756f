-- From customer_stage: the attributes survivorship chose, and what the
-- customer's records are (counted in Go, which holds the clusters: a join
-- with customer_source and a GROUP BY of it ran out of DuckDB's memory at
-- ten million persons). customer_id is unique: each cluster gets one id
-- (matching/stableid), and every source record belongs to one cluster.
--
-- customer: unified customer, with the record each attribute came from
--   customer_id       the stable id: it stays the same night after night while its records stay together
--   first_name        given name, as survivorship chose it
--   last_name         surname
--   full_name         full name
--   email             e-mail address, normalized
--   phone             phone number, E.164 when valid
--   date_of_birth     date of birth
--   gender            gender
--   postcode          postcode
--   street            street address
--   city              city
--   state             state
--   country           country
--   record_count      source records of the customer
--   sources           the sources its records come from, sorted
--   first_seen_at     start of the run that issued the id
--   attribute_source  the record each attribute came from ("contacts:CNTID_1002"),
--                     NULL where no record had one
CREATE TABLE customer AS
SELECT
    s.customer_id,
    s.first_name, s.last_name, s.full_name, s.email, s.phone, s.date_of_birth, s.gender,
    s.postcode, s.street, s.city, s.state, s.country,
    s.record_count,
    string_split(s.sources, ',') AS sources,
    s.first_seen_at,
    struct_pack(
        first_name := s.first_name_from, last_name := s.last_name_from,
        full_name := s.full_name_from, email := s.email_from, phone := s.phone_from,
        date_of_birth := s.date_of_birth_from, gender := s.gender_from,
        postcode := s.postcode_from, street := s.street_from, city := s.city_from,
        state := s.state_from, country := s.country_from
    ) AS attribute_source
FROM customer_stage s;

DROP TABLE customer_stage;
