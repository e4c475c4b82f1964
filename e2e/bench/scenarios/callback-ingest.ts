import { once } from "node:events";
import { freePort } from "@/lib/testing/free-port";
import type { Scenario } from "../context";
import { createBenchStorefront, insertPendingPayments, successCallbackTemplate } from "../fixtures";
import { runLoad } from "../load";
import { scrapeMetric } from "../scrape-metrics";
import { median, round } from "../stats";
import { stopChild } from "../stack";
import { verdict } from "../targets";

/**
 * Scenario 1: callbacks acknowledged at a fixed rate (latency, errors), then the ceiling in
 * callbacks/s against a bare Node server doing one INSERT per request into the same database.
 */
export const callbackIngest: Scenario = {
  name: "ingest",
  title: "Callback ingest",
  async run({ stack, smoke, log, figure }) {
    const { storefrontId } = await createBenchStorefront(stack.db);
    const payments = await insertPendingPayments(stack.db, storefrontId, smoke ? 50 : 6000, "ing");
    const rate = smoke ? 20 : 200;
    const duration = smoke ? 2 : 30;
    const body = successCallbackTemplate("ing");
    log(`fixed rate: ${rate}/s for ${duration}s`);
    // A callback is acknowledged 200 when stored, or spooled when PostgreSQL is slower than
    // CALLBACK_DB_TIMEOUT_MS (a loaded machine): /metrics counts both outcomes.
    const acknowledgedOutcomes = [{ outcome: "accepted" }, { outcome: "spooled" }];
    const countedBefore = await scrapeMetric(stack.webUrl, "malipo_callback_ack_seconds_count", acknowledgedOutcomes);
    const fixed = await runLoad({ url: stack.webUrl, paths: payments.map((p) => p.callbackPath), body, connections: 20, duration, pacedRate: rate });
    // /metrics counts every acknowledgement the load generator saw (and any it gave up waiting for).
    const counted = (await scrapeMetric(stack.webUrl, "malipo_callback_ack_seconds_count", acknowledgedOutcomes)) - countedBefore;
    const acknowledged = fixed.statusCodes["200"]?.count ?? 0;
    figure({ metric: "callbacks counted by /metrics", value: counted, unit: `of ${acknowledged} acknowledged`, target: "all", met: acknowledged > 0 && counted >= acknowledged });
    const failures = fixed.errors + fixed.timeouts + fixed.non2xx;
    figure({ metric: `ack latency p50 at ${rate}/s`, value: fixed.latency.p50, unit: "ms" });
    figure({ metric: `ack latency p99 at ${rate}/s`, value: fixed.latency.p99, unit: "ms", ...verdict("ackP99", fixed.latency.p99) });
    figure({ metric: "errors (non-2xx, timeouts, resets)", value: failures, unit: `of ${fixed.requests}`, ...verdict("ackErrors", failures) });

    const baselinePort = await freePort();
    const baseline = stack.spawnWithEnv(["e2e/bench/baselines/bare-insert-server.ts"], { BASELINE_PORT: String(baselinePort) });
    baseline.stdout?.setEncoding("utf8");
    await new Promise((r) => setTimeout(r, 1500));
    if (baseline.exitCode !== null) throw new Error("the baseline server did not start");
    const ratios: number[] = [];
    const seconds = smoke ? 1 : 8;
    for (let round_ = 0; round_ < (smoke ? 1 : 3); round_++) {
      const ours = await runLoad({ url: stack.webUrl, paths: payments.map((p) => p.callbackPath), body, connections: 50, duration: seconds });
      const bare = await runLoad({ url: `http://127.0.0.1:${baselinePort}`, paths: payments.map((p) => p.callbackPath), body, connections: 50, duration: seconds });
      log(`ceiling round ${round_ + 1}: Malipo ${round(ours.rps)}/s, bare INSERT server ${round(bare.rps)}/s`);
      ratios.push(ours.rps / bare.rps);
      figure({ metric: `ceiling round ${round_ + 1}`, value: ours.rps, unit: "callbacks/s", note: `baseline ${round(bare.rps)}/s` });
    }
    baseline.kill("SIGTERM");
    await Promise.race([once(baseline, "exit"), stopChild(baseline)]);
    const ratio = median(ratios);
    figure({ metric: "ceiling vs bare INSERT server (median ratio)", value: ratio, unit: "×", ...verdict("ingestRatio", ratio) });
  },
};
