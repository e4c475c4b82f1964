import os from "node:os";
import path from "node:path";
import { demoLogins, loadDemoSecrets } from "@/lib/demo/demo-secrets";

/**
 * The stack the browser tests run against: the real launcher (`npm start`) with its own ports, a
 * throwaway embedded database, and short simulator delays so flows finish in seconds.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 4410);
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 54410);
// The Vodacom simulator beside Daraja's: its own setting, else a port derived from the Daraja one.
export const E2E_VODACOM_SIMULATOR_PORT = Number(process.env.E2E_VODACOM_SIMULATOR_PORT ?? E2E_SIMULATOR_PORT + 1000);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const SIMULATOR_URL = `http://127.0.0.1:${E2E_SIMULATOR_PORT}`;

// One folder per run; the config module is evaluated again in each worker, so derive it from the
// parent's pid, which Playwright's runner and its workers share as an ancestor.
const runId = process.env.MALIPO_E2E_RUN_ID ?? String(process.pid);
process.env.MALIPO_E2E_RUN_ID = runId;

export const stackEnv: Record<string, string> = {
  MALIPO_MODE: "demo",
  PORT: String(E2E_PORT),
  HOST: "127.0.0.1",
  PUBLIC_URL: BASE_URL,
  EMBEDDED_PG_DIR: path.join(os.tmpdir(), `malipo-e2e-${runId}`, "postgres"),
  EMBEDDED_PG_PORT: String(E2E_PG_PORT),
  CALLBACK_SPOOL_DIR: path.join(os.tmpdir(), `malipo-e2e-${runId}`, "spool"),
  DEMO_SECRETS_DIR: path.join(os.tmpdir(), `malipo-e2e-${runId}`, "demo"),
  // The webhook tests' storefront listens on loopback.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
  SIMULATOR_PORT: String(E2E_SIMULATOR_PORT),
  VODACOM_SIMULATOR_PORT: String(E2E_VODACOM_SIMULATOR_PORT),
  SIMULATOR_CALLBACK_DELAY_MS: "500",
  SIMULATOR_LATE_CALLBACK_DELAY_MS: "8000",
  SIMULATOR_HANG_MS: "4000",
  // A second Daraja app with a till, for the collection-accounts test to set up from the dashboard.
  SIMULATOR_EXTRA_ACCOUNTS: "e2e-till-consumer-key:e2e-till-consumer-secret:600300:e2e-till-passkey:5123456",
  DARAJA_TIMEOUT_MS: "2000",
  RECONCILE_AFTER_SECONDS: "2",
  PAYMENT_EXPIRY_SECONDS: "20",
  SWEEP_INTERVAL_SECONDS: "2",
  // Webhook retries in seconds, not minutes, so a test can watch three attempts.
  WEBHOOK_BACKOFF_BASE_SECONDS: "2",
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
};

/**
 * The demo logins the launcher seeds. They are random per installation: the first evaluation of this
 * module (Playwright's runner, before it starts the launcher) makes the run's secrets file, and the
 * launcher and every worker read the same one.
 */
export const demo = demoLogins(loadDemoSecrets(stackEnv.DEMO_SECRETS_DIR!).secrets);
