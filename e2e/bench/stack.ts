import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { needsBuild, recordBuild } from "@/lib/launcher/build-if-needed";
import { waitForHealth } from "@/lib/launcher/wait-for-health";
import { freePort } from "@/lib/testing/free-port";

/**
 * The stack under measurement, started the way `npm start` starts it but on throwaway ports and
 * data: embedded PostgreSQL, the simulator with zero delays, one worker and one web process.
 */

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const BENCH_CALLBACK_SECRET = "bench-callback-secret-bench-callback-secret";
export const BENCH_METRICS_TOKEN = "bench-metrics-token-bench-metrics-token";

export interface Stack {
  webUrl: string;
  simulatorUrl: string;
  databaseUrl: string;
  db: PrismaClient;
  env: Record<string, string>;
  pids: { web: number; worker: number; simulator: number };
  /** Starts another process with the stack's environment (baselines, extra workers). */
  spawnWithEnv(args: string[], extra?: Record<string, string>): ChildProcess;
  stop(): Promise<void>;
}

export async function startStack(log: (line: string) => void): Promise<Stack> {
  const dir = await mkdtemp(path.join(tmpdir(), "malipo-bench-"));
  await chmod(dir, 0o755);
  const [pgPort, webPort, simPort] = [await freePort(), await freePort(), await freePort()];
  log(`starting PostgreSQL on ${pgPort}`);
  const pg: RunningPostgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: pgPort, database: "malipo" });
  await migrate(pg.url);
  if (await needsBuild(ROOT)) {
    log("building the web app");
    await run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { NODE_ENV: "production" });
    await recordBuild(ROOT);
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/root",
    MALIPO_MODE: "demo",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: pg.url,
    DATABASE_POOL_SIZE: "20",
    PORT: String(webPort),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${webPort}`,
    CALLBACK_SECRET: BENCH_CALLBACK_SECRET,
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
    CALLBACK_SPOOL_DIR: path.join(dir, "spool"),
    SIMULATOR_PORT: String(simPort),
    SIMULATOR_CALLBACK_DELAY_MS: "0",
    SIMULATOR_SEED: "bench",
    API_RATE_LIMIT_PER_MINUTE: "100000",
    LOG_LEVEL: "warn",
  };
  const spawnWithEnv = (args: string[], extra: Record<string, string> = {}) =>
    spawn(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, env: { ...env, ...extra } as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "inherit"] });
  const simulator = spawnWithEnv(["lib/main/daraja-simulator.ts"]);
  const worker = spawnWithEnv(["worker/index.ts"]);
  // BENCH_PROFILE_DIR=<dir>: the web process writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const web = spawn(process.execPath, [...profile, "--import", "tsx", "lib/main/web.ts"], { cwd: ROOT, env: env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "inherit"] });
  const children = [web, worker, simulator];
  const webUrl = `http://127.0.0.1:${webPort}`;
  if (!(await waitForHealth(`${webUrl}/api/health`, 120_000, () => children.every((c) => c.exitCode === null)))) {
    await Promise.all(children.map((c) => stopChild(c)));
    await pg.stop();
    throw new Error("the stack did not become healthy");
  }
  log(`stack up: web ${webUrl}, simulator :${simPort}`);
  const db = createPrisma(pg.url, 8);
  return {
    webUrl,
    simulatorUrl: `http://127.0.0.1:${simPort}`,
    databaseUrl: pg.url,
    db,
    env,
    pids: { web: web.pid!, worker: worker.pid!, simulator: simulator.pid! },
    spawnWithEnv,
    async stop() {
      await db.$disconnect();
      await Promise.all(children.map((c) => stopChild(c)));
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => { clearTimeout(timer); resolve(); });
    child.kill("SIGTERM");
  });
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

/** Peak resident memory (VmHWM) and current RSS of a process, in MiB, from /proc. */
export async function memoryOf(pid: number): Promise<{ peakMiB: number; rssMiB: number }> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peakMiB: kb("VmHWM") / 1024, rssMiB: kb("VmRSS") / 1024 };
}
