import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIdempotent, type IdempotentRequest, type StoredResponse } from "@/lib/api/idempotency";
import { createPrisma } from "@/lib/db/client";
import type { ChargeRail } from "@/lib/payments/charge";
import { createPayment } from "@/lib/payments/create-payment";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/** The key row as a lock, on PostgreSQL: waiting, giving up, recovering and reclaiming. */
describe("runIdempotent", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const storefrontId = "sf_idem";
  const timing = { waitMs: 300, abandonedAfterMs: 60_000, pollMs: 20, recover: async (): Promise<StoredResponse> => ({ status: 299, body: { recovered: true } }) };
  const request = (key: string, fingerprint = "f1"): IdempotentRequest => ({ storefrontId, mode: "TEST", key, requestPath: "POST /x", fingerprint });
  const errorCode = (promise: Promise<unknown>) => promise.then(() => "resolved", (e: unknown) => (e instanceof AppError ? e.code : String(e)));

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 6);
    await db.storefront.create({ data: { id: storefrontId, name: "Idem" } });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("answers 409 idempotency_key_in_use when the first request outlasts the wait", async () => {
    let release!: () => void;
    const first = runIdempotent(db, request("slow"), () => new Promise<StoredResponse>((r) => (release = () => r({ status: 201, body: { n: 1 } }))), timing);
    await new Promise((r) => setTimeout(r, 50));
    expect(await errorCode(runIdempotent(db, request("slow"), async () => ({ status: 500, body: {} }), timing))).toBe("idempotency_key_in_use");
    // A different body is refused at once, even while the first is running.
    expect(await errorCode(runIdempotent(db, request("slow", "f2"), async () => ({ status: 500, body: {} }), timing))).toBe("idempotency_key_reused");
    release();
    expect(await first).toEqual({ response: { status: 201, body: { n: 1 } }, replayed: false });
    expect(await runIdempotent(db, request("slow"), async () => ({ status: 500, body: {} }), timing)).toEqual({ response: { status: 201, body: { n: 1 } }, replayed: true });
  });

  it("gives the key back when the first request failed before creating anything, and keeps it otherwise", async () => {
    expect(await errorCode(runIdempotent(db, request("boom"), async () => { throw new Error("db down"); }, timing))).toBe("Error: db down");
    expect(await db.idempotencyKey.count({ where: { key: "boom" } })).toBe(0);
    expect((await runIdempotent(db, request("boom"), async () => ({ status: 201, body: { ok: 1 } }), timing)).replayed).toBe(false);

    await db.payment.create({ data: { id: "pay_idem1", storefrontId, mode: "TEST", amount: 1, phone: "254712345678", reference: "R", expiresAt: new Date() } });
    const failing = runIdempotent(db, request("half"), async (keyId) => {
      await db.idempotencyKey.update({ where: { id: keyId }, data: { paymentId: "pay_idem1" } });
      throw new Error("crashed after the push");
    }, timing);
    expect(await errorCode(failing)).toBe("Error: crashed after the push");
    expect(await db.idempotencyKey.findFirst({ where: { key: "half" } })).toMatchObject({ paymentId: "pay_idem1", completedAt: null });
  });

  it("recovers an abandoned claim from its payment once, and replays that answer afterwards", async () => {
    await db.payment.create({ data: { id: "pay_idem2", storefrontId, mode: "TEST", amount: 1, phone: "254712345678", reference: "R", expiresAt: new Date() } });
    await db.idempotencyKey.create({
      data: { id: "idk_abandoned", storefrontId, mode: "TEST", key: "abandoned", requestHash: "f1", requestPath: "POST /x", paymentId: "pay_idem2",
        createdAt: new Date(Date.now() - 120_000), expiresAt: new Date(Date.now() + 3600_000) },
    });
    const recovered = await runIdempotent(db, request("abandoned"), async () => ({ status: 500, body: {} }), timing);
    expect(recovered).toEqual({ response: { status: 299, body: { recovered: true } }, replayed: true });
    const later = await runIdempotent(db, request("abandoned"), async () => ({ status: 500, body: {} }), { ...timing, recover: async () => ({ status: 298, body: {} }) });
    expect(later.response.status).toBe(299);
  });

  it("treats an expired key as unused", async () => {
    await db.idempotencyKey.create({
      data: { id: "idk_expired", storefrontId, mode: "TEST", key: "expired", requestHash: "other", requestPath: "POST /x", responseStatus: 201,
        responseBody: "{}", completedAt: new Date(), expiresAt: new Date(Date.now() - 1000) },
    });
    const fresh = await runIdempotent(db, request("expired"), async () => ({ status: 201, body: { fresh: true } }), timing);
    expect(fresh).toEqual({ response: { status: 201, body: { fresh: true } }, replayed: false });
  });
  it("links the payment to its key in the statement that writes it, and writes nothing, pushing nothing, when the key is gone", async () => {
    let pushes = 0;
    let n = 0;
    const rail: ChargeRail = {
      newPaymentId: () => `pay_idemlink${++n}`,
      startCharge: async () => { pushes += 1; return { kind: "accepted", checkoutRequestId: `ws_CO_idemlink${n}`, merchantRequestId: `mr-idemlink${n}` }; },
    };
    const create = (idempotencyKeyId: string) => createPayment(db, {
      storefrontId, mode: "TEST", input: { amount: 10, phone: "254712345678", reference: "LINK" }, rail, expirySeconds: 60, idempotencyKeyId,
    });
    await db.idempotencyKey.create({
      data: { id: "idk_link", storefrontId, mode: "TEST", key: "link", requestHash: "f", requestPath: "POST /x", expiresAt: new Date(Date.now() + 3600_000) },
    });
    const linked = await create("idk_link");
    expect(linked.kind).toBe("accepted");
    expect(await db.idempotencyKey.findUniqueOrThrow({ where: { id: "idk_link" } })).toMatchObject({ paymentId: linked.payment.id });
    expect(await db.paymentAttempt.count({ where: { paymentId: linked.payment.id } })).toBe(1);

    // Purged between the claim and the create: no payment, no timeline entry, no attempt, no push.
    await expect(create("idk_purged")).rejects.toThrow();
    expect(await db.payment.count({ where: { id: "pay_idemlink2" } })).toBe(0);
    expect(await db.paymentEvent.count({ where: { paymentId: "pay_idemlink2" } })).toBe(0);
    expect(pushes).toBe(1);
  });
});
