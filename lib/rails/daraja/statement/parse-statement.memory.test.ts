import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { parseStatement } from "./parse-statement";
import { LAYOUT_A } from "./statement.fixtures";

/**
 * A 50 MB export, generated chunk by chunk so the test itself holds none of it, must be read with
 * flat memory: what stays reachable after a full garbage collection may not grow while the lines
 * pass. Collecting before each sample makes the figure the memory held, not garbage not yet swept.
 */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const TARGET_BYTES = 50 * 1024 * 1024;
const HEADER = LAYOUT_A.split("\r\n").slice(0, 7).join("\r\n") + "\r\n";

function* generatedExport(): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let sent = 0;
  let n = 0;
  yield encoder.encode(`\uFEFF${HEADER}`);
  while (sent < TARGET_BYTES) {
    const rows: string[] = [];
    for (let i = 0; i < 500; i++, n++) {
      const receipt = `UJ1${String(n).padStart(7, "0")}`;
      const bad = n % 997 === 0; // a rejected line now and then: the report stays bounded too
      rows.push(`${receipt},${bad ? "99-99-2026 00:00:00" : "01-10-2026 09:12:40"},01-10-2026 09:12:31,"Pay Bill from 2547****415 - PETER **** OTIENO Acc. INV${n}",Completed,1500.00,,11500.00,true,Pay Utility,2547****415 - PETER **** OTIENO,,INV${n}`);
    }
    const chunk = encoder.encode(rows.join("\r\n") + "\r\n");
    sent += chunk.length;
    yield chunk;
  }
}

describe("parseStatement on a 50 MB export", () => {
  it("reads every line with flat memory and a bounded report", async () => {
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let seen = 0;
    const report = await parseStatement(generatedExport(), {
      maxIssuesKept: 100,
      onLine: () => {
        if (++seen % 25_000 !== 0) return;
        collectGarbage();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      },
    });
    if (!report.ok) throw new Error(report.error);
    expect(report.lines + report.rejected).toBeGreaterThan(250_000);
    expect(report.rejected).toBeGreaterThan(250);
    expect(report.rejections).toHaveLength(100);
    expect(seen).toBe(report.lines);
    // Holding the file would keep more than 50 MB of strings; reading it keeps a few lines and the capped report.
    expect(peak).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);
});
