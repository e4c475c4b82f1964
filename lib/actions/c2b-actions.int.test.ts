import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/access";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { insertPayment, insertStorefront, insertUser } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

// The session is the only thing faked: the actions, their guards, use cases and database are real.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/auth/request-address", () => ({ getRequestAddress: async () => "127.0.0.1" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let database: TestDatabase;
let db: PrismaClient;
let actions: typeof import("@/lib/actions/c2b");
let finance: SessionUser;
let storefrontId: string;
let accountId: string;
const IDLE = { status: "idle" } as const;
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  (await import("@/lib/env")).resetEnvForTests();
  db = (await import("@/lib/db/client")).getDb();
  actions = await import("@/lib/actions/c2b");
  const f = await insertUser(db, { role: "FINANCE", email: "finance@c2b.test" });
  finance = { id: f.id, email: f.email, name: f.name, role: "FINANCE" };
  storefrontId = (await insertStorefront(db)).id;
  accountId = createId("acct");
  await db.collectionAccount.create({ data: { id: accountId, storefrontId, mode: "LIVE", name: "Paybill", source: "ENVIRONMENT" } });
});
afterAll(async () => {
  await (await import("@/lib/db/client")).disconnectDb();
  await database?.drop();
});
beforeEach(() => {
  session.user = finance;
});

describe("C2B actions", () => {
  it("refuse finance users registering URLs or changing the validation rule, changing nothing", async () => {
    expect(await actions.registerC2bUrlsAction(IDLE, form({ storefrontId, accountId, reason: "set up C2B" }))).toEqual({ status: "error", message: "Only an admin can do this." });
    expect(await actions.setC2bValidationRuleAction(IDLE, form({ storefrontId, rule: "PATTERN", pattern: "X.*", reason: "only X" }))).toEqual({ status: "error", message: "Only an admin can do this." });
    expect(await db.storefront.findUniqueOrThrow({ where: { id: storefrontId } })).toMatchObject({ c2bValidationRule: "ACCEPT_ALL" });
    expect(await db.auditLog.count()).toBe(0);
  });

  it("let finance attach a receipt or mark it direct, and refuse visitors", async () => {
    const payment = await insertPayment(db, storefrontId, { amount: 300, reference: "ORD-9", collectionAccountId: accountId });
    const log = await db.callbackLog.create({ data: { kind: "C2B_CONFIRMATION", token: "t", body: "{}", headers: {}, sourceIp: "196.201.214.200", ipAllowed: true, tokenValid: true, outcome: "APPLIED" } });
    const receipt = (n: string) => db.unattachedReceipt.create({ data: { id: createId("ura"), collectionAccountId: accountId, storefrontId, mode: "LIVE", receipt: n, amountMinor: 30000, billRefNumber: "ORD9", callbackLogId: log.id } });
    const [a, b] = [await receipt("UKT7AAAAAA"), await receipt("UKT7BBBBBB")];
    session.user = null;
    expect(await actions.attachReceiptAction(IDLE, form({ receiptId: a.id, paymentId: payment.id, reason: "typo" }))).toMatchObject({ status: "error", message: "Your session has ended. Sign in again." });
    session.user = finance;
    expect(await actions.attachReceiptAction(IDLE, form({ receiptId: a.id, paymentId: payment.id, reason: "typed ORD9 for ORD-9" }))).toMatchObject({ status: "success" });
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: "UKT7AAAAAA" });
    expect(await actions.markReceiptDirectAction(IDLE, form({ receiptId: b.id, reason: "counter sale" }))).toMatchObject({ status: "success" });
    expect(await db.auditLog.findMany({ where: { entityType: "unattached_receipt" }, select: { action: true, actorEmail: true } }))
      .toEqual(expect.arrayContaining([{ action: "unattached_receipt.attach", actorEmail: finance.email }, { action: "unattached_receipt.mark_direct", actorEmail: finance.email }]));
    // A second payment cannot take a receipt already attached.
    expect(await actions.attachReceiptAction(IDLE, form({ receiptId: a.id, paymentId: payment.id, reason: "again" }))).toMatchObject({ status: "error", message: expect.stringContaining("already attached") });
  });
});
