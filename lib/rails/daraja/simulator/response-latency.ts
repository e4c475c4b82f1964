import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimulatorContext } from "./context";
import { sendJson } from "./http";
import { readSimJson } from "./sim-json";

/**
 * How long the simulator waits before answering Daraja's three hot endpoints, as the real API
 * takes (roughly 250 ms for a token, 600 ms for a push, 300 ms for a query from Nairobi). Zero by
 * default: tests want answers at once. The bench turns it on to show what a route that asks for a
 * token per push pays, and sets it back.
 */
export interface ResponseLatency {
  oauthMs: number;
  pushMs: number;
  queryMs: number;
}

export const NO_LATENCY: ResponseLatency = { oauthMs: 0, pushMs: 0, queryMs: 0 };
const MAX_MS = 60_000;

/** Validated, whole milliseconds from 0 to a minute; null when any given field is not. */
export function parseLatency(input: Record<string, unknown>, base: ResponseLatency): ResponseLatency | null {
  const next = { ...base };
  for (const key of Object.keys(NO_LATENCY) as (keyof ResponseLatency)[]) {
    if (input[key] === undefined) continue;
    const value = input[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_MS) return null;
    next[key] = value;
  }
  return Object.keys(input).every((k) => Object.hasOwn(NO_LATENCY, k)) ? next : null;
}

type Handler<A extends unknown[]> = (ctx: SimulatorContext, ...rest: A) => unknown;

/** The handler, answered after the context's current latency for its endpoint. */
export function afterLatency<A extends unknown[]>(which: keyof ResponseLatency, handler: Handler<A>): Handler<A> {
  return async (ctx, ...rest) => {
    const ms = ctx.latency[which];
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    return handler(ctx, ...rest);
  };
}

// GET /__sim/latency – the current response latency; POST with any of {oauthMs, pushMs, queryMs} sets them
export async function handleLatency(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "POST") {
    const body = await readSimJson(req);
    const next = body && parseLatency(body, ctx.latency);
    if (!next) return sendJson(res, 400, { error: "Send {oauthMs, pushMs, queryMs}: whole milliseconds from 0 to 60000." });
    Object.assign(ctx.latency, next);
  }
  sendJson(res, 200, { ...ctx.latency });
}
