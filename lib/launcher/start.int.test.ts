import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, chmod, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isPortInUse } from "@/lib/db/embedded";
import { freePort } from "@/lib/testing/free-port";

/** `npm start` as a person runs it: one command up, Ctrl-C down, nothing left behind, data kept. */

const root = path.resolve(import.meta.dirname, "../..");

interface Launch {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(env: Record<string, string>, script = "lib/main/launcher.ts"): Launch {
  let output = "";
  // detached: its own process group, like a terminal's foreground job that Ctrl-C signals as a whole.
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", NEXT_TELEMETRY_DISABLED: "1", ...env } as unknown as NodeJS.ProcessEnv,
  });
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => Promise<boolean> | boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function processesMentioning(text: string): string[] {
  return execFileSync("ps", ["-eo", "args"]).toString().split("\n").filter((line) => line.includes(text) && !line.includes("ps -eo"));
}

describe("npm start", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) {
      for (const line of processesMentioning(dir)) console.warn(`left behind: ${line}`);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses an invalid setting before starting anything, naming the variable", async () => {
    const port = await freePort();
    const run = launch({ DATABASE_URL: "mysql://root@localhost/shop", PORT: String(port) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(run.output()).not.toMatch(/database:|migrations:/);
    expect(await isPortInUse(port)).toBe(false);
  });

  it("refuses demo mode under NODE_ENV=production, and demo mode with live Daraja credentials, before starting anything", async () => {
    const port = await freePort();
    const conflict = launch({ MALIPO_MODE: "demo", NODE_ENV: "production", PORT: String(port) });
    expect(await conflict.exited).toBe(1);
    expect(conflict.output()).toMatch(/MALIPO_MODE: demo cannot run with NODE_ENV=production/);
    const live = launch({
      PORT: String(port), DARAJA_LIVE_CONSUMER_KEY: "key", DARAJA_LIVE_CONSUMER_SECRET: "secret", DARAJA_LIVE_SHORTCODE: "600000", DARAJA_LIVE_PASSKEY: "passkey",
    });
    expect(await live.exited).toBe(1);
    expect(live.output()).toMatch(/DARAJA_LIVE_CONSUMER_KEY: live Daraja credentials are refused in demo mode/);
    for (const run of [conflict, live]) expect(run.output()).not.toMatch(/database:|migrations:/);
    expect(await isPortInUse(port)).toBe(false);
  });

  it("starts everything, stops everything on Ctrl-C, and finds the same data on the next start", { timeout: 420_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "malipo-launch-"));
    await chmod(dir, 0o755);
    dirs.push(dir);
    const [port, pgPort, simPort, vodacomPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    // No HOST: demo mode must listen on loopback by itself.
    const env = {
      PORT: String(port), EMBEDDED_PG_DIR: path.join(dir, "postgres"), EMBEDDED_PG_PORT: String(pgPort),
      SIMULATOR_PORT: String(simPort), VODACOM_SIMULATOR_PORT: String(vodacomPort), CALLBACK_SPOOL_DIR: path.join(dir, "spool"), DEMO_SECRETS_DIR: path.join(dir, "demo"), LOG_LEVEL: "warn",
    };
    const dbUrl = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/malipo`;

    const first = launch(env);
    await waitFor(() => first.output().includes("Malipo is running."), 300_000, "the first start");
    const health = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: "ok", database: { status: "up" }, worker: { status: "up" } });
    expect((await fetch(`http://127.0.0.1:${port}/login`)).status).toBe(200);
    const firstPassword = demoPassword(first.output());
    const secrets = JSON.parse(await readFile(path.join(dir, "demo", "secrets.json"), "utf8")) as { adminPassword: string; authSecret: string };
    expect(secrets.adminPassword).toBe(firstPassword);
    expect((await stat(path.join(dir, "demo", "secrets.json"))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, "demo"))).mode & 0o777).toBe(0o700);
    expect(await isPortInUse(simPort)).toBe(true);
    // Both rails exist in demo mode: the Vodacom simulator runs beside Daraja's and publishes its key.
    expect(first.output()).toContain(`Vodacom:    http://127.0.0.1:${vodacomPort}`);
    const vodacomKey = await fetch(`http://127.0.0.1:${vodacomPort}/__sim/public-key`).then((r) => r.json());
    expect(vodacomKey).toMatchObject({ publicKey: expect.stringMatching(/^MII/) });
    expect(listeningAddresses(port)).toEqual(["127.0.0.1"]);
    // The banner's curl, pasted into a shell, creates a test payment.
    const created = JSON.parse(execFileSync("bash", ["-c", bannerCurl(first.output())]).toString()) as { id: string; livemode: boolean };
    expect(created).toMatchObject({ id: expect.stringMatching(/^pay_/), livemode: false });
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    await client.query(`INSERT INTO storefronts (id, name, updated_at) VALUES ('sf_restart_marker', 'Marker', now())`);
    await client.end();

    process.kill(-first.child.pid!, "SIGINT");
    expect(await first.exited).toBe(0);
    for (const p of [port, pgPort, simPort, vodacomPort]) expect(await isPortInUse(p)).toBe(false);
    expect(processesMentioning(dir)).toEqual([]);

    const second = launch(env);
    await waitFor(() => second.output().includes("Malipo is running."), 120_000, "the second start");
    expect(second.output()).toMatch(/migrations: 0 applied/);
    expect(demoPassword(second.output())).toBe(firstPassword);
    const again = new pg.Client({ connectionString: dbUrl });
    await again.connect();
    const { rows } = await again.query(`SELECT count(*)::int AS n FROM storefronts WHERE id = 'sf_restart_marker'`);
    const users = await again.query(`SELECT count(*)::int AS n FROM users`);
    await again.end();
    expect(rows[0].n).toBe(1);
    expect(users.rows[0].n).toBe(2);
    process.kill(-second.child.pid!, "SIGINT");
    expect(await second.exited).toBe(0);
    expect(processesMentioning(dir)).toEqual([]);

    // Another installation (its own data folders) prints other logins: none come from the source.
    // Set up with the scripts a separate deployment would use (migrate, seed), which print the same
    // logins without starting the whole gateway a third time on a busy machine.
    const other = await mkdtemp(path.join(tmpdir(), "malipo-launch-"));
    await chmod(other, 0o755);
    dirs.push(other);
    const otherEnv = { ...env, EMBEDDED_PG_DIR: path.join(other, "postgres"), CALLBACK_SPOOL_DIR: path.join(other, "spool"), DEMO_SECRETS_DIR: path.join(other, "demo") };
    const migrated = launch(otherEnv, "lib/main/migrate.ts");
    expect(await migrated.exited, migrated.output()).toBe(0);
    const seeded = launch(otherEnv, "prisma/seed.ts");
    expect(await seeded.exited, seeded.output()).toBe(0);
    expect(demoPassword(seeded.output())).not.toBe(firstPassword);
    const otherSecrets = JSON.parse(await readFile(path.join(other, "demo", "secrets.json"), "utf8")) as { adminPassword: string; authSecret: string };
    expect(otherSecrets.adminPassword).toBe(demoPassword(seeded.output()));
    expect(otherSecrets.authSecret).not.toBe(secrets.authSecret);
  });
});

function demoPassword(output: string): string {
  const match = /admin:\s+admin@malipo\.local \/ (\S+)/.exec(output);
  if (!match) throw new Error("the banner shows no admin login");
  return match[1]!;
}

/** The curl command the banner prints, joined from its continued lines. */
function bannerCurl(output: string): string {
  const lines = output.split("\n");
  const start = lines.findIndex((l) => l.trimStart().startsWith("curl -X POST"));
  if (start < 0) throw new Error("the banner shows no curl command");
  const command: string[] = [];
  for (let i = start; i < lines.length; i++) {
    command.push(lines[i]!);
    if (!lines[i]!.trimEnd().endsWith("\\")) break;
  }
  return `${command.join("\n")} --silent --show-error --fail`;
}

/** The local addresses something listens on at this TCP port (from ss). */
function listeningAddresses(port: number): string[] {
  const out = execFileSync("ss", ["-Hltn", `sport = :${port}`]).toString();
  return [...new Set(out.split("\n").filter(Boolean).map((line) => line.trim().split(/\s+/)[3]!.replace(/:\d+$/, "")))];
}
