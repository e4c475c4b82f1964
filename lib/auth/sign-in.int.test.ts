import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateUser, type AuthenticateOptions } from "@/lib/auth/authenticate-user";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { totpCode } from "@/lib/auth/totp";
import { createUserSession, liveSessionUserId } from "@/lib/auth/user-sessions";
import { createPrisma } from "@/lib/db/client";
import { insertUser } from "@/lib/testing/payment-fixtures";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { changePassword } from "@/lib/users/change-password";
import { confirmTwoFactor, pendingTotpSecret, startTwoFactorEnrolment } from "@/lib/users/two-factor-enrolment";
import { disableTwoFactor } from "@/lib/users/two-factor-changes";

const DATA_SECRET = "sign-in-tests-data-secret-0123456789";
const PASSWORD = "correct horse battery";
const throttle = { maxAttempts: 5, maxAttemptsPerAddress: 20, windowSeconds: 900 };
// Fixed times: nothing here depends on the day the test runs.
const T0 = new Date("2026-12-06T08:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let database: TestDatabase;
let db: PrismaClient;
let hash: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 12);
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** Options with a password check that counts how often it ran. */
function counting(now = T0): AuthenticateOptions & { calls: () => number; hashes: string[] } {
  const hashes: string[] = [];
  return {
    throttle, dataSecret: DATA_SECRET, sessionMaxAgeSeconds: 3600, now,
    verify: async (h, p) => {
      hashes.push(h);
      return verifyPassword(h, p);
    },
    calls: () => hashes.length,
    hashes,
  };
}
const newUser = async (email: string, role: "ADMIN" | "FINANCE" = "ADMIN") => insertUser(db, { email, role, passwordHash: hash });

describe("the sign-in throttle", () => {
  it("lets at most the limit of 40 parallel wrong passwords reach the password check", async () => {
    await newUser("race@malipo.test");
    const options = counting();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => authenticateUser(db, { email: "race@malipo.test", password: `wrong-${i}` }, "198.51.100.7", options)));
    expect(options.calls()).toBeLessThanOrEqual(throttle.maxAttempts);
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(options.calls());
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(40 - options.calls());
    expect(await db.signInAttempt.count({ where: { email: "race@malipo.test" } })).toBe(options.calls());
    // The right password from the same address now waits out the window too.
    expect(await authenticateUser(db, { email: "race@malipo.test", password: PASSWORD }, "198.51.100.7", counting())).toEqual({ ok: false, reason: "throttled" });
  });

  it("does not let failures from address A stop a correct sign-in from address B", async () => {
    await newUser("target@malipo.test");
    for (let i = 0; i < 8; i++) await authenticateUser(db, { email: "target@malipo.test", password: `guess-${i}` }, "203.0.113.66", counting(at(i)));
    expect(await authenticateUser(db, { email: "target@malipo.test", password: PASSWORD }, "203.0.113.66", counting(at(10)))).toEqual({ ok: false, reason: "throttled" });
    const fromB = await authenticateUser(db, { email: "target@malipo.test", password: PASSWORD }, "192.0.2.44", counting(at(11)));
    expect(fromB).toMatchObject({ ok: true, user: { email: "target@malipo.test" }, sessionId: expect.stringMatching(/^ses_/) });
  });

  it("stops one address after its ceiling of failures across accounts", async () => {
    const ip = "198.51.100.200";
    for (let i = 0; i < throttle.maxAttemptsPerAddress; i++) {
      expect(await authenticateUser(db, { email: `spray-${i}@malipo.test`, password: "x" }, ip, counting(at(i)))).toEqual({ ok: false, reason: "invalid" });
    }
    const options = counting(at(30));
    expect(await authenticateUser(db, { email: "spray-new@malipo.test", password: "x" }, ip, options)).toEqual({ ok: false, reason: "throttled" });
    expect(options.calls()).toBe(0);
  });

  it("forgives earlier failures after a correct sign-in, and forgets them after the window", async () => {
    await newUser("typo@malipo.test");
    const ip = "192.0.2.10";
    for (let i = 0; i < 4; i++) await authenticateUser(db, { email: "typo@malipo.test", password: "typo" }, ip, counting(at(i)));
    expect((await authenticateUser(db, { email: "typo@malipo.test", password: PASSWORD }, ip, counting(at(5)))).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect(await authenticateUser(db, { email: "typo@malipo.test", password: "typo" }, ip, counting(at(6 + i)))).toEqual({ ok: false, reason: "invalid" });
    expect((await authenticateUser(db, { email: "typo@malipo.test", password: PASSWORD }, ip, counting(at(20)))).ok).toBe(true);
    for (let i = 0; i < 5; i++) await authenticateUser(db, { email: "typo@malipo.test", password: "typo" }, ip, counting(at(30 + i)));
    expect(await authenticateUser(db, { email: "typo@malipo.test", password: PASSWORD }, ip, counting(at(40)))).toEqual({ ok: false, reason: "throttled" });
    expect((await authenticateUser(db, { email: "typo@malipo.test", password: PASSWORD }, ip, counting(at(40 + throttle.windowSeconds)))).ok).toBe(true);
  });

  it("checks a hash for unknown and disabled accounts as well, so they answer in the same time", async () => {
    const unknown = counting();
    expect(await authenticateUser(db, { email: "nobody@malipo.test", password: PASSWORD }, "192.0.2.99", unknown)).toEqual({ ok: false, reason: "invalid" });
    expect(unknown.hashes).toEqual([expect.stringMatching(/^\$argon2id\$/)]);
    await newUser("gone@malipo.test").then((u) => db.user.update({ where: { id: u.id }, data: { disabled: true } }));
    const disabled = counting();
    expect(await authenticateUser(db, { email: "gone@malipo.test", password: PASSWORD }, "192.0.2.99", disabled)).toEqual({ ok: false, reason: "invalid" });
    expect(disabled.calls()).toBe(1);
  });
});

describe("the second factor", () => {
  it("asks for a code, refuses a wrong or reused one, and takes a recovery code once", async () => {
    const user = await newUser("twofactor@malipo.test");
    const actor = { id: user.id, email: user.email };
    await startTwoFactorEnrolment(db, { userId: user.id, dataSecret: DATA_SECRET });
    const secret = (await pendingTotpSecret(db, { userId: user.id, dataSecret: DATA_SECRET }))!;
    await expect(confirmTwoFactor(db, { user: actor, code: "000000", dataSecret: DATA_SECRET, ip: null, now: T0 })).rejects.toThrow(/does not match/);
    const { recoveryCodes } = await confirmTwoFactor(db, { user: actor, code: totpCode(secret, T0), dataSecret: DATA_SECRET, ip: null, now: T0 });
    expect(recoveryCodes).toHaveLength(10);
    expect(await db.recoveryCode.findMany({ where: { userId: user.id } })).not.toContainEqual(expect.objectContaining({ codeHash: recoveryCodes[0] }));

    const ip = "192.0.2.50";
    const signIn = (code: string | undefined, now: Date) => authenticateUser(db, { email: user.email, password: PASSWORD, code }, ip, counting(now));
    expect(await signIn(undefined, at(60))).toEqual({ ok: false, reason: "code_required" });
    expect(await db.signInAttempt.count({ where: { email: user.email } })).toBe(0);
    expect(await signIn("123456", at(60))).toEqual({ ok: false, reason: "code_invalid" });
    const code = totpCode(secret, at(60));
    expect((await signIn(code, at(60))).ok).toBe(true);
    // Seen over a shoulder and typed again: refused.
    expect(await signIn(code, at(61))).toEqual({ ok: false, reason: "code_invalid" });
    // The code used at enrolment is spent as well.
    expect(await signIn(totpCode(secret, T0), at(1))).toEqual({ ok: false, reason: "code_invalid" });
    expect((await signIn(recoveryCodes[3]!.toUpperCase(), at(90))).ok).toBe(true);
    expect(await signIn(recoveryCodes[3]!, at(91))).toEqual({ ok: false, reason: "code_invalid" });
    expect(await db.auditLog.count({ where: { entityId: user.id, action: "user.two_factor_enable" } })).toBe(1);
  });

  it("cannot be turned off by an admin where it is required", async () => {
    const user = await newUser("required@malipo.test");
    await expect(disableTwoFactor(db, { user: { ...user, role: "ADMIN" }, password: PASSWORD, ip: null, throttle, adminTwoFactorRequired: true })).rejects.toThrow(/cannot be turned off/);
  });
});

describe("changing one's password", () => {
  it("needs the current password, ends the other sessions, and is audited", async () => {
    const user = await newUser("changer@malipo.test", "FINANCE");
    const here = await createUserSession(db, { userId: user.id, maxAgeSeconds: 3600 });
    const elsewhere = await createUserSession(db, { userId: user.id, maxAgeSeconds: 3600 });
    const options = { user: { id: user.id, email: user.email, sessionId: here }, ip: "192.0.2.77", throttle };
    await expect(changePassword(db, { ...options, currentPassword: "not it", newPassword: "a brand new password" })).rejects.toThrow(/current password is not right/);
    await expect(changePassword(db, { ...options, currentPassword: PASSWORD, newPassword: "short" })).rejects.toThrow(/at least 12/);
    expect(await changePassword(db, { ...options, currentPassword: PASSWORD, newPassword: "a brand new password" })).toEqual({ sessionsEnded: 1 });
    expect(await liveSessionUserId(db, here)).toBe(user.id);
    expect(await liveSessionUserId(db, elsewhere)).toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: "user.password_change" } });
    expect(audit).toMatchObject({ actorUserId: user.id, after: { otherSessionsEnded: 1 } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain("a brand new password");
    expect((await authenticateUser(db, { email: user.email, password: PASSWORD }, "192.0.2.78", counting())).ok).toBe(false);
    expect((await authenticateUser(db, { email: user.email, password: "a brand new password" }, "192.0.2.78", counting())).ok).toBe(true);
  });
});
