import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseAuditSearch } from "@/lib/dashboard/audit-search-params";
import { findAuditLogs, listAuditActions } from "@/lib/audit/find-audit-logs";
import { recordAudit } from "@/lib/audit/record-audit";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let database: TestDatabase;
let db: PrismaClient;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 2);
  const alice = { id: "usr_a", email: "alice@example.com" };
  const bob = { id: "usr_b", email: "bob@example.com" };
  await recordAudit(db, { actor: alice, action: "payment.expire", entityType: "payment", entityId: "pay_1", reason: "stuck", before: { status: "PENDING", at: new Date("2026-12-01T00:00:00Z") }, after: { status: "EXPIRED" } });
  await recordAudit(db, { actor: bob, action: "user.role_change", entityType: "user", entityId: "usr_c", reason: "promotion", before: { role: "FINANCE" }, after: { role: "ADMIN" } });
  // Both rows get fixed times, so the EAT-date filter never depends on the day the test runs.
  await db.auditLog.updateMany({ where: { entityId: "pay_1" }, data: { createdAt: new Date("2026-11-28T09:00:00Z") } });
  await db.auditLog.updateMany({ where: { entityId: "usr_c" }, data: { createdAt: new Date("2026-11-30T21:30:00Z") } }); // 00:30 EAT on 1 Dec
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("findAuditLogs", () => {
  it("keeps before and after as JSON (dates as ISO text) and filters by action, record, actor and EAT date", async () => {
    const all = await findAuditLogs(db, parseAuditSearch({}));
    expect(all.total).toBe(2);
    expect(all.data.find((r) => r.entityId === "pay_1")!.before).toEqual({ status: "PENDING", at: "2026-12-01T00:00:00.000Z" });
    expect((await findAuditLogs(db, parseAuditSearch({ action: "payment.expire" }))).data.map((r) => r.entityId)).toEqual(["pay_1"]);
    expect((await findAuditLogs(db, parseAuditSearch({ entityType: "user", entityId: "usr_c" }))).total).toBe(1);
    expect((await findAuditLogs(db, parseAuditSearch({ actor: "BOB@" }))).data.map((r) => r.action)).toEqual(["user.role_change"]);
    expect((await findAuditLogs(db, parseAuditSearch({ from: "2026-12-01", to: "2026-12-01" }))).data.map((r) => r.entityId)).toEqual(["usr_c"]);
    expect(await listAuditActions(db)).toEqual(["payment.expire", "user.role_change"]);
  });
});
