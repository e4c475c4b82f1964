-- The admin who issued a key: a refund a storefront asks for with it cannot be approved by that admin,
-- who holds its secret (four eyes). Keys issued before (and the demo seed's) have none.
ALTER TABLE "api_keys" ADD COLUMN "created_by_id" TEXT;
