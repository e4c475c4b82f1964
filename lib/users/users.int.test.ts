import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { insertUser } from "@/lib/testing/payment-fixtures";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser } from "@/lib/users/create-user";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let database: TestDatabase;
let db: PrismaClient;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 6);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const actorOf = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });
const appErrorCode = (promise: Promise<unknown>) => promise.then(() => "resolved", (e: unknown) => (e instanceof AppError ? e.code : String(e)));

describe("users", () => {
  it("creates a user with an argon2 hash and an audit row, and refuses a duplicate email", async () => {
    const admin = await insertUser(db, { role: "ADMIN" });
    const user = await createUser(db, { email: " New@Example.com ", name: "New", role: "FINANCE", password: "correct horse battery", actor: actorOf(admin) });
    expect(user.email).toBe("new@example.com");
    expect(user.passwordHash).not.toContain("correct horse");
    expect(await verifyPassword(user.passwordHash, "correct horse battery")).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: user.id } });
    expect(audit).toMatchObject({ action: "user.create", actorEmail: admin.email, after: { email: "new@example.com", role: "FINANCE", name: "New", disabled: false } });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain("correct horse");
    expect(await appErrorCode(createUser(db, { email: "new@example.com", name: "X", role: "FINANCE", password: "another long password", actor: actorOf(admin) }))).toBe("conflict");
    expect(await appErrorCode(createUser(db, { email: "short@example.com", name: "X", role: "FINANCE", password: "short", actor: actorOf(admin) }))).toBe("validation_failed");
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or disabled, and others can; each change is audited with a reason", async () => {
    await db.user.deleteMany({});
    await db.auditLog.deleteMany({});
    const a = await insertUser(db, { role: "ADMIN" });
    const b = await insertUser(db, { role: "ADMIN" });
    await changeUserRole(db, { userId: b.id, role: "FINANCE", actor: actorOf(a), reason: "moves to finance" });
    expect(await appErrorCode(changeUserRole(db, { userId: a.id, role: "FINANCE", actor: actorOf(a), reason: "oops" }))).toBe("invalid_state");
    expect(await appErrorCode(setUserDisabled(db, { userId: a.id, disabled: true, actor: actorOf(b), reason: "leaving" }))).toBe("invalid_state");
    expect(await db.user.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ role: "ADMIN", disabled: false });
    const rows = await db.auditLog.findMany({ where: { entityId: b.id } });
    expect(rows).toEqual([expect.objectContaining({ action: "user.role_change", reason: "moves to finance", before: { role: "ADMIN" }, after: { role: "FINANCE" } })]);
    expect(await db.auditLog.count({ where: { entityId: a.id } })).toBe(0);
  });

  it("a disabled admin does not count as the other active admin", async () => {
    await db.user.deleteMany({});
    const a = await insertUser(db, { role: "ADMIN" });
    await insertUser(db, { role: "ADMIN", disabled: true });
    expect(await appErrorCode(changeUserRole(db, { userId: a.id, role: "FINANCE", actor: actorOf(a), reason: "test" }))).toBe("invalid_state");
  });

  it("holds when two admins demote each other at the same moment", async () => {
    await db.user.deleteMany({});
    const a = await insertUser(db, { role: "ADMIN" });
    const b = await insertUser(db, { role: "ADMIN" });
    const results = await Promise.all([
      appErrorCode(changeUserRole(db, { userId: a.id, role: "FINANCE", actor: actorOf(b), reason: "race" })),
      appErrorCode(changeUserRole(db, { userId: b.id, role: "FINANCE", actor: actorOf(a), reason: "race" })),
    ]);
    expect(results.sort()).toEqual(["invalid_state", "resolved"]);
    expect(await db.user.count({ where: { role: "ADMIN", disabled: false } })).toBe(1);
  });

  it("nobody disables themselves; a disabled user can be enabled again", async () => {
    await db.user.deleteMany({});
    const a = await insertUser(db, { role: "ADMIN" });
    const f = await insertUser(db, { role: "FINANCE" });
    await insertUser(db, { role: "ADMIN" });
    expect(await appErrorCode(setUserDisabled(db, { userId: a.id, disabled: true, actor: actorOf(a), reason: "me" }))).toBe("invalid_state");
    await setUserDisabled(db, { userId: f.id, disabled: true, actor: actorOf(a), reason: "left the company" });
    await setUserDisabled(db, { userId: f.id, disabled: false, actor: actorOf(a), reason: "came back" });
    expect(await db.auditLog.findMany({ where: { entityId: f.id }, orderBy: { id: "asc" }, select: { action: true } })).toEqual([{ action: "user.disable" }, { action: "user.enable" }]);
  });
});
