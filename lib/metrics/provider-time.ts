import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Time a request spends waiting for M-Pesa (a token, a push, a query), counted apart so that what
 * is left is Malipo's own time — what Malipo can make faster, as payment gateways measure their
 * overhead. A request runs in `measureRequestTime`; each provider call inside it is wrapped in
 * `timeProviderCall`, and a wait on another request (a retry waiting for the first request of its
 * Idempotency-Key, itself waiting on M-Pesa) in `timeWaitOnOther`: neither is Malipo's own time.
 * Outside a measured request the wrappers only call.
 */
interface RequestClock {
  providerMs: number;
  waitMs: number;
}

const current = new AsyncLocalStorage<RequestClock>();

export async function measureRequestTime<T>(run: () => Promise<T>): Promise<{ result: T; totalMs: number; providerMs: number; ownMs: number }> {
  const clock: RequestClock = { providerMs: 0, waitMs: 0 };
  const started = performance.now();
  const result = await current.run(clock, run);
  const totalMs = performance.now() - started;
  return { result, totalMs, providerMs: clock.providerMs, ownMs: Math.max(0, totalMs - clock.providerMs - clock.waitMs) };
}

export function timeProviderCall<T>(call: () => Promise<T>): Promise<T> {
  return timed("providerMs", call);
}

export function timeWaitOnOther<T>(call: () => Promise<T>): Promise<T> {
  return timed("waitMs", call);
}

async function timed<T>(field: keyof RequestClock, call: () => Promise<T>): Promise<T> {
  const clock = current.getStore();
  if (!clock) return call();
  const started = performance.now();
  try {
    return await call();
  } finally {
    clock[field] += performance.now() - started;
  }
}
