-- Every purchase of both purchase files, tied to its customer. Reads
-- source_pos, source_online (as loaded) and customer_source. Rows are not
-- sorted (sorting 400,000 purchases doubled the build time); order them
-- when reading.
--
-- purchase: POS or online purchase, tied to its customer
--   channel        store (a POS row) or online (an online-purchase row)
--   source         the file it came from: pos or online
--   purchase_id    the file's PurchaseId; unique within a source, so the
--                  key of this table is (source, purchase_id)
--   customer_id    the customer of the loyalty record (LoyaltyId) for a store
--                  purchase, of the eCommerce contact (ContactId) for an
--                  online one; NULL when that key matches no loaded record
--                  (an unlinked purchase, counted in the run summary)
--   loyalty_id     LoyaltyId as written in a POS row; NULL for online purchases
--   contact_id     ContactId as written in an online row; NULL for store purchases
--   product_id     the file's ProductId
--   purchased_on   the file's PurchasedOn
--   total_price    the file's TotalPrice, in dollars and cents
--   reward_points  RewardPointsAdded; NULL for online purchases, which earn none
--   source_line    the line of the purchase in its file
CREATE OR REPLACE TABLE purchase AS
SELECT
    'store'                   AS channel,
    'pos'                     AS source,
    p.purchase_id,
    cs.customer_id,
    p.loyalty_id,
    CAST(NULL AS VARCHAR)     AS contact_id,
    p.product_id,
    p.purchased_on,
    p.total_price,
    p.reward_points_added     AS reward_points,
    p.source_line
FROM source_pos AS p
LEFT JOIN customer_source AS cs
    ON cs.source = 'loyalty' AND cs.source_id = p.loyalty_id
UNION ALL
SELECT
    'online',
    'online',
    o.purchase_id,
    cs.customer_id,
    CAST(NULL AS VARCHAR),
    o.contact_id,
    o.product_id,
    o.purchased_on,
    o.total_price,
    CAST(NULL AS BIGINT),
    o.source_line
FROM source_online AS o
LEFT JOIN customer_source AS cs
    ON cs.source = 'contacts' AND cs.source_id = o.contact_id;
