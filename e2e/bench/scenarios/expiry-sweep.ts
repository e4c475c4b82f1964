import { expireOverdueBatch } from "@/lib/payments/expire-overdue-payments";
import type { Scenario } from "../context";
import { createBenchStorefront } from "../fixtures";
import { percentile } from "../stats";
import { verdict } from "../targets";

const BATCH_SIZE = 1000;

/**
 * Scenario 5: 100,000 overdue payments expired by the sweep, batch by batch (each batch its own
 * short transaction), timing the whole and the longest batch, which bounds how long any row is
 * locked. The payments' deadlines lie an hour ahead in real time and the sweep is run with a clock
 * two hours ahead, so the stack's own worker never touches them.
 */
export const expirySweep: Scenario = {
  name: "sweep",
  title: "Expiry sweep",
  async run({ stack, smoke, log, figure }) {
    const count = smoke ? 2_000 : 100_000;
    const { storefrontId } = await createBenchStorefront(stack.db);
    await stack.db.$executeRawUnsafe(
      `INSERT INTO payments (id, storefront_id, mode, status, amount, phone, reference, checkout_request_id, merchant_request_id,
                             accepted_at, expires_at, last_queried_at, updated_at)
       SELECT 'pay_sweep' || lpad(g::text, 9, '0'), $1, 'LIVE', 'PENDING', 100, '254708374149', 'SWEEP' || g,
              'ws_CO_sweep_' || g, 'sweep-' || g, now(), now() + interval '1 hour', now() + interval '1 hour', now()
         FROM generate_series(1, $2::int) AS g`,
      storefrontId, count,
    );
    await stack.db.$executeRawUnsafe(`ANALYZE payments`);
    const now = new Date(Date.now() + 2 * 3600 * 1000);
    const batchMs: number[] = [];
    let expired = 0;
    const started = performance.now();
    for (;;) {
      const t = performance.now();
      const n = await expireOverdueBatch(stack.db, { now, batchSize: BATCH_SIZE, lastQuery: true });
      batchMs.push(performance.now() - t);
      expired += n;
      if (n < BATCH_SIZE) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const left = await stack.db.payment.count({ where: { storefrontId, status: "PENDING" } });
    if (expired !== count || left !== 0) throw new Error(`the sweep expired ${expired} of ${count} (${left} left pending)`);
    log(`${expired.toLocaleString("en-US")} expired in ${seconds.toFixed(1)} s, ${batchMs.length} batches`);
    figure({ metric: `${count.toLocaleString("en-US")} overdue payments expired`, value: seconds, unit: "s", ...verdict("sweepSeconds", seconds), note: `${batchMs.length} batches of ${BATCH_SIZE}` });
    figure({ metric: "longest batch (rows locked at most this long)", value: Math.max(...batchMs), unit: "ms", note: `median ${percentile(batchMs, 50).toFixed(0)} ms` });
  },
};
