import type { Scenario } from "../context";
import { waitUntil } from "../context";
import { createBenchStorefront, insertPendingPayments, successCallbackTemplate } from "../fixtures";
import { runLoad } from "../load";
import { percentile } from "../stats";
import { verdict } from "../targets";

/** Scenario 2: time from a callback being accepted to its payment being final, through the worker. */
export const callbackToFinal: Scenario = {
  name: "final",
  title: "Callback to final state",
  async run({ stack, smoke, log, figure, series }) {
    const { storefrontId } = await createBenchStorefront(stack.db);
    const duration = smoke ? 2 : 20;
    const queued = async () => Number((await stack.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = 'callbacks.process' AND state IN ('created', 'retry', 'active')`))[0]?.n ?? 0);
    const depth: { t: number; queued: number }[] = [];
    const started = Date.now();
    // The target holds at 100/s and at 200/s: one worker, the web process beside it.
    for (const rate of smoke ? [10] : [100, 200]) {
      const tag = `fin${rate}`;
      const payments = await insertPendingPayments(stack.db, storefrontId, rate * duration, tag);
      // Start from an idle worker: the ingest scenario's (or the rate before's) callbacks may still be queued.
      if (!(await waitUntil(async () => (await queued()) === 0, 180_000, 500))) throw new Error("the callback queue did not drain before the scenario");
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          depth.push({ t: Date.now() - started, queued: await queued() });
          await new Promise((r) => setTimeout(r, 500));
        }
      })();
      log(`${rate}/s for ${duration}s, one callback per payment`);
      // One connection per request slot and exactly one pass over the payments: no duplicates.
      const load = await runLoad({ url: stack.webUrl, paths: payments.map((p) => p.callbackPath), body: successCallbackTemplate(tag), connections: 10, duration, pacedRate: rate });
      const ids = payments.map((p) => p.id);
      const done = await waitUntil(async () => (await stack.db.payment.count({ where: { id: { in: ids }, status: "SUCCEEDED" } })) >= Math.min(load.requests, ids.length), 60_000);
      sampling = false;
      await sampler;
      const rows = await stack.db.$queryRawUnsafe<{ ms: number }[]>(
        `SELECT EXTRACT(EPOCH FROM (p.completed_at - c.received_at)) * 1000 AS ms
           FROM payments p JOIN LATERAL (SELECT min(received_at) AS received_at FROM callback_logs c WHERE c.payment_id = p.id) c ON true
          WHERE p.id = ANY($1::text[]) AND p.status = 'SUCCEEDED'`,
        ids,
      );
      const latencies = rows.map((r) => Number(r.ms));
      figure({ metric: `callbacks sent at ${rate}/s`, value: load.requests, unit: "", note: done ? "all applied" : "NOT all applied within 60 s" });
      figure({ metric: `callback → final p50 at ${rate}/s`, value: percentile(latencies, 50), unit: "ms" });
      figure({ metric: `callback → final p95 at ${rate}/s`, value: percentile(latencies, 95), unit: "ms", ...verdict("finalP95", percentile(latencies, 95), done) });
    }
    figure({ metric: "max queue depth", value: Math.max(0, ...depth.map((d) => d.queued)), unit: "jobs" });
    series("callbackQueueDepth", depth);
  },
};
