import { SANDBOX_PASSKEY, SIMULATOR_CONSUMER_KEY, SIMULATOR_CONSUMER_SECRET } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { freePort } from "@/lib/testing/free-port";
import type { Scenario } from "../context";
import { createBenchStorefront } from "../fixtures";
import { runLoad } from "../load";
import { scrapeHistogram } from "../scrape-metrics";
import { median, quantileBetween, round } from "../stats";
import { stopChild } from "../stack";
import { verdict } from "../targets";

/**
 * Scenario 3: POST /api/v1/payments against the zero-delay simulator, side by side with the naive
 * tutorial route (a fresh OAuth token per push, then the push), which does far less; Malipo's own
 * time per create at 50/s; then both again with Daraja's real latency, where a token per push costs.
 */
export const paymentCreation: Scenario = {
  name: "create",
  title: "Payment creation",
  async run({ stack, smoke, log, figure }) {
    const { apiKey } = await createBenchStorefront(stack.db);
    const body = JSON.stringify({ amount: 10, phone: "0708374149", reference: "BENCH{{i}}".slice(0, 12), description: "Bench" });
    const port = await freePort();
    const naive = stack.spawnWithEnv(["e2e/bench/baselines/naive-tutorial-server.ts"], {
      BASELINE_PORT: String(port), BASELINE_DARAJA_URL: stack.simulatorUrl, BASELINE_PASSKEY: SANDBOX_PASSKEY,
      BASELINE_CONSUMER_KEY: SIMULATOR_CONSUMER_KEY, BASELINE_CONSUMER_SECRET: SIMULATOR_CONSUMER_SECRET,
    });
    await new Promise((r) => setTimeout(r, 2000));
    if (naive.exitCode !== null) throw new Error("the naive tutorial server did not start");
    const seconds = smoke ? 1 : 8;
    // Malipo's own time per create (the request's time minus its M-Pesa calls, from the web
    // process's histogram) at a steady 50/s, as gateways measure their overhead; and at 10/s, which
    // this machine sustains beside its worker and database, so the figure is the work, not a queue.
    // First, on a quiet stack: after the throughput rounds the worker spends a while on their
    // callbacks and status queries, on the same two cores, and the figure would be theirs.
    for (const rate of [10, 50] as const) {
      await workerCaughtUp(stack.db, log);
      const ownBefore = await scrapeHistogram(stack.webUrl, "malipo_api_own_seconds", { route: "payments.create" });
      const steady = await runLoad({
        url: `${stack.webUrl}/api/v1/payments`, headers: { authorization: `Bearer ${apiKey}` }, uniqueHeader: "idempotency-key",
        body, connections: 10, duration: seconds, pacedRate: rate,
      });
      const ownAfter = await scrapeHistogram(stack.webUrl, "malipo_api_own_seconds", { route: "payments.create" });
      for (const [label, q, target] of [["p50", 0.5, "ownTimeP50"], ["p99", 0.99, "ownTimeP99"]] as const) {
        const observed = quantileBetween(ownBefore, ownAfter, q);
        const ms = observed === null ? 0 : observed * 1000;
        const note = observed === null ? "nothing was measured" : `${steady.requests} requests (${round(steady.rps)}/s reached), end-to-end p50 ${round(steady.latency.p50)} ms`;
        // The target is stated at 50/s; the 10/s figure is for reading it.
        figure({ metric: `Malipo's own time per create at ${rate}/s, ${label}`, value: ms, unit: "ms", note, ...(rate === 50 ? verdict(target, ms, observed !== null) : {}) });
        log(`own time at ${rate}/s: ${label} ${observed === null ? "not measured" : `${round(ms, 1)} ms`}`);
      }
    }

    const ratios: number[] = [];
    for (let i = 0; i < (smoke ? 1 : 3); i++) {
      const ours = await runLoad({
        url: `${stack.webUrl}/api/v1/payments`, headers: { authorization: `Bearer ${apiKey}` }, uniqueHeader: "idempotency-key",
        body, connections: 10, duration: seconds,
      });
      const theirs = await runLoad({
        url: `http://127.0.0.1:${port}/stkpush`,
        body: JSON.stringify({ amount: 10, phone: "254708374149", reference: "BENCH" }), connections: 10, duration: seconds,
      });
      const failures = ours.errors + ours.timeouts + ours.non2xx;
      log(`round ${i + 1}: Malipo ${round(ours.rps)}/s (p50 ${ours.latency.p50} ms, p99 ${ours.latency.p99} ms, ${failures} failed), naive ${round(theirs.rps)}/s`);
      figure({ metric: `round ${i + 1} throughput`, value: ours.rps, unit: "payments/s", note: `p50 ${ours.latency.p50} ms, p99 ${ours.latency.p99} ms, naive ${round(theirs.rps)}/s, ${failures} failed` });
      ratios.push(ours.rps / theirs.rps);
    }
    const ratio = median(ratios);
    figure({ metric: "throughput vs naive tutorial route (median ratio)", value: ratio, unit: "×", ...verdict("creationRatio", ratio) });

    // Daraja as it answers from Nairobi: a token ~250 ms, a push ~600 ms. The naive route pays for
    // a token on every push; Malipo keeps one per app until it expires.
    const latency = (body: object) => fetch(`${stack.simulatorUrl}/__sim/latency`, { method: "POST", body: JSON.stringify(body) });
    await latency(REALISTIC_LATENCY);
    try {
      const ours = await runLoad({
        url: `${stack.webUrl}/api/v1/payments`, headers: { authorization: `Bearer ${apiKey}` }, uniqueHeader: "idempotency-key",
        body, connections: 50, duration: seconds,
      });
      const theirs = await runLoad({
        url: `http://127.0.0.1:${port}/stkpush`,
        body: JSON.stringify({ amount: 10, phone: "254708374149", reference: "BENCH" }), connections: 50, duration: seconds,
      });
      const slow = theirs.rps > 0 ? ours.rps / theirs.rps : 0;
      log(`realistic latency: Malipo ${round(ours.rps)}/s (p50 ${ours.latency.p50} ms), naive ${round(theirs.rps)}/s (p50 ${theirs.latency.p50} ms)`);
      figure({
        metric: "throughput vs naive route, realistic Daraja latency (OAuth 250 ms, push 600 ms)", value: slow, unit: "×", ...verdict("creationRatioRealistic", slow, theirs.rps > 0),
        // Closed loop with equal connections: at best 850 ms / (600 ms + own time), about 1.4×.
        note: `Malipo p50 ${ours.latency.p50} ms, naive p50 ${theirs.latency.p50} ms, ${ours.errors + ours.timeouts + ours.non2xx} failed; closed loop, ceiling ≈ 850/(600 + own) ms`,
      });
    } finally {
      await latency({ oauthMs: 0, pushMs: 0, queryMs: 0 });
      await stopChild(naive);
    }
  },
};

/** Waits (up to a minute) until the worker has applied every stored callback. */
async function workerCaughtUp(db: PrismaClient, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await db.$queryRaw<{ waiting: number }[]>`SELECT count(*)::int AS waiting FROM callback_logs WHERE outcome = 'RECEIVED'`;
    const waiting = row?.waiting ?? 0;
    if (waiting === 0) return;
    if (Date.now() > deadline) return log(`the worker still had ${waiting} callbacks to apply after a minute`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What Daraja's sandbox takes from Nairobi, roughly: configurable on the simulator (POST /__sim/latency). */
const REALISTIC_LATENCY = { oauthMs: 250, pushMs: 600, queryMs: 300 };
