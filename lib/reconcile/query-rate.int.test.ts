import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { reconcilePaymentJob } from "@/lib/reconcile/reconcile-payment-job";
import { startWorker, type WorkerRuntime } from "@/lib/jobs/runtime";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { queryRateKey, reserveQuerySlot } from "@/lib/rate-limit/query-slots";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * The shared STK query rate under a backlog: two workers (two pg-boss runtimes on the one database)
 * drain 24 payments that all fall due within about a second, and the simulator's record of every
 * query shows the rate held (in any one-second window, and spaced rather than bunched), oldest
 * payment first, with HTTP 500 500.001.1001 "still processing" answers leaving every payment pending.
 * Each worker runs the reconcile queue with its usual concurrency, so far more handlers than the
 * rate allows compete for slots.
 */

const RATE = 4;
const PAYMENTS = 24;

describe("the STK query rate limit", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let second: WorkerRuntime;

  beforeAll(async () => {
    gw = await startGateway({
      env: {
        QUERY_RATE_PER_SECOND: String(RATE), RECONCILE_AFTER_SECONDS: "2", RECONCILE_MAX_INTERVAL_SECONDS: "4",
        PAYMENT_EXPIRY_SECONDS: "300", SWEEP_INTERVAL_SECONDS: "60",
      },
      simulator: { pendingStyle: "500" },
      jobs: [reconcilePaymentJob],
    });
    second = await startWorker({ env: gw.env, db: createPrisma(gw.env.database.url, 4), definitions: [reconcilePaymentJob], heartbeatMs: 60_000 });
    shop = await gw.createStorefront("Backlog shop");
  });
  afterAll(async () => {
    await second?.stop(2000).catch(() => undefined);
    await gw?.close();
  });

  it("drains a backlog oldest first without ever exceeding the rate per shortcode", async () => {
    const ids: string[] = [];
    for (let i = 0; i < PAYMENTS; i++) {
      const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 10 + i, phone: scenarioPhone("pending-forever"), reference: `BL-${i}` } });
      expect(res.status).toBe(201);
      ids.push(String(res.body.id));
    }
    const rows = await gw.db.payment.findMany({ where: { id: { in: ids } } });
    const checkoutOf = new Map(rows.map((r) => [r.checkoutRequestId!, ids.indexOf(r.id)]));
    const asked = () => gw.sim.pushes().filter((p) => checkoutOf.has(p.checkoutRequestId))
      .flatMap((p) => p.queries.map((q, n) => ({ index: checkoutOf.get(p.checkoutRequestId)!, at: Date.parse(q.at), first: n === 0 })));
    await eventually(() => asked().filter((q) => q.first).length === PAYMENTS, 30_000);
    // Every query so far, including second rounds (the backoff starts at RECONCILE_AFTER_SECONDS).
    const queries = asked();
    const firsts = queries.filter((q) => q.first);
    expect(new Set(firsts.map((q) => q.index)).size).toBe(PAYMENTS);

    const times = queries.map((q) => q.at).sort((a, b) => a - b);
    // At most RATE queries in any one-second window (one more is allowed for delivery jitter across a slot boundary)…
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(RATE + 1);
    // …spaced about 1/RATE apart rather than sent in bursts…
    const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
    expect(gaps[Math.floor(gaps.length / 2)]!).toBeGreaterThanOrEqual(0.8 * (1000 / RATE));
    // …so the backlog took at least as long as the rate allows.
    const firstTimes = firsts.map((q) => q.at).sort((a, b) => a - b);
    expect(firstTimes.at(-1)! - firstTimes[0]!).toBeGreaterThanOrEqual(((PAYMENTS - 1) * 1000) / RATE - 100);

    // Oldest first: each payment was first asked within one place of its rank by age.
    const order = [...firsts].sort((a, b) => a.at - b.at).map((q) => q.index);
    order.forEach((index, position) => expect(Math.abs(index - position), `payment ${index} asked ${position + 1}th`).toBeLessThanOrEqual(1));

    // "Still processing" as HTTP 500 500.001.1001 never failed anything, and every query is on a timeline.
    // (The simulator records a query before it answers: wait for the last answers to be applied.)
    const after = await eventually(async () => {
      const rows = await gw.db.payment.findMany({ where: { id: { in: ids } } });
      return rows.every((p) => p.queryCount >= 1) && rows;
    });
    expect(after.map((p) => p.status)).toEqual(after.map(() => "PENDING"));
    const events = await gw.db.paymentEvent.findMany({ where: { paymentId: { in: ids }, type: "query" } });
    expect(events.length).toBeGreaterThanOrEqual(PAYMENTS);
    expect(events.every((e) => (e.data as { answer: string }).answer === "pending")).toBe(true);
  });

  it("hands every concurrent reservation its own slot, 1/rate apart", async () => {
    const key = queryRateKey("slot-test");
    const now = new Date(Math.ceil(Date.now() / 1000) * 1000 + 5000);
    const slots = await Promise.all(Array.from({ length: 2 * RATE + 3 }, () => reserveQuerySlot(gw.db, { key, ratePerSecond: RATE, now, horizonMs: 2000 })));
    const taken = slots.filter((s): s is Date => s !== null).map((s) => s.getTime() - now.getTime()).sort((a, b) => a - b);
    // The slots from now to the 2 s horizon, both ends included, and no more.
    expect(taken).toEqual(Array.from({ length: 2 * RATE + 1 }, (_, i) => i * (1000 / RATE)));
    expect(slots.filter((s) => s === null)).toHaveLength(2);
    // The counters say the same: nothing past the horizon was reserved.
    const windows = await gw.db.rateLimitWindow.findMany({ where: { key }, orderBy: { windowStart: "asc" } });
    expect(windows.map((w) => w.count)).toEqual([RATE, RATE, 1]);
  });
});
