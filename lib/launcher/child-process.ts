import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";

/**
 * Children of `npm start`, each in its own process group so Ctrl-C can stop the whole tree (Next
 * spawns a next-server of its own) and nothing is left behind.
 */

export interface ManagedChild {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

const COLORS: Record<string, string> = { web: "\x1b[36m", worker: "\x1b[35m", simulator: "\x1b[33m", build: "\x1b[34m" };
const RESET = "\x1b[0m";

export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ManagedChild {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const color = process.stdout.isTTY ? (COLORS[name] ?? "") : "";
  const label = `${color}${name.padEnd(9)}${color ? RESET : ""}|`;
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on("line", (line) => process.stdout.write(`${label} ${formatLine(line)}\n`));
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    name,
    process: child,
    exited,
    async stop(timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
      // Grandchildren (next-server) may outlive their parent for a moment: end the group.
      signalGroup(child, "SIGKILL");
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Pino's JSON lines become "level scope: message" for a person at a terminal. */
function formatLine(line: string): string {
  if (!line.startsWith("{")) return line;
  try {
    const entry = JSON.parse(line) as { level?: string; scope?: string; msg?: string; time?: string } & Record<string, unknown>;
    const { level, scope, msg, time: _time, service: _service, pid: _pid, hostname: _host, ...rest } = entry;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : "";
    return `${(level ?? "").padEnd(5)} ${scope ? `${scope}: ` : ""}${msg ?? ""}${extra}`;
  } catch {
    return line;
  }
}
