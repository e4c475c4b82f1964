import { parsePrometheusText, sampleValue } from "@/lib/testing/prometheus-text";
import { BENCH_METRICS_TOKEN } from "./stack";

/**
 * One scrape of the web process's /metrics, parsed strictly: the sum of the named series over
 * the given label sets (a series without a sample yet counts 0).
 */
export async function scrapeMetric(webUrl: string, name: string, labelSets: Record<string, string>[] = [{}]): Promise<number> {
  const res = await fetch(`${webUrl}/metrics`, { headers: { Authorization: `Bearer ${BENCH_METRICS_TOKEN}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const families = parsePrometheusText(await res.text());
  return labelSets.reduce((sum, labels) => sum + (sampleValue(families, name, labels) ?? 0), 0);
}
