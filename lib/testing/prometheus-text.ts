/**
 * A strict reader of Prometheus's text exposition format (version 0.0.4), for tests: it throws on
 * anything a Prometheus server would refuse — a malformed line, a bad name or escape, a family
 * split in two, a TYPE after its samples, a series given twice, a histogram whose buckets shrink
 * or whose +Inf bucket differs from its count. The lenient parsers on npm accept garbage, which is
 * no use for "the output parses".
 */

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string | null;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set<MetricType>(["counter", "gauge", "histogram", "summary", "untyped"]);
const SUFFIXES: Record<MetricType, string[]> = { counter: [""], gauge: [""], untyped: [""], histogram: ["_bucket", "_sum", "_count"], summary: ["", "_sum", "_count"] };

export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const finished = new Set<string>();
  const series = new Set<string>();
  let current: MetricFamily | null = null;
  const family = (name: string, line: number): MetricFamily => {
    if (current?.name === name) return current;
    if (finished.has(name) || families.has(name)) throw new Error(`line ${line}: the lines of ${name} are not one group`);
    if (current) finished.add(current.name);
    current = { name, type: "untyped", help: null, samples: [] };
    families.set(name, current);
    return current;
  };

  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const meta = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(raw);
    if (meta) {
      const [, kind, name, rest = ""] = meta;
      if (METRIC_NAME.exec(name!)?.[0] !== name) throw new Error(`line ${line}: bad metric name ${name}`);
      const f = family(name!, line);
      if (kind === "HELP") {
        if (f.help !== null) throw new Error(`line ${line}: second HELP for ${name}`);
        f.help = unescape(rest, false, line);
      } else {
        if (f.samples.length > 0 || f.type !== "untyped") throw new Error(`line ${line}: TYPE of ${name} after its samples or twice`);
        if (!TYPES.has(rest.trim() as MetricType)) throw new Error(`line ${line}: unknown type ${rest}`);
        f.type = rest.trim() as MetricType;
      }
      return;
    }
    if (raw.startsWith("#")) return;
    const sample = parseSample(raw, line);
    const owner = current && SUFFIXES[current.type].some((s) => sample.name === current!.name + s) ? current : family(sample.name, line);
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (series.has(key)) throw new Error(`line ${line}: series ${key} given twice`);
    series.add(key);
    if (owner.type === "histogram" && sample.name.endsWith("_bucket") && !("le" in sample.labels)) throw new Error(`line ${line}: bucket without le`);
    owner.samples.push(sample);
  });
  for (const f of families.values()) if (f.type === "histogram") checkHistogram(f);
  return families;
}

/** The value of one series, or undefined when it is not there. */
export function sampleValue(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const f of families.values()) {
    const found = f.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    if (found) return found.value;
  }
  return undefined;
}

function parseSample(raw: string, line: number): Sample {
  const name = METRIC_NAME.exec(raw)?.[0];
  if (!name) throw new Error(`line ${line}: not a sample: ${raw}`);
  let rest = raw.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith("{")) {
    rest = rest.slice(1);
    while (!rest.startsWith("}")) {
      const label = LABEL_NAME.exec(rest)?.[0];
      if (!label || rest[label.length] !== "=" || rest[label.length + 1] !== '"') throw new Error(`line ${line}: bad label in ${raw}`);
      rest = rest.slice(label.length + 2);
      const end = closingQuote(rest);
      if (end < 0) throw new Error(`line ${line}: unterminated label value in ${raw}`);
      if (label in labels) throw new Error(`line ${line}: label ${label} twice`);
      labels[label] = unescape(rest.slice(0, end), true, line);
      rest = rest.slice(end + 1);
      if (rest.startsWith(",")) rest = rest.slice(1);
      else if (!rest.startsWith("}")) throw new Error(`line ${line}: expected , or } in ${raw}`);
    }
    rest = rest.slice(1);
  }
  const parts = rest.trim().split(/\s+/);
  if (!/^\s/.test(rest) || parts.length < 1 || parts.length > 2) throw new Error(`line ${line}: expected a value (and a timestamp) in ${raw}`);
  if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new Error(`line ${line}: bad timestamp ${parts[1]}`);
  return { name, labels, value: parseValue(parts[0]!, line) };
}

// Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case (prom-client writes "Nan").
function parseValue(text: string, line: number): number {
  if (/^nan$/i.test(text)) return Number.NaN;
  if (/^\+?inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/i.test(text)) return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new Error(`line ${line}: bad value ${text}`);
  return Number(text);
}

function closingQuote(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function unescape(text: string, quoted: boolean, line: number): string {
  return text.replace(/\\(.?)/g, (_, c: string) => {
    if (c === "\\") return "\\";
    if (c === "n") return "\n";
    if (c === '"' && quoted) return '"';
    throw new Error(`line ${line}: bad escape \\${c}`);
  });
}

function checkHistogram(f: MetricFamily): void {
  const groups = new Map<string, { buckets: [number, number][]; count?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const group = groups.get(key) ?? { buckets: [] };
    groups.set(key, group);
    if (s.name.endsWith("_bucket")) group.buckets.push([parseValue(le!, 0), s.value]);
    if (s.name.endsWith("_count")) group.count = s.value;
  }
  for (const [key, { buckets, count }] of groups) {
    buckets.sort((a, b) => a[0] - b[0]);
    buckets.forEach(([, v], i) => {
      if (i > 0 && v < buckets[i - 1]![1]) throw new Error(`${f.name}${key}: buckets are not cumulative`);
    });
    const inf = buckets.at(-1);
    if (!inf || inf[0] !== Number.POSITIVE_INFINITY || inf[1] !== count) throw new Error(`${f.name}${key}: the +Inf bucket must equal the count`);
  }
}
