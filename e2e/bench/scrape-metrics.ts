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

/** A histogram's cumulative buckets (upper bound → count) at one scrape, for the given labels. */
export async function scrapeHistogram(webUrl: string, name: string, labels: Record<string, string>): Promise<Map<number, number>> {
  const res = await fetch(`${webUrl}/metrics`, { headers: { Authorization: `Bearer ${BENCH_METRICS_TOKEN}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const family = parsePrometheusText(await res.text()).get(name);
  const buckets = new Map<number, number>();
  for (const s of family?.samples ?? []) {
    if (s.name !== `${name}_bucket` || !Object.entries(labels).every(([k, v]) => s.labels[k] === v)) continue;
    buckets.set(s.labels.le === "+Inf" ? Infinity : Number(s.labels.le), s.value);
  }
  return buckets;
}

