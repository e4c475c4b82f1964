import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, chmod } from "node:fs/promises";
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

function launch(env: Record<string, string>): Launch {
  let output = "";
  // detached: its own process group, like a terminal's foreground job that Ctrl-C signals as a whole.
  const child = spawn(process.execPath, ["--import", "tsx", "lib/launcher/start.ts"], {
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

  it("starts everything, stops everything on Ctrl-C, and finds the same data on the next start", { timeout: 420_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "malipo-launch-"));
    await chmod(dir, 0o755);
    dirs.push(dir);
    const [port, pgPort, simPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      PORT: String(port), HOST: "127.0.0.1", EMBEDDED_PG_DIR: path.join(dir, "postgres"), EMBEDDED_PG_PORT: String(pgPort),
      SIMULATOR_PORT: String(simPort), CALLBACK_SPOOL_DIR: path.join(dir, "spool"), LOG_LEVEL: "warn",
    };
    const dbUrl = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/malipo`;

    const first = launch(env);
    await waitFor(() => first.output().includes("Malipo is running."), 300_000, "the first start");
    const health = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: "ok", database: { status: "up" }, worker: { status: "up" } });
    expect((await fetch(`http://127.0.0.1:${port}/login`)).status).toBe(200);
    expect(first.output()).toMatch(/admin:\s+admin@malipo\.local \/ \S+/);
    expect(await isPortInUse(simPort)).toBe(true);
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    await client.query(`INSERT INTO storefronts (id, name, updated_at) VALUES ('sf_restart_marker', 'Marker', now())`);
    await client.end();

    process.kill(-first.child.pid!, "SIGINT");
    expect(await first.exited).toBe(0);
    for (const p of [port, pgPort, simPort]) expect(await isPortInUse(p)).toBe(false);
    expect(processesMentioning(dir)).toEqual([]);

    const second = launch(env);
    await waitFor(() => second.output().includes("Malipo is running."), 120_000, "the second start");
    expect(second.output()).toMatch(/migrations: 0 applied/);
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
  });
});
