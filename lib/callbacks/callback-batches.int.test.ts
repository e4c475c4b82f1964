import { setProcessEnv } from "@/lib/testing/process-env";
import type { Job, JobResult } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { disconnectDb, getDb } from "@/lib/db/client";
import { getEnv, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { runBatch } from "@/lib/jobs/run-batch";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { insertPendingPayments, type PendingPayment } from "@/lib/testing/pending-payments";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/**
 * A fetched batch of callbacks.process jobs, run as the worker runs it (lib/jobs/run-batch.ts) on
 * PostgreSQL: several callbacks of one payment in one batch are applied one after another in
 * arrival order, whatever order the batch holds their jobs in, each exactly once, and a callback
 * that fails is retried alone.
 */

const SETTINGS = { DATABASE_URL: "", CALLBACK_UNMATCHED_RETRY_SECONDS: "3600" };

describe("a batch of STK callbacks", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let env: Env;
  let restoreEnv: () => void;
  let run = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    restoreEnv = setProcessEnv({ ...SETTINGS, DATABASE_URL: database.url });
    env = getEnv();
    // The handler and its planner take the process's client, as in the worker.
    db = getDb();
  });
  afterAll(async () => {
    await disconnectDb();
    restoreEnv();
    await database.drop();
  });

  const tokenOf = (p: PendingPayment) => p.callbackPath.split("/").pop()!;
  const cancelBody = (p: PendingPayment) => {
    const { stkCallback } = (JSON.parse(p.successBody) as { Body: { stkCallback: { MerchantRequestID: string; CheckoutRequestID: string } } }).Body;
    return JSON.stringify({ Body: { stkCallback: { MerchantRequestID: stkCallback.MerchantRequestID, CheckoutRequestID: stkCallback.CheckoutRequestID, ResultCode: 1032, ResultDesc: "Request cancelled by user" } } });
  };
  const unknownCheckoutBody = (tag: string) => JSON.stringify({ Body: { stkCallback: { MerchantRequestID: `mr-unknown-${tag}`, CheckoutRequestID: `ws_CO_unknown_${tag}`, ResultCode: 1032, ResultDesc: "x" } } });
  const store = async (token: string, body: string) =>
    (await db.callbackLog.create({ data: { token, body, headers: {}, sourceIp: "196.201.214.200", ipAllowed: true, tokenValid: true }, select: { id: true } })).id;
  const asJob = (callbackLogId: bigint, i: number) =>
    ({ id: `job-${run}-${i}`, data: { callbackLogId: String(callbackLogId) }, retryCount: 0, signal: new AbortController().signal }) as unknown as Job<object>;

  /**
   * Three payments' callbacks, stored in this arrival order: A's success, B's success, A's
   * duplicate, C's success, A's late failure for the same attempt, a callback on A's URL naming no
   * attempt of it (not matched yet: retried), one for a payment that does not exist (retried), B's duplicate.
   */
  async function storeBatch() {
    run += 1;
    const tag = `lanes${run}x`;
    const [a, b, c] = await insertPendingPayments(db, { count: 3, tag, callbackSecret: env.secrets.callback }) as [PendingPayment, PendingPayment, PendingPayment];
    const ghost = createCallbackToken(`pay_GhostLanes${String(run).padStart(8, "0")}`, env.secrets.callback, "TEST");
    const logs = [
      await store(tokenOf(a), a.successBody), await store(tokenOf(b), b.successBody), await store(tokenOf(a), a.successBody),
      await store(tokenOf(c), c.successBody), await store(tokenOf(a), cancelBody(a)), await store(tokenOf(a), unknownCheckoutBody(tag)),
      await store(ghost, unknownCheckoutBody(`${tag}g`)), await store(tokenOf(b), b.successBody),
    ];
    return { a, b, c, logs, jobs: logs.map(asJob) };
  }

  /** What the batch did, per payment and per callback, in terms that do not depend on ids. */
  async function outcome({ a, b, c, logs }: Awaited<ReturnType<typeof storeBatch>>) {
    const position = (id: bigint | null) => logs.indexOf(id!);
    const perPayment = async (p: PendingPayment) => ({
      status: (await db.payment.findUniqueOrThrow({ where: { id: p.id } })).status,
      // Timeline entries in the order they were written, each with the callback (by arrival) that wrote it.
      timeline: (await db.paymentEvent.findMany({ where: { paymentId: p.id, callbackLogId: { not: null } }, orderBy: { id: "asc" } })).map((e) => [e.type, position(e.callbackLogId)]),
      storefrontEvents: (await db.webhookEvent.findMany({ where: { paymentId: p.id } })).map((e) => e.type),
    });
    const rows = await db.callbackLog.findMany({ where: { id: { in: logs } }, orderBy: { id: "asc" } });
    return {
      a: await perPayment(a), b: await perPayment(b), c: await perPayment(c),
      callbacks: rows.map((r) => [r.outcome, r.attempts]),
    };
  }

  const expected = {
    a: { status: "SUCCEEDED", timeline: [["succeed", 0], ["duplicate", 2], ["stale", 4]], storefrontEvents: ["payment.succeeded"] },
    b: { status: "SUCCEEDED", timeline: [["succeed", 1], ["duplicate", 7]], storefrontEvents: ["payment.succeeded"] },
    c: { status: "SUCCEEDED", timeline: [["succeed", 3]], storefrontEvents: ["payment.succeeded"] },
    // Each callback with its attempts: the two not matched yet stay RECEIVED for their retries.
    callbacks: [["APPLIED", 1], ["APPLIED", 1], ["DUPLICATE", 1], ["APPLIED", 1], ["STALE", 1], ["RECEIVED", 1], ["RECEIVED", 1], ["DUPLICATE", 1]],
  };
  /** Each stored callback's job result, by arrival: the two not matched yet fail (and are retried), alone. */
  const expectedJobs = ["completed", "completed", "completed", "completed", "completed", "failed", "failed", "completed"];
  const statusesByArrival = (stored: { jobs: Job<object>[] }, results: JobResult[]) => stored.jobs.map((job) => results.find((r) => r.id === job.id)?.status);

  // The batch as fetched, reversed (A's late failure ahead of its success), and shuffled.
  it.each([
    ["in arrival order", [0, 1, 2, 3, 4, 5, 6, 7]],
    ["reversed", [7, 6, 5, 4, 3, 2, 1, 0]],
    ["shuffled", [4, 6, 2, 0, 7, 5, 3, 1]],
  ])("applies one payment's callbacks in arrival order and exactly once, its jobs %s", async (_order, order) => {
    const stored = await storeBatch();
    const results = await runBatch(processCallbackJob as JobDefinition, order.map((i) => stored.jobs[i]!));
    // One result per job, in the order the batch held them.
    expect(results.map((r) => r.id)).toEqual(order.map((i) => stored.jobs[i]!.id));
    expect(statusesByArrival(stored, results)).toEqual(expectedJobs);
    expect(results.find((r) => r.id === stored.jobs[5]!.id)!.output).toEqual({ message: expect.stringMatching(/^no payment has CheckoutRequestID ws_CO_unknown_/) });
    expect(await outcome(stored)).toEqual(expected);

    // The batch delivered again (a worker lost before its results were stored): nothing changes.
    const again = await runBatch(processCallbackJob as JobDefinition, stored.jobs);
    expect(again.filter((r) => r.status === "completed").map((r) => (r.output as { alreadyProcessed?: boolean }).alreadyProcessed)).toEqual(Array(6).fill(true));
    expect(statusesByArrival(stored, again)).toEqual(expectedJobs);
    expect(await outcome(stored)).toEqual({ ...expected, callbacks: expected.callbacks.map(([o, n]) => [o, o === "RECEIVED" ? 2 : n]) });
  });
});
