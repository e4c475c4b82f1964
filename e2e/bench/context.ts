import type { Figure } from "./report";
import type { Stack } from "./stack";

export interface BenchContext {
  stack: Stack;
  /** Tiny sizes and durations: proves the harness works, measures nothing. */
  smoke: boolean;
  log: (line: string) => void;
  figure: (figure: Omit<Figure, "scenario">) => void;
  series: (name: string, data: unknown) => void;
}

export interface Scenario {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<void>;
}

/** Polls until `check` holds or `ms` pass; returns whether it held. */
export async function waitUntil(check: () => Promise<boolean>, ms: number, everyMs = 200): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}
