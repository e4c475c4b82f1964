// npm start – the whole gateway on one machine: database, migrations, demo data, simulators, worker, web.
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ConfigError, getEnv, type Env } from "@/lib/env";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { createPrisma } from "@/lib/db/client";
import { demoLogins } from "@/lib/demo/demo-secrets";
import { seedDemoData, type DemoCredentials } from "@/lib/launcher/seed-demo-data";
import { needsBuild, recordBuild } from "@/lib/launcher/build-if-needed";
import { startChild, type ManagedChild } from "@/lib/launcher/child-process";
import { waitForHealth } from "@/lib/launcher/wait-for-health";
import { vodacomResultUrl } from "@/lib/rails/vodacom/c2b-rail";

const root = path.resolve(import.meta.dirname, "../..");
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.chdir(root);
const dev = process.argv.includes("--dev");
// Children run TypeScript through tsx's loader inside plain node: signals reach our handlers directly.
const tsx = ["--import", "tsx"];
const next = path.join(root, "node_modules/next/dist/bin/next");

let env: Env;
try {
  env = getEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Malipo cannot start.\n${error.message}`);
    process.exit(1);
  }
  throw error;
}

const children: ManagedChild[] = [];
let database: RunningPostgres | null = null;
let shuttingDown = false;

let shutdownPromise: Promise<never> | null = null;

/** Idempotent: Ctrl-C signals npm, tsx and us at once, and a second signal must not cut it short. */
function shutdown(code: number): Promise<never> {
  shutdownPromise ??= (async () => {
    shuttingDown = true;
    console.log("\nstopping Malipo…");
    // Web first (no new requests), then worker and simulator, then the database they use.
    const web = children.find((c) => c.name === "web");
    await web?.stop();
    await Promise.all(children.filter((c) => c !== web).map((c) => c.stop()));
    await database?.stop().catch(() => undefined);
    console.log("stopped.");
    process.exit(code);
  })();
  return shutdownPromise;
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  await main();
} catch (error) {
  console.error(`Malipo failed to start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}

async function main() {
  console.log(`Malipo – ${env.mode} mode${dev ? " (development server)" : ""}`);
  let databaseUrl = env.database.url;
  if (env.database.provided) {
    await checkDatabase(databaseUrl);
    console.log(`database: ${redactUrl(databaseUrl)}`);
  } else {
    database = await startEmbeddedPostgres({ dataDir: env.database.embeddedDir, port: env.database.embeddedPort, database: "malipo" });
    databaseUrl = database.url;
    console.log(`database: embedded PostgreSQL on port ${env.database.embeddedPort}, data in ${env.database.embeddedDir}`);
  }
  const migrated = await migrate(databaseUrl);
  console.log(`migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already up to date`);

  let credentials: DemoCredentials | null = null;
  if (env.demo) {
    const db = createPrisma(databaseUrl, 2);
    credentials = await seedDemoData(db, demoLogins(env.demo.secrets)).finally(() => db.$disconnect());
  }

  if (!dev && (await needsBuild(root))) {
    console.log("building the web app (first start or sources changed)…");
    const build = startChild("build", process.execPath, [next, "build"], { ...process.env, NODE_ENV: "production" });
    children.push(build);
    const code = await build.exited;
    children.splice(children.indexOf(build), 1);
    if (code !== 0) throw new Error("next build failed");
    await recordBuild(root);
  }

  // The secrets as this process resolved them (demo mode: this installation's), so every child agrees.
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: databaseUrl, MALIPO_MODE: env.mode, PORT: String(env.port), HOST: env.host,
    AUTH_SECRET: env.secrets.auth, CALLBACK_SECRET: env.secrets.callback, DATA_SECRET: env.secrets.data,
  };
  if (env.daraja.usesSimulator && existsSync(path.join(root, "lib/main/daraja-simulator.ts"))) {
    children.push(startChild("simulator", process.execPath, [...tsx, "lib/main/daraja-simulator.ts"], { ...childEnv, MALIPO_SERVICE: "simulator" }));
  }
  if (env.vodacom.usesSimulator && existsSync(path.join(root, "lib/main/vodacom-simulator.ts"))) {
    children.push(startChild("vodacom-simulator", process.execPath, [...tsx, "lib/main/vodacom-simulator.ts", ...vodacomSimulatorArgs(env)], { ...childEnv, MALIPO_SERVICE: "vodacom-simulator" }));
  }
  children.push(startChild("worker", process.execPath, [...tsx, "worker/index.ts"], { ...childEnv, MALIPO_SERVICE: "worker" }));
  children.push(
    // NODE_ENV stays the operator's: the web server sets Next's own after it has read the settings.
    startChild("web", process.execPath, [...tsx, "lib/main/web.ts", ...(dev ? ["--dev"] : [])], { ...childEnv, MALIPO_SERVICE: "web" }),
  );
  for (const child of children) {
    void child.exited.then((code) => {
      if (!shuttingDown) {
        console.error(`${child.name} exited unexpectedly (code ${code}); stopping everything`);
        void shutdown(1);
      }
    });
  }

  const healthy = await waitForHealth(`http://127.0.0.1:${env.port}/api/health`, dev ? 180_000 : 90_000, () => !shuttingDown);
  if (!healthy) throw new Error("the gateway did not become healthy in time");
  printBanner(credentials);
}

function printBanner(credentials: DemoCredentials | null) {
  const lines = [
    "",
    "Malipo is running.",
    `  dashboard:  ${env.publicUrl}/login`,
    `  API:        ${env.publicUrl}/api/v1   (health: ${env.publicUrl}/api/health)`,
  ];
  if (env.daraja.usesSimulator) lines.push(`  simulator:  ${env.simulator.url}   (customer's phone: ${env.simulator.url}/phone)`);
  if (env.vodacom.usesSimulator) lines.push(`  Vodacom:    ${env.vodacom.simulator.url}   (M-Pesa Tanzania simulator; customer's phone: ${env.vodacom.simulator.url}/phone)`);
  if (env.metrics.token && env.demo) lines.push(`  metrics:    curl -H "Authorization: Bearer ${env.metrics.token}" ${env.publicUrl}/metrics`);
  if (credentials && env.demo) {
    lines.push(
      "",
      `Demo logins (random for this installation, kept in ${env.demo.secretsDir}/, owner-only):`,
      `  admin:    ${credentials.admin.email} / ${credentials.admin.password}`,
      `  finance:  ${credentials.finance.email} / ${credentials.finance.password}`,
      `  storefront "${credentials.storefront.name}" test API key: ${credentials.storefront.testApiKey}`,
      "",
      "Make a test payment (the simulator's success number; it shows on the dashboard in test mode):",
      `  curl -X POST ${env.publicUrl}/api/v1/payments \\`,
      `    -H "Authorization: Bearer ${credentials.storefront.testApiKey}" -H "Idempotency-Key: demo-$(date +%s)" \\`,
      `    -H "Content-Type: application/json" -d '{"amount": 10, "phone": "254708374149", "reference": "DEMO1"}'`,
    );
  }
  if (env.host !== "127.0.0.1" && env.host !== "localhost" && env.host !== "::1" && env.demo) {
    lines.push("", `Warning: demo mode is listening on ${env.host}; anyone who can reach it can try the printed logins.`);
  }
  lines.push("", "Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}

/**
 * The Vodacom simulator as the demo's Vodacom rail expects it: the rail reads its public key from
 * it, waits out the same activation delay, and (in the asynchronous form) has its results posted
 * to the test mode's result URL.
 */
function vodacomSimulatorArgs(config: Env): string[] {
  const sim = config.vodacom.simulator;
  const args = ["--host", sim.host, "--port", String(sim.port), "--activation-delay-ms", String(sim.activationDelayMs)];
  if (config.vodacom.test?.isSimulator && config.vodacom.test.responseMode === "async") args.push("--result-url", vodacomResultUrl(config.publicUrl, config.secrets.callback, "TEST"));
  return args;
}

async function checkDatabase(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot reach DATABASE_URL (${redactUrl(url)}): ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
