-- The admin who issued a key: a refund a storefront asks for with it cannot be approved by that admin,
-- who holds its secret (four eyes). Keys issued before (and the demo seed's) have none.
ALTER TABLE "api_keys" ADD COLUMN "created_by_id" TEXT;

-- Keys issued before this column: their issuer is in the audit log ("api_key.create", written in
-- the same transaction as the key). Only the demo seed's key, made without an admin, stays unknown.
UPDATE "api_keys" k SET "created_by_id" = a."actor_user_id"
  FROM "audit_logs" a
 WHERE a."action" = 'api_key.create' AND a."entity_type" = 'api_key' AND a."entity_id" = k."id" AND a."actor_user_id" IS NOT NULL;
