import { parsePrometheusText, sampleValue } from "@/lib/testing/prometheus-text";
import { BENCH_METRICS_TOKEN } from "./stack";

/** One series of the web process's /metrics, parsed strictly (0 when it has no sample yet). */
export async function scrapeMetric(webUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${webUrl}/metrics`, { headers: { Authorization: `Bearer ${BENCH_METRICS_TOKEN}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return sampleValue(parsePrometheusText(await res.text()), name, labels) ?? 0;
}
