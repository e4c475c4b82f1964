// One CSV export in its own process, so its peak memory (VmHWM) is the export's alone. Prints
// { rows, bytes, ms, peakMiB } as JSON.
import { readFile } from "node:fs/promises";
import { createPrisma } from "@/lib/db/client";
import { filterOf } from "@/lib/payments/payment-filter";
import { parsePaymentSearch } from "@/lib/dashboard/payment-search-params";
import { streamPaymentsCsv } from "@/lib/payments/stream-payments-csv";

const { databaseUrl, params } = JSON.parse(process.argv[2] ?? "{}") as { databaseUrl: string; params: Record<string, string> };
const db = createPrisma(databaseUrl, 2);
const started = performance.now();
let bytes = 0;
let newlines = 0;
const reader = streamPaymentsCsv(db, { filter: filterOf(parsePaymentSearch(params)), mode: "live" }).getReader();
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
  for (const byte of value) if (byte === 10) newlines++;
}
const ms = performance.now() - started;
const status = await readFile("/proc/self/status", "utf8");
const peakMiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
await db.$disconnect();
// One header line; values never contain raw newlines in our columns.
process.stdout.write(JSON.stringify({ rows: newlines - 1, bytes, ms, peakMiB }));
