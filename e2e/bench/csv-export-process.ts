// One CSV export in its own process, so its peak memory (VmHWM) is the export's alone. Prints
// { rows, bytes, ms, peakMiB } as JSON.
import { readFile } from "node:fs/promises";
import { filterOf } from "@/lib/payments/payment-filter";
import { parsePaymentSearch } from "@/lib/dashboard/payment-search-params";
import { streamPaymentsCsv } from "@/lib/payments/stream-payments-csv";

const { databaseUrl, params } = JSON.parse(process.argv[2] ?? "{}") as { databaseUrl: string; params: Record<string, string> };
const started = performance.now();
let bytes = 0;
let newlines = 0;
const reader = streamPaymentsCsv(databaseUrl, { filter: filterOf(parsePaymentSearch(params)), mode: "live" }).getReader();
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
  // indexOf is a native scan: counting must not be what limits the measured rate.
  const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) newlines++;
}
const ms = performance.now() - started;
const status = await readFile("/proc/self/status", "utf8");
const peakMiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
// One header line; values never contain raw newlines in our columns.
process.stdout.write(JSON.stringify({ rows: newlines - 1, bytes, ms, peakMiB }));
