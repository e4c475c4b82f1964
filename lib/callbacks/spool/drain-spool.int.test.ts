import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { PgBoss } from "pg-boss";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { receiveCallback } from "@/lib/callbacks/receive-callback";
import { storeAdmittedCallback, type AdmittedCallback } from "@/lib/callbacks/store-admitted-callback";
import { createPrisma } from "@/lib/db/client";
import { createOutageCircuit } from "@/lib/db/outage-circuit";
import { parseEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { stampPeerAddress } from "@/lib/net/peer-address";
import { createBoss } from "@/lib/jobs/boss";
import { appendToSpool } from "@/lib/callbacks/spool/append-to-spool";
import { drainSpool } from "@/lib/callbacks/spool/drain-spool";
import { QUARANTINE_DIR } from "@/lib/callbacks/spool/read-spool";
import { freePort } from "@/lib/testing/free-port";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/** Draining the spool into PostgreSQL: exactly once per request, whatever runs twice or dies between steps. */

const SECRET = "drain-test-callback-secret-drain-test-callback-secret";
const callback = (n: number): AdmittedCallback => ({
  kind: "STK",
  spoolId: randomUUID(),
  receivedAt: new Date(Date.now() - 60_000 + n),
  token: createCallbackToken(`pay_drain${String(n).padStart(8, "0")}`, SECRET, "TEST"),
  body: JSON.stringify({ Body: { stkCallback: { CheckoutRequestID: `ws_CO_${n}`, ResultCode: 0 } } }),
  headers: { "content-type": "application/json" },
  sourceIp: "196.201.214.200",
  ipAllowed: true,
  tokenValid: true,
});

describe("draining the callback spool", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let other: PrismaClient;
  let boss: PgBoss;
  let dir: string;

  const spoolIdsInDb = async (ids: string[]) => (await db.callbackLog.findMany({ where: { spoolId: { in: ids } }, select: { spoolId: true } })).map((r) => r.spoolId).sort();
  const jobsFor = async (ids: string[]) => db.$queryRaw<{ callbackLogId: string; windowStartedAt: string | null }[]>`
    SELECT j.data->>'callbackLogId' AS "callbackLogId", j.data->>'windowStartedAt' AS "windowStartedAt"
    FROM pgboss.job j JOIN callback_logs c ON c.id = (j.data->>'callbackLogId')::bigint
    WHERE j.name = 'callbacks.process' AND c.spool_id = ANY(${ids})`;
  const spoolFiles = async () => (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 6);
    other = createPrisma(database.url, 6);
    boss = createBoss({ databaseUrl: database.url, role: "sender" });
    await boss.start();
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: true });
    await db?.$disconnect();
    await other?.$disconnect();
    await database?.drop();
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "malipo-drain-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("stores every entry with its processing job, once, when two drainers run at the same time", async () => {
    const entries = Array.from({ length: 40 }, (_, i) => callback(i));
    for (const entry of entries) await appendToSpool(dir, entry);
    const started = new Date();
    const [a, b] = await Promise.all([drainSpool(db, { dir, boss }), drainSpool(other, { dir, boss })]);
    const ids = entries.map((e) => e.spoolId);
    expect(a.stored + b.stored).toBe(40);
    expect([a.stopped, b.stopped, a.quarantined + b.quarantined]).toEqual([null, null, 0]);
    expect(await spoolIdsInDb(ids)).toEqual([...ids].sort());
    const jobs = await jobsFor(ids);
    expect(jobs).toHaveLength(40);
    // The unmatched window of a drained callback starts at the drain, not at its arrival.
    expect(jobs.every((j) => j.windowStartedAt !== null && new Date(j.windowStartedAt) >= started)).toBe(true);
    expect(await spoolFiles()).toEqual([]);
  });

  it("stores one request once when many attempts meet at the same moment", async () => {
    const entry = callback(1);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => storeAdmittedCallback(i % 2 ? db : other, { callback: entry, boss })));
    expect(results.filter((r) => r.inserted)).toHaveLength(1);
    expect(new Set(results.map((r) => r.callbackLogId)).size).toBe(1);
    expect(await jobsFor([entry.spoolId])).toHaveLength(1);
  });

  it("finds its rows again after a crash between the inserts and the removal of the files", async () => {
    const entries = Array.from({ length: 10 }, (_, i) => callback(100 + i));
    for (const entry of entries) await appendToSpool(dir, entry);
    const files = await Promise.all((await spoolFiles()).map(async (name) => ({ name, text: await readFile(path.join(dir, name), "utf8") })));
    expect(await drainSpool(db, { dir, boss })).toMatchObject({ stored: 10, alreadyStored: 0 });
    // The process died after committing but before unlinking: the files are all still there.
    for (const file of files) await writeFile(path.join(dir, file.name), file.text);
    expect(await drainSpool(db, { dir, boss })).toMatchObject({ stored: 0, alreadyStored: 10, quarantined: 0, stopped: null });
    const ids = entries.map((e) => e.spoolId);
    expect(await spoolIdsInDb(ids)).toHaveLength(10);
    expect(await jobsFor(ids)).toHaveLength(10);
    expect(await spoolFiles()).toEqual([]);
  });

  it("does not store twice a callback whose insert committed after the route had already spooled it", async () => {
    const env = parseEnv({ CALLBACK_SECRET: SECRET, CALLBACK_IP_ALLOWLIST_ENABLED: "false", CALLBACK_SPOOL_DIR: dir, CALLBACK_DB_TIMEOUT_MS: "100" });
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    // Inserts into callback_logs wait behind this lock: PostgreSQL is up but slower than the route's deadline.
    await locker.query("BEGIN; LOCK TABLE callback_logs IN SHARE ROW EXCLUSIVE MODE");
    const headers: Record<string, string> = {};
    stampPeerAddress(headers, "127.0.0.1");
    const req = new Request("http://127.0.0.1/api/callbacks/stk/x", { method: "POST", body: '{"Body":{}}', headers });
    const token = createCallbackToken("pay_slowinsert000001", SECRET, "TEST");
    const verdict = await receiveCallback(db, { kind: "STK", req, token, env, boss, circuit: createOutageCircuit() });
    expect(verdict.kind).toBe("spooled");
    const spoolId = (verdict as { spoolId: string }).spoolId;
    await locker.query("COMMIT");
    await locker.end();
    // The abandoned insert now commits with its job; the drain finds it instead of adding another.
    await expect.poll(() => spoolIdsInDb([spoolId]), { timeout: 5000 }).toEqual([spoolId]);
    expect(await drainSpool(db, { dir, boss })).toMatchObject({ stored: 0, alreadyStored: 1 });
    expect(await jobsFor([spoolId])).toHaveLength(1);
    expect(await db.callbackLog.count({ where: { token } })).toBe(1);
  });

  it("moves an entry PostgreSQL refuses to quarantine and drains the rest", async () => {
    const good = [callback(201), callback(203)];
    // Text with a NUL character, which PostgreSQL refuses: only a foreign or hand-edited file has one.
    const refused = { ...callback(202), body: "bad\u0000body" };
    for (const entry of [good[0]!, refused, good[1]!]) await appendToSpool(dir, entry);
    expect(await drainSpool(db, { dir, boss })).toMatchObject({ stored: 2, quarantined: 1, stopped: null });
    expect(await spoolIdsInDb([refused.spoolId, ...good.map((g) => g.spoolId)])).toEqual(good.map((g) => g.spoolId).sort());
    expect(await readdir(path.join(dir, QUARANTINE_DIR))).toEqual([expect.stringContaining(refused.spoolId)]);
    expect(await spoolFiles()).toEqual([]);
  });

  it("stops at an outage and keeps every file for the next attempt", async () => {
    const entries = [callback(301), callback(302)];
    for (const entry of entries) await appendToSpool(dir, entry);
    const dead = createPrisma(`postgresql://postgres:postgres@127.0.0.1:${await freePort()}/malipo`, 1);
    const summary = await drainSpool(dead, { dir, boss });
    await dead.$disconnect();
    expect([summary.stored, summary.quarantined, summary.stopped?.reason]).toEqual([0, 0, "unreachable"]);
    expect(await spoolFiles()).toHaveLength(2);
    expect(await drainSpool(db, { dir, boss })).toMatchObject({ stored: 2 });
  });
});
