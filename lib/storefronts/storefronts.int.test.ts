import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { insertUser } from "@/lib/testing/payment-fixtures";
import { AppError } from "@/lib/errors";
import { hashApiKey } from "@/lib/storefronts/api-key-secret";
import { createStorefront } from "@/lib/storefronts/create-storefront";
import { issueApiKey } from "@/lib/storefronts/issue-api-key";
import { revokeApiKey } from "@/lib/storefronts/revoke-api-key";
import { setWebhookEndpoint } from "@/lib/storefronts/set-webhook-endpoint";
import { activeSigningSecrets, rotateEndpointSecret } from "@/lib/webhooks/endpoint-secrets";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { LOOPBACK_TARGETS } from "@/lib/testing/webhook-fixtures";

const DATA_SECRET = "storefront-test-data-secret-long-enough";
let database: TestDatabase;
let db: PrismaClient;
let actor: { id: string; email: string };

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 4);
  const admin = await insertUser(db, { role: "ADMIN" });
  actor = { id: admin.id, email: admin.email };
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("storefront administration", () => {
  it("creates a storefront and a key (hash only), then revokes the key once, all audited", async () => {
    const sf = await createStorefront(db, { name: "Kiosk", actor });
    const { key, secret } = await issueApiKey(db, { storefrontId: sf.id, mode: "LIVE", name: "till", actor });
    expect(secret).toMatch(/^sk_live_/);
    expect(key.hash).toBe(hashApiKey(secret));
    await revokeApiKey(db, { storefrontId: sf.id, keyId: key.id, actor, reason: "leaked in a screenshot" });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).not.toBeNull();
    await expect(revokeApiKey(db, { storefrontId: sf.id, keyId: key.id, actor, reason: "again" })).rejects.toBeInstanceOf(AppError);
    const other = await createStorefront(db, { name: "Other", actor });
    const second = await issueApiKey(db, { storefrontId: sf.id, mode: "TEST", name: "t", actor });
    // Another storefront's id cannot reach this key.
    await expect(revokeApiKey(db, { storefrontId: other.id, keyId: second.key.id, actor, reason: "cross" })).rejects.toBeInstanceOf(AppError);
    const actions = (await db.auditLog.findMany({ orderBy: { id: "asc" }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(["storefront.create", "api_key.create", "api_key.revoke", "storefront.create", "api_key.create"]);
  });

  it("creates a webhook endpoint with an encrypted secret, updates its URL, and rotates with a grace period", async () => {
    const sf = await createStorefront(db, { name: "Hooks", actor });
    const created = await setWebhookEndpoint(db, { storefrontId: sf.id, mode: "TEST", url: "http://127.0.0.1:9/hook", actor, dataSecret: DATA_SECRET, targets: LOOPBACK_TARGETS });
    expect(created.secret).toMatch(/^whsec_/);
    const stored = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.endpointId } });
    expect(stored.secretEncrypted).not.toContain(created.secret!);
    const updated = await setWebhookEndpoint(db, { storefrontId: sf.id, mode: "TEST", url: "http://127.0.0.1:9/other", actor, dataSecret: DATA_SECRET, targets: LOOPBACK_TARGETS });
    expect(updated).toEqual({ endpointId: created.endpointId, secret: null });
    await expect(setWebhookEndpoint(db, { storefrontId: sf.id, mode: "LIVE", url: "http://shop.example/hook", actor, dataSecret: DATA_SECRET, targets: { allowPrivate: false, requireHttps: true } })).rejects.toThrow(/https/);

    const now = new Date();
    const rotated = await rotateEndpointSecret(db, { endpointId: created.endpointId, storefrontId: sf.id, actor, reason: "staff change", dataSecret: DATA_SECRET, graceSeconds: 3600, now });
    const after = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.endpointId } });
    expect(activeSigningSecrets(after, DATA_SECRET, now)).toEqual([rotated.secret, created.secret]);
    expect(activeSigningSecrets(after, DATA_SECRET, new Date(now.getTime() + 3601_000))).toEqual([rotated.secret]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "webhook_endpoint.rotate_secret" } });
    expect(audit.reason).toBe("staff change");
    expect(JSON.stringify(audit.after)).not.toContain("whsec_");
  });
});
