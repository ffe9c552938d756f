-- The measures Contoso's analysts use, from purchase and customer.
--
-- Money is DECIMAL(18, 2). An average is the exact mean rounded once to
-- cents, half away from zero: the sum in cents divided by the count (a
-- double, exact for sums below 2^53 cents) rounded to a whole cent.

-- One row per customer, including customers without any purchase: their
-- counts, spends and club points are 0, and their averages and purchase
-- dates NULL (an average of nothing is unknown, not 0). Rows are not sorted.
--
-- customer_measure: customer's spend, club points and purchases
--   customer_id         the customer (customer.customer_id)
--   lifetime_spend      in_store_spend + online_spend
--   in_store_spend      sum of TotalPrice of the customer's store purchases
--   online_spend        sum of TotalPrice of the customer's online purchases
--   club_points         sum of RewardPointsAdded of the store purchases
--   avg_store_purchase  in_store_spend / store_purchases, rounded once to cents
--   avg_web_purchase    online_spend / online_purchases, rounded once to cents
--   store_purchases     the customer's store purchases
--   online_purchases    the customer's online purchases
--   first_purchase_on   date of the first purchase; NULL without any
--   last_purchase_on    date of the last purchase; NULL without any
CREATE OR REPLACE TABLE customer_measure AS
WITH bought AS (
    SELECT
        customer_id,
        count(*) FILTER (WHERE channel = 'store')                AS store_purchases,
        count(*) FILTER (WHERE channel = 'online')               AS online_purchases,
        coalesce(sum(total_price) FILTER (WHERE channel = 'store'), 0)  AS in_store_spend,
        coalesce(sum(total_price) FILTER (WHERE channel = 'online'), 0) AS online_spend,
        coalesce(sum(reward_points), 0)                          AS club_points,
        min(purchased_on)                                        AS first_purchase_on,
        max(purchased_on)                                        AS last_purchase_on
    FROM purchase
    WHERE customer_id IS NOT NULL
    GROUP BY customer_id
)
SELECT
    c.customer_id,
    CAST(coalesce(b.in_store_spend, 0) + coalesce(b.online_spend, 0) AS DECIMAL(18, 2)) AS lifetime_spend,
    CAST(coalesce(b.in_store_spend, 0) AS DECIMAL(18, 2))  AS in_store_spend,
    CAST(coalesce(b.online_spend, 0) AS DECIMAL(18, 2))    AS online_spend,
    CAST(coalesce(b.club_points, 0) AS BIGINT)             AS club_points,
    CAST(CAST(round(CAST(b.in_store_spend * 100 AS DOUBLE) / nullif(b.store_purchases, 0)) AS BIGINT)
         * 0.01 AS DECIMAL(18, 2))                         AS avg_store_purchase,
    CAST(CAST(round(CAST(b.online_spend * 100 AS DOUBLE) / nullif(b.online_purchases, 0)) AS BIGINT)
         * 0.01 AS DECIMAL(18, 2))                         AS avg_web_purchase,
    coalesce(b.store_purchases, 0)                         AS store_purchases,
    coalesce(b.online_purchases, 0)                        AS online_purchases,
    b.first_purchase_on,
    b.last_purchase_on
FROM customer AS c
LEFT JOIN bought AS b ON b.customer_id = c.customer_id;

-- One row over all purchases, linked to a customer or not.
--
-- business_measure: the business's averages and totals, over all purchases (one row)
--   avg_store_purchase  mean TotalPrice of a store purchase
--   avg_web_purchase    mean TotalPrice of an online purchase
--   store_purchases     store purchases
--   online_purchases    online purchases
--   store_spend         sum of TotalPrice of the store purchases
--   online_spend        sum of TotalPrice of the online purchases
--   unlinked_purchases  purchases whose key matches no source record
--   customers           unified customers
CREATE OR REPLACE TABLE business_measure AS
WITH bought AS (
    SELECT
        count(*) FILTER (WHERE channel = 'store')                       AS store_purchases,
        count(*) FILTER (WHERE channel = 'online')                      AS online_purchases,
        coalesce(sum(total_price) FILTER (WHERE channel = 'store'), 0)  AS store_spend,
        coalesce(sum(total_price) FILTER (WHERE channel = 'online'), 0) AS online_spend,
        count(*) FILTER (WHERE customer_id IS NULL)                     AS unlinked_purchases
    FROM purchase
)
SELECT
    CAST(CAST(round(CAST(store_spend * 100 AS DOUBLE) / nullif(store_purchases, 0)) AS BIGINT)
         * 0.01 AS DECIMAL(18, 2))                 AS avg_store_purchase,
    CAST(CAST(round(CAST(online_spend * 100 AS DOUBLE) / nullif(online_purchases, 0)) AS BIGINT)
         * 0.01 AS DECIMAL(18, 2))                 AS avg_web_purchase,
    store_purchases,
    online_purchases,
    CAST(store_spend AS DECIMAL(18, 2))            AS store_spend,
    CAST(online_spend AS DECIMAL(18, 2))           AS online_spend,
    unlinked_purchases,
    (SELECT count(*) FROM customer)                AS customers
FROM bought;
