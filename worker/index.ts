// The worker process: works every job in lib/main/worker-jobs.ts on the shared PostgreSQL.
import { ConfigError, getEnv } from "@/lib/env";
import { disconnectDb, getDb } from "@/lib/db/client";
import { jobDefinitions } from "@/lib/main/worker-jobs";
import { startWorker } from "@/lib/jobs/runtime";
import { createLogger } from "@/lib/logger";
import { startWorkerMetricsServer } from "@/lib/metrics/worker-metrics-server";

const log = createLogger("worker");

try {
  getEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const runtime = await startWorker({ env: getEnv(), db: getDb(), definitions: jobDefinitions });
const metrics = await startWorkerMetricsServer(getEnv());
let stopping = false;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "stopping: no new jobs, waiting for in-flight ones");
  await runtime.stop();
  await metrics?.close();
  await disconnectDb();
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
