import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";

/** The command line of the cost scripts (callback-cost.ts, create-cost.ts): `--name value` options and bare flags. */
const args = process.argv.slice(2);

export function numberOption(name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

export function stringOption(name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

export function hasFlag(name: string): boolean {
  return args.includes(`--${name}`);
}

/**
 * Starts this process's V8 CPU profiler when `path` is given (open the file in Chrome's DevTools);
 * the function returned stops it and writes the profile, so only the measured rounds are in it.
 */
export async function startProfiling(path: string | undefined): Promise<() => Promise<void>> {
  if (!path) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    await writeFile(path, JSON.stringify(profile));
    session.disconnect();
  };
}
