import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** A TypeScript entrypoint of this project running as a real process, as the launcher starts it. */
export interface NodeProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for assertions and failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

export function spawnTsx(script: string, env: Record<string, string>): NodeProcess {
  return spawnNode(["--import", "tsx", script], env);
}

/** Plain `node <args>` (compiled output, as the container image runs it), with only `env` and PATH/HOME. */
export function spawnNode(args: string[], env: Record<string, string>, cwd = ROOT): NodeProcess {
  let output = "";
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env } as unknown as NodeJS.ProcessEnv,
  });
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  // "close", not "exit": by then everything it printed has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => output,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls until `check` holds, or throws naming `what`, with the end of each given process's output. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string, ...procs: NodeProcess[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      const outputs = procs.map((p, i) => `\n--- output of process ${i + 1} (pid ${p.child.pid}):\n${p.output().slice(-3000)}`).join("");
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${outputs}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
