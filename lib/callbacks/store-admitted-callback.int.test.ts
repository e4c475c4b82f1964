import { randomUUID } from "node:crypto";
import pg from "pg";
import type { PgBoss } from "pg-boss";
import { notifyChannelSql } from "pg-boss/dist/plans.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { storeAdmittedCallback, type AdmittedCallback } from "@/lib/callbacks/store-admitted-callback";
import { createPrisma, pgPoolOf } from "@/lib/db/client";
import { isRowRefusal } from "@/lib/db/refused-row";
import { parseEnv } from "@/lib/env";
import type { CallbackKind, PrismaClient } from "@/lib/generated/prisma/client";
import { createBoss } from "@/lib/jobs/boss";
import { defineJob, type JobDefinition } from "@/lib/jobs/define-job";
import { PGBOSS_SCHEMA } from "@/lib/jobs/job-insert-sql";
import { callbackQueueFor } from "@/lib/jobs/queues/callback-queues";
import { processCallbackQueue } from "@/lib/jobs/queues/process-callback-queue";
import { startWorker, type WorkerRuntime } from "@/lib/jobs/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/**
 * The callback's row and its job are written by one statement of our own, which copies what
 * pg-boss's `send` inserts. These tests hold that copy to pg-boss itself: the job rows of both,
 * column by column; the NOTIFY on pg-boss's own channel; a real worker running both alike. A pg-boss
 * upgrade that changes its job table or its insert fails here before it can strand a callback.
 */

const callback = (kind: CallbackKind = "STK"): AdmittedCallback => ({
  kind,
  spoolId: randomUUID(),
  receivedAt: new Date("2026-12-01T09:00:00.123Z"),
  token: "tok",
  body: '{"Body":{"stkCallback":{"ResultCode":0}}}',
  headers: { "content-type": "application/json" },
  sourceIp: "196.201.214.200",
  ipAllowed: true,
  tokenValid: true,
});

// Everything a job row holds but its id and its times, which differ between any two jobs; the gaps
// between its times, which must not. Every column is in it, so one pg-boss adds is compared too.
const JOB_ROW_SQL = `
  SELECT tableoid::regclass::text AS "table",
         to_jsonb(j) - 'id' - 'created_on' - 'start_after' - 'keep_until' - 'started_on' - 'completed_on' - 'heartbeat_on'
           || jsonb_build_object('retainedFor', extract(epoch FROM keep_until - start_after), 'startsAfterCreation', extract(epoch FROM start_after - created_on)) AS row
    FROM ${PGBOSS_SCHEMA}.job j WHERE id = $1`;

describe("a callback stored with its job in one statement", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let other: PrismaClient;
  let boss: PgBoss;
  let sql: pg.Client;

  const jobRow = async (id: string) => (await sql.query(JOB_ROW_SQL, [id])).rows[0] as { table: string; row: Record<string, unknown> };
  const jobsOf = async (callbackLogId: bigint) =>
    (await sql.query<{ id: string }>(`SELECT id FROM ${PGBOSS_SCHEMA}.job WHERE data->>'callbackLogId' = $1 ORDER BY created_on`, [String(callbackLogId)])).rows.map((r) => r.id);
  const rowsOf = async (spoolId: string) => (await sql.query(`SELECT id FROM callback_logs WHERE spool_id = $1`, [spoolId])).rowCount;
  /** Stores a callback, then sends the same payload with pg-boss: the two jobs, ours first. */
  const storedAndSent = async (c: AdmittedCallback, windowStartedAt?: Date) => {
    const stored = await storeAdmittedCallback(db, { callback: c, boss, windowStartedAt });
    const [ours] = await jobsOf(stored.callbackLogId);
    const payload = { callbackLogId: String(stored.callbackLogId), ...(windowStartedAt ? { windowStartedAt: windowStartedAt.toISOString() } : {}) };
    const theirs = await boss.send(callbackQueueFor(c.kind).name, payload);
    return { stored, ours: ours!, theirs: theirs! };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 4);
    other = createPrisma(database.url, 4);
    boss = createBoss({ databaseUrl: database.url, role: "sender" });
    await boss.start();
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await boss?.stop({ graceful: false, close: true });
    await db?.$disconnect();
    await other?.$disconnect();
    await database?.drop();
  });

  it.each(["STK", "C2B_CONFIRMATION", "INITIATOR_RESULT", "VODACOM_RESULT"] as const)("queues for a %s callback the job boss.send would, in one round trip", async (kind) => {
    const c = callback(kind);
    // The queue is made once per process; after that the statement is the only thing sent.
    await storeAdmittedCallback(db, { callback: callback(kind), boss });
    const query = vi.spyOn(pgPoolOf(db), "query");
    const { stored, ours, theirs } = await storedAndSent(c);
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    expect(stored.inserted).toBe(true);
    const [a, b] = [await jobRow(ours), await jobRow(theirs)];
    expect(a).toEqual(b);
    expect(a.row).toMatchObject({ name: callbackQueueFor(kind).name, state: "created", data: { callbackLogId: String(stored.callbackLogId) }, retry_limit: callbackQueueFor(kind).queue.retryLimit });
  });

  it("carries a drained callback's window start in the job's payload, as sent", async () => {
    const { ours, theirs } = await storedAndSent(callback(), new Date("2026-12-01T10:00:00.000Z"));
    const [a, b] = [await jobRow(ours), await jobRow(theirs)];
    expect(a).toEqual(b);
    expect(a.row.data).toMatchObject({ windowStartedAt: "2026-12-01T10:00:00.000Z" });
  });

  it("reads the queue's options when it stores, so a changed queue applies at once", async () => {
    const name = processCallbackQueue.name;
    await boss.createQueue("callbacks.dead-letter-test");
    await boss.updateQueue(name, { retryLimit: 7, retryDelay: 3, retryBackoff: true, retryDelayMax: 9, expireInSeconds: 45, retentionSeconds: 3600, deleteAfterSeconds: 600, heartbeatSeconds: 20, deadLetter: "callbacks.dead-letter-test" });
    try {
      const { ours, theirs } = await storedAndSent(callback());
      const [a, b] = [await jobRow(ours), await jobRow(theirs)];
      expect(a).toEqual(b);
      expect(a.row).toMatchObject({ retry_limit: 7, retry_delay: 3, retry_backoff: true, retry_delay_max: 9, expire_seconds: 45, deletion_seconds: 600, heartbeat_seconds: 20, dead_letter: "callbacks.dead-letter-test", retainedFor: 3600 });
    } finally {
      const { policy: _policy, ...queue } = processCallbackQueue.queue as typeof processCallbackQueue.queue & { policy?: string };
      await boss.updateQueue(name, { ...queue, retentionSeconds: 14 * 24 * 3600, deleteAfterSeconds: 7 * 24 * 3600, deadLetter: null } as Parameters<PgBoss["updateQueue"]>[1]);
    }
  });

  it("wakes workers on pg-boss's own channel, with the queue's name, as boss.send does", async () => {
    const { rows } = await sql.query<{ channel: string }>(`SELECT ${notifyChannelSql(PGBOSS_SCHEMA)} AS channel`);
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on("notification", (n) => heard.push(`${n.channel} ${n.payload}`));
      await listener.query(`LISTEN "${rows[0]!.channel}"`);
      await storeAdmittedCallback(db, { callback: callback(), boss });
      await expect.poll(() => heard).toEqual([`${rows[0]!.channel} callbacks.process`]);
      await boss.send("callbacks.process", { callbackLogId: "1" });
      await expect.poll(() => heard).toHaveLength(2);
      expect(heard[1]).toBe(heard[0]);
    } finally {
      await listener.end();
    }
  });

  it("returns the stored row and queues nothing when the spool id is stored already", async () => {
    const c = callback();
    const first = await storeAdmittedCallback(db, { callback: c, boss });
    const query = vi.spyOn(pgPoolOf(db), "query");
    const again = await storeAdmittedCallback(db, { callback: { ...c, body: "{}" }, boss });
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    expect(again).toEqual({ callbackLogId: first.callbackLogId, inserted: false });
    expect(await jobsOf(first.callbackLogId)).toHaveLength(1);
  });

  it("waits for a conflicting insert still in flight and then returns its row, with no second job", async () => {
    const c = callback();
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      const { rows } = await holder.query<{ id: string }>(
        `INSERT INTO callback_logs (spool_id, token, body, headers, source_ip, ip_allowed, token_valid) VALUES ($1, 'tok', '{}', '{}', '127.0.0.1', true, true) RETURNING id`, [c.spoolId]);
      const query = vi.spyOn(pgPoolOf(db), "query");
      const storing = storeAdmittedCallback(db, { callback: c, boss });
      // The statement is blocked on the unique index behind the open insert.
      await expect.poll(async () => (await sql.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rowCount).toBe(1);
      await holder.query("COMMIT");
      expect(await storing).toEqual({ callbackLogId: BigInt(rows[0]!.id), inserted: false });
      // Its snapshot predates the commit, so it saw no row: the second run reads it.
      expect(query).toHaveBeenCalledTimes(2);
      query.mockRestore();
      expect(await jobsOf(BigInt(rows[0]!.id))).toEqual([]);
    } finally {
      await holder.end();
    }
  });

  it("stores one row with one job when many attempts of one callback meet", async () => {
    const c = callback();
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => storeAdmittedCallback(i % 2 ? db : other, { callback: c, boss })));
    expect(results.filter((r) => r.inserted)).toHaveLength(1);
    expect(new Set(results.map((r) => r.callbackLogId)).size).toBe(1);
    expect(await rowsOf(c.spoolId)).toBe(1);
    expect(await jobsOf(results[0]!.callbackLogId)).toHaveLength(1);
  });

  it("stores nothing when pg-boss cannot take the job, and says it is not the row's fault", async () => {
    const c = callback("C2B_CONFIRMATION");
    // The queue is known to this process (made on an earlier call), then deleted under it.
    await storeAdmittedCallback(db, { callback: callback("C2B_CONFIRMATION"), boss });
    await boss.deleteQueue("c2b.process");
    const failed = await storeAdmittedCallback(db, { callback: c, boss }).then(() => null, (error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(isRowRefusal(failed)).toBe(false);
    expect(await rowsOf(c.spoolId)).toBe(0);
  });

  it("leaves the refused row's values (token and body) out of the error it throws, which gets logged", async () => {
    const c = { ...callback(), token: "tok-never-logged", body: "refused-body" };
    await sql.query(`ALTER TABLE callback_logs ADD CONSTRAINT test_refused_body CHECK (body <> 'refused-body')`);
    try {
      const failed = (await storeAdmittedCallback(db, { callback: c, boss }).then(() => null, (error: unknown) => error)) as { code?: string; detail?: string };
      expect([failed.code, isRowRefusal(failed)]).toEqual(["23514", true]);
      expect(failed.detail).toBe("Failing row contains (values not logged)");
      expect(JSON.stringify(failed)).not.toContain("tok-never-logged");
    } finally {
      await sql.query(`ALTER TABLE callback_logs DROP CONSTRAINT test_refused_body`);
    }
  });

  describe("processed by a real worker", () => {
    let worker: WorkerRuntime;
    const seen: { data: unknown; retryCount: number }[] = [];
    const definition = defineJob({
      ...processCallbackQueue,
      // Fails each job's first attempt, so both go through the queue's retry too.
      handler: async (data, ctx) => {
        seen.push({ data, retryCount: ctx.retryCount });
        if (ctx.retryCount === 0) throw new Error("first attempt fails");
        return { handled: data.callbackLogId };
      },
    }) as JobDefinition;

    beforeAll(async () => {
      worker = await startWorker({ env: parseEnv({ DATABASE_URL: database.url }), db: other, definitions: [definition], heartbeatMs: 60_000 });
    });
    afterAll(async () => {
      await worker?.stop(1000).catch(() => undefined);
    });

    it("fetches, retries and completes our job exactly as one boss.send queued", async () => {
      const { stored, ours, theirs } = await storedAndSent(callback());
      const completed = async (id: string) => (await jobRow(id)).row.state === "completed";
      await expect.poll(async () => (await completed(ours)) && (await completed(theirs)), { timeout: 30_000, interval: 200 }).toBe(true);
      // A retry moves a job's start by its backoff, with jitter: the gaps between times differ now.
      const processed = async (id: string) => {
        const { table, row: { retainedFor: _r, startsAfterCreation: _s, ...row } } = await jobRow(id);
        return { table, row };
      };
      const [a, b] = [await processed(ours), await processed(theirs)];
      expect(a).toEqual(b);
      expect(a.row).toMatchObject({ state: "completed", retry_count: 1, output: { handled: String(stored.callbackLogId) } });
      const payload = { callbackLogId: String(stored.callbackLogId) };
      expect(seen.filter((s) => JSON.stringify(s.data) === JSON.stringify(payload)).map((s) => s.retryCount).sort()).toEqual([0, 0, 1, 1]);
    });
  });
});
