import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "@/lib/env";
import { SANDBOX_SHORTCODE } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { pullGapAlertKey } from "@/lib/ledger/pull/pull-gaps";
import { registerAccountPull } from "@/lib/ledger/pull/register-account-pull";
import { runLedgerPull } from "@/lib/ledger/pull/run-ledger-pull";
import { queryRateKey } from "@/lib/rate-limit/query-slots";
import { PULL_QUERY_PATH } from "@/lib/rails/daraja/pull/query";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { startTcpRelay, type TcpRelay } from "@/lib/testing/tcp-relay";

/**
 * The ledger pull end to end, over HTTP against the simulator and real PostgreSQL, on an injected
 * business clock (the simulator's and the pull's): registration (audited), STK and C2B payments
 * brought into ledger_lines by a window with its coverage, overlapping windows adding no duplicate,
 * Daraja unreachable (a TCP relay switched off) failing a window that the next run asks again, the
 * same stretch, Pull's reach outrun by an outage reported as an operator alert, the shared rate
 * limit spacing the pages, and two workers never pulling one account at once.
 */
const silent = pino({ level: "silent" });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = new Date("2026-10-01T07:00:00Z");
const admin = { id: null, email: "admin@example.test" };

describe("ledger pull", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let relay: TcpRelay;
  let accountId: string;
  let clock = T0;
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
  /** The gateway's settings, with Daraja reached through the relay so a test can take it away. */
  let env: Env;
  let queryTimes: number[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    if (new URL(input instanceof Request ? input.url : String(input)).pathname === PULL_QUERY_PATH) queryTimes.push(performance.now());
    return fetch(input, init);
  };
  const pull = (overrides: Partial<Env> = {}) => runLedgerPull(gw.db, { env: { ...env, ...overrides }, now: () => clock, logger: silent, darajaDeps: { fetch: countingFetch } });
  const payC2b = async (billRefNumber: string, amount: number) => {
    const res = await fetch(`${gw.sim.url}/__sim/c2b/pay`, { method: "POST", body: JSON.stringify({ shortcode: SANDBOX_SHORTCODE, amount, billRefNumber, msisdn: "254712345126" }) });
    expect(res.status).toBe(200);
    return String(((await res.json()) as { receipt: string }).receipt);
  };
  const windows = () => gw.db.ledgerPullWindow.findMany({ where: { collectionAccountId: accountId }, orderBy: { id: "asc" } });
  const pullLines = () => gw.db.ledgerLine.findMany({ where: { collectionAccountId: accountId }, orderBy: { receipt: "asc" } });

  beforeAll(async () => {
    gw = await startGateway({ jobs: [], simulator: { now: () => clock, pullPageSize: 2 } });
    relay = await startTcpRelay({ host: "127.0.0.1", port: gw.sim.port });
    env = { ...gw.env, daraja: { ...gw.env.daraja, test: { ...gw.env.daraja.test!, baseUrl: relay.url } } };
    shop = await gw.createStorefront();
  });
  afterAll(async () => {
    await relay?.close();
    await gw?.close();
  });

  it("registers an account for Pull Transactions, audited, once it has a nominated number", async () => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 250, phone: "254712345678", reference: "STK-PULL-1" } });
    expect(res.status).toBe(201);
    accountId = (await gw.db.payment.findUniqueOrThrow({ where: { id: String(res.body.id) } })).collectionAccountId!;
    await expect(registerAccountPull(gw.db, env, { accountId, actor: admin, reason: "Pull set-up" })).rejects.toMatchObject({ code: "validation_failed", param: "nominatedNumber" });
    await expect(registerAccountPull(gw.db, env, { accountId, actor: admin, reason: "Pull set-up", nominatedNumber: "0708374149" })).rejects.toBeInstanceOf(AppError);
    expect(await gw.db.auditLog.count({ where: { action: "collection_account.pull_register" } })).toBe(0);

    const registered = await registerAccountPull(gw.db, env, { accountId, actor: admin, reason: "Pull set-up", nominatedNumber: "254708374149" });
    expect(registered).toMatchObject({ pullRegisteredBy: admin.email, pullNominatedNumber: "254708374149" });
    expect(registered.pullRegisteredAt).not.toBeNull();
    // Again: Daraja answers "already registered", which is a registration too; the number is remembered.
    await registerAccountPull(gw.db, env, { accountId, actor: admin, reason: "Checking it again" });
    const audits = await gw.db.auditLog.findMany({ where: { action: "collection_account.pull_register", entityId: accountId }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.reason, a.after])).toEqual([
      ["Pull set-up", expect.objectContaining({ environment: "simulator", shortCode: SANDBOX_SHORTCODE, nominatedNumber: "2547****149", result: "registered", alreadyRegistered: false })],
      ["Checking it again", expect.objectContaining({ result: "registered", alreadyRegistered: true })],
    ]);
  });

  it("brings the STK and C2B payments M-Pesa holds into the ledger as pull lines, and covers the window", async () => {
    const stk = await eventually(() => gw.sim.transactions().find((t) => t.billRef === "STK-PULL-1"));
    const c2b = await payC2b("INV-77", 1200);
    advance(5 * MINUTE);
    expect(await pull()).toMatchObject({ accounts: 1, complete: 1, failed: 0 });
    const [window] = await windows();
    expect(window).toMatchObject({ status: "COMPLETE", attempts: 1, lines: 2, newLines: 2, pages: 2, error: null });
    expect(window!.toTime).toEqual(clock);
    expect(window!.fromTime).toEqual(new Date(clock.getTime() - 2 * HOUR));
    const lines = await pullLines();
    expect(lines.map((l) => l.receipt).sort()).toEqual([stk.receipt, c2b].sort());
    for (const line of lines) expect(line).toMatchObject({ sources: ["pull"], matchStatus: "PENDING", mode: "TEST", currency: "KES", shortcode: SANDBOX_SHORTCODE, direction: "IN" });
    expect(lines.find((l) => l.receipt === c2b)).toMatchObject({ amountMinor: 120000, accountReference: "INV-77" });
    expect(await gw.db.ledgerCoverage.findMany({ where: { collectionAccountId: accountId } })).toEqual([
      expect.objectContaining({ source: "pull", reference: String(window!.id), fromTime: window!.fromTime, toTime: window!.toTime }),
    ]);
  });

  it("waits for the interval, then asks an overlapping window that adds no duplicate line", async () => {
    advance(10 * MINUTE);
    expect(await pull()).toMatchObject({ complete: 0, failed: 0 });
    expect(await windows()).toHaveLength(1);
    advance(5 * MINUTE);
    expect(await pull()).toMatchObject({ complete: 1 });
    const [first, second] = await windows();
    expect(second!.fromTime.getTime()).toBe(first!.toTime.getTime() - HOUR);
    expect(second).toMatchObject({ status: "COMPLETE", lines: 2, newLines: 0 });
    expect(await pullLines()).toHaveLength(2);
  });

  it("fails a window while Daraja is unreachable and asks the same window again, with backoff, until it is filled", async () => {
    const receipt = await payC2b("INV-78", 300);
    advance(15 * MINUTE);
    await relay.stop();
    expect(await pull()).toMatchObject({ complete: 0, failed: 1 });
    const failed = (await windows()).at(-1)!;
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(failed.error).toMatch(/\S/);
    expect(failed.nextAttemptAt).toEqual(new Date(clock.getTime() + MINUTE));

    // Before its backoff: not asked, and no new window in its place.
    advance(30_000);
    await relay.start();
    expect(await pull()).toMatchObject({ complete: 0, failed: 0 });
    expect(await gw.db.ledgerPullWindow.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "FAILED", attempts: 1 });

    advance(31_000);
    expect(await pull()).toMatchObject({ complete: 1, failed: 0 });
    const all = await windows();
    expect(all.at(-1)!.id).toBe(failed.id);
    expect(all.at(-1)).toMatchObject({ status: "COMPLETE", attempts: 2, fromTime: failed.fromTime, toTime: failed.toTime, error: null, newLines: 1 });
    expect((await pullLines()).map((l) => l.receipt)).toContain(receipt);
    expect(await gw.db.ledgerCoverage.count({ where: { collectionAccountId: accountId, reference: String(failed.id) } })).toBe(1);
  });

  it("spaces the pages by the shared Daraja query rate", async () => {
    for (let i = 0; i < 5; i++) await payC2b(`RATE-${i}`, 10 + i);
    advance(15 * MINUTE);
    queryTimes = [];
    const rate = 2;
    // Earlier runs used the default rate on the same key, until this second at most: look only at the seconds after it.
    const since = new Date(Math.floor(Date.now() / 1000) * 1000);
    expect(await pull({ payments: { ...env.payments, queryRatePerSecond: rate } })).toMatchObject({ complete: 1 });
    const window = (await windows()).at(-1)!;
    // The window reaches an hour back over the last: all 8 lines so far, 2 a page: 4 pages and an empty one, each asked once.
    expect(window).toMatchObject({ status: "COMPLETE", lines: 8, pages: 5 });
    expect(queryTimes).toHaveLength(5);
    // Slots 1/rate apart: five requests span about 4 intervals. One is allowed away: a request may leave
    // late for its slot on a busy machine (the first one most of all), never early.
    expect(queryTimes.at(-1)! - queryTimes[0]!).toBeGreaterThanOrEqual(((queryTimes.length - 2) * 1000) / rate);
    const seconds = await gw.db.rateLimitWindow.findMany({ where: { key: queryRateKey(SANDBOX_SHORTCODE), windowStart: { gt: since } } });
    expect(seconds.length).toBeGreaterThan(0);
    for (const second of seconds) expect(second.count).toBeLessThanOrEqual(rate);
  });

  it("never lets two workers pull one account at once", async () => {
    advance(15 * MINUTE);
    const before = (await windows()).length;
    const [a, b] = await Promise.all([pull(), pull()]);
    expect(a.complete + b.complete).toBe(1);
    expect(await windows()).toHaveLength(before + 1);
  });

  it("reports a stretch an outage let fall out of Pull's reach as an operator alert, until a statement covers it", async () => {
    const newestEnd = (await windows()).at(-1)!.toTime;
    advance(50 * HOUR);
    expect(await pull()).toMatchObject({ complete: 1, gaps: 1 });
    const gap = (await windows()).find((w) => w.status === "UNREACHABLE")!;
    expect(gap.fromTime).toEqual(newestEnd);
    const alert = await gw.db.operatorAlert.findUniqueOrThrow({ where: { key: pullGapAlertKey(accountId) } });
    expect(alert).toMatchObject({ kind: "ledger_pull_gap", mode: "TEST", resolvedAt: null });
    expect(alert.message).toContain("statement");

    await gw.db.ledgerCoverage.create({ data: { collectionAccountId: accountId, source: "statement", fromTime: new Date(gap.fromTime.getTime() - HOUR), toTime: gap.toTime, reference: "stmt-1", createdAt: clock } });
    advance(15 * MINUTE);
    expect(await pull()).toMatchObject({ gaps: 0 });
    expect((await gw.db.operatorAlert.findUniqueOrThrow({ where: { key: pullGapAlertKey(accountId) } })).resolvedAt).not.toBeNull();
  });

  it("asks what Pull can still reach of a failed window whose start fell out of reach; a lost part an earlier window covers is no gap", async () => {
    advance(15 * MINUTE);
    await relay.stop();
    expect(await pull()).toMatchObject({ failed: 1 });
    const failed = (await windows()).at(-1)!;
    await relay.start();
    advance(47 * HOUR);
    expect(await pull()).toMatchObject({ complete: 2, failed: 0, gaps: 0 });
    const asked = await gw.db.ledgerPullWindow.findUniqueOrThrow({ where: { id: failed.id } });
    expect(asked).toMatchObject({ status: "COMPLETE", toTime: failed.toTime });
    expect(asked.fromTime.getTime()).toBeGreaterThan(failed.fromTime.getTime());
    const lost = await gw.db.ledgerPullWindow.findFirstOrThrow({ where: { collectionAccountId: accountId, status: "UNREACHABLE", fromTime: failed.fromTime } });
    expect(lost.toTime).toEqual(asked.fromTime);
    // The lost part lies inside the window before it, which completed: no gap, and the alert stays resolved.
    expect((await gw.db.operatorAlert.findUniqueOrThrow({ where: { key: pullGapAlertKey(accountId) } })).resolvedAt).not.toBeNull();
  });
});
