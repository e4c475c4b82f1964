import { spawn } from "node:child_process";
import path from "node:path";

export interface LoadResult {
  requests: number;
  rps: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, { count: number }>;
}

export interface LoadOptions {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** A body template: "{{i}}" becomes a per-request counter, "{{n}}" the index of the path used. */
  body?: string;
  /** Request paths cycled through, one per request (e.g. one callback URL per payment). */
  paths?: string[];
  /** Header whose value gets a unique suffix per request (e.g. Idempotency-Key). */
  uniqueHeader?: string;
  connections: number;
  duration: number;
  overallRate?: number;
  /**
   * Open loop at exactly this many requests a second, evenly spaced (one every 1000/rate ms, on up
   * to `connections` kept-alive sockets), instead of autocannon: autocannon's rate lets each
   * connection send its second's share back to back at the start of the second, so "10/s on 10
   * connections" is a burst of 10 concurrent requests every second, and the server's figures are
   * the burst's queue.
   */
  pacedRate?: number;
}

const script = path.join(import.meta.dirname, "load-process.ts");

/** Runs load-process.ts as a child process on loopback and returns autocannon's summary. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The spec can hold thousands of paths: too big for argv, so it goes through stdin.
    const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["pipe", "pipe", "inherit"] });
    child.stdin.end(JSON.stringify(options));
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      try {
        resolve(JSON.parse(out) as LoadResult);
      } catch (error) {
        reject(new Error(`load generator printed no result: ${out.slice(0, 200)}`, { cause: error }));
      }
    });
  });
}
