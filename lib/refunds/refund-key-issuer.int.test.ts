import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { decideRefund } from "@/lib/refunds/decide-refund";
import { issueApiKey } from "@/lib/storefronts/issue-api-key";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * Four eyes through the API: the admin who issued a storefront's key holds its secret, so a refund
 * asked for with that key counts as theirs — they can neither approve nor reject it; another admin
 * can. A key with no issuer on record (the demo seed's) leaves it to any admin.
 */
const issuer = { id: "usr_issuer00000000000000", email: "issuer@refunds.test", via: "dashboard" as const };
const other = { id: "usr_other000000000000000", email: "other@refunds.test", via: "dashboard" as const };

describe("refunds asked for with an API key", () => {
  let gw: Gateway;
  let shop: TestStorefront;

  beforeAll(async () => {
    gw = await startGateway({ jobs: [processCallbackJob] });
    shop = await gw.createStorefront("Key issuer shop");
  });
  afterAll(async () => {
    await gw?.close();
  });

  const paid = async (reference: string, amount: number) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone: "254708374149", reference } });
    expect(res.status).toBe(201);
    const id = String(res.body.id);
    return eventually(async () => (await gw.db.payment.findUniqueOrThrow({ where: { id } })).mpesaReceipt !== null && id);
  };

  it("cannot be decided by the admin who issued the key", async () => {
    const { key, secret } = await issueApiKey(gw.db, { storefrontId: shop.id, mode: "TEST", name: "checkout", actor: { id: issuer.id, email: issuer.email } });
    expect(key.createdById).toBe(issuer.id);
    const paymentId = await paid("RK-ISSUER-1", 120);
    const asked = await gw.api(secret, "POST", "/api/v1/refunds", { body: { payment: paymentId, reason: "order cancelled" } });
    expect(asked.status).toBe(201);
    const refundId = String(asked.body.id);
    expect(asked.body).toMatchObject({ status: "requested", requested_via: "api" });

    for (const decision of ["approve", "reject"] as const) {
      await expect(decideRefund(gw.db, { refundId, decision, reason: "my own key", actor: issuer, now: new Date() }))
        .rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("API key you issued") });
    }
    expect(await gw.db.refund.findUniqueOrThrow({ where: { id: refundId } })).toMatchObject({ status: "REQUESTED", requestedById: issuer.id, decidedById: null });
    // The request is the storefront's, not the issuer's own action: its audit row names no user.
    expect(await gw.db.auditLog.findFirstOrThrow({ where: { entityId: paymentId, action: "refund.request" } })).toMatchObject({ actorUserId: null, actorEmail: `storefront ${shop.id}` });
    await decideRefund(gw.db, { refundId, decision: "approve", reason: "checked the order", actor: other, now: new Date() });
    expect(await gw.db.refund.findUniqueOrThrow({ where: { id: refundId } })).toMatchObject({ status: "APPROVED", decidedById: other.id });
  });

  it("finds the issuer of a key made before keys recorded one in the audit log (the migration's backfill)", async () => {
    const { key } = await issueApiKey(gw.db, { storefrontId: shop.id, mode: "TEST", name: "old checkout", actor: { id: issuer.id, email: issuer.email } });
    await gw.db.apiKey.update({ where: { id: key.id }, data: { createdById: null } });
    const sql = await readFile(path.join(process.cwd(), "prisma/migrations/20261224330000_api_key_issuer/migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf("UPDATE"));
    await gw.db.$executeRawUnsafe(backfill);
    expect((await gw.db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).createdById).toBe(issuer.id);
    // The key the test storefront was made with has no audit row: it stays unknown.
    expect(await gw.db.apiKey.count({ where: { storefrontId: shop.id, createdById: null } })).toBe(2);
  });

  it("leaves a refund asked for with a key of no known issuer to any admin", async () => {
    const paymentId = await paid("RK-SEED-1", 80);
    const asked = await gw.api(shop.keys.TEST, "POST", "/api/v1/refunds", { body: { payment: paymentId, reason: "order cancelled" } });
    expect(asked.status).toBe(201);
    await decideRefund(gw.db, { refundId: String(asked.body.id), decision: "reject", reason: "goods not returned", actor: issuer, now: new Date() });
    expect(await gw.db.refund.findUniqueOrThrow({ where: { id: String(asked.body.id) } })).toMatchObject({ status: "REJECTED", requestedById: null });
  });
});
