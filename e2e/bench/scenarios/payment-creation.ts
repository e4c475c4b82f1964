import { SANDBOX_PASSKEY, SIMULATOR_CONSUMER_KEY, SIMULATOR_CONSUMER_SECRET } from "@/lib/env";
import { freePort } from "@/lib/testing/free-port";
import type { Scenario } from "../context";
import { createBenchStorefront } from "../fixtures";
import { runLoad } from "../load";
import { median, round } from "../stats";
import { stopChild } from "../stack";
import { verdict } from "../targets";

/**
 * Scenario 3: POST /api/v1/payments against the zero-delay simulator, side by side with the naive
 * tutorial route (a fresh OAuth token per push, then the push), which does far less.
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
    await stopChild(naive);
    const ratio = median(ratios);
    figure({ metric: "throughput vs naive tutorial route (median ratio)", value: ratio, unit: "×", ...verdict("creationRatio", ratio) });
  },
};
