import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/access";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formOf, IDLE } from "@/lib/testing/action-form";
import { insertStorefront, insertUser } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

// The session is the only thing faked: the actions, their guards, use cases and database are real.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/auth/request-address", () => ({ getRequestAddress: async () => "127.0.0.1" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let database: TestDatabase;
let db: PrismaClient;
let actions: typeof import("@/lib/actions/payment-links");
let admin: SessionUser;
let finance: SessionUser;
let storefrontId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  const { resetEnvForTests } = await import("@/lib/env");
  resetEnvForTests();
  db = (await import("@/lib/db/client")).getDb();
  actions = await import("@/lib/actions/payment-links");
  const a = await insertUser(db, { role: "ADMIN", email: "admin@links.test" });
  const f = await insertUser(db, { role: "FINANCE", email: "finance@links.test" });
  admin = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
  finance = { id: f.id, email: f.email, name: f.name, role: "FINANCE" };
  storefrontId = (await insertStorefront(db)).id;
});
afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  await database.drop();
});

const fields = (extra: Record<string, string> = {}) => ({ storefrontId, mode: "TEST", title: "Donations", amount: "", minAmount: "10", maxAmount: "500", referencePrefix: "don", description: "", returnUrl: "", cancelUrl: "", ...extra });

describe("payment links in the dashboard", () => {
  it("lets an admin create, deactivate and activate a link, each audited; finance staff cannot", async () => {
    session.user = finance;
    expect(await actions.createPaymentLinkAction(IDLE, formOf(fields()))).toMatchObject({ status: "error", message: "Only an admin can do this." });
    expect(await db.paymentLink.count()).toBe(0);

    session.user = admin;
    expect(await actions.createPaymentLinkAction(IDLE, formOf(fields()))).toMatchObject({ status: "success" });
    const link = await db.paymentLink.findFirstOrThrow();
    expect(link).toMatchObject({ title: "Donations", amount: null, minAmount: 10, maxAmount: 500, referencePrefix: "DON", active: true, mode: "TEST" });
    expect(link.token).toMatch(/^[0-9A-Za-z]{24}$/);

    expect(await actions.setPaymentLinkActiveAction(IDLE, formOf({ storefrontId, linkId: link.id, active: "false" }))).toMatchObject({ status: "success" });
    expect(await actions.setPaymentLinkActiveAction(IDLE, formOf({ storefrontId, linkId: link.id, active: "true" }))).toMatchObject({ status: "success" });
    const audit = await db.auditLog.findMany({ where: { entityId: link.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["payment_link.create", admin.email], ["payment_link.deactivate", admin.email], ["payment_link.activate", admin.email],
    ]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(link.token);
  });

  it("refuses bad input with a message and writes nothing", async () => {
    session.user = admin;
    const before = await db.paymentLink.count();
    for (const extra of [{ minAmount: "", maxAmount: "" } as Record<string, string>, { minAmount: "600" }, { referencePrefix: "TOO-LONG" }, { returnUrl: "javascript:alert(1)" }, { mode: "LIVE", amount: "50", returnUrl: "http://shop.example/" }, { amount: "0" }]) {
      expect(await actions.createPaymentLinkAction(IDLE, formOf(fields(extra))), JSON.stringify(extra)).toMatchObject({ status: "error" });
    }
    expect(await actions.setPaymentLinkActiveAction(IDLE, formOf({ storefrontId, linkId: "plink_nope", active: "false" }))).toMatchObject({ status: "error" });
    expect(await db.paymentLink.count()).toBe(before);
  });
});
